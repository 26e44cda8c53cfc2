/* The programme manager and capacity kept with its dates, on SQLite and,
 * when ALONGSIDE_TEST_PG_URL is set, on PostgreSQL (a database of its own
 * per test, made and dropped by support/testdb).  A programme manager has no areas (an
 * area given with the role is refused at its field, and nothing is
 * written) and reaches no person's record; every capacity set (a new
 * account's, an administrator's, the command line's, a team leader's)
 * is kept with today's date and who set it, in the same transaction, and
 * a refused one keeps nothing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/arena.h"
#include "core/date.h"
#include "core/err.h"
#include "core/id.h"
#include "db/db.h"
#include "domain/people/caseload.h"
#include "domain/people/person.h"
#include "domain/staff/access.h"
#include "domain/staff/caller.h"
#include "domain/staff/user.h"
#include "support/testdb.h"

#define ACOMB "a0000000000000000000000000000001"
#define HEWORTH "a0000000000000000000000000000002"
#define ANN "c0000000000000000000000000000001"
#define QUIET 42

struct fixture {
	struct db *db;
	struct arena *a;
	struct testdb tdb;
	char alex[ID_HEX_LEN + 1], priya[ID_HEX_LEN + 1], jo[ID_HEX_LEN + 1],
		sam[ID_HEX_LEN + 1];
	struct caller cli, as_alex, as_priya, as_jo, as_sam;
	char today[11];
};

static const char *const acomb[] = {"Acomb"};

static void add(struct fixture *f, const char *username, unsigned role, size_t areas, char *id)
{
	struct user_input in = {.username = username, .role = role, .areas = acomb,
				.area_count = areas};
	struct err e;
	int rc = user_add(f->db, &f->cli, &in, id, &e);
	if (rc != RESULT_OK)
		fprintf(stderr, "%s\n", e.msg);
	assert_int_equal(rc, RESULT_OK);
}

/* A signed-in member of staff, as the server makes one. */
static struct caller staff(struct fixture *f, const char *id)
{
	struct user *u;
	struct err e;
	assert_int_equal(user_load(f->db, f->a, id, &u, &e), RESULT_OK);
	return (struct caller){.kind = CALLER_STAFF, .user = u, .client_address = "192.0.2.1",
			       .request_id = "test"};
}

/* Areas, the people of the test and its staff, each made as the command
 * line makes them, on a migrated database. */
static void fill(struct fixture *f)
{
	testdb_run(f->db,
		   "INSERT INTO areas (id, name, covered, created_at, updated_at) VALUES"
		   " ('" ACOMB "', 'Acomb', 1, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),"
		   " ('" HEWORTH "', 'Heworth', 1, '2026-01-01T00:00:00Z',"
		   " '2026-01-01T00:00:00Z');"
		   "INSERT INTO people (id, name, area_id, created_at, updated_at) VALUES"
		   " ('" ANN "', 'Ann', '" ACOMB "', '2026-01-01T00:00:00Z',"
		   " '2026-01-01T00:00:00Z');");
	f->cli = caller_cli();
	add(f, "alex", USER_ADMINISTRATOR, 0, f->alex);
	add(f, "priya", USER_COORDINATOR, 1, f->priya);
	add(f, "jo.bennett", USER_TEAM_LEADER, 1, f->jo);
	add(f, "sam", USER_PROGRAMME_MANAGER, 0, f->sam);
	f->as_alex = staff(f, f->alex);
	f->as_priya = staff(f, f->priya);
	f->as_jo = staff(f, f->jo);
	f->as_sam = staff(f, f->sam);
	date_format(date_uk_today(time(NULL)), f->today);
}

static int setup(void **state, bool on_pg)
{
	struct fixture *f = calloc(1, sizeof *f);
	f->a = arena_new();
	f->db = on_pg ? testdb_open_pg(&f->tdb, "pm") : testdb_open(&f->tdb);
	fill(f);
	*state = f;
	return 0;
}

static int setup_sqlite(void **state)
{
	return setup(state, false);
}

/* A database of its own, migrated, on the test server; dropped after. */
static int setup_pg(void **state)
{
	return setup(state, true);
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	testdb_close(&f->tdb);
	arena_free(f->a);
	free(f);
	return 0;
}

static long count(struct fixture *f, const char *sql)
{
	return testdb_count(f->db, f->a, sql);
}

/* The capacity changes of one user, oldest first: capacity, from_on,
 * set_by ("" for none). */
static struct db_rows changes(struct fixture *f, const char *user_id)
{
	struct db_param p[] = {DB_TEXT(user_id)};
	struct db_rows rows;
	struct err e;
	assert_int_equal(db_run(f->db, f->a,
				"SELECT capacity, from_on, coalesce(set_by, '') FROM capacity_changes"
				" WHERE user_id = $1 ORDER BY set_at, capacity",
				p, &rows, &e),
			 0);
	return rows;
}

