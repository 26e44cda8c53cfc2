/* Caseloads as JSON: a coordinator's, their team's, and the team leader's
 * changes (capacity, moves). */
#include "api/api.h"

#include "core/arena.h"
#include "core/config.h"
#include "domain/people/caseload.h"
#include "http/app.h"
#include "http/http.h"
#include "http/json_input.h"

static json_t *summary_json(const struct caseload *cl)
{
	return json_pack("{s:{s:s,s:s},s:b,s:I,s:I,s:I,s:I,s:I,s:b}", "coordinator", "id",
			 cl->coordinator_id, "name", cl->coordinator_name, "disabled", cl->disabled,
			 "capacity", (json_int_t)cl->capacity, "walking_alongside",
			 (json_int_t)cl->walking_alongside, "short_term", (json_int_t)cl->short_term,
			 "waiting", (json_int_t)cl->waiting, "quiet", (json_int_t)cl->quiet, "on_leave",
			 cl->on_leave);
}

static json_t *entry_json(const struct caseload_entry *x)
{
	return json_pack("{s:s,s:s,s:s?,s:s,s:{s:s,s:s,s:s,s:b,s:I},s:s?,s:s?,s:s?,s:s?,s:s?,s:b}",
			 "id", x->person_id, "name", x->name, "preferred_name", x->preferred_name,
			 "area_id", x->area_id, "involvement", "id", x->involvement_id, "kind",
			 x->kind, "started_on", x->started_on, "is_return", x->is_return,
			 "household_size", (json_int_t)x->household_size, "last_conversation_at",
			 x->last_conversation_at, "last_conversation_on", x->last_conversation_on,
			 "last_contact_before_import",
			 x->last_contact_before_import, "next_step", x->next_step, "next_step_on",
			 x->next_step_on, "quiet", x->quiet);
}

int api_caseload(struct http_request *req, struct http_response *res)
{
	struct caseload cl;
	struct err e;
	int quiet_days = req->app->config->quiet_after_days;
	int rc = caseload_get(req->app->db, req->who, http_query_filter(req, "coordinator"),
			      quiet_days, req->arena, &cl, &e);
	if (rc != RESULT_OK)
		return http_send_result(req, res, rc, &e, NULL);
	json_t *body = summary_json(&cl);
	json_t *people = json_array();
	for (size_t i = 0; i < cl.count; i++)
		json_array_append_new(people, entry_json(&cl.entries[i]));
	json_object_set_new(body, "people", people);
	json_object_set_new(body, "quiet_after_days", json_integer(quiet_days));
	return http_send_json(req, res, 200, body);
}

int api_team_caseloads(struct http_request *req, struct http_response *res)
{
	struct caseload *list;
	size_t count;
	struct err e;
	int quiet_days = req->app->config->quiet_after_days;
	int rc = caseload_team(req->app->db, req->who, quiet_days, req->arena, &list, &count, &e);
	if (rc != RESULT_OK)
		return http_send_result(req, res, rc, &e, NULL);
	json_t *array = json_array();
	for (size_t i = 0; i < count; i++)
		json_array_append_new(array, summary_json(&list[i]));
	return http_send_json(req, res, 200,
			      json_pack("{s:o,s:i}", "coordinators", array, "quiet_after_days",
					quiet_days));
}

int api_set_capacity(struct http_request *req, struct http_response *res)
{
	json_t *value = json_object_get(req->json, "capacity");
	json_int_t n = value ? json_integer_value(value) : -1;
	/* Absent, or far outside the range whatever long holds, is outside it:
	 * the domain names the field. */
	long capacity = n < 0 || n > 100000 ? -1 : (long)n;
	struct err e;
	int rc = caseload_set_capacity(req->app->db, req->who, http_path_param(req, "id"), capacity,
				       &e);
	if (rc != RESULT_OK)
		return http_send_result(req, res, rc, &e, NULL);
	return http_send_json(req, res, 200,
			      json_pack("{s:s,s:I}", "id", http_path_param(req, "id"), "capacity",
					(json_int_t)capacity));
}

int api_move_people(struct http_request *req, struct http_response *res)
{
	json_t *ids = json_object_get(req->json, "person_ids");
	size_t count = ids ? json_array_size(ids) : 0;
	const char **person_ids = ids ? arena_alloc(req->arena, (count + 1) * sizeof *person_ids)
				      : NULL;
	for (size_t i = 0; i < count; i++)
		person_ids[i] = json_string_value(json_array_get(ids, i));
	struct err e;
	size_t moved;
	int rc = caseload_move(req->app->db, req->who, http_path_param(req, "id"),
			       json_input_string(req->json, "to"), person_ids, count, &moved, &e);
	if (rc != RESULT_OK)
		return http_send_result(req, res, rc, &e, NULL);
	return http_send_json(req, res, 200, json_pack("{s:I}", "moved", (json_int_t)moved));
}
