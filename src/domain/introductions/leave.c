#include "domain/introductions/leave.h"

#include "core/arena.h"
#include "core/clock.h"
#include "core/date.h"
#include "core/err.h"
#include "core/id.h"
#include "db/db.h"
#include "domain/staff/access.h"
#include "domain/staff/audit.h"
#include "domain/staff/user.h"

#include <time.h>

#define LONGEST_LEAVE_DAYS 366

/* The coordinator, if who may see and record their leave: the
 * coordinator, a team leader of one of their areas, or an administrator.
 * Anyone else, like someone who is not a coordinator, is not found. */
static int coordinator(struct db *db, const struct caller *who, const char *id,
		       struct arena *a, struct user **out, struct err *e)
{
	int rc = id_valid(id) ? user_load(db, a, id, out, e) : RESULT_NOT_FOUND;
	if (rc == RESULT_OK && ((*out)->roles & USER_COORDINATOR) && access_leave(who, *out))
		return RESULT_OK;
	if (rc < 0 && rc != RESULT_NOT_FOUND)
		return rc;
	return err_not_found(e, "coordinator",
			     "There is no such coordinator, or theirs is not yours to see.");
}

static void validate(const char *starts_on, const char *ends_on, struct err *e)
{
	struct date first, last;
	bool first_ok = starts_on && date_parse(starts_on, &first);
	bool last_ok = ends_on && date_parse(ends_on, &last);
	if (!first_ok)
		err_field(e, "starts_on", "Enter the first day away, a real date");
	if (!last_ok)
		err_field(e, "ends_on", "Enter the last day away, a real date");
	if (!first_ok || !last_ok)
		return;
	if (date_to_days(last) < date_to_days(first))
		err_field(e, "ends_on", "Leave must end on or after the day it starts");
	else if (date_to_days(last) - date_to_days(first) >= LONGEST_LEAVE_DAYS)
		err_field(e, "ends_on", "Leave is at most a year at a time");
	else if (date_to_days(last) < date_to_days(date_uk_today(time(NULL))) - 366)
		err_field(e, "ends_on", "That leave ended more than a year ago");
}

int leave_add(struct db *db, const struct caller *who, const char *coordinator_id,
	      const char *starts_on, const char *ends_on, char *id_out, struct err *e)
{
	err_clear(e);
	struct arena *a = arena_new();
	struct user *u;
	int rc = coordinator(db, who, coordinator_id, a, &u, e);
	if (rc == RESULT_NOT_FOUND) {
		struct audit_entry refused = {"leave_add", "user",
					      id_valid(coordinator_id) ? coordinator_id : NULL,
					      NULL, "refused", NULL};
		struct err audit_e;
		if (audit_record(db, who, &refused, &audit_e) < 0)
			rc = err_set(e, "%s", audit_e.msg);
	}
	if (rc == RESULT_OK) {
		validate(starts_on, ends_on, e);
		rc = err_invalid_if_any(e);
	}
	struct db_conn *c = NULL;
	if (rc == RESULT_OK)
		rc = db_transaction(db, &c, e);
	if (rc < 0) {
		arena_free(a);
		return rc;
	}
	char now[CLOCK_ISO8601_SIZE];
	clock_utc_iso8601(now, sizeof now);
	id_new(id_out);
	struct db_param p[] = {DB_TEXT(id_out),
			       DB_TEXT(u->id),
			       DB_TEXT(starts_on),
			       DB_TEXT(ends_on),
			       DB_TEXT(caller_user_id(who)),
			       DB_TEXT(now)};
	rc = db_query(c, a,
		      "INSERT INTO leave (id, user_id, starts_on, ends_on, created_by,"
		      " created_at) VALUES ($1, $2, $3, $4, $5, $6)",
		      p, NULL, e);
	struct audit_entry entry = {"leave_add", "user", u->id, NULL, NULL, NULL};
	return audit_commit(c, a, rc, who, &entry, e);
}

int leave_list(struct db *db, const struct caller *who, const char *coordinator_id,
	       const char *from, struct arena *a, struct leave **out, size_t *count,
	       struct err *e)
{
	*count = 0;
	struct user *u;
	int rc = coordinator(db, who, coordinator_id, a, &u, e);
	if (rc < 0)
		return rc;
	struct db_param p[] = {DB_TEXT(u->id), DB_TEXT(from)};
	struct db_rows rows;
	rc = db_run(db, a,
		     "SELECT id, starts_on, ends_on, created_at FROM leave WHERE user_id = $1"
		     " AND (CAST($2 AS TEXT) IS NULL OR ends_on >= $2) ORDER BY starts_on",
		     p, &rows, e);
	if (rc < 0)
		return RESULT_FAILED;
	*count = rows.row_count;
	*out = arena_alloc(a, (rows.row_count + 1) * sizeof **out);
	for (size_t i = 0; i < rows.row_count; i++)
		(*out)[i] = (struct leave){db_cell(&rows, i, 0), db_cell(&rows, i, 1),
					   db_cell(&rows, i, 2), db_cell(&rows, i, 3)};
	return RESULT_OK;
}
