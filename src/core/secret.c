#include "core/secret.h"

#include <sodium.h>
#include <string.h>

void secret_new(char out[SECRET_LEN + 1])
{
	unsigned char bytes[32];
	randombytes_buf(bytes, sizeof bytes);
	sodium_bin2base64(out, SECRET_LEN + 1, bytes, sizeof bytes,
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

bool secret_valid(const char *s)
{
	if (!s || strlen(s) != SECRET_LEN)
		return false;
	for (const char *p = s; *p; p++)
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		      (*p >= '0' && *p <= '9') || *p == '-' || *p == '_'))
			return false;
	return true;
}

void secret_hash(const char *secret, char out[SECRET_HASH_LEN + 1])
{
	unsigned char digest[32];
	crypto_generichash(digest, sizeof digest, (const unsigned char *)secret,
			   strlen(secret), NULL, 0);
	sodium_bin2hex(out, SECRET_HASH_LEN + 1, digest, sizeof digest);
}

bool secret_equal(const char *a, const char *b)
{
	size_t len = strlen(a);
	return len == strlen(b) && sodium_memcmp(a, b, len) == 0;
}
