/* The council's unit costs (domain/outcomes/costs.h), for an
 * administrator or a programme manager: the figure in force today for
 * each kind, the form to add a new one (a figure is never changed: a new
 * one is a new row, in force from its date), and every figure entered. */
#include "core/arena.h"
#include "core/date.h"
#include "core/err.h"
#include "core/sb.h"
#include "domain/outcomes/costs.h"
#include "domain/outcomes/measures.h"
#include "http/app.h"
#include "http/auth.h"
#include "http/http.h"
#include "web/form.h"
#include "web/html.h"
#include "web/pages.h"
#include "web/people.h"

#include <string.h>

/* Asked, never assumed to be today: a kind's first figure values no
 * event before its day, so a council entering its first GP figure in
 * December dates it from when the figure held, April say. */
static const struct form_date from_field = {
	"from_on", "In force from", "Events on or after this day are valued at it; events before "
				    "it are not. For example, 1 4 2025",
	false, true};

static const char *day_words(struct arena *a, const char *day)
{
	struct date d;
	return date_parse(day, &d) ? page_long_date(a, d) : day;
}

/* The kind's figure in force today, from the list (newest first). */
static const struct unit_cost *current_of(const struct unit_cost *list, size_t count,
					  const char *kind)
{
	for (size_t i = 0; i < count; i++)
		if (list[i].current && strcmp(list[i].kind, kind) == 0)
			return &list[i];
	return NULL;
}

static const char *kind_label(const char *key)
{
	const struct cost_kind *kind = cost_kind_find(key);
	return kind ? kind->label : key;
}

/* The figure in force today for each kind, and how many events standing
 * no figure values (unvalued, in cost_kinds' order). */
static void current_table(struct sb *page, struct arena *a, const struct unit_cost *list,
			  size_t count, const long *unvalued)
{
	html_printf(page, "<h2 class=\"govuk-heading-m\">In force today</h2>\n"
			  "<p class=\"govuk-body\">Not valued: events recorded on a day before "
			  "the kind's first figure, which no figure values. Add a figure in force "
			  "from an earlier day to value them.</p>\n"
			  /* Four columns do not fit a phone: the table scrolls in
			   * a region of its own a keyboard can reach. */
			  "<div class=\"app-table-scroll\" role=\"region\" tabindex=\"0\" "
			  "aria-label=\"In force today\"><table class=\"govuk-table\">\n<thead "
			  "class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
			  "<th scope=\"col\" class=\"govuk-table__header\">Kind</th>"
			  "<th scope=\"col\" class=\"govuk-table__header\">Cost</th>"
			  "<th scope=\"col\" class=\"govuk-table__header\">Source</th>"
			  "<th scope=\"col\" class=\"govuk-table__header "
			  "govuk-table__header--numeric\">Not valued</th></tr></thead>\n"
			  "<tbody class=\"govuk-table__body\">\n");
	for (size_t k = 0; k < COST_KIND_COUNT; k++) {
		const struct unit_cost *c = current_of(list, count, cost_kinds[k].key);
		html_printf(page, "<tr class=\"govuk-table__row\"><th scope=\"row\" "
				  "class=\"govuk-table__header\">%s</th>",
			    cost_kinds[k].label);
		if (c)
			html_printf(page, "<td class=\"govuk-table__cell\">%s %s</td>"
					  "<td class=\"govuk-table__cell\">%s, %s<br><span "
					  "class=\"govuk-body-s\">from %s</span></td>",
				    costs_format_pence(a, c->pence), c->unit, c->source,
				    c->source_year, day_words(a, c->from_on));
		else
			html_printf(page, "<td class=\"govuk-table__cell\" colspan=\"2\">No figure "
					  "yet: events of this kind are counted but not "
					  "valued</td>");
		html_printf(page, "<td class=\"govuk-table__cell govuk-table__cell--numeric\">%ld"
				  "</td></tr>\n",
			    unvalued[k]);
	}
	html_printf(page, "</tbody></table></div>\n");
}

static void history_table(struct sb *page, struct arena *a, const struct unit_cost *list,
			  size_t count)
{
	if (count == 0)
		return;
	html_printf(page, "<h2 class=\"govuk-heading-m\">Every figure entered</h2>\n"
			  "<p class=\"govuk-body\">Kept as entered. Each event is valued at the "
			  "figure in force on the day it happened.</p>\n"
			  /* Five columns do not fit a phone: the table scrolls in
			   * a region of its own a keyboard can reach. */
			  "<div class=\"app-table-scroll\" role=\"region\" tabindex=\"0\" "
			  "aria-label=\"Every figure entered\"><table class=\"govuk-table\">"
			  "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
			  "<th scope=\"col\" class=\"govuk-table__header\">Kind</th>"
			  "<th scope=\"col\" class=\"govuk-table__header\">Cost</th>"
			  "<th scope=\"col\" class=\"govuk-table__header\">From</th>"
			  "<th scope=\"col\" class=\"govuk-table__header\">Source</th>"
			  "<th scope=\"col\" class=\"govuk-table__header\">Added</th></tr></thead>\n"
			  "<tbody class=\"govuk-table__body\">\n");
	for (size_t i = 0; i < count; i++) {
		const struct unit_cost *c = &list[i];
		html_printf(page, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">%s",
			    kind_label(c->kind));
		if (c->current)
			html_printf(page, " <strong class=\"govuk-tag govuk-tag--green\">In force"
					  "</strong>");
		html_printf(page, "</td><td class=\"govuk-table__cell\">%s %s</td>"
				  "<td class=\"govuk-table__cell\">%s</td>"
				  "<td class=\"govuk-table__cell\">%s, %s</td>"
				  "<td class=\"govuk-table__cell\">%s<br><span class=\"govuk-body-s\">"
				  "by %s</span></td></tr>\n",
			    costs_format_pence(a, c->pence), c->unit, day_words(a, c->from_on),
			    c->source, c->source_year, date_uk_day(a, c->created_at),
			    c->created_by_name ? c->created_by_name : "the command line");
	}
	html_printf(page, "</tbody></table></div>\n");
}

