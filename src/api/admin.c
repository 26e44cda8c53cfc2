/* Changing areas, coordinators and drop-ins over JSON, for administrators
 * and API tokens with the areas.write scope. */
#include "api/api.h"

#include "http/json_input.h"
#include "http/app.h"
#include "core/arena.h"
#include "core/id.h"
#include "core/log.h"
#include "domain/areas/area.h"
#include "domain/areas/dropin.h"
#include "geo/live.h"
#include "http/http.h"

/* The areas in these addresses are named by id only (the command line
 * also takes names): anything else names no area. */
static int no_area(struct http_request *req, struct http_response *res)
{
	struct err e;
	int rc = err_not_found(&e, "area", "There is no area with that id.");
	return http_send_result(req, res, rc, &e, NULL);
}

/* The string fields of body, copied into the arena by position (NULL when
 * absent), so the body can be let go. */
static void take_strings(struct http_request *req, json_t *body,
			 const struct json_field *fields, size_t count,
			 const char **out)
{
	for (size_t i = 0; i < count; i++) {
		const char *v = json_input_string(body, fields[i].name);
		out[i] = v ? arena_strdup(req->arena, v) : NULL;
	}
}

int api_admin_create_area(struct http_request *req, struct http_response *res)
{
	static const struct json_field fields[] = {
		JSON_STRING("name"), JSON_STRINGS("wards"),
		JSON_BOOL("covered"), JSON_BOOL("demo")};
	json_t *body = json_input(req, res, fields, 4);
	if (!body)
		return 0;
	json_t *wards = json_object_get(body, "wards");
	size_t count = json_array_size(wards);
	const char **codes = arena_alloc(req->arena, (count + 1) * sizeof *codes);
	for (size_t i = 0; i < count; i++)
		codes[i] = arena_strdup(req->arena, json_string_value(json_array_get(wards, i)));
	const char *name;
	take_strings(req, body, fields, 1, &name);
	struct area_input in = {name, codes, count,
				json_is_true(json_object_get(body, "covered")),
				json_is_true(json_object_get(body, "demo"))};
	json_decref(body);
	char id[ID_HEX_LEN + 1];
	struct err e;
	int rc = area_create(req->app->db, &in, id, &e);
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

int api_admin_set_coordinator(struct http_request *req, struct http_response *res)
{
	static const struct json_field fields[] = {
		JSON_STRING("name"), JSON_STRING("mobile"),
		JSON_STRING("email"), JSON_STRING("facebook_url"),
		JSON_STRING("introduction")};
	const char *id = http_path_param(req, "id");
	if (!id_valid(id))
		return no_area(req, res);
	json_t *body = json_input(req, res, fields, 5);
	if (!body)
		return 0;
	const char *v[5];
	take_strings(req, body, fields, 5, v);
	json_decref(body);
	struct coordinator_input in = {v[0], v[1], v[2], v[3], v[4]};
	struct err e;
	int rc = area_set_coordinator(req->app->db, id, &in, &e);
	if (rc != RESULT_OK)
		return http_send_result(req, res, rc, &e, NULL);
	return http_send_json(req, res, 200, json_pack("{s:s}", "area", id));
}

int api_admin_add_drop_in(struct http_request *req, struct http_response *res)
{
	static const struct json_field fields[] = {
		JSON_STRING("venue"),     JSON_STRING("address"),
		JSON_STRING("weekday"),   JSON_STRING("starts"),
		JSON_STRING("ends"),      JSON_STRING("frequency"),
		JSON_STRING("week"),      JSON_STRING("first_date"),
		JSON_STRING("notes")};
	const char *area = http_path_param(req, "id");
	if (!id_valid(area))
		return no_area(req, res);
	json_t *body = json_input(req, res, fields, 9);
	if (!body)
		return 0;
	const char *v[9];
	take_strings(req, body, fields, 9, v);
	json_decref(body);
	struct dropin_input in = {v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8]};
	char id[ID_HEX_LEN + 1];
	struct err e;
	int rc = dropin_add(req->app->db, area, &in, id, &e);
	if (rc != RESULT_OK)
		return http_send_result(req, res, rc, &e, NULL);
	return http_send_json(req, res, 201, json_pack("{s:s}", "id", id));
}
