/* A person's conversations: the contact log, newest first, with a short
 * form at the top to log one from a phone (when and how; the rest tucked
 * away), and a way to correct a note that keeps every version. */
#include "core/arena.h"
#include "core/clock.h"
#include "core/date.h"
#include "core/err.h"
#include "core/sb.h"
#include "domain/areas/dropin.h"
#include "domain/people/conversation.h"
#include "domain/staff/session.h"
#include "http/app.h"
#include "http/http.h"
#include "web/form.h"
#include "web/html.h"
#include "web/pages.h"

#include <string.h>
#include <time.h>

static const char *const how_options[][2] = {
	{"met", "Met in person"}, {"phone", "Phone call"}, {"text", "Text message"},
	{"email", "Email"},	  {"video", "Video call"}, {"drop_in", "At a drop-in"},
};
static const char *const state_options[][2] = {
	{"held", "Yes, we talked"},
	{"arranged", "No, this set one up: a conversation arranged"},
};

static const char *how_label(const char *how)
{
	for (size_t i = 0; i < sizeof how_options / sizeof how_options[0]; i++)
		if (strcmp(how, how_options[i][0]) == 0)
			return how_options[i][1];
	return how;
}

/* When a conversation was, and when its next step is: the GOV.UK date
 * pattern (web/form.h). */
static const struct form_date when_field = {
	"date", "When", "Set to now; change it for a conversation earlier on. For example, 27 3 2026",
	true, false};
static const struct form_date next_step_field = {"next_step_on", "When the next step is", NULL,
						 false, false};

static const char *log_url(struct arena *a, const char *person)
{
	return arena_printf(a, "/staff/people/%s/conversations", person);
}

static void row(struct sb *page, const char *key, const char *value)
{
	if (value)
		html_printf(page, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">%s</dt>"
				  "<dd class=\"govuk-summary-list__value\">%s</dd></div>\n",
			    key, value);
}

/* A field's problem, when it has one, as GOV.UK Frontend shows it. */
static void error_message(struct sb *page, const char *id, const char *error)
{
	if (error)
		html_printf(page, "<p id=\"%s-error\" class=\"govuk-error-message\"><span "
				  "class=\"govuk-visually-hidden\">Error:</span> %s</p>\n",
			    id, error);
}

static void textarea(struct sb *page, const char *id, const char *label, const char *hint,
		     const char *value, const char *error)
{
	html_printf(page, "<div class=\"govuk-form-group%s\"><label class=\"govuk-label\" for=\"%s\">%s</label>\n",
		    error ? " govuk-form-group--error" : "", id, label);
	if (hint)
		html_printf(page, "<div id=\"%s-hint\" class=\"govuk-hint\">%s</div>\n", id, hint);
	error_message(page, id, error);
	const char *described = hint && error ? arena_printf(page->arena, "%s-hint %s-error", id, id)
				: hint	       ? arena_printf(page->arena, "%s-hint", id)
				: error	       ? arena_printf(page->arena, "%s-error", id)
					       : NULL;
	html_printf(page, "<textarea class=\"govuk-textarea%s\" id=\"%s\" name=\"note\" rows=\"3\"",
		    error ? " govuk-textarea--error" : "", id);
	if (described)
		html_printf(page, " aria-describedby=\"%s\"", described);
	html_printf(page, ">%s</textarea></div>\n", value ? value : "");
}

/* When: set to now the first time. */
static void when_fields(struct http_request *req, struct sb *page, const char *error)
{
	char now[CLOCK_ISO8601_SIZE];
	clock_utc_iso8601(now, sizeof now);
	form_date_input(page, req, &when_field, now, error);
}

/* The drop-ins of the person's area, or none. */
static void venue_select(struct sb *page, const struct conversation_history *h,
			 const char *chosen, const char *error)
{
	html_printf(page, "<div class=\"govuk-form-group%s\"><label class=\"govuk-label\" for=\"drop_in_id\">"
			  "Where: at a drop-in</label>\n",
		    error ? " govuk-form-group--error" : "");
	error_message(page, "drop_in_id", error);
	html_printf(page, "<select class=\"govuk-select%s\" id=\"drop_in_id\" name=\"drop_in_id\"%s>"
			  "<option value=\"\">Not at a drop-in</option>\n",
		    error ? " govuk-select--error" : "",
		    error ? " aria-describedby=\"drop_in_id-error\"" : "");
	for (size_t i = 0; i < h->venue_count; i++)
		html_printf(page, "<option value=\"%s\"%s>%s</option>\n", h->venues[i].id,
			    chosen && strcmp(chosen, h->venues[i].id) == 0 ? " selected" : "",
			    h->venues[i].venue);
	html_printf(page, "</select></div>\n");
}

