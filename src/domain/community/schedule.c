#include "domain/community/schedule.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/arena.h"
#include "core/err.h"
#include "core/ical.h"
#include "core/sb.h"
#include "domain/community/listing.h"

#define HORIZON_DAYS 366
/* How far the first session of an iCalendar event is looked for: a
 * yearly-ish monthly rule still finds one. */
#define FIRST_SEARCH_DAYS (5 * 366)
#define RULE_PARTS_MAX 31

static const char *const day_codes[] = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};
static const char *const day_names[] = {"Monday", "Tuesday", "Wednesday", "Thursday",
					"Friday", "Saturday", "Sunday"};
static const char *const month_names[] = {"January", "February", "March", "April",
					  "May", "June", "July", "August",
					  "September", "October", "November", "December"};
static const char *const ordinals[] = {"first", "second", "third", "fourth", "fifth"};

enum freq { FREQ_ONCE, FREQ_WEEKLY, FREQ_MONTHLY, FREQ_WORDS };

/* A schedule read once into what counting needs. */
struct rule {
	enum freq freq;
	long interval;
	unsigned weekdays;                   /* WEEKLY: bit 0 Monday */
	int nth[RULE_PARTS_MAX];             /* MONTHLY BYDAY: ordinal ... */
	int nth_day[RULE_PARTS_MAX];         /* ... and ISO weekday */
	size_t nth_count;
	int monthdays[RULE_PARTS_MAX];       /* MONTHLY BYMONTHDAY */
	size_t monthday_count;
	long start, from, to;                /* days; LONG_MIN/LONG_MAX when open */
	bool has_start;
};

static bool empty(const char *s)
{
	return !s || !*s;
}

static int day_code(const char *s, size_t n)
{
	if (n != 2)
		return 0;
	for (int i = 0; i < 7; i++)
		if (memcmp(s, day_codes[i], 2) == 0)
			return i + 1;
	return 0;
}

/* "HH:MM", 00:00 to 23:59; minutes since midnight, or -1. */
static int time_minutes(const char *s)
{
	if (strlen(s) != 5 || s[2] != ':')
		return -1;
	for (int i = 0; i < 5; i++)
		if (i != 2 && (s[i] < '0' || s[i] > '9'))
			return -1;
	int h = (s[0] - '0') * 10 + (s[1] - '0');
	int m = (s[3] - '0') * 10 + (s[4] - '0');
	return h < 24 && m < 60 ? h * 60 + m : -1;
}

