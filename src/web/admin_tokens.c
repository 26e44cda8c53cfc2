/* Administrators' pages for API tokens: the list (live and revoked),
 * making one (its secret shown once, on the page that answers the form),
 * and revoking one after a confirmation. */
#include "core/arena.h"
#include "core/date.h"
#include "core/id.h"
#include "core/secret.h"
#include "core/sb.h"
#include "domain/staff/session.h"
#include "domain/staff/token.h"
#include "http/app.h"
#include "http/auth.h"
#include "http/http.h"
#include "web/form.h"
#include "web/html.h"
#include "web/pages.h"

#include <string.h>

/* "Sunday 1 March 2026 at 9:30am", UK time, from a stored time. */
static const char *when(struct http_request *req, const char *at)
{
	return at ? date_uk_when(req->arena, at) : "";
}

/* The summary list row key: value. */
static void row(struct sb *page, const char *key, const char *value, const char *by)
{
	html_printf(page, "<div class=\"govuk-summary-list__row\">"
			  "<dt class=\"govuk-summary-list__key\">%s</dt>"
			  "<dd class=\"govuk-summary-list__value\">%s%s%s</dd></div>\n",
		    key, value, by ? " by " : "", by ? by : "");
}

/* One token as a summary card; a live one with its link to revoke. */
static void token_card(struct http_request *req, struct sb *page, const struct api_token *t)
{
	html_printf(page, "<div class=\"govuk-summary-card\"><div class=\"govuk-summary-card__title-wrapper\">"
			  "<h3 class=\"govuk-summary-card__title\">%s</h3>",
		    t->name);
	if (!t->revoked_at)
		html_printf(page, "<ul class=\"govuk-summary-card__actions\"><li class=\"govuk-summary-card__action\">"
				  "<a class=\"govuk-link\" href=\"/admin/tokens/%s/revoke\">Revoke"
				  "<span class=\"govuk-visually-hidden\"> %s</span></a></li></ul>",
			    t->id, t->name);
	html_printf(page, "</div><div class=\"govuk-summary-card__content\">"
			  "<dl class=\"govuk-summary-list\">\n");
	row(page, "Scopes", t->scopes, NULL);
	row(page, "Made", when(req, t->created_at),
	    t->created_by ? t->created_by : "the command line");
	row(page, "Last used", t->last_used_at ? when(req, t->last_used_at) : "never", NULL);
	if (t->revoked_at)
		row(page, "Revoked", when(req, t->revoked_at),
		    t->revoked_by ? t->revoked_by : "the command line");
	html_printf(page, "</dl></div></div>\n");
}

int web_admin_tokens(struct http_request *req, struct http_response *res)
{
	struct api_token *tokens;
	size_t count;
	if (token_list(req->app->db, req->arena, &tokens, &count, &req->err) < 0)
		return -1;
	size_t live = 0;
	for (size_t i = 0; i < count; i++)
		live += tokens[i].revoked_at == NULL;
	struct sb page;
	sb_init(&page, req->arena, PAGE_MAX_BYTES);
	page_begin(req, &page, "API tokens");
	const char *revoked = http_query_filter(req, "revoked");
	for (size_t i = 0; revoked && i < count; i++)
		if (strcmp(tokens[i].id, revoked) == 0)
			form_success_banner(&page, "revoked",
					    arena_printf(req->arena,
							 "The token %s is revoked: a system that "
							 "sends it is refused from now on.",
							 tokens[i].name));
	html_printf(&page, "<h1 class=\"govuk-heading-l\">API tokens</h1>\n"
			   "<p class=\"govuk-body\">Other systems send a token to use the API. "
			   "Each holds scopes that say what it may do. A token is shown once, "
			   "when it is made; revoke one that is lost or no longer needed.</p>\n"
			   "<a class=\"govuk-button\" data-module=\"govuk-button\" "
			   "href=\"/admin/tokens/new\">Make a token</a>\n"
			   "<h2 class=\"govuk-heading-m\">Live tokens</h2>\n");
	if (live == 0)
		html_printf(&page, "<p class=\"govuk-body\">There are no live tokens.</p>\n");
	for (size_t i = 0; i < count; i++)
		if (!tokens[i].revoked_at)
			token_card(req, &page, &tokens[i]);
	if (live < count) {
		html_printf(&page, "<h2 class=\"govuk-heading-m\">Revoked tokens</h2>\n"
				   "<p class=\"govuk-body\">Kept so the audit trail's entries "
				   "still name them. They cannot be used again.</p>\n");
		for (size_t i = 0; i < count; i++)
			if (tokens[i].revoked_at)
				token_card(req, &page, &tokens[i]);
	}
	page_end(req, &page);
	return http_send_html(req, res, 200, &page);
}

