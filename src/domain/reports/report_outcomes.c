/*
 * The outcomes, wellbeing and costs sections (report_parts.h): what
 * changed for people, in their own ratings and answers, and what did not
 * have to happen.
 *
 * Each section is a few aggregate statements over the sittings, answers
 * and events of the scope's areas, never a statement per person, so a
 * report stays quick at 100,000 people: the period's rows are found
 * through the taken_on / happened_on indexes, and each person's first and
 * latest answer is read from the standing kept beside their latest
 * sitting (domain/outcomes/standing.h).  The statements return counts by
 * (first, latest) pair, and the figures are made from those here, so the
 * bands and the arithmetic are the same on both backends.
 *
 * A row is in scope by the involvement it was recorded under: its area
 * is among the scope's areas.  A person's movement is in scope by their
 * latest sitting in the period.  Rows withdrawn as mistakes are left
 * out everywhere; a declined sitting (an outcome conversation the
 * person chose not to rate in) is counted as an answer (in the outcome
 * conversations table), never as a gap.
 *
 * Summary sentences carry no means or shares.  When the report is
 * suppressed (s->suppressed) they name a count of 1 to 4 as "fewer than
 * 5" and state no total a reader could take a held-back cell from: a
 * figure is stated only as its table shows it; a team leader's own page
 * states the numbers as they are.
 */
#include "domain/reports/report_parts.h"

#include "core/arena.h"
#include "core/err.h"
#include "core/sb.h"
#include "db/db.h"
#include "domain/outcomes/measures.h"
#include "domain/reports/suppress.h"

#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Parameters: $1 the period's first day, $2 its last, $3... the areas. */
#define FIRST_AREA_PARAM 3
#define AREA_LIST_MAX 4096

/* The test that keeps a statement's rows to the scope's areas, by the
 * involvement each was recorded under (its involvement_id), and the
 * parameters after the period's two days: " AND involvement_id IN
 * (SELECT v.id FROM involvements v WHERE v.area_id IN ($3, $4, ...))".
 * The statements below put this text into their SQL: it holds only
 * placeholders, the areas themselves are bound, and one statement serves
 * any number of areas on both backends.  The scope's involvements are
 * listed once, where a join would look up each row's: at 100,000 people
 * a year's sittings took three times as long that way on SQLite.  Every
 * area there is needs no test at all (every involvement has an area). */
static int scope_params(const struct report_scope *s, struct arena *a, const char **in,
			struct db_param **params, size_t *count, struct err *e)
{
	*count = FIRST_AREA_PARAM - 1 + (s->every_area ? 0 : s->area_count);
	*params = arena_alloc(a, *count * sizeof **params);
	(*params)[0] = DB_TEXT(s->period->from);
	(*params)[1] = DB_TEXT(s->period->to);
	if (s->every_area) {
		*in = "";
		return RESULT_OK;
	}
	struct sb sb;
	sb_init(&sb, a, AREA_LIST_MAX);
	sb_puts(&sb, " AND involvement_id IN (SELECT v.id FROM involvements v WHERE v.area_id IN (");
	for (size_t i = 0; i < s->area_count; i++) {
		sb_printf(&sb, "%s$%zu", i ? ", " : "", i + FIRST_AREA_PARAM);
		(*params)[FIRST_AREA_PARAM - 1 + i] = DB_TEXT(s->area_ids[i]);
	}
	sb_puts(&sb, "))");
	if (sb_failed(&sb))
		return err_set(e, "reports: too many areas (%zu)", s->area_count);
	*in = sb_str(&sb);
	return RESULT_OK;
}

/* sql NULL: a statement that did not fit its builder (latest_rows). */
static int run(struct db *db, struct arena *a, const char *sql, const struct db_param *p,
	       size_t n, struct db_rows *rows, struct err *e)
{
	if (!sql)
		return err_set(e, "reports: a statement is too long for %zu parameters", n);
	return db_run_replanned_counted(db, a, sql, p, n, rows, e) < 0 ? RESULT_FAILED : RESULT_OK;
}

