#include "domain/community/suggestion.h"

#include "core/arena.h"
#include "core/clock.h"
#include "core/contact.h"
#include "core/err.h"
#include "core/id.h"
#include "core/utf8.h"
#include "db/db.h"
#include "domain/community/listing.h"
#include "domain/staff/audit.h"
#include "domain/staff/caller.h"

#include <string.h>

/* Every column of a suggestion, as read_row reads them. */
#define SUGGESTION_SELECT                                                                          \
	"SELECT s.id, s.service_id, v.name, s.name, s.details, s.where_text, s.when_text,"   \
	" s.from_name, s.from_email, s.organiser_agrees, s.state, s.received_at,"           \
	" u.display_name, s.handled_at, s.handled_note"                                     \
	" FROM community_suggestions s"                                                     \
	" LEFT JOIN community_services v ON v.id = s.service_id"                            \
	" LEFT JOIN users u ON u.id = s.handled_by"

static void read_row(const struct db_rows *rows, size_t i, struct suggestion *s)
{
	s->id = db_cell(rows, i, 0);
	s->service_id = db_cell(rows, i, 1);
	s->service_name = db_cell(rows, i, 2);
	s->name = db_cell(rows, i, 3);
	s->details = db_cell(rows, i, 4);
	s->where_text = db_cell(rows, i, 5);
	s->when_text = db_cell(rows, i, 6);
	s->from_name = db_cell(rows, i, 7);
	s->from_email = db_cell(rows, i, 8);
	s->organiser_agrees = strcmp(db_cell(rows, i, 9), "1") == 0;
	s->state = db_cell(rows, i, 10);
	s->received_at = db_cell(rows, i, 11);
	s->handled_by_name = db_cell(rows, i, 12);
	s->handled_at = db_cell(rows, i, 13);
	s->handled_note = db_cell(rows, i, 14);
}

/* Staff read and handle suggestions; the public and API tokens only send. */
static int may_handle(const struct caller *who, struct err *e)
{
	if (who->kind == CALLER_STAFF || who->kind == CALLER_CLI)
		return RESULT_OK;
	return err_result(e, RESULT_FORBIDDEN, "Only staff read and handle suggestions.");
}

static bool optional_ok(const char *s, size_t max, bool multiline)
{
	return !s || utf8_text_ok(s, max, multiline);
}

int suggestion_check(const struct suggestion *in, struct err *e)
{
	err_clear(e);
	/* In the order of the form's fields, as its error summary lists them. */
	if (!in->service_id && (!in->name || !*in->name))
		err_field(e, "name", "Say what it is called");
	else if (!optional_ok(in->name, LISTING_NAME_MAX, false))
		err_field(e, "name", "Write %d characters at most, on one line",
			  LISTING_NAME_MAX);
	if (!in->details || !*in->details)
		err_field(e, "details", in->service_id ? "Say what is wrong, and what is right"
						       : "Say what happens there");
	else if (!utf8_text_ok(in->details, SUGGESTION_TEXT_MAX, true))
		err_field(e, "details", "Write %d characters at most", SUGGESTION_TEXT_MAX);
	if (!optional_ok(in->where_text, SUGGESTION_TEXT_MAX, true))
		err_field(e, "where_text", "Write %d characters at most", SUGGESTION_TEXT_MAX);
	if (!optional_ok(in->when_text, SUGGESTION_TEXT_MAX, true))
		err_field(e, "when_text", "Write %d characters at most", SUGGESTION_TEXT_MAX);
	if (!optional_ok(in->from_name, LISTING_NAME_MAX, false))
		err_field(e, "from_name", "Write %d characters at most, on one line",
			  LISTING_NAME_MAX);
	if (in->from_email && !contact_email_ok(in->from_email))
		err_field(e, "from_email", "Enter an email address such as name@example.com");
	if (in->organiser_agrees && (!in->from_name || !in->from_email))
		err_field(e, "organiser_agrees",
			  "To have your details published, give your name and email address");
	if (in->service_id && !id_uuid_valid(in->service_id))
		err_field(e, "service", "The listing to correct is not in the directory");
	return err_invalid_if_any(e);
}

