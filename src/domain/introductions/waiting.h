#ifndef ALONGSIDE_DOMAIN_WAITING_H
#define ALONGSIDE_DOMAIN_WAITING_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "core/date.h"

struct arena;
struct db;
struct err;
struct holidays;

/*
 * How soon a first conversation is likely in an area, said honestly to
 * the person waiting, from what actually happened (docs/introductions.md):
 *
 *  - For each introduction whose first conversation (the earliest 'held'
 *    conversation of the involvement it opened) took place in the last
 *    WAITING_WINDOW_DAYS days, the working days from its arrival to that
 *    conversation, by UK dates: the day it arrived is not counted,
 *    weekends and bank holidays are not, the day of the conversation is
 *    (an introduction on a Friday met on the Monday waited 1).
 *  - The median of those in the area (introductions.area_id); with fewer
 *    than WAITING_MIN_COUNT there, the median over the whole programme;
 *    with fewer there too, no figure: an honest "too early to say".
 *  - When every coordinator of the area (not disabled) is at capacity —
 *    open walking-alongside involvements of their people, a household's
 *    shared one once, against users.capacity — the area is full, whatever
 *    the figure was.
 *
 * Arranged conversations, introductions still waiting and the pace of
 * anything else change nothing: only first conversations that happened.
 * It reads no person's record, only counts, so it takes no caller.
 */

#define WAITING_WINDOW_DAYS 90
#define WAITING_MIN_COUNT 5

enum waiting_band {
	WAITING_WITHIN_A_WEEK,        /* median up to 5 working days */
	WAITING_ONE_TO_TWO_WEEKS,     /* up to 10 */
	WAITING_TWO_TO_FOUR_WEEKS,    /* up to 20 */
	WAITING_MORE_THAN_FOUR_WEEKS,
	WAITING_FULL,                 /* every coordinator at capacity */
	WAITING_NOT_KNOWN,            /* too few first conversations anywhere */
};

enum waiting_basis {
	WAITING_BASIS_NONE,
	WAITING_BASIS_AREA,
	WAITING_BASIS_PROGRAMME,
};

struct waiting {
	enum waiting_band band;
	enum waiting_basis basis;     /* where the figure came from; NONE: no figure */
	size_t count;                 /* first conversations the figure is over */
	long median_halves;           /* twice the median, in working days */
	long coordinators;            /* of the area, not disabled */
	const char *code;             /* waiting_band_code(band) */
	const char *basis_code;       /* "area", "programme" or NULL */
	const char *sentence;         /* waiting_sentence() */
};

/* The pure part, for tests. */

/* Working days after `from` up to and including `to`; 0 when `to` is not
 * after `from`. */
long waiting_workdays(const struct holidays *h, struct date from, struct date to);

/* Twice the median of days[0..n) (sorted in place), so a median of 5.5
 * stays exact; 0 for n == 0. */
long waiting_median_halves(long *days, size_t n);

/* Decides the figure and band from the working days waited in the area
 * and in the whole programme (both sorted in place), the area's
 * coordinators and how many of them are at capacity; fills every field
 * of out. */
void waiting_decide(long *area_days, size_t area_count, long *all_days, size_t all_count,
		    long coordinators, long coordinators_full, struct waiting *out);

/* "within_a_week", "one_to_two_weeks", "two_to_four_weeks",
 * "more_than_four_weeks", "full", "not_known": stable, for the API. */
const char *waiting_band_code(enum waiting_band band);

/* One or two whole sentences that read on their own, wherever they are
 * shown: the finder, an area page, the reply to someone who got in touch,
 * the API.  Static text. */
const char *waiting_sentence(const struct waiting *w);

/* The estimate for area_id at the instant now, working days by h. */
int waiting_estimate(struct db *db, const struct holidays *h, time_t now, const char *area_id,
		     struct arena *a, struct waiting *out, struct err *e);

/* The same for each of area_ids[0..count), into out[0..count), with two
 * reads of the database however many areas there are. */
int waiting_estimates(struct db *db, const struct holidays *h, time_t now,
		      const char *const *area_ids, size_t count, struct arena *a,
		      struct waiting *out, struct err *e);

#endif
