/* The contact log's rules, called on the domain directly: two fields are
 * enough, nothing is dated in the future, a conversation finds its
 * involvement by its date, the first conversation is the earliest held
 * one, a corrected note keeps every version, and a person out of reach is
 * not found, with the refusal audited and nothing written. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/people/conversation.h"
#include "domain/staff/caller.h"
#include "domain/staff/user.h"
#include "support/testdb.h"

#define ACOMB "a0000000000000000000000000000001"
#define HEWORTH "a0000000000000000000000000000002"
#define PRIYA "b0000000000000000000000000000001"
#define TOM "b0000000000000000000000000000002"
#define ANN "c0000000000000000000000000000001"
#define FIRST "d0000000000000000000000000000001"   /* 2025-01-06 to 2025-02-10 */
#define RETURN "d0000000000000000000000000000002"  /* 2025-03-03, open */
#define ACOMB_DROP_IN "e0000000000000000000000000000001"
#define HEWORTH_DROP_IN "e0000000000000000000000000000002"
#define NOBODY "c00000000000000000000000000000ff"

struct fixture {
	struct db *db;
	struct arena *arena;
	struct testdb tdb;
	struct user priya_user, tom_user;
	struct caller priya, tom;
};

static const char *acomb[] = {ACOMB};
static const char *heworth[] = {HEWORTH};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	f->db = testdb_open(&f->tdb);
#define T "'2025-01-01T00:00:00.000Z'"
	testdb_run(f->db,
	    "INSERT INTO areas (id, name, covered, created_at, updated_at) VALUES"
	    " ('" ACOMB "', 'Acomb', 1, " T ", " T "), ('" HEWORTH "', 'Heworth', 1, " T ", " T ");"
	    "INSERT INTO users (id, username, display_name, created_at, updated_at) VALUES"
	    " ('" PRIYA "', 'priya', 'Priya Shah', " T ", " T "),"
	    " ('" TOM "', 'tom', 'Tom', " T ", " T ");"
	    "INSERT INTO user_roles (user_id, role) VALUES ('" PRIYA "', 'coordinator'),"
	    " ('" TOM "', 'coordinator');"
	    "INSERT INTO user_role_areas (user_id, role, area_id) VALUES"
	    " ('" PRIYA "', 'coordinator', '" ACOMB "'), ('" TOM "', 'coordinator', '" HEWORTH "');"
	    "INSERT INTO drop_ins (id, area_id, venue, address, weekday, starts_at, ends_at,"
	    " frequency, first_date, created_at, updated_at) VALUES"
	    " ('" ACOMB_DROP_IN "', '" ACOMB "', 'Acomb Explore Library', 'Front Street', 2,"
	    " '10:00', '12:00', 'weekly', '2025-01-07', " T ", " T "),"
	    " ('" HEWORTH_DROP_IN "', '" HEWORTH "', 'Heworth Village Hall', 'East Parade', 3,"
	    " '10:00', '12:00', 'weekly', '2025-01-08', " T ", " T ");"
	    "INSERT INTO people (id, name, preferred_name, area_id, coordinator_id, created_at,"
	    " updated_at) VALUES ('" ANN "', 'Ann Example', 'Annie', '" ACOMB "', '" PRIYA "', "
	    T ", " T ");"
	    "INSERT INTO involvements (id, kind, area_id, started_on, ended_on, end_reason,"
	    " ended_by, created_at, updated_at) VALUES ('" FIRST "', 'short_term', '" ACOMB "',"
	    " '2025-01-06', '2025-02-10', 'in_place', 'agreement', " T ", " T "),"
	    " ('" RETURN "', 'walking_alongside', '" ACOMB "', '2025-03-03', NULL, NULL, NULL, "
	    T ", " T ");"
	    "INSERT INTO involvement_people (involvement_id, person_id) VALUES"
	    " ('" FIRST "', '" ANN "'), ('" RETURN "', '" ANN "');");
