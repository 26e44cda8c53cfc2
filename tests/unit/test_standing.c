/* Where a person stands at each sitting (domain/outcomes/standing.h), on
 * SQLite and, when ALONGSIDE_TEST_PG_URL is set, on PostgreSQL.  Sittings
 * are recorded and withdrawn through outcome.c and wellbeing.c, out of
 * order by day as staff catch up: after each, the latest sitting carries
 * the first answer, the latest and how many, and each sitting the day of
 * the next; and what was kept in step is what a rebuild from the sittings
 * gives. */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/outcomes/outcome.h"
#include "domain/outcomes/standing.h"
#include "domain/outcomes/wellbeing.h"
#include "domain/staff/caller.h"
#include "domain/staff/user.h"
#include "support/testdb.h"

#define ACOMB "a0000000000000000000000000000001"
#define PRIYA "b0000000000000000000000000000001"
#define ANN "c0000000000000000000000000000001"
#define WALK "d0000000000000000000000000000001"

struct fixture {
	struct arena *a;
	struct db *db;
	struct testdb tdb;
	struct user priya_user;
	struct caller priya;
};

static const char *acomb[] = {ACOMB};
static bool on_pg;

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	f->a = arena_new();
	f->db = on_pg ? testdb_open_pg(&f->tdb, "standing") : testdb_open(&f->tdb);
#define T "'2025-01-01T00:00:00.000Z'"
	testdb_run(f->db,
	    "INSERT INTO areas (id, name, covered, created_at, updated_at) VALUES"
	    " ('" ACOMB "', 'Acomb', 1, " T ", " T ");"
	    "INSERT INTO users (id, username, display_name, created_at, updated_at) VALUES"
	    " ('" PRIYA "', 'priya', 'Priya Shah', " T ", " T ");"
	    "INSERT INTO people (id, name, area_id, created_at, updated_at) VALUES"
	    " ('" ANN "', 'Ann Example', '" ACOMB "', " T ", " T ");"
	    "INSERT INTO involvements (id, kind, area_id, started_on, created_at, updated_at)"
	    " VALUES ('" WALK "', 'walking_alongside', '" ACOMB "', '2025-03-03', " T ", " T ");"
	    "INSERT INTO involvement_people (involvement_id, person_id) VALUES"
	    " ('" WALK "', '" ANN "');");
#undef T
	f->priya_user = (struct user){.id = PRIYA, .roles = USER_COORDINATOR,
				      .coordinator_areas = acomb, .coordinator_area_count = 1};
	f->priya = (struct caller){.kind = CALLER_STAFF, .user = &f->priya_user,
				   .client_address = "127.0.0.1", .request_id = "test"};
	*state = f;
	return 0;
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

/* One number for the standing of the sitting (not withdrawn) on day, for
 * a key or measure: how many answers, the first, the latest, two digits
 * each (3 02 08: three answers, from 2 to 8); 0 when it has none. */
static long standing_number(struct fixture *f, const char *sql, const char *day,
			    const char *key)
{
	struct db_param p[] = {DB_TEXT(day), DB_TEXT(key)};
	struct db_rows rows;
	struct err e;
	struct db_conn *c;
	assert_int_equal(db_acquire(f->db, &c, &e), RESULT_OK);
	assert_int_equal(db_query(c, f->a, sql, p, &rows, &e), RESULT_OK);
	db_release(c);
	assert_true(rows.row_count <= 1);
	return rows.row_count ? strtol(db_cell(&rows, 0, 0), NULL, 10) : 0;
}

static long outcome_at(struct fixture *f, const char *day, const char *key)
{
	return standing_number(f,
			       "SELECT st.ratings * 10000 + st.first_rating * 100 + st.latest_rating"
			       " FROM outcome_standing st JOIN outcome_reviews r"
			       " ON r.id = st.review_id WHERE r.taken_on = $1"
			       " AND r.withdrawn_at IS NULL AND st.key = $2",
			       day, key);
}

static long wellbeing_at(struct fixture *f, const char *day, const char *measure)
{
	return standing_number(f,
			       "SELECT st.answers * 10000 + st.first_answer * 100 + st.latest_answer"
			       " FROM wellbeing_standing st JOIN wellbeing_answers w"
			       " ON w.id = st.answer_id WHERE w.taken_on = $1"
			       " AND w.withdrawn_at IS NULL AND st.measure = $2",
			       day, measure);
}

