/* The audit trail: a team leader's view of their team's (and its export
 * as CSV), and an administrator's view of sign-ins and account changes. */
#include "core/arena.h"
#include "core/csv.h"
#include "core/date.h"
#include "core/sb.h"
#include "domain/areas/area.h"
#include "domain/staff/audit.h"
#include "domain/staff/user.h"
#include "http/app.h"
#include "http/auth.h"
#include "http/http.h"
#include "http/urlenc.h"
#include "web/changes.h"
#include "web/form.h"
#include "web/html.h"
#include "web/pages.h"

#include <stdlib.h>
#include <string.h>

#define CSV_MAX_BYTES (8 * 1024 * 1024)

/* The filter's dates, asked the GOV.UK way in its GET form. */
static const struct form_date filter_dates[] = {
	{"from", "From", NULL, false, false},
	{"to", "To", NULL, false, false},
};

/* The day a filter's date names, "YYYY-MM-DD": as typed in its date
 * input, or as the page's links and older links carry it (?from=
 * 2026-03-01); NULL for none, FORM_DATE_REFUSED with a problem in e. */
static const char *filter_day(const struct http_request *req, const struct form_date *fd,
			      struct err *e)
{
	const char *day;
	form_date_read(req, fd, &day, e);
	if (day)
		return day;
	const char *carried = http_query_filter(req, fd->name);
	struct date d;
	if (!carried || date_parse(carried, &d))
		return carried;
	err_field(e, fd->name, "%s must be a real date: enter the day, month and year",
		  fd->legend);
	return FORM_DATE_REFUSED;
}

/* Reads ?action= and the dates into the filter, each problem a field
 * error in e. */
static int read_filter(struct http_request *req, struct audit_filter *f, struct err *e)
{
	err_clear(e);
	const char *action = http_query(req, "action");
	if (action && *action) {
		for (const char *p = action; *p && !e->field_count; p++)
			if (!((*p >= 'a' && *p <= 'z') || *p == '_') || p - action > 40)
				err_field(e, "action", "Choose an action from the list");
		f->action = action;
	}
	struct date d;
	const char *from = filter_day(req, &filter_dates[0], e);
	if (from && date_parse(from, &d))
		f->since = arena_printf(req->arena, "%sT00:00:00.000Z", from);
	const char *to = filter_day(req, &filter_dates[1], e);
	if (to && date_parse(to, &d)) {
		char next[11];
		date_format(date_from_days(date_to_days(d) + 1), next);
		f->until = arena_printf(req->arena, "%sT00:00:00.000Z", next);
	}
	return err_invalid_if_any(e);
}

/* The words for an action the trail records; the code itself for one
 * not listed, so nothing recorded is hidden. */
static const char *action_words(const char *action)
{
	static const char *const words[][2] = {
		{"read", "Looked at"},
		{"create", "Added"},
		{"update", "Changed"},
		{"export", "Exported"},
		{"erase", "Erased"},
		{"link", "Linked"},
		{"match", "Looked for a match"},
		{"search", "Searched"},
		{"import", "Imported"},
		{"import_check", "Checked an import"},
		{"move", "Moved to another area"},
		{"cover_add", "Recorded cover"},
		{"capacity_change", "Changed how many people a coordinator can walk alongside"},
		{"leave_add", "Recorded leave"},
		{"area_create", "Added an area"},
		{"area_update", "Changed an area"},
		{"area_retire", "Retired an area"},
		{"coordinator_set", "Set an area's coordinator"},
		{"coordinator_update", "Changed a coordinator's public entry"},
		{"drop_in_add", "Added a drop-in"},
		{"drop_in_update", "Changed a drop-in"},
		{"drop_in_end", "Ended a drop-in"},
		{"drop_in_cancel", "Called off a drop-in date"},
		{"drop_in_cancel_withdraw", "Put a called-off drop-in date back"},
		{"sign_in", "Signed in"},
		{"sign_in_failed", "Tried to sign in, wrong password or name"},
		{"sign_in_throttled", "Held back from signing in after too many tries"},
		{"sign_out", "Signed out"},
		{"session_end", "Ended a signed-in session"},
		{"user_add", "Added an account"},
		{"role_change", "Changed a role"},
		{"password_change", "Changed a password"},
		{"user_disable", "Turned an account off"},
		{"user_enable", "Turned an account back on"},
		{"token_add", "Made an API token"},
		{"token_revoke", "Revoked an API token"},
		{"email_change", "Changed an email address"},
		{"council_set", "Changed the council's details"},
	};
	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		if (strcmp(action, words[i][0]) == 0)
			return words[i][1];
	return action;
}

