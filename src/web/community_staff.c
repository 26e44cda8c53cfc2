/* Keeping the community directory right, for staff: the listings with
 * those needing review first, one listing with everything held about it
 * (contacts not published marked so) and its history, marking it checked
 * or retiring it, one version as it was kept, and the suggestions the
 * public sent.  The listing form is web/community_listing_form.c. */
#include "core/arena.h"
#include "core/date.h"
#include "core/config.h"
#include "core/err.h"
#include "core/json_diff.h"
#include "core/sb.h"
#include "domain/community/listing.h"
#include "domain/community/schedule.h"
#include "domain/community/search.h"
#include "domain/community/suggestion.h"
#include "http/app.h"
#include "http/http.h"
#include "web/form.h"
#include "web/html.h"
#include "web/pages.h"
#include "web/people.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

/* How many listings the page shows at once; search finds the others. */
#define LISTED_MAX 100

static const char *listing_url(struct arena *a, const char *id)
{
	return arena_printf(a, "/staff/community/%s", id);
}

static bool blank(const char *s)
{
	return !s || !*s;
}

/* "Checked on Thursday 26 November 2026 by Priya Shah", or never. */
static const char *checked_words(struct arena *a, const char *on, const char *by)
{
	if (blank(on))
		return "Never checked";
	const char *day = date_uk_day(a, on);
	return blank(by) ? arena_printf(a, "Checked on %s", day)
			 : arena_printf(a, "Checked on %s by %s", day, by);
}

/* ---- GET /staff/community ---------------------------------------------- */

static void summary_item(struct http_request *req, struct sb *page, const struct listing_summary *s)
{
	struct arena *a = req->arena;
	html_printf(page, "<li class=\"app-community-staff__item\"><a class=\"govuk-link "
			  "govuk-!-font-weight-bold\" href=\"%s\">%s</a>",
		    listing_url(a, s->id), s->name);
	if (s->demo)
		html_printf(page, " <strong class=\"govuk-tag govuk-tag--grey\">Demo</strong>");
	if (!blank(s->organization_name) || !blank(s->postal_code))
		html_printf(page, "<br><span class=\"govuk-body-s\">%s%s%s</span>",
			    s->organization_name ? s->organization_name : "",
			    !blank(s->organization_name) && !blank(s->postal_code) ? ", " : "",
			    s->postal_code ? s->postal_code : "");
	html_printf(page, "<br><span class=\"govuk-body-s\">%s</span>",
		    checked_words(a, s->checked_on, s->checked_by_name));
	if (!blank(s->review_reason))
		html_printf(page, "<br><span class=\"govuk-body-s\"><strong>Why:</strong> %s</span>",
			    s->review_reason);
	html_printf(page, "</li>\n");
}

static void hit_item(struct http_request *req, struct sb *page, const struct search_hit *h)
{
	html_printf(page, "<li class=\"app-community-staff__item\"><a class=\"govuk-link\" "
			  "href=\"%s\">%s</a>",
		    listing_url(req->arena, h->service_id), h->name);
	if (!blank(h->organization_name) || !blank(h->postal_code))
		html_printf(page, "<br><span class=\"govuk-body-s\">%s%s%s</span>",
			    h->organization_name ? h->organization_name : "",
			    !blank(h->organization_name) && !blank(h->postal_code) ? ", " : "",
			    h->postal_code ? h->postal_code : "");
	html_printf(page, "</li>\n");
}

