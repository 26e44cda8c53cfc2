/* Validators against tables of good and nasty input: what each refuses
 * matters as much as what it accepts, because a handler trusts the shape
 * of every value the router let through. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "core/arena.h"
#include "core/err.h"
#include "core/sb.h"
#include "http/validate.h"

struct want {
	const char *value;
	bool accepted;
};

static void check_table(const struct validator *v, const struct want *cases, size_t count)
{
	for (size_t i = 0; i < count; i++)
		if (validate(v, cases[i].value) != cases[i].accepted)
			fail_msg("%s \"%s\": expected %s", v->kind->name, cases[i].value,
				 cases[i].accepted ? "accepted" : "refused");
}

#define CHECK(v, cases) check_table((v), (cases), sizeof(cases) / sizeof((cases)[0]))

static void ids(void **state)
{
	(void)state;
	static const struct want cases[] = {
		{"0123456789abcdef0123456789abcdef", true},
		{"ffffffffffffffffffffffffffffffff", true},
		{"", false},
		{"0123456789abcdef0123456789abcde", false},    /* 31 */
		{"0123456789abcdef0123456789abcdef0", false},  /* 33 */
		{"0123456789ABCDEF0123456789ABCDEF", false},   /* upper case */
		{" 0123456789abcdef0123456789abcdef", false},
		{"0123456789abcdef0123456789abcdef ", false},
		{"0123456789abcdef0123456789abcdeg", false},
		{"0x23456789abcdef0123456789abcdef", false},
		{"0123456789abcdef0123456789abcd\xc3\xa9", false},
		{"../../../../../../../../etc/pass", false},
	};
	CHECK(&validate_id, cases);
}

static void postcodes(void **state)
{
	(void)state;
	static const struct want cases[] = {
		{"YO1 7HH", true},
		{"yo17hh", true},
		{" YO1  7HH ", true},   /* as people type them */
		{"YO24 4NB", true},
		{"SW1A 1AA", true},
		{"", false},
		{"YO1", false},
		{"YO1 7H", false},
		{"7HH YO1", false},
		{"YO1 7HHH", false},
		{"\xc3\xa9\xc3\xa9\xc3\xa9", false},
		{"YO1' OR 1=1--", false},
		{"<script>alert(1)</script>", false},
		{"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", false},
	};
	CHECK(&validate_postcode, cases);
}

static void dates(void **state)
{
	(void)state;
	static const struct want cases[] = {
		{"2026-03-14", true},
		{"2028-02-29", true},   /* a leap year */
		{"1900-01-01", true},
		{"", false},
		{"2026-13-01", false},  /* no month 13 */
		{"2026-00-10", false},
		{"2026-02-30", false},  /* no such day */
		{"2027-02-29", false},
		{"2026-04-31", false},
		{"2026-3-14", false},
		{"14/03/2026", false},
		{" 2026-03-14", false},
		{"2026-03-14 ", false},
		{"2026-03-14T00:00", false},
		{"-2026-03-1", false},
		{"0x26-03-14", false},
		{"\xd9\xa2\xd9\xa0\xd9\xa2\xd9\xa6-03-14", false},  /* Arabic-Indic digits */
	};
	CHECK(&validate_date, cases);
}

static void times(void **state)
{
	(void)state;
	static const struct want cases[] = {
		{"09:30", true},
		{"00:00", true},
		{"23:59", true},
		{"", false},
		{"24:00", false},
		{"25:00", false},
		{"12:60", false},
		{"9:30", false},
		{"09:30:00", false},
		{"09.30", false},
		{" 09:30", false},
		{"09:30 ", false},
		{"-1:30", false},
		{"0x:30", false},
	};
	CHECK(&validate_time, cases);
}

static void timestamps(void **state)
{
	(void)state;
	static const struct want cases[] = {
		{"2026-03-01T09:30:00Z", true},
		{"2026-03-01T09:30:00.123Z", true},
		{"2026-03-01T23:59:59Z", true},
		{"", false},
		{"2026-03-01T09:30:00", false},     /* not said to be UTC */
		{"2026-03-01T09:30:00+01:00", false},
		{"2026-03-01 09:30:00Z", false},
		{"2026-03-01T25:00:00Z", false},
		{"2026-03-01T09:60:00Z", false},
		{"2026-03-01T09:30:60Z", false},
		{"2026-02-30T09:30:00Z", false},
		{"2026-03-01T09:30:00.Z", false},
		{"2026-03-01T09:30:00.12aZ", false},
		{"2026-03-01", false},
		{" 2026-03-01T09:30:00Z", false},
	};
	CHECK(&validate_timestamp, cases);
}

/* What an API reader may write for "modified after": RFC 3339 with a zone,
 * or a date; never a time without one. */
static void instants(void **state)
{
	(void)state;
	static const struct want cases[] = {
		{"2026-03-01", true},
		{"2026-03-01T09:30:00Z", true},
		{"2026-03-01T09:30Z", true},
		{"2026-03-01T09:30:00.123456Z", true},
		{"2026-03-01T10:30:00+01:00", true},
		{"2026-03-01t09:30:00z", true},
		{"", false},
		{"2026-03-01T09:30:00", false},     /* no zone: whose 09:30? */
		{"2026-03-01T09:30:00+0100", false},
		{"2026-03-01T09:30:00+24:00", false},
		{"2026-02-30", false},
		{"2026-03-01T09:30:00.Z", false},
		{"2026-03-01 09:30:00Z", false},
		{"2026-03-01T09:30:00Zjunk", false},
		{"yesterday", false},
	};
	CHECK(&validate_instant, cases);
}

