/* The audit trail: a team leader's view of their team's (and its export
 * as CSV), and an administrator's view of sign-ins and account changes. */
#include "http/app.h"
#include "core/arena.h"
#include "core/date.h"
#include "core/sb.h"
#include "domain/staff/access.h"
#include "domain/staff/audit.h"
#include "domain/staff/user.h"
#include "http/auth.h"
#include "http/http.h"
#include "web/html.h"
#include "web/pages.h"

#include <string.h>

#define CSV_MAX_BYTES (8 * 1024 * 1024)

/* Reads ?action=&from=&to= into the filter; the message when a date is
 * not one. */
static const char *read_filter(struct http_request *req, struct audit_filter *f)
{
	const char *action = http_query(req, "action");
	const char *from = http_query(req, "from");
	const char *to = http_query(req, "to");
	if (action && *action) {
		for (const char *p = action; *p; p++)
			if (!((*p >= 'a' && *p <= 'z') || *p == '_') || p - action > 40)
				return "Choose an action from the list";
		f->action = action;
	}
	struct date d;
	if (from && *from) {
		if (!date_parse(from, &d))
			return "Enter the from date as YYYY-MM-DD, like 2026-03-01";
		f->since = arena_printf(req->arena, "%sT00:00:00.000Z", from);
	}
	if (to && *to) {
		if (!date_parse(to, &d))
			return "Enter the to date as YYYY-MM-DD, like 2026-03-14";
		char next[11];
		date_format(date_from_days(date_to_days(d) + 1), next);
		f->until = arena_printf(req->arena, "%sT00:00:00.000Z", next);
	}
	return NULL;
}

static void filter_form(struct sb *page, const char *path, const char *problem,
			const char *const *actions, size_t action_count,
			const struct http_request *req)
{
	const char *action = http_query(req, "action");
	const char *from = http_query(req, "from");
	const char *to = http_query(req, "to");
	if (problem)
		html_printf(page, "<div class=\"govuk-error-summary\" data-module=\"govuk-error-summary\">"
				  "<div role=\"alert\"><h2 class=\"govuk-error-summary__title\">There is a "
				  "problem</h2><div class=\"govuk-error-summary__body\"><p class=\"govuk-body\">"
				  "%s</p></div></div></div>\n",
			    problem);
	html_printf(page, "<form method=\"get\" action=\"%s\" class=\"govuk-!-margin-bottom-6\">\n"
			  "<div class=\"govuk-form-group\"><label class=\"govuk-label\" for=\"action\">"
			  "Action</label><select class=\"govuk-select\" id=\"action\" name=\"action\">"
			  "<option value=\"\">Any</option>\n",
		    path);
	for (size_t i = 0; i < action_count; i++)
		html_printf(page, "<option value=\"%s\"%s>%s</option>\n", actions[i],
			    action && strcmp(action, actions[i]) == 0 ? " selected" : "", actions[i]);
	html_printf(page, "</select></div>\n"
			  "<div class=\"govuk-form-group\"><label class=\"govuk-label\" for=\"from\">From "
			  "(YYYY-MM-DD)</label><input class=\"govuk-input govuk-input--width-10\" id=\"from\" "
			  "name=\"from\" type=\"text\" value=\"%s\"></div>\n"
			  "<div class=\"govuk-form-group\"><label class=\"govuk-label\" for=\"to\">To "
			  "(YYYY-MM-DD)</label><input class=\"govuk-input govuk-input--width-10\" id=\"to\" "
			  "name=\"to\" type=\"text\" value=\"%s\"></div>\n"
			  "<button type=\"submit\" class=\"govuk-button govuk-button--secondary\" "
			  "data-module=\"govuk-button\">Show</button>\n</form>\n",
		    from ? from : "", to ? to : "");
}

static void audit_table(struct sb *page, const struct http_request *req,
			const struct audit_row *rows, size_t count)
{
	html_printf(page, "<table class=\"govuk-table\"><caption class=\"govuk-table__caption "
			  "govuk-table__caption--m\">%zu entr%s, newest first</caption>\n"
			  "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
			  "<th scope=\"col\" class=\"govuk-table__header\">When (UTC)</th>"
			  "<th scope=\"col\" class=\"govuk-table__header\">Who</th>"
			  "<th scope=\"col\" class=\"govuk-table__header\">Action</th>"
			  "<th scope=\"col\" class=\"govuk-table__header\">Record</th>"
			  "<th scope=\"col\" class=\"govuk-table__header\">Area</th>"
			  "<th scope=\"col\" class=\"govuk-table__header\">From</th></tr></thead>\n"
			  "<tbody class=\"govuk-table__body\">\n",
		    count, count == 1 ? "y" : "ies");
	for (size_t i = 0; i < count; i++) {
		const struct audit_row *r = &rows[i];
		html_printf(page, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">%.19s</td>"
				  "<td class=\"govuk-table__cell\">%s</td>"
				  "<td class=\"govuk-table__cell\">%s%s%s</td>"
				  "<td class=\"govuk-table__cell\">%s %.8s</td>"
				  "<td class=\"govuk-table__cell\">%s</td>"
				  "<td class=\"govuk-table__cell\">%s</td></tr>\n",
			    r->at,
			    r->actor_username ? r->actor_username
			    : r->actor_token_id ? "API token" : "command line or nobody",
			    r->action, strcmp(r->outcome, "ok") == 0 ? "" : " – ",
			    strcmp(r->outcome, "ok") == 0 ? "" : r->outcome,
			    r->record_type ? r->record_type : "", r->record_id ? r->record_id : "",
			    r->area_id ? staff_area_name(req, r->area_id) : "", r->client_address);
	}
	html_printf(page, "</tbody></table>\n");
}

