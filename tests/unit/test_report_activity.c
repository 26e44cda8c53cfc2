/* The activity figures (domain/reports/report_activity.c, through
 * report_build) on a small programme with known answers, on SQLite and,
 * when ALONGSIDE_TEST_PG_URL is set, on PostgreSQL: the same assertions
 * on both.
 *
 * Quarter 2026-27 Q3 (1 October to 31 December 2026), read on 15 January
 * 2027, a reply promised within 3 working days.  Acomb (Priya, alone)
 * and Heworth (Tom, alone, on leave 14 to 18 December).  Ten
 * introductions, seven answered in time:
 *
 *   A3  arrived 00:30 BST on 1 October (still 30 September in UTC),
 *       answered Tuesday 6 October: 3 working days, in time
 *   A1  Mon 5 Oct, answered Tue 6 Oct: 1, in time
 *   A2  Wed 7 Oct, answered Fri 9 Oct: 2, in time
 *   H1  Mon 12 Oct, answered Wed 14 Oct: 2, in time
 *   A4  Mon 2 Nov, due Thu 5 Nov, answered Tue 10 Nov: 6, late
 *   H3  Fri 20 Nov, due Wed 25 Nov, answered Tue 1 Dec: 7, late
 *   A6  Tue 1 Dec, answered the same day: 0, in time
 *   H2  Fri 11 Dec, Tom away all the next week: due Wed 23 Dec,
 *       answered Tue 22 Dec: 2 (21 and 22 December), in time
 *   A5  Wed 23 Dec, across Christmas Day (Fri) and Boxing Day's
 *       substitute (Mon 28): due Wed 30 Dec, answered Tue 29 Dec: 2, in time
 *   A7  Wed 30 Dec, due Tue 5 January, never answered: overdue now
 *
 * and two just outside: 23:30 BST on 30 September, and midnight UTC on
 * 1 January.  Caseloads against capacity: Priya's 55 became 50 from 15
 * November; Tom has no dated capacity (his current 40 stands in). */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/err.h"
#include "core/workdays.h"
#include "db/db.h"
#include "domain/people/involvement.h"
#include "domain/reports/report.h"
#include "domain/reports/report_parts.h"
#include "domain/staff/caller.h"
#include "domain/staff/user.h"
#include "support/testdb.h"

#define ACOMB "area-acomb"
#define HEWORTH "area-heworth"
#define PRIYA "user-priya"
#define TOM "user-tom"
#define JO "user-jo"
#define PAM "user-pam"

struct fixture {
	struct arena *a;
	struct db *db;
	struct testdb tdb;
	struct holidays *h;
};

#define T "'2025-01-01T00:00:00.000Z'"
#define INTRO(id, area, received, due, replied, status, by, channel)                        \
	"('" id "', '" status "', '" area "', 'covered', 'Someone', '" by "', 'yes', '" channel \
	"', '" received "', '" due "', " replied ", " T ", " T ")"

