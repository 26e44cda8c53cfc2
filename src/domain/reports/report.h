#ifndef ALONGSIDE_DOMAIN_REPORTS_REPORT_H
#define ALONGSIDE_DOMAIN_REPORTS_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "domain/reports/period.h"

struct arena;
struct caller;
struct db;
struct err;
struct holidays;

/*
 * The programme's reports: whether Local Area Coordination keeps its
 * promises and what changed for people, for a period and some areas.
 *
 * A report is a list of sections, each a list of tables; every figure is
 * a cell of a table, so the page, its SVG chart, the CSV, the print
 * version, the JSON API and the command line all show the same numbers
 * from one computation, and small-number suppression (suppress.h) is one
 * pass over the tables.
 *
 * Sections (report_section.key), in order:
 *   introductions  by month, by area, by who introduced, by channel;
 *                  returns (a later involvement for the same person)
 *   replies        introductions received in the period: answered within
 *                  the promise (`due_working_days`, the due date's own
 *                  clock: bank holidays, and days every coordinator of
 *                  the area was on leave), median and 90th percentile
 *                  working days to the reply, overdue now.  A reply is
 *                  the first change of status away from "new" by staff.
 *   first_conversations  days from introduction to the involvement's
 *                  first held conversation: median and 90th percentile
 *   caseloads      per coordinator: walking alongside against capacity,
 *                  month by month (capacity as it was that month),
 *                  short-term help beside it; involvements ended in the
 *                  period, by reason
 *   outcomes       per outcome statement: the people with a first and a
 *                  later rating, and how many moved up, stayed, moved
 *                  down; mean first and latest; outcome conversations
 *                  (sittings) by point
 *   wellbeing      the ONS four, each its own measure: people, mean first
 *                  and latest, and the share in ONS's bands first and
 *                  latest (anxiety: higher is worse)
 *   costs          events avoided by kind, quantity, unit cost with its
 *                  source and year, and gross costs avoided; the method
 *                  and what is not included (deadweight, attribution,
 *                  drop-off) as the section's notes
 *
 * Tables of the activity sections, by key (stable: CSV file names, the
 * API and the pages name them); area tables have a row per area of the
 * report, by name, and a total row; month tables a row per month of the
 * period ("October 2026"):
 *   introductions-by-month        Month | Introductions
 *   introductions-by-area         Area | Introductions
 *   introductions-by-introducer   Who got in touch | Introductions
 *   introductions-by-channel      How it came | Introductions
 *   returns                       Area | Involvements started | Of them, returns
 *   replies-by-area               Area | Introductions | Answered within the
 *                                 promise | Reply due or given | Share
 *                                 answered within the promise | Median
 *                                 working days to reply | 9 in 10 replies
 *                                 within (working days) | Overdue now,
 *                                 whenever received (a reading of now)
 *   replies-by-month              the same by month of arrival, and a
 *                                 "Whole period" row
 *   first-conversations-by-area   Area | Introductions | With a first
 *                                 conversation | Median days from
 *                                 introduction | 9 in 10 within (days from
 *                                 introduction) | Waiting for a first
 *                                 conversation
 *   caseloads-now                 Coordinator | Walking alongside |
 *                                 Capacity | Share of capacity | Short-term
 *                                 help: a row per coordinator at the last
 *                                 reading (the chart); "No coordinator
 *                                 named" last, as below
 *   caseloads-by-coordinator      Coordinator | Month | Walking alongside |
 *                                 Capacity | Share of capacity | Short-term
 *                                 help: a row per coordinator and month
 *                                 begun (no total row); "No coordinator
 *                                 named" last, when any involvement's people
 *                                 have none (no capacity)
 *   caseloads-by-month            Month | Walking alongside | Capacity |
 *                                 Short-term help (no total row: each month
 *                                 is a reading, not a part of a sum)
 *   involvements-ended            Why it ended | Walking alongside |
 *                                 Short-term help | All: a total row and a
 *                                 total column
 *
 * Who: a team leader, for their team's areas; a programme manager, or a
 * token with scope reports.read, for every area.  Anyone else is
 * RESULT_FORBIDDEN.  An area filter outside the caller's reach is
 * RESULT_INVALID naming "area".  Each report read is audited (action
 * "read", record type "report", the quarter or dates as record id).
 *
 * Suppression: `suppressed` is set, and suppress_table run on every
 * table, unless the caller is a team leader asking for their own page
 * (REPORT_OWN_VIEW): the programme manager, CSV, print, API and command
 * line always get suppressed figures.  A section's summary sentence
 * follows `suppressed` too: when set it writes 1 to 4 as "fewer than 5"
 * and states no total from which a reader could work out a held-back
 * cell (only figures a table shows, or none); unset, it states the
 * numbers as they are, as the tables beside it do.
 */

