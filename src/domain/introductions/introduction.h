#ifndef ALONGSIDE_DOMAIN_INTRODUCTION_H
#define ALONGSIDE_DOMAIN_INTRODUCTION_H

#include <stdbool.h>
#include <stddef.h>

struct arena;
struct caller;
struct db;
struct err;
struct holidays;
struct lookup_context;
struct caller;

/*
 * Introductions: someone gets in touch, for themselves or for someone
 * else, by any channel, and the area's coordinator answers within a few
 * working days.
 *
 *  - The area comes from the postcode through the directory's lookup:
 *    covered, near (with the distance) or not covered.  Near and not
 *    covered are recorded in the nearest covered area, flagged; who
 *    answers is lookup_answer's decision under the council's outside-cover
 *    rule (domain/areas/lookup.h): under "none" the public and API tokens
 *    are refused at "person.postcode", the message naming the council's
 *    contacts, while staff who took the call may still log it.  Staff
 *    logging one without a postcode mean their own area.
 *  - Due: `due_working_days` working days after arrival (core/workdays.h),
 *    skipping the days every coordinator of the area is on leave.
 *  - Status: new -> contacted -> conversation_arranged -> an outcome
 *    (walking_alongside, information_only, not_now, outside_area,
 *    other_service).  Some outcomes may come sooner (a person who says no
 *    when contacted), but never skipping ahead to a conversation or to
 *    walking alongside.  Every change is kept, with who and when.
 *  - Someone introduced without knowing (person_knows not "yes") is not
 *    contacted until that is settled: the change to "contacted" is refused.
 *    When it changes, the history keeps it (who, when), the entry keeping
 *    the status the introduction had.
 *  - "Urgent" is accepted, but the programme is not a crisis service: staff
 *    record which other service was suggested alongside.
 *
 * Access and audit are decided here, from the caller: staff read and
 * change the introductions of the areas they reach (domain/staff/access.h);
 * for anyone else an introduction is not found, as one that does not
 * exist.  Every create, read, change and list is written to the audit log
 * with the introduction's area, in the same transaction as a change; a
 * refused read or change is written too, with outcome "refused".
 *
 * Results (core/err.h): RESULT_OK; RESULT_INVALID naming every field that
 * is wrong ("person.phone", as the JSON API names them); RESULT_NOT_FOUND;
 * RESULT_CONFLICT when someone else changed it first; RESULT_FAILED.
 * Nothing is written unless all is valid.
 */

#define INTRO_BACKGROUND_MAX 1000  /* characters */

struct intro_input {
	const char *person_name;
	const char *person_phone;
	const char *person_email;
	const char *person_other_contact;
	const char *contact_when;
	const char *postcode;
	const char *best_place_to_meet;
	const char *address;
	const char *background;
	const char *introduced_by;     /* self | family_or_friend | professional | community_group */
	const char *introducer_name;
	const char *introducer_organisation;
	const char *introducer_phone;
	const char *introducer_email;
	const char *person_knows;      /* yes | not_asked | no */
	const char *channel;           /* phone | text | voicemail | email | facebook | drop_in | face_to_face | web */
	bool urgent;
	const char *other_service;     /* suggested alongside an urgent one */
	const char *received_at;       /* staff only: ISO-8601 UTC, or YYYY-MM-DDTHH:MM; NULL: now */
};

struct intro_history_entry {
	const char *at;
	const char *user_id;
	const char *username;
	const char *name;      /* who, as staff know them: the display name,
				* else the username; NULL with username */
	const char *status;
	const char *note;
};

struct introduction {
	const char *id;
	const char *status;
	const char *area_id;
	const char *placement;     /* covered | near | not_covered */
	long distance_m;           /* -1 when covered */
	struct intro_input in;
	const char *received_at;
	const char *due_on;        /* YYYY-MM-DD, Europe/London */
	const char *created_by;
	const char *created_at;
	const char *updated_at;
	const char *person_id;     /* the person it opened an involvement for,
				    * or the known person it is linked to;
				    * NULL: neither yet */
	struct intro_history_entry *history;
	size_t history_count;
};