/* Every standing row and superseded day, in a fixed order, as one text. */
static const char *snapshot(struct fixture *f)
{
	static const char *const reads[] = {
		"SELECT r.taken_on, st.taken_on, coalesce(st.superseded_on, '-'),"
		" st.involvement_id, st.key, st.ratings, st.first_rating, st.latest_rating"
		" FROM outcome_standing st JOIN outcome_reviews r ON r.id = st.review_id"
		" ORDER BY r.taken_on, st.key",
		"SELECT w.taken_on, st.taken_on, coalesce(st.superseded_on, '-'),"
		" st.involvement_id, st.measure, st.answers, st.first_answer, st.latest_answer"
		" FROM wellbeing_standing st JOIN wellbeing_answers w ON w.id = st.answer_id"
		" ORDER BY w.taken_on, st.measure",
		"SELECT taken_on, coalesce(superseded_on, '-'), withdrawn_at IS NULL"
		" FROM outcome_reviews ORDER BY taken_on",
		"SELECT taken_on, coalesce(superseded_on, '-'), withdrawn_at IS NULL"
		" FROM wellbeing_answers ORDER BY taken_on",
	};
	const char *out = "";
	struct err e;
	struct db_conn *c;
	assert_int_equal(db_acquire(f->db, &c, &e), RESULT_OK);
	for (size_t q = 0; q < sizeof reads / sizeof *reads; q++) {
		struct db_rows rows;
		assert_int_equal(db_query_plain(c, f->a, reads[q], &rows, &e), RESULT_OK);
		for (size_t r = 0; r < rows.row_count; r++)
			for (size_t col = 0; col < rows.column_count; col++)
				out = arena_printf(f->a, "%s%s%s", out, db_cell(&rows, r, col),
						   col + 1 == rows.column_count ? "\n" : " ");
		out = arena_printf(f->a, "%s--\n", out);
	}
	db_release(c);
	return out;
}

/* What was kept in step equals a rebuild of everyone's from the sittings. */
static void same_as_rebuilt(struct fixture *f)
{
	const char *kept = snapshot(f);
	struct db_conn *c;
	struct err e;
	assert_int_equal(db_transaction(f->db, &c, &e), RESULT_OK);
	assert_int_equal(standing_refresh_everyone(c, f->a, &e), RESULT_OK);
	assert_int_equal(db_finish(c, RESULT_OK, &e), RESULT_OK);
	assert_string_equal(kept, snapshot(f));
}

/* The five domains in their order: safe, strong, connected, healthy, in
 * control. */
static const char *record(struct fixture *f, const char *point, const char *day,
			  const int ratings[5], bool declined)
{
	static const char *const ids[] = {"outcome-safe-1", "outcome-strong-1",
					  "outcome-connected-1", "outcome-healthy-1",
					  "outcome-in-control-1"};
	struct outcome_answer_input *x = arena_alloc(f->a, 5 * sizeof *x);
	for (size_t i = 0; i < 5; i++)
		x[i] = (struct outcome_answer_input){ids[i], declined ? 0 : ratings[i], NULL};
	struct outcome_review_input in = {.point = point, .taken_on = day,
					  .declined = declined,
					  .answers = declined ? NULL : x,
					  .answer_count = declined ? 0 : 5};
	struct outcome_review *r;
	struct err e;
	assert_int_equal(outcome_review_record(f->db, &f->priya, ANN, &in, f->a, &r, &e),
			 RESULT_OK);
	return r->id;
}

/* Ann's sittings, entered in this order: June (safe 2, connected not
 * said), September (safe 4, connected 2), then April entered late (all
 * 1s), then October declined.  October, the latest, carries safe from
 * April's 1 to September's 4 over three ratings, and connected from 1 to
 * 2 over two.  Withdrawing April makes June the first. */
