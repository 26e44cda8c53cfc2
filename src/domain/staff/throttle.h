#ifndef ALONGSIDE_DOMAIN_THROTTLE_H
#define ALONGSIDE_DOMAIN_THROTTLE_H

#include <stdint.h>

struct db;
struct err;

/*
 * Slowing down password guessing.  Failed sign-ins are counted over the
 * last 15 minutes for each account from each client address, and for each
 * client address over all accounts.  From the 5th failure on an account
 * from one address (or the 20th from one address over all accounts),
 * further attempts wait: a minute, doubling with each further failure, up
 * to an hour.
 *
 * Counting an account per address means someone guessing at Sam's account
 * from elsewhere does not lock Sam out; an attacker spreading guesses over
 * many addresses is slowed by each address's limit and by Argon2id.
 *
 * The functions taking a database return RESULT_OK, or RESULT_FAILED
 * (core/err.h) for a system failure.
 */

#define THROTTLE_ACCOUNT_LIMIT 5
#define THROTTLE_ADDRESS_LIMIT 20
#define THROTTLE_WINDOW_SECONDS (15 * 60)

/* The wait after `failures` failures against a limit: none below it, a
 * minute at it, doubling with each further failure, at most an hour. */
int64_t throttle_wait_after(long failures, long limit);

/* Seconds to wait before this attempt may be made, 0 when it may now. */
int throttle_wait(struct db *db, const char *username, const char *client_address,
		  int64_t *seconds, struct err *e);

/* Counts a failed attempt (the username as typed, lower-cased). */
int throttle_fail(struct db *db, const char *username, const char *client_address,
		  struct err *e);

/* A successful sign-in forgets that account's failures from that address. */
int throttle_clear(struct db *db, const char *username, const char *client_address,
		   struct err *e);

/* The public form: at most `limit` introductions kept from one client
 * address an hour.  throttle_public_wait says how long until the next may
 * be sent (0: now); throttle_public_sent counts one that was kept.  Only
 * kept ones count, so a person correcting mistakes on the form is not
 * held back. */
int throttle_public_wait(struct db *db, const char *client_address, int limit,
			 int64_t *seconds, struct err *e);
int throttle_public_sent(struct db *db, const char *client_address, struct err *e);

#endif
