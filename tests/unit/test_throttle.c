/* Throttles against a real SQLite database: a lockout is one throttle
 * episode with one audit entry however many attempts it refuses, guesses
 * spread over many names are one episode of the address, a lockout begun
 * after the last one ended is a new one, and the public form's places are
 * taken and given back. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/clock.h"
#include "core/err.h"
#include "db/db.h"
#include "db/migrate.h"
#include "domain/staff/caller.h"
#include "domain/staff/throttle.h"

struct fixture {
	struct db *db;
	struct arena *arena;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	struct err e;
	int applied;
	f->arena = arena_new();
	if (db_open("sqlite::memory:", 1, &f->db, &e) < 0 ||
	    migrate_apply(f->db, schema_migrations, schema_migration_count, &applied, &e) < 0) {
		fprintf(stderr, "setup: %s\n", e.msg);
		return -1;
	}
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	db_close(f->db);
	arena_free(f->arena);
	free(f);
	return 0;
}

/* One value from the database, as text (the test's own SQL). */
static const char *value(struct fixture *f, const char *sql)
{
	struct db_conn *c;
	struct db_rows rows;
	struct err e;
	assert_int_equal(db_acquire(f->db, &c, &e), RESULT_OK);
	assert_int_equal(db_query_plain(c, f->arena, sql, &rows, &e), RESULT_OK);
	db_release(c);
	assert_int_equal(rows.row_count, 1);
	return db_cell(&rows, 0, 0);
}

static void run(struct fixture *f, const char *sql, const char *param)
{
	struct db_conn *c;
	struct err e;
	struct db_param p[] = {DB_TEXT(param)};
	assert_int_equal(db_acquire(f->db, &c, &e), RESULT_OK);
	assert_int_equal(db_query(c, f->arena, sql, p, NULL, &e), RESULT_OK);
	db_release(c);
}

/* The wait throttle_sign_in answers for one attempt. */
static int64_t attempt(struct fixture *f, const struct caller *who, const char *username)
{
	int64_t wait = -1;
	struct err e;
	assert_int_equal(throttle_sign_in(f->db, who, username, &wait, &e), RESULT_OK);
	return wait;
}

static void a_lockout_is_one_audit_entry_however_many_it_refuses(void **state)
{
	struct fixture *f = *state;
	struct caller who = caller_public("192.0.2.7", "test");
	for (int i = 0; i < THROTTLE_ACCOUNT_LIMIT; i++)
		assert_int_equal(attempt(f, &who, "Sam"), 0);
	for (int i = 0; i < 50; i++)
		assert_true(attempt(f, &who, i % 2 ? "sam" : "SAM") > 0);
	assert_string_equal(value(f, "SELECT count(*) FROM audit_log"
				     " WHERE action = 'sign_in_throttled'"), "1");
	assert_string_equal(value(f, "SELECT a.record_id = l.id FROM audit_log a, sign_in_lockouts l"
				     " WHERE a.action = 'sign_in_throttled'"), "1");
	assert_string_equal(value(f, "SELECT outcome || ' ' || client_address FROM audit_log"
				     " WHERE action = 'sign_in_throttled'"), "refused 192.0.2.7");
	assert_string_equal(value(f, "SELECT username || ':' || refused FROM sign_in_lockouts"),
			    "sam:50");
	/* Another address is a stranger to this lockout. */
	struct caller elsewhere = caller_public("192.0.2.8", "test");
	assert_int_equal(attempt(f, &elsewhere, "sam"), 0);
}

static void guesses_over_many_names_are_one_episode_of_the_address(void **state)
{
	struct fixture *f = *state;
	struct caller who = caller_public("192.0.2.9", "test");
	char name[32];
	for (int i = 0; i < THROTTLE_ADDRESS_LIMIT; i++) {
		snprintf(name, sizeof name, "guess%d", i);
		assert_int_equal(attempt(f, &who, name), 0);
	}
	for (int i = 0; i < 30; i++) {
		snprintf(name, sizeof name, "other%d", i);
		assert_true(attempt(f, &who, name) > 0);
	}
	assert_string_equal(value(f, "SELECT count(*) FROM audit_log"
				     " WHERE action = 'sign_in_throttled'"), "1");
	assert_string_equal(value(f, "SELECT '[' || username || ']:' || refused"
				     " FROM sign_in_lockouts"), "[]:30");
}

