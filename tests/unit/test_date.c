/* Dates and times as staff type and read them: the three-field date with
 * its faults (31 February, a month of 13, a blank), times as people write
 * them (13:00pm refused), the GOV.UK way of showing both, and the UK clock
 * on each side of the March and October changes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include <time.h>

#include "core/arena.h"
#include "core/clock.h"
#include "core/date.h"

static void dates_in_three_fields(void **state)
{
	(void)state;
	struct date d = {0, 0, 0};
	assert_int_equal(date_parse_parts("1", "12", "2026", &d), DATE_OK);
	assert_int_equal(d.year, 2026);
	assert_int_equal(d.month, 12);
	assert_int_equal(d.day, 1);
	assert_int_equal(date_parse_parts(" 07 ", "Feb", "2028", &d), DATE_OK);
	assert_int_equal(d.month, 2);
	assert_int_equal(date_parse_parts("29", "february", "2028", &d), DATE_OK);
	assert_int_equal(date_parse_parts("", "", "", &d), DATE_BLANK);
	assert_int_equal(date_parse_parts(NULL, NULL, NULL, &d), DATE_BLANK);
	assert_int_equal(date_parse_parts("31", "2", "2026", &d), DATE_DAY);
	assert_int_equal(date_parse_parts("29", "2", "2026", &d), DATE_DAY);
	assert_int_equal(date_parse_parts("0", "1", "2026", &d), DATE_DAY);
	assert_int_equal(date_parse_parts("", "1", "2026", &d), DATE_DAY);
	assert_int_equal(date_parse_parts("1x", "1", "2026", &d), DATE_DAY);
	assert_int_equal(date_parse_parts("1", "13", "2026", &d), DATE_MONTH);
	assert_int_equal(date_parse_parts("1", "", "2026", &d), DATE_MONTH);
	assert_int_equal(date_parse_parts("1", "De", "2026", &d), DATE_MONTH);
	assert_int_equal(date_parse_parts("1", "1", "26", &d), DATE_YEAR);
	assert_int_equal(date_parse_parts("1", "1", "", &d), DATE_YEAR);
	assert_int_equal(date_parse_parts("1", "1", "3000", &d), DATE_YEAR);
}

static void expect_clock(const char *s, int hour, int minute)
{
	int h = -1, m = -1;
	if (!date_parse_clock(s, &h, &m))
		fail_msg("refused %s", s);
	assert_int_equal(h, hour);
	assert_int_equal(m, minute);
}

static void times_as_people_write_them(void **state)
{
	(void)state;
	expect_clock("10:12am", 10, 12);
	expect_clock("10.12 PM", 22, 12);
	expect_clock("2pm", 14, 0);
	expect_clock("14:30", 14, 30);
	expect_clock("09:05", 9, 5);
	expect_clock("0:30", 0, 30);
	expect_clock("12am", 0, 0);
	expect_clock("12:30pm", 12, 30);
	expect_clock("midday", 12, 0);
	expect_clock("Midnight", 0, 0);
	expect_clock("7 a.m.", 7, 0);
	int h, m;
	static const char *const refused[] = {"", "   ", "13:00pm", "0am", "25:00", "14",
					      "10:60", "10:5", "ten", "10:12xm", ":30"};
	for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++)
		if (date_parse_clock(refused[i], &h, &m))
			fail_msg("took \"%s\"", refused[i]);
	assert_false(date_parse_clock(NULL, &h, &m));
}

static void times_shown_the_govuk_way(void **state)
{
	(void)state;
	char out[DATE_CLOCK_TEXT_SIZE];
	static const struct {
		int hour, minute;
		const char *text;
	} cases[] = {{10, 12, "10:12am"}, {14, 0, "2pm"},      {12, 0, "midday"},
		     {0, 0, "midnight"},  {0, 5, "12:05am"},   {12, 30, "12:30pm"},
		     {9, 5, "9:05am"},    {23, 59, "11:59pm"}};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		date_clock_text(cases[i].hour, cases[i].minute, out);
		assert_string_equal(out, cases[i].text);
	}
	char day[DATE_LONG_TEXT_SIZE];
	date_long_text((struct date){2026, 12, 1}, day);
	assert_string_equal(day, "Tuesday 1 December 2026");
}

static void stored_times_in_london(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	/* Winter: London is UTC. */
	assert_string_equal(date_uk_when(a, "2026-12-01T10:12:00.000Z"),
			    "Tuesday 1 December 2026 at 10:12am");
	/* Summer: an hour ahead, which can be the next day. */
	assert_string_equal(date_uk_when(a, "2026-07-01T09:00:00.000Z"),
			    "Wednesday 1 July 2026 at 10am");
	assert_string_equal(date_uk_when(a, "2026-06-30T23:30:00.000Z"),
			    "Wednesday 1 July 2026 at 12:30am");
	assert_string_equal(date_uk_day(a, "2026-06-30T23:30:00.000Z"), "Wednesday 1 July 2026");
	/* 29 March 2026: the clocks go forward at 01:00 UTC. */
	assert_string_equal(date_uk_when(a, "2026-03-29T00:59:00.000Z"),
			    "Sunday 29 March 2026 at 12:59am");
	assert_string_equal(date_uk_when(a, "2026-03-29T01:00:00.000Z"),
			    "Sunday 29 March 2026 at 2am");
	/* 25 October 2026: back at 01:00 UTC; 1:30am happens twice. */
	assert_string_equal(date_uk_when(a, "2026-10-25T00:30:00.000Z"),
			    "Sunday 25 October 2026 at 1:30am");
	assert_string_equal(date_uk_when(a, "2026-10-25T01:30:00.000Z"),
			    "Sunday 25 October 2026 at 1:30am");
	assert_string_equal(date_uk_when(a, "2026-10-25T12:00:00.000Z"),
			    "Sunday 25 October 2026 at midday");
	assert_string_equal(date_uk_when(a, "not a time"), "not a time");
	assert_null(date_uk_when(a, NULL));
	arena_free(a);
}

