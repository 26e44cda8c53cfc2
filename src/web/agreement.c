/* A person's shared agreement (domain/people/agreement.h), written for the
 * person to read: what they want in their words, the steps toward it and
 * who takes each, when and how they agreed, and whose change each version
 * was.  The same page printed is the copy they keep (web/src/app.scss,
 * "The shared agreement in print").  The form that starts it or makes a
 * new version, the small one that ends it, one version, and two compared. */
#include "core/arena.h"
#include "core/err.h"
#include "core/sb.h"
#include "domain/people/agreement.h"
#include "domain/people/person.h"
#include "domain/people/involvement.h"
#include "http/app.h"
#include "http/http.h"
#include "web/form.h"
#include "web/html.h"
#include "web/pages.h"
#include "web/people.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The words for the domain's values, as the form offers them. */
/* The day an agreement, or its end, was agreed (web/form.h's date input);
 * its legend names the person where it is drawn. */
static const struct form_date agreed_field = {"agreed_on", "The day they agreed", NULL, false,
					      false};
/* Each step's "by when", a date input in every step row: the inputs'
 * names repeat (step_by_when-day, ...), their ids are the row's own. */
static const struct form_date by_when_field = {
	"step_by_when", "By when (optional)", "Only if they want one. For example, 2 3 2026",
	false, false};

static const char *const taker_options[][2] = {
	{"person", "The person themselves"},
	{"coordinator", "The coordinator"},
	{"family", "Family"},
	{"community", "Someone in the community"},
	{"service", "A service"},
};
static const char *const state_options[][2] = {
	{"not_yet", "Not yet"}, {"done", "Done"}, {"changed", "Changed"}};
static const char *const how_options[][2] = {
	{"in_person", "In person"}, {"phone", "By phone"}, {"paper", "On paper"}};

#define COUNT(x) (sizeof(x) / sizeof((x)[0]))

static const char *label(const char *const (*options)[2], size_t count, const char *value)
{
	for (size_t i = 0; value && i < count; i++)
		if (strcmp(options[i][0], value) == 0)
			return options[i][1];
	return value;
}

static bool is(const char *value, const char *what)
{
	return value && strcmp(value, what) == 0;
}

static bool blank(const char *s)
{
	return !s || !*s;
}

/* Who takes a step, as the person reads it: "You", "Priya (your
 * coordinator)" (as typed, else their coordinator's name), "Your sister
 * Ann" as typed. */
static const char *taker_text(struct arena *a, const struct agreement *ag,
			      const struct agreement_step *s)
{
	const char *name = blank(s->taken_by_words) ? NULL : s->taken_by_words;
	if (is(s->taken_by, "person"))
		return "You";
	if (is(s->taken_by, "coordinator")) {
		name = name ? name : ag->coordinator_name;
		return name ? arena_printf(a, "%s (your coordinator)", name) : "Your coordinator";
	}
	if (name)
		return name;
	if (is(s->taken_by, "family"))
		return "Someone in your family";
	if (is(s->taken_by, "community"))
		return "Someone in your community";
	if (is(s->taken_by, "service"))
		return "A service";
	return s->taken_by;
}

/* "in person", "by phone", "on paper". */
static const char *how_text(const char *how)
{
	return is(how, "in_person") ? "in person" : is(how, "phone") ? "by phone"
			       : is(how, "paper") ? "on paper" : how;
}

/* Who asked, when the person did: the member it was asked for through,
 * whoever's page it is read on. */
static const char *asker(const struct agreement_version *v)
{
	return v->asked_by_person_name ? v->asked_by_person_name : "the person";
}

/* Whose change a version was, the person's act shown as theirs. */
static const char *asked_text(struct arena *a, const struct agreement_version *v)
{
	const char *who = asker(v);
	if (is(v->state, "ended"))
		return is(v->asked_by, "person") ? arena_printf(a, "Ended by %s", who)
		       : is(v->asked_by, "together") ? "Ended by agreement"
						      : "Ended by the coordinator";
	if (v->version == 1)
		return is(v->asked_by, "person") ? arena_printf(a, "Started at %s’s request", who)
		       : is(v->asked_by, "together") ? "Started together"
						      : "Started at the coordinator’s suggestion";
	return is(v->asked_by, "person") ? arena_printf(a, "Changed at %s’s request", who)
	       : is(v->asked_by, "together") ? "Changed together"
					      : "Changed at the coordinator’s suggestion";
}

/* "at Sam's request", for a change in the comparison. */
static const char *asked_short(struct arena *a, const struct agreement_version *v)
{
	return is(v->asked_by, "person") ? arena_printf(a, "at %s’s request", asker(v))
	       : is(v->asked_by, "together") ? "agreed together"
					      : "at the coordinator’s suggestion";
}

/* Words as typed, a line break where they made one. */
static void lines(struct sb *page, const char *words)
{
	bool first = true;
	while (words && *words) {
		size_t n = strcspn(words, "\n");
		size_t shown = n && words[n - 1] == '\r' ? n - 1 : n;
		if (!first)
			html_printf(page, "<br>");
		html_printf(page, "%.*s", (int)shown, words);
		first = false;
		words += n + (words[n] == '\n');
	}
}

static const char *person_url(struct http_request *req)
{
	return arena_printf(req->arena, "/staff/people/%s", http_path_param(req, "id"));
}

static const char *agreement_url(struct http_request *req)
{
	return arena_printf(req->arena, "%s/agreement", person_url(req));
}

/* The earlier agreement a reading page shows, by its involvement, or NULL
 * for the person's own. */
static const char *shown_involvement(struct http_request *req)
{
	return http_query(req, "involvement");
}

/* What a link from a reading page keeps to stay with the agreement it
 * shows: "?involvement=..." or "". */
static const char *shown_query(struct http_request *req)
{
	const char *id = shown_involvement(req);
	return id ? arena_printf(req->arena, "?involvement=%s", id) : "";
}

/* ---- Reading ---------------------------------------------------------- */

static void step_item(struct http_request *req, struct sb *page, const struct agreement *ag,
		      const struct agreement_step *s)
{
	html_printf(page, "<li class=\"app-agreement__step\"><p class=\"govuk-body "
			  "govuk-!-margin-bottom-1\">");
	lines(page, s->words);
	html_printf(page, "</p>\n<p class=\"govuk-body-s govuk-!-margin-bottom-0\">Who: "
			  "<strong>%s</strong>",
		    taker_text(req->arena, ag, s));
	if (!blank(s->by_when))
		html_printf(page, " · By %s", people_date(req->arena, s->by_when));
	const char *state = s->status ? s->status : "not_yet";
	html_printf(page, " · <strong class=\"govuk-tag %s\">%s</strong></p></li>\n",
		    is(state, "done") ? "govuk-tag--green" : is(state, "changed") ? "govuk-tag--purple"
										: "govuk-tag--grey",
		    label(state_options, COUNT(state_options), state));
}

/* One version as the person reads it: the same on the agreement's page,
 * on one version's page and on paper. */
