/* The public directory: finding the coordinator for a postcode, the list
 * and map of areas, and each area's page. */
#include "core/arena.h"
#include "core/config.h"
#include "core/date.h"
#include "core/sb.h"
#include "domain/areas/area.h"
#include "domain/areas/dropin.h"
#include "domain/areas/lookup.h"
#include "domain/council/council.h"
#include "domain/introductions/waiting.h"
#include "geo/map.h"
#include "http/app.h"
#include "http/assets.h"
#include "http/http.h"
#include "http/urlenc.h"
#include "web/area_map.h"
#include "web/html.h"
#include "web/pages.h"

#include <string.h>
#include <time.h>

/* How soon a first conversation is likely in the area, in a sentence. */
static int estimate_paragraph(struct http_request *req, struct sb *page, const char *area_id)
{
	struct waiting w;
	if (waiting_estimate(req->app->db, req->app->holidays, time(NULL), area_id, req->arena, &w,
			     &req->err) < 0)
		return -1;
	html_printf(page, "<p class=\"govuk-body\">%s</p>\n", w.sentence);
	return 0;
}

static void coordinator_contact(struct http_request *req, struct sb *page,
				const struct coordinator *co)
{
	html_printf(page, "<h3 class=\"govuk-heading-s\">%s</h3>\n", co->name);
	if (co->introduction)
		html_printf(page, "<p class=\"govuk-body govuk-!-font-style-italic\">"
				  "“%s”</p>\n", co->introduction);
	html_printf(page, "<ul class=\"govuk-list\">\n");
	if (co->mobile)
		html_printf(page, "<li>Phone or text: <a class=\"govuk-link\" "
				  "href=\"tel:%s\">%s</a></li>\n",
			    page_tel_target(req->arena, co->mobile), co->mobile);
	if (co->email)
		html_printf(page, "<li>Email: <a class=\"govuk-link\" "
				  "href=\"mailto:%s\">%s</a></li>\n",
			    co->email, co->email);
	if (co->facebook_url)
		html_printf(page, "<li><a class=\"govuk-link\" href=\"%s\">"
				  "Facebook page</a></li>\n",
			    co->facebook_url);
	html_printf(page, "</ul>\n");
}

static void card_row(struct sb *page, const char *key, const char *value)
{
	html_printf(page,
		    "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">%s</dt>"
		    "<dd class=\"govuk-summary-list__value\">%s</dd></div>\n",
		    key, value);
}

/* One drop-in as a summary card, with its next date as of today: the
 * cancelled dates before it are told with their reasons, and an ending
 * drop-in its last date.  how_far, when not NULL, says how far it is
 * from the person. */
static void dropin_card(struct http_request *req, struct sb *page, const struct dropin *d,
			struct date today, const char *how_far)
{
	struct arena *a = req->arena;
	struct dropin_upcoming up;
	dropin_upcoming_at(d, time(NULL), &up);
	bool none_left = date_to_days(up.next) == date_to_days(DROPIN_NEVER);
	html_printf(page,
		    "<div class=\"govuk-summary-card\"><div class=\"govuk-summary-card__title-wrapper\">"
		    "<h3 class=\"govuk-summary-card__title\">%s</h3></div>\n"
		    "<div class=\"govuk-summary-card__content\"><dl class=\"govuk-summary-list\">\n",
		    d->venue);
	card_row(page, "Where", d->address);
	if (how_far)
		card_row(page, "How far", how_far);
	card_row(page, "When", arena_printf(a, "%s, %s to %s", dropin_describe(a, &d->rule),
					    d->starts, d->ends));
	/* Every cancelled date before the next it happens, by date. */
	for (size_t i = 0; up.cancelled && i < d->cancellation_count; i++) {
		const struct dropin_cancellation *x = &d->cancellations[i];
		long day = date_to_days(x->on_date);
		if (day >= date_to_days(today) && day < date_to_days(up.next))
			card_row(page, "Cancelled",
				 arena_printf(a, "%s — %s", page_long_date(a, x->on_date),
					      x->reason));
	}
	card_row(page, up.cancelled ? "Next it happens" : "Next",
		 none_left ? "No more dates" : page_long_date(a, up.next));
	struct date final;
	if (dropin_final_date(&d->rule, &final))
		card_row(page, "Last date", page_long_date(a, final));
	if (d->notes)
		card_row(page, "Notes", d->notes);
	html_printf(page, "</dl></div></div>\n");
}

