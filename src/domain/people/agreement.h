#ifndef ALONGSIDE_DOMAIN_PEOPLE_AGREEMENT_H
#define ALONGSIDE_DOMAIN_PEOPLE_AGREEMENT_H

#include <stdbool.h>
#include <stddef.h>

struct arena;
struct caller;
struct db;
struct err;

/*
 * The shared agreement: what a person and their coordinator agreed to work
 * toward while walking alongside, in the person's words, and theirs to
 * change or end (schema/011).
 *
 *  - It belongs to an involvement of walking alongside; a family's
 *    involvement shares one.  A person's agreement is that of their open
 *    involvement; when that has none yet there is none yet, even if an
 *    earlier one had one (a return starts afresh, from_version 0).  With
 *    none open, it is that of their latest involvement that had one.
 *    Starting one on short-term help, or with no open involvement, is
 *    refused at "involvement".
 *  - Earlier ones are kept, each readable by its involvement's id
 *    (agreement_list names them), whole and only ever read: a change is
 *    made only to the open involvement's.
 *  - It is goals in the person's words, each with steps toward it; a step
 *    says who takes it (agreement_takers, with a name beside it if they
 *    like), by when only if they want a date, and where it has got to
 *    (agreement_step_states).
 *  - Every change makes a new version, whole: when and how the person
 *    agreed to it (agreed_on, not in the future; agreement_agreed_hows),
 *    who asked for it (agreement_askers: a change or an ending the person
 *    asked for is recorded as theirs, naming the person whose agreement
 *    it was saved through, so in a family the member who asked), and why,
 *    in words.  Ending is a
 *    version in state "ended" (given without goals, it keeps those of the
 *    version it ends); a later version puts it in place again.  One
 *    starts in place.  Nothing is overwritten.
 *  - It may refer to a plan another service holds: the service's name,
 *    its reference and a note.  Never a copy of that plan, and no other
 *    service can change it (only staff of this programme have access).
 *  - A goal or step given with the key of one in the version it changes
 *    is the same goal or step (its words may change); without a key it is
 *    new.  Two versions compare goal by goal and step by step: added,
 *    removed, changed (which fields), each naming the version that made
 *    that change, and so who made it and who asked for it.
 *
 * Access and audit as for the person (domain/people/person.h): through
 * the person's area and the involvement's area, for a read as for a
 * change; record type "agreement", the area; "create" and
 * "update" name the agreement, "read" the agreement (its versions, one
 * version, a comparison); a refusal names the person, with outcome
 * "refused"; a read with nothing to read has outcome "not_found", naming
 * the person when there is no agreement yet, else the agreement.  A person out of
 * reach is not found ("person"), word for word as one that does not
 * exist; no agreement yet, or none for an involvement id given (not one
 * of the person's, or without one), is not found ("agreement"); a version
 * number it does not have is not found ("version").  agreement_list is
 * audited as a "read" naming the person.
 *
 * Results (core/err.h): RESULT_OK; RESULT_INVALID naming every field at
 * fault ("involvement", "from_version", "state", "agreed_on",
 * "agreed_how", "asked_by", "why", "goals", "goals.N.words",
 * "goals.N.key", "goals.N.steps", "goals.N.steps.M.key",
 * "goals.N.steps.M.words",
 * "goals.N.steps.M.taken_by", "goals.N.steps.M.by_when",
 * "goals.N.steps.M.status", "other_plan_reference"..., N and M from 0);
 * RESULT_CONFLICT when the version the change was made from is no longer
 * the current one (someone else changed it meanwhile), or when starting
 * one (from_version 0) where there is one already; RESULT_NOT_FOUND;
 * RESULT_FAILED.  Nothing is written unless all is valid.
 */

#define AGREEMENT_GOALS_MAX 12
#define AGREEMENT_STEPS_MAX 12     /* toward one goal */
#define AGREEMENT_WORDS_MAX 1000   /* a goal, a step, why */
#define AGREEMENT_NAME_MAX 200     /* who takes a step; a service's name */

struct agreement_step_input {
	const char *key;           /* the same step as in the version changed; NULL: new */
	const char *words;         /* needed */
	const char *taken_by;      /* agreement_takers; needed */
	const char *taken_by_words;
	const char *by_when;       /* YYYY-MM-DD or NULL */
	const char *status;        /* agreement_step_states; NULL: not_yet */
};

struct agreement_goal_input {
	const char *key;           /* the same goal as in the version changed; NULL: new */
	const char *words;         /* needed */
	const struct agreement_step_input *steps;
	size_t step_count;
};

