/* A person's personal wellbeing (domain/outcomes/wellbeing.h), filled in
 * with them: the ONS four as four separate measures over time, each
 * answer with ONS's band in words, and the form for a new sitting, each
 * question a row of 0 to 10 that wraps on a phone. */
#include "core/arena.h"
#include "core/date.h"
#include "core/err.h"
#include "core/sb.h"
#include "domain/outcomes/measures.h"
#include "domain/outcomes/wellbeing.h"
#include "domain/people/person.h"
#include "http/app.h"
#include "http/http.h"
#include "web/form.h"
#include "web/html.h"
#include "web/pages.h"
#include "web/people.h"

#include <stdlib.h>
#include <string.h>

static const struct form_date taken_field = {"taken_on", "The day they answered", NULL, false,
					     true};
static const char *const point_options[][2] = {
	{"start", "At the start"}, {"review", "At a review"}, {"end", "At the end"}};
static const char *const answering_options[][2] = {
	{"yes", "Yes"}, {"no", "No, they chose not to answer them"}};

/* One measure over time: a table, one row a sitting. */
static void measure_table(struct http_request *req, struct sb *page,
			  const struct wellbeing_measure *m, size_t k,
			  const struct wellbeing_sitting *list, size_t count)
{
	html_printf(page, "<h3 class=\"govuk-heading-s\">%s</h3>\n<p class=\"govuk-body-s\">%s%s</p>\n",
		    m->title, m->question,
		    m->higher_is_worse ? " For this one a higher answer means feeling worse: "
					 "lower is better."
				       : " A higher answer means feeling better.");
	html_printf(page, "<table class=\"govuk-table app-wellbeing__measure\">\n<thead "
			  "class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
			  "<th scope=\"col\" class=\"govuk-table__header\">Day</th>"
			  "<th scope=\"col\" class=\"govuk-table__header\">When</th>"
			  "<th scope=\"col\" class=\"govuk-table__header\">Answer</th></tr></thead>\n"
			  "<tbody class=\"govuk-table__body\">\n");
	for (size_t i = 0; i < count; i++) {
		const struct wellbeing_sitting *s = &list[i];
		if (s->withdrawn_at)
			continue;
		int x = s->answers[k];
		html_printf(page, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">%s"
				  "</td><td class=\"govuk-table__cell\">%s</td>"
				  "<td class=\"govuk-table__cell\">",
			    date_uk_day(req->arena, s->taken_on),
			    form_option_label(point_options, 3, s->point));
		if (s->declined)
			html_printf(page, "They chose not to answer");
		else if (x == WELLBEING_NOT_ANSWERED)
			html_printf(page, "Not answered");
		else
			html_printf(page, "<strong>%d</strong> out of 10 (%s)", x,
				    wellbeing_band_name(wellbeing_band_of(m, x)));
		html_printf(page, "</td></tr>\n");
	}
	html_printf(page, "</tbody></table>\n");
}

