/* Route matching: literal over capture, rest captures, HEAD, 405 + Allow;
 * the start-up validation that makes deny-by-default hold; and the check
 * of a request's input against what its route declares. */
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

#include <strings.h>

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

static const struct validator any = VALIDATE_TEXT(100);
static const struct route_param an_id[] = {PATH_PARAM("id", &any, NULL)};
static const struct route_param a_file[] = {PATH_PARAM("*", &any, NULL)};
static const struct route_param a_day[] = {PATH_PARAM("id", &any, NULL),
					   PATH_PARAM("day", &any, NULL)};

/* The capture route comes first on purpose: order must not matter. */
static const struct route table[] = {
	{"GET", "/areas/{id}", handler_a, ROLE_PUBLIC, 0, NULL, PARAMS(an_id)},
	{"GET", "/areas/new", handler_b, ROLE_PUBLIC, 0, NULL, NO_INPUT},
	{"POST", "/areas/{id}", handler_a, ROLE_PUBLIC, 0, NULL, PARAMS(an_id)},
	{"GET", "/assets/*", handler_a, ROLE_PUBLIC, 0, NULL, PARAMS(a_file)},
	{"GET", "/", handler_b, ROLE_PUBLIC, 0, NULL, NO_INPUT},
	{"GET", "/healthz", handler_a, ROLE_PUBLIC, ROUTE_JSON, NULL, NO_INPUT},
	{"GET", "/areas/{id}/drop-ins/{day}", handler_b, ROLE_PUBLIC, 0, NULL, PARAMS(a_day)},
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
	validate_refuses(&(struct route){"GET", "/x", handler_a, ROLE_UNSET, 0, NULL, NO_INPUT},
			 "no role");
	validate_refuses(&(struct route){"GET", "/x", NULL, ROLE_PUBLIC, 0, NULL, NO_INPUT},
			 "no handler");
	validate_refuses(&(struct route){"GET", "/x", handler_a, ROLE_PUBLIC, 0, "areas.write",
					 NO_INPUT},
			 "not a token scope");
	validate_refuses(&(struct route){"GET", "/x", handler_a, ROLE_ADMIN, 0, "everything",
					 NO_INPUT},
			 "not a token scope");
	validate_refuses(&(struct route){"GET", "/x", handler_a, ROLE_STAFF, ROUTE_SAME_FOR_ALL,
					 NULL, NO_INPUT},
			 "only a public route");
	validate_refuses(&(struct route){"BREW", "/x", handler_a, ROLE_PUBLIC, 0, NULL, NO_INPUT},
			 "unknown method");
	validate_refuses(&(struct route){NULL, "/x", handler_a, ROLE_PUBLIC, 0, NULL, NO_INPUT},
			 "unknown method");
	validate_refuses(&(struct route){"GET", "/{x", handler_a, ROLE_PUBLIC, 0, NULL, NO_INPUT},
			 "malformed");
	validate_refuses(&(struct route){"GET", "/*/x", handler_a, ROLE_PUBLIC, 0, NULL, NO_INPUT},
			 "malformed");
	validate_refuses(&(struct route){"GET", "x", handler_a, ROLE_PUBLIC, 0, NULL, NO_INPUT},
			 "malformed");
	const struct route twice[] = {
		{"GET", "/x", handler_a, ROLE_PUBLIC, 0, NULL, NO_INPUT},
		{"GET", "/x", handler_b, ROLE_PUBLIC, 0, NULL, NO_INPUT},
	};
	struct err e;
	assert_int_equal(router_validate(twice, 2, &e), -1);
	assert_non_null(strstr(e.msg, "listed twice"));
}

