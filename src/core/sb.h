#ifndef ALONGSIDE_CORE_SB_H
#define ALONGSIDE_CORE_SB_H

#include <stdbool.h>
#include <stddef.h>

struct arena;

/*
 * The one string builder.  Memory comes from an arena, so a builder is never
 * freed on its own.  Every builder has a hard maximum length: an append that
 * would pass it is dropped and the builder remembers the overflow (a sticky
 * error, as in SQLite's StrAccum), so callers append freely and check
 * sb_failed() once at the end.
 */

struct sb {
	struct arena *arena;
	char *buf;
	size_t len;
	size_t cap;
	size_t max;
	bool overflow;
};

void sb_init(struct sb *sb, struct arena *arena, size_t max);

void sb_append(struct sb *sb, const char *s, size_t len);
void sb_puts(struct sb *sb, const char *s);
void sb_putc(struct sb *sb, char c);

/* printf-style, for plain text only: HTML goes through web/html.h. */
void sb_printf(struct sb *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* The contents, always NUL-terminated (an empty string for a new builder). */
const char *sb_str(struct sb *sb);

bool sb_failed(const struct sb *sb);

#endif
