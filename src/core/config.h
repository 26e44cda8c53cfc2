#ifndef ALONGSIDE_CORE_CONFIG_H
#define ALONGSIDE_CORE_CONFIG_H

#include "core/netaddr.h"

#include <stddef.h>

struct err;

/*
 * Settings for `alongside serve` and the commands that open the database.
 * Each setting has one key, used in three places:
 *
 *   flag          --body-limit 2M
 *   environment   ALONGSIDE_BODY_LIMIT=2M
 *   config file   body-limit = 2M
 *
 * and the first of those that is present wins (flags, then environment,
 * then the file, then the default).  The config file is named by --config or
 * ALONGSIDE_CONFIG.  Every value is validated when set: a bad value is a
 * usage error naming the key and where it came from.  Tiles need their
 * attribution: map-tiles without map-attribution is refused once all are
 * read, since every tile service's licence asks for one.
 */

/* The public URL when the council has set none: an address of this
 * machine only, never to be told to the public as the service's. */
#define CONFIG_DEFAULT_PUBLIC_URL "http://127.0.0.1:8080"

struct config {
	char listen_host[256];
	unsigned short listen_port;
	char db_url[1024];
	char migrate_db_url[1024];  /* the schema owner's, for `alongside
				     * migrate`; "": db_url */
	size_t body_limit;    /* bytes accepted in one request body */
	char assets_dir[1024];
	unsigned threads;     /* 0: one per online core */
	double near_metres;   /* how far outside a covered area is "near" */
	char map_tiles[512];  /* https://.../{z}/{x}/{y}.png, or "" for none */
	long session_idle;      /* seconds a session may sit unused */
	long session_lifetime;  /* seconds a session lasts, however used */
	int due_working_days;  /* an introduction is answered within these */
	int quiet_after_days;  /* days without a conversation before someone
				* is shown as not talked with for a while */
	char bank_holidays[1024];  /* a GOV.UK bank-holidays.json, or "" */
	int public_limit;     /* public submissions per client address an hour */
	char smtp_url[512];   /* smtp://host:port, smtps://...; "" sends no email */
	char smtp_tls[16];    /* none | starttls */
	char mail_from[256];  /* the sender of notifications */
	char public_url[512]; /* how staff reach this service, for links in email;
			       * CONFIG_DEFAULT_PUBLIC_URL when not set */
	int mail_interval;    /* seconds between the mailer's rounds */
	int tls;              /* served over HTTPS (by a proxy in front): Secure
			       * __Host- cookies and HSTS */
	/* Proxies whose forwarding headers name the client (http/client.h);
	 * empty: the client is always the socket's peer. */
	struct netaddr_list trusted_proxies;
	int max_connections;  /* open connections at once, all clients */
	int max_connections_per_address; /* open connections from one client */
	int header_timeout;   /* seconds for a request line and headers */
	int sqlite_sync_normal; /* SQLite syncs at checkpoints, not at every
				 * commit (db.h: DB_SYNC_NORMAL) */
	int directory_review_months; /* a listing of the community directory
				      * not checked for this long comes up
				      * for review */
	int oruk_cache_mb;    /* memory for the ORUK documents kept ready
			       * (domain/community/oruk_cache.h): some 25,000
			       * listings in the default 64 */
	char default_texts[1024]; /* the privacy notice, accessibility
				   * statement and cookies page shipped with
				   * Alongside (web/texts.h) */
	char texts_dir[1024];     /* the council's own versions, each
				   * replacing the default of its name; "":
				   * the defaults alone */
	char map_attribution[256]; /* what the tile service asks be shown
				    * with its tiles: plain text, no HTML */
};

struct config_pair {
	const char *key;
	const char *value;
};

void config_defaults(struct config *c);

/* The thread count to use: the setting, or one per online core for 0. */
unsigned config_worker_threads(const struct config *c);

/* Sets one key from a string; -1 with a message for an unknown key or a bad
 * value.  `origin` ("flag", "environment", "path:line") goes into it. */
int config_set(struct config *c, const char *key, const char *value,
	       const char *origin, struct err *e);

/* Builds the settings from defaults, the config file, the environment
 * (envp is NULL-terminated "NAME=value" strings, as in environ) and the
 * flags given, in rising order of precedence. */
int config_resolve(struct config *c, const struct config_pair *flags,
		   size_t flag_count, char *const *envp, struct err *e);

#endif
