#include "http/assets.h"

#include "core/arena.h"
#include "core/err.h"
#include "core/log.h"
#include "http/app.h"
#include "http/http.h"

#include <dirent.h>
#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MAX_ASSETS 512
#define MAX_TOTAL_BYTES (64u * 1024 * 1024)
#define MAX_DEPTH 8

struct assets {
	struct asset items[MAX_ASSETS];
	size_t count;
	size_t total_bytes;
};

static const struct {
	const char *ext;
	const char *type;
} content_types[] = {
	{".css", "text/css; charset=utf-8"},
	{".js", "text/javascript; charset=utf-8"},
	{".mjs", "text/javascript; charset=utf-8"},
	{".map", "application/json"},
	{".json", "application/json"},
	{".svg", "image/svg+xml"},
	{".png", "image/png"},
	{".ico", "image/x-icon"},
	{".woff2", "font/woff2"},
	{".woff", "font/woff"},
	{".txt", "text/plain; charset=utf-8"},
};

static const char *type_for(const char *name)
{
	const char *dot = strrchr(name, '.');
	for (size_t i = 0; dot && i < sizeof content_types / sizeof *content_types;
	     i++)
		if (strcmp(dot, content_types[i].ext) == 0)
			return content_types[i].type;
	return "application/octet-stream";
}

static int read_file(const char *path, char **body, size_t *len, struct err *e)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return err_set(e, "%s: %s", path, strerror(errno));
	struct stat st;
	if (fstat(fileno(f), &st) < 0 || st.st_size < 0 ||
	    (unsigned long long)st.st_size > MAX_TOTAL_BYTES) {
		fclose(f);
		return err_set(e, "%s: unreadable or too large", path);
	}
	*len = (size_t)st.st_size;
	*body = malloc(*len ? *len : 1);
	if (!*body)
		abort();
	size_t got = fread(*body, 1, *len, f);
	fclose(f);
	if (got != *len) {
		free(*body);
		return err_set(e, "%s: short read", path);
	}
	return 0;
}

static int add_file(struct assets *a, const char *path, const char *name,
		    struct err *e)
{
	if (a->count == MAX_ASSETS)
		return err_set(e, "more than %d asset files", MAX_ASSETS);
	struct asset *it = &a->items[a->count];
	if (read_file(path, &it->body, &it->len, e) < 0)
		return -1;
	a->total_bytes += it->len;
	if (a->total_bytes > MAX_TOTAL_BYTES) {
		free(it->body);
		return err_set(e, "assets larger than %u bytes in all",
			       MAX_TOTAL_BYTES);
	}
	unsigned char hash[8];
	crypto_generichash(hash, sizeof hash, (const unsigned char *)it->body,
			   it->len, NULL, 0);
	sodium_bin2hex(it->version, sizeof it->version, hash, sizeof hash);
	it->etag[0] = '"';
	memcpy(it->etag + 1, it->version, 16);
	it->etag[17] = '"';
	it->etag[18] = '\0';
	it->name = strdup(name);
	size_t url_len = strlen(name) + sizeof "/assets/?v=" + 16;
	it->url = malloc(url_len);
	if (!it->name || !it->url)
		abort();
	snprintf(it->url, url_len, "/assets/%s?v=%s", name, it->version);
	it->content_type = type_for(name);
	a->count++;
	return 0;
}

static int load_dir(struct assets *a, const char *dir, const char *prefix,
		    int depth, struct err *e)
{
	if (depth > MAX_DEPTH)
		return err_set(e, "%s: nested too deeply", dir);
	DIR *d = opendir(dir);
	if (!d)
		return err_set(e, "assets directory %s: %s (run make to build it)",
			       dir, strerror(errno));
	int rc = 0;
	struct dirent *ent;
	while (rc == 0 && (ent = readdir(d))) {
		if (ent->d_name[0] == '.')
			continue;
		char path[4096], name[1024];
		if ((size_t)snprintf(path, sizeof path, "%s/%s", dir,
				     ent->d_name) >= sizeof path ||
		    (size_t)snprintf(name, sizeof name, "%s%s", prefix,
				     ent->d_name) >= sizeof name) {
			rc = err_set(e, "%s/%s: path too long", dir, ent->d_name);
			break;
		}
		struct stat st;
		if (stat(path, &st) < 0) {
			rc = err_set(e, "%s: %s", path, strerror(errno));
		} else if (S_ISDIR(st.st_mode)) {
			char sub[sizeof name + 1];
			snprintf(sub, sizeof sub, "%s/", name);
			rc = load_dir(a, path, sub, depth + 1, e);
		} else if (S_ISREG(st.st_mode)) {
			rc = add_file(a, path, name, e);
		}
	}
	closedir(d);
	return rc;
}

int assets_load(const char *dir, struct assets **out, struct err *e)
{
	struct assets *a = calloc(1, sizeof *a);
	if (!a)
		abort();
	if (load_dir(a, dir, "", 0, e) < 0) {
		assets_free(a);
		return -1;
	}
	*out = a;
	return 0;
}

void assets_free(struct assets *a)
{
	if (!a)
		return;
	for (size_t i = 0; i < a->count; i++) {
		free(a->items[i].name);
		free(a->items[i].body);
		free(a->items[i].url);
	}
	free(a);
}

const struct asset *assets_find(const struct assets *a, const char *name)
{
	for (size_t i = 0; i < a->count; i++)
		if (strcmp(a->items[i].name, name) == 0)
			return &a->items[i];
	return NULL;
}

int assets_require(const struct assets *a, const char *dir,
		   const char *const *names, size_t count, struct err *e)
{
	for (size_t i = 0; i < count; i++)
		if (!assets_find(a, names[i]))
			return err_set(e, "assets directory %s has no %s, which "
					  "pages link to (run make to build it)",
				       dir, names[i]);
	return 0;
}

const char *assets_url(const struct http_request *req, const char *name)
{
	const struct asset *it = assets_find(req->app->assets, name);
	if (it)
		return it->url;
	log_error("request %s: asset %s is not in the assets directory; the page "
		  "links to it unversioned", req->request_id, name);
	return arena_printf(req->arena, "/assets/%s", name);
}

int assets_handle(struct http_request *req, struct http_response *res)
{
	const struct asset *it =
		assets_find(req->app->assets, http_path_param(req, "*"));
	if (!it)
		return http_send_error(req, res, 404, "not_found",
				       "There is no such file.");
	const char *version = http_query(req, "v");
	http_add_header(res, "ETag", it->etag);
	http_add_header(res, "Cache-Control",
			version && strcmp(version, it->version) == 0
				? "public, max-age=31536000, immutable"
				: "public, no-cache");
	const char *match = req->header(req, "If-None-Match");
	if (match && strcmp(match, it->etag) == 0) {
		http_send_static(res, 304, NULL, "", 0);
		return 0;
	}
	http_send_static(res, 200, it->content_type, it->body, it->len);
	return 0;
}
