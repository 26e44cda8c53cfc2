/* The community directory's search (domain/community/search.h) over the
 * same listings on SQLite and, when ALONGSIDE_TEST_PG_URL is set, on a
 * PostgreSQL database made for the run: the same assertions on both, each
 * naming the exact listings found in their order, so the two backends are
 * shown to find the same. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/err.h"
#include "core/id.h"
#include "db/db.h"
#include "domain/community/exchange.h"
#include "domain/community/listing.h"
#include "domain/community/nearby.h"
#include "domain/community/search.h"
#include "domain/community/words.h"
#include "domain/areas/lookup.h"
#include "domain/staff/caller.h"
#include "geo/map.h"
#include "geo/projection.h"
#include "support/testdb.h"

/* Terms of schema/013's own taxonomy. */
#define TERM_MUSIC "f9553deb-5ad5-487c-91f2-529557db6551"
#define TERM_FOOD "ab5cd759-7050-4623-b3be-cfcb743072cc"
#define TERM_SOCIAL "0bd11ef8-81a5-44e4-bfac-1e47c91eac1d"
#define TERM_YOUNG "ece3bed9-54e9-4bba-b596-cb1f0ae995a3"
/* A second taxonomy, made here. */
#define OTHER_TAXONOMY "6a1f0c2e-1111-4a2b-8c3d-4e5f60718293"
#define OTHER_TERM "6a1f0c2e-2222-4a2b-8c3d-4e5f60718293"

/* Near YO24 4NB, in Acomb, York: the point every distance is from. */
#define HERE_LAT 53.9539
#define HERE_LON -1.1263

struct place {
	double east, north;   /* metres from here on the grid */
};

struct fixture_listing {
	const char *name;
	const char *description;
	const char *status;
	int free;               /* -1 not known */
	int minimum_age, maximum_age;   /* -1 none */
	const char *freq, *byday, *dtstart, *opens_at, *closes_at;
	const char *term;
	const char *last_modified;
	struct place places[2];
	size_t place_count;
};

static const struct fixture_listing listings[] = {
	{"Acomb Singing Group", "Sing together at St Stephen\xE2\x80\x99s Caf\xC3\xA9", "active",
	 1, -1, -1, "WEEKLY", "TH", NULL, "10:00", "12:00", TERM_MUSIC,
	 "2026-03-01T10:00:00Z", {{500, 0}}, 1},
	{"Caf\xC3\xA9 Connect", "Coffee morning and a chat", "active", 0, 18, -1, "WEEKLY",
	 "MO,WE", NULL, "09:30", "11:30", TERM_FOOD, "2026-01-01T10:00:00Z", {{0, 1500}}, 1},
	{"Far Choir", "Singing for all", "active", 1, -1, -1, "WEEKLY", "TH", NULL, "18:00",
	 "20:00", TERM_MUSIC, "2026-02-01T10:00:00Z", {{5000, 0}}, 1},
	{"Youth Club", "Games, music and singing", "active", -1, 11, 18, "MONTHLY", "-1FR",
	 NULL, "17:00", "19:00", TERM_YOUNG, "2026-02-15T10:00:00Z", {{-1000, 0}, {0, -3000}},
	 2},
	{"Retired Singers", "Singing in the caf\xC3\xA9", "defunct", 1, -1, -1, "WEEKLY", "TH",
	 NULL, "10:00", "12:00", TERM_MUSIC, "2026-03-10T10:00:00Z", {{300, 0}}, 1},
	{"Online Chat", "A caf\xC3\xA9 chat online", "active", 1, -1, -1, NULL, NULL,
	 "2026-04-16", "19:00", "20:00", OTHER_TERM, "2026-03-05T10:00:00Z", {{0, 0}}, 0},
	{"Monthly Sing", "Songs of the shows", "temporarily closed", 0, 16, 99, "MONTHLY",
	 "2TH", NULL, "14:00", "16:00", TERM_MUSIC, "2026-01-20T10:00:00Z", {{0, -1900}}, 1},
};
#define LISTING_COUNT (sizeof listings / sizeof listings[0])

struct fixture {
	struct db *db;
	struct arena *a;
	struct testdb tdb;          /* its url, to open the database a second time */
	struct nearby *near;        /* the directory's copy for search near a point */
};

