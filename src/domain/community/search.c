#include "domain/community/search.h"

#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/err.h"
#include "core/sb.h"
#include "db/db.h"
#include "domain/community/nearby.h"
#include "domain/community/words.h"
#include "geo/projection.h"

/* The few pieces of SQL the two backends write differently; everything
 * else is one text.  Words: FTS5's table on SQLite; on PostgreSQL the
 * expression of the GIN index in schema/013, written exactly as it is
 * there so that the planner uses it.  Names sort by their bytes on both
 * (SQLite's BINARY, PostgreSQL's "C"), as the distance order sorts them
 * in C, whatever the database's own collation. */
struct dialect {
	const char *words;         /* a condition on s: the parameter and ')' follow */
	bool tsquery;              /* words as to_tsquery text, else FTS5's */
	const char *one_off_dow;   /* sc.dtstart's weekday, 0 Sunday .. 6 */
	const char *by_name;
};

static const struct dialect sqlite_dialect = {
	.words = "s.rowid IN (SELECT rowid FROM community_services_fts"
		 " WHERE community_services_fts MATCH ",
	.one_off_dow = "CAST(strftime('%w', sc.dtstart) AS INTEGER)",
	.by_name = "s.name",
};

static const struct dialect pg_dialect = {
	.words = "to_tsvector('simple', s.search_text) @@ to_tsquery('simple', ",
	.tsquery = true,
	.one_off_dow = "CAST(extract(dow FROM CAST(sc.dtstart AS date)) AS INTEGER)",
	.by_name = "s.name COLLATE \"C\"",
};

#define SEARCH_PARAMS_MAX (SEARCH_TERMS_MAX + SEARCH_PER_PAGE_MAX + 16)
#define SEARCH_SQL_MAX 8192

static const char *const weekdays[] = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};

/* A statement being built: its text and its parameters, $1 onwards. */
struct statement {
	struct sb sql;
	struct db_param params[SEARCH_PARAMS_MAX];
	size_t count;
};

static void statement_init(struct statement *st, struct arena *a)
{
	sb_init(&st->sql, a, SEARCH_SQL_MAX);
	st->count = 0;
}

/* Appends "$n" for p: every parameter is named where it is used. */
static void bind(struct statement *st, struct db_param p)
{
	/* The parameter counts are compile-time bounds above. */
	if (st->count >= SEARCH_PARAMS_MAX)
		abort();
	st->params[st->count++] = p;
	sb_printf(&st->sql, "$%zu", st->count);
}

void search_query_init(struct search_query *q)
{
	*q = (struct search_query){
		.minimum_age = -1,
		.maximum_age = -1,
		.free = -1,
		.page = 1,
		.per_page = SEARCH_PER_PAGE_DEFAULT,
	};
}

static int check(const struct search_query *q, struct err *e)
{
	err_clear(e);
	if (q->per_page < 1 || q->per_page > SEARCH_PER_PAGE_MAX)
		err_field(e, "per_page", "Results per page must be from 1 to %d",
			  SEARCH_PER_PAGE_MAX);
	else if (q->page < 1 || q->page > LONG_MAX / q->per_page)
		err_field(e, "page", "There is no page %ld", q->page);
	if (q->within_metres < 0 || q->within_metres > SEARCH_WITHIN_MAX)
		err_field(e, "proximity", "The distance must be from 0 to %.0f metres",
			  SEARCH_WITHIN_MAX);
	else if (q->within_metres > 0 && !q->near)
		err_field(e, "proximity", "A distance needs a place to measure it from");
	if (q->term_count > SEARCH_TERMS_MAX)
		err_field(e, "taxonomy_term_id", "Choose at most %d terms", SEARCH_TERMS_MAX);
	if (q->day < 0 || q->day > 7)
		err_field(e, "day", "There is no such day of the week");
	return err_invalid_if_any(e);
}

/* The conditions of a search without a point, after WHERE.  nearby.c's
 * matches() is the same, condition by condition, for a search from one:
 * a change here is a change there. */
