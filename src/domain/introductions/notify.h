#ifndef ALONGSIDE_DOMAIN_NOTIFY_H
#define ALONGSIDE_DOMAIN_NOTIFY_H

struct db;
struct err;
struct introduction;
struct mail_settings;

/*
 * Telling the area's coordinators that an introduction is waiting: by
 * email to those with an address (alongside user set-email) who are not
 * on leave today, and to whoever covers the area today; failing those, to
 * the coordinator's address in the public directory.  One from outside
 * cover under the council's rule "team" goes to the central team's
 * address alone (council.h's team_email; when it is unset, as before).
 * The email has a link
 * and the date it is due by, and nothing about the person, since email is
 * not a safe place for it.
 *
 * The email goes into the outbox (domain/outbox.h), which the server's
 * mailer sends and retries, so a mail server that is away loses nothing.
 * Nothing is queued when no mail server is set or nobody has an address.  The introduction stands either way: a failure to
 * queue is logged here (with the request id) and not passed on.
 */
void notify_new_introduction(struct db *db, const struct mail_settings *mail,
			     const char *public_url, const struct introduction *x,
			     const char *request_id);

#endif
