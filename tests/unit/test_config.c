/* Settings: defaults, each value's validation, and the precedence
 * flag > environment > config file > default. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/config.h"
#include "core/err.h"
#include "core/netaddr.h"

/* Writes text to a new temporary file and returns its path (static
 * storage; one file at a time is enough here). */
static const char *temp_file(const char *text)
{
	static char path[64];
	snprintf(path, sizeof path, "/tmp/alongside-config-XXXXXX");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	FILE *f = fdopen(fd, "w");
	fputs(text, f);
	fclose(f);
	return path;
}

static void defaults(void **state)
{
	(void)state;
	struct config c;
	struct err e;
	char *env[] = {NULL};
	assert_int_equal(config_resolve(&c, NULL, 0, env, &e), 0);
	assert_string_equal(c.listen_host, "127.0.0.1");
	assert_int_equal(c.listen_port, 8080);
	assert_string_equal(c.db_url, "sqlite:alongside.db");
	assert_string_equal(c.migrate_db_url, "");  /* migrate as db */
	assert_int_equal(c.body_limit, 1024 * 1024);
	assert_string_equal(c.assets_dir, "web/dist");
	assert_int_equal(c.threads, 0);
	assert_int_equal(c.trusted_proxies.count, 0);
	assert_true(config_worker_threads(&c) >= 1);
	c.threads = 3;
	assert_int_equal(config_worker_threads(&c), 3);
}

static void precedence(void **state)
{
	(void)state;
	const char *file = temp_file("# comment\n\n"
				     "listen = 127.0.0.1:1111\n"
				     "db = sqlite:file.db\n"
				     "body-limit = 1K\n"
				     "  threads =  4  \n");
	char env_config[128];
	snprintf(env_config, sizeof env_config, "ALONGSIDE_CONFIG=%s", file);
	char *env[] = {env_config, "ALONGSIDE_DB=sqlite:env.db",
		       "ALONGSIDE_BODY_LIMIT=2K", "OTHER=1", NULL};
	struct config_pair flags[] = {{"body-limit", "3K"}};
	struct config c;
	struct err e;
	assert_int_equal(config_resolve(&c, flags, 1, env, &e), 0);
	assert_int_equal(c.listen_port, 1111);       /* file only */
	assert_int_equal(c.threads, 4);              /* file only */
	assert_string_equal(c.db_url, "sqlite:env.db"); /* env over file */
	assert_int_equal(c.body_limit, 3 * 1024);    /* flag over env */

	/* A config flag names the file in place of the environment. */
	const char *other = temp_file("listen = :2222\n");
	struct config_pair by_flag[] = {{"config", other}};
	assert_int_equal(config_resolve(&c, by_flag, 1, env, &e), 0);
	assert_int_equal(c.listen_port, 2222);
	assert_string_equal(c.listen_host, "127.0.0.1");
	/* The last of a repeated flag wins. */
	struct config_pair twice[] = {{"threads", "2"}, {"threads", "5"}};
	assert_int_equal(config_resolve(&c, twice, 2, env, &e), 0);
	assert_int_equal(c.threads, 5);
	unlink(file);
	unlink(other);
}

static void expect_bad(const char *key, const char *value, const char *msg)
{
	struct config c;
	struct err e = {0};
	config_defaults(&c);
	struct config before = c;
	assert_int_equal(config_set(&c, key, value, "flag", &e), -1);
	assert_non_null(strstr(e.msg, msg));
	assert_non_null(strstr(e.msg, "flag"));
	assert_memory_equal(&c, &before, sizeof c);
}

static void rejects_bad_values(void **state)
{
	(void)state;
	expect_bad("listen", "8080", "expected HOST:PORT");
	expect_bad("listen", "localhost:", "port must be");
	expect_bad("listen", "localhost:70000", "port must be");
	expect_bad("listen", "localhost:-1", "port must be");
	expect_bad("listen", "localhost:80x", "port must be");
	expect_bad("db", "mysql://x", "expected sqlite:PATH");
	expect_bad("db", "sqlite:", "needs a file path");
	expect_bad("db", "", "expected sqlite:PATH");
	expect_bad("migrate-db", "mysql://x", "migrate-db (flag): expected sqlite:PATH");
	expect_bad("migrate-db", "sqlite:", "needs a file path");
	expect_bad("body-limit", "0", "body-limit");
	expect_bad("body-limit", "abc", "body-limit");
	expect_bad("body-limit", "2G", "body-limit");
	expect_bad("body-limit", "1T", "body-limit");
	expect_bad("body-limit", "-5", "body-limit");
	expect_bad("body-limit", "99999999999999999999999", "body-limit");
	expect_bad("threads", "-1", "threads");
	expect_bad("threads", "5000", "threads");
	expect_bad("threads", "two", "threads");
	expect_bad("assets", "", "must not be empty");
	expect_bad("colour", "blue", "unknown setting");
	expect_bad("trusted-proxies", "127.0.0.1, 10.0.0.0/33", "\"10.0.0.0/33\"");
	expect_bad("trusted-proxies", "localhost", "\"localhost\"");
	expect_bad("trusted-proxies", "127.0.0.1,,::1", "empty entry");
}

