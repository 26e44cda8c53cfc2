/*
 * The community directory's search in process against PostgreSQL with
 * PostGIS doing the same on the same data.  Run by bench/directory, which
 * prepares the databases:
 *
 *   directory seed SQLITE_URL COUNT
 *       COUNT synthetic services at postcodes drawn from every postcode
 *       the database holds (Great Britain's), each with a name and a
 *       description from a fixed vocabulary, one taxonomy term and a
 *       weekly time, saved through listing_save_on in transactions of
 *       SEED_BATCH listings: the path an import takes.  A fixed seed, so
 *       every run stores the same listings (only the UUIDs differ).
 *   directory search SQLITE_URL POSTGIS_URL QUERIES POSTCODES_OUT
 *       QUERIES searches "these words within 2 km of this postcode"
 *       (words from the vocabulary, postcodes of the stored places),
 *       through search_run and through PostGIS (tsvector 'simple' with
 *       GIN, ST_DWithin on grid points with GiST, prepared, over the Unix
 *       socket POSTGIS_URL names) on a copy of the same listings; every
 *       match set compared (exit 1 on any difference); latency
 *       percentiles of both and their ratio printed.  The queries'
 *       postcodes are written to POSTCODES_OUT, one a line, for wrk.
 *
 * Distances: search_run measures on the British National Grid (metres
 * between easting/northing), so PostGIS gets the same points in EPSG:27700
 * (the stored easting/northing, and the query point projected by the same
 * geo/projection.h) and ST_DWithin measures the same metric; geography's
 * spheroid distance would differ from the grid's by up to 0.04% and move
 * places at 2 km across the edge.
 */
#include "core/arena.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/sb.h"
#include "db/db.h"
#include "domain/areas/lookup.h"
#include "domain/community/listing.h"
#include "domain/community/nearby.h"
#include "domain/community/search.h"
#include "domain/community/words.h"
#include "domain/staff/caller.h"
#include "geo/map.h"
#include "geo/postcodes.h"
#include "geo/projection.h"

#include <libpq-fe.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SEED_BATCH 10000
#define WITHIN_METRES 2000.0
#define TIMED_ROUNDS 3
#define QUERIES_MAX 5000

static void die(const char *what, const char *why)
{
	fprintf(stderr, "bench/directory: %s: %s\n", what, why);
	exit(1);
}

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* A fixed seed: every run builds the same directory and asks the same. */
static unsigned long long rng = 20261202;

static unsigned pick(unsigned n)
{
	rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned)((rng >> 33) % n);
}

#define ONE_OF(list) (list[pick(ARRAY_SIZE(list))])

/* ---- the vocabulary ---- */

/* What a listing is about, with the code of its term in our taxonomy
 * (schema/013).  The word is the name's second word, which search picks
 * up again for the queries. */
static const struct activity {
	const char *word;
	const char *term_code;
} activities[] = {
	{"Singing", "music-and-singing"}, {"Choir", "music-and-singing"},
	{"Ukulele", "music-and-singing"}, {"Drumming", "music-and-singing"},
	{"Walking", "physical-activity"}, {"Running", "physical-activity"},
	{"Yoga", "physical-activity"},    {"Pilates", "physical-activity"},
	{"Football", "physical-activity"}, {"Swimming", "physical-activity"},
	{"Dance", "physical-activity"},   {"Bowls", "physical-activity"},
	{"Badminton", "physical-activity"}, {"Knitting", "arts-and-crafts"},
	{"Painting", "arts-and-crafts"},  {"Pottery", "arts-and-crafts"},
	{"Sewing", "arts-and-crafts"},    {"Woodwork", "arts-and-crafts"},
	{"Crochet", "arts-and-crafts"},   {"Photography", "arts-and-crafts"},
	{"Lunch", "food"},                {"Breakfast", "food"},
	{"Cooking", "food"},              {"Pantry", "food"},
	{"Prayer", "faith"},              {"Bible", "faith"},
	{"Reading", "learning"},          {"Computer", "learning"},
	{"Language", "learning"},         {"History", "learning"},
	{"Befriending", "volunteering"},  {"Litterpicking", "volunteering"},
	{"Benefits", "advice"},           {"Debt", "advice"},
	{"Housing", "advice"},            {"Carers", "carers"},
	{"Youth", "young-people"},        {"Homework", "young-people"},
	{"Seniors", "older-people"},      {"Memory", "older-people"},
	{"Toddler", "families"},          {"Parents", "families"},
	{"Mindfulness", "wellbeing"},     {"Meditation", "wellbeing"},
	{"Gardening", "nature-and-gardening"}, {"Allotment", "nature-and-gardening"},
	{"Birdwatching", "nature-and-gardening"}, {"Warm", "warm-spaces"},
};