static void calendar_link(struct sb *page, const char *area_path)
{
	html_printf(page, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"%s/drop-ins.ics\">"
			  "Add the drop-ins to your calendar</a></p>\n", area_path);
}

/* Every drop-in of the area still going on, with the next date of each. */
static int dropins_section(struct http_request *req, struct sb *page,
			   const char *area_id, const char *area_path)
{
	struct dropin *list;
	size_t count;
	if (dropin_list(req->app->db, req->arena, area_id, &list, &count, &req->err) < 0)
		return -1;
	struct date today = date_uk_today(time(NULL));
	size_t shown = 0;
	for (size_t i = 0; i < count; i++) {
		/* An ended drop-in is gone after its last date. */
		if (!dropin_goes_on(&list[i], today))
			continue;
		if (shown++ == 0)
			html_printf(page, "<h2 class=\"govuk-heading-m\" id=\"drop-ins\">Drop-ins</h2>\n");
		dropin_card(req, page, &list[i], today, NULL);
	}
	if (shown)
		calendar_link(page, area_path);
	return 0;
}

/* The one drop-in to show the person looked up (lookup_nearest_dropin
 * chose it), and a way to the rest. */
static int nearest_dropin_section(struct http_request *req, struct sb *page,
				  const struct lookup_context *ctx,
				  const struct lookup_result *r)
{
	struct lookup_dropin near;
	struct date today = date_uk_today(time(NULL));
	if (lookup_nearest_dropin(ctx, req->arena, r, today, &near, &req->err) < 0)
		return -1;
	if (!near.area_id)
		return 0;
	const char *area_path = arena_printf(req->arena, "/areas/%s", near.area_id);
	html_printf(page, "<h2 class=\"govuk-heading-m\">%s</h2>\n",
		    near.metres >= 0 ? "Nearest drop-in" : "Next drop-in");
	dropin_card(req, page, &near.list[near.chosen], today,
		    near.metres >= 0 ? arena_printf(req->arena, "About %s from %s",
						    distance_text(req->arena, near.metres),
						    r->postcode)
				     : NULL);
	if (near.count > 1)
		html_printf(page, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"%s#drop-ins\">"
				  "All %zu drop-ins in the area</a></p>\n", area_path, near.count);
	calendar_link(page, area_path);
	return 0;
}

static void find_form(struct sb *page, const char *value, const char *error)
{
	if (error)
		html_printf(page,
			    "<div class=\"govuk-error-summary\" data-module="
			    "\"govuk-error-summary\">\n<div role=\"alert\">\n"
			    "<h2 class=\"govuk-error-summary__title\">There is a "
			    "problem</h2>\n<div class=\"govuk-error-summary__body\">"
			    "<ul class=\"govuk-list govuk-error-summary__list\">"
			    "<li><a href=\"#postcode\">%s</a></li></ul></div>\n"
			    "</div>\n</div>\n",
			    error);
	html_printf(page,
		    "<form method=\"get\" action=\"/find\" novalidate>\n"
		    "<div class=\"govuk-form-group%s\">\n"
		    "<label class=\"govuk-label govuk-label--s\" for=\"postcode\">"
		    "Postcode</label>\n"
		    "<div id=\"postcode-hint\" class=\"govuk-hint\">For example, "
		    "YO1 7HH</div>\n",
		    error ? " govuk-form-group--error" : "");
	if (error)
		html_printf(page, "<p id=\"postcode-error\" class=\"govuk-error-message\">"
				  "<span class=\"govuk-visually-hidden\">Error:</span> "
				  "%s</p>\n", error);
	html_printf(page,
		    "<input class=\"govuk-input govuk-input--width-10%s\" "
		    "id=\"postcode\" name=\"postcode\" type=\"text\" "
		    "autocomplete=\"postal-code\" spellcheck=\"false\" "
		    "aria-describedby=\"postcode-hint%s\" value=\"%s\">\n"
		    "</div>\n"
		    "<button type=\"submit\" class=\"govuk-button\" "
		    "data-module=\"govuk-button\">Find</button>\n</form>\n",
		    error ? " govuk-input--error" : "",
		    error ? " postcode-error" : "", value ? value : "");
}

