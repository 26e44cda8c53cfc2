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

/* Directory records (the community directory, shared with other systems
 * through Open Referral UK) are named by UUIDs instead: version 4,
 * hyphenated, lower case, as "3fa85f64-5717-4562-b3fc-2c963f66afa6". */
#define ID_UUID_LEN 36

/* Writes a new version 4 UUID and its NUL into out. */
void id_uuid_new(char out[ID_UUID_LEN + 1]);

/* True when s is a hyphenated UUID in lower case (8-4-4-4-12 hex digits).
 * Any version: records imported from elsewhere keep the ids they came
 * with. */
bool id_uuid_valid(const char *s);

/* A shorter random token (16 hex characters) to correlate log lines of one
 * request; not an identifier of stored data. */
void id_request(char out[17]);

#endif
