#ifndef ALONGSIDE_WEB_FORM_H
#define ALONGSIDE_WEB_FORM_H

#include <stdbool.h>
#include <stddef.h>

struct arena;
struct err;
struct http_request;
struct sb;

/*
 * Form fields in GOV.UK Frontend markup: label, hint, error message and
 * the aria-describedby that ties them together, so every form gets them
 * right the same way.  Values are escaped by html_printf.
 */

/* A text input. */
struct form_field {
	const char *name;     /* form name and id */
	const char *label;
	const char *hint;     /* may be NULL */
	const char *type;     /* text, tel, email */
	const char *autocomplete;
	const char *width;    /* a govuk-input--width class, or "" */
};

/* Renames e's field paths ("person.phone") to the form's field names with
 * {path, name} pairs; a path not listed keeps its name with dots as
 * underscores. */
void form_rename_fields(struct err *e, const char *const (*names)[2], size_t count);

/* Where a problem is shown when its field's path (core/err.h) is not the
 * id of the input it belongs to: on a page with several forms, say. */
struct form_anchor {
	const char *path;
	const char *id;
};

/* The summary at the top of a form that failed: every problem in e, each
 * linking to its input, whose id is the field's path unless anchors
 * (anchor_count of them) say otherwise; a problem about the whole form
 * links to first, the form's first input. */
void form_errors_summary(struct sb *page, const struct err *e,
			 const struct form_anchor *anchors, size_t anchor_count,
			 const char *first);

/* The message e holds for the field at path, or NULL; e is NULL for a
 * form drawn the first time. */
const char *form_errors_for(const struct err *e, const char *path);

void form_text_field(struct sb *page, const struct form_field *f, const char *value,
		     const char *error);

/* Fields whose id differs from their name: the rows of a form, whose
 * every field repeats under one name ("step_taken_by") and each has an
 * id of its own ("step_0_1_taken_by").  form_group_begin writes the
 * group, label, hint and error and returns what the field's
 * aria-describedby names (NULL: nothing), which form_described writes;
 * the field and "</div>" follow. */
const char *form_group_begin(struct sb *page, const char *id, const char *label,
			     const char *hint, const char *error);
void form_described(struct sb *page, const char *ids);
void form_row_input(struct sb *page, const char *id, const char *name, const char *label,
		    const char *hint, const char *value, const char *error, const char *width);
/* A select of {value, label} pairs, with a first empty option labelled
 * none unless that is NULL; a chosen value not among the options (one
 * stored, or made by hand) is offered as it is, so drawing the form again
 * never loses it. */
void form_row_select(struct sb *page, const char *id, const char *name, const char *label,
		     const char *const (*options)[2], size_t count, const char *chosen,
		     const char *none, const char *error);

/* Radios named name; options are {value, label} pairs; the first option's
 * id is name, so an error summary can link to it. */
void form_radios(struct sb *page, const char *name, const char *legend, const char *hint,
		 const char *const (*options)[2], size_t count, const char *chosen,
		 const char *error);
/* The label options pairs with value, for showing a stored value in
 * words; value itself when it has none (a value since dropped from the
 * form still shows), and NULL for NULL. */
const char *form_option_label(const char *const (*options)[2], size_t count,
			      const char *value);

/* A date the GOV.UK way: day, month and year in three fields
 * (govuk-date-input), and with with_time a time field beside them ("10:12am",
 * "14:30", "2pm"), in UK time; for every staff form that asks for a date.
 * The inputs are named name-day, name-month, name-year and name-time; the
 * day's id is name itself, so an error at the field name (core/err.h)
 * links to it from the error summary.  A form sent with GET (a filter)
 * carries them in the query, where both functions below read them. */
struct form_date {
	const char *name;
	const char *legend;
	const char *hint; /* NULL: "For example, 27 3 2026" */
	bool with_time;
	bool required; /* else left empty is NULL, for the domain to decide */
};

/* The date's fields.  They show what the form sent when it sent them (a
 * form drawn again); else value: a stored date "YYYY-MM-DD" or, with
 * time, a stored UTC time, shown in UK time (NULL or "": empty).  With an
 * error, the message is on the whole group and the field at fault is
 * marked: the day of 31 February, the time of "13:00pm"; every date
 * field when the date itself is refused ("cannot be in the future"). */
void form_date_input(struct sb *page, const struct http_request *req,
		     const struct form_date *f, const char *value, const char *error);

/* What the fields sent, as the domain takes it: *out "YYYY-MM-DD", or
 * with time the UTC instant "YYYY-MM-DDTHH:MM:00.000Z" (the arena's),
 * NULL when all were left empty.  0, or -1 with a message at f->name in e
 * (e is added to, not cleared) for a date that is not a real one or a
 * time that cannot be read; *out is then FORM_DATE_REFUSED, text no
 * domain takes as a date or a time, so the domain, given it, refuses the
 * whole and names every other problem of the form at once. */
int form_date_read(const struct http_request *req, const struct form_date *f,
		   const char **out, struct err *e);
#define FORM_DATE_REFUSED "not a date"

/* The domain's refusal e of a form given FORM_DATE_REFUSED for the dates
 * in dates (form_date_read's problems): at each such date, its own message
 * in place of the domain's, whose field for it names may call something
 * else ({domain path, form name} pairs, as form_rename_fields). */
void form_date_problems(struct err *e, const struct err *dates,
			const char *const (*names)[2], size_t count);

/* A date in each row of a form whose rows repeat its fields' names (as
 * form_row_input's): the inputs' ids are the row's own (id, id-month,
 * id-year), so an error at id links to its day, and their names repeat,
 * f->name-day, f->name-month and f->name-year, one of each a row, in row
 * order.  f->with_time is not taken here. */
struct form_date_parts {
	const char *day, *month, *year;
};
/* What every row sent, in row order, in the arena (*count of them); NULL
 * with *count SIZE_MAX when the three do not line up, which the form
 * never sends. */
const struct form_date_parts *form_row_dates(const struct http_request *req, const char *name,
					     size_t *count);
/* The row's date: what sent holds (NULL: drawn the first time), else
 * value "YYYY-MM-DD"; error as form_date_input's. */
void form_row_date(struct sb *page, const char *id, const struct form_date *f,
		   const struct form_date_parts *sent, const char *value, const char *error);
/* As form_date_read, for the row whose inputs' ids start with id: its
 * problem is at id. */
int form_row_date_read(struct arena *a, const char *id, const struct form_date *f,
		       const struct form_date_parts *sent, const char **out, struct err *e);

/* The green banner that says a form did what was asked ("You have signed
 * out.", "Moved 3 people."), its heading's id made from id. */
void form_success_banner(struct sb *page, const char *id, const char *message);

#endif
