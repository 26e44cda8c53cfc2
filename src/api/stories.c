/* Stories over the API (domain/outcomes/story.h): a person's, one with
 * every version, a new version, a team leader's review and the person's
 * withdrawal. */
#include "api/api.h"
#include "core/arena.h"
#include "domain/outcomes/story.h"
#include "http/app.h"
#include "http/http.h"
#include "http/json_input.h"

#include <jansson.h>

static json_t *version_json(const struct story_version *v)
{
	return json_pack("{s:i,s:s,s:s,s:s?,s:s?,s:s,s:s,s:s,s:s?,s:s}", "version",
			 (json_int_t)v->version, "title", v->title, "words", v->words,
			 "public_title", v->public_title, "public_words", v->public_words, "share", v->share, "agreed_on",
			 v->agreed_on, "agreed_how", v->agreed_how, "made_by", v->made_by_name,
			 "made_at", v->made_at);
}

static json_t *story_json(const struct story *s)
{
	json_t *versions = json_array();
	for (size_t i = 0; i < s->version_count; i++)
		json_array_append_new(versions, version_json(&s->versions[i]));
	json_t *review = s->reviewed_at ? json_pack("{s:s?,s:s,s:s?}", "by", s->reviewed_by_name,
						    "at", s->reviewed_at, "note", s->review_note)
					: json_null();
	json_t *withdrawn = s->withdrawn_on ? json_pack("{s:s,s:s,s:s?}", "on", s->withdrawn_on,
							"how", s->withdrawn_how, "recorded_by",
							s->withdrawn_by_name)
					    : json_null();
	return json_pack("{s:s,s:s?,s:s?,s:s,s:i,s:s,s:o,s:o,s:o,s:o}", "id", s->id, "person_id",
			 s->person_id, "person_name", s->person_name, "area_id", s->area_id,
			 "version", (json_int_t)s->version, "state", s->review_state, "review",
			 review, "withdrawn", withdrawn, "current", version_json(&s->current),
			 "versions", versions);
}

/* A missing from_version is 0, which the domain refuses as a field. */
static struct story_input input_of(json_t *body)
{
	json_t *from = json_object_get(body, "from_version");
	return (struct story_input){
		.from_version = from ? (long)json_integer_value(from) : 0,
		.title = json_input_string(body, "title"),
		.words = json_input_string(body, "words"),
		.public_title = json_input_string(body, "public_title"),
		.public_words = json_input_string(body, "public_words"),
		.share = json_input_string(body, "share"),
		.agreed_on = json_input_string(body, "agreed_on"),
		.agreed_how = json_input_string(body, "agreed_how"),
	};
}

static int answer(struct http_request *req, struct http_response *res, int rc,
		  struct err *e, int status, const struct story *s)
{
	if (rc < 0)
		return http_send_result(req, res, rc, e, NULL);
	return http_send_json(req, res, status, story_json(s));
}

int api_stories(struct http_request *req, struct http_response *res)
{
	struct story *list;
	size_t count;
	struct err e;
	int rc = story_list(req->app->db, req->who, http_path_param(req, "id"), req->arena, &list,
			    &count, &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	json_t *items = json_array();
	for (size_t i = 0; i < count; i++)
		json_array_append_new(items, story_json(&list[i]));
	return http_send_json(req, res, 200, json_pack("{s:o}", "stories", items));
}

int api_create_story(struct http_request *req, struct http_response *res)
{
	struct story_input in = input_of(req->json);
	struct story *s = NULL;
	struct err e;
	int rc = story_create(req->app->db, req->who, http_path_param(req, "id"), &in, req->arena,
			      &s, &e);
	if (rc == 0)
		http_add_header(res, "Location",
				arena_printf(req->arena, "/api/v1/stories/%s", s->id));
	return answer(req, res, rc, &e, 201, s);
}

int api_story(struct http_request *req, struct http_response *res)
{
	struct story *s = NULL;
	struct err e;
	int rc = story_get(req->app->db, req->who, http_path_param(req, "id"), req->arena, &s, &e);
	return answer(req, res, rc, &e, 200, s);
}

int api_update_story(struct http_request *req, struct http_response *res)
{
	struct story_input in = input_of(req->json);
	struct story *s = NULL;
	struct err e;
	int rc = story_update(req->app->db, req->who, http_path_param(req, "id"), NULL, &in,
			      req->arena, &s, &e);
	return answer(req, res, rc, &e, 200, s);
}

int api_review_story(struct http_request *req, struct http_response *res)
{
	struct story *s = NULL;
	struct err e;
	int rc = story_review(req->app->db, req->who, http_path_param(req, "id"),
			      json_input_string(req->json, "decision"),
			      json_input_string(req->json, "note"), req->arena, &s, &e);
	return answer(req, res, rc, &e, 200, s);
}

int api_withdraw_story(struct http_request *req, struct http_response *res)
{
	struct story *s = NULL;
	struct err e;
	int rc = story_withdraw(req->app->db, req->who, http_path_param(req, "id"), NULL,
				json_input_string(req->json, "withdrawn_on"),
				json_input_string(req->json, "withdrawn_how"), req->arena, &s, &e);
	return answer(req, res, rc, &e, 200, s);
}
