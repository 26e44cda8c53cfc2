#ifndef ALONGSIDE_CORE_ID_H
#define ALONGSIDE_CORE_ID_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Record identifiers are 128 random bits rendered as 32 lowercase hex
 * characters: URLs reveal nothing about how many records exist, and two
 * instances writing to one database never collide.  Randomness comes from
 * libsodium, which must be initialised (sodium_init) before the first call.
 */

#define ID_HEX_LEN 32

/* Writes a new identifier and its NUL into out. */
void id_new(char out[ID_HEX_LEN + 1]);

/* True when s is exactly ID_HEX_LEN lowercase hex characters. */
bool id_valid(const char *s);

/* A shorter random token (16 hex characters) to correlate log lines of one
 * request; not an identifier of stored data. */
void id_request(char out[17]);

#endif
