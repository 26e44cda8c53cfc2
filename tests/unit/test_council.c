/* The council's settings (domain/council/council.h) on SQLite and, when
 * ALONGSIDE_TEST_PG_URL is set, on a PostgreSQL database made for the
 * run: the same assertions on both.  Unset settings read as "" and the
 * rule as nearest; a change is written and audited with its before and
 * after; bad values are each named and nothing is written; a caller who
 * is not an administrator is refused, and the refusal audited; a change
 * that changes nothing writes nothing.  And the outside-cover decision
 * (domain/areas/lookup.h) for a recorded introduction under each rule. */
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
#include "db/db.h"
#include "domain/areas/lookup.h"
#include "domain/council/council.h"
#include "domain/staff/caller.h"
#include "domain/staff/user.h"
#include "support/testdb.h"

struct fixture {
	struct arena *a;
	struct db *db;
	struct testdb tdb;
};

static int setup(void **state, bool on_pg)
{
	struct fixture *f = calloc(1, sizeof *f);
	f->a = arena_new();
	f->db = on_pg ? testdb_open_pg(&f->tdb, "council") : testdb_open(&f->tdb);
	*state = f;
	return 0;
}

static int setup_sqlite(void **state)
{
	return setup(state, false);
}

/* A database of its own, migrated, on the test server; dropped after. */
static int setup_pg(void **state)
{
	return setup(state, true);
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	testdb_close(&f->tdb);
	arena_free(f->a);
	free(f);
	return 0;
}

static const struct user admin_user = {.id = "admin", .roles = USER_ADMINISTRATOR};
static const struct user leader_user = {.id = "jo", .roles = USER_TEAM_LEADER};

static struct caller as(const struct user *u)
{
	return (struct caller){.kind = CALLER_STAFF, .user = u, .client_address = "test",
			       .request_id = "test"};
}

static long count(struct fixture *f, const char *sql)
{
	return testdb_count(f->db, f->a, sql);
}

/* Every setting as KEY=VALUE lines, to compare before and after. */
static const char *snapshot(struct fixture *f)
{
	struct council now;
	struct err e;
	assert_int_equal(council_read(f->db, f->a, &now, &e), RESULT_OK);
	const char *text = "";
	for (size_t i = 0; i < council_key_count; i++)
		text = arena_printf(f->a, "%s%s=%s\n", text, council_keys[i],
				    council_value(&now, council_keys[i]));
	return text;
}

static void unset_settings_read_empty_and_the_rule_nearest(void **state)
{
	struct fixture *f = *state;
	struct council now;
	struct err e;
	assert_int_equal(council_read(f->db, f->a, &now, &e), RESULT_OK);
	for (size_t i = 0; i < council_key_count; i++) {
		if (strcmp(council_keys[i], "outside_cover") == 0)
			continue;
		assert_string_equal(council_value(&now, council_keys[i]), "");
		assert_non_null(council_key_label(council_keys[i]));
	}
	assert_int_equal(now.outside_cover, COUNCIL_OUTSIDE_NEAREST);
	assert_string_equal(council_value(&now, "outside_cover"), "nearest");
	assert_null(council_value(&now, "colour"));
	assert_null(council_key_label("colour"));
}

