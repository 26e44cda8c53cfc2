#include "domain/staff/audit.h"

#include "core/arena.h"
#include "core/clock.h"
#include "core/date.h"
#include "core/err.h"
#include "core/id.h"
#include "db/db.h"

#include <ctype.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#define LIST_LIMIT_DEFAULT 500
#define LIST_LIMIT_MAX 10000

int audit_write(struct db_conn *c, const struct caller *actor,
		const struct audit_entry *entry, struct err *e)
{
	char id[ID_HEX_LEN + 1], now[CLOCK_ISO8601_SIZE];
	id_new(id);
	clock_utc_iso8601(now, sizeof now);
	struct db_param p[] = {
		DB_TEXT(id),
		DB_TEXT(now),
		DB_TEXT(caller_user_id(actor)),
		DB_TEXT(caller_token_id(actor)),
		DB_TEXT(entry->action),
		DB_TEXT(entry->record_type),
		DB_TEXT(entry->record_id),
		DB_TEXT(entry->area_id),
		DB_TEXT(actor->client_address ? actor->client_address : "unknown"),
		DB_TEXT(actor->request_id ? actor->request_id : "none"),
		DB_TEXT(entry->outcome ? entry->outcome : "ok"),
		DB_TEXT(entry->changes),
	};
	struct arena *a = arena_new();
	struct err why;
	int rc = db_query(c, a,
			  "INSERT INTO audit_log (id, at, actor_user_id, actor_token_id,"
			  " action, record_type, record_id, area_id, client_address,"
			  " request_id, outcome, changes)"
			  " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
			  p, NULL, &why);
	arena_free(a);
	if (rc < 0)
		return err_set(e, "audit log not written: %.900s", why.msg);
	return RESULT_OK;
}

int audit_commit(struct db_conn *c, struct arena *a, int rc,
		 const struct caller *actor, const struct audit_entry *entry,
		 struct err *e)
{
	if (rc == RESULT_OK)
		rc = audit_write(c, actor, entry, e);
	rc = db_finish(c, rc, e);
	arena_free(a);
	return rc;
}

int audit_commit_or_refuse(struct db_conn *c, struct arena *a, int rc,
			   const struct caller *actor,
			   const struct audit_entry *entry, struct err *e)
{
	if (rc != RESULT_NOT_FOUND && rc != RESULT_FORBIDDEN)
		return audit_commit(c, a, rc, actor, entry, e);
	db_rollback(c);
	struct audit_entry refused = *entry;
	refused.outcome = "refused";
	int written = audit_write(c, actor, &refused, e);
	db_release(c);
	arena_free(a);
	return written == RESULT_OK ? rc : RESULT_FAILED;
}

int audit_keep_refusal(struct db_conn *c, struct arena *a, int rc, struct err *e)
{
	bool refused = rc == RESULT_NOT_FOUND;
	if (db_finish(c, refused ? RESULT_OK : rc, e) < 0 && refused)
		rc = RESULT_FAILED;
	arena_free(a);
	return rc;
}

int audit_read(struct db_conn *c, int rc, const struct caller *actor,
	       const struct audit_entry *entry, struct err *e)
{
	if (rc == RESULT_OK || rc == RESULT_NOT_FOUND) {
		struct audit_entry written = *entry;
		if (!written.outcome && rc == RESULT_NOT_FOUND)
			written.outcome = "refused";
		if (audit_write(c, actor, &written, e) < 0)
			rc = RESULT_FAILED;
	}
	db_release(c);
	return rc;
}

int audit_record(struct db *db, const struct caller *actor,
		 const struct audit_entry *entry, struct err *e)
{
	struct db_conn *c;
	if (db_acquire(db, &c, e) < 0)
		return RESULT_FAILED;
	int rc = audit_write(c, actor, entry, e);
	db_release(c);
	return rc;
}

/* The entries a filter selects, $1 to $6 (struct audit_filter), in the
 * columns row_at reads. */
