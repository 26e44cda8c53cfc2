#include "core/config.h"

#include "core/err.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_BODY_LIMIT ((size_t)1 << 30)
#define MAX_THREADS 1024

struct key_info {
	const char *key;
	const char *env;
};

/* "config" is listed so that the file can be named from the environment; a
 * config file cannot name another config file. */
static const struct key_info keys[] = {
	{"listen", "ALONGSIDE_LISTEN"},
	{"db", "ALONGSIDE_DB"},
	{"migrate-db", "ALONGSIDE_MIGRATE_DB"},
	{"body-limit", "ALONGSIDE_BODY_LIMIT"},
	{"assets", "ALONGSIDE_ASSETS"},
	{"threads", "ALONGSIDE_THREADS"},
	{"near-distance", "ALONGSIDE_NEAR_DISTANCE"},
	{"map-tiles", "ALONGSIDE_MAP_TILES"},
	{"session-idle", "ALONGSIDE_SESSION_IDLE"},
	{"session-lifetime", "ALONGSIDE_SESSION_LIFETIME"},
	{"tls", "ALONGSIDE_TLS"},
	{"due-working-days", "ALONGSIDE_DUE_WORKING_DAYS"},
	{"quiet-after", "ALONGSIDE_QUIET_AFTER"},
	{"bank-holidays", "ALONGSIDE_BANK_HOLIDAYS"},
	{"public-limit", "ALONGSIDE_PUBLIC_LIMIT"},
	{"smtp-url", "ALONGSIDE_SMTP_URL"},
	{"smtp-tls", "ALONGSIDE_SMTP_TLS"},
	{"mail-from", "ALONGSIDE_MAIL_FROM"},
	{"public-url", "ALONGSIDE_PUBLIC_URL"},
	{"mail-interval", "ALONGSIDE_MAIL_INTERVAL"},
	{"trusted-proxies", "ALONGSIDE_TRUSTED_PROXIES"},
	{"max-connections", "ALONGSIDE_MAX_CONNECTIONS"},
	{"max-connections-per-address", "ALONGSIDE_MAX_CONNECTIONS_PER_ADDRESS"},
	{"header-timeout", "ALONGSIDE_HEADER_TIMEOUT"},
	{"sqlite-synchronous", "ALONGSIDE_SQLITE_SYNCHRONOUS"},
	{"directory-review-months", "ALONGSIDE_DIRECTORY_REVIEW_MONTHS"},
	{"oruk-cache-mb", "ALONGSIDE_ORUK_CACHE_MB"},
	{"default-texts", "ALONGSIDE_DEFAULT_TEXTS"},
	{"texts-dir", "ALONGSIDE_TEXTS_DIR"},
	{"map-attribution", "ALONGSIDE_MAP_ATTRIBUTION"},
	{"config", "ALONGSIDE_CONFIG"},
};

void config_defaults(struct config *c)
{
	memset(c, 0, sizeof *c);
	snprintf(c->listen_host, sizeof c->listen_host, "127.0.0.1");
	c->listen_port = 8080;
	snprintf(c->db_url, sizeof c->db_url, "sqlite:alongside.db");
	c->body_limit = 1024 * 1024;
	snprintf(c->assets_dir, sizeof c->assets_dir, "web/dist");
	snprintf(c->default_texts, sizeof c->default_texts, "texts");
	c->threads = 0;
	c->near_metres = 400;
	c->session_idle = 30 * 60;
	c->session_lifetime = 12 * 60 * 60;
	c->due_working_days = 3;
	c->quiet_after_days = 42;
	c->directory_review_months = 6;
	c->oruk_cache_mb = 64;
	c->public_limit = 5;
	c->mail_interval = 30;
	c->max_connections = 2000;
	c->max_connections_per_address = 100;
	c->header_timeout = 10;
	snprintf(c->smtp_tls, sizeof c->smtp_tls, "none");
	snprintf(c->mail_from, sizeof c->mail_from, "alongside@localhost");
	snprintf(c->public_url, sizeof c->public_url, "%s", CONFIG_DEFAULT_PUBLIC_URL);
}

