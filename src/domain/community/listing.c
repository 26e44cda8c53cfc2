/* A listing of the community directory, read and written whole, with every
 * version kept as its ORUK document. */
#include "domain/community/listing.h"

#include "core/arena.h"
#include "core/clock.h"
#include "core/contact.h"
#include "core/date.h"
#include "core/err.h"
#include "core/id.h"
#include "core/sb.h"
#include "core/utf8.h"
#include "db/db.h"
#include "db/generation.h"
#include "domain/areas/lookup.h"
#include "domain/community/oruk.h"
#include "domain/community/schedule.h"
#include "domain/community/words.h"
#include "domain/staff/audit.h"
#include "domain/staff/caller.h"
#include "domain/staff/user.h"
#include "geo/map.h"
#include "geo/projection.h"

#include <ctype.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

const char *const listing_statuses[] = {"active", "inactive", "defunct", "temporarily closed",
					NULL};

static const char *const location_types[] = {"physical", "postal", "virtual", NULL};

#define NO_LISTING "We do not hold that listing."
#define CHANGED_MEANWHILE                                                                      \
	"Someone changed this listing meanwhile: read it again and make your change to that"

static bool may_change(const struct caller *who)
{
	return who->kind == CALLER_STAFF || who->kind == CALLER_CLI;
}

/* Who made a change, as a version and a check keep it. */
static const char *caller_name(const struct caller *who)
{
	if (who->kind == CALLER_STAFF && who->user)
		return who->user->display_name ? who->user->display_name : who->user->username;
	return who->kind == CALLER_CLI ? "the command line" : "unknown";
}

static bool one_of(const char *s, const char *const *list)
{
	for (size_t i = 0; list[i]; i++)
		if (strcmp(s, list[i]) == 0)
			return true;
	return false;
}

static const char *path(struct arena *a, const char *list, size_t n, const char *field)
{
	return arena_printf(a, "%s.%zu.%s", list, n, field);
}

static void today(char out[11])
{
	date_format(date_uk_today(time(NULL)), out);
}

/* --- Checking what was given, before anything is read or written --- */

static void text(struct err *e, const char *at, const char *s, size_t max, bool multiline)
{
	if (s && *s && !utf8_text_ok(s, max, multiline))
		err_field(e, at, "Write at most %zu characters, without control characters", max);
}

static void date_text(struct err *e, const char *at, const char *s)
{
	struct date d;
	if (s && !date_parse(s, &d))
		err_field(e, at, "Give a date as YYYY-MM-DD, like 2026-03-14");
}

static void id_text(struct err *e, const char *at, const char *s)
{
	if (s && !id_uuid_valid(s))
		err_field(e, at, "Ids here are UUIDs, like 3fa85f64-5717-4562-b3fc-2c963f66afa6");
}

/* What is saved is published as a mailto, a link or a number, so each
 * must be what it says: an email of the plain shape, a web address on
 * http or https only (never javascript: or data:), a phone number of
 * digits with the punctuation people write.  Numbers are not held to
 * the ten UK digits of core/contact.h: 111 and 116 123 are numbers too. */
static void email_text(struct err *e, const char *at, const char *s)
{
	if (s && *s && !contact_email_ok(s))
		err_field(e, at, "Give an email address, like name@example.org");
	else
		text(e, at, s, LISTING_NAME_MAX, false);
}

static void web_text(struct err *e, const char *at, const char *s)
{
	size_t scheme = strncasecmp(s ? s : "", "https://", 8) == 0  ? 8
			: strncasecmp(s ? s : "", "http://", 7) == 0 ? 7
								     : 0;
	bool plain = scheme && s[scheme] && s[scheme] != '/';
	for (const char *p = s; plain && *p; p++)
		if ((unsigned char)*p <= ' ' || strchr("<>\"\\`", *p))
			plain = false;
	if (s && *s && !plain)
		err_field(e, at, "Give a web address starting https:// or http://");
	else
		text(e, at, s, LISTING_NAME_MAX, false);
}

static void phone_text(struct err *e, const char *at, const char *s)
{
	size_t digits = 0;
	bool plain = true;
	for (const char *p = s; plain && p && *p; p++)
		if (isdigit((unsigned char)*p))
			digits++;
		else if (!strchr(" +()-", *p))
			plain = false;
	if (!s || !*s)
		err_field(e, at, "Give the number");
	else if (!plain || digits < 3 || strlen(s) > 40)
		err_field(e, at, "Give a phone number: digits, spaces, +, brackets and dashes");
}

/* The day someone agreed to publish their details has happened. */
static void agreed_text(struct err *e, const char *at, const char *s)
{
	struct date d;
	date_text(e, at, s);
	if (s && date_parse(s, &d) &&
	    date_to_days(d) > date_to_days(date_uk_today(time(NULL))))
		err_field(e, at, "The day they agreed is today or before");
}

/* The same id given to two records of one kind would be one record. */
static void unique_ids(struct err *e, struct arena *a, const char *list, const char *field,
		       const char *const *ids, size_t count)
{
	for (size_t i = 0; i < count; i++)
		for (size_t j = 0; ids[i] && j < i; j++)
			if (ids[j] && strcmp(ids[i], ids[j]) == 0) {
				err_field(e, path(a, list, i, field),
					  "This id is given to another record of the list too");
				break;
			}
}

static void check_locations(const struct listing *in, struct arena *a, struct err *e)
{
	if (in->location_count > LISTING_LOCATIONS_MAX)
		err_field(e, "locations", "A listing has at most %d places",
			  LISTING_LOCATIONS_MAX);
	const char **ids = arena_alloc(a, (in->location_count + 1) * sizeof *ids);
	const char **links = arena_alloc(a, (in->location_count + 1) * sizeof *links);
	for (size_t n = 0; n < in->location_count; n++) {
		const struct community_location *l = &in->locations[n];
		ids[n] = l->id;
		links[n] = l->service_at_location_id;
		id_text(e, path(a, "locations", n, "id"), l->id);
		id_text(e, path(a, "locations", n, "service_at_location_id"),
			l->service_at_location_id);
		if (l->location_type && !one_of(l->location_type, location_types))
			err_field(e, path(a, "locations", n, "location_type"),
				  "A place is physical, postal or virtual");
		text(e, path(a, "locations", n, "name"), l->name, LISTING_NAME_MAX, false);
		text(e, path(a, "locations", n, "description"), l->description,
		     LISTING_TEXT_MAX, true);
		text(e, path(a, "locations", n, "address_1"), l->address_1, LISTING_NAME_MAX,
		     false);
		text(e, path(a, "locations", n, "city"), l->city, LISTING_NAME_MAX, false);
		text(e, path(a, "locations", n, "accessibility"), l->accessibility,
		     LISTING_TEXT_MAX, true);
		id_text(e, path(a, "locations", n, "address_id"), l->address_id);
		id_text(e, path(a, "locations", n, "accessibility_id"), l->accessibility_id);
		if (l->has_point && (!isfinite(l->latitude) || fabs(l->latitude) > 90))
			err_field(e, path(a, "locations", n, "latitude"),
				  "A latitude is from -90 to 90 degrees");
		if (l->has_point && (!isfinite(l->longitude) || fabs(l->longitude) > 180))
			err_field(e, path(a, "locations", n, "longitude"),
				  "A longitude is from -180 to 180 degrees");
	}
	unique_ids(e, a, "locations", "id", ids, in->location_count);
	unique_ids(e, a, "locations", "service_at_location_id", links, in->location_count);
	/* Search by distance, the map and ORUK's geography all need each
	 * listing somewhere: one place people can go to, placed. */
	bool placed = false;
	for (size_t n = 0; n < in->location_count && !placed; n++) {
		const struct community_location *l = &in->locations[n];
		placed = (!l->location_type || strcmp(l->location_type, "physical") == 0) &&
			 ((l->postal_code && *l->postal_code) || l->has_point);
	}
	if (!placed)
		err_field(e, "locations", "Give the place: a postcode, or latitude and longitude");
}

/* A schedule of one place names that place's service_at_location_id, as
 * given in this same save. */
static bool link_given(const struct listing *in, const char *link)
{
	for (size_t n = 0; n < in->location_count; n++)
		if (in->locations[n].service_at_location_id &&
		    strcmp(in->locations[n].service_at_location_id, link) == 0)
			return true;
	return false;
}

static void check_schedules(const struct listing *in, struct arena *a, struct err *e)
{
	if (in->schedule_count > LISTING_SCHEDULES_MAX)
		err_field(e, "schedules", "A listing has at most %d schedules",
			  LISTING_SCHEDULES_MAX);
	const char **ids = arena_alloc(a, (in->schedule_count + 1) * sizeof *ids);
	for (size_t n = 0; n < in->schedule_count; n++) {
		const struct community_schedule *s = &in->schedules[n];
		ids[n] = s->id;
		id_text(e, path(a, "schedules", n, "id"), s->id);
		if (s->service_at_location_id && !link_given(in, s->service_at_location_id))
			err_field(e, path(a, "schedules", n, "service_at_location_id"),
				  "Name one of this listing's places by its "
				  "service_at_location_id");
		schedule_check(s, arena_printf(a, "schedules.%zu", n), e);
		text(e, path(a, "schedules", n, "description"), s->description,
		     LISTING_TEXT_MAX, true);
		text(e, path(a, "schedules", n, "notes"), s->notes, LISTING_TEXT_MAX, true);
		text(e, path(a, "schedules", n, "original_text"), s->original_text,
		     LISTING_TEXT_MAX, true);
	}
	unique_ids(e, a, "schedules", "id", ids, in->schedule_count);
}

