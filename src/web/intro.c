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

#include <stdio.h>
#include <string.h>

/* "Get in touch" comes in two short steps, without JavaScript:
 *
 *  1. who the conversation is for, and the postcode (a GET form, so the
 *     back button and the link from /find, ?postcode=..., just work);
 *  2. only the fields that apply to that answer, the first step's answers
 *     carried in hidden fields, with a link to change them.
 *
 * Each step checks every field before it answers, so every problem is in
 * one error summary; a send with a problem writes nothing. */

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

/* The form's fields in the order its pages draw them, so the error
 * summary lists problems as the page shows them. */
static const char *const page_order[] = {
	"relationship", "postcode", "person_name", "person_phone", "person_email",
	"person_other_contact", "contact_when", "best_place_to_meet", "background",
	"person_knows", "introducer_name", "introducer_organisation", "introducer_phone",
	"introducer_email",
};

static size_t place_on_page(const char *name)
{
	size_t count = sizeof page_order / sizeof page_order[0];
	for (size_t i = 0; name && i < count; i++)
		if (strcmp(name, page_order[i]) == 0)
			return i;
	return count;
}

/* Who the conversation is for: {value, label, hint}, in the domain's
 * order (intro_relationships). */
static const char *const relationship_choices[][3] = {
	{"self", "For myself", "I would like to talk with a coordinator"},
	{"family_or_friend", "For someone in my family, a friend or a neighbour",
	 "Someone you know personally"},
	{"professional", "For someone I work with as a professional",
	 "For example from a GP practice, housing, social care or a school"},
	{"community_group", "For someone in our community group, faith group or charity", NULL},
};
static const char *const knows_options[][3] = {
	{"yes", "Yes, they know and would like to talk", NULL},
	{"not_asked", "I have not asked them yet", NULL},
	{"no", "No", NULL},
};

/* An answer of the form, whichever way it came: sent (step 2, or a send
 * drawn again) or in the address (step 1, and the link from /find). */
static const char *answer(const struct http_request *req, const char *name)
{
	const char *v = http_form_text(req, name);
	return v ? v : http_query_filter(req, name);
}

static const char *relationship_label(const char *value)
{
	for (size_t i = 0; i < sizeof relationship_choices / sizeof relationship_choices[0]; i++)
		if (value && strcmp(value, relationship_choices[i][0]) == 0)
			return relationship_choices[i][1];
	return value;
}

/* s as a value in a URL's query: all but letters, digits and -._~
 * percent-encoded. */
static const char *query_value(struct arena *a, const char *s)
{
	struct sb out;
	sb_init(&out, a, 3 * strlen(s) + 1);
	for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
		if ((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
		    (*c >= '0' && *c <= '9') || strchr("-._~", *c))
			sb_putc(&out, (char)*c);
		else
			sb_printf(&out, "%%%02X", *c);
	}
	return sb_str(&out);
}

/* The refusal as the form names its fields, the choice of who it is for
 * in the page's words rather than the API's values; for someone writing
 * about themselves, "the person" is "you". */
static struct err *form_errors(struct http_request *req, const struct err *refused, bool self)
{
	if (!refused)
		return NULL;
	struct err *e = arena_alloc(req->arena, sizeof *e);
	err_copy(e, refused);
	form_rename_fields(e, form_names, sizeof form_names / sizeof form_names[0]);
	/* In the page's order (a stable insertion sort: a handful of fields). */
	for (size_t i = 1; i < e->field_count; i++)
		for (size_t j = i; j > 0 && place_on_page(e->fields[j - 1].path) >
						place_on_page(e->fields[j].path); j--) {
			struct err_field swap = e->fields[j];
			e->fields[j] = e->fields[j - 1];
			e->fields[j - 1] = swap;
		}
	static const char *const to_you[][2] = {
		{"the person's", "your"}, {"the person", "you"},
		{"in their own words", "in your own words"}, {"reach them", "reach you"}};
	for (size_t i = 0; i < e->field_count; i++) {
		char *m = e->fields[i].message;
		/* The domain's words name the API's values: a page names its
		 * question. */
		if (strcmp(e->fields[i].path, "relationship") == 0)
			snprintf(m, sizeof e->fields[i].message, "Choose who the conversation is for");
		if (!self)
			continue;
		for (size_t k = 0; k < sizeof to_you / sizeof to_you[0]; k++) {
			char *at = strstr(m, to_you[k][0]);
			if (!at)
				continue;
			const char *rest = arena_strdup(req->arena, at + strlen(to_you[k][0]));
			snprintf(at, sizeof e->fields[i].message - (size_t)(at - m), "%s%s",
				 to_you[k][1], rest);
		}
	}
	return e;
}

