#ifndef ALONGSIDE_CORE_CLOCK_H
#define ALONGSIDE_CORE_CLOCK_H

#include <stddef.h>
#include <stdint.h>

/* Times are stored and logged in UTC; this is the one place that reads the
 * clock, so the format is the same everywhere. */

#define CLOCK_ISO8601_SIZE 32

/* Writes the current time as "YYYY-MM-DDTHH:MM:SS.mmmZ". */
void clock_utc_iso8601(char *buf, size_t size);

/* The current time moved by offset seconds, in the same form, for
 * deadlines and windows compared as text in SQL ("expires_at > $now"). */
void clock_utc_iso8601_offset(char *buf, size_t size, int64_t offset);

/* Whole seconds since the epoch; for deadlines in memory. */
int64_t clock_epoch_seconds(void);

/* Reads a time written by clock_utc_iso8601 back as seconds since the
 * epoch; -1 when s is not in that form. */
int clock_parse_iso8601(const char *s, int64_t *seconds);

/* An instant as a reader of an API writes one, in the form times are
 * stored, so that text comparison in SQL orders it right: RFC 3339
 * ("2026-03-01T09:30:00Z", "2026-03-01T10:30:00.5+01:00", seconds
 * optional) or a date alone ("2026-03-01": the start of that day, UTC)
 * into out as "YYYY-MM-DDTHH:MM:SS.mmmZ" in UTC; a fraction beyond
 * milliseconds is cut, as the stored times have none.  -1 for anything
 * else (a date or time that does not exist included). */
int clock_instant_utc(const char *s, char out[CLOCK_ISO8601_SIZE]);

/* Microseconds on a clock that never goes backwards; for durations. */
int64_t clock_monotonic_us(void);

#endif
