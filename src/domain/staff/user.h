#ifndef ALONGSIDE_DOMAIN_USER_H
#define ALONGSIDE_DOMAIN_USER_H

#include <stdbool.h>
#include <stddef.h>

struct arena;
struct caller;
struct db;
struct err;

/*
 * Staff accounts and their roles.  A coordinator works one or more areas;
 * a team leader leads a team, which is the set of areas listed with that
 * role; an administrator manages users, areas and imports and sees no case
 * records unless also a team leader.  A user may hold several roles.
 *
 * Usernames are 3 to 64 characters of a-z, 0-9, '.', '_' and '-', kept in
 * lower case.  Functions taking a username take a user's id as well.
 *
 * Results: 0; USER_INVALID for input that breaks a rule, with a message
 * for the person who typed it; USER_NOT_FOUND; DB_CONFLICT (db.h) for a
 * username already taken; -1 for a system failure.  Every change is
 * written to the audit log in the same transaction.
 */

#define USER_INVALID (-3)
#define USER_NOT_FOUND (-4)

enum user_role_bits {
	USER_COORDINATOR = 1 << 0,
	USER_TEAM_LEADER = 1 << 1,
	USER_ADMINISTRATOR = 1 << 2,
};

struct user {
	const char *id;
	const char *username;
	const char *display_name;
	bool disabled;
	bool has_password;
	const char *email;              /* for notifications; NULL when none */
	unsigned roles;                 /* user_role_bits */
	const char **coordinator_areas; /* area ids */
	size_t coordinator_area_count;
	const char **team_areas;        /* area ids of the team they lead */
	size_t team_area_count;
};

/* "coordinator", "team_leader" ("team-leader" too) or "administrator" to
 * its bit; 0 for anything else. */
unsigned user_role_parse(const char *name);
const char *user_role_name(unsigned role);

/* Creates a user holding one role; areas (ids or names) for coordinators
 * and team leaders, none for administrators.  No password yet: the user
 * cannot sign in until one is set. */
int user_add(struct db *db, const struct caller *actor, const char *username,
	     const char *display_name, unsigned role, const char *const *areas,
	     size_t area_count, char *id_out, struct err *e);

/* Gives the user the role with exactly these areas (replacing the areas
 * it had), or with remove, takes the role away.  A user keeps at least
 * one role. */
int user_set_role(struct db *db, const struct caller *actor,
		  const char *username, unsigned role, const char *const *areas,
		  size_t area_count, bool remove, struct err *e);

/* Checks the policy (domain/password.h), stores the new hash and ends
 * every session of the user. */
int user_set_password(struct db *db, const struct caller *actor,
		      const char *username, const char *password, struct err *e);

/* Disabling also ends every session of the user at once. */
int user_set_disabled(struct db *db, const struct caller *actor,
		      const char *username, bool disabled, struct err *e);

/* Records that the user (a coordinator) covers an area from one date to
 * another, inclusive (YYYY-MM-DD, Europe/London): while it lasts they see
 * that area's people as its own coordinator does. */
int user_add_cover(struct db *db, const struct caller *actor,
		   const char *username, const char *area, const char *from,
		   const char *to, char *id_out, struct err *e);

struct cover {
	const char *id;
	const char *user_id;
	const char *display_name;
	const char *area_id;
	const char *starts_on;
	const char *ends_on;
};

/* Cover in one area ending on or after `from` (YYYY-MM-DD), soonest
 * first, in the arena. */
int user_cover_list(struct db *db, struct arena *a, const char *area_id, const char *from,
		    struct cover **out, size_t *count, struct err *e);

/* The address the user is told at when something waits for them (an
 * introduction to their area, or to one they cover); NULL clears it. */
int user_set_email(struct db *db, const struct caller *actor, const char *username,
		   const char *email, struct err *e);

/* How many people the coordinator can walk alongside at once (1 to 200;
 * 55 until set), for the waiting-time estimate. */
int user_set_capacity(struct db *db, const struct caller *actor,
		      const char *username, long capacity, struct err *e);

/* Every user, by username, in the arena. */
int user_list(struct db *db, struct arena *a, struct user **out, size_t *count,
	      struct err *e);

/* One user by id, with roles and areas; USER_NOT_FOUND when none. */
int user_load(struct db *db, struct arena *a, const char *id, struct user **out,
	      struct err *e);

/* The id and password hash (NULL when none is set, or no such user, or
 * disabled) for signing in. */
int user_credentials(struct db *db, struct arena *a, const char *username,
		     const char **id, const char **hash, struct err *e);

/* True when the username has the allowed shape (for error messages
 * before any lookup). */
bool user_name_valid(const char *username);

#endif
