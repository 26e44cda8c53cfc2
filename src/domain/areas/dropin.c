#include "domain/areas/dropin.h"

#include "core/arena.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/id.h"
#include "core/utf8.h"
#include "db/db.h"
#include "domain/areas/area.h"
#include "domain/staff/audit.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const weekday_names[] = {"Monday", "Tuesday", "Wednesday",
					    "Thursday", "Friday", "Saturday",
					    "Sunday"};
static const char *const frequency_names[] = {"weekly", "fortnightly",
					      "monthly"};

const char *dropin_weekday_name(int weekday)
{
	return weekday >= 1 && weekday <= 7 ? weekday_names[weekday - 1] : "?";
}

/* The Nth (or, for -1, last) given weekday of a month, or day 0 if the
 * month has no fifth one. */
static struct date nth_weekday(int year, int month, int weekday, int n)
{
	if (n < 0) {
		struct date last = {year, month, date_days_in_month(year, month)};
		int back = (date_weekday(last) - weekday + 7) % 7;
		last.day -= back;
		return last;
	}
	struct date first = {year, month, 1};
	int ahead = (weekday - date_weekday(first) + 7) % 7;
	struct date d = {year, month, 1 + ahead + 7 * (n - 1)};
	if (d.day > date_days_in_month(year, month))
		d.day = 0;
	return d;
}

size_t dropin_next_dates(const struct dropin_rule *rule, struct date from,
			 struct date *out, size_t count)
{
	long start = date_to_days(from);
	long first = date_to_days(rule->first);
	if (start < first)
		start = first;
	size_t n = 0;
	if (rule->frequency != DROPIN_MONTHLY) {
		long step = rule->frequency == DROPIN_WEEKLY ? 7 : 14;
		long k = (start - first + step - 1) / step;
		for (long day = first + k * step; n < count; day += step)
			out[n++] = date_from_days(day);
		return n;
	}
	struct date s = date_from_days(start);
	int year = s.year, month = s.month;
	for (int months = 0; n < count && months < 60; months++) {
		struct date d = nth_weekday(year, month, rule->weekday,
					    rule->week_of_month);
		if (d.day && date_to_days(d) >= start)
			out[n++] = d;
		if (++month == 13) {
			month = 1;
			year++;
		}
	}
	return n;
}

struct date dropin_next(const struct dropin_rule *rule, struct date from)
{
	struct date next;
	return dropin_next_dates(rule, from, &next, 1) == 1 ? next : DROPIN_NEVER;
}

size_t dropin_choose(const double *metres, const struct date *next, size_t count)
{
	size_t nearest = count, soonest = 0;
	for (size_t i = 0; i < count; i++) {
		if (metres[i] >= 0 && (nearest == count || metres[i] < metres[nearest]))
			nearest = i;
		if (date_to_days(next[i]) < date_to_days(next[soonest]))
			soonest = i;
	}
	return nearest < count ? nearest : soonest;
}

const char *dropin_describe(struct arena *a, const struct dropin_rule *rule)
{
	static const char *const ordinals[] = {"first", "second", "third",
					       "fourth", "fifth"};
	switch (rule->frequency) {
	case DROPIN_WEEKLY:
		return arena_printf(a, "every %s", dropin_weekday_name(rule->weekday));
	case DROPIN_FORTNIGHTLY:
		return arena_printf(a, "every other %s",
				    dropin_weekday_name(rule->weekday));
	default:
		return arena_printf(a, "on the %s %s of the month",
				    rule->week_of_month < 0
					    ? "last"
					    : ordinals[rule->week_of_month - 1],
				    dropin_weekday_name(rule->weekday));
	}
}

static bool time_ok(const char *s)
{
	return s && strlen(s) == 5 && isdigit((unsigned char)s[0]) &&
	       isdigit((unsigned char)s[1]) && s[2] == ':' &&
	       isdigit((unsigned char)s[3]) && isdigit((unsigned char)s[4]) &&
	       (s[0] - '0') * 10 + (s[1] - '0') < 24 && s[3] < '6';
}

