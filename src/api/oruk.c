/*
 * The Open Referral UK API: /oruk/ (api.h says what each route answers).
 * Read-only and public; the server adds Access-Control-Allow-Origin: * to
 * every answer under /oruk/, errors included.  Documents come from
 * domain/community/oruk.h, lists and filters from search_run.  A record
 * asked for by id is read whole through listing_get_many as the public
 * sees it; a list is joined from each listing's encoded documents kept
 * by domain/community/oruk_cache.h, fresh by the directory's change
 * generation.
 */
#include "api/api.h"
#include "api/areas_json.h"
#include "api/oruk_page.h"

#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/clock.h"
#include "core/config.h"
#include "core/err.h"
#include "core/sb.h"
#include "db/generation.h"
#include "domain/areas/lookup.h"
#include "domain/community/listing.h"
#include "domain/community/oruk.h"
#include "domain/community/oruk_cache.h"
#include "domain/community/oruk_find.h"
#include "domain/community/search.h"
#include "domain/community/taxonomy.h"
#include "domain/staff/caller.h"
#include "http/app.h"
#include "http/http.h"

/* What the UK profile's validator serves as a conforming feed's `/`. */
#define ORUK_VERSION "HSDS-UK-3.0"
#define ORUK_PROFILE "https://github.com/OpenReferralUK/uk-profile/blob/main/docs/index.md"
#define ORUK_OPENAPI "https://docs.openreferraluk.org/en/latest/openapi30.json"

/*
 * Attribution: the profile's schemas allow properties they do not name,
 * so a response showing listings from a source carries "attribution" at
 * its top (beside the page fields, or on the one record asked for): each
 * source's name, attribution, licence and address, once.
 */
struct attribution {
	const struct community_source *sources[16];
	size_t count;
};

static void attribution_add(struct attribution *at, const struct listing *l)
{
	if (!l->source)
		return;
	for (size_t i = 0; i < at->count; i++)
		if (strcmp(at->sources[i]->id, l->source->id) == 0)
			return;
	if (at->count < sizeof at->sources / sizeof *at->sources)
		at->sources[at->count++] = l->source;
}

static void attribution_put(const struct attribution *at, json_t *o)
{
	if (!at->count)
		return;
	json_t *list = json_array();
	for (size_t i = 0; i < at->count; i++)
		json_array_append_new(list, oruk_source_attribution(at->sources[i]));
	json_object_set_new(o, "attribution", list);
}

/* Every source's attribution on o (none when there are no sources). */
static int attribution_put_all(struct http_request *req, json_t *o)
{
	struct community_source *sources;
	size_t count;
	if (listing_sources(req->app->db, req->arena, &sources, &count, &req->err) != RESULT_OK)
		return RESULT_FAILED;
	if (count) {
		json_t *list = json_array();
		for (size_t i = 0; i < count; i++)
			json_array_append_new(list, oruk_source_attribution(&sources[i]));
		json_object_set_new(o, "attribution", list);
	}
	return RESULT_OK;
}

int api_oruk_details(struct http_request *req, struct http_response *res)
{
	json_t *o = json_pack("{s:s,s:s,s:s}", "version", ORUK_VERSION, "profile", ORUK_PROFILE,
			      "openapi_url", ORUK_OPENAPI);
	if (attribution_put_all(req, o) != RESULT_OK) {
		json_decref(o);
		return RESULT_FAILED;
	}
	return http_send_json(req, res, 200, o);
}


/* The filters the OpenAPI names, as a search; a postcode becomes a point
 * through the lookup.  Their forms were checked by the route. */
static int query_of(struct http_request *req, bool by_location, struct search_query *q,
		    struct err *e)
{
	search_query_init(q);
	q->by_location = by_location;
	oruk_page_asked(req, &q->page, &q->per_page);
	q->words = http_query_filter(req, "search");
	const char *term = http_query_filter(req, "taxonomy_term_id");
	if (term) {
		const char **terms = arena_alloc(req->arena, sizeof *terms);
		terms[0] = term;
		q->term_ids = terms;
		q->term_count = 1;
	}
	q->taxonomy_id = http_query_filter(req, "taxonomy_id");
	const char *v = http_query_filter(req, "minimum_age");
	if (v)
		q->minimum_age = strtol(v, NULL, 10);
	if ((v = http_query_filter(req, "maximum_age")))
		q->maximum_age = strtol(v, NULL, 10);
	if ((v = http_query_filter(req, "day")))
		for (int d = 0; api_oruk_days[d]; d++)
			if (strcmp(v, api_oruk_days[d]) == 0)
				q->day = d + 1;
	q->start_time = http_query_filter(req, "start_time");
	q->end_time = http_query_filter(req, "end_time");
	/* In the stored form (milliseconds always, UTC), so that comparing
	 * the text compares the times: "10:00:00Z" would sort after
	 * "10:00:00.500Z".  The route checked it reads. */
	if ((v = http_query_filter(req, "modified_after"))) {
		char *utc = arena_alloc(req->arena, CLOCK_ISO8601_SIZE);
		if (clock_instant_utc(v, utc) < 0)
			return err_field(e, "modified_after", "Enter a date or a date and time");
		q->modified_after = utc;
	}

