/* Costs avoided (domain/outcomes/costs.h) on SQLite and, when
 * ALONGSIDE_TEST_PG_URL is set, on a PostgreSQL database made for each
 * test: the same assertions on both.  Unit costs are added as new rows
 * only, by an administrator or a programme manager, and the figure that
 * values a day is the latest in force on it; cost events are recorded on
 * a person's record in their words and withdrawn with a reason, never
 * deleted; every bad input is named at its field and writes nothing; a
 * caller out of reach is refused and the refusal audited. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/arena.h"
#include "core/date.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/outcomes/costs.h"
#include "domain/outcomes/measures.h"
#include "domain/staff/caller.h"
#include "domain/staff/user.h"
#include "support/testdb.h"

#define ACOMB "a0000000000000000000000000000001"
#define HEWORTH "a0000000000000000000000000000002"
#define PRIYA "b0000000000000000000000000000001"
#define TOM "b0000000000000000000000000000002"
#define ADMIN "b0000000000000000000000000000003"
#define PAT "b0000000000000000000000000000004"  /* programme manager */
#define ANN "c0000000000000000000000000000001"
#define DEE "c0000000000000000000000000000002"  /* no involvement */
#define EARLY "d0000000000000000000000000000001"
#define LATER "d0000000000000000000000000000002"

struct fixture {
	struct arena *a;
	struct db *db;
	struct testdb tdb;
};

static const char *acomb[] = {ACOMB};
static const char *heworth[] = {HEWORTH};
static const struct user priya_user = {.id = PRIYA, .roles = USER_COORDINATOR,
				       .coordinator_areas = acomb, .coordinator_area_count = 1};
static const struct user tom_user = {.id = TOM, .roles = USER_COORDINATOR,
				     .coordinator_areas = heworth, .coordinator_area_count = 1};
static const struct user admin_user = {.id = ADMIN, .roles = USER_ADMINISTRATOR};
static const struct user pat_user = {.id = PAT, .roles = USER_PROGRAMME_MANAGER};

static struct caller as(const struct user *u)
{
	return (struct caller){.kind = CALLER_STAFF, .user = u, .client_address = "test",
			       .request_id = "test"};
}

static void seed(struct db *db)
{
#define T "'2025-01-01T00:00:00.000Z'"
	testdb_run(db,
	    "INSERT INTO areas (id, name, covered, created_at, updated_at) VALUES"
	    " ('" ACOMB "', 'Acomb', 1, " T ", " T "), ('" HEWORTH "', 'Heworth', 1, " T ", " T ");"
	    "INSERT INTO users (id, username, display_name, created_at, updated_at) VALUES"
	    " ('" PRIYA "', 'priya', 'Priya Shah', " T ", " T "),"
	    " ('" TOM "', 'tom', 'Tom', " T ", " T "),"
	    " ('" ADMIN "', 'admin', 'Admin', " T ", " T "),"
	    " ('" PAT "', 'pat', 'Pat', " T ", " T ");"
	    "INSERT INTO people (id, name, preferred_name, area_id, coordinator_id, created_at,"
	    " updated_at) VALUES ('" ANN "', 'Ann Example', 'Annie', '" ACOMB "', '" PRIYA "', "
	    T ", " T "), ('" DEE "', 'Dee Example', NULL, '" ACOMB "', '" PRIYA "', " T ", " T ");"
	    "INSERT INTO involvements (id, kind, area_id, started_on, ended_on, end_reason,"
	    " ended_by, created_at, updated_at) VALUES"
	    " ('" EARLY "', 'walking_alongside', '" ACOMB "', '2025-01-06', '2025-02-10',"
	    " 'in_place', 'agreement', " T ", " T "),"
	    " ('" LATER "', 'walking_alongside', '" ACOMB "', '2025-03-03', NULL, NULL, NULL, "
	    T ", " T ");"
	    "INSERT INTO involvement_people (involvement_id, person_id) VALUES"
	    " ('" EARLY "', '" ANN "'), ('" LATER "', '" ANN "');");
#undef T
}

