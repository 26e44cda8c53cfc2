/* The HSDS CSV data package (exchange.h): a folder with datapackage.json
 * and one CSV file a table, read into listings and written from them. */
#include "domain/community/exchange.h"
#include "domain/community/exchange_parse.h"

#include "core/arena.h"
#include "core/csv.h"
#include "core/err.h"
#include "core/sb.h"
#include "domain/community/listing.h"
#include "domain/community/schedule.h"
#include "domain/community/taxonomy.h"

#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/*
 * The tables, named and laid out as the UK profile's datapackage.json has
 * them: its columns in its order (those we hold nothing for left empty),
 * then the HSDS 3.0 base columns the profile leaves out where a listing
 * holds more (a service's application_process and eligibility_description,
 * a contact's email, a language's name, code and note, a term's code).
 * funding and organization_identifiers are written with their header only.
 */
enum table_id {
	T_ORGANIZATION, T_SERVICE, T_ATTRIBUTE, T_SERVICE_AT_LOCATION, T_LOCATION, T_PHONE,
	T_CONTACT, T_ADDRESS, T_SCHEDULE, T_FUNDING, T_SERVICE_AREA, T_LANGUAGE,
	T_ACCESSIBILITY, T_TAXONOMY_TERM, T_COST_OPTION, T_ORGANIZATION_IDENTIFIER, T_TAXONOMY,
	T_COUNT
};

#define COLUMNS_MAX 20

struct table {
	const char *resource;
	const char *path;
	const char *columns[COLUMNS_MAX];  /* "name:type"; NULL-ended */
	const char *owner;                 /* the column naming the parent */
	const char *owner_resource;
};

static const struct table tables[T_COUNT] = {
	[T_ORGANIZATION] = {"organization", "organizations.csv",
		{"id", "name", "description", "email", "website", "logo", "uri",
		 "parent_organization_id"}, NULL, NULL},
	[T_SERVICE] = {"service", "services.csv",
		{"id", "organization_id", "name", "description", "url", "email", "status", "fees",
		 "accreditations", "minimum_age:integer", "maximum_age:integer", "assured_date:date",
		 "assurer_email", "alert", "last_modified:datetime", "application_process",
		 "eligibility_description"}, "organization_id", "organization"},
	[T_ATTRIBUTE] = {"attribute", "attribute.csv",
		{"id", "link_id", "taxonomy_term_id", "link_type"}, "taxonomy_term_id",
		"taxonomy_term"},
	[T_SERVICE_AT_LOCATION] = {"service_at_location", "service_at_location.csv",
		{"id", "service_id", "location_id"}, "service_id", "service"},
	[T_LOCATION] = {"location", "locations.csv",
		{"id", "location_type", "name", "description", "latitude:number",
		 "longitude:number", "external_identifier", "external_identifier_type"}, NULL, NULL},
	[T_PHONE] = {"phone", "phones.csv", {"id", "contact_id", "number", "description"},
		"contact_id", "contact"},
	[T_CONTACT] = {"contact", "contacts.csv", {"id", "service_id", "name", "title", "email"},
		"service_id", "service"},
	[T_ADDRESS] = {"address", "address.csv",
		{"id", "location_id", "attention", "address_1", "city", "region", "state_province",
		 "postal_code", "country", "address_type"}, "location_id", "location"},
	[T_SCHEDULE] = {"schedule", "schedule.csv",
		{"id", "service_id", "service_at_location_id", "valid_from:date", "valid_to:date",
		 "dtstart:date", "freq", "interval:integer", "byday", "bymonthday", "description",
		 "opens_at:time", "closes_at:time", "schedule_link", "attending_type", "notes"},
		"service_id", "service"},
	[T_FUNDING] = {"funding", "funding.csv", {"id", "service_id", "source"}, "service_id",
		"service"},
	[T_SERVICE_AREA] = {"service_area", "service_areas.csv",
		{"id", "service_id", "name", "extent", "extent_type", "uri", "service_area"},
		"service_id", "service"},
	[T_LANGUAGE] = {"language", "languages.csv",
		{"id", "service_id", "phone_id", "name", "code", "note"}, "service_id", "service"},
	[T_ACCESSIBILITY] = {"accessibility", "accessibility.csv",
		{"id", "location_id", "description", "details", "url", "accessibility"},
		"location_id", "location"},
	[T_TAXONOMY_TERM] = {"taxonomy_term", "taxonomy_terms.csv",
		{"id", "name", "description", "parent_id", "taxonomy", "taxonomy_id", "term_uri",
		 "term", "code"}, "taxonomy_id", "taxonomy"},
	[T_COST_OPTION] = {"cost_option", "cost_options.csv",
		{"id", "service_id", "valid_from:date", "valid_to:date", "option", "amount:number",
		 "amount_description"}, "service_id", "service"},
	[T_ORGANIZATION_IDENTIFIER] = {"organization_identifier", "organization_identifiers.csv",
		{"id", "organization_id", "identifier_scheme", "identifier_type", "identifier"},
		"organization_id", "organization"},
	[T_TAXONOMY] = {"taxonomy", "taxonomies.csv", {"id", "name", "description", "uri",
		"version"}, NULL, NULL},
};

static size_t column_count(const struct table *t)
{
	size_t n = 0;
	while (n < COLUMNS_MAX && t->columns[n])
		n++;
	return n;
}

/* A column's name without its ":type". */
static const char *column_name(struct arena *a, const char *column)
{
	return arena_strndup(a, column, strcspn(column, ":"));
}

/* ---- Writing ------------------------------------------------------------ */

/* A cell as RFC 4180 has it, quoted only when it must be: the package is
 * for other systems, so unlike csv_write_row nothing is added to cells a
 * spreadsheet might take for formulas (a longitude starts with "-"). */
static void put_cell(struct sb *out, const char *cell)
{
	if (!cell)
		return;
	if (!cell[strcspn(cell, ",\"\r\n")]) {
		sb_puts(out, cell);
		return;
	}
	sb_putc(out, '"');
	for (const char *p = cell; *p; p++) {
		if (*p == '"')
			sb_putc(out, '"');
		sb_putc(out, *p);
	}
	sb_putc(out, '"');
}

static void put_row(struct sb *out, const char *const *cells, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		if (i)
			sb_putc(out, ',');
		put_cell(out, cells[i]);
	}
	sb_puts(out, "\r\n");
}

