/* Report charts and cell text: a held-back figure never appears as its
 * number, names are escaped, no rows draws nothing, and figures read as
 * docs/reports.md says. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/sb.h"
#include "domain/reports/report.h"
#include "web/report_csv.h"
#include "web/svg_chart.h"

static const char *hostile = "<script>alert(\"x\")</script> & 'Sue'";

static struct report_cell text(const char *s)
{
	return (struct report_cell){.kind = CELL_TEXT, .text = s};
}

static struct report_cell count(double v, enum report_cell_shown shown)
{
	return (struct report_cell){.kind = CELL_COUNT, .value = v, .base = (long)v, .shown = shown};
}

/* Three areas by two counts: the middle row's first count is 3, held
 * back as fewer than 5, its second 4321 hidden. */
static struct report_table table_of(struct arena *a, enum report_chart chart, size_t rows)
{
	static const char *columns[] = {"Area", "Answered in time", "Late"};
	struct report_table t = {.key = "replies-by-area", .title = "Replies by area",
				 .columns = columns, .column_count = 3, .rows = rows,
				 .chart = chart, .chart_column = 1,
				 .chart_caption = "How many replies came in time"};
	t.cells = arena_alloc(a, (rows ? rows : 1) * 3 * sizeof *t.cells);
	for (size_t r = 0; r < rows; r++) {
		*report_cell_at(&t, r, 0) = text(r == 0 ? hostile : arena_printf(a, "Area %zu", r));
		*report_cell_at(&t, r, 1) = count(r == 1 ? 3 : 40 + (double)r, r == 1 ? SHOWN_FEWER_THAN_5 : SHOWN);
		*report_cell_at(&t, r, 2) = count(r == 1 ? 4321 : 12, r == 1 ? SHOWN_HIDDEN : SHOWN);
	}
	return t;
}

static const char *draw(struct arena *a, const struct report_table *t)
{
	struct sb sb;
	sb_init(&sb, a, 1024 * 1024);
	svg_chart(&sb, a, t, "chart-1");
	assert_false(sb_failed(&sb));
	return sb_str(&sb);
}

/* No text node or attribute holds the held-back figures 3 or 4321. */
static void assert_no_held_back_number(const char *svg)
{
	assert_null(strstr(svg, "4321"));
	assert_null(strstr(svg, "4,321"));
	assert_null(strstr(svg, ">3<"));
}

static void each_chart_holds_back(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	enum report_chart charts[] = {CHART_BARS, CHART_LINES, CHART_STACKED};
	for (size_t i = 0; i < 3; i++) {
		struct report_table t = table_of(a, charts[i], 3);
		const char *svg = draw(a, &t);
		assert_non_null(strstr(svg, "role=\"img\""));
		assert_null(strstr(svg, "aria-describedby"));
		assert_non_null(strstr(svg, "<title id=\"chart-1-title\">Replies by area: "));
		assert_no_held_back_number(svg);
		assert_null(strstr(svg, "<script>"));
		assert_non_null(strstr(svg, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; "
					    "&amp; &#39;Sue&#39;"));
	}
	arena_free(a);
}

/* A bar chart says "fewer than 5" where the bar would be, and draws the
 * others by value: 40 and 42, the longest bar the longest figure. */
static void bars_say_fewer_than_5(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct report_table t = table_of(a, CHART_BARS, 3);
	const char *svg = draw(a, &t);
	assert_non_null(strstr(svg, ">fewer than 5</text>"));
	assert_non_null(strstr(svg, ">40</text>"));
	assert_non_null(strstr(svg, "width=\"440\""));
	/* Two bars: the held-back row has none. */
	size_t rects = 0;
	for (const char *p = strstr(svg, "<rect"); p; p = strstr(p + 1, "<rect"))
		rects++;
	assert_int_equal(rects, 2);
	arena_free(a);
}

