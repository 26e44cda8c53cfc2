/* The community directory's listings as JSON for staff: read whole, saved
 * whole, checked, retired, their versions, and those due for review. */
#include "api/api.h"

#include "core/arena.h"
#include "core/config.h"
#include "domain/areas/lookup.h"
#include "domain/community/listing.h"
#include "http/app.h"
#include "http/http.h"
#include "http/json_input.h"

#include <stdlib.h>
#include <string.h>

/* Sets key to s, leaving it out when s is NULL or empty, as ORUK does. */
static void put(json_t *o, const char *key, const char *s)
{
	if (s && *s)
		json_object_set_new(o, key, json_string(s));
}

/* An object of the given keys, those without a value left out. */
#define FIELDS(o, ...)                                                                         \
	fields((o), (const char *const[]){__VA_ARGS__},                                        \
	       sizeof((const char *const[]){__VA_ARGS__}) / sizeof(const char *))

static json_t *fields(json_t *o, const char *const *pairs, size_t n)
{
	for (size_t i = 0; i + 1 < n; i += 2)
		put(o, pairs[i], pairs[i + 1]);
	return o;
}

static void put_age(json_t *o, const char *key, long age)
{
	if (age >= 0)
		json_object_set_new(o, key, json_integer(age));
}

static json_t *location_json(const struct community_location *l)
{
	json_t *o = FIELDS(json_object(), "id", l->id, "service_at_location_id",
			   l->service_at_location_id, "location_type", l->location_type, "name",
			   l->name, "description", l->description, "address_1", l->address_1, "city",
			   l->city, "postal_code", l->postal_code);
	if (l->has_point) {
		json_object_set_new(o, "latitude", json_real(l->latitude));
		json_object_set_new(o, "longitude", json_real(l->longitude));
	}
	return FIELDS(o, "ward_code", l->ward_code, "ward_name", l->ward_name, "area_id",
		      l->area_id, "area_name", l->area_name, "accessibility", l->accessibility,
		      "address_id", l->address_id, "accessibility_id", l->accessibility_id);
}

static json_t *schedule_json(const struct community_schedule *s)
{
	json_t *o = FIELDS(json_object(), "id", s->id, "service_at_location_id",
			   s->service_at_location_id, "freq", s->freq);
	json_object_set_new(o, "interval", json_integer(s->interval));
	return FIELDS(o, "byday", s->byday, "bymonthday", s->bymonthday, "dtstart", s->dtstart,
		      "valid_from", s->valid_from, "valid_to", s->valid_to, "opens_at", s->opens_at,
		      "closes_at", s->closes_at, "description", s->description, "attending_type",
		      s->attending_type, "notes", s->notes, "original_text", s->original_text);
}

static json_t *contact_json(const struct community_contact *c)
{
	json_t *o = json_object(), *phones = json_array();
	put(o, "id", c->id);
	put(o, "name", c->name);
	put(o, "title", c->title);
	put(o, "email", c->email);
	json_object_set_new(o, "public", json_boolean(c->public));
	put(o, "agreed_on", c->agreed_on);
	for (size_t i = 0; i < c->phone_count; i++) {
		const struct community_phone *p = &c->phones[i];
		json_array_append_new(phones, FIELDS(json_object(), "id", p->id, "number", p->number,
						     "description", p->description));
	}
	json_object_set_new(o, "phones", phones);
	return o;
}

static json_t *others_json(const struct listing *l, json_t *o)
{
	json_t *costs = json_array(), *languages = json_array(), *areas = json_array(),
	       *terms = json_array();
	for (size_t i = 0; i < l->cost_count; i++) {
		const struct community_cost *c = &l->costs[i];
		json_t *x = json_object();
		put(x, "id", c->id);
		put(x, "option", c->option);
		if (c->has_amount)
			json_object_set_new(x, "amount", json_real(c->amount));
		put(x, "amount_description", c->amount_description);
		put(x, "valid_from", c->valid_from);
		put(x, "valid_to", c->valid_to);
		json_array_append_new(costs, x);
	}
	for (size_t i = 0; i < l->language_count; i++) {
		const struct community_language *x = &l->languages[i];
		json_array_append_new(languages, FIELDS(json_object(), "id", x->id, "name", x->name,
							"code", x->code, "note", x->note));
	}
	for (size_t i = 0; i < l->service_area_count; i++) {
		const struct community_service_area *x = &l->service_areas[i];
		json_array_append_new(areas, FIELDS(json_object(), "id", x->id, "name", x->name,
						    "area_id", x->area_id, "uri", x->uri));
	}
	for (size_t i = 0; i < l->term_count; i++) {
		const struct community_term_ref *x = &l->terms[i];
		json_array_append_new(terms, FIELDS(json_object(), "attribute_id", x->attribute_id,
						    "term_id", x->term_id, "taxonomy_id",
						    x->taxonomy_id, "name", x->name, "code", x->code));
	}
	json_object_set_new(o, "cost_options", costs);
	json_object_set_new(o, "languages", languages);
	json_object_set_new(o, "service_areas", areas);
	json_object_set_new(o, "terms", terms);
	return o;
}