static void version_body(struct http_request *req, struct sb *page, const struct agreement *ag,
			 const struct agreement_version *v)
{
	struct arena *a = req->arena;
	bool ended = is(v->state, "ended");
	html_printf(page, "<p class=\"govuk-body-l\">%s on %s, %s.</p>\n",
		    ended ? "Ended" : v->version == 1 ? "Agreed" : "Changed",
		    people_date(a, v->agreed_on), how_text(v->agreed_how));
	html_printf(page, "<p class=\"govuk-body\"><strong>%s</strong>", asked_text(a, v));
	if (!blank(v->why)) {
		html_printf(page, ": “");
		lines(page, v->why);
		html_printf(page, "”");
	}
	html_printf(page, ".</p>\n");
	if (ended)
		html_printf(page, "<div class=\"govuk-inset-text\">This agreement has ended. "
				  "Below is what was agreed until then.</div>\n");
	if (v->goal_count == 0)
		html_printf(page, "<p class=\"govuk-body\">No goals written.</p>\n");
	html_printf(page, "<ol class=\"govuk-list app-agreement__goals\">\n");
	for (size_t g = 0; g < v->goal_count; g++) {
		const struct agreement_goal *goal = &v->goals[g];
		html_printf(page, "<li class=\"app-agreement__goal\"><h2 class=\"govuk-heading-m "
				  "govuk-!-margin-bottom-2\">");
		lines(page, goal->words);
		html_printf(page, "</h2>\n");
		if (goal->step_count == 0)
			html_printf(page, "<p class=\"govuk-body\">No steps written yet.</p>\n");
		else
			html_printf(page, "<h3 class=\"govuk-heading-s govuk-!-margin-bottom-2\">"
					  "Steps toward it</h3>\n<ul class=\"govuk-list "
					  "app-agreement__steps\">\n");
		for (size_t s = 0; s < goal->step_count; s++)
			step_item(req, page, ag, &goal->steps[s]);
		if (goal->step_count)
			html_printf(page, "</ul>\n");
		html_printf(page, "</li>\n");
	}
	html_printf(page, "</ol>\n");
	if (!blank(v->other_plan_service) || !blank(v->other_plan_reference) ||
	    !blank(v->other_plan_note)) {
		html_printf(page, "<h2 class=\"govuk-heading-s\">A plan another service holds</h2>\n"
				  "<p class=\"govuk-body\">%s", blank(v->other_plan_service)
								? "Another service"
								: v->other_plan_service);
		if (!blank(v->other_plan_reference))
			html_printf(page, ", their reference %s", v->other_plan_reference);
		html_printf(page, ". The plan is theirs; this agreement only points to it.</p>\n");
		if (!blank(v->other_plan_note)) {
			html_printf(page, "<p class=\"govuk-body\">");
			lines(page, v->other_plan_note);
			html_printf(page, "</p>\n");
		}
	}
}

/* Who to contact, said once: the copy they keep names their coordinator. */
static void coordinator_line(struct sb *page, const struct agreement *ag)
{
	if (ag->coordinator_name)
		html_printf(page, "<p class=\"govuk-body\">Your coordinator is %s.</p>\n",
			    ag->coordinator_name);
}

/* The heading every reading page shares. */
static void reading_top(struct http_request *req, struct sb *page, const struct agreement *ag,
			const char *caption)
{
	html_printf(page, "<a class=\"govuk-back-link app-no-print\" href=\"%s\">Back to %s</a>\n"
			  "<div class=\"app-agreement\">\n<span class=\"govuk-caption-l\">%s</span>\n"
			  "<h1 class=\"govuk-heading-l\">What %s wants</h1>\n",
		    person_url(req), ag->person_name, caption, ag->person_name);
}

/* Two versions to compare, the two latest chosen. */
static void compare_form(struct http_request *req, struct sb *page, const struct agreement *ag)
{
	html_printf(page, "<form method=\"get\" action=\"%s/compare\" class=\"app-agreement__compare\">\n"
			  "<h2 class=\"govuk-heading-m\">Compare two versions</h2>\n",
		    agreement_url(req));
	static const char *const ends[][2] = {{"from", "From version"}, {"to", "To version"}};
	for (size_t i = 0; i < 2; i++) {
		long chosen = i == 0 ? ag->version - 1 : ag->version;
		html_printf(page, "<div class=\"govuk-form-group app-agreement__pick\"><label "
				  "class=\"govuk-label\" for=\"%s\">%s</label>\n<select "
				  "class=\"govuk-select\" id=\"%s\" name=\"%s\">\n",
			    ends[i][0], ends[i][1], ends[i][0], ends[i][0]);
		for (size_t v = 0; v < ag->version_count; v++)
			html_printf(page, "<option value=\"%ld\"%s>%ld</option>\n",
				    ag->versions[v].version,
				    ag->versions[v].version == chosen ? " selected" : "",
				    ag->versions[v].version);
		html_printf(page, "</select></div>\n");
	}
	if (shown_involvement(req))
		html_printf(page, "<input type=\"hidden\" name=\"involvement\" value=\"%s\">\n",
			    shown_involvement(req));
	html_printf(page, "<div><button type=\"submit\" class=\"govuk-button govuk-button--secondary\" "
			  "data-module=\"govuk-button\">Compare</button></div>\n</form>\n");
}

/* Every version, newest first, with who made it and who asked. */
static void version_list(struct http_request *req, struct sb *page, const struct agreement *ag)
{
	html_printf(page, "<h2 class=\"govuk-heading-m\">Every version</h2>\n"
			  "<table class=\"govuk-table app-agreement__versions\">\n<thead "
			  "class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
			  "<th scope=\"col\" class=\"govuk-table__header\">Version</th>"
			  "<th scope=\"col\" class=\"govuk-table__header\">Agreed on</th>"
			  "<th scope=\"col\" class=\"govuk-table__header\">Whose change</th>"
			  "</tr></thead>\n<tbody class=\"govuk-table__body\">\n");
	for (size_t i = ag->version_count; i-- > 0;) {
		const struct agreement_version *v = &ag->versions[i];
		html_printf(page, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">"
				  "<a class=\"govuk-link\" href=\"%s/versions/%ld%s\">Version %ld</a>%s</td>"
				  "<td class=\"govuk-table__cell\">%s</td><td class=\"govuk-table__cell\">"
				  "%s, written up by %s</td></tr>\n",
			    agreement_url(req), v->version, shown_query(req), v->version,
			    v->version != ag->version ? ""
			    : shown_involvement(req) ? " (its last)"
						     : " (now)",
			    people_date(req->arena, v->agreed_on), asked_text(req->arena, v),
			    v->made_by_name ? v->made_by_name : "the system");
	}
	html_printf(page, "</tbody></table>\n");
	if (ag->version_count > 1)
		compare_form(req, page, ag);
}

/* "3 March 2025 to 1 May 2025", "3 March 2025 to now". */
static const char *stretch(struct arena *a, const char *started_on, const char *ended_on)
{
	return arena_printf(a, "%s to %s", people_date(a, started_on),
			    ended_on ? people_date(a, ended_on) : "now");
}

/* The person's agreements (agreement_list) from other times walking
 * alongside than the one shown (shown: its involvement, NULL when none),
 * kept to read. */
