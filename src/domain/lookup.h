#ifndef ALONGSIDE_DOMAIN_LOOKUP_H
#define ALONGSIDE_DOMAIN_LOOKUP_H

#include <jansson.h>
#include <stdbool.h>

#include "geo/postcode.h"

struct arena;
struct db;
struct err;
struct geo_map;

/*
 * "Which ward, and who covers it?" for a postcode or a point.  The ward is
 * always found through the polygons (geo/map.h); for a postcode the ward
 * code its source file carried is kept beside it, so a disagreement can be
 * shown rather than hidden.
 */

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
};

/* Looks up what a person typed; *status says which answer it is. */
int lookup_postcode(struct db *db, const struct geo_map *map, struct arena *a,
		    const char *input, struct lookup_result *out,
		    enum lookup_status *status, struct err *e);

/* Parses "LAT,LON" or separate strings; NULL lon means "LAT,LON" in lat. */
int lookup_point(const struct geo_map *map, const char *lat, const char *lon,
		 struct lookup_result *out, enum lookup_status *status);

/* The API's representation of a found result. */
json_t *lookup_json(const struct geo_map *map, const struct lookup_result *r);

#endif
