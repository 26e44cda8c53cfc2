/* A person's network, called on the domain directly: a picture is
 * recorded whole or not at all, numbered in order, never dated in the
 * future, follows the same member from picture to picture only within the
 * person's own network, and two pictures compare member by member; a
 * person out of reach is not found, with the refusal audited. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/arena.h"
#include "core/date.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/people/network.h"
#include "domain/staff/caller.h"
#include "domain/staff/user.h"
#include "support/testdb.h"

#define ACOMB "a0000000000000000000000000000001"
#define HEWORTH "a0000000000000000000000000000002"
#define PRIYA "b0000000000000000000000000000001"
#define TOM "b0000000000000000000000000000002"
#define ANN "c0000000000000000000000000000001"
#define BEN "c0000000000000000000000000000002"  /* Ann's son: a network of his own */
#define FAMILY "d0000000000000000000000000000001"  /* Ann and Ben's involvement */
#define ANN_TALK "f0000000000000000000000000000001"
#define BEN_TALK "f0000000000000000000000000000002"

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
	    "INSERT INTO people (id, name, preferred_name, area_id, coordinator_id, created_at,"
	    " updated_at) VALUES ('" ANN "', 'Ann Example', 'Annie', '" ACOMB "', '" PRIYA "', "
	    T ", " T "), ('" BEN "', 'Ben Example', NULL, '" ACOMB "', '" PRIYA "', " T ", " T ");"
	    "INSERT INTO involvements (id, kind, area_id, started_on, created_at, updated_at)"
	    " VALUES ('" FAMILY "', 'walking_alongside', '" ACOMB "', '2025-01-06', " T ", " T ");"
	    "INSERT INTO involvement_people (involvement_id, person_id) VALUES"
	    " ('" FAMILY "', '" ANN "'), ('" FAMILY "', '" BEN "');"
	    "INSERT INTO conversations (id, person_id, involvement_id, at, how, created_at) VALUES"
	    " ('" ANN_TALK "', '" ANN "', '" FAMILY "', " T ", 'met', " T "),"
	    " ('" BEN_TALK "', '" BEN "', '" FAMILY "', " T ", 'met', " T ");");
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

/* Nothing of any network is stored. */
static void nothing_written(struct fixture *f)
{
	assert_int_equal(count(f, "SELECT count(*) FROM network_snapshots"), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM network_members"), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM network_placements"), 0);
}

static long audited(struct fixture *f, const char *action, const char *user,
		    const char *outcome)
{
	struct db_param p[] = {DB_TEXT(action), DB_TEXT(user), DB_TEXT(outcome)};
	struct db_rows rows;
	struct err e;
	assert_int_equal(db_run(f->db, f->arena,
				"SELECT count(*) FROM audit_log WHERE record_type = 'network'"
				" AND action = $1 AND actor_user_id = $2 AND outcome = $3",
				p, &rows, &e),
			 0);
	return strtol(db_cell(&rows, 0, 0), NULL, 10);
}

static struct network_picture *recorded(struct fixture *f, const char *person,
					struct network_picture_input in)
{
	struct network_picture *x;
	struct err e;
	int rc = network_record(f->db, &f->priya, person, &in, f->arena, &x, &e);
	if (rc < 0)
		fprintf(stderr, "%s\n", e.msg);
	assert_int_equal(rc, RESULT_OK);
	return x;
}

static int refused(struct fixture *f, const char *person, struct network_picture_input in,
		   struct err *e)
{
	struct network_picture *x;
	int rc = network_record(f->db, &f->priya, person, &in, f->arena, &x, e);
	assert_null(x);
	return rc;
}

#define MEMBERS(...)                                                                     \
	.members = (struct network_member_input[]){__VA_ARGS__},                          \
	.member_count = sizeof((struct network_member_input[]){__VA_ARGS__}) /            \
			sizeof(struct network_member_input)

