/*
 * alongside: the one binary.  The table below is every subcommand; each
 * declares its arguments (cli/cli.h) and lives in src/cli/.
 */
#include "cli/cli.h"
#include "core/arena.h"
#include "http/app.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const db_settings[] = {"db", "config", NULL};
static const char *const migrate_settings[] = {"db", "migrate-db", "config", NULL};
static const char *const lookup_settings[] = {"db", "config", "near-distance",
					      NULL};
static const char *const serve_settings[] = {"listen", "db", "config",
					     "body-limit", "assets", "threads",
					     "near-distance", "map-tiles",
					     "session-idle", "session-lifetime",
					     "tls", "due-working-days", "quiet-after",
					     "bank-holidays", "public-limit",
					     "smtp-url", "smtp-tls", "mail-from",
					     "public-url", "mail-interval",
					     "trusted-proxies",
					     "max-connections",
					     "max-connections-per-address",
					     "header-timeout", "sqlite-synchronous",
					     "directory-review-months",
					     "oruk-cache-mb",
					     "default-texts", "texts-dir",
					     "map-attribution", NULL};
static const char *const ward_options[] = {"code-property", "name-property",
					   NULL};
static const char *const postcode_options[] = {"layout", NULL};
static const char *const lookup_switches[] = {"json", NULL};
static const char *const report_settings[] = {"db", "config", "due-working-days",
					      "bank-holidays", NULL};
/* In the order cli/report.c reads them. */
static const char *const report_options[] = {"quarter", "from", "to", "area+", "section",
					     "csv", NULL};
static const char *const report_switches[] = {"json", NULL};

static int cmd_version(const struct cli_command *cmd, int argc, char **argv);
static int cmd_help(const struct cli_command *cmd, int argc, char **argv);

