#ifndef ALONGSIDE_DOMAIN_AUDIT_H
#define ALONGSIDE_DOMAIN_AUDIT_H

#include <stdbool.h>
#include <stddef.h>

#include "domain/staff/caller.h"

struct arena;
struct db;
struct json_diff_row;
struct json_t;
struct db_conn;
struct err;

/*
 * The audit log: who did what to which record, when, from where, under
 * which request.  Entries are only ever inserted, and hold ids and
 * actions, never a person's data, so they outlive an erasure; the one
 * exception is the before and after of a public record of the directory
 * of areas or of the council's settings (changes, below), text anyone could read on its page.
 *
 * A change and its entry go in one transaction (audit_write on the
 * change's connection, before its commit): a failed audit write fails the
 * change.
 */

struct audit_entry {
	const char *action;       /* "sign_in", "sign_in_failed", "role_change", "read", ... */
	const char *record_type;  /* "user", "session", "person", ...; may be NULL */
	const char *record_id;
	const char *area_id;      /* the area the record belongs to, if any */
	const char *outcome;      /* NULL: "ok" */
	const char *changes;      /* JSON {"before": ..., "after": ...} of a
				   * public record of the directory of areas
				   * (an area, a coordinator's public entry, a
				   * drop-in) or of the council's settings;
				   * NULL for anything else: never a person's
				   * data */
};

/* {"before": before, "after": after} as compact text with sorted keys, in
 * the arena: the changes of an entry.  Takes both references; either may
 * be NULL (JSON null). */
const char *audit_changes_text(struct arena *a, struct json_t *before, struct json_t *after);

/* Inserts one entry on c (inside the caller's transaction, if any). */
int audit_write(struct db_conn *c, const struct caller *actor,
		const struct audit_entry *entry, struct err *e);

/* Ends a change made on c in a transaction (opened with db_transaction,
 * db/db.h): when rc is 0 so far, writes
 * the entry and commits; either way gives c back (rolling back whatever
 * did not commit) and frees a (which may be NULL).  Returns the result,
 * so a failed audit write fails the change. */
int audit_commit(struct db_conn *c, struct arena *a, int rc,
		 const struct caller *actor, const struct audit_entry *entry,
		 struct err *e);

/* Ends a change as audit_commit does, and a refused one too: when rc is
 * RESULT_NOT_FOUND or RESULT_FORBIDDEN (a record the caller may not reach,
 * or one there is not: the log may tell them apart, an answer may not),
 * whatever the change wrote is rolled back and the attempt is recorded
 * with outcome "refused", so the log shows who tried.  Returns rc, or
 * RESULT_FAILED when the entry could not be written. */
int audit_commit_or_refuse(struct db_conn *c, struct arena *a, int rc,
			   const struct caller *actor,
			   const struct audit_entry *entry, struct err *e);

/* Ends a change refused or failed before it wrote anything, whose
 * refusal entry the check that refused it already wrote on c: rc
 * RESULT_NOT_FOUND commits that entry, as the record of the attempt;
 * anything else rolls back.  Frees a (which may be NULL); returns rc, or
 * RESULT_FAILED when the entry could not be kept. */
int audit_keep_refusal(struct db_conn *c, struct arena *a, int rc, struct err *e);

/* Ends a read made on c, outside a transaction: when rc is RESULT_OK or
 * RESULT_NOT_FOUND writes the entry (its outcome, else "refused" for a
 * record not found: out of reach or not there), then gives c back.
 * Returns rc, or RESULT_FAILED when the entry could not be written. */
int audit_read(struct db_conn *c, int rc, const struct caller *actor,
	       const struct audit_entry *entry, struct err *e);

/* Inserts one entry in a transaction of its own. */
int audit_record(struct db *db, const struct caller *actor,
		 const struct audit_entry *entry, struct err *e);

struct audit_row {
	const char *id;
	const char *at;
	const char *actor_user_id;
	const char *actor_username;   /* NULL for a token or the command line */
	const char *actor_token_id;
	const char *action;
	const char *record_type;
	const char *record_id;
	const char *area_id;
	const char *client_address;
	const char *request_id;
	const char *outcome;
	const char *changes;
};

/* The values an entry's changes document ({"before": {...}, "after":
 * {...}}, either of them null for a record made or taken away) holds
 * different, as core/json_diff.h compares and names them (a list of plain
 * values on one line; nested fields by path); in the arena.
 * RESULT_INVALID for text that is not such a document (shown as it is,
 * then). */
int audit_changes_rows(struct arena *a, const char *changes, struct json_diff_row **out,
		       size_t *count);

struct audit_filter {
	const char *team_leader_id; /* only the areas this team leader leads */
	int account_events;         /* only what administrators see:
				     * sign-ins, sign-outs, failures, changes
				     * to accounts and roles, exports of the
				     * trail, and changes to areas,
				     * coordinators and drop-ins */
	const char *action;         /* NULL: any */
	const char *actor_user_id;  /* NULL: anyone */
	const char *since;          /* ISO-8601, inclusive; NULL: no bound */
	const char *until;          /* exclusive; NULL: no bound */
	size_t limit;               /* audit_list: 0 is 500, at most 10000;
				     * audit_page: the page's size, 0 is
				     * AUDIT_PAGE_SIZE, at most AUDIT_PAGE_MAX */
	const char *before;         /* audit_page: a cursor; only entries
				     * older than it; NULL: from the newest */
	const char *after;          /* audit_page: a cursor; only the entries
				     * just newer than it */
};

/* Newest first, in the arena. */
int audit_list(struct db *db, struct arena *a, const struct audit_filter *f,
	       struct audit_row **out, size_t *count, struct err *e);

/*
 * The trail a page at a time, newest first.  Entries are ordered by (at,
 * id), which no two share, and a page is found from a cursor naming the
 * entry at its edge ("2026-03-01T09:30:00.000Z_" and the entry's id), not
 * by an offset: an entry written meanwhile does not shift the pages, and
 * a page costs the same however deep.
 */
#define AUDIT_PAGE_SIZE 100
#define AUDIT_PAGE_MAX 500

struct audit_page {
	struct audit_row *rows;
	size_t count;
	const char *older;  /* the cursor of the next older page (before=),
			     * NULL when there is none */
	const char *newer;  /* the cursor of the next newer page (after=),
			     * NULL when this page has the newest */
};

/* True when s is a cursor: a time as clock_utc_iso8601 writes it, "_",
 * and an id (core/id.h).  One need not name an entry that is there. */
bool audit_cursor_valid(const char *s);

/* The page of entries f selects next to f->before or f->after (not both),
 * or the newest; in the arena.  RESULT_INVALID with a field error
 * ("before", "after", "limit") for a cursor that is not one, both
 * cursors, or a page size over AUDIT_PAGE_MAX. */
int audit_page(struct db *db, struct arena *a, const struct audit_filter *f,
	       struct audit_page *out, struct err *e);

#endif
