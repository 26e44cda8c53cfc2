/* Staff passwords: what the policy refuses and why, and Argon2id hashes
 * that verify the right password only. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "domain/staff/password.h"

static void refuses(const char *password, const char *username, const char *why)
{
	const char *problem = password_problem(password, username);
	if (!problem || !strstr(problem, why))
		fail_msg("\"%s\": expected a problem with \"%s\", got %s", password, why,
			 problem ? problem : "none");
}

static void accepts(const char *password, const char *username)
{
	const char *problem = password_problem(password, username);
	if (problem)
		fail_msg("\"%s\" refused: %s", password, problem);
}

static void policy(void **state)
{
	(void)state;
	refuses("", "sam", "at least 12");
	refuses("short words", "sam", "at least 12");
	/* Eleven characters, though more bytes: characters are what count. */
	refuses("ééééééééééé", "sam", "at least 12");
	refuses("123456789012", "sam", "too common");
	refuses("qwertyuiopas", "sam", "sequence");
	refuses("PASSWORD1234", "sam", "too common");       /* common + digits */
	refuses("!!Dragon2024!!", "sam", "too common");
	refuses("monkeymonkeymonkey", "sam", "too common");  /* repeated */
	refuses("abababababab", "sam", "too common");
	refuses("aaaaaaaaaaaaaaaa", "sam", "too common");
	refuses("abcdefghijklmnop", "sam", "sequence");
	refuses("987654321098", "sam", "sequence");
	refuses("my name is priya.shah", "priya.shah", "username");
	refuses("welcome to alongside!", "sam", "name of this service");
	char long_one[300];
	memset(long_one, 'x', sizeof long_one - 1);
	long_one[sizeof long_one - 1] = '\0';
	refuses(long_one, "sam", "at most 256");
	refuses("valid start \xff\xfe broken", "sam", "could not be read");

	accepts("correct horse battery staple", "sam");
	accepts("kettle-orbit-marmalade", "sam");
	accepts("éclair à la crème", "sam");          /* 17 characters */
	refuses("ééééééééééééé", "sam", "too common");  /* one character */
	accepts("Tr0ub4dor&3 Plus More", "sam");
	accepts("sam is not the whole thing", "s");     /* usernames under 3 ignored */
}

static void hashes_verify_only_the_right_password(void **state)
{
	(void)state;
	char hash[PASSWORD_HASH_SIZE], again[PASSWORD_HASH_SIZE];
	assert_int_equal(password_hash("correct horse battery staple", hash), 0);
	assert_true(strncmp(hash, "$argon2id$", 10) == 0);
	assert_true(password_verify("correct horse battery staple", hash));
	assert_false(password_verify("correct horse battery stapl", hash));
	assert_false(password_verify("Correct horse battery staple", hash));
	assert_false(password_verify("", hash));
	/* Salted: the same password hashes differently each time. */
	assert_int_equal(password_hash("correct horse battery staple", again), 0);
	assert_string_not_equal(hash, again);
	assert_true(password_verify("correct horse battery staple", again));
	/* No hash: never verifies, whatever is typed. */
	assert_false(password_verify("not a password anyone has", NULL));
	assert_false(password_verify("", NULL));
	assert_false(password_verify("correct horse battery staple", "garbage"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(policy),
		cmocka_unit_test(hashes_verify_only_the_right_password),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
