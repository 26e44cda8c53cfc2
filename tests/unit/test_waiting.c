/* The public estimate of how soon a first conversation happens: the pure
 * part (working days, the median, bands and sentences), then sequences
 * replayed against SQLite with known answers — the demo's arranged
 * conversation, too few in an area, the 90-day window's edges, a bank
 * holiday and a weekend, every coordinator full, a family counted once. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/workdays.h"
#include "db/db.h"
#include "domain/introductions/waiting.h"
#include "support/testdb.h"

#define ACOMB "a0000000000000000000000000000001"
#define HEWORTH "a0000000000000000000000000000002"
#define PRIYA "b0000000000000000000000000000001"
#define SAM "b0000000000000000000000000000002"
#define TOM "b0000000000000000000000000000003"

/* Wednesday 2 December 2026, noon: the window opens at
 * 2026-09-03T12:00:00.000Z. */
#define NOW "2026-12-02T12:00:00.000Z"

struct fixture {
	struct db *db;
	struct arena *arena;
	struct holidays *holidays;
	struct testdb tdb;
	int next;  /* for ids */
};

static struct date day(const char *s)
{
	struct date d;
	assert_true(date_parse(s, &d));
	return d;
}

static time_t at(const char *s)
{
	int64_t t;
	assert_int_equal(clock_parse_iso8601(s, &t), 0);
	return (time_t)t;
}

/* ---- the pure part ---- */

static void working_days(void **state)
{
	struct holidays *h = holidays_new();
	(void)state;
	assert_int_equal(waiting_workdays(h, day("2026-11-30"), day("2026-11-30")), 0);
	assert_int_equal(waiting_workdays(h, day("2026-11-30"), day("2026-11-27")), 0);
	assert_int_equal(waiting_workdays(h, day("2026-11-30"), day("2026-12-01")), 1);
	/* Friday to Monday: the weekend is not counted. */
	assert_int_equal(waiting_workdays(h, day("2026-11-27"), day("2026-11-30")), 1);
	/* Friday to Tuesday over the summer bank holiday. */
	assert_int_equal(waiting_workdays(h, day("2026-08-28"), day("2026-09-01")), 1);
	/* Christmas Eve to the Tuesday after: Christmas Day, the weekend and
	 * Boxing Day's substitute Monday. */
	assert_int_equal(waiting_workdays(h, day("2026-12-24"), day("2026-12-29")), 1);
	assert_int_equal(waiting_workdays(h, day("2026-11-02"), day("2026-11-30")), 20);
	holidays_free(h);
}

static void medians(void **state)
{
	(void)state;
	long none[1] = {0};
	assert_int_equal(waiting_median_halves(none, 0), 0);
	long odd[] = {9, 1, 4};
	assert_int_equal(waiting_median_halves(odd, 3), 8);
	long even[] = {7, 2, 5, 6};
	assert_int_equal(waiting_median_halves(even, 4), 11); /* 5.5 */
}

/* The band for five introductions that each waited `days`. */
static struct waiting five_of(long days, enum waiting_basis basis)
{
	long d[5] = {days, days, days, days, days};
	long all[5] = {days, days, days, days, days};
	struct waiting w;
	if (basis == WAITING_BASIS_AREA)
		waiting_decide(d, 5, all, 5, 1, 0, &w);
	else
		waiting_decide(d, 4, all, 5, 1, 0, &w);
	assert_int_equal(w.basis, basis);
	return w;
}

static void bands(void **state)
{
	(void)state;
	assert_string_equal(five_of(0, WAITING_BASIS_AREA).code, "within_a_week");
	assert_string_equal(five_of(5, WAITING_BASIS_AREA).code, "within_a_week");
	assert_string_equal(five_of(6, WAITING_BASIS_AREA).code, "one_to_two_weeks");
	assert_string_equal(five_of(10, WAITING_BASIS_AREA).code, "one_to_two_weeks");
	assert_string_equal(five_of(11, WAITING_BASIS_AREA).code, "two_to_four_weeks");
	assert_string_equal(five_of(20, WAITING_BASIS_AREA).code, "two_to_four_weeks");
	assert_string_equal(five_of(21, WAITING_BASIS_AREA).code, "more_than_four_weeks");
	/* A median of 5.5 promises the longer band. */
	long d[] = {5, 5, 5, 6, 6, 6};
	struct waiting w;
	waiting_decide(d, 6, d, 6, 1, 0, &w);
	assert_int_equal(w.median_halves, 11);
	assert_string_equal(w.code, "one_to_two_weeks");
}

