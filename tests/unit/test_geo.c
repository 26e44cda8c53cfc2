/* Geography: postcode normalisation, the projection, and the point lookup
 * checked against every York postcode in the shared data: the ward found
 * through the polygons must agree with the ward the postcode file names.
 * Then areas on that map: one read by id, input refused naming every
 * field at fault, lookups, and the drop-in shown to a person. */
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

#include "core/arena.h"
#include "core/csv.h"
#include "core/err.h"
#include "db/db.h"
#include "db/migrate.h"
#include "domain/areas/area.h"
#include "domain/areas/coordinator.h"
#include "domain/areas/dropin.h"
#include "domain/areas/lookup.h"
#include "domain/areas/postcode.h"
#include "domain/areas/ward.h"
#include "domain/staff/audit.h"
#include "domain/staff/caller.h"
#include "domain/staff/token.h"
#include "domain/staff/user.h"
#include "geo/map.h"
#include "geo/postcode.h"
#include "geo/postcodes.h"
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

#define ACOMB "E05010311"
#define WESTFIELD "E05010330"
#define GUILDHALL "E05010318"

/* Whoever runs `alongside area ...` (set in main). */
static struct caller cli;

struct geo_fixture {
	char dir[64];
	struct db *db;
	struct geo_map *map;
	char west[33];   /* Acomb and Westfield: covered, a coordinator, drop-ins */
	char centre[33]; /* Guildhall: covered, drop-ins no postcode places */
	char east[33];   /* not covered: Heworth, nothing else */
};

static int add_dropin(struct db *db, const char *area, const char *address,
		      const char *weekday, const char *first, struct err *e)
{
	char id[33];
	struct dropin_input in = {"Hall", address, weekday, "10:00", "12:00", "weekly",
				  NULL, first, NULL, NULL};
	return dropin_add(db, &cli, area, &in, id, e);
}

/* West (with a coordinator and three drop-ins, two placed by the postcodes
 * their addresses end with), Centre (two drop-ins no postcode places) and
 * East (not covered), with York's postcodes. */
static int add_areas(struct geo_fixture *f, struct err *e)
{
	const char *west[] = {ACOMB, WESTFIELD}, *centre[] = {GUILDHALL},
		   *east[] = {"E05010317"};
	struct postcode_import_report report;
	struct postcode_import_options csv = {POSTCODE_LAYOUT_HEADER, NULL, NULL};
	struct coordinator_input priya = {"Priya Shah", "07700 900101",
					  "priya@example.org", NULL, NULL, NULL};
	if (postcode_import_csv(f->db, YORK_POSTCODES, &csv, &report, e) != RESULT_OK ||
	    area_create(f->db, &cli, &(struct area_input){"West", west, 2, true, false},
			f->west, e) != RESULT_OK ||
	    area_create(f->db, &cli, &(struct area_input){"Centre", centre, 1, true, false},
			f->centre, e) != RESULT_OK ||
	    area_create(f->db, &cli, &(struct area_input){"East", east, 1, false, false},
			f->east, e) != RESULT_OK ||
	    coordinator_set(f->db, &cli, "West", &priya, e) != RESULT_OK)
		return RESULT_FAILED;
	if (add_dropin(f->db, f->west, "54 Wheatlands Grove, York YO26 5NH",
		       "tuesday", "2026-01-06", e) != RESULT_OK ||
	    add_dropin(f->db, f->west, "Front Street, York YO24 3BX", "friday",
		       "2026-01-09", e) != RESULT_OK ||
	    add_dropin(f->db, f->west, "The Green, Acomb", "monday", "2026-01-05",
		       e) != RESULT_OK ||
	    add_dropin(f->db, f->centre, "Parliament Street, York", "tuesday",
		       "2026-01-06", e) != RESULT_OK ||
	    add_dropin(f->db, f->centre, "St Sampson's Square, York ZZ9 9ZZ",
		       "monday", "2026-01-05", e) != RESULT_OK)
		return RESULT_FAILED;
	return RESULT_OK;
}

static int setup(void **state, bool with_areas)
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
	    (with_areas && add_areas(f, &e) != RESULT_OK) ||
	    geo_map_load(f->db, &f->map, &e) < 0) {
		fprintf(stderr, "setup: %s\n", e.msg);
		return -1;
	}
	*state = f;
	return 0;
}