/* The staff view of a listing: what a PUT takes back, and what it only
 * shows (ward and area names, checks, retirement, the source). */
static json_t *listing_json(const struct listing *l)
{
	json_t *o = json_object();
	put(o, "id", l->id);
	json_object_set_new(o, "version", json_integer(l->version));
	put(o, "status", l->status);
	put(o, "name", l->name);
	put(o, "description", l->description);
	put(o, "url", l->url);
	put(o, "email", l->email);
	put(o, "fees_description", l->fees_description);
	if (l->free >= 0)
		json_object_set_new(o, "free", json_boolean(l->free));
	put(o, "how_to_join", l->how_to_join);
	put(o, "eligibility", l->eligibility);
	put_age(o, "minimum_age", l->minimum_age);
	put_age(o, "maximum_age", l->maximum_age);
	put(o, "accessibility", l->accessibility);
	put(o, "alert", l->alert);
	json_object_set_new(o, "demo", json_boolean(l->demo));
	put(o, "source_id", l->source_id);
	if (l->source)
		json_object_set_new(o, "source",
				    json_pack("{s:s,s:s,s:s,s:s?,s:b}", "name", l->source->name,
					      "attribution", l->source->attribution, "licence",
					      l->source->licence, "url", l->source->url,
					      "contacts_public", l->source->contacts_public));
	put(o, "checked_on", l->checked_on);
	put(o, "checked_by_name", l->checked_by_name);
	put(o, "review_reason", l->review_reason);
	json_object_set_new(o, "needs_review", json_boolean(l->needs_review));
	put(o, "retired_at", l->retired_at);
	put(o, "retired_by_name", l->retired_by_name);
	put(o, "retired_reason", l->retired_reason);
	put(o, "created_at", l->created_at);
	put(o, "last_modified", l->last_modified);
	const struct community_organization *org = &l->organization;
	json_object_set_new(o, "organization",
			    FIELDS(json_object(), "id", org->id, "name", org->name, "description",
				   org->description, "email", org->email, "website", org->website));
	json_t *locations = json_array(), *schedules = json_array(), *contacts = json_array();
	for (size_t i = 0; i < l->location_count; i++)
		json_array_append_new(locations, location_json(&l->locations[i]));
	for (size_t i = 0; i < l->schedule_count; i++)
		json_array_append_new(schedules, schedule_json(&l->schedules[i]));
	for (size_t i = 0; i < l->contact_count; i++)
		json_array_append_new(contacts, contact_json(&l->contacts[i]));
	json_object_set_new(o, "locations", locations);
	json_object_set_new(o, "schedules", schedules);
	json_object_set_new(o, "contacts", contacts);
	return others_json(l, o);
}

static const char *str(json_t *o, const char *key)
{
	return json_input_string(o, key);
}

static long integer_or(json_t *o, const char *key, long none)
{
	json_t *v = json_object_get(o, key);
	return v ? (long)json_integer_value(v) : none;
}

/* Each item of the list at key, read by `read` into an array of `size`. */
static void *items(json_t *body, const char *key, size_t size, size_t *count, struct arena *a,
		   void (*read)(json_t *, void *, struct arena *))
{
	json_t *list = json_object_get(body, key);
	*count = json_array_size(list);
	char *out = arena_alloc(a, (*count + 1) * size);
	for (size_t i = 0; i < *count; i++)
		read(json_array_get(list, i), out + i * size, a);
	return out;
}

