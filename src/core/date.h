#ifndef ALONGSIDE_CORE_DATE_H
#define ALONGSIDE_CORE_DATE_H

#include <stdbool.h>
#include <time.h>

/*
 * Calendar dates without time zones, as days since 1970-01-01, and the
 * date in the United Kingdom now.  The UK's clock change rule (last Sunday
 * of March and October, at 01:00 UTC) is coded here rather than taken from
 * the process's TZ, so a server's own settings cannot change what day it
 * is for the people it serves.
 */

struct date {
	int year;
	int month; /* 1-12 */
	int day;   /* 1-31 */
};

/* Parses "YYYY-MM-DD" strictly (a real date, years 1900-2999). */
bool date_parse(const char *s, struct date *out);
/* Writes "YYYY-MM-DD" (11 bytes with the NUL). */
void date_format(struct date d, char out[11]);

long date_to_days(struct date d);
struct date date_from_days(long days);
/* ISO weekday: 1 Monday ... 7 Sunday. */
int date_weekday(struct date d);
int date_days_in_month(int year, int month);

/* True while British Summer Time is in force at the instant t. */
bool date_uk_summer_time(time_t t);
/* The date in the UK at the instant t. */
struct date date_uk_today(time_t t);
/* The instant a UK wall clock shows hour:minute on day d (of the hour the
 * autumn change repeats, the first). */
time_t date_uk_instant(struct date d, int hour, int minute);
/* What a UK wall clock shows at the instant t: the date, and the hour and
 * minute in *hour and *minute. */
struct date date_uk_clock(time_t t, int *hour, int *minute);

#endif