/* The trusted proxies: a list from any of the three places, the last
 * place given replacing (not adding to) the others; empty trusts no one. */
static void trusted_proxies(void **state)
{
	(void)state;
	const char *file = temp_file("trusted-proxies = 10.0.0.0/8, fd00::/8\n");
	char env_config[128];
	snprintf(env_config, sizeof env_config, "ALONGSIDE_CONFIG=%s", file);
	char *env[] = {env_config, NULL};
	struct config c;
	struct err e;
	assert_int_equal(config_resolve(&c, NULL, 0, env, &e), 0);
	assert_int_equal(c.trusted_proxies.count, 2);
	struct netaddr a;
	assert_true(netaddr_parse("10.1.2.3", 8, &a));
	assert_true(netaddr_list_match(&c.trusted_proxies, &a));

	char *env_too[] = {env_config, "ALONGSIDE_TRUSTED_PROXIES=127.0.0.1 ::1", NULL};
	assert_int_equal(config_resolve(&c, NULL, 0, env_too, &e), 0);
	assert_int_equal(c.trusted_proxies.count, 2);
	assert_false(netaddr_list_match(&c.trusted_proxies, &a));
	assert_true(netaddr_parse("::1", 3, &a));
	assert_true(netaddr_list_match(&c.trusted_proxies, &a));

	struct config_pair none[] = {{"trusted-proxies", ""}};
	assert_int_equal(config_resolve(&c, none, 1, env_too, &e), 0);
	assert_int_equal(c.trusted_proxies.count, 0);
	unlink(file);
}

static void accepts_good_values(void **state)
{
	(void)state;
	struct config c;
	struct err e;
	config_defaults(&c);
	assert_int_equal(config_set(&c, "listen", "[::1]:8081", "flag", &e), 0);
	assert_string_equal(c.listen_host, "::1");
	assert_int_equal(c.listen_port, 8081);
	assert_int_equal(config_set(&c, "listen", "0.0.0.0:0", "flag", &e), 0);
	assert_int_equal(c.listen_port, 0);
	assert_int_equal(config_set(&c, "body-limit", "1M", "flag", &e), 0);
	assert_int_equal(c.body_limit, 1048576);
	assert_int_equal(config_set(&c, "body-limit", "12k", "flag", &e), 0);
	assert_int_equal(c.body_limit, 12288);
	assert_int_equal(config_set(&c, "body-limit", "1G", "flag", &e), 0);
	assert_int_equal(c.body_limit, 1u << 30);
	assert_int_equal(config_set(&c, "body-limit", "65536", "flag", &e), 0);
	assert_int_equal(c.body_limit, 65536);
	assert_int_equal(config_set(&c, "db", "postgresql://u@h/db", "flag", &e),
			 0);
	assert_string_equal(c.db_url, "postgresql://u@h/db");
	assert_int_equal(config_set(&c, "migrate-db", "postgresql://owner@h/db", "flag", &e), 0);
	assert_string_equal(c.migrate_db_url, "postgresql://owner@h/db");
	assert_string_equal(c.db_url, "postgresql://u@h/db");
	/* Like every setting, from the environment too. */
	char *env[] = {"ALONGSIDE_MIGRATE_DB=postgres://owner@h/db", NULL};
	assert_int_equal(config_resolve(&c, NULL, 0, env, &e), 0);
	assert_string_equal(c.migrate_db_url, "postgres://owner@h/db");
}

static void expect_bad_file(const char *text, const char *msg)
{
	const char *file = temp_file(text);
	struct config_pair flags[] = {{"config", file}};
	char *env[] = {NULL};
	struct config c;
	struct err e = {0};
	assert_int_equal(config_resolve(&c, flags, 1, env, &e), -1);
	assert_non_null(strstr(e.msg, msg));
	unlink(file);
}

static void rejects_bad_files(void **state)
{
	(void)state;
	expect_bad_file("listen = :1\ncolour = blue\n", ":2)");
	expect_bad_file("just words\n", "expected key = value");
	expect_bad_file("config = /etc/other\n", "cannot name another");
	expect_bad_file("threads = many\n", "threads (/tmp/alongside-config-");

	struct config_pair flags[] = {{"config", "/nonexistent/alongside.conf"}};
	char *env[] = {NULL};
	struct config c;
	struct err e;
	assert_int_equal(config_resolve(&c, flags, 1, env, &e), -1);
	assert_non_null(strstr(e.msg, "/nonexistent/alongside.conf"));
	/* A bad environment value is reported with the variable's name. */
	char *bad_env[] = {"ALONGSIDE_THREADS=lots", NULL};
	assert_int_equal(config_resolve(&c, NULL, 0, bad_env, &e), -1);
	assert_non_null(strstr(e.msg, "ALONGSIDE_THREADS"));
}