static void outcomes_follow_each_sitting_added_and_withdrawn(void **state)
{
	struct fixture *f = *state;
	static const int june[] = {2, 3, OUTCOME_NOT_SAID, 3, 3},
			 september[] = {4, 3, 2, 3, 3}, april[] = {1, 1, 1, 1, 1};
	record(f, "start", "2025-06-01", june, false);
	assert_int_equal(outcome_at(f, "2025-06-01", "safe"), 10202);
	assert_int_equal(outcome_at(f, "2025-06-01", "connected"), 0);
	record(f, "review", "2025-09-01", september, false);
	const char *late = record(f, "review", "2025-04-01", april, false);
	record(f, "review", "2025-10-01", NULL, true);

	assert_int_equal(outcome_at(f, "2025-10-01", "safe"), 30104);
	assert_int_equal(outcome_at(f, "2025-10-01", "connected"), 20102);
	assert_int_equal(outcome_at(f, "2025-06-01", "safe"), 20102);
	assert_int_equal(count(f, "SELECT count(*) FROM outcome_reviews WHERE"
				  " taken_on = '2025-04-01' AND superseded_on = '2025-06-01'"), 1);
	assert_int_equal(count(f, "SELECT count(*) FROM outcome_reviews WHERE"
				  " superseded_on IS NULL"), 1);
	/* Each standing row carries its sitting's day and next day. */
	assert_int_equal(count(f, "SELECT count(*) FROM outcome_standing st JOIN outcome_reviews r"
				  " ON r.id = st.review_id WHERE st.taken_on = r.taken_on"
				  " AND st.superseded_on = '2025-09-01' AND r.taken_on = '2025-06-01'"),
			 5);
	same_as_rebuilt(f);

	struct err e;
	assert_int_equal(outcome_review_withdraw(f->db, &f->priya, ANN, late, "Wrong person", &e),
			 RESULT_OK);
	assert_int_equal(outcome_at(f, "2025-10-01", "safe"), 20204);
	assert_int_equal(outcome_at(f, "2025-10-01", "connected"), 10202);
	assert_int_equal(count(f, "SELECT count(*) FROM outcome_standing st JOIN outcome_reviews r"
				  " ON r.id = st.review_id WHERE r.taken_on = '2025-04-01'"), 0);
	same_as_rebuilt(f);
}

static const char *answer(struct fixture *f, const char *day, int life, int worth, int happy,
			  int anxious)
{
	struct wellbeing_input in = {"review", day, false, {life, worth, happy, anxious}};
	const char *id;
	struct err e;
	assert_int_equal(wellbeing_record(f->db, &f->priya, ANN, &in, f->a, &id, &e),
			 RESULT_OK);
	return id;
}

/* May (4, 6, 7, 6), August (8, 7, happiness not answered, 2), then March
 * entered late (2, 2, 2, 9).  August, the latest, carries life
 * satisfaction from March's 2 to its 8 over three answers and happiness
 * from 2 to May's 7 over two; anxiety runs 9 to 2.  Withdrawing March
 * makes May the first. */
static void wellbeing_follows_each_sitting_added_and_withdrawn(void **state)
{
	struct fixture *f = *state;
	answer(f, "2025-05-01", 4, 6, 7, 6);
	answer(f, "2025-08-01", 8, 7, WELLBEING_NOT_ANSWERED, 2);
	const char *late = answer(f, "2025-03-15", 2, 2, 2, 9);
	assert_int_equal(wellbeing_at(f, "2025-08-01", "life_satisfaction"),
			 30208);
	assert_int_equal(wellbeing_at(f, "2025-08-01", "happy"), 20207);
	assert_int_equal(wellbeing_at(f, "2025-08-01", "anxious"), 30902);
	same_as_rebuilt(f);

	struct err e;
	assert_int_equal(wellbeing_withdraw(f->db, &f->priya, ANN, late, "Wrong day", f->a, &e),
			 RESULT_OK);
	assert_int_equal(wellbeing_at(f, "2025-08-01", "life_satisfaction"),
			 20408);
	assert_int_equal(wellbeing_at(f, "2025-08-01", "happy"), 10707);
	assert_int_equal(count(f, "SELECT count(*) FROM wellbeing_answers WHERE"
				  " superseded_on = '2025-08-01' AND taken_on = '2025-05-01'"), 1);
	same_as_rebuilt(f);
}

/* A writer of one of Ann's sittings, in its own transaction on its own
 * database handle: the sitting goes in as rows, then the standing is
 * rebuilt as outcome.c does; it says so, waits, and commits. */
struct writer {
	struct db *db;
	const char *sitting;   /* INSERT statements */
	pthread_mutex_t lock;
	pthread_cond_t rebuilt_cond;
	bool rebuilt;
	int rc;
};

