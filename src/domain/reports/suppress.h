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
 *     total_column) and exactly one count in that line is held back, the
 *     smallest other shown count in the line that is not 0 is hidden too
 *     (never a larger one while a smaller is left; the total itself only
 *     when no other is), so the total cannot give the first away;
 *   - a figure whose cell names a base_column (not 0: column 0 is a
 *     label) rests on the count in that column of its row: a share, a
 *     mean, money, or a quantity (a count that is not itself people, as
 *     7 nights of fewer than 5 people's hospital stays) is hidden
 *     whenever that cell is held back, by either rule above, whatever
 *     its own value or base;
 *   - money down a column with a total row is weighed like counts: when
 *     exactly one money cell is held back, the smallest other shown one
 *     is hidden, and the cell it rests on with it (a quantity beside its
 *     unit cost would give the money back);
 *   these repeat until a pass hides nothing more.
 *
 * The rules see one table.  A part may mark a cell itself where a figure
 * rests on something no cell of the row holds (a wellbeing share of 1
 * to 4 people), and may mark cells of one table because of another only
 * when the report is suppressed (report_scope.suppressed), saying so in a
 * comment where it does.  Marking twice gives the same marks, so a part
 * may run suppress_table on its own table to word its summary sentence.
 *
 * suppress_table marks cells (report_cell.shown); it never changes a
 * value, so a test can check both what was computed and what is shown.
 * Renderers print a marked cell by its mark, never its value.
 */

void suppress_table(struct report_table *t);

#endif
