/* Outcomes (domain/outcomes/outcome.h) on SQLite and, when
 * ALONGSIDE_TEST_PG_URL is set, on a PostgreSQL database made for the
 * run: the same assertions on both.  The five domains are seeded; a
 * sitting is recorded with a rating or "rather not say" per statement, or
 * declined whole; bad input is named field by field and writes nothing; a
 * reword keeps the old ratings' words; a withdrawn sitting is kept and
 * marked; another area's person is out of reach, and the refusal is
 * audited; only a programme manager or administrator changes statements. */
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
#include "domain/outcomes/outcome.h"
#include "domain/staff/caller.h"
#include "domain/staff/user.h"
#include "support/testdb.h"

#define ACOMB "a0000000000000000000000000000001"
#define HEWORTH "a0000000000000000000000000000002"
#define PRIYA "b0000000000000000000000000000001"
#define TOM "b0000000000000000000000000000002"
#define PM "b0000000000000000000000000000003"
#define ANN "c0000000000000000000000000000001"
#define BEA "c0000000000000000000000000000002" /* short-term help only */
#define WALKING "d0000000000000000000000000000001"
#define SHORT "d0000000000000000000000000000002"

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
static const struct user pm_user = {.id = PM, .roles = USER_PROGRAMME_MANAGER};

static struct caller as(const struct user *u)
{
	return (struct caller){.kind = CALLER_STAFF, .user = u, .client_address = "test",
			       .request_id = "test"};
}

static void add_data(struct db *db)
{
#define T "'2025-01-01T00:00:00.000Z'"
	struct err e;
	struct db_conn *c;
	assert_int_equal(db_acquire(db, &c, &e), 0);
	assert_int_equal(db_exec_script(c,
	    "INSERT INTO areas (id, name, covered, created_at, updated_at) VALUES"
	    " ('" ACOMB "', 'Acomb', 1, " T ", " T "), ('" HEWORTH "', 'Heworth', 1, " T ", " T ");"
	    "INSERT INTO users (id, username, display_name, created_at, updated_at) VALUES"
	    " ('" PRIYA "', 'priya', 'Priya Shah', " T ", " T "),"
	    " ('" TOM "', 'tom', 'Tom', " T ", " T "), ('" PM "', 'pat', 'Pat', " T ", " T ");"
	    "INSERT INTO people (id, name, area_id, coordinator_id, created_at, updated_at)"
	    " VALUES ('" ANN "', 'Ann Example', '" ACOMB "', '" PRIYA "', " T ", " T "),"
	    " ('" BEA "', 'Bea Example', '" ACOMB "', '" PRIYA "', " T ", " T ");"
	    "INSERT INTO involvements (id, kind, area_id, started_on, created_at, updated_at)"
	    " VALUES ('" WALKING "', 'walking_alongside', '" ACOMB "', '2025-03-03', " T ", " T "),"
	    " ('" SHORT "', 'short_term', '" ACOMB "', '2025-03-03', " T ", " T ");"
	    "INSERT INTO involvement_people (involvement_id, person_id) VALUES"
	    " ('" WALKING "', '" ANN "'), ('" SHORT "', '" BEA "');", &e), 0);
	db_release(c);
#undef T
}

static int setup(void **state, bool on_pg)
{
	struct fixture *f = calloc(1, sizeof *f);
	f->a = arena_new();
	f->db = on_pg ? testdb_open_pg(&f->tdb, "outcome") : testdb_open(&f->tdb);
	add_data(f->db);
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
	struct err e;
	struct db_conn *c;
	struct db_rows rows;
	assert_int_equal(db_acquire(f->db, &c, &e), 0);
	assert_int_equal(db_query_plain(c, f->a, sql, &rows, &e), 0);
	db_release(c);
	return strtol(db_cell(&rows, 0, 0), NULL, 10);
}

static long written(struct fixture *f)
{
	return count(f, "SELECT (SELECT count(*) FROM outcome_reviews)"
			" + (SELECT count(*) FROM outcome_ratings)"
			" + (SELECT count(*) FROM outcome_statements)");
}

/* Answers to every statement in use: rating 1 + i, the second not said. */
static struct outcome_answer_input *answers_for(struct fixture *f, size_t *n)
{
	struct outcome_statement *s;
	struct err e;
	struct caller priya = as(&priya_user);
	assert_int_equal(outcome_statements(f->db, &priya, false, f->a, &s, n, &e), 0);
	struct outcome_answer_input *x = arena_alloc(f->a, *n * sizeof *x);
	for (size_t i = 0; i < *n; i++)
		x[i] = (struct outcome_answer_input){s[i].id, i == 1 ? OUTCOME_NOT_SAID
								     : (int)(1 + i % 5),
						     i == 0 ? "Safer since the lock was fixed"
							    : NULL};
	return x;
}

