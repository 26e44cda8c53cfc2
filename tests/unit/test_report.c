/* report_build (domain/reports/report.c) and the summary columns it reads
 * (schema/023), on SQLite and, when ALONGSIDE_TEST_PG_URL is set, on
 * PostgreSQL.  Who may read a report and over which areas: a team leader
 * their team's, a programme manager, a token with reports.read and the
 * command line every area, anyone else nobody, each read audited and
 * each refusal audited as refused; an area outside reach or a section
 * that is not one refused at its field.  The reply and the first
 * conversation kept in step by the code that records them, and filled
 * from the history for rows made before. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/err.h"
#include "core/workdays.h"
#include "db/db.h"
#include "db/migrate.h"
#include "domain/introductions/introduction.h"
#include "domain/people/conversation.h"
#include "domain/reports/report.h"
#include "domain/staff/caller.h"
#include "domain/staff/token.h"
#include "domain/staff/user.h"
#include "support/testdb.h"

#define ACOMB "area-acomb"
#define HEWORTH "area-heworth"
#define WESTFIELD "area-westfield"
#define OLD "area-old"
#define I1 "e0000000000000000000000000000001"
#define P1 "c0000000000000000000000000000001"
#define V1 "d0000000000000000000000000000001"

struct fixture {
	struct arena *a;
	struct db *db;
	struct testdb tdb;
	struct holidays *h;
};

#define T "'2025-01-01T00:00:00.000Z'"
static const char programme[] =
	"INSERT INTO areas (id, name, covered, created_at, updated_at, retired_at) VALUES"
	" ('" ACOMB "', 'Acomb', 1, " T ", " T ", NULL),"
	" ('" HEWORTH "', 'Heworth', 1, " T ", " T ", NULL),"
	" ('" WESTFIELD "', 'Westfield', 1, " T ", " T ", NULL),"
	" ('" OLD "', 'Old Town', 0, " T ", " T ", " T ");"
	"INSERT INTO users (id, username, display_name, created_at, updated_at) VALUES"
	" ('priya', 'priya', 'Priya Shah', " T ", " T "),"
	" ('jo', 'jo', 'Jo Bennett', " T ", " T "),"
	" ('pam', 'pam', 'Pam Manager', " T ", " T ");"
	"INSERT INTO user_roles (user_id, role) VALUES ('priya', 'coordinator'),"
	" ('jo', 'team_leader'), ('pam', 'programme_manager');"
	"INSERT INTO user_role_areas (user_id, role, area_id) VALUES"
	" ('priya', 'coordinator', '" ACOMB "'), ('jo', 'team_leader', '" ACOMB "'),"
	" ('jo', 'team_leader', '" HEWORTH "');"
	"INSERT INTO introductions (id, status, area_id, placement, person_name, introduced_by,"
	" person_knows, channel, received_at, due_on, created_at, updated_at) VALUES"
	" ('" I1 "', 'new', '" ACOMB "', 'covered', 'Someone', 'self', 'not_asked', 'phone',"
	"  '2026-10-05T09:00:00.000Z', '2026-10-08', " T ", " T ");"
	"INSERT INTO introduction_history (id, introduction_id, at, user_id, status) VALUES"
	" ('h1', '" I1 "', '2026-10-05T09:00:00.000Z', NULL, 'new');"
	"INSERT INTO people (id, name, area_id, coordinator_id, created_at, updated_at) VALUES"
	" ('" P1 "', 'One', '" ACOMB "', 'priya', " T ", " T ");"
	"INSERT INTO involvements (id, kind, area_id, started_on, created_at, updated_at) VALUES"
	" ('" V1 "', 'walking_alongside', '" ACOMB "', '2026-10-01', " T ", " T ");"
	"INSERT INTO involvement_people (involvement_id, person_id) VALUES ('" V1 "', '" P1 "');";
#undef T

static int setup(void **state, bool on_pg)
{
	struct fixture *f = calloc(1, sizeof *f);
	f->a = arena_new();
	f->db = on_pg ? testdb_open_pg(&f->tdb, "report") : testdb_open(&f->tdb);
	testdb_run(f->db, programme);
	f->h = holidays_new();
	*state = f;
	return 0;
}

static int setup_sqlite(void **state)
{
	return setup(state, false);
}

static int setup_pg(void **state)
{
	return setup(state, true);
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	testdb_close(&f->tdb);
	holidays_free(f->h);
	arena_free(f->a);
	free(f);
	return 0;
}

static const char *acomb[] = {ACOMB};
static const char *team[] = {ACOMB, HEWORTH};
static const struct user priya_user = {.id = "priya", .username = "priya",
				       .roles = USER_COORDINATOR, .coordinator_areas = acomb,
				       .coordinator_area_count = 1};
static const struct user jo_user = {.id = "jo", .username = "jo", .roles = USER_TEAM_LEADER,
				    .team_areas = team, .team_area_count = 2};
static const struct user pam_user = {.id = "pam", .username = "pam",
				     .roles = USER_PROGRAMME_MANAGER};
static const struct user admin_user = {.id = "admin", .username = "admin",
				       .roles = USER_ADMINISTRATOR};

static struct caller as(const struct user *u)
{
	return (struct caller){.kind = CALLER_STAFF, .user = u, .client_address = "test",
			       .request_id = "test"};
}

#define NOW ((time_t)1800014400) /* 15 January 2027, midday */