	const char *postcode = http_query_filter(req, "postcode");
	const char *proximity = http_query_filter(req, "proximity");
	if (proximity && !postcode)
		return err_field(e, "proximity", "Give a postcode to measure the proximity from");
	if (!postcode)
		return RESULT_OK;
	struct lookup_context ctx = {req->app->db, req->map, req->app->config->near_metres,
				     req->postcodes};
	struct lookup_result r;
	int rc = lookup_postcode(&ctx, req->arena, postcode, &r, e);
	if (rc == RESULT_NOT_FOUND)
		return err_field(e, "postcode", "We do not hold the postcode %s", r.postcode);
	if (rc != RESULT_OK)
		return rc;
	q->near = true;
	q->latitude = r.lat;
	q->longitude = r.lon;
	q->within_metres = proximity ? strtod(proximity, NULL) : SEARCH_WITHIN_MAX;
	/* Each listing found is read whole below: its places with it. */
	q->ids_only = true;
	return RESULT_OK;
}

/* Listings as the public sees them, a page at once (the review setting
 * only decides what staff see, so it is passed for the contract's sake). */
static int public_listings(struct http_request *req, const char *const *ids, size_t count,
			   struct listing *out, struct err *e)
{
	return listing_get_many(req->app->db, req->who, LISTING_PUBLIC,
				req->app->config->directory_review_months, ids, count, req->arena,
				out, e);
}

static int public_listing(struct http_request *req, const char *id, struct listing *out,
			  struct err *e)
{
	return public_listings(req, &id, 1, out, e);
}

static size_t location_index(const struct listing *l, const char *service_at_location_id)
{
	for (size_t i = 0; i < l->location_count; i++)
		if (l->locations[i].service_at_location_id &&
		    strcmp(l->locations[i].service_at_location_id, service_at_location_id) == 0)
			return i;
	return l->location_count;
}

/* A list's sources, each once, in the order the page first shows them
 * (as struct attribution, from the encoded documents). */
struct encoded_sources {
	const struct oruk_docs *docs[16];
	size_t count;
};

static void encoded_source_add(struct encoded_sources *at, const struct oruk_docs *d)
{
	if (!d->source_id)
		return;
	for (size_t i = 0; i < at->count; i++)
		if (strcmp(at->docs[i]->source_id, d->source_id) == 0)
			return;
	if (at->count < sizeof at->docs / sizeof *at->docs)
		at->docs[at->count++] = d;
}

/*
 * A list of the search the request asks for: the page, each listing
 * found as its encoded document (a service, or the service at the place
 * found), the sources' attribution on top; the same bytes as the page
 * built as one jansson tree and encoded by http_send_json, written
 * straight into the body.  The generation is read before the search, so
 * the documents are at least as new as what was searched.
 */
static int found_list(struct http_request *req, struct http_response *res, bool by_location)
{
	if (http_query_filter(req, "postcode") && !req->map)
		return api_no_map(req, res);
	int64_t generation;
	if (db_generation_read(req->app->db, DB_GENERATION_DIRECTORY, &generation, &req->err) < 0)
		return RESULT_FAILED;
	struct search_query q;
	struct search_result r;
	struct err e = {0};
	int rc = query_of(req, by_location, &q, &e);
	if (rc == RESULT_OK)
		rc = search_run(req->app->db, req->app->directory, &q, req->arena, &r, &e);
	if (rc != RESULT_OK)
		return http_send_result(req, res, rc, &e, NULL);
	const char **ids = arena_alloc(req->arena, (r.count + 1) * sizeof *ids);
	struct oruk_docs *docs = arena_alloc(req->arena, (r.count + 1) * sizeof *docs);
	for (size_t i = 0; i < r.count; i++)
		ids[i] = r.hits[i].service_id;
	if (oruk_cache_docs(req->app->oruk, req->app->db, generation, req->who,
			    req->app->config->directory_review_months, ids, r.count, req->arena,
			    docs, &req->err) != RESULT_OK)
		return RESULT_FAILED;

	const char **items = arena_alloc(req->arena, (r.count + 1) * sizeof *items);
	size_t *lens = arena_alloc(req->arena, (r.count + 1) * sizeof *lens);
	size_t size = 0;
	struct encoded_sources at = {0};
	for (size_t i = 0; i < r.count; i++) {
		if (by_location) {
			items[size] = oruk_docs_place(&docs[i], r.hits[i].service_at_location_id,
						      &lens[size]);
		} else {
			items[size] = docs[i].brief;
			lens[size] = docs[i].brief_len;
		}
		if (items[size])
			size++;
		encoded_source_add(&at, &docs[i]);
	}
	struct sb body;
	sb_init(&body, req->arena, 64 * 1024 * 1024);
	oruk_page_open(&body, r.total, r.page, r.per_page, size);
	for (size_t i = 0; i < size; i++) {
		if (i)
			sb_putc(&body, ',');
		sb_append(&body, items[i], lens[i]);
	}
	sb_putc(&body, ']');
	if (at.count) {
		sb_puts(&body, ",\"attribution\":[");
		for (size_t i = 0; i < at.count; i++) {
			if (i)
				sb_putc(&body, ',');
			sb_append(&body, at.docs[i]->source, at.docs[i]->source_len);
		}
		sb_putc(&body, ']');
	}
	sb_putc(&body, '}');
	if (sb_failed(&body))
		return err_set(&req->err, "cannot encode JSON response");
	http_send_static(res, 200, "application/json", sb_str(&body), body.len);
	return RESULT_OK;
}

