#include "domain/reports/report_parts.h"

#include "core/arena.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

static int by_value(const void *x, const void *y)
{
	double a = *(const double *)x, b = *(const double *)y;
	return (a > b) - (a < b);
}

/* Days counted whole, the values of every line so far, are sorted by
 * counting them: at 100,000 people qsort's comparisons were a tenth of a
 * report's time outside its SQL. */
#define COUNTED_DAYS_MAX 4096

/* True when values were whole days from 0 to COUNTED_DAYS_MAX - 1 and
 * are now in order. */
static bool sorted_by_counting(double *values, size_t n)
{
	static const size_t worth_it = 64;
	if (n < worth_it)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!(values[i] >= 0 && values[i] < COUNTED_DAYS_MAX) ||
		    values[i] != (double)(long)values[i])
			return false;
	size_t count[COUNTED_DAYS_MAX] = {0};
	for (size_t i = 0; i < n; i++)
		count[(long)values[i]]++;
	size_t at = 0;
	for (long day = 0; day < COUNTED_DAYS_MAX; day++)
		for (size_t k = 0; k < count[day]; k++)
			values[at++] = (double)day;
	return true;
}

/* A line's median and percentile are asked of the same values, sorted by
 * the first. */
static void sort_values(double *values, size_t n)
{
	for (size_t i = 1; i < n; i++)
		if (values[i] < values[i - 1]) {
			if (!sorted_by_counting(values, n))
				qsort(values, n, sizeof *values, by_value);
			return;
		}
}

double report_median(double *values, size_t n)
{
	if (n == 0)
		return 0;
	sort_values(values, n);
	if (n % 2)
		return values[n / 2];
	return (values[n / 2 - 1] + values[n / 2]) / 2;
}

/* Nearest rank: the smallest value with at least `percent` per cent of
 * the values at or below it, so the figure is always one that happened
 * (a reply of 3 working days, never 2.7). */
double report_percentile(double *values, size_t n, int percent)
{
	if (n == 0)
		return 0;
	sort_values(values, n);
	size_t rank = (size_t)ceil((double)percent / 100.0 * (double)n);
	if (rank < 1)
		rank = 1;
	return values[rank - 1];
}

struct report_table *report_table_new(struct arena *a, const char *key, const char *title,
				      const char *const *columns, size_t column_count,
				      size_t rows)
{
	struct report_table *t = arena_alloc(a, sizeof *t);
	t->key = key;
	t->title = title;
	t->columns = arena_alloc(a, (column_count ? column_count : 1) * sizeof *t->columns);
	memcpy(t->columns, columns, column_count * sizeof *columns);
	t->column_count = column_count;
	t->rows = rows;
	size_t cells = rows * column_count;
	t->cells = arena_alloc(a, (cells ? cells : 1) * sizeof *t->cells);
	for (size_t i = 0; i < cells; i++)
		t->cells[i] = (struct report_cell){.kind = CELL_NONE, .shown = SHOWN};
	return t;
}
