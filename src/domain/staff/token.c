#include "domain/staff/token.h"

#include "core/arena.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/id.h"
#include "core/sb.h"
#include "core/utf8.h"
#include "db/db.h"
#include "domain/staff/audit.h"
#include "domain/staff/user.h"

#include <string.h>

#define NAME_MAX_CHARS 100
#define SCOPES_MAX_BYTES 256

const struct token_scope token_scopes[] = {
	{"areas.write", "Change areas, coordinators' public entries and drop-ins"},
	{"audit.read", "Read the audit log of sign-ins, accounts and the directory"},
	{"reports.read", "Read the programme's reports, every area, small numbers hidden"},
};
const size_t token_scope_count = sizeof token_scopes / sizeof token_scopes[0];

bool token_scope_known(const char *scope)
{
	for (size_t i = 0; i < token_scope_count; i++)
		if (strcmp(scope, token_scopes[i].name) == 0)
			return true;
	return false;
}

/* Every problem with a new token's name and scopes; the scopes joined
 * with spaces into joined. */
static void check_token(const char *name, const char *const *scopes, size_t scope_count,
			struct sb *joined, struct err *e)
{
	if (!name || !utf8_text_ok(name, NAME_MAX_CHARS, false))
		err_field(e, "name", "a token needs a name of 1 to 100 characters on one line");
	if (scope_count == 0)
		err_field(e, "scopes", "a token needs at least one scope: areas.write, audit.read");
	for (size_t i = 0; i < scope_count; i++) {
		if (!token_scope_known(scopes[i]))
			err_field(e, "scopes",
				  "unknown scope \"%.40s\": scopes are areas.write, audit.read",
				  scopes[i]);
		sb_printf(joined, "%s%s", i ? " " : "", scopes[i]);
	}
}

/* A name is a problem of its field when a token, live or revoked, has it:
 * revoked tokens keep theirs, so the list never shows two alike. */
static int check_name_free(struct db_conn *c, struct arena *a, const char *name,
			   struct err *e)
{
	if (!name || err_field_message(e, "name"))
		return RESULT_OK;
	struct db_param p[] = {DB_TEXT(name)};
	struct db_rows rows;
	if (db_query(c, a, "SELECT 1 FROM api_tokens WHERE name = $1", p, &rows, e) < 0)
		return RESULT_FAILED;
	if (rows.row_count)
		err_field(e, "name",
			  "there is already a token called \"%.100s\" (a revoked token keeps "
			  "its name): choose another",
			  name);
	return RESULT_OK;
}

/* A transaction for a change to tokens, and whether the caller may make
 * it: RESULT_FORBIDDEN, to be recorded, for one who does not administer.
 * *c is NULL only when no transaction was had. */
static int token_change_begin(struct db *db, const struct caller *who, struct db_conn **c,
			      struct err *e)
{
	err_clear(e);
	if (db_transaction(db, c, e) < 0) {
		*c = NULL;
		return RESULT_FAILED;
	}
	if (!user_administers(who))
		return err_result(e, RESULT_FORBIDDEN, "only an administrator manages API tokens");
	return RESULT_OK;
}

int token_add(struct db *db, const struct caller *who, const char *name,
	      const char *const *scopes, size_t scope_count,
	      char secret_out[SECRET_LEN + 1], char *id_out, struct err *e)
{
	struct db_conn *c;
	int rc = token_change_begin(db, who, &c, e);
	if (!c)
		return rc;
	struct arena *a = arena_new();
	struct sb joined;
	sb_init(&joined, a, SCOPES_MAX_BYTES);
	if (rc == RESULT_OK) {
		check_token(name, scopes, scope_count, &joined, e);
		rc = check_name_free(c, a, name, e);
	}
	if (rc == RESULT_OK)
		rc = err_invalid_if_any(e);
	char hash[SECRET_HASH_LEN + 1], now[CLOCK_ISO8601_SIZE];
	secret_new(secret_out);
	secret_hash(secret_out, hash);
	id_new(id_out);
	clock_utc_iso8601(now, sizeof now);
	struct db_param p[] = {DB_TEXT(id_out), DB_TEXT(name), DB_TEXT(hash),
			       DB_TEXT(sb_str(&joined)), DB_TEXT(now)};
	if (rc == RESULT_OK)
		rc = db_query(c, a,
			      "INSERT INTO api_tokens (id, name, token_hash, scopes, created_at)"
			      " VALUES ($1, $2, $3, $4, $5)",
			      p, NULL, e);
	if (rc == RESULT_CONFLICT)
		err_result(e, RESULT_CONFLICT, "there is already a token called \"%.100s\"", name);
	struct audit_entry entry = {"token_add", "api_token", rc == RESULT_OK ? id_out : NULL,
				    NULL, NULL, NULL};
	return audit_commit_or_refuse(c, a, rc, who, &entry, e);
}

/* Revokes the live token sql ($1 the reference, $2 the time) finds. */
static int revoke(struct db *db, const struct caller *who, const char *ref, const char *sql,
		  struct err *e)
{
	struct db_conn *c;
	int rc = token_change_begin(db, who, &c, e);
	if (!c)
		return rc;
	char now[CLOCK_ISO8601_SIZE];
	clock_utc_iso8601(now, sizeof now);
	struct db_param p[] = {DB_TEXT(ref), DB_TEXT(now)};
	struct arena *a = arena_new();
	struct db_rows rows;
	if (rc == RESULT_OK)
		rc = db_query(c, a, sql, p, &rows, e);
	if (rc == RESULT_OK && rows.row_count == 0)
		rc = err_not_found(e, "token", "no live token called \"%.100s\"", ref);
	struct audit_entry entry = {"token_revoke", "api_token",
				    rc == RESULT_OK ? db_cell(&rows, 0, 0) : NULL, NULL, NULL, NULL};
	return audit_commit_or_refuse(c, a, rc, who, &entry, e);
}

