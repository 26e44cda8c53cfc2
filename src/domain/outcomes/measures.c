#include "domain/outcomes/measures.h"

#include <string.h>

/* Office for National Statistics, "Personal well-being user guidance":
 * the four questions, and the thresholds it reports against. */
const struct wellbeing_measure wellbeing_measures[4] = {
	{"life_satisfaction", "Life satisfaction",
	 "Overall, how satisfied are you with your life nowadays?", false, "high or very high"},
	{"worthwhile", "Worthwhile",
	 "Overall, to what extent do you feel that the things you do in your life are "
	 "worthwhile?",
	 false, "high or very high"},
	{"happy", "Happiness", "Overall, how happy did you feel yesterday?", false,
	 "high or very high"},
	{"anxious", "Anxiety", "On a scale where 0 is \"not at all anxious\" and 10 is "
			       "\"completely anxious\", overall, how anxious did you feel yesterday?",
	 true, "very low or low"},
};

enum wellbeing_band wellbeing_band_of(const struct wellbeing_measure *m, int answer)
{
	if (m->higher_is_worse) {
		if (answer <= 1)
			return BAND_VERY_LOW;
		if (answer <= 3)
			return BAND_LOW;
		if (answer <= 5)
			return BAND_MEDIUM;
		return BAND_HIGH;
	}
	if (answer <= 4)
		return BAND_LOW;
	if (answer <= 6)
		return BAND_MEDIUM;
	if (answer <= 8)
		return BAND_HIGH;
	return BAND_VERY_HIGH;
}

bool wellbeing_good(const struct wellbeing_measure *m, int answer)
{
	enum wellbeing_band band = wellbeing_band_of(m, answer);
	if (m->higher_is_worse)
		return band == BAND_VERY_LOW || band == BAND_LOW;
	return band == BAND_HIGH || band == BAND_VERY_HIGH;
}

const char *wellbeing_band_name(enum wellbeing_band band)
{
	switch (band) {
	case BAND_VERY_LOW:
		return "very low";
	case BAND_LOW:
		return "low";
	case BAND_MEDIUM:
		return "medium";
	case BAND_HIGH:
		return "high";
	case BAND_VERY_HIGH:
		return "very high";
	}
	return "?";
}

const struct cost_kind cost_kinds[COST_KIND_COUNT] = {
	{"gp_visit", "A GP appointment not needed", "appointments"},
	{"ae_visit", "An A&E attendance avoided", "attendances"},
	{"hospital_stay", "A hospital stay avoided", "nights"},
	{"crisis_resolved", "A crisis resolved without crisis services", "crises"},
	{"safeguarding_resolved", "A safeguarding concern resolved", "concerns"},
	{"eviction_avoided", "An eviction avoided", "evictions"},
	{"care_package_not_needed", "A package of care not needed", "weeks"},
	{"care_package_smaller", "A package of care made smaller", "weeks"},
};

const struct cost_kind *cost_kind_find(const char *key)
{
	for (size_t i = 0; key && i < COST_KIND_COUNT; i++)
		if (strcmp(cost_kinds[i].key, key) == 0)
			return &cost_kinds[i];
	return NULL;
}