static const char *const descriptors[] = {
	"Friendly", "Community", "Neighbourhood", "Village", "Parish", "Saturday",
	"Evening", "Morning", "Riverside", "Park", "Library", "Chapel", "Valley",
	"Harbour", "Market", "Station", "Orchard", "Meadow", "Bridge", "Castle",
};

static const char *const kinds[] = {
	"Group", "Club", "Cafe", "Circle", "Session", "Class", "Hub", "Society",
	"Network", "Meetup",
};

static const char *const moods[] = {
	"welcoming", "relaxed", "small", "lively", "friendly", "informal",
	"supportive", "cheerful", "quiet", "busy",
};

static const char *const whos[] = {
	"everyone", "adults", "older people", "families", "beginners", "newcomers",
	"carers", "young people", "people living alone", "men", "women",
};

static const char *const venues[] = {
	"church hall", "community centre", "library", "pub back room", "school",
	"sports centre", "village hall", "park pavilion", "mosque annexe",
	"scout hut", "leisure centre", "town hall",
};

static const char *const whens[] = {
	"every week", "on weekday mornings", "on weekend afternoons",
	"twice a month", "most evenings", "in term time",
};

static const char *const costs[] = {
	"It is free to join.", "A small charge covers tea and biscuits.",
	"Bring a packed lunch.", "The first visit is free.",
	"Ask about concessions.",
};

static const char *const extras[] = {
	"No experience needed.", "Wheelchair accessible, with a hearing loop.",
	"Dogs welcome.", "Parking nearby and a bus stop outside.",
	"Volunteers always wanted.", "Come along for a cuppa first.",
	"Equipment provided.", "Quiet room available.",
};

static const char *const streets[] = {
	"High Street", "Church Lane", "Station Road", "Mill Lane", "Park Road",
	"Victoria Street", "The Green", "School Lane", "Main Street", "Queens Road",
};

static const char *const weekdays[] = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};

/* ---- seed ---- */

static const char *term_id(const struct db_rows *terms, const char *code)
{
	for (size_t i = 0; i < terms->row_count; i++)
		if (strcmp(db_cell(terms, i, 1), code) == 0)
			return db_cell(terms, i, 0);
	die("taxonomy", code);
	return NULL;
}

static void make_listing(struct arena *a, const struct db_rows *postcodes,
			 const struct db_rows *terms, struct listing *l)
{
	const struct activity *act = &ONE_OF(activities);
	const char *kind = ONE_OF(kinds);
	const char *lower_act = words_fold(a, act->word);
	const char *lower_kind = words_fold(a, kind);
	memset(l, 0, sizeof *l);
	l->name = arena_printf(a, "%s %s %s", ONE_OF(descriptors), act->word, kind);
	l->description = arena_printf(
		a, "A %s %s for %s who enjoy %s and %s. We meet at the %s %s. %s %s",
		ONE_OF(moods), lower_kind, ONE_OF(whos), lower_act,
		words_fold(a, ONE_OF(activities).word), ONE_OF(venues), ONE_OF(whens),
		ONE_OF(costs), ONE_OF(extras));
	l->free = (int)pick(3) - 1;
	l->minimum_age = pick(4) == 0 ? 18 : -1;
	l->maximum_age = -1;
	l->demo = true;
	l->note = "bench/directory";
	l->organization.name = arena_printf(a, "%s %s organisers", ONE_OF(descriptors),
					    act->word);
	l->organization.description = "Volunteers who run it.";

	struct community_location *loc = arena_alloc(a, sizeof *loc);
	memset(loc, 0, sizeof *loc);
	loc->location_type = "physical";
	loc->name = arena_printf(a, "The %s", ONE_OF(venues));
	loc->address_1 = arena_printf(a, "%u %s", 1 + pick(200), ONE_OF(streets));
	loc->postal_code = db_cell(postcodes, pick((unsigned)postcodes->row_count), 0);
	l->locations = loc;
	l->location_count = 1;

	struct community_schedule *s = arena_alloc(a, sizeof *s);
	memset(s, 0, sizeof *s);
	s->freq = "WEEKLY";
	s->interval = pick(4) == 0 ? 2 : 1;
	unsigned day = pick(ARRAY_SIZE(weekdays));
	s->byday = weekdays[day];
	/* Every other week needs the week it starts: that weekday in the
	 * week of Monday 5 January 2026. */
	if (s->interval > 1)
		s->dtstart = arena_printf(a, "2026-01-%02u", 5 + day);
	unsigned start = 9 + pick(10);
	s->opens_at = arena_printf(a, "%02u:%s", start, pick(2) ? "00" : "30");
	s->closes_at = arena_printf(a, "%02u:%s", start + 1 + pick(3), pick(2) ? "00" : "30");
	l->schedules = s;
	l->schedule_count = 1;

	struct community_term_ref *t = arena_alloc(a, sizeof *t);
	memset(t, 0, sizeof *t);
	t->term_id = term_id(terms, act->term_code);
	l->terms = t;
	l->term_count = 1;
}

