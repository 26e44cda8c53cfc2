#include "http/validate.h"

#include "core/clock.h"
#include "core/date.h"
#include "core/err.h"
#include "core/id.h"
#include "core/sb.h"
#include "core/utf8.h"
#include "geo/postcode.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Longer numbers than these are refused unread: no range we declare needs
 * them, and a double holds 15 digits exactly. */
#define INTEGER_DIGITS_MAX 15
#define NUMBER_CHARS_MAX 32

static bool digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

static bool id_accepts(const struct validator *v, const char *value)
{
	(void)v;
	return id_valid(value);
}

static void id_explain(const struct validator *v, struct sb *out)
{
	(void)v;
	sb_puts(out, "Give an id: 32 characters, each 0 to 9 or a to f");
}

static const struct validator_kind id_kind = {"id", id_accepts, id_explain, NULL};
const struct validator validate_id = {&id_kind, NULL, 0, 0};

static bool uuid_accepts(const struct validator *v, const char *value)
{
	(void)v;
	return id_uuid_valid(value);
}

static void uuid_explain(const struct validator *v, struct sb *out)
{
	(void)v;
	sb_puts(out, "Give an id like 3fa85f64-5717-4562-b3fc-2c963f66afa6: "
		     "32 characters 0 to 9 or a to f, in groups of 8, 4, 4, 4 and 12 joined by hyphens");
}

static const struct validator_kind uuid_kind = {"uuid", uuid_accepts, uuid_explain, NULL};
const struct validator validate_uuid = {&uuid_kind, NULL, 0, 0};

static bool postcode_accepts(const struct validator *v, const char *value)
{
	(void)v;
	char normal[POSTCODE_SIZE];
	return postcode_normalise(value, normal);
}

static void postcode_explain(const struct validator *v, struct sb *out)
{
	(void)v;
	sb_puts(out, "Enter a UK postcode, like YO1 7HH");
}

static const struct validator_kind postcode_kind = {"postcode", postcode_accepts,
						     postcode_explain, NULL};
const struct validator validate_postcode = {&postcode_kind, NULL, 0, 0};

static bool date_accepts(const struct validator *v, const char *value)
{
	(void)v;
	struct date d;
	return date_parse(value, &d);
}

static void date_explain(const struct validator *v, struct sb *out)
{
	(void)v;
	sb_puts(out, "Enter a date like 2026-03-14");
}

static const struct validator_kind date_kind = {"date", date_accepts, date_explain, NULL};
const struct validator validate_date = {&date_kind, NULL, 0, 0};

/* "HH:MM" at s, a time of day. */
static bool clock_time(const char *s)
{
	return digits(s, 2) && s[2] == ':' && digits(s + 3, 2) &&
	       (s[0] - '0') * 10 + (s[1] - '0') < 24 && s[3] < '6';
}

static bool time_accepts(const struct validator *v, const char *value)
{
	(void)v;
	return strlen(value) == 5 && clock_time(value);
}

static void time_explain(const struct validator *v, struct sb *out)
{
	(void)v;
	sb_puts(out, "Enter a time like 09:30");
}

static const struct validator_kind time_kind = {"time", time_accepts, time_explain, NULL};
const struct validator validate_time = {&time_kind, NULL, 0, 0};

/* YYYY-MM-DDTHH:MM:SS, an optional fraction of a second, then Z. */
static bool timestamp_accepts(const struct validator *v, const char *value)
{
	(void)v;
	size_t len = strlen(value);
	struct date d;
	char day[11];
	if (len < 20 || value[10] != 'T' || value[16] != ':' || value[len - 1] != 'Z')
		return false;
	memcpy(day, value, 10);
	day[10] = '\0';
	if (!date_parse(day, &d) || !clock_time(value + 11) || !digits(value + 17, 2) ||
	    value[17] > '5')
		return false;
	if (len == 20)
		return true;
	return value[19] == '.' && len > 21 && len <= 30 && digits(value + 20, len - 21);
}

static void timestamp_explain(const struct validator *v, struct sb *out)
{
	(void)v;
	sb_puts(out, "Enter a UTC time like 2026-03-01T09:30:00Z");
}

static const struct validator_kind timestamp_kind = {"timestamp", timestamp_accepts,
						      timestamp_explain, NULL};