static void location_in(json_t *o, void *out, struct arena *a)
{
	(void)a;
	json_t *lat = json_object_get(o, "latitude"), *lon = json_object_get(o, "longitude");
	*(struct community_location *)out = (struct community_location){
		.id = str(o, "id"),
		.service_at_location_id = str(o, "service_at_location_id"),
		.location_type = str(o, "location_type"),
		.name = str(o, "name"),
		.description = str(o, "description"),
		.address_1 = str(o, "address_1"),
		.city = str(o, "city"),
		.postal_code = str(o, "postal_code"),
		.has_point = lat && lon,
		.latitude = json_number_value(lat),
		.longitude = json_number_value(lon),
		.accessibility = str(o, "accessibility"),
		.address_id = str(o, "address_id"),
		.accessibility_id = str(o, "accessibility_id"),
	};
}

static void schedule_in(json_t *o, void *out, struct arena *a)
{
	(void)a;
	*(struct community_schedule *)out = (struct community_schedule){
		.id = str(o, "id"),
		.service_at_location_id = str(o, "service_at_location_id"),
		.freq = str(o, "freq"),
		.interval = integer_or(o, "interval", 1),
		.byday = str(o, "byday"),
		.bymonthday = str(o, "bymonthday"),
		.dtstart = str(o, "dtstart"),
		.valid_from = str(o, "valid_from"),
		.valid_to = str(o, "valid_to"),
		.opens_at = str(o, "opens_at"),
		.closes_at = str(o, "closes_at"),
		.description = str(o, "description"),
		.attending_type = str(o, "attending_type"),
		.notes = str(o, "notes"),
		.original_text = str(o, "original_text"),
	};
}

static void phone_in(json_t *o, void *out, struct arena *a)
{
	(void)a;
	*(struct community_phone *)out = (struct community_phone){
		str(o, "id"), str(o, "number"), str(o, "description")};
}

static void contact_in(json_t *o, void *out, struct arena *a)
{
	struct community_contact *c = out;
	*c = (struct community_contact){
		.id = str(o, "id"),
		.name = str(o, "name"),
		.title = str(o, "title"),
		.email = str(o, "email"),
		.public = json_is_true(json_object_get(o, "public")),
		.agreed_on = str(o, "agreed_on"),
	};
	c->phones = items(o, "phones", sizeof *c->phones, &c->phone_count, a, phone_in);
}

static void cost_in(json_t *o, void *out, struct arena *a)
{
	(void)a;
	json_t *amount = json_object_get(o, "amount");
	*(struct community_cost *)out = (struct community_cost){
		str(o, "id"),		      str(o, "option"),	    amount != NULL,
		json_number_value(amount), str(o, "amount_description"), str(o, "valid_from"),
		str(o, "valid_to")};
}

static void language_in(json_t *o, void *out, struct arena *a)
{
	(void)a;
	*(struct community_language *)out = (struct community_language){
		str(o, "id"), str(o, "name"), str(o, "code"), str(o, "note")};
}

static void area_in(json_t *o, void *out, struct arena *a)
{
	(void)a;
	*(struct community_service_area *)out = (struct community_service_area){
		str(o, "id"), str(o, "name"), str(o, "area_id"), str(o, "uri")};
}

static void term_in(json_t *o, void *out, struct arena *a)
{
	(void)a;
	*(struct community_term_ref *)out = (struct community_term_ref){
		.attribute_id = str(o, "attribute_id"), .term_id = str(o, "term_id")};
}

/* The listing a body describes; what it only shows is not read. */
static struct listing listing_in(json_t *body, const char *id, struct arena *a)
{
	json_t *free_value = json_object_get(body, "free"), *org = json_object_get(body, "organization");
	struct listing l = {
		.id = id,
		.version = integer_or(body, "version", 0),
		.status = str(body, "status"),
		.name = str(body, "name"),
		.description = str(body, "description"),
		.url = str(body, "url"),
		.email = str(body, "email"),
		.fees_description = str(body, "fees_description"),
		.free = free_value ? json_is_true(free_value) : -1,
		.how_to_join = str(body, "how_to_join"),
		.eligibility = str(body, "eligibility"),
		.minimum_age = integer_or(body, "minimum_age", -1),
		.maximum_age = integer_or(body, "maximum_age", -1),
		.accessibility = str(body, "accessibility"),
		.alert = str(body, "alert"),
		.demo = json_is_true(json_object_get(body, "demo")),
		.source_id = str(body, "source_id"),
		.note = str(body, "note"),
		.organization = {str(org, "id"), str(org, "name"), str(org, "description"),
				 str(org, "email"), str(org, "website")},
	};
	l.locations = items(body, "locations", sizeof *l.locations, &l.location_count, a,
			    location_in);
	l.schedules = items(body, "schedules", sizeof *l.schedules, &l.schedule_count, a,
			    schedule_in);
	l.contacts = items(body, "contacts", sizeof *l.contacts, &l.contact_count, a, contact_in);
	l.costs = items(body, "cost_options", sizeof *l.costs, &l.cost_count, a, cost_in);
	l.languages = items(body, "languages", sizeof *l.languages, &l.language_count, a,
			    language_in);
	l.service_areas = items(body, "service_areas", sizeof *l.service_areas,
				&l.service_area_count, a, area_in);
	l.terms = items(body, "terms", sizeof *l.terms, &l.term_count, a, term_in);
	return l;
}

