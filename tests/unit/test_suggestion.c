/* Suggestions from the public, called on the domain directly: one sent
 * waits for staff, with nothing stored from one refused; a correction
 * names a listing held; only staff read and handle them, once, audited. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/community/suggestion.h"
#include "domain/staff/caller.h"
#include "domain/staff/user.h"
#include "support/testdb.h"

#define PRIYA "b0000000000000000000000000000001"
#define ORG "0b000000-0000-4000-8000-000000000001"
#define SINGERS "0c000000-0000-4000-8000-000000000001"
#define NOT_HELD "0c000000-0000-4000-8000-0000000000ff"

struct fixture {
	struct db *db;
	struct arena *arena;
	struct testdb tdb;
	struct user priya_user;
	struct caller priya, public;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	f->db = testdb_open(&f->tdb);
#define T "'2026-01-01T00:00:00.000Z'"
	testdb_run(f->db,
	    "INSERT INTO users (id, username, display_name, created_at, updated_at) VALUES"
	    " ('" PRIYA "', 'priya', 'Priya Shah', " T ", " T ");"
	    "INSERT INTO user_roles (user_id, role) VALUES ('" PRIYA "', 'coordinator');"
	    "INSERT INTO community_organizations (id, name, description, created_at, updated_at)"
	    " VALUES ('" ORG "', 'Acomb Sings', 'A choir', " T ", " T ");"
	    "INSERT INTO community_services (id, organization_id, name, created_at,"
	    " last_modified) VALUES ('" SINGERS "', '" ORG "', 'Acomb singing group', " T ", "
	    T ");");
#undef T
	f->arena = arena_new();
	f->priya_user = (struct user){.id = PRIYA, .roles = USER_COORDINATOR};
	f->priya = (struct caller){.kind = CALLER_STAFF, .user = &f->priya_user,
				   .client_address = "127.0.0.1", .request_id = "test"};
	f->public = caller_public("127.0.0.9", "test");
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	testdb_close(&f->tdb);
	arena_free(f->arena);
	free(f);
	return 0;
}

static long count(struct fixture *f, const char *sql)
{
	return testdb_count(f->db, f->arena, sql);
}

static void a_new_listing_waits_for_staff(void **state)
{
	struct fixture *f = *state;
	struct suggestion in = {.name = "Dringhouses knit and natter",
				.details = "Knitting and a cup of tea",
				.where_text = "Dringhouses library",
				.when_text = "Tuesdays 2 to 4",
				.from_name = "Jo",
				.from_email = "jo@example.com",
				.organiser_agrees = true};
	const char *id = NULL;
	struct err e;
	assert_int_equal(suggestion_send(f->db, &f->public, &in, f->arena, &id, &e), RESULT_OK);
	assert_non_null(id);
	assert_int_equal(count(f, "SELECT count(*) FROM audit_log WHERE action = 'create'"
				  " AND record_type = 'suggestion'"), 1);
	struct suggestion *list;
	size_t n;
	assert_int_equal(suggestion_list(f->db, &f->priya, true, f->arena, &list, &n, &e),
			 RESULT_OK);
	assert_int_equal(n, 1);
	assert_string_equal(list[0].id, id);
	assert_string_equal(list[0].state, "waiting");
	assert_string_equal(list[0].name, "Dringhouses knit and natter");
	assert_string_equal(list[0].from_email, "jo@example.com");
	assert_true(list[0].organiser_agrees);
	assert_null(list[0].service_id);
	assert_null(list[0].handled_at);
}

static void bad_input_is_refused_at_its_fields_and_nothing_stored(void **state)
{
	struct fixture *f = *state;
	struct suggestion in = {.from_email = "not an address", .organiser_agrees = true,
				.service_id = "nope"};
	struct err e;
	assert_int_equal(suggestion_send(f->db, &f->public, &in, f->arena, NULL, &e),
			 RESULT_INVALID);
	assert_non_null(err_field_message(&e, "details"));
	assert_non_null(err_field_message(&e, "from_email"));
	assert_non_null(err_field_message(&e, "organiser_agrees"));
	assert_non_null(err_field_message(&e, "service"));
	/* A correction needs no name of its own. */
	assert_null(err_field_message(&e, "name"));
	struct suggestion unnamed = {.details = "Something new"};
	assert_int_equal(suggestion_send(f->db, &f->public, &unnamed, f->arena, NULL, &e),
			 RESULT_INVALID);
	assert_non_null(err_field_message(&e, "name"));
	/* A well-formed id of a listing not held. */
	struct suggestion stray = {.service_id = NOT_HELD, .details = "It moved"};
	assert_int_equal(suggestion_send(f->db, &f->public, &stray, f->arena, NULL, &e),
			 RESULT_INVALID);
	assert_non_null(err_field_message(&e, "service"));
	assert_int_equal(count(f, "SELECT count(*) FROM community_suggestions"), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM audit_log"), 0);
}

