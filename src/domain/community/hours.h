#ifndef ALONGSIDE_DOMAIN_COMMUNITY_HOURS_H
#define ALONGSIDE_DOMAIN_COMMUNITY_HOURS_H

#include <stddef.h>

struct arena;
struct community_schedule;

/*
 * Opening hours written in the OpenStreetMap style the York warm spaces
 * publish (`hours.opening`: "Mo-Fr 10:00-16:00; Fr[1] 14:00-17:00;
 * Tu 09:30-12:00,14:00-17:00"), read into listing schedules
 * (domain/community/listing.h) without guessing.
 *
 * Read: parts split by ";", each days then times.  Days are "Mo".."Su",
 * ranges "Mo-Fr" (not wrapping past Sunday), lists "Mo,We", and the Nth
 * weekday of the month "Fr[1]", "Fr[1,3]", "Fr[-1]" (MONTHLY "1FR").
 * Times are "HH:MM-HH:MM", several split by ",".  Each time range is a
 * row, and rows of the same kind with the same times are one row with
 * their days together ("Mo 13:00-15:00; We 13:00-15:00" is MO,WE), so
 * repeated identical parts count once; a monthly day that the same
 * weekly day at the same times already covers is dropped.
 *
 * Not read, and said in review_reason: an unknown token, days without
 * times, a closing time not after the opening ("12:30-04:00"), and hours
 * opening before 06:00 ("Th 02:00-06:00", "00:01-14:00"), which in these
 * listings are slips for afternoon hours rather than night openings.  The
 * parts that could be read are still rows.  Every row carries the text it
 * was read from in original_text; when no row could be read the text is
 * kept on one words-only row (schedule.h).  No text at all gives no rows
 * and a reason.
 */

struct hours_reading {
	struct community_schedule *schedules;  /* interval 1, ids NULL (new) */
	size_t schedule_count;
	const char *review_reason;             /* NULL: all of it was read */
};

/* Reads opening (may be NULL) into *out, all in a. */
void hours_read(struct arena *a, const char *opening, struct hours_reading *out);

#endif