/* Every sentence is whole: a capital, a full stop, no double spaces, and
 * none of the old wording. */
static void reads_well(const char *s)
{
	assert_true(s[0] >= 'A' && s[0] <= 'Z');
	assert_int_equal(s[strlen(s) - 1], '.');
	assert_null(strstr(s, "  "));
	assert_null(strstr(s, "very busy"));
	assert_null(strstr(s, "client"));
	assert_null(strstr(s, "case"));
}

static void sentences(void **state)
{
	(void)state;
	struct waiting w = five_of(2, WAITING_BASIS_AREA);
	assert_string_equal(w.sentence, "At the moment, a first conversation with the coordinator "
					"usually happens within a week of getting in touch.");
	assert_string_equal(w.basis_code, "area");
	assert_int_equal(w.count, 5);
	reads_well(w.sentence);
	w = five_of(8, WAITING_BASIS_PROGRAMME);
	assert_string_equal(w.sentence, "At the moment, across all areas, a first conversation "
					"with a coordinator usually happens one to two weeks "
					"after getting in touch.");
	assert_string_equal(w.basis_code, "programme");
	reads_well(w.sentence);
	for (long days = 0; days < 30; days++) {
		reads_well(five_of(days, WAITING_BASIS_AREA).sentence);
		reads_well(five_of(days, WAITING_BASIS_PROGRAMME).sentence);
	}
	assert_non_null(strstr(five_of(25, WAITING_BASIS_AREA).sentence,
			       "more than four weeks after getting in touch. In the meantime, "
			       "anyone is welcome at a drop-in."));
	/* Too few anywhere: said so, without a figure. */
	long d[4] = {1, 1, 1, 1};
	waiting_decide(d, 4, d, 4, 1, 0, &w);
	assert_string_equal(w.code, "not_known");
	assert_int_equal(w.basis, WAITING_BASIS_NONE);
	assert_null(w.basis_code);
	assert_int_equal(w.count, 0);
	assert_non_null(strstr(w.sentence, "too early to say"));
	reads_well(w.sentence);
	/* Full, whatever the figure; one coordinator or several. */
	waiting_decide(d, 4, d, 4, 1, 1, &w);
	assert_string_equal(w.code, "full");
	assert_string_equal(w.sentence, "The coordinator is full at the moment: they take on "
					"someone new as the people they walk alongside move on, "
					"so a first conversation may take a while. In the "
					"meantime, anyone is welcome at a drop-in.");
	waiting_decide(d, 4, d, 4, 2, 2, &w);
	assert_non_null(strstr(w.sentence, "The coordinators here are full at the moment"));
	reads_well(w.sentence);
	waiting_decide(d, 4, d, 4, 2, 1, &w);
	assert_string_equal(w.code, "not_known");
	/* No coordinator's account: nobody is full. */
	waiting_decide(d, 4, d, 4, 0, 0, &w);
	assert_string_equal(w.code, "not_known");
}