enum report_cell_kind {
	CELL_TEXT,      /* a label: a month, an area, a reason */
	CELL_COUNT,     /* people, introductions, events */
	CELL_DAYS,      /* working days or days; value may have .5 (a median) */
	CELL_PERCENT,   /* 0 to 100 */
	CELL_MEAN,      /* a mean rating or score, one decimal */
	CELL_PENCE,     /* money, in pence */
	CELL_NONE,      /* nothing to show (no one to compute it from) */
};

enum report_cell_shown {
	SHOWN,               /* the value as it is */
	SHOWN_FEWER_THAN_5,  /* a count of 1 to 4 */
	SHOWN_HIDDEN,        /* a statistic on fewer than 5, or hidden so a
			      * total cannot give another cell away */
};

struct report_cell {
	enum report_cell_kind kind;
	double value;
	long base;          /* how many people the figure rests on; for a
			     * CELL_COUNT of people, the count itself */
	const char *text;   /* CELL_TEXT */
	enum report_cell_shown shown;
	size_t base_column; /* 0, or the column of the count in the same
			     * row this figure is made from: a share, mean
			     * or money cell (or a quantity counted beside
			     * people) is hidden whenever that cell is held
			     * back, by either rule of suppress.h.  Parts
			     * set it on every such cell derived from a
			     * count of its row.  Money with none: `base`
			     * decides */
};

/* How a table may be drawn; the table beside the chart is always shown. */
enum report_chart {
	CHART_NONE,
	CHART_BARS,      /* one bar per row, of column chart_column */
	CHART_LINES,     /* rows are months: a line for column chart_column
			  * and for each column after it of the same kind
			  * (caseloads: walking alongside, capacity,
			  * short-term help), the total row left out */
	CHART_STACKED,   /* one stacked bar per row, of the count columns
			  * (not a total column; not the total row) */
};

struct report_table {
	const char *key;          /* "replies-by-area": the CSV's file name */
	const char *title;        /* "Replies within the promise, by area" */
	const char **columns;     /* column headings, column_count of them */
	size_t column_count;
	struct report_cell *cells;  /* row-major, rows * column_count */
	size_t rows;
	bool total_row;           /* the last row totals the ones above */
	bool total_column;        /* the last column totals the row */
	enum report_chart chart;
	size_t chart_column;      /* CHART_BARS: the column drawn */
	const char *chart_caption;  /* one sentence saying what it shows */
};

struct report_section {
	const char *key;          /* "replies", as the list above */
	const char *title;        /* "Replies" */
	const char *summary;      /* one sentence of the headline, or NULL */
	struct report_table *tables;
	size_t table_count;
	const char **notes;       /* method, and what is not included */
	size_t note_count;
};

enum report_view {
	REPORT_OWN_VIEW,   /* a team leader's own page: not suppressed */
	REPORT_SHARED,     /* everything else: suppressed */
};

struct report_request {
	struct report_period period;
	const char **area_ids;    /* NULL: every area the caller reaches */
	size_t area_count;
	enum report_view view;
	const char *only_section; /* NULL: all sections */
};

struct report {
	struct report_period period;
	const char **area_ids;    /* the areas it covers, after access */
	const char **area_names;
	size_t area_count;
	bool suppressed;
	const char *made_at;      /* UTC ISO-8601 */
	struct report_section *sections;
	size_t section_count;
};

/* How many sections report_build builds at once, each on a thread of its
 * own holding one connection of db's pool at a time (a statement long),
 * so that a page takes less than the time of all of them one after
 * another.  A pool this large lets them all run; a smaller one makes them
 * take turns.  Two: on 2 cores shared by the server and its database, the
 * programme manager's twelve months at 100,000 people took 0.8-1.0 s with
 * two at once, 0.9-1.2 s with three and 1.1-1.3 s with four
 * (BENCHMARKS.md), and a report should not take most of a server's pool
 * from the other requests. */
#define REPORT_SECTIONS_AT_ONCE 2

/* Builds the report in the arena; `now` is the time "overdue now" and
 * "made at" are read from.  The first section to fail, in the report's
 * order, gives its message. */
int report_build(struct db *db, const struct caller *who, const struct holidays *h,
		 int due_working_days, time_t now, const struct report_request *req,
		 struct arena *a, struct report *out, struct err *e);

/* The key of the section a table (by its key, as listed above) belongs
 * to, or NULL for no such table: so one table, a CSV say, is computed
 * with its section alone. */
const char *report_section_of_table(const char *table_key);

/* The section by key, or NULL. */
const struct report_section *report_section(const struct report *r, const char *key);

/* A cell of a table. */
static inline struct report_cell *report_cell_at(const struct report_table *t, size_t row,
						 size_t column)
{
	return &t->cells[row * t->column_count + column];
}

#endif
