#include "domain/staff/throttle.h"

#include "core/arena.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/id.h"
#include "db/db.h"

#include <stdlib.h>
#include <string.h>

#define FIRST_WAIT_SECONDS 60
#define LONGEST_WAIT_SECONDS 3600
#define USERNAME_KEY_MAX 64

/* Failures are kept by the name as typed, cut to a bounded length, so
 * guesses at names that do not exist are throttled alike. */
static const char *key(struct arena *a, const char *username)
{
	char *k = arena_printf(a, "%.*s", USERNAME_KEY_MAX, username ? username : "");
	for (char *p = k; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return k;
}

int64_t throttle_wait_after(long failures, long limit)
{
	if (failures < limit)
		return 0;
	int64_t wait = FIRST_WAIT_SECONDS;
	for (long i = limit; i < failures && wait < LONGEST_WAIT_SECONDS; i++)
		wait *= 2;
	return wait < LONGEST_WAIT_SECONDS ? wait : LONGEST_WAIT_SECONDS;
}

/* The wait a count and latest failure time (columns 0 and 1) impose. */
static int64_t remaining(const struct db_rows *rows, long limit, int64_t now)
{
	long failures = strtol(db_cell(rows, 0, 0), NULL, 10);
	int64_t latest;
	if (failures < limit || !db_cell(rows, 0, 1) ||
	    clock_parse_iso8601(db_cell(rows, 0, 1), &latest) < 0)
		return 0;
	int64_t left = latest + throttle_wait_after(failures, limit) - now;
	return left > 0 ? left : 0;
}

int throttle_wait(struct db *db, const char *username, const char *client_address,
		  int64_t *seconds, struct err *e)
{
	*seconds = 0;
	struct arena *a = arena_new();
	char since[CLOCK_ISO8601_SIZE];
	clock_utc_iso8601_offset(since, sizeof since, -THROTTLE_WINDOW_SECONDS);
	struct db_param of_account[] = {DB_TEXT(key(a, username)), DB_TEXT(client_address),
					DB_TEXT(since)};
	struct db_param of_address[] = {DB_TEXT(client_address), DB_TEXT(since)};
	struct db_conn *c;
	if (db_acquire(db, &c, e) < 0) {
		arena_free(a);
		return RESULT_FAILED;
	}
	struct db_rows account, address;
	int rc = db_query(c, a,
			  "SELECT count(*), max(at) FROM sign_in_failures"
			  " WHERE username = $1 AND client_address = $2 AND at >= $3",
			  of_account, &account, e);
	if (rc == 0)
		rc = db_query(c, a,
			      "SELECT count(*), max(at) FROM sign_in_failures"
			      " WHERE client_address = $1 AND at >= $2",
			      of_address, &address, e);
	db_release(c);
	if (rc == 0) {
		int64_t now = clock_epoch_seconds();
		int64_t by_account = remaining(&account, THROTTLE_ACCOUNT_LIMIT, now);
		int64_t by_address = remaining(&address, THROTTLE_ADDRESS_LIMIT, now);
		*seconds = by_account > by_address ? by_account : by_address;
	}
	arena_free(a);
	return rc < 0 ? RESULT_FAILED : RESULT_OK;
}

int throttle_fail(struct db *db, const char *username, const char *client_address,
		  struct err *e)
{
	struct arena *a = arena_new();
	char id[ID_HEX_LEN + 1], now[CLOCK_ISO8601_SIZE], old[CLOCK_ISO8601_SIZE];
	id_new(id);
	clock_utc_iso8601(now, sizeof now);
	/* Nothing older than a day matters; pruning here keeps the table small
	 * without a background job. */
	clock_utc_iso8601_offset(old, sizeof old, -86400);
	struct db_param p[] = {DB_TEXT(id), DB_TEXT(key(a, username)),
			       DB_TEXT(client_address), DB_TEXT(now)};
	struct db_param prune[] = {DB_TEXT(old)};
	struct db_conn *c;
	if (db_acquire(db, &c, e) < 0) {
		arena_free(a);
		return RESULT_FAILED;
	}
	int rc = db_query(c, a,
			  "INSERT INTO sign_in_failures (id, username, client_address, at)"
			  " VALUES ($1, $2, $3, $4)",
			  p, NULL, e);
	if (rc == 0)
		rc = db_query(c, a, "DELETE FROM sign_in_failures WHERE at < $1", prune,
			      NULL, e);
	db_release(c);
	arena_free(a);
	return rc < 0 ? RESULT_FAILED : RESULT_OK;
}

int throttle_clear(struct db *db, const char *username, const char *client_address,
		   struct err *e)
{
	struct arena *a = arena_new();
	struct db_param p[] = {DB_TEXT(key(a, username)), DB_TEXT(client_address)};
	struct db_conn *c;
	if (db_acquire(db, &c, e) < 0) {
		arena_free(a);
		return RESULT_FAILED;
	}
	int rc = db_query(c, a,
			  "DELETE FROM sign_in_failures WHERE username = $1"
			  " AND client_address = $2",
			  p, NULL, e);
	db_release(c);
	arena_free(a);
	return rc < 0 ? RESULT_FAILED : RESULT_OK;
}

int throttle_public_wait(struct db *db, const char *client_address, int limit,
			 int64_t *seconds, struct err *e)
{
	*seconds = 0;
	struct arena *a = arena_new();
	char since[CLOCK_ISO8601_SIZE];
	clock_utc_iso8601_offset(since, sizeof since, -3600);
	struct db_param p[] = {DB_TEXT(client_address), DB_TEXT(since)};
	struct db_conn *c;
	if (db_acquire(db, &c, e) < 0) {
		arena_free(a);
		return RESULT_FAILED;
	}
	struct db_rows rows;
	int rc = db_query(c, a,
			  "SELECT count(*), min(at) FROM public_submissions"
			  " WHERE client_address = $1 AND at >= $2",
			  p, &rows, e);
	db_release(c);
	if (rc == 0 && strtol(db_cell(&rows, 0, 0), NULL, 10) >= limit) {
		int64_t oldest;
		if (clock_parse_iso8601(db_cell(&rows, 0, 1), &oldest) == 0)
			*seconds = oldest + 3600 - clock_epoch_seconds();
		if (*seconds < 1)
			*seconds = 1;
	}
	arena_free(a);
	return rc < 0 ? RESULT_FAILED : RESULT_OK;
}

int throttle_public_sent(struct db *db, const char *client_address, struct err *e)
{
	struct arena *a = arena_new();
	char old[CLOCK_ISO8601_SIZE], now[CLOCK_ISO8601_SIZE], id[ID_HEX_LEN + 1];
	clock_utc_iso8601_offset(old, sizeof old, -3600);
	clock_utc_iso8601(now, sizeof now);
	id_new(id);
	struct db_param q[] = {DB_TEXT(id), DB_TEXT(client_address), DB_TEXT(now)};
	struct db_param prune[] = {DB_TEXT(old)};
	struct db_conn *c;
	if (db_acquire(db, &c, e) < 0) {
		arena_free(a);
		return RESULT_FAILED;
	}
	int rc = db_query(c, a, "DELETE FROM public_submissions WHERE at < $1", prune, NULL, e);
	if (rc == 0)
		rc = db_query(c, a,
			      "INSERT INTO public_submissions (id, client_address, at)"
			      " VALUES ($1, $2, $3)",
			      q, NULL, e);
	db_release(c);
	arena_free(a);
	return rc < 0 ? RESULT_FAILED : RESULT_OK;
}
