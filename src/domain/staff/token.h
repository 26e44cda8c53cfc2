#ifndef ALONGSIDE_DOMAIN_TOKEN_H
#define ALONGSIDE_DOMAIN_TOKEN_H

#include <stdbool.h>
#include <stddef.h>

#include "core/secret.h"

struct arena;
struct caller;
struct db;
struct err;

/*
 * API tokens for other systems, sent as "Authorization: Bearer TOKEN".
 * Each is named, holds scopes that say what it may do, is shown once when
 * made (only its hash is kept) and can be revoked.  A token is not a
 * person: it never reaches case records.
 *
 * Scopes:
 *   areas.write   change areas, coordinators and drop-ins (admin API)
 *   audit.read    read the audit log
 *
 * Tokens are made and revoked by those who administer (user_administers
 * in domain/staff/user.h).
 *
 * Results (core/err.h): RESULT_OK; RESULT_INVALID with a field error for
 * every problem ("name", "scopes"); RESULT_NOT_FOUND (subject "token");
 * RESULT_FORBIDDEN for a caller who does not administer, recorded in the
 * audit log with outcome "refused"; RESULT_CONFLICT for a name in use;
 * RESULT_FAILED for a system failure.
 */

struct api_token {
	const char *id;
	const char *name;
	const char *scopes;       /* space-separated */
	const char *created_at;
	const char *revoked_at;   /* NULL while live */
	const char *last_used_at;
};

/* True for a scope this version knows. */
bool token_scope_known(const char *scope);

/* Makes a token; the secret goes to secret_out, to be shown once. */
int token_add(struct db *db, const struct caller *who, const char *name,
	      const char *const *scopes, size_t scope_count,
	      char secret_out[SECRET_LEN + 1], char *id_out, struct err *e);

/* Revokes a token by name or id. */
int token_revoke(struct db *db, const struct caller *who, const char *ref,
		 struct err *e);

/* Every token, live and revoked, by name. */
int token_list(struct db *db, struct arena *a, struct api_token **out,
	       size_t *count, struct err *e);

/* The live token a bearer secret names, or *out NULL; marks it used. */
int token_resume(struct db *db, struct arena *a, const char *secret,
		 struct api_token **out, struct err *e);

/* True when the token holds the scope. */
bool token_has_scope(const struct api_token *token, const char *scope);

#endif
