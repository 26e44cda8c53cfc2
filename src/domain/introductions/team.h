#ifndef ALONGSIDE_DOMAIN_INTRODUCTIONS_TEAM_H
#define ALONGSIDE_DOMAIN_INTRODUCTIONS_TEAM_H

#include <stddef.h>

struct arena;
struct caller;
struct db;
struct err;
struct introduction;

/*
 * A team leader's view across their team: for each coordinator working
 * one of the team's areas, how many introductions wait for an answer and
 * how many of those are overdue.  An introduction counts for every
 * coordinator of its area, since any of them may answer it.
 */

struct team_waiting {
	const char *coordinator_id;
	const char *display_name;
	size_t waiting;     /* not yet at an outcome */
	size_t overdue;     /* of those, due before today */
};

/* Counts over list (introductions the caller reaches, as intro_list gives
 * them), for the coordinators of who's team, by username; *count 0 for a
 * caller who leads no team.  today is YYYY-MM-DD, Europe/London. */
int team_waiting(struct db *db, const struct caller *who, const struct introduction *list,
		 size_t list_count, const char *today, struct arena *a,
		 struct team_waiting **out, size_t *count, struct err *e);

#endif
