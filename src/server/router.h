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
 * unset makes the table invalid, so the server refuses to start.  Likewise
 * for input: what a route's parameters and body (http/route.h) do not
 * declare never reaches its handler.
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
 * pattern, a handler and a role, and no two routes share method + pattern;
 * each parameter has a name and a validator and is declared once, every
 * capture in the pattern ("{id}", and "*") has a path parameter and every
 * path parameter a capture, so the table and its patterns cannot drift. */
int router_validate(const struct route *table, size_t count, struct err *e);

/* Finds the route for method + decoded path.  HEAD matches GET routes. */
enum route_match router_match(const struct route *table, size_t count,
			      const char *method, const char *path,
			      struct arena *a, struct route_result *out);

enum route_input { ROUTE_INPUT_OK = 0, ROUTE_INPUT_ANSWERED = 1 };

/* Checks the request's input against what route declares, once the caller
 * may use the route (http/auth.h) and before its handler runs:
 *
 *  - a path parameter its validator refuses: 404 (the address names
 *    nothing), as "AREA_not_found" when the parameter names an area;
 *  - a JSON body, when the route declares one or one is sent: 415 or 400
 *    as http/json_input.h says;
 *  - then every problem at once, as RESULT_INVALID with a field error
 *    each (422, http_send_result): a query or form value, or JSON key, its
 *    declaration refuses; one required but absent or empty; one given
 *    twice that may not repeat; a form field or JSON key not declared; a
 *    query parameter not declared, except on GET and HEAD, whose links
 *    carry utm_source, fbclid and the like, which are ignored.
 *
 * An empty value counts as absent, as an empty form field means.  The
 * form's csrf_token (http/auth.h) is always accepted.  Returns
 * ROUTE_INPUT_OK, with the checked body in req->json when the route
 * declares one (the server releases it); ROUTE_INPUT_ANSWERED once res
 * holds the refusal; or -1 with req->err set. */
int router_check_input(struct http_request *req, struct http_response *res,
		       const struct route *route);

#endif