static void earlier_list(struct http_request *req, struct sb *page,
			 const struct agreement_summary *list, size_t count, const char *shown)
{
	size_t listed = 0;
	for (size_t i = 0; i < count; i++) {
		const struct agreement_summary *x = &list[i];
		if (shown && strcmp(x->involvement_id, shown) == 0)
			continue;
		if (listed++ == 0)
			html_printf(page, "<h2 class=\"govuk-heading-m\">Earlier agreements</h2>\n"
					  "<p class=\"govuk-body\">Each time walking alongside has "
					  "its own. The earlier ones are kept, to read.</p>\n"
					  "<ul class=\"govuk-list govuk-list--spaced "
					  "app-agreement__earlier\">\n");
		html_printf(page, "<li><a class=\"govuk-link\" href=\"%s?involvement=%s\">"
				  "Walking alongside from %s</a><br><span class=\"govuk-body-s\">"
				  "%s %s, version %ld</span></li>\n",
			    agreement_url(req), x->involvement_id,
			    stretch(req->arena, x->started_on, x->ended_on),
			    is(x->state, "ended") ? "Ended on" : "Last agreed on",
			    people_date(req->arena, x->agreed_on), x->version);
	}
	if (listed)
		html_printf(page, "</ul>\n");
}

/* The person's open involvement, or NULL. */
static const struct involvement *open_involvement(const struct person *p)
{
	for (size_t i = 0; i < p->involvement_count; i++)
		if (!p->involvements[i].ended_on)
			return &p->involvements[i];
	return NULL;
}

/* Whether a change can be made: its involvement is open and still one of
 * walking alongside (it may have become short-term help). */
static bool changeable(const struct agreement *ag)
{
	return ag->open && is(ag->involvement_kind, "walking_alongside");
}

