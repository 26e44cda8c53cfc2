#ifndef ALONGSIDE_DOMAIN_PEOPLE_CONVERSATION_H
#define ALONGSIDE_DOMAIN_PEOPLE_CONVERSATION_H

#include <stdbool.h>
#include <stddef.h>

struct arena;
struct caller;
struct db;
struct dropin;
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
 *    date, else the next one to start after it (a return's first
 *    conversation may come before its start date), else the latest one
 *    started before it.
 *  - At most one conversation of an involvement is the good-life one,
 *    kept by a unique index (schema/010): a second, even one racing
 *    the first, is refused at "good_life".
 *  - A note can be corrected: every version is kept and shown, the older
 *    ones as corrected, with who and when.
 *
 * Access and audit as for the person (domain/people/person.h): record
 * type "conversation", the person's area.  A person out of the caller's
 * reach is not found ("person"), word for word as one that does not
 * exist; a conversation not theirs is not found ("conversation").  The
 * entries: "create", "read" and "update" name the conversation, "list"
 * (a person's whole log) the person; a refusal names what was asked for
 * (the person, or the conversation), with outcome "refused".
 *
 * Results (core/err.h): RESULT_OK; RESULT_INVALID naming every field at
 * fault as the API names it ("at", "how", "drop_in_id", "note"...);
 * RESULT_NOT_FOUND; RESULT_CONFLICT when two corrections of one note
 * crossed, or the person has no involvement at all; RESULT_FAILED.
 * Nothing is written unless all is valid.
 */

#define CONVERSATION_NOTE_MAX 2000  /* characters */
#define CONVERSATION_TEXT_MAX 200   /* place, who was there */
#define CONVERSATION_STEP_MAX 500   /* the next step */

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
	const char *next_step_on;      /* YYYY-MM-DD, not before the conversation */
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
	bool good_life;                /* at most one of an involvement's */
	bool first;                    /* its involvement's earliest held one */
	const char *next_step;
	const char *next_step_on;
	const char *created_by;
	const char *created_by_name;
	const char *created_at;
	struct conversation_note *notes;  /* newest first; [0] is current */
	size_t note_count;
};

/* Logs a conversation with the person; *out is it, as stored. */
int conversation_log(struct db *db, const struct caller *who, const char *person_id,
		     const struct conversation_input *in, struct arena *a,
		     struct conversation **out, struct err *e);

/* A person's conversations, newest first, with every version of their
 * notes. */
int conversation_list(struct db *db, const struct caller *who, const char *person_id,
		      struct arena *a, struct conversation **out, size_t *count,
		      struct err *e);

/* One conversation of the person's, with every version of its note. */
int conversation_get(struct db *db, const struct caller *who, const char *person_id,
		     const char *conversation_id, struct arena *a, struct conversation **out,
		     struct err *e);

/* What the log's page shows beside the conversations: who they are with,
 * and where they may have been (the drop-ins of the person's area). */
struct conversation_history {
	const char *person_name;       /* the name they like to be called */
	const char *area_id;
	struct conversation *items;    /* newest first */
	size_t count;
	struct dropin *venues;         /* domain/areas/dropin.h */
	size_t venue_count;
};

/* conversation_list with the above, audited the same way. */
int conversation_history(struct db *db, const struct caller *who, const char *person_id,
			 struct arena *a, struct conversation_history *out, struct err *e);

/* Corrects a conversation's note (or gives one it lacked): a new version,
 * the old kept.  The note is needed, and must differ from the current. */
int conversation_correct(struct db *db, const struct caller *who, const char *person_id,
			 const char *conversation_id, const char *note, struct err *e);

extern const char *const conversation_ways[];
extern const char *const conversation_states[];

#endif
