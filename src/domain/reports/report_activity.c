/*
 * The activity sections: introductions, replies, first conversations and
 * caseloads (report.h says what each holds and report_parts.h how a part
 * behaves).  Every figure comes from a handful of aggregate statements
 * over the scope's areas, never a statement per introduction or person:
 * the introductions of a period are found by received_at, their reply
 * and first conversation read from the summary columns schema/023 keeps
 * in step (introductions.replied_at, involvements.first_conversation_at).
 * Working days are counted here, in C, by the clock due dates use
 * (core/workdays.h), which SQL cannot share.
 */
#include "domain/reports/report_parts.h"

#include "core/arena.h"
#include "core/date.h"
#include "core/err.h"
#include "core/sb.h"
#include "core/workdays.h"
#include "db/db.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* At most five years of months (period.h). */
#define MONTHS_MAX 61
/* The statement with its list of areas: far below this. */
#define SQL_MAX (64 * 1024)

static const char *const month_names[] = {"January", "February", "March",     "April",
					  "May",     "June",     "July",      "August",
					  "September", "October", "November", "December"};

/* ------------------------------------------------------------------ */
/* Reading the database for the scope                                  */

/*
 * Runs sql with every "@AREAS@" in it replaced by the list of the
 * scope's areas as parameters, "($n, $n+1, ...)", bound after the
 * statement's own `fixed` parameters ($1..$fixed_count).  The list is
 * made of numbers alone; the ids are bound.
 */
static int run_in_areas(struct db *db, struct arena *a, const struct report_scope *s,
			const char *sql, const struct db_param *fixed, size_t fixed_count,
			struct db_rows *rows, struct err *e)
{
	struct sb list;
	sb_init(&list, a, SQL_MAX);
	sb_putc(&list, '(');
	for (size_t i = 0; i < s->area_count; i++)
		sb_printf(&list, "%s$%zu", i ? ", " : "", fixed_count + i + 1);
	sb_putc(&list, ')');
	struct sb text;
	sb_init(&text, a, SQL_MAX);
	static const char marker[] = "@AREAS@";
	for (const char *p = sql; *p;) {
		const char *at = strstr(p, marker);
		if (!at) {
			sb_puts(&text, p);
			break;
		}
		sb_append(&text, p, (size_t)(at - p));
		sb_puts(&text, sb_str(&list));
		p = at + sizeof marker - 1;
	}
	if (sb_failed(&list) || sb_failed(&text))
		return err_set(e, "a report's statement is too long for %zu areas", s->area_count);
	size_t n = fixed_count + s->area_count;
	struct db_param *params = arena_alloc(a, n * sizeof *params);
	for (size_t i = 0; i < fixed_count; i++)
		params[i] = fixed[i];
	for (size_t i = 0; i < s->area_count; i++)
		params[fixed_count + i] = DB_TEXT(s->area_ids[i]);
	return db_run_replanned_counted(db, a, sb_str(&text), params, n, rows, e);
}

static long number(const char *s)
{
	return s ? strtol(s, NULL, 10) : 0;
}

/* The row of an area in the scope's list, or -1. */
static long area_index(const struct report_scope *s, const char *area_id)
{
	for (size_t i = 0; area_id && i < s->area_count; i++)
		if (strcmp(s->area_ids[i], area_id) == 0)
			return (long)i;
	return -1;
}

/* The UK day of a stored time, in days since the epoch; -1 for no time. */
static long uk_day(const char *at)
{
	struct date d;
	return date_uk_of_stored(at, &d) ? date_to_days(d) : -1;
}

static long day_of(const char *ymd)
{
	struct date d;
	return ymd && date_parse(ymd, &d) ? date_to_days(d) : -1;
}

static const char *day_text(struct arena *a, long day)
{
	char out[11];
	date_format(date_from_days(day), out);
	return arena_strdup(a, out);
}

/* The instant a UK day begins, as stored times are written: the bounds of
 * "received in the period" ([first day's start, the day after the last's
 * start)), which an index on received_at can answer. */
static const char *day_start(struct arena *a, long day)
{
	char out[32];
	date_uk_instant_text(date_from_days(day), 0, 0, out);
	return arena_strdup(a, out);
}

struct months {
	char keys[MONTHS_MAX][8];
	int count;
	long first[MONTHS_MAX]; /* each month's first and last day within the period */
	long last[MONTHS_MAX];
};

static void months_of(const struct report_period *p, struct months *m)
{
	m->count = period_months(p, m->keys, MONTHS_MAX);
	long from = day_of(p->from), to = day_of(p->to);
	for (int i = 0; i < m->count; i++) {
		struct date d = {(int)strtol(m->keys[i], NULL, 10), (int)strtol(m->keys[i] + 5, NULL, 10),
				 1};
		long start = date_to_days(d);
		d.day = date_days_in_month(d.year, d.month);
		long end = date_to_days(d);
		m->first[i] = start < from ? from : start;
		m->last[i] = end > to ? to : end;
	}
}

static const char *month_label(struct arena *a, const char *key)
{
	long month = strtol(key + 5, NULL, 10);
	if (month < 1 || month > 12)
		return key;
	return arena_printf(a, "%s %.4s", month_names[month - 1], key);
}

/* A count in a summary as the tables show it: "fewer than 5" for 1 to 4
 * when suppressed. */
static const char *figure(struct arena *a, const struct report_scope *s, long n)
{
	if (s->suppressed && n > 0 && n < 5)
		return "fewer than 5";
	return arena_printf(a, "%ld", n);
}

/* ------------------------------------------------------------------ */
/* Building tables                                                     */

static void text_cell(struct report_table *t, size_t row, size_t col, const char *text)
{
	*report_cell_at(t, row, col) = (struct report_cell){.kind = CELL_TEXT, .text = text};
}

static void count_cell(struct report_table *t, size_t row, size_t col, long n)
{
	*report_cell_at(t, row, col) =
		(struct report_cell){.kind = CELL_COUNT, .value = (double)n, .base = n};
}

/* A statistic on `base` people: CELL_NONE when there is no one. */
static void stat_cell(struct report_table *t, size_t row, size_t col, enum report_cell_kind kind,
		      double value, long base)
{
	*report_cell_at(t, row, col) =
		base > 0 ? (struct report_cell){.kind = kind, .value = value, .base = base}
			 : (struct report_cell){.kind = CELL_NONE, .base = 0};
}

static void percent_cell(struct report_table *t, size_t row, size_t col, long part, long whole)
{
	stat_cell(t, row, col, CELL_PERCENT, whole ? 100.0 * (double)part / (double)whole : 0,
		  whole);
}

/* The median and 90th percentile of n values, into two cells. */
static void spread_cells(struct report_table *t, size_t row, size_t col, double *values,
			 size_t n)
{
	stat_cell(t, row, col, CELL_DAYS, report_median(values, n), (long)n);
	stat_cell(t, row, col + 1, CELL_DAYS, report_percentile(values, n, 90), (long)n);
}

static struct report_table *add_table(struct report_section *sec, struct arena *a,
				      const struct report_table *t)
{
	struct report_table *tables =
		arena_alloc(a, (sec->table_count + 1) * sizeof *sec->tables);
	if (sec->table_count)
		memcpy(tables, sec->tables, sec->table_count * sizeof *tables);
	tables[sec->table_count] = *t;
	sec->tables = tables;
	return &sec->tables[sec->table_count++];
}

