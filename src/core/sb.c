#include "core/sb.h"

#include "core/arena.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void sb_init(struct sb *sb, struct arena *arena, size_t max)
{
	sb->arena = arena;
	sb->buf = NULL;
	sb->len = 0;
	sb->cap = 0;
	sb->max = max;
	sb->overflow = false;
}

/* Makes room for `extra` more bytes plus a NUL; false when that would pass
 * the builder's maximum. */
static bool reserve(struct sb *sb, size_t extra)
{
	if (sb->overflow)
		return false;
	if (extra > sb->max || sb->len > sb->max - extra) {
		sb->overflow = true;
		return false;
	}
	size_t need = sb->len + extra + 1;
	if (need <= sb->cap)
		return true;
	size_t cap = sb->cap ? sb->cap : 256;
	while (cap < need)
		cap *= 2;
	char *buf = arena_alloc(sb->arena, cap);
	if (sb->len)
		memcpy(buf, sb->buf, sb->len);
	sb->buf = buf;
	sb->cap = cap;
	return true;
}

void sb_append(struct sb *sb, const char *s, size_t len)
{
	if (!reserve(sb, len))
		return;
	memcpy(sb->buf + sb->len, s, len);
	sb->len += len;
	sb->buf[sb->len] = '\0';
}

void sb_puts(struct sb *sb, const char *s)
{
	sb_append(sb, s, strlen(s));
}

void sb_putc(struct sb *sb, char c)
{
	sb_append(sb, &c, 1);
}

void sb_printf(struct sb *sb, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || !reserve(sb, (size_t)n))
		return;
	va_start(ap, fmt);
	vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	sb->len += (size_t)n;
}

const char *sb_str(struct sb *sb)
{
	return sb->buf ? sb->buf : "";
}

bool sb_failed(const struct sb *sb)
{
	return sb->overflow;
}
