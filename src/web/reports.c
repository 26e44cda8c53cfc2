/* The programme's reports as pages: the report for a period and areas,
 * each table with its chart and its CSV, and the quarterly report made
 * for print.  The figures are the domain's (domain/reports/report.h);
 * these pages only choose the period and draw cells by their marks. */
#include "core/arena.h"
#include "core/config.h"
#include "core/date.h"
#include "core/err.h"
#include "core/log.h"
#include "core/sb.h"
#include "domain/areas/area.h"
#include "domain/reports/report.h"
#include "domain/staff/access.h"
#include "domain/staff/user.h"
#include "http/app.h"
#include "http/http.h"
#include "web/form.h"
#include "web/html.h"
#include "web/pages.h"
#include "web/report_csv.h"
#include "web/svg_chart.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define QUARTERS_OFFERED 8
/* A programme manager's year is every coordinator's months: some 3,600
 * rows at 300 coordinators, past an ordinary page's bound. */
#define REPORT_PAGE_MAX_BYTES (16 * 1024 * 1024)
#define CSV_MAX_BYTES (4 * 1024 * 1024)

static const struct form_date from_field = {"from", "From", NULL, false, false};
static const struct form_date to_field = {"to", "To", NULL, false, false};

/* Every value of a repeated query parameter (the areas ticked). */
static const char **query_all(const struct http_request *req, const char *name, size_t *count)
{
	const char **values = arena_alloc(req->arena, (req->query_count + 1) * sizeof *values);
	*count = 0;
	for (size_t i = 0; i < req->query_count; i++)
		if (strcmp(req->query[i].name, name) == 0 && req->query[i].value[0])
			values[(*count)++] = req->query[i].value;
	return values;
}

static void today(char out[11])
{
	date_format(date_uk_today(time(NULL)), out);
}

/* A team leader's own page is the one view with small numbers shown;
 * someone who is a programme manager as well gets the shared view, as
 * their page is for passing on. */
static enum report_view page_view(const struct http_request *req)
{
	return access_has_role(req->who, USER_TEAM_LEADER) &&
			       !access_has_role(req->who, USER_PROGRAMME_MANAGER)
		       ? REPORT_OWN_VIEW
		       : REPORT_SHARED;
}

/* The period the page's form asks for: the dates when either was typed,
 * else the quarter chosen, else last quarter. */
static int page_period(struct http_request *req, struct report_period *p, struct err *e)
{
	const char *from = NULL, *to = NULL;
	err_clear(e);
	int bad = form_date_read(req, &from_field, &from, e);
	bad |= form_date_read(req, &to_field, &to, e);
	if (bad)
		return RESULT_INVALID;
	if (from || to)
		return period_dates(from ? from : "", to ? to : "", p, e);
	const char *quarter = http_query_filter(req, "quarter");
	if (quarter)
		return period_quarter(quarter, p, e);
	char day[11];
	today(day);
	period_previous_quarter(day, p);
	return RESULT_OK;
}

/* The period the links carry: a quarter, or from and to as YYYY-MM-DD
 * (the CSV, print and API take the same). */
static int link_period(struct http_request *req, struct report_period *p, struct err *e)
{
	const char *quarter = http_query_filter(req, "quarter");
	const char *from = http_query_filter(req, "from"), *to = http_query_filter(req, "to");
	err_clear(e);
	if (from || to)
		return period_dates(from ? from : "", to ? to : "", p, e);
	if (quarter)
		return period_quarter(quarter, p, e);
	/* No period asked for: last quarter, as the reports page shows. */
	char day[11];
	today(day);
	period_previous_quarter(day, p);
	return RESULT_OK;
}

static int build(struct http_request *req, const struct report_period *p, enum report_view view,
		 const char *only_section, struct report *r, struct err *e)
{
	struct report_request rq = {.period = *p, .view = view, .only_section = only_section};
	rq.area_ids = query_all(req, "area", &rq.area_count);
	if (!rq.area_count)
		rq.area_ids = NULL;
	return report_build(req->app->db, req->who, req->app->holidays,
			    req->app->config->due_working_days, time(NULL), &rq, req->arena, r, e);
}