/* What the log form sent for a field, when it is drawn again for its own
 * errors (e); never what another form of the page sent, such as a refused
 * correction's note. */
static const char *sent(struct http_request *req, const struct err *e, const char *name)
{
	return e ? http_form(req, name) : NULL;
}

/* The fields past the two that are needed, behind a disclosure that opens
 * when one of them was filled in or is at fault. */
static void detail_fields(struct http_request *req, struct sb *page,
			  const struct conversation_history *h, const struct err *e)
{
	static const char *const names[] = {"state", "drop_in_id", "place", "who_was_there", "note",
					    "next_step", "next_step_on-day", "good_life"};
	bool open = false;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		open = open || form_errors_for(e, names[i]) ||
		       (e && http_form_text(req, names[i]) && strcmp(names[i], "state") != 0);
	html_printf(page, "<details class=\"govuk-details\"%s><summary class=\"govuk-details__summary\">"
			  "<span class=\"govuk-details__summary-text\">More details (optional)</span>"
			  "</summary><div class=\"govuk-details__text\">\n",
		    open ? " open" : "");
	const char *state = sent(req, e, "state");
	form_radios(page, "state", "Did the conversation take place?", NULL, state_options, 2,
		    state ? state : "held", form_errors_for(e, "state"));
	venue_select(page, h, sent(req, e, "drop_in_id"), form_errors_for(e, "drop_in_id"));
	static const struct form_field fields[] = {
		{"place", "Or where else", "Their home, a café, the office", "text", "off", ""},
		{"who_was_there", "Who was there", NULL, "text", "off", ""},
	};
	for (size_t i = 0; i < 2; i++)
		form_text_field(page, &fields[i], sent(req, e, fields[i].name),
				form_errors_for(e, fields[i].name));
	textarea(page, "note", "A short note", "In their words where you can",
		 sent(req, e, "note"), form_errors_for(e, "note"));
	static const struct form_field next = {"next_step", "The next step", NULL, "text", "off",
					       ""};
	form_text_field(page, &next, sent(req, e, next.name), form_errors_for(e, next.name));
	form_date_input(page, req, &next_step_field, NULL, form_errors_for(e, "next_step_on"));
	const char *good_life_error = form_errors_for(e, "good_life");
	html_printf(page, "<div class=\"govuk-form-group%s\">",
		    good_life_error ? " govuk-form-group--error" : "");
	error_message(page, "good_life", good_life_error);
	html_printf(page, "<div class=\"govuk-checkboxes govuk-checkboxes--small\" data-module=\"govuk-checkboxes\">"
			  "<div class=\"govuk-checkboxes__item\"><input class=\"govuk-checkboxes__input\" "
			  "id=\"good_life\" name=\"good_life\" type=\"checkbox\" value=\"yes\"%s%s>"
			  "<label class=\"govuk-label govuk-checkboxes__label\" for=\"good_life\">This was "
			  "the good-life conversation</label></div></div></div>\n</div></details>\n",
		    sent(req, e, "good_life") ? " checked" : "",
		    good_life_error ? " aria-describedby=\"good_life-error\"" : "");
}

/* The note's versions: the current one, and the earlier ones marked as
 * corrected, with who and when; then the form to correct it. */