/* Checks everything and fills the rule: a field error for each problem,
 * named as the JSON API names the field. */
static int validate(const struct dropin_input *in, struct dropin_rule *rule,
		    struct err *e)
{
	if (!utf8_text_ok(in->venue, 200, false))
		err_field(e, "venue", "a drop-in needs a venue (200 characters at most)");
	if (!utf8_text_ok(in->address, 300, false))
		err_field(e, "address", "a drop-in needs an address (300 characters at most)");
	if (in->notes && !utf8_text_ok(in->notes, 600, true))
		err_field(e, "notes", "notes are 600 characters at most");
	rule->weekday = 0;
	for (int i = 0; in->weekday && i < 7; i++)
		if (strcasecmp(in->weekday, weekday_names[i]) == 0 ||
		    (in->weekday[0] == '1' + i && in->weekday[1] == '\0'))
			rule->weekday = i + 1;
	if (!rule->weekday)
		err_field(e, "weekday", "the weekday is a day's name, such as Tuesday");
	if (!time_ok(in->starts))
		err_field(e, "starts", "the start is a time such as 10:00");
	if (!time_ok(in->ends))
		err_field(e, "ends", "the end is a time such as 12:00");
	else if (time_ok(in->starts) && strcmp(in->starts, in->ends) >= 0)
		err_field(e, "ends", "start and end are times such as 10:00 and 12:00, "
				     "the end after the start");
	int f = -1;
	for (int i = 0; in->frequency && i < 3; i++)
		if (strcmp(in->frequency, frequency_names[i]) == 0)
			f = i;
	if (f < 0)
		err_field(e, "frequency", "how often is weekly, fortnightly or monthly");
	rule->frequency = f < 0 ? DROPIN_WEEKLY : (enum dropin_frequency)f;
	rule->week_of_month = 0;
	if (f == (int)DROPIN_MONTHLY) {
		if (in->week && strcmp(in->week, "last") == 0)
			rule->week_of_month = -1;
		else if (in->week && in->week[0] >= '1' && in->week[0] <= '5' &&
			 in->week[1] == '\0')
			rule->week_of_month = in->week[0] - '0';
		else
			err_field(e, "week", "a monthly drop-in needs the week: 1 to 5, "
					     "or last");
	} else if (f >= 0 && in->week) {
		err_field(e, "week", "only a monthly drop-in has a week of the month");
	}
	if (!in->first_date || !date_parse(in->first_date, &rule->first))
		err_field(e, "first_date", "the first date is written YYYY-MM-DD");
	else if (f >= 0 && f != (int)DROPIN_MONTHLY && rule->weekday &&
		 date_weekday(rule->first) != rule->weekday)
		err_field(e, "first_date", "the first date must fall on the drop-in's weekday");
	return err_invalid_if_any(e);
}

int dropin_add(struct db *db, const struct caller *who, const char *area_ref,
	       const struct dropin_input *in, char *id_out, struct err *e)
{
	err_clear(e);
	struct db_conn *c;
	if (db_transaction(db, &c, e) < 0)
		return RESULT_FAILED;
	struct arena *a = arena_new();
	char now[CLOCK_ISO8601_SIZE];
	clock_utc_iso8601(now, sizeof now);
	id_new(id_out);
	const char *area_id = NULL;
	struct dropin_rule rule;
	int rc = area_may_change(who, e);
	if (rc == RESULT_OK)
		rc = validate(in, &rule, e);
	if (rc == RESULT_OK)
		rc = area_resolve(c, a, area_ref, &area_id, e);
	if (rc == RESULT_OK) {
		struct db_param p[] = {
			DB_TEXT(id_out),
			DB_TEXT(area_id),
			DB_TEXT(in->venue),
			DB_TEXT(in->address),
			DB_INT(rule.weekday),
			DB_TEXT(in->starts),
			DB_TEXT(in->ends),
			DB_TEXT(frequency_names[rule.frequency]),
			rule.week_of_month ? DB_INT(rule.week_of_month) : DB_NULL,
			DB_TEXT(in->first_date),
			DB_TEXT(in->notes),
			DB_TEXT(now),
		};
		rc = db_query(c, a,
			      "INSERT INTO drop_ins (id, area_id, venue, address,"
			      " weekday, starts_at, ends_at, frequency,"
			      " week_of_month, first_date, notes, created_at,"
			      " updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7,"
			      " $8, $9, $10, $11, $12, $12)",
			      p, NULL, e);
	}
	struct audit_entry entry = {"drop_in_add", "drop_in", rc == RESULT_OK ? id_out : NULL,
				    area_id, NULL, NULL};
	return audit_commit_or_refuse(c, a, rc, who, &entry, e);
}