static void run(struct db *db, struct arena *a, const char *sql, const struct db_param *p,
		size_t n)
{
	struct err e;
	int rc = db_run_counted(db, a, sql, p, n, NULL, &e);
	if (rc < 0)
		fprintf(stderr, "%s\n%s\n", e.msg, sql);
	assert_int_equal(rc, 0);
}

static const char *uuid(struct arena *a)
{
	char id[ID_UUID_LEN + 1];
	id_uuid_new(id);
	return arena_strdup(a, id);
}

/* The listings, written as the store writes them (search_text folded by
 * words.h, easting/northing beside latitude/longitude). */
static void put_listings(struct db *db, struct arena *a)
{
	struct err e;
	struct projection *proj = projection_for_thread(&e);
	assert_non_null(proj);
	double here_e, here_n;
	assert_int_equal(projection_to_grid(proj, HERE_LAT, HERE_LON, &here_e, &here_n, &e), 0);
	const char *now = "2026-01-01T00:00:00Z";
	const struct db_param taxonomy[] = {DB_TEXT(OTHER_TAXONOMY), DB_TEXT(OTHER_TERM)};
	run(db, a,
	    "INSERT INTO community_taxonomies (id, name, description) VALUES ($1, 'Other', 'x')",
	    taxonomy, 1);
	run(db, a,
	    "INSERT INTO community_taxonomy_terms (id, taxonomy_id, name, description)"
	    " VALUES ($2, $1, 'Online', 'x')",
	    taxonomy, 2);
	const char *org = uuid(a);
	const struct db_param o[] = {DB_TEXT(org), DB_TEXT(now)};
	run(db, a,
	    "INSERT INTO community_organizations (id, name, description, created_at, updated_at)"
	    " VALUES ($1, 'Acomb Together', 'Groups in Acomb', $2, $2)",
	    o, 2);
	for (size_t i = 0; i < LISTING_COUNT; i++) {
		const struct fixture_listing *l = &listings[i];
		const char *service = uuid(a);
		const char *texts[] = {l->name, l->description};
		const struct db_param s[] = {
			DB_TEXT(service), DB_TEXT(org), DB_TEXT(l->name),
			DB_TEXT(l->description), DB_TEXT(l->status),
			l->free < 0 ? DB_NULL : DB_INT(l->free),
			l->minimum_age < 0 ? DB_NULL : DB_INT(l->minimum_age),
			l->maximum_age < 0 ? DB_NULL : DB_INT(l->maximum_age),
			DB_TEXT(words_fold_all(a, texts, 2)), DB_TEXT(now),
			DB_TEXT(l->last_modified),
		};
		run(db, a,
		    "INSERT INTO community_services (id, organization_id, name, description,"
		    " status, free, minimum_age, maximum_age, search_text, created_at,"
		    " last_modified) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
		    s, 11);
		const struct db_param sc[] = {
			DB_TEXT(uuid(a)), DB_TEXT(service), DB_TEXT(l->freq), DB_TEXT(l->byday),
			DB_TEXT(l->dtstart), DB_TEXT(l->opens_at), DB_TEXT(l->closes_at),
		};
		run(db, a,
		    "INSERT INTO community_schedules (id, service_id, freq, byday, dtstart,"
		    " opens_at, closes_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
		    sc, 7);
		const struct db_param t[] = {DB_TEXT(uuid(a)), DB_TEXT(service), DB_TEXT(l->term)};
		run(db, a,
		    "INSERT INTO community_attributes (id, service_id, taxonomy_term_id)"
		    " VALUES ($1, $2, $3)",
		    t, 3);
		for (size_t p = 0; p < l->place_count; p++) {
			double east = here_e + l->places[p].east, north = here_n + l->places[p].north;
			double lat, lon;
			assert_int_equal(projection_from_grid(proj, east, north, &lat, &lon, &e), 0);
			const char *location = uuid(a);
			const struct db_param pl[] = {
				DB_TEXT(location), DB_TEXT(arena_printf(a, "%.7f", lat)),
				DB_TEXT(arena_printf(a, "%.7f", lon)),
				DB_TEXT(arena_printf(a, "%.3f", east)),
				DB_TEXT(arena_printf(a, "%.3f", north)), DB_TEXT(now),
			};
			const struct db_param link[] = {DB_TEXT(uuid(a)), DB_TEXT(service),
							DB_TEXT(location)};
			run(db, a,
			    "INSERT INTO community_locations (id, name, postal_code, latitude,"
			    " longitude, easting, northing, created_at, updated_at)"
			    " VALUES ($1, 'Hall', 'YO24 4NB', CAST($2 AS DOUBLE PRECISION),"
			    " CAST($3 AS DOUBLE PRECISION), CAST($4 AS DOUBLE PRECISION),"
			    " CAST($5 AS DOUBLE PRECISION), $6, $6)",
			    pl, 6);
			run(db, a,
			    "INSERT INTO community_service_at_locations (id, service_id, location_id)"
			    " VALUES ($1, $2, $3)",
			    link, 3);
		}
	}
}

