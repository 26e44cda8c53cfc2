/* ORUK JSON: a listing becomes the profile's service document with the
 * profile's field names, numbers as numbers, the nesting the profile
 * describes, and nothing for what the listing does not hold. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "api/oruk_page.h"
#include "core/arena.h"
#include "core/err.h"
#include "core/sb.h"

#include "domain/community/listing.h"
#include "domain/community/oruk.h"
#include "domain/community/taxonomy.h"
#include "support/testdb.h"

#define SERVICE "0f8fad5b-d9cb-469f-a165-70867728950e"
#define ORG "7c9e6679-7425-40de-944b-e07fc1f90ae7"

static struct community_location places[] = {{
	.id = "1b4e28ba-2fa1-41d2-883f-0016d3cca427",
	.service_at_location_id = "6ecd8c99-4036-403d-bf84-cf8400f67836",
	.location_type = "physical",
	.name = "Acomb Explore Library",
	.address_1 = "Front Street",
	.city = "York",
	.postal_code = "YO24 3BZ",
	.has_point = true,
	.latitude = 53.9551,
	.longitude = -1.1251,
	.ward_code = "E05014186",
	.accessibility = "Step-free entrance",
	.address_id = "3f333df6-90a4-4fda-8dd3-9485d27cee36",
	.accessibility_id = "9a7b330a-a736-41e4-9f39-25be6d4d0b8b",
}, {
	.id = "2c1f4e1a-8c1d-4a4e-9c55-7a3c2b1d0e9f",
	.service_at_location_id = "5d2e6c3b-1a4f-4b8e-8d7c-6e5f4a3b2c1d",
	.location_type = "virtual",
	.name = "Online",
}};

static struct community_schedule times[] = {{
	.id = "b8d2f6a4-3c1e-4f5a-9b7d-2e4c6a8f0d1b",
	.service_at_location_id = "6ecd8c99-4036-403d-bf84-cf8400f67836",
	.freq = "WEEKLY",
	.interval = 2,
	.byday = "TH",
	.opens_at = "14:00",
	.closes_at = "15:30",
	.valid_from = "2026-01-01",
}, {
	.id = "c9e3a7b5-4d2f-4a6b-8c8e-3f5d7b9a1e2c",
	.dtstart = "2026-12-24",
	.opens_at = "18:00",
}};

static struct community_phone phones[] = {{
	.id = "d0f4b8c6-5e3a-4b7c-9d9f-4a6e8c0b2f3d",
	.number = "01904 000000",
}};

static struct community_contact contacts[] = {{
	.id = "e1a5c9d7-6f4b-4c8d-8e0a-5b7f9d1c3a4e",
	.name = "Sam Organiser",
	.public = true,
	.agreed_on = "2026-11-01",
	.phones = phones,
	.phone_count = 1,
}};

static struct community_cost costs[] = {{
	.id = "f2b6d0e8-7a5c-4d9e-9f1b-6c8a0e2d4b5f",
	.option = "Each session",
	.has_amount = true,
	.amount = 2.5,
}, {
	.id = "a3c7e1f9-8b6d-4e0f-8a2c-7d9b1f3e5c6a",
	.option = "Carers",
}};

static struct community_language languages[] = {{
	.id = "b4d8f2a0-9c7e-4f1a-9b3d-8e0c2a4f6d7b",
	.name = "English",
	.code = "en",
}};

static struct community_service_area service_areas[] = {{
	.id = "c5e9a3b1-0d8f-4a2b-8c4e-9f1d3b5a7e8c",
	.name = "Acomb",
}};

static struct community_term_ref terms[] = {{
	.attribute_id = "d6f0b4c2-1e9a-4b3c-9d5f-0a2e4c6b8f9d",
	.term_id = "f9553deb-5ad5-487c-91f2-529557db6551",
	.taxonomy_id = TAXONOMY_OURS,
	.name = "Music and singing",
	.code = "music-and-singing",
}};

static struct listing sample(void)
{
	return (struct listing){
		.id = SERVICE,
		.version = 3,
		.status = "active",
		.name = "Acomb Singers",
		.url = "https://example.org/singers",
		.free = 0,
		.how_to_join = "Just turn up.",
		.minimum_age = 18,
		.maximum_age = -1,
		.description = "",
		.checked_on = "2026-11-20",
		.checked_by_name = "Priya Shah",
		.review_reason = "hours unclear",
		.last_modified = "2026-11-20T10:00:00Z",
		.organization = {.id = ORG, .name = "Acomb Singers", .description = ""},
		.locations = places,
		.location_count = 2,
		.schedules = times,
		.schedule_count = 2,
		.contacts = contacts,
		.contact_count = 1,
		.costs = costs,
		.cost_count = 2,
		.languages = languages,
		.language_count = 1,
		.service_areas = service_areas,
		.service_area_count = 1,
		.terms = terms,
		.term_count = 1,
	};
}

static const char *text(json_t *o, const char *path)
{
	json_t *v = json_object_get(o, path);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

static void the_service_has_the_profiles_fields(void **state)
{
	(void)state;
	struct listing l = sample();
	json_t *s = oruk_service(&l);
	assert_non_null(s);
	assert_string_equal(text(s, "id"), SERVICE);
	assert_string_equal(text(s, "name"), "Acomb Singers");
	assert_string_equal(text(s, "status"), "active");
	assert_string_equal(text(s, "organization_id"), ORG);
	assert_string_equal(text(s, "assured_date"), "2026-11-20");
	assert_string_equal(text(s, "last_modified"), "2026-11-20T10:00:00Z");
	assert_string_equal(text(s, "application_process"), "Just turn up.");
	assert_true(json_is_integer(json_object_get(s, "minimum_age")));
	assert_int_equal(json_integer_value(json_object_get(s, "minimum_age")), 18);

	json_t *org = json_object_get(s, "organization");
	assert_string_equal(text(org, "id"), ORG);
	/* Required by the profile, so present though empty. */
	assert_string_equal(text(org, "description"), "");

	json_t *schedules = json_object_get(s, "schedules");
	assert_int_equal(json_array_size(schedules), 2);
	json_t *weekly = json_array_get(schedules, 0);
	assert_string_equal(text(weekly, "freq"), "WEEKLY");
	assert_true(json_is_integer(json_object_get(weekly, "interval")));
	assert_int_equal(json_integer_value(json_object_get(weekly, "interval")), 2);
	assert_string_equal(text(weekly, "byday"), "TH");
	assert_string_equal(text(weekly, "opens_at"), "14:00:00");
	assert_string_equal(text(weekly, "closes_at"), "15:30:00");
	assert_string_equal(text(weekly, "service_id"), SERVICE);
	assert_string_equal(text(weekly, "service_at_location_id"),
			    "6ecd8c99-4036-403d-bf84-cf8400f67836");
	json_t *once = json_array_get(schedules, 1);
	assert_string_equal(text(once, "dtstart"), "2026-12-24");
	assert_null(json_object_get(once, "freq"));
	assert_null(json_object_get(once, "interval"));
	assert_null(json_object_get(once, "service_at_location_id"));

	json_t *sal = json_object_get(s, "service_at_locations");
	assert_int_equal(json_array_size(sal), 2);
	json_t *first = json_array_get(sal, 0);
	assert_string_equal(text(first, "id"), "6ecd8c99-4036-403d-bf84-cf8400f67836");
	assert_string_equal(text(first, "location_id"), places[0].id);
	json_t *loc = json_object_get(first, "location");
	assert_string_equal(text(loc, "location_type"), "physical");
	assert_true(json_is_real(json_object_get(loc, "latitude")));
	assert_true(json_real_value(json_object_get(loc, "longitude")) < -1.12);
	json_t *address = json_array_get(json_object_get(loc, "addresses"), 0);
	assert_string_equal(text(address, "address_1"), "Front Street");
	assert_string_equal(text(address, "city"), "York");
	assert_string_equal(text(address, "state_province"), "York");
	assert_string_equal(text(address, "postal_code"), "YO24 3BZ");
	assert_string_equal(text(address, "country"), "GB");
	assert_string_equal(text(address, "address_type"), "physical");
	json_t *access = json_array_get(json_object_get(loc, "accessibility"), 0);
	assert_string_equal(text(access, "description"), "Step-free entrance");
	/* Our own bookkeeping is not ORUK's. */
	assert_null(json_object_get(loc, "ward_code"));

	json_t *online = json_object_get(json_array_get(sal, 1), "location");
	assert_string_equal(text(online, "location_type"), "virtual");
	assert_null(json_object_get(online, "latitude"));
	assert_null(json_object_get(online, "addresses"));
	assert_null(json_object_get(online, "accessibility"));

	json_t *contact = json_array_get(json_object_get(s, "contacts"), 0);
	assert_string_equal(text(contact, "name"), "Sam Organiser");
	json_t *phone = json_array_get(json_object_get(contact, "phones"), 0);
	assert_string_equal(text(phone, "number"), "01904 000000");
	assert_string_equal(text(phone, "contact_id"), contacts[0].id);
	assert_null(json_object_get(contact, "public"));
	assert_null(json_object_get(contact, "agreed_on"));

	json_t *cost_list = json_object_get(s, "cost_options");
	assert_true(json_is_real(json_object_get(json_array_get(cost_list, 0), "amount")));
	assert_true(json_real_value(json_object_get(json_array_get(cost_list, 0), "amount")) == 2.5);
	assert_null(json_object_get(json_array_get(cost_list, 1), "amount"));

	assert_string_equal(text(json_array_get(json_object_get(s, "languages"), 0), "code"), "en");
	assert_string_equal(text(json_array_get(json_object_get(s, "service_areas"), 0), "name"),
			    "Acomb");

	json_t *attribute = json_array_get(json_object_get(s, "attributes"), 0);
	assert_string_equal(text(attribute, "taxonomy_term_id"), terms[0].term_id);
	assert_string_equal(text(attribute, "link_id"), SERVICE);
	assert_string_equal(text(attribute, "link_type"), "service");
	json_t *term = json_object_get(attribute, "taxonomy_term");
	assert_string_equal(text(term, "name"), "Music and singing");
	assert_string_equal(text(term, "taxonomy_id"), TAXONOMY_OURS);
	assert_non_null(json_object_get(term, "description"));
	json_decref(s);
}

