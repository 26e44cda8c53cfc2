/* A person's page, as a coordinator reads it on a phone: who they are and
 * how they like to be reached, what matters to them and their gifts in
 * their own words, their involvements from start to end and back, and
 * every correction of their details. */
#include "core/arena.h"
#include "core/date.h"
#include "core/sb.h"
#include "domain/people/involvement.h"
#include "domain/people/person.h"
#include "domain/staff/session.h"
#include "http/app.h"
#include "http/auth.h"
#include "http/http.h"
#include "web/form.h"
#include "web/html.h"
#include "web/pages.h"
#include "web/people.h"

#include <string.h>
#include <time.h>

const char *const people_kind_options[2][2] = {
	{"walking_alongside", "Walking alongside"},
	{"short_term", "Short-term help"},
};

const char *const people_reason_options[6][2] = {
	{"person_chose", "They chose to end it"},
	{"in_place", "What they wanted is in place"},
	{"moved_away", "They moved away"},
	{"no_contact", "No contact, after trying"},
	{"died", "They died"},
	{"other", "Another reason (say what)"},
};

const char *const people_ended_by_options[3][2] = {
	{"person", "The person, their own choice"},
	{"agreement", "The person and the coordinator, by agreement"},
	{"coordinator", "The coordinator"},
};

static const char *label(const char *const (*options)[2], size_t count, const char *value)
{
	for (size_t i = 0; value && i < count; i++)
		if (strcmp(options[i][0], value) == 0)
			return options[i][1];
	return value;
}

const char *people_kind_label(const char *kind)
{
	return label(people_kind_options, 2, kind);
}

const char *people_reason_label(const char *reason)
{
	if (reason && strcmp(reason, "other") == 0)
		return "Another reason";
	return label(people_reason_options, 6, reason);
}

const char *people_ended_by_label(const char *ended_by)
{
	static const char *const shown[][2] = {
		{"person", "Ended by the person"},
		{"agreement", "Ended by agreement"},
		{"coordinator", "Ended by the coordinator"},
	};
	return label(shown, 3, ended_by);
}

const struct form_date people_started_on = {"started_on", "Started on", NULL, false, false};
const struct form_date people_ended_on = {"ended_on", "Ended on", NULL, false, true};

const char *people_today(struct arena *a)
{
	char *today = arena_alloc(a, 11);
	date_format(date_uk_today(time(NULL)), today);
	return today;
}

const char *people_date(struct arena *a, const char *ymd)
{
	struct date d;
	if (!ymd || !date_parse(ymd, &d))
		return ymd;
	return page_long_date(a, d);
}

void people_words(struct sb *page, const char *words)
{
	while (words && *words) {
		size_t n = strcspn(words, "\n");
		size_t shown = n && words[n - 1] == '\r' ? n - 1 : n;
		if (shown)
			html_printf(page, "<p class=\"govuk-body\">%.*s</p>\n", (int)shown, words);
		words += n + (words[n] == '\n');
	}
}

void people_error(struct sb *page, const char *name, const char *error)
{
	if (error)
		html_printf(page, "<p id=\"%s-error\" class=\"govuk-error-message\"><span "
				  "class=\"govuk-visually-hidden\">Error:</span> %s</p>\n",
			    name, error);
}

void people_textarea(struct sb *page, const char *name, const char *label_text,
		     const char *hint, const char *value, const char *error)
{
	html_printf(page, "<div class=\"govuk-form-group%s\">\n<label class=\"govuk-label "
			  "govuk-label--s\" for=\"%s\">%s</label>\n",
		    error ? " govuk-form-group--error" : "", name, label_text);
	if (hint)
		html_printf(page, "<div id=\"%s-hint\" class=\"govuk-hint\">%s</div>\n", name, hint);
	people_error(page, name, error);
	html_printf(page, "<textarea class=\"govuk-textarea%s\" id=\"%s\" name=\"%s\" rows=\"4\"",
		    error ? " govuk-textarea--error" : "", name, name);
	if (hint || error)
		html_printf(page, " aria-describedby=\"%s%s%s%s%s\"", hint ? name : "",
			    hint ? "-hint" : "", hint && error ? " " : "", error ? name : "",
			    error ? "-error" : "");
	html_printf(page, ">%s</textarea>\n</div>\n", value ? value : "");
}

void people_csrf(struct http_request *req, struct sb *page)
{
	html_printf(page, "<input type=\"hidden\" name=\"csrf_token\" value=\"%s\">\n",
		    req->who->session ? req->who->session->csrf_token : "");
}

