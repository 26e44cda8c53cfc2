#ifndef ALONGSIDE_HTTP_VALIDATE_H
#define ALONGSIDE_HTTP_VALIDATE_H

#include <stdbool.h>

struct err;
struct sb;

/*
 * What a value a route declares (http/route.h) must look like.  A
 * validator is plain const data, a kind and its settings, so the route
 * table can name one and `alongside routes` can print it.  A new kind
 * (UUIDs, say) is one struct validator_kind and, if it takes settings, a
 * macro here.
 *
 * Values arrive decoded: well-formed UTF-8 without NUL (http/urlenc.h and
 * jansson see to that).  Checks are strict and never trim: " 2026-03-14"
 * is not a date.  Text is the exception a person needs: it only counts
 * characters, so what a person typed reaches the handler, which can show
 * the form again with a message beside the field.
 */

struct validator;

struct validator_kind {
	const char *name;  /* as `alongside routes` prints it: "date", "enum" */
	bool (*accepts)(const struct validator *v, const char *value);
	/* What an accepted value looks like, told to whoever sent another:
	 * "Enter a date like 2026-03-14". */
	void (*explain)(const struct validator *v, struct sb *out);
	/* The settings, for `alongside routes`: "(max 200)"; NULL: none. */
	void (*settings)(const struct validator *v, struct sb *out);
};

struct validator {
	const struct validator_kind *kind;
	const char *const *values;  /* enum: the values allowed, NULL-ended */
	double min, max;            /* integer and number: the range;
				     * text: max is the most characters */
};

/* Without settings. */
extern const struct validator validate_id;        /* 32 lowercase hex (core/id.h) */
extern const struct validator validate_uuid;      /* a hyphenated lower-case UUID (core/id.h) */
extern const struct validator validate_postcode;  /* a UK postcode, any case and spacing */
extern const struct validator validate_date;      /* YYYY-MM-DD, a real date */
extern const struct validator validate_time;      /* HH:MM, 00:00 to 23:59 */
extern const struct validator validate_timestamp; /* UTC: 2026-03-01T09:30:00Z,
						   * optionally with .fraction */
extern const struct validator validate_instant;   /* what an API reader writes: RFC 3339
						   * with Z or an offset, or a date
						   * (core/clock.h clock_instant_utc) */

/* With settings, for a table's own validators:
 *   static const char *const statuses[] = {"new", "contacted", NULL};
 *   static const struct validator status = VALIDATE_ENUM(statuses); */
extern const struct validator_kind validate_enum_kind, validate_text_kind,
	validate_integer_kind, validate_number_kind;
#define VALIDATE_ENUM(values) {&validate_enum_kind, (values), 0, 0}
/* Any text of at most max_chars characters (code points). */
#define VALIDATE_TEXT(max_chars) {&validate_text_kind, NULL, 0, (max_chars)}
/* A whole number in decimal, from min to max: "-5", "42"; not "+5", "0x1F"
 * or "4.0". */
#define VALIDATE_INTEGER(min, max) {&validate_integer_kind, NULL, (min), (max)}
/* A decimal number from min to max: "53.96", "-1.08", ".5"; no exponent,
 * no "inf" or "nan". */
#define VALIDATE_NUMBER(min, max) {&validate_number_kind, NULL, (min), (max)}

bool validate(const struct validator *v, const char *value);

/* Appends what v accepts, for a person. */
void validate_explain(const struct validator *v, struct sb *out);

/* Appends v as `alongside routes` shows it: "id", "enum(yes|no)",
 * "text(max 200)", "number(-90..90)". */
void validate_describe(const struct validator *v, struct sb *out);

/* Adds a field error for path (err_field) and, for the first, makes the
 * whole message "path: message", so that a page showing only the whole
 * says which field it is about. */
void validate_problem(struct err *e, const char *path, const char *message);

#endif
