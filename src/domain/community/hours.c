#include "domain/community/hours.h"

#include <stdbool.h>
#include <string.h>

#include "core/arena.h"
#include "core/sb.h"
#include "domain/community/listing.h"

#define ROWS_MAX 32
#define NTH_MAX 35
/* Earlier than this, an opening in these listings is a slip (02:00 for
 * 14:00), not a night opening. */
#define EARLIEST_MINUTES (6 * 60)

static const char *const codes[] = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};
static const char *const osm_days[] = {"Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"};

struct row {
	bool monthly;
	char opens[6], closes[6];
	unsigned weekdays;          /* weekly: bit 0 Monday */
	int nth[NTH_MAX], nth_day[NTH_MAX];
	size_t nth_count;
};

/* What one part's days came to. */
struct days {
	unsigned weekdays;
	int nth[NTH_MAX], nth_day[NTH_MAX];
	size_t nth_count;
};

static int osm_day(const char *s)
{
	for (int i = 0; i < 7; i++)
		if (strncmp(s, osm_days[i], 2) == 0)
			return i;
	return -1;
}

/* "1", "-1": an ordinal of the month, 1..5 or -1..-5. */
static bool ordinal(const char **p, int *out)
{
	const char *s = *p;
	int sign = 1;
	if (*s == '-') {
		sign = -1;
		s++;
	}
	if (*s < '1' || *s > '5')
		return false;
	*out = sign * (*s - '0');
	*p = s + 1;
	return true;
}

/* Days such as "Mo-Fr", "Mo,We", "Fr[1,3]", all of s[0..n). */
static bool days_read(const char *s, size_t n, struct days *d)
{
	const char *p = s, *end = s + n;
	memset(d, 0, sizeof *d);
	while (p < end) {
		if (end - p < 2)
			return false;
		int first = osm_day(p);
		if (first < 0)
			return false;
		p += 2;
		if (p < end && *p == '-') {
			int last = end - p >= 3 ? osm_day(p + 1) : -1;
			if (last < first)
				return false;
			for (int i = first; i <= last; i++)
				d->weekdays |= 1u << i;
			p += 3;
		} else if (p < end && *p == '[') {
			p++;
			for (;;) {
				int k;
				if (!ordinal(&p, &k) || d->nth_count == NTH_MAX)
					return false;
				d->nth[d->nth_count] = k;
				d->nth_day[d->nth_count++] = first;
				if (p < end && *p == ',') {
					p++;
					continue;
				}
				if (p < end && *p == ']') {
					p++;
					break;
				}
				return false;
			}
		} else {
			d->weekdays |= 1u << first;
		}
		if (p < end) {
			if (*p != ',')
				return false;
			p++;
			if (p == end)
				return false;
		}
	}
	return true;
}

static int minutes(const char *s)
{
	for (int i = 0; i < 5; i++)
		if (i == 2 ? s[i] != ':' : s[i] < '0' || s[i] > '9')
			return -1;
	int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
	return h < 24 && m < 60 ? h * 60 + m : -1;
}

/* One "HH:MM-HH:MM" at s (n octets); NULL when read, else why not. */
static const char *range_read(const char *s, size_t n, char opens[6], char closes[6])
{
	if (n != 11 || s[5] != '-')
		return "not a time range";
	int from = minutes(s), to = minutes(s + 6);
	if (from < 0 || to < 0)
		return "not a time range";
	if (to <= from)
		return "closes before it opens";
	if (from < EARLIEST_MINUTES)
		return "opens before 06:00";
	memcpy(opens, s, 5);
	opens[5] = '\0';
	memcpy(closes, s + 6, 5);
	closes[5] = '\0';
	return NULL;
}

static struct row *row_for(struct row *rows, size_t *count, bool monthly, const char *opens,
			   const char *closes)
{
	for (size_t i = 0; i < *count; i++)
		if (rows[i].monthly == monthly && strcmp(rows[i].opens, opens) == 0 &&
		    strcmp(rows[i].closes, closes) == 0)
			return &rows[i];
	if (*count == ROWS_MAX)
		return NULL;
	struct row *r = &rows[(*count)++];
	memset(r, 0, sizeof *r);
	r->monthly = monthly;
	memcpy(r->opens, opens, 6);
	memcpy(r->closes, closes, 6);
	return r;
}

static void add_days(struct row *r, const struct days *d)
{
	if (!r->monthly) {
		r->weekdays |= d->weekdays;
		return;
	}
	for (size_t i = 0; i < d->nth_count; i++) {
		bool held = false;
		for (size_t j = 0; j < r->nth_count; j++)
			held = held || (r->nth[j] == d->nth[i] && r->nth_day[j] == d->nth_day[i]);
		if (!held && r->nth_count < NTH_MAX) {
			r->nth[r->nth_count] = d->nth[i];
			r->nth_day[r->nth_count++] = d->nth_day[i];
		}
	}
}