/* The query the report's links carry: its period and the areas chosen. */
static const char *link_query(struct http_request *req, const struct report *r)
{
	struct sb q;
	sb_init(&q, req->arena, 8192);
	if (r->period.quarter[0])
		sb_printf(&q, "quarter=%s", r->period.quarter);
	else
		sb_printf(&q, "from=%s&to=%s", r->period.from, r->period.to);
	size_t n;
	const char **areas = query_all(req, "area", &n);
	for (size_t i = 0; i < n; i++)
		sb_printf(&q, "&area=%s", areas[i]);
	return sb_str(&q);
}

static bool numeric(const struct report_cell *c)
{
	return c->kind != CELL_TEXT;
}

/* A cell by its mark; the row's first cell heads the row.  Markup only
 * ever comes from the formats here: html_printf escapes every %s. */
static void cell(struct sb *page, struct arena *a, const struct report_cell *c, bool heading)
{
	if (heading)
		html_printf(page, "<th scope=\"row\" class=\"govuk-table__header%s\">",
			    numeric(c) ? " govuk-table__header--numeric" : "");
	else
		html_printf(page, "<td class=\"govuk-table__cell%s\">",
			    numeric(c) ? " govuk-table__cell--numeric" : "");
	if (c->shown == SHOWN_FEWER_THAN_5)
		html_printf(page, "<span class=\"app-held-back\">fewer than 5</span>");
	else if (c->shown == SHOWN_HIDDEN)
		html_printf(page, "<span class=\"app-held-back\">hidden</span>");
	else if (c->kind == CELL_NONE)
		html_printf(page, "<span aria-hidden=\"true\">–</span>"
				  "<span class=\"govuk-visually-hidden\">none</span>");
	else
		html_printf(page, "%s", report_cell_text(a, c));
	if (heading)
		html_printf(page, "</th>");
	else
		html_printf(page, "</td>");
}

static bool any_hidden(const struct report_table *t)
{
	for (size_t i = 0; i < t->rows * t->column_count; i++)
		if (t->cells[i].shown == SHOWN_HIDDEN)
			return true;
	return false;
}

/* A table, its chart above it, and (on the pages, not in print) its CSV. */
static void table(struct http_request *req, struct sb *page, const struct report_table *t,
		  const char *query, bool with_csv)
{
	const char *table_id = arena_printf(req->arena, "table-%s", t->key);
	html_printf(page, "<div class=\"app-report-table\">\n<h3 class=\"govuk-heading-s\">%s</h3>\n",
		    t->title);
	if (t->chart_caption)
		html_printf(page, "<p class=\"govuk-body-s\">%s</p>\n", t->chart_caption);
	if (t->chart != CHART_NONE)
		svg_chart(page, req->arena, t, arena_printf(req->arena, "chart-%s", t->key));
	html_printf(page, "<div class=\"app-table-scroll\" role=\"region\" aria-label=\"%s\" "
			  "tabindex=\"0\">\n<table class=\"govuk-table\" id=\"%s\">"
			  "<caption class=\"govuk-visually-hidden\">%s</caption>\n"
			  "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">",
		    t->title, table_id, t->title);
	for (size_t c = 0; c < t->column_count; c++) {
		bool figures = t->rows && numeric(report_cell_at(t, 0, c));
		html_printf(page, "<th scope=\"col\" class=\"govuk-table__header%s\">%s</th>",
			    figures ? " govuk-table__header--numeric" : "", t->columns[c]);
	}
	html_printf(page, "</tr></thead>\n<tbody class=\"govuk-table__body\">\n");
	for (size_t r = 0; r < t->rows; r++) {
		bool total = t->total_row && r + 1 == t->rows;
		html_printf(page, "<tr class=\"govuk-table__row%s\">", total ? " app-report-total" : "");
		for (size_t c = 0; c < t->column_count; c++)
			cell(page, req->arena, report_cell_at(t, r, c), c == 0);
		html_printf(page, "</tr>\n");
	}
	if (!t->rows)
		html_printf(page, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\" "
				  "colspan=\"%zu\">Nothing in this period.</td></tr>\n",
			    t->column_count ? t->column_count : 1);
	html_printf(page, "</tbody></table></div>\n");
	if (any_hidden(t))
		html_printf(page, "<p class=\"govuk-body-s\">Hidden: too few people behind the "
				  "figure to show it safely.</p>\n");
	if (with_csv)
		html_printf(page, "<p class=\"govuk-body-s app-no-print\"><a class=\"govuk-link\" "
				  "href=\"/reports/csv/%s?%s\" download>Download CSV<span "
				  "class=\"govuk-visually-hidden\">: %s</span></a></p>\n",
			    t->key, query, t->title);
	html_printf(page, "</div>\n");
}

