/* The community directory's listing store, called on the domain directly
 * with York's real wards: a listing is written and read back whole, an
 * update keeps the ids it is given and drops what it is not, every version
 * is kept, a stale version is a conflict, retiring keeps the listing
 * readable, a check and the review list, the public view without
 * contacts, and bad input named field by field with nothing written. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/areas/area.h"
#include "domain/areas/lookup.h"
#include "domain/areas/ward.h"
#include "domain/community/listing.h"
#include "domain/community/nearby.h"
#include "domain/community/oruk.h"
#include "domain/community/oruk_cache.h"
#include "db/generation.h"
#include "domain/staff/caller.h"
#include "domain/staff/user.h"
#include "geo/map.h"
#include "support/testdb.h"

#define WARDS "../shared/data/york-ward-boundaries/york_wards_2024.geojson"
#define PRIYA "b0000000000000000000000000000001"
#define SINGING "f9553deb-5ad5-487c-91f2-529557db6551"
#define SOCIAL "0bd11ef8-81a5-44e4-bfac-1e47c91eac1d"
#define WESTFIELD "E05010330"

struct fixture {
	struct testdb tdb;
	struct db *db;
	struct arena *arena;
	struct geo_map *map;
	struct lookup_context ctx;
	struct user priya_user;
	struct caller priya, public, cli;
	char west[40];
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	f->db = testdb_open(&f->tdb);
	f->arena = arena_new();
	f->cli = caller_cli();
	struct err e = {0};
	struct ward_import_report report;
	const char *west[] = {WESTFIELD};
	testdb_run(f->db,
		   "INSERT INTO users (id, username, display_name, created_at, updated_at) VALUES"
		   " ('" PRIYA "', 'priya', 'Priya Shah', '2025-01-01T00:00:00.000Z',"
		   " '2025-01-01T00:00:00.000Z');"
		   "INSERT INTO postcodes (postcode, latitude, longitude, ward_code, updated_at)"
		   " VALUES ('YO24 4NB', 53.955006, -1.123313, 'E05010330', '2025-01-01'),"
		   " ('YO24 3BX', 53.953156, -1.130865, 'E05010330', '2025-01-01');");
	if (ward_import_geojson(f->db, WARDS, &(struct ward_import_options){0}, &report, &e) < 0 ||
	    area_create(f->db, &f->cli, &(struct area_input){"West", west, 1, true, false},
			f->west, &e) < 0 ||
	    geo_map_load(f->db, &f->map, &e) < 0) {
		fprintf(stderr, "setup: %s\n", e.msg);
		return -1;
	}
	f->ctx = (struct lookup_context){f->db, f->map, 400, NULL};
	f->priya_user = (struct user){.id = PRIYA, .username = "priya",
				      .display_name = "Priya Shah", .roles = USER_COORDINATOR};
	f->priya = (struct caller){.kind = CALLER_STAFF, .user = &f->priya_user,
				   .client_address = "127.0.0.1", .request_id = "test"};
	f->public = caller_public("127.0.0.1", "test");
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	geo_map_free(f->map);
	testdb_close(&f->tdb);
	arena_free(f->arena);
	free(f);
	return 0;
}

static long count(struct fixture *f, const char *sql)
{
	return testdb_count(f->db, f->arena, sql);
}

/* The singing group in Acomb on Thursdays, as a coordinator would enter it. */
static struct listing singing(struct arena *a)
{
	struct community_location *places = arena_alloc(a, 2 * sizeof *places);
	places[0] = (struct community_location){.name = "Acomb Explore Library",
						.address_1 = "Front Street", .city = "York",
						.postal_code = "yo243bx"};
	places[1] = (struct community_location){.name = "St Stephen's Church hall",
						.has_point = true, .latitude = 53.955,
						.longitude = -1.1233};
	struct community_schedule *times = arena_alloc(a, sizeof *times);
	times[0] = (struct community_schedule){.freq = "WEEKLY", .interval = 1, .byday = "TH",
					       .opens_at = "10:00", .closes_at = "12:00"};
	struct community_phone *phones = arena_alloc(a, sizeof *phones);
	phones[0] = (struct community_phone){.number = "07700 900123"};
	struct community_contact *contacts = arena_alloc(a, 2 * sizeof *contacts);
	contacts[0] = (struct community_contact){.name = "Jo Singer", .email = "jo@example.org",
						 .public = true, .agreed_on = "2026-01-05",
						 .phones = phones, .phone_count = 1};
	contacts[1] = (struct community_contact){.name = "Sam Private", .email = "sam@example.org"};
	struct community_cost *costs = arena_alloc(a, sizeof *costs);
	costs[0] = (struct community_cost){.option = "Each session", .has_amount = true,
					   .amount = 2.5};
	struct community_language *languages = arena_alloc(a, sizeof *languages);
	languages[0] = (struct community_language){.name = "English", .code = "en"};
	struct community_service_area *served = arena_alloc(a, sizeof *served);
	served[0] = (struct community_service_area){.name = "Acomb"};
	struct community_term_ref *terms = arena_alloc(a, 2 * sizeof *terms);
	terms[0] = (struct community_term_ref){.term_id = SINGING};
	terms[1] = (struct community_term_ref){.term_id = SOCIAL};
	return (struct listing){
		.name = "Acomb Sings",
		.description = "A friendly singing group; no experience needed.",
		.free = 0,
		.how_to_join = "Just come along.",
		.minimum_age = 18,
		.maximum_age = -1,
		.organization = {.name = "Acomb Community Choir"},
		.locations = places, .location_count = 2,
		.schedules = times, .schedule_count = 1,
		.contacts = contacts, .contact_count = 2,
		.costs = costs, .cost_count = 1,
		.languages = languages, .language_count = 1,
		.service_areas = served, .service_area_count = 1,
		.terms = terms, .term_count = 2,
	};
}

