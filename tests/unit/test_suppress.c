/* Small-number suppression (domain/reports/suppress.h) on tables built by
 * hand: counts of 1 to 4 shown as "fewer than 5" and 0 as 0; statistics
 * on fewer than 5 people hidden; a second cell hidden where a total row
 * or a total column would give a hidden one away, repeated across lines;
 * money following the count it rests on; values never changed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "core/arena.h"
#include "domain/reports/report_parts.h"
#include "domain/reports/suppress.h"

static struct report_table *table(struct arena *a, size_t rows, size_t columns)
{
	static const char *const names[] = {"A", "B", "C", "D", "E", "F"};
	return report_table_new(a, "t", "T", names, columns, rows);
}

static void count(struct report_table *t, size_t r, size_t c, long n)
{
	*report_cell_at(t, r, c) = (struct report_cell){.kind = CELL_COUNT, .value = (double)n,
							.base = n};
}

static enum report_cell_shown shown(struct report_table *t, size_t r, size_t c)
{
	return report_cell_at(t, r, c)->shown;
}

static void counts_of_one_to_four_are_fewer_than_5_and_0_is_0(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct report_table *t = table(a, 7, 2);
	long values[] = {0, 1, 4, 5, 12, 3, 2};
	for (size_t i = 0; i < 7; i++) {
		*report_cell_at(t, i, 0) = (struct report_cell){.kind = CELL_TEXT, .text = "x"};
		count(t, i, 1, values[i]);
	}
	suppress_table(t);
	enum report_cell_shown want[] = {SHOWN,		     SHOWN_FEWER_THAN_5, SHOWN_FEWER_THAN_5,
					 SHOWN,		     SHOWN,		 SHOWN_FEWER_THAN_5,
					 SHOWN_FEWER_THAN_5};
	for (size_t i = 0; i < 7; i++) {
		assert_int_equal(shown(t, i, 1), want[i]);
		assert_int_equal(shown(t, i, 0), SHOWN);
		/* Marked, never changed. */
		assert_true(report_cell_at(t, i, 1)->value == (double)values[i]);
	}
	arena_free(a);
}

static void statistics_on_fewer_than_5_people_are_hidden(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct report_table *t = table(a, 2, 4);
	enum report_cell_kind kinds[] = {CELL_DAYS, CELL_PERCENT, CELL_MEAN};
	for (size_t k = 0; k < 3; k++) {
		*report_cell_at(t, 0, k) = (struct report_cell){.kind = kinds[k], .value = 2.5,
								.base = 4};
		*report_cell_at(t, 1, k) = (struct report_cell){.kind = kinds[k], .value = 2.5,
								.base = 5};
	}
	/* Nothing to compute from is shown as nothing, not hidden. */
	suppress_table(t);
	for (size_t k = 0; k < 3; k++) {
		assert_int_equal(shown(t, 0, k), SHOWN_HIDDEN);
		assert_int_equal(shown(t, 1, k), SHOWN);
	}
	assert_int_equal(shown(t, 0, 3), SHOWN);
	arena_free(a);
}

/* Areas down, a total row: in a column with one small count the next
 * smallest goes too, and the 0 stays shown. */
static void a_total_row_hides_a_second_count_in_the_column(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct report_table *t = table(a, 5, 3);
	t->total_row = true;
	long first[] = {3, 0, 9, 7, 19};   /* 3 alone small: 7 goes, 0 stays */
	long second[] = {3, 2, 8, 6, 19};  /* two small: nothing more */
	for (size_t i = 0; i < 5; i++) {
		count(t, i, 1, first[i]);
		count(t, i, 2, second[i]);
	}
	suppress_table(t);
	assert_int_equal(shown(t, 0, 1), SHOWN_FEWER_THAN_5);
	assert_int_equal(shown(t, 1, 1), SHOWN);
	assert_int_equal(shown(t, 2, 1), SHOWN);
	assert_int_equal(shown(t, 3, 1), SHOWN_HIDDEN);
	assert_int_equal(shown(t, 4, 1), SHOWN);
	assert_int_equal(shown(t, 0, 2), SHOWN_FEWER_THAN_5);
	assert_int_equal(shown(t, 1, 2), SHOWN_FEWER_THAN_5);
	assert_int_equal(shown(t, 2, 2), SHOWN);
	assert_int_equal(shown(t, 3, 2), SHOWN);
	assert_int_equal(shown(t, 4, 2), SHOWN);
	arena_free(a);
}

