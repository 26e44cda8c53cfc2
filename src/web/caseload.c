/* The caseload: a coordinator's people, walking alongside and short-term
 * help apart, as cards that read on a phone; and the team leader's view
 * across the team, where capacity is set and people are moved. */
#include "core/arena.h"
#include "core/config.h"
#include "core/date.h"
#include "core/sb.h"
#include "domain/people/caseload.h"
#include "domain/staff/access.h"
#include "domain/staff/session.h"
#include "domain/staff/user.h"
#include "http/app.h"
#include "http/http.h"
#include "web/form.h"
#include "web/html.h"
#include "web/pages.h"

#include <stdlib.h>
#include <string.h>

static void row_begin(struct sb *page, const char *key)
{
	html_printf(page, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">"
			  "%s</dt><dd class=\"govuk-summary-list__value\">", key);
}

static void row_end(struct sb *page)
{
	html_printf(page, "</dd></div>\n");
}

/* "Thursday 26 November 2026" for a date or a time's day, or the text. */
static const char *day(struct arena *a, const char *when)
{
	struct date d;
	char text[11] = {0};
	strncpy(text, when, 10);
	return date_parse(text, &d) ? page_long_date(a, d) : when;
}

static void person_card(struct http_request *req, struct sb *page, const struct caseload_entry *x)
{
	html_printf(page, "<div class=\"govuk-summary-card\"><div class=\"govuk-summary-card__title-wrapper\">"
			  "<h3 class=\"govuk-summary-card__title\"><a class=\"govuk-link\" "
			  "href=\"/staff/people/%s\">%s</a>",
		    x->person_id, x->preferred_name ? x->preferred_name : x->name);
	if (x->preferred_name && strcmp(x->preferred_name, x->name) != 0)
		html_printf(page, " <span class=\"govuk-body-s\">(%s)</span>", x->name);
	html_printf(page, "</h3>");
	if (x->quiet)
		html_printf(page, "<strong class=\"govuk-tag govuk-tag--grey\">Not talked with for a "
				  "while</strong>");
	html_printf(page, "</div>\n<div class=\"govuk-summary-card__content\"><dl class=\"govuk-summary-list\">\n");
	/* A contact before moving in is no conversation: it says so. */
	if (x->last_contact_is_before_import) {
		row_begin(page, "Last contact");
		html_printf(page, "Before moving in: %s",
			    day(req->arena, x->last_contact_before_import));
	} else {
		row_begin(page, "Last conversation");
		html_printf(page, "%s", x->last_conversation_at
						? day(req->arena, x->last_conversation_on)
						: "None yet");
	}
	row_end(page);
	row_begin(page, "Next step");
	if (x->next_step)
		html_printf(page, "%s", x->next_step);
	if (x->next_step_on)
		html_printf(page, "%s%s", x->next_step ? ", by " : "By ",
			    day(req->arena, x->next_step_on));
	if (!x->next_step && !x->next_step_on)
		html_printf(page, "None written yet");
	row_end(page);
	row_begin(page, "Since");
	html_printf(page, "%s%s", day(req->arena, x->started_on), x->is_return ? " (a return)" : "");
	row_end(page);
	if (x->household_size > 1) {
		row_begin(page, "Household");
		html_printf(page, "Shared with %ld other %s, counted once", x->household_size - 1,
			    x->household_size == 2 ? "person" : "people");
		row_end(page);
	}
	html_printf(page, "</dl></div></div>\n");
}

static void people(struct http_request *req, struct sb *page, const struct caseload *cl,
		   const char *kind, const char *heading, const char *none)
{
	html_printf(page, "<h2 class=\"govuk-heading-m\">%s</h2>\n", heading);
	size_t shown = 0;
	for (size_t i = 0; i < cl->count; i++)
		if (strcmp(cl->entries[i].kind, kind) == 0) {
			person_card(req, page, &cl->entries[i]);
			shown++;
		}
	if (!shown)
		html_printf(page, "<p class=\"govuk-body\">%s</p>\n", none);
}

