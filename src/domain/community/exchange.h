#ifndef ALONGSIDE_DOMAIN_COMMUNITY_EXCHANGE_H
#define ALONGSIDE_DOMAIN_COMMUNITY_EXCHANGE_H

#include <stdbool.h>
#include <stddef.h>

struct arena;
struct caller;
struct db;
struct err;
struct lookup_context;

/*
 * A whole community directory in and out as Open Referral UK: JSON (ORUK
 * service documents with full nesting, taxonomies and their terms) or the
 * HSDS CSV data package (a folder: datapackage.json and one CSV a table,
 * named and laid out as the UK profile's datapackage.json has them, with
 * the HSDS 3.0 base columns the profile leaves out where a listing holds
 * more).  For `alongside directory import|export`.
 *
 * Reading (exchange_read*) only parses and checks, touching no database:
 * every record is read into a struct listing (domain/community/listing.h)
 * keeping its UUIDs, its assured_date as checked_on and its
 * last_modified.  A record that breaks the schema (a required field
 * missing, a value of the wrong type, an id that is not a UUID, a date or
 * time that is not one, a status or location type ORUK does not have) is
 * a problem naming the record: a JSON path ("services[4012].schedules[0]
 * .byday: must be text") or a CSV file and line ("services.csv line 4013:
 * minimum_age: must be a whole number"); every fault of a record is a
 * problem of its own (the first EXCHANGE_PROBLEMS_MAX kept, the rest
 * counted).  Records are numbered from 0 as the path numbers them.
 *
 * Importing (exchange_import) stores a read directory all or nothing: every
 * taxonomy and term (created or updated by id), then every listing through
 * listing_save_on (created, or updated when its id is held: importing the
 * same file again changes nothing but versions), in one transaction with
 * one audit entry ("import", record type "directory").  A listing the
 * store refuses is a problem naming its record, and nothing is kept.
 * What staff did here stands: a held listing that is retired is never
 * brought back, and one imported before whose newest version staff made
 * (not an import) is left as it is unless the import is told to replace
 * it; each is reported in d->kept ("kept: changed here since: NAME",
 * "kept: retired here: NAME").  Import versions carry the note
 * EXCHANGE_NOTE, which is how a later import tells them from staff's.
 *
 * Exporting (exchange_export) writes every listing, live and retired, and
 * every taxonomy and term, in id order, so that export, import into an
 * empty database and export again gives the same files.
 *
 * Results: RESULT_OK; RESULT_INVALID with problems listed (the first also
 * in e->msg); RESULT_FORBIDDEN for a caller who may not change listings;
 * RESULT_FAILED (a file that cannot be read or written, the database).
 */

#define EXCHANGE_PROBLEMS_MAX 20
#define EXCHANGE_BYTES_MAX (512L * 1024 * 1024)  /* the largest JSON file read */
#define EXCHANGE_RECORDS_MAX 500000               /* records of one kind */

/* The taxonomy an imported term without one is put in. */
/* The note of every version an import makes. */
#define EXCHANGE_NOTE "imported"

#define EXCHANGE_TAXONOMY_IMPORTED "3b0f6f3e-4a8d-4c55-9d6e-7f1c2a9b8e01"

struct taxonomy;
struct taxonomy_term;
struct listing;

struct exchange_problem {
	long record;               /* the service's (or term's) number; -1: the file */
	const char *message;       /* "services[4012].schedules[0].byday: ..." */
};

/* Where a listing came from in its file, so a problem the store finds
 * (named by listing.h's field paths) can name the file's place instead. */
struct exchange_origin {
	unsigned long line;            /* CSV: its services.csv line; JSON: 0 */
	const char **schedule_paths;   /* JSON: each schedule's path, as
					* "service_at_locations[0].schedules[1]" */
};

struct exchange_directory {
	struct taxonomy *taxonomies;
	size_t taxonomy_count;
	struct taxonomy_term *terms;   /* taxonomy_id NULL: none given */
	bool *term_reference;          /* per term: only named by an attribute */
	size_t term_count;
	struct listing *listings;      /* checked_on: assured_date; may be NULL */
	struct exchange_origin *origins;  /* one a listing */
	size_t listing_count;
	struct exchange_problem *problems;  /* the first EXCHANGE_PROBLEMS_MAX */
	size_t problem_count;
	size_t problems_left_off;      /* the problems past those, only counted */
	const char **kept;             /* exchange_import: a line a listing left as held */
	size_t kept_count;
};

struct exchange_options {
	bool demo;                     /* mark every listing demo */
	bool replace;                  /* overwrite listings changed here since */
};

enum exchange_format { EXCHANGE_JSON, EXCHANGE_CSV };

/* Reads path: a folder is a data package, anything else a JSON file.  A
 * file that is not JSON, or a folder without datapackage.json, is
 * RESULT_INVALID with one problem for the file. */
int exchange_read(struct arena *a, const char *path, struct exchange_directory *out,
		  struct err *e);

/* Reads ORUK JSON text: a list of services (an array, or a paged list
 * object with `contents`), one service, a taxonomy with taxonomy_terms,
 * a list of taxonomies or of terms, or what exchange_export writes (an
 * object with taxonomies, taxonomy_terms and services). */
int exchange_parse_json(struct arena *a, const char *text, size_t len,
			struct exchange_directory *out, struct err *e);

/* Stores d (see above).  *saved gets the number of listings stored.
 * Problems the store finds, and the listings kept as held, go into d. */
int exchange_import(struct db *db, const struct caller *who, const struct lookup_context *ctx,
		    struct exchange_directory *d, const struct exchange_options *opt,
		    struct arena *a, size_t *saved, struct err *e);

/* Writes the whole directory to out: a JSON file, or a folder (created if
 * missing) holding the data package.  *count gets the number of
 * listings. */
int exchange_export(struct db *db, const struct caller *who, enum exchange_format format,
		    const char *out, struct arena *a, size_t *count, struct err *e);

#endif