static void filter_form(struct sb *page, const char *path, const struct err *e,
			const char *const *actions, size_t action_count,
			const struct http_request *req)
{
	const char *action = http_query(req, "action");
	const char *action_error = form_errors_for(e, "action");
	/* A place in the trail is the links', not a field's: its problem
	 * points at the form. */
	static const struct form_anchor paging[] = {
		{"before", "action"}, {"after", "action"}, {"limit", "action"}};
	if (e)
		form_errors_summary(page, e, paging, sizeof paging / sizeof *paging, "action");
	html_printf(page, "<form method=\"get\" action=\"%s\" class=\"govuk-!-margin-bottom-6\">\n"
			  "<div class=\"govuk-form-group%s\"><label class=\"govuk-label\" for=\"action\">"
			  "Action</label>",
		    path, action_error ? " govuk-form-group--error" : "");
	if (action_error)
		html_printf(page, "<p id=\"action-error\" class=\"govuk-error-message\"><span "
				  "class=\"govuk-visually-hidden\">Error:</span> %s</p>",
			    action_error);
	html_printf(page, "<select class=\"govuk-select%s\" id=\"action\" name=\"action\"%s>"
			  "<option value=\"\">Any</option>\n",
		    action_error ? " govuk-select--error" : "",
		    action_error ? " aria-describedby=\"action-error\"" : "");
	for (size_t i = 0; i < action_count; i++)
		html_printf(page, "<option value=\"%s\"%s>%s</option>\n", actions[i],
			    action && strcmp(action, actions[i]) == 0 ? " selected" : "",
			    action_words(actions[i]));
	html_printf(page, "</select></div>\n");
	/* A link's ?from=YYYY-MM-DD is shown in the fields. */
	for (size_t i = 0; i < 2; i++)
		form_date_input(page, req, &filter_dates[i], http_query(req, filter_dates[i].name),
				form_errors_for(e, filter_dates[i].name));
	html_printf(page, "<button type=\"submit\" class=\"govuk-button govuk-button--secondary\" "
			  "data-module=\"govuk-button\">Show</button>\n</form>\n");
}

/* An area's name for the Area column: from the map while in use, read
 * (with "(retired)") when the map no longer holds it; the id only when
 * no area has it. */
static const char *area_label(const struct http_request *req, const char *id)
{
	const char *name = staff_area_name(req, id);
	struct area area;
	struct err e;
	if (name != id || area_get(req->app->db, req->arena, id, &area, &e) != RESULT_OK)
		return name;
	return area.retired_at ? arena_printf(req->arena, "%s (retired)", area.name) : area.name;
}

/* Who acted: a person signed in, an API token, the public website (no
 * one signed in, from an address), the command line ("cli") or a job
 * the server runs (its name in place of an address). */
static const char *actor_words(const struct audit_row *r)
{
	if (r->actor_username)
		return r->actor_username;
	if (r->actor_token_id)
		return "An API token";
	const char *from = r->client_address ? r->client_address : "";
	if (strcmp(from, "cli") == 0 || strcmp(from, "unknown") == 0 || !*from)
		return "The command line";
	if (strpbrk(from, ".:"))
		return "Sent from the public website";
	return "A scheduled job";
}

/* The record an entry names, in words, with a link to it where it has a
 * page: the trail holds ids, never what a record says, so a person's
 * record is "a person's record", linked, and never their name.  An area
 * is named (a place, not a person); admin links to the administrator's
 * pages only on their trail. */