static int setup(void **state, bool on_pg)
{
	struct fixture *f = calloc(1, sizeof *f);
	f->a = arena_new();
	f->db = on_pg ? testdb_open_pg(&f->tdb, "search") : testdb_open(&f->tdb);
	f->near = nearby_new();
	put_listings(f->db, f->a);
	*state = f;
	return 0;
}

static int setup_sqlite(void **state)
{
	return setup(state, false);
}

/* A database of its own, migrated, on the test server; dropped after. */
static int setup_pg(void **state)
{
	return setup(state, true);
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	nearby_free(f->near);
	testdb_close(&f->tdb);
	arena_free(f->a);
	free(f);
	return 0;
}

/* The names found, in order, joined by " | "; the search asserted to
 * succeed and its total to match what it found on a single page. */
static const char *found(struct fixture *f, const struct search_query *q,
			 struct search_result *r)
{
	struct err e;
	int rc = search_run(f->db, f->near, q, f->a, r, &e);
	if (rc < 0)
		fprintf(stderr, "%s\n", e.msg);
	assert_int_equal(rc, RESULT_OK);
	char *out = arena_strdup(f->a, "");
	for (size_t i = 0; i < r->count; i++) {
		assert_string_not_equal(r->hits[i].name, "Retired Singers");
		out = arena_printf(f->a, "%s%s%s", out, i ? " | " : "", r->hits[i].name);
	}
	return out;
}

static const char *names(struct fixture *f, const struct search_query *q)
{
	struct search_result r;
	const char *out = found(f, q, &r);
	assert_int_equal(r.total, (long)r.count);
	return out;
}

static const char *words(struct fixture *f, const char *text)
{
	struct search_query q;
	search_query_init(&q);
	q.words = text;
	return names(f, &q);
}

static void everything_live_by_name(void **state)
{
	struct fixture *f = *state;
	struct search_query q;
	search_query_init(&q);
	struct search_result r;
	assert_string_equal(found(f, &q, &r), "Acomb Singing Group | Caf\xC3\xA9 Connect | Far Choir"
					      " | Monthly Sing | Online Chat | Youth Club");
	assert_int_equal(r.total, 6);
	assert_int_equal(r.total_pages, 1);
	assert_string_equal(r.hits[0].organization_name, "Acomb Together");
	assert_string_equal(r.hits[0].postal_code, "YO24 4NB");
	assert_true(r.hits[0].has_point);
	assert_false(r.hits[0].has_distance);
	assert_non_null(r.hits[0].service_at_location_id);
	/* Without a place there is none to give. */
	assert_string_equal(r.hits[4].name, "Online Chat");
	assert_null(r.hits[4].service_at_location_id);
	assert_false(r.hits[4].has_point);
}

static void words_fold_prefix_and_all_needed(void **state)
{
	struct fixture *f = *state;
	assert_string_equal(words(f, "cafe"),
			    "Acomb Singing Group | Caf\xC3\xA9 Connect | Online Chat");
	assert_string_equal(words(f, "CAF\xC3\x89"),
			    "Acomb Singing Group | Caf\xC3\xA9 Connect | Online Chat");
	assert_string_equal(words(f, "sing"),
			    "Acomb Singing Group | Far Choir | Monthly Sing | Youth Club");
	assert_string_equal(words(f, "singing cafe"), "Acomb Singing Group");
	assert_string_equal(words(f, "cafe singing"), "Acomb Singing Group");
	assert_string_equal(words(f, "Stephen\xE2\x80\x99s"), "Acomb Singing Group");
	assert_string_equal(words(f, "stephen s"), "Acomb Singing Group");
	/* A whole word that is not the last is no prefix. */
	assert_string_equal(words(f, "far choi"), "Far Choir");
	assert_string_equal(words(f, "choi far"), "");
	assert_string_equal(words(f, "choirs"), "");
	/* Operators are nothing but separators. */
	assert_string_equal(words(f, "\"far\" -choir*"), "Far Choir");
	assert_string_equal(words(f, "far OR choir"), "");
	assert_string_equal(words(f, "!!"), words(f, NULL));
}

