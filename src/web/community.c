/* The community directory for anyone: searching it (by postcode and
 * distance, words, kind, day and cost), a listing's own page, and its
 * sessions as an iCalendar feed.  The list is the page; the map drawn
 * from the list's own data attributes (web/src/community-map.js) is only
 * an enhancement, so everything works without JavaScript. */
#include "core/arena.h"
#include "core/config.h"
#include "core/contact.h"
#include "core/date.h"
#include "core/err.h"
#include "core/id.h"
#include "core/sb.h"
#include "domain/areas/lookup.h"
#include "domain/community/listing.h"
#include "domain/community/schedule.h"
#include "domain/community/search.h"
#include "domain/community/taxonomy.h"
#include "http/app.h"
#include "http/http.h"
#include "http/urlenc.h"
#include "web/form.h"
#include "web/html.h"
#include "web/pages.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#define COMMUNITY_PER_PAGE 10
#define COMMUNITY_WITHIN_DEFAULT "2"

/* The choices of the form, by value: what the page and its links send. */
static const char *const within_km[][2] = {
	{"1", "1 km"}, {"2", "2 km"}, {"5", "5 km"}, {"10", "10 km"}};
static const char *const day_codes[][2] = {
	{"MO", "Monday"}, {"TU", "Tuesday"}, {"WE", "Wednesday"}, {"TH", "Thursday"},
	{"FR", "Friday"}, {"SA", "Saturday"}, {"SU", "Sunday"}};


/* Where in choices[count][2] value is, or -1. */
static int choice_index(const char *const (*choices)[2], size_t count, const char *value)
{
	for (size_t i = 0; value && i < count; i++)
		if (strcmp(value, choices[i][0]) == 0)
			return (int)i;
	return -1;
}

/* The form's choices are plain text to the router, so that one it never
 * offers (a link made by hand, an old bookmark) gets the form back with
 * a word beside the field rather than a page of field codes.  Adds to e
 * in the form's order. */
static void choices_check(struct http_request *req, struct err *e)
{
	const char *within = http_query_filter(req, "within");
	if (within && choice_index(within_km, 4, within) < 0)
		err_field(e, "within", "Choose a distance from the list");
	const char *kind = http_query_filter(req, "kind");
	if (kind && !id_uuid_valid(kind))
		err_field(e, "kind", "Choose a kind from the list");
	const char *day = http_query_filter(req, "day");
	if (day && choice_index(day_codes, 7, day) < 0)
		err_field(e, "day", "Choose a day from the list");
	const char *cost = http_query_filter(req, "cost");
	if (cost && strcmp(cost, "free") != 0 && strcmp(cost, "paid") != 0)
		err_field(e, "cost", "Choose free, paid or either");
}

/* A field's problem, in the group the field opens. */
static void field_error(struct sb *page, const char *id, const char *error)
{
	if (error)
		html_printf(page, "<p id=\"%s-error\" class=\"govuk-error-message\">"
				  "<span class=\"govuk-visually-hidden\">Error:</span> %s</p>\n",
			    id, error);
}

/* "350 metres" or "2.3 km". */
static const char *how_far(struct arena *a, double metres)
{
	if (metres < 1000)
		return arena_printf(a, "%.0f metres", metres < 10 ? 10 : metres);
	return arena_printf(a, "%.1f km", metres / 1000);
}

/* "3 March 2026" for a stored date or instant ("2026-03-03..."), or
 * NULL. */
static const char *day_text(struct arena *a, const char *stored)
{
	struct date d;
	if (!stored || strlen(stored) < 10)
		return NULL;
	char day[11];
	memcpy(day, stored, 10);
	day[10] = '\0';
	if (!date_parse(day, &d))
		return NULL;
	return page_long_date(a, d);
}

/* Attribution for each source the page showed a listing of, once. */
struct shown_sources {
	const struct community_source *list[8];
	size_t count;
};

static void sources_note(struct shown_sources *s, const struct community_source *src)
{
	if (!src)
		return;
	for (size_t i = 0; i < s->count; i++)
		if (strcmp(s->list[i]->id, src->id) == 0)
			return;
	if (s->count < sizeof s->list / sizeof s->list[0])
		s->list[s->count++] = src;
}

static void sources_write(struct sb *page, const struct shown_sources *s)
{
	for (size_t i = 0; i < s->count; i++) {
		const struct community_source *src = s->list[i];
		html_printf(page, "<p class=\"govuk-body-s app-community-source\">Listings from "
				  "%s: %s (%s).",
			    src->name, src->attribution, src->licence);
		if (src->url && (strncmp(src->url, "https://", 8) == 0 ||
				 strncmp(src->url, "http://", 7) == 0))
			html_printf(page, " <a class=\"govuk-link\" href=\"%s\">About the "
					  "source</a>", src->url);
		html_printf(page, "</p>\n");
	}
}

static bool blank(const char *s)
{
	return !s || !*s;
}

