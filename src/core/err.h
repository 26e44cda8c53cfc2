#ifndef ALONGSIDE_CORE_ERR_H
#define ALONGSIDE_CORE_ERR_H

/*
 * Errors travel up as a negative return code plus a message in a caller-owned
 * struct err.  The function that fails fills the message; the caller that
 * handles the failure logs or shows it once.  Nothing here allocates.
 */

#define ERR_MSG_MAX 1024

struct err {
	char msg[ERR_MSG_MAX];
};

/* Formats the message into e (truncating at ERR_MSG_MAX) and returns -1, so a
 * failing function can end with `return err_set(e, ...)`.  e may be NULL. */
int err_set(struct err *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
