/* A person's outcomes pages: where they have said they are over time, a
 * table for each statement (first and latest, in their words), every
 * sitting with a way to withdraw one recorded by mistake, and the form the
 * coordinator and the person fill in together, on a phone: the point, the
 * day, each statement as radios with its steps' words, "I'd rather not
 * say", their words; or "They'd rather not do this today". */
#include "core/arena.h"
#include "core/err.h"
#include "core/sb.h"
#include "domain/outcomes/outcome.h"
#include "http/app.h"
#include "http/http.h"
#include "web/form.h"
#include "web/html.h"
#include "web/pages.h"
#include "web/people.h"

#include <stdbool.h>
#include <string.h>

static const struct form_date taken_on_field = {
	"taken_on", "The day you did this together", "For example, 27 3 2026", false, false};

static const char *const point_options[3][2] = {
	{"start", "The start of walking alongside"},
	{"review", "A review, along the way"},
	{"end", "The end of walking alongside"},
};
/* The same, short, where a sitting is listed. */
static const char *const point_words[3][2] = {
	{"start", "At the start"},
	{"review", "A review"},
	{"end", "At the end"},
};

/* A textarea for words kept up to OUTCOME_WORDS_MAX, with GOV.UK's
 * character count; id apart from name where one form is drawn many times
 * on a page; hidden_prefix (NULL: none) starts the label for a screen
 * reader where a heading above says it to the eye. */
static void words_field(struct sb *page, const char *id, const char *name,
			const char *hidden_prefix, const char *label, const char *hint,
			const char *value, const char *error)
{
	html_printf(page, "<div class=\"govuk-form-group govuk-character-count%s\" "
			  "data-module=\"govuk-character-count\" data-maxlength=\"%d\">\n"
			  "<label class=\"govuk-label govuk-label--s\" for=\"%s\">",
		    error ? " govuk-form-group--error" : "", OUTCOME_WORDS_MAX, id);
	if (hidden_prefix)
		html_printf(page, "<span class=\"govuk-visually-hidden\">%s: </span>", hidden_prefix);
	html_printf(page, "%s</label>\n", label);
	if (hint)
		html_printf(page, "<div id=\"%s-hint\" class=\"govuk-hint\">%s</div>\n", id, hint);
	people_error(page, id, error);
	html_printf(page, "<textarea class=\"govuk-textarea govuk-js-character-count%s\" id=\"%s\" "
			  "name=\"%s\" rows=\"4\" aria-describedby=\"%s-info",
		    error ? " govuk-textarea--error" : "", id, name, id);
	if (hint)
		html_printf(page, " %s-hint", id);
	if (error)
		html_printf(page, " %s-error", id);
	html_printf(page, "\">%s</textarea>\n<div id=\"%s-info\" class=\"govuk-hint "
			  "govuk-character-count__message\">You can enter up to %d characters</div>\n"
			  "</div>\n",
		    value ? value : "", id, OUTCOME_WORDS_MAX);
}

static const char *outcomes_url(struct arena *a, const char *person)
{
	return arena_printf(a, "/staff/people/%s/outcomes", person);
}

/* "3 of 5: I feel safe some of the time", or that they chose not to say. */
static const char *where_they_were(struct arena *a, const struct outcome_rating *g)
{
	if (g->rating == OUTCOME_NOT_SAID)
		return "They\xe2\x80\x99""d rather not say";
	return arena_printf(a, "%d of 5: %s", g->rating, g->statement.steps[g->rating - 1]);
}

/* A row of a statement's table: first or latest, when, and where they
 * were with their words under it (two columns, to read on a phone). */
static void rating_row(struct sb *page, struct arena *a, const char *which,
		       const struct outcome_review *r, const struct outcome_rating *g)
{
	html_printf(page, "<tr class=\"govuk-table__row\"><th scope=\"row\" class=\"govuk-table__header\">"
			  "%s<br><span class=\"govuk-body-s\">%s</span></th>"
			  "<td class=\"govuk-table__cell\">%s",
		    which, people_date(a, r->taken_on), where_they_were(a, g));
	if (g->words) {
		html_printf(page, "<div class=\"govuk-inset-text govuk-!-margin-top-2 govuk-!-margin-bottom-0\">");
		people_words(page, g->words);
		html_printf(page, "</div>");
	}
	html_printf(page, "</td></tr>\n");
}

