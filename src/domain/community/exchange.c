/* Reading ORUK JSON into listings (exchange.h); the data package is in
 * exchange_csv.c and the database side in exchange_db.c. */
#include "domain/community/exchange.h"
#include "domain/community/exchange_parse.h"

#include "core/arena.h"
#include "core/date.h"
#include "core/err.h"
#include "core/id.h"
#include "domain/community/listing.h"
#include "domain/community/taxonomy.h"

#include <ctype.h>
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

void exchange_problem(struct exchange_directory *d, struct arena *a, long record,
		      const char *message)
{
	if (!d->problems)
		d->problems = arena_alloc(a, EXCHANGE_PROBLEMS_MAX * sizeof *d->problems);
	if (d->problem_count < EXCHANGE_PROBLEMS_MAX)
		d->problems[d->problem_count++] =
			(struct exchange_problem){record, arena_strdup(a, message)};
	else
		d->problems_left_off++;
}

int exchange_problems_result(const struct exchange_directory *d, struct err *e)
{
	if (!d->problem_count)
		return RESULT_OK;
	err_field(e, NULL, "%s", d->problems[0].message);
	return RESULT_INVALID;
}

const char *exchange_uuid(struct arena *a, const char *s)
{
	if (!s || strlen(s) != ID_UUID_LEN)
		return NULL;
	char *low = arena_strdup(a, s);
	for (char *p = low; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return id_uuid_valid(low) ? low : NULL;
}

const char *exchange_date(struct arena *a, const char *s)
{
	struct date d;
	if (!s || strlen(s) < 10)
		return NULL;
	char *day = arena_strndup(a, s, 10);
	/* An instant ("2023-03-15T10:30:45Z") is taken for its day. */
	if (s[10] != '\0' && s[10] != 'T' && s[10] != ' ')
		return NULL;
	return date_parse(day, &d) ? day : NULL;
}

const char *exchange_time(struct arena *a, const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (n != 5 && n != 8)
		return NULL;
	for (size_t i = 0; i < n; i++)
		if ((i % 3 == 2) ? s[i] != ':' : !isdigit((unsigned char)s[i]))
			return NULL;
	int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
	if (h > 23 || m > 59 || (n == 8 && strcmp(s + 6, "00") != 0))
		return NULL;
	return arena_strndup(a, s, 5);
}

bool exchange_in(const char *s, const char *const *list)
{
	for (size_t i = 0; list[i]; i++)
		if (strcmp(s, list[i]) == 0)
			return true;
	return false;
}

const char *const exchange_location_types[] = {"physical", "postal", "virtual", NULL};

/* ---- JSON ------------------------------------------------------------ */

/* Where the reader is: the path so far, and the record it belongs to. */
struct jread {
	struct arena *a;
	struct exchange_directory *d;
	long record;
	bool bad;               /* this record has a problem */
	size_t term_cap, taxonomy_cap;
};

static void jproblem(struct jread *r, const char *path, const char *key, const char *what)
{
	r->bad = true;
	char msg[512];
	snprintf(msg, sizeof msg, "%s%s%s: %s", path, key ? "." : "", key ? key : "", what);
	exchange_problem(r->d, r->a, r->record, msg);
}

static const char *jpath(struct jread *r, const char *path, const char *key, long index)
{
	return index < 0 ? arena_printf(r->a, "%s.%s", path, key)
			 : arena_printf(r->a, "%s.%s[%ld]", path, key, index);
}

/* A text field: NULL when absent, null or "" (ORUK omits empty fields). */
static const char *jtext(struct jread *r, json_t *o, const char *path, const char *key,
			 bool required)
{
	json_t *v = json_object_get(o, key);
	if (!v || json_is_null(v) || (json_is_string(v) && json_string_length(v) == 0)) {
		if (required)
			jproblem(r, path, key, "is required");
		return NULL;
	}
	if (!json_is_string(v)) {
		jproblem(r, path, key, "must be text");
		return NULL;
	}
	return arena_strndup(r->a, json_string_value(v), json_string_length(v));
}

static const char *jid(struct jread *r, json_t *o, const char *path, const char *key,
		       bool required)
{
	const char *s = jtext(r, o, path, key, required);
	if (!s)
		return NULL;
	const char *id = exchange_uuid(r->a, s);
	if (!id)
		jproblem(r, path, key, "must be a UUID (8-4-4-4-12 hexadecimal digits)");
	return id;
}

static const char *jdate(struct jread *r, json_t *o, const char *path, const char *key)
{
	const char *s = jtext(r, o, path, key, false);
	const char *d = s ? exchange_date(r->a, s) : NULL;
	if (s && !d)
		jproblem(r, path, key, "must be a date, YYYY-MM-DD");
	return d;
}

static const char *jtime(struct jread *r, json_t *o, const char *path, const char *key)
{
	const char *s = jtext(r, o, path, key, false);
	const char *t = s ? exchange_time(r->a, s) : NULL;
	if (s && !t)
		jproblem(r, path, key, "must be a time of day, HH:MM");
	return t;
}

static bool jnumber(struct jread *r, json_t *o, const char *path, const char *key, double *out)
{
	json_t *v = json_object_get(o, key);
	if (!v || json_is_null(v))
		return false;
	if (!json_is_number(v)) {
		jproblem(r, path, key, "must be a number");
		return false;
	}
	*out = json_number_value(v);
	return true;
}

static long jwhole(struct jread *r, json_t *o, const char *path, const char *key, long absent)
{
	double v;
	if (!jnumber(r, o, path, key, &v))
		return absent;
	if (v != (double)(long)v || v < 0 || v > 1000000) {
		jproblem(r, path, key, "must be a whole number, 0 or more");
		return absent;
	}
	return (long)v;
}

/* The array at key (absent or null: none); *n its length. */
static json_t *jarray(struct jread *r, json_t *o, const char *path, const char *key, size_t *n)
{
	json_t *v = json_object_get(o, key);
	*n = 0;
	if (!v || json_is_null(v))
		return NULL;
	if (!json_is_array(v)) {
		jproblem(r, path, key, "must be a list");
		return NULL;
	}
	*n = json_array_size(v);
	return v;
}

/* Element i of arr as an object, or NULL with a problem. */
static json_t *jelement(struct jread *r, json_t *arr, const char *path, const char *key,
			size_t i)
{
	json_t *v = json_array_get(arr, i);
	if (!json_is_object(v)) {
		jproblem(r, jpath(r, path, key, (long)i), NULL, "must be an object");
		return NULL;
	}
	return v;
}

/* A term nested in a service's attribute is only a reference (ORUK lists
 * leave its description empty): a whole one read later replaces it, and
 * exchange_import never lets one change a stored term. */
static void add_term(struct jread *r, const struct taxonomy_term *t, bool reference)
{
	struct exchange_directory *d = r->d;
	for (size_t i = 0; i < d->term_count; i++)
		if (strcmp(d->terms[i].id, t->id) == 0) {
			if (d->term_reference[i] && !reference) {
				d->terms[i] = *t;
				d->term_reference[i] = false;
			}
			return;
		}
	size_t cap = r->term_cap;
	d->terms = arena_grow(r->a, d->terms, d->term_count, &r->term_cap, sizeof *d->terms);
	d->term_reference = arena_grow(r->a, d->term_reference, d->term_count, &cap,
				       sizeof *d->term_reference);
	d->term_reference[d->term_count] = reference;
	d->terms[d->term_count++] = *t;
}

static bool read_taxonomy_fields(struct jread *r, json_t *o, const char *path,
				 struct taxonomy *t)
{
	t->id = jid(r, o, path, "id", true);
	t->name = jtext(r, o, path, "name", true);
	t->description = jtext(r, o, path, "description", false);
	if (!t->description)
		t->description = "";
	t->uri = jtext(r, o, path, "uri", false);
	t->version = jtext(r, o, path, "version", false);
	return !r->bad;
}

static void add_taxonomy(struct jread *r, const struct taxonomy *t)
{
	struct exchange_directory *d = r->d;
	for (size_t i = 0; i < d->taxonomy_count; i++)
		if (strcmp(d->taxonomies[i].id, t->id) == 0)
			return;
	d->taxonomies = arena_grow(r->a, d->taxonomies, d->taxonomy_count, &r->taxonomy_cap,
				   sizeof *d->taxonomies);
	d->taxonomies[d->taxonomy_count++] = *t;
}

/* A taxonomy term object; taxonomy_id defaults to `of`. */
static const char *read_term(struct jread *r, json_t *o, const char *path, const char *of,
			     bool reference)
{
	struct taxonomy_term t = {0};
	t.id = jid(r, o, path, "id", true);
	t.name = jtext(r, o, path, "name", true);
	t.description = jtext(r, o, path, "description", false);
	if (!t.description)
		t.description = "";
	t.code = jtext(r, o, path, "code", false);
	t.parent_id = jid(r, o, path, "parent_id", false);
	t.term_uri = jtext(r, o, path, "term_uri", false);
	t.taxonomy_id = jid(r, o, path, "taxonomy_id", false);
	json_t *detail = json_object_get(o, "taxonomy_detail");
	if (json_is_object(detail)) {
		struct taxonomy tx = {0};
		const char *dpath = jpath(r, path, "taxonomy_detail", -1);
		if (read_taxonomy_fields(r, detail, dpath, &tx)) {
			add_taxonomy(r, &tx);
			if (!t.taxonomy_id)
				t.taxonomy_id = tx.id;
		}
	}
	if (!t.taxonomy_id)
		t.taxonomy_id = of;
	if (r->bad)
		return NULL;
	add_term(r, &t, reference);
	return t.id;
}

static void read_taxonomy(struct jread *r, json_t *o, const char *path)
{
	struct taxonomy t = {0};
	if (!read_taxonomy_fields(r, o, path, &t))
		return;
	add_taxonomy(r, &t);
	size_t n;
	json_t *terms = jarray(r, o, path, "taxonomy_terms", &n);
	for (size_t i = 0; i < n; i++) {
		json_t *term = jelement(r, terms, path, "taxonomy_terms", i);
		if (term)
			read_term(r, term, jpath(r, path, "taxonomy_terms", (long)i), t.id, false);
	}
}

static void read_location(struct jread *r, json_t *sal, const char *path,
			  struct community_location *l)
{
	l->service_at_location_id = jid(r, sal, path, "id", true);
	json_t *o = json_object_get(sal, "location");
	const char *lpath = jpath(r, path, "location", -1);
	if (!json_is_object(o)) {
		jproblem(r, path, "location", o ? "must be an object" : "is required");
		return;
	}
	l->id = jid(r, o, lpath, "id", true);
	l->location_type = jtext(r, o, lpath, "location_type", true);
	if (l->location_type && !exchange_in(l->location_type, exchange_location_types))
		jproblem(r, lpath, "location_type", "must be physical, postal or virtual");
	l->name = jtext(r, o, lpath, "name", false);
	l->description = jtext(r, o, lpath, "description", false);
	bool has_lat = jnumber(r, o, lpath, "latitude", &l->latitude);
	bool has_lon = jnumber(r, o, lpath, "longitude", &l->longitude);
	l->has_point = has_lat && has_lon;
	size_t n;
	json_t *addresses = jarray(r, o, lpath, "addresses", &n);
	if (n) {
		json_t *ad = jelement(r, addresses, lpath, "addresses", 0);
		const char *apath = jpath(r, lpath, "addresses", 0);
		if (ad) {
			l->address_id = jid(r, ad, apath, "id", true);
			l->address_1 = jtext(r, ad, apath, "address_1", false);
			l->city = jtext(r, ad, apath, "city", false);
			l->postal_code = jtext(r, ad, apath, "postal_code", false);
		}
	}
	json_t *access = jarray(r, o, lpath, "accessibility", &n);
	if (n) {
		json_t *ac = jelement(r, access, lpath, "accessibility", 0);
		const char *cpath = jpath(r, lpath, "accessibility", 0);
		if (ac) {
			l->accessibility_id = jid(r, ac, cpath, "id", true);
			l->accessibility = jtext(r, ac, cpath, "description", false);
		}
	}
}

static void read_schedule(struct jread *r, json_t *o, const char *path, const char *sal_id,
			  struct community_schedule *s)
{
	static const char *const freqs[] = {"WEEKLY", "MONTHLY", NULL};
	s->id = jid(r, o, path, "id", true);
	s->service_at_location_id = sal_id ? sal_id : jid(r, o, path, "service_at_location_id", false);
	s->freq = jtext(r, o, path, "freq", false);
	if (s->freq && !exchange_in(s->freq, freqs))
		jproblem(r, path, "freq", "must be WEEKLY or MONTHLY");
	s->interval = jwhole(r, o, path, "interval", 1);
	s->byday = jtext(r, o, path, "byday", false);
	s->bymonthday = jtext(r, o, path, "bymonthday", false);
	s->dtstart = jdate(r, o, path, "dtstart");
	s->valid_from = jdate(r, o, path, "valid_from");
	s->valid_to = jdate(r, o, path, "valid_to");
	s->opens_at = jtime(r, o, path, "opens_at");
	s->closes_at = jtime(r, o, path, "closes_at");
	s->description = jtext(r, o, path, "description", false);
	s->attending_type = jtext(r, o, path, "attending_type", false);
	s->notes = jtext(r, o, path, "notes", false);
}

/* Reads the list at key into *items (count in *count), each through fn. */
#define READ_LIST(r, o, path, key, items, count, fn)                                   \
	do {                                                                           \
		size_t n_;                                                             \
		json_t *arr_ = jarray(r, o, path, key, &n_);                           \
		(items) = n_ ? arena_alloc((r)->a, n_ * sizeof *(items)) : NULL;       \
		(count) = 0;                                                           \
		for (size_t i_ = 0; i_ < n_; i_++) {                      \
			json_t *el_ = jelement(r, arr_, path, key, i_);                \
			if (el_)                                                       \
				fn(r, el_, jpath(r, path, key, (long)i_),              \
				   &(items)[(count)++]);                               \
		}                                                                      \
	} while (0)

static void read_phone(struct jread *r, json_t *o, const char *path, struct community_phone *p)
{
	p->id = jid(r, o, path, "id", true);
	p->number = jtext(r, o, path, "number", true);
	p->description = jtext(r, o, path, "description", false);
}

static void read_contact(struct jread *r, json_t *o, const char *path,
			 struct community_contact *c)
{
	c->id = jid(r, o, path, "id", true);
	c->name = jtext(r, o, path, "name", false);
	c->title = jtext(r, o, path, "title", false);
	c->email = jtext(r, o, path, "email", false);
	READ_LIST(r, o, path, "phones", c->phones, c->phone_count, read_phone);
}

static void read_cost(struct jread *r, json_t *o, const char *path, struct community_cost *c)
{
	c->id = jid(r, o, path, "id", true);
	c->option = jtext(r, o, path, "option", false);
	c->has_amount = jnumber(r, o, path, "amount", &c->amount);
	c->amount_description = jtext(r, o, path, "amount_description", false);
	c->valid_from = jdate(r, o, path, "valid_from");
	c->valid_to = jdate(r, o, path, "valid_to");
}

static void read_language(struct jread *r, json_t *o, const char *path,
			  struct community_language *l)
{
	l->id = jid(r, o, path, "id", true);
	l->name = jtext(r, o, path, "name", false);
	l->code = jtext(r, o, path, "code", false);
	l->note = jtext(r, o, path, "note", false);
}

static void read_service_area(struct jread *r, json_t *o, const char *path,
			      struct community_service_area *s)
{
	s->id = jid(r, o, path, "id", true);
	s->name = jtext(r, o, path, "name", false);
	s->uri = jtext(r, o, path, "uri", false);
}

static void read_attribute(struct jread *r, json_t *o, const char *path,
			   struct community_term_ref *t)
{
	t->attribute_id = jid(r, o, path, "id", true);
	t->term_id = jid(r, o, path, "taxonomy_term_id", false);
	json_t *term = json_object_get(o, "taxonomy_term");
	if (json_is_object(term)) {
		const char *id = read_term(r, term, jpath(r, path, "taxonomy_term", -1), NULL, true);
		if (!t->term_id)
			t->term_id = id;
	}
	/* A nested term at fault is named already. */
	if (!t->term_id && !json_is_object(term))
		jproblem(r, path, "taxonomy_term_id", "is required (or a taxonomy_term)");
}

int exchange_free_from_costs(const struct listing *l)
{
	int free = -1;
	for (size_t i = 0; i < l->cost_count; i++)
		if (l->costs[i].has_amount && l->costs[i].amount > 0)
			return 0;
		else if (l->costs[i].has_amount)
			free = 1;
	return free;
}

static void read_service(struct jread *r, json_t *o, const char *path, struct listing *l,
			 struct exchange_origin *origin)
{
	l->id = jid(r, o, path, "id", true);
	l->name = jtext(r, o, path, "name", true);
	l->status = jtext(r, o, path, "status", true);
	static const char *const statuses[] = {"active", "inactive", "defunct",
					       "temporarily closed", NULL};
	if (l->status && !exchange_in(l->status, statuses))
		jproblem(r, path, "status",
			 "must be active, inactive, defunct or temporarily closed");
	l->description = jtext(r, o, path, "description", false);
	l->url = jtext(r, o, path, "url", false);
	l->email = jtext(r, o, path, "email", false);
	l->fees_description = jtext(r, o, path, "fees_description", false);
	if (!l->fees_description)
		l->fees_description = jtext(r, o, path, "fees", false);
	l->how_to_join = jtext(r, o, path, "application_process", false);
	l->eligibility = jtext(r, o, path, "eligibility_description", false);
	l->minimum_age = jwhole(r, o, path, "minimum_age", -1);
	l->maximum_age = jwhole(r, o, path, "maximum_age", -1);
	l->alert = jtext(r, o, path, "alert", false);
	l->checked_on = jdate(r, o, path, "assured_date");
	l->last_modified = jtext(r, o, path, "last_modified", false);

	json_t *org = json_object_get(o, "organization");
	const char *opath = jpath(r, path, "organization", -1);
	if (json_is_object(org)) {
		l->organization.id = jid(r, org, opath, "id", true);
		l->organization.name = jtext(r, org, opath, "name", true);
		l->organization.description = jtext(r, org, opath, "description", false);
		l->organization.email = jtext(r, org, opath, "email", false);
		l->organization.website = jtext(r, org, opath, "website", false);
	} else if (org && !json_is_null(org)) {
		jproblem(r, path, "organization", "must be an object");
	}

	size_t n;
	json_t *sals = jarray(r, o, path, "service_at_locations", &n);
	l->locations = n ? arena_alloc(r->a, n * sizeof *l->locations) : NULL;
	size_t nested = 0;
	for (size_t i = 0; i < n; i++) {
		json_t *sal = jelement(r, sals, path, "service_at_locations", i);
		const char *spath = jpath(r, path, "service_at_locations", (long)i);
		if (!sal)
			break;
		read_location(r, sal, spath, &l->locations[l->location_count++]);
		size_t k;
		jarray(r, sal, spath, "schedules", &k);
		nested += k;
	}
	size_t own;
	json_t *scheds = jarray(r, o, path, "schedules", &own);
	l->schedules = own + nested ? arena_alloc(r->a, (own + nested) * sizeof *l->schedules)
				    : NULL;
	origin->schedule_paths =
		own + nested ? arena_alloc(r->a, (own + nested) * sizeof *origin->schedule_paths)
			     : NULL;
	for (size_t i = 0; i < own; i++) {
		json_t *s = jelement(r, scheds, path, "schedules", i);
		origin->schedule_paths[l->schedule_count] = arena_printf(r->a, "schedules[%zu]", i);
		if (s)
			read_schedule(r, s, jpath(r, path, "schedules", (long)i), NULL,
				      &l->schedules[l->schedule_count++]);
	}
	for (size_t i = 0; i < l->location_count; i++) {
		json_t *sal = json_array_get(sals, i);
		const char *spath = jpath(r, path, "service_at_locations", (long)i);
		size_t k;
		json_t *arr = jarray(r, sal, spath, "schedules", &k);
		for (size_t j = 0; j < k; j++) {
			json_t *s = jelement(r, arr, spath, "schedules", j);
			origin->schedule_paths[l->schedule_count] = arena_printf(
				r->a, "service_at_locations[%zu].schedules[%zu]", i, j);
			if (s)
				read_schedule(r, s, jpath(r, spath, "schedules", (long)j),
					      l->locations[i].service_at_location_id,
					      &l->schedules[l->schedule_count++]);
		}
	}
	READ_LIST(r, o, path, "contacts", l->contacts, l->contact_count, read_contact);
	READ_LIST(r, o, path, "cost_options", l->costs, l->cost_count, read_cost);
	READ_LIST(r, o, path, "languages", l->languages, l->language_count, read_language);
	READ_LIST(r, o, path, "service_areas", l->service_areas, l->service_area_count,
		  read_service_area);
	READ_LIST(r, o, path, "attributes", l->terms, l->term_count, read_attribute);
	l->free = exchange_free_from_costs(l);
}

enum jkind { J_SERVICES, J_TAXONOMIES, J_TERMS };

static enum jkind kind_of(json_t *first)
{
	if (json_object_get(first, "taxonomy_terms"))
		return J_TAXONOMIES;
	static const char *const term_keys[] = {"taxonomy_id", "taxonomy", "taxonomy_detail",
						"term", "code", "term_uri", "parent_id", NULL};
	if (!json_object_get(first, "status") && !json_object_get(first, "organization"))
		for (size_t i = 0; term_keys[i]; i++)
			if (json_object_get(first, term_keys[i]))
				return J_TERMS;
	return J_SERVICES;
}

static const char *const kind_names[] = {"services", "taxonomies", "taxonomy_terms"};

static void read_list(struct jread *r, json_t *arr, enum jkind kind)
{
	size_t n = json_array_size(arr);
	const char *name = kind_names[kind];
	if (n > EXCHANGE_RECORDS_MAX) {
		r->record = -1;
		jproblem(r, name, NULL, "too many records in one file");
		return;
	}
	struct exchange_directory *d = r->d;
	if (kind == J_SERVICES) {
		d->listings = arena_alloc(r->a, (n ? n : 1) * sizeof *d->listings);
		d->origins = arena_alloc(r->a, (n ? n : 1) * sizeof *d->origins);
		d->listing_count = 0;
	}
	for (size_t i = 0; i < n; i++) {
		r->record = (long)i;
		r->bad = false;
		const char *path = arena_printf(r->a, "%s[%zu]", name, i);
		json_t *o = json_array_get(arr, i);
		if (!json_is_object(o)) {
			jproblem(r, path, NULL, "must be an object");
			continue;
		}
		if (kind == J_SERVICES) {
			struct listing *l = &d->listings[d->listing_count];
			*l = (struct listing){0};
			d->origins[d->listing_count] = (struct exchange_origin){0};
			read_service(r, o, path, l, &d->origins[d->listing_count++]);
		} else if (kind == J_TAXONOMIES) {
			read_taxonomy(r, o, path);
		} else {
			read_term(r, o, path, NULL, false);
		}
	}
}

int exchange_parse_json(struct arena *a, const char *text, size_t len,
			struct exchange_directory *out, struct err *e)
{
	*out = (struct exchange_directory){0};
	struct jread r = {a, out, -1, false, 0, 0};
	json_error_t jerr;
	json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!root) {
		exchange_problem(out, a, -1,
				 arena_printf(a, "not JSON: %s at line %d, column %d", jerr.text,
					      jerr.line, jerr.column));
		return exchange_problems_result(out, e);
	}
	if (json_is_array(root)) {
		json_t *first = json_array_get(root, 0);
		read_list(&r, root, first ? kind_of(first) : J_SERVICES);
	} else if (!json_is_object(root)) {
		jproblem(&r, "(file)", NULL, "must be a list or an object");
	} else if (json_is_array(json_object_get(root, "contents"))) {
		json_t *contents = json_object_get(root, "contents");
		json_t *first = json_array_get(contents, 0);
		read_list(&r, contents, first ? kind_of(first) : J_SERVICES);
	} else if (json_object_get(root, "services") || json_object_get(root, "taxonomies")) {
		/* What exchange_export writes. */
		for (int k = J_TAXONOMIES; k >= J_SERVICES; k--) {
			json_t *arr = json_object_get(root, kind_names[k]);
			if (arr && !json_is_array(arr))
				jproblem(&r, kind_names[k], NULL, "must be a list");
			else if (arr)
				read_list(&r, arr, (enum jkind)k);
		}
		json_t *terms = json_object_get(root, "taxonomy_terms");
		if (terms && json_is_array(terms))
			read_list(&r, terms, J_TERMS);
	} else {
		enum jkind kind = kind_of(root);
		r.record = 0;
		if (kind == J_SERVICES) {
			out->listings = arena_alloc(a, sizeof *out->listings);
			out->origins = arena_alloc(a, sizeof *out->origins);
			*out->origins = (struct exchange_origin){0};
			out->listing_count = 1;
			read_service(&r, root, "service", out->listings, out->origins);
		} else if (kind == J_TAXONOMIES) {
			read_taxonomy(&r, root, "taxonomy");
		} else {
			read_term(&r, root, "taxonomy_term", NULL, false);
		}
	}
	json_decref(root);
	return exchange_problems_result(out, e);
}

