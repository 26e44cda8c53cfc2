/* Strict percent-decoding and form parsing: what is refused matters as much
 * as what is accepted, because handlers trust the result to be text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "core/arena.h"
#include "core/sb.h"
#include "http/urlenc.h"

static enum urlenc_result decode(struct arena *a, const char *s, bool plus,
				 char **out)
{
	return urlenc_decode(a, s, strlen(s), plus, out);
}

static void decodes_valid_input(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	char *out;
	static const struct {
		const char *in;
		bool plus;
		const char *want;
	} cases[] = {
		{"", false, ""},
		{"plain", false, "plain"},
		{"%41%62c", false, "Abc"},
		{"%2f%2F", false, "//"},
		{"a+b", true, "a b"},
		{"a+b", false, "a+b"},
		{"%2B", true, "+"},
		{"caf%C3%A9", false, "café"},
		{"%F0%9F%98%80", false, "\xF0\x9F\x98\x80"},
		{"%25", false, "%"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		assert_int_equal(decode(a, cases[i].in, cases[i].plus, &out),
				 URLENC_OK);
		assert_string_equal(out, cases[i].want);
	}
	arena_free(a);
}

static void refuses_broken_escapes(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	char *out = NULL;
	const char *bad[] = {"%", "%4", "abc%", "%zz", "%4g", "%%41", "%-1"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		assert_int_equal(decode(a, bad[i], false, &out),
				 URLENC_BAD_ESCAPE);
	assert_null(out);
	arena_free(a);
}

static void refuses_bytes_that_are_not_text(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	char *out;
	const char *bad[] = {
		"%00",          /* NUL would truncate the string */
		"%FF",          /* never valid in UTF-8 */
		"%C3",          /* truncated sequence */
		"%C0%AF",       /* overlong '/' */
		"%ED%A0%80",    /* UTF-16 surrogate */
		"%F4%90%80%80", /* above U+10FFFF */
		"a%80b",        /* lone continuation byte */
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		assert_int_equal(decode(a, bad[i], false, &out), URLENC_BAD_UTF8);
	/* Raw (unescaped) invalid bytes are refused the same way. */
	assert_int_equal(urlenc_decode(a, "\xff", 1, false, &out),
			 URLENC_BAD_UTF8);
	arena_free(a);
}

static void parses_forms(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct http_param *p;
	size_t n;
	const char *form = "postcode=YO1+7HH&name=Ann%20Lee&flag&empty=&&x=1";
	assert_int_equal(urlenc_parse_form(a, form, strlen(form), 10, &p, &n),
			 URLENC_OK);
	assert_int_equal(n, 5);
	assert_string_equal(p[0].name, "postcode");
	assert_string_equal(p[0].value, "YO1 7HH");
	assert_string_equal(p[1].value, "Ann Lee");
	assert_string_equal(p[2].name, "flag");
	assert_string_equal(p[2].value, "");
	assert_string_equal(p[3].value, "");
	assert_string_equal(urlenc_find(p, n, "x"), "1");
	assert_null(urlenc_find(p, n, "missing"));

	assert_int_equal(urlenc_parse_form(a, "", 0, 10, &p, &n), URLENC_OK);
	assert_int_equal(n, 0);
	assert_int_equal(urlenc_parse_form(a, "&&&", 3, 10, &p, &n), URLENC_OK);
	assert_int_equal(n, 0);
	/* Only the given length is read. */
	assert_int_equal(urlenc_parse_form(a, "a=1&b=2", 3, 10, &p, &n),
			 URLENC_OK);
	assert_int_equal(n, 1);
	/* A textarea's lines as a browser sends them; a lone CR is left for
	 * the field's own check. */
	const char *lines = "note=one%0D%0Atwo%0D%0A%0D%0Athree&x=a%0Db";
	assert_int_equal(urlenc_parse_form(a, lines, strlen(lines), 10, &p, &n), URLENC_OK);
	assert_string_equal(p[0].value, "one\ntwo\n\nthree");
	assert_string_equal(p[1].value, "a\rb");
	arena_free(a);
}

static void form_duplicates_take_the_last(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct http_param *p;
	size_t n;
	const char *form = "a=1&a=2&a=3";
	assert_int_equal(urlenc_parse_form(a, form, strlen(form), 10, &p, &n),
			 URLENC_OK);
	assert_int_equal(n, 3);
	assert_string_equal(urlenc_find(p, n, "a"), "3");
	arena_free(a);
}

static void form_errors(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct http_param *p;
	size_t n;
	const char *many = "a=1&b=2&c=3&d=4";
	assert_int_equal(urlenc_parse_form(a, many, strlen(many), 3, &p, &n),
			 URLENC_TOO_MANY);
	assert_int_equal(urlenc_parse_form(a, many, strlen(many), 4, &p, &n),
			 URLENC_OK);
	assert_int_equal(urlenc_parse_form(a, "a%zz=1", 6, 4, &p, &n),
			 URLENC_BAD_ESCAPE);
	assert_int_equal(urlenc_parse_form(a, "a=%zz", 5, 4, &p, &n),
			 URLENC_BAD_ESCAPE);
	assert_int_equal(urlenc_parse_form(a, "a=%ff", 5, 4, &p, &n),
			 URLENC_BAD_UTF8);
	assert_int_equal(urlenc_parse_form(a, "%ff=1", 5, 4, &p, &n),
			 URLENC_BAD_UTF8);
	arena_free(a);
}

static void encodes_components(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct sb sb;
	sb_init(&sb, a, 1024);
	urlenc_component(&sb, "AZaz09-._~ /?&=+%é");
	assert_string_equal(sb_str(&sb),
			    "AZaz09-._~%20%2F%3F%26%3D%2B%25%C3%A9");
	/* What it encodes decodes back to the same text. */
	char *back;
	assert_int_equal(urlenc_decode(a, sb_str(&sb), sb.len, false, &back),
			 URLENC_OK);
	assert_string_equal(back, "AZaz09-._~ /?&=+%é");
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(decodes_valid_input),
		cmocka_unit_test(refuses_broken_escapes),
		cmocka_unit_test(refuses_bytes_that_are_not_text),
		cmocka_unit_test(parses_forms),
		cmocka_unit_test(form_duplicates_take_the_last),
		cmocka_unit_test(form_errors),
		cmocka_unit_test(encodes_components),
	};
	return cmocka_run_group_tests_name("urlenc", tests, NULL, NULL);
}
