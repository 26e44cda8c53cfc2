#ifndef ALONGSIDE_SERVER_ROUTER_H
#define ALONGSIDE_SERVER_ROUTER_H

#include "http/route.h"

#include <stdbool.h>
#include <stddef.h>

struct arena;
struct err;
struct http_param;
struct http_request;
struct http_response;

/*
 * Matching a request to the route table (declared in http/route.h).
 *
 * The route table maps a method and a path pattern to a handler and the role
 * a caller must hold.  Patterns are literal segments, "{name}" segments that
 * capture one non-empty segment, and an optional final "*" that captures the
 * rest of the path (for static files).  Literal segments win over captures
 * when both could match, whatever the table order.
 *
 * Deny by default: a path no route matches is 404, a path matched under other
 * methods is 405 with the methods it allows, and a route whose role is left
 * unset makes the table invalid, so the server refuses to start.
 */

enum route_match { ROUTE_FOUND, ROUTE_NOT_FOUND, ROUTE_WRONG_METHOD };

struct route_result {
	const struct route *route;
	struct http_param *params;  /* captured segments, in the arena */
	size_t param_count;
	char allow[128];            /* for ROUTE_WRONG_METHOD: "GET, HEAD" */
	unsigned path_flags;        /* flags of every route matching the path */
};

/* Checks a table once at start-up: every route has a method, a well-formed
 * pattern, a handler and a role, and no two routes share method + pattern. */
int router_validate(const struct route *table, size_t count, struct err *e);

/* Finds the route for method + decoded path.  HEAD matches GET routes. */
enum route_match router_match(const struct route *table, size_t count,
			      const char *method, const char *path,
			      struct arena *a, struct route_result *out);

#endif
