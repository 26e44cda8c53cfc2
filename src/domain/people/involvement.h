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
 * the person's area; record type "involvement".
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
	bool is_return;                /* the person had an earlier one */
	const char **person_ids;       /* everyone it is with */
	const char **person_names;
	size_t person_count;
	const char *first_conversation_at;  /* earliest held; NULL: none yet */
	struct involvement_event *history;  /* oldest first */
	size_t history_count;
};

/* Opens a new involvement for a person with none open: a return when
 * they had one before. */
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
int involvement_update(struct db *db, const struct caller *who, const char *id,
		       const struct involvement_change *change, struct err *e);

/* Adds a person to a family's or household's open involvement. */
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

/* The values each field takes, NULL-terminated, for the route table. */
extern const char *const involvement_kinds[];
extern const char *const involvement_end_reasons[];
extern const char *const involvement_ended_by[];

#endif