static void seed(const char *url, long count)
{
	struct err e;
	struct db *db;
	struct geo_map *map;
	struct postcode_index *index;
	if (db_open(url, 1, &db, &e) < 0 || geo_map_load(db, &map, &e) < 0 ||
	    postcode_index_load(db, &index, &e) < 0)
		die(url, e.msg);
	struct lookup_context ctx = {.db = db, .map = map, .near_metres = 0,
				     .postcodes = index};
	struct arena *keep = arena_new();
	struct db_conn *c;
	struct db_rows postcodes, terms;
	/* Inserts at random UUIDs thrash SQLite's default 2 MiB page cache. */
	if (db_acquire(db, &c, &e) < 0 ||
	    db_query_plain(c, keep, "PRAGMA cache_size = -262144", NULL, &e) < 0 ||
	    db_query_plain(c, keep, "SELECT postcode FROM postcodes ORDER BY postcode",
			   &postcodes, &e) < 0 ||
	    db_query_plain(c, keep, "SELECT id, code FROM community_taxonomy_terms",
			   &terms, &e) < 0)
		die("read", e.msg);
	db_release(c);
	if (postcodes.row_count == 0)
		die("seed", "no postcodes: import them first");

	const struct caller who = caller_cli();
	int64_t t0 = clock_monotonic_us();
	for (long done = 0; done < count;) {
		if (db_transaction(db, &c, &e) < 0)
			die("begin", e.msg);
		long end = done + SEED_BATCH < count ? done + SEED_BATCH : count;
		int rc = 0;
		struct arena *a = NULL;
		for (; done < end && rc == 0; done++) {
			if (done % 1000 == 0) {
				arena_free(a);
				a = arena_new();
			}
			struct listing l;
			make_listing(a, &postcodes, &terms, &l);
			rc = listing_save_on(c, &who, &ctx, &l, a, NULL, NULL, &e);
			if (rc != 0 && e.field_count > 0)
				fprintf(stderr, "bench/directory: listing %ld (%s at %s): %s: %s\n",
					done, l.name, l.locations[0].postal_code,
					e.fields[0].path, e.fields[0].message);
		}
		arena_free(a);
		if (db_finish(c, rc, &e) != 0)
			die("save", e.msg);
	}
	double seconds = (double)(clock_monotonic_us() - t0) / 1e6;
	printf("listings %ld\nseconds %.1f\nper_second %.0f\npostcodes %zu\n", count, seconds,
	       (double)count / seconds, postcodes.row_count);
	arena_free(keep);
	postcode_index_free(index);
	geo_map_free(map);
	db_close(db);
}

/* ---- search ---- */

struct query {
	const char *postcode;
	double lat, lon;
	double easting, northing;
	const char *words;
	const char *tsquery;
};

static PGresult *pg(PGconn *c, const char *sql)
{
	PGresult *r = PQexec(c, sql);
	ExecStatusType s = PQresultStatus(r);
	if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK)
		die(sql, PQerrorMessage(c));
	return r;
}

