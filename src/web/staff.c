/* Signing in and out, the staff home page, and a user's own sessions. */
#include "core/arena.h"
#include "core/date.h"
#include "core/config.h"
#include "core/sb.h"
#include "domain/outcomes/story.h"
#include "domain/staff/audit.h"
#include "domain/staff/password.h"
#include "domain/staff/session.h"
#include "domain/staff/throttle.h"
#include "domain/staff/token.h"
#include "domain/staff/user.h"
#include "geo/map.h"
#include "http/app.h"
#include "http/auth.h"
#include "http/http.h"
#include "web/form.h"
#include "web/html.h"
#include "web/pages.h"

#include <inttypes.h>
#include <string.h>

#define USERNAME_FIELD_MAX 64

/* An area's name from the map, or its id when the map does not hold it. */
const char *staff_area_name(const struct http_request *req, const char *id)
{
	long i = req->map ? geo_map_find_area(req->map, id) : -1;
	return i >= 0 ? geo_map_area(req->map, (size_t)i)->name : id;
}

static void field(struct sb *page, const char *name, const char *label,
		  const char *type, const char *autocomplete, const char *value,
		  const char *error)
{
	html_printf(page, "<div class=\"govuk-form-group%s\">\n"
			  "<label class=\"govuk-label govuk-label--s\" for=\"%s\">%s</label>\n",
		    error ? " govuk-form-group--error" : "", name, label);
	if (error)
		html_printf(page, "<p id=\"%s-error\" class=\"govuk-error-message\">"
				  "<span class=\"govuk-visually-hidden\">Error:</span> %s</p>\n",
			    name, error);
	html_printf(page,
		    "<input class=\"govuk-input govuk-!-width-one-half%s\" id=\"%s\" name=\"%s\" "
		    "type=\"%s\" autocomplete=\"%s\" spellcheck=\"false\"%s%s%s value=\"%s\">\n"
		    "</div>\n",
		    error ? " govuk-input--error" : "", name, name, type, autocomplete,
		    error ? " aria-describedby=\"" : "", error ? name : "",
		    error ? "-error\"" : "", value ? value : "");
}

