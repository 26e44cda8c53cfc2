#include "app.h"
#include "cli/cli.h"
#include "core/arena.h"
#include "core/err.h"
#include "core/mail.h"
#include "core/workdays.h"
#include "db/db.h"
#include "db/migrate.h"
#include "domain/instance.h"
#include "geo/live.h"
#include "http/assets.h"
#include "http/server.h"

#include <stdio.h>
#include <stdlib.h>

int cli_serve(const struct cli_command *cmd, int argc, char **argv)
{
	struct cli_args args;
	int rc = cli_parse(cmd, argc, argv, &args);
	if (rc)
		return rc == CLI_HELP_SHOWN ? EXIT_SUCCESS : rc;
	const struct config *cfg = &args.config;

	struct err e;
	struct assets *assets = NULL;
	struct db *db = NULL;
	if (assets_load(cfg->assets_dir, &assets, &e) < 0)
		return cli_runtime_error(cmd, e.msg);
	/* One connection per worker thread: a request never waits for
	 * another's connection. */
	if (db_open(cfg->db_url, config_worker_threads(cfg), &db, &e) < 0) {
		assets_free(assets);
		return cli_runtime_error(cmd, e.msg);
	}
	/* Without a database (not migrated, or not reachable yet) the server
	 * still starts with an empty map, and /readyz says why it is not
	 * ready. */
	e.msg[0] = '\0';
	struct geo_live *geo = geo_live_new(db, &e);
	if (e.msg[0])
		fprintf(stderr, "alongside serve: no geography loaded yet: %s\n", e.msg);
	struct holidays *holidays = holidays_new();
	if (!holidays || (cfg->bank_holidays[0] &&
			  holidays_add_file(holidays, cfg->bank_holidays, &e) < 0)) {
		if (!holidays)
			err_set(&e, "out of memory");
		holidays_free(holidays);
		geo_live_free(geo);
		db_close(db);
		assets_free(assets);
		return cli_runtime_error(cmd, e.msg);
	}
	struct mail_settings mail = {cfg->smtp_url, cfg->mail_from, cfg->smtp_tls, 10};
	if (mail_init(&e) < 0) {
		holidays_free(holidays);
		geo_live_free(geo);
		db_close(db);
		assets_free(assets);
		return cli_runtime_error(cmd, e.msg);
	}
	struct app app = {
		.config = cfg,
		.db = db,
		.assets = assets,
		.geo = geo,
		.holidays = holidays,
		.mail = &mail,
		.schema_version =
			schema_migrations[schema_migration_count - 1].version,
	};
	rc = server_run(&app, &e);
	mail_cleanup();
	holidays_free(holidays);
	geo_live_free(geo);
	db_close(db);
	assets_free(assets);
	return rc < 0 ? cli_runtime_error(cmd, e.msg) : EXIT_SUCCESS;
}

int cli_migrate(const struct cli_command *cmd, int argc, char **argv)
{
	struct cli_args args;
	int rc = cli_parse(cmd, argc, argv, &args);
	if (rc)
		return rc == CLI_HELP_SHOWN ? EXIT_SUCCESS : rc;

	struct err e;
	struct db *db;
	if (db_open(args.config.db_url, 1, &db, &e) < 0)
		return cli_runtime_error(cmd, e.msg);
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
	return rc < 0 ? cli_runtime_error(cmd, e.msg) : EXIT_SUCCESS;
}
