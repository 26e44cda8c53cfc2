#ifndef ALONGSIDE_DOMAIN_AREA_H
#define ALONGSIDE_DOMAIN_AREA_H

#include <stdbool.h>
#include <stddef.h>

#include "domain/staff/caller.h"

struct arena;
struct db;
struct db_conn;
struct err;

/*
 * Local Area Coordination areas.  An area is one or more wards (a ward
 * belongs to at most one area), covered or not yet covered, with at most
 * one coordinator.  Areas are named by id or by name wherever a person
 * types one (`alongside area set-coordinator Acomb ...`).
 *
 * Results are the kinds of core/err.h: RESULT_INVALID with a field error
 * for every problem in the input, each named as the JSON API names the
 * field ("name", "wards", "coordinator.email"); RESULT_CONFLICT for a name
 * or ward already taken (area_update names those at the field instead,
 * RESULT_INVALID, so a page can show them there); RESULT_NOT_FOUND (subject "area") for an area
 * that is not there; RESULT_FAILED for a system failure.  Nothing is
 * written unless all of the input is valid.  A function that checks input
 * clears e first, so the caller's err need not be.
 *
 * A name is kept without the space around it (" Acomb " is "Acomb"); one
 * blank once trimmed is a field error "name", and so is one another area
 * has already, in any case ("heworth" beside "Heworth").
 *
 * A change takes the caller: the command line, an administrator or an API
 * token with the areas.write scope may make it, anyone else is
 * RESULT_FORBIDDEN.  Each change is audited in its own transaction
 * (domain/staff/audit.h: "area_create", "area_update", "area_retire",
 * "coordinator_set", "drop_in_add" with the area's id; an area's changes
 * carry its before and after: name, wards, covered, retired_at), and a
 * refused one (forbidden, or an area not there) is recorded with outcome
 * "refused".  Every change bumps DB_GENERATION_AREAS (db/generation.h) in
 * its transaction, so each process's area map (geo/live.h) rebuilds.
 *
 * A retired area is kept, never deleted: the people and introductions
 * that name it keep it.  It leaves area_list (and so the public pages and
 * the map), area_get still answers with retired_at set, and its wards are
 * let go, free for another area (the audit entry keeps which they were).
 * A coordinator's public entry has its own rules: domain/areas/coordinator.h.
 */

struct area_input {
	const char *name;
	const char *const *wards;
	size_t ward_count;
	bool covered;
	bool demo;
};

struct coordinator {
	const char *id;
	const char *name;
	const char *mobile;
	const char *email;
	const char *facebook_url;
	const char *introduction;
};

struct area {
	const char *id;
	const char *name;
	bool covered;
	bool demo;
	const char **wards;   /* ward codes */
	size_t ward_count;
	struct coordinator *coordinator;  /* NULL when none */
	const char *retired_at;  /* UTC ISO-8601; NULL while in use */
};

/* A change to an area: only what is set changes. */
struct area_update_input {
	const char *name;            /* NULL: kept */
	bool set_wards;              /* replace the wards with these */
	const char *const *wards;
	size_t ward_count;
	int covered;                 /* 1 or 0; -1: kept */
};

/* Whether who may change areas, coordinators and drop-ins: RESULT_OK, or
 * RESULT_FORBIDDEN with the reason in e. */
int area_may_change(const struct caller *who, struct err *e);

int area_create(struct db *db, const struct caller *who,
		const struct area_input *in, char *id_out, struct err *e);

/* As area_create, but a name or ward taken is a field error ("name",
 * "wards": RESULT_INVALID) rather than RESULT_CONFLICT, so a form can
 * show it at its field beside the other problems. */
int area_create_fields(struct db *db, const struct caller *who,
		       const struct area_input *in, char *id_out, struct err *e);

/* Changes the area named ref (id or name): its name, its wards (the
 * whole list; none, an unknown one, or one in another area is a field
 * error "wards" naming it, and the other area), whether it is covered.
 * A retired area is not changed (RESULT_INVALID).  Nobody's area changes
 * with its wards: see domain/areas/area_moves.h. */
int area_update(struct db *db, const struct caller *who, const char *ref,
		const struct area_update_input *in, struct err *e);

/* Retires the area named ref: see above.  Retiring one already retired is
 * RESULT_INVALID. */
int area_retire(struct db *db, const struct caller *who, const char *ref,
		struct err *e);

/* Finds an area by id or by name on c (inside the caller's transaction);
 * RESULT_NOT_FOUND, with a message, when neither matches. */
int area_resolve(struct db_conn *c, struct arena *a, const char *ref,
		 const char **id, struct err *e);

/* Every area in use with its wards and coordinator, by name; in the arena. */
int area_list(struct db *db, struct arena *a, struct area **out, size_t *count,
	      struct err *e);

/* Every retired area, most recently retired first; in the arena. */
int area_list_retired(struct db *db, struct arena *a, struct area **out, size_t *count,
		      struct err *e);

/* The area with this id, retired or not, with its wards and coordinator
 * as area_list has them, into *out (its strings in the arena); RESULT_NOT_FOUND for an id
 * that is malformed or names no area.  Only ids: a page or API address
 * names an area by id, never by name. */
int area_get(struct db *db, struct arena *a, const char *id, struct area *out,
	     struct err *e);

/* As area_get, but a retired area is RESULT_NOT_FOUND too: it has left
 * the public directory, so its public page, its drop-ins' feed and its
 * public API record answer as for an area never there. */
int area_get_public(struct db *db, struct arena *a, const char *id, struct area *out,
		    struct err *e);

/* On c (inside the caller's transaction), RESULT_OK when the area with
 * id area_id is in use; RESULT_INVALID, with a message for the whole
 * input ("<name> is retired: ..."), when it is retired: what a change to
 * it, its coordinator's entry or its drop-ins answers, changing nothing.
 * An id that names no area is RESULT_OK: the caller says not found. */
int area_check_in_use(struct db_conn *c, struct arena *a, const char *area_id,
		      struct err *e);

struct json_t;

#endif
