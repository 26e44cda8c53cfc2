#include "domain/staff/throttle.h"

#include "core/arena.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/id.h"
#include "db/db.h"
#include "domain/staff/audit.h"

#include <stdlib.h>
#include <string.h>

#define FIRST_WAIT_SECONDS 60
#define LONGEST_WAIT_SECONDS 3600
#define USERNAME_KEY_MAX 64
/* How long a lockout's count of refusals is kept after its last one, for
 * whoever reads its audit entry. */
#define LOCKOUT_KEPT_SECONDS (30 * 86400)

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

/* Failures from client_address within the window: of one account when
 * username is not NULL, else of all.  The count and the latest time. */
struct failures {
	long count;
	const char *latest;
};

static int recent_failures(struct db_conn *c, struct arena *a, const char *username,
			   const char *client_address, const char *since, struct failures *out,
			   struct err *e)
{
	struct db_param of_account[] = {DB_TEXT(username), DB_TEXT(client_address),
					DB_TEXT(since)};
	struct db_param of_address[] = {DB_TEXT(client_address), DB_TEXT(since)};
	struct db_rows rows;
	int rc = username ? db_query(c, a,
				     "SELECT count(*), max(at) FROM sign_in_failures"
				     " WHERE username = $1 AND client_address = $2 AND at >= $3",
				     of_account, &rows, e)
			  : db_query(c, a,
				     "SELECT count(*), max(at) FROM sign_in_failures"
				     " WHERE client_address = $1 AND at >= $2",
				     of_address, &rows, e);
	if (rc < 0)
		return rc;
	out->count = strtol(db_cell(&rows, 0, 0), NULL, 10);
	out->latest = db_cell(&rows, 0, 1);
	return RESULT_OK;
}

/* The wait failures impose against a limit, from the latest of them. */
static int64_t remaining(const struct failures *f, long limit, int64_t now)
{
	int64_t latest;
	if (f->count < limit || !f->latest || clock_parse_iso8601(f->latest, &latest) < 0)
		return 0;
	int64_t left = latest + throttle_wait_after(f->count, limit) - now;
	return left > 0 ? left : 0;
}

/* Counts an attempt let through as a failure until it proves right. */
static int count_attempt(struct db_conn *c, struct arena *a, const char *username,
			 const char *client_address, struct err *e)
{
	char id[ID_HEX_LEN + 1], now[CLOCK_ISO8601_SIZE], old[CLOCK_ISO8601_SIZE];
	id_new(id);
	clock_utc_iso8601(now, sizeof now);
	/* Nothing older than a day matters; pruning here keeps the table small
	 * without a background job. */
	clock_utc_iso8601_offset(old, sizeof old, -86400);
	struct db_param p[] = {DB_TEXT(id), DB_TEXT(username), DB_TEXT(client_address),
			       DB_TEXT(now)};
	struct db_param prune[] = {DB_TEXT(old)};
	int rc = db_query(c, a,
			  "INSERT INTO sign_in_failures (id, username, client_address, at)"
			  " VALUES ($1, $2, $3, $4)",
			  p, NULL, e);
	if (rc == 0)
		rc = db_query(c, a, "DELETE FROM sign_in_failures WHERE at < $1", prune, NULL, e);
	return rc;
}

/* Counts an attempt refused by the lockout of username ("" for the whole
 * address) that began after the failure at locked_at.  *started is its id
 * when this refusal is its first, else NULL. */
static int count_refusal(struct db_conn *c, struct arena *a, const char *username,
			 const char *client_address, const char *locked_at,
			 const char **started, struct err *e)
{
	*started = NULL;
	char id[ID_HEX_LEN + 1], now[CLOCK_ISO8601_SIZE], old[CLOCK_ISO8601_SIZE];
	id_new(id);
	clock_utc_iso8601(now, sizeof now);
	clock_utc_iso8601_offset(old, sizeof old, -LOCKOUT_KEPT_SECONDS);
	struct db_param p[] = {DB_TEXT(id), DB_TEXT(username), DB_TEXT(client_address),
			       DB_TEXT(locked_at), DB_TEXT(now)};
	struct db_param prune[] = {DB_TEXT(old)};
	struct db_rows rows;
	int rc = db_query(c, a,
			  "INSERT INTO sign_in_lockouts (id, username, client_address, locked_at,"
			  " first_refused_at, last_refused_at, refused)"
			  " VALUES ($1, $2, $3, $4, $5, $5, 1)"
			  " ON CONFLICT (client_address, username, locked_at) DO UPDATE"
			  " SET refused = sign_in_lockouts.refused + 1, last_refused_at = $5"
			  " RETURNING id, refused",
			  p, &rows, e);
	if (rc < 0)
		return rc;
	if (strcmp(db_cell(&rows, 0, 1), "1") != 0)
		return RESULT_OK;
	*started = db_cell(&rows, 0, 0);
	/* A new lockout is rare, so pruning here costs little. */
	return db_query(c, a, "DELETE FROM sign_in_lockouts WHERE last_refused_at < $1", prune,
			NULL, e);
}

