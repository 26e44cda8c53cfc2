#include "core/ical.h"

#include "core/arena.h"
#include "core/sb.h"

/* A content line being written: octets on its current physical line. */
struct folder {
	struct sb *out;
	size_t octets;
};

/* Writes n octets that stay together (one character, or an escape) on the
 * current line, first folding when they would take it past the limit.
 * n is at most 4, so a unit always fits on a new line after its space. */
static void put(struct folder *f, const char *s, size_t n)
{
	if (f->octets + n > ICAL_LINE_OCTETS) {
		sb_puts(f->out, "\r\n ");
		f->octets = 1;
	}
	sb_append(f->out, s, n);
	f->octets += n;
}

/* Octets in the UTF-8 sequence s starts, within what is left of it; a byte
 * that starts none stands alone, so malformed text still moves on. */
static size_t sequence(const char *s)
{
	unsigned char b = (unsigned char)s[0];
	size_t n = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
	for (size_t i = 1; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			return 1;
	return n;
}

/* Writes the character s starts as it is; returns its octets. */
static size_t put_char(struct folder *f, const char *s)
{
	size_t n = sequence(s);
	put(f, s, n);
	return n;
}

static void put_plain(struct folder *f, const char *s)
{
	while (*s)
		s += put_char(f, s);
}

void ical_line(struct sb *out, const char *line)
{
	struct folder f = {out, 0};
	put_plain(&f, line);
	sb_puts(out, "\r\n");
}

void ical_text_property(struct sb *out, const char *name, const char *value)
{
	struct folder f = {out, 0};
	put_plain(&f, name);
	put(&f, ":", 1);
	for (const char *s = value ? value : ""; *s;) {
		if (*s == '\\' || *s == ';' || *s == ',') {
			char escape[2] = {'\\', *s};
			put(&f, escape, 2);
			s++;
		} else if (*s == '\r' || *s == '\n') {
			put(&f, "\\n", 2);
			s += s[0] == '\r' && s[1] == '\n' ? 2 : 1;
		} else {
			s += put_char(&f, s);
		}
	}
	sb_puts(out, "\r\n");
}

/* Europe/London since 1996. */
static const char *const london[] = {
	"BEGIN:VTIMEZONE", "TZID:Europe/London",
	"BEGIN:DAYLIGHT", "TZOFFSETFROM:+0000", "TZOFFSETTO:+0100", "TZNAME:BST",
	"DTSTART:19810329T010000", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
	"END:DAYLIGHT",
	"BEGIN:STANDARD", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0000", "TZNAME:GMT",
	"DTSTART:19961027T020000", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
	"END:STANDARD", "END:VTIMEZONE",
};

void ical_vtimezone_london(struct sb *out)
{
	for (size_t i = 0; i < sizeof london / sizeof *london; i++)
		ical_line(out, london[i]);
}

const char *ical_utc(struct arena *a, const char *iso)
{
	char *out = arena_alloc(a, 17);
	size_t n = 0;
	for (const char *p = iso; *p && *p != '.' && n < 15; p++)
		if (*p != '-' && *p != ':')
			out[n++] = *p;
	out[n++] = 'Z';
	out[n] = '\0';
	return out;
}
