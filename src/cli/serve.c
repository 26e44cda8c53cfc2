#include "cli/cli.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/log.h"
#include "core/mail.h"
#include "core/workdays.h"
#include "db/db.h"
#include "db/instance.h"
#include "db/migrate.h"
#include "domain/community/nearby.h"
#include "domain/community/oruk_cache.h"
#include "domain/introductions/outbox.h"
#include "domain/staff/caller.h"
#include "geo/live.h"
#include "http/app.h"
#include "http/assets.h"
#include "server/server.h"
#include "web/pages.h"
#include "web/texts.h"

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

/* The mailer: a thread that sends queued email every interval, and once
 * more when asked to stop, so nothing queued just before a shutdown waits
 * for the next start. */
struct mailer {
	struct db *db;
	const struct mail_settings *mail;
	long interval;
	pthread_mutex_t lock;
	pthread_cond_t wake;
	bool stopping;
	pthread_t thread;
};

static void mailer_round(struct mailer *m)
{
	size_t sent, failed;
	struct err e;
	struct caller mailer = caller_job("mailer");
	if (outbox_send_due(m->db, &mailer, m->mail, m->interval, &sent, &failed, &e) < 0)
		log_error("mailer: cannot read the outbox: %s", e.msg);
}

static void *mailer_loop(void *arg)
{
	struct mailer *m = arg;
	pthread_mutex_lock(&m->lock);
	while (!m->stopping) {
		pthread_mutex_unlock(&m->lock);
		mailer_round(m);
		pthread_mutex_lock(&m->lock);
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += m->interval;
		while (!m->stopping &&
		       pthread_cond_timedwait(&m->wake, &m->lock, &until) != ETIMEDOUT)
			;
	}
	pthread_mutex_unlock(&m->lock);
	mailer_round(m);
	return NULL;
}

static void mailer_stop(struct mailer *m)
{
	pthread_mutex_lock(&m->lock);
	m->stopping = true;
	pthread_cond_signal(&m->wake);
	pthread_mutex_unlock(&m->lock);
	pthread_join(m->thread, NULL);
}

/* The warmer: a thread that keeps the ORUK documents of every live
 * listing ready (domain/community/oruk_cache.h), at start and within
 * WARM_INTERVAL seconds of any change to the directory, from whichever
 * process made it.  Between changes a round only reads the directory's
 * change counter. */
enum { WARM_INTERVAL = 2 };

struct warmer {
	struct db *db;
	struct nearby *directory;
	struct oruk_cache *oruk;
	int review_months;
	pthread_mutex_t lock;
	pthread_cond_t wake;
	bool stopping;
	pthread_t thread;
};

static void warmer_round(struct warmer *w)
{
	size_t warmed;
	struct err e;
	struct caller warmer = caller_job("oruk-warmer");
	int64_t started = clock_monotonic_us();
	if (oruk_cache_warm(w->oruk, w->directory, w->db, &warmer, w->review_months, &warmed,
			    &e) < 0)
		log_error("oruk-warmer: cannot read the directory: %s", e.msg);
	else if (warmed)
		log_info("oruk-warmer: %zu listings ready in %lld ms", warmed,
			 (long long)((clock_monotonic_us() - started) / 1000));
}

static void *warmer_loop(void *arg)
{
	struct warmer *w = arg;
	pthread_mutex_lock(&w->lock);
	while (!w->stopping) {
		pthread_mutex_unlock(&w->lock);
		warmer_round(w);
		pthread_mutex_lock(&w->lock);
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += WARM_INTERVAL;
		while (!w->stopping &&
		       pthread_cond_timedwait(&w->wake, &w->lock, &until) != ETIMEDOUT)
			;
	}
	pthread_mutex_unlock(&w->lock);
	return NULL;
}

static void warmer_stop(struct warmer *w)
{
	pthread_mutex_lock(&w->lock);
	w->stopping = true;
	pthread_cond_signal(&w->wake);
	pthread_mutex_unlock(&w->lock);
	pthread_join(w->thread, NULL);
}

/* Open files the server needs besides its connections: per worker an
 * epoll and a wake-up descriptor, per database connection up to three
 * (SQLite's file, journal and shared memory), the listening socket, the
 * standard streams, the mailer's and the warmer's. */
