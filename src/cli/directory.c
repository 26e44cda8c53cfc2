/* alongside directory ...: the community directory from the command line:
 * reading and writing it whole as Open Referral UK (import, export).  A
 * new subcommand is one more entry in directory_commands[]. */
#include "cli/cli.h"
#include "core/arena.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/areas/lookup.h"
#include "domain/community/exchange.h"
#include "domain/staff/caller.h"
#include "geo/map.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Prints each problem as one line naming its record (the first
 * EXCHANGE_PROBLEMS_MAX, then how many more). */
static int report_problems(const struct cli_command *cmd, const struct exchange_directory *d)
{
	for (size_t i = 0; i < d->problem_count; i++) {
		if (d->problems[i].record >= 0)
			fprintf(stderr, "alongside %s: record %ld: %s\n", cmd->name,
				d->problems[i].record, d->problems[i].message);
		else
			fprintf(stderr, "alongside %s: %s\n", cmd->name, d->problems[i].message);
	}
	if (d->problems_left_off)
		fprintf(stderr, "alongside %s: and %zu more problem%s\n", cmd->name,
			d->problems_left_off, d->problems_left_off == 1 ? "" : "s");
	fprintf(stderr, "alongside %s: nothing was imported\n", cmd->name);
	return EXIT_FAILURE;
}

static int import_cmd(const struct cli_command *cmd, int argc, char **argv)
{
	struct cli_args args;
	int rc = cli_parse(cmd, argc, argv, &args);
	if (rc)
		return rc == CLI_HELP_SHOWN ? EXIT_SUCCESS : rc;
	struct arena *a = arena_new();
	struct err e = {0};
	struct exchange_directory d;
	rc = exchange_read(a, args.args[0], &d, &e);
	if (rc != RESULT_OK) {
		int code = rc == RESULT_INVALID ? report_problems(cmd, &d)
						: cli_runtime_error(cmd, e.msg);
		arena_free(a);
		return code;
	}
	struct db *db = NULL;
	struct geo_map *map = NULL;
	if (db_open(args.config.db_url, 2, &db, &e) < 0 || geo_map_load(db, &map, &e) < 0) {
		geo_map_free(map);
		db_close(db);
		arena_free(a);
		return cli_runtime_error(cmd, e.msg);
	}
	struct lookup_context lookup = {db, map, args.config.near_metres, NULL};
	struct caller cli = caller_cli();
	size_t saved;
	struct exchange_options opt = {args.switches[0], args.switches[1]};
	rc = exchange_import(db, &cli, &lookup, &d, &opt, a, &saved, &e);
	int code = EXIT_SUCCESS;
	if (rc == RESULT_INVALID)
		code = report_problems(cmd, &d);
	else if (rc != RESULT_OK)
		code = cli_runtime_error(cmd, e.msg);
	else {
		for (size_t i = 0; i < d.kept_count; i++)
			printf("%s\n", d.kept[i]);
		printf("Imported %zu listing%s, %zu taxonom%s and %zu term%s.\n", saved,
		       saved == 1 ? "" : "s", d.taxonomy_count, d.taxonomy_count == 1 ? "y" : "ies",
		       d.term_count, d.term_count == 1 ? "" : "s");
	}
	geo_map_free(map);
	db_close(db);
	arena_free(a);
	return code;
}

static int export_cmd(const struct cli_command *cmd, int argc, char **argv)
{
	struct cli_args args;
	int rc = cli_parse(cmd, argc, argv, &args);
	if (rc)
		return rc == CLI_HELP_SHOWN ? EXIT_SUCCESS : rc;
	const char *format = args.options[0] ? args.options[0] : "json";
	enum exchange_format f;
	if (strcmp(format, "json") == 0)
		f = EXCHANGE_JSON;
	else if (strcmp(format, "csv") == 0)
		f = EXCHANGE_CSV;
	else
		return cli_usage_error(cmd, "--format is json or csv");
	struct arena *a = arena_new();
	struct err e = {0};
	struct db *db = NULL;
	struct caller cli = caller_cli();
	size_t count = 0;
	rc = db_open(args.config.db_url, 2, &db, &e);
	if (rc == RESULT_OK)
		rc = exchange_export(db, &cli, f, args.args[0], a, &count, &e);
	int code = rc == RESULT_OK ? EXIT_SUCCESS : cli_runtime_error(cmd, e.msg);
	if (rc == RESULT_OK)
		printf("Exported %zu listing%s to %s.\n", count, count == 1 ? "" : "s",
		       args.args[0]);
	db_close(db);
	arena_free(a);
	return code;
}

