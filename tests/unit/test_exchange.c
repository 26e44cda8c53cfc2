/* Reading ORUK JSON for `alongside directory import`: the demo file, the
 * profile's own example service, and records that break the schema, each
 * problem naming its record by a JSON path. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/err.h"
#include "core/sb.h"
#include "domain/community/exchange.h"
#include "domain/community/exchange_parse.h"
#include "domain/community/listing.h"
#include "domain/community/taxonomy.h"

#define ORUK_EXAMPLES "../shared/data/openreferral-uk-profile/examples/"

static int parse(struct arena *a, const char *text, struct exchange_directory *d)
{
	struct err e = {0};
	return exchange_parse_json(a, text, strlen(text), d, &e);
}

static void demo_file_reads_whole(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct exchange_directory d;
	struct err e = {0};
	assert_int_equal(exchange_read(a, "demo/york-community.json", &d, &e), RESULT_OK);
	assert_int_equal(d.problem_count, 0);
	assert_true(d.listing_count >= 6);
	const struct listing *l = &d.listings[0];
	assert_string_equal(l->name, "Acomb Sing-along");
	assert_int_equal(l->minimum_age, 18);
	assert_int_equal(l->free, 1);
	assert_string_equal(l->checked_on, "2026-11-02");
	assert_int_equal(l->location_count, 1);
	assert_string_equal(l->locations[0].postal_code, "YO24 3BZ");
	assert_int_equal(l->schedule_count, 1);
	assert_string_equal(l->schedules[0].byday, "TH");
	assert_string_equal(l->schedules[0].opens_at, "10:30");
	assert_string_equal(l->terms[0].term_id, "f9553deb-5ad5-487c-91f2-529557db6551");
	assert_int_equal(d.listings[1].schedules[0].interval, 2);
	arena_free(a);
}

static void oruk_example_service_reads(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct exchange_directory d;
	struct err e = {0};
	assert_int_equal(exchange_read(a, ORUK_EXAMPLES "service_full.json", &d, &e), RESULT_OK);
	assert_int_equal(d.listing_count, 1);
	const struct listing *l = &d.listings[0];
	assert_string_equal(l->id, "ac148810-d857-441c-9679-408f346de14b");
	assert_string_equal(l->organization.name, "Example Organization Inc.");
	assert_string_equal(l->schedules[0].opens_at, "10:00");  /* 10:00:00 */
	assert_int_equal(l->free, 0);                             /* 35 a session */
	/* The attribute's nested term comes in as a term to store. */
	assert_int_equal(d.term_count, 1);
	assert_string_equal(d.terms[0].id, l->terms[0].term_id);
	arena_free(a);
}

static void taxonomy_file_reads_terms(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct exchange_directory d;
	struct err e = {0};
	assert_int_equal(exchange_read(a, ORUK_EXAMPLES "taxonomy_term_list.json", &d, &e),
			 RESULT_OK);
	assert_true(d.term_count >= 1);
	assert_int_equal(d.listing_count, 0);
	arena_free(a);
}

