/* Moving in from a spreadsheet over JSON, for administrators:
 * POST /api/v1/admin/people/import. */
#include "api/api.h"

#include "core/arena.h"
#include "core/config.h"
#include "domain/areas/lookup.h"
#include "domain/people/import.h"
#include "domain/people/person.h"
#include "http/app.h"
#include "http/http.h"
#include "http/json_input.h"

#include <string.h>

static json_t *counts_json(const struct import_count *list, size_t count)
{
	json_t *o = json_object();
	for (size_t i = 0; i < count; i++)
		json_object_set_new(o, list[i].name, json_integer(list[i].count));
	return o;
}

static json_t *report_json(const struct import_report *r, bool dry_run)
{
	json_t *matches = json_array();
	for (size_t i = 0; i < r->match_count; i++)
		json_array_append_new(matches, json_pack("{s:I,s:s}", "row",
							 (json_int_t)r->matches[i].row, "why",
							 r->matches[i].why));
	json_t *ids = json_array();
	for (long i = 0; r->stored && i < r->people; i++)
		json_array_append_new(ids, json_string(r->person_ids[i]));
	return json_pack("{s:b,s:b,s:I,s:o,s:o,s:I,s:o,s:o}", "dry_run", dry_run, "stored",
			 r->stored, "people", (json_int_t)r->people, "per_coordinator",
			 counts_json(r->coordinators, r->coordinator_count), "per_kind",
			 counts_json(r->kinds, 2), "already_known", (json_int_t)r->known,
			 "likely_matches", matches, "person_ids", ids);
}

/* Every problem, which may be more than a struct err holds, in the shape
 * http_send_result gives field errors, with the row and column apart. */
static int send_problems(struct http_request *req, struct http_response *res,
			 const struct import_report *r)
{
	json_t *fields = json_array();
	for (size_t i = 0; i < r->problem_count; i++) {
		const struct import_problem *p = &r->problems[i];
		const char *field = p->row == 0 ? "csv"
				    : p->column ? arena_printf(req->arena, "csv.row %ld.%s",
							       p->row, p->column)
						: arena_printf(req->arena, "csv.row %ld", p->row);
		json_t *f = json_pack("{s:s,s:s}", "field", field, "message", p->message);
		if (p->row)
			json_object_set_new(f, "row", json_integer(p->row));
		if (p->column)
			json_object_set_new(f, "column", json_string(p->column));
		json_array_append_new(fields, f);
	}
	const char *message = arena_printf(req->arena, "Nothing was imported: %zu problem%s",
					   r->problem_count, r->problem_count == 1 ? "" : "s");
	return http_send_json(req, res, HTTP_STATUS_INVALID,
			      json_pack("{s:{s:s,s:s,s:o}}", "error", "code", "invalid",
					"message", message, "fields", fields));
}

int api_admin_import_people(struct http_request *req, struct http_response *res)
{
	const char *csv = json_string_value(json_object_get(req->json, "csv"));
	bool dry_run = json_is_true(json_object_get(req->json, "dry_run"));
	struct err e;
	if (!csv) {
		err_clear(&e);
		err_field(&e, "csv", "Send the CSV text, header first");
		return http_send_result(req, res, RESULT_INVALID, &e, NULL);
	}
	const struct app *app = req->app;
	struct lookup_context lookup = {app->db, req->map, app->config->near_metres,
					req->postcodes};
	struct person_settings settings = {app->db, &lookup};
	struct import_report report;
	int rc = import_people(&settings, req->who, csv, strlen(csv),
			       dry_run ? IMPORT_DRY_RUN : 0u, req->arena, &report, &e);
	if (rc == RESULT_INVALID)
		return send_problems(req, res, &report);
	if (rc != RESULT_OK)
		return http_send_result(req, res, rc, &e, NULL);
	return http_send_json(req, res, dry_run ? 200 : 201, report_json(&report, dry_run));
}
