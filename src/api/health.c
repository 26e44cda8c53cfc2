#include "api/api.h"

#include "core/log.h"
#include "db/db.h"
#include "db/instance.h"
#include "db/migrate.h"
#include "http/app.h"
#include "http/http.h"

int api_healthz(struct http_request *req, struct http_response *res)
{
	http_add_header(res, "Cache-Control", "no-store");
	return http_send_json(req, res, 200, json_pack("{s:s}", "status", "ok"));
}

int api_readyz(struct http_request *req, struct http_response *res)
{
	http_add_header(res, "Cache-Control", "no-store");
	const struct app *app = req->app;
	const char *backend = db_kind_name(app->db);
	struct db_conn *c;
	struct err e = {0};
	int version = 0;
	const char *instance = NULL;
	const char *problem = NULL;
	if (db_acquire(app->db, &c, &e) < 0) {
		problem = "database_unreachable";
	} else {
		if (db_ping(c, &e) < 0)
			problem = "database_unreachable";
		else if (migrate_current_version(c, &version, &e) < 0)
			problem = "schema_not_current";
		else if (version != app->schema_version) {
			problem = "schema_not_current";
			err_set(&e, "schema version %d differs from this binary's %d",
				version, app->schema_version);
		}
		else if (instance_id(c, req->arena, &instance, &e) < 0)
			problem = "database_unreachable";
		db_release(c);
	}
	if (problem) {
		/* Readiness probes repeat; a warning per failed probe is what
		 * an operator needs to see why the instance is out of rotation. */
		log_warn("readyz: %s: %s", problem, e.msg);
		return http_send_json(req, res, 503,
				      json_pack("{s:s,s:s,s:s,s:i,s:i}", "status",
						"unavailable", "reason", problem,
						"database", backend, "schema_version",
						version, "schema_expected",
						app->schema_version));
	}
	return http_send_json(req, res, 200,
			      json_pack("{s:s,s:s,s:i,s:s?}", "status", "ok",
					"database", backend, "schema_version",
					version, "instance", instance));
}
