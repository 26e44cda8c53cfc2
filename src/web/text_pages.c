/* The privacy notice, accessibility statement and cookies page: the
 * council's texts (web/texts.h) with today's settings filled in. */
#include "core/arena.h"
#include "core/config.h"
#include "core/err.h"
#include "core/sb.h"
#include "domain/council/council.h"
#include "http/app.h"
#include "http/auth.h"
#include "http/http.h"
#include "web/html.h"
#include "web/markdown.h"
#include "web/pages.h"
#include "web/texts.h"

#include <string.h>

struct values {
	struct http_request *req;
	const struct council *council;
	const struct text *text;
};

/* "12 hours", "30 minutes", "1 day". */
static const char *duration_words(struct arena *a, long seconds)
{
	static const struct {
		long size;
		const char *one, *many;
	} units[] = {{86400, "day", "days"}, {3600, "hour", "hours"},
		     {60, "minute", "minutes"}, {1, "second", "seconds"}};
	size_t i = 0;
	while (seconds % units[i].size)
		i++;
	long n = seconds / units[i].size;
	return arena_printf(a, "%ld %s", n, n == 1 ? units[i].one : units[i].many);
}

/* "2 December 2026". */
static const char *date_words(struct arena *a, struct date d)
{
	static const char *const months[] = {
		"January", "February", "March", "April", "May", "June", "July",
		"August", "September", "October", "November", "December"};
	return arena_printf(a, "%d %s %d", d.day, months[d.month - 1], d.year);
}

static bool is(const char *name, size_t len, const char *want)
{
	return strlen(want) == len && memcmp(name, want, len) == 0;
}

static const char *value_of(void *ctx, const char *name, size_t len)
{
	struct values *v = ctx;
	struct http_request *req = v->req;
	const struct config *cfg = req->app->config;
	if (!texts_placeholder_known(v->text, name, len))
		return NULL;
	if (len > 8 && memcmp(name, "council.", 8) == 0) {
		const char *key = arena_strndup(req->arena, name + 8, len - 8);
		const char *value = council_value(v->council, key);
		/* The one value a text cannot do without: who is speaking. */
		return strcmp(key, "name") == 0 && !*value ? "the council" : value;
	}
	if (is(name, len, "service.name"))
		return PAGE_SERVICE_NAME;
	/* The built-in default is this machine's own address, which would
	 * send a reader nowhere: the sentence then says "this address". */
	if (is(name, len, "service.url"))
		return strcmp(cfg->public_url, CONFIG_DEFAULT_PUBLIC_URL) == 0 ? "this address"
									      : cfg->public_url;
	if (is(name, len, "cookies.session"))
		return http_cookie_name(req, SESSION_COOKIE);
	if (is(name, len, "cookies.csrf"))
		return http_cookie_name(req, CSRF_COOKIE);
	if (is(name, len, "session.lifetime"))
		return duration_words(req->arena, cfg->session_lifetime);
	if (is(name, len, "session.idle"))
		return duration_words(req->arena, cfg->session_idle);
	if (is(name, len, "page.prepared"))
		return date_words(req->arena, v->text->prepared);
	if (is(name, len, "page.reviewed"))
		return date_words(req->arena, v->text->reviewed);
	return date_words(req->arena, v->text->updated);
}

static int text_page(struct http_request *req, struct http_response *res, enum text_page which)
{
	const struct text *t = &req->app->texts->page[which];
	struct council council;
	struct err e;
	int rc = council_read(req->app->db, req->arena, &council, &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	struct sb page;
	sb_init(&page, req->arena, PAGE_MAX_BYTES);
	page_begin(req, &page, t->title);
	html_printf(&page, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n");
	struct values values = {req, &council, t};
	/* Checked when loaded, and values are never parsed: this cannot
	 * refuse what it accepted then. */
	if (markdown_render(&page, t->body, t->first_line, value_of, &values, &req->err) < 0)
		return -1;
	html_printf(&page, "</div></div>\n");
	page_end(req, &page);
	return http_send_html(req, res, 200, &page);
}

int web_privacy(struct http_request *req, struct http_response *res)
{
	return text_page(req, res, TEXT_PRIVACY);
}

int web_accessibility(struct http_request *req, struct http_response *res)
{
	return text_page(req, res, TEXT_ACCESSIBILITY);
}

int web_cookies(struct http_request *req, struct http_response *res)
{
	return text_page(req, res, TEXT_COOKIES);
}
