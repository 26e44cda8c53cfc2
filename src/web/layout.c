#include "core/arena.h"
#include "core/sb.h"
#include "domain/areas/dropin.h"
#include "domain/staff/access.h"
#include "domain/staff/session.h"
#include "domain/staff/user.h"
#include "geo/map.h"
#include "http/app.h"
#include "http/assets.h"
#include "http/http.h"
#include "web/html.h"
#include "web/pages.h"

#include <ctype.h>
#include <stdbool.h>
#include <string.h>

const char *const page_assets[PAGE_ASSET_COUNT] = {
	[PAGE_ASSET_FAVICON] = "favicon.svg",
	[PAGE_ASSET_APP_CSS] = "app.css",
	[PAGE_ASSET_JS_ENABLED] = "js-enabled.js",
	[PAGE_ASSET_APP_JS] = "app.js",
	[PAGE_ASSET_GOVUK_FRONTEND_JS] = "govuk-frontend.min.js",
	[PAGE_ASSET_LEAFLET_CSS] = "leaflet/leaflet.css",
	[PAGE_ASSET_LEAFLET_JS] = "leaflet/leaflet.js",
	[PAGE_ASSET_MAP_JS] = "map.js",
	[PAGE_ASSET_COMMUNITY_MAP_JS] = "community-map.js",
};

const char *page_asset_url(const struct http_request *req, enum page_asset which)
{
	return assets_url(req, page_assets[which]);
}

