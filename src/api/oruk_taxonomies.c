/* The taxonomies and their terms under /oruk/ (api.h). */
#include "api/api.h"

#include <string.h>

#include "api/oruk_page.h"
#include "core/err.h"
#include "domain/community/oruk.h"
#include "domain/community/taxonomy.h"
#include "http/app.h"
#include "http/http.h"

/* The taxonomy a term is of, from the list of them all. */
static const struct taxonomy *taxonomy_of(const struct taxonomy *list, size_t count,
					  const char *id)
{
	for (size_t i = 0; i < count; i++)
		if (strcmp(list[i].id, id) == 0)
			return &list[i];
	return NULL;
}

int api_oruk_taxonomies(struct http_request *req, struct http_response *res)
{
	long page, per_page;
	oruk_page_asked(req, &page, &per_page);
	struct taxonomy *list;
	size_t count;
	if (taxonomy_list(req->app->db, req->arena, &list, &count, &req->err) != RESULT_OK)
		return RESULT_FAILED;
	json_t *contents = json_array();
	for (size_t i = (size_t)((page - 1) * per_page); i < count && i < (size_t)(page * per_page);
	     i++)
		json_array_append_new(contents, oruk_taxonomy(&list[i]));
	return http_send_json(req, res, 200, oruk_page_json((long)count, page, per_page, contents));
}

int api_oruk_taxonomy(struct http_request *req, struct http_response *res)
{
	struct taxonomy t;
	struct err e = {0};
	int rc = taxonomy_get(req->app->db, http_path_param(req, "id"), req->arena, &t, &e);
	if (rc != RESULT_OK)
		return http_send_result(req, res, rc, &e, NULL);
	struct taxonomy_term *terms;
	size_t count;
	if (taxonomy_terms(req->app->db, t.id, req->arena, &terms, &count, &req->err) != RESULT_OK)
		return RESULT_FAILED;
	json_t *o = oruk_taxonomy(&t);
	json_t *list = json_array();
	for (size_t i = 0; i < count; i++)
		json_array_append_new(list, oruk_taxonomy_term(&terms[i], &t));
	json_object_set_new(o, "taxonomy_terms", list);
	return http_send_json(req, res, 200, o);
}

int api_oruk_taxonomy_terms(struct http_request *req, struct http_response *res)
{
	long page, per_page;
	oruk_page_asked(req, &page, &per_page);
	struct taxonomy *taxonomies;
	struct taxonomy_term *terms;
	size_t taxonomy_count, count;
	if (taxonomy_list(req->app->db, req->arena, &taxonomies, &taxonomy_count, &req->err) !=
		    RESULT_OK ||
	    taxonomy_terms(req->app->db, http_query_filter(req, "taxonomy_id"), req->arena, &terms,
			   &count, &req->err) != RESULT_OK)
		return RESULT_FAILED;
	json_t *contents = json_array();
	for (size_t i = (size_t)((page - 1) * per_page); i < count && i < (size_t)(page * per_page);
	     i++)
		json_array_append_new(contents,
				      oruk_taxonomy_term(&terms[i], taxonomy_of(taxonomies,
										taxonomy_count,
										terms[i].taxonomy_id)));
	return http_send_json(req, res, 200, oruk_page_json((long)count, page, per_page, contents));
}

int api_oruk_taxonomy_term(struct http_request *req, struct http_response *res)
{
	struct taxonomy_term term;
	struct taxonomy of;
	struct err e = {0};
	int rc = taxonomy_term_get(req->app->db, http_path_param(req, "id"), req->arena, &term, &e);
	if (rc != RESULT_OK)
		return http_send_result(req, res, rc, &e, NULL);
	if (taxonomy_get(req->app->db, term.taxonomy_id, req->arena, &of, &req->err) != RESULT_OK)
		return RESULT_FAILED;
	return http_send_json(req, res, 200, oruk_taxonomy_term(&term, &of));
}