/* A signed whole number of at most two digits, all of s[0..n). */
static bool small_int(const char *s, size_t n, int *out)
{
	size_t i = 0;
	int sign = 1;
	if (i < n && (s[i] == '-' || s[i] == '+'))
		sign = s[i++] == '-' ? -1 : 1;
	if (i == n || n - i > 2)
		return false;
	int v = 0;
	for (; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = sign * v;
	return true;
}

/* Each comma-separated part of list to f; false at the first part f
 * refuses or an empty part. */
static bool each_part(const char *list, struct rule *r,
		      bool (*f)(const char *part, size_t n, struct rule *r))
{
	const char *p = list;
	for (;;) {
		const char *comma = strchr(p, ',');
		size_t n = comma ? (size_t)(comma - p) : strlen(p);
		if (n == 0 || !f(p, n, r))
			return false;
		if (!comma)
			return true;
		p = comma + 1;
	}
}

static bool weekly_day(const char *s, size_t n, struct rule *r)
{
	int d = day_code(s, n);
	if (!d)
		return false;
	r->weekdays |= 1u << (d - 1);
	return true;
}

static bool monthly_day(const char *s, size_t n, struct rule *r)
{
	int nth;
	int d = n > 2 ? day_code(s + n - 2, 2) : 0;
	if (!d || !small_int(s, n - 2, &nth) || nth == 0 || nth > 5 || nth < -5 ||
	    r->nth_count == RULE_PARTS_MAX)
		return false;
	r->nth[r->nth_count] = nth;
	r->nth_day[r->nth_count++] = d;
	return true;
}

static bool month_day(const char *s, size_t n, struct rule *r)
{
	int k;
	if (!small_int(s, n, &k) || k == 0 || k > 31 || k < -31 ||
	    r->monthday_count == RULE_PARTS_MAX)
		return false;
	r->monthdays[r->monthday_count++] = k;
	return true;
}

static void fault(struct err *e, const char *prefix, const char *field, const char *message)
{
	if (!e)
		return;
	char path[ERR_FIELD_PATH_MAX];
	snprintf(path, sizeof path, "%s%s%s", empty(prefix) ? "" : prefix,
		 empty(prefix) ? "" : ".", field);
	err_field(e, path, "%s", message);
}

/* A date field: true and *days when given and real, false (and a fault)
 * when given and not; untouched when not given. */
static bool date_field(const char *value, const char *prefix, const char *field, long *days,
		       struct err *e)
{
	if (empty(value))
		return true;
	struct date d;
	if (!date_parse(value, &d)) {
		fault(e, prefix, field, "Enter a real date as YYYY-MM-DD");
		return false;
	}
	*days = date_to_days(d);
	return true;
}

/* Reads s into r, adding a fault to e (may be NULL) for each problem. */
static bool words_only(const struct community_schedule *s)
{
	return empty(s->freq) && empty(s->dtstart) && empty(s->byday) && empty(s->bymonthday) &&
	       empty(s->opens_at) && empty(s->closes_at) &&
	       (!empty(s->description) || !empty(s->original_text));
}

const char *schedule_description(const struct community_schedule *s)
{
	return empty(s->description) && words_only(s) ? s->original_text : s->description;
}

static bool rule_read(const struct community_schedule *s, const char *prefix, struct rule *r,
		      struct err *e)
{
	bool ok = true;
	memset(r, 0, sizeof *r);
	r->from = LONG_MIN;
	r->to = LONG_MAX;
	r->interval = s->interval;

	if (empty(s->freq)) {
		r->freq = FREQ_ONCE;
		if (words_only(s))
			r->freq = FREQ_WORDS;
		else if (empty(s->dtstart)) {
			fault(e, prefix, "dtstart", "Enter the date of a one-off session");
			ok = false;
		}
		if (!empty(s->byday) || !empty(s->bymonthday)) {
			fault(e, prefix, "freq", "Say how often: weekly or monthly");
			ok = false;
		}
	} else if (strcmp(s->freq, "WEEKLY") == 0) {
		r->freq = FREQ_WEEKLY;
		if (empty(s->byday) || !each_part(s->byday, r, weekly_day)) {
			fault(e, prefix, "byday",
			      "Enter the days of the week as MO, TU, WE, TH, FR, SA or SU");
			ok = false;
		}
		if (!empty(s->bymonthday)) {
			fault(e, prefix, "bymonthday", "A weekly session has no day of the month");
			ok = false;
		}
	} else if (strcmp(s->freq, "MONTHLY") == 0) {
		r->freq = FREQ_MONTHLY;
		if (!empty(s->byday) && !each_part(s->byday, r, monthly_day)) {
			fault(e, prefix, "byday",
			      "Enter which weekday of the month, as 1FR for the first Friday or "
			      "-1FR for the last");
			ok = false;
		}
		if (!empty(s->bymonthday) && !each_part(s->bymonthday, r, month_day)) {
			fault(e, prefix, "bymonthday",
			      "Enter a day of the month from 1 to 31, or -1 for the last");
			ok = false;
		}
		if (empty(s->byday) && empty(s->bymonthday)) {
			fault(e, prefix, "byday", "Say which day of the month");
			ok = false;
		}
	} else {
		fault(e, prefix, "freq", "How often must be WEEKLY, MONTHLY or none for a one-off");
		ok = false;
	}
	if ((r->freq == FREQ_WEEKLY || r->freq == FREQ_MONTHLY) &&
	    (s->interval < 1 || s->interval > 52)) {
		fault(e, prefix, "interval", "Enter how many weeks or months apart, from 1 to 52");
		ok = false;
	}

	long start = 0;
	if (!date_field(s->dtstart, prefix, "dtstart", &start, e))
		ok = false;
	else if (!empty(s->dtstart)) {
		r->start = start;
		r->has_start = true;
	} else if ((r->freq == FREQ_WEEKLY || r->freq == FREQ_MONTHLY) && s->interval > 1) {
		/* Every other week is two different groups of weeks: without
		 * the first session neither the pages, the calendar feed nor
		 * ORUK could say which. */
		fault(e, prefix, "dtstart",
		      r->freq == FREQ_WEEKLY
			      ? "Enter the date of the first session, so we know which weeks"
			      : "Enter the date of the first session, so we know which months");
		ok = false;
	}
	bool dates = date_field(s->valid_from, prefix, "valid_from", &r->from, e);
	dates = date_field(s->valid_to, prefix, "valid_to", &r->to, e) && dates;
	if (!dates)
		ok = false;
	else if (r->to < r->from) {
		fault(e, prefix, "valid_to", "The last date must not be before the first");
		ok = false;
	}

	int opens = -1, closes = -1;
	if (!empty(s->opens_at) && (opens = time_minutes(s->opens_at)) < 0) {
		fault(e, prefix, "opens_at", "Enter the opening time as HH:MM, 24-hour");
		ok = false;
	}
	if (!empty(s->closes_at) && (closes = time_minutes(s->closes_at)) < 0) {
		fault(e, prefix, "closes_at", "Enter the closing time as HH:MM, 24-hour");
		ok = false;
	}
	if (opens >= 0 && closes >= 0 && closes <= opens) {
		fault(e, prefix, "closes_at", "The closing time must be after the opening time");
		ok = false;
	}
	if (!empty(s->closes_at) && empty(s->opens_at)) {
		fault(e, prefix, "opens_at", "Enter the opening time too");
		ok = false;
	}
	return ok;
}

bool schedule_check(const struct community_schedule *s, const char *prefix, struct err *e)
{
	struct rule r;
	return rule_read(s, prefix, &r, e);
}

/* The week (Monday-based) and month counts of a day, for intervals. */
static long week_of(long days)
{
	/* 1970-01-01 was a Thursday: day 3 of the Monday week starting on
	 * day -3. */
	long shifted = days + 3;
	return shifted >= 0 ? shifted / 7 : -((-shifted + 6) / 7);
}

static long month_of(struct date d)
{
	return (long)d.year * 12 + d.month - 1;
}

static bool rule_on(const struct rule *r, long days)
{
	if (days < r->from || days > r->to || (r->has_start && days < r->start))
		return false;
	struct date d = date_from_days(days);
	int wd = date_weekday(d);
	/* A rule of interval > 1 has a start (rule_read); 1 needs none. */
	long anchor = r->start;
	switch (r->freq) {
	case FREQ_WORDS:
		return false;
	case FREQ_ONCE:
		return days == r->start;
	case FREQ_WEEKLY:
		if (!(r->weekdays & (1u << (wd - 1))))
			return false;
		return r->interval == 1 || (week_of(days) - week_of(anchor)) % r->interval == 0;
	case FREQ_MONTHLY:
		if (r->interval > 1 &&
		    (month_of(d) - month_of(date_from_days(anchor))) % r->interval != 0)
			return false;
		int dim = date_days_in_month(d.year, d.month);
		for (size_t i = 0; i < r->monthday_count; i++) {
			int k = r->monthdays[i];
			if (k > 0 ? d.day == k : d.day == dim + k + 1)
				return true;
		}
		for (size_t i = 0; i < r->nth_count; i++) {
			if (r->nth_day[i] != wd)
				continue;
			int n = r->nth[i];
			if (n > 0 ? (d.day - 1) / 7 + 1 == n : (dim - d.day) / 7 + 1 == -n)
				return true;
		}
		return false;
	}
	return false;
}

/* "Mondays", "Mondays and Thursdays", "Mondays, Wednesdays and Fridays"
 * (plural), or "Monday and Thursday". */
static void day_list(struct sb *out, unsigned days, bool plural)
{
	int count = 0, total = 0;
	for (int i = 0; i < 7; i++)
		total += (days >> i) & 1;
	for (int i = 0; i < 7; i++) {
		if (!((days >> i) & 1))
			continue;
		count++;
		if (count > 1)
			sb_puts(out, count == total ? " and " : ", ");
		sb_puts(out, day_names[i]);
		if (plural)
			sb_putc(out, 's');
	}
}

static void long_date(struct sb *out, long days, bool weekday)
{
	struct date d = date_from_days(days);
	if (weekday)
		sb_printf(out, "%s ", day_names[date_weekday(d) - 1]);
	sb_printf(out, "%d %s %d", d.day, month_names[d.month - 1], d.year);
}

static const char *ordinal_suffix(int n)
{
	if (n % 100 >= 11 && n % 100 <= 13)
		return "th";
	return n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd" : "th";
}

static void monthly_words(struct sb *out, const struct rule *r)
{
	size_t parts = r->nth_count + r->monthday_count;
	size_t done = 0;
	sb_puts(out, "The ");
	for (size_t i = 0; i < r->nth_count; i++, done++) {
		if (done)
			sb_puts(out, done + 1 == parts ? " and " : ", ");
		int n = r->nth[i];
		sb_printf(out, "%s %s", n > 0 ? ordinals[n - 1] : n == -1 ? "last" : "",
			  day_names[r->nth_day[i] - 1]);
		if (n < -1)
			sb_printf(out, " %d from last", -n);
	}
	for (size_t i = 0; i < r->monthday_count; i++, done++) {
		if (done)
			sb_puts(out, done + 1 == parts ? " and " : ", ");
		int k = r->monthdays[i];
		if (k == -1)
			sb_puts(out, "last day");
		else if (k < 0)
			sb_printf(out, "%d days before the end", -k - 1);
		else
			sb_printf(out, "%d%s", k, ordinal_suffix(k));
	}
	if (r->interval == 1)
		sb_puts(out, " of the month");
	else
		sb_printf(out, " of every %ld months", r->interval);
}

const char *schedule_words(struct arena *a, const struct community_schedule *s)
{
	struct rule r;
	if (!rule_read(s, NULL, &r, NULL) || r.freq == FREQ_WORDS)
		return !empty(s->original_text) ? s->original_text
		       : s->description         ? s->description
						: "";
	struct sb out;
	sb_init(&out, a, 1024);
	switch (r.freq) {
	case FREQ_ONCE:
		long_date(&out, r.start, true);
		break;
	case FREQ_WEEKLY:
		if (r.interval == 1) {
			day_list(&out, r.weekdays, true);
		} else {
			if (r.interval == 2)
				sb_puts(&out, "Every other ");
			else
				sb_printf(&out, "Every %ld weeks on ", r.interval);
			day_list(&out, r.weekdays, false);
		}
		break;
	case FREQ_MONTHLY:
		monthly_words(&out, &r);
		break;
	case FREQ_WORDS:
		break;
	}
	if (!empty(s->opens_at) && !empty(s->closes_at))
		sb_printf(&out, ", %s to %s", s->opens_at, s->closes_at);
	else if (!empty(s->opens_at))
		sb_printf(&out, ", from %s", s->opens_at);
	if (r.freq != FREQ_ONCE && r.from != LONG_MIN) {
		sb_puts(&out, ", from ");
		long_date(&out, r.from, false);
	}
	if (r.freq != FREQ_ONCE && r.to != LONG_MAX) {
		sb_puts(&out, ", until ");
		long_date(&out, r.to, false);
	}
	return sb_str(&out);
}

static int session_order(const struct schedule_session *x, const struct schedule_session *y)
{
	long dx = date_to_days(x->day), dy = date_to_days(y->day);
	if (dx != dy)
		return dx < dy ? -1 : 1;
	const char *tx = x->opens_at ? x->opens_at : "", *ty = y->opens_at ? y->opens_at : "";
	return strcmp(tx, ty);
}

size_t schedule_next(const struct listing *l, struct date from, struct schedule_session *out,
		     size_t max)
{
	size_t n = 0;
	long first = date_to_days(from);
	for (long day = first; day < first + HORIZON_DAYS && n < max; day++) {
		size_t day_start = n;
		for (size_t i = 0; i < l->schedule_count && n < max; i++) {
			const struct community_schedule *s = &l->schedules[i];
			struct rule r;
			if (!rule_read(s, NULL, &r, NULL) || !rule_on(&r, day))
				continue;
			struct schedule_session one = {
				.day = date_from_days(day),
				.opens_at = empty(s->opens_at) ? NULL : s->opens_at,
				.closes_at = empty(s->closes_at) ? NULL : s->closes_at,
				.schedule = s,
			};
			/* Keep the day's sessions in time order as they come. */
			size_t j = n++;
			while (j > day_start && session_order(&one, &out[j - 1]) < 0) {
				out[j] = out[j - 1];
				j--;
			}
			out[j] = one;
		}
	}
	return n;
}

/* YYYYMMDD */
static const char *compact_date(struct arena *a, long days)
{
	struct date d = date_from_days(days);
	return arena_printf(a, "%04d%02d%02d", d.year, d.month, d.day);
}

static const char *location_text(struct arena *a, const struct listing *l,
				 const struct community_schedule *s)
{
	const struct community_location *at = NULL;
	for (size_t i = 0; i < l->location_count; i++)
		if (!empty(s->service_at_location_id) && l->locations[i].service_at_location_id &&
		    strcmp(l->locations[i].service_at_location_id, s->service_at_location_id) == 0)
			at = &l->locations[i];
	if (!at && l->location_count > 0)
		at = &l->locations[0];
	if (!at)
		return NULL;
	struct sb out;
	sb_init(&out, a, 2048);
	const char *parts[] = {at->name, at->address_1, at->city, at->postal_code};
	for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) {
		if (empty(parts[i]))
			continue;
		if (out.len)
			sb_puts(&out, ", ");
		sb_puts(&out, parts[i]);
	}
	return out.len ? sb_str(&out) : NULL;
}

