#include "domain/introductions/waiting.h"

#include "core/arena.h"
#include "core/err.h"
#include "core/workdays.h"
#include "db/db.h"

#include <stdlib.h>
#include <string.h>

long waiting_workdays(const struct holidays *h, struct date from, struct date to)
{
	long count = 0;
	for (long d = date_to_days(from) + 1, last = date_to_days(to); d <= last; d++)
		if (workday(h, date_from_days(d), NULL, 0))
			count++;
	return count;
}

static int by_value(const void *x, const void *y)
{
	long a = *(const long *)x, b = *(const long *)y;
	return (a > b) - (a < b);
}

long waiting_median_halves(long *days, size_t n)
{
	if (n == 0)
		return 0;
	qsort(days, n, sizeof *days, by_value);
	return n % 2 ? 2 * days[n / 2] : days[n / 2 - 1] + days[n / 2];
}

/* A week is five working days; a median between two bands (5.5) is
 * given the longer one, so the estimate never promises too much. */
static enum waiting_band band_of(long median_halves)
{
	if (median_halves <= 2 * 5)
		return WAITING_WITHIN_A_WEEK;
	if (median_halves <= 2 * 10)
		return WAITING_ONE_TO_TWO_WEEKS;
	if (median_halves <= 2 * 20)
		return WAITING_TWO_TO_FOUR_WEEKS;
	return WAITING_MORE_THAN_FOUR_WEEKS;
}

void waiting_decide(long *area_days, size_t area_count, long *all_days, size_t all_count,
		    long coordinators, long coordinators_full, struct waiting *out)
{
	*out = (struct waiting){.band = WAITING_NOT_KNOWN, .coordinators = coordinators};
	if (area_count >= WAITING_MIN_COUNT) {
		out->basis = WAITING_BASIS_AREA;
		out->count = area_count;
		out->median_halves = waiting_median_halves(area_days, area_count);
	} else if (all_count >= WAITING_MIN_COUNT) {
		out->basis = WAITING_BASIS_PROGRAMME;
		out->count = all_count;
		out->median_halves = waiting_median_halves(all_days, all_count);
	}
	if (out->basis != WAITING_BASIS_NONE)
		out->band = band_of(out->median_halves);
	/* An area without a coordinator's account is not full: nobody's
	 * caseload says so. */
	if (coordinators > 0 && coordinators_full >= coordinators)
		out->band = WAITING_FULL;
	out->code = waiting_band_code(out->band);
	out->basis_code = out->basis == WAITING_BASIS_AREA        ? "area"
			  : out->basis == WAITING_BASIS_PROGRAMME ? "programme"
								  : NULL;
	out->sentence = waiting_sentence(out);
}

const char *waiting_band_code(enum waiting_band band)
{
	static const char *const codes[] = {
		[WAITING_WITHIN_A_WEEK] = "within_a_week",
		[WAITING_ONE_TO_TWO_WEEKS] = "one_to_two_weeks",
		[WAITING_TWO_TO_FOUR_WEEKS] = "two_to_four_weeks",
		[WAITING_MORE_THAN_FOUR_WEEKS] = "more_than_four_weeks",
		[WAITING_FULL] = "full",
		[WAITING_NOT_KNOWN] = "not_known",
	};
	return codes[band];
}

#define DROP_INS "In the meantime, anyone is welcome at a drop-in."

const char *waiting_sentence(const struct waiting *w)
{
	/* The area's own figure speaks of its coordinator; the programme's,
	 * used when the area has too few, says where it comes from. */
	static const char *const area[] = {
		[WAITING_WITHIN_A_WEEK] = "At the moment, a first conversation with the "
					  "coordinator usually happens within a week of "
					  "getting in touch.",
		[WAITING_ONE_TO_TWO_WEEKS] = "At the moment, a first conversation with the "
					     "coordinator usually happens one to two weeks "
					     "after getting in touch.",
		[WAITING_TWO_TO_FOUR_WEEKS] = "At the moment, a first conversation with the "
					      "coordinator usually happens two to four weeks "
					      "after getting in touch.",
		[WAITING_MORE_THAN_FOUR_WEEKS] = "At the moment, a first conversation with the "
						 "coordinator usually happens more than four "
						 "weeks after getting in touch. " DROP_INS,
	};
	static const char *const programme[] = {
		[WAITING_WITHIN_A_WEEK] = "At the moment, across all areas, a first "
					  "conversation with a coordinator usually happens "
					  "within a week of getting in touch.",
		[WAITING_ONE_TO_TWO_WEEKS] = "At the moment, across all areas, a first "
					     "conversation with a coordinator usually happens "
					     "one to two weeks after getting in touch.",
		[WAITING_TWO_TO_FOUR_WEEKS] = "At the moment, across all areas, a first "
					      "conversation with a coordinator usually happens "
					      "two to four weeks after getting in touch.",
		[WAITING_MORE_THAN_FOUR_WEEKS] = "At the moment, across all areas, a first "
						 "conversation with a coordinator usually "
						 "happens more than four weeks after getting in "
						 "touch. " DROP_INS,
	};
	switch (w->band) {
	case WAITING_FULL:
		return w->coordinators > 1
			       ? "The coordinators here are full at the moment: they take on "
				 "someone new as the people they walk alongside move on, so a "
				 "first conversation may take a while. " DROP_INS
			       : "The coordinator is full at the moment: they take on someone "
				 "new as the people they walk alongside move on, so a first "
				 "conversation may take a while. " DROP_INS;
	case WAITING_NOT_KNOWN:
		return "It is too early to say how soon a first conversation usually "
		       "happens, as only a few have happened so far. The coordinator can "
		       "tell you more.";
	default:
		return w->basis == WAITING_BASIS_AREA ? area[w->band] : programme[w->band];
	}
}