static struct report_table *new_table(struct report_section *sec, struct arena *a,
				      const char *key, const char *title,
				      const char *const *columns, size_t column_count, size_t rows)
{
	return add_table(sec, a, report_table_new(a, key, title, columns, column_count, rows));
}

static void set_notes(struct report_section *sec, struct arena *a, const char *const *notes,
		      size_t count)
{
	sec->notes = arena_alloc(a, count * sizeof *sec->notes);
	memcpy(sec->notes, notes, count * sizeof *notes);
	sec->note_count = count;
}

/* A growable list of doubles per area and for all, for medians. */
struct samples {
	double *values;
	size_t count, cap;
};

static void sample_add(struct arena *a, struct samples *s, double v)
{
	s->values = arena_grow(a, s->values, s->count, &s->cap, sizeof *s->values);
	s->values[s->count++] = v;
}

/* ------------------------------------------------------------------ */
/* Introductions                                                       */

static const char *const relationship_words[][2] = {
	{"self", "The person themselves"},
	{"family_or_friend", "Family, a friend or a neighbour"},
	{"professional", "Someone who works with them"},
	{"community_group", "A community group, faith group or charity"},
};
#define RELATIONSHIPS (sizeof relationship_words / sizeof relationship_words[0])

static const char *const channel_words[][2] = {
	{"phone", "Phone call"},	{"text", "Text"},	  {"voicemail", "Voicemail"},
	{"email", "Email"},		{"facebook", "Facebook"}, {"drop_in", "At a drop-in"},
	{"face_to_face", "Face to face"}, {"web", "The public website"},
};
#define CHANNELS (sizeof channel_words / sizeof channel_words[0])

static long word_index(const char *const (*words)[2], size_t n, const char *key)
{
	for (size_t i = 0; key && i < n; i++)
		if (strcmp(words[i][0], key) == 0)
			return (long)i;
	return -1;
}

/* A table of label and count, with a total row. */
static struct report_table *count_table(struct report_section *sec, struct arena *a,
					const char *key, const char *title, const char *label,
					const char *count_heading, size_t rows)
{
	const char *columns[] = {label, count_heading};
	struct report_table *t = new_table(sec, a, key, title, columns, 2, rows + 1);
	t->total_row = true;
	t->chart = CHART_BARS;
	t->chart_column = 1;
	text_cell(t, rows, 0, "Total");
	return t;
}

static void total_column_1(struct report_table *t, const long *counts)
{
	long total = 0;
	for (size_t i = 0; i + 1 < t->rows; i++) {
		count_cell(t, i, 1, counts[i]);
		total += counts[i];
	}
	count_cell(t, t->rows - 1, 1, total);
}

int report_introductions(struct db *db, const struct report_scope *s, struct arena *a,
			 struct report_section *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	out->title = "Introductions";
	long from = day_of(s->period->from), to = day_of(s->period->to);
	struct months m;
	months_of(s->period, &m);

	/* By month, area, who introduced and channel: one grouping of the
	 * period's introductions, the month picked out by CASE on received_at
	 * (each month's end bound as a parameter), where a statement a month
	 * read the period again (thirteen statements for a year).  The months
	 * run on from the period's first day, so each is the stretch since
	 * the one before; there is at least one. */
	size_t fixed = 2 + (size_t)m.count;
	struct db_param *p = arena_alloc(a, fixed * sizeof *p);
	p[0] = DB_TEXT(day_start(a, from));
	p[1] = DB_TEXT(day_start(a, to + 1));
	struct sb sql;
	sb_init(&sql, a, SQL_MAX);
	sb_puts(&sql, "SELECT CASE");
	for (int i = 0; i < m.count; i++) {
		p[2 + i] = DB_TEXT(day_start(a, m.last[i] + 1));
		sb_printf(&sql, " WHEN received_at < $%d THEN %d", 3 + i, i);
	}
	sb_puts(&sql, " ELSE -1 END AS month_index, area_id, introduced_by, channel, count(*)"
		      " FROM introductions WHERE received_at >= $1 AND received_at < $2"
		      " AND area_id IN @AREAS@ GROUP BY month_index, area_id, introduced_by, channel");
	if (sb_failed(&sql))
		return err_set(e, "introductions: a statement too long for %d months", m.count);
	struct db_rows rows;
	if (run_in_areas(db, a, s, sb_str(&sql), p, fixed, &rows, e) < 0)
		return RESULT_FAILED;
	long by_month[MONTHS_MAX] = {0};
	long *by_area = arena_alloc(a, s->area_count * sizeof *by_area);
	long by_who[RELATIONSHIPS] = {0}, by_channel[CHANNELS] = {0};
	memset(by_area, 0, s->area_count * sizeof *by_area);
	for (size_t r = 0; r < rows.row_count; r++) {
		long n = number(db_cell(&rows, r, 4));
		long mi = number(db_cell(&rows, r, 0));
		long ai = area_index(s, db_cell(&rows, r, 1));
		long wi = word_index(relationship_words, RELATIONSHIPS, db_cell(&rows, r, 2));
		long ci = word_index(channel_words, CHANNELS, db_cell(&rows, r, 3));
		if (mi >= 0 && mi < m.count)
			by_month[mi] += n;
		if (ai >= 0)
			by_area[ai] += n;
		if (wi >= 0)
			by_who[wi] += n;
		if (ci >= 0)
			by_channel[ci] += n;
	}
	struct report_table *t = count_table(out, a, "introductions-by-month",
					     "Introductions by month", "Month", "Introductions",
					     (size_t)m.count);
	t->chart_caption = "Introductions received each month.";
	for (int i = 0; i < m.count; i++)
		text_cell(t, (size_t)i, 0, month_label(a, m.keys[i]));
	total_column_1(t, by_month);

	t = count_table(out, a, "introductions-by-area", "Introductions by area", "Area",
			"Introductions", s->area_count);
	t->chart_caption = "Introductions received in each area.";
	for (size_t i = 0; i < s->area_count; i++)
		text_cell(t, i, 0, s->area_names[i]);
	total_column_1(t, by_area);

	t = count_table(out, a, "introductions-by-introducer", "Introductions by who got in touch",
			"Who got in touch", "Introductions", RELATIONSHIPS);
	t->chart_caption = "Who got in touch: the person, or someone on their behalf.";
	for (size_t i = 0; i < RELATIONSHIPS; i++)
		text_cell(t, i, 0, relationship_words[i][1]);
	total_column_1(t, by_who);

	t = count_table(out, a, "introductions-by-channel", "Introductions by how they came",
			"How it came", "Introductions", CHANNELS);
	t->chart_caption = "How introductions reached the coordinators.";
	for (size_t i = 0; i < CHANNELS; i++)
		text_cell(t, i, 0, channel_words[i][1]);
	total_column_1(t, by_channel);

	/* Returns: involvements started in the period by someone who had one
	 * before (as involvement.is_return counts them).  Only people with
	 * two or more involvements can have one, a few in a hundred, found by
	 * the count kept with each person (schema/025): only their
	 * involvements are compared, where every involvement of the period
	 * was joined to every other of its people's (0.33 s for the programme
	 * manager's year at 100,000 people on PostgreSQL), and grouping all
	 * of involvement_people to find them cost 0.15 s for any report. */
	struct db_param q[] = {DB_TEXT(s->period->from), DB_TEXT(s->period->to)};
	if (run_in_areas(db, a, s,
			 "WITH again AS (SELECT ip.person_id, ip.involvement_id, x.started_on,"
			 "  x.created_at FROM people p"
			 "  JOIN involvement_people ip ON ip.person_id = p.id"
			 "  JOIN involvements x ON x.id = ip.involvement_id"
			 "  WHERE p.involvement_count > 1)"
			 " SELECT v.area_id, count(*), count(r.id) FROM involvements v"
			 " LEFT JOIN (SELECT DISTINCT n.involvement_id AS id"
			 "  FROM again n JOIN again w ON w.person_id = n.person_id"
			 "  AND w.involvement_id <> n.involvement_id"
			 "  WHERE n.started_on >= $1 AND n.started_on <= $2"
			 "  AND (w.started_on < n.started_on"
			 "  OR (w.started_on = n.started_on AND w.created_at < n.created_at))) r"
			 " ON r.id = v.id"
			 " WHERE v.started_on >= $1 AND v.started_on <= $2"
			 " AND v.area_id IN @AREAS@ GROUP BY v.area_id",
			 q, 2, &rows, e) < 0)
		return RESULT_FAILED;
	const char *return_columns[] = {"Area", "Involvements started", "Of them, returns"};
	t = new_table(out, a, "returns", "Returns: someone coming back", return_columns, 3,
		      s->area_count + 1);
	t->total_row = true;
	t->chart = CHART_BARS;
	t->chart_column = 2;
	t->chart_caption = "Involvements started with someone who had had an earlier one.";
	long started_all = 0, returns_all = 0;
	for (size_t i = 0; i < s->area_count; i++) {
		long started = 0, returns = 0;
		for (size_t r = 0; r < rows.row_count; r++)
			if (strcmp(db_cell(&rows, r, 0), s->area_ids[i]) == 0) {
				started = number(db_cell(&rows, r, 1));
				returns = number(db_cell(&rows, r, 2));
			}
		text_cell(t, i, 0, s->area_names[i]);
		count_cell(t, i, 1, started);
		count_cell(t, i, 2, returns);
		started_all += started;
		returns_all += returns;
	}
	text_cell(t, s->area_count, 0, "Total");
	count_cell(t, s->area_count, 1, started_all);
	count_cell(t, s->area_count, 2, returns_all);

	long received_all = 0;
	for (size_t i = 0; i < s->area_count; i++)
		received_all += by_area[i];
	out->summary = arena_printf(a, "Introductions received: %s; returns: %s.",
				    figure(a, s, received_all), figure(a, s, returns_all));
	static const char *const notes[] = {
		"An introduction counts in the month and period of the day it was received "
		"(UK time), in the area whose coordinator answers it.",
		"Who got in touch and how it came are as recorded with the introduction.",
		"A return is an involvement started in the period with someone who had an "
		"earlier one; a family or household counts once.",
	};
	set_notes(out, a, notes, sizeof notes / sizeof notes[0]);
	return RESULT_OK;
}

