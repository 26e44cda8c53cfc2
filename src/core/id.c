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

void id_uuid_new(char out[ID_UUID_LEN + 1])
{
	unsigned char raw[16];
	randombytes_buf(raw, sizeof raw);
	raw[6] = (unsigned char)((raw[6] & 0x0f) | 0x40);  /* version 4 */
	raw[8] = (unsigned char)((raw[8] & 0x3f) | 0x80);  /* RFC 4122 variant */
	char hex[33];
	sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
	size_t o = 0;
	for (size_t i = 0; i < 32; i++) {
		if (i == 8 || i == 12 || i == 16 || i == 20)
			out[o++] = '-';
		out[o++] = hex[i];
	}
	out[o] = '\0';
}

bool id_uuid_valid(const char *s)
{
	if (strlen(s) != ID_UUID_LEN)
		return false;
	for (size_t i = 0; i < ID_UUID_LEN; i++) {
		char c = s[i];
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (c != '-')
				return false;
		} else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
			return false;
		}
	}
	return true;
}
