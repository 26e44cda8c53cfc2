/* A real, migrated SQLite database for a unit test, in a fresh folder of
 * its own so tests never see each other's rows.
 *
 * testdb_open makes the folder under /tmp, opens sqlite:<folder>/test.db
 * with a pool of two connections and applies every migration in schema/
 * (testdb_open_upto: only the first `migrations`, for a test of a later
 * migration); it fails the test (cmocka) if any step does.  testdb_run runs
 * the test's own SQL script (its data: areas, users ...) and fails the test,
 * saying why, if the script does; testdb_count answers the test's own query
 * of one number (SELECT count(*) ...) from its first cell.  testdb_close
 * closes the database and removes the folder with everything SQLite left
 * in it; a file it does not know fails the test rather than being left
 * behind.
 *
 * Only SQLite: a test that also runs on PostgreSQL opens its own. */
#ifndef ALONGSIDE_TESTDB_H
#define ALONGSIDE_TESTDB_H

#include <stddef.h>

#include "core/arena.h"
#include "db/db.h"

struct testdb {
	struct db *db;
	char dir[64];
};

/* Both return t->db. */
struct db *testdb_open(struct testdb *t);
struct db *testdb_open_upto(struct testdb *t, size_t migrations);
void testdb_run(struct db *db, const char *sql);
long testdb_count(struct db *db, struct arena *a, const char *sql);
void testdb_close(struct testdb *t);

#endif
