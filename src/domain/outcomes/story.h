#ifndef ALONGSIDE_DOMAIN_OUTCOMES_STORY_H
#define ALONGSIDE_DOMAIN_OUTCOMES_STORY_H

#include <stdbool.h>
#include <stddef.h>

struct arena;
struct caller;
struct db;
struct err;

/*
 * Stories (schema/021): a short account in the person's words, with
 * their agreement to share it and how widely.
 *
 *  - A version is whole: a title, their words (up to STORY_WORDS_MAX
 *    characters, kept as told), what they agreed to (share: team, council
 *    or public), the day (agreed_on, not in the future) and how
 *    (agreed_how).  Shared with the public, a version also needs
 *    public_title and public_words: the title and the account without
 *    identifying detail, agreed with them, which are all that is shown
 *    beyond the team (a title told in the team can name them).  Editing
 *    makes a new version from the one read (from_version, needed); every
 *    version is kept.
 *  - Where it stands (review_state): "team_only" when they agreed to the
 *    team only; otherwise "waiting" for a team leader of the story's area
 *    to review it, who approves it or returns it with a note; a returned
 *    story is edited (a new version) and waits again, as does an approved
 *    one that is edited.  Only an approved story goes beyond the team.
 *  - The person may withdraw their agreement: "withdrawn", recorded as
 *    their act (the day and how they told us), after which it is shared
 *    no further and cannot be edited or reviewed.
 *
 * Access: a story is reached through its area (access_casework), like
 * the person's record; reviewing needs a team leader of that area
 * (RESULT_FORBIDDEN for a coordinator of it; a team leader of another
 * team does not reach it: not found).  A story out of reach is not found
 * ("story"), a person out of reach not found ("person").
 * story_update and story_withdraw given a person_id find only that
 * person's story (a page reached through the person), without reading it
 * first.  story_shared is the one read beyond the team: approved council
 * and public stories, never the person's name; for a public one only
 * public_title and public_words.
 *
 * Audited with record type "story" and its area: "create", "update",
 * "review", "withdraw" and "read" name the story; story_list's read names
 * the person; story_waiting and story_shared are one "read" each with no
 * record.  Refusals are audited with outcome "refused".
 *
 * Results (core/err.h): RESULT_OK; RESULT_INVALID naming every field at
 * fault ("from_version", "title", "words", "public_title", "public_words",
 * "share", "agreed_on",
 * "agreed_how", "decision", "note", "withdrawn_on", "withdrawn_how");
 * RESULT_CONFLICT when from_version is no longer the current one, when
 * the story is withdrawn, or when a review finds it no longer waiting;
 * RESULT_NOT_FOUND; RESULT_FORBIDDEN; RESULT_FAILED.  Nothing is written
 * unless all is valid.
 */

#define STORY_TITLE_MAX 200
#define STORY_WORDS_MAX 4000
#define STORY_NOTE_MAX 1000

struct story_input {
	long from_version;        /* story_update: the version edited */
	const char *title;
	const char *words;
	const char *public_title; /* needed when share is "public" */
	const char *public_words; /* needed when share is "public" */
	const char *share;        /* story_shares */
	const char *agreed_on;    /* YYYY-MM-DD */
	const char *agreed_how;   /* story_agreed_hows */
};

struct story_version {
	long version;
	const char *title;
	const char *words;
	const char *public_title;
	const char *public_words;
	const char *share;
	const char *agreed_on;
	const char *agreed_how;
	const char *made_by_name;
	const char *made_at;
};

struct story {
	const char *id;
	const char *person_id;     /* NULL from story_shared */
	const char *person_name;   /* the name they like; NULL from story_shared */
	const char *area_id;
	const char *area_name;
	long version;
	const char *review_state;
	const char *reviewed_by_name;
	const char *reviewed_at;
	const char *review_note;
	const char *withdrawn_on;
	const char *withdrawn_how;
	const char *withdrawn_by_name;  /* who recorded their withdrawal */
	const char *created_at;
	const char *updated_at;
	struct story_version *versions;  /* oldest first; story_get only */
	size_t version_count;
	struct story_version current;    /* the latest (story_shared: its
					  * title and words are public_title
					  * and public_words for a public
					  * story) */
};

/* A new story for the person. */
int story_create(struct db *db, const struct caller *who, const char *person_id,
		 const struct story_input *in, struct arena *a, struct story **out,
		 struct err *e);

/* A new version of story id (person_id's when not NULL), made from
 * in->from_version. */
int story_update(struct db *db, const struct caller *who, const char *id,
		 const char *person_id, const struct story_input *in, struct arena *a, struct story **out,
		 struct err *e);

/* The story with every version. */
int story_get(struct db *db, const struct caller *who, const char *id, struct arena *a,
	      struct story **out, struct err *e);

/* The person's stories, newest first, each with its current version. */
int story_list(struct db *db, const struct caller *who, const char *person_id,
	       struct arena *a, struct story **out, size_t *count, struct err *e);

/* A team leader's review: decision "approve" or "return" (then a note is
 * needed) of a waiting story. */
int story_review(struct db *db, const struct caller *who, const char *id,
		 const char *decision, const char *note, struct arena *a, struct story **out,
		 struct err *e);

/* The person withdrew their agreement, on the day and in the way given;
 * story id is person_id's when that is not NULL. */
int story_withdraw(struct db *db, const struct caller *who, const char *id,
		   const char *person_id, const char *withdrawn_on, const char *withdrawn_how, struct arena *a,
		   struct story **out, struct err *e);

/* The stories waiting for review in the areas the caller leads, oldest
 * first (none for anyone who leads none). */
int story_waiting(struct db *db, const struct caller *who, struct arena *a,
		  struct story **out, size_t *count, struct err *e);

/* How many stories wait for review in the areas the caller leads: a
 * count, no person's record, so not audited (for a team leader's home
 * page). */
int story_waiting_count(struct db *db, const struct caller *who, struct arena *a, long *count,
			struct err *e);

/* Approved council and public stories, newest first, without the
 * person: every area's for a programme manager, a team leader's team's
 * areas, and for an API token (reports.read, through GET
 * /reports/stories) the public ones only. */
int story_shared(struct db *db, const struct caller *who, struct arena *a,
		 struct story **out, size_t *count, struct err *e);

/* The values each field takes, NULL-terminated, for the route table. */
extern const char *const story_shares[];
extern const char *const story_agreed_hows[];
extern const char *const story_decisions[];

#endif
