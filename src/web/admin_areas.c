/* Administrators' pages for the areas: the list, adding one, changing
 * one's name, coverage and wards (with a map of the wards chosen), and
 * retiring one; and, for team leaders too, the people and introductions
 * whose postcode a change of wards has put in another area. */
#include "core/arena.h"
#include "core/date.h"
#include "core/config.h"
#include "core/id.h"
#include "core/log.h"
#include "core/sb.h"
#include "domain/areas/area.h"
#include "domain/areas/area_moves.h"
#include "domain/areas/lookup.h"
#include "domain/areas/ward.h"
#include "domain/staff/access.h"
#include "domain/staff/session.h"
#include "domain/staff/user.h"
#include "geo/live.h"
#include "geo/map.h"
#include "http/app.h"
#include "http/auth.h"
#include "http/http.h"
#include "web/form.h"
#include "web/html.h"
#include "web/pages.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

static void coverage_tag(struct sb *page, bool covered)
{
	if (covered)
		html_printf(page, "<strong class=\"govuk-tag govuk-tag--green\">Covered</strong>");
	else
		html_printf(page, "<strong class=\"govuk-tag govuk-tag--grey\">Not covered yet</strong>");
}

/* An areas table: name (linking to its page) and how many wards,
 * coordinator, and coverage or, when retired, the date it was retired.
 * Three columns, so it fits a phone. */
static void areas_table(struct sb *page, const char *caption, const struct area *areas,
			size_t count, bool retired)
{
	html_printf(page, "<table class=\"govuk-table govuk-table--small-text-until-tablet\">"
			  "<caption class=\"govuk-table__caption govuk-table__caption--m\">%s"
			  "</caption>\n<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
			  "<th scope=\"col\" class=\"govuk-table__header\">Area</th>"
			  "<th scope=\"col\" class=\"govuk-table__header\">Coordinator</th>"
			  "<th scope=\"col\" class=\"govuk-table__header\">%s</th></tr></thead>\n"
			  "<tbody class=\"govuk-table__body\">\n",
		    caption, retired ? "Retired" : "Coverage");
	for (size_t i = 0; i < count; i++) {
		const struct area *x = &areas[i];
		html_printf(page, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">"
				  "<a class=\"govuk-link\" href=\"/admin/areas/%s\">%s</a>",
			    x->id, x->name);
		if (!retired)
			html_printf(page, "<br><span class=\"govuk-hint govuk-!-font-size-16\">"
					  "%zu ward%s</span>",
				    x->ward_count, x->ward_count == 1 ? "" : "s");
		html_printf(page, "</td><td class=\"govuk-table__cell\">%s</td>"
				  "<td class=\"govuk-table__cell\">",
			    x->coordinator ? x->coordinator->name : "None");
		if (retired)
			html_printf(page, "%s", date_uk_day(page->arena, x->retired_at));
		else
			coverage_tag(page, x->covered);
		html_printf(page, "</td></tr>\n");
	}
	html_printf(page, "</tbody></table>\n");
}

int web_admin_areas(struct http_request *req, struct http_response *res)
{
	struct area *areas, *retired;
	size_t count, retired_count;
	if (area_list(req->app->db, req->arena, &areas, &count, &req->err) < 0 ||
	    area_list_retired(req->app->db, req->arena, &retired, &retired_count, &req->err) < 0)
		return -1;
	struct sb page;
	sb_init(&page, req->arena, PAGE_MAX_BYTES);
	page_begin(req, &page, "Areas");
	html_printf(&page, "<h1 class=\"govuk-heading-l\">Areas</h1>\n"
			   "<p class=\"govuk-body\">The areas of the public directory: each is one "
			   "or more wards, covered when a coordinator is in post.</p>\n"
			   "<div class=\"govuk-button-group\"><a class=\"govuk-button\" "
			   "data-module=\"govuk-button\" href=\"/admin/areas/new\">Add an area</a>"
			   "<a class=\"govuk-link\" href=\"/team/area-changes\">People and "
			   "introductions now in another area</a></div>\n");
	areas_table(&page, count == 1 ? "1 area" : arena_printf(req->arena, "%zu areas", count),
		    areas, count, false);
	if (retired_count)
		areas_table(&page, "Retired areas", retired, retired_count, true);
	page_end(req, &page);
	return http_send_html(req, res, 200, &page);
}

