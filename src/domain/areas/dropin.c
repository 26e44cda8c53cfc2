#include "domain/areas/dropin.h"

#include "core/arena.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/id.h"
#include "core/utf8.h"
#include "db/db.h"
#include "db/generation.h"
#include "domain/areas/area.h"
#include "domain/staff/audit.h"

#include <ctype.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

static const char *const weekday_names[] = {"Monday", "Tuesday", "Wednesday",
					    "Thursday", "Friday", "Saturday",
					    "Sunday"};
static const char *const frequency_names[] = {"weekly", "fortnightly",
					      "monthly"};

const char *dropin_frequency_name(enum dropin_frequency f)
{
	return frequency_names[f];
}

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
		for (long day = first + k * step; n < count; day += step) {
			if (rule->ends && day > date_to_days(rule->last))
				break;
			out[n++] = date_from_days(day);
		}
		return n;
	}
	struct date s = date_from_days(start);
	int year = s.year, month = s.month;
	for (int months = 0; n < count && months < 60; months++) {
		struct date d = nth_weekday(year, month, rule->weekday,
					    rule->week_of_month);
		if (d.day && rule->ends && date_to_days(d) > date_to_days(rule->last))
			break;
		if (d.day && date_to_days(d) >= start)
			out[n++] = d;
		if (++month == 13) {
			month = 1;
			year++;
		}
	}
	return n;
}

bool dropin_final_date(const struct dropin_rule *rule, struct date *out)
{
	if (!rule->ends)
		return false;
	/* Every rule happens at least once in any 62 days that hold a date
	 * of it (a monthly one, in 35; a fifth weekday may skip months, so
	 * look back a year for those). */
	struct date dates[60];
	long back = rule->week_of_month == 5 ? 366 : 62;
	size_t n = dropin_next_dates(rule, date_from_days(date_to_days(rule->last) - back),
				     dates, sizeof dates / sizeof *dates);
	if (n == 0)
		return false;
	*out = dates[n - 1];
	return true;
}

const struct dropin_cancellation *dropin_cancelled(const struct dropin *d, struct date day)
{
	for (size_t i = 0; i < d->cancellation_count; i++)
		if (date_to_days(d->cancellations[i].on_date) == date_to_days(day))
			return &d->cancellations[i];
	return NULL;
}

void dropin_upcoming(const struct dropin *d, struct date from, struct dropin_upcoming *out)
{
	out->next = DROPIN_NEVER;
	out->cancelled = NULL;
	struct date dates[16];
	/* Past every cancelled date there is, a batch at a time. */
	for (size_t round = 0; round < 64; round++) {
		size_t n = dropin_next_dates(&d->rule, from, dates, sizeof dates / sizeof *dates);
		for (size_t i = 0; i < n; i++) {
			const struct dropin_cancellation *c = dropin_cancelled(d, dates[i]);
			if (!c) {
				out->next = dates[i];
				return;
			}
			if (!out->cancelled)
				out->cancelled = c;
		}
		if (n < sizeof dates / sizeof *dates)
			return;
		from = date_from_days(date_to_days(dates[n - 1]) + 1);
	}
}

void dropin_upcoming_at(const struct dropin *d, time_t now, struct dropin_upcoming *out)
{
	int hour, minute, end_hour, end_minute;
	struct date today = date_uk_clock(now, &hour, &minute);
	bool over = date_parse_clock(d->ends, &end_hour, &end_minute) &&
		    hour * 60 + minute >= end_hour * 60 + end_minute;
	dropin_upcoming(d, over ? date_from_days(date_to_days(today) + 1) : today, out);
}

bool dropin_goes_on(const struct dropin *d, struct date today)
{
	struct date next;
	return dropin_next_dates(&d->rule, today, &next, 1) == 1;
}

