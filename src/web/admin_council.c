/* An administrator's page for the council's settings: its contacts, the
 * data protection officer, and the rule for someone who lives outside
 * every covered area (domain/council/council.h), all in one form. */
#include "core/arena.h"
#include "core/sb.h"
#include "domain/council/council.h"
#include "http/app.h"
#include "http/auth.h"
#include "http/http.h"
#include "web/form.h"
#include "web/html.h"
#include "web/pages.h"

#include <string.h>

/* The form's groups, each with its keys in the order council_keys has
 * them; the rule is drawn apart, as radios. */
static const struct group {
	const char *heading;
	const char *keys[6];
} groups[] = {
	{"The council", {"name", "phone", "email", "website", NULL}},
	{"Adult social care", {"adult_social_care_phone", "adult_social_care_url", NULL}},
	{"Data protection", {"dpo_name", "dpo_email", "dpo_address", NULL}},
	{"Outside the covered areas", {"outside_cover", "team_name", "team_email", "team_phone",
				       NULL}},
};

/* What the page says under a key's label, where the label is not enough. */
static const char *hint_for(const char *key)
{
	static const char *const hints[][2] = {
		{"name", "As the public know it, for example City of York Council"},
		{"phone", "Offered to people the programme cannot help"},
		{"website", "Starting https://"},
		{"adult_social_care_phone", "Offered to anyone who lives outside the covered areas, "
					    "and to anyone who says it is urgent"},
		{"adult_social_care_url", "The page where someone asks for care and support"},
		{"dpo_name", "Named in the privacy notice"},
		{"dpo_address", "Lines separated by commas"},
		{"team_name", "Used when the central team answers, for example the Local Area "
			      "Coordination team"},
		{"team_email", "Told of each introduction it answers"},
	};
	for (size_t i = 0; i < sizeof hints / sizeof hints[0]; i++)
		if (strcmp(hints[i][0], key) == 0)
			return hints[i][1];
	return NULL;
}

static const char *type_for(const char *key)
{
	if (strstr(key, "phone"))
		return "tel";
	if (strstr(key, "email"))
		return "email";
	if (strcmp(key, "website") == 0 || strstr(key, "_url"))
		return "url";
	return "text";
}

/* The rule's choices, each said in plain words of what a resident gets. */
static const char *const rule_choices[][3] = {
	{"nearest", "The nearest coordinator answers",
	 "An introduction from outside goes to the coordinator of the nearest covered area, "
	 "marked outside cover, who talks with the person about what is possible. /find "
	 "names that coordinator."},
	{"team", "The central team answers",
	 "An introduction from outside is kept under the nearest covered area, but the central "
	 "team below is told and answers it. /find and the reply name the team and its "
	 "contacts."},
	{"none", "No introduction is taken from outside",
	 "The public form and API refuse an introduction from outside the covered areas and "
	 "give the council's phone and email and adult social care's phone instead. Staff "
	 "can still log a call they took."},
};

static void rule_radios(struct arena *a, struct sb *page, const char *chosen,
			const char *error)
{
	html_printf(page,
		    "<div class=\"govuk-form-group%s\">\n<fieldset class=\"govuk-fieldset\" "
		    "aria-describedby=\"outside_cover-hint%s\">\n"
		    "<legend class=\"govuk-fieldset__legend govuk-fieldset__legend--s\">%s</legend>\n"
		    "<div id=\"outside_cover-hint\" class=\"govuk-hint\">Near a covered area (a "
		    "street or two out) the nearest coordinator always answers. Farther "
		    "out:</div>\n",
		    error ? " govuk-form-group--error" : "", error ? " outside_cover-error" : "",
		    council_key_label("outside_cover"));
	if (error)
		html_printf(page, "<p id=\"outside_cover-error\" class=\"govuk-error-message\">"
				  "<span class=\"govuk-visually-hidden\">Error:</span> %s</p>\n",
			    error);
	html_printf(page, "<div class=\"govuk-radios\" data-module=\"govuk-radios\">\n");
	for (size_t i = 0; i < sizeof rule_choices / sizeof rule_choices[0]; i++) {
		const char *value = rule_choices[i][0];
		/* The first input's id is the field's, for the error summary. */
		const char *id = i == 0 ? "outside_cover"
					: arena_printf(a, "outside_cover-%s", value);
		html_printf(page,
			    "<div class=\"govuk-radios__item\"><input class=\"govuk-radios__input\" "
			    "id=\"%s\" name=\"outside_cover\" type=\"radio\" value=\"%s\" "
			    "aria-describedby=\"outside_cover-%s-hint\"%s>\n<label class=\"govuk-label "
			    "govuk-radios__label\" for=\"%s\">%s</label>\n<div "
			    "id=\"outside_cover-%s-hint\" class=\"govuk-hint govuk-radios__hint\">%s"
			    "</div></div>\n",
			    id, value, value, chosen && strcmp(chosen, value) == 0 ? " checked" : "",
			    id, rule_choices[i][1], value, rule_choices[i][2]);
	}
	html_printf(page, "</div>\n</fieldset>\n</div>\n");
}

