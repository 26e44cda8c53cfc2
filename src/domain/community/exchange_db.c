/* A read directory into the database, and the database out as ORUK JSON
 * (exchange.h). */
#include "domain/community/exchange.h"
#include "domain/community/exchange_parse.h"

#include "core/arena.h"
#include "core/err.h"
#include "core/sb.h"
#include "db/db.h"
#include "db/generation.h"
#include "domain/community/listing.h"
#include "domain/community/oruk.h"
#include "domain/community/taxonomy.h"
#include "domain/people/tags.h"
#include "domain/staff/audit.h"
#include "domain/staff/caller.h"

#include <jansson.h>
#include <stdint.h>
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

/* How an import finds a listing held here. */
struct held {
	long version;          /* 0: not held */
	bool retired;
	bool changed_here;     /* imported once, and its newest version made here */
};

static int held_listing(struct db_conn *c, struct arena *a, const char *id, struct held *h,
			struct err *e)
{
	struct db_param p[] = {DB_TEXT(id), DB_TEXT(EXCHANGE_NOTE)};
	struct db_rows rows;
	int rc = db_query(c, a,
			  "SELECT s.version, CASE WHEN s.retired_at IS NULL THEN 0 ELSE 1 END,"
			  " CASE WHEN COALESCE(v.note, '') <> $2 AND EXISTS (SELECT 1 FROM"
			  " community_service_versions w WHERE w.service_id = s.id AND w.note = $2)"
			  " THEN 1 ELSE 0 END FROM community_services s LEFT JOIN community_service_versions v"
			  " ON v.service_id = s.id AND v.version = s.version WHERE s.id = $1",
			  p, &rows, e);
	*h = (struct held){0};
	if (rc == RESULT_OK && rows.row_count) {
		h->version = strtol(db_cell(&rows, 0, 0), NULL, 10);
		h->retired = strcmp(db_cell(&rows, 0, 1), "1") == 0;
		h->changed_here = strcmp(db_cell(&rows, 0, 2), "1") == 0;
	}
	return rc;
}

/* Whether the import leaves a held listing as it is here: a retired one
 * always (an import never brings one back), one changed here since it
 * was imported unless told to replace it.  Each is reported. */
static bool kept_here(struct exchange_directory *d, struct arena *a, const struct listing *l,
		      const struct held *h, bool retired, bool replace)
{
	const char *why = h->retired ? "retired here"
		: h->changed_here && !replace ? "changed here since" : NULL;
	if (!why)
		return false;
	/* A listing the file has retired too is as the file says: nothing to say. */
	if (h->retired && retired)
		return true;
	if (!d->kept)
		d->kept = arena_alloc(a, d->listing_count * sizeof *d->kept);
	d->kept[d->kept_count++] = arena_printf(a, "kept: %s: %s", why, l->name);
	return true;
}

/* The file's last_modified stands (listing_save_on took its assured_date
 * as checked_on): the listing changed when its source says, not when it
 * was copied here. */
static int keep_last_modified(struct db_conn *c, struct arena *a, const struct listing *l,
			      struct err *e)
{
	if (!l->last_modified)
		return RESULT_OK;
	struct db_param p[] = {DB_TEXT(l->id), DB_TEXT(l->last_modified)};
	struct db_rows rows;
	return db_query(c, a, "UPDATE community_services SET last_modified = $2 WHERE id = $1", p,
			&rows, e);
}

/* "contacts.0.phones.1.number" as a JSON path: "contacts[0].phones[1].number". */
static const char *bracketed(struct arena *a, const char *field)
{
	struct sb out;
	sb_init(&out, a, 1024);
	for (const char *p = field; *p;) {
		size_t n = strcspn(p, ".");
		if (n && strspn(p, "0123456789") == n)
			sb_printf(&out, "[%.*s]", (int)n, p);
		else
			sb_printf(&out, "%s%.*s", out.len ? "." : "", (int)n, p);
		p += n + (p[n] == '.');
	}
	return sb_str(&out);
}

/* Where a location's field is in the file's service_at_locations[N]. */
static const char *location_field(struct arena *a, size_t n, const char *rest)
{
	static const char *const in_address[] = {"address_1", "city", "postal_code", NULL};
	if (!rest)
		return arena_printf(a, "service_at_locations[%zu]", n);
	if (strcmp(rest, "service_at_location_id") == 0)
		return arena_printf(a, "service_at_locations[%zu].id", n);
	if (strcmp(rest, "address_id") == 0)
		return arena_printf(a, "service_at_locations[%zu].location.addresses[0].id", n);
	if (exchange_in(rest, in_address))
		return arena_printf(a, "service_at_locations[%zu].location.addresses[0].%s", n,
				    rest);
	if (strcmp(rest, "accessibility") == 0 || strcmp(rest, "accessibility_id") == 0)
		return arena_printf(a, "service_at_locations[%zu].location.accessibility[0].%s", n,
				    rest[13] ? "id" : "description");
	return arena_printf(a, "service_at_locations[%zu].location.%s", n, rest);
}

