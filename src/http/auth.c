#include "http/auth.h"

#include "core/arena.h"
#include "core/config.h"
#include "core/date.h"
#include "core/sb.h"
#include "core/secret.h"
#include "domain/staff/access.h"
#include "domain/staff/session.h"
#include "domain/staff/token.h"
#include "domain/staff/user.h"
#include "http/app.h"
#include "http/http.h"
#include "http/route.h"

#include <string.h>
#include <strings.h>
#include <time.h>

#define COOKIE_VALUE_MAX 128

const char *http_cookie_name(const struct http_request *req, const char *name)
{
	return req->app->config->tls ? arena_printf(req->arena, "__Host-%s", name) : name;
}

const char *http_cookie(const struct http_request *req, const char *name)
{
	const char *header = req->header(req, "Cookie");
	if (!header)
		return NULL;
	const char *want = http_cookie_name(req, name);
	size_t want_len = strlen(want);
	for (const char *p = header; *p;) {
		while (*p == ' ' || *p == ';')
			p++;
		size_t pair = strcspn(p, ";");
		if (pair > want_len && strncmp(p, want, want_len) == 0 && p[want_len] == '=') {
			size_t len = pair - want_len - 1;
			if (len > COOKIE_VALUE_MAX)
				return NULL;
			return arena_strndup(req->arena, p + want_len + 1, len);
		}
		p += pair;
	}
	return NULL;
}

void http_set_cookie(struct http_request *req, struct http_response *res,
		     const char *name, const char *value, long max_age)
{
	struct sb c;
	sb_init(&c, req->arena, 512);
	sb_printf(&c, "%s=%s; Path=/; HttpOnly; SameSite=Lax", http_cookie_name(req, name),
		  value ? value : "");
	if (!value)
		sb_puts(&c, "; Max-Age=0");
	else if (max_age > 0)
		sb_printf(&c, "; Max-Age=%ld", max_age);
	if (req->app->config->tls)
		sb_puts(&c, "; Secure");
	http_add_header(res, "Set-Cookie", sb_str(&c));
}

const char *http_safe_next(const char *next)
{
	if (!next || next[0] != '/' || next[1] == '/' || next[1] == '\\' ||
	    strlen(next) > 1000)
		return "/staff";
	for (const char *p = next; *p; p++)
		if ((unsigned char)*p < 0x21 || *p == '\\' || (unsigned char)*p >= 0x7f)
			return "/staff";
	return next;
}

static struct session_limits limits_of(const struct http_request *req)
{
	const struct config *c = req->app->config;
	return (struct session_limits){c->session_idle, c->session_lifetime};
}

/* Fills the caller from the bearer token or, unless the route answers
 * all alike, the session cookie.  *bad_bearer is set for an Authorization
 * header that names no live token. */
static int identify(struct http_request *req, const struct route *route,
		    struct caller *who, bool *bad_bearer)
{
	struct db *db = req->app->db;
	const char *authorization = req->header(req, "Authorization");
	if (authorization) {
		struct api_token *token = NULL;
		if (strncasecmp(authorization, "Bearer ", 7) == 0 &&
		    token_resume(db, req->arena, authorization + 7, &token, &req->err) < 0)
			return -1;
		who->token = token;
		if (token)
			who->kind = CALLER_TOKEN;
		*bad_bearer = token == NULL;
		return 0;
	}
	/* A page's assets come with its cookies: looking the session up for
	 * each would cost several queries for nothing. */
	const char *cookie = route->flags & ROUTE_SAME_FOR_ALL ? NULL
							       : http_cookie(req, SESSION_COOKIE);
	if (!cookie)
		return 0;
	struct session_limits limits = limits_of(req);
	struct session *session;
	if (session_resume(db, req->arena, cookie, &limits, &session, &req->err) < 0)
		return -1;
	if (!session)
		return 0;
	struct user *user;
	int rc = user_load(db, req->arena, session->user_id, &user, &req->err);
	if (rc == RESULT_NOT_FOUND)
		return 0;
	if (rc < 0)
		return -1;
	char today[11];
	date_format(date_uk_today(time(NULL)), today);
	if (access_load_cover(db, req->arena, user->id, today, &who->cover_areas,
			      &who->cover_area_count, &req->err) < 0)
		return -1;
	who->kind = CALLER_STAFF;
	who->user = user;
	who->session = session;
	return 0;
}

