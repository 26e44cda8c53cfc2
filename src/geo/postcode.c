#include "geo/postcode.h"

#include <ctype.h>
#include <string.h>

/* Longer input than this is not a postcode, however much of it is space. */
#define POSTCODE_INPUT_MAX 32

static bool is_alpha(char c)
{
	return c >= 'A' && c <= 'Z';
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* The outward code shapes: A9, A99, A9A, AA9, AA99, AA9A. */
static bool outward_ok(const char *s, size_t n)
{
	if (n < 2 || n > 4 || !is_alpha(s[0]))
		return false;
	size_t letters = is_alpha(s[1]) ? 2 : 1;
	if (n <= letters || !is_digit(s[letters]))
		return false;
	if (n == letters + 1)
		return true;
	if (n == letters + 2)
		return is_digit(s[letters + 1]) || is_alpha(s[letters + 1]);
	return false;
}

bool postcode_normalise(const char *s, char out[POSTCODE_SIZE])
{
	out[0] = '\0';
	if (strlen(s) > POSTCODE_INPUT_MAX)
		return false;
	char compact[8];
	size_t n = 0;
	for (const char *p = s; *p; p++) {
		if (*p == ' ' || *p == '\t')
			continue;
		if (n == 7 || (unsigned char)*p >= 0x80)
			return false;
		compact[n++] = (char)toupper((unsigned char)*p);
	}
	if (n < 5)
		return false;
	const char *in = compact + n - 3;
	if (!is_digit(in[0]) || !is_alpha(in[1]) || !is_alpha(in[2]) ||
	    !outward_ok(compact, n - 3))
		return false;
	memcpy(out, compact, n - 3);
	out[n - 3] = ' ';
	memcpy(out + n - 2, in, 3);
	out[n + 1] = '\0';
	return true;
}
