#ifndef ALONGSIDE_DOMAIN_COMMUNITY_EXCHANGE_PARSE_H
#define ALONGSIDE_DOMAIN_COMMUNITY_EXCHANGE_PARSE_H

#include <stdbool.h>

struct arena;
struct err;
struct exchange_directory;

/*
 * What the JSON and CSV readers of exchange.h share: problems, and the
 * checks of single values.  Each check returns the value as stored (in
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

#endif
