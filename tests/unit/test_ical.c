/* iCalendar content lines: folded at 75 octets between whole characters,
 * TEXT escaped, and nothing lost whatever the length. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "core/arena.h"
#include "core/ical.h"
#include "core/sb.h"
#include "core/utf8.h"

/* Checks the shape of folded output (each physical line at most 75
 * octets, ended by CRLF, whole UTF-8, a continuation starting with one
 * space, no escape split between lines) and returns it unfolded, in a. */
static const char *unfold(struct arena *a, const char *out, size_t *lines)
{
	size_t len = strlen(out);
	char *whole = arena_alloc(a, len + 1);
	size_t n = 0;
	*lines = 0;
	for (const char *line = out; *line;) {
		const char *crlf = strstr(line, "\r\n");
		assert_non_null(crlf);
		size_t octets = (size_t)(crlf - line);
		assert_true(octets <= ICAL_LINE_OCTETS);
		const char *text = line;
		if (*lines > 0) {
			assert_int_equal(line[0], ' ');
			text++;
		}
		size_t text_len = (size_t)(crlf - text);
		assert_true(utf8_valid(text, text_len));
		assert_null(memchr(text, '\r', text_len));
		assert_null(memchr(text, '\n', text_len));
		/* An escape stays on one line: no line ends in an odd run of
		 * backslashes. */
		size_t slashes = 0;
		while (slashes < text_len && text[text_len - 1 - slashes] == '\\')
			slashes++;
		assert_int_equal(slashes % 2, 0);
		memcpy(whole + n, text, text_len);
		n += text_len;
		(*lines)++;
		line = crlf + 2;
	}
	whole[n] = '\0';
	return whole;
}

static char *repeat(struct arena *a, const char *unit, size_t times)
{
	size_t len = strlen(unit);
	char *s = arena_alloc(a, len * times + 1);
	for (size_t i = 0; i < times; i++)
		memcpy(s + i * len, unit, len);
	return s;
}

static void lines_fold_at_75_octets_between_characters(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct {
		const char *line;
		size_t lines;
		size_t first_octets; /* of the first physical line */
	} cases[] = {
		{"", 1, 0},
		{repeat(a, "x", 74), 1, 74},
		{repeat(a, "x", 75), 1, 75},
		{repeat(a, "x", 76), 2, 75},
		{repeat(a, "x", 149), 2, 75},
		{repeat(a, "x", 150), 3, 75},
		/* A character that would straddle octet 75 goes whole to the
		 * next line. */
		{arena_printf(a, "%s%s", repeat(a, "x", 74), "é"), 2, 74},
		{arena_printf(a, "%s%s", repeat(a, "x", 73), "é"), 1, 75},
		{arena_printf(a, "%s%s", repeat(a, "x", 73), "✓"), 2, 73},
		{arena_printf(a, "%s%s", repeat(a, "x", 74), "✓"), 2, 74},
		{arena_printf(a, "%s%s", repeat(a, "x", 72), "✓"), 1, 75},
		{arena_printf(a, "%s%s", repeat(a, "x", 72), "𝄞"), 2, 72},
		{arena_printf(a, "%s%s", repeat(a, "x", 71), "𝄞"), 1, 75},
		{repeat(a, "𝄞", 19), 2, 72},
		{repeat(a, "x", 5000), 68, 75},
		{repeat(a, "é✓𝄞", 600), 0, 0}, /* 5,400 octets */
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct sb out;
		sb_init(&out, a, 1024 * 1024);
		ical_line(&out, cases[i].line);
		assert_false(sb_failed(&out));
		size_t lines;
		assert_string_equal(unfold(a, sb_str(&out), &lines), cases[i].line);
		if (cases[i].lines) {
			assert_int_equal(lines, cases[i].lines);
			assert_int_equal(strstr(sb_str(&out), "\r\n") - sb_str(&out),
					 cases[i].first_octets);
		}
	}
	arena_free(a);
}

static void text_values_are_escaped_and_kept_whole(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	const char *nasty = repeat(a, "\\;,\n", 1000);
	struct {
		const char *value;
		const char *escaped;
	} cases[] = {
		{NULL, ""},
		{"", ""},
		{"plain", "plain"},
		{"back\\slash", "back\\\\slash"},
		{"a;b,c", "a\\;b\\,c"},
		{"one\ntwo\r\nthree\rfour", "one\\ntwo\\nthree\\nfour"},
		{"\r\n\n\r", "\\n\\n\\n"},
		{"Café <Ünïcode>, \"quoted\"; hall", "Café <Ünïcode>\\, \"quoted\"\\; hall"},
		{nasty, repeat(a, "\\\\\\;\\,\\n", 1000)},
		{repeat(a, ";", 5000), repeat(a, "\\;", 5000)},
		{repeat(a, "𝄞,", 1000), repeat(a, "𝄞\\,", 1000)},
		{repeat(a, "x", 5000), repeat(a, "x", 5000)},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct sb out;
		sb_init(&out, a, 1024 * 1024);
		ical_text_property(&out, "LOCATION", cases[i].value);
		assert_false(sb_failed(&out));
		size_t lines;
		const char *whole = unfold(a, sb_str(&out), &lines);
		assert_string_equal(whole, arena_printf(a, "LOCATION:%s", cases[i].escaped));
		assert_true(lines >= (strlen(whole) + ICAL_LINE_OCTETS - 1) / ICAL_LINE_OCTETS);
	}
	arena_free(a);
}

/* Past the builder's own maximum the line is not shortened: the builder
 * says it overflowed. */
static void a_line_past_the_builder_fails_it(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct sb out;
	sb_init(&out, a, 1000);
	ical_text_property(&out, "LOCATION", repeat(a, "x", 2000));
	assert_true(sb_failed(&out));
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(lines_fold_at_75_octets_between_characters),
		cmocka_unit_test(text_values_are_escaped_and_kept_whole),
		cmocka_unit_test(a_line_past_the_builder_fails_it),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
