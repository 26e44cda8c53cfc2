/* The shared agreement's rules, called on the domain directly: it belongs
 * to walking alongside, every bad input is refused at its field with
 * nothing written, every change is a new version made from the current
 * one (else a conflict), a family shares one, an ending the person asked
 * for is theirs, and two versions compare goal by goal and step by step
 * naming the version that made each change. */
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
#include "domain/people/agreement.h"
#include "domain/people/involvement.h"
#include "domain/staff/caller.h"
#include "domain/staff/user.h"
#include "support/testdb.h"

#define ACOMB "a0000000000000000000000000000001"
#define HEWORTH "a0000000000000000000000000000002"
#define PRIYA "b0000000000000000000000000000001"
#define TOM "b0000000000000000000000000000002"
#define ANN "c0000000000000000000000000000001"
#define CARL "c0000000000000000000000000000002"   /* in Ann's household */
#define BEA "c0000000000000000000000000000003"    /* short-term help */
#define DEE "c0000000000000000000000000000004"    /* none open */
#define FAMILY "d0000000000000000000000000000001"
#define SHORT "d0000000000000000000000000000002"
#define ENDED "d0000000000000000000000000000003"

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
	    T ", " T "), ('" CARL "', 'Carl Example', NULL, '" ACOMB "', '" PRIYA "', " T ", " T "),"
	    " ('" BEA "', 'Bea Example', NULL, '" ACOMB "', '" PRIYA "', " T ", " T "),"
	    " ('" DEE "', 'Dee Example', NULL, '" ACOMB "', '" PRIYA "', " T ", " T ");"
	    "INSERT INTO involvements (id, kind, area_id, started_on, ended_on, end_reason,"
	    " ended_by, created_at, updated_at) VALUES"
	    " ('" FAMILY "', 'walking_alongside', '" ACOMB "', '2025-03-03', NULL, NULL, NULL, "
	    T ", " T "), ('" SHORT "', 'short_term', '" ACOMB "', '2025-03-03', NULL, NULL, NULL, "
	    T ", " T "), ('" ENDED "', 'walking_alongside', '" ACOMB "', '2025-01-06',"
	    " '2025-02-10', 'in_place', 'agreement', " T ", " T ");"
	    "INSERT INTO involvement_people (involvement_id, person_id) VALUES"
	    " ('" FAMILY "', '" ANN "'), ('" FAMILY "', '" CARL "'), ('" SHORT "', '" BEA "'),"
	    " ('" ENDED "', '" DEE "');");
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

/* Everything an agreement writes, counted: no bad input may change it. */
static long written(struct fixture *f)
{
	return count(f, "SELECT (SELECT count(*) FROM agreements)"
			" + (SELECT count(*) FROM agreement_versions)"
			" + (SELECT count(*) FROM agreement_goals)"
			" + (SELECT count(*) FROM agreement_steps)");
}

static const struct agreement_step_input walk_step[] = {
	{.words = "Walk to the park with Sue on Sundays", .taken_by = "person"},
	{.words = "Find out about the walking group", .taken_by = "coordinator",
	 .taken_by_words = "Priya", .by_when = "2025-06-30"},
};
static const struct agreement_goal_input walk_goal[] = {
	{.words = "Get out of the house more", .steps = walk_step, .step_count = 2},
};

static struct agreement_input first(void)
{
	return (struct agreement_input){.asked_by = "together", .agreed_on = "2025-04-01",
					.agreed_how = "in_person", .goals = walk_goal,
					.goal_count = 1};
}

static struct agreement *saved(struct fixture *f, const char *person,
			       struct agreement_input in)
{
	struct agreement *g;
	struct err e;
	int rc = agreement_save(f->db, &f->priya, person, &in, f->arena, &g, &e);
	if (rc < 0)
		fprintf(stderr, "%s\n", e.msg);
	assert_int_equal(rc, RESULT_OK);
	return g;
}

