#include "core/arena.h"
#include "core/err.h"
#include "db/backend.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Each connection keeps its prepared statements: the same few statements
 * run on every request, and preparing is a large share of their cost. */
#define STMT_CACHE_SIZE 64
#define BUSY_TIMEOUT_MS 5000

struct cached_stmt {
	char *sql;
	sqlite3_stmt *stmt;
};

struct sqlite_conn {
	sqlite3 *db;
	struct cached_stmt cache[STMT_CACHE_SIZE];
	unsigned next_victim;
};

static int fail(struct sqlite_conn *c, struct err *e, const char *what)
{
	int code = sqlite3_extended_errcode(c->db);
	err_set(e, "%s: %s", what, sqlite3_errmsg(c->db));
	return (code & 0xff) == SQLITE_CONSTRAINT ? RESULT_CONFLICT : RESULT_FAILED;
}

static void sqlite_disconnect(void *handle)
{
	struct sqlite_conn *c = handle;
	for (unsigned i = 0; i < STMT_CACHE_SIZE; i++) {
		sqlite3_finalize(c->cache[i].stmt);
		free(c->cache[i].sql);
	}
	sqlite3_close(c->db);
	free(c);
}

static int sqlite_connect(const char *path, enum db_sync sync, void **handle,
			  struct err *e)
{
	struct sqlite_conn *c = calloc(1, sizeof *c);
	if (!c)
		abort();
	/* NOMUTEX: the pool guarantees one thread per connection at a time. */
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
		    SQLITE_OPEN_NOMUTEX;
	if (sqlite3_open_v2(path, &c->db, flags, NULL) != SQLITE_OK) {
		err_set(e, "cannot open SQLite database %s: %s", path,
			c->db ? sqlite3_errmsg(c->db) : "out of memory");
		sqlite_disconnect(c);
		return RESULT_FAILED;
	}
	sqlite3_busy_timeout(c->db, BUSY_TIMEOUT_MS);
	/*
	 * Reads through a memory map of the file (up to 2 GiB, SQLite's own
	 * ceiling), not pread into each connection's 2 MiB page cache: a page
	 * of the directory's listings (UUID keys, so every listing on pages of
	 * its own across a file of hundreds of MiB) spent some 40% of the
	 * server's time in pread and the kernel's copies (BENCHMARKS.md,
	 * "Community directory").  The map shares the kernel's page cache, so
	 * it costs no memory of its own; writes still go through write().
	 * The price: a disk that fails a read under the map raises SIGBUS
	 * and stops the process, where pread would have failed one request.
	 * A disk failing reads has lost the database's trust either way, and
	 * the service manager restarts the server.
	 *
	 * Past the map's 2 GiB, pages are read into the connection's own
	 * cache, allowed 64 MiB here where SQLite's default is 2 MiB: at
	 * 100,000 people (a 3.4 GB file) the reports' indexes sit beyond the
	 * map, and the programme manager's year took 2.5 s with the default
	 * and 1.9 s with this (BENCHMARKS.md, "Reports").  Memory is taken
	 * only as such pages are read, so a file under 2 GiB uses none of it;
	 * the most is 64 MiB a connection, one a worker thread.
	 */
	const char *setup = sync == DB_SYNC_NORMAL ? "PRAGMA journal_mode=WAL;"
						     "PRAGMA synchronous=NORMAL;"
						     "PRAGMA foreign_keys=ON;"
						     "PRAGMA mmap_size=2147418112;"
						     "PRAGMA cache_size=-65536;"
						   : "PRAGMA journal_mode=WAL;"
						     "PRAGMA synchronous=FULL;"
						     "PRAGMA foreign_keys=ON;"
						     "PRAGMA mmap_size=2147418112;"
						     "PRAGMA cache_size=-65536;";
	if (sqlite3_exec(c->db, setup, NULL, NULL, NULL) != SQLITE_OK) {
		fail(c, e, path);
		sqlite_disconnect(c);
		return RESULT_FAILED;
	}
	*handle = c;
	return 0;
}

static bool sqlite_usable(void *handle)
{
	(void)handle;
	return true;
}