static const char programme[] =
	"INSERT INTO areas (id, name, covered, created_at, updated_at) VALUES"
	" ('" ACOMB "', 'Acomb', 1, " T ", " T "), ('" HEWORTH "', 'Heworth', 1, " T ", " T ");"
	"INSERT INTO users (id, username, display_name, created_at, updated_at, capacity) VALUES"
	" ('" PRIYA "', 'priya', 'Priya Shah', " T ", " T ", 50),"
	" ('" TOM "', 'tom', 'Tom Reed', " T ", " T ", 40),"
	" ('" JO "', 'jo', 'Jo Bennett', " T ", " T ", 55),"
	" ('" PAM "', 'pam', 'Pam Manager', " T ", " T ", 55);"
	"INSERT INTO user_roles (user_id, role) VALUES ('" PRIYA "', 'coordinator'),"
	" ('" TOM "', 'coordinator'), ('" JO "', 'team_leader'), ('" PAM "', 'programme_manager');"
	"INSERT INTO user_role_areas (user_id, role, area_id) VALUES"
	" ('" PRIYA "', 'coordinator', '" ACOMB "'), ('" TOM "', 'coordinator', '" HEWORTH "'),"
	" ('" JO "', 'team_leader', '" ACOMB "'), ('" JO "', 'team_leader', '" HEWORTH "');"
	"INSERT INTO capacity_changes (id, user_id, capacity, from_on, set_at) VALUES"
	" ('cap-1', '" PRIYA "', 55, '2025-01-01', " T "),"
	" ('cap-2', '" PRIYA "', 50, '2026-11-15', '2026-11-14T10:00:00.000Z');"
	"INSERT INTO leave (id, user_id, starts_on, ends_on, created_at) VALUES"
	" ('leave-1', '" TOM "', '2026-12-14', '2026-12-18', " T ");"
	"INSERT INTO introductions (id, status, area_id, placement, person_name, introduced_by,"
	" person_knows, channel, received_at, due_on, replied_at, created_at, updated_at) VALUES "
	INTRO("A1", ACOMB, "2026-10-05T09:00:00.000Z", "2026-10-08",
	      "'2026-10-06T09:00:00.000Z'", "walking_alongside", "self", "phone") ","
	INTRO("A2", ACOMB, "2026-10-07T08:00:00.000Z", "2026-10-12",
	      "'2026-10-09T09:00:00.000Z'", "information_only", "professional", "text") ","
	INTRO("A3", ACOMB, "2026-09-30T23:30:00.000Z", "2026-10-06",
	      "'2026-10-06T15:00:00.000Z'", "walking_alongside", "family_or_friend", "email") ","
	INTRO("A4", ACOMB, "2026-11-02T10:00:00.000Z", "2026-11-05",
	      "'2026-11-10T10:00:00.000Z'", "not_now", "professional", "phone") ","
	INTRO("A5", ACOMB, "2026-12-23T10:00:00.000Z", "2026-12-30",
	      "'2026-12-29T11:00:00.000Z'", "walking_alongside", "self", "web") ","
	INTRO("A6", ACOMB, "2026-12-01T10:00:00.000Z", "2026-12-04",
	      "'2026-12-01T14:00:00.000Z'", "contacted", "community_group", "drop_in") ","
	INTRO("A7", ACOMB, "2026-12-30T10:00:00.000Z", "2027-01-05", "NULL", "new", "self",
	      "face_to_face") ","
	INTRO("H1", HEWORTH, "2026-10-12T10:00:00.000Z", "2026-10-15",
	      "'2026-10-14T10:00:00.000Z'", "walking_alongside", "self", "phone") ","
	INTRO("H2", HEWORTH, "2026-12-11T10:00:00.000Z", "2026-12-23",
	      "'2026-12-22T10:00:00.000Z'", "walking_alongside", "professional", "phone") ","
	INTRO("H3", HEWORTH, "2026-11-20T10:00:00.000Z", "2026-11-25",
	      "'2026-12-01T10:00:00.000Z'", "other_service", "family_or_friend", "email") ","
	INTRO("X1", ACOMB, "2026-09-30T22:30:00.000Z", "2026-10-05",
	      "'2026-10-01T10:00:00.000Z'", "contacted", "self", "phone") ","
	INTRO("X2", HEWORTH, "2027-01-01T00:00:00.000Z", "2027-01-06", "NULL", "new", "self",
	      "phone") ";"
	"INSERT INTO people (id, name, area_id, coordinator_id, created_at, updated_at) VALUES"
	" ('P1', 'One', '" ACOMB "', '" PRIYA "', " T ", " T "),"
	" ('P2', 'Two', '" ACOMB "', '" PRIYA "', " T ", " T "),"
	" ('P3', 'Three', '" ACOMB "', '" PRIYA "', " T ", " T "),"
	" ('P3b', 'Three too', '" ACOMB "', '" PRIYA "', " T ", " T "),"
	" ('P5', 'Five', '" ACOMB "', '" PRIYA "', " T ", " T "),"
	" ('P8', 'Eight', '" ACOMB "', '" PRIYA "', " T ", " T "),"
	" ('Q1', 'Tom one', '" HEWORTH "', '" TOM "', " T ", " T "),"
	" ('Q2', 'Tom two', '" HEWORTH "', '" TOM "', " T ", " T "),"
	" ('Q3', 'Nobody yet', '" HEWORTH "', NULL, " T ", " T ");"
	"INSERT INTO involvements (id, kind, area_id, introduction_id, started_on, ended_on,"
	" end_reason, ended_by, first_conversation_at, created_at, updated_at) VALUES"
	" ('V1', 'walking_alongside', '" ACOMB "', 'A1', '2026-10-06', NULL, NULL, NULL,"
	"  '2026-10-09T10:00:00.000Z', " T ", " T "),"
	" ('V2', 'short_term', '" ACOMB "', 'A2', '2026-10-09', '2026-11-20', 'in_place',"
	"  'agreement', '2026-10-09T12:00:00.000Z', " T ", " T "),"
	" ('V3', 'walking_alongside', '" ACOMB "', 'A3', '2026-10-02', NULL, NULL, NULL,"
	"  '2026-10-20T10:00:00.000Z', " T ", " T "),"
	" ('V5', 'walking_alongside', '" ACOMB "', 'A5', '2026-12-29', NULL, NULL, NULL,"
	"  NULL, " T ", " T "),"
	" ('V8', 'walking_alongside', '" ACOMB "', NULL, '2025-06-01', '2026-10-31',"
	"  'person_chose', 'person', '2025-06-02T10:00:00.000Z', " T ", " T "),"
	" ('V9', 'walking_alongside', '" ACOMB "', NULL, '2026-11-02', NULL, NULL, NULL,"
	"  '2026-11-02T10:00:00.000Z', '2026-11-02T10:00:00.000Z', " T "),"
	" ('V6', 'walking_alongside', '" HEWORTH "', 'H1', '2026-10-13', NULL, NULL, NULL,"
	"  '2026-10-26T10:00:00.000Z', " T ", " T "),"
	" ('V7', 'walking_alongside', '" HEWORTH "', 'H2', '2026-12-22', NULL, NULL, NULL,"
	"  '2027-01-04T10:00:00.000Z', " T ", " T "),"
	" ('V10', 'short_term', '" HEWORTH "', NULL, '2026-12-01', NULL, NULL, NULL,"
	"  NULL, " T ", " T ");"
	"INSERT INTO involvement_people (involvement_id, person_id) VALUES"
	" ('V1', 'P1'), ('V2', 'P2'), ('V3', 'P3'), ('V3', 'P3b'), ('V5', 'P5'), ('V8', 'P8'),"
	" ('V9', 'P8'), ('V6', 'Q1'), ('V7', 'Q2'), ('V10', 'Q3');"
	/* V1 began as short-term help and became walking alongside on 10
	 * November; V6 was short-term help for an hour across the end of
	 * October. */
	"INSERT INTO involvement_history (id, involvement_id, at, event, kind, seq) VALUES"
	" ('vh1', 'V1', '2026-10-06T09:00:00.000Z', 'started', 'short_term', 1),"
	" ('vh2', 'V1', '2026-11-10T09:00:00.000Z', 'kind_changed', 'walking_alongside', 2),"
	" ('vh3', 'V6', '2026-10-31T23:30:00.000Z', 'kind_changed', 'short_term', 1),"
	" ('vh4', 'V6', '2026-11-01T00:30:00.000Z', 'kind_changed', 'walking_alongside', 2);";
