#include "core/json_diff.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/sb.h"

/* A path longer than this is cut (sb's bound): no document of ours nests
 * so deep. */
#define PATH_MAX_BYTES 1024
/* A list of plain values shown on one line is cut here. */
#define LINE_MAX_BYTES 8192

struct leaf {
	const char *path;
	const char *value;
};

struct leaves {
	struct leaf *items;
	size_t count, capacity;
};

static void push(struct arena *a, struct leaves *l, const char *path, const char *value)
{
	if (l->count == l->capacity) {
		size_t capacity = l->capacity ? l->capacity * 2 : 32;
		struct leaf *grown = arena_alloc(a, capacity * sizeof *grown);
		if (l->count)
			memcpy(grown, l->items, l->count * sizeof *grown);
		l->items = grown;
		l->capacity = capacity;
	}
	l->items[l->count++] = (struct leaf){path, value};
}

static const char *leaf_text(struct arena *a, const json_t *v)
{
	if (json_is_string(v))
		return arena_strdup(a, json_string_value(v));
	if ((json_is_object(v) && json_object_size(v) == 0) ||
	    (json_is_array(v) && json_array_size(v) == 0))
		return "none";
	char *text = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);
	if (!text)
		abort();  /* out of memory */
	const char *copy = arena_strdup(a, text);
	free(text);
	return copy;
}

static const char *child_path(struct arena *a, const char *path, const char *step)
{
	struct sb sb;
	sb_init(&sb, a, PATH_MAX_BYTES);
	if (*path)
		sb_printf(&sb, "%s › ", path);
	sb_puts(&sb, step);
	return sb_str(&sb);
}

static bool empty(const json_t *v)
{
	return (json_is_array(v) && json_array_size(v) == 0) ||
	       (json_is_object(v) && json_object_size(v) == 0);
}

/* A list of plain values (wards, days) reads best as one line. */
static bool scalars(const json_t *v)
{
	size_t i;
	json_t *item;
	json_array_foreach(v, i, item)
		if (json_is_object(item) || json_is_array(item))
			return false;
	return true;
}

/* Whether two items are the same apart from their "id": a list saved
 * again whose items were made afresh, with new ids, is not a change. */
static bool equal_but_id(const json_t *x, const json_t *y)
{
	if (!json_is_object(x) || !json_is_object(y))
		return json_equal(x, y);
	json_t *xc = json_copy((json_t *)x), *yc = json_copy((json_t *)y);
	if (!xc || !yc)
		abort();  /* out of memory */
	json_object_del(xc, "id");
	json_object_del(yc, "id");
	bool same = json_equal(xc, yc);
	json_decref(xc);
	json_decref(yc);
	return same;
}

static bool same_id(const json_t *x, const json_t *y)
{
	const json_t *xi = json_object_get(x, "id"), *yi = json_object_get(y, "id");
	return xi && yi && json_equal(xi, yi);
}

static void flatten(struct arena *a, const json_t *v, const char *path, struct leaves *out);

/* For each item of the newer array, the index of the older item it is a
 * later version of, or -1: the one with the same id, else one equal to it
 * apart from its id, else the next unclaimed one at or after its own
 * position.  So a list reordered, or saved with fresh ids, shows only what
 * changed in it. */
static long *pair_items(struct arena *a, const json_t *older, const json_t *newer)
{
	size_t on = json_array_size(older), nn = json_array_size(newer);
	long *pair = arena_alloc(a, (nn + 1) * sizeof *pair);
	bool *taken = arena_alloc(a, (on + 1) * sizeof *taken);
	memset(taken, 0, (on + 1) * sizeof *taken);
	for (size_t i = 0; i < nn; i++)
		pair[i] = -1;
	for (int rule = 0; rule < 3; rule++)
		for (size_t i = 0; i < nn; i++) {
			if (pair[i] >= 0)
				continue;
			const json_t *item = json_array_get(newer, i);
			for (size_t j = rule == 2 ? i : 0; j < on; j++) {
				const json_t *was = json_array_get(older, j);
				bool match = rule == 0	 ? same_id(item, was)
					     : rule == 1 ? equal_but_id(item, was)
							 : true;
				if (!taken[j] && match) {
					pair[i] = (long)j;
					taken[j] = true;
					break;
				}
			}
		}
	return pair;
}

/* Flattens both versions of one value side by side, at the same path, so
 * that an array's items are named by their pairing, not their position. */
