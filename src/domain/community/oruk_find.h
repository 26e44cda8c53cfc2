#ifndef ALONGSIDE_DOMAIN_COMMUNITY_ORUK_FIND_H
#define ALONGSIDE_DOMAIN_COMMUNITY_ORUK_FIND_H

#include <stddef.h>

struct arena;
struct community_organization;
struct db;
struct err;

/*
 * What the /oruk/ API finds by an id that is not a listing's, and the
 * organisations it lists: the lookups search (domain/community/search.h)
 * does not make.  Listings themselves are read whole through listing_get.
 * Organisations are listed only while they run a live listing (retired
 * ones are in no list); one is found by id whatever its listings.
 * Reading needs no caller: organisations are public (their email and
 * website are the organisation's own, not a person's).  Not found:
 * "service_at_location", "organization".
 */

/* The listing a service_at_location belongs to. */
int oruk_find_service_at_location(struct db *db, const char *id, struct arena *a,
				  const char **service_id, struct err *e);

/* One page of organisations running a live listing, by name then id, and
 * how many there are in all. */
int oruk_find_organizations(struct db *db, long page, long per_page, struct arena *a,
			    struct community_organization **out, size_t *count, long *total,
			    struct err *e);

int oruk_find_organization(struct db *db, const char *id, struct arena *a,
			   struct community_organization *out, struct err *e);

/* The ids of an organisation's live listings, by name then id. */
int oruk_find_organization_services(struct db *db, const char *id, struct arena *a,
				    const char ***service_ids, size_t *count, struct err *e);

#endif
