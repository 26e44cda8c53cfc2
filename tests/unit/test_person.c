/* People and involvements decide access and write the audit themselves:
 * called directly as a coordinator of another area the domain answers not
 * found and keeps the refusal; input is checked whole and bad input
 * writes nothing; and the old table of people migrates into the new. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/arena.h"
#include "core/err.h"
#include "core/names.h"
#include "db/db.h"
#include "db/migrate.h"
#include "domain/introductions/introduction.h"
#include "domain/people/involvement.h"
#include "domain/people/person.h"
#include "domain/staff/caller.h"
#include "domain/staff/user.h"
#include "support/testdb.h"

#define ACOMB "a0000000000000000000000000000001"
#define HEWORTH "a0000000000000000000000000000002"
#define PRIYA "b0000000000000000000000000000001"
#define TOM "b0000000000000000000000000000002"
#define JO "b0000000000000000000000000000003"
#define INTRO "c0000000000000000000000000000001"
#define OLD_INTRO "c0000000000000000000000000000002"
#define ADA "d0000000000000000000000000000001"

struct fixture {
	struct db *db;
	struct arena *arena;
	struct testdb tdb;
	struct user priya_user, tom_user, jo_user;
	struct caller priya, tom, jo;
	struct person_settings settings;
};

static const char *acomb[] = {ACOMB};
static const char *heworth[] = {HEWORTH};

static const char STAFF[] =
	"INSERT INTO areas (id, name, covered, created_at, updated_at) VALUES"
	" ('" ACOMB "', 'Acomb', 1, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),"
	" ('" HEWORTH "', 'Heworth', 1, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');"
	"INSERT INTO users (id, username, display_name, created_at, updated_at) VALUES"
	" ('" PRIYA "', 'priya', 'Priya', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),"
	" ('" TOM "', 'tom', 'Tom', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),"
	" ('" JO "', 'jo', 'Jo', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');"
	"INSERT INTO user_roles (user_id, role) VALUES ('" PRIYA "', 'coordinator'),"
	" ('" TOM "', 'coordinator'), ('" JO "', 'team_leader');"
	"INSERT INTO user_role_areas (user_id, role, area_id) VALUES"
	" ('" PRIYA "', 'coordinator', '" ACOMB "'), ('" TOM "', 'coordinator', '" HEWORTH "'),"
	" ('" JO "', 'team_leader', '" ACOMB "');";

/* An introduction in Acomb with this id and status. */
#define INTRODUCTION(id, status)                                                           \
	"INSERT INTO introductions (id, status, area_id, placement, person_name,"          \
	" person_phone, postcode, introduced_by, person_knows, channel, received_at,"     \
	" due_on, created_at, updated_at) VALUES ('" id "', '" status "', '" ACOMB "',"   \
	" 'covered', 'Ann Example', '07700 900123', 'YO24 4NB', 'self', 'yes', 'phone',"  \
	" '2026-11-30T09:00:00.000Z', '2026-12-03', '2026-11-30T09:00:00.000Z',"           \
	" '2026-12-01T10:00:00.000Z');"

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	f->db = testdb_open(&f->tdb);
	testdb_run(f->db, STAFF);
	testdb_run(f->db, INTRODUCTION(INTRO, "conversation_arranged"));
	f->arena = arena_new();
	f->priya_user = (struct user){.id = PRIYA, .roles = USER_COORDINATOR,
				      .coordinator_areas = acomb, .coordinator_area_count = 1};
	f->tom_user = (struct user){.id = TOM, .roles = USER_COORDINATOR,
				    .coordinator_areas = heworth, .coordinator_area_count = 1};
	f->jo_user = (struct user){.id = JO, .roles = USER_TEAM_LEADER, .team_areas = acomb,
				   .team_area_count = 1};
	f->priya = (struct caller){.kind = CALLER_STAFF, .user = &f->priya_user,
				   .client_address = "127.0.0.1", .request_id = "test"};
	f->tom = f->priya;
	f->tom.user = &f->tom_user;
	f->jo = f->priya;
	f->jo.user = &f->jo_user;
	f->settings = (struct person_settings){f->db, NULL};
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

