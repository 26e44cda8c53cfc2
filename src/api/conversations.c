/* A person's conversations as JSON: the contact log, logging one, and
 * correcting a note. */
#include "api/api.h"

#include "core/arena.h"
#include "domain/people/conversation.h"
#include "http/app.h"
#include "http/http.h"
#include "http/json_input.h"

static json_t *conversation_json(const struct conversation *x)
{
	json_t *notes = json_array();
	for (size_t i = 0; i < x->note_count; i++) {
		const struct conversation_note *n = &x->notes[i];
		json_array_append_new(notes, json_pack("{s:i,s:s,s:s,s:s?}", "version",
						       (json_int_t)n->version, "note", n->note,
						       "at", n->at, "by", n->username));
	}
	json_t *drop_in = x->drop_in_id ? json_pack("{s:s,s:s?}", "id", x->drop_in_id, "name",
						    x->drop_in_name)
					: json_null();
	return json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:o,s:s?,s:s?,s:b,s:b,s:s?,s:s?,s:s?,s:s?,"
			 "s:s,s:s?,s:b,s:o}",
			 "id", x->id, "person_id", x->person_id, "involvement_id",
			 x->involvement_id, "at", x->at, "how", x->how, "state", x->state,
			 "drop_in", drop_in, "place", x->place, "who_was_there", x->who_was_there,
			 "good_life", x->good_life, "first", x->first, "next_step", x->next_step,
			 "next_step_on", x->next_step_on, "created_by", x->created_by, "logged_by",
			 x->created_by_name, "created_at", x->created_at, "note",
			 x->note_count ? x->notes[0].note : NULL, "corrected", x->note_count > 1,
			 "notes", notes);
}

int api_conversations(struct http_request *req, struct http_response *res)
{
	struct conversation *list;
	size_t count;
	struct err e;
	int rc = conversation_list(req->app->db, req->who, http_path_param(req, "id"), req->arena,
				   &list, &count, &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	json_t *array = json_array();
	for (size_t i = 0; i < count; i++)
		json_array_append_new(array, conversation_json(&list[i]));
	return http_send_json(req, res, 200, json_pack("{s:o}", "conversations", array));
}

int api_log_conversation(struct http_request *req, struct http_response *res)
{
	json_t *body = req->json;
	struct conversation_input in = {
		.at = json_input_string(body, "at"),
		.how = json_input_string(body, "how"),
		.state = json_input_string(body, "state"),
		.drop_in_id = json_input_string(body, "drop_in_id"),
		.place = json_input_string(body, "place"),
		.who_was_there = json_input_string(body, "who_was_there"),
		.note = json_input_string(body, "note"),
		.good_life = json_is_true(json_object_get(body, "good_life")),
		.next_step = json_input_string(body, "next_step"),
		.next_step_on = json_input_string(body, "next_step_on"),
	};
	const char *person = http_path_param(req, "id");
	struct conversation *x;
	struct err e;
	int rc = conversation_log(req->app->db, req->who, person, &in, req->arena, &x, &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	http_add_header(res, "Location",
			arena_printf(req->arena, "/api/v1/people/%s/conversations/%s", person, x->id));
	return http_send_json(req, res, 201, conversation_json(x));
}

int api_correct_conversation(struct http_request *req, struct http_response *res)
{
	const char *person = http_path_param(req, "id");
	const char *id = http_path_param(req, "conversation");
	struct conversation *x;
	struct err e;
	int rc = conversation_correct(req->app->db, req->who, person, id,
				      json_input_string(req->json, "note"), &e);
	if (rc == RESULT_OK)
		rc = conversation_get(req->app->db, req->who, person, id, req->arena, &x, &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	return http_send_json(req, res, 200, conversation_json(x));
}

int api_conversation(struct http_request *req, struct http_response *res)
{
	struct conversation *x;
	struct err e;
	int rc = conversation_get(req->app->db, req->who, http_path_param(req, "id"),
				  http_path_param(req, "conversation"), req->arena, &x, &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	return http_send_json(req, res, 200, conversation_json(x));
}
