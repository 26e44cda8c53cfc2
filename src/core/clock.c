#include "core/clock.h"

#include <stdio.h>
#include <time.h>

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
