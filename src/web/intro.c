/* "Get in touch": the public way to introduce yourself or someone else,
 * with no account, and the page that says what happens next. */
#include "core/arena.h"
#include "core/config.h"
#include "core/date.h"
#include "core/id.h"
#include "core/sb.h"
#include "domain/areas/area.h"
#include "domain/areas/lookup.h"
#include "domain/council/council.h"
#include "domain/introductions/introduction.h"
#include "domain/introductions/notify.h"
#include "domain/introductions/waiting.h"
#include "domain/staff/throttle.h"
#include "http/app.h"
#include "http/auth.h"
#include "http/http.h"
#include "web/form.h"
#include "web/html.h"
#include "web/pages.h"
#include "web/public_form.h"

#include <string.h>

/* The form's field for each field an introduction's refusal names. */
static const char *const form_names[][2] = {
	{"person.name", "person_name"},
	{"person.phone", "person_phone"},
	{"person.email", "person_email"},
	{"person.other_contact", "person_other_contact"},
	{"person.contact_when", "contact_when"},
	{"person.postcode", "postcode"},
	{"person.best_place_to_meet", "best_place_to_meet"},
	{"person.address", "address"},
	{"person.background", "background"},
	{"introduced_by.relationship", "relationship"},
	{"introduced_by.name", "introducer_name"},
	{"introduced_by.organisation", "introducer_organisation"},
	{"introduced_by.phone", "introducer_phone"},
	{"introduced_by.email", "introducer_email"},
};

static const char *const relationship_options[][2] = {
	{"self", "I would like to talk to a coordinator myself"},
	{"family", "I am getting in touch for someone in my family"},
	{"friend_or_neighbour", "I am a friend or neighbour"},
	{"professional", "I work for an organisation (for example a GP practice or charity)"},
	{"community", "I am a member of the community who knows them"},
};
static const char *const knows_options[][2] = {
	{"yes", "Yes, they know and would like to talk"},
	{"not_asked", "I have not asked them yet"},
	{"no", "No"},
};

