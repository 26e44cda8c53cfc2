#include "core/workdays.h"

#include "core/err.h"

#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Built from data/bank-holidays-england-and-wales.txt by tools/embed_words.c. */
extern const char *const bank_holidays_ew[];
extern const size_t bank_holidays_ew_count;

/* Years held as a bitmap of days; others are worked out by the rules when
 * asked, which is rare enough not to matter. */
#define FIRST_YEAR 2000
#define YEARS 100
#define MAX_WORKDAY_SEARCH 3660 /* ten years: leave cannot be longer */

struct holidays {
	uint8_t days[(YEARS * 366 + 7) / 8];
	bool listed[YEARS]; /* a list, not the rules, gave this year */
};

/* Day index within the bitmap, or -1 outside it. */
static long slot(struct date d)
{
	if (d.year < FIRST_YEAR || d.year >= FIRST_YEAR + YEARS)
		return -1;
	long first = date_to_days((struct date){FIRST_YEAR, 1, 1});
	return date_to_days(d) - first;
}

static void mark(struct holidays *h, struct date d)
{
	long i = slot(d);
	if (i >= 0)
		h->days[i / 8] |= (uint8_t)(1u << (i % 8));
}

static void clear_year(struct holidays *h, int year)
{
	for (long day = date_to_days((struct date){year, 1, 1});
	     day <= date_to_days((struct date){year, 12, 31}); day++) {
		long i = slot(date_from_days(day));
		h->days[i / 8] &= (uint8_t)~(1u << (i % 8));
	}
}

/* Easter Sunday in the Gregorian calendar (the anonymous algorithm). */
static struct date easter(int y)
{
	int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4;
	int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
	int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
	int m = (a + 11 * h + 22 * l) / 451;
	int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
	return (struct date){y, month, day};
}

static struct date plus(struct date d, long days)
{
	return date_from_days(date_to_days(d) + days);
}

/* The first (n = 1) or last (n = -1) Monday of a month. */
static struct date monday(int year, int month, int n)
{
	struct date d = {year, month, n > 0 ? 1 : date_days_in_month(year, month)};
	while (date_weekday(d) != 1)
		d = plus(d, n > 0 ? 1 : -1);
	return d;
}

size_t holidays_by_rule(int year, struct date out[8])
{
	size_t n = 0;
	struct date new_year = {year, 1, 1};
	while (date_weekday(new_year) > 5)
		new_year = plus(new_year, 1);
	out[n++] = new_year;
	struct date sunday = easter(year);
	out[n++] = plus(sunday, -2);
	out[n++] = plus(sunday, 1);
	out[n++] = monday(year, 5, 1);
	out[n++] = monday(year, 5, -1);
	out[n++] = monday(year, 8, -1);
	/* Christmas and Boxing Day at a weekend move to the next weekdays
	 * that are not already holidays. */
	struct date christmas = {year, 12, 25}, boxing = {year, 12, 26};
	switch (date_weekday(christmas)) {
	case 5: /* Boxing Day is a Saturday */
		boxing = (struct date){year, 12, 28};
		break;
	case 6:
		christmas = (struct date){year, 12, 27};
		boxing = (struct date){year, 12, 28};
		break;
	case 7: /* Boxing Day is the Monday; Christmas moves to the Tuesday */
		christmas = (struct date){year, 12, 27};
		break;
	default:
		break;
	}
	out[n++] = christmas;
	out[n++] = boxing;
	return n;
}

static int add_dates(struct holidays *h, const char *const *dates, size_t count,
		     const char *origin, struct err *e)
{
	struct date *parsed = calloc(count ? count : 1, sizeof *parsed);
	if (!parsed)
		return err_set(e, "%s: out of memory", origin);
	for (size_t i = 0; i < count; i++)
		if (!date_parse(dates[i], &parsed[i])) {
			err_set(e, "%s: \"%.20s\" is not a date YYYY-MM-DD", origin, dates[i]);
			free(parsed);
			return -1;
		}
	/* A year a list mentions is that list's, whole. */
	for (size_t i = 0; i < count; i++) {
		int y = parsed[i].year - FIRST_YEAR;
		if (y >= 0 && y < YEARS && !h->listed[y]) {
			clear_year(h, parsed[i].year);
			h->listed[y] = true;
		}
	}
	for (size_t i = 0; i < count; i++)
		mark(h, parsed[i]);
	/* A later list replaces the built-in one for its years, so the next
	 * list starts afresh. */
	memset(h->listed, 0, sizeof h->listed);
	free(parsed);
	return 0;
}

struct holidays *holidays_new(void)
{
	struct holidays *h = calloc(1, sizeof *h);
	if (!h)
		return NULL;
	for (int y = FIRST_YEAR; y < FIRST_YEAR + YEARS; y++) {
		struct date days[8];
		size_t n = holidays_by_rule(y, days);
		for (size_t i = 0; i < n; i++)
			mark(h, days[i]);
	}
	struct err e;
	if (add_dates(h, bank_holidays_ew, bank_holidays_ew_count, "built-in list", &e) < 0)
		abort(); /* the build checked the list; a bad one is our bug */
	return h;
}

void holidays_free(struct holidays *h)
{
	free(h);
}

int holidays_add_file(struct holidays *h, const char *path, struct err *e)
{
	json_error_t jerr;
	json_t *root = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr);
	if (!root)
		return err_set(e, "bank holidays %s: line %d: %s", path, jerr.line, jerr.text);
	json_t *events = json_object_get(json_object_get(root, "england-and-wales"), "events");
	size_t count = json_array_size(events);
	if (!json_is_array(events) || count == 0) {
		json_decref(root);
		return err_set(e, "bank holidays %s: no \"england-and-wales\" events, as in "
				  "GOV.UK's bank-holidays.json",
			       path);
	}
	const char **dates = calloc(count, sizeof *dates);
	if (!dates) {
		json_decref(root);
		return err_set(e, "bank holidays %s: out of memory", path);
	}
	int rc = 0;
	for (size_t i = 0; i < count && rc == 0; i++) {
		dates[i] = json_string_value(json_object_get(json_array_get(events, i), "date"));
		if (!dates[i])
			rc = err_set(e, "bank holidays %s: event %zu has no \"date\"", path, i + 1);
	}
	if (rc == 0)
		rc = add_dates(h, dates, count, path, e);
	free(dates);
	json_decref(root);
	return rc;
}

bool holidays_contains(const struct holidays *h, struct date d)
{
	long i = slot(d);
	if (i >= 0)
		return (h->days[i / 8] >> (i % 8)) & 1u;
	struct date days[8];
	size_t n = holidays_by_rule(d.year, days);
	for (size_t k = 0; k < n; k++)
		if (date_to_days(days[k]) == date_to_days(d))
			return true;
	return false;
}

bool workday(const struct holidays *h, struct date d, const struct day_range *off,
	     size_t off_count)
{
	if (date_weekday(d) > 5 || holidays_contains(h, d))
		return false;
	long day = date_to_days(d);
	for (size_t i = 0; i < off_count; i++)
		if (day >= off[i].first && day <= off[i].last)
			return false;
	return true;
}

struct date workdays_after(const struct holidays *h, struct date from, int count,
			   const struct day_range *off, size_t off_count)
{
	struct date d = from;
	for (int found = 0, steps = 0; found < count && steps < MAX_WORKDAY_SEARCH; steps++) {
		d = plus(d, 1);
		if (workday(h, d, off, off_count))
			found++;
	}
	return d;
}
