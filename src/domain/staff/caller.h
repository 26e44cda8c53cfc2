#ifndef ALONGSIDE_DOMAIN_STAFF_CALLER_H
#define ALONGSIDE_DOMAIN_STAFF_CALLER_H

#include <stddef.h>

struct api_token;
struct session;
struct user;

/*
 * Who is asking.  Every domain function that reads or changes a person's
 * record, or changes anything the audit log keeps, takes the caller: the
 * domain decides what the caller may reach (domain/staff/access.h) and
 * writes the audit entry (domain/staff/audit.h) from it, so no handler
 * can forget either.
 *
 *   CALLER_PUBLIC  anyone, unsigned: the public pages and forms
 *   CALLER_STAFF   a signed-in member of staff (user, and session when the
 *                  request came with a cookie)
 *   CALLER_TOKEN   an API token, reaching only what its scopes name
 *   CALLER_CLI     the command line, run by whoever runs the server
 *   CALLER_JOB     a background job inside the server (the mailer)
 *
 * The strings are owned by whoever made the caller (the request's arena,
 * or literals) and must outlive every call it is passed to.
 */

enum caller_kind {
	CALLER_PUBLIC,
	CALLER_STAFF,
	CALLER_TOKEN,
	CALLER_CLI,
	CALLER_JOB,
};

struct caller {
	enum caller_kind kind;
	const struct user *user;          /* CALLER_STAFF, else NULL */
	const struct session *session;    /* the user's session, if any */
	const struct api_token *token;    /* CALLER_TOKEN, else NULL */
	const char **cover_areas;         /* areas the user covers today */
	size_t cover_area_count;
	const char *client_address;       /* "cli", or the job's name */
	const char *request_id;           /* NULL outside a request */
};

/* Someone unsigned, from an address, in a request. */
struct caller caller_public(const char *client_address, const char *request_id);

/* Whoever runs a command. */
struct caller caller_cli(void);

/* A background job of the server, named ("mailer"), a literal. */
struct caller caller_job(const char *name);

/* The caller's user id or token id, or NULL. */
const char *caller_user_id(const struct caller *who);
const char *caller_token_id(const struct caller *who);

#endif
