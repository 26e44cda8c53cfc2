#ifndef ALONGSIDE_HTTP_AUTH_H
#define ALONGSIDE_HTTP_AUTH_H

#include <stdbool.h>

#include "domain/staff/audit.h"

struct http_request;
struct http_response;
struct route;

/*
 * Who is asking, and may they: run by the server for every request after
 * the route is found and before its handler, so no handler can forget.
 *
 *  1. The caller: an "Authorization: Bearer" API token, else the session
 *     cookie, else nobody.  A bearer header of the wrong shape or naming
 *     no live token is refused outright (401 invalid_token) rather than
 *     treated as anonymous, so a broken integration fails loudly.
 *  2. The route's role (http/route.h) against the caller: a page asks a
 *     signed-out person to sign in (303 to /sign-in?next=...), the JSON
 *     API answers 401 unauthenticated; a caller without the role gets 403
 *     forbidden.
 *  3. CSRF, for every state-changing method (not GET/HEAD/OPTIONS) sent
 *     with cookies: a signed-in browser must send its session's token (form
 *     field csrf_token, or header X-CSRF-Token); a signed-out form (the
 *     sign-in form) must send the token of its own pre-session cookie.
 *     Anything else is 403 csrf and nothing changes.  Bearer requests carry
 *     no cookies and need none.
 *
 * On refusal the response is filled and AUTH_ANSWERED returned; on a
 * system failure -1 with req->err set.
 */

enum auth_result { AUTH_ALLOWED = 0, AUTH_ANSWERED = 1 };

int http_auth(struct http_request *req, struct http_response *res,
	      const struct route *route);

/* The CSRF token a page's forms carry: the session's when signed in, else
 * the pre-session cookie's, set on res when the browser has none yet. */
const char *http_csrf_token(struct http_request *req, struct http_response *res);

/* The cookie named (without any __Host- prefix: it is added when the
 * service runs over TLS), or NULL. */
const char *http_cookie(const struct http_request *req, const char *name);

/* The name a cookie is set under: name, or __Host-name over TLS. */
const char *http_cookie_name(const struct http_request *req, const char *name);

/* Sets or, with value NULL, clears a cookie: HttpOnly, SameSite=Lax,
 * Path=/, and Secure with the __Host- prefix over TLS.  max_age in
 * seconds; 0 for the browser session. */
void http_set_cookie(struct http_request *req, struct http_response *res,
		     const char *name, const char *value, long max_age);

/* A next= target that is safe to redirect to: a path on this site (no
 * scheme, no host, no "//"), else "/staff". */
const char *http_safe_next(const char *next);

#define SESSION_COOKIE "alongside_session"
#define CSRF_COOKIE "alongside_csrf"

#endif