#undef T

static int setup(void **state, bool on_pg)
{
	struct fixture *f = calloc(1, sizeof *f);
	f->a = arena_new();
	f->db = on_pg ? testdb_open_pg(&f->tdb, "reports") : testdb_open(&f->tdb);
	testdb_run(f->db, programme);
	/* The rows went in as SQL, past involvement.c, which keeps the
	 * people's involvement counts the returns are found by. */
	struct db_conn *c;
	struct err e;
	assert_int_equal(db_acquire(f->db, &c, &e), 0);
	assert_int_equal(involvement_recount_everyone(c, f->a, &e), RESULT_OK);
	db_release(c);
	f->h = holidays_new();
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
	holidays_free(f->h);
	arena_free(f->a);
	free(f);
	return 0;
}

static const char *team[] = {ACOMB, HEWORTH};
static const struct user jo_user = {.id = JO, .username = "jo", .roles = USER_TEAM_LEADER,
				    .team_areas = team, .team_area_count = 2};
static const struct user pam_user = {.id = PAM, .username = "pam",
				     .roles = USER_PROGRAMME_MANAGER};

static struct caller as(const struct user *u)
{
	return (struct caller){.kind = CALLER_STAFF, .user = u, .client_address = "test",
			       .request_id = "test"};
}

/* 15 January 2027, midday. */
#define NOW ((time_t)1800014400)

static void build(struct fixture *f, const struct user *u, enum report_view view,
		  const char **areas, size_t area_count, struct report *r)
{
	struct report_request req = {.area_ids = areas, .area_count = area_count, .view = view};
	struct err e = {0};
	assert_int_equal(period_quarter("2026-27-Q3", &req.period, &e), RESULT_OK);
	struct caller who = as(u);
	int rc = report_build(f->db, &who, f->h, 3, NOW, &req, f->a, r, &e);
	if (rc != RESULT_OK)
		fail_msg("report_build: %d %s", rc, e.msg);
}

static const struct report_table *table(const struct report *r, const char *section,
					const char *key)
{
	const struct report_section *s = report_section(r, section);
	assert_non_null(s);
	for (size_t i = 0; i < s->table_count; i++)
		if (strcmp(s->tables[i].key, key) == 0)
			return &s->tables[i];
	fail_msg("no table %s in %s", key, section);
	return NULL;
}

/* A cell's kind, value and base, exactly (values to within rounding). */
static void cell_is(const struct report_table *t, size_t row, size_t col,
		    enum report_cell_kind kind, double value, long base)
{
	const struct report_cell *c = report_cell_at(t, row, col);
	if (c->kind != kind || fabs(c->value - value) > 1e-9 || c->base != base)
		fail_msg("%s[%zu][%zu] (%s): kind %d value %g base %ld, want kind %d value %g "
			 "base %ld",
			 t->key, row, col, t->columns[col], c->kind, c->value, c->base, kind, value,
			 base);
}

static void count_is(const struct report_table *t, size_t row, size_t col, long n)
{
	cell_is(t, row, col, CELL_COUNT, (double)n, n);
}

static void text_is(const struct report_table *t, size_t row, const char *text)
{
	const struct report_cell *c = report_cell_at(t, row, 0);
	assert_int_equal(c->kind, CELL_TEXT);
	assert_string_equal(c->text, text);
}

static void shown_is(const struct report_table *t, size_t row, size_t col,
		     enum report_cell_shown shown)
{
	if (report_cell_at(t, row, col)->shown != shown)
		fail_msg("%s[%zu][%zu] (%s): shown %d, want %d", t->key, row, col,
			 t->columns[col], report_cell_at(t, row, col)->shown, shown);
}

static void introductions_by_month_area_introducer_and_channel(void **state)
{
	struct fixture *f = *state;
	struct report r;
	build(f, &jo_user, REPORT_OWN_VIEW, NULL, 0, &r);
	assert_false(r.suppressed);
	assert_int_equal(r.area_count, 2);
	assert_string_equal(r.area_names[0], "Acomb");
	assert_string_equal(r.made_at, "2027-01-15T12:00:00Z");

	const struct report_table *t = table(&r, "introductions", "introductions-by-month");
	assert_int_equal(t->rows, 4);
	text_is(t, 0, "October 2026");
	text_is(t, 2, "December 2026");
	count_is(t, 0, 1, 4); /* A1 A2 A3 (00:30 BST on the 1st) H1 */
	count_is(t, 1, 1, 2);
	count_is(t, 2, 1, 4);
	count_is(t, 3, 1, 10);
	assert_true(t->total_row);

	t = table(&r, "introductions", "introductions-by-area");
	count_is(t, 0, 1, 7);
	count_is(t, 1, 1, 3);
	count_is(t, 2, 1, 10);

	t = table(&r, "introductions", "introductions-by-introducer");
	long who[] = {4, 2, 3, 1, 10}; /* self, family or friend, professional, group */
	for (size_t i = 0; i < 5; i++)
		count_is(t, i, 1, who[i]);

	t = table(&r, "introductions", "introductions-by-channel");
	/* phone text voicemail email facebook drop-in face-to-face web */
	long how[] = {4, 1, 0, 2, 0, 1, 1, 1, 10};
	for (size_t i = 0; i < 9; i++)
		count_is(t, i, 1, how[i]);

	t = table(&r, "introductions", "returns");
	count_is(t, 0, 1, 5); /* V1 V2 V3 V5 V9 */
	count_is(t, 0, 2, 1); /* V9: Eight came back */
	count_is(t, 1, 1, 3);
	count_is(t, 1, 2, 0);
	count_is(t, 2, 1, 8);
	count_is(t, 2, 2, 1);
	assert_string_equal(report_section(&r, "introductions")->summary,
			    "Introductions received: 10; returns: 1.");
}

