/* Stories, called on the domain directly: shared with the team only or
 * waiting for a team leader of the person's area, who approves or returns
 * it (a team leader of another team does not reach it); the public
 * version needs words without identifying detail; every edit a new
 * version with every version kept; the person's withdrawal final; and
 * the list beyond the team never naming the person.  On SQLite, and on
 * PostgreSQL too when ALONGSIDE_TEST_PG_URL is set. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/outcomes/story.h"
#include "domain/staff/caller.h"
#include "domain/staff/user.h"
#include "support/testdb.h"

#define ACOMB "a0000000000000000000000000000001"
#define HEWORTH "a0000000000000000000000000000002"
#define PRIYA "b0000000000000000000000000000001"
#define TOM "b0000000000000000000000000000002"
#define ANN "c0000000000000000000000000000001"
#define BOB "c0000000000000000000000000000002"   /* someone else */
#define JO "b0000000000000000000000000000003"    /* leads Acomb */
#define KIM "b0000000000000000000000000000004"   /* leads Heworth */
#define WALK "d0000000000000000000000000000001"

struct fixture {
	struct db *db;
	struct arena *arena;
	struct testdb tdb;
	struct user priya_user, tom_user, jo_user, kim_user;
	struct caller priya, tom, jo, kim;
};

static const char *acomb[] = {ACOMB};
static const char *heworth[] = {HEWORTH};

/* The run on PostgreSQL (ALONGSIDE_TEST_PG_URL): each test a database
 * of its own, migrated, dropped after; else SQLite (support/testdb.h). */
static bool on_pg;

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	f->arena = arena_new();
	f->db = on_pg ? testdb_open_pg(&f->tdb, "story") : testdb_open(&f->tdb);
#define T "'2025-01-01T00:00:00.000Z'"
	testdb_run(f->db,
	    "INSERT INTO areas (id, name, covered, created_at, updated_at) VALUES"
	    " ('" ACOMB "', 'Acomb', 1, " T ", " T "), ('" HEWORTH "', 'Heworth', 1, " T ", " T ");"
	    "INSERT INTO users (id, username, display_name, created_at, updated_at) VALUES"
	    " ('" PRIYA "', 'priya', 'Priya Shah', " T ", " T "),"
	    " ('" TOM "', 'tom', 'Tom', " T ", " T "),"
	    " ('" JO "', 'jo', 'Jo Bennett', " T ", " T "), ('" KIM "', 'kim', 'Kim', " T ", " T ");"
	    "INSERT INTO people (id, name, area_id, created_at, updated_at) VALUES"
	    " ('" ANN "', 'Ann Example', '" ACOMB "', " T ", " T ");"
	    "INSERT INTO user_roles (user_id, role) VALUES ('" JO "', 'team_leader'),"
	    " ('" KIM "', 'team_leader');"
	    "INSERT INTO involvements (id, kind, area_id, started_on, created_at, updated_at)"
	    " VALUES ('" WALK "', 'walking_alongside', '" ACOMB "', '2025-03-03', " T ", " T ");"
	    "INSERT INTO involvement_people (involvement_id, person_id) VALUES"
	    " ('" WALK "', '" ANN "');");
#undef T
	f->priya_user = (struct user){.id = PRIYA, .roles = USER_COORDINATOR,
				      .coordinator_areas = acomb, .coordinator_area_count = 1};
	f->tom_user = (struct user){.id = TOM, .roles = USER_COORDINATOR,
				    .coordinator_areas = heworth, .coordinator_area_count = 1};
	f->priya = (struct caller){.kind = CALLER_STAFF, .user = &f->priya_user,
				   .client_address = "127.0.0.1", .request_id = "test"};
	f->tom = f->priya;
	f->tom.user = &f->tom_user;
	f->jo_user = (struct user){.id = JO, .roles = USER_TEAM_LEADER, .team_areas = acomb,
				   .team_area_count = 1};
	f->kim_user = (struct user){.id = KIM, .roles = USER_TEAM_LEADER, .team_areas = heworth,
				    .team_area_count = 1};
	f->jo = f->priya;
	f->jo.user = &f->jo_user;
	f->kim = f->priya;
	f->kim.user = &f->kim_user;
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

