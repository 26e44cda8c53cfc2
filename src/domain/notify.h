#ifndef ALONGSIDE_DOMAIN_NOTIFY_H
#define ALONGSIDE_DOMAIN_NOTIFY_H

struct db;
struct err;
struct introduction;
struct mail_settings;

/*
 * Telling the area's coordinator that an introduction is waiting: by
 * email to the coordinator's address in the directory, with a link and
 * the date it is due by, and nothing about the person, since email is
 * not a safe place for it.
 *
 * The introduction stands either way: a failed email loses nothing, so
 * the failure is logged here (with the request id) and not passed on.
 * Nothing is sent when no mail server is set or the area's coordinator
 * has no email address.
 */
void notify_new_introduction(struct db *db, const struct mail_settings *mail,
			     const char *public_url, const struct introduction *x,
			     const char *request_id);

#endif