void page_council_contacts(struct http_request *req, struct sb *page,
			   const struct council *c, unsigned offers)
{
	struct arena *a = req->arena;
	if ((offers & LOOKUP_OFFER_TEAM) && (*c->team_phone || *c->team_email)) {
		html_printf(page, "<h3 class=\"govuk-heading-s\">%s</h3>\n<ul class=\"govuk-list\">\n",
			    *c->team_name ? c->team_name : "The Local Area Coordination team");
		if (*c->team_phone)
			html_printf(page, "<li>Phone: <a class=\"govuk-link\" href=\"tel:%s\">%s</a></li>\n",
				    page_tel_target(a, c->team_phone), c->team_phone);
		if (*c->team_email)
			html_printf(page, "<li>Email: <a class=\"govuk-link\" href=\"mailto:%s\">%s</a>"
					  "</li>\n", c->team_email, c->team_email);
		html_printf(page, "</ul>\n");
	}
	if ((offers & LOOKUP_OFFER_COUNCIL) && (*c->phone || *c->email || *c->website)) {
		html_printf(page, "<h3 class=\"govuk-heading-s\">%s</h3>\n<ul class=\"govuk-list\">\n",
			    *c->name ? c->name : "The council");
		if (*c->phone)
			html_printf(page, "<li>Phone: <a class=\"govuk-link\" href=\"tel:%s\">%s</a></li>\n",
				    page_tel_target(a, c->phone), c->phone);
		if (*c->email)
			html_printf(page, "<li>Email: <a class=\"govuk-link\" href=\"mailto:%s\">%s</a>"
					  "</li>\n", c->email, c->email);
		if (*c->website)
			html_printf(page, "<li><a class=\"govuk-link\" href=\"%s\">The council's "
					  "website</a></li>\n", c->website);
		html_printf(page, "</ul>\n");
	}
	if (!(offers & LOOKUP_OFFER_ADULT_SOCIAL_CARE))
		return;
	if (*c->adult_social_care_phone)
		html_printf(page, "<p class=\"govuk-body\">For help with care and support, call "
				  "adult social care on <a class=\"govuk-link\" href=\"tel:%s\">%s</a>"
				  "%s</p>\n",
			    page_tel_target(a, c->adult_social_care_phone), c->adult_social_care_phone,
			    *c->adult_social_care_url ? "," : ".");
	if (*c->adult_social_care_url)
		html_printf(page, "<p class=\"govuk-body\">%s <a class=\"govuk-link\" href=\"%s\">"
				  "ask adult social care online</a>.</p>\n",
			    *c->adult_social_care_phone ? "or" : "For help with care and support,",
			    c->adult_social_care_url);
	if (!*c->adult_social_care_phone && !*c->adult_social_care_url)
		html_printf(page, "<p class=\"govuk-body\">For help with care and support, contact "
				  "%s's adult social care team.</p>\n",
			    *c->name ? c->name : "the council");
}

/* The Get in touch form, its first step holding the postcode looked up. */
static const char *form_link(struct arena *a, const char *postcode)
{
	struct sb link;
	sb_init(&link, a, 256);
	sb_puts(&link, "/get-in-touch");
	if (postcode && *postcode) {
		sb_puts(&link, "?postcode=");
		urlenc_component(&link, postcode);
	}
	return sb_str(&link);
}

static void send_message_line(struct http_request *req, struct sb *page, const char *who,
			      const char *postcode)
{
	html_printf(page, "<p class=\"govuk-body\">Phone or email %s, or <a class=\"govuk-link\" "
			  "href=\"%s\">send a message here</a>, for yourself or for "
			  "someone who knows you are getting in touch.</p>\n",
		    who, form_link(req->arena, postcode));
}

/* A place outside every covered area, answered as the council's rule
 * says (lookup_answer): the same words as the Get in touch reply. */