int api_oruk_services(struct http_request *req, struct http_response *res)
{
	return found_list(req, res, false);
}

int api_oruk_service_at_locations(struct http_request *req, struct http_response *res)
{
	return found_list(req, res, true);
}

/* One listing by id, retired ones too (status "defunct"). */
static int one_listing(struct http_request *req, struct http_response *res, const char *id,
		       struct listing *l, bool *answered)
{
	struct err e = {0};
	int rc = public_listing(req, id, l, &e);
	*answered = rc != RESULT_OK;
	if (rc == RESULT_NOT_FOUND) {
		e.subject = "service";
		return http_send_result(req, res, rc, &e, NULL);
	}
	return rc == RESULT_OK ? RESULT_OK : http_send_result(req, res, rc, &e, NULL);
}

int api_oruk_service(struct http_request *req, struct http_response *res)
{
	struct listing l;
	bool answered;
	int rc = one_listing(req, res, http_path_param(req, "id"), &l, &answered);
	if (answered)
		return rc;
	struct attribution at = {0};
	attribution_add(&at, &l);
	json_t *o = oruk_service(&l);
	attribution_put(&at, o);
	return http_send_json(req, res, 200, o);
}

int api_oruk_service_at_location(struct http_request *req, struct http_response *res)
{
	const char *id = http_path_param(req, "id");
	const char *service_id;
	struct err e = {0};
	int rc = oruk_find_service_at_location(req->app->db, id, req->arena, &service_id, &e);
	if (rc != RESULT_OK)
		return http_send_result(req, res, rc, &e, NULL);
	struct listing l;
	bool answered;
	rc = one_listing(req, res, service_id, &l, &answered);
	if (answered)
		return rc;
	/* A place the listing no longer has is the version before's. */
	json_t *o = oruk_service_at_location(&l, location_index(&l, id));
	if (!o) {
		err_not_found(&e, "service_at_location", "No service at a location has that id");
		return http_send_result(req, res, RESULT_NOT_FOUND, &e, NULL);
	}
	struct attribution at = {0};
	attribution_add(&at, &l);
	attribution_put(&at, o);
	return http_send_json(req, res, 200, o);
}

int api_oruk_organizations(struct http_request *req, struct http_response *res)
{
	long page, per_page, total;
	oruk_page_asked(req, &page, &per_page);
	struct community_organization *list;
	size_t count;
	if (oruk_find_organizations(req->app->db, page, per_page, req->arena, &list, &count,
				    &total, &req->err) != RESULT_OK)
		return RESULT_FAILED;
	json_t *contents = json_array();
	for (size_t i = 0; i < count; i++)
		json_array_append_new(contents, oruk_organization(&list[i]));
	json_t *o = oruk_page_json(total, page, per_page, contents);
	/* An organisation here does not say which source it came from, so a
	 * page of them names every source: none goes unattributed. */
	if (count && attribution_put_all(req, o) != RESULT_OK) {
		json_decref(o);
		return RESULT_FAILED;
	}
	return http_send_json(req, res, 200, o);
}

int api_oruk_organization(struct http_request *req, struct http_response *res)
{
	const char *id = http_path_param(req, "id");
	struct community_organization g;
	struct err e = {0};
	int rc = oruk_find_organization(req->app->db, id, req->arena, &g, &e);
	if (rc != RESULT_OK)
		return http_send_result(req, res, rc, &e, NULL);
	const char **ids;
	size_t count;
	if (oruk_find_organization_services(req->app->db, id, req->arena, &ids, &count,
					    &req->err) != RESULT_OK)
		return RESULT_FAILED;
	struct listing *found = arena_alloc(req->arena, (count + 1) * sizeof *found);
	if (public_listings(req, ids, count, found, &req->err) != RESULT_OK)
		return RESULT_FAILED;
	struct attribution at = {0};
	json_t *o = oruk_organization(&g);
	json_t *services = json_array();
	for (size_t i = 0; i < count; i++) {
		json_array_append_new(services, oruk_service(&found[i]));
		attribution_add(&at, &found[i]);
	}
	json_object_set_new(o, "services", services);
	attribution_put(&at, o);
	return http_send_json(req, res, 200, o);
}