static void record_cell(struct sb *page, const struct http_request *req,
			const struct audit_row *r, bool admin)
{
	static const struct {
		const char *type, *words, *path;
		bool admin_only;
	} kinds[] = {
		{"introduction", "An introduction", "/staff/introductions/", false},
		{"person", "A person's record", "/staff/people/", false},
		{"listing", "A community listing", "/staff/community/", false},
		{"user", "A staff account", "/admin/users/", true},
		{"drop_in", "A drop-in", "/admin/drop-ins/", true},
		{"involvement", "An involvement", NULL, false},
		{"conversation", "A conversation", NULL, false},
		{"agreement", "An agreement", NULL, false},
		{"network", "A network picture", NULL, false},
		{"cover", "Cover for an area", NULL, false},
		{"session", "A signed-in session", NULL, false},
		{"api_token", "An API token", NULL, false},
		{"audit_log", "The audit trail", NULL, false},
		{"caseload", "A caseload", NULL, false},
		{"import", "An import", NULL, false},
		{"directory", "The community directory", NULL, false},
		{"suggestion", "A suggestion for the directory", NULL, false},
		{"council", "The council's details", NULL, false},
	};
	if (!r->record_type)
		return;
	if (strcmp(r->record_type, "area") == 0 && r->record_id) {
		html_printf(page, "The area %s", area_label(req, r->record_id));
		return;
	}
	for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++) {
		if (strcmp(r->record_type, kinds[i].type) != 0)
			continue;
		if (kinds[i].path && r->record_id && (admin || !kinds[i].admin_only))
			html_printf(page, "<a class=\"govuk-link\" href=\"%s%s\">%s</a>", kinds[i].path,
				    r->record_id, kinds[i].words);
		else
			html_printf(page, "%s", kinds[i].words);
		return;
	}
	html_printf(page, "%s %.8s", r->record_type, r->record_id ? r->record_id : "");
}

static void audit_table(struct sb *page, const struct http_request *req,
			const struct audit_row *rows, size_t count, bool admin)
{
	/* Six columns do not fit a phone: the table scrolls inside its own
	 * region, which a keyboard can reach, rather than widening the page. */
	html_printf(page, "<div class=\"app-table-scroll\" role=\"region\" tabindex=\"0\" "
			  "aria-label=\"Audit entries\">"
			  "<table class=\"govuk-table\"><caption class=\"govuk-table__caption "
			  "govuk-table__caption--m\">%zu entr%s, newest first</caption>\n"
			  "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
			  "<th scope=\"col\" class=\"govuk-table__header\">When</th>"
			  "<th scope=\"col\" class=\"govuk-table__header\">Who</th>"
			  "<th scope=\"col\" class=\"govuk-table__header\">Action</th>"
			  "<th scope=\"col\" class=\"govuk-table__header\">Record</th>"
			  "<th scope=\"col\" class=\"govuk-table__header\">Area</th>"
			  "<th scope=\"col\" class=\"govuk-table__header\">From</th></tr></thead>\n"
			  "<tbody class=\"govuk-table__body\">\n",
		    count, count == 1 ? "y" : "ies");
	for (size_t i = 0; i < count; i++) {
		const struct audit_row *r = &rows[i];
		bool ok = strcmp(r->outcome, "ok") == 0;
		html_printf(page, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">%s</td>"
				  "<td class=\"govuk-table__cell\">%s</td>"
				  "<td class=\"govuk-table__cell\">%s%s%s</td>"
				  "<td class=\"govuk-table__cell\">",
			    date_uk_when(req->arena, r->at), actor_words(r), action_words(r->action),
			    ok ? "" : " – ",
			    ok ? "" : r->outcome);
		record_cell(page, req, r, admin);
		html_printf(page, "</td><td class=\"govuk-table__cell\">%s</td>"
				  "<td class=\"govuk-table__cell\">%s</td></tr>\n",
			    r->area_id ? area_label(req, r->area_id) : "",
			    strpbrk(r->client_address, ".:") ? r->client_address : "");
		/* A change to a public record says what changed, under its row. */
		if (r->changes) {
			html_printf(page, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\" "
					  "colspan=\"6\"><span class=\"govuk-visually-hidden\">"
					  "What was changed (%s):</span>",
				    action_words(r->action));
			changes_html(page, req->arena, r->changes);
			html_printf(page, "</td></tr>\n");
		}
	}
	html_printf(page, "</tbody></table></div>\n");
}

