#ifndef ALONGSIDE_DOMAIN_COMMUNITY_LISTING_H
#define ALONGSIDE_DOMAIN_COMMUNITY_LISTING_H

#include <stdbool.h>
#include <stddef.h>

struct arena;
struct caller;
struct db;
struct err;
struct db_conn;
struct lookup_context;

/*
 * A listing of the community directory: one Open Referral UK service with
 * its organisation, places, times, costs, contacts and taxonomy terms
 * (schema/013).  The same struct is read and written: listing_save takes
 * one whole and makes it the listing's new version.
 *
 *  - Ids are UUIDs (core/id.h id_uuid_*).  A record given without an id is
 *    new and gets one; one given with the id of the listing's current
 *    record of that kind is that record, changed; a current record not
 *    given any more is gone from the new version (the version before it
 *    keeps it).  An id not held anywhere is kept for the new record (an
 *    import keeps the ids other systems know).  An id that is another
 *    listing's is refused at its field, except a location's: ORUK lets
 *    services share a place, so a held location id names that place (and
 *    a place no listing links any more is removed).
 *  - Places: a physical location needs a postcode the lookup knows
 *    (latitude and longitude come from it) or latitude and longitude
 *    given; either way the ward and area it falls in are found through
 *    the lookup's polygons, and easting/northing kept for distance search.
 *  - Every listing carries at least one taxonomy term ("terms").
 *  - Its records read back in the order they were saved in (schema/014).
 *  - Every change is a whole new version (compare-and-set on `version`:
 *    a save names the version it was made from; 0 creates).  Versions are
 *    kept whole as the ORUK service document (domain/community/oruk.h),
 *    with who made each and a note, and can be read back (listing_history,
 *    listing_version).
 *  - Saving by staff marks the listing checked today by them; so does
 *    listing_check alone ("still right").  A listing not checked for
 *    review_months (or never), or with a review_reason (hours an import
 *    could not read, say), comes up for review (listing_review_list); a
 *    save or a check by staff clears the reason.  A save by CALLER_CLI (an
 *    import) instead takes checked_on (NULL: today), checked_by_name and
 *    review_reason as given, so old data comes in as last checked when
 *    its source last checked it.
 *  - Retiring sets status "defunct" with a reason: the listing leaves
 *    search and lists, still answers by id (status defunct) and keeps its
 *    history.  A save may not set "defunct" (that is listing_retire); a
 *    later save (status NULL or "active") brings it back.  A check and a
 *    retirement are new versions too, so every version number names a
 *    document.
 *
 * Who: CALLER_STAFF (every role) and CALLER_CLI change listings;
 * CALLER_PUBLIC and API readers only read, and read the public view:
 * contacts only where public and the source allows (contacts_public; a
 * source that does not also keeps the listing's and its organisation's
 * email off), never the checked_by user, review or retirement reason and
 * who.  Changes are audited (record
 * type "listing", "create"/"update"/"retire"/"check" naming the listing);
 * public reads are not.  A listing id not held is not found ("listing").
 *
 * Results (core/err.h): RESULT_OK; RESULT_INVALID naming every field at
 * fault ("name", "status", "organization.name", "minimum_age",
 * "locations.N.postal_code", "schedules.N.byday", "schedules.N.valid_to",
 * "terms", "terms.N" ... as the API names them, N from 0; see
 * schedule_check for schedules); RESULT_CONFLICT when `version` is not the
 * current one; RESULT_NOT_FOUND; RESULT_FORBIDDEN for a caller who may not
 * change listings; RESULT_FAILED.  Nothing is written unless all is valid.
 */

#define LISTING_NAME_MAX 200
#define LISTING_TEXT_MAX 4000    /* description, how to join, eligibility, ... */
#define LISTING_LOCATIONS_MAX 20
#define LISTING_SCHEDULES_MAX 60
#define LISTING_CONTACTS_MAX 10
#define LISTING_TERMS_MAX 20
#define LISTING_AGE_MAX 130

extern const char *const listing_statuses[];  /* active, inactive, defunct,
					       * temporarily closed; NULL-ended */

