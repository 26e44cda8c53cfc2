/* The waiting-time phrase: room and pace make it short; a full caseload
 * or a long queue make it honestly long. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "domain/introductions/waiting.h"

static void phrases(void **state)
{
	(void)state;
	/* Room, and three first conversations a week, two waiting. */
	assert_string_equal(waiting_phrase(20, 55, 2, 3.0), "usually within a week");
	assert_string_equal(waiting_phrase(20, 55, 4, 3.0), "usually within two weeks");
	assert_string_equal(waiting_phrase(40, 55, 8, 3.0), "two to three weeks");
	assert_string_equal(waiting_phrase(40, 55, 14, 3.0), "three to six weeks");
	assert_non_null(strstr(waiting_phrase(40, 55, 30, 3.0), "more than six weeks"));
	/* No recent pace: room means soon, a short queue. */
	assert_string_equal(waiting_phrase(0, 55, 0, 0), "usually within a week");
	assert_string_equal(waiting_phrase(0, 55, 5, 0), "usually within two weeks");
	/* At capacity, the same queue waits longer. */
	assert_string_equal(waiting_phrase(55, 55, 2, 3.0), "two to three weeks");
	assert_string_equal(waiting_phrase(60, 55, 0, 0), "three to six weeks");
}

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(phrases)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