static void expect_change(struct fixture *f, const struct db_rows *rows, size_t i,
			  const char *capacity, const char *set_by)
{
	assert_true(i < rows->row_count);
	assert_string_equal(db_cell(rows, i, 0), capacity);
	assert_string_equal(db_cell(rows, i, 1), f->today);
	assert_string_equal(db_cell(rows, i, 2), set_by);
}

static void a_programme_manager_has_no_areas(void **state)
{
	struct fixture *f = *state;
	struct err e;
	assert_int_equal(user_role_parse("programme-manager"), USER_PROGRAMME_MANAGER);
	assert_int_equal(user_role_parse("programme_manager"), USER_PROGRAMME_MANAGER);
	assert_string_equal(user_role_name(USER_PROGRAMME_MANAGER), "programme_manager");
	assert_int_equal(f->as_sam.user->roles, USER_PROGRAMME_MANAGER);
	assert_int_equal(f->as_sam.user->coordinator_area_count + f->as_sam.user->team_area_count,
			 0);
	long users = count(f, "SELECT count(*) FROM users");
	long kept = count(f, "SELECT count(*) FROM capacity_changes");
	/* An area given with the role is refused at its field; nothing is
	 * written, by an administrator or the command line. */
	struct user_input in = {.username = "pat", .role = USER_PROGRAMME_MANAGER,
				.areas = acomb, .area_count = 1};
	char id[ID_HEX_LEN + 1];
	assert_int_equal(user_add(f->db, &f->as_alex, &in, id, &e), RESULT_INVALID);
	assert_int_equal(e.field_count, 1);
	assert_string_equal(e.fields[0].path, "areas");
	assert_non_null(strstr(e.fields[0].message, "programme manager"));
	assert_int_equal(user_set_role(f->db, &f->cli, "priya", USER_PROGRAMME_MANAGER, acomb, 1,
				       false, &e),
			 RESULT_INVALID);
	assert_string_equal(e.fields[0].path, "areas");
	assert_int_equal(count(f, "SELECT count(*) FROM users"), users);
	assert_int_equal(count(f, "SELECT count(*) FROM capacity_changes"), kept);
	assert_int_equal(count(f, "SELECT count(*) FROM user_roles"
				  " WHERE role = 'programme_manager'"),
			 1);
	/* A role nobody knows names the four there are. */
	in = (struct user_input){.username = "pat"};
	assert_int_equal(user_add(f->db, &f->as_alex, &in, id, &e), RESULT_INVALID);
	assert_string_equal(e.fields[0].path, "role");
	assert_non_null(strstr(e.fields[0].message, "programme_manager"));
	/* Without areas the role is given, and taken away again. */
	assert_int_equal(user_set_role(f->db, &f->as_alex, "priya", USER_PROGRAMME_MANAGER, NULL,
				       0, false, &e),
			 RESULT_OK);
	struct user *u;
	assert_int_equal(user_load(f->db, f->a, f->priya, &u, &e), RESULT_OK);
	assert_int_equal(u->roles, USER_COORDINATOR | USER_PROGRAMME_MANAGER);
	assert_int_equal(u->coordinator_area_count, 1);
	assert_int_equal(user_set_role(f->db, &f->as_alex, "priya", USER_PROGRAMME_MANAGER, NULL,
				       0, true, &e),
			 RESULT_OK);
	assert_int_equal(user_load(f->db, f->a, f->priya, &u, &e), RESULT_OK);
	assert_int_equal(u->roles, USER_COORDINATOR);
}

static void a_programme_manager_reaches_no_persons_record(void **state)
{
	struct fixture *f = *state;
	struct err e;
	assert_true(access_casework(&f->as_priya, ACOMB));
	assert_false(access_casework(&f->as_sam, ACOMB));
	assert_false(access_casework(&f->as_sam, HEWORTH));
	const char **areas;
	assert_int_equal(access_casework_areas(&f->as_sam, f->a, &areas), 0);
	assert_false(access_audit_area(&f->as_sam, ACOMB));
	struct person *p;
	assert_int_equal(person_get(f->db, &f->as_priya, ANN, f->a, &p, &e), RESULT_OK);
	assert_int_equal(person_get(f->db, &f->as_sam, ANN, f->a, &p, &e), RESULT_NOT_FOUND);
	struct caseload cl;
	assert_int_equal(caseload_get(f->db, &f->as_sam, f->priya, QUIET, f->a, &cl, &e),
			 RESULT_NOT_FOUND);
	assert_int_equal(caseload_set_capacity(f->db, &f->as_sam, f->priya, 30, &e),
			 RESULT_NOT_FOUND);
	/* Nor does a programme manager manage accounts. */
	assert_false(user_administers(&f->as_sam));
	assert_int_equal(user_set_capacity(f->db, &f->as_sam, "priya", 30, &e), RESULT_FORBIDDEN);
	assert_int_equal(count(f, "SELECT count(*) FROM users WHERE capacity = 30"), 0);
}

