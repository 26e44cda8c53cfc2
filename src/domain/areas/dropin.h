#ifndef ALONGSIDE_DOMAIN_DROPIN_H
#define ALONGSIDE_DOMAIN_DROPIN_H

#include <stddef.h>

#include "core/date.h"
#include "domain/staff/caller.h"
#include "geo/postcode.h"
#include <stdbool.h>

struct arena;
struct db;
struct err;

/*
 * Drop-ins: where and when people can meet an area's coordinator without
 * an appointment.  A drop-in happens on one weekday, from a start time to
 * an end time (UK wall-clock time), weekly, fortnightly or monthly on the
 * Nth (or last) such weekday, from a first date on.
 *
 * Results as in domain/areas/area.h: RESULT_INVALID with a field error for
 * every problem (named as the JSON API names the field: "venue",
 * "starts", "first_date"...), RESULT_NOT_FOUND for an unknown area,
 * RESULT_FAILED for a system failure; nothing is written unless all is
 * valid.  Adding one is a change to the directory, made and audited as
 * area.h says ("drop_in_add").  A retired area's drop-ins are not added
 * to, changed, ended or cancelled: RESULT_INVALID with a message for the
 * whole (area_check_in_use), nothing written.
 */

enum dropin_frequency { DROPIN_WEEKLY, DROPIN_FORTNIGHTLY, DROPIN_MONTHLY };

struct dropin_rule {
	int weekday;             /* 1 Monday ... 7 Sunday */
	enum dropin_frequency frequency;
	int week_of_month;       /* monthly: 1-5, or -1 for the last */
	struct date first;       /* the first date it happens (or, monthly, may) */
	bool ends;               /* it has a last date: */
	struct date last;        /* none after this one */
};

/* Fills out with the first `count` dates on or after `from` that the
 * drop-in happens, and returns how many it found (fewer for a drop-in
 * that ends, or for a fifth-weekday rule over a short horizon: it looks
 * 5 years ahead).  A cancelled date is still one of its dates: the
 * rule does not know cancellations (see dropin_upcoming). */
size_t dropin_next_dates(const struct dropin_rule *rule, struct date from,
			 struct date *out, size_t count);

/* When a drop-in has no date in five years (a fifth weekday no month
 * brings): later than any it has, so it is never the soonest. */
#define DROPIN_NEVER ((struct date){2999, 12, 31})

/* Which of count drop-ins (count > 0) to show a person: the nearest to
 * them by metres[i] when any could be placed (metres[i] < 0: that one
 * could not), else the soonest by next[i]; of equals, the first. */
size_t dropin_choose(const double *metres, const struct date *next, size_t count);

/* The last date on or before rule->last that the drop-in happens, into
 * *out; false when it has none (it would end before it starts) or does
 * not end. */
bool dropin_final_date(const struct dropin_rule *rule, struct date *out);

/* One date of a drop-in that is not happening, and why. */
struct dropin_cancellation {
	const char *id;
	struct date on_date;
	const char *reason;       /* as the public sees it: "the hall is closed" */
	const char *created_at;
};

struct dropin_input {
	const char *venue;
	const char *address;
	const char *weekday;      /* "monday" or "1" ... */
	const char *starts;       /* "HH:MM" */
	const char *ends;
	const char *frequency;    /* weekly | fortnightly | monthly */
	const char *week;         /* monthly: 1-5 or "last" */
	const char *first_date;   /* YYYY-MM-DD; weekly/fortnightly: on the weekday */
	const char *notes;        /* optional */
	const char *last_date;    /* optional: YYYY-MM-DD, none after it */
};

struct dropin {
	const char *id;
	const char *area_id;
	const char *venue;
	const char *address;
	const char *starts;
	const char *ends;
	const char *notes;
	const char *updated_at;
	int sequence;             /* the iCalendar SEQUENCE, raised by every change */
	struct dropin_rule rule;
	struct dropin_cancellation *cancellations;  /* live ones, by date */
	size_t cancellation_count;
};

/* The live cancellation of d on day, or NULL. */
const struct dropin_cancellation *dropin_cancelled(const struct dropin *d, struct date day);