static const struct story_input told = {
	0, "Back at the allotment", "I hadn't been out in a year. Priya came with me to the "
	"allotment and now I go every Tuesday with Ann from number 4.", NULL, NULL, "council",
	"2025-03-10", "in_person"};

static long written(struct fixture *f)
{
	return count(f, "SELECT (SELECT count(*) FROM stories)"
			" + (SELECT count(*) FROM story_versions)");
}

static void team_only_or_waiting(void **state)
{
	struct fixture *f = *state;
	struct err e;
	struct story *s;
	struct story_input team = told;
	team.share = "team";
	assert_int_equal(story_create(f->db, &f->priya, ANN, &team, f->arena, &s, &e), RESULT_OK);
	assert_string_equal(s->review_state, "team_only");
	assert_int_equal(story_create(f->db, &f->priya, ANN, &told, f->arena, &s, &e), RESULT_OK);
	assert_string_equal(s->review_state, "waiting");
	assert_int_equal(s->version, 1);
	assert_string_equal(s->current.words, told.words);
	struct story *list;
	size_t n;
	assert_int_equal(story_waiting(f->db, &f->jo, f->arena, &list, &n, &e), RESULT_OK);
	assert_int_equal(n, 1);
	assert_int_equal(story_waiting(f->db, &f->kim, f->arena, &list, &n, &e), RESULT_OK);
	assert_int_equal(n, 0);
	long waiting;
	assert_int_equal(story_waiting_count(f->db, &f->jo, f->arena, &waiting, &e), RESULT_OK);
	assert_int_equal(waiting, 1);
	assert_int_equal(story_waiting_count(f->db, &f->kim, f->arena, &waiting, &e), RESULT_OK);
	assert_int_equal(waiting, 0);
	assert_int_equal(story_list(f->db, &f->priya, ANN, f->arena, &list, &n, &e), RESULT_OK);
	assert_int_equal(n, 2);
}

static void bad_input_changes_nothing(void **state)
{
	struct fixture *f = *state;
	struct err e;
	struct story *s;
	struct story_input in = told;
	in.share = "public";
	in.title = " ";
	in.agreed_on = "2099-01-01";
	in.agreed_how = "carrier pigeon";
	assert_int_equal(story_create(f->db, &f->priya, ANN, &in, f->arena, &s, &e),
			 RESULT_INVALID);
	assert_non_null(err_field_message(&e, "public_words"));
	assert_non_null(err_field_message(&e, "public_title"));
	assert_non_null(err_field_message(&e, "title"));
	assert_non_null(err_field_message(&e, "agreed_on"));
	assert_non_null(err_field_message(&e, "agreed_how"));
	assert_null(err_field_message(&e, "words"));
	char *long_words = calloc(STORY_WORDS_MAX + 2, 1);
	memset(long_words, 'a', STORY_WORDS_MAX + 1);
	in = told;
	in.words = long_words;
	assert_int_equal(story_create(f->db, &f->priya, ANN, &in, f->arena, &s, &e),
			 RESULT_INVALID);
	assert_non_null(err_field_message(&e, "words"));
	free(long_words);
	assert_int_equal(written(f), 0);
	in = told;
	in.share = "public";
	in.public_words = "Someone who had not been out for a year now goes to an allotment.";
	assert_int_equal(story_create(f->db, &f->priya, ANN, &in, f->arena, &s, &e),
			 RESULT_INVALID);
	assert_non_null(err_field_message(&e, "public_title"));
	assert_int_equal(written(f), 0);
	in.public_title = "Back outdoors";
	assert_int_equal(story_create(f->db, &f->priya, ANN, &in, f->arena, &s, &e), RESULT_OK);
	assert_string_equal(s->current.public_words, in.public_words);
	assert_string_equal(s->current.public_title, in.public_title);
}