static void copy_rows(PGconn *c, const char *sql, const char *data, size_t len)
{
	PGresult *r = PQexec(c, sql);
	if (PQresultStatus(r) != PGRES_COPY_IN)
		die(sql, PQerrorMessage(c));
	PQclear(r);
	if (PQputCopyData(c, data, (int)len) != 1 || PQputCopyEnd(c, NULL) != 1)
		die(sql, PQerrorMessage(c));
	r = PQgetResult(c);
	if (PQresultStatus(r) != PGRES_COMMAND_OK)
		die(sql, PQerrorMessage(c));
	PQclear(r);
	PQclear(PQgetResult(c));
}

/* The listings' words and places, as search_run sees them, into PostGIS,
 * indexed as its documentation advises. */
static void load_postgis(PGconn *c, struct db_conn *conn, struct arena *a)
{
	struct err e;
	struct db_rows rows;
	if (db_query_plain(conn, a,
			   "SELECT s.id, s.status, s.search_text, l.id, l.easting, l.northing"
			   " FROM community_services s"
			   " JOIN community_service_at_locations sl ON sl.service_id = s.id"
			   " JOIN community_locations l ON l.id = sl.location_id"
			   " WHERE l.easting IS NOT NULL",
			   &rows, &e) < 0)
		die("read listings", e.msg);
	struct sb services, places;
	sb_init(&services, a, 256u * 1024 * 1024);
	sb_init(&places, a, 256u * 1024 * 1024);
	const char *last = "";
	for (size_t i = 0; i < rows.row_count; i++) {
		const char *text = db_cell(&rows, i, 2);
		if (strpbrk(text, "\t\\\n") != NULL)
			die("search_text", "holds a tab, backslash or newline: not folded?");
		if (strcmp(db_cell(&rows, i, 0), last) != 0)
			sb_printf(&services, "%s\t%s\t%s\n", db_cell(&rows, i, 0),
				  db_cell(&rows, i, 1), text);
		last = db_cell(&rows, i, 0);
		sb_printf(&places, "%s\t%s\tSRID=27700;POINT(%s %s)\n", db_cell(&rows, i, 3),
			  db_cell(&rows, i, 0), db_cell(&rows, i, 4), db_cell(&rows, i, 5));
	}
	if (sb_failed(&services) || sb_failed(&places))
		die("copy", "too big");
	PQclear(pg(c, "SET client_min_messages TO warning"));
	PQclear(pg(c, "CREATE EXTENSION IF NOT EXISTS postgis"));
	PQclear(pg(c, "DROP TABLE IF EXISTS bench_places, bench_services"));
	PQclear(pg(c, "CREATE TABLE bench_services (id text PRIMARY KEY, status text NOT NULL,"
		      " search_text text NOT NULL)"));
	PQclear(pg(c, "CREATE TABLE bench_places (id text PRIMARY KEY,"
		      " service_id text NOT NULL REFERENCES bench_services (id),"
		      " geom geometry(Point, 27700) NOT NULL)"));
	copy_rows(c, "COPY bench_services FROM STDIN", sb_str(&services), services.len);
	copy_rows(c, "COPY bench_places FROM STDIN", sb_str(&places), places.len);
	PQclear(pg(c, "CREATE INDEX ON bench_services USING gin"
		      " (to_tsvector('simple', search_text))"));
	PQclear(pg(c, "CREATE INDEX ON bench_places USING gist (geom)"));
	PQclear(pg(c, "CREATE INDEX ON bench_places (service_id)"));
	PQclear(pg(c, "VACUUM ANALYZE bench_services"));
	PQclear(pg(c, "VACUUM ANALYZE bench_places"));
	printf("PostGIS holds %zu places of the same listings\n", rows.row_count);
}

/* The same question as search_run's: live listings with every word (the
 * last a prefix), a place within the distance, nearest first. */
#define PG_SEARCH                                                                \
	"SELECT s.id, min(ST_Distance(p.geom, q.point)) AS metres"                \
	" FROM (SELECT ST_SetSRID(ST_MakePoint($2::float8, $3::float8), 27700)"   \
	" AS point) q, bench_places p JOIN bench_services s ON s.id = p.service_id" \
	" WHERE s.status <> 'defunct'"                                            \
	" AND to_tsvector('simple', s.search_text) @@ to_tsquery('simple', $1)"   \
	" AND ST_DWithin(p.geom, q.point, $4::float8)"                            \
	" GROUP BY s.id ORDER BY metres, s.id"