/* The form, with every problem in e (NULL the first time) named. */
static int form_page(struct http_request *req, struct http_response *res, int status,
		     const struct err *refused)
{
	struct err *e = NULL;
	if (refused) {
		e = arena_alloc(req->arena, sizeof *e);
		err_copy(e, refused);
		form_rename_fields(e, form_names, sizeof form_names / sizeof form_names[0]);
	}
	struct sb page;
	sb_init(&page, req->arena, PAGE_MAX_BYTES);
	page_begin(req, &page, e ? "Error: Get in touch" : "Get in touch");
	html_printf(&page, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n");
	if (e)
		form_errors_summary(&page, e, NULL, 0, "relationship");
	html_printf(&page,
		    "<h1 class=\"govuk-heading-l\">Get in touch</h1>\n"
		    "<p class=\"govuk-body\">Tell us a little about who would like a conversation "
		    "with a Local Area Coordinator. There is no referral form and no waiting list "
		    "to join: a coordinator will get back to you, usually within three working "
		    "days.</p>\n"
		    "<div class=\"govuk-warning-text\"><span class=\"govuk-warning-text__icon\" "
		    "aria-hidden=\"true\">!</span><strong class=\"govuk-warning-text__text\">"
		    "<span class=\"govuk-visually-hidden\">Warning</span> This is not an emergency "
		    "service. If someone is in danger, call 999. For urgent medical help, call NHS "
		    "111.</strong></div>\n"
		    "<form method=\"post\" action=\"/get-in-touch\" novalidate>\n"
		    "<input type=\"hidden\" name=\"csrf_token\" value=\"%s\">\n",
		    http_csrf_token(req, res));
	const char *v;
	form_radios(&page, "relationship", "Who is getting in touch?", NULL, relationship_options, 5,
	       http_form(req, "relationship"), form_errors_for(e, "relationship"));
	html_printf(&page, "<h2 class=\"govuk-heading-m\">The person who would like a conversation</h2>\n");
	static const struct form_field person[] = {
		{"person_name", "Their name", NULL, "text", "off", ""},
		{"person_phone", "Phone number", "A mobile is best: coordinators often text first",
		 "tel", "off", "govuk-input--width-20"},
		{"person_email", "Email address", NULL, "email", "off", ""},
		{"person_other_contact", "Another way to reach them", "For example, Facebook, or "
		 "through a neighbour", "text", "off", ""},
		{"contact_when", "When is best to get in touch?", "For example, weekday mornings",
		 "text", "off", ""},
		{"postcode", "Their postcode", "So we know which coordinator covers where they live",
		 "text", "postal-code", "govuk-input--width-10"},
		{"best_place_to_meet", "Where would they like to meet?", "At home, a café, a "
		 "library, a drop-in: wherever suits them", "text", "off", ""},
	};
	for (size_t i = 0; i < sizeof person / sizeof person[0]; i++) {
		v = http_form(req, person[i].name);
		form_text_field(&page, &person[i], v, form_errors_for(e, person[i].name));
	}
	const char *background = http_form(req, "background");
	const char *background_error = form_errors_for(e, "background");
	html_printf(&page, "<div class=\"govuk-form-group govuk-character-count%s\" "
			   "data-module=\"govuk-character-count\" data-maxlength=\"%d\">\n"
			   "<label class=\"govuk-label\" for=\"background\">A little about them, "
			   "in their own words if you can</label>\n"
			   "<div id=\"background-hint\" class=\"govuk-hint\">What would they like "
			   "to talk about? There is no need for a history.</div>\n",
		    background_error ? " govuk-form-group--error" : "", INTRO_BACKGROUND_MAX);
	if (background_error)
		html_printf(&page, "<p id=\"background-error\" class=\"govuk-error-message\"><span "
				   "class=\"govuk-visually-hidden\">Error:</span> %s</p>\n",
			    background_error);
	html_printf(&page, "<textarea class=\"govuk-textarea govuk-js-character-count%s\" "
			   "id=\"background\" name=\"background\" rows=\"5\" "
			   "aria-describedby=\"background-info background-hint%s\">%s</textarea>\n"
			   "<div id=\"background-info\" class=\"govuk-hint govuk-character-count__message\">"
			   "You can enter up to %d characters</div>\n</div>\n",
		    background_error ? " govuk-textarea--error" : "",
		    background_error ? " background-error" : "", background ? background : "",
		    INTRO_BACKGROUND_MAX);
	html_printf(&page, "<h2 class=\"govuk-heading-m\">If you are getting in touch for someone else</h2>\n");
	static const struct form_field introducer[] = {
		{"introducer_name", "Your name", NULL, "text", "name", ""},
		{"introducer_organisation", "Your organisation, if any", NULL, "text",
		 "organization", ""},
		{"introducer_phone", "Your phone number", NULL, "tel", "tel", "govuk-input--width-20"},
		{"introducer_email", "Your email address", NULL, "email", "email", ""},
	};
	for (size_t i = 0; i < sizeof introducer / sizeof introducer[0]; i++) {
		v = http_form(req, introducer[i].name);
		form_text_field(&page, &introducer[i], v, form_errors_for(e, introducer[i].name));
	}
	form_radios(&page, "person_knows", "Do they know you are getting in touch?",
	       "Coordinators only contact someone who knows and would like to talk. If they "
	       "do not know yet, the coordinator will talk with you first.",
	       knows_options, 3, http_form(req, "person_knows"),
	       form_errors_for(e, "person_knows"));
	html_printf(&page,
		    "<div class=\"govuk-form-group\"><div class=\"govuk-checkboxes govuk-checkboxes--small\" "
		    "data-module=\"govuk-checkboxes\"><div class=\"govuk-checkboxes__item\">"
		    "<input class=\"govuk-checkboxes__input\" id=\"urgent\" name=\"urgent\" "
		    "type=\"checkbox\" value=\"yes\"%s><label class=\"govuk-label govuk-checkboxes__label\" "
		    "for=\"urgent\">This is urgent</label></div></div></div>\n",
		    http_form(req, "urgent") ? " checked" : "");
	public_form_honeypot(&page);
	html_printf(&page, "<button type=\"submit\" class=\"govuk-button\" "
			   "data-module=\"govuk-button\">Send</button>\n</form>\n</div></div>\n");
	page_end(req, &page);
	return http_send_html(req, res, status, &page);
}

int web_get_in_touch(struct http_request *req, struct http_response *res)
{
	return form_page(req, res, 200, NULL);
}

int web_get_in_touch_send(struct http_request *req, struct http_response *res)
{
	/* A robot fills the field people never see.  Its send is answered as
	 * a person's would be (the same limit, the same problems shown, the
	 * same shape of address to go to next), so it cannot learn that it
	 * was caught; but nothing is kept and nobody is told. */
	bool robot = public_form_robot(req);
	char slot[ID_HEX_LEN + 1];
	struct err busy;
	int over = public_form_take(req, res, slot,
				    "Too many messages have come from this connection just now. "
				    "Please try again in an hour, or phone the coordinator.",
				    &busy);
	if (over)
		return over < 0 ? -1 : form_page(req, res, 429, &busy);
	const char *relationship = http_form_text(req, "relationship");
	bool self = relationship && strcmp(relationship, "self") == 0;
	struct intro_input in = {
		.person_name = http_form_text(req, "person_name"),
		.person_phone = http_form_text(req, "person_phone"),
		.person_email = http_form_text(req, "person_email"),
		.person_other_contact = http_form_text(req, "person_other_contact"),
		.contact_when = http_form_text(req, "contact_when"),
		.postcode = http_form_text(req, "postcode"),
		.best_place_to_meet = http_form_text(req, "best_place_to_meet"),
		.background = http_form_text(req, "background"),
		.introduced_by = relationship,
		.introducer_name = self ? NULL : http_form_text(req, "introducer_name"),
		.introducer_organisation = self ? NULL : http_form_text(req, "introducer_organisation"),
		.introducer_phone = self ? NULL : http_form_text(req, "introducer_phone"),
		.introducer_email = self ? NULL : http_form_text(req, "introducer_email"),
		.person_knows = self ? "yes" : http_form_text(req, "person_knows"),
		.channel = "web",
		.urgent = http_form_text(req, "urgent") != NULL,
	};
	struct lookup_context lookup = {req->app->db, req->map, req->app->config->near_metres,
					req->postcodes};
	struct intro_settings settings = {req->app->db, &lookup, req->app->holidays,
					  req->app->config->due_working_days};
	/* The public form is always a member of the public, even for staff. */
	struct caller public = caller_public(req->client_address, req->request_id);
	struct introduction *x = NULL;
	struct err e;
	int rc = robot ? intro_check(&settings, &public, &in, req->arena, &e)
		       : intro_create(&settings, &public, &in, req->arena, &x, &e);
	if (rc < 0) {
		/* Only sends that look kept count. */
		if (*slot && throttle_public_give_back(req->app->db, slot, &req->err) < 0)
			return -1;
		return http_send_result(req, res, rc, &e, form_page);
	}
	/* A robot's address names nothing, and shows what happens next in
	 * general, as for any id it does not know. */
	char robot_id[ID_HEX_LEN + 1];
	if (robot)
		id_new(robot_id);
	else
		notify_new_introduction(req->app->db, req->app->mail, req->app->config->public_url,
					x, req->request_id);
	return http_redirect(res, arena_printf(req->arena, "/get-in-touch/sent/%s",
					       robot ? robot_id : x->id));
}

/* The answer for an introduction found: who answers it (the council's
 * outside-cover rule, as /find says it: lookup_answerer_of_placement),
 * the due date and the likely wait. */
static int what_happens_next(struct http_request *req, struct sb *page,
			     const struct intro_receipt *x, const struct area *area)
{
	struct council council;
	if (council_read(req->app->db, req->arena, &council, &req->err) < 0)
		return -1;
	enum lookup_answerer answerer =
		lookup_answerer_of_placement(x->placement, council.outside_cover);
	struct date due;
	date_parse(x->due_on, &due);
	const char *by = page_long_date(req->arena, due);
	if (answerer == LOOKUP_CENTRAL_TEAM) {
		html_printf(page, "<p class=\"govuk-body\">The postcode is outside the areas "
				  "coordinators cover at the moment, so %s will get back to you by "
				  "<strong>%s</strong>, and will talk with you about what is "
				  "possible, and what else is nearby.</p>\n",
			    *council.team_name ? council.team_name
					       : "the Local Area Coordination team", by);
		page_council_contacts(req, page, &council, LOOKUP_OFFER_TEAM);
	} else {
		const char *who = area && area->coordinator ? area->coordinator->name
							    : "A Local Area Coordinator";
		html_printf(page, "<p class=\"govuk-body\">%s, the coordinator for %s, will get "
				  "back to you by <strong>%s</strong>.</p>\n",
			    who, area ? area->name : "the area", by);
		if (strcmp(x->placement, "covered") != 0)
			html_printf(page, "<p class=\"govuk-body\">The postcode is outside the "
					  "areas coordinators cover at the moment, so they will talk "
					  "with you about what is possible, and what else is "
					  "nearby.</p>\n");
	}
	if (!x->person_knows)
		html_printf(page, "<p class=\"govuk-body\">As the person does not know yet, "
				  "%s will talk with you first, and will not contact them until they "
				  "know and would like to talk.</p>\n",
			    answerer == LOOKUP_CENTRAL_TEAM ? "the team" : "the coordinator");
	struct waiting w;
	if (answerer != LOOKUP_CENTRAL_TEAM) {
		if (waiting_estimate(req->app->db, req->app->holidays, time(NULL), x->area_id,
				     req->arena, &w, &req->err) < 0)
			return -1;
		html_printf(page, "<p class=\"govuk-body\">%s</p>\n", w.sentence);
	}
	if (x->urgent) {
		html_printf(page,
			    "<div class=\"govuk-inset-text\"><p class=\"govuk-body\">You said this "
			    "is urgent. Local Area Coordination is not a crisis service, and "
			    "nobody may see your message straight away.</p>"
			    "<ul class=\"govuk-list govuk-list--bullet\">"
			    "<li>If someone is in danger, call 999.</li>"
			    "<li>For urgent medical help, call NHS 111.</li>"
			    "<li>To talk to someone now, call Samaritans free on 116 123.</li>");
		if (*council.adult_social_care_phone)
			html_printf(page, "<li>For urgent help with care, call adult social care on "
					  "<a class=\"govuk-link\" href=\"tel:%s\">%s</a>.</li>",
				    page_tel_target(req->arena, council.adult_social_care_phone),
				    council.adult_social_care_phone);
		else
			html_printf(page, "<li>For urgent help with care, call the council's adult "
					  "social care team.</li>");
		html_printf(page, "</ul></div>\n");
	} else if (strcmp(x->placement, "not_covered") == 0) {
		page_council_contacts(req, page, &council, LOOKUP_OFFER_ADULT_SOCIAL_CARE);
	}
	return 0;
}

/* What happens next, for an introduction just sent: the area, whom to
 * expect, by when, and how soon a first conversation is likely.  It shows
 * nothing the sender typed. */
int web_get_in_touch_sent(struct http_request *req, struct http_response *res)
{
	const char *id = http_path_param(req, "id");
	struct intro_receipt receipt;
	struct err e;
	int rc = id ? intro_receipt(req->app->db, id, req->arena, &receipt, &e) : RESULT_NOT_FOUND;
	if (rc < 0 && rc != RESULT_NOT_FOUND)
		return http_send_result(req, res, rc, &e, NULL);
	bool found = rc == RESULT_OK;
	/* An area since removed still leaves the rest of the answer. */
	struct area area;
	bool area_found = false;
	if (found) {
		rc = area_get(req->app->db, req->arena, receipt.area_id, &area, &e);
		if (rc < 0 && rc != RESULT_NOT_FOUND)
			return http_send_result(req, res, rc, &e, NULL);
		area_found = rc == RESULT_OK;
	}
	struct sb page;
	sb_init(&page, req->arena, PAGE_MAX_BYTES);
	page_begin(req, &page, "Message sent");
	html_printf(&page, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n"
			   "<div class=\"govuk-panel govuk-panel--confirmation\"><h1 class=\"govuk-panel__title\">"
			   "Message sent</h1></div>\n<h2 class=\"govuk-heading-m\">What happens next</h2>\n");
	if (!found)
		html_printf(&page, "<p class=\"govuk-body\">A Local Area Coordinator will get back "
				   "to you, usually within three working days.</p>\n");
	else if (what_happens_next(req, &page, &receipt, area_found ? &area : NULL) < 0)
		return -1;
	html_printf(&page, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/areas\">"
			   "Find drop-ins near you</a></p>\n</div></div>\n");
	page_end(req, &page);
	return http_send_html(req, res, 200, &page);
}
