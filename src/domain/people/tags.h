#ifndef ALONGSIDE_DOMAIN_PEOPLE_TAGS_H
#define ALONGSIDE_DOMAIN_PEOPLE_TAGS_H

#include <stddef.h>

struct arena;
struct caller;
struct db_conn;
struct err;

/*
 * Gifts, skills, strengths and interests as tags from the one list the
 * team grows (and the community directory will use): a name no tag has
 * yet adds one.  Two names are one tag when their keys match: trimmed,
 * runs of space made one, ASCII letters in lower case ("Gardening" and
 * " gardening" are one).  The name kept is the first one typed.
 *
 * These work on a connection inside the caller's transaction; access and
 * audit are the person's (domain/people/person.h), and person_tag_list is
 * declared there.
 */

#define TAG_NAME_MAX 60  /* characters */

/* The key of a name, in the arena. */
const char *tags_key(struct arena *a, const char *name);

/* Adds a field error ("tags") for more than PERSON_TAGS_MAX names or a
 * name that is empty, too long or more than one line. */
void tags_check(const char *const *names, size_t count, struct err *e);

/* Sets the person's tags to names (checked), adding tags the list lacks. */
int tags_set_on(struct db_conn *c, const struct caller *who, const char *person_id,
		const char *const *names, size_t count, struct arena *a, struct err *e);

/* The person's tags' names, alphabetical by key, in the arena. */
int tags_of_on(struct db_conn *c, const char *person_id, struct arena *a, const char ***names,
	       size_t *count, struct err *e);

#endif
