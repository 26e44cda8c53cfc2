/* The caseload counts as York counts: walking alongside against capacity,
 * a family once, short-term help beside it; quiet is gentle and measured
 * from the last held conversation (its UK day), or a later contact before
 * moving in.  Only the coordinator and their team leader see it, the team
 * leader only the people of the team's areas; a team leader sets capacity
 * and moves people, each move audited, and a refused move changes nothing
 * but the audit log. */
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
#include "domain/people/caseload.h"
#include "domain/staff/caller.h"
#include "domain/staff/user.h"
#include "support/testdb.h"

#define ACOMB "a0000000000000000000000000000001"
#define HEWORTH "a0000000000000000000000000000002"
#define CLIFTON "a0000000000000000000000000000003"
#define PRIYA "b0000000000000000000000000000001"
#define TOM "b0000000000000000000000000000002"
#define SAM "b0000000000000000000000000000003"
#define DANIEL "b0000000000000000000000000000004"
#define JO "b0000000000000000000000000000005"
#define ADMIN "b0000000000000000000000000000006"
#define ANN "c0000000000000000000000000000001"
#define BOB "c0000000000000000000000000000002"
#define CARA "c0000000000000000000000000000003"
#define DEV "c0000000000000000000000000000004"
#define EVE "c0000000000000000000000000000005"
#define FAY "c0000000000000000000000000000006"
#define GUS "c0000000000000000000000000000007"
#define HAL "c0000000000000000000000000000008"
#define FAMILY "d0000000000000000000000000000001"
#define QUIET 42

struct fixture {
	struct db *db;
	struct arena *arena;
	struct testdb tdb;
	struct user priya_user, tom_user, daniel_user, jo_user, admin_user;
	struct caller priya, tom, daniel, jo, admin;
};

static const char *acomb[] = {ACOMB};
static const char *heworth[] = {HEWORTH};
static const char *clifton[] = {CLIFTON};
static const char *team[] = {ACOMB, HEWORTH};

/* Today less n days, YYYY-MM-DD, in the arena. */
static const char *days_ago(struct fixture *f, long n)
{
	char *out = arena_alloc(f->arena, 11);
	date_format(date_from_days(date_to_days(date_uk_today(time(NULL))) - n), out);
	return out;
}

static void query(struct fixture *f, const char *sql, const struct db_param *p, size_t n,
		  struct db_rows *rows)
{
	struct db_conn *c;
	struct err e;
	assert_int_equal(db_acquire(f->db, &c, &e), 0);
	int rc = db_query_counted(c, f->arena, sql, p, n, rows, &e);
	if (rc < 0)
		fprintf(stderr, "%s\n", e.msg);
	assert_int_equal(rc, 0);
	db_release(c);
}

static void person(struct fixture *f, const char *id, const char *name, const char *coordinator,
		   const char *area)
{
	struct db_param p[] = {DB_TEXT(id), DB_TEXT(name), DB_TEXT(coordinator), DB_TEXT(area)};
	query(f,
	      "INSERT INTO people (id, name, area_id, coordinator_id, created_at, updated_at)"
	      " VALUES ($1, $2, $4, $3, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
	      p, 4, NULL);
}

/* An involvement started `started` days ago, ended yesterday when ended,
 * with these people. */
static void involvement(struct fixture *f, const char *id, const char *kind, long started,
			bool ended, const char *const *people, size_t n)
{
	struct db_param p[] = {DB_TEXT(id), DB_TEXT(kind), DB_TEXT(days_ago(f, started)),
			       ended ? DB_TEXT(days_ago(f, 1)) : DB_NULL};
	query(f,
	      "INSERT INTO involvements (id, kind, area_id, started_on, ended_on, end_reason,"
	      " ended_by, created_at, updated_at) VALUES ($1, $2, '" ACOMB "', $3, $4,"
	      " CASE WHEN $4 IS NULL THEN NULL ELSE 'person_chose' END,"
	      " CASE WHEN $4 IS NULL THEN NULL ELSE 'person' END,"
	      " '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
	      p, 4, NULL);
	for (size_t i = 0; i < n; i++) {
		struct db_param m[] = {DB_TEXT(id), DB_TEXT(people[i])};
		query(f, "INSERT INTO involvement_people (involvement_id, person_id) VALUES ($1, $2)",
		      m, 2, NULL);
	}
}

