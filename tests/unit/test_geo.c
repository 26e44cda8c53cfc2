/* Geography: postcode normalisation, the projection, and the point lookup
 * checked against every York postcode in the shared data: the ward found
 * through the polygons must agree with the ward the postcode file names. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/csv.h"
#include "core/err.h"
#include "db/db.h"
#include "db/migrate.h"
#include "domain/areas/postcode.h"
#include "domain/areas/ward.h"
#include "geo/map.h"
#include "geo/postcode.h"
#include "geo/projection.h"

#define SHARED "../shared/data/"
#define WARDS SHARED "york-ward-boundaries/york_wards_2024.geojson"
#define YORK_POSTCODES SHARED "postcodes-codepoint-open/york_postcodes.csv"

static void normalises_postcodes(void **state)
{
	(void)state;
	static const struct {
		const char *in;
		const char *want;
	} good[] = {
		{"yo17hh", "YO1 7HH"},   {" YO1  7HH", "YO1 7HH"},
		{"YO1 7HH", "YO1 7HH"},  {"yo24 1ab", "YO24 1AB"},
		{"M1 1AE", "M1 1AE"},    {"b338th", "B33 8TH"},
		{"CR2 6XH", "CR2 6XH"},  {"dn551pt", "DN55 1PT"},
		{"W1A 0AX", "W1A 0AX"},  {"ec1a1bb", "EC1A 1BB"},
		{"\tSW1A 2AA ", "SW1A 2AA"},
	};
	char out[POSTCODE_SIZE];
	for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
		assert_true(postcode_normalise(good[i].in, out));
		assert_string_equal(out, good[i].want);
	}
	const char *bad[] = {
		"", "   ", "YO1", "YO17H", "7HH", "1YO 7HH", "YO1 HH7", "YO1 77H",
		"YO1A1 7HH", "Y01 7HH!", "YO1\xC2\xA0" "7HH", "yo1 7hh yo1 7hh",
		"<script>", "' OR 1=1 --", "YO1 7HHX",
		"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
		"                                      YO17HH",
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		assert_false(postcode_normalise(bad[i], out));
		assert_string_equal(out, "");
	}
}

static void projects_to_the_national_grid(void **state)
{
	(void)state;
	struct projection *p;
	struct err e;
	assert_int_equal(projection_new(&p, &e), 0);
	/* YO1 0DQ in the shared data: E 459652 N 451975 = 53.960430, -1.092336. */
	double east, north, lat, lon;
	assert_int_equal(projection_to_grid(p, 53.960430, -1.092336, &east, &north, &e), 0);
	assert_true(fabs(east - 459652) < 2);
	assert_true(fabs(north - 451975) < 2);
	assert_int_equal(projection_from_grid(p, 459652, 451975, &lat, &lon, &e), 0);
	assert_true(fabs(lat - 53.960430) < 0.00002);
	assert_true(fabs(lon - -1.092336) < 0.00003);
	/* 300 m east and 400 m north on the grid is 500 m away. */
	double lat2, lon2, metres;
	assert_int_equal(projection_from_grid(p, 459652 + 300, 451975 + 400, &lat2, &lon2, &e), 0);
	assert_int_equal(projection_distance(p, lat, lon, lat2, lon2, &metres, &e), 0);
	assert_true(fabs(metres - 500) < 0.01);
	assert_int_equal(projection_distance(p, lat, lon, lat, lon, &metres, &e), 0);
	assert_true(metres < 0.001);
	projection_free(p);
}

struct geo_fixture {
	char dir[64];
	struct db *db;
	struct geo_map *map;
};