static void rrule(struct sb *out, struct arena *a, const struct community_schedule *s,
		  const struct rule *r, bool all_day)
{
	struct sb line;
	sb_init(&line, a, 1024);
	sb_printf(&line, "RRULE:FREQ=%s", r->freq == FREQ_WEEKLY ? "WEEKLY" : "MONTHLY");
	if (r->interval > 1)
		sb_printf(&line, ";INTERVAL=%ld", r->interval);
	if (!empty(s->byday))
		sb_printf(&line, ";BYDAY=%s", s->byday);
	if (!empty(s->bymonthday))
		sb_printf(&line, ";BYMONTHDAY=%s", s->bymonthday);
	if (r->to != LONG_MAX) {
		if (all_day) {
			sb_printf(&line, ";UNTIL=%s", compact_date(a, r->to));
		} else {
			/* With a TZID start, UNTIL is the UTC instant the last
			 * day ends in London. */
			time_t end = date_uk_instant(date_from_days(r->to), 23, 59);
			struct tm tm;
			gmtime_r(&end, &tm);
			sb_printf(&line, ";UNTIL=%04d%02d%02dT%02d%02d00Z", tm.tm_year + 1900,
				  tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min);
		}
	}
	ical_line(out, sb_str(&line));
}

static void event(struct sb *out, struct arena *a, const struct listing *l,
		  const struct community_schedule *s, const char *page_url)
{
	struct rule r;
	if (!rule_read(s, NULL, &r, NULL) || r.freq == FREQ_WORDS)
		return;
	long begin = r.has_start ? r.start : r.from != LONG_MIN ? r.from : LONG_MIN;
	if (begin == LONG_MIN) {
		/* An open-ended rule starts from the day the listing last
		 * changed, so the feed is the same whenever it is read. */
		struct date d;
		char day[11] = "";
		if (l->last_modified && strlen(l->last_modified) >= 10) {
			memcpy(day, l->last_modified, 10);
			day[10] = '\0';
		}
		begin = date_parse(day, &d) ? date_to_days(d) : date_to_days((struct date){2026, 1, 1});
	}
	long first = begin;
	while (first < begin + FIRST_SEARCH_DAYS && !rule_on(&r, first))
		first++;
	if (!rule_on(&r, first))
		return;
	bool all_day = empty(s->opens_at);
	const char *day = compact_date(a, first);
	ical_line(out, "BEGIN:VEVENT");
	ical_text_property(out, "UID", arena_printf(a, "%s@alongside", s->id ? s->id : l->id));
	ical_line(out, arena_printf(a, "DTSTAMP:%s",
				    l->last_modified ? ical_utc(a, l->last_modified)
						     : "19700101T000000Z"));
	/* A corrected time keeps its UID; a calendar that subscribed takes
	 * the change when the sequence goes up (RFC 5545 3.8.7.4). */
	ical_line(out, arena_printf(a, "SEQUENCE:%ld", l->version > 0 ? l->version : 0));
	if (l->last_modified)
		ical_line(out, arena_printf(a, "LAST-MODIFIED:%s", ical_utc(a, l->last_modified)));
	if (all_day) {
		ical_line(out, arena_printf(a, "DTSTART;VALUE=DATE:%s", day));
		ical_line(out, arena_printf(a, "DTEND;VALUE=DATE:%s", compact_date(a, first + 1)));
	} else {
		ical_line(out, arena_printf(a, "DTSTART;TZID=Europe/London:%sT%.2s%.2s00", day,
					    s->opens_at, s->opens_at + 3));
		if (!empty(s->closes_at))
			ical_line(out, arena_printf(a, "DTEND;TZID=Europe/London:%sT%.2s%.2s00",
						    day, s->closes_at, s->closes_at + 3));
	}
	if (r.freq == FREQ_WEEKLY || r.freq == FREQ_MONTHLY)
		rrule(out, a, s, &r, all_day);
	ical_text_property(out, "SUMMARY", l->name);
	const char *where = location_text(a, l, s);
	if (where)
		ical_text_property(out, "LOCATION", where);
	if (!empty(s->description))
		ical_text_property(out, "DESCRIPTION", s->description);
	if (!empty(page_url))
		ical_line(out, arena_printf(a, "URL:%s", page_url));
	ical_line(out, "END:VEVENT");
}

void schedule_ical(struct sb *out, const struct listing *l, const char *page_url)
{
	struct arena *a = out->arena;
	ical_line(out, "BEGIN:VCALENDAR");
	ical_line(out, "VERSION:2.0");
	ical_line(out, "PRODID:-//Alongside//Community directory//EN");
	ical_line(out, "CALSCALE:GREGORIAN");
	ical_line(out, "METHOD:PUBLISH");
	ical_text_property(out, "X-WR-CALNAME", l->name);
	ical_vtimezone_london(out);
	for (size_t i = 0; i < l->schedule_count; i++)
		event(out, a, l, &l->schedules[i], page_url);
	ical_line(out, "END:VCALENDAR");
}
