#include "db/db.h"

#include "core/arena.h"
#include "core/err.h"
#include "db/backend.h"

#include <assert.h>
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* How long a request waits for a free connection before giving up with an
 * error rather than hanging its client. */
#define ACQUIRE_TIMEOUT_SECONDS 10

struct db_conn {
	struct db *db;
	void *handle;
	bool in_transaction;
	bool holds_writer;
};

struct db {
	const struct db_backend *backend;
	char *target;
	enum db_sync sync;
	pthread_mutex_t lock;
	pthread_cond_t freed;
	/* Held by the one writer of a one_writer backend, from BEGIN to
	 * COMMIT or ROLLBACK or around a write outside a transaction. */
	pthread_mutex_t writer;
	struct db_conn *conns;
	struct db_conn **free_list;
	/* One connection more than the pool, for a one_writer backend: only
	 * the thread holding `writer` takes it, and only when the pool has
	 * none free (see db_acquire). */
	struct db_conn *reserve;
	bool reserve_taken;
	unsigned pool_size;
	unsigned free_count;
};

int db_open(const char *url, unsigned pool_size, struct db **out,
	    struct err *e)
{
	return db_open_sync(url, pool_size, DB_SYNC_FULL, out, e);
}

int db_open_sync(const char *url, unsigned pool_size, enum db_sync sync,
		 struct db **out, struct err *e)
{
	const struct db_backend *backend;
	const char *target;
	if (strncmp(url, "sqlite:", 7) == 0) {
		backend = &db_sqlite_backend;
		target = url + 7;
	} else if (strncmp(url, "postgres://", 11) == 0 ||
		   strncmp(url, "postgresql://", 13) == 0) {
		backend = &db_pg_backend;
		target = url;
	} else {
		return err_set(e, "unsupported database URL (expected sqlite:PATH "
				  "or postgres://...)");
	}
	if (*target == '\0')
		return err_set(e, "database URL has no target");
	if (pool_size == 0)
		pool_size = 1;

	struct db *db = calloc(1, sizeof *db);
	if (!db)
		abort();
	db->backend = backend;
	db->target = strdup(target);
	db->sync = sync;
	db->conns = calloc(pool_size + 1, sizeof *db->conns);
	db->free_list = calloc(pool_size, sizeof *db->free_list);
	if (!db->target || !db->conns || !db->free_list)
		abort();
	db->pool_size = pool_size;
	pthread_mutex_init(&db->lock, NULL);
	pthread_cond_init(&db->freed, NULL);
	pthread_mutex_init(&db->writer, NULL);
	for (unsigned i = 0; i < pool_size; i++) {
		db->conns[i].db = db;
		db->free_list[db->free_count++] = &db->conns[i];
	}
	if (backend->one_writer) {
		db->reserve = &db->conns[pool_size];
		db->reserve->db = db;
	}

	/* A SQLite file that cannot be opened is a configuration error worth
	 * failing on at once; a PostgreSQL server may simply not be up yet. */
	if (backend == &db_sqlite_backend &&
	    backend->connect(db->target, sync, &db->conns[0].handle, e) < 0) {
		db_close(db);
		return -1;
	}
	*out = db;
	return 0;
}

void db_close(struct db *db)
{
	if (!db)
		return;
	for (unsigned i = 0; i <= db->pool_size; i++)
		if (db->conns[i].handle)
			db->backend->disconnect(db->conns[i].handle);
	pthread_mutex_destroy(&db->lock);
	pthread_cond_destroy(&db->freed);
	pthread_mutex_destroy(&db->writer);
	free(db->conns);
	free(db->free_list);
	free(db->target);
	free(db);
}

/* The database whose writer mutex this thread holds, if any.  The order
 * is always connection, then mutex: writers wait for the mutex holding
 * their connection, so the holder must never wait for another connection
 * (nor for the mutex again), or it could wait for ever for them. */
static _Thread_local const struct db *writing;

static int writer_take(struct db_conn *c, struct err *e)
{
	struct db *db = c->db;
	if (!db->backend->one_writer)
		return 0;
	if (writing == db)
		return err_set(e, "a second write while this thread holds the database's "
				  "write lock");
	pthread_mutex_lock(&db->writer);
	writing = db;
	c->holds_writer = true;
	return 0;
}