static const char *create(struct fixture *f, const struct listing *in)
{
	const char *id = NULL;
	long version = 0;
	struct err e = {0};
	int rc = listing_save(f->db, &f->priya, &f->ctx, in, f->arena, &id, &version, &e);
	if (rc != RESULT_OK)
		fail_msg("save: %d %s (%s)", rc, e.msg, e.field_count ? e.fields[0].path : "");
	assert_int_equal(version, 1);
	return id;
}

static struct listing staff_view(struct fixture *f, const char *id)
{
	struct listing l;
	struct err e = {0};
	assert_int_equal(listing_get(f->db, &f->priya, LISTING_STAFF, 6, id, f->arena, &l, &e),
			 RESULT_OK);
	return l;
}

static void a_listing_reads_back_whole(void **state)
{
	struct fixture *f = *state;
	struct listing in = singing(f->arena);
	const char *id = create(f, &in);
	struct listing l = staff_view(f, id);
	assert_string_equal(l.id, id);
	assert_int_equal(l.version, 1);
	assert_string_equal(l.status, "active");
	assert_string_equal(l.name, "Acomb Sings");
	assert_string_equal(l.organization.name, "Acomb Community Choir");
	assert_int_equal(l.free, 0);
	assert_int_equal(l.minimum_age, 18);
	assert_int_equal(l.maximum_age, -1);
	assert_int_equal(l.location_count, 2);
	assert_string_equal(l.locations[0].postal_code, "YO24 3BX");
	assert_true(l.locations[0].has_point);
	assert_string_equal(l.locations[0].ward_code, WESTFIELD);
	assert_string_equal(l.locations[0].ward_name, "Westfield");
	assert_string_equal(l.locations[0].area_name, "West");
	assert_string_equal(l.locations[1].name, "St Stephen's Church hall");
	assert_string_equal(l.locations[1].ward_code, WESTFIELD);
	assert_null(l.locations[1].postal_code);
	assert_int_equal(l.schedule_count, 1);
	assert_string_equal(l.schedules[0].byday, "TH");
	assert_string_equal(l.schedules[0].opens_at, "10:00");
	assert_int_equal(l.contact_count, 2);
	assert_int_equal(l.contacts[0].phone_count, 1);
	assert_string_equal(l.contacts[0].phones[0].number, "07700 900123");
	assert_int_equal(l.cost_count, 1);
	assert_true(l.costs[0].amount > 2.49 && l.costs[0].amount < 2.51);
	assert_string_equal(l.languages[0].code, "en");
	assert_string_equal(l.service_areas[0].name, "Acomb");
	assert_int_equal(l.term_count, 2);
	assert_string_equal(l.terms[0].name, "Music and singing");
	assert_non_null(l.terms[0].attribute_id);
	/* Saved by staff: checked today, by them, so not due for review. */
	assert_non_null(l.checked_on);
	assert_string_equal(l.checked_by_name, "Priya Shah");
	assert_false(l.needs_review);
	assert_int_equal(count(f, "SELECT count(*) FROM community_services"
				  " WHERE search_text LIKE '%acomb sings%'"
				  " AND search_text LIKE '%music and singing%'"
				  " AND search_text LIKE '%yo24 3bx%'"),
			 1);
	assert_int_equal(count(f, "SELECT count(*) FROM audit_log WHERE action = 'create'"
				  " AND record_type = 'listing'"),
			 1);
}

static void an_update_keeps_ids_given_and_drops_the_rest(void **state)
{
	struct fixture *f = *state;
	struct listing in = singing(f->arena);
	const char *id = create(f, &in);
	struct listing l = staff_view(f, id);
	const char *place = l.locations[0].id, *link = l.locations[0].service_at_location_id;
	const char *gone_place = l.locations[1].id, *attribute = l.terms[0].attribute_id;
	/* The time corrected, the second place and the private contact gone. */
	l.location_count = 1;
	l.schedules[0].opens_at = "10:30";
	l.contact_count = 1;
	l.term_count = 1;
	l.terms[0].attribute_id = NULL;
	l.note = "Starts at half past now";
	long version = 0;
	struct err e = {0};
	assert_int_equal(listing_save(f->db, &f->priya, &f->ctx, &l, f->arena, NULL, &version, &e),
			 RESULT_OK);
	assert_int_equal(version, 2);
	struct listing now = staff_view(f, id);
	assert_int_equal(now.version, 2);
	assert_int_equal(now.location_count, 1);
	assert_string_equal(now.locations[0].id, place);
	assert_string_equal(now.locations[0].service_at_location_id, link);
	assert_string_equal(now.schedules[0].opens_at, "10:30");
	assert_string_equal(now.schedules[0].id, l.schedules[0].id);
	assert_int_equal(now.contact_count, 1);
	assert_string_equal(now.contacts[0].id, l.contacts[0].id);
	assert_string_equal(now.terms[0].attribute_id, attribute);
	char sql[200];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM community_locations WHERE id = '%s'",
		 gone_place);
	assert_int_equal(count(f, sql), 0);
	/* Both versions kept whole, newest first; the first still has both
	 * places. */
	struct listing_version_entry *history;
	size_t n;
	assert_int_equal(listing_history(f->db, &f->priya, id, f->arena, &history, &n, &e),
			 RESULT_OK);
	assert_int_equal(n, 2);
	assert_int_equal(history[0].version, 2);
	assert_string_equal(history[0].note, "Starts at half past now");
	assert_string_equal(history[1].made_by_name, "Priya Shah");
	const char *doc;
	assert_int_equal(listing_version(f->db, &f->priya, id, 1, f->arena, &doc, &e), RESULT_OK);
	assert_non_null(strstr(doc, gone_place));
	assert_non_null(strstr(doc, "\"10:00"));
	assert_int_equal(listing_version(f->db, &f->priya, id, 2, f->arena, &doc, &e), RESULT_OK);
	assert_null(strstr(doc, gone_place));
	assert_int_equal(listing_version(f->db, &f->priya, id, 3, f->arena, &doc, &e),
			 RESULT_NOT_FOUND);
	assert_string_equal(e.subject, "version");
}