int dropin_check_cancel_date(const struct dropin *d, const char *on_date, struct date today,
			     struct date *out, struct err *e)
{
	struct date next;
	if (!on_date || !*on_date)
		return err_field(e, "on_date", "choose the date to cancel");
	if (!date_parse(on_date, out))
		return err_field(e, "on_date", "choose a real date to cancel");
	if (date_to_days(*out) < date_to_days(today))
		return err_field(e, "on_date", "that date has passed: choose one still to come");
	if (dropin_next_dates(&d->rule, *out, &next, 1) != 1 ||
	    date_to_days(next) != date_to_days(*out))
		return err_field(e, "on_date", "the drop-in does not happen that day: choose "
					       "one of its dates");
	if (dropin_cancelled(d, *out))
		return err_field(e, "on_date", "that date is cancelled already");
	return RESULT_OK;
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

/* Sets rule's last date from last_date, as typed: a date, and (when the
 * rest of the rule is known good, rule_ok) one on or after its first
 * date, so it happens at least once. */
static void check_last_date(const char *last_date, struct dropin_rule *rule, bool rule_ok,
			    struct err *e)
{
	struct date final;
	rule->ends = true;
	if (!date_parse(last_date, &rule->last))
		err_field(e, "last_date", "enter the last date, a real date");
	else if (rule_ok && !dropin_final_date(rule, &final))
		err_field(e, "last_date", "a drop-in cannot end before it starts: the last "
					  "date is on or after its first date");
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
	bool first_ok = false;
	if (!in->first_date || !date_parse(in->first_date, &rule->first))
		err_field(e, "first_date", "enter the first date, a real date");
	else if (f >= 0 && f != (int)DROPIN_MONTHLY && rule->weekday &&
		 date_weekday(rule->first) != rule->weekday)
		err_field(e, "first_date", "the first date must fall on the drop-in's weekday");
	else
		first_ok = true;
	rule->ends = in->last_date != NULL;
	if (rule->ends)
		check_last_date(in->last_date, rule, first_ok && !err_invalid_if_any(e), e);
	return err_invalid_if_any(e);
}

/* The public record of drop-in id as it stands on c, for the audit
 * log's before and after: its fields and its live cancellations.  NULL
 * (with e set) on a failure; JSON null for none. */
static json_t *snapshot(struct db_conn *c, struct arena *a, const char *id, struct err *e);
static int load(struct db_conn *c, struct arena *a, bool by_area, const char *key,
		struct dropin **out, size_t *count, struct err *e);

/* {"before": before, "after": the drop-in now} as text in a; NULL when
 * it cannot be read (the change fails, with e). */
static const char *changes(struct db_conn *c, struct arena *a, json_t *before, const char *id,
			   struct err *e)
{
	json_t *after = snapshot(c, a, id, e);
	if (!after) {
		json_decref(before);
		return NULL;
	}
	json_t *both = json_pack("{s:o,s:o}", "before", before ? before : json_null(), "after",
				 after);
	char *text = json_dumps(both, JSON_COMPACT);
	json_decref(both);
	const char *out = text ? arena_strdup(a, text) : NULL;
	free(text);
	if (!out)
		err_set(e, "could not write the change as JSON");
	return out;
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
	const char *change = NULL;
	struct dropin_rule rule;
	int rc = area_may_change(who, e);
	if (rc == RESULT_OK)
		rc = validate(in, &rule, e);
	if (rc == RESULT_OK)
		rc = area_resolve(c, a, area_ref, &area_id, e);
	if (rc == RESULT_OK)
		rc = area_check_in_use(c, a, area_id, e);
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
			DB_TEXT(in->last_date),
		};
		rc = db_query(c, a,
			      "INSERT INTO drop_ins (id, area_id, venue, address,"
			      " weekday, starts_at, ends_at, frequency,"
			      " week_of_month, first_date, notes, created_at,"
			      " updated_at, last_date) VALUES ($1, $2, $3, $4, $5, $6, $7,"
			      " $8, $9, $10, $11, $12, $12, $13)",
			      p, NULL, e);
	}
	if (rc == RESULT_OK)
		rc = db_generation_bump(c, DB_GENERATION_AREAS, e);
	if (rc == RESULT_OK && !(change = changes(c, a, NULL, id_out, e)))
		rc = RESULT_FAILED;
	struct audit_entry entry = {"drop_in_add", "drop_in", rc == RESULT_OK ? id_out : NULL,
				    area_id, NULL, change};
	return audit_commit_or_refuse(c, a, rc, who, &entry, e);
}

/* A change to one drop-in as it goes: its transaction and arena, the
 * drop-in as it was (d, and before, its snapshot), and the time. */
struct change {
	struct db_conn *c;
	struct arena *a;
	struct dropin d;
	json_t *before;
	char now[CLOCK_ISO8601_SIZE];
};

/* The start of every change to one drop-in: a transaction, then may who
 * change it, is it there, and is its area in use?  Fills ch (the drop-in
 * as on ch->c, in ch->a).  With no transaction to be had, ch->c is NULL
 * and the result RESULT_FAILED. */
