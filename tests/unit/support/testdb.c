#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "core/err.h"
#include "db/migrate.h"
#include "support/testdb.h"

struct db *testdb_open_upto(struct testdb *t, size_t migrations)
{
	snprintf(t->dir, sizeof t->dir, "/tmp/alongside-unit-XXXXXX");
	assert_non_null(mkdtemp(t->dir));
	char url[128];
	snprintf(url, sizeof url, "sqlite:%s/test.db", t->dir);
	struct err e;
	int applied;
	assert_int_equal(db_open(url, 2, &t->db, &e), 0);
	int rc = migrate_apply(t->db, schema_migrations, migrations, &applied, &e);
	if (rc < 0)
		fprintf(stderr, "%s\n", e.msg);
	assert_int_equal(rc, 0);
	return t->db;
}

struct db *testdb_open(struct testdb *t)
{
	return testdb_open_upto(t, schema_migration_count);
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
