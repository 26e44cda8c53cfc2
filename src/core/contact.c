#include "core/contact.h"

#include <ctype.h>
#include <string.h>

#define EMAIL_MAX 254

bool contact_phone_ok(const char *s)
{
	size_t digits = 0;
	for (const char *p = s; *p; p++) {
		if (isdigit((unsigned char)*p))
			digits++;
		else if (*p != ' ' && !(*p == '+' && p == s))
			return false;
	}
	return digits >= 10 && digits <= 13;
}

bool contact_email_ok(const char *s)
{
	size_t len = strlen(s);
	const char *at = strchr(s, '@');
	if (len > EMAIL_MAX || !at || at == s || strchr(at + 1, '@') ||
	    !strchr(at + 1, '.') || at[1] == '.' || s[len - 1] == '.')
		return false;
	for (const char *p = s; *p; p++)
		if ((unsigned char)*p <= ' ' || (unsigned char)*p >= 0x7f ||
		    strchr("<>\"'(),;:\\[]", *p))
			return false;
	return true;
}

