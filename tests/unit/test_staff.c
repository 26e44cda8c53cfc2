/* The staff room against a real SQLite database: accounts, sessions and
 * tokens decide for themselves whom the caller may reach, say every
 * problem with the input at once, and audit refusals as well as changes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sodium.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/err.h"
#include "core/json_diff.h"
#include "core/id.h"
#include "db/db.h"
#include "db/migrate.h"
#include "domain/staff/audit.h"
#include "domain/staff/caller.h"
#include "domain/staff/session.h"
#include "domain/staff/token.h"
#include "domain/staff/user.h"

static const struct session_limits limits = {3600, 86400};

struct fixture {
	struct db *db;
	struct arena *arena;
	struct caller cli;
	char admin_id[ID_HEX_LEN + 1], priya_id[ID_HEX_LEN + 1], tom_id[ID_HEX_LEN + 1];
	struct user *priya, *admin;
	struct caller as_priya, as_admin;
};

static void add_user(struct fixture *f, const char *username, unsigned role, char *id)
{
	static const char *const acomb[] = {"Acomb"};
	struct user_input in = {.username = username, .role = role, .areas = acomb,
				.area_count = role == USER_ADMINISTRATOR ? 0 : 1};
	struct err e;
	assert_int_equal(user_add(f->db, &f->cli, &in, id, &e), RESULT_OK);
}

/* A signed-in member of staff, as the server makes one. */
static struct caller staff(struct fixture *f, const char *id, struct user **user)
{
	struct err e;
	assert_int_equal(user_load(f->db, f->arena, id, user, &e), RESULT_OK);
	return (struct caller){.kind = CALLER_STAFF, .user = *user,
			       .client_address = "192.0.2.1", .request_id = "test"};
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	struct err e;
	int applied;
	struct db_conn *c;
	struct db_param p[] = {DB_TEXT("a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0"), DB_TEXT("Acomb"),
			       DB_TEXT("2026-03-01T00:00:00.000Z")};
	f->arena = arena_new();
	/* One connection to a database in memory: nothing to clean up. */
	if (db_open("sqlite::memory:", 1, &f->db, &e) < 0 ||
	    migrate_apply(f->db, schema_migrations, schema_migration_count, &applied, &e) < 0 ||
	    db_acquire(f->db, &c, &e) < 0) {
		fprintf(stderr, "setup: %s\n", e.msg);
		return -1;
	}
	int rc = db_query(c, f->arena,
			  "INSERT INTO areas (id, name, created_at, updated_at) VALUES ($1, $2, $3, $3)",
			  p, NULL, &e);
	db_release(c);
	if (rc < 0)
		return -1;
	f->cli = caller_cli();
	add_user(f, "alex", USER_ADMINISTRATOR, f->admin_id);
	add_user(f, "priya", USER_COORDINATOR, f->priya_id);
	add_user(f, "tom", USER_COORDINATOR, f->tom_id);
	f->as_priya = staff(f, f->priya_id, &f->priya);
	f->as_admin = staff(f, f->admin_id, &f->admin);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	db_close(f->db);
	arena_free(f->arena);
	free(f);
	return 0;
}

/* The id of the one live session of user_id. */
static const char *sign_in(struct fixture *f, const char *user_id)
{
	struct caller browser = caller_public("192.0.2.9", "sign-in");
	char token[SECRET_LEN + 1];
	struct err e;
	assert_int_equal(session_start(f->db, &browser, user_id, "test", &limits, token, &e),
			 RESULT_OK);
	struct session *list;
	size_t count;
	assert_int_equal(session_list(f->db, f->arena, &f->cli, user_id, &limits, &list, &count, &e),
			 RESULT_OK);
	assert_true(count >= 1);
	return list[0].id;
}

static size_t live_sessions(struct fixture *f, const char *user_id)
{
	struct session *list;
	size_t count;
	struct err e;
	assert_int_equal(session_list(f->db, f->arena, &f->cli, user_id, &limits, &list, &count, &e),
			 RESULT_OK);
	return count;
}

/* How many entries for an action by a user (NULL: anyone) have the
 * outcome. */