static int copy_text(char *dst, size_t size, const char *value,
		     const char *key, const char *origin, struct err *e)
{
	size_t len = strlen(value);
	if (len == 0)
		return err_set(e, "%s (%s): must not be empty", key, origin);
	if (len >= size)
		return err_set(e, "%s (%s): longer than %zu characters", key,
			       origin, size - 1);
	memcpy(dst, value, len + 1);
	return 0;
}

/* Accepts HOST:PORT, [IPv6]:PORT and :PORT (all interfaces is never the
 * default; an empty host means 127.0.0.1). */
static int set_listen(struct config *c, const char *value, const char *origin,
		      struct err *e)
{
	const char *colon = strrchr(value, ':');
	if (!colon)
		return err_set(e, "listen (%s): expected HOST:PORT, got \"%s\"",
			       origin, value);
	const char *host = value;
	size_t host_len = (size_t)(colon - value);
	if (host_len >= 2 && host[0] == '[' && host[host_len - 1] == ']') {
		host++;
		host_len -= 2;
	}
	if (host_len >= sizeof c->listen_host)
		return err_set(e, "listen (%s): host name too long", origin);
	char *end;
	errno = 0;
	long port = strtol(colon + 1, &end, 10);
	if (colon[1] == '\0' || *end != '\0' || errno || port < 0 || port > 65535)
		return err_set(e, "listen (%s): port must be 0-65535, got \"%s\"",
			       origin, colon + 1);
	if (host_len == 0)
		snprintf(c->listen_host, sizeof c->listen_host, "127.0.0.1");
	else
		snprintf(c->listen_host, sizeof c->listen_host, "%.*s",
			 (int)host_len, host);
	c->listen_port = (unsigned short)port;
	return 0;
}

/* A database URL into dst, for the setting key. */
static int set_db(char *dst, size_t size, const char *key, const char *value,
		  const char *origin, struct err *e)
{
	if (strncmp(value, "sqlite:", 7) != 0 &&
	    strncmp(value, "postgres://", 11) != 0 &&
	    strncmp(value, "postgresql://", 13) != 0)
		return err_set(e,
			       "%s (%s): expected sqlite:PATH or postgres://..., "
			       "got \"%.40s\"",
			       key, origin, value);
	if (strncmp(value, "sqlite:", 7) == 0 && value[7] == '\0')
		return err_set(e, "%s (%s): sqlite: needs a file path", key, origin);
	return copy_text(dst, size, value, key, origin, e);
}

/* A byte count with an optional K, M or G suffix (powers of 1024). */
static int set_body_limit(struct config *c, const char *value,
			  const char *origin, struct err *e)
{
	char *end;
	errno = 0;
	if (!isdigit((unsigned char)value[0]))
		goto bad;
	unsigned long long n = strtoull(value, &end, 10);
	if (errno)
		goto bad;
	unsigned long long mult = 1;
	if (*end == 'K' || *end == 'k')
		mult = 1024, end++;
	else if (*end == 'M' || *end == 'm')
		mult = 1024 * 1024, end++;
	else if (*end == 'G' || *end == 'g')
		mult = 1024 * 1024 * 1024, end++;
	if (*end != '\0' || n == 0 || n > MAX_BODY_LIMIT / mult)
		goto bad;
	c->body_limit = (size_t)(n * mult);
	return 0;
bad:
	return err_set(e,
		       "body-limit (%s): expected a size from 1 to 1G "
		       "such as 1M or 65536, got \"%s\"",
		       origin, value);
}

static int set_threads(struct config *c, const char *value, const char *origin,
		       struct err *e)
{
	char *end;
	errno = 0;
	long n = strtol(value, &end, 10);
	if (!isdigit((unsigned char)value[0]) || *end != '\0' || errno ||
	    n > MAX_THREADS)
		return err_set(e,
			       "threads (%s): expected 0 (one per core) to %d, "
			       "got \"%s\"",
			       origin, MAX_THREADS, value);
	c->threads = (unsigned)n;
	return 0;
}

unsigned config_worker_threads(const struct config *c)
{
	if (c->threads)
		return c->threads;
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	return cores > 0 ? (unsigned)cores : 1;
}

