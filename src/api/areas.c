#include "api/api.h"
#include "api/areas_json.h"

#include "core/arena.h"
#include "core/config.h"
#include "domain/areas/area.h"
#include "core/log.h"
#include "domain/areas/dropin.h"
#include "domain/areas/lookup.h"
#include "domain/introductions/waiting.h"
#include "geo/live.h"
#include "geo/map.h"
#include "http/app.h"
#include "http/http.h"

#include <time.h>

json_t *api_coordinator_json(const struct coordinator *co)
{
	if (!co)
		return json_null();
	return json_pack("{s:s,s:s,s:s?,s:s?,s:s?,s:s?}", "id", co->id, "name",
			 co->name, "mobile", co->mobile, "email", co->email,
			 "facebook_url", co->facebook_url, "introduction",
			 co->introduction);
}

json_t *api_map_area_json(const struct geo_area *area)
{
	if (!area)
		return json_null();
	return json_pack("{s:s,s:s,s:b}", "id", area->id, "name", area->name,
			 "covered", area->covered);
}

json_t *api_ward_json(const char *code, const char *name)
{
	return json_pack("{s:s,s:s?}", "code", code, "name", name);
}

json_t *api_waiting_json(const struct waiting *w)
{
	return json_pack("{s:s,s:s,s:s?,s:I,s:o}", "band", w->code, "sentence", w->sentence,
			 "basis", w->basis_code, "count", (json_int_t)w->count,
			 "median_working_days",
			 w->basis_code ? json_real((double)w->median_halves / 2) : json_null());
}

/* One area as a GeoJSON Feature: its outline, wards and neighbours from
 * the map loaded at start, its coordinator and estimate as the database
 * has them now. */
static json_t *area_feature(const struct geo_map *map, const struct area *area,
			    const struct waiting *estimate)
{
	long index = geo_map_find_area(map, area->id);
	const struct geo_area *shape = index >= 0 ? geo_map_area(map, (size_t)index) : NULL;
	json_t *wards = json_array();
	for (size_t i = 0; i < area->ward_count; i++) {
		long w = geo_map_find_ward(map, area->wards[i]);
		json_array_append_new(wards, api_ward_json(area->wards[i],
							   w >= 0 ? geo_map_ward(map, (size_t)w)->name
								  : NULL));
	}
	json_t *neighbours = json_array();
	for (size_t i = 0; shape && i < shape->neighbour_count; i++)
		json_array_append_new(neighbours,
				      api_map_area_json(geo_map_area(map, shape->neighbours[i])));
	json_t *geometry = shape ? json_loads(shape->geojson, 0, NULL) : NULL;
	return json_pack("{s:s,s:s,s:{s:s,s:b,s:b,s:o,s:o,s:o,s:o},s:o}", "type", "Feature",
			 "id", area->id, "properties", "name", area->name, "covered",
			 area->covered, "demo", area->demo, "coordinator",
			 api_coordinator_json(area->coordinator), "wards", wards,
			 "neighbours", neighbours, "first_conversation", api_waiting_json(estimate),
			 "geometry",
			 geometry ? geometry : json_null());
}

/* Adds the area's drop-ins still going on, placed for a map
 * (api_dropins_json), to feature's properties as "drop_ins"; -1 on a
 * database error. */
static int add_dropins(struct http_request *req, json_t *feature, const char *area_id,
		       struct date today)
{
	const struct app *app = req->app;
	struct lookup_context ctx = {app->db, req->map, app->config->near_metres,
				     req->postcodes};
	struct dropin *list;
	size_t count;
	if (dropin_list(app->db, req->arena, area_id, &list, &count, &req->err) < 0)
		return -1;
	json_t *placed = api_dropins_json(&ctx, req->arena, list, count, today, &req->err);
	if (!placed)
		return -1;
	json_object_set_new(json_object_get(feature, "properties"), "drop_ins", placed);
	return 0;
}

int api_no_map(struct http_request *req, struct http_response *res)
{
	return http_send_error(req, res, 503, "no_geography",
			       "Ward boundaries have not been loaded yet.");
}