static void section(struct http_request *req, struct sb *page, const struct report_section *s,
		    const char *query, bool with_csv)
{
	html_printf(page, "<section class=\"app-report-section\" id=\"%s\" aria-labelledby=\"%s-heading\">\n"
			  "<h2 class=\"govuk-heading-l\" id=\"%s-heading\">%s</h2>\n",
		    s->key, s->key, s->key, s->title);
	if (s->summary)
		html_printf(page, "<p class=\"govuk-body-l\">%s</p>\n", s->summary);
	for (size_t i = 0; i < s->table_count; i++)
		table(req, page, &s->tables[i], query, with_csv);
	if (s->note_count) {
		html_printf(page, "<h3 class=\"govuk-heading-s\">How this is counted</h3>\n"
				  "<ul class=\"govuk-list govuk-list--bullet\">\n");
		for (size_t i = 0; i < s->note_count; i++)
			html_printf(page, "<li>%s</li>\n", s->notes[i]);
		html_printf(page, "</ul>\n");
	}
	html_printf(page, "</section>\n");
}

static void areas_text(struct sb *page, const struct report *r)
{
	for (size_t i = 0; i < r->area_count; i++)
		html_printf(page, "%s%s", i == 0 ? "" : i + 1 == r->area_count ? " and " : ", ",
			    r->area_names[i]);
	if (!r->area_count)
		html_printf(page, "No areas");
}

/* What the reader must know about small numbers, at the top. */
static void small_numbers(struct sb *page, const struct report *r)
{
	if (r->suppressed)
		html_printf(page, "<div class=\"govuk-inset-text app-suppression\">Small numbers are "
				  "held back: counts from 1 to 4 show as “fewer than 5”, a median, "
				  "mean or percentage resting on fewer than 5 people is hidden, and so "
				  "is a second figure where a total would give a hidden one away. 0 is "
				  "shown as 0.</div>\n");
	else
		html_printf(page, "<div class=\"govuk-warning-text\"><span class=\"govuk-warning-text__icon\" "
				  "aria-hidden=\"true\">!</span><strong class=\"govuk-warning-text__text\">"
				  "<span class=\"govuk-visually-hidden\">Warning</span> Nothing on this "
				  "page is held back: small numbers are shown, for you to plan with. Do "
				  "not share them. The CSV downloads, the printed quarterly report and "
				  "the API do hold them back: counts from 1 to 4 show as “fewer than 5” "
				  "and figures resting on fewer than 5 people are hidden. Printing this "
				  "page prints only a note to use the quarterly report.</strong></div>\n");
}

/* A quarter as a person reads it, short enough for a phone's select:
 * "October to December 2026"; the URL keeps the short form
 * "2026-27-Q3". */
static const char *quarter_words(struct arena *a, const struct report_period *q)
{
	static const char *const months[] = {"January", "February", "March",     "April",
					     "May",     "June",     "July",      "August",
					     "September", "October", "November", "December"};
	int year = 0, from_month = 0, to_month = 0, to_year = 0;
	if (sscanf(q->from, "%d-%d", &year, &from_month) != 2 ||
	    sscanf(q->to, "%d-%d", &to_year, &to_month) != 2 || from_month < 1 ||
	    from_month > 12 || to_month < 1 || to_month > 12)
		return q->label;
	return arena_printf(a, "%s to %s %d", months[from_month - 1], months[to_month - 1],
			    to_year);
}

static void quarter_option(struct sb *page, struct arena *a, const struct report_period *q,
			   bool selected, const char *after)
{
	html_printf(page, "<option value=\"%s\"%s>%s%s</option>\n", q->quarter,
		    selected ? " selected" : "", quarter_words(a, q), after);
}

/* The quarter chooser: this quarter so far, then the ones before it.
 * The quarter the page shows is the one selected, even one older than
 * the list (it is added), so pressing the button never switches to
 * another; with no quarter chosen, last quarter is. */