void page_begin(struct http_request *req, struct sb *sb, const char *title)
{
	html_printf(sb,
		    "<!DOCTYPE html>\n"
		    "<html lang=\"en\" class=\"govuk-template\">\n"
		    "<head>\n"
		    "<meta charset=\"utf-8\">\n"
		    "<title>%s%s" PAGE_SERVICE_NAME "</title>\n"
		    "<meta name=\"viewport\" content=\"width=device-width, "
		    "initial-scale=1, viewport-fit=cover\">\n"
		    "<meta name=\"theme-color\" content=\"#1d70b8\">\n"
		    "<link rel=\"icon\" href=\"%s\" type=\"image/svg+xml\">\n"
		    "<link rel=\"stylesheet\" href=\"%s\">\n"
		    "</head>\n",
		    title ? title : "", title ? " – " : "",
		    page_asset_url(req, PAGE_ASSET_FAVICON),
		    page_asset_url(req, PAGE_ASSET_APP_CSS));
	/* The body class script must run before the body is painted, so it is
	 * a plain (not deferred) script; it is a file, not inline, so the
	 * Content-Security-Policy can forbid inline script altogether. */
	html_printf(sb,
		    "<body class=\"govuk-template__body\">\n"
		    "<script src=\"%s\"></script>\n"
		    "<a href=\"#main-content\" class=\"govuk-skip-link\" "
		    "data-module=\"govuk-skip-link\">Skip to main content</a>\n"
		    "<header class=\"govuk-template__header\">\n"
		    "<section aria-label=\"Service information\" "
		    "class=\"govuk-service-navigation\" "
		    "data-module=\"govuk-service-navigation\">\n"
		    "<div class=\"govuk-width-container\">\n"
		    "<div class=\"govuk-service-navigation__container\">\n"
		    "<span class=\"govuk-service-navigation__service-name\">"
		    "<a href=\"/\" class=\"govuk-service-navigation__link\">"
		    PAGE_SERVICE_NAME "</a></span>\n"
		    "<nav aria-label=\"Menu\" class=\"govuk-service-navigation__wrapper\">\n"
		    "<ul class=\"govuk-service-navigation__list\">\n"
		    "<li class=\"govuk-service-navigation__item\"><a class=\"govuk-service-navigation__link\" "
		    "href=\"/find\">Find your coordinator</a></li>\n"
		    "<li class=\"govuk-service-navigation__item\"><a class=\"govuk-service-navigation__link\" "
		    "href=\"/areas\">Areas</a></li>\n"
		    "<li class=\"govuk-service-navigation__item\"><a class=\"govuk-service-navigation__link\" "
		    "href=\"/community\">Community directory</a></li>\n"
		    "<li class=\"govuk-service-navigation__item\"><a class=\"govuk-service-navigation__link\" "
		    "href=\"/get-in-touch\">Get in touch</a></li>\n",
		    page_asset_url(req, PAGE_ASSET_JS_ENABLED));
	if (req->who && req->who->user)
		html_printf(sb,
			    "<li class=\"govuk-service-navigation__item\"><a class=\"govuk-service-navigation__link\" "
			    "href=\"/staff\">Staff: %s</a></li>\n"
			    "<li class=\"govuk-service-navigation__item\"><a class=\"govuk-service-navigation__link\" "
			    "href=\"/staff/community\">Directory listings</a></li>\n",
			    req->who->user->display_name);
	if (req->who && req->who->user &&
	    access_has_role(req->who, USER_TEAM_LEADER | USER_PROGRAMME_MANAGER))
		html_printf(sb,
			    "<li class=\"govuk-service-navigation__item\"><a class=\"govuk-service-navigation__link\" "
			    "href=\"/reports\">Reports</a></li>\n");
	if (req->who && req->who->user && access_has_role(req->who, USER_ADMINISTRATOR))
		html_printf(sb,
			    "<li class=\"govuk-service-navigation__item\"><a class=\"govuk-service-navigation__link\" "
			    "href=\"/admin/areas\">Manage areas</a></li>\n");
	if (req->who && req->who->user)
		html_printf(sb,
			    "<li class=\"govuk-service-navigation__item\">"
			    "<form method=\"post\" action=\"/sign-out\" class=\"app-inline-form\">"
			    "<input type=\"hidden\" name=\"csrf_token\" value=\"%s\">"
			    "<button type=\"submit\" class=\"govuk-service-navigation__link app-link-button\">"
			    "Sign out</button></form></li>\n",
			    req->who->session->csrf_token);
	html_printf(sb, "</ul>\n</nav>\n</div>\n</div>\n</section>\n");
	/* Invented people must never be mistaken for real ones. */
	if (req->map && geo_map_has_demo(req->map))
		html_printf(sb,
			    "<div class=\"govuk-width-container govuk-phase-banner\">\n"
			    "<p class=\"govuk-phase-banner__content\">"
			    "<strong class=\"govuk-tag govuk-phase-banner__content__tag\">Demo</strong>"
			    "<span class=\"govuk-phase-banner__text\">This is a demonstration. The "
			    "ward boundaries and postcodes are real; the areas, coordinators and "
			    "their contact details are invented.</span></p>\n</div>\n");
	html_printf(sb, "</header>\n<div class=\"govuk-width-container\">\n"
			"<main class=\"govuk-main-wrapper\" id=\"main-content\">\n");
}

/* Each data set we show carries the attribution its licence asks for
 * (see the SOURCE.md beside each data set in shared/data), on the pages
 * that show it, and only there. */
enum data_set {
	DATA_WARDS = 1 << 0,
	DATA_POSTCODES = 1 << 1,
	DATA_VENUES = 1 << 2,
	DATA_HOLIDAYS = 1 << 3,
};

enum licence { LICENCE_OGL, LICENCE_CC_BY };

static const struct {
	enum data_set set;
	enum licence licence;
	const char *what;
	const char *text;
} attributions[] = {
	{DATA_WARDS, LICENCE_OGL, "Ward boundaries",
	 "Source: Office for National Statistics licensed under the Open "
	 "Government Licence v.3.0. Contains OS data © Crown copyright and "
	 "database right 2024."},
	{DATA_POSTCODES, LICENCE_OGL, "Postcodes",
	 "Contains Ordnance Survey data © Crown copyright and database right "
	 "2025. Contains Royal Mail data © Royal Mail copyright and database "
	 "right 2025. Contains National Statistics data © Crown copyright and "
	 "database right 2025."},
	{DATA_VENUES, LICENCE_CC_BY, "Community venues",
	 "Warm spaces data © Open Innovations, CC BY 4.0; original listings "
	 "from Live Well York (City of York Council), Warm Welcome and Warm "
	 "Spaces directories."},
	{DATA_HOLIDAYS, LICENCE_OGL, "Bank holidays",
	 "Contains public sector information licensed under the Open "
	 "Government Licence v3.0."},
};

