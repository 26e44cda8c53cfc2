/* Suggesting a group, place or service for the community directory, or a
 * correction to a listing, from a public form with no account.  Robots
 * and floods are kept out as on "Get in touch" (web/intro.c): a field
 * people never see, and a few kept sends an hour from one address. */
#include "core/arena.h"
#include "core/config.h"
#include "core/id.h"
#include "core/sb.h"
#include "domain/community/listing.h"
#include "domain/community/suggestion.h"
#include "domain/staff/throttle.h"
#include "http/app.h"
#include "http/auth.h"
#include "http/http.h"
#include "web/form.h"
#include "web/html.h"
#include "web/pages.h"
#include "web/public_form.h"

#include <string.h>

/* A textarea with its label, hint and problem. */
static void textarea(struct sb *page, const char *name, const char *label, const char *hint,
		     int rows, const char *value, const char *error)
{
	html_printf(page,
		    "<div class=\"govuk-form-group%s\">\n<label class=\"govuk-label "
		    "govuk-label--s\" for=\"%s\">%s</label>\n",
		    error ? " govuk-form-group--error" : "", name, label);
	if (hint)
		html_printf(page, "<div id=\"%s-hint\" class=\"govuk-hint\">%s</div>\n", name, hint);
	if (error)
		html_printf(page, "<p id=\"%s-error\" class=\"govuk-error-message\"><span "
				  "class=\"govuk-visually-hidden\">Error:</span> %s</p>\n",
			    name, error);
	html_printf(page,
		    "<textarea class=\"govuk-textarea%s\" id=\"%s\" name=\"%s\" rows=\"%d\"",
		    error ? " govuk-textarea--error" : "", name, name, rows);
	if (hint && error)
		html_printf(page, " aria-describedby=\"%s-hint %s-error\"", name, name);
	else if (hint || error)
		html_printf(page, " aria-describedby=\"%s-%s\"", name, hint ? "hint" : "error");
	html_printf(page, ">%s</textarea>\n</div>\n", value ? value : "");
}

/* The listing a correction is about (*found false for a new one):
 * RESULT_OK, or the listing's refusal. */
static int corrected(struct http_request *req, struct listing *l, bool *found, struct err *e)
{
	const char *service = http_query_filter(req, "service");
	if (!service)
		service = http_form_text(req, "service");
	*found = false;
	if (!service)
		return RESULT_OK;
	int rc = listing_get(req->app->db, req->who, LISTING_PUBLIC, 0, service, req->arena, l, e);
	*found = rc == RESULT_OK;
	return rc;
}

static int form_page(struct http_request *req, struct http_response *res, int status,
		     const struct err *e)
{
	struct listing l;
	struct err lookup;
	bool correction;
	int rc = corrected(req, &l, &correction, &lookup);
	/* A send naming a listing not held is drawn again with the problem. */
	if (rc < 0 && !(e && rc == RESULT_NOT_FOUND))
		return http_send_result(req, res, rc, &lookup, NULL);
	const char *title = correction ? arena_printf(req->arena, "Suggest a correction to %s",
						      l.name)
				       : "Suggest a group, place or service";
	struct sb page;
	sb_init(&page, req->arena, PAGE_MAX_BYTES);
	page_begin(req, &page, e ? arena_printf(req->arena, "Error: %s", title) : title);
	html_printf(&page, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n"
			   "<a href=\"%s\" class=\"govuk-back-link\">Back</a>\n",
		    correction ? arena_printf(req->arena, "/community/%s", l.id) : "/community");
	static const struct form_anchor anchors[] = {{"service", "details"}};
	if (e)
		form_errors_summary(&page, e, anchors, 1, "details");
	html_printf(&page, "<h1 class=\"govuk-heading-l\">%s</h1>\n", title);
	html_printf(&page,
		    "<p class=\"govuk-body\">Tell us what you know and the team will check it "
		    "before anything changes in the directory. You do not need to know "
		    "everything.</p>\n"
		    "<form method=\"post\" action=\"/community/suggest\" novalidate>\n"
		    "<input type=\"hidden\" name=\"csrf_token\" value=\"%s\">\n",
		    http_csrf_token(req, res));
	if (correction) {
		html_printf(&page, "<input type=\"hidden\" name=\"service\" value=\"%s\">\n", l.id);
	} else {
		static const struct form_field name = {"name", "What is it called?", NULL, "text",
						       "off", ""};
		form_text_field(&page, &name, http_form(req, "name"), form_errors_for(e, "name"));
	}
	textarea(&page, "details",
		 correction ? "What is wrong, and what is right?" : "What happens there?",
		 correction ? NULL : "Who it is for, what it costs, how to join", 5,
		 http_form(req, "details"), form_errors_for(e, "details"));
	textarea(&page, "where_text", "Where?", "The place and its address or postcode", 2,
		 http_form(req, "where_text"), form_errors_for(e, "where_text"));
	textarea(&page, "when_text", "When?", "For example, Thursdays 10am to 12 noon", 2,
		 http_form(req, "when_text"), form_errors_for(e, "when_text"));
	html_printf(&page, "<h2 class=\"govuk-heading-m\">About you (optional)</h2>\n"
			   "<p class=\"govuk-body\">So the team can ask you about it. We do not "
			   "publish your details unless you say so below.</p>\n");
	static const struct form_field you[] = {
		{"from_name", "Your name", NULL, "text", "name", ""},
		{"from_email", "Your email address", NULL, "email", "email", ""},
	};
	for (size_t i = 0; i < 2; i++)
		form_text_field(&page, &you[i], http_form(req, you[i].name),
				form_errors_for(e, you[i].name));
	const char *agree_error = form_errors_for(e, "organiser_agrees");
	html_printf(&page,
		    "<div class=\"govuk-form-group%s\">\n",
		    agree_error ? " govuk-form-group--error" : "");
	if (agree_error)
		html_printf(&page, "<p id=\"organiser_agrees-error\" class=\"govuk-error-message\">"
				   "<span class=\"govuk-visually-hidden\">Error:</span> %s</p>\n",
			    agree_error);
	html_printf(&page,
		    "<div class=\"govuk-checkboxes govuk-checkboxes--small\" "
		    "data-module=\"govuk-checkboxes\"><div class=\"govuk-checkboxes__item\">"
		    "<input class=\"govuk-checkboxes__input\" id=\"organiser_agrees\" "
		    "name=\"organiser_agrees\" type=\"checkbox\" value=\"yes\"%s>"
		    "<label class=\"govuk-label govuk-checkboxes__label\" for=\"organiser_agrees\">"
		    "I run this and agree to my name and email address being published as its "
		    "contact</label></div></div></div>\n",
		    http_form(req, "organiser_agrees") ? " checked" : "");
	page_privacy_note(&page, PAGE_PRIVACY_PUBLIC);
	public_form_honeypot(&page);
	html_printf(&page, "<button type=\"submit\" class=\"govuk-button\" "
			   "data-module=\"govuk-button\">Send</button>\n</form>\n</div></div>\n");
	page_end(req, &page);
	return http_send_html(req, res, status, &page);
}

