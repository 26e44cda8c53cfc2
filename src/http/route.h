#ifndef ALONGSIDE_HTTP_ROUTE_H
#define ALONGSIDE_HTTP_ROUTE_H

struct http_request;
struct http_response;

/*
 * What a route is: plain data the server's table (server/routes.c) is
 * made of, and what the toolkit's caller check (http/auth.h) reads.  It
 * lives here, below the handlers, so that both the server above them and
 * the toolkit below them can see it without including each other.
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

#endif
