#include "web/html.h"

#include "core/arena.h"
#include "core/sb.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The bytes of a control character HTML does not allow in a page at
 * s[i] (C0 but tab, line feed, form feed and carriage return; DEL; C1 as
 * UTF-8), or 0. */
static size_t forbidden_control(const char *s, size_t i, size_t len)
{
	unsigned char c = (unsigned char)s[i];
	if ((c < 0x20 && c != '\t' && c != '\n' && c != '\f' && c != '\r') || c == 0x7f)
		return 1;
	if (c == 0xc2 && i + 1 < len && (unsigned char)s[i + 1] >= 0x80 &&
	    (unsigned char)s[i + 1] <= 0x9f)
		return 2;
	return 0;
}

void html_escape(struct sb *sb, const char *s, size_t len)
{
	size_t run = 0;
	for (size_t i = 0; i < len; i++) {
		const char *ref;
		size_t skip = 1;
		switch (s[i]) {
		case '&': ref = "&amp;"; break;
		case '<': ref = "&lt;"; break;
		case '>': ref = "&gt;"; break;
		case '"': ref = "&quot;"; break;
		case '\'': ref = "&#39;"; break;
		default:
			/* A value refused for holding one is shown again as
			 * typed, but a raw ESC is no valid HTML: the
			 * replacement character stands in for it. */
			skip = forbidden_control(s, i, len);
			if (!skip)
				continue;
			ref = "&#xFFFD;";
		}
		sb_append(sb, s + run, i - run);
		sb_puts(sb, ref);
		i += skip - 1;
		run = i + 1;
	}
	sb_append(sb, s + run, len - run);
}

static void unsupported(const char *fmt)
{
	fprintf(stderr, "html_printf: unsupported conversion in \"%s\"\n", fmt);
	abort();
}

void html_printf_(struct sb *sb, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	const char *p = fmt;
	while (*p) {
		const char *pct = strchr(p, '%');
		if (!pct) {
			sb_puts(sb, p);
			break;
		}
		sb_append(sb, p, (size_t)(pct - p));
		p = pct + 1;
		int precision = -1;
		if (p[0] == '.' && p[1] == '*') {
			precision = va_arg(ap, int);
			p += 2;
		} else if (p[0] == '.' && isdigit((unsigned char)p[1])) {
			precision = 0;
			for (p++; isdigit((unsigned char)*p) && precision < 100000; p++)
				precision = precision * 10 + (*p - '0');
		}
		int longs = 0;
		bool size = false;
		while (*p == 'l') {
			longs++;
			p++;
		}
		if (*p == 'z') {
			size = true;
			p++;
		}
		char num[32];
		switch (*p) {
		case '%':
			sb_putc(sb, '%');
			break;
		case 's': {
			const char *s = va_arg(ap, const char *);
			size_t len = s ? strlen(s) : 0;
			if (precision >= 0 && (size_t)precision < len)
				len = (size_t)precision;
			html_escape(sb, s ? s : "", len);
			break;
		}
		case 'd':
		case 'i':
			if (size)
				unsupported(fmt);
			if (longs == 2)
				snprintf(num, sizeof num, "%lld", va_arg(ap, long long));
			else if (longs == 1)
				snprintf(num, sizeof num, "%ld", va_arg(ap, long));
			else
				snprintf(num, sizeof num, "%d", va_arg(ap, int));
			sb_puts(sb, num);
			break;
		case 'u':
			if (size)
				snprintf(num, sizeof num, "%zu", va_arg(ap, size_t));
			else if (longs == 2)
				snprintf(num, sizeof num, "%llu",
					 va_arg(ap, unsigned long long));
			else if (longs == 1)
				snprintf(num, sizeof num, "%lu",
					 va_arg(ap, unsigned long));
			else
				snprintf(num, sizeof num, "%u",
					 va_arg(ap, unsigned));
			sb_puts(sb, num);
			break;
		default:
			unsupported(fmt);
		}
		if (precision >= 0 && *p != 's')
			unsupported(fmt);
		p++;
	}
	va_end(ap);
}

const char *distance_text(struct arena *a, double metres)
{
	if (metres < 1000)
		return arena_printf(a, "%.0f metres", metres);
	return arena_printf(a, "%.1f km", metres / 1000);
}
