/* Introductions and coordinators' leave as JSON. */
#include "api/api.h"

#include "core/arena.h"
#include "core/config.h"
#include "core/id.h"
#include "db/db.h"
#include "api/areas_json.h"
#include "domain/areas/area.h"
#include "domain/areas/lookup.h"
#include "domain/council/council.h"
#include "domain/introductions/introduction.h"
#include "domain/introductions/leave.h"
#include "domain/introductions/notify.h"
#include "domain/staff/caller.h"
#include "domain/staff/throttle.h"
#include "geo/map.h"
#include "http/app.h"
#include "http/http.h"
#include "http/json_input.h"

#include <string.h>
#include <time.h>

static const char *area_name(const struct http_request *req, const char *id)
{
	long i = req->map ? geo_map_find_area(req->map, id) : -1;
	return i >= 0 ? geo_map_area(req->map, (size_t)i)->name : NULL;
}

static json_t *introduction_json(const struct http_request *req, const struct introduction *x)
{
	const struct intro_input *in = &x->in;
	json_t *history = json_array();
	for (size_t i = 0; i < x->history_count; i++) {
		const struct intro_history_entry *h = &x->history[i];
		json_array_append_new(history, json_pack("{s:s,s:s?,s:s,s:s?}", "at", h->at, "by",
							 h->username, "status", h->status, "note",
							 h->note));
	}
	json_t *distance = x->distance_m >= 0 ? json_integer(x->distance_m) : json_null();
	return json_pack(
		"{s:s,s:s,s:{s:s,s:s?},s:s,s:o,"
		"s:{s:s,s:s?,s:s?,s:s?,s:s?,s:s?,s:s?,s:s?,s:s?},"
		"s:{s:s,s:s?,s:s?,s:s?,s:s?},"
		"s:s,s:s,s:b,s:s?,s:s,s:s,s:s,s:s,s:s?,s:o}",
		"id", x->id, "status", x->status, "area", "id", x->area_id, "name",
		area_name(req, x->area_id), "placement", x->placement, "distance_m", distance,
		"person", "name", in->person_name, "phone", in->person_phone, "email",
		in->person_email, "other_contact", in->person_other_contact, "contact_when",
		in->contact_when, "postcode", in->postcode, "best_place_to_meet",
		in->best_place_to_meet, "address", in->address, "background", in->background,
		"introduced_by", "relationship", in->introduced_by, "name", in->introducer_name,
		"organisation", in->introducer_organisation, "phone", in->introducer_phone,
		"email", in->introducer_email, "person_knows", in->person_knows, "channel",
		in->channel, "urgent", in->urgent, "other_service", in->other_service,
		"received_at", x->received_at, "due_by", x->due_on, "created_at", x->created_at,
		"updated_at", x->updated_at, "person_id", x->person_id, "history", history);
}

/* The introduction the body describes (the router has checked its shape);
 * its strings live as long as the request's body. */
static struct intro_input read_input(const struct http_request *req)
{
	json_t *body = req->json;
	json_t *p = json_object_get(body, "person"), *b = json_object_get(body, "introduced_by");
	return (struct intro_input){
		.person_name = json_input_string(p, "name"),
		.person_phone = json_input_string(p, "phone"),
		.person_email = json_input_string(p, "email"),
		.person_other_contact = json_input_string(p, "other_contact"),
		.contact_when = json_input_string(p, "contact_when"),
		.postcode = json_input_string(p, "postcode"),
		.best_place_to_meet = json_input_string(p, "best_place_to_meet"),
		.address = json_input_string(p, "address"),
		.background = json_input_string(p, "background"),
		.introduced_by = json_input_string(b, "relationship"),
		.introducer_name = json_input_string(b, "name"),
		.introducer_organisation = json_input_string(b, "organisation"),
		.introducer_phone = json_input_string(b, "phone"),
		.introducer_email = json_input_string(b, "email"),
		.person_knows = json_input_string(body, "person_knows"),
		.channel = json_input_string(body, "channel"),
		.urgent = json_is_true(json_object_get(body, "urgent")),
		.other_service = json_input_string(body, "other_service"),
		.received_at = json_input_string(body, "received_at"),
	};
}

static struct intro_settings intro_settings_of(struct http_request *req,
					       struct lookup_context *lookup)
{
	const struct app *app = req->app;
	*lookup = (struct lookup_context){app->db, req->map, app->config->near_metres,
					  req->postcodes};
	return (struct intro_settings){app->db, lookup, app->holidays,
				       app->config->due_working_days};
}

/* Anonymous callers may send a few an hour from one address: a place
 * taken in slot, given back if the send is not kept. */
static int public_allowance(struct http_request *req, struct http_response *res,
			    char slot[ID_HEX_LEN + 1], bool *allowed)
{
	*allowed = true;
	slot[0] = '\0';
	if (req->who->user)
		return 0;
	int64_t wait;
	if (throttle_public_take(req->app->db, req->client_address,
				 req->app->config->public_limit, &wait, slot, &req->err) < 0)
		return -1;
	if (wait == 0)
		return 0;
	*allowed = false;
	http_add_header(res, "Retry-After", arena_printf(req->arena, "%lld", (long long)wait));
	return http_send_error(req, res, 429, "too_many_requests",
			       "Too many introductions from this address just now. Please "
			       "try again later, or phone the coordinator.");
}

/* Who answers the introduction just made, as the Get in touch reply
 * says it (lookup_answerer_of_placement); NULL on a database error. */
