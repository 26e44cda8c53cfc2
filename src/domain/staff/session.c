#include "domain/staff/session.h"

#include "core/arena.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/id.h"
#include "db/db.h"
#include "domain/staff/audit.h"
#include "domain/staff/user.h"

#include <string.h>

#define USER_AGENT_MAX 200
/* Writing last_seen_at on every request would make every page view a
 * write; a tenth of the idle timeout (at most a minute) of slack is worth
 * not doing that. */
#define SEEN_RESOLUTION_MAX_SECONDS 60

/* The earliest last_seen_at a live session can have, and now. */
static void window(const struct session_limits *limits, char idle_since[CLOCK_ISO8601_SIZE],
		   char now[CLOCK_ISO8601_SIZE])
{
	clock_utc_iso8601_offset(idle_since, CLOCK_ISO8601_SIZE, -limits->idle_seconds);
	clock_utc_iso8601(now, CLOCK_ISO8601_SIZE);
}

int session_start(struct db *db, const struct caller *actor,
		  const char *user_id, const char *user_agent,
		  const struct session_limits *limits,
		  char token_out[SECRET_LEN + 1], struct err *e)
{
	char id[ID_HEX_LEN + 1], hash[SECRET_HASH_LEN + 1], csrf[SECRET_LEN + 1];
	char now[CLOCK_ISO8601_SIZE], expires[CLOCK_ISO8601_SIZE];
	id_new(id);
	secret_new(token_out);
	secret_hash(token_out, hash);
	secret_new(csrf);
	clock_utc_iso8601(now, sizeof now);
	clock_utc_iso8601_offset(expires, sizeof expires, limits->lifetime_seconds);
	struct arena *a = arena_new();
	const char *agent = user_agent ? user_agent : "";
	if (strlen(agent) > USER_AGENT_MAX)
		agent = arena_printf(a, "%.*s", USER_AGENT_MAX, agent);
	struct db_param p[] = {DB_TEXT(id),
			       DB_TEXT(hash),
			       DB_TEXT(csrf),
			       DB_TEXT(user_id),
			       DB_TEXT(now),
			       DB_TEXT(expires),
			       DB_TEXT(actor->client_address),
			       DB_TEXT(agent)};
	struct db_conn *c;
	if (db_transaction(db, &c, e) < 0) {
		arena_free(a);
		return RESULT_FAILED;
	}
	int rc = db_query(c, a,
			  "INSERT INTO sessions (id, token_hash, csrf_token, user_id,"
			  " created_at, last_seen_at, expires_at, client_address,"
			  " user_agent) VALUES ($1, $2, $3, $4, $5, $5, $6, $7, $8)",
			  p, NULL, e);
	/* The audit names who signed in, not the anonymous caller they were. */
	struct user user = {.id = user_id};
	struct caller signed_in = *actor;
	signed_in.kind = CALLER_STAFF;
	signed_in.user = &user;
	struct audit_entry entry = {"sign_in", "session", id, NULL, NULL, NULL};
	rc = audit_commit(c, a, rc, &signed_in, &entry, e);
	return rc == RESULT_OK ? RESULT_OK : RESULT_FAILED;
}

#define SESSION_COLUMNS                                                    \
	"s.id, s.user_id, s.csrf_token, s.created_at, s.last_seen_at,"      \
	" s.expires_at, s.client_address, s.user_agent"

static struct session session_from_row(const struct db_rows *rows, size_t r)
{
	return (struct session){db_cell(rows, r, 0), db_cell(rows, r, 1),
				db_cell(rows, r, 2), db_cell(rows, r, 3),
				db_cell(rows, r, 4), db_cell(rows, r, 5),
				db_cell(rows, r, 6), db_cell(rows, r, 7)};
}