/* ------------------------------------------------------------------ */
/* Replies                                                             */

/* The days each area's clock stops: every one of its coordinators away
 * (as domain/introductions/introduction.c counts them for due dates).
 * A disabled coordinator is no longer counted among them, so their leave
 * is left out too, or it would stop the clock for those still working. */
struct area_leave {
	struct day_range *days;
	size_t count, cap;
};

static int load_leave(struct db *db, const struct report_scope *s, struct arena *a,
		      struct area_leave *leave, struct err *e)
{
	memset(leave, 0, s->area_count * sizeof *leave);
	struct db_rows away, staff;
	struct db_param p[] = {DB_TEXT(s->period->from)};
	if (run_in_areas(db, a, s,
			 "SELECT ra.area_id, l.user_id, l.starts_on, l.ends_on FROM leave l"
			 " JOIN user_role_areas ra ON ra.user_id = l.user_id"
			 " AND ra.role = 'coordinator' JOIN users u ON u.id = l.user_id"
			 " WHERE l.ends_on >= $1 AND u.disabled = 0 AND ra.area_id IN @AREAS@"
			 " ORDER BY ra.area_id, l.starts_on",
			 p, 1, &away, e) < 0)
		return RESULT_FAILED;
	if (run_in_areas(db, a, s,
			 "SELECT ra.area_id, count(*) FROM user_role_areas ra"
			 " JOIN users u ON u.id = ra.user_id WHERE ra.role = 'coordinator'"
			 " AND u.disabled = 0 AND ra.area_id IN @AREAS@ GROUP BY ra.area_id",
			 NULL, 0, &staff, e) < 0)
		return RESULT_FAILED;
	/* Each row's days read once, and each area's rows picked out once:
	 * every day of every row is checked against the area's other rows,
	 * which for a year of 300 coordinators' leave read the days of all
	 * of them a few million times. */
	size_t rows = away.row_count ? away.row_count : 1;
	long *first = arena_alloc(a, rows * sizeof *first), *last = arena_alloc(a, rows * sizeof *last);
	size_t *mine = arena_alloc(a, rows * sizeof *mine);
	for (size_t r = 0; r < away.row_count; r++) {
		first[r] = day_of(db_cell(&away, r, 2));
		last[r] = day_of(db_cell(&away, r, 3));
	}
	for (size_t i = 0; i < s->area_count; i++) {
		long coordinators = 0;
		for (size_t r = 0; r < staff.row_count; r++)
			if (strcmp(db_cell(&staff, r, 0), s->area_ids[i]) == 0)
				coordinators = number(db_cell(&staff, r, 1));
		if (coordinators == 0)
			continue;
		size_t m = 0;
		for (size_t r = 0; r < away.row_count; r++)
			if (strcmp(db_cell(&away, r, 0), s->area_ids[i]) == 0)
				mine[m++] = r;
		for (size_t x = 0; x < m; x++) {
			size_t r = mine[x];
			for (long day = first[r]; first[r] >= 0 && day <= last[r]; day++) {
				/* Each day once: only from the first row that has it. */
				bool seen = false;
				long people = 0;
				const char *counted[64];
				for (size_t y = 0; y < m; y++) {
					size_t o = mine[y];
					if (day < first[o] || day > last[o])
						continue;
					if (o < r)
						seen = true;
					bool again = false;
					for (long k = 0; k < people && !again; k++)
						again = strcmp(counted[k], db_cell(&away, o, 1)) == 0;
					if (!again && people < 64)
						counted[people++] = db_cell(&away, o, 1);
				}
				if (seen || people < coordinators)
					continue;
				struct area_leave *l = &leave[i];
				l->days = arena_grow(a, l->days, l->count, &l->cap, sizeof *l->days);
				l->days[l->count++] = (struct day_range){day, day};
			}
		}
	}
	return RESULT_OK;
}

