#ifndef ALONGSIDE_DOMAIN_COMMUNITY_SCHEDULE_H
#define ALONGSIDE_DOMAIN_COMMUNITY_SCHEDULE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/date.h"

struct arena;
struct community_schedule;
struct err;
struct listing;
struct sb;

/*
 * When a listing's sessions happen, from ORUK's iCalendar-shaped schedule
 * fields (struct community_schedule, domain/community/listing.h): checked,
 * put into words, counted forward to the next dates, and written as an
 * iCalendar feed.  No database: this works on a listing already read.
 *
 * Supported: freq WEEKLY with interval 1 (weekly) or more (fortnightly,
 * counted from dtstart, which it then needs) and byday of plain days ("MO,TH"); MONTHLY with byday of
 * ordinal days ("1FR", "2TH", "-1FR": the last) or bymonthday ("15",
 * "-1"); no freq: one day, dtstart.  valid_from/valid_to bound each.
 * Times are Europe/London wall-clock.  A schedule with no freq, dtstart,
 * days or times but a description or original_text is words only (hours
 * an import could not read, kept as written): valid, shown by
 * schedule_words, never counted nor put in a feed.
 */

/* Adds a field error to e for each fault of s, at "prefix.field"
 * ("schedules.2.byday"): a weekday that does not exist ("XX", "8MO"), a
 * freq other than WEEKLY/MONTHLY, interval outside 1..52 (recurring
 * ones only), a one-off without dtstart, every other (or third...) week
 * or month without dtstart to count from, a date or time that is not one
 * (times "HH:MM" 00:00-23:59), closes_at not after opens_at or without
 * it, valid_to before valid_from.  Without a prefix the path is the field
 * alone.  e may be NULL (just the answer).  True when none. */
bool schedule_check(const struct community_schedule *s, const char *prefix, struct err *e);

/* The description a schedule goes out with (ORUK, the CSV package): its
 * own, or for words-only hours their original words, which have no field
 * of their own there, so that reading it back keeps it words only. */
const char *schedule_description(const struct community_schedule *s);

/* "Thursdays, 10:00 to 12:00", "Every other Monday, 14:00 to 16:00",
 * "The first Friday of the month, 10:30 to 13:30", "Saturday 14 March
 * 2026, 10:00 to 12:00", with ", from 1 May 2026" and ", until 30 June
 * 2026" for valid_from/valid_to: for pages and the text alternative.  A
 * words-only or invalid schedule gives its original_text (else its
 * description, else ""). */
const char *schedule_words(struct arena *a, const struct community_schedule *s);

struct schedule_session {
	struct date day;
	const char *opens_at;      /* NULL when not given */
	const char *closes_at;
	const struct community_schedule *schedule;
};

/* The next sessions of all of a listing's schedules from `from` (that day
 * included), in date then time order, at most max of them, looking no
 * further than a year ahead. */
size_t schedule_next(const struct listing *l, struct date from, struct schedule_session *out,
		     size_t max);

/* The listing as an iCalendar (RFC 5545) VCALENDAR: one VEVENT per
 * schedule with its RRULE (FREQ, INTERVAL, BYDAY, BYMONTHDAY, UNTIL from
 * valid_to), DTSTART at its first session on or after valid_from /
 * dtstart, in TZID Europe/London with a VTIMEZONE; UID the schedule id
 * "@alongside"; SUMMARY the listing's name, LOCATION its place, URL
 * page_url (left out when NULL); DTSTAMP and LAST-MODIFIED from
 * last_modified, SEQUENCE the listing's version (a corrected time keeps
 * its UID).  A schedule
 * without times is an all-day event.  A rule with neither dtstart nor
 * valid_from starts from last_modified's day, so the feed does not change
 * with the day it is read.  Words-only schedules are left out.  Its arena
 * is out's. */
void schedule_ical(struct sb *out, const struct listing *l, const char *page_url);

#endif