/* Reads one part ("Mo-Fr 09:30-12:00,14:00-17:00") into rows; NULL when
 * all of it was read, else why not. */
static const char *part_read(const char *s, size_t n, struct row *rows, size_t *count)
{
	const char *space = memchr(s, ' ', n);
	if (!space)
		return "days or times missing";
	struct days d;
	if (!days_read(s, (size_t)(space - s), &d))
		return "days not understood";
	const char *t = space + 1, *end = s + n;
	const char *why = NULL;
	while (t < end && !why) {
		const char *comma = memchr(t, ',', (size_t)(end - t));
		size_t len = comma ? (size_t)(comma - t) : (size_t)(end - t);
		char opens[6], closes[6];
		why = range_read(t, len, opens, closes);
		if (!why && d.weekdays) {
			struct row *r = row_for(rows, count, false, opens, closes);
			why = r ? NULL : "too many times";
			if (r)
				add_days(r, &d);
		}
		if (!why && d.nth_count) {
			struct row *r = row_for(rows, count, true, opens, closes);
			why = r ? NULL : "too many times";
			if (r)
				add_days(r, &d);
		}
		t = comma ? comma + 1 : end;
		if (comma && t == end)
			why = "not a time range";
	}
	return why;
}

/* Drops monthly days that a weekly row at the same times already has. */
static void drop_covered(struct row *rows, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		if (!rows[i].monthly)
			continue;
		const struct row *weekly = NULL;
		for (size_t j = 0; j < count; j++)
			if (!rows[j].monthly && strcmp(rows[j].opens, rows[i].opens) == 0 &&
			    strcmp(rows[j].closes, rows[i].closes) == 0)
				weekly = &rows[j];
		if (!weekly)
			continue;
		size_t kept = 0;
		for (size_t k = 0; k < rows[i].nth_count; k++)
			if (!(weekly->weekdays & (1u << rows[i].nth_day[k]))) {
				rows[i].nth[kept] = rows[i].nth[k];
				rows[i].nth_day[kept++] = rows[i].nth_day[k];
			}
		rows[i].nth_count = kept;
	}
}

static const char *byday(struct arena *a, const struct row *r)
{
	struct sb out;
	sb_init(&out, a, 256);
	if (r->monthly) {
		for (size_t i = 0; i < r->nth_count; i++)
			sb_printf(&out, "%s%d%s", i ? "," : "", r->nth[i], codes[r->nth_day[i]]);
	} else {
		for (int i = 0; i < 7; i++)
			if (r->weekdays & (1u << i))
				sb_printf(&out, "%s%s", out.len ? "," : "", codes[i]);
	}
	return sb_str(&out);
}

static const char *trimmed(struct arena *a, const char *s, size_t n)
{
	while (n && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return arena_strndup(a, s, n);
}

void hours_read(struct arena *a, const char *opening, struct hours_reading *out)
{
	memset(out, 0, sizeof *out);
	const char *text = opening ? trimmed(a, opening, strlen(opening)) : "";
	if (!*text) {
		out->review_reason = "No opening hours given";
		return;
	}
	struct row rows[ROWS_MAX];
	size_t count = 0;
	struct sb problems;
	sb_init(&problems, a, 2048);
	for (const char *p = text; *p;) {
		const char *semi = strchr(p, ';');
		size_t n = semi ? (size_t)(semi - p) : strlen(p);
		const char *part = trimmed(a, p, n);
		const char *why = part_read(part, strlen(part), rows, &count);
		if (why)
			sb_printf(&problems, "%s\"%s\" (%s)", problems.len ? ", " : "", part, why);
		p = semi ? semi + 1 : p + n;
	}
	drop_covered(rows, count);

	out->schedules = arena_alloc(a, (count + 1) * sizeof *out->schedules);
	for (size_t i = 0; i < count; i++) {
		if (rows[i].monthly && rows[i].nth_count == 0)
			continue;
		out->schedules[out->schedule_count++] = (struct community_schedule){
			.freq = rows[i].monthly ? "MONTHLY" : "WEEKLY",
			.interval = 1,
			.byday = byday(a, &rows[i]),
			.opens_at = arena_strdup(a, rows[i].opens),
			.closes_at = arena_strdup(a, rows[i].closes),
			.original_text = text,
		};
	}
	if (problems.len) {
		out->review_reason = arena_printf(a, "Opening hours \"%s\": could not read %s",
						  text, sb_str(&problems));
		if (out->schedule_count == 0)
			out->schedules[out->schedule_count++] = (struct community_schedule){
				.interval = 1, .original_text = text};
	}
}