static void pictures_are_numbered_and_follow_their_members(void **state)
{
	struct fixture *f = *state;
	struct network_picture *first = recorded(f, ANN, (struct network_picture_input){
		.taken_on = "2025-03-04", .conversation_id = ANN_TALK, .note = "At the library",
		MEMBERS({.name = "Sue next door", .relationship = "neighbour", .circle = "3"},
			{.name = "Mum", .relationship = "family", .relationship_words = "my mum",
			 .circle = "1", .can_call_on = true})});
	assert_int_equal(first->number, 1);
	assert_string_equal(first->taken_on, "2025-03-04");
	assert_string_equal(first->conversation_id, ANN_TALK);
	assert_string_equal(first->created_by_name, "Priya Shah");
	assert_int_equal(first->member_count, 2);
	/* By circle, then as given. */
	assert_string_equal(first->members[0].name, "Mum");
	assert_int_equal(first->members[0].circle, 1);
	assert_true(first->members[0].can_call_on);
	assert_string_equal(first->members[0].relationship_words, "my mum");
	assert_string_equal(first->members[1].name, "Sue next door");
	assert_false(first->members[1].can_call_on);

	const char *mum = first->members[0].member_id, *sue = first->members[1].member_id;
	struct network_picture *second = recorded(f, ANN, (struct network_picture_input){
		MEMBERS({.member_id = sue, .name = "Sue", .relationship = "friend", .circle = "2"},
			{.member_id = mum, .name = "Mum", .relationship = "family", .circle = "1"},
			{.name = "Gardening group", .relationship = "community", .circle = "3"})});
	assert_int_equal(second->number, 2);
	assert_null(second->conversation_id);
	char today[11];
	date_format(date_uk_today(time(NULL)), today);
	assert_string_equal(second->taken_on, today);
	assert_string_equal(second->members[0].member_id, mum);
	assert_string_equal(second->members[1].member_id, sue);
	assert_string_equal(second->members[1].name, "Sue");
	assert_int_equal(count(f, "SELECT count(*) FROM network_members"), 3);

	struct network n;
	struct err e;
	assert_int_equal(network_get(f->db, &f->priya, ANN, f->arena, &n, &e), RESULT_OK);
	assert_string_equal(n.person_name, "Annie");
	assert_int_equal(n.picture_count, 2);
	assert_int_equal(n.pictures[0].number, 1);
	assert_int_equal(n.pictures[0].member_count, 2);
	assert_int_equal(n.pictures[1].number, 2);
	assert_int_equal(n.pictures[1].member_count, 3);
	/* Called "Sue" now, "Sue next door" in the first picture still. */
	assert_string_equal(n.pictures[0].members[1].name, "Sue next door");
	assert_string_equal(n.pictures[1].members[1].name, "Sue");
	assert_int_equal(audited(f, "create", PRIYA, "ok"), 2);
	assert_int_equal(audited(f, "read", PRIYA, "ok"), 1);

	/* A family's members each have their own. */
	assert_int_equal(network_get(f->db, &f->priya, BEN, f->arena, &n, &e), RESULT_OK);
	assert_string_equal(n.person_name, "Ben Example");
	assert_int_equal(n.picture_count, 0);
}

static void bad_input_is_named_field_by_field_and_changes_nothing(void **state)
{
	struct fixture *f = *state;
	char long_name[100];
	memset(long_name, 'x', sizeof long_name - 1);
	long_name[sizeof long_name - 1] = '\0';
	struct err e;
	assert_int_equal(refused(f, ANN, (struct network_picture_input){
		.taken_on = "04/03/2025",
		MEMBERS({.relationship = "cousin", .circle = "5"},
			{.name = "Sue", .relationship = "friend"},
			{.name = long_name, .relationship = "paid", .circle = "0"},
			{.name = "", .relationship = "family", .circle = "1"})}, &e),
		RESULT_INVALID);
	assert_non_null(err_field_message(&e, "taken_on"));
	assert_non_null(strstr(err_field_message(&e, "members.0.name"), "Annie"));
	assert_non_null(err_field_message(&e, "members.0.relationship"));
	assert_non_null(err_field_message(&e, "members.0.circle"));
	assert_null(err_field_message(&e, "members.1.name"));
	assert_string_equal(err_field_message(&e, "members.1.circle"),
			    "Choose how close Annie is to Sue: from 1, the closest, to 4, people "
			    "paid to be there");
	assert_non_null(err_field_message(&e, "members.2.name"));
	assert_non_null(err_field_message(&e, "members.2.circle"));
	assert_non_null(err_field_message(&e, "members.3.name"));

	assert_int_equal(refused(f, ANN, (struct network_picture_input){.taken_on = "2025-02-30"},
				 &e),
			 RESULT_INVALID);
	assert_non_null(err_field_message(&e, "taken_on"));
	assert_non_null(err_field_message(&e, "members"));
	nothing_written(f);
	assert_int_equal(audited(f, "create", PRIYA, "ok"), 0);
}

