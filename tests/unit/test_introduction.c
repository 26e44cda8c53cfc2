/* Introductions decide access and write the audit themselves: called
 * directly as a coordinator of another area, the domain answers not found
 * and the audit log keeps the refusal; a change is checked whole. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/date.h"
#include "core/err.h"
#include "core/workdays.h"
#include "db/db.h"
#include "domain/introductions/introduction.h"
#include "domain/introductions/leave.h"
#include "domain/staff/caller.h"
#include "domain/staff/user.h"
#include "support/testdb.h"

#define ACOMB "a0000000000000000000000000000001"
#define HEWORTH "a0000000000000000000000000000002"
#define PRIYA "b0000000000000000000000000000001"
#define TOM "b0000000000000000000000000000002"
#define INTRO "c0000000000000000000000000000001"

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
	testdb_run(f->db,
	    "INSERT INTO areas (id, name, covered, created_at, updated_at) VALUES"
	    " ('" ACOMB "', 'Acomb', 1, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),"
	    " ('" HEWORTH "', 'Heworth', 1, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');"
	    "INSERT INTO users (id, username, display_name, created_at, updated_at) VALUES"
	    " ('" PRIYA "', 'priya', 'Priya', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),"
	    " ('" TOM "', 'tom', 'Tom', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');"
	    "INSERT INTO user_roles (user_id, role) VALUES ('" PRIYA "', 'coordinator'),"
	    " ('" TOM "', 'coordinator');"
	    "INSERT INTO user_role_areas (user_id, role, area_id) VALUES"
	    " ('" PRIYA "', 'coordinator', '" ACOMB "'), ('" TOM "', 'coordinator', '" HEWORTH "');"
	    "INSERT INTO introductions (id, status, area_id, placement, person_name,"
	    " person_phone, introduced_by, person_knows, channel, received_at, due_on,"
	    " created_at, updated_at) VALUES ('" INTRO "', 'new', '" ACOMB "', 'covered',"
	    " 'Ann Example', '07700 900123', 'self', 'yes', 'phone', '2026-11-30T09:00:00.000Z',"
	    " '2026-12-03', '2026-11-30T09:00:00.000Z', '2026-11-30T09:00:00.000Z');");
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

/* How many audit rows name the introduction with this action, user and
 * outcome. */
static long audited(struct fixture *f, const char *action, const char *user,
		    const char *outcome)
{
	struct db_conn *c;
	struct err e;
	assert_int_equal(db_acquire(f->db, &c, &e), 0);
	struct db_param p[] = {DB_TEXT(action), DB_TEXT(user), DB_TEXT(outcome)};
	struct db_rows rows;
	assert_int_equal(db_query(c, f->arena,
				  "SELECT count(*) FROM audit_log WHERE record_id = '" INTRO "'"
				  " AND action = $1 AND actor_user_id = $2 AND outcome = $3",
				  p, &rows, &e),
			 0);
	db_release(c);
	return strtol(db_cell(&rows, 0, 0), NULL, 10);
}

static void another_areas_coordinator_finds_nothing_and_is_audited(void **state)
{
	struct fixture *f = *state;
	struct introduction *x;
	struct err e;
	assert_int_equal(intro_get(f->db, &f->tom, INTRO, f->arena, &x, &e), RESULT_NOT_FOUND);
	assert_null(x);
	assert_string_equal(e.subject, "introduction");
	assert_int_equal(audited(f, "read", TOM, "refused"), 1);

	/* The same answer as for an id that does not exist. */
	struct err none;
	assert_int_equal(intro_get(f->db, &f->tom, "c00000000000000000000000000000ff", f->arena,
				   &x, &none),
			 RESULT_NOT_FOUND);
	assert_string_equal(none.msg, e.msg);

	assert_int_equal(intro_get(f->db, &f->priya, INTRO, f->arena, &x, &e), RESULT_OK);
	assert_string_equal(x->in.person_name, "Ann Example");
	assert_int_equal(audited(f, "read", PRIYA, "ok"), 1);

	/* Lists hold only what the caller reaches. */
	struct introduction *list;
	size_t count;
	struct intro_filter all = {0};
	assert_int_equal(intro_list(f->db, &f->tom, &all, f->arena, &list, &count, &e), 0);
	assert_int_equal(count, 0);
	assert_int_equal(intro_list(f->db, &f->priya, &all, f->arena, &list, &count, &e), 0);
	assert_int_equal(count, 1);

	/* The public and API tokens never reach a record. */
	struct caller public = caller_public("127.0.0.2", "test");
	assert_int_equal(intro_get(f->db, &public, INTRO, f->arena, &x, &e), RESULT_NOT_FOUND);
}