static long cell_long(const struct db_rows *r, size_t row, size_t col)
{
	const char *v = db_cell(r, row, col);
	return v ? strtol(v, NULL, 10) : 0;
}

static int64_t cell_int64(const struct db_rows *r, size_t row, size_t col)
{
	const char *v = db_cell(r, row, col);
	return v ? strtoll(v, NULL, 10) : 0;
}

static struct report_cell text_cell(const char *text)
{
	return (struct report_cell){.kind = CELL_TEXT, .text = text, .shown = SHOWN};
}

static struct report_cell count_cell(long n)
{
	return (struct report_cell){.kind = CELL_COUNT, .value = (double)n, .base = n,
				    .shown = SHOWN};
}

/* A mean or a share resting on `people`; none when no one is behind it. */
static struct report_cell figure_cell(enum report_cell_kind kind, double value, long people)
{
	if (people == 0)
		return (struct report_cell){.kind = CELL_NONE, .shown = SHOWN};
	return (struct report_cell){.kind = kind, .value = value, .base = people,
				    .shown = SHOWN};
}

/* A count for a summary sentence, as the report shows it: under
 * suppression 1 to 4 is "fewer than 5"; count_opening when it opens the
 * sentence. */
static const char *count_words(const struct report_scope *s, struct arena *a, long n)
{
	if (s->suppressed && n >= 1 && n <= 4)
		return "fewer than 5";
	return arena_printf(a, "%ld", n);
}

static const char *count_opening(const struct report_scope *s, struct arena *a, long n)
{
	return s->suppressed && n >= 1 && n <= 4 ? "Fewer than 5" : count_words(s, a, n);
}

/* "1 person", "12 people", "Fewer than 5 people" opening a sentence. */
static const char *people_opening(const struct report_scope *s, struct arena *a, long n)
{
	return arena_printf(a, "%s %s", count_opening(s, a, n),
			    n == 1 && !s->suppressed ? "person" : "people");
}

/* A cell a part derives from the count at `column` of its row: hidden
 * with it (suppress.h). */
static struct report_cell resting_on(struct report_cell c, size_t column)
{
	c.base_column = column;
	return c;
}

static const char **notes_of(struct arena *a, const char *const *notes, size_t n)
{
	const char **out = arena_alloc(a, n * sizeof *out);
	memcpy(out, notes, n * sizeof *notes);
	return out;
}

/* ---- Outcomes --------------------------------------------------------- */

/* The people in scope, one row each: the latest sitting of theirs (not
 * withdrawn) on or before the period's end, when it is in the period and
 * under an involvement of the scope's areas.  A person counts once, in
 * the area of that sitting, so areas' figures add up to the programme's.
 * The standing kept by domain/outcomes/standing.h has a row for every
 * sitting not withdrawn and statement answered by then, with the
 * sitting's day, next day (superseded_on) and involvement: a report reads
 * the rows of the latest sittings, the person's first and latest answer
 * of each statement, from one index, and never every rating they gave.
 * `columns` and `table` are the caller's own words; `and` adds conditions
 * whose values are bound ($1 and $2 are the period's days). */
static const char *latest_rows(struct arena *a, const char *head, const char *columns,
			       const char *table, const char *and, const char *tail)
{
	/* Two ranges of one index on (superseded_on, taken_on, ...): the
	 * sittings not superseded yet, and those superseded after the
	 * period, where one range of taken_on read every sitting of the
	 * period to keep a third of them (at 100,000 people, a year's
	 * outcome movement read 728,000 standing rows for 215,000). */
	static const char *const halves[] = {" r WHERE r.superseded_on IS NULL",
					     " r WHERE r.superseded_on > $2"};
	struct sb q;
	sb_init(&q, a, 3 * AREA_LIST_MAX);
	sb_puts(&q, head);
	sb_puts(&q, " FROM (");
	for (size_t i = 0; i < 2; i++) {
		sb_puts(&q, i ? " UNION ALL SELECT " : "SELECT ");
		sb_puts(&q, columns);
		sb_puts(&q, " FROM ");
		sb_puts(&q, table);
		sb_puts(&q, halves[i]);
		sb_puts(&q, " AND r.taken_on >= $1 AND r.taken_on <= $2");
		sb_puts(&q, and);
	}
	sb_puts(&q, ") latest");
	sb_puts(&q, tail);
	return sb_failed(&q) ? NULL : sb_str(&q);
}