int web_staff_community(struct http_request *req, struct http_response *res)
{
	struct arena *a = req->arena;
	struct db *db = req->app->db;
	const char *words = http_query_filter(req, "q");
	int months = req->app->config->directory_review_months;
	struct listing_summary *review;
	struct suggestion *waiting;
	size_t review_count, waiting_count;
	struct search_query q;
	struct search_result found;
	struct err e;
	search_query_init(&q);
	q.words = words;
	q.per_page = LISTED_MAX;
	int rc = listing_review_list(db, req->who, months, a, &review, &review_count, &e);
	if (rc == RESULT_OK)
		rc = suggestion_list(db, req->who, true, a, &waiting, &waiting_count, &e);
	if (rc == RESULT_OK)
		rc = search_run(db, req->app->directory, &q, a, &found, &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);

	struct sb page;
	sb_init(&page, a, PAGE_MAX_BYTES);
	page_begin(req, &page, "Community directory");
	html_printf(&page, "<span class=\"govuk-caption-l\">Staff</span>\n"
			   "<h1 class=\"govuk-heading-l\">Community directory</h1>\n"
			   "<p class=\"govuk-body\">Groups, places and services near the people we "
			   "walk alongside. Keep each one right: check it with the organiser, then "
			   "mark it as checked.</p>\n"
			   "<div class=\"govuk-button-group\"><a class=\"govuk-button\" "
			   "data-module=\"govuk-button\" href=\"/staff/community/new\">Add a listing</a>\n"
			   "<a class=\"govuk-link\" href=\"/staff/community/suggestions\">Suggestions "
			   "waiting (%zu)</a></div>\n"
			   "<form method=\"get\" action=\"/staff/community\" class=\"app-community-staff__search\" "
			   "role=\"search\">\n<div class=\"govuk-form-group\"><label class=\"govuk-label "
			   "govuk-label--s\" for=\"q\">Search the listings</label>\n"
			   "<div class=\"govuk-hint\" id=\"q-hint\">A name, or words it says, like "
			   "singing or lunch</div>\n"
			   "<input class=\"govuk-input\" id=\"q\" name=\"q\" type=\"search\" value=\"%s\" "
			   "aria-describedby=\"q-hint\"></div>\n"
			   "<button type=\"submit\" class=\"govuk-button govuk-button--secondary\" "
			   "data-module=\"govuk-button\">Search</button></form>\n",
		    waiting_count, words ? words : "");
	if (words) {
		html_printf(&page, "<h2 class=\"govuk-heading-m\">%ld found</h2>\n", found.total);
	} else {
		html_printf(&page, "<h2 class=\"govuk-heading-m\" id=\"needs-review\">Needs review "
				   "(%zu)</h2>\n<p class=\"govuk-body\">Never checked, not checked "
				   "for %d months, or with something to look at.</p>\n",
			    review_count, months);
		if (review_count) {
			html_printf(&page, "<ul class=\"govuk-list app-community-staff__list\" "
					   "id=\"needs-review-list\">\n");
			for (size_t i = 0; i < review_count; i++)
				summary_item(req, &page, &review[i]);
			html_printf(&page, "</ul>\n");
		} else {
			html_printf(&page, "<p class=\"govuk-body\">Nothing needs review.</p>\n");
		}
		html_printf(&page, "<h2 class=\"govuk-heading-m\">All listings (%ld)</h2>\n",
			    found.total);
	}
	if (found.count) {
		html_printf(&page, "<ul class=\"govuk-list app-community-staff__list\">\n");
		for (size_t i = 0; i < found.count; i++)
			hit_item(req, &page, &found.hits[i]);
		html_printf(&page, "</ul>\n");
	}
	if (found.total > (long)found.count)
		html_printf(&page, "<p class=\"govuk-body\">Showing the first %zu. Search to find "
				   "the one you want.</p>\n",
			    found.count);
	page_end(req, &page);
	return http_send_html(req, res, 200, &page);
}

/* ---- GET /staff/community/{id} ----------------------------------------- */

static void row(struct sb *page, const char *key, const char *value)
{
	if (blank(value))
		return;
	html_printf(page, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">"
			  "%s</dt><dd class=\"govuk-summary-list__value\">",
		    key);
	people_words(page, value);
	html_printf(page, "</dd></div>\n");
}

static void row_begin(struct sb *page, const char *key)
{
	html_printf(page, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">"
			  "%s</dt><dd class=\"govuk-summary-list__value\">",
		    key);
}

static void row_end(struct sb *page)
{
	html_printf(page, "</dd></div>\n");
}

