#include "domain/community/nearby.h"

#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/err.h"
#include "db/db.h"
#include "db/generation.h"
#include "domain/community/search.h"
#include "domain/community/words.h"

/* A search's box is 2 km either side of its point at most times, so a
 * cell of 2 km holds a box in four cells or nine.  A grid larger than
 * CELLS_MAX (places scattered beyond Great Britain) gets larger cells. */
#define CELL_METRES 2000.0
#define CELLS_MAX (1u << 22)
#define NO_AGE LONG_MIN

static const char *const weekdays[] = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};

struct term {
	const char *id;
	const char *taxonomy_id;   /* NULL: a term the database does not hold */
};

/* A schedule as where() compares it: the database's own upper(),
 * substr() and weekday of a one-off, read with it. */
struct schedule {
	bool recurring;            /* freq IS NOT NULL */
	const char *byday;         /* upper(byday), or NULL */
	int one_off_dow;           /* a one-off's weekday, 0 Sunday .. 6; -1 none */
	const char *opens, *closes;   /* substr(.., 1, 5), or NULL */
};

struct place {
	const char *service_at_location_id;
	bool has_point;
	double easting, northing;
	uint32_t entry;
};

enum kid { TERMS, SCHEDULES, PLACES, KID_KINDS };

/* A live listing; its words, terms, schedules and places are slices of
 * the view's arrays. */
struct entry {
	const char *id;
	const char *name;
	const char *last_modified;
	long minimum_age, maximum_age;   /* NO_AGE: none given */
	int free;                        /* -1: NULL */
	uint32_t word_at, word_count;    /* ranks in the dictionary, ascending */
	struct span {
		uint32_t at, count;
	} kids[KID_KINDS];               /* terms, schedules, places */
};

struct nearby_view {
	int64_t generation;
	struct arena *a;             /* everything below */
	struct entry *entries;       /* by id (strcmp) */
	size_t entry_count;
	const char **dictionary;     /* every word of every listing, sorted */
	size_t dictionary_count;
	uint32_t *words;
	struct term *terms;
	struct schedule *schedules;
	struct place *places;        /* each entry's together */
	/* The places with a point, by cell: cell c holds cell_places
	 * [cell_start[c], cell_start[c + 1]). */
	double min_e, min_n, cell;
	size_t cols, rows;
	uint32_t *cell_start;
	uint32_t *cell_places;
	int users;                   /* guarded by the nearby's lock */
	bool retired;
};

struct nearby {
	pthread_mutex_t build_lock;  /* one build at a time */
	pthread_mutex_t lock;        /* current, and each view's users, retired */
	struct nearby_view *current; /* NULL until the first build */
};

struct nearby *nearby_new(void)
{
	struct nearby *n = calloc(1, sizeof *n);
	if (!n)
		abort();
	pthread_mutex_init(&n->build_lock, NULL);
	pthread_mutex_init(&n->lock, NULL);
	return n;
}

static void view_free(struct nearby_view *v)
{
	if (v)
		arena_free(v->a);
}

void nearby_free(struct nearby *n)
{
	if (!n)
		return;
	view_free(n->current);
	pthread_mutex_destroy(&n->lock);
	pthread_mutex_destroy(&n->build_lock);
	free(n);
}

/* ---- building a view ---- */

/* What the view is built from, in one read transaction.  Every filter's
 * column is read as where() reads it; the weekday of a one-off as each
 * backend computes it there. */
#define LIVE " JOIN community_services s ON s.id = x.service_id WHERE s.status <> 'defunct'"
static const char services_sql[] =
	"SELECT id, name, search_text, minimum_age, maximum_age, free, last_modified"
	" FROM community_services WHERE status <> 'defunct'";
static const char places_sql[] =
	"SELECT x.service_id, x.id, l.easting, l.northing FROM community_service_at_locations x"
	" LEFT JOIN community_locations l ON l.id = x.location_id" LIVE;
static const char terms_sql[] =
	"SELECT x.service_id, x.taxonomy_term_id, t.taxonomy_id FROM community_attributes x"
	" LEFT JOIN community_taxonomy_terms t ON t.id = x.taxonomy_term_id" LIVE;