static size_t trail(struct fixture *f, const char *action, const char *actor,
		    const char *outcome)
{
	struct audit_filter filter = {.action = action, .actor_user_id = actor};
	struct audit_row *rows;
	size_t count, matching = 0;
	struct err e;
	assert_int_equal(audit_list(f->db, f->arena, &filter, &rows, &count, &e), RESULT_OK);
	for (size_t i = 0; i < count; i++)
		matching += strcmp(rows[i].outcome, outcome) == 0;
	return matching;
}

static void a_coordinator_cannot_end_another_users_session(void **state)
{
	struct fixture *f = *state;
	const char *toms = sign_in(f, f->tom_id);
	struct err e;
	assert_int_equal(session_end(f->db, &f->as_priya, toms, "session_end", &e),
			 RESULT_NOT_FOUND);
	assert_string_equal(e.subject, "session");
	assert_int_equal(live_sessions(f, f->tom_id), 1);
	struct audit_filter filter = {.action = "session_end"};
	struct audit_row *rows;
	size_t count;
	assert_int_equal(audit_list(f->db, f->arena, &filter, &rows, &count, &e), RESULT_OK);
	assert_int_equal(count, 1);
	assert_string_equal(rows[0].outcome, "refused");
	assert_string_equal(rows[0].actor_user_id, f->priya_id);
	assert_string_equal(rows[0].record_id, toms);

	/* Nor can she list them, or read his account. */
	struct session *list;
	assert_int_equal(session_list(f->db, f->arena, &f->as_priya, f->tom_id, &limits, &list,
				      &count, &e),
			 RESULT_NOT_FOUND);
	struct user *u;
	assert_int_equal(user_get(f->db, f->arena, &f->as_priya, f->tom_id, &u, &e),
			 RESULT_NOT_FOUND);
	assert_string_equal(e.subject, "user");
	assert_int_equal(user_get(f->db, f->arena, &f->as_priya, f->priya_id, &u, &e), RESULT_OK);
	assert_string_equal(u->username, "priya");

	/* Her own she can end; an administrator, anyone's. */
	const char *hers = sign_in(f, f->priya_id);
	assert_int_equal(session_end(f->db, &f->as_priya, hers, "session_end", &e), RESULT_OK);
	assert_int_equal(live_sessions(f, f->priya_id), 0);
	assert_int_equal(session_end(f->db, &f->as_admin, toms, "session_end", &e), RESULT_OK);
	assert_int_equal(live_sessions(f, f->tom_id), 0);
	assert_int_equal(trail(f, "session_end", f->priya_id, "ok"), 1);
	assert_int_equal(trail(f, "session_end", f->admin_id, "ok"), 1);
	assert_int_equal(trail(f, "session_end", NULL, "refused"), 1);

	/* An ended session is no more there than one never made. */
	assert_int_equal(session_end(f->db, &f->as_admin, toms, "session_end", &e),
			 RESULT_NOT_FOUND);
	assert_int_equal(session_end(f->db, &f->as_admin, "not an id", "session_end", &e),
			 RESULT_NOT_FOUND);
}

static void adding_a_user_says_every_problem(void **state)
{
	struct fixture *f = *state;
	struct user *before;
	size_t count;
	struct err e;
	assert_int_equal(user_list(f->db, f->arena, &before, &count, &e), RESULT_OK);

	struct user_input bad = {.username = "x", .display_name = "two\nlines", .role = 0,
				 .password = "short", .email = "not an address"};
	char id[ID_HEX_LEN + 1];
	assert_int_equal(user_add(f->db, &f->cli, &bad, id, &e), RESULT_INVALID);
	assert_int_equal(e.field_count, 5);
	const char *paths[] = {"username", "display_name", "role", "password", "email"};
	for (size_t i = 0; i < 5; i++)
		assert_non_null(err_field_message(&e, paths[i]));
	assert_non_null(strstr(err_field_message(&e, "password"), "at least 12"));

	/* Each area not stored is named, and the rest still checked. */
	static const char *const areas[] = {"Atlantis", "Acomb", "Lyonesse"};
	struct user_input unknown = {.username = "newbie", .role = USER_COORDINATOR,
				     .areas = areas, .area_count = 3, .email = "x"};
	assert_int_equal(user_add(f->db, &f->cli, &unknown, id, &e), RESULT_INVALID);
	assert_int_equal(e.field_count, 3);
	assert_string_equal(e.fields[0].path, "email");
	assert_string_equal(e.fields[1].path, "areas");
	assert_non_null(strstr(e.fields[1].message, "Atlantis"));
	assert_string_equal(e.fields[2].path, "areas");
	assert_non_null(strstr(e.fields[2].message, "Lyonesse"));

	struct user *after;
	size_t count_after;
	assert_int_equal(user_list(f->db, f->arena, &after, &count_after, &e), RESULT_OK);
	assert_int_equal(count_after, count);

	/* A username taken is a conflict, not a field to correct. */
	struct user_input taken = {.username = "Priya", .role = USER_ADMINISTRATOR};
	assert_int_equal(user_add(f->db, &f->cli, &taken, id, &e), RESULT_CONFLICT);
	assert_non_null(strstr(e.msg, "already a user called \"priya\""));
}

