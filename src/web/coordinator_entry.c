/* A coordinator's public entry from pages: an administrator sets any
 * area's and links it to a coordinator's account
 * (/admin/areas/{id}/coordinator); a coordinator keeps their own right
 * (/account/public-entry).  Both show what the public sees. */
#include "core/arena.h"
#include "core/err.h"
#include "core/sb.h"
#include "domain/areas/coordinator.h"
#include "domain/staff/session.h"
#include "http/app.h"
#include "http/http.h"
#include "web/form.h"
#include "web/html.h"
#include "web/pages.h"

#include <string.h>

/* The entry as the public page of the area shows it. */
static void public_view(struct http_request *req, struct sb *page,
			const struct coordinator_entry *entry)
{
	html_printf(page, "<h2 class=\"govuk-heading-m\">What the public sees</h2>\n");
	const struct coordinator *co = &entry->co;
	if (!co->id) {
		html_printf(page, "<p class=\"govuk-body\">%s has no coordinator's entry: its "
				  "public page names nobody.</p>\n",
			    entry->area_name);
		return;
	}
	html_printf(page, "<div class=\"govuk-inset-text\">\n<h3 class=\"govuk-heading-s\">%s</h3>\n",
		    co->name);
	if (co->introduction)
		html_printf(page, "<p class=\"govuk-body govuk-!-font-style-italic\">“%s”</p>\n",
			    co->introduction);
	html_printf(page, "<ul class=\"govuk-list\">\n");
	if (co->mobile)
		html_printf(page, "<li>Phone or text: <a class=\"govuk-link\" href=\"tel:%s\">%s</a></li>\n",
			    page_tel_target(req->arena, co->mobile), co->mobile);
	if (co->email)
		html_printf(page, "<li>Email: <a class=\"govuk-link\" href=\"mailto:%s\">%s</a></li>\n",
			    co->email, co->email);
	if (co->facebook_url)
		html_printf(page, "<li><a class=\"govuk-link\" href=\"%s\">Facebook page</a></li>\n",
			    co->facebook_url);
	html_printf(page, "</ul>\n</div>\n<p class=\"govuk-body\"><a class=\"govuk-link\" "
			  "href=\"/areas/%s\">See %s’s public page</a></p>\n",
		    entry->area_id, entry->area_name);
}

/* The value to show in a field: what was sent when drawing a refused form
 * again, else what is stored. */
static const char *value(struct http_request *req, const struct err *e, const char *name,
			 const char *stored)
{
	return e ? http_form(req, name) : stored;
}

/* The public fields, named as the API and the command line name them;
 * own: the coordinator's own page, which speaks to them. */
static void entry_fields(struct http_request *req, struct sb *page, const struct err *e,
			 const struct coordinator *co, bool own)
{
	const struct form_field name = {"name", "Name", "As the public sees it", "text", "name",
					"govuk-!-width-two-thirds"};
	const struct form_field mobile = {"mobile", "Mobile", "A UK number, such as 07700 900123",
					  "tel", "tel", "govuk-input--width-20"};
	const struct form_field email = {
		"email", "Public email (optional)",
		own ? "Where the public writes. Notices to you still go to your account’s "
		      "own email."
		    : "Where the public writes. Notices to the coordinator still go to their "
		      "account’s own email.",
		"email", "off", "govuk-!-width-two-thirds"};
	const struct form_field facebook = {"facebook_url", "Facebook page (optional)",
					    "The page’s address, starting https://www.facebook.com/",
					    "url", "off", "govuk-!-width-two-thirds"};
	form_text_field(page, &name, value(req, e, "name", co->name), form_errors_for(e, "name"));
	form_text_field(page, &mobile, value(req, e, "mobile", co->mobile),
			form_errors_for(e, "mobile"));
	form_text_field(page, &email, value(req, e, "email", co->email),
			form_errors_for(e, "email"));
	form_text_field(page, &facebook, value(req, e, "facebook_url", co->facebook_url),
			form_errors_for(e, "facebook_url"));
	const char *error = form_errors_for(e, "introduction");
	const char *ids = form_group_begin(
		page, "introduction",
		own ? "A line about yourself (optional)" : "A line about themselves (optional)",
		own ? "In your own words, 600 characters at most"
		    : "In their own words, 600 characters at most",
		error);
	html_printf(page, "<textarea class=\"govuk-textarea%s\" id=\"introduction\" "
			  "name=\"introduction\" rows=\"3\"",
		    error ? " govuk-textarea--error" : "");
	form_described(page, ids);
	const char *said = value(req, e, "introduction", co->introduction);
	html_printf(page, ">%s</textarea></div>\n", said ? said : "");
}

