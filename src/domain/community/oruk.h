#ifndef ALONGSIDE_DOMAIN_COMMUNITY_ORUK_H
#define ALONGSIDE_DOMAIN_COMMUNITY_ORUK_H

#include <jansson.h>

struct community_organization;
struct community_source;
struct listing;
struct taxonomy;
struct taxonomy_term;

/*
 * Listings as Open Referral UK 3.0 JSON (../shared/data/openreferral-uk-
 * profile/schema): the one place our records become ORUK documents, for
 * the /oruk/ API, `alongside directory export` and the versions a listing
 * keeps.  Empty optional fields are omitted, never null or "".  What is
 * shown is what the listing holds: read it with LISTING_PUBLIC for the
 * public (contacts already removed where they may not be published).
 * Fields the profile requires are always present (empty when we hold
 * nothing, as a nested term's description); fields HSDS 3.0 has and the
 * profile leaves out (a contact's email and phones, a language's name and
 * code, application_process, eligibility_description) carry HSDS's names.
 * Times of day are HH:MM:SS.  Attribution is the API's to add, not part
 * of the document a version keeps.
 * Each returns a new reference (json_decref it), NULL only when out of
 * memory.
 */

/* The service with full nesting: organization, service_at_locations with
 * their location (addresses, accessibility), schedules, contacts with
 * phones, cost_options, languages, service_areas, attributes with their
 * taxonomy_term. */
json_t *oruk_service(const struct listing *l);

/* The service as a list item: the same without the nested arrays the
 * profile leaves out of lists. */
json_t *oruk_service_brief(const struct listing *l);

/* One service_at_location: its id, service_id, location_id and the
 * location nested, with the service (brief) nested as well. */
json_t *oruk_service_at_location(const struct listing *l, size_t location_index);

/* An organisation's own fields (a listing's is &l->organization). */
json_t *oruk_organization(const struct community_organization *g);

/* A source's attribution, as the API adds it beside the records shown:
 * source, attribution, licence and url (when held). */
json_t *oruk_source_attribution(const struct community_source *s);

json_t *oruk_taxonomy(const struct taxonomy *t);
json_t *oruk_taxonomy_term(const struct taxonomy_term *t, const struct taxonomy *of);

#endif
