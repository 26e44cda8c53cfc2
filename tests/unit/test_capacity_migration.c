/* Migration 019 on a database in use: the programme manager's role and
 * capacity kept with its dates.  A database at 018 holding staff of every
 * role then known, with their areas (a coordinator of two, a team leader,
 * an administrator, one holding two roles, one disabled) and capacities
 * set, is migrated: every user, role and role area is kept, each user
 * has one capacity change (their capacity, from the day the account was
 * made, set by nobody), the new role is taken and a role nobody knows is
 * still refused.  On SQLite (the role tables rebuilt inside the
 * migration's transaction) and, when ALONGSIDE_TEST_PG_URL is set, on
 * PostgreSQL (a database of its own, made and dropped by support/testdb). */
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

#define BEFORE 18  /* migrations before 019 */
#define ACOMB "a0000000000000000000000000000001"
#define HEWORTH "a0000000000000000000000000000002"
#define PRIYA "b0000000000000000000000000000001"
#define JO "b0000000000000000000000000000002"
#define ALEX "b0000000000000000000000000000003"
#define KIM "b0000000000000000000000000000004"
#define OLD "b0000000000000000000000000000005"

#define USER(id, name, capacity, made, disabled)                                         \
	" ('" id "', '" name "', '" name "', " capacity ", " disabled ", '" made "', '" made "')"

static const char old_rows[] =
	"INSERT INTO areas (id, name, covered, created_at, updated_at) VALUES"
	" ('" ACOMB "', 'Acomb', 1, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),"
	" ('" HEWORTH "', 'Heworth', 1, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');"
	"INSERT INTO users (id, username, display_name, capacity, disabled, created_at,"
	" updated_at) VALUES"
	USER(PRIYA, "priya", "40", "2026-02-03T09:15:00.000Z", "0") ","
	USER(JO, "jo.bennett", "55", "2026-01-05T10:00:00.000Z", "0") ","
	USER(ALEX, "alex", "55", "2025-12-31T23:30:00.000Z", "0") ","
	USER(KIM, "kim", "60", "2026-03-10T08:00:00.000Z", "0") ","
	USER(OLD, "old", "50", "2025-06-01T12:00:00.000Z", "1") ";"
	"INSERT INTO user_roles (user_id, role) VALUES"
	" ('" PRIYA "', 'coordinator'), ('" JO "', 'team_leader'), ('" ALEX "', 'administrator'),"
	" ('" KIM "', 'coordinator'), ('" KIM "', 'team_leader'), ('" OLD "', 'coordinator');"
	"INSERT INTO user_role_areas (user_id, role, area_id) VALUES"
	" ('" PRIYA "', 'coordinator', '" ACOMB "'), ('" PRIYA "', 'coordinator', '" HEWORTH "'),"
	" ('" JO "', 'team_leader', '" ACOMB "'), ('" JO "', 'team_leader', '" HEWORTH "'),"
	" ('" KIM "', 'coordinator', '" HEWORTH "'), ('" KIM "', 'team_leader', '" HEWORTH "'),"
	" ('" OLD "', 'coordinator', '" ACOMB "');"
	"INSERT INTO cover (id, user_id, area_id, starts_on, ends_on, created_by, created_at)"
	" VALUES ('c0000000000000000000000000000001', '" KIM "', '" ACOMB "', '2026-03-01',"
	" '2026-03-14', '" JO "', '2026-02-20T10:00:00.000Z');";

/* The rows a query answers, each as its cells joined by '|', one a line. */
static const char *lines(struct db *db, struct arena *a, const char *sql)
{
	struct db_rows rows;
	struct err e;
	int rc = db_run_plain(db, a, sql, &rows, &e);
	if (rc < 0)
		fprintf(stderr, "%s\n", e.msg);
	assert_int_equal(rc, 0);
	const char *out = "";
	for (size_t r = 0; r < rows.row_count; r++) {
		for (size_t c = 0; c < rows.column_count; c++)
			out = arena_printf(a, "%s%s%s", out, c ? "|" : "",
					   db_cell(&rows, r, c) ? db_cell(&rows, r, c) : "NULL");
		out = arena_printf(a, "%s\n", out);
	}
	return out;
}

