#ifndef ALONGSIDE_CORE_DATE_H
#define ALONGSIDE_CORE_DATE_H

#include <stdbool.h>
#include <time.h>

struct arena;

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
/* The date in the UK at a stored instant (clock_utc_iso8601's
 * "YYYY-MM-DDTHH:MM:SS.mmmZ"), as date_uk_today of
 * clock_parse_iso8601's seconds; false for NULL or a text not in the
 * stored form.  Read without the C library's time conversions, which
 * take a lock of the whole process: a report reads a hundred thousand of
 * them on several threads at once. */
bool date_uk_of_stored(const char *at, struct date *out);
/* The instant a UK wall clock shows hour:minute on day d (of the hour the
 * autumn change repeats, the first). */
time_t date_uk_instant(struct date d, int hour, int minute);
/* What a UK wall clock shows at the instant t: the date, and the hour and
 * minute in *hour and *minute. */
struct date date_uk_clock(time_t t, int *hour, int *minute);

/*
 * Dates and times as staff type and read them (GOV.UK's patterns): a date
 * in three fields, day, month and year; a time as people write one; and
 * both shown in words, Europe/London, "Tuesday 1 December 2026 at
 * 10:12am".  Stored times stay UTC ISO-8601; these are for pages only.
 */

/* Which part of a date typed in three fields is wrong, so a form can mark
 * that field: DATE_BLANK when all three are empty. */
enum date_fault { DATE_OK, DATE_BLANK, DATE_DAY, DATE_MONTH, DATE_YEAR };

/* Reads a date typed as day, month and year (NULL is empty; spaces
 * around a part are ignored): a day 1-31, a month 1-12 or its name
 * ("Dec", "december"), a year of four digits, 1900-2999.  A day the month
 * does not have (31 February) is the day's fault.  *out only on DATE_OK. */
enum date_fault date_parse_parts(const char *day, const char *month, const char *year,
				 struct date *out);

/* Reads a time of day as people write one: "10:12am", "10.12 pm", "2pm",
 * "14:30", "09:05", "midday", "noon", "midnight".  With am or pm the hour
 * is 1-12 ("12am" is midnight, "13:00pm" nothing); without, 0-23.  False
 * for anything else, empty included. */
bool date_parse_clock(const char *s, int *hour, int *minute);

#define DATE_CLOCK_TEXT_SIZE 12
/* A time of day the GOV.UK way: "10:12am", "2pm", "midday", "midnight". */
void date_clock_text(int hour, int minute, char out[DATE_CLOCK_TEXT_SIZE]);

#define DATE_LONG_TEXT_SIZE 32
/* "Tuesday 1 December 2026". */
void date_long_text(struct date d, char out[DATE_LONG_TEXT_SIZE]);

/* The instant a UK wall clock shows hour:minute on day d, as a time is
 * stored: "YYYY-MM-DDTHH:MM:00.000Z" (out holds CLOCK_ISO8601_SIZE, 32). */
void date_uk_instant_text(struct date d, int hour, int minute, char out[32]);

/* A stored time (anything clock_instant_utc reads) as a UK wall clock
 * shows it, in words: "Tuesday 1 December 2026 at 10:12am", in the arena;
 * s itself when it is no time (NULL included). */
const char *date_uk_when(struct arena *a, const char *s);
/* The UK day of a stored time: "Tuesday 1 December 2026"; s itself when
 * it is no time. */
const char *date_uk_day(struct arena *a, const char *s);

#endif
