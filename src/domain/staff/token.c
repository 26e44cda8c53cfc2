#include "domain/staff/token.h"

#include "core/arena.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/id.h"
#include "core/sb.h"
#include "core/utf8.h"
#include "db/db.h"
#include "domain/staff/audit.h"

#include <string.h>

#define NAME_MAX_CHARS 100
#define SCOPES_MAX_BYTES 256

static const char *const known_scopes[] = {"areas.write", "audit.read"};

bool token_scope_known(const char *scope)
{
	for (size_t i = 0; i < sizeof known_scopes / sizeof known_scopes[0]; i++)
		if (strcmp(scope, known_scopes[i]) == 0)
			return true;
	return false;
}

static int invalid(struct err *e, const char *msg)
{
	err_set(e, "%s", msg);
	return TOKEN_INVALID;
}

int token_add(struct db *db, const struct caller *actor, const char *name,
	      const char *const *scopes, size_t scope_count,
	      char secret_out[SECRET_LEN + 1], char *id_out, struct err *e)
{
	if (!utf8_text_ok(name, NAME_MAX_CHARS, false))
		return invalid(e, "a token needs a name of 1 to 100 characters on one line");
	if (scope_count == 0)
		return invalid(e, "a token needs at least one scope: areas.write, audit.read");
	struct arena *a = arena_new();
	struct sb joined;
	sb_init(&joined, a, SCOPES_MAX_BYTES);
	for (size_t i = 0; i < scope_count; i++) {
		if (!token_scope_known(scopes[i])) {
			arena_free(a);
			err_set(e, "unknown scope \"%.40s\": scopes are areas.write, audit.read",
				scopes[i]);
			return TOKEN_INVALID;
		}
		sb_printf(&joined, "%s%s", i ? " " : "", scopes[i]);
	}
	char hash[SECRET_HASH_LEN + 1], now[CLOCK_ISO8601_SIZE];
	secret_new(secret_out);
	secret_hash(secret_out, hash);
	id_new(id_out);
	clock_utc_iso8601(now, sizeof now);
	struct db_param p[] = {DB_TEXT(id_out), DB_TEXT(name), DB_TEXT(hash),
			       DB_TEXT(sb_str(&joined)), DB_TEXT(now)};
	struct db_conn *c;
	if (db_acquire(db, &c, e) < 0) {
		arena_free(a);
		return -1;
	}
	int rc = db_begin(c, e);
	if (rc == 0)
		rc = db_query(c, a,
			      "INSERT INTO api_tokens (id, name, token_hash, scopes, created_at)"
			      " VALUES ($1, $2, $3, $4, $5)",
			      p, 5, NULL, e);
	if (rc == DB_CONFLICT)
		err_set(e, "there is already a token called \"%.100s\"", name);
	struct audit_entry entry = {"token_add", "api_token", id_out, NULL, NULL};
	return audit_commit(c, a, rc, actor, &entry, e);
}

int token_revoke(struct db *db, const struct caller *actor, const char *ref,
		 struct err *e)
{
	char now[CLOCK_ISO8601_SIZE];
	clock_utc_iso8601(now, sizeof now);
	struct db_param p[] = {DB_TEXT(ref), DB_TEXT(now)};
	struct db_conn *c;
	if (db_acquire(db, &c, e) < 0)
		return -1;
	struct arena *a = arena_new();
	struct db_rows rows;
	int rc = db_begin(c, e);
	if (rc == 0)
		rc = db_query(c, a,
			      "UPDATE api_tokens SET revoked_at = $2 WHERE (id = $1 OR name = $1)"
			      " AND revoked_at IS NULL RETURNING id",
			      p, 2, &rows, e);
	if (rc == 0 && rows.row_count == 0) {
		err_set(e, "no live token called \"%.100s\"", ref);
		rc = TOKEN_NOT_FOUND;
	}
	struct audit_entry entry = {"token_revoke", "api_token",
				    rc == 0 ? db_cell(&rows, 0, 0) : NULL, NULL, NULL};
	return audit_commit(c, a, rc, actor, &entry, e);
}

#define TOKEN_COLUMNS "id, name, scopes, created_at, revoked_at, last_used_at"

static struct api_token token_from_row(const struct db_rows *rows, size_t r)
{
	return (struct api_token){db_cell(rows, r, 0), db_cell(rows, r, 1),
				  db_cell(rows, r, 2), db_cell(rows, r, 3),
				  db_cell(rows, r, 4), db_cell(rows, r, 5)};
}

int token_list(struct db *db, struct arena *a, struct api_token **out,
	       size_t *count, struct err *e)
{
	struct db_conn *c;
	if (db_acquire(db, &c, e) < 0)
		return -1;
	struct db_rows rows;
	int rc = db_query(c, a, "SELECT " TOKEN_COLUMNS " FROM api_tokens ORDER BY name",
			  NULL, 0, &rows, e);
	db_release(c);
	if (rc < 0)
		return -1;
	*count = rows.row_count;
	*out = arena_alloc(a, (rows.row_count + 1) * sizeof **out);
	for (size_t i = 0; i < rows.row_count; i++)
		(*out)[i] = token_from_row(&rows, i);
	return 0;
}

int token_resume(struct db *db, struct arena *a, const char *secret,
		 struct api_token **out, struct err *e)
{
	*out = NULL;
	if (!secret_valid(secret))
		return 0;
	char hash[SECRET_HASH_LEN + 1], now[CLOCK_ISO8601_SIZE];
	secret_hash(secret, hash);
	clock_utc_iso8601(now, sizeof now);
	struct db_param p[] = {DB_TEXT(hash), DB_TEXT(now)};
	struct db_conn *c;
	if (db_acquire(db, &c, e) < 0)
		return -1;
	struct db_rows rows;
	int rc = db_query(c, a,
			  "UPDATE api_tokens SET last_used_at = $2 WHERE token_hash = $1"
			  " AND revoked_at IS NULL RETURNING " TOKEN_COLUMNS,
			  p, 2, &rows, e);
	db_release(c);
	if (rc == 0 && rows.row_count == 1) {
		*out = arena_alloc(a, sizeof **out);
		**out = token_from_row(&rows, 0);
	}
	return rc < 0 ? -1 : 0;
}

bool token_has_scope(const struct api_token *token, const char *scope)
{
	size_t len = strlen(scope);
	for (const char *p = token->scopes; (p = strstr(p, scope)); p += len)
		if ((p == token->scopes || p[-1] == ' ') && (p[len] == ' ' || p[len] == '\0'))
			return true;
	return false;
}
