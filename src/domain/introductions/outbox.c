#include "domain/introductions/outbox.h"

#include "core/arena.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/id.h"
#include "core/log.h"
#include "core/mail.h"
#include "db/db.h"
#include "domain/staff/audit.h"

#include <stdlib.h>

#define BATCH 20
#define LONGEST_WAIT_SECONDS 3600
/* A claimed message is left alone by other mailers this long. */
#define CLAIM_SECONDS 300

int outbox_add(struct db *db, const char *recipient, const char *subject,
	       const char *body, struct err *e)
{
	char id[ID_HEX_LEN + 1], now[CLOCK_ISO8601_SIZE];
	id_new(id);
	clock_utc_iso8601(now, sizeof now);
	struct db_param p[] = {DB_TEXT(id), DB_TEXT(recipient), DB_TEXT(subject), DB_TEXT(body),
			       DB_TEXT(now)};
	struct arena *a = arena_new();
	int rc = db_run(db, a,
			 "INSERT INTO mail_outbox (id, recipient, subject, body, created_at,"
			 " next_attempt_at) VALUES ($1, $2, $3, $4, $5, $5)",
			 p, NULL, e);
	arena_free(a);
	return rc < 0 ? -1 : 0;
}

static long backoff(long interval, long attempts)
{
	long wait = interval > 0 ? interval : 1;
	for (long i = 0; i < attempts && wait < LONGEST_WAIT_SECONDS; i++)
		wait *= 2;
	return wait < LONGEST_WAIT_SECONDS ? wait : LONGEST_WAIT_SECONDS;
}

int outbox_send_due(struct db *db, const struct caller *who, const struct mail_settings *mail,
		    long interval, size_t *sent, size_t *failed, struct err *e)
{
	*sent = *failed = 0;
	if (!mail->url || !*mail->url)
		return 0;
	struct db_conn *c;
	if (db_acquire(db, &c, e) < 0)
		return -1;
	struct arena *a = arena_new();
	char now[CLOCK_ISO8601_SIZE];
	clock_utc_iso8601(now, sizeof now);
	struct db_param due[] = {DB_TEXT(now), DB_INT(OUTBOX_MAX_ATTEMPTS), DB_INT(BATCH)};
	struct db_rows rows;
	int rc = db_query(c, a,
			  "SELECT id, recipient, subject, body, attempts, next_attempt_at"
			  " FROM mail_outbox WHERE sent_at IS NULL AND next_attempt_at <= $1"
			  " AND attempts < $2 ORDER BY next_attempt_at LIMIT $3",
			  due, &rows, e);
	for (size_t i = 0; rc == 0 && i < rows.row_count; i++) {
		const char *id = db_cell(&rows, i, 0);
		long attempts = strtol(db_cell(&rows, i, 4), NULL, 10);
		char claim_until[CLOCK_ISO8601_SIZE];
		clock_utc_iso8601_offset(claim_until, sizeof claim_until, CLAIM_SECONDS);
		struct db_param claim[] = {DB_TEXT(id), DB_TEXT(claim_until),
					   DB_TEXT(db_cell(&rows, i, 5))};
		struct db_rows claimed;
		rc = db_query(c, a,
			      "UPDATE mail_outbox SET next_attempt_at = $2 WHERE id = $1"
			      " AND next_attempt_at = $3 AND sent_at IS NULL",
			      claim, &claimed, e);
		if (rc < 0 || claimed.changes == 0)
			continue; /* another mailer has it */
		struct err send_err;
		int sent_rc = mail_send(mail, db_cell(&rows, i, 1), db_cell(&rows, i, 2),
					db_cell(&rows, i, 3), &send_err);
		char at[CLOCK_ISO8601_SIZE], next[CLOCK_ISO8601_SIZE];
		clock_utc_iso8601(at, sizeof at);
		clock_utc_iso8601_offset(next, sizeof next, backoff(interval, attempts));
		struct db_param done[] = {DB_TEXT(id), DB_TEXT(at)};
		struct db_param retry[] = {DB_TEXT(id), DB_TEXT(next),
					   DB_TEXT(sent_rc < 0 ? send_err.msg : "not sent")};
		struct audit_entry tried = {"mail_send", "mail", id, NULL,
					    sent_rc == 0 ? NULL : "failed", NULL};
		if (sent_rc == 0) {
			rc = db_query(c, a, "UPDATE mail_outbox SET sent_at = $2,"
					    " attempts = attempts + 1 WHERE id = $1",
				      done, NULL, e);
			(*sent)++;
		} else {
			log_error("mail %s not sent (attempt %ld of %d), trying again in %lds: %s",
				  id, attempts + 1, OUTBOX_MAX_ATTEMPTS, backoff(interval, attempts),
				  sent_rc < 0 ? send_err.msg : "not sent");
			rc = db_query(c, a,
				      "UPDATE mail_outbox SET attempts = attempts + 1,"
				      " next_attempt_at = $2, last_error = $3 WHERE id = $1",
				      retry, NULL, e);
			(*failed)++;
		}
		if (rc == 0)
			rc = audit_write(c, who, &tried, e);
	}
	db_release(c);
	arena_free(a);
	return rc < 0 ? -1 : 0;
}