static int outside_cover(struct http_request *req, struct sb *page,
			 const struct lookup_context *ctx, const struct lookup_result *r,
			 const struct council *council, const struct lookup_answer *ans)
{
	const struct geo_map *map = req->map;
	html_printf(page, "<h2 class=\"govuk-heading-m\">%s is not in a covered "
			  "area yet</h2>\n", r->postcode[0] ? r->postcode : "That place");
	if (r->nearest_covered < 0) {
		html_printf(page, "<p class=\"govuk-body\">No area has a coordinator "
				  "yet.</p>\n");
		page_council_contacts(req, page, council, ans->offers);
		return 0;
	}
	const struct geo_area *near = geo_map_area(map, (size_t)r->nearest_covered);
	const char *distance = distance_text(req->arena, r->nearest_metres);
	if (r->near) {
		html_printf(page,
			    "<div class=\"govuk-inset-text\">It is only %s from "
			    "<a class=\"govuk-link\" href=\"/areas/%s\">%s</a>. "
			    "Coordinators can sometimes meet people who live just "
			    "outside their area, so it is worth getting in touch "
			    "and asking.</div>\n",
			    distance, near->id, near->name);
		if (ans->coordinator) {
			coordinator_contact(req, page, ans->coordinator);
			send_message_line(req, page, "them", r->postcode);
		}
		return nearest_dropin_section(req, page, ctx, r);
	}
	html_printf(page,
		    "<p class=\"govuk-body\">The nearest covered area is "
		    "<a class=\"govuk-link\" href=\"/areas/%s\">%s</a>, "
		    "%s away.</p>\n",
		    near->id, near->name, distance);
	switch (ans->who) {
	case LOOKUP_NEAREST_COORDINATOR:
		html_printf(page, "<p class=\"govuk-body\">You can still get in touch: %s, the "
				  "coordinator for %s, will talk with you about what is possible, "
				  "and what else is nearby.</p>\n",
			    ans->coordinator ? ans->coordinator->name : "the coordinator",
			    near->name);
		if (ans->coordinator) {
			coordinator_contact(req, page, ans->coordinator);
			send_message_line(req, page, "them", r->postcode);
		}
		break;
	case LOOKUP_CENTRAL_TEAM:
		html_printf(page, "<p class=\"govuk-body\">You can still get in touch: %s "
				  "answers people who live outside the covered areas, and will talk "
				  "with you about what is possible, and what else is nearby.</p>\n",
			    *council->team_name ? council->team_name
						: "the Local Area Coordination team");
		page_council_contacts(req, page, council, LOOKUP_OFFER_TEAM);
		send_message_line(req, page, "them", r->postcode);
		break;
	default:
		html_printf(page, "<p class=\"govuk-body\">Coordinators cannot take "
				  "introductions from outside their areas at the moment, so please "
				  "contact the council instead.</p>\n");
		page_council_contacts(req, page, council, LOOKUP_OFFER_COUNCIL);
		break;
	}
	page_council_contacts(req, page, council, ans->offers & LOOKUP_OFFER_ADULT_SOCIAL_CARE);
	html_printf(page, "<p class=\"govuk-body\">You can also look for groups and services "
			  "near you in the <a class=\"govuk-link\" href=\"/community\">community "
			  "directory</a>.</p>\n");
	return 0;
}

static int answer(struct http_request *req, struct sb *page,
		  const struct lookup_context *ctx, const struct lookup_result *r)
{
	const struct geo_map *map = req->map;
	struct council council;
	struct lookup_answer ans;
	if (council_read(req->app->db, req->arena, &council, &req->err) < 0 ||
	    lookup_answer(ctx, req->arena, r, council.outside_cover, &ans, &req->err) < 0)
		return -1;
	if (!r->covered)
		return outside_cover(req, page, ctx, r, &council, &ans);
	const struct geo_area *area = geo_map_area(map, (size_t)r->area);
	html_printf(page,
		    "<div class=\"govuk-panel govuk-panel--confirmation\">\n"
		    "<h2 class=\"govuk-panel__title\">%s is in a covered "
		    "area</h2>\n<div class=\"govuk-panel__body\">%s</div>\n"
		    "</div>\n",
		    r->postcode, area->name);
	if (ans.coordinator) {
		html_printf(page, "<h2 class=\"govuk-heading-m\">Your Local Area "
				  "Coordinator</h2>\n");
		coordinator_contact(req, page, ans.coordinator);
		html_printf(page,
			    "<p class=\"govuk-body\">Phone, text or email "
			    "them, or <a class=\"govuk-link\" href=\"%s\">"
			    "send a message here</a>, for yourself or for "
			    "someone who knows you are getting in touch. They "
			    "aim to reply within two to three working days.</p>\n",
			    form_link(req->arena, r->postcode));
		if (estimate_paragraph(req, page, area->id) < 0)
			return -1;
	} else {
		html_printf(page, "<p class=\"govuk-body\">The coordinator's "
				  "post is being filled.</p>\n");
	}
	const char *path = arena_printf(req->arena, "/areas/%s", area->id);
	if (nearest_dropin_section(req, page, ctx, r) < 0)
		return -1;
	html_printf(page, "<p class=\"govuk-body\"><a class=\"govuk-link\" "
			  "href=\"%s\">More about %s</a></p>\n",
		    path, area->name);
	return 0;
}