static const char *ages(struct arena *a, const struct listing *l)
{
	if (l->minimum_age >= 0 && l->maximum_age >= 0)
		return arena_printf(a, "%ld to %ld", l->minimum_age, l->maximum_age);
	if (l->minimum_age >= 0)
		return arena_printf(a, "%ld and over", l->minimum_age);
	if (l->maximum_age >= 0)
		return arena_printf(a, "Up to %ld", l->maximum_age);
	return NULL;
}

static const char *cost(struct arena *a, const struct listing *l)
{
	const char *what = l->free == 1 ? "Free" : l->free == 0 ? "Paid" : NULL;
	if (what && !blank(l->fees_description))
		return arena_printf(a, "%s: %s", what, l->fees_description);
	return what ? what : l->fees_description;
}

static void places(struct sb *page, const struct listing *l)
{
	if (!l->location_count)
		return;
	row_begin(page, l->location_count > 1 ? "Places" : "Place");
	for (size_t i = 0; i < l->location_count; i++) {
		const struct community_location *p = &l->locations[i];
		html_printf(page, "<p class=\"govuk-body\">");
		if (!blank(p->name))
			html_printf(page, "<strong>%s</strong><br>", p->name);
		if (!blank(p->address_1))
			html_printf(page, "%s<br>", p->address_1);
		if (!blank(p->city))
			html_printf(page, "%s<br>", p->city);
		if (!blank(p->postal_code))
			html_printf(page, "%s<br>", p->postal_code);
		if (!blank(p->ward_name))
			html_printf(page, "<span class=\"govuk-body-s\">%s ward%s%s</span>",
				    p->ward_name, blank(p->area_name) ? "" : ", ",
				    p->area_name ? p->area_name : "");
		html_printf(page, "</p>\n");
		if (!blank(p->accessibility))
			people_words(page, p->accessibility);
	}
	row_end(page);
}

static void times(struct http_request *req, struct sb *page, const struct listing *l)
{
	if (!l->schedule_count)
		return;
	row_begin(page, "When");
	html_printf(page, "<ul class=\"govuk-list\">\n");
	for (size_t i = 0; i < l->schedule_count; i++) {
		const struct community_schedule *s = &l->schedules[i];
		html_printf(page, "<li>%s", schedule_words(req->arena, s));
		if (!blank(s->original_text))
			html_printf(page, "<br><span class=\"govuk-body-s\">Read from: "
					  "<q>%s</q></span>",
				    s->original_text);
		html_printf(page, "</li>\n");
	}
	html_printf(page, "</ul>\n");
	row_end(page);
}

static void contacts(struct sb *page, const struct listing *l)
{
	if (!l->contact_count)
		return;
	bool source_allows = !l->source || l->source->contacts_public;
	row_begin(page, "Contacts");
	for (size_t i = 0; i < l->contact_count; i++) {
		const struct community_contact *c = &l->contacts[i];
		html_printf(page, "<p class=\"govuk-body\">");
		if (!blank(c->name))
			html_printf(page, "<strong>%s</strong>%s%s<br>", c->name,
				    blank(c->title) ? "" : ", ", c->title ? c->title : "");
		if (!blank(c->email))
			html_printf(page, "%s<br>", c->email);
		for (size_t j = 0; j < c->phone_count; j++)
			html_printf(page, "%s<br>", c->phones[j].number);
		if (c->public && source_allows)
			html_printf(page, "<span class=\"govuk-body-s\">Published: the organiser "
					  "agreed on %s</span>",
				    c->agreed_on ? c->agreed_on : "a day not recorded");
		else
			html_printf(page, "<strong class=\"govuk-tag govuk-tag--yellow\">Not "
					  "published</strong>");
		html_printf(page, "</p>\n");
	}
	row_end(page);
}

static void kinds(struct sb *page, const struct listing *l)
{
	if (!l->term_count)
		return;
	row_begin(page, "Kinds");
	for (size_t i = 0; i < l->term_count; i++)
		html_printf(page, "<strong class=\"govuk-tag govuk-tag--blue app-community-staff__kind\">"
				  "%s</strong> ",
			    l->terms[i].name ? l->terms[i].name : l->terms[i].term_id);
	row_end(page);
}