/* One group of ward checkboxes named "wards", ticked when in chosen; the
 * first box of the page gets the id "wards" (*first tells), so a problem
 * can link to it. */
static void ward_group(struct http_request *req, struct sb *page, const char *legend,
		       long area, const char **chosen, size_t chosen_count, bool *first)
{
	const struct geo_map *map = req->map;
	size_t n = 0;
	for (size_t i = 0; i < geo_map_ward_count(map); i++)
		n += geo_map_ward(map, i)->area == area;
	if (n == 0)
		return;
	html_printf(page, "<fieldset class=\"govuk-fieldset govuk-!-margin-bottom-4\">"
			  "<legend class=\"govuk-fieldset__legend govuk-fieldset__legend--s\">%s"
			  "</legend>\n<div class=\"govuk-checkboxes govuk-checkboxes--small\" "
			  "data-module=\"govuk-checkboxes\">\n",
		    legend);
	for (size_t i = 0; i < geo_map_ward_count(map); i++) {
		const struct geo_ward *w = geo_map_ward(map, i);
		if (w->area != area)
			continue;
		bool ticked = false;
		for (size_t j = 0; j < chosen_count; j++)
			ticked |= strcmp(chosen[j], w->code) == 0;
		const char *box = *first ? "wards" : arena_printf(req->arena, "wards-%s", w->code);
		*first = false;
		html_printf(page, "<div class=\"govuk-checkboxes__item\"><input "
				  "class=\"govuk-checkboxes__input\" id=\"%s\" name=\"wards\" "
				  "type=\"checkbox\" value=\"%s\"%s><label class=\"govuk-label "
				  "govuk-checkboxes__label\" for=\"%s\">%s <span class=\"govuk-hint "
				  "govuk-!-display-inline\">%s</span></label></div>\n",
			    box, w->code, ticked ? " checked" : "", box, w->name, w->code);
	}
	html_printf(page, "</div></fieldset>\n");
}

/* The form's fields: name, covered, and the wards grouped by where they
 * are now (this area's, those in no area, then each other area's), with
 * the map of the wards ticked.  self is the area's index in the map, -1
 * for a new one. */
static void area_fields(struct http_request *req, struct sb *page, const char *name,
			bool covered, const char **chosen, size_t chosen_count, long self,
			const struct err *e)
{
	static const struct form_field name_field = {"name", "Name", "As the public pages show it",
						     "text", "off", ""};
	form_text_field(page, &name_field, name, form_errors_for(e, "name"));
	html_printf(page, "<div class=\"govuk-form-group\"><div class=\"govuk-checkboxes\" "
			  "data-module=\"govuk-checkboxes\"><div class=\"govuk-checkboxes__item\">"
			  "<input class=\"govuk-checkboxes__input\" id=\"covered\" name=\"covered\" "
			  "type=\"checkbox\" value=\"1\" aria-describedby=\"covered-hint\"%s>"
			  "<label class=\"govuk-label govuk-checkboxes__label\" for=\"covered\">"
			  "Covered</label><div id=\"covered-hint\" class=\"govuk-hint "
			  "govuk-checkboxes__hint\">A coordinator is in post. Leave it unticked for "
			  "an area not covered yet.</div></div></div></div>\n",
		    covered ? " checked" : "");
	const char *error = form_errors_for(e, "wards");
	html_printf(page, "<div class=\"govuk-form-group%s\"><fieldset class=\"govuk-fieldset\" "
			  "aria-describedby=\"wards-hint%s\"><legend class=\"govuk-fieldset__legend "
			  "govuk-fieldset__legend--m\">Wards</legend>\n<div id=\"wards-hint\" "
			  "class=\"govuk-hint\">A ward belongs to one area at most: to move one "
			  "here, take it out of its area first. Changing the wards moves nobody: "
			  "the people and introductions now in another area are listed for the "
			  "team leader to move.</div>\n",
		    error ? " govuk-form-group--error" : "", error ? " wards-error" : "");
	if (error)
		html_printf(page, "<p id=\"wards-error\" class=\"govuk-error-message\"><span "
				  "class=\"govuk-visually-hidden\">Error:</span> %s</p>\n",
			    error);
	if (!req->map) {
		html_printf(page, "<p class=\"govuk-body\">The wards have not been loaded yet.</p>"
				  "</fieldset></div>\n");
		return;
	}
	html_printf(page, "<div id=\"areas-map\" class=\"app-map govuk-!-margin-bottom-4\" "
			  "data-wards=\"/admin/wards.geojson\" data-tiles=\"%s\" "
			  "data-attribution=\"%s\" hidden></div>\n",
		    req->app->config->map_tiles, req->app->config->map_attribution);
	page_map_assets(req, page);
	bool first = true;
	if (self >= 0)
		ward_group(req, page, "In this area", self, chosen, chosen_count, &first);
	ward_group(req, page, "In no area", -1, chosen, chosen_count, &first);
	for (size_t i = 0; i < geo_map_area_count(req->map); i++)
		if ((long)i != self)
			ward_group(req, page,
				   arena_printf(req->arena, "In %s",
						geo_map_area(req->map, i)->name),
				   (long)i, chosen, chosen_count, &first);
	html_printf(page, "</fieldset></div>\n");
}

