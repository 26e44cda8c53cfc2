/* Form fields in GOV.UK Frontend markup, shared by every form. */
#include "web/form.h"

#include "core/arena.h"
#include "core/clock.h"
#include "core/date.h"
#include "core/err.h"
#include "core/sb.h"
#include "http/http.h"
#include "web/html.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static void summary_begin(struct sb *page)
{
	html_printf(page, "<div class=\"govuk-error-summary\" data-module=\"govuk-error-summary\">"
			  "<div role=\"alert\"><h2 class=\"govuk-error-summary__title\">There is a "
			  "problem</h2><div class=\"govuk-error-summary__body\"><ul class=\"govuk-list "
			  "govuk-error-summary__list\">");
}

static void summary_item(struct sb *page, const char *anchor, const char *message)
{
	html_printf(page, "<li><a href=\"#%s\">%s</a></li>", anchor, message);
}

static void summary_end(struct sb *page)
{
	html_printf(page, "</ul></div></div></div>\n");
}

void form_rename_fields(struct err *e, const char *const (*names)[2], size_t count)
{
	for (size_t i = 0; i < e->field_count; i++) {
		char *path = e->fields[i].path;
		size_t n = 0;
		while (n < count && strcmp(names[n][0], path) != 0)
			n++;
		if (n < count) {
			snprintf(path, sizeof e->fields[i].path, "%s", names[n][1]);
			continue;
		}
		for (char *p = path; *p; p++)
			if (*p == '.')
				*p = '_';
	}
}

void form_errors_summary(struct sb *page, const struct err *e,
			 const struct form_anchor *anchors, size_t anchor_count,
			 const char *first)
{
	summary_begin(page);
	for (size_t i = 0; i < e->field_count; i++) {
		const char *path = e->fields[i].path;
		const char *anchor = path[0] ? path : first;
		for (size_t j = 0; j < anchor_count; j++)
			if (strcmp(anchors[j].path, path) == 0)
				anchor = anchors[j].id;
		summary_item(page, anchor, e->fields[i].message);
	}
	/* A result with no fields still has its message. */
	if (e->field_count == 0)
		summary_item(page, first, e->msg);
	summary_end(page);
}

const char *form_errors_for(const struct err *e, const char *path)
{
	return e ? err_field_message(e, path) : NULL;
}

void form_text_field(struct sb *page, const struct form_field *f, const char *value,
		       const char *error)
{
	html_printf(page, "<div class=\"govuk-form-group%s\">\n<label class=\"govuk-label\" "
			  "for=\"%s\">%s</label>\n",
		    error ? " govuk-form-group--error" : "", f->name, f->label);
	if (f->hint)
		html_printf(page, "<div id=\"%s-hint\" class=\"govuk-hint\">%s</div>\n", f->name,
			    f->hint);
	if (error)
		html_printf(page, "<p id=\"%s-error\" class=\"govuk-error-message\"><span "
				  "class=\"govuk-visually-hidden\">Error:</span> %s</p>\n",
			    f->name, error);
	html_printf(page, "<input class=\"govuk-input %s%s\" id=\"%s\" name=\"%s\" type=\"%s\" "
			  "autocomplete=\"%s\" value=\"%s\"",
		    f->width, error ? " govuk-input--error" : "", f->name, f->name, f->type,
		    f->autocomplete, value ? value : "");
	if (f->hint || error)
		html_printf(page, " aria-describedby=\"%s%s%s%s%s\"", f->hint ? f->name : "",
			    f->hint ? "-hint" : "", f->hint && error ? " " : "",
			    error ? f->name : "", error ? "-error" : "");
	html_printf(page, ">\n</div>\n");
}

const char *form_group_begin(struct sb *page, const char *id, const char *label,
			     const char *hint, const char *error)
{
	html_printf(page, "<div class=\"govuk-form-group%s\"><label class=\"govuk-label\" "
			  "for=\"%s\">%s</label>\n",
		    error ? " govuk-form-group--error" : "", id, label);
	if (hint)
		html_printf(page, "<div id=\"%s-hint\" class=\"govuk-hint\">%s</div>\n", id, hint);
	if (error)
		html_printf(page, "<p id=\"%s-error\" class=\"govuk-error-message\"><span "
				  "class=\"govuk-visually-hidden\">Error:</span> %s</p>\n",
			    id, error);
	struct arena *a = page->arena;
	return hint && error ? arena_printf(a, "%s-hint %s-error", id, id)
	       : hint	     ? arena_printf(a, "%s-hint", id)
	       : error	     ? arena_printf(a, "%s-error", id)
			     : NULL;
}

void form_described(struct sb *page, const char *ids)
{
	if (ids)
		html_printf(page, " aria-describedby=\"%s\"", ids);
}