/* A sitting that counts: not withdrawn, not declined. */
static bool counts(const struct outcome_review *r)
{
	return !r->withdrawn_at && !r->declined;
}

/* For each statement rated in a sitting that counts (by key, in the order
 * first met), its first and latest rating. */
static void statement_tables(struct sb *page, struct arena *a, const struct outcome_review *list,
			     size_t n)
{
	const char **keys = NULL;
	size_t key_count = 0, cap = 0;
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; counts(&list[i]) && j < list[i].rating_count; j++) {
			const char *key = list[i].ratings[j].statement.key;
			size_t k = 0;
			while (k < key_count && strcmp(keys[k], key) != 0)
				k++;
			if (k == key_count) {
				keys = arena_grow(a, keys, key_count, &cap, sizeof *keys);
				keys[key_count++] = key;
			}
		}
	for (size_t k = 0; k < key_count; k++) {
		const struct outcome_review *first_r = NULL, *latest_r = NULL;
		const struct outcome_rating *first = NULL, *latest = NULL;
		for (size_t i = 0; i < n; i++)
			for (size_t j = 0; counts(&list[i]) && j < list[i].rating_count; j++)
				if (strcmp(list[i].ratings[j].statement.key, keys[k]) == 0) {
					if (!first) {
						first = &list[i].ratings[j];
						first_r = &list[i];
					}
					latest = &list[i].ratings[j];
					latest_r = &list[i];
				}
		html_printf(page, "<table class=\"govuk-table app-outcome-table\">\n"
				  "<caption class=\"govuk-table__caption govuk-table__caption--m\">%s"
				  "</caption>\n<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
				  "<th scope=\"col\" class=\"govuk-table__header\">When</th>"
				  "<th scope=\"col\" class=\"govuk-table__header\">Where they were, "
				  "in their words</th></tr></thead>\n<tbody class=\"govuk-table__body\">\n",
			    latest->statement.title);
		rating_row(page, a, "First", first_r, first);
		if (latest_r != first_r)
			rating_row(page, a, "Latest", latest_r, latest);
		html_printf(page, "</tbody></table>\n");
	}
}

