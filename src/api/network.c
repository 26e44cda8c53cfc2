/* A person's network as JSON: every picture, one picture, recording a new
 * one, and how one picture became another. */
#include "api/api.h"

#include "core/arena.h"
#include "domain/people/network.h"
#include "http/app.h"
#include "http/http.h"
#include "http/json_input.h"

#include <stdlib.h>

static const char *const moves[] = {
	[NETWORK_STAYED] = "stayed", [NETWORK_JOINED] = "joined", [NETWORK_LEFT] = "left",
	[NETWORK_CLOSER] = "closer", [NETWORK_FURTHER] = "further",
};

/* A circle, or null for a picture the member is not in. */
static json_t *circle_json(int circle)
{
	return circle ? json_integer(circle) : json_null();
}

static json_t *picture_json(const struct network_picture *x)
{
	json_t *members = json_array();
	for (size_t i = 0; i < x->member_count; i++) {
		const struct network_placement *m = &x->members[i];
		json_array_append_new(members,
				      json_pack("{s:s,s:s,s:s,s:s?,s:i,s:b}", "member_id",
						m->member_id, "name", m->name, "relationship",
						m->relationship, "relationship_words",
						m->relationship_words, "circle", m->circle,
						"can_call_on", m->can_call_on));
	}
	json_t *by = x->created_by ? json_pack("{s:s,s:s?}", "id", x->created_by, "name",
					       x->created_by_name)
				   : json_null();
	return json_pack("{s:i,s:s,s:s?,s:s?,s:o,s:s,s:o}", "number", (json_int_t)x->number,
			 "taken_on", x->taken_on, "conversation_id", x->conversation_id, "note",
			 x->note, "created_by", by, "created_at", x->created_at, "members",
			 members);
}

/* The network of the person the path names. */
static int person_network(struct http_request *req, struct network *n, struct err *e)
{
	return network_get(req->app->db, req->who, http_path_param(req, "id"), req->arena, n, e);
}

int api_network(struct http_request *req, struct http_response *res)
{
	struct network n;
	struct err e;
	int rc = person_network(req, &n, &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	json_t *pictures = json_array();
	for (size_t i = 0; i < n.picture_count; i++)
		json_array_append_new(pictures, picture_json(&n.pictures[i]));
	return http_send_json(req, res, 200,
			      json_pack("{s:{s:s,s:s},s:o}", "person", "id", n.person_id, "name",
					n.person_name, "pictures", pictures));
}

int api_record_network(struct http_request *req, struct http_response *res)
{
	json_t *body = req->json, *list = json_object_get(body, "members");
	size_t count = json_array_size(list);
	struct network_member_input *members = arena_alloc(req->arena, (count + 1) * sizeof *members);
	for (size_t i = 0; i < count; i++) {
		json_t *m = json_array_get(list, i), *circle = json_object_get(m, "circle");
		/* The domain takes the circle as a form sends it; any whole
		 * number is passed on for it to judge. */
		members[i] = (struct network_member_input){
			.member_id = json_input_string(m, "member_id"),
			.name = json_input_string(m, "name"),
			.relationship = json_input_string(m, "relationship"),
			.relationship_words = json_input_string(m, "relationship_words"),
			.circle = circle ? arena_printf(req->arena, "%lld",
							(long long)json_integer_value(circle))
					 : NULL,
			.can_call_on = json_is_true(json_object_get(m, "can_call_on")),
		};
	}
	struct network_picture_input in = {
		.taken_on = json_input_string(body, "taken_on"),
		.conversation_id = json_input_string(body, "conversation_id"),
		.note = json_input_string(body, "note"),
		.members = members,
		.member_count = count,
	};
	const char *person = http_path_param(req, "id");
	struct network_picture *x;
	struct err e;
	int rc = network_record(req->app->db, req->who, person, &in, req->arena, &x, &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	http_add_header(res, "Location",
			arena_printf(req->arena, "/api/v1/people/%s/network/pictures/%ld", person,
				     x->number));
	return http_send_json(req, res, 201, picture_json(x));
}

int api_network_picture(struct http_request *req, struct http_response *res)
{
	struct network n;
	struct err e;
	int rc = person_network(req, &n, &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	const struct network_picture *x;
	rc = network_numbered(&n, http_path_param(req, "number"), &x, &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	return http_send_json(req, res, 200, picture_json(x));
}

int api_network_compare(struct http_request *req, struct http_response *res)
{
	struct network n;
	struct err e;
	int rc = person_network(req, &n, &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	const struct network_picture *from, *to;
	rc = network_pair(&n, http_query_filter(req, "from"), http_query_filter(req, "to"), &from,
			  &to, &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	struct network_change *changes;
	size_t count;
	network_compare(from, to, req->arena, &changes, &count);
	json_t *list = json_array();
	for (size_t i = 0; i < count; i++) {
		const struct network_change *c = &changes[i];
		json_array_append_new(list, json_pack("{s:s,s:s,s:o,s:o,s:s}", "member_id",
						      c->member_id, "name", c->name, "from_circle",
						      circle_json(c->from_circle), "to_circle",
						      circle_json(c->to_circle), "move",
						      moves[c->move]));
	}
	return http_send_json(req, res, 200,
			      json_pack("{s:i,s:i,s:o}", "from", (json_int_t)from->number, "to",
					(json_int_t)to->number, "changes", list));
}