/* The changes to the directory of areas, in both views. */
#define DIRECTORY_ACTIONS                                                               \
	"area_create", "area_update", "area_retire", "coordinator_set",                 \
		"coordinator_update", "drop_in_add", "drop_in_update", "drop_in_end",   \
		"drop_in_cancel", "drop_in_cancel_withdraw"

static const char *const team_actions[] = {"read", "create", "update", "export", "erase",
					   "cover_add", "capacity_change", "move",
					   DIRECTORY_ACTIONS};
static const char *const account_actions[] = {
	"sign_in",      "sign_in_failed", "sign_in_throttled", "sign_out",
	"session_end",  "user_add",       "role_change",       "password_change",
	"user_disable", "user_enable",    "token_add",         "token_revoke",
	"export",       "capacity_change", "leave_add", "email_change",
	"council_set",  DIRECTORY_ACTIONS};

/* A view of the trail: whose, and what it is called. */
struct trail {
	bool team;                 /* the caller's team's, else account events */
	const char *title;
	const char *intro;         /* NULL: none */
	const char *path;
	const char *const *actions;
	size_t action_count;
	http_form_page redraw;     /* the view's own page, for its problems */
};

/* The address of the view at path with the query's filter and, with
 * paged, its page size and the cursor named key (NULL: none). */
static const char *view_link(struct http_request *req, const char *path, bool paged,
			     const char *key, const char *cursor)
{
	/* limit last: a link that is not paged stops before it. */
	static const char *const kept[] = {"action", "from", "to", "limit"};
	struct sb link;
	sb_init(&link, req->arena, 8192);
	sb_puts(&link, path);
	char sep = '?';
	for (size_t i = 0; i < sizeof kept / sizeof *kept - !paged; i++) {
		/* The dates as one "YYYY-MM-DD" each, however they were sent
		 * (links are drawn only for a filter read without problems). */
		struct err unused = {0};
		const char *value = i == 1 || i == 2 ? filter_day(req, &filter_dates[i - 1], &unused)
						     : http_query_filter(req, kept[i]);
		if (!value)
			continue;
		sb_printf(&link, "%c%s=", sep, kept[i]);
		urlenc_component(&link, value);
		sep = '&';
	}
	if (paged && key) {
		sb_printf(&link, "%c%s=", sep, key);
		urlenc_component(&link, cursor);
	}
	return sb_str(&link);
}

static void page_links(struct sb *page, struct http_request *req, const char *path,
		       const struct audit_page *entries)
{
	if (!entries->newer && !entries->older)
		return;
	html_printf(page, "<nav aria-label=\"More of the trail\"><ul class=\"govuk-list\">\n");
	if (entries->newer)
		html_printf(page, "<li><a class=\"govuk-link\" href=\"%s\" rel=\"prev\">"
				  "Newer entries</a></li>\n",
			    view_link(req, path, true, "after", entries->newer));
	if (entries->older)
		html_printf(page, "<li><a class=\"govuk-link\" href=\"%s\" rel=\"next\">"
				  "Older entries</a></li>\n",
			    view_link(req, path, true, "before", entries->older));
	html_printf(page, "</ul></nav>\n");
}

/* The trail under the filter of the query, a page of it, or with e, the
 * filter again with every problem in it. */
