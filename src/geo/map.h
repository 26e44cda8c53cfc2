#ifndef ALONGSIDE_GEO_MAP_H
#define ALONGSIDE_GEO_MAP_H

#include <stddef.h>

struct db;
struct err;

/*
 * The wards, in memory, built for point lookups: each ward's polygon is a
 * GEOS prepared geometry, found through an STRtree of their envelopes, and
 * kept a second time in British National Grid metres for distances.  The
 * areas the wards form, and which are covered, come with them.
 *
 * A map is built once (geo_map_load) and then only read, by any number of
 * threads at once: every lazily-built GEOS index is forced into existence
 * at load time, and each thread queries with its own GEOS context.
 */

struct geo_ward {
	char *code;
	char *name;
	long area;    /* index of the area it belongs to, or -1 */
};

struct geo_area {
	char *id;
	char *name;
	int covered;
	int demo;
	char *geojson;          /* the wards' union: a GeoJSON geometry */
	size_t *neighbours;     /* areas sharing a boundary with this one */
	size_t neighbour_count;
};

struct geo_map;

int geo_map_load(struct db *db, struct geo_map **out, struct err *e);
void geo_map_free(struct geo_map *map);

size_t geo_map_ward_count(const struct geo_map *map);
const struct geo_ward *geo_map_ward(const struct geo_map *map, size_t index);

/* The index of the ward holding the point (on its boundary counts), or -1
 * when no ward does. */
long geo_map_ward_at(const struct geo_map *map, double lat, double lon);

/* The ward with this code, or -1. */
long geo_map_find_ward(const struct geo_map *map, const char *code);

size_t geo_map_area_count(const struct geo_map *map);
/* The area with this id, or -1. */
long geo_map_find_area(const struct geo_map *map, const char *id);
/* True when any area is invented demo data, which pages must say. */
int geo_map_has_demo(const struct geo_map *map);
const struct geo_area *geo_map_area(const struct geo_map *map, size_t index);

/* The covered area nearest the point and its distance in metres (British
 * National Grid) from the point to the nearest of its wards; *area is -1
 * when no area is covered. */
int geo_map_nearest_covered(const struct geo_map *map, double lat, double lon,
			    long *area, double *metres, struct err *e);

/* Metres from the point to the boundary of ward `index`, on the British
 * National Grid; -1 with e set when the point cannot be projected. */
int geo_map_distance_to_boundary(const struct geo_map *map, size_t index,
				 double lat, double lon, double *metres,
				 struct err *e);

#endif
