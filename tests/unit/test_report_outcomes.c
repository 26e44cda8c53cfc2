/* The outcomes, wellbeing and costs sections of the reports
 * (report_parts.h), computed straight from the tables on SQLite and, when
 * ALONGSIDE_TEST_PG_URL is set, on a PostgreSQL database made for the
 * run: the same known answers on both.  A small programme in the second
 * quarter of 2026-27 and the one before: a statement reworded between a
 * person's ratings, a retired one still rated, a declined sitting, a
 * withdrawn one, a person with only one rating, someone outside the
 * areas; the ONS four with anxiety's reversed bands at their edges; cost
 * events on both sides of a unit cost's change, a kind with no figure, a
 * kind valued only from part-way through, a withdrawn event.  Every cell
 * is checked, with its kind and the number of people behind it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/outcomes/standing.h"
#include "domain/reports/period.h"
#include "domain/reports/report_parts.h"
#include "support/testdb.h"

#define ACOMB "a0000000000000000000000000000001"
#define HEWORTH "a0000000000000000000000000000002"
#define CLIFTON "a0000000000000000000000000000003"
#define ANN "c0000000000000000000000000000001"
#define BOB "c0000000000000000000000000000002"
#define CARA "c0000000000000000000000000000003"
#define DEV "c0000000000000000000000000000004"
#define EVE "c0000000000000000000000000000005" /* Clifton: outside the scope */
#define FAY "c0000000000000000000000000000006" /* sittings only before the period */
#define GUS "c0000000000000000000000000000007" /* Heworth */
#define HAL "c0000000000000000000000000000008" /* in the period only withdrawn */

struct fixture {
	struct arena *a;
	struct db *db;
	struct testdb tdb;
	struct report_period period;
};

#define T "'2026-01-01T00:00:00.000Z'"

/* The people, each with one involvement of the same id in their area. */
static const char *const PROGRAMME =
	"INSERT INTO areas (id, name, covered, created_at, updated_at) VALUES"
	" ('" ACOMB "', 'Acomb', 1, " T ", " T "), ('" HEWORTH "', 'Heworth', 1, " T ", " T "),"
	" ('" CLIFTON "', 'Clifton', 1, " T ", " T ");"
	"INSERT INTO people (id, name, area_id, created_at, updated_at) VALUES"
	" ('" ANN "', 'Ann', '" ACOMB "', " T ", " T "), ('" BOB "', 'Bob', '" ACOMB "', " T ", " T "),"
	" ('" CARA "', 'Cara', '" ACOMB "', " T ", " T "), ('" DEV "', 'Dev', '" ACOMB "', " T ", " T "),"
	" ('" EVE "', 'Eve', '" CLIFTON "', " T ", " T "), ('" FAY "', 'Fay', '" ACOMB "', " T ", " T "),"
	" ('" GUS "', 'Gus', '" HEWORTH "', " T ", " T "), ('" HAL "', 'Hal', '" ACOMB "', " T ", " T ");"
	"INSERT INTO involvements (id, kind, area_id, started_on, created_at, updated_at) VALUES"
	" ('" ANN "', 'walking_alongside', '" ACOMB "', '2026-04-01', " T ", " T "),"
	" ('" BOB "', 'walking_alongside', '" ACOMB "', '2026-04-01', " T ", " T "),"
	" ('" CARA "', 'walking_alongside', '" ACOMB "', '2026-04-01', " T ", " T "),"
	" ('" DEV "', 'walking_alongside', '" ACOMB "', '2026-04-01', " T ", " T "),"
	" ('" EVE "', 'walking_alongside', '" CLIFTON "', '2026-04-01', " T ", " T "),"
	" ('" FAY "', 'walking_alongside', '" ACOMB "', '2026-04-01', " T ", " T "),"
	" ('" GUS "', 'walking_alongside', '" HEWORTH "', '2026-04-01', " T ", " T "),"
	" ('" HAL "', 'walking_alongside', '" ACOMB "', '2026-04-01', " T ", " T ");"
	"INSERT INTO involvement_people (involvement_id, person_id) VALUES"
	" ('" ANN "', '" ANN "'), ('" BOB "', '" BOB "'), ('" CARA "', '" CARA "'),"
	" ('" DEV "', '" DEV "'), ('" EVE "', '" EVE "'), ('" FAY "', '" FAY "'),"
	" ('" GUS "', '" GUS "'), ('" HAL "', '" HAL "');";

/* The programme asks its own statements instead of any it shipped with:
 * "less isolated", reworded as "Less alone" (version 2); "contributing";
 * and "in control of money", retired.  Steps' words do not matter here. */
#define STEPS "'1', '2', '3', '4', '5'"
static const char *const STATEMENTS =
	"UPDATE outcome_statements SET in_use = 0;"
	"INSERT INTO outcome_statements (id, key, version, framework, position, title, question,"
	" step_1, step_2, step_3, step_4, step_5, in_use, created_at) VALUES"
	" ('iso-1', 'less_isolated', 1, 'programme', 1, 'Less isolated', 'q', " STEPS ", 0, " T "),"
	" ('iso-2', 'less_isolated', 2, 'programme', 1, 'Less alone', 'q', " STEPS ", 1, " T "),"
	" ('con-1', 'contributing', 1, 'programme', 2, 'Contributing', 'q', " STEPS ", 1, " T "),"
	" ('mon-1', 'money', 1, 'programme', 3, 'In control of money', 'q', " STEPS ", 0, " T "),"
	" ('unr-1', 'unrated', 1, 'programme', 4, 'Never rated, retired', 'q', " STEPS ", 0, "
	T ");";