int session_resume(struct db *db, struct arena *a, const char *token,
		   const struct session_limits *limits, struct session **out,
		   struct err *e)
{
	*out = NULL;
	if (!secret_valid(token))
		return RESULT_OK;
	char hash[SECRET_HASH_LEN + 1], idle_since[CLOCK_ISO8601_SIZE], now[CLOCK_ISO8601_SIZE];
	secret_hash(token, hash);
	window(limits, idle_since, now);
	struct db_param p[] = {DB_TEXT(hash), DB_TEXT(now), DB_TEXT(idle_since)};
	struct db_conn *c;
	if (db_acquire(db, &c, e) < 0)
		return RESULT_FAILED;
	struct db_rows rows;
	int rc = db_query(c, a,
			  "SELECT " SESSION_COLUMNS " FROM sessions s JOIN users u"
			  " ON u.id = s.user_id WHERE s.token_hash = $1"
			  " AND s.ended_at IS NULL AND s.expires_at > $2"
			  " AND s.last_seen_at > $3 AND u.disabled = 0",
			  p, &rows, e);
	if (rc == 0 && rows.row_count == 1) {
		*out = arena_alloc(a, sizeof **out);
		**out = session_from_row(&rows, 0);
		char stale[CLOCK_ISO8601_SIZE];
		int64_t slack = limits->idle_seconds / 10;
		if (slack > SEEN_RESOLUTION_MAX_SECONDS)
			slack = SEEN_RESOLUTION_MAX_SECONDS;
		clock_utc_iso8601_offset(stale, sizeof stale, -slack);
		if (strcmp((*out)->last_seen_at, stale) < 0) {
			struct db_param q[] = {DB_TEXT((*out)->id), DB_TEXT(now)};
			rc = db_query(c, a, "UPDATE sessions SET last_seen_at = $2 WHERE id = $1",
				      q, NULL, e);
		}
	}
	db_release(c);
	return rc < 0 ? RESULT_FAILED : RESULT_OK;
}

int session_end(struct db *db, const struct caller *who, const char *session_id,
		const char *action, struct err *e)
{
	bool named = id_valid(session_id);
	char now[CLOCK_ISO8601_SIZE];
	clock_utc_iso8601(now, sizeof now);
	struct db_param session[] = {DB_TEXT(named ? session_id : "")};
	struct db_param ended[] = {session[0], DB_TEXT(now)};
	struct db_conn *c;
	if (db_transaction(db, &c, e) < 0)
		return RESULT_FAILED;
	struct arena *a = arena_new();
	struct db_rows rows;
	int rc = db_query(c, a, "SELECT user_id FROM sessions WHERE id = $1 AND ended_at IS NULL",
			  session, &rows, e);
	if (rc == RESULT_OK && (rows.row_count == 0 || !user_reaches(who, db_cell(&rows, 0, 0))))
		rc = err_not_found(e, "session", "That session has already ended, or is not "
						 "yours to end.");
	if (rc == RESULT_OK)
		rc = db_query(c, a, "UPDATE sessions SET ended_at = $2 WHERE id = $1", ended,
			      NULL, e);
	struct audit_entry entry = {action, "session", named ? session_id : NULL, NULL, NULL, NULL};
	return audit_commit_or_refuse(c, a, rc, who, &entry, e);
}

int session_list(struct db *db, struct arena *a, const struct caller *who,
		 const char *user_id, const struct session_limits *limits,
		 struct session **out, size_t *count, struct err *e)
{
	*count = 0;
	if (!user_reaches(who, user_id))
		return err_not_found(e, "user", "There is no such user.");
	char idle_since[CLOCK_ISO8601_SIZE], now[CLOCK_ISO8601_SIZE];
	window(limits, idle_since, now);
	struct db_param p[] = {DB_TEXT(user_id), DB_TEXT(now), DB_TEXT(idle_since)};
	struct db_rows rows;
	int rc = db_run(db, a,
			 "SELECT " SESSION_COLUMNS " FROM sessions s WHERE s.user_id = $1"
			 " AND s.ended_at IS NULL AND s.expires_at > $2"
			 " AND s.last_seen_at > $3 ORDER BY s.created_at DESC",
			 p, &rows, e);
	if (rc < 0)
		return RESULT_FAILED;
	*count = rows.row_count;
	*out = arena_alloc(a, (rows.row_count + 1) * sizeof **out);
	for (size_t i = 0; i < rows.row_count; i++)
		(*out)[i] = session_from_row(&rows, i);
	return RESULT_OK;
}