static json_t *answer_json(struct http_request *req, const struct introduction *x)
{
	struct council council;
	struct area area;
	struct err e;
	if (council_read(req->app->db, req->arena, &council, &req->err) < 0)
		return NULL;
	int rc = area_get(req->app->db, req->arena, x->area_id, &area, &e);
	if (rc < 0 && rc != RESULT_NOT_FOUND) {
		err_copy(&req->err, &e);
		return NULL;
	}
	enum lookup_answerer who = lookup_answerer_of_placement(x->placement, council.outside_cover);
	return api_answer_json(who, true, x->area_id, area_name(req, x->area_id),
			       rc == RESULT_OK ? area.coordinator : NULL, &council,
			       lookup_offers(who, strcmp(x->placement, "not_covered") != 0));
}

int api_create_introduction(struct http_request *req, struct http_response *res)
{
	struct intro_input in = read_input(req);
	if (!req->who->user && !in.channel)
		in.channel = "web";
	bool allowed;
	char slot[ID_HEX_LEN + 1];
	if (public_allowance(req, res, slot, &allowed) < 0 || !allowed)
		return allowed ? -1 : 0;
	struct lookup_context lookup;
	struct intro_settings settings = intro_settings_of(req, &lookup);
	struct introduction *x;
	struct err e;
	int rc = intro_create(&settings, req->who, &in, req->arena, &x, &e);
	if (rc < 0) {
		/* Only kept ones count. */
		if (*slot && throttle_public_give_back(req->app->db, slot, &req->err) < 0)
			return -1;
		return http_send_result(req, res, rc, &e, NULL);
	}
	notify_new_introduction(req->app->db, req->app->mail, req->app->config->public_url, x,
				req->request_id);
	http_add_header(res, "Location", arena_printf(req->arena, "/api/v1/introductions/%s", x->id));
	json_t *answer = answer_json(req, x);
	if (!answer)
		return -1;
	json_t *j = req->who->user ? introduction_json(req, x)
				   /* The public get back what happens next, not
				    * the record itself. */
				   : json_pack("{s:s,s:s,s:{s:s,s:s?},s:s,s:s}", "id", x->id,
					       "status", x->status, "area", "id", x->area_id,
					       "name", area_name(req, x->area_id), "placement",
					       x->placement, "due_by", x->due_on);
	json_object_set_new(j, "answer", answer);
	return http_send_json(req, res, 201, j);
}

int api_introduction(struct http_request *req, struct http_response *res)
{
	struct introduction *x;
	struct err e;
	int rc = intro_get(req->app->db, req->who, http_path_param(req, "id"), req->arena, &x, &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	return http_send_json(req, res, 200, introduction_json(req, x));
}

int api_update_introduction(struct http_request *req, struct http_response *res)
{
	json_t *body = req->json;
	struct intro_change change = {json_input_string(body, "person_knows"),
				      json_input_string(body, "status"),
				      json_input_string(body, "note")};
	const char *id = http_path_param(req, "id");
	struct introduction *x;
	struct err e;
	int rc = intro_update(req->app->db, req->who, id, &change, &e);
	if (rc == RESULT_OK)
		rc = intro_get(req->app->db, req->who, id, req->arena, &x, &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	return http_send_json(req, res, 200, introduction_json(req, x));
}

int api_introductions(struct http_request *req, struct http_response *res)
{
	const char *status = http_query_filter(req, "status");
	const char *area = http_query_filter(req, "area");
	const char *due_before = http_query_filter(req, "due_before");
	struct intro_filter f = {.status = status, .area_id = area, .due_before = due_before};
	struct introduction *list;
	size_t count;
	if (intro_list(req->app->db, req->who, &f, req->arena, &list, &count, &req->err) < 0)
		return -1;
	json_t *array = json_array();
	for (size_t i = 0; i < count; i++)
		json_array_append_new(array, introduction_json(req, &list[i]));
	return http_send_json(req, res, 200, json_pack("{s:o}", "introductions", array));
}

int api_leave(struct http_request *req, struct http_response *res)
{
	struct leave *list;
	size_t count;
	struct err e;
	int rc = leave_list(req->app->db, req->who, http_path_param(req, "id"), NULL, req->arena,
			    &list, &count, &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	json_t *array = json_array();
	for (size_t i = 0; i < count; i++)
		json_array_append_new(array, json_pack("{s:s,s:s,s:s}", "id", list[i].id,
						       "starts_on", list[i].starts_on, "ends_on",
						       list[i].ends_on));
	return http_send_json(req, res, 200, json_pack("{s:o}", "leave", array));
}

int api_add_leave(struct http_request *req, struct http_response *res)
{
	json_t *body = req->json;
	const char *starts = json_input_string(body, "starts_on");
	const char *ends = json_input_string(body, "ends_on");
	struct err e;
	char id[ID_HEX_LEN + 1];
	int rc = leave_add(req->app->db, req->who, http_path_param(req, "id"), starts, ends, id, &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	return http_send_json(req, res, 201, json_pack("{s:s,s:s,s:s}", "id", id, "starts_on",
						       starts, "ends_on", ends));
}

int api_link_introduction_person(struct http_request *req, struct http_response *res)
{
	const char *id = http_path_param(req, "id");
	struct introduction *x;
	struct err e;
	int rc = intro_link_person(req->app->db, req->who, id,
				   json_input_string(req->json, "person_id"), &e);
	if (rc == RESULT_OK)
		rc = intro_get(req->app->db, req->who, id, req->arena, &x, &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	return http_send_json(req, res, 200, introduction_json(req, x));
}
