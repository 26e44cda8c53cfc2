/* alongside council: the council's settings from the command line
 * (domain/council/council.h), as /admin/council and
 * /api/v1/admin/council have them. */
#include "cli/cli.h"
#include "core/arena.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/council/council.h"
#include "domain/staff/caller.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const db_settings[] = {"db", "config", NULL};

/* Every key and its value, KEY=VALUE a line, as council set takes them. */
static int council_show(const struct cli_command *cmd, int argc, char **argv)
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
	struct council now;
	rc = council_read(db, a, &now, &e);
	if (rc == RESULT_OK)
		for (size_t i = 0; i < council_key_count; i++)
			printf("%s=%s\n", council_keys[i], council_value(&now, council_keys[i]));
	arena_free(a);
	db_close(db);
	return rc == RESULT_OK ? EXIT_SUCCESS : cli_runtime_error(cmd, e.msg);
}

static int council_set_cmd(const struct cli_command *cmd, int argc, char **argv)
{
	struct cli_args args;
	int rc = cli_parse(cmd, argc, argv, &args);
	if (rc)
		return rc == CLI_HELP_SHOWN ? EXIT_SUCCESS : rc;
	struct council_change changes[CLI_MAX_VALUES];
	size_t count = 0;
	for (int i = 0; i < args.arg_count; i++) {
		char *eq = strchr(args.args[i], '=');
		if (!eq || eq == args.args[i]) {
			fprintf(stderr, "alongside %s: \"%s\" is not KEY=VALUE\n", cmd->name,
				args.args[i]);
			return CLI_EXIT_USAGE;
		}
		*eq = '\0';
		changes[count++] = (struct council_change){args.args[i], eq + 1};
	}
	struct db *db;
	struct err e;
	if (db_open(args.config.db_url, 1, &db, &e) < 0)
		return cli_runtime_error(cmd, e.msg);
	struct caller cli = caller_cli();
	rc = council_set(db, &cli, changes, count, &e);
	db_close(db);
	if (rc == RESULT_INVALID) {
		for (size_t i = 0; i < e.field_count; i++)
			fprintf(stderr, "alongside %s: %s: %s\n", cmd->name, e.fields[i].path,
				e.fields[i].message);
		return CLI_EXIT_USAGE;
	}
	return rc == RESULT_OK ? EXIT_SUCCESS : cli_runtime_error(cmd, e.msg);
}

static const struct cli_command council_commands[] = {
	{"council show", "print the council's settings",
	 "Usage: alongside council show\n\n"
	 "Prints every setting as KEY=VALUE, one a line (an unset one empty).\n",
	 NULL, db_settings, NULL, NULL, 0, 0, council_show},
	{"council set", "change some of the council's settings",
	 "Usage: alongside council set KEY=VALUE [KEY=VALUE ...]\n\n"
	 "Changes the settings given, all or none: KEY=  clears one.  The keys:\n"
	 "  name, phone, email, website       the council and how to reach it\n"
	 "  adult_social_care_phone, adult_social_care_url\n"
	 "  dpo_name, dpo_email, dpo_address  the data protection officer\n"
	 "  outside_cover                     nearest, team or none: who answers\n"
	 "                                    someone outside every covered area\n"
	 "  team_name, team_email, team_phone the central team, for team\n"
	 "Exit code 2, a line for each bad value, and nothing changed, when any\n"
	 "value is refused.\n",
	 NULL, db_settings, NULL, NULL, 1, CLI_MAX_VALUES, council_set_cmd},
};

int cli_council(const struct cli_command *cmd, int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "alongside %s: which command? (see alongside council --help)\n",
			cmd->name);
		return CLI_EXIT_USAGE;
	}
	const char *sub = argv[1];
	for (size_t i = 0; i < sizeof council_commands / sizeof *council_commands; i++)
		if (strcmp(council_commands[i].name + 8, sub) == 0)
			return council_commands[i].run(&council_commands[i], argc - 1, argv + 1);
	FILE *out = strcmp(sub, "--help") == 0 ? stdout : stderr;
	fprintf(out, "Usage: alongside council COMMAND [options]\n\nCommands:\n");
	for (size_t i = 0; i < sizeof council_commands / sizeof *council_commands; i++)
		fprintf(out, "  %-8s %s\n", council_commands[i].name + 8,
			council_commands[i].summary);
	if (out == stdout)
		return EXIT_SUCCESS;
	fprintf(stderr, "alongside %s: unknown command \"%s\"\n", cmd->name, sub);
	return CLI_EXIT_USAGE;
}
