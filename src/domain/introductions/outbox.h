#ifndef ALONGSIDE_DOMAIN_OUTBOX_H
#define ALONGSIDE_DOMAIN_OUTBOX_H

#include <stddef.h>

struct caller;
struct db;
struct err;
struct mail_settings;

/*
 * Email waiting to be sent.  outbox_add keeps a message; outbox_send_due,
 * run by the server's mailer every `interval` seconds, sends those due.
 * A failed send is tried again after interval x 2^attempts seconds (at
 * most an hour), up to OUTBOX_MAX_ATTEMPTS times, so a mail server that is
 * away for a while loses nothing.  Several servers on one database each
 * claim a message before sending it, so none is sent twice.  Each try is
 * audited as the caller's (the server's mailer job): who was told what
 * is the record of an introduction reaching its coordinator.
 */

#define OUTBOX_MAX_ATTEMPTS 12

int outbox_add(struct db *db, const char *recipient, const char *subject,
	       const char *body, struct err *e);

/* Sends what is due; *sent and *failed say how it went.  -1 only when the
 * database cannot be read; a send that fails is logged (by message id) and
 * recorded for the next try, not returned. */
int outbox_send_due(struct db *db, const struct caller *who, const struct mail_settings *mail,
		    long interval, size_t *sent, size_t *failed, struct err *e);

#endif
