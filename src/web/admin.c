/* Administrators' pages for staff accounts: the list, adding a user, and
 * one user's roles, password, status and sessions. */
#include "http/app.h"
#include "core/arena.h"
#include "core/config.h"
#include "core/id.h"
#include "core/sb.h"
#include "db/db.h"
#include "domain/staff/access.h"
#include "domain/staff/audit.h"
#include "domain/staff/session.h"
#include "domain/staff/token.h"
#include "domain/staff/user.h"
#include "geo/map.h"
#include "http/auth.h"
#include "http/http.h"
#include "web/html.h"
#include "web/pages.h"

#include <string.h>

static void problem_summary(struct sb *page, const char *problem)
{
	if (problem)
		html_printf(page, "<div class=\"govuk-error-summary\" data-module=\"govuk-error-summary\">\n"
				  "<div role=\"alert\"><h2 class=\"govuk-error-summary__title\">There "
				  "is a problem</h2>\n<div class=\"govuk-error-summary__body\">"
				  "<p class=\"govuk-body\">%s</p></div></div></div>\n",
			    problem);
}

/* The status a refused change answers with. */
static int refusal_status(int rc)
{
	return rc == USER_NOT_FOUND ? 404 : rc == DB_CONFLICT ? 409 : 400;
}

static bool refused(int rc)
{
	return rc == USER_INVALID || rc == USER_NOT_FOUND || rc == DB_CONFLICT;
}

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
	if (u->roles & USER_ADMINISTRATOR)
		html_printf(page, "%sAdministrator", sep);
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

/* Checkboxes, one per area, ticked for those in `chosen`. */
static void area_checkboxes(struct http_request *req, struct sb *page, const char *id_prefix,
			    const char **chosen, size_t chosen_count)
{
	size_t n = req->map ? geo_map_area_count(req->map) : 0;
	if (n == 0) {
		html_printf(page, "<p class=\"govuk-body\">There are no areas yet.</p>\n");
		return;
	}
	html_printf(page, "<div class=\"govuk-checkboxes govuk-checkboxes--small\" "
			  "data-module=\"govuk-checkboxes\">\n");
	for (size_t i = 0; i < n; i++) {
		const struct geo_area *area = geo_map_area(req->map, i);
		bool ticked = false;
		for (size_t j = 0; j < chosen_count; j++)
			ticked |= strcmp(chosen[j], area->id) == 0;
		html_printf(page, "<div class=\"govuk-checkboxes__item\"><input class=\"govuk-checkboxes__input\" "
				  "id=\"%s-%zu\" name=\"area\" type=\"checkbox\" value=\"%s\"%s>"
				  "<label class=\"govuk-label govuk-checkboxes__label\" for=\"%s-%zu\">%s</label></div>\n",
			    id_prefix, i, area->id, ticked ? " checked" : "", id_prefix, i, area->name);
	}
	html_printf(page, "</div>\n");
}

