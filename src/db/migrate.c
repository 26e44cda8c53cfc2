#include "db/migrate.h"

#include "core/arena.h"
#include "core/clock.h"
#include "core/err.h"
#include "db/db.h"

#include <assert.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

static const char create_table_sql[] =
	"CREATE TABLE IF NOT EXISTS schema_migrations ("
	" version INTEGER PRIMARY KEY,"
	" name TEXT NOT NULL,"
	" applied_at TEXT NOT NULL)";

static int read_max_version(struct db_conn *c, struct arena *a, int *version,
			    struct err *e)
{
	struct db_rows rows;
	if (db_query_plain(c, a, "SELECT max(version) FROM schema_migrations",
			   &rows, e) < 0)
		return -1;
	const char *v = rows.row_count ? db_cell(&rows, 0, 0) : NULL;
	*version = v ? (int)strtol(v, NULL, 10) : 0;
	return 0;
}

int migrate_current_version(struct db_conn *c, int *version, struct err *e)
{
	struct arena *a = arena_new();
	int rc = read_max_version(c, a, version, e);
	arena_free(a);
	return rc;
}

#define DIALECT_MARK "-- dialect:"

const char *migrate_script_for(struct arena *a, const char *sql, const char *dialect,
			       struct err *e)
{
	size_t len = strlen(sql);
	char *out = arena_alloc(a, len + 1);
	bool keep = true;
	int line = 1;
	for (size_t at = 0; at < len; line++) {
		const char *text = sql + at;
		size_t n = strcspn(text, "\n");
		size_t end = n + (text[n] == '\n');
		if (strncmp(text, DIALECT_MARK, strlen(DIALECT_MARK)) == 0) {
			const char *name = text + strlen(DIALECT_MARK);
			size_t name_len = n - strlen(DIALECT_MARK);
			while (name_len && *name == ' ') {
				name++;
				name_len--;
			}
			while (name_len && strchr(" \r", name[name_len - 1]))
				name_len--;
			bool any = name_len == 3 && strncmp(name, "any", 3) == 0;
			bool known = any || (name_len == 6 && strncmp(name, "sqlite", 6) == 0) ||
				     (name_len == 10 && strncmp(name, "postgresql", 10) == 0);
			if (!known) {
				err_set(e, "line %d: a dialect is sqlite, postgresql or any", line);
				return NULL;
			}
			keep = any || (strlen(dialect) == name_len &&
				       strncmp(name, dialect, name_len) == 0);
		}
		/* A line left out stays, blank, so errors name the right line. */
		memcpy(out + at, text, end);
		if (!keep)
			memset(out + at, ' ', n);
		at += end;
	}
	out[len] = '\0';
	return out;
}

/* The steps of one migration, in its transaction on c; *ran says whether
 * it ran (it does not when applied before). */
static int apply_steps(struct db_conn *c, struct arena *a, const char *dialect,
		       const struct migration *m, int known_max, bool *ran,
		       struct err *e)
{
	*ran = false;
	int current;
	if (db_lock(c, "alongside-migrate", e) < 0 ||
	    db_exec_script(c, create_table_sql, e) < 0 ||
	    read_max_version(c, a, &current, e) < 0)
		return -1;
	if (current > known_max)
		return err_set(e,
			       "the database is at schema version %d, newer than "
			       "this binary knows (%d): run a newer alongside",
			       current, known_max);
	struct db_param p[] = {DB_INT(m->version)};
	struct db_rows rows;
	if (db_query(c, a, "SELECT 1 FROM schema_migrations WHERE version = $1",
		     p, &rows, e) < 0)
		return -1;
	if (rows.row_count)
		return 0;
	struct err step;
	const char *sql = migrate_script_for(a, m->sql, dialect, &step);
	if (!sql || db_exec_script(c, sql, &step) < 0)
		return err_set(e, "migration %s: %s", m->name, step.msg);
	char now[CLOCK_ISO8601_SIZE];
	clock_utc_iso8601(now, sizeof now);
	struct db_param row[] = {DB_INT(m->version), DB_TEXT(m->name),
				 DB_TEXT(now)};
	if (db_query(c, a,
		     "INSERT INTO schema_migrations (version, name, applied_at)"
		     " VALUES ($1, $2, $3)",
		     row, NULL, e) < 0)
		return -1;
	*ran = true;
	return 0;
}

/* One migration, in one transaction; *done says whether it ran. */
static int apply_one(struct db *db, struct arena *a, const struct migration *m,
		     int known_max, int *done, struct err *e)
{
	*done = 0;
	struct db_conn *c;
	if (db_transaction(db, &c, e) < 0)
		return -1;
	bool ran;
	int rc = apply_steps(c, a, db_kind_name(db), m, known_max, &ran, e);
	if (db_finish(c, rc, e) < 0)
		return -1;
	*done = ran;
	return 0;
}

int migrate_apply(struct db *db, const struct migration *list, size_t count,
		  int *applied, struct err *e)
{
	for (size_t i = 1; i < count; i++)
		assert(list[i - 1].version < list[i].version);
	int known_max = count ? list[count - 1].version : 0;

	*applied = 0;
	struct arena *a = arena_new();
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < count; i++) {
		int done;
		rc = apply_one(db, a, &list[i], known_max, &done, e);
		*applied += done;
	}
	arena_free(a);
	return rc;
}