/* ---- sequences against SQLite ---- */

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	f->db = testdb_open(&f->tdb);
	testdb_run(f->db,
	    "INSERT INTO areas (id, name, covered, created_at, updated_at) VALUES"
	    " ('" ACOMB "', 'Acomb', 1, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),"
	    " ('" HEWORTH "', 'Heworth', 1, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');"
	    "INSERT INTO users (id, username, display_name, created_at, updated_at) VALUES"
	    " ('" PRIYA "', 'priya', 'Priya', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),"
	    " ('" SAM "', 'sam', 'Sam', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),"
	    " ('" TOM "', 'tom', 'Tom', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');"
	    "INSERT INTO user_roles (user_id, role) VALUES ('" PRIYA "', 'coordinator'),"
	    " ('" SAM "', 'coordinator'), ('" TOM "', 'coordinator');"
	    "INSERT INTO user_role_areas (user_id, role, area_id) VALUES"
	    " ('" PRIYA "', 'coordinator', '" ACOMB "'), ('" TOM "', 'coordinator', '" HEWORTH "');");
	f->arena = arena_new();
	f->holidays = holidays_new();
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	testdb_close(&f->tdb);
	arena_free(f->arena);
	holidays_free(f->holidays);
	free(f);
	return 0;
}

/* An introduction to area, received at `received`, its person (with
 * coordinator, or NULL) and an involvement of `kind` opened from it;
 * returns the involvement's id (also the person's and introduction's). */
static const char *introduce(struct fixture *f, const char *area, const char *received,
			     const char *status, const char *kind, const char *coordinator)
{
	const char *id = arena_printf(f->arena, "c%031d", ++f->next);
	testdb_run(f->db, arena_printf(f->arena,
				   "INSERT INTO introductions (id, status, area_id, placement, person_name,"
				   " introduced_by, person_knows, channel, received_at, due_on, created_at,"
				   " updated_at) VALUES ('%s', '%s', '%s', 'covered', 'Someone', 'self',"
				   " 'yes', 'phone', '%s', '2026-01-01', '%s', '%s');",
				   id, status, area, received, received, received));
	if (!kind)
		return id;
	testdb_run(f->db, arena_printf(f->arena,
				   "INSERT INTO people (id, name, area_id, coordinator_id, created_at,"
				   " updated_at) VALUES ('%s', 'Someone', '%s', %s%s%s, '%s', '%s');"
				   "INSERT INTO involvements (id, kind, area_id, introduction_id, started_on,"
				   " created_at, updated_at) VALUES ('%s', '%s', '%s', '%s', '2026-01-01',"
				   " '%s', '%s');"
				   "INSERT INTO involvement_people (involvement_id, person_id) VALUES"
				   " ('%s', '%s');",
				   id, area, coordinator ? "'" : "", coordinator ? coordinator : "NULL",
				   coordinator ? "'" : "", received, received, id, kind, area, id,
				   received, received, id, id));
	return id;
}

static void converse(struct fixture *f, const char *involvement, const char *when,
		     const char *state)
{
	testdb_run(f->db, arena_printf(f->arena,
				   "INSERT INTO conversations (id, person_id, involvement_id, at, how,"
				   " state, created_at) VALUES ('v%031d', '%s', '%s', '%s', 'phone', '%s',"
				   " '%s');",
				   ++f->next, involvement, involvement, when, state, when));
}

/* An introduction met for a first conversation at `met`. */
static void met(struct fixture *f, const char *area, const char *received, const char *when)
{
	converse(f, introduce(f, area, received, "walking_alongside", "walking_alongside", NULL),
		 when, "held");
}

static struct waiting estimate(struct fixture *f, const char *area, const char *now)
{
	struct waiting w;
	struct err e;
	int rc = waiting_estimate(f->db, f->holidays, at(now), area, f->arena, &w, &e);
	if (rc < 0)
		fprintf(stderr, "%s\n", e.msg);
	assert_int_equal(rc, 0);
	return w;
}

static void assert_same(struct waiting a, struct waiting b)
{
	assert_int_equal(a.band, b.band);
	assert_int_equal(a.basis, b.basis);
	assert_int_equal(a.count, b.count);
	assert_int_equal(a.median_halves, b.median_halves);
	assert_string_equal(a.sentence, b.sentence);
}

/* The demo: three people waiting in Acomb and one conversation arranged
 * used to turn every page to "more than six weeks".  Only first
 * conversations that happened count, so nothing changes. */
