/* What staff type with a person, checked alike by every outcome record:
 * the contract is in typed.h. */
#include "domain/outcomes/typed.h"

#include "core/date.h"
#include "core/err.h"
#include "core/utf8.h"

#include <string.h>
#include <time.h>

void typed_today(char out[11])
{
	date_format(date_uk_today(time(NULL)), out);
}

bool typed_blank(const char *s)
{
	return !s || s[strspn(s, " \t\r\n")] == '\0';
}

void typed_check_text(struct err *e, const char *field, const char *s, size_t max,
		      bool multiline, const char *missing, const char *what)
{
	if (typed_blank(s)) {
		if (missing)
			err_field(e, field, "%s", missing);
	} else if (!utf8_text_ok(s, max, multiline)) {
		err_field(e, field, "%s: up to %zu characters, without %s", what, max,
			  multiline ? "control characters" : "line breaks or control characters");
	}
}

/* The two faults each pair of messages below names. */
enum day_fault { DAY_FINE, DAY_NOT_REAL, DAY_AFTER_TODAY };

static enum day_fault day_fault(const char *day)
{
	struct date d;
	char today[11];
	typed_today(today);
	if (!day || !date_parse(day, &d))
		return DAY_NOT_REAL;
	return strcmp(day, today) > 0 ? DAY_AFTER_TODAY : DAY_FINE;
}

void typed_check_day(struct err *e, const char *field, const char *day, const char *when)
{
	enum day_fault fault = day_fault(day);
	if (fault == DAY_NOT_REAL)
		err_field(e, field, "Enter the day %s, as a real date", when);
	else if (fault == DAY_AFTER_TODAY)
		err_field(e, field, "The day %s cannot be in the future", when);
}

bool typed_check_past(struct err *e, const char *field, const char *day, const char *what)
{
	enum day_fault fault = day_fault(day);
	if (fault == DAY_NOT_REAL)
		err_field(e, field, "%s must be a real date", what);
	else if (fault == DAY_AFTER_TODAY)
		err_field(e, field, "%s must be today or in the past", what);
	return fault == DAY_FINE;
}