static void the_five_domains_are_seeded_in_order(void **state)
{
	struct fixture *f = *state;
	struct caller priya = as(&priya_user);
	struct outcome_statement *s;
	size_t n;
	struct err e;
	assert_int_equal(outcome_statements(f->db, &priya, false, f->a, &s, &n, &e), 0);
	assert_int_equal(n, 5);
	assert_string_equal(s[0].id, "outcome-safe-1");
	assert_string_equal(s[2].key, "connected");
	assert_string_equal(s[2].steps[0], "I feel cut off from people");
	assert_string_equal(s[2].steps[4], "I have people around me and I'm part of things");
	assert_string_equal(s[4].title, "In control");
}

static void a_sitting_is_recorded_and_read_back(void **state)
{
	struct fixture *f = *state;
	struct caller priya = as(&priya_user);
	size_t n;
	struct outcome_answer_input *x = answers_for(f, &n);
	struct outcome_review_input in = {.point = "start", .taken_on = "2025-03-10",
					  .answers = x, .answer_count = n};
	struct outcome_review *r;
	struct err e;
	assert_int_equal(outcome_review_record(f->db, &priya, ANN, &in, f->a, &r, &e), 0);
	assert_string_equal(r->involvement_id, WALKING);
	assert_int_equal(r->rating_count, 5);
	assert_int_equal(r->ratings[0].rating, 1);
	assert_string_equal(r->ratings[0].words, "Safer since the lock was fixed");
	assert_int_equal(r->ratings[1].rating, OUTCOME_NOT_SAID);
	assert_int_equal(count(f, "SELECT count(*) FROM outcome_ratings WHERE rating IS NULL"), 1);
	assert_int_equal(count(f, "SELECT count(*) FROM audit_log WHERE action = 'create'"
				  " AND record_type = 'outcome_review'"), 1);
}

static void a_declined_sitting_is_an_answer(void **state)
{
	struct fixture *f = *state;
	struct caller priya = as(&priya_user);
	struct outcome_review_input in = {.point = "review", .taken_on = "2025-04-01",
					  .declined = true,
					  .declined_words = "Not today, it's been a long week"};
	struct outcome_review *r;
	struct err e;
	assert_int_equal(outcome_review_record(f->db, &priya, ANN, &in, f->a, &r, &e), 0);
	assert_true(r->declined);
	assert_int_equal(r->rating_count, 0);
	assert_string_equal(r->declined_words, "Not today, it's been a long week");
}

static void bad_input_is_named_and_writes_nothing(void **state)
{
	struct fixture *f = *state;
	struct caller priya = as(&priya_user);
	size_t n;
	struct outcome_answer_input *x = answers_for(f, &n);
	x[2].rating = OUTCOME_NO_ANSWER;
	x[3].rating = 7;
	char *long_words = arena_alloc(f->a, 1100);
	memset(long_words, 'w', 1099);
	long_words[1099] = '\0';
	x[4].words = long_words;
	long before = written(f);
	struct outcome_review_input in = {.point = "middle", .taken_on = "2999-01-01",
					  .answers = x, .answer_count = n};
	struct outcome_review *r;
	struct err e;
	assert_int_equal(outcome_review_record(f->db, &priya, ANN, &in, f->a, &r, &e),
			 RESULT_INVALID);
	assert_int_equal(e.field_count, 5);
	assert_string_equal(e.fields[0].path, "point");
	assert_string_equal(e.fields[1].path, "taken_on");
	assert_string_equal(e.fields[2].path, "answers.2.rating");
	assert_string_equal(e.fields[3].path, "answers.3.rating");
	assert_string_equal(e.fields[4].path, "answers.4.words");
	/* Each message starts with the field's label on the form. */
	assert_string_equal(e.fields[0].message,
			    "When is this? Choose the start, a review or the end");
	assert_string_equal(e.fields[1].message,
			    "The day you did this together must be today or in the past");
	assert_string_equal(e.fields[2].message,
			    "Connected: choose where they are, or \u201cI\u2019d rather not say\u201d");
	assert_string_equal(e.fields[4].message,
			    "In control: in their words must be 1000 characters or fewer");
	/* Short-term help is not walking alongside: nothing to record against. */
	in = (struct outcome_review_input){.point = "start", .answers = x, .answer_count = 1};
	assert_int_equal(outcome_review_record(f->db, &priya, BEA, &in, f->a, &r, &e),
			 RESULT_INVALID);
	assert_string_equal(e.fields[0].path, "involvement");
	assert_string_equal(e.fields[1].path, "answers");
	assert_int_equal(written(f), before);
}