/* ---- Files ------------------------------------------------------------ */

int exchange_read_file(struct arena *a, const char *path, const char **text, size_t *len,
		       struct err *e)
{
	struct stat st;
	if (stat(path, &st) < 0)
		return err_set(e, "%s: %s", path, strerror(errno));
	if (st.st_size > EXCHANGE_BYTES_MAX)
		return err_set(e, "%s: larger than %ld MB", path,
			       EXCHANGE_BYTES_MAX / (1024 * 1024));
	FILE *f = fopen(path, "rb");
	if (!f)
		return err_set(e, "%s: %s", path, strerror(errno));
	size_t size = (size_t)st.st_size;
	char *buf = arena_alloc(a, size + 1);
	size_t got = fread(buf, 1, size, f);
	bool failed = ferror(f) || got != size;
	fclose(f);
	if (failed)
		return err_set(e, "%s: cannot be read", path);
	*text = buf;
	*len = size;
	return RESULT_OK;
}

int exchange_read(struct arena *a, const char *path, struct exchange_directory *out,
		  struct err *e)
{
	*out = (struct exchange_directory){0};
	struct stat st;
	if (stat(path, &st) < 0)
		return err_set(e, "%s: %s", path, strerror(errno));
	if (S_ISDIR(st.st_mode))
		return exchange_read_package(a, path, out, e);
	const char *text;
	size_t len;
	int rc = exchange_read_file(a, path, &text, &len, e);
	return rc == RESULT_OK ? exchange_parse_json(a, text, len, out, e) : rc;
}