static void quarter_select(struct http_request *req, struct sb *page, const struct report *r,
			   const struct err *refused)
{
	const char *error = form_errors_for(refused, "quarter");
	html_printf(page, "<div class=\"govuk-form-group%s\"><label class=\"govuk-label "
			  "govuk-label--s\" for=\"quarter\">Quarter</label>\n"
			  "<div id=\"quarter-hint\" class=\"govuk-hint\">Financial years run April to "
			  "March</div>\n",
		    error ? " govuk-form-group--error" : "");
	if (error)
		html_printf(page, "<p id=\"quarter-error\" class=\"govuk-error-message\"><span "
				  "class=\"govuk-visually-hidden\">Error:</span> %s</p>\n",
			    error);
	html_printf(page, "<select class=\"govuk-select%s\" id=\"quarter\" name=\"quarter\" "
			  "aria-describedby=\"quarter-hint%s\">\n",
		    error ? " govuk-select--error" : "", error ? " quarter-error" : "");
	char day[11];
	today(day);
	struct report_period q, last;
	period_quarter_of(day, &q);
	period_previous_quarter(day, &last);
	const char *chosen = r ? r->period.quarter : http_query(req, "quarter");
	struct report_period asked;
	struct err ignored; /* an unreadable quarter is refused at the field already */
	err_clear(&ignored);
	bool listed = false;
	if (!chosen || !chosen[0] || period_quarter(chosen, &asked, &ignored) != RESULT_OK)
		chosen = last.quarter;
	else
		chosen = asked.quarter; /* "2026-27 Q3" read as "2026-27-Q3" */
	for (int i = 0; i < QUARTERS_OFFERED; i++) {
		bool on = strcmp(chosen, q.quarter) == 0;
		listed = listed || on;
		quarter_option(page, req->arena, &q, on, i == 0 ? ", so far" : "");
		period_previous_quarter(q.from, &q);
	}
	if (!listed)
		quarter_option(page, req->arena, &asked, true, "");
	html_printf(page, "</select></div>\n");
}

/* The areas the report reaches, as the domain decides them
 * (report.h): a programme manager every area, a team leader their
 * team's; the first box carries id "area", where the error summary
 * links. */
static void area_boxes(struct http_request *req, struct sb *page, const struct err *refused)
{
	struct area *areas;
	size_t count;
	struct err e;
	if (area_list(req->app->db, req->arena, &areas, &count, &e) != RESULT_OK) {
		/* The form still works without boxes: none ticked is every area. */
		log_error("request %s: areas for the report form: %s", req->request_id, e.msg);
		return;
	}
	size_t ticked_count;
	const char **ticked = query_all(req, "area", &ticked_count);
	bool every = access_has_role(req->who, USER_PROGRAMME_MANAGER);
	const struct user *u = req->who->user;
	const char *error = form_errors_for(refused, "area");
	html_printf(page, "<div class=\"govuk-form-group%s\"><fieldset class=\"govuk-fieldset\" "
			  "aria-describedby=\"area-hint%s\"><legend class=\"govuk-fieldset__legend "
			  "govuk-fieldset__legend--s\">Areas</legend>\n"
			  "<div id=\"area-hint\" class=\"govuk-hint\">Tick none for every area "
			  "you report on</div>\n",
		    error ? " govuk-form-group--error" : "", error ? " area-error" : "");
	if (error)
		html_printf(page, "<p id=\"area-error\" class=\"govuk-error-message\"><span "
				  "class=\"govuk-visually-hidden\">Error:</span> %s</p>\n",
			    error);
	html_printf(page, "<div class=\"govuk-checkboxes govuk-checkboxes--small\" "
			  "data-module=\"govuk-checkboxes\">\n");
	bool first = true;
	for (size_t i = 0; i < count; i++) {
		bool reached = every;
		for (size_t j = 0; !reached && u && j < u->team_area_count; j++)
			reached = strcmp(u->team_areas[j], areas[i].id) == 0;
		if (!reached)
			continue;
		bool on = false;
		for (size_t j = 0; j < ticked_count; j++)
			on = on || strcmp(ticked[j], areas[i].id) == 0;
		const char *box_id = first ? "area" : arena_printf(req->arena, "area-%s", areas[i].id);
		first = false;
		html_printf(page, "<div class=\"govuk-checkboxes__item\"><input "
				  "class=\"govuk-checkboxes__input\" id=\"%s\" name=\"area\" "
				  "type=\"checkbox\" value=\"%s\"%s><label class=\"govuk-label "
				  "govuk-checkboxes__label\" for=\"%s\">%s</label></div>\n",
			    box_id, areas[i].id, on ? " checked" : "", box_id, areas[i].name);
	}
	html_printf(page, "</div></fieldset></div>\n");
}

