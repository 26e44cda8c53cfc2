/* The ONS four, called on the domain directly: answers 0 to 10 or not
 * answered, a declined sitting with no answers, nothing written for bad
 * input, another area's coordinator told the person is not found (and
 * refused in the log), and a withdrawal kept with its reason.  On
 * SQLite, and on PostgreSQL too when ALONGSIDE_TEST_PG_URL is set. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/arena.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/outcomes/wellbeing.h"
#include "domain/staff/caller.h"
#include "domain/staff/user.h"
#include "support/testdb.h"

#define ACOMB "a0000000000000000000000000000001"
#define HEWORTH "a0000000000000000000000000000002"
#define PRIYA "b0000000000000000000000000000001"
#define TOM "b0000000000000000000000000000002"
#define ANN "c0000000000000000000000000000001"
#define NEW "c0000000000000000000000000000002"   /* never with the programme */
#define WALK "d0000000000000000000000000000001"

struct fixture {
	struct db *db;
	struct arena *arena;
	struct testdb tdb;
	struct user priya_user, tom_user;
	struct caller priya, tom;
};

static const char *acomb[] = {ACOMB};
static const char *heworth[] = {HEWORTH};

/* The run on PostgreSQL (ALONGSIDE_TEST_PG_URL): each test a database
 * of its own, migrated, dropped after; else SQLite (support/testdb.h). */
static bool on_pg;

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	f->arena = arena_new();
	f->db = on_pg ? testdb_open_pg(&f->tdb, "wellbeing") : testdb_open(&f->tdb);
#define T "'2025-01-01T00:00:00.000Z'"
	testdb_run(f->db,
	    "INSERT INTO areas (id, name, covered, created_at, updated_at) VALUES"
	    " ('" ACOMB "', 'Acomb', 1, " T ", " T "), ('" HEWORTH "', 'Heworth', 1, " T ", " T ");"
	    "INSERT INTO users (id, username, display_name, created_at, updated_at) VALUES"
	    " ('" PRIYA "', 'priya', 'Priya Shah', " T ", " T "),"
	    " ('" TOM "', 'tom', 'Tom', " T ", " T ");"
	    "INSERT INTO people (id, name, area_id, created_at, updated_at) VALUES"
	    " ('" ANN "', 'Ann Example', '" ACOMB "', " T ", " T "),"
	    " ('" NEW "', 'Nell Example', '" ACOMB "', " T ", " T ");"
	    "INSERT INTO involvements (id, kind, area_id, started_on, created_at, updated_at)"
	    " VALUES ('" WALK "', 'walking_alongside', '" ACOMB "', '2025-03-03', " T ", " T ");"
	    "INSERT INTO involvement_people (involvement_id, person_id) VALUES"
	    " ('" WALK "', '" ANN "');");
#undef T
	f->priya_user = (struct user){.id = PRIYA, .roles = USER_COORDINATOR,
				      .coordinator_areas = acomb, .coordinator_area_count = 1};
	f->tom_user = (struct user){.id = TOM, .roles = USER_COORDINATOR,
				    .coordinator_areas = heworth, .coordinator_area_count = 1};
	f->priya = (struct caller){.kind = CALLER_STAFF, .user = &f->priya_user,
				   .client_address = "127.0.0.1", .request_id = "test"};
	f->tom = f->priya;
	f->tom.user = &f->tom_user;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	testdb_close(&f->tdb);
	arena_free(f->arena);
	free(f);
	return 0;
}

static long count(struct fixture *f, const char *sql)
{
	return testdb_count(f->db, f->arena, sql);
}

static struct wellbeing_input sitting(int a, int b, int c, int d)
{
	return (struct wellbeing_input){"start", "2025-03-10", false, {a, b, c, d}};
}

static void records_four_measures_and_reads_them_back(void **state)
{
	struct fixture *f = *state;
	struct err e;
	const char *id;
	struct wellbeing_input in = sitting(0, 10, WELLBEING_NOT_ANSWERED, 7);
	assert_int_equal(wellbeing_record(f->db, &f->priya, ANN, &in, f->arena, &id, &e), RESULT_OK);
	struct wellbeing_sitting *list;
	size_t n;
	assert_int_equal(wellbeing_list(f->db, &f->priya, ANN, f->arena, &list, &n, &e), RESULT_OK);
	assert_int_equal(n, 1);
	assert_string_equal(list[0].id, id);
	assert_string_equal(list[0].involvement_id, WALK);
	assert_int_equal(list[0].answers[0], 0);
	assert_int_equal(list[0].answers[1], 10);
	assert_int_equal(list[0].answers[2], WELLBEING_NOT_ANSWERED);
	assert_int_equal(list[0].answers[3], 7);
	assert_false(list[0].declined);
	assert_int_equal(count(f, "SELECT count(*) FROM audit_log WHERE record_type = 'wellbeing'"
				  " AND action = 'create' AND outcome = 'ok'"),
			 1);
}

static void answers_outside_0_to_10_change_nothing(void **state)
{
	struct fixture *f = *state;
	struct err e;
	const char *id;
	struct wellbeing_input in = sitting(11, -2, 5, 5);
	in.point = "middle";
	in.taken_on = "2099-01-01";
	assert_int_equal(wellbeing_record(f->db, &f->priya, ANN, &in, f->arena, &id, &e),
			 RESULT_INVALID);
	assert_non_null(err_field_message(&e, "life_satisfaction"));
	assert_non_null(err_field_message(&e, "worthwhile"));
	assert_null(err_field_message(&e, "happy"));
	assert_non_null(err_field_message(&e, "point"));
	assert_non_null(err_field_message(&e, "taken_on"));
	assert_int_equal(count(f, "SELECT count(*) FROM wellbeing_answers"), 0);
}