static const char *const db_settings[] = {"db", "config", NULL};
static const char *const import_settings[] = {"db", "config", "near-distance", NULL};
static const char *const import_switches[] = {"demo", "replace", NULL};
static const char *const export_options[] = {"format", NULL};
static const char *const warm_spaces_options[] = {"earlier", NULL};

/* Each subcommand is one entry; its function may live in another file of
 * this folder (declared in cli.h). */
static const struct cli_command directory_commands[] = {
	{"directory import", "read listings and taxonomies from ORUK JSON or CSV",
	 "Usage: alongside directory import FILE|FOLDER [options]\n\n"
	 "Reads Open Referral UK JSON (a list of services with full nesting, as\n"
	 "/oruk/services returns them or as `directory export` writes them, one\n"
	 "service, or a taxonomy file), or a folder holding an HSDS CSV data\n"
	 "package (datapackage.json and the UK profile's tables), and stores\n"
	 "every listing, taxonomy and term, keeping their ids: importing the same\n"
	 "ids again updates them, except that what staff did here stands: a\n"
	 "listing changed here since it was imported is kept as it is (unless\n"
	 "--replace), and a retired listing is never brought back; each is\n"
	 "named on a line starting \"kept:\".  Every record is checked first; a\n"
	 "problem is reported as a line naming the record (its JSON path, or its\n"
	 "file and line) and nothing is stored.\n",
	 "  --demo             mark the listings as demo\n"
	 "  --replace          overwrite listings changed here since they were\n"
	 "                     imported (retired ones stay retired)\n"
	 "  --near-distance M  metres outside a covered area that count as near\n"
	 "                     [ALONGSIDE_NEAR_DISTANCE, default 400]\n",
	 import_settings, NULL, import_switches, 1, 1, import_cmd},
	{"directory export", "write the whole directory as ORUK JSON or CSV",
	 "Usage: alongside directory export [--format json|csv] OUT [options]\n\n"
	 "Writes every listing (live and retired) with full nesting, every\n"
	 "taxonomy and every term to OUT, in id order, so that importing it\n"
	 "into an empty database and exporting again gives the same files.\n",
	 "  --format json      ORUK JSON in the file OUT (the default)\n"
	 "  --format csv       the HSDS CSV data package in the folder OUT\n",
	 db_settings, export_options, NULL, 1, 1, export_cmd},
	{"directory warm-spaces", "load the York warm spaces (Open Innovations)",
	 "Usage: alongside directory warm-spaces FILE_2026 --earlier FILE_2023 [options]\n\n"
	 "Loads the York warm spaces GeoJSON snapshots: 2026 as current, the\n"
	 "venues only in 2023 as last checked 2023-04-30, duplicates merged, no\n"
	 "contact details kept.  Running it again changes nothing, and a\n"
	 "listing staff changed since it was loaded keeps their change.\n",
	 "  --earlier FILE     the 2023 snapshot (required)\n"
	 "  --near-distance M  metres outside a covered area that count as near\n"
	 "                     [ALONGSIDE_NEAR_DISTANCE, default 400]\n",
	 import_settings, warm_spaces_options, NULL, 1, 1, cli_directory_warm_spaces},
};

int cli_directory(const struct cli_command *cmd, int argc, char **argv)
{
	const size_t count = sizeof directory_commands / sizeof *directory_commands;
	const size_t prefix = strlen("directory ");
	for (size_t i = 0; argc >= 2 && i < count; i++)
		if (strcmp(directory_commands[i].name + prefix, argv[1]) == 0)
			return directory_commands[i].run(&directory_commands[i], argc - 1,
							 argv + 1);
	bool help = argc >= 2 && strcmp(argv[1], "--help") == 0;
	FILE *out = help ? stdout : stderr;
	fprintf(out, "Usage: alongside directory COMMAND [options]\n\nCommands:\n");
	for (size_t i = 0; i < count; i++)
		fprintf(out, "  %-16s %s\n", directory_commands[i].name + prefix,
			directory_commands[i].summary);
	if (help)
		return EXIT_SUCCESS;
	fprintf(stderr, "alongside %s: %s\n", cmd->name,
		argc < 2 ? "which command?" : "unknown command");
	return CLI_EXIT_USAGE;
}
