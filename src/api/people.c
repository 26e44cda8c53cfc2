/* People and their involvements as JSON. */
#include "api/api.h"

#include "core/arena.h"
#include "core/config.h"
#include "domain/areas/lookup.h"
#include "domain/people/involvement.h"
#include "domain/people/person.h"
#include "http/app.h"
#include "http/http.h"
#include "http/json_input.h"

#include <string.h>

static json_t *involvement_json(const struct involvement *v)
{
	json_t *people = json_array(), *history = json_array();
	for (size_t i = 0; i < v->person_count; i++)
		json_array_append_new(people, json_pack("{s:s,s:s}", "id", v->person_ids[i],
							"name", v->person_names[i]));
	for (size_t i = 0; i < v->history_count; i++) {
		const struct involvement_event *h = &v->history[i];
		json_array_append_new(history,
				      json_pack("{s:s,s:s?,s:s?,s:s,s:s,s:s?}", "at", h->at,
						"user_id", h->user_id, "username", h->username,
						"event", h->event, "kind", h->kind, "note", h->note));
	}
	return json_pack("{s:s,s:s,s:s,s:s?,s:s,s:s?,s:s?,s:s?,s:s?,s:b,s:o,s:s?,s:s?,s:o}",
			 "id", v->id, "kind", v->kind, "area_id", v->area_id, "introduction_id",
			 v->introduction_id, "started_on", v->started_on, "ended_on", v->ended_on,
			 "end_reason", v->end_reason, "end_words", v->end_words, "ended_by",
			 v->ended_by, "is_return", v->is_return, "people", people,
			 "first_conversation_at", v->first_conversation_at,
			 "last_contact_before_import", v->last_contact_before_import, "history",
			 history);
}

static json_t *person_json(const struct person *p)
{
	json_t *tags = json_array(), *involvements = json_array(), *changes = json_array();
	for (size_t i = 0; i < p->tag_count; i++)
		json_array_append_new(tags, json_string(p->tags[i]));
	for (size_t i = 0; i < p->involvement_count; i++)
		json_array_append_new(involvements, involvement_json(&p->involvements[i]));
	for (size_t i = 0; i < p->change_count; i++) {
		const struct person_change_entry *c = &p->changes[i];
		json_array_append_new(changes, json_pack("{s:s,s:s?,s:s?,s:s,s:s?}", "at", c->at,
							 "user_id", c->user_id, "username",
							 c->username, "field", c->field,
							 "value_before", c->value_before));
	}
	return json_pack("{s:s,s:s,s:s?,s:s?,s:s?,s:s?,s:s?,s:s?,s:s?,s:s,s:s?,s:s?,s:s?,"
			 "s:s?,s:s?,s:s?,s:s?,s:s?,s:o,s:s,s:s,s:I,s:o,s:o}",
			 "id", p->id, "name", p->name, "preferred_name", p->preferred_name, "phone",
			 p->phone, "email", p->email, "other_contact", p->other_contact,
			 "contact_when", p->contact_when, "best_place_to_meet",
			 p->best_place_to_meet, "postcode", p->postcode, "area_id", p->area_id,
			 "area_name", p->area_name, "coordinator_id", p->coordinator_id,
			 "coordinator_name", p->coordinator_name, "what_matters", p->what_matters,
			 "good_life", p->good_life, "hopes", p->hopes, "gifts", p->gifts,
			 "would_offer", p->would_offer, "tags", tags, "created_at", p->created_at,
			 "updated_at", p->updated_at, "version", (json_int_t)p->version,
			 "involvements", involvements, "changes", changes);
}

/* A string the body holds at key, "" too (which clears on a change); NULL
 * when absent. */
static const char *sent(json_t *body, const char *key)
{
	return json_string_value(json_object_get(body, key));
}

/* The person's details the body holds; tags in the arena. */
static struct person_input read_input(struct http_request *req, bool create)
{
	json_t *b = req->json;
	const char *(*get)(json_t *, const char *) = create ? json_input_string : sent;
	struct person_input in = {
		.name = get(b, "name"),
		.preferred_name = get(b, "preferred_name"),
		.phone = get(b, "phone"),
		.email = get(b, "email"),
		.other_contact = get(b, "other_contact"),
		.contact_when = get(b, "contact_when"),
		.best_place_to_meet = get(b, "best_place_to_meet"),
		.postcode = get(b, "postcode"),
		.coordinator_id = get(b, "coordinator_id"),
		.what_matters = get(b, "what_matters"),
		.good_life = get(b, "good_life"),
		.hopes = get(b, "hopes"),
		.gifts = get(b, "gifts"),
		.would_offer = get(b, "would_offer"),
	};
	json_t *tags = json_object_get(b, "tags");
	if (tags) {
		size_t n = json_array_size(tags);
		const char **names = arena_alloc(req->arena, (n + 1) * sizeof *names);
		for (size_t i = 0; i < n; i++)
			names[i] = json_string_value(json_array_get(tags, i));
		in.tags = names;
		in.tag_count = n;
	}
	return in;
}

static struct person_settings settings_of(struct http_request *req,
					  struct lookup_context *lookup)
{
	const struct app *app = req->app;
	*lookup = (struct lookup_context){app->db, req->map, app->config->near_metres,
					  req->postcodes};
	return (struct person_settings){app->db, lookup};
}