/* The new area's form, with what was sent and every problem in e (NULL
 * the first time). */
static int new_area_form(struct http_request *req, struct http_response *res, int status,
			 const struct err *e)
{
	struct sb page;
	sb_init(&page, req->arena, PAGE_MAX_BYTES);
	page_begin(req, &page, e ? "Error: Add an area" : "Add an area");
	html_printf(&page, "<a href=\"/admin/areas\" class=\"govuk-back-link\">Areas</a>\n"
			   "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n");
	if (e)
		form_errors_summary(&page, e, NULL, 0, "name");
	html_printf(&page, "<h1 class=\"govuk-heading-l\">Add an area</h1>\n"
			   "<form method=\"post\" action=\"/admin/areas\" novalidate>\n"
			   "<input type=\"hidden\" name=\"csrf_token\" value=\"%s\">\n",
		    req->who->session->csrf_token);
	size_t chosen_count;
	const char **chosen = http_form_all(req, "wards", &chosen_count);
	area_fields(req, &page, http_form(req, "name"), http_form(req, "covered") != NULL, chosen,
		    chosen_count, -1, e);
	html_printf(&page, "<button type=\"submit\" class=\"govuk-button\" "
			   "data-module=\"govuk-button\">Add the area</button>\n</form>\n"
			   "</div></div>\n");
	page_end(req, &page);
	return http_send_html(req, res, status, &page);
}

int web_admin_new_area(struct http_request *req, struct http_response *res)
{
	return new_area_form(req, res, 200, NULL);
}

/* After a change: the map rebuilt now, so the page drawn next shows it. */
static void sync_map(struct http_request *req)
{
	struct err e;
	if (geo_live_sync(req->app->geo, req->app->db, &e) < 0)
		log_error("request %s: area changed, map not rebuilt: %s", req->request_id, e.msg);
}

int web_admin_add_area(struct http_request *req, struct http_response *res)
{
	const char *name = http_form(req, "name");
	struct area_input in = {.name = name ? name : "",
				.covered = http_form(req, "covered") != NULL};
	in.wards = http_form_all(req, "wards", &in.ward_count);
	char id[ID_HEX_LEN + 1];
	struct err e;
	int rc = area_create_fields(req->app->db, req->who, &in, id, &e);
	if (rc != RESULT_OK)
		return http_send_result(req, res, rc, &e, new_area_form);
	sync_map(req);
	return http_redirect(res, arena_printf(req->arena, "/admin/areas/%s?saved=1", id));
}

/* How many people and open introductions may move, told after a save;
 * -1 when that could not be worked out (the page says nothing). */
static long moves_count(struct http_request *req)
{
	struct lookup_context ctx = {req->app->db, req->map, req->app->config->near_metres,
				     req->postcodes};
	struct area_move *moves;
	size_t count;
	struct err e;
	if (area_moves_list(&ctx, req->arena, req->who, &moves, &count, &e) != RESULT_OK)
		return -1;
	return (long)count;
}

/* An area's page: what it is, links to its coordinator's entry and
 * drop-ins, the form to change it (with the values sent and every
 * problem in e, NULL the first time), and retiring it. */