static rlim_t files_besides_connections(const struct config *cfg)
{
	return 64 + 8 * ((rlim_t)config_worker_threads(cfg) + 2);
}

/* Raises the open-files limit (the soft one, up to the hard one) to what
 * max-connections needs.  When the hard limit is lower, max-connections
 * is lowered to fit, so that a full server still has descriptors for its
 * database, and the log says so. */
static void fit_open_files(struct config *cfg)
{
	struct rlimit lim;
	if (getrlimit(RLIMIT_NOFILE, &lim) != 0)
		return;
	rlim_t besides = files_besides_connections(cfg);
	rlim_t need = (rlim_t)cfg->max_connections + besides;
	if (lim.rlim_cur != RLIM_INFINITY && lim.rlim_cur < need) {
		struct rlimit raised = lim;
		raised.rlim_cur = lim.rlim_max == RLIM_INFINITY || lim.rlim_max > need
					  ? need
					  : lim.rlim_max;
		if (setrlimit(RLIMIT_NOFILE, &raised) == 0)
			lim = raised;
	}
	if (lim.rlim_cur == RLIM_INFINITY || lim.rlim_cur >= need)
		return;
	int fit = lim.rlim_cur > besides + 1 ? (int)(lim.rlim_cur - besides) : 1;
	log_warn("the open-files limit (%llu) is too low for max-connections %d: "
		 "serving at most %d connections at once; raise it to %llu "
		 "(LimitNOFILE= under systemd, ulimit -n in a shell)",
		 (unsigned long long)lim.rlim_cur, cfg->max_connections, fit,
		 (unsigned long long)need);
	cfg->max_connections = fit;
}

int cli_serve(const struct cli_command *cmd, int argc, char **argv)
{
	struct cli_args args;
	int rc = cli_parse(cmd, argc, argv, &args);
	if (rc)
		return rc == CLI_HELP_SHOWN ? EXIT_SUCCESS : rc;
	fit_open_files(&args.config);
	const struct config *cfg = &args.config;

	struct err e;
	struct assets *assets = NULL;
	struct db *db = NULL;
	struct texts *texts = NULL;
	if (assets_load(cfg->assets_dir, &assets, &e) < 0 ||
	    assets_require(assets, cfg->assets_dir, page_assets,
			   PAGE_ASSET_COUNT, &e) < 0 ||
	    texts_load(cfg->default_texts, cfg->texts_dir, &texts, &e) < 0) {
		assets_free(assets);
		texts_free(texts);
		return cli_runtime_error(cmd, e.msg);
	}
	/* One connection per worker thread, so a request never waits for
	 * another's, one for the mailer and one for the warmer. */
	if (db_open_sync(cfg->db_url, config_worker_threads(cfg) + 2,
			 cfg->sqlite_sync_normal ? DB_SYNC_NORMAL : DB_SYNC_FULL, &db, &e) < 0) {
		assets_free(assets);
		texts_free(texts);
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
		texts_free(texts);
		return cli_runtime_error(cmd, e.msg);
	}
	struct mail_settings mail = {cfg->smtp_url, cfg->mail_from, cfg->smtp_tls, 10};
	if (mail_init(&e) < 0) {
		holidays_free(holidays);
		geo_live_free(geo);
		db_close(db);
		assets_free(assets);
		texts_free(texts);
		return cli_runtime_error(cmd, e.msg);
	}
	/* The directory's places for search near a point, built now so that
	 * the first such search does not wait for it; a database not ready
	 * yet builds it at the first search instead. */
	struct nearby *directory = nearby_new();
	struct nearby_view *view;
	if (nearby_acquire(directory, db, &view, &e) == RESULT_OK)
		nearby_release(directory, view);
	else
		fprintf(stderr, "alongside serve: the directory is not loaded yet: %s\n", e.msg);
	struct oruk_cache *oruk = oruk_cache_new((size_t)cfg->oruk_cache_mb << 20);
	struct app app = {
		.config = cfg,
		.db = db,
		.assets = assets,
		.geo = geo,
		.directory = directory,
		.oruk = oruk,
		.holidays = holidays,
		.mail = &mail,
		.texts = texts,
		.schema_version =
			schema_migrations[schema_migration_count - 1].version,
	};
	struct mailer mailer = {.db = db, .mail = &mail, .interval = cfg->mail_interval,
				.lock = PTHREAD_MUTEX_INITIALIZER, .wake = PTHREAD_COND_INITIALIZER};
	bool mailing = cfg->smtp_url[0] &&
		       pthread_create(&mailer.thread, NULL, mailer_loop, &mailer) == 0;
	if (cfg->smtp_url[0] && !mailing)
		log_error("mailer: cannot start its thread; queued email waits for a restart");
	struct warmer warmer = {.db = db, .directory = directory, .oruk = oruk,
				.review_months = cfg->directory_review_months,
				.lock = PTHREAD_MUTEX_INITIALIZER, .wake = PTHREAD_COND_INITIALIZER};
	bool warming = pthread_create(&warmer.thread, NULL, warmer_loop, &warmer) == 0;
	if (!warming)
		log_error("oruk-warmer: cannot start its thread; ORUK pages fill the cache as asked");
	rc = server_run(&app, &e);
	if (warming)
		warmer_stop(&warmer);
	if (mailing)
		mailer_stop(&mailer);
	mail_cleanup();
	holidays_free(holidays);
	oruk_cache_free(oruk);
	nearby_free(directory);
	geo_live_free(geo);
	db_close(db);
	assets_free(assets);
	texts_free(texts);
	return rc < 0 ? cli_runtime_error(cmd, e.msg) : EXIT_SUCCESS;
}