static void a_change_is_written_trimmed_and_audited(void **state)
{
	struct fixture *f = *state;
	struct caller admin = as(&admin_user);
	const struct council_change changes[] = {
		{"name", "  City of York Council (demo) "},
		{"phone", "01632 960000"},
		{"email", "council@example.org"},
		{"website", "https://www.york.gov.uk"},
		{"outside_cover", "team"},
		{"team_email", "lac-team@example.org"},
	};
	struct err e;
	assert_int_equal(council_set(f->db, &admin, changes, 6, &e), RESULT_OK);
	struct council now;
	assert_int_equal(council_read(f->db, f->a, &now, &e), RESULT_OK);
	assert_string_equal(now.name, "City of York Council (demo)");
	assert_string_equal(now.phone, "01632 960000");
	assert_string_equal(now.email, "council@example.org");
	assert_string_equal(now.website, "https://www.york.gov.uk");
	assert_string_equal(now.team_email, "lac-team@example.org");
	assert_int_equal(now.outside_cover, COUNCIL_OUTSIDE_TEAM);
	assert_string_equal(now.dpo_name, "");
	assert_int_equal(count(f, "SELECT count(*) FROM audit_log WHERE action = 'council_set'"
				  " AND outcome = 'ok' AND actor_user_id = 'admin'"),
			 1);
	assert_int_equal(count(f, "SELECT count(*) FROM audit_log WHERE action = 'council_set'"
				  " AND changes LIKE '%\"before\":{\"outside_cover\":\"nearest\"}%'"
				  " AND changes LIKE '%\"outside_cover\":\"team\"%'"),
			 1);

	/* "" clears one; only what changes is audited. */
	const struct council_change clear[] = {{"email", ""}, {"name", "City of York Council (demo)"}};
	assert_int_equal(council_set(f->db, &admin, clear, 2, &e), RESULT_OK);
	assert_int_equal(council_read(f->db, f->a, &now, &e), RESULT_OK);
	assert_string_equal(now.email, "");
	assert_int_equal(count(f, "SELECT count(*) FROM audit_log WHERE action = 'council_set'"
				  " AND changes = '{\"after\":{},\"before\":{\"email\":"
				  "\"council@example.org\"}}'"),
			 1);

	/* The command line may too. */
	struct caller cli = caller_cli();
	const struct council_change back[] = {{"outside_cover", "nearest"}};
	assert_int_equal(council_set(f->db, &cli, back, 1, &e), RESULT_OK);
	assert_int_equal(council_read(f->db, f->a, &now, &e), RESULT_OK);
	assert_int_equal(now.outside_cover, COUNCIL_OUTSIDE_NEAREST);
}

static void a_change_that_changes_nothing_writes_nothing(void **state)
{
	struct fixture *f = *state;
	struct caller admin = as(&admin_user);
	const char *before = snapshot(f);
	long audited = count(f, "SELECT count(*) FROM audit_log");
	struct council now;
	struct err e;
	assert_int_equal(council_read(f->db, f->a, &now, &e), RESULT_OK);
	const struct council_change same[] = {{"name", now.name},
					      {"outside_cover", council_value(&now, "outside_cover")}};
	assert_int_equal(council_set(f->db, &admin, same, 2, &e), RESULT_OK);
	assert_string_equal(snapshot(f), before);
	assert_int_equal(count(f, "SELECT count(*) FROM audit_log"), audited);
}

static void bad_values_are_each_named_and_nothing_is_written(void **state)
{
	struct fixture *f = *state;
	struct caller admin = as(&admin_user);
	const char *before = snapshot(f);
	long audited = count(f, "SELECT count(*) FROM audit_log");
	const struct council_change bad[] = {
		{"name", "A fine name"},            /* good, but not written */
		{"phone", "call us"},
		{"email", "not an address"},
		{"website", "http://www.york.gov.uk"},
		{"adult_social_care_url", "https://"},
		{"dpo_name", "Line one\nline two"},
		{"outside_cover", "sometimes"},
		{"colour", "blue"},
	};
	struct err e;
	assert_int_equal(council_set(f->db, &admin, bad, 8, &e), RESULT_INVALID);
	const char *named[] = {"phone",	   "email",	    "website", "adult_social_care_url",
			       "dpo_name", "outside_cover", "colour"};
	assert_int_equal(e.field_count, 7);
	for (size_t i = 0; i < 7; i++)
		assert_non_null(err_field_message(&e, named[i]));
	assert_null(err_field_message(&e, "name"));
	assert_string_equal(snapshot(f), before);
	assert_int_equal(count(f, "SELECT count(*) FROM audit_log"), audited);

	/* The rule cannot be cleared, a key not given twice, nor a value
	 * longer than COUNCIL_VALUE_MAX. */
	char *longer = arena_alloc(f->a, COUNCIL_VALUE_MAX + 2);
	memset(longer, 'x', COUNCIL_VALUE_MAX + 1);
	longer[COUNCIL_VALUE_MAX + 1] = '\0';
	const struct council_change more[] = {
		{"outside_cover", ""}, {"team_name", "One"}, {"team_name", "Two"}, {"dpo_address", longer}};
	assert_int_equal(council_set(f->db, &admin, more, 4, &e), RESULT_INVALID);
	assert_non_null(err_field_message(&e, "outside_cover"));
	assert_non_null(err_field_message(&e, "team_name"));
	assert_non_null(err_field_message(&e, "dpo_address"));
	assert_string_equal(snapshot(f), before);
	assert_int_equal(count(f, "SELECT count(*) FROM audit_log"), audited);
}