/* What a form sends back: a UK wall clock to the stored UTC instant. */
static void wall_clock_to_utc(void **state)
{
	(void)state;
	static const struct {
		struct date d;
		int hour, minute;
		const char *utc;
	} cases[] = {
		{{2026, 7, 1}, 10, 0, "2026-07-01T09:00:00"},
		{{2026, 12, 1}, 10, 0, "2026-12-01T10:00:00"},
		{{2026, 3, 29}, 0, 30, "2026-03-29T00:30:00"},
		{{2026, 3, 29}, 2, 0, "2026-03-29T01:00:00"},
		{{2026, 10, 25}, 0, 30, "2026-10-24T23:30:00"},
		{{2026, 10, 25}, 1, 30, "2026-10-25T00:30:00"}, /* the first of the two */
		{{2026, 10, 25}, 2, 0, "2026-10-25T02:00:00"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char out[CLOCK_ISO8601_SIZE];
		date_uk_instant_text(cases[i].d, cases[i].hour, cases[i].minute, out);
		assert_memory_equal(out, cases[i].utc, 19);
		assert_string_equal(out + 19, ".000Z");
	}
}

/* A stored instant's UK date, read by hand, is the C library's: every
 * quarter hour of 2026 (both clock changes in it) and the turns of the
 * years around it, and the forms it does not read fall back to it. */
static void stored_instants_read_as_the_c_library_reads_them(void **state)
{
	(void)state;
	for (time_t t = 1767225600 - 86400; t < 1798761600 + 86400; t += 900 + 7) {
		char at[40];
		struct tm tm;
		gmtime_r(&t, &tm);
		strftime(at, sizeof at, "%Y-%m-%dT%H:%M:%S.000Z", &tm);
		struct date fast, slow = date_uk_today(t);
		assert_true(date_uk_of_stored(at, &fast));
		assert_int_equal(fast.year, slow.year);
		assert_int_equal(fast.month, slow.month);
		assert_int_equal(fast.day, slow.day);
	}
	struct date d;
	/* 23:30 UTC in summer is the next day in London; in winter not. */
	assert_true(date_uk_of_stored("2026-07-31T23:30:00.000Z", &d));
	assert_int_equal(d.month, 8);
	assert_int_equal(d.day, 1);
	assert_true(date_uk_of_stored("2026-12-31T23:30:00.000Z", &d));
	assert_int_equal(d.year, 2026);
	assert_int_equal(d.day, 31);
	/* A 60th second carried into the next minute, as timegm does:
	 * 23:00 UTC, midnight in London. */
	assert_true(date_uk_of_stored("2026-07-31T22:59:60Z", &d));
	assert_int_equal(d.month, 8);
	assert_int_equal(d.day, 1);
	assert_false(date_uk_of_stored(NULL, &d));
	assert_false(date_uk_of_stored("", &d));
	assert_false(date_uk_of_stored("2026-07-31", &d));
	assert_false(date_uk_of_stored("31/07/2026 23:30", &d));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(dates_in_three_fields),
		cmocka_unit_test(times_as_people_write_them),
		cmocka_unit_test(times_shown_the_govuk_way),
		cmocka_unit_test(stored_times_in_london),
		cmocka_unit_test(wall_clock_to_utc),
		cmocka_unit_test(stored_instants_read_as_the_c_library_reads_them),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