/* A name with a control character is not too long: saying so would
 * leave the coordinator counting characters. */
static void control_characters_are_named_as_such(void **state)
{
	struct fixture *f = *state;
	struct err e;
	assert_int_equal(refused(f, ANN, (struct network_picture_input){
		.note = "Drawn\x07 at the caf\xc3\xa9",
		MEMBERS({.name = "Sue\tSmith", .relationship = "friend", .circle = "2",
			 .relationship_words = "my\nneighbour"})}, &e),
		RESULT_INVALID);
	static const char *const fields[] = {"members.0.name", "members.0.relationship_words",
					     "note"};
	for (size_t i = 0; i < sizeof fields / sizeof *fields; i++) {
		const char *msg = err_field_message(&e, fields[i]);
		assert_non_null(msg);
		assert_non_null(strstr(msg, "control character"));
		assert_null(strstr(msg, "up to"));
	}
	assert_non_null(strstr(err_field_message(&e, "members.0.relationship_words"),
			       "In Annie\xe2\x80\x99s words"));
	nothing_written(f);
}

static void a_picture_is_never_dated_in_the_future(void **state)
{
	struct fixture *f = *state;
	char tomorrow[11];
	date_format(date_from_days(date_to_days(date_uk_today(time(NULL))) + 1), tomorrow);
	struct err e;
	assert_int_equal(refused(f, ANN, (struct network_picture_input){
		.taken_on = tomorrow,
		MEMBERS({.name = "Mum", .relationship = "family", .circle = "1"})}, &e),
		RESULT_INVALID);
	assert_non_null(strstr(err_field_message(&e, "taken_on"), "future"));
	nothing_written(f);
}

static void members_and_conversations_are_the_persons_own(void **state)
{
	struct fixture *f = *state;
	struct network_picture *ben = recorded(f, BEN, (struct network_picture_input){
		MEMBERS({.name = "Grandad", .relationship = "family", .circle = "1"})});
	struct network_picture *ann = recorded(f, ANN, (struct network_picture_input){
		MEMBERS({.name = "Mum", .relationship = "family", .circle = "1"})});
	const char *grandad = ben->members[0].member_id, *mum = ann->members[0].member_id;
	struct err e;
	assert_int_equal(refused(f, ANN, (struct network_picture_input){
		.conversation_id = BEN_TALK,
		MEMBERS({.member_id = grandad, .name = "Grandad", .relationship = "family",
			 .circle = "1"},
			{.member_id = mum, .name = "Mum", .relationship = "family", .circle = "1"},
			{.member_id = mum, .name = "Mum", .relationship = "family", .circle = "2"},
			{.member_id = "not an id", .name = "Jo", .relationship = "friend",
			 .circle = "2"})}, &e),
		RESULT_INVALID);
	assert_non_null(strstr(err_field_message(&e, "conversation_id"), "Annie"));
	assert_non_null(strstr(err_field_message(&e, "members.0.member_id"), "Grandad"));
	assert_non_null(strstr(err_field_message(&e, "members.0.member_id"),
			       "Annie\xe2\x80\x99s network"));
	assert_null(err_field_message(&e, "members.1.member_id"));
	assert_non_null(strstr(err_field_message(&e, "members.2.member_id"), "already"));
	assert_non_null(err_field_message(&e, "members.3.member_id"));
	assert_int_equal(count(f, "SELECT count(*) FROM network_snapshots"), 2);
	assert_int_equal(count(f, "SELECT count(*) FROM network_members"), 2);
	assert_int_equal(count(f, "SELECT count(*) FROM network_placements"), 2);
	/* Each person's pictures are numbered from one. */
	assert_int_equal(ben->number, 1);
	assert_int_equal(ann->number, 1);
}