/* Hours an import could not read: words only, or not a time at all.
 * schedule_words gives them as written, which must not pass for a time
 * (a valid schedule with neither freq nor dtstart is words only). */
static bool hours_unread(const struct community_schedule *s)
{
	return !schedule_check(s, NULL, NULL) || (blank(s->freq) && blank(s->dtstart));
}

/* The schedules of l in words, joined: "Thursdays, 10:00 to 12:00". */
static const char *when_text(struct arena *a, const struct listing *l)
{
	if (l->schedule_count == 0)
		return NULL;
	struct sb out;
	sb_init(&out, a, 4096);
	for (size_t i = 0; i < l->schedule_count && i < 3; i++) {
		if (i)
			sb_puts(&out, "; ");
		sb_puts(&out, hours_unread(&l->schedules[i]) ? "Times not confirmed"
							     : schedule_words(a, &l->schedules[i]));
	}
	if (l->schedule_count > 3)
		sb_puts(&out, "; and other times");
	return sb_failed(&out) ? NULL : sb_str(&out);
}

static const char *cost_text(const struct listing *l)
{
	return l->free == 1 ? "Free" : l->free == 0 ? "Costs money" : NULL;
}

/* The search form, each choice kept as sent, each of problems (may be
 * NULL) beside its field. */
static void search_form(struct http_request *req, struct sb *page,
			const struct taxonomy_term *terms, size_t term_count,
			const struct err *problems)
{
	const char *postcode_error = form_errors_for(problems, "postcode");
	const char *within_error = form_errors_for(problems, "within");
	const char *kind_error = form_errors_for(problems, "kind");
	const char *day_error = form_errors_for(problems, "day");
	const char *cost_error = form_errors_for(problems, "cost");
	const char *postcode = http_query(req, "postcode");
	const char *within = http_query_filter(req, "within");
	const char *words = http_query(req, "words");
	const char *kind = http_query_filter(req, "kind");
	const char *day = http_query_filter(req, "day");
	const char *cost = http_query_filter(req, "cost");
	if (!within)
		within = COMMUNITY_WITHIN_DEFAULT;
	html_printf(page,
		    "<form method=\"get\" action=\"/community\" novalidate class=\"app-community-search\">\n"
		    "<div class=\"govuk-form-group%s\">\n"
		    "<label class=\"govuk-label govuk-label--s\" for=\"postcode\">Postcode</label>\n"
		    "<div id=\"postcode-hint\" class=\"govuk-hint\">To find what is near, "
		    "for example YO24 4NB</div>\n",
		    postcode_error ? " govuk-form-group--error" : "");
	field_error(page, "postcode", postcode_error);
	html_printf(page,
		    "<input class=\"govuk-input govuk-input--width-10%s\" id=\"postcode\" "
		    "name=\"postcode\" type=\"text\" autocomplete=\"postal-code\" "
		    "spellcheck=\"false\" aria-describedby=\"postcode-hint%s\" value=\"%s\">\n"
		    "</div>\n"
		    "<div class=\"govuk-form-group%s\">\n"
		    "<label class=\"govuk-label govuk-label--s\" for=\"within\">Within</label>\n",
		    postcode_error ? " govuk-input--error" : "",
		    postcode_error ? " postcode-error" : "", postcode ? postcode : "",
		    within_error ? " govuk-form-group--error" : "");
	field_error(page, "within", within_error);
	html_printf(page, "<select class=\"govuk-select%s\" id=\"within\" name=\"within\"%s>\n",
		    within_error ? " govuk-select--error" : "",
		    within_error ? " aria-describedby=\"within-error\"" : "");
	for (size_t i = 0; i < sizeof within_km / sizeof within_km[0]; i++)
		html_printf(page, "<option value=\"%s\"%s>%s</option>\n", within_km[i][0],
			    strcmp(within, within_km[i][0]) == 0 ? " selected" : "",
			    within_km[i][1]);
	html_printf(page,
		    "</select>\n</div>\n"
		    "<div class=\"govuk-form-group\">\n"
		    "<label class=\"govuk-label govuk-label--s\" for=\"words\">Words</label>\n"
		    "<div id=\"words-hint\" class=\"govuk-hint\">For example, singing, "
		    "lunch or knitting</div>\n"
		    "<input class=\"govuk-input\" id=\"words\" name=\"words\" type=\"text\" "
		    "aria-describedby=\"words-hint\" value=\"%s\">\n</div>\n"
		    "<div class=\"govuk-form-group%s\">\n"
		    "<label class=\"govuk-label govuk-label--s\" for=\"kind\">Kind</label>\n",
		    words ? words : "", kind_error ? " govuk-form-group--error" : "");
	field_error(page, "kind", kind_error);
	html_printf(page,
		    "<select class=\"govuk-select%s\" id=\"kind\" name=\"kind\"%s>\n"
		    "<option value=\"\">Any kind</option>\n",
		    kind_error ? " govuk-select--error" : "",
		    kind_error ? " aria-describedby=\"kind-error\"" : "");
	for (size_t i = 0; i < term_count; i++)
		html_printf(page, "<option value=\"%s\"%s>%s</option>\n", terms[i].id,
			    kind && strcmp(kind, terms[i].id) == 0 ? " selected" : "",
			    terms[i].name);
	html_printf(page,
		    "</select>\n</div>\n"
		    "<div class=\"govuk-form-group%s\">\n"
		    "<label class=\"govuk-label govuk-label--s\" for=\"day\">Day</label>\n",
		    day_error ? " govuk-form-group--error" : "");
	field_error(page, "day", day_error);
	html_printf(page,
		    "<select class=\"govuk-select%s\" id=\"day\" name=\"day\"%s>\n"
		    "<option value=\"\">Any day</option>\n",
		    day_error ? " govuk-select--error" : "",
		    day_error ? " aria-describedby=\"day-error\"" : "");
	for (size_t i = 0; i < 7; i++)
		html_printf(page, "<option value=\"%s\"%s>%s</option>\n", day_codes[i][0],
			    day && strcmp(day, day_codes[i][0]) == 0 ? " selected" : "",
			    day_codes[i][1]);
	html_printf(page,
		    "</select>\n</div>\n"
		    "<div class=\"govuk-form-group%s\">\n"
		    "<fieldset class=\"govuk-fieldset\"%s>\n"
		    "<legend class=\"govuk-fieldset__legend govuk-fieldset__legend--s\">Cost</legend>\n",
		    cost_error ? " govuk-form-group--error" : "",
		    cost_error ? " aria-describedby=\"cost-error\"" : "");
	field_error(page, "cost", cost_error);
	html_printf(page,
		    "<div class=\"govuk-radios govuk-radios--small govuk-radios--inline\" "
		    "data-module=\"govuk-radios\">\n");
	static const char *const costs[][2] = {{"", "Free or paid"}, {"free", "Free"},
					       {"paid", "Paid"}};
	for (size_t i = 0; i < 3; i++) {
		bool chosen = cost ? strcmp(cost, costs[i][0]) == 0 : i == 0;
		html_printf(page,
			    "<div class=\"govuk-radios__item\"><input class=\"govuk-radios__input\" "
			    "id=\"cost%s%s\" name=\"cost\" type=\"radio\" value=\"%s\"%s>"
			    "<label class=\"govuk-label govuk-radios__label\" for=\"cost%s%s\">%s"
			    "</label></div>\n",
			    i ? "-" : "", costs[i][0], costs[i][0], chosen ? " checked" : "",
			    i ? "-" : "", costs[i][0], costs[i][1]);
	}
	html_printf(page,
		    "</div>\n</fieldset>\n</div>\n"
		    "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">"
		    "Search</button>\n</form>\n");
}