static void distance_keeps_within_and_orders_nearest_first(void **state)
{
	struct fixture *f = *state;
	struct search_query q;
	search_query_init(&q);
	q.near = true;
	q.latitude = HERE_LAT;
	q.longitude = HERE_LON;
	q.within_metres = 2000;
	struct search_result r;
	assert_string_equal(found(f, &q, &r),
			    "Acomb Singing Group | Youth Club | Caf\xC3\xA9 Connect | Monthly Sing");
	assert_int_equal(r.total, 4);
	assert_true(r.hits[0].has_distance);
	assert_true(r.hits[0].distance_metres > 499 && r.hits[0].distance_metres < 501);
	assert_true(r.hits[3].distance_metres > 1899 && r.hits[3].distance_metres < 1901);
	/* "These words within 2 km". */
	q.words = "sing";
	assert_string_equal(names(f, &q), "Acomb Singing Group | Youth Club | Monthly Sing");
	/* A listing's distance is its nearest place's, and it is found once. */
	q.words = NULL;
	q.within_metres = 6000;
	assert_string_equal(found(f, &q, &r),
			    "Acomb Singing Group | Youth Club | Caf\xC3\xA9 Connect | Monthly Sing"
			    " | Far Choir");
	assert_true(r.hits[1].distance_metres < 1001);
	/* One row per place by location: the youth club twice. */
	q.by_location = true;
	const char *youth_near = r.hits[1].service_at_location_id;
	assert_string_equal(found(f, &q, &r),
			    "Acomb Singing Group | Youth Club | Caf\xC3\xA9 Connect | Monthly Sing"
			    " | Youth Club | Far Choir");
	assert_string_equal(r.hits[1].service_at_location_id, youth_near);
	assert_string_not_equal(r.hits[4].service_at_location_id, youth_near);
	assert_true(r.hits[4].distance_metres > 2999 && r.hits[4].distance_metres < 3001);
	assert_string_not_equal(r.hits[1].location_id, r.hits[4].location_id);
	/* Without a distance: every listing, the unplaced last. */
	q.by_location = false;
	q.within_metres = 0;
	assert_string_equal(found(f, &q, &r),
			    "Acomb Singing Group | Youth Club | Caf\xC3\xA9 Connect | Monthly Sing"
			    " | Far Choir | Online Chat");
	assert_false(r.hits[5].has_distance);
}