static int setup_york(void **state)
{
	return setup(state, false);
}

static int setup_york_areas(void **state)
{
	return setup(state, true);
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


static void gets_one_area_by_id(void **state)
{
	struct geo_fixture *f = *state;
	struct arena *a = arena_new();
	struct err e;
	struct area west;
	assert_int_equal(area_get(f->db, a, f->west, &west, &e), RESULT_OK);
	assert_string_equal(west.id, f->west);
	assert_string_equal(west.name, "West");
	assert_true(west.covered);
	assert_false(west.demo);
	assert_int_equal(west.ward_count, 2);
	assert_string_equal(west.wards[0], ACOMB);
	assert_string_equal(west.wards[1], WESTFIELD);
	assert_non_null(west.coordinator);
	assert_string_equal(west.coordinator->name, "Priya Shah");
	assert_string_equal(west.coordinator->email, "priya@example.org");
	assert_null(west.coordinator->facebook_url);

	struct area east;
	assert_int_equal(area_get(f->db, a, f->east, &east, &e), RESULT_OK);
	assert_false(east.covered);
	assert_null(east.coordinator);
	assert_int_equal(east.ward_count, 1);
	assert_string_equal(east.wards[0], "E05010317");

	const char *missing[] = {"00000000000000000000000000000000", "nope", "", NULL,
				 "West", "' OR 1=1 --"};
	for (size_t i = 0; i < sizeof missing / sizeof *missing; i++) {
		struct area none;
		err_clear(&e);
		assert_int_equal(area_get(f->db, a, missing[i], &none, &e), RESULT_NOT_FOUND);
		assert_string_equal(e.subject, "area");
	}
	arena_free(a);
}

static void areas_refuse_bad_input_naming_every_field(void **state)
{
	struct geo_fixture *f = *state;
	struct arena *a = arena_new();
	struct err e;
	char id[33];
	const char *bad_wards[] = {"E05999999", "nope", ACOMB};
	assert_int_equal(area_create(f->db, &cli, &(struct area_input){NULL, bad_wards, 3, true, false},
				     id, &e),
			 RESULT_INVALID);
	assert_int_equal(e.field_count, 3);
	assert_string_equal(e.fields[0].path, "name");
	assert_string_equal(e.fields[1].path, "wards");
	assert_non_null(strstr(e.fields[1].message, "ward 2 in the list is not a ward code"));
	assert_string_equal(e.fields[2].path, "wards");
	assert_non_null(strstr(e.fields[2].message, "E05999999 is not held"));
	assert_string_equal(e.msg, e.fields[0].message);

	const char *twice[] = {"E05010322", "E05010322"};
	assert_int_equal(area_create(f->db, &cli, &(struct area_input){"X", twice, 2, true, false},
				     id, &e),
			 RESULT_INVALID);
	assert_non_null(strstr(err_field_message(&e, "wards"), "listed twice"));
	const char *taken[] = {"E05010322", ACOMB};
	assert_int_equal(area_create(f->db, &cli, &(struct area_input){"X", taken, 2, true, false},
				     id, &e),
			 RESULT_CONFLICT);
	assert_non_null(strstr(e.msg, "already in area West"));
	assert_int_equal(e.field_count, 0);
	const char *holgate[] = {"E05010322"};
	assert_int_equal(area_create(f->db, &cli, &(struct area_input){"West", holgate, 1, true, false},
				     id, &e),
			 RESULT_CONFLICT);
	assert_non_null(strstr(e.msg, "already an area called \"West\""));

	struct coordinator_input co = {"", "12", "not an email", "javascript:alert(1)", NULL, NULL};
	assert_int_equal(coordinator_set(f->db, &cli, "West", &co, &e), RESULT_INVALID);
	const char *paths[] = {"name", "mobile", "email",
			       "facebook_url"};
	assert_int_equal(e.field_count, 4);
	for (size_t i = 0; i < 4; i++)
		assert_string_equal(e.fields[i].path, paths[i]);
	co = (struct coordinator_input){"Sam Lee", NULL, NULL, NULL, NULL, NULL};
	assert_int_equal(coordinator_set(f->db, &cli, "Nowhere", &co, &e), RESULT_NOT_FOUND);
	assert_string_equal(e.subject, "area");

	struct dropin_input d = {NULL, "A", "funday", "9am", "10:00", "weekly", "2", "2026-02-30",
				 NULL, NULL};
	assert_int_equal(dropin_add(f->db, &cli, f->west, &d, id, &e), RESULT_INVALID);
	const char *dpaths[] = {"venue", "weekday", "starts", "week", "first_date"};
	assert_int_equal(e.field_count, 5);
	for (size_t i = 0; i < 5; i++)
		assert_string_equal(e.fields[i].path, dpaths[i]);
	d = (struct dropin_input){"V", "A", "tuesday", "10:00", "12:00", "weekly", NULL,
				  "2026-01-06", NULL, NULL};
	assert_int_equal(dropin_add(f->db, &cli, "Nowhere", &d, id, &e), RESULT_NOT_FOUND);

	/* Nothing of it was written. */
	struct area *list;
	size_t count;
	assert_int_equal(area_list(f->db, a, &list, &count, &e), RESULT_OK);
	assert_int_equal(count, 3);
	struct area west;
	assert_int_equal(area_get(f->db, a, f->west, &west, &e), RESULT_OK);
	assert_string_equal(west.coordinator->name, "Priya Shah");
	struct dropin *dropins;
	assert_int_equal(dropin_list(f->db, a, f->west, &dropins, &count, &e), RESULT_OK);
	assert_int_equal(count, 3);
	arena_free(a);
}

/* How many entries for the action have the outcome and were made by the
 * token (NULL: by anyone); one of them into *one. */
static size_t entries(struct geo_fixture *f, struct arena *a, const char *action,
		      const char *outcome, const char *token_id, struct audit_row *one)
{
	struct audit_filter filter = {.action = action};
	struct audit_row *rows;
	size_t count, n = 0;
	struct err e;
	assert_int_equal(audit_list(f->db, a, &filter, &rows, &count, &e), RESULT_OK);
	for (size_t i = 0; i < count; i++)
		if (strcmp(rows[i].outcome, outcome) == 0 &&
		    (!token_id ||
		     (rows[i].actor_token_id && strcmp(rows[i].actor_token_id, token_id) == 0)) &&
		    n++ == 0)
			*one = rows[i];
	return n;
}

static void directory_changes_are_audited_and_refusals_recorded(void **state)
{
	struct geo_fixture *f = *state;
	struct arena *a = arena_new();
	struct err e;
	char id[33];
	struct audit_row row;
	/* add_areas made three areas, a coordinator and five drop-ins from
	 * the command line. */
	assert_int_equal(entries(f, a, "area_create", "ok", NULL, &row), 3);
	assert_int_equal(entries(f, a, "drop_in_add", "ok", NULL, &row), 5);
	assert_int_equal(entries(f, a, "coordinator_set", "ok", NULL, &row), 1);
	assert_string_equal(row.record_type, "area");
	assert_string_equal(row.record_id, f->west);
	assert_string_equal(row.area_id, f->west);
	assert_string_equal(row.client_address, "cli");

	/* A coordinator, and a token without areas.write, may change none of
	 * it: refused, recorded, nothing written. */
	const char *ids[] = {f->west};
	struct user priya = {.id = "c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0", .username = "priya",
			     .roles = USER_COORDINATOR, .coordinator_areas = ids,
			     .coordinator_area_count = 1};
	struct api_token reader = {.id = "d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0", .scopes = "audit.read"};
	struct api_token writer = {.id = "e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0",
				   .scopes = "audit.read areas.write"};
	struct caller refused[] = {
		{.kind = CALLER_STAFF, .user = &priya, .client_address = "192.0.2.1"},
		{.kind = CALLER_TOKEN, .token = &reader, .client_address = "192.0.2.2"},
	};
	const char *holgate[] = {"E05010322"};
	struct coordinator_input sam = {"Sam Lee", NULL, NULL, NULL, NULL, NULL};
	struct dropin_input d = {"V", "A", "tuesday", "10:00", "12:00", "weekly", NULL,
				 "2026-01-06", NULL, NULL};
	for (size_t i = 0; i < 2; i++) {
		assert_int_equal(area_create(f->db, &refused[i],
					     &(struct area_input){"Holgate", holgate, 1, true, false},
					     id, &e),
				 RESULT_FORBIDDEN);
		assert_int_equal(coordinator_set(f->db, &refused[i], f->west, &sam, &e),
				 RESULT_FORBIDDEN);
		assert_int_equal(dropin_add(f->db, &refused[i], f->west, &d, id, &e),
				 RESULT_FORBIDDEN);
	}
	assert_int_equal(entries(f, a, "area_create", "refused", NULL, &row), 2);
	assert_int_equal(entries(f, a, "drop_in_add", "refused", NULL, &row), 2);
	assert_int_equal(entries(f, a, "coordinator_set", "refused", NULL, &row), 2);
	assert_int_equal(entries(f, a, "coordinator_set", "refused", reader.id, &row), 1);
	struct area west;
	assert_int_equal(area_get(f->db, a, f->west, &west, &e), RESULT_OK);
	assert_string_equal(west.coordinator->name, "Priya Shah");

	/* A token with the scope may, and is named in the entry; an area
	 * that is not there is a refusal it is recorded making. */
	struct caller sync = {.kind = CALLER_TOKEN, .token = &writer, .client_address = "192.0.2.3"};
	assert_int_equal(coordinator_set(f->db, &sync, f->west, &sam, &e), RESULT_OK);
	assert_int_equal(entries(f, a, "coordinator_set", "ok", NULL, &row), 2);
	assert_int_equal(entries(f, a, "coordinator_set", "ok", writer.id, &row), 1);
	assert_string_equal(row.area_id, f->west);
	assert_int_equal(dropin_add(f->db, &sync, "Nowhere", &d, id, &e), RESULT_NOT_FOUND);
	assert_int_equal(entries(f, a, "drop_in_add", "refused", writer.id, &row), 1);
	assert_null(row.area_id);
	arena_free(a);
}

static void lookups_say_what_is_wrong(void **state)
{
	struct geo_fixture *f = *state;
	struct arena *a = arena_new();
	struct lookup_context ctx = {f->db, f->map, 400, NULL};
	struct lookup_result r;
	struct err e;
	assert_int_equal(lookup_postcode(&ctx, a, "  ", &r, &e), RESULT_INVALID);
	assert_string_equal(err_field_message(&e, "postcode"), "Enter a postcode");
	assert_int_equal(lookup_postcode(&ctx, a, "YO1'", &r, &e), RESULT_INVALID);
	assert_non_null(strstr(err_field_message(&e, "postcode"), "real postcode"));
	assert_int_equal(lookup_postcode(&ctx, a, "zz99zz", &r, &e), RESULT_NOT_FOUND);
	assert_string_equal(e.subject, "postcode");
	assert_int_equal(lookup_point(&ctx, a, "91", "x", &r, &e), RESULT_INVALID);
	assert_int_equal(e.field_count, 2);
	assert_non_null(err_field_message(&e, "lat"));
	assert_non_null(err_field_message(&e, "lon"));
	assert_int_equal(lookup_point(&ctx, a, "53.96", NULL, &r, &e), RESULT_INVALID);
	assert_int_equal(lookup_point(&ctx, a, "53.955006,-1.123313", NULL, &r, &e), RESULT_OK);
	assert_true(r.covered);
	assert_string_equal(r.coordinator->name, "Priya Shah");
	assert_int_equal(lookup_postcode(&ctx, a, "yo244nb", &r, &e), RESULT_OK);
	assert_true(r.covered);
	assert_string_equal(geo_map_area(f->map, (size_t)r.area)->id, f->west);
	arena_free(a);
}

/* Metres between two held postcodes, measured as the lookup does. */
static double metres_between(const struct lookup_context *ctx, struct arena *a,
			     const char *from, const char *to)
{
	struct lookup_result p, q;
	struct err e;
	assert_int_equal(lookup_postcode(ctx, a, from, &p, &e), RESULT_OK);
	assert_int_equal(lookup_postcode(ctx, a, to, &q, &e), RESULT_OK);
	double metres;
	assert_int_equal(projection_distance(projection_for_thread(&e), p.lat, p.lon, q.lat,
					     q.lon, &metres, &e), 0);
	return metres;
}

static void shows_a_person_the_dropin_nearest_them(void **state)
{
	struct geo_fixture *f = *state;
	struct arena *a = arena_new();
	struct postcode_index *index;
	struct err e;
	assert_int_equal(postcode_index_load(f->db, &index, &e), 0);
	struct date today = {2026, 3, 3}; /* a Tuesday */
	/* From the database and from memory alike. */
	for (int in_memory = 0; in_memory < 2; in_memory++) {
		struct lookup_context ctx = {f->db, f->map, 400, in_memory ? index : NULL};
		struct lookup_result r;
		struct lookup_dropin near;
		/* In West: of its three drop-ins, YO24 3BX's is nearer YO24 4NB
		 * than YO26 5NH's, and the third cannot be placed. */
		assert_int_equal(lookup_postcode(&ctx, a, "YO24 4NB", &r, &e), RESULT_OK);
		assert_int_equal(lookup_nearest_dropin(&ctx, a, &r, today, &near, &e), RESULT_OK);
		assert_string_equal(near.area_id, f->west);
		assert_int_equal(near.count, 3);
		assert_string_equal(near.list[near.chosen].address, "Front Street, York YO24 3BX");
		double want = metres_between(&ctx, a, "YO24 4NB", "YO24 3BX");
		assert_true(fabs(near.metres - want) < 0.01);
		assert_true(want < metres_between(&ctx, a, "YO24 4NB", "YO26 5NH"));
		char next[11];
		date_format(near.next, next);
		assert_string_equal(next, "2026-03-06"); /* the Friday after */

		/* Just outside West, near enough: West's drop-ins. */
		ctx.near_metres = 5000;
		assert_int_equal(lookup_postcode(&ctx, a, "YO26 4YF", &r, &e), RESULT_OK);
		assert_false(r.covered);
		assert_true(r.near);
		assert_int_equal(lookup_nearest_dropin(&ctx, a, &r, today, &near, &e), RESULT_OK);
		assert_string_equal(near.area_id, f->west);
		assert_true(near.metres > 0);
		/* Too far: none. */
		ctx.near_metres = 0;
		assert_int_equal(lookup_postcode(&ctx, a, "YO26 4YF", &r, &e), RESULT_OK);
		assert_int_equal(lookup_nearest_dropin(&ctx, a, &r, today, &near, &e), RESULT_OK);
		assert_null(near.area_id);
		assert_int_equal(near.count, 0);

		/* In Centre no drop-in can be placed: the soonest, Tuesday's
		 * today, though Monday's comes first in the list. */
		assert_int_equal(lookup_postcode(&ctx, a, "YO1 7HH", &r, &e), RESULT_OK);
		assert_true(r.covered);
		assert_int_equal(lookup_nearest_dropin(&ctx, a, &r, today, &near, &e), RESULT_OK);
		assert_string_equal(near.area_id, f->centre);
		assert_int_equal(near.count, 2);
		assert_true(near.metres < 0);
		assert_int_equal(near.chosen, 1);
		assert_string_equal(near.list[1].address, "Parliament Street, York");
		date_format(near.next, next);
		assert_string_equal(next, "2026-03-03");
	}
	postcode_index_free(index);
	arena_free(a);
}

int main(void)
{
	if (sodium_init() < 0)
		return 1;
	cli = caller_cli();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(normalises_postcodes),
		cmocka_unit_test(projects_to_the_national_grid),
		cmocka_unit_test_setup_teardown(finds_wards_by_point, setup_york,
						teardown_york),
		cmocka_unit_test_setup_teardown(agrees_with_the_postcode_directory,
						setup_york, teardown_york),
		cmocka_unit_test_setup_teardown(gets_one_area_by_id, setup_york_areas,
						teardown_york),
		cmocka_unit_test_setup_teardown(areas_refuse_bad_input_naming_every_field,
						setup_york_areas, teardown_york),
		cmocka_unit_test_setup_teardown(directory_changes_are_audited_and_refusals_recorded,
						setup_york_areas, teardown_york),
		cmocka_unit_test_setup_teardown(lookups_say_what_is_wrong, setup_york_areas,
						teardown_york),
		cmocka_unit_test_setup_teardown(shows_a_person_the_dropin_nearest_them,
						setup_york_areas, teardown_york),
	};
	return cmocka_run_group_tests_name("geo", tests, NULL, NULL);
}
