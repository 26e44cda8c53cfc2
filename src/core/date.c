#include "core/date.h"

#include <stdio.h>
#include <string.h>

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
