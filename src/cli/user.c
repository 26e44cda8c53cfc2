/* alongside user ... and alongside token ...: staff accounts and API
 * tokens from the command line, where the first administrator is made. */
#include "cli/cli.h"
#include "core/arena.h"
#include "core/err.h"
#include "core/id.h"
#include "db/db.h"
#include "domain/areas/area.h"
#include "domain/staff/audit.h"
#include "domain/staff/password.h"
#include "domain/staff/token.h"
#include "domain/staff/user.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

/* Says why a command failed, each problem on a line of its own: input to
 * fix is a usage error, anything else a failure of the system. */
static int report(const struct cli_command *cmd, int rc, const struct err *e)
{
	if (rc != RESULT_INVALID && rc != RESULT_NOT_FOUND && rc != RESULT_CONFLICT &&
	    rc != RESULT_FORBIDDEN)
		return cli_runtime_error(cmd, e->msg);
	for (size_t i = 0; i < e->field_count; i++)
		fprintf(stderr, "alongside %s: %s\n", cmd->name, e->fields[i].message);
	if (e->field_count == 0)
		fprintf(stderr, "alongside %s: %s\n", cmd->name, e->msg);
	return CLI_EXIT_USAGE;
}

/* One line from f without its line ending; false at end of input or for
 * a line too long to be a password. */
static bool read_line(FILE *f, char *buf, size_t size)
{
	if (!fgets(buf, (int)size, f))
		return false;
	size_t len = strcspn(buf, "\r\n");
	if (buf[len] == '\0' && !feof(f))
		return false;
	buf[len] = '\0';
	return true;
}

static bool prompt_hidden(const char *prompt, char *buf, size_t size)
{
	fputs(prompt, stderr);
	fflush(stderr);
	struct termios saved, quiet;
	bool hidden = tcgetattr(STDIN_FILENO, &saved) == 0;
	if (hidden) {
		quiet = saved;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	}
	bool ok = read_line(stdin, buf, size);
	if (hidden)
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
	fputc('\n', stderr);
	return ok;
}

/* The new password: asked twice on a terminal, else one line of stdin.
 * Returns 0, 1 when none was given (end of input), or a usage error.  The
 * domain checks it against the policy, with everything else it is
 * given. */
static int read_password(const struct cli_command *cmd, char *buf, size_t size)
{
	if (isatty(STDIN_FILENO)) {
		char again[PASSWORD_MAX_BYTES + 2];
		if (!prompt_hidden("New password (12 characters or more): ", buf, size) ||
		    !prompt_hidden("The same again: ", again, sizeof again))
			return cli_usage_error(cmd, "no password given");
		if (strcmp(buf, again) != 0)
			return cli_usage_error(cmd, "the two passwords differ");
	} else if (!read_line(stdin, buf, size)) {
		return 1;
	}
	return 0;
}

static struct db *open_db(const struct cli_command *cmd, const struct cli_args *args,
			  int *exit_code)
{
	struct db *db;
	struct err e;
	if (db_open(args->config.db_url, 1, &db, &e) < 0) {
		*exit_code = cli_runtime_error(cmd, e.msg);
		return NULL;
	}
	return db;
}

static int user_add_cmd(const struct cli_command *cmd, int argc, char **argv)
{
	struct cli_args args;
	int rc = cli_parse(cmd, argc, argv, &args);
	if (rc)
		return rc == CLI_HELP_SHOWN ? EXIT_SUCCESS : rc;
	if (!args.options[0])
		return cli_usage_error(cmd, "--role is required");
	char password[PASSWORD_MAX_BYTES + 2];
	rc = read_password(cmd, password, sizeof password);
	if (rc > 1)
		return rc;
	bool has_password = rc == 0;
	int exit_code = EXIT_SUCCESS;
	struct db *db = open_db(cmd, &args, &exit_code);
	if (!db)
		return exit_code;
	struct caller actor = caller_cli();
	struct user_input in = {
		.username = args.args[0],
		.display_name = args.options[2],
		.role = user_role_parse(args.options[0]),
		.areas = args.values[1],
		.area_count = args.value_counts[1],
		.password = has_password ? password : NULL,
	};
	struct err e;
	char id[ID_HEX_LEN + 1];
	rc = user_add(db, &actor, &in, id, &e);
	db_close(db);
	if (rc != RESULT_OK)
		return report(cmd, rc, &e);
	printf("%s\n", id);
	if (!has_password)
		fprintf(stderr, "alongside %s: no password given; the user can sign in "
				"once one is set with: alongside user set-password %s\n",
			cmd->name, args.args[0]);
	return EXIT_SUCCESS;
}

/* Parses the arguments, opens the database, runs body on it, and turns
 * body's result (a domain result code) into an exit code. */
