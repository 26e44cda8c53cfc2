/* Areas: where a record would be placed after a change of wards, and
 * changing and retiring an area (what is refused changes nothing; what is
 * done bumps the areas' generation and keeps its before and after). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "core/arena.h"
#include "core/err.h"
#include "core/id.h"
#include "db/generation.h"
#include "domain/areas/area.h"
#include "domain/areas/area_moves.h"
#include "domain/areas/lookup.h"
#include "domain/staff/caller.h"
#include "support/testdb.h"

static void places_as_records_were_placed(void **state)
{
	(void)state;
	struct lookup_result covered = {.area = 3, .covered = true, .nearest_covered = -1};
	assert_int_equal(area_moves_destination(&covered, false), 3);
	assert_int_equal(area_moves_destination(&covered, true), 3);
	/* Just outside cover: both go to the nearest covered area. */
	struct lookup_result near = {.area = 2, .nearest_covered = 5, .near = true};
	assert_int_equal(area_moves_destination(&near, false), 5);
	assert_int_equal(area_moves_destination(&near, true), 5);
	/* Far from cover: an introduction still goes to someone; a person has
	 * no area to be placed in, so is not listed. */
	struct lookup_result far = {.area = 2, .nearest_covered = 5};
	assert_int_equal(area_moves_destination(&far, false), -1);
	assert_int_equal(area_moves_destination(&far, true), 5);
	struct lookup_result nowhere = {.area = -1, .nearest_covered = -1};
	assert_int_equal(area_moves_destination(&nowhere, true), -1);
}

static void lists_who_would_move(void **state)
{
	(void)state;
	/* In area 1, postcode now in covered area 3: both move there. */
	struct lookup_result covered = {.area = 3, .covered = true, .nearest_covered = -1};
	assert_int_equal(area_moves_target(&covered, false, 1), 3);
	assert_int_equal(area_moves_target(&covered, true, 1), 3);
	assert_int_equal(area_moves_target(&covered, false, 3), -1);
	/* Postcode now in area 2, not covered yet, near their own area 1: an
	 * introduction stays (it goes to a covered area); a person is listed
	 * with area 2, placed near or far. */
	struct lookup_result near = {.area = 2, .nearest_covered = 1, .near = true};
	assert_int_equal(area_moves_target(&near, true, 1), -1);
	assert_int_equal(area_moves_target(&near, false, 1), 2);
	struct lookup_result far = {.area = 2, .nearest_covered = 1};
	assert_int_equal(area_moves_target(&far, false, 1), 2);
	/* Near another covered area 5: both go there, as placed when made. */
	struct lookup_result other = {.area = 2, .nearest_covered = 5, .near = true};
	assert_int_equal(area_moves_target(&other, false, 1), 5);
	assert_int_equal(area_moves_target(&other, true, 1), 5);
	/* A person already in the uncovered area of their postcode stays. */
	assert_int_equal(area_moves_target(&other, false, 2), -1);
	/* A postcode in no area, far from cover: nowhere to move a person. */
	struct lookup_result nowhere = {.area = -1, .nearest_covered = 1};
	assert_int_equal(area_moves_target(&nowhere, false, 1), -1);
}

static const char *const WARDS_SQL =
	"INSERT INTO wards (code, name, geometry, updated_at) VALUES"
	" ('E05000001', 'One', '{}', 'x'), ('E05000002', 'Two', '{}', 'x'),"
	" ('E05000003', 'Three', '{}', 'x');";

static int64_t generation(struct db *db)
{
	int64_t g;
	struct err e;
	assert_int_equal(db_generation_read(db, DB_GENERATION_AREAS, &g, &e), RESULT_OK);
	return g;
}