struct community_source {
	const char *id;
	const char *name;
	const char *attribution;   /* shown with every listing from it */
	const char *licence;
	const char *url;
	bool contacts_public;
	bool demo;
};

struct community_organization {
	const char *id;            /* NULL: a new organisation */
	const char *name;
	const char *description;
	const char *email;
	const char *website;
};

struct community_location {
	const char *id;                     /* the location's */
	const char *service_at_location_id; /* the link's (ORUK service_at_location) */
	const char *location_type;          /* physical | postal | virtual */
	const char *name;
	const char *description;
	const char *address_1;
	const char *city;
	const char *postal_code;            /* normalised "YO24 4NB" when read */
	bool has_point;
	double latitude, longitude;
	const char *ward_code;              /* read only */
	const char *ward_name;              /* read only */
	const char *area_id;                /* read only */
	const char *area_name;              /* read only */
	const char *accessibility;
	const char *address_id;             /* ORUK address record id */
	const char *accessibility_id;       /* ORUK accessibility record id */
};

struct community_schedule {
	const char *id;
	const char *service_at_location_id; /* NULL: the whole service */
	const char *freq;          /* WEEKLY | MONTHLY | NULL (one-off on dtstart) */
	long interval;             /* 1; WEEKLY 2 is fortnightly */
	const char *byday;         /* "TH", "MO,WE", MONTHLY "2TH", "-1FR" */
	const char *bymonthday;
	const char *dtstart;       /* YYYY-MM-DD */
	const char *valid_from;
	const char *valid_to;
	const char *opens_at;      /* HH:MM */
	const char *closes_at;
	const char *description;
	const char *attending_type;
	const char *notes;
	const char *original_text; /* the words the hours were read from */
};

struct community_phone {
	const char *id;
	const char *number;
	const char *description;
};

struct community_contact {
	const char *id;
	const char *name;
	const char *title;
	const char *email;
	bool public;               /* the organiser agreed to publication */
	const char *agreed_on;     /* when, YYYY-MM-DD; needed when public */
	struct community_phone *phones;
	size_t phone_count;
};

struct community_cost {
	const char *id;
	const char *option;
	bool has_amount;
	double amount;
	const char *amount_description;
	const char *valid_from;
	const char *valid_to;
};

struct community_language {
	const char *id;
	const char *name;
	const char *code;
	const char *note;
};

struct community_service_area {
	const char *id;
	const char *name;
	const char *area_id;       /* one of the programme's areas, or NULL */
	const char *uri;
};

struct community_term_ref {
	const char *attribute_id;  /* the ORUK attribute linking it */
	const char *term_id;       /* needed on save */
	const char *taxonomy_id;   /* read only */
	const char *name;          /* read only */
	const char *code;          /* read only */
	const char *description;   /* read only */
};

struct listing {
	const char *id;            /* NULL on create */
	long version;              /* read: current; save: the one changed, 0 creates */
	const char *status;        /* listing_statuses; NULL on save: active */
	const char *name;
	const char *description;
	const char *url;
	const char *email;
	const char *fees_description;
	int free;                  /* 1 free, 0 paid, -1 not known */
	const char *how_to_join;
	const char *eligibility;
	long minimum_age;          /* -1: none */
	long maximum_age;          /* -1: none */
	const char *accessibility;
	const char *alert;
	bool demo;
	const char *source_id;     /* save: NULL keeps the current (none on create) */
	const char *note;          /* save: why, kept with the version */

	/* Save inputs from CALLER_CLI only (see above); read for the rest. */
	const char *checked_on;    /* YYYY-MM-DD */
	const char *checked_by_name;
	const char *review_reason;

	/* Read only. */
	const struct community_source *source;  /* NULL: entered here */
	bool needs_review;         /* LISTING_STAFF only */
	const char *retired_at;
	const char *retired_by_name;
	const char *retired_reason;
	const char *created_at;
	const char *last_modified;