/* Sittings: id, person, point, day, declined, withdrawn. */
#define SITTING(id, who, point, day, declined, withdrawn)                                     \
	" ('" id "', '" who "', '" who "', '" point "', '" day "', " #declined ", " T ", "      \
	withdrawn ", CASE WHEN " withdrawn " IS NULL THEN NULL ELSE 'a mistake' END)"
#define NOT_WITHDRAWN "NULL"
#define WITHDRAWN "'2026-12-30T10:00:00.000Z'"

static const char *const SITTINGS =
	"INSERT INTO outcome_reviews (id, person_id, involvement_id, point, taken_on, declined,"
	" created_at, withdrawn_at, withdrawn_why) VALUES"
	SITTING("ann1", ANN, "start", "2026-05-01", 0, NOT_WITHDRAWN) ","
	SITTING("ann2", ANN, "review", "2026-11-10", 0, NOT_WITHDRAWN) ","
	SITTING("ann3", ANN, "review", "2027-01-15", 0, NOT_WITHDRAWN) ","
	SITTING("bob1", BOB, "start", "2026-10-05", 0, NOT_WITHDRAWN) ","
	SITTING("bob2", BOB, "end", "2026-12-01", 0, NOT_WITHDRAWN) ","
	SITTING("cara1", CARA, "start", "2026-06-01", 0, NOT_WITHDRAWN) ","
	SITTING("cara2", CARA, "review", "2026-10-20", 1, NOT_WITHDRAWN) ","
	SITTING("cara3", CARA, "review", "2026-11-01", 0, WITHDRAWN) ","
	SITTING("dev1", DEV, "start", "2026-10-10", 0, NOT_WITHDRAWN) ","
	SITTING("eve1", EVE, "start", "2026-04-01", 0, NOT_WITHDRAWN) ","
	SITTING("eve2", EVE, "review", "2026-11-01", 0, NOT_WITHDRAWN) ","
	SITTING("fay1", FAY, "start", "2026-04-01", 0, NOT_WITHDRAWN) ","
	SITTING("fay2", FAY, "review", "2026-05-01", 0, NOT_WITHDRAWN) ","
	SITTING("gus1", GUS, "start", "2026-07-01", 0, NOT_WITHDRAWN) ","
	SITTING("gus2", GUS, "review", "2026-10-15", 0, NOT_WITHDRAWN) ","
	SITTING("gus3", GUS, "review", "2026-12-20", 0, NOT_WITHDRAWN) ","
	SITTING("hal1", HAL, "start", "2026-05-01", 0, NOT_WITHDRAWN) ","
	SITTING("hal2", HAL, "review", "2026-11-05", 0, WITHDRAWN) ";"
	"INSERT INTO outcome_ratings (review_id, statement_id, rating, words) VALUES"
	" ('ann1', 'iso-1', 2, 'on my own most days'), ('ann1', 'con-1', 3, NULL),"
	" ('ann2', 'iso-2', 4, NULL), ('ann2', 'con-1', 3, NULL),"
	" ('ann3', 'iso-2', 1, NULL),"                           /* after the period */
	" ('bob1', 'iso-2', 3, NULL), ('bob1', 'con-1', NULL, 'rather not say'),"
	" ('bob2', 'iso-2', 2, NULL), ('bob2', 'con-1', 4, NULL),"   /* one rating of con */
	" ('cara1', 'iso-1', 1, NULL), ('cara1', 'con-1', 2, NULL),"
	" ('cara3', 'iso-2', 5, NULL), ('cara3', 'con-1', 5, NULL),"  /* withdrawn */
	" ('dev1', 'iso-2', 3, NULL), ('dev1', 'con-1', 3, NULL),"    /* only one each */
	" ('eve1', 'iso-1', 1, NULL), ('eve2', 'iso-2', 5, NULL),"    /* Clifton */
	" ('fay1', 'iso-1', 1, NULL), ('fay2', 'iso-1', 3, NULL),"    /* before */
	" ('gus1', 'iso-1', 3, NULL), ('gus1', 'con-1', 1, NULL), ('gus1', 'mon-1', 2, NULL),"
	" ('gus2', 'iso-2', 3, NULL), ('gus2', 'con-1', 2, NULL), ('gus2', 'mon-1', 4, NULL),"
	" ('gus3', 'iso-2', 5, NULL), ('gus3', 'con-1', 2, NULL),"
	" ('hal1', 'iso-1', 2, NULL), ('hal2', 'iso-2', 4, NULL);";  /* withdrawn */

/* The ONS four: id, person, day, declined, life, worthwhile, happy,
 * anxious, withdrawn. */
#define ANSWERS(id, who, day, declined, life, worth, happy, anxious, withdrawn)               \
	" ('" id "', '" who "', '" who "', 'review', '" day "', " #declined ", " #life ", "     \
	#worth ", " #happy ", " #anxious ", " T ", " withdrawn ", CASE WHEN " withdrawn        \
	" IS NULL THEN NULL ELSE 'a mistake' END)"

