#include "domain/staff/password.h"

#include "core/err.h"
#include "core/utf8.h"

#include <ctype.h>
#include <pthread.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

/* Built from data/common-passwords.txt by tools/embed_words.c. */
extern const char *const common_passwords[];
extern const size_t common_passwords_count;

/* The libsodium "moderate" limits take about a second on small servers;
 * interactive limits (64 MiB) keep a sign-in quick while still costing an
 * attacker with the hash dear.  OWASP's Argon2id minimum is 19 MiB. */
#define HASH_OPSLIMIT crypto_pwhash_OPSLIMIT_INTERACTIVE
#define HASH_MEMLIMIT crypto_pwhash_MEMLIMIT_INTERACTIVE

static int compare_word(const void *key, const void *element)
{
	return strcmp(key, *(const char *const *)element);
}

static bool common(const char *lower)
{
	return *lower && bsearch(lower, common_passwords, common_passwords_count,
				 sizeof common_passwords[0], compare_word) != NULL;
}

/* The password with digits, symbols and spaces at either end taken off. */
static void stem(const char *lower, char *out, size_t size)
{
	size_t start = 0, end = strlen(lower);
	while (start < end && !isalpha((unsigned char)lower[start]))
		start++;
	while (end > start && !isalpha((unsigned char)lower[end - 1]))
		end--;
	size_t len = end - start < size - 1 ? end - start : size - 1;
	memcpy(out, lower + start, len);
	out[len] = '\0';
}

/* The shortest unit the whole password repeats ("abcabcabcabc" -> 3). */
static size_t repeating_unit(const char *s, size_t len)
{
	for (size_t unit = 1; unit <= len / 2; unit++) {
		if (len % unit)
			continue;
		size_t i = unit;
		while (i < len && s[i] == s[i - unit])
			i++;
		if (i == len)
			return unit;
	}
	return len;
}

/* A run along the keyboard, or up or down the digits or the alphabet:
 * "qwertyuiopas", "123456789012". */
static bool sequential(const char *s, size_t len)
{
	static const char rows[] = "qwertyuiopasdfghjklzxcvbnm mnbvcxzlkjhgfdsapoiuytrewq";
	if (strstr(rows, s))
		return true;
	int up = 0, down = 0;
	for (size_t i = 1; i < len; i++) {
		int step = (unsigned char)s[i] - (unsigned char)s[i - 1];
		up += step == 1 || (s[i] == '0' && s[i - 1] == '9');
		down += step == -1 || (s[i] == '9' && s[i - 1] == '0');
	}
	return (size_t)up == len - 1 || (size_t)down == len - 1;
}

const char *password_problem(const char *password, const char *username)
{
	size_t bytes = strlen(password);
	if (bytes > PASSWORD_MAX_BYTES)
		return "Use a password of at most 256 characters.";
	if (!utf8_valid(password, bytes))
		return "The password has characters that could not be read.";
	if (utf8_length(password, bytes) < PASSWORD_MIN_CHARS)
		return "Use a password of at least 12 characters. A few "
		       "unrelated words together are easy to remember.";
	char lower[PASSWORD_MAX_BYTES + 1];
	for (size_t i = 0; i <= bytes; i++)
		lower[i] = (char)tolower((unsigned char)password[i]);
	char core[PASSWORD_MAX_BYTES + 1];
	stem(lower, core, sizeof core);
	size_t unit = repeating_unit(lower, bytes);
	char unit_text[PASSWORD_MAX_BYTES + 1];
	memcpy(unit_text, lower, unit);
	unit_text[unit] = '\0';
	if (common(lower) || common(core) || (unit < bytes && (unit <= 4 || common(unit_text))))
		return "That password is too common: it is on the lists "
		       "attackers try first. Choose another.";
	if (sequential(lower, bytes))
		return "That password is a simple sequence. Choose another.";
	char user_lower[PASSWORD_MAX_BYTES + 1] = "";
	for (size_t i = 0; username && username[i] && i < PASSWORD_MAX_BYTES; i++) {
		user_lower[i] = (char)tolower((unsigned char)username[i]);
		user_lower[i + 1] = '\0';
	}
	if (strlen(user_lower) >= 3 && strstr(lower, user_lower))
		return "The password must not contain your username.";
	if (strstr(lower, "alongside"))
		return "The password must not contain the name of this service.";
	return NULL;
}

int password_hash(const char *password, char out[PASSWORD_HASH_SIZE])
{
	return crypto_pwhash_str(out, password, strlen(password), HASH_OPSLIMIT,
				 HASH_MEMLIMIT) == 0
		       ? RESULT_OK
		       : RESULT_FAILED;
}

static char dummy_hash[PASSWORD_HASH_SIZE];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void make_dummy_hash(void)
{
	if (password_hash("not a password anyone has", dummy_hash) < 0)
		dummy_hash[0] = '\0';
}

bool password_verify(const char *password, const char *hash)
{
	const char *against = hash;
	if (!against) {
		pthread_once(&dummy_once, make_dummy_hash);
		against = dummy_hash;
	}
	bool matched = against[0] &&
		       crypto_pwhash_str_verify(against, password, strlen(password)) == 0;
	return hash && matched;
}