static void what_the_listing_does_not_hold_is_left_out(void **state)
{
	(void)state;
	struct listing l = sample();
	json_t *s = oruk_service(&l);
	/* An empty string, a -1 age, staff-only fields: none of them. */
	assert_null(json_object_get(s, "description"));
	assert_null(json_object_get(s, "maximum_age"));
	assert_null(json_object_get(s, "email"));
	assert_null(json_object_get(s, "alert"));
	assert_null(json_object_get(s, "checked_by_name"));
	assert_null(json_object_get(s, "review_reason"));
	assert_null(json_object_get(s, "version"));
	assert_null(json_object_get(s, "funding"));
	json_decref(s);

	struct listing bare = {
		.id = SERVICE,
		.status = "defunct",
		.name = "Closed group",
		.minimum_age = -1,
		.maximum_age = -1,
		.organization = {.id = ORG, .name = "Someone", .description = "x"},
	};
	s = oruk_service(&bare);
	const char *key;
	json_t *value;
	size_t n = 0;
	json_object_foreach(s, key, value) {
		assert_false(json_is_null(value));
		assert_false(json_is_string(value) && !*json_string_value(value));
		n++;
	}
	/* id, organization_id, name, status, organization. */
	assert_int_equal(n, 5);
	assert_string_equal(text(s, "status"), "defunct");
	json_decref(s);
}