/* The select of the area's coordinators the entry may be linked to. */
static int account_select(struct http_request *req, struct sb *page, const struct err *e,
			  const struct coordinator_entry *entry)
{
	struct coordinator_account *accounts;
	size_t count;
	if (coordinator_accounts(req->app->db, req->arena, entry->area_id, &accounts, &count,
				 &req->err) < 0)
		return RESULT_FAILED;
	const char *(*options)[2] = arena_alloc(req->arena, (count + 1) * sizeof *options);
	for (size_t i = 0; i < count; i++) {
		options[i][0] = accounts[i].username;
		options[i][1] = arena_printf(req->arena, "%s (%s)%s", accounts[i].display_name,
					     accounts[i].username,
					     accounts[i].disabled ? ", account disabled" : "");
	}
	form_row_select(page, "username", "username", "Staff account",
			(const char *const(*)[2])options, count,
			value(req, e, "username", entry->username), "No account linked",
			form_errors_for(e, "username"));
	html_printf(page, "<p class=\"govuk-body-s\">The list holds the coordinators of %s. "
			  "Give an account the coordinator role for the area on its "
			  "<a class=\"govuk-link\" href=\"/admin/users\">staff account</a> page to "
			  "list it.</p>\n",
		    entry->area_name);
	return RESULT_OK;
}

static int admin_form(struct http_request *req, struct http_response *res, int status,
		      const struct err *e)
{
	struct coordinator_entry entry;
	struct err read;
	int rc = coordinator_get(req->app->db, req->arena, http_path_param(req, "id"), &entry,
				 &read);
	if (rc != RESULT_OK)
		return http_send_result(req, res, rc, &read, NULL);
	const char *title = arena_printf(req->arena, "%sCoordinator of %s", e ? "Error: " : "",
					 entry.area_name);
	struct sb page;
	sb_init(&page, req->arena, PAGE_MAX_BYTES);
	page_begin(req, &page, title);
	if (e)
		form_errors_summary(&page, e, NULL, 0, "name");
	else if (http_query(req, "saved"))
		form_success_banner(&page, "saved", "The public entry is saved.");
	html_printf(&page, "<span class=\"govuk-caption-l\">%s</span>\n"
			   "<h1 class=\"govuk-heading-l\">Coordinator’s public entry</h1>\n"
			   "<p class=\"govuk-body\">One person, one record: link the entry to the "
			   "coordinator’s staff account, and they can keep it right "
			   "themselves.</p>\n"
			   "<form method=\"post\" action=\"/admin/areas/%s/coordinator\" novalidate>\n"
			   "<input type=\"hidden\" name=\"csrf_token\" value=\"%s\">\n",
		    entry.area_name, entry.area_id, req->who->session->csrf_token);
	if (account_select(req, &page, e, &entry) < 0)
		return RESULT_FAILED;
	entry_fields(req, &page, e, &entry.co, false);
	html_printf(&page, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">"
			   "Save the entry</button>\n</form>\n");
	public_view(req, &page, &entry);
	if (entry.co.id)
		html_printf(&page, "<h2 class=\"govuk-heading-m\">Take the entry down</h2>\n"
				   "<p class=\"govuk-body\">%s’s public page will then name no "
				   "coordinator.</p>\n"
				   "<form method=\"post\" action=\"/admin/areas/%s/coordinator/remove\">\n"
				   "<input type=\"hidden\" name=\"csrf_token\" value=\"%s\">\n"
				   "<button type=\"submit\" class=\"govuk-button govuk-button--warning\" "
				   "data-module=\"govuk-button\">Remove the entry</button>\n</form>\n",
			    entry.area_name, entry.area_id, req->who->session->csrf_token);
	page_end(req, &page);
	return http_send_html(req, res, status, &page);
}