static const struct cli_command commands[] = {
	{"serve", "serve the web pages and the API",
	 "Usage: alongside serve [options]\n\n"
	 "Serves the web pages and the JSON API until SIGTERM or SIGINT, then\n"
	 "finishes the requests in flight and exits.\n",
	 "  --listen HOST:PORT address to listen on (port 0: any free port)\n"
	 "                     [ALONGSIDE_LISTEN, default 127.0.0.1:8080]\n"
	 "  --body-limit SIZE  largest request body, e.g. 1M\n"
	 "                     [ALONGSIDE_BODY_LIMIT, default 1M]\n"
	 "  --assets DIR       built web assets [ALONGSIDE_ASSETS, default "
	 "web/dist]\n"
	 "  --threads N        worker threads, 0 for one per core\n"
	 "                     [ALONGSIDE_THREADS, default 0]\n"
	 "  --near-distance M  metres outside a covered area that count as near\n"
	 "                     [ALONGSIDE_NEAR_DISTANCE, default 400]\n"
	 "  --map-tiles URL    map tiles, https://.../{z}/{x}/{y}.png; none by\n"
	 "                     default: maps show boundaries on a plain ground\n"
	 "                     [ALONGSIDE_MAP_TILES]\n"
	 "  --map-attribution TEXT  what the tile service asks be shown with\n"
	 "                     its tiles, plain text; needed with --map-tiles\n"
	 "                     [ALONGSIDE_MAP_ATTRIBUTION]\n"
	 "  --session-idle D   sign staff out after D unused, e.g. 30m\n"
	 "                     [ALONGSIDE_SESSION_IDLE, default 30m]\n"
	 "  --session-lifetime D  sign staff out D after signing in, e.g. 12h\n"
	 "                     [ALONGSIDE_SESSION_LIFETIME, default 12h]\n"
	 "  --tls yes|no       served over HTTPS by a proxy in front: Secure\n"
	 "                     cookies and HSTS [ALONGSIDE_TLS, default no]\n"
	 "  --due-working-days N  introductions are due N working days after\n"
	 "                     they arrive [ALONGSIDE_DUE_WORKING_DAYS, default 3]\n"
	 "  --quiet-after N    days without a conversation before someone is shown\n"
	 "                     as not talked with for a while [ALONGSIDE_QUIET_AFTER, 42]\n"
	 "  --directory-review-months N  months after its last check before a\n"
	 "                     community directory listing comes up for review\n"
	 "                     [ALONGSIDE_DIRECTORY_REVIEW_MONTHS, default 6]\n"
	 "  --oruk-cache-mb N  memory for the Open Referral UK documents of the\n"
	 "                     directory's listings, kept ready to send\n"
	 "                     [ALONGSIDE_ORUK_CACHE_MB, default 64]\n"
	 "  --bank-holidays FILE  a GOV.UK bank-holidays.json adding years to\n"
	 "                     the built-in list [ALONGSIDE_BANK_HOLIDAYS]\n"
	 "  --public-limit N   introductions one address may send an hour\n"
	 "                     through the public form [ALONGSIDE_PUBLIC_LIMIT, 5]\n"
	 "  --smtp-url URL     smtp://HOST:PORT to email coordinators about new\n"
	 "                     introductions; none by default [ALONGSIDE_SMTP_URL]\n"
	 "  --smtp-tls MODE    none or starttls [ALONGSIDE_SMTP_TLS, default none]\n"
	 "  --mail-from ADDR   the sender [ALONGSIDE_MAIL_FROM]\n"
	 "  --public-url URL   how staff reach this service, for links in email\n"
	 "                     [ALONGSIDE_PUBLIC_URL, default http://127.0.0.1:8080]\n"
	 "  --mail-interval S  seconds between rounds of sending queued email;\n"
	 "                     failed sends wait longer each time\n"
	 "                     [ALONGSIDE_MAIL_INTERVAL, default 30]\n"
	 "  --trusted-proxies LIST  addresses and CIDR ranges of proxies whose\n"
	 "                     Forwarded or X-Forwarded-For names the client,\n"
	 "                     e.g. \"127.0.0.1, 10.0.0.0/8\"; none by default\n"
	 "                     [ALONGSIDE_TRUSTED_PROXIES]\n"
	 "  --max-connections N  open connections at once, from all clients\n"
	 "                     [ALONGSIDE_MAX_CONNECTIONS, default 2000]\n"
	 "  --max-connections-per-address N  open connections from one client\n"
	 "                     [ALONGSIDE_MAX_CONNECTIONS_PER_ADDRESS, default 100]\n"
	 "  --header-timeout S seconds a request line and headers may take\n"
	 "                     [ALONGSIDE_HEADER_TIMEOUT, default 10]\n"
	 "  --sqlite-synchronous full|normal  on SQLite, sync every commit to\n"
	 "                     disk (full), or only at checkpoints (normal: the\n"
	 "                     last commits may be lost in a power cut)\n"
	 "                     [ALONGSIDE_SQLITE_SYNCHRONOUS, default full]\n"
	 "  --default-texts DIR  the privacy notice, accessibility statement and\n"
	 "                     cookies page shipped with Alongside\n"
	 "                     [ALONGSIDE_DEFAULT_TEXTS, default texts]\n"
	 "  --texts-dir DIR    the council's own versions of those texts, each\n"
	 "                     replacing the default of its name; read at start\n"
	 "                     [ALONGSIDE_TEXTS_DIR, none by default]\n",
	 serve_settings, NULL, NULL, 0, 0, cli_serve},
	{"migrate", "bring the database schema up to date",
	 "Usage: alongside migrate [options]\n\n"
	 "Brings the database schema up to date with this binary.  Safe to run\n"
	 "again, and safe to run from several instances at once.  On PostgreSQL\n"
	 "the schema may belong to another role than the one serve connects as:\n"
	 "migrate as the owner (--migrate-db) and the serve role (--db) is\n"
	 "granted what it needs, never to change or delete the audit log.\n",
	 "  --migrate-db URL   the database as the role that owns its schema\n"
	 "                     [ALONGSIDE_MIGRATE_DB, default: --db]\n",
	 migrate_settings, NULL, NULL, 0, 0, cli_migrate},
	{"import-wards", "import ward boundaries from GeoJSON",
	 "Usage: alongside import-wards FILE.geojson [options]\n\n"
	 "Imports electoral wards (a GeoJSON FeatureCollection of Polygons and\n"
	 "MultiPolygons in WGS84, as the ONS publishes them).  Every feature is\n"
	 "checked first; one bad feature and nothing is imported.  Importing\n"
	 "again updates wards in place.\n",
	 "  --code-property NAME  the property holding the ward code\n"
	 "                        (default: found, e.g. WD24CD)\n"
	 "  --name-property NAME  the property holding the ward name\n"
	 "                        (default: found, e.g. WD24NM)\n",
	 db_settings, ward_options, NULL, 1, 1, cli_import_wards},
	{"import-postcodes", "import postcode locations from CSV",
	 "Usage: alongside import-postcodes FILE.csv[.gz] [options]\n\n"
	 "Imports postcode locations from a CSV file, plain or gzipped: with a\n"
	 "header row naming the columns (postcode, latitude and longitude or\n"
	 "easting and northing, optionally a ward code), or OS Code-Point Open\n"
	 "as published (--layout codepoint).  Rows without a location are\n"
	 "skipped and counted; a broken file imports nothing.\n",
	 "  --layout header|codepoint  how to read the columns (default header)\n",
	 db_settings, postcode_options, NULL, 1, 1, cli_import_postcodes},
	{"lookup", "find the ward for a postcode or a point",
	 "Usage: alongside lookup POSTCODE|LAT,LON [options]\n\n"
	 "Finds the ward a postcode or a point lies in, through the ward\n"
	 "boundaries.  Exit code 2 for input that is not a postcode or a point,\n"
	 "1 for a postcode not held.\n",
	 "  --json             print the API's JSON instead of text\n"
	 "  --near-distance M  metres outside a covered area that count as near\n"
	 "                     [ALONGSIDE_NEAR_DISTANCE, default 400]\n",
	 lookup_settings, NULL, lookup_switches, 1, 1, cli_lookup},
	{"area", "manage areas and coordinators: alongside area --help",
	 "Usage: alongside area COMMAND [options]\n", NULL, NULL, NULL, NULL, 0,
	 0, cli_area},
	{"user", "manage staff accounts and roles: alongside user --help",
	 "Usage: alongside user COMMAND [options]\n", NULL, NULL, NULL, NULL, 0,
	 0, cli_user},
	{"person", "bring people in from a spreadsheet: alongside person --help",
	 "Usage: alongside person COMMAND [options]\n", NULL, NULL, NULL, NULL, 0,
	 0, cli_person},
	{"directory", "the community directory in and out: alongside directory --help",
	 "Usage: alongside directory COMMAND [options]\n", NULL, NULL, NULL, NULL, 0,
	 0, cli_directory},
	{"council", "the council's contacts and outside-cover rule: alongside council --help",
	 "Usage: alongside council COMMAND [options]\n", NULL, NULL, NULL, NULL, 0,
	 0, cli_council},
	{"unit-cost", "the council's unit costs of costs avoided: alongside unit-cost --help",
	 "Usage: alongside unit-cost COMMAND [options]\n", NULL, NULL, NULL, NULL, 0,
	 0, cli_unit_cost},
	{"token", "manage API tokens: alongside token --help",
	 "Usage: alongside token COMMAND [options]\n", NULL, NULL, NULL, NULL, 0,
	 0, cli_token},
	{"report", "the programme's reports, small numbers held back",
	 "Usage: alongside report (--quarter 2026-27-Q3 | --from DATE --to DATE)\n"
	 "                        [--area ID]... [--section KEY] [--csv TABLE | --json]\n\n"
	 "Prints the report for a financial-year quarter (April to March) or\n"
	 "two dates (YYYY-MM-DD), for every area or the ones given, as plain\n"
	 "text tables; one table as CSV; or the JSON of GET /api/v1/reports.\n"
	 "Counts from 1 to 4 show as \"fewer than 5\" (CSV \"<5\") and figures\n"
	 "resting on fewer than 5 people as hidden, as everywhere outside a\n"
	 "team leader's own page.  docs/reports.md says how each is counted.\n",
	 "  --quarter Q     a quarter such as 2026-27-Q3\n"
	 "  --from D --to D the first and last day, YYYY-MM-DD\n"
	 "  --area ID       only this area (again for more)\n"
	 "  --section KEY   introductions, replies, first_conversations, caseloads,\n"
	 "                  outcomes, wellbeing or costs\n"
	 "  --csv TABLE     print one table as CSV, by its key (replies-by-area)\n"
	 "  --json          print the API's JSON\n",
	 report_settings, report_options, report_switches, 0, 0, cli_report},
	{"routes", "list every web address with who may use it",
	 "Usage: alongside routes\n\n"
	 "Prints the route table, one route a line: method, path pattern, the\n"
	 "role it needs (public, staff, team_leader, admin) and the API token\n"
	 "scope that also opens it (- for none), separated by tabs.  Under each\n"
	 "route, a line starting with a tab for each thing it takes: name,\n"
	 "where it comes from (path, query, form, json), its validator, and\n"
	 "whether it is required.\n",
	 NULL, NULL, NULL, NULL, 0, 0, cli_routes},
	{"version", "print the version", "Usage: alongside version\n\n"
	 "Prints the version.\n", NULL, NULL, NULL, NULL, 0, 0, cmd_version},
	{"help", "show this help, or a command's: alongside help COMMAND",
	 "Usage: alongside help [COMMAND]\n", NULL, NULL, NULL, NULL, 0, 1,
	 cmd_help},
};

