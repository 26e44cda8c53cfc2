/* alongside person ...: people from the command line; for now, moving an
 * existing caseload in from a spreadsheet. */
#include "cli/cli.h"
#include "core/arena.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/areas/lookup.h"
#include "domain/people/import.h"
#include "domain/people/person.h"
#include "domain/staff/caller.h"
#include "geo/map.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The whole of path in the arena; NULL with e set when it cannot be read
 * or is larger than an import takes. */
static char *read_file(struct arena *a, const char *path, size_t *len, struct err *e)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		err_set(e, "%s: %s", path, strerror(errno));
		return NULL;
	}
	char *buf = arena_alloc(a, IMPORT_BYTES_MAX + 1);
	*len = fread(buf, 1, IMPORT_BYTES_MAX + 1, f);
	bool failed = ferror(f);
	fclose(f);
	if (failed) {
		err_set(e, "%s: cannot be read", path);
		return NULL;
	}
	if (*len > IMPORT_BYTES_MAX) {
		err_set(e, "%s: larger than %d MB; split it into smaller files", path,
			IMPORT_BYTES_MAX / (1024 * 1024));
		return NULL;
	}
	return buf;
}

static void print_report(const struct import_report *r, bool dry_run)
{
	if (r->skipped) {
		printf("There are people already: nothing imported.\n");
		return;
	}
	printf("%s %ld %s.\n", dry_run ? "Would import" : "Imported", r->people,
	       r->people == 1 ? "person" : "people");
	printf("Per coordinator:");
	for (size_t i = 0; i < r->coordinator_count; i++)
		printf("%s %s %ld", i ? "," : "", r->coordinators[i].name,
		       r->coordinators[i].count);
	printf("\nPer kind: %s %ld, %s %ld\n", r->kinds[0].name, r->kinds[0].count,
	       r->kinds[1].name, r->kinds[1].count);
	if (r->known)
		printf("%ld %s like someone already known (each %s a new person; check "
		       "them).\n",
		       r->known, r->known == 1 ? "row looks" : "rows look",
		       dry_run ? "would be" : "is");
	if (r->match_count)
		printf("Rows that look like an earlier row:\n");
	for (size_t i = 0; i < r->match_count; i++)
		printf("  row %ld: %s\n", r->matches[i].row, r->matches[i].why);
	if (dry_run)
		printf("Nothing was stored (--dry-run).\n");
}

static int person_import_cmd(const struct cli_command *cmd, int argc, char **argv)
{
	struct cli_args args;
	int rc = cli_parse(cmd, argc, argv, &args);
	if (rc)
		return rc == CLI_HELP_SHOWN ? EXIT_SUCCESS : rc;
	bool dry_run = args.switches[0];
	unsigned flags = (dry_run ? IMPORT_DRY_RUN : 0u) | (args.switches[1] ? IMPORT_IF_EMPTY : 0u);
	struct arena *a = arena_new();
	struct err e;
	size_t len;
	const char *csv = read_file(a, args.args[0], &len, &e);
	struct db *db = NULL;
	struct geo_map *map = NULL;
	if (!csv || db_open(args.config.db_url, 2, &db, &e) < 0 ||
	    geo_map_load(db, &map, &e) < 0) {
		geo_map_free(map);
		db_close(db);
		arena_free(a);
		return cli_runtime_error(cmd, e.msg);
	}
	struct lookup_context lookup = {db, map, args.config.near_metres, NULL};
	struct person_settings settings = {db, &lookup};
	struct caller cli = caller_cli();
	struct import_report report;
	rc = import_people(&settings, &cli, csv, len, flags, a, &report, &e);
	int exit_code = EXIT_SUCCESS;
	if (rc == RESULT_INVALID) {
		for (size_t i = 0; i < report.problem_count; i++)
			fprintf(stderr, "alongside %s: %s\n", cmd->name,
				report.problems[i].message);
		fprintf(stderr, "alongside %s: nothing was imported (%zu problem%s)\n",
			cmd->name, report.problem_count, report.problem_count == 1 ? "" : "s");
		exit_code = CLI_EXIT_USAGE;
	} else if (rc != RESULT_OK) {
		exit_code = cli_runtime_error(cmd, e.msg);
	} else {
		print_report(&report, dry_run);
	}
	geo_map_free(map);
	db_close(db);
	arena_free(a);
	return exit_code;
}

static const char *const import_settings[] = {"db", "config", "near-distance", NULL};
static const char *const import_switches[] = {"dry-run", "if-empty", NULL};

static const struct cli_command person_commands[] = {
	{"person import", "bring an existing caseload in from a CSV file",
	 "Usage: alongside person import FILE.csv [options]\n\n"
	 "Creates a person, with their first involvement, for each row of a CSV\n"
	 "file (UTF-8, RFC 4180) whose first row is exactly\n"
	 "  " IMPORT_HEADER "\n"
	 "coordinator is a username, kind short_term or walking_alongside, dates\n"
	 "YYYY-MM-DD (docs/operating.md describes every column).  Every problem is\n"
	 "reported by row and column, and one problem imports nothing.  Rows that\n"
	 "look like someone already known are listed.\n",
	 "  --dry-run          check and report what would be imported; store nothing\n"
	 "  --if-empty         import only when there are no people yet\n"
	 "  --near-distance M  metres outside a covered area that count as near\n"
	 "                     [ALONGSIDE_NEAR_DISTANCE, default 400]\n",
	 import_settings, NULL, import_switches, 1, 1, person_import_cmd},
};

int cli_person(const struct cli_command *cmd, int argc, char **argv)
{
	const size_t count = sizeof person_commands / sizeof *person_commands;
	for (size_t i = 0; argc >= 2 && i < count; i++)
		if (strcmp(person_commands[i].name + strlen("person "), argv[1]) == 0)
			return person_commands[i].run(&person_commands[i], argc - 1, argv + 1);
	bool help = argc >= 2 && strcmp(argv[1], "--help") == 0;
	FILE *out = help ? stdout : stderr;
	fprintf(out, "Usage: alongside person COMMAND [options]\n\nCommands:\n");
	for (size_t i = 0; i < count; i++)
		fprintf(out, "  %-16s %s\n", person_commands[i].name + strlen("person "),
			person_commands[i].summary);
	if (help)
		return EXIT_SUCCESS;
	fprintf(stderr, "alongside %s: %s\n", cmd->name,
		argc < 2 ? "which command?" : "unknown command");
	return CLI_EXIT_USAGE;
}