static void another_area_is_out_of_reach_and_audited(void **state)
{
	struct fixture *f = *state;
	struct caller tom = as(&tom_user);
	struct outcome_review *list;
	const char *name;
	size_t n;
	struct err e;
	long before = written(f);
	assert_int_equal(outcome_review_list(f->db, &tom, ANN, f->a, &name, &list, &n, &e),
			 RESULT_NOT_FOUND);
	assert_string_equal(e.subject, "person");
	struct outcome_review_input in = {.point = "start", .declined = true};
	struct outcome_review *r;
	assert_int_equal(outcome_review_record(f->db, &tom, ANN, &in, f->a, &r, &e),
			 RESULT_NOT_FOUND);
	assert_int_equal(written(f), before);
	assert_int_equal(count(f, "SELECT count(*) FROM audit_log WHERE outcome = 'refused'"
				  " AND record_type = 'outcome_review' AND actor_user_id = '" TOM
				  "'"), 2);
}

static void a_reword_keeps_the_old_ratings_words(void **state)
{
	struct fixture *f = *state;
	struct caller priya = as(&priya_user), pm = as(&pm_user);
	struct outcome_statement_input words = {
		"Connected", "Do you feel part of things around you?",
		{"Alone", "Mostly alone", "Some people", "People I count on", "Part of things"}};
	struct outcome_statement *s;
	struct err e;
	long before = written(f);
	/* A coordinator may not; the refusal is audited. */
	assert_int_equal(outcome_statement_reword(f->db, &priya, "connected", &words, f->a, &s,
						  &e),
			 RESULT_FORBIDDEN);
	assert_int_equal(written(f), before);
	assert_int_equal(count(f, "SELECT count(*) FROM audit_log WHERE outcome = 'refused'"
				  " AND record_type = 'outcome_statement'"), 1);
	assert_int_equal(outcome_statement_reword(f->db, &pm, "connected", &words, f->a, &s, &e),
			 0);
	assert_int_equal(s->version, 2);
	assert_int_equal(s->position, 3);
	assert_int_equal(count(f, "SELECT count(*) FROM outcome_statements WHERE key = 'connected'"
				  " AND in_use = 1 AND version = 2"), 1);
	struct outcome_review *list;
	const char *name;
	size_t n;
	assert_int_equal(outcome_review_list(f->db, &priya, ANN, f->a, &name, &list, &n, &e), 0);
	assert_true(n >= 1);
	assert_string_equal(list[0].ratings[2].statement.key, "connected");
	assert_int_equal(list[0].ratings[2].statement.version, 1);
	assert_string_equal(list[0].ratings[2].statement.steps[0], "I feel cut off from people");
	assert_int_equal(count(f, "SELECT count(*) FROM audit_log WHERE action = 'update'"
				  " AND record_type = 'outcome_statement'"
				  " AND changes LIKE '%Do you feel part of things%'"), 1);
	/* A blank step is named, nothing written. */
	words.steps[3] = " ";
	before = written(f);
	assert_int_equal(outcome_statement_reword(f->db, &pm, "connected", &words, f->a, &s, &e),
			 RESULT_INVALID);
	assert_string_equal(e.fields[0].path, "step_4");
	assert_int_equal(written(f), before);
}

static void add_move_and_retire_a_programmes_own(void **state)
{
	struct fixture *f = *state;
	struct caller pm = as(&pm_user), priya = as(&priya_user);
	struct outcome_statement_input words = {
		"Less reliant on crisis services", "How often do you need crisis help?",
		{"Every week", "Most months", "Now and then", "Rarely", "I manage without it"}};
	struct outcome_statement *s, *all;
	size_t n;
	struct err e;
	assert_int_equal(outcome_statement_add(f->db, &pm, &words, f->a, &s, &e), 0);
	assert_string_equal(s->framework, "programme");
	assert_int_equal(s->position, 6);
	assert_int_equal(outcome_statement_move(f->db, &pm, s->key, 1, &e), 0);
	assert_int_equal(outcome_statements(f->db, &priya, false, f->a, &all, &n, &e), 0);
	assert_int_equal(n, 6);
	assert_string_equal(all[0].key, s->key);
	assert_string_equal(all[1].key, "safe");
	assert_int_equal(outcome_statement_move(f->db, &pm, s->key, 9, &e), RESULT_INVALID);
	assert_int_equal(outcome_statement_retire(f->db, &pm, "safe", &e), 0);
	assert_int_equal(outcome_statement_retire(f->db, &pm, "safe", &e), RESULT_NOT_FOUND);
	assert_int_equal(outcome_statements(f->db, &priya, true, f->a, &all, &n, &e), 0);
	assert_int_equal(n, 6);
	assert_false(all[5].in_use);
	assert_string_equal(all[5].key, "safe");
}

/* A retired statement asked again is a new version, in use and asked
 * last, with the last wording; the retired row stays as it was. */
