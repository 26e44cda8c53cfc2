/* The storage facade against real databases: a SQLite file always, and the
 * PostgreSQL database named by ALONGSIDE_TEST_PG_URL when it is set (tests/run
 * sets it to a server it started).  The same tests, the same SQL. */
#include <pthread.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/err.h"
#include "core/id.h"
#include "db/db.h"
#include "db/generation.h"
#include "db/migrate.h"
#include "support/testdb.h"

struct fixture {
	struct db *db;
	struct db_conn *conn;
	struct arena *arena;
	char dir[64];
	char table[40];       /* unique per test, so PostgreSQL runs never collide */
	char sql[512];
};

static const char *sqlite_url(struct fixture *f)
{
	static char url[128];
	snprintf(f->dir, sizeof f->dir, "/tmp/alongside-db-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(url, sizeof url, "sqlite:%s/test.db", f->dir);
	return url;
}

static int setup(void **state, const char *url_or_null)
{
	struct fixture *f = calloc(1, sizeof *f);
	const char *url = url_or_null ? url_or_null : sqlite_url(f);
	struct err e;
	if (db_open(url, 2, &f->db, &e) < 0 || db_acquire(f->db, &f->conn, &e) < 0) {
		fprintf(stderr, "setup: %s\n", e.msg);
		return -1;
	}
	f->arena = arena_new();
	char id[ID_HEX_LEN + 1];
	id_new(id);
	snprintf(f->table, sizeof f->table, "t_%.16s", id);
	*state = f;
	return 0;
}

static int setup_sqlite(void **state)
{
	return setup(state, NULL);
}

static int setup_pg(void **state)
{
	return setup(state, getenv("ALONGSIDE_TEST_PG_URL"));
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	struct err e;
	/* A test that gave its connection back and failed before taking one
	 * again. */
	if (!f->conn && db_acquire(f->db, &f->conn, &e) < 0) {
		fprintf(stderr, "teardown: %s\n", e.msg);
		f->conn = NULL;
	}
	if (f->conn) {
		/* Table names come from our own random id, never from input. */
		snprintf(f->sql, sizeof f->sql, "DROP TABLE IF EXISTS %s", f->table);
		db_exec_script(f->conn, f->sql, &e);
		db_release(f->conn);
	}
	db_close(f->db);
	arena_free(f->arena);
	if (f->dir[0]) {
		char path[128];
		const char *files[] = {"test.db", "test.db-wal", "test.db-shm"};
		for (size_t i = 0; i < 3; i++) {
			snprintf(path, sizeof path, "%s/%s", f->dir, files[i]);
			unlink(path);
		}
		rmdir(f->dir);
	}
	free(f);
	return 0;
}

/* Builds SQL text naming a test's table: "%T" stands for it. */
static const char *sql_in(struct arena *a, const char *table, const char *text)
{
	char out[512];
	size_t at = 0;
	for (const char *p = text; *p && at + 1 < sizeof out; p++) {
		if (p[0] == '%' && p[1] == 'T') {
			size_t n = strlen(table);
			if (at + n >= sizeof out)
				break;
			memcpy(out + at, table, n);
			at += n;
			p++;
		} else {
			out[at++] = *p;
		}
	}
	out[at] = '\0';
	return arena_strdup(a, out);
}

static const char *sql(struct fixture *f, const char *text)
{
	return sql_in(f->arena, f->table, text);
}

static void create_table(struct fixture *f)
{
	struct err e;
	assert_int_equal(db_exec_script(f->conn,
					sql(f, "CREATE TABLE %T (id TEXT PRIMARY KEY,"
					       " n INTEGER, note TEXT)"),
					&e),
			 0);
}

static void insert_on(struct fixture *f, struct db_conn *c, const char *id,
		      int64_t n, const char *note)
{
	struct err e;
	struct db_param p[] = {DB_TEXT(id), DB_INT(n), DB_TEXT(note)};
	struct db_rows rows;
	assert_int_equal(db_query(c, f->arena,
				  sql(f, "INSERT INTO %T (id, n, note) VALUES ($1, $2, $3)"),
				  p, &rows, &e),
			 0);
	assert_int_equal(rows.changes, 1);
}

static void insert(struct fixture *f, const char *id, int64_t n,
		   const char *note)
{
	insert_on(f, f->conn, id, n, note);
}

static void round_trips_values(void **state)
{
	struct fixture *f = *state;
	create_table(f);
	insert(f, "a", 42, "it's <fine>; DROP TABLE x; --");
	insert(f, "b", -7, NULL);
	struct err e;
	struct db_rows rows;
	assert_int_equal(db_query_plain(f->conn, f->arena,
					sql(f, "SELECT id, n, note FROM %T ORDER BY id"),
					&rows, &e),
			 0);
	assert_int_equal(rows.row_count, 2);
	assert_int_equal(rows.column_count, 3);
	assert_string_equal(db_cell(&rows, 0, 0), "a");
	assert_string_equal(db_cell(&rows, 0, 1), "42");
	assert_string_equal(db_cell(&rows, 0, 2), "it's <fine>; DROP TABLE x; --");
	assert_string_equal(db_cell(&rows, 1, 1), "-7");
	assert_null(db_cell(&rows, 1, 2));
	/* DB_TEXT(NULL) is SQL NULL, not an empty string. */
	assert_int_equal(db_query_plain(f->conn, f->arena,
					sql(f, "SELECT id FROM %T WHERE note IS NULL"), &rows, &e),
			 0);
	assert_int_equal(rows.row_count, 1);
	assert_string_equal(db_cell(&rows, 0, 0), "b");
}

static void binds_by_number_not_position(void **state)
{
	struct fixture *f = *state;
	create_table(f);
	insert(f, "a", 1, "x");
	insert(f, "b", 2, "y");
	struct err e;
	struct db_rows rows;
	/* $2 appears before $1, and $1 twice. */
	struct db_param p[] = {DB_TEXT("b"), DB_INT(2)};
	assert_int_equal(db_query(f->conn, f->arena,
				  sql(f, "SELECT id FROM %T WHERE n = $2 AND id = $1"
					 " AND note IS NOT NULL AND $1 = id"),
				  p, &rows, &e),
			 0);
	assert_int_equal(rows.row_count, 1);
	assert_string_equal(db_cell(&rows, 0, 0), "b");
}

/* Each parameter is bound to its own number, and as many are bound as
 * the array holds; db_query_counted binds the first so many. */
static void counts_parameters_from_the_array(void **state)
{
	struct fixture *f = *state;
	struct err e;
	struct db_rows rows;
	struct db_param p[] = {DB_TEXT("one"), DB_INT(2), DB_TEXT("three")};
	assert_int_equal(DB_ARRAY_LENGTH(p), 3);
	assert_int_equal(db_query(f->conn, f->arena,
				  "SELECT CAST($3 AS TEXT), CAST($1 AS TEXT),"
				  " CAST($2 AS INTEGER)",
				  p, &rows, &e),
			 RESULT_OK);
	assert_int_equal(rows.row_count, 1);
	assert_int_equal(rows.column_count, 3);
	assert_string_equal(db_cell(&rows, 0, 0), "three");
	assert_string_equal(db_cell(&rows, 0, 1), "one");
	assert_string_equal(db_cell(&rows, 0, 2), "2");
	assert_int_equal(db_query_counted(f->conn, f->arena,
					  "SELECT CAST($2 AS INTEGER), CAST($1 AS TEXT)",
					  p, 2, &rows, &e),
			 RESULT_OK);
	assert_string_equal(db_cell(&rows, 0, 0), "2");
	assert_string_equal(db_cell(&rows, 0, 1), "one");
	/* The same statement given all three is refused. */
	assert_int_equal(db_query(f->conn, f->arena,
				  "SELECT CAST($2 AS INTEGER), CAST($1 AS TEXT)",
				  p, &rows, &e),
			 RESULT_FAILED);
}

static void refuses_wrong_parameter_counts(void **state)
{
	struct fixture *f = *state;
	create_table(f);
	struct err e;
	struct db_param two[] = {DB_TEXT("a"), DB_TEXT("b")};
	struct db_param one[] = {DB_TEXT("a")};
	assert_int_equal(db_query(f->conn, f->arena,
				  sql(f, "SELECT id FROM %T WHERE id = $1"), two,
				  NULL, &e),
			 RESULT_FAILED);
	assert_int_equal(db_query(f->conn, f->arena,
				  sql(f, "SELECT id FROM %T WHERE id = $1 AND note = $2"),
				  one, NULL, &e),
			 RESULT_FAILED);
	/* The connection is still usable after an error. */
	assert_int_equal(db_ping(f->conn, &e), 0);
}

static void reports_conflicts(void **state)
{
	struct fixture *f = *state;
	create_table(f);
	insert(f, "a", 1, NULL);
	struct err e = {0};
	struct db_param p[] = {DB_TEXT("a"), DB_INT(2), DB_NULL};
	assert_int_equal(db_query(f->conn, f->arena,
				  sql(f, "INSERT INTO %T (id, n, note) VALUES ($1, $2, $3)"),
				  p, NULL, &e),
			 RESULT_CONFLICT);
	assert_true(strlen(e.msg) > 0);
	assert_int_equal(db_query_plain(f->conn, f->arena, "SELEKT nonsense", NULL, &e),
			 RESULT_FAILED);
}

static void upsert_and_changes(void **state)
{
	struct fixture *f = *state;
	create_table(f);
	insert(f, "a", 1, NULL);
	insert(f, "b", 1, NULL);
	struct err e;
	struct db_rows rows;
	struct db_param p[] = {DB_TEXT("a"), DB_INT(5)};
	assert_int_equal(db_query(f->conn, f->arena,
				  sql(f, "INSERT INTO %T (id, n) VALUES ($1, $2)"
					 " ON CONFLICT (id) DO UPDATE SET n = excluded.n"
					 " RETURNING n"),
				  p, &rows, &e),
			 0);
	assert_int_equal(rows.row_count, 1);
	assert_string_equal(db_cell(&rows, 0, 0), "5");
	struct db_param one[] = {DB_INT(1)};
	assert_int_equal(db_query(f->conn, f->arena,
				  sql(f, "UPDATE %T SET note = 'x' WHERE n >= $1"),
				  one, &rows, &e),
			 0);
	assert_int_equal(rows.changes, 2);
}

static int64_t count_rows(struct fixture *f)
{
	struct err e;
	struct db_rows rows;
	assert_int_equal(db_query_plain(f->conn, f->arena, sql(f, "SELECT count(*) FROM %T"),
					&rows, &e),
			 0);
	return strtoll(db_cell(&rows, 0, 0), NULL, 10);
}

static void transactions(void **state)
{
	struct fixture *f = *state;
	create_table(f);
	struct err e;
	struct db_conn *c;
	/* A write that succeeded is committed... */
	assert_int_equal(db_transaction(f->db, &c, &e), RESULT_OK);
	assert_int_equal(db_lock(c, "test-lock", &e), 0);
	insert_on(f, c, "a", 1, NULL);
	assert_int_equal(db_finish(c, RESULT_OK, &e), RESULT_OK);
	assert_int_equal(count_rows(f), 1);

	/* ...one that failed part-way is rolled back whole, and keeps its
	 * result. */
	assert_int_equal(db_transaction(f->db, &c, &e), RESULT_OK);
	insert_on(f, c, "b", 1, NULL);
	struct db_param again[] = {DB_TEXT("a"), DB_INT(2), DB_NULL};
	int rc = db_query(c, f->arena,
			  sql(f, "INSERT INTO %T (id, n, note) VALUES ($1, $2, $3)"),
			  again, NULL, &e);
	assert_int_equal(rc, RESULT_CONFLICT);
	assert_int_equal(db_finish(c, rc, &e), RESULT_CONFLICT);
	assert_int_equal(count_rows(f), 1);

	/* So is one refused before it wrote a conflict: the result the
	 * caller had decides, not the database. */
	assert_int_equal(db_transaction(f->db, &c, &e), RESULT_OK);
	insert_on(f, c, "c", 1, NULL);
	assert_int_equal(db_finish(c, RESULT_INVALID, &e), RESULT_INVALID);
	assert_int_equal(count_rows(f), 1);

	/* Each finish gave its connection back: the pool of two (the
	 * fixture holds one) has one free for the next. */
	assert_int_equal(db_transaction(f->db, &c, &e), RESULT_OK);
	assert_int_equal(db_finish(c, RESULT_OK, &e), RESULT_OK);

	/* A connection given back mid-transaction is rolled back. */
	assert_int_equal(db_transaction(f->db, &c, &e), RESULT_OK);
	insert_on(f, c, "d", 1, NULL);
	db_release(c);
	assert_int_equal(count_rows(f), 1);
	assert_int_equal(db_lock(f->conn, "outside", &e), -1);
}

/* A transaction that cannot be had holds nothing: the connection slot
 * went back, so a second try fails the same way at once instead of
 * waiting for a free connection. */
static void transaction_failing_holds_nothing(void **state)
{
	(void)state;
	struct db *db;
	struct err e = {0};
	assert_int_equal(db_open("postgres://nobody@127.0.0.1:1/none", 1, &db, &e), 0);
	struct db_conn *c = NULL;
	for (int i = 0; i < 2; i++) {
		time_t start = time(NULL);
		assert_int_equal(db_transaction(db, &c, &e), RESULT_FAILED);
		assert_non_null(strstr(e.msg, "cannot connect"));
		assert_true(time(NULL) - start < 5);
	}
	assert_null(c);
	db_close(db);
}

static void migrations(void **state)
{
	struct fixture *f = *state;
	struct err e;
	int version = -1;
	/* A database with no migrations has no schema_migrations table yet,
	 * unless another test in this PostgreSQL database made one. */
	char create_a[128], create_b[128], broken[128];
	snprintf(create_a, sizeof create_a, "CREATE TABLE %s_a (x INTEGER);", f->table);
	snprintf(create_b, sizeof create_b, "CREATE TABLE %s_b (x INTEGER);", f->table);
	snprintf(broken, sizeof broken,
		 "CREATE TABLE %s_c (x INTEGER); SELECT no_such_function();",
		 f->table);
	struct migration list[] = {
		{101, "101-a", create_a},
		{102, "102-b", create_b},
		{103, "103-broken", broken},
	};
	int applied = -1;
	db_release(f->conn); /* migrate_apply takes its own connection */
	assert_int_equal(migrate_apply(f->db, list, 2, &applied, &e), 0);
	assert_int_equal(applied, 2);
	assert_int_equal(migrate_apply(f->db, list, 2, &applied, &e), 0);
	assert_int_equal(applied, 0);
	assert_int_equal(db_acquire(f->db, &f->conn, &e), 0);
	assert_int_equal(migrate_current_version(f->conn, &version, &e), 0);
	assert_int_equal(version, 102);
	db_release(f->conn);

	/* A failing migration leaves nothing behind. */
	assert_int_equal(migrate_apply(f->db, list, 3, &applied, &e), -1);
	assert_non_null(strstr(e.msg, "103-broken"));
	assert_int_equal(applied, 0);
	assert_int_equal(db_acquire(f->db, &f->conn, &e), 0);
	assert_int_equal(migrate_current_version(f->conn, &version, &e), 0);
	assert_int_equal(version, 102);
	snprintf(f->sql, sizeof f->sql, "SELECT count(*) FROM %s_c", f->table);
	assert_int_equal(db_query_plain(f->conn, f->arena, arena_strdup(f->arena, f->sql),
					NULL, &e),
			 RESULT_FAILED);
	db_release(f->conn);

	/* A binary that knows fewer migrations than the database refuses. */
	assert_int_equal(migrate_apply(f->db, list, 1, &applied, &e), -1);
	assert_non_null(strstr(e.msg, "newer than this binary"));

	assert_int_equal(db_acquire(f->db, &f->conn, &e), 0);
	const char *cleanup[] = {"DROP TABLE IF EXISTS %T_a", "DROP TABLE IF EXISTS %T_b",
				 "DELETE FROM schema_migrations WHERE version > 100"};
	for (size_t i = 0; i < 3; i++)
		assert_int_equal(db_exec_script(f->conn, sql(f, cleanup[i]), &e), 0);
}

static void sqlite_open_errors(void **state)
{
	(void)state;
	struct db *db;
	struct err e = {0};
	assert_int_equal(db_open("mysql://x", 1, &db, &e), -1);
	assert_non_null(strstr(e.msg, "unsupported"));
	assert_int_equal(db_open("sqlite:/nonexistent/dir/x.db", 1, &db, &e), -1);
	assert_non_null(strstr(e.msg, "/nonexistent/dir/x.db"));
	/* PostgreSQL connects lazily: opening succeeds, acquiring fails. */
	assert_int_equal(db_open("postgres://nobody@127.0.0.1:1/none", 1, &db, &e), 0);
	assert_string_equal(db_kind_name(db), "postgresql");
	struct db_conn *c;
	assert_int_equal(db_acquire(db, &c, &e), -1);
	assert_non_null(strstr(e.msg, "cannot connect"));
	/* The failed slot went back to the pool: a second try fails the same
	 * way instead of waiting for a free connection. */
	assert_int_equal(db_acquire(db, &c, &e), -1);
	assert_non_null(strstr(e.msg, "cannot connect"));
	db_close(db);
}

static void never_migrated(void **state)
{
	(void)state;
	struct fixture *f;
	void *s;
	assert_int_equal(setup_sqlite(&s), 0);
	f = s;
	int version;
	struct err e;
	assert_int_equal(migrate_current_version(f->conn, &version, &e), -1);
	assert_string_equal(db_kind_name(f->db), "sqlite");
	teardown(&s);
}

/* Each backend runs its own sections of a migration and the shared lines,
 * line for line; a marker naming no dialect is refused. */
static void migrations_keep_their_own_dialect(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct err e;
	const char *sql = "CREATE TABLE t (x INTEGER);\n"
			  "-- dialect: sqlite\n"
			  "SELECT 'lite';\n"
			  "-- dialect: postgresql\n"
			  "SELECT 'pg';\n"
			  "-- dialect: any\n"
			  "SELECT 'both';";
	const char *lite = migrate_script_for(a, sql, "sqlite", &e);
	const char *pg = migrate_script_for(a, sql, "postgresql", &e);
	assert_non_null(lite);
	assert_non_null(pg);
	assert_non_null(strstr(lite, "'lite'"));
	assert_null(strstr(lite, "'pg'"));
	assert_non_null(strstr(pg, "'pg'"));
	assert_null(strstr(pg, "'lite'"));
	for (const char *out = lite; out; out = out == lite ? pg : NULL) {
		assert_int_equal(strlen(out), strlen(sql));
		assert_non_null(strstr(out, "CREATE TABLE t"));
		assert_non_null(strstr(out, "'both'"));
		size_t lines = 0;
		for (const char *p = out; *p; p++)
			lines += *p == '\n';
		assert_int_equal(lines, 6);
	}
	assert_null(migrate_script_for(a, "SELECT 1;\n-- dialect: postgres\n", "sqlite", &e));
	assert_non_null(strstr(e.msg, "line 2"));
	/* Every migration the binary carries reads on both. */
	for (size_t i = 0; i < schema_migration_count; i++) {
		assert_non_null(migrate_script_for(a, schema_migrations[i].sql, "sqlite", &e));
		assert_non_null(migrate_script_for(a, schema_migrations[i].sql, "postgresql", &e));
	}
	arena_free(a);
}

/* An entry in the audit log, as audit_write makes one. */
static int add_entry(struct db_conn *c, struct arena *a, const char *id, struct err *e)
{
	struct db_param p[] = {DB_TEXT(id)};
	return db_query(c, a,
			"INSERT INTO audit_log (id, at, action, client_address, request_id)"
			" VALUES ($1, '2026-03-01T09:30:00.000Z', 'sign_in', '192.0.2.1', 'test')",
			p, NULL, e);
}

/* How the log's one entry reads: its action, or NULL when it is gone. */
static const char *entry_action(struct db_conn *c, struct arena *a, const char *id)
{
	struct db_param p[] = {DB_TEXT(id)};
	struct db_rows rows;
	struct err e;
	assert_int_equal(db_query(c, a, "SELECT action FROM audit_log WHERE id = $1", p, &rows,
				  &e),
			 RESULT_OK);
	return rows.row_count ? db_cell(&rows, 0, 0) : NULL;
}

/* An update or delete of the log on c is refused with a message matching
 * why, and the entry stays as it was. */
static void log_refuses_changes(struct db_conn *c, struct arena *a, const char *id,
				const char *why)
{
	struct err e;
	struct db_param p[] = {DB_TEXT(id)};
	const char *changes[] = {"UPDATE audit_log SET action = 'nothing' WHERE id = $1",
				 "DELETE FROM audit_log WHERE id = $1"};
	for (size_t i = 0; i < 2; i++) {
		assert_true(db_query(c, a, changes[i], p, NULL, &e) < 0);
		assert_non_null(strstr(e.msg, why));
	}
	assert_true(db_query_plain(c, a, "DELETE FROM audit_log", NULL, &e) < 0);
	assert_string_equal(entry_action(c, a, id), "sign_in");
}

/* The server's own connection to SQLite may add to the audit log and read
 * it, never change or remove an entry: triggers refuse. */
static void sqlite_audit_log_is_append_only(void **state)
{
	struct fixture *f = *state;
	struct err e;
	int applied;
	db_release(f->conn);
	assert_int_equal(migrate_apply(f->db, schema_migrations, schema_migration_count,
				       &applied, &e),
			 0);
	assert_int_equal(db_acquire(f->db, &f->conn, &e), 0);
	const char *id = "0123456789abcdef0123456789abcdef";
	assert_int_equal(add_entry(f->conn, f->arena, id, &e), RESULT_OK);
	log_refuses_changes(f->conn, f->arena, id, "append-only");
	/* Nor inside a transaction, which then still commits the rest. */
	db_release(f->conn);
	assert_int_equal(db_transaction(f->db, &f->conn, &e), RESULT_OK);
	assert_true(db_query_plain(f->conn, f->arena, "DELETE FROM audit_log", NULL, &e) < 0);
	assert_int_equal(add_entry(f->conn, f->arena, "00000000000000000000000000000002", &e),
			 RESULT_OK);
	assert_int_equal(db_finish(f->conn, RESULT_OK, &e), RESULT_OK);
	assert_int_equal(db_acquire(f->db, &f->conn, &e), 0);
	assert_string_equal(entry_action(f->conn, f->arena, "00000000000000000000000000000002"),
			    "sign_in");
	assert_string_equal(entry_action(f->conn, f->arena, id), "sign_in");
}

/* The test server's URL as another role, on another database: libpq
 * takes the last of a setting given twice. */
static const char *pg_url_as(struct arena *a, const char *role, const char *database)
{
	const char *base = getenv("ALONGSIDE_TEST_PG_URL");
	return arena_printf(a, "%s%cuser=%s&dbname=%s", base, strchr(base, '?') ? '&' : '?',
			    role, database);
}

/* On PostgreSQL the schema belongs to the owner, who migrates; serve's
 * role may read and add to the audit log, never update or delete it, nor
 * apply a migration.  The owner is stopped by the trigger. */
static void pg_app_role_may_not_change_the_audit_log(void **state)
{
	struct fixture *f = *state;
	struct err e;
	char id[ID_HEX_LEN + 1];
	id_new(id);
	const char *owner_role = arena_printf(f->arena, "o_%.16s", id);
	const char *app_role = arena_printf(f->arena, "a_%.16s", id);
	const char *database = arena_printf(f->arena, "d_%.16s", id);
	/* Names from our own random id, never from input. */
	const char *setup_sql[] = {
		arena_printf(f->arena, "CREATE ROLE %s LOGIN", owner_role),
		arena_printf(f->arena, "CREATE ROLE %s LOGIN", app_role),
		arena_printf(f->arena, "CREATE DATABASE %s OWNER %s", database, owner_role),
	};
	for (size_t i = 0; i < 3; i++)
		assert_int_equal(db_exec_script(f->conn, setup_sql[i], &e), 0);

	struct db *owner, *app;
	assert_int_equal(db_open(pg_url_as(f->arena, owner_role, database), 1, &owner, &e), 0);
	assert_int_equal(db_open(pg_url_as(f->arena, app_role, database), 1, &app, &e), 0);
	int applied;
	/* Not as the app role: nothing is changed, and it says how. */
	assert_int_equal(migrate_apply(app, schema_migrations, schema_migration_count, &applied,
				       &e),
			 -1);
	assert_non_null(strstr(e.msg, "may not change the schema"));
	assert_non_null(strstr(e.msg, app_role));
	assert_int_equal(migrate_apply(owner, schema_migrations, schema_migration_count, &applied,
				       &e),
			 0);
	assert_int_equal(applied, (int)schema_migration_count);
	const char *granted;
	struct db *elsewhere;
	assert_int_equal(db_open(pg_url_as(f->arena, app_role, "postgres"), 1, &elsewhere, &e), 0);
	assert_int_equal(migrate_grant(owner, elsewhere, f->arena, &granted, &e), -1);
	assert_non_null(strstr(e.msg, "name the same database in both"));
	db_close(elsewhere);
	assert_int_equal(migrate_grant(owner, app, f->arena, &granted, &e), 0);
	assert_string_equal(granted, app_role);
	/* One role for both has nothing to grant. */
	assert_int_equal(migrate_grant(owner, owner, f->arena, &granted, &e), 0);
	assert_null(granted);
	/* Up to date, the app role may run it: there is nothing to do. */
	assert_int_equal(migrate_apply(app, schema_migrations, schema_migration_count, &applied,
				       &e),
			 0);
	assert_int_equal(applied, 0);

	struct db_conn *c;
	assert_int_equal(db_acquire(app, &c, &e), 0);
	assert_int_equal(add_entry(c, f->arena, id, &e), RESULT_OK);
	log_refuses_changes(c, f->arena, id, "permission denied");
	assert_true(db_query_plain(c, f->arena, "TRUNCATE audit_log", NULL, &e) < 0);
	/* The rest of the schema is the app's to use, not to change. */
	assert_int_equal(db_query_plain(c, f->arena,
					"UPDATE settings SET updated_at = updated_at", NULL, &e),
			 RESULT_OK);
	assert_true(db_query_plain(c, f->arena, "DELETE FROM schema_migrations", NULL, &e) < 0);
	assert_true(db_query_plain(c, f->arena, "CREATE TABLE sneaky (x INTEGER)", NULL, &e) < 0);
	assert_true(db_query_plain(c, f->arena, "DROP TRIGGER audit_log_append_only ON audit_log",
				   NULL, &e) < 0);
	int version;
	assert_int_equal(migrate_current_version(c, &version, &e), 0);
	assert_int_equal(version, schema_migrations[schema_migration_count - 1].version);
	db_release(c);
	assert_int_equal(db_acquire(owner, &c, &e), 0);
	log_refuses_changes(c, f->arena, id, "append-only");
	db_release(c);

	/* A migration still to come is the owner's to apply. */
	struct migration later[64];
	assert_true(schema_migration_count < 64);
	memcpy(later, schema_migrations, schema_migration_count * sizeof *later);
	later[schema_migration_count] = (struct migration){
		999, "999-later", "CREATE TABLE later (x INTEGER)"};
	assert_int_equal(migrate_apply(app, later, schema_migration_count + 1, &applied, &e), -1);
	assert_non_null(strstr(e.msg, "1 migration is pending"));
	assert_int_equal(migrate_apply(owner, later, schema_migration_count + 1, &applied, &e), 0);
	assert_int_equal(applied, 1);
	/* ...and its table the app's to use, by the default privileges. */
	assert_int_equal(db_acquire(app, &c, &e), 0);
	assert_int_equal(db_query_plain(c, f->arena, "INSERT INTO later VALUES (1)", NULL, &e),
			 RESULT_OK);
	db_release(c);

	db_close(app);
	db_close(owner);
	const char *cleanup[] = {
		arena_printf(f->arena, "DROP DATABASE %s WITH (FORCE)", database),
		arena_printf(f->arena, "DROP ROLE %s", app_role),
		arena_printf(f->arena, "DROP ROLE %s", owner_role),
	};
	for (size_t i = 0; i < 3; i++)
		assert_int_equal(db_exec_script(f->conn, cleanup[i], &e), 0);
}

static bool on_postgresql(struct fixture *f)
{
	return strcmp(db_kind_name(f->db), "postgresql") == 0;
}

/* How many statements the server holds prepared for this connection
 * under the given text (PostgreSQL only). */
static long prepared_count(struct fixture *f, struct db_conn *c, const char *text)
{
	struct err e;
	struct db_rows rows;
	struct db_param p[] = {DB_TEXT(text)};
	assert_int_equal(db_query(c, f->arena,
				  "SELECT count(*) FROM pg_prepared_statements"
				  " WHERE CAST($1 AS TEXT) IS NULL OR statement = $1",
				  p, &rows, &e),
			 RESULT_OK);
	return strtol(db_cell(&rows, 0, 0), NULL, 10);
}

/* A statement run again is the same statement, with its new parameters,
 * and on PostgreSQL is prepared once. */
static void same_statement_twice(void **state)
{
	struct fixture *f = *state;
	create_table(f);
	insert(f, "a", 1, "x");
	insert(f, "b", 2, "y");
	const char *text = sql(f, "SELECT id, note FROM %T WHERE n = $1");
	struct err e;
	struct db_rows rows;
	for (int64_t n = 1; n <= 2; n++) {
		struct db_param p[] = {DB_INT(n)};
		assert_int_equal(db_query(f->conn, f->arena, text, p, &rows, &e), RESULT_OK);
		assert_int_equal(rows.row_count, 1);
		assert_string_equal(db_cell(&rows, 0, 0), n == 1 ? "a" : "b");
	}
	if (on_postgresql(f))
		assert_int_equal(prepared_count(f, f->conn, text), 1);
}

/* A read planned for its values each run binds as db_query does, says
 * why it failed, and on PostgreSQL leaves no statement prepared on
 * either connection of the pool, however often it runs. */
static void replanned_reads(void **state)
{
	struct fixture *f = *state;
	create_table(f);
	insert(f, "a", 1, "x");
	insert(f, "b", 2, "y");
	insert(f, "c", 2, NULL);
	const char *text = sql(f, "SELECT id FROM %T WHERE n = $2 AND id > $1 ORDER BY id");
	struct err e;
	struct db_rows rows;
	db_release(f->conn);
	f->conn = NULL;
	for (int run = 0; run < 7; run++) {
		struct db_param p[] = {DB_TEXT(run % 2 ? "b" : "a"), DB_INT(2)};
		assert_int_equal(db_run_replanned_counted(f->db, f->arena, text, p, 2, &rows, &e),
				 RESULT_OK);
		assert_int_equal(rows.row_count, run % 2 ? 1 : 2);
		assert_string_equal(db_cell(&rows, 0, 0), run % 2 ? "c" : "b");
	}
	e.msg[0] = '\0';
	assert_int_equal(db_run_replanned_counted(f->db, f->arena,
						  sql(f, "SELECT missing FROM %T"), NULL, 0,
						  &rows, &e),
			 RESULT_FAILED);
	assert_non_null(strstr(e.msg, "missing"));
	struct db_conn *other;
	assert_int_equal(db_acquire(f->db, &f->conn, &e), 0);
	assert_int_equal(db_acquire(f->db, &other, &e), 0);
	if (on_postgresql(f)) {
		assert_int_equal(prepared_count(f, f->conn, text), 0);
		assert_int_equal(prepared_count(f, other, text), 0);
	}
	db_release(other);
}

/* A statement that fails inside a transaction aborts it on PostgreSQL,
 * where a statement met for the first time then cannot be prepared:
 * after the rollback, the same connection runs both as if new. */
static void statement_failing_in_a_transaction(void **state)
{
	struct fixture *f = *state;
	create_table(f);
	struct err e;
	struct db_conn *c;
	const char *insert_sql = sql(f, "INSERT INTO %T (id, n, note) VALUES ($1, $2, $3)");
	const char *fresh = sql(f, "SELECT n FROM %T WHERE id = $1 AND n >= 0");
	struct db_param a[] = {DB_TEXT("a"), DB_INT(1), DB_NULL};
	struct db_param key[] = {DB_TEXT("a")};
	struct db_rows rows;
	assert_int_equal(db_transaction(f->db, &c, &e), RESULT_OK);
	assert_int_equal(db_query(c, f->arena, insert_sql, a, NULL, &e), RESULT_OK);
	assert_int_equal(db_query(c, f->arena, insert_sql, a, NULL, &e), RESULT_CONFLICT);
	int rc = db_query(c, f->arena, fresh, key, &rows, &e);
	if (on_postgresql(f)) {
		assert_int_equal(rc, RESULT_FAILED);
		assert_non_null(strstr(e.msg, "aborted"));
	}
	assert_int_equal(db_finish(c, RESULT_CONFLICT, &e), RESULT_CONFLICT);

	/* The pool of two has one free: the same connection again. */
	for (int i = 0; i < 2; i++) {
		assert_int_equal(db_transaction(f->db, &c, &e), RESULT_OK);
		struct db_param b[] = {DB_TEXT(i ? "c" : "b"), DB_INT(2), DB_NULL};
		assert_int_equal(db_query(c, f->arena, insert_sql, b, NULL, &e), RESULT_OK);
		assert_int_equal(db_query(c, f->arena, fresh, key, &rows, &e), RESULT_OK);
		assert_int_equal(rows.row_count, 0);
		assert_int_equal(db_finish(c, RESULT_OK, &e), RESULT_OK);
	}
	assert_int_equal(count_rows(f), 2);
}

/* More distinct statements than a connection keeps prepared: each still
 * answers, the first ones again after they were dropped, and PostgreSQL
 * holds no more of them than the cache does (256). */
static void more_statements_than_the_cache_holds(void **state)
{
	struct fixture *f = *state;
	struct err e;
	struct db_rows rows;
	for (int round = 0; round < 2; round++) {
		for (int i = 0; i < 300; i += round ? 30 : 1) {
			const char *text = arena_printf(f->arena, "SELECT CAST($1 AS INTEGER) + %d", i);
			struct db_param p[] = {DB_INT(1000)};
			assert_int_equal(db_query(f->conn, f->arena, text, p, &rows, &e), RESULT_OK);
			assert_int_equal(strtol(db_cell(&rows, 0, 0), NULL, 10), 1000 + i);
		}
	}
	if (on_postgresql(f)) {
		long held = prepared_count(f, f->conn, NULL);
		assert_true(held > 100);
		assert_true(held <= 256);
	}
}

/* A connection the server dropped is opened again, and its statements
 * are prepared again on the new one (PostgreSQL). */
static void pg_connection_reopened(void **state)
{
	struct fixture *f = *state;
	struct err e;
	struct db *db;
	struct db_conn *c;
	struct db_rows rows;
	assert_int_equal(db_open(getenv("ALONGSIDE_TEST_PG_URL"), 1, &db, &e), 0);
	const char *text = "SELECT pg_backend_pid(), CAST($1 AS INTEGER) + 1";
	struct db_param p[] = {DB_INT(41)};
	assert_int_equal(db_acquire(db, &c, &e), 0);
	assert_int_equal(db_query(c, f->arena, text, p, &rows, &e), RESULT_OK);
	assert_int_equal(db_query(c, f->arena, text, p, &rows, &e), RESULT_OK);
	const char *pid = db_cell(&rows, 0, 0);
	db_release(c);

	struct db_param victim[] = {DB_INT(strtoll(pid, NULL, 10))};
	assert_int_equal(db_query(f->conn, f->arena, "SELECT pg_terminate_backend($1)", victim,
				  &rows, &e),
			 RESULT_OK);
	assert_string_equal(db_cell(&rows, 0, 0), "t");
	/* The first statement finds the connection gone; the next acquire
	 * opens a new one, bounded in time. */
	int answered = RESULT_FAILED;
	for (int i = 0; i < 50 && answered != RESULT_OK; i++) {
		assert_int_equal(db_acquire(db, &c, &e), 0);
		answered = db_query(c, f->arena, text, p, &rows, &e);
		db_release(c);
		if (answered != RESULT_OK)
			usleep(20000);
	}
	assert_int_equal(answered, RESULT_OK);
	assert_string_not_equal(db_cell(&rows, 0, 0), pid);
	assert_string_equal(db_cell(&rows, 0, 1), "42");
	db_close(db);
}

/* Writers in one process take turns without SQLite's busy handler: each
 * waits for the one before it, never fails with "database is locked". */
struct writer {
	struct fixture *f;
	int number;
	int failures;
	char message[1024];
};

#define WRITERS 6
#define WRITES_EACH 30

static void *write_rows(void *arg)
{
	struct writer *w = arg;
	struct arena *a = arena_new();
	for (int i = 0; i < WRITES_EACH; i++) {
		struct err e = {0};
		char id[32];
		snprintf(id, sizeof id, "w%d-%d", w->number, i);
		struct db_param p[] = {DB_TEXT(id), DB_INT(i), DB_NULL};
		const char *insert_sql = sql_in(a, w->f->table,
						"INSERT INTO %T (id, n, note) VALUES ($1, $2, $3)");
		int rc;
		if (i % 3 == 2) {
			/* A write in no transaction of its own. */
			rc = db_run(w->f->db, a, insert_sql, p, NULL, &e);
		} else {
			struct db_conn *c;
			rc = db_transaction(w->f->db, &c, &e);
			if (rc == RESULT_OK) {
				rc = db_query(c, a, insert_sql, p, NULL, &e);
				rc = db_finish(c, rc, &e);
			}
		}
		if (rc != RESULT_OK && w->failures++ == 0)
			snprintf(w->message, sizeof w->message, "%s", e.msg);
	}
	arena_free(a);
	return NULL;
}

/* The fixture's SQLite database again, through a pool of pool_size (the
 * fixture holds one of them). */
static void reopen_with_pool(struct fixture *f, unsigned pool_size)
{
	struct err e;
	db_release(f->conn);
	db_close(f->db);
	assert_int_equal(db_open(arena_printf(f->arena, "sqlite:%s/test.db", f->dir), pool_size,
				 &f->db, &e),
			 0);
	assert_int_equal(db_acquire(f->db, &f->conn, &e), 0);
}

static void sqlite_writers_take_turns(void **state)
{
	struct fixture *f = *state;
	create_table(f);
	reopen_with_pool(f, 4);
	struct writer writers[WRITERS];
	pthread_t threads[WRITERS];
	for (int i = 0; i < WRITERS; i++) {
		writers[i] = (struct writer){.f = f, .number = i};
		assert_int_equal(pthread_create(&threads[i], NULL, write_rows, &writers[i]), 0);
	}
	for (int i = 0; i < WRITERS; i++) {
		pthread_join(threads[i], NULL);
		if (writers[i].failures)
			fail_msg("writer %d: %d failed: %s", i, writers[i].failures,
				 writers[i].message);
	}
	assert_int_equal(count_rows(f), WRITERS * WRITES_EACH);
}

struct waiter {
	struct db *db;
	struct timespec began;
	int rc;
};

static void *begin_later(void *arg)
{
	struct waiter *w = arg;
	struct err e;
	struct db_conn *c;
	w->rc = db_transaction(w->db, &c, &e);
	clock_gettime(CLOCK_MONOTONIC, &w->began);
	if (w->rc == RESULT_OK)
		db_finish(c, RESULT_OK, &e);
	return NULL;
}

static double ms_between(struct timespec from, struct timespec to)
{
	return (double)(to.tv_sec - from.tv_sec) * 1e3 + (double)(to.tv_nsec - from.tv_nsec) / 1e6;
}

/* A writer waiting for another's transaction begins the moment it ends,
 * not at the next step of SQLite's busy handler (whose sleeps reach
 * 100 ms: it would wake about 90 ms late here). */
static void sqlite_waiting_writer_begins_at_once(void **state)
{
	struct fixture *f = *state;
	create_table(f);
	reopen_with_pool(f, 3);
	struct err e;
	struct db_conn *c;
	assert_int_equal(db_transaction(f->db, &c, &e), RESULT_OK);
	insert_on(f, c, "first", 1, NULL);
	struct waiter w = {.db = f->db, .rc = -99};
	pthread_t thread;
	assert_int_equal(pthread_create(&thread, NULL, begin_later, &w), 0);
	usleep(240000);
	struct timespec ended;
	assert_int_equal(db_finish(c, RESULT_OK, &e), RESULT_OK);
	clock_gettime(CLOCK_MONOTONIC, &ended);
	pthread_join(thread, NULL);
	assert_int_equal(w.rc, RESULT_OK);
	double late = ms_between(ended, w.began);
	if (late > 40)
		fail_msg("the waiting writer began %.1f ms after the first committed", late);
}

/* synchronous on each connection of the pool: FULL (2) unless opened
 * with DB_SYNC_NORMAL (1), a council's choice. */
static void sqlite_synchronous_as_opened(void **state)
{
	struct fixture *f = *state;
	const char *url = arena_printf(f->arena, "sqlite:%s/test.db", f->dir);
	struct err e;
	struct db_rows rows;
	for (int normal = 0; normal < 2; normal++) {
		struct db *db;
		assert_int_equal(db_open_sync(url, 2, normal ? DB_SYNC_NORMAL : DB_SYNC_FULL, &db,
					      &e),
				 0);
		struct db_conn *c[2];
		for (int i = 0; i < 2; i++) {
			assert_int_equal(db_acquire(db, &c[i], &e), 0);
			assert_int_equal(db_query_plain(c[i], f->arena, "PRAGMA synchronous", &rows,
							&e),
					 RESULT_OK);
			assert_string_equal(db_cell(&rows, 0, 0), normal ? "1" : "2");
		}
		db_release(c[0]);
		db_release(c[1]);
		db_close(db);
	}
	assert_int_equal(db_query_plain(f->conn, f->arena, "PRAGMA synchronous", &rows, &e),
			 RESULT_OK);
	assert_string_equal(db_cell(&rows, 0, 0), "2");
}

/* A thread holding the write lock never waits for a connection: the
 * writers it would wait for may be waiting for it.  With the pool taken
 * it reads on a connection kept in reserve; a third connection, or a
 * write outside its transaction, is refused at once. */
static void sqlite_writer_never_waits_for_a_connection(void **state)
{
	struct fixture *f = *state;
	create_table(f);
	insert(f, "a", 1, NULL);
	reopen_with_pool(f, 2);
	struct err e = {0};
	struct db_conn *c, *second = NULL, *third = NULL;
	struct db_rows rows;
	assert_int_equal(db_transaction(f->db, &c, &e), RESULT_OK);
	time_t start = time(NULL);
	assert_int_equal(db_acquire(f->db, &second, &e), 0);
	assert_int_equal(db_query_plain(second, f->arena, sql(f, "SELECT count(*) FROM %T"), &rows,
					&e),
			 RESULT_OK);
	assert_string_equal(db_cell(&rows, 0, 0), "1");
	assert_int_equal(db_acquire(f->db, &third, &e), -1);
	assert_null(third);
	assert_non_null(strstr(e.msg, "write lock"));
	struct db_param p[] = {DB_TEXT("b"), DB_INT(2), DB_NULL};
	assert_int_equal(db_query(second, f->arena,
				  sql(f, "INSERT INTO %T (id, n, note) VALUES ($1, $2, $3)"), p,
				  NULL, &e),
			 RESULT_FAILED);
	assert_non_null(strstr(e.msg, "write lock"));
	assert_true(time(NULL) - start < 2);
	db_release(second);
	insert_on(f, c, "c", 3, NULL);
	assert_int_equal(db_finish(c, RESULT_OK, &e), RESULT_OK);
	assert_int_equal(count_rows(f), 2);
	/* The reserve went back with the lock: the next writer has it. */
	assert_int_equal(db_transaction(f->db, &c, &e), RESULT_OK);
	assert_int_equal(db_acquire(f->db, &second, &e), 0);
	db_release(second);
	assert_int_equal(db_finish(c, RESULT_OK, &e), RESULT_OK);
}

/* A change counter moves with the commit of the write that bumps it, and
 * only then; a name that does not exist and a database without the table
 * fail rather than read as a generation. */
static void generations_move_with_commits(void **state)
{
	(void)state;
	struct testdb t;
	struct db *db = testdb_open(&t);
	struct err e;
	int64_t before, after;
	assert_int_equal(db_generation_read(db, DB_GENERATION_DIRECTORY, &before, &e), RESULT_OK);
	assert_true(before >= 1);

	struct db_conn *c;
	assert_int_equal(db_transaction(db, &c, &e), RESULT_OK);
	assert_int_equal(db_generation_bump(c, DB_GENERATION_DIRECTORY, &e), RESULT_OK);
	assert_int_equal(db_finish(c, RESULT_FAILED, &e), RESULT_FAILED);
	assert_int_equal(db_generation_read(db, DB_GENERATION_DIRECTORY, &after, &e), RESULT_OK);
	assert_int_equal(after, before);

	assert_int_equal(db_transaction(db, &c, &e), RESULT_OK);
	assert_int_equal(db_generation_bump(c, DB_GENERATION_DIRECTORY, &e), RESULT_OK);
	assert_int_equal(db_finish(c, RESULT_OK, &e), RESULT_OK);
	assert_int_equal(db_generation_read(db, DB_GENERATION_DIRECTORY, &after, &e), RESULT_OK);
	assert_int_equal(after, before + 1);
	int64_t areas;
	assert_int_equal(db_generation_read(db, DB_GENERATION_AREAS, &areas, &e), RESULT_OK);
	assert_int_equal(areas, 1);

	assert_int_equal(db_generation_read(db, "no-such-set", &after, &e), RESULT_FAILED);
	assert_non_null(strstr(e.msg, "no-such-set"));
	assert_int_equal(db_transaction(db, &c, &e), RESULT_OK);
	assert_int_equal(db_generation_bump(c, "no-such-set", &e), RESULT_FAILED);
	assert_int_equal(db_finish(c, RESULT_FAILED, &e), RESULT_FAILED);
	testdb_close(&t);

	struct db *bare;
	char dir[] = "/tmp/alongside-gen-XXXXXX", url[64];
	assert_non_null(mkdtemp(dir));
	snprintf(url, sizeof url, "sqlite:%s/bare.db", dir);
	assert_int_equal(db_open(url, 1, &bare, &e), 0);
	assert_int_equal(db_generation_read(bare, DB_GENERATION_AREAS, &after, &e), RESULT_FAILED);
	assert_int_equal(after, 0);
	db_close(bare);
	snprintf(url, sizeof url, "%s/bare.db", dir);
	unlink(url);
	rmdir(dir);
}

#define DB_TESTS(setup_fn)                                                     \
	cmocka_unit_test_setup_teardown(round_trips_values, setup_fn, teardown), \
	cmocka_unit_test_setup_teardown(counts_parameters_from_the_array,        \
					setup_fn, teardown),                     \
	cmocka_unit_test_setup_teardown(binds_by_number_not_position, setup_fn,  \
					teardown),                               \
	cmocka_unit_test_setup_teardown(refuses_wrong_parameter_counts,          \
					setup_fn, teardown),                     \
	cmocka_unit_test_setup_teardown(reports_conflicts, setup_fn, teardown),  \
	cmocka_unit_test_setup_teardown(upsert_and_changes, setup_fn, teardown), \
	cmocka_unit_test_setup_teardown(transactions, setup_fn, teardown),       \
	cmocka_unit_test_setup_teardown(migrations, setup_fn, teardown),         \
	cmocka_unit_test_setup_teardown(same_statement_twice, setup_fn, teardown), \
	cmocka_unit_test_setup_teardown(replanned_reads, setup_fn, teardown),    \
	cmocka_unit_test_setup_teardown(statement_failing_in_a_transaction,      \
					setup_fn, teardown),                     \
	cmocka_unit_test_setup_teardown(more_statements_than_the_cache_holds,    \
					setup_fn, teardown)

int main(void)
{
	if (sodium_init() < 0)
		return 1;
	const struct CMUnitTest sqlite_tests[] = {
		DB_TESTS(setup_sqlite),
		cmocka_unit_test(sqlite_open_errors),
		cmocka_unit_test(transaction_failing_holds_nothing),
		cmocka_unit_test(never_migrated),
		cmocka_unit_test(migrations_keep_their_own_dialect),
		cmocka_unit_test(generations_move_with_commits),
		cmocka_unit_test_setup_teardown(sqlite_audit_log_is_append_only, setup_sqlite,
						teardown),
		cmocka_unit_test_setup_teardown(sqlite_writers_take_turns, setup_sqlite, teardown),
		cmocka_unit_test_setup_teardown(sqlite_waiting_writer_begins_at_once, setup_sqlite,
						teardown),
		cmocka_unit_test_setup_teardown(sqlite_synchronous_as_opened, setup_sqlite,
						teardown),
		cmocka_unit_test_setup_teardown(sqlite_writer_never_waits_for_a_connection,
						setup_sqlite, teardown),
	};
	int failed = cmocka_run_group_tests_name("db on sqlite", sqlite_tests,
						 NULL, NULL);
	if (!getenv("ALONGSIDE_TEST_PG_URL")) {
		printf("db on postgresql: not run (ALONGSIDE_TEST_PG_URL unset)\n");
		return failed;
	}
	const struct CMUnitTest pg_tests[] = {
		DB_TESTS(setup_pg),
		cmocka_unit_test_setup_teardown(pg_app_role_may_not_change_the_audit_log, setup_pg,
						teardown),
		cmocka_unit_test_setup_teardown(pg_connection_reopened, setup_pg, teardown),
	};
	return failed + cmocka_run_group_tests_name("db on postgresql", pg_tests,
						    NULL, NULL);
}