static void where(struct statement *st, struct arena *a, const struct dialect *d,
		  const struct search_query *q)
{
	struct sb *sql = &st->sql;
	sb_puts(sql, " WHERE s.status <> 'defunct'");
	const char *fts5, *tsquery;
	words_query(a, q->words, &fts5, &tsquery);
	if (fts5) {
		sb_puts(sql, " AND ");
		sb_puts(sql, d->words);
		bind(st, DB_TEXT(d->tsquery ? tsquery : fts5));
		sb_putc(sql, ')');
	}
	if (q->term_count > 0) {
		sb_puts(sql, " AND EXISTS (SELECT 1 FROM community_attributes ta"
			     " WHERE ta.service_id = s.id AND ta.taxonomy_term_id IN (");
		for (size_t i = 0; i < q->term_count; i++) {
			if (i)
				sb_puts(sql, ", ");
			bind(st, DB_TEXT(q->term_ids[i]));
		}
		sb_puts(sql, "))");
	}
	if (q->taxonomy_id) {
		sb_puts(sql, " AND EXISTS (SELECT 1 FROM community_attributes xa"
			     " JOIN community_taxonomy_terms xt ON xt.id = xa.taxonomy_term_id"
			     " WHERE xa.service_id = s.id AND xt.taxonomy_id = ");
		bind(st, DB_TEXT(q->taxonomy_id));
		sb_putc(sql, ')');
	}
	/* A listing that names no ages is for any age. */
	if (q->minimum_age >= 0) {
		sb_puts(sql, " AND (s.minimum_age IS NULL OR s.minimum_age <= ");
		bind(st, DB_INT(q->minimum_age));
		sb_putc(sql, ')');
	}
	if (q->maximum_age >= 0) {
		sb_puts(sql, " AND (s.maximum_age IS NULL OR s.maximum_age >= ");
		bind(st, DB_INT(q->maximum_age));
		sb_putc(sql, ')');
	}
	if (q->free >= 0) {
		sb_puts(sql, " AND s.free = ");
		bind(st, DB_INT(q->free ? 1 : 0));
	}
	if (q->modified_after) {
		sb_puts(sql, " AND s.last_modified >= ");
		bind(st, DB_TEXT(q->modified_after));
	}
	/* Day and times are one schedule's: "Thursdays, open 10:00 to 12:00".
	 * Weekday codes are two letters, each its own within byday ("MO,TH",
	 * "2TH", "-1TH"), so a code found in it is that day. */
	if (q->day > 0 || q->start_time || q->end_time) {
		sb_puts(sql, " AND EXISTS (SELECT 1 FROM community_schedules sc"
			     " WHERE sc.service_id = s.id");
		if (q->day > 0) {
			sb_puts(sql, " AND ((sc.freq IS NOT NULL AND upper(sc.byday) LIKE ");
			bind(st, DB_TEXT(arena_printf(a, "%%%s%%", weekdays[q->day - 1])));
			sb_puts(sql, ") OR (CASE WHEN sc.freq IS NULL THEN ");
			sb_puts(sql, d->one_off_dow);
			sb_puts(sql, " END) = ");
			bind(st, DB_INT(q->day % 7));
			sb_putc(sql, ')');
		}
		/* Open across start..end; a time given alone is open at it. */
		const char *start = q->start_time, *end = q->end_time;
		if (start) {
			sb_puts(sql, " AND substr(sc.opens_at, 1, 5) <= ");
			bind(st, DB_TEXT(start));
			if (!end) {
				sb_puts(sql, " AND substr(sc.closes_at, 1, 5) > ");
				bind(st, DB_TEXT(start));
			}
		}
		if (end) {
			sb_puts(sql, " AND substr(sc.closes_at, 1, 5) >= ");
			bind(st, DB_TEXT(end));
			if (!start) {
				sb_puts(sql, " AND substr(sc.opens_at, 1, 5) < ");
				bind(st, DB_TEXT(end));
			}
		}
		sb_putc(sql, ')');
	}
}

static long parse_long(const char *s)
{
	return s ? strtol(s, NULL, 10) : 0;
}

static bool parse_double(const char *s, double *out)
{
	if (!s)
		return false;
	char *end;
	*out = strtod(s, &end);
	return end != s;
}

/* A match while the distance order is made in C. */
struct candidate {
	const char *service_id;
	const char *service_at_location_id;
	const char *name;
	bool has_distance;
	double distance;
};

static int by_distance(const void *pa, const void *pb)
{
	const struct candidate *x = pa, *y = pb;
	if (x->has_distance != y->has_distance)
		return x->has_distance ? -1 : 1;
	if (x->has_distance && x->distance != y->distance)
		return x->distance < y->distance ? -1 : 1;
	int c = strcmp(x->name, y->name);
	if (c == 0)
		c = strcmp(x->service_id, y->service_id);
	if (c == 0 && x->service_at_location_id && y->service_at_location_id)
		c = strcmp(x->service_at_location_id, y->service_at_location_id);
	return c;
}

static int by_service(const void *pa, const void *pb)
{
	const struct candidate *x = pa, *y = pb;
	int c = strcmp(x->service_id, y->service_id);
	return c ? c : by_distance(pa, pb);
}

/* A search from a point, answered from memory (nearby.h): every place of
 * every match in the box around it (or every match, without a distance),
 * measured here, kept within the distance, a listing's nearest place
 * standing for it unless by_location, sorted, paged.  The page's strings
 * are copied into a before the view goes back. */