static void a_retired_statement_is_asked_again(void **state)
{
	/* After add_move_and_retire_a_programmes_own: "safe" retired, the
	 * programme's own and four domains in use. */
	struct fixture *f = *state;
	struct caller pm = as(&pm_user), priya = as(&priya_user);
	struct outcome_statement *s, *all;
	size_t n;
	struct err e;
	long before = count(f, "SELECT count(*) FROM outcome_statements");
	assert_int_equal(outcome_statement_ask_again(f->db, &pm, "strong", f->a, &s, &e),
			 RESULT_CONFLICT);
	assert_int_equal(outcome_statement_ask_again(f->db, &priya, "safe", f->a, &s, &e),
			 RESULT_FORBIDDEN);
	assert_int_equal(outcome_statement_ask_again(f->db, &pm, "no_such", f->a, &s, &e),
			 RESULT_NOT_FOUND);
	assert_int_equal(count(f, "SELECT count(*) FROM outcome_statements"), before);
	assert_int_equal(outcome_statement_ask_again(f->db, &pm, "safe", f->a, &s, &e), 0);
	assert_int_equal(s->version, 2);
	assert_true(s->in_use);
	assert_int_equal(outcome_statements(f->db, &priya, false, f->a, &all, &n, &e), 0);
	assert_int_equal(n, 6);
	assert_string_equal(all[5].key, "safe");
	assert_string_equal(all[5].title, s->title);
	assert_int_equal(count(f, "SELECT count(*) FROM outcome_statements WHERE key = 'safe'"
				  " AND in_use = 0 AND version = 1"), 1);
	assert_int_equal(count(f, "SELECT count(*) FROM audit_log WHERE action = 'ask_again'"
				  " AND outcome = 'refused'"), 2);
	assert_int_equal(count(f, "SELECT count(*) FROM audit_log WHERE action = 'ask_again'"
				  " AND outcome <> 'refused'"), 1);
}

static void a_withdrawn_sitting_is_kept_and_marked(void **state)
{
	struct fixture *f = *state;
	struct caller priya = as(&priya_user), tom = as(&tom_user);
	struct outcome_review *list;
	const char *name;
	size_t n;
	struct err e;
	assert_int_equal(outcome_review_list(f->db, &priya, ANN, f->a, &name, &list, &n, &e), 0);
	assert_true(n >= 2);
	const char *id = list[0].id;
	assert_int_equal(outcome_review_withdraw(f->db, &priya, ANN, id, "  ", &e),
			 RESULT_INVALID);
	assert_string_equal(e.fields[0].path, "why");
	assert_int_equal(outcome_review_withdraw(f->db, &tom, ANN, id, "wrong person", &e),
			 RESULT_NOT_FOUND);
	assert_int_equal(outcome_review_withdraw(f->db, &priya, ANN, id, "Recorded for the "
								       "wrong person", &e),
			 0);
	assert_int_equal(outcome_review_withdraw(f->db, &priya, ANN, id, "again", &e),
			 RESULT_CONFLICT);
	assert_int_equal(outcome_review_list(f->db, &priya, ANN, f->a, &name, &list, &n, &e), 0);
	assert_string_equal(list[0].withdrawn_why, "Recorded for the wrong person");
	assert_string_equal(list[0].withdrawn_by_name, "Priya Shah");
	assert_string_equal(name, "Ann Example");
	assert_int_equal(count(f, "SELECT count(*) FROM outcome_reviews WHERE withdrawn_at IS NULL"
				  " AND person_id = '" ANN "'"), (long)n - 1);
}

#define TESTS                                                                  \
	cmocka_unit_test(the_five_domains_are_seeded_in_order),                \
	cmocka_unit_test(a_sitting_is_recorded_and_read_back),                 \
	cmocka_unit_test(a_declined_sitting_is_an_answer),                     \
	cmocka_unit_test(bad_input_is_named_and_writes_nothing),               \
	cmocka_unit_test(another_area_is_out_of_reach_and_audited),            \
	cmocka_unit_test(a_reword_keeps_the_old_ratings_words),                \
	cmocka_unit_test(add_move_and_retire_a_programmes_own),                \
	cmocka_unit_test(a_retired_statement_is_asked_again),                  \
	cmocka_unit_test(a_withdrawn_sitting_is_kept_and_marked)

int main(void)
{
	const struct CMUnitTest tests[] = {TESTS};
	int failed = cmocka_run_group_tests_name("outcome on sqlite", tests, setup_sqlite,
						 teardown);
	if (!getenv("ALONGSIDE_TEST_PG_URL")) {
		printf("outcome on postgresql: not run (ALONGSIDE_TEST_PG_URL unset)\n");
		return failed;
	}
	return failed + cmocka_run_group_tests_name("outcome on postgresql", tests, setup_pg,
						    teardown);
}