static int begin_change(struct db *db, const struct caller *who, const char *id,
			struct change *ch, struct err *e)
{
	err_clear(e);
	*ch = (struct change){0};
	if (db_transaction(db, &ch->c, e) < 0) {
		ch->c = NULL;
		return RESULT_FAILED;
	}
	ch->a = arena_new();
	clock_utc_iso8601(ch->now, sizeof ch->now);
	int rc = area_may_change(who, e);
	if (rc != RESULT_OK)
		return rc;
	struct dropin *found;
	size_t n;
	if (!id_valid(id))
		return err_not_found(e, "drop_in", "no drop-in with that id");
	if (load(ch->c, ch->a, false, id, &found, &n, e) != RESULT_OK)
		return RESULT_FAILED;
	if (n == 0)
		return err_not_found(e, "drop_in", "no drop-in with that id");
	ch->d = found[0];
	rc = area_check_in_use(ch->c, ch->a, ch->d.area_id, e);
	if (rc != RESULT_OK)
		return rc;
	ch->before = snapshot(ch->c, ch->a, id, e);
	return ch->before ? RESULT_OK : RESULT_FAILED;
}

/* The end of every change to a drop-in: its sequence raised and
 * updated_at moved, the generation bumped, and the audit entry with
 * before and after written as the change commits.  A change that had no
 * transaction returns rc. */
static int end_change(struct change *ch, int rc, const struct caller *who, const char *action,
		      struct err *e)
{
	if (!ch->c)
		return rc;
	struct db_conn *c = ch->c;
	struct arena *a = ch->a;
	const struct dropin *d = &ch->d;
	json_t *before = ch->before;
	const char *change = NULL;
	char now[CLOCK_ISO8601_SIZE];
	clock_utc_iso8601(now, sizeof now);
	if (rc == RESULT_OK) {
		struct db_param p[] = {DB_TEXT(d->id), DB_TEXT(now)};
		rc = db_query(c, a,
			      "UPDATE drop_ins SET sequence = sequence + 1, updated_at = $2"
			      " WHERE id = $1",
			      p, NULL, e);
	}
	if (rc == RESULT_OK)
		rc = db_generation_bump(c, DB_GENERATION_AREAS, e);
	if (rc == RESULT_OK) {
		change = changes(c, a, before, d->id, e);
		before = NULL;
		if (!change)
			rc = RESULT_FAILED;
	}
	json_decref(before);
	/* d->id is NULL for a drop-in not found (a refusal names none). */
	struct audit_entry entry = {action, "drop_in", d->id, d->area_id, NULL, change};
	return audit_commit_or_refuse(c, a, rc, who, &entry, e);
}

int dropin_update(struct db *db, const struct caller *who, const char *id,
		  const struct dropin_input *in, struct err *e)
{
	struct change ch;
	struct dropin_rule rule;
	int rc = begin_change(db, who, id, &ch, e);
	if (rc == RESULT_OK)
		rc = validate(in, &rule, e);
	if (rc == RESULT_OK) {
		struct db_param p[] = {
			DB_TEXT(ch.d.id),
			DB_TEXT(in->venue),
			DB_TEXT(in->address),
			DB_INT(rule.weekday),
			DB_TEXT(in->starts),
			DB_TEXT(in->ends),
			DB_TEXT(frequency_names[rule.frequency]),
			rule.week_of_month ? DB_INT(rule.week_of_month) : DB_NULL,
			DB_TEXT(in->first_date),
			DB_TEXT(in->notes),
			DB_TEXT(in->last_date),
		};
		rc = db_query(ch.c, ch.a,
			      "UPDATE drop_ins SET venue = $2, address = $3, weekday = $4,"
			      " starts_at = $5, ends_at = $6, frequency = $7,"
			      " week_of_month = $8, first_date = $9, notes = $10,"
			      " last_date = $11 WHERE id = $1",
			      p, NULL, e);
	}
	return end_change(&ch, rc, who, "drop_in_update", e);
}

int dropin_end(struct db *db, const struct caller *who, const char *id,
	       const char *last_date, struct err *e)
{
	struct change ch;
	int rc = begin_change(db, who, id, &ch, e);
	if (rc == RESULT_OK) {
		if (!last_date || !*last_date)
			err_field(e, "last_date", "enter the last date, a real date");
		else
			check_last_date(last_date, &ch.d.rule, true, e);
		rc = err_invalid_if_any(e);
	}
	if (rc == RESULT_OK) {
		struct db_param p[] = {DB_TEXT(ch.d.id), DB_TEXT(last_date)};
		rc = db_query(ch.c, ch.a, "UPDATE drop_ins SET last_date = $2 WHERE id = $1", p,
			      NULL, e);
	}
	return end_change(&ch, rc, who, "drop_in_end", e);
}

