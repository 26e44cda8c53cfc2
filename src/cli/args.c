#include "cli/cli.h"

#include "core/err.h"

#include <assert.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern char **environ;

static const char settings_help[] =
	"Settings (a flag wins over its environment variable, which wins over\n"
	"the config file, where the same key is written key = value):\n"
	"  --db URL           sqlite:PATH or postgres://USER@HOST/DB\n"
	"                     [ALONGSIDE_DB, default sqlite:alongside.db]\n"
	"  --config FILE      read settings from FILE [ALONGSIDE_CONFIG]\n";

int cli_usage_error(const struct cli_command *cmd, const char *msg)
{
	fprintf(stderr, "alongside %s: %s (see alongside %s --help)\n",
		cmd->name, msg, cmd->name);
	return CLI_EXIT_USAGE;
}

int cli_runtime_error(const struct cli_command *cmd, const char *msg)
{
	fprintf(stderr, "alongside %s: %s\n", cmd->name, msg);
	return EXIT_FAILURE;
}

static size_t list_length(const char *const *list)
{
	size_t n = 0;
	while (list && list[n])
		n++;
	return n;
}

static void print_help(const struct cli_command *cmd)
{
	fputs(cmd->usage, stdout);
	if (cmd->options_help && *cmd->options_help)
		printf("\nOptions:\n%s", cmd->options_help);
	if (list_length(cmd->settings))
		printf("\n%s", settings_help);
}

int cli_parse(const struct cli_command *cmd, int argc, char **argv,
	      struct cli_args *out)
{
	memset(out, 0, sizeof *out);
	size_t n_settings = list_length(cmd->settings);
	size_t n_options = list_length(cmd->options);
	size_t n_switches = list_length(cmd->switches);
	/* The command table is ours: a command with more than these is a
	 * programming error, found the first time it runs. */
	assert(n_settings <= CLI_MAX_SETTINGS && n_options <= CLI_MAX_OPTIONS &&
	       n_switches <= CLI_MAX_OPTIONS);
	struct option longopts[CLI_MAX_SETTINGS + 2 * CLI_MAX_OPTIONS + 2];
	size_t n = 0;
	/* getopt returns val: settings 1000.., options 2000.., switches
	 * 3000.., clear of the characters it returns itself ('h', '?'). */
	for (size_t i = 0; i < n_settings; i++)
		longopts[n++] = (struct option){cmd->settings[i], required_argument,
						NULL, 1000 + (int)i};
	char names[CLI_MAX_OPTIONS][32];
	bool repeatable[CLI_MAX_OPTIONS];
	for (size_t i = 0; i < n_options; i++) {
		size_t len = strlen(cmd->options[i]);
		repeatable[i] = cmd->options[i][len - 1] == '+';
		snprintf(names[i], sizeof names[i], "%.*s", (int)(len - repeatable[i]),
			 cmd->options[i]);
		longopts[n++] = (struct option){names[i], required_argument, NULL,
						2000 + (int)i};
	}
	for (size_t i = 0; i < n_switches; i++)
		longopts[n++] = (struct option){cmd->switches[i], no_argument, NULL,
						3000 + (int)i};
	longopts[n++] = (struct option){"help", no_argument, NULL, 'h'};
	longopts[n] = (struct option){0};

	struct config_pair pairs[32];
	size_t pair_count = 0;
	opterr = 0;
	optind = 1;
	int opt;
	while ((opt = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		if (opt == 'h') {
			print_help(cmd);
			return CLI_HELP_SHOWN;
		}
		if (opt == '?' || opt == ':')
			return cli_usage_error(cmd, "unknown option or missing value");
		if (opt >= 3000) {
			out->switches[opt - 3000] = true;
		} else if (opt >= 2000) {
			size_t i = (size_t)(opt - 2000);
			if (out->value_counts[i] && !repeatable[i]) {
				char msg[64];
				snprintf(msg, sizeof msg, "--%s given twice", names[i]);
				return cli_usage_error(cmd, msg);
			}
			if (out->value_counts[i] == CLI_MAX_VALUES)
				return cli_usage_error(cmd, "an option is given too many times");
			out->values[i][out->value_counts[i]++] = optarg;
			out->options[i] = optarg;
		} else {
			if (pair_count == sizeof pairs / sizeof *pairs)
				return cli_usage_error(cmd, "too many options");
			pairs[pair_count++] =
				(struct config_pair){cmd->settings[opt - 1000], optarg};
		}
	}
	/* getopt_long has moved the positional arguments to the end, so they
	 * may come before, between or after the options. */
	out->args = argv + optind;
	out->arg_count = argc - optind;
	if (out->arg_count < cmd->min_args)
		return cli_usage_error(cmd, "missing argument");
	if (out->arg_count > cmd->max_args)
		return cli_usage_error(cmd, "unexpected argument");

	struct err e;
	if (config_resolve(&out->config, pairs, pair_count, environ, &e) < 0)
		return cli_usage_error(cmd, e.msg);
	return 0;
}
