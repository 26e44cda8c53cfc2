#include "domain/introductions/leave.h"

#include "core/arena.h"
#include "core/clock.h"
#include "core/date.h"
#include "core/err.h"
#include "core/id.h"
#include "db/db.h"
#include "domain/staff/audit.h"

#include <time.h>

#define LONGEST_LEAVE_DAYS 366

static int invalid(struct err *e, const char *msg)
{
	err_set(e, "%s", msg);
	return LEAVE_INVALID;
}

int leave_add(struct db *db, const struct caller *actor, const char *user_id,
	      const char *starts_on, const char *ends_on, char *id_out, struct err *e)
{
	struct date first, last;
	if (!starts_on || !ends_on || !date_parse(starts_on, &first) ||
	    !date_parse(ends_on, &last))
		return invalid(e, "Leave runs from a date to a date, as YYYY-MM-DD");
	if (date_to_days(last) < date_to_days(first))
		return invalid(e, "Leave must end on or after the day it starts");
	if (date_to_days(last) - date_to_days(first) >= LONGEST_LEAVE_DAYS)
		return invalid(e, "Leave is at most a year at a time");
	if (date_to_days(last) < date_to_days(date_uk_today(time(NULL))) - 366)
		return invalid(e, "That leave ended more than a year ago");
	if (!id_valid(user_id)) {
		err_set(e, "There is no such coordinator.");
		return LEAVE_NOT_FOUND;
	}
	struct db_conn *c;
	if (db_acquire(db, &c, e) < 0)
		return -1;
	struct arena *a = arena_new();
	struct db_param who = DB_TEXT(user_id);
	struct db_rows rows;
	int rc = db_begin(c, e);
	if (rc == 0)
		rc = db_query(c, a,
			      "SELECT 1 FROM user_roles WHERE user_id = $1 AND role = 'coordinator'",
			      &who, 1, &rows, e);
	if (rc == 0 && rows.row_count == 0) {
		err_set(e, "There is no such coordinator.");
		rc = LEAVE_NOT_FOUND;
	}
	char now[CLOCK_ISO8601_SIZE];
	clock_utc_iso8601(now, sizeof now);
	id_new(id_out);
	struct db_param p[] = {DB_TEXT(id_out),
			       DB_TEXT(user_id),
			       DB_TEXT(starts_on),
			       DB_TEXT(ends_on),
			       caller_user_id(actor) ? DB_TEXT(caller_user_id(actor)) : DB_NULL,
			       DB_TEXT(now)};
	if (rc == 0)
		rc = db_query(c, a,
			      "INSERT INTO leave (id, user_id, starts_on, ends_on, created_by,"
			      " created_at) VALUES ($1, $2, $3, $4, $5, $6)",
			      p, 6, NULL, e);
	struct audit_entry entry = {"leave_add", "user", user_id, NULL, NULL};
	return audit_commit(c, a, rc, actor, &entry, e);
}

int leave_list(struct db *db, struct arena *a, const char *user_id, const char *from,
	       struct leave **out, size_t *count, struct err *e)
{
	struct db_param p[] = {DB_TEXT(user_id), from ? DB_TEXT(from) : DB_NULL};
	struct db_conn *c;
	if (db_acquire(db, &c, e) < 0)
		return -1;
	struct db_rows rows;
	int rc = db_query(c, a,
			  "SELECT id, starts_on, ends_on, created_at FROM leave WHERE user_id = $1"
			  " AND (CAST($2 AS TEXT) IS NULL OR ends_on >= $2) ORDER BY starts_on",
			  p, 2, &rows, e);
	db_release(c);
	if (rc < 0)
		return -1;
	*count = rows.row_count;
	*out = arena_alloc(a, (rows.row_count + 1) * sizeof **out);
	for (size_t i = 0; i < rows.row_count; i++)
		(*out)[i] = (struct leave){db_cell(&rows, i, 0), db_cell(&rows, i, 1),
					   db_cell(&rows, i, 2), db_cell(&rows, i, 3)};
	return 0;
}
