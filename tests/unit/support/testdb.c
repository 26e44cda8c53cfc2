#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/err.h"
#include "core/id.h"
#include "db/migrate.h"
#include "support/testdb.h"

/* A step of opening or closing that must succeed; why not, if not. */
static void must(int rc, const struct err *e)
{
	if (rc < 0)
		fprintf(stderr, "%s\n", e->msg);
	assert_int_equal(rc, 0);
}

static void migrate_upto(struct testdb *t, size_t migrations)
{
	struct err e;
	int applied;
	must(migrate_apply(t->db, schema_migrations, migrations, &applied, &e), &e);
}

struct db *testdb_open_upto(struct testdb *t, size_t migrations)
{
	*t = (struct testdb){0};
	snprintf(t->dir, sizeof t->dir, "/tmp/alongside-unit-XXXXXX");
	assert_non_null(mkdtemp(t->dir));
	snprintf(t->url, sizeof t->url, "sqlite:%s/test.db", t->dir);
	struct err e;
	must(db_open(t->url, 2, &t->db, &e), &e);
	migrate_upto(t, migrations);
	return t->db;
}

struct db *testdb_open(struct testdb *t)
{
	return testdb_open_upto(t, schema_migration_count);
}

/* One statement on the server's own database, through the admin pool. */
static void on_server(struct testdb *t, const char *verb)
{
	char sql[128];
	int n = snprintf(sql, sizeof sql, "%s DATABASE %s", verb, t->pg_database);
	assert_true(n > 0 && (size_t)n < sizeof sql);
	struct db_conn *c;
	struct err e;
	must(db_acquire(t->pg_admin, &c, &e), &e);
	int rc = db_exec_script(c, sql, &e);
	db_release(c);
	must(rc, &e);
}

struct db *testdb_open_pg_upto(struct testdb *t, const char *prefix, size_t migrations)
{
	*t = (struct testdb){0};
	const char *base = getenv("ALONGSIDE_TEST_PG_URL");
	assert_non_null(base);
	assert_true(prefix[0] && strspn(prefix, "abcdefghijklmnopqrstuvwxyz0123456789_") ==
					  strlen(prefix));
	char id[ID_HEX_LEN + 1];
	id_new(id);
	/* The name is our own random id, never input. */
	int n = snprintf(t->pg_database, sizeof t->pg_database, "%s_%.16s", prefix, id);
	assert_true(n > 0 && (size_t)n < sizeof t->pg_database);
	n = snprintf(t->url, sizeof t->url, "%s%cdbname=%s", base, strchr(base, '?') ? '&' : '?',
		     t->pg_database);
	assert_true(n > 0 && (size_t)n < sizeof t->url);
	struct err e;
	must(db_open(base, 1, &t->pg_admin, &e), &e);
	on_server(t, "CREATE");
	must(db_open(t->url, 1, &t->db, &e), &e);
	migrate_upto(t, migrations);
	return t->db;
}

struct db *testdb_open_pg(struct testdb *t, const char *prefix)
{
	return testdb_open_pg_upto(t, prefix, schema_migration_count);
}

void testdb_run(struct db *db, const char *sql)
{
	struct db_conn *c;
	struct err e;
	assert_int_equal(db_acquire(db, &c, &e), 0);
	int rc = db_exec_script(c, sql, &e);
	if (rc < 0)
		fprintf(stderr, "%s\n%s\n", e.msg, sql);
	assert_int_equal(rc, 0);
	db_release(c);
}

long testdb_count(struct db *db, struct arena *a, const char *sql)
{
	struct db_rows rows;
	struct err e;
	assert_int_equal(db_run_plain(db, a, sql, &rows, &e), 0);
	return strtol(db_cell(&rows, 0, 0), NULL, 10);
}

void testdb_close(struct testdb *t)
{
	db_close(t->db);
	t->db = NULL;
	if (t->pg_admin) {
		/* Ours closed first: a database still in use is not dropped. */
		on_server(t, "DROP");
		db_close(t->pg_admin);
		t->pg_admin = NULL;
		return;
	}
	/* What SQLite may leave beside the database; the folder must then be
	 * empty. */
	static const char *const files[] = {"test.db", "test.db-wal", "test.db-shm",
					    "test.db-journal"};
	char path[128];
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		snprintf(path, sizeof path, "%s/%s", t->dir, files[i]);
		if (unlink(path) < 0)
			assert_int_equal(errno, ENOENT);
	}
	assert_int_equal(rmdir(t->dir), 0);
}
