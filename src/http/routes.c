#include "http/routes.h"

#include "api/api.h"
#include "http/assets.h"
#include "web/pages.h"

const struct route routes[] = {
	{"GET", "/", web_home, ROLE_PUBLIC, 0, NULL},
	{"GET", "/find", web_find, ROLE_PUBLIC, 0, NULL},
	{"GET", "/areas", web_areas, ROLE_PUBLIC, 0, NULL},
	{"GET", "/areas/{id}", web_area, ROLE_PUBLIC, 0, NULL},
	{"GET", "/areas/{id}/drop-ins.ics", web_area_calendar, ROLE_PUBLIC, 0, NULL},
	{"GET", "/sign-in", web_sign_in_form, ROLE_PUBLIC, 0, NULL},
	{"POST", "/sign-in", web_sign_in, ROLE_PUBLIC, 0, NULL},
	{"POST", "/sign-out", web_sign_out, ROLE_STAFF, 0, NULL},
	{"GET", "/staff", web_staff_home, ROLE_STAFF, 0, NULL},
	{"GET", "/account/sessions", web_own_sessions, ROLE_STAFF, 0, NULL},
	{"POST", "/account/sessions/{id}/end", web_end_own_session, ROLE_STAFF, 0, NULL},
	{"GET", "/admin/users", web_admin_users, ROLE_ADMIN, 0, NULL},
	{"GET", "/admin/users/new", web_admin_new_user, ROLE_ADMIN, 0, NULL},
	{"POST", "/admin/users", web_admin_add_user, ROLE_ADMIN, 0, NULL},
	{"GET", "/admin/users/{id}", web_admin_user, ROLE_ADMIN, 0, NULL},
	{"POST", "/admin/users/{id}/roles", web_admin_set_role, ROLE_ADMIN, 0, NULL},
	{"POST", "/admin/users/{id}/password", web_admin_set_password, ROLE_ADMIN, 0, NULL},
	{"POST", "/admin/users/{id}/disable", web_admin_disable, ROLE_ADMIN, 0, NULL},
	{"POST", "/admin/users/{id}/enable", web_admin_enable, ROLE_ADMIN, 0, NULL},
	{"POST", "/admin/users/{id}/sessions/{session}/end", web_admin_end_session, ROLE_ADMIN,
	 0, NULL},
	{"GET", "/assets/*", assets_handle, ROLE_PUBLIC, 0, NULL},
	{"GET", "/healthz", api_healthz, ROLE_PUBLIC, ROUTE_JSON, NULL},
	{"GET", "/readyz", api_readyz, ROLE_PUBLIC, ROUTE_JSON, NULL},
	{"GET", "/api/v1/lookup", api_lookup, ROLE_PUBLIC, 0, NULL},
	{"GET", "/api/v1/areas", api_areas, ROLE_PUBLIC, 0, NULL},
	{"GET", "/api/v1/areas/{id}", api_area, ROLE_PUBLIC, 0, NULL},
	{"POST", "/api/v1/admin/areas", api_admin_create_area, ROLE_ADMIN, 0,
	 "areas.write"},
	{"PUT", "/api/v1/admin/areas/{id}/coordinator", api_admin_set_coordinator,
	 ROLE_ADMIN, 0, "areas.write"},
	{"POST", "/api/v1/admin/areas/{id}/drop-ins", api_admin_add_drop_in,
	 ROLE_ADMIN, 0, "areas.write"},
};

const size_t route_count = sizeof routes / sizeof routes[0];
