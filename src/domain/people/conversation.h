#ifndef ALONGSIDE_DOMAIN_PEOPLE_CONVERSATION_H
#define ALONGSIDE_DOMAIN_PEOPLE_CONVERSATION_H

#include <stdbool.h>
#include <stddef.h>

struct arena;
struct caller;
struct db;
struct err;

/*
 * The contact log: each time a coordinator and a person talked, or set
 * up a time to.  Two things are needed, when (default now, never in the
 * future) and how (conversation_ways); the rest is optional: where (a
 * drop-in of the person's area, or typed; "office" may be typed but is
 * never the default), who was there, a short note, the next step and its
 * date.  One may be marked as the good-life conversation.
 *
 *  - state "arranged" is a call or message that set a conversation up;
 *    "held" one that took place.  The first conversation of an
 *    involvement is its earliest held one: what the public estimate
 *    counts (domain/introductions/waiting.h).
 *  - A conversation belongs to the person's involvement running on its
 *    date (else the latest one started before it, else their first).
 *  - A note can be corrected: every version is kept and shown, the older
 *    ones as corrected, with who and when.
 *
 * Access and audit as for the person (domain/people/person.h): record
 * type "conversation", the person's area.
 */

#define CONVERSATION_NOTE_MAX 2000  /* characters */

struct conversation_input {
	const char *at;                /* ISO-8601 UTC or YYYY-MM-DDTHH:MM (London); NULL: now */
	const char *how;               /* met | phone | text | email | video | drop_in */
	const char *state;             /* held | arranged; NULL: held */
	const char *drop_in_id;
	const char *place;
	const char *who_was_there;
	const char *note;
	bool good_life;
	const char *next_step;
	const char *next_step_on;      /* YYYY-MM-DD */
};

struct conversation_note {
	long version;
	const char *note;
	const char *at;
	const char *user_id;
	const char *username;
};

struct conversation {
	const char *id;
	const char *person_id;
	const char *involvement_id;
	const char *at;
	const char *how;
	const char *state;
	const char *drop_in_id;
	const char *drop_in_name;      /* the venue, when at a drop-in */
	const char *place;
	const char *who_was_there;
	bool good_life;
	const char *next_step;
	const char *next_step_on;
	const char *created_by;
	const char *created_by_name;
	const char *created_at;
	struct conversation_note *notes;  /* newest first; [0] is current */
	size_t note_count;
};

int conversation_log(struct db *db, const struct caller *who, const char *person_id,
		     const struct conversation_input *in, struct arena *a,
		     struct conversation **out, struct err *e);

/* A person's conversations, newest first, with every version of their
 * notes. */
int conversation_list(struct db *db, const struct caller *who, const char *person_id,
		      struct arena *a, struct conversation **out, size_t *count,
		      struct err *e);

/* Corrects a conversation's note: a new version, the old kept. */
int conversation_correct(struct db *db, const struct caller *who, const char *person_id,
			 const char *conversation_id, const char *note, struct err *e);

extern const char *const conversation_ways[];
extern const char *const conversation_states[];

#endif
