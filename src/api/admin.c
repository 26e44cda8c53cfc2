/* Changing areas, coordinators and drop-ins over JSON.  Until staff sign
 * in (the next piece of work), the route table opens these to callers on
 * this machine only (ROLE_LOOPBACK). */
#include "api/api.h"

#include "http/json_input.h"
#include "http/app.h"
#include "core/arena.h"
#include "core/id.h"
#include "core/log.h"
#include "db/db.h"
#include "domain/areas/area.h"
#include "domain/areas/dropin.h"
#include "geo/live.h"
#include "http/http.h"

/* Answers a domain result: rules broken by the input are 422 (or 404, 409),
 * anything else a failure of ours. */
static int answer_refusal(struct http_request *req, struct http_response *res,
			  int rc, const struct err *e)
{
	switch (rc) {
	case AREA_INVALID:
		return http_send_error(req, res, 422, "invalid", e->msg);
	case AREA_NOT_FOUND:
		return http_send_error(req, res, 404, "area_not_found", e->msg);
	case DB_CONFLICT:
		return http_send_error(req, res, 409, "conflict", e->msg);
	default:
		return err_set(&req->err, "%s", e->msg);
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
	const char *name = json_input_string(body, "name");
	struct area_input in = {name ? arena_strdup(req->arena, name) : NULL, codes, count,
				json_is_true(json_object_get(body, "covered")),
				json_is_true(json_object_get(body, "demo"))};
	json_decref(body);
	char id[ID_HEX_LEN + 1];
	struct err e;
	int rc = area_create(req->app->db, &in, id, &e);
	if (rc < 0)
		return answer_refusal(req, res, rc, &e);
	/* The area is stored; a map that fails to rebuild only delays when
	 * lookups see it (until the next change or restart). */
	if (geo_live_reload(req->app->geo, req->app->db, &e) < 0)
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
		return http_send_error(req, res, 404, "area_not_found",
				       "There is no area with that id.");
	json_t *body = json_input(req, res, fields, 5);
	if (!body)
		return 0;
	struct coordinator_input in;
	const char **slots[] = {&in.name, &in.mobile, &in.email, &in.facebook_url,
				&in.introduction};
	for (size_t i = 0; i < 5; i++) {
		const char *v = json_input_string(body, fields[i].name);
		*slots[i] = v ? arena_strdup(req->arena, v) : NULL;
	}
	json_decref(body);
	struct err e;
	int rc = area_set_coordinator(req->app->db, id, &in, &e);
	if (rc < 0)
		return answer_refusal(req, res, rc, &e);
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
		return http_send_error(req, res, 404, "area_not_found",
				       "There is no area with that id.");
	json_t *body = json_input(req, res, fields, 9);
	if (!body)
		return 0;
	const char *v[9];
	for (size_t i = 0; i < 9; i++) {
		const char *s = json_input_string(body, fields[i].name);
		v[i] = s ? arena_strdup(req->arena, s) : NULL;
	}
	json_decref(body);
	struct dropin_input in = {v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8]};
	char id[ID_HEX_LEN + 1];
	struct err e;
	int rc = dropin_add(req->app->db, area, &in, id, &e);
	if (rc < 0)
		return answer_refusal(req, res, rc, &e);
	return http_send_json(req, res, 201, json_pack("{s:s}", "id", id));
}