static void page_opening(struct http_request *req, struct sb *page, const char *title,
			 const struct err *e, const struct form_anchor *anchors,
			 size_t anchor_count, const char *first)
{
	page_begin(req, page, e ? arena_printf(req->arena, "Error: %s", title) : title);
	html_printf(page, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n");
	if (e)
		form_errors_summary(page, e, anchors, anchor_count, first);
}

/* Step 1: who the conversation is for, and where they live. */
static int start_page(struct http_request *req, struct http_response *res, int status,
		      const struct err *refused)
{
	const char *relationship = answer(req, "relationship");
	struct err *e = form_errors(req, refused, relationship && strcmp(relationship, "self") == 0);
	struct sb page;
	sb_init(&page, req->arena, PAGE_MAX_BYTES);
	page_opening(req, &page, "Get in touch", e, NULL, 0, "relationship");
	html_printf(&page,
		    "<h1 class=\"govuk-heading-l\">Get in touch</h1>\n"
		    "<p class=\"govuk-body\">Tell us a little about who would like a conversation "
		    "with a Local Area Coordinator. There is no referral form and no waiting list "
		    "to join: a coordinator aims to get back to you within two to three working "
		    "days.</p>\n"
		    "<div class=\"govuk-warning-text\"><span class=\"govuk-warning-text__icon\" "
		    "aria-hidden=\"true\">!</span><strong class=\"govuk-warning-text__text\">"
		    "<span class=\"govuk-visually-hidden\">Warning</span> This is not an emergency "
		    "service. If someone is in danger, call 999. For urgent medical help, call NHS "
		    "111.</strong></div>\n"
		    "<form method=\"get\" action=\"/get-in-touch\" novalidate>\n"
		    "<input type=\"hidden\" name=\"step\" value=\"2\">\n");
	public_form_choice(&page, "relationship", "Who is the conversation for?", NULL,
			   relationship_choices,
			   sizeof relationship_choices / sizeof relationship_choices[0],
			   answer(req, "relationship"), form_errors_for(e, "relationship"));
	static const struct form_field postcode = {
		"postcode", "Postcode", "Where the person who would like a conversation lives "
		"(yours, if it is for you), so we know which coordinator covers it",
		"text", "postal-code", "govuk-input--width-10"};
	form_text_field(&page, &postcode, answer(req, "postcode"), form_errors_for(e, "postcode"));
	page_privacy_note(&page, PAGE_PRIVACY_PUBLIC);
	html_printf(&page, "<button type=\"submit\" class=\"govuk-button\" "
			   "data-module=\"govuk-button\">Continue</button>\n</form>\n</div></div>\n");
	page_end(req, &page);
	return http_send_html(req, res, status, &page);
}

/* What a coordinator does and does not do, for a professional thinking of
 * handing something on. */
static void professional_note(struct sb *page)
{
	html_printf(page,
		    "<div class=\"govuk-inset-text\" id=\"what-a-coordinator-does\">\n"
		    "<h2 class=\"govuk-heading-s\">What a coordinator does</h2>\n"
		    "<p class=\"govuk-body\">A Local Area Coordinator gets to know the person and "
		    "walks alongside them, at their pace, as they work out what a good life looks "
		    "like for them and who and what around them can help.</p>\n"
		    "<p class=\"govuk-body\">A coordinator is not a service to hand tasks to: "
		    "please introduce someone who would like a conversation, rather than send a "
		    "list of things to be done for them.</p>\n</div>\n");
}

/* The text field for a long answer, with its character count. */
static void background_field(struct sb *page, const char *label, const char *hint,
			     const char *value, const char *error)
{
	html_printf(page, "<div class=\"govuk-form-group govuk-character-count%s\" "
			  "data-module=\"govuk-character-count\" data-maxlength=\"%d\">\n"
			  "<label class=\"govuk-label\" for=\"background\">%s</label>\n"
			  "<div id=\"background-hint\" class=\"govuk-hint\">%s</div>\n",
		    error ? " govuk-form-group--error" : "", INTRO_BACKGROUND_MAX, label, hint);
	if (error)
		html_printf(page, "<p id=\"background-error\" class=\"govuk-error-message\"><span "
				  "class=\"govuk-visually-hidden\">Error:</span> %s</p>\n",
			    error);
	html_printf(page, "<textarea class=\"govuk-textarea govuk-js-character-count%s\" "
			  "id=\"background\" name=\"background\" rows=\"5\" "
			  "aria-describedby=\"background-info background-hint%s\">%s</textarea>\n"
			  "<div id=\"background-info\" class=\"govuk-hint govuk-character-count__message\">"
			  "You can enter up to %d characters</div>\n</div>\n",
		    error ? " govuk-textarea--error" : "", error ? " background-error" : "",
		    value ? value : "", INTRO_BACKGROUND_MAX);
}

static void text_fields(struct http_request *req, struct sb *page, const struct err *e,
			const struct form_field *fields, size_t count)
{
	for (size_t i = 0; i < count; i++)
		form_text_field(page, &fields[i], http_form(req, fields[i].name),
				form_errors_for(e, fields[i].name));
}

/* The first step's answers, each with a link back to change it. */
static void first_answers(struct http_request *req, struct sb *page, const char *relationship,
			  const char *postcode)
{
	const char *back = arena_printf(req->arena, "/get-in-touch?relationship=%s&postcode=%s",
					query_value(req->arena, relationship),
					query_value(req->arena, postcode ? postcode : ""));
	html_printf(page, "<dl class=\"govuk-summary-list\">\n");
	const char *const rows[][3] = {
		{"relationship", "Who it is for", relationship_label(relationship)},
		{"postcode", "Postcode", postcode},
	};
	for (size_t i = 0; i < 2; i++) {
		if (!rows[i][2])
			continue;
		html_printf(page, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">"
				  "%s</dt><dd class=\"govuk-summary-list__value\">%s</dd>"
				  "<dd class=\"govuk-summary-list__actions\"><a class=\"govuk-link\" "
				  "id=\"change-%s\" href=\"%s\">Change<span class=\"govuk-visually-hidden\"> "
				  "%s</span></a></dd></div>\n",
			    rows[i][1], rows[i][2], rows[i][0], back, rows[i][1]);
	}
	html_printf(page, "</dl>\n");
}

/* Step 2: only the fields that apply to who it is for. */
static int details_page(struct http_request *req, struct http_response *res, int status,
			const struct err *refused)
{
	const char *relationship = answer(req, "relationship");
	const char *postcode = answer(req, "postcode");
	bool self = relationship && strcmp(relationship, "self") == 0;
	bool professional = relationship && strcmp(relationship, "professional") == 0;
	bool organisation = professional || (relationship && strcmp(relationship, "community_group") == 0);
	struct err *e = form_errors(req, refused, self);
	/* A postcode that cannot be placed is asked again here, beside the
	 * rest; the choice of who it is for only changes through step 1. */
	const char *postcode_error = form_errors_for(e, "postcode");
	static const struct form_anchor anchors[] = {{"relationship", "change-relationship"}};
	struct sb page;
	sb_init(&page, req->arena, PAGE_MAX_BYTES);
	const char *title = self ? "About you" : "About them, and about you";
	page_opening(req, &page, title, e, anchors, 1, "person_name");
	html_printf(&page, "<span class=\"govuk-caption-l\">Get in touch</span>\n"
			   "<h1 class=\"govuk-heading-l\">%s</h1>\n",
		    title);
	first_answers(req, &page, relationship, postcode_error ? NULL : postcode);
	if (professional)
		professional_note(&page);
	html_printf(&page, "<form method=\"post\" action=\"/get-in-touch\" novalidate>\n"
			   "<input type=\"hidden\" name=\"csrf_token\" value=\"%s\">\n"
			   "<input type=\"hidden\" name=\"relationship\" value=\"%s\">\n",
		    http_csrf_token(req, res), relationship);
	static const struct form_field postcode_field = {
		"postcode", "Postcode", NULL, "text", "postal-code", "govuk-input--width-10"};
	if (postcode_error)
		form_text_field(&page, &postcode_field, postcode, postcode_error);
	else
		html_printf(&page, "<input type=\"hidden\" name=\"postcode\" value=\"%s\">\n",
			    postcode ? postcode : "");
	if (self) {
		static const struct form_field you[] = {
			{"person_name", "Your name", NULL, "text", "name", ""},
			{"person_phone", "Your phone number", "A mobile is best: coordinators "
			 "often text first", "tel", "tel", "govuk-input--width-20"},
			{"person_email", "Your email address", NULL, "email", "email", ""},
			{"person_other_contact", "Another way to reach you", "For example, "
			 "Facebook, or through a neighbour", "text", "off", ""},
			{"contact_when", "When is best to get in touch?", "For example, weekday "
			 "mornings", "text", "off", ""},
			{"best_place_to_meet", "Where would you like to meet?", "At home, a café, "
			 "a library, a drop-in: wherever suits you", "text", "off", ""},
		};
		text_fields(req, &page, e, you, sizeof you / sizeof you[0]);
		background_field(&page, "What would you like to talk about?",
				 "A little about you, if you like. There is no need for a history.",
				 http_form(req, "background"), form_errors_for(e, "background"));
	} else {
		html_printf(&page, "<h2 class=\"govuk-heading-m\">The person who would like a "
				   "conversation</h2>\n");
		static const struct form_field them[] = {
			{"person_name", "Their name", NULL, "text", "off", ""},
			{"person_phone", "Their phone number", "A mobile is best: coordinators "
			 "often text first", "tel", "off", "govuk-input--width-20"},
			{"person_email", "Their email address", NULL, "email", "off", ""},
			{"person_other_contact", "Another way to reach them", "For example, "
			 "Facebook, or through a neighbour", "text", "off", ""},
			{"contact_when", "When is best to get in touch with them?", "For example, "
			 "weekday mornings", "text", "off", ""},
			{"best_place_to_meet", "Where would they like to meet?", "At home, a café, "
			 "a library, a drop-in: wherever suits them", "text", "off", ""},
		};
		text_fields(req, &page, e, them, sizeof them / sizeof them[0]);
		background_field(&page, "A little about them, in their own words if you can",
				 "What would they like to talk about? There is no need for a "
				 "history.",
				 http_form(req, "background"), form_errors_for(e, "background"));
		public_form_choice(&page, "person_knows", "Do they know you are getting in touch?",
			    "Coordinators only contact someone who knows and would like to talk. "
			    "If they do not know yet, the coordinator will talk with you first.",
			    knows_options, 3, http_form(req, "person_knows"),
			    form_errors_for(e, "person_knows"));
		html_printf(&page, "<h2 class=\"govuk-heading-m\">About you</h2>\n");
		static const struct form_field introducer[] = {
			{"introducer_name", "Your name", NULL, "text", "name", ""},
			{"introducer_organisation", "Your organisation", NULL, "text",
			 "organization", ""},
			{"introducer_phone", "Your phone number", NULL, "tel", "tel",
			 "govuk-input--width-20"},
			{"introducer_email", "Your email address", NULL, "email", "email", ""},
		};
		for (size_t i = 0; i < sizeof introducer / sizeof introducer[0]; i++)
			if (i != 1 || organisation)
				text_fields(req, &page, e, &introducer[i], 1);
	}
	html_printf(&page,
		    "<div class=\"govuk-form-group\"><div class=\"govuk-checkboxes govuk-checkboxes--small\" "
		    "data-module=\"govuk-checkboxes\"><div class=\"govuk-checkboxes__item\">"
		    "<input class=\"govuk-checkboxes__input\" id=\"urgent\" name=\"urgent\" "
		    "type=\"checkbox\" value=\"yes\"%s><label class=\"govuk-label govuk-checkboxes__label\" "
		    "for=\"urgent\">This is urgent</label></div></div></div>\n",
		    http_form(req, "urgent") ? " checked" : "");
	page_privacy_note(&page, PAGE_PRIVACY_PUBLIC);
	public_form_honeypot(&page);
	html_printf(&page, "<button type=\"submit\" class=\"govuk-button\" "
			   "data-module=\"govuk-button\">Send</button>\n</form>\n</div></div>\n");
	page_end(req, &page);
	return http_send_html(req, res, status, &page);
}

/* The introduction's settings, from the server's. */
static struct intro_settings settings_for(struct http_request *req, struct lookup_context *lookup)
{
	*lookup = (struct lookup_context){req->app->db, req->map, req->app->config->near_metres,
					  req->postcodes};
	return (struct intro_settings){req->app->db, lookup, req->app->holidays,
				       req->app->config->due_working_days};
}

int web_get_in_touch(struct http_request *req, struct http_response *res)
{
	/* Any step but the second (an old or edited address) is the first. */
	const char *step = http_query(req, "step");
	if (!step || strcmp(step, "2") != 0)
		return start_page(req, res, 200, NULL);
	struct lookup_context lookup;
	struct intro_settings settings = settings_for(req, &lookup);
	struct caller public = caller_public(req->client_address, req->request_id);
	struct err e;
	int rc = intro_check_start(&settings, &public, http_query_filter(req, "relationship"),
				   http_query_filter(req, "postcode"), req->arena, &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, start_page);
	return details_page(req, res, 200, NULL);
}

int web_get_in_touch_send(struct http_request *req, struct http_response *res)
{
	/* A robot fills the field people never see.  Its send is answered as
	 * a person's would be (the same limit, the same problems shown, the
	 * same shape of address to go to next), so it cannot learn that it
	 * was caught; but nothing is kept and nobody is told. */
	bool robot = public_form_robot(req);
	const char *relationship = http_form_text(req, "relationship");
	/* Without the first step's answer, or with one it does not offer,
	 * there is no second step to draw: the first asks again. */
	bool chosen = false;
	for (size_t i = 0; relationship && intro_relationships[i]; i++)
		chosen = chosen || strcmp(relationship, intro_relationships[i]) == 0;
	if (!chosen) {
		struct err unchosen;
		err_clear(&unchosen);
		err_field(&unchosen, "introduced_by.relationship", "Choose who the conversation is for");
		return start_page(req, res, 422, &unchosen);
	}
	struct council council;
	if (council_read(req->app->db, req->arena, &council, &req->err) < 0)
		return -1;
	const char *busy_message =
		*council.phone
			? arena_printf(req->arena, "Too many messages have come from this "
						   "connection just now. Please try again in an hour, "
						   "or phone %s on %s.",
				       *council.name ? council.name : "the council", council.phone)
			: "Too many messages have come from this connection just now. "
			  "Please try again in an hour.";
	char slot[ID_HEX_LEN + 1];
	struct err busy;
	int over = public_form_take(req, res, slot, busy_message, &busy);
	if (over)
		return over < 0 ? -1 : details_page(req, res, 429, &busy);
	bool self = relationship && strcmp(relationship, "self") == 0;
	bool organisation = relationship && (strcmp(relationship, "professional") == 0 ||
					     strcmp(relationship, "community_group") == 0);
	/* Only what the second step asked for this answer is taken. */
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
		.introducer_organisation =
			organisation ? http_form_text(req, "introducer_organisation") : NULL,
		.introducer_phone = self ? NULL : http_form_text(req, "introducer_phone"),
		.introducer_email = self ? NULL : http_form_text(req, "introducer_email"),
		.person_knows = self ? "yes" : http_form_text(req, "person_knows"),
		.channel = "web",
		.urgent = http_form_text(req, "urgent") != NULL,
	};
	struct lookup_context lookup;
	struct intro_settings settings = settings_for(req, &lookup);
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
		return http_send_result(req, res, rc, &e, details_page);
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
				   "to you within two to three working days.</p>\n");
	else if (what_happens_next(req, &page, &receipt, area_found ? &area : NULL) < 0)
		return -1;
	html_printf(&page, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/areas\">"
			   "Find drop-ins near you</a></p>\n</div></div>\n");
	page_end(req, &page);
	return http_send_html(req, res, 200, &page);
}

