#include "domain/introductions/notify.h"

#include "core/arena.h"
#include "core/date.h"
#include "core/err.h"
#include "core/log.h"
#include "core/mail.h"
#include "db/db.h"
#include "domain/areas/lookup.h"
#include "domain/council/council.h"
#include "domain/introductions/introduction.h"
#include "domain/introductions/outbox.h"

#include <time.h>

/* Who to tell: the area's coordinators with an address who are not on
 * leave today, and whoever covers the area today; failing those, the
 * coordinator's address in the public directory. */
static int recipients(struct db_conn *c, struct arena *a, const char *area_id,
		      struct db_rows *out, struct err *e)
{
	char today[11];
	date_format(date_uk_today(time(NULL)), today);
	struct db_param p[] = {DB_TEXT(area_id), DB_TEXT(today)};
	if (db_query(c, a,
		     "SELECT u.email FROM user_role_areas ra JOIN users u ON u.id = ra.user_id"
		     " WHERE ra.role = 'coordinator' AND ra.area_id = $1 AND u.disabled = 0"
		     " AND u.email IS NOT NULL AND NOT EXISTS (SELECT 1 FROM leave l"
		     "   WHERE l.user_id = u.id AND l.starts_on <= $2 AND l.ends_on >= $2)"
		     " UNION SELECT u.email FROM cover v JOIN users u ON u.id = v.user_id"
		     " WHERE v.area_id = $1 AND v.starts_on <= $2 AND v.ends_on >= $2"
		     " AND u.disabled = 0 AND u.email IS NOT NULL",
		     p, out, e) < 0)
		return -1;
	if (out->row_count)
		return 0;
	struct db_param area[] = {DB_TEXT(area_id)};
	return db_query(c, a,
			"SELECT email FROM coordinators WHERE area_id = $1 AND email IS NOT NULL",
			area, out, e);
}

/* Where the notice goes: from outside cover under the rule team, the
 * central team answers, so its address alone when the settings hold one;
 * otherwise the area's coordinators (recipients).  In the arena. */
static int addresses(struct db_conn *c, struct arena *a, const struct introduction *x,
		     const char ***out, size_t *count, struct err *e)
{
	struct council council;
	if (council_read_on(c, a, &council, e) < 0)
		return -1;
	if (*council.team_email &&
	    lookup_answerer_of_placement(x->placement, council.outside_cover) ==
		    LOOKUP_CENTRAL_TEAM) {
		*out = arena_alloc(a, sizeof **out);
		(*out)[0] = council.team_email;
		*count = 1;
		return 0;
	}
	struct db_rows to;
	if (recipients(c, a, x->area_id, &to, e) < 0)
		return -1;
	*out = arena_alloc(a, (to.row_count + 1) * sizeof **out);
	for (size_t i = 0; i < to.row_count; i++)
		(*out)[i] = db_cell(&to, i, 0);
	*count = to.row_count;
	return 0;
}

static int send_notice(struct db *db, const struct mail_settings *mail, const char *public_url,
		       const struct introduction *x, struct err *e)
{
	if (!mail->url || !*mail->url)
		return MAIL_OFF;
	struct arena *a = arena_new();
	struct db_param p[] = {DB_TEXT(x->area_id)};
	struct db_rows area;
	const char **to = NULL;
	size_t to_count = 0;
	struct db_conn *c;
	int rc = db_acquire(db, &c, e);
	if (rc == 0) {
		rc = db_query(c, a, "SELECT name FROM areas WHERE id = $1", p, &area, e);
		if (rc == 0)
			rc = addresses(c, a, x, &to, &to_count, e);
		db_release(c);
	}
	if (rc == 0 && area.row_count == 1) {
		const char *subject = x->in.urgent ? "A new introduction, marked urgent"
						   : "A new introduction";
		const char *body = arena_printf(
			a,
			"A new introduction for %s is waiting in Alongside.\n\n"
			"It is due to be answered by %s%s.\n\n"
			"%s/staff/introductions/%s\n\n"
			"This email holds no personal details: sign in to see them.\n",
			db_cell(&area, 0, 0), x->due_on,
			x->in.urgent ? " and is marked urgent" : "", public_url, x->id);
		for (size_t i = 0; rc == 0 && i < to_count; i++)
			rc = outbox_add(db, to[i], subject, body, e);
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
