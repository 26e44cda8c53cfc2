#ifndef ALONGSIDE_DOMAIN_OUTCOMES_COSTS_H
#define ALONGSIDE_DOMAIN_OUTCOMES_COSTS_H

#include <stdbool.h>
#include <stddef.h>

struct arena;
struct caller;
struct db;
struct err;

/*
 * Costs avoided (schema/022-costs-avoided.sql): the council's unit costs,
 * and the events a coordinator records on a person's record, each with
 * the person's view of what would otherwise have happened.  The kinds
 * are domain/outcomes/measures.h's cost_kinds.  The money is summed by
 * the reports (domain/reports), as "gross costs avoided"; this module
 * keeps the records and says which figure values an event.
 *
 * Unit costs: the council's table, which ships empty.  A figure is
 * never changed: a new figure for a kind is a new row, in force from its
 * date.  Only an administrator, a programme manager or the command line
 * read or add them (else RESULT_FORBIDDEN, audited as refused); an
 * addition is audited "create", record type "unit_cost".
 *
 * Cost events: on a person's record, so access and audit are the
 * person's (domain/people/person.h): a person out of the caller's reach
 * is not found ("person"), an event not theirs not found ("cost_event");
 * record type "cost_event", entries "create", "withdraw", and "list"
 * naming the person.  An event is never deleted: it is withdrawn with the
 * reason, and kept.  It belongs to the person's involvement running on
 * the day it happened, else the latest started before it, else the first
 * started after it; a person with no involvement at all is
 * RESULT_CONFLICT.
 *
 * Results (core/err.h): RESULT_OK; RESULT_INVALID naming every field at
 * fault as the API names it ("kind", "pounds", "happened_on",
 * "quantity", "person_view", "why"...); RESULT_NOT_FOUND;
 * RESULT_FORBIDDEN; RESULT_CONFLICT; RESULT_FAILED.  Nothing is written
 * unless all is valid.
 */

#define COSTS_TEXT_MAX 200          /* unit, source */
#define COSTS_YEAR_MAX 20           /* "2024/25" */
#define COSTS_VIEW_MAX 2000         /* the person's view, the note, the reason */
#define COSTS_PENCE_MAX 100000000LL /* £1,000,000: no one unit costs more */
#define COSTS_QUANTITY_MAX 365

struct unit_cost {
	const char *id;
	const char *kind;
	long long pence;
	const char *unit;          /* "per attendance" */
	const char *source;        /* "PSSRU Unit Costs of Health and Social Care 2024" */
	const char *source_year;   /* "2024/25" */
	const char *from_on;       /* YYYY-MM-DD */
	const char *created_by_name;
	const char *created_at;
	bool current;              /* the kind's figure in force today */
};

struct unit_cost_input {
	const char *kind;
	const char *pounds;        /* "123.45", "£1,234.5", "80": pounds and pence */
	const char *unit;
	const char *source;
	const char *source_year;
	const char *from_on;       /* YYYY-MM-DD; needed: a kind's first figure
				    * values no event before it, so the day is
				    * asked, never assumed to be today */
};

/* Money as a person types it, "£1,234.56", "80", "80.5", into pence:
 * false for anything else, a negative sum or more than two places of
 * pence. */
bool costs_parse_pounds(const char *s, long long *pence);

/* Pence as "£1,234.56", in the arena. */
const char *costs_format_pence(struct arena *a, long long pence);

/* Adds a figure; *out is it, as stored. */
int unit_cost_add(struct db *db, const struct caller *who, const struct unit_cost_input *in,
		  struct arena *a, struct unit_cost **out, struct err *e);

/* Every figure, kinds in cost_kinds' order, each kind's newest first
 * (from_on, then the later added); the one in force today is current. */
int unit_cost_list(struct db *db, const struct caller *who, struct arena *a,
		   struct unit_cost **out, size_t *count, struct err *e);

/* How many events standing have no figure in force on their day, for
 * each kind in cost_kinds' order (counts holds COST_KIND_COUNT): what a
 * figure in force from an earlier day would value.  Counts only, no
 * person's record, so no audit but of a refusal (as unit_cost_list). */
int unit_cost_unvalued(struct db *db, const struct caller *who, struct arena *a,
		       long *counts, struct err *e);

/*
 * The one rule the records and the reports share: the figure that values
 * an event of `kind` that happened on `day` (YYYY-MM-DD) is the kind's
 * row with the latest from_on on or before that day; of two rows from the
 * same day the later added (created_at, then id) wins, since it was
 * entered to correct the first.  created_at is to the millisecond: two
 * rows added within one millisecond (a script, not a person) fall to
 * their random ids, which an entry sequence would settle.  *out is NULL when no figure was in force
 * that day: such an event is counted but not valued, never valued at a
 * later figure.  No access check and no audit: the figures are the
 * council's, not a person's, and the caller (a report) audits itself.
 * UNIT_COST_ON_SQL is that rule, for a report that would rather join it:
 * $1 the kind, $2 the day; it selects id, pence, unit, source,
 * source_year, from_on.
 */
#define UNIT_COST_ON_SQL                                                              \
	"SELECT id, pence, unit, source, source_year, from_on FROM unit_costs"         \
	" WHERE kind = $1 AND from_on <= $2"                                           \
	" ORDER BY from_on DESC, created_at DESC, id DESC LIMIT 1"
int costs_unit_cost_on(struct db *db, const char *kind, const char *day, struct arena *a,
		       struct unit_cost **out, struct err *e);

struct cost_event_input {
	const char *kind;
	const char *happened_on;   /* YYYY-MM-DD, not in the future; NULL: today */
	const char *quantity;      /* 1-365 in the kind's quantity_unit; NULL: 1 */
	const char *person_view;   /* needed: in their words */
	const char *note;          /* the coordinator's; optional */
};

struct cost_event {
	const char *id;
	const char *person_id;
	const char *involvement_id;
	const char *kind;
	const char *happened_on;
	long quantity;
	const char *person_view;
	const char *note;
	const char *created_by_name;
	const char *created_at;
	const char *withdrawn_at;  /* NULL while it stands */
	const char *withdrawn_by_name;
	const char *withdrawn_why;
};

/* Records an event on the person's record; *out is it, as stored. */
int cost_event_record(struct db *db, const struct caller *who, const char *person_id,
		      const struct cost_event_input *in, struct arena *a,
		      struct cost_event **out, struct err *e);

/* The person's events, withdrawn ones too, the latest day first. */
int cost_event_list(struct db *db, const struct caller *who, const char *person_id,
		    struct arena *a, struct cost_event **out, size_t *count, struct err *e);

/* cost_event_list with the name the person likes to be called, for a
 * page. */
int cost_event_history(struct db *db, const struct caller *who, const char *person_id,
		       struct arena *a, const char **person_name, struct cost_event **out,
		       size_t *count, struct err *e);

/* Withdraws an event standing, with the reason (needed): it is kept and
 * shown as withdrawn, and no longer counted.  One already withdrawn is
 * RESULT_CONFLICT. */
int cost_event_withdraw(struct db *db, const struct caller *who, const char *person_id,
			const char *event_id, const char *why, struct err *e);

#endif