int web_admin_coordinator(struct http_request *req, struct http_response *res)
{
	return admin_form(req, res, 200, NULL);
}

/* The form's public fields, as typed (a field left empty is none). */
static struct coordinator_input typed(struct http_request *req)
{
	return (struct coordinator_input){
		http_form_text(req, "name"),	     http_form_text(req, "mobile"),
		http_form_text(req, "email"),	     http_form_text(req, "facebook_url"),
		http_form_text(req, "introduction"), http_form_text(req, "username")};
}

int web_admin_set_coordinator(struct http_request *req, struct http_response *res)
{
	const char *id = http_path_param(req, "id");
	struct coordinator_input in = typed(req);
	struct err e;
	int rc = coordinator_set(req->app->db, req->who, id, &in, &e);
	if (rc != RESULT_OK)
		return http_send_result(req, res, rc, &e, admin_form);
	return http_redirect(res, arena_printf(req->arena, "/admin/areas/%s/coordinator?saved=1",
					       id));
}

int web_admin_remove_coordinator(struct http_request *req, struct http_response *res)
{
	const char *id = http_path_param(req, "id");
	struct err e;
	int rc = coordinator_remove(req->app->db, req->who, id, &e);
	if (rc != RESULT_OK)
		return http_send_result(req, res, rc, &e, NULL);
	return http_redirect(res, arena_printf(req->arena, "/admin/areas/%s/coordinator", id));
}

static int own_form(struct http_request *req, struct http_response *res, int status,
		    const struct err *e)
{
	struct coordinator_entry entry;
	struct err read;
	int rc = coordinator_own(req->app->db, req->arena, req->who, &entry, &read);
	if (rc != RESULT_OK && rc != RESULT_NOT_FOUND)
		return http_send_result(req, res, rc, &read, NULL);
	struct sb page;
	sb_init(&page, req->arena, PAGE_MAX_BYTES);
	page_begin(req, &page, e ? "Error: Your public entry" : "Your public entry");
	if (e)
		form_errors_summary(&page, e, NULL, 0, "name");
	else if (http_query(req, "saved"))
		form_success_banner(&page, "saved", "Your public entry is saved.");
	html_printf(&page, "<h1 class=\"govuk-heading-l\">Your public entry</h1>\n");
	if (rc == RESULT_NOT_FOUND) {
		html_printf(&page, "<p class=\"govuk-body\">Your account is not linked to an "
				   "area’s public entry. An administrator links it from the "
				   "area’s coordinator page.</p>\n");
		page_end(req, &page);
		return http_send_html(req, res, status, &page);
	}
	html_printf(&page, "<p class=\"govuk-body\">How people looking for the coordinator of %s "
			   "find you. Your email for notices stays as it is.</p>\n"
			   "<form method=\"post\" action=\"/account/public-entry\" novalidate>\n"
			   "<input type=\"hidden\" name=\"csrf_token\" value=\"%s\">\n"
			   "<input type=\"hidden\" name=\"area\" value=\"%s\">\n",
		    entry.area_name, req->who->session->csrf_token, entry.area_id);
	entry_fields(req, &page, e, &entry.co, true);
	html_printf(&page, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">"
			   "Save your entry</button>\n</form>\n");
	public_view(req, &page, &entry);
	page_end(req, &page);
	return http_send_html(req, res, status, &page);
}

int web_public_entry(struct http_request *req, struct http_response *res)
{
	return own_form(req, res, 200, NULL);
}

int web_update_public_entry(struct http_request *req, struct http_response *res)
{
	struct coordinator_input in = typed(req);
	in.username = NULL;
	struct err e;
	int rc = coordinator_update(req->app->db, req->who, http_form(req, "area"), &in, &e);
	if (rc != RESULT_OK)
		return http_send_result(req, res, rc, &e, own_form);
	return http_redirect(res, "/account/public-entry?saved=1");
}