static void every_capacity_set_is_kept_with_its_day(void **state)
{
	struct fixture *f = *state;
	struct err e;
	/* Each account made has its first capacity from the day it was made;
	 * the command line sets it as nobody. */
	assert_int_equal(count(f, "SELECT count(*) FROM capacity_changes"), 4);
	struct db_rows rows = changes(f, f->priya);
	assert_int_equal(rows.row_count, 1);
	expect_change(f, &rows, 0, "55", "");
	/* An account an administrator makes names them. */
	struct user_input in = {.username = "tom", .role = USER_COORDINATOR, .areas = acomb,
				.area_count = 1};
	char tom[ID_HEX_LEN + 1];
	assert_int_equal(user_add(f->db, &f->as_alex, &in, tom, &e), RESULT_OK);
	rows = changes(f, tom);
	assert_int_equal(rows.row_count, 1);
	expect_change(f, &rows, 0, "55", f->alex);
	/* An administrator, the command line and the team leader: each kept,
	 * two on one day as well, the latest the one in force. */
	assert_int_equal(user_set_capacity(f->db, &f->as_alex, "priya", 40, &e), RESULT_OK);
	assert_int_equal(user_set_capacity(f->db, &f->cli, "priya", 42, &e), RESULT_OK);
	assert_int_equal(caseload_set_capacity(f->db, &f->as_jo, f->priya, 45, &e), RESULT_OK);
	rows = changes(f, f->priya);
	assert_int_equal(rows.row_count, 4);
	expect_change(f, &rows, 1, "40", f->alex);
	expect_change(f, &rows, 2, "42", "");
	expect_change(f, &rows, 3, "45", f->jo);
	struct caseload cl;
	assert_int_equal(caseload_get(f->db, &f->as_priya, NULL, QUIET, f->a, &cl, &e),
			 RESULT_OK);
	assert_int_equal(cl.capacity, 45);
	/* Refused or wrong: nothing kept. */
	assert_int_equal(user_set_capacity(f->db, &f->as_alex, "priya", 0, &e), RESULT_INVALID);
	assert_string_equal(e.fields[0].path, "capacity");
	assert_int_equal(user_set_capacity(f->db, &f->as_alex, "nobody", 50, &e),
			 RESULT_NOT_FOUND);
	assert_int_equal(user_set_capacity(f->db, &f->as_priya, "priya", 50, &e),
			 RESULT_FORBIDDEN);
	assert_int_equal(caseload_set_capacity(f->db, &f->as_jo, f->priya, 201, &e),
			 RESULT_INVALID);
	assert_int_equal(caseload_set_capacity(f->db, &f->as_priya, f->priya, 50, &e),
			 RESULT_NOT_FOUND);
	assert_int_equal(changes(f, f->priya).row_count, 4);
	assert_int_equal(count(f, "SELECT count(*) FROM capacity_changes"), 8);
	assert_int_equal(count(f, "SELECT count(*) FROM users WHERE capacity = 45"), 1);
}

#define PROGRAMME_MANAGER_TESTS(setup)                                                    \
	cmocka_unit_test_setup_teardown(a_programme_manager_has_no_areas, setup, teardown),    \
	cmocka_unit_test_setup_teardown(a_programme_manager_reaches_no_persons_record, setup, \
					teardown),                                             \
	cmocka_unit_test_setup_teardown(every_capacity_set_is_kept_with_its_day, setup,        \
					teardown)

int main(void)
{
	if (sodium_init() < 0)
		return 1;
	const struct CMUnitTest on_sqlite[] = {PROGRAMME_MANAGER_TESTS(setup_sqlite)};
	int failed = cmocka_run_group_tests_name("programme manager on sqlite", on_sqlite, NULL,
						 NULL);
	if (!getenv("ALONGSIDE_TEST_PG_URL")) {
		printf("programme manager on postgresql: not run (ALONGSIDE_TEST_PG_URL unset)\n");
		return failed;
	}
	const struct CMUnitTest on_pg[] = {PROGRAMME_MANAGER_TESTS(setup_pg)};
	return failed + cmocka_run_group_tests_name("programme manager on postgresql", on_pg,
						    NULL, NULL);
}
