#include "db/generation.h"

#include <stdlib.h>

#include "core/arena.h"
#include "core/err.h"
#include "db/db.h"

int db_generation_bump(struct db_conn *c, const char *name, struct err *e)
{
	struct arena *a = arena_new();
	struct db_param p[] = {DB_TEXT(name)};
	struct db_rows rows;
	int rc = db_query(c, a, "UPDATE change_generations SET generation = generation + 1"
				" WHERE name = $1", p, &rows, e);
	if (rc == RESULT_OK && rows.changes != 1)
		rc = err_set(e, "no change generation named %s", name);
	arena_free(a);
	return rc;
}

static int generation_of(const struct db_rows *rows, int rc, const char *name, int64_t *out,
			 struct err *e)
{
	if (rc == RESULT_OK && rows->row_count != 1)
		return err_set(e, "no change generation named %s", name);
	if (rc == RESULT_OK)
		*out = strtoll(db_cell(rows, 0, 0), NULL, 10);
	return rc;
}

#define GENERATION_SQL "SELECT generation FROM change_generations WHERE name = $1"

int db_generation_read(struct db *db, const char *name, int64_t *out, struct err *e)
{
	*out = 0;
	struct arena *a = arena_new();
	struct db_param p[] = {DB_TEXT(name)};
	struct db_rows rows;
	int rc = generation_of(&rows, db_run(db, a, GENERATION_SQL, p, &rows, e), name, out, e);
	arena_free(a);
	return rc;
}

int db_generation_read_on(struct db_conn *c, const char *name, int64_t *out, struct err *e)
{
	*out = 0;
	struct arena *a = arena_new();
	struct db_param p[] = {DB_TEXT(name)};
	struct db_rows rows;
	int rc = generation_of(&rows, db_query(c, a, GENERATION_SQL, p, &rows, e), name, out, e);
	arena_free(a);
	return rc;
}