#define SELECT_ENTRIES                                                              \
	"SELECT l.id, l.at, l.actor_user_id, u.username, l.actor_token_id, l.action,"  \
	" l.record_type, l.record_id, l.area_id, l.client_address, l.request_id,"       \
	" l.outcome, l.changes"                                                         \
	" FROM audit_log l LEFT JOIN users u ON u.id = l.actor_user_id"                 \
	" WHERE (CAST($1 AS TEXT) IS NULL OR l.area_id IN (SELECT area_id FROM"          \
	"   user_role_areas WHERE user_id = $1 AND role = 'team_leader'))"              \
	" AND ($2 = 0 OR l.action IN ('sign_in', 'sign_in_failed',"                      \
	"   'sign_in_throttled', 'sign_out', 'session_end', 'user_add',"                \
	"   'role_change', 'password_change', 'user_disable', 'user_enable',"           \
	"   'token_add', 'token_revoke', 'export', 'capacity_change', 'leave_add',"     \
	"   'email_change', 'council_set', 'area_create', 'area_update', 'area_retire',"\
	"   'coordinator_set', 'coordinator_update', 'drop_in_add', 'drop_in_update',"  \
	"   'drop_in_end', 'drop_in_cancel', 'drop_in_cancel_withdraw'))"               \
	" AND (CAST($3 AS TEXT) IS NULL OR l.action = $3)"                               \
	" AND (CAST($4 AS TEXT) IS NULL OR l.actor_user_id = $4)"                        \
	" AND (CAST($5 AS TEXT) IS NULL OR l.at >= $5)"                                  \
	" AND (CAST($6 AS TEXT) IS NULL OR l.at < $6)"

/* Older than the cursor ($7, $8), or than nothing when $7 is NULL, newest
 * first; and newer than it, oldest first.  At most $9. */
static const char older_sql[] =
	SELECT_ENTRIES " AND (CAST($7 AS TEXT) IS NULL OR l.at < $7 OR (l.at = $7 AND l.id < $8))"
		       " ORDER BY l.at DESC, l.id DESC LIMIT $9";
static const char newer_sql[] = SELECT_ENTRIES " AND (l.at > $7 OR (l.at = $7 AND l.id > $8))"
					       " ORDER BY l.at, l.id LIMIT $9";

/* Up to limit entries next to the cursor (at, id; NULL: from the newest),
 * read with sql (older_sql or newer_sql), into the arena. */
static int select_entries(struct db *db, struct arena *a, const struct audit_filter *f,
			  const char *sql, const char *at, const char *id, size_t limit,
			  struct audit_row **out, size_t *count, struct err *e)
{
	struct db_param p[] = {
		DB_TEXT(f->team_leader_id), DB_INT(f->account_events != 0),
		DB_TEXT(f->action),         DB_TEXT(f->actor_user_id),
		DB_TEXT(f->since),          DB_TEXT(f->until),
		DB_TEXT(at),                DB_TEXT(id),
		DB_INT((int64_t)limit),
	};
	struct db_rows rows;
	int rc = db_run(db, a, sql, p, &rows, e);
	if (rc < 0)
		return RESULT_FAILED;
	*count = rows.row_count;
	*out = arena_alloc(a, (rows.row_count + 1) * sizeof **out);
	for (size_t i = 0; i < rows.row_count; i++) {
		const char **cells = (const char **)&rows.cells[i * rows.column_count];
		(*out)[i] = (struct audit_row){cells[0], cells[1], cells[2], cells[3],
					       cells[4], cells[5], cells[6], cells[7],
					       cells[8], cells[9], cells[10], cells[11],
					       cells[12]};
	}
	return RESULT_OK;
}

