/* alongside routes: the route table, for people reviewing access and what
 * each address takes, and for the test that checks every route against
 * its expected answers. */
#include "cli/cli.h"
#include "core/arena.h"
#include "core/sb.h"
#include "server/router.h"
#include "server/routes.h"

#include <stdio.h>
#include <stdlib.h>

#define DESCRIPTION_MAX 4096

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
	case ROLE_REPORTS:
		return "reports";
	default:
		return "unset";
	}
}

static const char *source_name(enum param_source source)
{
	switch (source) {
	case PARAM_PATH:
		return "path";
	case PARAM_QUERY:
		return "query";
	case PARAM_FORM:
		return "form";
	}
	return "?";
}

static void print_param(struct arena *a, const struct route_param *p)
{
	struct sb validator;
	sb_init(&validator, a, DESCRIPTION_MAX);
	validate_describe(p->validator, &validator);
	printf("\t%s\t%s\t%s\t%s%s\n", p->name, source_name(p->source), sb_str(&validator),
	       p->flags & PARAM_REQUIRED ? "required" : "optional",
	       p->flags & PARAM_REPEATS ? ", repeats" : "");
}

/* A JSON body's fields, those of objects within by their dotted path. */
static void print_body(const struct json_field *fields, size_t count, const char *prefix)
{
	for (size_t i = 0; i < count; i++) {
		printf("\t%s%s\tjson\t%s\toptional\n", prefix, fields[i].name,
		       json_field_type_name(fields[i].type));
		if (fields[i].type == JSON_FIELD_OBJECT || fields[i].type == JSON_FIELD_OBJECTS) {
			char inner[128];
			snprintf(inner, sizeof inner, "%s%s.%s", prefix, fields[i].name,
				 fields[i].type == JSON_FIELD_OBJECTS ? "N." : "");
			print_body(fields[i].fields, fields[i].field_count, inner);
		}
	}
}

int cli_routes(const struct cli_command *cmd, int argc, char **argv)
{
	struct cli_args args;
	int rc = cli_parse(cmd, argc, argv, &args);
	if (rc)
		return rc == CLI_HELP_SHOWN ? EXIT_SUCCESS : rc;
	struct arena *a = arena_new();
	for (size_t i = 0; i < route_count; i++) {
		const struct route *r = &routes[i];
		printf("%s\t%s\t%s\t%s\n", r->method, r->pattern, role_name(r->role),
		       r->scope ? r->scope : "-");
		for (size_t k = 0; k < r->param_count; k++)
			print_param(a, &r->params[k]);
		print_body(r->body, r->body_count, "");
	}
	arena_free(a);
	return EXIT_SUCCESS;
}