void form_row_input(struct sb *page, const char *id, const char *name, const char *label,
		    const char *hint, const char *value, const char *error, const char *width)
{
	const char *ids = form_group_begin(page, id, label, hint, error);
	html_printf(page, "<input class=\"govuk-input %s%s\" id=\"%s\" name=\"%s\" type=\"text\" "
			  "autocomplete=\"off\" value=\"%s\"",
		    width, error ? " govuk-input--error" : "", id, name, value ? value : "");
	form_described(page, ids);
	html_printf(page, "></div>\n");
}

void form_row_select(struct sb *page, const char *id, const char *name, const char *label,
		     const char *const (*options)[2], size_t count, const char *chosen,
		     const char *none, const char *error)
{
	const char *ids = form_group_begin(page, id, label, NULL, error);
	html_printf(page, "<select class=\"govuk-select%s\" id=\"%s\" name=\"%s\"",
		    error ? " govuk-select--error" : "", id, name);
	form_described(page, ids);
	html_printf(page, ">\n");
	if (none)
		html_printf(page, "<option value=\"\">%s</option>\n", none);
	bool found = !chosen || !*chosen;
	for (size_t i = 0; i < count; i++) {
		bool here = chosen && strcmp(chosen, options[i][0]) == 0;
		found = found || here;
		html_printf(page, "<option value=\"%s\"%s>%s</option>\n", options[i][0],
			    here ? " selected" : "", options[i][1]);
	}
	if (!found)
		html_printf(page, "<option value=\"%s\" selected>%s</option>\n", chosen, chosen);
	html_printf(page, "</select></div>\n");
}

void form_radios(struct sb *page, const char *name, const char *legend, const char *hint,
		   const char *const (*options)[2], size_t count, const char *chosen,
		   const char *error)
{
	html_printf(page, "<div class=\"govuk-form-group%s\"><fieldset class=\"govuk-fieldset\"",
		    error ? " govuk-form-group--error" : "");
	/* The attribute's quotes are markup, so they are written here and
	 * only the ids go through the escaping. */
	if (hint || error)
		html_printf(page, " aria-describedby=\"%s%s%s%s%s\"", hint ? name : "",
			    hint ? "-hint" : "", hint && error ? " " : "", error ? name : "",
			    error ? "-error" : "");
	html_printf(page, ">\n<legend class=\"govuk-fieldset__legend govuk-fieldset__legend--s\">"
			  "%s</legend>\n",
		    legend);
	if (hint)
		html_printf(page, "<div id=\"%s-hint\" class=\"govuk-hint\">%s</div>\n", name, hint);
	if (error)
		html_printf(page, "<p id=\"%s-error\" class=\"govuk-error-message\"><span "
				  "class=\"govuk-visually-hidden\">Error:</span> %s</p>\n",
			    name, error);
	html_printf(page, "<div class=\"govuk-radios govuk-radios--small\" data-module=\"govuk-radios\">\n");
	/* The first option's id is the field's, so an error links to it. */
	for (size_t i = 0; i < count; i++) {
		const char *id = i ? arena_printf(page->arena, "%s-%zu", name, i) : name;
		html_printf(page, "<div class=\"govuk-radios__item\"><input class=\"govuk-radios__input\" "
				  "id=\"%s\" name=\"%s\" type=\"radio\" value=\"%s\"%s>"
				  "<label class=\"govuk-label govuk-radios__label\" for=\"%s\">%s</label></div>\n",
			    id, name, options[i][0],
			    chosen && strcmp(chosen, options[i][0]) == 0 ? " checked" : "", id,
			    options[i][1]);
	}
	html_printf(page, "</div></fieldset></div>\n");
}


const char *form_option_label(const char *const (*options)[2], size_t count,
			      const char *value)
{
	for (size_t i = 0; value && i < count; i++)
		if (strcmp(options[i][0], value) == 0)
			return options[i][1];
	return value;
}

void form_success_banner(struct sb *page, const char *id, const char *message)
{
	html_printf(page,
		    "<div class=\"govuk-notification-banner govuk-notification-banner--success\" "
		    "role=\"alert\" aria-labelledby=\"%s-title\" "
		    "data-module=\"govuk-notification-banner\">\n"
		    "<div class=\"govuk-notification-banner__header\">"
		    "<h2 class=\"govuk-notification-banner__title\" id=\"%s-title\">Success</h2></div>\n"
		    "<div class=\"govuk-notification-banner__content\">"
		    "<p class=\"govuk-notification-banner__heading\">%s</p></div></div>\n",
		    id, id, message);
}

/* The value of the part ("day", "month", "year", "time") a form sent: in
 * the body, or in the query for a form sent with GET (a filter). */
static const char *date_part(const struct http_request *req, const char *name,
			     const char *part)
{
	const char *field = arena_printf(req->arena, "%s-%s", name, part);
	return strcmp(req->method, "GET") == 0 ? http_query(req, field) : http_form(req, field);
}