static void declined_has_no_answers(void **state)
{
	struct fixture *f = *state;
	struct err e;
	const char *id;
	struct wellbeing_input in = sitting(5, WELLBEING_NOT_ANSWERED, WELLBEING_NOT_ANSWERED,
					    WELLBEING_NOT_ANSWERED);
	in.declined = true;
	assert_int_equal(wellbeing_record(f->db, &f->priya, ANN, &in, f->arena, &id, &e),
			 RESULT_INVALID);
	assert_non_null(err_field_message(&e, "declined"));
	struct wellbeing_input none = sitting(WELLBEING_NOT_ANSWERED, WELLBEING_NOT_ANSWERED,
					      WELLBEING_NOT_ANSWERED, WELLBEING_NOT_ANSWERED);
	assert_int_equal(wellbeing_record(f->db, &f->priya, ANN, &none, f->arena, &id, &e),
			 RESULT_INVALID);
	assert_non_null(err_field_message(&e, "declined"));
	assert_int_equal(count(f, "SELECT count(*) FROM wellbeing_answers"), 0);
	none.declined = true;
	assert_int_equal(wellbeing_record(f->db, &f->priya, ANN, &none, f->arena, &id, &e),
			 RESULT_OK);
	assert_int_equal(count(f, "SELECT count(*) FROM wellbeing_answers WHERE declined = 1"
				  " AND life_satisfaction IS NULL AND anxious IS NULL"),
			 1);
}

static void another_area_is_not_found_and_refused(void **state)
{
	struct fixture *f = *state;
	struct err e;
	const char *id;
	struct wellbeing_input in = sitting(5, 5, 5, 5);
	assert_int_equal(wellbeing_record(f->db, &f->tom, ANN, &in, f->arena, &id, &e),
			 RESULT_NOT_FOUND);
	assert_string_equal(e.subject, "person");
	struct wellbeing_sitting *list;
	size_t n;
	assert_int_equal(wellbeing_list(f->db, &f->tom, ANN, f->arena, &list, &n, &e),
			 RESULT_NOT_FOUND);
	assert_int_equal(count(f, "SELECT count(*) FROM wellbeing_answers"), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM audit_log WHERE record_type = 'wellbeing'"
				  " AND outcome = 'refused'"),
			 2);
}

static void none_with_the_programme_is_refused(void **state)
{
	struct fixture *f = *state;
	struct err e;
	const char *id;
	struct wellbeing_input in = sitting(5, 5, 5, 5);
	assert_int_equal(wellbeing_record(f->db, &f->priya, NEW, &in, f->arena, &id, &e),
			 RESULT_INVALID);
	assert_non_null(err_field_message(&e, "involvement"));
	assert_int_equal(count(f, "SELECT count(*) FROM wellbeing_answers"), 0);
}

static void withdrawn_with_a_reason_and_kept(void **state)
{
	struct fixture *f = *state;
	struct err e;
	const char *id;
	struct wellbeing_input in = sitting(5, 5, 5, 5);
	assert_int_equal(wellbeing_record(f->db, &f->priya, ANN, &in, f->arena, &id, &e), RESULT_OK);
	assert_int_equal(wellbeing_withdraw(f->db, &f->priya, ANN, id, "  ", f->arena, &e),
			 RESULT_INVALID);
	assert_non_null(err_field_message(&e, "why"));
	assert_int_equal(wellbeing_withdraw(f->db, &f->tom, ANN, id, "Wrong person", f->arena, &e),
			 RESULT_NOT_FOUND);
	assert_int_equal(count(f, "SELECT count(*) FROM wellbeing_answers WHERE withdrawn_at"
				  " IS NOT NULL"),
			 0);
	assert_int_equal(wellbeing_withdraw(f->db, &f->priya, ANN, id, "Entered for the wrong day",
					    f->arena, &e),
			 RESULT_OK);
	assert_int_equal(wellbeing_withdraw(f->db, &f->priya, ANN, id, "Again", f->arena, &e),
			 RESULT_CONFLICT);
	struct wellbeing_sitting *list;
	size_t n;
	assert_int_equal(wellbeing_list(f->db, &f->priya, ANN, f->arena, &list, &n, &e), RESULT_OK);
	assert_int_equal(n, 1);
	assert_string_equal(list[0].withdrawn_why, "Entered for the wrong day");
	assert_string_equal(list[0].withdrawn_by_name, "Priya Shah");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(records_four_measures_and_reads_them_back, setup,
						teardown),
		cmocka_unit_test_setup_teardown(answers_outside_0_to_10_change_nothing, setup,
						teardown),
		cmocka_unit_test_setup_teardown(declined_has_no_answers, setup, teardown),
		cmocka_unit_test_setup_teardown(another_area_is_not_found_and_refused, setup,
						teardown),
		cmocka_unit_test_setup_teardown(none_with_the_programme_is_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(withdrawn_with_a_reason_and_kept, setup, teardown),
	};
	int failed = cmocka_run_group_tests_name("wellbeing on sqlite", tests, NULL, NULL);
	if (!getenv("ALONGSIDE_TEST_PG_URL")) {
		printf("wellbeing on postgresql: not run (ALONGSIDE_TEST_PG_URL unset)\n");
		return failed;
	}
	on_pg = true;
	return failed + cmocka_run_group_tests_name("wellbeing on postgresql", tests, NULL, NULL);
}
