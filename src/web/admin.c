/* Administrators' pages for staff accounts: the list, adding a user, and
 * one user's roles, password, status and sessions. */
#include "core/arena.h"
#include "core/config.h"
#include "core/id.h"
#include "core/sb.h"
#include "domain/staff/session.h"
#include "domain/staff/user.h"
#include "geo/map.h"
#include "http/app.h"
#include "http/auth.h"
#include "http/http.h"
#include "web/form.h"
#include "web/html.h"
#include "web/pages.h"

#include <string.h>

static void roles_text(struct http_request *req, struct sb *page, const struct user *u)
{
	const char *sep = "";
	if (u->roles & USER_COORDINATOR) {
		html_printf(page, "Coordinator (");
		for (size_t i = 0; i < u->coordinator_area_count; i++)
			html_printf(page, "%s%s", i ? ", " : "",
				    staff_area_name(req, u->coordinator_areas[i]));
		html_printf(page, ")");
		sep = "; ";
	}
	if (u->roles & USER_TEAM_LEADER) {
		html_printf(page, "%sTeam leader (", sep);
		for (size_t i = 0; i < u->team_area_count; i++)
			html_printf(page, "%s%s", i ? ", " : "",
				    staff_area_name(req, u->team_areas[i]));
		html_printf(page, ")");
		sep = "; ";
	}
	if (u->roles & USER_ADMINISTRATOR) {
		html_printf(page, "%sAdministrator", sep);
		sep = "; ";
	}
	if (u->roles & USER_PROGRAMME_MANAGER)
		html_printf(page, "%sProgramme manager", sep);
}

int web_admin_users(struct http_request *req, struct http_response *res)
{
	struct user *users;
	size_t count;
	if (user_list(req->app->db, req->arena, &users, &count, &req->err) < 0)
		return -1;
	struct sb page;
	sb_init(&page, req->arena, PAGE_MAX_BYTES);
	page_begin(req, &page, "Staff accounts");
	html_printf(&page, "<h1 class=\"govuk-heading-l\">Staff accounts</h1>\n"
			   "<a class=\"govuk-button\" data-module=\"govuk-button\" "
			   "href=\"/admin/users/new\">Add a user</a>\n"
			   "<table class=\"govuk-table\"><caption class=\"govuk-table__caption "
			   "govuk-table__caption--m\">%zu account%s</caption>\n"
			   "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
			   "<th scope=\"col\" class=\"govuk-table__header\">Username</th>"
			   "<th scope=\"col\" class=\"govuk-table__header\">Name</th>"
			   "<th scope=\"col\" class=\"govuk-table__header\">Roles</th>"
			   "<th scope=\"col\" class=\"govuk-table__header\">Status</th></tr></thead>\n"
			   "<tbody class=\"govuk-table__body\">\n",
		    count, count == 1 ? "" : "s");
	for (size_t i = 0; i < count; i++) {
		const struct user *u = &users[i];
		html_printf(&page, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">"
				   "<a class=\"govuk-link\" href=\"/admin/users/%s\">%s</a></td>"
				   "<td class=\"govuk-table__cell\">%s</td><td class=\"govuk-table__cell\">",
			    u->id, u->username, u->display_name);
		roles_text(req, &page, u);
		html_printf(&page, "</td><td class=\"govuk-table__cell\">%s</td></tr>\n",
			    u->disabled ? "Disabled" : u->has_password ? "Active"
								    : "No password yet");
	}
	html_printf(&page, "</tbody></table>\n");
	page_end(req, &page);
	return http_send_html(req, res, 200, &page);
}

/* The problem (NULL: none) shown above the input whose id is id. */
static void error_message(struct sb *page, const char *id, const char *error)
{
	if (error)
		html_printf(page, "<p id=\"%s-error\" class=\"govuk-error-message\"><span "
				  "class=\"govuk-visually-hidden\">Error:</span> %s</p>\n",
			    id, error);
}

/* The areas as checkboxes named "area" in a fieldset, ticked for those in
 * chosen.  The first box's id is id, so a problem can link to it; the
 * others are id-1, id-2... */
