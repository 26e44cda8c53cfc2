#include "domain/community/oruk_cache.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/err.h"
#include "core/sb.h"
#include "db/generation.h"
#include "domain/community/listing.h"
#include "domain/community/nearby.h"
#include "domain/community/oruk.h"
#include "domain/community/search.h"

/*
 * A listing's documents are one allocation: the lengths of its strings,
 * then the strings one after another, each NUL-terminated, in the order
 * service id, brief, source id ("" without one), source, then each
 * place's id and document.  A reader copies the text in one memcpy.
 */
enum { FIXED_STRINGS = 4 };

struct entry {
	uint64_t hash;
	size_t bytes;          /* the whole allocation, for the bound */
	size_t text_len;
	size_t place_count;
	bool has_source;
	size_t lens[];         /* FIXED_STRINGS + 2 * place_count, then the text */
};

struct oruk_cache {
	pthread_rwlock_t lock;
	int64_t generation;    /* of every entry held */
	struct entry **slots;  /* open addressing, linear probing */
	size_t capacity;       /* a power of two, at least twice held */
	size_t held;
	size_t bytes;
	size_t max_bytes;
	int64_t warm_generation;  /* the generation oruk_cache_warm last filled */
};

enum { INITIAL_CAPACITY = 1024 };

static size_t string_count(size_t place_count)
{
	return FIXED_STRINGS + 2 * place_count;
}

static const char *entry_text(const struct entry *en)
{
	return (const char *)(en->lens + string_count(en->place_count));
}