static void note_and_correction(struct http_request *req, struct sb *page, const char *person,
				const struct conversation *x, const struct err *e)
{
	if (x->note_count > 1) {
		const struct conversation_note *n = &x->notes[0];
		html_printf(page, "<p class=\"govuk-body-s\"><strong class=\"govuk-tag govuk-tag--grey\">"
				  "Corrected</strong> by %s, %s</p>\n"
				  "<details class=\"govuk-details\"><summary class=\"govuk-details__summary\">"
				  "<span class=\"govuk-details__summary-text\">Earlier versions (%zu)</span>"
				  "</summary><div class=\"govuk-details__text\"><ol class=\"govuk-list\">\n",
			    n->username ? n->username : "the command line", date_uk_when(req->arena, n->at),
			    x->note_count - 1);
		for (size_t i = 1; i < x->note_count; i++)
			html_printf(page, "<li><s>%s</s><br><span class=\"govuk-body-s\">"
					  "Written by %s, %s</span></li>\n",
				    x->notes[i].note,
				    x->notes[i].username ? x->notes[i].username : "the command line",
				    date_uk_when(req->arena, x->notes[i].at));
		html_printf(page, "</ol></div></details>\n");
	}
	const char *error = form_errors_for(e, "note");
	const char *id = arena_printf(req->arena, "note-%s", x->id);
	html_printf(page, "<details class=\"govuk-details\"%s><summary class=\"govuk-details__summary\">"
			  "<span class=\"govuk-details__summary-text\">%s</span></summary>"
			  "<div class=\"govuk-details__text\"><form method=\"post\" "
			  "action=\"%s/%s/note\" novalidate><input type=\"hidden\" name=\"csrf_token\" "
			  "value=\"%s\">\n",
		    e ? " open" : "", x->note_count ? "Correct the note" : "Add a note",
		    log_url(req->arena, person), x->id, req->who->session->csrf_token);
	textarea(page, id, x->note_count ? "The note as it should read" : "The note",
		 x->note_count ? "The earlier version is kept" : NULL,
		 e ? http_form(req, "note") : x->note_count ? x->notes[0].note : NULL, error);
	html_printf(page, "<button type=\"submit\" class=\"govuk-button govuk-button--secondary\" "
			  "data-module=\"govuk-button\">Save the note</button></form></div></details>\n");
}

static void conversation_item(struct http_request *req, struct sb *page, const char *person,
			      const struct conversation *x, const struct err *e)
{
	html_printf(page, "<li class=\"app-conversation\" id=\"conversation-%s\">"
			  "<h3 class=\"govuk-heading-s govuk-!-margin-bottom-1\">%s</h3>\n",
		    x->id, date_uk_when(req->arena, x->at));
	bool arranged = strcmp(x->state, "arranged") == 0;
	if (arranged || x->first || x->good_life) {
		html_printf(page, "<p class=\"govuk-body-s govuk-!-margin-bottom-1\">");
		if (arranged)
			html_printf(page, "<strong class=\"govuk-tag govuk-tag--grey\">Arranged, not "
					  "yet held</strong> ");
		if (x->first)
			html_printf(page, "<strong class=\"govuk-tag govuk-tag--blue\">First "
					  "conversation</strong> ");
		if (x->good_life)
			html_printf(page, "<strong class=\"govuk-tag govuk-tag--green\">The good-life "
					  "conversation</strong> <a class=\"govuk-link\" "
					  "href=\"/staff/people/%s/network\">Their network</a>",
				    person);
		html_printf(page, "</p>\n");
	}
	html_printf(page, "<dl class=\"govuk-summary-list govuk-!-margin-bottom-3\">\n");
	row(page, "How", how_label(x->how));
	row(page, "Where", x->drop_in_name ? x->drop_in_name : x->place);
	row(page, "Who was there", x->who_was_there);
	struct date next;
	row(page, "Next step",
	    x->next_step_on && date_parse(x->next_step_on, &next)
		    ? arena_printf(req->arena, "%s, by %s", x->next_step, page_long_date(req->arena, next))
		    : x->next_step);
	row(page, "Logged by", x->created_by_name);
	row(page, "Note", x->note_count ? x->notes[0].note : NULL);
	html_printf(page, "</dl>\n");
	note_and_correction(req, page, person, x, e);
	html_printf(page, "</li>\n");
}

/* The log with its form; e holds the problems of a form just refused:
 * the log form's, or (when the request names a conversation) that
 * conversation's correction. */