static void add_form(struct http_request *req, struct sb *page, const struct err *e)
{
	html_printf(page, "<h2 class=\"govuk-heading-m\">Add a figure</h2>\n"
			  "<p class=\"govuk-body\">A figure is never changed: to change one, add the "
			  "new figure for the kind, in force from its date.</p>\n"
			  "<form method=\"post\" action=\"/admin/unit-costs\" novalidate>\n");
	people_csrf(req, page);
	const char *options[COST_KIND_COUNT][2];
	for (size_t k = 0; k < COST_KIND_COUNT; k++) {
		options[k][0] = cost_kinds[k].key;
		options[k][1] = cost_kinds[k].label;
	}
	form_row_select(page, "kind", "kind", "Kind", (const char *const(*)[2])options,
			COST_KIND_COUNT, e ? http_form(req, "kind") : NULL, "Choose a kind",
			form_errors_for(e, "kind"));
	const char *error = form_errors_for(e, "pounds");
	const char *ids = form_group_begin(page, "pounds", "Cost", "In pounds and pence, for "
								   "example 123.45", error);
	html_printf(page, "<div class=\"govuk-input__wrapper\"><div class=\"govuk-input__prefix\" "
			  "aria-hidden=\"true\">\xc2\xa3</div><input class=\"govuk-input "
			  "govuk-input--width-10%s\" id=\"pounds\" name=\"pounds\" type=\"text\" "
			  "inputmode=\"decimal\" spellcheck=\"false\" autocomplete=\"off\" "
			  "value=\"%s\"",
		    error ? " govuk-input--error" : "", e && http_form(req, "pounds") ? http_form(req, "pounds") : "");
	form_described(page, ids);
	html_printf(page, "></div></div>\n");
	static const struct form_field fields[] = {
		{"unit", "What the cost is for", "For example per attendance, per night, per week",
		 "text", "off", "govuk-input--width-20"},
		{"source", "Source", "Where the figure comes from, for example PSSRU Unit Costs of "
				     "Health and Social Care 2024",
		 "text", "off", ""},
		{"source_year", "Source year", "The year the figure is for, for example 2024/25",
		 "text", "off", "govuk-input--width-10"},
	};
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
		form_text_field(page, &fields[i], e ? http_form(req, fields[i].name) : NULL,
				form_errors_for(e, fields[i].name));
	form_date_input(page, req, &from_field, NULL, form_errors_for(e, "from_on"));
	html_printf(page, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">"
			  "Add the figure</button>\n</form>\n");
}

/* The page; refused holds the problems of a form just refused. */
static int unit_costs_page(struct http_request *req, struct http_response *res, int status,
			   const struct err *refused)
{
	struct unit_cost *list;
	size_t count;
	struct err e;
	long unvalued[COST_KIND_COUNT];
	int rc = unit_cost_list(req->app->db, req->who, req->arena, &list, &count, &e);
	if (rc == RESULT_OK)
		rc = unit_cost_unvalued(req->app->db, req->who, req->arena, unvalued, &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	struct sb page;
	sb_init(&page, req->arena, PAGE_MAX_BYTES);
	page_begin(req, &page, refused ? "Error: Unit costs" : "Unit costs");
	if (refused)
		form_errors_summary(&page, refused, NULL, 0, "kind");
	else if (http_query(req, "added"))
		form_success_banner(&page, "added", "The figure is added.");
	html_printf(&page, "<h1 class=\"govuk-heading-l\">Unit costs</h1>\n"
			   "<p class=\"govuk-body\">The council's figures for what each kind of cost "
			   "avoided would have cost. The reports multiply them by the events "
			   "coordinators record and call the sum gross costs avoided. Take them from "
			   "a published source, such as the PSSRU Unit Costs of Health and Social "
			   "Care or the NHS National Cost Collection, and name it.</p>\n");
	current_table(&page, req->arena, list, count, unvalued);
	add_form(req, &page, refused);
	history_table(&page, req->arena, list, count);
	page_end(req, &page);
	return http_send_html(req, res, status, &page);
}

int web_admin_unit_costs(struct http_request *req, struct http_response *res)
{
	return unit_costs_page(req, res, 200, NULL);
}

int web_admin_add_unit_cost(struct http_request *req, struct http_response *res)
{
	const char *from_on;
	struct err dates = {0};
	form_date_read(req, &from_field, &from_on, &dates);
	struct unit_cost_input in = {
		.kind = http_form_text(req, "kind"),
		.pounds = http_form_text(req, "pounds"),
		.unit = http_form_text(req, "unit"),
		.source = http_form_text(req, "source"),
		.source_year = http_form_text(req, "source_year"),
		.from_on = from_on,
	};
	struct unit_cost *x;
	struct err e;
	int rc = unit_cost_add(req->app->db, req->who, &in, req->arena, &x, &e);
	if (rc == RESULT_INVALID)
		form_date_problems(&e, &dates, NULL, 0);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, unit_costs_page);
	return http_redirect(res, "/admin/unit-costs?added=1");
}
