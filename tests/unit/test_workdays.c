/* Working days: the bank-holiday rules against GOV.UK's list, the list's
 * one-off holidays, a file extending it, and the due-date arithmetic
 * across Christmas, Easter, the late May and August holidays and leave. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/err.h"
#include "core/workdays.h"

extern const char *const bank_holidays_ew[];
extern const size_t bank_holidays_ew_count;

static struct date d(const char *s)
{
	struct date out = {0, 0, 0};
	if (!date_parse(s, &out))
		fail_msg("bad date in test: %s", s);
	return out;
}

static void expect_due(const struct holidays *h, const char *from, int n, const char *want,
		       const struct day_range *off, size_t off_count)
{
	char got[11];
	date_format(workdays_after(h, d(from), n, off, off_count), got);
	if (strcmp(got, want) != 0)
		fail_msg("%d working days after %s: got %s, want %s", n, from, got, want);
}

/* In years without one-off holidays, the rules give GOV.UK's list. */
static void rules_agree_with_the_published_list(void **state)
{
	(void)state;
	int checked = 0;
	for (int year = 2013; year <= 2028; year++) {
		if (year == 2020 || year == 2022 || year == 2023)
			continue; /* VE Day moved; jubilee and funeral; coronation */
		char listed[8][11];
		size_t n_listed = 0;
		char prefix[16];
		snprintf(prefix, sizeof prefix, "%d-", year);
		for (size_t i = 0; i < bank_holidays_ew_count; i++)
			if (strncmp(bank_holidays_ew[i], prefix, 5) == 0 && n_listed < 8)
				snprintf(listed[n_listed++], 11, "%s", bank_holidays_ew[i]);
		struct date ruled[8];
		size_t n = holidays_by_rule(year, ruled);
		assert_int_equal(n, n_listed);
		for (size_t i = 0; i < n; i++) {
			char s[11];
			date_format(ruled[i], s);
			bool found = false;
			for (size_t j = 0; j < n_listed; j++)
				found |= strcmp(s, listed[j]) == 0;
			if (!found)
				fail_msg("%d: the rules give %s, which GOV.UK does not list", year, s);
		}
		checked++;
	}
	assert_int_equal(checked, 13);
}

static void the_list_has_what_the_rules_cannot_know(void **state)
{
	(void)state;
	struct holidays *h = holidays_new();
	assert_true(holidays_contains(h, d("2022-06-03")));  /* Platinum Jubilee */
	assert_true(holidays_contains(h, d("2022-09-19")));  /* State funeral */
	assert_true(holidays_contains(h, d("2023-05-08")));  /* Coronation */
	assert_true(holidays_contains(h, d("2020-05-08")));  /* VE Day, moved */
	assert_false(holidays_contains(h, d("2020-05-04"))); /* ...from here */
	/* Substitute days, and beyond the list the rules. */
	assert_true(holidays_contains(h, d("2027-12-27")));
	assert_true(holidays_contains(h, d("2027-12-28")));
	assert_true(holidays_contains(h, d("2030-04-19")));  /* Good Friday 2030 */
	assert_true(holidays_contains(h, d("2030-04-22")));  /* Easter Monday */
	assert_true(holidays_contains(h, d("2029-12-25")));
	assert_true(holidays_contains(h, d("2018-08-27")));
	assert_false(holidays_contains(h, d("2030-04-23")));
	/* Outside the years held in the bitmap the rules still answer. */
	assert_true(holidays_contains(h, d("2150-12-25")));
	assert_false(holidays_contains(h, d("2150-12-24")));
	holidays_free(h);
}

