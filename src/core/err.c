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

int err_set(struct err *e, const char *fmt, ...)
{
	if (e) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(e->msg, sizeof e->msg, fmt, ap);
		va_end(ap);
		e->subject = NULL;
		e->field_count = 0;
	}
	return RESULT_FAILED;
}

int err_result(struct err *e, enum result kind, const char *fmt, ...)
{
	if (e) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(e->msg, sizeof e->msg, fmt, ap);
		va_end(ap);
		e->subject = NULL;
		e->field_count = 0;
	}
	return kind;
}

int err_not_found(struct err *e, const char *subject, const char *fmt, ...)
{
	if (e) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(e->msg, sizeof e->msg, fmt, ap);
		va_end(ap);
		e->subject = subject;
		e->field_count = 0;
	}
	return RESULT_NOT_FOUND;
}

int err_field(struct err *e, const char *path, const char *fmt, ...)
{
	if (!e || e->field_count == ERR_FIELDS_MAX)
		return RESULT_INVALID;
	struct err_field *f = &e->fields[e->field_count++];
	snprintf(f->path, sizeof f->path, "%s", path ? path : "");
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(f->message, sizeof f->message, fmt, ap);
	va_end(ap);
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
