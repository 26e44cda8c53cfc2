/* A person's involvements from their page: ending one (with the reason,
 * and who ended it: the person's own choice is recorded as their act),
 * changing its kind, and logging their return. */
#include "core/arena.h"
#include "core/sb.h"
#include "domain/people/involvement.h"
#include "http/app.h"
#include "http/http.h"
#include "web/form.h"
#include "web/html.h"
#include "web/pages.h"
#include "web/people.h"

#include <string.h>

/* The involvement named by the path, when it is the person's: otherwise
 * not found, as any address naming nothing. */
static int persons_involvement(struct http_request *req, struct involvement **out,
			       struct err *e)
{
	int rc = involvement_get(req->app->db, req->who, http_path_param(req, "involvement"),
				 req->arena, out, e);
	if (rc < 0)
		return rc;
	const char *person = http_path_param(req, "id");
	for (size_t i = 0; i < (*out)->person_count; i++)
		if (strcmp((*out)->person_ids[i], person) == 0)
			return RESULT_OK;
	return err_not_found(e, "involvement", "No such involvement");
}

static const char *person_name(const struct involvement *v, const char *person_id)
{
	for (size_t i = 0; i < v->person_count; i++)
		if (strcmp(v->person_ids[i], person_id) == 0)
			return v->person_names[i];
	return "";
}

static int end_page(struct http_request *req, struct http_response *res, int status,
		    const struct err *refused)
{
	struct involvement *v;
	struct err e;
	int rc = persons_involvement(req, &v, &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	const char *person = http_path_param(req, "id");
	struct sb page;
	sb_init(&page, req->arena, PAGE_MAX_BYTES);
	page_begin(req, &page, refused ? "Error: End the involvement" : "End the involvement");
	html_printf(&page, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n");
	if (refused)
		form_errors_summary(&page, refused, NULL, 0, "ended_on");
	html_printf(&page, "<span class=\"govuk-caption-l\">%s · %s since %s</span>\n"
			   "<h1 class=\"govuk-heading-l\">End the involvement</h1>\n",
		    person_name(v, person), people_kind_label(v->kind),
		    people_date(req->arena, v->started_on));
	if (v->ended_on) {
		html_printf(&page, "<p class=\"govuk-body\">It ended on %s.</p>\n",
			    people_date(req->arena, v->ended_on));
	} else {
		html_printf(&page, "<p class=\"govuk-body\">Nothing ends by itself: end it when it "
				   "has ended. If they come back later, log their return on their "
				   "page.</p>\n<form method=\"post\" action=\"/staff/people/%s/involvements/%s/end\" "
				   "novalidate>\n",
			    person, v->id);
		people_csrf(req, &page);
		form_date_input(&page, req, &people_ended_on, people_today(req->arena),
				form_errors_for(refused, "ended_on"));
		form_radios(&page, "end_reason", "Why did it end?", NULL, people_reason_options, 6,
			    http_form(req, "end_reason"), form_errors_for(refused, "end_reason"));
		static const struct form_field words = {"end_words", "In a few words",
							"For another reason", "text", "off", ""};
		form_text_field(&page, &words, http_form(req, "end_words"),
				form_errors_for(refused, "end_words"));
		form_radios(&page, "ended_by", "Who ended it?", NULL, people_ended_by_options, 3,
			    http_form(req, "ended_by"), form_errors_for(refused, "ended_by"));
		html_printf(&page, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">"
				   "End the involvement</button>\n</form>\n");
	}
	html_printf(&page, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/staff/people/%s\">"
			   "Back to %s</a></p>\n</div></div>\n",
		    person, person_name(v, person));
	page_end(req, &page);
	return http_send_html(req, res, status, &page);
}

int web_involvement_end_form(struct http_request *req, struct http_response *res)
{
	return end_page(req, res, 200, NULL);
}

static int back_to_person(struct http_request *req, struct http_response *res)
{
	return http_redirect(res, arena_printf(req->arena, "/staff/people/%s",
					       http_path_param(req, "id")));
}

/* Applies a change to the involvement in the path, once it is known to be
 * the person's. */
static int change(struct http_request *req, const struct involvement_change *c, struct err *e)
{
	struct involvement *v;
	int rc = persons_involvement(req, &v, e);
	if (rc < 0)
		return rc;
	return involvement_update(req->app->db, req->who, v->id, c, e);
}

int web_involvement_end(struct http_request *req, struct http_response *res)
{
	/* A blank day is refused here (people_ended_on is required), and
	 * given to the domain as no date, which it refuses too, rather than
	 * NULL, which it takes as today; every problem is named at once. */
	const char *ended_on;
	struct err dates = {0};
	form_date_read(req, &people_ended_on, &ended_on, &dates);
	struct involvement_change c = {
		.ended_on = ended_on,
		.end_reason = http_form_text(req, "end_reason"),
		.end_words = http_form_text(req, "end_words"),
		.ended_by = http_form_text(req, "ended_by"),
	};
	struct err e;
	int rc = change(req, &c, &e);
	if (rc == RESULT_INVALID)
		form_date_problems(&e, &dates, NULL, 0);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, end_page);
	return back_to_person(req, res);
}

int web_involvement_kind(struct http_request *req, struct http_response *res)
{
	struct involvement_change c = {.kind = http_form_text(req, "kind")};
	struct err e;
	int rc = change(req, &c, &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, people_person_page);
	return back_to_person(req, res);
}

int web_involvement_return(struct http_request *req, struct http_response *res)
{
	struct involvement *v;
	const char *started_on;
	struct err e, dates = {0};
	form_date_read(req, &people_started_on, &started_on, &dates);
	int rc = involvement_open(req->app->db, req->who, http_path_param(req, "id"),
				  http_form_text(req, "kind"), started_on, req->arena, &v, &e);
	if (rc == RESULT_INVALID)
		form_date_problems(&e, &dates, NULL, 0);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, people_person_page);
	return back_to_person(req, res);
}