/* Working days after `received` up to and including `replied`: a reply
 * the same day is 0, the next working day 1. */
static long working_days(const struct holidays *h, long received, long replied,
			 const struct area_leave *leave)
{
	long n = 0;
	for (long d = received + 1; d <= replied; d++)
		if (workday(h, date_from_days(d), leave->days, leave->count))
			n++;
	return n;
}

/* An area's working days counted by subtraction: upto[d - first] is the
 * number of them after `first` up to and including day d, made as far
 * as the latest reply asked about so far (a week of years ago, read now,
 * makes only its own days).  A year of 100,000 introductions asked the
 * calendar about every day of every reply, one at a time. */
struct working_calendar {
	long first;
	long *upto;
	size_t made, cap; /* days counted, room for */
};

static long working_days_between(struct working_calendar *cal, struct arena *a,
				 const struct holidays *h, const struct area_leave *leave,
				 long received, long replied)
{
	if (received < cal->first)
		return working_days(h, received, replied, leave);
	if (replied <= received)
		return 0;
	while (cal->made <= (size_t)(replied - cal->first)) {
		cal->upto = arena_grow(a, cal->upto, cal->made, &cal->cap, sizeof *cal->upto);
		long day = cal->first + (long)cal->made;
		cal->upto[cal->made] = cal->made == 0 ? 0
				     : cal->upto[cal->made - 1] +
					       working_days(h, day - 1, day, leave);
		cal->made++;
	}
	return cal->upto[replied - cal->first] - cal->upto[received - cal->first];
}

/* What is counted for one line of the replies tables. */
struct reply_line {
	long received;   /* introductions received */
	long settled;    /* answered, or past due: the promise has been tested */
	long in_time;    /* answered on or before the due date */
	long overdue;    /* still new, past due, now (by month: of the
			  * month's introductions; by area: whenever
			  * received) */
	struct samples days;
};

static void reply_row(struct report_table *t, size_t row, struct reply_line *l)
{
	count_cell(t, row, 1, l->received);
	count_cell(t, row, 2, l->in_time);
	count_cell(t, row, 3, l->settled);
	percent_cell(t, row, 4, l->in_time, l->settled);
	/* The share is hidden with the count it is made from. */
	report_cell_at(t, row, 4)->base_column = 2;
	spread_cells(t, row, 5, l->days.values, l->days.count);
	count_cell(t, row, 7, l->overdue);
}

int report_replies(struct db *db, const struct report_scope *s, struct arena *a,
		   struct report_section *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	out->title = "Replies";
	long from = day_of(s->period->from), to = day_of(s->period->to);
	long today = date_to_days(date_uk_today(s->now));
	struct area_leave *leave = arena_alloc(a, s->area_count * sizeof *leave);
	if (load_leave(db, s, a, leave, e) < 0)
		return RESULT_FAILED;
	struct db_param p[] = {DB_TEXT(day_start(a, from)), DB_TEXT(day_start(a, to + 1))};
	struct db_rows rows;
	if (run_in_areas(db, a, s,
			 "SELECT area_id, received_at, due_on, replied_at, status"
			 " FROM introductions WHERE received_at >= $1 AND received_at < $2"
			 " AND area_id IN @AREAS@",
			 p, 2, &rows, e) < 0)
		return RESULT_FAILED;
	struct months m;
	months_of(s->period, &m);
	struct reply_line *by_area = arena_alloc(a, (s->area_count + 1) * sizeof *by_area);
	struct reply_line *by_month = arena_alloc(a, ((size_t)m.count + 1) * sizeof *by_month);
	memset(by_area, 0, (s->area_count + 1) * sizeof *by_area);
	memset(by_month, 0, ((size_t)m.count + 1) * sizeof *by_month);
	struct reply_line *all = &by_area[s->area_count];
	struct working_calendar *calendars =
		arena_alloc(a, (s->area_count ? s->area_count : 1) * sizeof *calendars);
	for (size_t i = 0; i < s->area_count; i++)
		calendars[i] = (struct working_calendar){.first = from};
	for (size_t r = 0; r < rows.row_count; r++) {
		long ai = area_index(s, db_cell(&rows, r, 0));
		long received = uk_day(db_cell(&rows, r, 1)), due = day_of(db_cell(&rows, r, 2));
		long replied = uk_day(db_cell(&rows, r, 3));
		bool still_new = strcmp(db_cell(&rows, r, 4), "new") == 0;
		if (ai < 0 || received < 0 || due < 0)
			continue;
		int mi = 0;
		while (mi + 1 < m.count && received > m.last[mi])
			mi++;
		struct reply_line *lines[] = {&by_area[ai], all, &by_month[mi],
					      &by_month[m.count]};
		long days = replied >= 0 ? working_days_between(&calendars[ai], a, s->holidays,
							      &leave[ai], received, replied)
					 : 0;
		for (size_t k = 0; k < sizeof lines / sizeof lines[0]; k++) {
			struct reply_line *l = lines[k];
			l->received++;
			if (replied >= 0) {
				l->settled++;
				l->in_time += replied <= due;
				sample_add(a, &l->days, (double)days);
			} else if (due < today) {
				l->settled++;
			}
			l->overdue += still_new && due < today;
		}
	}
	/* Overdue now by area is a reading of now: every introduction still
	 * new and past its due date, whenever it arrived, as a coordinator's
	 * list shows it; the months' rows keep to their own introductions. */
	struct db_param od[] = {DB_TEXT(day_text(a, today))};
	if (run_in_areas(db, a, s,
			 "SELECT area_id, count(*) FROM introductions WHERE status = 'new'"
			 " AND due_on < $1 AND area_id IN @AREAS@ GROUP BY area_id",
			 od, 1, &rows, e) < 0)
		return RESULT_FAILED;
	for (size_t i = 0; i <= s->area_count; i++)
		by_area[i].overdue = 0;
	for (size_t r = 0; r < rows.row_count; r++) {
		long ai = area_index(s, db_cell(&rows, r, 0));
		if (ai < 0)
			continue;
		by_area[ai].overdue += number(db_cell(&rows, r, 1));
		all->overdue += number(db_cell(&rows, r, 1));
	}

	const char *columns[] = {"Area",
				 "Introductions",
				 "Answered within the promise",
				 "Reply due or given",
				 "Share answered within the promise",
				 "Median working days to reply",
				 "9 in 10 replies within (working days)",
				 "Overdue now, whenever received"};
	struct report_table *t =
		new_table(out, a, "replies-by-area", "Replies within the promise, by area", columns,
			  8, s->area_count + 1);
	t->total_row = true;
	t->chart = CHART_BARS;
	t->chart_column = 4;
	t->chart_caption = "The share of introductions answered by their due date, in each area.";
	for (size_t i = 0; i <= s->area_count; i++) {
		text_cell(t, i, 0, i < s->area_count ? s->area_names[i] : "All areas");
		reply_row(t, i, &by_area[i]);
	}

	columns[0] = "Month";
	columns[7] = "Of them, overdue now";
	t = new_table(out, a, "replies-by-month", "Replies within the promise, by month", columns,
		      8, (size_t)m.count + 1);
	t->total_row = true;
	t->chart = CHART_LINES;
	t->chart_column = 4;
	t->chart_caption = "The share of introductions answered by their due date, month by "
			   "month of their arrival.";
	for (int i = 0; i <= m.count; i++) {
		text_cell(t, (size_t)i, 0, i < m.count ? month_label(a, m.keys[i]) : "Whole period");
		reply_row(t, (size_t)i, &by_month[i]);
	}

	/* The share rests on the introductions settled and is hidden with its
	 * count answered in time: none, or either too few to show, and the
	 * headline is left to the table. */
	bool small_in_time = all->in_time > 0 && all->in_time < 5;
	if (all->settled && !(s->suppressed && (all->settled < 5 || small_in_time)))
		out->summary = arena_printf(
			a,
			"%.0f%% of the introductions whose reply was due were answered within %d "
			"working days (%s of %s); overdue now: %s.",
			100.0 * (double)all->in_time / (double)all->settled, s->due_working_days,
			figure(a, s, all->in_time), figure(a, s, all->settled),
			figure(a, s, all->overdue));
	const char *notes[] = {
		arena_printf(a,
			     "The promise is a reply within %d working days of the day an "
			     "introduction arrives: weekends, bank holidays and days when every "
			     "coordinator of the area is on leave do not count, as for due dates.",
			     s->due_working_days),
		"A reply is the first change of an introduction's status away from new by a "
		"member of staff. It is within the promise when it came on or before the due "
		"date the introduction was given when it arrived.",
		"The share is of the introductions that were answered or whose due date has "
		"passed; one still new and not yet due is not counted either way.",
		"Working days to reply are counted from the day after the introduction arrived "
		"to the day of the reply (a reply the same day is 0), with leave as recorded now. "
		"\"9 in 10 replies within\" is the number of working days nine in ten replies "
		"came within.",
		"Overdue now, by area: every introduction still new and past its due date when "
		"the report was made, whenever it arrived (a reading of now, not of the period). "
		"By month: those of the month's introductions still new and past due.",
	};
	set_notes(out, a, notes, sizeof notes / sizeof notes[0]);
	return RESULT_OK;
}

