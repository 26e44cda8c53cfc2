#ifndef ALONGSIDE_DOMAIN_OUTCOMES_STANDING_H
#define ALONGSIDE_DOMAIN_OUTCOMES_STANDING_H

struct arena;
struct db_conn;
struct err;

/*
 * Where a person stands at each of their sittings (schema/024): for every
 * statement key and ONS measure they have answered by then, their first
 * answer, their latest and how many, with the sitting's day and
 * involvement; and, on each sitting and its standing, the day of their
 * next one (superseded_on).  The reports read a period's movement
 * from the latest sittings' rows instead of grouping every answer ever
 * given (domain/reports/report_outcomes.c).
 *
 * Derived from the sittings, never typed.  Whatever adds or withdraws a
 * sitting (outcome.c, wellbeing.c) calls standing_refresh for the person
 * on the same connection, inside its transaction, so the rows never
 * disagree with the sittings; a failure there fails the write.  It
 * takes the person's lock first (db_lock "person:ID", as their other
 * writers do), so two writers of one person's sittings rebuild in turn.
 * standing_refresh_everyone rebuilds every person's, for a tool that
 * writes sittings in bulk (tools/invent_programme).
 */
int standing_refresh(struct db_conn *c, struct arena *a, const char *person_id,
		     struct err *e);
int standing_refresh_everyone(struct db_conn *c, struct arena *a, struct err *e);

#endif