static void only_administrators_manage_accounts_and_tokens(void **state)
{
	struct fixture *f = *state;
	struct user_input in = {.username = "newbie", .role = USER_ADMINISTRATOR};
	char id[ID_HEX_LEN + 1], secret[SECRET_LEN + 1];
	struct err e;
	assert_int_equal(user_add(f->db, &f->as_priya, &in, id, &e), RESULT_FORBIDDEN);
	assert_int_equal(user_set_disabled(f->db, &f->as_priya, "tom", true, &e),
			 RESULT_FORBIDDEN);
	static const char *const scopes[] = {"audit.read"};
	assert_int_equal(token_add(f->db, &f->as_priya, "mine", scopes, 1, secret, id, &e),
			 RESULT_FORBIDDEN);
	const char *actions[] = {"user_add", "user_disable", "token_add"};
	for (size_t i = 0; i < 3; i++) {
		assert_int_equal(trail(f, actions[i], f->priya_id, "refused"), 1);
		assert_int_equal(trail(f, actions[i], f->priya_id, "ok"), 0);
	}
	assert_int_equal(user_set_disabled(f->db, &f->as_admin, "tom", true, &e), RESULT_OK);
	assert_int_equal(user_set_disabled(f->db, &f->as_admin, "nobody", true, &e),
			 RESULT_NOT_FOUND);
	assert_string_equal(e.subject, "user");

	/* A token's problems come together too. */
	static const char *const unknown[] = {"areas.write", "everything", "root"};
	assert_int_equal(token_add(f->db, &f->as_admin, "", unknown, 3, secret, id, &e),
			 RESULT_INVALID);
	assert_int_equal(e.field_count, 3);
	assert_string_equal(e.fields[0].path, "name");
	assert_int_equal(token_revoke(f->db, &f->as_admin, "no such token", &e), RESULT_NOT_FOUND);
	assert_string_equal(e.subject, "token");
}

/* Made and revoked by whom, from the log; a name in use (revoked too) is a
 * problem of the name; last used is marked once, not on every call; a
 * token is no administrator. */
static void tokens_say_who_made_them_and_when_they_were_used(void **state)
{
	struct fixture *f = *state;
	static const char *const scopes[] = {"audit.read"};
	char id[ID_HEX_LEN + 1], cli_id[ID_HEX_LEN + 1], secret[SECRET_LEN + 1];
	char spare[SECRET_LEN + 1];
	struct err e;
	assert_int_equal(token_add(f->db, &f->as_admin, "reports", scopes, 1, spare, id, &e),
			 RESULT_OK);
	assert_int_equal(token_add(f->db, &f->cli, "cli", scopes, 1, secret, cli_id, &e),
			 RESULT_OK);
	assert_int_equal(token_add(f->db, &f->as_admin, "reports", scopes, 1, spare, id, &e),
			 RESULT_INVALID);
	assert_string_equal(e.fields[0].path, "name");

	struct api_token *used;
	assert_int_equal(token_resume(f->db, f->arena, secret, &used, &e), RESULT_OK);
	assert_non_null(used);
	assert_non_null(used->last_used_at);
	const char *first = used->last_used_at;
	struct caller as_token = {.kind = CALLER_TOKEN, .token = used,
				  .client_address = "192.0.2.3", .request_id = "t"};
	assert_int_equal(token_add(f->db, &as_token, "mine", scopes, 1, spare, id, &e),
			 RESULT_FORBIDDEN);
	assert_int_equal(token_resume(f->db, f->arena, secret, &used, &e), RESULT_OK);
	assert_string_equal(used->last_used_at, first);  /* within the minute: not written */

	assert_int_equal(token_revoke_id(f->db, &f->as_admin, "cli", &e), RESULT_NOT_FOUND);
	assert_int_equal(token_revoke_id(f->db, &f->as_admin, cli_id, &e), RESULT_OK);
	assert_int_equal(token_revoke_id(f->db, &f->as_admin, cli_id, &e), RESULT_NOT_FOUND);
	assert_int_equal(token_resume(f->db, f->arena, secret, &used, &e), RESULT_OK);
	assert_null(used);

	struct api_token *list;
	size_t count;
	assert_int_equal(token_list(f->db, f->arena, &list, &count, &e), RESULT_OK);
	assert_int_equal(count, 2);
	assert_string_equal(list[0].name, "cli");
	assert_null(list[0].created_by);
	assert_string_equal(list[0].revoked_by, f->admin->display_name);
	assert_non_null(list[0].last_used_at);
	assert_string_equal(list[1].name, "reports");
	assert_string_equal(list[1].created_by, f->admin->display_name);
	assert_null(list[1].revoked_at);
	assert_null(list[1].revoked_by);
	assert_null(list[1].last_used_at);
}