static size_t make_queries(struct db_conn *conn, struct arena *a, size_t n,
			   struct query *out)
{
	struct err e;
	struct db_rows places;
	if (db_query_plain(conn, a,
			   "SELECT l.postal_code, l.latitude, l.longitude, s.name"
			   " FROM community_locations l"
			   " JOIN community_service_at_locations sl ON sl.location_id = l.id"
			   " JOIN community_services s ON s.id = sl.service_id"
			   " WHERE l.postal_code IS NOT NULL ORDER BY l.postal_code, s.name",
			   &places, &e) < 0)
		die("read places", e.msg);
	if (places.row_count == 0)
		die("search", "no listings: seed first");
	struct projection *p = projection_for_thread(&e);
	if (p == NULL)
		die("projection", e.msg);
	for (size_t i = 0; i < n; i++) {
		size_t row = pick((unsigned)places.row_count);
		struct query *q = &out[i];
		q->postcode = db_cell(&places, row, 0);
		q->lat = strtod(db_cell(&places, row, 1), NULL);
		q->lon = strtod(db_cell(&places, row, 2), NULL);
		if (projection_to_grid(p, q->lat, q->lon, &q->easting, &q->northing, &e) < 0)
			die("projection", e.msg);
		/* Half ask for what the place itself offers (found at least
		 * there), half for anything; some by a prefix, some with a
		 * second word. */
		const char *act = NULL;
		if (i % 2 == 0) {
			const char *name = words_fold(a, db_cell(&places, row, 3));
			const char *space = strchr(name, ' ');
			const char *end = space ? strchr(space + 1, ' ') : NULL;
			act = space && end ? arena_strndup(a, space + 1, (size_t)(end - space - 1))
					   : name;
		} else {
			act = words_fold(a, ONE_OF(activities).word);
		}
		switch (pick(4)) {
		case 0:
			q->words = arena_strndup(a, act, strlen(act) > 4 ? 4 : strlen(act));
			break;
		case 1:
			q->words = arena_printf(a, "%s %s", act, words_fold(a, ONE_OF(kinds)));
			break;
		default:
			q->words = act;
			break;
		}
		const char *fts5;
		words_query(a, q->words, &fts5, &q->tsquery);
		if (q->tsquery == NULL)
			die("words", q->words);
	}
	return n;
}

/* All of a query's matches through the directory's own search, a page of
 * SEARCH_PER_PAGE_MAX at a time, in search_run's order. */
static size_t ours(struct db *db, struct nearby *near, struct arena *a, const struct query *q,
		   const char ***ids)
{
	struct search_query sq;
	search_query_init(&sq);
	sq.words = q->words;
	sq.near = true;
	sq.latitude = q->lat;
	sq.longitude = q->lon;
	sq.within_metres = WITHIN_METRES;
	sq.per_page = SEARCH_PER_PAGE_MAX;
	const char **out = NULL;
	size_t n = 0;
	for (sq.page = 1;; sq.page++) {
		struct search_result r;
		struct err e;
		if (search_run(db, near, &sq, a, &r, &e) != 0)
			die("search_run", e.msg);
		if (sq.page == 1)
			out = arena_alloc(a, ((size_t)r.total + 1) * sizeof *out);
		for (size_t i = 0; i < r.count && n < (size_t)r.total; i++)
			out[n++] = r.hits[i].service_id;
		if (r.count == 0 || n >= (size_t)r.total)
			break;
	}
	*ids = out;
	return n;
}

/* The same through PostGIS. */
static size_t theirs(PGconn *c, struct arena *a, const struct query *q, const char ***ids)
{
	char easting[32], northing[32], within[32];
	snprintf(easting, sizeof easting, "%.17g", q->easting);
	snprintf(northing, sizeof northing, "%.17g", q->northing);
	snprintf(within, sizeof within, "%.1f", WITHIN_METRES);
	const char *v[] = {q->tsquery, easting, northing, within};
	PGresult *r = PQexecPrepared(c, "search", 4, v, NULL, NULL, 0);
	if (PQresultStatus(r) != PGRES_TUPLES_OK)
		die("postgis", PQerrorMessage(c));
	size_t n = (size_t)PQntuples(r);
	const char **out = arena_alloc(a, (n + 1) * sizeof *out);
	for (size_t i = 0; i < n; i++)
		out[i] = arena_strdup(a, PQgetvalue(r, (int)i, 0));
	PQclear(r);
	*ids = out;
	return n;
}

