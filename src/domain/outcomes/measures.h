#ifndef ALONGSIDE_DOMAIN_OUTCOMES_MEASURES_H
#define ALONGSIDE_DOMAIN_OUTCOMES_MEASURES_H

#include <stdbool.h>
#include <stddef.h>

/*
 * The fixed lists the outcome records and the reports share: the ONS
 * four personal wellbeing questions with their thresholds, and the kinds
 * of cost avoided.  Data only; the records that use them are in
 * wellbeing.h and costs.h, the figures in domain/reports.
 */

/* ONS personal wellbeing: the questions as ONS publishes them, each
 * answered 0 ("not at all") to 10 ("completely").  Kept and reported as
 * four measures, never combined.  ONS's thresholds band an answer:
 * for the first three, low 0-4, medium 5-6, high 7-8, very high 9-10;
 * for anxiety, which runs the other way (higher is worse), very low 0-1,
 * low 2-3, medium 4-5, high 6-10. */
enum wellbeing_band { BAND_LOW, BAND_MEDIUM, BAND_HIGH, BAND_VERY_HIGH, BAND_VERY_LOW };

struct wellbeing_measure {
	const char *key;            /* the column: life_satisfaction, ... */
	const char *title;          /* "Life satisfaction" */
	const char *question;       /* as ONS words it */
	bool higher_is_worse;       /* anxiety */
	const char *good_band;      /* how a report names the band it counts
				     * as doing well: "high or very high",
				     * for anxiety "very low or low" */
};

extern const struct wellbeing_measure wellbeing_measures[4];

/* The band of an answer 0 to 10 of the measure. */
enum wellbeing_band wellbeing_band_of(const struct wellbeing_measure *m, int answer);

/* True when the answer is in the measure's good bands (7-10, or for
 * anxiety 0-3). */
bool wellbeing_good(const struct wellbeing_measure *m, int answer);

/* The band's name in words: "low", "very high". */
const char *wellbeing_band_name(enum wellbeing_band band);

/* A kind of cost avoided, as schema/022-costs-avoided.sql lists them. */
struct cost_kind {
	const char *key;            /* gp_visit */
	const char *label;          /* "A GP appointment not needed" */
	const char *quantity_unit;  /* "appointments", "nights", "weeks" */
};

extern const struct cost_kind cost_kinds[8];
#define COST_KIND_COUNT 8

/* The kind by key, or NULL. */
const struct cost_kind *cost_kind_find(const char *key);

#endif