/* Every sitting, withdrawn ones too, each with its withdrawal form. */
static void sittings(struct http_request *req, struct sb *page, const char *person,
		     const struct wellbeing_sitting *list, size_t count, const struct err *refused)
{
	html_printf(page, "<h2 class=\"govuk-heading-m\">Every time they were asked</h2>\n"
			  "<ul class=\"govuk-list govuk-list--spaced\">\n");
	for (size_t i = count; i-- > 0;) {
		const struct wellbeing_sitting *s = &list[i];
		html_printf(page, "<li>%s, %s, recorded by %s.", date_uk_day(req->arena, s->taken_on),
			    form_option_label(point_options, 3, s->point),
			    s->created_by_name ? s->created_by_name : "staff");
		if (s->withdrawn_at) {
			html_printf(page, " <strong class=\"govuk-tag govuk-tag--grey\">Withdrawn</strong>"
					  " by %s: “%s”</li>\n",
				    s->withdrawn_by_name ? s->withdrawn_by_name : "staff",
				    s->withdrawn_why);
			continue;
		}
		const char *sent = http_path_param(req, "sitting");
		bool failed = refused && sent && strcmp(sent, s->id) == 0;
		html_printf(page, "<details class=\"govuk-details govuk-!-margin-top-2\"%s>"
				  "<summary class=\"govuk-details__summary\"><span "
				  "class=\"govuk-details__summary-text\">Withdraw these answers"
				  "</span></summary><div class=\"govuk-details__text\">\n"
				  "<form method=\"post\" action=\"/staff/people/%s/wellbeing/%s/withdraw\" "
				  "novalidate>\n",
			    failed ? " open" : "", person, s->id);
		people_csrf(req, page);
		/* One form a sitting, each textarea named "why" with an id
		 * of its own; the one sent and refused shows its problem. */
		const char *error = failed ? form_errors_for(refused, "why") : NULL;
		const char *tid = failed ? "why" : arena_printf(req->arena, "why-%s", s->id);
		html_printf(page, "<div class=\"govuk-form-group%s\"><label class=\"govuk-label\" "
				  "for=\"%s\">Why are they withdrawn?</label>\n",
			    error ? " govuk-form-group--error" : "", tid);
		people_error(page, tid, error);
		html_printf(page, "<textarea class=\"govuk-textarea\" id=\"%s\" name=\"why\" "
				  "rows=\"2\"%s%s%s>%s</textarea></div>\n",
			    tid, error ? " aria-describedby=\"" : "", error ? tid : "",
			    error ? "-error\"" : "", failed && http_form(req, "why") ? http_form(req, "why") : "");
		html_printf(page, "<button type=\"submit\" class=\"govuk-button govuk-button--warning\" "
				  "data-module=\"govuk-button\">Withdraw</button>\n</form></div>"
				  "</details></li>\n");
	}
	html_printf(page, "</ul>\n");
}

/* A question: a select of 0 to 10, "not answered" first.  Eleven radios
 * a question stack on a phone into a page four times its height; the
 * select keeps each question one row, with the phone's own picker. */
static const char *const scale_options[][2] = {
	{"0", "0 (not at all)"}, {"1", "1"}, {"2", "2"}, {"3", "3"}, {"4", "4"}, {"5", "5"},
	{"6", "6"}, {"7", "7"}, {"8", "8"}, {"9", "9"}, {"10", "10 (completely)"}};

static void question(struct http_request *req, struct sb *page, const struct wellbeing_measure *m,
		     const struct err *refused)
{
	form_row_select(page, m->key, m->key, m->question, scale_options, 11,
			http_form(req, m->key), "Not answered", form_errors_for(refused, m->key));
}

static void record_form(struct http_request *req, struct sb *page, const char *person,
			const struct err *refused)
{
	bool failed = refused && !http_path_param(req, "sitting");
	const struct err *e = failed ? refused : NULL;
	html_printf(page, "<h2 class=\"govuk-heading-m\" id=\"record\">Ask the four questions</h2>\n"
			  "<p class=\"govuk-body\">Only if they want to. Each is kept on its own; "
			  "there is no total.</p>\n<form method=\"post\" "
			  "action=\"/staff/people/%s/wellbeing\" novalidate>\n",
		    person);
	people_csrf(req, page);
	form_radios(page, "point", "When are they being asked?", NULL, point_options, 3,
		    http_form(req, "point"), form_errors_for(e, "point"));
	form_date_input(page, req, &taken_field, people_today(req->arena),
			form_errors_for(e, "taken_on"));
	form_radios(page, "answering", "Do they want to answer the questions?",
		    "If they chose not to, that is recorded as their choice.", answering_options, 2,
		    http_form(req, "answering") ? http_form(req, "answering") : "yes",
		    form_errors_for(e, "declined"));
	for (size_t i = 0; i < 4; i++)
		question(req, page, &wellbeing_measures[i], e);
	html_printf(page, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">"
			  "Save their answers</button>\n</form>\n");
}