static int run_near(struct db *db, struct nearby *near, struct arena *a,
		    const struct search_query *q, struct search_result *out,
		    struct candidate **page, struct err *e)
{
	struct projection *proj = projection_for_thread(e);
	double qe, qn;
	if (!proj || projection_to_grid(proj, q->latitude, q->longitude, &qe, &qn, e) < 0)
		return RESULT_FAILED;
	bool box = q->within_metres > 0;
	struct nearby_view *view;
	if (nearby_acquire(near, db, &view, e) < 0)
		return RESULT_FAILED;
	struct nearby_place *places;
	size_t count = nearby_find(view, q, qe, qn, a, &places);
	struct candidate *all = arena_alloc(a, (count + 1) * sizeof *all);
	size_t n = 0;
	for (size_t i = 0; i < count; i++) {
		const struct nearby_place *p = &places[i];
		struct candidate k = {
			.service_id = p->service_id,
			.name = p->name,
			.service_at_location_id = p->service_at_location_id,
			.has_distance = p->has_point,
			.distance = p->has_point ? hypot(p->easting - qe, p->northing - qn) : 0,
		};
		if (box && (!k.has_distance || k.distance > q->within_metres))
			continue;
		all[n++] = k;
	}
	if (!q->by_location) {
		/* Each listing's rows together, nearest first: keep that. */
		qsort(all, n, sizeof *all, by_service);
		size_t kept = 0;
		for (size_t i = 0; i < n; i++)
			if (kept == 0 || strcmp(all[kept - 1].service_id, all[i].service_id) != 0)
				all[kept++] = all[i];
		n = kept;
	}
	qsort(all, n, sizeof *all, by_distance);
	out->total = (long)n;
	size_t from = (size_t)((q->page - 1) * q->per_page);
	out->count = from < n ? (n - from < (size_t)q->per_page ? n - from : (size_t)q->per_page)
			      : 0;
	*page = all + (from < n ? from : n);
	for (size_t i = 0; i < out->count; i++) {
		struct candidate *k = &(*page)[i];
		k->service_id = arena_strdup(a, k->service_id);
		k->name = arena_strdup(a, k->name);
		if (k->service_at_location_id)
			k->service_at_location_id = arena_strdup(a, k->service_at_location_id);
	}
	nearby_release(near, view);
	return RESULT_OK;
}

/* The one statement of a search without a point: SQL sorts and pages, and
 * counts every match alongside.  A page past the end has no row to carry
 * the count, so only then is it asked for on its own. */
static int run_by_name(struct db_conn *c, struct arena *a, const struct dialect *d,
		       const struct search_query *q, struct search_result *out,
		       struct candidate **page, struct err *e)
{
	struct statement *st = arena_alloc(a, sizeof *st);
	statement_init(st, a);
	sb_puts(&st->sql, q->by_location ? "SELECT s.id, s.name, sal.id" : "SELECT s.id, s.name, NULL");
	sb_puts(&st->sql, ", count(*) OVER ()");
	size_t from_start = st->sql.len;
	sb_puts(&st->sql, " FROM community_services s");
	if (q->by_location)
		sb_puts(&st->sql, " JOIN community_service_at_locations sal ON sal.service_id = s.id");
	where(st, a, d, q);
	size_t where_end = st->sql.len;
	size_t where_params = st->count;
	sb_puts(&st->sql, " ORDER BY ");
	sb_puts(&st->sql, d->by_name);
	sb_puts(&st->sql, q->by_location ? ", s.id, sal.id LIMIT " : ", s.id LIMIT ");
	bind(st, DB_INT(q->per_page));
	sb_puts(&st->sql, " OFFSET ");
	bind(st, DB_INT((q->page - 1) * q->per_page));
	if (sb_failed(&st->sql))
		return err_set(e, "search: statement too long");
	struct db_rows rows;
	if (db_query_counted(c, a, sb_str(&st->sql), st->params, st->count, &rows, e) < 0)
		return RESULT_FAILED;
	struct candidate *hits = arena_alloc(a, (rows.row_count + 1) * sizeof *hits);
	for (size_t i = 0; i < rows.row_count; i++)
		hits[i] = (struct candidate){
			.service_id = db_cell(&rows, i, 0),
			.name = db_cell(&rows, i, 1),
			.service_at_location_id = db_cell(&rows, i, 2),
		};
	*page = hits;
	out->count = rows.row_count;
	if (rows.row_count > 0) {
		out->total = parse_long(db_cell(&rows, 0, 3));
		return RESULT_OK;
	}
	out->total = 0;
	if (q->page == 1)
		return RESULT_OK;
	/* The same conditions, counted: the text up to the end of WHERE
	 * with its parameters, the select list replaced. */
	struct sb count;
	sb_init(&count, a, SEARCH_SQL_MAX);
	sb_puts(&count, "SELECT count(*)");
	sb_append(&count, sb_str(&st->sql) + from_start, where_end - from_start);
	if (db_query_counted(c, a, sb_str(&count), st->params, where_params, &rows, e) < 0)
		return RESULT_FAILED;
	out->total = parse_long(db_cell(&rows, 0, 0));
	return RESULT_OK;
}

