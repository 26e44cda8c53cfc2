/* Costs avoided on a person's record (domain/outcomes/costs.h): what did
 * not have to happen, when, how many, and what the person thinks would
 * otherwise have happened, in their words; the form to record one at the
 * top, and every one recorded below, a withdrawn one kept with its
 * reason. */
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

static const struct form_date when_field = {
	"happened_on", "When", "The day it would have happened, today or before. Left empty: "
			       "today. For example, 27 3 2026",
	false, false};

static const char *page_url(struct arena *a, const char *person)
{
	return arena_printf(a, "/staff/people/%s/costs-avoided", person);
}

static void row(struct sb *page, const char *key, const char *value)
{
	if (value)
		html_printf(page, "<div class=\"govuk-summary-list__row\"><dt "
				  "class=\"govuk-summary-list__key\">%s</dt><dd "
				  "class=\"govuk-summary-list__value\">%s</dd></div>\n",
			    key, value);
}

/* "3 nights", "1 night": the kind's unit is plural, and "crises" is the
 * one whose singular is not it without its last letter. */
static const char *how_many(struct arena *a, long quantity, const struct cost_kind *kind)
{
	if (!kind)
		return arena_printf(a, "%ld", quantity);
	const char *unit = kind->quantity_unit;
	if (quantity != 1)
		return arena_printf(a, "%ld %s", quantity, unit);
	if (strcmp(unit, "crises") == 0)
		return "1 crisis";
	return arena_printf(a, "1 %.*s", (int)strlen(unit) - 1, unit);
}

/* The withdrawal's textarea: every event's form sends "why", so the id
 * is the event's own (why-<id>), which people_textarea, naming both
 * alike, cannot draw. */
static void why_textarea(struct sb *page, const char *id, const char *value, const char *error)
{
	const char *ids = form_group_begin(page, id, "Why is it withdrawn?", "It is kept, marked "
									      "withdrawn, and no longer counted",
					   error);
	html_printf(page, "<textarea class=\"govuk-textarea%s\" id=\"%s\" name=\"why\" rows=\"3\"",
		    error ? " govuk-textarea--error" : "", id);
	form_described(page, ids);
	html_printf(page, ">%s</textarea></div>\n", value ? value : "");
}

static void record_form(struct http_request *req, struct sb *page, const char *person,
			const char *name, const struct err *e)
{
	html_printf(page, "<h2 class=\"govuk-heading-m\">Record a cost avoided</h2>\n"
			  "<form method=\"post\" action=\"%s\" novalidate>\n",
		    page_url(req->arena, person));
	people_csrf(req, page);
	const char *options[COST_KIND_COUNT][2];
	for (size_t k = 0; k < COST_KIND_COUNT; k++) {
		options[k][0] = cost_kinds[k].key;
		options[k][1] = cost_kinds[k].label;
	}
	form_radios(page, "kind", "What did not have to happen?", NULL,
		    (const char *const(*)[2])options, COST_KIND_COUNT,
		    e ? http_form(req, "kind") : NULL, form_errors_for(e, "kind"));
	form_date_input(page, req, &when_field, NULL, form_errors_for(e, "happened_on"));
	static const struct form_field quantity = {
		"quantity", "How many",
		"Appointments, attendances, nights or weeks, as the kind counts them. Left "
		"empty: 1",
		"text", "off", "govuk-input--width-3"};
	form_text_field(page, &quantity, e ? http_form(req, "quantity") : NULL,
			form_errors_for(e, "quantity"));
	people_textarea(page, "person_view",
			arena_printf(req->arena, "What does %s think would otherwise have happened?",
				     name),
			"In their words, as they said it, up to 2,000 characters",
			e ? http_form(req, "person_view") : NULL, form_errors_for(e, "person_view"));
	people_textarea(page, "note", "Your note (optional)", "Up to 2,000 characters",
			e ? http_form(req, "note") : NULL, form_errors_for(e, "note"));
	html_printf(page, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">"
			  "Record it</button>\n</form>\n");
}

