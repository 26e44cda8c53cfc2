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
 * area.h says ("drop_in_add").
 */

enum dropin_frequency { DROPIN_WEEKLY, DROPIN_FORTNIGHTLY, DROPIN_MONTHLY };

struct dropin_rule {
	int weekday;             /* 1 Monday ... 7 Sunday */
	enum dropin_frequency frequency;
	int week_of_month;       /* monthly: 1-5, or -1 for the last */
	struct date first;       /* the first date it happens (or, monthly, may) */
};

/* Fills out with the first `count` dates on or after `from` that the
 * drop-in happens, and returns how many it found (fewer only for a
 * fifth-weekday rule over a short horizon: it looks 5 years ahead). */
size_t dropin_next_dates(const struct dropin_rule *rule, struct date from,
			 struct date *out, size_t count);

/* When a drop-in has no date in five years (a fifth weekday no month
 * brings): later than any it has, so it is never the soonest. */
#define DROPIN_NEVER ((struct date){2999, 12, 31})

/* The next date on or after from that the drop-in happens, or
 * DROPIN_NEVER. */
struct date dropin_next(const struct dropin_rule *rule, struct date from);

/* Which of count drop-ins (count > 0) to show a person: the nearest to
 * them by metres[i] when any could be placed (metres[i] < 0: that one
 * could not), else the soonest by next[i]; of equals, the first. */
size_t dropin_choose(const double *metres, const struct date *next, size_t count);

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
	struct dropin_rule rule;
};

int dropin_add(struct db *db, const struct caller *who, const char *area_ref,
	       const struct dropin_input *in, char *id_out, struct err *e);

/* The drop-ins of one area (by id), by weekday and start time. */
int dropin_list(struct db *db, struct arena *a, const char *area_id,
		struct dropin **out, size_t *count, struct err *e);

/* The postcode an address ends with ("..., York YO26 5NH"), normalised
 * into out, so a drop-in can be placed on the map without coordinates of
 * its own; false when the address does not end with one. */
bool dropin_address_postcode(const char *address, char out[POSTCODE_SIZE]);

/* "Monday" for 1, ... */
const char *dropin_weekday_name(int weekday);
/* "every week", "every other week", "on the second Tuesday of the month" */
const char *dropin_describe(struct arena *a, const struct dropin_rule *rule);

#endif