static void check_contacts(const struct listing *in, struct arena *a, struct err *e)
{
	if (in->contact_count > LISTING_CONTACTS_MAX)
		err_field(e, "contacts", "A listing has at most %d contacts",
			  LISTING_CONTACTS_MAX);
	const char **ids = arena_alloc(a, (in->contact_count + 1) * sizeof *ids);
	size_t phone_total = 0;
	for (size_t n = 0; n < in->contact_count; n++)
		phone_total += in->contacts[n].phone_count;
	const char **phone_ids = arena_alloc(a, (phone_total + 1) * sizeof *phone_ids);
	size_t p = 0;
	for (size_t n = 0; n < in->contact_count; n++) {
		const struct community_contact *c = &in->contacts[n];
		ids[n] = c->id;
		id_text(e, path(a, "contacts", n, "id"), c->id);
		text(e, path(a, "contacts", n, "name"), c->name, LISTING_NAME_MAX, false);
		text(e, path(a, "contacts", n, "title"), c->title, LISTING_NAME_MAX, false);
		email_text(e, path(a, "contacts", n, "email"), c->email);
		agreed_text(e, path(a, "contacts", n, "agreed_on"), c->agreed_on);
		if (c->public && !c->agreed_on)
			err_field(e, path(a, "contacts", n, "agreed_on"),
				  "Publishing someone's contact details needs their agreement: "
				  "give the day they agreed");
		if (c->phone_count > LISTING_CONTACTS_MAX)
			err_field(e, path(a, "contacts", n, "phones"),
				  "A contact has at most %d phones", LISTING_CONTACTS_MAX);
		for (size_t m = 0; m < c->phone_count; m++) {
			const struct community_phone *ph = &c->phones[m];
			const char *at = arena_printf(a, "contacts.%zu.phones.%zu", n, m);
			phone_ids[p++] = ph->id;
			id_text(e, arena_printf(a, "%s.id", at), ph->id);
			phone_text(e, arena_printf(a, "%s.number", at), ph->number);
			text(e, arena_printf(a, "%s.description", at), ph->description,
			     LISTING_NAME_MAX, false);
		}
	}
	unique_ids(e, a, "contacts", "id", ids, in->contact_count);
	for (size_t i = 0; i < p; i++)
		for (size_t j = 0; phone_ids[i] && j < i; j++)
			if (phone_ids[j] && strcmp(phone_ids[i], phone_ids[j]) == 0) {
				err_field(e, "contacts", "A phone id is given twice");
				break;
			}
}

static void check_others(const struct listing *in, struct arena *a, struct err *e)
{
	const char **ids = arena_alloc(a, (in->cost_count + in->language_count +
					   in->service_area_count + in->term_count + 1) *
					      sizeof *ids);
	for (size_t n = 0; n < in->cost_count; n++) {
		const struct community_cost *c = &in->costs[n];
		ids[n] = c->id;
		id_text(e, path(a, "cost_options", n, "id"), c->id);
		text(e, path(a, "cost_options", n, "option"), c->option, LISTING_NAME_MAX, false);
		text(e, path(a, "cost_options", n, "amount_description"), c->amount_description,
		     LISTING_NAME_MAX, false);
		if (c->has_amount && (!isfinite(c->amount) || c->amount < 0 || c->amount > 1e6))
			err_field(e, path(a, "cost_options", n, "amount"),
				  "An amount is in pounds, from 0 to 1,000,000");
		date_text(e, path(a, "cost_options", n, "valid_from"), c->valid_from);
		date_text(e, path(a, "cost_options", n, "valid_to"), c->valid_to);
	}
	unique_ids(e, a, "cost_options", "id", ids, in->cost_count);
	for (size_t n = 0; n < in->language_count; n++) {
		const struct community_language *l = &in->languages[n];
		ids[n] = l->id;
		id_text(e, path(a, "languages", n, "id"), l->id);
		if (!l->name && !l->code)
			err_field(e, path(a, "languages", n, "name"), "Name the language");
		text(e, path(a, "languages", n, "name"), l->name, 100, false);
		text(e, path(a, "languages", n, "code"), l->code, 20, false);
		text(e, path(a, "languages", n, "note"), l->note, LISTING_NAME_MAX, false);
	}
	unique_ids(e, a, "languages", "id", ids, in->language_count);
	for (size_t n = 0; n < in->service_area_count; n++) {
		const struct community_service_area *s = &in->service_areas[n];
		ids[n] = s->id;
		id_text(e, path(a, "service_areas", n, "id"), s->id);
		if (!s->name)
			err_field(e, path(a, "service_areas", n, "name"), "Name the area served");
		text(e, path(a, "service_areas", n, "name"), s->name, LISTING_NAME_MAX, false);
		text(e, path(a, "service_areas", n, "uri"), s->uri, LISTING_NAME_MAX, false);
	}
	unique_ids(e, a, "service_areas", "id", ids, in->service_area_count);
	if (in->term_count == 0)
		err_field(e, "terms", "Choose at least one kind of group, place or service");
	if (in->term_count > LISTING_TERMS_MAX)
		err_field(e, "terms", "Choose at most %d kinds", LISTING_TERMS_MAX);
	for (size_t n = 0; n < in->term_count; n++) {
		const struct community_term_ref *t = &in->terms[n];
		const char *at = arena_printf(a, "terms.%zu", n);
		ids[n] = t->term_id;
		if (!t->term_id)
			err_field(e, at, "Choose a taxonomy term");
		else
			id_text(e, at, t->term_id);
		id_text(e, arena_printf(a, "%s.attribute_id", at), t->attribute_id);
		for (size_t m = 0; t->term_id && m < n; m++)
			if (ids[m] && strcmp(ids[m], t->term_id) == 0) {
				err_field(e, at, "This kind is chosen twice");
				break;
			}
	}
}

/* Every rule that needs nothing stored. */
static void check_shape(const struct caller *who, const struct listing *in, struct arena *a,
			struct err *e)
{
	if (!in->name || !*in->name)
		err_field(e, "name", "Give the listing a name");
	text(e, "name", in->name, LISTING_NAME_MAX, false);
	if (in->version < 0)
		err_field(e, "version", "The version changed: 0 to create a listing");
	if (in->version > 0 && !in->id)
		err_field(e, "id", "Name the listing to change");
	id_text(e, "id", in->id);
	if (in->status && !one_of(in->status, listing_statuses))
		err_field(e, "status",
			  "A listing is active, inactive or temporarily closed");
	else if (in->status && strcmp(in->status, "defunct") == 0)
		err_field(e, "status", "Retire the listing to make it defunct, with a reason");
	text(e, "description", in->description, LISTING_TEXT_MAX, true);
	web_text(e, "url", in->url);
	email_text(e, "email", in->email);
	text(e, "fees_description", in->fees_description, LISTING_TEXT_MAX, true);
	text(e, "how_to_join", in->how_to_join, LISTING_TEXT_MAX, true);
	text(e, "eligibility", in->eligibility, LISTING_TEXT_MAX, true);
	text(e, "accessibility", in->accessibility, LISTING_TEXT_MAX, true);
	text(e, "alert", in->alert, LISTING_TEXT_MAX, true);
	text(e, "note", in->note, LISTING_TEXT_MAX, true);
	if (in->free < -1 || in->free > 1)
		err_field(e, "free", "Free is yes, no, or not known");
	if (in->minimum_age < -1 || in->minimum_age > LISTING_AGE_MAX)
		err_field(e, "minimum_age", "An age is from 0 to %d", LISTING_AGE_MAX);
	if (in->maximum_age < -1 || in->maximum_age > LISTING_AGE_MAX)
		err_field(e, "maximum_age", "An age is from 0 to %d", LISTING_AGE_MAX);
	else if (in->minimum_age >= 0 && in->maximum_age >= 0 &&
		 in->maximum_age < in->minimum_age)
		err_field(e, "maximum_age", "The oldest age is below the youngest");
	id_text(e, "source_id", in->source_id);
	if (who->kind == CALLER_CLI) {
		date_text(e, "checked_on", in->checked_on);
		text(e, "checked_by_name", in->checked_by_name, LISTING_NAME_MAX, false);
		text(e, "review_reason", in->review_reason, LISTING_TEXT_MAX, true);
	}
	const struct community_organization *o = &in->organization;
	id_text(e, "organization.id", o->id);
	if (!o->name || !*o->name)
		err_field(e, "organization.name", "Name the organisation that runs it");
	text(e, "organization.name", o->name, LISTING_NAME_MAX, false);
	text(e, "organization.description", o->description, LISTING_TEXT_MAX, true);
	email_text(e, "organization.email", o->email);
	web_text(e, "organization.website", o->website);
	check_locations(in, a, e);
	check_schedules(in, a, e);
	check_contacts(in, a, e);
	check_others(in, a, e);
}

/* --- Placing locations through the lookup --- */

struct placed {
	const char *postal_code;
	bool has_point;
	double lat, lon, easting, northing;
	const char *ward_code;
	const char *area_id;
};

static int place_one(const struct lookup_context *ctx, const struct community_location *l,
		     size_t n, struct arena *a, struct placed *out, struct err *e)
{
	const char *at_postcode = path(a, "locations", n, "postal_code");
	bool physical = !l->location_type || strcmp(l->location_type, "physical") == 0;
	bool postcode = l->postal_code && *l->postal_code;
	*out = (struct placed){.postal_code = postcode ? l->postal_code : NULL};
	if (!postcode && !l->has_point) {
		if (physical)
			err_field(e, at_postcode,
				  "Give the place's postcode, or its latitude and longitude");
		return RESULT_OK;
	}
	if (!ctx || !ctx->map) {
		err_field(e, at_postcode,
			  "Places cannot be found yet: the ward boundaries are not loaded");
		return RESULT_OK;
	}
	struct lookup_result r;
	struct err looked = {0};
	int rc;
	if (l->has_point)
		rc = lookup_point(ctx, a, arena_printf(a, "%.7f", l->latitude),
				  arena_printf(a, "%.7f", l->longitude), &r, &looked);
	else
		rc = lookup_postcode(ctx, a, l->postal_code, &r, &looked);
	if (rc == RESULT_INVALID && !l->has_point) {
		err_field(e, at_postcode, "Enter a real postcode, like YO24 4NB");
		return RESULT_OK;
	}
	if (rc == RESULT_INVALID) {
		err_field(e, path(a, "locations", n, "latitude"), "%s", looked.msg);
		return RESULT_OK;
	}
	if (rc == RESULT_NOT_FOUND) {
		err_field(e, at_postcode, "We do not know the postcode %s: check it, or give "
					  "the place's latitude and longitude", r.postcode);
		return RESULT_OK;
	}
	if (rc != RESULT_OK)
		return err_set(e, "%s", looked.msg);
	/* A postcode given with a point is kept as written, normalised when it
	 * is one; the point places it. */
	char normal[POSTCODE_SIZE];
	if (r.by_postcode)
		out->postal_code = arena_strdup(a, r.postcode);
	else if (postcode && postcode_normalise(l->postal_code, normal))
		out->postal_code = arena_strdup(a, normal);
	out->has_point = true;
	out->lat = r.lat;
	out->lon = r.lon;
	if (r.ward >= 0)
		out->ward_code = geo_map_ward(ctx->map, (size_t)r.ward)->code;
	if (r.area >= 0)
		out->area_id = geo_map_area(ctx->map, (size_t)r.area)->id;
	struct projection *proj = projection_for_thread(e);
	if (!proj || projection_to_grid(proj, r.lat, r.lon, &out->easting, &out->northing, e) < 0)
		return RESULT_FAILED;
	return RESULT_OK;
}