/* The form, with every problem in refused (NULL the first time) and what
 * was sent; else the settings as they are. */
static int council_form(struct http_request *req, struct http_response *res, int status,
			const struct err *refused)
{
	struct council now;
	if (council_read(req->app->db, req->arena, &now, &req->err) < 0)
		return -1;
	struct sb page;
	sb_init(&page, req->arena, PAGE_MAX_BYTES);
	page_begin(req, &page, refused ? "Error: The council's settings" : "The council's settings");
	html_printf(&page, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n");
	if (refused)
		form_errors_summary(&page, refused, NULL, 0, "name");
	else if (http_query(req, "saved"))
		form_success_banner(&page, "saved", "The council's settings are saved.");
	html_printf(&page,
		    "<h1 class=\"govuk-heading-l\">The council's settings</h1>\n"
		    "<p class=\"govuk-body\">Every page that names the council, a number to call "
		    "instead or the data protection officer takes them from here. Leave a field "
		    "empty and the pages leave its line out.</p>\n"
		    "<form method=\"post\" action=\"/admin/council\" novalidate>\n"
		    "<input type=\"hidden\" name=\"csrf_token\" value=\"%s\">\n",
		    http_csrf_token(req, res));
	for (size_t g = 0; g < sizeof groups / sizeof groups[0]; g++) {
		html_printf(&page, "<h2 class=\"govuk-heading-m\">%s</h2>\n", groups[g].heading);
		for (const char *const *key = groups[g].keys; *key; key++) {
			const char *value = refused ? http_form(req, *key) : council_value(&now, *key);
			const char *error = form_errors_for(refused, *key);
			if (strcmp(*key, "outside_cover") == 0) {
				rule_radios(req->arena, &page, value, error);
				continue;
			}
			struct form_field f = {*key, council_key_label(*key), hint_for(*key),
					       type_for(*key), "off",
					       strcmp(type_for(*key), "tel") == 0
						       ? "govuk-input--width-20"
						       : ""};
			form_text_field(&page, &f, value ? value : "", error);
		}
	}
	html_printf(&page, "<button type=\"submit\" class=\"govuk-button\" "
			   "data-module=\"govuk-button\">Save</button>\n</form>\n</div></div>\n");
	page_end(req, &page);
	return http_send_html(req, res, status, &page);
}

int web_admin_council(struct http_request *req, struct http_response *res)
{
	return council_form(req, res, 200, NULL);
}

int web_admin_council_save(struct http_request *req, struct http_response *res)
{
	struct council_change *changes =
		arena_alloc(req->arena, council_key_count * sizeof *changes);
	size_t count = 0;
	/* Every field the form sends; a rule left unchosen is sent as "" and
	 * refused at its radios. */
	for (size_t i = 0; i < council_key_count; i++) {
		const char *value = http_form(req, council_keys[i]);
		changes[count++] = (struct council_change){council_keys[i], value ? value : ""};
	}
	struct err e;
	int rc = council_set(req->app->db, req->who, changes, count, &e);
	if (rc != RESULT_OK)
		return http_send_result(req, res, rc, &e, council_form);
	return http_redirect(res, "/admin/council?saved=1");
}
