#ifndef ALONGSIDE_DB_BACKEND_H
#define ALONGSIDE_DB_BACKEND_H

#include "db/db.h"

/*
 * What a storage backend provides to db.c, which owns the pool and the
 * transaction bookkeeping.  Private to src/db/.  `handle` is the backend's
 * own connection object; a backend function is only ever called by the one
 * thread holding the connection.
 */

struct db_backend {
	const char *name;
	int (*connect)(const char *target, enum db_sync sync, void **handle,
		       struct err *e);
	void (*disconnect)(void *handle);
	bool (*usable)(void *handle);
	int (*query)(void *handle, struct arena *arena, const char *sql,
		     const struct db_param *params, size_t param_count,
		     struct db_rows *rows, struct err *e);
	/* query for db_run_replanned: planned for its values every time it
	 * runs.  NULL where plans do not depend on the values bound (SQLite
	 * plans a statement once, when it is prepared, without them). */
	int (*query_replanned)(void *handle, struct arena *arena, const char *sql,
			       const struct db_param *params, size_t param_count,
			       struct db_rows *rows, struct err *e);
	int (*exec_script)(void *handle, const char *sql, struct err *e);
	const char *begin_sql;
	int (*lock)(void *handle, const char *name, struct err *e);
	/* Set when the database takes one writer at a time and makes the
	 * others wait in a loop of sleeps (SQLite's busy handler): db.c then
	 * queues a process's writers on a mutex of its own, which wakes the
	 * next the moment the last is done.  `writes` says whether sql, run
	 * outside a transaction, would write (and so needs that mutex). */
	bool one_writer;
	bool (*writes)(void *handle, const char *sql);
};

extern const struct db_backend db_sqlite_backend;
extern const struct db_backend db_pg_backend;

/* Adds a row to rows and returns its column_count cells to fill, growing
 * the cell array in the arena; *capacity (rows allocated) starts at 0. */
char **db_rows_add(struct arena *arena, struct db_rows *rows,
		   size_t *capacity);

#endif