/* A total column: the same across each row; with no other count left in
 * the line, the total itself goes. */
static void a_total_column_hides_a_second_count_in_the_row(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct report_table *t = table(a, 2, 4);
	t->total_column = true;
	count(t, 0, 0, 2);
	count(t, 0, 1, 8);
	count(t, 0, 2, 6);
	count(t, 0, 3, 16); /* 2 alone: 6 goes */
	count(t, 1, 0, 0);
	count(t, 1, 1, 0);
	count(t, 1, 2, 0);
	count(t, 1, 3, 0);
	suppress_table(t);
	assert_int_equal(shown(t, 0, 0), SHOWN_FEWER_THAN_5);
	assert_int_equal(shown(t, 0, 1), SHOWN);
	assert_int_equal(shown(t, 0, 2), SHOWN_HIDDEN);
	assert_int_equal(shown(t, 0, 3), SHOWN);
	for (size_t c = 0; c < 4; c++)
		assert_int_equal(shown(t, 1, c), SHOWN);
	arena_free(a);
}

/* Reasons down, kinds across, totals both ways: hiding a cell for its
 * column can leave another row with a lone hidden cell, which is then
 * covered in turn, until no line with a total gives one away. */
static void both_totals_repeat_until_no_line_gives_a_cell_away(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct report_table *t = table(a, 4, 3);
	t->total_row = true;
	t->total_column = true;
	long v[4][3] = {
		{3, 10, 13},  /* row: 3 lone -> 10 hidden */
		{6, 8, 14},   /* column 0: 3 lone -> 6 hidden (smallest shown) */
		{20, 30, 50}, /* row 1 then has 6 lone -> 8 hidden; column 1: 10, 8 hidden */
		{29, 48, 77},
	};
	for (size_t r = 0; r < 4; r++)
		for (size_t c = 0; c < 3; c++)
			count(t, r, c, v[r][c]);
	suppress_table(t);
	assert_int_equal(shown(t, 0, 0), SHOWN_FEWER_THAN_5);
	assert_int_equal(shown(t, 0, 1), SHOWN_HIDDEN);
	assert_int_equal(shown(t, 1, 0), SHOWN_HIDDEN);
	assert_int_equal(shown(t, 1, 1), SHOWN_HIDDEN);
	/* Every line with a total now has none or at least two hidden. */
	for (size_t r = 0; r < 4; r++) {
		int hidden = 0;
		for (size_t c = 0; c < 3; c++)
			hidden += shown(t, r, c) != SHOWN;
		assert_true(hidden != 1);
	}
	for (size_t c = 0; c < 3; c++) {
		int hidden = 0;
		for (size_t r = 0; r < 4; r++)
			hidden += shown(t, r, c) != SHOWN;
		assert_true(hidden != 1);
	}
	assert_int_equal(shown(t, 3, 2), SHOWN);
	assert_int_equal(shown(t, 2, 2), SHOWN);
	arena_free(a);
}

/* A line whose one small count is the only count: the total equals it
 * and is already small, so two are hidden and nothing more is needed. */
static void a_small_total_needs_no_second_cell(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct report_table *t = table(a, 3, 2);
	t->total_row = true;
	count(t, 0, 1, 0);
	count(t, 1, 1, 3);
	count(t, 2, 1, 3);
	suppress_table(t);
	assert_int_equal(shown(t, 0, 1), SHOWN);
	assert_int_equal(shown(t, 1, 1), SHOWN_FEWER_THAN_5);
	assert_int_equal(shown(t, 2, 1), SHOWN_FEWER_THAN_5);
	arena_free(a);
}

