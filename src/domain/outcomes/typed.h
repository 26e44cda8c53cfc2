#ifndef ALONGSIDE_DOMAIN_OUTCOMES_TYPED_H
#define ALONGSIDE_DOMAIN_OUTCOMES_TYPED_H

#include <stdbool.h>
#include <stddef.h>

struct err;

/*
 * The checks the outcome records (story.c, outcome.c, wellbeing.c,
 * costs.c) make of what staff type with a person, kept in one place so a
 * fault reads the same on every form that finds it.  Each adds a field
 * error to e (core/err.h) under field and keeps nothing.  Days are
 * YYYY-MM-DD and "today" is the day in the UK, the latest day a record
 * may say something happened.
 */

/* Today in the UK, YYYY-MM-DD (11 bytes with the NUL). */
void typed_today(char out[11]);

/* True when s is NULL or only spaces, tabs and line breaks: not given. */
bool typed_blank(const char *s);

/* Text kept up to max characters, line breaks allowed when multiline.
 * Blank: the message missing, or nothing when missing is NULL (it may be
 * left out).  Else, when utf8_text_ok refuses it, "<what>: up to <max>
 * characters, without control characters" ("without line breaks or
 * control characters" when not multiline). */
void typed_check_text(struct err *e, const char *field, const char *s, size_t max,
		      bool multiline, const char *missing, const char *what);

/* A day they told us something (when: "they agreed"): "Enter the day
 * <when>, as a real date" when day is NULL or no date, "The day <when>
 * cannot be in the future" when it is after today. */
void typed_check_day(struct err *e, const char *field, const char *day, const char *when);

/* A day something happened, named what ("When"): "<what> must be a real
 * date" when day is NULL or no date, "<what> must be today or in the
 * past" when it is after today.  True when it is neither. */
bool typed_check_past(struct err *e, const char *field, const char *day, const char *what);

#endif
