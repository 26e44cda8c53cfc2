#include "domain/areas/lookup.h"

#include "core/arena.h"
#include "core/err.h"
#include "db/db.h"
#include "geo/map.h"
#include "geo/postcodes.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define COORDINATE_INPUT_MAX 64

/* The coordinator of map area `index`, or NULL in *out when it has none. */
static int fetch_coordinator(const struct lookup_context *ctx, struct arena *a,
			     long index, struct coordinator **out, struct err *e)
{
	*out = NULL;
	struct db_conn *c;
	if (db_acquire(ctx->db, &c, e) < 0)
		return -1;
	struct db_param p = DB_TEXT(geo_map_area(ctx->map, (size_t)index)->id);
	struct db_rows rows;
	int rc = db_query(c, a,
			  "SELECT id, name, mobile, email, facebook_url,"
			  " introduction FROM coordinators WHERE area_id = $1",
			  &p, 1, &rows, e);
	db_release(c);
	if (rc < 0 || rows.row_count == 0)
		return rc;
	struct coordinator *co = arena_alloc(a, sizeof *co);
	co->id = db_cell(&rows, 0, 0);
	co->name = db_cell(&rows, 0, 1);
	co->mobile = db_cell(&rows, 0, 2);
	co->email = db_cell(&rows, 0, 3);
	co->facebook_url = db_cell(&rows, 0, 4);
	co->introduction = db_cell(&rows, 0, 5);
	*out = co;
	return 0;
}

/* Everything that follows from the point: ward, area, coverage, the
 * coordinator, or the nearest covered area (and its coordinator, when the
 * place is near enough that they may still meet). */
static int place(const struct lookup_context *ctx, struct arena *a,
		 struct lookup_result *out, struct err *e)
{
	const struct geo_map *map = ctx->map;
	out->ward = geo_map_ward_at(map, out->lat, out->lon);
	out->area = out->ward >= 0 ? geo_map_ward(map, (size_t)out->ward)->area : -1;
	out->covered = out->area >= 0 && geo_map_area(map, (size_t)out->area)->covered;
	out->nearest_covered = -1;
	if (out->source_ward && *out->source_ward) {
		out->ward_disagrees =
			out->ward < 0 ||
			strcmp(geo_map_ward(map, (size_t)out->ward)->code, out->source_ward) != 0;
		if (out->ward_disagrees && out->ward >= 0 &&
		    geo_map_distance_to_boundary(map, (size_t)out->ward, out->lat, out->lon,
						 &out->boundary_metres, e) < 0)
			return -1;
	}
	if (out->covered)
		return fetch_coordinator(ctx, a, out->area, &out->coordinator, e);
	if (geo_map_nearest_covered(map, out->lat, out->lon, &out->nearest_covered,
				    &out->nearest_metres, e) < 0)
		return -1;
	out->near = out->nearest_covered >= 0 &&
		    out->nearest_metres <= ctx->near_metres;
	return out->near ? fetch_coordinator(ctx, a, out->nearest_covered,
					     &out->nearest_coordinator, e)
			 : 0;
}

int lookup_postcode(const struct lookup_context *ctx, struct arena *a,
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
	if (ctx->postcodes) {
		const struct postcode_entry *p =
			postcode_index_find(ctx->postcodes, out->postcode);
		if (!p) {
			*status = LOOKUP_POSTCODE_NOT_FOUND;
			return 0;
		}
		out->lat = p->lat;
		out->lon = p->lon;
		out->source_ward = p->ward[0] ? p->ward : NULL;
		*status = LOOKUP_FOUND;
		return place(ctx, a, out, e);
	}
	struct db_conn *c;
	if (db_acquire(ctx->db, &c, e) < 0)
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
	*status = LOOKUP_FOUND;
	return place(ctx, a, out, e);
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

int lookup_point(const struct lookup_context *ctx, struct arena *a,
		 const char *lat, const char *lon, struct lookup_result *out,
		 enum lookup_status *status, struct err *e)
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
	*status = LOOKUP_FOUND;
	return place(ctx, a, out, e);
}

static json_t *coordinator_json(const struct coordinator *co)
{
	if (!co)
		return json_null();
	return json_pack("{s:s,s:s,s:s?,s:s?,s:s?,s:s?}", "id", co->id, "name",
			 co->name, "mobile", co->mobile, "email", co->email,
			 "facebook_url", co->facebook_url, "introduction",
			 co->introduction);
}

static json_t *area_json(const struct geo_map *map, long index)
{
	if (index < 0)
		return json_null();
	const struct geo_area *area = geo_map_area(map, (size_t)index);
	return json_pack("{s:s,s:s,s:b}", "id", area->id, "name", area->name,
			 "covered", area->covered);
}

/* The postcode file's ward beside ours, and when they differ, why. */
static json_t *directory_ward_json(const struct geo_map *map,
				   const struct lookup_result *r)
{
	if (!r->source_ward || !*r->source_ward)
		return json_null();
	long listed = geo_map_find_ward(map, r->source_ward);
	return json_pack("{s:s,s:s?,s:b}", "code", r->source_ward, "name",
			 listed >= 0 ? geo_map_ward(map, (size_t)listed)->name : NULL,
			 "agrees", !r->ward_disagrees);
}

const char *lookup_ward_note(struct arena *a, const struct geo_map *map,
			     const struct lookup_result *r)
{
	if (!r->ward_disagrees)
		return NULL;
	long listed = geo_map_find_ward(map, r->source_ward);
	const char *listed_name = listed >= 0 ? geo_map_ward(map, (size_t)listed)->name
					      : r->source_ward;
	if (r->ward < 0)
		return arena_printf(a, "The postcode directory lists %s in %s, but its "
				       "centre point lies outside every ward held here.",
				    r->postcode, listed_name);
	const char *ward = geo_map_ward(map, (size_t)r->ward)->name;
	double metres = ceil(r->boundary_metres);
	return arena_printf(a, "The postcode directory lists %s in %s, but its centre "
			       "point lies in %s, within %.0f %s of the boundary. "
			       "Its addresses may lie on both sides; this answer "
			       "follows the boundary.",
			    r->postcode, listed_name, ward, metres,
			    metres == 1 ? "metre" : "metres");
}

json_t *lookup_json(struct arena *a, const struct geo_map *map,
		    const struct lookup_result *r)
{
	json_t *ward = json_null();
	if (r->ward >= 0) {
		const struct geo_ward *w = geo_map_ward(map, (size_t)r->ward);
		ward = json_pack("{s:s,s:s}", "code", w->code, "name", w->name);
	}
	json_t *nearest = json_null();
	if (r->nearest_covered >= 0)
		nearest = json_pack("{s:o,s:I,s:b,s:o}", "area",
				    area_json(map, r->nearest_covered), "distance_m",
				    (json_int_t)llround(r->nearest_metres), "near",
				    r->near, "coordinator",
				    coordinator_json(r->nearest_coordinator));
	/* Six decimals is about 10 cm: all the precision the data has. */
	return json_pack("{s:s?,s:{s:f,s:f},s:o,s:o,s:s?,s:b,s:o,s:o,s:o}",
			 "postcode", r->by_postcode ? r->postcode : NULL,
			 "location", "lat", round(r->lat * 1e6) / 1e6, "lon",
			 round(r->lon * 1e6) / 1e6, "ward", ward, "directory_ward",
			 directory_ward_json(map, r), "ward_note",
			 lookup_ward_note(a, map, r), "covered", r->covered,
			 "area", area_json(map, r->area), "coordinator",
			 coordinator_json(r->coordinator), "nearest_covered",
			 nearest);
}