static void money_follows_the_count_it_rests_on(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct report_table *t = table(a, 4, 3);
	t->total_row = true;
	long events[] = {3, 9, 7, 19};
	for (size_t r = 0; r < 4; r++) {
		count(t, r, 1, events[r]);
		*report_cell_at(t, r, 2) = (struct report_cell){
			.kind = CELL_PENCE, .value = 1000.0 * (double)events[r],
			.base = events[r], .base_column = 1};
	}
	suppress_table(t);
	/* 3 small; 7 hidden for the total; the money of both goes with them. */
	assert_int_equal(shown(t, 0, 2), SHOWN_HIDDEN);
	assert_int_equal(shown(t, 1, 2), SHOWN);
	assert_int_equal(shown(t, 2, 1), SHOWN_HIDDEN);
	assert_int_equal(shown(t, 2, 2), SHOWN_HIDDEN);
	assert_int_equal(shown(t, 3, 2), SHOWN);
	assert_true(report_cell_at(t, 0, 2)->value == 3000.0);
	/* Money whose named column holds no count goes by its own base. */
	struct report_table *u = table(a, 2, 2);
	*report_cell_at(u, 0, 0) = (struct report_cell){.kind = CELL_TEXT, .text = "x"};
	*report_cell_at(u, 0, 1) = (struct report_cell){.kind = CELL_PENCE, .value = 500, .base = 2};
	*report_cell_at(u, 1, 0) = (struct report_cell){.kind = CELL_TEXT, .text = "y"};
	*report_cell_at(u, 1, 1) = (struct report_cell){.kind = CELL_PENCE, .value = 0, .base = 0};
	suppress_table(u);
	assert_int_equal(shown(u, 0, 1), SHOWN_HIDDEN);
	assert_int_equal(shown(u, 1, 1), SHOWN);
	arena_free(a);
}

/* A share follows the count it is made from: held back as fewer than 5
 * (4 of 5 answered in time would read as 80%), or hidden as a second
 * cell for a total, the share goes too, though 5 or more are behind it. */
static void a_share_follows_its_count_by_either_rule(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct report_table *t = table(a, 4, 4);
	t->total_row = true;
	long received[] = {5, 20, 30, 55}, in_time[] = {4, 9, 25, 38};
	for (size_t r = 0; r < 4; r++) {
		*report_cell_at(t, r, 0) = (struct report_cell){.kind = CELL_TEXT, .text = "x"};
		count(t, r, 1, received[r]);
		count(t, r, 2, in_time[r]);
		*report_cell_at(t, r, 3) = (struct report_cell){
			.kind = CELL_PERCENT, .value = 100.0 * (double)in_time[r] / (double)received[r],
			.base = received[r], .base_column = 2};
	}
	suppress_table(t);
	assert_int_equal(shown(t, 0, 2), SHOWN_FEWER_THAN_5);
	assert_int_equal(shown(t, 0, 3), SHOWN_HIDDEN);
	/* 9, the next smallest in the column, goes for the total; its share
	 * with it. */
	assert_int_equal(shown(t, 1, 2), SHOWN_HIDDEN);
	assert_int_equal(shown(t, 1, 3), SHOWN_HIDDEN);
	assert_int_equal(shown(t, 2, 3), SHOWN);
	assert_int_equal(shown(t, 3, 3), SHOWN);
	/* A mean follows its count the same way. */
	struct report_table *u = table(a, 1, 3);
	count(u, 0, 1, 3);
	*report_cell_at(u, 0, 2) = (struct report_cell){.kind = CELL_MEAN, .value = 3.5,
							.base = 9, .base_column = 1};
	suppress_table(u);
	assert_int_equal(shown(u, 0, 2), SHOWN_HIDDEN);
	arena_free(a);
}

/* Costs avoided: a quantity of fewer than 5 people's events is held back
 * with them whatever its own value (7 nights beside a unit cost give the
 * money away), and money down a column with a total hides a second money
 * cell and the quantity it rests on. */
