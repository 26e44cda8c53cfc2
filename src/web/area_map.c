/* The map of areas and the list of what its markers show: see
 * web/area_map.h. */
#include "web/area_map.h"

#include "core/arena.h"
#include "core/config.h"
#include "core/date.h"
#include "core/sb.h"
#include "domain/areas/area.h"
#include "domain/areas/dropin.h"
#include "http/app.h"
#include "http/http.h"
#include "web/html.h"
#include "web/pages.h"

#include <ctype.h>
#include <time.h>

void area_map(struct http_request *req, struct sb *page, const char *data_url)
{
	const struct config *cfg = req->app->config;
	html_printf(page,
		    "<div id=\"areas-map\" class=\"app-map\" data-areas=\"%s\" "
		    "data-tiles=\"%s\" data-attribution=\"%s\" hidden></div>\n"
		    "<p class=\"govuk-body-s\" id=\"areas-map-note\" hidden>Markers show the "
		    "centre of the drop-in's postcode, not the building.</p>\n",
		    data_url, cfg->map_tiles, cfg->map_attribution);
	page_map_assets(req, page);
}

/* One drop-in as a list item: what its marker's popup says. */
static void dropin_item(struct arena *a, struct sb *page, const struct dropin *d,
			struct date today)
{
	struct dropin_upcoming up;
	dropin_upcoming_at(d, time(NULL), &up);
	/* "Every Tuesday", starting a line. */
	const char *when = dropin_describe(a, &d->rule);
	html_printf(page, "<li><strong>%s</strong>, %s<br>%s, %s to %s", d->venue, d->address,
		    arena_printf(a, "%c%s", toupper((unsigned char)when[0]), when + 1),
		    d->starts, d->ends);
	/* The cancelled dates before the next it happens, as the area's
	 * page says them. */
	for (size_t i = 0; up.cancelled && i < d->cancellation_count; i++) {
		const struct dropin_cancellation *x = &d->cancellations[i];
		long day = date_to_days(x->on_date);
		if (day >= date_to_days(today) && day < date_to_days(up.next))
			html_printf(page, "<br>Cancelled: %s — %s",
				    page_long_date(a, x->on_date), x->reason);
	}
	if (date_to_days(up.next) == date_to_days(DROPIN_NEVER))
		html_printf(page, "<br>No more dates</li>\n");
	else
		html_printf(page, "<br>%s: %s</li>\n", up.cancelled ? "Next it happens" : "Next",
			    page_long_date(a, up.next));
}

int area_map_dropin_list(struct http_request *req, struct sb *page, const struct area *areas,
			 size_t count)
{
	struct date today = date_uk_today(time(NULL));
	size_t shown = 0;
	for (size_t i = 0; i < count; i++) {
		struct dropin *list;
		size_t n;
		if (dropin_list(req->app->db, req->arena, areas[i].id, &list, &n, &req->err) < 0)
			return -1;
		size_t going_on = 0;
		for (size_t j = 0; j < n; j++) {
			/* An ended drop-in is gone after its last date. */
			if (!dropin_goes_on(&list[j], today))
				continue;
			if (shown++ == 0)
				html_printf(page, "<h2 class=\"govuk-heading-m\" id=\"drop-ins\">"
						  "Drop-ins</h2>\n<p class=\"govuk-body\">Where "
						  "and when you can meet a coordinator without an "
						  "appointment, by area.</p>\n");
			if (going_on++ == 0)
				html_printf(page, "<h3 class=\"govuk-heading-s\"><a class=\"govuk-link\" "
						  "href=\"/areas/%s#drop-ins\">%s</a></h3>\n"
						  "<ul class=\"govuk-list govuk-list--spaced\">\n",
					    areas[i].id, areas[i].name);
			dropin_item(req->arena, page, &list[j], today);
		}
		if (going_on)
			html_printf(page, "</ul>\n");
	}
	return 0;
}