static void source(struct sb *page, const struct listing *l)
{
	const struct community_source *s = l->source;
	if (!s) {
		row(page, "Source", "Entered here");
		return;
	}
	row_begin(page, "Source");
	html_printf(page, "<p class=\"govuk-body\">%s%s</p>\n", s->name,
		    s->demo ? " (invented for the demonstration)" : "");
	if (!blank(s->attribution))
		html_printf(page, "<p class=\"govuk-body-s\">%s%s%s</p>\n", s->attribution,
			    blank(s->licence) ? "" : " Licence: ", s->licence ? s->licence : "");
	if (!s->contacts_public)
		html_printf(page, "<p class=\"govuk-body-s\">The source asks that its contact "
				  "details are not published.</p>\n");
	row_end(page);
}

static void history(struct http_request *req, struct sb *page, const char *id,
		    const struct listing_version_entry *v, size_t count)
{
	struct arena *a = req->arena;
	html_printf(page, "<h2 class=\"govuk-heading-m\" id=\"history\">History</h2>\n"
			  "<ol class=\"govuk-list app-community-staff__history\" reversed>\n");
	for (size_t i = 0; i < count; i++)
		html_printf(page, "<li><a class=\"govuk-link\" href=\"%s/versions/%ld\">Version "
				  "%ld</a>: %s, %s%s%s</li>\n",
			    listing_url(a, id), v[i].version, v[i].version,
			    v[i].made_by_name ? v[i].made_by_name : "someone not recorded",
			    v[i].made_at ? date_uk_day(a, v[i].made_at) : "",
			    blank(v[i].note) ? "" : ". ", v[i].note ? v[i].note : "");
	html_printf(page, "</ol>\n");
}

static void actions(struct http_request *req, struct sb *page, const struct listing *l,
		    const struct err *e)
{
	const char *url = listing_url(req->arena, l->id);
	bool retired = l->status && strcmp(l->status, "defunct") == 0;
	html_printf(page, "<div class=\"govuk-button-group\">\n");
	if (!retired) {
		html_printf(page, "<form method=\"post\" action=\"%s/check\" class=\"app-inline-form\">\n",
			    url);
		people_csrf(req, page);
		html_printf(page, "<input type=\"hidden\" name=\"version\" value=\"%ld\">"
				  "<button type=\"submit\" class=\"govuk-button\" "
				  "data-module=\"govuk-button\">Still right: mark as checked</button>"
				  "</form>\n",
			    l->version);
	}
	html_printf(page, "<a class=\"govuk-button govuk-button--secondary\" "
			  "data-module=\"govuk-button\" href=\"%s/edit\">Edit</a>\n</div>\n",
		    url);
	if (retired)
		return;
	const char *error = form_errors_for(e, "reason");
	html_printf(page, "<details class=\"govuk-details\"%s><summary class=\"govuk-details__summary\">"
			  "<span class=\"govuk-details__summary-text\">Retire this listing</span>"
			  "</summary><div class=\"govuk-details__text\">\n"
			  "<p class=\"govuk-body\">It leaves search and the lists; its page and "
			  "history stay.</p>\n<form method=\"post\" action=\"%s/retire\" novalidate>\n",
		    error ? " open" : "", url);
	people_csrf(req, page);
	html_printf(page, "<input type=\"hidden\" name=\"version\" value=\"%ld\">\n", l->version);
	people_textarea(page, "reason", "Why it is retired", "Like: the group stopped meeting in "
		       "March", NULL, error);
	html_printf(page, "<button type=\"submit\" class=\"govuk-button govuk-button--warning\" "
			  "data-module=\"govuk-button\">Retire it</button></form></div></details>\n");
}

static const char *status_words(const char *status)
{
	if (!status || strcmp(status, "active") == 0)
		return "Active";
	if (strcmp(status, "defunct") == 0)
		return "Retired";
	if (strcmp(status, "inactive") == 0)
		return "Not running at the moment";
	if (strcmp(status, "temporarily closed") == 0)
		return "Temporarily closed";
	return status;
}