int web_community_suggest_form(struct http_request *req, struct http_response *res)
{
	return form_page(req, res, 200, NULL);
}

int web_community_suggest(struct http_request *req, struct http_response *res)
{
	/* As on "Get in touch": a robot's send is answered as a person's would
	 * be, so it cannot learn it was caught, and nothing is kept. */
	bool robot = public_form_robot(req);
	char slot[ID_HEX_LEN + 1];
	struct err busy;
	int over = public_form_take(req, res, slot,
				    "You have sent several suggestions in the last hour. Please "
				    "try again later.",
				    &busy);
	if (over)
		return over < 0 ? -1 : form_page(req, res, 429, &busy);
	struct suggestion in = {
		.service_id = http_form_text(req, "service"),
		.name = http_form_text(req, "name"),
		.details = http_form_text(req, "details"),
		.where_text = http_form_text(req, "where_text"),
		.when_text = http_form_text(req, "when_text"),
		.from_name = http_form_text(req, "from_name"),
		.from_email = http_form_text(req, "from_email"),
		.organiser_agrees = http_form_text(req, "organiser_agrees") != NULL,
	};
	/* The public form is always a member of the public, even for staff. */
	struct caller public = caller_public(req->client_address, req->request_id);
	struct err e;
	err_clear(&e);
	int rc = robot ? suggestion_check(&in, &e)
		       : suggestion_send(req->app->db, &public, &in, req->arena, NULL, &e);
	if (rc < 0) {
		if (*slot && throttle_public_give_back(req->app->db, slot, &req->err) < 0)
			return -1;
		return http_send_result(req, res, rc, &e, form_page);
	}
	return http_redirect(res, "/community/suggest/sent");
}

int web_community_suggest_sent(struct http_request *req, struct http_response *res)
{
	struct sb page;
	sb_init(&page, req->arena, PAGE_MAX_BYTES);
	page_begin(req, &page, "Suggestion sent");
	html_printf(&page,
		    "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n"
		    "<div class=\"govuk-panel govuk-panel--confirmation\"><h1 class=\"govuk-panel__title\">"
		    "Suggestion sent</h1><div class=\"govuk-panel__body\">Thank you</div></div>\n"
		    "<h2 class=\"govuk-heading-m\">What happens next</h2>\n"
		    "<p class=\"govuk-body\">Someone from the team will check what you sent, "
		    "and may get in touch if you gave your details. The directory changes once "
		    "they have checked it.</p>\n"
		    "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/community\">Back to "
		    "the community directory</a></p>\n</div></div>\n");
	page_end(req, &page);
	return http_send_html(req, res, 200, &page);
}