/* Which pages show which data, by their path: the areas' maps and wards,
 * the postcode a search or drop-in is placed by, the directory's venues,
 * and the date a reply is due, counted in working days.  "/areas" is
 * that page and those below it; a prefix ending "/" only those below it.  Other
 * pages, the staff pages among them, have the short footer. */
static const struct {
	const char *prefix;
	unsigned sets;
} data_pages[] = {
	{"/find", DATA_WARDS | DATA_POSTCODES},
	{"/areas", DATA_WARDS | DATA_POSTCODES},  /* drop-ins, placed by their postcode */
	{"/community", DATA_VENUES | DATA_POSTCODES},
	{"/staff/community", DATA_VENUES | DATA_POSTCODES},
	{"/admin/areas", DATA_WARDS},
	{"/get-in-touch/sent", DATA_HOLIDAYS},
};

static unsigned data_shown(const char *path)
{
	unsigned sets = 0;
	for (size_t i = 0; path && i < sizeof data_pages / sizeof *data_pages; i++) {
		size_t n = strlen(data_pages[i].prefix);
		if (strncmp(path, data_pages[i].prefix, n) == 0 &&
		    (data_pages[i].prefix[n - 1] == '/' || path[n] == '\0' || path[n] == '/'))
			sets |= data_pages[i].sets;
	}
	return sets;
}

/* The data on this page, with the licences it comes under. */
static void footer_attributions(struct sb *sb, unsigned sets)
{
	bool ogl = false, cc_by = false;
	html_printf(sb, "<h2 class=\"govuk-heading-s govuk-!-margin-top-4\">Data on this page</h2>\n"
			"<ul class=\"govuk-footer__list\">\n");
	for (size_t i = 0; i < sizeof attributions / sizeof *attributions; i++) {
		if (!(sets & attributions[i].set))
			continue;
		ogl = ogl || attributions[i].licence == LICENCE_OGL;
		cc_by = cc_by || attributions[i].licence == LICENCE_CC_BY;
		html_printf(sb,
			    "<li class=\"govuk-footer__list-item\">"
			    "<strong>%s.</strong> %s</li>\n",
			    attributions[i].what, attributions[i].text);
	}
	html_printf(sb, "</ul>\n<p class=\"govuk-body-s govuk-!-margin-top-3\">");
	if (ogl)
		html_printf(sb, "Open Government Licence: "
				"<a class=\"govuk-footer__link\" rel=\"license\" "
				"href=\"https://www.nationalarchives.gov.uk/doc/"
				"open-government-licence/version/3/\">OGL v3.0</a>. ");
	if (cc_by)
		html_printf(sb, "Creative Commons: "
				"<a class=\"govuk-footer__link\" rel=\"license\" "
				"href=\"https://creativecommons.org/licenses/by/4.0/\">"
				"CC BY 4.0</a>.");
	html_printf(sb, "</p>\n");
}