static void row(struct sb *page, const char *key, const char *value)
{
	if (value && *value)
		html_printf(page, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">%s</dt>"
				  "<dd class=\"govuk-summary-list__value\">%s</dd></div>\n",
			    key, value);
}

/* A row of words that may run to several lines. */
static void words_row(struct sb *page, const char *key, const char *words)
{
	html_printf(page, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">%s</dt>"
			  "<dd class=\"govuk-summary-list__value\">",
		    key);
	if (words && *words)
		people_words(page, words);
	else
		html_printf(page, "<span class=\"govuk-hint\">Not written yet</span>");
	html_printf(page, "</dd></div>\n");
}

static const struct involvement *open_involvement(const struct person *p)
{
	for (size_t i = 0; i < p->involvement_count; i++)
		if (!p->involvements[i].ended_on)
			return &p->involvements[i];
	return NULL;
}

static const char *field_label(const char *field)
{
	static const char *const names[][2] = {
		{"name", "Name"},
		{"preferred_name", "Likes to be called"},
		{"phone", "Phone"},
		{"email", "Email"},
		{"other_contact", "Other way to reach them"},
		{"contact_when", "When and how to contact them"},
		{"best_place_to_meet", "Where they like to meet"},
		{"postcode", "Postcode"},
		{"area_id", "Area"},
		{"coordinator_id", "Coordinator"},
		{"what_matters", "What matters to them"},
		{"good_life", "Their picture of a good life"},
		{"hopes", "What they hope for"},
		{"gifts", "Gifts, skills, strengths and interests"},
		{"would_offer", "What they would like to offer"},
		{"tags", "Tags"},
	};
	return label(names, sizeof names / sizeof names[0], field);
}

static void details(struct http_request *req, struct sb *page, const struct person *p)
{
	html_printf(page, "<h2 class=\"govuk-heading-m\">Their details</h2>\n"
			  "<dl class=\"govuk-summary-list\">\n");
	row(page, "Name", p->name);
	row(page, "Likes to be called", p->preferred_name);
	row(page, "Phone", p->phone);
	row(page, "Email", p->email);
	row(page, "Other way to reach them", p->other_contact);
	row(page, "When and how to contact them", p->contact_when);
	row(page, "Where they like to meet", p->best_place_to_meet);
	row(page, "Postcode", p->postcode);
	row(page, "Area", p->area_name ? p->area_name : staff_area_name(req, p->area_id));
	row(page, "Coordinator", p->coordinator_name ? p->coordinator_name : "Not set");
	html_printf(page, "</dl>\n<p class=\"govuk-body\"><a class=\"govuk-link\" "
			  "href=\"/staff/people/%s/details\">Change their details</a></p>\n",
		    p->id);
}

static void what_matters(struct sb *page, const struct person *p)
{
	html_printf(page, "<h2 class=\"govuk-heading-m\">What matters to them</h2>\n"
			  "<p class=\"govuk-body\">In their words.</p>\n<dl class=\"govuk-summary-list\">\n");
	words_row(page, "What matters to them", p->what_matters);
	words_row(page, "Their picture of a good life", p->good_life);
	words_row(page, "What they hope for", p->hopes);
	html_printf(page, "</dl>\n<h2 class=\"govuk-heading-m\">Gifts, skills, strengths and "
			  "interests</h2>\n<dl class=\"govuk-summary-list\">\n");
	words_row(page, "In their words", p->gifts);
	html_printf(page, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">"
			  "Tags</dt><dd class=\"govuk-summary-list__value\">");
	if (p->tag_count == 0)
		html_printf(page, "<span class=\"govuk-hint\">None yet</span>");
	else
		html_printf(page, "<ul class=\"govuk-list app-tags\">");
	for (size_t i = 0; i < p->tag_count; i++)
		html_printf(page, "<li><strong class=\"govuk-tag govuk-tag--blue\">%s</strong></li>",
			    p->tags[i]);
	if (p->tag_count)
		html_printf(page, "</ul>");
	html_printf(page, "</dd></div>\n");
	words_row(page, "What they would like to offer others", p->would_offer);
	html_printf(page, "</dl>\n<p class=\"govuk-body\"><a class=\"govuk-link\" "
			  "href=\"/staff/people/%s/what-matters\">Write what matters and their "
			  "gifts</a></p>\n",
		    p->id);
}

