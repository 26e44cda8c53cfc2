#ifndef ALONGSIDE_DOMAIN_COMMUNITY_NEARBY_H
#define ALONGSIDE_DOMAIN_COMMUNITY_NEARBY_H

#include <stdbool.h>
#include <stddef.h>

struct arena;
struct db;
struct err;
struct search_query;

/*
 * What a search of the community directory from a point needs, kept in
 * memory: every live listing's places (on the British National Grid, in
 * a grid of cells), id, name, folded words and the facts every other
 * filter reads (terms and their taxonomies, ages, free, last_modified,
 * schedules).  search.c answers a search near a point from it alone, and
 * one without a point in SQL; nearby_find keeps exactly the SQL's
 * semantics (search.c's where()), so both find the same listings.
 *
 * Why: the box of a search is a few hundred places, but the SQL asked
 * FTS5 or the GIN index for every listing in the country with the words
 * first, then joined; checking the box's few places in memory is tens of
 * microseconds (BENCHMARKS.md, "Community directory").
 *
 * Staleness: every write to the directory's tables bumps the change
 * generation "directory" in its own transaction (db/generation.h), in
 * whatever process.  nearby_acquire reads it on every call and, when the
 * copy is older, builds a new one, in one read transaction with the
 * generation it saw, and swaps it in; requests holding the old copy
 * finish with it, and it is freed when the last lets go (as geo/live.c).
 * While one thread builds, others needing the newer copy wait for it;
 * those for whom the current copy is new enough never wait.
 *
 * Thread-safe.  The process makes one (`alongside serve` keeps it in
 * struct app; a test or bench makes its own) and frees it after the last
 * search.  Memory: tens of MiB for the bench's 100,000 listings
 * (BENCHMARKS.md), and while a rebuild runs the old copy, the new one and
 * the rows read (some 250 MiB for those 100,000, given back after).
 */

struct nearby;
struct nearby_view;

/* An empty copy: the first nearby_acquire builds it. */
struct nearby *nearby_new(void);
void nearby_free(struct nearby *n);

/* A view at least as new as the database's generation now, for one
 * search; paired with one nearby_release.  RESULT_OK or RESULT_FAILED
 * (the database unreadable: the message in e, nothing held). */
int nearby_acquire(struct nearby *n, struct db *db, struct nearby_view **out, struct err *e);
void nearby_release(struct nearby *n, struct nearby_view *view);

/* One place of a matching listing, as search.c's statement would give
 * it: service_at_location_id NULL for a listing with no place (only
 * without a box and not by_location); has_point false for a place with
 * no grid point.  The strings live in the view until it is released. */
struct nearby_place {
	const char *service_id;
	const char *name;
	const char *service_at_location_id;
	bool has_point;
	double easting, northing;
};

/* Every place of every live listing matching q's filters (words, terms,
 * taxonomy, ages, free, modified_after, day and times) within the box
 * q->within_metres + 1 around (easting, northing) when within_metres > 0,
 * else of every matching listing, in no order: the array in a. */
size_t nearby_find(const struct nearby_view *v, const struct search_query *q, double easting,
		   double northing, struct arena *a, struct nearby_place **out);

#endif