static void replies_within_the_promise_by_the_due_dates_clock(void **state)
{
	struct fixture *f = *state;
	struct report r;
	build(f, &jo_user, REPORT_OWN_VIEW, NULL, 0, &r);
	const struct report_table *t = table(&r, "replies", "replies-by-area");
	/* Acomb: 7, 5 in time (A4 late, A7 never), working days 0 1 2 2 3 6. */
	/* Acomb: 7 received, the 6 answered and A7 past due make 7 due or
	 * given; 5 in time (A4 late, A7 never), working days 0 1 2 2 3 6. */
	count_is(t, 0, 1, 7);
	count_is(t, 0, 2, 5);
	count_is(t, 0, 3, 7);
	cell_is(t, 0, 4, CELL_PERCENT, 500.0 / 7.0, 7);
	assert_int_equal(report_cell_at(t, 0, 4)->base_column, 2);
	cell_is(t, 0, 5, CELL_DAYS, 2, 6);
	cell_is(t, 0, 6, CELL_DAYS, 6, 6);
	count_is(t, 0, 7, 1);
	/* Heworth: H2 across Tom's leave is 2 and in time; H3 7 and late.
	 * X2, received in January, is overdue now all the same: a reading of
	 * now, whatever the period. */
	count_is(t, 1, 1, 3);
	count_is(t, 1, 2, 2);
	count_is(t, 1, 3, 3);
	cell_is(t, 1, 4, CELL_PERCENT, 200.0 / 3.0, 3);
	cell_is(t, 1, 5, CELL_DAYS, 2, 3);
	cell_is(t, 1, 6, CELL_DAYS, 7, 3);
	count_is(t, 1, 7, 1);
	/* All: 7 of 10; 0 1 2 2 2 2 3 6 7. */
	text_is(t, 2, "All areas");
	count_is(t, 2, 1, 10);
	count_is(t, 2, 2, 7);
	count_is(t, 2, 3, 10);
	cell_is(t, 2, 4, CELL_PERCENT, 70, 10);
	cell_is(t, 2, 5, CELL_DAYS, 2, 9);
	cell_is(t, 2, 6, CELL_DAYS, 7, 9);
	count_is(t, 2, 7, 2);

	t = table(&r, "replies", "replies-by-month");
	/* October 1 2 2 3; November 6 7; December 0 2 2 and A7 unanswered. */
	count_is(t, 0, 1, 4);
	count_is(t, 0, 2, 4);
	count_is(t, 0, 3, 4);
	cell_is(t, 0, 4, CELL_PERCENT, 100, 4);
	cell_is(t, 0, 5, CELL_DAYS, 2, 4);
	cell_is(t, 0, 6, CELL_DAYS, 3, 4);
	count_is(t, 1, 2, 0);
	count_is(t, 1, 3, 2);
	cell_is(t, 1, 4, CELL_PERCENT, 0, 2);
	cell_is(t, 1, 5, CELL_DAYS, 6.5, 2);
	cell_is(t, 1, 6, CELL_DAYS, 7, 2);
	count_is(t, 2, 1, 4);
	count_is(t, 2, 2, 3);
	count_is(t, 2, 3, 4);
	cell_is(t, 2, 4, CELL_PERCENT, 75, 4);
	cell_is(t, 2, 5, CELL_DAYS, 2, 3);
	count_is(t, 2, 7, 1); /* of December's own: A7 */
	text_is(t, 3, "Whole period");
	count_is(t, 3, 1, 10);
	count_is(t, 3, 3, 10);
	count_is(t, 3, 7, 1);
	assert_string_equal(report_section(&r, "replies")->summary,
			    "70% of the introductions whose reply was due were answered within 3 "
			    "working days (7 of 10); overdue now: 2.");
	assert_string_equal(report_section(&r, "first_conversations")->summary,
			    "Median days from introduction to first conversation: 14, for 5 people.");
	assert_string_equal(report_section(&r, "caseloads")->summary,
			    "At the end of December 2026: 6 people walked alongside, against a "
			    "capacity of 90; 1 with short-term help.");
}

static void a_reply_not_yet_due_is_not_counted_either_way(void **state)
{
	struct fixture *f = *state;
	struct report r;
	/* Read on 31 December: A7 (due 5 January) is neither late nor overdue. */
	struct report_request req = {.view = REPORT_OWN_VIEW};
	struct err e = {0};
	assert_int_equal(period_quarter("2026-27-Q3", &req.period, &e), RESULT_OK);
	struct caller who = as(&jo_user);
	assert_int_equal(report_build(f->db, &who, f->h, 3, (time_t)1798718400 /* 31 Dec noon */,
				      &req, f->a, &r, &e),
			 RESULT_OK);
	const struct report_table *t = table(&r, "replies", "replies-by-area");
	count_is(t, 0, 1, 7);
	count_is(t, 0, 3, 6);
	cell_is(t, 0, 4, CELL_PERCENT, 500.0 / 6.0, 6);
	count_is(t, 0, 7, 0);
	count_is(t, 2, 7, 0); /* X2 not yet due either */
}

