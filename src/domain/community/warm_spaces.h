#ifndef ALONGSIDE_DOMAIN_COMMUNITY_WARM_SPACES_H
#define ALONGSIDE_DOMAIN_COMMUNITY_WARM_SPACES_H

#include <stdbool.h>
#include <stddef.h>

struct arena;
struct caller;
struct db;
struct err;
struct listing;
struct lookup_context;

/*
 * The York warm spaces (Open Innovations, CC BY 4.0; data/SOURCE.md in
 * york-warm-spaces-open-innovations) as community directory listings: the
 * 2026 snapshot as current (last checked 2026-08-17), and the 2023
 * snapshot's venues that are not in 2026 as last checked 2023-04-30, so
 * they come up for review.  All come from one source, "York warm spaces
 * (Open Innovations)", with contacts_public 0.
 *
 * The same venue: the same postcode (the last one in the address) and
 * titles that, folded (lower case, apostrophes dropped, "&" as "and",
 * anything else not a letter or digit a space), are equal or one is the
 * other followed by more words ("The Atrium" and "The Atrium, Acomb";
 * "St Sampson’s Centre" and "St Sampsons Centre - City Centre").  The
 * first seen is kept, 2026 before 2023.  Different activities at one
 * place ("Gallery Cafe - Southlands Methodist Church") stay apart.
 *
 * Contact details are not stored at all: not the `contact` field (names,
 * phones, emails), not `url` (some are personal Facebook profiles), and
 * emails and phone numbers in the description are replaced by "(contact
 * details removed)".  The source asks that they are not republished, and
 * hidden contacts are still personal data held without the organiser's
 * agreement; staff add contacts with agreement (listing.h).
 *
 * Each listing: the venue's title as listing and organisation name, its
 * description, one place (its postcode through the lookup; the file's
 * point when the lookup does not know the postcode; the address split
 * into the street part, the town and the postcode), its hours read by
 * hours_read (hours.h; what could not be read is the review reason), the
 * "Warm spaces" term plus at most one more from the title: "Learning"
 * for a library, else "Food" for a café, food or meet & eat, else "Faith"
 * for a church, chapel, Quaker meeting or parish; free when the
 * description says "free", else not known.
 *
 * Run again, nothing changes: ids are derived from the venue (its folded
 * title and postcode), and a listing whose newest version is this import
 * of the same data is left alone.  One changed since by staff is left
 * alone too (their correction wins); one last written by an earlier
 * import of different data is updated.
 */

#define WARM_SPACES_SOURCE "York warm spaces (Open Innovations)"

struct warm_space {
	const char *key;           /* folded title and postcode */
	const char *title;
	const char *address;
	const char *postcode;      /* normalised, or NULL */
	const char *description;   /* contact details removed */
	const char *opening;       /* hours.opening as published, or NULL */
	bool has_point;
	double latitude, longitude;
	const char *checked_on;    /* the snapshot's date */
};

struct warm_spaces {
	struct warm_space *venues;
	size_t count;
	size_t read;               /* features in both files */
};

/* Reads and merges the two GeoJSON files.  RESULT_INVALID (the file
 * named) for one that is not a FeatureCollection of titled points. */
int warm_spaces_read(struct arena *a, const char *path_2026, const char *path_2023,
		     struct warm_spaces *out, struct err *e);

/* The listing a venue becomes (see above), source_id as given. */
void warm_spaces_listing(struct arena *a, const struct lookup_context *ctx,
			 const struct warm_space *v, const char *source_id, struct listing *out);

struct warm_spaces_result {
	size_t created, updated, unchanged, kept_staff;
};

/* Stores the source and every venue in one transaction (all or nothing,
 * one audit entry "import" of record type "directory").  CALLER_CLI
 * only. */
int warm_spaces_import(struct db *db, const struct caller *who,
		       const struct lookup_context *ctx, const struct warm_spaces *w,
		       struct arena *a, struct warm_spaces_result *out, struct err *e);

#endif