static void a_person_out_of_reach_is_not_found(void **state)
{
	struct fixture *f = *state;
	struct network_picture_input in = {
		MEMBERS({.name = "Mum", .relationship = "family", .circle = "1"})};
	struct network_picture *x;
	struct err e;
	assert_int_equal(network_record(f->db, &f->tom, ANN, &in, f->arena, &x, &e),
			 RESULT_NOT_FOUND);
	assert_string_equal(e.subject, "person");
	char missing_msg[ERR_MSG_MAX];
	memcpy(missing_msg, e.msg, sizeof missing_msg);
	assert_int_equal(network_record(f->db, &f->priya, "c00000000000000000000000000000ff",
					&in, f->arena, &x, &e),
			 RESULT_NOT_FOUND);
	assert_string_equal(e.msg, missing_msg);
	nothing_written(f);
	assert_int_equal(audited(f, "create", TOM, "refused"), 1);
	struct network n;
	assert_int_equal(network_get(f->db, &f->tom, ANN, f->arena, &n, &e), RESULT_NOT_FOUND);
	assert_int_equal(n.picture_count, 0);
	assert_int_equal(audited(f, "read", TOM, "refused"), 1);
}

static struct network_placement at(const char *id, const char *name, int circle)
{
	return (struct network_placement){.member_id = id, .name = name, .circle = circle};
}

static void two_pictures_compare_member_by_member(void **state)
{
	struct fixture *f = *state;
	struct network_placement then[] = {at("m1", "Mum", 1), at("m2", "Sue", 3),
					   at("m3", "Support worker", 4), at("m4", "Jo", 2)};
	struct network_placement now[] = {at("m1", "Mum", 1), at("m2", "Sue from next door", 2),
					  at("m5", "Gardening group", 3), at("m4", "Jo", 3)};
	struct network_picture from = {.members = then, .member_count = 4};
	struct network_picture to = {.members = now, .member_count = 4};
	struct network_change *changes;
	size_t n;
	network_compare(&from, &to, f->arena, &changes, &n);
	assert_int_equal(n, 5);
	const struct {
		const char *id, *name;
		int from, to;
		enum network_move move;
	} want[] = {
		{"m1", "Mum", 1, 1, NETWORK_STAYED},
		{"m2", "Sue from next door", 3, 2, NETWORK_CLOSER},
		{"m5", "Gardening group", 0, 3, NETWORK_JOINED},
		{"m4", "Jo", 2, 3, NETWORK_FURTHER},
		{"m3", "Support worker", 4, 0, NETWORK_LEFT},
	};
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(changes[i].member_id, want[i].id);
		assert_string_equal(changes[i].name, want[i].name);
		assert_int_equal(changes[i].from_circle, want[i].from);
		assert_int_equal(changes[i].to_circle, want[i].to);
		assert_int_equal(changes[i].move, want[i].move);
	}
	/* A picture beside itself: everyone stayed. */
	network_compare(&from, &from, f->arena, &changes, &n);
	assert_int_equal(n, 4);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(changes[i].move, NETWORK_STAYED);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(pictures_are_numbered_and_follow_their_members,
						setup, teardown),
		cmocka_unit_test_setup_teardown(bad_input_is_named_field_by_field_and_changes_nothing,
						setup, teardown),
		cmocka_unit_test_setup_teardown(control_characters_are_named_as_such, setup, teardown),
		cmocka_unit_test_setup_teardown(a_picture_is_never_dated_in_the_future, setup,
						teardown),
		cmocka_unit_test_setup_teardown(members_and_conversations_are_the_persons_own, setup,
						teardown),
		cmocka_unit_test_setup_teardown(a_person_out_of_reach_is_not_found, setup, teardown),
		cmocka_unit_test_setup_teardown(two_pictures_compare_member_by_member, setup,
						teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