static void a_stale_version_is_a_conflict(void **state)
{
	struct fixture *f = *state;
	struct listing in = singing(f->arena);
	const char *id = create(f, &in);
	struct listing mine = staff_view(f, id), theirs = staff_view(f, id);
	struct err e = {0};
	theirs.name = "Acomb Sings Together";
	assert_int_equal(listing_save(f->db, &f->priya, &f->ctx, &theirs, f->arena, NULL, NULL, &e),
			 RESULT_OK);
	mine.name = "Acomb Singers";
	assert_int_equal(listing_save(f->db, &f->priya, &f->ctx, &mine, f->arena, NULL, NULL, &e),
			 RESULT_CONFLICT);
	assert_string_equal(staff_view(f, id).name, "Acomb Sings Together");
	assert_int_equal(listing_check(f->db, &f->priya, id, 1, f->arena, &e), RESULT_CONFLICT);
	assert_int_equal(listing_retire(f->db, &f->priya, id, 1, "Closed", f->arena, &e),
			 RESULT_CONFLICT);
	/* Another listing's id is not this one's to change. */
	mine.version = 9;
	mine.id = "3fa85f64-5717-4562-b3fc-2c963f66afa6";
	assert_int_equal(listing_save(f->db, &f->priya, &f->ctx, &mine, f->arena, NULL, NULL, &e),
			 RESULT_NOT_FOUND);
}

static void retired_listings_answer_as_defunct(void **state)
{
	struct fixture *f = *state;
	struct listing in = singing(f->arena);
	const char *id = create(f, &in);
	struct err e = {0};
	assert_int_equal(listing_retire(f->db, &f->priya, id, 1, "", f->arena, &e),
			 RESULT_INVALID);
	assert_non_null(err_field_message(&e, "reason"));
	assert_int_equal(listing_retire(f->db, &f->public, id, 1, "Closed", f->arena, &e),
			 RESULT_FORBIDDEN);
	assert_int_equal(listing_retire(f->db, &f->priya, id, 1, "The group has closed", f->arena,
					&e),
			 RESULT_OK);
	struct listing l = staff_view(f, id);
	assert_string_equal(l.status, "defunct");
	assert_int_equal(l.version, 2);
	assert_string_equal(l.retired_reason, "The group has closed");
	assert_string_equal(l.retired_by_name, "Priya Shah");
	struct listing p;
	assert_int_equal(listing_get(f->db, &f->public, LISTING_PUBLIC, 0, id, f->arena, &p, &e),
			 RESULT_OK);
	assert_string_equal(p.status, "defunct");
	assert_null(p.retired_reason);
	/* Retired listings never come up for review; saving brings it back. */
	testdb_run(f->db, "UPDATE community_services SET checked_on = '2020-01-01'");
	struct listing_summary *due;
	size_t n;
	assert_int_equal(listing_review_list(f->db, &f->priya, 6, f->arena, &due, &n, &e),
			 RESULT_OK);
	assert_int_equal(n, 0);
	l.status = NULL;
	assert_int_equal(listing_save(f->db, &f->priya, &f->ctx, &l, f->arena, NULL, NULL, &e),
			 RESULT_OK);
	l = staff_view(f, id);
	assert_string_equal(l.status, "active");
	assert_null(l.retired_at);
	assert_int_equal(count(f, "SELECT count(*) FROM audit_log WHERE action = 'retire'"),
			 1);
}

static void old_checks_and_reasons_come_up_for_review(void **state)
{
	struct fixture *f = *state;
	struct listing in = singing(f->arena);
	/* An import: last checked by its source in 2023. */
	in.checked_on = "2023-04-30";
	in.checked_by_name = "Open Innovations";
	const char *old_id = NULL;
	struct err e = {0};
	assert_int_equal(listing_save(f->db, &f->cli, &f->ctx, &in, f->arena, &old_id, NULL, &e),
			 RESULT_OK);
	struct listing odd = singing(f->arena);
	odd.name = "Late Night Cafe";
	odd.review_reason = "Opening hours not read: 12:30-04:00";
	const char *odd_id = NULL;
	assert_int_equal(listing_save(f->db, &f->cli, &f->ctx, &odd, f->arena, &odd_id, NULL, &e),
			 RESULT_OK);
	struct listing fresh = singing(f->arena);
	fresh.name = "Fresh";
	create(f, &fresh);
	struct listing l = staff_view(f, old_id);
	assert_string_equal(l.checked_on, "2023-04-30");
	assert_string_equal(l.checked_by_name, "Open Innovations");
	assert_true(l.needs_review);
	assert_true(staff_view(f, odd_id).needs_review);
	struct listing_summary *due;
	size_t n;
	assert_int_equal(listing_review_list(f->db, &f->priya, 6, f->arena, &due, &n, &e),
			 RESULT_OK);
	assert_int_equal(n, 2);
	assert_string_equal(due[0].id, old_id);
	assert_string_equal(due[0].postal_code, "YO24 3BX");
	assert_string_equal(due[1].id, odd_id);
	assert_string_equal(due[1].review_reason, "Opening hours not read: 12:30-04:00");
	assert_int_equal(listing_review_list(f->db, &f->public, 6, f->arena, &due, &n, &e),
			 RESULT_FORBIDDEN);
	/* Checked: still right, today, by Priya; off the list. */
	assert_int_equal(listing_check(f->db, &f->priya, old_id, 1, f->arena, &e), RESULT_OK);
	assert_int_equal(listing_check(f->db, &f->priya, odd_id, 1, f->arena, &e), RESULT_OK);
	l = staff_view(f, old_id);
	assert_string_equal(l.checked_by_name, "Priya Shah");
	assert_int_equal(l.version, 2);
	assert_false(l.needs_review);
	assert_null(staff_view(f, odd_id).review_reason);
	assert_int_equal(listing_review_list(f->db, &f->priya, 6, f->arena, &due, &n, &e),
			 RESULT_OK);
	assert_int_equal(n, 0);
}