/* How many audit rows of this type name the record with this action, user
 * and outcome. */
static long audited(struct fixture *f, const char *type, const char *id, const char *action,
		    const char *user, const char *outcome)
{
	struct db_param p[] = {DB_TEXT(type), DB_TEXT(id), DB_TEXT(action), DB_TEXT(user),
			       DB_TEXT(outcome)};
	struct db_rows rows;
	struct err e;
	assert_int_equal(db_run(f->db, f->arena,
				"SELECT count(*) FROM audit_log WHERE record_type = $1"
				" AND record_id = $2 AND action = $3 AND actor_user_id = $4"
				" AND outcome = $5",
				p, &rows, &e),
			 0);
	return strtol(db_cell(&rows, 0, 0), NULL, 10);
}

static struct person *ada(struct fixture *f, const char *kind)
{
	struct person_input in = {.name = " Ada Example ", .phone = "07700 900123",
				  .postcode = "yo24 4nb"};
	struct person_start start = {kind, NULL, NULL, NULL};
	struct person *p;
	struct err e;
	int rc = person_create(&f->settings, &f->priya, &in, &start, f->arena, &p, &e);
	if (rc < 0)
		fprintf(stderr, "%s\n", e.msg);
	assert_int_equal(rc, RESULT_OK);
	return p;
}

static void another_areas_coordinator_gets_not_found_and_a_refusal(void **state)
{
	struct fixture *f = *state;
	struct person *p = ada(f, "walking_alongside");
	assert_string_equal(p->name, "Ada Example");
	assert_string_equal(p->postcode, "YO24 4NB");
	assert_string_equal(p->area_id, ACOMB);
	assert_string_equal(p->coordinator_id, PRIYA);
	assert_int_equal(audited(f, "person", p->id, "create", PRIYA, "ok"), 1);

	struct person *x;
	struct err e, none;
	assert_int_equal(person_get(f->db, &f->tom, p->id, f->arena, &x, &e), RESULT_NOT_FOUND);
	assert_null(x);
	assert_string_equal(e.subject, "person");
	assert_int_equal(audited(f, "person", p->id, "read", TOM, "refused"), 1);
	/* Word for word as for an id that does not exist. */
	assert_int_equal(person_get(f->db, &f->tom, "d00000000000000000000000000000ff", f->arena,
				    &x, &none),
			 RESULT_NOT_FOUND);
	assert_string_equal(none.msg, e.msg);

	struct person_input change = {.phone = "07700 900999"};
	assert_int_equal(person_update(&f->settings, &f->tom, p->id, 0, &change, &e),
			 RESULT_NOT_FOUND);
	assert_int_equal(audited(f, "person", p->id, "update", TOM, "refused"), 1);
	const char *involvement = p->involvements[0].id;
	struct involvement_change end = {.end_reason = "person_chose", .ended_by = "person"};
	assert_int_equal(involvement_update(f->db, &f->tom, involvement, &end, &e),
			 RESULT_NOT_FOUND);
	assert_int_equal(audited(f, "involvement", involvement, "update", TOM, "refused"), 1);
	assert_int_equal(involvement_open(f->db, &f->tom, p->id, "short_term", NULL, f->arena,
					  &(struct involvement *){NULL}, &e),
			 RESULT_NOT_FOUND);

	/* Nothing changed, and the team leader of Acomb reaches them. */
	assert_int_equal(person_get(f->db, &f->jo, p->id, f->arena, &x, &e), RESULT_OK);
	assert_string_equal(x->phone, "07700 900123");
	assert_int_equal(x->change_count, 0);
	assert_null(x->involvements[0].ended_on);
	assert_int_equal(audited(f, "person", p->id, "read", JO, "ok"), 1);
}

