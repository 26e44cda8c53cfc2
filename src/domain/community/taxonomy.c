#include "domain/community/taxonomy.h"

#include <stdlib.h>

#include "core/arena.h"
#include "core/err.h"
#include "db/db.h"

#define TAXONOMY_COLUMNS "id, name, description, uri, version"

static struct taxonomy taxonomy_row(const struct db_rows *rows, size_t r)
{
	return (struct taxonomy){
		.id = db_cell(rows, r, 0),
		.name = db_cell(rows, r, 1),
		.description = db_cell(rows, r, 2),
		.uri = db_cell(rows, r, 3),
		.version = db_cell(rows, r, 4),
	};
}

int taxonomy_list(struct db *db, struct arena *a, struct taxonomy **out, size_t *count,
		  struct err *e)
{
	struct db_rows rows;
	if (db_run_plain(db, a,
			 "SELECT " TAXONOMY_COLUMNS " FROM community_taxonomies ORDER BY name, id",
			 &rows, e) < 0)
		return RESULT_FAILED;
	*count = rows.row_count;
	*out = arena_alloc(a, (rows.row_count + 1) * sizeof **out);
	for (size_t r = 0; r < rows.row_count; r++)
		(*out)[r] = taxonomy_row(&rows, r);
	return RESULT_OK;
}

int taxonomy_get(struct db *db, const char *id, struct arena *a, struct taxonomy *out,
		 struct err *e)
{
	struct db_param p[] = {DB_TEXT(id)};
	struct db_rows rows;
	if (db_run(db, a, "SELECT " TAXONOMY_COLUMNS " FROM community_taxonomies WHERE id = $1", p,
		   &rows, e) < 0)
		return RESULT_FAILED;
	if (rows.row_count == 0)
		return err_not_found(e, "taxonomy", "No taxonomy has that id");
	*out = taxonomy_row(&rows, 0);
	return RESULT_OK;
}

/* A term with how many live listings carry it: retired ones are in no
 * list, so they count for none. */
#define TERM_SELECT                                                                       \
	"SELECT t.id, t.taxonomy_id, t.parent_id, t.code, t.name, t.description,"         \
	" t.term_uri, t.tag_id,"                                                          \
	" (SELECT COUNT(*) FROM community_attributes ca"                                  \
	"  JOIN community_services s ON s.id = ca.service_id"                             \
	"  WHERE ca.taxonomy_term_id = t.id AND s.status <> 'defunct')"                   \
	" FROM community_taxonomy_terms t JOIN community_taxonomies x ON x.id = t.taxonomy_id"

static struct taxonomy_term term_row(const struct db_rows *rows, size_t r)
{
	return (struct taxonomy_term){
		.id = db_cell(rows, r, 0),
		.taxonomy_id = db_cell(rows, r, 1),
		.parent_id = db_cell(rows, r, 2),
		.code = db_cell(rows, r, 3),
		.name = db_cell(rows, r, 4),
		.description = db_cell(rows, r, 5),
		.term_uri = db_cell(rows, r, 6),
		.tag_id = db_cell(rows, r, 7),
		.listing_count = strtol(db_cell(rows, r, 8), NULL, 10),
	};
}

int taxonomy_terms(struct db *db, const char *taxonomy_id, struct arena *a,
		   struct taxonomy_term **out, size_t *count, struct err *e)
{
	struct db_param p[] = {DB_TEXT(taxonomy_id)};
	struct db_rows rows;
	int rc = taxonomy_id ? db_run(db, a,
				      TERM_SELECT " WHERE t.taxonomy_id = $1"
						  " ORDER BY x.name, x.id, t.name, t.id",
				      p, &rows, e)
			     : db_run_plain(db, a, TERM_SELECT " ORDER BY x.name, x.id, t.name, t.id",
					    &rows, e);
	if (rc < 0)
		return RESULT_FAILED;
	*count = rows.row_count;
	*out = arena_alloc(a, (rows.row_count + 1) * sizeof **out);
	for (size_t r = 0; r < rows.row_count; r++)
		(*out)[r] = term_row(&rows, r);
	return RESULT_OK;
}

int taxonomy_term_get(struct db *db, const char *id, struct arena *a, struct taxonomy_term *out,
		      struct err *e)
{
	struct db_param p[] = {DB_TEXT(id)};
	struct db_rows rows;
	if (db_run(db, a, TERM_SELECT " WHERE t.id = $1", p, &rows, e) < 0)
		return RESULT_FAILED;
	if (rows.row_count == 0)
		return err_not_found(e, "taxonomy_term", "No taxonomy term has that id");
	*out = term_row(&rows, 0);
	return RESULT_OK;
}
