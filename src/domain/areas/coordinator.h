#ifndef ALONGSIDE_DOMAIN_COORDINATOR_H
#define ALONGSIDE_DOMAIN_COORDINATOR_H

#include <stdbool.h>
#include <stddef.h>

#include "domain/areas/area.h"
#include "domain/staff/caller.h"

struct arena;
struct db;
struct err;

/*
 * A coordinator's public entry: what the directory of areas shows of the
 * coordinator of an area (name, mobile, public email, Facebook page, a
 * line about themselves).  One person, one record: the entry is linked to
 * the coordinator's staff account (a user holding the coordinator role for
 * that area), so that the coordinator can keep it right themselves.  The
 * entry's email is the one the public writes to; it is never copied to or
 * from the account's email, where the coordinator's notices go.
 *
 * Who changes what:
 *   coordinator_set     the command line, an administrator or an API token
 *                       with areas.write (area_may_change): writes any
 *                       area's entry and its link;
 *   coordinator_update  the same callers, and the coordinator whose
 *                       account the entry is linked to: the public fields
 *                       only, never the link;
 *   coordinator_remove  as coordinator_set: the area has no entry after.
 * Anyone else is RESULT_FORBIDDEN, and the attempt is audited as refused.
 *
 * Every change is audited in its own transaction ("coordinator_set" for
 * coordinator_set and coordinator_remove, "coordinator_update" for
 * coordinator_update), with the
 * entry's before and after as JSON in the entry's changes, and raises the
 * areas generation (db/generation.h), so the public pages show it at once.
 *
 * Results (core/err.h): RESULT_INVALID with a field error for every
 * problem, named as the API, forms and command line name the field
 * ("name", "mobile", "email", "facebook_url", "introduction", "username");
 * RESULT_NOT_FOUND (subject "area") for an area that is not there, or
 * (subject "coordinator") for an area, or a caller, with no entry;
 * RESULT_FORBIDDEN; RESULT_FAILED.  Nothing is written unless all of the
 * input is valid.  A retired area's entry is not set or updated
 * (RESULT_INVALID, area_check_in_use); it may still be removed, which lets
 * the account it was linked to carry another area's entry.
 */

struct coordinator_input {
	const char *name;
	const char *mobile;        /* optional; a UK phone number */
	const char *email;         /* optional; the public address */
	const char *facebook_url;  /* optional; https://www.facebook.com/... */
	const char *introduction;  /* optional; in their own words */
	const char *username;      /* coordinator_set only: the staff account
				    * the entry belongs to, by username or
				    * id; NULL: none (yet) */
};

/* An area's entry and the account it is linked to. */
struct coordinator_entry {
	const char *area_id;
	const char *area_name;
	struct coordinator co;
	const char *user_id;       /* NULL when linked to no account */
	const char *username;
	const char *display_name;
};

/* A staff account an area's entry may be linked to: a coordinator of the
 * area. */
struct coordinator_account {
	const char *id;
	const char *username;
	const char *display_name;
	bool disabled;
};

/* Makes or replaces the entry of the area named ref (id or name), linked
 * to in->username's account.  The account must hold the coordinator role
 * for the area, be enabled, and not be linked to another area's entry. */
int coordinator_set(struct db *db, const struct caller *who, const char *ref,
		    const struct coordinator_input *in, struct err *e);

/* Changes the public fields of the entry of the area with id area_id
 * (in->username is ignored: the link stays). */
int coordinator_update(struct db *db, const struct caller *who, const char *area_id,
		       const struct coordinator_input *in, struct err *e);

/* Takes the area's entry out of the directory (the record stays, linked
 * to no area and no account). */
int coordinator_remove(struct db *db, const struct caller *who, const char *ref,
		       struct err *e);

/* The entry of the area with id area_id, in the arena; RESULT_NOT_FOUND
 * (subject "area") for no such area, out->co.id NULL for an area with no
 * entry.  The entry is public: anyone may read it. */
int coordinator_get(struct db *db, struct arena *a, const char *area_id,
		    struct coordinator_entry *out, struct err *e);

/* The entry linked to the caller's own account; RESULT_NOT_FOUND (subject
 * "coordinator") when none is. */
int coordinator_own(struct db *db, struct arena *a, const struct caller *who,
		    struct coordinator_entry *out, struct err *e);

/* The accounts holding the coordinator role for the area, by username. */
int coordinator_accounts(struct db *db, struct arena *a, const char *area_id,
			 struct coordinator_account **out, size_t *count, struct err *e);

#endif
