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

int db_generation_read(struct db *db, const char *name, int64_t *out, struct err *e)
{
	*out = 0;
	struct arena *a = arena_new();
	struct db_param p[] = {DB_TEXT(name)};
	struct db_rows rows;
	int rc = db_run(db, a, "SELECT generation FROM change_generations WHERE name = $1", p,
			&rows, e);
	if (rc == RESULT_OK && rows.row_count != 1)
		rc = err_set(e, "no change generation named %s", name);
	else if (rc == RESULT_OK)
		*out = strtoll(db_cell(&rows, 0, 0), NULL, 10);
	arena_free(a);
	return rc;
}
