#ifndef ALONGSIDE_DOMAIN_SESSION_H
#define ALONGSIDE_DOMAIN_SESSION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/secret.h"

struct arena;
struct caller;
struct db;
struct err;

/*
 * Signed-in sessions.  The browser holds a 256-bit random token in a
 * cookie; the database holds only its hash, so a copy of the database
 * signs nobody in.  A session ends at the first of: its absolute lifetime,
 * idleness longer than the idle timeout, sign-out, the user's password
 * change or disabling, or someone ending it (the user from another of
 * their sessions, or an administrator).  Each sign-in makes a new token,
 * so a token planted before sign-in is worth nothing after.
 *
 * Each session carries its own CSRF token for forms and browser JSON.
 *
 * Results are those of core/err.h: RESULT_OK, RESULT_NOT_FOUND where
 * said, RESULT_FAILED for a system failure.
 */

struct session_limits {
	int64_t idle_seconds;
	int64_t lifetime_seconds;
};

struct session {
	const char *id;          /* names the session on "your sessions"; not secret */
	const char *user_id;
	const char *csrf_token;
	const char *created_at;
	const char *last_seen_at;
	const char *expires_at;
	const char *client_address;
	const char *user_agent;
};

/* Starts a session for user_id and writes its cookie token into token_out;
 * records the sign-in in the audit log in the same transaction. */
int session_start(struct db *db, const struct caller *who,
		  const char *user_id, const char *user_agent,
		  const struct session_limits *limits,
		  char token_out[SECRET_LEN + 1], struct err *e);

/* The live session a cookie token names, or *out NULL when there is none
 * (unknown, malformed, ended, expired, idle too long, or its user
 * disabled).  Marks it seen, so idleness counts from now. */
int session_resume(struct db *db, struct arena *a, const char *token,
		   const struct session_limits *limits, struct session **out,
		   struct err *e);

/* Ends a session the caller may reach (user_reaches in domain/staff/user.h:
 * their own, or anyone's for those who administer), recorded in the audit
 * log as action ("sign_out", or "session_end" when ended from elsewhere).
 * RESULT_NOT_FOUND (subject "session") for a session that has ended, is
 * not there, or is not the caller's to end; that refusal is recorded too,
 * with outcome "refused". */
int session_end(struct db *db, const struct caller *who, const char *session_id,
		const char *action, struct err *e);

/* The live sessions of a user the caller may reach, newest first;
 * RESULT_NOT_FOUND (subject "user") for another's. */
int session_list(struct db *db, struct arena *a, const struct caller *who,
		 const char *user_id, const struct session_limits *limits,
		 struct session **out, size_t *count, struct err *e);

#endif