static const char *const WELLBEING =
	"INSERT INTO wellbeing_answers (id, person_id, involvement_id, point, taken_on, declined,"
	" life_satisfaction, worthwhile, happy, anxious, created_at, withdrawn_at,"
	" withdrawn_why) VALUES"
	ANSWERS("wann1", ANN, "2026-05-01", 0, 4, 6, 7, 6, NOT_WITHDRAWN) ","
	ANSWERS("wann2", ANN, "2026-11-01", 0, 8, 7, NULL, 2, NOT_WITHDRAWN) ","
	ANSWERS("wbob1", BOB, "2026-10-02", 0, 7, 9, 5, 1, NOT_WITHDRAWN) ","
	ANSWERS("wbob2", BOB, "2026-12-02", 0, 6, 9, 8, 4, NOT_WITHDRAWN) ","
	ANSWERS("wcara1", CARA, "2026-10-03", 1, NULL, NULL, NULL, NULL, NOT_WITHDRAWN) ","
	ANSWERS("wcara2", CARA, "2026-11-03", 0, 5, 5, 5, 3, NOT_WITHDRAWN) ","
	ANSWERS("wdev1", DEV, "2026-06-01", 0, 2, 2, 2, 9, NOT_WITHDRAWN) ","
	ANSWERS("wdev2", DEV, "2026-10-10", 0, 0, 0, 0, 10, WITHDRAWN) ","
	ANSWERS("wdev3", DEV, "2026-12-10", 0, 10, 3, 6, 3, NOT_WITHDRAWN) ","
	ANSWERS("weve1", EVE, "2026-05-01", 0, 0, 0, 0, 10, NOT_WITHDRAWN) ","
	ANSWERS("weve2", EVE, "2026-11-01", 0, 10, 10, 10, 0, NOT_WITHDRAWN) ";";

/* Unit costs: a GP appointment's figure changes on 1 November; a hospital
 * night has one only from 15 December; an A&E attendance none. */
static const char *const COSTS =
	"INSERT INTO unit_costs (id, kind, pence, unit, source, source_year, from_on,"
	" created_at) VALUES"
	" ('u1', 'gp_visit', 3500, 'per appointment', 'PSSRU 2024', '2024/25', '2026-04-01', " T "),"
	" ('u2', 'gp_visit', 4200, 'per appointment', 'PSSRU 2025', '2025/26', '2026-11-01', " T "),"
	" ('u3', 'hospital_stay', 50000, 'per night', 'NHS National Cost Collection',"
	"  '2023/24', '2026-12-15', " T ");"
	"INSERT INTO cost_events (id, person_id, involvement_id, kind, happened_on, quantity,"
	" person_view, created_at, withdrawn_at, withdrawn_why) VALUES"
	" ('e1', '" ANN "', '" ANN "', 'gp_visit', '2026-10-10', 1, 'v', " T ", NULL, NULL),"
	" ('e2', '" BOB "', '" BOB "', 'gp_visit', '2026-10-31', 2, 'v', " T ", NULL, NULL),"
	" ('e3', '" ANN "', '" ANN "', 'gp_visit', '2026-11-01', 1, 'v', " T ", NULL, NULL),"
	" ('e4', '" DEV "', '" DEV "', 'gp_visit', '2026-12-31', 1, 'v', " T ", NULL, NULL),"
	" ('e5', '" GUS "', '" GUS "', 'ae_visit', '2026-11-11', 1, 'v', " T ", NULL, NULL),"
	" ('e6', '" BOB "', '" BOB "', 'hospital_stay', '2026-12-01', 3, 'v', " T ", NULL, NULL),"
	" ('e7', '" CARA "', '" CARA "', 'hospital_stay', '2026-12-20', 2, 'v', " T ", NULL, NULL),"
	" ('e8', '" ANN "', '" ANN "', 'gp_visit', '2026-10-12', 5, 'v', " T ","
	"  '2026-12-30T10:00:00.000Z', 'a mistake'),"
	" ('e9', '" BOB "', '" BOB "', 'gp_visit', '2026-09-30', 1, 'v', " T ", NULL, NULL),"
	" ('e10', '" BOB "', '" BOB "', 'gp_visit', '2027-01-01', 1, 'v', " T ", NULL, NULL),"
	" ('e11', '" EVE "', '" EVE "', 'gp_visit', '2026-10-10', 4, 'v', " T ", NULL, NULL);";

/* The sittings here go in as rows, past outcome.c and wellbeing.c: what
 * the reports read of them is rebuilt as tools/invent_programme does. */
static void standing_rebuilt(struct fixture *f)
{
	struct db_conn *c;
	struct err e;
	assert_int_equal(db_transaction(f->db, &c, &e), RESULT_OK);
	assert_int_equal(standing_refresh_everyone(c, f->a, &e), RESULT_OK);
	assert_int_equal(db_finish(c, RESULT_OK, &e), RESULT_OK);
}

static void load(struct fixture *f)
{
	testdb_run(f->db, PROGRAMME);
	testdb_run(f->db, STATEMENTS);
	testdb_run(f->db, SITTINGS);
	testdb_run(f->db, WELLBEING);
	testdb_run(f->db, COSTS);
	standing_rebuilt(f);
	/* 2026-27 Q3, written out: the period's parser is not what is tested. */
	f->period = (struct report_period){.from = "2026-10-01", .to = "2026-12-31",
					   .quarter = "2026-27-Q3", .label = "2026-27 Q3"};
}