static void lists_show_one_to_one_fields_and_places_nest_the_service(void **state)
{
	(void)state;
	struct listing l = sample();
	json_t *brief = oruk_service_brief(&l);
	assert_string_equal(text(brief, "name"), "Acomb Singers");
	assert_non_null(json_object_get(brief, "organization"));
	assert_null(json_object_get(brief, "schedules"));
	assert_null(json_object_get(brief, "service_at_locations"));
	assert_null(json_object_get(brief, "attributes"));
	json_decref(brief);

	json_t *sal = oruk_service_at_location(&l, 0);
	assert_string_equal(text(sal, "id"), places[0].service_at_location_id);
	assert_string_equal(text(sal, "service_id"), SERVICE);
	assert_string_equal(text(json_object_get(sal, "service"), "id"), SERVICE);
	assert_null(json_object_get(json_object_get(sal, "service"), "schedules"));
	assert_string_equal(text(json_object_get(sal, "location"), "name"), "Acomb Explore Library");
	json_decref(sal);
	assert_null(oruk_service_at_location(&l, 2));
}

static void taxonomies_and_terms(void **state)
{
	(void)state;
	struct taxonomy t = {.id = TAXONOMY_OURS, .name = "Ours", .description = "Our terms",
			     .version = "1"};
	json_t *o = oruk_taxonomy(&t);
	assert_string_equal(text(o, "version"), "1");
	assert_null(json_object_get(o, "uri"));
	json_decref(o);

	struct taxonomy_term term = {.id = terms[0].term_id, .taxonomy_id = TAXONOMY_OURS,
				     .code = "music-and-singing", .name = "Music and singing",
				     .description = "Choirs", .listing_count = 4};
	o = oruk_taxonomy_term(&term, &t);
	assert_string_equal(text(o, "taxonomy"), "Ours");
	assert_string_equal(text(o, "taxonomy_id"), TAXONOMY_OURS);
	assert_string_equal(text(o, "description"), "Choirs");
	assert_null(json_object_get(o, "parent_id"));
	assert_null(json_object_get(o, "listing_count"));
	json_decref(o);
}

#define SINGING "f9553deb-5ad5-487c-91f2-529557db6551"

/* Our taxonomy as the migration made it, and a term's count of listings
 * leaves out retired ones. */