static void flatten_pair(struct arena *a, const json_t *older, const json_t *newer,
			 const char *path, struct leaves *old_out, struct leaves *new_out)
{
	if (json_is_array(older) && json_is_array(newer) && json_array_size(older) > 0 &&
	    json_array_size(newer) > 0 && !(scalars(older) && scalars(newer))) {
		long *pair = pair_items(a, older, newer);
		bool *paired = arena_alloc(a, (json_array_size(older) + 1) * sizeof *paired);
		memset(paired, 0, (json_array_size(older) + 1) * sizeof *paired);
		for (size_t i = 0; i < json_array_size(newer); i++) {
			const char *at = child_path(a, path, arena_printf(a, "%zu", i + 1));
			const json_t *item = json_array_get(newer, i);
			if (pair[i] < 0) {
				flatten(a, item, at, new_out);
				continue;
			}
			const json_t *was = json_array_get(older, (size_t)pair[i]);
			paired[pair[i]] = true;
			/* Fresh ids on an item otherwise the same are not shown. */
			if (!same_id(item, was) && equal_but_id(item, was))
				continue;
			flatten_pair(a, was, item, at, old_out, new_out);
		}
		for (size_t j = 0; j < json_array_size(older); j++)
			if (!paired[j])
				flatten(a, json_array_get(older, j),
					child_path(a, path, arena_printf(a, "%zu (before)", j + 1)),
					old_out);
		return;
	}
	if (json_is_object(older) && json_is_object(newer) && json_object_size(older) > 0 &&
	    json_object_size(newer) > 0) {
		const char *key;
		json_t *child;
		json_object_foreach((json_t *)newer, key, child) {
			const json_t *was = json_object_get(older, key);
			if (was)
				flatten_pair(a, was, child, child_path(a, path, key), old_out, new_out);
			else
				flatten(a, child, child_path(a, path, key), new_out);
		}
		json_object_foreach((json_t *)older, key, child)
			if (!json_object_get(newer, key))
				flatten(a, child, child_path(a, path, key), old_out);
		return;
	}
	/* A list or object that was empty and has things now (or the other
	 * way round) shows as the things added or taken out, not also as
	 * "none" vanishing. */
	bool containers = (json_is_array(older) || json_is_object(older)) &&
			  (json_is_array(newer) || json_is_object(newer));
	if (!(containers && empty(older)))
		flatten(a, older, path, old_out);
	if (!(containers && empty(newer)))
		flatten(a, newer, path, new_out);
}

static void flatten(struct arena *a, const json_t *v, const char *path, struct leaves *out)
{
	if (json_is_null(v))
		return;
	if (json_is_array(v) && json_array_size(v) > 0 && scalars(v)) {
		struct sb line;
		sb_init(&line, a, LINE_MAX_BYTES);
		size_t i;
		json_t *item;
		json_array_foreach(v, i, item)
			sb_printf(&line, "%s%s", i ? ", " : "", leaf_text(a, item));
		push(a, out, path, sb_str(&line));
	} else if (json_is_object(v) && json_object_size(v) > 0) {
		const char *key;
		json_t *child;
		json_object_foreach((json_t *)v, key, child)
			flatten(a, child, child_path(a, path, key), out);
	} else if (json_is_array(v) && json_array_size(v) > 0) {
		size_t i;
		json_t *child;
		json_array_foreach(v, i, child)
			flatten(a, child, child_path(a, path, arena_printf(a, "%zu", i + 1)), out);
	} else {
		push(a, out, path, leaf_text(a, v));
	}
}

static const struct leaf *find(const struct leaves *l, const char *path)
{
	for (size_t i = 0; i < l->count; i++)
		if (strcmp(l->items[i].path, path) == 0)
			return &l->items[i];
	return NULL;
}

/* Parses text (NULL: nothing, *out NULL); false when it is not JSON. */
static bool parse(const char *text, json_t **out)
{
	*out = NULL;
	if (!text)
		return true;
	*out = json_loads(text, JSON_DECODE_ANY, NULL);
	return *out != NULL;
}

long json_diff(struct arena *a, const char *before, const char *after,
	       struct json_diff_row **out)
{
	json_t *older, *newer;
	*out = NULL;
	if (!parse(before, &older))
		return -1;
	if (!parse(after, &newer)) {
		json_decref(older);
		return -1;
	}
	struct leaves old = {0}, new = {0};
	if (older && newer)
		flatten_pair(a, older, newer, "", &old, &new);
	else if (newer)
		flatten(a, newer, "", &new);
	else if (older)
		flatten(a, older, "", &old);
	json_decref(older);
	json_decref(newer);

	struct json_diff_row *rows = arena_alloc(a, (old.count + new.count + 1) * sizeof *rows);
	size_t n = 0;
	for (size_t i = 0; i < new.count; i++) {
		const struct leaf *was = find(&old, new.items[i].path);
		if (!was || strcmp(was->value, new.items[i].value) != 0)
			rows[n++] = (struct json_diff_row){new.items[i].path,
							   was ? was->value : NULL,
							   new.items[i].value};
	}
	for (size_t i = 0; i < old.count; i++)
		if (!find(&new, old.items[i].path))
			rows[n++] = (struct json_diff_row){old.items[i].path, old.items[i].value,
							   NULL};
	*out = rows;
	return (long)n;
}