static void bad_records_are_named_by_path(void **state)
{
	(void)state;
	static const struct {
		const char *json;
		long record;
		const char *message;
	} cases[] = {
		{"[{\"id\":\"6f1c0e9a-3b2d-4e5f-8a7b-9c0d1e2f3a4b\",\"status\":\"active\"}]", 0,
		 "services[0].name: is required"},
		{"[{\"id\":\"6f1c0e9a-3b2d-4e5f-8a7b-9c0d1e2f3a4b\",\"name\":\"A\",\"status\":\"active\"},"
		 "{\"id\":\"6f1c0e9a-3b2d-4e5f-8a7b-9c0d1e2f3a4c\",\"name\":\"B\",\"status\":\"active\","
		 "\"schedules\":[{\"id\":\"6f1c0e9a-3b2d-4e5f-8a7b-9c0d1e2f3a4d\",\"byday\":5}]}]", 1,
		 "services[1].schedules[0].byday: must be text"},
		{"[{\"id\":\"not-a-uuid\",\"name\":\"A\",\"status\":\"active\"}]", 0,
		 "services[0].id: must be a UUID"},
		{"[{\"id\":\"6f1c0e9a-3b2d-4e5f-8a7b-9c0d1e2f3a4b\",\"name\":\"A\",\"status\":\"open\"}]",
		 0, "services[0].status: must be active"},
		{"[{\"id\":\"6f1c0e9a-3b2d-4e5f-8a7b-9c0d1e2f3a4b\",\"name\":\"A\",\"status\":\"active\","
		 "\"minimum_age\":\"twelve\"}]", 0, "services[0].minimum_age: must be a number"},
		{"[{\"id\":\"6f1c0e9a-3b2d-4e5f-8a7b-9c0d1e2f3a4b\",\"name\":\"A\",\"status\":\"active\","
		 "\"schedules\":[{\"id\":\"6f1c0e9a-3b2d-4e5f-8a7b-9c0d1e2f3a4d\",\"opens_at\":\"25:00\"}]}]",
		 0, "services[0].schedules[0].opens_at: must be a time of day"},
		{"[{\"id\":\"6f1c0e9a-3b2d-4e5f-8a7b-9c0d1e2f3a4b\",\"name\":\"A\",\"status\":\"active\","
		 "\"service_at_locations\":[{\"id\":\"6f1c0e9a-3b2d-4e5f-8a7b-9c0d1e2f3a4e\"}]}]", 0,
		 "services[0].service_at_locations[0].location: is required"},
		{"{\"contents\":[{\"id\":\"6f1c0e9a-3b2d-4e5f-8a7b-9c0d1e2f3a4b\",\"name\":\"A\","
		 "\"status\":\"active\",\"attributes\":[{\"id\":\"6f1c0e9a-3b2d-4e5f-8a7b-9c0d1e2f3a4f\"}]}]}",
		 0, "services[0].attributes[0].taxonomy_term_id: is required"},
		{"name,status\nA,active\n", -1, "not JSON"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct arena *a = arena_new();
		struct exchange_directory d;
		assert_int_equal(parse(a, cases[i].json, &d), RESULT_INVALID);
		assert_int_equal(d.problem_count, 1);
		assert_int_equal(d.problems[0].record, cases[i].record);
		if (!strstr(d.problems[0].message, cases[i].message))
			fail_msg("case %zu: \"%s\" does not say \"%s\"", i, d.problems[0].message,
				 cases[i].message);
		arena_free(a);
	}
}

static void uppercase_ids_and_seconds_are_taken(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct exchange_directory d;
	assert_int_equal(parse(a, "{\"id\":\"6F1C0E9A-3B2D-4E5F-8A7B-9C0D1E2F3A4B\",\"name\":\"A\","
				  "\"status\":\"active\",\"schedules\":[{\"id\":"
				  "\"6f1c0e9a-3b2d-4e5f-8a7b-9c0d1e2f3a4d\",\"closes_at\":\"18:30:00\"}]}",
			       &d),
			 RESULT_OK);
	assert_string_equal(d.listings[0].id, "6f1c0e9a-3b2d-4e5f-8a7b-9c0d1e2f3a4b");
	assert_string_equal(d.listings[0].schedules[0].closes_at, "18:30");
	assert_int_equal(d.listings[0].minimum_age, -1);
	assert_int_equal(d.listings[0].free, -1);
	arena_free(a);
}

static void put_file(const char *dir, const char *name, const char *text)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, strlen(text), f), strlen(text));
	assert_int_equal(fclose(f), 0);
}

/* Removes a test's package folder (files only, no subfolders). */
static void remove_folder(const char *dir)
{
	DIR *d = opendir(dir);
	assert_non_null(d);
	for (struct dirent *f; (f = readdir(d));) {
		char path[512];
		snprintf(path, sizeof path, "%s/%s", dir, f->d_name);
		if (f->d_name[0] != '.')
			assert_int_equal(unlink(path), 0);
	}
	closedir(d);
	assert_int_equal(rmdir(dir), 0);
}

/* Every problem of a record is named, each its own line (record 4012
 * once showed its missing name but not its bad byday); past
 * EXCHANGE_PROBLEMS_MAX they are only counted. */
static void every_problem_of_a_record_is_named(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct exchange_directory d;
	assert_int_equal(parse(a, "[{\"id\":\"6f1c0e9a-3b2d-4e5f-8a7b-9c0d1e2f3a4b\","
				  "\"status\":\"active\",\"schedules\":[{\"id\":"
				  "\"6f1c0e9a-3b2d-4e5f-8a7b-9c0d1e2f3a4d\",\"byday\":4}]}]",
			       &d),
			 RESULT_INVALID);
	assert_int_equal(d.problem_count, 2);
	assert_int_equal(d.problems_left_off, 0);
	assert_string_equal(d.problems[0].message, "services[0].name: is required");
	assert_string_equal(d.problems[1].message, "services[0].schedules[0].byday: must be text");
	assert_int_equal(d.problems[1].record, 0);

	struct sb many;
	sb_init(&many, a, 4096);
	sb_puts(&many, "[");
	for (int i = 0; i < 15; i++)
		sb_printf(&many, "%s{\"id\":\"x\",\"status\":\"active\"}", i ? "," : "");
	sb_puts(&many, "]");
	assert_int_equal(parse(a, sb_str(&many), &d), RESULT_INVALID);
	assert_int_equal(d.problem_count, EXCHANGE_PROBLEMS_MAX);
	assert_int_equal(d.problems_left_off, 30 - EXCHANGE_PROBLEMS_MAX);
	arena_free(a);

	/* A CSV row too: its missing name and its bad age. */
	a = arena_new();
	char dir[] = "/tmp/test-exchange-XXXXXX";
	assert_non_null(mkdtemp(dir));
	put_file(dir, "datapackage.json", "{\"resources\":[]}");
	put_file(dir, "services.csv", "id,organization_id,name,status,minimum_age\n"
				      "6f1c0e9a-3b2d-4e5f-8a7b-9c0d1e2f3a4b,,,active,twelve\n");
	struct err e = {0};
	assert_int_equal(exchange_read(a, dir, &d, &e), RESULT_INVALID);
	assert_int_equal(d.problem_count, 2);
	assert_string_equal(d.problems[0].message, "services.csv line 2: name: is required");
	assert_non_null(strstr(d.problems[1].message,
			       "services.csv line 2: minimum_age: must be a whole number"));
	remove_folder(dir);
	arena_free(a);
}

