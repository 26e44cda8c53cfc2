#include "server/router.h"

#include "core/arena.h"
#include "core/err.h"
#include "core/sb.h"
#include "domain/staff/token.h"
#include "http/http.h"
#include "http/json_input.h"
#include "http/urlenc.h"

#include <stdio.h>
#include <string.h>

/* Field names and messages are short; this bounds building one. */
#define MESSAGE_MAX 256

#define MAX_SEGMENTS 32

struct segments {
	const char *start[MAX_SEGMENTS];
	size_t len[MAX_SEGMENTS];
	size_t count;
};

/* Splits "/a/b/c" into segments; false for too many segments or a path not
 * starting with '/'.  "/" has no segments; a trailing slash makes an empty
 * last segment, which only a pattern ending in "/" would match. */
static bool split(const char *path, struct segments *s)
{
	s->count = 0;
	if (path[0] != '/')
		return false;
	const char *p = path + 1;
	if (*p == '\0')
		return true;
	for (;;) {
		if (s->count == MAX_SEGMENTS)
			return false;
		const char *slash = strchr(p, '/');
		size_t len = slash ? (size_t)(slash - p) : strlen(p);
		s->start[s->count] = p;
		s->len[s->count] = len;
		s->count++;
		if (!slash)
			return true;
		p = slash + 1;
	}
}

static bool is_capture(const char *seg, size_t len)
{
	return len >= 3 && seg[0] == '{' && seg[len - 1] == '}';
}

static bool is_rest(const char *seg, size_t len)
{
	return len == 1 && seg[0] == '*';
}

/* Scores a match so that literal segments beat captures: each literal adds
 * to the score, so the most specific pattern wins.  -1: no match. */
static int match_pattern(const struct segments *pat,
			 const struct segments *path)
{
	int score = 0;
	for (size_t i = 0; i < pat->count; i++) {
		if (is_rest(pat->start[i], pat->len[i]))
			return i < path->count ? score : -1;
		if (i >= path->count)
			return -1;
		if (is_capture(pat->start[i], pat->len[i])) {
			if (path->len[i] == 0)
				return -1;
			continue;
		}
		if (pat->len[i] != path->len[i] ||
		    memcmp(pat->start[i], path->start[i], path->len[i]) != 0)
			return -1;
		score++;
	}
	return pat->count == path->count ? score + 1 : -1;
}

static bool method_matches(const char *route_method, const char *method)
{
	return strcmp(route_method, method) == 0 ||
	       (strcmp(method, "HEAD") == 0 && strcmp(route_method, "GET") == 0);
}

static void add_allowed(char *allow, size_t size, const char *method)
{
	if (strstr(allow, method))
		return;
	size_t used = strlen(allow);
	snprintf(allow + used, size - used, "%s%s", used ? ", " : "", method);
}

static void capture(const struct segments *pat, const struct segments *path,
		    struct arena *a, struct route_result *out)
{
	out->params = arena_alloc(a, (pat->count + 1) * sizeof *out->params);
	out->param_count = 0;
	for (size_t i = 0; i < pat->count; i++) {
		struct http_param *p = &out->params[out->param_count];
		if (is_rest(pat->start[i], pat->len[i])) {
			p->name = "*";
			p->value = arena_strdup(a, path->start[i]);
			out->param_count++;
			return;
		}
		if (is_capture(pat->start[i], pat->len[i])) {
			p->name = arena_strndup(a, pat->start[i] + 1,
						pat->len[i] - 2);
			p->value = arena_strndup(a, path->start[i], path->len[i]);
			out->param_count++;
		}
	}
}

enum route_match router_match(const struct route *table, size_t count,
			      const char *method, const char *path,
			      struct arena *a, struct route_result *out)
{
	memset(out, 0, sizeof *out);
	struct segments want;
	if (!split(path, &want))
		return ROUTE_NOT_FOUND;
	int best_score = -1;
	struct segments best_pat = {0};
	for (size_t i = 0; i < count; i++) {
		struct segments pat;
		split(table[i].pattern, &pat);
		int score = match_pattern(&pat, &want);
		if (score < 0)
			continue;
		out->path_flags |= table[i].flags;
		if (!method_matches(table[i].method, method)) {
			add_allowed(out->allow, sizeof out->allow,
				    table[i].method);
			if (strcmp(table[i].method, "GET") == 0)
				add_allowed(out->allow, sizeof out->allow,
					    "HEAD");
			continue;
		}
		if (score > best_score) {
			best_score = score;
			out->route = &table[i];
			best_pat = pat;
		}
	}
	if (out->route) {
		capture(&best_pat, &want, a, out);
		return ROUTE_FOUND;
	}
	return out->allow[0] ? ROUTE_WRONG_METHOD : ROUTE_NOT_FOUND;
}