#define SCHEDULES(one_off_dow)                                                        \
	"SELECT x.service_id, x.freq, upper(x.byday), CASE WHEN x.freq IS NULL THEN "      \
	one_off_dow " END, substr(x.opens_at, 1, 5), substr(x.closes_at, 1, 5)"            \
	" FROM community_schedules x" LIVE
static const char sqlite_schedules_sql[] =
	SCHEDULES("CAST(strftime('%w', x.dtstart) AS INTEGER)");
static const char pg_schedules_sql[] =
	SCHEDULES("CAST(extract(dow FROM CAST(x.dtstart AS date)) AS INTEGER)");

static int by_id(const void *x, const void *y)
{
	return strcmp(((const struct entry *)x)->id, ((const struct entry *)y)->id);
}

/* The entry of a listing id, or -1 (a row of a listing that is not live). */
static long entry_of(const struct nearby_view *v, const char *id)
{
	size_t lo = 0, hi = v->entry_count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(v->entries[mid].id, id);
		if (c == 0)
			return (long)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

static long long_or(const char *s, long none)
{
	return s ? strtol(s, NULL, 10) : none;
}

static bool point_of(const char *e, const char *n, double *x, double *y)
{
	if (!e || !n)
		return false;
	*x = strtod(e, NULL);
	*y = strtod(n, NULL);
	return isfinite(*x) && isfinite(*y);
}

/* Slices a child table's rows (column 0 the listing's id) by entry: sets
 * each entry's span of that kind and returns, for each row, its index in
 * the kind's array, or UINT32_MAX for a row of a listing that is not
 * live; *owner the row's entry.  The arrays in a. */
static uint32_t *slice(struct nearby_view *v, struct arena *a, const struct db_rows *rows,
		       enum kid kind, long **owner)
{
	uint32_t *slot = arena_alloc(a, (rows->row_count + 1) * sizeof *slot);
	long *of = arena_alloc(a, (rows->row_count + 1) * sizeof *of);
	for (size_t i = 0; i < rows->row_count; i++) {
		of[i] = entry_of(v, db_cell(rows, i, 0));
		if (of[i] >= 0)
			v->entries[of[i]].kids[kind].count++;
	}
	uint32_t next = 0;
	for (size_t i = 0; i < v->entry_count; i++) {
		struct span *s = &v->entries[i].kids[kind];
		s->at = next;
		next += s->count;
		s->count = 0;
	}
	for (size_t i = 0; i < rows->row_count; i++) {
		slot[i] = UINT32_MAX;
		if (of[i] >= 0) {
			struct span *s = &v->entries[of[i]].kids[kind];
			slot[i] = s->at + s->count++;
		}
	}
	*owner = of;
	return slot;
}

static uint32_t hash_word(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

/* The distinct words while they are gathered: an open-addressed table of
 * indexes (plus one; 0 empty) into words. */
struct dictionary {
	const char **words;
	size_t count, room;
	uint32_t *table;
	size_t table_size;          /* a power of two, at least twice count */
};

static void dictionary_put_index(struct dictionary *d, uint32_t index)
{
	const char *w = d->words[index];
	size_t mask = d->table_size - 1;
	for (size_t i = hash_word(w, strlen(w)) & mask;; i = (i + 1) & mask)
		if (!d->table[i]) {
			d->table[i] = index + 1;
			return;
		}
}

/* The index of word (n bytes at s), added (copied into a) if new. */
static uint32_t dictionary_id(struct dictionary *d, struct arena *a, const char *s, size_t n)
{
	size_t mask = d->table_size - 1;
	size_t i = hash_word(s, n) & mask;
	for (; d->table[i]; i = (i + 1) & mask) {
		const char *w = d->words[d->table[i] - 1];
		if (strncmp(w, s, n) == 0 && w[n] == '\0')
			return d->table[i] - 1;
	}
	if (d->count == d->room) {
		d->room = d->room ? d->room * 2 : 4096;
		d->words = realloc(d->words, d->room * sizeof *d->words);
		if (!d->words)
			abort();
	}
	uint32_t id = (uint32_t)d->count++;
	d->words[id] = arena_strndup(a, s, n);
	d->table[i] = id + 1;
	if (d->count * 2 > d->table_size) {
		free(d->table);
		d->table_size *= 2;
		d->table = calloc(d->table_size, sizeof *d->table);
		if (!d->table)
			abort();
		for (uint32_t k = 0; k < d->count; k++)
			dictionary_put_index(d, k);
	}
	return id;
}

static int by_word(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

static int by_rank(const void *x, const void *y)
{
	uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
	return (a > b) - (a < b);
}

/* Each entry's words: search_text folded again as FTS5's unicode61
 * (remove_diacritics 2) and PostgreSQL's `simple` split it (the same as
 * written, which words_fold_all made), each word its rank in the sorted
 * dictionary, so that the words with a prefix are one range of ranks. */
static void build_words(struct nearby_view *v, struct arena *tmp, const struct db_rows *services)
{
	/* Each entry's text: entries were sorted, so by id. */
	const char **texts = arena_alloc(tmp, (v->entry_count + 1) * sizeof *texts);
	size_t total = 0;
	for (size_t r = 0; r < services->row_count; r++) {
		long at = entry_of(v, db_cell(services, r, 0));
		const char *folded = words_fold(tmp, db_cell(services, r, 2));
		texts[at] = folded;
		total += strlen(folded) / 2 + 1;
	}
	uint32_t *ids = malloc((total + 1) * sizeof *ids);
	struct dictionary d = {.table_size = 1u << 14};
	d.table = calloc(d.table_size, sizeof *d.table);
	if (!ids || !d.table)
		abort();
	size_t used = 0;
	for (size_t i = 0; i < v->entry_count; i++) {
		struct entry *x = &v->entries[i];
		x->word_at = (uint32_t)used;
		for (const char *p = texts[i]; *p;) {
			size_t n = strcspn(p, " ");
			ids[used++] = dictionary_id(&d, v->a, p, n);
			p += n + (p[n] == ' ');
		}
		x->word_count = (uint32_t)(used - x->word_at);
	}
	/* Ranks in byte order: FTS5's and the words' own. */
	const char **sorted = arena_alloc(v->a, (d.count + 1) * sizeof *sorted);
	if (d.count)  /* an empty directory has no words, and d.words no array */
		memcpy(sorted, d.words, d.count * sizeof *sorted);
	qsort(sorted, d.count, sizeof *sorted, by_word);
	uint32_t *rank = arena_alloc(tmp, (d.count + 1) * sizeof *rank);
	/* The rank of each id: the id is found again by its word. */
	for (size_t k = 0; k < d.count; k++) {
		const char **hit = bsearch(&d.words[k], sorted, d.count, sizeof *sorted, by_word);
		rank[k] = (uint32_t)(hit - sorted);
	}
	v->words = arena_alloc(v->a, (used + 1) * sizeof *v->words);
	size_t kept = 0;
	for (size_t i = 0; i < v->entry_count; i++) {
		struct entry *x = &v->entries[i];
		uint32_t *w = v->words + kept;
		for (uint32_t j = 0; j < x->word_count; j++)
			w[j] = rank[ids[x->word_at + j]];
		qsort(w, x->word_count, sizeof *w, by_rank);
		uint32_t distinct = 0;
		for (uint32_t j = 0; j < x->word_count; j++)
			if (distinct == 0 || w[distinct - 1] != w[j])
				w[distinct++] = w[j];
		x->word_at = (uint32_t)kept;
		x->word_count = distinct;
		kept += distinct;
	}
	v->dictionary = sorted;
	v->dictionary_count = d.count;
	free(d.table);
	free(d.words);
	free(ids);
}

/* The grid: a cell of CELL_METRES (or larger) over the places' extent. */
static void build_grid(struct nearby_view *v, struct arena *tmp, size_t place_count)
{
	bool any = false;
	double max_e = 0, max_n = 0;
	for (size_t i = 0; i < place_count; i++) {
		const struct place *p = &v->places[i];
		if (!p->has_point)
			continue;
		if (!any || p->easting < v->min_e)
			v->min_e = p->easting;
		if (!any || p->northing < v->min_n)
			v->min_n = p->northing;
		if (!any || p->easting > max_e)
			max_e = p->easting;
		if (!any || p->northing > max_n)
			max_n = p->northing;
		any = true;
	}
	if (!any)
		return;
	v->cell = CELL_METRES;
	for (;;) {
		v->cols = (size_t)((max_e - v->min_e) / v->cell) + 1;
		v->rows = (size_t)((max_n - v->min_n) / v->cell) + 1;
		if (v->cols <= CELLS_MAX / v->rows)
			break;
		v->cell *= 2;
	}
	size_t cells = v->cols * v->rows;
	v->cell_start = arena_alloc(v->a, (cells + 1) * sizeof *v->cell_start);
	uint32_t *cell_of = arena_alloc(tmp, (place_count + 1) * sizeof *cell_of);
	size_t with_point = 0;
	for (size_t i = 0; i < place_count; i++) {
		const struct place *p = &v->places[i];
		if (!p->has_point)
			continue;
		size_t col = (size_t)((p->easting - v->min_e) / v->cell);
		size_t row = (size_t)((p->northing - v->min_n) / v->cell);
		cell_of[i] = (uint32_t)(row * v->cols + col);
		v->cell_start[cell_of[i] + 1]++;
		with_point++;
	}
	for (size_t c = 0; c < cells; c++)
		v->cell_start[c + 1] += v->cell_start[c];
	v->cell_places = arena_alloc(v->a, (with_point + 1) * sizeof *v->cell_places);
	uint32_t *next = arena_alloc(tmp, (cells + 1) * sizeof *next);
	memcpy(next, v->cell_start, cells * sizeof *next);
	for (size_t i = 0; i < place_count; i++)
		if (v->places[i].has_point)
			v->cell_places[next[cell_of[i]]++] = (uint32_t)i;
}

static const char *keep(struct nearby_view *v, const char *s)
{
	return s ? arena_strdup(v->a, s) : NULL;
}

/* Fills v from the rows read; tmp holds them and the work. */
static void build(struct nearby_view *v, struct arena *tmp, const struct db_rows *services,
		  const struct db_rows *places, const struct db_rows *terms,
		  const struct db_rows *schedules)
{
	v->entry_count = services->row_count;
	v->entries = arena_alloc(v->a, (v->entry_count + 1) * sizeof *v->entries);
	for (size_t i = 0; i < v->entry_count; i++)
		v->entries[i] = (struct entry){
			.id = keep(v, db_cell(services, i, 0)),
			.name = keep(v, db_cell(services, i, 1)),
			.minimum_age = long_or(db_cell(services, i, 3), NO_AGE),
			.maximum_age = long_or(db_cell(services, i, 4), NO_AGE),
			.free = (int)long_or(db_cell(services, i, 5), -1),
			.last_modified = keep(v, db_cell(services, i, 6)),
		};
	qsort(v->entries, v->entry_count, sizeof *v->entries, by_id);
	build_words(v, tmp, services);

	long *owner;
	uint32_t *at = slice(v, tmp, places, PLACES, &owner);
	v->places = arena_alloc(v->a, (places->row_count + 1) * sizeof *v->places);
	size_t place_count = 0;
	for (size_t i = 0; i < places->row_count; i++) {
		if (at[i] == UINT32_MAX)
			continue;
		struct place *p = &v->places[at[i]];
		p->entry = (uint32_t)owner[i];
		p->service_at_location_id = keep(v, db_cell(places, i, 1));
		p->has_point = point_of(db_cell(places, i, 2), db_cell(places, i, 3), &p->easting,
					&p->northing);
		place_count++;
	}
	build_grid(v, tmp, place_count);

	at = slice(v, tmp, terms, TERMS, &owner);
	v->terms = arena_alloc(v->a, (terms->row_count + 1) * sizeof *v->terms);
	for (size_t i = 0; i < terms->row_count; i++)
		if (at[i] != UINT32_MAX)
			v->terms[at[i]] = (struct term){keep(v, db_cell(terms, i, 1)),
							keep(v, db_cell(terms, i, 2))};

	at = slice(v, tmp, schedules, SCHEDULES, &owner);
	v->schedules = arena_alloc(v->a, (schedules->row_count + 1) * sizeof *v->schedules);
	for (size_t i = 0; i < schedules->row_count; i++)
		if (at[i] != UINT32_MAX)
			v->schedules[at[i]] = (struct schedule){
				.recurring = db_cell(schedules, i, 1) != NULL,
				.byday = keep(v, db_cell(schedules, i, 2)),
				.one_off_dow = (int)long_or(db_cell(schedules, i, 3), -1),
				.opens = keep(v, db_cell(schedules, i, 4)),
				.closes = keep(v, db_cell(schedules, i, 5)),
			};
}

/* A new view of the database as one read transaction sees it, with the
 * generation that transaction reads. */
static int view_load(struct db *db, struct nearby_view **out, struct err *e)
{
	bool pg = strcmp(db_kind_name(db), "postgresql") == 0;
	struct arena *tmp = arena_new();
	struct nearby_view *v = NULL;
	struct db_conn *c;
	if (db_acquire(db, &c, e) < 0) {
		arena_free(tmp);
		return RESULT_FAILED;
	}
	struct db_rows services, places, terms, schedules;
	int64_t generation = 0;
	int rc = db_query_plain(c, tmp,
				pg ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN",
				NULL, e);
	if (rc == RESULT_OK) {
		if (db_generation_read_on(c, DB_GENERATION_DIRECTORY, &generation, e) < 0 ||
		    db_query_plain(c, tmp, services_sql, &services, e) < 0 ||
		    db_query_plain(c, tmp, places_sql, &places, e) < 0 ||
		    db_query_plain(c, tmp, terms_sql, &terms, e) < 0 ||
		    db_query_plain(c, tmp, pg ? pg_schedules_sql : sqlite_schedules_sql,
				   &schedules, e) < 0)
			rc = RESULT_FAILED;
		struct err ignored;
		if (db_query_plain(c, tmp, rc == RESULT_OK ? "COMMIT" : "ROLLBACK", NULL,
				   rc == RESULT_OK ? e : &ignored) < 0)
			rc = RESULT_FAILED;
	}
	db_release(c);
	if (rc == RESULT_OK && services.row_count >= UINT32_MAX / 2)
		rc = err_set(e, "nearby: too many listings to index");
	if (rc == RESULT_OK) {
		struct arena *a = arena_new();
		v = arena_alloc(a, sizeof *v);
		v->a = a;
		v->generation = generation;
		build(v, tmp, &services, &places, &terms, &schedules);
	}
	arena_free(tmp);
	*out = v;
	return rc;
}

int nearby_acquire(struct nearby *n, struct db *db, struct nearby_view **out, struct err *e)
{
	*out = NULL;
	int64_t wanted;
	if (db_generation_read(db, DB_GENERATION_DIRECTORY, &wanted, e) < 0)
		return RESULT_FAILED;
	for (;;) {
		pthread_mutex_lock(&n->lock);
		struct nearby_view *v = n->current;
		bool fresh = v && v->generation >= wanted;
		if (fresh)
			v->users++;
		pthread_mutex_unlock(&n->lock);
		if (fresh) {
			*out = v;
			return RESULT_OK;
		}
		/* Whoever takes the build lock first builds; the others find
		 * its view fresh when they have it. */
		pthread_mutex_lock(&n->build_lock);
		pthread_mutex_lock(&n->lock);
		fresh = n->current && n->current->generation >= wanted;
		pthread_mutex_unlock(&n->lock);
		struct nearby_view *built = NULL;
		if (!fresh && view_load(db, &built, e) < 0) {
			pthread_mutex_unlock(&n->build_lock);
			return RESULT_FAILED;
		}
		if (built) {
			pthread_mutex_lock(&n->lock);
			struct nearby_view *old = n->current;
			n->current = built;
			bool unused = old && old->users == 0;
			if (old)
				old->retired = true;
			pthread_mutex_unlock(&n->lock);
			if (unused)
				view_free(old);
		}
		pthread_mutex_unlock(&n->build_lock);
	}
}

void nearby_release(struct nearby *n, struct nearby_view *v)
{
	pthread_mutex_lock(&n->lock);
	bool last = --v->users == 0 && v->retired;
	pthread_mutex_unlock(&n->lock);
	if (last)
		view_free(v);
}

/* ---- finding ---- */

/* A word of the search: the ranks [lo, hi) of the dictionary's words it
 * matches (one word, or every word with a prefix). */
struct need {
	uint32_t lo, hi;
};

/* The first rank whose word is not below s (prefix: not below and not
 * starting with s either, when past_prefix). */
static uint32_t rank_of(const struct nearby_view *v, const char *s, size_t n, bool past_prefix)
{
	size_t lo = 0, hi = v->dictionary_count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *w = v->dictionary[mid];
		/* strncmp 0: w starts with s, so it is s or after it. */
		int c = strncmp(w, s, n);
		if (past_prefix ? c <= 0 : c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (uint32_t)lo;
}

/* The search's words as words_query makes them for PostgreSQL ("a & b &
 * c:*": each required, the last a prefix when it has ":*"), so that
 * memory and SQL take the same words.  False when one matches no word
 * held, so nothing can match. */
static bool needs_of(const struct nearby_view *v, struct arena *a, const char *text,
		     struct need *needs, size_t *count)
{
	const char *fts5, *tsquery;
	words_query(a, text, &fts5, &tsquery);
	*count = 0;
	for (const char *p = tsquery; p && *p;) {
		size_t n = strcspn(p, " :");
		bool prefix = strncmp(p + n, ":*", 2) == 0;
		/* words_query makes at most WORDS_QUERY_MAX. */
		if (*count >= WORDS_QUERY_MAX)
			abort();
		struct need *nd = &needs[(*count)++];
		nd->lo = rank_of(v, p, n, false);
		nd->hi = prefix ? rank_of(v, p, n, true)
				: nd->lo + (nd->lo < v->dictionary_count &&
					    strlen(v->dictionary[nd->lo]) == n &&
					    strncmp(v->dictionary[nd->lo], p, n) == 0);
		if (nd->lo == nd->hi)
			return false;
		p += n + (prefix ? 2 : 0);
		if (strncmp(p, " & ", 3) == 0)
			p += 3;
	}
	return true;
}

static bool has_word(const struct nearby_view *v, const struct entry *x, struct need nd)
{
	const uint32_t *w = v->words + x->word_at;
	size_t lo = 0, hi = x->word_count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (w[mid] < nd.lo)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < x->word_count && w[lo] < nd.hi;
}

/* One schedule against the day and times, as where()'s EXISTS. */
static bool schedule_fits(const struct schedule *s, const struct search_query *q)
{
	if (q->day > 0) {
		bool by_rule = s->recurring && s->byday && strstr(s->byday, weekdays[q->day - 1]);
		bool one_off = !s->recurring && s->one_off_dow == q->day % 7;
		if (!by_rule && !one_off)
			return false;
	}
	const char *start = q->start_time, *end = q->end_time;
	if (start && (!s->opens || strcmp(s->opens, start) > 0))
		return false;
	if (start && !end && (!s->closes || strcmp(s->closes, start) <= 0))
		return false;
	if (end && (!s->closes || strcmp(s->closes, end) < 0))
		return false;
	if (end && !start && (!s->opens || strcmp(s->opens, end) >= 0))
		return false;
	return true;
}

/* Whether a listing passes every filter but the distance: search.c's
 * where(), condition by condition (texts compared by their bytes). */
static bool matches(const struct nearby_view *v, const struct entry *x,
		    const struct search_query *q, const struct need *needs, size_t need_count)
{
	for (size_t i = 0; i < need_count; i++)
		if (!has_word(v, x, needs[i]))
			return false;
	const struct term *terms = v->terms + x->kids[TERMS].at;
	uint32_t term_count = x->kids[TERMS].count;
	if (q->term_count > 0) {
		bool any = false;
		for (uint32_t t = 0; t < term_count && !any; t++)
			for (size_t k = 0; k < q->term_count && !any; k++)
				any = terms[t].id && strcmp(terms[t].id, q->term_ids[k]) == 0;
		if (!any)
			return false;
	}
	if (q->taxonomy_id) {
		bool any = false;
		for (uint32_t t = 0; t < term_count && !any; t++)
			any = terms[t].taxonomy_id && strcmp(terms[t].taxonomy_id, q->taxonomy_id) == 0;
		if (!any)
			return false;
	}
	if (q->minimum_age >= 0 && x->minimum_age != NO_AGE && x->minimum_age > q->minimum_age)
		return false;
	if (q->maximum_age >= 0 && x->maximum_age != NO_AGE && x->maximum_age < q->maximum_age)
		return false;
	if (q->free >= 0 && x->free != (q->free ? 1 : 0))
		return false;
	if (q->modified_after &&
	    (!x->last_modified || strcmp(x->last_modified, q->modified_after) < 0))
		return false;
	if (q->day > 0 || q->start_time || q->end_time) {
		bool any = false;
		const struct span *sc = &x->kids[SCHEDULES];
		for (uint32_t s = 0; s < sc->count && !any; s++)
			any = schedule_fits(&v->schedules[sc->at + s], q);
		if (!any)
			return false;
	}
	return true;
}

struct found {
	struct nearby_place *list;
	size_t count, room;
};

static void add(struct found *f, struct arena *a, const struct entry *x, const struct place *p)
{
	if (f->count == f->room)
		f->list = arena_grow(a, f->list, f->count, &f->room, sizeof *f->list);
	f->list[f->count++] = (struct nearby_place){
		.service_id = x->id,
		.name = x->name,
		.service_at_location_id = p ? p->service_at_location_id : NULL,
		.has_point = p && p->has_point,
		.easting = p ? p->easting : 0,
		.northing = p ? p->northing : 0,
	};
}

static size_t clamp_cell(double at, double min, double cell, size_t count)
{
	double i = floor((at - min) / cell);
	return i < 0 ? 0 : i >= (double)count ? count - 1 : (size_t)i;
}

size_t nearby_find(const struct nearby_view *v, const struct search_query *q, double easting,
		   double northing, struct arena *a, struct nearby_place **out)
{
	struct found f = {0};
	struct need needs[WORDS_QUERY_MAX];
	size_t need_count;
	*out = arena_alloc(a, sizeof **out);
	if (!needs_of(v, a, q->words, needs, &need_count))
		return 0;
	if (q->within_metres <= 0) {
		for (size_t i = 0; i < v->entry_count; i++) {
			const struct entry *x = &v->entries[i];
			if (!matches(v, x, q, needs, need_count))
				continue;
			const struct span *pl = &x->kids[PLACES];
			if (pl->count == 0 && !q->by_location)
				add(&f, a, x, NULL);
			for (uint32_t k = 0; k < pl->count; k++)
				add(&f, a, x, &v->places[pl->at + k]);
		}
	} else if (v->cell_start) {
		double r = q->within_metres + 1;
		double e0 = easting - r, e1 = easting + r, n0 = northing - r, n1 = northing + r;
		bool outside = e1 < v->min_e || n1 < v->min_n ||
			       e0 > v->min_e + v->cell * (double)v->cols ||
			       n0 > v->min_n + v->cell * (double)v->rows;
		size_t c0 = clamp_cell(e0, v->min_e, v->cell, v->cols);
		size_t c1 = clamp_cell(e1, v->min_e, v->cell, v->cols);
		size_t r0 = clamp_cell(n0, v->min_n, v->cell, v->rows);
		size_t r1 = clamp_cell(n1, v->min_n, v->cell, v->rows);
		for (size_t row = r0; !outside && row <= r1; row++)
			for (size_t col = c0; col <= c1; col++) {
				size_t cell = row * v->cols + col;
				for (uint32_t k = v->cell_start[cell]; k < v->cell_start[cell + 1]; k++) {
					const struct place *p = &v->places[v->cell_places[k]];
					if (p->easting < e0 || p->easting > e1 || p->northing < n0 ||
					    p->northing > n1)
						continue;
					const struct entry *x = &v->entries[p->entry];
					if (matches(v, x, q, needs, need_count))
						add(&f, a, x, p);
				}
			}
	}
	if (f.list)
		*out = f.list;
	return f.count;
}
