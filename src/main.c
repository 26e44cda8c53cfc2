/*
 * alongside: the one binary.  Each subcommand is a function taking its own
 * arguments; exit codes are 0 for success, 1 for a runtime error and 2 for
 * a usage error, each failure with one line on stderr.
 */
#include "app.h"
#include "core/arena.h"
#include "core/config.h"
#include "core/err.h"
#include "core/log.h"
#include "db/db.h"
#include "db/migrate.h"
#include "domain/instance.h"
#include "http/assets.h"
#include "http/server.h"

#include <getopt.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EXIT_USAGE 2

extern char **environ;

struct command {
	const char *name;
	const char *summary;
	int (*run)(int argc, char **argv);
};

static int fail_usage(const char *cmd, const char *msg)
{
	fprintf(stderr, "alongside %s: %s (see alongside %s --help)\n", cmd, msg,
		cmd);
	return EXIT_USAGE;
}

static int fail_runtime(const char *cmd, const char *msg)
{
	fprintf(stderr, "alongside %s: %s\n", cmd, msg);
	return EXIT_FAILURE;
}

static const char settings_help[] =
	"Options (a flag wins over its environment variable, which wins over\n"
	"the config file, where the same key is written key = value):\n"
	"  --db URL           sqlite:PATH or postgres://USER@HOST/DB\n"
	"                     [ALONGSIDE_DB, default sqlite:alongside.db]\n"
	"  --config FILE      read settings from FILE [ALONGSIDE_CONFIG]\n";

static const char *const serve_help[] = {
	"Usage: alongside serve [options]\n"
	"\n"
	"Serves the web pages and the JSON API until SIGTERM or SIGINT, then\n"
	"finishes the requests in flight and exits.\n"
	"\n",
	"  --listen HOST:PORT address to listen on (port 0: any free port)\n"
	"                     [ALONGSIDE_LISTEN, default 127.0.0.1:8080]\n"
	"  --body-limit SIZE  largest request body, e.g. 1M\n"
	"                     [ALONGSIDE_BODY_LIMIT, default 1M]\n"
	"  --assets DIR       built web assets [ALONGSIDE_ASSETS, default "
	"web/dist]\n"
	"  --threads N        worker threads, 0 for one per core\n"
	"                     [ALONGSIDE_THREADS, default 0]\n"};

static const char *const migrate_help[] = {
	"Usage: alongside migrate [options]\n"
	"\n"
	"Brings the database schema up to date with this binary.  Safe to run\n"
	"again, and safe to run from several instances at once.\n"
	"\n",
	""};

/* Collects --key value (or --key=value) pairs for the keys a command
 * accepts; returns the count, or -1 after printing a usage error. */
