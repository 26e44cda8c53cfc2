/* Drop-ins over JSON: how one reads (in an area's public record), and
 * changing one, for administrators and API tokens with the areas.write
 * scope. */
#include "api/api.h"
#include "api/areas_json.h"

#include "core/arena.h"
#include "core/date.h"
#include "core/err.h"
#include "core/id.h"
#include "domain/areas/dropin.h"
#include "domain/areas/lookup.h"
#include "http/app.h"
#include "http/http.h"
#include "http/json_input.h"

#include <math.h>
#include <time.h>

/* How many of its dates a drop-in's record lists. */
#define NEXT_DATES 6

static json_t *date_json(struct date d)
{
	char text[11];
	date_format(d, text);
	return json_string(text);
}

json_t *api_dropin_json(const struct dropin *d, struct date today)
{
	json_t *cancellations = json_array();
	for (size_t i = 0; i < d->cancellation_count; i++)
		json_array_append_new(cancellations,
				      json_pack("{s:s,s:o,s:s}", "id", d->cancellations[i].id,
						"on_date", date_json(d->cancellations[i].on_date),
						"reason", d->cancellations[i].reason));
	struct date dates[NEXT_DATES];
	size_t n = dropin_next_dates(&d->rule, today, dates, NEXT_DATES);
	json_t *next_dates = json_array();
	for (size_t i = 0; i < n; i++) {
		const struct dropin_cancellation *x = dropin_cancelled(d, dates[i]);
		json_array_append_new(next_dates,
				      json_pack("{s:o,s:b,s:s?}", "date", date_json(dates[i]),
						"cancelled", x != NULL, "reason",
						x ? x->reason : NULL));
	}
	struct dropin_upcoming up;
	dropin_upcoming(d, today, &up);
	json_t *week = d->rule.week_of_month < 0 ? json_string("last")
		       : d->rule.week_of_month  ? json_integer(d->rule.week_of_month)
						: json_null();
	return json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:o,s:o,s:o,s:s?,s:i,s:o,s:o,s:o}", "id",
			 d->id, "venue", d->venue, "address", d->address, "weekday",
			 dropin_weekday_name(d->rule.weekday), "starts", d->starts, "ends",
			 d->ends, "frequency", dropin_frequency_name(d->rule.frequency), "week",
			 week, "first_date", date_json(d->rule.first), "last_date",
			 d->rule.ends ? date_json(d->rule.last) : json_null(), "notes", d->notes,
			 "sequence", d->sequence, "next",
			 date_to_days(up.next) == date_to_days(DROPIN_NEVER) ? json_null()
									      : date_json(up.next),
			 "next_dates", next_dates, "cancellations", cancellations);
}

json_t *api_dropins_json(const struct lookup_context *ctx, struct arena *a,
			 const struct dropin *list, size_t count, struct date today, struct err *e)
{
	json_t *out = json_array();
	for (size_t i = 0; i < count; i++) {
		const struct dropin *d = &list[i];
		if (!dropin_goes_on(d, today))
			continue;
		struct lookup_place at;
		if (lookup_dropin_place(ctx, a, d, &at, e) != RESULT_OK) {
			json_decref(out);
			return NULL;
		}
		json_t *one = api_dropin_json(d, today);
		json_object_set_new(one, "when",
				    json_string(arena_printf(a, "%s, %s to %s",
							     dropin_describe(a, &d->rule),
							     d->starts, d->ends)));
		json_object_set_new(one, "location",
				    at.placed ? json_pack("{s:s,s:f,s:f,s:s}", "postcode",
							  at.postcode, "lat", round(at.lat * 1e6) / 1e6,
							  "lon", round(at.lon * 1e6) / 1e6,
							  "precision", "postcode_centre")
					      : json_null());
		json_array_append_new(out, one);
	}
	return out;
}

/* The drop-in named in the path as it is now, after a change: 200. */
static int changed(struct http_request *req, struct http_response *res, int status)
{
	struct dropin d;
	struct err e;
	int rc = dropin_get(req->app->db, req->arena, http_path_param(req, "id"), &d, &e);
	if (rc != RESULT_OK)
		return http_send_result(req, res, rc, &e, NULL);
	return http_send_json(req, res, status,
			      api_dropin_json(&d, date_uk_today(time(NULL))));
}

int api_admin_update_drop_in(struct http_request *req, struct http_response *res)
{
	json_t *body = req->json;
	struct dropin_input in = {
		json_input_string(body, "venue"),      json_input_string(body, "address"),
		json_input_string(body, "weekday"),    json_input_string(body, "starts"),
		json_input_string(body, "ends"),       json_input_string(body, "frequency"),
		json_input_string(body, "week"),       json_input_string(body, "first_date"),
		json_input_string(body, "notes"),      json_input_string(body, "last_date")};
	struct err e;
	int rc = dropin_update(req->app->db, req->who, http_path_param(req, "id"), &in, &e);
	if (rc != RESULT_OK)
		return http_send_result(req, res, rc, &e, NULL);
	return changed(req, res, 200);
}

int api_admin_end_drop_in(struct http_request *req, struct http_response *res)
{
	struct err e;
	int rc = dropin_end(req->app->db, req->who, http_path_param(req, "id"),
			    json_input_string(req->json, "last_date"), &e);
	if (rc != RESULT_OK)
		return http_send_result(req, res, rc, &e, NULL);
	return changed(req, res, 200);
}

int api_admin_cancel_drop_in(struct http_request *req, struct http_response *res)
{
	char id[ID_HEX_LEN + 1];
	struct err e;
	int rc = dropin_cancel(req->app->db, req->who, http_path_param(req, "id"),
			       json_input_string(req->json, "on_date"),
			       json_input_string(req->json, "reason"), id, &e);
	if (rc != RESULT_OK)
		return http_send_result(req, res, rc, &e, NULL);
	return changed(req, res, 201);
}

int api_admin_withdraw_cancellation(struct http_request *req, struct http_response *res)
{
	struct err e;
	int rc = dropin_withdraw_cancellation(req->app->db, req->who, http_path_param(req, "id"),
					      http_path_param(req, "cancellation"), &e);
	if (rc != RESULT_OK)
		return http_send_result(req, res, rc, &e, NULL);
	return changed(req, res, 200);
}