static void a_correction_names_its_listing(void **state)
{
	struct fixture *f = *state;
	struct suggestion in = {.service_id = SINGERS, .details = "It is 2pm now, not 10am"};
	const char *id;
	struct err e;
	assert_int_equal(suggestion_send(f->db, &f->public, &in, f->arena, &id, &e), RESULT_OK);
	struct suggestion got;
	assert_int_equal(suggestion_get(f->db, &f->priya, id, f->arena, &got, &e), RESULT_OK);
	assert_string_equal(got.service_id, SINGERS);
	assert_string_equal(got.service_name, "Acomb singing group");
	assert_string_equal(got.details, "It is 2pm now, not 10am");
	assert_false(got.organiser_agrees);
}

static void only_staff_read_and_handle_once(void **state)
{
	struct fixture *f = *state;
	struct suggestion in = {.name = "Walking football", .details = "Fridays at the park"};
	const char *id;
	struct err e;
	assert_int_equal(suggestion_send(f->db, &f->public, &in, f->arena, &id, &e), RESULT_OK);
	struct suggestion *list;
	size_t n;
	struct suggestion got;
	assert_int_equal(suggestion_list(f->db, &f->public, true, f->arena, &list, &n, &e),
			 RESULT_FORBIDDEN);
	assert_int_equal(suggestion_get(f->db, &f->public, id, f->arena, &got, &e),
			 RESULT_FORBIDDEN);
	assert_int_equal(suggestion_handle(f->db, &f->public, id, true, NULL, f->arena, &e),
			 RESULT_FORBIDDEN);
	assert_int_equal(suggestion_handle(f->db, &f->priya, NOT_HELD, true, NULL, f->arena, &e),
			 RESULT_NOT_FOUND);
	assert_string_equal(e.subject, "suggestion");
	assert_int_equal(suggestion_handle(f->db, &f->priya, id, false, "Already listed",
					   f->arena, &e),
			 RESULT_OK);
	assert_int_equal(suggestion_handle(f->db, &f->priya, id, true, NULL, f->arena, &e),
			 RESULT_CONFLICT);
	assert_int_equal(suggestion_get(f->db, &f->priya, id, f->arena, &got, &e), RESULT_OK);
	assert_string_equal(got.state, "declined");
	assert_string_equal(got.handled_by_name, "Priya Shah");
	assert_string_equal(got.handled_note, "Already listed");
	assert_non_null(got.handled_at);
	assert_int_equal(suggestion_list(f->db, &f->priya, true, f->arena, &list, &n, &e),
			 RESULT_OK);
	assert_int_equal(n, 0);
	assert_int_equal(suggestion_list(f->db, &f->priya, false, f->arena, &list, &n, &e),
			 RESULT_OK);
	assert_int_equal(n, 1);
	assert_int_equal(count(f, "SELECT count(*) FROM audit_log WHERE action = 'decline'"
				  " AND record_type = 'suggestion'"), 1);
}

int main(void)
{
	if (sodium_init() < 0)
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(a_new_listing_waits_for_staff, setup, teardown),
		cmocka_unit_test_setup_teardown(
			bad_input_is_refused_at_its_fields_and_nothing_stored, setup, teardown),
		cmocka_unit_test_setup_teardown(a_correction_names_its_listing, setup, teardown),
		cmocka_unit_test_setup_teardown(only_staff_read_and_handle_once, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
