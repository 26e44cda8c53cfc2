#ifndef ALONGSIDE_GEO_PROJECTION_H
#define ALONGSIDE_GEO_PROJECTION_H

struct err;

/*
 * WGS84 latitude/longitude <-> British National Grid (EPSG:27700) through
 * PROJ.  Distances in metres are measured on the grid.  A projection is
 * not thread-safe: each thread uses its own (projection_for_thread).
 */

struct projection;

int projection_new(struct projection **out, struct err *e);
void projection_free(struct projection *p);

/* The calling thread's own projection, made on first use and kept for the
 * thread's life; NULL (with e set) only when PROJ cannot make one. */
struct projection *projection_for_thread(struct err *e);

int projection_to_grid(struct projection *p, double lat, double lon,
		       double *easting, double *northing, struct err *e);
/* Metres between two WGS84 points, measured on the grid (within a few
 * parts in ten thousand of the true distance anywhere in Great Britain). */
int projection_distance(struct projection *p, double lat1, double lon1,
			double lat2, double lon2, double *metres, struct err *e);

int projection_from_grid(struct projection *p, double easting,
			 double northing, double *lat, double *lon,
			 struct err *e);

#endif
