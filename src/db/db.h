#ifndef ALONGSIDE_DB_DB_H
#define ALONGSIDE_DB_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct arena;
struct err;

/*
 * The storage facade.  Everything above this layer talks to a database
 * through these functions only, and the same SQL text runs on both
 * backends:
 *
 *   sqlite:PATH        embedded SQLite (WAL, synchronous=FULL, foreign keys)
 *   postgres://...     PostgreSQL through libpq
 *
 * SQL conventions: parameters are written $1, $2, ... and always bound,
 * never spliced into the text.  (SQLite sees "$1" as a *named* parameter;
 * the SQLite backend binds by name, so order of first appearance does not
 * matter.)  Every parameter passed must appear in the statement.
 *
 * A `struct db` is a pool of connections shared by all threads.  A thread
 * takes a connection with db_acquire(), uses it alone, and gives it back
 * with db_release().  Connections are opened lazily and reopened when
 * found broken, so a server can start before its database is reachable and
 * recover when it comes back.
 *
 * Results are copied into the caller's arena as text (NULL for SQL NULL),
 * so they stay valid after the connection is released.
 *
 * Results are the kinds of core/err.h: RESULT_OK, RESULT_FAILED for a
 * failure (the message in e), RESULT_CONFLICT when a constraint (unique,
 * foreign key, check) refused a write.
 */

struct db;
struct db_conn;

enum db_param_type { DB_PARAM_NULL, DB_PARAM_TEXT, DB_PARAM_INT };

struct db_param {
	enum db_param_type type;
	const char *text;
	int64_t integer;
};

/* DB_TEXT(NULL) binds SQL NULL on both backends, so an optional value
 * needs no test of its own. */
#define DB_TEXT(s) ((struct db_param){.type = DB_PARAM_TEXT, .text = (s)})
#define DB_INT(i) ((struct db_param){.type = DB_PARAM_INT, .integer = (i)})
#define DB_NULL ((struct db_param){.type = DB_PARAM_NULL})

struct db_rows {
	size_t row_count;
	size_t column_count;
	char **cells;     /* row-major; NULL for SQL NULL */
	int64_t changes;  /* rows written by INSERT/UPDATE/DELETE */
};

/* Cell (row, col) as text, or NULL. */
static inline const char *db_cell(const struct db_rows *r, size_t row,
				  size_t col)
{
	return r->cells[row * r->column_count + col];
}

/* Parses the URL and prepares a pool of pool_size connections.  SQLite is
 * opened at once (a bad path fails here); PostgreSQL connects on first use. */
int db_open(const char *url, unsigned pool_size, struct db **out,
	    struct err *e);

/* How SQLite makes a commit durable.  FULL (db_open's) syncs the WAL to
 * disk at every commit.  NORMAL syncs it only at checkpoints: a commit
 * costs no fsync, and the database is never corrupted, but the last
 * commits before a power cut or an operating-system crash (not a crash of
 * the process) may be rolled back.  PostgreSQL ignores it (its own
 * synchronous_commit is the server's). */
enum db_sync { DB_SYNC_FULL, DB_SYNC_NORMAL };

/* db_open, for the server, whose settings choose sync. */
int db_open_sync(const char *url, unsigned pool_size, enum db_sync sync,
		 struct db **out, struct err *e);
void db_close(struct db *db);

const char *db_kind_name(const struct db *db);

/* Waits (up to a few seconds) for a free connection, connecting it if
 * needed.  Every successful acquire is paired with one db_release.
 * On SQLite a thread that is writing (between db_transaction and its
 * end) never waits: the writers of a process take turns on a lock, each
 * waiting for it while holding a connection, so it could wait for ever
 * for one of theirs.  It gets a free connection or one kept in reserve
 * for it, and is refused a third; a write on its second is refused too. */
int db_acquire(struct db *db, struct db_conn **out, struct err *e);
/* Rolls back a transaction left open, then returns the connection. */
void db_release(struct db_conn *c);

/* Runs one statement with its parameters bound: params is an ARRAY of
 * struct db_param, params[0] bound to $1, and its length is the parameter
 * count, taken at compile time, so a count can never be typed wrong.  A
 * pointer (&p, p + 1, NULL) does not compile: it would pass a count of
 * its own.  rows may be NULL when the caller wants no result. */
