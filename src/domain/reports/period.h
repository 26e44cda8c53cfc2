#ifndef ALONGSIDE_DOMAIN_REPORTS_PERIOD_H
#define ALONGSIDE_DOMAIN_REPORTS_PERIOD_H

#include <stdbool.h>

struct err;

/*
 * The stretch of days a report covers: first and last day inclusive
 * (YYYY-MM-DD, Europe/London), and how a person would name it.
 *
 * Financial-year quarters run April to March: "2026-27-Q3" (the form a
 * URL and the command line use; "2026-27 Q3" is read too) is 1 October to
 * 31 December 2026, and is labelled "2026-27 Q3 (October to December
 * 2026)".  Any two dates make a period too, labelled "1 October 2026 to
 * 31 December 2026".  A period is at most five years long.
 *
 * Errors are RESULT_INVALID naming the field: "quarter", "from" or "to",
 * in words a person can act on ("enter a quarter like 2026-27-Q3").
 */

struct report_period {
	char from[11];        /* YYYY-MM-DD, inclusive */
	char to[11];          /* YYYY-MM-DD, inclusive */
	char quarter[11];     /* "2026-27-Q3", or "" for a period of dates */
	char label[96];
};

/* "2026-27-Q3" or "2026-27 Q3". */
int period_quarter(const char *text, struct report_period *out, struct err *e);

/* From and to, both YYYY-MM-DD, from on or before to. */
int period_dates(const char *from, const char *to, struct report_period *out, struct err *e);

/* The quarter holding the day (YYYY-MM-DD, assumed valid), and the one
 * before it: what "last quarter" means on the reports' first page. */
void period_quarter_of(const char *day, struct report_period *out);
void period_previous_quarter(const char *day, struct report_period *out);

/* The months a period touches, for tables by month: writes up to max
 * "YYYY-MM" strings (8 bytes each) and returns how many there are. */
int period_months(const struct report_period *p, char (*months)[8], int max);

#endif
