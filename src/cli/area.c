#include "cli/cli.h"
#include "core/arena.h"
#include "core/date.h"
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
#include <time.h>

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

/* What a subcommand works with once its arguments are read: the database,
 * the command line as the caller, and the error of what it calls. */
struct run {
	struct db *db;
	struct caller cli;
	struct err e;
};

/* Opens the database args name: 0, or the exit code of the failure, reported. */
static int run_open(const struct cli_command *cmd, const struct cli_args *args,
		    struct run *r)
{
	if (db_open(args->config.db_url, 1, &r->db, &r->e) < 0)
		return cli_runtime_error(cmd, r->e.msg);
	r->cli = caller_cli();
	return 0;
}

/* Closes the database and gives the exit code of the domain result rc:
 * reported when not RESULT_OK, else success, printing id (the new
 * record's) when there is one. */
static int run_close(const struct cli_command *cmd, struct run *r, int rc, const char *id)
{
	db_close(r->db);
	if (rc != RESULT_OK)
		return report(cmd, rc, &r->e);
	if (id)
		printf("%s\n", id);
	return EXIT_SUCCESS;
}

/* The ward codes of "E05000001,E05000002", in the arena; empty items are
 * skipped, so "" is no wards at all. */
static const char **split_wards(struct arena *a, const char *text, size_t *count)
{
	char *list = arena_strdup(a, text);
	const char **wards = arena_alloc(a, (strlen(list) / 2 + 2) * sizeof *wards);
	*count = 0;
	for (char *p = list, *comma; p; p = comma ? comma + 1 : NULL) {
		comma = strchr(p, ',');
		if (comma)
			*comma = '\0';
		if (*p)
			wards[(*count)++] = p;
	}
	return wards;
}

/* Reads area add's --covered yes|no (or --covered=yes|no), as area set
 * and area cover take it, out of argv: into *cover (1 or 0; -1 when not
 * given so), leaving a bare --covered, the older switch meaning yes, to
 * cli_parse.  Returns argc less what it took, or -1 for a value that is
 * neither. */
static int take_covered(int argc, char **argv, int *cover)
{
	*cover = -1;
	int n = 0;
	for (int i = 0; i < argc; i++) {
		const char *value = NULL;
		if (strcmp(argv[i], "--covered") == 0 && i + 1 < argc &&
		    (strcmp(argv[i + 1], "yes") == 0 || strcmp(argv[i + 1], "no") == 0 ||
		     strcmp(argv[i + 1], "true") == 0 || strcmp(argv[i + 1], "false") == 0))
			value = argv[++i];
		else if (strncmp(argv[i], "--covered=", 10) == 0)
			value = argv[i] + 10;
		else {
			argv[n++] = argv[i];
			continue;
		}
		if (strcmp(value, "yes") == 0 || strcmp(value, "true") == 0)
			*cover = 1;
		else if (strcmp(value, "no") == 0 || strcmp(value, "false") == 0)
			*cover = 0;
		else
			return -1;
	}
	return n;
}

static int area_add(const struct cli_command *cmd, int argc, char **argv)
{
	struct cli_args args;
	int cover;
	argc = take_covered(argc, argv, &cover);
	if (argc < 0)
		return cli_usage_error(cmd, "--covered is yes or no");
	int rc = cli_parse(cmd, argc, argv, &args);
	if (rc)
		return rc == CLI_HELP_SHOWN ? EXIT_SUCCESS : rc;
	if (!args.options[0])
		return cli_usage_error(cmd, "--wards is required");
	/* --wards E05000001,E05000002 */
	struct arena *a = arena_new();
	size_t count;
	const char **wards = split_wards(a, args.options[0], &count);
	struct area_input in = {args.args[0], wards, count,
				cover >= 0 ? cover == 1 : args.switches[0], args.switches[1]};
	struct run r;
	char id[ID_HEX_LEN + 1];
	if ((rc = run_open(cmd, &args, &r)) != 0) {
		arena_free(a);
		return rc;
	}
	rc = area_create(r.db, &r.cli, &in, id, &r.e);
	arena_free(a);
	return run_close(cmd, &r, rc, id);
}

