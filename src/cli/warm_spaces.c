/* alongside directory warm-spaces: the York warm spaces (Open Innovations)
 * into the community directory (domain/community/warm_spaces.h). */
#include "cli/cli.h"
#include "core/arena.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/areas/lookup.h"
#include "domain/community/warm_spaces.h"
#include "domain/staff/caller.h"
#include "geo/map.h"

#include <stdio.h>
#include <stdlib.h>

int cli_directory_warm_spaces(const struct cli_command *cmd, int argc, char **argv)
{
	struct cli_args args;
	int rc = cli_parse(cmd, argc, argv, &args);
	if (rc)
		return rc == CLI_HELP_SHOWN ? EXIT_SUCCESS : rc;
	if (!args.options[0])
		return cli_usage_error(cmd, "--earlier FILE (the 2023 snapshot) is required");
	struct arena *a = arena_new();
	struct err e = {0};
	struct warm_spaces w;
	if (warm_spaces_read(a, args.args[0], args.options[0], &w, &e) < 0) {
		fprintf(stderr, "alongside %s: %s\n", cmd->name, e.msg);
		arena_free(a);
		return CLI_EXIT_USAGE;
	}
	struct db *db = NULL;
	struct geo_map *map = NULL;
	if (db_open(args.config.db_url, 2, &db, &e) < 0 || geo_map_load(db, &map, &e) < 0) {
		geo_map_free(map);
		db_close(db);
		arena_free(a);
		return cli_runtime_error(cmd, e.msg);
	}
	struct lookup_context lookup = {db, map, args.config.near_metres, NULL};
	struct caller cli = caller_cli();
	struct warm_spaces_result r;
	rc = warm_spaces_import(db, &cli, &lookup, &w, a, &r, &e);
	int code = EXIT_SUCCESS;
	if (rc < 0)
		code = cli_runtime_error(cmd, e.msg);
	else
		printf("%zu venues (%zu features, duplicates merged): %zu added, %zu updated, "
		       "%zu unchanged, %zu changed here since and kept.\n",
		       w.count, w.read, r.created, r.updated, r.unchanged, r.kept_staff);
	geo_map_free(map);
	db_close(db);
	arena_free(a);
	return code;
}
