#include "domain/reports/period.h"

#include "core/date.h"
#include "core/err.h"

#include <stdio.h>
#include <string.h>

static const char *const month_names[] = {"January", "February", "March",     "April",
					  "May",     "June",     "July",      "August",
					  "September", "October", "November", "December"};

/* The longest a period may be, in days: five years and their leap days. */
#define PERIOD_MAX_DAYS (5 * 365 + 2)

/* The financial year starting in April of `year`, quarter q (1-4). */
static void quarter_fill(int year, int q, struct report_period *out)
{
	int first_month = 4 + 3 * (q - 1); /* 4, 7, 10, 13 */
	int y = year + (first_month > 12);
	int m = (first_month - 1) % 12 + 1;
	struct date from = {y, m, 1};
	struct date to = {y, m + 2, date_days_in_month(y, m + 2)};
	date_format(from, out->from);
	date_format(to, out->to);
	/* The moduli only tell the compiler the widths period_quarter checked. */
	snprintf(out->quarter, sizeof out->quarter, "%04u-%02u-Q%u", (unsigned)year % 10000u,
		 (unsigned)(year + 1) % 100u, (unsigned)q % 10u);
	snprintf(out->label, sizeof out->label, "%04d-%02d Q%d (%s to %s %d)", year,
		 (year + 1) % 100, q, month_names[m - 1], month_names[m + 1], y);
}

static bool digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

int period_quarter(const char *text, struct report_period *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	/* "2026-27-Q3" or "2026-27 Q3": ten characters either way. */
	if (!text || strlen(text) != 10 || !digits(text, 4) || text[4] != '-' ||
	    !digits(text + 5, 2) || (text[7] != '-' && text[7] != ' ') ||
	    (text[8] != 'Q' && text[8] != 'q') || text[9] < '1' || text[9] > '4')
		return err_field(e, "quarter",
				 "Enter a quarter like 2026-27-Q3 (the financial year, then Q1 to Q4)");
	int year = (text[0] - '0') * 1000 + (text[1] - '0') * 100 + (text[2] - '0') * 10 +
		   (text[3] - '0');
	int next = (text[5] - '0') * 10 + (text[6] - '0');
	if (year < 1900 || year > 2998)
		return err_field(e, "quarter", "Enter a year from 1900 to 2998 for the quarter");
	if (next != (year + 1) % 100)
		return err_field(e, "quarter",
				 "A financial year runs into the next: enter %04d-%02d, not %.7s",
				 year, (year + 1) % 100, text);
	quarter_fill(year, text[9] - '0', out);
	return RESULT_OK;
}

/* "1 October 2026". */
static void day_words(struct date d, char *out, size_t size)
{
	snprintf(out, size, "%d %s %d", d.day, month_names[d.month - 1], d.year);
}

int period_dates(const char *from, const char *to, struct report_period *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	struct date f, t;
	bool f_ok = from && date_parse(from, &f), t_ok = to && date_parse(to, &t);
	if (!f_ok)
		err_field(e, "from", "Enter the first day as a real date, like 2026-10-01");
	if (!t_ok)
		err_field(e, "to", "Enter the last day as a real date, like 2026-12-31");
	if (!f_ok || !t_ok)
		return RESULT_INVALID;
	long span = date_to_days(t) - date_to_days(f);
	if (span < 0)
		return err_field(e, "to", "The last day must be the same as or after the first day");
	if (span >= PERIOD_MAX_DAYS)
		return err_field(e, "to", "A report covers at most five years: choose a later first "
					  "day or an earlier last day");
	date_format(f, out->from);
	date_format(t, out->to);
	char a[32], b[32];
	day_words(f, a, sizeof a);
	day_words(t, b, sizeof b);
	snprintf(out->label, sizeof out->label, "%s to %s", a, b);
	return RESULT_OK;
}

void period_quarter_of(const char *day, struct report_period *out)
{
	memset(out, 0, sizeof *out);
	struct date d;
	if (!date_parse(day, &d))
		return;
	/* April-June is Q1 of the year that starts that April; January-March
	 * is Q4 of the year that started the April before. */
	int year = d.month >= 4 ? d.year : d.year - 1;
	int q = d.month >= 4 ? (d.month - 4) / 3 + 1 : 4;
	quarter_fill(year, q, out);
}

void period_previous_quarter(const char *day, struct report_period *out)
{
	struct report_period this_one;
	period_quarter_of(day, &this_one);
	struct date first;
	if (!date_parse(this_one.from, &first)) {
		memset(out, 0, sizeof *out);
		return;
	}
	char before[11];
	date_format(date_from_days(date_to_days(first) - 1), before);
	period_quarter_of(before, out);
}

int period_months(const struct report_period *p, char (*months)[8], int max)
{
	struct date f, t;
	if (!date_parse(p->from, &f) || !date_parse(p->to, &t))
		return 0;
	int n = 0;
	for (int y = f.year, m = f.month; (y < t.year || (y == t.year && m <= t.month)) && n < max;
	     n++) {
		snprintf(months[n], 8, "%04d-%02d", y, m);
		if (++m > 12) {
			m = 1;
			y++;
		}
	}
	return n;
}