/* The value of the option called name, if cmd takes it and it was given. */
static const char *option(const struct cli_command *cmd, const struct cli_args *args,
			  const char *name)
{
	for (size_t i = 0; cmd->options && cmd->options[i]; i++)
		if (strcmp(cmd->options[i], name) == 0)
			return args->options[i];
	return NULL;
}

/* area set, rename, wards, cover: each changes what its options name, as
 * PUT /api/v1/admin/areas/{id} does. */
static int area_change_cmd(const struct cli_command *cmd, int argc, char **argv)
{
	struct cli_args args;
	int rc = cli_parse(cmd, argc, argv, &args);
	if (rc)
		return rc == CLI_HELP_SHOWN ? EXIT_SUCCESS : rc;
	const char *name = option(cmd, &args, "name");
	const char *wards = option(cmd, &args, "wards");
	const char *covered = option(cmd, &args, "covered");
	if (!name && !wards && !covered)
		return cli_usage_error(cmd, cmd->options[1] ? "give --name, --wards or --covered"
				       : strcmp(cmd->options[0], "name") == 0  ? "--name is required"
				       : strcmp(cmd->options[0], "wards") == 0 ? "--wards is required"
									       : "--covered is required");
	int cover = -1;
	if (covered && (strcmp(covered, "yes") == 0 || strcmp(covered, "true") == 0))
		cover = 1;
	else if (covered && (strcmp(covered, "no") == 0 || strcmp(covered, "false") == 0))
		cover = 0;
	else if (covered)
		return cli_usage_error(cmd, "--covered is yes or no");
	struct arena *a = arena_new();
	struct area_update_input in = {name, wards != NULL, NULL, 0, cover};
	if (wards)
		in.wards = split_wards(a, wards, &in.ward_count);
	struct run r;
	if ((rc = run_open(cmd, &args, &r)) != 0) {
		arena_free(a);
		return rc;
	}
	rc = area_update(r.db, &r.cli, args.args[0], &in, &r.e);
	arena_free(a);
	return run_close(cmd, &r, rc, NULL);
}

static int area_retire_cmd(const struct cli_command *cmd, int argc, char **argv)
{
	struct cli_args args;
	int rc = cli_parse(cmd, argc, argv, &args);
	if (rc)
		return rc == CLI_HELP_SHOWN ? EXIT_SUCCESS : rc;
	struct run r;
	if ((rc = run_open(cmd, &args, &r)) != 0)
		return rc;
	rc = area_retire(r.db, &r.cli, args.args[0], &r.e);
	return run_close(cmd, &r, rc, NULL);
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
	struct run r;
	if ((rc = run_open(cmd, &args, &r)) != 0)
		return rc;
	rc = coordinator_set(r.db, &r.cli, args.args[0], &in, &r.e);
	return run_close(cmd, &r, rc, NULL);
}

static int area_list_cmd(const struct cli_command *cmd, int argc, char **argv)
{
	struct cli_args args;
	int rc = cli_parse(cmd, argc, argv, &args);
	if (rc)
		return rc == CLI_HELP_SHOWN ? EXIT_SUCCESS : rc;
	struct run r;
	if ((rc = run_open(cmd, &args, &r)) != 0)
		return rc;
	struct arena *a = arena_new();
	struct area *areas;
	size_t count;
	rc = area_list(r.db, a, &areas, &count, &r.e);
	for (size_t i = 0; rc == 0 && i < count; i++) {
		printf("%s  %-28s %-12s %zu ward%s  %s\n", areas[i].id,
		       areas[i].name, areas[i].covered ? "covered" : "not covered",
		       areas[i].ward_count, areas[i].ward_count == 1 ? " " : "s",
		       areas[i].coordinator ? areas[i].coordinator->name : "-");
	}
	arena_free(a);
	db_close(r.db);
	return rc < 0 ? cli_runtime_error(cmd, r.e.msg) : EXIT_SUCCESS;
}

/* The drop-in options in dropin_options' order: the API's names first,
 * then the older names kept as aliases (start, end, from). */
enum { OPT_VENUE, OPT_ADDRESS, OPT_WEEKDAY, OPT_STARTS, OPT_ENDS, OPT_FREQUENCY, OPT_WEEK,
       OPT_FIRST_DATE, OPT_NOTES, OPT_START, OPT_END, OPT_FROM };