int api_areas(struct http_request *req, struct http_response *res)
{
	const struct app *app = req->app;
	if (!req->map)
		return api_no_map(req, res);
	struct area *areas;
	size_t count;
	if (area_list(app->db, req->arena, &areas, &count, &req->err) != RESULT_OK)
		return RESULT_FAILED;
	const char **ids = arena_alloc(req->arena, (count + 1) * sizeof *ids);
	struct waiting *estimates = arena_alloc(req->arena, (count + 1) * sizeof *estimates);
	for (size_t i = 0; i < count; i++)
		ids[i] = areas[i].id;
	if (waiting_estimates(app->db, app->holidays, time(NULL), ids, count, req->arena,
			      estimates, &req->err) < 0)
		return RESULT_FAILED;
	struct date today = date_uk_today(time(NULL));
	json_t *features = json_array();
	for (size_t i = 0; i < count; i++) {
		json_t *feature = area_feature(req->map, &areas[i], &estimates[i]);
		json_array_append_new(features, feature);
		if (add_dropins(req, feature, areas[i].id, today) < 0) {
			json_decref(features);
			return RESULT_FAILED;
		}
	}
	return http_send_json(req, res, 200,
			      json_pack("{s:s,s:o}", "type", "FeatureCollection",
					"features", features));
}

int api_area(struct http_request *req, struct http_response *res)
{
	if (!req->map)
		return api_no_map(req, res);
	struct area area;
	struct err e;
	int rc = area_get_public(req->app->db, req->arena, http_path_param(req, "id"), &area, &e);
	if (rc != RESULT_OK)
		return http_send_result(req, res, rc, &e, NULL);
	struct waiting w;
	if (waiting_estimate(req->app->db, req->app->holidays, time(NULL), area.id, req->arena, &w,
			     &req->err) < 0)
		return RESULT_FAILED;
	json_t *feature = area_feature(req->map, &area, &w);
	if (add_dropins(req, feature, area.id, date_uk_today(time(NULL))) < 0) {
		json_decref(feature);
		return RESULT_FAILED;
	}
	return http_send_json(req, res, 200, feature);
}

/* The area with this id as an administrator's change answers it. */
static int send_changed_area(struct http_request *req, struct http_response *res,
			     const char *id)
{
	struct err e;
	/* The change is stored; a map that fails to rebuild only delays when
	 * lookups see it, until the next look (geo/live.h). */
	if (geo_live_sync(req->app->geo, req->app->db, &e) < 0)
		log_error("request %s: area changed, map not rebuilt: %s", req->request_id, e.msg);
	struct area area;
	int rc = area_get(req->app->db, req->arena, id, &area, &e);
	if (rc != RESULT_OK)
		return http_send_result(req, res, rc, &e, NULL);
	json_t *wards = json_array();
	for (size_t i = 0; i < area.ward_count; i++)
		json_array_append_new(wards, json_string(area.wards[i]));
	return http_send_json(req, res, 200,
			      json_pack("{s:s,s:s,s:o,s:b,s:s?}", "id", area.id, "name",
					area.name, "wards", wards, "covered", area.covered,
					"retired_at", area.retired_at));
}

int api_admin_update_area(struct http_request *req, struct http_response *res)
{
	const char *id = http_path_param(req, "id");
	json_t *body = req->json;
	json_t *name = json_object_get(body, "name");
	json_t *wards = json_object_get(body, "wards");
	json_t *covered = json_object_get(body, "covered");
	size_t count = json_array_size(wards);
	const char **codes = arena_alloc(req->arena, (count + 1) * sizeof *codes);
	for (size_t i = 0; i < count; i++)
		codes[i] = json_string_value(json_array_get(wards, i));
	struct area_update_input in = {name ? json_string_value(name) : NULL, wards != NULL,
				       codes, count, covered ? json_is_true(covered) : -1};
	struct err e;
	int rc = area_update(req->app->db, req->who, id, &in, &e);
	if (rc != RESULT_OK)
		return http_send_result(req, res, rc, &e, NULL);
	return send_changed_area(req, res, id);
}

int api_admin_retire_area(struct http_request *req, struct http_response *res)
{
	const char *id = http_path_param(req, "id");
	struct err e;
	int rc = area_retire(req->app->db, req->who, id, &e);
	if (rc != RESULT_OK)
		return http_send_result(req, res, rc, &e, NULL);
	return send_changed_area(req, res, id);
}
