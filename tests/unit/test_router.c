/* Route matching: literal over capture, rest captures, HEAD, 405 + Allow,
 * and the start-up validation that makes deny-by-default hold. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "core/arena.h"
#include "core/err.h"
#include "http/http.h"
#include "server/router.h"
#include "server/routes.h"

static int handler_a(struct http_request *req, struct http_response *res)
{
	(void)req;
	(void)res;
	return 0;
}

static int handler_b(struct http_request *req, struct http_response *res)
{
	(void)req;
	(void)res;
	return 0;
}

/* The capture route comes first on purpose: order must not matter. */
static const struct route table[] = {
	{"GET", "/areas/{id}", handler_a, ROLE_PUBLIC, 0, NULL},
	{"GET", "/areas/new", handler_b, ROLE_PUBLIC, 0, NULL},
	{"POST", "/areas/{id}", handler_a, ROLE_PUBLIC, 0, NULL},
	{"GET", "/assets/*", handler_a, ROLE_PUBLIC, 0, NULL},
	{"GET", "/", handler_b, ROLE_PUBLIC, 0, NULL},
	{"GET", "/healthz", handler_a, ROLE_PUBLIC, ROUTE_JSON, NULL},
	{"GET", "/areas/{id}/drop-ins/{day}", handler_b, ROLE_PUBLIC, 0, NULL},
};
#define TABLE_SIZE (sizeof table / sizeof table[0])

static enum route_match match(const char *method, const char *path,
			      struct arena *a, struct route_result *r)
{
	return router_match(table, TABLE_SIZE, method, path, a, r);
}

static void literal_beats_capture(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct route_result r;
	assert_int_equal(match("GET", "/areas/new", a, &r), ROUTE_FOUND);
	assert_ptr_equal(r.route, &table[1]);
	assert_int_equal(r.param_count, 0);
	assert_int_equal(match("GET", "/areas/abc123", a, &r), ROUTE_FOUND);
	assert_ptr_equal(r.route, &table[0]);
	assert_int_equal(r.param_count, 1);
	assert_string_equal(r.params[0].name, "id");
	assert_string_equal(r.params[0].value, "abc123");
	arena_free(a);
}

static void captures_several_segments(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct route_result r;
	assert_int_equal(match("GET", "/areas/x1/drop-ins/monday", a, &r),
			 ROUTE_FOUND);
	assert_ptr_equal(r.route, &table[6]);
	assert_string_equal(urlenc_find(r.params, r.param_count, "id"), "x1");
	assert_string_equal(urlenc_find(r.params, r.param_count, "day"),
			    "monday");
	arena_free(a);
}

static void rest_capture_takes_the_remainder(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct route_result r;
	assert_int_equal(match("GET", "/assets/govuk/images/x.svg", a, &r),
			 ROUTE_FOUND);
	assert_string_equal(r.params[0].name, "*");
	assert_string_equal(r.params[0].value, "govuk/images/x.svg");
	assert_int_equal(match("GET", "/assets", a, &r), ROUTE_NOT_FOUND);
	arena_free(a);
}

static void head_matches_get(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct route_result r;
	assert_int_equal(match("HEAD", "/", a, &r), ROUTE_FOUND);
	assert_ptr_equal(r.route, &table[4]);
	arena_free(a);
}

static void wrong_method_lists_allowed(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct route_result r;
	assert_int_equal(match("DELETE", "/areas/abc", a, &r),
			 ROUTE_WRONG_METHOD);
	assert_string_equal(r.allow, "GET, HEAD, POST");
	assert_null(r.route);
	assert_int_equal(match("POST", "/healthz", a, &r), ROUTE_WRONG_METHOD);
	assert_string_equal(r.allow, "GET, HEAD");
	assert_true(r.path_flags & ROUTE_JSON);
	assert_int_equal(match("POST", "/", a, &r), ROUTE_WRONG_METHOD);
	assert_false(r.path_flags & ROUTE_JSON);
	arena_free(a);
}

static void unknown_paths_are_not_found(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct route_result r;
	const char *paths[] = {"/nope", "/areas", "/areas/", "/areas/a/b",
			       "areas/a", "", "/healthz/", "//"};
	for (size_t i = 0; i < sizeof paths / sizeof *paths; i++)
		assert_int_equal(match("GET", paths[i], a, &r), ROUTE_NOT_FOUND);
	/* More segments than the router splits is refused, not truncated. */
	char deep[200] = "";
	for (int i = 0; i < 40; i++)
		strncat(deep, "/a", sizeof deep - strlen(deep) - 1);
	assert_int_equal(match("GET", deep, a, &r), ROUTE_NOT_FOUND);
	arena_free(a);
}

static void validate_accepts_the_real_table(void **state)
{
	(void)state;
	struct err e;
	assert_int_equal(router_validate(routes, route_count, &e), 0);
	assert_int_equal(router_validate(table, TABLE_SIZE, &e), 0);
}

static void validate_refuses(const struct route *r, const char *expected)
{
	struct err e = {0};
	assert_int_equal(router_validate(r, 1, &e), -1);
	assert_non_null(strstr(e.msg, expected));
}

static void validate_refuses_bad_routes(void **state)
{
	(void)state;
	validate_refuses(&(struct route){"GET", "/x", handler_a, ROLE_UNSET, 0, NULL},
			 "no role");
	validate_refuses(&(struct route){"GET", "/x", NULL, ROLE_PUBLIC, 0, NULL},
			 "no handler");
	validate_refuses(&(struct route){"GET", "/x", handler_a, ROLE_PUBLIC, 0, "areas.write"},
			 "not a token scope");
	validate_refuses(&(struct route){"GET", "/x", handler_a, ROLE_ADMIN, 0, "everything"},
			 "not a token scope");
	validate_refuses(&(struct route){"GET", "/x", handler_a, ROLE_STAFF, ROUTE_SAME_FOR_ALL,
					 NULL},
			 "only a public route");
	validate_refuses(&(struct route){"BREW", "/x", handler_a, ROLE_PUBLIC, 0, NULL},
			 "unknown method");
	validate_refuses(&(struct route){NULL, "/x", handler_a, ROLE_PUBLIC, 0, NULL},
			 "unknown method");
	validate_refuses(&(struct route){"GET", "/{x", handler_a, ROLE_PUBLIC, 0, NULL},
			 "malformed");
	validate_refuses(&(struct route){"GET", "/*/x", handler_a, ROLE_PUBLIC, 0, NULL},
			 "malformed");
	validate_refuses(&(struct route){"GET", "x", handler_a, ROLE_PUBLIC, 0, NULL},
			 "malformed");
	const struct route twice[] = {
		{"GET", "/x", handler_a, ROLE_PUBLIC, 0, NULL},
		{"GET", "/x", handler_b, ROLE_PUBLIC, 0, NULL},
	};
	struct err e;
	assert_int_equal(router_validate(twice, 2, &e), -1);
	assert_non_null(strstr(e.msg, "listed twice"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(literal_beats_capture),
		cmocka_unit_test(captures_several_segments),
		cmocka_unit_test(rest_capture_takes_the_remainder),
		cmocka_unit_test(head_matches_get),
		cmocka_unit_test(wrong_method_lists_allowed),
		cmocka_unit_test(unknown_paths_are_not_found),
		cmocka_unit_test(validate_accepts_the_real_table),
		cmocka_unit_test(validate_refuses_bad_routes),
	};
	return cmocka_run_group_tests_name("router", tests, NULL, NULL);
}
