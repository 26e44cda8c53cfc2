#ifndef ALONGSIDE_DOMAIN_PEOPLE_CASELOAD_H
#define ALONGSIDE_DOMAIN_PEOPLE_CASELOAD_H

#include <stdbool.h>
#include <stddef.h>

struct arena;
struct caller;
struct db;
struct err;

/*
 * A coordinator's caseload: their people (people.coordinator_id) with an
 * open involvement, walking alongside and short-term help apart, each with
 * their last conversation (the involvement's latest held one) and next
 * step (its latest conversation's).  An involvement moved in from a
 * spreadsheet may know the last contact before moving in (a date, not a
 * conversation: how it happened is not known); the person's last contact
 * is the later of the two.  Someone not talked with for `quiet_days` (the
 * setting quiet-after), counted from their last contact, or from the
 * involvement's start while there has been none, is marked quiet: shown
 * gently, never as overdue.
 *
 * Capacity (users.capacity, default 55) counts walking-alongside
 * involvements, a family's once; short-term help is shown beside it and
 * not counted.
 *
 * A team leader sees every coordinator of their team (a coordinator of one
 * of the team's areas: caseload against capacity, introductions waiting in
 * their areas, on leave today, people gone quiet), sets a coordinator's
 * capacity, and moves some or all of one coordinator's people to another
 * (when someone leaves), each move audited per person (action "move",
 * record type "person", the person's area) and kept in the person's
 * changes (field "coordinator_id").
 *
 * Access: a coordinator their own caseload; a team leader any coordinator
 * of their team's, but only the people of the areas they reach
 * (access_casework): a coordinator may work another team's areas too.
 * The capacity counts (walking_alongside, short_term) are of the
 * coordinator's whole load; the entries and the quiet count only of the
 * people the caller reaches.  An administrator sees none (no case
 * records).  Others are
 * told the coordinator is not found (subject "coordinator"), as for an id
 * that is no coordinator, and the refusal is audited.  Every read is
 * audited (action "read", record type "caseload", the coordinator's id and
 * first area).
 */

struct caseload_entry {
	const char *person_id;
	const char *name;
	const char *preferred_name;
	const char *involvement_id;
	const char *kind;              /* short_term | walking_alongside */
	const char *started_on;
	bool is_return;
	long household_size;           /* people sharing the involvement */
	const char *last_conversation_at;  /* NULL: none yet */
	const char *last_conversation_on;  /* its UK day, YYYY-MM-DD; NULL: none */
	const char *last_contact_before_import;  /* YYYY-MM-DD; NULL: none */
	bool last_contact_is_before_import;  /* no conversation held since */
	const char *next_step;
	const char *next_step_on;
	bool quiet;                    /* no contact for quiet_days */
	const char *area_id;           /* the person's */
};

struct caseload {
	const char *coordinator_id;
	const char *coordinator_name;
	long capacity;
	long walking_alongside;        /* counted: involvements, a family once */
	long short_term;               /* shown, not counted */
	long waiting;                  /* introductions of their areas before an outcome */
	long quiet;
	bool on_leave;                 /* today */
	bool disabled;                 /* the account is: their people wait to move */
	struct caseload_entry *entries;  /* walking alongside first, then by name */
	size_t count;
};

/* One coordinator's caseload (NULL: the caller's own). */
int caseload_get(struct db *db, const struct caller *who, const char *coordinator_id,
		 int quiet_days, struct arena *a, struct caseload *out, struct err *e);

/* Every coordinator of the team leader's team, by name, without entries
 * (count 0).  RESULT_FORBIDDEN for a caller who leads no team. */
int caseload_team(struct db *db, const struct caller *who, int quiet_days, struct arena *a,
		  struct caseload **out, size_t *count, struct err *e);

/* Sets a coordinator's capacity (1 to 200, user_check_capacity): their
 * team leader only; audited as the administrators' user_set_capacity is
 * (action "capacity_change", record type "user"), and kept with its date
 * as that is (user_capacity_kept).  RESULT_INVALID names
 * "capacity". */
int caseload_set_capacity(struct db *db, const struct caller *who, const char *coordinator_id,
			  long capacity, struct err *e);

/* Moves people to the coordinator `to`; both coordinators of the team
 * leader's team.  person_ids NULL moves every person whose coordinator
 * `from` is and whom the caller reaches, those whose involvement has ended
 * too, so that a return finds the new coordinator.  `to` must work each
 * person's area.  RESULT_INVALID names "to" (not a coordinator of the
 * team, the same as `from`, or not working a person's area) or
 * "person_ids" (none chosen, or one not among `from`'s people); nothing
 * moves unless all can, and a refused target or person is audited
 * (action "move", outcome "refused", the coordinator `to` as record type
 * "user", or the person as "person").  *moved says how many moved. */
int caseload_move(struct db *db, const struct caller *who, const char *from, const char *to,
		  const char *const *person_ids, size_t person_count, size_t *moved,
		  struct err *e);

#endif
