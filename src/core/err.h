#ifndef ALONGSIDE_CORE_ERR_H
#define ALONGSIDE_CORE_ERR_H

#include <stddef.h>

/*
 * The one result type.  A function that can fail returns RESULT_OK (0) or
 * one of the negative kinds below, and says why in a caller-owned struct
 * err.  The function that fails fills it; the caller that handles the
 * failure shows or logs it once.  Nothing here allocates.
 *
 * Every layer uses these kinds (the database's constraint refusal is
 * RESULT_CONFLICT), so a handler turns any of them into a response in one
 * place (http_send_result in http/http.h) and never maps codes by hand.
 *
 * RESULT_INVALID carries a list of field errors, each a field path
 * ("person.phone") and a message for the person who sent it, so a form
 * can show every problem at once.  A check that collects several starts
 * from a cleared err (err_clear, or `struct err e = {0}`).
 */

enum result {
	RESULT_OK = 0,
	RESULT_FAILED = -1,    /* the system failed: roll back, log, 500 */
	RESULT_CONFLICT = -2,  /* clashes with what is stored: a duplicate */
	RESULT_INVALID = -3,   /* the input breaks a rule: see the fields */
	RESULT_NOT_FOUND = -4, /* no such record, or not one the caller may
				* reach (the two are told apart to nobody) */
	RESULT_FORBIDDEN = -5, /* the caller may not do this at all */
};

#define ERR_MSG_MAX 1024
#define ERR_FIELDS_MAX 16
#define ERR_FIELD_PATH_MAX 64
#define ERR_FIELD_MESSAGE_MAX 256

struct err_field {
	char path[ERR_FIELD_PATH_MAX];       /* "person.phone"; "" for the whole */
	char message[ERR_FIELD_MESSAGE_MAX];
};

struct err {
	char msg[ERR_MSG_MAX];     /* the whole problem, for a log or a person */
	/* For RESULT_NOT_FOUND: what was looked for ("introduction"), a
	 * literal, so an API can answer "introduction_not_found". */
	const char *subject;
	struct err_field fields[ERR_FIELDS_MAX];
	size_t field_count;
};

/* Forgets everything e held. */
void err_clear(struct err *e);

/* Formats the message into e (truncating at ERR_MSG_MAX) and returns
 * RESULT_FAILED, so a failing function can end with
 * `return err_set(e, ...)`.  e may be NULL. */
int err_set(struct err *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Sets the message and returns kind (conflict, forbidden...). */
int err_result(struct err *e, enum result kind, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* RESULT_NOT_FOUND for a subject ("area"), with a message. */
int err_not_found(struct err *e, const char *subject, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Adds a field error (path may be NULL: the input as a whole) and returns
 * RESULT_INVALID.  The first field's message becomes e->msg.  Past
 * ERR_FIELDS_MAX fields the rest are dropped: a person fixes the first
 * sixteen before seeing more. */
int err_field(struct err *e, const char *path, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* RESULT_INVALID when e holds field errors, else RESULT_OK: the end of a
 * check that collected them. */
int err_invalid_if_any(const struct err *e);

/* The message for a field, or NULL when e names none for it. */
const char *err_field_message(const struct err *e, const char *path);

/* Copies from into to (a handler keeping a domain's answer). */
void err_copy(struct err *to, const struct err *from);

#endif