static int place_all(const struct lookup_context *ctx, const struct listing *in,
		     struct arena *a, struct placed **out, struct err *e)
{
	*out = arena_alloc(a, (in->location_count + 1) * sizeof **out);
	for (size_t n = 0; n < in->location_count; n++)
		if (place_one(ctx, &in->locations[n], n, a, &(*out)[n], e) < 0)
			return RESULT_FAILED;
	return RESULT_OK;
}

/* --- Reading --- */

static const char *blank_null(const char *s)
{
	return s && *s ? s : NULL;
}

static long long_or(const char *s, long none)
{
	return s ? strtol(s, NULL, 10) : none;
}

/* The rows sql (one parameter, $1: the listing's id) finds. */
static int rows_of(struct db_conn *c, struct arena *a, const char *id, const char *sql,
		   struct db_rows *r, struct err *e)
{
	struct db_param p[] = {DB_TEXT(id)};
	return db_query(c, a, sql, p, r, e);
}

/*
 * Reading: a page of listings is read with one statement a table for all
 * of them, inside one read transaction on one connection, and the rows
 * are given out to their listings in the order the statement returns them
 * (position, then id, as they were saved).  The statements differ only in
 * how they name the listings: one id as $1, or several as one JSON array
 * in $1, which each backend unpacks its own way.
 */
#define ONE_ID "= $1"
#define SQLITE_IDS "IN (SELECT value FROM json_each($1))"
#define PG_IDS "IN (SELECT json_array_elements_text($1::json))"

#define SERVICE_COLUMNS                                                                        \
	"s.id, s.version, s.status, s.name, s.description, s.url, s.email,"                    \
	" s.fees_description, s.free, s.how_to_join, s.eligibility, s.minimum_age,"            \
	" s.maximum_age, s.accessibility, s.alert, s.demo, s.source_id, s.checked_on,"         \
	" s.checked_by_name, s.review_reason, s.retired_at, s.retired_reason,"                 \
	" s.created_at, s.last_modified, o.id, o.name, o.description, o.email, o.website,"    \
	" ru.display_name, ru.username"
#define SOURCE_COLUMNS                                                                         \
	"src.id, src.name, src.attribution, src.licence, src.url, src.contacts_public, src.demo"
#define SOURCE_FIRST 31 /* the source's first column in SERVICES' rows */

#define SERVICES(ids)                                                                          \
	"SELECT " SERVICE_COLUMNS ", " SOURCE_COLUMNS " FROM community_services s"             \
	" JOIN community_organizations o ON o.id = s.organization_id"                         \
	" LEFT JOIN users ru ON ru.id = s.retired_by"                                          \
	" LEFT JOIN community_sources src ON src.id = s.source_id"                             \
	" WHERE s.id " ids
#define LOCATIONS(ids)                                                                         \
	"SELECT sal.service_id, loc.id, sal.id, loc.location_type, loc.name,"                  \
	" loc.description, loc.address_1, loc.city, loc.postal_code, loc.latitude,"           \
	" loc.longitude, loc.ward_code, w.name, loc.area_id, ar.name, loc.accessibility,"     \
	" loc.address_id, loc.accessibility_id"                                                \
	" FROM community_service_at_locations sal"                                             \
	" JOIN community_locations loc ON loc.id = sal.location_id"                            \
	" LEFT JOIN wards w ON w.code = loc.ward_code"                                          \
	" LEFT JOIN areas ar ON ar.id = loc.area_id"                                           \
	" WHERE sal.service_id " ids " ORDER BY sal.position, sal.id"
#define SCHEDULES(ids)                                                                         \
	"SELECT service_id, id, service_at_location_id, freq, \"interval\", byday,"            \
	" bymonthday, dtstart, valid_from, valid_to, opens_at, closes_at, description,"       \
	" attending_type, notes, original_text"                                                \
	" FROM community_schedules WHERE service_id " ids " ORDER BY position, id"
#define CONTACTS(ids)                                                                          \
	"SELECT service_id, id, name, title, email, public, agreed_on FROM community_contacts" \
	" WHERE service_id " ids " ORDER BY position, id"
#define PHONES(ids)                                                                            \
	"SELECT c.service_id, p.contact_id, p.id, p.number, p.description"                     \
	" FROM community_phones p JOIN community_contacts c ON c.id = p.contact_id"            \
	" WHERE c.service_id " ids " ORDER BY p.position, p.id"
#define COSTS(ids)                                                                             \
	"SELECT service_id, id, option, amount, amount_description, valid_from, valid_to"      \
	" FROM community_cost_options WHERE service_id " ids " ORDER BY position, id"
#define LANGUAGES(ids)                                                                         \
	"SELECT service_id, id, name, code, note FROM community_languages"                     \
	" WHERE service_id " ids " ORDER BY position, id"
#define AREAS(ids)                                                                             \
	"SELECT service_id, id, name, area_id, uri FROM community_service_areas"               \
	" WHERE service_id " ids " ORDER BY position, id"
#define TERMS(ids)                                                                             \
	"SELECT at.service_id, at.id, t.id, t.taxonomy_id, t.name, t.code, t.description"      \
	" FROM community_attributes at"                                                        \
	" JOIN community_taxonomy_terms t ON t.id = at.taxonomy_term_id"                       \
	" WHERE at.service_id " ids " ORDER BY at.position, at.id"

struct statements {
	const char *services, *locations, *schedules, *contacts, *phones, *costs, *languages,
		*areas, *terms;
};

#define STATEMENTS(ids)                                                                        \
	{SERVICES(ids),	 LOCATIONS(ids), SCHEDULES(ids), CONTACTS(ids), PHONES(ids),          \
	 COSTS(ids),	 LANGUAGES(ids), AREAS(ids),	 TERMS(ids)}

static const struct statements one_sql = STATEMENTS(ONE_ID);
static const struct statements sqlite_sql = STATEMENTS(SQLITE_IDS);
static const struct statements pg_sql = STATEMENTS(PG_IDS);

/* The listings one read fills: their ids sorted and unique, each with its
 * listing (id NULL until its row is read: not held). */
struct page_read {
	struct db_conn *c;
	struct arena *a;
	const struct statements *sql;
	struct db_param ids_param; /* $1: the one id, or the JSON array of them */
	const char **ids;
	struct listing *listings;
	size_t count;
};