static void each_filter(void **state)
{
	struct fixture *f = *state;
	struct search_query q;
	search_query_init(&q);
	q.day = 4;
	assert_string_equal(names(f, &q),
			    "Acomb Singing Group | Far Choir | Monthly Sing | Online Chat");
	q.day = 5;
	assert_string_equal(names(f, &q), "Youth Club");
	q.day = 3;
	assert_string_equal(names(f, &q), "Caf\xC3\xA9 Connect");
	q.day = 7;
	assert_string_equal(names(f, &q), "");
	q.day = 0;
	q.start_time = "10:00";
	q.end_time = "11:00";
	assert_string_equal(names(f, &q), "Acomb Singing Group | Caf\xC3\xA9 Connect");
	q.day = 4;
	assert_string_equal(names(f, &q), "Acomb Singing Group");
	q.day = 0;
	/* One time alone: open at that time. */
	q.start_time = "19:00";
	q.end_time = NULL;
	assert_string_equal(names(f, &q), "Far Choir | Online Chat");
	q.start_time = NULL;
	q.end_time = "12:00";
	assert_string_equal(names(f, &q), "Acomb Singing Group");

	search_query_init(&q);
	q.minimum_age = 12;
	assert_string_equal(names(f, &q),
			    "Acomb Singing Group | Far Choir | Online Chat | Youth Club");
	q.minimum_age = -1;
	q.maximum_age = 20;
	assert_string_equal(names(f, &q), "Acomb Singing Group | Caf\xC3\xA9 Connect | Far Choir"
					  " | Monthly Sing | Online Chat");
	q.minimum_age = 16;
	assert_string_equal(names(f, &q), "Acomb Singing Group | Far Choir | Monthly Sing"
					  " | Online Chat");

	search_query_init(&q);
	q.free = 1;
	assert_string_equal(names(f, &q), "Acomb Singing Group | Far Choir | Online Chat");
	q.free = 0;
	assert_string_equal(names(f, &q), "Caf\xC3\xA9 Connect | Monthly Sing");

	search_query_init(&q);
	/* On or after, as the profile says: the Youth Club changed at that
	 * very instant. */
	q.modified_after = "2026-02-15T10:00:00Z";
	assert_string_equal(names(f, &q), "Acomb Singing Group | Online Chat | Youth Club");
	q.modified_after = "2026-02-15T10:00:01Z";
	assert_string_equal(names(f, &q), "Acomb Singing Group | Online Chat");

	search_query_init(&q);
	const char *music[] = {TERM_MUSIC};
	q.term_ids = music;
	q.term_count = 1;
	assert_string_equal(names(f, &q), "Acomb Singing Group | Far Choir | Monthly Sing");
	const char *either[] = {TERM_FOOD, TERM_YOUNG, TERM_SOCIAL};
	q.term_ids = either;
	q.term_count = 3;
	assert_string_equal(names(f, &q), "Caf\xC3\xA9 Connect | Youth Club");

	search_query_init(&q);
	q.taxonomy_id = OTHER_TAXONOMY;
	assert_string_equal(names(f, &q), "Online Chat");
	q.taxonomy_id = "5d3c8f0e-6a7b-4c2d-9e1f-0a1b2c3d4e5f";
	q.free = 1;
	q.words = "sing";
	assert_string_equal(names(f, &q), "Acomb Singing Group | Far Choir");
}

/* Every page of a search, put together, is the search on one page. */
static void pages_add_up(struct fixture *f, struct search_query q, long per_page)
{
	q.per_page = SEARCH_PER_PAGE_MAX;
	q.page = 1;
	struct search_result r;
	const char *whole = found(f, &q, &r);
	long total = r.total;
	q.per_page = per_page;
	const char *joined = "";
	long pages = (total + per_page - 1) / per_page;
	for (q.page = 1; q.page <= pages + 1; q.page++) {
		const char *part = found(f, &q, &r);
		assert_int_equal(r.total, total);
		assert_int_equal(r.total_pages, pages);
		assert_int_equal(r.page, q.page);
		assert_int_equal(r.count, q.page < pages ? per_page
				 : q.page == pages ? total - (pages - 1) * per_page : 0);
		if (*part)
			joined = arena_printf(f->a, "%s%s%s", joined, *joined ? " | " : "", part);
	}
	assert_string_equal(joined, whole);
}

static void paging_is_stable_and_totals_add_up(void **state)
{
	struct fixture *f = *state;
	struct search_query q;
	search_query_init(&q);
	pages_add_up(f, q, 4);
	pages_add_up(f, q, 1);
	q.by_location = true;
	pages_add_up(f, q, 2);
	q.near = true;
	q.latitude = HERE_LAT;
	q.longitude = HERE_LON;
	pages_add_up(f, q, 4);
	q.within_metres = 4000;
	pages_add_up(f, q, 3);
	q.by_location = false;
	pages_add_up(f, q, 2);
	search_query_init(&q);
	q.words = "zzz";
	pages_add_up(f, q, 5);
}

static void contradictions_are_refused(void **state)
{
	struct fixture *f = *state;
	struct search_query q;
	struct search_result r;
	struct err e;
	search_query_init(&q);
	q.within_metres = 2000;
	assert_int_equal(search_run(f->db, f->near, &q, f->a, &r, &e), RESULT_INVALID);
	assert_non_null(err_field_message(&e, "proximity"));
	search_query_init(&q);
	q.per_page = 0;
	assert_int_equal(search_run(f->db, f->near, &q, f->a, &r, &e), RESULT_INVALID);
	assert_non_null(err_field_message(&e, "per_page"));
	q.per_page = SEARCH_PER_PAGE_MAX + 1;
	assert_int_equal(search_run(f->db, f->near, &q, f->a, &r, &e), RESULT_INVALID);
	search_query_init(&q);
	q.page = LONG_MAX / 2;
	assert_int_equal(search_run(f->db, f->near, &q, f->a, &r, &e), RESULT_INVALID);
	assert_non_null(err_field_message(&e, "page"));
	q.page = 0;
	assert_int_equal(search_run(f->db, f->near, &q, f->a, &r, &e), RESULT_INVALID);
	search_query_init(&q);
	q.day = 8;
	assert_int_equal(search_run(f->db, f->near, &q, f->a, &r, &e), RESULT_INVALID);
	assert_non_null(err_field_message(&e, "day"));
}

