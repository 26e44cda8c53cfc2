#ifndef ALONGSIDE_HTTP_URLENC_H
#define ALONGSIDE_HTTP_URLENC_H

#include <stdbool.h>
#include <stddef.h>

struct arena;
struct sb;

/*
 * Percent-encoding (RFC 3986) and application/x-www-form-urlencoded, the
 * format of both query strings and HTML form bodies.  Decoding is strict:
 * a '%' not followed by two hex digits, or a result that is not valid UTF-8
 * (or holds a NUL), is refused rather than guessed at, so every string a
 * handler sees is well-formed text.
 */

struct http_param {
	const char *name;
	const char *value;
};

enum urlenc_result {
	URLENC_OK = 0,
	URLENC_BAD_ESCAPE = -1,
	URLENC_BAD_UTF8 = -2,
	URLENC_TOO_MANY = -3,
};

/* Decodes s[0..len) into a NUL-terminated arena string.  plus_is_space is
 * true for form data, false for paths. */
enum urlenc_result urlenc_decode(struct arena *a, const char *s, size_t len,
				 bool plus_is_space, char **out);

/* Parses "a=1&b=2" (either a query string or a form body) into an arena
 * array of decoded pairs.  A name without '=' has the empty value; empty
 * pieces ("a=1&&b=2") are skipped; a value's CRLF line breaks (as browsers
 * send a textarea's) become LF.  More than max_params pairs is
 * URLENC_TOO_MANY: a cap on the work one request can cause. */
enum urlenc_result urlenc_parse_form(struct arena *a, const char *s, size_t len,
				     size_t max_params,
				     struct http_param **params, size_t *count);

/* Appends s percent-encoded for use as one URL path segment or query value:
 * everything but RFC 3986 unreserved characters is escaped. */
void urlenc_component(struct sb *sb, const char *s);

/* The value of the last pair named name, or NULL. */
const char *urlenc_find(const struct http_param *params, size_t count,
			const char *name);

#endif
