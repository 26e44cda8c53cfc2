#include "core/arena.h"
#include "core/err.h"
#include "db/backend.h"

#include <libpq-fe.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CONNECT_TIMEOUT "5"

/* Each connection keeps the statements it ran prepared on the server, by
 * their text, so that the same few statements of every request are parsed
 * and planned once rather than on every run (PQexecParams does both each
 * time).  Bounded: the statement used least recently is dropped
 * (DEALLOCATE) to make room.  The cache lives and dies with its PGconn: a
 * connection reopened starts empty, as the server's side of it does.
 * Prepared statements outlive transactions on the server (neither PREPARE
 * nor DEALLOCATE is undone by a ROLLBACK), so an entry is made only once
 * the server has accepted the statement: a prepare refused in an aborted
 * transaction leaves nothing behind.  This needs a session of its own per
 * connection: a pooler in transaction mode in front of PostgreSQL would
 * lose the statements between transactions. */
#define STMT_CACHE_SIZE 256

struct prepared {
	char *sql;           /* NULL: a free slot */
	uint64_t hash;
	uint64_t last_used;  /* the connection's clock when last run */
	unsigned number;     /* prepared as "alongside_<number>" */
};

struct pg_conn {
	PGconn *conn;
	struct prepared cache[STMT_CACHE_SIZE];
	uint64_t clock;
	unsigned next_number;
};

/* libpq messages end with a newline; the caller's log line adds its own. */
static int fail_msg(struct err *e, const char *what, const char *msg)
{
	size_t len = strlen(msg);
	while (len && (msg[len - 1] == '\n' || msg[len - 1] == ' '))
		len--;
	return err_set(e, "%s: %.*s", what, (int)len, msg);
}

static int fail_result(PGresult *res, struct err *e, const char *what)
{
	const char *state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
	fail_msg(e, what, PQresultErrorMessage(res));
	/* SQLSTATE class 23: integrity constraint violation. */
	return state && strncmp(state, "23", 2) == 0 ? RESULT_CONFLICT : RESULT_FAILED;
}

/* Notices ("relation already exists, skipping") are the server being
 * chatty about statements that did what we meant; libpq would print them on
 * stderr, in the middle of our own output. */
static void ignore_notice(void *data, const char *message)
{
	(void)data;
	(void)message;
}

static int pg_connect(const char *url, enum db_sync sync, void **handle,
		      struct err *e)
{
	(void)sync;
	/* Settings before the URL are defaults it may override; those after
	 * are ours to fix: we always speak UTF-8 and store times in UTC. */
	const char *const keys[] = {"connect_timeout", "dbname",
				    "client_encoding", "options", NULL};
	const char *const values[] = {CONNECT_TIMEOUT, url, "UTF8",
				      "-c TimeZone=UTC", NULL};
	PGconn *conn = PQconnectdbParams(keys, values, 1);
	if (!conn)
		abort();
	if (PQstatus(conn) != CONNECTION_OK) {
		fail_msg(e, "cannot connect to PostgreSQL", PQerrorMessage(conn));
		PQfinish(conn);
		return RESULT_FAILED;
	}
	PQsetNoticeProcessor(conn, ignore_notice, NULL);
	struct pg_conn *c = calloc(1, sizeof *c);
	if (!c)
		abort();
	c->conn = conn;
	*handle = c;
	return 0;
}

static void pg_disconnect(void *handle)
{
	struct pg_conn *c = handle;
	for (unsigned i = 0; i < STMT_CACHE_SIZE; i++)
		free(c->cache[i].sql);
	PQfinish(c->conn);
	free(c);
}

static bool pg_usable(void *handle)
{
	struct pg_conn *c = handle;
	return PQstatus(c->conn) == CONNECTION_OK;
}

/* FNV-1a: a first, cheap comparison before the texts'. */
static uint64_t text_hash(const char *s)
{
	uint64_t h = 0xcbf29ce484222325u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3u;
	return h;
}