static void the_public_view_hides_contacts(void **state)
{
	struct fixture *f = *state;
	struct listing in = singing(f->arena);
	in.email = "group@example.org";
	const char *id = create(f, &in);
	struct listing p;
	struct err e = {0};
	assert_int_equal(listing_get(f->db, &f->public, LISTING_PUBLIC, 0, id, f->arena, &p, &e),
			 RESULT_OK);
	assert_int_equal(p.contact_count, 1);
	assert_string_equal(p.contacts[0].name, "Jo Singer");
	assert_null(p.checked_by_name);
	assert_null(p.review_reason);
	assert_string_equal(p.email, "group@example.org");
	assert_int_equal(listing_get(f->db, &f->public, LISTING_STAFF, 6, id, f->arena, &p, &e),
			 RESULT_FORBIDDEN);
	/* A source that asks for its contact details not to be republished. */
	testdb_run(f->db,
		   "INSERT INTO community_sources (id, name, attribution, licence, contacts_public,"
		   " created_at) VALUES ('7f000000-0000-4000-8000-000000000001', 'Warm spaces',"
		   " 'Open Innovations', 'CC BY 4.0', 0, '2026-01-01');"
		   "UPDATE community_services SET source_id = '7f000000-0000-4000-8000-000000000001';");
	assert_int_equal(listing_get(f->db, &f->public, LISTING_PUBLIC, 0, id, f->arena, &p, &e),
			 RESULT_OK);
	assert_int_equal(p.contact_count, 0);
	assert_null(p.email);
	assert_string_equal(p.source->attribution, "Open Innovations");
	struct community_source *sources;
	size_t n;
	assert_int_equal(listing_sources(f->db, f->arena, &sources, &n, &e), RESULT_OK);
	assert_int_equal(n, 1);
	assert_false(sources[0].contacts_public);
}

static void same_text(const char *x, const char *y)
{
	if (x || y) {
		assert_non_null(x);
		assert_non_null(y);
		assert_string_equal(x, y);
	}
}

/* Every field of two reads of a listing, and its ORUK document. */
static void assert_same_listing(const struct listing *x, const struct listing *y)
{
	same_text(x->id, y->id);
	assert_int_equal(x->version, y->version);
	same_text(x->status, y->status);
	same_text(x->name, y->name);
	same_text(x->email, y->email);
	same_text(x->checked_on, y->checked_on);
	same_text(x->checked_by_name, y->checked_by_name);
	same_text(x->review_reason, y->review_reason);
	same_text(x->retired_by_name, y->retired_by_name);
	same_text(x->retired_reason, y->retired_reason);
	assert_int_equal(x->needs_review, y->needs_review);
	assert_int_equal(x->minimum_age, y->minimum_age);
	assert_int_equal(x->free, y->free);
	same_text(x->organization.id, y->organization.id);
	same_text(x->organization.email, y->organization.email);
	assert_int_equal(x->source != NULL, y->source != NULL);
	if (x->source) {
		same_text(x->source->attribution, y->source->attribution);
		assert_int_equal(x->source->contacts_public, y->source->contacts_public);
	}
	assert_int_equal(x->location_count, y->location_count);
	for (size_t i = 0; i < x->location_count; i++) {
		same_text(x->locations[i].service_at_location_id,
			  y->locations[i].service_at_location_id);
		same_text(x->locations[i].ward_name, y->locations[i].ward_name);
		same_text(x->locations[i].area_name, y->locations[i].area_name);
	}
	assert_int_equal(x->schedule_count, y->schedule_count);
	for (size_t i = 0; i < x->schedule_count; i++)
		same_text(x->schedules[i].id, y->schedules[i].id);
	assert_int_equal(x->contact_count, y->contact_count);
	for (size_t i = 0; i < x->contact_count; i++) {
		same_text(x->contacts[i].id, y->contacts[i].id);
		assert_int_equal(x->contacts[i].phone_count, y->contacts[i].phone_count);
		for (size_t j = 0; j < x->contacts[i].phone_count; j++)
			same_text(x->contacts[i].phones[j].id, y->contacts[i].phones[j].id);
	}
	assert_int_equal(x->cost_count, y->cost_count);
	assert_int_equal(x->language_count, y->language_count);
	assert_int_equal(x->service_area_count, y->service_area_count);
	assert_int_equal(x->term_count, y->term_count);
	for (size_t i = 0; i < x->term_count; i++)
		same_text(x->terms[i].name, y->terms[i].name);
	json_t *dx = oruk_service(x), *dy = oruk_service(y);
	assert_true(json_equal(dx, dy));
	json_decref(dx);
	json_decref(dy);
}

/* A second listing with more of everything: three times, three contacts
 * (the second with two phones), one term, no costs. */
static struct listing walks(struct arena *a)
{
	struct listing l = singing(a);
	l.name = "Acomb Walks";
	l.email = "walks@example.org";
	struct community_schedule *times = arena_alloc(a, 3 * sizeof *times);
	times[0] = (struct community_schedule){.freq = "WEEKLY", .interval = 1, .byday = "MO",
					       .opens_at = "09:00", .closes_at = "10:00"};
	times[1] = (struct community_schedule){.freq = "WEEKLY", .interval = 2, .byday = "WE",
					       .dtstart = "2026-01-07", .opens_at = "14:00",
					       .closes_at = "15:30"};
	times[2] = (struct community_schedule){.freq = "MONTHLY", .interval = 1, .byday = "1SA",
					       .opens_at = "10:00", .closes_at = "13:00"};
	struct community_phone *phones = arena_alloc(a, 2 * sizeof *phones);
	phones[0] = (struct community_phone){.number = "07700 900200"};
	phones[1] = (struct community_phone){.number = "01904 000200"};
	struct community_contact *contacts = arena_alloc(a, 3 * sizeof *contacts);
	contacts[0] = (struct community_contact){.name = "Ann Private"};
	contacts[1] = (struct community_contact){.name = "Bo Walker", .public = true,
						 .agreed_on = "2026-02-01", .phones = phones,
						 .phone_count = 2};
	contacts[2] = (struct community_contact){.name = "Cy Walker", .public = true,
						 .agreed_on = "2026-02-02"};
	l.schedules = times;
	l.schedule_count = 3;
	l.contacts = contacts;
	l.contact_count = 3;
	l.cost_count = 0;
	l.term_count = 1;
	return l;
}