static void a_quantity_goes_with_its_people_and_money_with_its_total(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct report_table *t = table(a, 4, 5);
	t->total_row = true;
	long people[] = {3, 12, 30, 45}, quantity[] = {7, 15, 40, 0};
	double pence[] = {7 * 49500.0, 15 * 100.0, 40 * 2000.0, 7 * 49500.0 + 1500.0 + 80000.0};
	for (size_t r = 0; r < 4; r++) {
		count(t, r, 1, people[r]);
		count(t, r, 2, people[r]); /* events */
		if (r < 3)
			*report_cell_at(t, r, 3) = (struct report_cell){
				.kind = CELL_COUNT, .value = (double)quantity[r], .base = people[r],
				.base_column = 1};
		*report_cell_at(t, r, 4) = (struct report_cell){
			.kind = CELL_PENCE, .value = pence[r], .base = people[r],
			.base_column = r < 3 ? 3 : 1};
	}
	suppress_table(t);
	assert_int_equal(shown(t, 0, 1), SHOWN_FEWER_THAN_5);
	assert_int_equal(shown(t, 0, 3), SHOWN_HIDDEN);
	assert_int_equal(shown(t, 0, 4), SHOWN_HIDDEN);
	/* The smallest other money (£15.00) goes for the total, and its
	 * quantity, and so its people and events count. */
	assert_int_equal(shown(t, 1, 4), SHOWN_HIDDEN);
	assert_int_equal(shown(t, 1, 3), SHOWN_HIDDEN);
	assert_int_equal(shown(t, 2, 3), SHOWN);
	assert_int_equal(shown(t, 2, 4), SHOWN);
	assert_int_equal(shown(t, 3, 4), SHOWN);
	assert_true(report_cell_at(t, 0, 3)->value == 7.0);
	arena_free(a);
}

/* The second cell is the smallest candidate in its line, never a larger
 * one: the reviewer's outcome conversations table (declined at the start
 * fewer than 5) hides 84 (the only other count in its row), then the
 * smaller of 68 and 57 in its column, and nothing of the review row. */
static void the_second_cell_is_the_smallest_candidate(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct report_table *t = table(a, 4, 4);
	t->total_row = true;
	t->total_column = true;
	long rated[] = {84, 68, 57}, declined[] = {2, 10, 8};
	for (size_t r = 0; r < 3; r++) {
		count(t, r, 1, rated[r]);
		count(t, r, 2, declined[r]);
		count(t, r, 3, rated[r] + declined[r]);
	}
	count(t, 3, 1, 209);
	count(t, 3, 2, 20);
	count(t, 3, 3, 229);
	suppress_table(t);
	assert_int_equal(shown(t, 0, 2), SHOWN_FEWER_THAN_5);
	assert_int_equal(shown(t, 0, 1), SHOWN_HIDDEN);
	assert_int_equal(shown(t, 2, 1), SHOWN_HIDDEN);
	assert_int_equal(shown(t, 1, 1), SHOWN);
	assert_int_equal(shown(t, 1, 2), SHOWN);
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(counts_of_one_to_four_are_fewer_than_5_and_0_is_0),
		cmocka_unit_test(statistics_on_fewer_than_5_people_are_hidden),
		cmocka_unit_test(a_total_row_hides_a_second_count_in_the_column),
		cmocka_unit_test(a_total_column_hides_a_second_count_in_the_row),
		cmocka_unit_test(both_totals_repeat_until_no_line_gives_a_cell_away),
		cmocka_unit_test(a_small_total_needs_no_second_cell),
		cmocka_unit_test(money_follows_the_count_it_rests_on),
		cmocka_unit_test(a_share_follows_its_count_by_either_rule),
		cmocka_unit_test(a_quantity_goes_with_its_people_and_money_with_its_total),
		cmocka_unit_test(the_second_cell_is_the_smallest_candidate),
	};
	return cmocka_run_group_tests_name("suppress", tests, NULL, NULL);
}