static void only_an_administrator_changes_them_and_a_refusal_is_audited(void **state)
{
	struct fixture *f = *state;
	const char *before = snapshot(f);
	long refused = count(f, "SELECT count(*) FROM audit_log WHERE action = 'council_set'"
				" AND outcome = 'refused'");
	const struct council_change change[] = {{"outside_cover", "none"}};
	struct err e;
	struct caller leader = as(&leader_user);
	assert_int_equal(council_set(f->db, &leader, change, 1, &e), RESULT_FORBIDDEN);
	struct caller public = caller_public("192.0.2.1", "test");
	assert_int_equal(council_set(f->db, &public, change, 1, &e), RESULT_FORBIDDEN);
	assert_string_equal(snapshot(f), before);
	assert_int_equal(count(f, "SELECT count(*) FROM audit_log WHERE action = 'council_set'"
				  " AND outcome = 'refused'"),
			 refused + 2);
	assert_int_equal(count(f, "SELECT count(*) FROM audit_log WHERE action = 'council_set'"
				  " AND outcome = 'refused' AND actor_user_id = 'jo'"),
			 1);
}

/* A recorded introduction is answered as the rule says now: near always
 * by the coordinator; from farther, by the team under team, and by its
 * area's coordinator under nearest and, since it was taken, under none. */
static void a_recorded_introduction_is_answered_as_the_rule_says(void **state)
{
	(void)state;
	const enum council_outside_cover rules[] = {COUNCIL_OUTSIDE_NEAREST, COUNCIL_OUTSIDE_TEAM,
						    COUNCIL_OUTSIDE_NONE};
	for (size_t i = 0; i < 3; i++) {
		assert_int_equal(lookup_answerer_of_placement("covered", rules[i]),
				 LOOKUP_AREA_COORDINATOR);
		assert_int_equal(lookup_answerer_of_placement("near", rules[i]),
				 LOOKUP_NEAREST_COORDINATOR);
	}
	assert_int_equal(lookup_answerer_of_placement("not_covered", COUNCIL_OUTSIDE_NEAREST),
			 LOOKUP_NEAREST_COORDINATOR);
	assert_int_equal(lookup_answerer_of_placement("not_covered", COUNCIL_OUTSIDE_TEAM),
			 LOOKUP_CENTRAL_TEAM);
	assert_int_equal(lookup_answerer_of_placement("not_covered", COUNCIL_OUTSIDE_NONE),
			 LOOKUP_NEAREST_COORDINATOR);
	assert_int_equal(lookup_offers(LOOKUP_AREA_COORDINATOR, true), 0);
	assert_int_equal(lookup_offers(LOOKUP_NEAREST_COORDINATOR, true), 0);
	assert_int_equal(lookup_offers(LOOKUP_NEAREST_COORDINATOR, false),
			 LOOKUP_OFFER_ADULT_SOCIAL_CARE);
	assert_int_equal(lookup_offers(LOOKUP_CENTRAL_TEAM, false),
			 LOOKUP_OFFER_TEAM | LOOKUP_OFFER_ADULT_SOCIAL_CARE);
	assert_int_equal(lookup_offers(LOOKUP_NOBODY, false),
			 LOOKUP_OFFER_COUNCIL | LOOKUP_OFFER_ADULT_SOCIAL_CARE);
	assert_string_equal(lookup_answerer_name(LOOKUP_CENTRAL_TEAM), "central_team");
}

#define TESTS                                                                  \
	cmocka_unit_test(unset_settings_read_empty_and_the_rule_nearest),      \
	cmocka_unit_test(a_change_is_written_trimmed_and_audited),             \
	cmocka_unit_test(a_change_that_changes_nothing_writes_nothing),        \
	cmocka_unit_test(bad_values_are_each_named_and_nothing_is_written),    \
	cmocka_unit_test(only_an_administrator_changes_them_and_a_refusal_is_audited), \
	cmocka_unit_test(a_recorded_introduction_is_answered_as_the_rule_says)

int main(void)
{
	const struct CMUnitTest tests[] = {TESTS};
	int failed = cmocka_run_group_tests_name("council on sqlite", tests, setup_sqlite,
						 teardown);
	if (!getenv("ALONGSIDE_TEST_PG_URL")) {
		printf("council on postgresql: not run (ALONGSIDE_TEST_PG_URL unset)\n");
		return failed;
	}
	return failed + cmocka_run_group_tests_name("council on postgresql", tests, setup_pg,
						    teardown);
}
