#ifndef ALONGSIDE_CORE_JSON_DIFF_H
#define ALONGSIDE_CORE_JSON_DIFF_H

#include <stddef.h>

struct arena;

/*
 * What changed between two versions of one JSON document, value by value,
 * for a person to read: a kept version of a listing against the one before
 * it, the before and after of an audited change.
 *
 * Both documents are flattened to their leaves (strings, numbers, true,
 * false, null), each named by its path from the root: object keys as
 * written, array items numbered from 1, joined by " › "
 * ("schedules › 1 › opens_at").  A row is made for every path whose value
 * differs, in the order of the newer document, then the paths only the
 * older one has.  A null is as good as absent (a record made with a field
 * left empty shows nothing for it).  A list of plain values is one leaf,
 * its items joined by ", " ("wards": "E05010311, E05010330").  An empty
 * object or array is a leaf (shown "none") against anything but a list or
 * object, which shows instead as the things added or taken out.  An array's items are paired with their
 * earlier versions: the item with the same "id", else one equal to it
 * apart from its id (a list saved again with fresh ids), else the next
 * unpaired one by position; an item paired only by being equal apart from
 * its id shows nothing.  So a list reordered shows no change, and an item
 * taken out shows as taken out, numbered by where it was
 * ("contacts › 2 (before) › name"), not as every later item changed.
 *
 * Values are shown as text: strings as they are (no quotes), numbers and
 * true/false as JSON writes them; before or after is NULL where the path
 * is not in that version.  Everything is in the arena.
 */

struct json_diff_row {
	const char *path;
	const char *before;   /* NULL: not in the older version */
	const char *after;    /* NULL: not in the newer version */
};

/* Compares the documents before and after, given as JSON text (either may
 * be NULL: everything is added or removed).  Returns the number of rows,
 * *out their array; -1 when a text that is not NULL is not JSON. */
long json_diff(struct arena *a, const char *before, const char *after,
	       struct json_diff_row **out);

#endif
