#ifndef ALONGSIDE_DOMAIN_USER_H
#define ALONGSIDE_DOMAIN_USER_H

#include <stdbool.h>
#include <stddef.h>

struct arena;
struct caller;
struct db;
struct db_conn;
struct err;

/*
 * Staff accounts and their roles.  A coordinator works one or more areas;
 * a team leader leads a team, which is the set of areas listed with that
 * role; an administrator manages users, areas and imports and sees no case
 * records unless also a team leader; a programme manager sees every
 * area's figures (the reports) and no person's record, and has no areas.
 * A user may hold several roles.
 *
 * Usernames are 3 to 64 characters of a-z, 0-9, '.', '_' and '-', kept in
 * lower case.  Functions taking a username take a user's id as well.
 *
 * Who may reach an account: an administrator and the command line manage
 * every account (user_administers); a member of staff reads their own.
 *
 * Results (core/err.h): RESULT_OK; RESULT_INVALID with a field error for
 * every problem, named as the JSON API names the field ("username",
 * "areas", "password"...); RESULT_NOT_FOUND (subject "user") for no such
 * user, or one the caller may not reach; RESULT_FORBIDDEN for a caller who
 * may not manage accounts at all; RESULT_CONFLICT for a username already
 * taken; RESULT_FAILED for a system failure.  Every change is written to
 * the audit log in the same transaction, and so is every refused one
 * (outcome "refused"), so the log shows who tried.
 */

enum user_role_bits {
	USER_COORDINATOR = 1 << 0,
	USER_TEAM_LEADER = 1 << 1,
	USER_ADMINISTRATOR = 1 << 2,
	USER_PROGRAMME_MANAGER = 1 << 3, /* every area's figures, no person's record */
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

/* The roles' names, NULL-terminated: role 1 << i is user_roles[i]. */
extern const char *const user_roles[];

/* "coordinator", "team_leader" ("team-leader" too), "administrator" or
 * "programme_manager" ("programme-manager" too) to
 * its bit; 0 for anything else. */
unsigned user_role_parse(const char *name);
const char *user_role_name(unsigned role);

/* True for an administrator and for the command line: those who manage
 * accounts, their sessions and API tokens. */
bool user_administers(const struct caller *who);

/* True when the caller may reach the account user_id and its sessions:
 * their own, or any for those who administer. */
bool user_reaches(const struct caller *who, const char *user_id);

struct user_input {
	const char *username;
	const char *display_name;   /* NULL: the username */
	unsigned role;              /* one user_role_bits; 0 is refused */
	const char *const *areas;   /* ids or names */
	size_t area_count;
	const char *password;       /* NULL: none yet */
	const char *email;          /* NULL: none */
};

/* Creates a user holding one role; areas for coordinators and team
 * leaders, none for administrators and programme managers.  The new
 * account's capacity is kept from today (user_capacity_kept).  Every field is checked (areas
 * against those stored, the password against the policy) before anything
 * is written.  Without a password the user cannot sign in until one is
 * set.  The password and email are then set as their own audited
 * changes, as an administrator setting them later would. */
int user_add(struct db *db, const struct caller *who, const struct user_input *in,
	     char *id_out, struct err *e);

/* Gives the user the role with exactly these areas (replacing the areas
 * it had), or with remove, takes the role away.  A user keeps at least
 * one role.  The installation keeps an administrator who can sign in
 * (enabled, with a password): taking the role from the last one is
 * RESULT_INVALID (field "role"), for every caller, the command line too,
 * and the attempt is audited as refused.  Giving the role is never
 * refused for this, so the command line can always make one. */
int user_set_role(struct db *db, const struct caller *who,
		  const char *username, unsigned role, const char *const *areas,
		  size_t area_count, bool remove, struct err *e);

/* Checks the policy (domain/password.h), stores the new hash and ends
 * every session of the user. */
int user_set_password(struct db *db, const struct caller *who,
		      const char *username, const char *password, struct err *e);

/* Disabling also ends every session of the user at once.  Refused as
 * RESULT_INVALID (field "disabled"), and audited as refused, for a caller
 * disabling their own account, and for anyone, the command line too,
 * disabling the last administrator who can sign in (see user_set_role).
 * Enabling is never refused for this. */
int user_set_disabled(struct db *db, const struct caller *who,
		      const char *username, bool disabled, struct err *e);

/* Records that the user (a coordinator) covers an area from one date to
 * another, inclusive (YYYY-MM-DD, Europe/London): while it lasts they see
 * that area's people as its own coordinator does.  Recorded by a team
 * leader of the area, or by those who administer; RESULT_NOT_FOUND
 * (subject "area") for anyone else.  Fields, as the team leader's form
 * names them: "user", "area", "starts_on", "ends_on". */
int user_add_cover(struct db *db, const struct caller *who,
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
int user_set_email(struct db *db, const struct caller *who, const char *username,
		   const char *email, struct err *e);

/* How many people the coordinator can walk alongside at once (1 to 200;
 * 55 until set), for the waiting-time estimate; kept with its date
 * (user_capacity_kept) for the reports of caseloads over time.  Administrators and the
 * command line; a team leader sets it for their team through
 * caseload_set_capacity (domain/people/caseload.h). */
int user_set_capacity(struct db *db, const struct caller *who,
		      const char *username, long capacity, struct err *e);

/* Keeps the capacity the user's account now holds (users.capacity) as
 * a change in force from today (Europe/London), set by the caller (NULL
 * for the command line), on c: inside the transaction that set it, so
 * the figure and its date are written together.  Every setting is kept,
 * two on one day too; the later set_at is the one in force.  Called by
 * user_add, user_set_capacity and caseload_set_capacity. */
int user_capacity_kept(struct db_conn *c, struct arena *a, const struct caller *who,
		       const char *user_id, struct err *e);

/* RESULT_OK for a capacity a coordinator may have, else RESULT_INVALID
 * with a field error naming "capacity". */
int user_check_capacity(long capacity, struct err *e);

/* Every user, by username, in the arena. */
int user_list(struct db *db, struct arena *a, struct user **out, size_t *count,
	      struct err *e);

/* One user by id, with roles and areas, as the caller may read it: their
 * own account, or any for those who administer; RESULT_NOT_FOUND for
 * another's, or no such user. */
int user_get(struct db *db, struct arena *a, const struct caller *who,
	     const char *id, struct user **out, struct err *e);

/* One user by id, with roles and areas, asking nobody: for finding out
 * who a caller is, and for rules that decide for themselves what the
 * caller may see (domain/staff/access.h).  RESULT_NOT_FOUND when none. */
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