#undef T
	f->arena = arena_new();
	f->priya_user = (struct user){.id = PRIYA, .roles = USER_COORDINATOR,
				      .coordinator_areas = acomb, .coordinator_area_count = 1};
	f->tom_user = (struct user){.id = TOM, .roles = USER_COORDINATOR,
				    .coordinator_areas = heworth, .coordinator_area_count = 1};
	f->priya = (struct caller){.kind = CALLER_STAFF, .user = &f->priya_user,
				   .client_address = "127.0.0.1", .request_id = "test"};
	f->tom = f->priya;
	f->tom.user = &f->tom_user;
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

/* Audit rows of the action by the user with the outcome. */
static long audited(struct fixture *f, const char *action, const char *user,
		    const char *outcome)
{
	struct db_param p[] = {DB_TEXT(action), DB_TEXT(user), DB_TEXT(outcome)};
	struct db_rows rows;
	struct err e;
	assert_int_equal(db_run(f->db, f->arena,
				"SELECT count(*) FROM audit_log WHERE record_type = 'conversation'"
				" AND action = $1 AND actor_user_id = $2 AND outcome = $3",
				p, &rows, &e),
			 0);
	return strtol(db_cell(&rows, 0, 0), NULL, 10);
}

static struct conversation *logged(struct fixture *f, struct conversation_input in)
{
	struct conversation *x;
	struct err e;
	int rc = conversation_log(f->db, &f->priya, ANN, &in, f->arena, &x, &e);
	if (rc < 0)
		fprintf(stderr, "%s\n", e.msg);
	assert_int_equal(rc, RESULT_OK);
	return x;
}

static void two_fields_are_enough(void **state)
{
	struct fixture *f = *state;
	struct conversation *x = logged(f, (struct conversation_input){.how = "phone"});
	assert_string_equal(x->how, "phone");
	assert_string_equal(x->state, "held");
	assert_string_equal(x->involvement_id, RETURN);
	assert_string_equal(x->created_by, PRIYA);
	assert_string_equal(x->created_by_name, "Priya Shah");
	assert_null(x->place);
	assert_int_equal(x->note_count, 0);
	assert_true(x->first);
	assert_false(x->good_life);
	assert_int_equal(audited(f, "create", PRIYA, "ok"), 1);
}

static void wall_clock_times_are_london_time(void **state)
{
	struct fixture *f = *state;
	struct conversation *x = logged(f, (struct conversation_input){
		.at = "2025-07-01T10:00", .how = "met", .place = "Café on Front Street"});
	assert_string_equal(x->at, "2025-07-01T09:00:00.000Z");
	x = logged(f, (struct conversation_input){.at = "2025-12-01T10:00", .how = "video"});
	assert_string_equal(x->at, "2025-12-01T10:00:00.000Z");
	x = logged(f, (struct conversation_input){.at = "2025-12-01T10:05:30.250Z", .how = "text"});
	assert_string_equal(x->at, "2025-12-01T10:05:30.000Z");
}

static void the_future_and_unknown_ways_are_refused_together(void **state)
{
	struct fixture *f = *state;
	char long_place[260];
	memset(long_place, 'x', sizeof long_place - 1);
	long_place[sizeof long_place - 1] = '\0';
	struct conversation_input in = {.at = "2099-01-01T10:00", .how = "carrier_pigeon",
					.state = "maybe", .place = long_place,
					.next_step_on = "2025-02-30"};
	struct conversation *x;
	struct err e;
	assert_int_equal(conversation_log(f->db, &f->priya, ANN, &in, f->arena, &x, &e),
			 RESULT_INVALID);
	assert_null(x);
	assert_non_null(strstr(err_field_message(&e, "at"), "future"));
	assert_non_null(err_field_message(&e, "how"));
	assert_non_null(err_field_message(&e, "state"));
	assert_non_null(err_field_message(&e, "place"));
	assert_non_null(err_field_message(&e, "next_step_on"));
	assert_non_null(err_field_message(&e, "next_step"));
	in = (struct conversation_input){.at = "yesterday", .how = "met"};
	assert_int_equal(conversation_log(f->db, &f->priya, ANN, &in, f->arena, &x, &e),
			 RESULT_INVALID);
	assert_non_null(err_field_message(&e, "at"));
	assert_int_equal(count(f, "SELECT count(*) FROM conversations"), 0);
	assert_int_equal(audited(f, "create", PRIYA, "ok"), 0);
}

