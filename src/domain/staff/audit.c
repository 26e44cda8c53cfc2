#include "domain/staff/audit.h"

#include "core/arena.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/id.h"
#include "db/db.h"

#include <string.h>

#define LIST_LIMIT_DEFAULT 500
#define LIST_LIMIT_MAX 10000

static struct db_param text_or_null(const char *s)
{
	return s ? DB_TEXT(s) : DB_NULL;
}

int audit_write(struct db_conn *c, const struct caller *actor,
		const struct audit_entry *entry, struct err *e)
{
	char id[ID_HEX_LEN + 1], now[CLOCK_ISO8601_SIZE];
	id_new(id);
	clock_utc_iso8601(now, sizeof now);
	struct db_param p[] = {
		DB_TEXT(id),
		DB_TEXT(now),
		text_or_null(caller_user_id(actor)),
		text_or_null(caller_token_id(actor)),
		DB_TEXT(entry->action),
		text_or_null(entry->record_type),
		text_or_null(entry->record_id),
		text_or_null(entry->area_id),
		DB_TEXT(actor->client_address ? actor->client_address : "unknown"),
		DB_TEXT(actor->request_id ? actor->request_id : "none"),
		DB_TEXT(entry->outcome ? entry->outcome : "ok"),
	};
	struct arena *a = arena_new();
	struct err why;
	int rc = db_query(c, a,
			  "INSERT INTO audit_log (id, at, actor_user_id, actor_token_id,"
			  " action, record_type, record_id, area_id, client_address,"
			  " request_id, outcome)"
			  " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
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

int audit_list(struct db *db, struct arena *a, const struct audit_filter *f,
	       struct audit_row **out, size_t *count, struct err *e)
{
	size_t limit = f->limit ? f->limit : LIST_LIMIT_DEFAULT;
	if (limit > LIST_LIMIT_MAX)
		limit = LIST_LIMIT_MAX;
	struct db_param p[] = {
		text_or_null(f->team_leader_id), DB_INT(f->account_events != 0),
		text_or_null(f->action),         text_or_null(f->actor_user_id),
		text_or_null(f->since),          text_or_null(f->until),
		DB_INT((int64_t)limit),
	};
	struct db_conn *c;
	if (db_acquire(db, &c, e) < 0)
		return RESULT_FAILED;
	struct db_rows rows;
	int rc = db_query(
		c, a,
		"SELECT l.at, l.actor_user_id, u.username, l.actor_token_id, l.action,"
		" l.record_type, l.record_id, l.area_id, l.client_address,"
		" l.request_id, l.outcome"
		" FROM audit_log l LEFT JOIN users u ON u.id = l.actor_user_id"
		" WHERE (CAST($1 AS TEXT) IS NULL OR l.area_id IN (SELECT area_id FROM"
		"   user_role_areas WHERE user_id = $1 AND role = 'team_leader'))"
		" AND ($2 = 0 OR l.action IN ('sign_in', 'sign_in_failed',"
		"   'sign_in_throttled', 'sign_out', 'session_end', 'user_add',"
		"   'role_change', 'password_change', 'user_disable', 'user_enable',"
		"   'token_add', 'token_revoke', 'export', 'capacity_change', 'leave_add', 'email_change',"
		"   'area_create', 'coordinator_set', 'drop_in_add'))"
		" AND (CAST($3 AS TEXT) IS NULL OR l.action = $3)"
		" AND (CAST($4 AS TEXT) IS NULL OR l.actor_user_id = $4)"
		" AND (CAST($5 AS TEXT) IS NULL OR l.at >= $5)"
		" AND (CAST($6 AS TEXT) IS NULL OR l.at < $6)"
		" ORDER BY l.at DESC, l.id LIMIT $7",
		p, &rows, e);
	db_release(c);
	if (rc < 0)
		return RESULT_FAILED;
	*count = rows.row_count;
	*out = arena_alloc(a, (rows.row_count + 1) * sizeof **out);
	for (size_t i = 0; i < rows.row_count; i++) {
		const char **cells = (const char **)&rows.cells[i * rows.column_count];
		(*out)[i] = (struct audit_row){cells[0], cells[1], cells[2], cells[3],
					       cells[4], cells[5], cells[6], cells[7],
					       cells[8], cells[9], cells[10]};
	}
	return RESULT_OK;
}