static const char *const statuses[] = {"new", "contacted", NULL};
static const char *const only_yes[] = {"yes", NULL};

static void enums(void **state)
{
	(void)state;
	static const struct validator status = VALIDATE_ENUM(statuses);
	static const struct want cases[] = {
		{"new", true},
		{"contacted", true},
		{"", false},
		{"New", false},
		{"new ", false},
		{" new", false},
		{"ne", false},
		{"newer", false},
		{"lost", false},
		{"n\xc3\xa9w", false},
	};
	CHECK(&status, cases);
	static const struct validator yes = VALIDATE_ENUM(only_yes);
	assert_true(validate(&yes, "yes"));
	assert_false(validate(&yes, "on"));
}

static void text(void **state)
{
	(void)state;
	static const struct validator short_text = VALIDATE_TEXT(5);
	static const struct want cases[] = {
		{"", true},
		{"abcde", true},
		{" abc ", true},                       /* people type spaces */
		/* Five characters in ten bytes, and two in eight. */
		{"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", true},
		{"\xf0\x9f\x98\x80\xf0\x9f\x98\x80", true},
		{"a\nb", true},
		{"abcdef", false},
		{"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", false},
		{"      ", false},
	};
	CHECK(&short_text, cases);
}

static void integers(void **state)
{
	(void)state;
	static const struct validator week = VALIDATE_INTEGER(-5, 100);
	static const struct want cases[] = {
		{"0", true},
		{"42", true},
		{"100", true},
		{"-5", true},
		{"007", true},
		{"", false},
		{"-", false},
		{"101", false},
		{"-6", false},
		{"+5", false},
		{"0x1F", false},
		{"0x", false},
		{"4.0", false},
		{"1e2", false},
		{" 5", false},
		{"5 ", false},
		{"99999999999999999999999", false},
		{"\xd9\xa5", false},  /* an Arabic-Indic five */
	};
	CHECK(&week, cases);
}

static void numbers(void **state)
{
	(void)state;
	static const struct validator latitude = VALIDATE_NUMBER(-90, 90);
	static const struct want cases[] = {
		{"53.9623", true},
		{"-1.0819", true},
		{"90", true},
		{"-90", true},
		{".5", true},
		{"0", true},
		{"", false},
		{"-", false},
		{".", false},
		{"53.", false},
		{"90.0001", false},
		{"-91", false},
		{"1e999", false},
		{"1e2", false},
		{"inf", false},
		{"nan", false},
		{"0x1p3", false},
		{"0x", false},
		{"+5", false},
		{" 53", false},
		{"53 ", false},
		{"53,96", false},
		{"5.3.2", false},
		{"000000000000000000000000000000000000000001", false},
	};
	CHECK(&latitude, cases);
}

static const char *explained(struct arena *a, const struct validator *v)
{
	struct sb out;
	sb_init(&out, a, 256);
	validate_explain(v, &out);
	return sb_str(&out);
}

static const char *described(struct arena *a, const struct validator *v)
{
	struct sb out;
	sb_init(&out, a, 256);
	validate_describe(v, &out);
	return sb_str(&out);
}

static void messages_for_people_and_descriptions(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	static const struct validator status = VALIDATE_ENUM(statuses);
	static const struct validator yes = VALIDATE_ENUM(only_yes);
	static const struct validator line = VALIDATE_TEXT(200);
	static const struct validator week = VALIDATE_INTEGER(1, 5);
	static const struct validator longitude = VALIDATE_NUMBER(-180, 180);
	assert_string_equal(explained(a, &validate_date), "Enter a date like 2026-03-14");
	assert_string_equal(explained(a, &validate_time), "Enter a time like 09:30");
	assert_string_equal(explained(a, &status), "Choose one of: new, contacted");
	assert_string_equal(explained(a, &yes), "The only value is yes");
	assert_string_equal(explained(a, &line), "Use at most 200 characters");
	assert_string_equal(explained(a, &week), "Enter a whole number from 1 to 5");
	assert_string_equal(explained(a, &longitude), "Enter a number from -180 to 180");
	assert_string_equal(described(a, &validate_id), "id");
	assert_string_equal(described(a, &validate_postcode), "postcode");
	assert_string_equal(described(a, &status), "enum(new|contacted)");
	assert_string_equal(described(a, &line), "text(max 200)");
	assert_string_equal(described(a, &week), "integer(1..5)");
	assert_string_equal(described(a, &longitude), "number(-180..180)");
	arena_free(a);
}

static void problems_name_their_field(void **state)
{
	(void)state;
	struct err e = {0};
	validate_problem(&e, "due_before", "Enter a date like 2026-03-14");
	validate_problem(&e, "person.phone", "Must be a string");
	assert_int_equal(e.field_count, 2);
	assert_string_equal(e.fields[0].path, "due_before");
	assert_string_equal(e.fields[0].message, "Enter a date like 2026-03-14");
	assert_string_equal(e.fields[1].path, "person.phone");
	/* The whole says which field the first problem is about. */
	assert_string_equal(e.msg, "due_before: Enter a date like 2026-03-14");
	assert_int_equal(err_invalid_if_any(&e), RESULT_INVALID);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ids),
		cmocka_unit_test(postcodes),
		cmocka_unit_test(dates),
		cmocka_unit_test(times),
		cmocka_unit_test(timestamps),
		cmocka_unit_test(instants),
		cmocka_unit_test(enums),
		cmocka_unit_test(text),
		cmocka_unit_test(integers),
		cmocka_unit_test(numbers),
		cmocka_unit_test(messages_for_people_and_descriptions),
		cmocka_unit_test(problems_name_their_field),
	};
	return cmocka_run_group_tests_name("validate", tests, NULL, NULL);
}