	struct community_organization organization;
	struct community_location *locations;
	size_t location_count;
	struct community_schedule *schedules;
	size_t schedule_count;
	struct community_contact *contacts;
	size_t contact_count;
	struct community_cost *costs;
	size_t cost_count;
	struct community_language *languages;
	size_t language_count;
	struct community_service_area *service_areas;
	size_t service_area_count;
	struct community_term_ref *terms;
	size_t term_count;
};

enum listing_view {
	LISTING_PUBLIC,  /* what anyone may see */
	LISTING_STAFF,   /* everything, for staff pages and the CLI */
};

/* Creates or changes a listing (see above); *id_out (may be NULL) gets its
 * id and *version_out (may be NULL) the new version.  ctx finds postcodes
 * and wards. */
int listing_save(struct db *db, const struct caller *who, const struct lookup_context *ctx,
		 const struct listing *in, struct arena *a, const char **id_out,
		 long *version_out, struct err *e);

/* listing_save on a connection inside the caller's transaction, for an
 * import that stores all of a file or nothing: nothing is audited or
 * committed here (the caller audits the import as a whole). */
int listing_save_on(struct db_conn *c, const struct caller *who,
		    const struct lookup_context *ctx, const struct listing *in, struct arena *a,
		    const char **id_out, long *version_out, struct err *e);

/* Reads one listing, retired ones too, as view shows it (inside one read
 * transaction, so as it was at one moment).  review_months
 * (the directory-review-months setting) decides needs_review in the
 * staff view; the public view ignores it.  LISTING_STAFF is for
 * CALLER_STAFF and CALLER_CLI only (RESULT_FORBIDDEN else). */
int listing_get(struct db *db, const struct caller *who, enum listing_view view,
		int review_months, const char *id, struct arena *a, struct listing *out,
		struct err *e);

/* listing_get of several at once (a page of search results): out[i] is
 * ids[i]'s listing (an id may come more than once), all read on one
 * connection in one read transaction, so as they were at one moment, with
 * one statement a table for the whole page.  RESULT_NOT_FOUND ("listing")
 * when any id is not held, with every other still read and each not held
 * left zeroed (id NULL), so a caller may leave those out. */
int listing_get_many(struct db *db, const struct caller *who, enum listing_view view,
		     int review_months, const char *const *ids, size_t count, struct arena *a,
		     struct listing *out, struct err *e);

/* Marks a listing still right, today, by the caller (from_version as for
 * a save, so a check never confirms what someone else just changed). */
int listing_check(struct db *db, const struct caller *who, const char *id, long from_version,
		  struct arena *a, struct err *e);

/* Retires a listing (status defunct) with a reason ("reason", needed). */
int listing_retire(struct db *db, const struct caller *who, const char *id, long from_version,
		   const char *reason, struct arena *a, struct err *e);

struct listing_version_entry {
	long version;
	const char *made_by_name;
	const char *made_at;
	const char *note;
};

/* The listing's versions, newest first.  Staff (and CLI) only, as is
 * listing_version: a version keeps every contact. */
int listing_history(struct db *db, const struct caller *who, const char *id, struct arena *a,
		    struct listing_version_entry **out, size_t *count, struct err *e);

/* One version's ORUK service document, as JSON text; not found
 * ("version") for a number it does not have. */
int listing_version(struct db *db, const struct caller *who, const char *id, long version,
		    struct arena *a, const char **document, struct err *e);

struct listing_summary {
	const char *id;
	const char *name;
	const char *organization_name;
	const char *status;
	const char *checked_on;
	const char *checked_by_name;
	const char *review_reason;
	const char *postal_code;   /* the first place's */
	bool demo;
};

/* Listings that need review: not checked for review_months (or never), or
 * with a review reason, oldest check first; retired ones never.  Staff
 * only. */
int listing_review_list(struct db *db, const struct caller *who, int review_months,
			struct arena *a, struct listing_summary **out, size_t *count,
			struct err *e);

/* The sources listings came from, for attribution lines. */
int listing_sources(struct db *db, struct arena *a, struct community_source **out,
		    size_t *count, struct err *e);

#endif