/* The page's hits as the candidates have them, nothing read. */
static void hits_of(const struct candidate *page, struct search_result *out, struct arena *a)
{
	out->hits = arena_alloc(a, (out->count + 1) * sizeof *out->hits);
	for (size_t i = 0; i < out->count; i++)
		out->hits[i] = (struct search_hit){
			.service_id = page[i].service_id,
			.service_at_location_id = page[i].service_at_location_id,
			.name = page[i].name,
			.has_distance = page[i].has_distance,
			.distance_metres = page[i].distance,
		};
}

/* The one statement that fills in a page: the organisation and the places
 * of its listings, from which each hit takes its own place (by_location,
 * or the nearest found), or else the listing's first by link id. */
static int fill(struct db_conn *c, struct arena *a, const struct search_query *q,
		struct candidate *page, struct search_result *out, struct err *e)
{
	out->hits = arena_alloc(a, (out->count + 1) * sizeof *out->hits);
	if (out->count == 0)
		return RESULT_OK;
	struct statement *st = arena_alloc(a, sizeof *st);
	statement_init(st, a);
	sb_puts(&st->sql, "SELECT s.id, o.name, sal.id, l.id, l.postal_code, l.latitude,"
			  " l.longitude FROM community_services s"
			  " JOIN community_organizations o ON o.id = s.organization_id"
			  " LEFT JOIN community_service_at_locations sal ON sal.service_id = s.id"
			  " LEFT JOIN community_locations l ON l.id = sal.location_id"
			  " WHERE s.id IN (");
	for (size_t i = 0; i < out->count; i++) {
		if (i)
			sb_puts(&st->sql, ", ");
		bind(st, DB_TEXT(page[i].service_id));
	}
	sb_putc(&st->sql, ')');
	struct db_rows rows;
	if (db_query_counted(c, a, sb_str(&st->sql), st->params, st->count, &rows, e) < 0)
		return RESULT_FAILED;
	for (size_t i = 0; i < out->count; i++) {
		struct search_hit *h = &out->hits[i];
		const struct candidate *k = &page[i];
		h->service_id = k->service_id;
		h->name = k->name;
		h->has_distance = k->has_distance;
		h->distance_metres = k->distance;
		long chosen = -1;
		for (size_t r = 0; r < rows.row_count; r++) {
			if (strcmp(db_cell(&rows, r, 0), k->service_id) != 0)
				continue;
			h->organization_name = db_cell(&rows, r, 1);
			const char *sal = db_cell(&rows, r, 2);
			if (!sal)
				continue;
			bool take = k->service_at_location_id
					    ? strcmp(sal, k->service_at_location_id) == 0
					    : !q->near && (chosen < 0 ||
							   strcmp(sal, db_cell(&rows, (size_t)chosen,
									       2)) < 0);
			if (take)
				chosen = (long)r;
		}
		if (chosen < 0)
			continue;
		size_t r = (size_t)chosen;
		h->service_at_location_id = db_cell(&rows, r, 2);
		h->location_id = db_cell(&rows, r, 3);
		h->postal_code = db_cell(&rows, r, 4);
		h->has_point = parse_double(db_cell(&rows, r, 5), &h->latitude) &&
			       parse_double(db_cell(&rows, r, 6), &h->longitude);
	}
	return RESULT_OK;
}

int search_run(struct db *db, struct nearby *near, const struct search_query *q,
	       struct arena *a, struct search_result *out, struct err *e)
{
	*out = (struct search_result){.page = q->page, .per_page = q->per_page};
	int rc = check(q, e);
	if (rc < 0)
		return rc;
	struct candidate *page = NULL;
	if (q->near) {
		rc = run_near(db, near, a, q, out, &page, e);
		if (rc < 0)
			return rc;
	}
	if (q->near && q->ids_only) {
		hits_of(page, out, a);
		out->total_pages = (out->total + q->per_page - 1) / q->per_page;
		return RESULT_OK;
	}
	const struct dialect *d =
		strcmp(db_kind_name(db), "postgresql") == 0 ? &pg_dialect : &sqlite_dialect;
	struct db_conn *c;
	if (db_acquire(db, &c, e) < 0)
		return RESULT_FAILED;
	if (!q->near)
		rc = run_by_name(c, a, d, q, out, &page, e);
	if (rc == RESULT_OK)
		rc = fill(c, a, q, page, out, e);
	db_release(c);
	if (rc < 0)
		return rc;
	out->total_pages = (out->total + q->per_page - 1) / q->per_page;
	return RESULT_OK;
}