static int setup_york(void **state)
{
	struct geo_fixture *f = calloc(1, sizeof *f);
	snprintf(f->dir, sizeof f->dir, "/tmp/alongside-geo-XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	char url[128];
	snprintf(url, sizeof url, "sqlite:%s/geo.db", f->dir);
	struct err e;
	int applied;
	struct ward_import_report report;
	if (db_open(url, 1, &f->db, &e) < 0 ||
	    migrate_apply(f->db, schema_migrations, schema_migration_count,
			  &applied, &e) < 0 ||
	    ward_import_geojson(f->db, WARDS, &(struct ward_import_options){0},
				&report, &e) < 0 ||
	    geo_map_load(f->db, &f->map, &e) < 0) {
		fprintf(stderr, "setup: %s\n", e.msg);
		return -1;
	}
	*state = f;
	return 0;
}

static int teardown_york(void **state)
{
	struct geo_fixture *f = *state;
	geo_map_free(f->map);
	db_close(f->db);
	char path[128];
	const char *files[] = {"geo.db", "geo.db-wal", "geo.db-shm"};
	for (size_t i = 0; i < 3; i++) {
		snprintf(path, sizeof path, "%s/%s", f->dir, files[i]);
		unlink(path);
	}
	rmdir(f->dir);
	free(f);
	return 0;
}

static void finds_wards_by_point(void **state)
{
	struct geo_fixture *f = *state;
	assert_int_equal(geo_map_ward_count(f->map), 21);
	/* York Minster is in Guildhall ward. */
	long w = geo_map_ward_at(f->map, 53.9623, -1.0819);
	assert_true(w >= 0);
	assert_string_equal(geo_map_ward(f->map, (size_t)w)->name, "Guildhall");
	/* Leeds and the North Sea are in no York ward. */
	assert_int_equal(geo_map_ward_at(f->map, 53.7997, -1.5492), -1);
	assert_int_equal(geo_map_ward_at(f->map, 54.5, 1.0), -1);
	assert_int_equal(geo_map_find_ward(f->map, "E05010325"),
			 geo_map_find_ward(f->map, "E05010325"));
	assert_int_equal(geo_map_find_ward(f->map, "E05999999"), -1);
	double metres;
	struct err e;
	assert_int_equal(geo_map_distance_to_boundary(f->map, (size_t)w, 53.9623,
						      -1.0819, &metres, &e), 0);
	assert_true(metres > 10 && metres < 3000);
}

/* The check the issue asks for: through the polygons, by latitude and
 * longitude, for every York postcode location in the shared data. */
static void agrees_with_the_postcode_directory(void **state)
{
	struct geo_fixture *f = *state;
	struct csv_reader *csv;
	struct err e;
	assert_int_equal(csv_open(YORK_POSTCODES, &csv, &e), 0);
	struct csv_row row;
	assert_int_equal(csv_next(csv, &row, &e), 1); /* header */
	assert_string_equal(row.fields[4], "latitude");
	assert_string_equal(row.fields[8], "admin_ward_code");
	unsigned long total = 0, agree = 0, far = 0;
	double worst = 0;
	while (csv_next(csv, &row, &e) == 1) {
		double lat = strtod(row.fields[4], NULL);
		double lon = strtod(row.fields[5], NULL);
		total++;
		long w = geo_map_ward_at(f->map, lat, lon);
		if (w >= 0 && strcmp(geo_map_ward(f->map, (size_t)w)->code,
				     row.fields[8]) == 0) {
			agree++;
			continue;
		}
		/* A disagreement must be a postcode on a boundary: its point
		 * within 50 m of the ward the data names. */
		long named = geo_map_find_ward(f->map, row.fields[8]);
		double metres = INFINITY;
		if (named >= 0)
			geo_map_distance_to_boundary(f->map, (size_t)named, lat,
						     lon, &metres, &e);
		if (metres > worst)
			worst = metres;
		if (metres > 50) {
			far++;
			printf("  %s: polygons say %s, data says %s, %.0f m from "
			       "its boundary\n",
			       row.fields[0],
			       w >= 0 ? geo_map_ward(f->map, (size_t)w)->code : "none",
			       row.fields[8], metres);
		}
	}
	csv_close(csv);
	double pct = 100.0 * (double)agree / (double)total;
	printf("  ward agreement: %lu of %lu York postcodes (%.2f%%); "
	       "disagreements at most %.1f m from a boundary\n",
	       agree, total, pct, worst);
	assert_int_equal(total, 5438);
	assert_true(pct >= 99.5);
	assert_int_equal(far, 0);
}

int main(void)
{
	if (sodium_init() < 0)
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(normalises_postcodes),
		cmocka_unit_test(projects_to_the_national_grid),
		cmocka_unit_test_setup_teardown(finds_wards_by_point, setup_york,
						teardown_york),
		cmocka_unit_test_setup_teardown(agrees_with_the_postcode_directory,
						setup_york, teardown_york),
	};
	return cmocka_run_group_tests_name("geo", tests, NULL, NULL);
}