/* What the public is told of a drop-in from a day on: the next date it
 * happens (DROPIN_NEVER when it has none left), and, when dates before
 * that are cancelled, the first of those (else NULL), so a page says
 * "Friday 11 December: cancelled - the hall is closed" and then when it
 * does happen. */
struct dropin_upcoming {
	struct date next;
	const struct dropin_cancellation *cancelled;
};
void dropin_upcoming(const struct dropin *d, struct date from, struct dropin_upcoming *out);
/* dropin_upcoming as of an instant: from today in the UK, or from
 * tomorrow once today's session has ended (at d->ends, London time), so
 * a page read at 4pm does not offer the morning's drop-in as next. */
void dropin_upcoming_at(const struct dropin *d, time_t now, struct dropin_upcoming *out);

/* True when d has a date on or after today, cancelled or not: an ended
 * drop-in is gone from the public pages after its last date. */
bool dropin_goes_on(const struct dropin *d, struct date today);

/* Checks a date to cancel as dropin_cancel does, without the database:
 * on_date (as typed) must be one of d's dates, not before today, and not
 * cancelled already.  RESULT_INVALID with the problem at "on_date", the
 * parsed date in *out otherwise. */
int dropin_check_cancel_date(const struct dropin *d, const char *on_date, struct date today,
			     struct date *out, struct err *e);

int dropin_add(struct db *db, const struct caller *who, const char *area_ref,
	       const struct dropin_input *in, char *id_out, struct err *e);

/*
 * Changes to one drop-in (by id; RESULT_NOT_FOUND, subject "drop_in",
 * for an id that names none).  Each is made as dropin_add is: checked
 * whole, the drop-in's sequence raised (calendars that subscribed replace
 * what they hold), the "areas" generation bumped, and audited with the
 * drop-in's public record before and after (audit_entry.changes):
 *
 * dropin_update  every field as dropin_add takes them, last_date too
 *                (NULL: it goes on); "drop_in_update".
 * dropin_end     only its last date: none after it.  Ending before its
 *                first date is refused at "last_date"; "drop_in_end".
 * dropin_cancel  one date, with a short reason the public sees: the date
 *                must be one of its dates and not past
 *                (dropin_check_cancel_date), refused at "on_date"; the
 *                reason 1 to 200 characters at "reason".  The new
 *                cancellation's id into id_out; "drop_in_cancel".
 * dropin_withdraw_cancellation  the date happens after all: the
 *                cancellation is kept, marked withdrawn (by whom, when);
 *                one not of this drop-in, or withdrawn already, is
 *                RESULT_NOT_FOUND (subject "cancellation");
 *                "drop_in_cancel_withdraw".
 */
int dropin_update(struct db *db, const struct caller *who, const char *id,
		  const struct dropin_input *in, struct err *e);
int dropin_end(struct db *db, const struct caller *who, const char *id,
	       const char *last_date, struct err *e);
int dropin_cancel(struct db *db, const struct caller *who, const char *id,
		  const char *on_date, const char *reason, char *id_out, struct err *e);
int dropin_withdraw_cancellation(struct db *db, const struct caller *who, const char *id,
				 const char *cancellation_id, struct err *e);

/* The drop-ins of one area (by id), by weekday and start time, each with
 * its live cancellations; ended ones too (dropin_goes_on tells). */
int dropin_list(struct db *db, struct arena *a, const char *area_id,
		struct dropin **out, size_t *count, struct err *e);

/* One drop-in by id, as dropin_list has it; RESULT_NOT_FOUND (subject
 * "drop_in") for an id that is malformed or names none. */
int dropin_get(struct db *db, struct arena *a, const char *id, struct dropin *out,
	       struct err *e);

/* The postcode an address ends with ("..., York YO26 5NH"), normalised
 * into out, so a drop-in can be placed on the map without coordinates of
 * its own; false when the address does not end with one. */
bool dropin_address_postcode(const char *address, char out[POSTCODE_SIZE]);

/* "weekly", "fortnightly" or "monthly", as the API and forms name it. */
const char *dropin_frequency_name(enum dropin_frequency f);

/* "Monday" for 1, ... */
const char *dropin_weekday_name(int weekday);
/* "every week", "every other week", "on the second Tuesday of the month" */
const char *dropin_describe(struct arena *a, const struct dropin_rule *rule);

#endif