static void bad_input_is_named_whole_and_writes_nothing(void **state)
{
	struct fixture *f = *state;
	struct person_input in = {.phone = "ring me", .email = "no", .postcode = "nowhere",
				  .what_matters = "x\001"};
	struct person_start start = {"forever", "2999-01-01", NULL, NULL};
	struct person *p;
	struct err e;
	assert_int_equal(person_create(&f->settings, &f->priya, &in, &start, f->arena, &p, &e),
			 RESULT_INVALID);
	const char *named[] = {"name", "phone", "email", "postcode", "what_matters", "kind",
			       "started_on"};
	for (size_t i = 0; i < sizeof named / sizeof *named; i++)
		assert_non_null(err_field_message(&e, named[i]));
	/* Into another's area. */
	struct person_input fine = {.name = "Bo"};
	struct person_start theirs = {"short_term", NULL, HEWORTH, NULL};
	assert_int_equal(person_create(&f->settings, &f->priya, &fine, &theirs, f->arena, &p, &e),
			 RESULT_INVALID);
	assert_non_null(err_field_message(&e, "area_id"));
	/* With the start's problems too, all at once. */
	struct person_start worse = {"bogus", "2999-01-01", HEWORTH, NULL};
	assert_int_equal(person_create(&f->settings, &f->priya, &fine, &worse, f->arena, &p, &e),
			 RESULT_INVALID);
	assert_non_null(err_field_message(&e, "area_id"));
	assert_non_null(err_field_message(&e, "kind"));
	assert_non_null(err_field_message(&e, "started_on"));
	assert_int_equal(count(f, "SELECT count(*) FROM people"), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM involvements"), 0);
}

static void a_change_keeps_the_old_value_and_checks_the_version(void **state)
{
	struct fixture *f = *state;
	struct person *p = ada(f, "short_term");
	const char *tags[] = {"Gardening", "gardening  ", " Tea and  cake"};
	struct person_input change = {.preferred_name = "Addie", .phone = "",
				      .tags = tags, .tag_count = 3};
	struct err e;
	assert_int_equal(person_update(&f->settings, &f->priya, p->id, p->version, &change, &e),
			 RESULT_OK);
	struct person *x;
	assert_int_equal(person_get(f->db, &f->priya, p->id, f->arena, &x, &e), RESULT_OK);
	assert_int_equal(x->version, p->version + 1);
	assert_string_equal(x->preferred_name, "Addie");
	assert_null(x->phone);
	assert_int_equal(x->tag_count, 2);
	assert_string_equal(x->tags[0], "Gardening");
	assert_string_equal(x->tags[1], "Tea and  cake");
	assert_int_equal(x->change_count, 3);
	bool phone_kept = false;
	for (size_t i = 0; i < x->change_count; i++)
		if (strcmp(x->changes[i].field, "phone") == 0)
			phone_kept = strcmp(x->changes[i].value_before, "07700 900123") == 0 &&
				     strcmp(x->changes[i].user_id, PRIYA) == 0;
	assert_true(phone_kept);
	const char **names;
	size_t n;
	assert_int_equal(person_tag_list(f->db, f->arena, &names, &n, &e), RESULT_OK);
	/* The team's list also holds the community directory's own kinds
	 * (schema/013), one tag each; "gardening  " added no second tag. */
	size_t gardening = 0;
	for (size_t i = 0; i < n; i++)
		gardening += strcasecmp(names[i], "gardening") == 0;
	assert_int_equal(gardening, 1);
	assert_true(names_contain(names, n, "Tea and  cake"));
	assert_true(names_contain(names, n, "Music and singing"));

	/* A stale version, too many tags: refused, nothing written. */
	struct person_input again = {.preferred_name = "Ada"};
	assert_int_equal(person_update(&f->settings, &f->priya, p->id, p->version, &again, &e),
			 RESULT_CONFLICT);
	const char *many[PERSON_TAGS_MAX + 1];
	for (size_t i = 0; i <= PERSON_TAGS_MAX; i++)
		many[i] = "tag";
	struct person_input crowded = {.tags = many, .tag_count = PERSON_TAGS_MAX + 1, .name = ""};
	assert_int_equal(person_update(&f->settings, &f->priya, p->id, 0, &crowded, &e),
			 RESULT_INVALID);
	assert_non_null(err_field_message(&e, "tags"));
	assert_non_null(err_field_message(&e, "name"));
	assert_int_equal(person_get(f->db, &f->priya, p->id, f->arena, &x, &e), RESULT_OK);
	assert_string_equal(x->preferred_name, "Addie");
	assert_int_equal(x->change_count, 3);
}

static void an_end_needs_a_reason_and_a_date_that_makes_sense(void **state)
{
	struct fixture *f = *state;
	struct person *p = ada(f, "short_term");
	const char *id = p->involvements[0].id;
	struct err e;
	struct {
		struct involvement_change change;
		const char *field;
	} refused[] = {
		{{.ended_by = "person"}, "end_reason"},
		{{.end_reason = "died"}, "ended_by"},
		{{.end_reason = "other", .ended_by = "coordinator"}, "end_words"},
		{{.end_reason = "in_place", .ended_by = "agreement", .ended_on = "2001-01-01"},
		 "ended_on"},
		{{.end_reason = "in_place", .ended_by = "agreement", .ended_on = "2999-01-01"},
		 "ended_on"},
		{{.kind = "forever"}, "kind"},
		{{.kind = "short_term"}, "kind"},
	};
	for (size_t i = 0; i < sizeof refused / sizeof *refused; i++) {
		assert_int_equal(involvement_update(f->db, &f->priya, id, &refused[i].change, &e),
				 RESULT_INVALID);
		assert_non_null(err_field_message(&e, refused[i].field));
	}
	struct involvement *v;
	assert_int_equal(involvement_get(f->db, &f->priya, id, f->arena, &v, &e), RESULT_OK);
	assert_null(v->ended_on);
	assert_int_equal(v->history_count, 1);

	/* A person in short-term help can have no second open at once. */
	struct involvement *other;
	assert_int_equal(involvement_open(f->db, &f->priya, p->id, "walking_alongside", NULL,
					  f->arena, &other, &e),
			 RESULT_CONFLICT);
	struct involvement_change up = {.kind = "walking_alongside"};
	assert_int_equal(involvement_update(f->db, &f->priya, id, &up, &e), RESULT_OK);
	struct involvement_change end = {.end_reason = "other", .end_words = "Found a job",
					 .ended_by = "person"};
	assert_int_equal(involvement_update(f->db, &f->priya, id, &end, &e), RESULT_OK);
	assert_int_equal(involvement_update(f->db, &f->priya, id, &end, &e), RESULT_INVALID);
	assert_int_equal(involvement_get(f->db, &f->priya, id, f->arena, &v, &e), RESULT_OK);
	assert_string_equal(v->kind, "walking_alongside");
	assert_string_equal(v->ended_by, "person");
	assert_string_equal(v->end_words, "Found a job");
	assert_int_equal(v->history_count, 3);
	assert_string_equal(v->history[2].event, "ended");
	assert_false(v->is_return);

	assert_int_equal(involvement_open(f->db, &f->priya, p->id, "short_term", NULL, f->arena,
					  &other, &e),
			 RESULT_OK);
	assert_true(other->is_return);
	assert_null(other->introduction_id);
	/* The count the reports find returns by (schema/025). */
	struct db_param who[] = {DB_TEXT(p->id)};
	struct db_rows rows;
	assert_int_equal(db_run(f->db, f->arena,
				"SELECT involvement_count FROM people WHERE id = $1", who, &rows, &e),
			 RESULT_OK);
	assert_string_equal(db_cell(&rows, 0, 0), "2");
}

static void an_outcome_opens_an_involvement_with_the_areas_coordinator(void **state)
{
	struct fixture *f = *state;
	struct err e;
	/* The team leader decides: the person's coordinator is the area's. */
	struct intro_change to = {NULL, "walking_alongside", NULL};
	assert_int_equal(intro_update(f->db, &f->jo, INTRO, &to, &e), RESULT_OK);
	struct introduction *x;
	assert_int_equal(intro_get(f->db, &f->jo, INTRO, f->arena, &x, &e), RESULT_OK);
	assert_non_null(x->person_id);
	struct person *p;
	assert_int_equal(person_get(f->db, &f->jo, x->person_id, f->arena, &p, &e), RESULT_OK);
	assert_string_equal(p->name, "Ann Example");
	assert_string_equal(p->coordinator_id, PRIYA);
	assert_int_equal(p->involvement_count, 1);
	assert_string_equal(p->involvements[0].kind, "walking_alongside");
	assert_string_equal(p->involvements[0].introduction_id, INTRO);
	assert_int_equal(audited(f, "person", x->person_id, "create", JO, "ok"), 1);
}

/* A change that changes nothing is not one: no new version, no entry. */
static void nothing_changed_is_no_change(void **state)
{
	struct fixture *f = *state;
	struct person *p = ada(f, "short_term");
	struct person_input empty = {0}, same = {.phone = "07700 900123", .name = "Ada Example"};
	struct err e;
	assert_int_equal(person_update(&f->settings, &f->priya, p->id, 0, &empty, &e), RESULT_OK);
	assert_int_equal(person_update(&f->settings, &f->priya, p->id, p->version, &same, &e),
			 RESULT_OK);
	struct person *x;
	assert_int_equal(person_get(f->db, &f->priya, p->id, f->arena, &x, &e), RESULT_OK);
	assert_int_equal(x->version, p->version);
	assert_int_equal(x->change_count, 0);
	assert_int_equal(audited(f, "person", p->id, "update", PRIYA, "ok"), 0);
}

/* A person's coordinator works in their area or covers it. */
static void a_coordinator_works_in_the_persons_area(void **state)
{
	struct fixture *f = *state;
	struct person *p = ada(f, "short_term");
	struct person_input to_tom = {.coordinator_id = TOM};
	struct err e;
	assert_int_equal(person_update(&f->settings, &f->priya, p->id, 0, &to_tom, &e),
			 RESULT_INVALID);
	assert_non_null(err_field_message(&e, "coordinator_id"));
	struct person_input bo = {.name = "Bo Example", .coordinator_id = TOM};
	struct person_start start = {"short_term", NULL, ACOMB, NULL};
	struct person *x;
	assert_int_equal(person_create(&f->settings, &f->priya, &bo, &start, f->arena, &x, &e),
			 RESULT_INVALID);
	assert_non_null(err_field_message(&e, "coordinator_id"));
	assert_int_equal(count(f, "SELECT count(*) FROM people WHERE coordinator_id = '" TOM "'"),
			 0);
	/* Covering Acomb today is enough. */
	testdb_run(f->db, "INSERT INTO cover (id, user_id, area_id, starts_on, ends_on, created_at)"
			  " VALUES ('e0000000000000000000000000000001', '" TOM "', '" ACOMB "',"
			  " '2000-01-01', '2999-12-31', '2026-01-01T00:00:00Z')");
	assert_int_equal(person_update(&f->settings, &f->priya, p->id, 0, &to_tom, &e), RESULT_OK);
	assert_int_equal(count(f, "SELECT count(*) FROM people WHERE coordinator_id = '" TOM "'"),
			 1);
}

/* Joining a family's involvement is an involvement of one's own too:
 * the count the reports find returns by (schema/025) goes up for the
 * member who joins and not for the one who opened it. */
static void joining_a_family_counts_an_involvement(void **state)
{
	struct fixture *f = *state;
	struct person *p = ada(f, "walking_alongside");
	struct person_input in = {.name = "Cy Example", .postcode = "yo24 4nb"};
	struct person_start start = {NULL, NULL, NULL, p->involvements[0].id};
	struct person *cy;
	struct err e;
	assert_int_equal(person_create(&f->settings, &f->priya, &in, &start, f->arena, &cy, &e),
			 RESULT_OK);
	const char *both[] = {p->id, cy->id};
	for (size_t i = 0; i < 2; i++) {
		struct db_param who[] = {DB_TEXT(both[i])};
		struct db_rows rows;
		assert_int_equal(db_run(f->db, f->arena,
					"SELECT involvement_count FROM people WHERE id = $1", who,
					&rows, &e),
				 RESULT_OK);
		assert_string_equal(db_cell(&rows, 0, 0), "1");
	}
}

/* A household's involvement is in one area: a member from another area
 * is refused, and someone of that other area does not reach it through a
 * member. */
static void a_household_stays_in_its_area(void **state)
{
	struct fixture *f = *state;
	struct person *p = ada(f, "walking_alongside");
	const char *shared = p->involvements[0].id;
	struct person_input bo_in = {.name = "Bo Example"};
	struct person_start bo_start = {"short_term", NULL, HEWORTH, NULL};
	struct person *bo;
	struct err e;
	assert_int_equal(person_create(&f->settings, &f->tom, &bo_in, &bo_start, f->arena, &bo, &e),
			 RESULT_OK);
	struct involvement_change end = {.end_reason = "in_place", .ended_by = "agreement"};
	assert_int_equal(involvement_update(f->db, &f->tom, bo->involvements[0].id, &end, &e),
			 RESULT_OK);
	static const char *both_areas[] = {ACOMB, HEWORTH};
	struct user both_user = {.id = JO, .roles = USER_TEAM_LEADER, .team_areas = both_areas,
				 .team_area_count = 2};
	struct caller both = f->jo;
	both.user = &both_user;
	assert_int_equal(involvement_add_person(f->db, &both, shared, bo->id, &e), RESULT_INVALID);
	assert_non_null(err_field_message(&e, "person_id"));
	assert_int_equal(count(f, "SELECT count(*) FROM involvement_people ip JOIN involvements v"
				  " ON v.id = ip.involvement_id WHERE v.area_id = '" ACOMB "'"),
			 1);
	/* Had such a member got in, Heworth would still not reach it. */
	struct db_param link[] = {DB_TEXT(shared), DB_TEXT(bo->id)};
	struct db_rows none;
	assert_int_equal(db_run(f->db, f->arena,
				"INSERT INTO involvement_people (involvement_id, person_id)"
				" VALUES ($1, $2)",
				link, &none, &e),
			 0);
	struct involvement *v;
	assert_int_equal(involvement_get(f->db, &f->tom, shared, f->arena, &v, &e),
			 RESULT_NOT_FOUND);
}

/* The table of people before migration 10 held only those walked
 * alongside; information only had no record.  Both become a person with
 * an involvement. */
static void old_people_migrate(void **state)
{
	(void)state;
	struct fixture *f = calloc(1, sizeof *f);
	f->db = testdb_open_upto(&f->tdb, 9);
	f->arena = arena_new();
	testdb_run(f->db, STAFF);
	testdb_run(f->db, INTRODUCTION(INTRO, "walking_alongside")
					 INTRODUCTION(OLD_INTRO, "information_only"));
	/* Decided on the 30th, edited on the 1st; and a disabled coordinator
	 * of Acomb who sorts first. */
	testdb_run(f->db, "INSERT INTO introduction_history (id, introduction_id, at, status) VALUES"
			  " ('e0000000000000000000000000000001', '" OLD_INTRO "',"
			  " '2026-11-30T15:00:00.000Z', 'information_only');"
			  "INSERT INTO users (id, username, display_name, disabled, created_at, updated_at)"
			  " VALUES ('b0000000000000000000000000000000', 'gone', 'Gone', 1,"
			  " '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');"
			  "INSERT INTO user_roles (user_id, role) VALUES"
			  " ('b0000000000000000000000000000000', 'coordinator');"
			  "INSERT INTO user_role_areas (user_id, role, area_id) VALUES"
			  " ('b0000000000000000000000000000000', 'coordinator', '" ACOMB "');");
	testdb_run(f->db, "INSERT INTO people (id, area_id, introduction_id, name, started_on, created_at)"
			 " VALUES ('" ADA "', '" ACOMB "', '" INTRO "', 'Ann Example', '2026-12-01',"
			 " '2026-12-01T10:00:00.000Z')");
	struct err e;
	int applied;
	assert_int_equal(migrate_apply(f->db, schema_migrations, schema_migration_count, &applied,
				       &e),
			 0);
	assert_int_equal(applied, (int)schema_migration_count - 9);
	assert_int_equal(count(f, "SELECT count(*) FROM people"), 2);
	assert_int_equal(count(f, "SELECT count(*) FROM people WHERE id = '" ADA "'"
				   " AND coordinator_id = '" PRIYA "' AND phone = '07700 900123'"),
			 1);
	assert_int_equal(count(f, "SELECT count(*) FROM involvements WHERE id = '" ADA "'"
				   " AND kind = 'walking_alongside' AND introduction_id = '" INTRO "'"
				   " AND started_on = '2026-12-01' AND ended_on IS NULL"),
			 1);
	assert_int_equal(count(f, "SELECT count(*) FROM involvements WHERE id = '" OLD_INTRO "'"
				   " AND kind = 'short_term' AND introduction_id = '" OLD_INTRO "'"
				   " AND started_on = '2026-11-30'"),
			 1);
	assert_int_equal(count(f, "SELECT count(*) FROM people WHERE coordinator_id = '" PRIYA "'"),
			 2);
	assert_int_equal(count(f, "SELECT count(*) FROM introductions"
				   " WHERE person_id IN ('" ADA "', '" OLD_INTRO "')"),
			 2);
	assert_int_equal(count(f, "SELECT count(*) FROM involvement_history"
				   " WHERE event = 'started'"),
			 2);
	/* The domain reads them as it reads its own. */
	struct user priya = {.id = PRIYA, .roles = USER_COORDINATOR, .coordinator_areas = acomb,
			     .coordinator_area_count = 1};
	struct caller who = {.kind = CALLER_STAFF, .user = &priya, .client_address = "127.0.0.1",
			     .request_id = "test"};
	struct person *p;
	assert_int_equal(person_get(f->db, &who, ADA, f->arena, &p, &e), RESULT_OK);
	assert_int_equal(p->involvement_count, 1);
	assert_int_equal(p->involvements[0].person_count, 1);
	void *mine = f;
	teardown(&mine);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			another_areas_coordinator_gets_not_found_and_a_refusal, setup, teardown),
		cmocka_unit_test_setup_teardown(bad_input_is_named_whole_and_writes_nothing, setup,
						teardown),
		cmocka_unit_test_setup_teardown(a_change_keeps_the_old_value_and_checks_the_version,
						setup, teardown),
		cmocka_unit_test_setup_teardown(an_end_needs_a_reason_and_a_date_that_makes_sense,
						setup, teardown),
		cmocka_unit_test_setup_teardown(
			an_outcome_opens_an_involvement_with_the_areas_coordinator, setup, teardown),
		cmocka_unit_test_setup_teardown(nothing_changed_is_no_change, setup, teardown),
		cmocka_unit_test_setup_teardown(a_coordinator_works_in_the_persons_area, setup,
						teardown),
		cmocka_unit_test_setup_teardown(joining_a_family_counts_an_involvement, setup,
						teardown),
		cmocka_unit_test_setup_teardown(a_household_stays_in_its_area, setup, teardown),
		cmocka_unit_test(old_people_migrate),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