static void a_file_extends_and_replaces_years(void **state)
{
	(void)state;
	char path[] = "/tmp/alongside-holidays-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	const char json[] = "{\"england-and-wales\":{\"division\":\"england-and-wales\",\"events\":["
			    "{\"title\":\"New Year\",\"date\":\"2029-01-01\"},"
			    "{\"title\":\"Invented\",\"date\":\"2029-07-02\"}]}}";
	assert_int_equal(write(fd, json, sizeof json - 1), (ssize_t)(sizeof json - 1));
	close(fd);
	struct holidays *h = holidays_new();
	struct err e;
	assert_true(holidays_contains(h, d("2029-12-25")));
	assert_int_equal(holidays_add_file(h, path, &e), 0);
	assert_true(holidays_contains(h, d("2029-07-02")));
	/* The file's 2029 is the whole of 2029. */
	assert_false(holidays_contains(h, d("2029-12-25")));
	assert_true(holidays_contains(h, d("2030-12-25")));

	FILE *f = fopen(path, "w");
	fputs("{\"scotland\":{\"events\":[]}}", f);
	fclose(f);
	assert_int_equal(holidays_add_file(h, path, &e), -1);
	assert_non_null(strstr(e.msg, "england-and-wales"));
	f = fopen(path, "w");
	fputs("{\"england-and-wales\":{\"events\":[{\"date\":\"2029-02-30\"}]}}", f);
	fclose(f);
	assert_int_equal(holidays_add_file(h, path, &e), -1);
	assert_non_null(strstr(e.msg, "not a date"));
	f = fopen(path, "w");
	fputs("not json", f);
	fclose(f);
	assert_int_equal(holidays_add_file(h, path, &e), -1);
	assert_int_equal(holidays_add_file(h, "/nonexistent/holidays.json", &e), -1);
	/* Refused files changed nothing. */
	assert_true(holidays_contains(h, d("2029-07-02")));
	unlink(path);
	holidays_free(h);
}

static void due_dates_skip_weekends_holidays_and_leave(void **state)
{
	(void)state;
	struct holidays *h = holidays_new();
	/* A Friday evening introduction: Monday, Tuesday, Wednesday. */
	expect_due(h, "2026-11-20", 3, "2026-11-25", NULL, 0);
	/* A Tuesday: Wednesday, Thursday, Friday. */
	expect_due(h, "2026-11-24", 3, "2026-11-27", NULL, 0);
	/* On a Sunday: Monday is the first day. */
	expect_due(h, "2026-11-22", 3, "2026-11-25", NULL, 0);
	/* Christmas 2026: Friday 25th, Boxing Day Saturday, substitute Monday 28th. */
	assert_true(holidays_contains(h, d("2026-12-28")));
	expect_due(h, "2026-12-23", 3, "2026-12-30", NULL, 0);
	/* Christmas 2027 at the weekend: both substitutes, 27th and 28th. */
	expect_due(h, "2027-12-24", 3, "2027-12-31", NULL, 0);
	/* New Year 2028 is a Saturday: Monday 3rd is the holiday. */
	expect_due(h, "2027-12-31", 1, "2028-01-04", NULL, 0);
	/* Easter 2027: Good Friday 26 March, Easter Monday 29 March. */
	expect_due(h, "2027-03-25", 3, "2027-04-01", NULL, 0);
	/* The late May bank holiday 2026 (25 May) and August (31 August). */
	expect_due(h, "2026-05-22", 3, "2026-05-28", NULL, 0);
	expect_due(h, "2026-08-28", 2, "2026-09-02", NULL, 0);
	/* Leave on Monday and Tuesday pushes a Friday introduction to Friday. */
	struct day_range leave = {date_to_days(d("2026-11-23")), date_to_days(d("2026-11-24"))};
	expect_due(h, "2026-11-20", 3, "2026-11-27", &leave, 1);
	assert_false(workday(h, d("2026-11-23"), &leave, 1));
	assert_true(workday(h, d("2026-11-23"), NULL, 0));
	assert_false(workday(h, d("2026-11-21"), NULL, 0));
	holidays_free(h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rules_agree_with_the_published_list),
		cmocka_unit_test(the_list_has_what_the_rules_cannot_know),
		cmocka_unit_test(a_file_extends_and_replaces_years),
		cmocka_unit_test(due_dates_skip_weekends_holidays_and_leave),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