#define db_query(c, arena, sql, params, rows, e)                               \
	db_query_counted((c), (arena), (sql), (params),                        \
			 DB_ARRAY_LENGTH(params), (rows), (e))

/* A statement without parameters. */
int db_query_plain(struct db_conn *c, struct arena *arena, const char *sql,
		   struct db_rows *rows, struct err *e);

/* db_query for parameters counted only at run time: params[0] to
 * params[param_count - 1].  Only for a statement built to a size known
 * at run time (a batch of rows); anything else uses db_query. */
int db_query_counted(struct db_conn *c, struct arena *arena, const char *sql,
		     const struct db_param *params, size_t param_count,
		     struct db_rows *rows, struct err *e);

/* The length of array a.  The static assertion refuses a pointer, whose
 * type is the type of the address of its own first element (the Linux
 * kernel's __must_be_array). */
#define DB_ARRAY_LENGTH(a)                                                     \
	(sizeof(a) / sizeof((a)[0]) +                                          \
	 0 * sizeof(struct {                                                   \
		 _Static_assert(!__builtin_types_compatible_p(                 \
					__typeof__(a), __typeof__(&(a)[0])),   \
				"db_query takes an array of parameters");      \
		 char is_array;                                                \
	 }))

/* One statement on a connection taken for it and given back at once: a
 * read, or a write that needs no transaction of its own.  A connection
 * that cannot be had is RESULT_FAILED, as a failed statement is. */
int db_run_counted(struct db *db, struct arena *arena, const char *sql,
		   const struct db_param *params, size_t param_count,
		   struct db_rows *rows, struct err *e);
#define db_run(db, arena, sql, params, rows, e)                                \
	db_run_counted((db), (arena), (sql), (params), DB_ARRAY_LENGTH(params),  \
		       (rows), (e))
#define db_run_plain(db, arena, sql, rows, e)                                  \
	db_run_counted((db), (arena), (sql), NULL, 0, (rows), (e))

/* db_run for a read whose best plan depends on its values, as a
 * report's does (a week or a year, one area or every one): planned for
 * the values given each time it runs, where db_run's statement may be
 * planned once for any values (PostgreSQL's prepared statements settle
 * on one plan after a few runs).  The parse and plan are paid on every
 * run: meant for a report's statements (a few dozen a report, most of
 * them reading thousands of rows), not the lookups of every page.  For
 * reads only. */
int db_run_replanned_counted(struct db *db, struct arena *arena, const char *sql,
			     const struct db_param *params, size_t param_count,
			     struct db_rows *rows, struct err *e);

/* Runs a script of several statements without parameters.  Only for
 * trusted SQL compiled into the binary (migrations). */
int db_exec_script(struct db_conn *c, const char *sql, struct err *e);

/* The opening of every write: takes a connection and begins a transaction
 * on it, on SQLite with BEGIN IMMEDIATE, which takes the write lock at once
 * so that a transaction never fails half-way on a lock upgrade.  On
 * SQLite the writers of one process (transactions, and statements that
 * write outside one) first queue on a lock of the process's own, held to
 * COMMIT or ROLLBACK, so each begins the moment the one before it ends;
 * SQLite's busy handler, which sleeps in steps of up to 100 ms, is left
 * to wait for other processes (the CLI, a second server).  On
 * failure it holds nothing (the connection went back).  The write ends
 * with db_finish; an audited one ends with its audit entry instead
 * (audit_commit in domain/staff/audit.h), which ends through db_finish. */
int db_transaction(struct db *db, struct db_conn **out, struct err *e);

/* Ends what db_transaction opened: commits when rc, the write's result so
 * far, is RESULT_OK, and rolls back otherwise; either way gives the
 * connection back.  Returns rc, or the commit's failure. */
int db_finish(struct db_conn *c, int rc, struct err *e);

/* Rolls back the transaction open on c, if any, and keeps c: for a write
 * refused part-way that still records the attempt on c. */
int db_rollback(struct db_conn *c);

/* Inside a transaction: waits until no other transaction holds the same
 * named lock (a no-op on SQLite, whose write lock is database-wide). */
int db_lock(struct db_conn *c, const char *name, struct err *e);

/* A trivial round trip; 0 when the database answers. */
int db_ping(struct db_conn *c, struct err *e);

#endif