static void area_fieldset(struct http_request *req, struct sb *page, const char *id,
			  const char *legend, const char *legend_size, const char *hint,
			  const char **chosen, size_t chosen_count, const char *error)
{
	html_printf(page, "<div class=\"govuk-form-group%s\"><fieldset class=\"govuk-fieldset\"",
		    error ? " govuk-form-group--error" : "");
	if (error)
		html_printf(page, " aria-describedby=\"%s-error\"", id);
	html_printf(page, ">\n<legend class=\"govuk-fieldset__legend govuk-fieldset__legend--%s\">"
			  "%s</legend>\n",
		    legend_size, legend);
	if (hint)
		html_printf(page, "<div class=\"govuk-hint\">%s</div>\n", hint);
	error_message(page, id, error);
	size_t n = req->map ? geo_map_area_count(req->map) : 0;
	if (n == 0)
		html_printf(page, "<p class=\"govuk-body\">There are no areas yet.</p>\n");
	else
		html_printf(page, "<div class=\"govuk-checkboxes govuk-checkboxes--small\" "
				  "data-module=\"govuk-checkboxes\">\n");
	for (size_t i = 0; i < n; i++) {
		const struct geo_area *area = geo_map_area(req->map, i);
		const char *box = i ? arena_printf(req->arena, "%s-%zu", id, i) : id;
		bool ticked = false;
		for (size_t j = 0; j < chosen_count; j++)
			ticked |= strcmp(chosen[j], area->id) == 0;
		html_printf(page, "<div class=\"govuk-checkboxes__item\"><input class=\"govuk-checkboxes__input\" "
				  "id=\"%s\" name=\"area\" type=\"checkbox\" value=\"%s\"%s>"
				  "<label class=\"govuk-label govuk-checkboxes__label\" for=\"%s\">%s</label></div>\n",
			    box, area->id, ticked ? " checked" : "", box, area->name);
	}
	if (n) /* markup only from a literal: html_printf escapes every %s */
		html_printf(page, "</div>\n");
	html_printf(page, "</fieldset></div>\n");
}

static const char *const role_options[][2] = {{"coordinator", "Coordinator"},
					      {"team_leader", "Team leader"},
					      {"administrator", "Administrator"},
					      {"programme_manager", "Programme manager"}};

/* The form for a new user, with the values sent and every problem in e
 * (NULL the first time) beside its field. */