/* The name of a prepared statement: made here from a number, never from
 * input. */
#define STATEMENT_NAME "alongside_%u"

static void statement_name(char *out, size_t size, unsigned number)
{
	snprintf(out, size, STATEMENT_NAME, number);
}

/* Drops the entry and, best effort, its statement on the server: one left
 * there by a failure (in an aborted transaction DEALLOCATE is refused) is
 * never run again, names not being reused, and goes with the connection. */
static void forget(struct pg_conn *c, struct prepared *p)
{
	char command[64];
	snprintf(command, sizeof command, "DEALLOCATE " STATEMENT_NAME, p->number);
	PQclear(PQexec(c->conn, command));
	free(p->sql);
	*p = (struct prepared){0};
}

/* The cache's entry for sql, preparing it on the server if it has none;
 * the slot it takes is a free one or the one used least recently. */
static int prepared_for(struct pg_conn *c, const char *sql, struct prepared **out,
			struct err *e)
{
	uint64_t hash = text_hash(sql);
	struct prepared *slot = &c->cache[0];
	for (unsigned i = 0; i < STMT_CACHE_SIZE; i++) {
		struct prepared *p = &c->cache[i];
		if (p->sql && p->hash == hash && strcmp(p->sql, sql) == 0) {
			*out = p;
			return 0;
		}
		if (slot->sql && (!p->sql || p->last_used < slot->last_used))
			slot = p;
	}
	char name[32];
	unsigned number = c->next_number++;
	statement_name(name, sizeof name, number);
	/* No parameter types: the server infers them from the text, as it
	 * does for PQexecParams without types. */
	PGresult *res = PQprepare(c->conn, name, sql, 0, NULL);
	if (!res)
		return fail_msg(e, "prepare", PQerrorMessage(c->conn));
	if (PQresultStatus(res) != PGRES_COMMAND_OK) {
		int rc = fail_result(res, e, "prepare");
		PQclear(res);
		return rc;
	}
	PQclear(res);
	if (slot->sql)
		forget(c, slot);
	slot->sql = strdup(sql);
	if (!slot->sql)
		abort();
	slot->hash = hash;
	slot->number = number;
	*out = slot;
	return 0;
}

/* SQLSTATEs after which the server's statement is not what the entry
 * says: gone (26000, as after DISCARD ALL), or planned for tables whose
 * columns changed since ("cached plan must not change result type"). */
static bool statement_stale(PGresult *res)
{
	const char *state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
	return state && (strcmp(state, "26000") == 0 || strcmp(state, "0A000") == 0);
}

/* The parameters as libpq takes them: text, or NULL for SQL NULL. */
static const char **param_values(struct arena *arena, const struct db_param *params,
				 size_t param_count)
{
	const char **values =
		arena_alloc(arena, (param_count ? param_count : 1) * sizeof *values);
	for (size_t i = 0; i < param_count; i++) {
		switch (params[i].type) {
		case DB_PARAM_TEXT:
			values[i] = params[i].text;
			break;
		case DB_PARAM_INT:
			values[i] = arena_printf(arena, "%" PRId64, params[i].integer);
			break;
		default:
			values[i] = NULL;
			break;
		}
	}
	return values;
}

/* A statement's result as rows in the arena; res is cleared. */
static int result_rows(PGresult *res, struct arena *arena, struct db_rows *rows)
{
	memset(rows, 0, sizeof *rows);
	rows->column_count = (size_t)PQnfields(res);
	size_t row_count = (size_t)PQntuples(res);
	/* The count is known: one array, where growing it row by row copied
	 * a report's hundred thousand rows about twice over. */
	rows->cells = arena_alloc(arena, (row_count ? row_count : 1) * rows->column_count *
						 sizeof *rows->cells);
	rows->row_count = row_count;
	for (size_t r = 0; r < row_count; r++) {
		char **cells = rows->cells + r * rows->column_count;
		for (size_t col = 0; col < rows->column_count; col++)
			cells[col] = PQgetisnull(res, (int)r, (int)col)
					     ? NULL
					     : arena_strndup(
						       arena,
						       PQgetvalue(res, (int)r,
								  (int)col),
						       (size_t)PQgetlength(
							       res, (int)r,
							       (int)col));
	}
	const char *affected = PQcmdTuples(res);
	rows->changes = *affected ? strtoll(affected, NULL, 10) : 0;
	PQclear(res);
	return 0;
}