/* The counts every view of a caseload shows. */
static void summary(struct sb *page, const struct caseload *cl)
{
	html_printf(page, "<dl class=\"govuk-summary-list\">\n");
	row_begin(page, "Walking alongside");
	html_printf(page, "%ld of %ld", cl->walking_alongside, cl->capacity);
	row_end(page);
	row_begin(page, "Short-term help");
	html_printf(page, "%ld, not counted against capacity", cl->short_term);
	row_end(page);
	row_begin(page, "Introductions waiting");
	html_printf(page, "%ld", cl->waiting);
	row_end(page);
	row_begin(page, "Not talked with for a while");
	html_printf(page, "%ld", cl->quiet);
	row_end(page);
	if (cl->on_leave || cl->disabled) {
		row_begin(page, "Away");
		html_printf(page, "%s", cl->disabled ? "Their account is closed: move their people"
						     : "On leave today");
		row_end(page);
	}
	html_printf(page, "</dl>\n");
}

int web_caseload(struct http_request *req, struct http_response *res)
{
	const char *coordinator = http_query_filter(req, "coordinator");
	/* A team leader who works no area of their own starts from the team. */
	if (!coordinator && !access_has_role(req->who, USER_COORDINATOR) &&
	    access_has_role(req->who, USER_TEAM_LEADER))
		return http_redirect(res, "/team/caseloads");
	struct caseload cl;
	struct err e;
	int quiet_days = req->app->config->quiet_after_days;
	int rc = caseload_get(req->app->db, req->who, coordinator, quiet_days, req->arena, &cl, &e);
	if (rc != RESULT_OK)
		return http_send_result(req, res, rc, &e, NULL);
	bool own = strcmp(cl.coordinator_id, req->who->user->id) == 0;
	const char *title = own ? "The people you walk alongside"
				: arena_printf(req->arena, "The people %s walks alongside",
					       cl.coordinator_name);
	struct sb page;
	sb_init(&page, req->arena, PAGE_MAX_BYTES);
	page_begin(req, &page, title);
	if (!own)
		html_printf(&page, "<a href=\"/team/caseloads\" class=\"govuk-back-link\">Who your "
				   "team walks alongside</a>\n");
	html_printf(&page, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n"
			   "<h1 class=\"govuk-heading-l\">%s</h1>\n",
		    title);
	summary(&page, &cl);
	html_printf(&page, "<p class=\"govuk-body\">Someone is shown as not talked with for a while "
			   "after %d days without a conversation: a reminder, nothing more.</p>\n",
		    quiet_days);
	if (!own)
		html_printf(&page, "<p class=\"govuk-body\"><a class=\"govuk-link\" "
				   "href=\"/team/coordinators/%s/move\">Move people to another "
				   "coordinator</a></p>\n",
			    cl.coordinator_id);
	people(req, &page, &cl, "walking_alongside", "Walking alongside",
	       "Nobody yet.");
	people(req, &page, &cl, "short_term", "Short-term help", "Nobody at the moment.");
	html_printf(&page, "</div></div>\n");
	page_end(req, &page);
	return http_send_html(req, res, 200, &page);
}

/* The team's caseloads, each with its capacity form; a refused capacity
 * is drawn beside the coordinator's own field. */