static int wellbeing_page(struct http_request *req, struct http_response *res, int status,
			  const struct err *refused)
{
	const char *person = http_path_param(req, "id");
	struct person *p;
	struct wellbeing_sitting *list;
	size_t count;
	struct err e;
	int rc = person_get(req->app->db, req->who, person, req->arena, &p, &e);
	if (rc == RESULT_OK)
		rc = wellbeing_list(req->app->db, req->who, person, req->arena, &list, &count, &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	const char *called = p->preferred_name ? p->preferred_name : p->name;
	struct sb page;
	sb_init(&page, req->arena, PAGE_MAX_BYTES);
	page_begin(req, &page, refused ? "Error: Wellbeing" : "Wellbeing");
	html_printf(&page, "<a class=\"govuk-back-link\" href=\"/staff/people/%s\">Back to %s</a>\n"
			   "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n",
		    person, called);
	if (refused) {
		/* "involvement" (none to hold the sitting) has no field of
		 * its own: it is told at the first question of the form. */
		static const struct form_anchor anchors[] = {{"declined", "answering"},
							     {"involvement", "point"}};
		form_errors_summary(&page, refused, anchors, 2,
				    http_path_param(req, "sitting") ? "why" : "point");
	}
	html_printf(&page, "<span class=\"govuk-caption-l\">%s</span>\n"
			   "<h1 class=\"govuk-heading-l\">Wellbeing</h1>\n"
			   "<p class=\"govuk-body\">The four personal wellbeing questions of the "
			   "Office for National Statistics, answered from 0 to 10. The words in "
			   "brackets are the bands ONS reports.</p>\n",
		    called);
	size_t kept = 0;
	for (size_t i = 0; i < count; i++)
		kept += !list[i].withdrawn_at;
	if (kept == 0)
		html_printf(&page, "<p class=\"govuk-body\">They have not been asked yet.</p>\n");
	else {
		html_printf(&page, "<h2 class=\"govuk-heading-m\">Their answers over time</h2>\n");
		for (size_t k = 0; k < 4; k++)
			measure_table(req, &page, &wellbeing_measures[k], k, list, count);
	}
	record_form(req, &page, person, refused);
	if (count)
		sittings(req, &page, person, list, count, refused);
	html_printf(&page, "</div></div>\n");
	page_end(req, &page);
	return http_send_html(req, res, status, &page);
}

int web_wellbeing(struct http_request *req, struct http_response *res)
{
	return wellbeing_page(req, res, 200, NULL);
}

/* An answer as the radios sent it: "" or absent is not answered. */
static int answer_sent(struct http_request *req, const char *key)
{
	const char *v = http_form_text(req, key);
	return v ? (int)strtol(v, NULL, 10) : WELLBEING_NOT_ANSWERED;
}

int web_wellbeing_record(struct http_request *req, struct http_response *res)
{
	const char *taken_on;
	struct err dates = {0};
	form_date_read(req, &taken_field, &taken_on, &dates);
	const char *answering = http_form_text(req, "answering");
	struct wellbeing_input in = {
		.point = http_form_text(req, "point"),
		.taken_on = taken_on,
		.declined = answering && strcmp(answering, "no") == 0,
	};
	for (size_t i = 0; i < 4; i++)
		in.answers[i] = answer_sent(req, wellbeing_measures[i].key);
	const char *id;
	struct err e;
	int rc = wellbeing_record(req->app->db, req->who, http_path_param(req, "id"), &in,
				  req->arena, &id, &e);
	if (rc == RESULT_INVALID)
		form_date_problems(&e, &dates, NULL, 0);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, wellbeing_page);
	return http_redirect(res, arena_printf(req->arena, "/staff/people/%s/wellbeing",
					       http_path_param(req, "id")));
}

int web_wellbeing_withdraw(struct http_request *req, struct http_response *res)
{
	struct err e;
	int rc = wellbeing_withdraw(req->app->db, req->who, http_path_param(req, "id"),
				    http_path_param(req, "sitting"), http_form_text(req, "why"),
				    req->arena, &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, wellbeing_page);
	return http_redirect(res, arena_printf(req->arena, "/staff/people/%s/wellbeing",
					       http_path_param(req, "id")));
}