/* For each statement key, how many of those people went from each first
 * rating to each latest: every version of a key is one statement; a
 * rating counts when given, in a sitting neither withdrawn nor declined;
 * only people with two or more ratings of the key have a first and a
 * latest. */
static const char *movement_sql(struct arena *a, const char *in)
{
	return latest_rows(a, "SELECT key, first_rating, latest_rating, count(*)",
			   "key, first_rating, latest_rating", "outcome_standing",
			   arena_printf(a, "%s AND ratings >= 2", in),
			   " GROUP BY key, first_rating, latest_rating");
}

/* Every key with the newest wording's title, whether it is asked now. */
static const char *const STATEMENTS_SQL =
	"SELECT s.key, s.title, s.in_use FROM outcome_statements s"
	" WHERE s.version = (SELECT max(t.version) FROM outcome_statements t WHERE t.key = s.key)"
	" ORDER BY s.position, s.key";

static const char *sittings_sql(struct arena *a, const char *in)
{
	return arena_printf(a,
		"SELECT r.point, sum(1 - r.declined), sum(r.declined)"
		" FROM outcome_reviews r"
		" WHERE r.taken_on >= $1 AND r.taken_on <= $2 AND r.withdrawn_at IS NULL"
		"%s GROUP BY r.point",
		in);
}

static const char *people_sql(struct arena *a, const char *in)
{
	return latest_rows(a, "SELECT count(*)", "r.involvement_id", "outcome_reviews",
			   arena_printf(a, " AND r.withdrawn_at IS NULL%s", in), "");
}

struct movement {
	long people, up, same, down, first_sum, latest_sum;
};

static const char *const MOVEMENT_COLUMNS[] = {
	"Outcome statement", "Mean first rating", "Mean latest rating",
	"Moved up",          "Stayed the same",   "Moved down",
	"People",
};

static const char *const SITTING_COLUMNS[] = {
	"Point", "With ratings", "Declined by the person", "All outcome conversations",
};

static const char *const OUTCOME_NOTES[] = {
	"Each person rates each outcome statement on a five-step scale, 1 the lowest and 5 "
	"the highest, at the start of walking alongside, at reviews and at the end.",
	"Movement compares each person's first-ever rating of a statement with their latest "
	"on or before the last day of the period. It counts people whose latest outcome "
	"conversation in the period was in these areas, and who have rated the statement at "
	"least twice; someone with outcome conversations in more than one area counts once, in the area of the latest.",
	"A statement reworded since keeps one row: ratings given under its older wording count "
	"as the same statement. The title shown is the newest wording.",
	"A rating the person chose not to give, and an outcome conversation they chose not to "
	"rate in, are their answers: they are counted in the outcome conversations table and "
	"never as missing. An outcome conversation withdrawn as recorded by mistake is left "
	"out.",
	"Means are of the ratings 1 to 5, over the people in the row.",
};

int report_outcomes(struct db *db, const struct report_scope *s, struct arena *a,
		    struct report_section *out, struct err *e)
{
	const char *in;
	struct db_param *p;
	size_t n;
	if (scope_params(s, a, &in, &p, &n, e) < 0)
		return RESULT_FAILED;
	struct db_rows statements, moves, sittings, people;
	if (run(db, a, STATEMENTS_SQL, NULL, 0, &statements, e) < 0 ||
	    run(db, a, movement_sql(a, in), p, n, &moves, e) < 0 ||
	    run(db, a, sittings_sql(a, in), p, n, &sittings, e) < 0 ||
	    run(db, a, people_sql(a, in), p, n, &people, e) < 0)
		return RESULT_FAILED;

