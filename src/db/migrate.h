#ifndef ALONGSIDE_DB_MIGRATE_H
#define ALONGSIDE_DB_MIGRATE_H

#include <stddef.h>

struct db;
struct db_conn;
struct err;

/*
 * Schema migrations: schema/NNN-name.sql, compiled into the binary in
 * version order (see tools/embed_schema.c).  Each is applied in its own
 * transaction together with its row in schema_migrations, so a failed
 * migration leaves no trace and a finished one is never applied again.
 * Concurrent migrators (two instances starting at once) are serialised by
 * a database lock.
 */

struct migration {
	int version;
	const char *name;
	const char *sql;
};

/* The migrations compiled from schema/, ascending by version. */
extern const struct migration schema_migrations[];
extern const size_t schema_migration_count;

/* Applies every migration in list[0..count) not yet applied.  *applied is
 * set to how many were.  Fails, changing nothing, when the database holds a
 * version newer than the list knows (a binary older than its schema). */
int migrate_apply(struct db *db, const struct migration *list, size_t count,
		  int *applied, struct err *e);

/* The highest version applied; fails when the database was never
 * migrated (no schema_migrations table). */
int migrate_current_version(struct db_conn *c, int *version, struct err *e);

#endif
