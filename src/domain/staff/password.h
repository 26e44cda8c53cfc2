#ifndef ALONGSIDE_DOMAIN_PASSWORD_H
#define ALONGSIDE_DOMAIN_PASSWORD_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Staff passwords, as NIST SP 800-63B asks: at least 12 characters, no
 * rules about kinds of character, but not a password on a list of common
 * ones (nor one with digits or symbols tacked on, or repeated), not the
 * username, and not one character or a run like "123456789012".
 * Stored as Argon2id (libsodium crypto_pwhash_str, its interactive limits:
 * 64 MiB and 2 passes).
 */

#define PASSWORD_MIN_CHARS 12
/* Long enough for any passphrase, short enough that hashing a hostile
 * one costs nothing extra. */
#define PASSWORD_MAX_BYTES 256
#define PASSWORD_HASH_SIZE 128  /* crypto_pwhash_STRBYTES */

/* NULL when the password may be used, else why not: a sentence for the
 * person choosing it. */
const char *password_problem(const char *password, const char *username);

/* RESULT_OK, or RESULT_FAILED when out of memory (the one way Argon2id
 * fails). */
int password_hash(const char *password, char out[PASSWORD_HASH_SIZE]);

/* True when password matches the stored hash.  With hash NULL (no such
 * account, or no password set) it spends the time a verification would
 * and answers false, so timing does not tell which usernames exist. */
bool password_verify(const char *password, const char *hash);

#endif
