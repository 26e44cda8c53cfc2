#ifndef ALONGSIDE_CORE_ICAL_H
#define ALONGSIDE_CORE_ICAL_H

struct arena;
struct sb;

/*
 * iCalendar (RFC 5545) content lines.  Every line is folded as §3.1 asks:
 * no physical line passes ICAL_LINE_OCTETS octets (its CRLF not counted);
 * a longer one goes on in lines that start with one space, split between
 * characters, never inside a UTF-8 sequence nor inside an escape.  Removing
 * every CRLF followed by a space gives back the line exactly.  Nothing is
 * dropped or cut short, whatever the length: only out's own maximum
 * bounds it, and passing that is the builder's sticky overflow
 * (sb_failed), never a shorter line.
 */

#define ICAL_LINE_OCTETS 75

/* Appends line (written as given) folded, ending in CRLF. */
void ical_line(struct sb *out, const char *line);

/* Appends NAME:value with value a TEXT (§3.3.11): backslash, semicolon
 * and comma escaped with a backslash, a line break (LF, CRLF or a lone
 * CR) written \n; folded, ending in CRLF.  A NULL value is empty. */
void ical_text_property(struct sb *out, const char *name, const char *value);

/* Appends the VTIMEZONE of Europe/London (BST from the last Sunday of
 * March, GMT from the last Sunday of October), for DTSTARTs given with
 * TZID=Europe/London. */
void ical_vtimezone_london(struct sb *out);

/* "2026-11-22T17:20:00.123Z" -> "20261122T172000Z" (a DATE-TIME in UTC,
 * for DTSTAMP), in a. */
const char *ical_utc(struct arena *a, const char *iso);

#endif