/* Where an introduction a coordinator logged went, when it is for an area
 * she does not reach (its postcode is elsewhere): saved, for that area's
 * coordinator, by when; rather than its own page, which she may not see
 * and which would look like a failure inviting a second log.  Shows what
 * the sender's receipt shows, nothing anyone typed. */
int web_log_sent(struct http_request *req, struct http_response *res)
{
	struct intro_receipt receipt;
	struct err e;
	int rc = intro_receipt(req->app->db, http_path_param(req, "id"), req->arena, &receipt, &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	struct area area;
	rc = area_get(req->app->db, req->arena, receipt.area_id, &area, &e);
	if (rc < 0 && rc != RESULT_NOT_FOUND)
		return http_send_result(req, res, rc, &e, NULL);
	bool known = rc == RESULT_OK;
	const char *area_name = known ? area.name : "another area";
	const char *who = known && area.coordinator ? area.coordinator->name
						    : "The area's coordinator";
	struct date due;
	date_parse(receipt.due_on, &due);
	struct sb page;
	sb_init(&page, req->arena, PAGE_MAX_BYTES);
	page_begin(req, &page, "Introduction logged");
	html_printf(&page, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n"
			   "<div class=\"govuk-panel govuk-panel--confirmation\"><h1 class=\"govuk-panel__title\">"
			   "Introduction logged</h1><div class=\"govuk-panel__body\">It went to %s</div></div>\n"
			   "<h2 class=\"govuk-heading-m\">Who will answer</h2>\n",
		    area_name);
	if (strcmp(receipt.placement, "covered") == 0)
		html_printf(&page, "<p class=\"govuk-body\">The postcode is in %s, so it went to "
				   "that area's introductions.",
			    area_name);
	else
		html_printf(&page, "<p class=\"govuk-body\">The postcode is outside the areas "
				   "coordinators cover, so it went to the nearest, %s, whose "
				   "coordinator decides what is possible.",
			    area_name);
	html_printf(&page, " <strong>%s</strong>%s will get back to them by <strong>%s</strong>."
			   "</p>\n",
		    who, known && area.coordinator ? ", the coordinator there," : "",
		    page_long_date(req->arena, due));
	html_printf(&page, "<p class=\"govuk-body\">It is saved: there is no need to log it "
			   "again. It is not in your introductions, as it is not your area's.</p>\n"
			   "<ul class=\"govuk-list\">"
			   "<li><a class=\"govuk-link\" href=\"/staff/introductions/new\">Log another "
			   "call or message</a></li>"
			   "<li><a class=\"govuk-link\" href=\"/staff/introductions\">Back to "
			   "introductions</a></li></ul>\n</div></div>\n");
	page_end(req, &page);
	return http_send_html(req, res, 200, &page);
}
