#include "db/instance.h"

#include "core/clock.h"
#include "core/id.h"
#include "db/db.h"

int instance_id(struct db_conn *c, struct arena *a, const char **id,
		struct err *e)
{
	struct db_param key[] = {DB_TEXT("instance_id")};
	struct db_rows rows;
	if (db_query(c, a, "SELECT value FROM settings WHERE key = $1", key,
		     &rows, e) < 0)
		return -1;
	*id = rows.row_count ? db_cell(&rows, 0, 0) : NULL;
	return 0;
}

int instance_ensure_id(struct db_conn *c, struct arena *a, const char **id,
		       struct err *e)
{
	char fresh[ID_HEX_LEN + 1];
	char now[CLOCK_ISO8601_SIZE];
	id_new(fresh);
	clock_utc_iso8601(now, sizeof now);
	/* Two instances migrating at once both try; the first one wins and
	 * both then read the same identifier. */
	struct db_param p[] = {DB_TEXT("instance_id"), DB_TEXT(fresh),
			       DB_TEXT(now)};
	if (db_query(c, a,
		     "INSERT INTO settings (key, value, updated_at)"
		     " VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING",
		     p, NULL, e) < 0)
		return -1;
	return instance_id(c, a, id, e);
}
