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
 *    covered go to the nearest covered area's coordinator, flagged, who
 *    decides.  Staff logging one without a postcode mean their own area.
 *  - Due: `due_working_days` working days after arrival (core/workdays.h),
 *    skipping the days every coordinator of the area is on leave.
 *  - Status: new -> contacted -> conversation_arranged -> an outcome
 *    (walking_alongside, information_only, not_now, outside_area,
 *    other_service).  Some outcomes may come sooner (a person who says no
 *    when contacted), but never skipping ahead to a conversation or to
 *    walking alongside.  Every change is kept, with who and when.
 *  - Someone introduced without knowing (person_knows not "yes") is not
 *    contacted until that is settled: the change to "contacted" is refused.
 *  - "Urgent" is accepted, but the programme is not a crisis service: staff
 *    record which other service was suggested alongside.
 *
 * Every create, read, change and list is written to the audit log with
 * the introduction's area, in the same transaction as a change.
 *
 * Results: 0; INTRO_INVALID with a message for the person who sent it
 * (naming the field in intro_error_field); INTRO_NOT_FOUND; -1 for a
 * system failure.  Nothing is written unless all is valid.
 */

#define INTRO_INVALID (-3)
#define INTRO_NOT_FOUND (-4)

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
	const char *introduced_by;     /* self | family | friend_or_neighbour | professional | community */
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
	struct intro_history_entry *history;
	size_t history_count;
};

struct intro_settings {
	struct db *db;
	const struct lookup_context *lookup;
	const struct holidays *holidays;
	int due_working_days;
};

/* The field a refused input is about ("person.phone"), set with
 * INTRO_INVALID; NULL when it is about the whole. */
extern _Thread_local const char *intro_error_field;

/* Creates an introduction from who (anonymous for the public form, which
 * may not back-date) and returns it, in the arena. */
int intro_create(const struct intro_settings *s, const struct caller *who,
		 const struct caller *actor, const struct intro_input *in,
		 struct arena *a, struct introduction **out, struct err *e);

/* One introduction with its history, audited as read by actor; callers
 * check access (domain/access.h) with its area before showing it. */
int intro_get(struct db *db, const struct caller *actor, const char *id,
	      struct arena *a, struct introduction **out, struct err *e);

struct intro_filter {
	const char *status;        /* NULL: any */
	const char *area_id;       /* NULL: every area the areas list allows */
	const char *due_before;    /* YYYY-MM-DD, exclusive; NULL: any */
	const char *const *areas;  /* only these areas (the caller's reach) */
	size_t area_count;
	bool open_only;            /* statuses before an outcome */
};

/* Introductions by due date, audited as read, one entry each. */
int intro_list(struct db *db, const struct caller *actor,
	       const struct intro_filter *f, struct arena *a,
	       struct introduction **out, size_t *count, struct err *e);

/* Changes what the person knows (person_knows, may be NULL) and moves to
 * a new status (may be NULL), with a note (required for outside_area and
 * other_service: what was suggested), all checked first and written in
 * one transaction.  Walking alongside starts a person record. */
int intro_update(struct db *db, const struct caller *actor, const char *id,
		 const char *person_knows, const char *status, const char *note,
		 struct err *e);

/* True for a status name; true for the outcomes that end an introduction. */
bool intro_status_known(const char *status);
bool intro_status_final(const char *status);

#endif
