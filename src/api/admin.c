/* Changing areas, coordinators and drop-ins over JSON, for administrators
 * and API tokens with the areas.write scope. */
#include "api/api.h"

#include "core/arena.h"
#include "core/id.h"
#include "core/log.h"
#include "domain/areas/area.h"
#include "domain/areas/dropin.h"
#include "geo/live.h"
#include "http/app.h"
#include "http/http.h"
#include "http/json_input.h"

int api_admin_create_area(struct http_request *req, struct http_response *res)
{
	json_t *body = req->json;
	json_t *wards = json_object_get(body, "wards");
	size_t count = json_array_size(wards);
	const char **codes = arena_alloc(req->arena, (count + 1) * sizeof *codes);
	for (size_t i = 0; i < count; i++)
		codes[i] = json_string_value(json_array_get(wards, i));
	struct area_input in = {json_input_string(body, "name"), codes, count,
				json_is_true(json_object_get(body, "covered")),
				json_is_true(json_object_get(body, "demo"))};
	char id[ID_HEX_LEN + 1];
	struct err e;
	int rc = area_create(req->app->db, req->who, &in, id, &e);
	if (rc != RESULT_OK)
		return http_send_result(req, res, rc, &e, NULL);
	/* The area is stored; a map that fails to rebuild only delays when
	 * lookups see it (until the next change or restart). */
	if (geo_live_reload(req->app->geo, req->app->db, &e) != RESULT_OK)
		log_error("request %s: area created, map not rebuilt: %s",
			  req->request_id, e.msg);
	http_add_header(res, "Location", arena_printf(req->arena, "/api/v1/areas/%s", id));
	return http_send_json(req, res, 201, json_pack("{s:s}", "id", id));
}

int api_admin_add_drop_in(struct http_request *req, struct http_response *res)
{
	const char *area = http_path_param(req, "id");
	json_t *body = req->json;
	struct dropin_input in = {
		json_input_string(body, "venue"),      json_input_string(body, "address"),
		json_input_string(body, "weekday"),    json_input_string(body, "starts"),
		json_input_string(body, "ends"),       json_input_string(body, "frequency"),
		json_input_string(body, "week"),       json_input_string(body, "first_date"),
		json_input_string(body, "notes"),      json_input_string(body, "last_date")};
	char id[ID_HEX_LEN + 1];
	struct err e;
	int rc = dropin_add(req->app->db, req->who, area, &in, id, &e);
	if (rc != RESULT_OK)
		return http_send_result(req, res, rc, &e, NULL);
	return http_send_json(req, res, 201, json_pack("{s:s}", "id", id));
}
