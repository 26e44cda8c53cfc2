#include "core/date.h"

#include "core/arena.h"
#include "core/clock.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* Days from civil, after Howard Hinnant's public-domain algorithms. */
long date_to_days(struct date d)
{
	int y = d.year - (d.month <= 2);
	long era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153u * (unsigned)(d.month + (d.month > 2 ? -3 : 9)) + 2) / 5 +
		       (unsigned)d.day - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long)doe - 719468;
}

struct date date_from_days(long z)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long y = (long)yoe + era * 400;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	unsigned d = doy - (153 * mp + 2) / 5 + 1;
	unsigned m = mp < 10 ? mp + 3 : mp - 9;
	return (struct date){(int)(y + (m <= 2)), (int)m, (int)d};
}

int date_weekday(struct date d)
{
	long days = date_to_days(d); /* 1970-01-01 was a Thursday (4) */
	long w = (days % 7 + 7 + 3) % 7;
	return (int)w + 1;
}

int date_days_in_month(int year, int month)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
	return month == 2 && leap ? 29 : days[month - 1];
}

bool date_parse(const char *s, struct date *out)
{
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	struct date d = {
		(s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0'),
		(s[5] - '0') * 10 + (s[6] - '0'),
		(s[8] - '0') * 10 + (s[9] - '0'),
	};
	if (d.year < 1900 || d.year > 2999 || d.month < 1 || d.month > 12 ||
	    d.day < 1 || d.day > date_days_in_month(d.year, d.month))
		return false;
	*out = d;
	return true;
}

void date_format(struct date d, char out[11])
{
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)d.year % 10000u,
		 (unsigned)d.month % 100u, (unsigned)d.day % 100u);
}

/* The last Sunday of a month, as days since the epoch. */
static long last_sunday(int year, int month)
{
	struct date end = {year, month, date_days_in_month(year, month)};
	long days = date_to_days(end);
	return days - (date_weekday(end) % 7);
}

bool date_uk_summer_time(time_t t)
{
	long days = (long)(t / 86400) - (t % 86400 < 0);
	int year = date_from_days(days).year;
	long start = last_sunday(year, 3) * 86400 + 3600;
	long end = last_sunday(year, 10) * 86400 + 3600;
	return (long)t >= start && (long)t < end;
}

struct date date_uk_today(time_t t)
{
	time_t local = t + (date_uk_summer_time(t) ? 3600 : 0);
	long days = (long)(local / 86400) - (local % 86400 < 0);
	return date_from_days(days);
}

/* Two digits at s, or -1. */
static int two_digits(const char *s)
{
	if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9')
		return -1;
	return (s[0] - '0') * 10 + (s[1] - '0');
}

bool date_uk_of_stored(const char *at, struct date *out)
{
	if (!at)
		return false;
	char day_text[11];
	struct date d;
	int hour = -1, minute = -1, second = -1;
	if (strnlen(at, 19) == 19 && at[10] == 'T' && at[13] == ':' && at[16] == ':') {
		memcpy(day_text, at, 10);
		day_text[10] = '\0';
		hour = two_digits(at + 11);
		minute = two_digits(at + 14);
		second = two_digits(at + 17);
	}
	if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 ||
	    !date_parse(day_text, &d)) {
		/* Anything else as clock_parse_iso8601 reads it (which lets
		 * timegm carry a 60th second, say, into the next minute). */
		int64_t t;
		if (clock_parse_iso8601(at, &t) < 0)
			return false;
		*out = date_uk_today((time_t)t);
		return true;
	}
	long days = date_to_days(d);
	/* The clocks change at 01:00 UTC, so only from 23:00 UTC is the UK
	 * an hour, and a day, ahead. */
	time_t t = (time_t)(days * 86400L + hour * 3600L + minute * 60L + second);
	*out = hour == 23 && date_uk_summer_time(t) ? date_from_days(days + 1) : d;
	return true;
}

time_t date_uk_instant(struct date d, int hour, int minute)
{
	time_t t = (time_t)(date_to_days(d) * 86400L + hour * 3600L + minute * 60L);
	/* In summer the clock is an hour ahead of UTC. */
	return date_uk_summer_time(t - 3600) ? t - 3600 : t;
}

struct date date_uk_clock(time_t t, int *hour, int *minute)
{
	time_t local = t + (date_uk_summer_time(t) ? 3600 : 0);
	long seconds = (long)(local % 86400);
	if (seconds < 0)
		seconds += 86400;
	*hour = (int)(seconds / 3600);
	*minute = (int)(seconds / 60 % 60);
	return date_uk_today(t);
}

static const char *const month_names[] = {"January", "February", "March",     "April",
					  "May",     "June",     "July",      "August",
					  "September", "October", "November", "December"};
static const char *const weekday_names[] = {"Monday", "Tuesday", "Wednesday", "Thursday",
					    "Friday", "Saturday", "Sunday"};

/* s without the spaces around it, as [*start, *start + return). */
static size_t trimmed(const char *s, const char **start)
{
	if (!s)
		s = "";
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	*start = s;
	return n;
}

/* n digits at s as a number; -1 when there are none, too many or any is
 * not a digit. */
