#ifndef ALONGSIDE_DOMAIN_AREA_MOVES_H
#define ALONGSIDE_DOMAIN_AREA_MOVES_H

#include <stdbool.h>
#include <stddef.h>

#include "domain/staff/caller.h"

struct arena;
struct db;
struct err;
struct lookup_context;
struct lookup_result;

/*
 * After an area's wards change, nobody moves by themselves: the people
 * and the open introductions (new, contacted, conversation arranged) keep
 * the area they had.  This lists those whose postcode would now place
 * them in another area, placed as they were when made (a covered area's
 * own; an introduction from outside cover, or a person just outside it,
 * with the nearest covered area), so the team leader can move each, or
 * leave it where it is (it stays on the list).  A person whose postcode is
 * now in another area not covered yet is listed too, with that area:
 * placement alone would leave them where they are (the nearest covered
 * area) or in none, and the list would wrongly say their postcode is in
 * their own area; moving them there is the team leader's choice.  A
 * person in the area their postcode is in is never listed, covered or
 * not; an introduction always goes to a covered area.
 *
 * Reach: an administrator sees every area's; a team leader their team's
 * areas'; anyone else is RESULT_FORBIDDEN.  A move is audited
 * ("area_move", the record's type and id, the area it moved to: no
 * personal data), a move out of reach is RESULT_NOT_FOUND and recorded
 * "refused", and a record no longer on the list (its postcode is in its
 * own area now) is RESULT_CONFLICT.  A person's move is kept in their
 * history and takes their open involvements with them, as a change of
 * area on their record does.
 */

struct area_move {
	const char *kind;       /* "person" or "introduction" */
	const char *id;
	const char *name;       /* the person's name, to know them by */
	const char *postcode;
	const char *from_id;
	const char *from_name;
	const char *to_id;
	const char *to_name;
	bool to_covered;        /* false: their postcode is in an area not covered yet */
};

/* The area (an index in the lookup's map) a record of kind whose postcode
 * was looked up as r would be placed in now, or -1 for none.  Pure. */
long area_moves_destination(const struct lookup_result *r, bool introduction);

/* Where a record (an introduction or a person) in the area with index
 * from (-1: not on the map) whose postcode was looked up as r would move
 * to, as above: an area's index, or -1 when it stays off the list.
 * Pure. */
long area_moves_target(const struct lookup_result *r, bool introduction, long from);

/* Everyone within the caller's reach who would move, people first, by
 * area and name; in the arena. */
int area_moves_list(const struct lookup_context *ctx, struct arena *a,
		    const struct caller *who, struct area_move **out, size_t *count,
		    struct err *e);

/* Moves the record (kind "person" or "introduction") to the area its
 * postcode places it in now; *to_area is that area's id (in the arena). */
int area_move(const struct lookup_context *ctx, struct arena *a, const struct caller *who,
	      const char *kind, const char *id, const char **to_area, struct err *e);

#endif