/* The shortest text strtod reads back as the same double. */
static const char *number_text(struct arena *a, double v)
{
	for (int digits = 15; digits < 17; digits++) {
		const char *s = arena_printf(a, "%.*g", digits, v);
		if (strtod(s, NULL) == v)
			return s;
	}
	return arena_printf(a, "%.17g", v);
}

static const char *whole_text(struct arena *a, long v)
{
	return v < 0 ? NULL : arena_printf(a, "%ld", v);
}

static const char *time_text(struct arena *a, const char *hhmm)
{
	return hhmm && strlen(hhmm) == 5 ? arena_printf(a, "%s:00", hhmm) : hhmm;
}

struct pwrite {
	struct arena *a;
	struct sb out[T_COUNT];
};

#define ROW(w, t, ...)                                                           \
	do {                                                                     \
		const char *cells_[] = {__VA_ARGS__};                            \
		put_row(&(w)->out[t], cells_, sizeof cells_ / sizeof *cells_);   \
	} while (0)

static int by_id(const void *x, const void *y)
{
	return strcmp(**(const char *const *const *)x, **(const char *const *const *)y);
}

/* Organisations and places, which listings may share, once each, in id
 * order. */
static void write_shared(struct pwrite *w, const struct listing *listings, size_t count)
{
	struct arena *a = w->a;
	size_t places = 0;
	for (size_t i = 0; i < count; i++)
		places += listings[i].location_count;
	const struct community_organization **orgs = arena_alloc(a, (count + 1) * sizeof *orgs);
	const struct community_location **locs = arena_alloc(a, (places + 1) * sizeof *locs);
	size_t org_count = 0, loc_count = 0;
	for (size_t i = 0; i < count; i++) {
		if (listings[i].organization.id)
			orgs[org_count++] = &listings[i].organization;
		for (size_t k = 0; k < listings[i].location_count; k++)
			locs[loc_count++] = &listings[i].locations[k];
	}
	qsort(orgs, org_count, sizeof *orgs, by_id);
	qsort(locs, loc_count, sizeof *locs, by_id);
	for (size_t i = 0; i < org_count; i++) {
		const struct community_organization *g = orgs[i];
		if (i && strcmp(orgs[i - 1]->id, g->id) == 0)
			continue;
		ROW(w, T_ORGANIZATION, g->id, g->name, g->description, g->email, g->website, NULL,
		    NULL, NULL);
	}
	for (size_t i = 0; i < loc_count; i++) {
		const struct community_location *p = locs[i];
		if (i && strcmp(locs[i - 1]->id, p->id) == 0)
			continue;
		ROW(w, T_LOCATION, p->id, p->location_type ? p->location_type : "physical", p->name,
		    p->description, p->has_point ? number_text(a, p->latitude) : NULL,
		    p->has_point ? number_text(a, p->longitude) : NULL, NULL, NULL);
		bool postal = p->location_type && strcmp(p->location_type, "postal") == 0;
		if (p->address_id)
			ROW(w, T_ADDRESS, p->address_id, p->id, NULL, p->address_1, p->city, NULL,
			    p->city, p->postal_code, "GB", postal ? "postal" : "physical");
		if (p->accessibility_id)
			ROW(w, T_ACCESSIBILITY, p->accessibility_id, p->id, p->accessibility, NULL,
			    NULL, NULL);
	}
}

