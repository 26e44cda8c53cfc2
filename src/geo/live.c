#include "geo/live.h"

#include "core/clock.h"
#include "core/err.h"
#include "core/log.h"
#include "db/generation.h"
#include "geo/map.h"
#include "geo/postcodes.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

struct snapshot {
	struct geo_map *map;
	int users;
	int retired;
};

struct geo_live {
	pthread_mutex_t reload_lock;  /* one rebuild at a time */
	pthread_mutex_t lock;         /* current, users, retired, postcodes */
	struct snapshot *current;
	struct postcode_index *postcodes;
	_Atomic int64_t generation;   /* the areas' generation current was built at */
	_Atomic int64_t next_check_us;  /* clock_monotonic_us of the next look */
};

static struct snapshot *snapshot_new(struct geo_map *map)
{
	struct snapshot *s = calloc(1, sizeof *s);
	if (!s)
		abort();
	s->map = map;
	return s;
}

static void snapshot_free(struct snapshot *s)
{
	geo_map_free(s->map);
	free(s);
}

struct geo_live *geo_live_new(struct db *db, struct err *e)
{
	struct geo_live *live = calloc(1, sizeof *live);
	if (!live)
		abort();
	pthread_mutex_init(&live->lock, NULL);
	pthread_mutex_init(&live->reload_lock, NULL);
	struct geo_map *map = NULL;
	/* Read before the map, so a change made while it loads is seen as
	 * newer at the next look, not lost. */
	int64_t generation = 0;
	struct err ignored;
	db_generation_read(db, DB_GENERATION_AREAS, &generation, &ignored);
	live->generation = generation;
	live->next_check_us = clock_monotonic_us() + GEO_LIVE_CHECK_MS * 1000;
	if (geo_map_load(db, &map, e) < 0 ||
	    postcode_index_load(db, &live->postcodes, e) < 0) {
		geo_map_free(map);
		map = NULL;
	}
	live->current = snapshot_new(map);
	return live;
}

void geo_live_free(struct geo_live *live)
{
	if (!live)
		return;
	snapshot_free(live->current);
	postcode_index_free(live->postcodes);
	pthread_mutex_destroy(&live->lock);
	pthread_mutex_destroy(&live->reload_lock);
	free(live);
}

struct geo_view geo_live_acquire(struct geo_live *live, void **token)
{
	pthread_mutex_lock(&live->lock);
	struct snapshot *s = live->current;
	s->users++;
	struct geo_view view = {s->map, s->map ? live->postcodes : NULL};
	pthread_mutex_unlock(&live->lock);
	*token = s;
	return view;
}

void geo_live_release(struct geo_live *live, void *token)
{
	struct snapshot *s = token;
	pthread_mutex_lock(&live->lock);
	bool last = --s->users == 0 && s->retired;
	pthread_mutex_unlock(&live->lock);
	if (last)
		snapshot_free(s);
}

int geo_live_reload(struct geo_live *live, struct db *db, struct err *e)
{
	pthread_mutex_lock(&live->reload_lock);
	int64_t generation = 0;
	struct err ignored;
	db_generation_read(db, DB_GENERATION_AREAS, &generation, &ignored);
	struct geo_map *map = NULL;
	struct postcode_index *postcodes = NULL;
	/* The postcodes are loaded once, by whichever load first succeeds. */
	if (geo_map_load(db, &map, e) < 0 ||
	    (!live->postcodes && postcode_index_load(db, &postcodes, e) < 0)) {
		geo_map_free(map);
		pthread_mutex_unlock(&live->reload_lock);
		return -1;
	}
	struct snapshot *fresh = snapshot_new(map);
	pthread_mutex_lock(&live->lock);
	if (postcodes)
		live->postcodes = postcodes;
	struct snapshot *old = live->current;
	live->current = fresh;
	live->generation = generation;
	old->retired = 1;
	bool unused = old->users == 0;
	pthread_mutex_unlock(&live->lock);
	if (unused)
		snapshot_free(old);
	pthread_mutex_unlock(&live->reload_lock);
	return 0;
}

int geo_live_sync(struct geo_live *live, struct db *db, struct err *e)
{
	int64_t generation;
	if (db_generation_read(db, DB_GENERATION_AREAS, &generation, e) != RESULT_OK)
		return -1;
	if (generation == live->generation)
		return 0;
	return geo_live_reload(live, db, e);
}

void geo_live_check(struct geo_live *live, struct db *db)
{
	int64_t now = clock_monotonic_us();
	int64_t next = live->next_check_us;
	/* One request a period looks; the others go on with the map they have. */
	if (now < next ||
	    !atomic_compare_exchange_strong(&live->next_check_us, &next,
					    now + GEO_LIVE_CHECK_MS * 1000))
		return;
	/* A database not migrated this far has no generation: nothing to
	 * follow yet, and nothing worth a line in the log every second. */
	struct err e;
	int64_t generation;
	if (db_generation_read(db, DB_GENERATION_AREAS, &generation, &e) != RESULT_OK ||
	    generation == live->generation)
		return;
	if (geo_live_reload(live, db, &e) < 0)
		log_error("the area map was not rebuilt: %s", e.msg);
}