static void many_read_as_each_one_does(void **state)
{
	struct fixture *f = *state;
	struct listing in = singing(f->arena);
	const char *sings = create(f, &in);
	in = walks(f->arena);
	const char *walk = create(f, &in);
	in = singing(f->arena);
	in.name = "Acomb Lunch";
	in.location_count = 1;
	in.contact_count = 0;
	in.term_count = 1;
	const char *lunch = create(f, &in);
	struct err e = {0};
	assert_int_equal(listing_retire(f->db, &f->priya, lunch, 1, "Closed", f->arena, &e),
			 RESULT_OK);
	/* The walks come from a source that keeps its contact details off. */
	testdb_run(f->db,
		   arena_printf(f->arena,
				"INSERT INTO community_sources (id, name, attribution, licence,"
				" contacts_public, created_at) VALUES"
				" ('7f000000-0000-4000-8000-000000000002', 'Walks', 'Walkers',"
				" 'CC BY 4.0', 0, '2026-01-01');"
				"UPDATE community_services SET source_id ="
				" '7f000000-0000-4000-8000-000000000002' WHERE id = '%s'",
				walk));

	const char *ids[] = {lunch, sings, walk, sings};
	struct listing many[4];
	assert_int_equal(listing_get_many(f->db, &f->priya, LISTING_STAFF, 6, ids, 4, f->arena,
					  many, &e),
			 RESULT_OK);
	for (size_t i = 0; i < 4; i++) {
		struct listing one = staff_view(f, ids[i]);
		assert_string_equal(many[i].id, ids[i]);
		assert_same_listing(&many[i], &one);
	}
	assert_string_equal(many[0].retired_by_name, "Priya Shah");
	assert_int_equal(many[1].location_count, 2);
	assert_int_equal(many[1].term_count, 2);
	assert_int_equal(many[2].schedule_count, 3);
	assert_string_equal(many[2].schedules[2].byday, "1SA");
	assert_int_equal(many[2].contact_count, 3);
	assert_int_equal(many[2].contacts[1].phone_count, 2);
	assert_string_equal(many[2].contacts[1].phones[1].number, "01904 000200");
	assert_int_equal(many[2].contacts[2].phone_count, 0);

	assert_int_equal(listing_get_many(f->db, &f->public, LISTING_PUBLIC, 0, ids, 4, f->arena,
					  many, &e),
			 RESULT_OK);
	for (size_t i = 0; i < 4; i++) {
		struct listing one;
		assert_int_equal(listing_get(f->db, &f->public, LISTING_PUBLIC, 0, ids[i],
					     f->arena, &one, &e),
				 RESULT_OK);
		assert_same_listing(&many[i], &one);
	}
	assert_null(many[0].retired_by_name);
	assert_int_equal(many[1].contact_count, 1);
	assert_string_equal(many[1].contacts[0].name, "Jo Singer");
	assert_int_equal(many[2].contact_count, 0);
	assert_null(many[2].email);
	assert_string_equal(many[2].source->attribution, "Walkers");
	assert_int_equal(listing_get_many(f->db, &f->public, LISTING_STAFF, 6, ids, 4, f->arena,
					  many, &e),
			 RESULT_FORBIDDEN);
}

static void many_with_an_unknown_id_reads_the_rest(void **state)
{
	struct fixture *f = *state;
	struct listing in = singing(f->arena);
	const char *sings = create(f, &in);
	const char *ids[] = {"3fa85f64-5717-4562-b3fc-2c963f66afa6", sings, "not-a-uuid"};
	struct listing many[3];
	struct err e = {0};
	assert_int_equal(listing_get_many(f->db, &f->public, LISTING_PUBLIC, 0, ids, 3, f->arena,
					  many, &e),
			 RESULT_NOT_FOUND);
	assert_string_equal(e.subject, "listing");
	assert_null(many[0].id);
	assert_string_equal(many[1].id, sings);
	assert_int_equal(many[1].contact_count, 1);
	assert_null(many[2].id);
	assert_int_equal(listing_get_many(f->db, &f->public, LISTING_PUBLIC, 0, ids, 0, f->arena,
					  many, &e),
			 RESULT_OK);
	struct listing one;
	assert_int_equal(listing_get(f->db, &f->public, LISTING_PUBLIC, 0, ids[0], f->arena,
				     &one, &e),
			 RESULT_NOT_FOUND);
}

