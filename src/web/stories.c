/* Stories (domain/outcomes/story.h): a person's list, a new one, one
 * with every version and the forms that change it (a new version, the
 * person's withdrawal, a team leader's review); the team leader's list
 * of those waiting; and the list beyond the team, which never names the
 * person. */
#include "core/arena.h"
#include "core/date.h"
#include "core/err.h"
#include "core/sb.h"
#include "domain/outcomes/story.h"
#include "domain/people/person.h"
#include "http/app.h"
#include "http/http.h"
#include "web/form.h"
#include "web/html.h"
#include "web/pages.h"
#include "web/people.h"

#include <stdlib.h>
#include <string.h>

static const struct form_date agreed_field = {"agreed_on", "The day they agreed", NULL, false,
					      true};
static const struct form_date withdrawn_field = {"withdrawn_on", "The day they told us",
						 NULL, false, true};
static const char *const share_options[][2] = {
	{"team", "The team only"},
	{"council", "The council"},
	{"public", "The public, without anything that would identify them"}};
static const char *const how_options[][2] = {
	{"in_person", "In person"}, {"phone", "By phone"}, {"paper", "On paper"}};
static const char *const decision_options[][2] = {
	{"approve", "Approve: it may go as far as they agreed"},
	{"return", "Return it with a note"}};

/* Where a story stands, as a tag. */
static void state_tag(struct sb *page, const char *state)
{
	static const char *const tags[][3] = {
		{"team_only", "Team only", "govuk-tag--grey"},
		{"waiting", "Waiting for review", "govuk-tag--yellow"},
		{"approved", "Approved", "govuk-tag--green"},
		{"returned", "Returned", "govuk-tag--orange"},
		{"withdrawn", "Agreement withdrawn", "govuk-tag--red"}};
	for (size_t i = 0; i < 5; i++)
		if (strcmp(tags[i][0], state) == 0)
			html_printf(page, "<strong class=\"govuk-tag %s\">%s</strong>", tags[i][2],
				    tags[i][1]);
}

static const char *called(const struct person *p)
{
	return p->preferred_name ? p->preferred_name : p->name;
}

static const char *stories_url(struct http_request *req)
{
	return arena_printf(req->arena, "/staff/people/%s/stories", http_path_param(req, "id"));
}

/* How they told us, within a sentence. */
static const char *how_told(const char *how)
{
	return strcmp(how, "in_person") == 0 ? "in person"
	       : strcmp(how, "phone") == 0   ? "by phone"
					     : "on paper";
}

/* The story in the path, when it is the person's. */
static int persons_story(struct http_request *req, struct story **out, struct err *e)
{
	int rc = story_get(req->app->db, req->who, http_path_param(req, "story"), req->arena, out,
			   e);
	if (rc == RESULT_OK && strcmp((*out)->person_id, http_path_param(req, "id")) != 0)
		rc = err_not_found(e, "story", "There is no story with that id.");
	return rc;
}

static void begin(struct http_request *req, struct sb *page, const char *title,
		  const struct err *refused, const char *back, const char *back_text)
{
	sb_init(page, req->arena, PAGE_MAX_BYTES);
	page_begin(req, page, refused ? arena_printf(req->arena, "Error: %s", title) : title);
	html_printf(page, "<a class=\"govuk-back-link\" href=\"%s\">%s</a>\n"
			  "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n",
		    back, back_text);
}

static int finish(struct http_request *req, struct http_response *res, int status,
		  struct sb *page)
{
	html_printf(page, "</div></div>\n");
	page_end(req, page);
	return http_send_html(req, res, status, page);
}

/* What goes beyond the team once approved, exactly as it will be
 * shown: for the public its public title and words, for the council its
 * title and words; never the person's name.  Not a heading: it sits
 * under any level of one. */
static void beyond_team(struct sb *page, const struct story_version *v)
{
	bool public = strcmp(v->share, "public") == 0;
	html_printf(page, "<div class=\"govuk-inset-text\"><p class=\"govuk-body-s\">What %s "
			  "will see, with no name:</p>\n<p class=\"govuk-body "
			  "govuk-!-font-weight-bold\">%s</p>\n",
		    public ? "the public" : "the council",
		    public && v->public_title ? v->public_title : v->title);
	people_words(page, public && v->public_words ? v->public_words : v->words);
	html_printf(page, "</div>\n");
}