static void writer_give(struct db_conn *c)
{
	if (!c->holds_writer)
		return;
	c->holds_writer = false;
	writing = NULL;
	pthread_mutex_unlock(&c->db->writer);
}

const char *db_kind_name(const struct db *db)
{
	return db->backend->name;
}

/* A second connection for the thread holding the writer mutex (a read
 * made in the middle of a write, such as a postcode's lookup): a free one
 * of the pool, or else the reserve, never waiting, since those who hold
 * the others may be waiting for this thread. */
static struct db_conn *writer_second(struct db *db)
{
	struct db_conn *c = NULL;
	pthread_mutex_lock(&db->lock);
	if (db->free_count)
		c = db->free_list[--db->free_count];
	else if (!db->reserve_taken) {
		c = db->reserve;
		db->reserve_taken = true;
	}
	pthread_mutex_unlock(&db->lock);
	return c;
}

static int db_connect(struct db_conn *c, struct err *e)
{
	struct db *db = c->db;
	if (c->handle && !db->backend->usable(c->handle)) {
		db->backend->disconnect(c->handle);
		c->handle = NULL;
	}
	if (!c->handle && db->backend->connect(db->target, db->sync, &c->handle, e) < 0) {
		c->handle = NULL;
		db_release(c);
		return -1;
	}
	return 0;
}

int db_acquire(struct db *db, struct db_conn **out, struct err *e)
{
	if (writing == db) {
		struct db_conn *c = writer_second(db);
		if (!c)
			return err_set(e, "a third connection asked for while this thread "
					  "holds the database's write lock");
		if (db_connect(c, e) < 0)
			return -1;
		*out = c;
		return 0;
	}
	struct timespec deadline;
	clock_gettime(CLOCK_REALTIME, &deadline);
	deadline.tv_sec += ACQUIRE_TIMEOUT_SECONDS;

	pthread_mutex_lock(&db->lock);
	while (db->free_count == 0) {
		if (pthread_cond_timedwait(&db->freed, &db->lock, &deadline) ==
		    ETIMEDOUT) {
			pthread_mutex_unlock(&db->lock);
			return err_set(e, "no database connection free after %d s",
				       ACQUIRE_TIMEOUT_SECONDS);
		}
	}
	struct db_conn *c = db->free_list[--db->free_count];
	pthread_mutex_unlock(&db->lock);

	if (db_connect(c, e) < 0)
		return -1;
	*out = c;
	return 0;
}

void db_release(struct db_conn *c)
{
	if (c->in_transaction)
		db_rollback(c);
	struct db *db = c->db;
	pthread_mutex_lock(&db->lock);
	if (c == db->reserve) {
		db->reserve_taken = false;
	} else {
		db->free_list[db->free_count++] = c;
		pthread_cond_signal(&db->freed);
	}
	pthread_mutex_unlock(&db->lock);
}

int db_query_counted(struct db_conn *c, struct arena *arena, const char *sql,
		     const struct db_param *params, size_t param_count,
		     struct db_rows *rows, struct err *e)
{
	const struct db_backend *backend = c->db->backend;
	struct db_rows ignored;
	bool alone = backend->one_writer && !c->in_transaction &&
		     backend->writes(c->handle, sql);
	if (alone && writer_take(c, e) < 0)
		return RESULT_FAILED;
	int rc = backend->query(c->handle, arena, sql, params, param_count,
				rows ? rows : &ignored, e);
	if (alone)
		writer_give(c);
	return rc;
}

int db_run_counted(struct db *db, struct arena *arena, const char *sql,
		   const struct db_param *params, size_t param_count,
		   struct db_rows *rows, struct err *e)
{
	struct db_conn *c;
	if (db_acquire(db, &c, e) < 0)
		return RESULT_FAILED;
	int rc = db_query_counted(c, arena, sql, params, param_count, rows, e);
	db_release(c);
	return rc;
}

