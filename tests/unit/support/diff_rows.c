#include "support/diff_rows.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

void expect_diff_row(const struct json_diff_row *r, const char *path, const char *before,
		     const char *after)
{
	assert_string_equal(r->path, path);
	if (before)
		assert_string_equal(r->before, before);
	else
		assert_null(r->before);
	if (after)
		assert_string_equal(r->after, after);
	else
		assert_null(r->after);
}