static bool valid_pattern(const char *pattern)
{
	struct segments s;
	if (!split(pattern, &s))
		return false;
	for (size_t i = 0; i < s.count; i++) {
		if (is_rest(s.start[i], s.len[i]) && i != s.count - 1)
			return false;
		if (memchr(s.start[i], '{', s.len[i]) &&
		    !is_capture(s.start[i], s.len[i]))
			return false;
	}
	return true;
}

/* The name a capture segment gives its value: "id" for "{id}", "*". */
static bool capture_named(const char *seg, size_t len, const char *name)
{
	if (is_rest(seg, len))
		return strcmp(name, "*") == 0;
	return is_capture(seg, len) && strlen(name) == len - 2 &&
	       memcmp(seg + 1, name, len - 2) == 0;
}

static const struct route_param *declared(const struct route *r, enum param_source source,
					  const char *name)
{
	for (size_t i = 0; i < r->param_count; i++)
		if (r->params[i].source == source && r->params[i].name &&
		    strcmp(r->params[i].name, name) == 0)
			return &r->params[i];
	return NULL;
}

/* The route's parameters against each other and its pattern. */
static int validate_params(const struct route *r, struct err *e)
{
	struct segments pat;
	split(r->pattern, &pat);
	for (size_t i = 0; i < pat.count; i++) {
		if (!is_capture(pat.start[i], pat.len[i]) && !is_rest(pat.start[i], pat.len[i]))
			continue;
		bool found = false;
		for (size_t k = 0; k < r->param_count && !found; k++)
			found = r->params[k].source == PARAM_PATH &&
				r->params[k].name &&
				capture_named(pat.start[i], pat.len[i], r->params[k].name);
		if (!found)
			return err_set(e, "route %s %s: capture %.*s has no path parameter",
				       r->method, r->pattern, (int)pat.len[i], pat.start[i]);
	}
	for (size_t k = 0; k < r->param_count; k++) {
		const struct route_param *p = &r->params[k];
		if (!p->name || !*p->name || !p->validator || p->source > PARAM_FORM)
			return err_set(e, "route %s %s: parameter %zu needs a name, a source "
					  "and a validator",
				       r->method, r->pattern, k + 1);
		if (declared(r, p->source, p->name) != p)
			return err_set(e, "route %s %s: parameter %s declared twice", r->method,
				       r->pattern, p->name);
		if (p->source != PARAM_PATH)
			continue;
		bool captured = false;
		for (size_t i = 0; i < pat.count && !captured; i++)
			captured = capture_named(pat.start[i], pat.len[i], p->name);
		if (!captured)
			return err_set(e, "route %s %s: path parameter %s names no capture",
				       r->method, r->pattern, p->name);
		if (p->flags != PARAM_REQUIRED)
			return err_set(e, "route %s %s: path parameter %s is always there, once",
				       r->method, r->pattern, p->name);
	}
	return 0;
}

int router_validate(const struct route *table, size_t count, struct err *e)
{
	static const char *const methods[] = {"GET", "POST", "PUT", "PATCH",
					      "DELETE"};
	for (size_t i = 0; i < count; i++) {
		const struct route *r = &table[i];
		const char *pattern = r->pattern ? r->pattern : "(null)";
		bool known = false;
		for (size_t m = 0; r->method && m < sizeof methods / sizeof *methods; m++)
			known |= strcmp(r->method, methods[m]) == 0;
		if (!known)
			return err_set(e, "route %s: unknown method", pattern);
		if (!r->pattern || !valid_pattern(r->pattern))
			return err_set(e, "route %s: malformed pattern", pattern);
		if (!r->handler)
			return err_set(e, "route %s %s: no handler", r->method,
				       pattern);
		if (r->role == ROLE_UNSET || r->role > ROLE_REPORTS)
			return err_set(e, "route %s %s: no role given (deny by "
					  "default)",
				       r->method, pattern);
		if ((r->flags & ROUTE_SAME_FOR_ALL) && r->role != ROLE_PUBLIC)
			return err_set(e, "route %s %s: only a public route answers all alike",
				       r->method, pattern);
		if (r->scope && ((r->role != ROLE_ADMIN && r->role != ROLE_REPORTS) ||
				 !token_scope_known(r->scope)))
			return err_set(e, "route %s %s: scope %s is not a token scope of "
					  "an admin or reports route",
				       r->method, pattern, r->scope);
		for (size_t j = 0; j < i; j++)
			if (strcmp(table[j].method, r->method) == 0 &&
			    strcmp(table[j].pattern, r->pattern) == 0)
				return err_set(e, "route %s %s: listed twice",
					       r->method, pattern);
		if (validate_params(r, e) < 0)
			return -1;
	}
	return 0;
}