int dropin_list(struct db *db, struct arena *a, const char *area_id,
		struct dropin **out, size_t *count, struct err *e)
{
	struct db_param p[] = {DB_TEXT(area_id)};
	struct db_rows rows;
	int rc = db_run(db, a,
			 "SELECT id, area_id, venue, address, weekday, starts_at,"
			 " ends_at, frequency, week_of_month, first_date, notes,"
			 " updated_at FROM drop_ins WHERE area_id = $1"
			 " ORDER BY weekday, starts_at, venue",
			 p, &rows, e);
	if (rc != RESULT_OK)
		return RESULT_FAILED;
	struct dropin *list = arena_alloc(a, (rows.row_count + 1) * sizeof *list);
	for (size_t i = 0; i < rows.row_count; i++) {
		struct dropin *d = &list[i];
		d->id = db_cell(&rows, i, 0);
		d->area_id = db_cell(&rows, i, 1);
		d->venue = db_cell(&rows, i, 2);
		d->address = db_cell(&rows, i, 3);
		d->rule.weekday = (int)strtol(db_cell(&rows, i, 4), NULL, 10);
		d->starts = db_cell(&rows, i, 5);
		d->ends = db_cell(&rows, i, 6);
		const char *f = db_cell(&rows, i, 7);
		d->rule.frequency = strcmp(f, "weekly") == 0 ? DROPIN_WEEKLY
				    : strcmp(f, "fortnightly") == 0 ? DROPIN_FORTNIGHTLY
								     : DROPIN_MONTHLY;
		const char *week = db_cell(&rows, i, 8);
		d->rule.week_of_month = week ? (int)strtol(week, NULL, 10) : 0;
		date_parse(db_cell(&rows, i, 9), &d->rule.first);
		d->notes = db_cell(&rows, i, 10);
		d->updated_at = db_cell(&rows, i, 11);
	}
	*out = list;
	*count = rows.row_count;
	return RESULT_OK;
}

/* The start of the word that ends at `end` (words end at spaces and
 * commas). */
static size_t word_start(const char *s, size_t end)
{
	while (end > 0 && !isspace((unsigned char)s[end - 1]) && s[end - 1] != ',')
		end--;
	return end;
}

static bool normalise_span(const char *s, size_t start, size_t end,
			   char out[POSTCODE_SIZE])
{
	char candidate[16];
	if (end - start >= sizeof candidate)
		return false;
	memcpy(candidate, s + start, end - start);
	candidate[end - start] = '\0';
	return postcode_normalise(candidate, out);
}

bool dropin_address_postcode(const char *address, char out[POSTCODE_SIZE])
{
	out[0] = '\0';
	size_t end = strlen(address);
	while (end > 0 && isspace((unsigned char)address[end - 1]))
		end--;
	/* "YO265NH" is one word; "YO26 5NH" two. */
	size_t inward = word_start(address, end);
	if (normalise_span(address, inward, end, out))
		return true;
	size_t gap = inward;
	while (gap > 0 && address[gap - 1] == ' ')
		gap--;
	return gap < inward && normalise_span(address, word_start(address, gap), end, out);
}
