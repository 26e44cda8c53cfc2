#ifndef ALONGSIDE_DOMAIN_REPORTS_SUPPRESS_H
#define ALONGSIDE_DOMAIN_REPORTS_SUPPRESS_H

struct report_table;

/*
 * Small numbers.  Anything that leaves a team leader's own view (the
 * programme manager's pages, CSV, print, the API, the command line) must
 * not let a reader pick out a person:
 *
 *   - a count from 1 to 4 is shown as "fewer than 5"; 0 is shown as 0;
 *   - a median, percentile, mean or percentage resting on fewer than 5
 *     people (its cell's `base`) is hidden;
 *   - where a row or column carries a total (the table's total_row or
 *     total_column) and exactly one count in that line is hidden, the
 *     next smallest shown count in the line that is not 0 is hidden too,
 *     so the total cannot give the first away; this repeats until no
 *     line with a total has a lone hidden count.  Money cells follow the
 *     count cell their row names as their base (base_column).
 *
 * suppress_table marks cells (report_cell.shown); it never changes a
 * value, so a test can check both what was computed and what is shown.
 * Renderers print a marked cell by its mark, never its value.
 */

void suppress_table(struct report_table *t);

#endif