static void changes_and_retires(void **state)
{
	(void)state;
	struct testdb t;
	struct db *db = testdb_open(&t);
	testdb_run(db, WARDS_SQL);
	struct arena *a = arena_new();
	struct caller cli = caller_cli();
	struct err e;
	const char *one[] = {"E05000001"}, *two[] = {"E05000002"};
	char west[ID_HEX_LEN + 1], east[ID_HEX_LEN + 1];
	struct area_input w = {"West", one, 1, true, false};
	struct area_input x = {"East", two, 1, false, false};
	assert_int_equal(area_create(db, &cli, &w, west, &e), RESULT_OK);
	assert_int_equal(area_create(db, &cli, &x, east, &e), RESULT_OK);
	int64_t g = generation(db);
	long audited = testdb_count(db, a, "SELECT count(*) FROM audit_log");

	/* Refused: no wards, a ward of East's, a name taken.  Nothing moves. */
	struct area_update_input none = {NULL, true, NULL, 0, -1};
	assert_int_equal(area_update(db, &cli, "West", &none, &e), RESULT_INVALID);
	assert_string_equal(e.fields[0].path, "wards");
	const char *taken[] = {"E05000001", "E05000002"};
	struct area_update_input steal = {NULL, true, taken, 2, -1};
	assert_int_equal(area_update(db, &cli, west, &steal, &e), RESULT_INVALID);
	assert_non_null(strstr(err_field_message(&e, "wards"), "E05000002 (Two) is already in area East"));
	struct area_update_input clash = {"East", false, NULL, 0, 0};
	assert_int_equal(area_update(db, &cli, west, &clash, &e), RESULT_INVALID);
	assert_non_null(err_field_message(&e, "name"));
	/* A blank name, one only differing by case, or one with a control
	 * character: each at the field, with its own message. */
	struct area_update_input blank = {"  \t ", false, NULL, 0, -1};
	assert_int_equal(area_update(db, &cli, west, &blank, &e), RESULT_INVALID);
	assert_non_null(strstr(err_field_message(&e, "name"), "needs a name"));
	struct area_update_input cased = {" east ", false, NULL, 0, -1};
	assert_int_equal(area_update(db, &cli, west, &cased, &e), RESULT_INVALID);
	assert_non_null(strstr(err_field_message(&e, "name"), "already an area called \"East\""));
	struct area_update_input control = {"We\x1bst", false, NULL, 0, -1};
	assert_int_equal(area_update(db, &cli, west, &control, &e), RESULT_INVALID);
	assert_non_null(strstr(err_field_message(&e, "name"), "control characters"));
	const char *three[] = {"E05000003"};
	struct area_input spaces = {"   ", three, 1, false, false};
	char unmade[ID_HEX_LEN + 1];
	assert_int_equal(area_create(db, &cli, &spaces, unmade, &e), RESULT_INVALID);
	assert_non_null(err_field_message(&e, "name"));
	struct area_input nameless = {NULL, three, 1, false, false};
	assert_int_equal(area_create(db, &cli, &nameless, unmade, &e), RESULT_INVALID);
	assert_non_null(err_field_message(&e, "name"));
	struct area_input again = {"WEST", three, 1, false, false};
	assert_int_equal(area_create(db, &cli, &again, unmade, &e), RESULT_CONFLICT);
	assert_int_equal(area_create_fields(db, &cli, &again, unmade, &e), RESULT_INVALID);
	assert_non_null(strstr(err_field_message(&e, "name"), "already an area called \"West\""));
	assert_int_equal(area_update(db, &cli, "Nowhere", &clash, &e), RESULT_NOT_FOUND);
	struct caller nobody = caller_public("192.0.2.1", NULL);
	assert_int_equal(area_update(db, &nobody, west, &clash, &e), RESULT_FORBIDDEN);
	assert_int_equal(generation(db), g);
	assert_int_equal(testdb_count(db, a, "SELECT count(*) FROM area_wards WHERE ward_code = 'E05000002'"
					     " AND area_id IN (SELECT id FROM areas WHERE name = 'East')"),
			 1);
	assert_int_equal(testdb_count(db, a, "SELECT count(*) FROM audit_log WHERE outcome = 'ok'"),
			 audited);

	/* Done: only what is given changes. */
	const char *more[] = {"E05000001", "E05000003"};
	struct area_update_input grow = {" West End\t", true, more, 2, -1};
	assert_int_equal(area_update(db, &cli, west, &grow, &e), RESULT_OK);
	assert_int_equal(generation(db), g + 1);
	struct area got;
	assert_int_equal(area_get(db, a, west, &got, &e), RESULT_OK);
	assert_string_equal(got.name, "West End");
	assert_true(got.covered);
	assert_int_equal(got.ward_count, 2);
	assert_null(got.retired_at);
	assert_int_equal(testdb_count(db, a,
				      "SELECT count(*) FROM audit_log WHERE action = 'area_update'"
				      " AND changes LIKE '{\"after\":{\"covered\":true,\"name\":\"West End\","
				      "\"retired_at\":null,\"wards\":[\"E05000001\",\"E05000003\"]},"
				      "\"before\":{\"covered\":true,\"name\":\"West\",%'"),
			 1);

	/* Retired: out of the list, still found, its wards free. */
	assert_int_equal(area_retire(db, &cli, east, &e), RESULT_OK);
	assert_int_equal(generation(db), g + 2);
	struct area *list;
	size_t count;
	assert_int_equal(area_list(db, a, &list, &count, &e), RESULT_OK);
	assert_int_equal(count, 1);
	assert_int_equal(area_list_retired(db, a, &list, &count, &e), RESULT_OK);
	assert_int_equal(count, 1);
	assert_string_equal(list[0].id, east);
	assert_int_equal(area_get(db, a, east, &got, &e), RESULT_OK);
	assert_non_null(got.retired_at);
	assert_int_equal(got.ward_count, 0);
	assert_int_equal(area_retire(db, &cli, east, &e), RESULT_INVALID);
	assert_int_equal(area_update(db, &cli, east, &clash, &e), RESULT_INVALID);
	const char *all[] = {"E05000001", "E05000002", "E05000003"};
	struct area_update_input take = {NULL, true, all, 3, -1};
	assert_int_equal(area_update(db, &cli, west, &take, &e), RESULT_OK);
	arena_free(a);
	testdb_close(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(places_as_records_were_placed),
		cmocka_unit_test(lists_who_would_move),
		cmocka_unit_test(changes_and_retires),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