static void first_conversations_in_days_from_introduction(void **state)
{
	struct fixture *f = *state;
	struct report r;
	build(f, &jo_user, REPORT_OWN_VIEW, NULL, 0, &r);
	const struct report_table *t =
		table(&r, "first_conversations", "first-conversations-by-area");
	/* Acomb: A1 4 days, A2 2, A3 19 (from 1 October, UK); A5 still waiting. */
	count_is(t, 0, 1, 7);
	count_is(t, 0, 2, 3);
	cell_is(t, 0, 3, CELL_DAYS, 4, 3);
	cell_is(t, 0, 4, CELL_DAYS, 19, 3);
	count_is(t, 0, 5, 1);
	/* Heworth: H1 14, H2 24 (into January). */
	count_is(t, 1, 2, 2);
	cell_is(t, 1, 3, CELL_DAYS, 19, 2);
	cell_is(t, 1, 4, CELL_DAYS, 24, 2);
	count_is(t, 1, 5, 0);
	count_is(t, 2, 2, 5);
	cell_is(t, 2, 3, CELL_DAYS, 14, 5);
	cell_is(t, 2, 4, CELL_DAYS, 24, 5);
	count_is(t, 2, 5, 1);
}

static void caseloads_against_the_capacity_in_force_each_month(void **state)
{
	struct fixture *f = *state;
	struct report r;
	build(f, &jo_user, REPORT_OWN_VIEW, NULL, 0, &r);
	const struct report_table *t = table(&r, "caseloads", "caseloads-by-coordinator");
	assert_int_equal(t->rows, 9); /* Priya, Tom, no one named: three months each */
	text_is(t, 0, "Priya Shah");
	assert_string_equal(report_cell_at(t, 0, 1)->text, "October 2026");
	/* Priya: V8 ended on 31 October is not open at its end; V3 a family
	 * counts once; V1 short-term help until 10 November; V9 from 2
	 * November; V5 from 29 December. */
	long walking[] = {1, 3, 4}, capacity[] = {55, 50, 50}, short_term[] = {2, 0, 0};
	for (size_t k = 0; k < 3; k++) {
		count_is(t, k, 2, walking[k]);
		count_is(t, k, 3, capacity[k]);
		cell_is(t, k, 4, CELL_PERCENT, 100.0 * (double)walking[k] / (double)capacity[k],
			walking[k]);
		count_is(t, k, 5, short_term[k]);
	}
	/* Tom: no dated capacity, so the 40 he has now; V6 was short-term
	 * help from 23:30 on 31 October to 00:30 on 1 November. */
	text_is(t, 3, "Tom Reed");
	long tom[] = {0, 1, 2}, tom_short[] = {1, 0, 0};
	for (size_t k = 0; k < 3; k++) {
		count_is(t, 3 + k, 2, tom[k]);
		count_is(t, 3 + k, 3, 40);
		count_is(t, 3 + k, 5, tom_short[k]);
	}
	/* None walked alongside is a share of 0%, resting on the capacity. */
	cell_is(t, 3, 4, CELL_PERCENT, 0, 40);
	text_is(t, 6, "No coordinator named");
	count_is(t, 8, 5, 1);
	assert_int_equal(report_cell_at(t, 8, 3)->kind, CELL_NONE);

	/* The last reading alone, one row a coordinator: December. */
	t = table(&r, "caseloads", "caseloads-now");
	assert_int_equal(t->rows, 3);
	text_is(t, 0, "Priya Shah");
	count_is(t, 0, 1, 4);
	count_is(t, 0, 2, 50);
	cell_is(t, 0, 3, CELL_PERCENT, 100.0 * 4 / 50, 4);
	count_is(t, 0, 4, 0);
	text_is(t, 1, "Tom Reed");
	count_is(t, 1, 1, 2);
	count_is(t, 1, 2, 40);
	text_is(t, 2, "No coordinator named");
	count_is(t, 2, 4, 1);
	assert_int_equal(report_cell_at(t, 2, 2)->kind, CELL_NONE);
	assert_int_equal(t->chart, CHART_BARS);

	t = table(&r, "caseloads", "caseloads-by-month");
	long all_walking[] = {1, 4, 6}, all_capacity[] = {95, 90, 90}, all_short[] = {3, 0, 1};
	for (size_t k = 0; k < 3; k++) {
		count_is(t, k, 1, all_walking[k]);
		count_is(t, k, 2, all_capacity[k]);
		count_is(t, k, 3, all_short[k]);
	}

	t = table(&r, "caseloads", "involvements-ended");
	text_is(t, 0, "They chose to end it");
	count_is(t, 0, 1, 1);
	count_is(t, 0, 2, 0);
	count_is(t, 0, 3, 1);
	count_is(t, 1, 1, 0);
	count_is(t, 1, 2, 1);
	count_is(t, 1, 3, 1);
	count_is(t, 6, 1, 1);
	count_is(t, 6, 2, 1);
	count_is(t, 6, 3, 2);
}

/* The month under way is read today, not at its end. */
static void the_month_under_way_is_read_today(void **state)
{
	struct fixture *f = *state;
	struct report r;
	struct report_request req = {.view = REPORT_OWN_VIEW};
	struct err e = {0};
	assert_int_equal(period_quarter("2026-27-Q3", &req.period, &e), RESULT_OK);
	struct caller who = as(&jo_user);
	/* 10 December: V5 (29 December) and V7 (22 December) not yet open. */
	assert_int_equal(report_build(f->db, &who, f->h, 3, (time_t)1796904000, &req, f->a, &r, &e),
			 RESULT_OK);
	const struct report_table *t = table(&r, "caseloads", "caseloads-by-month");
	assert_int_equal(t->rows, 3);
	count_is(t, 2, 1, 4);
	count_is(t, 2, 3, 1);
	assert_string_equal(report_section(&r, "caseloads")->summary,
			    "So far in December 2026: 4 people walked alongside, against a capacity "
			    "of 90; 1 with short-term help.");
}