static int by_text(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* The page of ids asked for, sorted, each once; an id that is not a UUID
 * is not held by any listing and is left out. */
static void page_ids(struct page_read *p, struct arena *a, const char *const *ids, size_t count)
{
	*p = (struct page_read){.a = a, .sql = &one_sql};
	p->ids = arena_alloc(a, (count + 1) * sizeof *p->ids);
	for (size_t i = 0; i < count; i++)
		if (ids[i] && id_uuid_valid(ids[i]))
			p->ids[p->count++] = ids[i];
	qsort(p->ids, p->count, sizeof *p->ids, by_text);
	size_t unique = 0;
	for (size_t i = 0; i < p->count; i++)
		if (!unique || strcmp(p->ids[i], p->ids[unique - 1]) != 0)
			p->ids[unique++] = p->ids[i];
	p->count = unique;
	p->listings = arena_alloc(a, (unique + 1) * sizeof *p->listings);
	if (unique == 1) {
		p->ids_param = DB_TEXT(p->ids[0]);
		return;
	}
	/* UUIDs need no escaping in JSON. */
	struct sb json;
	sb_init(&json, a, unique * (ID_UUID_LEN + 3) + 3);
	sb_putc(&json, '[');
	for (size_t i = 0; i < unique; i++)
		sb_printf(&json, "%s\"%s\"", i ? "," : "", p->ids[i]);
	sb_putc(&json, ']');
	p->ids_param = DB_TEXT(sb_str(&json));
}

/* The index of the listing with this id, or p->count. */
static size_t page_index(const struct page_read *p, const char *id)
{
	size_t lo = 0, hi = p->count;
	while (id && lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int cmp = strcmp(id, p->ids[mid]);
		if (cmp == 0)
			return mid;
		if (cmp < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return p->count;
}

/* Runs one of p's statements, whose column 0 is the listing's id: owner[i]
 * is the listing row i belongs to (p->count: none), per[k] how many rows
 * listing k has. */
static int page_rows(const struct page_read *p, const char *sql, struct db_rows *r,
		     size_t **owner, size_t **per, struct err *e)
{
	struct db_param params[] = {p->ids_param};
	if (db_query(p->c, p->a, sql, params, r, e) < 0)
		return RESULT_FAILED;
	*owner = arena_alloc(p->a, (r->row_count + 1) * sizeof **owner);
	*per = arena_alloc(p->a, (p->count + 1) * sizeof **per);
	for (size_t i = 0; i < r->row_count; i++) {
		(*owner)[i] = page_index(p, db_cell(r, i, 0));
		(*per)[(*owner)[i]]++;
	}
	return RESULT_OK;
}

/* The listing row i of a page_rows statement belongs to, or NULL. */
static struct listing *owner_of(const struct page_read *p, const size_t *owner, size_t i)
{
	return owner[i] < p->count ? &p->listings[owner[i]] : NULL;
}

static struct community_source source_from_row(const struct db_rows *r, size_t i, size_t at)
{
	return (struct community_source){db_cell(r, i, at),
					 db_cell(r, i, at + 1),
					 db_cell(r, i, at + 2),
					 db_cell(r, i, at + 3),
					 db_cell(r, i, at + 4),
					 long_or(db_cell(r, i, at + 5), 1) != 0,
					 long_or(db_cell(r, i, at + 6), 0) != 0};
}

static void service_from_row(struct arena *a, const struct db_rows *r, size_t i,
			     struct listing *l)
{
	const char *free_cell = db_cell(r, i, 8);
	*l = (struct listing){
		.id = db_cell(r, i, 0),
		.version = long_or(db_cell(r, i, 1), 0),
		.status = db_cell(r, i, 2),
		.name = db_cell(r, i, 3),
		.description = db_cell(r, i, 4),
		.url = db_cell(r, i, 5),
		.email = db_cell(r, i, 6),
		.fees_description = db_cell(r, i, 7),
		.free = free_cell ? (int)strtol(free_cell, NULL, 10) : -1,
		.how_to_join = db_cell(r, i, 9),
		.eligibility = db_cell(r, i, 10),
		.minimum_age = long_or(db_cell(r, i, 11), -1),
		.maximum_age = long_or(db_cell(r, i, 12), -1),
		.accessibility = db_cell(r, i, 13),
		.alert = db_cell(r, i, 14),
		.demo = long_or(db_cell(r, i, 15), 0) != 0,
		.source_id = db_cell(r, i, 16),
		.checked_on = db_cell(r, i, 17),
		.checked_by_name = db_cell(r, i, 18),
		.review_reason = db_cell(r, i, 19),
		.retired_at = db_cell(r, i, 20),
		.retired_reason = db_cell(r, i, 21),
		.created_at = db_cell(r, i, 22),
		.last_modified = db_cell(r, i, 23),
		.organization = {db_cell(r, i, 24), db_cell(r, i, 25), blank_null(db_cell(r, i, 26)),
				 db_cell(r, i, 27), db_cell(r, i, 28)},
	};
	l->retired_by_name = db_cell(r, i, 29) ? db_cell(r, i, 29) : db_cell(r, i, 30);
	if (db_cell(r, i, SOURCE_FIRST)) {
		struct community_source *s = arena_alloc(a, sizeof *s);
		*s = source_from_row(r, i, SOURCE_FIRST);
		l->source = s;
	}
}

static int read_locations(const struct page_read *p, struct err *e)
{
	struct db_rows r;
	size_t *owner, *per;
	if (page_rows(p, p->sql->locations, &r, &owner, &per, e) < 0)
		return RESULT_FAILED;
	for (size_t k = 0; k < p->count; k++)
		p->listings[k].locations =
			arena_alloc(p->a, (per[k] + 1) * sizeof *p->listings[k].locations);
	for (size_t i = 0; i < r.row_count; i++) {
		struct listing *l = owner_of(p, owner, i);
		if (!l)
			continue;
		const char *lat = db_cell(&r, i, 9), *lon = db_cell(&r, i, 10);
		l->locations[l->location_count++] = (struct community_location){
			.id = db_cell(&r, i, 1),
			.service_at_location_id = db_cell(&r, i, 2),
			.location_type = db_cell(&r, i, 3),
			.name = db_cell(&r, i, 4),
			.description = db_cell(&r, i, 5),
			.address_1 = db_cell(&r, i, 6),
			.city = db_cell(&r, i, 7),
			.postal_code = db_cell(&r, i, 8),
			.has_point = lat && lon,
			.latitude = lat ? strtod(lat, NULL) : 0,
			.longitude = lon ? strtod(lon, NULL) : 0,
			.ward_code = db_cell(&r, i, 11),
			.ward_name = db_cell(&r, i, 12),
			.area_id = db_cell(&r, i, 13),
			.area_name = db_cell(&r, i, 14),
			.accessibility = db_cell(&r, i, 15),
			.address_id = db_cell(&r, i, 16),
			.accessibility_id = db_cell(&r, i, 17),
		};
	}
	return RESULT_OK;
}

static int read_schedules(const struct page_read *p, struct err *e)
{
	struct db_rows r;
	size_t *owner, *per;
	if (page_rows(p, p->sql->schedules, &r, &owner, &per, e) < 0)
		return RESULT_FAILED;
	for (size_t k = 0; k < p->count; k++)
		p->listings[k].schedules =
			arena_alloc(p->a, (per[k] + 1) * sizeof *p->listings[k].schedules);
	for (size_t i = 0; i < r.row_count; i++) {
		struct listing *l = owner_of(p, owner, i);
		if (l)
			l->schedules[l->schedule_count++] = (struct community_schedule){
				db_cell(&r, i, 1),  db_cell(&r, i, 2),	db_cell(&r, i, 3),
				long_or(db_cell(&r, i, 4), 1),
				db_cell(&r, i, 5),  db_cell(&r, i, 6),	db_cell(&r, i, 7),
				db_cell(&r, i, 8),  db_cell(&r, i, 9),	db_cell(&r, i, 10),
				db_cell(&r, i, 11), db_cell(&r, i, 12), db_cell(&r, i, 13),
				db_cell(&r, i, 14), db_cell(&r, i, 15)};
	}
	return RESULT_OK;
}

/* The contact of l with this id, or NULL. */
static struct community_contact *contact_of(struct listing *l, const char *id)
{
	for (size_t i = 0; id && i < l->contact_count; i++)
		if (strcmp(l->contacts[i].id, id) == 0)
			return &l->contacts[i];
	return NULL;
}

static int read_contacts(const struct page_read *p, struct err *e)
{
	struct db_rows r, ph;
	size_t *owner, *per, *phone_owner, *phones_per;
	if (page_rows(p, p->sql->contacts, &r, &owner, &per, e) < 0 ||
	    page_rows(p, p->sql->phones, &ph, &phone_owner, &phones_per, e) < 0)
		return RESULT_FAILED;
	for (size_t k = 0; k < p->count; k++)
		p->listings[k].contacts =
			arena_alloc(p->a, (per[k] + 1) * sizeof *p->listings[k].contacts);
	for (size_t i = 0; i < r.row_count; i++) {
		struct listing *l = owner_of(p, owner, i);
		if (!l)
			continue;
		struct community_contact *ct = &l->contacts[l->contact_count++];
		*ct = (struct community_contact){
			.id = db_cell(&r, i, 1),
			.name = db_cell(&r, i, 2),
			.title = db_cell(&r, i, 3),
			.email = db_cell(&r, i, 4),
			.public = long_or(db_cell(&r, i, 5), 0) != 0,
			.agreed_on = db_cell(&r, i, 6),
		};
		ct->phones = arena_alloc(p->a, (phones_per[owner[i]] + 1) * sizeof *ct->phones);
	}
	for (size_t j = 0; j < ph.row_count; j++) {
		struct listing *l = owner_of(p, phone_owner, j);
		struct community_contact *ct = l ? contact_of(l, db_cell(&ph, j, 1)) : NULL;
		if (ct)
			ct->phones[ct->phone_count++] = (struct community_phone){
				db_cell(&ph, j, 2), db_cell(&ph, j, 3), db_cell(&ph, j, 4)};
	}
	return RESULT_OK;
}

static int read_costs(const struct page_read *p, struct err *e)
{
	struct db_rows r;
	size_t *owner, *per;
	if (page_rows(p, p->sql->costs, &r, &owner, &per, e) < 0)
		return RESULT_FAILED;
	for (size_t k = 0; k < p->count; k++)
		p->listings[k].costs = arena_alloc(p->a, (per[k] + 1) * sizeof *p->listings[k].costs);
	for (size_t i = 0; i < r.row_count; i++) {
		struct listing *l = owner_of(p, owner, i);
		const char *amount = db_cell(&r, i, 3);
		if (l)
			l->costs[l->cost_count++] = (struct community_cost){
				db_cell(&r, i, 1), db_cell(&r, i, 2), amount != NULL,
				amount ? strtod(amount, NULL) : 0, db_cell(&r, i, 4),
				db_cell(&r, i, 5), db_cell(&r, i, 6)};
	}
	return RESULT_OK;
}

static int read_languages(const struct page_read *p, struct err *e)
{
	struct db_rows r;
	size_t *owner, *per;
	if (page_rows(p, p->sql->languages, &r, &owner, &per, e) < 0)
		return RESULT_FAILED;
	for (size_t k = 0; k < p->count; k++)
		p->listings[k].languages =
			arena_alloc(p->a, (per[k] + 1) * sizeof *p->listings[k].languages);
	for (size_t i = 0; i < r.row_count; i++) {
		struct listing *l = owner_of(p, owner, i);
		if (l)
			l->languages[l->language_count++] = (struct community_language){
				db_cell(&r, i, 1), db_cell(&r, i, 2), db_cell(&r, i, 3),
				db_cell(&r, i, 4)};
	}
	return RESULT_OK;
}

static int read_areas(const struct page_read *p, struct err *e)
{
	struct db_rows r;
	size_t *owner, *per;
	if (page_rows(p, p->sql->areas, &r, &owner, &per, e) < 0)
		return RESULT_FAILED;
	for (size_t k = 0; k < p->count; k++)
		p->listings[k].service_areas =
			arena_alloc(p->a, (per[k] + 1) * sizeof *p->listings[k].service_areas);
	for (size_t i = 0; i < r.row_count; i++) {
		struct listing *l = owner_of(p, owner, i);
		if (l)
			l->service_areas[l->service_area_count++] = (struct community_service_area){
				db_cell(&r, i, 1), db_cell(&r, i, 2), db_cell(&r, i, 3),
				db_cell(&r, i, 4)};
	}
	return RESULT_OK;
}

static int read_terms(const struct page_read *p, struct err *e)
{
	struct db_rows r;
	size_t *owner, *per;
	if (page_rows(p, p->sql->terms, &r, &owner, &per, e) < 0)
		return RESULT_FAILED;
	for (size_t k = 0; k < p->count; k++)
		p->listings[k].terms = arena_alloc(p->a, (per[k] + 1) * sizeof *p->listings[k].terms);
	for (size_t i = 0; i < r.row_count; i++) {
		struct listing *l = owner_of(p, owner, i);
		if (l)
			l->terms[l->term_count++] = (struct community_term_ref){
				db_cell(&r, i, 1), db_cell(&r, i, 2), db_cell(&r, i, 3),
				db_cell(&r, i, 4), db_cell(&r, i, 5), db_cell(&r, i, 6)};
	}
	return RESULT_OK;
}

/* The date review_months before today: a listing last checked before it
 * is due for review.  The day is kept where the month has it, else the
 * month's last. */
static void review_cutoff(int review_months, char out[11])
{
	struct date d = date_uk_today(time(NULL));
	long months = d.year * 12L + (d.month - 1) - review_months;
	d.year = (int)(months / 12);
	d.month = (int)(months % 12) + 1;
	int last = date_days_in_month(d.year, d.month);
	if (d.day > last)
		d.day = last;
	date_format(d, out);
}

/* What the public may not see of a listing read whole. */
static void public_view(struct listing *l)
{
	bool source_allows = !l->source || l->source->contacts_public;
	size_t kept = 0;
	for (size_t i = 0; i < l->contact_count; i++)
		if (source_allows && l->contacts[i].public)
			l->contacts[kept++] = l->contacts[i];
	l->contact_count = kept;
	if (!source_allows) {
		l->email = NULL;
		l->organization.email = NULL;
	}
	l->checked_by_name = NULL;
	l->review_reason = NULL;
	l->needs_review = false;
	l->retired_by_name = NULL;
	l->retired_reason = NULL;
}

/* Reads p's listings on its connection, as view shows them. */
static int read_page(const struct page_read *p, enum listing_view view, int review_months,
		     struct err *e)
{
	struct db_rows r;
	size_t *owner, *per;
	if (page_rows(p, p->sql->services, &r, &owner, &per, e) < 0)
		return RESULT_FAILED;
	for (size_t i = 0; i < r.row_count; i++)
		if (owner[i] < p->count)
			service_from_row(p->a, &r, i, &p->listings[owner[i]]);
	if (r.row_count && (read_locations(p, e) < 0 || read_schedules(p, e) < 0 ||
			    read_contacts(p, e) < 0 || read_costs(p, e) < 0 ||
			    read_languages(p, e) < 0 || read_areas(p, e) < 0 ||
			    read_terms(p, e) < 0))
		return RESULT_FAILED;
	char cutoff[11];
	review_cutoff(review_months, cutoff);
	for (size_t k = 0; k < p->count; k++) {
		struct listing *l = &p->listings[k];
		if (!l->id)
			continue;
		if (view == LISTING_PUBLIC)
			public_view(l);
		else
			l->needs_review = l->review_reason || !l->checked_on ||
					  strcmp(l->checked_on, cutoff) < 0;
	}
	return RESULT_OK;
}

/* One listing read on c, inside the caller's transaction. */
static int read_on(struct db_conn *c, enum listing_view view, int review_months,
		   const char *id, struct arena *a, struct listing *out, struct err *e)
{
	struct page_read p;
	page_ids(&p, a, &id, 1);
	p.c = c;
	if (read_page(&p, view, review_months, e) < 0)
		return RESULT_FAILED;
	if (!p.count || !p.listings[0].id)
		return err_not_found(e, "listing", NO_LISTING);
	*out = p.listings[0];
	return RESULT_OK;
}

/*
 * A read transaction of our own on a connection db_transaction did not
 * open: it writes nothing (SQLite's deferred BEGIN takes no write lock;
 * PostgreSQL's is READ ONLY, with one snapshot for every statement), and
 * it always ends here, before the connection goes back.
 */
static int read_page_alone(struct db *db, struct page_read *p, enum listing_view view,
			   int review_months, struct err *e)
{
	bool pg = strcmp(db_kind_name(db), "postgresql") == 0;
	if (p->count > 1)
		p->sql = pg ? &pg_sql : &sqlite_sql;
	if (db_acquire(db, &p->c, e) < 0)
		return RESULT_FAILED;
	int rc = db_query_plain(p->c, p->a,
				pg ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN",
				NULL, e);
	if (rc == RESULT_OK) {
		rc = read_page(p, view, review_months, e);
		struct err ignored;
		if (db_query_plain(p->c, p->a, rc == RESULT_OK ? "COMMIT" : "ROLLBACK", NULL,
				   rc == RESULT_OK ? e : &ignored) < 0)
			rc = RESULT_FAILED;
	}
	db_release(p->c);
	return rc;
}

int listing_get_many(struct db *db, const struct caller *who, enum listing_view view,
		     int review_months, const char *const *ids, size_t count, struct arena *a,
		     struct listing *out, struct err *e)
{
	err_clear(e);
	for (size_t i = 0; i < count; i++)
		out[i] = (struct listing){0};
	if (view == LISTING_STAFF && !may_change(who))
		return err_result(e, RESULT_FORBIDDEN, "Only staff see a listing whole.");
	struct page_read p;
	page_ids(&p, a, ids, count);
	if (p.count && read_page_alone(db, &p, view, review_months, e) < 0)
		return RESULT_FAILED;
	bool all_held = true;
	for (size_t i = 0; i < count; i++) {
		size_t k = page_index(&p, ids[i]);
		if (k < p.count && p.listings[k].id)
			out[i] = p.listings[k];
		else
			all_held = false;
	}
	return all_held ? RESULT_OK : err_not_found(e, "listing", NO_LISTING);
}

int listing_get(struct db *db, const struct caller *who, enum listing_view view,
		int review_months, const char *id, struct arena *a, struct listing *out,
		struct err *e)
{
	return listing_get_many(db, who, view, review_months, &id, 1, a, out, e);
}

/* --- Writing --- */

/* Refuses an id that names a record of another listing (a record of the
 * kind in `table`, whose listing is found by `owner_sql`). */
static int not_anothers(struct db_conn *c, struct arena *a, const char *owner_sql,
			const char *id, const char *service_id, const char *at, struct err *e)
{
	if (!id)
		return RESULT_OK;
	struct db_rows r;
	if (rows_of(c, a, id, owner_sql, &r, e) < 0)
		return RESULT_FAILED;
	if (r.row_count && (!service_id || strcmp(db_cell(&r, 0, 0), service_id) != 0))
		err_field(e, at, "This id is another listing's");
	return RESULT_OK;
}

/* The rules that need what is stored: ids of other listings, terms,
 * sources and areas that must be held.  Fills the terms' names for the
 * search text. */
static int check_held(struct db_conn *c, const struct listing *in, const char *service_id,
		      struct arena *a, const char ***term_names, struct err *e)
{
	int rc = RESULT_OK;
	for (size_t n = 0; rc == RESULT_OK && n < in->location_count; n++)
		rc = not_anothers(c, a,
				  "SELECT service_id FROM community_service_at_locations"
				  " WHERE id = $1",
				  in->locations[n].service_at_location_id, service_id,
				  path(a, "locations", n, "service_at_location_id"), e);
	for (size_t n = 0; rc == RESULT_OK && n < in->schedule_count; n++)
		rc = not_anothers(c, a, "SELECT service_id FROM community_schedules WHERE id = $1",
				  in->schedules[n].id, service_id, path(a, "schedules", n, "id"),
				  e);
	for (size_t n = 0; rc == RESULT_OK && n < in->contact_count; n++) {
		const struct community_contact *ct = &in->contacts[n];
		rc = not_anothers(c, a, "SELECT service_id FROM community_contacts WHERE id = $1",
				  ct->id, service_id, path(a, "contacts", n, "id"), e);
		for (size_t m = 0; rc == RESULT_OK && m < ct->phone_count; m++)
			rc = not_anothers(c, a,
					  "SELECT c.service_id FROM community_phones p"
					  " JOIN community_contacts c ON c.id = p.contact_id"
					  " WHERE p.id = $1",
					  ct->phones[m].id, service_id,
					  arena_printf(a, "contacts.%zu.phones.%zu.id", n, m), e);
	}
	for (size_t n = 0; rc == RESULT_OK && n < in->cost_count; n++)
		rc = not_anothers(c, a,
				  "SELECT service_id FROM community_cost_options WHERE id = $1",
				  in->costs[n].id, service_id, path(a, "cost_options", n, "id"), e);
	for (size_t n = 0; rc == RESULT_OK && n < in->language_count; n++)
		rc = not_anothers(c, a, "SELECT service_id FROM community_languages WHERE id = $1",
				  in->languages[n].id, service_id, path(a, "languages", n, "id"),
				  e);
	for (size_t n = 0; rc == RESULT_OK && n < in->service_area_count; n++) {
		const struct community_service_area *s = &in->service_areas[n];
		rc = not_anothers(c, a,
				  "SELECT service_id FROM community_service_areas WHERE id = $1",
				  s->id, service_id, path(a, "service_areas", n, "id"), e);
		struct db_rows r;
		if (rc == RESULT_OK && s->area_id) {
			rc = rows_of(c, a, s->area_id, "SELECT id FROM areas WHERE id = $1", &r, e);
			if (rc == RESULT_OK && r.row_count == 0)
				err_field(e, path(a, "service_areas", n, "area_id"),
					  "We do not hold that area");
		}
	}
	*term_names = arena_alloc(a, (in->term_count + 1) * sizeof **term_names);
	for (size_t n = 0; rc == RESULT_OK && n < in->term_count; n++) {
		const struct community_term_ref *t = &in->terms[n];
		rc = not_anothers(c, a, "SELECT service_id FROM community_attributes WHERE id = $1",
				  t->attribute_id, service_id,
				  arena_printf(a, "terms.%zu.attribute_id", n), e);
		struct db_rows r;
		if (rc == RESULT_OK)
			rc = rows_of(c, a, t->term_id,
				     "SELECT name FROM community_taxonomy_terms WHERE id = $1", &r, e);
		if (rc == RESULT_OK && r.row_count == 0)
			err_field(e, arena_printf(a, "terms.%zu", n),
				  "We do not hold that taxonomy term");
		else if (rc == RESULT_OK)
			(*term_names)[n] = db_cell(&r, 0, 0);
	}
	if (rc == RESULT_OK && in->source_id) {
		struct db_rows r;
		rc = rows_of(c, a, in->source_id, "SELECT id FROM community_sources WHERE id = $1",
			     &r, e);
		if (rc == RESULT_OK && r.row_count == 0)
			err_field(e, "source_id", "We do not hold that source");
	}
	return rc;
}

/* The listing's words, folded, for both full-text indexes. */
static const char *search_text(const struct listing *in, const char *const *term_names,
			       const struct placed *placed, struct arena *a)
{
	size_t cap = 6 + in->term_count + 4 * in->location_count, n = 0;
	const char **texts = arena_alloc(a, cap * sizeof *texts);
	texts[n++] = in->name;
	texts[n++] = in->description;
	texts[n++] = in->organization.name;
	texts[n++] = in->eligibility;
	texts[n++] = in->how_to_join;
	for (size_t i = 0; i < in->term_count; i++)
		texts[n++] = term_names[i];
	for (size_t i = 0; i < in->location_count; i++) {
		texts[n++] = in->locations[i].name;
		texts[n++] = in->locations[i].address_1;
		texts[n++] = in->locations[i].city;
		texts[n++] = placed[i].postal_code;
	}
	return words_fold_all(a, texts, n);
}

/* Makes `from` the listing's version, if it still is, and the one after
 * it the current: the first write of a change, so on PostgreSQL a second
 * change from the same version waits here for the first and then finds
 * the version gone (RESULT_CONFLICT). */
static int advance(struct db_conn *c, const char *id, long from, struct arena *a,
		   struct err *e)
{
	struct db_param p[] = {DB_TEXT(id), DB_INT(from)};
	struct db_rows r;
	int rc = db_query(c, a,
			  "UPDATE community_services SET version = version + 1"
			  " WHERE id = $1 AND version = $2",
			  p, &r, e);
	if (rc != RESULT_OK || r.changes)
		return rc;
	if (rows_of(c, a, id, "SELECT version FROM community_services WHERE id = $1", &r, e) < 0)
		return RESULT_FAILED;
	if (r.row_count == 0)
		return err_not_found(e, "listing", NO_LISTING);
	return err_result(e, RESULT_CONFLICT, "%s", CHANGED_MEANWHILE);
}

static const char *const clear_children[] = {
	"DELETE FROM community_phones WHERE contact_id IN"
	" (SELECT id FROM community_contacts WHERE service_id = $1)",
	"DELETE FROM community_contacts WHERE service_id = $1",
	"DELETE FROM community_schedules WHERE service_id = $1",
	"DELETE FROM community_attributes WHERE service_id = $1",
	"DELETE FROM community_cost_options WHERE service_id = $1",
	"DELETE FROM community_languages WHERE service_id = $1",
	"DELETE FROM community_service_areas WHERE service_id = $1",
	"DELETE FROM community_service_at_locations WHERE service_id = $1",
};

static int write_organization(struct db_conn *c, const struct listing *in, const char *id,
			      const char *source_id, const char *now, struct arena *a,
			      struct err *e)
{
	const struct community_organization *o = &in->organization;
	struct db_param p[] = {DB_TEXT(id),
			       DB_TEXT(o->name),
			       DB_TEXT(o->description ? o->description : ""),
			       DB_TEXT(blank_null(o->email)),
			       DB_TEXT(blank_null(o->website)),
			       DB_TEXT(source_id),
			       DB_TEXT(now)};
	return db_query(c, a,
			"INSERT INTO community_organizations (id, name, description, email, website,"
			" source_id, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7)"
			" ON CONFLICT (id) DO UPDATE SET name = excluded.name,"
			" description = excluded.description, email = excluded.email,"
			" website = excluded.website, updated_at = excluded.updated_at",
			p, NULL, e);
}

static const char *new_uuid(struct arena *a)
{
	char id[ID_UUID_LEN + 1];
	id_uuid_new(id);
	return arena_strdup(a, id);
}

static const char *or_new(struct arena *a, const char *id)
{
	return id ? id : new_uuid(a);
}

static int write_locations(struct db_conn *c, const struct listing *in, const char *id,
			   const struct placed *placed, const char **links, const char *now,
			   struct arena *a, struct err *e)
{
	int rc = RESULT_OK;
	for (size_t n = 0; rc == RESULT_OK && n < in->location_count; n++) {
		const struct community_location *l = &in->locations[n];
		const struct placed *pl = &placed[n];
		const char *loc = or_new(a, l->id);
		links[n] = or_new(a, l->service_at_location_id);
		const char *coords[4] = {NULL};
		if (pl->has_point) {
			coords[0] = arena_printf(a, "%.7f", pl->lat);
			coords[1] = arena_printf(a, "%.7f", pl->lon);
			coords[2] = arena_printf(a, "%.1f", pl->easting);
			coords[3] = arena_printf(a, "%.1f", pl->northing);
		}
		struct db_param p[] = {DB_TEXT(loc),
				       DB_TEXT(l->location_type ? l->location_type : "physical"),
				       DB_TEXT(blank_null(l->name)),
				       DB_TEXT(blank_null(l->description)),
				       DB_TEXT(blank_null(l->address_1)),
				       DB_TEXT(blank_null(l->city)),
				       DB_TEXT(pl->postal_code),
				       DB_TEXT(coords[0]),
				       DB_TEXT(coords[1]),
				       DB_TEXT(coords[2]),
				       DB_TEXT(coords[3]),
				       DB_TEXT(pl->ward_code),
				       DB_TEXT(pl->area_id),
				       DB_TEXT(blank_null(l->accessibility)),
				       DB_TEXT(blank_null(l->address_1) || pl->postal_code
						       ? or_new(a, l->address_id) : l->address_id),
				       DB_TEXT(blank_null(l->accessibility) ? or_new(a, l->accessibility_id)
									    : l->accessibility_id),
				       DB_TEXT(now)};
		/* Coordinates go in as text, cast, so both backends store the
		 * same double from the same digits. */
		rc = db_query(c, a,
			      "INSERT INTO community_locations (id, location_type, name, description,"
			      " address_1, city, postal_code, latitude, longitude, easting, northing,"
			      " ward_code, area_id, accessibility, address_id, accessibility_id,"
			      " created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7,"
			      " CAST($8 AS DOUBLE PRECISION), CAST($9 AS DOUBLE PRECISION),"
			      " CAST($10 AS DOUBLE PRECISION), CAST($11 AS DOUBLE PRECISION),"
			      " $12, $13, $14, $15, $16, $17, $17)"
			      " ON CONFLICT (id) DO UPDATE SET location_type = excluded.location_type,"
			      " name = excluded.name, description = excluded.description,"
			      " address_1 = excluded.address_1, city = excluded.city,"
			      " postal_code = excluded.postal_code, latitude = excluded.latitude,"
			      " longitude = excluded.longitude, easting = excluded.easting,"
			      " northing = excluded.northing, ward_code = excluded.ward_code,"
			      " area_id = excluded.area_id, accessibility = excluded.accessibility,"
			      " address_id = excluded.address_id,"
			      " accessibility_id = excluded.accessibility_id,"
			      " updated_at = excluded.updated_at",
			      p, NULL, e);
		struct db_param q[] = {DB_TEXT(links[n]), DB_TEXT(id), DB_TEXT(loc),
				       DB_INT((int64_t)n)};
		if (rc == RESULT_OK)
			rc = db_query(c, a,
				      "INSERT INTO community_service_at_locations (id, service_id,"
				      " location_id, position) VALUES ($1, $2, $3, $4)",
				      q, NULL, e);
	}
	return rc;
}

static int write_schedules(struct db_conn *c, const struct listing *in, const char *id,
			   struct arena *a, struct err *e)
{
	int rc = RESULT_OK;
	for (size_t n = 0; rc == RESULT_OK && n < in->schedule_count; n++) {
		const struct community_schedule *s = &in->schedules[n];
		struct db_param p[] = {DB_TEXT(or_new(a, s->id)),
				       DB_TEXT(id),
				       DB_TEXT(s->service_at_location_id),
				       DB_TEXT(s->freq),
				       /* Only a recurring schedule's interval is checked. */
				       DB_INT(s->freq ? s->interval : 1),
				       DB_TEXT(blank_null(s->byday)),
				       DB_TEXT(blank_null(s->bymonthday)),
				       DB_TEXT(s->dtstart),
				       DB_TEXT(s->valid_from),
				       DB_TEXT(s->valid_to),
				       DB_TEXT(s->opens_at),
				       DB_TEXT(s->closes_at),
				       DB_TEXT(blank_null(s->description)),
				       DB_TEXT(blank_null(s->attending_type)),
				       DB_TEXT(blank_null(s->notes)),
				       DB_TEXT(blank_null(s->original_text)),
				       DB_INT((int64_t)n)};
		rc = db_query(c, a,
			      "INSERT INTO community_schedules (id, service_id, service_at_location_id,"
			      " freq, \"interval\", byday, bymonthday, dtstart, valid_from, valid_to,"
			      " opens_at, closes_at, description, attending_type, notes,"
			      " original_text, position) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9,"
			      " $10, $11, $12, $13, $14, $15, $16, $17)",
			      p, NULL, e);
	}
	return rc;
}

static int write_contacts(struct db_conn *c, const struct caller *who, const struct listing *in,
			  const char *id, struct arena *a, struct err *e)
{
	int rc = RESULT_OK;
	for (size_t n = 0; rc == RESULT_OK && n < in->contact_count; n++) {
		const struct community_contact *ct = &in->contacts[n];
		const char *cid = or_new(a, ct->id);
		struct db_param p[] = {DB_TEXT(cid),
				       DB_TEXT(id),
				       DB_TEXT(blank_null(ct->name)),
				       DB_TEXT(blank_null(ct->title)),
				       DB_TEXT(blank_null(ct->email)),
				       DB_INT(ct->public ? 1 : 0),
				       DB_TEXT(ct->agreed_on),
				       DB_TEXT(ct->agreed_on ? caller_user_id(who) : NULL),
				       DB_INT((int64_t)n)};
		rc = db_query(c, a,
			      "INSERT INTO community_contacts (id, service_id, name, title, email,"
			      " public, agreed_on, agreement_recorded_by, position)"
			      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
			      p, NULL, e);
		for (size_t m = 0; rc == RESULT_OK && m < ct->phone_count; m++) {
			const struct community_phone *ph = &ct->phones[m];
			struct db_param q[] = {DB_TEXT(or_new(a, ph->id)), DB_TEXT(cid),
					       DB_TEXT(ph->number),
					       DB_TEXT(blank_null(ph->description)),
					       DB_INT((int64_t)m)};
			rc = db_query(c, a,
				      "INSERT INTO community_phones (id, contact_id, number,"
				      " description, position) VALUES ($1, $2, $3, $4, $5)",
				      q, NULL, e);
		}
	}
	return rc;
}

static int write_others(struct db_conn *c, const struct listing *in, const char *id,
			const struct db_rows *old_attributes, struct arena *a, struct err *e)
{
	int rc = RESULT_OK;
	for (size_t n = 0; rc == RESULT_OK && n < in->cost_count; n++) {
		const struct community_cost *co = &in->costs[n];
		struct db_param p[] = {
			DB_TEXT(or_new(a, co->id)),
			DB_TEXT(id),
			DB_TEXT(blank_null(co->option)),
			DB_TEXT(co->has_amount ? arena_printf(a, "%.2f", co->amount) : NULL),
			DB_TEXT(blank_null(co->amount_description)),
			DB_TEXT(co->valid_from),
			DB_TEXT(co->valid_to),
			DB_INT((int64_t)n)};
		rc = db_query(c, a,
			      "INSERT INTO community_cost_options (id, service_id, option, amount,"
			      " amount_description, valid_from, valid_to, position) VALUES ($1, $2,"
			      " $3, CAST($4 AS DOUBLE PRECISION), $5, $6, $7, $8)",
			      p, NULL, e);
	}
	for (size_t n = 0; rc == RESULT_OK && n < in->language_count; n++) {
		const struct community_language *l = &in->languages[n];
		struct db_param p[] = {DB_TEXT(or_new(a, l->id)), DB_TEXT(id),
				       DB_TEXT(blank_null(l->name)), DB_TEXT(blank_null(l->code)),
				       DB_TEXT(blank_null(l->note)), DB_INT((int64_t)n)};
		rc = db_query(c, a,
			      "INSERT INTO community_languages (id, service_id, name, code, note,"
			      " position) VALUES ($1, $2, $3, $4, $5, $6)",
			      p, NULL, e);
	}
	for (size_t n = 0; rc == RESULT_OK && n < in->service_area_count; n++) {
		const struct community_service_area *s = &in->service_areas[n];
		struct db_param p[] = {DB_TEXT(or_new(a, s->id)), DB_TEXT(id), DB_TEXT(s->name),
				       DB_TEXT(s->area_id), DB_TEXT(blank_null(s->uri)),
				       DB_INT((int64_t)n)};
		rc = db_query(c, a,
			      "INSERT INTO community_service_areas (id, service_id, name, area_id, uri,"
			      " position) VALUES ($1, $2, $3, $4, $5, $6)",
			      p, NULL, e);
	}
	for (size_t n = 0; rc == RESULT_OK && n < in->term_count; n++) {
		const struct community_term_ref *t = &in->terms[n];
		/* A term kept keeps the attribute that carried it. */
		const char *attribute = t->attribute_id;
		for (size_t i = 0; !attribute && i < old_attributes->row_count; i++)
			if (strcmp(db_cell(old_attributes, i, 1), t->term_id) == 0)
				attribute = db_cell(old_attributes, i, 0);
		struct db_param p[] = {DB_TEXT(or_new(a, attribute)), DB_TEXT(id),
				       DB_TEXT(t->term_id), DB_INT((int64_t)n)};
		rc = db_query(c, a,
			      "INSERT INTO community_attributes (id, service_id, taxonomy_term_id,"
			      " position) VALUES ($1, $2, $3, $4)",
			      p, NULL, e);
	}
	return rc;
}

/* The service row itself, new or changed (its version already advanced). */
static int write_service(struct db_conn *c, const struct caller *who, const struct listing *in,
			 bool create, const char *id, const char *org_id, const char *words,
			 const char *now, struct arena *a, struct err *e)
{
	char day[11];
	today(day);
	bool cli = who->kind == CALLER_CLI;
	struct db_param p[] = {
		DB_TEXT(id),
		DB_TEXT(org_id),
		DB_TEXT(in->name),
		DB_TEXT(blank_null(in->description)),
		DB_TEXT(blank_null(in->url)),
		DB_TEXT(blank_null(in->email)),
		DB_TEXT(in->status ? in->status : "active"),
		DB_TEXT(blank_null(in->fees_description)),
		in->free < 0 ? DB_NULL : DB_INT(in->free),
		DB_TEXT(blank_null(in->how_to_join)),
		DB_TEXT(blank_null(in->eligibility)),
		in->minimum_age < 0 ? DB_NULL : DB_INT(in->minimum_age),
		in->maximum_age < 0 ? DB_NULL : DB_INT(in->maximum_age),
		DB_TEXT(blank_null(in->accessibility)),
		DB_TEXT(blank_null(in->alert)),
		DB_INT(in->demo ? 1 : 0),
		DB_TEXT(in->source_id),
		DB_TEXT(cli && in->checked_on ? in->checked_on : day),
		DB_TEXT(caller_user_id(who)),
		DB_TEXT(cli ? blank_null(in->checked_by_name) : caller_name(who)),
		DB_TEXT(cli ? blank_null(in->review_reason) : NULL),
		DB_TEXT(words),
		DB_TEXT(now)};
	if (create)
		return db_query(c, a,
				"INSERT INTO community_services (id, organization_id, name, description,"
				" url, email, status, fees_description, free, how_to_join, eligibility,"
				" minimum_age, maximum_age, accessibility, alert, demo, source_id,"
				" checked_on, checked_by, checked_by_name, review_reason, search_text,"
				" version, created_at, last_modified) VALUES ($1, $2, $3, $4, $5, $6,"
				" $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20,"
				" $21, $22, 1, $23, $23)",
				p, NULL, e);
	/* source_id NULL keeps the source it came from. */
	return db_query(c, a,
			"UPDATE community_services SET organization_id = $2, name = $3,"
			" description = $4, url = $5, email = $6, status = $7,"
			" fees_description = $8, free = $9, how_to_join = $10, eligibility = $11,"
			" minimum_age = $12, maximum_age = $13, accessibility = $14, alert = $15,"
			" demo = $16, source_id = COALESCE($17, source_id), checked_on = $18,"
			" checked_by = $19, checked_by_name = $20, review_reason = $21,"
			" search_text = $22, last_modified = $23, retired_at = NULL,"
			" retired_by = NULL, retired_reason = NULL WHERE id = $1",
			p, NULL, e);
}

/* The listing as it now stands, kept whole as its new version. */
static int keep_version(struct db_conn *c, const struct caller *who, const char *id,
			const char *note, const char *now, struct arena *a, long *version,
			struct err *e)
{
	struct listing now_is;
	int rc = read_on(c, LISTING_STAFF, 0, id, a, &now_is, e);
	if (rc < 0)
		return rc;
	json_t *doc = oruk_service(&now_is);
	char *text = doc ? json_dumps(doc, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	json_decref(doc);
	if (!text)
		return err_set(e, "Out of memory keeping the listing's version");
	const char *kept = arena_strdup(a, text);
	free(text);
	struct db_param p[] = {DB_TEXT(id),
			       DB_INT(now_is.version),
			       DB_TEXT(kept),
			       DB_TEXT(caller_user_id(who)),
			       DB_TEXT(caller_name(who)),
			       DB_TEXT(now),
			       DB_TEXT(blank_null(note))};
	*version = now_is.version;
	return db_query(c, a,
			"INSERT INTO community_service_versions (service_id, version, document,"
			" made_by, made_by_name, made_at, note) VALUES ($1, $2, $3, $4, $5, $6, $7)",
			p, NULL, e);
}

/* The save on c, given what check_shape and place_all made of it. */
static int save_on(struct db_conn *c, const struct caller *who, const struct listing *in,
		   const struct placed *placed, struct arena *a, const char **id_out,
		   long *version_out, struct err *e)
{
	bool create = in->version == 0;
	const char *id = create ? or_new(a, in->id) : in->id;
	/* First, so every write to the directory takes the generation's row
	 * before any listing's (one order of locks on PostgreSQL), and a copy
	 * in memory anywhere learns of the change when it commits. */
	int rc = db_generation_bump(c, DB_GENERATION_DIRECTORY, e);
	if (rc == RESULT_OK && create && in->id) {
		struct db_rows r;
		rc = rows_of(c, a, in->id, "SELECT id FROM community_services WHERE id = $1", &r, e);
		if (rc == RESULT_OK && r.row_count)
			rc = err_result(e, RESULT_CONFLICT,
					"A listing with this id is held already: change that one");
	} else if (rc == RESULT_OK && !create) {
		rc = advance(c, id, in->version, a, e);
	}
	const char **term_names = NULL;
	if (rc == RESULT_OK)
		rc = check_held(c, in, id, a, &term_names, e);
	if (rc == RESULT_OK)
		rc = err_invalid_if_any(e);
	char now[CLOCK_ISO8601_SIZE];
	clock_utc_iso8601(now, sizeof now);
	const char *org_id = or_new(a, in->organization.id);
	struct db_rows old_locations = {0}, old_attributes = {0};
	if (rc == RESULT_OK)
		rc = write_organization(c, in, org_id, in->source_id, now, a, e);
	if (rc == RESULT_OK)
		rc = write_service(c, who, in, create, id, org_id,
				   search_text(in, term_names, placed, a), now, a, e);
	if (rc == RESULT_OK)
		rc = rows_of(c, a, id,
			     "SELECT location_id FROM community_service_at_locations"
			     " WHERE service_id = $1",
			     &old_locations, e);
	if (rc == RESULT_OK)
		rc = rows_of(c, a, id,
			     "SELECT id, taxonomy_term_id FROM community_attributes"
			     " WHERE service_id = $1",
			     &old_attributes, e);
	for (size_t i = 0; rc == RESULT_OK && i < sizeof clear_children / sizeof *clear_children;
	     i++)
		rc = rows_of(c, a, id, clear_children[i], NULL, e);
	const char **links = arena_alloc(a, (in->location_count + 1) * sizeof *links);
	if (rc == RESULT_OK)
		rc = write_locations(c, in, id, placed, links, now, a, e);
	if (rc == RESULT_OK)
		rc = write_schedules(c, in, id, a, e);
	if (rc == RESULT_OK)
		rc = write_contacts(c, who, in, id, a, e);
	if (rc == RESULT_OK)
		rc = write_others(c, in, id, &old_attributes, a, e);
	/* A place no listing links any more is gone. */
	for (size_t i = 0; rc == RESULT_OK && i < old_locations.row_count; i++) {
		rc = rows_of(c, a, db_cell(&old_locations, i, 0),
			      "DELETE FROM community_locations WHERE id = $1 AND NOT EXISTS"
			      " (SELECT 1 FROM community_service_at_locations"
			      " WHERE location_id = $1)",
			      NULL, e);
	}
	long version = 0;
	if (rc == RESULT_OK)
		rc = keep_version(c, who, id, in->note, now, a, &version, e);
	if (rc == RESULT_OK) {
		if (id_out)
			*id_out = id;
		if (version_out)
			*version_out = version;
	}
	return rc;
}

/* What needs no database: the shape, and the places found. */
static int prepare(const struct caller *who, const struct lookup_context *ctx,
		   const struct listing *in, struct arena *a, struct placed **placed,
		   struct err *e)
{
	err_clear(e);
	if (!may_change(who))
		return err_result(e, RESULT_FORBIDDEN, "Only staff change the directory.");
	check_shape(who, in, a, e);
	if (place_all(ctx, in, a, placed, e) < 0)
		return RESULT_FAILED;
	return err_invalid_if_any(e);
}

int listing_save_on(struct db_conn *c, const struct caller *who,
		    const struct lookup_context *ctx, const struct listing *in, struct arena *a,
		    const char **id_out, long *version_out, struct err *e)
{
	struct placed *placed;
	int rc = prepare(who, ctx, in, a, &placed, e);
	return rc < 0 ? rc : save_on(c, who, in, placed, a, id_out, version_out, e);
}

int listing_save(struct db *db, const struct caller *who, const struct lookup_context *ctx,
		 const struct listing *in, struct arena *a, const char **id_out,
		 long *version_out, struct err *e)
{
	struct placed *placed;
	int rc = prepare(who, ctx, in, a, &placed, e);
	if (rc < 0)
		return rc;
	struct db_conn *c;
	if (db_transaction(db, &c, e) < 0)
		return RESULT_FAILED;
	const char *id = NULL;
	rc = save_on(c, who, in, placed, a, &id, version_out, e);
	struct audit_entry entry = {in->version == 0 ? "create" : "update", "listing",
				    id ? id : in->id, NULL, NULL, NULL};
	rc = audit_commit_or_refuse(c, NULL, rc, who, &entry, e);
	if (rc == RESULT_OK && id_out)
		*id_out = id;
	return rc;
}

/* A check or a retirement: one change of the service row from a version,
 * kept as the next version, audited. */
static int change_row(struct db *db, const struct caller *who, const char *action,
		      const char *id, long from_version, const char *sql,
		      const struct db_param *params, size_t param_count, const char *note,
		      struct arena *a, struct err *e)
{
	struct db_conn *c;
	if (db_transaction(db, &c, e) < 0)
		return RESULT_FAILED;
	/* Status and last_modified are search's filters: see save_on. */
	int rc = db_generation_bump(c, DB_GENERATION_DIRECTORY, e);
	if (rc == RESULT_OK)
		rc = advance(c, id, from_version, a, e);
	if (rc == RESULT_OK)
		rc = db_query_counted(c, a, sql, params, param_count, NULL, e);
	char now[CLOCK_ISO8601_SIZE];
	clock_utc_iso8601(now, sizeof now);
	long version;
	if (rc == RESULT_OK)
		rc = keep_version(c, who, id, note, now, a, &version, e);
	struct audit_entry entry = {action, "listing", id, NULL, NULL, NULL};
	return audit_commit_or_refuse(c, NULL, rc, who, &entry, e);
}

int listing_check(struct db *db, const struct caller *who, const char *id, long from_version,
		  struct arena *a, struct err *e)
{
	err_clear(e);
	if (!may_change(who))
		return err_result(e, RESULT_FORBIDDEN, "Only staff check the directory.");
	if (!id || !id_uuid_valid(id))
		return err_not_found(e, "listing", NO_LISTING);
	if (from_version < 1)
		return err_field(e, "version", "Give the version you checked");
	char day[11], now[CLOCK_ISO8601_SIZE];
	today(day);
	clock_utc_iso8601(now, sizeof now);
	struct db_param p[] = {DB_TEXT(id), DB_TEXT(day), DB_TEXT(caller_user_id(who)),
			       DB_TEXT(caller_name(who)), DB_TEXT(now)};
	return change_row(db, who, "check", id, from_version,
			  "UPDATE community_services SET checked_on = $2, checked_by = $3,"
			  " checked_by_name = $4, review_reason = NULL, last_modified = $5"
			  " WHERE id = $1",
			  p, sizeof p / sizeof *p, "Checked: still right", a, e);
}

int listing_retire(struct db *db, const struct caller *who, const char *id, long from_version,
		   const char *reason, struct arena *a, struct err *e)
{
	err_clear(e);
	if (!may_change(who))
		return err_result(e, RESULT_FORBIDDEN, "Only staff retire listings.");
	if (!id || !id_uuid_valid(id))
		return err_not_found(e, "listing", NO_LISTING);
	if (from_version < 1)
		err_field(e, "version", "Give the version you are retiring");
	if (!reason || !*reason)
		err_field(e, "reason", "Say why the listing is retired");
	text(e, "reason", reason, LISTING_TEXT_MAX, true);
	if (err_invalid_if_any(e) < 0)
		return RESULT_INVALID;
	char now[CLOCK_ISO8601_SIZE];
	clock_utc_iso8601(now, sizeof now);
	struct db_param p[] = {DB_TEXT(id), DB_TEXT(now), DB_TEXT(caller_user_id(who)),
			       DB_TEXT(reason)};
	return change_row(db, who, "retire", id, from_version,
			  "UPDATE community_services SET status = 'defunct', retired_at = $2,"
			  " retired_by = $3, retired_reason = $4, last_modified = $2"
			  " WHERE id = $1",
			  p, sizeof p / sizeof *p, arena_printf(a, "Retired: %s", reason), a, e);
}

static int listing_held(struct db_conn *c, const char *id, struct arena *a, struct err *e)
{
	if (!id || !id_uuid_valid(id))
		return err_not_found(e, "listing", NO_LISTING);
	struct db_rows r;
	if (rows_of(c, a, id, "SELECT id FROM community_services WHERE id = $1", &r, e) < 0)
		return RESULT_FAILED;
	return r.row_count ? RESULT_OK : err_not_found(e, "listing", NO_LISTING);
}

int listing_history(struct db *db, const struct caller *who, const char *id, struct arena *a,
		    struct listing_version_entry **out, size_t *count, struct err *e)
{
	err_clear(e);
	*out = NULL;
	*count = 0;
	if (!may_change(who))
		return err_result(e, RESULT_FORBIDDEN, "Only staff see a listing's history.");
	struct db_conn *c;
	if (db_acquire(db, &c, e) < 0)
		return RESULT_FAILED;
	struct db_param p[] = {DB_TEXT(id)};
	struct db_rows r;
	int rc = listing_held(c, id, a, e);
	if (rc == RESULT_OK)
		rc = db_query(c, a,
			      "SELECT version, made_by_name, made_at, note"
			      " FROM community_service_versions WHERE service_id = $1"
			      " ORDER BY version DESC",
			      p, &r, e);
	db_release(c);
	if (rc < 0)
		return rc;
	*out = arena_alloc(a, (r.row_count + 1) * sizeof **out);
	for (size_t i = 0; i < r.row_count; i++)
		(*out)[i] = (struct listing_version_entry){long_or(db_cell(&r, i, 0), 0),
							   db_cell(&r, i, 1), db_cell(&r, i, 2),
							   db_cell(&r, i, 3)};
	*count = r.row_count;
	return RESULT_OK;
}

int listing_version(struct db *db, const struct caller *who, const char *id, long version,
		    struct arena *a, const char **document, struct err *e)
{
	err_clear(e);
	*document = NULL;
	if (!may_change(who))
		return err_result(e, RESULT_FORBIDDEN, "Only staff see a listing's history.");
	struct db_conn *c;
	if (db_acquire(db, &c, e) < 0)
		return RESULT_FAILED;
	struct db_param p[] = {DB_TEXT(id), DB_INT(version)};
	struct db_rows r;
	int rc = listing_held(c, id, a, e);
	if (rc == RESULT_OK)
		rc = db_query(c, a,
			      "SELECT document FROM community_service_versions"
			      " WHERE service_id = $1 AND version = $2",
			      p, &r, e);
	db_release(c);
	if (rc == RESULT_OK && r.row_count == 0)
		rc = err_not_found(e, "version", "This listing has no version %ld.", version);
	if (rc == RESULT_OK)
		*document = db_cell(&r, 0, 0);
	return rc;
}

int listing_review_list(struct db *db, const struct caller *who, int review_months,
			struct arena *a, struct listing_summary **out, size_t *count,
			struct err *e)
{
	err_clear(e);
	*out = NULL;
	*count = 0;
	if (!may_change(who))
		return err_result(e, RESULT_FORBIDDEN, "Only staff review the directory.");
	char cutoff[11];
	review_cutoff(review_months, cutoff);
	struct db_param p[] = {DB_TEXT(cutoff)};
	struct db_rows r;
	if (db_run(db, a,
		   "SELECT s.id, s.name, o.name, s.status, s.checked_on, s.checked_by_name,"
		   " s.review_reason, s.demo, (SELECT loc.postal_code"
		   " FROM community_service_at_locations sal"
		   " JOIN community_locations loc ON loc.id = sal.location_id"
		   " WHERE sal.service_id = s.id ORDER BY sal.position, sal.id LIMIT 1)"
		   " FROM community_services s"
		   " JOIN community_organizations o ON o.id = s.organization_id"
		   " WHERE s.status <> 'defunct' AND (s.review_reason IS NOT NULL"
		   " OR s.checked_on IS NULL OR s.checked_on < $1)"
		   " ORDER BY CASE WHEN s.checked_on IS NULL THEN 0 ELSE 1 END, s.checked_on,"
		   " s.name, s.id",
		   p, &r, e) < 0)
		return RESULT_FAILED;
	*out = arena_alloc(a, (r.row_count + 1) * sizeof **out);
	for (size_t i = 0; i < r.row_count; i++)
		(*out)[i] = (struct listing_summary){
			db_cell(&r, i, 0), db_cell(&r, i, 1), db_cell(&r, i, 2),
			db_cell(&r, i, 3), db_cell(&r, i, 4), db_cell(&r, i, 5),
			db_cell(&r, i, 6), db_cell(&r, i, 8), long_or(db_cell(&r, i, 7), 0) != 0};
	*count = r.row_count;
	return RESULT_OK;
}

int listing_sources(struct db *db, struct arena *a, struct community_source **out,
		    size_t *count, struct err *e)
{
	err_clear(e);
	struct db_rows r;
	if (db_run_plain(db, a,
			 "SELECT " SOURCE_COLUMNS " FROM community_sources src ORDER BY name", &r,
			 e) < 0)
		return RESULT_FAILED;
	*out = arena_alloc(a, (r.row_count + 1) * sizeof **out);
	for (size_t i = 0; i < r.row_count; i++)
		(*out)[i] = source_from_row(&r, i, 0);
	*count = r.row_count;
	return RESULT_OK;
}