static int with_db(const struct cli_command *cmd, int argc, char **argv,
		   int (*body)(struct db *db, const struct cli_args *args, struct err *e))
{
	struct cli_args args;
	int rc = cli_parse(cmd, argc, argv, &args);
	if (rc)
		return rc == CLI_HELP_SHOWN ? EXIT_SUCCESS : rc;
	int exit_code = EXIT_SUCCESS;
	struct db *db = open_db(cmd, &args, &exit_code);
	if (!db)
		return exit_code;
	struct err e;
	rc = body(db, &args, &e);
	db_close(db);
	return rc != RESULT_OK ? report(cmd, rc, &e) : EXIT_SUCCESS;
}

static int set_role(struct db *db, const struct cli_args *args, struct err *e)
{
	struct caller actor = caller_cli();
	return user_set_role(db, &actor, args->args[0], user_role_parse(args->args[1]),
			     args->values[0], args->value_counts[0], args->switches[0], e);
}

static int user_set_role_cmd(const struct cli_command *cmd, int argc, char **argv)
{
	return with_db(cmd, argc, argv, set_role);
}

static int user_set_password_cmd(const struct cli_command *cmd, int argc, char **argv)
{
	struct cli_args args;
	int rc = cli_parse(cmd, argc, argv, &args);
	if (rc)
		return rc == CLI_HELP_SHOWN ? EXIT_SUCCESS : rc;
	char password[PASSWORD_MAX_BYTES + 2];
	rc = read_password(cmd, password, sizeof password);
	if (rc == 1)
		return cli_usage_error(cmd, "no password given on standard input");
	if (rc)
		return rc;
	int exit_code = EXIT_SUCCESS;
	struct db *db = open_db(cmd, &args, &exit_code);
	if (!db)
		return exit_code;
	struct caller actor = caller_cli();
	struct err e;
	rc = user_set_password(db, &actor, args.args[0], password, &e);
	db_close(db);
	return rc != RESULT_OK ? report(cmd, rc, &e) : EXIT_SUCCESS;
}

static int disable(struct db *db, const struct cli_args *args, struct err *e)
{
	struct caller actor = caller_cli();
	return user_set_disabled(db, &actor, args->args[0], true, e);
}

static int enable(struct db *db, const struct cli_args *args, struct err *e)
{
	struct caller actor = caller_cli();
	return user_set_disabled(db, &actor, args->args[0], false, e);
}

static int user_disable_cmd(const struct cli_command *cmd, int argc, char **argv)
{
	return with_db(cmd, argc, argv, disable);
}

static int user_enable_cmd(const struct cli_command *cmd, int argc, char **argv)
{
	return with_db(cmd, argc, argv, enable);
}

static int set_capacity(struct db *db, const struct cli_args *args, struct err *e)
{
	char *end;
	long n = strtol(args->args[1], &end, 10);
	if (*end || end == args->args[1])
		n = -1;
	struct caller actor = caller_cli();
	return user_set_capacity(db, &actor, args->args[0], n, e);
}

static int set_email(struct db *db, const struct cli_args *args, struct err *e)
{
	struct caller actor = caller_cli();
	const char *email = args->arg_count > 1 ? args->args[1] : NULL;
	return user_set_email(db, &actor, args->args[0], email, e);
}

static int user_set_email_cmd(const struct cli_command *cmd, int argc, char **argv)
{
	return with_db(cmd, argc, argv, set_email);
}

static int user_set_capacity_cmd(const struct cli_command *cmd, int argc, char **argv)
{
	return with_db(cmd, argc, argv, set_capacity);
}

static int cover(struct db *db, const struct cli_args *args, struct err *e)
{
	if (!args->options[0] || !args->options[1] || !args->options[2]) {
		err_clear(e);
		return err_field(e, NULL, "--area, --from and --to are required");
	}
	struct caller actor = caller_cli();
	char id[ID_HEX_LEN + 1];
	int rc = user_add_cover(db, &actor, args->args[0], args->options[0], args->options[1],
				args->options[2], id, e);
	if (rc == 0)
		printf("%s\n", id);
	return rc;
}

static int user_cover_cmd(const struct cli_command *cmd, int argc, char **argv)
{
	return with_db(cmd, argc, argv, cover);
}

static const char *area_name(const struct area *areas, size_t count, const char *id)
{
	for (size_t i = 0; i < count; i++)
		if (strcmp(areas[i].id, id) == 0)
			return areas[i].name;
	return id;
}

static void print_areas(const char *label, const char **ids, size_t n,
			const struct area *areas, size_t area_count)
{
	printf(" %s", label);
	for (size_t i = 0; i < n; i++)
		printf("%s%s", i ? ", " : " (", area_name(areas, area_count, ids[i]));
	if (n)
		printf(")");
}

