#ifndef ALONGSIDE_WEB_HTML_H
#define ALONGSIDE_WEB_HTML_H

#include <stddef.h>

struct sb;

/*
 * How pages are written (see docs/html.md).  There is one way to put text
 * into a page, html_printf(), and it cannot forget to escape:
 *
 *   - the format must be a string literal (the macro pastes "" in front of
 *     it, which does not compile for anything else), so markup only ever
 *     comes from the source code;
 *   - every %s argument goes through html_escape(), so every value, whether
 *     typed by a user, read from the database or built by us, is text;
 *   - the compiler checks arguments against the format as for printf.
 *
 * Conversions: %s (escaped), %.*s and %.16s (escaped, length-limited),
 * %d %i %u %ld
 * %lu %lld %llu %zu, and %%.  Anything else aborts: formats are literals,
 * so the tests find such a mistake before a user can.
 *
 * Values go inside double-quoted attributes or element content only, where
 * escaping & < > " ' is enough.  A URL from user data additionally needs a
 * scheme check before it becomes an href; that belongs to the data's own
 * validation.
 */

#define html_printf(sb, ...) html_printf_((sb), "" __VA_ARGS__)

void html_printf_(struct sb *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* The one escaper: appends s[0..len) with & < > " ' as character
 * references, and each control character HTML forbids in a page (C0 but
 * tab, line feed, form feed and carriage return; DEL; C1) as U+FFFD, so
 * a value refused for holding one can be shown again. */
void html_escape(struct sb *sb, const char *s, size_t len);

struct arena;

/* A distance as people say it, in the arena: "350 metres" or "2.3 km";
 * every page that gives one (/find, the staff inbox) says it this way. */
const char *distance_text(struct arena *a, double metres);

#endif