/* A change to a public record keeps its before and after in the log. */
static void the_trail_keeps_a_changes_document(void **state)
{
	struct fixture *f = *state;
	static const char doc[] = "{\"before\":{\"name\":\"Acomb\"},"
				  "\"after\":{\"name\":\"Acomb & <Westfield>\"}}";
	struct audit_entry entry = {"area_update", "area", "a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0",
				    "a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0", NULL, doc};
	struct err e;
	assert_int_equal(audit_record(f->db, &f->as_admin, &entry, &e), RESULT_OK);
	struct audit_filter filter = {.account_events = 1, .action = "area_update"};
	struct audit_row *rows;
	size_t count;
	assert_int_equal(audit_list(f->db, f->arena, &filter, &rows, &count, &e), RESULT_OK);
	assert_int_equal(count, 1);
	assert_string_equal(rows[0].changes, doc);
	struct json_diff_row *changes;
	assert_int_equal(audit_changes_rows(f->arena, rows[0].changes, &changes, &count),
			 RESULT_OK);
	assert_int_equal(count, 1);
	assert_string_equal(changes[0].after, "Acomb & <Westfield>");
}

/* Entries that share a time still page in one order, by id: seven written
 * in the same millisecond, three a page, older then newer again. */
static void the_trail_pages_by_time_and_id(void **state)
{
	struct fixture *f = *state;
	struct db_conn *c;
	struct err e;
	assert_int_equal(db_acquire(f->db, &c, &e), 0);
	for (int i = 0; i < 7; i++) {
		char id[33];
		snprintf(id, sizeof id, "%032d", i);
		struct db_param p[] = {DB_TEXT(id), DB_TEXT("2030-01-01T00:00:00.000Z")};
		assert_int_equal(db_query(c, f->arena,
					  "INSERT INTO audit_log (id, at, action, client_address,"
					  " request_id) VALUES ($1, $2, 'tick', 'test', 'test')",
					  p, NULL, &e),
				 RESULT_OK);
	}
	db_release(c);
	struct audit_filter filter = {.action = "tick", .limit = 3};
	struct audit_page page;
	const char *seen[7];
	size_t n = 0;
	for (int pages = 0; pages < 3; pages++) {
		assert_int_equal(audit_page(f->db, f->arena, &filter, &page, &e), RESULT_OK);
		assert_int_equal(page.count, pages < 2 ? 3 : 1);
		assert_true(pages == 0 ? page.newer == NULL : page.newer != NULL);
		for (size_t i = 0; i < page.count; i++)
			seen[n++] = page.rows[i].id;
		filter.before = page.older;
	}
	assert_null(page.older);
	for (int i = 0; i < 7; i++) {
		char id[33];
		snprintf(id, sizeof id, "%032d", 6 - i);
		assert_string_equal(seen[i], id);
	}
	/* Newer from the last page is the middle one again. */
	filter = (struct audit_filter){.action = "tick", .limit = 3, .after = page.newer};
	assert_int_equal(audit_page(f->db, f->arena, &filter, &page, &e), RESULT_OK);
	assert_int_equal(page.count, 3);
	assert_string_equal(page.rows[0].id, seen[3]);
	assert_string_equal(page.rows[2].id, seen[5]);
	assert_non_null(page.newer);
	assert_non_null(page.older);

	/* What is not a cursor is refused, naming the field. */
	const char *bad[] = {"", "2030-01-01T00:00:00.000Z", "2030-01-01T00:00:00.000Z_",
			     "2030-01-01T24:00:00.000Z_00000000000000000000000000000001",
			     "2030-02-30T00:00:00.000Z_00000000000000000000000000000001",
			     "2030-01-01T00:00:00Z_00000000000000000000000000000001",
			     "2030-01-01T00:00:00.000Z_0000000000000000000000000000000G"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		assert_false(audit_cursor_valid(bad[i]));
		filter = (struct audit_filter){.before = bad[i]};
		assert_int_equal(audit_page(f->db, f->arena, &filter, &page, &e), RESULT_INVALID);
		assert_non_null(err_field_message(&e, "before"));
	}
	assert_true(audit_cursor_valid("2030-01-01T00:00:00.000Z_00000000000000000000000000000001"));
	filter = (struct audit_filter){.limit = AUDIT_PAGE_MAX + 1};
	assert_int_equal(audit_page(f->db, f->arena, &filter, &page, &e), RESULT_INVALID);
	assert_non_null(err_field_message(&e, "limit"));
}

