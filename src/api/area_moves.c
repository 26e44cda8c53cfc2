/* Who may move after a change of an area's wards, over JSON
 * (domain/areas/area_moves.h). */
#include "api/api.h"

#include "core/arena.h"
#include "core/config.h"
#include "domain/areas/area_moves.h"
#include "domain/areas/lookup.h"
#include "http/app.h"
#include "http/http.h"

static struct lookup_context context(const struct http_request *req)
{
	return (struct lookup_context){req->app->db, req->map, req->app->config->near_metres,
				       req->postcodes};
}

int api_area_moves(struct http_request *req, struct http_response *res)
{
	struct lookup_context ctx = context(req);
	struct area_move *moves;
	size_t count;
	struct err e;
	int rc = area_moves_list(&ctx, req->arena, req->who, &moves, &count, &e);
	if (rc != RESULT_OK)
		return http_send_result(req, res, rc, &e, NULL);
	json_t *list = json_array();
	for (size_t i = 0; i < count; i++) {
		const struct area_move *m = &moves[i];
		json_array_append_new(list, json_pack("{s:s,s:s,s:s,s:s,s:{s:s,s:s},s:{s:s,s:s,s:b}}",
						      "kind", m->kind, "id", m->id, "name", m->name,
						      "postcode", m->postcode, "from", "id",
						      m->from_id, "name", m->from_name, "to", "id",
						      m->to_id, "name", m->to_name, "covered",
						      m->to_covered));
	}
	return http_send_json(req, res, 200, json_pack("{s:o}", "moves", list));
}

int api_area_move(struct http_request *req, struct http_response *res)
{
	struct lookup_context ctx = context(req);
	const char *kind = http_path_param(req, "kind");
	const char *id = http_path_param(req, "id");
	const char *to;
	struct err e;
	int rc = area_move(&ctx, req->arena, req->who, kind, id, &to, &e);
	if (rc != RESULT_OK)
		return http_send_result(req, res, rc, &e, NULL);
	return http_send_json(req, res, 200,
			      json_pack("{s:s,s:s,s:s}", "kind", kind, "id", id, "area_id", to));
}
