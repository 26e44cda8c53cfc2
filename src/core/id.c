#include "core/id.h"

#include <sodium.h>
#include <string.h>

void id_new(char out[ID_HEX_LEN + 1])
{
	unsigned char raw[ID_HEX_LEN / 2];
	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(out, ID_HEX_LEN + 1, raw, sizeof raw);
}

void id_request(char out[17])
{
	unsigned char raw[8];
	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(out, 17, raw, sizeof raw);
}

bool id_valid(const char *s)
{
	if (strlen(s) != ID_HEX_LEN)
		return false;
	for (const char *p = s; *p; p++)
		if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
			return false;
	return true;
}
