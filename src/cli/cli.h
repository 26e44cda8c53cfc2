#ifndef ALONGSIDE_CLI_CLI_H
#define ALONGSIDE_CLI_CLI_H

#include "core/config.h"

#include <stdbool.h>

/*
 * The command line.  Each subcommand declares what it accepts: settings
 * (config keys such as --db, resolved with the environment and config
 * file), options of its own with a value, switches without one, and how
 * many positional arguments.  cli_parse checks all of it, so a command's
 * function only runs with arguments of the declared shape.
 *
 * Exit codes: EXIT_SUCCESS, EXIT_FAILURE for a runtime error, CLI_EXIT_USAGE
 * for a usage error; each failure is one line on stderr.
 */

#define CLI_EXIT_USAGE 2
#define CLI_MAX_OPTIONS 12
#define CLI_MAX_SETTINGS 40  /* settings one command takes (serve has the most) */

struct cli_command {
	const char *name;
	const char *summary;
	const char *usage;          /* "Usage: alongside NAME ...\n\nWhat it does.\n" */
	const char *options_help;   /* lines describing options and switches */
	const char *const *settings;
	const char *const *options;
	const char *const *switches;
	int min_args;
	int max_args;
	int (*run)(const struct cli_command *cmd, int argc, char **argv);
};

#define CLI_MAX_VALUES 32
struct cli_args {
	struct config config;
	/* By position in cmd->options.  An option declared with a trailing
	 * '+' ("area+") may be given again and again: every value is in
	 * values[i]; any other given twice is a usage error. */
	const char *options[CLI_MAX_OPTIONS];  /* the (last) value */
	const char *values[CLI_MAX_OPTIONS][CLI_MAX_VALUES];
	size_t value_counts[CLI_MAX_OPTIONS];
	bool switches[CLI_MAX_OPTIONS];
	char **args;
	int arg_count;
};

/* 0: run the command; CLI_HELP_SHOWN: --help was printed (exit 0);
 * CLI_EXIT_USAGE: a usage error was reported. */
#define CLI_HELP_SHOWN (-1)
int cli_parse(const struct cli_command *cmd, int argc, char **argv,
	      struct cli_args *out);

int cli_usage_error(const struct cli_command *cmd, const char *msg);
int cli_runtime_error(const struct cli_command *cmd, const char *msg);

/* The commands, each in its own file. */
int cli_serve(const struct cli_command *cmd, int argc, char **argv);
int cli_migrate(const struct cli_command *cmd, int argc, char **argv);
int cli_import_wards(const struct cli_command *cmd, int argc, char **argv);
int cli_import_postcodes(const struct cli_command *cmd, int argc, char **argv);
int cli_lookup(const struct cli_command *cmd, int argc, char **argv);
int cli_area(const struct cli_command *cmd, int argc, char **argv);
int cli_user(const struct cli_command *cmd, int argc, char **argv);
int cli_token(const struct cli_command *cmd, int argc, char **argv);
int cli_person(const struct cli_command *cmd, int argc, char **argv);
int cli_directory_warm_spaces(const struct cli_command *cmd, int argc, char **argv);
int cli_routes(const struct cli_command *cmd, int argc, char **argv);
int cli_directory(const struct cli_command *cmd, int argc, char **argv);
int cli_council(const struct cli_command *cmd, int argc, char **argv);
int cli_report(const struct cli_command *cmd, int argc, char **argv);

#endif
