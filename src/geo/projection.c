#include "geo/projection.h"

#include "core/err.h"

#include <math.h>
#include <proj.h>
#include <pthread.h>
#include <stdlib.h>

struct projection {
	PJ_CONTEXT *ctx;
	PJ *wgs84_to_grid;
};

int projection_new(struct projection **out, struct err *e)
{
	struct projection *p = calloc(1, sizeof *p);
	if (!p)
		abort();
	p->ctx = proj_context_create();
	/* Never reach for the network: grids not installed locally fall back
	 * to the published Helmert transformation (a few metres). */
	proj_context_set_enable_network(p->ctx, 0);
	PJ *raw = proj_create_crs_to_crs(p->ctx, "EPSG:4326", "EPSG:27700", NULL);
	if (raw) {
		/* Longitude-first, whatever the CRS's own axis order. */
		p->wgs84_to_grid = proj_normalize_for_visualization(p->ctx, raw);
		proj_destroy(raw);
	}
	if (!p->wgs84_to_grid) {
		err_set(e, "PROJ cannot transform WGS84 to British National "
			   "Grid: %s",
			proj_context_errno_string(p->ctx,
						  proj_context_errno(p->ctx)));
		projection_free(p);
		return -1;
	}
	*out = p;
	return 0;
}

void projection_free(struct projection *p)
{
	if (!p)
		return;
	proj_destroy(p->wgs84_to_grid);
	proj_context_destroy(p->ctx);
	free(p);
}

static pthread_key_t thread_key;
static pthread_once_t thread_key_once = PTHREAD_ONCE_INIT;

static void free_for_thread(void *p)
{
	projection_free(p);
}

static void make_key(void)
{
	pthread_key_create(&thread_key, free_for_thread);
}

struct projection *projection_for_thread(struct err *e)
{
	pthread_once(&thread_key_once, make_key);
	struct projection *p = pthread_getspecific(thread_key);
	if (!p) {
		if (projection_new(&p, e) < 0)
			return NULL;
		pthread_setspecific(thread_key, p);
	}
	return p;
}

static int transform(struct projection *p, PJ_DIRECTION dir, double x,
		     double y, double *out_x, double *out_y, struct err *e)
{
	PJ_COORD c = proj_coord(x, y, 0, 0);
	PJ_COORD r = proj_trans(p->wgs84_to_grid, dir, c);
	if (!isfinite(r.xy.x) || !isfinite(r.xy.y))
		return err_set(e, "coordinates outside the transformation's range");
	*out_x = r.xy.x;
	*out_y = r.xy.y;
	return 0;
}

int projection_to_grid(struct projection *p, double lat, double lon,
		       double *easting, double *northing, struct err *e)
{
	return transform(p, PJ_FWD, lon, lat, easting, northing, e);
}

int projection_from_grid(struct projection *p, double easting,
			 double northing, double *lat, double *lon,
			 struct err *e)
{
	return transform(p, PJ_INV, easting, northing, lon, lat, e);
}

int projection_distance(struct projection *p, double lat1, double lon1,
			double lat2, double lon2, double *metres, struct err *e)
{
	double x1, y1, x2, y2;
	if (projection_to_grid(p, lat1, lon1, &x1, &y1, e) < 0 ||
	    projection_to_grid(p, lat2, lon2, &x2, &y2, e) < 0)
		return -1;
	*metres = hypot(x2 - x1, y2 - y1);
	return 0;
}
