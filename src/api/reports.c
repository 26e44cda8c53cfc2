/* The programme's reports as JSON, for programs and spreadsheets that
 * read them: the same tables as the pages, always with small numbers
 * held back, each held-back cell without its value. */
#include "api/api.h"
#include "api/report_json.h"

#include "core/arena.h"
#include "core/config.h"
#include "core/err.h"
#include "domain/reports/report.h"
#include "http/app.h"
#include "http/http.h"

#include <string.h>
#include <time.h>

static const char *const kinds[] = {
	[CELL_TEXT] = "text",       [CELL_COUNT] = "count", [CELL_DAYS] = "days",
	[CELL_PERCENT] = "percent", [CELL_MEAN] = "mean",   [CELL_PENCE] = "pence",
	[CELL_NONE] = "none",
};

static json_t *cell_json(const struct report_cell *c)
{
	json_t *o = json_pack("{s:s}", "kind", kinds[c->kind]);
	if (c->shown == SHOWN_FEWER_THAN_5)
		json_object_set_new(o, "shown", json_string("fewer_than_5"));
	else if (c->shown == SHOWN_HIDDEN)
		json_object_set_new(o, "shown", json_string("hidden"));
	else if (c->kind == CELL_TEXT)
		json_object_set_new(o, "value", json_string(c->text ? c->text : ""));
	else if (c->kind == CELL_COUNT || c->kind == CELL_PENCE)
		json_object_set_new(o, "value", json_integer((json_int_t)c->value));
	else if (c->kind != CELL_NONE)
		json_object_set_new(o, "value", json_real(c->value));
	return o;
}

static json_t *table_json(const struct report_table *t)
{
	json_t *columns = json_array(), *rows = json_array();
	for (size_t c = 0; c < t->column_count; c++)
		json_array_append_new(columns, json_string(t->columns[c]));
	for (size_t r = 0; r < t->rows; r++) {
		json_t *row = json_array();
		for (size_t c = 0; c < t->column_count; c++)
			json_array_append_new(row, cell_json(report_cell_at(t, r, c)));
		json_array_append_new(rows, row);
	}
	return json_pack("{s:s,s:s,s:o,s:b,s:b,s:o}", "key", t->key, "title", t->title, "columns",
			 columns, "total_row", t->total_row, "total_column", t->total_column,
			 "rows", rows);
}

static json_t *section_json(const struct report_section *s)
{
	json_t *tables = json_array(), *notes = json_array();
	for (size_t i = 0; i < s->table_count; i++)
		json_array_append_new(tables, table_json(&s->tables[i]));
	for (size_t i = 0; i < s->note_count; i++)
		json_array_append_new(notes, json_string(s->notes[i]));
	return json_pack("{s:s,s:s,s:s?,s:o,s:o}", "key", s->key, "title", s->title, "summary",
			 s->summary, "notes", notes, "tables", tables);
}

json_t *api_report_json(const struct report *r)
{
	json_t *area_list = json_array(), *sections = json_array();
	for (size_t i = 0; i < r->area_count; i++)
		json_array_append_new(area_list, json_pack("{s:s,s:s}", "id", r->area_ids[i], "name",
							   r->area_names[i]));
	for (size_t i = 0; i < r->section_count; i++)
		json_array_append_new(sections, section_json(&r->sections[i]));
	json_t *period = json_pack("{s:s,s:s,s:s?,s:s}", "from", r->period.from, "to",
				   r->period.to, "quarter",
				   r->period.quarter[0] ? r->period.quarter : NULL, "label",
				   r->period.label);
	return json_pack("{s:o,s:o,s:s,s:b,s:o}", "period", period, "areas", area_list, "made_at",
			 r->made_at, "suppressed", r->suppressed, "sections", sections);
}

int api_reports(struct http_request *req, struct http_response *res)
{
	const char *quarter = http_query_filter(req, "quarter");
	const char *from = http_query_filter(req, "from"), *to = http_query_filter(req, "to");
	struct report_request rq = {.view = REPORT_SHARED,
				    .only_section = http_query_filter(req, "section")};
	struct err e;
	err_clear(&e);
	int rc;
	if (from || to)
		rc = period_dates(from ? from : "", to ? to : "", &rq.period, &e);
	else if (quarter)
		rc = period_quarter(quarter, &rq.period, &e);
	else
		rc = err_field(&e, "quarter", "Give a quarter like 2026-27-Q3, or from and to");
	const char **areas = arena_alloc(req->arena, (req->query_count + 1) * sizeof *areas);
	for (size_t i = 0; i < req->query_count; i++)
		if (strcmp(req->query[i].name, "area") == 0 && req->query[i].value[0])
			areas[rq.area_count++] = req->query[i].value;
	rq.area_ids = rq.area_count ? areas : NULL;
	struct report r;
	if (rc == RESULT_OK)
		rc = report_build(req->app->db, req->who, req->app->holidays,
				  req->app->config->due_working_days, time(NULL), &rq, req->arena,
				  &r, &e);
	if (rc != RESULT_OK)
		return http_send_result(req, res, rc, &e, NULL);
	return http_send_json(req, res, 200, api_report_json(&r));
}
