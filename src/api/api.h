#ifndef ALONGSIDE_API_API_H
#define ALONGSIDE_API_API_H

struct http_request;
struct http_response;

/* GET /healthz: the process is up and serving; touches nothing else, so a
 * load balancer can call it often. */
int api_healthz(struct http_request *req, struct http_response *res);

/* GET /readyz: 200 when the database answers and holds the schema this
 * binary expects, 503 otherwise, saying which. */
int api_readyz(struct http_request *req, struct http_response *res);

/* GET /api/v1/lookup?postcode=... or ?lat=...&lon=...: the ward holding
 * the place (see domain/lookup.h); 400 invalid_postcode or
 * invalid_coordinates, 404 postcode_not_found, and "ward": null for a point
 * outside every ward held. */
int api_lookup(struct http_request *req, struct http_response *res);

/* GET /api/v1/areas: every area as a GeoJSON FeatureCollection, with
 * coverage, coordinator, wards and neighbours in the properties. */
int api_areas(struct http_request *req, struct http_response *res);

/* GET /api/v1/areas/{id}: one area as a GeoJSON Feature; 404
 * area_not_found. */
int api_area(struct http_request *req, struct http_response *res);

/* Admin, loopback only until sign-in exists (api/admin.c):
 * POST /api/v1/admin/areas {"name","wards":[...],"covered","demo"} -> 201;
 * PUT /api/v1/admin/areas/{id}/coordinator {"name","mobile","email",
 *   "facebook_url","introduction"} -> 200;
 * POST /api/v1/admin/areas/{id}/drop-ins {"venue","address","weekday",
 *   "starts","ends","frequency","week","first_date","notes"} -> 201.
 * Broken rules are 422 invalid, 409 conflict or 404 area_not_found. */
int api_admin_create_area(struct http_request *req, struct http_response *res);
int api_admin_set_coordinator(struct http_request *req, struct http_response *res);
int api_admin_add_drop_in(struct http_request *req, struct http_response *res);

#endif
