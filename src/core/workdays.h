#ifndef ALONGSIDE_CORE_WORKDAYS_H
#define ALONGSIDE_CORE_WORKDAYS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/date.h"

struct err;

/*
 * Working days in England and Wales: Monday to Friday, less bank holidays
 * and any days off given (a coordinator's leave).
 *
 * Bank holidays come from three sources, each later one replacing the
 * earlier ones for every year it lists:
 *   1. the rules, for any year: New Year's Day, Good Friday, Easter Monday,
 *      the early May, spring and summer bank holidays, Christmas Day and
 *      Boxing Day, with substitute days when they fall at a weekend;
 *   2. GOV.UK's list, built into the binary (2012-2028), which also has the
 *      one-off holidays (jubilees, a coronation, a state funeral) and the
 *      moved 2020 early May holiday;
 *   3. a file in GOV.UK's bank-holidays.json format, for years GOV.UK has
 *      published since this version was built.
 */

struct holidays;

/* The rules and the built-in list; NULL only when out of memory. */
struct holidays *holidays_new(void);
void holidays_free(struct holidays *h);

/* Adds the "england-and-wales" events of a GOV.UK bank-holidays.json file;
 * -1 with a message naming the file for anything unreadable. */
int holidays_add_file(struct holidays *h, const char *path, struct err *e);

bool holidays_contains(const struct holidays *h, struct date d);

/* The bank holidays of England and Wales in a year by the rules alone;
 * returns how many (at most 8) were written. */
size_t holidays_by_rule(int year, struct date out[8]);

/* Days off, first to last inclusive, in days since the epoch. */
struct day_range {
	long first;
	long last;
};

bool workday(const struct holidays *h, struct date d, const struct day_range *off,
	     size_t off_count);

/* The date `count` (>= 1) working days after `from`; `from` itself is
 * never counted, so something arriving on a Friday evening with a count
 * of 3 is due on the Wednesday. */
struct date workdays_after(const struct holidays *h, struct date from, int count,
			   const struct day_range *off, size_t off_count);

#endif