/* An instant in the form times are stored in, to compare as text. */
static const char *stored_time(struct arena *a, time_t t)
{
	struct tm tm;
	gmtime_r(&t, &tm);
	return arena_printf(a, "%04d-%02d-%02dT%02d:%02d:%02d.000Z", tm.tm_year + 1900,
			    tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

/* Every introduction whose first conversation took place in the window:
 * its area and the working days it waited. */
static int first_conversations(struct db *db, const struct holidays *h, time_t now,
			       struct arena *a, const char ***areas, long **days, size_t *count,
			       struct err *e)
{
	const char *since = stored_time(a, now - (time_t)WAITING_WINDOW_DAYS * 86400);
	const char *until = stored_time(a, now + 1);
	struct db_param p[] = {DB_TEXT(since), DB_TEXT(until)};
	struct db_rows rows;
	if (db_run(db, a,
		   "SELECT i.area_id, i.received_at, min(c.at) FROM introductions i"
		   " JOIN involvements v ON v.introduction_id = i.id"
		   " JOIN conversations c ON c.involvement_id = v.id AND c.state = 'held'"
		   " GROUP BY i.id, i.area_id, i.received_at"
		   " HAVING min(c.at) >= $1 AND min(c.at) < $2",
		   p, &rows, e) < 0)
		return RESULT_FAILED;
	*areas = arena_alloc(a, (rows.row_count + 1) * sizeof **areas);
	*days = arena_alloc(a, (rows.row_count + 1) * sizeof **days);
	*count = 0;
	for (size_t i = 0; i < rows.row_count; i++) {
		struct date arrived, first;
		if (!date_uk_of_stored(db_cell(&rows, i, 1), &arrived) ||
		    !date_uk_of_stored(db_cell(&rows, i, 2), &first))
			continue;
		(*areas)[*count] = db_cell(&rows, i, 0);
		(*days)[(*count)++] = waiting_workdays(h, arrived, first);
	}
	return RESULT_OK;
}

int waiting_estimates(struct db *db, const struct holidays *h, time_t now,
		      const char *const *area_ids, size_t count, struct arena *a,
		      struct waiting *out, struct err *e)
{
	const char **row_areas;
	long *all_days;
	size_t all_count;
	if (first_conversations(db, h, now, a, &row_areas, &all_days, &all_count, e) < 0)
		return RESULT_FAILED;
	/* Each coordinator of each area against their capacity: their
	 * people's open walking-alongside involvements, a shared one once. */
	struct db_rows load;
	if (db_run_plain(db, a,
			 "SELECT ra.area_id, count(*), sum(CASE WHEN (SELECT count(DISTINCT v.id)"
			 "   FROM involvements v"
			 "   JOIN involvement_people ip ON ip.involvement_id = v.id"
			 "   JOIN people pe ON pe.id = ip.person_id"
			 "   WHERE pe.coordinator_id = u.id AND v.kind = 'walking_alongside'"
			 "   AND v.ended_on IS NULL) >= u.capacity THEN 1 ELSE 0 END)"
			 " FROM user_role_areas ra JOIN users u ON u.id = ra.user_id"
			 " WHERE ra.role = 'coordinator' AND u.disabled = 0 GROUP BY ra.area_id",
			 &load, e) < 0)
		return RESULT_FAILED;
	long *area_days = arena_alloc(a, (all_count + 1) * sizeof *area_days);
	for (size_t k = 0; k < count; k++) {
		size_t area_count = 0;
		for (size_t i = 0; i < all_count; i++)
			if (strcmp(row_areas[i], area_ids[k]) == 0)
				area_days[area_count++] = all_days[i];
		long coordinators = 0, full = 0;
		for (size_t i = 0; i < load.row_count; i++)
			if (strcmp(db_cell(&load, i, 0), area_ids[k]) == 0) {
				coordinators = strtol(db_cell(&load, i, 1), NULL, 10);
				full = strtol(db_cell(&load, i, 2), NULL, 10);
			}
		/* all_days is only ever reordered: the same figures each time. */
		waiting_decide(area_days, area_count, all_days, all_count, coordinators, full,
			       &out[k]);
	}
	return RESULT_OK;
}

int waiting_estimate(struct db *db, const struct holidays *h, time_t now, const char *area_id,
		     struct arena *a, struct waiting *out, struct err *e)
{
	return waiting_estimates(db, h, now, &area_id, 1, a, out, e);
}