static int area_page(struct http_request *req, struct http_response *res, int status,
		     const struct err *e)
{
	struct area area;
	struct err read;
	int rc = area_get(req->app->db, req->arena, http_path_param(req, "id"), &area, &read);
	if (rc != RESULT_OK)
		return http_send_result(req, res, rc, &read, NULL);
	struct sb page;
	sb_init(&page, req->arena, PAGE_MAX_BYTES);
	page_begin(req, &page, e ? arena_printf(req->arena, "Error: %s", area.name) : area.name);
	html_printf(&page, "<a href=\"/admin/areas\" class=\"govuk-back-link\">Areas</a>\n"
			   "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n");
	if (e)
		form_errors_summary(&page, e, NULL, 0, "name");
	if (!e && http_query(req, "saved")) {
		long moves = moves_count(req);
		form_success_banner(&page, "saved", "The area is saved.");
		if (moves > 0)
			html_printf(&page, "<div class=\"govuk-inset-text\">%ld %s or introduction%s "
					   "now in another area. Nobody has been moved: <a "
					   "class=\"govuk-link\" href=\"/team/area-changes\">see who, "
					   "and move them</a>.</div>\n",
				    moves, moves == 1 ? "person" : "people",
				    moves == 1 ? " is" : "s are");
	}
	html_printf(&page, "<span class=\"govuk-caption-l\">Area</span>\n"
			   "<h1 class=\"govuk-heading-l\">%s</h1>\n<ul class=\"govuk-list\">\n"
			   "<li><a class=\"govuk-link\" href=\"/admin/areas/%s/coordinator\">"
			   "Coordinator's public entry</a>: %s</li>\n"
			   "<li><a class=\"govuk-link\" href=\"/admin/areas/%s/drop-ins\">"
			   "Drop-ins</a></li>\n",
		    area.name, area.id, area.coordinator ? area.coordinator->name : "none yet",
		    area.id);
	if (!area.retired_at)
		html_printf(&page, "<li><a class=\"govuk-link\" href=\"/areas/%s\">The public "
				   "page</a></li>\n",
			    area.id);
	html_printf(&page, "</ul>\n");
	if (area.retired_at) {
		html_printf(&page, "<p class=\"govuk-body\"><strong class=\"govuk-tag "
				   "govuk-tag--grey\">Retired</strong> on %s. It is no longer "
				   "on the public pages, and its wards were let go for other areas. "
				   "The people and introductions in it keep it.</p>\n"
				   "</div></div>\n",
			    date_uk_day(req->arena, area.retired_at));
		page_end(req, &page);
		return http_send_html(req, res, status, &page);
	}
	html_printf(&page, "<h2 class=\"govuk-heading-m\">Change the area</h2>\n"
			   "<form method=\"post\" action=\"/admin/areas/%s\" novalidate>\n"
			   "<input type=\"hidden\" name=\"csrf_token\" value=\"%s\">\n",
		    area.id, req->who->session->csrf_token);
	const char **chosen = area.wards;
	size_t chosen_count = area.ward_count;
	if (e)
		chosen = http_form_all(req, "wards", &chosen_count);
	long self = req->map ? geo_map_find_area(req->map, area.id) : -1;
	area_fields(req, &page, e ? http_form(req, "name") : area.name,
		    e ? http_form(req, "covered") != NULL : area.covered, chosen, chosen_count,
		    self, e);
	html_printf(&page, "<button type=\"submit\" class=\"govuk-button\" "
			   "data-module=\"govuk-button\">Save the area</button>\n</form>\n"
			   "<h2 class=\"govuk-heading-m\">Retire the area</h2>\n"
			   "<p class=\"govuk-body\">When an area is no longer part of the programme. "
			   "It leaves the public pages and lets its wards go; the people and "
			   "introductions in it keep it.</p>\n"
			   "<a class=\"govuk-button govuk-button--warning\" data-module=\"govuk-button\" "
			   "href=\"/admin/areas/%s/retire\">Retire %s</a>\n</div></div>\n",
		    area.id, area.name);
	page_end(req, &page);
	return http_send_html(req, res, status, &page);
}

int web_admin_area(struct http_request *req, struct http_response *res)
{
	return area_page(req, res, 200, NULL);
}