static int log_page(struct http_request *req, struct http_response *res, int status,
		    const struct err *refused)
{
	const char *person = http_path_param(req, "id");
	const char *fixing = http_path_param(req, "conversation");
	struct conversation_history h;
	struct err e;
	int rc = conversation_history(req->app->db, req->who, person, req->arena, &h, &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	struct err *problems = NULL;
	if (refused) {
		static const char *const names[][2] = {{"at", "date"}};
		problems = arena_alloc(req->arena, sizeof *problems);
		err_copy(problems, refused);
		form_rename_fields(problems, names, 1);
	}
	const struct err *log_err = fixing ? NULL : problems;
	struct sb page;
	sb_init(&page, req->arena, PAGE_MAX_BYTES);
	const char *title = arena_printf(req->arena, "%sConversations with %s",
					 problems ? "Error: " : "", h.person_name);
	page_begin(req, &page, title);
	html_printf(&page, "<a class=\"govuk-back-link\" href=\"/staff/people/%s\">Back to %s</a>\n",
		    person, h.person_name);
	if (problems) {
		struct form_anchor anchor = {"note", fixing ? arena_printf(req->arena, "note-%s", fixing)
							    : "note"};
		form_errors_summary(&page, problems, &anchor, 1, fixing ? anchor.id : "date");
	}
	html_printf(&page, "<h1 class=\"govuk-heading-l\">Conversations with %s</h1>\n"
			   "<h2 class=\"govuk-heading-m\">Log a conversation</h2>\n"
			   "<form method=\"post\" action=\"%s\" novalidate>\n"
			   "<input type=\"hidden\" name=\"csrf_token\" value=\"%s\">\n",
		    h.person_name, log_url(req->arena, person), req->who->session->csrf_token);
	when_fields(req, &page, form_errors_for(log_err, "date"));
	form_radios(&page, "how", "How did you talk?", NULL, how_options,
		    sizeof how_options / sizeof how_options[0], sent(req, log_err, "how"),
		    form_errors_for(log_err, "how"));
	detail_fields(req, &page, &h, log_err);
	html_printf(&page, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">"
			   "Log the conversation</button>\n</form>\n");
	if (h.count == 0)
		html_printf(&page, "<p class=\"govuk-body\">No conversations logged yet.</p>\n");
	else
		html_printf(&page, "<h2 class=\"govuk-heading-m\">Conversations so far</h2>\n"
				   "<ol class=\"govuk-list\">\n");
	for (size_t i = 0; i < h.count; i++) {
		bool this_one = fixing && strcmp(fixing, h.items[i].id) == 0;
		conversation_item(req, &page, person, &h.items[i], this_one ? problems : NULL);
	}
	if (h.count)
		html_printf(&page, "</ol>\n");
	page_end(req, &page);
	return http_send_html(req, res, status, &page);
}

int web_conversations(struct http_request *req, struct http_response *res)
{
	return log_page(req, res, 200, NULL);
}

int web_log_conversation(struct http_request *req, struct http_response *res)
{
	const char *at, *next_step_on;
	struct err dates = {0};
	form_date_read(req, &when_field, &at, &dates);
	form_date_read(req, &next_step_field, &next_step_on, &dates);
	struct conversation_input in = {
		.at = at,
		.how = http_form_text(req, "how"),
		.state = http_form_text(req, "state"),
		.drop_in_id = http_form_text(req, "drop_in_id"),
		.place = http_form_text(req, "place"),
		.who_was_there = http_form_text(req, "who_was_there"),
		.note = http_form_text(req, "note"),
		.good_life = http_form_text(req, "good_life") != NULL,
		.next_step = http_form_text(req, "next_step"),
		.next_step_on = next_step_on,
	};
	const char *person = http_path_param(req, "id");
	struct conversation *x;
	struct err e;
	int rc = conversation_log(req->app->db, req->who, person, &in, req->arena, &x, &e);
	static const char *const names[][2] = {{"at", "date"}};
	if (rc == RESULT_INVALID)
		form_date_problems(&e, &dates, names, 1);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, log_page);
	return http_redirect(res, arena_printf(req->arena, "%s#conversation-%s",
					       log_url(req->arena, person), x->id));
}

int web_correct_conversation_note(struct http_request *req, struct http_response *res)
{
	const char *person = http_path_param(req, "id");
	const char *id = http_path_param(req, "conversation");
	struct err e;
	int rc = conversation_correct(req->app->db, req->who, person, id,
				      http_form_text(req, "note"), &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, log_page);
	return http_redirect(res, arena_printf(req->arena, "%s#conversation-%s",
					       log_url(req->arena, person), id));
}
