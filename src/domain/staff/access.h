#ifndef ALONGSIDE_DOMAIN_ACCESS_H
#define ALONGSIDE_DOMAIN_ACCESS_H

#include <stdbool.h>
#include <stddef.h>

#include "domain/staff/caller.h"

struct api_token;
struct arena;
struct db;
struct err;
struct session;
struct user;

/*
 * Who may see what: the one place the rules live.  Every handler that
 * touches a person's record asks here, with the record's area.
 *
 *   - A coordinator sees the people of the areas they work and of the
 *     areas they cover today (cover is dated: "Sam covers Acomb from 1 to
 *     14 March", inclusive, Europe/London dates).
 *   - A team leader sees the people of their team's areas, and that
 *     team's audit trail.
 *   - An administrator manages accounts, areas and imports, and sees no
 *     case records unless also a team leader.
 *   - A programme manager sees every area's figures (the reports, which
 *     decide that themselves) and no case records unless also a
 *     coordinator or team leader: the role has no areas, so nothing
 *     here grants it a person.
 *   - An API token reaches only what its scopes name, never case records.
 *   - Anyone else sees the public directory only.
 */

/* True when the caller is a user holding the role (user_role_bits). */
bool access_has_role(const struct caller *p, unsigned role);

/* May p read and change the case records of the area? */
bool access_casework(const struct caller *p, const char *area_id);

/* Every area whose case records p may reach (their own, today's cover,
 * their team's), each once, in the arena. */
size_t access_casework_areas(const struct caller *p, struct arena *a,
			     const char ***out);

/* Is the user a coordinator working one of the leader's team areas? */
bool access_in_team(const struct user *leader, const struct user *u);

/* May p see or record the leave of the coordinator `user` (with their
 * areas)?  The coordinator, a team leader of one of their areas, or an
 * administrator. */
bool access_leave(const struct caller *p, const struct user *coordinator);

/* May p read the audit trail of the area? */
bool access_audit_area(const struct caller *p, const char *area_id);

/* The areas user_id covers on day (YYYY-MM-DD), in the arena. */
int access_load_cover(struct db *db, struct arena *a, const char *user_id,
		      const char *day, const char ***areas, size_t *count,
		      struct err *e);

#endif