static void bad_input_names_every_field_and_writes_nothing(void **state)
{
	struct fixture *f = *state;
	struct listing in = singing(f->arena);
	in.name = "";
	in.organization.name = NULL;
	in.minimum_age = 40;
	in.maximum_age = 12;
	in.locations[0].postal_code = "ZZ9 9ZZ";
	in.contacts[1].public = true;
	in.term_count = 0;
	in.schedules[0].byday = "XX";
	struct err e = {0};
	assert_int_equal(listing_save(f->db, &f->priya, &f->ctx, &in, f->arena, NULL, NULL, &e),
			 RESULT_INVALID);
	assert_non_null(err_field_message(&e, "name"));
	assert_non_null(err_field_message(&e, "organization.name"));
	assert_non_null(err_field_message(&e, "maximum_age"));
	assert_non_null(strstr(err_field_message(&e, "locations.0.postal_code"),
			       "We do not know the postcode ZZ9 9ZZ"));
	assert_non_null(err_field_message(&e, "contacts.1.agreed_on"));
	assert_non_null(err_field_message(&e, "terms"));
	assert_non_null(err_field_message(&e, "schedules.0.byday"));
	in = singing(f->arena);
	in.minimum_age = 131;
	in.terms[1].term_id = "3fa85f64-5717-4562-b3fc-2c963f66afa6";
	in.locations[1].has_point = false;
	assert_int_equal(listing_save(f->db, &f->priya, &f->ctx, &in, f->arena, NULL, NULL, &e),
			 RESULT_INVALID);
	assert_non_null(err_field_message(&e, "minimum_age"));
	assert_non_null(err_field_message(&e, "locations.1.postal_code"));
	assert_int_equal(count(f, "SELECT count(*) FROM community_services"), 0);
	in.minimum_age = 18;
	in.locations[1].has_point = true;
	assert_int_equal(listing_save(f->db, &f->priya, &f->ctx, &in, f->arena, NULL, NULL, &e),
			 RESULT_INVALID);
	assert_string_equal(e.fields[0].path, "terms.1");
	assert_int_equal(count(f, "SELECT count(*) FROM community_services"), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM community_organizations"), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM community_locations"), 0);
	in.terms[1].term_id = SOCIAL;
	assert_int_equal(listing_save(f->db, &f->public, &f->ctx, &in, f->arena, NULL, NULL, &e),
			 RESULT_FORBIDDEN);
	in.status = "defunct";
	assert_int_equal(listing_save(f->db, &f->priya, &f->ctx, &in, f->arena, NULL, NULL, &e),
			 RESULT_INVALID);
	assert_non_null(err_field_message(&e, "status"));
	/* Every listing is somewhere on the map: a place online only is not
	 * enough. */
	in = singing(f->arena);
	in.location_count = 0;
	assert_int_equal(listing_save(f->db, &f->priya, &f->ctx, &in, f->arena, NULL, NULL, &e),
			 RESULT_INVALID);
	assert_string_equal(err_field_message(&e, "locations"),
			    "Give the place: a postcode, or latitude and longitude");
	in.location_count = 1;
	in.locations[0] = (struct community_location){.location_type = "virtual",
						      .name = "Online"};
	assert_int_equal(listing_save(f->db, &f->priya, &f->ctx, &in, f->arena, NULL, NULL, &e),
			 RESULT_INVALID);
	assert_non_null(err_field_message(&e, "locations"));
	assert_int_equal(count(f, "SELECT count(*) FROM community_services"), 0);
}

/* Ways to reach a listing are checked for their shape, not only their
 * length: what is saved is published as a link, a mailto or a number. */
static void contact_details_must_look_like_what_they_are(void **state)
{
	struct fixture *f = *state;
	struct listing in = singing(f->arena);
	in.email = "notanemail";
	in.url = "javascript:alert(1)";
	in.organization.email = "bad";
	in.organization.website = "www.example.org";
	in.contacts[0].email = "zz";
	in.contacts[0].phones[0].number = "abc";
	in.contacts[0].agreed_on = "2999-01-01";
	struct err e = {0};
	assert_int_equal(listing_save(f->db, &f->priya, &f->ctx, &in, f->arena, NULL, NULL, &e),
			 RESULT_INVALID);
	const char *fields[] = {"email", "url", "organization.email", "organization.website",
				"contacts.0.email", "contacts.0.phones.0.number",
				"contacts.0.agreed_on"};
	for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
		if (!err_field_message(&e, fields[i]))
			fail_msg("no error at %s", fields[i]);
	assert_int_equal(count(f, "SELECT count(*) FROM community_services"), 0);
	in = singing(f->arena);
	in.email = "hello@acombsings.org.uk";
	in.url = "https://acombsings.org.uk/";
	in.organization.website = "http://choir.example.org";
	in.contacts[0].phones[0].number = "+44 (0)1904 123-456";
	in.contacts[1].phones = in.contacts[0].phones;
	in.contacts[0].phones = NULL;
	in.contacts[0].phone_count = 0;
	in.contacts[1].phone_count = 1;
	e = (struct err){0};
	assert_int_equal(listing_save(f->db, &f->priya, &f->ctx, &in, f->arena, NULL, NULL, &e),
			 RESULT_OK);
}

/* An import stores all of a file or nothing: saves on the caller's
 * connection, in its transaction, are rolled back with it. */
static void saves_on_a_connection_are_the_callers_to_commit(void **state)
{
	struct fixture *f = *state;
	struct db_conn *c;
	struct err e = {0};
	struct listing good = singing(f->arena), bad = singing(f->arena);
	good.id = "7f000000-0000-4000-8000-0000000000aa";
	bad.name = NULL;
	assert_int_equal(db_transaction(f->db, &c, &e), RESULT_OK);
	const char *id = NULL;
	long version = 0;
	assert_int_equal(listing_save_on(c, &f->cli, &f->ctx, &good, f->arena, &id, &version, &e),
			 RESULT_OK);
	assert_string_equal(id, "7f000000-0000-4000-8000-0000000000aa");
	assert_int_equal(version, 1);
	assert_int_equal(listing_save_on(c, &f->cli, &f->ctx, &bad, f->arena, NULL, NULL, &e),
			 RESULT_INVALID);
	assert_int_equal(db_finish(c, RESULT_INVALID, &e), RESULT_INVALID);
	assert_int_equal(count(f, "SELECT count(*) FROM community_services"), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM community_service_versions"), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM audit_log WHERE record_type = 'listing'"),
			 0);
	/* Committed, the import keeps the id it was given. */
	assert_int_equal(db_transaction(f->db, &c, &e), RESULT_OK);
	assert_int_equal(listing_save_on(c, &f->cli, &f->ctx, &good, f->arena, &id, NULL, &e),
			 RESULT_OK);
	assert_int_equal(db_finish(c, RESULT_OK, &e), RESULT_OK);
	assert_string_equal(staff_view(f, "7f000000-0000-4000-8000-0000000000aa").name,
			    "Acomb Sings");
	/* Created again, the id is held: a conflict. */
	assert_int_equal(listing_save(f->db, &f->cli, &f->ctx, &good, f->arena, NULL, NULL, &e),
			 RESULT_CONFLICT);
}

