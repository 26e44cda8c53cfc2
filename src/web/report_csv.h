#ifndef ALONGSIDE_WEB_REPORT_CSV_H
#define ALONGSIDE_WEB_REPORT_CSV_H

#include "domain/reports/report.h"

struct arena;
struct sb;

/*
 * How a report's cells read as text, the one place that decides it, so a
 * page, its chart, the CSV and the command line print a figure alike
 * (docs/reports.md lists the forms).  A cell is printed by its mark,
 * never by its value when it is marked:
 *
 *   SHOWN_FEWER_THAN_5   "fewer than 5"       CSV "<5"
 *   SHOWN_HIDDEN         "hidden"             CSV "hidden"
 *   CELL_NONE            "none"               CSV "" (nothing to count)
 *
 * Shown values: a count "1,234"; days "3", or "3.5" for a median half way
 * between two; a percentage "70%"; a mean "3.4"; money "£1,234", or
 * "£1,234.50" when it has pence (as the summaries give it).  In CSV,
 * numbers are bare for a spreadsheet to sum: "1234", "3.5", "70", "3.4",
 * money in pounds with pence "1234.50".
 */

const char *report_cell_text(struct arena *a, const struct report_cell *c);
const char *report_cell_csv(struct arena *a, const struct report_cell *c);

/* Whether the cell's figure is held back (fewer than 5, or hidden). */
bool report_cell_held_back(const struct report_cell *c);

/* The table as CSV (core/csv.h: quoted, formula-safe, CRLF): the column
 * headings, a column of shares headed with "(%)" added (its figures are
 * bare), then every row. */
void report_table_csv(struct sb *out, struct arena *a, const struct report_table *t);

#endif