/* This page's address with every filter kept and page set. */
static const char *page_link(struct http_request *req, long page_number)
{
	static const char *const kept[] = {"postcode", "within", "words", "kind", "day", "cost"};
	struct sb url;
	sb_init(&url, req->arena, 4096);
	sb_puts(&url, "/community?");
	for (size_t i = 0; i < sizeof kept / sizeof kept[0]; i++) {
		const char *v = http_query_filter(req, kept[i]);
		if (!v)
			continue;
		sb_puts(&url, kept[i]);
		sb_putc(&url, '=');
		urlenc_component(&url, v);
		sb_putc(&url, '&');
	}
	sb_printf(&url, "page=%ld", page_number);
	return sb_str(&url);
}

static void pagination(struct http_request *req, struct sb *page, const struct search_result *r)
{
	if (r->total_pages <= 1)
		return;
	html_printf(page, "<nav class=\"govuk-pagination govuk-pagination--block\" "
			  "aria-label=\"Pages of results\">\n");
	if (r->page > 1)
		html_printf(page,
			    "<div class=\"govuk-pagination__prev\"><a class=\"govuk-link "
			    "govuk-pagination__link\" href=\"%s\" rel=\"prev\">"
			    "<span class=\"govuk-pagination__link-title\">Previous"
			    "<span class=\"govuk-visually-hidden\"> page</span></span>"
			    "<span class=\"govuk-visually-hidden\">:</span>"
			    "<span class=\"govuk-pagination__link-label\">%ld of %ld</span></a></div>\n",
			    page_link(req, r->page - 1), r->page - 1, r->total_pages);
	if (r->page < r->total_pages)
		html_printf(page,
			    "<div class=\"govuk-pagination__next\"><a class=\"govuk-link "
			    "govuk-pagination__link\" href=\"%s\" rel=\"next\">"
			    "<span class=\"govuk-pagination__link-title\">Next"
			    "<span class=\"govuk-visually-hidden\"> page</span></span>"
			    "<span class=\"govuk-visually-hidden\">:</span>"
			    "<span class=\"govuk-pagination__link-label\">%ld of %ld</span></a></div>\n",
			    page_link(req, r->page + 1), r->page + 1, r->total_pages);
	html_printf(page, "</nav>\n");
}