int audit_list(struct db *db, struct arena *a, const struct audit_filter *f,
	       struct audit_row **out, size_t *count, struct err *e)
{
	size_t limit = f->limit ? f->limit : LIST_LIMIT_DEFAULT;
	if (limit > LIST_LIMIT_MAX)
		limit = LIST_LIMIT_MAX;
	return select_entries(db, a, f, older_sql, NULL, NULL, limit, out, count, e);
}

/* "2026-03-01T09:30:00.000Z", the one form clock_utc_iso8601 writes. */
static bool time_valid(const char *s, size_t len)
{
	static const char shape[] = "dddd-dd-ddTdd:dd:dd.dddZ";
	if (len != sizeof shape - 1)
		return false;
	for (size_t i = 0; i < len; i++)
		if (shape[i] == 'd' ? !isdigit((unsigned char)s[i]) : s[i] != shape[i])
			return false;
	char day[11];
	memcpy(day, s, 10);
	day[10] = '\0';
	struct date d;
	return date_parse(day, &d) && (s[11] - '0') * 10 + (s[12] - '0') < 24 && s[14] < '6' &&
	       s[17] < '6';
}

bool audit_cursor_valid(const char *s)
{
	const char *sep = strchr(s, '_');
	return sep && time_valid(s, (size_t)(sep - s)) && id_valid(sep + 1);
}

static const char *cursor_of(struct arena *a, const struct audit_row *r)
{
	return arena_printf(a, "%s_%s", r->at, r->id);
}

int audit_page(struct db *db, struct arena *a, const struct audit_filter *f,
	       struct audit_page *out, struct err *e)
{
	err_clear(e);
	*out = (struct audit_page){0};
	static const char not_one[] = "That is not a place in the trail: follow the links "
				      "to older and newer entries";
	if (f->before && !audit_cursor_valid(f->before))
		err_field(e, "before", "%s", not_one);
	if (f->after && !audit_cursor_valid(f->after))
		err_field(e, "after", "%s", not_one);
	else if (f->after && f->before)
		err_field(e, "after", "Ask for the entries before a place or after it, not both");
	if (f->limit > AUDIT_PAGE_MAX)
		err_field(e, "limit", "A page holds at most %d entries", AUDIT_PAGE_MAX);
	if (err_invalid_if_any(e) != RESULT_OK)
		return RESULT_INVALID;
	size_t size = f->limit ? f->limit : AUDIT_PAGE_SIZE;
	const char *cursor = f->after ? f->after : f->before;
	const char *at = NULL, *id = NULL;
	if (cursor) {
		const char *sep = strchr(cursor, '_');
		at = arena_strndup(a, cursor, (size_t)(sep - cursor));
		id = sep + 1;
	}
	/* One more than the page, to know whether there are more. */
	struct audit_row *rows;
	size_t count;
	if (select_entries(db, a, f, f->after ? newer_sql : older_sql, at, id, size + 1, &rows,
			   &count, e) != RESULT_OK)
		return RESULT_FAILED;
	bool more = count > size;
	if (more)
		count = size;
	if (f->after) {
		for (size_t i = 0; i < count / 2; i++) {
			struct audit_row swap = rows[i];
			rows[i] = rows[count - 1 - i];
			rows[count - 1 - i] = swap;
		}
		out->newer = more ? cursor_of(a, &rows[0]) : NULL;
		out->older = count ? cursor_of(a, &rows[count - 1]) : NULL;
	} else {
		out->older = more ? cursor_of(a, &rows[count - 1]) : NULL;
		out->newer = f->before && count ? cursor_of(a, &rows[0]) : NULL;
	}
	out->rows = rows;
	out->count = count;
	return RESULT_OK;
}

const char *audit_changes_text(struct arena *a, json_t *before, json_t *after)
{
	json_t *both = json_pack("{s:o,s:o}", "before", before ? before : json_null(), "after",
				 after ? after : json_null());
	char *text = json_dumps(both, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(both);
	if (!text)
		abort();
	const char *kept = arena_strdup(a, text);
	free(text);
	return kept;
}