static void another_team_leader_is_refused(void **state)
{
	struct fixture *f = *state;
	struct err e;
	struct story *s, *r;
	assert_int_equal(story_create(f->db, &f->priya, ANN, &told, f->arena, &s, &e), RESULT_OK);
	assert_int_equal(story_review(f->db, &f->kim, s->id, "approve", NULL, f->arena, &r, &e),
			 RESULT_NOT_FOUND);
	assert_int_equal(story_review(f->db, &f->priya, s->id, "approve", NULL, f->arena, &r, &e),
			 RESULT_FORBIDDEN);
	assert_int_equal(count(f, "SELECT count(*) FROM stories WHERE review_state = 'waiting'"),
			 1);
	assert_int_equal(count(f, "SELECT count(*) FROM audit_log WHERE action = 'review'"
				  " AND outcome = 'refused'"),
			 2);
	assert_int_equal(story_review(f->db, &f->jo, s->id, "return", "", f->arena, &r, &e),
			 RESULT_INVALID);
	assert_non_null(err_field_message(&e, "note"));
	assert_int_equal(story_review(f->db, &f->jo, s->id, "approve", NULL, f->arena, &r, &e),
			 RESULT_OK);
	assert_string_equal(r->review_state, "approved");
	assert_string_equal(r->reviewed_by_name, "Jo Bennett");
	assert_int_equal(story_review(f->db, &f->jo, s->id, "approve", NULL, f->arena, &r, &e),
			 RESULT_CONFLICT);
}

static void returned_edited_waits_again_versions_kept(void **state)
{
	struct fixture *f = *state;
	struct err e;
	struct story *s, *r;
	assert_int_equal(story_create(f->db, &f->priya, ANN, &told, f->arena, &s, &e), RESULT_OK);
	assert_int_equal(story_review(f->db, &f->jo, s->id, "return",
				      "Take out the neighbour's name", f->arena, &r, &e),
			 RESULT_OK);
	assert_string_equal(r->review_state, "returned");
	assert_string_equal(r->review_note, "Take out the neighbour's name");
	struct story_input edit = told;
	edit.from_version = 1;
	edit.words = "I hadn't been out in a year. Now I go to the allotment every Tuesday.";
	/* Without the version it was made from: a field, nothing written. */
	edit.from_version = 0;
	assert_int_equal(story_update(f->db, &f->priya, s->id, NULL, &edit, f->arena, &r, &e),
			 RESULT_INVALID);
	assert_non_null(err_field_message(&e, "from_version"));
	edit.from_version = 1;
	/* Through another person: not found, nothing written. */
	assert_int_equal(story_update(f->db, &f->priya, s->id, BOB, &edit, f->arena, &r, &e),
			 RESULT_NOT_FOUND);
	assert_int_equal(count(f, "SELECT count(*) FROM story_versions"), 1);
	/* Through the person: changed without being read first. */
	long reads = count(f, "SELECT count(*) FROM audit_log WHERE action = 'read'");
	assert_int_equal(story_update(f->db, &f->priya, s->id, ANN, &edit, f->arena, &r, &e),
			 RESULT_OK);
	assert_int_equal(count(f, "SELECT count(*) FROM audit_log WHERE action = 'read'"), reads);
	assert_string_equal(r->review_state, "waiting");
	assert_int_equal(r->version, 2);
	assert_int_equal(r->version_count, 2);
	assert_string_equal(r->versions[0].words, told.words);
	assert_string_equal(r->versions[1].words, edit.words);
	/* From a version no longer current: a conflict, nothing written. */
	assert_int_equal(story_update(f->db, &f->priya, s->id, NULL, &edit, f->arena, &r, &e),
			 RESULT_CONFLICT);
	assert_int_equal(count(f, "SELECT count(*) FROM story_versions"), 2);
	assert_int_equal(story_update(f->db, &f->tom, s->id, NULL, &edit, f->arena, &r, &e),
			 RESULT_NOT_FOUND);
	assert_int_equal(story_get(f->db, &f->tom, s->id, f->arena, &r, &e), RESULT_NOT_FOUND);
}

