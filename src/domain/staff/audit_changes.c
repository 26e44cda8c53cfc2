/* An audit entry's before and after of a public record, field by field,
 * for the pages that show the trail: core/json_diff on its two halves. */
#include "domain/staff/audit.h"

#include "core/arena.h"
#include "core/err.h"
#include "core/json_diff.h"

#include <jansson.h>
#include <stdlib.h>

/* Half of the document as JSON text in the arena; NULL for null. */
static const char *half(struct arena *a, const json_t *v)
{
	if (json_is_null(v))
		return NULL;
	char *text = json_dumps(v, JSON_COMPACT | JSON_PRESERVE_ORDER);
	if (!text)
		abort();  /* out of memory */
	const char *copy = arena_strdup(a, text);
	free(text);
	return copy;
}

int audit_changes_rows(struct arena *a, const char *changes, struct json_diff_row **out,
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
	const char *older = shaped ? half(a, before) : NULL;
	const char *newer = shaped ? half(a, after) : NULL;
	json_decref(doc);
	if (!shaped)
		return RESULT_INVALID;
	long n = json_diff(a, older, newer, out);
	if (n < 0)
		return RESULT_INVALID;
	*count = (size_t)n;
	return RESULT_OK;
}
