/* Dates and drop-in recurrence: next dates for weekly, fortnightly and
 * monthly rules, month ends, leap years, and the UK clock change; and
 * which drop-in a person is shown. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "core/arena.h"
#include "core/date.h"
#include "core/err.h"
#include "domain/areas/dropin.h"

static struct date d(const char *s)
{
	struct date out = {0, 0, 0};
	assert_true(date_parse(s, &out));
	return out;
}

static void expect_dates(const struct dropin_rule *rule, const char *from,
			 const char *const *want, size_t n)
{
	struct date got[12];
	assert_int_equal(dropin_next_dates(rule, d(from), got, n), n);
	for (size_t i = 0; i < n; i++) {
		char text[11];
		date_format(got[i], text);
		assert_string_equal(text, want[i]);
	}
}

static void parses_and_counts_days(void **state)
{
	(void)state;
	assert_int_equal(date_to_days(d("1970-01-01")), 0);
	assert_int_equal(date_to_days(d("2000-03-01")) - date_to_days(d("2000-02-28")), 2);
	assert_int_equal(date_to_days(d("1900-03-01")) - date_to_days(d("1900-02-28")), 1);
	struct date back = date_from_days(date_to_days(d("2026-11-22")));
	assert_int_equal(back.year, 2026);
	assert_int_equal(back.month, 11);
	assert_int_equal(back.day, 22);
	assert_int_equal(date_weekday(d("2026-11-22")), 7); /* a Sunday */
	assert_int_equal(date_weekday(d("2024-02-29")), 4);
	struct date x;
	const char *bad[] = {"", "2026-13-01", "2026-02-29", "2026-1-01", "2026/01/01",
			     "20260101", "2026-01-32", "1899-12-31", "2026-01-0a"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		assert_false(date_parse(bad[i], &x));
	assert_true(date_parse("2024-02-29", &x));
}

static void knows_uk_summer_time(void **state)
{
	(void)state;
	/* 2026: BST from 29 March 01:00 UTC to 25 October 01:00 UTC. */
	assert_false(date_uk_summer_time(1774745999)); /* 2026-03-29 00:59:59Z */
	assert_true(date_uk_summer_time(1774746000));  /* 01:00:00Z */
	assert_true(date_uk_summer_time(1792889999));  /* 2026-10-25 00:59:59Z */
	assert_false(date_uk_summer_time(1792890000));
	/* 23:30 UTC on 1 July is already 2 July in the UK. */
	struct date t = date_uk_today(1782948600); /* 2026-07-01T23:30:00Z */
	assert_int_equal(t.month, 7);
	assert_int_equal(t.day, 2);
	t = date_uk_today(1767310200); /* 2026-01-01T23:30:00Z: GMT */
	assert_int_equal(t.day, 1);
}

static void weekly_and_fortnightly(void **state)
{
	(void)state;
	struct dropin_rule weekly = {2, DROPIN_WEEKLY, 0, d("2026-01-06"), false, {0, 0, 0}};
	const char *w[] = {"2026-11-24", "2026-12-01", "2026-12-08"};
	expect_dates(&weekly, "2026-11-22", w, 3);
	const char *same_day[] = {"2026-11-24"};
	expect_dates(&weekly, "2026-11-24", same_day, 1);
	const char *before_start[] = {"2026-01-06", "2026-01-13"};
	expect_dates(&weekly, "2025-06-01", before_start, 2);

	struct dropin_rule fortnightly = {5, DROPIN_FORTNIGHTLY, 0, d("2026-01-09"), false, {0, 0, 0}};
	const char *f[] = {"2026-11-27", "2026-12-11", "2026-12-25", "2027-01-08"};
	expect_dates(&fortnightly, "2026-11-22", f, 4);
	const char *skip[] = {"2026-12-11"};
	expect_dates(&fortnightly, "2026-11-28", skip, 1);
}