static int trail_page(struct http_request *req, struct http_response *res, int status,
		      const struct err *e, const struct trail *t)
{
	struct audit_filter f = {.account_events = !t->team};
	if (t->team)
		f.team_leader_id = req->who->user->id;
	struct audit_page entries = {0};
	if (!e) {
		struct err problems;
		int rc = read_filter(req, &f, &problems);
		/* The page: ?before= or ?after= a cursor the links carry, and
		 * ?limit= entries (the audit module checks both). */
		f.before = http_query_filter(req, "before");
		f.after = http_query_filter(req, "after");
		const char *limit = http_query_filter(req, "limit");
		f.limit = limit ? strtoul(limit, NULL, 10) : 0;
		if (rc == RESULT_OK)
			rc = audit_page(req->app->db, req->arena, &f, &entries, &problems);
		if (rc != RESULT_OK)
			return http_send_result(req, res, rc, &problems, t->redraw);
	}
	struct sb page;
	sb_init(&page, req->arena, PAGE_MAX_BYTES);
	page_begin(req, &page, e ? arena_printf(req->arena, "Error: %s", t->title) : t->title);
	html_printf(&page, "<h1 class=\"govuk-heading-l\">%s</h1>\n", t->title);
	if (t->intro)
		html_printf(&page, "<p class=\"govuk-body\">%s</p>\n", t->intro);
	filter_form(&page, t->path, e, t->actions, t->action_count, req);
	if (!e && t->team)
		html_printf(&page, "<p class=\"govuk-body\"><a class=\"govuk-link\" "
				   "href=\"%s\">Download every entry of this filter as CSV</a></p>\n",
			    view_link(req, arena_printf(req->arena, "%s.csv", t->path), false,
				      NULL, NULL));
	if (!e) {
		audit_table(&page, req, entries.rows, entries.count, !t->team);
		page_links(&page, req, t->path, &entries);
	}
	page_end(req, &page);
	return http_send_html(req, res, status, &page);
}

static int team_page(struct http_request *req, struct http_response *res, int status,
		     const struct err *e);
static int account_page(struct http_request *req, struct http_response *res, int status,
			const struct err *e);

static const struct trail team_trail = {
	true, "Your team's audit trail",
	"Every time someone saw, added, changed, exported or erased a record in your "
	"team's areas. Entries name records, never what they hold.",
	"/team/audit", team_actions, sizeof team_actions / sizeof *team_actions, team_page};

static const struct trail account_trail = {
	false, "Sign-ins, accounts and the directory",
	"Sign-ins, changes to accounts and roles, exports, and changes to areas, "
	"coordinators and drop-ins. Entries name records, never what they hold.",
	"/admin/audit", account_actions,
	sizeof account_actions / sizeof *account_actions, account_page};

static int team_page(struct http_request *req, struct http_response *res, int status,
		     const struct err *e)
{
	return trail_page(req, res, status, e, &team_trail);
}

static int account_page(struct http_request *req, struct http_response *res, int status,
			const struct err *e)
{
	return trail_page(req, res, status, e, &account_trail);
}

int web_team_audit(struct http_request *req, struct http_response *res)
{
	return team_page(req, res, 200, NULL);
}

int web_team_audit_csv(struct http_request *req, struct http_response *res)
{
	struct audit_filter f = {.team_leader_id = req->who->user->id, .limit = 10000};
	struct err e;
	int rc = read_filter(req, &f, &e);
	if (rc != RESULT_OK)
		return http_send_result(req, res, rc, &e, NULL);
	struct audit_row *rows;
	size_t count;
	if (audit_list(req->app->db, req->arena, &f, &rows, &count, &req->err) < 0)
		return -1;
	/* The export is itself a use of the trail, and recorded. */
	struct audit_entry entry = {"export", "audit_log", NULL, NULL, NULL, NULL};
	if (audit_record(req->app->db, req->who, &entry, &req->err) < 0)
		return -1;
	struct sb csv;
	sb_init(&csv, req->arena, CSV_MAX_BYTES);
	sb_puts(&csv, "at,who,action,outcome,record_type,record_id,area_id,client_address,"
		      "request_id,changes\r\n");
	for (size_t i = 0; i < count; i++) {
		const struct audit_row *r = &rows[i];
		const char *cells[] = {r->at, r->actor_username ? r->actor_username : r->actor_token_id,
				       r->action, r->outcome, r->record_type, r->record_id,
				       r->area_id, r->client_address, r->request_id, r->changes};
		csv_write_row(&csv, cells, sizeof cells / sizeof *cells);
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
	return account_page(req, res, 200, NULL);
}
