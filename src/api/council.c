/* The council's settings as JSON, for administrators
 * (domain/council/council.h). */
#include "api/api.h"

#include "core/arena.h"
#include "domain/council/council.h"
#include "http/app.h"
#include "http/http.h"

#include <jansson.h>

/* Every key with its value, "" for one unset. */
static int send_settings(struct http_request *req, struct http_response *res)
{
	struct council now;
	if (council_read(req->app->db, req->arena, &now, &req->err) < 0)
		return -1;
	json_t *o = json_object();
	for (size_t i = 0; i < council_key_count; i++)
		json_object_set_new(o, council_keys[i],
				    json_string(council_value(&now, council_keys[i])));
	return http_send_json(req, res, 200, o);
}

int api_admin_council(struct http_request *req, struct http_response *res)
{
	return send_settings(req, res);
}

int api_admin_set_council(struct http_request *req, struct http_response *res)
{
	struct council_change *changes =
		arena_alloc(req->arena, council_key_count * sizeof *changes);
	size_t count = 0;
	/* The keys the body gives change, "" clearing one (so not
	 * json_input_string, for which "" is absent); the router has refused
	 * any other key, and any value that is not a string. */
	for (size_t i = 0; i < council_key_count; i++) {
		const char *value = json_string_value(json_object_get(req->json, council_keys[i]));
		if (value)
			changes[count++] = (struct council_change){council_keys[i], value};
	}
	struct err e;
	int rc = council_set(req->app->db, req->who, changes, count, &e);
	if (rc != RESULT_OK)
		return http_send_result(req, res, rc, &e, NULL);
	return send_settings(req, res);
}