static int digits(const char *s, size_t n, size_t most)
{
	if (n == 0 || n > most)
		return -1;
	int v = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* A month as a number or its name (three letters at least). */
static int month_number(const char *s, size_t n)
{
	int m = digits(s, n, 2);
	if (m >= 0 || n < 3)
		return m;
	for (int i = 0; i < 12; i++)
		if (n <= strlen(month_names[i]) && strncasecmp(s, month_names[i], n) == 0)
			return i + 1;
	return -1;
}

enum date_fault date_parse_parts(const char *day, const char *month, const char *year,
				 struct date *out)
{
	const char *ds, *ms, *ys;
	size_t dn = trimmed(day, &ds), mn = trimmed(month, &ms), yn = trimmed(year, &ys);
	if (!dn && !mn && !yn)
		return DATE_BLANK;
	int d = digits(ds, dn, 2), m = month_number(ms, mn), y = yn == 4 ? digits(ys, yn, 4) : -1;
	if (d < 1 || d > 31)
		return DATE_DAY;
	if (m < 1 || m > 12)
		return DATE_MONTH;
	if (y < 1900 || y > 2999)
		return DATE_YEAR;
	if (d > date_days_in_month(y, m))
		return DATE_DAY;
	*out = (struct date){y, m, d};
	return DATE_OK;
}

bool date_parse_clock(const char *s, int *hour, int *minute)
{
	const char *p;
	size_t n = trimmed(s, &p);
	char t[16];
	if (n == 0 || n >= sizeof t)
		return false;
	for (size_t i = 0; i < n; i++)
		t[i] = (char)tolower((unsigned char)p[i]);
	t[n] = '\0';
	if (strcmp(t, "midday") == 0 || strcmp(t, "noon") == 0 || strcmp(t, "12 noon") == 0) {
		*hour = 12, *minute = 0;
		return true;
	}
	if (strcmp(t, "midnight") == 0) {
		*hour = 0, *minute = 0;
		return true;
	}
	/* am or pm at the end, with or without a space or dots. */
	int half = 0;
	if (n >= 2 && t[n - 1] == 'm' && (t[n - 2] == 'a' || t[n - 2] == 'p'))
		half = t[n - 2] == 'a' ? 1 : 2, n -= 2;
	else if (n >= 4 && strcmp(t + n - 4, "a.m.") == 0)
		half = 1, n -= 4;
	else if (n >= 4 && strcmp(t + n - 4, "p.m.") == 0)
		half = 2, n -= 4;
	while (half && n && t[n - 1] == ' ')
		n--;
	size_t hn = strcspn(t, ":.");
	if (hn > n)
		hn = n;
	int h = digits(t, hn, 2), m = 0;
	if (hn < n) {
		m = n - hn - 1 == 2 ? digits(t + hn + 1, 2, 2) : -1;
	} else if (!half) {
		/* A bare number is an hour only with am or pm: "14" could be anything. */
		return false;
	}
	if (h < 0 || m < 0 || m > 59)
		return false;
	if (half) {
		if (h < 1 || h > 12)
			return false;
		h = h % 12 + (half == 2 ? 12 : 0);
	} else if (h > 23) {
		return false;
	}
	*hour = h, *minute = m;
	return true;
}

void date_clock_text(int hour, int minute, char out[DATE_CLOCK_TEXT_SIZE])
{
	if (minute == 0 && (hour == 0 || hour == 12)) {
		snprintf(out, DATE_CLOCK_TEXT_SIZE, "%s", hour ? "midday" : "midnight");
		return;
	}
	unsigned h = (unsigned)(hour % 12 == 0 ? 12 : hour % 12) % 100u;
	const char *half = hour < 12 ? "am" : "pm";
	if (minute == 0)
		snprintf(out, DATE_CLOCK_TEXT_SIZE, "%u%s", h, half);
	else
		snprintf(out, DATE_CLOCK_TEXT_SIZE, "%u:%02u%s", h, (unsigned)minute % 100u, half);
}

void date_long_text(struct date d, char out[DATE_LONG_TEXT_SIZE])
{
	snprintf(out, DATE_LONG_TEXT_SIZE, "%s %u %s %u", weekday_names[date_weekday(d) - 1],
		 (unsigned)d.day % 100u, month_names[(d.month - 1) % 12], (unsigned)d.year % 10000u);
}

/* The instant a stored time names, or false. */
static bool stored_instant(const char *s, time_t *t)
{
	char utc[CLOCK_ISO8601_SIZE];
	int64_t seconds;
	if (!s || clock_instant_utc(s, utc) < 0 || clock_parse_iso8601(utc, &seconds) < 0)
		return false;
	*t = (time_t)seconds;
	return true;
}

const char *date_uk_when(struct arena *a, const char *s)
{
	time_t t;
	if (!stored_instant(s, &t))
		return s;
	int hour, minute;
	char day[DATE_LONG_TEXT_SIZE], clock[DATE_CLOCK_TEXT_SIZE];
	date_long_text(date_uk_clock(t, &hour, &minute), day);
	date_clock_text(hour, minute, clock);
	return arena_printf(a, "%s at %s", day, clock);
}

const char *date_uk_day(struct arena *a, const char *s)
{
	time_t t;
	if (!stored_instant(s, &t))
		return s;
	char day[DATE_LONG_TEXT_SIZE];
	date_long_text(date_uk_today(t), day);
	return arena_printf(a, "%s", day);
}

void date_uk_instant_text(struct date d, int hour, int minute, char out[CLOCK_ISO8601_SIZE])
{
	time_t t = date_uk_instant(d, hour, minute);
	struct tm tm;
	gmtime_r(&t, &tm);
	snprintf(out, CLOCK_ISO8601_SIZE, "%04u-%02u-%02uT%02u:%02u:00.000Z",
		 (unsigned)(tm.tm_year + 1900) % 10000u, (unsigned)(tm.tm_mon + 1) % 100u,
		 (unsigned)tm.tm_mday % 100u, (unsigned)tm.tm_hour % 100u,
		 (unsigned)tm.tm_min % 100u);
}
