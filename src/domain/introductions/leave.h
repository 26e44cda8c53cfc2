#ifndef ALONGSIDE_DOMAIN_LEAVE_H
#define ALONGSIDE_DOMAIN_LEAVE_H

#include <stddef.h>

struct arena;
struct caller;
struct db;
struct err;

/*
 * A coordinator's recorded leave: whole days, first to last inclusive
 * (YYYY-MM-DD, Europe/London).  Introductions to their area do not count
 * those days (domain/introduction.h), and while they are away a colleague
 * recorded as covering (alongside user cover) sees the area's inbox.
 *
 * Results: 0; LEAVE_INVALID with a message; LEAVE_NOT_FOUND for a user
 * who is not a coordinator; -1 for a system failure.
 */

#define LEAVE_INVALID (-3)
#define LEAVE_NOT_FOUND (-4)

struct leave {
	const char *id;
	const char *starts_on;
	const char *ends_on;
	const char *created_at;
};

int leave_add(struct db *db, const struct caller *actor, const char *user_id,
	      const char *starts_on, const char *ends_on, char *id_out, struct err *e);

/* The user's leave, soonest first, ending on or after `from` (or all with
 * from NULL). */
int leave_list(struct db *db, struct arena *a, const char *user_id, const char *from,
	       struct leave **out, size_t *count, struct err *e);

#endif