/* FNV-1a: the keys are UUIDs, already well spread. */
static uint64_t hash_of(const char *s)
{
	uint64_t h = 14695981039346656037ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

struct oruk_cache *oruk_cache_new(size_t max_bytes)
{
	struct oruk_cache *c = calloc(1, sizeof *c);
	if (!c)
		abort();
	pthread_rwlock_init(&c->lock, NULL);
	c->capacity = INITIAL_CAPACITY;
	c->slots = calloc(c->capacity, sizeof *c->slots);
	if (!c->slots)
		abort();
	c->max_bytes = max_bytes;
	c->warm_generation = -1;
	return c;
}

/* Lets go of every entry; the caller holds the write lock. */
static void empty(struct oruk_cache *c)
{
	for (size_t i = 0; i < c->capacity; i++) {
		free(c->slots[i]);
		c->slots[i] = NULL;
	}
	c->held = 0;
	c->bytes = 0;
}

void oruk_cache_free(struct oruk_cache *c)
{
	if (!c)
		return;
	empty(c);
	free(c->slots);
	pthread_rwlock_destroy(&c->lock);
	free(c);
}

/* The slot holding id, or the empty slot where it would go. */
static size_t slot_of(const struct oruk_cache *c, const char *id, uint64_t hash)
{
	size_t i = hash & (c->capacity - 1);
	for (;;) {
		const struct entry *en = c->slots[i];
		if (!en || (en->hash == hash && strcmp(entry_text(en), id) == 0))
			return i;
		i = (i + 1) & (c->capacity - 1);
	}
}

static void grow(struct oruk_cache *c)
{
	struct entry **old = c->slots;
	size_t old_capacity = c->capacity;
	c->capacity *= 2;
	c->slots = calloc(c->capacity, sizeof *c->slots);
	if (!c->slots)
		abort();
	for (size_t i = 0; i < old_capacity; i++)
		if (old[i])
			c->slots[slot_of(c, entry_text(old[i]), old[i]->hash)] = old[i];
	free(old);
}

/* Takes en, or frees it when its listing is held already; the caller
 * holds the write lock. */
static void insert(struct oruk_cache *c, struct entry *en)
{
	if (en->bytes > c->max_bytes) {
		free(en);
		return;
	}
	size_t i = slot_of(c, entry_text(en), en->hash);
	if (c->slots[i]) {
		free(en);
		return;
	}
	if (c->bytes + en->bytes > c->max_bytes) {
		empty(c);
		i = slot_of(c, entry_text(en), en->hash);
	}
	if (2 * (c->held + 1) > c->capacity) {
		grow(c);
		i = slot_of(c, entry_text(en), en->hash);
	}
	c->slots[i] = en;
	c->held++;
	c->bytes += en->bytes;
}

/* out from an entry's strings at text (a copy of its text). */
static void docs_from(const struct entry *en, const char *text, struct arena *a,
		      struct oruk_docs *out)
{
	const char *s[FIXED_STRINGS];
	for (size_t k = 0; k < FIXED_STRINGS; k++) {
		s[k] = text;
		text += en->lens[k] + 1;
	}
	out->service_id = s[0];
	out->brief = s[1];
	out->brief_len = en->lens[1];
	out->source_id = en->has_source ? s[2] : NULL;
	out->source = en->has_source ? s[3] : NULL;
	out->source_len = en->has_source ? en->lens[3] : 0;
	size_t n = en->place_count;
	out->place_count = n;
	out->place_ids = arena_alloc(a, (n + 1) * sizeof *out->place_ids);
	out->places = arena_alloc(a, (n + 1) * sizeof *out->places);
	out->place_lens = arena_alloc(a, (n + 1) * sizeof *out->place_lens);
	for (size_t k = 0; k < n; k++) {
		size_t at = FIXED_STRINGS + 2 * k;
		out->place_ids[k] = text;
		text += en->lens[at] + 1;
		out->places[k] = text;
		out->place_lens[k] = en->lens[at + 1];
		text += en->lens[at + 1] + 1;
	}
}

/* Copies what is held of ids into out, at generation only; true where
 * found. */
static void look_up(struct oruk_cache *c, int64_t generation, const char *const *ids,
		    size_t count, struct arena *a, struct oruk_docs *out, bool *found)
{
	pthread_rwlock_rdlock(&c->lock);
	bool current = c->generation == generation;
	for (size_t i = 0; i < count; i++) {
		found[i] = false;
		if (!current || !c->held)
			continue;
		const struct entry *en = c->slots[slot_of(c, ids[i], hash_of(ids[i]))];
		if (!en)
			continue;
		char *text = arena_alloc(a, en->text_len);
		memcpy(text, entry_text(en), en->text_len);
		docs_from(en, text, a, &out[i]);
		found[i] = true;
	}
	pthread_rwlock_unlock(&c->lock);
}

/* jansson writes through this into an arena-backed builder, as
 * http_send_json does. */
static int dump_to_sb(const char *buffer, size_t size, void *data)
{
	struct sb *sb = data;
	sb_append(sb, buffer, size);
	return sb_failed(sb) ? -1 : 0;
}

/* doc encoded into a (and its reference dropped); NULL when it is NULL or
 * cannot be. */
static const char *encoded(json_t *doc, struct arena *a, size_t *len)
{
	*len = 0;
	if (!doc)
		return NULL;
	struct sb out;
	sb_init(&out, a, 16 * 1024 * 1024);
	int rc = json_dump_callback(doc, dump_to_sb, &out, ORUK_CACHE_JSON_FLAGS);
	json_decref(doc);
	if (rc < 0)
		return NULL;
	*len = out.len;
	return sb_str(&out);
}

/* The documents of l, encoded into a as out. */
static int docs_of(const struct listing *l, struct arena *a, struct oruk_docs *out,
		   struct err *e)
{
	*out = (struct oruk_docs){.service_id = l->id};
	out->brief = encoded(oruk_service_brief(l), a, &out->brief_len);
	size_t n = l->location_count;
	out->place_ids = arena_alloc(a, (n + 1) * sizeof *out->place_ids);
	out->places = arena_alloc(a, (n + 1) * sizeof *out->places);
	out->place_lens = arena_alloc(a, (n + 1) * sizeof *out->place_lens);
	for (size_t k = 0; k < n; k++) {
		/* A place without a link to the service is no service at a
		 * location: the lists never name it. */
		if (!l->locations[k].service_at_location_id)
			continue;
		size_t at = out->place_count;
		out->place_ids[at] = l->locations[k].service_at_location_id;
		out->places[at] = encoded(oruk_service_at_location(l, k), a, &out->place_lens[at]);
		if (!out->places[at])
			return err_set(e, "cannot encode the ORUK documents of %s", l->id);
		out->place_count++;
	}
	if (l->source) {
		out->source_id = l->source->id;
		out->source = encoded(oruk_source_attribution(l->source), a, &out->source_len);
		if (!out->source)
			return err_set(e, "cannot encode the ORUK documents of %s", l->id);
	}
	if (!out->brief)
		return err_set(e, "cannot encode the ORUK documents of %s", l->id);
	return RESULT_OK;
}

/* A new entry holding d. */
static struct entry *entry_of(const struct oruk_docs *d)
{
	size_t n = string_count(d->place_count);
	const char *s[FIXED_STRINGS] = {d->service_id, d->brief, d->source_id ? d->source_id : "",
					d->source ? d->source : ""};
	size_t fixed_lens[FIXED_STRINGS] = {strlen(d->service_id), d->brief_len,
					    strlen(s[2]), d->source_len};
	size_t text_len = 0;
	for (size_t k = 0; k < FIXED_STRINGS; k++)
		text_len += fixed_lens[k] + 1;
	for (size_t k = 0; k < d->place_count; k++)
		text_len += strlen(d->place_ids[k]) + 1 + d->place_lens[k] + 1;
	size_t bytes = sizeof(struct entry) + n * sizeof(size_t) + text_len;
	struct entry *en = malloc(bytes);
	if (!en)
		abort();
	*en = (struct entry){.hash = hash_of(d->service_id), .bytes = bytes,
			     .text_len = text_len, .place_count = d->place_count,
			     .has_source = d->source_id != NULL};
	char *text = (char *)(en->lens + n);
	for (size_t k = 0; k < n; k++) {
		const char *str;
		size_t len;
		if (k < FIXED_STRINGS) {
			str = s[k];
			len = fixed_lens[k];
		} else if ((k - FIXED_STRINGS) % 2 == 0) {
			str = d->place_ids[(k - FIXED_STRINGS) / 2];
			len = strlen(str);
		} else {
			str = d->places[(k - FIXED_STRINGS) / 2];
			len = d->place_lens[(k - FIXED_STRINGS) / 2];
		}
		en->lens[k] = len;
		memcpy(text, str, len);
		text[len] = '\0';
		text += len + 1;
	}
	return en;
}

/* Keeps the documents read for generation, unless the cache has moved
 * past it; a newer generation empties the cache first. */
static void keep(struct oruk_cache *c, int64_t generation, struct entry **made, size_t count)
{
	pthread_rwlock_wrlock(&c->lock);
	if (generation > c->generation) {
		empty(c);
		c->generation = generation;
	}
	for (size_t i = 0; i < count; i++) {
		if (made[i] && c->generation == generation)
			insert(c, made[i]);
		else
			free(made[i]);
	}
	pthread_rwlock_unlock(&c->lock);
}

int oruk_cache_docs(struct oruk_cache *c, struct db *db, int64_t generation,
		    const struct caller *who, int review_months, const char *const *ids,
		    size_t count, struct arena *a, struct oruk_docs *out, struct err *e)
{
	err_clear(e);
	bool *found = arena_alloc(a, (count + 1) * sizeof *found);
	for (size_t i = 0; i < count; i++)
		out[i] = (struct oruk_docs){0};
	look_up(c, generation, ids, count, a, out, found);

	const char **missing = arena_alloc(a, (count + 1) * sizeof *missing);
	size_t *missing_at = arena_alloc(a, (count + 1) * sizeof *missing_at);
	size_t missing_count = 0;
	for (size_t i = 0; i < count; i++)
		if (!found[i]) {
			missing_at[missing_count] = i;
			missing[missing_count++] = ids[i];
		}
	if (!missing_count)
		return RESULT_OK;

	struct listing *read = arena_alloc(a, missing_count * sizeof *read);
	int rc = listing_get_many(db, who, LISTING_PUBLIC, review_months, missing, missing_count,
				  a, read, e);
	if (rc != RESULT_OK && rc != RESULT_NOT_FOUND)
		return rc;
	struct entry **made = arena_alloc(a, missing_count * sizeof *made);
	for (size_t k = 0; k < missing_count; k++) {
		made[k] = NULL;
		if (!read[k].id)
			continue;
		struct oruk_docs *d = &out[missing_at[k]];
		if (docs_of(&read[k], a, d, e) < 0) {
			for (size_t j = 0; j < k; j++)
				free(made[j]);
			return RESULT_FAILED;
		}
		made[k] = entry_of(d);
	}
	keep(c, generation, made, missing_count);
	return rc;
}

const char *oruk_docs_place(const struct oruk_docs *d, const char *id, size_t *len)
{
	for (size_t k = 0; id && k < d->place_count; k++)
		if (strcmp(d->place_ids[k], id) == 0) {
			*len = d->place_lens[k];
			return d->places[k];
		}
	*len = 0;
	return NULL;
}

void oruk_cache_stats(struct oruk_cache *c, size_t *listings, size_t *bytes)
{
	pthread_rwlock_rdlock(&c->lock);
	*listings = c->held;
	*bytes = c->bytes;
	pthread_rwlock_unlock(&c->lock);
}

/* Batches small enough that a page waiting on the write lock waits for
 * one batch's insert only, large enough that listing_get_many's fixed
 * cost per call is spread. */
enum { WARM_BATCH = 256 };

static int by_id(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* Every live listing's id once, from the copy in memory, in a. */
static size_t live_ids(const struct nearby_view *view, struct arena *a, const char ***out)
{
	struct search_query q;
	search_query_init(&q);
	struct nearby_place *places;
	size_t n = nearby_find(view, &q, 0, 0, a, &places);
	const char **ids = arena_alloc(a, (n + 1) * sizeof *ids);
	for (size_t i = 0; i < n; i++)
		ids[i] = places[i].service_id;
	qsort(ids, n, sizeof *ids, by_id);
	size_t count = 0;
	for (size_t i = 0; i < n; i++)
		if (count == 0 || strcmp(ids[count - 1], ids[i]) != 0)
			ids[count++] = ids[i];
	*out = ids;
	return count;
}

static bool nearly_full(struct oruk_cache *c)
{
	pthread_rwlock_rdlock(&c->lock);
	bool full = c->bytes > c->max_bytes / 10 * 9;
	pthread_rwlock_unlock(&c->lock);
	return full;
}

int oruk_cache_warm(struct oruk_cache *c, struct nearby *near, struct db *db,
		    const struct caller *who, int review_months, size_t *warmed, struct err *e)
{
	*warmed = 0;
	int64_t generation;
	if (db_generation_read(db, DB_GENERATION_DIRECTORY, &generation, e) < 0)
		return RESULT_FAILED;
	pthread_rwlock_rdlock(&c->lock);
	bool warm = c->warm_generation == generation;
	pthread_rwlock_unlock(&c->lock);
	if (warm)
		return RESULT_OK;

	struct nearby_view *view;
	if (nearby_acquire(near, db, &view, e) != RESULT_OK)
		return RESULT_FAILED;
	struct arena *ids_arena = arena_new();
	const char **ids;
	size_t count = live_ids(view, ids_arena, &ids);
	int rc = RESULT_OK;
	for (size_t from = 0; from < count && !nearly_full(c); from += WARM_BATCH) {
		size_t n = count - from < WARM_BATCH ? count - from : WARM_BATCH;
		struct arena *a = arena_new();
		struct oruk_docs *docs = arena_alloc(a, n * sizeof *docs);
		rc = oruk_cache_docs(c, db, generation, who, review_months, ids + from, n, a, docs,
				     e);
		arena_free(a);
		/* A listing retired since the copy was made is simply not held. */
		if (rc == RESULT_NOT_FOUND)
			rc = RESULT_OK;
		if (rc != RESULT_OK)
			break;
		*warmed += n;
	}
	nearby_release(near, view);
	arena_free(ids_arena);
	if (rc == RESULT_OK) {
		pthread_rwlock_wrlock(&c->lock);
		/* A directory with nothing live kept nothing, so the cache may
		 * still be at an older generation: it is warm for this one. */
		if (generation > c->generation) {
			empty(c);
			c->generation = generation;
		}
		if (c->generation == generation)
			c->warm_generation = generation;
		pthread_rwlock_unlock(&c->lock);
	}
	return rc;
}
