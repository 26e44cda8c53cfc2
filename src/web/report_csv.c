/* A report's cells as text for people and as CSV for spreadsheets. */
#include "web/report_csv.h"

#include "core/arena.h"
#include "core/csv.h"
#include "core/sb.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool report_cell_held_back(const struct report_cell *c)
{
	return c->shown == SHOWN_FEWER_THAN_5 || c->shown == SHOWN_HIDDEN;
}

/* 1234567 as "1,234,567". */
static const char *grouped(struct arena *a, long long n)
{
	char digits[32];
	int len = snprintf(digits, sizeof digits, "%lld", n < 0 ? -n : n);
	char out[48];
	size_t o = 0;
	if (n < 0)
		out[o++] = '-';
	for (int i = 0; i < len; i++) {
		if (i && (len - i) % 3 == 0)
			out[o++] = ',';
		out[o++] = digits[i];
	}
	out[o] = '\0';
	return arena_strdup(a, out);
}

/* A median of working days is whole or half way between two. */
static const char *days(struct arena *a, double v)
{
	double whole = floor(v);
	if (v - whole > 0.25 && v - whole < 0.75)
		return arena_printf(a, "%.1f", whole + 0.5);
	return arena_printf(a, "%.0f", v);
}

const char *report_cell_text(struct arena *a, const struct report_cell *c)
{
	if (c->shown == SHOWN_FEWER_THAN_5)
		return "fewer than 5";
	if (c->shown == SHOWN_HIDDEN)
		return "hidden";
	switch (c->kind) {
	case CELL_TEXT:
		return c->text ? c->text : "";
	case CELL_COUNT:
		return grouped(a, llround(c->value));
	case CELL_DAYS:
		return days(a, c->value);
	case CELL_PERCENT:
		return arena_printf(a, "%.0f%%", c->value);
	case CELL_MEAN:
		return arena_printf(a, "%.1f", c->value);
	case CELL_PENCE: {
		/* Pence shown when there are any (£4,284.50), as the
		 * summaries give them; whole pounds otherwise. */
		long long pence = llround(c->value);
		long long part = pence % 100;
		if (part == 0)
			return arena_printf(a, "£%s", grouped(a, pence / 100));
		return arena_printf(a, "%s£%s.%02lld", pence < 0 ? "-" : "",
				    grouped(a, llabs(pence / 100)), llabs(part));
	}
	case CELL_NONE:
		break;
	}
	return "none";
}

const char *report_cell_csv(struct arena *a, const struct report_cell *c)
{
	if (c->shown == SHOWN_FEWER_THAN_5)
		return "<5";
	if (c->shown == SHOWN_HIDDEN)
		return "hidden";
	switch (c->kind) {
	case CELL_TEXT:
		return c->text ? c->text : "";
	case CELL_COUNT:
		return arena_printf(a, "%lld", llround(c->value));
	case CELL_DAYS:
		return days(a, c->value);
	case CELL_PERCENT:
		return arena_printf(a, "%.0f", c->value);
	case CELL_MEAN:
		return arena_printf(a, "%.1f", c->value);
	case CELL_PENCE:
		return arena_printf(a, "%.2f", c->value / 100.0);
	case CELL_NONE:
		break;
	}
	return "";
}

/* Does the column hold shares?  Its cells are written as bare numbers,
 * so its header says "(%)". */
static bool percent_column(const struct report_table *t, size_t column)
{
	for (size_t r = 0; r < t->rows; r++)
		if (report_cell_at(t, r, column)->kind == CELL_PERCENT)
			return true;
	return false;
}

void report_table_csv(struct sb *out, struct arena *a, const struct report_table *t)
{
	const char **cells = arena_alloc(a, (t->column_count ? t->column_count : 1) * sizeof *cells);
	for (size_t c = 0; c < t->column_count; c++)
		cells[c] = percent_column(t, c) && !strchr(t->columns[c], '%')
				   ? arena_printf(a, "%s (%%)", t->columns[c])
				   : t->columns[c];
	csv_write_row(out, cells, t->column_count);
	for (size_t r = 0; r < t->rows; r++) {
		for (size_t c = 0; c < t->column_count; c++)
			cells[c] = report_cell_csv(a, report_cell_at(t, r, c));
		csv_write_row(out, cells, t->column_count);
	}
}