static void starts_with_keys_and_reads_back(void **state)
{
	struct fixture *f = *state;
	struct agreement *g = saved(f, ANN, first());
	assert_int_equal(g->version, 1);
	assert_string_equal(g->involvement_id, FAMILY);
	assert_string_equal(g->person_name, "Annie");
	assert_string_equal(g->coordinator_name, "Priya Shah");
	assert_int_equal(g->member_count, 2);
	assert_true(g->open);
	assert_string_equal(g->involvement_kind, "walking_alongside");
	assert_int_equal(g->version_count, 1);
	const struct agreement_version *v = g->current;
	assert_string_equal(v->state, "in_place");
	assert_string_equal(v->made_by_name, "Priya Shah");
	assert_int_equal(v->goal_count, 1);
	assert_int_equal(strlen(v->goals[0].key), 32);
	assert_int_equal(v->goals[0].step_count, 2);
	assert_string_equal(v->goals[0].steps[0].status, "not_yet");
	assert_null(v->goals[0].steps[0].by_when);
	assert_string_equal(v->goals[0].steps[1].taken_by_words, "Priya");
	assert_int_equal(count(f, "SELECT count(*) FROM audit_log WHERE action = 'create'"
				  " AND record_type = 'agreement' AND outcome = 'ok'"),
			 1);

	/* A family's involvement shares one: Carl reaches the same. */
	struct agreement *carl;
	struct err e;
	assert_int_equal(agreement_get(f->db, &f->priya, CARL, NULL, f->arena, &carl, &e), RESULT_OK);
	assert_string_equal(carl->id, g->id);
	assert_string_equal(carl->person_name, "Carl Example");
	assert_int_equal(count(f, "SELECT count(*) FROM audit_log WHERE action = 'read'"
				  " AND record_type = 'agreement' AND outcome = 'ok'"),
			 1);
}