static void monthly_nth_and_last(void **state)
{
	(void)state;
	struct dropin_rule first_thursday = {4, DROPIN_MONTHLY, 1, d("2026-01-01"), false, {0, 0, 0}};
	const char *t[] = {"2026-12-03", "2027-01-07", "2027-02-04"};
	expect_dates(&first_thursday, "2026-11-22", t, 3);
	struct dropin_rule last_tuesday = {2, DROPIN_MONTHLY, -1, d("2026-01-01"), false, {0, 0, 0}};
	const char *l[] = {"2026-11-24", "2026-12-29", "2027-01-26", "2027-02-23"};
	expect_dates(&last_tuesday, "2026-11-22", l, 4);
	/* A fifth Monday only some months have. */
	struct dropin_rule fifth_monday = {1, DROPIN_MONTHLY, 5, d("2026-01-01"), false, {0, 0, 0}};
	const char *fifth[] = {"2026-03-30", "2026-06-29", "2026-08-31"};
	expect_dates(&fifth_monday, "2026-01-01", fifth, 3);
	/* Not before its first date, even when the month's day is earlier. */
	struct dropin_rule starts_late = {4, DROPIN_MONTHLY, 1, d("2026-12-10"), false, {0, 0, 0}};
	const char *late[] = {"2027-01-07"};
	expect_dates(&starts_late, "2026-11-01", late, 1);
}

static void describes_rules(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct dropin_rule r = {3, DROPIN_WEEKLY, 0, d("2026-01-07"), false, {0, 0, 0}};
	assert_string_equal(dropin_describe(a, &r), "every Wednesday");
	r.frequency = DROPIN_FORTNIGHTLY;
	assert_string_equal(dropin_describe(a, &r), "every other Wednesday");
	r.frequency = DROPIN_MONTHLY;
	r.week_of_month = 2;
	assert_string_equal(dropin_describe(a, &r), "on the second Wednesday of the month");
	r.week_of_month = -1;
	assert_string_equal(dropin_describe(a, &r), "on the last Wednesday of the month");
	assert_string_equal(dropin_weekday_name(7), "Sunday");
	assert_string_equal(dropin_weekday_name(0), "?");
	arena_free(a);
}

static void finds_the_postcode_an_address_ends_with(void **state)
{
	(void)state;
	char pc[POSTCODE_SIZE];
	assert_true(dropin_address_postcode("54 Wheatlands Grove, York YO26 5NH", pc));
	assert_string_equal(pc, "YO26 5NH");
	assert_true(dropin_address_postcode("Front Street, York,yo243bx  ", pc));
	assert_string_equal(pc, "YO24 3BX");
	assert_true(dropin_address_postcode("SW1A 1AA", pc));
	assert_string_equal(pc, "SW1A 1AA");
	assert_false(dropin_address_postcode("Front Street, Acomb, York", pc));
	assert_string_equal(pc, "");
	assert_false(dropin_address_postcode("Unit 5NH", pc));
	assert_false(dropin_address_postcode("", pc));
	assert_false(dropin_address_postcode("   ", pc));
	assert_false(dropin_address_postcode("A road, YO26 5NHX", pc));
}

static void chooses_the_nearest_else_the_soonest(void **state)
{
	(void)state;
	struct date next[] = {d("2026-03-09"), d("2026-03-03"), d("2026-03-05")};
	/* The nearest placed one, even when another is sooner. */
	assert_int_equal(dropin_choose((double[]){-1, 900, 300}, next, 3), 2);
	assert_int_equal(dropin_choose((double[]){900, -1, -1}, next, 3), 0);
	assert_int_equal(dropin_choose((double[]){0, 5, -1}, next, 3), 0);
	/* Of equals, the first. */
	assert_int_equal(dropin_choose((double[]){400, 400, 400}, next, 3), 0);
	/* None placed: the soonest; of equals, the first. */
	assert_int_equal(dropin_choose((double[]){-1, -1, -1}, next, 3), 1);
	struct date same[] = {d("2026-03-05"), d("2026-03-05")};
	assert_int_equal(dropin_choose((double[]){-1, -1}, same, 2), 0);
	assert_int_equal(dropin_choose((double[]){-1}, next, 1), 0);
}

static struct date dropin_next(const struct dropin_rule *rule, struct date from)
{
	struct date next;
	return dropin_next_dates(rule, from, &next, 1) == 1 ? next : DROPIN_NEVER;
}

