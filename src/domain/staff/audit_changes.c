/* An audit entry's before and after of a public record, field by field,
 * for the pages that show the trail. */
#include "domain/staff/audit.h"

#include "core/arena.h"
#include "core/err.h"
#include "core/sb.h"

#include <jansson.h>
#include <stdlib.h>

#define VALUE_MAX_BYTES 8192

/* A value as a person reads it; NULL for none. */
static const char *value_text(struct arena *a, const json_t *v)
{
	if (!v || json_is_null(v))
		return NULL;
	if (json_is_string(v))
		return arena_strdup(a, json_string_value(v));
	struct sb out;
	sb_init(&out, a, VALUE_MAX_BYTES);
	if (json_is_array(v)) {
		size_t i;
		const json_t *item;
		json_array_foreach(v, i, item) {
			const char *text = value_text(a, item);
			sb_printf(&out, "%s%s", i ? ", " : "", text ? text : "none");
		}
		return sb_str(&out);
	}
	char *dumped = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
	if (dumped)
		sb_puts(&out, dumped);
	free(dumped);
	return sb_str(&out);
}

/* Appends field's row when its values differ. */
static void add_row(struct arena *a, struct audit_change *rows, size_t *count,
		    const char *field, const json_t *before, const json_t *after)
{
	if (before && after && json_equal((json_t *)before, (json_t *)after))
		return;
	if (!before && json_is_null(after))
		return;
	rows[(*count)++] = (struct audit_change){arena_strdup(a, field), value_text(a, before),
						 value_text(a, after)};
}

int audit_changes_rows(struct arena *a, const char *changes, struct audit_change **out,
		       size_t *count)
{
	*out = NULL;
	*count = 0;
	json_t *doc = changes ? json_loads(changes, JSON_REJECT_DUPLICATES, NULL) : NULL;
	json_t *before = json_object_get(doc, "before");
	json_t *after = json_object_get(doc, "after");
	bool shaped = json_is_object(doc) && before && after &&
		      (json_is_object(before) || json_is_null(before)) &&
		      (json_is_object(after) || json_is_null(after));
	if (!shaped) {
		json_decref(doc);
		return RESULT_INVALID;
	}
	*out = arena_alloc(a, (json_object_size(before) + json_object_size(after) + 1) *
				      sizeof **out);
	const char *field;
	json_t *value;
	json_object_foreach(after, field, value)
		add_row(a, *out, count, field, json_object_get(before, field), value);
	json_object_foreach(before, field, value)
		if (!json_object_get(after, field))
			add_row(a, *out, count, field, value, NULL);
	json_decref(doc);
	return RESULT_OK;
}