/* What to try when nothing matched, from the filters that were used. */
static void nothing_found(struct http_request *req, struct sb *page, bool near)
{
	html_printf(page, "<h2 class=\"govuk-heading-m\">Nothing matched</h2>\n"
			  "<p class=\"govuk-body\">You could try:</p>\n"
			  "<ul class=\"govuk-list govuk-list--bullet\">\n");
	const char *within = http_query_filter(req, "within");
	if (near && (!within || strcmp(within, "10") != 0))
		html_printf(page, "<li>a longer distance</li>\n");
	if (http_query_filter(req, "words"))
		html_printf(page, "<li>fewer words, or other words for the same thing</li>\n");
	if (http_query_filter(req, "kind"))
		html_printf(page, "<li>any kind</li>\n");
	if (http_query_filter(req, "day"))
		html_printf(page, "<li>any day</li>\n");
	if (http_query_filter(req, "cost"))
		html_printf(page, "<li>free or paid</li>\n");
	html_printf(page,
		    "<li><a class=\"govuk-link\" href=\"/community\">everything in the "
		    "directory</a></li>\n</ul>\n"
		    "<p class=\"govuk-body\">Know of something that is not here? "
		    "<a class=\"govuk-link\" href=\"/community/suggest\">Suggest a group, place "
		    "or service</a>.</p>\n");
}

/* One result: its facts in a line each, and the point for the map. */
static void result_item(struct http_request *req, struct sb *page, const struct search_hit *h,
			const struct listing *l)
{
	if (h->has_point)
		html_printf(page,
			    "<li class=\"app-community-result\" data-lat=\"%s\" data-lon=\"%s\" "
			    "data-name=\"%s\" data-href=\"/community/%s\">\n",
			    arena_printf(req->arena, "%.6f", h->latitude),
			    arena_printf(req->arena, "%.6f", h->longitude), h->name,
			    h->service_id);
	else
		html_printf(page, "<li class=\"app-community-result\">\n");
	html_printf(page,
		    "<h3 class=\"govuk-heading-s govuk-!-margin-bottom-1\"><a class=\"govuk-link\" "
		    "href=\"/community/%s\">%s</a></h3>\n"
		    "<ul class=\"govuk-list govuk-body-s app-community-result__facts\">\n",
		    h->service_id, h->name);
	if (h->organization_name && strcmp(h->organization_name, h->name) != 0)
		html_printf(page, "<li>%s</li>\n", h->organization_name);
	if (h->has_distance)
		html_printf(page, "<li>%s away%s%s</li>\n", how_far(req->arena, h->distance_metres),
			    h->postal_code ? ", " : "", h->postal_code ? h->postal_code : "");
	else if (h->postal_code)
		html_printf(page, "<li>%s</li>\n", h->postal_code);
	const char *when = when_text(req->arena, l);
	if (when)
		html_printf(page, "<li>%s</li>\n", when);
	const char *cost = cost_text(l);
	if (cost)
		html_printf(page, "<li>%s</li>\n", cost);
	const char *checked = day_text(req->arena, l->checked_on);
	if (checked)
		html_printf(page, "<li>Last checked %s</li>\n", checked);
	if (l->demo)
		html_printf(page, "<li><strong class=\"govuk-tag govuk-tag--grey\">Demo "
				  "listing</strong></li>\n");
	html_printf(page, "</ul>\n</li>\n");
}

/* The page: the form (with problems, when there are some, beside their
 * fields) and, unless a problem stops the search, the results. */
