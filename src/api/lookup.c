#include "api/api.h"

#include "http/app.h"
#include "core/config.h"
#include "domain/areas/lookup.h"
#include "http/http.h"

int api_lookup(struct http_request *req, struct http_response *res)
{
	const struct app *app = req->app;
	const char *postcode = http_query(req, "postcode");
	const char *lat = http_query(req, "lat");
	const char *lon = http_query(req, "lon");
	if (!req->map)
		return http_send_error(req, res, 503, "no_geography",
				       "Ward boundaries have not been loaded "
				       "yet.");
	if (!postcode && !(lat && lon))
		return http_send_error(req, res, 400, "missing_parameter",
				       "Give a postcode, or lat and lon.");
	struct lookup_context ctx = {app->db, req->map,
				     app->config->near_metres, req->postcodes};
	struct lookup_result r;
	enum lookup_status status;
	int rc = postcode ? lookup_postcode(&ctx, req->arena, postcode, &r,
					    &status, &req->err)
			  : lookup_point(&ctx, req->arena, lat, lon, &r, &status,
					 &req->err);
	if (rc < 0)
		return -1;
	switch (status) {
	case LOOKUP_INVALID_POSTCODE:
		return http_send_error(req, res, 400, "invalid_postcode",
				       "That is not a UK postcode. A postcode "
				       "looks like YO1 7HH.");
	case LOOKUP_INVALID_COORDINATES:
		return http_send_error(req, res, 400, "invalid_coordinates",
				       "lat must be a number from -90 to 90 and "
				       "lon from -180 to 180.");
	case LOOKUP_POSTCODE_NOT_FOUND:
		return http_send_error(req, res, 404, "postcode_not_found",
				       "We do not hold that postcode.");
	case LOOKUP_FOUND:
		break;
	}
	return http_send_json(req, res, 200, lookup_json(req->arena, req->map, &r));
}
