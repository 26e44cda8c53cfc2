/* Introductions and coordinators' leave as JSON. */
#include "api/api.h"

#include "api/json_input.h"
#include "http/app.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/config.h"
#include "core/date.h"
#include "core/id.h"
#include "db/db.h"
#include "domain/staff/access.h"
#include "domain/staff/audit.h"
#include "domain/introductions/introduction.h"
#include "domain/introductions/leave.h"
#include "domain/areas/lookup.h"
#include "domain/introductions/notify.h"
#include "domain/staff/throttle.h"
#include "domain/staff/token.h"
#include "domain/staff/user.h"
#include "geo/map.h"
#include "http/auth.h"
#include "http/http.h"

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
		"s:s,s:s,s:b,s:s?,s:s,s:s,s:s,s:s,s:o}",
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
		"updated_at", x->updated_at, "history", history);
}

/* A refused introduction: 422 naming the field. */
static int refused(struct http_request *req, struct http_response *res, int rc,
		   const struct err *e)
{
	if (rc == INTRO_NOT_FOUND)
		return http_send_error(req, res, 404, "introduction_not_found", e->msg);
	if (rc != INTRO_INVALID)
		return err_set(&req->err, "%s", e->msg);
	json_t *body = json_pack("{s:{s:s,s:s,s:s?}}", "error", "code", "invalid", "message",
				 e->msg, "field", intro_error_field);
	return http_send_json(req, res, 422, body);
}

static const char *copy(struct arena *a, json_t *object, const char *key)
{
	const char *s = json_input_string(object, key);
	return s ? arena_strdup(a, s) : NULL;
}