static int setup(void **state, bool on_pg)
{
	struct fixture *f = calloc(1, sizeof *f);
	f->a = arena_new();
	f->db = on_pg ? testdb_open_pg(&f->tdb, "costs") : testdb_open(&f->tdb);
	seed(f->db);
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

static const struct unit_cost_input gp_2024 = {"gp_visit", "£42", "per appointment",
					       "PSSRU Unit Costs of Health and Social Care 2024",
					       "2024/25", "2024-04-01"};

static void pounds_are_read_as_typed_and_shown_with_pence(void **state)
{
	(void)state;
	long long p;
	assert_true(costs_parse_pounds("£1,234.56", &p));
	assert_int_equal(p, 123456);
	assert_true(costs_parse_pounds("80", &p));
	assert_int_equal(p, 8000);
	assert_true(costs_parse_pounds(" 80.5 ", &p));
	assert_int_equal(p, 8050);
	assert_true(costs_parse_pounds("0.07", &p));
	assert_int_equal(p, 7);
	const char *bad[] = {"", "£", "-5", "12.345", "12.", "abc", "1e3", ",100", "1000000.01",
			     "99999999999999999999"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_false(costs_parse_pounds(bad[i], &p));
	struct arena *a = arena_new();
	assert_string_equal(costs_format_pence(a, 123456), "£1,234.56");
	assert_string_equal(costs_format_pence(a, 7), "£0.07");
	assert_string_equal(costs_format_pence(a, 100000000), "£1,000,000.00");
	arena_free(a);
}

static void a_new_figure_is_a_new_row_and_a_day_is_valued_at_the_figure_in_force(void **state)
{
	struct fixture *f = *state;
	struct caller admin = as(&admin_user), pat = as(&pat_user);
	struct unit_cost *x;
	struct err e;
	assert_int_equal(unit_cost_add(f->db, &admin, &gp_2024, f->a, &x, &e), RESULT_OK);
	assert_int_equal(x->pence, 4200);
	assert_string_equal(x->source_year, "2024/25");
	struct unit_cost_input later = gp_2024;
	later.pounds = "45.50";
	later.source_year = "2025/26";
	later.from_on = "2025-04-01";
	assert_int_equal(unit_cost_add(f->db, &pat, &later, f->a, &x, &e), RESULT_OK);
	/* A correction entered for the same day wins over the first.  Later
	 * means a later millisecond: two figures entered within the same one
	 * tie on created_at and fall to their random ids (see costs.h), so
	 * the correction is entered once the clock has moved on. */
	nanosleep(&(struct timespec){.tv_nsec = 2000000}, NULL);
	struct unit_cost_input fixed = later;
	fixed.pounds = "46";
	assert_int_equal(unit_cost_add(f->db, &pat, &fixed, f->a, &x, &e), RESULT_OK);
	assert_int_equal(count(f, "SELECT count(*) FROM unit_costs"), 3);
	assert_int_equal(count(f, "SELECT count(*) FROM audit_log WHERE record_type = 'unit_cost'"
				  " AND action = 'create' AND outcome = 'ok'"),
			 3);

	struct unit_cost *on;
	assert_int_equal(costs_unit_cost_on(f->db, "gp_visit", "2024-12-01", f->a, &on, &e), 0);
	assert_non_null(on);
	assert_int_equal(on->pence, 4200);
	assert_int_equal(costs_unit_cost_on(f->db, "gp_visit", "2025-04-01", f->a, &on, &e), 0);
	assert_int_equal(on->pence, 4600);
	/* Before any figure, and for a kind with none: not valued. */
	assert_int_equal(costs_unit_cost_on(f->db, "gp_visit", "2024-03-31", f->a, &on, &e), 0);
	assert_null(on);
	assert_int_equal(costs_unit_cost_on(f->db, "ae_visit", "2025-05-01", f->a, &on, &e), 0);
	assert_null(on);

	struct unit_cost *list;
	size_t n;
	assert_int_equal(unit_cost_list(f->db, &pat, f->a, &list, &n, &e), RESULT_OK);
	assert_int_equal(n, 3);
	assert_int_equal(list[0].pence, 4600);
	assert_true(list[0].current);
	assert_false(list[1].current);
	assert_false(list[2].current);
}

static void every_bad_figure_is_named_and_nothing_is_written(void **state)
{
	struct fixture *f = *state;
	struct caller admin = as(&admin_user);
	struct unit_cost *x;
	struct err e;
	struct {
		struct unit_cost_input in;
		const char *field;
	} cases[] = {
		{{"gp_visit", "-5", "per appointment", "PSSRU", "2024/25", "2024-04-01"}, "pounds"},
		{{"gp_visit", "£-5", "per appointment", "PSSRU", "2024/25", "2024-04-01"}, "pounds"},
		{{"gp_visit", "12.345", "per appointment", "PSSRU", "2024/25", "2024-04-01"}, "pounds"},
		{{"gp_visit", NULL, "per appointment", "PSSRU", "2024/25", "2024-04-01"}, "pounds"},
		{{"gp_visit", "12", "per appointment", NULL, "2024/25", "2024-04-01"}, "source"},
		{{"gp_visit", "12", "per appointment", "PSSRU", NULL, "2024-04-01"}, "source_year"},
		{{"gp_visit", "12", NULL, "PSSRU", "2024/25", "2024-04-01"}, "unit"},
		{{"taxi_ride", "12", "per ride", "PSSRU", "2024/25", "2024-04-01"}, "kind"},
		{{NULL, "12", "per ride", "PSSRU", "2024/25", "2024-04-01"}, "kind"},
		{{"gp_visit", "12", "per appointment", "PSSRU", "2024/25", "2025-02-30"}, "from_on"},
		/* Asked, never assumed to be today: a first figure values no
		 * event before its day. */
		{{"gp_visit", "12", "per appointment", "PSSRU", "2024/25", NULL}, "from_on"},
		{{"gp_visit", "12", "per appointment", "PSS\x01RU", "2024/25", "2024-04-01"}, "source"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		assert_int_equal(unit_cost_add(f->db, &admin, &cases[i].in, f->a, &x, &e),
				 RESULT_INVALID);
		assert_non_null(err_field_message(&e, cases[i].field));
		assert_int_equal(e.field_count, 1);
		assert_null(x);
	}
	/* Every problem at once. */
	struct unit_cost_input all_wrong = {"nope", "-1", NULL, NULL, NULL, "soon"};
	assert_int_equal(unit_cost_add(f->db, &admin, &all_wrong, f->a, &x, &e), RESULT_INVALID);
	assert_int_equal(e.field_count, 6);
	assert_int_equal(count(f, "SELECT count(*) FROM unit_costs"), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM audit_log WHERE record_type = 'unit_cost'"
				  " AND outcome = 'ok'"),
			 0);
}

static void only_an_administrator_or_programme_manager_keeps_them(void **state)
{
	struct fixture *f = *state;
	struct caller priya = as(&priya_user);
	struct unit_cost *x, *list;
	size_t n;
	struct err e;
	assert_int_equal(unit_cost_add(f->db, &priya, &gp_2024, f->a, &x, &e), RESULT_FORBIDDEN);
	assert_int_equal(unit_cost_list(f->db, &priya, f->a, &list, &n, &e), RESULT_FORBIDDEN);
	assert_int_equal(n, 0);
	assert_int_equal(count(f, "SELECT count(*) FROM unit_costs"), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM audit_log WHERE record_type = 'unit_cost'"
				  " AND outcome = 'refused' AND actor_user_id = '" PRIYA "'"),
			 2);
	struct caller cli = caller_cli();
	assert_int_equal(unit_cost_add(f->db, &cli, &gp_2024, f->a, &x, &e), RESULT_OK);
	assert_null(x->created_by_name);
}

static const struct cost_event_input ae = {"ae_visit", "2025-03-10", NULL,
					   "I'd have ended up at A&E again, like last winter",
					   "Her neighbour now checks in on Tuesdays"};

static void an_event_is_recorded_in_their_words_and_withdrawn_with_a_reason(void **state)
{
	struct fixture *f = *state;
	struct caller priya = as(&priya_user);
	struct cost_event *x, *list;
	size_t n;
	struct err e;
	assert_int_equal(cost_event_record(f->db, &priya, ANN, &ae, f->a, &x, &e), RESULT_OK);
	assert_string_equal(x->person_view, ae.person_view);
	assert_string_equal(x->involvement_id, LATER);
	assert_int_equal(x->quantity, 1);
	assert_string_equal(x->created_by_name, "Priya Shah");
	/* A day within the earlier involvement belongs to it, nights counted. */
	struct cost_event_input stay = {"hospital_stay", "2025-01-20", "4",
					"They'd have kept me in over the weekend", NULL};
	assert_int_equal(cost_event_record(f->db, &priya, ANN, &stay, f->a, &x, &e), RESULT_OK);
	assert_string_equal(x->involvement_id, EARLY);
	assert_int_equal(x->quantity, 4);
	assert_null(x->note);
	const char *stay_id = x->id;

	assert_int_equal(cost_event_withdraw(f->db, &priya, ANN, stay_id, NULL, &e),
			 RESULT_INVALID);
	assert_non_null(err_field_message(&e, "why"));
	assert_int_equal(cost_event_withdraw(f->db, &priya, ANN, stay_id,
					     "Recorded against the wrong person", &e),
			 RESULT_OK);
	assert_int_equal(cost_event_withdraw(f->db, &priya, ANN, stay_id, "Again", &e),
			 RESULT_CONFLICT);
	assert_int_equal(cost_event_withdraw(f->db, &priya, ANN, "0123456789abcdef0123456789abcdef",
					     "No such", &e),
			 RESULT_NOT_FOUND);

	const char *name;
	assert_int_equal(cost_event_history(f->db, &priya, ANN, f->a, &name, &list, &n, &e),
			 RESULT_OK);
	assert_string_equal(name, "Annie");
	assert_int_equal(n, 2);  /* the withdrawn one kept */
	assert_string_equal(list[0].kind, "ae_visit");
	assert_null(list[0].withdrawn_at);
	assert_string_equal(list[1].withdrawn_why, "Recorded against the wrong person");
	assert_string_equal(list[1].withdrawn_by_name, "Priya Shah");
	assert_int_equal(count(f, "SELECT count(*) FROM cost_events"), 2);
	assert_int_equal(count(f, "SELECT count(*) FROM audit_log WHERE record_type = 'cost_event'"
				  " AND action IN ('create', 'withdraw') AND outcome = 'ok'"),
			 3);
	assert_int_equal(count(f, "SELECT count(*) FROM audit_log WHERE record_type = 'cost_event'"
				  " AND action = 'list' AND record_id = '" ANN "'"),
			 1);
}

static void every_bad_event_is_named_and_nothing_is_written(void **state)
{
	struct fixture *f = *state;
	struct caller priya = as(&priya_user);
	struct cost_event *x;
	struct err e;
	char tomorrow[11];
	struct date d = date_uk_today(time(NULL) + 86400);
	date_format(d, tomorrow);
	struct {
		struct cost_event_input in;
		const char *field;
	} cases[] = {
		{{"taxi_ride", NULL, NULL, "Would have", NULL}, "kind"},
		{{NULL, NULL, NULL, "Would have", NULL}, "kind"},
		{{"gp_visit", tomorrow, NULL, "Would have", NULL}, "happened_on"},
		{{"gp_visit", "2025-13-01", NULL, "Would have", NULL}, "happened_on"},
		{{"gp_visit", NULL, "0", "Would have", NULL}, "quantity"},
		{{"gp_visit", NULL, "366", "Would have", NULL}, "quantity"},
		{{"gp_visit", NULL, "two", "Would have", NULL}, "quantity"},
		{{"gp_visit", NULL, "-1", "Would have", NULL}, "quantity"},
		{{"gp_visit", NULL, NULL, NULL, NULL}, "person_view"},
		{{"gp_visit", NULL, NULL, "Would\x01 have", NULL}, "person_view"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		assert_int_equal(cost_event_record(f->db, &priya, ANN, &cases[i].in, f->a, &x, &e),
				 RESULT_INVALID);
		assert_non_null(err_field_message(&e, cases[i].field));
		assert_null(x);
	}
	/* Someone with no involvement at all has nowhere to record it. */
	assert_int_equal(cost_event_record(f->db, &priya, DEE, &ae, f->a, &x, &e),
			 RESULT_CONFLICT);
	assert_int_equal(count(f, "SELECT count(*) FROM cost_events"), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM audit_log WHERE record_type = 'cost_event'"
				  " AND outcome = 'ok'"),
			 0);
}

static void a_person_out_of_reach_is_not_found_and_the_attempt_audited(void **state)
{
	struct fixture *f = *state;
	struct caller priya = as(&priya_user), tom = as(&tom_user), pat = as(&pat_user);
	struct cost_event *x, *list;
	size_t n;
	const char *name;
	struct err e;
	assert_int_equal(cost_event_record(f->db, &priya, ANN, &ae, f->a, &x, &e), RESULT_OK);
	const char *id = x->id;
	assert_int_equal(cost_event_record(f->db, &tom, ANN, &ae, f->a, &x, &e), RESULT_NOT_FOUND);
	assert_int_equal(cost_event_history(f->db, &tom, ANN, f->a, &name, &list, &n, &e),
			 RESULT_NOT_FOUND);
	assert_int_equal(n, 0);
	assert_int_equal(cost_event_withdraw(f->db, &tom, ANN, id, "Not mine", &e),
			 RESULT_NOT_FOUND);
	/* A programme manager sees figures, never a person's record. */
	assert_int_equal(cost_event_history(f->db, &pat, ANN, f->a, &name, &list, &n, &e),
			 RESULT_NOT_FOUND);
	assert_int_equal(count(f, "SELECT count(*) FROM cost_events WHERE withdrawn_at IS NULL"), 1);
	assert_int_equal(count(f, "SELECT count(*) FROM audit_log WHERE record_type = 'cost_event'"
				  " AND outcome = 'refused'"),
			 4);
}

/* An event on a day before its kind's first figure is counted as not
 * valued until a figure in force from an earlier day is added. */
static void events_no_figure_values_are_counted_by_kind(void **state)
{
	struct fixture *f = *state;
	struct caller admin = as(&admin_user), priya = as(&priya_user);
	struct cost_event *x;
	struct unit_cost *u;
	struct err e;
	long counts[COST_KIND_COUNT];
	size_t ae_k = 0;
	while (strcmp(cost_kinds[ae_k].key, "ae_visit") != 0)
		ae_k++;
	assert_int_equal(cost_event_record(f->db, &priya, ANN, &ae, f->a, &x, &e), RESULT_OK);
	struct cost_event_input withdrawn = ae;
	withdrawn.happened_on = "2025-02-01";
	struct cost_event *y;
	assert_int_equal(cost_event_record(f->db, &priya, ANN, &withdrawn, f->a, &y, &e),
			 RESULT_OK);
	assert_int_equal(cost_event_withdraw(f->db, &priya, ANN, y->id, "Recorded twice", &e),
			 RESULT_OK);
	assert_int_equal(unit_cost_unvalued(f->db, &admin, f->a, counts, &e), RESULT_OK);
	assert_int_equal(counts[ae_k], 1); /* the withdrawn one is not counted */
	struct unit_cost_input figure = {"ae_visit", "150", "per attendance", "NHS National Cost "
					 "Collection", "2024/25", "2025-04-01"};
	assert_int_equal(unit_cost_add(f->db, &admin, &figure, f->a, &u, &e), RESULT_OK);
	assert_int_equal(unit_cost_unvalued(f->db, &admin, f->a, counts, &e), RESULT_OK);
	assert_int_equal(counts[ae_k], 1); /* 10 March is before 1 April */
	figure.from_on = "2024-04-01";
	assert_int_equal(unit_cost_add(f->db, &admin, &figure, f->a, &u, &e), RESULT_OK);
	assert_int_equal(unit_cost_unvalued(f->db, &admin, f->a, counts, &e), RESULT_OK);
	for (size_t k = 0; k < COST_KIND_COUNT; k++)
		assert_int_equal(counts[k], 0);
	assert_int_equal(unit_cost_unvalued(f->db, &priya, f->a, counts, &e), RESULT_FORBIDDEN);
	assert_int_equal(count(f, "SELECT count(*) FROM audit_log WHERE record_type = 'unit_cost'"
				  " AND outcome = 'refused' AND actor_user_id = '" PRIYA "'"),
			 1);
}

#define TESTS                                                                                   \
	cmocka_unit_test(pounds_are_read_as_typed_and_shown_with_pence),                        \
	cmocka_unit_test_setup_teardown(                                                        \
		a_new_figure_is_a_new_row_and_a_day_is_valued_at_the_figure_in_force, SETUP,     \
		teardown),                                                                      \
	cmocka_unit_test_setup_teardown(every_bad_figure_is_named_and_nothing_is_written, SETUP, \
					teardown),                                              \
	cmocka_unit_test_setup_teardown(only_an_administrator_or_programme_manager_keeps_them,  \
					SETUP, teardown),                                       \
	cmocka_unit_test_setup_teardown(                                                        \
		an_event_is_recorded_in_their_words_and_withdrawn_with_a_reason, SETUP, teardown), \
	cmocka_unit_test_setup_teardown(every_bad_event_is_named_and_nothing_is_written, SETUP,  \
					teardown),                                              \
	cmocka_unit_test_setup_teardown(                                                        \
		a_person_out_of_reach_is_not_found_and_the_attempt_audited, SETUP, teardown),   \
	cmocka_unit_test_setup_teardown(events_no_figure_values_are_counted_by_kind, SETUP,     \
					teardown)

int main(void)
{
#define SETUP setup_sqlite
	const struct CMUnitTest on_sqlite[] = {TESTS};
#undef SETUP
#define SETUP setup_pg
	const struct CMUnitTest on_pg[] = {TESTS};
#undef SETUP
	int failed = cmocka_run_group_tests_name("costs on sqlite", on_sqlite, NULL, NULL);
	if (!getenv("ALONGSIDE_TEST_PG_URL")) {
		printf("costs on postgresql: not run (ALONGSIDE_TEST_PG_URL unset)\n");
		return failed;
	}
	return failed + cmocka_run_group_tests_name("costs on postgresql", on_pg, NULL, NULL);
}
