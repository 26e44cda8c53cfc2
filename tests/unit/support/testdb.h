/* A real, migrated database for a unit test, of its own so tests never
 * see each other's rows: SQLite in a fresh folder, or PostgreSQL on the
 * test server as a fresh database.
 *
 * testdb_open makes the folder under /tmp, opens sqlite:<folder>/test.db
 * with a pool of two connections and applies every migration in schema/
 * (testdb_open_upto: only the first `migrations`, for a test of a later
 * migration).  testdb_open_pg makes a database named <prefix>_<16 random
 * hex> on the server $ALONGSIDE_TEST_PG_URL names, opens it with a pool of
 * one connection and applies every migration (testdb_open_pg_upto: only
 * the first `migrations`); the prefix is the test's own word, at most 40
 * characters of [a-z0-9_].  Whether to run on PostgreSQL at all is the
 * test's to decide: testdb_open_pg fails the test if the variable is
 * unset.  Each open fails the test (cmocka) if any step does, and leaves
 * in t->url the URL the database was opened by.
 *
 * testdb_run runs the test's own SQL script (its data: areas, users ...)
 * and fails the test, saying why, if the script does; testdb_count answers
 * the test's own query of one number (SELECT count(*) ...) from its first
 * cell.
 *
 * testdb_close closes the database and removes what was made for it.  On
 * SQLite: the folder with everything SQLite left in it; a file it does not
 * know fails the test rather than being left behind.  On PostgreSQL: it
 * drops the database through a connection to the server's own, kept open
 * from testdb_open_pg for the purpose. */
#ifndef ALONGSIDE_TESTDB_H
#define ALONGSIDE_TESTDB_H

#include <stddef.h>

#include "core/arena.h"
#include "db/db.h"

struct testdb {
	struct db *db;
	char url[512];
	char dir[64];           /* SQLite: the folder */
	struct db *pg_admin;    /* PostgreSQL: the server, to drop ours after */
	char pg_database[64];
};

/* Each returns t->db. */
struct db *testdb_open(struct testdb *t);
struct db *testdb_open_upto(struct testdb *t, size_t migrations);
struct db *testdb_open_pg(struct testdb *t, const char *prefix);
struct db *testdb_open_pg_upto(struct testdb *t, const char *prefix, size_t migrations);
void testdb_run(struct db *db, const char *sql);
long testdb_count(struct db *db, struct arena *a, const char *sql);
void testdb_close(struct testdb *t);

#endif