/* Whether two database URLs are of one kind, and on SQLite one file:
 * there, one file is both the database migrated and the one served. */
static const char *mismatch(const char *owner, const char *app)
{
	bool owner_lite = strncmp(owner, "sqlite:", 7) == 0;
	bool app_lite = strncmp(app, "sqlite:", 7) == 0;
	if (owner_lite != app_lite)
		return "migrate-db and db must be the same kind of database";
	if (owner_lite && strcmp(owner, app) != 0)
		return "on SQLite, migrate-db names the same file as db, or is left unset";
	return NULL;
}

/* Migrates as the schema's owner (migrate-db, or db when unset) and, when
 * serve connects as another role (db), grants that role what it needs. */
int cli_migrate(const struct cli_command *cmd, int argc, char **argv)
{
	struct cli_args args;
	int rc = cli_parse(cmd, argc, argv, &args);
	if (rc)
		return rc == CLI_HELP_SHOWN ? EXIT_SUCCESS : rc;
	const struct config *cfg = &args.config;
	const char *owner_url = cfg->migrate_db_url[0] ? cfg->migrate_db_url : cfg->db_url;
	bool two_roles = strcmp(owner_url, cfg->db_url) != 0;
	const char *problem = mismatch(owner_url, cfg->db_url);
	if (problem)
		return cli_usage_error(cmd, problem);

	struct err e;
	struct db *db, *app = NULL;
	if (db_open(owner_url, 1, &db, &e) < 0)
		return cli_runtime_error(cmd, e.msg);
	int applied;
	rc = migrate_apply(db, schema_migrations, schema_migration_count,
			   &applied, &e);
	const char *id = NULL, *granted = NULL;
	struct db_conn *c = NULL;
	struct arena *a = arena_new();
	if (rc == 0)
		rc = db_acquire(db, &c, &e);
	if (rc == 0) {
		rc = instance_ensure_id(c, a, &id, &e);
		db_release(c);
	}
	if (rc == 0 && two_roles) {
		rc = db_open(cfg->db_url, 1, &app, &e);
		if (rc == 0)
			rc = migrate_grant(db, app, a, &granted, &e);
	}
	if (rc == 0)
		printf("%s database at schema version %d (%d applied now), "
		       "instance %s%s%s\n",
		       db_kind_name(db),
		       schema_migrations[schema_migration_count - 1].version,
		       applied, id, granted ? ", served as " : "", granted ? granted : "");
	arena_free(a);
	db_close(app);
	db_close(db);
	return rc < 0 ? cli_runtime_error(cmd, e.msg) : EXIT_SUCCESS;
}