static int search_page(struct http_request *req, struct http_response *res, int status,
		       const struct err *problems, const struct search_result *r, bool near)
{
	struct taxonomy_term *terms = NULL;
	size_t term_count = 0;
	if (taxonomy_terms(req->app->db, TAXONOMY_OURS, req->arena, &terms, &term_count,
			   &req->err) < 0)
		return -1;
	struct sb page;
	sb_init(&page, req->arena, PAGE_MAX_BYTES);
	page_begin(req, &page, problems ? "Error: Community directory" : "Community directory");
	html_printf(&page,
		    "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-one-third\">\n");
	if (problems)
		form_errors_summary(&page, problems, NULL, 0, "postcode");
	html_printf(&page,
		    "<h1 class=\"govuk-heading-l\">Community directory</h1>\n"
		    "<p class=\"govuk-body\">Groups, places and services near you: "
		    "clubs, classes, lunches, warm spaces and more.</p>\n");
	search_form(req, &page, terms, term_count, problems);
	html_printf(&page, "</div>\n<div class=\"govuk-grid-column-two-thirds\">\n");
	if (r && r->total == 0) {
		nothing_found(req, &page, near);
	} else if (r) {
		html_printf(&page, "<h2 class=\"govuk-heading-m\" id=\"results\">%ld %s</h2>\n",
			    r->total, r->total == 1 ? "result" : "results");
		if (near)
			html_printf(&page, "<p class=\"govuk-body-s\">Nearest first.</p>\n");
		html_printf(&page, "<ul class=\"govuk-list app-community-results\" "
				   "id=\"community-results\">\n");
		const char **ids = arena_alloc(req->arena, (r->count + 1) * sizeof *ids);
		struct listing *found = arena_alloc(req->arena, (r->count + 1) * sizeof *found);
		for (size_t i = 0; i < r->count; i++)
			ids[i] = r->hits[i].service_id;
		struct err e;
		int rc = listing_get_many(req->app->db, req->who, LISTING_PUBLIC, 0, ids, r->count,
					  req->arena, found, &e);
		if (rc < 0 && rc != RESULT_NOT_FOUND)
			return http_send_result(req, res, rc, &e, NULL);
		struct shown_sources sources = {.count = 0};
		bool any_point = false;
		for (size_t i = 0; i < r->count; i++) {
			/* One gone since the search is left out. */
			if (!found[i].id)
				continue;
			result_item(req, &page, &r->hits[i], &found[i]);
			sources_note(&sources, found[i].source);
			any_point = any_point || r->hits[i].has_point;
		}
		html_printf(&page, "</ul>\n");
		pagination(req, &page, r);
		sources_write(&page, &sources);
		if (any_point) {
			html_printf(&page,
				    "<div id=\"community-map\" class=\"app-map app-community-map\" "
				    "data-tiles=\"%s\" data-attribution=\"%s\" "
				    "data-list=\"community-results\" hidden "
				    "aria-label=\"Map of these results\"></div>\n",
				    req->app->config->map_tiles,
				    req->app->config->map_attribution);
			html_printf(&page,
				    "<link rel=\"stylesheet\" href=\"%s\">\n"
				    "<script defer src=\"%s\"></script>\n"
				    "<script defer src=\"%s\"></script>\n",
				    page_asset_url(req, PAGE_ASSET_LEAFLET_CSS),
				    page_asset_url(req, PAGE_ASSET_LEAFLET_JS),
				    page_asset_url(req, PAGE_ASSET_COMMUNITY_MAP_JS));
		}
	}
	html_printf(&page,
		    "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/community/suggest\">"
		    "Suggest a group, place or service</a></p>\n</div></div>\n");
	page_end(req, &page);
	http_add_header(res, "Cache-Control", "no-cache");
	return http_send_html(req, res, status, &page);
}

/* The page again with the one problem, why, beside the postcode. */
static int postcode_problem(struct http_request *req, struct http_response *res, int status,
			    const char *why)
{
	struct err problems;
	err_clear(&problems);
	err_field(&problems, "postcode", "%s", why);
	return search_page(req, res, status, &problems, NULL, false);
}

