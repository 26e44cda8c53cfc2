#ifndef ALONGSIDE_GEO_LIVE_H
#define ALONGSIDE_GEO_LIVE_H

struct db;
struct err;
struct geo_map;
struct postcode_index;

/*
 * The geography a running server answers from: the ward and area map and
 * the postcode index.  When an administrator changes the areas, a new map
 * is built beside the old one and swapped in whole; requests already
 * holding the old one finish with it, and it is freed after the last of
 * them lets go.  So a request sees one consistent map from start to end,
 * and nobody waits while a map is built.
 *
 * A map knows the areas' change generation it was built from
 * (db/generation.h).  A change made in this process rebuilds at once
 * (geo_live_sync, from the handler that made it); one made by another
 * process (the command line, a second server) is noticed by
 * geo_live_check, which each request calls and which reads the
 * generation at most once every GEO_LIVE_CHECK_MS, so a busy server does
 * not ask the database on every request.
 */

#define GEO_LIVE_CHECK_MS 1000

struct geo_live;

struct geo_view {
	const struct geo_map *map;                 /* NULL: nothing loaded */
	const struct postcode_index *postcodes;
};

/* Loads both from the database.  A database that cannot be read yet (not
 * migrated, not reachable) leaves an empty view and the message in e, and
 * still returns a usable object. */
struct geo_live *geo_live_new(struct db *db, struct err *e);
void geo_live_free(struct geo_live *live);

/* Takes the current view for one request; every acquire is paired with
 * one geo_live_release of the same token. */
struct geo_view geo_live_acquire(struct geo_live *live, void **token);
void geo_live_release(struct geo_live *live, void *token);

/* Rebuilds the map (wards and areas) from the database and swaps it in;
 * the postcode index is kept. */
int geo_live_reload(struct geo_live *live, struct db *db, struct err *e);

/* Rebuilds the map now when the generation differs from the one it was
 * built at: after a change this process made. */
int geo_live_sync(struct geo_live *live, struct db *db, struct err *e);

/* geo_live_sync, when GEO_LIVE_CHECK_MS have passed since the last look;
 * otherwise nothing, at the cost of reading a clock.  A failure is
 * logged and the map kept: the next look tries again. */
void geo_live_check(struct geo_live *live, struct db *db);

#endif