static void demo_arranged_changes_nothing(void **state)
{
	struct fixture *f = *state;
	for (int i = 0; i < 3; i++)
		introduce(f, ACOMB, "2026-11-30T09:00:00.000Z", "new", NULL, NULL);
	struct waiting before = estimate(f, ACOMB, NOW);
	assert_string_equal(before.code, "not_known");
	const char *x = introduce(f, ACOMB, "2026-11-30T10:00:00.000Z", "conversation_arranged",
				  "walking_alongside", PRIYA);
	testdb_run(f->db, arena_printf(f->arena,
				   "INSERT INTO introduction_history (id, introduction_id, at, status)"
				   " VALUES ('h1', '%s', '2026-12-01T09:00:00.000Z',"
				   " 'conversation_arranged');",
				   x));
	converse(f, x, "2026-12-01T09:00:00.000Z", "arranged");
	assert_same(before, estimate(f, ACOMB, NOW));
	/* And with a figure from elsewhere: five met within a week in Heworth. */
	for (int i = 0; i < 5; i++)
		met(f, HEWORTH, "2026-11-23T09:00:00.000Z", "2026-11-25T14:00:00.000Z");
	before = estimate(f, ACOMB, NOW);
	assert_string_equal(before.code, "within_a_week");
	assert_string_equal(before.basis_code, "programme");
	assert_int_equal(before.count, 5);
	converse(f, x, "2026-12-02T09:00:00.000Z", "arranged");
	introduce(f, ACOMB, "2026-12-02T10:00:00.000Z", "new", NULL, NULL);
	assert_same(before, estimate(f, ACOMB, NOW));
}

/* Four in the area are too few: the programme's figure, until a fifth. */
static void too_few_uses_the_programme(void **state)
{
	struct fixture *f = *state;
	/* Acomb: four met the next working day (Monday to Tuesday). */
	for (int i = 0; i < 4; i++)
		met(f, ACOMB, "2026-11-16T09:00:00.000Z", "2026-11-17T10:00:00.000Z");
	/* Heworth: five met three weeks on (15 working days). */
	for (int i = 0; i < 5; i++)
		met(f, HEWORTH, "2026-10-05T09:00:00.000Z", "2026-10-26T10:00:00.000Z");
	struct waiting w = estimate(f, ACOMB, NOW);
	assert_string_equal(w.basis_code, "programme");
	assert_int_equal(w.count, 9);
	assert_int_equal(w.median_halves, 30); /* 1 1 1 1 [15] 15 15 15 15 */
	assert_string_equal(w.code, "two_to_four_weeks");
	assert_non_null(strstr(w.sentence, "across all areas"));
	w = estimate(f, HEWORTH, NOW);
	assert_string_equal(w.basis_code, "area");
	assert_int_equal(w.count, 5);
	assert_int_equal(w.median_halves, 30);
	/* Both at once read the same. */
	const char *both[] = {ACOMB, HEWORTH};
	struct waiting two[2];
	struct err e;
	assert_int_equal(waiting_estimates(f->db, f->holidays, at(NOW), both, 2, f->arena, two, &e),
			 0);
	assert_same(two[0], estimate(f, ACOMB, NOW));
	assert_same(two[1], w);
	met(f, ACOMB, "2026-11-16T09:00:00.000Z", "2026-11-18T10:00:00.000Z");
	w = estimate(f, ACOMB, NOW);
	assert_string_equal(w.basis_code, "area");
	assert_int_equal(w.count, 5);
	assert_int_equal(w.median_halves, 2);
	assert_string_equal(w.code, "within_a_week");
	assert_null(strstr(w.sentence, "across all areas"));
}

/* The window holds first conversations from exactly 90 days before now
 * to now: not a second earlier, nothing arranged or later counted as
 * first, nothing in the future. */