/* The table cannot drift from its patterns. */
static void validate_refuses_undeclared_captures(void **state)
{
	(void)state;
	static const struct route_param day_only[] = {PATH_PARAM("day", &any, NULL)};
	static const struct route_param stray[] = {PATH_PARAM("id", &any, NULL),
						   PATH_PARAM("colour", &any, NULL)};
	static const struct route_param twice[] = {QUERY_PARAM("q", &any, PARAM_OPTIONAL),
						   QUERY_PARAM("q", &any, PARAM_OPTIONAL)};
	static const struct route_param optional_path[] = {
		{"id", PARAM_PATH, &any, PARAM_OPTIONAL, NULL}};
	static const struct route_param no_validator[] = {
		QUERY_PARAM("q", NULL, PARAM_OPTIONAL)};
	validate_refuses(&(struct route){"GET", "/areas/{id}", handler_a, ROLE_PUBLIC, 0, NULL,
					 NO_INPUT},
			 "capture {id} has no path parameter");
	validate_refuses(&(struct route){"GET", "/areas/{id}/{day}", handler_a, ROLE_PUBLIC, 0,
					 NULL, PARAMS(day_only)},
			 "capture {id} has no path parameter");
	validate_refuses(&(struct route){"GET", "/assets/*", handler_a, ROLE_PUBLIC, 0, NULL,
					 NO_INPUT},
			 "capture * has no path parameter");
	validate_refuses(&(struct route){"GET", "/areas/{id}", handler_a, ROLE_PUBLIC, 0, NULL,
					 PARAMS(stray)},
			 "path parameter colour names no capture");
	validate_refuses(&(struct route){"GET", "/x", handler_a, ROLE_PUBLIC, 0, NULL,
					 PARAMS(twice)},
			 "parameter q declared twice");
	validate_refuses(&(struct route){"GET", "/areas/{id}", handler_a, ROLE_PUBLIC, 0, NULL,
					 PARAMS(optional_path)},
			 "always there");
	validate_refuses(&(struct route){"GET", "/x", handler_a, ROLE_PUBLIC, 0, NULL,
					 PARAMS(no_validator)},
			 "needs a name, a source and a validator");
	/* The same name from two sources is two parameters. */
	static const struct route_param both[] = {QUERY_PARAM("next", &any, PARAM_OPTIONAL),
						  FORM_PARAM("next", &any, PARAM_OPTIONAL)};
	struct err e;
	assert_int_equal(router_validate(&(struct route){"POST", "/x", handler_a, ROLE_PUBLIC, 0,
							 NULL, PARAMS(both)},
					 1, &e),
			 0);
}

/* Checking input: a small table of every kind of declaration. */

static const char *const colours[] = {"red", "green", NULL};
static const struct validator colour = VALIDATE_ENUM(colours);
static const struct validator short_text = VALIDATE_TEXT(10);
static const struct route_param search[] = {
	QUERY_PARAM("from", &validate_date, PARAM_OPTIONAL),
	QUERY_PARAM("colour", &colour, PARAM_OPTIONAL),
};
static const struct route_param thing[] = {PATH_PARAM("id", &validate_id, "thing")};
static const struct route_param thing_form[] = {
	PATH_PARAM("id", &validate_id, "thing"),
	FORM_PARAM("colour", &colour, PARAM_REQUIRED),
	FORM_PARAM("name", &short_text, PARAM_OPTIONAL),
	FORM_PARAM("tag", &validate_id, PARAM_OPTIONAL | PARAM_REPEATS),
};
static const struct json_field person[] = {JSON_STRING("name"), JSON_STRING("phone")};
static const struct json_field thing_body[] = {JSON_OBJECT("person", person), JSON_BOOL("urgent"),
					       JSON_STRINGS("tags")};
static const struct route inputs[] = {
	{"GET", "/things", handler_a, ROLE_PUBLIC, 0, NULL, PARAMS(search)},
	{"POST", "/things", handler_a, ROLE_PUBLIC, 0, NULL, PARAMS(search)},
	{"GET", "/things/{id}", handler_a, ROLE_PUBLIC, 0, NULL, PARAMS(thing)},
	{"POST", "/things/{id}", handler_a, ROLE_PUBLIC, 0, NULL, PARAMS(thing_form)},
	{"POST", "/api/things", handler_a, ROLE_PUBLIC, ROUTE_JSON, NULL, BODY(thing_body)},
};
#define ID "0123456789abcdef0123456789abcdef"

static void validate_accepts_the_input_table(void **state)
{
	(void)state;
	struct err e;
	assert_int_equal(router_validate(inputs, sizeof inputs / sizeof *inputs, &e), 0);
}

static const char *content_type;

static const char *header(const struct http_request *req, const char *name)
{
	(void)req;
	return strcasecmp(name, "Content-Type") == 0 ? content_type : NULL;
}

struct checked {
	int rc;
	struct http_request req;
	struct http_response res;
	json_t *answer;  /* the refusal, parsed */
};

/* Checks method + target (path and query) with a body of the given type
 * against the table above, as the server would once the route is found. */