static void history(struct sb *page, const struct involvement *v)
{
	if (v->history_count == 0)
		return;
	html_printf(page, "<details class=\"govuk-details\"><summary class=\"govuk-details__summary\">"
			  "<span class=\"govuk-details__summary-text\">History of this involvement"
			  "</span></summary><div class=\"govuk-details__text\"><ol class=\"govuk-list\">\n");
	for (size_t i = 0; i < v->history_count; i++) {
		const struct involvement_event *h = &v->history[i];
		const char *what = strcmp(h->event, "started") == 0 ? "Started as"
				   : strcmp(h->event, "kind_changed") == 0 ? "Became"
				   : "Ended, as";
		html_printf(page, "<li>%s %s · %s · %s%s%s</li>\n", what,
			    people_kind_label(h->kind), date_uk_when(page->arena, h->at), h->username ? h->username : "the system",
			    h->note ? " · " : "", h->note ? h->note : "");
	}
	html_printf(page, "</ol></div></details>\n");
}

static void involvement(struct http_request *req, struct sb *page, const struct person *p,
			const struct involvement *v)
{
	struct arena *a = req->arena;
	html_printf(page, "<div class=\"app-involvement\">\n<h3 class=\"govuk-heading-s\">%s "
			  "<strong class=\"govuk-tag %s\">%s</strong>",
		    people_kind_label(v->kind), v->ended_on ? "govuk-tag--grey" : "govuk-tag--green",
		    v->ended_on ? "Ended" : "Open");
	if (v->is_return)
		html_printf(page, " <strong class=\"govuk-tag govuk-tag--purple\">Return</strong>");
	html_printf(page, "</h3>\n<dl class=\"govuk-summary-list\">\n");
	row(page, "Started", people_date(a, v->started_on));
	row(page, "Ended", people_date(a, v->ended_on));
	if (v->ended_on) {
		row(page, "Why", strcmp(v->end_reason, "other") == 0 && v->end_words
				 ? v->end_words : people_reason_label(v->end_reason));
		row(page, "Who ended it", people_ended_by_label(v->ended_by));
	}
	row(page, "First conversation", v->first_conversation_at
		? date_uk_day(a, v->first_conversation_at)
		: "None held yet");
	row(page, "Last contact before moving in", people_date(a, v->last_contact_before_import));
	if (v->person_count > 1) {
		html_printf(page, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">"
				  "Shared with</dt><dd class=\"govuk-summary-list__value\">");
		for (size_t i = 0; i < v->person_count; i++)
			if (strcmp(v->person_ids[i], p->id) != 0)
				html_printf(page, "<a class=\"govuk-link\" href=\"/staff/people/%s\">%s</a> ",
					    v->person_ids[i], v->person_names[i]);
		html_printf(page, "</dd></div>\n");
	}
	if (v->introduction_id)
		html_printf(page, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">"
				  "From</dt><dd class=\"govuk-summary-list__value\"><a class=\"govuk-link\" "
				  "href=\"/staff/introductions/%s\">their introduction</a></dd></div>\n",
			    v->introduction_id);
	html_printf(page, "</dl>\n");
	if (!v->ended_on) {
		const char *other = strcmp(v->kind, "walking_alongside") == 0 ? "short_term"
									       : "walking_alongside";
		/* One form, so the end link and the kind's button line up. */
		html_printf(page, "<form method=\"post\" action=\"/staff/people/%s/involvements/%s/kind\">\n",
			    p->id, v->id);
		people_csrf(req, page);
		html_printf(page, "<input type=\"hidden\" name=\"kind\" value=\"%s\">\n"
				  "<div class=\"govuk-button-group\">\n<a class=\"govuk-button "
				  "govuk-button--secondary\" data-module=\"govuk-button\" "
				  "href=\"/staff/people/%s/involvements/%s/end\">End this involvement</a>\n"
				  "<button type=\"submit\" id=\"change-kind\" class=\"govuk-button "
				  "govuk-button--secondary\" data-module=\"govuk-button\">Change to %s"
				  "</button>\n</div>\n</form>\n",
			    other, p->id, v->id,
			    strcmp(other, "short_term") == 0 ? "short-term help" : "walking alongside");
		html_printf(page, "<p class=\"govuk-body\"><a class=\"govuk-link\" "
				  "href=\"/staff/people/new?household=%s\">Add someone from their "
				  "family or household</a></p>\n",
			    v->id);
	}
	history(page, v);
	html_printf(page, "</div>\n");
}

