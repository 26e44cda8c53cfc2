/* alongside report: the programme's reports on the command line, as plain
 * text tables, one table's CSV, or the API's JSON; always with small
 * numbers held back (the caller is the command line, never a team
 * leader's own view). */
#include "api/report_json.h"
#include "cli/cli.h"
#include "core/arena.h"
#include "core/err.h"
#include "core/sb.h"
#include "core/workdays.h"
#include "db/db.h"
#include "domain/reports/report.h"
#include "domain/staff/caller.h"
#include "web/report_csv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* By position in main.c's report_options. */
enum { OPT_QUARTER, OPT_FROM, OPT_TO, OPT_AREA, OPT_SECTION, OPT_CSV };

/* Characters, not bytes, so "£" and "–" line up. */
static size_t width(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

static void padded(const char *s, size_t w, bool right)
{
	size_t n = width(s);
	if (right)
		for (; n < w; n++)
			putchar(' ');
	fputs(s, stdout);
	if (!right)
		for (; n < w; n++)
			putchar(' ');
}

static void print_table(struct arena *a, const struct report_table *t)
{
	printf("\n%s\n", t->title);
	size_t *w = arena_alloc(a, (t->column_count + 1) * sizeof *w);
	bool hidden = false;
	for (size_t c = 0; c < t->column_count; c++) {
		w[c] = width(t->columns[c]);
		for (size_t r = 0; r < t->rows; r++) {
			const struct report_cell *x = report_cell_at(t, r, c);
			size_t n = width(report_cell_text(a, x));
			w[c] = n > w[c] ? n : w[c];
			hidden = hidden || x->shown == SHOWN_HIDDEN;
		}
	}
	for (size_t c = 0; c < t->column_count; c++) {
		printf(c ? "  " : "");
		padded(t->columns[c], w[c], c > 0);
	}
	putchar('\n');
	for (size_t r = 0; r < t->rows; r++) {
		for (size_t c = 0; c < t->column_count; c++) {
			printf(c ? "  " : "");
			padded(report_cell_text(a, report_cell_at(t, r, c)), w[c], c > 0);
		}
		putchar('\n');
	}
	if (!t->rows)
		printf("Nothing in this period.\n");
	if (hidden)
		printf("hidden: too few people to show safely.\n");
}

static void print_report(struct arena *a, const struct report *r)
{
	printf("Period: %s\nAreas: ", r->period.label);
	for (size_t i = 0; i < r->area_count; i++)
		printf("%s%s", i ? ", " : "", r->area_names[i]);
	printf("\nMade at: %s\nSmall numbers are held back: counts from 1 to 4 show as \"fewer "
	       "than 5\"; a figure resting on fewer than 5 people is hidden.\n",
	       r->made_at);
	for (size_t s = 0; s < r->section_count; s++) {
		const struct report_section *x = &r->sections[s];
		printf("\n== %s ==\n", x->title);
		if (x->summary)
			printf("%s\n", x->summary);
		for (size_t i = 0; i < x->table_count; i++)
			print_table(a, &x->tables[i]);
		for (size_t i = 0; i < x->note_count; i++)
			printf("%s- %s\n", i ? "" : "\n", x->notes[i]);
	}
}

/* One table as CSV, by its key. */
static int print_csv(const struct cli_command *cmd, struct arena *a, const struct report *r,
		     const char *key)
{
	for (size_t s = 0; s < r->section_count; s++)
		for (size_t i = 0; i < r->sections[s].table_count; i++) {
			const struct report_table *t = &r->sections[s].tables[i];
			if (strcmp(t->key, key) != 0)
				continue;
			struct sb out;
			sb_init(&out, a, 16 * 1024 * 1024);
			report_table_csv(&out, a, t);
			if (sb_failed(&out))
				return cli_runtime_error(cmd, "the table is too large for CSV");
			fputs(sb_str(&out), stdout);
			return EXIT_SUCCESS;
		}
	fprintf(stderr, "alongside %s: no table \"%s\"; the tables are:", cmd->name, key);
	for (size_t s = 0; s < r->section_count; s++)
		for (size_t i = 0; i < r->sections[s].table_count; i++)
			fprintf(stderr, " %s", r->sections[s].tables[i].key);
	fputc('\n', stderr);
	return CLI_EXIT_USAGE;
}

static int run(const struct cli_command *cmd, const struct cli_args *args, struct db *db,
	       const struct holidays *h, struct arena *a)
{
	struct report_request rq = {.view = REPORT_SHARED,
				    .only_section = args->options[OPT_SECTION]};
	struct err e;
	err_clear(&e);
	const char *from = args->options[OPT_FROM], *to = args->options[OPT_TO];
	int rc;
	if (from || to)
		rc = period_dates(from ? from : "", to ? to : "", &rq.period, &e);
	else if (args->options[OPT_QUARTER])
		rc = period_quarter(args->options[OPT_QUARTER], &rq.period, &e);
	else
		rc = err_field(&e, "quarter", "give --quarter like 2026-27-Q3, or --from and --to");
	rq.area_count = args->value_counts[OPT_AREA];
	if (rq.area_count) {
		rq.area_ids = arena_alloc(a, rq.area_count * sizeof *rq.area_ids);
		memcpy(rq.area_ids, args->values[OPT_AREA], rq.area_count * sizeof *rq.area_ids);
	}
	struct caller cli = caller_cli();
	struct report r;
	if (rc == RESULT_OK)
		rc = report_build(db, &cli, h, args->config.due_working_days, time(NULL), &rq, a, &r,
				  &e);
	if (rc == RESULT_INVALID) {
		for (size_t i = 0; i < e.field_count; i++)
			fprintf(stderr, "alongside %s: %s: %s\n", cmd->name, e.fields[i].path,
				e.fields[i].message);
		return CLI_EXIT_USAGE;
	}
	if (rc != RESULT_OK)
		return cli_runtime_error(cmd, e.msg);
	if (args->options[OPT_CSV])
		return print_csv(cmd, a, &r, args->options[OPT_CSV]);
	if (args->switches[0]) {
		json_t *j = api_report_json(&r);
		char *text = json_dumps(j, JSON_INDENT(2));
		json_decref(j);
		if (!text)
			return cli_runtime_error(cmd, "out of memory");
		puts(text);
		free(text);
		return EXIT_SUCCESS;
	}
	print_report(a, &r);
	return EXIT_SUCCESS;
}

int cli_report(const struct cli_command *cmd, int argc, char **argv)
{
	struct cli_args args;
	int rc = cli_parse(cmd, argc, argv, &args);
	if (rc)
		return rc == CLI_HELP_SHOWN ? EXIT_SUCCESS : rc;
	if (args.options[OPT_CSV] && args.switches[0])
		return cli_usage_error(cmd, "choose --csv TABLE or --json, not both");
	struct db *db;
	struct err e;
	if (db_open(args.config.db_url, REPORT_SECTIONS_AT_ONCE, &db, &e) < 0)
		return cli_runtime_error(cmd, e.msg);
	struct holidays *h = holidays_new();
	if (!h || (args.config.bank_holidays[0] &&
		   holidays_add_file(h, args.config.bank_holidays, &e) < 0)) {
		rc = cli_runtime_error(cmd, h ? e.msg : "out of memory");
		holidays_free(h);
		db_close(db);
		return rc;
	}
	struct arena *a = arena_new();
	rc = run(cmd, &args, db, h, a);
	arena_free(a);
	holidays_free(h);
	db_close(db);
	return rc;
}
