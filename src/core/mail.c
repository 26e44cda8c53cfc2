#include "core/mail.h"

#include "core/err.h"

#include <curl/curl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MESSAGE_MAX 16384

int mail_init(struct err *e)
{
	return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK
		       ? 0
		       : err_set(e, "cannot initialise libcurl for email");
}

void mail_cleanup(void)
{
	curl_global_cleanup();
}

static bool one_line(const char *s)
{
	if (!s || !*s || strlen(s) > 254)
		return false;
	for (const char *p = s; *p; p++)
		if ((unsigned char)*p < 0x20 || (unsigned char)*p > 0x7e)
			return false;
	return true;
}

struct payload {
	const char *text;
	size_t left;
};

static size_t read_payload(char *buffer, size_t size, size_t count, void *data)
{
	struct payload *p = data;
	size_t n = size * count < p->left ? size * count : p->left;
	memcpy(buffer, p->text, n);
	p->text += n;
	p->left -= n;
	return n;
}

int mail_send(const struct mail_settings *s, const char *to, const char *subject,
	      const char *body, struct err *e)
{
	if (!s->url || !*s->url)
		return MAIL_OFF;
	if (!one_line(to) || !strchr(to, '@') || !one_line(s->from) || !one_line(subject))
		return err_set(e, "mail: a recipient, sender or subject is not one plain line");
	char *message = malloc(MESSAGE_MAX);
	if (!message)
		return err_set(e, "mail: out of memory");
	/* Lines of the body end CRLF, as SMTP wants. */
	int len = snprintf(message, MESSAGE_MAX,
			   "From: %s\r\nTo: %s\r\nSubject: %s\r\nMIME-Version: 1.0\r\n"
			   "Content-Type: text/plain; charset=utf-8\r\n\r\n",
			   s->from, to, subject);
	for (const char *p = body; len > 0 && *p && len < MESSAGE_MAX - 3; p++) {
		if (*p == '\n')
			message[len++] = '\r';
		message[len++] = *p;
	}
	if (len <= 0 || len >= MESSAGE_MAX - 3) {
		free(message);
		return err_set(e, "mail: message too long");
	}
	message[len] = '\0';

	CURL *curl = curl_easy_init();
	if (!curl) {
		free(message);
		return err_set(e, "mail: cannot start libcurl");
	}
	struct payload payload = {message, (size_t)len};
	struct curl_slist *recipients = curl_slist_append(NULL, to);
	char from[300];
	snprintf(from, sizeof from, "<%s>", s->from);
	curl_easy_setopt(curl, CURLOPT_URL, s->url);
	curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from);
	curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients);
	curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_payload);
	curl_easy_setopt(curl, CURLOPT_READDATA, &payload);
	curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(curl, CURLOPT_TIMEOUT, s->timeout_seconds > 0 ? s->timeout_seconds : 10L);
	curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	if (s->tls && strcmp(s->tls, "starttls") == 0)
		curl_easy_setopt(curl, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
	CURLcode rc = curl_easy_perform(curl);
	curl_slist_free_all(recipients);
	curl_easy_cleanup(curl);
	free(message);
	if (rc != CURLE_OK)
		return err_set(e, "mail to the SMTP server %s failed: %s", s->url,
			       curl_easy_strerror(rc));
	return 0;
}