/* What the API would send for a document: jansson's encoding of it. */
static const char *encoded(struct arena *a, json_t *doc)
{
	char *text = json_dumps(doc, ORUK_CACHE_JSON_FLAGS);
	json_decref(doc);
	assert_non_null(text);
	const char *copy = arena_strdup(a, text);
	free(text);
	return copy;
}

static void assert_bytes(const char *got, size_t len, const char *want)
{
	assert_non_null(got);
	assert_int_equal(len, strlen(want));
	assert_memory_equal(got, want, len);
}

static int64_t directory_generation(struct fixture *f)
{
	int64_t g = -1;
	struct err e = {0};
	assert_int_equal(db_generation_read(f->db, DB_GENERATION_DIRECTORY, &g, &e), RESULT_OK);
	return g;
}

/* The cache's documents are, byte for byte, what oruk.h makes of the
 * listing read as the public sees it; a second page reads no listing; a
 * change bumps the generation, and the next page asked for with it shows
 * the change; a page asked for with the older generation after it keeps
 * nothing; an unknown id is not found while the rest are given. */
static void the_oruk_cache_follows_the_generation(void **state)
{
	struct fixture *f = *state;
	struct listing in = singing(f->arena);
	const char *sings = create(f, &in);
	in = walks(f->arena);
	const char *walk = create(f, &in);
	testdb_run(f->db,
		   arena_printf(f->arena,
				"INSERT INTO community_sources (id, name, attribution, licence, url,"
				" contacts_public, created_at) VALUES"
				" ('7f000000-0000-4000-8000-000000000002', 'Walks', 'Walkers \"W\"',"
				" 'CC BY 4.0', 'https://example.org/w', 0, '2026-01-01');"
				"UPDATE community_services SET source_id ="
				" '7f000000-0000-4000-8000-000000000002' WHERE id = '%s'",
				walk));
	struct oruk_cache *c = oruk_cache_new((size_t)64 << 20);
	struct err e = {0};
	int64_t g = directory_generation(f);
	const char *ids[] = {walk, sings, walk};
	struct oruk_docs docs[3];
	assert_int_equal(oruk_cache_docs(c, f->db, g, &f->public, 6, ids, 3, f->arena, docs, &e),
			 RESULT_OK);
	size_t held, bytes;
	oruk_cache_stats(c, &held, &bytes);
	assert_int_equal(held, 2);
	assert_true(bytes > 0);

	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < 3; i++) {
			struct listing l;
			assert_int_equal(listing_get(f->db, &f->public, LISTING_PUBLIC, 6, ids[i],
						     f->arena, &l, &e),
					 RESULT_OK);
			assert_string_equal(docs[i].service_id, ids[i]);
			assert_bytes(docs[i].brief, docs[i].brief_len,
				     encoded(f->arena, oruk_service_brief(&l)));
			assert_int_equal(docs[i].place_count, l.location_count);
			for (size_t k = 0; k < l.location_count; k++) {
				size_t len;
				const char *doc = oruk_docs_place(
					&docs[i], l.locations[k].service_at_location_id, &len);
				assert_bytes(doc, len, encoded(f->arena, oruk_service_at_location(&l, k)));
			}
			if (l.source)
				assert_bytes(docs[i].source, docs[i].source_len,
					     encoded(f->arena, oruk_source_attribution(l.source)));
			else
				assert_null(docs[i].source_id);
		}
		size_t len;
		assert_null(oruk_docs_place(&docs[0], "not-a-place", &len));
		/* The second pass from memory: the database changed under the
		 * cache without the generation moving, so a read would show. */
		testdb_run(f->db, "UPDATE community_services SET name = 'Unseen'");
		assert_int_equal(oruk_cache_docs(c, f->db, g, &f->public, 6, ids, 3, f->arena,
						 docs, &e),
				 RESULT_OK);
		assert_null(strstr(docs[1].brief, "Unseen"));
		testdb_run(f->db, arena_printf(f->arena,
					       "UPDATE community_services SET name = 'Acomb Sings'"
					       " WHERE id = '%s';"
					       "UPDATE community_services SET name = 'Acomb Walks'"
					       " WHERE id = '%s'",
					       sings, walk));
	}

	/* A change through the store moves the generation: the next page
	 * with it shows the change, and the older generation keeps nothing. */
	struct listing now = staff_view(f, sings);
	now.name = "Acomb Sings Together";
	assert_int_equal(listing_save(f->db, &f->priya, &f->ctx, &now, f->arena, NULL, NULL, &e),
			 RESULT_OK);
	int64_t newer = directory_generation(f);
	assert_true(newer > g);
	assert_int_equal(oruk_cache_docs(c, f->db, newer, &f->public, 6, &sings, 1, f->arena,
					 docs, &e),
			 RESULT_OK);
	assert_non_null(strstr(docs[0].brief, "\"name\":\"Acomb Sings Together\""));
	oruk_cache_stats(c, &held, &bytes);
	assert_int_equal(held, 1);
	assert_int_equal(oruk_cache_docs(c, f->db, g, &f->public, 6, &walk, 1, f->arena, docs, &e),
			 RESULT_OK);
	oruk_cache_stats(c, &held, &bytes);
	assert_int_equal(held, 1);

	const char *unknown[] = {sings, "00000000-0000-4000-8000-000000000000"};
	assert_int_equal(oruk_cache_docs(c, f->db, newer, &f->public, 6, unknown, 2, f->arena,
					 docs, &e),
			 RESULT_NOT_FOUND);
	assert_string_equal(docs[0].service_id, sings);
	assert_null(docs[1].service_id);
	oruk_cache_free(c);
}

