#include "domain/areas/lookup.h"

#include "core/arena.h"
#include "core/err.h"
#include "db/db.h"
#include "geo/map.h"
#include "geo/postcodes.h"
#include "geo/projection.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define COORDINATE_INPUT_MAX 64

/* The coordinator of map area `index`, or NULL in *out when it has none
 * (or the area is gone since the map was built). */
static int fetch_coordinator(const struct lookup_context *ctx, struct arena *a,
			     long index, struct coordinator **out, struct err *e)
{
	struct area area;
	int rc = area_get(ctx->db, a, geo_map_area(ctx->map, (size_t)index)->id, &area, e);
	*out = rc == RESULT_OK ? area.coordinator : NULL;
	return rc == RESULT_NOT_FOUND ? RESULT_OK : rc;
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
			return RESULT_FAILED;
	}
	if (out->covered)
		return fetch_coordinator(ctx, a, out->area, &out->coordinator, e);
	if (geo_map_nearest_covered(map, out->lat, out->lon, &out->nearest_covered,
				    &out->nearest_metres, e) < 0)
		return RESULT_FAILED;
	out->near = out->nearest_covered >= 0 &&
		    out->nearest_metres <= ctx->near_metres;
	return out->near ? fetch_coordinator(ctx, a, out->nearest_covered,
					     &out->nearest_coordinator, e)
			 : RESULT_OK;
}

/* Where a normalised postcode is, and the ward its source file gives
 * (NULL when none), from the postcodes in memory or else the database;
 * RESULT_NOT_FOUND, with e untouched, when it is not held. */
static int locate(const struct lookup_context *ctx, struct arena *a,
		  const char *postcode, double *lat, double *lon,
		  const char **ward, struct err *e)
{
	if (ctx->postcodes) {
		const struct postcode_entry *p = postcode_index_find(ctx->postcodes, postcode);
		if (!p)
			return RESULT_NOT_FOUND;
		*lat = p->lat;
		*lon = p->lon;
		*ward = p->ward[0] ? p->ward : NULL;
		return RESULT_OK;
	}
	struct db_param p[] = {DB_TEXT(postcode)};
	struct db_rows rows;
	int rc = db_run(ctx->db, a,
			"SELECT latitude, longitude, ward_code FROM postcodes"
			" WHERE postcode = $1",
			p, &rows, e);
	if (rc != RESULT_OK)
		return RESULT_FAILED;
	if (rows.row_count == 0)
		return RESULT_NOT_FOUND;
	*lat = strtod(db_cell(&rows, 0, 0), NULL);
	*lon = strtod(db_cell(&rows, 0, 1), NULL);
	*ward = db_cell(&rows, 0, 2);
	return RESULT_OK;
}

