/* Reading ORUK JSON for `alongside directory import`: the demo file, the
 * profile's own example service, and records that break the schema, each
 * problem naming its record by a JSON path. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "core/arena.h"
#include "core/err.h"
#include "domain/community/exchange.h"
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(demo_file_reads_whole),
		cmocka_unit_test(oruk_example_service_reads),
		cmocka_unit_test(taxonomy_file_reads_terms),
		cmocka_unit_test(bad_records_are_named_by_path),
		cmocka_unit_test(uppercase_ids_and_seconds_are_taken),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
