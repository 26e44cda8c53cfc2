/* Drop-ins as an iCalendar feed (RFC 5545), one per area, for anyone who
 * wants them in their own calendar: read from the database on every
 * request, so a change shows at once.  An ended drop-in's rule has an
 * UNTIL; a cancelled date is an override of its occurrence. */
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

/* "20261211": a DATE as iCalendar writes it, in a. */
static const char *compact(struct arena *a, struct date d)
{
	char day[11];
	date_format(d, day);
	return arena_printf(a, "%.4s%.2s%.2s", day, day + 5, day + 8);
}

/* DTSTART and DTEND of d on one date, in UK time. */
static void times(struct sb *out, struct arena *a, const struct dropin *d, struct date on)
{
	const char *day = compact(a, on);
	ical_line(out, arena_printf(a, "DTSTART;TZID=Europe/London:%sT%.2s%.2s00", day, d->starts,
				    d->starts + 3));
	ical_line(out, arena_printf(a, "DTEND;TZID=Europe/London:%sT%.2s%.2s00", day, d->ends,
				    d->ends + 3));
}

static void rule(struct sb *out, struct arena *a, const struct dropin *d)
{
	const char *day_code = byday[d->rule.weekday - 1];
	/* With a DTSTART in local time, UNTIL is UTC (RFC 5545 3.3.10): the
	 * end of the last date in GMT, which no date of a weekly or monthly
	 * rule follows within an hour in BST either. */
	const char *until = d->rule.ends
				    ? arena_printf(a, ";UNTIL=%sT235959Z", compact(a, d->rule.last))
				    : "";
	switch (d->rule.frequency) {
	case DROPIN_WEEKLY:
		ical_line(out, arena_printf(a, "RRULE:FREQ=WEEKLY;BYDAY=%s%s", day_code, until));
		break;
	case DROPIN_FORTNIGHTLY:
		ical_line(out, arena_printf(a, "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=%s%s", day_code,
					    until));
		break;
	case DROPIN_MONTHLY:
		ical_line(out, arena_printf(a, "RRULE:FREQ=MONTHLY;BYDAY=%d%s%s",
					    d->rule.week_of_month, day_code, until));
		break;
	}
}

/* A drop-in's recurring event, then one override of each cancelled
 * occurrence: the same UID, its RECURRENCE-ID, STATUS:CANCELLED, and the
 * drop-in's SEQUENCE (raised by the cancellation), so a calendar that
 * subscribed replaces that one date. */
static void event(struct sb *out, struct arena *a, const struct area *area,
		  const struct dropin *d, const char *instance)
{
	struct date first;
	if (dropin_next_dates(&d->rule, d->rule.first, &first, 1) != 1)
		return;
	const char *uid = arena_printf(a, "UID:%s@%s", d->id, instance);
	const char *stamp = arena_printf(a, "DTSTAMP:%s", ical_utc(a, d->updated_at));
	const char *sequence = arena_printf(a, "SEQUENCE:%d", d->sequence);
	const char *summary = arena_printf(a, "Local Area Coordination drop-in (%s)", area->name);
	const char *location = arena_printf(a, "%s, %s", d->venue, d->address);
	ical_line(out, "BEGIN:VEVENT");
	ical_line(out, uid);
	ical_line(out, stamp);
	ical_line(out, sequence);
	times(out, a, d, first);
	rule(out, a, d);
	ical_text_property(out, "SUMMARY", summary);
	ical_text_property(out, "LOCATION", location);
	if (d->notes)
		ical_text_property(out, "DESCRIPTION", d->notes);
	ical_line(out, "END:VEVENT");
	for (size_t i = 0; i < d->cancellation_count; i++) {
		const struct dropin_cancellation *x = &d->cancellations[i];
		/* A drop-in moved to another day since leaves a cancellation
		 * of a date it no longer has: an override must name one of
		 * its occurrences, so that one is left out. */
		struct date next;
		if (dropin_next_dates(&d->rule, x->on_date, &next, 1) != 1 ||
		    date_to_days(next) != date_to_days(x->on_date))
			continue;
		ical_line(out, "BEGIN:VEVENT");
		ical_line(out, uid);
		ical_line(out, stamp);
		ical_line(out, sequence);
		ical_line(out, arena_printf(a, "RECURRENCE-ID;TZID=Europe/London:%sT%.2s%.2s00",
					    compact(a, x->on_date), d->starts, d->starts + 3));
		times(out, a, d, x->on_date);
		ical_line(out, "STATUS:CANCELLED");
		ical_text_property(out, "SUMMARY", arena_printf(a, "Cancelled: %s", summary));
		ical_text_property(out, "LOCATION", location);
		ical_text_property(out, "DESCRIPTION", arena_printf(a, "Cancelled: %s", x->reason));
		ical_line(out, "END:VEVENT");
	}
}

int web_area_calendar(struct http_request *req, struct http_response *res)
{
	const struct app *app = req->app;
	struct area area;
	struct err e;
	int rc = area_get_public(app->db, req->arena, http_path_param(req, "id"), &area, &e);
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