	size_t keys = statements.row_count;
	struct movement *m = arena_alloc(a, (keys ? keys : 1) * sizeof *m);
	memset(m, 0, (keys ? keys : 1) * sizeof *m);
	for (size_t i = 0; i < moves.row_count; i++) {
		size_t k = 0;
		while (k < keys && strcmp(db_cell(&statements, k, 0), db_cell(&moves, i, 0)) != 0)
			k++;
		if (k == keys)
			continue; /* cannot happen: a rating names a statement */
		long first = cell_long(&moves, i, 1), latest = cell_long(&moves, i, 2),
		     count = cell_long(&moves, i, 3);
		m[k].people += count;
		m[k].first_sum += first * count;
		m[k].latest_sum += latest * count;
		if (latest > first)
			m[k].up += count;
		else if (latest < first)
			m[k].down += count;
		else
			m[k].same += count;
	}

	/* A statement retired with no one behind it in this report is left
	 * out; one asked now is shown even at 0. */
	size_t rows = 0;
	for (size_t k = 0; k < keys; k++)
		if (strcmp(db_cell(&statements, k, 2), "1") == 0 || m[k].people > 0)
			rows++;
	struct report_table *mt = report_table_new(
		a, "outcomes-movement", "Outcome movement, first rating against latest",
		MOVEMENT_COLUMNS, sizeof MOVEMENT_COLUMNS / sizeof *MOVEMENT_COLUMNS, rows);
	mt->total_column = true;
	mt->chart = CHART_STACKED;
	mt->chart_caption = "For each outcome statement, how many people moved up, stayed the "
			    "same or moved down between their first rating and their latest.";
	for (size_t k = 0, row = 0; k < keys; k++) {
		if (!(strcmp(db_cell(&statements, k, 2), "1") == 0 || m[k].people > 0))
			continue;
		const struct movement *x = &m[k];
		*report_cell_at(mt, row, 0) = text_cell(db_cell(&statements, k, 1));
		*report_cell_at(mt, row, 1) = resting_on(
			figure_cell(CELL_MEAN,
				    x->people ? (double)x->first_sum / (double)x->people : 0,
				    x->people),
			6);
		*report_cell_at(mt, row, 2) = resting_on(
			figure_cell(CELL_MEAN,
				    x->people ? (double)x->latest_sum / (double)x->people : 0,
				    x->people),
			6);
		*report_cell_at(mt, row, 3) = count_cell(x->up);
		*report_cell_at(mt, row, 4) = count_cell(x->same);
		*report_cell_at(mt, row, 5) = count_cell(x->down);
		*report_cell_at(mt, row, 6) = count_cell(x->people);
		row++;
	}

	static const char *const points[] = {"start", "review", "end"};
	static const char *const point_names[] = {"At the start", "At a review", "At the end"};
	struct report_table *st = report_table_new(
		a, "outcomes-sittings", "Outcome conversations in the period, by point",
		SITTING_COLUMNS, sizeof SITTING_COLUMNS / sizeof *SITTING_COLUMNS, 4);
	st->total_row = true;
	st->total_column = true;
	long rated_total = 0, declined_total = 0;
	for (size_t i = 0; i < 3; i++) {
		long rated = 0, declined = 0;
		for (size_t r = 0; r < sittings.row_count; r++)
			if (strcmp(db_cell(&sittings, r, 0), points[i]) == 0) {
				rated = cell_long(&sittings, r, 1);
				declined = cell_long(&sittings, r, 2);
			}
		*report_cell_at(st, i, 0) = text_cell(point_names[i]);
		*report_cell_at(st, i, 1) = count_cell(rated);
		*report_cell_at(st, i, 2) = count_cell(declined);
		*report_cell_at(st, i, 3) = count_cell(rated + declined);
		rated_total += rated;
		declined_total += declined;
	}
	*report_cell_at(st, 3, 0) = text_cell("Total");
	*report_cell_at(st, 3, 1) = count_cell(rated_total);
	*report_cell_at(st, 3, 2) = count_cell(declined_total);
	*report_cell_at(st, 3, 3) = count_cell(rated_total + declined_total);