/* ------------------------------------------------------------------ */
/* First conversations                                                 */

int report_first_conversations(struct db *db, const struct report_scope *s, struct arena *a,
			       struct report_section *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	out->title = "First conversations";
	long from = day_of(s->period->from), to = day_of(s->period->to);
	struct db_param p[] = {DB_TEXT(day_start(a, from)), DB_TEXT(day_start(a, to + 1))};
	struct db_rows rows;
	if (run_in_areas(db, a, s,
			 "SELECT i.area_id, i.received_at, v.id, v.first_conversation_at, i.status"
			 " FROM introductions i LEFT JOIN involvements v ON v.introduction_id = i.id"
			 " WHERE i.received_at >= $1 AND i.received_at < $2"
			 " AND i.area_id IN @AREAS@",
			 p, 2, &rows, e) < 0)
		return RESULT_FAILED;
	struct line {
		long received, opened, waiting;
		struct samples days;
	} *lines = arena_alloc(a, (s->area_count + 1) * sizeof *lines);
	memset(lines, 0, (s->area_count + 1) * sizeof *lines);
	for (size_t r = 0; r < rows.row_count; r++) {
		long ai = area_index(s, db_cell(&rows, r, 0));
		long received = uk_day(db_cell(&rows, r, 1));
		long first = uk_day(db_cell(&rows, r, 3));
		if (ai < 0 || received < 0)
			continue;
		struct line *both[] = {&lines[ai], &lines[s->area_count]};
		for (size_t k = 0; k < 2; k++) {
			both[k]->received++;
			if (first >= 0)
				/* Logged before it arrived (a return's earlier talk)
				 * is no wait at all. */
				sample_add(a, &both[k]->days, first > received ? (double)(first - received)
									  : 0);
			else if (db_cell(&rows, r, 2) ||
				 strcmp(db_cell(&rows, r, 4), "conversation_arranged") == 0 ||
				 strcmp(db_cell(&rows, r, 4), "walking_alongside") == 0)
				/* Answered towards a conversation (arranged, or
				 * an involvement open) that has not happened. */
				both[k]->waiting++;
		}
	}
	const char *columns[] = {"Area",
				 "Introductions",
				 "With a first conversation",
				 "Median days from introduction",
				 "9 in 10 within (days from introduction)",
				 "Waiting for a first conversation"};
	struct report_table *t =
		new_table(out, a, "first-conversations-by-area",
			  "Days from introduction to first conversation, by area", columns, 6,
			  s->area_count + 1);
	t->total_row = true;
	t->chart = CHART_BARS;
	t->chart_column = 3;
	t->chart_caption = "The median number of days from an introduction to the first "
			   "conversation, in each area.";
	for (size_t i = 0; i <= s->area_count; i++) {
		struct line *l = &lines[i];
		text_cell(t, i, 0, i < s->area_count ? s->area_names[i] : "All areas");
		count_cell(t, i, 1, l->received);
		count_cell(t, i, 2, (long)l->days.count);
		spread_cells(t, i, 3, l->days.values, l->days.count);
		count_cell(t, i, 5, l->waiting);
	}
	struct line *all = &lines[s->area_count];
	if (all->days.count && !(s->suppressed && all->days.count < 5))
		out->summary = arena_printf(a,
					    "Median days from introduction to first conversation: "
					    "%g, for %s people.",
					    report_cell_at(t, s->area_count, 3)->value,
					    figure(a, s, (long)all->days.count));
	static const char *const notes[] = {
		"Of the introductions received in the period: the days (every day, not working "
		"days) from the day one arrived to the first conversation held with the person in "
		"the involvement it opened.",
		"The median and \"9 in 10 within\" cover the conversations that have happened. "
		"Waiting for a first conversation: a conversation arranged, or an involvement "
		"opened, and no first conversation held yet.",
		"An introduction answered without an involvement (not now, another service, outside "
		"the area) has no first conversation to count.",
	};
	set_notes(out, a, notes, sizeof notes / sizeof notes[0]);
	return RESULT_OK;
}

/* ------------------------------------------------------------------ */
/* Caseloads                                                           */

struct coordinator {
	const char *id;
	const char *name;
	long capacity_now;
	long walking[MONTHS_MAX];
	long short_term[MONTHS_MAX];
	long capacity[MONTHS_MAX];
};

/* A coordinator's place in the list (by name), found by id: sorted by id
 * for bsearch, as one is looked for among hundreds for each of a year's
 * hundred thousand involvements (a linear search was most of the
 * caseloads' own time at 100,000 people). */
struct coordinator_place {
	const char *id;
	long index;
};

static int by_place_id(const void *x, const void *y)
{
	return strcmp(((const struct coordinator_place *)x)->id,
		      ((const struct coordinator_place *)y)->id);
}

static struct coordinator_place *places_by_id(struct arena *a, const struct coordinator *list,
					      size_t n)
{
	struct coordinator_place *places = arena_alloc(a, (n ? n : 1) * sizeof *places);
	for (size_t i = 0; i < n; i++)
		places[i] = (struct coordinator_place){list[i].id, (long)i};
	qsort(places, n, sizeof *places, by_place_id);
	return places;
}

