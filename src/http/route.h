#ifndef ALONGSIDE_HTTP_ROUTE_H
#define ALONGSIDE_HTTP_ROUTE_H

#include "http/json_input.h"
#include "http/validate.h"

#include <stddef.h>

struct http_request;
struct http_response;

/*
 * What a route is: plain data the server's table (server/routes.c) is
 * made of, and what the toolkit's caller check (http/auth.h) reads.  It
 * lives here, below the handlers, so that both the server above them and
 * the toolkit below them can see it without including each other.
 */

/* Who may reach a route (http/auth.h enforces it; domain/staff/access.h then
 * decides record by record). */
enum http_role {
	ROLE_UNSET = 0,
	ROLE_PUBLIC,       /* anyone, signed in or not */
	ROLE_STAFF,        /* any signed-in member of staff */
	ROLE_TEAM_LEADER,  /* a team leader */
	ROLE_ADMIN,        /* an administrator, or an API token holding the
			    * route's scope */
	ROLE_REPORTS,      /* a team leader or a programme manager, or an API
			    * token holding the route's scope */
};

enum route_flags {
	ROUTE_JSON = 1 << 0, /* errors answered as JSON, even outside /api/ */
	ROUTE_SAME_FOR_ALL = 1 << 1, /* answers everyone alike (assets, health),
				      * so a session cookie is not looked up */
};

typedef int (*http_handler)(struct http_request *req,
			    struct http_response *res);

/*
 * What a route takes: each parameter by name, where it comes from, the
 * validator its value must pass (http/validate.h), and whether it must be
 * there and may come more than once.  The router (server/router.h) checks
 * a request against them before the handler runs, and refuses what they
 * do not declare; a JSON body is declared as its list of fields
 * (http/json_input.h).
 */
enum param_source { PARAM_PATH, PARAM_QUERY, PARAM_FORM };

enum param_flags {
	PARAM_OPTIONAL = 0,
	PARAM_REQUIRED = 1 << 0,  /* absent or empty is refused */
	PARAM_REPEATS = 1 << 1,   /* may come more than once (checkboxes) */
};

struct route_param {
	const char *name;      /* a path capture's name without braces: "id" */
	enum param_source source;
	const struct validator *validator;
	unsigned flags;
	/* PARAM_PATH: what the segment names ("area"), so a value that is
	 * not one answers 404 area_not_found; NULL: plain not_found. */
	const char *names;
};

#define PATH_PARAM(name, validator, names) \
	{(name), PARAM_PATH, (validator), PARAM_REQUIRED, (names)}
#define QUERY_PARAM(name, validator, flags) {(name), PARAM_QUERY, (validator), (flags), NULL}
#define FORM_PARAM(name, validator, flags) {(name), PARAM_FORM, (validator), (flags), NULL}

struct route {
	const char *method;
	const char *pattern;
	http_handler handler;
	enum http_role role;
	unsigned flags;
	const char *scope;  /* ROLE_ADMIN: the API token scope that opens it */
	const struct route_param *params;
	size_t param_count;
	const struct json_field *body;  /* NULL: the route takes no JSON body */
	size_t body_count;
};

/* For a table's entries: {"GET", "/x", handler, ROLE_PUBLIC, 0, NULL,
 * PARAMS(x_params), BODY(x_body)}, or NO_INPUT for a route that takes
 * neither. */
#define PARAMS(list) .params = (list), .param_count = sizeof(list) / sizeof((list)[0])
#define BODY(fields) .body = (fields), .body_count = sizeof(fields) / sizeof((fields)[0])
#define NO_INPUT .params = NULL

#endif
