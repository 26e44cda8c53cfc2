/* alongside routes: the route table, for people reviewing access and for
 * the test that checks every route against its expected answers. */
#include "cli/cli.h"
#include "server/router.h"
#include "server/routes.h"

#include <stdio.h>
#include <stdlib.h>

static const char *role_name(enum http_role role)
{
	switch (role) {
	case ROLE_PUBLIC:
		return "public";
	case ROLE_STAFF:
		return "staff";
	case ROLE_TEAM_LEADER:
		return "team_leader";
	case ROLE_ADMIN:
		return "admin";
	default:
		return "unset";
	}
}

int cli_routes(const struct cli_command *cmd, int argc, char **argv)
{
	struct cli_args args;
	int rc = cli_parse(cmd, argc, argv, &args);
	if (rc)
		return rc == CLI_HELP_SHOWN ? EXIT_SUCCESS : rc;
	for (size_t i = 0; i < route_count; i++)
		printf("%s\t%s\t%s\t%s\n", routes[i].method, routes[i].pattern,
		       role_name(routes[i].role), routes[i].scope ? routes[i].scope : "-");
	return EXIT_SUCCESS;
}