const struct validator validate_timestamp = {&timestamp_kind, NULL, 0, 0};

static bool instant_accepts(const struct validator *v, const char *value)
{
	(void)v;
	char utc[CLOCK_ISO8601_SIZE];
	return clock_instant_utc(value, utc) == 0;
}

static void instant_explain(const struct validator *v, struct sb *out)
{
	(void)v;
	sb_puts(out, "Enter a date like 2026-03-01, or a date and time like 2026-03-01T09:30:00Z "
		     "or 2026-03-01T10:30:00+01:00");
}

static const struct validator_kind instant_kind = {"instant", instant_accepts, instant_explain,
						    NULL};
const struct validator validate_instant = {&instant_kind, NULL, 0, 0};

static bool enum_accepts(const struct validator *v, const char *value)
{
	for (const char *const *p = v->values; *p; p++)
		if (strcmp(*p, value) == 0)
			return true;
	return false;
}

static void enum_list(const struct validator *v, struct sb *out, const char *between)
{
	for (const char *const *p = v->values; *p; p++)
		sb_printf(out, "%s%s", p == v->values ? "" : between, *p);
}

static void enum_explain(const struct validator *v, struct sb *out)
{
	sb_puts(out, v->values[0] && v->values[1] ? "Choose one of: " : "The only value is ");
	enum_list(v, out, ", ");
}

static void enum_settings(const struct validator *v, struct sb *out)
{
	sb_putc(out, '(');
	enum_list(v, out, "|");
	sb_putc(out, ')');
}

const struct validator_kind validate_enum_kind = {"enum", enum_accepts, enum_explain,
						  enum_settings};

static bool text_accepts(const struct validator *v, const char *value)
{
	return (double)utf8_length(value, strlen(value)) <= v->max;
}

static void text_explain(const struct validator *v, struct sb *out)
{
	sb_printf(out, "Use at most %.15g characters", v->max);
}

static void text_settings(const struct validator *v, struct sb *out)
{
	sb_printf(out, "(max %.15g)", v->max);
}

const struct validator_kind validate_text_kind = {"text", text_accepts, text_explain,
						  text_settings};

static void range_settings(const struct validator *v, struct sb *out)
{
	sb_printf(out, "(%.15g..%.15g)", v->min, v->max);
}

static bool integer_accepts(const struct validator *v, const char *value)
{
	const char *p = value + (value[0] == '-');
	size_t n = strlen(p);
	if (n == 0 || n > INTEGER_DIGITS_MAX || !digits(p, n))
		return false;
	double x = (double)strtoll(value, NULL, 10);
	return x >= v->min && x <= v->max;
}

static void integer_explain(const struct validator *v, struct sb *out)
{
	sb_printf(out, "Enter a whole number from %.15g to %.15g", v->min, v->max);
}

const struct validator_kind validate_integer_kind = {"integer", integer_accepts,
						     integer_explain, range_settings};

static bool number_accepts(const struct validator *v, const char *value)
{
	const char *p = value + (value[0] == '-');
	size_t n = strlen(p);
	size_t whole = strspn(p, "0123456789");
	if (n == 0 || n > NUMBER_CHARS_MAX)
		return false;
	/* After the whole part, nothing, or a point and at least one digit. */
	if (whole < n &&
	    (p[whole] != '.' || whole + 1 == n || !digits(p + whole + 1, n - whole - 1)))
		return false;
	double x = strtod(value, NULL);
	return x >= v->min && x <= v->max;
}

static void number_explain(const struct validator *v, struct sb *out)
{
	sb_printf(out, "Enter a number from %.15g to %.15g", v->min, v->max);
}

const struct validator_kind validate_number_kind = {"number", number_accepts,
						    number_explain, range_settings};

bool validate(const struct validator *v, const char *value)
{
	return v->kind->accepts(v, value);
}

void validate_explain(const struct validator *v, struct sb *out)
{
	v->kind->explain(v, out);
}

void validate_describe(const struct validator *v, struct sb *out)
{
	sb_puts(out, v->kind->name);
	if (v->kind->settings)
		v->kind->settings(v, out);
}

void validate_problem(struct err *e, const char *path, const char *message)
{
	bool first = e->field_count == 0;
	err_field(e, path, "%s", message);
	if (first)
		snprintf(e->msg, sizeof e->msg, "%s: %s", path, message);
}