static const char staff_query[] =
	"SELECT u.id, u.username, u.capacity, u.disabled, r.role,"
	" (SELECT count(*) FROM user_role_areas ra WHERE ra.user_id = r.user_id"
	" AND ra.role = r.role)"
	" FROM users u JOIN user_roles r ON r.user_id = u.id ORDER BY u.id, r.role";
static const char areas_query[] =
	"SELECT user_id, role, area_id FROM user_role_areas ORDER BY user_id, role, area_id";

static void keeps_every_user_role_and_area(struct db *db)
{
	struct arena *a = arena_new();
	testdb_run(db, old_rows);
	const char *staff = lines(db, a, staff_query);
	const char *areas = lines(db, a, areas_query);
	struct err e;
	int applied;
	int rc = migrate_apply(db, schema_migrations, schema_migration_count, &applied, &e);
	if (rc < 0)
		fprintf(stderr, "%s\n", e.msg);
	assert_int_equal(rc, 0);
	assert_int_equal(applied, (int)schema_migration_count - BEFORE);
	/* Every user, role and role area as it was. */
	assert_string_equal(lines(db, a, staff_query), staff);
	assert_string_equal(lines(db, a, areas_query), areas);
	assert_string_equal(lines(db, a, "SELECT user_id, area_id FROM cover"),
			    KIM "|" ACOMB "\n");
	/* One capacity change a user: their capacity from the (UTC) day
	 * their account was made, set by nobody, the disabled one's too. */
	assert_string_equal(lines(db, a,
				  "SELECT user_id, capacity, from_on, coalesce(set_by, 'none'),"
				  " set_at FROM capacity_changes ORDER BY user_id"),
			    PRIYA "|40|2026-02-03|none|2026-02-03T09:15:00.000Z\n"
			    JO "|55|2026-01-05|none|2026-01-05T10:00:00.000Z\n"
			    ALEX "|55|2025-12-31|none|2025-12-31T23:30:00.000Z\n"
			    KIM "|60|2026-03-10|none|2026-03-10T08:00:00.000Z\n"
			    OLD "|50|2025-06-01|none|2025-06-01T12:00:00.000Z\n");
	/* The role tables take the new role, keep their keys and references,
	 * and still refuse a role nobody knows. */
	struct db_conn *c;
	assert_int_equal(db_acquire(db, &c, &e), 0);
	assert_int_equal(db_exec_script(c, "INSERT INTO user_roles (user_id, role) VALUES"
					   " ('" ALEX "', 'programme_manager')",
					&e),
			 0);
	assert_true(db_exec_script(c, "INSERT INTO user_roles (user_id, role) VALUES"
				      " ('" ALEX "', 'commissioner')",
				   &e) < 0);
	assert_true(db_exec_script(c, "INSERT INTO user_roles (user_id, role) VALUES"
				      " ('" ALEX "', 'administrator')",
				   &e) < 0);
	assert_true(db_exec_script(c, "INSERT INTO user_role_areas (user_id, role, area_id) VALUES"
				      " ('" ALEX "', 'coordinator', '" ACOMB "')",
				   &e) < 0);
	assert_true(db_exec_script(c, "INSERT INTO capacity_changes (id, user_id, capacity,"
				      " from_on, set_at) VALUES ('x', '" ALEX "', 0, '2026-12-01',"
				      " '2026-12-01T00:00:00.000Z')",
				   &e) < 0);
	/* Taking a role away still takes its areas with it. */
	assert_int_equal(db_exec_script(c, "DELETE FROM user_roles WHERE user_id = '" KIM "'"
					   " AND role = 'team_leader'",
					&e),
			 0);
	db_release(c);
	assert_int_equal(testdb_count(db, a, "SELECT count(*) FROM user_role_areas"
					     " WHERE user_id = '" KIM "'"),
			 1);
	arena_free(a);
}

static void on_sqlite(void **state)
{
	(void)state;
	struct testdb t;
	struct db *db = testdb_open_upto(&t, BEFORE);
	keeps_every_user_role_and_area(db);
	struct arena *a = arena_new();
	assert_int_equal(testdb_count(db, a, "SELECT count(*) FROM sqlite_master"
					     " WHERE name LIKE '%before_019'"),
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
	keeps_every_user_role_and_area(testdb_open_pg_upto(&t, "alongside_m019", BEFORE));
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