/* The demo file written as a data package and read back is the same
 * directory: every value the package carries, numbers to the last bit. */
static void package_reads_back_what_it_wrote(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct exchange_directory d, back;
	struct err e = {0};
	char dir[] = "/tmp/test-exchange-XXXXXX";
	assert_non_null(mkdtemp(dir));
	assert_int_equal(exchange_read(a, "demo/york-community.json", &d, &e), RESULT_OK);
	d.listings[0].description = "Songs, tea and \"a natter\",\nall welcome";
	d.listings[0].locations[0].has_point = true;
	d.listings[0].locations[0].latitude = 53.9571234567891;
	d.listings[0].locations[0].longitude = -1.1234567890123;
	assert_int_equal(exchange_write_package(a, dir, d.taxonomies, d.taxonomy_count, d.terms,
						d.term_count, d.listings, d.listing_count, &e),
			 RESULT_OK);
	if (exchange_read(a, dir, &back, &e) != RESULT_OK)
		fail_msg("%s", back.problem_count ? back.problems[0].message : e.msg);
	assert_int_equal(back.listing_count, d.listing_count);
	for (size_t i = 0; i < d.listing_count; i++) {
		const struct listing *x = &d.listings[i], *y = &back.listings[i];
		assert_string_equal(y->id, x->id);
		assert_string_equal(y->name, x->name);
		assert_string_equal(y->organization.name, x->organization.name);
		assert_string_equal(y->checked_on, x->checked_on);
		assert_int_equal(y->minimum_age, x->minimum_age);
		assert_int_equal(y->free, x->free);
		assert_int_equal(y->location_count, x->location_count);
		assert_string_equal(y->locations[0].postal_code, x->locations[0].postal_code);
		assert_string_equal(y->locations[0].service_at_location_id,
				    x->locations[0].service_at_location_id);
		assert_int_equal(y->schedule_count, x->schedule_count);
		assert_string_equal(y->schedules[0].byday, x->schedules[0].byday);
		assert_string_equal(y->schedules[0].opens_at, x->schedules[0].opens_at);
		assert_int_equal(y->schedules[0].interval, x->schedules[0].interval);
		assert_int_equal(y->cost_count, x->cost_count);
		assert_true(y->costs[0].amount == x->costs[0].amount);
		assert_int_equal(y->term_count, x->term_count);
		assert_string_equal(y->terms[0].term_id, x->terms[0].term_id);
	}
	/* Lines as a text editor counts them: the first description has a
	 * line break in it. */
	assert_int_equal(back.origins[0].line, 2);
	assert_int_equal(back.origins[1].line, 4);
	assert_string_equal(back.listings[0].description, d.listings[0].description);
	assert_true(back.listings[0].locations[0].latitude == 53.9571234567891);
	assert_true(back.listings[0].locations[0].longitude == -1.1234567890123);
	remove_folder(dir);
	arena_free(a);
}

/* The profile's own example tables, with the profile's datapackage.json:
 * what another system's package looks like. */
