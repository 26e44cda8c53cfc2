#ifndef ALONGSIDE_DOMAIN_OUTCOMES_WELLBEING_H
#define ALONGSIDE_DOMAIN_OUTCOMES_WELLBEING_H

#include <stdbool.h>
#include <stddef.h>

struct arena;
struct caller;
struct db;
struct err;

/*
 * Personal wellbeing: the ONS four questions (domain/outcomes/measures.h),
 * asked only if the person wishes, at the start, at a review or at the end
 * of their time with the programme (schema/021).
 *
 *  - Each question is answered 0 to 10 or not answered; or the person
 *    declines them all, which is kept as their choice (declined), with no
 *    answers.  A sitting with nothing answered and nothing declined is
 *    refused: there is nothing to keep.
 *  - The four stay four measures, never combined.
 *  - A sitting belongs to the person's open involvement, else their
 *    latest (an "end" may be recorded after it ended); with none, refused
 *    at "involvement".
 *  - Nothing is deleted: a sitting recorded in error is withdrawn with a
 *    reason, and stays listed as withdrawn.
 *
 * Access through the person's area (access_casework); a person out of
 * reach is not found ("person"), word for word as one that does not
 * exist.  Audited with record type "wellbeing" and the person's area:
 * "create" and "withdraw" name the sitting, "read" names the person; a
 * refusal is audited with outcome "refused".
 *
 * Results (core/err.h): RESULT_OK; RESULT_INVALID naming every field at
 * fault ("point", "taken_on", "declined", "involvement", "why", and a
 * measure's key such as "anxious"); RESULT_NOT_FOUND ("person",
 * "wellbeing" for a sitting that is not the person's); RESULT_CONFLICT
 * withdrawing one already withdrawn; RESULT_FAILED.  Nothing is written
 * unless all is valid.
 */

#define WELLBEING_NOT_ANSWERED (-1)
#define WELLBEING_WHY_MAX 1000

struct wellbeing_input {
	const char *point;      /* wellbeing_points; needed */
	const char *taken_on;   /* YYYY-MM-DD, not in the future; needed */
	bool declined;          /* the person chose not to answer at all */
	int answers[4];         /* in wellbeing_measures' order, 0-10 or
				 * WELLBEING_NOT_ANSWERED */
};

struct wellbeing_sitting {
	const char *id;
	const char *involvement_id;
	const char *point;
	const char *taken_on;
	bool declined;
	int answers[4];         /* WELLBEING_NOT_ANSWERED where not answered */
	const char *created_by_name;
	const char *created_at;
	const char *withdrawn_at;   /* NULL unless withdrawn */
	const char *withdrawn_why;
	const char *withdrawn_by_name;
};

/* Records a sitting for the person; *id (in the arena) is its id. */
int wellbeing_record(struct db *db, const struct caller *who, const char *person_id,
		     const struct wellbeing_input *in, struct arena *a, const char **id,
		     struct err *e);

/* Every sitting of the person, withdrawn ones too, oldest first (by the
 * day taken). */
int wellbeing_list(struct db *db, const struct caller *who, const char *person_id,
		   struct arena *a, struct wellbeing_sitting **out, size_t *count,
		   struct err *e);

/* Withdraws the person's sitting id, with the reason why (needed). */
int wellbeing_withdraw(struct db *db, const struct caller *who, const char *person_id,
		       const char *id, const char *why, struct arena *a, struct err *e);

/* The points a sitting is taken at, NULL-terminated, for the route table. */
extern const char *const wellbeing_points[];

#endif