/* The limits that keep one client from exhausting the server. */
static void connection_limits(void **state)
{
	(void)state;
	struct config c;
	struct err e;
	char *none[] = {NULL};
	assert_int_equal(config_resolve(&c, NULL, 0, none, &e), 0);
	assert_int_equal(c.max_connections, 2000);
	assert_int_equal(c.max_connections_per_address, 100);
	assert_int_equal(c.header_timeout, 10);

	char *env[] = {"ALONGSIDE_MAX_CONNECTIONS=500",
		       "ALONGSIDE_MAX_CONNECTIONS_PER_ADDRESS=20",
		       "ALONGSIDE_HEADER_TIMEOUT=5", NULL};
	struct config_pair flags[] = {{"header-timeout", "3"}};
	assert_int_equal(config_resolve(&c, flags, 1, env, &e), 0);
	assert_int_equal(c.max_connections, 500);
	assert_int_equal(c.max_connections_per_address, 20);
	assert_int_equal(c.header_timeout, 3);

	expect_bad("max-connections", "0", "max-connections");
	expect_bad("max-connections", "100001", "max-connections");
	expect_bad("max-connections-per-address", "0", "max-connections-per-address");
	expect_bad("max-connections-per-address", "lots", "max-connections-per-address");
	expect_bad("header-timeout", "0", "header-timeout");
	expect_bad("header-timeout", "301", "header-timeout");
	expect_bad("header-timeout", "10s", "header-timeout");
}

/* Durability on SQLite: every commit synced unless a council chooses
 * otherwise. */
static void sqlite_synchronous(void **state)
{
	(void)state;
	struct config c;
	struct err e;
	char *none[] = {NULL};
	assert_int_equal(config_resolve(&c, NULL, 0, none, &e), 0);
	assert_int_equal(c.sqlite_sync_normal, 0);
	char *env[] = {"ALONGSIDE_SQLITE_SYNCHRONOUS=normal", NULL};
	assert_int_equal(config_resolve(&c, NULL, 0, env, &e), 0);
	assert_int_equal(c.sqlite_sync_normal, 1);
	struct config_pair flags[] = {{"sqlite-synchronous", "full"}};
	assert_int_equal(config_resolve(&c, flags, 1, env, &e), 0);
	assert_int_equal(c.sqlite_sync_normal, 0);
	expect_bad("sqlite-synchronous", "off", "sqlite-synchronous");
	expect_bad("sqlite-synchronous", "NORMAL ", "sqlite-synchronous");
	expect_bad("sqlite-synchronous", "", "sqlite-synchronous");
}

static void texts(void **state)
{
	(void)state;
	struct config c;
	struct err e;
	char *none[] = {NULL};
	assert_int_equal(config_resolve(&c, NULL, 0, none, &e), 0);
	assert_string_equal(c.default_texts, "texts");
	assert_string_equal(c.texts_dir, "");  /* the defaults alone */
	char *env[] = {"ALONGSIDE_TEXTS_DIR=/etc/alongside/texts",
		       "ALONGSIDE_DEFAULT_TEXTS=/usr/share/alongside/texts", NULL};
	assert_int_equal(config_resolve(&c, NULL, 0, env, &e), 0);
	assert_string_equal(c.texts_dir, "/etc/alongside/texts");
	assert_string_equal(c.default_texts, "/usr/share/alongside/texts");
	struct config_pair flags[] = {{"texts-dir", ""}};
	assert_int_equal(config_resolve(&c, flags, 1, env, &e), 0);
	assert_string_equal(c.texts_dir, "");
	expect_bad("default-texts", "", "default-texts");
}

/* A tile service's attribution: plain text shown with its tiles, and
 * needed by them (every tile licence asks for one). */
static void map_attribution(void **state)
{
	(void)state;
	struct config c;
	struct err e;
	char *none[] = {NULL};
	struct config_pair both[] = {
		{"map-tiles", "https://tiles.example/{z}/{x}/{y}.png"},
		{"map-attribution", "Contains OS data © Crown copyright and database rights 2026"}};
	assert_int_equal(config_resolve(&c, both, 2, none, &e), 0);
	assert_string_equal(c.map_attribution,
			    "Contains OS data © Crown copyright and database rights 2026");
	assert_int_equal(config_resolve(&c, both, 1, none, &e), -1);
	assert_non_null(strstr(e.msg, "map-tiles needs map-attribution"));
	char *env[] = {"ALONGSIDE_MAP_ATTRIBUTION=© OpenStreetMap contributors", NULL};
	assert_int_equal(config_resolve(&c, both, 1, env, &e), 0);
	assert_string_equal(c.map_attribution, "© OpenStreetMap contributors");
	expect_bad("map-attribution", "<a href=\"x\">OS</a>", "plain text");
	expect_bad("map-attribution", "line\nbreak", "plain text");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(defaults),
		cmocka_unit_test(precedence),
		cmocka_unit_test(rejects_bad_values),
		cmocka_unit_test(accepts_good_values),
		cmocka_unit_test(rejects_bad_files),
		cmocka_unit_test(trusted_proxies),
		cmocka_unit_test(connection_limits),
		cmocka_unit_test(sqlite_synchronous),
		cmocka_unit_test(texts),
		cmocka_unit_test(map_attribution),
	};
	return cmocka_run_group_tests_name("config", tests, NULL, NULL);
}