static int team_page(struct http_request *req, struct http_response *res, int status,
		     const struct err *refused)
{
	struct caseload *list;
	size_t count;
	struct err e;
	int quiet_days = req->app->config->quiet_after_days;
	int rc = caseload_team(req->app->db, req->who, quiet_days, req->arena, &list, &count, &e);
	if (rc != RESULT_OK)
		return http_send_result(req, res, rc, &e, NULL);
	const char *failed = refused ? http_path_param(req, "id") : NULL;
	struct sb page;
	sb_init(&page, req->arena, PAGE_MAX_BYTES);
	page_begin(req, &page, refused ? "Error: Who your team walks alongside"
					 : "Who your team walks alongside");
	html_printf(&page, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n");
	if (refused) {
		const struct form_anchor anchor = {"capacity",
						   arena_printf(req->arena, "capacity-%s", failed)};
		form_errors_summary(&page, refused, &anchor, 1, anchor.id);
	}
	const char *moved = http_query(req, "moved");
	if (moved && !refused)
		form_success_banner(&page, "moved",
				    arena_printf(req->arena, "Moved %s %s.", moved,
						 strcmp(moved, "1") == 0 ? "person" : "people"));
	html_printf(&page, "<h1 class=\"govuk-heading-l\">Who your team walks alongside</h1>\n"
			   "<p class=\"govuk-body\">Capacity counts the people each coordinator walks "
			   "alongside, a family or household once. Short-term help is shown, not "
			   "counted.</p>\n");
	if (!count)
		html_printf(&page, "<p class=\"govuk-body\">No coordinators work your team's areas "
				   "yet.</p>\n");
	for (size_t i = 0; i < count; i++) {
		const struct caseload *cl = &list[i];
		bool here = failed && strcmp(failed, cl->coordinator_id) == 0;
		const char *error = here ? form_errors_for(refused, "capacity") : NULL;
		const char *typed = here ? http_form(req, "capacity") : NULL;
		html_printf(&page, "<div class=\"govuk-summary-card\"><div class=\"govuk-summary-card__title-wrapper\">"
				   "<h2 class=\"govuk-summary-card__title\"><a class=\"govuk-link\" "
				   "href=\"/staff/caseload?coordinator=%s\">%s</a></h2></div>\n"
				   "<div class=\"govuk-summary-card__content\">\n",
			    cl->coordinator_id, cl->coordinator_name);
		summary(&page, cl);
		html_printf(&page, "<form method=\"post\" action=\"/team/coordinators/%s/capacity\" novalidate>\n"
				   "<input type=\"hidden\" name=\"csrf_token\" value=\"%s\">\n"
				   "<div class=\"govuk-form-group%s\"><label class=\"govuk-label\" "
				   "for=\"capacity-%s\">Capacity<span class=\"govuk-visually-hidden\"> for %s"
				   "</span></label>\n"
				   "<div id=\"capacity-%s-hint\" class=\"govuk-hint\">People walked alongside "
				   "at once, 1 to 200</div>\n",
			    cl->coordinator_id, req->who->session->csrf_token,
			    error ? " govuk-form-group--error" : "", cl->coordinator_id,
			    cl->coordinator_name, cl->coordinator_id);
		if (error)
			html_printf(&page, "<p id=\"capacity-%s-error\" class=\"govuk-error-message\">"
					   "<span class=\"govuk-visually-hidden\">Error:</span> %s</p>\n",
				    cl->coordinator_id, error);
		html_printf(&page, "<input class=\"govuk-input govuk-input--width-3%s\" id=\"capacity-%s\" "
				   "name=\"capacity\" type=\"text\" inputmode=\"numeric\" "
				   "aria-describedby=\"capacity-%s-hint%s%s%s\" value=\"%s\"></div>\n"
				   "<div class=\"govuk-button-group\"><button type=\"submit\" class=\"govuk-button "
				   "govuk-button--secondary\" data-module=\"govuk-button\">Set capacity"
				   "<span class=\"govuk-visually-hidden\"> for %s</span></button>\n"
				   "<a class=\"govuk-link\" href=\"/team/coordinators/%s/move\">Move people"
				   "<span class=\"govuk-visually-hidden\"> from %s</span></a></div>\n"
				   "</form></div></div>\n",
			    error ? " govuk-input--error" : "", cl->coordinator_id, cl->coordinator_id,
			    error ? " capacity-" : "", error ? cl->coordinator_id : "",
			    error ? "-error" : "",
			    typed ? typed : arena_printf(req->arena, "%ld", cl->capacity),
			    cl->coordinator_name, cl->coordinator_id, cl->coordinator_name);
	}
	html_printf(&page, "</div></div>\n");
	page_end(req, &page);
	return http_send_html(req, res, status, &page);
}

int web_team_caseloads(struct http_request *req, struct http_response *res)
{
	return team_page(req, res, 200, NULL);
}

/* What a person typed as a number; anything else is out of range, for
 * the domain to name. */
static long typed_number(const char *s)
{
	char *end;
	long n = s ? strtol(s, &end, 10) : -1;
	return s && *s && !*end && n >= 0 && n <= 100000 ? n : -1;
}

int web_set_capacity(struct http_request *req, struct http_response *res)
{
	struct err e;
	int rc = caseload_set_capacity(req->app->db, req->who, http_path_param(req, "id"),
				       typed_number(http_form_text(req, "capacity")), &e);
	if (rc != RESULT_OK)
		return http_send_result(req, res, rc, &e, team_page);
	return http_redirect(res, "/team/caseloads");
}

static bool ticked(const struct http_request *req, const char *person_id)
{
	size_t n;
	const char **sent = http_form_all(req, "person", &n);
	for (size_t i = 0; i < n; i++)
		if (strcmp(sent[i], person_id) == 0)
			return true;
	return false;
}

/* Moving some or all of a coordinator's people to another of the team. */
static int move_page(struct http_request *req, struct http_response *res, int status,
		     const struct err *refused)
{
	const char *from = http_path_param(req, "id");
	int quiet_days = req->app->config->quiet_after_days;
	struct caseload cl, *team;
	size_t team_count;
	struct err e;
	int rc = caseload_get(req->app->db, req->who, from, quiet_days, req->arena, &cl, &e);
	if (rc == RESULT_OK)
		rc = caseload_team(req->app->db, req->who, quiet_days, req->arena, &team,
				   &team_count, &e);
	if (rc != RESULT_OK)
		return http_send_result(req, res, rc, &e, NULL);
	const char *title = arena_printf(req->arena, "Move %s's people", cl.coordinator_name);
	struct sb page;
	sb_init(&page, req->arena, PAGE_MAX_BYTES);
	page_begin(req, &page, refused ? arena_printf(req->arena, "Error: %s", title) : title);
	html_printf(&page, "<a href=\"/team/caseloads\" class=\"govuk-back-link\">Who your "
			   "team walks alongside</a>\n"
			   "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n");
	if (refused)
		form_errors_summary(&page, refused, NULL, 0, "to");
	html_printf(&page, "<h1 class=\"govuk-heading-l\">%s</h1>\n"
			   "<p class=\"govuk-body\">For when someone leaves, or someone's people "
			   "need sharing out. Each person's record says who moved them, and when.</p>\n"
			   "<form method=\"post\" action=\"/team/coordinators/%s/move\" novalidate>\n"
			   "<input type=\"hidden\" name=\"csrf_token\" value=\"%s\">\n",
		    title, cl.coordinator_id, req->who->session->csrf_token);
	const char *people_error = form_errors_for(refused, "person_ids");
	html_printf(&page, "<div class=\"govuk-form-group%s\"><fieldset class=\"govuk-fieldset\"%s>\n"
			   "<legend class=\"govuk-fieldset__legend govuk-fieldset__legend--m\">Who to move"
			   "</legend>\n",
		    people_error ? " govuk-form-group--error" : "",
		    people_error ? " aria-describedby=\"person_ids-error\"" : "");
	if (people_error)
		html_printf(&page, "<p id=\"person_ids-error\" class=\"govuk-error-message\">"
				   "<span class=\"govuk-visually-hidden\">Error:</span> %s</p>\n",
			    people_error);
	html_printf(&page, "<div class=\"govuk-checkboxes\" data-module=\"govuk-checkboxes\">\n");
	for (size_t i = 0; i < cl.count; i++) {
		const struct caseload_entry *x = &cl.entries[i];
		html_printf(&page, "<div class=\"govuk-checkboxes__item\"><input class=\"govuk-checkboxes__input\" "
				   "id=\"%s%s\" name=\"person\" type=\"checkbox\" value=\"%s\"%s>"
				   "<label class=\"govuk-label govuk-checkboxes__label\" for=\"%s%s\">%s, %s"
				   "</label></div>\n",
			    i ? "person-" : "person_ids", i ? x->person_id : "", x->person_id,
			    ticked(req, x->person_id) ? " checked" : "", i ? "person-" : "person_ids",
			    i ? x->person_id : "", x->preferred_name ? x->preferred_name : x->name,
			    strcmp(x->kind, "walking_alongside") == 0 ? "walking alongside"
								      : "short-term help");
	}
	if (cl.count)
		html_printf(&page, "<div class=\"govuk-checkboxes__divider\">or</div>\n");
	html_printf(&page, "<div class=\"govuk-checkboxes__item\"><input class=\"govuk-checkboxes__input\" "
			   "id=\"%s\" name=\"all\" type=\"checkbox\" value=\"yes\"%s>"
			   "<label class=\"govuk-label govuk-checkboxes__label\" for=\"%s\">Everyone of "
			   "%s's, also those whose time with them has ended, so a return finds the "
			   "new coordinator</label></div>\n</div></fieldset></div>\n",
		    cl.count ? "all" : "person_ids", http_form(req, "all") ? " checked" : "",
		    cl.count ? "all" : "person_ids", cl.coordinator_name);
	const char *to_error = form_errors_for(refused, "to");
	html_printf(&page, "<div class=\"govuk-form-group%s\"><label class=\"govuk-label govuk-label--m\" "
			   "for=\"to\">Move them to</label>\n",
		    to_error ? " govuk-form-group--error" : "");
	if (to_error)
		html_printf(&page, "<p id=\"to-error\" class=\"govuk-error-message\">"
				   "<span class=\"govuk-visually-hidden\">Error:</span> %s</p>\n",
			    to_error);
	html_printf(&page, "<select class=\"govuk-select%s\" id=\"to\" name=\"to\"%s>\n",
		    to_error ? " govuk-select--error" : "",
		    to_error ? " aria-describedby=\"to-error\"" : "");
	const char *sent_to = http_form(req, "to");
	for (size_t i = 0; i < team_count; i++)
		if (strcmp(team[i].coordinator_id, cl.coordinator_id) != 0 && !team[i].disabled)
			html_printf(&page, "<option value=\"%s\"%s>%s (%ld of %ld)</option>\n",
				    team[i].coordinator_id,
				    sent_to && strcmp(sent_to, team[i].coordinator_id) == 0 ? " selected"
											    : "",
				    team[i].coordinator_name, team[i].walking_alongside,
				    team[i].capacity);
	html_printf(&page, "</select></div>\n"
			   "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">"
			   "Move</button>\n</form>\n</div></div>\n");
	page_end(req, &page);
	return http_send_html(req, res, status, &page);
}

int web_move_form(struct http_request *req, struct http_response *res)
{
	return move_page(req, res, 200, NULL);
}

int web_move(struct http_request *req, struct http_response *res)
{
	size_t count;
	const char **person_ids = http_form_all(req, "person", &count);
	struct err e;
	size_t moved;
	int rc = caseload_move(req->app->db, req->who, http_path_param(req, "id"),
			       http_form_text(req, "to"), http_form(req, "all") ? NULL : person_ids,
			       count, &moved, &e);
	if (rc != RESULT_OK)
		return http_send_result(req, res, rc, &e, move_page);
	return http_redirect(res, arena_printf(req->arena, "/team/caseloads?moved=%zu", moved));
}
