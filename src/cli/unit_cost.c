/* alongside unit-cost: the council's unit costs from the command line
 * (domain/outcomes/costs.h), as /admin/unit-costs and /api/v1/unit-costs
 * have them.  The command line keeps them as an administrator does. */
#include "cli/cli.h"
#include "core/arena.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/outcomes/costs.h"
#include "domain/staff/caller.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const db_settings[] = {"db", "config", NULL};
static const char *const add_options[] = {"kind", "pounds", "unit", "source", "year", "from",
					  NULL};

static void print_cost(struct arena *a, const struct unit_cost *c)
{
	printf("%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", c->kind, costs_format_pence(a, c->pence),
	       c->unit, c->from_on, c->source, c->source_year, c->current ? "current" : "-",
	       c->id);
}

/* Every figure, a line each: kind, cost, unit, from, source, year,
 * whether in force today, id; tab-separated. */
static int unit_cost_list_cmd(const struct cli_command *cmd, int argc, char **argv)
{
	struct cli_args args;
	int rc = cli_parse(cmd, argc, argv, &args);
	if (rc)
		return rc == CLI_HELP_SHOWN ? EXIT_SUCCESS : rc;
	struct db *db;
	struct err e;
	if (db_open(args.config.db_url, 1, &db, &e) < 0)
		return cli_runtime_error(cmd, e.msg);
	struct arena *a = arena_new();
	struct caller cli = caller_cli();
	struct unit_cost *list;
	size_t count;
	rc = unit_cost_list(db, &cli, a, &list, &count, &e);
	for (size_t i = 0; rc == RESULT_OK && i < count; i++)
		print_cost(a, &list[i]);
	arena_free(a);
	db_close(db);
	return rc == RESULT_OK ? EXIT_SUCCESS : cli_runtime_error(cmd, e.msg);
}

static int unit_cost_add_cmd(const struct cli_command *cmd, int argc, char **argv)
{
	struct cli_args args;
	int rc = cli_parse(cmd, argc, argv, &args);
	if (rc)
		return rc == CLI_HELP_SHOWN ? EXIT_SUCCESS : rc;
	struct unit_cost_input in = {args.options[0], args.options[1], args.options[2],
				     args.options[3], args.options[4], args.options[5]};
	struct db *db;
	struct err e;
	if (db_open(args.config.db_url, 1, &db, &e) < 0)
		return cli_runtime_error(cmd, e.msg);
	struct arena *a = arena_new();
	struct caller cli = caller_cli();
	struct unit_cost *x;
	rc = unit_cost_add(db, &cli, &in, a, &x, &e);
	if (rc == RESULT_OK)
		print_cost(a, x);
	arena_free(a);
	db_close(db);
	if (rc == RESULT_INVALID) {
		/* The options as typed, not the API's names for them. */
		static const char *const names[][2] = {{"pounds", "--pounds"}, {"kind", "--kind"},
						       {"unit", "--unit"}, {"source", "--source"},
						       {"source_year", "--year"}, {"from_on", "--from"}};
		for (size_t i = 0; i < e.field_count; i++) {
			const char *name = e.fields[i].path;
			for (size_t n = 0; n < sizeof names / sizeof names[0]; n++)
				if (strcmp(names[n][0], name) == 0)
					name = names[n][1];
			fprintf(stderr, "alongside %s: %s: %s\n", cmd->name, name,
				e.fields[i].message);
		}
		return CLI_EXIT_USAGE;
	}
	return rc == RESULT_OK ? EXIT_SUCCESS : cli_runtime_error(cmd, e.msg);
}

static const struct cli_command unit_cost_commands[] = {
	{"unit-cost list", "print every unit cost",
	 "Usage: alongside unit-cost list\n\n"
	 "Prints every figure, a line each, tab-separated: kind, cost, unit, in force\n"
	 "from, source, source year, \"current\" for the figure in force today (else\n"
	 "-), id.  Each kind's newest first.\n",
	 NULL, db_settings, NULL, NULL, 0, 0, unit_cost_list_cmd},
	{"unit-cost add", "add a figure for a kind of cost avoided",
	 "Usage: alongside unit-cost add --kind K --pounds 123.45 --unit U --source S\n"
	 "                               --year Y [--from YYYY-MM-DD]\n\n"
	 "Adds a figure, in force from --from (default today).  A figure is never\n"
	 "changed: a new one for the kind is a new row.  The kinds: gp_visit,\n"
	 "ae_visit, hospital_stay, crisis_resolved, safeguarding_resolved,\n"
	 "eviction_avoided, care_package_not_needed, care_package_smaller.\n"
	 "Exit code 2, a line for each problem, and nothing added, when any is\n"
	 "refused.\n",
	 "  --kind K        the kind of cost avoided\n"
	 "  --pounds P      the cost in pounds and pence: 123.45\n"
	 "  --unit U        what it is for: \"per attendance\"\n"
	 "  --source S      where it comes from: \"PSSRU Unit Costs of Health and\n"
	 "                  Social Care 2024\"\n"
	 "  --year Y        the year it is for: 2024/25\n"
	 "  --from D        in force from, YYYY-MM-DD\n",
	 db_settings, add_options, NULL, 0, 0, unit_cost_add_cmd},
};

int cli_unit_cost(const struct cli_command *cmd, int argc, char **argv)
{
	const size_t skip = strlen("unit-cost ");
	if (argc < 2) {
		fprintf(stderr, "alongside %s: which command? (see alongside unit-cost --help)\n",
			cmd->name);
		return CLI_EXIT_USAGE;
	}
	const char *sub = argv[1];
	for (size_t i = 0; i < sizeof unit_cost_commands / sizeof *unit_cost_commands; i++)
		if (strcmp(unit_cost_commands[i].name + skip, sub) == 0)
			return unit_cost_commands[i].run(&unit_cost_commands[i], argc - 1, argv + 1);
	FILE *out = strcmp(sub, "--help") == 0 ? stdout : stderr;
	fprintf(out, "Usage: alongside unit-cost COMMAND [options]\n\nCommands:\n");
	for (size_t i = 0; i < sizeof unit_cost_commands / sizeof *unit_cost_commands; i++)
		fprintf(out, "  %-8s %s\n", unit_cost_commands[i].name + skip,
			unit_cost_commands[i].summary);
	if (out == stdout)
		return EXIT_SUCCESS;
	fprintf(stderr, "alongside %s: unknown command \"%s\"\n", cmd->name, sub);
	return CLI_EXIT_USAGE;
}