static int new_user_page(struct http_request *req, struct http_response *res, int status,
			 const char *problem)
{
	struct sb page;
	sb_init(&page, req->arena, PAGE_MAX_BYTES);
	page_begin(req, &page, problem ? "Error: Add a user" : "Add a user");
	html_printf(&page, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n");
	problem_summary(&page, problem);
	const char *username = http_form(req, "username");
	const char *name = http_form(req, "display_name");
	const char *role = http_form(req, "role");
	html_printf(&page,
		    "<h1 class=\"govuk-heading-l\">Add a user</h1>\n"
		    "<form method=\"post\" action=\"/admin/users\" novalidate>\n"
		    "<input type=\"hidden\" name=\"csrf_token\" value=\"%s\">\n"
		    "<div class=\"govuk-form-group\"><label class=\"govuk-label govuk-label--s\" "
		    "for=\"username\">Username</label>\n<div id=\"username-hint\" class=\"govuk-hint\">"
		    "3 to 64 letters, digits, dots, dashes or underscores</div>\n"
		    "<input class=\"govuk-input govuk-!-width-one-half\" id=\"username\" name=\"username\" "
		    "type=\"text\" autocomplete=\"off\" spellcheck=\"false\" "
		    "aria-describedby=\"username-hint\" value=\"%s\"></div>\n"
		    "<div class=\"govuk-form-group\"><label class=\"govuk-label govuk-label--s\" "
		    "for=\"display_name\">Name shown to colleagues</label>\n"
		    "<input class=\"govuk-input\" id=\"display_name\" name=\"display_name\" type=\"text\" "
		    "autocomplete=\"off\" value=\"%s\"></div>\n"
		    "<div class=\"govuk-form-group\"><fieldset class=\"govuk-fieldset\">"
		    "<legend class=\"govuk-fieldset__legend govuk-fieldset__legend--s\">Role</legend>\n"
		    "<div class=\"govuk-radios govuk-radios--small\" data-module=\"govuk-radios\">\n",
		    req->who->session->csrf_token, username ? username : "", name ? name : "");
	static const char *const roles[][2] = {{"coordinator", "Coordinator"},
					       {"team_leader", "Team leader"},
					       {"administrator", "Administrator"}};
	for (size_t i = 0; i < 3; i++)
		html_printf(&page, "<div class=\"govuk-radios__item\"><input class=\"govuk-radios__input\" "
				   "id=\"role-%zu\" name=\"role\" type=\"radio\" value=\"%s\"%s>"
				   "<label class=\"govuk-label govuk-radios__label\" for=\"role-%zu\">%s</label></div>\n",
			    i, roles[i][0], role && strcmp(role, roles[i][0]) == 0 ? " checked" : "",
			    i, roles[i][1]);
	html_printf(&page, "</div></fieldset></div>\n"
			   "<div class=\"govuk-form-group\"><fieldset class=\"govuk-fieldset\">"
			   "<legend class=\"govuk-fieldset__legend govuk-fieldset__legend--s\">Areas</legend>\n"
			   "<div class=\"govuk-hint\">The areas a coordinator works, or a team "
			   "leader's team. None for an administrator.</div>\n");
	size_t chosen_count;
	const char **chosen = http_form_all(req, "area", &chosen_count);
	area_checkboxes(req, &page, "area", chosen, chosen_count);
	html_printf(&page, "</fieldset></div>\n"
			   "<div class=\"govuk-form-group\"><label class=\"govuk-label govuk-label--s\" "
			   "for=\"password\">Password</label>\n<div id=\"password-hint\" class=\"govuk-hint\">"
			   "At least 12 characters. Leave empty to set it later.</div>\n"
			   "<input class=\"govuk-input govuk-!-width-one-half\" id=\"password\" name=\"password\" "
			   "type=\"password\" autocomplete=\"new-password\" aria-describedby=\"password-hint\">"
			   "</div>\n<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">"
			   "Add the user</button>\n</form>\n</div></div>\n");
	page_end(req, &page);
	return http_send_html(req, res, status, &page);
}

int web_admin_new_user(struct http_request *req, struct http_response *res)
{
	return new_user_page(req, res, 200, NULL);
}

int web_admin_add_user(struct http_request *req, struct http_response *res)
{
	size_t area_count;
	const char **areas = http_form_all(req, "area", &area_count);
	const char *name = http_form(req, "display_name");
	const char *password = http_form(req, "password");
	const char *username = http_form(req, "username");
	char id[ID_HEX_LEN + 1];
	struct err e;
	int rc = user_add(req->app->db, req->who, username ? username : "",
			  name && *name ? name : NULL, user_role_parse(http_form(req, "role")),
			  areas, area_count, id, &e);
	if (rc == 0 && password && *password) {
		rc = user_set_password(req->app->db, req->who, id, password, &e);
		/* The account exists; the page for it says the password is not set. */
		if (refused(rc))
			return http_redirect(res, arena_printf(req->arena, "/admin/users/%s?problem=password", id));
	}
	if (refused(rc))
		return new_user_page(req, res, refusal_status(rc), arena_strdup(req->arena, e.msg));
	if (rc < 0)
		return err_set(&req->err, "%s", e.msg);
	return http_redirect(res, arena_printf(req->arena, "/admin/users/%s", id));
}

static int user_page(struct http_request *req, struct http_response *res, int status,
		     const char *problem)
{
	const char *id = http_path_param(req, "id");
	struct user *u;
	int rc = id_valid(id) ? user_load(req->app->db, req->arena, id, &u, &req->err)
			      : USER_NOT_FOUND;
	if (rc == USER_NOT_FOUND)
		return http_send_error(req, res, 404, "user_not_found", "There is no such user.");
	if (rc < 0)
		return -1;
	const struct config *config = req->app->config;
	struct session_limits limits = {config->session_idle, config->session_lifetime};
	struct session *sessions;
	size_t session_count;
	if (session_list(req->app->db, req->arena, u->id, &limits, &sessions, &session_count,
			 &req->err) < 0)
		return -1;
	const char *csrf = req->who->session->csrf_token;
	if (!problem && http_query(req, "problem"))
		problem = "The user was added, but the password was refused: set another below.";
	struct sb page;
	sb_init(&page, req->arena, PAGE_MAX_BYTES);
	page_begin(req, &page, u->username);
	problem_summary(&page, problem);
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

	static const struct {
		unsigned bit;
		const char *name, *label;
	} roles[] = {{USER_COORDINATOR, "coordinator", "Coordinator: the areas they work"},
		     {USER_TEAM_LEADER, "team_leader", "Team leader: the areas of their team"}};
	for (size_t r = 0; r < 2; r++) {
		bool held = (u->roles & roles[r].bit) != 0;
		html_printf(&page, "<form method=\"post\" action=\"/admin/users/%s/roles\" novalidate>\n"
				   "<input type=\"hidden\" name=\"csrf_token\" value=\"%s\">"
				   "<input type=\"hidden\" name=\"role\" value=\"%s\">\n"
				   "<div class=\"govuk-form-group\"><fieldset class=\"govuk-fieldset\">"
				   "<legend class=\"govuk-fieldset__legend govuk-fieldset__legend--m\">%s</legend>\n",
			    u->id, csrf, roles[r].name, roles[r].label);
		area_checkboxes(req, &page, roles[r].name,
				r == 0 ? u->coordinator_areas : u->team_areas,
				r == 0 ? u->coordinator_area_count : u->team_area_count);
		html_printf(&page, "</fieldset></div>\n<div class=\"govuk-button-group\">"
				   "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">"
				   "%s</button>",
			    held ? "Save areas" : "Give this role");
		if (held)
			html_printf(&page, "<button type=\"submit\" name=\"remove\" value=\"1\" "
					   "class=\"govuk-button govuk-button--warning\" data-module=\"govuk-button\">"
					   "Take this role away</button>");
		html_printf(&page, "</div>\n</form>\n");
	}
	bool admin = (u->roles & USER_ADMINISTRATOR) != 0;
	html_printf(&page, "<h2 class=\"govuk-heading-m\">Administrator</h2>\n"
			   "<form method=\"post\" action=\"/admin/users/%s/roles\">"
			   "<input type=\"hidden\" name=\"csrf_token\" value=\"%s\">"
			   "<input type=\"hidden\" name=\"role\" value=\"administrator\">%s"
			   "<button type=\"submit\" class=\"govuk-button govuk-button--secondary\" "
			   "data-module=\"govuk-button\">%s</button></form>\n",
		    u->id, csrf, admin ? "<input type=\"hidden\" name=\"remove\" value=\"1\">" : "",
		    admin ? "Take administrator away" : "Make administrator");
	html_printf(&page, "<h2 class=\"govuk-heading-m\">Password</h2>\n"
			   "<form method=\"post\" action=\"/admin/users/%s/password\" novalidate>"
			   "<input type=\"hidden\" name=\"csrf_token\" value=\"%s\">\n"
			   "<div class=\"govuk-form-group\"><label class=\"govuk-label\" for=\"password\">"
			   "New password</label><div id=\"password-hint\" class=\"govuk-hint\">At least 12 "
			   "characters. Setting it signs the user out everywhere.</div>"
			   "<input class=\"govuk-input govuk-!-width-one-half\" id=\"password\" name=\"password\" "
			   "type=\"password\" autocomplete=\"new-password\" aria-describedby=\"password-hint\"></div>\n"
			   "<button type=\"submit\" class=\"govuk-button govuk-button--secondary\" "
			   "data-module=\"govuk-button\">Set the password</button></form>\n"
			   "<h2 class=\"govuk-heading-m\">Email for notifications</h2>\n"
			   "<form method=\"post\" action=\"/admin/users/%s/email\" novalidate>"
			   "<input type=\"hidden\" name=\"csrf_token\" value=\"%s\">\n"
			   "<div class=\"govuk-form-group\"><label class=\"govuk-label\" for=\"email\">"
			   "Email address</label><div id=\"email-hint\" class=\"govuk-hint\">Told when "
			   "an introduction arrives for an area they work or cover. Leave empty for "
			   "none.</div><input class=\"govuk-input\" id=\"email\" name=\"email\" "
			   "type=\"email\" autocomplete=\"off\" aria-describedby=\"email-hint\" value=\"%s\"></div>\n"
			   "<button type=\"submit\" class=\"govuk-button govuk-button--secondary\" "
			   "data-module=\"govuk-button\">Save the address</button></form>\n"
			   "<h2 class=\"govuk-heading-m\">Access</h2>\n"
			   "<form method=\"post\" action=\"/admin/users/%s/%s\">"
			   "<input type=\"hidden\" name=\"csrf_token\" value=\"%s\">"
			   "<button type=\"submit\" class=\"govuk-button govuk-button--%s\" "
			   "data-module=\"govuk-button\">%s</button></form>\n",
		    u->id, csrf, u->id, csrf, u->email ? u->email : "", u->id,
		    u->disabled ? "enable" : "disable", csrf,
		    u->disabled ? "secondary" : "warning",
		    u->disabled ? "Let them sign in again" : "Disable and sign them out");
	staff_sessions_table(req, &page, sessions, session_count,
			     arena_printf(req->arena, "/admin/users/%s/sessions", u->id));
	page_end(req, &page);
	return http_send_html(req, res, status, &page);
}

int web_admin_user(struct http_request *req, struct http_response *res)
{
	return user_page(req, res, 200, NULL);
}

/* Runs a change to the user named in the path; on success back to their
 * page, else their page with the problem. */
static int after_change(struct http_request *req, struct http_response *res, int rc,
			const struct err *e)
{
	if (refused(rc))
		return user_page(req, res, refusal_status(rc), arena_strdup(req->arena, e->msg));
	if (rc < 0)
		return err_set(&req->err, "%s", e->msg);
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
	const char *user = http_path_param(req, "id");
	int rc = id_valid(user) ? session_end(req->app->db, req->who, http_path_param(req, "session"),
					      user, "session_end", &e)
				: SESSION_NOT_FOUND;
	if (rc == SESSION_NOT_FOUND)
		return http_send_error(req, res, 404, "session_not_found",
				       "That session has already ended.");
	if (rc < 0)
		return err_set(&req->err, "%s", e.msg);
	return http_redirect(res, arena_printf(req->arena, "/admin/users/%s", user));
}
