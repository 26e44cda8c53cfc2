/* The administrator's page for moving a caseload in from a spreadsheet:
 * paste the CSV, check it (a dry run), then import it.  The server takes
 * urlencoded forms only, so the file's text is pasted, not uploaded. */
#include "core/arena.h"
#include "core/config.h"
#include "core/sb.h"
#include "domain/areas/lookup.h"
#include "domain/people/import.h"
#include "domain/people/person.h"
#include "domain/staff/caller.h"
#include "domain/staff/session.h"
#include "http/app.h"
#include "http/http.h"
#include "web/form.h"
#include "web/html.h"
#include "web/pages.h"

#include <stdlib.h>
#include <string.h>

static const char *const column_help[][2] = {
	{"name", "required, as the person writes it"},
	{"preferred_name", "the name they like to be called, if any"},
	{"phone", "if any, such as 07700 900123"},
	{"email", "if any"},
	{"postcode", "if known: it places the person in their area; without it they are in "
		     "their coordinator's first area"},
	{"coordinator", "the username of their coordinator, such as priya"},
	{"kind", "short_term or walking_alongside"},
	{"started", "when the involvement started, as YYYY-MM-DD"},
	{"last_contact", "if known, YYYY-MM-DD, not before started"},
	{"notes", "your notes, if any: kept with the start of the involvement"},
};

static const char *kind_label(const char *kind)
{
	return strcmp(kind, "short_term") == 0 ? "Short-term help" : "Walking alongside";
}

static void problems_summary(struct sb *page, const struct import_report *r)
{
	html_printf(page, "<div class=\"govuk-error-summary\" data-module=\"govuk-error-summary\">"
			  "<div role=\"alert\"><h2 class=\"govuk-error-summary__title\">Nothing was "
			  "imported: %zu problem%s</h2><div class=\"govuk-error-summary__body\">"
			  "<ul class=\"govuk-list govuk-error-summary__list\">",
		    r->problem_count, r->problem_count == 1 ? "" : "s");
	for (size_t i = 0; i < r->problem_count; i++)
		html_printf(page, "<li><a href=\"#csv\">%s</a></li>", r->problems[i].message);
	html_printf(page, "</ul></div></div></div>\n");
}

static void what_would_happen(struct sb *page, const struct import_report *r)
{
	html_printf(page, "<h2 class=\"govuk-heading-m\">What importing would do</h2>\n"
			  "<dl class=\"govuk-summary-list\">\n"
			  "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">"
			  "People</dt><dd class=\"govuk-summary-list__value\">%ld new</dd></div>\n"
			  "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">"
			  "Per coordinator</dt><dd class=\"govuk-summary-list__value\">"
			  "<ul class=\"govuk-list\">",
		    r->people);
	for (size_t i = 0; i < r->coordinator_count; i++)
		html_printf(page, "<li>%s: %ld</li>", r->coordinators[i].name,
			    r->coordinators[i].count);
	html_printf(page, "</ul></dd></div>\n<div class=\"govuk-summary-list__row\">"
			  "<dt class=\"govuk-summary-list__key\">Per kind</dt>"
			  "<dd class=\"govuk-summary-list__value\"><ul class=\"govuk-list\">");
	for (size_t i = 0; i < 2; i++)
		html_printf(page, "<li>%s: %ld</li>", kind_label(r->kinds[i].name),
			    r->kinds[i].count);
	html_printf(page, "</ul></dd></div>\n</dl>\n");
	if (r->known)
		html_printf(page, "<p class=\"govuk-body\">%ld %s like someone already known. "
				  "Each would still be imported as a new person: ask their "
				  "coordinators to check.</p>\n",
			    r->known, r->known == 1 ? "row looks" : "rows look");
	else
		html_printf(page, "<p class=\"govuk-body\">No row looks like someone already "
				  "known.</p>\n");
	if (r->match_count == 0)
		return;
	html_printf(page, "<h3 class=\"govuk-heading-s\">Rows that look like an earlier "
			  "row</h3>\n<ul class=\"govuk-list govuk-list--bullet\">");
	for (size_t i = 0; i < r->match_count; i++)
		html_printf(page, "<li>Row %ld: %s</li>", r->matches[i].row, r->matches[i].why);
	html_printf(page, "</ul>\n");
}

/* The page: the columns, the form with the text sent, and after a check
 * either every problem or what importing would do. */
