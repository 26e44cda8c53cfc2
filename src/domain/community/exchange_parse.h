#ifndef ALONGSIDE_DOMAIN_COMMUNITY_EXCHANGE_PARSE_H
#define ALONGSIDE_DOMAIN_COMMUNITY_EXCHANGE_PARSE_H

#include <stdbool.h>
#include <stddef.h>

struct arena;
struct err;
struct exchange_directory;
struct listing;
struct taxonomy;
struct taxonomy_term;

/*
 * What the JSON and CSV readers and writers of exchange.h share: problems,
 * the checks of single values, reading a file whole, and "free".  Each check returns the value as stored (in
 * the arena), or NULL when s is not one.
 */

/* Adds a problem naming record (-1: the file as a whole); past
 * EXCHANGE_PROBLEMS_MAX the rest are dropped. */
void exchange_problem(struct exchange_directory *d, struct arena *a, long record,
		      const char *message);

/* RESULT_INVALID with the first problem in e, or RESULT_OK when none. */
int exchange_problems_result(const struct exchange_directory *d, struct err *e);

/* A UUID, lower-cased (other systems may write them in capitals). */
const char *exchange_uuid(struct arena *a, const char *s);
/* A date, YYYY-MM-DD; an instant is taken for its day. */
const char *exchange_date(struct arena *a, const char *s);
/* A time of day HH:MM (HH:MM:00 is taken as HH:MM). */
const char *exchange_time(struct arena *a, const char *s);

bool exchange_in(const char *s, const char *const *list);

extern const char *const exchange_location_types[];

/* The file at path, whole, into the arena (at most EXCHANGE_BYTES_MAX). */
int exchange_read_file(struct arena *a, const char *path, const char **text, size_t *len,
		       struct err *e);

/* Whether a listing is free, from its cost options: 0 (paid) when one has
 * an amount above 0, 1 (free) when one has the amount 0 and none more,
 * -1 (not known) when none has an amount.  The export writes a free
 * listing's "free" as the cost option EXCHANGE_FREE_OPTION with amount 0
 * when its costs do not say so already. */
int exchange_free_from_costs(const struct listing *l);
#define EXCHANGE_FREE_OPTION "Free"

/* The data package in folder dir (exchange_csv.c): reading as
 * exchange_parse_json does for JSON, each problem naming its file and
 * line; writing every table, each listing's rows in its order. */
int exchange_read_package(struct arena *a, const char *dir, struct exchange_directory *out,
			  struct err *e);
int exchange_write_package(struct arena *a, const char *dir, const struct taxonomy *taxonomies,
			   size_t taxonomy_count, const struct taxonomy_term *terms,
			   size_t term_count, const struct listing *listings, size_t count,
			   struct err *e);

#endif
