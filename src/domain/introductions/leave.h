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
 * those days (domain/introductions/introduction.h), and while they are away a colleague
 * recorded as covering (alongside user cover) sees the area's inbox.
 *
 * Who may see and record a coordinator's leave is decided here: the
 * coordinator, a team leader of one of their areas, or an administrator.
 * For anyone else the coordinator is not found (RESULT_NOT_FOUND, subject
 * "coordinator"), as for someone who is not a coordinator at all; a
 * refused addition is audited.  Invalid dates are RESULT_INVALID naming
 * starts_on or ends_on.
 */

struct leave {
	const char *id;
	const char *starts_on;
	const char *ends_on;
	const char *created_at;
};

int leave_add(struct db *db, const struct caller *who, const char *coordinator_id,
	      const char *starts_on, const char *ends_on, char *id_out, struct err *e);

/* The coordinator's leave, soonest first, ending on or after `from` (or
 * all with from NULL), in the arena. */
int leave_list(struct db *db, const struct caller *who, const char *coordinator_id,
	       const char *from, struct arena *a, struct leave **out, size_t *count,
	       struct err *e);

#endif
