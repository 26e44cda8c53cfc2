#include "domain/notify.h"

#include "core/arena.h"
#include "core/date.h"
#include "core/err.h"
#include "core/log.h"
#include "core/mail.h"
#include "db/db.h"
#include "domain/introduction.h"
#include "domain/outbox.h"

static int send_notice(struct db *db, const struct mail_settings *mail, const char *public_url,
		const struct introduction *x, struct err *e)
{
	if (!mail->url || !*mail->url)
		return MAIL_OFF;
	struct arena *a = arena_new();
	struct db_param p = DB_TEXT(x->area_id);
	struct db_rows rows;
	struct db_conn *c;
	int rc = db_acquire(db, &c, e);
	if (rc == 0) {
		rc = db_query(c, a,
			      "SELECT c.email, a.name FROM areas a LEFT JOIN coordinators c"
			      " ON c.area_id = a.id WHERE a.id = $1",
			      &p, 1, &rows, e);
		db_release(c);
	}
	if (rc == 0 && (rows.row_count == 0 || !db_cell(&rows, 0, 0))) {
		arena_free(a);
		return MAIL_OFF;
	}
	if (rc == 0) {
		const char *subject = x->in.urgent ? "A new introduction, marked urgent"
						   : "A new introduction";
		const char *body = arena_printf(
			a,
			"A new introduction for %s is waiting in Alongside.\n\n"
			"It is due to be answered by %s%s.\n\n"
			"%s/staff/introductions/%s\n\n"
			"This email holds no personal details: sign in to see them.\n",
			db_cell(&rows, 0, 1), x->due_on,
			x->in.urgent ? " and is marked urgent" : "", public_url, x->id);
		rc = outbox_add(db, db_cell(&rows, 0, 0), subject, body, e);
	}
	arena_free(a);
	return rc;
}

void notify_new_introduction(struct db *db, const struct mail_settings *mail,
			     const char *public_url, const struct introduction *x,
			     const char *request_id)
{
	struct err e;
	if (send_notice(db, mail, public_url, x, &e) < 0)
		log_error("request %s: introduction %s stored, but the email to its "
			  "coordinator could not be queued: %s",
			  request_id, x->id, e.msg);
}
