#ifndef ALONGSIDE_GEO_GEOS_H
#define ALONGSIDE_GEO_GEOS_H

#include <geos_c.h>

/*
 * A GEOS context whose errors land in a buffer the caller can read, instead
 * of on stderr.  One context per thread; geos_context_free releases it.
 */

struct geos_context {
	GEOSContextHandle_t handle;
	char last_error[256];
};

void geos_context_init(struct geos_context *g);
void geos_context_free(struct geos_context *g);

#endif
