#ifndef ALONGSIDE_DOMAIN_PEOPLE_PERSON_H
#define ALONGSIDE_DOMAIN_PEOPLE_PERSON_H

#include <stdbool.h>
#include <stddef.h>

struct arena;
struct caller;
struct db;
struct db_conn;
struct err;
struct involvement;
struct lookup_context;

/*
 * A person a coordinator is involved with: their names, how to reach them
 * and how they like to be reached, where they like to meet, their postcode
 * and area, their coordinator, and what matters to them in their own
 * words, with their gifts as free text and tags from the team's one list.
 *
 *  - Reach: the caller reaches a person through the person's area
 *    (access_casework, domain/staff/access.h: the coordinator's own areas,
 *    the areas they cover today, a team leader's team).  Anyone else is
 *    told the person is not found, word for word as for an id that does
 *    not exist.
 *  - Audit: every create, read, change, list and match search is written
 *    to the audit log (record type "person", the person's area), changes
 *    in the same transaction; refusals with outcome "refused".
 *  - Words are kept as typed (trimmed of surrounding space only).  Every
 *    change keeps the value it replaced, with who and when
 *    (person_changes); nothing is overwritten unseen.
 *  - Results (core/err.h): RESULT_OK; RESULT_INVALID naming every field
 *    that is wrong ("phone", "tags", as the API names them) with a
 *    sentence a coordinator can act on; RESULT_NOT_FOUND; RESULT_CONFLICT
 *    when someone else changed the person since the version the caller
 *    read; RESULT_FAILED.  Nothing is written unless all is valid.
 */

#define PERSON_NAME_MAX 200     /* characters */
#define PERSON_WORDS_MAX 5000   /* each of the what-matters fields */
#define PERSON_TAGS_MAX 40      /* tags on one person */

/* A person's details as given.  NULL leaves a field as it is on update and
 * empty on create; "" clears it on update. */
struct person_input {
	const char *name;
	const char *preferred_name;
	const char *phone;
	const char *email;
	const char *other_contact;
	const char *contact_when;
	const char *best_place_to_meet;
	const char *postcode;          /* sets the area when covered or near */
	const char *coordinator_id;    /* a coordinator working in or covering their area */
	const char *what_matters;
	const char *good_life;
	const char *hopes;
	const char *gifts;
	const char *would_offer;
	const char *const *tags;       /* tag names; NULL: unchanged */
	size_t tag_count;
};

struct person_change_entry {
	const char *at;
	const char *user_id;
	const char *username;
	const char *field;
	const char *value_before;
};

struct person {
	const char *id;
	const char *name;
	const char *preferred_name;
	const char *phone;
	const char *email;
	const char *other_contact;
	const char *contact_when;
	const char *best_place_to_meet;
	const char *postcode;
	const char *area_id;
	const char *area_name;
	const char *coordinator_id;
	const char *coordinator_name;  /* display name, NULL when none */
	const char *what_matters;
	const char *good_life;
	const char *hopes;
	const char *gifts;
	const char *would_offer;
	const char **tags;             /* names, alphabetical */
	size_t tag_count;
	const char *created_at;
	const char *updated_at;
	long version;                  /* for person_update's check */
	/* person_get fills these; lists leave them empty. */
	struct involvement *involvements;      /* newest first */
	size_t involvement_count;
	struct person_change_entry *changes;   /* newest first */
	size_t change_count;
};

/* What creating a person needs besides their details: the kind of their
 * first involvement and when it started (NULL: today).  area_id may be
 * NULL when the postcode gives one, or the caller is a coordinator of
 * exactly one area. */
struct person_start {
	const char *kind;              /* short_term | walking_alongside */
	const char *started_on;        /* YYYY-MM-DD, not in the future */
	const char *area_id;
	const char *household_involvement_id; /* join this family's involvement
					       * instead of opening one */
};

struct person_settings {
	struct db *db;
	const struct lookup_context *lookup;   /* postcode to area */
};

/* Creates a person with their first involvement (or joining a household's
 * open one), in one transaction. */
int person_create(const struct person_settings *s, const struct caller *who,
		  const struct person_input *in, const struct person_start *start,
		  struct arena *a, struct person **out, struct err *e);

/* The same, on a connection inside the caller's transaction, without an
 * audit entry of its own: for the introduction whose outcome opens an
 * involvement and for an import, which audit the whole. */
int person_create_on(struct db_conn *c, const struct person_settings *s,
		     const struct caller *who, const struct person_input *in,
		     const struct person_start *start, const char *introduction_id,
		     struct arena *a, const char **person_id, struct err *e);

/* One person with their involvements and the history of their details. */
int person_get(struct db *db, const struct caller *who, const char *id, struct arena *a,
	       struct person **out, struct err *e);

/* Changes the fields in that are not NULL, if the person is still at
 * version (0: do not check).  A postcode in another area moves them and
 * their open involvement there, only when the caller works in it (else
 * RESULT_INVALID at "postcode").  A change that changes nothing writes
 * nothing: no new version, no audit entry. */
int person_update(const struct person_settings *s, const struct caller *who, const char *id,
		  long version, const struct person_input *in, struct err *e);

/* Inside c's transaction: waits until no other transaction holds the
 * person's lock (db_lock), which every writer of what is derived from a
 * person's records takes, so two such writers of one person go in turn. */
int person_lock(struct db_conn *c, struct arena *a, const char *person_id, struct err *e);

/* The area of a person the caller reaches, on c: for the conversation and
 * involvement modules, which decide access from it.  Not found (and the
 * refusal audited by the caller's module) when out of reach. */
int person_area_on(struct db_conn *c, const struct caller *who, const char *id,
		   struct arena *a, const char **area_id, struct err *e);

/* Likely matches among the people the caller reaches: the same name with
 * the same postcode, or the same phone (digits only), or the same email
 * (case folded).  Any of name, postcode, phone, email may be NULL. */
struct person_match {
	const char *id;
	const char *name;
	const char *preferred_name;
	const char *postcode;
	const char *area_id;
	const char *why;               /* "same name and postcode", "same phone", "same email" */
};
int person_matches(struct db *db, const struct caller *who, const char *name,
		   const char *postcode, const char *phone, const char *email,
		   struct arena *a, struct person_match **out, size_t *count, struct err *e);

/* The team's list of tags, alphabetical, for pages to offer. */
int person_tag_list(struct db *db, struct arena *a, const char ***names, size_t *count,
		    struct err *e);

#endif