int lookup_postcode(const struct lookup_context *ctx, struct arena *a,
		    const char *input, struct lookup_result *out, struct err *e)
{
	err_clear(e);
	memset(out, 0, sizeof *out);
	out->ward = -1;
	out->by_postcode = true;
	if (!postcode_normalise(input, out->postcode))
		return err_field(e, "postcode", input[strspn(input, " \t")]
							? "Enter a real postcode, like YO1 7HH"
							: "Enter a postcode");
	int rc = locate(ctx, a, out->postcode, &out->lat, &out->lon, &out->source_ward, e);
	if (rc == RESULT_NOT_FOUND)
		return err_not_found(e, "postcode", "We do not hold the postcode %s.",
				     out->postcode);
	return rc == RESULT_OK ? place(ctx, a, out, e) : rc;
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
		 struct err *e)
{
	err_clear(e);
	memset(out, 0, sizeof *out);
	out->ward = -1;
	char lat_buf[COORDINATE_INPUT_MAX + 1];
	if (!lon) {
		const char *comma = strchr(lat, ',');
		size_t n = comma ? (size_t)(comma - lat) : 0;
		if (!comma || n > COORDINATE_INPUT_MAX)
			return err_field(e, NULL, "A point is written LAT,LON in degrees.");
		memcpy(lat_buf, lat, n);
		lat_buf[n] = '\0';
		lon = comma + 1;
		lat = lat_buf;
	}
	if (!parse_coordinate(lat, 90, &out->lat))
		err_field(e, "lat", "lat must be a number from -90 to 90.");
	if (!parse_coordinate(lon, 180, &out->lon))
		err_field(e, "lon", "lon must be a number from -180 to 180.");
	int rc = err_invalid_if_any(e);
	return rc == RESULT_OK ? place(ctx, a, out, e) : rc;
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

int lookup_dropin_place(const struct lookup_context *ctx, struct arena *a,
			const struct dropin *d, struct lookup_place *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	if (!dropin_address_postcode(d->address, out->postcode))
		return RESULT_OK;
	const char *ward;
	int rc = locate(ctx, a, out->postcode, &out->lat, &out->lon, &ward, e);
	out->placed = rc == RESULT_OK;
	return rc == RESULT_NOT_FOUND ? RESULT_OK : rc;
}

/* Metres from the person to drop-in d, placed by lookup_dropin_place; -1
 * when it cannot be placed. */
static int dropin_distance(const struct lookup_context *ctx, struct arena *a,
			   const struct lookup_result *r, const struct dropin *d,
			   double *metres, struct err *e)
{
	*metres = -1;
	struct lookup_place at;
	if (lookup_dropin_place(ctx, a, d, &at, e) != RESULT_OK)
		return RESULT_FAILED;
	if (!at.placed)
		return RESULT_OK;
	struct projection *proj = projection_for_thread(e);
	if (!proj || projection_distance(proj, r->lat, r->lon, at.lat, at.lon, metres, e) < 0)
		return RESULT_FAILED;
	return RESULT_OK;
}

int lookup_nearest_dropin(const struct lookup_context *ctx, struct arena *a,
			  const struct lookup_result *r, struct date today,
			  struct lookup_dropin *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	out->metres = -1;
	long area = r->covered ? r->area : r->near ? r->nearest_covered : -1;
	if (area < 0)
		return RESULT_OK;
	const char *area_id = geo_map_area(ctx->map, (size_t)area)->id;
	struct dropin *all;
	size_t all_count;
	if (dropin_list(ctx->db, a, area_id, &all, &all_count, e) != RESULT_OK)
		return RESULT_FAILED;
	/* Only those going on: an ended one is gone after its last date. */
	out->list = arena_alloc(a, (all_count + 1) * sizeof *out->list);
	for (size_t i = 0; i < all_count; i++)
		if (dropin_goes_on(&all[i], today))
			out->list[out->count++] = all[i];
	if (out->count == 0)
		return RESULT_OK;
	double *metres = arena_alloc(a, out->count * sizeof *metres);
	struct date *next = arena_alloc(a, out->count * sizeof *next);
	for (size_t i = 0; i < out->count; i++) {
		struct dropin_upcoming up;
		dropin_upcoming(&out->list[i], today, &up);
		next[i] = up.next;
		if (dropin_distance(ctx, a, r, &out->list[i], &metres[i], e) != RESULT_OK)
			return RESULT_FAILED;
	}
	out->area_id = area_id;
	out->chosen = dropin_choose(metres, next, out->count);
	out->next = next[out->chosen];
	out->metres = metres[out->chosen];
	return RESULT_OK;
}

/* The decision itself, from where the place is and the rule. */
static enum lookup_answerer decide(bool covered, bool near, bool has_nearest,
				   enum council_outside_cover rule)
{
	if (covered)
		return LOOKUP_AREA_COORDINATOR;
	if (!has_nearest)
		return LOOKUP_NOBODY;
	if (near)
		return LOOKUP_NEAREST_COORDINATOR;
	switch (rule) {
	case COUNCIL_OUTSIDE_TEAM:
		return LOOKUP_CENTRAL_TEAM;
	case COUNCIL_OUTSIDE_NONE:
		return LOOKUP_NOBODY;
	case COUNCIL_OUTSIDE_NEAREST:
		break;
	}
	return LOOKUP_NEAREST_COORDINATOR;
}

unsigned lookup_offers(enum lookup_answerer who, bool covered_or_near)
{
	switch (who) {
	case LOOKUP_AREA_COORDINATOR:
		return 0;
	case LOOKUP_NEAREST_COORDINATOR:
		return covered_or_near ? 0 : LOOKUP_OFFER_ADULT_SOCIAL_CARE;
	case LOOKUP_CENTRAL_TEAM:
		return LOOKUP_OFFER_TEAM | LOOKUP_OFFER_ADULT_SOCIAL_CARE;
	case LOOKUP_NOBODY:
		break;
	}
	return LOOKUP_OFFER_COUNCIL | LOOKUP_OFFER_ADULT_SOCIAL_CARE;
}

int lookup_answer(const struct lookup_context *ctx, struct arena *a,
		  const struct lookup_result *r, enum council_outside_cover rule,
		  struct lookup_answer *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	out->who = decide(r->covered, r->near, r->nearest_covered >= 0, rule);
	out->area = r->covered ? r->area : r->nearest_covered;
	out->takes_introductions = out->who != LOOKUP_NOBODY;
	out->offers = lookup_offers(out->who, r->covered || r->near);
	if (out->who == LOOKUP_AREA_COORDINATOR)
		out->coordinator = r->coordinator;
	if (out->who != LOOKUP_NEAREST_COORDINATOR)
		return RESULT_OK;
	if (r->near) {
		out->coordinator = r->nearest_coordinator;
		return RESULT_OK;
	}
	struct coordinator *co;
	int rc = fetch_coordinator(ctx, a, r->nearest_covered, &co, e);
	out->coordinator = co;
	return rc;
}

enum lookup_answerer lookup_answerer_of_placement(const char *placement,
						  enum council_outside_cover rule)
{
	bool covered = strcmp(placement, "covered") == 0;
	bool near = strcmp(placement, "near") == 0;
	enum lookup_answerer who = decide(covered, near, true, rule);
	return who == LOOKUP_NOBODY ? LOOKUP_NEAREST_COORDINATOR : who;
}

const char *lookup_answerer_name(enum lookup_answerer who)
{
	static const char *const names[] = {"area_coordinator", "nearest_coordinator",
					    "central_team", "nobody"};
	return names[who];
}