static const char *done_message(const char *done)
{
	if (!done)
		return NULL;
	if (strcmp(done, "saved") == 0)
		return "The listing is saved.";
	if (strcmp(done, "checked") == 0)
		return "Marked as checked today.";
	if (strcmp(done, "retired") == 0)
		return "The listing is retired.";
	return NULL;
}

/* The listing's page, and the same again with the problems in refused
 * beside the retire form, or a 409's message at the top. */
static int listing_page(struct http_request *req, struct http_response *res, int status,
			const struct err *refused)
{
	struct arena *a = req->arena;
	const char *id = http_path_param(req, "id");
	struct listing l;
	struct listing_version_entry *versions;
	size_t version_count;
	struct err e;
	int rc = listing_get(req->app->db, req->who, LISTING_STAFF,
			     req->app->config->directory_review_months, id, a, &l, &e);
	if (rc == RESULT_OK)
		rc = listing_history(req->app->db, req->who, id, a, &versions, &version_count, &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	struct sb page;
	sb_init(&page, a, PAGE_MAX_BYTES);
	page_begin(req, &page, refused ? arena_printf(a, "Error: %s", l.name) : l.name);
	html_printf(&page, "<a class=\"govuk-back-link\" href=\"/staff/community\">Back to the "
			   "community directory</a>\n");
	if (refused)
		form_errors_summary(&page, refused, NULL, 0, "reason");
	const char *done = done_message(http_query(req, "done"));
	if (done && !refused)
		form_success_banner(&page, "listing-done", done);
	html_printf(&page, "<span class=\"govuk-caption-l\">Community directory</span>\n"
			   "<h1 class=\"govuk-heading-l\">%s</h1>\n",
		    l.name);
	if (l.status && strcmp(l.status, "defunct") == 0)
		html_printf(&page, "<div class=\"govuk-warning-text\"><span class=\"govuk-warning-text__icon\" "
				   "aria-hidden=\"true\">!</span><strong class=\"govuk-warning-text__text\">"
				   "<span class=\"govuk-visually-hidden\">Warning</span>Retired%s%s%s%s. "
				   "It is not in search or the lists.</strong></div>\n",
			    l.retired_at ? " on " : "",
			    l.retired_at ? date_uk_day(a, l.retired_at) : "",
			    l.retired_by_name ? " by " : "", l.retired_by_name ? l.retired_by_name : "");
	else if (l.needs_review)
		html_printf(&page, "<div class=\"govuk-inset-text\"><strong>Needs review.</strong> %s</div>\n",
			    blank(l.review_reason) ? "It has not been checked for a while."
						   : l.review_reason);
	html_printf(&page, "<p class=\"govuk-body\">%s.</p>\n",
		    checked_words(a, l.checked_on, l.checked_by_name));
	actions(req, &page, &l, refused);
	html_printf(&page, "<dl class=\"govuk-summary-list\">\n");
	row(&page, "Status", status_words(l.status));
	if (l.retired_reason)
		row(&page, "Why it was retired", l.retired_reason);
	row(&page, "Run by", l.organization.name);
	row(&page, "About them", l.organization.description);
	row(&page, "What happens", l.description);
	times(req, &page, &l);
	places(&page, &l);
	row(&page, "How to join", l.how_to_join);
	row(&page, "Who it is for", l.eligibility);
	row(&page, "Ages", ages(a, &l));
	row(&page, "Cost", cost(a, &l));
	row(&page, "Accessibility", l.accessibility);
	kinds(&page, &l);
	contacts(&page, &l);
	row(&page, "Website", l.url);
	row(&page, "Email", l.email);
	if (l.demo)
		row(&page, "Demo", "Invented for the demonstration");
	source(&page, &l);
	html_printf(&page, "</dl>\n");
	history(req, &page, id, versions, version_count);
	page_end(req, &page);
	return http_send_html(req, res, status, &page);
}

int web_staff_community_listing(struct http_request *req, struct http_response *res)
{
	return listing_page(req, res, 200, NULL);
}

static long number(const char *s)
{
	return s ? strtol(s, NULL, 10) : 0;
}

static struct err *changed_meanwhile(struct arena *a)
{
	struct err *why = arena_alloc(a, sizeof *why);
	err_clear(why);
	err_field(why, NULL, "Someone changed this listing since you opened it. Check what it "
		  "says now, then try again.");
	return why;
}

int web_staff_community_check(struct http_request *req, struct http_response *res)
{
	const char *id = http_path_param(req, "id");
	struct err e;
	int rc = listing_check(req->app->db, req->who, id, number(http_form(req, "version")),
			       req->arena, &e);
	if (rc == RESULT_CONFLICT)
		return listing_page(req, res, 409, changed_meanwhile(req->arena));
	if (rc < 0)
		return http_send_result(req, res, rc, &e, listing_page);
	return http_redirect(res, arena_printf(req->arena, "%s?done=checked",
					       listing_url(req->arena, id)));
}

int web_staff_community_retire(struct http_request *req, struct http_response *res)
{
	const char *id = http_path_param(req, "id");
	struct err e;
	int rc = listing_retire(req->app->db, req->who, id, number(http_form(req, "version")),
				http_form_text(req, "reason"), req->arena, &e);
	if (rc == RESULT_CONFLICT)
		return listing_page(req, res, 409, changed_meanwhile(req->arena));
	if (rc < 0)
		return http_send_result(req, res, rc, &e, listing_page);
	return http_redirect(res, arena_printf(req->arena, "%s?done=retired",
					       listing_url(req->arena, id)));
}

/* The stored document, indented so it reads down a phone's screen. */
static const char *indented(struct arena *a, const char *document)
{
	json_t *doc = json_loads(document, 0, NULL);
	if (!doc)
		return document;
	char *text = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(doc);
	if (!text)
		return document;
	const char *copy = arena_strdup(a, text);
	free(text);
	return copy;
}

/* What this version changed from the one before it, a row a value; the
 * first version is what the listing began with. */
static void version_changes(struct sb *page, struct arena *a, long n, const char *before,
			    const char *after)
{
	struct json_diff_row *rows;
	long count = json_diff(a, before, after, &rows);
	html_printf(page, "<h2 class=\"govuk-heading-m\">%s</h2>\n",
		    n == 1 ? "What it began with" : arena_printf(a, "What changed from version %ld", n - 1));
	if (count < 0) {
		html_printf(page, "<p class=\"govuk-body\">The versions cannot be compared: one of "
				  "them is not a readable document.</p>\n");
		return;
	}
	if (count == 0) {
		html_printf(page, "<p class=\"govuk-body\">Nothing in the record changed: it was "
				  "saved as it was.</p>\n");
		return;
	}
	html_printf(page, "<table class=\"govuk-table app-community-staff__changes\">\n"
			  "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
			  "<th scope=\"col\" class=\"govuk-table__header\">Field</th>");
	if (n > 1)
		html_printf(page, "<th scope=\"col\" class=\"govuk-table__header\">Before</th>");
	html_printf(page, "<th scope=\"col\" class=\"govuk-table__header\">%s</th></tr></thead>\n"
			  "<tbody class=\"govuk-table__body\">\n",
		    n > 1 ? "After" : "Value");
	for (long i = 0; i < count; i++) {
		html_printf(page, "<tr class=\"govuk-table__row\"><th scope=\"row\" "
				  "class=\"govuk-table__header\">%s</th>",
			    rows[i].path);
		if (n > 1)
			html_printf(page, "<td class=\"govuk-table__cell\">%s</td>",
				    rows[i].before ? rows[i].before : "(not there)");
		html_printf(page, "<td class=\"govuk-table__cell\">%s</td></tr>\n",
			    rows[i].after ? rows[i].after : "(taken out)");
	}
	html_printf(page, "</tbody></table>\n");
}

int web_staff_community_version(struct http_request *req, struct http_response *res)
{
	struct arena *a = req->arena;
	const char *id = http_path_param(req, "id");
	long n = number(http_path_param(req, "n"));
	const char *document, *before = NULL;
	struct listing l;
	struct err e;
	int rc = listing_get(req->app->db, req->who, LISTING_STAFF,
			     req->app->config->directory_review_months, id, a, &l, &e);
	if (rc == RESULT_OK)
		rc = listing_version(req->app->db, req->who, id, n, a, &document, &e);
	if (rc == RESULT_OK && n > 1)
		rc = listing_version(req->app->db, req->who, id, n - 1, a, &before, &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	const char *title = arena_printf(a, "Version %ld of %s", n, l.name);
	struct sb page;
	sb_init(&page, a, PAGE_MAX_BYTES);
	page_begin(req, &page, title);
	html_printf(&page, "<a class=\"govuk-back-link\" href=\"%s#history\">Back to the listing</a>\n"
			   "<span class=\"govuk-caption-l\">Community directory</span>\n"
			   "<h1 class=\"govuk-heading-l\">%s</h1>\n",
		    listing_url(a, id), title);
	version_changes(&page, a, n, before, document);
	html_printf(&page, "<details class=\"govuk-details\"><summary class=\"govuk-details__summary\">"
			   "<span class=\"govuk-details__summary-text\">The whole record as it was kept"
			   "</span></summary><div class=\"govuk-details__text\">"
			   "<p class=\"govuk-body\">The Open Referral UK service record, with everything "
			   "staff can see.</p>\n"
			   "<pre class=\"app-community-staff__document\">%s</pre></div></details>\n",
		    indented(a, document));
	page_end(req, &page);
	return http_send_html(req, res, 200, &page);
}

/* ---- Suggestions -------------------------------------------------------- */

/* The listing form, prefilled from s. */
static const char *form_url(struct arena *a, const struct suggestion *s)
{
	return s->service_id
		       ? arena_printf(a, "/staff/community/%s/edit?suggestion=%s", s->service_id, s->id)
		       : arena_printf(a, "/staff/community/new?suggestion=%s", s->id);
}

static void suggestion_card(struct http_request *req, struct sb *page, const struct suggestion *s)
{
	struct arena *a = req->arena;
	html_printf(page, "<div class=\"govuk-summary-card\"><div class=\"govuk-summary-card__title-wrapper\">"
			  "<h3 class=\"govuk-summary-card__title\">%s</h3></div>\n"
			  "<div class=\"govuk-summary-card__content\"><dl class=\"govuk-summary-list\">\n",
		    s->service_id ? arena_printf(a, "A correction to %s",
						 s->service_name ? s->service_name : "a listing")
				  : s->name ? s->name : "A new listing");
	if (s->service_id)
		row(page, "Called", s->name);
	row(page, "What they said", s->details);
	row(page, "Where", s->where_text);
	row(page, "When", s->when_text);
	row(page, "From", blank(s->from_email) ? s->from_name
			  : arena_printf(a, "%s%s%s", s->from_name ? s->from_name : "",
					 blank(s->from_name) ? "" : ", ", s->from_email));
	if (s->organiser_agrees)
		row(page, "Their details", "They run it and agree to their details being published");
	row(page, "Sent", date_uk_day(a, s->received_at));
	/* Accepting is saving the listing the form makes from it (web/
	 * community_listing_form.c), so a form opened and left accepts
	 * nothing. */
	html_printf(page, "</dl>\n<a href=\"%s\" role=\"button\" class=\"govuk-button\" "
			  "data-module=\"govuk-button\">Accept: %s</a>\n"
			  "<form method=\"post\" action=\"/staff/community/suggestions/%s/decline\" "
			  "novalidate>\n",
		    form_url(a, s), s->service_id ? "change the listing" : "add the listing", s->id);
	people_csrf(req, page);
	const char *note_id = arena_printf(a, "note-%s", s->id);
	html_printf(page, "<div class=\"govuk-form-group\"><label class=\"govuk-label\" for=\"%s\">"
			  "Why you decline it (optional)</label>\n<textarea class=\"govuk-textarea\" "
			  "id=\"%s\" name=\"note\" rows=\"2\"></textarea></div>\n"
			  "<button type=\"submit\" class=\"govuk-button govuk-button--secondary\" "
			  "data-module=\"govuk-button\">Decline</button></form></div></div>\n",
		    note_id, note_id);
}

static void handled_list(struct http_request *req, struct sb *page, const struct suggestion *list,
			 size_t count)
{
	struct arena *a = req->arena;
	html_printf(page, "<h2 class=\"govuk-heading-m\">Handled</h2>\n");
	if (!count) {
		html_printf(page, "<p class=\"govuk-body\">None yet.</p>\n");
		return;
	}
	html_printf(page, "<ul class=\"govuk-list app-community-staff__list\">\n");
	for (size_t i = 0; i < count; i++) {
		const struct suggestion *s = &list[i];
		bool accepted = s->state && strcmp(s->state, "accepted") == 0;
		html_printf(page, "<li class=\"app-community-staff__item\"><strong>%s</strong>: %s by %s%s%s",
			    s->service_id ? (s->service_name ? s->service_name : "a correction")
					  : (s->name ? s->name : "a new listing"),
			    accepted ? "accepted" : "declined",
			    s->handled_by_name ? s->handled_by_name : "someone",
			    s->handled_at ? " on " : "",
			    s->handled_at ? date_uk_day(a, s->handled_at) : "");
		if (!blank(s->handled_note))
			html_printf(page, "<br><span class=\"govuk-body-s\">%s</span>", s->handled_note);
		html_printf(page, "</li>\n");
	}
	html_printf(page, "</ul>\n");
}

static int suggestions_page(struct http_request *req, struct http_response *res, int status,
			    const struct err *refused)
{
	struct arena *a = req->arena;
	struct suggestion *waiting, *handled;
	size_t waiting_count, handled_count;
	struct err e;
	int rc = suggestion_list(req->app->db, req->who, true, a, &waiting, &waiting_count, &e);
	if (rc == RESULT_OK)
		rc = suggestion_list(req->app->db, req->who, false, a, &handled, &handled_count, &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	struct sb page;
	sb_init(&page, a, PAGE_MAX_BYTES);
	page_begin(req, &page, "Suggestions for the community directory");
	html_printf(&page, "<a class=\"govuk-back-link\" href=\"/staff/community\">Back to the "
			   "community directory</a>\n");
	if (refused)
		form_errors_summary(&page, refused, NULL, 0, "main-content");
	html_printf(&page, "<span class=\"govuk-caption-l\">Community directory</span>\n"
			   "<h1 class=\"govuk-heading-l\">Suggestions</h1>\n"
			   "<p class=\"govuk-body\">What the public sent. Nothing reaches the "
			   "directory by itself: accepting one opens the listing form filled in "
			   "from it, and it is accepted when you save that listing.</p>\n"
			   "<h2 class=\"govuk-heading-m\">Waiting (%zu)</h2>\n",
		    waiting_count);
	if (!waiting_count)
		html_printf(&page, "<p class=\"govuk-body\">No suggestions are waiting.</p>\n");
	for (size_t i = 0; i < waiting_count; i++)
		suggestion_card(req, &page, &waiting[i]);
	handled_list(req, &page, handled, handled_count);
	page_end(req, &page);
	return http_send_html(req, res, status, &page);
}

int web_staff_community_suggestions(struct http_request *req, struct http_response *res)
{
	return suggestions_page(req, res, 200, NULL);
}

int web_staff_community_decline(struct http_request *req, struct http_response *res)
{
	struct err e;
	int rc = suggestion_handle(req->app->db, req->who, http_path_param(req, "id"), false,
				   http_form_text(req, "note"), req->arena, &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, suggestions_page);
	return http_redirect(res, "/staff/community/suggestions");
}