/* A line breaks at a held-back month and the chart says what gaps are. */
static void lines_break_at_gaps(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct report_table t = table_of(a, CHART_LINES, 3);
	const char *svg = draw(a, &t);
	assert_non_null(strstr(svg, "A gap: fewer than 5, hidden or none"));
	size_t polylines = 0;
	for (const char *p = strstr(svg, "<polyline"); p; p = strstr(p + 1, "<polyline"))
		polylines++;
	/* Each column: rows 0 and 2 apart, two one-point pieces. */
	assert_int_equal(polylines, 4);
	/* A share beside counts is left off the counts' axis. */
	for (size_t r = 0; r < t.rows; r++)
		*report_cell_at(&t, r, 2) = (struct report_cell){.kind = CELL_PERCENT, .value = 50,
								  .base = 10};
	svg = draw(a, &t);
	assert_null(strstr(svg, ">Late</text>"));
	polylines = 0;
	for (const char *p = strstr(svg, "<polyline"); p; p = strstr(p + 1, "<polyline"))
		polylines++;
	assert_int_equal(polylines, 2);
	arena_free(a);
}

static void no_rows_draws_nothing(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	enum report_chart charts[] = {CHART_BARS, CHART_LINES, CHART_STACKED, CHART_NONE};
	for (size_t i = 0; i < 4; i++) {
		struct report_table t = table_of(a, charts[i], 0);
		assert_string_equal(draw(a, &t), "");
	}
	/* A total row alone is no data either. */
	struct report_table t = table_of(a, CHART_BARS, 1);
	t.total_row = true;
	assert_string_equal(draw(a, &t), "");
	arena_free(a);
}

/* The total row is left out of the chart: it would dwarf the rest. */
static void total_row_left_out(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct report_table t = table_of(a, CHART_BARS, 3);
	t.total_row = true;
	const char *svg = draw(a, &t);
	assert_null(strstr(svg, ">Area 2<"));
	assert_non_null(strstr(svg, ">fewer than 5<"));
	arena_free(a);
}

/* A stacked bar adds up counts only: a mean beside them has no key in the
 * legend and no part of the bar, and each key's colour is its part's. */
static void stacked_bars_stack_counts_only(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	static const char *columns[] = {"Statement", "Mean first", "Moved up", "Moved down"};
	struct report_table t = {.key = "outcomes-movement", .title = "Movement",
				 .columns = columns, .column_count = 4, .rows = 1,
				 .chart = CHART_STACKED};
	t.cells = arena_alloc(a, 4 * sizeof *t.cells);
	*report_cell_at(&t, 0, 0) = text("Safe");
	*report_cell_at(&t, 0, 1) = (struct report_cell){.kind = CELL_MEAN, .value = 2.5, .base = 9};
	*report_cell_at(&t, 0, 2) = count(6, SHOWN);
	*report_cell_at(&t, 0, 3) = count(3, SHOWN);
	const char *svg = draw(a, &t);
	assert_null(strstr(svg, ">Mean first<"));
	assert_non_null(strstr(svg, ">Moved up<"));
	assert_non_null(strstr(svg, ">Moved down<"));
	/* Two parts, each with a legend swatch: four rectangles in all. */
	size_t rects = 0;
	for (const char *p = svg; (p = strstr(p, "<rect")); p++)
		rects++;
	assert_int_equal(rects, 4);
	arena_free(a);
}

static void cell_text_by_mark(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct report_cell c = count(3, SHOWN_FEWER_THAN_5);
	assert_string_equal(report_cell_text(a, &c), "fewer than 5");
	assert_string_equal(report_cell_csv(a, &c), "<5");
	c = (struct report_cell){.kind = CELL_DAYS, .value = 2.5, .shown = SHOWN_HIDDEN};
	assert_string_equal(report_cell_text(a, &c), "hidden");
	assert_string_equal(report_cell_csv(a, &c), "hidden");
	c = (struct report_cell){.kind = CELL_NONE};
	assert_string_equal(report_cell_text(a, &c), "none");
	assert_string_equal(report_cell_csv(a, &c), "");
	c = count(0, SHOWN);
	assert_string_equal(report_cell_text(a, &c), "0");
	c = count(1234567, SHOWN);
	assert_string_equal(report_cell_text(a, &c), "1,234,567");
	assert_string_equal(report_cell_csv(a, &c), "1234567");
	c = (struct report_cell){.kind = CELL_DAYS, .value = 2.5};
	assert_string_equal(report_cell_text(a, &c), "2.5");
	c.value = 3;
	assert_string_equal(report_cell_text(a, &c), "3");
	c = (struct report_cell){.kind = CELL_PENCE, .value = 123450};
	/* Pence shown as the summaries show them; whole pounds without. */
	assert_string_equal(report_cell_text(a, &c), "£1,234.50");
	assert_string_equal(report_cell_csv(a, &c), "1234.50");
	c.value = 428400;
	assert_string_equal(report_cell_text(a, &c), "£4,284");
	c.value = 5;
	assert_string_equal(report_cell_text(a, &c), "£0.05");
	c = (struct report_cell){.kind = CELL_PERCENT, .value = 70};
	assert_string_equal(report_cell_text(a, &c), "70%");
	assert_string_equal(report_cell_csv(a, &c), "70");
	c = (struct report_cell){.kind = CELL_MEAN, .value = 3.44};
	assert_string_equal(report_cell_text(a, &c), "3.4");
	arena_free(a);
}