static int list_users(struct db *db, const struct cli_args *args, struct err *e)
{
	(void)args;
	struct arena *a = arena_new();
	struct user *users;
	struct area *areas;
	size_t count, area_count;
	int rc = user_list(db, a, &users, &count, e);
	if (rc == 0)
		rc = area_list(db, a, &areas, &area_count, e);
	for (size_t i = 0; rc == 0 && i < count; i++) {
		const struct user *u = &users[i];
		printf("%-20s %-8s", u->username,
		       u->disabled ? "disabled" : u->has_password ? "active" : "no-pass");
		if (u->roles & USER_COORDINATOR)
			print_areas("coordinator", u->coordinator_areas,
				    u->coordinator_area_count, areas, area_count);
		if (u->roles & USER_TEAM_LEADER)
			print_areas("team_leader", u->team_areas, u->team_area_count, areas,
				    area_count);
		if (u->roles & USER_ADMINISTRATOR)
			printf(" administrator");
		if (u->roles & USER_PROGRAMME_MANAGER)
			printf(" programme_manager");
		printf("\n");
	}
	arena_free(a);
	return rc;
}

static int user_list_cmd(const struct cli_command *cmd, int argc, char **argv)
{
	return with_db(cmd, argc, argv, list_users);
}

static int add_token(struct db *db, const struct cli_args *args, struct err *e)
{
	struct caller actor = caller_cli();
	char secret[SECRET_LEN + 1], id[ID_HEX_LEN + 1];
	int rc = token_add(db, &actor, args->options[0], args->values[1], args->value_counts[1],
			   secret, id, e);
	if (rc == 0) {
		printf("%s\n", secret);
		fprintf(stderr, "alongside token add: this is the only time the token is "
				"shown; send it as \"Authorization: Bearer TOKEN\"\n");
	}
	return rc;
}

static int token_add_cmd(const struct cli_command *cmd, int argc, char **argv)
{
	return with_db(cmd, argc, argv, add_token);
}

static int list_tokens(struct db *db, const struct cli_args *args, struct err *e)
{
	(void)args;
	struct arena *a = arena_new();
	struct api_token *tokens;
	size_t count;
	int rc = token_list(db, a, &tokens, &count, e);
	for (size_t i = 0; rc == 0 && i < count; i++)
		printf("%-24s %-8s %s  last used %s\n", tokens[i].name,
		       tokens[i].revoked_at ? "revoked" : "live", tokens[i].scopes,
		       tokens[i].last_used_at ? tokens[i].last_used_at : "never");
	arena_free(a);
	return rc;
}

static int token_list_cmd(const struct cli_command *cmd, int argc, char **argv)
{
	return with_db(cmd, argc, argv, list_tokens);
}

static int revoke_token(struct db *db, const struct cli_args *args, struct err *e)
{
	struct caller actor = caller_cli();
	return token_revoke(db, &actor, args->args[0], e);
}

static int token_revoke_cmd(const struct cli_command *cmd, int argc, char **argv)
{
	return with_db(cmd, argc, argv, revoke_token);
}

static const char *const db_settings[] = {"db", "config", NULL};
static const char *const add_options[] = {"role", "area+", "name", NULL};
static const char *const role_options[] = {"area+", NULL};
static const char *const role_switches[] = {"remove", NULL};
static const char *const cover_options[] = {"area", "from", "to", NULL};
static const char *const token_options[] = {"name", "scope+", NULL};

#define PASSWORD_NOTE                                                        \
	"The password is asked for twice when standard input is a terminal,\n"  \
	"and read as one line of standard input otherwise; never from an\n"     \
	"argument, where other users of the machine could see it.\n"