static int review_months(const struct http_request *req)
{
	return req->app->config->directory_review_months;
}

/* The listing as it now stands, with status. */
static int send_listing(struct http_request *req, struct http_response *res, int status,
			const char *id)
{
	struct listing l;
	struct err e;
	int rc = listing_get(req->app->db, req->who, LISTING_STAFF, review_months(req), id,
			     req->arena, &l, &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	return http_send_json(req, res, status, listing_json(&l));
}

int api_listing(struct http_request *req, struct http_response *res)
{
	return send_listing(req, res, 200, http_path_param(req, "id"));
}

int api_listing_save(struct http_request *req, struct http_response *res)
{
	struct listing in = listing_in(req->json, http_path_param(req, "id"), req->arena);
	if (!http_path_param(req, "id"))
		in.version = 0;
	struct lookup_context ctx = {req->app->db, req->map, req->app->config->near_metres,
				     req->postcodes};
	const char *id;
	struct err e;
	int rc = listing_save(req->app->db, req->who, &ctx, &in, req->arena, &id, NULL, &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	if (in.version == 0)
		http_add_header(res, "Location",
				arena_printf(req->arena, "/api/v1/community/listings/%s", id));
	return send_listing(req, res, in.version == 0 ? 201 : 200, id);
}

int api_listing_check(struct http_request *req, struct http_response *res)
{
	const char *id = http_path_param(req, "id");
	struct err e;
	int rc = listing_check(req->app->db, req->who, id, integer_or(req->json, "version", 0),
			       req->arena, &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	return send_listing(req, res, 200, id);
}

int api_listing_retire(struct http_request *req, struct http_response *res)
{
	const char *id = http_path_param(req, "id");
	struct err e;
	int rc = listing_retire(req->app->db, req->who, id, integer_or(req->json, "version", 0),
				str(req->json, "reason"), req->arena, &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	return send_listing(req, res, 200, id);
}

int api_listing_versions(struct http_request *req, struct http_response *res)
{
	struct listing_version_entry *v;
	size_t n;
	struct err e;
	int rc = listing_history(req->app->db, req->who, http_path_param(req, "id"), req->arena,
				 &v, &n, &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	json_t *list = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(list, json_pack("{s:i,s:s,s:s,s:s?}", "version",
						      (json_int_t)v[i].version, "made_by_name",
						      v[i].made_by_name, "made_at", v[i].made_at,
						      "note", v[i].note));
	return http_send_json(req, res, 200, json_pack("{s:o}", "versions", list));
}

int api_listing_version(struct http_request *req, struct http_response *res)
{
	const char *document;
	struct err e;
	int rc = listing_version(req->app->db, req->who, http_path_param(req, "id"),
				 strtol(http_path_param(req, "n"), NULL, 10), req->arena, &document,
				 &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	json_t *doc = json_loads(document, 0, NULL);
	if (!doc)
		return err_set(&req->err, "listing version %s is not JSON", http_path_param(req, "n"));
	return http_send_json(req, res, 200, doc);
}

int api_listing_review(struct http_request *req, struct http_response *res)
{
	struct listing_summary *due;
	size_t n;
	struct err e;
	int rc = listing_review_list(req->app->db, req->who, review_months(req), req->arena, &due,
				     &n, &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	json_t *list = json_array();
	for (size_t i = 0; i < n; i++) {
		const struct listing_summary *d = &due[i];
		json_t *o = FIELDS(json_object(), "id", d->id, "name", d->name, "organization_name",
				   d->organization_name, "status", d->status, "checked_on",
				   d->checked_on, "checked_by_name", d->checked_by_name,
				   "review_reason", d->review_reason, "postal_code", d->postal_code);
		json_object_set_new(o, "demo", json_boolean(d->demo));
		json_array_append_new(list, o);
	}
	return http_send_json(req, res, 200,
			      json_pack("{s:i,s:o}", "review_months", review_months(req),
					"listings", list));
}