/* The CSV: headings, then rows by mark, quoted; a hostile name stays text. */
static void csv_by_mark(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct report_table t = table_of(a, CHART_BARS, 2);
	*report_cell_at(&t, 0, 0) = text("=SUM(A1)");
	struct sb sb;
	sb_init(&sb, a, 1 << 16);
	report_table_csv(&sb, a, &t);
	assert_string_equal(sb_str(&sb), "\"Area\",\"Answered in time\",\"Late\"\r\n"
					 "\"'=SUM(A1)\",\"40\",\"12\"\r\n"
					 "\"Area 1\",\"<5\",\"hidden\"\r\n");
	arena_free(a);
}

/* A column of shares is headed "(%)" in CSV, as its figures are bare. */
static void csv_share_header(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct report_table t = table_of(a, CHART_BARS, 1);
	*report_cell_at(&t, 0, 2) = (struct report_cell){.kind = CELL_PERCENT, .value = 86};
	struct sb sb;
	sb_init(&sb, a, 1 << 16);
	report_table_csv(&sb, a, &t);
	assert_string_equal(sb_str(&sb), "\"Area\",\"Answered in time\",\"Late (%)\"\r\n"
					 "\"<script>alert(\"\"x\"\")</script> & 'Sue'\",\"40\",\"86\"\r\n");
	arena_free(a);
}

/* Shares run 0 to 100% with gridlines, whatever the largest; the last
 * month's label ends at its point (anchored at its end), so it is never
 * cut off at the chart's edge. */
static void share_lines_run_to_100(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	static const char *columns[] = {"Month", "Answered in time"};
	struct report_table t = {.key = "replies-by-month", .title = "Replies by month",
				 .columns = columns, .column_count = 2, .rows = 3,
				 .chart = CHART_LINES, .chart_column = 1};
	t.cells = arena_alloc(a, 6 * sizeof *t.cells);
	const char *months[] = {"July 2026", "August 2026", "September 2026"};
	for (size_t r = 0; r < 3; r++) {
		*report_cell_at(&t, r, 0) = text(months[r]);
		*report_cell_at(&t, r, 1) =
			(struct report_cell){.kind = CELL_PERCENT, .value = 60 + 12.0 * (double)r, .base = 20};
	}
	const char *svg = draw(a, &t);
	assert_non_null(strstr(svg, ">100%<"));
	assert_non_null(strstr(svg, ">50%<"));
	assert_null(strstr(svg, ">84%<"));
	assert_non_null(strstr(svg, "text-anchor=\"end\" font-size=\"15\" fill=\"#0b0c0c\">"
				    "September 2026<"));
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(each_chart_holds_back), cmocka_unit_test(bars_say_fewer_than_5),
		cmocka_unit_test(lines_break_at_gaps),   cmocka_unit_test(no_rows_draws_nothing),
		cmocka_unit_test(total_row_left_out),    cmocka_unit_test(cell_text_by_mark),
		cmocka_unit_test(csv_by_mark),           cmocka_unit_test(stacked_bars_stack_counts_only),
		cmocka_unit_test(csv_share_header),      cmocka_unit_test(share_lines_run_to_100),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
