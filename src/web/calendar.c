/* Drop-ins as an iCalendar feed (RFC 5545), one per area, for anyone who
 * wants them in their own calendar. */
#include "core/arena.h"
#include "core/ical.h"
#include "core/sb.h"
#include "db/db.h"
#include "db/instance.h"
#include "domain/areas/area.h"
#include "domain/areas/dropin.h"
#include "http/app.h"
#include "http/http.h"
#include "web/pages.h"

static const char *const byday[] = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};

static void event(struct sb *out, struct arena *a, const struct area *area,
		  const struct dropin *d, const char *instance)
{
	struct date first;
	if (dropin_next_dates(&d->rule, d->rule.first, &first, 1) != 1)
		return;
	char day[11];
	date_format(first, day);
	char compact[9] = {day[0], day[1], day[2], day[3], day[5], day[6],
			   day[8], day[9], '\0'};
	ical_line(out, "BEGIN:VEVENT");
	ical_line(out, arena_printf(a, "UID:%s@%s", d->id, instance));
	ical_line(out, arena_printf(a, "DTSTAMP:%s", ical_utc(a, d->updated_at)));
	ical_line(out, arena_printf(a, "DTSTART;TZID=Europe/London:%sT%.2s%.2s00",
				    compact, d->starts, d->starts + 3));
	ical_line(out, arena_printf(a, "DTEND;TZID=Europe/London:%sT%.2s%.2s00",
				    compact, d->ends, d->ends + 3));
	const char *day_code = byday[d->rule.weekday - 1];
	switch (d->rule.frequency) {
	case DROPIN_WEEKLY:
		ical_line(out, arena_printf(a, "RRULE:FREQ=WEEKLY;BYDAY=%s", day_code));
		break;
	case DROPIN_FORTNIGHTLY:
		ical_line(out, arena_printf(a, "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=%s",
					    day_code));
		break;
	case DROPIN_MONTHLY:
		ical_line(out, arena_printf(a, "RRULE:FREQ=MONTHLY;BYDAY=%d%s",
					    d->rule.week_of_month, day_code));
		break;
	}
	ical_text_property(out, "SUMMARY",
			   arena_printf(a, "Local Area Coordination drop-in (%s)", area->name));
	ical_text_property(out, "LOCATION", arena_printf(a, "%s, %s", d->venue, d->address));
	if (d->notes)
		ical_text_property(out, "DESCRIPTION", d->notes);
	ical_line(out, "END:VEVENT");
}

int web_area_calendar(struct http_request *req, struct http_response *res)
{
	const struct app *app = req->app;
	struct area area;
	struct err e;
	int rc = area_get(app->db, req->arena, http_path_param(req, "id"), &area, &e);
	if (rc != RESULT_OK)
		return http_send_result(req, res, rc, &e, NULL);
	struct dropin *dropins;
	size_t n;
	const char *instance = NULL;
	struct db_conn *c;
	if (dropin_list(app->db, req->arena, area.id, &dropins, &n, &req->err) < 0 ||
	    db_acquire(app->db, &c, &req->err) < 0)
		return -1;
	rc = instance_id(c, req->arena, &instance, &req->err);
	db_release(c);
	if (rc < 0)
		return -1;

	struct sb out;
	sb_init(&out, req->arena, 4 * 1024 * 1024);
	ical_line(&out, "BEGIN:VCALENDAR");
	ical_line(&out, "VERSION:2.0");
	ical_line(&out, "PRODID:-//Alongside//Local Area Coordination//EN");
	ical_line(&out, "CALSCALE:GREGORIAN");
	ical_line(&out, "METHOD:PUBLISH");
	ical_text_property(&out, "X-WR-CALNAME", arena_printf(req->arena, "Drop-ins: %s", area.name));
	ical_vtimezone_london(&out);
	for (size_t i = 0; i < n; i++)
		event(&out, req->arena, &area, &dropins[i], instance ? instance : "alongside");
	ical_line(&out, "END:VCALENDAR");
	if (sb_failed(&out))
		return err_set(&req->err, "calendar larger than its builder allows");
	http_add_header(res, "Cache-Control", "no-cache");
	http_add_header(res, "Content-Disposition",
			"inline; filename=\"drop-ins.ics\"");
	http_send_static(res, 200, "text/calendar; charset=utf-8", sb_str(&out), out.len);
	return 0;
}