static struct checked check(struct arena *a, const char *method, const char *target,
			    const char *type, const char *body)
{
	struct checked c = {0};
	struct http_request *req = &c.req;
	req->arena = a;
	req->method = method;
	req->header = header;
	req->wants_json = true;
	req->body = body ? body : "";
	req->body_len = strlen(req->body);
	content_type = type;
	const char *q = strchr(target, '?');
	char *path = arena_strndup(a, target, q ? (size_t)(q - target) : strlen(target));
	if (q)
		assert_int_equal(urlenc_parse_form(a, q + 1, strlen(q + 1), 64, &req->query,
						   &req->query_count),
				 URLENC_OK);
	if (type && strcmp(type, "application/x-www-form-urlencoded") == 0)
		assert_int_equal(urlenc_parse_form(a, body, strlen(body), 64, &req->form,
						   &req->form_count),
				 URLENC_OK);
	struct route_result r;
	assert_int_equal(router_match(inputs, sizeof inputs / sizeof *inputs, method, path, a, &r),
			 ROUTE_FOUND);
	req->path_params = r.params;
	req->path_param_count = r.param_count;
	c.rc = router_check_input(req, &c.res, r.route);
	if (c.rc == ROUTE_INPUT_ANSWERED)
		c.answer = json_loadb(c.res.body, c.res.body_len, 0, NULL);
	return c;
}

#define FORM "application/x-www-form-urlencoded"
#define JSON "application/json"

/* The fields a 422 names, "a,b.c", and its code. */
static void assert_refused(struct checked *c, const char *code, const char *fields)
{
	assert_int_equal(c->rc, ROUTE_INPUT_ANSWERED);
	assert_int_equal(c->res.status, strcmp(code, "invalid") == 0 ? 422 : c->res.status);
	assert_string_equal(json_string_value(json_object_get(json_object_get(c->answer, "error"),
							       "code")),
			    code);
	char got[256] = "";
	json_t *list = json_object_get(json_object_get(c->answer, "error"), "fields");
	size_t i;
	json_t *f;
	json_array_foreach(list, i, f) {
		snprintf(got + strlen(got), sizeof got - strlen(got), "%s%s", i ? "," : "",
			 json_string_value(json_object_get(f, "field")));
		assert_non_null(json_string_value(json_object_get(f, "message")));
	}
	assert_string_equal(got, fields);
	json_decref(c->answer);
}

static const char *first_message(const struct checked *c)
{
	json_t *list = json_object_get(json_object_get(c->answer, "error"), "fields");
	return json_string_value(json_object_get(json_array_get(list, 0), "message"));
}

static void accepts_what_is_declared(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct checked c = check(a, "GET", "/things?from=2026-03-14&colour=red", NULL, NULL);
	assert_int_equal(c.rc, ROUTE_INPUT_OK);
	/* An empty value is absent, as an empty form field means. */
	c = check(a, "GET", "/things?from=&colour=", NULL, NULL);
	assert_int_equal(c.rc, ROUTE_INPUT_OK);
	c = check(a, "POST", "/things/" ID, FORM,
		  "csrf_token=abc&colour=green&name=caf%C3%A9&tag=" ID "&tag=" ID);
	assert_int_equal(c.rc, ROUTE_INPUT_OK);
	assert_null(c.req.json);
	c = check(a, "POST", "/api/things", JSON,
		  "{\"person\":{\"name\":\"Ada\"},\"urgent\":true,\"tags\":[\"a\"]}");
	assert_int_equal(c.rc, ROUTE_INPUT_OK);
	/* The body is checked once and kept for the handler. */
	assert_string_equal(json_string_value(json_object_get(json_object_get(c.req.json, "person"),
							      "name")),
			    "Ada");
	json_decref(c.req.json);
	arena_free(a);
}

static void undeclared_query_on_get_is_ignored(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	/* Shared links carry these. */
	struct checked c = check(a, "GET", "/things?utm_source=x&fbclid=y&from=2026-03-14", NULL,
				 NULL);
	assert_int_equal(c.rc, ROUTE_INPUT_OK);
	c = check(a, "HEAD", "/things/" ID "?utm_campaign=spring", NULL, NULL);
	assert_int_equal(c.rc, ROUTE_INPUT_OK);
	arena_free(a);
}

static void undeclared_query_on_post_is_refused(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct checked c = check(a, "POST", "/things?utm_source=x&from=2026-03-14", NULL, NULL);
	assert_refused(&c, "invalid", "utm_source");
	arena_free(a);
}

static void invalid_query_is_refused(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct checked c = check(a, "GET", "/things?from=2026-13-01&colour=blue", NULL, NULL);
	assert_int_equal(c.res.status, 422);
	assert_string_equal(first_message(&c), "Enter a date like 2026-03-14");
	assert_string_equal(json_string_value(json_object_get(json_object_get(c.answer, "error"),
							       "message")),
			    "from: Enter a date like 2026-03-14");
	/* Every problem at once. */
	assert_refused(&c, "invalid", "from,colour");
	arena_free(a);
}

