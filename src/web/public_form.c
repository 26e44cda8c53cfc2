/* The guards every public form shares (web/public_form.h). */
#include "web/public_form.h"

#include "core/arena.h"
#include "core/config.h"
#include "core/err.h"
#include "domain/staff/throttle.h"
#include "http/app.h"
#include "http/http.h"
#include "web/html.h"

#include <inttypes.h>

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
