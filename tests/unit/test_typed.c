/* The checks every outcome record makes of what staff type: each fault
 * gets the one message typed.h promises, word for word, since the forms
 * and their tests show them as they are. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "core/date.h"
#include "core/err.h"
#include "domain/outcomes/typed.h"

/* The one field message e holds, or NULL when it holds none. */
static const char *only_message(const struct err *e, const char *field)
{
	if (e->field_count == 0)
		return NULL;
	assert_int_equal(e->field_count, 1);
	return err_field_message(e, field);
}

static void blank_is_null_or_only_white_space(void **state)
{
	(void)state;
	assert_true(typed_blank(NULL));
	assert_true(typed_blank(""));
	assert_true(typed_blank(" \t\r\n "));
	assert_false(typed_blank(" x "));
	assert_false(typed_blank("\xc2\xa0")); /* a no-break space is typed text */
}

static void text_needed_missing_long_or_broken(void **state)
{
	(void)state;
	struct err e;
	err_clear(&e);
	typed_check_text(&e, "title", "  ", 10, false, "Give it a title", "The title");
	assert_string_equal(only_message(&e, "title"), "Give it a title");
	err_clear(&e);
	typed_check_text(&e, "title", NULL, 10, false, NULL, "The title");
	assert_null(only_message(&e, "title"));
	err_clear(&e);
	typed_check_text(&e, "title", "0123456789", 10, false, "Give it a title", "The title");
	assert_null(only_message(&e, "title"));
	err_clear(&e);
	typed_check_text(&e, "title", "0123456789a", 10, false, NULL, "The title");
	assert_string_equal(only_message(&e, "title"),
			    "The title: up to 10 characters, without line breaks or control "
			    "characters");
	err_clear(&e);
	typed_check_text(&e, "words", "one\ntwo", 10, false, NULL, "Their words");
	assert_non_null(only_message(&e, "words"));
	err_clear(&e);
	typed_check_text(&e, "words", "one\ntwo", 10, true, NULL, "Their words");
	assert_null(only_message(&e, "words"));
	err_clear(&e);
	typed_check_text(&e, "words", "one\x01two", 10, true, NULL, "Their words");
	assert_string_equal(only_message(&e, "words"),
			    "Their words: up to 10 characters, without control characters");
}

static void days_real_and_not_after_today(void **state)
{
	(void)state;
	char today[11], tomorrow[11];
	typed_today(today);
	struct date d;
	assert_true(date_parse(today, &d));
	date_format(date_from_days(date_to_days(d) + 1), tomorrow);
	struct err e;

	err_clear(&e);
	typed_check_day(&e, "agreed_on", today, "they agreed");
	assert_null(only_message(&e, "agreed_on"));
	typed_check_day(&e, "agreed_on", "2024-02-29", "they agreed");
	assert_null(only_message(&e, "agreed_on"));
	typed_check_day(&e, "agreed_on", NULL, "they agreed");
	assert_string_equal(only_message(&e, "agreed_on"),
			    "Enter the day they agreed, as a real date");
	err_clear(&e);
	typed_check_day(&e, "agreed_on", "2025-02-29", "they agreed");
	assert_string_equal(only_message(&e, "agreed_on"),
			    "Enter the day they agreed, as a real date");
	err_clear(&e);
	typed_check_day(&e, "agreed_on", tomorrow, "they agreed");
	assert_string_equal(only_message(&e, "agreed_on"),
			    "The day they agreed cannot be in the future");

	err_clear(&e);
	assert_true(typed_check_past(&e, "happened_on", today, "When"));
	assert_null(only_message(&e, "happened_on"));
	assert_false(typed_check_past(&e, "happened_on", "27/3/2026", "When"));
	assert_string_equal(only_message(&e, "happened_on"), "When must be a real date");
	err_clear(&e);
	assert_false(typed_check_past(&e, "happened_on", NULL, "When"));
	assert_string_equal(only_message(&e, "happened_on"), "When must be a real date");
	err_clear(&e);
	assert_false(typed_check_past(&e, "happened_on", tomorrow, "When"));
	assert_string_equal(only_message(&e, "happened_on"), "When must be today or in the past");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(blank_is_null_or_only_white_space),
		cmocka_unit_test(text_needed_missing_long_or_broken),
		cmocka_unit_test(days_real_and_not_after_today),
	};
	return cmocka_run_group_tests_name("typed", tests, NULL, NULL);
}
