#ifndef ALONGSIDE_DOMAIN_LOOKUP_H
#define ALONGSIDE_DOMAIN_LOOKUP_H

#include <jansson.h>
#include <stdbool.h>

#include "domain/areas/area.h"
#include "geo/postcode.h"

struct arena;
struct db;
struct err;
struct geo_map;
struct postcode_index;

/*
 * "Is this place covered, and who is its coordinator?" for a postcode or a
 * point.  The ward is always found through the polygons (geo/map.h); for a
 * postcode the ward code its source file carried is kept beside it, so a
 * disagreement can be shown rather than hidden.  A place that is not
 * covered gets the nearest covered area and how far away it is, and `near`
 * when that is within near_metres: the programme may still meet someone
 * who lives a street or two outside.
 */

struct lookup_context {
	struct db *db;
	const struct geo_map *map;
	double near_metres;
	/* Postcodes in memory; NULL to read them from the database. */
	const struct postcode_index *postcodes;
};

enum lookup_status {
	LOOKUP_FOUND,
	LOOKUP_INVALID_POSTCODE,
	LOOKUP_POSTCODE_NOT_FOUND,
	LOOKUP_INVALID_COORDINATES,
};

struct lookup_result {
	bool by_postcode;
	char postcode[POSTCODE_SIZE];
	double lat;
	double lon;
	long ward;                  /* index in the map, -1: outside every ward */
	const char *source_ward;    /* the postcode file's ward code, or NULL */
	/* The postcode file can put a postcode in another ward than the
	 * polygons do: its addresses straddle a boundary, or the file is of
	 * another year.  The answer follows the polygons and says so. */
	bool ward_disagrees;
	double boundary_metres;     /* from the point to its ward's boundary */
	long area;                  /* the ward's area, or -1 */
	bool covered;
	struct coordinator *coordinator;  /* of a covered area, if one is set */
	long nearest_covered;       /* when not covered: an area, or -1 */
	double nearest_metres;
	bool near;
	struct coordinator *nearest_coordinator;  /* only when near */
};

/* Looks up what a person typed; *status says which answer it is. */
int lookup_postcode(const struct lookup_context *ctx, struct arena *a,
		    const char *input, struct lookup_result *out,
		    enum lookup_status *status, struct err *e);

/* lat and lon as typed; lon NULL means lat holds "LAT,LON". */
int lookup_point(const struct lookup_context *ctx, struct arena *a,
		 const char *lat, const char *lon, struct lookup_result *out,
		 enum lookup_status *status, struct err *e);

/* When the postcode file and the polygons disagree on the ward, a
 * sentence saying so and why the answer follows the polygons; else NULL. */
const char *lookup_ward_note(struct arena *a, const struct geo_map *map,
			     const struct lookup_result *r);

/* The API's representation of a found result. */
json_t *lookup_json(struct arena *a, const struct geo_map *map,
		    const struct lookup_result *r);

#endif