/* A later involvement without a new introduction: their return. */
static void return_form(struct http_request *req, struct sb *page, const struct person *p,
			const struct err *refused)
{
	html_printf(page, "<h3 class=\"govuk-heading-s\">Log their return</h3>\n"
			  "<form method=\"post\" action=\"/staff/people/%s/involvements\" novalidate>\n",
		    p->id);
	people_csrf(req, page);
	const char *kind = http_form(req, "kind");
	form_radios(page, "kind", "How are you involved now?", NULL, people_kind_options, 2,
		    kind ? kind : "walking_alongside", form_errors_for(refused, "kind"));
	form_date_input(page, req, &people_started_on, people_today(req->arena),
			form_errors_for(refused, "started_on"));
	html_printf(page, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">"
			  "Log their return</button>\n</form>\n");
}

static void changes(struct sb *page, const struct person *p)
{
	html_printf(page, "<h2 class=\"govuk-heading-m\">Changes to their record</h2>\n");
	if (p->change_count == 0) {
		html_printf(page, "<p class=\"govuk-body\">Nothing has been changed since their "
				  "record was made.</p>\n");
		return;
	}
	html_printf(page, "<details class=\"govuk-details\"><summary class=\"govuk-details__summary\">"
			  "<span class=\"govuk-details__summary-text\">What each field said before "
			  "(%zu changes)</span></summary><div class=\"govuk-details__text\">"
			  "<ol class=\"govuk-list\">\n",
		    p->change_count);
	for (size_t i = 0; i < p->change_count; i++) {
		const struct person_change_entry *c = &p->changes[i];
		bool empty = !c->value_before || !*c->value_before;
		html_printf(page, "<li><strong>%s</strong> was %s%s%s · changed %s by %s</li>\n",
			    field_label(c->field), empty ? "empty" : "“",
			    empty ? "" : c->value_before, empty ? "" : "”", date_uk_when(page->arena, c->at),
			    c->username ? c->username : "the system");
	}
	html_printf(page, "</ol></div></details>\n");
}

int people_person_page(struct http_request *req, struct http_response *res, int status,
		       const struct err *refused)
{
	struct person *p;
	struct err e;
	int rc = person_get(req->app->db, req->who, http_path_param(req, "id"), req->arena, &p,
			    &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	const struct involvement *open = open_involvement(p);
	const char *called = p->preferred_name ? p->preferred_name : p->name;
	struct sb page;
	sb_init(&page, req->arena, PAGE_MAX_BYTES);
	page_begin(req, &page, refused ? arena_printf(req->arena, "Error: %s", p->name) : p->name);
	if (refused)
		form_errors_summary(&page, refused, NULL, 0, open ? "change-kind" : "kind");
	html_printf(&page, "<span class=\"govuk-caption-l\">%s</span>\n"
			   "<h1 class=\"govuk-heading-l\">%s</h1>\n",
		    open ? people_kind_label(open->kind) : "Not involved at the moment", p->name);
	if (p->preferred_name)
		html_printf(&page, "<p class=\"govuk-body-l\">Likes to be called %s</p>\n",
			    p->preferred_name);
	html_printf(&page, "<ul class=\"govuk-list\">\n"
			   "<li><a class=\"govuk-link\" href=\"/staff/people/%s/conversations\">"
			   "Conversations with %s</a></li>\n"
			   "<li><a class=\"govuk-link\" href=\"/staff/people/%s/network\">"
			   "Network: the people around %s</a></li>\n"
			   "<li><a class=\"govuk-link\" href=\"/staff/people/%s/agreement\">"
			   "Shared agreement</a></li>\n"
			   "<li><a class=\"govuk-link\" href=\"/staff/people/%s/outcomes\">"
			   "Outcomes</a></li>\n"
			   "<li><a class=\"govuk-link\" href=\"/staff/people/%s/wellbeing\">"
			   "Wellbeing</a></li>\n"
			   "<li><a class=\"govuk-link\" href=\"/staff/people/%s/stories\">"
			   "Stories</a></li>\n"
			   "<li><a class=\"govuk-link\" href=\"/staff/people/%s/costs-avoided\">"
			   "Costs avoided</a></li>\n</ul>\n",
		    p->id, called, p->id, called, p->id, p->id, p->id, p->id, p->id);
	details(req, &page, p);
	what_matters(&page, p);
	html_printf(&page, "<h2 class=\"govuk-heading-m\">Involvement</h2>\n");
	if (!open)
		return_form(req, &page, p, refused);
	for (size_t i = 0; i < p->involvement_count; i++)
		involvement(req, &page, p, &p->involvements[i]);
	changes(&page, p);
	page_end(req, &page);
	return http_send_html(req, res, status, &page);
}

int web_person(struct http_request *req, struct http_response *res)
{
	return people_person_page(req, res, 200, NULL);
}
