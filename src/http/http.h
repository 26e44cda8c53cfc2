#ifndef ALONGSIDE_HTTP_HTTP_H
#define ALONGSIDE_HTTP_HTTP_H

#include "core/err.h"
#include "http/urlenc.h"

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

struct app;
struct arena;
struct geo_map;
struct postcode_index;
struct caller;
struct sb;

/*
 * What a handler sees and what it fills in.  Both live in the request's
 * arena, which the server frees after the response has been sent, so a
 * handler allocates from req->arena and never frees.
 *
 * By the time a handler runs, the router has already checked the method,
 * the caller's role, that the path, query string and any form body are
 * well-formed UTF-8, and that every parameter and JSON field is one the
 * route declares and passes its validator (http/route.h); handlers check
 * what the values mean together, not their shape.
 *
 * A handler returns 0 once it has filled the response (a 4xx is a
 * response too).  It returns -1, with req->err set, only when the system
 * failed; the server then logs the message once with the request id and
 * answers 500, so no handler writes a 500 itself.
 */

#define HTTP_MAX_HEADERS 16

struct http_request {
	struct arena *arena;
	const struct app *app;
	const char *method;
	const char *path;              /* decoded */
	const char *target;            /* path and query as sent */
	struct http_param *query;
	size_t query_count;
	struct http_param *path_params;
	size_t path_param_count;
	struct http_param *form;       /* decoded urlencoded body, if any */
	size_t form_count;
	const char *body;
	size_t body_len;
	/* The JSON body, once the router has checked it against the route's
	 * declaration (server/router.h); NULL for a route that takes none.
	 * The server releases it when the request completes. */
	json_t *json;
	const char *request_id;
	const char *client_address;
	bool wants_json;               /* answer errors as JSON */
	/* Who is asking (domain/staff/caller.h), set before the handler runs; its
	 * fields are NULL for an anonymous caller. */
	const struct caller *who;
	/* The geography for this request (geo/live.h): one consistent
	 * snapshot, held until the response is sent.  map is NULL when no
	 * wards are loaded. */
	const struct geo_map *map;
	const struct postcode_index *postcodes;
	/* Looks up a request header (case-insensitive); NULL when absent. */
	const char *(*header)(const struct http_request *req, const char *name);
	void *transport;
	struct err err;
};

struct http_response {
	int status;
	const char *content_type;
	const char *body;
	size_t body_len;
	struct http_param headers[HTTP_MAX_HEADERS];
	size_t header_count;
};

/* A query parameter's value ("" when sent empty), or NULL when absent. */
const char *http_query(const struct http_request *req, const char *name);
/* The same, NULL when sent empty too: a filter left blank filters
 * nothing. */
const char *http_query_filter(const struct http_request *req, const char *name);
const char *http_path_param(const struct http_request *req, const char *name);
const char *http_form(const struct http_request *req, const char *name);
/* A form field's value, or NULL when absent or only spaces, as a person
 * leaving a field empty means. */
const char *http_form_text(const struct http_request *req, const char *name);
/* The same rule for a value already in hand (one of http_form_all's). */
const char *http_text(const char *value);
/* Every value of a repeated form field (checkboxes), in the arena;
 * *count 0 when none. */
const char **http_form_all(const struct http_request *req, const char *name,
			   size_t *count);

/* Adds a response header; the strings must outlive the request (literals or
 * arena copies).  More than HTTP_MAX_HEADERS is a programming error. */
void http_add_header(struct http_response *res, const char *name,
		     const char *value);

/* Answers with a finished page.  A page that overflowed its builder is a
 * system failure: returns -1 with req->err set. */
int http_send_html(struct http_request *req, struct http_response *res,
		   int status, struct sb *page);

/* Answers with value encoded compactly; takes the caller's reference. */
int http_send_json(struct http_request *req, struct http_response *res,
		   int status, json_t *value);

/* Answers 303 See Other to `to` (a literal or an arena string). */
int http_redirect(struct http_response *res, const char *to);

/* Answers with bytes that outlive the request (static assets). */
void http_send_static(struct http_response *res, int status,
		      const char *content_type, const char *body, size_t len);

/* How an error page is drawn, for http_send_error.  The pages live above
 * this toolkit, so the server installs the drawer once at start-up; until
 * then (and in unit tests) errors are plain text. */
typedef void (*http_error_page)(struct http_request *req, struct sb *page,
				int status, const char *message);
void http_set_error_page(http_error_page draw);

/* Answers a client error in the request's style: a page for people, or
 * {"error":{"code":code,"message":message}} for programs.  code is a stable
 * snake_case token; message is plain text for a person. */
int http_send_error(struct http_request *req, struct http_response *res,
		    int status, const char *code, const char *message);

/* Invalid input is 422 everywhere, on pages and in the API alike: the
 * request was well-formed (that is 400) but broke a rule of what it may
 * say.  docs/development.md says why. */
#define HTTP_STATUS_INVALID 422

/* Draws a page's form again with the values sent and every problem in e
 * named beside its field, answering status. */
typedef int (*http_form_page)(struct http_request *req,
			      struct http_response *res, int status,
			      const struct err *e);

/* Answers a result that is not RESULT_OK, in the request's style: the one
 * place a result becomes a status.
 *
 *   RESULT_INVALID    422: JSON {"error":{"code":"invalid","message":...,
 *                     "fields":[{"field":path,"message":...}]}}, or for a
 *                     page form(req, res, 422, e) (an error page when form
 *                     is NULL)
 *   RESULT_NOT_FOUND  404 "SUBJECT_not_found" ("not_found" without one)
 *   RESULT_CONFLICT   409 "conflict"
 *   RESULT_FORBIDDEN  403 "forbidden"
 *   RESULT_FAILED     nothing is answered: e is copied to req->err and -1
 *                     returned, so the server logs it once and answers 500
 */
int http_send_result(struct http_request *req, struct http_response *res,
		     int rc, const struct err *e, http_form_page form);

#endif