static void undeclared_form_field_is_refused(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct checked c = check(a, "POST", "/things/" ID, FORM,
				 "csrf_token=abc&colour=red&size=9&size=10&is_admin=1");
	assert_int_equal(c.res.status, 422);
	assert_string_equal(first_message(&c), "Not a field this request takes");
	/* Each named once, however often it came. */
	assert_refused(&c, "invalid", "size,is_admin");
	arena_free(a);
}

static void missing_required_is_refused(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct checked c = check(a, "POST", "/things/" ID, FORM, "name=x");
	assert_int_equal(c.res.status, 422);
	assert_string_equal(first_message(&c), "Choose one of: red, green");
	assert_refused(&c, "invalid", "colour");
	c = check(a, "POST", "/things/" ID, FORM, "colour=");
	assert_refused(&c, "invalid", "colour");
	c = check(a, "POST", "/things/" ID, NULL, NULL);
	assert_refused(&c, "invalid", "colour");
	arena_free(a);
}

static void invalid_form_values_are_refused(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	/* Too long, not in the list, given twice, one bad among repeats. */
	struct checked c = check(a, "POST", "/things/" ID, FORM,
				 "colour=red&colour=green&name=eleven+chars&tag=" ID "&tag=nope");
	assert_refused(&c, "invalid", "colour,name,tag");
	arena_free(a);
}

static void undeclared_json_key_is_refused_with_its_path(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct checked c = check(a, "POST", "/api/things", JSON,
				 "{\"person\":{\"name\":\"Ada\",\"care_plan\":\"x\"},"
				 "\"urgent\":\"yes\",\"tags\":[1],\"colour\":\"red\"}");
	assert_int_equal(c.res.status, 422);
	assert_null(c.req.json);
	assert_refused(&c, "invalid", "person.care_plan,urgent,tags,colour");
	c = check(a, "POST", "/api/things", JSON, "{\"person\":\"Ada\"}");
	assert_string_equal(first_message(&c), "Must be an object");
	assert_refused(&c, "invalid", "person");
	arena_free(a);
}

static void json_body_is_read_strictly(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct checked c = check(a, "POST", "/api/things", FORM, "person=Ada");
	assert_int_equal(c.res.status, 415);
	assert_refused(&c, "unsupported_media_type", "");
	c = check(a, "POST", "/api/things", JSON, "{\"urgent\":true,\"urgent\":false}");
	assert_int_equal(c.res.status, 400);
	assert_refused(&c, "invalid_json", "");
	c = check(a, "POST", "/api/things", JSON, "[1]");
	assert_int_equal(c.res.status, 400);
	assert_refused(&c, "invalid_json", "");
	/* A route that declares no body refuses what one says, and lets an
	 * empty object through. */
	c = check(a, "POST", "/things", JSON, "{\"from\":\"2026-03-14\"}");
	assert_refused(&c, "invalid", "from");
	c = check(a, "POST", "/things", JSON, "{}");
	assert_int_equal(c.rc, ROUTE_INPUT_OK);
	assert_null(c.req.json);
	arena_free(a);
}

static void invalid_path_parameter_is_not_found(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	const char *paths[] = {"/things/nope", "/things/" ID "0", "/things/%3Cscript%3E",
			       "/things/0123456789ABCDEF0123456789ABCDEF"};
	for (size_t i = 0; i < sizeof paths / sizeof *paths; i++) {
		struct checked c = check(a, "GET", paths[i], NULL, NULL);
		assert_int_equal(c.res.status, 404);
		assert_refused(&c, "thing_not_found", "");
	}
	/* Before anything else is looked at. */
	struct checked c = check(a, "POST", "/things/nope", FORM, "size=9");
	assert_int_equal(c.res.status, 404);
	json_decref(c.answer);
	arena_free(a);
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
		cmocka_unit_test(validate_refuses_undeclared_captures),
		cmocka_unit_test(validate_accepts_the_input_table),
		cmocka_unit_test(accepts_what_is_declared),
		cmocka_unit_test(undeclared_query_on_get_is_ignored),
		cmocka_unit_test(undeclared_query_on_post_is_refused),
		cmocka_unit_test(invalid_query_is_refused),
		cmocka_unit_test(undeclared_form_field_is_refused),
		cmocka_unit_test(missing_required_is_refused),
		cmocka_unit_test(invalid_form_values_are_refused),
		cmocka_unit_test(undeclared_json_key_is_refused_with_its_path),
		cmocka_unit_test(json_body_is_read_strictly),
		cmocka_unit_test(invalid_path_parameter_is_not_found),
	};
	return cmocka_run_group_tests_name("router", tests, NULL, NULL);
}
