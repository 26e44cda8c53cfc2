/* Report periods (domain/reports/period.h): financial-year quarters from
 * April to March in both spellings, Q4 running into the new year, any
 * two dates, the quarter of a day and the one before it, the months a
 * period touches, and bad input refused at its field with words a person
 * can act on. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "core/err.h"
#include "domain/reports/period.h"

static void a_quarter_is_three_months_of_the_financial_year(void **state)
{
	(void)state;
	struct report_period p;
	struct err e = {0};
	assert_int_equal(period_quarter("2026-27-Q3", &p, &e), RESULT_OK);
	assert_string_equal(p.from, "2026-10-01");
	assert_string_equal(p.to, "2026-12-31");
	assert_string_equal(p.quarter, "2026-27-Q3");
	assert_string_equal(p.label, "2026-27 Q3 (October to December 2026)");
	assert_int_equal(period_quarter("2026-27 Q1", &p, &e), RESULT_OK);
	assert_string_equal(p.from, "2026-04-01");
	assert_string_equal(p.to, "2026-06-30");
	assert_string_equal(p.quarter, "2026-27-Q1");
	assert_int_equal(period_quarter("2026-27-Q2", &p, &e), RESULT_OK);
	assert_string_equal(p.from, "2026-07-01");
	assert_string_equal(p.to, "2026-09-30");
}

static void the_fourth_quarter_runs_into_the_new_year(void **state)
{
	(void)state;
	struct report_period p;
	struct err e = {0};
	assert_int_equal(period_quarter("2026-27-Q4", &p, &e), RESULT_OK);
	assert_string_equal(p.from, "2027-01-01");
	assert_string_equal(p.to, "2027-03-31");
	assert_string_equal(p.label, "2026-27 Q4 (January to March 2027)");
	/* A leap year's February is inside Q4 of the year before. */
	assert_int_equal(period_quarter("2027-28-Q4", &p, &e), RESULT_OK);
	assert_string_equal(p.to, "2028-03-31");
	assert_int_equal(period_quarter("1999-00-Q4", &p, &e), RESULT_OK);
	assert_string_equal(p.from, "2000-01-01");
	assert_string_equal(p.quarter, "1999-00-Q4");
}

static void a_quarter_not_written_as_one_is_refused_at_its_field(void **state)
{
	(void)state;
	const char *bad[] = {"",           "2026-Q3",     "2026-27-Q5", "2026-27-Q0",
			     "2026-28-Q3", "2026/27-Q3",  "2026-27Q3",  "2026-27-Q33",
			     "abcd-ef-Q1", "2026-27 Q3 ", NULL};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct report_period p;
		struct err e = {0};
		assert_int_equal(period_quarter(bad[i], &p, &e), RESULT_INVALID);
		assert_non_null(err_field_message(&e, "quarter"));
		assert_string_equal(p.from, "");
	}
	struct report_period p;
	struct err e = {0};
	period_quarter("2026-28-Q3", &p, &e);
	assert_string_equal(err_field_message(&e, "quarter"),
			    "A financial year runs into the next: enter 2026-27, not 2026-28");
	err_clear(&e);
	period_quarter("2026-Q3", &p, &e);
	assert_string_equal(err_field_message(&e, "quarter"),
			    "Enter a quarter like 2026-27-Q3 (the financial year, then Q1 to Q4)");
}

static void any_two_dates_make_a_period(void **state)
{
	(void)state;
	struct report_period p;
	struct err e = {0};
	assert_int_equal(period_dates("2026-10-01", "2026-12-31", &p, &e), RESULT_OK);
	assert_string_equal(p.from, "2026-10-01");
	assert_string_equal(p.to, "2026-12-31");
	assert_string_equal(p.quarter, "");
	assert_string_equal(p.label, "1 October 2026 to 31 December 2026");
	assert_int_equal(period_dates("2026-12-25", "2026-12-25", &p, &e), RESULT_OK);
	assert_string_equal(p.label, "25 December 2026 to 25 December 2026");
}

