#include "cli/cli.h"
#include "core/arena.h"
#include "core/err.h"
#include "core/id.h"
#include "db/db.h"
#include "domain/areas/area.h"
#include "domain/areas/coordinator.h"
#include "domain/areas/dropin.h"
#include "domain/staff/caller.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Reports a domain result that is not RESULT_OK: input to fix (every
 * problem, one a line) is a usage error, anything else a runtime one. */
static int report(const struct cli_command *cmd, int rc, const struct err *e)
{
	if (rc == RESULT_INVALID) {
		for (size_t i = 0; i < e->field_count; i++)
			fprintf(stderr, "alongside %s: %s\n", cmd->name, e->fields[i].message);
		return CLI_EXIT_USAGE;
	}
	if (rc == RESULT_NOT_FOUND || rc == RESULT_CONFLICT) {
		fprintf(stderr, "alongside %s: %s\n", cmd->name, e->msg);
		return CLI_EXIT_USAGE;
	}
	return cli_runtime_error(cmd, e->msg);
}

static int area_add(const struct cli_command *cmd, int argc, char **argv)
{
	struct cli_args args;
	int rc = cli_parse(cmd, argc, argv, &args);
	if (rc)
		return rc == CLI_HELP_SHOWN ? EXIT_SUCCESS : rc;
	if (!args.options[0])
		return cli_usage_error(cmd, "--wards is required");
	/* --wards E05000001,E05000002 */
	struct arena *a = arena_new();
	char *list = arena_strdup(a, args.options[0]);
	const char **wards = arena_alloc(a, (strlen(list) / 2 + 2) * sizeof *wards);
	size_t count = 0;
	for (char *p = list, *comma; p; p = comma ? comma + 1 : NULL) {
		comma = strchr(p, ',');
		if (comma)
			*comma = '\0';
		if (*p)
			wards[count++] = p;
	}
	struct area_input in = {args.args[0], wards, count, args.switches[0],
				args.switches[1]};
	struct err e;
	struct db *db;
	char id[ID_HEX_LEN + 1];
	if (db_open(args.config.db_url, 1, &db, &e) < 0) {
		arena_free(a);
		return cli_runtime_error(cmd, e.msg);
	}
	struct caller cli = caller_cli();
	rc = area_create(db, &cli, &in, id, &e);
	db_close(db);
	arena_free(a);
	if (rc < 0)
		return report(cmd, rc, &e);
	printf("%s\n", id);
	return EXIT_SUCCESS;
}

/* set-coordinator's options, by position in coordinator_options. */
enum { CO_NAME, CO_MOBILE, CO_EMAIL, CO_FACEBOOK_URL, CO_INTRODUCTION, CO_USERNAME,
       CO_FACEBOOK, CO_USER };

static int area_set_coordinator_cmd(const struct cli_command *cmd, int argc,
				    char **argv)
{
	struct cli_args args;
	int rc = cli_parse(cmd, argc, argv, &args);
	if (rc)
		return rc == CLI_HELP_SHOWN ? EXIT_SUCCESS : rc;
	const char **o = args.options;
	if (!o[CO_NAME])
		return cli_usage_error(cmd, "--name is required");
	/* --facebook and --user are the older names of --facebook_url and
	 * --username: either, not both. */
	if (o[CO_FACEBOOK_URL] && o[CO_FACEBOOK])
		return cli_usage_error(cmd, "give --facebook_url or --facebook, not both");
	if (o[CO_USERNAME] && o[CO_USER])
		return cli_usage_error(cmd, "give --username or --user, not both");
	struct coordinator_input in = {
		o[CO_NAME],
		o[CO_MOBILE],
		o[CO_EMAIL],
		o[CO_FACEBOOK_URL] ? o[CO_FACEBOOK_URL] : o[CO_FACEBOOK],
		o[CO_INTRODUCTION],
		o[CO_USERNAME] ? o[CO_USERNAME] : o[CO_USER],
	};
	struct err e;
	struct db *db;
	if (db_open(args.config.db_url, 1, &db, &e) < 0)
		return cli_runtime_error(cmd, e.msg);
	struct caller cli = caller_cli();
	rc = coordinator_set(db, &cli, args.args[0], &in, &e);
	db_close(db);
	return rc != RESULT_OK ? report(cmd, rc, &e) : EXIT_SUCCESS;
}

static int area_list_cmd(const struct cli_command *cmd, int argc, char **argv)
{
	struct cli_args args;
	int rc = cli_parse(cmd, argc, argv, &args);
	if (rc)
		return rc == CLI_HELP_SHOWN ? EXIT_SUCCESS : rc;
	struct err e;
	struct db *db;
	if (db_open(args.config.db_url, 1, &db, &e) < 0)
		return cli_runtime_error(cmd, e.msg);
	struct arena *a = arena_new();
	struct area *areas;
	size_t count;
	rc = area_list(db, a, &areas, &count, &e);
	for (size_t i = 0; rc == 0 && i < count; i++) {
		printf("%s  %-28s %-12s %zu ward%s  %s\n", areas[i].id,
		       areas[i].name, areas[i].covered ? "covered" : "not covered",
		       areas[i].ward_count, areas[i].ward_count == 1 ? " " : "s",
		       areas[i].coordinator ? areas[i].coordinator->name : "-");
	}
	arena_free(a);
	db_close(db);
	return rc < 0 ? cli_runtime_error(cmd, e.msg) : EXIT_SUCCESS;
}

