#ifndef ALONGSIDE_CORE_NAMES_H
#define ALONGSIDE_CORE_NAMES_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Is this value one of those?  The two shapes lists of names come in:
 * a NULL-terminated list of the values a field takes (the domain's
 * `extern const char *const x_kinds[]`), and a counted array of ids (a
 * user's areas).  A NULL value is in neither.
 */

/* The index of s in the NULL-terminated names, or -1. */
int names_index(const char *s, const char *const *names);

/* True when s is one of the count ids. */
bool names_contain(const char *const *ids, size_t count, const char *s);

#endif