static void the_shared_view_hides_small_numbers(void **state)
{
	struct fixture *f = *state;
	struct report r;
	const char *both[] = {ACOMB, HEWORTH};
	build(f, &pam_user, REPORT_OWN_VIEW, both, 2, &r);
	assert_true(r.suppressed);

	const struct report_table *t = table(&r, "introductions", "introductions-by-area");
	shown_is(t, 1, 1, SHOWN_FEWER_THAN_5); /* Heworth 3 */
	shown_is(t, 0, 1, SHOWN_HIDDEN);       /* Acomb 7: the total would give 3 away */
	shown_is(t, 2, 1, SHOWN);
	count_is(t, 0, 1, 7); /* computed, only marked */

	t = table(&r, "introductions", "introductions-by-channel");
	shown_is(t, 0, 1, SHOWN_FEWER_THAN_5);
	shown_is(t, 2, 1, SHOWN); /* voicemail: 0 is shown */
	shown_is(t, 8, 1, SHOWN);

	t = table(&r, "replies", "replies-by-area");
	/* Acomb's share goes with its 5 in time (base_column), hidden below. */
	assert_int_equal(report_cell_at(t, 0, 4)->base_column, 2);
	shown_is(t, 0, 5, SHOWN);        /* its median on 6 replies */
	shown_is(t, 1, 4, SHOWN_HIDDEN); /* Heworth's on 3 */
	shown_is(t, 1, 5, SHOWN_HIDDEN);
	shown_is(t, 1, 6, SHOWN_HIDDEN);
	shown_is(t, 1, 2, SHOWN_FEWER_THAN_5);
	shown_is(t, 0, 2, SHOWN_HIDDEN); /* Acomb's 5 in time, for the total of 7 */
	shown_is(t, 1, 3, SHOWN_FEWER_THAN_5); /* Heworth's 3 due or given */
	shown_is(t, 0, 3, SHOWN_HIDDEN);       /* and so Acomb's 7 */
	shown_is(t, 2, 2, SHOWN);
	shown_is(t, 2, 4, SHOWN);
	shown_is(t, 0, 7, SHOWN_FEWER_THAN_5); /* overdue 1 and 1, total 2: all small */
	shown_is(t, 1, 7, SHOWN_FEWER_THAN_5);
	shown_is(t, 2, 7, SHOWN_FEWER_THAN_5);

	t = table(&r, "first_conversations", "first-conversations-by-area");
	shown_is(t, 0, 3, SHOWN_HIDDEN);
	shown_is(t, 2, 3, SHOWN); /* five people in all */
	shown_is(t, 2, 4, SHOWN);

	/* Summaries are text, and say the small numbers as the tables do. */
	assert_string_equal(report_section(&r, "introductions")->summary,
			    "Introductions received: 10; returns: fewer than 5.");
	assert_string_equal(report_section(&r, "replies")->summary,
			    "70% of the introductions whose reply was due were answered within 3 "
			    "working days (7 of 10); overdue now: fewer than 5.");
	assert_string_equal(report_section(&r, "caseloads")->summary,
			    "At the end of December 2026: 6 people walked alongside, against a "
			    "capacity of 90; fewer than 5 with short-term help.");

	t = table(&r, "caseloads", "caseloads-by-coordinator");
	shown_is(t, 3, 4, SHOWN); /* Tom's 0% in October: a 0 gives nothing away */
	assert_int_equal(report_cell_at(t, 0, 4)->base_column, 2);
	t = table(&r, "caseloads", "caseloads-by-month");
	shown_is(t, 2, 1, SHOWN); /* Priya 4 and Tom 2: two small, 6 shown */

	t = table(&r, "caseloads", "involvements-ended");
	shown_is(t, 0, 1, SHOWN_FEWER_THAN_5);
	shown_is(t, 0, 2, SHOWN);
	shown_is(t, 6, 3, SHOWN_FEWER_THAN_5);

	/* The team leader's own page is not suppressed; shared, it is. */
	build(f, &jo_user, REPORT_SHARED, NULL, 0, &r);
	assert_true(r.suppressed);
	t = table(&r, "introductions", "introductions-by-area");
	shown_is(t, 1, 1, SHOWN_FEWER_THAN_5);
	build(f, &jo_user, REPORT_OWN_VIEW, NULL, 0, &r);
	t = table(&r, "introductions", "introductions-by-area");
	shown_is(t, 1, 1, SHOWN);
}

/* Changes to the programme for one test, undone after it (the tests
 * share one database). */
static void exec(struct fixture *f, const char *sql)
{
	struct db_conn *c;
	struct err e = {0};
	assert_int_equal(db_acquire(f->db, &c, &e), 0);
	if (db_exec_script(c, sql, &e) != 0)
		fail_msg("%s: %s", sql, e.msg);
	db_release(c);
}

