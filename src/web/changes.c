/* The before and after of a change to a public record, for the trail. */
#include "web/changes.h"

#include "core/arena.h"
#include "core/date.h"
#include "core/err.h"
#include "core/json_diff.h"
#include "domain/council/council.h"
#include "domain/staff/audit.h"
#include "web/html.h"

#include <stdio.h>
#include <string.h>

/* The fields of the public records the trail holds changes of: areas,
 * coordinators' entries and drop-ins.  The council's settings are named
 * by council_key_label. */
static const struct {
	const char *path;
	const char *label;
} labels[] = {
	{"name", "Name"},
	{"wards", "Wards"},
	{"covered", "Covered"},
	{"retired_at", "Retired"},
	{"mobile", "Mobile"},
	{"email", "Email"},
	{"facebook_url", "Facebook page"},
	{"introduction", "Introduction"},
	{"username", "Staff account"},
	{"venue", "Venue"},
	{"address", "Address"},
	{"weekday", "Day"},
	{"starts", "Starts"},
	{"ends", "Ends"},
	{"frequency", "How often"},
	{"week", "Week of the month"},
	{"first_date", "First date"},
	{"last_date", "Last date"},
	{"notes", "Notes"},
};

/* A field in words; an unknown path as it is. */
static const char *label_of(const char *path)
{
	for (size_t i = 0; i < sizeof labels / sizeof *labels; i++)
		if (strcmp(labels[i].path, path) == 0)
			return labels[i].label;
	const char *council = council_key_label(path);
	return council ? council : path;
}

static const char *const months[] = {"January", "February", "March",     "April",
				     "May",     "June",     "July",      "August",
				     "September", "October", "November", "December"};

/* A value as a person reads it: a date as "1 January 2026", a yes-or-no
 * field as Yes or No, nothing as "none". */
static const char *value_of(struct arena *a, const char *path, const char *value)
{
	if (!value)
		return "none";
	struct date d;
	if (date_parse(value, &d)) {
		char text[32];
		snprintf(text, sizeof text, "%d %s %d", d.day, months[d.month - 1], d.year);
		return arena_strdup(a, text);
	}
	if (strcmp(path, "covered") == 0 && strcmp(value, "true") == 0)
		return "Yes";
	if (strcmp(path, "covered") == 0 && strcmp(value, "false") == 0)
		return "No";
	return value;
}

void changes_html(struct sb *page, struct arena *a, const char *changes)
{
	struct json_diff_row *rows;
	size_t count;
	if (audit_changes_rows(a, changes, &rows, &count) != RESULT_OK) {
		html_printf(page, "<p class=\"govuk-body-s app-changes\">%s</p>", changes);
		return;
	}
	if (count == 0) {
		html_printf(page, "<p class=\"govuk-body-s app-changes\">Nothing changed.</p>");
		return;
	}
	html_printf(page, "<dl class=\"govuk-summary-list govuk-summary-list--no-border "
			  "app-changes\">\n");
	for (size_t i = 0; i < count; i++)
		html_printf(page, "<div class=\"govuk-summary-list__row\">"
				  "<dt class=\"govuk-summary-list__key\">%s"
				  "<span class=\"govuk-visually-hidden\">:</span></dt>"
				  "<dd class=\"govuk-summary-list__value\">"
				  "<span class=\"govuk-visually-hidden\">was </span>%s"
				  "<span aria-hidden=\"true\"> → </span>"
				  "<span class=\"govuk-visually-hidden\">, now </span>%s</dd></div>\n",
			    label_of(rows[i].path), value_of(a, rows[i].path, rows[i].before),
			    value_of(a, rows[i].path, rows[i].after));
	html_printf(page, "</dl>\n");
}