/* The form for a new token, with what was sent and every problem in e
 * (NULL the first time) beside its field. */
static int new_token_form(struct http_request *req, struct http_response *res, int status,
			  const struct err *e)
{
	struct sb page;
	sb_init(&page, req->arena, PAGE_MAX_BYTES);
	page_begin(req, &page, e ? "Error: Make an API token" : "Make an API token");
	html_printf(&page, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n");
	if (e)
		form_errors_summary(&page, e, NULL, 0, "name");
	html_printf(&page, "<h1 class=\"govuk-heading-l\">Make an API token</h1>\n"
			   "<form method=\"post\" action=\"/admin/tokens\" novalidate>\n"
			   "<input type=\"hidden\" name=\"csrf_token\" value=\"%s\">\n",
		    req->who->session->csrf_token);
	static const struct form_field name = {
		"name", "Name", "What the token is for, such as the system that will use it. "
				"No two tokens share a name.",
		"text", "off", ""};
	form_text_field(&page, &name, http_form(req, "name"), form_errors_for(e, "name"));
	size_t sent_count;
	const char **sent = http_form_all(req, "scopes", &sent_count);
	const char *error = form_errors_for(e, "scopes");
	html_printf(&page, "<div class=\"govuk-form-group%s\"><fieldset class=\"govuk-fieldset\" "
			   "aria-describedby=\"scopes-hint%s\">\n"
			   "<legend class=\"govuk-fieldset__legend govuk-fieldset__legend--m\">Scopes</legend>\n"
			   "<div id=\"scopes-hint\" class=\"govuk-hint\">What the token may do. "
			   "Choose at least one.</div>\n",
		    error ? " govuk-form-group--error" : "", error ? " scopes-error" : "");
	if (error)
		html_printf(&page, "<p id=\"scopes-error\" class=\"govuk-error-message\"><span "
				   "class=\"govuk-visually-hidden\">Error:</span> %s</p>\n",
			    error);
	html_printf(&page, "<div class=\"govuk-checkboxes\" data-module=\"govuk-checkboxes\">\n");
	for (size_t i = 0; i < token_scope_count; i++) {
		const struct token_scope *s = &token_scopes[i];
		bool ticked = false;
		for (size_t j = 0; j < sent_count; j++)
			ticked |= strcmp(sent[j], s->name) == 0;
		const char *id = i ? arena_printf(req->arena, "scopes-%zu", i) : "scopes";
		html_printf(&page, "<div class=\"govuk-checkboxes__item\"><input class=\"govuk-checkboxes__input\" "
				   "id=\"%s\" name=\"scopes\" type=\"checkbox\" value=\"%s\" "
				   "aria-describedby=\"%s-hint\"%s>"
				   "<label class=\"govuk-label govuk-checkboxes__label\" for=\"%s\">%s</label>"
				   "<div id=\"%s-hint\" class=\"govuk-hint govuk-checkboxes__hint\">%s</div></div>\n",
			    id, s->name, id, ticked ? " checked" : "", id, s->name, id, s->what);
	}
	html_printf(&page, "</div></fieldset></div>\n"
			   "<div class=\"govuk-button-group\">"
			   "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">"
			   "Make the token</button>"
			   "<a class=\"govuk-link\" href=\"/admin/tokens\">Cancel</a></div>\n"
			   "</form>\n</div></div>\n");
	page_end(req, &page);
	return http_send_html(req, res, status, &page);
}

int web_admin_new_token(struct http_request *req, struct http_response *res)
{
	return new_token_form(req, res, 200, NULL);
}

/* The one time the secret is seen: on this answer to the form, never in
 * an address, never in a log, never cached. */
int web_admin_add_token(struct http_request *req, struct http_response *res)
{
	size_t scope_count;
	const char **scopes = http_form_all(req, "scopes", &scope_count);
	const char *name = http_form_text(req, "name");
	char secret[SECRET_LEN + 1], id[ID_HEX_LEN + 1];
	struct err e;
	int rc = token_add(req->app->db, req->who, name, scopes, scope_count, secret, id, &e);
	if (rc != RESULT_OK)
		return http_send_result(req, res, rc, &e, new_token_form);
	http_add_header(res, "Cache-Control", "no-store");
	struct sb held;
	sb_init(&held, req->arena, 1024);
	for (size_t i = 0; i < scope_count; i++)
		sb_printf(&held, "%s%s", i ? ", " : "", scopes[i]);
	struct sb page;
	sb_init(&page, req->arena, PAGE_MAX_BYTES);
	page_begin(req, &page, "API token made");
	html_printf(&page, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n"
			   "<h1 class=\"govuk-heading-l\">The token %s is made</h1>\n"
			   "<div class=\"govuk-warning-text\"><span class=\"govuk-warning-text__icon\" "
			   "aria-hidden=\"true\">!</span><strong class=\"govuk-warning-text__text\">"
			   "<span class=\"govuk-visually-hidden\">Warning</span> Copy it now: it will "
			   "not be shown again. Only a fingerprint of it is kept, so nobody can "
			   "look it up later. If it is lost, revoke it and make another.</strong></div>\n"
			   "<div class=\"govuk-form-group\"><label class=\"govuk-label govuk-label--m\" "
			   "for=\"secret\">The token</label>"
			   "<div id=\"secret-hint\" class=\"govuk-hint\">The system sends it as "
			   "Authorization: Bearer and the token.</div>"
			   "<input class=\"govuk-input\" id=\"secret\" type=\"text\" readonly "
			   "spellcheck=\"false\" autocomplete=\"off\" aria-describedby=\"secret-hint\" "
			   "value=\"%s\"></div>\n"
			   "<p class=\"govuk-body\">Scopes: %s</p>\n"
			   "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/admin/tokens\">"
			   "Back to API tokens</a></p>\n</div></div>\n",
		    name, secret, sb_str(&held));
	page_end(req, &page);
	return http_send_html(req, res, 200, &page);
}

/* Are you sure?  A token revoked is refused at once, everywhere. */
int web_admin_revoke_token_form(struct http_request *req, struct http_response *res)
{
	struct api_token *t;
	struct err e;
	int rc = token_get(req->app->db, req->arena, http_path_param(req, "id"), &t, &e);
	if (rc != RESULT_OK)
		return http_send_result(req, res, rc, &e, NULL);
	struct sb page;
	sb_init(&page, req->arena, PAGE_MAX_BYTES);
	page_begin(req, &page, arena_printf(req->arena, "Revoke the token %s", t->name));
	html_printf(&page, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n"
			   "<span class=\"govuk-caption-l\">API token</span>\n"
			   "<h1 class=\"govuk-heading-l\">Revoke %s?</h1>\n",
		    t->name);
	if (t->revoked_at) {
		html_printf(&page, "<p class=\"govuk-body\">It was revoked on %s.</p>\n"
				   "<p class=\"govuk-body\"><a class=\"govuk-link\" "
				   "href=\"/admin/tokens\">Back to API tokens</a></p>\n</div></div>\n",
			    when(req, t->revoked_at));
		page_end(req, &page);
		return http_send_html(req, res, 200, &page);
	}
	html_printf(&page, "<p class=\"govuk-body\">A system that sends it is refused from the "
			   "moment you revoke it. It cannot be used again: make a new token if "
			   "the system still needs one.</p>\n"
			   "<p class=\"govuk-body\">Scopes: %s. Last used: %s.</p>\n"
			   "<form method=\"post\" action=\"/admin/tokens/%s/revoke\">"
			   "<input type=\"hidden\" name=\"csrf_token\" value=\"%s\">\n"
			   "<div class=\"govuk-button-group\">"
			   "<button type=\"submit\" class=\"govuk-button govuk-button--warning\" "
			   "data-module=\"govuk-button\">Revoke the token</button>"
			   "<a class=\"govuk-link\" href=\"/admin/tokens\">Cancel</a></div>\n"
			   "</form>\n</div></div>\n",
		    t->scopes, t->last_used_at ? when(req, t->last_used_at) : "never", t->id,
		    req->who->session->csrf_token);
	page_end(req, &page);
	return http_send_html(req, res, 200, &page);
}

int web_admin_revoke_token(struct http_request *req, struct http_response *res)
{
	const char *id = http_path_param(req, "id");
	struct err e;
	int rc = token_revoke_id(req->app->db, req->who, id, &e);
	if (rc != RESULT_OK)
		return http_send_result(req, res, rc, &e, NULL);
	return http_redirect(res, arena_printf(req->arena, "/admin/tokens?revoked=%s", id));
}
