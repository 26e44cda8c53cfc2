#include "server/router.h"

#include "core/arena.h"
#include "core/err.h"
#include "domain/staff/token.h"
#include "http/urlenc.h"

#include <stdio.h>
#include <string.h>

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
		if (r->role == ROLE_UNSET || r->role > ROLE_ADMIN)
			return err_set(e, "route %s %s: no role given (deny by "
					  "default)",
				       r->method, pattern);
		if ((r->flags & ROUTE_SAME_FOR_ALL) && r->role != ROLE_PUBLIC)
			return err_set(e, "route %s %s: only a public route answers all alike",
				       r->method, pattern);
		if (r->scope && (r->role != ROLE_ADMIN || !token_scope_known(r->scope)))
			return err_set(e, "route %s %s: scope %s is not a token scope of "
					  "an admin route",
				       r->method, pattern, r->scope);
		for (size_t j = 0; j < i; j++)
			if (strcmp(table[j].method, r->method) == 0 &&
			    strcmp(table[j].pattern, r->pattern) == 0)
				return err_set(e, "route %s %s: listed twice",
					       r->method, pattern);
	}
	return 0;
}