static int build(struct fixture *f, const struct caller *who, const char **areas,
		 size_t area_count, const char *only, struct report *r, struct err *e)
{
	struct report_request req = {.area_ids = areas, .area_count = area_count,
				     .view = REPORT_OWN_VIEW, .only_section = only};
	err_clear(e);
	assert_int_equal(period_quarter("2026-27-Q3", &req.period, e), RESULT_OK);
	return report_build(f->db, who, f->h, 3, NOW, &req, f->a, r, e);
}

static long count(struct fixture *f, const char *sql)
{
	return testdb_count(f->db, f->a, sql);
}

static void a_team_leader_reads_their_teams_areas(void **state)
{
	struct fixture *f = *state;
	struct caller jo = as(&jo_user);
	struct report r;
	struct err e;
	assert_int_equal(build(f, &jo, NULL, 0, NULL, &r, &e), RESULT_OK);
	assert_int_equal(r.area_count, 2);
	assert_string_equal(r.area_names[0], "Acomb");
	assert_string_equal(r.area_names[1], "Heworth");
	assert_false(r.suppressed);
	assert_int_equal(r.section_count, 7);
	const char *keys[] = {"introductions", "replies", "first_conversations", "caseloads",
			      "outcomes", "wellbeing", "costs"};
	for (size_t i = 0; i < 7; i++)
		assert_string_equal(r.sections[i].key, keys[i]);
	assert_ptr_equal(report_section(&r, "caseloads"), &r.sections[3]);
	assert_null(report_section(&r, "nothing"));
	assert_int_equal(count(f, "SELECT count(*) FROM audit_log WHERE action = 'read'"
				  " AND record_type = 'report' AND record_id = '2026-27-Q3'"
				  " AND actor_user_id = 'jo' AND outcome = 'ok'"),
			 1);
	/* One area of the team, by name. */
	const char *one[] = {HEWORTH};
	assert_int_equal(build(f, &jo, one, 1, "replies", &r, &e), RESULT_OK);
	assert_int_equal(r.area_count, 1);
	assert_string_equal(r.area_names[0], "Heworth");
	assert_int_equal(r.section_count, 1);
	assert_string_equal(r.sections[0].key, "replies");
	assert_int_equal(count(f, "SELECT count(*) FROM audit_log WHERE record_type = 'report'"
				  " AND area_id = '" HEWORTH "'"),
			 1);
}

static void an_area_outside_reach_is_refused_at_its_field(void **state)
{
	struct fixture *f = *state;
	struct caller jo = as(&jo_user);
	struct report r;
	struct err e;
	const char *outside[] = {ACOMB, WESTFIELD};
	assert_int_equal(build(f, &jo, outside, 2, NULL, &r, &e), RESULT_INVALID);
	assert_string_equal(err_field_message(&e, "area"), "Choose an area you report on");
	assert_int_equal(r.section_count, 0);
	const char *none[] = {"no-such-area"};
	assert_int_equal(build(f, &jo, none, 1, NULL, &r, &e), RESULT_INVALID);
	assert_non_null(err_field_message(&e, "area"));
	assert_int_equal(count(f, "SELECT count(*) FROM audit_log WHERE record_type = 'report'"
				  " AND outcome = 'refused' AND actor_user_id = 'jo'"),
			 2);
	assert_int_equal(build(f, &jo, NULL, 0, "gossip", &r, &e), RESULT_INVALID);
	assert_non_null(err_field_message(&e, "section"));
	assert_int_equal(count(f, "SELECT count(*) FROM audit_log WHERE record_type = 'report'"
				  " AND outcome = 'ok'"),
			 0);
}