static void window_edges(void **state)
{
	struct fixture *f = *state;
	for (int i = 0; i < 4; i++)
		met(f, ACOMB, "2026-11-02T09:00:00.000Z", "2026-11-04T09:00:00.000Z");
	met(f, ACOMB, "2026-09-01T09:00:00.000Z", "2026-09-03T11:59:59.000Z");
	assert_int_equal(estimate(f, ACOMB, NOW).count, 0);
	/* A first conversation more than 90 days ago, however recent the
	 * next: not in the window. */
	const char *old = introduce(f, ACOMB, "2026-08-03T09:00:00.000Z", "walking_alongside",
				    "walking_alongside", NULL);
	converse(f, old, "2026-08-20T09:00:00.000Z", "held");
	converse(f, old, "2026-11-20T09:00:00.000Z", "held");
	assert_int_equal(estimate(f, ACOMB, NOW).count, 0);
	/* One held after now is not held yet. */
	met(f, ACOMB, "2026-11-30T09:00:00.000Z", "2026-12-02T12:00:01.000Z");
	assert_int_equal(estimate(f, ACOMB, NOW).count, 0);
	/* Exactly at the edge: in. */
	met(f, ACOMB, "2026-09-01T09:00:00.000Z", "2026-09-03T12:00:00.000Z");
	struct waiting w = estimate(f, ACOMB, NOW);
	assert_int_equal(w.count, 5);
	assert_int_equal(w.median_halves, 4);
	/* A second later, the same five; the held-after-now one is in. */
	assert_int_equal(estimate(f, ACOMB, "2026-12-02T12:00:01.000Z").count, 5);
	/* And an arranged call before the first held one is not the first. */
	const char *y = introduce(f, ACOMB, "2026-11-02T09:00:00.000Z", "walking_alongside",
				  "walking_alongside", NULL);
	converse(f, y, "2026-08-01T09:00:00.000Z", "arranged");
	converse(f, y, "2026-11-30T09:00:00.000Z", "held");
	w = estimate(f, ACOMB, NOW);
	assert_int_equal(w.count, 6);
	assert_int_equal(w.median_halves, 4);
}

/* Working days by UK dates over a weekend and a bank holiday. */
static void weekend_and_bank_holiday(void **state)
{
	struct fixture *f = *state;
	/* Friday 28 August 2026 to Tuesday 1 September: the weekend and the
	 * summer bank holiday between, so 1. */
	met(f, ACOMB, "2026-08-28T16:00:00.000Z", "2026-09-01T09:00:00.000Z");
	/* 23:30 UTC on Thursday 27 August is Friday in London (BST): 1, not 2. */
	met(f, ACOMB, "2026-08-27T23:30:00.000Z", "2026-09-01T09:00:00.000Z");
	/* Friday evening to Monday morning: 1. */
	met(f, ACOMB, "2026-08-21T18:00:00.000Z", "2026-08-24T08:30:00.000Z");
	/* Thursday 20 August to Thursday 3 September: 9 (ten weekdays less the
	 * bank holiday). */
	met(f, ACOMB, "2026-08-20T09:00:00.000Z", "2026-09-03T09:00:00.000Z");
	met(f, ACOMB, "2026-08-20T09:00:00.000Z", "2026-09-03T09:00:00.000Z");
	struct waiting w = estimate(f, ACOMB, "2026-09-10T12:00:00.000Z");
	assert_int_equal(w.count, 5);
	assert_int_equal(w.median_halves, 2); /* 1 1 [1] 9 9 */
	assert_string_equal(w.code, "within_a_week");
	/* Two more of 9 make the median 9: one to two weeks. */
	met(f, ACOMB, "2026-08-20T09:00:00.000Z", "2026-09-03T09:00:00.000Z");
	met(f, ACOMB, "2026-08-20T09:00:00.000Z", "2026-09-03T09:00:00.000Z");
	w = estimate(f, ACOMB, "2026-09-10T12:00:00.000Z");
	assert_int_equal(w.median_halves, 18);
	assert_string_equal(w.code, "one_to_two_weeks");
}

/* An open walking-alongside involvement for one of coordinator's people. */
static const char *walk_alongside(struct fixture *f, const char *coordinator)
{
	return introduce(f, ACOMB, "2026-10-01T09:00:00.000Z", "walking_alongside",
			 "walking_alongside", coordinator);
}

/* Full only when every coordinator of the area is at capacity: counted
 * from open walking-alongside involvements, not short-term help or ended
 * ones; a disabled account is no coordinator. */