int suggestion_send(struct db *db, const struct caller *who, const struct suggestion *in,
		    struct arena *a, const char **id_out, struct err *e)
{
	err_clear(e);
	int rc = suggestion_check(in, e);
	if (rc < 0)
		return rc;
	struct db_conn *c;
	if (db_transaction(db, &c, e) < 0)
		return RESULT_FAILED;
	if (in->service_id) {
		struct db_param p[] = {DB_TEXT(in->service_id)};
		struct db_rows rows;
		rc = db_query(c, a, "SELECT 1 FROM community_services WHERE id = $1", p, &rows, e);
		if (rc == RESULT_OK && rows.row_count == 0)
			rc = err_field(e, "service", "The listing to correct is not in the directory");
	}
	char *id = arena_alloc(a, ID_UUID_LEN + 1);
	id_uuid_new(id);
	char now[CLOCK_ISO8601_SIZE];
	clock_utc_iso8601(now, sizeof now);
	if (rc == RESULT_OK) {
		struct db_param p[] = {
			DB_TEXT(id),
			DB_TEXT(in->service_id),
			DB_TEXT(in->name),
			DB_TEXT(in->details),
			DB_TEXT(in->where_text),
			DB_TEXT(in->when_text),
			DB_TEXT(in->from_name),
			DB_TEXT(in->from_email),
			DB_INT(in->organiser_agrees),
			DB_TEXT(now),
		};
		rc = db_query(c, a,
			      "INSERT INTO community_suggestions (id, service_id, name, details,"
			      " where_text, when_text, from_name, from_email, organiser_agrees,"
			      " state, received_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9,"
			      " 'waiting', $10)",
			      p, NULL, e);
	}
	struct audit_entry entry = {"create", "suggestion", id, NULL, NULL, NULL};
	rc = audit_commit(c, NULL, rc, who, &entry, e);
	if (rc == RESULT_OK && id_out)
		*id_out = id;
	return rc;
}

int suggestion_list(struct db *db, const struct caller *who, bool waiting, struct arena *a,
		    struct suggestion **out, size_t *count, struct err *e)
{
	err_clear(e);
	*out = NULL;
	*count = 0;
	int rc = may_handle(who, e);
	if (rc < 0)
		return rc;
	struct db_rows rows;
	rc = waiting ? db_run_plain(db, a,
				    SUGGESTION_SELECT " WHERE s.state = 'waiting'"
						      " ORDER BY s.received_at, s.id",
				    &rows, e)
		     : db_run_plain(db, a,
				    SUGGESTION_SELECT " WHERE s.state <> 'waiting'"
						      " ORDER BY s.handled_at DESC, s.id LIMIT 100",
				    &rows, e);
	if (rc < 0)
		return RESULT_FAILED;
	struct suggestion *list = arena_alloc(a, (rows.row_count + 1) * sizeof *list);
	for (size_t i = 0; i < rows.row_count; i++)
		read_row(&rows, i, &list[i]);
	*out = list;
	*count = rows.row_count;
	return RESULT_OK;
}

int suggestion_get(struct db *db, const struct caller *who, const char *id, struct arena *a,
		   struct suggestion *out, struct err *e)
{
	err_clear(e);
	memset(out, 0, sizeof *out);
	int rc = may_handle(who, e);
	if (rc < 0)
		return rc;
	if (!id || !id_uuid_valid(id))
		return err_not_found(e, "suggestion", "No such suggestion.");
	struct db_param p[] = {DB_TEXT(id)};
	struct db_rows rows;
	if (db_run(db, a, SUGGESTION_SELECT " WHERE s.id = $1", p, &rows, e) < 0)
		return RESULT_FAILED;
	if (rows.row_count == 0)
		return err_not_found(e, "suggestion", "No such suggestion.");
	read_row(&rows, 0, out);
	return RESULT_OK;
}

int suggestion_handle(struct db *db, const struct caller *who, const char *id, bool accept,
		      const char *note, struct arena *a, struct err *e)
{
	err_clear(e);
	int rc = may_handle(who, e);
	if (rc < 0)
		return rc;
	if (!id || !id_uuid_valid(id))
		return err_not_found(e, "suggestion", "No such suggestion.");
	if (note && !utf8_text_ok(note, SUGGESTION_TEXT_MAX, true))
		return err_field(e, "note", "Write %d characters at most", SUGGESTION_TEXT_MAX);
	struct db_conn *c;
	if (db_transaction(db, &c, e) < 0)
		return RESULT_FAILED;
	char now[CLOCK_ISO8601_SIZE];
	clock_utc_iso8601(now, sizeof now);
	struct db_param p[] = {
		DB_TEXT(id), DB_TEXT(accept ? "accepted" : "declined"),
		DB_TEXT(caller_user_id(who)), DB_TEXT(now), DB_TEXT(note),
	};
	struct db_rows rows;
	rc = db_query(c, a,
		      "UPDATE community_suggestions SET state = $2, handled_by = $3,"
		      " handled_at = $4, handled_note = $5 WHERE id = $1 AND state = 'waiting'",
		      p, &rows, e);
	if (rc == RESULT_OK && rows.changes == 0) {
		struct db_param q[] = {DB_TEXT(id)};
		rc = db_query(c, a, "SELECT state FROM community_suggestions WHERE id = $1", q,
			      &rows, e);
		if (rc == RESULT_OK)
			rc = rows.row_count == 0
				     ? err_not_found(e, "suggestion", "No such suggestion.")
				     : err_result(e, RESULT_CONFLICT,
						  "This suggestion was %s already.",
						  db_cell(&rows, 0, 0));
	}
	struct audit_entry entry = {accept ? "accept" : "decline", "suggestion", id, NULL, NULL, NULL};
	return audit_commit_or_refuse(c, NULL, rc, who, &entry, e);
}