static void every_area_for_a_programme_manager_a_token_and_the_command_line(void **state)
{
	struct fixture *f = *state;
	struct report r;
	struct err e;
	struct caller pam = as(&pam_user);
	assert_int_equal(build(f, &pam, NULL, 0, "introductions", &r, &e), RESULT_OK);
	/* Every area but the retired one, which is there only by name. */
	assert_int_equal(r.area_count, 3);
	assert_string_equal(r.area_names[2], "Westfield");
	assert_true(r.suppressed);
	const char *old[] = {OLD};
	assert_int_equal(build(f, &pam, old, 1, "introductions", &r, &e), RESULT_OK);
	assert_int_equal(r.area_count, 1);

	struct api_token reader = {.id = "tok1", .name = "council", .scopes = "reports.read"};
	struct caller token = {.kind = CALLER_TOKEN, .token = &reader, .client_address = "test"};
	assert_int_equal(build(f, &token, NULL, 0, "replies", &r, &e), RESULT_OK);
	assert_int_equal(r.area_count, 3);
	assert_true(r.suppressed);

	struct caller cli = caller_cli();
	assert_int_equal(build(f, &cli, NULL, 0, "caseloads", &r, &e), RESULT_OK);
	assert_int_equal(r.area_count, 3);
	assert_true(r.suppressed);
	assert_int_equal(count(f, "SELECT count(*) FROM audit_log WHERE record_type = 'report'"
				  " AND outcome = 'ok'"),
			 4);
}

static void anyone_else_is_refused_and_the_attempt_audited(void **state)
{
	struct fixture *f = *state;
	struct report r;
	struct err e;
	struct caller priya = as(&priya_user), admin = as(&admin_user);
	struct api_token writer = {.id = "tok2", .name = "maps", .scopes = "areas.write"};
	struct caller token = {.kind = CALLER_TOKEN, .token = &writer, .client_address = "test"};
	struct caller public = caller_public("198.51.100.7", "req");
	struct user gone = pam_user;
	gone.disabled = true;
	struct caller disabled = as(&gone);
	const struct caller *refused[] = {&priya, &admin, &token, &public, &disabled};
	for (size_t i = 0; i < 5; i++) {
		assert_int_equal(build(f, refused[i], NULL, 0, NULL, &r, &e), RESULT_FORBIDDEN);
		assert_int_equal(r.section_count, 0);
	}
	assert_int_equal(count(f, "SELECT count(*) FROM audit_log WHERE record_type = 'report'"
				  " AND outcome = 'refused' AND record_id = '2026-27-Q3'"),
			 5);
	/* A period of dates is named by its two days. */
	struct report_request req = {.view = REPORT_SHARED};
	assert_int_equal(period_dates("2026-10-01", "2026-11-15", &req.period, &e), RESULT_OK);
	struct caller jo = as(&jo_user);
	assert_int_equal(report_build(f->db, &jo, f->h, 3, NOW, &req, f->a, &r, &e), RESULT_OK);
	assert_int_equal(count(f, "SELECT count(*) FROM audit_log WHERE record_type = 'report'"
				  " AND record_id = '2026-10-01..2026-11-15'"),
			 1);
}

/* The sections are built side by side (REPORT_SECTIONS_AT_ONCE): when two
 * fail, the report fails with the message of the first in the report's
 * order, whichever finished first, and the read is not audited as done. */
static void the_first_section_to_fail_in_order_speaks_for_the_report(void **state)
{
	struct fixture *f = *state;
	testdb_run(f->db, "ALTER TABLE outcome_standing RENAME TO outcome_standing_gone;"
			  "ALTER TABLE cost_events RENAME TO cost_events_gone");
	struct caller pam = as(&pam_user);
	struct report r;
	struct err e;
	assert_int_equal(build(f, &pam, NULL, 0, NULL, &r, &e), RESULT_FAILED);
	assert_non_null(strstr(e.msg, "outcome_standing"));
	assert_int_equal(count(f, "SELECT count(*) FROM audit_log WHERE record_type = 'report'"
				  " AND outcome = 'ok'"),
			 0);
	/* A section that did not fail is built alone as before. */
	assert_int_equal(build(f, &pam, NULL, 0, "replies", &r, &e), RESULT_OK);
	assert_int_equal(r.section_count, 1);
}

