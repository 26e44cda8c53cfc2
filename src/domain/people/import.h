#ifndef ALONGSIDE_DOMAIN_PEOPLE_IMPORT_H
#define ALONGSIDE_DOMAIN_PEOPLE_IMPORT_H

#include <stdbool.h>
#include <stddef.h>

struct arena;
struct caller;
struct err;
struct person_settings;

/*
 * Moving in from a spreadsheet: an existing caseload, as CSV text, becomes
 * people, each with their first involvement.  The header is exactly
 * IMPORT_HEADER; each row is one person:
 *
 *   name          required, as typed (PERSON_NAME_MAX characters)
 *   preferred_name, phone, email, postcode   optional
 *   coordinator   the username of an enabled user with the coordinator
 *                 role and at least one area
 *   kind          short_term | walking_alongside
 *   started       YYYY-MM-DD, not in the future
 *   last_contact  optional, YYYY-MM-DD, not in the future, not before
 *                 started
 *   notes         optional, the coordinator's notes, line breaks allowed
 *
 * Rows are numbered as a spreadsheet numbers them: the header is row 1,
 * and empty lines count.  A row whose cells are all empty, or only
 * spaces, is skipped.
 * The person's area comes from their postcode when it lies in a covered
 * area or near one (domain/areas/lookup.h), else it is the coordinator's
 * first area by name.
 *
 * No conversation is made up: the spreadsheet does not say how the last
 * contact happened, and a conversation must say how.  The last contact is
 * kept as the involvement's last_contact_before_import, which the
 * caseload counts from until a later conversation is held; the notes are
 * kept, word for word, as the note of the involvement's start ("Moved in
 * from a spreadsheet." and the notes after a blank line), which the
 * person's page shows in the involvement's history.
 *
 * The whole file is checked before anything is written, and every
 * problem is reported, each naming its row and column; with one problem
 * nothing is stored.  A dry run checks and reports alike and stores
 * nobody; it is audited (action "import_check", record type "import",
 * outcome "matched N" with the number of rows like someone already
 * known), good file or not.  Otherwise every person is created
 * (person_create_on) in one transaction, with one audit entry per person
 * (action "import", record type "person", their area) and one for the
 * import (action "import", record type "import"): all or nothing.
 *
 * Likely matches, rows that look like someone already known (the same
 * name and postcode, the same phone by its digits, or the same email
 * case folded), are only counted: neither the rows nor the reasons are
 * given, so an administrator cannot test, row by row, whether a given
 * person is known.  Two rows of the file that look alike are reported by
 * row with the reason.  Neither stops an import, and nobody is linked.
 *
 * Who: an administrator or the command line (user_administers).  Anyone
 * else is RESULT_FORBIDDEN, audited as refused.
 *
 * Results: RESULT_OK; RESULT_INVALID when the file or a row is wrong:
 * out->problems lists every one (e holds the first ERR_FIELDS_MAX as field
 * errors with path "row N.column", for a caller that shows only those);
 * RESULT_FORBIDDEN; RESULT_FAILED.
 */

#define IMPORT_HEADER \
	"name,preferred_name,phone,email,postcode,coordinator,kind,started,last_contact,notes"
#define IMPORT_ROWS_MAX 5000
#define IMPORT_BYTES_MAX (8 * 1024 * 1024)

struct import_problem {
	long row;                      /* 0: the file as a whole */
	const char *column;            /* NULL: the whole row */
	const char *message;           /* a sentence naming row and column */
};

struct import_count {
	const char *name;              /* a coordinator's username, or a kind */
	long count;
};

struct import_match {
	long row;
	const char *why;               /* "same email as row 4" */
};

/* What import_people does with a good file. */
enum import_flags {
	IMPORT_DRY_RUN = 1 << 0,       /* report only; write nothing */
	IMPORT_IF_EMPTY = 1 << 1,      /* store only when there are no people
					* yet (a demo loaded again); else
					* report `skipped` and write nothing */
};

struct import_report {
	bool stored;
	bool skipped;                  /* IMPORT_IF_EMPTY found people */
	long people;
	struct import_count *coordinators;  /* by username */
	size_t coordinator_count;
	struct import_count kinds[2];       /* short_term, walking_alongside */
	long known;                         /* rows like someone already known */
	struct import_match *matches;       /* rows like an earlier row */
	size_t match_count;
	struct import_problem *problems;    /* by row */
	size_t problem_count;
	const char **person_ids;            /* when stored, by row */
};

int import_people(const struct person_settings *s, const struct caller *who,
		  const char *csv, size_t len, unsigned flags, struct arena *a,
		  struct import_report *out, struct err *e);

#endif