static void where_is_a_drop_in_of_their_area_or_typed(void **state)
{
	struct fixture *f = *state;
	struct conversation *x = logged(f, (struct conversation_input){
		.how = "drop_in", .drop_in_id = ACOMB_DROP_IN});
	assert_string_equal(x->drop_in_name, "Acomb Explore Library");
	struct conversation_input other = {.how = "drop_in", .drop_in_id = HEWORTH_DROP_IN};
	struct conversation_input both = {.how = "met", .drop_in_id = ACOMB_DROP_IN,
					  .place = "office"};
	struct err e;
	assert_int_equal(conversation_log(f->db, &f->priya, ANN, &other, f->arena, &x, &e),
			 RESULT_INVALID);
	assert_non_null(err_field_message(&e, "drop_in_id"));
	assert_int_equal(conversation_log(f->db, &f->priya, ANN, &both, f->arena, &x, &e),
			 RESULT_INVALID);
	assert_non_null(err_field_message(&e, "place"));
	/* "office" may be typed. */
	x = logged(f, (struct conversation_input){.how = "met", .place = "office"});
	assert_string_equal(x->place, "office");
}

static void a_conversation_belongs_to_the_involvement_of_its_date(void **state)
{
	struct fixture *f = *state;
	const char *const cases[][2] = {
		{"2025-01-20T10:00", FIRST},   /* running */
		{"2025-02-10T16:00", FIRST},   /* its last day */
		/* On a day none ran: the next to start after it (a return's
		 * first conversation may be logged before its start date)... */
		{"2025-02-20T10:00", RETURN},
		{"2024-12-01T10:00", FIRST},
		{"2025-03-03T09:00", RETURN},  /* the return's first day */
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct conversation *x = logged(f, (struct conversation_input){
			.at = cases[i][0], .how = "phone", .state = "arranged"});
		assert_string_equal(x->involvement_id, cases[i][1]);
	}
	/* ...else the latest started before it. */
	testdb_run(f->db, "UPDATE involvements SET ended_on = '2025-03-31', end_reason = 'moved_away',"
			  " ended_by = 'person' WHERE id = '" RETURN "'");
	struct conversation *x = logged(f, (struct conversation_input){
		.at = "2025-04-10T10:00", .how = "phone", .state = "arranged"});
	assert_string_equal(x->involvement_id, RETURN);
}

/* Two requests may both find no good-life conversation yet (PostgreSQL's
 * BEGIN takes no lock): the database itself keeps it to one. */
static void the_database_keeps_one_good_life_conversation(void **state)
{
	struct fixture *f = *state;
	logged(f, (struct conversation_input){.how = "met", .good_life = true});
	struct db_conn *c;
	struct err e;
	assert_int_equal(db_acquire(f->db, &c, &e), 0);
	assert_int_equal(db_query_plain(c, f->arena,
					"INSERT INTO conversations (id, person_id, involvement_id,"
					" at, how, good_life, created_at) VALUES"
					" ('f0000000000000000000000000000001', '" ANN "', '" RETURN
					"', '2026-01-01T10:00:00.000Z', 'met', 1,"
					" '2026-01-01T10:00:00.000Z')",
					NULL, &e),
			 RESULT_CONFLICT);
	db_release(c);
	assert_int_equal(count(f, "SELECT count(*) FROM conversations WHERE good_life = 1"), 1);
	/* Another involvement's may be one. */
	logged(f, (struct conversation_input){.at = "2025-01-20T10:00", .how = "met",
					      .good_life = true});
}