int token_revoke(struct db *db, const struct caller *who, const char *ref,
		 struct err *e)
{
	return revoke(db, who, ref,
		      "UPDATE api_tokens SET revoked_at = $2 WHERE (id = $1 OR name = $1)"
		      " AND revoked_at IS NULL RETURNING id",
		      e);
}

int token_revoke_id(struct db *db, const struct caller *who, const char *id,
		    struct err *e)
{
	return revoke(db, who, id,
		      "UPDATE api_tokens SET revoked_at = $2 WHERE id = $1"
		      " AND revoked_at IS NULL RETURNING id",
		      e);
}

#define TOKEN_COLUMNS "id, name, scopes, created_at, revoked_at, last_used_at"

/* Who made (and revoked) a token, from its entry in the audit log: the
 * entry is written in the change's transaction just after the time the
 * token keeps, so reading the log's time index from that time finds it at
 * once, however long the log.  The command line is no user: NULL. */
#define TOKEN_ACTOR(action, at)                                                        \
	"(SELECT u.display_name FROM audit_log l JOIN users u ON u.id = l.actor_user_id" \
	" WHERE l.at >= t." at " AND l.action = '" action "'"                           \
	" AND l.record_type = 'api_token' AND l.record_id = t.id AND l.outcome = 'ok'"  \
	" ORDER BY l.at LIMIT 1)"
#define LISTED_COLUMNS                                                      \
	"t.id, t.name, t.scopes, t.created_at, t.revoked_at, t.last_used_at, " \
	TOKEN_ACTOR("token_add", "created_at") ", " TOKEN_ACTOR("token_revoke", "revoked_at")

static struct api_token token_from_row(const struct db_rows *rows, size_t r)
{
	bool listed = rows->column_count > 6;
	return (struct api_token){db_cell(rows, r, 0), db_cell(rows, r, 1),
				  db_cell(rows, r, 2), db_cell(rows, r, 3),
				  db_cell(rows, r, 4), db_cell(rows, r, 5),
				  listed ? db_cell(rows, r, 6) : NULL,
				  listed ? db_cell(rows, r, 7) : NULL};
}

int token_list(struct db *db, struct arena *a, struct api_token **out,
	       size_t *count, struct err *e)
{
	struct db_rows rows;
	int rc = db_run_plain(db, a, "SELECT " LISTED_COLUMNS " FROM api_tokens t ORDER BY t.name",
			       &rows, e);
	if (rc < 0)
		return RESULT_FAILED;
	*count = rows.row_count;
	*out = arena_alloc(a, (rows.row_count + 1) * sizeof **out);
	for (size_t i = 0; i < rows.row_count; i++)
		(*out)[i] = token_from_row(&rows, i);
	return RESULT_OK;
}

int token_get(struct db *db, struct arena *a, const char *id, struct api_token **out,
	      struct err *e)
{
	err_clear(e);
	struct db_param p[] = {DB_TEXT(id)};
	struct db_rows rows;
	if (db_run(db, a, "SELECT " LISTED_COLUMNS " FROM api_tokens t WHERE t.id = $1", p,
		   &rows, e) < 0)
		return RESULT_FAILED;
	if (rows.row_count == 0)
		return err_not_found(e, "token", "there is no token with that id");
	*out = arena_alloc(a, sizeof **out);
	**out = token_from_row(&rows, 0);
	return RESULT_OK;
}

int token_resume(struct db *db, struct arena *a, const char *secret,
		 struct api_token **out, struct err *e)
{
	*out = NULL;
	if (!secret_valid(secret))
		return RESULT_OK;
	char hash[SECRET_HASH_LEN + 1];
	secret_hash(secret, hash);
	struct db_param p[] = {DB_TEXT(hash)};
	struct db_rows rows;
	if (db_run(db, a,
		   "SELECT " TOKEN_COLUMNS " FROM api_tokens"
		   " WHERE token_hash = $1 AND revoked_at IS NULL",
		   p, &rows, e) < 0)
		return RESULT_FAILED;
	if (rows.row_count != 1)
		return RESULT_OK;
	struct api_token *token = arena_alloc(a, sizeof *token);
	*token = token_from_row(&rows, 0);
	/* A busy token writes its row once a minute, not on every call; the
	 * condition repeated in the UPDATE keeps two calls at once from both
	 * writing. */
	char now[CLOCK_ISO8601_SIZE], stale[CLOCK_ISO8601_SIZE];
	clock_utc_iso8601(now, sizeof now);
	clock_utc_iso8601_offset(stale, sizeof stale, -TOKEN_USE_RESOLUTION);
	if (!token->last_used_at || strcmp(token->last_used_at, stale) < 0) {
		struct db_param mark[] = {DB_TEXT(token->id), DB_TEXT(now), DB_TEXT(stale)};
		if (db_run(db, a,
			   "UPDATE api_tokens SET last_used_at = $2 WHERE id = $1"
			   " AND (last_used_at IS NULL OR last_used_at < $3)",
			   mark, NULL, e) < 0)
			return RESULT_FAILED;
		token->last_used_at = arena_strdup(a, now);
	}
	*out = token;
	return RESULT_OK;
}

bool token_has_scope(const struct api_token *token, const char *scope)
{
	size_t len = strlen(scope);
	for (const char *p = token->scopes; (p = strstr(p, scope)); p += len)
		if ((p == token->scopes || p[-1] == ' ') && (p[len] == ' ' || p[len] == '\0'))
			return true;
	return false;
}
