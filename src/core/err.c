#include "core/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void err_clear(struct err *e)
{
	e->msg[0] = '\0';
	e->subject = NULL;
	e->field_count = 0;
}

/* Cuts a last character that truncation left half written: messages are
 * shown on pages and sent as JSON, which both need whole UTF-8. */
static void whole_characters(char *s)
{
	size_t len = strlen(s), start = len;
	while (start > 0 && ((unsigned char)s[start - 1] & 0xC0) == 0x80)
		start--;
	if (start == 0)
		return;
	unsigned char lead = (unsigned char)s[start - 1];
	size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
	if (len - (start - 1) < need)
		s[start - 1] = '\0';
}

/* The one way a whole-result message is set: it replaces what e held. */
static int set(struct err *e, int kind, const char *subject, const char *fmt, va_list ap)
{
	if (e) {
		vsnprintf(e->msg, sizeof e->msg, fmt, ap);
		whole_characters(e->msg);
		e->subject = subject;
		e->field_count = 0;
	}
	return kind;
}

int err_set(struct err *e, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int kind = set(e, RESULT_FAILED, NULL, fmt, ap);
	va_end(ap);
	return kind;
}

int err_result(struct err *e, enum result kind, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	set(e, kind, NULL, fmt, ap);
	va_end(ap);
	return kind;
}

int err_not_found(struct err *e, const char *subject, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int kind = set(e, RESULT_NOT_FOUND, subject, fmt, ap);
	va_end(ap);
	return kind;
}

int err_field(struct err *e, const char *path, const char *fmt, ...)
{
	if (!e || e->field_count == ERR_FIELDS_MAX)
		return RESULT_INVALID;
	struct err_field *f = &e->fields[e->field_count++];
	snprintf(f->path, sizeof f->path, "%s", path ? path : "");
	whole_characters(f->path);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(f->message, sizeof f->message, fmt, ap);
	va_end(ap);
	whole_characters(f->message);
	if (e->field_count == 1)
		memcpy(e->msg, f->message, strlen(f->message) + 1);
	return RESULT_INVALID;
}

int err_invalid_if_any(const struct err *e)
{
	return e->field_count ? RESULT_INVALID : RESULT_OK;
}

const char *err_field_message(const struct err *e, const char *path)
{
	for (size_t i = 0; i < e->field_count; i++)
		if (strcmp(e->fields[i].path, path) == 0)
			return e->fields[i].message;
	return NULL;
}

void err_copy(struct err *to, const struct err *from)
{
	if (to != from)
		memcpy(to, from, sizeof *to);
}
