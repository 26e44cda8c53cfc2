#include "geo/map.h"

#include "core/arena.h"
#include "core/err.h"
#include "db/db.h"
#include "geo/geos.h"
#include "geo/projection.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

struct ward_shape {
	struct geo_ward ward;
	GEOSGeometry *geometry;               /* WGS84: x longitude, y latitude */
	const GEOSPreparedGeometry *prepared;
	GEOSGeometry *grid;                   /* British National Grid metres */
	GEOSGeometry *grid_boundary;
};

struct geo_map {
	struct geos_context geos;
	struct ward_shape *wards;
	size_t count;
	struct geo_area *areas;
	size_t area_count;
	GEOSSTRtree *tree;
};

/* Each querying thread has its own GEOS context: contexts hold error state
 * and are not to be shared. */
static pthread_key_t geos_key;
static pthread_once_t geos_key_once = PTHREAD_ONCE_INIT;

static void free_thread_geos(void *p)
{
	geos_context_free(p);
	free(p);
}

static void make_geos_key(void)
{
	pthread_key_create(&geos_key, free_thread_geos);
}

static GEOSContextHandle_t thread_geos(void)
{
	pthread_once(&geos_key_once, make_geos_key);
	struct geos_context *g = pthread_getspecific(geos_key);
	if (!g) {
		g = malloc(sizeof *g);
		if (!g)
			abort();
		geos_context_init(g);
		pthread_setspecific(geos_key, g);
	}
	return g->handle;
}

static int to_grid(double *x, double *y, void *data)
{
	struct projection *p = data;
	struct err ignored;
	double east, north;
	if (projection_to_grid(p, *y, *x, &east, &north, &ignored) < 0)
		return 0;
	*x = east;
	*y = north;
	return 1;
}

static int add_ward(struct geo_map *map, struct projection *proj,
		    GEOSGeoJSONReader *reader, const char *code,
		    const char *name, const char *geojson, struct err *e)
{
	GEOSContextHandle_t h = map->geos.handle;
	struct ward_shape *w = &map->wards[map->count];
	w->geometry = GEOSGeoJSONReader_readGeometry_r(h, reader, geojson);
	if (!w->geometry)
		return err_set(e, "ward %s: unreadable geometry: %s", code,
			       map->geos.last_error);
	w->ward.code = strdup(code);
	w->ward.name = strdup(name);
	w->ward.area = -1;
	if (!w->ward.code || !w->ward.name)
		abort();
	map->count++;
	w->prepared = GEOSPrepare_r(h, w->geometry);
	w->grid = GEOSGeom_transformXY_r(h, w->geometry, to_grid, proj);
	if (w->grid)
		w->grid_boundary = GEOSBoundary_r(h, w->grid);
	if (!w->prepared || !w->grid_boundary)
		return err_set(e, "ward %s: cannot index: %s", code,
			       map->geos.last_error);
	GEOSSTRtree_insert_r(h, map->tree, w->geometry, w);
	return 0;
}

/* Each area's outline (the union of its wards, for maps) and its
 * neighbours (areas whose outlines touch), worked out once at load. */
static int shape_areas(struct geo_map *map, struct err *e)
{
	GEOSContextHandle_t h = map->geos.handle;
	GEOSGeometry **outlines = calloc(map->area_count + 1, sizeof *outlines);
	GEOSGeometry **parts = calloc(map->count + 1, sizeof *parts);
	GEOSGeoJSONWriter *writer = GEOSGeoJSONWriter_create_r(h);
	if (!outlines || !parts || !writer)
		abort();
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < map->area_count; i++) {
		unsigned n = 0;
		for (size_t w = 0; w < map->count; w++)
			if (map->wards[w].ward.area == (long)i)
				parts[n++] = GEOSGeom_clone_r(h, map->wards[w].geometry);
		GEOSGeometry *all = GEOSGeom_createCollection_r(
			h, GEOS_GEOMETRYCOLLECTION, parts, n);
		/* Snapping to a 10 cm grid first closes the slivers between
		 * neighbouring wards that would otherwise survive the union. */
		GEOSGeometry *snapped = all ? GEOSGeom_setPrecision_r(h, all, 1e-6, 0) : NULL;
		outlines[i] = snapped ? GEOSUnaryUnion_r(h, snapped) : NULL;
		GEOSGeom_destroy_r(h, all);
		GEOSGeom_destroy_r(h, snapped);
		char *text = outlines[i] ? GEOSGeoJSONWriter_writeGeometry_r(
						   h, writer, outlines[i], -1)
					 : NULL;
		if (!text) {
			rc = err_set(e, "area %s: cannot outline its wards: %s",
				     map->areas[i].name, map->geos.last_error);
			break;
		}
		map->areas[i].geojson = strdup(text);
		GEOSFree_r(h, text);
		if (!map->areas[i].geojson)
			abort();
	}
	for (size_t i = 0; rc == 0 && i < map->area_count; i++) {
		map->areas[i].neighbours =
			calloc(map->area_count + 1, sizeof *map->areas[i].neighbours);
		if (!map->areas[i].neighbours)
			abort();
		for (size_t j = 0; j < map->area_count; j++) {
			double d;
			if (j != i && GEOSDistance_r(h, outlines[i], outlines[j], &d) == 1 &&
			    d < 1e-5)
				map->areas[i].neighbours[map->areas[i].neighbour_count++] = j;
		}
	}
	for (size_t i = 0; i < map->area_count; i++)
		GEOSGeom_destroy_r(h, outlines[i]);
	GEOSGeoJSONWriter_destroy_r(h, writer);
	free(outlines);
	free(parts);
	return rc;
}