static void every_bad_input_changes_nothing(void **state)
{
	struct fixture *f = *state;
	struct agreement *g = saved(f, ANN, first());
	const char *goal = g->current->goals[0].key;
	long before = written(f);
	struct agreement_step_input no_taker[] = {{.words = "Ring the library"}};
	struct agreement_step_input blank_words[] = {{.words = "  ", .taken_by = "person"}};
	struct agreement_step_input bad_when[] = {
		{.words = "Ring the library", .taken_by = "person", .by_when = "30/06/2025"}};
	struct agreement_step_input bad_status[] = {
		{.words = "Ring the library", .taken_by = "person", .status = "maybe"}};
	struct agreement_step_input stranger[] = {
		{.key = "f00000000000000000000000000000ff", .words = "x", .taken_by = "person"}};
	struct agreement_goal_input empty[] = {{.key = goal, .words = ""}};
	struct agreement_goal_input g_no_taker[] = {{.words = "Go", .steps = no_taker,
						     .step_count = 1}};
	struct agreement_goal_input g_blank[] = {{.words = "Go", .steps = blank_words,
						  .step_count = 1}};
	struct agreement_goal_input g_when[] = {{.words = "Go", .steps = bad_when,
						 .step_count = 1}};
	struct agreement_goal_input g_status[] = {{.words = "Go", .steps = bad_status,
						   .step_count = 1}};
	struct agreement_goal_input g_stranger[] = {{.key = goal, .words = "Go",
						     .steps = stranger, .step_count = 1}};
	struct agreement_goal_input unknown[] = {{.key = "f00000000000000000000000000000fe",
						  .words = "Go"}};
	struct agreement_goal_input twice[] = {{.key = goal, .words = "Go"},
					       {.key = goal, .words = "Again"}};
	struct {
		struct agreement_input in;
		const char *field;
	} cases[] = {
		{{.from_version = 1, .asked_by = "together", .agreed_how = "paper", .goals = empty,
		  .goal_count = 1}, "goals.0.words"},
		{{.from_version = 1, .asked_by = "together", .agreed_how = "paper"}, "goals"},
		{{.from_version = 1, .asked_by = "together", .agreed_how = "paper",
		  .goals = g_no_taker, .goal_count = 1}, "goals.0.steps.0.taken_by"},
		{{.from_version = 1, .asked_by = "together", .agreed_how = "paper",
		  .goals = g_blank, .goal_count = 1}, "goals.0.steps.0.words"},
		{{.from_version = 1, .asked_by = "together", .agreed_how = "paper",
		  .goals = g_when, .goal_count = 1}, "goals.0.steps.0.by_when"},
		{{.from_version = 1, .asked_by = "together", .agreed_how = "paper",
		  .goals = g_status, .goal_count = 1}, "goals.0.steps.0.status"},
		{{.from_version = 1, .asked_by = "together", .agreed_how = "paper",
		  .goals = g_stranger, .goal_count = 1}, "goals.0.steps.0.key"},
		{{.from_version = 1, .asked_by = "together", .agreed_how = "paper",
		  .goals = unknown, .goal_count = 1}, "goals.0.key"},
		{{.from_version = 1, .asked_by = "together", .agreed_how = "paper",
		  .goals = twice, .goal_count = 2}, "goals.1.key"},
		{{.from_version = 1, .agreed_how = "paper", .goals = walk_goal, .goal_count = 1},
		 "asked_by"},
		{{.from_version = 1, .asked_by = "someone", .agreed_how = "paper",
		  .goals = walk_goal, .goal_count = 1}, "asked_by"},
		{{.from_version = 1, .asked_by = "person", .goals = walk_goal, .goal_count = 1},
		 "agreed_how"},
		{{.from_version = 1, .asked_by = "person", .agreed_how = "paper",
		  .agreed_on = "2025-13-01", .goals = walk_goal, .goal_count = 1}, "agreed_on"},
		{{.from_version = 1, .asked_by = "person", .agreed_how = "paper",
		  .agreed_on = "2999-01-01", .goals = walk_goal, .goal_count = 1}, "agreed_on"},
		{{.from_version = 1, .state = "paused", .asked_by = "person", .agreed_how = "paper",
		  .goals = walk_goal, .goal_count = 1}, "state"},
		{{.from_version = 1, .asked_by = "person", .agreed_how = "paper",
		  .other_plan_reference = "ASC-1234", .goals = walk_goal, .goal_count = 1},
		 "other_plan_service"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct agreement *out;
		struct err e;
		int rc = agreement_save(f->db, &f->priya, ANN, &cases[i].in, f->arena, &out, &e);
		if (rc != RESULT_INVALID || !err_field_message(&e, cases[i].field))
			fail_msg("case %zu (%s): %d %s", i, cases[i].field, rc, e.msg);
		assert_null(out);
		assert_int_equal(written(f), before);
	}
	/* Every problem at once. */
	struct agreement_input many = {.from_version = 1, .goals = g_no_taker, .goal_count = 1,
				       .agreed_on = "tomorrow"};
	struct agreement *out;
	struct err e;
	assert_int_equal(agreement_save(f->db, &f->priya, ANN, &many, f->arena, &out, &e),
			 RESULT_INVALID);
	assert_int_equal(e.field_count, 4);
	assert_int_equal(written(f), before);
}

static void short_term_or_none_open_is_refused(void **state)
{
	struct fixture *f = *state;
	const char *people[] = {BEA, DEE};
	for (size_t i = 0; i < 2; i++) {
		struct agreement_input in = first();
		struct agreement *out;
		struct err e;
		assert_int_equal(agreement_save(f->db, &f->priya, people[i], &in, f->arena, &out, &e),
				 RESULT_INVALID);
		assert_non_null(err_field_message(&e, "involvement"));
		assert_non_null(strstr(err_field_message(&e, "involvement"), "walking alongside"));
	}
	assert_int_equal(written(f), 0);
}

static void out_of_reach_is_not_found_and_audited(void **state)
{
	struct fixture *f = *state;
	saved(f, ANN, first());
	long before = written(f);
	struct agreement_input in = first();
	in.from_version = 1;
	struct agreement *out;
	struct err e;
	assert_int_equal(agreement_save(f->db, &f->tom, ANN, &in, f->arena, &out, &e),
			 RESULT_NOT_FOUND);
	assert_string_equal(e.subject, "person");
	assert_int_equal(agreement_get(f->db, &f->tom, ANN, NULL, f->arena, &out, &e), RESULT_NOT_FOUND);
	assert_string_equal(e.subject, "person");
	assert_null(out);
	assert_int_equal(written(f), before);
	assert_int_equal(count(f, "SELECT count(*) FROM audit_log WHERE record_type = 'agreement'"
				  " AND outcome = 'refused' AND record_id = '" ANN "'"
				  " AND actor_user_id = '" TOM "'"),
			 2);
	/* No agreement yet, and a version it does not have. */
	assert_int_equal(agreement_get(f->db, &f->priya, BEA, NULL, f->arena, &out, &e),
			 RESULT_NOT_FOUND);
	assert_string_equal(e.subject, "agreement");
	assert_int_equal(agreement_version_get(f->db, &f->priya, ANN, NULL, 9, f->arena, &out, &e),
			 RESULT_NOT_FOUND);
	assert_string_equal(e.subject, "version");
	/* Those two are not refusals: the log says there was nothing to read. */
	assert_int_equal(count(f, "SELECT count(*) FROM audit_log WHERE record_type = 'agreement'"
				  " AND action = 'read' AND outcome = 'not_found'"
				  " AND actor_user_id = '" PRIYA "'"),
			 2);
	assert_int_equal(count(f, "SELECT count(*) FROM audit_log WHERE outcome = 'refused'"
				  " AND actor_user_id = '" PRIYA "'"),
			 0);
}

static void two_changes_from_one_version_conflict(void **state)
{
	struct fixture *f = *state;
	struct agreement *g = saved(f, ANN, first());
	struct agreement_input again = first();
	struct agreement *out;
	struct err e;
	assert_int_equal(agreement_save(f->db, &f->priya, CARL, &again, f->arena, &out, &e),
			 RESULT_CONFLICT);
	struct agreement_goal_input keep[] = {{.key = g->current->goals[0].key,
					       .words = "Get out more"}};
	struct agreement_input change = {.from_version = 1, .asked_by = "coordinator",
					 .agreed_how = "phone", .goals = keep, .goal_count = 1};
	saved(f, ANN, change);
	long before = written(f);
	assert_int_equal(agreement_save(f->db, &f->priya, ANN, &change, f->arena, &out, &e),
			 RESULT_CONFLICT);
	assert_int_equal(written(f), before);
	assert_int_equal(count(f, "SELECT version FROM agreements"), 2);
}

static void an_ending_the_person_asked_for_is_theirs(void **state)
{
	struct fixture *f = *state;
	struct agreement *g = saved(f, ANN, first());
	struct agreement_input end = {.from_version = 1, .state = "ended", .asked_by = "person",
				      .why = "I'm doing it on my own now", .agreed_how = "phone"};
	g = saved(f, ANN, end);
	assert_int_equal(g->version, 2);
	assert_string_equal(g->current->state, "ended");
	assert_string_equal(g->current->asked_by, "person");
	assert_string_equal(g->current->why, "I'm doing it on my own now");
	/* What had been agreed stays with the version that ended it. */
	assert_int_equal(g->current->goal_count, 1);
	assert_string_equal(g->current->goals[0].key, g->versions[0].goals[0].key);
	assert_int_equal(g->current->goals[0].step_count, 2);

	struct agreement *one;
	struct err e;
	assert_int_equal(agreement_version_get(f->db, &f->priya, ANN, NULL, 1, f->arena, &one, &e),
			 RESULT_OK);
	assert_int_equal(one->current->version, 1);
	assert_string_equal(one->current->state, "in_place");
	assert_null(one->versions);
	assert_int_equal(one->version, 2);
}

static const struct agreement_item_change *change_of(const struct agreement_comparison *c,
						     const char *goal_key, const char *step_key)
{
	for (size_t i = 0; i < c->change_count; i++)
		if (strcmp(c->changes[i].goal_key, goal_key) == 0 &&
		    ((!step_key && !c->changes[i].step_key) ||
		     (step_key && c->changes[i].step_key &&
		      strcmp(c->changes[i].step_key, step_key) == 0)))
			return &c->changes[i];
	fail_msg("no change for %s/%s", goal_key, step_key ? step_key : "-");
	return NULL;
}

static void compare_names_what_changed_and_which_version(void **state)
{
	struct fixture *f = *state;
	struct agreement *g = saved(f, ANN, first());
	const struct agreement_goal *walk = &g->current->goals[0];
	const char *walk_key = walk->key, *park = walk->steps[0].key, *group = walk->steps[1].key;

	/* 2, at Ann's request: the goal reworded, the park step done, the
	 * group step dropped, a new goal with a step. */
	struct agreement_step_input s2[] = {{.key = park, .words = walk->steps[0].words,
					     .taken_by = "person", .status = "done"}};
	struct agreement_step_input cook_steps[] = {{.words = "Ask Mum for her recipes",
						     .taken_by = "family",
						     .taken_by_words = "Mum"}};
	struct agreement_goal_input g2[] = {
		{.key = walk_key, .words = "Get out of the house most days", .steps = s2,
		 .step_count = 1},
		{.words = "Cook for friends", .steps = cook_steps, .step_count = 1}};
	struct agreement_input in2 = {.from_version = 1, .asked_by = "person",
				      .agreed_how = "phone", .goals = g2, .goal_count = 2};
	g = saved(f, ANN, in2);
	const char *cook = g->current->goals[1].key;
	const char *recipes = g->current->goals[1].steps[0].key;

	/* 3, by the coordinator: the park step gets a date. */
	struct agreement_step_input s3[] = {{.key = park, .words = walk->steps[0].words,
					     .taken_by = "person", .status = "done",
					     .by_when = "2025-05-01"}};
	struct agreement_step_input cook3[] = {{.key = recipes, .words = "Ask Mum for her recipes",
						.taken_by = "family", .taken_by_words = "Mum"}};
	struct agreement_goal_input g3[] = {
		{.key = walk_key, .words = "Get out of the house most days", .steps = s3,
		 .step_count = 1},
		{.key = cook, .words = "Cook for friends", .steps = cook3, .step_count = 1}};
	struct agreement_input in3 = {.from_version = 2, .asked_by = "coordinator",
				      .agreed_how = "in_person", .goals = g3, .goal_count = 2};
	saved(f, ANN, in3);

	struct agreement *ag;
	struct agreement_comparison c;
	struct err e;
	assert_int_equal(agreement_compare(f->db, &f->priya, CARL, NULL, 3, 1, f->arena, &ag, &c, &e),
			 RESULT_OK);
	assert_int_equal(c.from->version, 1);
	assert_int_equal(c.to->version, 3);
	assert_int_equal(c.between_count, 2);
	assert_int_equal(c.change_count, 5);

	const struct agreement_item_change *x = change_of(&c, walk_key, NULL);
	assert_int_equal(x->difference, AGREEMENT_CHANGED);
	assert_string_equal(x->fields, "words");
	assert_int_equal(x->by->version, 2);
	assert_string_equal(x->by->asked_by, "person");

	x = change_of(&c, walk_key, park);
	assert_int_equal(x->difference, AGREEMENT_CHANGED);
	assert_string_equal(x->fields, "by_when,status");
	assert_int_equal(x->by->version, 3);
	assert_string_equal(x->by->asked_by, "coordinator");
	assert_string_equal(x->step_before->status, "not_yet");
	assert_string_equal(x->step_after->status, "done");

	x = change_of(&c, walk_key, group);
	assert_int_equal(x->difference, AGREEMENT_REMOVED);
	assert_null(x->step_after);
	assert_int_equal(x->by->version, 2);

	x = change_of(&c, cook, NULL);
	assert_int_equal(x->difference, AGREEMENT_ADDED);
	assert_null(x->goal_before);
	assert_int_equal(x->by->version, 2);
	x = change_of(&c, cook, recipes);
	assert_int_equal(x->difference, AGREEMENT_ADDED);
	assert_int_equal(x->by->version, 2);

	/* The goals in the later version's order, each followed by its steps. */
	assert_null(c.changes[0].step_key);
	assert_string_equal(c.changes[0].goal_key, walk_key);
	assert_string_equal(c.changes[3].goal_key, cook);
	assert_null(c.changes[3].step_key);

	/* A goal removed, and a version it does not have. */
	struct agreement_goal_input g4[] = {{.key = cook, .words = "Cook for friends"}};
	struct agreement_input in4 = {.from_version = 3, .asked_by = "together",
				      .agreed_how = "paper", .goals = g4, .goal_count = 1};
	saved(f, ANN, in4);
	assert_int_equal(agreement_compare(f->db, &f->priya, ANN, NULL, 3, 4, f->arena, &ag, &c, &e),
			 RESULT_OK);
	x = change_of(&c, walk_key, NULL);
	assert_int_equal(x->difference, AGREEMENT_REMOVED);
	assert_int_equal(x->by->version, 4);
	assert_int_equal(agreement_compare(f->db, &f->priya, ANN, NULL, 1, 7, f->arena, &ag, &c, &e),
			 RESULT_NOT_FOUND);
	assert_string_equal(e.subject, "version");
}

/* In a family, the person's request is theirs whoever's page it is read
 * through: who asked is the member it was saved through. */
static void a_request_names_the_member_who_asked(void **state)
{
	struct fixture *f = *state;
	struct agreement *g = saved(f, ANN, first());
	assert_null(g->current->asked_by_person_id);
	assert_null(g->current->asked_by_person_name);
	struct agreement_goal_input keep[] = {{.key = g->current->goals[0].key,
					       .words = "Get out together"}};
	struct agreement_input change = {.from_version = 1, .asked_by = "person",
					 .agreed_how = "phone", .goals = keep, .goal_count = 1};
	struct agreement *out;
	struct err e;
	assert_int_equal(agreement_save(f->db, &f->priya, CARL, &change, f->arena, &out, &e),
			 RESULT_OK);
	assert_int_equal(agreement_get(f->db, &f->priya, ANN, NULL, f->arena, &g, &e), RESULT_OK);
	assert_string_equal(g->person_name, "Annie");
	assert_string_equal(g->current->asked_by_person_id, CARL);
	assert_string_equal(g->current->asked_by_person_name, "Carl Example");
	/* Ended at Ann's request, through her: by the name she likes. */
	struct agreement_input end = {.from_version = 2, .state = "ended", .asked_by = "person",
				      .agreed_how = "phone"};
	g = saved(f, ANN, end);
	assert_string_equal(g->current->asked_by_person_id, ANN);
	assert_string_equal(g->current->asked_by_person_name, "Annie");
	assert_string_equal(g->versions[1].asked_by_person_name, "Carl Example");
}

/* Text with a character that cannot be kept is told so, not asked for
 * words it has. */
static void control_characters_are_named(void **state)
{
	struct fixture *f = *state;
	struct agreement_step_input bell[] = {{.words = "Ring\athe library", .taken_by = "person",
					       .taken_by_words = "Sam\nand Kit"}};
	struct agreement_goal_input tab[] = {{.words = "Get out\tmore", .steps = bell,
					      .step_count = 1}};
	struct agreement_input in = first();
	in.goals = tab;
	in.why = "Because\x1b";
	struct agreement *out;
	struct err e;
	assert_int_equal(agreement_save(f->db, &f->priya, ANN, &in, f->arena, &out, &e),
			 RESULT_INVALID);
	const char *paths[] = {"goals.0.words", "goals.0.steps.0.words",
			       "goals.0.steps.0.taken_by_words", "why"};
	for (size_t i = 0; i < sizeof paths / sizeof *paths; i++) {
		const char *m = err_field_message(&e, paths[i]);
		if (!m || !strstr(m, "control character") || !strstr(m, "cannot be kept"))
			fail_msg("%s: %s", paths[i], m ? m : "(none)");
	}
	assert_int_equal(written(f), 0);
}

/* Reached through the agreement's involvement's area as well as the
 * person's: a family's involvement held in an area the caller does not
 * work in is out of reach, as it is for a change. */
static void read_through_the_involvements_area(void **state)
{
	struct fixture *f = *state;
	saved(f, ANN, first());
	testdb_run(f->db, "UPDATE involvements SET area_id = '" HEWORTH "' WHERE id = '" FAMILY "'");
	struct agreement *out;
	struct agreement_comparison c;
	struct err e;
	assert_int_equal(agreement_get(f->db, &f->priya, ANN, NULL, f->arena, &out, &e),
			 RESULT_NOT_FOUND);
	assert_string_equal(e.subject, "person");
	assert_null(out);
	assert_int_equal(agreement_version_get(f->db, &f->priya, ANN, NULL, 1, f->arena, &out, &e),
			 RESULT_NOT_FOUND);
	assert_string_equal(e.subject, "person");
	assert_int_equal(agreement_compare(f->db, &f->priya, ANN, NULL, 1, 1, f->arena, &out, &c, &e),
			 RESULT_NOT_FOUND);
	assert_int_equal(count(f, "SELECT count(*) FROM audit_log WHERE record_type = 'agreement'"
				  " AND action = 'read' AND outcome = 'refused'"
				  " AND record_id = '" ANN "' AND area_id = '" HEWORTH "'"),
			 3);
}

/* A return is a new time walking alongside: no agreement yet, a fresh
 * one started from version 0, and the earlier one kept as it was. */
static void a_return_starts_a_new_agreement(void **state)
{
	struct fixture *f = *state;
	struct agreement *old = saved(f, ANN, first());
	struct involvement_change end = {.ended_on = "2025-05-01", .end_reason = "in_place",
					 .ended_by = "agreement"};
	struct err e;
	assert_int_equal(involvement_update(f->db, &f->priya, FAMILY, &end, &e), RESULT_OK);
	struct involvement *back;
	assert_int_equal(involvement_open(f->db, &f->priya, ANN, "walking_alongside",
					  "2025-06-02", f->arena, &back, &e),
			 RESULT_OK);
	long before = written(f);
	struct agreement *out;
	assert_int_equal(agreement_get(f->db, &f->priya, ANN, NULL, f->arena, &out, &e),
			 RESULT_NOT_FOUND);
	assert_string_equal(e.subject, "agreement");
	assert_null(out);

	struct agreement_goal_input cook[] = {{.words = "Cook for friends again"}};
	struct agreement_input in = first();
	in.goals = cook;
	struct agreement *fresh = saved(f, ANN, in);
	assert_int_equal(fresh->version, 1);
	assert_string_equal(fresh->involvement_id, back->id);
	assert_string_not_equal(fresh->id, old->id);
	assert_true(fresh->open);
	assert_string_equal(fresh->current->goals[0].words, "Cook for friends again");
	assert_int_equal(count(f, "SELECT count(*) FROM agreements"), 2);
	assert_int_equal(written(f), before + 3);  /* the agreement, a version, a goal */

	/* The earlier one, by its involvement: whole and as it was. */
	struct agreement *then;
	assert_int_equal(agreement_get(f->db, &f->priya, ANN, FAMILY, f->arena, &then, &e),
			 RESULT_OK);
	assert_string_equal(then->id, old->id);
	assert_false(then->open);
	assert_int_equal(then->version, 1);
	assert_int_equal(then->version_count, 1);
	assert_string_equal(then->current->goals[0].words, "Get out of the house more");
	assert_int_equal(then->current->goals[0].step_count, 2);
	assert_int_equal(agreement_version_get(f->db, &f->priya, ANN, FAMILY, 1, f->arena, &then,
					       &e),
			 RESULT_OK);
	assert_string_equal(then->current->goals[0].words, "Get out of the house more");
	struct agreement_comparison c;
	assert_int_equal(agreement_compare(f->db, &f->priya, ANN, FAMILY, 1, 1, f->arena, &then,
					   &c, &e),
			 RESULT_OK);
	assert_string_equal(then->id, old->id);
	/* Without one, the person's agreement is this time's. */
	assert_int_equal(agreement_get(f->db, &f->priya, ANN, NULL, f->arena, &then, &e),
			 RESULT_OK);
	assert_string_equal(then->id, fresh->id);

	/* Both listed, newest first, each with its time walking alongside. */
	struct agreement_summary *list;
	size_t n;
	assert_int_equal(agreement_list(f->db, &f->priya, ANN, f->arena, &list, &n, &e),
			 RESULT_OK);
	assert_int_equal(n, 2);
	assert_string_equal(list[0].involvement_id, back->id);
	assert_null(list[0].ended_on);
	assert_string_equal(list[1].involvement_id, FAMILY);
	assert_string_equal(list[1].started_on, "2025-03-03");
	assert_string_equal(list[1].ended_on, "2025-05-01");
	assert_string_equal(list[1].agreed_on, "2025-04-01");
	assert_string_equal(list[1].state, "in_place");

	/* An involvement that is not hers is not found, and audited so;
	 * out of reach stays a person not found. */
	assert_int_equal(agreement_get(f->db, &f->priya, ANN, SHORT, f->arena, &then, &e),
			 RESULT_NOT_FOUND);
	assert_string_equal(e.subject, "agreement");
	assert_int_equal(count(f, "SELECT count(*) FROM audit_log WHERE record_type = 'agreement'"
				  " AND action = 'read' AND outcome = 'not_found'"
				  " AND record_id = '" ANN "'"),
			 2);
	assert_int_equal(agreement_get(f->db, &f->tom, ANN, FAMILY, f->arena, &then, &e),
			 RESULT_NOT_FOUND);
	assert_string_equal(e.subject, "person");
	assert_int_equal(agreement_list(f->db, &f->tom, ANN, f->arena, &list, &n, &e),
			 RESULT_NOT_FOUND);
	assert_string_equal(e.subject, "person");
	assert_int_equal(written(f), before + 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(starts_with_keys_and_reads_back, setup, teardown),
		cmocka_unit_test_setup_teardown(every_bad_input_changes_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(short_term_or_none_open_is_refused, setup,
						teardown),
		cmocka_unit_test_setup_teardown(out_of_reach_is_not_found_and_audited, setup,
						teardown),
		cmocka_unit_test_setup_teardown(two_changes_from_one_version_conflict, setup,
						teardown),
		cmocka_unit_test_setup_teardown(an_ending_the_person_asked_for_is_theirs, setup,
						teardown),
		cmocka_unit_test_setup_teardown(compare_names_what_changed_and_which_version,
						setup, teardown),
		cmocka_unit_test_setup_teardown(a_request_names_the_member_who_asked, setup,
						teardown),
		cmocka_unit_test_setup_teardown(control_characters_are_named, setup, teardown),
		cmocka_unit_test_setup_teardown(read_through_the_involvements_area, setup,
						teardown),
		cmocka_unit_test_setup_teardown(a_return_starts_a_new_agreement, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
