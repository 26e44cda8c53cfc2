/* A read directory into the database, and the database out as ORUK JSON
 * (exchange.h). */
#include "domain/community/exchange.h"
#include "domain/community/exchange_parse.h"

#include "core/arena.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/community/listing.h"
#include "domain/community/oruk.h"
#include "domain/community/taxonomy.h"
#include "domain/people/tags.h"
#include "domain/staff/audit.h"
#include "domain/staff/caller.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int save_taxonomy(struct db_conn *c, struct arena *a, const struct taxonomy *t,
			 struct err *e)
{
	struct db_param p[] = {DB_TEXT(t->id), DB_TEXT(t->name), DB_TEXT(t->description),
			       DB_TEXT(t->uri), DB_TEXT(t->version)};
	struct db_rows rows;
	return db_query(c, a,
			"INSERT INTO community_taxonomies (id, name, description, uri, version) "
			"VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO UPDATE SET "
			"name = excluded.name, description = excluded.description, "
			"uri = excluded.uri, version = excluded.version",
			p, &rows, e);
}

/* The term, without its parent (set once every term is in).  A term only
 * named by an attribute never changes one held; a new term without a
 * taxonomy goes into the import's own. */
static int save_term(struct db_conn *c, struct arena *a, const struct taxonomy_term *t,
		     bool reference, struct err *e)
{
	struct db_rows rows;
	const char *taxonomy = t->taxonomy_id;
	if (!taxonomy) {
		static const struct taxonomy imported = {
			EXCHANGE_TAXONOMY_IMPORTED, "Imported terms",
			"Terms that came in with listings without naming their taxonomy.", NULL,
			NULL};
		struct db_param p[] = {DB_TEXT(imported.id), DB_TEXT(imported.name),
				       DB_TEXT(imported.description)};
		int rc = db_query(c, a,
				  "INSERT INTO community_taxonomies (id, name, description) "
				  "VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING",
				  p, &rows, e);
		if (rc < 0)
			return rc;
		taxonomy = imported.id;
	}
	struct db_param p[] = {DB_TEXT(t->id), DB_TEXT(taxonomy), DB_TEXT(t->code),
			       DB_TEXT(t->name), DB_TEXT(t->description), DB_TEXT(t->term_uri)};
	int rc = reference || !t->taxonomy_id
		? db_query(c, a,
			   "INSERT INTO community_taxonomy_terms (id, taxonomy_id, code, name, "
			   "description, term_uri) VALUES ($1, $2, $3, $4, $5, $6) "
			   "ON CONFLICT (id) DO NOTHING",
			   p, &rows, e)
		: db_query(c, a,
			   "INSERT INTO community_taxonomy_terms (id, taxonomy_id, code, name, "
			   "description, term_uri) VALUES ($1, $2, $3, $4, $5, $6) "
			   "ON CONFLICT (id) DO UPDATE SET taxonomy_id = excluded.taxonomy_id, "
			   "code = excluded.code, name = excluded.name, "
			   "description = excluded.description, term_uri = excluded.term_uri",
			   p, &rows, e);
	if (rc < 0 || reference)
		return rc;
	/* The team's tag of the same name, when no other term is it already
	 * (taxonomy.h). */
	struct db_param q[] = {DB_TEXT(t->id), DB_TEXT(tags_key(a, t->name))};
	return db_query(c, a,
			"UPDATE community_taxonomy_terms SET tag_id = "
			"(SELECT id FROM tags WHERE key = $2) "
			"WHERE id = $1 AND tag_id IS NULL AND NOT EXISTS "
			"(SELECT 1 FROM community_taxonomy_terms o "
			"WHERE o.tag_id = (SELECT id FROM tags WHERE key = $2))",
			q, &rows, e);
}

static int set_parent(struct db_conn *c, struct arena *a, const struct taxonomy_term *t,
		      struct err *e)
{
	struct db_param p[] = {DB_TEXT(t->id), DB_TEXT(t->parent_id)};
	struct db_rows rows;
	/* A parent neither in the file nor held is left out, as ORUK files
	 * often name parents in taxonomies they do not include. */
	return db_query(c, a,
			"UPDATE community_taxonomy_terms SET parent_id = $2 WHERE id = $1 "
			"AND EXISTS (SELECT 1 FROM community_taxonomy_terms p WHERE p.id = $2)",
			p, &rows, e);
}

/* The version an import changes: the current one when the id is held. */
static int held_version(struct db_conn *c, struct arena *a, const char *id, long *version,
			struct err *e)
{
	struct db_param p[] = {DB_TEXT(id)};
	struct db_rows rows;
	int rc = db_query(c, a, "SELECT version FROM community_services WHERE id = $1", p,
			  &rows, e);
	*version = rc == RESULT_OK && rows.row_count ? strtol(db_cell(&rows, 0, 0), NULL, 10) : 0;
	return rc;
}

/* The file's assured_date and last_modified stand: the listing was
 * checked when its source says, not when it was copied here. */
static int keep_dates(struct db_conn *c, struct arena *a, const struct listing *l,
		      struct err *e)
{
	struct db_param p[] = {DB_TEXT(l->id), DB_TEXT(l->checked_on), DB_TEXT(l->last_modified)};
	struct db_rows rows;
	return db_query(c, a,
			"UPDATE community_services SET checked_on = $2, checked_by = NULL, "
			"checked_by_name = NULL, last_modified = COALESCE($3, last_modified) "
			"WHERE id = $1",
			p, &rows, e);
}

