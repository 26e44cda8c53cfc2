#ifndef ALONGSIDE_CORE_SECRET_H
#define ALONGSIDE_CORE_SECRET_H

#include <stdbool.h>

/*
 * Bearer secrets: session cookies, CSRF tokens and API tokens.  A secret
 * is 256 random bits (libsodium) as 43 characters of unpadded base64url.
 * Only its hash is stored: BLAKE2b-256 as 64 hex characters, enough for a
 * secret this random (a slow password hash would add nothing).
 */

#define SECRET_LEN 43
#define SECRET_HASH_LEN 64

void secret_new(char out[SECRET_LEN + 1]);

/* True when s has the exact shape of a secret; anything else is refused
 * before it reaches the database. */
bool secret_valid(const char *s);

void secret_hash(const char *secret, char out[SECRET_HASH_LEN + 1]);

/* Compares two strings in time that does not depend on where they differ. */
bool secret_equal(const char *a, const char *b);

#endif