static int setup(void **state, bool on_pg)
{
	struct fixture *f = calloc(1, sizeof *f);
	f->a = arena_new();
	f->db = on_pg ? testdb_open_pg(&f->tdb, "report_outcomes") : testdb_open(&f->tdb);
	load(f);
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

static const char *const ACOMB_AND_HEWORTH[] = {ACOMB, HEWORTH};
static const char *const AREA_NAMES[] = {"Acomb", "Heworth"};
static const char *const CLIFTON_ONLY[] = {CLIFTON};

static struct report_scope scope(struct fixture *f, const char *const *areas, size_t n)
{
	return (struct report_scope){.period = &f->period, .area_ids = areas, .area_count = n,
				     .area_names = AREA_NAMES, .due_working_days = 3,
				     .now = 1798761600 /* 2027-01-01 */};
}

static struct report_scope team(struct fixture *f)
{
	return scope(f, ACOMB_AND_HEWORTH, 2);
}

static void text_is(const struct report_table *t, size_t row, size_t col, const char *text)
{
	const struct report_cell *c = report_cell_at(t, row, col);
	assert_int_equal(c->kind, CELL_TEXT);
	assert_string_equal(c->text, text);
	assert_int_equal(c->shown, SHOWN);
}

/* A figure: its kind, its value (to a millionth: means are thirds) and
 * the people it rests on. */
static void figure_is(const struct report_table *t, size_t row, size_t col,
		      enum report_cell_kind kind, double value, long base)
{
	const struct report_cell *c = report_cell_at(t, row, col);
	if (c->kind != kind || c->value < value - 1e-6 || c->value > value + 1e-6 ||
	    c->base != base)
		fail_msg("%s row %zu column %zu: kind %d value %f base %ld, expected kind %d value "
			 "%f base %ld",
			 t->key, row, col, c->kind, c->value, c->base, kind, value, base);
	assert_int_equal(c->shown, SHOWN);
}

static void count_is(const struct report_table *t, size_t row, size_t col, long n)
{
	figure_is(t, row, col, CELL_COUNT, (double)n, n);
}

static void none_is(const struct report_table *t, size_t row, size_t col)
{
	assert_int_equal(report_cell_at(t, row, col)->kind, CELL_NONE);
}

/* Movement per statement key: Ann less isolated 2 (old wording) to 4, Bob
 * 3 to 2, Gus 3 (old wording) to 5 (his 3 in between is neither); Ann's
 * rating after the period, Cara's withdrawn sitting, Dev's single rating,
 * Hal (withdrawn in the period), Fay (nothing in the period) and Eve
 * (Clifton) count nowhere.  Contributing: Ann 3 to 3, Gus 1 to 2; Bob
 * chose not to rate it first, so has one rating.  The retired "money" is
 * shown because Gus rated it twice (2 to 4); "unrated" is not. */
static void outcome_movement_compares_first_and_latest_per_statement(void **state)
{
	struct fixture *f = *state;
	struct report_scope s = team(f);
	struct report_section out = {0};
	struct err e;
	assert_int_equal(report_outcomes(f->db, &s, f->a, &out, &e), RESULT_OK);
	assert_string_equal(out.key, "outcomes");
	assert_int_equal(out.table_count, 2);

	const struct report_table *t = &out.tables[0];
	assert_string_equal(t->key, "outcomes-movement");
	assert_int_equal(t->column_count, 7);
	assert_string_equal(t->columns[6], "People");
	assert_true(t->total_column);
	assert_false(t->total_row);
	assert_int_equal(t->chart, CHART_STACKED);
	assert_int_equal(t->rows, 3);

	text_is(t, 0, 0, "Less alone");
	figure_is(t, 0, 1, CELL_MEAN, 8.0 / 3, 3);
	figure_is(t, 0, 2, CELL_MEAN, 11.0 / 3, 3);
	count_is(t, 0, 3, 2);
	count_is(t, 0, 4, 0);
	count_is(t, 0, 5, 1);
	count_is(t, 0, 6, 3);

	text_is(t, 1, 0, "Contributing");
	figure_is(t, 1, 1, CELL_MEAN, 2.0, 2);
	figure_is(t, 1, 2, CELL_MEAN, 2.5, 2);
	count_is(t, 1, 3, 1);
	count_is(t, 1, 4, 1);
	count_is(t, 1, 5, 0);
	count_is(t, 1, 6, 2);

	text_is(t, 2, 0, "In control of money");
	figure_is(t, 2, 1, CELL_MEAN, 2.0, 1);
	figure_is(t, 2, 2, CELL_MEAN, 4.0, 1);
	count_is(t, 2, 3, 1);
	count_is(t, 2, 4, 0);
	count_is(t, 2, 5, 0);
	count_is(t, 2, 6, 1);

	assert_string_equal(out.summary,
			    "5 people had an outcome conversation in this period. Each person's "
			    "first and latest rating of each statement they rated twice: 4 moved "
			    "up, 1 stayed the same and 1 moved down.");
	/* Shared, the sentence gives no totals down the table's columns:
	 * the table has no total row, so they would undo its suppression. */
	s.suppressed = true;
	assert_int_equal(report_outcomes(f->db, &s, f->a, &out, &e), RESULT_OK);
	assert_string_equal(out.summary,
			    "5 people had an outcome conversation in this period; the table "
			    "shows, for each statement, how many moved up, stayed the same or "
			    "moved down between their first rating and their latest.");
	bool says_reworded = false;
	for (size_t i = 0; i < out.note_count; i++)
		says_reworded |= strstr(out.notes[i], "older wording count as the same") != NULL;
	assert_true(says_reworded);
}

/* Two sittings on one day: the one entered later is the latest.  Dev's
 * second on 10 October (entered at noon, after the first) gives him a
 * first (3) and a latest (5 less alone, 2 contributing). */
static void of_two_sittings_on_one_day_the_later_entered_is_latest(void **state)
{
	struct fixture *f = *state;
	testdb_run(f->db,
		   "INSERT INTO outcome_reviews (id, person_id, involvement_id, point, taken_on,"
		   " declined, created_at) VALUES ('dev2', '" DEV "', '" DEV "', 'review',"
		   " '2026-10-10', 0, '2026-10-10T12:00:00.000Z');"
		   "INSERT INTO outcome_ratings (review_id, statement_id, rating) VALUES"
		   " ('dev2', 'iso-2', 5), ('dev2', 'con-1', 2);");
	standing_rebuilt(f);
	struct report_scope s = team(f);
	struct report_section out = {0};
	struct err e;
	assert_int_equal(report_outcomes(f->db, &s, f->a, &out, &e), RESULT_OK);
	const struct report_table *t = &out.tables[0];
	figure_is(t, 0, 1, CELL_MEAN, 11.0 / 4, 4);
	figure_is(t, 0, 2, CELL_MEAN, 16.0 / 4, 4);
	count_is(t, 0, 3, 3);
	count_is(t, 0, 5, 1);
	count_is(t, 0, 6, 4);
	figure_is(t, 1, 1, CELL_MEAN, 7.0 / 3, 3);
	figure_is(t, 1, 2, CELL_MEAN, 7.0 / 3, 3);
	count_is(t, 1, 5, 1);
	count_is(t, 1, 6, 3);
}

/* Sittings in the period by point, Acomb and Heworth, not withdrawn:
 * start Bob and Dev; review Ann, Gus twice, and Cara, who declined; end
 * Bob.  Declining is counted as an answer. */
static void sittings_count_declining_as_an_answer(void **state)
{
	struct fixture *f = *state;
	struct report_scope s = team(f);
	struct report_section out = {0};
	struct err e;
	assert_int_equal(report_outcomes(f->db, &s, f->a, &out, &e), RESULT_OK);
	const struct report_table *t = &out.tables[1];
	assert_string_equal(t->key, "outcomes-sittings");
	assert_int_equal(t->rows, 4);
	assert_int_equal(t->column_count, 4);
	assert_true(t->total_row);
	assert_true(t->total_column);
	static const char *const names[] = {"At the start", "At a review", "At the end", "Total"};
	static const long rated[] = {2, 3, 1, 6}, declined[] = {0, 1, 0, 1};
	for (size_t r = 0; r < 4; r++) {
		text_is(t, r, 0, names[r]);
		count_is(t, r, 1, rated[r]);
		count_is(t, r, 2, declined[r]);
		count_is(t, r, 3, rated[r] + declined[r]);
	}
}

/* Another scope sees only its own: Clifton is Eve, 1 to 5 under two
 * wordings; the statements asked now are there at 0 with no means. */
static void a_scope_sees_only_its_areas(void **state)
{
	struct fixture *f = *state;
	struct report_scope s = scope(f, CLIFTON_ONLY, 1);
	struct report_section out = {0};
	struct err e;
	assert_int_equal(report_outcomes(f->db, &s, f->a, &out, &e), RESULT_OK);
	const struct report_table *t = &out.tables[0];
	assert_int_equal(t->rows, 2);
	text_is(t, 0, 0, "Less alone");
	figure_is(t, 0, 1, CELL_MEAN, 1.0, 1);
	figure_is(t, 0, 2, CELL_MEAN, 5.0, 1);
	count_is(t, 0, 3, 1);
	count_is(t, 0, 6, 1);
	text_is(t, 1, 0, "Contributing");
	none_is(t, 1, 1);
	none_is(t, 1, 2);
	for (size_t c = 3; c < 7; c++)
		count_is(t, 1, c, 0);
	count_is(&out.tables[1], 1, 1, 1);
	count_is(&out.tables[1], 3, 3, 1);
	/* A team leader's own page states small numbers as they are. */
	assert_string_equal(out.summary,
			    "1 person had an outcome conversation in this period. Each person's "
			    "first and latest rating of each statement they rated twice: 1 moved "
			    "up, 0 stayed the same and 0 moved down.");

	struct report_section costs = {0};
	assert_int_equal(report_costs(f->db, &s, f->a, &costs, &e), RESULT_OK);
	const struct report_table *c = costs.tables;
	count_is(c, 0, 2, 1);
	figure_is(c, 0, 7, CELL_PENCE, 4 * 3500, 1);
	figure_is(c, c->rows - 1, 7, CELL_PENCE, 4 * 3500, 1);
	/* A team leader's own page states the total as it is. */
	assert_string_equal(costs.summary,
			    "1 event recorded in this period came to £140.00 of gross costs "
			    "avoided, before deadweight, attribution and drop-off.");
	/* Shared, the money is left out of the sentence: the total row hides
	 * it, and the count is fewer than 5; so is the quantity, which would
	 * give the money back beside its unit cost. */
	s.suppressed = true;
	assert_int_equal(report_costs(f->db, &s, f->a, &costs, &e), RESULT_OK);
	assert_int_equal(report_cell_at(costs.tables, 0, 3)->shown, SHOWN_HIDDEN);
	assert_int_equal(report_cell_at(costs.tables, 0, 7)->shown, SHOWN_HIDDEN);
	assert_string_equal(costs.summary,
			    "Fewer than 5 events of costs avoided were recorded in this period.");
	assert_int_equal(report_outcomes(f->db, &s, f->a, &out, &e), RESULT_OK);
	assert_string_equal(out.summary,
			    "Fewer than 5 people had an outcome conversation in this period; the "
			    "table shows, for each statement, how many moved up, stayed the same or "
			    "moved down between their first rating and their latest.");
}

/* The ONS four, each alone.  Life satisfaction: Ann 4 to 8, Bob 7 to 6,
 * Dev 2 to 10 (his withdrawn 0 between left out).  Worthwhile: Ann 6 to
 * 7, Bob 9 to 9, Dev 2 to 3.  Happiness: Bob 5 to 8, Dev 2 to 6; Ann
 * chose not to answer it the second time, so has one.  Anxiety, higher
 * worse: Ann 6 to 2, Bob 1 to 4 (4 is medium, not doing well), Dev 9 to 3
 * (3 is low: doing well).  Cara declined once and answered once. */
static void wellbeing_is_four_measures_with_ons_bands(void **state)
{
	struct fixture *f = *state;
	struct report_scope s = team(f);
	struct report_section out = {0};
	struct err e;
	assert_int_equal(report_wellbeing(f->db, &s, f->a, &out, &e), RESULT_OK);
	assert_string_equal(out.key, "wellbeing");
	assert_int_equal(out.table_count, 1);
	const struct report_table *t = out.tables;
	assert_int_equal(t->rows, 4);
	assert_int_equal(t->column_count, 7);

	text_is(t, 0, 0, "Life satisfaction");
	count_is(t, 0, 1, 3);
	figure_is(t, 0, 2, CELL_MEAN, 13.0 / 3, 3);
	figure_is(t, 0, 3, CELL_MEAN, 8.0, 3);
	text_is(t, 0, 4, "high or very high");
	figure_is(t, 0, 5, CELL_PERCENT, 100.0 / 3, 3);
	figure_is(t, 0, 6, CELL_PERCENT, 200.0 / 3, 3);

	text_is(t, 1, 0, "Worthwhile");
	count_is(t, 1, 1, 3);
	figure_is(t, 1, 2, CELL_MEAN, 17.0 / 3, 3);
	figure_is(t, 1, 3, CELL_MEAN, 19.0 / 3, 3);
	figure_is(t, 1, 5, CELL_PERCENT, 100.0 / 3, 3);
	figure_is(t, 1, 6, CELL_PERCENT, 200.0 / 3, 3);

	text_is(t, 2, 0, "Happiness");
	count_is(t, 2, 1, 2);
	figure_is(t, 2, 2, CELL_MEAN, 3.5, 2);
	figure_is(t, 2, 3, CELL_MEAN, 7.0, 2);
	figure_is(t, 2, 5, CELL_PERCENT, 0, 2);
	figure_is(t, 2, 6, CELL_PERCENT, 50.0, 2);

	text_is(t, 3, 0, "Anxiety (lower is better)");
	count_is(t, 3, 1, 3);
	figure_is(t, 3, 2, CELL_MEAN, 16.0 / 3, 3);
	figure_is(t, 3, 3, CELL_MEAN, 3.0, 3);
	text_is(t, 3, 4, "very low or low");
	figure_is(t, 3, 5, CELL_PERCENT, 100.0 / 3, 3);
	figure_is(t, 3, 6, CELL_PERCENT, 200.0 / 3, 3);

	assert_string_equal(out.summary,
			    "3 people have a first and a later answer on life "
			    "satisfaction; the ONS four are shown as four measures, with no "
			    "combined score.");
	bool says_bands = false;
	for (size_t i = 0; i < out.note_count; i++)
		says_bands |= strstr(out.notes[i], "very low (0 to 1) or low (2 to 3)") != NULL;
	assert_true(says_bands);
	/* Shared: the same figures, the small count as the report shows it,
	 * and a share of 1 to 4 people doing well held back (here also by its
	 * base). */
	s.suppressed = true;
	assert_int_equal(report_wellbeing(f->db, &s, f->a, &out, &e), RESULT_OK);
	assert_string_equal(out.summary,
			    "Fewer than 5 people have a first and a later answer on life "
			    "satisfaction; the ONS four are shown as four measures, with no "
			    "combined score.");
	assert_int_equal(report_cell_at(out.tables, 3, 6)->shown, SHOWN_HIDDEN);
}

/* Costs: GP appointments at £35 (Ann 1, Bob 2) until 31 October and £42
 * (Ann 1 on 1 November, Dev 1 on the period's last day) after; Ann's
 * withdrawn 5, Bob's before and after the period and Eve's in Clifton are
 * left out.  Gus's A&E attendance has no figure.  Bob's 3 hospital nights
 * came before the figure was in force, Cara's 2 after (£500 a night). */
static void costs_are_valued_at_the_figure_in_force_that_day(void **state)
{
	struct fixture *f = *state;
	struct report_scope s = team(f);
	struct report_section out = {0};
	struct err e;
	assert_int_equal(report_costs(f->db, &s, f->a, &out, &e), RESULT_OK);
	assert_string_equal(out.key, "costs");
	const struct report_table *t = out.tables;
	assert_string_equal(t->key, "costs-avoided");
	assert_int_equal(t->column_count, 8);
	assert_int_equal(t->rows, 11);
	assert_true(t->total_row);

	text_is(t, 0, 0, "A GP appointment not needed");
	count_is(t, 0, 1, 2);
	count_is(t, 0, 2, 2);
	figure_is(t, 0, 3, CELL_COUNT, 3, 2);
	text_is(t, 0, 4, "£35.00 per appointment");
	text_is(t, 0, 5, "PSSRU 2024");
	text_is(t, 0, 6, "2024/25");
	figure_is(t, 0, 7, CELL_PENCE, 10500, 2);

	text_is(t, 1, 0, "A GP appointment not needed");
	count_is(t, 1, 1, 2);
	count_is(t, 1, 2, 2);
	figure_is(t, 1, 3, CELL_COUNT, 2, 2);
	text_is(t, 1, 4, "£42.00 per appointment");
	text_is(t, 1, 5, "PSSRU 2025");
	text_is(t, 1, 6, "2025/26");
	figure_is(t, 1, 7, CELL_PENCE, 8400, 2);

	text_is(t, 2, 0, "An A&E attendance avoided");
	count_is(t, 2, 1, 1);
	count_is(t, 2, 2, 1);
	figure_is(t, 2, 3, CELL_COUNT, 1, 1);
	for (size_t c = 4; c < 8; c++)
		none_is(t, 2, c);

	text_is(t, 3, 0, "A hospital stay avoided");
	count_is(t, 3, 2, 1);
	figure_is(t, 3, 3, CELL_COUNT, 3, 1);
	none_is(t, 3, 4);
	none_is(t, 3, 7);
	text_is(t, 4, 0, "A hospital stay avoided");
	count_is(t, 4, 2, 1);
	figure_is(t, 4, 3, CELL_COUNT, 2, 1);
	text_is(t, 4, 4, "£500.00 per night");
	text_is(t, 4, 5, "NHS National Cost Collection");
	text_is(t, 4, 6, "2023/24");
	figure_is(t, 4, 7, CELL_PENCE, 100000, 1);

	/* Kinds with nothing in the period: 0, worth nothing. */
	static const char *const quiet[] = {
		"A crisis resolved without crisis services", "A safeguarding concern resolved",
		"An eviction avoided", "A package of care not needed",
		"A package of care made smaller"};
	for (size_t r = 5; r < 10; r++) {
		text_is(t, r, 0, quiet[r - 5]);
		count_is(t, r, 1, 0);
		count_is(t, r, 2, 0);
		count_is(t, r, 3, 0);
		none_is(t, r, 4);
		figure_is(t, r, 7, CELL_PENCE, 0, 0);
	}

	text_is(t, 10, 0, "Total");
	count_is(t, 10, 1, 5);
	count_is(t, 10, 2, 7);
	none_is(t, 10, 3);
	figure_is(t, 10, 7, CELL_PENCE, 118900, 5);

	assert_string_equal(out.summary,
			    "7 events recorded in this period came to £1,189.00 of gross costs "
			    "avoided, before deadweight, attribution and drop-off.");
	const char *all = "";
	for (size_t i = 0; i < out.note_count; i++)
		all = arena_printf(f->a, "%s%s\n", all, out.notes[i]);
	assert_non_null(strstr(all, "gross costs avoided"));
	assert_non_null(strstr(all, "deadweight"));
	assert_non_null(strstr(all, "attribution"));
	assert_non_null(strstr(all, "drop-off"));
	assert_non_null(strstr(all, "not a social return on investment"));
	assert_non_null(strstr(all, "not counted in the total: An A&E attendance avoided; A "
				    "hospital stay avoided."));
}

/* A figure entered again for the same day replaces the first: the one
 * entered last is in force. */
static void of_two_figures_from_one_day_the_later_entered_counts(void **state)
{
	struct fixture *f = *state;
	testdb_run(f->db, "INSERT INTO unit_costs (id, kind, pence, unit, source, source_year,"
			  " from_on, created_at) VALUES ('u4', 'gp_visit', 4000, 'per appointment',"
			  " 'PSSRU 2025, corrected', '2025/26', '2026-11-01',"
			  " '2026-11-02T09:00:00.000Z')");
	struct report_scope s = team(f);
	struct report_section out = {0};
	struct err e;
	assert_int_equal(report_costs(f->db, &s, f->a, &out, &e), RESULT_OK);
	const struct report_table *t = out.tables;
	text_is(t, 1, 4, "£40.00 per appointment");
	text_is(t, 1, 5, "PSSRU 2025, corrected");
	figure_is(t, 1, 7, CELL_PENCE, 8000, 2);
	figure_is(t, 10, 7, CELL_PENCE, 118500, 5);
}

/* Nothing in the period at all: every count 0, no means, and the
 * summaries say so in words. */
static void an_empty_period_is_zeros_and_nothing_to_show(void **state)
{
	struct fixture *f = *state;
	f->period = (struct report_period){.from = "2025-01-01", .to = "2025-03-31",
					   .quarter = "2024-25-Q4", .label = "2024-25 Q4"};
	struct report_scope s = team(f);
	struct report_section outcomes = {0}, wellbeing = {0}, costs = {0};
	struct err e;
	assert_int_equal(report_outcomes(f->db, &s, f->a, &outcomes, &e), RESULT_OK);
	assert_int_equal(report_wellbeing(f->db, &s, f->a, &wellbeing, &e), RESULT_OK);
	assert_int_equal(report_costs(f->db, &s, f->a, &costs, &e), RESULT_OK);
	assert_string_equal(outcomes.summary, "No one had an outcome conversation in this period.");
	assert_int_equal(outcomes.tables[0].rows, 2);
	none_is(&outcomes.tables[0], 0, 1);
	count_is(&outcomes.tables[0], 0, 6, 0);
	count_is(&outcomes.tables[1], 3, 3, 0);
	for (size_t r = 0; r < 4; r++) {
		count_is(wellbeing.tables, r, 1, 0);
		none_is(wellbeing.tables, r, 2);
		none_is(wellbeing.tables, r, 6);
	}
	count_is(costs.tables, 8, 2, 0);
	figure_is(costs.tables, 8, 7, CELL_PENCE, 0, 0);
	assert_string_equal(costs.summary,
			    "No costs avoided were recorded in this period.");
	assert_int_equal(costs.note_count, 5);
}

/* Every area there is reads with no test of the area, and gives what
 * listing all three gives: Eve's Clifton row counts with the rest. */
static void every_area_is_the_same_as_all_listed(void **state)
{
	struct fixture *f = *state;
	static const char *const all[] = {ACOMB, HEWORTH, CLIFTON};
	struct report_scope listed = scope(f, all, 3), every = listed;
	every.every_area = true;
	int (*const parts[])(struct db *, const struct report_scope *, struct arena *,
			     struct report_section *, struct err *) = {
		report_outcomes, report_wellbeing, report_costs};
	for (size_t p = 0; p < sizeof parts / sizeof *parts; p++) {
		struct report_section x = {0}, y = {0};
		struct err e;
		assert_int_equal(parts[p](f->db, &listed, f->a, &x, &e), RESULT_OK);
		assert_int_equal(parts[p](f->db, &every, f->a, &y, &e), RESULT_OK);
		assert_string_equal(x.summary, y.summary);
		assert_int_equal(x.table_count, y.table_count);
		for (size_t t = 0; t < x.table_count; t++) {
			assert_int_equal(x.tables[t].rows, y.tables[t].rows);
			for (size_t r = 0; r < x.tables[t].rows; r++)
				for (size_t c = 0; c < x.tables[t].column_count; c++) {
					const struct report_cell *a = report_cell_at(&x.tables[t], r, c),
								 *b = report_cell_at(&y.tables[t], r, c);
					assert_int_equal(a->kind, b->kind);
					assert_true(a->value == b->value);
					assert_int_equal(a->base, b->base);
				}
		}
	}
	/* Eve (Clifton) is among them: 4 people with a latest sitting, not
	 * the team's 3 (sittings_count_declining_as_an_answer). */
	struct report_section out = {0};
	struct err e;
	assert_int_equal(report_outcomes(f->db, &every, f->a, &out, &e), RESULT_OK);
	count_is(&out.tables[0], 0, 6, 4);
}

#define TESTS                                                                              \
	cmocka_unit_test_setup_teardown(outcome_movement_compares_first_and_latest_per_statement, \
					SETUP, teardown),                                  \
	cmocka_unit_test_setup_teardown(of_two_sittings_on_one_day_the_later_entered_is_latest, \
					SETUP, teardown),                                  \
	cmocka_unit_test_setup_teardown(sittings_count_declining_as_an_answer, SETUP, teardown), \
	cmocka_unit_test_setup_teardown(a_scope_sees_only_its_areas, SETUP, teardown),     \
	cmocka_unit_test_setup_teardown(wellbeing_is_four_measures_with_ons_bands, SETUP,  \
					teardown),                                         \
	cmocka_unit_test_setup_teardown(costs_are_valued_at_the_figure_in_force_that_day,  \
					SETUP, teardown),                                  \
	cmocka_unit_test_setup_teardown(of_two_figures_from_one_day_the_later_entered_counts, \
					SETUP, teardown),                                  \
	cmocka_unit_test_setup_teardown(every_area_is_the_same_as_all_listed, SETUP, teardown), \
	cmocka_unit_test_setup_teardown(an_empty_period_is_zeros_and_nothing_to_show, SETUP, \
					teardown)

int main(void)
{
#define SETUP setup_sqlite
	const struct CMUnitTest sqlite_tests[] = {TESTS};
#undef SETUP
#define SETUP setup_pg
	const struct CMUnitTest pg_tests[] = {TESTS};
#undef SETUP
	int failed = cmocka_run_group_tests_name("report outcomes on sqlite", sqlite_tests, NULL,
						 NULL);
	if (!getenv("ALONGSIDE_TEST_PG_URL")) {
		printf("report outcomes on postgresql: not run (ALONGSIDE_TEST_PG_URL unset)\n");
		return failed;
	}
	return failed + cmocka_run_group_tests_name("report outcomes on postgresql", pg_tests,
						    NULL, NULL);
}
