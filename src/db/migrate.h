#ifndef ALONGSIDE_DB_MIGRATE_H
#define ALONGSIDE_DB_MIGRATE_H

#include <stddef.h>

struct arena;
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
 *
 * One folder serves both backends.  What only one of them has (SQLite's
 * trigger syntax, PostgreSQL's functions) goes in a section opened by a
 * line "-- dialect: sqlite" or "-- dialect: postgresql" and closed by
 * "-- dialect: any" or the end of the file; lines outside any section are
 * for both.  Each backend runs its own sections and the shared lines.
 *
 * On PostgreSQL the schema may belong to one role (the owner, who
 * migrates) while `serve` connects as another (the app role), which may
 * not change the schema, nor update or delete the audit log.
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
 * version newer than the list knows (a binary older than its schema), or
 * when a migration is pending and the role connected may not change the
 * schema (PostgreSQL's app role).  With none pending it writes nothing, so
 * any role may run it. */
int migrate_apply(struct db *db, const struct migration *list, size_t count,
		  int *applied, struct err *e);

/* sql as the backend named dialect (db_kind_name: "sqlite",
 * "postgresql") runs it: the other backend's sections blanked, line for
 * line.  NULL, naming the line in e, when a "-- dialect:" line names no
 * dialect. */
const char *migrate_script_for(struct arena *a, const char *sql, const char *dialect,
			       struct err *e);

/* After migrating as the owner, gives the role app connects as what serve
 * needs on PostgreSQL: reading and writing every table, but only reading
 * schema_migrations and only reading and adding to audit_log, now and for
 * tables later migrations make.  Nothing to do when both are one role, or
 * on SQLite.  *app_role is that role's name (in a), or NULL when nothing
 * was granted.  The two are of one kind (the caller checks); it fails
 * when they are different databases. */
int migrate_grant(struct db *owner, struct db *app, struct arena *a, const char **app_role,
		  struct err *e);

/* The highest version applied; fails when the database was never
 * migrated (no schema_migrations table). */
int migrate_current_version(struct db_conn *c, int *version, struct err *e);

#endif
