#include "core/sb.h"
#include "http/http.h"
#include "web/html.h"
#include "web/pages.h"

int web_home(struct http_request *req, struct http_response *res)
{
	struct sb page;
	sb_init(&page, req->arena, PAGE_MAX_BYTES);
	page_begin(req, &page, NULL);
	html_printf(&page,
		"<div class=\"govuk-grid-row\">\n"
		"<div class=\"govuk-grid-column-two-thirds\">\n"
		"<h1 class=\"govuk-heading-xl\">Local Area Coordination</h1>\n"
		"<p class=\"govuk-body-l\">A Local Area Coordinator is someone "
		"based in your neighbourhood who gets to know you, listens to "
		"what a good life means for you, and works beside you to get "
		"there, using your own strengths and the people and places "
		"around you.</p>\n"

		"<a href=\"/find\" role=\"button\" draggable=\"false\" "
		"class=\"govuk-button govuk-button--start\" data-module=\"govuk-button\">"
		"Find your coordinator</a>\n"
		"<p class=\"govuk-body\">or see <a class=\"govuk-link\" href=\"/areas\">"
		"all areas on a map</a>.</p>\n"
		"<p class=\"govuk-body\">Looking for a group, class or place to go? "
		"Search the <a class=\"govuk-link\" href=\"/community\">community "
		"directory</a>.</p>\n"
		"<h2 class=\"govuk-heading-m\">What a coordinator can do</h2>\n"
		"<p class=\"govuk-body\">It depends on you. Some people want one "
		"conversation: a piece of information, a useful contact, a "
		"group that meets nearby. Others want someone alongside them "
		"for longer while life is hard. Either is fine, there is no "
		"time limit, and you decide when it ends.</p>\n"
		"<ul class=\"govuk-list govuk-list--bullet\">\n"
		"<li>find out what is on locally and meet people who share "
		"your interests</li>\n"
		"<li>make sense of services and be heard by them</li>\n"
		"<li>build up the friends, family and neighbours you can call "
		"on</li>\n"
		"<li>offer your own skills to your community</li>\n"
		"</ul>\n"

		"<h2 class=\"govuk-heading-m\">Who can talk to one</h2>\n"
		"<p class=\"govuk-body\">Anyone who lives in an area with a "
		"coordinator and would like a conversation. Where you live is "
		"the only condition. Not every area has a coordinator yet; if "
		"you live just outside one, ask anyway, because coordinators "
		"can sometimes meet people from a street or two away.</p>\n"

		"<h2 class=\"govuk-heading-m\">How to get in touch</h2>\n"
		"<p class=\"govuk-body\">There is no referral form. Phone, "
		"text, email or message your coordinator, or come to one of "
		"their drop-ins. You can get in touch for yourself, or for "
		"someone else if they know about it and would like to "
		"talk.</p>\n"
		"<p class=\"govuk-body\">Coordinators try to reply within two "
		"to three working days. They spend their time out in the "
		"community rather than at a desk, so a first meeting may take "
		"a week or two to arrange.</p>\n"

		"<div class=\"govuk-warning-text\">\n"
		"<span class=\"govuk-warning-text__icon\" "
		"aria-hidden=\"true\">!</span>\n"
		"<strong class=\"govuk-warning-text__text\">\n"
		"<span class=\"govuk-visually-hidden\">Warning</span>\n"
		"This is not an emergency service. If someone is in danger "
		"now, call 999. For urgent medical help, call NHS 111.\n"
		"</strong>\n</div>\n"
		"</div>\n</div>\n");
	page_end(req, &page);
	http_add_header(res, "Cache-Control", "no-cache");
	return http_send_html(req, res, 200, &page);
}
