/*
 * Point-in-ward and postcode lookups in process against PostGIS doing the
 * same on the same polygons, over the same 10,000 points, with every answer
 * compared.  Run by bench/lookup, which prepares both databases:
 *
 *   lookup SQLITE_URL POSTGIS_URL
 *
 * SQLITE_URL holds the wards and postcodes imported by alongside;
 * POSTGIS_URL is an empty database with the postgis extension available.
 */
#include "core/err.h"
#include "core/clock.h"
#include "core/arena.h"
#include "db/db.h"
#include "geo/map.h"
#include "geo/postcode.h"
#include "geo/postcodes.h"

#include <libpq-fe.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define POINTS 10000

struct point {
	double lat, lon;
	char postcode[POSTCODE_SIZE]; /* "" for a made-up point */
};

static int die(const char *what, const char *why)
{
	fprintf(stderr, "bench/lookup: %s: %s\n", what, why);
	return 1;
}

static PGresult *pg(PGconn *c, const char *sql)
{
	PGresult *r = PQexec(c, sql);
	ExecStatusType s = PQresultStatus(r);
	if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK) {
		fprintf(stderr, "bench/lookup: %s: %s", sql, PQerrorMessage(c));
		exit(1);
	}
	return r;
}

/* The same wards and postcodes into PostGIS, indexed as PostGIS advises. */
static void load_postgis(PGconn *c, struct db *db)
{
	PQclear(pg(c, "SET client_min_messages TO warning"));
	PQclear(pg(c, "CREATE EXTENSION IF NOT EXISTS postgis"));
	PQclear(pg(c, "DROP TABLE IF EXISTS bench_wards, bench_postcodes"));
	PQclear(pg(c, "CREATE TABLE bench_wards (code text PRIMARY KEY,"
		      " geom geometry(MultiPolygon, 4326) NOT NULL)"));
	PQclear(pg(c, "CREATE TABLE bench_postcodes (postcode text PRIMARY KEY,"
		      " geom geometry(Point, 4326) NOT NULL)"));
	struct arena *a = arena_new();
	struct db_conn *conn;
	struct err e;
	struct db_rows wards, postcodes;
	if (db_acquire(db, &conn, &e) < 0 ||
	    db_query_plain(conn, a, "SELECT code, geometry FROM wards", &wards, &e) < 0 ||
	    db_query_plain(conn, a, "SELECT postcode, latitude, longitude FROM postcodes",
			   &postcodes, &e) < 0)
		exit(die("sqlite", e.msg));
	db_release(conn);
	PQclear(pg(c, "BEGIN"));
	for (size_t i = 0; i < wards.row_count; i++) {
		const char *v[] = {db_cell(&wards, i, 0), db_cell(&wards, i, 1)};
		PGresult *r = PQexecParams(c, "INSERT INTO bench_wards VALUES"
					      " ($1, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($2), 4326)))",
					   2, NULL, v, NULL, NULL, 0);
		if (PQresultStatus(r) != PGRES_COMMAND_OK)
			exit(die("insert ward", PQerrorMessage(c)));
		PQclear(r);
	}
	for (size_t i = 0; i < postcodes.row_count; i++) {
		const char *v[] = {db_cell(&postcodes, i, 0), db_cell(&postcodes, i, 2),
				   db_cell(&postcodes, i, 1)};
		PGresult *r = PQexecParams(c, "INSERT INTO bench_postcodes VALUES"
					      " ($1, ST_SetSRID(ST_MakePoint($2::float8, $3::float8), 4326))",
					   3, NULL, v, NULL, NULL, 0);
		if (PQresultStatus(r) != PGRES_COMMAND_OK)
			exit(die("insert postcode", PQerrorMessage(c)));
		PQclear(r);
	}
	PQclear(pg(c, "COMMIT"));
	PQclear(pg(c, "CREATE INDEX ON bench_wards USING gist (geom)"));
	PQclear(pg(c, "ANALYZE bench_wards"));
	PQclear(pg(c, "ANALYZE bench_postcodes"));
	/* Intersects, lowest code first: the same rule as geo_map_ward_at for
	 * a point on a boundary two wards share. */
	PQclear(PQprepare(c, "point", "SELECT code FROM bench_wards WHERE"
				      " ST_Intersects(geom, ST_SetSRID(ST_MakePoint($1::float8,"
				      " $2::float8), 4326)) ORDER BY code LIMIT 1",
			  2, NULL));
	PQclear(PQprepare(c, "postcode", "SELECT w.code FROM bench_postcodes p JOIN"
					 " bench_wards w ON ST_Intersects(w.geom, p.geom)"
					 " WHERE p.postcode = $1 ORDER BY w.code LIMIT 1",
			  1, NULL));
	arena_free(a);
}

/* York's postcodes, then made-up points over and around the city (some in
 * no ward), from a fixed seed so every run asks the same questions. */
static size_t make_points(const struct postcode_index *postcodes,
			  struct db *db, struct point *out)
{
	struct arena *a = arena_new();
	struct db_conn *c;
	struct err e;
	struct db_rows rows;
	if (db_acquire(db, &c, &e) < 0 ||
	    db_query_plain(c, a, "SELECT postcode FROM postcodes ORDER BY postcode",
			   &rows, &e) < 0)
		exit(die("sqlite", e.msg));
	db_release(c);
	size_t n = 0;
	for (size_t i = 0; i < rows.row_count && n < POINTS; i++) {
		const struct postcode_entry *p =
			postcode_index_find(postcodes, db_cell(&rows, i, 0));
		out[n].lat = p->lat;
		out[n].lon = p->lon;
		snprintf(out[n].postcode, sizeof out[n].postcode, "%s", p->postcode);
		n++;
	}
	unsigned long long seed = 20261122;
	while (n < POINTS) {
		seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
		double u = (double)(seed >> 11) / 9007199254740992.0;
		seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
		double v = (double)(seed >> 11) / 9007199254740992.0;
		out[n].lat = 53.85 + u * 0.25;
		out[n].lon = -1.30 + v * 0.40;
		out[n].postcode[0] = '\0';
		n++;
	}
	arena_free(a);
	return n;
}

