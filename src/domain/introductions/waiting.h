#ifndef ALONGSIDE_DOMAIN_WAITING_H
#define ALONGSIDE_DOMAIN_WAITING_H

#include <stddef.h>

struct arena;
struct db;
struct err;

/*
 * How soon a first conversation is likely in an area, said honestly to
 * the person waiting: from how many people its coordinators walk alongside
 * now against their capacity (55 each unless set otherwise), how many
 * introductions are waiting, and how many first conversations were
 * arranged in the last eight weeks.
 */

struct waiting {
	long people;            /* walked alongside now */
	long capacity;
	long queue;             /* introductions not yet at an outcome */
	double per_week;        /* first conversations arranged, recent weekly pace */
	const char *phrase;     /* "usually within a week", ... */
};

/* The phrase for those numbers; the pure part, for tests. */
const char *waiting_phrase(long people, long capacity, long queue, double per_week);

int waiting_estimate(struct db *db, struct arena *a, const char *area_id,
		     struct waiting *out, struct err *e);

#endif
