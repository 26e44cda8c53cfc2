#include "domain/lookup.h"

#include "core/arena.h"
#include "core/err.h"
#include "db/db.h"
#include "geo/map.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define COORDINATE_INPUT_MAX 64

int lookup_postcode(struct db *db, const struct geo_map *map, struct arena *a,
		    const char *input, struct lookup_result *out,
		    enum lookup_status *status, struct err *e)
{
	memset(out, 0, sizeof *out);
	out->ward = -1;
	out->by_postcode = true;
	if (!postcode_normalise(input, out->postcode)) {
		*status = LOOKUP_INVALID_POSTCODE;
		return 0;
	}
	struct db_conn *c;
	if (db_acquire(db, &c, e) < 0)
		return -1;
	struct db_param p = DB_TEXT(out->postcode);
	struct db_rows rows;
	int rc = db_query(c, a,
			  "SELECT latitude, longitude, ward_code FROM postcodes"
			  " WHERE postcode = $1",
			  &p, 1, &rows, e);
	db_release(c);
	if (rc < 0)
		return -1;
	if (rows.row_count == 0) {
		*status = LOOKUP_POSTCODE_NOT_FOUND;
		return 0;
	}
	out->lat = strtod(db_cell(&rows, 0, 0), NULL);
	out->lon = strtod(db_cell(&rows, 0, 1), NULL);
	out->source_ward = db_cell(&rows, 0, 2);
	out->ward = geo_map_ward_at(map, out->lat, out->lon);
	*status = LOOKUP_FOUND;
	return 0;
}

static bool parse_coordinate(const char *s, double limit, double *out)
{
	if (!s || !*s || strlen(s) > COORDINATE_INPUT_MAX)
		return false;
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if (errno || *end || !isfinite(v) || fabs(v) > limit)
		return false;
	*out = v;
	return true;
}

int lookup_point(const struct geo_map *map, const char *lat, const char *lon,
		 struct lookup_result *out, enum lookup_status *status)
{
	memset(out, 0, sizeof *out);
	out->ward = -1;
	char lat_buf[COORDINATE_INPUT_MAX + 1];
	if (!lon) {
		const char *comma = strchr(lat, ',');
		size_t n = comma ? (size_t)(comma - lat) : 0;
		if (!comma || n > COORDINATE_INPUT_MAX) {
			*status = LOOKUP_INVALID_COORDINATES;
			return 0;
		}
		memcpy(lat_buf, lat, n);
		lat_buf[n] = '\0';
		lon = comma + 1;
		lat = lat_buf;
	}
	if (!parse_coordinate(lat, 90, &out->lat) ||
	    !parse_coordinate(lon, 180, &out->lon)) {
		*status = LOOKUP_INVALID_COORDINATES;
		return 0;
	}
	out->ward = geo_map_ward_at(map, out->lat, out->lon);
	*status = LOOKUP_FOUND;
	return 0;
}

json_t *lookup_json(const struct geo_map *map, const struct lookup_result *r)
{
	json_t *ward = json_null();
	if (r->ward >= 0) {
		const struct geo_ward *w = geo_map_ward(map, (size_t)r->ward);
		ward = json_pack("{s:s,s:s}", "code", w->code, "name", w->name);
	}
	/* Six decimals is about 10 cm: all the precision the data has. */
	return json_pack("{s:s?,s:{s:f,s:f},s:o,s:s?}", "postcode",
			 r->by_postcode ? r->postcode : NULL, "location", "lat",
			 round(r->lat * 1e6) / 1e6, "lon",
			 round(r->lon * 1e6) / 1e6, "ward", ward,
			 "source_ward_code", r->source_ward);
}
