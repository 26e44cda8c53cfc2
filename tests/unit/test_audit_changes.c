/* The before and after of a change to a public record, field by field:
 * only what changed, lists and odd values readable, nasty text escaped on
 * the page, and a document that is not one shown as its text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdbool.h>
#include <string.h>

#include "core/arena.h"
#include "core/err.h"
#include "core/json_diff.h"
#include "core/sb.h"
#include "domain/staff/audit.h"
#include "web/changes.h"
#include "support/diff_rows.h"

static void only_the_fields_that_changed(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct json_diff_row *rows;
	size_t count;
	assert_int_equal(
		audit_changes_rows(a,
				   "{\"before\":{\"name\":\"West\",\"wards\":[\"E05010311\"],"
				   "\"covered\":false,\"mobile\":\"07700 900101\",\"gone\":1},"
				   "\"after\":{\"name\":\"West York\",\"wards\":[\"E05010311\","
				   "\"E05010330\"],\"covered\":true,\"mobile\":\"07700 900101\","
				   "\"email\":null,\"extra\":{\"a\":1}}}",
				   &rows, &count),
		RESULT_OK);
	assert_int_equal(count, 5);
	expect_diff_row(&rows[0], "name", "West", "West York");
	expect_diff_row(&rows[1], "wards", "E05010311", "E05010311, E05010330");
	expect_diff_row(&rows[2], "covered", "false", "true");
	/* mobile is unchanged; email was absent and is null: no change. */
	expect_diff_row(&rows[3], "extra › a", NULL, "1");
	expect_diff_row(&rows[4], "gone", "1", NULL);
	arena_free(a);
}

static void a_record_made_or_taken_away(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct json_diff_row *rows;
	size_t count;
	assert_int_equal(audit_changes_rows(a, "{\"before\":null,\"after\":{\"venue\":\"Hall\","
					       "\"notes\":null}}",
					    &rows, &count),
			 RESULT_OK);
	assert_int_equal(count, 1);
	expect_diff_row(&rows[0], "venue", NULL, "Hall");
	assert_int_equal(audit_changes_rows(a, "{\"before\":{\"venue\":\"Hall\"},\"after\":null}",
					    &rows, &count),
			 RESULT_OK);
	assert_int_equal(count, 1);
	expect_diff_row(&rows[0], "venue", "Hall", NULL);
	arena_free(a);
}

static void not_a_changes_document(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"",
		"not json",
		"[]",
		"{\"before\":{}}",
		"{\"before\":1,\"after\":{}}",
		"{\"before\":{},\"after\":\"x\"}",
		"{\"before\":{},\"before\":{},\"after\":{}}",
	};
	struct arena *a = arena_new();
	struct json_diff_row *rows;
	size_t count;
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		assert_int_equal(audit_changes_rows(a, bad[i], &rows, &count), RESULT_INVALID);
	assert_int_equal(audit_changes_rows(a, NULL, &rows, &count), RESULT_INVALID);
	arena_free(a);
}

static void the_page_escapes_every_value(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct sb page;
	sb_init(&page, a, 8192);
	changes_html(&page, a,
		     "{\"before\":{\"name\":\"<script>alert(1)</script>\",\"a<b\":\"x\"},"
		     "\"after\":{\"name\":\"Tom & Jerry's \\\"hall\\\"\",\"a<b\":null}}");
	const char *html = sb_str(&page);
	assert_non_null(strstr(html, "<dt class=\"govuk-summary-list__key\">Name"
				     "<span class=\"govuk-visually-hidden\">:</span></dt>"));
	assert_non_null(strstr(html, "&lt;script&gt;alert(1)&lt;/script&gt;"));
	assert_non_null(strstr(html, "Tom &amp; Jerry&#39;s &quot;hall&quot;"));
	assert_non_null(strstr(html, "<dt class=\"govuk-summary-list__key\">a&lt;b"));
	assert_non_null(strstr(html, "<span class=\"govuk-visually-hidden\">was </span>x"
				     "<span aria-hidden=\"true\"> → </span>"
				     "<span class=\"govuk-visually-hidden\">, now </span>none</dd>"));
	assert_null(strstr(html, "<script>"));

	sb_init(&page, a, 8192);
	changes_html(&page, a, "<img src=x onerror=alert(1)>");
	assert_string_equal(sb_str(&page), "<p class=\"govuk-body-s app-changes\">"
					   "&lt;img src=x onerror=alert(1)&gt;</p>");
	sb_init(&page, a, 8192);
	changes_html(&page, a, "{\"before\":{\"n\":1},\"after\":{\"n\":1}}");
	assert_non_null(strstr(sb_str(&page), "Nothing changed."));
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(only_the_fields_that_changed),
		cmocka_unit_test(a_record_made_or_taken_away),
		cmocka_unit_test(not_a_changes_document),
		cmocka_unit_test(the_page_escapes_every_value),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
