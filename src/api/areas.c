#include "api/api.h"

#include "http/app.h"
#include "core/id.h"
#include "domain/areas/area.h"
#include "geo/map.h"
#include "http/http.h"

#include <string.h>

static json_t *coordinator_json(const struct coordinator *co)
{
	if (!co)
		return json_null();
	return json_pack("{s:s,s:s,s:s?,s:s?,s:s?,s:s?}", "id", co->id, "name",
			 co->name, "mobile", co->mobile, "email", co->email,
			 "facebook_url", co->facebook_url, "introduction",
			 co->introduction);
}

/* One area as a GeoJSON Feature: its outline, wards and neighbours from
 * the map loaded at start, its coordinator as the database has it now. */
static json_t *area_feature(const struct geo_map *map, const struct area *area)
{
	long index = geo_map_find_area(map, area->id);
	const struct geo_area *shape = index >= 0 ? geo_map_area(map, (size_t)index) : NULL;
	json_t *wards = json_array();
	for (size_t i = 0; i < area->ward_count; i++) {
		long w = geo_map_find_ward(map, area->wards[i]);
		json_array_append_new(wards, json_pack("{s:s,s:s?}", "code", area->wards[i], "name",
						       w >= 0 ? geo_map_ward(map, (size_t)w)->name : NULL));
	}
	json_t *neighbours = json_array();
	for (size_t i = 0; shape && i < shape->neighbour_count; i++) {
		const struct geo_area *n = geo_map_area(map, shape->neighbours[i]);
		json_array_append_new(neighbours, json_pack("{s:s,s:s,s:b}", "id", n->id, "name",
							    n->name, "covered", n->covered));
	}
	json_t *geometry = shape ? json_loads(shape->geojson, 0, NULL) : NULL;
	return json_pack("{s:s,s:s,s:{s:s,s:b,s:b,s:o,s:o,s:o},s:o}", "type", "Feature",
			 "id", area->id, "properties", "name", area->name, "covered",
			 area->covered, "demo", area->demo, "coordinator",
			 coordinator_json(area->coordinator), "wards", wards,
			 "neighbours", neighbours, "geometry",
			 geometry ? geometry : json_null());
}

static int no_map(struct http_request *req, struct http_response *res)
{
	return http_send_error(req, res, 503, "no_geography",
			       "Ward boundaries have not been loaded yet.");
}

int api_areas(struct http_request *req, struct http_response *res)
{
	const struct app *app = req->app;
	if (!req->map)
		return no_map(req, res);
	struct area *areas;
	size_t count;
	if (area_list(app->db, req->arena, &areas, &count, &req->err) < 0)
		return -1;
	json_t *features = json_array();
	for (size_t i = 0; i < count; i++)
		json_array_append_new(features, area_feature(req->map, &areas[i]));
	return http_send_json(req, res, 200,
			      json_pack("{s:s,s:o}", "type", "FeatureCollection",
					"features", features));
}

int api_area(struct http_request *req, struct http_response *res)
{
	const struct app *app = req->app;
	const char *id = http_path_param(req, "id");
	if (!req->map)
		return no_map(req, res);
	if (!id_valid(id))
		return http_send_error(req, res, 404, "area_not_found",
				       "There is no area with that id.");
	struct area *areas;
	size_t count;
	if (area_list(app->db, req->arena, &areas, &count, &req->err) < 0)
		return -1;
	for (size_t i = 0; i < count; i++)
		if (strcmp(areas[i].id, id) == 0)
			return http_send_json(req, res, 200,
					      area_feature(req->map, &areas[i]));
	return http_send_error(req, res, 404, "area_not_found",
			       "There is no area with that id.");
}