/* One statement: kept prepared on the connection (pg_query), or run as
 * the unnamed statement, which the server plans for the values given
 * every time (pg_query_replanned).  A prepared statement is planned for
 * its values only for its first five runs; after them the server may
 * settle on one plan for any values, and for a report's statements that
 * plan read a year as it would a week: the programme manager's year at
 * 100,000 people took 1.5 s where it had taken 1.0 s, after a few
 * requests on the same connections. */
static int pg_run(void *handle, bool keep_prepared, struct arena *arena, const char *sql,
		  const struct db_param *params, size_t param_count, struct db_rows *rows,
		  struct err *e)
{
	struct pg_conn *c = handle;
	if (param_count > 65535)
		return err_set(e, "too many parameters");
	const char **values = param_values(arena, params, param_count);
	struct prepared *p = NULL;
	PGresult *res;
	if (keep_prepared) {
		int rc = prepared_for(c, sql, &p, e);
		if (rc < 0)
			return rc;
		p->last_used = ++c->clock;
		char name[32];
		statement_name(name, sizeof name, p->number);
		res = PQexecPrepared(c->conn, name, (int)param_count, values, NULL, NULL, 0);
	} else {
		res = PQexecParams(c->conn, sql, (int)param_count, NULL, values, NULL, NULL, 0);
	}
	if (!res)
		return fail_msg(e, "query", PQerrorMessage(c->conn));
	ExecStatusType status = PQresultStatus(res);
	if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
		int rc = fail_result(res, e, "query");
		if (p && statement_stale(res))
			forget(c, p);
		PQclear(res);
		return rc;
	}
	return result_rows(res, arena, rows);
}

static int pg_query(void *handle, struct arena *arena, const char *sql,
		    const struct db_param *params, size_t param_count,
		    struct db_rows *rows, struct err *e)
{
	return pg_run(handle, true, arena, sql, params, param_count, rows, e);
}

static int pg_query_replanned(void *handle, struct arena *arena, const char *sql,
			      const struct db_param *params, size_t param_count,
			      struct db_rows *rows, struct err *e)
{
	return pg_run(handle, false, arena, sql, params, param_count, rows, e);
}

static int pg_exec_script(void *handle, const char *sql, struct err *e)
{
	struct pg_conn *c = handle;
	PGresult *res = PQexec(c->conn, sql);
	if (!res)
		return fail_msg(e, "exec", PQerrorMessage(c->conn));
	ExecStatusType status = PQresultStatus(res);
	int rc = 0;
	if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
		rc = fail_result(res, e, "exec");
	PQclear(res);
	return rc;
}

/* A transaction-scoped advisory lock keyed by the name's hash, released by
 * COMMIT or ROLLBACK. */
static int pg_lock(void *handle, const char *name, struct err *e)
{
	struct arena *a = arena_new();
	struct db_param p = DB_TEXT(name);
	struct db_rows rows;
	int rc = pg_query(handle, a, "SELECT pg_advisory_xact_lock(hashtext($1))",
			  &p, 1, &rows, e);
	arena_free(a);
	return rc;
}

const struct db_backend db_pg_backend = {
	.name = "postgresql",
	.connect = pg_connect,
	.disconnect = pg_disconnect,
	.usable = pg_usable,
	.query = pg_query,
	.query_replanned = pg_query_replanned,
	.exec_script = pg_exec_script,
	.begin_sql = "BEGIN",
	.lock = pg_lock,
};