static int compare_ids(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* Whether two match sets hold the same ids, whatever their order (ties in
 * distance may be broken differently); names the first difference. */
static bool same_set(const char **x, size_t nx, const char **y, size_t ny, const char **odd)
{
	qsort(x, nx, sizeof *x, compare_ids);
	qsort(y, ny, sizeof *y, compare_ids);
	size_t i = 0, j = 0;
	while (i < nx || j < ny) {
		int cmp = i == nx ? 1 : j == ny ? -1 : strcmp(x[i], y[j]);
		if (cmp != 0) {
			*odd = cmp < 0 ? x[i] : y[j];
			return false;
		}
		i++;
		j++;
	}
	return true;
}

static int compare_us(const void *x, const void *y)
{
	int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
	return (a > b) - (a < b);
}

struct latency {
	double mean, p50, p90, p99, max;
};

static struct latency percentiles(int64_t *us, size_t n)
{
	qsort(us, n, sizeof *us, compare_us);
	double sum = 0;
	for (size_t i = 0; i < n; i++)
		sum += (double)us[i];
	struct latency l = {
		.mean = sum / (double)n / 1000,
		.p50 = (double)us[n / 2] / 1000,
		.p90 = (double)us[n * 90 / 100] / 1000,
		.p99 = (double)us[n * 99 / 100] / 1000,
		.max = (double)us[n - 1] / 1000,
	};
	return l;
}

static void search(const char *sqlite_url, const char *pg_url, long count, const char *out_path)
{
	struct err e;
	struct db *db;
	struct db_conn *conn;
	if (db_open(sqlite_url, 1, &db, &e) < 0 || db_acquire(db, &conn, &e) < 0)
		die(sqlite_url, e.msg);
	PGconn *pgc = PQconnectdb(pg_url);
	if (PQstatus(pgc) != CONNECTION_OK)
		die(pg_url, PQerrorMessage(pgc));
	struct arena *keep = arena_new();
	load_postgis(pgc, conn, keep);
	static struct query queries[QUERIES_MAX];
	size_t n = make_queries(conn, keep, (size_t)count, queries);
	db_release(conn);
	PGresult *prep = PQprepare(pgc, "search", PG_SEARCH, 4, NULL);
	if (PQresultStatus(prep) != PGRES_COMMAND_OK)
		die("prepare", PQerrorMessage(pgc));
	PQclear(prep);

	/* The directory's copy in memory, built as `alongside serve` builds
	 * it at start-up: timed, and not in the searches' times. */
	struct nearby *near = nearby_new();
	struct nearby_view *view;
	int64_t built = clock_monotonic_us();
	if (nearby_acquire(near, db, &view, &e) < 0)
		die("nearby", e.msg);
	nearby_release(near, view);
	printf("the directory's copy in memory built in %.2f s\n",
	       (double)(clock_monotonic_us() - built) / 1e6);

	FILE *f = fopen(out_path, "w");
	if (f == NULL)
		die(out_path, "cannot write");
	for (size_t i = 0; i < n; i++)
		fprintf(f, "%s\n", queries[i].postcode);
	fclose(f);

	/* Once each, untimed: the match sets compared, and both warm. */
	size_t differ = 0, matches = 0, empty = 0, most = 0;
	for (size_t i = 0; i < n; i++) {
		struct arena *a = arena_new();
		const char **x, **y, *odd = NULL;
		size_t nx = ours(db, near, a, &queries[i], &x);
		size_t ny = theirs(pgc, a, &queries[i], &y);
		matches += ny;
		empty += ny == 0;
		most = ny > most ? ny : most;
		if (!same_set(x, nx, y, ny, &odd) && differ++ < 5)
			fprintf(stderr, "differ: \"%s\" within 2 km of %s: ours %zu, PostGIS %zu,"
					" first odd one %s\n",
				queries[i].words, queries[i].postcode, nx, ny, odd);
		arena_free(a);
	}

	static int64_t us_ours[QUERIES_MAX * TIMED_ROUNDS], us_theirs[QUERIES_MAX * TIMED_ROUNDS];
	size_t samples = 0;
	int64_t total_ours = 0, total_theirs = 0;
	for (int round = 0; round < TIMED_ROUNDS; round++)
		for (size_t i = 0; i < n; i++, samples++) {
			struct arena *a = arena_new();
			const char **ids;
			int64_t t0 = clock_monotonic_us();
			theirs(pgc, a, &queries[i], &ids);
			int64_t t1 = clock_monotonic_us();
			ours(db, near, a, &queries[i], &ids);
			int64_t t2 = clock_monotonic_us();
			us_theirs[samples] = t1 - t0;
			us_ours[samples] = t2 - t1;
			total_theirs += t1 - t0;
			total_ours += t2 - t1;
			arena_free(a);
		}
	struct latency lo = percentiles(us_ours, samples);
	struct latency lt = percentiles(us_theirs, samples);

	printf("%zu queries, words within %.0f m of a postcode; matches %zu in all"
	       " (%.1f a query, at most %zu, %zu with none); match sets differing from"
	       " PostGIS: %zu\n\n",
	       n, WITHIN_METRES, matches, (double)matches / (double)n, most, empty, differ);
	printf("%-22s %9s %9s %9s %9s %9s  (ms, %d rounds of every query)\n", "search", "mean",
	       "p50", "p90", "p99", "max", TIMED_ROUNDS);
	printf("%-22s %9.3f %9.3f %9.3f %9.3f %9.3f\n", "alongside search_run", lo.mean, lo.p50,
	       lo.p90, lo.p99, lo.max);
	printf("%-22s %9.3f %9.3f %9.3f %9.3f %9.3f\n", "PostGIS", lt.mean, lt.p50, lt.p90,
	       lt.p99, lt.max);
	printf("%-22s %8.1fx %8.1fx %8.1fx %8.1fx %8.1fx\n", "PostGIS / alongside",
	       lt.mean / lo.mean, lt.p50 / lo.p50, lt.p90 / lo.p90, lt.p99 / lo.p99,
	       lt.max / lo.max);
	double ratio = (double)total_theirs / (double)total_ours;
	printf("\ngoal: at least 5x PostGIS in total time: %.1fx (%s)\n", ratio,
	       ratio >= 5 ? "met" : "NOT met");

	/* What PostGIS did with one query, for the record. */
	const struct query *q = &queries[0];
	char easting[32], northing[32], within[32];
	snprintf(easting, sizeof easting, "%.17g", q->easting);
	snprintf(northing, sizeof northing, "%.17g", q->northing);
	snprintf(within, sizeof within, "%.1f", WITHIN_METRES);
	const char *v[] = {q->tsquery, easting, northing, within};
	PGresult *r = PQexecParams(pgc, "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) " PG_SEARCH, 4,
				   NULL, v, NULL, NULL, 0);
	if (PQresultStatus(r) != PGRES_TUPLES_OK)
		die("explain", PQerrorMessage(pgc));
	printf("\nPostGIS's plan for \"%s\" near %s:\n", q->words, q->postcode);
	for (int i = 0; i < PQntuples(r); i++)
		printf("  %s\n", PQgetvalue(r, i, 0));
	PQclear(r);
	PQfinish(pgc);
	nearby_free(near);
	arena_free(keep);
	db_close(db);
	if (differ > 0)
		exit(1);
}

int main(int argc, char **argv)
{
	if (sodium_init() < 0)
		die("sodium", "cannot start");
	if (argc == 4 && strcmp(argv[1], "seed") == 0) {
		long count = strtol(argv[3], NULL, 10);
		if (count < 1 || count > 10000000)
			die("seed", "COUNT from 1 to 10,000,000");
		seed(argv[2], count);
		return 0;
	}
	if (argc == 6 && strcmp(argv[1], "search") == 0) {
		long count = strtol(argv[4], NULL, 10);
		if (count < 1 || count > QUERIES_MAX)
			die("search", "QUERIES from 1 to 5000");
		search(argv[2], argv[3], count, argv[5]);
		return 0;
	}
	die("usage", "directory seed SQLITE_URL COUNT | directory search SQLITE_URL POSTGIS_URL"
		     " QUERIES POSTCODES_OUT");
	return 1;
}
