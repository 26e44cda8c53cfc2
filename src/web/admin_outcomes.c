/* The outcome statements a programme asks (domain/outcomes/outcome.h):
 * those in use, in the order asked, and those retired; for a programme
 * manager or an administrator, forms to add one, reword one (a new
 * version: earlier ratings keep their words), move one up or down,
 * retire one (after a confirmation) and ask a retired one again.  Anyone else on staff sees them without the forms. */
#include "core/arena.h"
#include "core/err.h"
#include "core/sb.h"
#include "domain/outcomes/outcome.h"
#include "domain/staff/access.h"
#include "domain/staff/user.h"
#include "http/app.h"
#include "http/http.h"
#include "web/form.h"
#include "web/html.h"
#include "web/pages.h"
#include "web/people.h"

#include <stdbool.h>
#include <string.h>

static const char *const step_names[OUTCOME_STEPS] = {"step_1", "step_2", "step_3", "step_4",
						      "step_5"};

/* The wording fields, with what was sent (drawing again) or the
 * statement's (NULL: empty), ids prefixed so several forms share a page. */
static void wording_fields(struct sb *page, struct arena *a, const char *prefix,
			   const struct outcome_statement *s, const struct http_request *req,
			   const struct err *refused)
{
	bool again = refused != NULL;
	form_row_input(page, arena_printf(a, "%stitle", prefix), "title", "Title",
		       "A few words, like \"Less isolated\"",
		       again ? http_form(req, "title") : s ? s->title : NULL,
		       form_errors_for(refused, "title"), "");
	form_row_input(page, arena_printf(a, "%squestion", prefix), "question", "The question",
		       "As you would ask it, in plain words",
		       again ? http_form(req, "question") : s ? s->question : NULL,
		       form_errors_for(refused, "question"), "");
	for (int k = 0; k < OUTCOME_STEPS; k++)
		form_row_input(page, arena_printf(a, "%s%s", prefix, step_names[k]), step_names[k],
			       arena_printf(a, "Step %d%s", k + 1,
					    k == 0 ? ", the hardest place to be"
					    : k == 4 ? ", the best"
						     : ""),
			       NULL, again ? http_form(req, step_names[k]) : s ? s->steps[k] : NULL,
			       form_errors_for(refused, step_names[k]), "");
}

static void statement_card(struct sb *page, struct http_request *req,
			   const struct outcome_statement *s, bool manager, size_t i, size_t n,
			   const struct err *refused, const char *refused_key)
{
	struct arena *a = req->arena;
	html_printf(page, "<div class=\"govuk-summary-card\" id=\"statement-%s\">\n"
			  "<div class=\"govuk-summary-card__title-wrapper\"><h3 class=\"govuk-summary-card__title\">"
			  "%s</h3></div>\n<div class=\"govuk-summary-card__content\">\n"
			  "<p class=\"govuk-body\">%s</p>\n<ol class=\"govuk-list govuk-list--number\">\n",
		    s->key, s->title, s->question);
	for (int k = 0; k < OUTCOME_STEPS; k++)
		html_printf(page, "<li>%s</li>\n", s->steps[k]);
	html_printf(page, "</ol>\n<p class=\"govuk-body-s\">%s, version %ld.</p>\n",
		    strcmp(s->framework, "five_domains") == 0 ? "One of the five domains"
							     : "The programme\xe2\x80\x99s own",
		    s->version);
	if (manager && s->in_use) {
		const char *action = arena_printf(a, "/admin/outcomes/%s", s->key);
		bool open = refused && refused_key && strcmp(refused_key, s->key) == 0;
		html_printf(page, "<div class=\"govuk-button-group\">\n");
		if (i > 0) {
			html_printf(page, "<form method=\"post\" action=\"%s\">", action);
			people_csrf(req, page);
			html_printf(page, "<button type=\"submit\" name=\"action\" value=\"up\" "
					  "class=\"govuk-button govuk-button--secondary\" "
					  "data-module=\"govuk-button\">Ask it earlier<span "
					  "class=\"govuk-visually-hidden\">: %s</span></button></form>\n",
				    s->title);
		}
		if (i + 1 < n) {
			html_printf(page, "<form method=\"post\" action=\"%s\">", action);
			people_csrf(req, page);
			html_printf(page, "<button type=\"submit\" name=\"action\" value=\"down\" "
					  "class=\"govuk-button govuk-button--secondary\" "
					  "data-module=\"govuk-button\">Ask it later<span "
					  "class=\"govuk-visually-hidden\">: %s</span></button></form>\n",
				    s->title);
		}
		/* Retiring asks first (retire_page). */
		html_printf(page, "<form method=\"post\" action=\"%s\">", action);
		people_csrf(req, page);
		html_printf(page, "<button type=\"submit\" name=\"action\" value=\"retire\" "
				  "class=\"govuk-button govuk-button--warning\" "
				  "data-module=\"govuk-button\">Retire it<span "
				  "class=\"govuk-visually-hidden\">: %s</span></button></form>\n</div>\n",
			    s->title);
		html_printf(page, "<details class=\"govuk-details\"%s><summary class=\"govuk-details__summary\">"
				  "<span class=\"govuk-details__summary-text\">Reword it</span></summary>\n"
				  "<div class=\"govuk-details__text\"><p class=\"govuk-body\">A new "
				  "wording is a new version: what people said under this one keeps "
				  "these words.</p>\n<form method=\"post\" action=\"%s\" novalidate>\n",
			    open ? " open" : "", action);
		people_csrf(req, page);
		wording_fields(page, a, arena_printf(a, "%s-", s->key), s, req,
			       open ? refused : NULL);
		html_printf(page, "<button type=\"submit\" name=\"action\" value=\"reword\" "
				  "class=\"govuk-button\" data-module=\"govuk-button\">Save the new "
				  "wording</button>\n</form></div></details>\n");
	} else if (manager) {
		html_printf(page, "<form method=\"post\" action=\"/admin/outcomes/%s\">", s->key);
		people_csrf(req, page);
		html_printf(page, "<button type=\"submit\" name=\"action\" value=\"ask_again\" "
				  "class=\"govuk-button govuk-button--secondary\" "
				  "data-module=\"govuk-button\">Ask it again<span "
				  "class=\"govuk-visually-hidden\">: %s</span></button></form>\n",
			    s->title);
	}
	html_printf(page, "</div></div>\n");
}