static void sitting(struct http_request *req, struct sb *page, const char *person,
		    const struct outcome_review *r, const struct err *refused)
{
	struct arena *a = req->arena;
	html_printf(page, "<div class=\"govuk-summary-card\" id=\"review-%s\">\n"
			  "<div class=\"govuk-summary-card__title-wrapper\"><h3 class=\"govuk-summary-card__title\">"
			  "%s, %s%s</h3></div>\n<div class=\"govuk-summary-card__content\">\n",
		    r->id, form_option_label(point_words, 3, r->point), people_date(a, r->taken_on),
		    r->withdrawn_at ? " (withdrawn)" : "");
	if (r->withdrawn_at) {
		html_printf(page, "<p class=\"govuk-body\">Withdrawn by %s, and left out of every "
				  "figure. Why:</p>\n",
			    r->withdrawn_by_name ? r->withdrawn_by_name : "the command line");
		html_printf(page, "<div class=\"govuk-inset-text\">");
		people_words(page, r->withdrawn_why);
		html_printf(page, "</div>\n");
	}
	if (r->declined) {
		html_printf(page, "<p class=\"govuk-body\">They chose not to do this that day.</p>\n");
		if (r->declined_words) {
			html_printf(page, "<div class=\"govuk-inset-text\">");
			people_words(page, r->declined_words);
			html_printf(page, "</div>\n");
		}
	}
	if (r->rating_count) {
		html_printf(page, "<dl class=\"govuk-summary-list\">\n");
		for (size_t j = 0; j < r->rating_count; j++) {
			const struct outcome_rating *g = &r->ratings[j];
			html_printf(page, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">"
					  "%s</dt><dd class=\"govuk-summary-list__value\">%s",
				    g->statement.title, where_they_were(a, g));
			if (g->words) {
				html_printf(page, "<div class=\"govuk-!-margin-top-2\">");
				people_words(page, g->words);
				html_printf(page, "</div>");
			}
			html_printf(page, "</dd></div>\n");
		}
		html_printf(page, "</dl>\n");
	}
	html_printf(page, "<p class=\"govuk-body-s\">Recorded by %s.</p>\n",
		    r->created_by_name ? r->created_by_name : "the command line");
	if (!r->withdrawn_at) {
		const char *shown = refused && http_path_param(req, "review") &&
					    strcmp(http_path_param(req, "review"), r->id) == 0
				    ? form_errors_for(refused, "why")
				    : NULL;
		html_printf(page, "<details class=\"govuk-details\"%s><summary class=\"govuk-details__summary\">"
				  "<span class=\"govuk-details__summary-text\">Withdraw this: it was "
				  "recorded by mistake</span></summary>\n<div class=\"govuk-details__text\">\n"
				  "<form method=\"post\" action=\"%s/%s/withdraw\" novalidate>\n",
			    shown ? " open" : "", outcomes_url(a, person), r->id);
		people_csrf(req, page);
		words_field(page, arena_printf(a, "why-%s", r->id), "why", NULL,
			    "Why it is withdrawn", "It stays on their record, marked as withdrawn.",
			    shown ? http_form(req, "why") : NULL, shown);
		html_printf(page, "<button type=\"submit\" class=\"govuk-button govuk-button--warning\" "
				  "data-module=\"govuk-button\">Withdraw it</button>\n</form>\n</div>"
				  "</details>\n");
	}
	html_printf(page, "</div></div>\n");
}