/* Folded text is each backend's own words, unchanged: on PostgreSQL
 * ts_debug's tokens of arbitrary text folded (FTS5's are checked in
 * test_words); on SQLite the words FTS5 holds for each listing are its
 * search_text. */
static void folded_text_is_the_backends_own_words(void **state)
{
	struct fixture *f = *state;
	struct err e;
	struct db_rows rows;
	if (strcmp(db_kind_name(f->db), "postgresql") == 0) {
		static const char *const texts[] = {
			"St Sampson\xE2\x80\x99s Caf\xC3\xA9, 10:00 \xE2\x80\x93 12:30 (1e5 abc123)",
			"email@example.org http://x.y/z?q=1 a_b 1.5 3,000 #tag @name -4 +2 v1.2.3",
			"Stra\xC3\x9F" "e \xC5\x81\xC3\xB3" "d\xC5\xBA \xC3\x86sop l'\xC5\x93uvre",
		};
		for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
			const char *folded = words_fold(f->a, texts[i]);
			const struct db_param p[] = {DB_TEXT(folded)};
			assert_int_equal(db_run(f->db, f->a,
						"SELECT string_agg(token, ' ') FROM"
						" ts_debug('simple', $1) WHERE alias <> 'blank'",
						p, &rows, &e),
					 0);
			assert_string_equal(db_cell(&rows, 0, 0), folded);
		}
		return;
	}
	struct db_conn *c;
	assert_int_equal(db_acquire(f->db, &c, &e), 0);
	assert_int_equal(db_exec_script(c, "CREATE VIRTUAL TABLE temp.words USING"
					   " fts5vocab(main, community_services_fts, instance)",
					&e),
			 0);
	assert_int_equal(db_query_plain(c, f->a,
					"SELECT rowid, search_text FROM community_services",
					&rows, &e),
			 0);
	assert_int_equal(rows.row_count, LISTING_COUNT);
	for (size_t i = 0; i < rows.row_count; i++) {
		const struct db_param p[] = {DB_INT(strtol(db_cell(&rows, i, 0), NULL, 10))};
		struct db_rows terms;
		assert_int_equal(db_query(c, f->a,
					  "SELECT group_concat(term, ' ') FROM (SELECT term FROM"
					  " temp.words WHERE doc = $1 ORDER BY offset)",
					  p, &terms, &e),
				 0);
		assert_string_equal(db_cell(&terms, 0, 0), db_cell(&rows, i, 1));
	}
	assert_int_equal(db_exec_script(c, "DROP TABLE temp.words", &e), 0);
	db_release(c);
}