static void the_first_conversation_is_the_earliest_held(void **state)
{
	struct fixture *f = *state;
	/* The call that arranged it came first, and does not count. */
	logged(f, (struct conversation_input){.at = "2025-03-04T09:00", .how = "phone",
					      .state = "arranged"});
	logged(f, (struct conversation_input){.at = "2025-03-20T10:00", .how = "met"});
	logged(f, (struct conversation_input){.at = "2025-03-11T10:00", .how = "met",
					      .good_life = true});
	logged(f, (struct conversation_input){.at = "2025-01-10T10:00", .how = "met"});
	struct conversation *list;
	size_t n;
	struct err e;
	assert_int_equal(conversation_list(f->db, &f->priya, ANN, f->arena, &list, &n, &e), 0);
	assert_int_equal(n, 4);
	/* Newest first. */
	assert_string_equal(list[0].at, "2025-03-20T10:00:00.000Z");
	assert_false(list[0].first);
	assert_string_equal(list[1].at, "2025-03-11T10:00:00.000Z");
	assert_true(list[1].first);
	assert_true(list[1].good_life);
	assert_false(list[2].first);
	assert_string_equal(list[2].state, "arranged");
	assert_true(list[3].first);   /* of the first involvement */
	assert_int_equal(audited(f, "list", PRIYA, "ok"), 1);

	/* One good-life conversation an involvement; never one only arranged. */
	struct conversation_input again = {.how = "met", .good_life = true};
	struct conversation_input arranged = {.how = "phone", .state = "arranged",
					      .good_life = true};
	struct conversation *x;
	assert_int_equal(conversation_log(f->db, &f->priya, ANN, &again, f->arena, &x, &e),
			 RESULT_INVALID);
	assert_non_null(err_field_message(&e, "good_life"));
	assert_int_equal(conversation_log(f->db, &f->priya, ANN, &arranged, f->arena, &x, &e),
			 RESULT_INVALID);
	assert_non_null(err_field_message(&e, "good_life"));
}

static void a_corrected_note_keeps_every_version(void **state)
{
	struct fixture *f = *state;
	struct conversation *x = logged(f, (struct conversation_input){
		.how = "met", .note = "Talked about the alotment"});
	const char *id = x->id;
	struct err e;
	assert_int_equal(conversation_correct(f->db, &f->priya, ANN, id,
					      "Talked about the allotment", &e),
			 RESULT_OK);
	assert_int_equal(conversation_correct(f->db, &f->priya, ANN, id,
					      "Talked about the allotment and her dog", &e),
			 RESULT_OK);
	/* The same again, or nothing, is not a correction. */
	assert_int_equal(conversation_correct(f->db, &f->priya, ANN, id,
					      "Talked about the allotment and her dog", &e),
			 RESULT_INVALID);
	assert_non_null(err_field_message(&e, "note"));
	assert_int_equal(conversation_correct(f->db, &f->priya, ANN, id, NULL, &e),
			 RESULT_INVALID);
	assert_int_equal(conversation_get(f->db, &f->priya, ANN, id, f->arena, &x, &e), 0);
	assert_int_equal(x->note_count, 3);
	assert_int_equal(x->notes[0].version, 3);
	assert_string_equal(x->notes[0].note, "Talked about the allotment and her dog");
	assert_string_equal(x->notes[2].note, "Talked about the alotment");
	assert_string_equal(x->notes[1].username, "priya");
	assert_string_equal(x->notes[2].user_id, PRIYA);
	assert_int_equal(audited(f, "update", PRIYA, "ok"), 2);
	assert_int_equal(audited(f, "read", PRIYA, "ok"), 1);

	/* Another person's conversation is not this person's to correct. */
	assert_int_equal(conversation_correct(f->db, &f->priya, ANN, NOBODY, "A note", &e),
			 RESULT_NOT_FOUND);
	assert_string_equal(e.subject, "conversation");
}

