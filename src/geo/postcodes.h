#ifndef ALONGSIDE_GEO_POSTCODES_H
#define ALONGSIDE_GEO_POSTCODES_H

#include <stddef.h>

#include "geo/postcode.h"

struct db;
struct err;

/*
 * Every postcode held, in memory, sorted for binary search: a lookup is a
 * few dozen string comparisons and no database round trip.  Built once at
 * start-up and then only read, by any number of threads.  About 40 bytes
 * a postcode: 70 MB for the whole of Great Britain.
 */

struct postcode_entry {
	char postcode[POSTCODE_SIZE];
	char ward[10];      /* the source's ward code, "" when none */
	double lat;
	double lon;
};

struct postcode_index;

int postcode_index_load(struct db *db, struct postcode_index **out,
			struct err *e);
void postcode_index_free(struct postcode_index *index);

size_t postcode_index_count(const struct postcode_index *index);

/* The entry for a normalised postcode, or NULL. */
const struct postcode_entry *postcode_index_find(const struct postcode_index *index,
						 const char *postcode);

#endif