static void choose_form(struct http_request *req, struct sb *page, const struct report *r,
			const struct err *refused)
{
	html_printf(page, "<form method=\"get\" action=\"/reports\" novalidate "
			  "class=\"app-no-print\">\n");
	quarter_select(req, page, r, refused);
	html_printf(page, "<details class=\"govuk-details\"%s><summary class=\"govuk-details__summary\">"
			  "<span class=\"govuk-details__summary-text\">Or choose dates</span></summary>"
			  "<div class=\"govuk-details__text\">\n",
		    r && !r->period.quarter[0] ? " open" : refused ? " open" : "");
	form_date_input(page, req, &from_field, r && !r->period.quarter[0] ? r->period.from : NULL,
			form_errors_for(refused, "from"));
	form_date_input(page, req, &to_field, r && !r->period.quarter[0] ? r->period.to : NULL,
			form_errors_for(refused, "to"));
	html_printf(page, "<p class=\"govuk-body-s\">Dates, when given, are used instead of the "
			  "quarter.</p></div></details>\n");
	area_boxes(req, page, refused);
	html_printf(page, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">"
			  "Show the report</button>\n</form>\n");
}

static void report_head(struct http_request *req, struct sb *page, const struct report *r)
{
	html_printf(page, "<dl class=\"govuk-summary-list app-report-head\">\n"
			  "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">"
			  "Period</dt><dd class=\"govuk-summary-list__value\">%s</dd></div>\n"
			  "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">"
			  "Areas</dt><dd class=\"govuk-summary-list__value\">",
		    r->period.label);
	areas_text(page, r);
	html_printf(page, "</dd></div>\n<div class=\"govuk-summary-list__row\"><dt "
			  "class=\"govuk-summary-list__key\">Made</dt><dd "
			  "class=\"govuk-summary-list__value\">%s</dd></div>\n</dl>\n",
		    date_uk_when(req->arena, r->made_at)); /* the UK clock, not UTC */
	small_numbers(page, r);
}

/* The reports page; refused is the period's problem, drawn at its field. */
static int reports_page(struct http_request *req, struct http_response *res, int status,
			const struct err *refused)
{
	struct report r;
	struct err e;
	bool have = false;
	if (!refused) {
		struct report_period p;
		int rc = page_period(req, &p, &e);
		if (rc == RESULT_OK)
			rc = build(req, &p, page_view(req), NULL, &r, &e);
		if (rc == RESULT_INVALID)
			return reports_page(req, res, HTTP_STATUS_INVALID, &e);
		if (rc != RESULT_OK)
			return http_send_result(req, res, rc, &e, NULL);
		have = true;
	}
	struct sb page;
	sb_init(&page, req->arena, REPORT_PAGE_MAX_BYTES);
	page_begin(req, &page, refused ? "Error: Reports" : "Reports");
	if (refused)
		form_errors_summary(&page, refused, NULL, 0, "quarter");
	html_printf(&page, "<h1 class=\"govuk-heading-xl\">Reports</h1>\n"
			  "<p class=\"govuk-body-l\">Whether Local Area Coordination keeps its "
			  "promises, and what changed for people.</p>\n");
	choose_form(req, &page, have ? &r : NULL, refused);
	if (have) {
		const char *query = link_query(req, &r);
		/* The own view's small numbers never go on paper: in print it
		 * is only a note pointing to the quarterly report, which holds
		 * them back.  The shared view prints as that report does. */
		if (!r.suppressed)
			html_printf(&page, "<p class=\"govuk-body app-print-only\">This page shows "
					   "small numbers and is not for printing. Print the quarterly "
					   "report from the reports page instead: it holds small "
					   "numbers back.</p>\n<div class=\"app-own-figures\">\n");
		else
			html_printf(&page, "<div class=\"app-print-report\">\n");
		report_head(req, &page, &r);
		html_printf(&page, "<p class=\"govuk-body app-no-print\"><a class=\"govuk-link\" "
				   "href=\"/reports/quarterly?%s\">%s</a></p>\n"
				   "<nav class=\"app-no-print\" aria-label=\"Sections\"><ul "
				   "class=\"govuk-list\">\n",
			    query, r.period.quarter[0] ? "Print the quarterly report"
						       : "Print this report");
		for (size_t i = 0; i < r.section_count; i++)
			html_printf(&page, "<li><a class=\"govuk-link\" href=\"#%s\">%s</a></li>\n",
				    r.sections[i].key, r.sections[i].title);
		html_printf(&page, "</ul></nav>\n");
		for (size_t i = 0; i < r.section_count; i++)
			section(req, &page, &r.sections[i], query, true);
		html_printf(&page, "</div>\n");
	}
	page_end(req, &page);
	return http_send_html(req, res, status, &page);
}