/* -1 for no id, or one not in the list. */
static long coordinator_index(const struct coordinator_place *places, size_t n, const char *id)
{
	if (!id || n == 0)
		return -1;
	struct coordinator_place key = {.id = id};
	const struct coordinator_place *found =
		bsearch(&key, places, n, sizeof *places, by_place_id);
	return found ? found->index : -1;
}

static const char *const reason_words[][2] = {
	{"person_chose", "They chose to end it"},
	{"in_place", "What they wanted is in place"},
	{"moved_away", "They moved away"},
	{"no_contact", "No contact, after trying"},
	{"died", "They died"},
	{"other", "Another reason"},
};
#define REASONS (sizeof reason_words / sizeof reason_words[0])

static int ended_table(struct db *db, const struct report_scope *s, struct arena *a,
		       struct report_section *out, struct err *e)
{
	struct db_param p[] = {DB_TEXT(s->period->from), DB_TEXT(s->period->to)};
	struct db_rows rows;
	if (run_in_areas(db, a, s,
			 "SELECT end_reason, kind, count(*) FROM involvements"
			 " WHERE ended_on >= $1 AND ended_on <= $2 AND area_id IN @AREAS@"
			 " GROUP BY end_reason, kind",
			 p, 2, &rows, e) < 0)
		return RESULT_FAILED;
	const char *columns[] = {"Why it ended", "Walking alongside", "Short-term help", "All"};
	struct report_table *t = new_table(out, a, "involvements-ended",
					   "Involvements ended, and why", columns, 4, REASONS + 1);
	t->total_row = true;
	t->total_column = true;
	t->chart = CHART_STACKED;
	t->chart_caption = "Involvements that ended in the period, by the reason they ended.";
	long counts[REASONS + 1][3] = {{0}};
	for (size_t r = 0; r < rows.row_count; r++) {
		long ri = word_index(reason_words, REASONS, db_cell(&rows, r, 0));
		if (ri < 0)
			continue;
		int k = strcmp(db_cell(&rows, r, 1), "walking_alongside") == 0 ? 0 : 1;
		long n = number(db_cell(&rows, r, 2));
		counts[ri][k] += n;
		counts[ri][2] += n;
		counts[REASONS][k] += n;
		counts[REASONS][2] += n;
	}
	for (size_t i = 0; i <= REASONS; i++) {
		text_cell(t, i, 0, i < REASONS ? reason_words[i][1] : "Total");
		for (size_t k = 0; k < 3; k++)
			count_cell(t, i, k + 1, counts[i][k]);
	}
	return RESULT_OK;
}

/* When month k was read, in words for a title or the summary: "at the
 * end of July 2026", "so far in July 2026" (today, the month under way),
 * or "on 3 July 2026" (the period ends within the month). */
static const char *reading(struct arena *a, const struct months *m, const long *at, int k,
			   long today)
{
	if (at[k] >= today)
		return arena_printf(a, "so far in %s", month_label(a, m->keys[k]));
	struct date d = date_from_days(at[k]);
	if (d.day == date_days_in_month(d.year, d.month))
		return arena_printf(a, "at the end of %s", month_label(a, m->keys[k]));
	return arena_printf(a, "on %d %s %d", d.day, month_names[d.month - 1], d.year);
}

/* A coordinator's walking alongside as a share of their capacity,
 * hidden with that count (count_column) when it is held back.  The share
 * rests on the people walked alongside; none is a shown 0%, so its base
 * is then the capacity. */
static void share_of_capacity(struct report_table *t, size_t row, size_t col,
			      size_t count_column, long walking, long capacity)
{
	percent_cell(t, row, col, walking, capacity);
	struct report_cell *c = report_cell_at(t, row, col);
	c->base = walking ? walking : capacity;
	c->base_column = count_column;
}

/* Every involvement open at some reading, once for each coordinator of
 * its people: one statement, where a statement a reading scanned the
 * year's involvements a dozen times (at 100,000 people, most of the
 * caseloads' time).  Not in order: open_by_reading sorts the rows by
 * involvement, which cost PostgreSQL a tenth of a second for the
 * programme manager's year. */
static const char OPEN_SQL[] =
	"SELECT v.id, p.coordinator_id, v.started_on, v.ended_on, v.kind"
	" FROM involvements v"
	" JOIN involvement_people ip ON ip.involvement_id = v.id"
	" JOIN people p ON p.id = ip.person_id"
	" WHERE v.area_id IN @AREAS@ AND v.started_on <= $2"
	" AND (v.ended_on IS NULL OR v.ended_on > $1)";

/* The kinds over time of the scope's involvements whose kind ever
 * changed, recorded before the last reading's next day: the start and
 * each change, in order.  Any other involvement had one kind throughout,
 * its kind now, so its history is not read: at 100,000 people that was a
 * lookup an involvement for nothing. */
static const char CHANGED_SQL[] =
	"SELECT h.involvement_id, h.at, h.kind, h.seq FROM involvement_history h"
	" WHERE h.at < $1 AND h.event <> 'ended' AND h.involvement_id IN"
	" (SELECT c.involvement_id FROM involvement_history c"
	"  JOIN involvements v ON v.id = c.involvement_id"
	"  WHERE c.event = 'kind_changed' AND v.area_id IN @AREAS@)"
	" ORDER BY h.involvement_id, h.seq";

#define INVOLVEMENT_COORDINATORS_MAX 16

static bool same_id(const char *x, const char *y)
{
	return x == y || (x && y && strcmp(x, y) == 0);
}

/* The first reading on or after `day` (months when none): the readings
 * are in order, so an involvement is open at those from the first on or
 * after its start to the one before the first on or after its end. */