static void conversation(struct fixture *f, const char *id, const char *person, const char *inv,
			 long ago, const char *state, const char *next_step)
{
	const char *at = arena_printf(f->arena, "%sT10:00:00.000Z", days_ago(f, ago));
	struct db_param p[] = {DB_TEXT(id), DB_TEXT(person), DB_TEXT(inv), DB_TEXT(at),
			       DB_TEXT(state), next_step ? DB_TEXT(next_step) : DB_NULL};
	query(f,
	      "INSERT INTO conversations (id, person_id, involvement_id, at, how, state,"
	      " next_step, created_at) VALUES ($1, $2, $3, $4, 'met', $5, $6, $4)",
	      p, 6, NULL);
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	f->db = testdb_open(&f->tdb);
	testdb_run(f->db,
	    "INSERT INTO areas (id, name, covered, created_at, updated_at) VALUES"
	    " ('" ACOMB "', 'Acomb', 1, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),"
	    " ('" HEWORTH "', 'Heworth', 1, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),"
	    " ('" CLIFTON "', 'Clifton', 1, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');"
	    "INSERT INTO users (id, username, display_name, created_at, updated_at) VALUES"
	    " ('" PRIYA "', 'priya', 'Priya', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),"
	    " ('" TOM "', 'tom', 'Tom', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),"
	    " ('" SAM "', 'sam', 'Sam', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),"
	    " ('" DANIEL "', 'daniel', 'Daniel', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),"
	    " ('" JO "', 'jo', 'Jo', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),"
	    " ('" ADMIN "', 'admin', 'Admin', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');"
	    "INSERT INTO user_roles (user_id, role) VALUES ('" PRIYA "', 'coordinator'),"
	    " ('" TOM "', 'coordinator'), ('" SAM "', 'coordinator'),"
	    " ('" DANIEL "', 'coordinator'), ('" JO "', 'team_leader'),"
	    " ('" ADMIN "', 'administrator');"
	    "INSERT INTO user_role_areas (user_id, role, area_id) VALUES"
	    " ('" PRIYA "', 'coordinator', '" ACOMB "'), ('" TOM "', 'coordinator', '" HEWORTH "'),"
	    " ('" SAM "', 'coordinator', '" ACOMB "'), ('" DANIEL "', 'coordinator', '" CLIFTON "'),"
	    " ('" JO "', 'team_leader', '" ACOMB "'), ('" JO "', 'team_leader', '" HEWORTH "');"
	    "INSERT INTO introductions (id, status, area_id, placement, person_name,"
	    " person_phone, introduced_by, person_knows, channel, received_at, due_on,"
	    " created_at, updated_at) VALUES ('e0000000000000000000000000000001', 'new',"
	    " '" ACOMB "', 'covered', 'Ivy Example', '07700 900123', 'self', 'yes', 'phone',"
	    " '2026-11-30T09:00:00.000Z', '2026-12-03', '2026-11-30T09:00:00.000Z',"
	    " '2026-11-30T09:00:00.000Z');");
	f->arena = arena_new();
	/* Priya's: Ann, talked with three days ago; Bob and Cara, a family
	 * not seen since they started a hundred days ago; Dev, short-term
	 * help; Eve, who ended; Fay, last met fifty days ago with a call
	 * arranged since.  Gus is Tom's. */
	person(f, ANN, "Ann", PRIYA, ACOMB);
	person(f, BOB, "Bob", PRIYA, ACOMB);
	person(f, CARA, "Cara", PRIYA, ACOMB);
	person(f, DEV, "Dev", PRIYA, ACOMB);
	person(f, EVE, "Eve", PRIYA, ACOMB);
	person(f, FAY, "Fay", PRIYA, ACOMB);
	person(f, GUS, "Gus", TOM, HEWORTH);
	const char *ann[] = {ANN}, *family[] = {BOB, CARA}, *dev[] = {DEV}, *eve[] = {EVE},
		   *fay[] = {FAY}, *gus[] = {GUS};
	involvement(f, ANN, "walking_alongside", 10, false, ann, 1);
	involvement(f, FAMILY, "walking_alongside", 100, false, family, 2);
	involvement(f, DEV, "short_term", 5, false, dev, 1);
	involvement(f, EVE, "walking_alongside", 200, true, eve, 1);
	involvement(f, FAY, "walking_alongside", 80, false, fay, 1);
	involvement(f, GUS, "walking_alongside", 80, false, gus, 1);
	conversation(f, "f0000000000000000000000000000001", ANN, ANN, 3, "held", "Visit the allotment");
	conversation(f, "f0000000000000000000000000000002", FAY, FAY, 50, "held", NULL);
	conversation(f, "f0000000000000000000000000000003", FAY, FAY, 2, "arranged", "Meet at the library");
	f->priya_user = (struct user){.id = PRIYA, .display_name = "Priya", .roles = USER_COORDINATOR,
				      .coordinator_areas = acomb, .coordinator_area_count = 1};
	f->tom_user = (struct user){.id = TOM, .display_name = "Tom", .roles = USER_COORDINATOR,
				    .coordinator_areas = heworth, .coordinator_area_count = 1};
	f->daniel_user = (struct user){.id = DANIEL, .display_name = "Daniel",
				       .roles = USER_COORDINATOR, .coordinator_areas = clifton,
				       .coordinator_area_count = 1};
	f->jo_user = (struct user){.id = JO, .display_name = "Jo", .roles = USER_TEAM_LEADER,
				   .team_areas = team, .team_area_count = 2};
	f->admin_user = (struct user){.id = ADMIN, .display_name = "Admin",
				      .roles = USER_ADMINISTRATOR};
	struct caller base = {.kind = CALLER_STAFF, .client_address = "127.0.0.1",
			      .request_id = "test"};
	f->priya = f->tom = f->daniel = f->jo = f->admin = base;
	f->priya.user = &f->priya_user;
	f->tom.user = &f->tom_user;
	f->daniel.user = &f->daniel_user;
	f->jo.user = &f->jo_user;
	f->admin.user = &f->admin_user;
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

/* How many audit rows name the record with this action, actor and
 * outcome. */
static long audited(struct fixture *f, const char *record, const char *action, const char *actor,
		    const char *outcome)
{
	struct db_param p[] = {DB_TEXT(record), DB_TEXT(action), DB_TEXT(actor), DB_TEXT(outcome)};
	struct db_rows rows;
	query(f,
	      "SELECT count(*) FROM audit_log WHERE coalesce(record_id, '') = $1"
	      " AND action = $2 AND actor_user_id = $3 AND outcome = $4",
	      p, 4, &rows);
	return strtol(db_cell(&rows, 0, 0), NULL, 10);
}

static const char *coordinator_of(struct fixture *f, const char *person_id)
{
	struct db_param p[] = {DB_TEXT(person_id)};
	struct db_rows rows;
	query(f, "SELECT coordinator_id FROM people WHERE id = $1", p, 1, &rows);
	return db_cell(&rows, 0, 0);
}

static void counts_walking_alongside_a_family_once_and_short_term_apart(void **state)
{
	struct fixture *f = *state;
	struct caseload cl;
	struct err e;
	assert_int_equal(caseload_get(f->db, &f->priya, NULL, QUIET, f->arena, &cl, &e), RESULT_OK);
	assert_string_equal(cl.coordinator_id, PRIYA);
	assert_int_equal(cl.capacity, 55);
	assert_int_equal(cl.walking_alongside, 3); /* Ann, the family, Fay */
	assert_int_equal(cl.short_term, 1);
	assert_int_equal(cl.waiting, 1);
	assert_false(cl.on_leave);
	/* Walking alongside first, by name; then short-term help; Eve ended. */
	const char *order[] = {"Ann", "Bob", "Cara", "Fay", "Dev"};
	assert_int_equal(cl.count, 5);
	for (size_t i = 0; i < 5; i++)
		assert_string_equal(cl.entries[i].name, order[i]);
	assert_string_equal(cl.entries[4].kind, "short_term");
	assert_int_equal(cl.entries[1].household_size, 2);
	assert_string_equal(cl.entries[1].involvement_id, FAMILY);
	assert_string_equal(cl.entries[0].next_step, "Visit the allotment");
	assert_non_null(cl.entries[0].last_conversation_at);
	/* Fay's last held conversation counts, the arranged call does not,
	 * though its next step is the one shown. */
	assert_string_equal(cl.entries[3].next_step, "Meet at the library");
	assert_int_equal(strncmp(cl.entries[3].last_conversation_at, days_ago(f, 50), 10), 0);
	assert_int_equal(audited(f, PRIYA, "read", PRIYA, "ok"), 1);
}

static void quiet_is_from_the_last_held_conversation_or_the_start(void **state)
{
	struct fixture *f = *state;
	struct caseload cl;
	struct err e;
	assert_int_equal(caseload_get(f->db, &f->priya, NULL, QUIET, f->arena, &cl, &e), RESULT_OK);
	bool want[] = {false, true, true, true, false}; /* Ann, Bob, Cara, Fay, Dev */
	for (size_t i = 0; i < 5; i++)
		assert_int_equal(cl.entries[i].quiet, want[i]);
	assert_int_equal(cl.quiet, 3);
	/* With a longer setting, Fay (fifty days) is not quiet yet. */
	assert_int_equal(caseload_get(f->db, &f->priya, NULL, 60, f->arena, &cl, &e), RESULT_OK);
	assert_false(cl.entries[3].quiet);
	assert_true(cl.entries[1].quiet);
	/* On the day itself, quiet. */
	assert_int_equal(caseload_get(f->db, &f->priya, NULL, 50, f->arena, &cl, &e), RESULT_OK);
	assert_true(cl.entries[3].quiet);
}

/* Sets an involvement's last contact before it moved in from a
 * spreadsheet, `ago` days ago. */
static void before_import(struct fixture *f, const char *involvement_id, long ago)
{
	struct db_param p[] = {DB_TEXT(involvement_id), DB_TEXT(days_ago(f, ago))};
	query(f, "UPDATE involvements SET last_contact_before_import = $2 WHERE id = $1", p, 2,
	      NULL);
}

static void quiet_counts_from_a_later_contact_before_moving_in(void **state)
{
	struct fixture *f = *state;
	before_import(f, FAY, 10);    /* later than her conversation 50 days ago */
	before_import(f, FAMILY, 90); /* their only contact, long ago */
	before_import(f, ANN, 5);     /* older than her conversation 3 days ago */
	struct caseload cl;
	struct err e;
	assert_int_equal(caseload_get(f->db, &f->priya, NULL, QUIET, f->arena, &cl, &e), RESULT_OK);
	const struct caseload_entry *ann = &cl.entries[0], *bob = &cl.entries[1],
				    *fay = &cl.entries[3];
	assert_false(fay->quiet);
	assert_true(fay->last_contact_is_before_import);
	assert_string_equal(fay->last_contact_before_import, days_ago(f, 10));
	assert_int_equal(strncmp(fay->last_conversation_at, days_ago(f, 50), 10), 0);
	assert_true(bob->quiet);
	assert_true(bob->last_contact_is_before_import);
	assert_null(bob->last_conversation_at);
	assert_false(ann->last_contact_is_before_import);
	assert_false(ann->quiet);
	assert_int_equal(cl.quiet, 2); /* Bob and Cara */
	/* Ten days on, with a setting of ten, quiet. */
	assert_int_equal(caseload_get(f->db, &f->priya, NULL, 10, f->arena, &cl, &e), RESULT_OK);
	assert_true(cl.entries[3].quiet);
}

static void only_the_coordinator_and_their_team_leader_see_it(void **state)
{
	struct fixture *f = *state;
	struct caseload cl;
	struct err e;
	/* Tom, Daniel (another team) and an administrator: not found, audited. */
	const struct caller *others[] = {&f->tom, &f->daniel, &f->admin};
	for (size_t i = 0; i < 3; i++) {
		assert_int_equal(caseload_get(f->db, others[i], PRIYA, QUIET, f->arena, &cl, &e),
				 RESULT_NOT_FOUND);
		assert_string_equal(e.subject, "coordinator");
		assert_int_equal(audited(f, PRIYA, "read", others[i]->user->id, "refused"), 1);
	}
	/* An administrator has no caseload of their own either. */
	assert_int_equal(caseload_get(f->db, &f->admin, NULL, QUIET, f->arena, &cl, &e),
			 RESULT_NOT_FOUND);
	/* Jo leads Priya's team, not Daniel's. */
	assert_int_equal(caseload_get(f->db, &f->jo, PRIYA, QUIET, f->arena, &cl, &e), RESULT_OK);
	assert_int_equal(cl.count, 5);
	assert_int_equal(caseload_get(f->db, &f->jo, DANIEL, QUIET, f->arena, &cl, &e),
			 RESULT_NOT_FOUND);
	assert_int_equal(caseload_get(f->db, &f->jo, "not an id", QUIET, f->arena, &cl, &e),
			 RESULT_NOT_FOUND);
}

static void the_team_view_has_every_coordinator_of_the_team(void **state)
{
	struct fixture *f = *state;
	testdb_run(f->db, "INSERT INTO leave (id, user_id, starts_on, ends_on, created_at) VALUES"
			  " ('f1000000000000000000000000000001', '" TOM "', '2000-01-01', '2999-12-31',"
			  " '2026-01-01T00:00:00Z');");
	struct caseload *list;
	size_t count;
	struct err e;
	assert_int_equal(caseload_team(f->db, &f->jo, QUIET, f->arena, &list, &count, &e), RESULT_OK);
	assert_int_equal(count, 3);
	const char *ids[] = {PRIYA, SAM, TOM}; /* by username; not Daniel */
	for (size_t i = 0; i < count; i++) {
		assert_string_equal(list[i].coordinator_id, ids[i]);
		assert_null(list[i].entries);
	}
	assert_int_equal(list[0].walking_alongside, 3);
	assert_int_equal(list[0].quiet, 3);
	assert_int_equal(list[0].waiting, 1);
	assert_int_equal(list[1].walking_alongside, 0);
	assert_true(list[2].on_leave);
	assert_false(list[0].on_leave);
	assert_int_equal(audited(f, TOM, "read", JO, "ok"), 1);
	assert_int_equal(caseload_team(f->db, &f->priya, QUIET, f->arena, &list, &count, &e),
			 RESULT_FORBIDDEN);
}

static void a_team_leader_sets_capacity_from_1_to_200(void **state)
{
	struct fixture *f = *state;
	struct err e;
	assert_int_equal(caseload_set_capacity(f->db, &f->jo, PRIYA, 50, &e), RESULT_OK);
	assert_int_equal(audited(f, PRIYA, "capacity_change", JO, "ok"), 1);
	long bad[] = {0, 201, -5};
	for (size_t i = 0; i < 3; i++) {
		assert_int_equal(caseload_set_capacity(f->db, &f->jo, PRIYA, bad[i], &e),
				 RESULT_INVALID);
		assert_string_equal(e.fields[0].path, "capacity");
	}
	/* Priya herself, and Jo for Daniel: not found, nothing changed. */
	assert_int_equal(caseload_set_capacity(f->db, &f->priya, PRIYA, 60, &e), RESULT_NOT_FOUND);
	assert_int_equal(caseload_set_capacity(f->db, &f->jo, DANIEL, 60, &e), RESULT_NOT_FOUND);
	assert_int_equal(audited(f, DANIEL, "capacity_change", JO, "refused"), 1);
	struct caseload cl;
	assert_int_equal(caseload_get(f->db, &f->priya, NULL, QUIET, f->arena, &cl, &e), RESULT_OK);
	assert_int_equal(cl.capacity, 50);
}

static void a_move_is_audited_per_person_and_a_refused_one_changes_nothing(void **state)
{
	struct fixture *f = *state;
	struct err e;
	size_t moved;
	const char *ann[] = {ANN}, *gus[] = {GUS};
	/* Tom does not work Acomb; Priya is not a team leader; Gus is not
	 * Priya's; nobody chosen. */
	assert_int_equal(caseload_move(f->db, &f->jo, PRIYA, TOM, ann, 1, &moved, &e),
			 RESULT_INVALID);
	assert_string_equal(e.fields[0].path, "to");
	assert_int_equal(caseload_move(f->db, &f->jo, PRIYA, PRIYA, ann, 1, &moved, &e),
			 RESULT_INVALID);
	assert_int_equal(caseload_move(f->db, &f->jo, PRIYA, DANIEL, ann, 1, &moved, &e),
			 RESULT_INVALID);
	assert_string_equal(e.fields[0].path, "to");
	/* Each refused target is in the audit log, as the refused source is. */
	assert_int_equal(audited(f, TOM, "move", JO, "refused"), 1);
	assert_int_equal(audited(f, PRIYA, "move", JO, "refused"), 1);
	assert_int_equal(audited(f, DANIEL, "move", JO, "refused"), 1);
	assert_int_equal(caseload_move(f->db, &f->priya, PRIYA, SAM, ann, 1, &moved, &e),
			 RESULT_NOT_FOUND);
	assert_int_equal(caseload_move(f->db, &f->jo, PRIYA, SAM, gus, 1, &moved, &e),
			 RESULT_INVALID);
	assert_string_equal(e.fields[0].path, "person_ids");
	assert_int_equal(audited(f, GUS, "move", JO, "refused"), 1);
	assert_int_equal(caseload_move(f->db, &f->jo, PRIYA, SAM, ann, 0, &moved, &e),
			 RESULT_INVALID);
	assert_string_equal(coordinator_of(f, ANN), PRIYA);
	assert_string_equal(coordinator_of(f, GUS), TOM);
	assert_int_equal(moved, 0);
	/* Ann alone, then everyone else, Eve (ended) too. */
	assert_int_equal(caseload_move(f->db, &f->jo, PRIYA, SAM, ann, 1, &moved, &e), RESULT_OK);
	assert_int_equal(moved, 1);
	assert_string_equal(coordinator_of(f, ANN), SAM);
	assert_int_equal(audited(f, ANN, "move", JO, "ok"), 1);
	struct db_param p[] = {DB_TEXT(ANN)};
	struct db_rows rows;
	query(f, "SELECT value_before FROM person_changes WHERE person_id = $1"
		 " AND field = 'coordinator_id'", p, 1, &rows);
	assert_int_equal(rows.row_count, 1);
	assert_string_equal(db_cell(&rows, 0, 0), PRIYA);
	assert_int_equal(caseload_move(f->db, &f->jo, PRIYA, SAM, NULL, 0, &moved, &e), RESULT_OK);
	assert_int_equal(moved, 5);
	const char *all[] = {BOB, CARA, DEV, EVE, FAY};
	for (size_t i = 0; i < 5; i++) {
		assert_string_equal(coordinator_of(f, all[i]), SAM);
		assert_int_equal(audited(f, all[i], "move", JO, "ok"), 1);
	}
	struct caseload cl;
	assert_int_equal(caseload_get(f->db, &f->jo, SAM, QUIET, f->arena, &cl, &e), RESULT_OK);
	assert_int_equal(cl.walking_alongside, 3);
	assert_int_equal(cl.count, 5);
	assert_int_equal(caseload_get(f->db, &f->priya, NULL, QUIET, f->arena, &cl, &e), RESULT_OK);
	assert_int_equal(cl.count, 0);
}

/* Priya works Clifton too, Daniel's team's: Hal there is hers. */
static void priya_works_another_teams_area(struct fixture *f)
{
	testdb_run(f->db, "INSERT INTO user_role_areas (user_id, role, area_id) VALUES"
			  " ('" PRIYA "', 'coordinator', '" CLIFTON "');");
	person(f, HAL, "Hal", PRIYA, CLIFTON);
	const char *hal[] = {HAL};
	involvement(f, HAL, "walking_alongside", 100, false, hal, 1);
}

static void a_team_leader_sees_only_the_people_of_their_teams_areas(void **state)
{
	struct fixture *f = *state;
	priya_works_another_teams_area(f);
	struct caseload cl;
	struct err e;
	/* Priya sees Hal; Jo does not, though Hal counts against capacity. */
	assert_int_equal(caseload_get(f->db, &f->priya, NULL, QUIET, f->arena, &cl, &e), RESULT_OK);
	assert_int_equal(cl.count, 6);
	assert_int_equal(cl.quiet, 4);
	assert_int_equal(caseload_get(f->db, &f->jo, PRIYA, QUIET, f->arena, &cl, &e), RESULT_OK);
	assert_int_equal(cl.count, 5);
	for (size_t i = 0; i < cl.count; i++)
		assert_string_not_equal(cl.entries[i].person_id, HAL);
	assert_int_equal(cl.walking_alongside, 4);
	assert_int_equal(cl.quiet, 3);
	struct caseload *list;
	size_t count;
	assert_int_equal(caseload_team(f->db, &f->jo, QUIET, f->arena, &list, &count, &e), RESULT_OK);
	assert_string_equal(list[0].coordinator_id, PRIYA);
	assert_int_equal(list[0].walking_alongside, 4);
	assert_int_equal(list[0].quiet, 3);
	/* Moving all of Priya's moves those Jo reaches; Hal stays. */
	size_t moved;
	assert_int_equal(caseload_move(f->db, &f->jo, PRIYA, SAM, NULL, 0, &moved, &e), RESULT_OK);
	assert_int_equal(moved, 6);
	assert_string_equal(coordinator_of(f, HAL), PRIYA);
}

static void last_contact_is_the_uk_day(void **state)
{
	struct fixture *f = *state;
	/* Half past midnight on 2 July 2025 in York, 1 July in UTC; the
	 * family's contact before moving in was 2 July too, not later. */
	testdb_run(f->db, "INSERT INTO conversations (id, person_id, involvement_id, at, how, state,"
			  " created_at) VALUES ('f0000000000000000000000000000009', '" BOB "',"
			  " '" FAMILY "', '2025-07-01T23:30:00.000Z', 'met', 'held',"
			  " '2025-07-01T23:30:00.000Z');"
			  "UPDATE involvements SET last_contact_before_import = '2025-07-02'"
			  " WHERE id = '" FAMILY "';");
	struct date d;
	assert_true(date_parse("2025-07-02", &d));
	long since = date_to_days(date_uk_today(time(NULL))) - date_to_days(d);
	struct caseload cl;
	struct err e;
	assert_int_equal(caseload_get(f->db, &f->priya, NULL, (int)since + 1, f->arena, &cl, &e),
			 RESULT_OK);
	const struct caseload_entry *bob = &cl.entries[1];
	assert_string_equal(bob->person_id, BOB);
	assert_string_equal(bob->last_conversation_on, "2025-07-02");
	assert_false(bob->last_contact_is_before_import);
	assert_false(bob->quiet);
	assert_int_equal(caseload_get(f->db, &f->priya, NULL, (int)since, f->arena, &cl, &e),
			 RESULT_OK);
	assert_true(cl.entries[1].quiet);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			counts_walking_alongside_a_family_once_and_short_term_apart, setup, teardown),
		cmocka_unit_test_setup_teardown(quiet_is_from_the_last_held_conversation_or_the_start,
						setup, teardown),
		cmocka_unit_test_setup_teardown(quiet_counts_from_a_later_contact_before_moving_in,
						setup, teardown),
		cmocka_unit_test_setup_teardown(only_the_coordinator_and_their_team_leader_see_it,
						setup, teardown),
		cmocka_unit_test_setup_teardown(the_team_view_has_every_coordinator_of_the_team,
						setup, teardown),
		cmocka_unit_test_setup_teardown(a_team_leader_sets_capacity_from_1_to_200, setup,
						teardown),
		cmocka_unit_test_setup_teardown(
			a_move_is_audited_per_person_and_a_refused_one_changes_nothing, setup,
			teardown),
		cmocka_unit_test_setup_teardown(
			a_team_leader_sees_only_the_people_of_their_teams_areas, setup, teardown),
		cmocka_unit_test_setup_teardown(last_contact_is_the_uk_day, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