/* Whole metres, up to 5 km: past that, "near" would mean another town. */
static int set_near(struct config *c, const char *value, const char *origin,
		    struct err *e)
{
	char *end;
	errno = 0;
	long n = strtol(value, &end, 10);
	if (!isdigit((unsigned char)value[0]) || *end != '\0' || errno ||
	    n > 5000)
		return err_set(e,
			       "near-distance (%s): expected metres from 0 to "
			       "5000, got \"%s\"",
			       origin, value);
	c->near_metres = (double)n;
	return 0;
}

/* A tile URL template: HTTPS (pages are served over TLS in production,
 * and mixed content is blocked) with the three placeholders Leaflet fills. */
static int set_tiles(struct config *c, const char *value, const char *origin,
		     struct err *e)
{
	if (*value && (strncmp(value, "https://", 8) != 0 || !strstr(value, "{z}") ||
		       !strstr(value, "{x}") || !strstr(value, "{y}") ||
		       strpbrk(value, " \"'<>;")))
		return err_set(e,
			       "map-tiles (%s): expected an https:// URL with "
			       "{z}, {x} and {y}, or nothing",
			       origin);
	if (strlen(value) >= sizeof c->map_tiles)
		return err_set(e, "map-tiles (%s): too long", origin);
	snprintf(c->map_tiles, sizeof c->map_tiles, "%s", value);
	return 0;
}

/* A duration: a whole number with s, m, h or d ("30m", "12h"), from a
 * second to 30 days. */
static int set_duration(long *out, const char *key, const char *value,
			const char *origin, struct err *e)
{
	char *end;
	errno = 0;
	long n = strtol(value, &end, 10);
	long unit = 0;
	if (end[0] && !end[1])
		unit = end[0] == 's' ? 1 : end[0] == 'm' ? 60 : end[0] == 'h' ? 3600
		     : end[0] == 'd' ? 86400 : 0;
	if (!isdigit((unsigned char)value[0]) || errno || unit == 0 || n < 1 ||
	    n > 30L * 86400 / unit)
		return err_set(e,
			       "%s (%s): expected a duration like 30m, 12h or 90s "
			       "(at most 30d), got \"%.40s\"",
			       key, origin, value);
	*out = n * unit;
	return 0;
}

static int set_count(int *out, const char *key, const char *value, long min, long max,
		     const char *origin, struct err *e)
{
	char *end;
	errno = 0;
	long n = strtol(value, &end, 10);
	if (!isdigit((unsigned char)value[0]) || *end || errno || n < min || n > max)
		return err_set(e, "%s (%s): expected a whole number from %ld to %ld, got \"%.40s\"",
			       key, origin, min, max, value);
	*out = (int)n;
	return 0;
}

static int set_switch(int *out, const char *key, const char *value,
		      const char *origin, struct err *e)
{
	if (strcmp(value, "yes") == 0 || strcmp(value, "true") == 0 || strcmp(value, "1") == 0)
		*out = 1;
	else if (strcmp(value, "no") == 0 || strcmp(value, "false") == 0 ||
		 strcmp(value, "0") == 0)
		*out = 0;
	else
		return err_set(e, "%s (%s): expected yes or no, got \"%.40s\"", key,
			       origin, value);
	return 0;
}

/* Addresses and CIDR ranges; an empty value trusts no one. */
static int set_trusted_proxies(struct config *c, const char *value,
			       const char *origin, struct err *e)
{
	struct netaddr_list list;
	struct err why;
	if (netaddr_list_parse(value, &list, &why) < 0)
		return err_set(e, "trusted-proxies (%s): %s; expected addresses and "
				  "CIDR ranges such as 127.0.0.1, 10.0.0.0/8, ::1",
			       origin, why.msg);
	c->trusted_proxies = list;
	return 0;
}

/* The words a tile service asks be shown with its tiles ("Contains OS
 * data © Crown copyright and database rights 2026"): plain text, since a
 * page escapes it, so HTML is refused rather than shown as markup. */
static int set_attribution(struct config *c, const char *value, const char *origin,
			   struct err *e)
{
	for (const char *p = value; *p; p++)
		if (*p == '<' || *p == '>' || (unsigned char)*p < 0x20 || *p == 0x7f)
			return err_set(e, "map-attribution (%s): expected plain text "
					  "(no HTML, no control characters)",
				       origin);
	if (strlen(value) >= sizeof c->map_attribution)
		return err_set(e, "map-attribution (%s): longer than %zu characters", origin,
			       sizeof c->map_attribution - 1);
	snprintf(c->map_attribution, sizeof c->map_attribution, "%s", value);
	return 0;
}

