#ifndef ALONGSIDE_CORE_MAIL_H
#define ALONGSIDE_CORE_MAIL_H

struct err;

/*
 * Sending one plain-text email through an SMTP server (libcurl).  The
 * server, sender and TLS come from settings; with no server set, nothing
 * is sent and mail_send says so by returning MAIL_OFF.
 *
 * Recipients, sender and subject are single lines of printable ASCII (no
 * header can be smuggled in); the body is plain text, its lines ended
 * with CRLF and dot-stuffed by libcurl.
 */

#define MAIL_OFF 1

struct mail_settings {
	const char *url;       /* smtp://host:port or smtps://host:port; "" for none */
	const char *from;      /* the sender address */
	const char *tls;       /* "none", "starttls" (required), or "" for none */
	long timeout_seconds;
};

/* Once per process, before any thread sends. */
int mail_init(struct err *e);
void mail_cleanup(void);

int mail_send(const struct mail_settings *s, const char *to, const char *subject,
	      const char *body, struct err *e);

#endif
