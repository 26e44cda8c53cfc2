#ifndef ALONGSIDE_DOMAIN_LOOKUP_H
#define ALONGSIDE_DOMAIN_LOOKUP_H

#include <stdbool.h>

#include "core/date.h"
#include "domain/areas/area.h"
#include "domain/areas/dropin.h"
#include "domain/council/council.h"
#include "geo/postcode.h"

struct arena;
struct db;
struct err;
struct geo_map;
struct postcode_index;

/*
 * "Is this place covered, and who is its coordinator?" for a postcode or a
 * point.  The ward is always found through the polygons (geo/map.h); for a
 * postcode the ward code its source file carried is kept beside it, so a
 * disagreement can be shown rather than hidden.  A place that is not
 * covered gets the nearest covered area and how far away it is, and `near`
 * when that is within near_metres: the programme may still meet someone
 * who lives a street or two outside.
 *
 * Results are the kinds of core/err.h, e cleared first: RESULT_INVALID
 * with a field error ("postcode", "lat", "lon") for what is not a postcode
 * or a point, RESULT_NOT_FOUND (subject "postcode") for a postcode not
 * held, RESULT_FAILED for a system failure.
 */

struct lookup_context {
	struct db *db;
	const struct geo_map *map;
	double near_metres;
	/* Postcodes in memory; NULL to read them from the database. */
	const struct postcode_index *postcodes;
};

struct lookup_result {
	bool by_postcode;
	char postcode[POSTCODE_SIZE];
	double lat;
	double lon;
	long ward;                  /* index in the map, -1: outside every ward */
	const char *source_ward;    /* the postcode file's ward code, or NULL */
	/* The postcode file can put a postcode in another ward than the
	 * polygons do: its addresses straddle a boundary, or the file is of
	 * another year.  The answer follows the polygons and says so. */
	bool ward_disagrees;
	double boundary_metres;     /* from the point to its ward's boundary */
	long area;                  /* the ward's area, or -1 */
	bool covered;
	struct coordinator *coordinator;  /* of a covered area, if one is set */
	long nearest_covered;       /* when not covered: an area, or -1 */
	double nearest_metres;
	bool near;
	struct coordinator *nearest_coordinator;  /* only when near */
};

/* Looks up a postcode as a person typed it. */
int lookup_postcode(const struct lookup_context *ctx, struct arena *a,
		    const char *input, struct lookup_result *out, struct err *e);

/* lat and lon as typed; lon NULL means lat holds "LAT,LON". */
int lookup_point(const struct lookup_context *ctx, struct arena *a,
		 const char *lat, const char *lon, struct lookup_result *out,
		 struct err *e);

/* When the postcode file and the polygons disagree on the ward, a
 * sentence saying so and why the answer follows the polygons; else NULL. */
const char *lookup_ward_note(struct arena *a, const struct geo_map *map,
			     const struct lookup_result *r);

/* Where a drop-in is put on a map: the centre of the postcode its
 * address ends with (dropin_address_postcode), found as lookup_postcode
 * finds one.  Not the building: the service holds no point of its own for
 * a venue, so a page that shows one says so. */
struct lookup_place {
	bool placed;                  /* false: no postcode, or one not held */
	char postcode[POSTCODE_SIZE]; /* "" when the address ends with none */
	double lat;
	double lon;
};
int lookup_dropin_place(const struct lookup_context *ctx, struct arena *a,
			const struct dropin *d, struct lookup_place *out, struct err *e);

struct lookup_dropin {
	const char *area_id;   /* whose drop-ins; NULL: none to show */
	struct dropin *list;   /* that area's drop-ins still going on, as
				* dropin_list has them */
	size_t count;
	size_t chosen;         /* the one to show: an index into list */
	struct date next;      /* when it next happens, past any cancelled
				* date (dropin_upcoming; or DROPIN_NEVER) */
	double metres;         /* from the person; -1 when none was placed */
};

/* The drop-in to show the person found in r: one of their own area's
 * when it is covered, or of the nearby covered area when they live just
 * outside cover (r->near); none for anyone else, or when that area has
 * none.  Each drop-in is placed by the postcode its address ends with
 * (dropin_address_postcode), looked up as lookup_postcode does; the
 * choice is dropin_choose's: the nearest placed, else the soonest to
 * happen on or after today (a cancelled date skipped).  Ended ones
 * (dropin_goes_on) are left out.  In the arena. */
int lookup_nearest_dropin(const struct lookup_context *ctx, struct arena *a,
			  const struct lookup_result *r, struct date today,
			  struct lookup_dropin *out, struct err *e);

/*
 * Who answers someone from the place found, under the council's
 * outside-cover rule (domain/council/council.h): the one decision /find,
 * the Get in touch reply, the lookup and introductions APIs and the
 * routing of an introduction all take, so that they say the same.
 *
 *   covered                       the area's coordinator;
 *   near (within near_metres)     the nearest covered area's coordinator,
 *                                 whatever the rule: a street or two out;
 *   farther, rule nearest         the nearest covered area's coordinator,
 *                                 who decides (the behaviour before the
 *                                 rule existed);
 *   farther, rule team            the programme's central team;
 *   farther, rule none            nobody: no introduction is taken;
 *   no covered area at all        nobody.
 *
 * offers says which contacts to show beside the answer, from the council's
 * settings (a page leaves out any that is unset): the central team's for
 * team; for a place outside cover, adult social care's; and for nobody,
 * the council's general phone and email too.
 */

enum lookup_answerer {
	LOOKUP_AREA_COORDINATOR,
	LOOKUP_NEAREST_COORDINATOR,
	LOOKUP_CENTRAL_TEAM,
	LOOKUP_NOBODY,
};

enum lookup_offer {
	LOOKUP_OFFER_TEAM = 1 << 0,               /* team_name, team_phone, team_email */
	LOOKUP_OFFER_COUNCIL = 1 << 1,            /* name, phone, email, website */
	LOOKUP_OFFER_ADULT_SOCIAL_CARE = 1 << 2,  /* its phone and web page */
};

struct lookup_answer {
	enum lookup_answerer who;
	/* Where an introduction is recorded (map index): the place's own
	 * area, else the nearest covered one, also for the central team, so
	 * its coordinators and team leader see it marked outside cover; -1
	 * when there is none. */
	long area;
	/* The coordinator who answers, when one is in post (the area's, or
	 * the nearest's); NULL otherwise. */
	const struct coordinator *coordinator;
	bool takes_introductions;  /* false only for LOOKUP_NOBODY */
	unsigned offers;           /* enum lookup_offer bits */
};

/* The answer for r under rule, fetching the nearest area's coordinator
 * when the rule has them answer from farther than near. */
int lookup_answer(const struct lookup_context *ctx, struct arena *a,
		  const struct lookup_result *r, enum council_outside_cover rule,
		  struct lookup_answer *out, struct err *e);

/* The same decision for an introduction already recorded, from its
 * placement ("covered", "near", "not_covered") and the rule now; one
 * recorded from outside cover is answered by its area's coordinator when
 * the rule is since none (someone still has to answer it). */
enum lookup_answerer lookup_answerer_of_placement(const char *placement,
						  enum council_outside_cover rule);

/* The contacts shown with an answerer (enum lookup_offer bits). */
unsigned lookup_offers(enum lookup_answerer who, bool covered_or_near);

/* "area_coordinator", "nearest_coordinator", "central_team", "nobody":
 * the API's words. */
const char *lookup_answerer_name(enum lookup_answerer who);

#endif