int config_set(struct config *c, const char *key, const char *value,
	       const char *origin, struct err *e)
{
	if (strcmp(key, "listen") == 0)
		return set_listen(c, value, origin, e);
	if (strcmp(key, "db") == 0)
		return set_db(c->db_url, sizeof c->db_url, key, value, origin, e);
	if (strcmp(key, "migrate-db") == 0)
		return set_db(c->migrate_db_url, sizeof c->migrate_db_url, key, value, origin,
			      e);
	if (strcmp(key, "body-limit") == 0)
		return set_body_limit(c, value, origin, e);
	if (strcmp(key, "assets") == 0)
		return copy_text(c->assets_dir, sizeof c->assets_dir, value,
				 "assets", origin, e);
	if (strcmp(key, "threads") == 0)
		return set_threads(c, value, origin, e);
	if (strcmp(key, "near-distance") == 0)
		return set_near(c, value, origin, e);
	if (strcmp(key, "map-tiles") == 0)
		return set_tiles(c, value, origin, e);
	if (strcmp(key, "session-idle") == 0)
		return set_duration(&c->session_idle, key, value, origin, e);
	if (strcmp(key, "session-lifetime") == 0)
		return set_duration(&c->session_lifetime, key, value, origin, e);
	if (strcmp(key, "tls") == 0)
		return set_switch(&c->tls, key, value, origin, e);
	if (strcmp(key, "due-working-days") == 0)
		return set_count(&c->due_working_days, key, value, 1, 20, origin, e);
	if (strcmp(key, "quiet-after") == 0)
		return set_count(&c->quiet_after_days, key, value, 1, 365, origin, e);
	if (strcmp(key, "directory-review-months") == 0)
		return set_count(&c->directory_review_months, key, value, 1, 60, origin, e);
	if (strcmp(key, "oruk-cache-mb") == 0)
		return set_count(&c->oruk_cache_mb, key, value, 1, 4096, origin, e);
	if (strcmp(key, "mail-interval") == 0)
		return set_count(&c->mail_interval, key, value, 1, 3600, origin, e);
	if (strcmp(key, "public-limit") == 0)
		return set_count(&c->public_limit, key, value, 1, 1000, origin, e);
	if (strcmp(key, "max-connections") == 0)
		return set_count(&c->max_connections, key, value, 1, 100000, origin, e);
	if (strcmp(key, "max-connections-per-address") == 0)
		return set_count(&c->max_connections_per_address, key, value, 1, 100000,
				 origin, e);
	if (strcmp(key, "header-timeout") == 0)
		return set_count(&c->header_timeout, key, value, 1, 300, origin, e);
	if (strcmp(key, "smtp-url") == 0) {
		if (*value && strncmp(value, "smtp://", 7) != 0 && strncmp(value, "smtps://", 8) != 0)
			return err_set(e, "smtp-url (%s): expected smtp://HOST:PORT or smtps://HOST:PORT",
				       origin);
		return copy_text(c->smtp_url, sizeof c->smtp_url, value, key, origin, e);
	}
	if (strcmp(key, "sqlite-synchronous") == 0) {
		if (strcmp(value, "full") != 0 && strcmp(value, "normal") != 0)
			return err_set(e, "sqlite-synchronous (%s): expected full or normal", origin);
		c->sqlite_sync_normal = strcmp(value, "normal") == 0;
		return 0;
	}
	if (strcmp(key, "smtp-tls") == 0) {
		if (strcmp(value, "none") != 0 && strcmp(value, "starttls") != 0)
			return err_set(e, "smtp-tls (%s): expected none or starttls", origin);
		return copy_text(c->smtp_tls, sizeof c->smtp_tls, value, key, origin, e);
	}
	if (strcmp(key, "mail-from") == 0) {
		if (!strchr(value, '@') || strpbrk(value, " <>\r\n\"'"))
			return err_set(e, "mail-from (%s): expected an address like "
					  "alongside@council.example",
				       origin);
		return copy_text(c->mail_from, sizeof c->mail_from, value, key, origin, e);
	}
	if (strcmp(key, "public-url") == 0) {
		size_t n = strlen(value);
		if ((strncmp(value, "https://", 8) != 0 && strncmp(value, "http://", 7) != 0) ||
		    strpbrk(value, " <>\"'\r\n") || (n && value[n - 1] == '/'))
			return err_set(e, "public-url (%s): expected https://HOST (no trailing /)",
				       origin);
		return copy_text(c->public_url, sizeof c->public_url, value, key, origin, e);
	}
	if (strcmp(key, "bank-holidays") == 0)
		return copy_text(c->bank_holidays, sizeof c->bank_holidays, value,
				 "bank-holidays", origin, e);
	if (strcmp(key, "trusted-proxies") == 0)
		return set_trusted_proxies(c, value, origin, e);
	if (strcmp(key, "default-texts") == 0)
		return copy_text(c->default_texts, sizeof c->default_texts, value, key, origin,
				 e);
	if (strcmp(key, "texts-dir") == 0) {
		if (!*value) {
			c->texts_dir[0] = '\0';
			return 0;
		}
		return copy_text(c->texts_dir, sizeof c->texts_dir, value, key, origin, e);
	}
	if (strcmp(key, "map-attribution") == 0)
		return set_attribution(c, value, origin, e);
	return err_set(e, "unknown setting \"%.64s\" (%s)", key, origin);
}