	out->key = "outcomes";
	out->title = "Outcomes";
	long sat = cell_long(&people, 0, 0);
	long up = 0, same = 0, down = 0;
	for (size_t k = 0; k < keys; k++) {
		up += m[k].up;
		same += m[k].same;
		down += m[k].down;
	}
	/* The movement table has no total row, so totals down its columns
	 * would undo its suppression: a shared report states none. */
	if (sat == 0)
		out->summary = "No one had an outcome conversation in this period.";
	else if (s->suppressed)
		out->summary = arena_printf(
			a,
			"%s had an outcome conversation in this period; the table shows, for each "
			"statement, how many moved up, stayed the same or moved down between their "
			"first rating and their latest.",
			people_opening(s, a, sat));
	else
		out->summary = arena_printf(
			a,
			"%s had an outcome conversation in this period. Each person's first and "
			"latest rating of each statement they rated twice: %ld moved up, %ld stayed "
			"the same and %ld moved down.",
			people_opening(s, a, sat), up, same, down);
	out->tables = arena_alloc(a, 2 * sizeof *out->tables);
	out->tables[0] = *mt;
	out->tables[1] = *st;
	out->table_count = 2;
	out->notes = notes_of(a, OUTCOME_NOTES, sizeof OUTCOME_NOTES / sizeof *OUTCOME_NOTES);
	out->note_count = sizeof OUTCOME_NOTES / sizeof *OUTCOME_NOTES;
	return RESULT_OK;
}

/* ---- Wellbeing -------------------------------------------------------- */

/* For each measure, how many of the people in scope (as for outcomes)
 * went from each first answer to each latest, among those who answered it
 * at least twice. */
static const char *wellbeing_sql(struct arena *a, const char *in)
{
	return latest_rows(a, "SELECT measure, first_answer, latest_answer, count(*)",
			   "measure, first_answer, latest_answer", "wellbeing_standing",
			   arena_printf(a, "%s AND answers >= 2", in),
			   " GROUP BY measure, first_answer, latest_answer");
}

static const char *const WELLBEING_COLUMNS[] = {
	"Measure",
	"People",
	"Mean first answer",
	"Mean latest answer",
	"Counted as doing well",
	"Doing well at first (%)",
	"Doing well at the latest (%)",
};

/* A share of people doing well, resting on the People column.  Under
 * suppression it is hidden when 1 to 4 people are doing well, or 1 to 4
 * are not: on 5 to 9 people, 20% would be one person.  The part marks it,
 * as suppress_table knows only the share, not the people counted in it. */
static struct report_cell share_of_people(const struct report_scope *s, struct report_cell c,
					  long good, long people)
{
	c = resting_on(c, 1);
	long rest = people - good;
	if (s->suppressed && c.kind == CELL_PERCENT &&
	    ((good >= 1 && good <= 4) || (rest >= 1 && rest <= 4)))
		c.shown = SHOWN_HIDDEN;
	return c;
}

static const char *const WELLBEING_NOTES[] = {
	"The ONS four personal wellbeing questions, each answered 0 (not at all) to 10 "
	"(completely), are four separate measures: there is no combined score.",
	"Each compares a person's first-ever answer with their latest on or before the last day "
	"of the period, for people whose latest answers in the period were given in these "
	"areas, and who have answered that question at least twice. A question they chose "
	"not to answer is left out of that measure only.",
	"Doing well uses ONS's thresholds: for life satisfaction, worthwhile and happiness, high "
	"(7 to 8) or very high (9 to 10); for anxiety, which runs the other way (higher is "
	"worse), very low (0 to 1) or low (2 to 3).",
};

int report_wellbeing(struct db *db, const struct report_scope *s, struct arena *a,
		     struct report_section *out, struct err *e)
{
	const char *in;
	struct db_param *p;
	size_t n;
	if (scope_params(s, a, &in, &p, &n, e) < 0)
		return RESULT_FAILED;
	struct db_rows pairs;
	if (run(db, a, wellbeing_sql(a, in), p, n, &pairs, e) < 0)
		return RESULT_FAILED;