static int load_areas(struct geo_map *map, struct db *db, struct arena *a,
		      struct err *e)
{
	struct db_conn *c;
	if (db_acquire(db, &c, e) < 0)
		return -1;
	struct db_rows areas, members;
	int rc = db_query_plain(c, a,
				"SELECT id, name, covered, demo FROM areas"
				" WHERE retired_at IS NULL ORDER BY name",
				&areas, e);
	if (rc == 0)
		rc = db_query_plain(c, a, "SELECT ward_code, area_id FROM area_wards",
				    &members, e);
	db_release(c);
	if (rc < 0)
		return -1;
	map->areas = calloc(areas.row_count + 1, sizeof *map->areas);
	if (!map->areas)
		abort();
	for (size_t i = 0; i < areas.row_count; i++) {
		struct geo_area *it = &map->areas[map->area_count++];
		it->id = strdup(db_cell(&areas, i, 0));
		it->name = strdup(db_cell(&areas, i, 1));
		if (!it->id || !it->name)
			abort();
		it->covered = strcmp(db_cell(&areas, i, 2), "1") == 0;
		it->demo = strcmp(db_cell(&areas, i, 3), "1") == 0;
	}
	for (size_t m = 0; m < members.row_count; m++) {
		long w = geo_map_find_ward(map, db_cell(&members, m, 0));
		for (size_t i = 0; w >= 0 && i < map->area_count; i++)
			if (strcmp(map->areas[i].id, db_cell(&members, m, 1)) == 0)
				map->wards[w].ward.area = (long)i;
	}
	return shape_areas(map, e);
}

/* Prepared geometries build their indexes on first use; doing that here,
 * in one thread, leaves nothing for concurrent readers to build. */
static void warm_up(struct geo_map *map)
{
	GEOSContextHandle_t h = map->geos.handle;
	for (size_t i = 0; i < map->count; i++) {
		double x, y;
		GEOSGeometry *centre = GEOSGetCentroid_r(h, map->wards[i].geometry);
		if (centre && GEOSGeomGetX_r(h, centre, &x) == 1 &&
		    GEOSGeomGetY_r(h, centre, &y) == 1)
			geo_map_ward_at(map, y, x);
		GEOSGeom_destroy_r(h, centre);
	}
}

int geo_map_load(struct db *db, struct geo_map **out, struct err *e)
{
	struct geo_map *map = calloc(1, sizeof *map);
	if (!map)
		abort();
	geos_context_init(&map->geos);
	map->tree = GEOSSTRtree_create_r(map->geos.handle, 10);
	struct arena *a = arena_new();
	struct db_conn *c = NULL;
	struct db_rows rows = {0};
	struct projection *proj = NULL;
	int rc = db_acquire(db, &c, e);
	if (rc == 0) {
		rc = db_query_plain(c, a,
				    "SELECT code, name, geometry FROM wards ORDER BY code",
				    &rows, e);
		db_release(c);
	}
	if (rc == 0)
		rc = projection_new(&proj, e);
	if (rc == 0) {
		map->wards = calloc(rows.row_count ? rows.row_count : 1,
				    sizeof *map->wards);
		if (!map->wards)
			abort();
		GEOSGeoJSONReader *reader =
			GEOSGeoJSONReader_create_r(map->geos.handle);
		for (size_t i = 0; rc == 0 && i < rows.row_count; i++)
			rc = add_ward(map, proj, reader, db_cell(&rows, i, 0),
				      db_cell(&rows, i, 1), db_cell(&rows, i, 2), e);
		GEOSGeoJSONReader_destroy_r(map->geos.handle, reader);
	}
	if (rc == 0)
		rc = load_areas(map, db, a, e);
	projection_free(proj);
	arena_free(a);
	if (rc < 0) {
		geo_map_free(map);
		return -1;
	}
	warm_up(map);
	*out = map;
	return 0;
}