static void write_listing(struct pwrite *w, const struct listing *l)
{
	struct arena *a = w->a;
	ROW(w, T_SERVICE, l->id, l->organization.id, l->name, l->description, l->url, l->email,
	    l->status ? l->status : "active", l->fees_description, NULL,
	    whole_text(a, l->minimum_age), whole_text(a, l->maximum_age), l->checked_on, NULL,
	    l->alert, l->last_modified, l->how_to_join, l->eligibility);
	for (size_t i = 0; i < l->location_count; i++)
		ROW(w, T_SERVICE_AT_LOCATION, l->locations[i].service_at_location_id, l->id,
		    l->locations[i].id);
	for (size_t i = 0; i < l->schedule_count; i++) {
		const struct community_schedule *s = &l->schedules[i];
		ROW(w, T_SCHEDULE, s->id, l->id, s->service_at_location_id, s->valid_from,
		    s->valid_to, s->dtstart, s->freq,
		    s->freq ? whole_text(a, s->interval > 0 ? s->interval : 1) : NULL, s->byday,
		    s->bymonthday, schedule_description(s), time_text(a, s->opens_at),
		    time_text(a, s->closes_at), NULL, s->attending_type, s->notes);
	}
	for (size_t i = 0; i < l->contact_count; i++) {
		const struct community_contact *c = &l->contacts[i];
		ROW(w, T_CONTACT, c->id, l->id, c->name, c->title, c->email);
		for (size_t k = 0; k < c->phone_count; k++)
			ROW(w, T_PHONE, c->phones[k].id, c->id, c->phones[k].number,
			    c->phones[k].description);
	}
	for (size_t i = 0; i < l->cost_count; i++) {
		const struct community_cost *c = &l->costs[i];
		ROW(w, T_COST_OPTION, c->id, l->id, c->valid_from, c->valid_to, c->option,
		    c->has_amount ? number_text(a, c->amount) : NULL, c->amount_description);
	}
	for (size_t i = 0; i < l->language_count; i++) {
		const struct community_language *g = &l->languages[i];
		ROW(w, T_LANGUAGE, g->id, l->id, NULL, g->name, g->code, g->note);
	}
	for (size_t i = 0; i < l->service_area_count; i++) {
		const struct community_service_area *r = &l->service_areas[i];
		ROW(w, T_SERVICE_AREA, r->id, l->id, r->name, NULL, NULL, r->uri, NULL);
	}
	for (size_t i = 0; i < l->term_count; i++)
		ROW(w, T_ATTRIBUTE, l->terms[i].attribute_id, l->id, l->terms[i].term_id, "service");
}

static json_t *package_json(struct arena *a)
{
	json_t *resources = json_array();
	for (int t = 0; t < T_COUNT; t++) {
		json_t *fields = json_array();
		for (size_t c = 0; c < column_count(&tables[t]); c++) {
			const char *column = tables[t].columns[c];
			const char *type = strchr(column, ':');
			json_array_append_new(fields,
					      json_pack("{s:s, s:s}", "name", column_name(a, column),
							"type", type ? type + 1 : "string"));
		}
		json_t *schema = json_pack("{s:o, s:s}", "fields", fields, "primaryKey", "id");
		if (tables[t].owner)
			json_object_set_new(schema, "foreignKeys",
					    json_pack("[{s:s, s:{s:s, s:s}}]", "fields",
						      tables[t].owner, "reference", "resource",
						      tables[t].owner_resource, "fields", "id"));
		json_array_append_new(resources,
				      json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:o}", "name",
						tables[t].resource, "path", tables[t].path, "profile",
						"tabular-data-resource", "format", "csv", "mediatype",
						"text/csv", "encoding", "utf-8", "schema", schema));
	}
	return json_pack("{s:s, s:s, s:s, s:s, s:o}", "name", "human_services_data", "title",
			 "Open Referral UK community directory", "profile",
			 "tabular-data-package", "version", "3.0.0", "resources", resources);
}

