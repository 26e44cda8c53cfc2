/* A coordinator's public entry over JSON: administrators and tokens with
 * areas.write set any area's, and link it to an account; a coordinator
 * keeps their own right. */
#include "api/api.h"
#include "api/areas_json.h"

#include "domain/areas/coordinator.h"
#include "http/app.h"
#include "http/http.h"
#include "http/json_input.h"

/* The fields every request that writes an entry takes. */
static struct coordinator_input entry_input(json_t *body)
{
	return (struct coordinator_input){
		json_input_string(body, "name"),	 json_input_string(body, "mobile"),
		json_input_string(body, "email"),	 json_input_string(body, "facebook_url"),
		json_input_string(body, "introduction"), json_input_string(body, "username")};
}

/* {"area": id, "area_name", "coordinator": {... "username"} or null}. */
static int send_entry(struct http_request *req, struct http_response *res,
		      const struct coordinator_entry *entry)
{
	json_t *co = entry->co.id ? api_coordinator_json(&entry->co) : json_null();
	if (entry->co.id)
		json_object_set_new(co, "username",
				    entry->username ? json_string(entry->username) : json_null());
	return http_send_json(req, res, 200,
			      json_pack("{s:s,s:s,s:o}", "area", entry->area_id, "area_name",
					entry->area_name, "coordinator", co));
}

/* Answers the entry of the area with id area_id as it is now. */
static int send_area_entry(struct http_request *req, struct http_response *res,
			   const char *area_id)
{
	struct coordinator_entry entry;
	struct err e;
	int rc = coordinator_get(req->app->db, req->arena, area_id, &entry, &e);
	if (rc != RESULT_OK)
		return http_send_result(req, res, rc, &e, NULL);
	return send_entry(req, res, &entry);
}

int api_admin_set_coordinator(struct http_request *req, struct http_response *res)
{
	const char *id = http_path_param(req, "id");
	struct coordinator_input in = entry_input(req->json);
	struct err e;
	int rc = coordinator_set(req->app->db, req->who, id, &in, &e);
	if (rc != RESULT_OK)
		return http_send_result(req, res, rc, &e, NULL);
	return send_area_entry(req, res, id);
}

int api_admin_remove_coordinator(struct http_request *req, struct http_response *res)
{
	struct err e;
	int rc = coordinator_remove(req->app->db, req->who, http_path_param(req, "id"), &e);
	if (rc != RESULT_OK)
		return http_send_result(req, res, rc, &e, NULL);
	http_send_static(res, 204, NULL, "", 0);
	return 0;
}

int api_update_coordinator(struct http_request *req, struct http_response *res)
{
	const char *id = http_path_param(req, "id");
	struct coordinator_input in = entry_input(req->json);
	struct err e;
	int rc = coordinator_update(req->app->db, req->who, id, &in, &e);
	if (rc != RESULT_OK)
		return http_send_result(req, res, rc, &e, NULL);
	return send_area_entry(req, res, id);
}

int api_my_public_entry(struct http_request *req, struct http_response *res)
{
	struct coordinator_entry entry;
	struct err e;
	int rc = coordinator_own(req->app->db, req->arena, req->who, &entry, &e);
	if (rc != RESULT_OK)
		return http_send_result(req, res, rc, &e, NULL);
	return send_entry(req, res, &entry);
}

int api_update_my_public_entry(struct http_request *req, struct http_response *res)
{
	struct coordinator_entry entry;
	struct err e;
	int rc = coordinator_own(req->app->db, req->arena, req->who, &entry, &e);
	struct coordinator_input in = entry_input(req->json);
	if (rc == RESULT_OK)
		rc = coordinator_update(req->app->db, req->who, entry.area_id, &in, &e);
	if (rc != RESULT_OK)
		return http_send_result(req, res, rc, &e, NULL);
	return send_area_entry(req, res, entry.area_id);
}