static void out_of_reach_is_not_found_and_audited(void **state)
{
	struct fixture *f = *state;
	struct conversation *x = logged(f, (struct conversation_input){.how = "met",
								       .note = "First words"});
	const char *id = x->id;
	struct err e, none;
	struct conversation_input in = {.how = "phone"};
	assert_int_equal(conversation_log(f->db, &f->tom, ANN, &in, f->arena, &x, &e),
			 RESULT_NOT_FOUND);
	assert_string_equal(e.subject, "person");
	assert_int_equal(conversation_log(f->db, &f->tom, NOBODY, &in, f->arena, &x, &none),
			 RESULT_NOT_FOUND);
	assert_string_equal(none.msg, e.msg);
	/* Whatever was sent: the person is not found before anything is
	 * checked. */
	struct conversation_input bad = {.how = "carrier_pigeon"};
	assert_int_equal(conversation_log(f->db, &f->tom, ANN, &bad, f->arena, &x, &e),
			 RESULT_NOT_FOUND);
	struct conversation *list;
	size_t n;
	assert_int_equal(conversation_list(f->db, &f->tom, ANN, f->arena, &list, &n, &e),
			 RESULT_NOT_FOUND);
	assert_int_equal(n, 0);
	assert_int_equal(conversation_correct(f->db, &f->tom, ANN, id, "Changed", &e),
			 RESULT_NOT_FOUND);
	assert_int_equal(conversation_get(f->db, &f->tom, ANN, id, f->arena, &x, &e),
			 RESULT_NOT_FOUND);
	struct caller public = caller_public("127.0.0.2", "test");
	assert_int_equal(conversation_list(f->db, &public, ANN, f->arena, &list, &n, &e),
			 RESULT_NOT_FOUND);

	assert_int_equal(audited(f, "create", TOM, "refused"), 3);
	assert_int_equal(audited(f, "list", TOM, "refused"), 1);
	assert_int_equal(audited(f, "update", TOM, "refused"), 1);
	assert_int_equal(audited(f, "read", TOM, "refused"), 1);
	assert_int_equal(count(f, "SELECT count(*) FROM conversations"), 1);
	assert_int_equal(count(f, "SELECT count(*) FROM conversation_notes"), 1);

	/* The page's view: the name they like and their area's drop-ins. */
	struct conversation_history h;
	assert_int_equal(conversation_history(f->db, &f->priya, ANN, f->arena, &h, &e), 0);
	assert_string_equal(h.person_name, "Annie");
	assert_int_equal(h.count, 1);
	assert_int_equal(h.venue_count, 1);
	assert_int_equal(conversation_history(f->db, &f->tom, ANN, f->arena, &h, &e),
			 RESULT_NOT_FOUND);
	assert_null(h.person_name);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(two_fields_are_enough, setup, teardown),
		cmocka_unit_test_setup_teardown(wall_clock_times_are_london_time, setup, teardown),
		cmocka_unit_test_setup_teardown(the_future_and_unknown_ways_are_refused_together,
						setup, teardown),
		cmocka_unit_test_setup_teardown(where_is_a_drop_in_of_their_area_or_typed, setup,
						teardown),
		cmocka_unit_test_setup_teardown(a_conversation_belongs_to_the_involvement_of_its_date,
						setup, teardown),
		cmocka_unit_test_setup_teardown(the_first_conversation_is_the_earliest_held, setup,
						teardown),
		cmocka_unit_test_setup_teardown(the_database_keeps_one_good_life_conversation, setup,
						teardown),
		cmocka_unit_test_setup_teardown(a_corrected_note_keeps_every_version, setup,
						teardown),
		cmocka_unit_test_setup_teardown(out_of_reach_is_not_found_and_audited, setup,
						teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
