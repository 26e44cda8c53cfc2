#include "geo/postcodes.h"

#include "core/arena.h"
#include "core/err.h"
#include "db/db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct postcode_index {
	struct postcode_entry *entries;
	size_t count;
};

static int compare(const void *a, const void *b)
{
	return strcmp(((const struct postcode_entry *)a)->postcode,
		      ((const struct postcode_entry *)b)->postcode);
}

int postcode_index_load(struct db *db, struct postcode_index **out,
			struct err *e)
{
	struct arena *a = arena_new();
	struct db_rows rows;
	int rc = db_run_plain(db, a,
			       "SELECT postcode, latitude, longitude, ward_code"
			       " FROM postcodes",
			       &rows, e);
	if (rc < 0) {
		arena_free(a);
		return -1;
	}
	struct postcode_index *index = calloc(1, sizeof *index);
	index->entries = calloc(rows.row_count + 1, sizeof *index->entries);
	if (!index || !index->entries)
		abort();
	for (size_t i = 0; i < rows.row_count; i++) {
		struct postcode_entry *p = &index->entries[i];
		snprintf(p->postcode, sizeof p->postcode, "%s", db_cell(&rows, i, 0));
		p->lat = strtod(db_cell(&rows, i, 1), NULL);
		p->lon = strtod(db_cell(&rows, i, 2), NULL);
		const char *ward = db_cell(&rows, i, 3);
		snprintf(p->ward, sizeof p->ward, "%s", ward ? ward : "");
	}
	index->count = rows.row_count;
	arena_free(a);
	/* Sorted here, not by the database: collations differ between SQLite
	 * and PostgreSQL, and the search must agree with strcmp. */
	qsort(index->entries, index->count, sizeof *index->entries, compare);
	*out = index;
	return 0;
}

void postcode_index_free(struct postcode_index *index)
{
	if (!index)
		return;
	free(index->entries);
	free(index);
}

size_t postcode_index_count(const struct postcode_index *index)
{
	return index->count;
}

const struct postcode_entry *postcode_index_find(const struct postcode_index *index,
						 const char *postcode)
{
	struct postcode_entry key;
	snprintf(key.postcode, sizeof key.postcode, "%s", postcode);
	return bsearch(&key, index->entries, index->count, sizeof *index->entries,
		       compare);
}