static void bad_dates_are_refused_at_their_fields(void **state)
{
	(void)state;
	struct report_period p;
	struct err e = {0};
	assert_int_equal(period_dates("2026-02-30", "yesterday", &p, &e), RESULT_INVALID);
	assert_non_null(err_field_message(&e, "from"));
	assert_non_null(err_field_message(&e, "to"));
	err_clear(&e);
	assert_int_equal(period_dates("2026-12-31", "2026-10-01", &p, &e), RESULT_INVALID);
	assert_string_equal(err_field_message(&e, "to"),
			    "The last day must be the same as or after the first day");
	err_clear(&e);
	assert_int_equal(period_dates("2020-01-01", "2025-01-02", &p, &e), RESULT_INVALID);
	assert_non_null(err_field_message(&e, "to"));
	err_clear(&e);
	assert_int_equal(period_dates(NULL, "2026-01-01", &p, &e), RESULT_INVALID);
	assert_non_null(err_field_message(&e, "from"));
	assert_string_equal(p.from, "");
	err_clear(&e);
	/* Five years to the day is allowed. */
	assert_int_equal(period_dates("2021-04-01", "2026-03-31", &p, &e), RESULT_OK);
}

static void the_quarter_of_a_day_and_the_one_before(void **state)
{
	(void)state;
	struct report_period p;
	period_quarter_of("2026-12-02", &p);
	assert_string_equal(p.quarter, "2026-27-Q3");
	period_previous_quarter("2026-12-02", &p);
	assert_string_equal(p.quarter, "2026-27-Q2");
	assert_string_equal(p.from, "2026-07-01");
	period_quarter_of("2027-02-14", &p);
	assert_string_equal(p.quarter, "2026-27-Q4");
	period_previous_quarter("2027-02-14", &p);
	assert_string_equal(p.quarter, "2026-27-Q3");
	/* The first quarter's previous is the last of the year before. */
	period_previous_quarter("2026-04-01", &p);
	assert_string_equal(p.quarter, "2025-26-Q4");
	assert_string_equal(p.from, "2026-01-01");
	assert_string_equal(p.to, "2026-03-31");
	period_quarter_of("2026-03-31", &p);
	assert_string_equal(p.quarter, "2025-26-Q4");
}

static void the_months_a_period_touches(void **state)
{
	(void)state;
	struct report_period p;
	struct err e = {0};
	char months[12][8];
	assert_int_equal(period_quarter("2026-27-Q4", &p, &e), RESULT_OK);
	assert_int_equal(period_months(&p, months, 12), 3);
	assert_string_equal(months[0], "2027-01");
	assert_string_equal(months[2], "2027-03");
	assert_int_equal(period_dates("2026-11-30", "2027-01-01", &p, &e), RESULT_OK);
	assert_int_equal(period_months(&p, months, 12), 3);
	assert_string_equal(months[0], "2026-11");
	assert_string_equal(months[1], "2026-12");
	assert_string_equal(months[2], "2027-01");
	/* Never more than asked for. */
	assert_int_equal(period_dates("2025-01-01", "2026-12-31", &p, &e), RESULT_OK);
	assert_int_equal(period_months(&p, months, 12), 12);
	assert_string_equal(months[11], "2025-12");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_quarter_is_three_months_of_the_financial_year),
		cmocka_unit_test(the_fourth_quarter_runs_into_the_new_year),
		cmocka_unit_test(a_quarter_not_written_as_one_is_refused_at_its_field),
		cmocka_unit_test(any_two_dates_make_a_period),
		cmocka_unit_test(bad_dates_are_refused_at_their_fields),
		cmocka_unit_test(the_quarter_of_a_day_and_the_one_before),
		cmocka_unit_test(the_months_a_period_touches),
	};
	return cmocka_run_group_tests_name("period", tests, NULL, NULL);
}
