#include "api/api.h"
#include "api/areas_json.h"

#include "core/arena.h"
#include "core/config.h"
#include "domain/areas/lookup.h"
#include "domain/council/council.h"
#include "domain/introductions/waiting.h"
#include "geo/map.h"
#include "http/app.h"
#include "http/http.h"

#include <math.h>
#include <time.h>

/* The postcode file's ward beside ours, and whether they agree. */
static json_t *directory_ward_json(const struct geo_map *map,
				   const struct lookup_result *r)
{
	if (!r->source_ward || !*r->source_ward)
		return json_null();
	long listed = geo_map_find_ward(map, r->source_ward);
	json_t *ward = api_ward_json(r->source_ward,
				     listed >= 0 ? geo_map_ward(map, (size_t)listed)->name : NULL);
	json_object_set_new(ward, "agrees", json_boolean(!r->ward_disagrees));
	return ward;
}

static json_t *map_area_json(const struct geo_map *map, long index)
{
	return api_map_area_json(index >= 0 ? geo_map_area(map, (size_t)index) : NULL);
}

int api_lookup_estimate(struct db *db, const struct holidays *h, struct arena *a,
			const struct geo_map *map, const struct lookup_result *r,
			struct waiting *out, struct err *e)
{
	long index = r->covered ? r->area : r->near ? r->nearest_covered : -1;
	if (index < 0)
		return 0;
	if (waiting_estimate(db, h, time(NULL), geo_map_area(map, (size_t)index)->id, a, out,
			     e) < 0)
		return -1;
	return 1;
}

json_t *api_lookup_json(struct arena *a, const struct geo_map *map,
			const struct lookup_result *r, const struct waiting *estimate)
{
	json_t *ward = json_null();
	if (r->ward >= 0) {
		const struct geo_ward *w = geo_map_ward(map, (size_t)r->ward);
		ward = api_ward_json(w->code, w->name);
	}
	json_t *nearest = json_null();
	if (r->nearest_covered >= 0)
		nearest = json_pack("{s:o,s:I,s:b,s:o}", "area",
				    map_area_json(map, r->nearest_covered), "distance_m",
				    (json_int_t)llround(r->nearest_metres), "near",
				    r->near, "coordinator",
				    api_coordinator_json(r->nearest_coordinator));
	/* Six decimals is about 10 cm: all the precision the data has. */
	return json_pack("{s:s?,s:{s:f,s:f},s:o,s:o,s:s?,s:b,s:o,s:o,s:o,s:o}",
			 "postcode", r->by_postcode ? r->postcode : NULL,
			 "location", "lat", round(r->lat * 1e6) / 1e6, "lon",
			 round(r->lon * 1e6) / 1e6, "ward", ward, "directory_ward",
			 directory_ward_json(map, r), "ward_note",
			 lookup_ward_note(a, map, r), "covered", r->covered,
			 "area", map_area_json(map, r->area), "coordinator",
			 api_coordinator_json(r->coordinator), "nearest_covered",
			 nearest, "first_conversation",
			 estimate ? api_waiting_json(estimate) : json_null());
}

/* A contact value, or null when the settings do not hold it. */
static json_t *set_or_null(const char *value)
{
	return *value ? json_string(value) : json_null();
}

json_t *api_answer_json(enum lookup_answerer who, bool takes_introductions,
			const char *area_id, const char *area_name,
			const struct coordinator *coordinator, const struct council *c,
			unsigned offers)
{
	json_t *contacts = json_object();
	if (offers & LOOKUP_OFFER_TEAM)
		json_object_set_new(contacts, "team",
				    json_pack("{s:o,s:o,s:o}", "name", set_or_null(c->team_name),
					      "phone", set_or_null(c->team_phone), "email",
					      set_or_null(c->team_email)));
	if (offers & LOOKUP_OFFER_COUNCIL)
		json_object_set_new(contacts, "council",
				    json_pack("{s:o,s:o,s:o,s:o}", "name", set_or_null(c->name),
					      "phone", set_or_null(c->phone), "email",
					      set_or_null(c->email), "website",
					      set_or_null(c->website)));
	if (offers & LOOKUP_OFFER_ADULT_SOCIAL_CARE)
		json_object_set_new(contacts, "adult_social_care",
				    json_pack("{s:o,s:o}", "phone",
					      set_or_null(c->adult_social_care_phone), "url",
					      set_or_null(c->adult_social_care_url)));
	bool by_coordinator = who == LOOKUP_AREA_COORDINATOR || who == LOOKUP_NEAREST_COORDINATOR;
	return json_pack("{s:s,s:b,s:o,s:o,s:o}", "answered_by", lookup_answerer_name(who),
			 "takes_introductions", takes_introductions, "area",
			 area_id ? json_pack("{s:s,s:s?}", "id", area_id, "name", area_name)
				 : json_null(),
			 "coordinator",
			 by_coordinator ? api_coordinator_json(coordinator) : json_null(),
			 "contacts", contacts);
}

json_t *api_lookup_answer_json(const struct lookup_context *ctx, struct arena *a,
			       const struct lookup_result *r, struct err *e)
{
	struct council council;
	struct lookup_answer answer;
	if (council_read(ctx->db, a, &council, e) < 0 ||
	    lookup_answer(ctx, a, r, council.outside_cover, &answer, e) < 0)
		return NULL;
	const struct geo_area *area =
		answer.area >= 0 ? geo_map_area(ctx->map, (size_t)answer.area) : NULL;
	return api_answer_json(answer.who, answer.takes_introductions, area ? area->id : NULL,
			       area ? area->name : NULL, answer.coordinator, &council,
			       answer.offers);
}

int api_lookup(struct http_request *req, struct http_response *res)
{
	const struct app *app = req->app;
	const char *postcode = http_query(req, "postcode");
	const char *lat = http_query(req, "lat");
	const char *lon = http_query(req, "lon");
	if (!req->map)
		return api_no_map(req, res);
	struct lookup_context ctx = {app->db, req->map,
				     app->config->near_metres, req->postcodes};
	struct lookup_result r;
	struct err e = {0};
	int rc;
	if (postcode)
		rc = lookup_postcode(&ctx, req->arena, postcode, &r, &e);
	else if (lat || lon)
		rc = lookup_point(&ctx, req->arena, lat ? lat : "", lon ? lon : "", &r, &e);
	else
		rc = err_field(&e, "postcode", "Give a postcode, or lat and lon.");
	if (rc != RESULT_OK)
		return http_send_result(req, res, rc, &e, NULL);
	json_t *answer = api_lookup_answer_json(&ctx, req->arena, &r, &req->err);
	if (!answer)
		return RESULT_FAILED;
	struct waiting w;
	rc = api_lookup_estimate(app->db, app->holidays, req->arena, req->map, &r, &w, &req->err);
	if (rc < 0) {
		json_decref(answer);
		return RESULT_FAILED;
	}
	json_t *j = api_lookup_json(req->arena, req->map, &r, rc ? &w : NULL);
	json_object_set_new(j, "answer", answer);
	return http_send_json(req, res, 200, j);
}
