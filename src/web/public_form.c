/* The guards every public form shares (web/public_form.h). */
#include "web/public_form.h"

#include "core/arena.h"
#include "core/config.h"
#include "core/err.h"
#include "core/sb.h"
#include "domain/staff/throttle.h"
#include "http/app.h"
#include "http/http.h"
#include "web/html.h"

#include <inttypes.h>
#include <string.h>

void public_form_honeypot(struct sb *page)
{
	/* Off screen and out of the tab order for people and screen readers
	 * (.app-honeypot); form-filling robots see an ordinary field. */
	html_printf(page, "<div class=\"app-honeypot\" aria-hidden=\"true\"><label for=\"website\">"
			  "Leave this empty</label><input id=\"website\" name=\"website\" "
			  "type=\"text\" tabindex=\"-1\" autocomplete=\"off\"></div>\n");
}

bool public_form_robot(const struct http_request *req)
{
	return http_form_text(req, "website") != NULL;
}

int public_form_take(struct http_request *req, struct http_response *res,
		     char slot[ID_HEX_LEN + 1], const char *message, struct err *busy)
{
	int64_t wait = 0;
	slot[0] = '\0';
	if (!req->who->user &&
	    throttle_public_take(req->app->db, req->client_address,
				 req->app->config->public_limit, &wait, slot, &req->err) < 0)
		return -1;
	if (wait <= 0)
		return 0;
	http_add_header(res, "Retry-After", arena_printf(req->arena, "%" PRId64, wait));
	err_result(busy, RESULT_INVALID, "%s", message);
	return 1;
}

void public_form_choice(struct sb *page, const char *name, const char *legend,
			const char *hint, const char *const (*options)[3], size_t count,
			const char *chosen, const char *error)
{
	/* The attribute's quotes are in the format, the ids in values. */
	html_printf(page, "<div class=\"govuk-form-group%s\"><fieldset class=\"govuk-fieldset\"",
		    error ? " govuk-form-group--error" : "");
	if (hint && error)
		html_printf(page, " aria-describedby=\"%s-question-hint %s-error\"", name, name);
	else if (hint || error)
		html_printf(page, " aria-describedby=\"%s-%s\"", name, hint ? "question-hint" : "error");
	html_printf(page, ">\n<legend class=\"govuk-fieldset__legend govuk-fieldset__legend--m\">"
			  "%s</legend>\n",
		    legend);
	if (hint)
		html_printf(page, "<div id=\"%s-question-hint\" class=\"govuk-hint\">%s</div>\n", name, hint);
	if (error)
		html_printf(page, "<p id=\"%s-error\" class=\"govuk-error-message\"><span "
				  "class=\"govuk-visually-hidden\">Error:</span> %s</p>\n",
			    name, error);
	html_printf(page, "<div class=\"govuk-radios\" data-module=\"govuk-radios\">\n");
	for (size_t i = 0; i < count; i++) {
		const char *id = i ? arena_printf(page->arena, "%s-%zu", name, i) : name;
		const char *option_hint = options[i][2];
		html_printf(page, "<div class=\"govuk-radios__item\"><input class=\"govuk-radios__input\" "
				  "id=\"%s\" name=\"%s\" type=\"radio\" value=\"%s\"%s",
			    id, name, options[i][0],
			    chosen && strcmp(chosen, options[i][0]) == 0 ? " checked" : "");
		if (option_hint)
			html_printf(page, " aria-describedby=\"%s-hint\"", id);
		html_printf(page, "><label class=\"govuk-label govuk-radios__label\" for=\"%s\">%s</label>",
			    id, options[i][1]);
		if (option_hint)
			html_printf(page, "<div id=\"%s-hint\" class=\"govuk-hint govuk-radios__hint\">"
					  "%s</div>",
				    id, option_hint);
		html_printf(page, "</div>\n");
	}
	html_printf(page, "</div></fieldset></div>\n");
}