static void a_refused_change_changes_nothing_and_is_audited(void **state)
{
	struct fixture *f = *state;
	struct err e;
	struct intro_change contacted = {NULL, "contacted", NULL};
	assert_int_equal(intro_update(f->db, &f->tom, INTRO, &contacted, &e), RESULT_NOT_FOUND);
	assert_int_equal(audited(f, "update", TOM, "refused"), 1);
	struct introduction *x;
	assert_int_equal(intro_get(f->db, &f->priya, INTRO, f->arena, &x, &e), RESULT_OK);
	assert_string_equal(x->status, "new");

	assert_int_equal(intro_update(f->db, &f->priya, INTRO, &contacted, &e), RESULT_OK);
	assert_int_equal(audited(f, "update", PRIYA, "ok"), 1);
	assert_int_equal(intro_get(f->db, &f->priya, INTRO, f->arena, &x, &e), RESULT_OK);
	assert_string_equal(x->status, "contacted");
	assert_int_equal(x->history_count, 1);
	assert_string_equal(x->history[0].user_id, PRIYA);
}

static void a_change_names_every_problem(void **state)
{
	struct fixture *f = *state;
	struct err e;
	struct intro_change bad = {"maybe", "lost", NULL};
	assert_int_equal(intro_update(f->db, &f->priya, INTRO, &bad, &e), RESULT_INVALID);
	assert_int_equal(e.field_count, 2);
	assert_non_null(err_field_message(&e, "person_knows"));
	assert_non_null(err_field_message(&e, "status"));
	/* Skipping ahead is refused against the introduction as it is. */
	struct intro_change skip = {NULL, "walking_alongside", NULL};
	assert_int_equal(intro_update(f->db, &f->priya, INTRO, &skip, &e), RESULT_INVALID);
	assert_non_null(strstr(err_field_message(&e, "status"), "cannot become"));
	assert_int_equal(audited(f, "update", PRIYA, "ok"), 0);
}

static void leave_is_the_coordinators_and_their_leaders(void **state)
{
	struct fixture *f = *state;
	struct err e;
	char id[33];
	assert_int_equal(leave_add(f->db, &f->tom, PRIYA, "2027-01-04", "2027-01-08", id, &e),
			 RESULT_NOT_FOUND);
	assert_string_equal(e.subject, "coordinator");
	assert_int_equal(leave_add(f->db, &f->priya, PRIYA, "2027-01-08", "soon", id, &e),
			 RESULT_INVALID);
	assert_non_null(err_field_message(&e, "ends_on"));
	assert_int_equal(leave_add(f->db, &f->priya, PRIYA, "2027-01-04", "2027-01-08", id, &e),
			 RESULT_OK);
	struct leave *list;
	size_t count;
	assert_int_equal(leave_list(f->db, &f->tom, PRIYA, NULL, f->arena, &list, &count, &e),
			 RESULT_NOT_FOUND);
	assert_int_equal(leave_list(f->db, &f->priya, PRIYA, NULL, f->arena, &list, &count, &e),
			 RESULT_OK);
	assert_int_equal(count, 1);
	assert_string_equal(list[0].starts_on, "2027-01-04");
}

/* Sam, once Acomb's other coordinator and now disabled, had booked the
 * next three weeks off.  Priya is at work, so the clock runs: the due
 * date is the plain three working days, not after Sam's leave. */
static void a_disabled_coordinators_leave_does_not_stop_the_clock(void **state)
{
	struct fixture *f = *state;
	struct date today = date_uk_today(time(NULL));
	char from[11], to[11];
	date_format(today, from);
	date_format(date_from_days(date_to_days(today) + 21), to);
	testdb_run(f->db, arena_printf(f->arena,
		"INSERT INTO users (id, username, display_name, created_at, updated_at, disabled)"
		" VALUES ('b0000000000000000000000000000003', 'sam', 'Sam',"
		" '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 1);"
		"INSERT INTO user_roles (user_id, role) VALUES"
		" ('b0000000000000000000000000000003', 'coordinator');"
		"INSERT INTO user_role_areas (user_id, role, area_id) VALUES"
		" ('b0000000000000000000000000000003', 'coordinator', '" ACOMB "');"
		"INSERT INTO leave (id, user_id, starts_on, ends_on, created_at) VALUES"
		" ('d0000000000000000000000000000001', 'b0000000000000000000000000000003',"
		" '%s', '%s', '2026-01-01T00:00:00Z');", from, to));
	struct holidays *h = holidays_new();
	struct intro_settings settings = {.db = f->db, .holidays = h, .due_working_days = 3};
	struct intro_input in = {.person_name = "Bo Example", .person_phone = "07700 900123",
				 .introduced_by = "self", .person_knows = "yes",
				 .channel = "phone"};
	struct introduction *x;
	struct err e = {0};
	int rc = intro_create(&settings, &f->priya, &in, f->arena, &x, &e);
	if (rc != RESULT_OK)
		fail_msg("intro_create: %d %s", rc, e.msg);
	char want[11];
	date_format(workdays_after(h, date_uk_today(time(NULL)), 3, NULL, 0), want);
	holidays_free(h);
	assert_string_equal(x->due_on, want);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(another_areas_coordinator_finds_nothing_and_is_audited,
						setup, teardown),
		cmocka_unit_test_setup_teardown(a_refused_change_changes_nothing_and_is_audited,
						setup, teardown),
		cmocka_unit_test_setup_teardown(a_change_names_every_problem, setup, teardown),
		cmocka_unit_test_setup_teardown(leave_is_the_coordinators_and_their_leaders, setup,
						teardown),
		cmocka_unit_test_setup_teardown(a_disabled_coordinators_leave_does_not_stop_the_clock,
						setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
