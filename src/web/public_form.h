#ifndef ALONGSIDE_WEB_PUBLIC_FORM_H
#define ALONGSIDE_WEB_PUBLIC_FORM_H

#include "core/id.h"

#include <stdbool.h>

struct err;
struct http_request;
struct http_response;
struct sb;

/*
 * What keeps robots and floods off a public form with no account ("Get
 * in touch", a suggestion for the community directory): a field people
 * never see and robots fill (named "website"), and a few kept sends an
 * hour from one client address (the public-limit setting, counted
 * together over every such form: domain/staff/throttle.h).  A robot's
 * send is answered as a person's would be, so it cannot learn that it
 * was caught; the form keeps nothing of it.
 */

/* The hidden field, for inside the form. */
void public_form_honeypot(struct sb *page);

/* True when the send filled the hidden field. */
bool public_form_robot(const struct http_request *req);

/* Takes one of the hour's places for a send before it is checked (staff
 * signed in are known, and not limited; slot is then ""): 0 when it may
 * go on, its place in slot, to give back with throttle_public_give_back
 * if the send is refused; 1 when the address is over the limit, with
 * Retry-After added to res and busy holding `message` (RESULT_INVALID),
 * for the form to show at 429; -1 with req->err set when the system
 * failed. */
int public_form_take(struct http_request *req, struct http_response *res,
		     char slot[ID_HEX_LEN + 1], const char *message, struct err *busy);

/* Radios asking one question of a public form, the legend a heading
 * (govuk-fieldset__legend--m), with a hint for the question or NULL;
 * options are {value, label, hint or NULL}; the first option's id is
 * name, so an error summary can link to it.  The fieldset is described
 * by its hint and its error, each option by its own hint. */
void public_form_choice(struct sb *page, const char *name, const char *legend,
			const char *hint, const char *const (*options)[3], size_t count,
			const char *chosen, const char *error);

#endif
