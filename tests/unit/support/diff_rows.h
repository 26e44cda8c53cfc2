/* A row of a json_diff, as a test expects it: its path, and its before
 * and after text, NULL for a side that is not there.  Fails the test
 * (cmocka) on any difference. */
#ifndef ALONGSIDE_DIFF_ROWS_H
#define ALONGSIDE_DIFF_ROWS_H

#include "core/json_diff.h"

void expect_diff_row(const struct json_diff_row *r, const char *path, const char *before,
		     const char *after);

#endif
