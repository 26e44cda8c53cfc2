#include "api/oruk_page.h"

#include <stdlib.h>

#include "api/api.h"
#include "core/sb.h"
#include "domain/community/search.h"
#include "http/http.h"

/* The page asked for (validated by the route: page from 1, per_page 1 to
 * SEARCH_PER_PAGE_MAX). */
void oruk_page_asked(const struct http_request *req, long *page, long *per_page)
{
	const char *p = http_query_filter(req, "page");
	const char *n = http_query_filter(req, "per_page");
	*page = p ? strtol(p, NULL, 10) : 1;
	*per_page = n ? strtol(n, NULL, 10) : SEARCH_PER_PAGE_DEFAULT;
}

/* The profile's page: every field its Page schema names, all integers or
 * booleans; a list with nothing in it is one empty page. */
static long pages_of(long total, long per_page)
{
	return total > 0 ? (total + per_page - 1) / per_page : 1;
}

json_t *oruk_page_json(long total, long page, long per_page, json_t *contents)
{
	long pages = pages_of(total, per_page);
	return json_pack("{s:I,s:I,s:I,s:I,s:b,s:b,s:b,s:o}", "total_items", (json_int_t)total,
			 "total_pages", (json_int_t)pages, "page_number", (json_int_t)page,
			 "size", (json_int_t)json_array_size(contents), "first_page", page == 1,
			 "last_page", page >= pages, "empty", json_array_size(contents) == 0,
			 "contents", contents);
}

void oruk_page_open(struct sb *out, long total, long page, long per_page, size_t size)
{
	long pages = pages_of(total, per_page);
	sb_printf(out,
		  "{\"total_items\":%ld,\"total_pages\":%ld,\"page_number\":%ld,\"size\":%zu,"
		  "\"first_page\":%s,\"last_page\":%s,\"empty\":%s,\"contents\":[",
		  total, pages, page, size, page == 1 ? "true" : "false",
		  page >= pages ? "true" : "false", size == 0 ? "true" : "false");
}

const char *const api_oruk_days[] = {"MO", "TU", "WE", "TH", "FR", "SA", "SU", NULL};
