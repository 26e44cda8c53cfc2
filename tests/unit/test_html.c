/* The one escaper and the escaping printf, against a table of nasty input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "core/arena.h"
#include "core/sb.h"
#include "web/html.h"

static void escapes_nasty_input(void **state)
{
	(void)state;
	static const struct {
		const char *in;
		const char *want;
	} cases[] = {
		{"", ""},
		{"plain text", "plain text"},
		{"<script>alert(1)</script>",
		 "&lt;script&gt;alert(1)&lt;/script&gt;"},
		{"\" onmouseover=\"x", "&quot; onmouseover=&quot;x"},
		{"' onfocus='x", "&#39; onfocus=&#39;x"},
		{"&amp;", "&amp;amp;"},
		{"Tom & Jerry's <b>", "Tom &amp; Jerry&#39;s &lt;b&gt;"},
		{"<<>>", "&lt;&lt;&gt;&gt;"},
		{"café ☕", "café ☕"},
		{"javascript:alert(1)", "javascript:alert(1)"},
		/* Control characters HTML forbids stand as U+FFFD; the
		 * whitespace it allows, and other UTF-8, stay. */
		{"a\x1b[31mb\x7f", "a&#xFFFD;[31mb&#xFFFD;"},
		{"\xc2\x85x\xc2\xa0", "&#xFFFD;x\xc2\xa0"},
		{"one\ttwo\r\nthree\f", "one\ttwo\r\nthree\f"},
	};
	struct arena *a = arena_new();
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct sb sb;
		sb_init(&sb, a, 1024);
		html_escape(&sb, cases[i].in, strlen(cases[i].in));
		assert_string_equal(sb_str(&sb), cases[i].want);
	}
	arena_free(a);
}

static void escapes_exactly_the_given_length(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct sb sb;
	sb_init(&sb, a, 1024);
	html_escape(&sb, "a<b>c", 2);
	assert_string_equal(sb_str(&sb), "a&lt;");
	arena_free(a);
}

static void printf_escapes_every_string(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct sb sb;
	sb_init(&sb, a, 4096);
	const char *name = "<img src=x onerror=alert(1)>";
	html_printf(&sb, "<p title=\"%s\">%s</p>", "\"quoted\"", name);
	assert_string_equal(sb_str(&sb),
			    "<p title=\"&quot;quoted&quot;\">&lt;img src=x "
			    "onerror=alert(1)&gt;</p>");
	arena_free(a);
}

/* A NULL string prints as nothing; hidden from the compiler's own check. */
static const char *missing(void)
{
	static const char *volatile nothing = NULL;
	return nothing;
}

static void printf_formats_numbers_and_precision(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct sb sb;
	sb_init(&sb, a, 4096);
	html_printf(&sb, "%d|%i|%u|%ld|%lu|%lld|%llu|%zu|100%%|%.*s|%.*s|%s|%.4s|%.10s|",
		    -5, 7, 42u, -1234567890L, 4000000000UL, -9000000000LL,
		    18000000000ULL, (size_t)99, 3, "<b>old", 10, "ab", missing(),
		    "2026-11-23", "a\"b");
	assert_string_equal(sb_str(&sb),
			    "-5|7|42|-1234567890|4000000000|-9000000000|"
			    "18000000000|99|100%|&lt;b&gt;|ab||2026|a&quot;b|");
	arena_free(a);
}

static void printf_keeps_markup_from_the_format(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct sb sb;
	sb_init(&sb, a, 4096);
	html_printf(&sb, "<a href=\"/\">Home</a>");
	assert_string_equal(sb_str(&sb), "<a href=\"/\">Home</a>");
	arena_free(a);
}

static void output_past_the_cap_is_a_failure(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct sb sb;
	sb_init(&sb, a, 10);
	html_printf(&sb, "<p>%s</p>", "<<<<<<");
	assert_true(sb_failed(&sb));
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(escapes_nasty_input),
		cmocka_unit_test(escapes_exactly_the_given_length),
		cmocka_unit_test(printf_escapes_every_string),
		cmocka_unit_test(printf_formats_numbers_and_precision),
		cmocka_unit_test(printf_keeps_markup_from_the_format),
		cmocka_unit_test(output_past_the_cap_is_a_failure),
	};
	return cmocka_run_group_tests_name("html", tests, NULL, NULL);
}