/* Folds each alias into its name: fields[0..8] as dropin_input has them;
 * both given is a usage error. */
static int dropin_fields(const struct cli_command *cmd, const struct cli_args *args,
			 const char **fields)
{
	static const int aliases[][2] = {
		{OPT_STARTS, OPT_START}, {OPT_ENDS, OPT_END}, {OPT_FIRST_DATE, OPT_FROM}};
	static const char *const clash[] = {"give --starts or --start, not both",
					    "give --ends or --end, not both",
					    "give --first_date or --from, not both"};
	for (int i = 0; i <= OPT_NOTES; i++)
		fields[i] = args->options[i];
	for (size_t i = 0; i < 3; i++) {
		const char *alias = args->options[aliases[i][1]];
		if (alias && fields[aliases[i][0]])
			return cli_usage_error(cmd, clash[i]);
		if (alias)
			fields[aliases[i][0]] = alias;
	}
	return 0;
}

static int area_add_drop_in(const struct cli_command *cmd, int argc,
			    char **argv)
{
	struct cli_args args;
	int rc = cli_parse(cmd, argc, argv, &args);
	if (rc)
		return rc == CLI_HELP_SHOWN ? EXIT_SUCCESS : rc;
	const char *o[OPT_NOTES + 1];
	if ((rc = dropin_fields(cmd, &args, o)) != 0)
		return rc;
	struct dropin_input in = {o[0], o[1], o[2], o[3], o[4], o[5], o[6], o[7], o[8], NULL};
	struct run r;
	char id[ID_HEX_LEN + 1];
	if ((rc = run_open(cmd, &args, &r)) != 0)
		return rc;
	rc = dropin_add(r.db, &r.cli, args.args[0], &in, id, &r.e);
	return run_close(cmd, &r, rc, id);
}

/* Opens the database and reads the drop-in named by the first argument:
 * 0, or the exit code (the database closed again). */
static int open_dropin(const struct cli_command *cmd, const struct cli_args *args,
		       struct arena *a, struct run *r, struct dropin *d)
{
	int rc = run_open(cmd, args, r);
	if (rc != 0)
		return rc;
	rc = dropin_get(r->db, a, args->args[0], d, &r->e);
	return rc != RESULT_OK ? run_close(cmd, r, rc, NULL) : 0;
}

static const char *date_text(struct arena *a, struct date d)
{
	char *out = arena_alloc(a, 11);
	date_format(d, out);
	return out;
}

/* Changes what is given, keeping the rest (and its last date) as stored. */
static int area_drop_in_edit(const struct cli_command *cmd, int argc, char **argv)
{
	struct cli_args args;
	int rc = cli_parse(cmd, argc, argv, &args);
	if (rc)
		return rc == CLI_HELP_SHOWN ? EXIT_SUCCESS : rc;
	const char *o[OPT_NOTES + 1];
	if ((rc = dropin_fields(cmd, &args, o)) != 0)
		return rc;
	struct arena *a = arena_new();
	struct run run;
	struct dropin d;
	if ((rc = open_dropin(cmd, &args, a, &run, &d)) != 0) {
		arena_free(a);
		return rc;
	}
	const struct dropin_rule *r = &d.rule;
	const char *week = r->week_of_month < 0 ? "last"
			   : r->week_of_month	 ? arena_printf(a, "%d", r->week_of_month)
						 : NULL;
	/* A new frequency other than monthly has no week. */
	if (o[OPT_FREQUENCY] && strcmp(o[OPT_FREQUENCY], "monthly") != 0)
		week = NULL;
	struct dropin_input in = {
		o[OPT_VENUE] ? o[OPT_VENUE] : d.venue,
		o[OPT_ADDRESS] ? o[OPT_ADDRESS] : d.address,
		o[OPT_WEEKDAY] ? o[OPT_WEEKDAY] : dropin_weekday_name(r->weekday),
		o[OPT_STARTS] ? o[OPT_STARTS] : d.starts,
		o[OPT_ENDS] ? o[OPT_ENDS] : d.ends,
		o[OPT_FREQUENCY] ? o[OPT_FREQUENCY] : dropin_frequency_name(r->frequency),
		o[OPT_WEEK] ? o[OPT_WEEK] : week,
		o[OPT_FIRST_DATE] ? o[OPT_FIRST_DATE] : date_text(a, r->first),
		o[OPT_NOTES] ? (*o[OPT_NOTES] ? o[OPT_NOTES] : NULL) : d.notes,
		r->ends ? date_text(a, r->last) : NULL,
	};
	rc = dropin_update(run.db, &run.cli, d.id, &in, &run.e);
	arena_free(a);
	return run_close(cmd, &run, rc, NULL);
}