/* What a person is asked to put right, for the part at fault. */
static const char *date_problem(struct arena *a, const char *legend, enum date_fault fault)
{
	switch (fault) {
	case DATE_DAY:
		return arena_printf(a, "%s must be a real date: check the day", legend);
	case DATE_MONTH:
		return arena_printf(a, "%s must include a month, as a number from 1 to 12",
				    legend);
	case DATE_YEAR:
		return arena_printf(a, "%s must include a year of four digits, like 2026", legend);
	default:
		return arena_printf(a, "%s: enter the day, month and year", legend);
	}
}

int form_date_read(const struct http_request *req, const struct form_date *f,
		   const char **out, struct err *e)
{
	*out = NULL;
	struct date d;
	enum date_fault fault = date_parse_parts(date_part(req, f->name, "day"),
						 date_part(req, f->name, "month"),
						 date_part(req, f->name, "year"), &d);
	const char *clock = f->with_time ? http_text(date_part(req, f->name, "time")) : NULL;
	if (fault == DATE_BLANK && !clock && !f->required)
		return 0;
	if (fault != DATE_OK) {
		*out = FORM_DATE_REFUSED;
		err_field(e, f->name, "%s", date_problem(req->arena, f->legend, fault));
		return -1;
	}
	if (!f->with_time) {
		char *day = arena_alloc(req->arena, 11);
		date_format(d, day);
		*out = day;
		return 0;
	}
	int hour, minute;
	if (!clock || !date_parse_clock(clock, &hour, &minute)) {
		*out = FORM_DATE_REFUSED;
		err_field(e, f->name, "%s: enter a time like 10:12am, 2pm or 14:30", f->legend);
		return -1;
	}
	char *at = arena_alloc(req->arena, CLOCK_ISO8601_SIZE);
	date_uk_instant_text(d, hour, minute, at);
	*out = at;
	return 0;
}

void form_date_problems(struct err *e, const struct err *dates,
			const char *const (*names)[2], size_t count)
{
	struct err merged = {0};
	for (size_t i = 0; i < e->field_count; i++) {
		const char *path = e->fields[i].path;
		for (size_t n = 0; n < count; n++)
			if (strcmp(names[n][0], path) == 0)
				path = names[n][1];
		if (!err_field_message(dates, path))
			err_field(&merged, e->fields[i].path, "%s", e->fields[i].message);
	}
	for (size_t i = 0; i < dates->field_count; i++)
		err_field(&merged, dates->fields[i].path, "%s", dates->fields[i].message);
	err_copy(e, &merged);
}

/* One of the date's inputs, marked when at fault. */
static void date_item(struct sb *page, const char *id, const char *name, const char *label,
		      const char *width, const char *value, bool fault)
{
	html_printf(page, "<div class=\"govuk-date-input__item\"><div class=\"govuk-form-group\">"
			  "<label class=\"govuk-label govuk-date-input__label\" for=\"%s\">%s</label>"
			  "<input class=\"govuk-input govuk-date-input__input %s%s\" id=\"%s\" "
			  "name=\"%s\" type=\"text\" inputmode=\"numeric\" autocomplete=\"off\" "
			  "value=\"%s\"></div></div>\n",
		    id, label, width, fault ? " govuk-input--error" : "", id, name,
		    value ? value : "");
}

/* The date's fieldset: the inputs' ids start with id, their names with
 * name (the same but in a form's rows); day, month, year and clock are
 * what the form sent, all NULL for a form drawn the first time, which
 * shows value instead. */