static void event_item(struct http_request *req, struct sb *page, const char *person, const struct cost_event *x, const struct err *e)
{
	struct arena *a = req->arena;
	const struct cost_kind *kind = cost_kind_find(x->kind);
	struct date d;
	html_printf(page, "<li id=\"cost-%s\"><h3 class=\"govuk-heading-s "
			  "govuk-!-margin-bottom-1\">%s</h3>\n",
		    x->id, kind ? kind->label : x->kind);
	if (x->withdrawn_at)
		html_printf(page, "<p class=\"govuk-body-s\"><strong class=\"govuk-tag "
				  "govuk-tag--grey\">Withdrawn</strong> by %s, %s: %s</p>\n",
			    x->withdrawn_by_name ? x->withdrawn_by_name : "the command line",
			    date_uk_day(a, x->withdrawn_at), x->withdrawn_why);
	html_printf(page, "<dl class=\"govuk-summary-list govuk-!-margin-bottom-3\">\n");
	row(page, "When", date_parse(x->happened_on, &d) ? page_long_date(a, d) : x->happened_on);
	row(page, "How many", how_many(a, x->quantity, kind));
	row(page, "What they think would otherwise have happened", x->person_view);
	row(page, "Note", x->note);
	row(page, "Recorded by", arena_printf(a, "%s, %s",
					      x->created_by_name ? x->created_by_name
								 : "the command line",
					      date_uk_day(a, x->created_at)));
	html_printf(page, "</dl>\n");
	if (!x->withdrawn_at) {
		const char *id = arena_printf(a, "why-%s", x->id);
		html_printf(page, "<details class=\"govuk-details\"%s><summary "
				  "class=\"govuk-details__summary\"><span "
				  "class=\"govuk-details__summary-text\">Withdraw this</span></summary>"
				  "<div class=\"govuk-details__text\"><form method=\"post\" "
				  "action=\"%s/%s/withdraw\" novalidate>\n",
			    e ? " open" : "", page_url(a, person), x->id);
		people_csrf(req, page);
		why_textarea(page, id, e ? http_form(req, "why") : NULL, form_errors_for(e, "why"));
		html_printf(page, "<button type=\"submit\" class=\"govuk-button "
				  "govuk-button--warning\" data-module=\"govuk-button\">Withdraw"
				  "</button></form></div></details>\n");
	}
	html_printf(page, "</li>\n");
}

/* The page; refused holds the problems of a form just refused: the
 * record form's, or (when the request names an event) its withdrawal's. */
static int costs_page(struct http_request *req, struct http_response *res, int status,
		      const struct err *refused)
{
	const char *person = http_path_param(req, "id");
	const char *withdrawing = http_path_param(req, "event");
	const char *name;
	struct cost_event *list;
	size_t count;
	struct err e;
	int rc = cost_event_history(req->app->db, req->who, person, req->arena, &name, &list,
				    &count, &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	struct sb page;
	sb_init(&page, req->arena, PAGE_MAX_BYTES);
	page_begin(req, &page, arena_printf(req->arena, "%sCosts avoided: %s",
					    refused ? "Error: " : "", name));
	html_printf(&page, "<a class=\"govuk-back-link\" href=\"/staff/people/%s\">Back to %s</a>\n",
		    person, name);
	if (refused) {
		struct form_anchor anchor = {
			"why", withdrawing ? arena_printf(req->arena, "why-%s", withdrawing) : "why"};
		form_errors_summary(&page, refused, &anchor, 1, withdrawing ? anchor.id : "kind");
	}
	html_printf(&page, "<h1 class=\"govuk-heading-l\">Costs avoided: %s</h1>\n"
			   "<p class=\"govuk-body\">Something that did not have to happen while "
			   "walking alongside %s: a GP appointment, an A&amp;E visit, a crisis. Record "
			   "what they think would otherwise have happened, as they say it.</p>\n",
		    name, name);
	record_form(req, &page, person, name, withdrawing ? NULL : refused);
	if (count == 0)
		html_printf(&page, "<p class=\"govuk-body\">None recorded yet.</p>\n");
	else
		html_printf(&page, "<h2 class=\"govuk-heading-m\">Recorded so far</h2>\n"
				   "<ul class=\"govuk-list\">\n");
	for (size_t i = 0; i < count; i++) {
		bool this_one = withdrawing && strcmp(withdrawing, list[i].id) == 0;
		event_item(req, &page, person, &list[i], this_one ? refused : NULL);
	}
	if (count)
		html_printf(&page, "</ul>\n");
	page_end(req, &page);
	return http_send_html(req, res, status, &page);
}

int web_costs_avoided(struct http_request *req, struct http_response *res)
{
	return costs_page(req, res, 200, NULL);
}

int web_record_cost_avoided(struct http_request *req, struct http_response *res)
{
	const char *happened_on;
	struct err dates = {0};
	form_date_read(req, &when_field, &happened_on, &dates);
	struct cost_event_input in = {
		.kind = http_form_text(req, "kind"),
		.happened_on = happened_on,
		.quantity = http_form_text(req, "quantity"),
		.person_view = http_form_text(req, "person_view"),
		.note = http_form_text(req, "note"),
	};
	const char *person = http_path_param(req, "id");
	struct cost_event *x;
	struct err e;
	int rc = cost_event_record(req->app->db, req->who, person, &in, req->arena, &x, &e);
	if (rc == RESULT_INVALID)
		form_date_problems(&e, &dates, NULL, 0);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, costs_page);
	return http_redirect(res, arena_printf(req->arena, "%s#cost-%s",
					       page_url(req->arena, person), x->id));
}

int web_withdraw_cost_avoided(struct http_request *req, struct http_response *res)
{
	const char *person = http_path_param(req, "id");
	const char *id = http_path_param(req, "event");
	struct err e;
	int rc = cost_event_withdraw(req->app->db, req->who, person, id,
				     http_form_text(req, "why"), &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, costs_page);
	return http_redirect(res, arena_printf(req->arena, "%s#cost-%s",
					       page_url(req->arena, person), id));
}