static void withdrawn_goes_no_further(void **state)
{
	struct fixture *f = *state;
	struct err e;
	struct story *s, *r, *list;
	size_t n;
	assert_int_equal(story_create(f->db, &f->priya, ANN, &told, f->arena, &s, &e), RESULT_OK);
	assert_int_equal(story_review(f->db, &f->jo, s->id, "approve", NULL, f->arena, &r, &e),
			 RESULT_OK);
	struct user pm_user = {.id = KIM, .roles = USER_PROGRAMME_MANAGER};
	struct caller pm = f->priya;
	pm.user = &pm_user;
	assert_int_equal(story_shared(f->db, &pm, f->arena, &list, &n, &e), RESULT_OK);
	assert_int_equal(n, 1);
	assert_null(list[0].person_name);
	assert_null(list[0].person_id);
	assert_string_equal(list[0].current.words, told.words);
	assert_int_equal(story_shared(f->db, &f->priya, f->arena, &list, &n, &e), RESULT_OK);
	assert_int_equal(n, 0);
	assert_int_equal(story_withdraw(f->db, &f->priya, s->id, NULL, "2025-04-01", "by text",
					f->arena, &r, &e),
			 RESULT_INVALID);
	assert_non_null(err_field_message(&e, "withdrawn_how"));
	assert_int_equal(story_withdraw(f->db, &f->priya, s->id, BOB, "2025-04-01", "phone",
					f->arena, &r, &e),
			 RESULT_NOT_FOUND);
	assert_int_equal(story_withdraw(f->db, &f->priya, s->id, ANN, "2025-04-01", "phone",
					f->arena, &r, &e),
			 RESULT_OK);
	assert_string_equal(r->review_state, "withdrawn");
	assert_string_equal(r->withdrawn_how, "phone");
	assert_non_null(r->withdrawn_by_name);
	assert_int_equal(story_shared(f->db, &pm, f->arena, &list, &n, &e), RESULT_OK);
	assert_int_equal(n, 0);
	struct story_input edit = told;
	edit.from_version = 1;
	assert_int_equal(story_update(f->db, &f->priya, s->id, NULL, &edit, f->arena, &r, &e),
			 RESULT_CONFLICT);
	assert_int_equal(count(f, "SELECT count(*) FROM story_versions"), 1);
}

static void public_shows_only_the_public_title_and_words(void **state)
{
	struct fixture *f = *state;
	struct err e;
	struct story *s, *r, *list;
	size_t n;
	struct story_input in = told;
	in.share = "public";
	in.title = "How Ann from number 4 got Aish back to the allotment";
	in.public_title = "Back outdoors";
	in.public_words = "Someone who had not been out for a year now goes to an allotment.";
	assert_int_equal(story_create(f->db, &f->priya, ANN, &in, f->arena, &s, &e), RESULT_OK);
	assert_int_equal(story_review(f->db, &f->jo, s->id, "approve", NULL, f->arena, &r, &e),
			 RESULT_OK);
	assert_int_equal(story_shared(f->db, &f->jo, f->arena, &list, &n, &e), RESULT_OK);
	assert_int_equal(n, 1);
	assert_string_equal(list[0].current.title, in.public_title);
	assert_string_equal(list[0].current.words, in.public_words);
	assert_null(list[0].current.public_words);
	assert_null(list[0].current.public_title);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(team_only_or_waiting, setup, teardown),
		cmocka_unit_test_setup_teardown(bad_input_changes_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(another_team_leader_is_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(returned_edited_waits_again_versions_kept, setup,
						teardown),
		cmocka_unit_test_setup_teardown(withdrawn_goes_no_further, setup, teardown),
		cmocka_unit_test_setup_teardown(public_shows_only_the_public_title_and_words, setup,
						teardown),
	};
	int failed = cmocka_run_group_tests_name("story on sqlite", tests, NULL, NULL);
	if (!getenv("ALONGSIDE_TEST_PG_URL")) {
		printf("story on postgresql: not run (ALONGSIDE_TEST_PG_URL unset)\n");
		return failed;
	}
	on_pg = true;
	return failed + cmocka_run_group_tests_name("story on postgresql", tests, NULL, NULL);
}