static int parse_settings(const char *cmd, int argc, char **argv,
			  const char *const *allowed, struct config_pair *pairs,
			  size_t max_pairs, bool *help)
{
	struct option options[16];
	size_t n = 0;
	for (; allowed[n]; n++)
		options[n] = (struct option){allowed[n], required_argument, NULL,
					     (int)n};
	options[n++] = (struct option){"help", no_argument, NULL, 'h'};
	options[n] = (struct option){0};

	size_t count = 0;
	*help = false;
	opterr = 0;
	optind = 1;
	int opt;
	while ((opt = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		if (opt == 'h') {
			*help = true;
			return 0;
		}
		if (opt == '?' || opt == ':') {
			fail_usage(cmd, "unknown option or missing value");
			return -1;
		}
		if (count == max_pairs) {
			fail_usage(cmd, "too many options");
			return -1;
		}
		pairs[count++] = (struct config_pair){allowed[opt], optarg};
	}
	if (optind < argc) {
		fail_usage(cmd, "unexpected argument");
		return -1;
	}
	return (int)count;
}

static int resolve_config(const char *cmd, int argc, char **argv,
			  const char *const *allowed,
			  const char *const help_text[2], struct config *cfg)
{
	struct config_pair pairs[32];
	bool help;
	int count = parse_settings(cmd, argc, argv, allowed, pairs, 32, &help);
	if (count < 0)
		return EXIT_USAGE;
	if (help) {
		printf("%s%s%s", help_text[0], settings_help, help_text[1]);
		return -1;
	}
	struct err e;
	if (config_resolve(cfg, pairs, (size_t)count, environ, &e) < 0)
		return fail_usage(cmd, e.msg);
	return 0;
}

static int cmd_serve(int argc, char **argv)
{
	static const char *const allowed[] = {"listen", "db", "config",
					      "body-limit", "assets", "threads",
					      NULL};
	struct config cfg;
	int rc = resolve_config("serve", argc, argv, allowed, serve_help, &cfg);
	if (rc)
		return rc < 0 ? EXIT_SUCCESS : rc;

	struct err e;
	struct assets *assets = NULL;
	struct db *db = NULL;
	if (assets_load(cfg.assets_dir, &assets, &e) < 0)
		return fail_runtime("serve", e.msg);
	/* One connection per worker thread: a request never waits for
	 * another's connection. */
	if (db_open(cfg.db_url, config_worker_threads(&cfg), &db, &e) < 0) {
		assets_free(assets);
		return fail_runtime("serve", e.msg);
	}
	struct app app = {
		.config = &cfg,
		.db = db,
		.assets = assets,
		.schema_version =
			schema_migrations[schema_migration_count - 1].version,
	};
	rc = server_run(&app, &e);
	db_close(db);
	assets_free(assets);
	if (rc < 0)
		return fail_runtime("serve", e.msg);
	return EXIT_SUCCESS;
}

static int cmd_migrate(int argc, char **argv)
{
	static const char *const allowed[] = {"db", "config", NULL};
	struct config cfg;
	int rc = resolve_config("migrate", argc, argv, allowed, migrate_help,
				&cfg);
	if (rc)
		return rc < 0 ? EXIT_SUCCESS : rc;

	struct err e;
	struct db *db;
	if (db_open(cfg.db_url, 1, &db, &e) < 0)
		return fail_runtime("migrate", e.msg);
	int applied;
	rc = migrate_apply(db, schema_migrations, schema_migration_count,
			   &applied, &e);
	const char *id = NULL;
	struct db_conn *c = NULL;
	struct arena *a = arena_new();
	if (rc == 0)
		rc = db_acquire(db, &c, &e);
	if (rc == 0) {
		rc = instance_ensure_id(c, a, &id, &e);
		db_release(c);
	}
	if (rc == 0)
		printf("%s database at schema version %d (%d applied now), "
		       "instance %s\n",
		       db_kind_name(db),
		       schema_migrations[schema_migration_count - 1].version,
		       applied, id);
	arena_free(a);
	db_close(db);
	return rc < 0 ? fail_runtime("migrate", e.msg) : EXIT_SUCCESS;
}

static int cmd_version(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "--help") == 0) {
		puts("Usage: alongside version\n\nPrints the version.");
		return EXIT_SUCCESS;
	}
	if (argc > 1)
		return fail_usage("version", "takes no arguments");
	printf("alongside %s\n", ALONGSIDE_VERSION);
	return EXIT_SUCCESS;
}

static int cmd_help(int argc, char **argv);

static const struct command commands[] = {
	{"serve", "serve the web pages and the API", cmd_serve},
	{"migrate", "bring the database schema up to date", cmd_migrate},
	{"version", "print the version", cmd_version},
	{"help", "show this help, or a command's: alongside help COMMAND",
	 cmd_help},
};

static void print_usage(FILE *out)
{
	fprintf(out,
		"Usage: alongside COMMAND [options]\n"
		"\n"
		"Alongside, the information system for Local Area "
		"Coordination.\n"
		"\n"
		"Commands:\n");
	for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
		fprintf(out, "  %-10s %s\n", commands[i].name,
			commands[i].summary);
	fprintf(out, "\nalongside COMMAND --help describes each command.\n");
}

static const struct command *find_command(const char *name)
{
	for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

static int cmd_help(int argc, char **argv)
{
	if (argc == 1 || (argc == 2 && (strcmp(argv[1], "--help") == 0 ||
					strcmp(argv[1], "-h") == 0))) {
		print_usage(stdout);
		return EXIT_SUCCESS;
	}
	const struct command *cmd = find_command(argv[1]);
	if (argc > 2 || !cmd || cmd->run == cmd_help)
		return fail_usage("help", "expected one command name");
	char *help_argv[] = {argv[1], "--help", NULL};
	return cmd->run(2, help_argv);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		print_usage(stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "--version") == 0)
		return cmd_version(1, argv + 1);
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
		return cmd_help(1, argv + 1);
	const struct command *cmd = find_command(argv[1]);
	if (!cmd) {
		fprintf(stderr, "alongside: unknown command \"%s\" (see "
				"alongside help)\n",
			argv[1]);
		return EXIT_USAGE;
	}
	if (sodium_init() < 0) {
		fputs("alongside: cannot initialise libsodium\n", stderr);
		return EXIT_FAILURE;
	}
	return cmd->run(argc - 1, argv + 1);
}