static int import_page(struct http_request *req, struct http_response *res, int status,
		       const struct import_report *r)
{
	bool failed = r && r->problem_count;
	struct sb page;
	sb_init(&page, req->arena, PAGE_MAX_BYTES);
	page_begin(req, &page,
		   failed ? "Error: Import people from a spreadsheet"
			  : "Import people from a spreadsheet");
	html_printf(&page, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n");
	if (failed)
		problems_summary(&page, r);
	const char *imported = http_query(req, "imported");
	if (imported && !r)
		form_success_banner(&page, "imported",
				    arena_printf(req->arena, "%s %s imported.", imported,
						 strcmp(imported, "1") == 0 ? "person" : "people"));
	html_printf(&page, "<h1 class=\"govuk-heading-l\">Import people from a spreadsheet</h1>\n"
			   "<p class=\"govuk-body\">Each row becomes a person, with their coordinator "
			   "and their first involvement. Check the file first: nothing is stored until "
			   "you import, and nothing at all if any row has a problem.</p>\n"
			   "<p class=\"govuk-body\">Save the spreadsheet as <strong>CSV UTF-8</strong>. "
			   "Its first row names the columns, in this order:</p>\n"
			   "<ul class=\"govuk-list govuk-list--bullet\">\n");
	for (size_t i = 0; i < sizeof column_help / sizeof *column_help; i++)
		html_printf(&page, "<li><code>%s</code>: %s</li>\n", column_help[i][0],
			    column_help[i][1]);
	const char *csv = http_form(req, "csv");
	html_printf(&page, "</ul>\n<form method=\"post\" action=\"/admin/people/import\" novalidate>\n"
			   "<input type=\"hidden\" name=\"csrf_token\" value=\"%s\">\n"
			   "<div class=\"govuk-form-group%s\">\n"
			   "<label class=\"govuk-label govuk-label--s\" for=\"csv\">The file's text</label>\n"
			   "<div id=\"csv-hint\" class=\"govuk-hint\">Open the CSV file in a text "
			   "editor, copy all of it and paste it here.</div>\n",
		    req->who->session->csrf_token, failed ? " govuk-form-group--error" : "");
	if (failed)
		html_printf(&page, "<p id=\"csv-error\" class=\"govuk-error-message\"><span "
				   "class=\"govuk-visually-hidden\">Error:</span> Put right the %zu "
				   "problem%s listed above and check again.</p>\n",
			    r->problem_count, r->problem_count == 1 ? "" : "s");
	html_printf(&page, "<textarea class=\"govuk-textarea%s\" id=\"csv\" name=\"csv\" rows=\"12\" "
			   "spellcheck=\"false\" autocomplete=\"off\" aria-describedby=\"csv-hint%s\">"
			   "%s</textarea>\n</div>\n",
		    failed ? " govuk-textarea--error" : "", failed ? " csv-error" : "",
		    csv ? csv : "");
	bool checked = r && !failed && !r->stored;
	if (checked)
		what_would_happen(&page, r);
	html_printf(&page, "<div class=\"govuk-button-group\">"
			   "<button type=\"submit\" name=\"action\" value=\"check\" class=\"govuk-button%s\" "
			   "data-module=\"govuk-button\">Check%s</button>",
		    checked ? " govuk-button--secondary" : "", checked ? " again" : "");
	if (checked)
		html_printf(&page, "<button type=\"submit\" name=\"action\" value=\"import\" "
				   "class=\"govuk-button\" data-module=\"govuk-button\">Import %ld "
				   "%s</button>",
			    r->people, r->people == 1 ? "person" : "people");
	html_printf(&page, "</div>\n</form>\n</div></div>\n");
	page_end(req, &page);
	return http_send_html(req, res, status, &page);
}

int web_admin_import_form(struct http_request *req, struct http_response *res)
{
	return import_page(req, res, 200, NULL);
}

int web_admin_import(struct http_request *req, struct http_response *res)
{
	const char *csv = http_form(req, "csv");
	const char *action = http_form(req, "action");
	bool dry_run = !action || strcmp(action, "import") != 0;
	const struct app *app = req->app;
	struct lookup_context lookup = {app->db, req->map, app->config->near_metres,
					req->postcodes};
	struct person_settings settings = {app->db, &lookup};
	struct import_report report;
	struct err e;
	int rc = import_people(&settings, req->who, csv ? csv : "", csv ? strlen(csv) : 0,
			       dry_run ? IMPORT_DRY_RUN : 0u, req->arena, &report, &e);
	if (rc == RESULT_INVALID)
		return import_page(req, res, HTTP_STATUS_INVALID, &report);
	if (rc != RESULT_OK)
		return http_send_result(req, res, rc, &e, NULL);
	if (dry_run)
		return import_page(req, res, 200, &report);
	return http_redirect(res, arena_printf(req->arena, "/admin/people/import?imported=%ld",
					       report.people));
}
