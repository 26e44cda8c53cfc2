#ifndef ALONGSIDE_DOMAIN_COMMUNITY_SUGGESTION_H
#define ALONGSIDE_DOMAIN_COMMUNITY_SUGGESTION_H

#include <stdbool.h>
#include <stddef.h>

struct arena;
struct caller;
struct db;
struct err;

/*
 * Suggestions from the public: a new listing, or a correction to one
 * (service_id), waiting for staff (schema/013 community_suggestions).
 * Anyone may send one (CALLER_PUBLIC; the page keeps robots out with a
 * honeypot and limits how many an address sends, as the get-in-touch form
 * does); only staff read and handle them.  Nothing a suggestion says
 * reaches the directory by itself: staff make the listing or the change
 * from it on the staff pages (which record any organiser's agreement to
 * publish their details on the contact), and it is accepted when that
 * listing is saved; or they decline it, with a note.  Handling is audited (record type
 * "suggestion"); a suggestion is never deleted.
 *
 * Staff (and the command line) read and handle; sending is audited
 * ("create") as handling is, by id only.
 *
 * Results: RESULT_INVALID at "details" (needed), "name" (needed for a
 * new listing, not for a correction), "where_text", "when_text",
 * "from_name" (too long), "from_email" (not an address),
 * "organiser_agrees" (ticked without a name and an email to publish),
 * "service" (a listing not held), "note" (handling); RESULT_CONFLICT when
 * it was handled already; RESULT_NOT_FOUND ("suggestion");
 * RESULT_FORBIDDEN for a caller who is not staff; RESULT_FAILED.
 */

#define SUGGESTION_TEXT_MAX 4000

struct suggestion {
	const char *id;
	const char *service_id;     /* a correction's listing, or NULL */
	const char *service_name;   /* read only */
	const char *name;           /* what it is called */
	const char *details;        /* what happens, or what is wrong */
	const char *where_text;
	const char *when_text;
	const char *from_name;
	const char *from_email;
	bool organiser_agrees;      /* the sender runs it and agrees to their
				     * own details being published */
	const char *state;          /* waiting | accepted | declined */
	const char *received_at;
	const char *handled_by_name;
	const char *handled_at;
	const char *handled_note;
};

/* Every fault of what was sent, at its field, without the database (so
 * a listing's id is checked for its form only): RESULT_OK or
 * RESULT_INVALID.  suggestion_send checks with it, and the page with it
 * alone for a send it will not keep (a robot's). */
int suggestion_check(const struct suggestion *in, struct err *e);

int suggestion_send(struct db *db, const struct caller *who, const struct suggestion *in,
		    struct arena *a, const char **id_out, struct err *e);

/* Waiting ones oldest first, or (waiting false) the last 100 handled,
 * newest first. */
int suggestion_list(struct db *db, const struct caller *who, bool waiting, struct arena *a,
		    struct suggestion **out, size_t *count, struct err *e);

int suggestion_get(struct db *db, const struct caller *who, const char *id, struct arena *a,
		   struct suggestion *out, struct err *e);

/* accept true: accepted, else declined; note optional. */
int suggestion_handle(struct db *db, const struct caller *who, const char *id, bool accept,
		      const char *note, struct arena *a, struct err *e);

#endif
