#ifndef ALONGSIDE_HTTP_ROUTER_H
#define ALONGSIDE_HTTP_ROUTER_H

#include <stdbool.h>
#include <stddef.h>

struct arena;
struct err;
struct http_param;
struct http_request;
struct http_response;

/*
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

/* Who may reach a route (http/auth.h enforces it; domain/access.h then
 * decides record by record). */
enum http_role {
	ROLE_UNSET = 0,
	ROLE_PUBLIC,       /* anyone, signed in or not */
	ROLE_STAFF,        /* any signed-in member of staff */
	ROLE_TEAM_LEADER,  /* a team leader */
	ROLE_ADMIN,        /* an administrator, or an API token holding the
			    * route's scope */
};

enum route_flags {
	ROUTE_JSON = 1 << 0, /* errors answered as JSON, even outside /api/ */
	ROUTE_SAME_FOR_ALL = 1 << 1, /* answers everyone alike (assets, health),
				      * so a session cookie is not looked up */
};

typedef int (*http_handler)(struct http_request *req,
			    struct http_response *res);

struct route {
	const char *method;
	const char *pattern;
	http_handler handler;
	enum http_role role;
	unsigned flags;
	const char *scope;  /* ROLE_ADMIN: the API token scope that opens it */
};

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