/* Reads the request body into in; NULL (answered) when it is malformed. */
static json_t *read_input(struct http_request *req, struct http_response *res,
			  struct intro_input *in)
{
	static const struct json_field person[] = {
		JSON_STRING("name"),	    JSON_STRING("phone"),
		JSON_STRING("email"),	    JSON_STRING("other_contact"),
		JSON_STRING("contact_when"), JSON_STRING("postcode"),
		JSON_STRING("best_place_to_meet"), JSON_STRING("address"),
		JSON_STRING("background")};
	static const struct json_field introducer[] = {
		JSON_STRING("relationship"), JSON_STRING("name"), JSON_STRING("organisation"),
		JSON_STRING("phone"), JSON_STRING("email")};
	static const struct json_field fields[] = {
		JSON_OBJECT("person", person), JSON_OBJECT("introduced_by", introducer),
		JSON_STRING("person_knows"),   JSON_STRING("channel"),
		JSON_BOOL("urgent"),	       JSON_STRING("other_service"),
		JSON_STRING("received_at")};
	json_t *body = json_input(req, res, fields, sizeof fields / sizeof fields[0]);
	if (!body)
		return NULL;
	struct arena *a = req->arena;
	json_t *p = json_object_get(body, "person"), *b = json_object_get(body, "introduced_by");
	*in = (struct intro_input){
		.person_name = copy(a, p, "name"),
		.person_phone = copy(a, p, "phone"),
		.person_email = copy(a, p, "email"),
		.person_other_contact = copy(a, p, "other_contact"),
		.contact_when = copy(a, p, "contact_when"),
		.postcode = copy(a, p, "postcode"),
		.best_place_to_meet = copy(a, p, "best_place_to_meet"),
		.address = copy(a, p, "address"),
		.background = copy(a, p, "background"),
		.introduced_by = copy(a, b, "relationship"),
		.introducer_name = copy(a, b, "name"),
		.introducer_organisation = copy(a, b, "organisation"),
		.introducer_phone = copy(a, b, "phone"),
		.introducer_email = copy(a, b, "email"),
		.person_knows = copy(a, body, "person_knows"),
		.channel = copy(a, body, "channel"),
		.urgent = json_is_true(json_object_get(body, "urgent")),
		.other_service = copy(a, body, "other_service"),
		.received_at = copy(a, body, "received_at"),
	};
	return body;
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

/* Anonymous callers may send a few an hour from one address. */
static int public_allowance(struct http_request *req, struct http_response *res, bool *allowed)
{
	*allowed = true;
	if (req->who->user)
		return 0;
	int64_t wait;
	if (throttle_public_wait(req->app->db, req->client_address,
				 req->app->config->public_limit, &wait, &req->err) < 0)
		return -1;
	if (wait == 0)
		return 0;
	*allowed = false;
	http_add_header(res, "Retry-After", arena_printf(req->arena, "%lld", (long long)wait));
	return http_send_error(req, res, 429, "too_many_requests",
			       "Too many introductions from this address just now. Please "
			       "try again later, or phone the coordinator.");
}

int api_create_introduction(struct http_request *req, struct http_response *res)
{
	struct intro_input in;
	json_t *body = read_input(req, res, &in);
	if (!body)
		return 0;
	json_decref(body);
	if (!req->who->user && !in.channel)
		in.channel = "web";
	bool allowed;
	if (public_allowance(req, res, &allowed) < 0 || !allowed)
		return allowed ? -1 : 0;
	struct lookup_context lookup;
	struct intro_settings settings = intro_settings_of(req, &lookup);
	struct introduction *x;
	struct err e;
	int rc = intro_create(&settings, req->who, req->who, &in, req->arena, &x, &e);
	if (rc < 0)
		return refused(req, res, rc, &e);
	if (!req->who->user && throttle_public_sent(req->app->db, req->client_address, &req->err) < 0)
		return -1;
	notify_new_introduction(req->app->db, req->app->mail, req->app->config->public_url, x,
				req->request_id);
	http_add_header(res, "Location", arena_printf(req->arena, "/api/v1/introductions/%s", x->id));
	if (req->who->user)
		return http_send_json(req, res, 201, introduction_json(req, x));
	/* The public get back what happens next, not the record itself. */
	return http_send_json(req, res, 201,
			      json_pack("{s:s,s:s,s:{s:s,s:s?},s:s,s:s}", "id", x->id, "status",
					x->status, "area", "id", x->area_id, "name",
					area_name(req, x->area_id), "placement", x->placement,
					"due_by", x->due_on));
}

/* The introduction at the path, if the caller may reach it; the read, or
 * the refusal, is audited either way. */
static struct introduction *reachable(struct http_request *req, struct http_response *res,
				      int *rc)
{
	struct introduction *x;
	struct err e;
	*rc = intro_get(req->app->db, NULL, http_path_param(req, "id"), req->arena, &x, &e);
	if (*rc == INTRO_NOT_FOUND) {
		*rc = http_send_error(req, res, 404, "introduction_not_found", e.msg);
		return NULL;
	}
	if (*rc < 0) {
		*rc = err_set(&req->err, "%s", e.msg);
		return NULL;
	}
	bool may = access_casework(req->who, x->area_id);
	struct audit_entry entry = {"read", "introduction", x->id, x->area_id,
				    may ? NULL : "refused"};
	if (audit_record(req->app->db, req->who, &entry, &req->err) < 0) {
		*rc = -1;
		return NULL;
	}
	if (!may) {
		/* Not found, rather than forbidden: whether it exists is itself
		 * something only its area's staff may know. */
		*rc = http_send_error(req, res, 404, "introduction_not_found",
				      "There is no introduction with that id.");
		return NULL;
	}
	return x;
}

int api_introduction(struct http_request *req, struct http_response *res)
{
	int rc;
	struct introduction *x = reachable(req, res, &rc);
	return x ? http_send_json(req, res, 200, introduction_json(req, x)) : rc;
}

int api_update_introduction(struct http_request *req, struct http_response *res)
{
	static const struct json_field fields[] = {JSON_STRING("status"), JSON_STRING("note"),
						   JSON_STRING("person_knows")};
	json_t *body = json_input(req, res, fields, sizeof fields / sizeof fields[0]);
	if (!body)
		return 0;
	const char *status = copy(req->arena, body, "status");
	const char *note = copy(req->arena, body, "note");
	const char *knows = copy(req->arena, body, "person_knows");
	json_decref(body);
	int rc;
	struct introduction *x = reachable(req, res, &rc);
	if (!x)
		return rc;
	struct err e;
	rc = intro_update(req->app->db, req->who, x->id, knows, status, note, &e);
	if (rc < 0)
		return refused(req, res, rc, &e);
	rc = intro_get(req->app->db, NULL, x->id, req->arena, &x, &e);
	if (rc < 0)
		return err_set(&req->err, "%s", e.msg);
	return http_send_json(req, res, 200, introduction_json(req, x));
}

int api_introductions(struct http_request *req, struct http_response *res)
{
	const char *status = http_query(req, "status");
	const char *area = http_query(req, "area");
	const char *due_before = http_query(req, "due_before");
	struct date d;
	if (status && !intro_status_known(status))
		return http_send_error(req, res, 400, "invalid_status",
				       "status is one of new, contacted, conversation_arranged, "
				       "walking_alongside, information_only, not_now, "
				       "outside_area, other_service.");
	if (due_before && !date_parse(due_before, &d))
		return http_send_error(req, res, 400, "invalid_date",
				       "due_before is a date like 2026-03-14.");
	if (area && !id_valid(area))
		return http_send_error(req, res, 400, "invalid_area", "area is an area's id.");
	struct intro_filter f = {.status = status, .area_id = area, .due_before = due_before};
	f.area_count = access_casework_areas(req->who, req->arena, (const char ***)&f.areas);
	struct introduction *list;
	size_t count;
	if (intro_list(req->app->db, req->who, &f, req->arena, &list, &count, &req->err) < 0)
		return -1;
	json_t *array = json_array();
	for (size_t i = 0; i < count; i++)
		json_array_append_new(array, introduction_json(req, &list[i]));
	return http_send_json(req, res, 200, json_pack("{s:o}", "introductions", array));
}

/* The coordinator at the path, if the caller may see their leave. */
static struct user *leave_subject(struct http_request *req, struct http_response *res, int *rc)
{
	const char *id = http_path_param(req, "id");
	struct user *u = NULL;
	*rc = id_valid(id) ? user_load(req->app->db, req->arena, id, &u, &req->err)
			   : RESULT_NOT_FOUND;
	if (*rc == 0 && (u->roles & USER_COORDINATOR) && access_leave(req->who, u))
		return u;
	if (*rc == 0 || *rc == RESULT_NOT_FOUND)
		*rc = http_send_error(req, res, 404, "coordinator_not_found",
				      "There is no such coordinator, or theirs is not yours "
				      "to see.");
	return NULL;
}

int api_leave(struct http_request *req, struct http_response *res)
{
	int rc;
	struct user *u = leave_subject(req, res, &rc);
	if (!u)
		return rc;
	struct leave *list;
	size_t count;
	if (leave_list(req->app->db, req->arena, u->id, NULL, &list, &count, &req->err) < 0)
		return -1;
	json_t *array = json_array();
	for (size_t i = 0; i < count; i++)
		json_array_append_new(array, json_pack("{s:s,s:s,s:s}", "id", list[i].id,
						       "starts_on", list[i].starts_on, "ends_on",
						       list[i].ends_on));
	return http_send_json(req, res, 200, json_pack("{s:o}", "leave", array));
}

int api_add_leave(struct http_request *req, struct http_response *res)
{
	static const struct json_field fields[] = {JSON_STRING("starts_on"),
						   JSON_STRING("ends_on")};
	json_t *body = json_input(req, res, fields, 2);
	if (!body)
		return 0;
	const char *starts = copy(req->arena, body, "starts_on");
	const char *ends = copy(req->arena, body, "ends_on");
	json_decref(body);
	int rc;
	struct user *u = leave_subject(req, res, &rc);
	if (!u)
		return rc;
	struct err e;
	char id[ID_HEX_LEN + 1];
	rc = leave_add(req->app->db, req->who, u->id, starts, ends, id, &e);
	if (rc == LEAVE_INVALID)
		return http_send_error(req, res, 422, "invalid", e.msg);
	if (rc < 0)
		return err_set(&req->err, "%s", e.msg);
	return http_send_json(req, res, 201, json_pack("{s:s,s:s,s:s}", "id", id, "starts_on",
						       starts, "ends_on", ends));
}
