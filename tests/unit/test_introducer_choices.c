/* Migration 018: the introducer choices that overlapped become one list.
 * A database at 017 holding an introduction of every old choice, with its
 * history and an involvement that names it, is migrated: each row keeps
 * its id, history and references, with its new choice; the old values are
 * refused after.  On SQLite (a table rebuilt inside the migration's
 * transaction) and, when ALONGSIDE_TEST_PG_URL is set, on PostgreSQL (a
 * database of its own, made and dropped by support/testdb). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/arena.h"
#include "core/err.h"
#include "db/db.h"
#include "db/migrate.h"
#include "support/testdb.h"

#define BEFORE 17  /* migrations before 018 */
#define ACOMB "a0000000000000000000000000000001"

#define INTRO(n, choice)                                                                  \
	" ('c000000000000000000000000000000" n "', 'new', '" ACOMB "', 'covered', 'P" n "',"  \
	" '" choice "', 'yes', 'phone', '2026-11-30T09:00:00.000Z', '2026-12-03',"          \
	" '2026-11-30T09:00:00.000Z', '2026-11-30T09:00:00.000Z')"

static const char old_rows[] =
	"INSERT INTO areas (id, name, covered, created_at, updated_at) VALUES"
	" ('" ACOMB "', 'Acomb', 1, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');"
	"INSERT INTO introductions (id, status, area_id, placement, person_name,"
	" introduced_by, person_knows, channel, received_at, due_on, created_at,"
	" updated_at) VALUES" INTRO("1", "self") "," INTRO("2", "family") ","
	INTRO("3", "friend_or_neighbour") "," INTRO("4", "professional") ","
	INTRO("5", "community") ";"
	"INSERT INTO introduction_history (id, introduction_id, at, status) VALUES"
	" ('e0000000000000000000000000000001', 'c0000000000000000000000000000001',"
	" '2026-11-30T09:00:00.000Z', 'new'),"
	" ('e0000000000000000000000000000003', 'c0000000000000000000000000000003',"
	" '2026-11-30T09:00:00.000Z', 'new');"
	"INSERT INTO people (id, name, area_id, created_at, updated_at) VALUES"
	" ('d0000000000000000000000000000004', 'P4', '" ACOMB "', '2026-12-01T00:00:00Z',"
	" '2026-12-01T00:00:00Z');"
	"INSERT INTO involvements (id, kind, area_id, introduction_id, started_on, created_at,"
	" updated_at) VALUES ('f0000000000000000000000000000004', 'walking_alongside',"
	" '" ACOMB "', 'c0000000000000000000000000000004', '2026-12-01', '2026-12-01T00:00:00Z',"
	" '2026-12-01T00:00:00Z');"
	"UPDATE introductions SET person_id = 'd0000000000000000000000000000004'"
	" WHERE id = 'c0000000000000000000000000000004';";

static void migrates_every_old_choice(struct db *db)
{
	struct arena *a = arena_new();
	testdb_run(db, old_rows);
	struct err e;
	int applied;
	int rc = migrate_apply(db, schema_migrations, schema_migration_count, &applied, &e);
	if (rc < 0)
		fprintf(stderr, "%s\n", e.msg);
	assert_int_equal(rc, 0);
	assert_int_equal(applied, (int)schema_migration_count - BEFORE);
	struct db_rows rows;
	assert_int_equal(db_run_plain(db, a,
				      "SELECT id, introduced_by, person_id FROM introductions"
				      " ORDER BY id",
				      &rows, &e),
			 0);
	static const char *const after[] = {"self", "family_or_friend", "family_or_friend",
					    "professional", "family_or_friend"};
	assert_int_equal(rows.row_count, 5);
	for (size_t i = 0; i < 5; i++)
		assert_string_equal(db_cell(&rows, i, 1), after[i]);
	assert_string_equal(db_cell(&rows, 3, 2), "d0000000000000000000000000000004");
	/* The history and what names an introduction are all still there. */
	assert_int_equal(testdb_count(db, a, "SELECT count(*) FROM introduction_history"), 2);
	assert_int_equal(testdb_count(db, a, "SELECT count(*) FROM involvements"
					     " WHERE introduction_id = 'c0000000000000000000000000000004'"),
			 1);
	assert_int_equal(testdb_count(db, a, "SELECT count(*) FROM introductions"
					     " WHERE introduced_by IN ('family', 'friend_or_neighbour',"
					     " 'community')"),
			 0);
	/* The new list is the only one the table takes; the index is back. */
	struct db_conn *c;
	assert_int_equal(db_acquire(db, &c, &e), 0);
	assert_int_equal(db_exec_script(c, "UPDATE introductions SET introduced_by = 'community_group'"
					   " WHERE id = 'c0000000000000000000000000000005'",
					&e),
			 0);
	assert_true(db_exec_script(c, "UPDATE introductions SET introduced_by = 'friend_or_neighbour'"
				      " WHERE id = 'c0000000000000000000000000000001'",
				   &e) < 0);
	assert_int_equal(db_exec_script(c, "DELETE FROM introduction_history"
					   " WHERE introduction_id = 'c0000000000000000000000000000003';"
					   "DELETE FROM introductions"
					   " WHERE id = 'c0000000000000000000000000000003'",
					&e),
			 0);
	/* A reference still holds: an introduction with an involvement
	 * cannot go. */
	assert_true(db_exec_script(c, "DELETE FROM introductions"
				      " WHERE id = 'c0000000000000000000000000000004'",
				   &e) < 0);
	db_release(c);
	arena_free(a);
}

static void on_sqlite(void **state)
{
	(void)state;
	struct testdb t;
	struct db *db = testdb_open_upto(&t, BEFORE);
	migrates_every_old_choice(db);
	struct arena *a = arena_new();
	assert_int_equal(testdb_count(db, a, "SELECT count(*) FROM sqlite_master"
					     " WHERE name = 'introductions_area'"),
			 1);
	assert_int_equal(testdb_count(db, a, "SELECT count(*) FROM sqlite_master"
					     " WHERE name LIKE '%before_018'"),
			 0);
	assert_int_equal(testdb_count(db, a, "SELECT count(*) FROM pragma_foreign_key_check"),
			 0);
	arena_free(a);
	testdb_close(&t);
}

static void on_postgresql(void **state)
{
	(void)state;
	if (!getenv("ALONGSIDE_TEST_PG_URL"))
		skip();
	/* A database of its own: the shared one is migrated already. */
	struct testdb t;
	struct db *db = testdb_open_pg_upto(&t, "alongside_m018", BEFORE);
	migrates_every_old_choice(db);
	struct arena *a = arena_new();
	assert_int_equal(testdb_count(db, a, "SELECT count(*) FROM pg_indexes"
					     " WHERE indexname = 'introductions_area'"),
			 1);
	arena_free(a);
	testdb_close(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(on_sqlite),
		cmocka_unit_test(on_postgresql),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