static int area_drop_in_end(const struct cli_command *cmd, int argc, char **argv)
{
	struct cli_args args;
	int rc = cli_parse(cmd, argc, argv, &args);
	if (rc)
		return rc == CLI_HELP_SHOWN ? EXIT_SUCCESS : rc;
	if (!args.options[0])
		return cli_usage_error(cmd, "--last_date is required");
	struct run r;
	if ((rc = run_open(cmd, &args, &r)) != 0)
		return rc;
	rc = dropin_end(r.db, &r.cli, args.args[0], args.options[0], &r.e);
	return run_close(cmd, &r, rc, NULL);
}

static int area_drop_in_cancel(const struct cli_command *cmd, int argc, char **argv)
{
	struct cli_args args;
	int rc = cli_parse(cmd, argc, argv, &args);
	if (rc)
		return rc == CLI_HELP_SHOWN ? EXIT_SUCCESS : rc;
	if (!args.options[0] || !args.options[1])
		return cli_usage_error(cmd, "--on_date and --reason are required");
	struct run r;
	char id[ID_HEX_LEN + 1];
	if ((rc = run_open(cmd, &args, &r)) != 0)
		return rc;
	rc = dropin_cancel(r.db, &r.cli, args.args[0], args.options[0], args.options[1], id,
			   &r.e);
	return run_close(cmd, &r, rc, id);
}

/* Withdraws the cancellation of the date given. */
static int area_drop_in_uncancel(const struct cli_command *cmd, int argc, char **argv)
{
	struct cli_args args;
	int rc = cli_parse(cmd, argc, argv, &args);
	if (rc)
		return rc == CLI_HELP_SHOWN ? EXIT_SUCCESS : rc;
	struct date day;
	if (!args.options[0] || !date_parse(args.options[0], &day))
		return cli_usage_error(cmd, "--on_date: the cancelled date, written YYYY-MM-DD");
	struct arena *a = arena_new();
	struct run run;
	struct dropin d;
	if ((rc = open_dropin(cmd, &args, a, &run, &d)) != 0) {
		arena_free(a);
		return rc;
	}
	const struct dropin_cancellation *x = dropin_cancelled(&d, day);
	rc = x ? dropin_withdraw_cancellation(run.db, &run.cli, d.id, x->id, &run.e)
	       : err_not_found(&run.e, "cancellation", "that date of the drop-in is not cancelled");
	arena_free(a);
	return run_close(cmd, &run, rc, NULL);
}

/* An area's drop-ins: id, when, and their next dates with cancellations. */
static int area_drop_ins(const struct cli_command *cmd, int argc, char **argv)
{
	struct cli_args args;
	int rc = cli_parse(cmd, argc, argv, &args);
	if (rc)
		return rc == CLI_HELP_SHOWN ? EXIT_SUCCESS : rc;
	struct run r;
	if ((rc = run_open(cmd, &args, &r)) != 0)
		return rc;
	struct arena *a = arena_new();
	struct area *areas;
	size_t count;
	const char *area_id = NULL;
	rc = area_list(r.db, a, &areas, &count, &r.e);
	for (size_t i = 0; rc == RESULT_OK && i < count; i++)
		if (strcmp(areas[i].id, args.args[0]) == 0 || strcmp(areas[i].name, args.args[0]) == 0)
			area_id = areas[i].id;
	if (rc == RESULT_OK && !area_id)
		rc = err_not_found(&r.e, "area", "no area called \"%.100s\"", args.args[0]);
	struct dropin *list = NULL;
	if (rc == RESULT_OK)
		rc = dropin_list(r.db, a, area_id, &list, &count, &r.e);
	struct date today = date_uk_today(time(NULL));
	for (size_t i = 0; rc == RESULT_OK && i < count; i++) {
		const struct dropin *d = &list[i];
		printf("%s  %s, %s, %s to %s\n", d->id, d->venue, dropin_describe(a, &d->rule),
		       d->starts, d->ends);
		struct date dates[4];
		size_t n = dropin_next_dates(&d->rule, today, dates, 4);
		if (n == 0)
			printf("    ended\n");
		for (size_t j = 0; j < n; j++) {
			const struct dropin_cancellation *x = dropin_cancelled(d, dates[j]);
			printf("    %s%s%s\n", date_text(a, dates[j]), x ? "  cancelled: " : "",
			       x ? x->reason : "");
		}
	}
	arena_free(a);
	return run_close(cmd, &r, rc, NULL);
}

