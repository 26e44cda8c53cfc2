/* Staff accounts, sessions and the audit log as JSON. */
#include "api/api.h"

#include "core/arena.h"
#include "core/config.h"
#include "core/id.h"
#include "domain/staff/audit.h"
#include "domain/staff/session.h"
#include "domain/staff/token.h"
#include "domain/staff/user.h"
#include "http/app.h"
#include "http/auth.h"
#include "http/http.h"
#include "http/json_input.h"

#include <stdlib.h>
#include <string.h>

static json_t *strings(const char **list, size_t count)
{
	json_t *array = json_array();
	for (size_t i = 0; i < count; i++)
		json_array_append_new(array, json_string(list[i]));
	return array;
}

static json_t *user_json(const struct user *u)
{
	json_t *roles = json_object();
	if (u->roles & USER_COORDINATOR)
		json_object_set_new(roles, "coordinator",
				    strings(u->coordinator_areas, u->coordinator_area_count));
	if (u->roles & USER_TEAM_LEADER)
		json_object_set_new(roles, "team_leader",
				    strings(u->team_areas, u->team_area_count));
	if (u->roles & USER_ADMINISTRATOR)
		json_object_set_new(roles, "administrator", json_true());
	if (u->roles & USER_PROGRAMME_MANAGER)
		json_object_set_new(roles, "programme_manager", json_true());
	return json_pack("{s:s,s:s,s:s,s:s?,s:b,s:b,s:o}", "id", u->id, "username", u->username,
			 "display_name", u->display_name, "email", u->email, "disabled",
			 u->disabled, "has_password", u->has_password, "roles", roles);
}

static json_t *session_json(const struct session *s, const struct http_request *req)
{
	bool current = req->who->session && strcmp(req->who->session->id, s->id) == 0;
	return json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:b}", "id", s->id, "created_at",
			 s->created_at, "last_seen_at", s->last_seen_at, "expires_at",
			 s->expires_at, "client_address", s->client_address, "user_agent",
			 s->user_agent, "current", current);
}

int api_me(struct http_request *req, struct http_response *res)
{
	json_t *me = user_json(req->who->user);
	json_object_set_new(me, "covering", strings(req->who->cover_areas,
						    req->who->cover_area_count));
	return http_send_json(req, res, 200, me);
}

static int list_sessions(struct http_request *req, struct http_response *res,
			 const char *user_id)
{
	const struct config *config = req->app->config;
	struct session_limits limits = {config->session_idle, config->session_lifetime};
	struct session *list;
	size_t count;
	struct err e;
	int rc = session_list(req->app->db, req->arena, req->who, user_id, &limits, &list, &count,
			      &e);
	if (rc != RESULT_OK)
		return http_send_result(req, res, rc, &e, NULL);
	json_t *array = json_array();
	for (size_t i = 0; i < count; i++)
		json_array_append_new(array, session_json(&list[i], req));
	return http_send_json(req, res, 200, json_pack("{s:o}", "sessions", array));
}

int api_my_sessions(struct http_request *req, struct http_response *res)
{
	return list_sessions(req, res, req->who->user->id);
}

/* Ends the session at the path; the domain decides whose the caller may
 * end, so both routes to it are the same. */
static int end_session(struct http_request *req, struct http_response *res)
{
	struct err e;
	int rc = session_end(req->app->db, req->who, http_path_param(req, "id"), "session_end",
			     &e);
	if (rc != RESULT_OK)
		return http_send_result(req, res, rc, &e, NULL);
	http_send_static(res, 204, NULL, "", 0);
	return 0;
}

int api_end_my_session(struct http_request *req, struct http_response *res)
{
	return end_session(req, res);
}

int api_admin_end_session(struct http_request *req, struct http_response *res)
{
	return end_session(req, res);
}

int api_admin_users(struct http_request *req, struct http_response *res)
{
	struct user *users;
	size_t count;
	if (user_list(req->app->db, req->arena, &users, &count, &req->err) < 0)
		return -1;
	json_t *array = json_array();
	for (size_t i = 0; i < count; i++)
		json_array_append_new(array, user_json(&users[i]));
	return http_send_json(req, res, 200, json_pack("{s:o}", "users", array));
}

/* Answers a change to a user: its result, or the user as they are now,
 * as the caller may read it. */
static int answer_user(struct http_request *req, struct http_response *res, int rc,
		       const struct err *e, int status, const char *id)
{
	if (rc != RESULT_OK)
		return http_send_result(req, res, rc, e, NULL);
	struct user *u;
	struct err read;
	rc = user_get(req->app->db, req->arena, req->who, id, &u, &read);
	if (rc != RESULT_OK)
		return http_send_result(req, res, rc, &read, NULL);
	if (status == 201)
		http_add_header(res, "Location",
				arena_printf(req->arena, "/api/v1/admin/users/%s", id));
	return http_send_json(req, res, status, user_json(u));
}

int api_admin_user(struct http_request *req, struct http_response *res)
{
	return answer_user(req, res, RESULT_OK, NULL, 200, http_path_param(req, "id"));
}

int api_admin_user_sessions(struct http_request *req, struct http_response *res)
{
	struct user *u;
	struct err e;
	int rc = user_get(req->app->db, req->arena, req->who, http_path_param(req, "id"), &u, &e);
	if (rc != RESULT_OK)
		return http_send_result(req, res, rc, &e, NULL);
	return list_sessions(req, res, u->id);
}

