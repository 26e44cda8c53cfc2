/* API tokens as JSON, for signed-in administrators only: a token never
 * reaches these, whatever its scopes (their routes name no scope). */
#include "api/api.h"

#include "core/arena.h"
#include "core/id.h"
#include "core/secret.h"
#include "domain/staff/token.h"
#include "http/app.h"
#include "http/http.h"
#include "http/json_input.h"

#include <string.h>

/* A token as the list shows it; never its secret, which is not kept. */
static json_t *token_json(struct arena *a, const struct api_token *t)
{
	json_t *scopes = json_array();
	char *copy = arena_strdup(a, t->scopes);
	for (char *p = copy; *p;) {
		size_t len = strcspn(p, " ");
		json_array_append_new(scopes, json_stringn(p, len));
		p += len + (p[len] == ' ');
	}
	return json_pack("{s:s,s:s,s:o,s:s,s:s?,s:s?,s:s?,s:s?}", "id", t->id, "name", t->name,
			 "scopes", scopes, "created_at", t->created_at, "created_by",
			 t->created_by, "last_used_at", t->last_used_at, "revoked_at",
			 t->revoked_at, "revoked_by", t->revoked_by);
}

int api_admin_tokens(struct http_request *req, struct http_response *res)
{
	struct api_token *tokens;
	size_t count;
	if (token_list(req->app->db, req->arena, &tokens, &count, &req->err) < 0)
		return -1;
	json_t *array = json_array();
	for (size_t i = 0; i < count; i++)
		json_array_append_new(array, token_json(req->arena, &tokens[i]));
	return http_send_json(req, res, 200, json_pack("{s:o}", "tokens", array));
}

/* 201 with the token and, this once, its secret as `token`. */
int api_admin_add_token(struct http_request *req, struct http_response *res)
{
	json_t *body = req->json;
	json_t *list = json_object_get(body, "scopes");
	size_t count = json_array_size(list);
	const char **scopes = arena_alloc(req->arena, (count + 1) * sizeof *scopes);
	for (size_t i = 0; i < count; i++)
		scopes[i] = json_string_value(json_array_get(list, i));
	char secret[SECRET_LEN + 1], id[ID_HEX_LEN + 1];
	struct err e;
	int rc = token_add(req->app->db, req->who, json_input_string(body, "name"), scopes, count,
			   secret, id, &e);
	struct api_token *made = NULL;
	if (rc == RESULT_OK)
		rc = token_get(req->app->db, req->arena, id, &made, &e);
	if (rc != RESULT_OK)
		return http_send_result(req, res, rc, &e, NULL);
	json_t *answer = token_json(req->arena, made);
	json_object_set_new(answer, "token", json_string(secret));
	http_add_header(res, "Cache-Control", "no-store");
	return http_send_json(req, res, 201, answer);
}

/* Revokes: the token is kept, revoked, and answered as it is now. */
int api_admin_revoke_token(struct http_request *req, struct http_response *res)
{
	const char *id = http_path_param(req, "id");
	struct err e;
	int rc = token_revoke_id(req->app->db, req->who, id, &e);
	struct api_token *t = NULL;
	if (rc == RESULT_OK)
		rc = token_get(req->app->db, req->arena, id, &t, &e);
	if (rc != RESULT_OK)
		return http_send_result(req, res, rc, &e, NULL);
	return http_send_json(req, res, 200, token_json(req->arena, t));
}
