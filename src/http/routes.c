#include "http/routes.h"

#include "api/api.h"
#include "http/assets.h"
#include "web/pages.h"

const struct route routes[] = {
	{"GET", "/", web_home, ROLE_PUBLIC, 0},
	{"GET", "/find", web_find, ROLE_PUBLIC, 0},
	{"GET", "/areas", web_areas, ROLE_PUBLIC, 0},
	{"GET", "/areas/{id}", web_area, ROLE_PUBLIC, 0},
	{"GET", "/areas/{id}/drop-ins.ics", web_area_calendar, ROLE_PUBLIC, 0},
	{"GET", "/assets/*", assets_handle, ROLE_PUBLIC, 0},
	{"GET", "/healthz", api_healthz, ROLE_PUBLIC, ROUTE_JSON},
	{"GET", "/readyz", api_readyz, ROLE_PUBLIC, ROUTE_JSON},
	{"GET", "/api/v1/lookup", api_lookup, ROLE_PUBLIC, 0},
	{"GET", "/api/v1/areas", api_areas, ROLE_PUBLIC, 0},
	{"GET", "/api/v1/areas/{id}", api_area, ROLE_PUBLIC, 0},
	{"POST", "/api/v1/admin/areas", api_admin_create_area, ROLE_LOOPBACK, 0},
	{"PUT", "/api/v1/admin/areas/{id}/coordinator", api_admin_set_coordinator,
	 ROLE_LOOPBACK, 0},
	{"POST", "/api/v1/admin/areas/{id}/drop-ins", api_admin_add_drop_in,
	 ROLE_LOOPBACK, 0},
};

const size_t route_count = sizeof routes / sizeof routes[0];