static const char *const team_actions[] = {"read", "create", "update", "export", "erase",
					   "cover_add"};
static const char *const account_actions[] = {
	"sign_in",      "sign_in_failed", "sign_in_throttled", "sign_out",
	"session_end",  "user_add",       "role_change",       "password_change",
	"user_disable", "user_enable",    "token_add",         "token_revoke",
	"export",       "capacity_change", "leave_add", "email_change"};

int web_team_audit(struct http_request *req, struct http_response *res)
{
	struct audit_filter f = {.team_leader_id = req->who->user->id};
	const char *problem = read_filter(req, &f);
	struct audit_row *rows = NULL;
	size_t count = 0;
	if (!problem && audit_list(req->app->db, req->arena, &f, &rows, &count, &req->err) < 0)
		return -1;
	struct sb page;
	sb_init(&page, req->arena, PAGE_MAX_BYTES);
	page_begin(req, &page, problem ? "Error: Your team's audit trail" : "Your team's audit trail");
	html_printf(&page, "<h1 class=\"govuk-heading-l\">Your team's audit trail</h1>\n"
			   "<p class=\"govuk-body\">Every time someone saw, added, changed, "
			   "exported or erased a record in your team's areas. Entries name "
			   "records, never what they hold.</p>\n");
	filter_form(&page, "/team/audit", problem, team_actions,
		    sizeof team_actions / sizeof *team_actions, req);
	if (!problem) {
		const char *q = strchr(req->target, '?');
		html_printf(&page, "<p class=\"govuk-body\"><a class=\"govuk-link\" "
				   "href=\"/team/audit.csv%s\">Download these entries as CSV</a></p>\n",
			    q ? q : "");
		audit_table(&page, req, rows, count);
	}
	page_end(req, &page);
	return http_send_html(req, res, problem ? 400 : 200, &page);
}

/* One CSV field: quoted, quotes doubled, and a leading = + - @ made inert
 * so a spreadsheet does not run it as a formula. */
static void csv_field(struct sb *out, const char *s, bool last)
{
	sb_putc(out, '"');
	if (s && strchr("=+-@", s[0]) && s[0])
		sb_putc(out, '\'');
	for (const char *p = s ? s : ""; *p; p++) {
		if (*p == '"')
			sb_putc(out, '"');
		sb_putc(out, *p);
	}
	sb_puts(out, last ? "\"\r\n" : "\",");
}

int web_team_audit_csv(struct http_request *req, struct http_response *res)
{
	struct audit_filter f = {.team_leader_id = req->who->user->id, .limit = 10000};
	const char *problem = read_filter(req, &f);
	if (problem)
		return http_send_error(req, res, 400, "invalid_filter", problem);
	struct audit_row *rows;
	size_t count;
	if (audit_list(req->app->db, req->arena, &f, &rows, &count, &req->err) < 0)
		return -1;
	/* The export is itself a use of the trail, and recorded. */
	struct audit_entry entry = {"export", "audit_log", NULL, NULL, NULL};
	if (audit_record(req->app->db, req->who, &entry, &req->err) < 0)
		return -1;
	struct sb csv;
	sb_init(&csv, req->arena, CSV_MAX_BYTES);
	sb_puts(&csv, "at,who,action,outcome,record_type,record_id,area_id,client_address,"
		      "request_id\r\n");
	for (size_t i = 0; i < count; i++) {
		const struct audit_row *r = &rows[i];
		csv_field(&csv, r->at, false);
		csv_field(&csv, r->actor_username ? r->actor_username : r->actor_token_id, false);
		csv_field(&csv, r->action, false);
		csv_field(&csv, r->outcome, false);
		csv_field(&csv, r->record_type, false);
		csv_field(&csv, r->record_id, false);
		csv_field(&csv, r->area_id, false);
		csv_field(&csv, r->client_address, false);
		csv_field(&csv, r->request_id, true);
	}
	if (sb_failed(&csv))
		return err_set(&req->err, "audit export larger than %d bytes", CSV_MAX_BYTES);
	http_add_header(res, "Content-Disposition", "attachment; filename=\"audit.csv\"");
	res->status = 200;
	res->content_type = "text/csv; charset=utf-8";
	res->body = sb_str(&csv);
	res->body_len = csv.len;
	return 0;
}

int web_admin_audit(struct http_request *req, struct http_response *res)
{
	struct audit_filter f = {.account_events = 1};
	const char *problem = read_filter(req, &f);
	struct audit_row *rows = NULL;
	size_t count = 0;
	if (!problem && audit_list(req->app->db, req->arena, &f, &rows, &count, &req->err) < 0)
		return -1;
	struct sb page;
	sb_init(&page, req->arena, PAGE_MAX_BYTES);
	page_begin(req, &page, problem ? "Error: Sign-ins and account changes"
				       : "Sign-ins and account changes");
	html_printf(&page, "<h1 class=\"govuk-heading-l\">Sign-ins and account changes</h1>\n");
	filter_form(&page, "/admin/audit", problem, account_actions,
		    sizeof account_actions / sizeof *account_actions, req);
	if (!problem)
		audit_table(&page, req, rows, count);
	page_end(req, &page);
	return http_send_html(req, res, problem ? 400 : 200, &page);
}
