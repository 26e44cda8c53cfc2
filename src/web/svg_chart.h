#ifndef ALONGSIDE_WEB_SVG_CHART_H
#define ALONGSIDE_WEB_SVG_CHART_H

struct arena;
struct report_table;
struct sb;

/*
 * A report table's chart, drawn on the server as inline SVG: no
 * JavaScript, so it shows in print and with scripts off.  The table is
 * always printed beside it (the chart is a picture of the table, never
 * the only place a figure is), so the SVG is role="img" named only by
 * its <title> (the table's title and the chart's caption): the table
 * that follows is read in full anyway.  A line chart of shares runs
 * 0-100% with gridlines at each quarter; its last month's label ends at
 * its point, never cut off at the edge.
 *
 *   CHART_BARS     a labelled horizontal bar per row, of chart_column
 *   CHART_LINES    rows are months; a line for chart_column and each later
 *                  column of its kind (report.h), each with
 *                  its own marker shape and a legend, so colour is never
 *                  the only difference
 *   CHART_STACKED  a horizontal bar per row, stacked from its count
 *                  columns, with a legend
 *
 * A total row or total column is left out (it would dwarf the rest).  A
 * cell marked fewer than 5 or hidden, or with nothing to show, is drawn
 * as absent with its words ("fewer than 5", "hidden", "none"), never its
 * value, so a chart cannot give away what the table holds back.  Every
 * text goes through web/html.h's escaping.  Colours are GOV.UK's, each
 * at least 3:1 against white.  CHART_NONE, or a table of no rows, draws
 * nothing.
 */
void svg_chart(struct sb *out, struct arena *a, const struct report_table *t, const char *id);

#endif