/* The sign-in form, with every problem in e (NULL the first time). */
static int sign_in_page(struct http_request *req, struct http_response *res, int status,
			const struct err *e)
{
	struct sb page;
	sb_init(&page, req->arena, PAGE_MAX_BYTES);
	page_begin(req, &page, e ? "Error: Sign in" : "Sign in");
	html_printf(&page, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n");
	if (e)
		form_errors_summary(&page, e, NULL, 0, "username");
	const char *signed_out = http_query(req, "signed_out");
	if (signed_out && !e)
		form_success_banner(&page, "signed-out", "You have signed out.");
	html_printf(&page, "<h1 class=\"govuk-heading-l\">Sign in</h1>\n");
	if (req->who->user) {
		html_printf(&page, "<p class=\"govuk-body\">You are signed in as %s. "
				   "<a class=\"govuk-link\" href=\"/staff\">Go to the staff pages</a>.</p>\n"
				   "</div></div>\n",
			    req->who->user->display_name);
		page_end(req, &page);
		return http_send_html(req, res, status, &page);
	}
	const char *next = http_form(req, "next");
	if (!next)
		next = http_query(req, "next");
	html_printf(&page,
		    "<p class=\"govuk-body\">For Local Area Coordination staff. If you are "
		    "looking for your coordinator, <a class=\"govuk-link\" href=\"/find\">find "
		    "them by postcode</a>.</p>\n"
		    "<form method=\"post\" action=\"/sign-in\" novalidate>\n"
		    "<input type=\"hidden\" name=\"csrf_token\" value=\"%s\">\n"
		    "<input type=\"hidden\" name=\"next\" value=\"%s\">\n",
		    http_csrf_token(req, res), http_safe_next(next));
	/* A username refused for its length is not shown again. */
	const char *username_error = form_errors_for(e, "username");
	field(&page, "username", "Username", "text", "username",
	      username_error ? NULL : http_form(req, "username"), username_error);
	field(&page, "password", "Password", "password", "current-password", NULL,
	      form_errors_for(e, "password"));
	html_printf(&page, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">"
			   "Sign in</button>\n</form>\n"
			   "<p class=\"govuk-body\">Forgotten your password? Ask your "
			   "administrator to set a new one.</p>\n</div></div>\n");
	page_end(req, &page);
	return http_send_html(req, res, status, &page);
}

int web_sign_in_form(struct http_request *req, struct http_response *res)
{
	return sign_in_page(req, res, 200, NULL);
}

int web_sign_in(struct http_request *req, struct http_response *res)
{
	const char *username = http_form(req, "username");
	const char *password = http_form(req, "password");
	struct err e = {0};
	if (!username || !*username)
		err_field(&e, "username", "Enter your username");
	else if (strlen(username) > USERNAME_FIELD_MAX)
		err_field(&e, "username", "Usernames are at most 64 characters");
	if (!password || !*password)
		err_field(&e, "password", "Enter your password");
	else if (strlen(password) > PASSWORD_MAX_BYTES)
		err_field(&e, "password", "Passwords are at most 256 characters");
	if (e.field_count)
		return http_send_result(req, res, RESULT_INVALID, &e, sign_in_page);

	struct db *db = req->app->db;
	int64_t wait;
	/* Counted before the password is checked: see throttle_sign_in. */
	if (throttle_sign_in(db, req->who, username, &wait, &req->err) < 0)
		return -1;
	if (wait > 0) {
		http_add_header(res, "Retry-After", arena_printf(req->arena, "%" PRId64, wait));
		err_field(&e, NULL, "Too many attempts to sign in. Wait %" PRId64
				    " minute%s and try again.",
			  (wait + 59) / 60, (wait + 59) / 60 == 1 ? "" : "s");
		return sign_in_page(req, res, 429, &e);
	}
	const char *user_id, *hash;
	if (user_credentials(db, req->arena, username, &user_id, &hash, &req->err) < 0)
		return -1;
	if (!password_verify(password, hash)) {
		struct audit_entry entry = {"sign_in_failed", user_id ? "user" : NULL, user_id,
					    NULL, "refused", NULL};
		if (audit_record(db, req->who, &entry, &req->err) < 0)
			return -1;
		/* Never which of the two was wrong: that would confirm usernames. */
		err_field(&e, NULL, "The username or password is not right");
		return sign_in_page(req, res, 200, &e);
	}
	if (throttle_clear(db, username, req->client_address, &req->err) < 0)
		return -1;
	const struct config *config = req->app->config;
	struct session_limits limits = {config->session_idle, config->session_lifetime};
	char token[SECRET_LEN + 1];
	if (session_start(db, req->who, user_id, req->header(req, "User-Agent"), &limits, token,
			  &req->err) < 0)
		return -1;
	http_set_cookie(req, res, SESSION_COOKIE, arena_strdup(req->arena, token),
			config->session_lifetime);
	http_set_cookie(req, res, CSRF_COOKIE, NULL, 0);
	return http_redirect(res, http_safe_next(http_form(req, "next")));
}

int web_sign_out(struct http_request *req, struct http_response *res)
{
	struct err e;
	int rc = session_end(req->app->db, req->who, req->who->session->id, "sign_out", &e);
	/* Ended already, from elsewhere: signed out all the same. */
	if (rc != RESULT_OK && rc != RESULT_NOT_FOUND)
		return http_send_result(req, res, rc, &e, NULL);
	http_set_cookie(req, res, SESSION_COOKIE, NULL, 0);
	return http_redirect(res, "/sign-in?signed_out=1");
}

/* A role and its areas, or for a role without areas (none: NULL), what
 * it reaches instead. */
static void role_rows(struct http_request *req, struct sb *page, const char *role,
		      const char **areas, size_t count, const char *none)
{
	html_printf(page, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">"
			  "%s</dt><dd class=\"govuk-summary-list__value\">", role);
	for (size_t i = 0; i < count; i++)
		html_printf(page, "%s%s", i ? ", " : "", staff_area_name(req, areas[i]));
	html_printf(page, "%s</dd></div>\n", count || !none ? "" : none);
}

int web_staff_home(struct http_request *req, struct http_response *res)
{
	const struct caller *who = req->who;
	const struct user *u = who->user;
	struct sb page;
	sb_init(&page, req->arena, PAGE_MAX_BYTES);
	page_begin(req, &page, "Staff");
	html_printf(&page, "<h1 class=\"govuk-heading-l\">Signed in as %s</h1>\n"
			   "<dl class=\"govuk-summary-list\">\n",
		    u->display_name);
	if (u->roles & USER_COORDINATOR)
		role_rows(req, &page, "Coordinator for", u->coordinator_areas,
			  u->coordinator_area_count, NULL);
	if (who->cover_area_count)
		role_rows(req, &page, "Covering today", who->cover_areas, who->cover_area_count,
			  NULL);
	if (u->roles & USER_TEAM_LEADER)
		role_rows(req, &page, "Team leader for", u->team_areas, u->team_area_count, NULL);
	if (u->roles & USER_ADMINISTRATOR)
		role_rows(req, &page, "Administrator", NULL, 0, "All accounts, areas and imports");
	if (u->roles & USER_PROGRAMME_MANAGER)
		role_rows(req, &page, "Programme manager", NULL, 0,
			  "Every area's figures, and no person's record");
	html_printf(&page, "</dl>\n<h2 class=\"govuk-heading-m\">What you can do</h2>\n"
			   "<ul class=\"govuk-list\">\n");
	/* A programme manager alone reaches no person's record: the pages of
	 * people and introductions would only ever be empty for them. */
	if (u->roles != USER_PROGRAMME_MANAGER)
		html_printf(&page, "<li><a class=\"govuk-link\" href=\"/staff/introductions\">"
				   "Introductions</a>: who has got in touch, soonest due first; "
				   "log a call</li>\n"
				   "<li><a class=\"govuk-link\" href=\"/staff/people/new\">New "
				   "person</a>: someone who came without an introduction</li>\n");
	if (u->roles & (USER_TEAM_LEADER | USER_PROGRAMME_MANAGER))
		html_printf(&page, "<li><a class=\"govuk-link\" href=\"/reports\">Reports</a>: "
				   "introductions, replies, caseloads, outcomes and costs avoided, "
				   "by quarter and area</li>\n");
	if (u->roles & USER_COORDINATOR)
		html_printf(&page, "<li><a class=\"govuk-link\" href=\"/staff/caseload\">The "
				   "people you walk alongside</a>: and those you help for a short "
				   "time, with their next steps</li>\n");
	if (u->roles & USER_COORDINATOR)
		html_printf(&page, "<li><a class=\"govuk-link\" href=\"/staff/leave\">Your leave</a>: "
				   "days away stop the clock</li>\n");
	if (u->roles & USER_COORDINATOR)
		html_printf(&page, "<li><a class=\"govuk-link\" href=\"/account/public-entry\">Your "
				   "public entry</a>: how people find you in the directory of "
				   "areas</li>\n");
	html_printf(&page, "<li><a class=\"govuk-link\" href=\"/account/sessions\">Your sessions</a>: "
			   "where you are signed in, and signing out elsewhere</li>\n");
	if (u->roles & USER_TEAM_LEADER)
		html_printf(&page, "<li><a class=\"govuk-link\" href=\"/team/caseloads\">Who your "
				   "team walks alongside</a>: capacity, and moving people between "
				   "coordinators</li>\n");
	if (u->roles & USER_TEAM_LEADER)
		html_printf(&page, "<li><a class=\"govuk-link\" href=\"/team/cover\">Cover in "
				   "your team</a>: who covers whose area while they are away</li>\n");
	if (u->roles & USER_TEAM_LEADER)
		html_printf(&page, "<li><a class=\"govuk-link\" href=\"/team/audit\">Your team's "
				   "audit trail</a>: who saw or changed whose record</li>\n");
	long waiting = 0;
	struct err e;
	if ((u->roles & USER_TEAM_LEADER) &&
	    story_waiting_count(req->app->db, who, req->arena, &waiting, &e) < 0)
		return http_send_result(req, res, RESULT_FAILED, &e, NULL);
	if (u->roles & USER_TEAM_LEADER)
		html_printf(&page, "<li><a class=\"govuk-link\" href=\"/team/stories\">Stories "
				   "waiting for review</a> (%ld): before a person's story goes beyond "
				   "the team</li>\n",
			    waiting);
	if (u->roles & (USER_TEAM_LEADER | USER_ADMINISTRATOR))
		html_printf(&page, "<li><a class=\"govuk-link\" href=\"/team/area-changes\">People "
				   "and introductions now in another area</a>: after an area's wards "
				   "change, who to move</li>\n");
	if (u->roles & USER_ADMINISTRATOR)
		html_printf(&page, "<li><a class=\"govuk-link\" href=\"/admin/areas\">Areas</a>: "
				   "add, rename, change wards, retire</li>\n"
				   "<li><a class=\"govuk-link\" href=\"/admin/users\">Staff "
				   "accounts</a></li>\n"
				   "<li><a class=\"govuk-link\" href=\"/admin/tokens\">API tokens</a>: other systems' access to the API</li>\n"
				   "<li><a class=\"govuk-link\" href=\"/admin/audit\">Sign-ins "
				   "and account changes</a></li>\n"
				   "<li><a class=\"govuk-link\" href=\"/admin/council\">The "
				   "council's settings</a>: its contacts, and who answers people "
				   "outside the covered areas</li>\n");
	if (u->roles & (USER_ADMINISTRATOR | USER_PROGRAMME_MANAGER))
		html_printf(&page, "<li><a class=\"govuk-link\" href=\"/admin/unit-costs\">Unit "
				   "costs</a>: the figures that value costs avoided</li>\n"
				   "<li><a class=\"govuk-link\" href=\"/admin/outcomes\">Outcome "
				   "statements</a>: what people rate themselves against, and "
				   "in what words</li>\n");
	if (u->roles & (USER_TEAM_LEADER | USER_PROGRAMME_MANAGER))
		html_printf(&page, "<li><a class=\"govuk-link\" href=\"/reports/stories\">Stories "
				   "people agreed to share</a>: in the words they agreed to</li>\n");
	html_printf(&page, "</ul>\n");
	page_end(req, &page);
	return http_send_html(req, res, 200, &page);
}

/* A table of sessions, each with a button to end it (not the current
 * one), posting to action_prefix/{id}/end. */
void staff_sessions_table(struct http_request *req, struct sb *page,
			  const struct session *list, size_t count,
			  const char *action_prefix)
{
	if (count == 0) {
		html_printf(page, "<p class=\"govuk-body\">No sessions.</p>\n");
		return;
	}
	const char *current = req->who->session ? req->who->session->id : "";
	html_printf(page, "<table class=\"govuk-table\"><caption class=\"govuk-table__caption "
			  "govuk-table__caption--m\">Signed in</caption>\n"
			  "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
			  "<th scope=\"col\" class=\"govuk-table__header\">Since</th>"
			  "<th scope=\"col\" class=\"govuk-table__header\">Last active</th>"
			  "<th scope=\"col\" class=\"govuk-table__header\">From</th>"
			  "<th scope=\"col\" class=\"govuk-table__header\">Browser</th>"
			  "<th scope=\"col\" class=\"govuk-table__header\"><span "
			  "class=\"govuk-visually-hidden\">Action</span></th></tr></thead>\n"
			  "<tbody class=\"govuk-table__body\">\n");
	for (size_t i = 0; i < count; i++) {
		const struct session *s = &list[i];
		const char *since = date_uk_when(req->arena, s->created_at);
		html_printf(page, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">%s</td>"
				  "<td class=\"govuk-table__cell\">%s</td>"
				  "<td class=\"govuk-table__cell\">%s</td>"
				  "<td class=\"govuk-table__cell\">%.60s</td><td class=\"govuk-table__cell\">",
			    since, date_uk_when(req->arena, s->last_seen_at), s->client_address,
			    s->user_agent);
		if (strcmp(s->id, current) == 0)
			html_printf(page, "This session");
		else
			html_printf(page, "<form method=\"post\" action=\"%s/%s/end\" class=\"app-inline-form\">"
					  "<input type=\"hidden\" name=\"csrf_token\" value=\"%s\">"
					  "<button type=\"submit\" class=\"govuk-button govuk-button--secondary "
					  "govuk-!-margin-bottom-0\" data-module=\"govuk-button\">End"
					  "<span class=\"govuk-visually-hidden\"> the session since %s</span>"
					  "</button></form>",
				    action_prefix, s->id, req->who->session->csrf_token, since);
		html_printf(page, "</td></tr>\n");
	}
	html_printf(page, "</tbody></table>\n");
}

int web_own_sessions(struct http_request *req, struct http_response *res)
{
	const struct config *config = req->app->config;
	struct session_limits limits = {config->session_idle, config->session_lifetime};
	struct session *list;
	size_t count;
	struct err e;
	int rc = session_list(req->app->db, req->arena, req->who, req->who->user->id, &limits,
			      &list, &count, &e);
	if (rc != RESULT_OK)
		return http_send_result(req, res, rc, &e, NULL);
	struct sb page;
	sb_init(&page, req->arena, PAGE_MAX_BYTES);
	page_begin(req, &page, "Your sessions");
	html_printf(&page, "<h1 class=\"govuk-heading-l\">Your sessions</h1>\n"
			   "<p class=\"govuk-body\">Everywhere you are signed in. If you see "
			   "one you do not recognise, end it and ask your administrator to "
			   "set you a new password.</p>\n");
	staff_sessions_table(req, &page, list, count, "/account/sessions");
	page_end(req, &page);
	return http_send_html(req, res, 200, &page);
}

int web_end_own_session(struct http_request *req, struct http_response *res)
{
	struct err e;
	int rc = session_end(req->app->db, req->who, http_path_param(req, "id"), "session_end",
			     &e);
	if (rc != RESULT_OK)
		return http_send_result(req, res, rc, &e, NULL);
	return http_redirect(res, "/account/sessions");
}
