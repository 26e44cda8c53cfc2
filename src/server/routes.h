#ifndef ALONGSIDE_SERVER_ROUTES_H
#define ALONGSIDE_SERVER_ROUTES_H

#include "http/route.h"

#include <stddef.h>

/* The one route table: every URL the server answers is listed here with the
 * role it requires.  Anything not listed is 404. */
extern const struct route routes[];
extern const size_t route_count;

#endif
