#ifndef ALONGSIDE_WEB_PAGES_H
#define ALONGSIDE_WEB_PAGES_H

struct http_request;
struct http_response;
struct sb;

/*
 * The page shell every HTML page shares: GOV.UK Frontend markup with the
 * service name, a skip link, and a footer carrying the data attributions
 * and licences.  A page is page_begin(), its content written with
 * html_printf() (web/html.h), then page_end(), all into one builder.
 */

#define PAGE_MAX_BYTES (1024 * 1024)

/* title is the page's own heading; the <title> adds the service name.
 * NULL for the home page, whose title is the service name alone. */
void page_begin(struct http_request *req, struct sb *sb, const char *title);
void page_end(struct http_request *req, struct sb *sb);

/* The map's stylesheet and scripts, for a page with an #areas-map
 * placeholder; written after the placeholder. */
void page_map_assets(struct http_request *req, struct sb *sb);

/* A whole page for a client or server error: a heading for the status and
 * the message, with a way back to the home page. */
void page_error(struct http_request *req, struct sb *sb, int status,
		const char *message);

/* GET / */
int web_home(struct http_request *req, struct http_response *res);

/* GET /find?postcode=...: who is the coordinator for a postcode. */
int web_find(struct http_request *req, struct http_response *res);

/* GET /areas: every area, as a list and (with JavaScript) a map. */
int web_areas(struct http_request *req, struct http_response *res);

/* GET /areas/{id}: one area, its coordinator, wards and neighbours. */
int web_area(struct http_request *req, struct http_response *res);

/* GET /areas/{id}/drop-ins.ics: the area's drop-ins as iCalendar, with
 * recurrence rules, in Europe/London time. */
int web_area_calendar(struct http_request *req, struct http_response *res);

#endif
