#ifndef ALONGSIDE_HTTP_ASSETS_H
#define ALONGSIDE_HTTP_ASSETS_H

#include <stddef.h>

struct err;
struct http_request;
struct http_response;

/*
 * Static files (CSS, JavaScript, fonts, images) built into web/dist by
 * `make`.  The whole directory is read into memory at start-up: serving is
 * a lookup by exact name, so no request can reach a file outside it, and
 * no request touches the disk.
 *
 * Each file has a version (a hash of its bytes).  Pages link to
 * "/assets/NAME?v=VERSION", which browsers may cache for a year because a
 * changed file gets a new URL; a request without the current version is
 * answered with "no-cache" and an ETag, so it is revalidated.
 */

struct asset {
	char *name;          /* path below the directory: "app.css" */
	const char *content_type;
	char *body;
	size_t len;
	char version[17];
	char etag[20];       /* the version in double quotes */
	char *url;           /* "/assets/NAME?v=VERSION" */
};

struct assets;

int assets_load(const char *dir, struct assets **out, struct err *e);
void assets_free(struct assets *assets);

/* The file called name, or NULL. */
const struct asset *assets_find(const struct assets *assets, const char *name);

/* 0 when every one of the count names is in assets; else -1 with e naming
 * the first missing file and dir, the directory they were loaded from.
 * `alongside serve` calls it with the list of files pages link to
 * (web/pages.h) before it listens, so a missing one stops the start, not
 * a request. */
int assets_require(const struct assets *assets, const char *dir,
		   const char *const *names, size_t count, struct err *e);

/* The versioned URL of the file called name, for a page being answered to
 * req.  Meant for names assets_require has checked.  Any other name that
 * is missing is logged with the request id and gets the unversioned
 * "/assets/NAME" (in req's arena): the browser meets a 404, the server
 * goes on. */
const char *assets_url(const struct http_request *req, const char *name);

/* GET /assets/... */
int assets_handle(struct http_request *req, struct http_response *res);

#endif