static void waiting_for_a_first_conversation(void **state)
{
	struct fixture *f = *state;
	struct report r;
	/* A6: a conversation arranged, no involvement yet: waiting, with A5
	 * (an involvement open, no conversation). */
	exec(f, "UPDATE introductions SET status = 'conversation_arranged' WHERE id = 'A6'");
	build(f, &jo_user, REPORT_OWN_VIEW, NULL, 0, &r);
	exec(f, "UPDATE introductions SET status = 'contacted' WHERE id = 'A6'");
	const struct report_table *t =
		table(&r, "first_conversations", "first-conversations-by-area");
	assert_string_equal(t->columns[5], "Waiting for a first conversation");
	count_is(t, 0, 5, 2);
	count_is(t, 1, 5, 0);
	count_is(t, 2, 5, 2);
	count_is(t, 2, 2, 5); /* the median still covers the conversations held */
}

static void a_period_ending_within_a_month_is_read_on_its_last_day(void **state)
{
	struct fixture *f = *state;
	struct report r;
	struct report_request req = {.view = REPORT_OWN_VIEW};
	struct err e = {0};
	assert_int_equal(period_dates("2026-10-01", "2026-12-03", &req.period, &e), RESULT_OK);
	struct caller who = as(&jo_user);
	assert_int_equal(report_build(f->db, &who, f->h, 3, NOW, &req, f->a, &r, &e), RESULT_OK);
	/* 3 December: Priya V1 V3 V9, Tom V6; V10 short-term help. */
	assert_string_equal(report_section(&r, "caseloads")->summary,
			    "On 3 December 2026: 4 people walked alongside, against a capacity of "
			    "90; 1 with short-term help.");
	assert_string_equal(table(&r, "caseloads", "caseloads-now")->title,
			    "Caseloads against capacity, on 3 December 2026");
}

static void capacity_before_the_first_change_is_the_earliest_recorded(void **state)
{
	struct fixture *f = *state;
	struct report r;
	/* Tom's 45 from 15 November is the nearest known figure for October,
	 * not the 40 he has now. */
	exec(f, "INSERT INTO capacity_changes (id, user_id, capacity, from_on, set_at) VALUES"
		" ('cap-3', '" TOM "', 45, '2026-11-15', '2026-11-14T10:00:00.000Z')");
	build(f, &jo_user, REPORT_OWN_VIEW, NULL, 0, &r);
	exec(f, "DELETE FROM capacity_changes WHERE id = 'cap-3'");
	const struct report_table *t = table(&r, "caseloads", "caseloads-by-coordinator");
	text_is(t, 3, "Tom Reed");
	for (size_t k = 0; k < 3; k++)
		count_is(t, 3 + k, 3, 45);
}

static void a_month_total_that_would_give_away_one_small_figure_is_held_back(void **state)
{
	struct fixture *f = *state;
	struct report r;
	/* Four more walked alongside with Tom from 1 October: December is
	 * Priya 4 (fewer than 5) and Tom 6, so a total of 10 would give
	 * Priya's 4 away; November Priya 3, Tom 5; October Priya 1, Tom 4,
	 * two small figures, so its 5 is shown. */
	exec(f, "INSERT INTO people (id, name, area_id, coordinator_id, created_at, updated_at)"
		" VALUES ('R1', 'R1', '" HEWORTH "', '" TOM "', '2025-01-01T00:00:00.000Z',"
		" '2025-01-01T00:00:00.000Z'), ('R2', 'R2', '" HEWORTH "', '" TOM "',"
		" '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z'), ('R3', 'R3', '" HEWORTH
		"', '" TOM "', '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z'),"
		" ('R4', 'R4', '" HEWORTH "', '" TOM "', '2025-01-01T00:00:00.000Z',"
		" '2025-01-01T00:00:00.000Z');"
		"INSERT INTO involvements (id, kind, area_id, started_on, created_at, updated_at)"
		" VALUES ('W1', 'walking_alongside', '" HEWORTH "', '2026-10-01',"
		" '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z'), ('W2',"
		" 'walking_alongside', '" HEWORTH "', '2026-10-01', '2025-01-01T00:00:00.000Z',"
		" '2025-01-01T00:00:00.000Z'), ('W3', 'walking_alongside', '" HEWORTH "',"
		" '2026-10-01', '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z'),"
		" ('W4', 'walking_alongside', '" HEWORTH "', '2026-10-01',"
		" '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z');"
		"INSERT INTO involvement_people (involvement_id, person_id) VALUES ('W1', 'R1'),"
		" ('W2', 'R2'), ('W3', 'R3'), ('W4', 'R4')");
	struct report shared, own;
	build(f, &pam_user, REPORT_OWN_VIEW, NULL, 0, &shared);
	build(f, &jo_user, REPORT_OWN_VIEW, NULL, 0, &own);
	exec(f, "DELETE FROM involvement_people WHERE involvement_id IN ('W1', 'W2', 'W3', 'W4');"
		"DELETE FROM involvements WHERE id IN ('W1', 'W2', 'W3', 'W4');"
		"DELETE FROM people WHERE id IN ('R1', 'R2', 'R3', 'R4')");
	r = shared;
	assert_true(r.suppressed);
	const struct report_table *t = table(&r, "caseloads", "caseloads-by-month");
	count_is(t, 2, 1, 10);
	shown_is(t, 2, 1, SHOWN_HIDDEN);
	shown_is(t, 1, 1, SHOWN_HIDDEN);
	count_is(t, 0, 1, 5);
	shown_is(t, 0, 1, SHOWN);
	shown_is(t, 2, 2, SHOWN); /* capacities 50 and 40 */
	assert_string_equal(report_section(&r, "caseloads")->summary,
			    "At the end of December 2026: people walked alongside: held back; "
			    "capacity: 90; with short-term help: fewer than 5 (a total is held back "
			    "when it would give away a coordinator's small number).");
	/* The team leader's own page shows every figure. */
	t = table(&own, "caseloads", "caseloads-by-month");
	shown_is(t, 2, 1, SHOWN);
}