static void next_date_of_a_rule(void **state)
{
	(void)state;
	struct dropin_rule tuesdays = {2, DROPIN_WEEKLY, 0, d("2026-01-06"), false, {0, 0, 0}};
	char text[11];
	date_format(dropin_next(&tuesdays, d("2026-03-04")), text);
	assert_string_equal(text, "2026-03-10");
	date_format(dropin_next(&tuesdays, d("2026-03-10")), text);
	assert_string_equal(text, "2026-03-10");
	date_format(dropin_next(&tuesdays, d("2025-01-01")), text);
	assert_string_equal(text, "2026-01-06");
	/* Later than every date a drop-in has. */
	assert_true(date_to_days(DROPIN_NEVER) > date_to_days(d("2999-12-30")));
}

/* A rule with a last date: none after it, and its final date. */
static void ends_on_its_last_date(void **state)
{
	(void)state;
	struct dropin_rule fridays = {5, DROPIN_WEEKLY, 0, d("2026-01-02"), true, d("2026-01-20")};
	const char *w[] = {"2026-01-09", "2026-01-16"};
	expect_dates(&fridays, "2026-01-05", w, 2);
	struct date got[4];
	assert_int_equal(dropin_next_dates(&fridays, d("2026-01-05"), got, 4), 2);
	assert_int_equal(dropin_next_dates(&fridays, d("2026-01-17"), got, 4), 0);
	struct date final;
	assert_true(dropin_final_date(&fridays, &final));
	assert_int_equal(date_to_days(final), date_to_days(d("2026-01-16")));
	/* Ending on its very last date keeps that date. */
	fridays.last = d("2026-01-16");
	assert_int_equal(dropin_next_dates(&fridays, d("2026-01-16"), got, 4), 1);
	/* Ending before it starts leaves it no date at all. */
	fridays.last = d("2026-01-01");
	assert_false(dropin_final_date(&fridays, &final));
	/* Monthly: the last Tuesday up to a date in the middle of a month. */
	struct dropin_rule last_tuesday = {2, DROPIN_MONTHLY, -1, d("2026-01-01"), true,
					   d("2026-12-15")};
	assert_true(dropin_final_date(&last_tuesday, &final));
	assert_int_equal(date_to_days(final), date_to_days(d("2026-11-24")));
	assert_int_equal(dropin_next_dates(&last_tuesday, d("2026-11-25"), got, 4), 0);
	/* Going on: no final date. */
	last_tuesday.ends = false;
	assert_false(dropin_final_date(&last_tuesday, &final));
}

static struct dropin fridays_with(struct dropin_cancellation *x, size_t n)
{
	struct dropin dropin = {0};
	dropin.rule = (struct dropin_rule){5, DROPIN_WEEKLY, 0, d("2026-01-02"), false, {0, 0, 0}};
	dropin.cancellations = x;
	dropin.cancellation_count = n;
	return dropin;
}

/* Cancelled dates are told, and the next date that happens follows. */
static void next_dates_know_cancellations(void **state)
{
	(void)state;
	struct dropin_cancellation x[] = {{"a", d("2026-12-11"), "the hall is closed", NULL},
					  {"b", d("2026-12-18"), "Christmas", NULL}};
	struct dropin fridays = fridays_with(x, 2);
	struct dropin_upcoming up;
	dropin_upcoming(&fridays, d("2026-12-07"), &up);
	assert_non_null(up.cancelled);
	assert_string_equal(up.cancelled->reason, "the hall is closed");
	assert_int_equal(date_to_days(up.next), date_to_days(d("2026-12-25")));
	dropin_upcoming(&fridays, d("2026-12-12"), &up);
	assert_string_equal(up.cancelled->reason, "Christmas");
	dropin_upcoming(&fridays, d("2026-12-19"), &up);
	assert_null(up.cancelled);
	assert_int_equal(date_to_days(up.next), date_to_days(d("2026-12-25")));
	assert_ptr_equal(dropin_cancelled(&fridays, d("2026-12-18")), &x[1]);
	assert_null(dropin_cancelled(&fridays, d("2026-12-25")));
	/* Every date left cancelled: none happens. */
	fridays.rule.ends = true;
	fridays.rule.last = d("2026-12-18");
	dropin_upcoming(&fridays, d("2026-12-07"), &up);
	assert_int_equal(date_to_days(up.next), date_to_days(DROPIN_NEVER));
	assert_non_null(up.cancelled);
	assert_true(dropin_goes_on(&fridays, d("2026-12-18")));
	assert_false(dropin_goes_on(&fridays, d("2026-12-19")));
}

/* Today's session is next until it has ended, London time, then the
 * next week's: at 4pm a morning drop-in is not offered as today's. */
