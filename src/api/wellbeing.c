/* A person's ONS four over the API (domain/outcomes/wellbeing.h): each
 * sitting with its four answers as four fields, never a combined score. */
#include "api/api.h"
#include "core/arena.h"
#include "domain/outcomes/measures.h"
#include "domain/outcomes/wellbeing.h"
#include "http/app.h"
#include "http/http.h"
#include "http/json_input.h"

#include <jansson.h>

static json_t *sitting_json(const struct wellbeing_sitting *s)
{
	json_t *answers = json_object();
	for (size_t i = 0; i < 4; i++)
		json_object_set_new(answers, wellbeing_measures[i].key,
				    s->answers[i] == WELLBEING_NOT_ANSWERED
					    ? json_null()
					    : json_integer(s->answers[i]));
	json_t *withdrawn = s->withdrawn_at
				    ? json_pack("{s:s,s:s,s:s?}", "at", s->withdrawn_at, "why",
						s->withdrawn_why, "by", s->withdrawn_by_name)
				    : json_null();
	return json_pack("{s:s,s:s,s:s,s:s,s:b,s:o,s:s?,s:s,s:o}", "id", s->id,
			 "involvement_id", s->involvement_id, "point", s->point, "taken_on",
			 s->taken_on, "declined", s->declined, "answers", answers, "recorded_by",
			 s->created_by_name, "recorded_at", s->created_at, "withdrawn", withdrawn);
}

int api_wellbeing(struct http_request *req, struct http_response *res)
{
	struct wellbeing_sitting *list;
	size_t count;
	struct err e;
	int rc = wellbeing_list(req->app->db, req->who, http_path_param(req, "id"), req->arena,
				&list, &count, &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	json_t *items = json_array();
	for (size_t i = 0; i < count; i++)
		json_array_append_new(items, sitting_json(&list[i]));
	return http_send_json(req, res, 200, json_pack("{s:o}", "sittings", items));
}

/* An answer as sent: absent (or null) is not answered; anything outside
 * 0 to 10 stays outside it, for the domain to refuse. */
static int answer_in(json_t *body, const char *key)
{
	json_t *v = json_object_get(body, key);
	if (!v)
		return WELLBEING_NOT_ANSWERED;
	json_int_t x = json_integer_value(v);
	return x < 0 || x > 10 ? 11 : (int)x;
}

int api_record_wellbeing(struct http_request *req, struct http_response *res)
{
	json_t *body = req->json;
	struct wellbeing_input in = {
		.point = json_input_string(body, "point"),
		.taken_on = json_input_string(body, "taken_on"),
		.declined = json_is_true(json_object_get(body, "declined")),
	};
	for (size_t i = 0; i < 4; i++)
		in.answers[i] = answer_in(body, wellbeing_measures[i].key);
	const char *person = http_path_param(req, "id");
	const char *id;
	struct err e;
	int rc = wellbeing_record(req->app->db, req->who, person, &in, req->arena, &id, &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	http_add_header(res, "Location",
			arena_printf(req->arena, "/api/v1/people/%s/wellbeing", person));
	return http_send_json(req, res, 201, json_pack("{s:s}", "id", id));
}

int api_withdraw_wellbeing(struct http_request *req, struct http_response *res)
{
	struct err e;
	int rc = wellbeing_withdraw(req->app->db, req->who, http_path_param(req, "id"),
				    http_path_param(req, "sitting"),
				    json_input_string(req->json, "why"), req->arena, &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	return http_send_json(req, res, 200, json_pack("{s:s,s:b}", "id",
						       http_path_param(req, "sitting"),
						       "withdrawn", 1));
}