/* The first change away from new by staff is the reply, kept in step. */
static void the_reply_is_kept_with_the_introduction(void **state)
{
	struct fixture *f = *state;
	struct caller priya = as(&priya_user);
	struct err e = {0};
	struct intro_change knows = {.person_knows = "yes"};
	assert_int_equal(intro_update(f->db, &priya, I1, &knows, &e), RESULT_OK);
	/* Whether the person knows is no reply. */
	assert_int_equal(count(f, "SELECT count(*) FROM introductions WHERE replied_at IS NULL"), 1);
	struct intro_change contacted = {.status = "contacted"};
	assert_int_equal(intro_update(f->db, &priya, I1, &contacted, &e), RESULT_OK);
	assert_int_equal(count(f, "SELECT count(*) FROM introductions i WHERE replied_at ="
				  " (SELECT h.at FROM introduction_history h WHERE"
				  " h.introduction_id = i.id AND h.status = 'contacted')"),
			 1);
	struct intro_change arranged = {.status = "conversation_arranged"};
	assert_int_equal(intro_update(f->db, &priya, I1, &arranged, &e), RESULT_OK);
	/* A later change leaves the first reply as it was. */
	assert_int_equal(count(f, "SELECT count(*) FROM introductions i WHERE replied_at ="
				  " (SELECT h.at FROM introduction_history h WHERE"
				  " h.introduction_id = i.id AND h.status = 'contacted')"),
			 1);
}

static void the_first_held_conversation_is_kept_with_the_involvement(void **state)
{
	struct fixture *f = *state;
	struct caller priya = as(&priya_user);
	struct err e = {0};
	struct conversation *out;
	struct conversation_input arranged = {.at = "2026-10-05T10:00:00.000Z", .how = "phone",
					      .state = "arranged"};
	assert_int_equal(conversation_log(f->db, &priya, P1, &arranged, f->a, &out, &e),
			 RESULT_OK);
	assert_int_equal(
		count(f, "SELECT count(*) FROM involvements WHERE first_conversation_at IS NULL"), 1);
	struct conversation_input held = {.at = "2026-10-09T10:00:00.000Z", .how = "met"};
	assert_int_equal(conversation_log(f->db, &priya, P1, &held, f->a, &out, &e), RESULT_OK);
	assert_int_equal(count(f, "SELECT count(*) FROM involvements"
				  " WHERE first_conversation_at = '2026-10-09T10:00:00.000Z'"),
			 1);
	/* One logged later but held earlier moves it earlier; a later one
	 * leaves it. */
	held.at = "2026-10-07T10:00:00.000Z";
	assert_int_equal(conversation_log(f->db, &priya, P1, &held, f->a, &out, &e), RESULT_OK);
	held.at = "2026-10-20T10:00:00.000Z";
	assert_int_equal(conversation_log(f->db, &priya, P1, &held, f->a, &out, &e), RESULT_OK);
	assert_int_equal(count(f, "SELECT count(*) FROM involvements"
				  " WHERE first_conversation_at = '2026-10-07T10:00:00.000Z'"),
			 1);
	/* A conversation refused changes nothing. */
	struct conversation_input bad = {.at = "2026-10-01T10:00:00.000Z", .how = "carrier pigeon"};
	assert_int_equal(conversation_log(f->db, &priya, P1, &bad, f->a, &out, &e),
			 RESULT_INVALID);
	assert_int_equal(count(f, "SELECT count(*) FROM involvements"
				  " WHERE first_conversation_at = '2026-10-07T10:00:00.000Z'"),
			 1);
}

/* Rows made before schema/023 have their reply and first conversation
 * filled from the history. */
