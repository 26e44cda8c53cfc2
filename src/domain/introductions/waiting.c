#include "domain/introductions/waiting.h"

#include "core/arena.h"
#include "core/clock.h"
#include "db/db.h"

#include <stdlib.h>

#define DEFAULT_CAPACITY 55
#define PACE_WEEKS 8

const char *waiting_phrase(long people, long capacity, long queue, double per_week)
{
	double weeks;
	if (per_week > 0)
		weeks = (double)(queue + 1) / per_week;
	else
		/* No recent pace to go on: a coordinator with room usually meets
		 * a few new people a week. */
		weeks = people < capacity ? (double)(queue + 1) / 3.0 : 4.0;
	/* Someone at capacity takes people on only as others move on. */
	if (people >= capacity)
		weeks += 2;
	if (weeks <= 1)
		return "usually within a week";
	if (weeks <= 2)
		return "usually within two weeks";
	if (weeks <= 3)
		return "two to three weeks";
	if (weeks <= 6)
		return "three to six weeks";
	return "more than six weeks: the coordinator is very busy, so it is worth asking "
	       "about drop-ins in the meantime";
}

int waiting_estimate(struct db *db, struct arena *a, const char *area_id,
		     struct waiting *out, struct err *e)
{
	char since[CLOCK_ISO8601_SIZE];
	clock_utc_iso8601_offset(since, sizeof since, -(int64_t)PACE_WEEKS * 7 * 86400);
	struct db_param p[] = {DB_TEXT(area_id), DB_TEXT(since)};
	struct db_conn *c;
	if (db_acquire(db, &c, e) < 0)
		return -1;
	struct db_rows rows;
	int rc = db_query(
		c, a,
		"SELECT"
		" (SELECT count(*) FROM involvements WHERE area_id = $1 AND ended_on IS NULL"
		"   AND kind = 'walking_alongside'),"
		" (SELECT coalesce(sum(u.capacity), 0) FROM user_role_areas ra JOIN users u"
		"   ON u.id = ra.user_id WHERE ra.role = 'coordinator' AND ra.area_id = $1"
		"   AND u.disabled = 0),"
		" (SELECT count(*) FROM introductions WHERE area_id = $1 AND status IN"
		"   ('new', 'contacted', 'conversation_arranged')),"
		" (SELECT count(*) FROM introduction_history h JOIN introductions i"
		"   ON i.id = h.introduction_id WHERE i.area_id = $1"
		"   AND h.status = 'conversation_arranged' AND h.at >= $2)",
		p, &rows, e);
	db_release(c);
	if (rc < 0)
		return -1;
	out->people = strtol(db_cell(&rows, 0, 0), NULL, 10);
	out->capacity = strtol(db_cell(&rows, 0, 1), NULL, 10);
	if (out->capacity == 0)
		out->capacity = DEFAULT_CAPACITY; /* a coordinator without an account */
	out->queue = strtol(db_cell(&rows, 0, 2), NULL, 10);
	out->per_week = (double)strtol(db_cell(&rows, 0, 3), NULL, 10) / PACE_WEEKS;
	out->phrase = waiting_phrase(out->people, out->capacity, out->queue, out->per_week);
	return 0;
}