int dropin_cancel(struct db *db, const struct caller *who, const char *id,
		  const char *on_date, const char *reason, char *id_out, struct err *e)
{
	struct change ch;
	struct date day;
	int rc = begin_change(db, who, id, &ch, e);
	if (ch.c)
		id_new(id_out);
	if (rc == RESULT_OK) {
		dropin_check_cancel_date(&ch.d, on_date, date_uk_today(time(NULL)), &day, e);
		if (!utf8_text_ok(reason, 200, false))
			err_field(e, "reason", "say why in a few words (200 characters at "
					       "most), such as: the hall is closed");
		rc = err_invalid_if_any(e);
	}
	if (rc == RESULT_OK) {
		char text[11];
		date_format(day, text);
		struct db_param p[] = {DB_TEXT(id_out), DB_TEXT(ch.d.id), DB_TEXT(text),
				       DB_TEXT(reason), DB_TEXT(caller_user_id(who)),
				       DB_TEXT(ch.now)};
		rc = db_query(ch.c, ch.a,
			      "INSERT INTO drop_in_cancellations (id, drop_in_id, on_date,"
			      " reason, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
			      p, NULL, e);
	}
	return end_change(&ch, rc, who, "drop_in_cancel", e);
}

int dropin_withdraw_cancellation(struct db *db, const struct caller *who, const char *id,
				 const char *cancellation_id, struct err *e)
{
	struct change ch;
	int rc = begin_change(db, who, id, &ch, e);
	if (rc == RESULT_OK) {
		struct db_param p[] = {DB_TEXT(ch.d.id), DB_TEXT(cancellation_id),
				       DB_TEXT(caller_user_id(who)), DB_TEXT(ch.now)};
		struct db_rows rows;
		rc = db_query(ch.c, ch.a,
			      "UPDATE drop_in_cancellations SET withdrawn_at = $4,"
			      " withdrawn_by = $3 WHERE id = $2 AND drop_in_id = $1"
			      " AND withdrawn_at IS NULL RETURNING id",
			      p, &rows, e);
		if (rc == RESULT_OK && rows.row_count == 0)
			rc = err_not_found(e, "cancellation",
					   "that drop-in has no such cancellation in force");
	}
	return end_change(&ch, rc, who, "drop_in_cancel_withdraw", e);
}

static const char *const select_by_area =
	"SELECT id, area_id, venue, address, weekday, starts_at, ends_at, frequency,"
	" week_of_month, first_date, notes, updated_at, last_date, sequence"
	" FROM drop_ins WHERE area_id = $1 ORDER BY weekday, starts_at, venue, id";
static const char *const select_by_id =
	"SELECT id, area_id, venue, address, weekday, starts_at, ends_at, frequency,"
	" week_of_month, first_date, notes, updated_at, last_date, sequence"
	" FROM drop_ins WHERE id = $1";
static const char *const cancellations_by_area =
	"SELECT x.id, x.drop_in_id, x.on_date, x.reason, x.created_at"
	" FROM drop_in_cancellations x JOIN drop_ins d ON d.id = x.drop_in_id"
	" WHERE d.area_id = $1 AND x.withdrawn_at IS NULL ORDER BY x.on_date, x.id";
static const char *const cancellations_by_id =
	"SELECT id, drop_in_id, on_date, reason, created_at FROM drop_in_cancellations"
	" WHERE drop_in_id = $1 AND withdrawn_at IS NULL ORDER BY on_date, id";

static void read_row(const struct db_rows *rows, size_t i, struct dropin *d)
{
	memset(d, 0, sizeof *d);
	d->id = db_cell(rows, i, 0);
	d->area_id = db_cell(rows, i, 1);
	d->venue = db_cell(rows, i, 2);
	d->address = db_cell(rows, i, 3);
	d->rule.weekday = (int)strtol(db_cell(rows, i, 4), NULL, 10);
	d->starts = db_cell(rows, i, 5);
	d->ends = db_cell(rows, i, 6);
	const char *f = db_cell(rows, i, 7);
	d->rule.frequency = strcmp(f, "weekly") == 0 ? DROPIN_WEEKLY
			    : strcmp(f, "fortnightly") == 0 ? DROPIN_FORTNIGHTLY
							     : DROPIN_MONTHLY;
	const char *week = db_cell(rows, i, 8);
	d->rule.week_of_month = week ? (int)strtol(week, NULL, 10) : 0;
	date_parse(db_cell(rows, i, 9), &d->rule.first);
	d->notes = db_cell(rows, i, 10);
	d->updated_at = db_cell(rows, i, 11);
	const char *last = db_cell(rows, i, 12);
	d->rule.ends = last && date_parse(last, &d->rule.last);
	d->sequence = (int)strtol(db_cell(rows, i, 13), NULL, 10);
}