static bool holds_role(const struct caller *who, const struct route *route)
{
	switch (route->role) {
	case ROLE_PUBLIC:
		return true;
	case ROLE_STAFF:
		return who->user != NULL;
	case ROLE_TEAM_LEADER:
		return access_has_role(who, USER_TEAM_LEADER);
	case ROLE_ADMIN:
		return access_has_role(who, USER_ADMINISTRATOR) ||
		       (who->token && route->scope && token_has_scope(who->token, route->scope));
	case ROLE_REPORTS:
		return access_has_role(who, USER_TEAM_LEADER | USER_PROGRAMME_MANAGER) ||
		       (who->token && route->scope && token_has_scope(who->token, route->scope));
	default:
		return false;
	}
}

static bool changes_state(const char *method)
{
	return strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0 &&
	       strcmp(method, "OPTIONS") != 0;
}

static const char *sent_csrf_token(const struct http_request *req)
{
	const char *token = http_form(req, "csrf_token");
	return token ? token : req->header(req, "X-CSRF-Token");
}

/* A state-changing request from a browser carries the token it was given. */
static bool csrf_ok(const struct http_request *req, const struct caller *who)
{
	if (who->token)
		return true;
	const char *sent = sent_csrf_token(req);
	if (who->session)
		return sent && secret_equal(sent, who->session->csrf_token);
	/* Signed out: JSON cannot be sent across sites without a preflight we
	 * never grant; a form must match its pre-session cookie. */
	const char *type = req->header(req, "Content-Type");
	if (type && strncmp(type, "application/json", 16) == 0)
		return true;
	const char *cookie = http_cookie(req, CSRF_COOKIE);
	return sent && cookie && secret_valid(cookie) && secret_equal(sent, cookie);
}

const char *http_csrf_token(struct http_request *req, struct http_response *res)
{
	if (req->who && req->who->session)
		return req->who->session->csrf_token;
	const char *cookie = http_cookie(req, CSRF_COOKIE);
	if (cookie && secret_valid(cookie))
		return cookie;
	char *fresh = arena_alloc(req->arena, SECRET_LEN + 1);
	secret_new(fresh);
	http_set_cookie(req, res, CSRF_COOKIE, fresh, 0);
	return fresh;
}

int http_auth(struct http_request *req, struct http_response *res,
	      const struct route *route)
{
	struct caller *who = arena_alloc(req->arena, sizeof *who);
	*who = caller_public(req->client_address, req->request_id);
	req->who = who;
	bool bad_bearer = false;
	if (identify(req, route, who, &bad_bearer) < 0)
		return -1;
	if (bad_bearer) {
		http_add_header(res, "WWW-Authenticate", "Bearer error=\"invalid_token\"");
		return http_send_error(req, res, 401, "invalid_token",
				       "The API token is not one this service knows, or "
				       "it has been revoked.") < 0
			       ? -1
			       : AUTH_ANSWERED;
	}
	if (!holds_role(who, route)) {
		int rc;
		if (who->user || who->token) {
			rc = http_send_error(req, res, 403, "forbidden",
					     "You do not have permission to see this page.");
		} else if (req->wants_json) {
			http_add_header(res, "WWW-Authenticate", "Bearer");
			rc = http_send_error(req, res, 401, "unauthenticated",
					     "Sign in, or send an API token, to use this.");
		} else {
			struct sb to;
			sb_init(&to, req->arena, 4096);
			sb_puts(&to, "/sign-in?next=");
			urlenc_component(&to, http_safe_next(req->target));
			rc = http_redirect(res, sb_str(&to));
		}
		return rc < 0 ? -1 : AUTH_ANSWERED;
	}
	if (changes_state(req->method) && !csrf_ok(req, who))
		return http_send_error(req, res, 403, "csrf",
				       "This form has expired or did not come from this "
				       "service. Go back, reload the page and try "
				       "again.") < 0
			       ? -1
			       : AUTH_ANSWERED;
	return AUTH_ALLOWED;
}