static bool reading(const char *method)
{
	return strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;
}

static int answered(int rc)
{
	return rc < 0 ? -1 : ROUTE_INPUT_ANSWERED;
}

/* Adds a problem with field name, once per name. */
static void problem(struct err *e, const char *name, const char *message)
{
	if (!err_field_message(e, name))
		validate_problem(e, name, message);
}

static const char *explained(struct arena *a, const struct validator *v)
{
	struct sb out;
	sb_init(&out, a, MESSAGE_MAX);
	validate_explain(v, &out);
	return sb_str(&out);
}

/* The query's or the form's pairs against the route's parameters from
 * that source. */
static void check_pairs(struct arena *a, const struct route *route, enum param_source source,
			const struct http_param *pairs, size_t count, bool refuse_undeclared,
			struct err *e)
{
	for (size_t i = 0; i < count; i++) {
		const char *name = pairs[i].name;
		if (source == PARAM_FORM && strcmp(name, "csrf_token") == 0)
			continue;
		const struct route_param *p = declared(route, source, name);
		if (!p) {
			if (refuse_undeclared)
				problem(e, name, "Not a field this request takes");
			continue;
		}
		bool again = false;
		for (size_t j = 0; j < i && !again; j++)
			again = strcmp(pairs[j].name, name) == 0;
		if (again && !(p->flags & PARAM_REPEATS))
			problem(e, name, "Give this only once");
		else if (*pairs[i].value && !validate(p->validator, pairs[i].value))
			problem(e, name, explained(a, p->validator));
	}
}

static bool given(const struct http_param *pairs, size_t count, const char *name)
{
	for (size_t i = 0; i < count; i++)
		if (*pairs[i].value && strcmp(pairs[i].name, name) == 0)
			return true;
	return false;
}

static bool sent_as_json(const struct http_request *req)
{
	const char *type = req->header(req, "Content-Type");
	return type && strncmp(type, "application/json", 16) == 0;
}

int router_check_input(struct http_request *req, struct http_response *res,
		       const struct route *route)
{
	struct err e = {0};
	for (size_t i = 0; i < route->param_count; i++) {
		const struct route_param *p = &route->params[i];
		if (p->source != PARAM_PATH)
			continue;
		const char *value = http_path_param(req, p->name);
		if (!value || !validate(p->validator, value)) {
			err_not_found(&e, p->names, "There is no %s%s at this address.",
				      p->names ? "such " : "page", p->names ? p->names : "");
			return answered(http_send_result(req, res, RESULT_NOT_FOUND, &e, NULL));
		}
	}
	/* A body no route declares is read too, so that what it says is
	 * refused rather than silently dropped. */
	json_t *json = NULL;
	if (route->body || (sent_as_json(req) && req->body_len)) {
		int rc = json_input_parse(req, res, &json);
		if (rc != JSON_INPUT_PARSED)
			return answered(rc);
		json_input_check(json, route->body, route->body_count, &e);
	}
	check_pairs(req->arena, route, PARAM_QUERY, req->query, req->query_count,
		    !reading(req->method), &e);
	check_pairs(req->arena, route, PARAM_FORM, req->form, req->form_count, true, &e);
	for (size_t i = 0; i < route->param_count; i++) {
		const struct route_param *p = &route->params[i];
		bool present = p->source == PARAM_PATH ||
			       (p->source == PARAM_QUERY
					? given(req->query, req->query_count, p->name)
					: given(req->form, req->form_count, p->name));
		if ((p->flags & PARAM_REQUIRED) && !present)
			problem(&e, p->name, explained(req->arena, p->validator));
	}
	if (e.field_count) {
		json_decref(json);
		return answered(http_send_result(req, res, RESULT_INVALID, &e, NULL));
	}
	if (route->body)
		req->json = json;
	else
		json_decref(json);
	return ROUTE_INPUT_OK;
}