	struct report_table *t = report_table_new(
		a, "wellbeing", "Personal wellbeing (ONS four), first answer against latest",
		WELLBEING_COLUMNS, sizeof WELLBEING_COLUMNS / sizeof *WELLBEING_COLUMNS, 4);
	long life = 0;
	t->chart = CHART_BARS;
	t->chart_column = 6;
	t->chart_caption = "For each of the ONS four measures, the share of people doing well "
			   "at their latest answer.";
	for (size_t i = 0; i < 4; i++) {
		const struct wellbeing_measure *wm = &wellbeing_measures[i];
		long people = 0, first_sum = 0, latest_sum = 0, first_good = 0, latest_good = 0;
		for (size_t r = 0; r < pairs.row_count; r++) {
			if (strcmp(db_cell(&pairs, r, 0), wm->key) != 0)
				continue;
			int first = (int)cell_long(&pairs, r, 1),
			    latest = (int)cell_long(&pairs, r, 2);
			long count = cell_long(&pairs, r, 3);
			people += count;
			first_sum += first * count;
			latest_sum += latest * count;
			first_good += wellbeing_good(wm, first) ? count : 0;
			latest_good += wellbeing_good(wm, latest) ? count : 0;
		}
		double per = people ? 1.0 / (double)people : 0;
		*report_cell_at(t, i, 0) = text_cell(
			wm->higher_is_worse ? arena_printf(a, "%s (lower is better)", wm->title)
					    : wm->title);
		*report_cell_at(t, i, 1) = count_cell(people);
		*report_cell_at(t, i, 2) =
			resting_on(figure_cell(CELL_MEAN, (double)first_sum * per, people), 1);
		*report_cell_at(t, i, 3) =
			resting_on(figure_cell(CELL_MEAN, (double)latest_sum * per, people), 1);
		*report_cell_at(t, i, 4) = text_cell(wm->good_band);
		*report_cell_at(t, i, 5) = share_of_people(
			s, figure_cell(CELL_PERCENT, 100.0 * (double)first_good * per, people),
			first_good, people);
		*report_cell_at(t, i, 6) = share_of_people(
			s, figure_cell(CELL_PERCENT, 100.0 * (double)latest_good * per, people),
			latest_good, people);
		if (i == 0)
			life = people;
	}

	out->key = "wellbeing";
	out->title = "Personal wellbeing";
	out->summary = arena_printf(a,
				    "%s people have a first and a later answer on life satisfaction; "
				    "the ONS four are shown as four measures, with no combined score.",
				    count_opening(s, a, life));
	out->tables = t;
	out->table_count = 1;
	out->notes = notes_of(a, WELLBEING_NOTES, sizeof WELLBEING_NOTES / sizeof *WELLBEING_NOTES);
	out->note_count = sizeof WELLBEING_NOTES / sizeof *WELLBEING_NOTES;
	return RESULT_OK;
}

/* ---- Costs avoided ---------------------------------------------------- */

/* The period's events in scope, by kind and by the unit cost in force on
 * each event's day: the latest figure for the kind from on or before it
 * (of two from the same day, the one entered last).  An event before any
 * figure for its kind has no unit cost (its columns NULL).  Each figure
 * is in force from its day until the next figure's for the kind (one
 * followed by another from the same day, never), so an event is joined
 * to it by range: a lookup an event cost PostgreSQL 0.35 s for the
 * programme manager's year at 100,000 people (BENCHMARKS.md). */
static const char *costs_sql(struct arena *a, const char *in)
{
	return arena_printf(a,
		"WITH in_force AS (SELECT u.id, u.kind, u.pence, u.unit, u.source, u.source_year,"
		"  u.from_on, lead(u.from_on) OVER (PARTITION BY u.kind"
		"   ORDER BY u.from_on, u.created_at, u.id) AS until_on FROM unit_costs u)"
		" SELECT ev.kind, uc.id, uc.pence, uc.unit, uc.source, uc.source_year,"
		" count(*), sum(ev.quantity), count(DISTINCT ev.person_id)"
		" FROM cost_events ev"
		" LEFT JOIN in_force uc ON uc.kind = ev.kind AND uc.from_on <= ev.happened_on"
		"  AND (uc.until_on IS NULL OR uc.until_on > ev.happened_on)"
		" WHERE ev.happened_on >= $1 AND ev.happened_on <= $2 AND ev.withdrawn_at IS NULL"
		"%s"
		" GROUP BY ev.kind, uc.id, uc.pence, uc.unit, uc.source, uc.source_year, uc.from_on"
		/* Events before any figure first, on both backends (which
		 * otherwise put NULL at opposite ends). */
		" ORDER BY ev.kind, CASE WHEN uc.from_on IS NULL THEN 0 ELSE 1 END, uc.from_on",
		in);
}