struct agreement_input {
	long from_version;         /* the version changed; 0 to start one */
	const char *state;         /* in_place | ended; NULL: in_place */
	const char *asked_by;      /* agreement_askers; needed */
	const char *why;
	const char *agreed_on;     /* YYYY-MM-DD; NULL: today */
	const char *agreed_how;    /* agreement_agreed_hows; needed */
	const char *other_plan_service;
	const char *other_plan_reference;
	const char *other_plan_note;
	const struct agreement_goal_input *goals;
	size_t goal_count;         /* at least one while in place */
};

struct agreement_step {
	const char *key;
	const char *words;
	const char *taken_by;
	const char *taken_by_words;
	const char *by_when;
	const char *status;
};

struct agreement_goal {
	const char *key;
	const char *words;
	struct agreement_step *steps;
	size_t step_count;
};

struct agreement_version {
	long version;
	const char *state;
	const char *asked_by;
	const char *asked_by_person_id;    /* asked_by "person": the member it
					    * was saved through; else NULL */
	const char *asked_by_person_name;  /* the name they like to be called */
	const char *why;
	const char *agreed_on;
	const char *agreed_how;
	const char *other_plan_service;
	const char *other_plan_reference;
	const char *other_plan_note;
	const char *made_by;
	const char *made_by_name;
	const char *made_at;
	struct agreement_goal *goals;
	size_t goal_count;
};

struct agreement {
	const char *id;
	const char *involvement_id;
	const char *person_id;         /* the person it was asked for by */
	const char *person_name;       /* the name they like to be called */
	const char *coordinator_name;  /* the person's coordinator, or NULL */
	const char **member_names;     /* everyone in the involvement */
	size_t member_count;
	long version;                  /* the current one */
	bool open;                     /* its involvement is still open */
	const char *involvement_kind;  /* short_term once it became that:
					* then, as when not open, it can
					* only be read */
	struct agreement_version *versions;  /* oldest first; NULL from
					      * agreement_version_get */
	size_t version_count;
	struct agreement_version *current;   /* the one asked for, or the latest */
	const char *started_on;        /* its involvement's, YYYY-MM-DD */
	const char *ended_on;          /* NULL while it is open */
};

/* One of a person's agreements, for a list of them. */
struct agreement_summary {
	const char *involvement_id;    /* the time walking alongside it is of */
	const char *started_on;
	const char *ended_on;          /* NULL while it is open */
	long version;                  /* its latest */
	const char *state;             /* of its latest version */
	const char *agreed_on;         /* of its latest version */
};

/* Starts (from_version 0) or changes the person's agreement; *out is it
 * with the new version current. */
int agreement_save(struct db *db, const struct caller *who, const char *person_id,
		   const struct agreement_input *in, struct arena *a, struct agreement **out,
		   struct err *e);

/* The person's agreement with every version; given involvement_id (NULL:
 * the person's, as above), that involvement's. */
int agreement_get(struct db *db, const struct caller *who, const char *person_id,
		  const char *involvement_id, struct arena *a, struct agreement **out,
		  struct err *e);

/* The agreement with just one version, as current. */
int agreement_version_get(struct db *db, const struct caller *who, const char *person_id,
			  const char *involvement_id, long version, struct arena *a,
			  struct agreement **out, struct err *e);

/* Every agreement the person has had, newest involvement first (none:
 * *count 0), leaving out any whose involvement's area the caller does not
 * reach. */
int agreement_list(struct db *db, const struct caller *who, const char *person_id,
		   struct arena *a, struct agreement_summary **out, size_t *count,
		   struct err *e);

enum agreement_difference { AGREEMENT_ADDED, AGREEMENT_REMOVED, AGREEMENT_CHANGED };

struct agreement_item_change {
	enum agreement_difference difference;
	const char *goal_key;
	const char *step_key;          /* NULL: the goal itself */
	const struct agreement_goal *goal_before, *goal_after;  /* NULL when absent */
	const struct agreement_step *step_before, *step_after;
	const char *fields;            /* changed, comma-separated: "words,status" */
	const struct agreement_version *by;  /* the version that made the change */
};

struct agreement_comparison {
	const struct agreement_version *from, *to;
	const struct agreement_version *between;  /* every version after from up
						   * to to, oldest first */
	size_t between_count;
	struct agreement_item_change *changes;    /* goals in to's order, each
						   * followed by its steps */
	size_t change_count;
};

/* Two versions of the person's agreement (or involvement_id's, as
 * agreement_get) side by side (from before to or after it: the older is
 * always "from"). */
int agreement_compare(struct db *db, const struct caller *who, const char *person_id,
		      const char *involvement_id, long from, long to, struct arena *a,
		      struct agreement **agreement, struct agreement_comparison *out,
		      struct err *e);

/* The values each field takes, NULL-terminated, for the route table. */
extern const char *const agreement_takers[];
extern const char *const agreement_step_states[];
extern const char *const agreement_askers[];
extern const char *const agreement_agreed_hows[];
extern const char *const agreement_states[];

#endif