/* A field as listing.h names it ("locations.0.latitude", "terms.2") as the
 * ORUK JSON file has it ("service_at_locations[0].location.latitude",
 * "attributes[2].taxonomy_term_id"). */
static const char *json_field(struct arena *a, const struct exchange_origin *origin,
			      size_t schedule_count, const char *field)
{
	static const char *const renamed[][2] = {
		{"how_to_join", "application_process"}, {"eligibility", "eligibility_description"},
		{"fees_description", "fees"},            {"checked_on", "assured_date"},
		{"free", "cost_options"},                {"terms", "attributes"},
	};
	for (size_t i = 0; i < sizeof renamed / sizeof *renamed; i++)
		if (strcmp(field, renamed[i][0]) == 0)
			return renamed[i][1];
	char *end;
	if (strncmp(field, "locations.", 10) == 0) {
		size_t n = strtoul(field + 10, &end, 10);
		return location_field(a, n, *end == '.' ? end + 1 : NULL);
	}
	if (strncmp(field, "terms.", 6) == 0) {
		size_t n = strtoul(field + 6, &end, 10);
		return arena_printf(a, "attributes[%zu].%s", n,
				    *end == '.' ? "id" : "taxonomy_term_id");
	}
	if (strncmp(field, "schedules.", 10) == 0 && origin && origin->schedule_paths) {
		size_t n = strtoul(field + 10, &end, 10);
		if (n < schedule_count)
			return arena_printf(a, "%s%s", origin->schedule_paths[n], end);
	}
	return bracketed(a, field);
}

/* Each of the store's field errors as one problem naming the record where
 * the file has it: a JSON path, or the service's line of services.csv. */
/* A listing the file has as defunct: listing_save_on may not retire (a
 * retirement needs a reason), so it is stored inactive and then retired
 * here, as the file says it was when it last changed. */
static int keep_retired(struct db_conn *c, struct arena *a, const struct listing *l,
			struct err *e)
{
	struct db_param p[] = {DB_TEXT(l->id), DB_TEXT(l->last_modified)};
	struct db_rows rows;
	return db_query(c, a,
			"UPDATE community_services SET status = 'defunct', "
			"retired_at = COALESCE($2, last_modified), "
			"retired_reason = 'defunct in the imported file' WHERE id = $1",
			p, &rows, e);
}

static void store_problem(struct exchange_directory *d, struct arena *a, size_t i,
			  const struct err *le)
{
	const struct exchange_origin *origin = d->origins ? &d->origins[i] : NULL;
	const char *where = origin && origin->line
		? arena_printf(a, "services.csv line %lu", origin->line)
		: arena_printf(a, "services[%zu]", i);
	if (!le->field_count) {
		exchange_problem(d, a, (long)i, arena_printf(a, "%s: %s", where, le->msg));
		return;
	}
	for (size_t f = 0; f < le->field_count; f++) {
		const char *path = le->fields[f].path;
		const char *field = !*path ? ""
			: origin && origin->line
			? arena_printf(a, " %s", path)
			: arena_printf(a, ".%s", json_field(a, origin,
							      d->listings[i].schedule_count, path));
		exchange_problem(d, a, (long)i,
				 arena_printf(a, "%s%s: %s", where, field, le->fields[f].message));
	}
}

