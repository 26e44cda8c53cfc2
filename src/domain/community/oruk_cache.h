#ifndef ALONGSIDE_DOMAIN_COMMUNITY_ORUK_CACHE_H
#define ALONGSIDE_DOMAIN_COMMUNITY_ORUK_CACHE_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

struct arena;
struct caller;
struct db;
struct err;
struct nearby;

/*
 * Each public listing's ORUK documents, encoded, kept in memory: what an
 * /oruk/ list is made of, so that a page is the search and a copy of the
 * page's stored documents instead of reading every listing whole
 * (listing_get_many, 9 statements) and building, encoding and freeing a
 * jansson tree for each (BENCHMARKS.md, "Community directory", run 5:
 * together some 90% of a list's instructions).
 *
 * The documents are exactly what domain/community/oruk.h makes of the
 * listing read with LISTING_PUBLIC, encoded with ORUK_CACHE_JSON_FLAGS
 * (the flags http_send_json encodes with), so a page joined from them is
 * byte for byte the page encoded whole.
 *
 * Staleness: the cache belongs to one change generation of the directory
 * (db/generation.h "directory", bumped by every write to it in any
 * process).  The caller reads the generation before it searches and
 * passes it; documents read for it are at least that new.  A caller with
 * a newer generation empties the cache wholesale and fills it for its
 * own; one with an older one (a request that began before a write) reads
 * from the database and keeps nothing.  So a change shows in every
 * process in the next request that reads the generation after it
 * committed.
 *
 * Memory: at most max_bytes of documents (some 2-3 kB a listing with one
 * place); a document that would pass it empties the cache first.
 * Filled as pages ask for listings, and ahead of them by oruk_cache_warm
 * (which `alongside serve` runs in the background at start and after
 * every change): a page's first answer otherwise reads and encodes each
 * of its listings while other connections queue behind it
 * (BENCHMARKS.md, "Community directory", run 6: p99 37 ms over 300
 * postcodes from cold, 4 ms warm).
 *
 * Thread-safe (one read-write lock): readers copy what they need into
 * their own arena, so nothing they hold is freed under them.
 */

/* How the API encodes JSON (http/response.c's http_send_json): compact,
 * reals with 10 significant digits. */
#define ORUK_CACHE_JSON_FLAGS (JSON_COMPACT | JSON_REAL_PRECISION(10))

struct oruk_cache;

/* One listing's documents, as copied into the caller's arena. */
struct oruk_docs {
	const char *service_id;
	const char *brief;                 /* oruk_service_brief, encoded */
	size_t brief_len;
	size_t place_count;
	const char **place_ids;            /* each place's service_at_location id */
	const char **places;               /* oruk_service_at_location, encoded */
	size_t *place_lens;
	const char *source_id;             /* NULL: the listing has no source */
	const char *source;                /* oruk_source_attribution, encoded */
	size_t source_len;
};

struct oruk_cache *oruk_cache_new(size_t max_bytes);
void oruk_cache_free(struct oruk_cache *c);

/*
 * out[i] for each ids[i] (count of them), as the public sees them at
 * generation or later: from memory where held, the rest read at once
 * with listing_get_many (who and review_months for its contract) and
 * kept.  Strings in a.  Results: RESULT_OK; RESULT_NOT_FOUND when a
 * listing is not held (out[i] then has a NULL service_id); RESULT_FAILED
 * (the database; message in e).
 */
int oruk_cache_docs(struct oruk_cache *c, struct db *db, int64_t generation,
		    const struct caller *who, int review_months, const char *const *ids,
		    size_t count, struct arena *a, struct oruk_docs *out, struct err *e);

/*
 * Fills the cache with every live listing's documents, as the public sees
 * them at the directory's generation now, unless it holds that
 * generation warm already (then it reads only the generation).  Listings
 * are read in batches, each in an arena of its own, and warming stops
 * short of the bound rather than emptying what it filled.  Pages keep
 * being answered meanwhile: they take the same lock per batch.  Results
 * as oruk_cache_docs, the listings' ids from near (domain/community/
 * nearby.h).  *warmed says how many listings were read (0: already warm).
 */
int oruk_cache_warm(struct oruk_cache *c, struct nearby *near, struct db *db,
		    const struct caller *who, int review_months, size_t *warmed, struct err *e);

/* The encoded service_at_location of d whose id is id, or NULL (its
 * length in *len). */
const char *oruk_docs_place(const struct oruk_docs *d, const char *id, size_t *len);

/* How many listings are held, and their documents' bytes (for tests). */
void oruk_cache_stats(struct oruk_cache *c, size_t *listings, size_t *bytes);

#endif