#define COMMAND_COUNT (sizeof commands / sizeof *commands)

static void print_usage(FILE *out)
{
	fprintf(out, "Usage: alongside COMMAND [options]\n\n"
		     "Alongside, the information system for Local Area "
		     "Coordination.\n\nCommands:\n");
	for (size_t i = 0; i < COMMAND_COUNT; i++)
		fprintf(out, "  %-17s %s\n", commands[i].name, commands[i].summary);
	fprintf(out, "\nalongside COMMAND --help describes each command.\n");
}

static const struct cli_command *find_command(const char *name)
{
	for (size_t i = 0; i < COMMAND_COUNT; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

static int cmd_version(const struct cli_command *cmd, int argc, char **argv)
{
	struct cli_args args;
	int rc = cli_parse(cmd, argc, argv, &args);
	if (rc)
		return rc == CLI_HELP_SHOWN ? EXIT_SUCCESS : rc;
	printf("alongside %s\n", ALONGSIDE_VERSION);
	return EXIT_SUCCESS;
}

static int cmd_help(const struct cli_command *cmd, int argc, char **argv)
{
	struct cli_args args;
	int rc = cli_parse(cmd, argc, argv, &args);
	if (rc)
		return rc == CLI_HELP_SHOWN ? EXIT_SUCCESS : rc;
	if (args.arg_count == 0) {
		print_usage(stdout);
		return EXIT_SUCCESS;
	}
	const struct cli_command *target = find_command(args.args[0]);
	if (!target || target == cmd)
		return cli_usage_error(cmd, "expected one command name");
	char *help_argv[] = {args.args[0], "--help", NULL};
	return target->run(target, 2, help_argv);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		print_usage(stderr);
		return CLI_EXIT_USAGE;
	}
	if (strcmp(argv[1], "--version") == 0)
		argv[1] = "version";
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
		argv[1] = "help";
	const struct cli_command *cmd = find_command(argv[1]);
	if (!cmd) {
		fprintf(stderr, "alongside: unknown command \"%s\" (see "
				"alongside help)\n",
			argv[1]);
		return CLI_EXIT_USAGE;
	}
	if (sodium_init() < 0) {
		fputs("alongside: cannot initialise libsodium\n", stderr);
		return EXIT_FAILURE;
	}
	arena_keep_freed_memory();
	return cmd->run(cmd, argc - 1, argv + 1);
}
