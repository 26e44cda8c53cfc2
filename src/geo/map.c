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
	GEOSGeometry *grid_boundary;          /* British National Grid metres */
};

struct geo_map {
	struct geos_context geos;
	struct ward_shape *wards;
	size_t count;
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
	if (!w->ward.code || !w->ward.name)
		abort();
	map->count++;
	w->prepared = GEOSPrepare_r(h, w->geometry);
	GEOSGeometry *grid = GEOSGeom_transformXY_r(h, w->geometry, to_grid, proj);
	if (grid) {
		w->grid_boundary = GEOSBoundary_r(h, grid);
		GEOSGeom_destroy_r(h, grid);
	}
	if (!w->prepared || !w->grid_boundary)
		return err_set(e, "ward %s: cannot index: %s", code,
			       map->geos.last_error);
	GEOSSTRtree_insert_r(h, map->tree, w->geometry, w);
	return 0;
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
		rc = db_query(c, a,
			      "SELECT code, name, geometry FROM wards ORDER BY code",
			      NULL, 0, &rows, e);
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
		GEOSGeom_destroy_r(h, w->grid_boundary);
		free(w->ward.code);
		free(w->ward.name);
	}
	free(map->wards);
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

int geo_map_distance_to_boundary(const struct geo_map *map, size_t index,
				 double lat, double lon, double *metres,
				 struct err *e)
{
	struct projection *p = projection_for_thread(e);
	double east, north;
	if (!p || projection_to_grid(p, lat, lon, &east, &north, e) < 0)
		return -1;
	GEOSContextHandle_t h = thread_geos();
	GEOSGeometry *point = GEOSGeom_createPointFromXY_r(h, east, north);
	int ok = point && GEOSDistance_r(h, map->wards[index].grid_boundary,
					 point, metres) == 1;
	GEOSGeom_destroy_r(h, point);
	return ok ? 0 : err_set(e, "cannot measure the distance");
}
