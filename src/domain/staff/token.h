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
 * in domain/staff/user.h): a signed-in administrator or the command line,
 * never a token, whatever its scopes.  A revoked token is kept, name and
 * all, so the list shows what was and the audit log's ids still name it.
 *
 * When a token was last used is written at most once a minute
 * (TOKEN_USE_RESOLUTION): a busy token's calls read its row, and one a
 * minute also writes it, rather than every call writing.
 *
 * Results (core/err.h): RESULT_OK; RESULT_INVALID with a field error for
 * every problem ("name", "scopes"; a name in use, live or revoked, is a
 * problem of "name"); RESULT_NOT_FOUND (subject "token"); RESULT_FORBIDDEN
 * for a caller who does not administer, recorded in the audit log with
 * outcome "refused"; RESULT_CONFLICT for a name taken by another
 * administrator at the same moment; RESULT_FAILED for a system failure.
 */

#define TOKEN_USE_RESOLUTION 60  /* seconds */

struct api_token {
	const char *id;
	const char *name;
	const char *scopes;       /* space-separated */
	const char *created_at;
	const char *revoked_at;   /* NULL while live */
	const char *last_used_at; /* to within TOKEN_USE_RESOLUTION; NULL: never */
	/* token_list and token_get only, from the audit log: the display
	 * name of the administrator who made it and who revoked it; NULL for
	 * the command line (and for revoked_by while live). */
	const char *created_by;
	const char *revoked_by;
};

/* The scopes this version knows, and what each lets a token do, as the
 * page that makes tokens offers them. */
struct token_scope {
	const char *name;
	const char *what;
};
extern const struct token_scope token_scopes[];
extern const size_t token_scope_count;

/* True for a scope this version knows. */
bool token_scope_known(const char *scope);

/* Makes a token; the secret goes to secret_out, to be shown once. */
int token_add(struct db *db, const struct caller *who, const char *name,
	      const char *const *scopes, size_t scope_count,
	      char secret_out[SECRET_LEN + 1], char *id_out, struct err *e);

/* Revokes a live token by name or id (the command line's way). */
int token_revoke(struct db *db, const struct caller *who, const char *ref,
		 struct err *e);

/* Revokes the live token with the id, and only by id (pages and the API:
 * a token may be named like another's id). */
int token_revoke_id(struct db *db, const struct caller *who, const char *id,
		    struct err *e);

/* Every token, live and revoked, by name. */
int token_list(struct db *db, struct arena *a, struct api_token **out,
	       size_t *count, struct err *e);

/* The token with the id, live or revoked; RESULT_NOT_FOUND when there is
 * none. */
int token_get(struct db *db, struct arena *a, const char *id, struct api_token **out,
	      struct err *e);

/* The live token a bearer secret names, or *out NULL; marks it used when
 * it was last marked TOKEN_USE_RESOLUTION or more ago. */
int token_resume(struct db *db, struct arena *a, const char *secret,
		 struct api_token **out, struct err *e);

/* True when the token holds the scope. */
bool token_has_scope(const struct api_token *token, const char *scope);

#endif