static int write_file(const char *dir, const char *name, const char *text, size_t len,
		      struct arena *a, struct err *e)
{
	const char *path = arena_printf(a, "%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	bool ok = f && fwrite(text, 1, len, f) == len;
	if (f && fclose(f) != 0)
		ok = false;
	return ok ? RESULT_OK : err_set(e, "%s: cannot be written", path);
}

int exchange_write_package(struct arena *a, const char *dir, const struct taxonomy *taxonomies,
			   size_t taxonomy_count, const struct taxonomy_term *terms,
			   size_t term_count, const struct listing *listings, size_t count,
			   struct err *e)
{
	if (mkdir(dir, 0755) < 0 && errno != EEXIST)
		return err_set(e, "%s: %s", dir, strerror(errno));
	struct pwrite w = {a, {{0}}};
	for (int t = 0; t < T_COUNT; t++) {
		sb_init(&w.out[t], a, (size_t)EXCHANGE_BYTES_MAX);
		const char *header[COLUMNS_MAX];
		size_t n = column_count(&tables[t]);
		for (size_t c = 0; c < n; c++)
			header[c] = column_name(a, tables[t].columns[c]);
		put_row(&w.out[t], header, n);
	}
	for (size_t i = 0; i < taxonomy_count; i++) {
		const struct taxonomy *x = &taxonomies[i];
		ROW(&w, T_TAXONOMY, x->id, x->name, x->description, x->uri, x->version);
	}
	for (size_t i = 0; i < term_count; i++) {
		const struct taxonomy_term *t = &terms[i];
		const char *taxonomy = NULL;
		for (size_t k = 0; k < taxonomy_count && !taxonomy; k++)
			if (strcmp(taxonomies[k].id, t->taxonomy_id) == 0)
				taxonomy = taxonomies[k].name;
		ROW(&w, T_TAXONOMY_TERM, t->id, t->name, t->description, t->parent_id, taxonomy,
		    t->taxonomy_id, t->term_uri, NULL, t->code);
	}
	write_shared(&w, listings, count);
	for (size_t i = 0; i < count; i++)
		write_listing(&w, &listings[i]);
	int rc = RESULT_OK;
	for (int t = 0; rc == RESULT_OK && t < T_COUNT; t++) {
		if (sb_failed(&w.out[t]))
			return err_set(e, "%s: larger than %ld MB", tables[t].path,
				       EXCHANGE_BYTES_MAX / (1024 * 1024));
		rc = write_file(dir, tables[t].path, sb_str(&w.out[t]), w.out[t].len, a, e);
	}
	json_t *package = package_json(a);
	char *text = rc == RESULT_OK ? json_dumps(package, JSON_INDENT(2)) : NULL;
	json_decref(package);
	if (rc == RESULT_OK && !text)
		return err_set(e, "Out of memory writing datapackage.json");
	if (rc == RESULT_OK) {
		const char *kept = arena_printf(a, "%s\n", text);
		rc = write_file(dir, "datapackage.json", kept, strlen(kept), a, e);
	}
	free(text);
	return rc;
}

/* ---- Reading ------------------------------------------------------------ */

struct ctable {
	const char *file;
	struct csv_record *rows;       /* rows[0] is the header */
	size_t count;                  /* rows, the header included */
	long column[COLUMNS_MAX];      /* the table's columns in the file; -1 absent */
};

struct pread {
	struct arena *a;
	struct exchange_directory *d;
	struct ctable t[T_COUNT];
	long record;                   /* the listing a row belongs to, or -1 */
	bool bad;                      /* the row has a problem */
};

static void cproblem(struct pread *r, enum table_id t, size_t row, const char *column,
		     const char *what)
{
	r->bad = true;
	exchange_problem(r->d, r->a, r->record,
			 arena_printf(r->a, "%s line %lu: %s: %s", r->t[t].file,
				      r->t[t].rows[row].line, column, what));
}

/* The cell of the table's column (as tables[] names it), NULL when empty
 * or the file has no such column. */
static const char *cell(struct pread *r, enum table_id t, size_t row, const char *column)
{
	const struct ctable *c = &r->t[t];
	for (size_t k = 0; k < column_count(&tables[t]); k++) {
		const char *name = tables[t].columns[k];
		size_t len = strcspn(name, ":");
		if (strncmp(name, column, len) != 0 || column[len])
			continue;
		if (c->column[k] < 0 || (size_t)c->column[k] >= c->rows[row].field_count)
			return NULL;
		const char *v = c->rows[row].fields[c->column[k]];
		return *v ? v : NULL;
	}
	return NULL;
}

static const char *ctext(struct pread *r, enum table_id t, size_t row, const char *column,
			 bool required)
{
	const char *v = cell(r, t, row, column);
	if (!v && required)
		cproblem(r, t, row, column, "is required");
	return v;
}

static const char *cid(struct pread *r, enum table_id t, size_t row, const char *column,
		       bool required)
{
	const char *v = ctext(r, t, row, column, required);
	const char *id = v ? exchange_uuid(r->a, v) : NULL;
	if (v && !id)
		cproblem(r, t, row, column, "must be a UUID (8-4-4-4-12 hexadecimal digits)");
	return id;
}

static const char *cdate(struct pread *r, enum table_id t, size_t row, const char *column)
{
	const char *v = cell(r, t, row, column);
	const char *d = v ? exchange_date(r->a, v) : NULL;
	if (v && !d)
		cproblem(r, t, row, column, "must be a date, YYYY-MM-DD");
	return d;
}

static const char *ctime_of_day(struct pread *r, enum table_id t, size_t row,
				const char *column)
{
	const char *v = cell(r, t, row, column);
	const char *d = v ? exchange_time(r->a, v) : NULL;
	if (v && !d)
		cproblem(r, t, row, column, "must be a time of day, HH:MM");
	return d;
}

static bool cnumber(struct pread *r, enum table_id t, size_t row, const char *column,
		    double *out)
{
	const char *v = cell(r, t, row, column);
	if (!v)
		return false;
	char *end;
	errno = 0;
	*out = strtod(v, &end);
	if (*end || errno || !isfinite(*out)) {
		cproblem(r, t, row, column, "must be a number");
		return false;
	}
	return true;
}

static long cwhole(struct pread *r, enum table_id t, size_t row, const char *column,
		   long absent)
{
	const char *v = cell(r, t, row, column);
	if (!v)
		return absent;
	char *end;
	errno = 0;
	long n = strtol(v, &end, 10);
	if (*end || errno || n < 0 || n > 1000000) {
		cproblem(r, t, row, column, "must be a whole number, 0 or more");
		return absent;
	}
	return n;
}

/* Reads the table's file named by the package (absent: no rows). */
static int read_table(struct pread *r, const char *dir, enum table_id t, const char *name,
		      struct err *e)
{
	struct ctable *c = &r->t[t];
	c->file = name;
	for (size_t k = 0; k < COLUMNS_MAX; k++)
		c->column[k] = -1;
	const char *path = arena_printf(r->a, "%s/%s", dir, name);
	const char *text;
	size_t len;
	struct stat st;
	if (stat(path, &st) < 0 && errno == ENOENT)
		return RESULT_OK;
	int rc = exchange_read_file(r->a, path, &text, &len, e);
	if (rc != RESULT_OK)
		return rc;
	struct err ce = {0};
	if (csv_parse(r->a, text, len, EXCHANGE_RECORDS_MAX + 1, &c->rows, &c->count, &ce) !=
	    RESULT_OK) {
		exchange_problem(r->d, r->a, -1,
				 arena_printf(r->a, "%s: %s", name,
					      ce.field_count ? ce.fields[0].message : ce.msg));
		return RESULT_OK;
	}
	if (!c->count)
		return RESULT_OK;
	const struct csv_record *header = &c->rows[0];
	for (size_t k = 0; k < column_count(&tables[t]); k++) {
		const char *want = column_name(r->a, tables[t].columns[k]);
		for (size_t f = 0; f < header->field_count; f++)
			if (strcmp(header->fields[f], want) == 0)
				c->column[k] = (long)f;
	}
	if (c->column[0] < 0)
		exchange_problem(r->d, r->a, -1,
				 arena_printf(r->a, "%s line 1: has no id column", name));
	return RESULT_OK;
}

/* The tables the package's datapackage.json names, by resource name; a
 * path that leaves the folder is refused. */
static int read_package(struct pread *r, const char *dir, struct err *e)
{
	const char *path = arena_printf(r->a, "%s/datapackage.json", dir);
	const char *text;
	size_t len;
	struct stat st;
	if (stat(path, &st) < 0) {
		exchange_problem(r->d, r->a, -1,
				 arena_printf(r->a, "%s has no datapackage.json: it is not an "
						    "HSDS data package", dir));
		return RESULT_OK;
	}
	int rc = exchange_read_file(r->a, path, &text, &len, e);
	if (rc != RESULT_OK)
		return rc;
	json_error_t jerr;
	json_t *root = json_loadb(text, len, 0, &jerr);
	json_t *resources = json_object_get(root, "resources");
	if (!json_is_array(resources)) {
		exchange_problem(r->d, r->a, -1,
				 arena_printf(r->a, "datapackage.json: %s",
					      root ? "has no list of resources" : "not JSON"));
		json_decref(root);
		return RESULT_OK;
	}
	const char *names[T_COUNT] = {0};
	size_t i;
	json_t *res;
	json_array_foreach(resources, i, res) {
		const char *name = json_string_value(json_object_get(res, "name"));
		const char *file = json_string_value(json_object_get(res, "path"));
		for (int t = 0; name && file && t < T_COUNT; t++)
			if (strcmp(name, tables[t].resource) == 0)
				names[t] = arena_strdup(r->a, file);
	}
	json_decref(root);
	for (int t = 0; t < T_COUNT; t++) {
		const char *file = names[t] ? names[t] : tables[t].path;
		if (strchr(file, '/') || file[0] == '.') {
			exchange_problem(r->d, r->a, -1,
					 arena_printf(r->a, "datapackage.json: %s: the path must "
							    "be a file in the package's folder",
						      tables[t].resource));
			continue;
		}
		rc = read_table(r, dir, (enum table_id)t, file, e);
		if (rc != RESULT_OK)
			return rc;
	}
	if (!r->t[T_SERVICE].count)
		exchange_problem(r->d, r->a, -1, "services.csv: missing or empty");
	return RESULT_OK;
}

/* Ids to row numbers, sorted for bsearch. */
struct key {
	const char *id;
	size_t at;
};

static int key_cmp(const void *x, const void *y)
{
	return strcmp(((const struct key *)x)->id, ((const struct key *)y)->id);
}

static struct key *index_rows(struct pread *r, enum table_id t, size_t *n)
{
	struct ctable *c = &r->t[t];
	struct key *keys = arena_alloc(r->a, (c->count + 1) * sizeof *keys);
	*n = 0;
	for (size_t row = 1; row < c->count; row++) {
		const char *id = cell(r, t, row, "id");
		const char *low = id ? exchange_uuid(r->a, id) : NULL;
		if (low)
			keys[(*n)++] = (struct key){low, row};
	}
	qsort(keys, *n, sizeof *keys, key_cmp);
	return keys;
}

static long find(const struct key *keys, size_t n, const char *id)
{
	if (!id)
		return -1;
	struct key want = {id, 0};
	const struct key *k = bsearch(&want, keys, n, sizeof *keys, key_cmp);
	return k ? (long)k->at : -1;
}

struct owners {
	long *of;                      /* per row: the owning listing (or row), -1 */
	size_t *count;                 /* per owner: its rows */
};

/* Which owner each row of t belongs to, through its column `column`
 * naming an id in keys; a row naming none is a problem. */
static struct owners owners_of(struct pread *r, enum table_id t, const char *column,
			       const struct key *keys, size_t key_count, size_t owner_count,
			       const char *owner_file)
{
	struct ctable *c = &r->t[t];
	struct owners o = {arena_alloc(r->a, (c->count + 1) * sizeof *o.of),
			   arena_alloc(r->a, (owner_count + 1) * sizeof *o.count)};
	for (size_t row = 1; row < c->count; row++) {
		r->bad = false;
		r->record = -1;
		o.of[row] = find(keys, key_count, cid(r, t, row, column, true));
		if (o.of[row] < 0 && !r->bad)
			cproblem(r, t, row, column, arena_printf(r->a, "is not in %s", owner_file));
		else if (o.of[row] >= 0)
			o.count[o.of[row]]++;
	}
	return o;
}

/* The listing a row belongs to, with problems now named as its; NULL for
 * a row that names none (a problem already). */
static struct listing *row_listing(struct pread *r, const struct owners *o, size_t row)
{
	if (o->of[row] < 0)
		return NULL;
	r->bad = false;
	r->record = o->of[row];
	return &r->d->listings[o->of[row]];
}

static void read_location(struct pread *r, size_t row, const struct key *addresses,
			  size_t address_count, const struct key *access, size_t access_count,
			  struct community_location *p)
{
	p->id = cid(r, T_LOCATION, row, "id", true);
	p->location_type = ctext(r, T_LOCATION, row, "location_type", true);
	if (p->location_type && !exchange_in(p->location_type, exchange_location_types))
		cproblem(r, T_LOCATION, row, "location_type", "must be physical, postal or virtual");
	p->name = ctext(r, T_LOCATION, row, "name", false);
	p->description = ctext(r, T_LOCATION, row, "description", false);
	bool lat = cnumber(r, T_LOCATION, row, "latitude", &p->latitude);
	bool lon = cnumber(r, T_LOCATION, row, "longitude", &p->longitude);
	p->has_point = lat && lon;
	long a = find(addresses, address_count, p->id);
	if (a > 0) {
		p->address_id = cid(r, T_ADDRESS, (size_t)a, "id", true);
		p->address_1 = ctext(r, T_ADDRESS, (size_t)a, "address_1", false);
		p->city = ctext(r, T_ADDRESS, (size_t)a, "city", false);
		p->postal_code = ctext(r, T_ADDRESS, (size_t)a, "postal_code", false);
	}
	long c = find(access, access_count, p->id);
	if (c > 0) {
		p->accessibility_id = cid(r, T_ACCESSIBILITY, (size_t)c, "id", true);
		p->accessibility = ctext(r, T_ACCESSIBILITY, (size_t)c, "description", false);
	}
}

/* Rows keyed by the table's owner column (an address by its location). */
static struct key *index_by(struct pread *r, enum table_id t, const char *column, size_t *n)
{
	struct ctable *c = &r->t[t];
	struct key *keys = arena_alloc(r->a, (c->count + 1) * sizeof *keys);
	*n = 0;
	for (size_t row = 1; row < c->count; row++) {
		const char *id = cell(r, t, row, column);
		const char *low = id ? exchange_uuid(r->a, id) : NULL;
		if (low)
			keys[(*n)++] = (struct key){low, row};
	}
	/* The first row of each owner is the one kept: a stable order. */
	qsort(keys, *n, sizeof *keys, key_cmp);
	size_t kept = 0;
	for (size_t i = 0; i < *n; i++)
		if (!kept || strcmp(keys[kept - 1].id, keys[i].id) != 0)
			keys[kept++] = keys[i];
		else if (keys[i].at < keys[kept - 1].at)
			keys[kept - 1] = keys[i];
	*n = kept;
	return keys;
}

static void read_taxonomies(struct pread *r)
{
	struct exchange_directory *d = r->d;
	size_t n = r->t[T_TAXONOMY].count;
	d->taxonomies = arena_alloc(r->a, (n + 1) * sizeof *d->taxonomies);
	for (size_t row = 1; row < n; row++) {
		r->bad = false;
		r->record = -1;
		struct taxonomy *x = &d->taxonomies[d->taxonomy_count++];
		x->id = cid(r, T_TAXONOMY, row, "id", true);
		x->name = ctext(r, T_TAXONOMY, row, "name", true);
		x->description = ctext(r, T_TAXONOMY, row, "description", false);
		x->description = x->description ? x->description : "";
		x->uri = ctext(r, T_TAXONOMY, row, "uri", false);
		x->version = ctext(r, T_TAXONOMY, row, "version", false);
	}
	n = r->t[T_TAXONOMY_TERM].count;
	d->terms = arena_alloc(r->a, (n + 1) * sizeof *d->terms);
	d->term_reference = arena_alloc(r->a, (n + 1) * sizeof *d->term_reference);
	for (size_t row = 1; row < n; row++) {
		r->bad = false;
		r->record = -1;
		struct taxonomy_term *t = &d->terms[d->term_count++];
		t->id = cid(r, T_TAXONOMY_TERM, row, "id", true);
		t->name = ctext(r, T_TAXONOMY_TERM, row, "name", true);
		t->description = ctext(r, T_TAXONOMY_TERM, row, "description", false);
		t->description = t->description ? t->description : "";
		t->parent_id = cid(r, T_TAXONOMY_TERM, row, "parent_id", false);
		t->taxonomy_id = cid(r, T_TAXONOMY_TERM, row, "taxonomy_id", false);
		t->term_uri = ctext(r, T_TAXONOMY_TERM, row, "term_uri", false);
		t->code = ctext(r, T_TAXONOMY_TERM, row, "code", false);
	}
}

static void read_service(struct pread *r, size_t row, const struct key *orgs, size_t org_count,
			 struct listing *l)
{
	static const char *const statuses[] = {"active", "inactive", "defunct",
					       "temporarily closed", NULL};
	l->id = cid(r, T_SERVICE, row, "id", true);
	l->name = ctext(r, T_SERVICE, row, "name", true);
	l->status = ctext(r, T_SERVICE, row, "status", true);
	if (l->status && !exchange_in(l->status, statuses))
		cproblem(r, T_SERVICE, row, "status",
			 "must be active, inactive, defunct or temporarily closed");
	l->description = ctext(r, T_SERVICE, row, "description", false);
	l->url = ctext(r, T_SERVICE, row, "url", false);
	l->email = ctext(r, T_SERVICE, row, "email", false);
	l->fees_description = ctext(r, T_SERVICE, row, "fees", false);
	l->minimum_age = cwhole(r, T_SERVICE, row, "minimum_age", -1);
	l->maximum_age = cwhole(r, T_SERVICE, row, "maximum_age", -1);
	l->checked_on = cdate(r, T_SERVICE, row, "assured_date");
	l->alert = ctext(r, T_SERVICE, row, "alert", false);
	l->last_modified = ctext(r, T_SERVICE, row, "last_modified", false);
	l->how_to_join = ctext(r, T_SERVICE, row, "application_process", false);
	l->eligibility = ctext(r, T_SERVICE, row, "eligibility_description", false);
	const char *org = cid(r, T_SERVICE, row, "organization_id", false);
	long o = find(orgs, org_count, org);
	if (org && o < 0) {
		cproblem(r, T_SERVICE, row, "organization_id", "is not in organizations.csv");
	} else if (o > 0) {
		struct community_organization *g = &l->organization;
		r->bad = false;
		g->id = org;
		g->name = ctext(r, T_ORGANIZATION, (size_t)o, "name", true);
		g->description = ctext(r, T_ORGANIZATION, (size_t)o, "description", false);
		g->email = ctext(r, T_ORGANIZATION, (size_t)o, "email", false);
		g->website = ctext(r, T_ORGANIZATION, (size_t)o, "website", false);
	}
}

/* Gives each listing room for its rows of a table. */
#define ROOM(d, o, field, count_field)                                            \
	for (size_t i_ = 0; i_ < (d)->listing_count; i_++) {                      \
		(d)->listings[i_].field = arena_alloc(                            \
			r->a, ((o).count[i_] + 1) * sizeof *(d)->listings[i_].field); \
		(d)->listings[i_].count_field = 0;                                \
	}

static void read_places(struct pread *r, const struct key *services, size_t service_count)
{
	struct exchange_directory *d = r->d;
	size_t loc_n, addr_n, acc_n;
	struct key *locs = index_rows(r, T_LOCATION, &loc_n);
	struct key *addresses = index_by(r, T_ADDRESS, "location_id", &addr_n);
	struct key *access = index_by(r, T_ACCESSIBILITY, "location_id", &acc_n);
	struct owners o = owners_of(r, T_SERVICE_AT_LOCATION, "service_id", services,
				    service_count, d->listing_count, "services.csv");
	ROOM(d, o, locations, location_count);
	for (size_t row = 1; row < r->t[T_SERVICE_AT_LOCATION].count; row++) {
		struct listing *l = row_listing(r, &o, row);
		if (!l)
			continue;
		const char *sal = cid(r, T_SERVICE_AT_LOCATION, row, "id", true);
		const char *loc = cid(r, T_SERVICE_AT_LOCATION, row, "location_id", true);
		long at = find(locs, loc_n, loc);
		if (loc && at < 0) {
			cproblem(r, T_SERVICE_AT_LOCATION, row, "location_id",
				 "is not in locations.csv");
			continue;
		}
		if (at < 0)
			continue;
		struct community_location *p = &l->locations[l->location_count++];
		read_location(r, (size_t)at, addresses, addr_n, access, acc_n, p);
		p->service_at_location_id = sal;
	}
}

static void read_schedules(struct pread *r, const struct key *services, size_t service_count)
{
	struct exchange_directory *d = r->d;
	static const char *const freqs[] = {"WEEKLY", "MONTHLY", NULL};
	enum table_id t = T_SCHEDULE;
	struct owners o = owners_of(r, t, "service_id", services, service_count,
				    d->listing_count, "services.csv");
	ROOM(d, o, schedules, schedule_count);
	for (size_t row = 1; row < r->t[t].count; row++) {
		struct listing *l = row_listing(r, &o, row);
		if (!l)
			continue;
		struct community_schedule *s = &l->schedules[l->schedule_count++];
		s->id = cid(r, t, row, "id", true);
		s->service_at_location_id = cid(r, t, row, "service_at_location_id", false);
		s->freq = ctext(r, t, row, "freq", false);
		if (s->freq && !exchange_in(s->freq, freqs))
			cproblem(r, t, row, "freq", "must be WEEKLY or MONTHLY");
		s->interval = cwhole(r, t, row, "interval", 1);
		s->byday = ctext(r, t, row, "byday", false);
		s->bymonthday = ctext(r, t, row, "bymonthday", false);
		s->dtstart = cdate(r, t, row, "dtstart");
		s->valid_from = cdate(r, t, row, "valid_from");
		s->valid_to = cdate(r, t, row, "valid_to");
		s->opens_at = ctime_of_day(r, t, row, "opens_at");
		s->closes_at = ctime_of_day(r, t, row, "closes_at");
		s->description = ctext(r, t, row, "description", false);
		s->attending_type = ctext(r, t, row, "attending_type", false);
		s->notes = ctext(r, t, row, "notes", false);
	}
}

static void read_contacts(struct pread *r, const struct key *services, size_t service_count)
{
	struct exchange_directory *d = r->d;
	struct owners o = owners_of(r, T_CONTACT, "service_id", services, service_count,
				    d->listing_count, "services.csv");
	ROOM(d, o, contacts, contact_count);
	size_t contact_n;
	struct key *contacts = index_rows(r, T_CONTACT, &contact_n);
	struct owners ph = owners_of(r, T_PHONE, "contact_id", contacts, contact_n,
				     r->t[T_CONTACT].count, "contacts.csv");
	struct community_contact **at =
		arena_alloc(r->a, (r->t[T_CONTACT].count + 1) * sizeof *at);
	for (size_t row = 1; row < r->t[T_CONTACT].count; row++) {
		struct listing *l = row_listing(r, &o, row);
		if (!l)
			continue;
		struct community_contact *c = &l->contacts[l->contact_count++];
		at[row] = c;
		c->id = cid(r, T_CONTACT, row, "id", true);
		c->name = ctext(r, T_CONTACT, row, "name", false);
		c->title = ctext(r, T_CONTACT, row, "title", false);
		c->email = ctext(r, T_CONTACT, row, "email", false);
		c->phones = arena_alloc(r->a, (ph.count[row] + 1) * sizeof *c->phones);
	}
	for (size_t row = 1; row < r->t[T_PHONE].count; row++) {
		if (ph.of[row] < 0 || !at[ph.of[row]])
			continue;
		struct community_contact *c = at[ph.of[row]];
		r->bad = false;
		r->record = o.of[ph.of[row]];
		struct community_phone *p = &c->phones[c->phone_count++];
		p->id = cid(r, T_PHONE, row, "id", true);
		p->number = ctext(r, T_PHONE, row, "number", true);
		p->description = ctext(r, T_PHONE, row, "description", false);
	}
}

/* Costs, languages, service areas and attributes: one row, one record. */
static void read_lists(struct pread *r, const struct key *services, size_t service_count)
{
	struct exchange_directory *d = r->d;
	struct owners o = owners_of(r, T_COST_OPTION, "service_id", services, service_count,
				    d->listing_count, "services.csv");
	ROOM(d, o, costs, cost_count);
	for (size_t row = 1; row < r->t[T_COST_OPTION].count; row++) {
		struct listing *l = row_listing(r, &o, row);
		if (!l)
			continue;
		struct community_cost *c = &l->costs[l->cost_count++];
		c->id = cid(r, T_COST_OPTION, row, "id", true);
		c->option = ctext(r, T_COST_OPTION, row, "option", false);
		c->has_amount = cnumber(r, T_COST_OPTION, row, "amount", &c->amount);
		c->amount_description = ctext(r, T_COST_OPTION, row, "amount_description", false);
		c->valid_from = cdate(r, T_COST_OPTION, row, "valid_from");
		c->valid_to = cdate(r, T_COST_OPTION, row, "valid_to");
	}
	o = owners_of(r, T_LANGUAGE, "service_id", services, service_count, d->listing_count,
		      "services.csv");
	ROOM(d, o, languages, language_count);
	for (size_t row = 1; row < r->t[T_LANGUAGE].count; row++) {
		struct listing *l = row_listing(r, &o, row);
		if (!l)
			continue;
		struct community_language *g = &l->languages[l->language_count++];
		g->id = cid(r, T_LANGUAGE, row, "id", true);
		g->name = ctext(r, T_LANGUAGE, row, "name", false);
		g->code = ctext(r, T_LANGUAGE, row, "code", false);
		g->note = ctext(r, T_LANGUAGE, row, "note", false);
	}
	o = owners_of(r, T_SERVICE_AREA, "service_id", services, service_count,
		      d->listing_count, "services.csv");
	ROOM(d, o, service_areas, service_area_count);
	for (size_t row = 1; row < r->t[T_SERVICE_AREA].count; row++) {
		struct listing *l = row_listing(r, &o, row);
		if (!l)
			continue;
		struct community_service_area *s = &l->service_areas[l->service_area_count++];
		s->id = cid(r, T_SERVICE_AREA, row, "id", true);
		s->name = ctext(r, T_SERVICE_AREA, row, "name", false);
		s->uri = ctext(r, T_SERVICE_AREA, row, "uri", false);
	}
	o = owners_of(r, T_ATTRIBUTE, "link_id", services, service_count, d->listing_count,
		      "services.csv");
	ROOM(d, o, terms, term_count);
	for (size_t row = 1; row < r->t[T_ATTRIBUTE].count; row++) {
		struct listing *l = row_listing(r, &o, row);
		if (!l)
			continue;
		struct community_term_ref *t = &l->terms[l->term_count++];
		t->attribute_id = cid(r, T_ATTRIBUTE, row, "id", true);
		t->term_id = cid(r, T_ATTRIBUTE, row, "taxonomy_term_id", true);
	}
}

int exchange_read_package(struct arena *a, const char *dir, struct exchange_directory *out,
			  struct err *e)
{
	*out = (struct exchange_directory){0};
	struct pread r = {.a = a, .d = out, .record = -1};
	int rc = read_package(&r, dir, e);
	if (rc != RESULT_OK || out->problem_count)
		return rc != RESULT_OK ? rc : exchange_problems_result(out, e);
	read_taxonomies(&r);
	size_t n = r.t[T_SERVICE].count - 1;
	if (n > EXCHANGE_RECORDS_MAX) {
		exchange_problem(out, a, -1, "services.csv: too many records in one file");
		return exchange_problems_result(out, e);
	}
	out->listings = arena_alloc(a, (n + 1) * sizeof *out->listings);
	out->origins = arena_alloc(a, (n + 1) * sizeof *out->origins);
	size_t org_n;
	struct key *orgs = index_rows(&r, T_ORGANIZATION, &org_n);
	struct key *services = arena_alloc(a, (n + 1) * sizeof *services);
	size_t service_n = 0;
	for (size_t row = 1; row <= n; row++) {
		r.bad = false;
		r.record = (long)(row - 1);
		struct listing *l = &out->listings[out->listing_count];
		out->origins[out->listing_count] =
			(struct exchange_origin){r.t[T_SERVICE].rows[row].line, NULL};
		read_service(&r, row, orgs, org_n, l);
		if (l->id)
			services[service_n++] = (struct key){l->id, out->listing_count};
		out->listing_count++;
	}
	qsort(services, service_n, sizeof *services, key_cmp);
	for (size_t i = 1; i < service_n; i++)
		if (strcmp(services[i - 1].id, services[i].id) == 0) {
			r.bad = false;
			r.record = (long)services[i].at;
			cproblem(&r, T_SERVICE, services[i].at + 1, "id", "is given twice");
		}
	read_places(&r, services, service_n);
	read_schedules(&r, services, service_n);
	read_contacts(&r, services, service_n);
	read_lists(&r, services, service_n);
	for (size_t i = 0; i < out->listing_count; i++)
		out->listings[i].free = exchange_free_from_costs(&out->listings[i]);
	return exchange_problems_result(out, e);
}