void geo_map_free(struct geo_map *map)
{
	if (!map)
		return;
	GEOSContextHandle_t h = map->geos.handle;
	GEOSSTRtree_destroy_r(h, map->tree);
	for (size_t i = 0; i < map->count; i++) {
		struct ward_shape *w = &map->wards[i];
		GEOSPreparedGeom_destroy_r(h, w->prepared);
		GEOSGeom_destroy_r(h, w->geometry);
		GEOSGeom_destroy_r(h, w->grid);
		GEOSGeom_destroy_r(h, w->grid_boundary);
		free(w->ward.code);
		free(w->ward.name);
	}
	free(map->wards);
	for (size_t i = 0; i < map->area_count; i++) {
		free(map->areas[i].id);
		free(map->areas[i].name);
		free(map->areas[i].geojson);
		free(map->areas[i].neighbours);
	}
	free(map->areas);
	geos_context_free(&map->geos);
	free(map);
}

size_t geo_map_ward_count(const struct geo_map *map)
{
	return map->count;
}

const struct geo_ward *geo_map_ward(const struct geo_map *map, size_t index)
{
	return &map->wards[index].ward;
}

struct point_query {
	GEOSContextHandle_t handle;
	const GEOSGeometry *point;
	const struct ward_shape *found;
};

static void check_candidate(void *item, void *data)
{
	struct point_query *q = data;
	const struct ward_shape *w = item;
	/* A point on a boundary two wards share lies in both; taking the
	 * lower code keeps the answer the same whatever order the tree
	 * visits them in. */
	if (GEOSPreparedIntersects_r(q->handle, w->prepared, q->point) == 1 &&
	    (!q->found || strcmp(w->ward.code, q->found->ward.code) < 0))
		q->found = w;
}

long geo_map_ward_at(const struct geo_map *map, double lat, double lon)
{
	GEOSContextHandle_t h = thread_geos();
	GEOSGeometry *point = GEOSGeom_createPointFromXY_r(h, lon, lat);
	if (!point)
		return -1;
	struct point_query q = {h, point, NULL};
	GEOSSTRtree_query_r(h, map->tree, point, check_candidate, &q);
	GEOSGeom_destroy_r(h, point);
	return q.found ? q.found - map->wards : -1;
}

long geo_map_find_ward(const struct geo_map *map, const char *code)
{
	for (size_t i = 0; i < map->count; i++)
		if (strcmp(map->wards[i].ward.code, code) == 0)
			return (long)i;
	return -1;
}

size_t geo_map_area_count(const struct geo_map *map)
{
	return map->area_count;
}

const struct geo_area *geo_map_area(const struct geo_map *map, size_t index)
{
	return &map->areas[index];
}

long geo_map_find_area(const struct geo_map *map, const char *id)
{
	for (size_t i = 0; i < map->area_count; i++)
		if (strcmp(map->areas[i].id, id) == 0)
			return (long)i;
	return -1;
}

int geo_map_has_demo(const struct geo_map *map)
{
	for (size_t i = 0; i < map->area_count; i++)
		if (map->areas[i].demo)
			return 1;
	return 0;
}

static GEOSGeometry *grid_point(GEOSContextHandle_t h, double lat, double lon,
				struct err *e)
{
	struct projection *p = projection_for_thread(e);
	double east, north;
	if (!p || projection_to_grid(p, lat, lon, &east, &north, e) < 0)
		return NULL;
	GEOSGeometry *point = GEOSGeom_createPointFromXY_r(h, east, north);
	if (!point)
		err_set(e, "cannot make a point");
	return point;
}

int geo_map_nearest_covered(const struct geo_map *map, double lat, double lon,
			    long *area, double *metres, struct err *e)
{
	GEOSContextHandle_t h = thread_geos();
	GEOSGeometry *point = grid_point(h, lat, lon, e);
	if (!point)
		return -1;
	*area = -1;
	*metres = 0;
	/* Covered areas are few (one coordinator each), so measuring to every
	 * covered ward is cheaper than any index would be. */
	for (size_t i = 0; i < map->count; i++) {
		const struct ward_shape *w = &map->wards[i];
		double d;
		if (w->ward.area < 0 || !map->areas[w->ward.area].covered ||
		    GEOSDistance_r(h, w->grid, point, &d) != 1)
			continue;
		if (*area < 0 || d < *metres) {
			*area = w->ward.area;
			*metres = d;
		}
	}
	GEOSGeom_destroy_r(h, point);
	return 0;
}

int geo_map_distance_to_boundary(const struct geo_map *map, size_t index,
				 double lat, double lon, double *metres,
				 struct err *e)
{
	GEOSContextHandle_t h = thread_geos();
	GEOSGeometry *point = grid_point(h, lat, lon, e);
	if (!point)
		return -1;
	int ok = GEOSDistance_r(h, map->wards[index].grid_boundary,
					 point, metres) == 1;
	GEOSGeom_destroy_r(h, point);
	return ok ? 0 : err_set(e, "cannot measure the distance");
}