/* Warming reads every live listing once for the generation (a retired
 * one not), a second warm with nothing changed reads none, and a change
 * makes the next warm read them all again at the new generation, so a
 * page then finds the change in memory. */
static void warming_fills_the_oruk_cache_once_a_generation(void **state)
{
	struct fixture *f = *state;
	struct listing in = singing(f->arena);
	const char *sings = create(f, &in);
	in = walks(f->arena);
	const char *walk = create(f, &in);
	in = walks(f->arena);
	in.name = "Closed walks";
	const char *closed = create(f, &in);
	struct err e = {0};
	assert_int_equal(listing_retire(f->db, &f->priya, closed, 1, "Closed", f->arena, &e),
			 RESULT_OK);
	struct nearby *near = nearby_new();
	struct oruk_cache *c = oruk_cache_new((size_t)64 << 20);
	size_t warmed, held, bytes;

	assert_int_equal(oruk_cache_warm(c, near, f->db, &f->public, 6, &warmed, &e), RESULT_OK);
	assert_int_equal(warmed, 2);
	oruk_cache_stats(c, &held, &bytes);
	assert_int_equal(held, 2);
	assert_int_equal(oruk_cache_warm(c, near, f->db, &f->public, 6, &warmed, &e), RESULT_OK);
	assert_int_equal(warmed, 0);

	struct listing now = staff_view(f, sings);
	now.name = "Acomb Sings Together";
	assert_int_equal(listing_save(f->db, &f->priya, &f->ctx, &now, f->arena, NULL, NULL, &e),
			 RESULT_OK);
	assert_int_equal(oruk_cache_warm(c, near, f->db, &f->public, 6, &warmed, &e), RESULT_OK);
	assert_int_equal(warmed, 2);
	/* What a page finds is in memory: a write behind the cache's back,
	 * without the generation moving, does not show. */
	testdb_run(f->db, "UPDATE community_services SET name = 'Unseen'");
	const char *ids[] = {sings, walk};
	struct oruk_docs docs[2];
	assert_int_equal(oruk_cache_docs(c, f->db, directory_generation(f), &f->public, 6, ids, 2,
					 f->arena, docs, &e),
			 RESULT_OK);
	assert_non_null(strstr(docs[0].brief, "\"name\":\"Acomb Sings Together\""));
	assert_null(strstr(docs[1].brief, "Unseen"));
	oruk_cache_free(c);
	nearby_free(near);
}

/* The bound: documents that would pass it empty the cache first, and a
 * listing larger than the whole bound is given but not kept. */
static void the_oruk_cache_stays_within_its_bound(void **state)
{
	struct fixture *f = *state;
	struct listing in = singing(f->arena);
	const char *sings = create(f, &in);
	in = walks(f->arena);
	const char *walk = create(f, &in);
	struct err e = {0};
	int64_t g = directory_generation(f);
	struct oruk_docs docs[2];
	size_t held, bytes;

	struct oruk_cache *c = oruk_cache_new((size_t)64 << 20);
	assert_int_equal(oruk_cache_docs(c, f->db, g, &f->public, 6, &sings, 1, f->arena, docs, &e),
			 RESULT_OK);
	const char *ids[] = {sings, walk};
	assert_int_equal(oruk_cache_docs(c, f->db, g, &f->public, 6, ids, 2, f->arena, docs, &e),
			 RESULT_OK);
	size_t both;
	oruk_cache_stats(c, &held, &both);
	assert_int_equal(held, 2);
	oruk_cache_free(c);

	c = oruk_cache_new(both - 1);
	assert_int_equal(oruk_cache_docs(c, f->db, g, &f->public, 6, ids, 2, f->arena, docs, &e),
			 RESULT_OK);
	oruk_cache_stats(c, &held, &bytes);
	assert_int_equal(held, 1);
	assert_string_equal(docs[0].service_id, sings);
	assert_string_equal(docs[1].service_id, walk);
	oruk_cache_free(c);

	c = oruk_cache_new(16);
	assert_int_equal(oruk_cache_docs(c, f->db, g, &f->public, 6, ids, 2, f->arena, docs, &e),
			 RESULT_OK);
	oruk_cache_stats(c, &held, &bytes);
	assert_int_equal(held, 0);
	assert_int_equal(bytes, 0);
	assert_string_equal(docs[1].service_id, walk);
	oruk_cache_free(c);
}

int main(void)
{
	if (sodium_init() < 0)
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(a_listing_reads_back_whole, setup, teardown),
		cmocka_unit_test_setup_teardown(an_update_keeps_ids_given_and_drops_the_rest, setup,
						teardown),
		cmocka_unit_test_setup_teardown(a_stale_version_is_a_conflict, setup, teardown),
		cmocka_unit_test_setup_teardown(retired_listings_answer_as_defunct, setup,
						teardown),
		cmocka_unit_test_setup_teardown(old_checks_and_reasons_come_up_for_review, setup,
						teardown),
		cmocka_unit_test_setup_teardown(the_public_view_hides_contacts, setup, teardown),
		cmocka_unit_test_setup_teardown(many_read_as_each_one_does, setup, teardown),
		cmocka_unit_test_setup_teardown(many_with_an_unknown_id_reads_the_rest, setup,
						teardown),
		cmocka_unit_test_setup_teardown(bad_input_names_every_field_and_writes_nothing,
						setup, teardown),
		cmocka_unit_test_setup_teardown(contact_details_must_look_like_what_they_are, setup,
						teardown),
		cmocka_unit_test_setup_teardown(the_oruk_cache_follows_the_generation, setup,
						teardown),
		cmocka_unit_test_setup_teardown(warming_fills_the_oruk_cache_once_a_generation, setup,
						teardown),
		cmocka_unit_test_setup_teardown(the_oruk_cache_stays_within_its_bound, setup,
						teardown),
		cmocka_unit_test_setup_teardown(saves_on_a_connection_are_the_callers_to_commit,
						setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