int web_admin_update_area(struct http_request *req, struct http_response *res)
{
	const char *id = http_path_param(req, "id");
	const char *name = http_form(req, "name");
	struct area_update_input in = {.name = name ? name : "",
				       .set_wards = true,
				       .covered = http_form(req, "covered") != NULL};
	in.wards = http_form_all(req, "wards", &in.ward_count);
	struct err e;
	int rc = area_update(req->app->db, req->who, id, &in, &e);
	if (rc != RESULT_OK)
		return http_send_result(req, res, rc, &e, area_page);
	sync_map(req);
	return http_redirect(res, arena_printf(req->arena, "/admin/areas/%s?saved=1", id));
}

int web_admin_retire_area_form(struct http_request *req, struct http_response *res)
{
	struct area area;
	struct err e;
	int rc = area_get(req->app->db, req->arena, http_path_param(req, "id"), &area, &e);
	if (rc != RESULT_OK)
		return http_send_result(req, res, rc, &e, NULL);
	if (area.retired_at)
		return http_redirect(res, arena_printf(req->arena, "/admin/areas/%s", area.id));
	struct sb page;
	sb_init(&page, req->arena, PAGE_MAX_BYTES);
	page_begin(req, &page, arena_printf(req->arena, "Retire %s?", area.name));
	html_printf(&page, "<a href=\"/admin/areas/%s\" class=\"govuk-back-link\">%s</a>\n"
			   "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n"
			   "<h1 class=\"govuk-heading-l\">Retire %s?</h1>\n"
			   "<ul class=\"govuk-list govuk-list--bullet\">\n"
			   "<li>It leaves the public pages, the map and the finder.</li>\n"
			   "<li>Its %zu ward%s are let go, free for another area.</li>\n"
			   "<li>The people and introductions in it keep it: nobody is moved.</li>\n"
			   "<li>It cannot be changed afterwards.</li>\n</ul>\n"
			   "<form method=\"post\" action=\"/admin/areas/%s/retire\">\n"
			   "<input type=\"hidden\" name=\"csrf_token\" value=\"%s\">\n"
			   "<div class=\"govuk-button-group\"><button type=\"submit\" "
			   "class=\"govuk-button govuk-button--warning\" data-module=\"govuk-button\">"
			   "Retire the area</button><a class=\"govuk-link\" href=\"/admin/areas/%s\">"
			   "Keep it</a></div>\n</form>\n</div></div>\n",
		    area.id, area.name, area.name, area.ward_count, area.ward_count == 1 ? "" : "s",
		    area.id, req->who->session->csrf_token, area.id);
	page_end(req, &page);
	return http_send_html(req, res, 200, &page);
}

int web_admin_retire_area(struct http_request *req, struct http_response *res)
{
	const char *id = http_path_param(req, "id");
	struct err e;
	int rc = area_retire(req->app->db, req->who, id, &e);
	if (rc == RESULT_INVALID)
		return http_send_error(req, res, 422, "invalid", e.field_count ? e.fields[0].message
									      : e.msg);
	if (rc != RESULT_OK)
		return http_send_result(req, res, rc, &e, NULL);
	sync_map(req);
	return http_redirect(res, arena_printf(req->arena, "/admin/areas/%s", id));
}

int web_admin_wards_geojson(struct http_request *req, struct http_response *res)
{
	struct ward_outline *wards;
	size_t count;
	if (ward_outlines(req->app->db, req->arena, &wards, &count, &req->err) != RESULT_OK)
		return -1;
	json_t *features = json_array();
	for (size_t i = 0; i < count; i++) {
		long w = req->map ? geo_map_find_ward(req->map, wards[i].code) : -1;
		long area = w >= 0 ? geo_map_ward(req->map, (size_t)w)->area : -1;
		json_t *geometry = json_loads(wards[i].geometry, 0, NULL);
		json_array_append_new(
			features,
			json_pack("{s:s,s:s,s:{s:s,s:s?},s:o}", "type", "Feature", "id",
				  wards[i].code, "properties", "name", wards[i].name, "area",
				  area >= 0 ? geo_map_area(req->map, (size_t)area)->name : NULL,
				  "geometry", geometry ? geometry : json_null()));
	}
	return http_send_json(req, res, 200,
			      json_pack("{s:s,s:o}", "type", "FeatureCollection", "features",
					features));
}

/* The list of who may move, for a team leader (their team's areas) or an
 * administrator (every area). */