static const char *cost_people_sql(struct arena *a, const char *in)
{
	return arena_printf(a,
		"SELECT count(DISTINCT ev.person_id) FROM cost_events ev"
		" WHERE ev.happened_on >= $1 AND ev.happened_on <= $2 AND ev.withdrawn_at IS NULL"
		"%s",
		in);
}

static const char *const COST_COLUMNS[] = {
	"What did not have to happen", "People", "Events", "Quantity", "Unit cost",
	"Source",                      "Year",   "Gross costs avoided",
};

/* "£1,234.56" */
static const char *money_text(struct arena *a, int64_t pence)
{
	char digits[32];
	int len = snprintf(digits, sizeof digits, "%" PRId64, pence / 100);
	struct sb sb;
	sb_init(&sb, a, 64);
	sb_puts(&sb, "£");
	for (int i = 0; i < len; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			sb_putc(&sb, ',');
		sb_putc(&sb, digits[i]);
	}
	sb_printf(&sb, ".%02d", (int)(pence % 100));
	return sb_str(&sb);
}

int report_costs(struct db *db, const struct report_scope *s, struct arena *a,
		 struct report_section *out, struct err *e)
{
	const char *in;
	struct db_param *p;
	size_t n;
	if (scope_params(s, a, &in, &p, &n, e) < 0)
		return RESULT_FAILED;
	struct db_rows groups, everyone;
	if (run(db, a, costs_sql(a, in), p, n, &groups, e) < 0 ||
	    run(db, a, cost_people_sql(a, in), p, n, &everyone, e) < 0)
		return RESULT_FAILED;

	/* A row for each kind and each figure its events were valued at; a
	 * kind with no events in the period one row of zeros. */
	size_t rows = 0;
	for (size_t k = 0; k < COST_KIND_COUNT; k++) {
		size_t found = 0;
		for (size_t g = 0; g < groups.row_count; g++)
			found += strcmp(db_cell(&groups, g, 0), cost_kinds[k].key) == 0;
		rows += found ? found : 1;
	}
	struct report_table *t =
		report_table_new(a, "costs-avoided", "Costs avoided, by what did not have to happen",
				 COST_COLUMNS, sizeof COST_COLUMNS / sizeof *COST_COLUMNS, rows + 1);
	t->total_row = true;
	t->chart = CHART_BARS;
	t->chart_column = 2;
	t->chart_caption = "How many times each thing did not have to happen, in the period.";