/* No agreement yet: why, and the way to agree one when it can be. */
static int none_yet(struct http_request *req, struct http_response *res)
{
	struct person *p;
	struct err e;
	int rc = person_get(req->app->db, req->who, http_path_param(req, "id"), req->arena, &p, &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	const char *called = p->preferred_name ? p->preferred_name : p->name;
	const struct involvement *open = open_involvement(p);
	struct agreement_summary *earlier;
	size_t earlier_count;
	rc = agreement_list(req->app->db, req->who, http_path_param(req, "id"), req->arena,
			    &earlier, &earlier_count, &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	struct sb page;
	sb_init(&page, req->arena, PAGE_MAX_BYTES);
	page_begin(req, &page, arena_printf(req->arena, "Shared agreement: %s", called));
	html_printf(&page, "<a class=\"govuk-back-link\" href=\"%s\">Back to %s</a>\n"
			   "<span class=\"govuk-caption-l\">%s</span>\n<h1 class=\"govuk-heading-l\">"
			   "Shared agreement</h1>\n<p class=\"govuk-body\">%s has no shared agreement "
			   "%s. It is what they want to work toward, in their own words, with the "
			   "steps toward it and who takes each one. It is theirs to change or end.</p>\n",
		    person_url(req), called, called, called,
		    earlier_count && open ? "for this time walking alongside yet" : "yet");
	if (open && is(open->kind, "walking_alongside"))
		html_printf(&page, "<a class=\"govuk-button\" data-module=\"govuk-button\" "
				   "href=\"%s/edit\">Agree a shared agreement</a>\n",
			    agreement_url(req));
	else if (open)
		html_printf(&page, "<p class=\"govuk-body\">%s is getting short-term help. A shared "
				   "agreement is part of walking alongside someone: if that is what "
				   "you are doing now, change their involvement to walking alongside "
				   "on <a class=\"govuk-link\" href=\"%s\">their page</a> first.</p>\n",
			    called, person_url(req));
	else
		html_printf(&page, "<p class=\"govuk-body\">%s is not involved with us at the moment, "
				   "so there is no agreement to start.</p>\n",
			    called);
	earlier_list(req, &page, earlier, earlier_count, NULL);
	page_end(req, &page);
	return http_send_html(req, res, 200, &page);
}

/* The end form's fields, shared with the main form's "how it was agreed". */
static void agreed_fields(struct http_request *req, struct sb *page, const struct agreement *ag,
			  bool ending, bool sent, const struct err *e)
{
	struct arena *a = req->arena;
	const char *who = ag->person_name;
	const char *asked[3][2] = {
		{"person", arena_printf(a, ending ? "%s asked to end it" : "%s asked for it", who)},
		{"together", ending ? "We agreed together to end it" : "We agreed it together"},
		{"coordinator", ending ? "The coordinator ended it" : "The coordinator suggested it"},
	};
	form_radios(page, "asked_by", ending ? "Who asked to end it?" : "Whose idea was it?", NULL,
		    (const char *const(*)[2])asked, 3, sent ? http_form(req, "asked_by") : NULL,
		    form_errors_for(e, "asked_by"));
	html_printf(page, "<div class=\"govuk-form-group%s\"><label class=\"govuk-label\" for=\"why\">"
			  "Why, in %s’s words (optional)</label>\n",
		    form_errors_for(e, "why") ? " govuk-form-group--error" : "", who);
	people_error(page, "why", form_errors_for(e, "why"));
	html_printf(page, "<textarea class=\"govuk-textarea\" id=\"why\" name=\"why\" rows=\"2\"%s>%s"
			  "</textarea></div>\n",
		    form_errors_for(e, "why") ? " aria-describedby=\"why-error\"" : "",
		    sent ? http_form(req, "why") : "");
	struct form_date on = agreed_field;
	on.legend = arena_printf(a, "When did %s agree?", who);
	form_date_input(page, req, &on, people_today(a), form_errors_for(e, "agreed_on"));
	form_radios(page, "agreed_how", arena_printf(a, "How did %s agree?", who), NULL, how_options,
		    COUNT(how_options), sent ? http_form(req, "agreed_how") : NULL,
		    form_errors_for(e, "agreed_how"));
}

/* The domain's messages for the radios name the values a program sends;
 * the page says them in words. */
static void radio_words(struct err *e)
{
	static const char *const words[][2] = {
		{"asked_by", "Say whose idea it was"},
		{"agreed_how", "Say how they agreed: in person, by phone or on paper"},
	};
	for (size_t i = 0; i < e->field_count; i++)
		for (size_t j = 0; j < COUNT(words); j++)
			if (strcmp(e->fields[i].path, words[j][0]) == 0)
				snprintf(e->fields[i].message, sizeof e->fields[i].message, "%s",
					 words[j][1]);
}

/* A form's problems in the arena, each at its input's id (names: {path,
 * id} pairs) and in the page's words. */
static struct err *problems(struct arena *a, const struct err *refused,
			    const char *const (*names)[2], size_t count)
{
	if (!refused)
		return NULL;
	struct err *e = arena_alloc(a, sizeof *e);
	err_copy(e, refused);
	form_rename_fields(e, names, count);
	radio_words(e);
	/* In the page's order: the goals and steps come first. */
	struct err_field *fields = arena_alloc(a, sizeof e->fields);
	size_t n = 0;
	for (int rows_first = 1; rows_first >= 0; rows_first--)
		for (size_t i = 0; i < e->field_count; i++) {
			const char *path = e->fields[i].path;
			bool row = strncmp(path, "goal_", 5) == 0 || strncmp(path, "step_", 5) == 0;
			if (row == (rows_first == 1))
				fields[n++] = e->fields[i];
		}
	memcpy(e->fields, fields, n * sizeof *fields);
	return e;
}

/* Which time walking alongside an earlier agreement was of, and the way
 * back to the person's own. */
static void earlier_note(struct http_request *req, struct sb *page, const struct agreement *ag)
{
	html_printf(page, "<div class=\"govuk-inset-text app-no-print\">This agreement is from an "
			  "earlier time walking alongside %s, from %s. <a class=\"govuk-link\" "
			  "href=\"%s\">Their agreement now</a></div>\n",
		    ag->person_name, stretch(req->arena, ag->started_on, ag->ended_on),
		    agreement_url(req));
}

/* The actions under the agreement: change it, end it (a small form, open
 * when it was refused). */
static void actions(struct http_request *req, struct sb *page, const struct agreement *ag,
		    const struct err *refused)
{
	if (!ag->open) {
		html_printf(page, "<p class=\"govuk-body app-no-print\">The involvement this agreement "
				  "belonged to has ended, so it can only be read.</p>\n");
		return;
	}
	if (!changeable(ag)) {
		html_printf(page, "<p class=\"govuk-body app-no-print\">%s is getting short-term help "
				  "just now, so this agreement can only be read. A shared agreement is "
				  "part of walking alongside someone: if that is what you are doing "
				  "again, change their involvement to walking alongside on <a "
				  "class=\"govuk-link\" href=\"%s\">their page</a> first.</p>\n",
			    ag->person_name, person_url(req));
		return;
	}
	bool ended = is(ag->current->state, "ended");
	html_printf(page, "<div class=\"app-no-print\">\n<p class=\"govuk-body\">To give %s a copy, "
			  "print this page: it prints as the agreement alone.</p>\n"
			  "<a class=\"govuk-button\" data-module=\"govuk-button\" href=\"%s/edit\">%s</a>\n",
		    ag->person_name, agreement_url(req),
		    ended ? "Put an agreement in place again" : "Change the agreement");
	if (!ended) {
		html_printf(page, "<details class=\"govuk-details\" id=\"end\"%s><summary "
				  "class=\"govuk-details__summary\"><span class=\"govuk-details__summary-text\">"
				  "End the agreement</span></summary><div class=\"govuk-details__text\">\n"
				  "<form method=\"post\" action=\"%s/end\" novalidate>\n",
			    refused ? " open" : "", agreement_url(req));
		people_csrf(req, page);
		html_printf(page, "<input type=\"hidden\" name=\"from_version\" value=\"%ld\">\n",
			    ag->version);
		agreed_fields(req, page, ag, true, refused != NULL, refused);
		html_printf(page, "<button type=\"submit\" class=\"govuk-button govuk-button--warning\" "
				  "data-module=\"govuk-button\">End the agreement</button>\n</form>"
				  "</div></details>\n");
	}
	html_printf(page, "</div>\n");
}

/* The agreement's page; refused: the end form's problems, or a change
 * made meanwhile. */
static int agreement_page(struct http_request *req, struct http_response *res, int status,
			  const struct err *sent_back)
{
	const struct err *refused = problems(req->arena, sent_back, NULL, 0);
	struct agreement *ag;
	struct err e;
	const char *earlier = shown_involvement(req);
	int rc = agreement_get(req->app->db, req->who, http_path_param(req, "id"), earlier,
			       req->arena, &ag, &e);
	if (rc == RESULT_NOT_FOUND && is(e.subject, "agreement") && !earlier)
		return none_yet(req, res);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	/* The others are listed under the person's own, not under an
	 * earlier one: that links back to the person's own. */
	struct agreement_summary *others = NULL;
	size_t other_count = 0;
	if (!earlier)
		rc = agreement_list(req->app->db, req->who, http_path_param(req, "id"), req->arena,
				    &others, &other_count, &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	struct sb page;
	sb_init(&page, req->arena, PAGE_MAX_BYTES);
	page_begin(req, &page, arena_printf(req->arena, "%sWhat %s wants", refused ? "Error: " : "",
					    ag->person_name));
	if (refused)
		form_errors_summary(&page, refused, NULL, 0, "asked_by");
	reading_top(req, &page, ag, earlier ? "An earlier shared agreement" : "Our shared agreement");
	if (earlier)
		earlier_note(req, &page, ag);
	version_body(req, &page, ag, ag->current);
	coordinator_line(&page, ag);
	html_printf(&page, "</div>\n");
	actions(req, &page, ag, refused);
	html_printf(&page, "<div class=\"app-no-print\">\n");
	version_list(req, &page, ag);
	earlier_list(req, &page, others, other_count, ag->involvement_id);
	html_printf(&page, "</div>\n");
	page_end(req, &page);
	return http_send_html(req, res, status, &page);
}

int web_agreement(struct http_request *req, struct http_response *res)
{
	return agreement_page(req, res, 200, NULL);
}

static long number(const char *s)
{
	return s ? strtol(s, NULL, 10) : 0;
}

int web_agreement_version(struct http_request *req, struct http_response *res)
{
	struct agreement *ag;
	struct err e;
	int rc = agreement_version_get(req->app->db, req->who, http_path_param(req, "id"),
				       shown_involvement(req), number(http_path_param(req, "n")),
				       req->arena, &ag, &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	const struct agreement_version *v = ag->current;
	struct sb page;
	sb_init(&page, req->arena, PAGE_MAX_BYTES);
	page_begin(req, &page, arena_printf(req->arena, "What %s wants: version %ld",
					    ag->person_name, v->version));
	reading_top(req, &page, ag, arena_printf(req->arena, "Our shared agreement, version %ld",
						  v->version));
	version_body(req, &page, ag, v);
	coordinator_line(&page, ag);
	html_printf(&page, "</div>\n");
	if (v->version != ag->version)
		html_printf(&page, "<div class=\"govuk-inset-text app-no-print\">This is an earlier "
				   "version. <a class=\"govuk-link\" href=\"%s%s\">The agreement as it is "
				   "now</a> is version %ld.</div>\n",
			    agreement_url(req), shown_query(req), ag->version);
	page_end(req, &page);
	return http_send_html(req, res, 200, &page);
}

/* ---- Comparing -------------------------------------------------------- */

/* One field of a step or goal, in words, for "from ... to ...". */
static const char *field_value(struct arena *a, const struct agreement *ag, const char *field,
			       const struct agreement_goal *g, const struct agreement_step *s)
{
	if (!s)
		return g ? g->words : NULL;
	if (strcmp(field, "status") == 0)
		return label(state_options, COUNT(state_options), s->status ? s->status : "not_yet");
	if (strcmp(field, "taken_by") == 0 || strcmp(field, "taken_by_words") == 0)
		return taker_text(a, ag, s);
	if (strcmp(field, "by_when") == 0)
		return blank(s->by_when) ? "no date" : people_date(a, s->by_when);
	return s->words;
}

static const char *field_name(const char *field)
{
	return strcmp(field, "status") == 0 ? "where it has got to"
	       : strcmp(field, "taken_by") == 0 || strcmp(field, "taken_by_words") == 0 ? "who takes it"
	       : strcmp(field, "by_when") == 0 ? "by when"
					       : "the words";
}

/* "Changed: where it has got to from Not yet to Done; the words." */
static void changed_fields(struct http_request *req, struct sb *page, const struct agreement *ag,
			   const struct agreement_item_change *c)
{
	html_printf(page, "Changed: ");
	const char *fields = c->fields ? c->fields : "words";
	bool first = true, who_said = false;
	while (*fields) {
		size_t n = strcspn(fields, ",");
		const char *field = arena_strndup(req->arena, fields, n);
		fields += n + (fields[n] == ',');
		bool who = strcmp(field, "taken_by") == 0 || strcmp(field, "taken_by_words") == 0;
		if (who && who_said)
			continue;
		who_said = who_said || who;
		html_printf(page, "%s%s", first ? "" : "; ", field_name(field));
		first = false;
		if (strcmp(field, "words") != 0 && c->step_before)
			html_printf(page, " from %s to %s",
				    field_value(req->arena, ag, field, c->goal_before, c->step_before),
				    field_value(req->arena, ag, field, c->goal_after, c->step_after));
	}
}

/* One side of a change: the goal's or the step's words in one version. */
static void side(struct sb *page, const char *heading, const struct agreement_item_change *c,
		 bool before)
{
	html_printf(page, "<div class=\"govuk-grid-column-one-half\"><p class=\"govuk-body-s "
			  "govuk-!-margin-bottom-1\">%s</p><p class=\"govuk-body\">",
		    heading);
	const struct agreement_goal *g = before ? c->goal_before : c->goal_after;
	const struct agreement_step *s = before ? c->step_before : c->step_after;
	const char *words = c->step_key ? (s ? s->words : NULL) : (g ? g->words : NULL);
	if (words)
		lines(page, words);
	else
		html_printf(page, "<span class=\"govuk-hint\">Not there</span>");
	html_printf(page, "</p></div>\n");
}

static void change_item(struct http_request *req, struct sb *page, const struct agreement *ag,
			const struct agreement_comparison *cmp,
			const struct agreement_item_change *c)
{
	static const char *const what[] = {
		[AGREEMENT_ADDED] = "Added", [AGREEMENT_REMOVED] = "Removed",
		[AGREEMENT_CHANGED] = "Changed"};
	static const char *const colour[] = {
		[AGREEMENT_ADDED] = "govuk-tag--green", [AGREEMENT_REMOVED] = "govuk-tag--red",
		[AGREEMENT_CHANGED] = "govuk-tag--yellow"};
	const struct agreement_goal *goal = c->goal_after ? c->goal_after : c->goal_before;
	html_printf(page, "<li class=\"app-agreement__change\"><p class=\"govuk-body "
			  "govuk-!-margin-bottom-2\"><strong class=\"govuk-tag %s\">%s</strong> ",
		    colour[c->difference], what[c->difference]);
	if (c->step_key) {
		html_printf(page, "A step toward “");
		lines(page, goal ? goal->words : NULL);
		html_printf(page, "”");
	} else {
		html_printf(page, "A goal");
	}
	html_printf(page, "</p>\n");
	if (c->difference == AGREEMENT_CHANGED) {
		html_printf(page, "<p class=\"govuk-body govuk-!-margin-bottom-2\">");
		changed_fields(req, page, ag, c);
		html_printf(page, ".</p>\n");
	}
	html_printf(page, "<div class=\"govuk-grid-row\">\n");
	side(page, arena_printf(req->arena, "Version %ld", cmp->from->version), c, true);
	side(page, arena_printf(req->arena, "Version %ld", cmp->to->version), c, false);
	html_printf(page, "</div>\n");
	if (c->by)
		html_printf(page, "<p class=\"govuk-body-s\">In version %ld, written up by %s, %s.</p>\n",
			    c->by->version, c->by->made_by_name ? c->by->made_by_name : "the system",
			    asked_short(req->arena, c->by));
	html_printf(page, "</li>\n");
}

int web_agreement_compare(struct http_request *req, struct http_response *res)
{
	struct agreement *ag;
	struct agreement_comparison cmp;
	struct err e;
	int rc = agreement_compare(req->app->db, req->who, http_path_param(req, "id"),
				   shown_involvement(req), number(http_query(req, "from")), number(http_query(req, "to")),
				   req->arena, &ag, &cmp, &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	struct arena *a = req->arena;
	struct sb page;
	sb_init(&page, a, PAGE_MAX_BYTES);
	const char *title = arena_printf(a, "What changed between version %ld and version %ld",
					 cmp.from->version, cmp.to->version);
	page_begin(req, &page, title);
	html_printf(&page, "<a class=\"govuk-back-link\" href=\"%s%s\">Back to the agreement</a>\n"
			   "<span class=\"govuk-caption-l\">What %s wants</span>\n"
			   "<h1 class=\"govuk-heading-l\">%s</h1>\n<ul class=\"govuk-list\">\n",
		    agreement_url(req), shown_query(req), ag->person_name, title);
	for (size_t i = 0; i < cmp.between_count; i++) {
		const struct agreement_version *v = &cmp.between[i];
		html_printf(&page, "<li><a class=\"govuk-link\" href=\"%s/versions/%ld%s\">Version %ld"
				   "</a>: %s, agreed on %s %s, written up by %s",
			    agreement_url(req), v->version, shown_query(req), v->version,
			    asked_text(a, v),
			    people_date(a, v->agreed_on), how_text(v->agreed_how),
			    v->made_by_name ? v->made_by_name : "the system");
		if (!blank(v->why)) {
			html_printf(&page, ": “");
			lines(&page, v->why);
			html_printf(&page, "”");
		}
		html_printf(&page, ".</li>\n");
	}
	html_printf(&page, "</ul>\n");
	if (cmp.change_count == 0)
		html_printf(&page, "<p class=\"govuk-body\">The goals and steps are the same in both "
				   "versions.</p>\n");
	else
		html_printf(&page, "<ol class=\"govuk-list app-agreement__changes\">\n");
	for (size_t i = 0; i < cmp.change_count; i++)
		change_item(req, &page, ag, &cmp, &cmp.changes[i]);
	if (cmp.change_count)
		html_printf(&page, "</ol>\n");
	page_end(req, &page);
	return http_send_html(req, res, 200, &page);
}

/* ---- The form: start it, or make a new version ------------------------ */

/* The form's rows as drawn and as sent: a goal row's steps are the step
 * rows whose step_goal is its index, so each step maps to its goal. */
struct step_row {
	const char *key, *words, *taken_by, *taken_by_words, *by_when, *status;
	/* The date as the row's fields sent it (NULL: drawn from a version,
	 * by_when the stored date); by_when is then form_row_date_read's. */
	const struct form_date_parts *when;
};

struct goal_row {
	const char *key, *words;
	struct step_row *steps;
	size_t step_count;
};

struct rows {
	struct goal_row goals[AGREEMENT_GOALS_MAX + 1];
	size_t goal_count;
};

static struct goal_row *new_goal(struct arena *a, struct rows *r)
{
	struct goal_row *g = &r->goals[r->goal_count++];
	*g = (struct goal_row){.steps = arena_alloc(a, (AGREEMENT_STEPS_MAX + 1) * sizeof *g->steps)};
	return g;
}

/* An empty goal with that many empty steps, when there is room. */
static void blank_goal(struct arena *a, struct rows *r, size_t steps)
{
	if (r->goal_count >= AGREEMENT_GOALS_MAX)
		return;
	struct goal_row *g = new_goal(a, r);
	for (size_t i = 0; i < steps; i++)
		g->steps[g->step_count++] = (struct step_row){0};
}

/* Room to write more: an empty step under every goal that has room, and
 * an empty goal. */
static void add_blanks(struct arena *a, struct rows *r)
{
	for (size_t i = 0; i < r->goal_count; i++)
		if (r->goals[i].step_count < AGREEMENT_STEPS_MAX)
			r->goals[i].steps[r->goals[i].step_count++] = (struct step_row){0};
	blank_goal(a, r, 1);
}

static void rows_from_version(struct arena *a, struct rows *r, const struct agreement_version *v)
{
	r->goal_count = 0;
	for (size_t i = 0; v && i < v->goal_count && i < AGREEMENT_GOALS_MAX; i++) {
		const struct agreement_goal *goal = &v->goals[i];
		struct goal_row *g = new_goal(a, r);
		g->key = goal->key;
		g->words = goal->words;
		for (size_t j = 0; j < goal->step_count && j < AGREEMENT_STEPS_MAX; j++) {
			const struct agreement_step *s = &goal->steps[j];
			g->steps[g->step_count++] = (struct step_row){
				s->key, s->words, s->taken_by, s->taken_by_words, s->by_when, s->status, NULL};
		}
	}
}

/* The goal row a step names: a row sent, else -1. */
static long goal_row_of(const char *s, size_t goal_rows)
{
	char *end = NULL;
	long n = s && *s >= '0' && *s <= '9' ? strtol(s, &end, 10) : -1;
	return n >= 0 && *end == '\0' && (size_t)n < goal_rows ? n : -1;
}

/* The rows as sent, each step's date read with its problem in dates;
 * false when the repeated fields do not line up (a count that differs, a
 * step naming a goal row not sent), which the form never sends: only a
 * hand-made or broken request. */
static bool rows_from_form(struct http_request *req, struct rows *r, struct err *dates)
{
	size_t n_words, n_keys, n_steps, n_of, n_skeys, n_by, n_byw, n_when, n_status;
	const char **words = http_form_all(req, "goal", &n_words);
	const char **keys = http_form_all(req, "goal_key", &n_keys);
	const char **steps = http_form_all(req, "step", &n_steps);
	const char **of = http_form_all(req, "step_goal", &n_of);
	const char **skeys = http_form_all(req, "step_key", &n_skeys);
	const char **by = http_form_all(req, "step_taken_by", &n_by);
	const char **byw = http_form_all(req, "step_taken_by_words", &n_byw);
	const struct form_date_parts *when = form_row_dates(req, by_when_field.name, &n_when);
	const char **status = http_form_all(req, "step_status", &n_status);
	r->goal_count = 0;
	if (n_keys != n_words || n_of != n_steps || n_skeys != n_steps || n_by != n_steps ||
	    n_byw != n_steps || n_when != n_steps || n_status != n_steps)
		return false;
	for (size_t i = 0; i < n_steps; i++)
		if (goal_row_of(of[i], n_words) < 0)
			return false;
	/* Rows past the most the domain takes are not read: one more is,
	 * so it refuses them in words. */
	for (size_t i = 0; i < n_words && i < AGREEMENT_GOALS_MAX + 1; i++) {
		struct goal_row *g = new_goal(req->arena, r);
		g->words = words[i];
		g->key = keys[i];
	}
	for (size_t i = 0; i < n_steps; i++) {
		size_t goal = (size_t)goal_row_of(of[i], n_words);
		if (goal >= r->goal_count || r->goals[goal].step_count > AGREEMENT_STEPS_MAX)
			continue;
		struct goal_row *g = &r->goals[goal];
		struct step_row *s = &g->steps[g->step_count];
		*s = (struct step_row){skeys[i], steps[i], by[i], byw[i], NULL, status[i], &when[i]};
		form_row_date_read(req->arena,
				   arena_printf(req->arena, "step_%zu_%zu_by_when", goal, g->step_count),
				   &by_when_field, s->when, &s->by_when, dates);
		g->step_count++;
	}
	return true;
}

/* A form whose rows do not line up, answered as the server answers a
 * form it cannot read. */
static int bad_rows(struct http_request *req, struct http_response *res)
{
	return http_send_error(req, res, 400, "bad_form",
			       "The form could not be read: its goals and steps do not line up. "
			       "Go back to the agreement and make the change again.");
}

/* s, or NULL when it is only white space: a textarea left empty may still
 * send a line break, and a row of such is a row left empty. */
static const char *unless_blank(const char *s)
{
	if (!s)
		return NULL;
	for (const char *p = s; *p; p++)
		if (*p != ' ' && *p != '\t' && *p != '\r' && *p != '\n')
			return s;
	return NULL;
}

static bool step_blank(const struct step_row *s)
{
	return !unless_blank(s->words) && !unless_blank(s->taken_by) &&
	       !unless_blank(s->taken_by_words) && !unless_blank(s->by_when);
}

static bool goal_blank(const struct goal_row *g)
{
	for (size_t i = 0; i < g->step_count; i++)
		if (!step_blank(&g->steps[i]))
			return false;
	return !unless_blank(g->words);
}

/* The domain's goals from the rows, leaving out empty rows (how a goal or
 * step is taken out), and the names of the inputs each domain path
 * ("goals.1.steps.0.taken_by") belongs to. */
struct mapped {
	struct agreement_goal_input *goals;
	size_t goal_count;
	const char *(*names)[2];
	size_t name_count;
};

static void name_pair(struct mapped *m, const char *path, const char *id)
{
	m->names[m->name_count][0] = path;
	m->names[m->name_count][1] = id;
	m->name_count++;
}

static void map_rows(struct arena *a, const struct rows *r, struct mapped *m)
{
	static const char *const step_fields[] = {"taken_by", "taken_by_words", "by_when", "status"};
	size_t most = 2 + (AGREEMENT_GOALS_MAX + 1) * (3 + (AGREEMENT_STEPS_MAX + 1) * 6);
	m->names = arena_alloc(a, most * sizeof *m->names);
	m->name_count = 0;
	m->goals = arena_alloc(a, (r->goal_count + 1) * sizeof *m->goals);
	m->goal_count = 0;
	name_pair(m, "goals", "goal_0");
	name_pair(m, "involvement", "goal_0");
	for (size_t gr = 0; gr < r->goal_count; gr++) {
		const struct goal_row *g = &r->goals[gr];
		if (goal_blank(g))
			continue;
		size_t n = m->goal_count++;
		struct agreement_step_input *steps =
			arena_alloc(a, (g->step_count + 1) * sizeof *steps);
		size_t count = 0;
		const char *goal_id = arena_printf(a, "goal_%zu", gr);
		name_pair(m, arena_printf(a, "goals.%zu.words", n), goal_id);
		name_pair(m, arena_printf(a, "goals.%zu.key", n), goal_id);
		name_pair(m, arena_printf(a, "goals.%zu.steps", n), goal_id);
		for (size_t sr = 0; sr < g->step_count; sr++) {
			const struct step_row *s = &g->steps[sr];
			if (step_blank(s))
				continue;
			size_t k = count++;
			steps[k] = (struct agreement_step_input){
				unless_blank(s->key), unless_blank(s->words), unless_blank(s->taken_by),
				unless_blank(s->taken_by_words), unless_blank(s->by_when),
				unless_blank(s->status)};
			const char *step_id = arena_printf(a, "step_%zu_%zu", gr, sr);
			const char *path = arena_printf(a, "goals.%zu.steps.%zu", n, k);
			name_pair(m, arena_printf(a, "%s.words", path), step_id);
			name_pair(m, arena_printf(a, "%s.key", path), step_id);
			for (size_t f = 0; f < COUNT(step_fields); f++)
				name_pair(m, arena_printf(a, "%s.%s", path, step_fields[f]),
					  arena_printf(a, "%s_%s", step_id, step_fields[f]));
		}
		m->goals[n] = (struct agreement_goal_input){unless_blank(g->key), unless_blank(g->words),
							   steps, count};
	}
}

static void textarea_row(struct sb *page, const char *id, const char *name, const char *label_text,
			 const char *value, const char *error, int rows)
{
	const char *ids = form_group_begin(page, id, label_text, NULL, error);
	html_printf(page, "<textarea class=\"govuk-textarea%s\" id=\"%s\" name=\"%s\" rows=\"%d\"",
		    error ? " govuk-textarea--error" : "", id, name, rows);
	form_described(page, ids);
	html_printf(page, ">%s</textarea></div>\n", value ? value : "");
}

static void step_fields(struct sb *page, const char *who, size_t gr, size_t sr,
			const struct step_row *s, const struct err *e)
{
	struct arena *a = page->arena;
	const char *id = arena_printf(a, "step_%zu_%zu", gr, sr);
	const char *taker_labels[COUNT(taker_options)][2];
	for (size_t i = 0; i < COUNT(taker_options); i++) {
		taker_labels[i][0] = taker_options[i][0];
		taker_labels[i][1] = i == 0 ? who : taker_options[i][1];
	}
	html_printf(page, "<fieldset class=\"govuk-fieldset app-agreement__step-form\">"
			  "<legend class=\"govuk-fieldset__legend govuk-fieldset__legend--s\">%s</legend>\n"
			  "<input type=\"hidden\" name=\"step_goal\" value=\"%zu\">"
			  "<input type=\"hidden\" name=\"step_key\" value=\"%s\">\n",
		    arena_printf(a, "Step %zu", sr + 1), gr, s->key ? s->key : "");
	textarea_row(page, id, "step", "The step", s->words, form_errors_for(e, id), 2);
	const char *f = arena_printf(a, "%s_taken_by", id);
	form_row_select(page, f, "step_taken_by", "Who takes it", (const char *const(*)[2])taker_labels,
		   COUNT(taker_options), s->taken_by, "Choose who", form_errors_for(e, f));
	f = arena_printf(a, "%s_taken_by_words", id);
	form_row_input(page, f, "step_taken_by_words", "Their name (optional)",
		  "Like Priya, or Your sister Ann", s->taken_by_words, form_errors_for(e, f), "");
	f = arena_printf(a, "%s_by_when", id);
	form_row_date(page, f, &by_when_field, s->when, s->by_when, form_errors_for(e, f));
	f = arena_printf(a, "%s_status", id);
	form_row_select(page, f, "step_status", "Where it has got to", state_options,
		   COUNT(state_options), s->status ? s->status : "not_yet", NULL,
		   form_errors_for(e, f));
	html_printf(page, "</fieldset>\n");
}

static void goal_fields(struct sb *page, const char *who, size_t gr, const struct goal_row *g,
			const struct err *e)
{
	struct arena *a = page->arena;
	const char *id = arena_printf(a, "goal_%zu", gr);
	html_printf(page, "<fieldset class=\"govuk-fieldset app-agreement__goal-form\">"
			  "<legend class=\"govuk-fieldset__legend govuk-fieldset__legend--m\">%s</legend>\n"
			  "<input type=\"hidden\" name=\"goal_key\" value=\"%s\">\n",
		    arena_printf(a, "Goal %zu", gr + 1),
		    g->key ? g->key : "");
	textarea_row(page, id, "goal", arena_printf(a, "What %s wants, in their words", who),
		     g->words, form_errors_for(e, id), 3);
	for (size_t sr = 0; sr < g->step_count; sr++)
		step_fields(page, who, gr, sr, &g->steps[sr], e);
	html_printf(page, "</fieldset>\n");
}

/* A plan another service holds: by reference only. */
static void other_plan_fields(struct http_request *req, struct sb *page,
			      const struct agreement_version *v, bool sent, const struct err *e)
{
	const char *const stored[3] = {v ? v->other_plan_service : NULL,
				       v ? v->other_plan_reference : NULL,
				       v ? v->other_plan_note : NULL};
	static const struct form_field fields[] = {
		{"other_plan_service", "Which service", "Like Adult social care", "text", "off", ""},
		{"other_plan_reference", "Their reference", NULL, "text", "off", "govuk-input--width-20"},
		{"other_plan_note", "A note", NULL, "text", "off", ""},
	};
	bool open = false;
	for (size_t i = 0; i < 3; i++)
		open = open || form_errors_for(e, fields[i].name) || !blank(stored[i]) ||
		       (sent && http_form_text(req, fields[i].name));
	html_printf(page, "<details class=\"govuk-details\"%s><summary class=\"govuk-details__summary\">"
			  "<span class=\"govuk-details__summary-text\">A plan another service holds "
			  "(optional)</span></summary><div class=\"govuk-details__text\">\n"
			  "<p class=\"govuk-body\">Only where to find it: never a copy of their plan.</p>\n",
		    open ? " open" : "");
	for (size_t i = 0; i < 3; i++)
		form_text_field(page, &fields[i], sent ? http_form(req, fields[i].name) : stored[i],
				form_errors_for(e, fields[i].name));
	html_printf(page, "</div></details>\n");
}

/* The form.  Drawn from the current version the first time; from what was
 * sent when asked for more rows, when refused (e: its problems) and when
 * someone else changed it meanwhile (409: the agreement as it is now is
 * shown above, and the form is now made from that version). */
static int form_page(struct http_request *req, struct http_response *res, int status,
		     const struct err *refused)
{
	struct arena *a = req->arena;
	struct agreement *ag = NULL;
	struct err got;
	const char *who;
	bool can = true;
	int rc = agreement_get(req->app->db, req->who, http_path_param(req, "id"), NULL, a, &ag,
			       &got);
	if (rc == RESULT_NOT_FOUND && is(got.subject, "agreement")) {
		struct person *p;
		rc = person_get(req->app->db, req->who, http_path_param(req, "id"), a, &p, &got);
		if (rc < 0)
			return http_send_result(req, res, rc, &got, NULL);
		who = p->preferred_name ? p->preferred_name : p->name;
		const struct involvement *open = open_involvement(p);
		can = open && is(open->kind, "walking_alongside");
	} else if (rc < 0) {
		return http_send_result(req, res, rc, &got, NULL);
	} else {
		who = ag->person_name;
		can = changeable(ag);
	}
	/* Not a form typed in vain: the agreement's page says why not.  (A
	 * form sent anyway is refused at its fields.) */
	if (!can && !refused)
		return http_redirect(res, agreement_url(req));
	bool more = http_form(req, "more") != NULL;
	bool sent = refused || more;
	struct rows *r = arena_alloc(a, sizeof *r);
	struct err dates = {0}; /* the refusal holds them already */
	if (sent && !rows_from_form(req, r, &dates))
		return bad_rows(req, res);
	if (!sent)
		rows_from_version(a, r, ag ? ag->current : NULL);
	if (more || (!sent && ag)) {
		add_blanks(a, r);
	} else if (!sent) {
		blank_goal(a, r, 2);
		blank_goal(a, r, 2);
	}
	struct mapped m;
	map_rows(a, r, &m);
	const struct err *e = problems(a, refused, (const char *const(*)[2])m.names, m.name_count);
	long from = status == 409 || !sent ? (ag ? ag->version : 0)
					   : number(http_form(req, "from_version"));
	const char *title = ag ? arena_printf(a, "Change what %s wants", who)
			       : arena_printf(a, "Agree a shared agreement with %s", who);
	struct sb page;
	sb_init(&page, a, PAGE_MAX_BYTES);
	page_begin(req, &page, e ? arena_printf(a, "Error: %s", title) : title);
	html_printf(&page, "<a class=\"govuk-back-link\" href=\"%s\">Back to the agreement</a>\n"
			   "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n",
		    agreement_url(req));
	if (e)
		form_errors_summary(&page, e, NULL, 0, "goal_0");
	html_printf(&page, "<span class=\"govuk-caption-l\">%s</span>\n<h1 class=\"govuk-heading-l\">"
			   "%s</h1>\n",
		    who, title);
	if (status == 409 && ag) {
		html_printf(&page, "<div class=\"govuk-inset-text\"><h2 class=\"govuk-heading-m\">"
				   "What it says now</h2>\n");
		version_body(req, &page, ag, ag->current);
		html_printf(&page, "</div>\n");
	}
	html_printf(&page, "<p class=\"govuk-body\">Write each goal as %s said it. Leave a row empty "
			   "when you do not need it; to take a goal or a step out, clear its words "
			   "(the earlier versions keep it).</p>\n"
			   "<form method=\"post\" action=\"%s\" novalidate>\n",
		    who, agreement_url(req));
	people_csrf(req, &page);
	html_printf(&page, "<input type=\"hidden\" name=\"from_version\" value=\"%ld\">\n", from);
	for (size_t gr = 0; gr < r->goal_count; gr++)
		goal_fields(&page, who, gr, &r->goals[gr], e);
	html_printf(&page, "<button type=\"submit\" name=\"more\" value=\"rows\" class=\"govuk-button "
			   "govuk-button--secondary\" data-module=\"govuk-button\">Add more rows"
			   "</button>\n<h2 class=\"govuk-heading-m\">How it was agreed</h2>\n");
	struct agreement shown = {.person_name = who};
	agreed_fields(req, &page, &shown, false, sent, e);
	other_plan_fields(req, &page, ag ? ag->current : NULL, sent, e);
	html_printf(&page, "<div class=\"govuk-button-group\"><button type=\"submit\" "
			   "class=\"govuk-button\" data-module=\"govuk-button\">Save the agreement"
			   "</button>\n<a class=\"govuk-link\" href=\"%s\">Cancel</a></div>\n</form>\n"
			   "</div></div>\n",
		    agreement_url(req));
	page_end(req, &page);
	return http_send_html(req, res, status, &page);
}

int web_agreement_edit(struct http_request *req, struct http_response *res)
{
	return form_page(req, res, 200, NULL);
}

/* A change made meanwhile, as the form or the page shows it. */
static struct err *changed_meanwhile(struct arena *a)
{
	struct err *why = arena_alloc(a, sizeof *why);
	err_clear(why);
	err_field(why, NULL, "Someone else changed this agreement while you were writing. Check "
		  "what it says now and make your change again.");
	return why;
}

int web_agreement_save(struct http_request *req, struct http_response *res)
{
	struct rows *r = arena_alloc(req->arena, sizeof *r);
	struct err dates = {0};
	if (!rows_from_form(req, r, &dates))
		return bad_rows(req, res);
	if (http_form(req, "more"))
		return form_page(req, res, 200, NULL);
	struct mapped m;
	map_rows(req->arena, r, &m);
	const char *agreed_on;
	form_date_read(req, &agreed_field, &agreed_on, &dates);
	struct agreement_input in = {
		.from_version = number(http_form(req, "from_version")),
		.asked_by = http_form_text(req, "asked_by"),
		.why = http_form_text(req, "why"),
		.agreed_on = agreed_on,
		.agreed_how = http_form_text(req, "agreed_how"),
		.other_plan_service = http_form_text(req, "other_plan_service"),
		.other_plan_reference = http_form_text(req, "other_plan_reference"),
		.other_plan_note = http_form_text(req, "other_plan_note"),
		.goals = m.goals,
		.goal_count = m.goal_count,
	};
	struct agreement *ag;
	struct err e;
	int rc = agreement_save(req->app->db, req->who, http_path_param(req, "id"), &in, req->arena,
				&ag, &e);
	if (rc == RESULT_INVALID)
		form_date_problems(&e, &dates, (const char *const(*)[2])m.names, m.name_count);
	if (rc == RESULT_CONFLICT)
		return form_page(req, res, 409, changed_meanwhile(req->arena));
	if (rc < 0)
		return http_send_result(req, res, rc, &e, form_page);
	return http_redirect(res, agreement_url(req));
}

/* Ending keeps the goals as they were, so the ended version still says
 * what was agreed. */
int web_agreement_end(struct http_request *req, struct http_response *res)
{
	struct agreement *ag;
	struct err e;
	int rc = agreement_get(req->app->db, req->who, http_path_param(req, "id"), NULL,
			       req->arena, &ag, &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	const struct agreement_version *v = ag->current;
	struct rows *r = arena_alloc(req->arena, sizeof *r);
	rows_from_version(req->arena, r, v);
	struct mapped m;
	map_rows(req->arena, r, &m);
	const char *agreed_on;
	struct err dates = {0};
	form_date_read(req, &agreed_field, &agreed_on, &dates);
	struct agreement_input in = {
		.from_version = number(http_form(req, "from_version")),
		.state = "ended",
		.asked_by = http_form_text(req, "asked_by"),
		.why = http_form_text(req, "why"),
		.agreed_on = agreed_on,
		.agreed_how = http_form_text(req, "agreed_how"),
		.other_plan_service = v->other_plan_service,
		.other_plan_reference = v->other_plan_reference,
		.other_plan_note = v->other_plan_note,
		.goals = m.goals,
		.goal_count = m.goal_count,
	};
	rc = agreement_save(req->app->db, req->who, http_path_param(req, "id"), &in, req->arena, &ag,
			    &e);
	if (rc == RESULT_INVALID)
		form_date_problems(&e, &dates, NULL, 0);
	if (rc == RESULT_CONFLICT)
		return agreement_page(req, res, 409, changed_meanwhile(req->arena));
	if (rc < 0)
		return http_send_result(req, res, rc, &e, agreement_page);
	return http_redirect(res, agreement_url(req));
}