int web_area_moves(struct http_request *req, struct http_response *res)
{
	struct lookup_context ctx = {req->app->db, req->map, req->app->config->near_metres,
				     req->postcodes};
	struct area_move *moves;
	size_t count;
	struct err e;
	int rc = area_moves_list(&ctx, req->arena, req->who, &moves, &count, &e);
	if (rc != RESULT_OK)
		return http_send_result(req, res, rc, &e, NULL);
	struct sb page;
	sb_init(&page, req->arena, PAGE_MAX_BYTES);
	page_begin(req, &page, "People and introductions now in another area");
	if (http_query(req, "moved"))
		form_success_banner(&page, "moved", "Moved.");
	html_printf(&page, "<h1 class=\"govuk-heading-l\">People and introductions now in "
			   "another area</h1>\n"
			   "<p class=\"govuk-body\">When an area's wards change, nobody moves by "
			   "themselves. These are the people and open introductions%s whose "
			   "postcode now places them in another area, or is now in an area not "
			   "covered yet. Move each to that area, or leave "
			   "them where they are: they stay on this list.</p>\n",
		    access_has_role(req->who, USER_ADMINISTRATOR) ? "" : " of your team");
	if (count == 0) {
		html_printf(&page, "<p class=\"govuk-body\">Nobody: everyone whose postcode "
				   "can be placed is in the area it places them in.</p>\n");
		page_end(req, &page);
		return http_send_html(req, res, 200, &page);
	}
	html_printf(&page, "<h2 class=\"govuk-heading-m\">%zu to look at</h2>\n", count);
	/* A card each, not a table: it reads the same on a phone. */
	for (size_t i = 0; i < count; i++) {
		const struct area_move *m = &moves[i];
		bool person = strcmp(m->kind, "person") == 0;
		html_printf(&page, "<div class=\"govuk-summary-card\"><div "
				   "class=\"govuk-summary-card__title-wrapper\"><h3 "
				   "class=\"govuk-summary-card__title\"><a class=\"govuk-link\" "
				   "href=\"/staff/%s/%s\">%s</a> <span class=\"govuk-hint "
				   "govuk-!-display-inline\">(%s)</span></h3></div>\n"
				   "<div class=\"govuk-summary-card__content\"><dl class=\"govuk-summary-list\">"
				   "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">"
				   "Postcode</dt><dd class=\"govuk-summary-list__value\">%s</dd></div>"
				   "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">"
				   "In</dt><dd class=\"govuk-summary-list__value\">%s</dd></div>"
				   "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">"
				   "Postcode now in</dt><dd class=\"govuk-summary-list__value\">%s%s</dd></div>"
				   "</dl>\n",
			    person ? "people" : "introductions", m->id, m->name,
			    person ? "person" : "introduction", m->postcode, m->from_name,
			    m->to_name, m->to_covered ? "" : " (not covered yet)");
		if (!m->to_covered)
			html_printf(&page, "<p class=\"govuk-body\">Nobody walks alongside people "
					   "there yet. Left where they are, they stay in %s; "
					   "move them now, or once %s is covered.</p>\n",
				    m->from_name, m->to_name);
		html_printf(&page, "<form method=\"post\" action=\"/team/area-changes/%s/%s\">"
				   "<input type=\"hidden\" name=\"csrf_token\" value=\"%s\">"
				   "<button type=\"submit\" class=\"govuk-button govuk-button--secondary "
				   "govuk-!-margin-bottom-0\" data-module=\"govuk-button\">Move to %s"
				   "<span class=\"govuk-visually-hidden\">: %s</span></button></form>"
				   "</div></div>\n",
			    m->kind, m->id, req->who->session->csrf_token, m->to_name, m->name);
	}
	page_end(req, &page);
	return http_send_html(req, res, 200, &page);
}

int web_area_move(struct http_request *req, struct http_response *res)
{
	struct lookup_context ctx = {req->app->db, req->map, req->app->config->near_metres,
				     req->postcodes};
	const char *to;
	struct err e;
	int rc = area_move(&ctx, req->arena, req->who, http_path_param(req, "kind"),
			   http_path_param(req, "id"), &to, &e);
	if (rc != RESULT_OK)
		return http_send_result(req, res, rc, &e, NULL);
	return http_redirect(res, "/team/area-changes?moved=1");
}
