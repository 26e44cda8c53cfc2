#include "domain/community/oruk.h"

#include <string.h>

#include "domain/community/listing.h"
#include "domain/community/schedule.h"
#include "domain/community/taxonomy.h"

/*
 * Field names are the profile's (the UK profile's JSON Schemas); where
 * the profile leaves out a field HSDS 3.0 has and we hold (a contact's
 * email and phones, a language's name and code, a service's
 * application_process and eligibility_description, a term's code), the
 * HSDS name is used: the profile's schemas allow additional properties,
 * and a reader of the base standard finds them where it looks.
 */

/* An optional field: absent rather than null or "". */
static void put_text(json_t *o, const char *key, const char *value)
{
	if (value && *value)
		json_object_set_new(o, key, json_string(value));
}

/* A field the schema requires: present even when we hold nothing. */
static void put_required(json_t *o, const char *key, const char *value)
{
	json_object_set_new(o, key, json_string(value ? value : ""));
}

/* Times of day are held as HH:MM; the profile's are datapackage times,
 * HH:MM:SS. */
static void put_time(json_t *o, const char *key, const char *value)
{
	if (!value || !*value)
		return;
	if (strlen(value) == 5)
		json_object_set_new(o, key, json_sprintf("%s:00", value));
	else
		json_object_set_new(o, key, json_string(value));
}

json_t *oruk_organization(const struct community_organization *g)
{
	json_t *o = json_object();
	put_required(o, "id", g->id);
	put_required(o, "name", g->name);
	put_required(o, "description", g->description);
	put_text(o, "email", g->email);
	put_text(o, "website", g->website);
	return o;
}

/* The service's one-to-one fields, which lists show too. */
static json_t *service_fields(const struct listing *l)
{
	json_t *s = json_object();
	put_required(s, "id", l->id);
	put_text(s, "organization_id", l->organization.id);
	put_required(s, "name", l->name);
	put_text(s, "description", l->description);
	put_text(s, "url", l->url);
	put_text(s, "email", l->email);
	put_required(s, "status", l->status ? l->status : "active");
	put_text(s, "fees", l->fees_description);
	put_text(s, "application_process", l->how_to_join);
	put_text(s, "eligibility_description", l->eligibility);
	if (l->minimum_age >= 0)
		json_object_set_new(s, "minimum_age", json_integer(l->minimum_age));
	if (l->maximum_age >= 0)
		json_object_set_new(s, "maximum_age", json_integer(l->maximum_age));
	put_text(s, "assured_date", l->checked_on);
	put_text(s, "alert", l->alert);
	put_text(s, "last_modified", l->last_modified);
	json_object_set_new(s, "organization", oruk_organization(&l->organization));
	return s;
}

static json_t *location_json(const struct community_location *p)
{
	json_t *o = json_object();
	put_required(o, "id", p->id);
	put_required(o, "location_type", p->location_type ? p->location_type : "physical");
	put_text(o, "name", p->name);
	put_text(o, "description", p->description);
	if (p->has_point) {
		json_object_set_new(o, "latitude", json_real(p->latitude));
		json_object_set_new(o, "longitude", json_real(p->longitude));
	}
	/* The profile's address needs every line of a postal address; we hold
	 * a street line, a town and a postcode, and the town stands for the
	 * county the profile calls state_province. */
	bool has_address = (p->address_1 && *p->address_1) || (p->postal_code && *p->postal_code);
	if (p->address_id && has_address) {
		json_t *address = json_object();
		put_required(address, "id", p->address_id);
		put_required(address, "location_id", p->id);
		put_required(address, "address_1", p->address_1);
		put_required(address, "city", p->city);
		put_required(address, "state_province", p->city);
		put_required(address, "postal_code", p->postal_code);
		put_required(address, "country", "GB");
		put_required(address, "address_type",
			     p->location_type && strcmp(p->location_type, "postal") == 0
				     ? "postal" : "physical");
		json_object_set_new(o, "addresses", json_pack("[o]", address));
	}
	if (p->accessibility_id && p->accessibility && *p->accessibility) {
		json_t *access = json_object();
		put_required(access, "id", p->accessibility_id);
		put_required(access, "location_id", p->id);
		put_required(access, "description", p->accessibility);
		json_object_set_new(o, "accessibility", json_pack("[o]", access));
	}
	return o;
}

static json_t *service_at_location_json(const struct listing *l, size_t i)
{
	const struct community_location *p = &l->locations[i];
	json_t *o = json_object();
	put_required(o, "id", p->service_at_location_id);
	put_required(o, "service_id", l->id);
	put_required(o, "location_id", p->id);
	json_object_set_new(o, "location", location_json(p));
	return o;
}

static json_t *schedule_json(const struct listing *l, const struct community_schedule *t)
{
	json_t *o = json_object();
	put_required(o, "id", t->id);
	put_required(o, "service_id", l->id);
	put_text(o, "service_at_location_id", t->service_at_location_id);
	put_text(o, "valid_from", t->valid_from);
	put_text(o, "valid_to", t->valid_to);
	put_text(o, "dtstart", t->dtstart);
	put_text(o, "freq", t->freq);
	if (t->freq && *t->freq)
		json_object_set_new(o, "interval", json_integer(t->interval > 0 ? t->interval : 1));
	put_text(o, "byday", t->byday);
	put_text(o, "bymonthday", t->bymonthday);
	put_text(o, "description", schedule_description(t));
	put_time(o, "opens_at", t->opens_at);
	put_time(o, "closes_at", t->closes_at);
	put_text(o, "attending_type", t->attending_type);
	put_text(o, "notes", t->notes);
	return o;
}