static void the_migration_fills_both_from_the_history(void **state)
{
	(void)state;
	struct testdb t;
	struct db *db = testdb_open_upto(&t, 22);
	struct arena *a = arena_new();
	testdb_run(db, programme);
	testdb_run(db,
		   "INSERT INTO introductions (id, status, area_id, placement, person_name,"
		   " introduced_by, person_knows, channel, received_at, due_on, created_at,"
		   " updated_at) VALUES ('I2', 'walking_alongside', '" ACOMB "', 'covered', 'Two',"
		   " 'self', 'yes', 'phone', '2026-10-05T09:00:00.000Z', '2026-10-08',"
		   " '2026-10-05T09:00:00.000Z', '2026-10-05T09:00:00.000Z');"
		   "INSERT INTO introduction_history (id, introduction_id, at, user_id, status)"
		   " VALUES ('h2', 'I2', '2026-10-05T09:00:00.000Z', NULL, 'new'),"
		   " ('h3', 'I2', '2026-10-05T11:00:00.000Z', 'priya', 'new'),"
		   " ('h4', 'I2', '2026-10-06T12:00:00.000Z', NULL, 'contacted'),"
		   " ('h5', 'I2', '2026-10-07T12:00:00.000Z', 'priya', 'contacted'),"
		   " ('h6', 'I2', '2026-10-09T12:00:00.000Z', 'priya', 'walking_alongside');"
		   "INSERT INTO conversations (id, person_id, involvement_id, at, how, state,"
		   " created_at) VALUES"
		   " ('c1', '" P1 "', '" V1 "', '2026-10-02T10:00:00.000Z', 'phone', 'arranged', '2026-10-02'),"
		   " ('c2', '" P1 "', '" V1 "', '2026-10-08T10:00:00.000Z', 'met', 'held', '2026-10-08'),"
		   " ('c3', '" P1 "', '" V1 "', '2026-10-04T10:00:00.000Z', 'met', 'held', '2026-10-09');");
	int applied;
	struct err e;
	assert_int_equal(migrate_apply(db, schema_migrations, schema_migration_count, &applied, &e),
			 0);
	assert_true(applied >= 1);
	assert_int_equal(testdb_count(db, a, "SELECT count(*) FROM introductions WHERE id = 'I2'"
					     " AND replied_at = '2026-10-07T12:00:00.000Z'"),
			 1);
	assert_int_equal(testdb_count(db, a, "SELECT count(*) FROM introductions WHERE id = '" I1 "'"
					     " AND replied_at IS NULL"),
			 1);
	assert_int_equal(testdb_count(db, a, "SELECT count(*) FROM involvements WHERE id = '" V1 "'"
					     " AND first_conversation_at = '2026-10-04T10:00:00.000Z'"),
			 1);
	arena_free(a);
	testdb_close(&t);
}

/* Each test on a database of its own: the audit counts are its own. */
#define TESTS(setup)                                                                     \
	cmocka_unit_test_setup_teardown(a_team_leader_reads_their_teams_areas, setup,    \
					teardown),                                       \
	cmocka_unit_test_setup_teardown(an_area_outside_reach_is_refused_at_its_field,   \
					setup, teardown),                                \
	cmocka_unit_test_setup_teardown(                                                 \
		every_area_for_a_programme_manager_a_token_and_the_command_line, setup,  \
		teardown),                                                               \
	cmocka_unit_test_setup_teardown(anyone_else_is_refused_and_the_attempt_audited,  \
					setup, teardown),                                \
	cmocka_unit_test_setup_teardown(the_first_section_to_fail_in_order_speaks_for_the_report, \
					setup, teardown),                                  \
	cmocka_unit_test_setup_teardown(the_reply_is_kept_with_the_introduction, setup,  \
					teardown),                                       \
	cmocka_unit_test_setup_teardown(                                                 \
		the_first_held_conversation_is_kept_with_the_involvement, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {TESTS(setup_sqlite)};
	const struct CMUnitTest on_pg[] = {TESTS(setup_pg)};
	const struct CMUnitTest once[] = {cmocka_unit_test(the_migration_fills_both_from_the_history)};
	int failed = cmocka_run_group_tests_name("report on sqlite", tests, NULL, NULL);
	failed += cmocka_run_group_tests_name("report's migration on sqlite", once, NULL, NULL);
	if (!getenv("ALONGSIDE_TEST_PG_URL")) {
		printf("report on postgresql: not run (ALONGSIDE_TEST_PG_URL unset)\n");
		return failed;
	}
	return failed + cmocka_run_group_tests_name("report on postgresql", on_pg, NULL, NULL);
}