void page_end(struct http_request *req, struct sb *sb)
{
	html_printf(sb, "</main>\n</div>\n"
			"<footer class=\"govuk-footer\">\n"
			"<div class=\"govuk-width-container\">\n"
			"<div class=\"govuk-footer__meta\">\n"
			"<div class=\"govuk-footer__meta-item "
			"govuk-footer__meta-item--grow\">\n"
			"<h2 class=\"govuk-visually-hidden\">Support links</h2>\n"
			"<ul class=\"govuk-footer__inline-list\">\n"
			"<li class=\"govuk-footer__inline-list-item\">"
			"<a class=\"govuk-footer__link\" href=\"/privacy\">Privacy</a></li>\n"
			"<li class=\"govuk-footer__inline-list-item\">"
			"<a class=\"govuk-footer__link\" href=\"/accessibility\">"
			"Accessibility statement</a></li>\n"
			"<li class=\"govuk-footer__inline-list-item\">"
			"<a class=\"govuk-footer__link\" href=\"/cookies\">Cookies</a></li>\n");
	/* Signed in, the header already says who and offers to sign out. */
	if (!(req->who && req->who->user))
		html_printf(sb, "<li class=\"govuk-footer__inline-list-item\">"
				"<a class=\"govuk-footer__link\" href=\"/sign-in\">"
				"Staff sign in</a></li>\n");
	html_printf(sb, "</ul>\n");
	unsigned sets = data_shown(req->path);
	if (sets)
		footer_attributions(sb, sets);
	html_printf(sb,
		    "<p class=\"govuk-body-s\">Built with the "
		    "<a class=\"govuk-footer__link\" "
		    "href=\"https://design-system.service.gov.uk/\">GOV.UK "
		    "Design System</a> (MIT licence).</p>\n"
		    "</div>\n</div>\n</div>\n</footer>\n"
		    "<script type=\"module\" src=\"%s\"></script>\n"
		    "</body>\n</html>\n",
		    page_asset_url(req, PAGE_ASSET_APP_JS));
}

void page_privacy_note(struct sb *page, enum page_privacy_reader reader)
{
	if (reader == PAGE_PRIVACY_STAFF)
		html_printf(page, "<p class=\"govuk-body\">The person can read how these details "
				  "are used, and their rights, in the <a class=\"govuk-link\" "
				  "href=\"/privacy\">privacy notice</a>.</p>\n");
	else
		html_printf(page, "<p class=\"govuk-body\">Our <a class=\"govuk-link\" "
				  "href=\"/privacy\">privacy notice</a> says how we use the "
				  "details you give us, and the rights of everyone they are "
				  "about.</p>\n");
}

void page_map_assets(struct http_request *req, struct sb *sb)
{
	html_printf(sb,
		    "<link rel=\"stylesheet\" href=\"%s\">\n"
		    "<script defer src=\"%s\"></script>\n"
		    "<script type=\"module\" src=\"%s\"></script>\n",
		    page_asset_url(req, PAGE_ASSET_LEAFLET_CSS),
		    page_asset_url(req, PAGE_ASSET_LEAFLET_JS),
		    page_asset_url(req, PAGE_ASSET_MAP_JS));
}

void page_error(struct http_request *req, struct sb *sb, int status,
		const char *message)
{
	const char *title;
	switch (status) {
	case 404: title = "Page not found"; break;
	case 405: title = "That action is not possible here"; break;
	case 413: title = "What you sent is too large"; break;
	case 400: title = "We could not understand that request"; break;
	case 503: title = "Sorry, the service is unavailable"; break;
	default:
		title = status >= 500 ? "Sorry, there is a problem with the service"
				      : "There is a problem";
		break;
	}
	page_begin(req, sb, title);
	html_printf(sb,
		    "<h1 class=\"govuk-heading-l\">%s</h1>\n"
		    "<p class=\"govuk-body\">%s</p>\n"
		    "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/\">"
		    "Go to the start page</a></p>\n",
		    title, message);
	if (status >= 500)
		html_printf(sb,
			    "<p class=\"govuk-body\">If it keeps happening, "
			    "quote this reference when you tell us: "
			    "<strong>%s</strong></p>\n",
			    req->request_id);
	page_end(req, sb);
}

const char *page_long_date(struct arena *a, struct date d)
{
	static const char *const months[] = {
		"January", "February", "March", "April", "May", "June", "July",
		"August", "September", "October", "November", "December"};
	return arena_printf(a, "%s %d %s %d", dropin_weekday_name(date_weekday(d)),
			    d.day, months[d.month - 1], d.year);
}

const char *page_tel_target(struct arena *a, const char *number)
{
	char *out = arena_alloc(a, strlen(number) + 1);
	size_t n = 0;
	for (const char *p = number; *p; p++)
		if (isdigit((unsigned char)*p) || *p == '+')
			out[n++] = *p;
	out[n] = '\0';
	return out;
}
