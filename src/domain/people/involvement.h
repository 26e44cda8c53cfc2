#ifndef ALONGSIDE_DOMAIN_PEOPLE_INVOLVEMENT_H
#define ALONGSIDE_DOMAIN_PEOPLE_INVOLVEMENT_H

#include <stdbool.h>
#include <stddef.h>

struct arena;
struct caller;
struct db;
struct err;

/*
 * An involvement: a stretch of time a coordinator is involved with a
 * person, either short-term help (information, a conversation, a
 * connection) or walking alongside.
 *
 *  - It starts on a date (not in the future) and runs until someone ends
 *    it: nothing ends by itself and there is no time limit.  Ending takes
 *    a date (not before the start, not in the future), a reason
 *    (involvement_end_reasons; "other" needs words) and who ended it: the
 *    person (their own choice, recorded as their act), by agreement, or
 *    the coordinator.
 *  - Either kind can become the other while it is open; each start,
 *    change of kind and end is kept in its history with who and when.
 *  - A person has one open involvement at most.  A later involvement of
 *    the same person is a return: opened without an introduction, and
 *    counted as one return (involvement.is_return).
 *  - An introduction opens at most one: its outcome walking_alongside
 *    opens walking alongside, information_only short-term help.
 *  - A family or household shares one: each member is a person, and the
 *    involvement counts once against capacity.
 *
 * Access and audit as for the person (domain/people/person.h): through
 * the involvement's own area (a household's members all live in it);
 * record type "involvement", subject "involvement" when not found.
 */

struct involvement_event {
	const char *at;
	const char *user_id;
	const char *username;
	const char *event;             /* started | kind_changed | ended */
	const char *kind;              /* after the event */
	const char *note;
};

struct involvement {
	const char *id;
	const char *kind;              /* short_term | walking_alongside */
	const char *area_id;
	const char *introduction_id;   /* NULL: a return, an import, or staff */
	const char *started_on;
	const char *ended_on;          /* NULL while open */
	const char *end_reason;
	const char *end_words;
	const char *ended_by;
	bool is_return;                /* someone in it had one that started
					* earlier */
	const char **person_ids;       /* everyone it is with */
	const char **person_names;
	size_t person_count;
	const char *first_conversation_at;  /* earliest held; NULL: none yet */
	const char *last_contact_before_import;  /* YYYY-MM-DD, from the
						  * spreadsheet it moved in
						  * from; NULL: none */
	struct involvement_event *history;  /* oldest first */
	size_t history_count;
};

/* Opens a new involvement for a person with none open: a return when
 * they had one before.  Not found (subject "person") for a person out of
 * reach; RESULT_CONFLICT when they have one open; RESULT_INVALID as
 * involvement_open_on. */
int involvement_open(struct db *db, const struct caller *who, const char *person_id,
		     const char *kind, const char *started_on, struct arena *a,
		     struct involvement **out, struct err *e);

/* A change to an open involvement: its kind, or its end (ended_on,
 * end_reason, ended_by, end_words), or both.  Fields are NULL when not
 * changing. */
struct involvement_change {
	const char *kind;
	const char *ended_on;
	const char *end_reason;
	const char *end_words;
	const char *ended_by;
	const char *note;
};
/* RESULT_INVALID for a kind not known or the kind it already is
 * ("kind"), an end without a reason ("end_reason") or without who ended
 * it ("ended_by"), "other" without words ("end_words"), an end date that
 * is not a date, is before the start or in the future ("ended_on"; NULL
 * with a reason: today; "", a form's blank day: refused), a change to one already ended; all at once.
 * RESULT_CONFLICT when someone else changed it meanwhile. */
int involvement_update(struct db *db, const struct caller *who, const char *id,
		       const struct involvement_change *change, struct err *e);

/* Adds a person to a family's or household's open involvement: both must
 * be within reach (else not found, subject "involvement" or "person");
 * RESULT_INVALID as involvement_join_on. */
int involvement_add_person(struct db *db, const struct caller *who, const char *id,
			   const char *person_id, struct err *e);

/* One involvement with its history and people. */
int involvement_get(struct db *db, const struct caller *who, const char *id,
		    struct arena *a, struct involvement **out, struct err *e);

/* A person's involvements, newest first, each with its history; for
 * person_get, which has checked reach and writes the audit entry. */
struct db_conn;
int involvement_list_on(struct db_conn *c, const char *person_id, struct arena *a,
			struct involvement **out, size_t *count, struct err *e);

/*
 * On a connection inside the caller's transaction, without access checks
 * or audit entries of their own: for person_create_on and an
 * introduction's outcome (domain/introductions/introduction.h), which
 * have decided reach and audit the whole.
 */

/* Adds a field error ("kind", "started_on") for a kind not in
 * involvement_kinds, or a start (YYYY-MM-DD; NULL: today) that is not a
 * date or is in the future. */
void involvement_check_start(const char *kind, const char *started_on, struct err *e);

/* Opens an involvement for the person, in area_id, from the introduction
 * (NULL: none): RESULT_INVALID as involvement_check_start, or for a start
 * before their last involvement ended ("started_on"); RESULT_CONFLICT
 * when they have one open.  *id in the arena. */
int involvement_open_on(struct db_conn *c, const struct caller *who, const char *person_id,
			const char *area_id, const char *kind, const char *started_on,
			const char *introduction_id, struct arena *a, const char **id,
			struct err *e);

/* The area of an involvement the caller reaches (through its area), else
 * not found, unaudited: for person_create. */
int involvement_area_on(struct db_conn *c, const struct caller *who, const char *id,
			struct arena *a, const char **area_id, struct err *e);

/* The person's open involvement, or *out NULL when none is open. */
int involvement_current_on(struct db_conn *c, const char *person_id, struct arena *a,
			   struct involvement **out, struct err *e);

/* Adds the person to the open involvement id (a household's):
 * RESULT_INVALID ("household_involvement_id") when it is not open,
 * ("person_id") when the person lives in another area than the
 * involvement's, has another open or is already in it. */
int involvement_join_on(struct db_conn *c, const char *id, const char *person_id,
			struct arena *a, struct err *e);

/* Every person's count of involvements (people.involvement_count) made
 * again from involvement_people, as schema 025 first made it: for a tool
 * that loads rows of involvement_people in bulk, past the functions
 * above that keep it one row at a time.  On c, in its transaction. */
int involvement_recount_everyone(struct db_conn *c, struct arena *a, struct err *e);

/* Changes the kind of the open involvement id from `from` to `to`, with
 * its history row; RESULT_CONFLICT when it is no longer open as `from`. */
int involvement_set_kind_on(struct db_conn *c, const struct caller *who, const char *id,
			    const char *from, const char *to, const char *note,
			    struct arena *a, struct err *e);

/* The values each field takes, NULL-terminated, for the route table. */
extern const char *const involvement_kinds[];
extern const char *const involvement_end_reasons[];
extern const char *const involvement_ended_by[];

#endif