	long events_total = 0;
	int64_t pence_total = 0;
	struct sb unvalued;
	sb_init(&unvalued, a, 2048);
	size_t row = 0;
	for (size_t k = 0; k < COST_KIND_COUNT; k++) {
		const struct cost_kind *kind = &cost_kinds[k];
		bool any = false, kind_unvalued = false;
		for (size_t g = 0; g < groups.row_count; g++) {
			if (strcmp(db_cell(&groups, g, 0), kind->key) != 0)
				continue;
			any = true;
			long events = cell_long(&groups, g, 6), quantity = cell_long(&groups, g, 7),
			     people = cell_long(&groups, g, 8);
			*report_cell_at(t, row, 0) = text_cell(kind->label);
			*report_cell_at(t, row, 1) = count_cell(people);
			*report_cell_at(t, row, 2) = count_cell(events);
			/* Held back with the people: 7 nights beside a unit cost
			 * give the money of fewer than 5 people away. */
			*report_cell_at(t, row, 3) = (struct report_cell){
				.kind = CELL_COUNT, .value = (double)quantity, .base = people,
				.shown = SHOWN, .base_column = 1};
			if (db_cell(&groups, g, 1)) {
				int64_t unit = cell_int64(&groups, g, 2);
				int64_t pence = unit * quantity;
				*report_cell_at(t, row, 4) = text_cell(arena_printf(
					a, "%s %s", money_text(a, unit), db_cell(&groups, g, 3)));
				*report_cell_at(t, row, 5) = text_cell(db_cell(&groups, g, 4));
				*report_cell_at(t, row, 6) = text_cell(db_cell(&groups, g, 5));
				*report_cell_at(t, row, 7) = (struct report_cell){
					.kind = CELL_PENCE, .value = (double)pence, .base = people,
					.shown = SHOWN, .base_column = 3};
				pence_total += pence;
			} else {
				kind_unvalued = true;
			}
			events_total += events;
			row++;
		}
		if (!any) {
			*report_cell_at(t, row, 0) = text_cell(kind->label);
			*report_cell_at(t, row, 1) = count_cell(0);
			*report_cell_at(t, row, 2) = count_cell(0);
			*report_cell_at(t, row, 3) = resting_on(count_cell(0), 1);
			*report_cell_at(t, row, 7) = (struct report_cell){
				.kind = CELL_PENCE, .shown = SHOWN, .base_column = 3};
			row++;
		}
		if (kind_unvalued)
			sb_printf(&unvalued, "%s%s", sb_str(&unvalued)[0] ? "; " : "", kind->label);
	}
	long people_total = cell_long(&everyone, 0, 0);
	*report_cell_at(t, row, 0) = text_cell("Total");
	*report_cell_at(t, row, 1) = count_cell(people_total);
	*report_cell_at(t, row, 2) = count_cell(events_total);
	/* Quantities are in different units (visits, nights, weeks): no total. */
	*report_cell_at(t, row, 7) = (struct report_cell){
		.kind = CELL_PENCE, .value = (double)pence_total, .base = people_total,
		.shown = SHOWN, .base_column = 1};
	if (sb_failed(&unvalued))
		return err_set(e, "reports: the list of kinds without a unit cost is too long");

	size_t note_count = 5;
	const char **notes = arena_alloc(a, (note_count + 1) * sizeof *notes);
	notes[0] = "These are gross costs avoided: what the events would have cost, valued at "
		   "the council's unit costs.";
	notes[1] = "Each event is valued at the unit cost in force for its kind on the day it "
		   "happened, times its quantity (appointments, nights, weeks...). Every unit "
		   "cost is shown with its source and year.";
	notes[2] = "Not included: deadweight (what would have happened anyway), attribution "
		   "(the part others played) and drop-off (how the benefit fades over time). "
		   "Without them this is not a social return on investment.";
	notes[3] = "Events withdrawn as recorded by mistake are left out. A person counts once "
		   "in a row and once in the total, however many events they had.";
	notes[4] = "The total of quantities is not given: they are in different units.";
	if (sb_str(&unvalued)[0])
		notes[note_count++] = arena_printf(
			a,
			"No unit cost was in force for some events of these kinds, so their money is "
			"not counted in the total: %s.",
			sb_str(&unvalued));

	out->key = "costs";
	out->title = "Costs avoided";
	/* The sentence states the totals only as the total row shows them:
	 * suppressing here (report_build suppresses again, to the same
	 * marks) tells which are held back. */
	if (s->suppressed)
		suppress_table(t);
	const struct report_cell *events_cell = report_cell_at(t, row, 2),
				 *money_cell = report_cell_at(t, row, 7);
	if (events_total == 0)
		out->summary = "No costs avoided were recorded in this period.";
	else if (events_cell->shown == SHOWN && money_cell->shown == SHOWN)
		out->summary = arena_printf(
			a,
			"%ld %s recorded in this period came to %s of gross costs avoided, before "
			"deadweight, attribution and drop-off.",
			events_total, events_total == 1 ? "event" : "events",
			money_text(a, pence_total));
	else if (events_cell->shown != SHOWN_HIDDEN)
		out->summary = arena_printf(a, "%s events of costs avoided were recorded in this "
					       "period.",
					    count_opening(s, a, events_total));
	else
		out->summary = "Costs avoided were recorded in this period; too few to show "
			       "their totals.";
	out->tables = t;
	out->table_count = 1;
	out->notes = notes;
	out->note_count = note_count;
	return RESULT_OK;
}
