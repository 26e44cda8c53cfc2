#include "http/routes.h"

#include "api/api.h"
#include "http/assets.h"
#include "web/pages.h"

const struct route routes[] = {
	{"GET", "/", web_home, ROLE_PUBLIC, 0},
	{"GET", "/assets/*", assets_handle, ROLE_PUBLIC, 0},
	{"GET", "/healthz", api_healthz, ROLE_PUBLIC, ROUTE_JSON},
	{"GET", "/readyz", api_readyz, ROLE_PUBLIC, ROUTE_JSON},
	{"GET", "/api/v1/lookup", api_lookup, ROLE_PUBLIC, 0},
};

const size_t route_count = sizeof routes / sizeof routes[0];