static void a_disabled_coordinators_leave_does_not_stop_the_clock(void **state)
{
	struct fixture *f = *state;
	struct report r;
	/* Sam, disabled, was a coordinator of Heworth and booked 30 November
	 * and 1 December off: Tom was at work, so H3's 7 working days stand
	 * (counting Sam's leave against Tom alone would make them 5). */
	exec(f, "INSERT INTO users (id, username, display_name, created_at, updated_at, capacity,"
		" disabled) VALUES ('user-sam', 'sam', 'Sam Old', '2025-01-01T00:00:00.000Z',"
		" '2025-01-01T00:00:00.000Z', 40, 1);"
		"INSERT INTO user_roles (user_id, role) VALUES ('user-sam', 'coordinator');"
		"INSERT INTO user_role_areas (user_id, role, area_id) VALUES ('user-sam',"
		" 'coordinator', '" HEWORTH "');"
		"INSERT INTO leave (id, user_id, starts_on, ends_on, created_at) VALUES ('leave-sam',"
		" 'user-sam', '2026-11-30', '2026-12-01', '2025-01-01T00:00:00.000Z')");
	build(f, &jo_user, REPORT_OWN_VIEW, NULL, 0, &r);
	exec(f, "DELETE FROM leave WHERE id = 'leave-sam';"
		"DELETE FROM user_role_areas WHERE user_id = 'user-sam';"
		"DELETE FROM user_roles WHERE user_id = 'user-sam';"
		"DELETE FROM users WHERE id = 'user-sam'");
	const struct report_table *t = table(&r, "replies", "replies-by-area");
	cell_is(t, 1, 6, CELL_DAYS, 7, 3);
}

/* The median and the 90th percentile (nearest rank) are the same
 * whichever way the values are sorted: by counting, for whole days from 0
 * to 4095 at least 64 of them, or by comparison (fractions, negatives,
 * days past the counted range, a short list), and asked twice of the same
 * values. */
static void medians_and_percentiles_however_sorted(void **state)
{
	(void)state;
	enum { N = 1001 };
	static double days[N], spread[N], few[5] = {9, 1, 5, 3, 7};
	for (int i = 0; i < N; i++) {
		days[i] = (double)((i * 37) % 101); /* 0..100, out of order */
		spread[i] = days[i] + (i % 2 ? 0.5 : 5000);
	}
	double copy[N];
	memcpy(copy, days, sizeof copy);
	assert_true(report_median(days, N) == 50);
	assert_true(report_percentile(days, N, 90) == 90);
	assert_true(report_percentile(days, N, 90) == 90);
	for (int i = 1; i < N; i++)
		assert_true(days[i - 1] <= days[i]);
	/* The same values, one out of range: sorted by comparison. */
	copy[0] = 5000;
	double sorted_median = report_median(copy, N);
	assert_true(sorted_median == 50);
	assert_true(report_percentile(copy, N, 100) == 5000);
	/* Nearest rank 101 of 1001: the 101st smallest, counted by hand. */
	double tenth = 0;
	for (int i = 0; i < N; i++) {
		int below = 0, same = 0;
		for (int j = 0; j < N; j++) {
			below += spread[j] < spread[i];
			same += spread[j] == spread[i];
		}
		if (below < 101 && below + same >= 101)
			tenth = spread[i];
	}
	assert_true(report_median(spread, N) == 5000);
	assert_true(report_percentile(spread, N, 10) == tenth);
	assert_true(tenth != (double)(long)tenth);
	assert_true(report_median(few, 5) == 5);
	assert_true(report_percentile(few, 5, 90) == 9);
	assert_true(report_median(few, 0) == 0);
}

#define TESTS                                                                     \
	cmocka_unit_test(introductions_by_month_area_introducer_and_channel),     \
	cmocka_unit_test(replies_within_the_promise_by_the_due_dates_clock),      \
	cmocka_unit_test(a_reply_not_yet_due_is_not_counted_either_way),          \
	cmocka_unit_test(first_conversations_in_days_from_introduction),          \
	cmocka_unit_test(caseloads_against_the_capacity_in_force_each_month),     \
	cmocka_unit_test(the_month_under_way_is_read_today),                      \
	cmocka_unit_test(the_shared_view_hides_small_numbers),                    \
	cmocka_unit_test(waiting_for_a_first_conversation),                       \
	cmocka_unit_test(a_period_ending_within_a_month_is_read_on_its_last_day), \
	cmocka_unit_test(capacity_before_the_first_change_is_the_earliest_recorded), \
	cmocka_unit_test(a_month_total_that_would_give_away_one_small_figure_is_held_back), \
	cmocka_unit_test(a_disabled_coordinators_leave_does_not_stop_the_clock)

int main(void)
{
	const struct CMUnitTest tests[] = {TESTS};
	const struct CMUnitTest pure[] = {cmocka_unit_test(medians_and_percentiles_however_sorted)};
	int failed = cmocka_run_group_tests_name("report figures", pure, NULL, NULL);
	failed += cmocka_run_group_tests_name("report activity on sqlite", tests, setup_sqlite,
					      teardown);
	if (!getenv("ALONGSIDE_TEST_PG_URL")) {
		printf("report activity on postgresql: not run (ALONGSIDE_TEST_PG_URL unset)\n");
		return failed;
	}
	return failed + cmocka_run_group_tests_name("report activity on postgresql", tests,
						    setup_pg, teardown);
}