int db_run_replanned_counted(struct db *db, struct arena *arena, const char *sql,
			     const struct db_param *params, size_t param_count,
			     struct db_rows *rows, struct err *e)
{
	if (!db->backend->query_replanned)
		return db_run_counted(db, arena, sql, params, param_count, rows, e);
	struct db_conn *c;
	if (db_acquire(db, &c, e) < 0)
		return RESULT_FAILED;
	struct db_rows ignored;
	int rc = db->backend->query_replanned(c->handle, arena, sql, params, param_count,
					      rows ? rows : &ignored, e);
	db_release(c);
	return rc;
}

int db_query_plain(struct db_conn *c, struct arena *arena, const char *sql,
		   struct db_rows *rows, struct err *e)
{
	return db_query_counted(c, arena, sql, NULL, 0, rows, e);
}

/* A script outside a transaction may write: it takes the writer mutex. */
int db_exec_script(struct db_conn *c, const char *sql, struct err *e)
{
	bool alone = !c->in_transaction;
	if (alone && writer_take(c, e) < 0)
		return RESULT_FAILED;
	int rc = c->db->backend->exec_script(c->handle, sql, e);
	if (alone)
		writer_give(c);
	return rc;
}

/* BEGIN, COMMIT and ROLLBACK, whose callers hold the writer mutex. */
static int db_control(struct db_conn *c, const char *sql, struct err *e)
{
	return c->db->backend->exec_script(c->handle, sql, e);
}

/* Only db_transaction begins, on a connection just acquired, which
 * db_release left with no transaction open. */
static int db_begin(struct db_conn *c, struct err *e)
{
	assert(!c->in_transaction);
	if (writer_take(c, e) < 0)
		return -1;
	if (db_control(c, c->db->backend->begin_sql, e) < 0) {
		writer_give(c);
		return -1;
	}
	c->in_transaction = true;
	return 0;
}

static int db_commit(struct db_conn *c, struct err *e)
{
	if (!c->in_transaction)
		return err_set(e, "no transaction to commit");
	int rc = db_control(c, "COMMIT", e);
	if (rc < 0)
		db_rollback(c);
	c->in_transaction = false;
	writer_give(c);
	return rc;
}

int db_rollback(struct db_conn *c)
{
	if (!c->in_transaction)
		return 0;
	c->in_transaction = false;
	struct err ignored;
	int rc = db_control(c, "ROLLBACK", &ignored);
	writer_give(c);
	return rc;
}

int db_transaction(struct db *db, struct db_conn **out, struct err *e)
{
	struct db_conn *c;
	if (db_acquire(db, &c, e) < 0)
		return RESULT_FAILED;
	if (db_begin(c, e) < 0) {
		db_release(c);
		return RESULT_FAILED;
	}
	*out = c;
	return RESULT_OK;
}

int db_finish(struct db_conn *c, int rc, struct err *e)
{
	if (rc == RESULT_OK)
		rc = db_commit(c, e);
	db_release(c);
	return rc;
}

int db_lock(struct db_conn *c, const char *name, struct err *e)
{
	if (!c->in_transaction)
		return err_set(e, "db_lock outside a transaction");
	return c->db->backend->lock(c->handle, name, e);
}

int db_ping(struct db_conn *c, struct err *e)
{
	struct arena *a = arena_new();
	struct db_rows rows;
	int rc = db_query_plain(c, a, "SELECT 1", &rows, e);
	if (rc == 0 && (rows.row_count != 1 || !db_cell(&rows, 0, 0)))
		rc = err_set(e, "unexpected answer to SELECT 1");
	arena_free(a);
	return rc;
}

char **db_rows_add(struct arena *arena, struct db_rows *rows,
		   size_t *capacity)
{
	if (rows->row_count == *capacity) {
		size_t cap = *capacity ? *capacity * 2 : 16;
		char **cells =
			arena_alloc(arena, cap * rows->column_count * sizeof *cells);
		if (rows->row_count)
			memcpy(cells, rows->cells,
			       rows->row_count * rows->column_count *
				       sizeof *cells);
		rows->cells = cells;
		*capacity = cap;
	}
	return rows->cells + rows->row_count++ * rows->column_count;
}