/* The outcomes page, or again with the problem of a withdrawal. */
static int outcomes_page(struct http_request *req, struct http_response *res, int status,
			 const struct err *refused)
{
	const char *person = http_path_param(req, "id");
	struct arena *a = req->arena;
	struct outcome_review *list;
	const char *name;
	size_t n;
	struct err e;
	int rc = outcome_review_list(req->app->db, req->who, person, a, &name, &list, &n, &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	const char *title = arena_printf(a, "%sWhere %s has got to", refused ? "Error: " : "", name);
	struct sb page;
	sb_init(&page, a, PAGE_MAX_BYTES);
	page_begin(req, &page, title);
	html_printf(&page, "<a class=\"govuk-back-link\" href=\"/staff/people/%s\">Back to %s</a>\n",
		    person, name);
	if (refused) {
		struct form_anchor anchor = {"why",
					     arena_printf(a, "why-%s", http_path_param(req, "review"))};
		form_errors_summary(&page, refused, &anchor, 1, anchor.id);
	}
	html_printf(&page, "<span class=\"govuk-caption-l\">Outcomes</span>\n"
			   "<h1 class=\"govuk-heading-l\">Where %s has got to</h1>\n"
			   "<p class=\"govuk-body\">In their own words and on their own scale: safe, "
			   "strong, connected, healthy and in control, and anything else the "
			   "programme asks. It is theirs to say, and theirs to decline.</p>\n"
			   "<a class=\"govuk-button\" data-module=\"govuk-button\" href=\"%s/new\">"
			   "Record where things are now</a>\n",
		    name, outcomes_url(a, person));
	if (n == 0) {
		html_printf(&page, "<p class=\"govuk-body\">Nothing recorded yet.</p>\n");
	} else {
		statement_tables(&page, a, list, n);
		html_printf(&page, "<h2 class=\"govuk-heading-m\">Every time, newest first</h2>\n");
		for (size_t i = n; i-- > 0;)
			sitting(req, &page, person, &list[i], refused);
	}
	page_end(req, &page);
	return http_send_html(req, res, status, &page);
}

int web_outcomes(struct http_request *req, struct http_response *res)
{
	return outcomes_page(req, res, 200, NULL);
}

int web_withdraw_outcomes(struct http_request *req, struct http_response *res)
{
	const char *person = http_path_param(req, "id");
	const char *review = http_path_param(req, "review");
	struct err e;
	int rc = outcome_review_withdraw(req->app->db, req->who, person, review,
					 http_form_text(req, "why"), &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, outcomes_page);
	return http_redirect(res, outcomes_url(req->arena, person));
}

/* The form, first drawn or again with what was sent and every problem. */
static int form_page(struct http_request *req, struct http_response *res, int status,
		     const struct err *refused)
{
	const char *person = http_path_param(req, "id");
	struct arena *a = req->arena;
	struct outcome_statement *s;
	size_t n;
	struct outcome_review *list;
	const char *name;
	size_t reviews;
	struct err e;
	int rc = outcome_review_list(req->app->db, req->who, person, a, &name, &list, &reviews,
				     &e);
	if (rc == RESULT_OK)
		rc = outcome_statements(req->app->db, req->who, false, a, &s, &n, &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	const char *title = arena_printf(a, "%sWhere things are now for %s",
					 refused ? "Error: " : "", name);
	struct sb page;
	sb_init(&page, a, PAGE_MAX_BYTES);
	page_begin(req, &page, title);
	html_printf(&page, "<a class=\"govuk-back-link\" href=\"%s\">Back to where %s has got to</a>\n",
		    outcomes_url(a, person), name);
	if (refused) {
		struct form_anchor anchors[] = {{"involvement", "point"}, {"answers", "answer_1"}};
		form_errors_summary(&page, refused, anchors, 2, "point");
	}
	html_printf(&page, "<h1 class=\"govuk-heading-l\">Where things are now for %s</h1>\n"
			   "<p class=\"govuk-body\">Do this together. Read each question out with "
			   "its five answers and let %s choose. Anything they say about it goes in "
			   "their words, as they said it.</p>\n"
			   "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"#declined\">They"
			   "\xe2\x80\x99""d rather not do this today</a></p>\n"
			   "<form method=\"post\" action=\"%s\" novalidate>\n",
		    name, name, outcomes_url(a, person));
	people_csrf(req, &page);
	const char *point = refused ? http_form(req, "point") : (reviews ? "review" : "start");
	form_radios(&page, "point", "When is this?", NULL, point_options, 3, point,
		    form_errors_for(refused, "point") ? form_errors_for(refused, "point")
						      : form_errors_for(refused, "involvement"));
	form_date_input(&page, req, &taken_on_field, people_today(a),
			form_errors_for(refused, "taken_on"));
	for (size_t i = 0; i < n; i++) {
		const char *field = arena_printf(a, "answer_%zu", i + 1);
		const char *words = arena_printf(a, "words_%zu", i + 1);
		const char *options[OUTCOME_STEPS + 1][2];
		for (int k = 0; k < OUTCOME_STEPS; k++) {
			options[k][0] = arena_printf(a, "%d", k + 1);
			options[k][1] = arena_printf(a, "%d. %s", k + 1, s[i].steps[k]);
		}
		options[OUTCOME_STEPS][0] = "not_said";
		options[OUTCOME_STEPS][1] = "I\xe2\x80\x99""d rather not say";
		html_printf(&page, "<h2 class=\"govuk-heading-m\">%s</h2>\n"
				   "<input type=\"hidden\" name=\"statement_%zu\" value=\"%s\">\n",
			    s[i].title, i + 1, s[i].id);
		form_radios(&page, field, s[i].question, NULL,
			    (const char *const(*)[2])options, OUTCOME_STEPS + 1,
			    refused ? http_form(req, field) : NULL, form_errors_for(refused, field));
		words_field(&page, words, words, s[i].title, "In their words (optional)", NULL,
			    refused ? http_form(req, words) : NULL, form_errors_for(refused, words));
	}
	html_printf(&page, "<button type=\"submit\" name=\"action\" value=\"save\" class=\"govuk-button\" "
			   "data-module=\"govuk-button\">Save where things are now</button>\n"
			   "<h2 class=\"govuk-heading-m\" id=\"declined\">They\xe2\x80\x99""d rather not do "
			   "this today</h2>\n"
			   "<p class=\"govuk-body\">That is their answer, and it is kept as one. "
			   "Choose when this was and the day above, then:</p>\n");
	words_field(&page, "declined_words", "declined_words", NULL,
		    "What they said, if they want it noted (optional)", NULL,
		    refused ? http_form(req, "declined_words") : NULL,
		    form_errors_for(refused, "declined_words"));
	html_printf(&page, "<button type=\"submit\" name=\"action\" value=\"declined\" "
			   "class=\"govuk-button govuk-button--secondary\" data-module=\"govuk-button\">"
			   "Record that they\xe2\x80\x99""d rather not</button>\n</form>\n");
	page_end(req, &page);
	return http_send_html(req, res, status, &page);
}

int web_outcomes_form(struct http_request *req, struct http_response *res)
{
	return form_page(req, res, 200, NULL);
}

/* "answers.K.rating" and "answers.K.statement_id" are at the radios
 * answer_{K+1}, "answers.K.words" at words_{K+1}. */
static void rename_answers(struct arena *a, struct err *e, size_t n)
{
	const char *(*names)[2] = arena_alloc(a, (3 * n + 1) * sizeof *names);
	for (size_t i = 0; i < n; i++) {
		names[3 * i][0] = arena_printf(a, "answers.%zu.rating", i);
		names[3 * i][1] = arena_printf(a, "answer_%zu", i + 1);
		names[3 * i + 1][0] = arena_printf(a, "answers.%zu.statement_id", i);
		names[3 * i + 1][1] = names[3 * i][1];
		names[3 * i + 2][0] = arena_printf(a, "answers.%zu.words", i);
		names[3 * i + 2][1] = arena_printf(a, "words_%zu", i + 1);
	}
	form_rename_fields(e, (const char *const(*)[2])names, 3 * n);
}

int web_record_outcomes(struct http_request *req, struct http_response *res)
{
	struct arena *a = req->arena;
	const char *action = http_form(req, "action");
	struct outcome_answer_input *answers =
		arena_alloc(a, (OUTCOME_STATEMENTS_MAX + 1) * sizeof *answers);
	size_t n = 0;
	/* The answers to the statements the form showed, in its order. */
	for (size_t i = 1; i <= OUTCOME_STATEMENTS_MAX; i++) {
		const char *id = http_form(req, arena_printf(a, "statement_%zu", i));
		if (!id)
			break;
		const char *answer = http_form(req, arena_printf(a, "answer_%zu", i));
		/* A value the radios do not offer is no answer, for the
		 * domain to ask for one. */
		int rating = OUTCOME_NO_ANSWER;
		if (answer && strcmp(answer, "not_said") == 0)
			rating = OUTCOME_NOT_SAID;
		else if (answer && answer[0] >= '1' && answer[0] <= '5' && !answer[1])
			rating = answer[0] - '0';
		answers[n++] = (struct outcome_answer_input){
			id, rating, http_form_text(req, arena_printf(a, "words_%zu", i))};
	}
	const char *taken_on;
	struct err dates = {0};
	form_date_read(req, &taken_on_field, &taken_on, &dates);
	bool declined = action && strcmp(action, "declined") == 0;
	struct outcome_review_input in = {
		.point = http_form(req, "point"),
		.taken_on = taken_on,
		.declined = declined,
		.declined_words = declined ? http_form_text(req, "declined_words") : NULL,
		.answers = answers,
		.answer_count = declined ? 0 : n,
	};
	const char *person = http_path_param(req, "id");
	struct outcome_review *r;
	struct err e;
	int rc = outcome_review_record(req->app->db, req->who, person, &in, a, &r, &e);
	if (rc == RESULT_INVALID) {
		rename_answers(a, &e, n);
		form_date_problems(&e, &dates, NULL, 0);
	}
	if (rc < 0)
		return http_send_result(req, res, rc, &e, form_page);
	return http_redirect(res, outcomes_url(a, person));
}
