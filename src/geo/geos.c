#include "geo/geos.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

static void on_error(const char *message, void *data)
{
	struct geos_context *g = data;
	snprintf(g->last_error, sizeof g->last_error, "%s", message);
}

void geos_context_init(struct geos_context *g)
{
	g->last_error[0] = '\0';
	g->handle = GEOS_init_r();
	if (!g->handle)
		abort();
	GEOSContext_setErrorMessageHandler_r(g->handle, on_error, g);
}

void geos_context_free(struct geos_context *g)
{
	GEOS_finish_r(g->handle);
}