static const struct cli_command user_commands[] = {
	{"user add", "add a staff account",
	 "Usage: alongside user add USERNAME --role ROLE [--area AREA]... [options]\n\n"
	 "Adds a staff account with one role and prints its id; more roles with\n"
	 "set-role.  Coordinators work the areas given; a team leader leads the\n"
	 "team of the areas given; an administrator and a programme manager (every\n"
	 "area's figures, no person's record) have none.  With no password on\n"
	 "standard input the account waits for set-password.\n\n" PASSWORD_NOTE,
	 "  --role ROLE     coordinator, team_leader, administrator or\n"
	 "                  programme_manager (required)\n"
	 "  --area AREA     an area's id or name; repeat for several\n"
	 "  --name NAME     the name shown to colleagues (default: the username)\n",
	 db_settings, add_options, NULL, 1, 1, user_add_cmd},
	{"user list", "list staff accounts and their roles",
	 "Usage: alongside user list [options]\n", NULL, db_settings, NULL, NULL, 0, 0,
	 user_list_cmd},
	{"user set-role", "give or take away a role",
	 "Usage: alongside user set-role USERNAME ROLE [--area AREA]... [--remove]\n\n"
	 "Gives the user ROLE with exactly the areas given, or takes it away.\n"
	 "Roles: coordinator, team_leader, administrator, programme_manager.\n",
	 "  --area AREA     an area's id or name; repeat for several\n"
	 "  --remove        take the role away\n",
	 db_settings, role_options, role_switches, 2, 2, user_set_role_cmd},
	{"user set-password", "set a user's password (ends their sessions)",
	 "Usage: alongside user set-password USERNAME\n\n" PASSWORD_NOTE, NULL, db_settings, NULL, NULL,
	 1, 1, user_set_password_cmd},
	{"user cover", "let a coordinator cover an area for a while",
	 "Usage: alongside user cover USERNAME --area AREA --from DATE --to DATE\n\n"
	 "From DATE to DATE (inclusive, YYYY-MM-DD) the coordinator sees AREA's\n"
	 "people as its own coordinator does, e.g. while they are on leave.\n",
	 "  --area AREA     the area's id or name\n"
	 "  --from DATE     the first day\n"
	 "  --to DATE       the last day\n",
	 db_settings, cover_options, NULL, 1, 1, user_cover_cmd},
	{"user set-email", "where a user is told that something waits for them",
	 "Usage: alongside user set-email USERNAME [ADDRESS]\n\n"
	 "Sets the address a coordinator is emailed at when an introduction\n"
	 "arrives for an area they work or cover; without ADDRESS, clears it.\n",
	 NULL, db_settings, NULL, NULL, 1, 2, user_set_email_cmd},
	{"user set-capacity", "how many people a coordinator can walk alongside",
	 "Usage: alongside user set-capacity USERNAME N\n\n"
	 "Sets how many people the coordinator can walk alongside at once (55\n"
	 "until set); the estimate of how soon a first conversation is likely\n"
	 "uses it.\n",
	 NULL, db_settings, NULL, NULL, 2, 2, user_set_capacity_cmd},
	{"user disable", "stop a user signing in (ends their sessions)",
	 "Usage: alongside user disable USERNAME\n", NULL, db_settings, NULL, NULL, 1, 1,
	 user_disable_cmd},
	{"user enable", "let a disabled user sign in again",
	 "Usage: alongside user enable USERNAME\n", NULL, db_settings, NULL, NULL, 1, 1,
	 user_enable_cmd},
};

static const struct cli_command token_commands[] = {
	{"token add", "make an API token and print it, once",
	 "Usage: alongside token add --name NAME --scope SCOPE [--scope SCOPE]...\n\n"
	 "Makes a token for another system and prints it; only its hash is kept,\n"
	 "so it cannot be shown again.  Scopes: areas.write, audit.read, reports.read.\n",
	 "  --name NAME     what the token is for (required, unique)\n"
	 "  --scope SCOPE   what it may do; repeat for several\n",
	 db_settings, token_options, NULL, 0, 0, token_add_cmd},
	{"token list", "list API tokens", "Usage: alongside token list [options]\n", NULL,
	 db_settings, NULL, NULL, 0, 0, token_list_cmd},
	{"token revoke", "revoke an API token at once",
	 "Usage: alongside token revoke NAME\n", NULL, db_settings, NULL, NULL, 1, 1,
	 token_revoke_cmd},
};

static int dispatch(const struct cli_command *cmd, const struct cli_command *subs,
		    size_t count, int argc, char **argv)
{
	size_t prefix = strlen(cmd->name) + 1;
	if (argc >= 2)
		for (size_t i = 0; i < count; i++)
			if (strcmp(subs[i].name + prefix, argv[1]) == 0)
				return subs[i].run(&subs[i], argc - 1, argv + 1);
	bool help = argc >= 2 && strcmp(argv[1], "--help") == 0;
	FILE *out = help ? stdout : stderr;
	fprintf(out, "Usage: alongside %s COMMAND [options]\n\nCommands:\n", cmd->name);
	for (size_t i = 0; i < count; i++)
		fprintf(out, "  %-16s %s\n", subs[i].name + prefix, subs[i].summary);
	if (help)
		return EXIT_SUCCESS;
	if (argc < 2)
		fprintf(stderr, "alongside %s: which command?\n", cmd->name);
	else
		fprintf(stderr, "alongside %s: unknown command \"%s\"\n", cmd->name, argv[1]);
	return CLI_EXIT_USAGE;
}

int cli_user(const struct cli_command *cmd, int argc, char **argv)
{
	return dispatch(cmd, user_commands, sizeof user_commands / sizeof *user_commands,
			argc, argv);
}

int cli_token(const struct cli_command *cmd, int argc, char **argv)
{
	return dispatch(cmd, token_commands, sizeof token_commands / sizeof *token_commands,
			argc, argv);
}