/* The finder's heading and its form, with the problem beside it when
 * error is not NULL. */
static void find_begin(struct http_request *req, struct sb *page, const char *error)
{
	sb_init(page, req->arena, PAGE_MAX_BYTES);
	page_begin(req, page, error ? "Error: Find your Local Area Coordinator"
				    : "Find your Local Area Coordinator");
	html_printf(page,
		    "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n"
		    "<h1 class=\"govuk-heading-l\">Find your Local Area "
		    "Coordinator</h1>\n"
		    "<p class=\"govuk-body\">Enter the postcode of the person who "
		    "would like a conversation.</p>\n");
	find_form(page, http_query(req, "postcode"), error);
}

static int find_end(struct http_request *req, struct http_response *res,
		    struct sb *page, int status)
{
	html_printf(page, "</div></div>\n");
	page_end(req, page);
	return http_send_html(req, res, status, page);
}

/* The form again, with what was typed and what is wrong with it. */
static int find_again(struct http_request *req, struct http_response *res,
		      int status, const struct err *e)
{
	const char *problem = err_field_message(e, "postcode");
	struct sb page;
	find_begin(req, &page, problem ? problem : e->msg);
	return find_end(req, res, &page, status);
}

int web_find(struct http_request *req, struct http_response *res)
{
	const char *postcode = http_query(req, "postcode");
	const struct app *app = req->app;
	struct lookup_context ctx = {app->db, req->map, app->config->near_metres,
				     req->postcodes};
	struct lookup_result r;
	struct err e;
	int rc = RESULT_OK;
	if (postcode && req->map) {
		rc = lookup_postcode(&ctx, req->arena, postcode, &r, &e);
		/* A postcode we do not hold is an answer, drawn below. */
		if (rc != RESULT_OK && rc != RESULT_NOT_FOUND)
			return http_send_result(req, res, rc, &e, find_again);
	}
	struct sb page;
	find_begin(req, &page, NULL);
	int status = 200;
	if (postcode && !req->map) {
		status = 503;
		html_printf(&page, "<p class=\"govuk-body\">The area boundaries "
				   "are not loaded yet. Please try again later.</p>\n");
	} else if (postcode && rc == RESULT_NOT_FOUND) {
		status = 404;
		html_printf(&page,
			    "<h2 class=\"govuk-heading-m\">We do not know that "
			    "postcode</h2>\n<p class=\"govuk-body\">Check it, or "
			    "look for your area on the <a class=\"govuk-link\" "
			    "href=\"/areas\">list of areas</a>.</p>\n");
	} else if (postcode) {
		if (answer(req, &page, &ctx, &r) < 0)
			return -1;
		const char *note = lookup_ward_note(req->arena, req->map, &r);
		if (note)
			html_printf(&page, "<p class=\"govuk-body-s\">%s If you are "
					   "not sure which side an address is, get "
					   "in touch anyway: coordinators will "
					   "work it out with you.</p>\n",
				    note);
	}
	return find_end(req, res, &page, status);
}

static void coverage_tag(struct sb *page, bool covered)
{
	if (covered)
		html_printf(page, "<strong class=\"govuk-tag govuk-tag--green\">"
				  "Covered</strong>");
	else
		html_printf(page, "<strong class=\"govuk-tag govuk-tag--grey\">"
				  "Not covered yet</strong>");
}