static int first_reading_from(const char *const *reading, int months, const char *day)
{
	int lo = 0, hi = months;
	while (lo < hi) {
		int mid = (lo + hi) / 2;
		if (strcmp(reading[mid], day) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* A row of OPEN_SQL by its involvement's id, whose first eight bytes,
 * read as a big-endian number, order it as strcmp would: the sort
 * compares numbers, and strings only where those are equal (sorting the
 * rows by strcmp alone was most of the caseloads' own time). */
struct keyed_row {
	uint64_t key;
	const char *id;
	size_t row;
};

/* One involvement counted at each reading it is open at, by coordinator
 * and by the kind it had then: its rows of OPEN_SQL (`count` of them,
 * from `keyed`), one a coordinator (a family counted once a coordinator), and
 * its rows [h_from, h_to) of CHANGED_SQL, if its kind ever changed: the
 * kind is that of its last start or change recorded before the day after
 * the reading, else its kind now. */
static void count_open(const struct db_rows *rows, const struct keyed_row *keyed, size_t count,
		       const struct db_rows *history, size_t h_from, size_t h_to,
		       const char *const *reading, const char *const *next_start, int months,
		       struct coordinator *list, const struct coordinator_place *by_id, size_t n)
{
	/* Each coordinator id once (NULL too, as GROUP BY would), then its
	 * place: two ids outside the scope's list each count under none. */
	const char *ids[INVOLVEMENT_COORDINATORS_MAX];
	long places[INVOLVEMENT_COORDINATORS_MAX];
	size_t id_count = 0;
	for (size_t r = 0; r < count && id_count < INVOLVEMENT_COORDINATORS_MAX; r++) {
		const char *id = db_cell(rows, keyed[r].row, 1);
		bool seen = false;
		for (size_t j = 0; j < id_count && !seen; j++)
			seen = same_id(ids[j], id);
		if (seen)
			continue;
		long ci = coordinator_index(by_id, n, id);
		ids[id_count] = id;
		places[id_count++] = ci < 0 ? (long)n : ci;
	}
	size_t row = keyed[0].row;
	const char *ended_on = db_cell(rows, row, 3);
	int first = first_reading_from(reading, months, db_cell(rows, row, 2));
	int last = ended_on ? first_reading_from(reading, months, ended_on) : months;
	for (int k = first; k < last; k++) {
		const char *kind = db_cell(rows, row, 4);
		long latest_seq = -1;
		for (size_t r = h_from; r < h_to; r++) {
			if (strcmp(db_cell(history, r, 1), next_start[k]) >= 0)
				continue;
			long seq = number(db_cell(history, r, 3));
			if (seq > latest_seq) {
				latest_seq = seq;
				kind = db_cell(history, r, 2);
			}
		}
		bool walking = strcmp(kind, "walking_alongside") == 0;
		for (size_t j = 0; j < id_count; j++)
			(walking ? list[places[j]].walking : list[places[j]].short_term)[k]++;
	}
}

/* The rows of one involvement's history in CHANGED_SQL. */
struct history_span {
	const char *id;
	size_t from, to;
};

static int by_span_id(const void *x, const void *y)
{
	return strcmp(((const struct history_span *)x)->id, ((const struct history_span *)y)->id);
}

static uint64_t order_key(const char *id)
{
	uint64_t key = 0;
	size_t i = 0;
	for (; i < 8 && id[i]; i++)
		key = key << 8 | (unsigned char)id[i];
	for (; i < 8; i++)
		key <<= 8;
	return key;
}

static int by_key(const void *x, const void *y)
{
	const struct keyed_row *p = x, *q = y;
	if (p->key != q->key)
		return p->key < q->key ? -1 : 1;
	return strcmp(p->id, q->id);
}

static int open_by_reading(struct db *db, struct arena *a, const struct report_scope *s,
			   const long *at, int months, struct coordinator *list,
			   const struct coordinator_place *by_id, size_t n,
			   struct err *e)
{
	const char *reading[MONTHS_MAX], *next_start[MONTHS_MAX];
	for (int k = 0; k < months; k++) {
		reading[k] = day_text(a, at[k]);
		next_start[k] = day_start(a, at[k] + 1);
	}
	struct db_param p[] = {DB_TEXT(reading[0]), DB_TEXT(reading[months - 1])};
	struct db_param h[] = {DB_TEXT(next_start[months - 1])};
	struct db_rows rows, history;
	if (run_in_areas(db, a, s, OPEN_SQL, p, 2, &rows, e) < 0 ||
	    run_in_areas(db, a, s, CHANGED_SQL, h, 1, &history, e) < 0)
		return RESULT_FAILED;
	size_t total = rows.row_count;
	struct keyed_row *keyed = arena_alloc(a, (total ? total : 1) * sizeof *keyed);
	for (size_t r = 0; r < total; r++)
		keyed[r] = (struct keyed_row){order_key(db_cell(&rows, r, 0)),
					      db_cell(&rows, r, 0), r};
	qsort(keyed, total, sizeof *keyed, by_key);
	/* Each changed involvement's rows come together; sorted here by id,
	 * so the lookup does not rest on the database's collation. */
	struct history_span *spans =
		arena_alloc(a, (history.row_count ? history.row_count : 1) * sizeof *spans);
	size_t span_count = 0;
	for (size_t r = 0; r < history.row_count;) {
		size_t end = r + 1;
		while (end < history.row_count &&
		       strcmp(db_cell(&history, end, 0), db_cell(&history, r, 0)) == 0)
			end++;
		spans[span_count++] = (struct history_span){db_cell(&history, r, 0), r, end};
		r = end;
	}
	qsort(spans, span_count, sizeof *spans, by_span_id);
	for (size_t from = 0; from < total;) {
		size_t to = from + 1;
		while (to < total && by_key(&keyed[to], &keyed[from]) == 0)
			to++;
		struct history_span key = {.id = keyed[from].id};
		const struct history_span *span =
			span_count ? bsearch(&key, spans, span_count, sizeof *spans, by_span_id)
				   : NULL;
		count_open(&rows, &keyed[from], to - from, &history, span ? span->from : 0,
			   span ? span->to : 0, reading, next_start, months, list, by_id, n);
		from = to;
	}
	return RESULT_OK;
}

int report_caseloads(struct db *db, const struct report_scope *s, struct arena *a,
		     struct report_section *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	out->title = "Caseloads";
	long today = date_to_days(date_uk_today(s->now));
	struct months m;
	months_of(s->period, &m);
	/* The months that have begun, each read at its end or today. */
	int months = 0;
	long at[MONTHS_MAX];
	for (int i = 0; i < m.count && m.first[i] <= today; i++, months++)
		at[i] = m.last[i] < today ? m.last[i] : today;

	/* Their people tested with EXISTS, one index probe a coordinator
	 * (schema/025), where IN read every person of the areas. */
	struct db_rows staff;
	if (run_in_areas(db, a, s,
			 "SELECT u.id, u.display_name, u.capacity FROM users u WHERE u.id IN"
			 " (SELECT ra.user_id FROM user_role_areas ra WHERE ra.role = 'coordinator'"
			 " AND ra.area_id IN @AREAS@)"
			 " OR EXISTS (SELECT 1 FROM people p WHERE p.coordinator_id = u.id"
			 " AND p.area_id IN @AREAS@)"
			 " ORDER BY u.display_name, u.id",
			 NULL, 0, &staff, e) < 0)
		return RESULT_FAILED;
	/* One more place: involvements whose people name no coordinator. */
	size_t n = staff.row_count;
	struct coordinator *list = arena_alloc(a, (n + 1) * sizeof *list);
	memset(list, 0, (n + 1) * sizeof *list);
	for (size_t i = 0; i < n; i++) {
		list[i].id = db_cell(&staff, i, 0);
		list[i].name = db_cell(&staff, i, 1);
		list[i].capacity_now = number(db_cell(&staff, i, 2));
		for (int k = 0; k < months; k++)
			list[i].capacity[k] = list[i].capacity_now;
	}
	list[n].name = "No coordinator named";
	const struct coordinator_place *by_id = places_by_id(a, list, n);

	/* Capacity in force at each month's reading: the latest change from
	 * on or before it (rows come oldest first, so later ones win); before
	 * a coordinator's first recorded change, that earliest figure, the
	 * nearest known to the time (today's could be years later). */
	struct db_rows changes;
	if (run_in_areas(db, a, s,
			 "SELECT c.user_id, c.capacity, c.from_on FROM capacity_changes c"
			 " WHERE c.user_id IN (SELECT ra.user_id FROM user_role_areas ra"
			 " WHERE ra.role = 'coordinator' AND ra.area_id IN @AREAS@)"
			 " OR EXISTS (SELECT 1 FROM people p WHERE p.coordinator_id = c.user_id"
			 " AND p.area_id IN @AREAS@)"
			 " ORDER BY c.user_id, c.from_on, c.set_at, c.id",
			 NULL, 0, &changes, e) < 0)
		return RESULT_FAILED;
	for (size_t r = 0; r < changes.row_count; r++) {
		long ci = coordinator_index(by_id, n, db_cell(&changes, r, 0));
		long from_on = day_of(db_cell(&changes, r, 2));
		bool earliest = r == 0 || strcmp(db_cell(&changes, r - 1, 0),
						 db_cell(&changes, r, 0)) != 0;
		for (int k = 0; ci >= 0 && k < months; k++)
			if (earliest || from_on <= at[k])
				list[ci].capacity[k] = number(db_cell(&changes, r, 1));
	}

	if (months > 0 && open_by_reading(db, a, s, at, months, list, by_id, n, e) < 0)
		return RESULT_FAILED;
	bool unnamed = false;
	for (int k = 0; k < months; k++)
		unnamed |= list[n].walking[k] || list[n].short_term[k];
	size_t people = n + unnamed;

	/* The last reading by coordinator, drawn: one bar a coordinator reads
	 * at any size, where a bar a coordinator and month would be thousands
	 * for a programme's year.  The months follow as a table. */
	const char *end_columns[] = {"Coordinator", "Walking alongside", "Capacity",
				     "Share of capacity", "Short-term help"};
	struct report_table *t =
		new_table(out, a, "caseloads-now",
			  months ? arena_printf(a, "Caseloads against capacity, %s",
						reading(a, &m, at, months - 1, today))
				 : "Caseloads against capacity",
			  end_columns, 5, months ? people : 0);
	t->chart = CHART_BARS;
	t->chart_column = 3;
	t->chart_caption = "Each coordinator's walking alongside as a share of their capacity, "
			   "at the last reading.";
	for (size_t i = 0; months && i < people; i++) {
		int k = months - 1;
		text_cell(t, i, 0, list[i].name);
		count_cell(t, i, 1, list[i].walking[k]);
		if (i < n) {
			*report_cell_at(t, i, 2) = (struct report_cell){
				.kind = CELL_COUNT, .value = (double)list[i].capacity[k],
				.base = list[i].capacity[k]};
			share_of_capacity(t, i, 3, 1, list[i].walking[k], list[i].capacity[k]);
		}
		count_cell(t, i, 4, list[i].short_term[k]);
	}

	const char *columns[] = {"Coordinator", "Month", "Walking alongside", "Capacity",
				 "Share of capacity", "Short-term help"};
	t = new_table(out, a, "caseloads-by-coordinator",
		      "Caseloads against capacity, by coordinator and month", columns, 6,
		      people * (size_t)months);
	for (size_t i = 0; i < people; i++)
		for (int k = 0; k < months; k++) {
			size_t row = i * (size_t)months + (size_t)k;
			text_cell(t, row, 0, list[i].name);
			text_cell(t, row, 1, month_label(a, m.keys[k]));
			count_cell(t, row, 2, list[i].walking[k]);
			if (i < n) {
				*report_cell_at(t, row, 3) = (struct report_cell){
					.kind = CELL_COUNT, .value = (double)list[i].capacity[k],
					.base = list[i].capacity[k]};
				share_of_capacity(t, row, 4, 2, list[i].walking[k],
						  list[i].capacity[k]);
			}
			count_cell(t, row, 5, list[i].short_term[k]);
		}

	const char *month_columns[] = {"Month", "Walking alongside", "Capacity",
				       "Short-term help"};
	t = new_table(out, a, "caseloads-by-month", "Caseloads against capacity, by month",
		      month_columns, 4, (size_t)months);
	t->chart = CHART_LINES;
	t->chart_column = 1;
	t->chart_caption = "People walked alongside, against the coordinators' capacity, at "
			   "each month's reading.";
	for (int k = 0; k < months; k++) {
		long walking = 0, capacity = 0, short_term = 0;
		for (size_t i = 0; i <= n; i++) {
			walking += list[i].walking[k];
			short_term += list[i].short_term[k];
			capacity += i < n ? list[i].capacity[k] : 0;
		}
		text_cell(t, (size_t)k, 0, month_label(a, m.keys[k]));
		count_cell(t, (size_t)k, 1, walking);
		count_cell(t, (size_t)k, 2, capacity);
		count_cell(t, (size_t)k, 3, short_term);
		/* Cross-table, and only when suppressed: a month's total where
		 * exactly one coordinator's figure that month is held back (1 to
		 * 4) would give it away, less the coordinators shown in
		 * caseloads-by-coordinator and caseloads-now. */
		for (size_t c = 1; s->suppressed && c <= 3; c++) {
			int small = 0;
			for (size_t i = 0; i < people; i++) {
				long v = c == 1 ? list[i].walking[k]
				       : c == 3 ? list[i].short_term[k]
				       : i < n  ? list[i].capacity[k]
						: 0;
				small += v > 0 && v < 5;
			}
			/* A total of 1 to 4 is shown as "fewer than 5" already. */
			struct report_cell *total = report_cell_at(t, (size_t)k, c);
			if (small == 1 && total->value >= 5)
				total->shown = SHOWN_HIDDEN;
		}
	}
	if (months) {
		size_t k = (size_t)months - 1;
		const char *when = reading(a, &m, at, months - 1, today);
		const char *figures[3];
		bool held_back = false;
		for (size_t c = 1; c <= 3; c++) {
			const struct report_cell *cell = report_cell_at(t, k, c);
			held_back |= cell->shown == SHOWN_HIDDEN;
			figures[c - 1] = cell->shown == SHOWN_HIDDEN
						 ? "held back"
						 : figure(a, s, (long)cell->value);
		}
		/* Capitalised as the sentence's start: "At", "On", "So". */
		char *start = arena_strdup(a, when);
		start[0] = (char)(start[0] - 'a' + 'A');
		out->summary =
			held_back
				? arena_printf(a,
					       "%s: people walked alongside: %s; capacity: %s; with "
					       "short-term help: %s (a total is held back when it "
					       "would give away a coordinator's small number).",
					       start, figures[0], figures[1], figures[2])
				: arena_printf(a,
					       "%s: %s people walked alongside, against a capacity "
					       "of %s; %s with short-term help.",
					       start, figures[0], figures[1], figures[2]);
	}
	if (ended_table(db, s, a, out, e) < 0)
		return RESULT_FAILED;

	static const char *const notes[] = {
		"Caseloads are read at the end of each month, on the last day of the period when "
		"it ends within a month, or today for the month under way: "
		"the involvements open then, a family or household counted once.",
		"Each involvement counts with the coordinator its people have now, and as the kind "
		"it was on the day read (short-term help that became walking alongside in November "
		"counts as short-term help at the end of October).",
		"Capacity is the figure in force on the day each month is read, as changes to it "
		"are kept with the day they took effect. The coordinators are those of the areas "
		"reported on, and any whose people live there.",
		"Involvements ended counts those whose end date falls in the period.",
	};
	set_notes(out, a, notes, sizeof notes / sizeof notes[0]);
	return RESULT_OK;
}
