#ifndef ALONGSIDE_API_ORUK_PAGE_H
#define ALONGSIDE_API_ORUK_PAGE_H

#include <jansson.h>

#include <stddef.h>

struct http_request;
struct sb;

/* The pages of the /oruk/ lists (api/oruk.c, api/oruk_taxonomies.c). */

/* page (from 1, default 1) and per_page (default SEARCH_PER_PAGE_DEFAULT)
 * as the request asks, their forms already checked by its route. */
void oruk_page_asked(const struct http_request *req, long *page, long *per_page);

/* The profile's page object around contents (whose reference it takes):
 * total_items, total_pages (1 for an empty list), page_number, size,
 * first_page, last_page, empty. */
json_t *oruk_page_json(long total, long page, long per_page, json_t *contents);

/* The same page written straight into out, as http_send_json encodes
 * oruk_page_json (compact), up to and including the "[" that opens
 * contents: the caller appends size items, then "]", any fields after
 * and the closing "}".  For lists joined from encoded documents
 * (domain/community/oruk_cache.h); only integers and booleans, so
 * nothing to escape. */
void oruk_page_open(struct sb *out, long total, long page, long per_page, size_t size);

#endif
