#ifndef ALONGSIDE_API_AREAS_JSON_H
#define ALONGSIDE_API_AREAS_JSON_H

#include <jansson.h>

#include "core/date.h"
#include "domain/areas/lookup.h"

#include <stdbool.h>

struct arena;
struct coordinator;
struct dropin;
struct db;
struct err;
struct holidays;
struct http_request;
struct http_response;
struct geo_area;
struct geo_map;
struct lookup_context;
struct lookup_result;
struct waiting;

/*
 * What the areas room's API handlers share.  How areas, coordinators and
 * lookups are written in JSON: one
 * representation each, so an area's coordinator reads the same in
 * /api/v1/areas, /api/v1/lookup and `alongside lookup --json`.  Each
 * returns a new reference; a NULL record is JSON null.
 */

/* {"id","name","mobile","email","facebook_url","introduction"} (api/areas.c) */
json_t *api_coordinator_json(const struct coordinator *co);

/* {"id","name","covered"}: an area of the map, as a neighbour or a
 * lookup's area (api/areas.c). */
json_t *api_map_area_json(const struct geo_area *area);

/* {"code","name"}; name null when the map does not hold the ward
 * (api/areas.c). */
json_t *api_ward_json(const char *code, const char *name);

/* How soon a first conversation is likely (domain/introductions/waiting.h):
 * {"band","sentence","basis","count","median_working_days"}, the band as
 * a stable code, the sentence the pages show, and what the figure stands
 * on (api/areas.c). */
json_t *api_waiting_json(const struct waiting *w);

/* The estimate for the area a lookup answers for: the one it is in when
 * covered, else the covered one it is near (r->near).  1 with out
 * filled, 0 when there is no such area, -1 on a database error
 * (api/lookup.c). */
int api_lookup_estimate(struct db *db, const struct holidays *h, struct arena *a,
			const struct geo_map *map, const struct lookup_result *r,
			struct waiting *out, struct err *e);

/* A found lookup (domain/areas/lookup.h), as GET /api/v1/lookup answers
 * it, with estimate (api_lookup_estimate) as "first_conversation", null
 * when NULL (api/lookup.c). */
json_t *api_lookup_json(struct arena *a, const struct geo_map *map,
			const struct lookup_result *r, const struct waiting *estimate);

/* A drop-in as the API writes it (api/dropins.c): its fields by the names
 * the requests take ("starts", "first_date", "last_date": null while it
 * goes on), its "sequence", "next" (the next date it happens, null when
 * none is left), "next_dates" (its next six dates from today, each
 * {"date","cancelled","reason"}) and "cancellations" in force
 * ({"id","on_date","reason"}). */
json_t *api_dropin_json(const struct dropin *d, struct date today);

/* The drop-ins of list still going on today (dropin_goes_on), as an
 * array of api_dropin_json, each with two more for a map and its list:
 * "when", as the pages say it ("every Tuesday, 10:00 to 12:00"), and
 * "location", where a map puts it: {"postcode","lat","lon","precision":
 * "postcode_centre"}, the centre of the postcode its address ends with
 * (lookup_dropin_place), not the building; null when it cannot be
 * placed.  NULL, e set, on a database error. */
json_t *api_dropins_json(const struct lookup_context *ctx, struct arena *a,
			 const struct dropin *list, size_t count, struct date today,
			 struct err *e);

/* Answers 503 no_geography: the wards are not loaded yet, so nothing can
 * be placed (api/areas.c). */
int api_no_map(struct http_request *req, struct http_response *res);

/* Who answers someone (domain/areas/lookup.h, lookup_answer), the same
 * in GET /api/v1/lookup and an introduction's answer: {"answered_by":
 * "area_coordinator"|"nearest_coordinator"|"central_team"|"nobody",
 * "takes_introductions", "area" (id, name; null), "coordinator" (null
 * unless a coordinator answers), "contacts": {"team": {"name","phone",
 * "email"}, "council": {"name","phone","email","website"},
 * "adult_social_care": {"phone","url"}}, only those offers names, an
 * unset value null} (api/lookup.c). */
struct council;
json_t *api_answer_json(enum lookup_answerer who, bool takes_introductions,
			const char *area_id, const char *area_name,
			const struct coordinator *coordinator, const struct council *c,
			unsigned offers);

/* The answer (api_answer_json) for a lookup, under the council's rule as
 * it is now: "answer" in GET /api/v1/lookup and `alongside lookup
 * --json`; NULL with e set on a database error (api/lookup.c). */
struct lookup_context;
json_t *api_lookup_answer_json(const struct lookup_context *ctx, struct arena *a,
			       const struct lookup_result *r, struct err *e);

#endif