static void profile_example_package_reads(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct exchange_directory d;
	struct err e = {0};
	char dir[] = "/tmp/test-exchange-XXXXXX";
	assert_non_null(mkdtemp(dir));
	static const char *const files[] = {
		"../../datapackage.json", "services.csv", "organizations.csv", "locations.csv",
		"address.csv", "service_at_location.csv", "schedule.csv", "contacts.csv",
		"phones.csv", "cost_options.csv", "languages.csv", "service_areas.csv",
		"accessibility.csv", "attribute.csv", "taxonomies.csv", "taxonomy_terms.csv"};
	for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
		const char *text;
		size_t len;
		assert_int_equal(exchange_read_file(a, arena_printf(a, ORUK_EXAMPLES "csv/%s",
								    files[i]),
						    &text, &len, &e),
				 RESULT_OK);
		put_file(dir, i ? files[i] : "datapackage.json", text);
	}
	assert_int_equal(exchange_read(a, dir, &d, &e), RESULT_INVALID);
	/* Its attribute links a service the example does not hold (line 3:
	 * the example's lines end in CR CR LF, two line ends). */
	assert_string_equal(d.problems[0].message,
			    "attribute.csv line 3: link_id: is not in services.csv");
	put_file(dir, "attribute.csv", "id,link_id,taxonomy_term_id,link_type\n");
	assert_int_equal(exchange_read(a, dir, &d, &e), RESULT_OK);
	assert_int_equal(d.listing_count, 1);
	const struct listing *l = &d.listings[0];
	assert_string_equal(l->name, "Community Counselling");
	assert_string_equal(l->organization.name, "Example Organization Inc.");
	assert_int_equal(l->location_count, 1);
	assert_true(l->locations[0].latitude == 100);
	assert_string_equal(l->locations[0].postal_code, "ABC 1234");
	assert_string_equal(l->schedules[0].opens_at, "10:00");
	assert_int_equal(l->contact_count, 1);
	assert_int_equal(l->contacts[0].phone_count, 1);
	assert_string_equal(l->contacts[0].phones[0].number, "\"+44 1234 234567\"");
	assert_int_equal(d.taxonomy_count, 1);
	remove_folder(dir);
	arena_free(a);
}

static void bad_rows_are_named_by_file_and_line(void **state)
{
	(void)state;
	static const char *const header =
		"id,organization_id,name,status,minimum_age,assured_date\n";
	static const struct {
		const char *file, *text, *message;
	} cases[] = {
		{"services.csv", "6f1c0e9a-3b2d-4e5f-8a7b-9c0d1e2f3a4b,,A,active,,\n"
				 "6f1c0e9a-3b2d-4e5f-8a7b-9c0d1e2f3a4c,,B,active,twelve,\n",
		 "services.csv line 3: minimum_age: must be a whole number"},
		{"services.csv", "6f1c0e9a-3b2d-4e5f-8a7b-9c0d1e2f3a4b,,,active,,\n",
		 "services.csv line 2: name: is required"},
		{"services.csv", "6f1c0e9a-3b2d-4e5f-8a7b-9c0d1e2f3a4b,,A,active,,2024-13-01\n",
		 "services.csv line 2: assured_date: must be a date"},
		{"services.csv", "6f1c0e9a-3b2d-4e5f-8a7b-9c0d1e2f3a4b,,A,active,,\n"
				 "6F1C0E9A-3B2D-4E5F-8A7B-9C0D1E2F3A4B,,B,active,,\n",
		 "services.csv line 3: id: is given twice"},
		{"services.csv", "6f1c0e9a-3b2d-4e5f-8a7b-9c0d1e2f3a4b,\"A,active\n",
		 "services.csv: Line 2: a quoted field"},
		{"schedule.csv", "id,service_id,opens_at\n"
				 "6f1c0e9a-3b2d-4e5f-8a7b-9c0d1e2f3a4d,"
				 "6f1c0e9a-3b2d-4e5f-8a7b-9c0d1e2f3a4b,25:00\n",
		 "schedule.csv line 2: opens_at: must be a time of day"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct arena *a = arena_new();
		struct exchange_directory d;
		struct err e = {0};
		char dir[] = "/tmp/test-exchange-XXXXXX";
		assert_non_null(mkdtemp(dir));
		put_file(dir, "datapackage.json", "{\"resources\": []}");
		bool services = strcmp(cases[i].file, "services.csv") == 0;
		put_file(dir, "services.csv",
			 services ? arena_printf(a, "%s%s", header, cases[i].text)
				  : arena_printf(a, "%s6f1c0e9a-3b2d-4e5f-8a7b-9c0d1e2f3a4b,,A,"
						    "active,,\n", header));
		if (!services)
			put_file(dir, cases[i].file, cases[i].text);
		assert_int_equal(exchange_read(a, dir, &d, &e), RESULT_INVALID);
		assert_true(d.problem_count >= 1);
		if (!strstr(d.problems[0].message, cases[i].message))
			fail_msg("case %zu: \"%s\" does not say \"%s\"", i, d.problems[0].message,
				 cases[i].message);
		remove_folder(dir);
		arena_free(a);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(demo_file_reads_whole),
		cmocka_unit_test(oruk_example_service_reads),
		cmocka_unit_test(taxonomy_file_reads_terms),
		cmocka_unit_test(bad_records_are_named_by_path),
		cmocka_unit_test(every_problem_of_a_record_is_named),
		cmocka_unit_test(uppercase_ids_and_seconds_are_taken),
		cmocka_unit_test(package_reads_back_what_it_wrote),
		cmocka_unit_test(profile_example_package_reads),
		cmocka_unit_test(bad_rows_are_named_by_file_and_line),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