int throttle_sign_in(struct db *db, const struct caller *who, const char *username,
		     int64_t *seconds, struct err *e)
{
	*seconds = 0;
	struct arena *a = arena_new();
	const char *name = key(a, username);
	const char *address = who->client_address;
	char since[CLOCK_ISO8601_SIZE];
	clock_utc_iso8601_offset(since, sizeof since, -THROTTLE_WINDOW_SECONDS);
	struct db_conn *c;
	if (db_transaction(db, &c, e) < 0) {
		arena_free(a);
		return RESULT_FAILED;
	}
	/* Everything counted here is of this address, so attempts from one
	 * address queue behind each other and no others. */
	struct failures account, all;
	const char *lockout = NULL;
	int rc = db_lock(c, arena_printf(a, "sign-in %s", address), e);
	if (rc == 0)
		rc = recent_failures(c, a, name, address, since, &account, e);
	if (rc == 0)
		rc = recent_failures(c, a, NULL, address, since, &all, e);
	if (rc == 0) {
		int64_t now = clock_epoch_seconds();
		int64_t by_account = remaining(&account, THROTTLE_ACCOUNT_LIMIT, now);
		int64_t by_address = remaining(&all, THROTTLE_ADDRESS_LIMIT, now);
		*seconds = by_account > by_address ? by_account : by_address;
		if (*seconds == 0)
			rc = count_attempt(c, a, name, address, e);
		/* The address's lockout when it is the longer, so guesses
		 * spread over many names are still one episode. */
		else if (by_address >= by_account)
			rc = count_refusal(c, a, "", address, all.latest, &lockout, e);
		else
			rc = count_refusal(c, a, name, address, account.latest, &lockout, e);
	}
	struct audit_entry started = {"sign_in_throttled", "sign_in_lockout", lockout, NULL,
				      "refused", NULL};
	rc = lockout ? audit_commit(c, NULL, rc, who, &started, e) : db_finish(c, rc, e);
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

int throttle_public_take(struct db *db, const char *client_address, int limit,
			 int64_t *seconds, char slot[ID_HEX_LEN + 1], struct err *e)
{
	*seconds = 0;
	slot[0] = '\0';
	struct arena *a = arena_new();
	char since[CLOCK_ISO8601_SIZE], now[CLOCK_ISO8601_SIZE], id[ID_HEX_LEN + 1];
	clock_utc_iso8601_offset(since, sizeof since, -3600);
	clock_utc_iso8601(now, sizeof now);
	id_new(id);
	struct db_param prune[] = {DB_TEXT(since)};
	struct db_param p[] = {DB_TEXT(client_address), DB_TEXT(since)};
	struct db_param q[] = {DB_TEXT(id), DB_TEXT(client_address), DB_TEXT(now)};
	struct db_conn *c;
	if (db_transaction(db, &c, e) < 0) {
		arena_free(a);
		return RESULT_FAILED;
	}
	struct db_rows rows;
	int rc = db_lock(c, arena_printf(a, "public %s", client_address), e);
	if (rc == 0)
		rc = db_query(c, a, "DELETE FROM public_submissions WHERE at < $1", prune, NULL, e);
	if (rc == 0)
		rc = db_query(c, a,
			      "SELECT count(*), min(at) FROM public_submissions"
			      " WHERE client_address = $1 AND at >= $2",
			      p, &rows, e);
	if (rc == 0 && strtol(db_cell(&rows, 0, 0), NULL, 10) >= limit) {
		int64_t oldest;
		if (clock_parse_iso8601(db_cell(&rows, 0, 1), &oldest) == 0)
			*seconds = oldest + 3600 - clock_epoch_seconds();
		if (*seconds < 1)
			*seconds = 1;
	} else if (rc == 0) {
		rc = db_query(c, a,
			      "INSERT INTO public_submissions (id, client_address, at)"
			      " VALUES ($1, $2, $3)",
			      q, NULL, e);
	}
	rc = db_finish(c, rc, e);
	if (rc == 0 && *seconds == 0)
		memcpy(slot, id, sizeof id);
	arena_free(a);
	return rc < 0 ? RESULT_FAILED : RESULT_OK;
}

int throttle_public_give_back(struct db *db, const char *slot, struct err *e)
{
	struct arena *a = arena_new();
	struct db_param p[] = {DB_TEXT(slot)};
	struct db_conn *c;
	if (db_acquire(db, &c, e) < 0) {
		arena_free(a);
		return RESULT_FAILED;
	}
	int rc = db_query(c, a, "DELETE FROM public_submissions WHERE id = $1", p, NULL, e);
	db_release(c);
	arena_free(a);
	return rc < 0 ? RESULT_FAILED : RESULT_OK;
}
