#ifndef ALONGSIDE_DOMAIN_COMMUNITY_SEARCH_H
#define ALONGSIDE_DOMAIN_COMMUNITY_SEARCH_H

#include <stdbool.h>
#include <stddef.h>

struct arena;
struct db;
struct err;
struct nearby;

/*
 * Searching the community directory: the one search code behind the
 * public /community page, the /oruk/ API and bench/directory.  Only live
 * listings (not defunct) are found.
 *
 * Words go through domain/community/words.h and then SQLite FTS5 or
 * PostgreSQL tsvector (`simple`), so both backends find the same listings.
 * Distance is from a point (the caller turns a postcode into one through
 * the lookup) to each place of a listing, in metres on the British
 * National Grid (easting/northing columns; a box first, then the exact
 * distance); a listing's distance is its nearest place's.
 *
 * A search from a point is answered from the copy in memory that near
 * keeps (domain/community/nearby.h: the same filters with the same
 * semantics, rebuilt when the directory changed, in any process); one
 * without a point in SQL.  Either way the page's organisations and places
 * are read from the database.
 *
 * Results are per service, or per service at a location (ORUK's
 * service_at_location: one row per place of a listing) when by_location.
 * Ordered by distance when near is set, else by name, then id, so paging
 * is stable.  total counts every match, whatever the page.
 *
 * Filters (all optional; the /oruk/ names in brackets):
 *   words              [search]
 *   term_ids           any of these terms [taxonomy_term_id]
 *   taxonomy_id        a term of this taxonomy [taxonomy_id]
 *   minimum_age        a listing whose ages reach down to it or that says none
 *   maximum_age        one whose ages reach up to it or that says none
 *   day                a schedule on that weekday (1 Monday .. 7 Sunday) [day: MO..SU]
 *   start_time/end_time  a schedule open across that time of day (opens_at
 *                      <= start_time, closes_at >= end_time; one alone: open
 *                      at that time) [start_time, end_time]; with day, the
 *                      same schedule
 *   free               1 free only, 0 paid only, -1 either
 *   modified_after     last_modified at or after this instant, as the
 *                      profile says ("modified on or after") [modified_after]
 *   near + within_metres  [postcode + proximity]
 *
 * Results (core/err.h): RESULT_OK; RESULT_INVALID for filters that
 * contradict (within_metres without a point; page past what a page size
 * can count); RESULT_FAILED.  Checking each filter's form ("day=XX",
 * "proximity=-1") is the caller's, which names the parameter.
 */

#define SEARCH_PER_PAGE_MAX 100
#define SEARCH_PER_PAGE_DEFAULT 50
#define SEARCH_WITHIN_MAX 50000.0   /* metres */
#define SEARCH_TERMS_MAX 20

struct search_query {
	const char *words;
	const char *const *term_ids;
	size_t term_count;
	const char *taxonomy_id;
	long minimum_age;          /* -1: any */
	long maximum_age;          /* -1: any */
	int day;                   /* 0: any */
	const char *start_time;    /* HH:MM or NULL */
	const char *end_time;
	int free;                  /* -1: either */
	const char *modified_after;  /* ISO-8601 UTC or NULL */
	bool near;
	double latitude, longitude;
	double within_metres;      /* needs near */
	bool by_location;
	/* near only: the hits carry service_id, service_at_location_id, name
	 * and the distance, from the copy in memory, and the page's
	 * organisations and places are not read (for a caller that reads the
	 * listings whole anyway; that read was a fifth of an /oruk/ answer's
	 * time).  Without near the places are read as ever. */
	bool ids_only;
	long page;                 /* from 1 */
	long per_page;             /* 1..SEARCH_PER_PAGE_MAX */
};

/* A query matching everything, page 1 of SEARCH_PER_PAGE_DEFAULT. */
void search_query_init(struct search_query *q);

struct search_hit {
	const char *service_id;
	const char *service_at_location_id;  /* by_location; else the nearest
					      * place's, or NULL without places */
	const char *location_id;
	const char *name;
	const char *organization_name;
	const char *postal_code;
	bool has_point;
	double latitude, longitude;
	bool has_distance;
	double distance_metres;
};

struct search_result {
	long total;
	long page;
	long per_page;
	long total_pages;
	struct search_hit *hits;
	size_t count;
};

/* near: the process's copy (nearby_new); used only when q->near. */
int search_run(struct db *db, struct nearby *near, const struct search_query *q,
	       struct arena *a, struct search_result *out, struct err *e);

#endif
