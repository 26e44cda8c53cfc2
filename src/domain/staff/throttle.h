#ifndef ALONGSIDE_DOMAIN_THROTTLE_H
#define ALONGSIDE_DOMAIN_THROTTLE_H

#include <stdint.h>

#include "core/id.h"
#include "domain/staff/caller.h"

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

/* One sign-in attempt from who->client_address, decided and counted in
 * one transaction before the password is checked: *seconds is the wait
 * that refuses it, or 0 when it may go ahead, in which case it is counted
 * at once as a failure (throttle_clear forgets it when the password
 * proves right).  Deciding and counting together, under a lock on the
 * address, means a parallel burst lets through exactly as many attempts
 * as the limits allow, not as many as arrive before the first is
 * counted.
 *
 * A refused attempt is counted against its lockout, the throttle episode
 * (table sign_in_lockouts): the first refusal of a lockout writes one
 * audit entry, sign_in_throttled, naming the lockout by id, and later
 * ones only add to its count, so refusals cannot fill the audit log. */
int throttle_sign_in(struct db *db, const struct caller *who, const char *username,
		     int64_t *seconds, struct err *e);

/* A successful sign-in forgets that account's failures from that address. */
int throttle_clear(struct db *db, const char *username, const char *client_address,
		   struct err *e);

/* The public form and API: at most `limit` introductions kept from one
 * client address an hour.  throttle_public_take takes one of the hour's
 * places for a send, in one transaction, before the introduction is
 * checked or stored: *seconds is how long until a place is free (0: one
 * was taken, its id in slot).  A send then refused for its input, or
 * failing, gives its place back with throttle_public_give_back, so only
 * kept ones count and a person correcting mistakes on the form is not
 * held back. */
int throttle_public_take(struct db *db, const char *client_address, int limit,
			 int64_t *seconds, char slot[ID_HEX_LEN + 1], struct err *e);
int throttle_public_give_back(struct db *db, const char *slot, struct err *e);

#endif