/* Whether the user is disabled, and holds the role, as stored. */
static bool disabled(struct fixture *f, const char *id)
{
	struct user *u;
	struct err e;
	assert_int_equal(user_load(f->db, f->arena, id, &u, &e), RESULT_OK);
	return u->disabled;
}

static bool holds(struct fixture *f, const char *id, unsigned role)
{
	struct user *u;
	struct err e;
	assert_int_equal(user_load(f->db, f->arena, id, &u, &e), RESULT_OK);
	return (u->roles & role) != 0;
}

static void expect_refusal(const struct err *e, const char *field, const char *words)
{
	assert_int_equal(e->field_count, 1);
	assert_string_equal(e->fields[0].path, field);
	assert_non_null(strstr(e->fields[0].message, words));
}

static void the_installation_keeps_an_administrator(void **state)
{
	struct fixture *f = *state;
	static const char *const acomb[] = {"Acomb"};
	const char *password = "a long and private passphrase";
	struct err e;
	assert_int_equal(user_set_password(f->db, &f->cli, "alex", password, &e), RESULT_OK);
	/* A second role, so that taking administrator away is not refused
	 * for leaving none. */
	assert_int_equal(user_set_role(f->db, &f->cli, "alex", USER_COORDINATOR, acomb, 1, false,
				       &e),
			 RESULT_OK);
	sign_in(f, f->admin_id);

	/* Alex may not disable himself, nor, as the only administrator, be
	 * disabled or lose the role, by himself or the command line. */
	assert_int_equal(user_set_disabled(f->db, &f->as_admin, "alex", true, &e),
			 RESULT_INVALID);
	expect_refusal(&e, "disabled", "your own account");
	assert_int_equal(user_set_disabled(f->db, &f->cli, "alex", true, &e), RESULT_INVALID);
	expect_refusal(&e, "disabled", "last administrator");
	assert_int_equal(user_set_role(f->db, &f->as_admin, "alex", USER_ADMINISTRATOR, NULL, 0,
				       true, &e),
			 RESULT_INVALID);
	expect_refusal(&e, "role", "last administrator");
	assert_int_equal(user_set_role(f->db, &f->cli, "alex", USER_ADMINISTRATOR, NULL, 0, true,
				       &e),
			 RESULT_INVALID);
	expect_refusal(&e, "role", "last administrator");
	/* Nothing changed, and every attempt is in the trail as refused. */
	assert_false(disabled(f, f->admin_id));
	assert_true(holds(f, f->admin_id, USER_ADMINISTRATOR));
	assert_int_equal(live_sessions(f, f->admin_id), 1);
	assert_int_equal(trail(f, "user_disable", f->admin_id, "refused"), 1);
	assert_int_equal(trail(f, "user_disable", NULL, "refused"), 2);
	assert_int_equal(trail(f, "role_change", f->admin_id, "refused"), 1);
	assert_int_equal(trail(f, "role_change", NULL, "refused"), 2);
	assert_int_equal(trail(f, "user_disable", NULL, "ok"), 0);

	/* An administrator without a password cannot sign in, so does not
	 * count. */
	struct user_input waiting = {.username = "waiting", .role = USER_ADMINISTRATOR};
	char waiting_id[ID_HEX_LEN + 1], sam_id[ID_HEX_LEN + 1];
	assert_int_equal(user_add(f->db, &f->cli, &waiting, waiting_id, &e), RESULT_OK);
	assert_int_equal(user_set_disabled(f->db, &f->cli, "alex", true, &e), RESULT_INVALID);
	assert_int_equal(user_set_disabled(f->db, &f->as_admin, "waiting", true, &e), RESULT_OK);

	/* With a second administrator, either may be disabled or lose the
	 * role, but still not by themselves. */
	struct user_input sam = {.username = "sam", .role = USER_ADMINISTRATOR,
				 .password = password};
	assert_int_equal(user_add(f->db, &f->cli, &sam, sam_id, &e), RESULT_OK);
	assert_int_equal(user_set_disabled(f->db, &f->as_admin, "alex", true, &e),
			 RESULT_INVALID);
	expect_refusal(&e, "disabled", "your own account");
	assert_int_equal(user_set_disabled(f->db, &f->as_admin, "sam", true, &e), RESULT_OK);
	assert_int_equal(user_set_disabled(f->db, &f->cli, "alex", true, &e), RESULT_INVALID);
	assert_int_equal(user_set_disabled(f->db, &f->as_admin, "sam", false, &e), RESULT_OK);
	assert_int_equal(user_set_disabled(f->db, &f->cli, "alex", true, &e), RESULT_OK);
	assert_true(disabled(f, f->admin_id));
	assert_int_equal(live_sessions(f, f->admin_id), 0);
	assert_int_equal(user_set_role(f->db, &f->cli, "sam", USER_ADMINISTRATOR, NULL, 0, true,
				       &e),
			 RESULT_INVALID);
	assert_int_equal(user_set_disabled(f->db, &f->cli, "alex", false, &e), RESULT_OK);
	assert_int_equal(user_set_role(f->db, &f->cli, "alex", USER_ADMINISTRATOR, NULL, 0, true,
				       &e),
			 RESULT_OK);
	assert_false(holds(f, f->admin_id, USER_ADMINISTRATOR));

	/* An installation left with none (as by an older version) is
	 * recovered from the command line: enabling and adding are never
	 * refused. */
	struct db_conn *c;
	assert_int_equal(db_acquire(f->db, &c, &e), RESULT_OK);
	assert_int_equal(db_query_plain(c, f->arena, "UPDATE users SET disabled = 1", NULL, &e),
			 RESULT_OK);
	db_release(c);
	assert_int_equal(user_set_disabled(f->db, &f->cli, "sam", false, &e), RESULT_OK);
	assert_int_equal(user_set_disabled(f->db, &f->cli, "sam", true, &e), RESULT_INVALID);
	struct user_input rescue = {.username = "rescue", .role = USER_ADMINISTRATOR,
				    .password = password};
	char rescue_id[ID_HEX_LEN + 1];
	assert_int_equal(user_add(f->db, &f->cli, &rescue, rescue_id, &e), RESULT_OK);
	assert_int_equal(user_set_disabled(f->db, &f->cli, "sam", true, &e), RESULT_OK);
}

int main(void)
{
	if (sodium_init() < 0)
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(a_coordinator_cannot_end_another_users_session,
						setup, teardown),
		cmocka_unit_test_setup_teardown(adding_a_user_says_every_problem, setup, teardown),
		cmocka_unit_test_setup_teardown(only_administrators_manage_accounts_and_tokens,
						setup, teardown),
		cmocka_unit_test_setup_teardown(the_trail_pages_by_time_and_id, setup, teardown),
		cmocka_unit_test_setup_teardown(tokens_say_who_made_them_and_when_they_were_used,
						setup, teardown),
		cmocka_unit_test_setup_teardown(the_trail_keeps_a_changes_document, setup,
						teardown),
		cmocka_unit_test_setup_teardown(the_installation_keeps_an_administrator, setup,
						teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