static char *trim(char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	char *end = s + strlen(s);
	while (end > s && isspace((unsigned char)end[-1]))
		*--end = '\0';
	return s;
}

static int load_file(struct config *c, const char *path, struct err *e)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return err_set(e, "config file %s: %s", path, strerror(errno));
	char line[2048];
	int lineno = 0;
	int rc = 0;
	while (rc == 0 && fgets(line, sizeof line, f)) {
		lineno++;
		char origin[1100];
		snprintf(origin, sizeof origin, "%s:%d", path, lineno);
		if (!strchr(line, '\n') && !feof(f)) {
			rc = err_set(e, "%s: line too long", origin);
			break;
		}
		char *text = trim(line);
		if (*text == '\0' || *text == '#')
			continue;
		char *eq = strchr(text, '=');
		if (!eq) {
			rc = err_set(e, "%s: expected key = value", origin);
			break;
		}
		*eq = '\0';
		char *key = trim(text);
		if (strcmp(key, "config") == 0) {
			rc = err_set(e, "%s: a config file cannot name another",
				     origin);
			break;
		}
		rc = config_set(c, key, trim(eq + 1), origin, e);
	}
	if (rc == 0 && ferror(f))
		rc = err_set(e, "config file %s: read error", path);
	fclose(f);
	return rc;
}

static const char *env_lookup(char *const *envp, const char *name)
{
	size_t n = strlen(name);
	for (char *const *p = envp; p && *p; p++)
		if (strncmp(*p, name, n) == 0 && (*p)[n] == '=')
			return *p + n + 1;
	return NULL;
}

static const char *flag_lookup(const struct config_pair *flags, size_t count,
			       const char *key)
{
	const char *found = NULL;
	for (size_t i = 0; i < count; i++)
		if (strcmp(flags[i].key, key) == 0)
			found = flags[i].value; /* the last one given wins */
	return found;
}

int config_resolve(struct config *c, const struct config_pair *flags,
		   size_t flag_count, char *const *envp, struct err *e)
{
	config_defaults(c);
	const char *file = flag_lookup(flags, flag_count, "config");
	if (!file)
		file = env_lookup(envp, "ALONGSIDE_CONFIG");
	if (file && load_file(c, file, e) < 0)
		return -1;
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		if (strcmp(keys[i].key, "config") == 0)
			continue;
		const char *v = env_lookup(envp, keys[i].env);
		if (v && config_set(c, keys[i].key, v, keys[i].env, e) < 0)
			return -1;
	}
	for (size_t i = 0; i < flag_count; i++) {
		if (strcmp(flags[i].key, "config") == 0)
			continue;
		if (config_set(c, flags[i].key, flags[i].value, "flag", e) < 0)
			return -1;
	}
	if (c->map_tiles[0] && !c->map_attribution[0])
		return err_set(e, "map-tiles needs map-attribution: the words the tile "
				  "service asks to be shown with its tiles");
	return 0;
}