static int area_add_drop_in(const struct cli_command *cmd, int argc,
			    char **argv)
{
	struct cli_args args;
	int rc = cli_parse(cmd, argc, argv, &args);
	if (rc)
		return rc == CLI_HELP_SHOWN ? EXIT_SUCCESS : rc;
	const char **o = args.options;
	struct dropin_input in = {o[0], o[1], o[2], o[3], o[4], o[5], o[6], o[7], o[8]};
	struct err e;
	struct db *db;
	char id[ID_HEX_LEN + 1];
	if (db_open(args.config.db_url, 1, &db, &e) < 0)
		return cli_runtime_error(cmd, e.msg);
	struct caller cli = caller_cli();
	rc = dropin_add(db, &cli, args.args[0], &in, id, &e);
	db_close(db);
	if (rc < 0)
		return report(cmd, rc, &e);
	printf("%s\n", id);
	return EXIT_SUCCESS;
}

static const char *const db_settings[] = {"db", "config", NULL};
static const char *const dropin_options[] = {
	"venue", "address", "weekday", "start", "end", "frequency", "week", "from",
	"notes", NULL};
static const char *const add_options[] = {"wards", NULL};
static const char *const add_switches[] = {"covered", "demo", NULL};
static const char *const coordinator_options[] = {
	"name", "mobile", "email", "facebook_url", "introduction", "username", "facebook", "user",
	NULL};

static const struct cli_command area_commands[] = {
	{"area add", "add an area made of wards",
	 "Usage: alongside area add NAME --wards CODE[,CODE...] [options]\n\n"
	 "Adds a Local Area Coordination area made of one or more wards (each\n"
	 "ward in at most one area) and prints its id.\n",
	 "  --wards CODES   ward codes, comma-separated (required)\n"
	 "  --covered       the area has a coordinator in post\n"
	 "  --demo          the area is invented for a demonstration\n",
	 db_settings, add_options, add_switches, 1, 1, area_add},
	{"area set-coordinator", "set an area's coordinator's public entry",
	 "Usage: alongside area set-coordinator AREA --name NAME [options]\n\n"
	 "Sets the public entry of AREA's coordinator (AREA by id or name),\n"
	 "replacing what it held, linked to the coordinator's staff account\n"
	 "(--username: a coordinator of AREA, enabled; without it, to none).\n"
	 "The public email stays apart from the account's email for notices.\n",
	 "  --name NAME             (required)\n"
	 "  --mobile NUMBER         a UK number, e.g. 07700 900123\n"
	 "  --email ADDRESS         the address the public writes to\n"
	 "  --facebook_url URL      a Facebook page: https://www.facebook.com/...\n"
	 "                          (--facebook is the older name)\n"
	 "  --introduction TEXT     a line in their own voice (600 at most)\n"
	 "  --username USERNAME     their staff account (--user is the older name)\n",
	 db_settings, coordinator_options, NULL, 1, 1, area_set_coordinator_cmd},
	{"area add-drop-in", "add a drop-in to an area",
	 "Usage: alongside area add-drop-in AREA --venue V --address A --weekday D\n"
	 "       --start HH:MM --end HH:MM --frequency F --from YYYY-MM-DD\n\n"
	 "Adds a drop-in where people can meet AREA's coordinator, and prints\n"
	 "its id.  Times are UK local time.\n",
	 "  --venue NAME        where it is held\n"
	 "  --address TEXT      the venue's address\n"
	 "  --weekday DAY       Monday ... Sunday\n"
	 "  --start, --end      e.g. 10:00 and 12:00\n"
	 "  --frequency F       weekly, fortnightly or monthly\n"
	 "  --week N            monthly: the Nth weekday of the month, 1-5 or last\n"
	 "  --from DATE         the first date (weekly, fortnightly: on the weekday)\n"
	 "  --notes TEXT        anything a visitor should know\n",
	 db_settings, dropin_options, NULL, 1, 1, area_add_drop_in},
	{"area list", "list the areas",
	 "Usage: alongside area list [options]\n\n"
	 "Lists every area: id, name, coverage, wards and coordinator.\n",
	 NULL, db_settings, NULL, NULL, 0, 0, area_list_cmd},
};

int cli_area(const struct cli_command *cmd, int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "alongside %s: which command? (see alongside "
				"area --help)\n",
			cmd->name);
		return CLI_EXIT_USAGE;
	}
	const char *sub = argv[1];
	for (size_t i = 0; i < sizeof area_commands / sizeof *area_commands; i++)
		if (strcmp(area_commands[i].name + 5, sub) == 0)
			return area_commands[i].run(&area_commands[i], argc - 1,
						    argv + 1);
	FILE *out = strcmp(sub, "--help") == 0 ? stdout : stderr;
	fprintf(out, "Usage: alongside area COMMAND [options]\n\nCommands:\n");
	for (size_t i = 0; i < sizeof area_commands / sizeof *area_commands; i++)
		fprintf(out, "  %-16s %s\n", area_commands[i].name + 5,
			area_commands[i].summary);
	if (out == stdout)
		return EXIT_SUCCESS;
	fprintf(stderr, "alongside %s: unknown command \"%s\"\n", cmd->name, sub);
	return CLI_EXIT_USAGE;
}
