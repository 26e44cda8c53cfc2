#include "domain/reports/suppress.h"

#include "domain/reports/report.h"

#include <stdbool.h>
#include <stddef.h>

/* A count or statistic that gives a reader too few people to hide among. */
static void primary(struct report_cell *c)
{
	switch (c->kind) {
	case CELL_COUNT:
		if (c->value > 0 && c->value < 5)
			c->shown = SHOWN_FEWER_THAN_5;
		break;
	case CELL_DAYS:
	case CELL_PERCENT:
	case CELL_MEAN:
		if (c->base < 5)
			c->shown = SHOWN_HIDDEN;
		break;
	case CELL_TEXT:
	case CELL_PENCE: /* follows its count, after the counts are settled */
	case CELL_NONE:
		break;
	}
}

/*
 * One line that carries a total: n cells `stride` apart, the last the
 * total.  When exactly one of its counts is hidden, the total would give
 * it away: hide the smallest other shown count that is not 0 (the total
 * itself when no other is left).  True when a cell was hidden, so the
 * lines crossing it are looked at again.
 */
static bool secondary(struct report_cell *first, size_t n, size_t stride)
{
	size_t hidden = 0;
	struct report_cell *smallest = NULL;
	for (size_t i = 0; i < n; i++) {
		struct report_cell *c = first + i * stride;
		if (c->kind != CELL_COUNT)
			continue;
		if (c->shown != SHOWN)
			hidden++;
		else if (i + 1 < n && c->value != 0 && (!smallest || c->value < smallest->value))
			smallest = c;
	}
	if (hidden != 1)
		return false;
	struct report_cell *total = first + (n - 1) * stride;
	if (!smallest && total->kind == CELL_COUNT && total->shown == SHOWN && total->value != 0)
		smallest = total;
	if (!smallest)
		return false;
	smallest->shown = SHOWN_HIDDEN;
	return true;
}

static void money(struct report_table *t, size_t row, struct report_cell *c)
{
	const struct report_cell *base =
		c->base_column < t->column_count ? report_cell_at(t, row, c->base_column) : NULL;
	if (base && base->kind == CELL_COUNT)
		c->shown = base->shown == SHOWN ? SHOWN : SHOWN_HIDDEN;
	else if (c->base > 0 && c->base < 5)
		c->shown = SHOWN_HIDDEN;
}

void suppress_table(struct report_table *t)
{
	size_t cells = t->rows * t->column_count;
	for (size_t i = 0; i < cells; i++)
		primary(&t->cells[i]);
	/* Each pass can hide a cell of a line already looked at (a column's
	 * second cell sits in a row with a total too), so repeat until a pass
	 * hides nothing; every pass hides at least one cell, so it ends. */
	bool changed = true;
	while (changed) {
		changed = false;
		if (t->total_row && t->rows >= 2)
			for (size_t j = 0; j < t->column_count; j++)
				changed |= secondary(&t->cells[j], t->rows, t->column_count);
		if (t->total_column && t->column_count >= 2)
			for (size_t i = 0; i < t->rows; i++)
				changed |= secondary(report_cell_at(t, i, 0), t->column_count, 1);
	}
	for (size_t i = 0; i < t->rows; i++)
		for (size_t j = 0; j < t->column_count; j++)
			if (report_cell_at(t, i, j)->kind == CELL_PENCE)
				money(t, i, report_cell_at(t, i, j));
}