static void next_date_skips_today_once_ended(void **state)
{
	(void)state;
	struct dropin wednesdays = {0};
	wednesdays.rule = (struct dropin_rule){3, DROPIN_WEEKLY, 0, d("2026-01-07"), false, {0, 0, 0}};
	wednesdays.starts = "09:30";
	wednesdays.ends = "11:30";
	struct dropin_upcoming up;
	/* Winter: London is UTC. */
	dropin_upcoming_at(&wednesdays, date_uk_instant(d("2026-12-02"), 11, 29), &up);
	assert_int_equal(date_to_days(up.next), date_to_days(d("2026-12-02")));
	dropin_upcoming_at(&wednesdays, date_uk_instant(d("2026-12-02"), 11, 30), &up);
	assert_int_equal(date_to_days(up.next), date_to_days(d("2026-12-09")));
	dropin_upcoming_at(&wednesdays, date_uk_instant(d("2026-12-02"), 16, 5), &up);
	assert_int_equal(date_to_days(up.next), date_to_days(d("2026-12-09")));
	/* Summer: 11:30 in London is 10:30 UTC. */
	dropin_upcoming_at(&wednesdays, date_uk_instant(d("2026-07-01"), 11, 29), &up);
	assert_int_equal(date_to_days(up.next), date_to_days(d("2026-07-01")));
	dropin_upcoming_at(&wednesdays, date_uk_instant(d("2026-07-01"), 11, 30), &up);
	assert_int_equal(date_to_days(up.next), date_to_days(d("2026-07-08")));
	/* The day before: today is not its day, the next is. */
	dropin_upcoming_at(&wednesdays, date_uk_instant(d("2026-12-01"), 23, 59), &up);
	assert_int_equal(date_to_days(up.next), date_to_days(d("2026-12-02")));
}

/* A date to cancel is one of its dates, still to come, not cancelled. */
static void checks_the_date_to_cancel(void **state)
{
	(void)state;
	struct dropin_cancellation x[] = {{"a", d("2026-12-11"), "the hall is closed", NULL}};
	struct dropin fridays = fridays_with(x, 1);
	fridays.rule.ends = true;
	fridays.rule.last = d("2027-01-29");
	struct date today = d("2026-12-07"), got;
	struct err e;
	err_clear(&e);
	assert_int_equal(dropin_check_cancel_date(&fridays, "2026-12-04", today, &got, &e),
			 RESULT_INVALID);
	assert_non_null(strstr(err_field_message(&e, "on_date"), "passed"));
	const char *bad[] = {"2026-12-10", "2027-02-05", "2026-12-11", "11/12/2026", "", NULL};
	const char *why[] = {"does not happen", "does not happen", "already", "real date",
			     "choose", "choose"};
	for (size_t i = 0; i < sizeof why / sizeof *why; i++) {
		err_clear(&e);
		assert_int_equal(dropin_check_cancel_date(&fridays, bad[i], today, &got, &e),
				 RESULT_INVALID);
		assert_non_null(strstr(err_field_message(&e, "on_date"), why[i]));
	}
	err_clear(&e);
	assert_int_equal(dropin_check_cancel_date(&fridays, "2026-12-18", today, &got, &e),
			 RESULT_OK);
	assert_int_equal(date_to_days(got), date_to_days(d("2026-12-18")));
	/* Today is still to come. */
	assert_int_equal(dropin_check_cancel_date(&fridays, "2027-01-29", d("2027-01-29"), &got,
						  &e),
			 RESULT_OK);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parses_and_counts_days),
		cmocka_unit_test(knows_uk_summer_time),
		cmocka_unit_test(weekly_and_fortnightly),
		cmocka_unit_test(monthly_nth_and_last),
		cmocka_unit_test(describes_rules),
		cmocka_unit_test(finds_the_postcode_an_address_ends_with),
		cmocka_unit_test(chooses_the_nearest_else_the_soonest),
		cmocka_unit_test(next_date_of_a_rule),
		cmocka_unit_test(ends_on_its_last_date),
		cmocka_unit_test(next_dates_know_cancellations),
		cmocka_unit_test(next_date_skips_today_once_ended),
		cmocka_unit_test(checks_the_date_to_cancel),
	};
	return cmocka_run_group_tests_name("dropin", tests, NULL, NULL);
}