struct intro_settings {
	struct db *db;
	const struct lookup_context *lookup;
	const struct holidays *holidays;
	int due_working_days;
};

/* Creates an introduction and returns it, in the arena.  The public
 * (and an API token) may not back-date one; staff may, and need give no
 * postcode for their own area. */
int intro_create(const struct intro_settings *s, const struct caller *who,
		 const struct intro_input *in, struct arena *a, struct introduction **out,
		 struct err *e);

/* What intro_create would answer, RESULT_OK or the problems, without
 * writing anything: for a send that is to look kept but must not be (a
 * robot's, caught by the public form's hidden field). */
int intro_check(const struct intro_settings *s, const struct caller *who,
		const struct intro_input *in, struct arena *a, struct err *e);

/* The first step of the public form: who is getting in touch and the
 * postcode, checked as intro_create checks them (both problems named at
 * once), before the rest is asked.  Writes nothing. */
int intro_check_start(const struct intro_settings *s, const struct caller *who,
		      const char *introduced_by, const char *postcode, struct arena *a,
		      struct err *e);

/* One introduction with its history, if who may reach it. */
int intro_get(struct db *db, const struct caller *who, const char *id, struct arena *a,
	      struct introduction **out, struct err *e);

/* What the sender of an introduction is told happens next: nothing they
 * typed but whether the person knows and whether it is urgent.  Anyone
 * holding the id (sent back only to the sender) may read it. */
struct intro_receipt {
	const char *id;
	const char *area_id;
	const char *placement;
	const char *due_on;
	bool person_knows;
	bool urgent;
};
int intro_receipt(struct db *db, const char *id, struct arena *a, struct intro_receipt *out,
		  struct err *e);

struct intro_filter {
	const char *status;        /* NULL: any */
	const char *area_id;       /* NULL: every area the caller reaches */
	const char *due_before;    /* YYYY-MM-DD, exclusive; NULL: any */
	bool open_only;            /* statuses before an outcome */
};

/* The introductions of the areas who reaches, by due date, each audited
 * as read. */
int intro_list(struct db *db, const struct caller *who, const struct intro_filter *f,
	       struct arena *a, struct introduction **out, size_t *count, struct err *e);

/* A change: what the person knows (may be NULL), a new status (may be
 * NULL) with a note (required for outside_area and other_service: what
 * was suggested). */
struct intro_change {
	const char *person_knows;
	const char *status;
	const char *note;
};

/* Checks the change whole, then writes it in one transaction.  The
 * outcomes walking_alongside and information_only open an involvement
 * (domain/people/involvement.h): for someone new, a person record from
 * the introduction's details, whose coordinator is the caller when they
 * coordinate the area, else the area's first coordinator; for someone
 * linked to a known person (intro_link_person), their return, or, when
 * they are being helped already, that involvement goes on, short-term
 * help becoming walking alongside when that is the outcome. */
int intro_update(struct db *db, const struct caller *who, const char *id,
		 const struct intro_change *change, struct err *e);

/* Links an introduction before its outcome to a person already known,
 * chosen from the likely matches (person_matches, domain/people/person.h),
 * so that its outcome opens their return rather than a second record.
 * Both must be within the caller's reach: not found otherwise (subject
 * "introduction" or "person"), the refusal audited.  RESULT_INVALID
 * ("person_id") once the introduction has its outcome. */
int intro_link_person(struct db *db, const struct caller *who, const char *id,
		      const char *person_id, struct err *e);

/* The values each field takes, NULL-terminated, for the route table to
 * declare them from the one list. */
extern const char *const intro_statuses[];
extern const char *const intro_relationships[];
extern const char *const intro_knows[];
extern const char *const intro_channels[];

/* True for a status name; true for the outcomes that end an introduction. */
bool intro_status_known(const char *status);
bool intro_status_final(const char *status);
/* A status in words, for pages and refusals ("Walking alongside"); the
 * status itself when unknown. */
const char *intro_status_words(const char *status);

#endif