static void a_lockout_after_the_last_ended_is_a_new_episode(void **state)
{
	struct fixture *f = *state;
	struct caller who = caller_public("192.0.2.10", "test");
	for (int i = 0; i < THROTTLE_ACCOUNT_LIMIT; i++)
		assert_int_equal(attempt(f, &who, "jo"), 0);
	for (int i = 0; i < 3; i++)
		assert_true(attempt(f, &who, "jo") > 0);
	/* Two minutes on, the minute's wait is over. */
	char earlier[CLOCK_ISO8601_SIZE];
	clock_utc_iso8601_offset(earlier, sizeof earlier, -120);
	/* Both tables move back: the clock has a one-second grain, so a
	 * lockout left at "now" could share its key with the next one. */
	run(f, "UPDATE sign_in_failures SET at = $1", earlier);
	run(f, "UPDATE sign_in_lockouts SET locked_at = $1", earlier);
	assert_int_equal(attempt(f, &who, "jo"), 0);
	int64_t wait = attempt(f, &who, "jo");
	assert_true(wait > 60 && wait <= 120);
	assert_string_equal(value(f, "SELECT count(*) FROM audit_log"
				     " WHERE action = 'sign_in_throttled'"), "2");
	assert_string_equal(value(f, "SELECT group_concat(refused, ',') FROM"
				     " (SELECT refused FROM sign_in_lockouts ORDER BY refused DESC)"),
			    "3,1");
}

static void a_right_password_clears_the_accounts_failures(void **state)
{
	struct fixture *f = *state;
	struct caller who = caller_public("192.0.2.11", "test");
	struct err e;
	for (int i = 0; i < THROTTLE_ACCOUNT_LIMIT - 1; i++)
		assert_int_equal(attempt(f, &who, "priya"), 0);
	/* The fifth attempt is counted before its password proves right. */
	assert_int_equal(attempt(f, &who, "priya"), 0);
	assert_int_equal(throttle_clear(f->db, "Priya", "192.0.2.11", &e), RESULT_OK);
	assert_string_equal(value(f, "SELECT count(*) FROM sign_in_failures"), "0");
	for (int i = 0; i < THROTTLE_ACCOUNT_LIMIT; i++)
		assert_int_equal(attempt(f, &who, "priya"), 0);
	assert_true(attempt(f, &who, "priya") > 0);
}

static void public_places_are_taken_and_given_back(void **state)
{
	struct fixture *f = *state;
	struct err e;
	char first[ID_HEX_LEN + 1], second[ID_HEX_LEN + 1], third[ID_HEX_LEN + 1];
	int64_t wait;
	assert_int_equal(throttle_public_take(f->db, "192.0.2.20", 2, &wait, first, &e), RESULT_OK);
	assert_int_equal(wait, 0);
	assert_int_equal(throttle_public_take(f->db, "192.0.2.20", 2, &wait, second, &e), RESULT_OK);
	assert_int_equal(wait, 0);
	assert_string_not_equal(first, second);
	assert_int_equal(throttle_public_take(f->db, "192.0.2.20", 2, &wait, third, &e), RESULT_OK);
	assert_true(wait > 3500 && wait <= 3600);
	assert_string_equal(third, "");
	/* Another address has places of its own. */
	assert_int_equal(throttle_public_take(f->db, "192.0.2.21", 2, &wait, third, &e), RESULT_OK);
	assert_int_equal(wait, 0);
	assert_int_equal(throttle_public_give_back(f->db, second, &e), RESULT_OK);
	assert_int_equal(throttle_public_take(f->db, "192.0.2.20", 2, &wait, third, &e), RESULT_OK);
	assert_int_equal(wait, 0);
	assert_string_equal(value(f, "SELECT count(*) FROM public_submissions"
				     " WHERE client_address = '192.0.2.20'"), "2");
}

int main(void)
{
	if (sodium_init() < 0)
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(a_lockout_is_one_audit_entry_however_many_it_refuses,
						setup, teardown),
		cmocka_unit_test_setup_teardown(guesses_over_many_names_are_one_episode_of_the_address,
						setup, teardown),
		cmocka_unit_test_setup_teardown(a_lockout_after_the_last_ended_is_a_new_episode,
						setup, teardown),
		cmocka_unit_test_setup_teardown(a_right_password_clears_the_accounts_failures,
						setup, teardown),
		cmocka_unit_test_setup_teardown(public_places_are_taken_and_given_back, setup,
						teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