static const char *const db_settings[] = {"db", "config", NULL};
static const char *const dropin_options[] = {
	"venue", "address", "weekday", "starts", "ends", "frequency", "week", "first_date",
	"notes", "start", "end", "from", NULL};
static const char *const end_options[] = {"last_date", NULL};
static const char *const cancel_options[] = {"on_date", "reason", NULL};
static const char *const uncancel_options[] = {"on_date", NULL};
static const char *const add_options[] = {"wards", NULL};
static const char *const add_switches[] = {"covered", "demo", NULL};
static const char *const set_options[] = {"name", "wards", "covered", NULL};
static const char *const rename_options[] = {"name", NULL};
static const char *const wards_options[] = {"wards", NULL};
static const char *const cover_options[] = {"covered", NULL};
static const char *const coordinator_options[] = {
	"name", "mobile", "email", "facebook_url", "introduction", "username", "facebook", "user",
	NULL};

static const struct cli_command area_commands[] = {
	{"area add", "add an area made of wards",
	 "Usage: alongside area add NAME --wards CODE[,CODE...] [options]\n\n"
	 "Adds a Local Area Coordination area made of one or more wards (each\n"
	 "ward in at most one area) and prints its id.\n",
	 "  --wards CODES   ward codes, comma-separated (required)\n"
	 "  --covered yes|no  whether a coordinator is in post (no when not\n"
	 "                  given); a bare --covered, the older form, is yes\n"
	 "  --demo          the area is invented for a demonstration\n",
	 db_settings, add_options, add_switches, 1, 1, area_add},
	{"area set", "change an area's name, wards or coverage",
	 "Usage: alongside area set AREA [--name NAME] [--wards CODES] [--covered yes|no]\n\n"
	 "Changes AREA (its id or name): what is given changes, the rest stays.\n"
	 "The options are the fields of PUT /api/v1/admin/areas/{id}.  Changing\n"
	 "the wards moves nobody: see /team/area-changes.\n",
	 "  --name NAME       the new name\n"
	 "  --wards CODES     the whole new list of ward codes, comma-separated\n"
	 "  --covered yes|no  whether a coordinator is in post\n",
	 db_settings, set_options, NULL, 1, 1, area_change_cmd},
	{"area rename", "rename an area",
	 "Usage: alongside area rename AREA --name NAME\n\n"
	 "Renames AREA (its id or name), as area set --name does.\n",
	 "  --name NAME   the new name (required)\n",
	 db_settings, rename_options, NULL, 1, 1, area_change_cmd},
	{"area wards", "change an area's wards",
	 "Usage: alongside area wards AREA --wards CODE[,CODE...]\n\n"
	 "Replaces the wards of AREA (its id or name), as area set --wards does.\n"
	 "A ward in another area must be taken out of it first.\n",
	 "  --wards CODES   ward codes, comma-separated (required)\n",
	 db_settings, wards_options, NULL, 1, 1, area_change_cmd},
	{"area cover", "mark an area covered or not covered yet",
	 "Usage: alongside area cover AREA --covered yes|no\n\n"
	 "Says whether AREA (its id or name) has a coordinator in post.\n",
	 "  --covered yes|no   (required)\n",
	 db_settings, cover_options, NULL, 1, 1, area_change_cmd},
	{"area retire", "retire an area",
	 "Usage: alongside area retire AREA\n\n"
	 "Retires AREA (its id or name): it leaves the public pages and lets its\n"
	 "wards go; the people and introductions in it keep it.\n",
	 NULL, db_settings, NULL, NULL, 1, 1, area_retire_cmd},
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
	 "       --starts HH:MM --ends HH:MM --frequency F --first_date YYYY-MM-DD\n\n"
	 "Adds a drop-in where people can meet AREA's coordinator, and prints\n"
	 "its id.  Times are UK local time.  The options are the API's field\n"
	 "names; --start, --end and --from, the older names, still work.\n",
	 "  --venue NAME         where it is held\n"
	 "  --address TEXT       the venue's address\n"
	 "  --weekday DAY        Monday ... Sunday\n"
	 "  --starts, --ends     e.g. 10:00 and 12:00 (aliases --start, --end)\n"
	 "  --frequency F        weekly, fortnightly or monthly\n"
	 "  --week N             monthly: the Nth weekday of the month, 1-5 or last\n"
	 "  --first_date DATE    the first date (weekly, fortnightly: on the weekday;\n"
	 "                       alias --from)\n"
	 "  --notes TEXT         anything a visitor should know\n",
	 db_settings, dropin_options, NULL, 1, 1, area_add_drop_in},
	{"area drop-ins", "list an area's drop-ins",
	 "Usage: alongside area drop-ins AREA [options]\n\n"
	 "Lists AREA's drop-ins (by id or name): each one's id, when it is,\n"
	 "and its next four dates, a cancelled one with its reason.\n",
	 NULL, db_settings, NULL, NULL, 1, 1, area_drop_ins},
	{"area drop-in-edit", "change a drop-in",
	 "Usage: alongside area drop-in-edit DROP-IN [options]\n\n"
	 "Changes the drop-in with id DROP-IN: what is given replaces what is\n"
	 "stored, the rest stays (--notes \"\" removes the notes).  The options\n"
	 "are add-drop-in's, aliases too.  Its last date is drop-in-end's.\n",
	 "  --venue, --address, --weekday, --starts, --ends, --frequency, --week,\n"
	 "  --first_date, --notes   as for add-drop-in\n",
	 db_settings, dropin_options, NULL, 1, 1, area_drop_in_edit},
	{"area drop-in-end", "end a drop-in from a date",
	 "Usage: alongside area drop-in-end DROP-IN --last_date YYYY-MM-DD\n\n"
	 "Ends the drop-in with id DROP-IN: none after its last date, which is\n"
	 "on or after its first.  The public pages show it until then.\n",
	 "  --last_date DATE     its last date\n",
	 db_settings, end_options, NULL, 1, 1, area_drop_in_end},
	{"area drop-in-cancel", "cancel one date of a drop-in",
	 "Usage: alongside area drop-in-cancel DROP-IN --on_date YYYY-MM-DD\n"
	 "       --reason TEXT\n\n"
	 "Cancels one date of the drop-in with id DROP-IN (one of its dates,\n"
	 "not past), with the reason the public sees, and prints the\n"
	 "cancellation's id.  Pages, the API and calendars show it at once.\n",
	 "  --on_date DATE       the date it is not happening\n"
	 "  --reason TEXT        why, in a few words: \"the hall is closed\"\n",
	 db_settings, cancel_options, NULL, 1, 1, area_drop_in_cancel},
	{"area drop-in-uncancel", "withdraw a date's cancellation",
	 "Usage: alongside area drop-in-uncancel DROP-IN --on_date YYYY-MM-DD\n\n"
	 "The date happens after all: withdraws its cancellation (kept, marked\n"
	 "withdrawn, in the drop-in's history).\n",
	 "  --on_date DATE       the cancelled date\n",
	 db_settings, uncancel_options, NULL, 1, 1, area_drop_in_uncancel},
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
		fprintf(out, "  %-18s %s\n", area_commands[i].name + 5,
			area_commands[i].summary);
	if (out == stdout)
		return EXIT_SUCCESS;
	fprintf(stderr, "alongside %s: unknown command \"%s\"\n", cmd->name, sub);
	return CLI_EXIT_USAGE;
}