int api_create_person(struct http_request *req, struct http_response *res)
{
	json_t *b = req->json;
	struct person_input in = read_input(req, true);
	struct person_start start = {json_input_string(b, "kind"),
				     json_input_string(b, "started_on"),
				     json_input_string(b, "area_id"),
				     json_input_string(b, "household_involvement_id")};
	struct lookup_context lookup;
	struct person_settings s = settings_of(req, &lookup);
	struct person *p;
	struct err e;
	int rc = person_create(&s, req->who, &in, &start, req->arena, &p, &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	http_add_header(res, "Location", arena_printf(req->arena, "/api/v1/people/%s", p->id));
	return http_send_json(req, res, 201, person_json(p));
}

int api_person(struct http_request *req, struct http_response *res)
{
	struct person *p;
	struct err e;
	int rc = person_get(req->app->db, req->who, http_path_param(req, "id"), req->arena, &p,
			    &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	return http_send_json(req, res, 200, person_json(p));
}

int api_update_person(struct http_request *req, struct http_response *res)
{
	struct person_input in = read_input(req, false);
	json_t *version = json_object_get(req->json, "version");
	const char *id = http_path_param(req, "id");
	struct lookup_context lookup;
	struct person_settings s = settings_of(req, &lookup);
	struct err e;
	int rc = person_update(&s, req->who, id, version ? (long)json_integer_value(version) : 0,
			       &in, &e);
	struct person *p;
	if (rc == RESULT_OK)
		rc = person_get(req->app->db, req->who, id, req->arena, &p, &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	return http_send_json(req, res, 200, person_json(p));
}

int api_people(struct http_request *req, struct http_response *res)
{
	struct person_match *list;
	size_t count;
	struct err e;
	int rc = person_matches(req->app->db, req->who, http_query_filter(req, "name"),
				http_query_filter(req, "postcode"), http_query_filter(req, "phone"),
				http_query_filter(req, "email"), req->arena, &list, &count, &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	json_t *array = json_array();
	for (size_t i = 0; i < count; i++)
		json_array_append_new(array, json_pack("{s:s,s:s,s:s?,s:s?,s:s,s:s}", "id",
						       list[i].id, "name", list[i].name,
						       "preferred_name", list[i].preferred_name,
						       "postcode", list[i].postcode, "area_id",
						       list[i].area_id, "why", list[i].why));
	return http_send_json(req, res, 200, json_pack("{s:o}", "matches", array));
}

int api_person_involvements(struct http_request *req, struct http_response *res)
{
	struct person *p;
	struct err e;
	int rc = person_get(req->app->db, req->who, http_path_param(req, "id"), req->arena, &p,
			    &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	json_t *array = json_array();
	for (size_t i = 0; i < p->involvement_count; i++)
		json_array_append_new(array, involvement_json(&p->involvements[i]));
	return http_send_json(req, res, 200, json_pack("{s:o}", "involvements", array));
}

int api_open_involvement(struct http_request *req, struct http_response *res)
{
	const char *person_id = http_path_param(req, "id");
	struct involvement *v;
	struct err e;
	int rc = involvement_open(req->app->db, req->who, person_id,
				  json_input_string(req->json, "kind"),
				  json_input_string(req->json, "started_on"), req->arena, &v, &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	http_add_header(res, "Location",
			arena_printf(req->arena, "/api/v1/people/%s/involvements/%s", person_id,
				     v->id));
	return http_send_json(req, res, 201, involvement_json(v));
}

/* The involvement named by the path, if it is the person's: not found
 * otherwise, as an id that names nothing. */
static int persons_involvement(struct http_request *req, struct involvement **v, struct err *e)
{
	const char *person_id = http_path_param(req, "id");
	int rc = involvement_get(req->app->db, req->who, http_path_param(req, "involvement"),
				 req->arena, v, e);
	for (size_t i = 0; rc == 0 && i < (*v)->person_count; i++)
		if (strcmp((*v)->person_ids[i], person_id) == 0)
			return RESULT_OK;
	if (rc == 0)
		rc = err_not_found(e, "involvement", "There is no involvement with that id.");
	return rc;
}

int api_involvement(struct http_request *req, struct http_response *res)
{
	struct involvement *v;
	struct err e;
	int rc = persons_involvement(req, &v, &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	return http_send_json(req, res, 200, involvement_json(v));
}

int api_update_involvement(struct http_request *req, struct http_response *res)
{
	json_t *b = req->json;
	struct involvement *v;
	struct err e;
	int rc = persons_involvement(req, &v, &e);
	struct involvement_change change = {
		json_input_string(b, "kind"),	    json_input_string(b, "ended_on"),
		json_input_string(b, "end_reason"), json_input_string(b, "end_words"),
		json_input_string(b, "ended_by"),   json_input_string(b, "note")};
	if (rc == 0)
		rc = involvement_update(req->app->db, req->who, v->id, &change, &e);
	if (rc == 0)
		rc = persons_involvement(req, &v, &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	return http_send_json(req, res, 200, involvement_json(v));
}

int api_add_involvement_person(struct http_request *req, struct http_response *res)
{
	struct involvement *v;
	struct err e;
	int rc = persons_involvement(req, &v, &e);
	if (rc == 0)
		rc = involvement_add_person(req->app->db, req->who, v->id,
					    json_input_string(req->json, "person_id"), &e);
	if (rc == 0)
		rc = persons_involvement(req, &v, &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	return http_send_json(req, res, 200, involvement_json(v));
}

int api_tags(struct http_request *req, struct http_response *res)
{
	const char **names;
	size_t count;
	if (person_tag_list(req->app->db, req->arena, &names, &count, &req->err) < 0)
		return -1;
	json_t *array = json_array();
	for (size_t i = 0; i < count; i++)
		json_array_append_new(array, json_string(names[i]));
	return http_send_json(req, res, 200, json_pack("{s:o}", "tags", array));
}
