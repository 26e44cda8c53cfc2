#include "domain/reports/suppress.h"

#include "domain/reports/report.h"

#include <stdbool.h>
#include <stddef.h>

/* A figure that rests on another cell of its row (base_column set: column
 * 0 is always a label) and is shown or hidden with it. */
static bool follows(const struct report_cell *c)
{
	return c->base_column != 0 && c->kind != CELL_TEXT && c->kind != CELL_NONE;
}

/* A count or statistic that gives a reader too few people to hide among. */
static void primary(struct report_cell *c)
{
	switch (c->kind) {
	case CELL_COUNT:
		/* A quantity resting on a count of people goes with that
		 * count, whatever its own value (7 nights of fewer than 5
		 * people). */
		if (c->base_column == 0 && c->value > 0 && c->value < 5)
			c->shown = SHOWN_FEWER_THAN_5;
		break;
	case CELL_DAYS:
	case CELL_PERCENT:
	case CELL_MEAN:
		if (c->base < 5)
			c->shown = SHOWN_HIDDEN;
		break;
	case CELL_PENCE:
		if (c->base_column == 0 && c->base > 0 && c->base < 5)
			c->shown = SHOWN_HIDDEN;
		break;
	case CELL_TEXT:
	case CELL_NONE:
		break;
	}
}

/* The kind of cell a line's second-cell rule weighs: its counts, or its
 * money (a money column against its total). */
static bool weighed(const struct report_cell *c, enum report_cell_kind kind)
{
	if (c->kind != kind)
		return false;
	return kind == CELL_PENCE || c->base_column == 0;
}

/*
 * One line that carries a total: n cells `stride` apart, the last the
 * total.  When exactly one of its cells of `kind` is hidden, the total
 * would give it away: hide the smallest other shown one that is not 0
 * (the total itself when no other is left).  The cell hidden, or NULL.
 */
static struct report_cell *secondary(struct report_cell *first, size_t n, size_t stride,
				     enum report_cell_kind kind)
{
	size_t hidden = 0;
	struct report_cell *smallest = NULL;
	for (size_t i = 0; i < n; i++) {
		struct report_cell *c = first + i * stride;
		if (!weighed(c, kind))
			continue;
		if (c->shown != SHOWN)
			hidden++;
		else if (i + 1 < n && c->value != 0 && (!smallest || c->value < smallest->value))
			smallest = c;
	}
	if (hidden != 1)
		return NULL;
	struct report_cell *total = first + (n - 1) * stride;
	if (!smallest && weighed(total, kind) && total->shown == SHOWN && total->value != 0)
		smallest = total;
	if (!smallest)
		return NULL;
	smallest->shown = SHOWN_HIDDEN;
	return smallest;
}

/* Every figure whose base is held back, by either rule, is hidden. */
static bool follow_bases(struct report_table *t)
{
	bool changed = false;
	for (size_t i = 0; i < t->rows; i++)
		for (size_t j = 0; j < t->column_count; j++) {
			struct report_cell *c = report_cell_at(t, i, j);
			if (!follows(c) || c->shown != SHOWN || c->base_column >= t->column_count)
				continue;
			if (report_cell_at(t, i, c->base_column)->shown != SHOWN) {
				c->shown = SHOWN_HIDDEN;
				changed = true;
			}
		}
	return changed;
}

void suppress_table(struct report_table *t)
{
	size_t cells = t->rows * t->column_count;
	for (size_t i = 0; i < cells; i++)
		primary(&t->cells[i]);
	/* Each pass can hide a cell of a line already looked at (a column's
	 * second cell sits in a row with a total too; a money cell hidden
	 * takes its base along), so repeat until a pass hides nothing; every
	 * pass that goes round again hid at least one cell, so it ends. */
	bool changed = true;
	while (changed) {
		changed = false;
		if (t->total_row && t->rows >= 2)
			for (size_t j = 0; j < t->column_count; j++)
				changed |= secondary(&t->cells[j], t->rows, t->column_count,
						     CELL_COUNT) != NULL;
		if (t->total_column && t->column_count >= 2)
			for (size_t i = 0; i < t->rows; i++)
				changed |= secondary(report_cell_at(t, i, 0), t->column_count, 1,
						     CELL_COUNT) != NULL;
		while (follow_bases(t))
			changed = true;
		/* Money down a column with a total: a second money cell goes,
		 * and the cell it rests on with it (a quantity beside a unit
		 * cost would give the money back). */
		if (t->total_row && t->rows >= 2)
			for (size_t j = 0; j < t->column_count; j++) {
				struct report_cell *c = secondary(&t->cells[j], t->rows,
								  t->column_count, CELL_PENCE);
				if (!c)
					continue;
				changed = true;
				size_t row = (size_t)(c - t->cells) / t->column_count;
				if (c->base_column != 0 && c->base_column < t->column_count)
					report_cell_at(t, row, c->base_column)->shown = SHOWN_HIDDEN;
			}
	}
}