static const char **copy_strings(struct arena *a, json_t *array, size_t *count)
{
	*count = json_array_size(array);
	const char **out = arena_alloc(a, (*count + 1) * sizeof *out);
	for (size_t i = 0; i < *count; i++)
		out[i] = arena_strdup(a, json_string_value(json_array_get(array, i)));
	return out;
}

static const char *copy_string(struct arena *a, json_t *body, const char *key)
{
	const char *s = json_input_string(body, key);
	return s ? arena_strdup(a, s) : NULL;
}

int api_admin_add_user(struct http_request *req, struct http_response *res)
{
	json_t *body = req->json;
	struct user_input in = {
		.username = copy_string(req->arena, body, "username"),
		.display_name = copy_string(req->arena, body, "display_name"),
		.role = user_role_parse(json_input_string(body, "role")),
		.password = copy_string(req->arena, body, "password"),
		.email = copy_string(req->arena, body, "email"),
	};
	in.areas = copy_strings(req->arena, json_object_get(body, "areas"), &in.area_count);
	struct err e;
	char id[ID_HEX_LEN + 1];
	int rc = user_add(req->app->db, req->who, &in, id, &e);
	return answer_user(req, res, rc, &e, 201, id);
}

static int change_role(struct http_request *req, struct http_response *res, bool remove)
{
	struct err e;
	unsigned role = user_role_parse(http_path_param(req, "role"));
	if (!role)
		return http_send_result(req, res,
					err_not_found(&e, "role", "Roles are coordinator, "
								  "team_leader, administrator and "
								  "programme_manager."),
					&e, NULL);
	size_t area_count = 0;
	const char **areas = NULL;
	if (!remove) {
		json_t *body = req->json;
		areas = copy_strings(req->arena, json_object_get(body, "areas"), &area_count);
	}
	const char *id = http_path_param(req, "id");
	int rc = user_set_role(req->app->db, req->who, id, role, areas, area_count, remove, &e);
	return answer_user(req, res, rc, &e, 200, id);
}

int api_admin_set_role(struct http_request *req, struct http_response *res)
{
	return change_role(req, res, false);
}

int api_admin_remove_role(struct http_request *req, struct http_response *res)
{
	return change_role(req, res, true);
}

int api_admin_set_password(struct http_request *req, struct http_response *res)
{
	json_t *body = req->json;
	const char *password = copy_string(req->arena, body, "password");
	struct err e;
	const char *id = http_path_param(req, "id");
	int rc = user_set_password(req->app->db, req->who, id, password ? password : "", &e);
	return answer_user(req, res, rc, &e, 200, id);
}

int api_admin_set_email(struct http_request *req, struct http_response *res)
{
	json_t *body = req->json;
	const char *email = copy_string(req->arena, body, "email");
	struct err e;
	const char *id = http_path_param(req, "id");
	int rc = user_set_email(req->app->db, req->who, id, email, &e);
	return answer_user(req, res, rc, &e, 200, id);
}

int api_admin_set_disabled(struct http_request *req, struct http_response *res)
{
	json_t *body = req->json;
	json_t *value = json_object_get(body, "disabled");
	bool present = value != NULL, disabled = json_is_true(value);
	struct err e = {0};
	const char *id = http_path_param(req, "id");
	int rc = present ? user_set_disabled(req->app->db, req->who, id, disabled, &e)
			 : err_field(&e, "disabled", "Send {\"disabled\": true} or false.");
	return answer_user(req, res, rc, &e, 200, id);
}

/* An entry; a change to a public record carries its before and after as
 * the object it is (`changes`, left out when there is none). */
static json_t *audit_json(const struct audit_row *r)
{
	json_t *entry = json_pack("{s:s,s:s?,s:s?,s:s?,s:s,s:s?,s:s?,s:s?,s:s,s:s,s:s}", "at", r->at,
			 "actor_user_id", r->actor_user_id, "actor_username", r->actor_username,
			 "actor_token_id", r->actor_token_id, "action", r->action,
			 "record_type", r->record_type, "record_id", r->record_id, "area_id",
			 r->area_id, "client_address", r->client_address, "request_id",
			 r->request_id, "outcome", r->outcome);
	json_t *changes = r->changes ? json_loads(r->changes, 0, NULL) : NULL;
	if (changes)
		json_object_set_new(entry, "changes", changes);
	return entry;
}

/* One page of the trail: ?before= is the cursor `next` gave, ?limit= the
 * page's size. */
static int list_audit(struct http_request *req, struct http_response *res,
		      struct audit_filter *f)
{
	f->since = http_query_filter(req, "since");
	f->until = http_query_filter(req, "until");
	f->action = http_query_filter(req, "action");
	f->before = http_query_filter(req, "before");
	const char *limit = http_query_filter(req, "limit");
	f->limit = limit ? strtoul(limit, NULL, 10) : 0;
	struct audit_page page;
	struct err e;
	int rc = audit_page(req->app->db, req->arena, f, &page, &e);
	if (rc != RESULT_OK)
		return http_send_result(req, res, rc, &e, NULL);
	json_t *array = json_array();
	for (size_t i = 0; i < page.count; i++)
		json_array_append_new(array, audit_json(&page.rows[i]));
	return http_send_json(req, res, 200,
			      json_pack("{s:o,s:s?}", "entries", array, "next", page.older));
}

int api_admin_audit(struct http_request *req, struct http_response *res)
{
	struct audit_filter f = {.account_events = 1};
	return list_audit(req, res, &f);
}

int api_team_audit(struct http_request *req, struct http_response *res)
{
	struct audit_filter f = {.team_leader_id = req->who->user->id};
	return list_audit(req, res, &f);
}