static int compare_text(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* The names a search finds on one page but except, sorted: a set to
 * compare. */
static const char *name_set(struct fixture *f, struct search_query q, const char *except)
{
	q.page = 1;
	q.per_page = SEARCH_PER_PAGE_MAX;
	struct search_result r;
	found(f, &q, &r);
	const char **names = arena_alloc(f->a, (r.count + 1) * sizeof *names);
	size_t n = 0;
	for (size_t i = 0; i < r.count; i++)
		if (!except || strcmp(r.hits[i].name, except) != 0)
			names[n++] = r.hits[i].name;
	qsort(names, n, sizeof *names, compare_text);
	char *out = arena_strdup(f->a, "");
	for (size_t i = 0; i < n; i++)
		out = arena_printf(f->a, "%s%s%s", out, i ? " | " : "", names[i]);
	return out;
}

/* A search from a point is answered from memory, one without in SQL:
 * for every filter the two find the same listings (from a point without
 * a distance: every one; within 50 km, which holds every place: all but
 * Online Chat, which has none). */
static void near_finds_what_sql_finds(void **state)
{
	struct fixture *f = *state;
	static const char *const music[] = {TERM_MUSIC};
	static const char *const either[] = {TERM_FOOD, TERM_YOUNG, TERM_SOCIAL};
	struct search_query cases[24];
	size_t n = 0;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		search_query_init(&cases[i]);
	n++;                                    /* everything */
	cases[n++].words = "sing";
	cases[n++].words = "CAF\xC3\x89";
	cases[n++].words = "singing cafe";
	cases[n++].words = "stephen s";
	cases[n++].words = "far choi";
	cases[n++].words = "choi far";
	cases[n++].words = "\"far\" -choir*";
	cases[n++].words = "zzz";
	cases[n++].day = 4;
	cases[n++].day = 5;
	cases[n].start_time = "10:00";
	cases[n++].end_time = "11:00";
	cases[n].day = 4;
	cases[n].start_time = "10:00";
	cases[n++].end_time = "11:00";
	cases[n++].start_time = "19:00";
	cases[n++].end_time = "12:00";
	cases[n++].minimum_age = 12;
	cases[n].minimum_age = 16;
	cases[n++].maximum_age = 20;
	cases[n++].free = 1;
	cases[n++].free = 0;
	cases[n++].modified_after = "2026-02-15T10:00:00Z";
	cases[n].term_ids = music;
	cases[n++].term_count = 1;
	cases[n].term_ids = either;
	cases[n++].term_count = 3;
	cases[n++].taxonomy_id = OTHER_TAXONOMY;
	cases[n].taxonomy_id = "5d3c8f0e-6a7b-4c2d-9e1f-0a1b2c3d4e5f";
	cases[n].free = 1;
	cases[n++].words = "sing";
	assert_int_equal(n, sizeof cases / sizeof *cases);
	size_t nonempty = 0;
	for (size_t i = 0; i < n; i++) {
		struct search_query q = cases[i];
		const char *by_sql = name_set(f, q, NULL);
		nonempty += *by_sql != '\0';
		q.near = true;
		q.latitude = HERE_LAT;
		q.longitude = HERE_LON;
		assert_string_equal(name_set(f, q, NULL), by_sql);
		q.within_metres = SEARCH_WITHIN_MAX;
		assert_string_equal(name_set(f, q, NULL), name_set(f, cases[i], "Online Chat"));
	}
	assert_true(nonempty > n / 2);
}

/* A place of a listing for the tests below: at HERE, or far from it. */
static struct listing listing_at(struct arena *a, const char *name, double lat, double lon)
{
	struct community_location *place = arena_alloc(a, sizeof *place);
	*place = (struct community_location){.name = "Hall", .has_point = true, .latitude = lat,
					     .longitude = lon};
	struct community_schedule *times = arena_alloc(a, sizeof *times);
	*times = (struct community_schedule){.freq = "WEEKLY", .interval = 1, .byday = "TU",
					     .opens_at = "18:00", .closes_at = "19:00"};
	struct community_term_ref *terms = arena_alloc(a, sizeof *terms);
	*terms = (struct community_term_ref){.term_id = TERM_SOCIAL};
	return (struct listing){
		.name = name,
		.description = "Dance for everyone",
		.free = 1,
		.minimum_age = -1,
		.maximum_age = -1,
		.organization = {.name = "Acomb Dancers"},
		.locations = place, .location_count = 1,
		.schedules = times, .schedule_count = 1,
		.terms = terms, .term_count = 1,
	};
}

static const char *near_here(struct fixture *f, const char *text)
{
	struct search_query q;
	search_query_init(&q);
	q.words = text;
	q.near = true;
	q.latitude = HERE_LAT;
	q.longitude = HERE_LON;
	q.within_metres = 2000;
	return names(f, &q);
}

/* Every change through the store shows in the next search from a point:
 * a save, a change from another connection pool (another process), a
 * change of place, a retirement, an import. */
static void changes_show_in_the_next_search(void **state)
{
	struct fixture *f = *state;
	struct err e;
	struct geo_map *map;
	assert_int_equal(geo_map_load(f->db, &map, &e), RESULT_OK);
	struct lookup_context ctx = {f->db, map, 0, NULL};
	const struct caller cli = caller_cli();
	assert_string_equal(near_here(f, "zumba"), "");

	struct listing l = listing_at(f->a, "Zumba Zone", HERE_LAT, HERE_LON);
	const char *id;
	long version;
	assert_int_equal(listing_save(f->db, &cli, &ctx, &l, f->a, &id, &version, &e), RESULT_OK);
	assert_string_equal(near_here(f, "zumba"), "Zumba Zone");
	assert_string_equal(near_here(f, "dance"), "Zumba Zone");

	/* Saved through a second pool on the same database. */
	struct db *other;
	assert_int_equal(db_open(f->tdb.url, 1, &other, &e), RESULT_OK);
	struct lookup_context other_ctx = {other, map, 0, NULL};
	l.id = id;
	l.version = version;
	l.name = "Zumba Zone Tuesdays";
	assert_int_equal(listing_save(other, &cli, &other_ctx, &l, f->a, NULL, &version, &e),
			 RESULT_OK);
	db_close(other);
	assert_string_equal(near_here(f, "zumba"), "Zumba Zone Tuesdays");
	assert_string_equal(near_here(f, "tuesd"), "Zumba Zone Tuesdays");

	/* Moved 10 km north: out of the circle. */
	l = listing_at(f->a, "Zumba Zone Tuesdays", HERE_LAT + 0.09, HERE_LON);
	l.id = id;
	l.version = version;
	assert_int_equal(listing_save(f->db, &cli, &ctx, &l, f->a, NULL, &version, &e), RESULT_OK);
	assert_string_equal(near_here(f, "zumba"), "");
	l = listing_at(f->a, "Zumba Zone Tuesdays", HERE_LAT, HERE_LON);
	l.id = id;
	l.version = version;
	assert_int_equal(listing_save(f->db, &cli, &ctx, &l, f->a, NULL, &version, &e), RESULT_OK);
	assert_string_equal(near_here(f, "zumba"), "Zumba Zone Tuesdays");

	/* Retired: gone. */
	assert_int_equal(listing_retire(f->db, &cli, id, version, "Closed", f->a, &e), RESULT_OK);
	assert_string_equal(near_here(f, "zumba"), "");

	/* Imported, then imported again as defunct. */
	struct listing imported = listing_at(f->a, "Tango Nights", HERE_LAT, HERE_LON);
	imported.id = uuid(f->a);
	imported.status = "active";
	imported.last_modified = "2026-05-01T10:00:00Z";
	struct exchange_directory d = {.listings = &imported, .listing_count = 1};
	struct exchange_options opt = {.replace = true};
	size_t saved;
	assert_int_equal(exchange_import(f->db, &cli, &ctx, &d, &opt, f->a, &saved, &e), RESULT_OK);
	assert_int_equal(saved, 1);
	assert_string_equal(near_here(f, "tango"), "Tango Nights");
	imported.version = 1;
	imported.status = "defunct";
	d = (struct exchange_directory){.listings = &imported, .listing_count = 1};
	assert_int_equal(exchange_import(f->db, &cli, &ctx, &d, &opt, f->a, &saved, &e), RESULT_OK);
	assert_string_equal(near_here(f, "tango"), "");
	geo_map_free(map);
}

#define SEARCH_TESTS(setup)                                                                \
	cmocka_unit_test(everything_live_by_name),                                         \
	cmocka_unit_test(words_fold_prefix_and_all_needed),                                \
	cmocka_unit_test(distance_keeps_within_and_orders_nearest_first),                  \
	cmocka_unit_test(each_filter),                                                     \
	cmocka_unit_test(paging_is_stable_and_totals_add_up),                              \
	cmocka_unit_test(contradictions_are_refused),                                      \
	cmocka_unit_test(folded_text_is_the_backends_own_words),                          \
	cmocka_unit_test(near_finds_what_sql_finds),                                       \
	cmocka_unit_test(changes_show_in_the_next_search)

int main(void)
{
	const struct CMUnitTest tests[] = {SEARCH_TESTS()};
	int failed = cmocka_run_group_tests_name("search on sqlite", tests, setup_sqlite,
						 teardown);
	if (!getenv("ALONGSIDE_TEST_PG_URL")) {
		printf("search on postgresql: not run (ALONGSIDE_TEST_PG_URL unset)\n");
		return failed;
	}
	return failed + cmocka_run_group_tests_name("search on postgresql", tests, setup_pg,
						    teardown);
}