int web_areas(struct http_request *req, struct http_response *res)
{
	const struct app *app = req->app;
	struct area *areas = NULL;
	size_t count = 0;
	if (area_list(app->db, req->arena, &areas, &count, &req->err) < 0)
		return -1;
	struct sb page;
	sb_init(&page, req->arena, PAGE_MAX_BYTES);
	page_begin(req, &page, "Areas with a Local Area Coordinator");
	html_printf(&page,
		    "<h1 class=\"govuk-heading-l\">Areas with a Local Area "
		    "Coordinator</h1>\n"
		    "<p class=\"govuk-body\">Each area has one coordinator. Areas "
		    "marked not covered yet have no coordinator so far.</p>\n");
	area_map(req, &page, "/api/v1/areas");
	html_printf(&page,
		    "<table class=\"govuk-table\">\n<caption class=\"govuk-table__caption "
		    "govuk-table__caption--m\">All areas</caption>\n"
		    "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
		    "<th scope=\"col\" class=\"govuk-table__header\">Area</th>"
		    "<th scope=\"col\" class=\"govuk-table__header\">Coverage</th>"
		    "<th scope=\"col\" class=\"govuk-table__header\">Coordinator</th>"
		    "</tr></thead>\n<tbody class=\"govuk-table__body\">\n");
	for (size_t i = 0; i < count; i++) {
		html_printf(&page,
			    "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">"
			    "<a class=\"govuk-link\" href=\"/areas/%s\">%s</a></td>"
			    "<td class=\"govuk-table__cell\">",
			    areas[i].id, areas[i].name);
		coverage_tag(&page, areas[i].covered);
		html_printf(&page, "</td><td class=\"govuk-table__cell\">%s</td></tr>\n",
			    areas[i].coordinator ? areas[i].coordinator->name : "–");
	}
	html_printf(&page, "</tbody>\n</table>\n");
	if (area_map_dropin_list(req, &page, areas, count) < 0)
		return -1;
	page_end(req, &page);
	http_add_header(res, "Cache-Control", "no-cache");
	return http_send_html(req, res, 200, &page);
}

int web_area(struct http_request *req, struct http_response *res)
{
	const struct app *app = req->app;
	struct area found;
	struct err e;
	int rc = area_get_public(app->db, req->arena, http_path_param(req, "id"), &found, &e);
	if (rc != RESULT_OK)
		return http_send_result(req, res, rc, &e, NULL);
	const struct area *area = &found;
	struct sb page;
	sb_init(&page, req->arena, PAGE_MAX_BYTES);
	page_begin(req, &page, area->name);
	html_printf(&page, "<span class=\"govuk-caption-l\">Local Area Coordination"
			   "</span>\n<h1 class=\"govuk-heading-l\">%s</h1>\n<p class=\"govuk-body\">",
		    area->name);
	coverage_tag(&page, area->covered);
	html_printf(&page, "</p>\n");
	area_map(req, &page, arena_printf(req->arena, "/api/v1/areas/%s", area->id));
	if (area->covered && area->coordinator) {
		html_printf(&page, "<h2 class=\"govuk-heading-m\">Coordinator</h2>\n");
		coordinator_contact(req, &page, area->coordinator);
		if (estimate_paragraph(req, &page, area->id) < 0)
			return -1;
	}
	if (dropins_section(req, &page, area->id,
			    arena_printf(req->arena, "/areas/%s", area->id)) < 0)
		return -1;
	html_printf(&page, "<h2 class=\"govuk-heading-m\">Wards</h2>\n"
			   "<ul class=\"govuk-list govuk-list--bullet\">\n");
	for (size_t i = 0; i < area->ward_count; i++) {
		long w = req->map ? geo_map_find_ward(req->map, area->wards[i]) : -1;
		html_printf(&page, "<li>%s</li>\n",
			    w >= 0 ? geo_map_ward(req->map, (size_t)w)->name : area->wards[i]);
	}
	html_printf(&page, "</ul>\n");
	long index = req->map ? geo_map_find_area(req->map, area->id) : -1;
	const struct geo_area *shape = index >= 0 ? geo_map_area(req->map, (size_t)index) : NULL;
	if (shape && shape->neighbour_count) {
		html_printf(&page, "<h2 class=\"govuk-heading-m\">Neighbouring areas</h2>\n"
				   "<ul class=\"govuk-list\">\n");
		for (size_t i = 0; i < shape->neighbour_count; i++) {
			const struct geo_area *n = geo_map_area(req->map, shape->neighbours[i]);
			html_printf(&page, "<li><a class=\"govuk-link\" href=\"/areas/%s\">%s</a> ",
				    n->id, n->name);
			coverage_tag(&page, n->covered);
			html_printf(&page, "</li>\n");
		}
		html_printf(&page, "</ul>\n");
	}
	page_end(req, &page);
	http_add_header(res, "Cache-Control", "no-cache");
	return http_send_html(req, res, 200, &page);
}