static void every_coordinator_full(void **state)
{
	struct fixture *f = *state;
	testdb_run(f->db, "UPDATE users SET capacity = 2 WHERE id = '" PRIYA "';"
		      "UPDATE users SET capacity = 1 WHERE id = '" SAM "';"
		      "INSERT INTO user_role_areas (user_id, role, area_id) VALUES"
		      " ('" SAM "', 'coordinator', '" ACOMB "');");
	walk_alongside(f, PRIYA);
	introduce(f, ACOMB, "2026-10-01T09:00:00.000Z", "information_only", "short_term", PRIYA);
	const char *ended = walk_alongside(f, PRIYA);
	testdb_run(f->db, arena_printf(f->arena,
				   "UPDATE involvements SET ended_on = '2026-11-01', end_reason ="
				   " 'in_place', ended_by = 'agreement' WHERE id = '%s';",
				   ended));
	assert_string_equal(estimate(f, ACOMB, NOW).code, "not_known");
	walk_alongside(f, PRIYA);
	/* Priya is full; Sam is not. */
	assert_string_equal(estimate(f, ACOMB, NOW).code, "not_known");
	walk_alongside(f, SAM);
	struct waiting w = estimate(f, ACOMB, NOW);
	assert_string_equal(w.code, "full");
	assert_int_equal(w.coordinators, 2);
	assert_non_null(strstr(w.sentence, "The coordinators here are full at the moment"));
	/* Sam's account is disabled: Priya alone, still full. */
	testdb_run(f->db, "UPDATE users SET disabled = 1 WHERE id = '" SAM "';");
	w = estimate(f, ACOMB, NOW);
	assert_string_equal(w.code, "full");
	assert_int_equal(w.coordinators, 1);
	assert_non_null(strstr(w.sentence, "The coordinator is full at the moment"));
	/* Heworth's coordinator has room. */
	assert_string_equal(estimate(f, HEWORTH, NOW).code, "not_known");
	/* Full is said whatever the figure. */
	for (int i = 0; i < 5; i++)
		met(f, ACOMB, "2026-11-23T09:00:00.000Z", "2026-11-24T09:00:00.000Z");
	w = estimate(f, ACOMB, NOW);
	assert_string_equal(w.code, "full");
	assert_string_equal(w.basis_code, "area");
	assert_int_equal(w.count, 5);
}

/* A family sharing one involvement counts once against capacity. */
static void family_counts_once(void **state)
{
	struct fixture *f = *state;
	testdb_run(f->db, "UPDATE users SET capacity = 2 WHERE id = '" PRIYA "';");
	const char *family = walk_alongside(f, PRIYA);
	for (int i = 0; i < 3; i++)
		testdb_run(f->db, arena_printf(f->arena,
					   "INSERT INTO people (id, name, area_id, coordinator_id,"
					   " created_at, updated_at) VALUES ('m%d', 'Member', '" ACOMB
					   "', '" PRIYA "', '2026-10-01T09:00:00.000Z',"
					   " '2026-10-01T09:00:00.000Z');"
					   "INSERT INTO involvement_people (involvement_id, person_id)"
					   " VALUES ('%s', 'm%d');",
					   i, family, i));
	assert_string_equal(estimate(f, ACOMB, NOW).code, "not_known");
	walk_alongside(f, PRIYA);
	assert_string_equal(estimate(f, ACOMB, NOW).code, "full");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(working_days),
		cmocka_unit_test(medians),
		cmocka_unit_test(bands),
		cmocka_unit_test(sentences),
		cmocka_unit_test_setup_teardown(demo_arranged_changes_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(too_few_uses_the_programme, setup, teardown),
		cmocka_unit_test_setup_teardown(window_edges, setup, teardown),
		cmocka_unit_test_setup_teardown(weekend_and_bank_holiday, setup, teardown),
		cmocka_unit_test_setup_teardown(every_coordinator_full, setup, teardown),
		cmocka_unit_test_setup_teardown(family_counts_once, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