/* The drop-ins of an area (by_area) or the one with id key, each with
 * its live cancellations, on c. */
static int load(struct db_conn *c, struct arena *a, bool by_area, const char *key,
		struct dropin **out, size_t *count, struct err *e)
{
	struct db_param p[] = {DB_TEXT(key)};
	struct db_rows rows, cancelled;
	if (db_query(c, a, by_area ? select_by_area : select_by_id, p, &rows, e) < 0 ||
	    db_query(c, a, by_area ? cancellations_by_area : cancellations_by_id, p, &cancelled,
		     e) < 0)
		return RESULT_FAILED;
	struct dropin *list = arena_alloc(a, (rows.row_count + 1) * sizeof *list);
	for (size_t i = 0; i < rows.row_count; i++) {
		struct dropin *d = &list[i];
		read_row(&rows, i, d);
		d->cancellations = arena_alloc(a, (cancelled.row_count + 1) *
							  sizeof *d->cancellations);
		for (size_t j = 0; j < cancelled.row_count; j++) {
			if (strcmp(db_cell(&cancelled, j, 1), d->id) != 0)
				continue;
			struct dropin_cancellation *x = &d->cancellations[d->cancellation_count++];
			x->id = db_cell(&cancelled, j, 0);
			date_parse(db_cell(&cancelled, j, 2), &x->on_date);
			x->reason = db_cell(&cancelled, j, 3);
			x->created_at = db_cell(&cancelled, j, 4);
		}
	}
	*out = list;
	*count = rows.row_count;
	return RESULT_OK;
}

static json_t *snapshot(struct db_conn *c, struct arena *a, const char *id, struct err *e)
{
	struct dropin *found;
	size_t n;
	if (load(c, a, false, id, &found, &n, e) != RESULT_OK)
		return NULL;
	if (n == 0)
		return json_null();
	const struct dropin *d = &found[0];
	char first[11], last[11];
	date_format(d->rule.first, first);
	date_format(d->rule.last, last);
	json_t *cancellations = json_array();
	for (size_t i = 0; i < d->cancellation_count; i++) {
		char on[11];
		date_format(d->cancellations[i].on_date, on);
		json_array_append_new(cancellations, json_pack("{s:s,s:s}", "on_date", on,
							       "reason",
							       d->cancellations[i].reason));
	}
	return json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:o,s:s,s:s?,s:s?,s:o}", "venue", d->venue,
			 "address", d->address, "weekday", dropin_weekday_name(d->rule.weekday),
			 "starts", d->starts, "ends", d->ends, "frequency",
			 frequency_names[d->rule.frequency], "week",
			 d->rule.week_of_month ? json_integer(d->rule.week_of_month) : json_null(),
			 "first_date", first, "last_date", d->rule.ends ? last : NULL, "notes",
			 d->notes, "cancellations", cancellations);
}

/* Runs load on a connection taken for it. */
static int load_on_own(struct db *db, struct arena *a, bool by_area, const char *key,
		       struct dropin **out, size_t *count, struct err *e)
{
	struct db_conn *c;
	if (db_acquire(db, &c, e) < 0)
		return RESULT_FAILED;
	int rc = load(c, a, by_area, key, out, count, e);
	db_release(c);
	return rc;
}

int dropin_list(struct db *db, struct arena *a, const char *area_id,
		struct dropin **out, size_t *count, struct err *e)
{
	return load_on_own(db, a, true, area_id, out, count, e);
}

int dropin_get(struct db *db, struct arena *a, const char *id, struct dropin *out,
	       struct err *e)
{
	err_clear(e);
	if (!id_valid(id))
		return err_not_found(e, "drop_in", "no drop-in with that id");
	struct dropin *found;
	size_t n;
	if (load_on_own(db, a, false, id, &found, &n, e) != RESULT_OK)
		return RESULT_FAILED;
	if (n == 0)
		return err_not_found(e, "drop_in", "no drop-in with that id");
	*out = found[0];
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