static void *write_and_hold(void *arg)
{
	struct writer *w = arg;
	struct arena *a = arena_new();
	struct db_conn *c;
	struct err e;
	w->rc = db_transaction(w->db, &c, &e);
	if (w->rc == RESULT_OK && db_exec_script(c, w->sitting, &e) < 0)
		w->rc = RESULT_FAILED;
	if (w->rc == RESULT_OK)
		w->rc = standing_refresh(c, a, ANN, &e);
	pthread_mutex_lock(&w->lock);
	w->rebuilt = true;
	pthread_cond_signal(&w->rebuilt_cond);
	pthread_mutex_unlock(&w->lock);
	usleep(300 * 1000); /* the other writer is at the person by now */
	if (db_finish(c, w->rc, &e) < 0 && w->rc == RESULT_OK)
		w->rc = RESULT_FAILED;
	arena_free(a);
	return NULL;
}

/* Two writers of Ann's sittings at once: the first holds its July sitting
 * uncommitted while the second adds June, between May and July.  The
 * second rebuilds after the first commits and sees July, so June's next
 * day is July's, and the rows equal a rebuild. */
static void two_writers_of_one_person_rebuild_in_turn(void **state)
{
	struct fixture *f = *state;
	static const int may[] = {2, 2, 2, 2, 2};
	record(f, "start", "2025-05-01", may, false);
	/* A database handle of its own, as another server would have: one
	 * handle's pool may serialise its writers before the database does. */
	struct db *other;
	struct err e;
	assert_int_equal(db_open(f->tdb.url, 1, &other, &e), RESULT_OK);
	struct writer w = {
		.db = other,
		.sitting = "INSERT INTO outcome_reviews (id, person_id, involvement_id, point,"
			   " taken_on, declined, created_at) VALUES ('july', '" ANN "', '" WALK "',"
			   " 'review', '2025-07-01', 0, '2025-07-01T10:00:00.000Z');"
			   "INSERT INTO outcome_ratings (review_id, statement_id, rating)"
			   " VALUES ('july', 'outcome-safe-1', 4);",
		.lock = PTHREAD_MUTEX_INITIALIZER,
		.rebuilt_cond = PTHREAD_COND_INITIALIZER};
	pthread_t first;
	assert_int_equal(pthread_create(&first, NULL, write_and_hold, &w), 0);
	pthread_mutex_lock(&w.lock);
	while (!w.rebuilt)
		pthread_cond_wait(&w.rebuilt_cond, &w.lock);
	pthread_mutex_unlock(&w.lock);

	struct db_conn *c;
	assert_int_equal(db_transaction(f->db, &c, &e), RESULT_OK);
	assert_int_equal(db_exec_script(c,
					"INSERT INTO outcome_reviews (id, person_id, involvement_id,"
					" point, taken_on, declined, created_at) VALUES ('june', '"
					ANN "', '" WALK "', 'review', '2025-06-01', 0,"
					" '2025-07-01T10:00:01.000Z');"
					"INSERT INTO outcome_ratings (review_id, statement_id, rating)"
					" VALUES ('june', 'outcome-safe-1', 3);",
					&e),
			 RESULT_OK);
	assert_int_equal(standing_refresh(c, f->a, ANN, &e), RESULT_OK);
	assert_int_equal(db_finish(c, RESULT_OK, &e), RESULT_OK);
	assert_int_equal(pthread_join(first, NULL), 0);
	db_close(other);
	assert_int_equal(w.rc, RESULT_OK);

	assert_int_equal(count(f, "SELECT count(*) FROM outcome_reviews WHERE id = 'june'"
				  " AND superseded_on = '2025-07-01'"),
			 1);
	assert_int_equal(outcome_at(f, "2025-07-01", "safe"), 30204);
	same_as_rebuilt(f);
}

#define TESTS                                                                            \
	cmocka_unit_test_setup_teardown(outcomes_follow_each_sitting_added_and_withdrawn, \
					setup, teardown),                                 \
	cmocka_unit_test_setup_teardown(wellbeing_follows_each_sitting_added_and_withdrawn, \
					setup, teardown),                                 \
	cmocka_unit_test_setup_teardown(two_writers_of_one_person_rebuild_in_turn, setup,  \
					teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {TESTS};
	int failed = cmocka_run_group_tests_name("standing on sqlite", tests, NULL, NULL);
	if (!getenv("ALONGSIDE_TEST_PG_URL")) {
		printf("standing on postgresql: not run (ALONGSIDE_TEST_PG_URL unset)\n");
		return failed;
	}
	on_pg = true;
	return failed + cmocka_run_group_tests_name("standing on postgresql", tests, NULL, NULL);
}
