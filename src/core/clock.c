#include "core/clock.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/date.h"

void clock_utc_iso8601(char *buf, size_t size)
{
	clock_utc_iso8601_offset(buf, size, 0);
}

int64_t clock_epoch_seconds(void)
{
	return (int64_t)time(NULL);
}

void clock_utc_iso8601_offset(char *buf, size_t size, int64_t offset)
{
	struct timespec ts;
	struct tm tm;
	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += (time_t)offset;
	gmtime_r(&ts.tv_sec, &tm);
	snprintf(buf, size, "%04d-%02d-%02dT%02d:%02d:%02d.%03ldZ",
		 tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
		 tm.tm_min, tm.tm_sec, ts.tv_nsec / 1000000);
}

/* n digits at s as a number; -1 when any is not a digit. */
static int number(const char *s, size_t n)
{
	int v = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int clock_instant_utc(const char *s, char out[CLOCK_ISO8601_SIZE])
{
	char day[11];
	struct date d;
	size_t len = strlen(s);
	if (len < 10)
		return -1;
	memcpy(day, s, 10);
	day[10] = '\0';
	if (!date_parse(day, &d))
		return -1;
	int hour = 0, minute = 0, second = 0, millis = 0, offset = 0;
	const char *p = s + 10;
	if (*p) {
		if (*p != 'T' && *p != 't')
			return -1;
		hour = number(p + 1, 2);
		if (hour < 0 || hour > 23 || p[3] != ':' || (minute = number(p + 4, 2)) < 0 ||
		    minute > 59)
			return -1;
		p += 6;
		if (*p == ':') {
			second = number(p + 1, 2);
			if (second < 0 || second > 59)
				return -1;
			p += 3;
			if (*p == '.') {
				size_t digits = strspn(p + 1, "0123456789");
				if (digits == 0)
					return -1;
				char ms[4] = "000";
				memcpy(ms, p + 1, digits < 3 ? digits : 3);
				millis = number(ms, 3);
				p += 1 + digits;
			}
		}
		if ((*p == 'Z' || *p == 'z') && p[1] == '\0') {
			offset = 0;
		} else if ((*p == '+' || *p == '-') && strlen(p) == 6 && p[3] == ':') {
			int oh = number(p + 1, 2), om = number(p + 4, 2);
			if (oh < 0 || oh > 23 || om < 0 || om > 59)
				return -1;
			offset = (*p == '-' ? -1 : 1) * (oh * 60 + om) * 60;
		} else {
			return -1;
		}
	}
	time_t t = (time_t)date_to_days(d) * 86400 + hour * 3600 + minute * 60 + second - offset;
	struct tm tm;
	gmtime_r(&t, &tm);
	/* Each field narrowed to its range (they are in it: the date was
	 * checked), so the compiler can see the text fits. */
	snprintf(out, CLOCK_ISO8601_SIZE, "%04u-%02u-%02uT%02u:%02u:%02u.%03uZ",
		 (unsigned)(tm.tm_year + 1900) % 10000u, (unsigned)(tm.tm_mon + 1) % 100u,
		 (unsigned)tm.tm_mday % 100u, (unsigned)tm.tm_hour % 100u,
		 (unsigned)tm.tm_min % 100u, (unsigned)tm.tm_sec % 100u, (unsigned)millis % 1000u);
	return 0;
}

int64_t clock_monotonic_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

int clock_parse_iso8601(const char *s, int64_t *seconds)
{
	struct tm tm = {0};
	int n = 0;
	if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%n", &tm.tm_year, &tm.tm_mon,
		   &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &n) != 6 ||
	    n != 19)
		return -1;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	*seconds = (int64_t)timegm(&tm);
	return 0;
}