/* The words of a version, with how far they agreed and when, and what
 * goes beyond the team. */
static void version_body(struct http_request *req, struct sb *page,
			 const struct story_version *v)
{
	people_words(page, v->words);
	if (strcmp(v->share, "team") != 0)
		beyond_team(page, v);
	html_printf(page, "<p class=\"govuk-body-s\">They agreed to share it with %s, on %s, %s."
			  " Written up by %s.</p>\n",
		    strcmp(v->share, "team") == 0 ? "the team only"
		    : strcmp(v->share, "council") == 0 ? "the council"
						       : "the public, without identifying detail",
		    date_uk_day(req->arena, v->agreed_on), how_told(v->agreed_how),
		    v->made_by_name ? v->made_by_name : "staff");
}

/* ---- A person's stories ------------------------------------------------ */

int web_stories(struct http_request *req, struct http_response *res)
{
	const char *person = http_path_param(req, "id");
	struct person *p;
	struct story *list;
	size_t count;
	struct err e;
	int rc = person_get(req->app->db, req->who, person, req->arena, &p, &e);
	if (rc == RESULT_OK)
		rc = story_list(req->app->db, req->who, person, req->arena, &list, &count, &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	struct sb page;
	begin(req, &page, "Stories", NULL, arena_printf(req->arena, "/staff/people/%s", person),
	      arena_printf(req->arena, "Back to %s", called(p)));
	html_printf(&page, "<span class=\"govuk-caption-l\">%s</span>\n"
			   "<h1 class=\"govuk-heading-l\">Stories</h1>\n"
			   "<p class=\"govuk-body\">A short account in their words, with their "
			   "agreement to share it and how widely. Beyond the team, a team leader "
			   "reviews it first.</p>\n"
			   "<a class=\"govuk-button\" data-module=\"govuk-button\" href=\"%s/new\">"
			   "Add a story</a>\n",
		    called(p), stories_url(req));
	if (count == 0)
		html_printf(&page, "<p class=\"govuk-body\">No stories yet.</p>\n");
	html_printf(&page, "<ul class=\"govuk-list govuk-list--spaced\">\n");
	for (size_t i = 0; i < count; i++) {
		html_printf(&page, "<li><a class=\"govuk-link\" href=\"%s/%s\">%s</a> ",
			    stories_url(req), list[i].id, list[i].current.title);
		state_tag(&page, list[i].review_state);
		html_printf(&page, "<br><span class=\"govuk-body-s\">Version %ld, agreed on %s"
				   "</span></li>\n",
			    list[i].version, date_uk_day(req->arena, list[i].current.agreed_on));
	}
	html_printf(&page, "</ul>\n");
	return finish(req, res, 200, &page);
}

/* The fields of a version, filled from what was sent, else from v. */
static void story_fields(struct http_request *req, struct sb *page, const struct story_version *v,
			 const struct err *e)
{
	bool sent = e != NULL;
#define VALUE(field) (sent ? http_form(req, #field) : v ? v->field : NULL)
	static const struct form_field title = {"title", "Title", NULL, "text", "off", ""};
	form_text_field(page, &title, VALUE(title), form_errors_for(e, "title"));
	people_textarea(page, "words", "Their words", "As they told it, up to 4000 characters.",
			VALUE(words), form_errors_for(e, "words"));
	form_radios(page, "share", "How widely did they agree to share it?", NULL, share_options, 3,
		    VALUE(share), form_errors_for(e, "share"));
	static const struct form_field public_title = {
		"public_title", "For the public: a title that names no one",
		"Only when they agreed to share it with the public: shown instead of the title "
		"above, which may name them.",
		"text", "off", ""};
	form_text_field(page, &public_title, VALUE(public_title),
			form_errors_for(e, "public_title"));
	people_textarea(page, "public_words", "For the public: their story without anything that "
					      "would identify them",
			"Only when they agreed to share it with the public. Agree these words "
			"with them.",
			VALUE(public_words), form_errors_for(e, "public_words"));
	form_date_input(page, req, &agreed_field, v ? v->agreed_on : people_today(req->arena),
			form_errors_for(e, "agreed_on"));
	form_radios(page, "agreed_how", "How did they agree?", NULL, how_options, 3,
		    VALUE(agreed_how), form_errors_for(e, "agreed_how"));
#undef VALUE
}

static int new_page(struct http_request *req, struct http_response *res, int status,
		    const struct err *refused)
{
	struct person *p;
	struct err e;
	int rc = person_get(req->app->db, req->who, http_path_param(req, "id"), req->arena, &p, &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	struct sb page;
	begin(req, &page, "Add a story", refused, stories_url(req), "Back to their stories");
	if (refused)
		form_errors_summary(&page, refused, NULL, 0, "title");
	html_printf(&page, "<span class=\"govuk-caption-l\">%s</span>\n"
			   "<h1 class=\"govuk-heading-l\">Add a story</h1>\n"
			   "<form method=\"post\" action=\"%s\" novalidate>\n",
		    called(p), stories_url(req));
	people_csrf(req, &page);
	story_fields(req, &page, NULL, refused);
	html_printf(&page, "<button type=\"submit\" class=\"govuk-button\" "
			   "data-module=\"govuk-button\">Save the story</button>\n</form>\n");
	return finish(req, res, status, &page);
}

int web_story_new(struct http_request *req, struct http_response *res)
{
	return new_page(req, res, 200, NULL);
}

/* What a form sent, as the domain takes it; dates' problems in dates. */
static struct story_input sent(struct http_request *req, struct err *dates)
{
	const char *agreed_on;
	form_date_read(req, &agreed_field, &agreed_on, dates);
	const char *from = http_form_text(req, "from_version");
	return (struct story_input){
		.from_version = from ? strtol(from, NULL, 10) : 0,
		.title = http_form_text(req, "title"),
		.words = http_form_text(req, "words"),
		.public_title = http_form_text(req, "public_title"),
		.public_words = http_form_text(req, "public_words"),
		.share = http_form_text(req, "share"),
		.agreed_on = agreed_on,
		.agreed_how = http_form_text(req, "agreed_how"),
	};
}

static int to_story(struct http_request *req, struct http_response *res, const char *id)
{
	return http_redirect(res, arena_printf(req->arena, "%s/%s", stories_url(req), id));
}

int web_story_create(struct http_request *req, struct http_response *res)
{
	struct err e, dates = {0};
	struct story_input in = sent(req, &dates);
	struct story *s;
	int rc = story_create(req->app->db, req->who, http_path_param(req, "id"), &in, req->arena,
			      &s, &e);
	if (rc == RESULT_INVALID)
		form_date_problems(&e, &dates, NULL, 0);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, new_page);
	return to_story(req, res, s->id);
}

/* ---- One story --------------------------------------------------------- */

static void withdraw_form(struct http_request *req, struct sb *page, const struct story *s,
			  const struct err *e)
{
	html_printf(page, "<details class=\"govuk-details\"%s><summary class=\"govuk-details__summary\">"
			  "<span class=\"govuk-details__summary-text\">If they withdraw their "
			  "agreement</span></summary><div class=\"govuk-details__text\">\n"
			  "<p class=\"govuk-body\">It is then shared with no one beyond the team, "
			  "and kept as it is.</p>\n<form method=\"post\" action=\"%s/%s/withdraw\" "
			  "novalidate>\n",
		    e ? " open" : "", stories_url(req), s->id);
	people_csrf(req, page);
	form_date_input(page, req, &withdrawn_field, people_today(req->arena),
			form_errors_for(e, "withdrawn_on"));
	form_radios(page, "withdrawn_how", "How did they tell us?", NULL, how_options, 3,
		    e ? http_form(req, "withdrawn_how") : NULL, form_errors_for(e, "withdrawn_how"));
	html_printf(page, "<button type=\"submit\" class=\"govuk-button govuk-button--warning\" "
			  "data-module=\"govuk-button\">They withdraw their agreement</button>\n"
			  "</form></div></details>\n");
}

static int story_page(struct http_request *req, struct http_response *res, int status,
		      const struct err *refused)
{
	struct story *s;
	struct err e;
	int rc = persons_story(req, &s, &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	struct sb page;
	begin(req, &page, s->current.title, refused, stories_url(req), "Back to their stories");
	if (refused)
		form_errors_summary(&page, refused, NULL, 0, "withdrawn_on");
	html_printf(&page, "<span class=\"govuk-caption-l\">%s’s story</span>\n"
			   "<h1 class=\"govuk-heading-l\">%s</h1>\n<p class=\"govuk-body\">",
		    s->person_name, s->current.title);
	state_tag(&page, s->review_state);
	html_printf(&page, "</p>\n");
	if (strcmp(s->review_state, "returned") == 0 && s->review_note)
		html_printf(&page, "<div class=\"govuk-inset-text\">Returned by %s: “%s”. Edit it "
				   "with them; the new version waits for review again.</div>\n",
			    s->reviewed_by_name ? s->reviewed_by_name : "a team leader",
			    s->review_note);
	else if (strcmp(s->review_state, "approved") == 0)
		html_printf(&page, "<div class=\"govuk-inset-text\">Approved by %s on %s.</div>\n",
			    s->reviewed_by_name ? s->reviewed_by_name : "a team leader",
			    date_uk_when(req->arena, s->reviewed_at));
	else if (strcmp(s->review_state, "withdrawn") == 0)
		html_printf(&page, "<div class=\"govuk-inset-text\">They withdrew their agreement "
				   "on %s, %s. It is shared with no one beyond the team. Recorded "
				   "by %s.</div>\n",
			    date_uk_day(req->arena, s->withdrawn_on), how_told(s->withdrawn_how),
			    s->withdrawn_by_name ? s->withdrawn_by_name : "staff");
	version_body(req, &page, &s->current);
	bool open = strcmp(s->review_state, "withdrawn") != 0;
	if (open)
		html_printf(&page, "<a class=\"govuk-button govuk-button--secondary\" "
				   "data-module=\"govuk-button\" href=\"%s/%s/edit\">Edit: make a "
				   "new version</a>\n",
			    stories_url(req), s->id);
	if (s->version_count > 1) {
		html_printf(&page, "<h2 class=\"govuk-heading-m\">Earlier versions</h2>\n");
		for (size_t i = s->version_count - 1; i-- > 0;) {
			const struct story_version *v = &s->versions[i];
			html_printf(&page, "<details class=\"govuk-details\"><summary "
					   "class=\"govuk-details__summary\"><span "
					   "class=\"govuk-details__summary-text\">Version %ld: %s"
					   "</span></summary><div class=\"govuk-details__text\">\n",
				    v->version, v->title);
			version_body(req, &page, v);
			html_printf(&page, "</div></details>\n");
		}
	}
	if (open)
		withdraw_form(req, &page, s, refused);
	return finish(req, res, status, &page);
}

int web_story(struct http_request *req, struct http_response *res)
{
	return story_page(req, res, 200, NULL);
}

static int edit_page(struct http_request *req, struct http_response *res, int status,
		     const struct err *refused)
{
	struct story *s;
	struct err e;
	int rc = persons_story(req, &s, &e);
	if (rc == RESULT_OK && strcmp(s->review_state, "withdrawn") == 0)
		rc = err_result(&e, RESULT_CONFLICT, "They withdrew their agreement; it cannot be "
						     "changed");
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	const char *from = refused ? http_form_text(req, "from_version") : NULL;
	/* Saved by someone else since this form was drawn: their text is
	 * kept, the newer version shown beside it, and saving again builds
	 * on the newer one. */
	bool clash = from && strtol(from, NULL, 10) != s->version;
	struct sb page;
	const char *back = arena_printf(req->arena, "%s/%s", stories_url(req), s->id);
	begin(req, &page, "Edit the story", refused, back, "Back to the story");
	if (clash)
		html_printf(&page, "<div class=\"govuk-error-summary\" data-module="
				   "\"govuk-error-summary\"><div role=\"alert\"><h2 class="
				   "\"govuk-error-summary__title\">%s saved version %ld meanwhile"
				   "</h2><div class=\"govuk-error-summary__body\"><p class="
				   "\"govuk-body\">Your changes are kept in the form below. Compare "
				   "them with version %ld, change what is needed, and save again: "
				   "nothing is lost.</p></div></div></div>\n",
			    s->current.made_by_name ? s->current.made_by_name : "Someone else",
			    s->version, s->version);
	if (refused && (!clash || refused->field_count > 0))
		form_errors_summary(&page, refused, NULL, 0, "title");
	html_printf(&page, "<span class=\"govuk-caption-l\">%s’s story</span>\n"
			   "<h1 class=\"govuk-heading-l\">Edit the story</h1>\n",
		    s->person_name);
	if (clash) {
		html_printf(&page, "<div class=\"govuk-inset-text\"><h2 class=\"govuk-heading-m\">"
				   "Version %ld, saved meanwhile: %s</h2>\n",
			    s->version, s->current.title);
		version_body(req, &page, &s->current);
		html_printf(&page, "</div>\n");
	}
	html_printf(&page, "<p class=\"govuk-body\">Saving makes version %ld; every version is "
			   "kept. Beyond the team, it waits for review again.</p>\n"
			   "<form method=\"post\" action=\"%s\" novalidate>\n"
			   "<input type=\"hidden\" name=\"from_version\" value=\"%ld\">\n",
		    s->version + 1, back,
		    from && !clash ? strtol(from, NULL, 10) : s->version);
	people_csrf(req, &page);
	story_fields(req, &page, &s->current, refused);
	html_printf(&page, "<button type=\"submit\" class=\"govuk-button\" "
			   "data-module=\"govuk-button\">Save a new version</button>\n</form>\n");
	return finish(req, res, status, &page);
}

int web_story_edit(struct http_request *req, struct http_response *res)
{
	return edit_page(req, res, 200, NULL);
}

int web_story_update(struct http_request *req, struct http_response *res)
{
	struct story *s;
	struct err e, dates = {0};
	struct story_input in = sent(req, &dates);
	int rc = story_update(req->app->db, req->who, http_path_param(req, "story"),
			      http_path_param(req, "id"), &in, req->arena, &s, &e);
	if (rc == RESULT_INVALID)
		form_date_problems(&e, &dates, NULL, 0);
	/* A clash redraws the form with what they typed (edit_page refuses a
	 * withdrawn story). */
	if (rc == RESULT_CONFLICT)
		return edit_page(req, res, 409, &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, edit_page);
	return to_story(req, res, s->id);
}

int web_story_withdraw(struct http_request *req, struct http_response *res)
{
	const char *withdrawn_on;
	struct err e, dates = {0};
	form_date_read(req, &withdrawn_field, &withdrawn_on, &dates);
	struct story *s;
	int rc = story_withdraw(req->app->db, req->who, http_path_param(req, "story"),
				http_path_param(req, "id"), withdrawn_on,
				http_form_text(req, "withdrawn_how"), req->arena, &s, &e);
	if (rc == RESULT_INVALID)
		form_date_problems(&e, &dates, NULL, 0);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, story_page);
	return to_story(req, res, s->id);
}

/* ---- The team leader's review ------------------------------------------ */

static int waiting_page(struct http_request *req, struct http_response *res, int status,
			const struct err *refused)
{
	struct story *list;
	size_t count;
	struct err e;
	int rc = story_waiting(req->app->db, req->who, req->arena, &list, &count, &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	struct sb page;
	begin(req, &page, "Stories waiting for review", refused, "/staff", "Back to your page");
	const char *failed = refused ? http_path_param(req, "story") : NULL;
	if (refused)
		form_errors_summary(&page, refused, NULL, 0, "decision");
	html_printf(&page, "<h1 class=\"govuk-heading-l\">Stories waiting for review</h1>\n"
			   "<p class=\"govuk-body\">Each person agreed to share their story beyond "
			   "the team. Check it says nothing they would not want said, and that a "
			   "public one identifies no one.</p>\n");
	if (count == 0)
		html_printf(&page, "<p class=\"govuk-body\">None are waiting.</p>\n");
	for (size_t i = 0; i < count; i++) {
		const struct story *s = &list[i];
		bool this = failed && strcmp(failed, s->id) == 0;
		const struct err *err = this ? refused : NULL;
		html_printf(&page, "<div class=\"app-story\"><h2 class=\"govuk-heading-m\">%s</h2>\n"
				   "<p class=\"govuk-body-s\">%s, %s · version %ld</p>\n",
			    s->current.title, s->person_name, s->area_name, s->version);
		version_body(req, &page, &s->current);
		html_printf(&page, "<form method=\"post\" action=\"/team/stories/%s/review\" "
				   "novalidate>\n",
			    s->id);
		people_csrf(req, &page);
		/* The radios' ids are the story's own, each form's. */
		const char *name = this ? "decision" : arena_printf(req->arena, "decision-%s", s->id);
		html_printf(&page, "<div class=\"govuk-form-group%s\"><fieldset class=\"govuk-fieldset\">"
				   "<legend class=\"govuk-fieldset__legend govuk-fieldset__legend--s\">"
				   "Your review</legend>\n",
			    form_errors_for(err, "decision") ? " govuk-form-group--error" : "");
		people_error(&page, name, form_errors_for(err, "decision"));
		html_printf(&page, "<div class=\"govuk-radios\" data-module=\"govuk-radios\">\n");
		for (size_t k = 0; k < 2; k++)
			html_printf(&page, "<div class=\"govuk-radios__item\"><input "
					   "class=\"govuk-radios__input\" id=\"%s%s\" name=\"decision\" "
					   "type=\"radio\" value=\"%s\"%s><label class=\"govuk-label "
					   "govuk-radios__label\" for=\"%s%s\">%s</label></div>\n",
				    name, k ? "-return" : "", decision_options[k][0],
				    this && http_form(req, "decision") &&
						    strcmp(http_form(req, "decision"),
							   decision_options[k][0]) == 0
					    ? " checked"
					    : "",
				    name, k ? "-return" : "", decision_options[k][1]);
		html_printf(&page, "</div></fieldset></div>\n");
		const char *note_id = this ? "note" : arena_printf(req->arena, "note-%s", s->id);
		const char *note_error = form_errors_for(err, "note");
		html_printf(&page, "<div class=\"govuk-form-group%s\"><label class=\"govuk-label\" "
				   "for=\"%s\">A note for the coordinator (needed to return it)</label>\n",
			    note_error ? " govuk-form-group--error" : "", note_id);
		people_error(&page, note_id, note_error);
		html_printf(&page, "<textarea class=\"govuk-textarea\" id=\"%s\" name=\"note\" "
				   "rows=\"2\">%s</textarea></div>\n<button type=\"submit\" "
				   "class=\"govuk-button\" data-module=\"govuk-button\">Save the "
				   "review</button>\n</form></div>\n<hr class=\"govuk-section-break "
				   "govuk-section-break--l govuk-section-break--visible\">\n",
			    note_id, this && http_form(req, "note") ? http_form(req, "note") : "");
	}
	return finish(req, res, status, &page);
}

int web_team_stories(struct http_request *req, struct http_response *res)
{
	return waiting_page(req, res, 200, NULL);
}

int web_team_story_review(struct http_request *req, struct http_response *res)
{
	struct story *s;
	struct err e;
	int rc = story_review(req->app->db, req->who, http_path_param(req, "story"),
			      http_form_text(req, "decision"), http_form_text(req, "note"),
			      req->arena, &s, &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, waiting_page);
	return http_redirect(res, "/team/stories");
}

/* ---- Beyond the team --------------------------------------------------- */

int web_reports_stories(struct http_request *req, struct http_response *res)
{
	struct story *list;
	size_t count;
	struct err e;
	int rc = story_shared(req->app->db, req->who, req->arena, &list, &count, &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	struct sb page;
	begin(req, &page, "Stories people agreed to share", NULL, "/reports", "Back to reports");
	html_printf(&page, "<h1 class=\"govuk-heading-l\">Stories people agreed to share</h1>\n"
			   "<p class=\"govuk-body\">Approved by a team leader. Nobody is named; a "
			   "story shared with the public is shown as agreed for the public, "
			   "without identifying detail.</p>\n");
	if (count == 0)
		html_printf(&page, "<p class=\"govuk-body\">None yet.</p>\n");
	for (size_t i = 0; i < count; i++) {
		const struct story *s = &list[i];
		html_printf(&page, "<div class=\"app-story\"><h2 class=\"govuk-heading-m\">%s</h2>\n"
				   "<p class=\"govuk-body-s\">%s · shared with %s</p>\n",
			    s->current.title, s->area_name,
			    strcmp(s->current.share, "public") == 0 ? "the public" : "the council");
		people_words(&page, s->current.words);
		html_printf(&page, "</div>\n<hr class=\"govuk-section-break govuk-section-break--l "
				   "govuk-section-break--visible\">\n");
	}
	return finish(req, res, 200, &page);
}
