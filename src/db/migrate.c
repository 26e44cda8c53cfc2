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

/* A binary older than its database's schema refuses to touch it. */
static int too_new(int version, int known_max, struct err *e)
{
	return err_set(e,
		       "the database is at schema version %d, newer than "
		       "this binary knows (%d): run a newer alongside",
		       version, known_max);
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
		return too_new(current, known_max, e);
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

static bool is_postgresql(const struct db *db)
{
	return strcmp(db_kind_name(db), "postgresql") == 0;
}

/* On PostgreSQL, whether the role connected may change the schema: it can
 * create in it and owns (or is a member of the owner of) every table. */
static int may_change_schema(struct db_conn *c, struct arena *a, int pending, struct err *e)
{
	struct db_rows rows;
	if (db_query_plain(c, a,
			   "SELECT current_user,"
			   " coalesce(has_schema_privilege(current_schema(), 'CREATE'), false),"
			   " (SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()"
			   "  AND NOT pg_has_role(tableowner, 'USAGE'))",
			   &rows, e) < 0)
		return -1;
	if (strcmp(db_cell(&rows, 0, 1), "t") == 0 && strcmp(db_cell(&rows, 0, 2), "0") == 0)
		return 0;
	return err_set(e,
		       "%d migration%s pending, and role \"%.64s\" may not change the schema "
		       "(it does not own the database's tables): migrate as the owner, "
		       "with --migrate-db or ALONGSIDE_MIGRATE_DB (see docs/operating.md)",
		       pending, pending == 1 ? " is" : "s are", db_cell(&rows, 0, 0));
}

/* How many of list are not applied yet, found without writing anything:
 * a database never migrated has no schema_migrations table, and every one
 * is pending.  Fails when the database is newer than the list. */
static int count_pending(struct db_conn *c, struct arena *a, const struct migration *list,
			 size_t count, int known_max, int *pending, struct err *e)
{
	struct db_rows rows;
	struct err missing;
	if (db_query_plain(c, a, "SELECT version FROM schema_migrations", &rows, &missing) < 0)
		rows.row_count = 0;
	*pending = (int)count;
	for (size_t r = 0; r < rows.row_count; r++) {
		int version = (int)strtol(db_cell(&rows, r, 0), NULL, 10);
		if (version > known_max)
			return too_new(version, known_max, e);
		for (size_t i = 0; i < count; i++)
			*pending -= list[i].version == version;
	}
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
	struct db_conn *c;
	int pending = 0;
	int rc = db_acquire(db, &c, e);
	if (rc == 0) {
		rc = count_pending(c, a, list, count, known_max, &pending, e);
		if (rc == 0 && pending && is_postgresql(db))
			rc = may_change_schema(c, a, pending, e);
		db_release(c);
	}
	for (size_t i = 0; rc == 0 && pending && i < count; i++) {
		int done;
		rc = apply_one(db, a, &list[i], known_max, &done, e);
		*applied += done;
	}
	arena_free(a);
	return rc;
}

/* What serve's role may do, granted by the owner after every migration:
 * everything but change the schema, write the record of migrations, or
 * update and delete the audit log; and the same on tables migrations
 * make later.  The role's name is bound, and quoted by the server. */
static const char grant_sql[] =
	"DO $$\n"
	"DECLARE\n"
	"    app TEXT := current_setting('alongside.app_role');\n"
	"BEGIN\n"
	"    EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', current_schema(), app);\n"
	"    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES"
	" IN SCHEMA %I TO %I', current_schema(), app);\n"
	"    EXECUTE format('REVOKE INSERT, UPDATE, DELETE ON schema_migrations"
	" FROM %I', app);\n"
	"    EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM %I', app);\n"
	"    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT SELECT,"
	" INSERT, UPDATE, DELETE ON TABLES TO %I', current_schema(), app);\n"
	"END $$";

/* The role and database c is connected as, into a. */
static int whoami(struct db_conn *c, struct arena *a, const char **role, const char **database,
		  struct err *e)
{
	struct db_rows rows;
	if (db_query_plain(c, a, "SELECT current_user, current_database()", &rows, e) < 0)
		return -1;
	*role = db_cell(&rows, 0, 0);
	*database = db_cell(&rows, 0, 1);
	return 0;
}

int migrate_grant(struct db *owner, struct db *app, struct arena *a, const char **app_role,
		  struct err *e)
{
	*app_role = NULL;
	assert(strcmp(db_kind_name(owner), db_kind_name(app)) == 0);
	if (!is_postgresql(owner))
		return 0;
	const char *role, *database, *owner_role, *owner_database;
	struct db_conn *c;
	if (db_acquire(app, &c, e) < 0)
		return -1;
	int rc = whoami(c, a, &role, &database, e);
	db_release(c);
	if (rc < 0 || db_transaction(owner, &c, e) < 0)
		return -1;
	/* Grants made at once by two migrators would clash in the catalogue. */
	rc = db_lock(c, "alongside-migrate", e);
	if (rc == 0)
		rc = whoami(c, a, &owner_role, &owner_database, e);
	if (rc == 0 && strcmp(database, owner_database) != 0)
		rc = err_set(e, "the database to migrate is \"%.64s\", the one to serve "
				"\"%.64s\": name the same database in both",
			     owner_database, database);
	bool other = rc == 0 && strcmp(role, owner_role) != 0;
	struct db_param p[] = {DB_TEXT(role)};
	if (other)
		rc = db_query(c, a, "SELECT set_config('alongside.app_role', $1, true)", p, NULL,
			      e);
	if (other && rc == 0)
		rc = db_exec_script(c, grant_sql, e);
	if (db_finish(c, rc, e) < 0)
		return -1;
	*app_role = other ? role : NULL;
	return 0;
}