int web_reports(struct http_request *req, struct http_response *res)
{
	return reports_page(req, res, 200, NULL);
}

int web_reports_quarterly(struct http_request *req, struct http_response *res)
{
	struct report_period p;
	struct report r;
	struct err e;
	int rc = link_period(req, &p, &e);
	if (rc == RESULT_OK)
		rc = build(req, &p, REPORT_SHARED, NULL, &r, &e);
	if (rc != RESULT_OK)
		return http_send_result(req, res, rc, &e, NULL);
	const char *query = link_query(req, &r);
	const char *title = arena_printf(req->arena, "Local Area Coordination report: %s",
					 r.period.label);
	struct sb page;
	sb_init(&page, req->arena, REPORT_PAGE_MAX_BYTES);
	page_begin(req, &page, title);
	html_printf(&page, "<a href=\"/reports?%s\" class=\"govuk-back-link app-no-print\">Reports"
			   "</a>\n<div class=\"app-print-report\">\n"
			   "<h1 class=\"govuk-heading-xl\">%s</h1>\n",
		    query, title);
	report_head(req, &page, &r);
	html_printf(&page, "<p class=\"govuk-body app-no-print\">Print this page, or save it as "
			   "PDF, from your browser's print menu: it is laid out for A4.</p>\n");
	for (size_t i = 0; i < r.section_count; i++)
		section(req, &page, &r.sections[i], query, false);
	html_printf(&page, "</div>\n");
	page_end(req, &page);
	return http_send_html(req, res, 200, &page);
}

int web_reports_csv(struct http_request *req, struct http_response *res)
{
	struct report_period p;
	struct report r;
	struct err e;
	const char *key = http_path_param(req, "table");
	const char *section = report_section_of_table(key);
	if (!section)
		return http_send_error(req, res, 404, "table_not_found",
				       "There is no report table of that name.");
	int rc = link_period(req, &p, &e);
	if (rc == RESULT_OK)
		rc = build(req, &p, REPORT_SHARED, section, &r, &e);
	if (rc != RESULT_OK)
		return http_send_result(req, res, rc, &e, NULL);
	for (size_t s = 0; s < r.section_count; s++)
		for (size_t i = 0; i < r.sections[s].table_count; i++) {
			const struct report_table *t = &r.sections[s].tables[i];
			if (strcmp(t->key, key) != 0)
				continue;
			struct sb csv;
			sb_init(&csv, req->arena, CSV_MAX_BYTES);
			report_table_csv(&csv, req->arena, t);
			if (sb_failed(&csv))
				return err_set(&req->err, "report CSV larger than %d bytes",
					       CSV_MAX_BYTES);
			http_add_header(res, "Content-Disposition",
					arena_printf(req->arena, "attachment; filename=\"%s-%s.csv\"",
						     t->key, r.period.quarter[0] ? r.period.quarter
									 : r.period.from));
			res->status = 200;
			res->content_type = "text/csv; charset=utf-8";
			res->body = sb_str(&csv);
			res->body_len = csv.len;
			return 0;
		}
	return http_send_error(req, res, 404, "table_not_found",
			       "There is no report table of that name.");
}