static void store_problem(struct exchange_directory *d, struct arena *a, size_t i,
			  const struct err *le)
{
	if (!le->field_count) {
		exchange_problem(d, a, (long)i, arena_printf(a, "services[%zu]: %s", i, le->msg));
		return;
	}
	for (size_t f = 0; f < le->field_count; f++)
		exchange_problem(d, a, (long)i,
				 arena_printf(a, "services[%zu].%s: %s", i, le->fields[f].path,
					      le->fields[f].message));
}

int exchange_import(struct db *db, const struct caller *who, const struct lookup_context *ctx,
		    struct exchange_directory *d, bool demo, struct arena *a, size_t *saved,
		    struct err *e)
{
	*saved = 0;
	if (who->kind != CALLER_STAFF && who->kind != CALLER_CLI)
		return err_result(e, RESULT_FORBIDDEN, "only staff may import listings");
	struct db_conn *c;
	if (db_transaction(db, &c, e) < 0)
		return RESULT_FAILED;
	int rc = RESULT_OK;
	for (size_t i = 0; rc == RESULT_OK && i < d->taxonomy_count; i++)
		rc = save_taxonomy(c, a, &d->taxonomies[i], e);
	for (size_t i = 0; rc == RESULT_OK && i < d->term_count; i++)
		rc = save_term(c, a, &d->terms[i], d->term_reference[i], e);
	for (size_t i = 0; rc == RESULT_OK && i < d->term_count; i++)
		if (d->terms[i].parent_id && !d->term_reference[i])
			rc = set_parent(c, a, &d->terms[i], e);
	for (size_t i = 0; rc == RESULT_OK && i < d->listing_count; i++) {
		struct listing l = d->listings[i];
		l.demo = demo;
		l.note = "imported";
		rc = held_version(c, a, l.id, &l.version, e);
		if (rc < 0)
			break;
		struct err le = {0};
		rc = listing_save_on(c, who, ctx, &l, a, NULL, NULL, &le);
		if (rc == RESULT_INVALID) {
			/* Checked in memory before anything was written: read on,
			 * to report every record at fault at once. */
			store_problem(d, a, i, &le);
			rc = RESULT_OK;
			continue;
		}
		if (rc < 0) {
			store_problem(d, a, i, &le);
			*e = le;
			break;
		}
		rc = keep_dates(c, a, &l, e);
		(*saved)++;
	}
	if (rc == RESULT_OK && d->problem_count)
		rc = exchange_problems_result(d, e);
	struct audit_entry entry = {"import", "directory", NULL, NULL, NULL};
	rc = audit_commit(c, NULL, rc, who, &entry, e);
	if (rc < 0)
		*saved = 0;
	return rc;
}

/* ---- Export ----------------------------------------------------------- */

static const struct taxonomy *taxonomy_of(const struct taxonomy *list, size_t count,
					  const char *id)
{
	for (size_t i = 0; i < count; i++)
		if (strcmp(list[i].id, id) == 0)
			return &list[i];
	return NULL;
}

static int export_json(struct db *db, const struct caller *who, const char *out,
		       struct arena *a, size_t *count, struct err *e)
{
	struct taxonomy *taxonomies;
	struct taxonomy_term *terms;
	size_t taxonomy_count, term_count;
	struct db_rows ids;
	if (taxonomy_list(db, a, &taxonomies, &taxonomy_count, e) < 0 ||
	    taxonomy_terms(db, NULL, a, &terms, &term_count, e) < 0 ||
	    db_run_plain(db, a, "SELECT id FROM community_services ORDER BY id", &ids, e) < 0)
		return RESULT_FAILED;
	json_t *root = json_object();
	json_t *list = json_array();
	json_object_set_new(root, "taxonomies", list);
	for (size_t i = 0; i < taxonomy_count; i++)
		json_array_append_new(list, oruk_taxonomy(&taxonomies[i]));
	list = json_array();
	json_object_set_new(root, "taxonomy_terms", list);
	for (size_t i = 0; i < term_count; i++)
		json_array_append_new(list, oruk_taxonomy_term(&terms[i],
							       taxonomy_of(taxonomies, taxonomy_count,
									   terms[i].taxonomy_id)));
	list = json_array();
	json_object_set_new(root, "services", list);
	int rc = RESULT_OK;
	for (size_t i = 0; rc == RESULT_OK && i < ids.row_count; i++) {
		struct listing l;
		rc = listing_get(db, who, LISTING_STAFF, 6, db_cell(&ids, i, 0), a, &l, e);
		if (rc == RESULT_OK)
			json_array_append_new(list, oruk_service(&l));
	}
	if (rc == RESULT_OK && json_dump_file(root, out, JSON_INDENT(2)) < 0)
		rc = err_set(e, "%s: cannot be written", out);
	json_decref(root);
	*count = rc == RESULT_OK ? ids.row_count : 0;
	return rc;
}

int exchange_export(struct db *db, const struct caller *who, enum exchange_format format,
		    const char *out, struct arena *a, size_t *count, struct err *e)
{
	*count = 0;
	if (who->kind != CALLER_STAFF && who->kind != CALLER_CLI)
		return err_result(e, RESULT_FORBIDDEN, "only staff may export the directory");
	if (format != EXCHANGE_JSON)
		return err_set(e, "writing the HSDS CSV data package is not done yet");
	return export_json(db, who, out, a, count, e);
}