static void date_fields(struct sb *page, const char *id, const char *name,
			const struct form_date *f, const char *day, const char *month,
			const char *year, const char *clock, const char *value, const char *error)
{
	struct arena *a = page->arena;
	const char *n = id;
	if (!day && !month && !year && !clock && value && *value) {
		/* Drawn the first time: the stored value, in UK time. */
		struct date d;
		int hour = 0, minute = 0;
		char utc[CLOCK_ISO8601_SIZE];
		int64_t t;
		bool shown = false;
		if (f->with_time && clock_instant_utc(value, utc) == 0 &&
		    clock_parse_iso8601(utc, &t) == 0) {
			d = date_uk_clock((time_t)t, &hour, &minute);
			char text[DATE_CLOCK_TEXT_SIZE];
			date_clock_text(hour, minute, text);
			clock = arena_printf(a, "%s", text);
			shown = true;
		} else {
			shown = date_parse(value, &d);
		}
		if (shown) {
			day = arena_printf(a, "%d", d.day);
			month = arena_printf(a, "%d", d.month);
			year = arena_printf(a, "%d", d.year);
		}
	}
	/* Which field is at fault: the part a parse refuses, the time, or
	 * (the date read but refused, say for being in the future) all. */
	struct date d;
	enum date_fault fault = error ? date_parse_parts(day, month, year, &d) : DATE_OK;
	int hour, minute;
	bool time_fault = error && f->with_time && fault == DATE_OK &&
			  !date_parse_clock(clock, &hour, &minute);
	bool all = error && !time_fault && (fault == DATE_OK || fault == DATE_BLANK);
	const char *hint = f->hint ? f->hint : "For example, 27 3 2026";
	html_printf(page, "<div class=\"govuk-form-group%s\"><fieldset class=\"govuk-fieldset\" "
			  "role=\"group\" aria-describedby=\"%s-hint%s%s%s\">\n"
			  "<legend class=\"govuk-fieldset__legend govuk-fieldset__legend--s\">%s</legend>\n"
			  "<div id=\"%s-hint\" class=\"govuk-hint\">%s</div>\n",
		    error ? " govuk-form-group--error" : "", n, error ? " " : "", error ? n : "",
		    error ? "-error" : "", f->legend, n, hint);
	if (error)
		html_printf(page, "<p id=\"%s-error\" class=\"govuk-error-message\"><span "
				  "class=\"govuk-visually-hidden\">Error:</span> %s</p>\n",
			    n, error);
	html_printf(page, "<div class=\"govuk-date-input\">\n");
	date_item(page, n, arena_printf(a, "%s-day", name), "Day", "govuk-input--width-2", day,
		  all || fault == DATE_DAY);
	date_item(page, arena_printf(a, "%s-month", n), arena_printf(a, "%s-month", name), "Month",
		  "govuk-input--width-2", month, all || fault == DATE_MONTH);
	date_item(page, arena_printf(a, "%s-year", n), arena_printf(a, "%s-year", name), "Year",
		  "govuk-input--width-4", year, all || fault == DATE_YEAR);
	html_printf(page, "</div>\n");
	if (f->with_time)
		html_printf(page, "<div class=\"govuk-form-group govuk-!-margin-top-4 "
				  "govuk-!-margin-bottom-0\"><label class=\"govuk-label\" "
				  "for=\"%s-time\">Time</label><div id=\"%s-time-hint\" "
				  "class=\"govuk-hint\">UK time, for example 10:12am, 2pm or 14:30</div>"
				  "<input class=\"govuk-input govuk-input--width-5%s\" id=\"%s-time\" "
				  "name=\"%s-time\" type=\"text\" autocomplete=\"off\" value=\"%s\" "
				  "aria-describedby=\"%s-time-hint\"></div>\n",
			    n, n, all || time_fault ? " govuk-input--error" : "", n, name,
			    clock ? clock : "", n);
	html_printf(page, "</fieldset></div>\n");
}

void form_date_input(struct sb *page, const struct http_request *req,
		     const struct form_date *f, const char *value, const char *error)
{
	const char *n = f->name;
	date_fields(page, n, n, f, date_part(req, n, "day"), date_part(req, n, "month"),
		    date_part(req, n, "year"), date_part(req, n, "time"), value, error);
}

void form_row_date(struct sb *page, const char *id, const struct form_date *f,
		   const struct form_date_parts *sent, const char *value, const char *error)
{
	date_fields(page, id, f->name, f, sent ? sent->day : NULL, sent ? sent->month : NULL,
		    sent ? sent->year : NULL, NULL, value, error);
}

int form_row_date_read(struct arena *a, const char *id, const struct form_date *f,
		       const struct form_date_parts *sent, const char **out, struct err *e)
{
	*out = NULL;
	struct date d;
	enum date_fault fault = date_parse_parts(sent->day, sent->month, sent->year, &d);
	if (fault == DATE_BLANK && !f->required)
		return 0;
	if (fault != DATE_OK) {
		*out = FORM_DATE_REFUSED;
		err_field(e, id, "%s", date_problem(a, f->legend, fault));
		return -1;
	}
	char *day = arena_alloc(a, 11);
	date_format(d, day);
	*out = day;
	return 0;
}

const struct form_date_parts *form_row_dates(const struct http_request *req, const char *name,
					     size_t *count)
{
	size_t nd, nm, ny;
	const char **day = http_form_all(req, arena_printf(req->arena, "%s-day", name), &nd);
	const char **month = http_form_all(req, arena_printf(req->arena, "%s-month", name), &nm);
	const char **year = http_form_all(req, arena_printf(req->arena, "%s-year", name), &ny);
	*count = nd;
	if (nm != nd || ny != nd) {
		*count = SIZE_MAX;
		return NULL;
	}
	struct form_date_parts *rows = arena_alloc(req->arena, (nd + 1) * sizeof *rows);
	for (size_t i = 0; i < nd; i++)
		rows[i] = (struct form_date_parts){day[i], month[i], year[i]};
	return rows;
}