static json_t *contact_json(const struct listing *l, const struct community_contact *c)
{
	json_t *o = json_object();
	put_required(o, "id", c->id);
	put_required(o, "service_id", l->id);
	put_text(o, "name", c->name);
	put_text(o, "title", c->title);
	put_text(o, "email", c->email);
	if (c->phone_count) {
		json_t *phones = json_array();
		for (size_t i = 0; i < c->phone_count; i++) {
			json_t *p = json_object();
			put_required(p, "id", c->phones[i].id);
			put_required(p, "contact_id", c->id);
			put_required(p, "number", c->phones[i].number);
			put_text(p, "description", c->phones[i].description);
			json_array_append_new(phones, p);
		}
		json_object_set_new(o, "phones", phones);
	}
	return o;
}

static json_t *cost_json(const struct listing *l, const struct community_cost *c)
{
	json_t *o = json_object();
	put_required(o, "id", c->id);
	put_required(o, "service_id", l->id);
	put_text(o, "valid_from", c->valid_from);
	put_text(o, "valid_to", c->valid_to);
	put_text(o, "option", c->option);
	if (c->has_amount)
		json_object_set_new(o, "amount", json_real(c->amount));
	put_text(o, "amount_description", c->amount_description);
	return o;
}

static json_t *language_json(const struct listing *l, const struct community_language *g)
{
	json_t *o = json_object();
	put_required(o, "id", g->id);
	put_required(o, "service_id", l->id);
	put_text(o, "name", g->name);
	put_text(o, "code", g->code);
	put_text(o, "note", g->note);
	return o;
}

static json_t *service_area_json(const struct listing *l, const struct community_service_area *r)
{
	json_t *o = json_object();
	put_required(o, "id", r->id);
	put_required(o, "service_id", l->id);
	put_text(o, "name", r->name);
	put_text(o, "uri", r->uri);
	return o;
}

/* The listing's term as an attribute with the term nested (the profile
 * requires the term's description: empty when the term has none). */
static json_t *attribute_json(const struct listing *l, const struct community_term_ref *t)
{
	json_t *term = json_object();
	put_required(term, "id", t->term_id);
	put_required(term, "name", t->name);
	put_required(term, "description", t->description);
	put_text(term, "taxonomy_id", t->taxonomy_id);
	put_text(term, "code", t->code);

	json_t *o = json_object();
	put_required(o, "id", t->attribute_id);
	put_required(o, "link_id", l->id);
	put_required(o, "link_type", "service");
	put_required(o, "taxonomy_term_id", t->term_id);
	json_object_set_new(o, "taxonomy_term", term);
	return o;
}

/* Sets key to an array of count items made by each(l, &items[i]), or
 * leaves it out when there are none. */
#define PUT_ARRAY(o, key, l, items, count, each)                                 \
	do {                                                                     \
		if ((count) > 0) {                                               \
			json_t *array_ = json_array();                           \
			for (size_t i_ = 0; i_ < (count); i_++)                  \
				json_array_append_new(array_, each(l, &(items)[i_])); \
			json_object_set_new(o, key, array_);                     \
		}                                                                \
	} while (0)

json_t *oruk_service(const struct listing *l)
{
	json_t *s = service_fields(l);
	if (!s)
		return NULL;
	PUT_ARRAY(s, "schedules", l, l->schedules, l->schedule_count, schedule_json);
	PUT_ARRAY(s, "service_areas", l, l->service_areas, l->service_area_count,
		  service_area_json);
	if (l->location_count > 0) {
		json_t *places = json_array();
		for (size_t i = 0; i < l->location_count; i++)
			json_array_append_new(places, service_at_location_json(l, i));
		json_object_set_new(s, "service_at_locations", places);
	}
	PUT_ARRAY(s, "languages", l, l->languages, l->language_count, language_json);
	PUT_ARRAY(s, "cost_options", l, l->costs, l->cost_count, cost_json);
	PUT_ARRAY(s, "contacts", l, l->contacts, l->contact_count, contact_json);
	PUT_ARRAY(s, "attributes", l, l->terms, l->term_count, attribute_json);
	return s;
}

json_t *oruk_service_brief(const struct listing *l)
{
	return service_fields(l);
}

json_t *oruk_service_at_location(const struct listing *l, size_t location_index)
{
	if (location_index >= l->location_count)
		return NULL;
	json_t *o = service_at_location_json(l, location_index);
	if (o)
		json_object_set_new(o, "service", service_fields(l));
	return o;
}

json_t *oruk_source_attribution(const struct community_source *s)
{
	json_t *o = json_pack("{s:s,s:s,s:s}", "source", s->name, "attribution", s->attribution,
			      "licence", s->licence);
	if (o && s->url && *s->url)
		json_object_set_new(o, "url", json_string(s->url));
	return o;
}

json_t *oruk_taxonomy(const struct taxonomy *t)
{
	json_t *o = json_object();
	if (!o)
		return NULL;
	put_required(o, "id", t->id);
	put_required(o, "name", t->name);
	put_required(o, "description", t->description);
	put_text(o, "uri", t->uri);
	put_text(o, "version", t->version);
	return o;
}

json_t *oruk_taxonomy_term(const struct taxonomy_term *t, const struct taxonomy *of)
{
	json_t *o = json_object();
	if (!o)
		return NULL;
	put_required(o, "id", t->id);
	put_required(o, "name", t->name);
	put_required(o, "description", t->description);
	put_text(o, "parent_id", t->parent_id);
	put_text(o, "taxonomy", of ? of->name : NULL);
	put_text(o, "taxonomy_id", t->taxonomy_id);
	put_text(o, "term_uri", t->term_uri);
	put_text(o, "code", t->code);
	return o;
}
