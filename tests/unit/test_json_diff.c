/* What changed between two versions of a document, leaf by leaf, as a
 * person reads it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "core/arena.h"
#include "core/json_diff.h"
#include "support/diff_rows.h"

static void same_documents_have_no_rows(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct json_diff_row *rows;
	const char *doc = "{\"name\":\"Castle Bowls\",\"schedules\":[{\"byday\":\"TH\"}],\"n\":3}";
	assert_int_equal(json_diff(a, doc, doc, &rows), 0);
	arena_free(a);
}

static void changed_added_and_removed_values_are_named_by_path(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct json_diff_row *rows;
	const char *before = "{\"name\":\"Singing for the Brain\",\"email\":\"old@example.org\","
			     "\"schedules\":[{\"byday\":\"TH\",\"opens_at\":\"10:00\"}],"
			     "\"free\":true,\"minimum_age\":18}";
	const char *after = "{\"name\":\"Singing for the Brain\","
			    "\"schedules\":[{\"byday\":\"TH\",\"opens_at\":\"10:30\"}],"
			    "\"free\":false,\"minimum_age\":18,\"url\":\"https://example.org/\"}";
	assert_int_equal(json_diff(a, before, after, &rows), 4);
	expect_diff_row(&rows[0], "schedules › 1 › opens_at", "10:00", "10:30");
	expect_diff_row(&rows[1], "free", "true", "false");
	expect_diff_row(&rows[2], "url", NULL, "https://example.org/");
	expect_diff_row(&rows[3], "email", "old@example.org", NULL);
	arena_free(a);
}

/* Emptying a list shows as what was taken out; a null is as good as
 * absent. */
static void emptied_lists_and_nulls_show_as_none(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct json_diff_row *rows;
	assert_int_equal(json_diff(a, "{\"phones\":[{\"number\":\"01904 551550\"}],\"note\":\"x\"}",
				   "{\"phones\":[],\"note\":null}", &rows),
			 2);
	expect_diff_row(&rows[0], "phones › 1 › number", "01904 551550", NULL);
	expect_diff_row(&rows[1], "note", "x", NULL);
	/* A first item in a list that was empty is that item, nothing more. */
	assert_int_equal(json_diff(a, "{\"cancellations\":[]}",
				   "{\"cancellations\":[{\"on_date\":\"2026-12-11\"}]}", &rows),
			 1);
	expect_diff_row(&rows[0], "cancellations › 1 › on_date", NULL, "2026-12-11");
	/* An empty list against a value is still a change of that value. */
	assert_int_equal(json_diff(a, "{\"x\":[]}", "{\"x\":\"a\"}", &rows), 1);
	expect_diff_row(&rows[0], "x", "none", "a");
	arena_free(a);
}

/* Text comes out as it was written, markup included: escaping is the
 * page's, once, where it is shown. */
static void strings_are_kept_as_written(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct json_diff_row *rows;
	assert_int_equal(json_diff(a, "{\"d\":\"<b>tea & cake</b>\"}", "{\"d\":\"“tea” — ünïcode\"}",
				   &rows),
			 1);
	expect_diff_row(&rows[0], "d", "<b>tea & cake</b>", "“tea” — ünïcode");
	arena_free(a);
}

static void first_version_is_all_added_and_bad_json_is_refused(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct json_diff_row *rows;
	assert_int_equal(json_diff(a, NULL, "{\"name\":\"A\",\"tags\":[\"x\",\"y\"]}", &rows), 2);
	expect_diff_row(&rows[0], "name", NULL, "A");
	expect_diff_row(&rows[1], "tags", NULL, "x, y");
	assert_int_equal(json_diff(a, "{\"name\":", "{}", &rows), -1);
	assert_int_equal(json_diff(a, "{}", "not json", &rows), -1);
	arena_free(a);
}

/* A list saved again in another order with fresh ids is no change; an
 * item taken from the middle is that item gone, not the later ones moved. */
static void list_items_are_paired_with_their_earlier_versions(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct json_diff_row *rows;
	assert_int_equal(json_diff(a, "{\"t\":[{\"id\":\"1\",\"code\":\"social\"},"
				      "{\"id\":\"2\",\"code\":\"older-people\"}]}",
				   "{\"t\":[{\"id\":\"8\",\"code\":\"older-people\"},"
				   "{\"id\":\"9\",\"code\":\"social\"}]}",
				   &rows),
			 0);
	assert_int_equal(json_diff(a, "{\"c\":[{\"id\":\"a\",\"name\":\"Ann\"},"
				      "{\"id\":\"b\",\"name\":\"Bob\"},"
				      "{\"id\":\"c\",\"name\":\"Cat\"}]}",
				   "{\"c\":[{\"id\":\"a\",\"name\":\"Ann\"},"
				   "{\"id\":\"c\",\"name\":\"Kat\"}]}",
				   &rows),
			 3);
	expect_diff_row(&rows[0], "c › 2 › name", "Cat", "Kat");
	expect_diff_row(&rows[1], "c › 2 (before) › id", "b", NULL);
	expect_diff_row(&rows[2], "c › 2 (before) › name", "Bob", NULL);
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(same_documents_have_no_rows),
		cmocka_unit_test(changed_added_and_removed_values_are_named_by_path),
		cmocka_unit_test(emptied_lists_and_nulls_show_as_none),
		cmocka_unit_test(strings_are_kept_as_written),
		cmocka_unit_test(first_version_is_all_added_and_bad_json_is_refused),
		cmocka_unit_test(list_items_are_paired_with_their_earlier_versions),
	};
	return cmocka_run_group_tests_name("json_diff", tests, NULL, NULL);
}
