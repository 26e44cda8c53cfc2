/* Costs avoided as JSON: the council's unit costs, and the events on a
 * person's record (domain/outcomes/costs.h). */
#include "api/api.h"

#include "core/arena.h"
#include "core/err.h"
#include "domain/outcomes/costs.h"
#include "domain/outcomes/measures.h"
#include "http/app.h"
#include "http/http.h"
#include "http/json_input.h"

#include <string.h>

static json_t *unit_cost_json(const struct unit_cost *c)
{
	return json_pack("{s:s,s:s,s:I,s:s,s:s,s:s,s:s,s:s?,s:s,s:b}", "id", c->id, "kind",
			 c->kind, "pence", (json_int_t)c->pence, "unit", c->unit, "source",
			 c->source, "source_year", c->source_year, "from_on", c->from_on,
			 "added_by", c->created_by_name, "added_at", c->created_at, "current",
			 c->current);
}

int api_unit_costs(struct http_request *req, struct http_response *res)
{
	struct unit_cost *list;
	size_t count;
	struct err e;
	int rc = unit_cost_list(req->app->db, req->who, req->arena, &list, &count, &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	json_t *kinds = json_array(), *costs = json_array();
	for (size_t k = 0; k < COST_KIND_COUNT; k++)
		json_array_append_new(kinds, json_pack("{s:s,s:s,s:s}", "kind", cost_kinds[k].key,
						       "label", cost_kinds[k].label,
						       "quantity_unit", cost_kinds[k].quantity_unit));
	for (size_t i = 0; i < count; i++)
		json_array_append_new(costs, unit_cost_json(&list[i]));
	return http_send_json(req, res, 200,
			      json_pack("{s:o,s:o}", "kinds", kinds, "unit_costs", costs));
}

int api_add_unit_cost(struct http_request *req, struct http_response *res)
{
	json_t *body = req->json;
	struct unit_cost_input in = {
		.kind = json_input_string(body, "kind"),
		.pounds = json_input_string(body, "pounds"),
		.unit = json_input_string(body, "unit"),
		.source = json_input_string(body, "source"),
		.source_year = json_input_string(body, "source_year"),
		.from_on = json_input_string(body, "from_on"),
	};
	struct unit_cost *x;
	struct err e;
	int rc = unit_cost_add(req->app->db, req->who, &in, req->arena, &x, &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	return http_send_json(req, res, 201, unit_cost_json(x));
}

static json_t *event_json(const struct cost_event *x)
{
	return json_pack("{s:s,s:s,s:s,s:s,s:s,s:i,s:s,s:s?,s:s?,s:s,s:s?,s:s?,s:s?}", "id", x->id,
			 "person_id", x->person_id, "involvement_id", x->involvement_id, "kind",
			 x->kind, "happened_on", x->happened_on, "quantity", (int)x->quantity,
			 "person_view", x->person_view, "note", x->note, "recorded_by",
			 x->created_by_name, "recorded_at", x->created_at, "withdrawn_at",
			 x->withdrawn_at, "withdrawn_by", x->withdrawn_by_name, "withdrawn_why",
			 x->withdrawn_why);
}

int api_cost_events(struct http_request *req, struct http_response *res)
{
	struct cost_event *list;
	size_t count;
	struct err e;
	int rc = cost_event_list(req->app->db, req->who, http_path_param(req, "id"), req->arena,
				 &list, &count, &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	json_t *array = json_array();
	for (size_t i = 0; i < count; i++)
		json_array_append_new(array, event_json(&list[i]));
	return http_send_json(req, res, 200, json_pack("{s:o}", "cost_events", array));
}

int api_record_cost_event(struct http_request *req, struct http_response *res)
{
	json_t *body = req->json;
	json_t *quantity = json_object_get(body, "quantity");
	struct cost_event_input in = {
		.kind = json_input_string(body, "kind"),
		.happened_on = json_input_string(body, "happened_on"),
		.quantity = json_is_integer(quantity)
				    ? arena_printf(req->arena, "%" JSON_INTEGER_FORMAT,
						   json_integer_value(quantity))
				    : NULL,
		.person_view = json_input_string(body, "person_view"),
		.note = json_input_string(body, "note"),
	};
	const char *person = http_path_param(req, "id");
	struct cost_event *x;
	struct err e;
	int rc = cost_event_record(req->app->db, req->who, person, &in, req->arena, &x, &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	return http_send_json(req, res, 201, event_json(x));
}

int api_withdraw_cost_event(struct http_request *req, struct http_response *res)
{
	const char *person = http_path_param(req, "id");
	const char *id = http_path_param(req, "event");
	struct err e;
	int rc = cost_event_withdraw(req->app->db, req->who, person, id,
				     json_input_string(req->json, "why"), &e);
	struct cost_event *list = NULL;
	size_t count = 0;
	if (rc == RESULT_OK)
		rc = cost_event_list(req->app->db, req->who, person, req->arena, &list, &count, &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	for (size_t i = 0; i < count; i++)
		if (strcmp(list[i].id, id) == 0)
			return http_send_json(req, res, 200, event_json(&list[i]));
	return http_send_result(req, res, err_set(&e, "withdrawn cost event %s not read", id), &e,
				NULL);
}
