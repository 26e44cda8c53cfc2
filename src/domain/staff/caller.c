#include "domain/staff/caller.h"

#include "domain/staff/token.h"
#include "domain/staff/user.h"

#include <stdio.h>

struct caller caller_public(const char *client_address, const char *request_id)
{
	return (struct caller){.kind = CALLER_PUBLIC,
			       .client_address = client_address,
			       .request_id = request_id};
}

struct caller caller_cli(void)
{
	return (struct caller){.kind = CALLER_CLI, .client_address = "cli", .request_id = "cli"};
}

struct caller caller_job(const char *name)
{
	return (struct caller){.kind = CALLER_JOB, .client_address = name, .request_id = name};
}

const char *caller_user_id(const struct caller *who)
{
	return who && who->user ? who->user->id : NULL;
}

const char *caller_token_id(const struct caller *who)
{
	return who && who->token ? who->token->id : NULL;
}