static int new_user_form(struct http_request *req, struct http_response *res, int status,
			 const struct err *e)
{
	struct sb page;
	sb_init(&page, req->arena, PAGE_MAX_BYTES);
	page_begin(req, &page, e ? "Error: Add a user" : "Add a user");
	html_printf(&page, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n");
	if (e)
		form_errors_summary(&page, e, NULL, 0, "username");
	html_printf(&page, "<h1 class=\"govuk-heading-l\">Add a user</h1>\n"
			   "<form method=\"post\" action=\"/admin/users\" novalidate>\n"
			   "<input type=\"hidden\" name=\"csrf_token\" value=\"%s\">\n",
		    req->who->session->csrf_token);
	static const struct form_field text[] = {
		{"username", "Username", "3 to 64 letters, digits, dots, dashes or underscores",
		 "text", "off", "govuk-!-width-one-half"},
		{"display_name", "Name shown to colleagues", NULL, "text", "off", ""},
	};
	for (size_t i = 0; i < 2; i++)
		form_text_field(&page, &text[i], http_form(req, text[i].name),
				form_errors_for(e, text[i].name));
	form_radios(&page, "role", "Role",
		    "A programme manager sees every area's figures in the reports and no "
		    "person's record.",
		    role_options, 4, http_form(req, "role"), form_errors_for(e, "role"));
	size_t chosen_count;
	const char **chosen = http_form_all(req, "area", &chosen_count);
	area_fieldset(req, &page, "areas", "Areas", "s",
		      "The areas a coordinator works, or a team leader's team. None for an "
		      "administrator or a programme manager.",
		      chosen, chosen_count, form_errors_for(e, "areas"));
	static const struct form_field password = {
		"password", "Password", "At least 12 characters. Leave empty to set it later.",
		"password", "new-password", "govuk-!-width-one-half"};
	form_text_field(&page, &password, NULL, form_errors_for(e, "password"));
	html_printf(&page, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">"
			   "Add the user</button>\n</form>\n</div></div>\n");
	page_end(req, &page);
	return http_send_html(req, res, status, &page);
}

int web_admin_new_user(struct http_request *req, struct http_response *res)
{
	return new_user_form(req, res, 200, NULL);
}

int web_admin_add_user(struct http_request *req, struct http_response *res)
{
	const char *password = http_form(req, "password");
	struct user_input in = {
		.username = http_form(req, "username"),
		.display_name = http_form_text(req, "display_name"),
		.role = user_role_parse(http_form(req, "role")),
		.password = password && *password ? password : NULL,
	};
	in.areas = http_form_all(req, "area", &in.area_count);
	char id[ID_HEX_LEN + 1];
	struct err e;
	int rc = user_add(req->app->db, req->who, &in, id, &e);
	if (rc != RESULT_OK)
		return http_send_result(req, res, rc, &e, new_user_form);
	return http_redirect(res, arena_printf(req->arena, "/admin/users/%s", id));
}

/* One role's form on a user's page: its areas, and the buttons to save
 * them or (held) take the role away.  The form that was sent shows what
 * was ticked and any problem with the role or its areas. */
static void role_form(struct http_request *req, struct sb *page, const struct user *u,
		      const char *role, const char *legend, bool held, const char **areas,
		      size_t area_count, const struct err *e)
{
	const char *sent = http_form(req, "role");
	bool posted = e && sent && strcmp(sent, role) == 0;
	const char *role_error = posted ? form_errors_for(e, "role") : NULL;
	html_printf(page, "<form method=\"post\" action=\"/admin/users/%s/roles\" id=\"role-%s\" novalidate>\n"
			  "<input type=\"hidden\" name=\"csrf_token\" value=\"%s\">"
			  "<input type=\"hidden\" name=\"role\" value=\"%s\">\n",
		    u->id, role, req->who->session->csrf_token, role);
	if (role_error)
		html_printf(page, "<p class=\"govuk-error-message\"><span "
				  "class=\"govuk-visually-hidden\">Error:</span> %s</p>\n",
			    role_error);
	if (posted)
		areas = http_form_all(req, "area", &area_count);
	area_fieldset(req, page, role, legend, "m", NULL, areas, area_count,
		      posted ? form_errors_for(e, "areas") : NULL);
	html_printf(page, "<div class=\"govuk-button-group\">"
			  "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">"
			  "%s</button>",
		    held ? "Save areas" : "Give this role");
	if (held)
		html_printf(page, "<button type=\"submit\" name=\"remove\" value=\"1\" "
				  "class=\"govuk-button govuk-button--warning\" data-module=\"govuk-button\">"
				  "Take this role away</button>");
	html_printf(page, "</div>\n</form>\n");
}

/* The form on a user's page giving or (held) taking away a role that
 * has no areas: one button ("Make administrator", "Take administrator
 * away"; name is the role in words, heading capitalised), and the problem
 * with that role when it was the one sent. */
static void arealess_role_form(struct http_request *req, struct sb *page,
			       const struct user *u, const char *role, const char *heading,
			       const char *name, const char *hint, bool held,
			       const struct err *e)
{
	const char *sent = http_form(req, "role");
	const char *id = arena_printf(req->arena, "role-%s", role);
	html_printf(page, "<h2 class=\"govuk-heading-m\">%s</h2>\n", heading);
	if (hint)
		html_printf(page, "<p class=\"govuk-body\">%s</p>\n", hint);
	html_printf(page, "<form method=\"post\" action=\"/admin/users/%s/roles\" id=\"%s\">"
			  "<input type=\"hidden\" name=\"csrf_token\" value=\"%s\">"
			  "<input type=\"hidden\" name=\"role\" value=\"%s\">",
		    u->id, id, req->who->session->csrf_token, role);
	/* Markup only from a literal: html_printf escapes every %s. */
	if (held)
		html_printf(page, "<input type=\"hidden\" name=\"remove\" value=\"1\">");
	error_message(page, id, e && sent && strcmp(sent, role) == 0 ? form_errors_for(e, "role")
								      : NULL);
	html_printf(page, "<button type=\"submit\" class=\"govuk-button govuk-button--secondary\" "
			  "data-module=\"govuk-button\">%s %s%s</button></form>\n",
		    held ? "Take" : "Make", name, held ? " away" : "");
}

/* A user's page, with every problem in e (NULL when there is none) beside
 * the form that was sent. */
static int user_form(struct http_request *req, struct http_response *res, int status,
		     const struct err *e)
{
	struct user *u;
	struct err read;
	int rc = user_get(req->app->db, req->arena, req->who, http_path_param(req, "id"), &u,
			  &read);
	const struct config *config = req->app->config;
	struct session_limits limits = {config->session_idle, config->session_lifetime};
	struct session *sessions;
	size_t session_count;
	if (rc == RESULT_OK)
		rc = session_list(req->app->db, req->arena, req->who, u->id, &limits, &sessions,
				  &session_count, &read);
	if (rc != RESULT_OK)
		return http_send_result(req, res, rc, &read, NULL);
	const char *csrf = req->who->session->csrf_token;
	struct sb page;
	sb_init(&page, req->arena, PAGE_MAX_BYTES);
	page_begin(req, &page, e ? arena_printf(req->arena, "Error: %s", u->username) : u->username);
	if (e) {
		const char *role = http_form(req, "role");
		struct form_anchor anchors[] = {
			{"role", arena_printf(req->arena, "role-%s", role ? role : "")},
			{"areas", role ? role : ""},
		};
		form_errors_summary(&page, e, anchors, 2, "password");
	}
	html_printf(&page, "<span class=\"govuk-caption-l\">Staff account</span>\n"
			   "<h1 class=\"govuk-heading-l\">%s</h1>\n<dl class=\"govuk-summary-list\">\n"
			   "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">Name</dt>"
			   "<dd class=\"govuk-summary-list__value\">%s</dd></div>\n"
			   "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">Status</dt>"
			   "<dd class=\"govuk-summary-list__value\">%s</dd></div>\n"
			   "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">Roles</dt>"
			   "<dd class=\"govuk-summary-list__value\">",
		    u->username, u->display_name,
		    u->disabled ? "Disabled" : u->has_password ? "Active" : "No password yet");
	roles_text(req, &page, u);
	html_printf(&page, "</dd></div>\n</dl>\n");
	role_form(req, &page, u, "coordinator", "Coordinator: the areas they work",
		  (u->roles & USER_COORDINATOR) != 0, u->coordinator_areas,
		  u->coordinator_area_count, e);
	role_form(req, &page, u, "team_leader", "Team leader: the areas of their team",
		  (u->roles & USER_TEAM_LEADER) != 0, u->team_areas, u->team_area_count, e);
	arealess_role_form(req, &page, u, "administrator", "Administrator", "administrator",
			   NULL,
			   (u->roles & USER_ADMINISTRATOR) != 0, e);
	arealess_role_form(req, &page, u, "programme_manager", "Programme manager",
			   "programme manager",
			   "Sees every area's figures in the reports, and no person's record.",
			   (u->roles & USER_PROGRAMME_MANAGER) != 0, e);
	static const struct form_field password = {
		"password", "New password",
		"At least 12 characters. Setting it signs the user out everywhere.", "password",
		"new-password", "govuk-!-width-one-half"};
	static const struct form_field email = {
		"email", "Email address",
		"Told when an introduction arrives for an area they work or cover. Leave empty "
		"for none.",
		"email", "off", ""};
	const char *sent_email = http_form(req, "email");
	html_printf(&page, "<h2 class=\"govuk-heading-m\">Password</h2>\n"
			   "<form method=\"post\" action=\"/admin/users/%s/password\" novalidate>"
			   "<input type=\"hidden\" name=\"csrf_token\" value=\"%s\">\n",
		    u->id, csrf);
	form_text_field(&page, &password, NULL, form_errors_for(e, "password"));
	html_printf(&page, "<button type=\"submit\" class=\"govuk-button govuk-button--secondary\" "
			   "data-module=\"govuk-button\">Set the password</button></form>\n"
			   "<h2 class=\"govuk-heading-m\">Email for notifications</h2>\n"
			   "<form method=\"post\" action=\"/admin/users/%s/email\" novalidate>"
			   "<input type=\"hidden\" name=\"csrf_token\" value=\"%s\">\n",
		    u->id, csrf);
	form_text_field(&page, &email, e && sent_email ? sent_email : u->email,
			form_errors_for(e, "email"));
	html_printf(&page, "<button type=\"submit\" class=\"govuk-button govuk-button--secondary\" "
			   "data-module=\"govuk-button\">Save the address</button></form>\n"
			   "<h2 class=\"govuk-heading-m\">Access</h2>\n"
			   "<form method=\"post\" action=\"/admin/users/%s/%s\">"
			   "<input type=\"hidden\" name=\"csrf_token\" value=\"%s\">",
		    u->id, u->disabled ? "enable" : "disable", csrf);
	error_message(&page, "disabled", form_errors_for(e, "disabled"));
	html_printf(&page, "<button type=\"submit\" id=\"disabled\" "
			   "class=\"govuk-button govuk-button--%s\" "
			   "data-module=\"govuk-button\">%s</button></form>\n",
		    u->disabled ? "secondary" : "warning",
		    u->disabled ? "Let them sign in again" : "Disable and sign them out");
	staff_sessions_table(req, &page, sessions, session_count,
			     arena_printf(req->arena, "/admin/users/%s/sessions", u->id));
	page_end(req, &page);
	return http_send_html(req, res, status, &page);
}

int web_admin_user(struct http_request *req, struct http_response *res)
{
	return user_form(req, res, 200, NULL);
}

/* After a change to the user named in the path: back to their page, or
 * the answer to its result (the page again with the problems). */
static int after_change(struct http_request *req, struct http_response *res, int rc,
			const struct err *e)
{
	if (rc != RESULT_OK)
		return http_send_result(req, res, rc, e, user_form);
	return http_redirect(res, arena_printf(req->arena, "/admin/users/%s",
					  http_path_param(req, "id")));
}

int web_admin_set_role(struct http_request *req, struct http_response *res)
{
	size_t area_count;
	const char **areas = http_form_all(req, "area", &area_count);
	bool remove = http_form(req, "remove") != NULL;
	struct err e;
	/* The remove button sits in the form with the area boxes. */
	int rc = user_set_role(req->app->db, req->who, http_path_param(req, "id"),
			       user_role_parse(http_form(req, "role")), areas,
			       remove ? 0 : area_count, remove, &e);
	return after_change(req, res, rc, &e);
}

int web_admin_set_email(struct http_request *req, struct http_response *res)
{
	struct err e;
	int rc = user_set_email(req->app->db, req->who, http_path_param(req, "id"),
				http_form_text(req, "email"), &e);
	return after_change(req, res, rc, &e);
}

int web_admin_set_password(struct http_request *req, struct http_response *res)
{
	const char *password = http_form(req, "password");
	struct err e;
	int rc = user_set_password(req->app->db, req->who, http_path_param(req, "id"),
				   password ? password : "", &e);
	return after_change(req, res, rc, &e);
}

static int set_disabled(struct http_request *req, struct http_response *res, bool disabled)
{
	struct err e;
	int rc = user_set_disabled(req->app->db, req->who, http_path_param(req, "id"), disabled, &e);
	return after_change(req, res, rc, &e);
}

int web_admin_disable(struct http_request *req, struct http_response *res)
{
	return set_disabled(req, res, true);
}

int web_admin_enable(struct http_request *req, struct http_response *res)
{
	return set_disabled(req, res, false);
}

int web_admin_end_session(struct http_request *req, struct http_response *res)
{
	struct err e;
	int rc = session_end(req->app->db, req->who, http_path_param(req, "session"),
			     "session_end", &e);
	if (rc != RESULT_OK)
		return http_send_result(req, res, rc, &e, NULL);
	const char *user = http_path_param(req, "id");
	return http_redirect(res, id_valid(user) ? arena_printf(req->arena, "/admin/users/%s", user)
						 : "/admin/users");
}