/* The page, or again with the problems of a change to refused_key (NULL:
 * the new statement's form). */
static int statements_page(struct http_request *req, struct http_response *res, int status,
			   const struct err *refused, const char *refused_key)
{
	struct arena *a = req->arena;
	struct outcome_statement *s;
	size_t n;
	struct err e;
	int rc = outcome_statements(req->app->db, req->who, true, a, &s, &n, &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	bool manager = access_has_role(req->who, USER_PROGRAMME_MANAGER | USER_ADMINISTRATOR);
	size_t in_use = 0;
	while (in_use < n && s[in_use].in_use)
		in_use++;
	struct sb page;
	sb_init(&page, a, PAGE_MAX_BYTES);
	page_begin(req, &page, refused ? "Error: Outcome statements" : "Outcome statements");
	if (refused && refused_key) {
		/* The reword form's inputs carry the statement's key first. */
		struct form_anchor anchors[2 + OUTCOME_STEPS];
		anchors[0] = (struct form_anchor){"title", arena_printf(a, "%s-title", refused_key)};
		anchors[1] = (struct form_anchor){"question",
						  arena_printf(a, "%s-question", refused_key)};
		for (int k = 0; k < OUTCOME_STEPS; k++)
			anchors[2 + k] = (struct form_anchor){
				step_names[k], arena_printf(a, "%s-%s", refused_key, step_names[k])};
		form_errors_summary(&page, refused, anchors, 2 + OUTCOME_STEPS, anchors[0].id);
	} else if (refused) {
		form_errors_summary(&page, refused, NULL, 0, "title");
	}
	html_printf(&page, "<h1 class=\"govuk-heading-l\">Outcome statements</h1>\n"
			   "<p class=\"govuk-body\">What people rate themselves against, in this "
			   "order, each on five steps in plain words. The five domains come first "
			   "unless you change that; a programme can add its own.</p>\n");
	if (!manager)
		html_printf(&page, "<p class=\"govuk-body\">A programme manager or an administrator "
				   "changes these.</p>\n");
	html_printf(&page, "<h2 class=\"govuk-heading-m\">Asked now</h2>\n");
	for (size_t i = 0; i < in_use; i++)
		statement_card(&page, req, &s[i], manager, i, in_use, refused, refused_key);
	if (in_use < n) {
		html_printf(&page, "<h2 class=\"govuk-heading-m\">Retired</h2>\n"
				   "<p class=\"govuk-body\">No longer asked. What people said under "
				   "them is kept.</p>\n");
		for (size_t i = in_use; i < n; i++)
			statement_card(&page, req, &s[i], manager, i, n, NULL, NULL);
	}
	if (manager) {
		html_printf(&page, "<h2 class=\"govuk-heading-m\" id=\"add\">Add a statement of "
				   "your own</h2>\n<form method=\"post\" action=\"/admin/outcomes\" "
				   "novalidate>\n");
		people_csrf(req, &page);
		wording_fields(&page, a, "", NULL, req, refused_key ? NULL : refused);
		html_printf(&page, "<button type=\"submit\" class=\"govuk-button\" "
				   "data-module=\"govuk-button\">Add it</button>\n</form>\n");
	}
	page_end(req, &page);
	return http_send_html(req, res, status, &page);
}

int web_admin_outcomes(struct http_request *req, struct http_response *res)
{
	return statements_page(req, res, 200, NULL, NULL);
}

static int add_again(struct http_request *req, struct http_response *res, int status,
		     const struct err *e)
{
	return statements_page(req, res, status, e, NULL);
}

static int change_again(struct http_request *req, struct http_response *res, int status,
			const struct err *e)
{
	return statements_page(req, res, status, e, http_path_param(req, "key"));
}

static struct outcome_statement_input wording_sent(const struct http_request *req)
{
	struct outcome_statement_input in = {http_form_text(req, "title"),
					     http_form_text(req, "question"),
					     {0}};
	for (int k = 0; k < OUTCOME_STEPS; k++)
		in.steps[k] = http_form_text(req, step_names[k]);
	return in;
}

int web_admin_add_outcome(struct http_request *req, struct http_response *res)
{
	struct outcome_statement_input in = wording_sent(req);
	struct outcome_statement *s;
	struct err e;
	int rc = outcome_statement_add(req->app->db, req->who, &in, req->arena, &s, &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, add_again);
	return http_redirect(res, "/admin/outcomes");
}

/* Before a statement is retired: what retiring it means, and the button
 * that does it. */
static int retire_page(struct http_request *req, struct http_response *res, const char *key)
{
	struct arena *a = req->arena;
	struct outcome_statement *s;
	size_t n, i = 0;
	struct err e;
	int rc = outcome_statements(req->app->db, req->who, false, a, &s, &n, &e);
	while (rc == RESULT_OK && i < n && strcmp(s[i].key, key) != 0)
		i++;
	if (rc == RESULT_OK && i == n)
		rc = err_not_found(&e, "statement", "There is no statement in use with that key.");
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	struct sb page;
	sb_init(&page, a, PAGE_MAX_BYTES);
	const char *title = arena_printf(a, "Retire \u201c%s\u201d?", s[i].title);
	page_begin(req, &page, title);
	html_printf(&page, "<a class=\"govuk-back-link\" href=\"/admin/outcomes\">Back to the "
			   "outcome statements</a>\n<h1 class=\"govuk-heading-l\">%s</h1>\n"
			   "<p class=\"govuk-body\">%s</p>\n"
			   "<p class=\"govuk-body\">People will no longer be asked this. What they "
			   "said under it stays on their record and in the reports. You can ask it "
			   "again later, from the retired statements.</p>\n"
			   "<form method=\"post\" action=\"/admin/outcomes/%s\">\n",
		    title, s[i].question, key);
	people_csrf(req, &page);
	html_printf(&page, "<div class=\"govuk-button-group\"><button type=\"submit\" name=\"action\" "
			   "value=\"confirm_retire\" class=\"govuk-button govuk-button--warning\" "
			   "data-module=\"govuk-button\">Yes, retire it</button>\n"
			   "<a class=\"govuk-link\" href=\"/admin/outcomes#statement-%s\">No, keep "
			   "asking it</a></div>\n</form>\n",
		    key);
	page_end(req, &page);
	return http_send_html(req, res, 200, &page);
}

int web_admin_change_outcome(struct http_request *req, struct http_response *res)
{
	const char *key = http_path_param(req, "key");
	const char *action = http_form(req, "action");
	struct err e;
	int rc;
	/* Anyone else is refused by the domain, without the question. */
	if (strcmp(action, "retire") == 0 &&
	    access_has_role(req->who, USER_PROGRAMME_MANAGER | USER_ADMINISTRATOR)) {
		return retire_page(req, res, key);
	} else if (strcmp(action, "retire") == 0) {
		rc = outcome_statement_retire(req->app->db, req->who, key, &e);
	} else if (strcmp(action, "confirm_retire") == 0) {
		rc = outcome_statement_retire(req->app->db, req->who, key, &e);
	} else if (strcmp(action, "ask_again") == 0) {
		struct outcome_statement *s;
		rc = outcome_statement_ask_again(req->app->db, req->who, key, req->arena, &s, &e);
	} else if (strcmp(action, "reword") == 0) {
		struct outcome_statement_input in = wording_sent(req);
		struct outcome_statement *s;
		rc = outcome_statement_reword(req->app->db, req->who, key, &in, req->arena, &s, &e);
	} else {
		struct outcome_statement *all;
		size_t n, i = 0;
		rc = outcome_statements(req->app->db, req->who, false, req->arena, &all, &n, &e);
		while (rc == RESULT_OK && i < n && strcmp(all[i].key, key) != 0)
			i++;
		/* Its place in the order, one earlier or later; the domain
		 * refuses a place beyond either end. */
		if (rc == RESULT_OK)
			rc = outcome_statement_move(req->app->db, req->who, key,
						    (long)i + (strcmp(action, "up") == 0 ? 0 : 2),
						    &e);
	}
	if (rc < 0)
		return http_send_result(req, res, rc, &e, change_again);
	return http_redirect(res, "/admin/outcomes");
}