int web_community(struct http_request *req, struct http_response *res)
{
	struct err problems;
	err_clear(&problems);
	choices_check(req, &problems);
	if (problems.field_count)
		return search_page(req, res, HTTP_STATUS_INVALID, &problems, NULL, false);
	struct search_query q;
	search_query_init(&q);
	q.words = http_query_filter(req, "words");
	const char *kind = http_query_filter(req, "kind");
	if (kind) {
		const char **ids = arena_alloc(req->arena, sizeof *ids);
		ids[0] = kind;
		q.term_ids = ids;
		q.term_count = 1;
	}
	q.day = choice_index(day_codes, 7, http_query_filter(req, "day")) + 1;
	const char *cost = http_query_filter(req, "cost");
	q.free = !cost ? -1 : strcmp(cost, "free") == 0 ? 1 : 0;
	const char *page_number = http_query_filter(req, "page");
	q.page = page_number ? strtol(page_number, NULL, 10) : 1;
	q.per_page = COMMUNITY_PER_PAGE;

	const char *postcode = http_query_filter(req, "postcode");
	if (postcode) {
		if (!req->map)
			return postcode_problem(req, res, 503, "Searching by postcode is not "
							       "available just now; try words instead");
		struct lookup_context ctx = {req->app->db, req->map,
					     req->app->config->near_metres, req->postcodes};
		struct lookup_result found;
		struct err e;
		int rc = lookup_postcode(&ctx, req->arena, postcode, &found, &e);
		if (rc == RESULT_NOT_FOUND)
			return postcode_problem(req, res, HTTP_STATUS_INVALID,
						arena_printf(req->arena, "We do not know the postcode "
									 "%s: check it, or leave it "
									 "out and search by words",
							     found.postcode));
		if (rc == RESULT_INVALID) {
			const char *why = err_field_message(&e, "postcode");
			return postcode_problem(req, res, HTTP_STATUS_INVALID, why ? why : e.msg);
		}
		if (rc < 0)
			return http_send_result(req, res, rc, &e, NULL);
		const char *within = http_query_filter(req, "within");
		q.near = true;
		q.latitude = found.lat;
		q.longitude = found.lon;
		q.within_metres =
			1000.0 * strtol(within ? within : COMMUNITY_WITHIN_DEFAULT, NULL, 10);
	}
	struct search_result r;
	struct err e;
	int rc = search_run(req->app->db, req->app->directory, &q, req->arena, &r, &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	return search_page(req, res, 200, NULL, &r, q.near);
}

/* A summary list row, when there is something to say. */
static void row_begin(struct sb *page, const char *key)
{
	html_printf(page, "<div class=\"govuk-summary-list__row\"><dt "
			  "class=\"govuk-summary-list__key\">%s</dt><dd "
			  "class=\"govuk-summary-list__value\">",
		    key);
}

static void row_end(struct sb *page)
{
	html_printf(page, "</dd></div>\n");
}

static void text_row(struct sb *page, const char *key, const char *value)
{
	if (!value || !*value)
		return;
	row_begin(page, key);
	html_printf(page, "%s", value);
	row_end(page);
}

static const char *ages_text(struct arena *a, const struct listing *l)
{
	if (l->minimum_age >= 0 && l->maximum_age >= 0)
		return arena_printf(a, "Ages %ld to %ld", l->minimum_age, l->maximum_age);
	if (l->minimum_age >= 0)
		return arena_printf(a, "Ages %ld and over", l->minimum_age);
	if (l->maximum_age >= 0)
		return arena_printf(a, "Ages up to %ld", l->maximum_age);
	return NULL;
}

static bool web_address(const char *url)
{
	return url && (strncmp(url, "https://", 8) == 0 || strncmp(url, "http://", 7) == 0);
}

static void where_row(struct http_request *req, struct sb *page, const struct listing *l)
{
	if (l->location_count == 0)
		return;
	row_begin(page, "Where");
	for (size_t i = 0; i < l->location_count; i++) {
		const struct community_location *p = &l->locations[i];
		html_printf(page, "<p class=\"govuk-body\">");
		bool any = false;
		const char *parts[] = {p->name, p->address_1, p->city, p->postal_code};
		for (size_t k = 0; k < 4; k++) {
			if (!parts[k] || !*parts[k])
				continue;
			/* Imported addresses often carry the town and postcode in
			 * their first line already. */
			if (k >= 2 && p->address_1 && strstr(p->address_1, parts[k]))
				continue;
			if (any)
				html_printf(page, "<br>");
			html_printf(page, "%s", parts[k]);
			any = true;
		}
		if (p->location_type && strcmp(p->location_type, "virtual") == 0)
			html_printf(page, "%s", any ? ", online" : "Online");
		html_printf(page, "</p>\n");
		if (p->accessibility && *p->accessibility)
			html_printf(page, "<p class=\"govuk-body-s\">%s</p>\n", p->accessibility);
		if (p->has_point)
			html_printf(page,
				    "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"%s\">"
				    "See %s on a map<span class=\"govuk-visually-hidden\"> "
				    "(OpenStreetMap)</span></a></p>\n",
				    arena_printf(req->arena,
						 "https://www.openstreetmap.org/?mlat=%.5f&mlon=%.5f"
						 "#map=17/%.5f/%.5f",
						 p->latitude, p->longitude, p->latitude, p->longitude),
				    p->name && *p->name ? p->name : "it");
	}
	row_end(page);
}

static void when_row(struct http_request *req, struct sb *page, const struct listing *l,
		     bool retired)
{
	if (l->schedule_count == 0)
		return;
	row_begin(page, "When");
	html_printf(page, "<ul class=\"govuk-list\">\n");
	for (size_t i = 0; i < l->schedule_count; i++) {
		const char *words = schedule_words(req->arena, &l->schedules[i]);
		if (!hours_unread(&l->schedules[i]))
			html_printf(page, "<li>%s", words);
		else if (*words)
			html_printf(page, "<li>Times not confirmed: please ask the venue. Listed as: "
					  "%s",
				    words);
		else
			html_printf(page, "<li>Times not confirmed: please ask the venue.");
		if (l->schedules[i].notes && *l->schedules[i].notes)
			html_printf(page, " (%s)", l->schedules[i].notes);
		html_printf(page, "</li>\n");
	}
	html_printf(page, "</ul>\n");
	struct schedule_session next[4];
	size_t n = retired ? 0 : schedule_next(l, date_uk_today(time(NULL)), next, 4);
	if (n) {
		html_printf(page, "<p class=\"govuk-body govuk-!-margin-bottom-1\">Next:</p>\n"
				  "<ul class=\"govuk-list govuk-list--bullet\" id=\"next-dates\">\n");
		for (size_t i = 0; i < n; i++) {
			html_printf(page, "<li>%s", page_long_date(req->arena, next[i].day));
			if (next[i].opens_at)
				html_printf(page, ", %s", next[i].opens_at);
			if (next[i].opens_at && next[i].closes_at)
				html_printf(page, " to %s", next[i].closes_at);
			html_printf(page, "</li>\n");
		}
		html_printf(page, "</ul>\n");
	}
	row_end(page);
}

static void cost_row(struct http_request *req, struct sb *page, const struct listing *l)
{
	const char *cost = cost_text(l);
	if (!cost && !l->fees_description && l->cost_count == 0)
		return;
	row_begin(page, "Cost");
	if (cost)
		html_printf(page, "<p class=\"govuk-body\">%s</p>\n", cost);
	if (l->fees_description && *l->fees_description)
		html_printf(page, "<p class=\"govuk-body\">%s</p>\n", l->fees_description);
	/* Each option in a line: "Concessions: £2.50 a session"; an option
	 * that only says again what the line above does ("Free", £0) is left
	 * to its description. */
	for (size_t i = 0; i < l->cost_count; i++) {
		const struct community_cost *c = &l->costs[i];
		bool priced = c->has_amount && c->amount > 0;
		bool named = c->option && *c->option && !(cost && strcmp(c->option, cost) == 0);
		bool described = c->amount_description && *c->amount_description;
		if (!priced && !named && !described)
			continue;
		html_printf(page, "<p class=\"govuk-body\">");
		if (named)
			html_printf(page, "%s: ", c->option);
		if (priced)
			html_printf(page, "%s ", arena_printf(req->arena, "£%.2f", c->amount));
		if (described)
			html_printf(page, "%s", c->amount_description);
		html_printf(page, "</p>\n");
	}
	row_end(page);
}

static void languages_row(struct sb *page, const struct listing *l)
{
	if (l->language_count == 0)
		return;
	row_begin(page, "Languages");
	for (size_t i = 0; i < l->language_count; i++)
		html_printf(page, "%s%s", i ? ", " : "",
			    l->languages[i].name ? l->languages[i].name : l->languages[i].code);
	row_end(page);
}

/* Only what may be published: listing_get's public view keeps contacts
 * the organiser agreed to; a source that asks for none (the York warm
 * spaces) shows none here, not even the listing's own email. */
static void contact_row(struct http_request *req, struct sb *page, const struct listing *l)
{
	bool allowed = !l->source || l->source->contacts_public;
	bool website = web_address(l->url);
	bool email = allowed && l->email && contact_email_ok(l->email);
	size_t people = 0;
	for (size_t i = 0; allowed && i < l->contact_count; i++)
		people += l->contacts[i].public;
	if (!website && !email && people == 0)
		return;
	row_begin(page, "Contact");
	html_printf(page, "<ul class=\"govuk-list\">\n");
	if (website)
		html_printf(page, "<li><a class=\"govuk-link\" href=\"%s\">Website"
				  "<span class=\"govuk-visually-hidden\"> of %s</span></a></li>\n",
			    l->url, l->name);
	if (email)
		html_printf(page, "<li>Email: <a class=\"govuk-link\" href=\"mailto:%s\">%s</a>"
				  "</li>\n", l->email, l->email);
	for (size_t i = 0; allowed && i < l->contact_count; i++) {
		const struct community_contact *c = &l->contacts[i];
		if (!c->public)
			continue;
		html_printf(page, "<li>%s%s%s", c->name ? c->name : "",
			    c->name && c->title ? ", " : "", c->title ? c->title : "");
		if (c->email && contact_email_ok(c->email))
			html_printf(page, "<br>Email: <a class=\"govuk-link\" href=\"mailto:%s\">"
					  "%s</a>", c->email, c->email);
		for (size_t k = 0; k < c->phone_count; k++)
			html_printf(page, "<br>Phone: <a class=\"govuk-link\" href=\"tel:%s\">%s</a>",
				    page_tel_target(req->arena, c->phones[k].number),
				    c->phones[k].number);
		html_printf(page, "</li>\n");
	}
	html_printf(page, "</ul>\n");
	row_end(page);
}

/* The listing the path names, as anyone may see it: RESULT_OK, or the
 * refusal, answered already (*answer the handler's return). */
static int public_listing(struct http_request *req, struct http_response *res,
			  struct listing *l, bool *retired, int *answer)
{
	struct err e;
	int rc = listing_get(req->app->db, req->who, LISTING_PUBLIC, 0,
			     http_path_param(req, "id"), req->arena, l, &e);
	if (rc < 0)
		*answer = http_send_result(req, res, rc, &e, NULL);
	*retired = rc == RESULT_OK && l->status && strcmp(l->status, "defunct") == 0;
	return rc;
}

int web_community_listing(struct http_request *req, struct http_response *res)
{
	struct listing l;
	bool retired;
	int answer;
	if (public_listing(req, res, &l, &retired, &answer) < 0)
		return answer;
	struct sb page;
	sb_init(&page, req->arena, PAGE_MAX_BYTES);
	page_begin(req, &page, l.name);
	html_printf(&page,
		    "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n"
		    "<a href=\"/community\" class=\"govuk-back-link\">Community directory</a>\n");
	if (l.organization.name && strcmp(l.organization.name, l.name) != 0)
		html_printf(&page, "<span class=\"govuk-caption-l\">%s</span>\n",
			    l.organization.name);
	html_printf(&page, "<h1 class=\"govuk-heading-l\">%s</h1>\n", l.name);
	if (l.demo)
		html_printf(&page, "<p class=\"govuk-body\"><strong class=\"govuk-tag "
				   "govuk-tag--grey\">Demo listing</strong> Made up, to show how "
				   "the directory works.</p>\n");
	if (retired)
		html_printf(&page,
			    "<div class=\"govuk-warning-text\"><span class=\"govuk-warning-text__icon\" "
			    "aria-hidden=\"true\">!</span><strong class=\"govuk-warning-text__text\">"
			    "<span class=\"govuk-visually-hidden\">Warning</span> This no longer "
			    "runs.</strong></div>\n");
	else if (l.status && strcmp(l.status, "active") != 0)
		html_printf(&page, "<div class=\"govuk-inset-text\">This is %s at the moment."
				   "</div>\n",
			    strcmp(l.status, "temporarily closed") == 0 ? "closed" : "not running");
	if (l.alert && *l.alert)
		html_printf(&page, "<div class=\"govuk-inset-text\">%s</div>\n", l.alert);
	if (l.description && *l.description)
		html_printf(&page, "<p class=\"govuk-body-l app-community-description\">%s</p>\n",
			    l.description);
	html_printf(&page, "<dl class=\"govuk-summary-list\">\n");
	struct sb who;
	sb_init(&who, req->arena, 2 * LISTING_TEXT_MAX);
	const char *ages = ages_text(req->arena, &l);
	if (ages)
		sb_puts(&who, ages);
	if (l.eligibility && *l.eligibility) {
		if (ages)
			sb_puts(&who, ". ");
		sb_puts(&who, l.eligibility);
	}
	text_row(&page, "Who it is for", sb_str(&who));
	where_row(req, &page, &l);
	when_row(req, &page, &l, retired);
	/* A feed of words-only hours would be empty. */
	struct schedule_session first;
	bool has_sessions = !retired && schedule_next(&l, date_uk_today(time(NULL)), &first, 1);
	cost_row(req, &page, &l);
	text_row(&page, "How to join", l.how_to_join);
	text_row(&page, "Accessibility", l.accessibility);
	languages_row(&page, &l);
	contact_row(req, &page, &l);
	if (l.term_count) {
		row_begin(&page, "Kind");
		for (size_t i = 0; i < l.term_count; i++)
			html_printf(&page, "%s%s", i ? ", " : "", l.terms[i].name);
		row_end(&page);
	}
	text_row(&page, "Last checked", day_text(req->arena, l.checked_on));
	html_printf(&page, "</dl>\n");
	if (has_sessions)
		html_printf(&page,
			    "<p class=\"govuk-body\"><a class=\"govuk-link\" id=\"calendar\" "
			    "href=\"/community/%s/calendar.ics\" download>Add to your calendar"
			    "<span class=\"govuk-visually-hidden\">: %s</span></a></p>\n",
			    l.id, l.name);
	html_printf(&page,
		    "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/community/suggest?"
		    "service=%s\">Suggest a correction<span class=\"govuk-visually-hidden\"> to "
		    "%s</span></a></p>\n",
		    l.id, l.name);
	struct shown_sources sources = {.count = 0};
	sources_note(&sources, l.source);
	sources_write(&page, &sources);
	html_printf(&page, "</div></div>\n");
	page_end(req, &page);
	http_add_header(res, "Cache-Control", "no-cache");
	return http_send_html(req, res, 200, &page);
}

int web_community_calendar(struct http_request *req, struct http_response *res)
{
	struct listing l;
	bool retired;
	int answer;
	if (public_listing(req, res, &l, &retired, &answer) < 0)
		return answer;
	/* A retired listing's feed has no sessions left, so a calendar that
	 * subscribed to it drops them. */
	if (retired)
		l.schedule_count = 0;
	const char *base = req->app->config->public_url;
	size_t base_len = strlen(base);
	if (base_len && base[base_len - 1] == '/')
		base_len--;
	struct sb out;
	sb_init(&out, req->arena, 1024 * 1024);
	schedule_ical(&out, &l,
		      arena_printf(req->arena, "%.*s/community/%s", (int)base_len, base, l.id));
	if (sb_failed(&out))
		return err_set(&req->err, "calendar larger than its builder allows");
	http_add_header(res, "Cache-Control", "no-cache");
	http_add_header(res, "Content-Disposition",
			arena_printf(req->arena, "attachment; filename=\"community-%.8s.ics\"",
				     l.id));
	http_send_static(res, 200, "text/calendar; charset=utf-8", sb_str(&out), out.len);
	return 0;
}