int exchange_import(struct db *db, const struct caller *who, const struct lookup_context *ctx,
		    struct exchange_directory *d, const struct exchange_options *opt,
		    struct arena *a, size_t *saved, struct err *e)
{
	*saved = 0;
	if (who->kind != CALLER_STAFF && who->kind != CALLER_CLI)
		return err_result(e, RESULT_FORBIDDEN, "only staff may import listings");
	struct db_conn *c;
	if (db_transaction(db, &c, e) < 0)
		return RESULT_FAILED;
	/* Terms' taxonomies, retirements and last_modified written here are
	 * search's filters too (listing_save_on bumps for its own writes). */
	int rc = db_generation_bump(c, DB_GENERATION_DIRECTORY, e);
	for (size_t i = 0; rc == RESULT_OK && i < d->taxonomy_count; i++)
		rc = save_taxonomy(c, a, &d->taxonomies[i], e);
	for (size_t i = 0; rc == RESULT_OK && i < d->term_count; i++)
		rc = save_term(c, a, &d->terms[i], d->term_reference[i], e);
	for (size_t i = 0; rc == RESULT_OK && i < d->term_count; i++)
		if (d->terms[i].parent_id && !d->term_reference[i])
			rc = set_parent(c, a, &d->terms[i], e);
	for (size_t i = 0; rc == RESULT_OK && i < d->listing_count; i++) {
		struct listing l = d->listings[i];
		l.demo = opt->demo;
		l.note = EXCHANGE_NOTE;
		bool retired = l.status && strcmp(l.status, "defunct") == 0;
		if (retired)
			l.status = "inactive";
		struct held h;
		rc = held_listing(c, a, l.id, &h, e);
		if (rc < 0)
			break;
		if (kept_here(d, a, &l, &h, retired, opt->replace))
			continue;
		l.version = h.version;
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
		if (retired)
			rc = keep_retired(c, a, &l, e);
		if (rc == RESULT_OK)
			rc = keep_last_modified(c, a, &l, e);
		(*saved)++;
	}
	if (rc == RESULT_OK && d->problem_count)
		rc = exchange_problems_result(d, e);
	struct audit_entry entry = {"import", "directory", NULL, NULL, NULL, NULL};
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

/* A UUID (version 4 in form) that is always the same for the same text,
 * so a listing's "Free" cost option keeps its id from export to export. */
static const char *uuid_from(struct arena *a, const char *text)
{
	unsigned char b[16];
	uint64_t h[2] = {0xcbf29ce484222325u, 0x84222325cbf29ce4u};
	for (int k = 0; k < 2; k++)
		for (const char *p = text; *p; p++)
			h[k] = (h[k] ^ (unsigned char)*p) * 0x100000001b3u;
	for (int i = 0; i < 16; i++)
		b[i] = (unsigned char)(h[i / 8] >> (8 * (i % 8)));
	b[6] = (unsigned char)((b[6] & 0x0f) | 0x40);
	b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);
	return arena_printf(a,
			    "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
			    b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10],
			    b[11], b[12], b[13], b[14], b[15]);
}

/* ORUK has no "free": a free listing whose costs do not say so is written
 * with one more cost option, "Free" at 0, which the import reads back as
 * free (and keeps, so the next export is the same). */
static void carry_free(struct arena *a, struct listing *l)
{
	if (l->free != 1 || exchange_free_from_costs(l) == 1)
		return;
	struct community_cost *costs = arena_alloc(a, (l->cost_count + 1) * sizeof *costs);
	if (l->cost_count)
		memcpy(costs, l->costs, l->cost_count * sizeof *costs);
	costs[l->cost_count++] = (struct community_cost){
		.id = uuid_from(a, arena_printf(a, "%s free", l->id)),
		.option = EXCHANGE_FREE_OPTION,
		.has_amount = true,
		.amount = 0,
	};
	l->costs = costs;
}

static int export_json(const char *out, const struct taxonomy *taxonomies,
		       size_t taxonomy_count, const struct taxonomy_term *terms, size_t term_count,
		       const struct listing *listings, size_t count, struct err *e)
{
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
	for (size_t i = 0; i < count; i++)
		json_array_append_new(list, oruk_service(&listings[i]));
	int rc = json_dump_file(root, out, JSON_INDENT(2)) < 0
		? err_set(e, "%s: cannot be written", out) : RESULT_OK;
	json_decref(root);
	return rc;
}

int exchange_export(struct db *db, const struct caller *who, enum exchange_format format,
		    const char *out, struct arena *a, size_t *count, struct err *e)
{
	*count = 0;
	if (who->kind != CALLER_STAFF && who->kind != CALLER_CLI)
		return err_result(e, RESULT_FORBIDDEN, "only staff may export the directory");
	struct taxonomy *taxonomies;
	struct taxonomy_term *terms;
	size_t taxonomy_count, term_count;
	struct db_rows ids;
	if (taxonomy_list(db, a, &taxonomies, &taxonomy_count, e) < 0 ||
	    taxonomy_terms(db, NULL, a, &terms, &term_count, e) < 0 ||
	    db_run_plain(db, a, "SELECT id FROM community_services ORDER BY id", &ids, e) < 0)
		return RESULT_FAILED;
	struct listing *listings = arena_alloc(a, (ids.row_count + 1) * sizeof *listings);
	for (size_t i = 0; i < ids.row_count; i++) {
		/* review_months 0: whether it needs review is not exported. */
		int rc = listing_get(db, who, LISTING_STAFF, 0, db_cell(&ids, i, 0), a,
				     &listings[i], e);
		if (rc != RESULT_OK)
			return rc;
		carry_free(a, &listings[i]);
	}
	int rc = format == EXCHANGE_JSON
		? export_json(out, taxonomies, taxonomy_count, terms, term_count, listings,
			      ids.row_count, e)
		: exchange_write_package(a, out, taxonomies, taxonomy_count, terms, term_count,
					 listings, ids.row_count, e);
	*count = rc == RESULT_OK ? ids.row_count : 0;
	return rc;
}
