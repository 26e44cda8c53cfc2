#include "core/log.h"

#include "core/clock.h"

#include <stdarg.h>
#include <stdio.h>
#include <unistd.h>

static const char *const level_names[] = {"info", "warn", "error"};

void log_msg(enum log_level level, const char *fmt, ...)
{
	char line[2048];
	char when[CLOCK_ISO8601_SIZE];
	clock_utc_iso8601(when, sizeof when);
	int n = snprintf(line, sizeof line, "%s %s ", when, level_names[level]);
	va_list ap;
	va_start(ap, fmt);
	int m = vsnprintf(line + n, sizeof line - (size_t)n - 1, fmt, ap);
	va_end(ap);
	size_t len = (size_t)n + (m < 0 ? 0 : (size_t)m);
	if (len > sizeof line - 2)
		len = sizeof line - 2;
	line[len++] = '\n';
	/* A failed log write has nowhere better to be reported. */
	ssize_t ignored = write(STDERR_FILENO, line, len);
	(void)ignored;
}