static const char *our_point(const struct geo_map *map, const struct point *p)
{
	long w = geo_map_ward_at(map, p->lat, p->lon);
	return w >= 0 ? geo_map_ward(map, (size_t)w)->code : "";
}

int main(int argc, char **argv)
{
	if (argc != 3)
		return die("usage", "lookup SQLITE_URL POSTGIS_URL");
	if (sodium_init() < 0)
		return 1;
	struct err e;
	struct db *db;
	struct geo_map *map;
	struct postcode_index *postcodes;
	if (db_open(argv[1], 1, &db, &e) < 0 || geo_map_load(db, &map, &e) < 0 ||
	    postcode_index_load(db, &postcodes, &e) < 0)
		return die(argv[1], e.msg);
	PGconn *pgc = PQconnectdb(argv[2]);
	if (PQstatus(pgc) != CONNECTION_OK)
		return die(argv[2], PQerrorMessage(pgc));
	load_postgis(pgc, db);

	static struct point points[POINTS];
	size_t n = make_points(postcodes, db, points);
	size_t with_postcode = 0;
	for (size_t i = 0; i < n; i++)
		with_postcode += points[i].postcode[0] != '\0';

	/* PostGIS first, keeping its answers to compare with ours. */
	static char theirs[POINTS][16];
	int64_t t0 = clock_monotonic_us();
	for (size_t i = 0; i < n; i++) {
		char lon[32], lat[32];
		snprintf(lon, sizeof lon, "%.6f", points[i].lon);
		snprintf(lat, sizeof lat, "%.6f", points[i].lat);
		const char *v[] = {lon, lat};
		PGresult *r = PQexecPrepared(pgc, "point", 2, v, NULL, NULL, 0);
		snprintf(theirs[i], sizeof theirs[i], "%s",
			 PQntuples(r) ? PQgetvalue(r, 0, 0) : "");
		PQclear(r);
	}
	double pg_points = (double)n / ((double)(clock_monotonic_us() - t0) / 1e6);
	t0 = clock_monotonic_us();
	for (size_t i = 0; i < with_postcode; i++) {
		const char *v[] = {points[i].postcode};
		PGresult *r = PQexecPrepared(pgc, "postcode", 1, v, NULL, NULL, 0);
		if (strcmp(PQntuples(r) ? PQgetvalue(r, 0, 0) : "", theirs[i]) != 0)
			return die("postgis", "postcode and point answers differ");
		PQclear(r);
	}
	double pg_postcodes = (double)with_postcode /
			      ((double)(clock_monotonic_us() - t0) / 1e6);

	/* Ours: repeated so the timing is long enough to trust. */
	size_t differ = 0;
	for (size_t i = 0; i < n; i++)
		if (strcmp(our_point(map, &points[i]), theirs[i]) != 0) {
			if (differ++ < 5)
				fprintf(stderr, "differ at %.6f,%.6f: ours %s, PostGIS %s\n",
					points[i].lat, points[i].lon,
					our_point(map, &points[i]), theirs[i]);
		}
	const int rounds = 50;
	size_t sink = 0;
	t0 = clock_monotonic_us();
	for (int r = 0; r < rounds; r++)
		for (size_t i = 0; i < n; i++)
			sink += (size_t)geo_map_ward_at(map, points[i].lat, points[i].lon);
	double our_points = (double)n * rounds / ((double)(clock_monotonic_us() - t0) / 1e6);
	t0 = clock_monotonic_us();
	for (int r = 0; r < rounds; r++)
		for (size_t i = 0; i < with_postcode; i++) {
			char norm[POSTCODE_SIZE];
			postcode_normalise(points[i].postcode, norm);
			const struct postcode_entry *p = postcode_index_find(postcodes, norm);
			sink += (size_t)geo_map_ward_at(map, p->lat, p->lon);
		}
	double our_postcodes = (double)with_postcode * rounds /
			       ((double)(clock_monotonic_us() - t0) / 1e6);

	printf("%zu points (%zu York postcodes, %zu made up); answers that differ "
	       "from PostGIS: %zu\n\n",
	       n, with_postcode, n - with_postcode, differ);
	printf("%-16s %14s %14s %8s\n", "lookup", "alongside/s", "PostGIS/s", "ratio");
	printf("%-16s %14.0f %14.0f %7.0fx\n", "point in ward", our_points, pg_points,
	       our_points / pg_points);
	printf("%-16s %14.0f %14.0f %7.0fx\n", "postcode", our_postcodes, pg_postcodes,
	       our_postcodes / pg_postcodes);
	printf("\ngoal: at least 100x PostGIS (%s)\n",
	       our_points >= 100 * pg_points && our_postcodes >= 100 * pg_postcodes
		       ? "met" : "NOT met");
	PQfinish(pgc);
	postcode_index_free(postcodes);
	geo_map_free(map);
	db_close(db);
	return differ || sink == 1 ? 1 : 0;
}
