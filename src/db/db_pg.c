#include "core/arena.h"
#include "core/err.h"
#include "db/backend.h"

#include <libpq-fe.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CONNECT_TIMEOUT "5"

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

static int pg_connect(const char *url, void **handle, struct err *e)
{
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
	*handle = conn;
	return 0;
}

static void pg_disconnect(void *handle)
{
	PQfinish(handle);
}

static bool pg_usable(void *handle)
{
	return PQstatus(handle) == CONNECTION_OK;
}

static int pg_query(void *handle, struct arena *arena, const char *sql,
		    const struct db_param *params, size_t param_count,
		    struct db_rows *rows, struct err *e)
{
	if (param_count > 65535)
		return err_set(e, "too many parameters");
	const char **values =
		arena_alloc(arena, (param_count ? param_count : 1) *
					   sizeof *values);
	for (size_t i = 0; i < param_count; i++) {
		switch (params[i].type) {
		case DB_PARAM_TEXT:
			values[i] = params[i].text;
			break;
		case DB_PARAM_INT:
			values[i] = arena_printf(arena, "%" PRId64,
						 params[i].integer);
			break;
		default:
			values[i] = NULL;
			break;
		}
	}
	PGresult *res = PQexecParams(handle, sql, (int)param_count, NULL,
				     values, NULL, NULL, 0);
	if (!res)
		return fail_msg(e, "query", PQerrorMessage(handle));
	ExecStatusType status = PQresultStatus(res);
	if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
		int rc = fail_result(res, e, "query");
		PQclear(res);
		return rc;
	}
	memset(rows, 0, sizeof *rows);
	rows->column_count = (size_t)PQnfields(res);
	size_t row_count = (size_t)PQntuples(res);
	size_t capacity = 0;
	for (size_t r = 0; r < row_count; r++) {
		char **cells = db_rows_add(arena, rows, &capacity);
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

static int pg_exec_script(void *handle, const char *sql, struct err *e)
{
	PGresult *res = PQexec(handle, sql);
	if (!res)
		return fail_msg(e, "exec", PQerrorMessage(handle));
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
	.exec_script = pg_exec_script,
	.begin_sql = "BEGIN",
	.lock = pg_lock,
};