static void taxonomy_reads_and_counts_live_listings(void **state)
{
	(void)state;
	struct testdb t;
	struct db *db = testdb_open(&t);
	struct arena *a = arena_new();
	testdb_run(db,
		   "INSERT INTO community_organizations (id, name, description, created_at, updated_at)"
		   " VALUES ('" ORG "', 'Singers', '', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');"
		   "INSERT INTO community_services (id, organization_id, name, status, created_at,"
		   " last_modified) VALUES"
		   " ('" SERVICE "', '" ORG "', 'Live', 'active', '2026-01-01', '2026-01-01'),"
		   " ('11111111-2222-4333-8444-555555555555', '" ORG "', 'Gone', 'defunct',"
		   "  '2026-01-01', '2026-01-01');"
		   "INSERT INTO community_attributes (id, service_id, taxonomy_term_id) VALUES"
		   " ('a1111111-2222-4333-8444-555555555555', '" SERVICE "', '" SINGING "'),"
		   " ('a2111111-2222-4333-8444-555555555555', '11111111-2222-4333-8444-555555555555',"
		   "  '" SINGING "');");
	struct err e;
	struct taxonomy *list;
	size_t count;
	assert_int_equal(taxonomy_list(db, a, &list, &count, &e), RESULT_OK);
	assert_int_equal(count, 1);
	assert_string_equal(list[0].id, TAXONOMY_OURS);
	assert_string_equal(list[0].version, "1");

	struct taxonomy_term *terms_out;
	assert_int_equal(taxonomy_terms(db, TAXONOMY_OURS, a, &terms_out, &count, &e), RESULT_OK);
	assert_int_equal(count, 16);
	for (size_t i = 1; i < count; i++)
		assert_true(strcmp(terms_out[i - 1].name, terms_out[i].name) < 0);
	assert_int_equal(taxonomy_terms(db, NULL, a, &terms_out, &count, &e), RESULT_OK);
	assert_int_equal(count, 16);
	assert_int_equal(taxonomy_terms(db, SERVICE, a, &terms_out, &count, &e), RESULT_OK);
	assert_int_equal(count, 0);

	struct taxonomy_term term;
	assert_int_equal(taxonomy_term_get(db, SINGING, a, &term, &e), RESULT_OK);
	assert_string_equal(term.name, "Music and singing");
	assert_string_equal(term.code, "music-and-singing");
	assert_non_null(term.tag_id);
	assert_int_equal(term.listing_count, 1);

	struct taxonomy x;
	assert_int_equal(taxonomy_get(db, TAXONOMY_OURS, a, &x, &e), RESULT_OK);
	assert_string_equal(x.name, "Alongside community connections");
	assert_int_equal(taxonomy_get(db, SINGING, a, &x, &e), RESULT_NOT_FOUND);
	assert_string_equal(e.subject, "taxonomy");
	assert_int_equal(taxonomy_term_get(db, TAXONOMY_OURS, a, &term, &e), RESULT_NOT_FOUND);
	assert_string_equal(e.subject, "taxonomy_term");
	arena_free(a);
	testdb_close(&t);
}

/* oruk_page_open writes what jansson writes for the page (compact, as
 * http_send_json does) up to the contents' "[", for first, middle, last,
 * single, empty and large pages. */
static void the_page_written_straight_is_the_page_encoded(void **state)
{
	(void)state;
	static const struct {
		long total, page, per_page;
		size_t size;
	} pages[] = {{0, 1, 50, 0},   {1, 1, 50, 1},      {120, 1, 50, 50},
		     {120, 2, 50, 50}, {120, 3, 50, 20},   {120, 4, 50, 0},
		     {100, 2, 50, 50}, {7, 1, 1, 1},       {2147483648L, 21474837, 100, 48}};
	struct arena *a = arena_new();
	for (size_t i = 0; i < sizeof pages / sizeof *pages; i++) {
		json_t *contents = json_array();
		for (size_t k = 0; k < pages[i].size; k++)
			json_array_append_new(contents, json_integer((json_int_t)k));
		json_t *page = oruk_page_json(pages[i].total, pages[i].page, pages[i].per_page,
					      contents);
		char *want = json_dumps(page, JSON_COMPACT | JSON_REAL_PRECISION(10));
		json_decref(page);
		struct sb got;
		sb_init(&got, a, 1 << 20);
		oruk_page_open(&got, pages[i].total, pages[i].page, pages[i].per_page,
			       pages[i].size);
		for (size_t k = 0; k < pages[i].size; k++)
			sb_printf(&got, "%s%zu", k ? "," : "", k);
		sb_puts(&got, "]}");
		assert_false(sb_failed(&got));
		assert_string_equal(sb_str(&got), want);
		free(want);
	}
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_service_has_the_profiles_fields),
		cmocka_unit_test(what_the_listing_does_not_hold_is_left_out),
		cmocka_unit_test(lists_show_one_to_one_fields_and_places_nest_the_service),
		cmocka_unit_test(taxonomies_and_terms),
		cmocka_unit_test(taxonomy_reads_and_counts_live_listings),
		cmocka_unit_test(the_page_written_straight_is_the_page_encoded),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