static int prepare(struct sqlite_conn *c, const char *sql,
		   sqlite3_stmt **out, struct err *e)
{
	for (unsigned i = 0; i < STMT_CACHE_SIZE; i++) {
		if (c->cache[i].sql && strcmp(c->cache[i].sql, sql) == 0) {
			*out = c->cache[i].stmt;
			return 0;
		}
	}
	sqlite3_stmt *stmt;
	const char *tail;
	if (sqlite3_prepare_v3(c->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt,
			       &tail) != SQLITE_OK)
		return fail(c, e, "prepare");
	if (!stmt)
		return err_set(e, "prepare: empty statement");
	if (*tail) {
		sqlite3_finalize(stmt);
		return err_set(e, "prepare: more than one statement");
	}
	struct cached_stmt *slot = &c->cache[c->next_victim];
	c->next_victim = (c->next_victim + 1) % STMT_CACHE_SIZE;
	sqlite3_finalize(slot->stmt);
	free(slot->sql);
	slot->sql = strdup(sql);
	if (!slot->sql)
		abort();
	slot->stmt = stmt;
	*out = stmt;
	return 0;
}

static int bind_all(struct sqlite_conn *c, sqlite3_stmt *stmt,
		    const struct db_param *params, size_t count, struct err *e)
{
	if ((size_t)sqlite3_bind_parameter_count(stmt) != count)
		return err_set(e, "statement has %d parameters, %zu given",
			       sqlite3_bind_parameter_count(stmt), count);
	for (size_t i = 0; i < count; i++) {
		char name[24];
		snprintf(name, sizeof name, "$%zu", i + 1);
		int idx = sqlite3_bind_parameter_index(stmt, name);
		if (idx == 0)
			return err_set(e, "parameter %s is not in the statement",
				       name);
		int rc;
		switch (params[i].type) {
		case DB_PARAM_TEXT:
			rc = sqlite3_bind_text(stmt, idx, params[i].text, -1,
					       SQLITE_STATIC);
			break;
		case DB_PARAM_INT:
			rc = sqlite3_bind_int64(stmt, idx, params[i].integer);
			break;
		default:
			rc = sqlite3_bind_null(stmt, idx);
			break;
		}
		if (rc != SQLITE_OK)
			return fail(c, e, "bind");
	}
	return 0;
}

static int sqlite_query(void *handle, struct arena *arena, const char *sql,
			const struct db_param *params, size_t param_count,
			struct db_rows *rows, struct err *e)
{
	struct sqlite_conn *c = handle;
	sqlite3_stmt *stmt = NULL;
	int rc = prepare(c, sql, &stmt, e);
	if (rc < 0)
		return rc;
	memset(rows, 0, sizeof *rows);
	rc = bind_all(c, stmt, params, param_count, e);
	if (rc == 0) {
		rows->column_count = (size_t)sqlite3_column_count(stmt);
		size_t capacity = 0;
		int step;
		while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
			char **cells = db_rows_add(arena, rows, &capacity);
			for (size_t col = 0; col < rows->column_count; col++) {
				const unsigned char *text =
					sqlite3_column_text(stmt, (int)col);
				cells[col] = text ? arena_strndup(
					     arena, (const char *)text,
					     (size_t)sqlite3_column_bytes(
						     stmt, (int)col))
						  : NULL;
			}
		}
		if (step != SQLITE_DONE)
			rc = fail(c, e, "step");
		else
			rows->changes = sqlite3_changes64(c->db);
	}
	sqlite3_reset(stmt);
	sqlite3_clear_bindings(stmt);
	return rc;
}

static int sqlite_exec_script(void *handle, const char *sql, struct err *e)
{
	struct sqlite_conn *c = handle;
	if (sqlite3_exec(c->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return fail(c, e, "exec");
	return 0;
}

/* A statement that cannot be prepared writes nothing: running it fails
 * the same way. */
static bool sqlite_writes(void *handle, const char *sql)
{
	sqlite3_stmt *stmt;
	struct err ignored;
	return prepare(handle, sql, &stmt, &ignored) == 0 && !sqlite3_stmt_readonly(stmt);
}

/* BEGIN IMMEDIATE already holds the database-wide write lock. */
static int sqlite_lock(void *handle, const char *name, struct err *e)
{
	(void)handle;
	(void)name;
	(void)e;
	return 0;
}

const struct db_backend db_sqlite_backend = {
	.name = "sqlite",
	.connect = sqlite_connect,
	.disconnect = sqlite_disconnect,
	.usable = sqlite_usable,
	.query = sqlite_query,
	.exec_script = sqlite_exec_script,
	.begin_sql = "BEGIN IMMEDIATE",
	.lock = sqlite_lock,
	.one_writer = true,
	.writes = sqlite_writes,
};
