#include "domain/people/involvement.h"

#include "core/arena.h"
#include "core/clock.h"
#include "core/date.h"
#include "core/err.h"
#include "core/id.h"
#include "core/names.h"
#include "core/utf8.h"
#include "db/db.h"
#include "domain/people/person.h"
#include "domain/staff/access.h"
#include "domain/staff/audit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define END_WORDS_MAX 500
#define NOTE_MAX 500

const char *const involvement_kinds[] = {"short_term", "walking_alongside", NULL};
const char *const involvement_end_reasons[] = {"person_chose", "in_place",   "moved_away",
					       "no_contact",   "died",	     "other", NULL};
const char *const involvement_ended_by[] = {"person", "agreement", "coordinator", NULL};

static const char NOT_FOUND[] = "There is no involvement with that id.";

static void today(char out[11])
{
	date_format(date_uk_today(time(NULL)), out);
}

/* A stored date as staff read one, "Monday 6 January 2025". */
static void long_day(const char *iso, char out[DATE_LONG_TEXT_SIZE])
{
	struct date d;
	if (date_parse(iso, &d))
		date_long_text(d, out);
	else
		snprintf(out, DATE_LONG_TEXT_SIZE, "%s", iso);
}

/* A date that is one and not after today: "" when so, else the problem. */
static const char *date_problem(const char *day)
{
	struct date d;
	char now[11];
	if (!date_parse(day, &d))
		return "enter a real date";
	today(now);
	return strcmp(day, now) > 0 ? "not in the future" : "";
}

void involvement_check_start(const char *kind, const char *started_on, struct err *e)
{
	if (names_index(kind, involvement_kinds) < 0)
		err_field(e, "kind", "Say which kind: short-term help (short_term) or walking "
				     "alongside (walking_alongside)");
	const char *problem = started_on ? date_problem(started_on) : "";
	if (*problem)
		err_field(e, "started_on", "When it started: %s", problem);
}

static int write_history(struct db_conn *c, struct arena *a, const struct caller *who,
			 const char *id, const char *event, const char *kind, const char *note,
			 struct err *e)
{
	char row[ID_HEX_LEN + 1], now[CLOCK_ISO8601_SIZE];
	id_new(row);
	clock_utc_iso8601(now, sizeof now);
	struct db_param p[] = {DB_TEXT(row),	       DB_TEXT(id),    DB_TEXT(now),
			       DB_TEXT(caller_user_id(who)), DB_TEXT(event), DB_TEXT(kind),
			       DB_TEXT(note)};
	return db_query(c, a,
			"INSERT INTO involvement_history (id, involvement_id, at, user_id, event,"
			" kind, note, seq) SELECT $1, $2, $3, $4, $5, $6, $7,"
			" coalesce(max(seq), 0) + 1 FROM involvement_history WHERE involvement_id = $2",
			p, NULL, e);
}

/* people.involvement_count, in the same transaction as the person's new
 * row of involvement_people (schema/025): the reports find the people
 * who can have a return by it. */
static int count_involvement(struct db_conn *c, struct arena *a, const char *person_id,
			     struct err *e)
{
	struct db_param p[] = {DB_TEXT(person_id)};
	return db_query(c, a,
			"UPDATE people SET involvement_count = involvement_count + 1 WHERE id = $1",
			p, NULL, e);
}

int involvement_recount_everyone(struct db_conn *c, struct arena *a, struct err *e)
{
	return db_query_plain(c, a,
			      "UPDATE people SET involvement_count = (SELECT count(*)"
			      " FROM involvement_people ip WHERE ip.person_id = people.id)",
			      NULL, e);
}

/* Whether someone in it had an involvement that started earlier. */
#define INVOLVEMENT_COLUMNS                                                                 \
	"v.id, v.kind, v.area_id, v.introduction_id, v.started_on, v.ended_on,"             \
	" v.end_reason, v.end_words, v.ended_by,"                                           \
	" (SELECT min(c.at) FROM conversations c WHERE c.involvement_id = v.id"             \
	" AND c.state = 'held'),"                                                           \
	" CASE WHEN EXISTS (SELECT 1 FROM involvement_people me"                            \
	" JOIN involvement_people o ON o.person_id = me.person_id"                          \
	" AND o.involvement_id <> me.involvement_id"                                        \
	" JOIN involvements w ON w.id = o.involvement_id WHERE me.involvement_id = v.id"    \
	" AND (w.started_on < v.started_on OR (w.started_on = v.started_on"                 \
	" AND w.created_at < v.created_at))) THEN 1 ELSE 0 END,"                            \
	" v.last_contact_before_import"

/* Fills everything but people and history from a row. */
static void from_row(const struct db_rows *rows, size_t r, struct involvement *v)
{
	memset(v, 0, sizeof *v);
	v->id = db_cell(rows, r, 0);
	v->kind = db_cell(rows, r, 1);
	v->area_id = db_cell(rows, r, 2);
	v->introduction_id = db_cell(rows, r, 3);
	v->started_on = db_cell(rows, r, 4);
	v->ended_on = db_cell(rows, r, 5);
	v->end_reason = db_cell(rows, r, 6);
	v->end_words = db_cell(rows, r, 7);
	v->ended_by = db_cell(rows, r, 8);
	v->first_conversation_at = db_cell(rows, r, 9);
	v->is_return = strcmp(db_cell(rows, r, 10), "1") == 0;
	v->last_contact_before_import = db_cell(rows, r, 11);
}

/* Its people and history. */
static int fill(struct db_conn *c, struct arena *a, struct involvement *v, struct err *e)
{
	struct db_param p[] = {DB_TEXT(v->id)};
	struct db_rows people, history;
	if (db_query(c, a,
		     "SELECT p.id, p.name, p.area_id FROM involvement_people ip"
		     " JOIN people p ON p.id = ip.person_id WHERE ip.involvement_id = $1"
		     " ORDER BY p.created_at, p.id",
		     p, &people, e) < 0 ||
	    db_query(c, a,
		     "SELECT h.at, h.user_id, u.username, h.event, h.kind, h.note"
		     " FROM involvement_history h LEFT JOIN users u ON u.id = h.user_id"
		     " WHERE h.involvement_id = $1 ORDER BY h.seq",
		     p, &history, e) < 0)
		return RESULT_FAILED;
	v->person_count = people.row_count;
	v->person_ids = arena_alloc(a, (people.row_count + 1) * sizeof *v->person_ids);
	v->person_names = arena_alloc(a, (people.row_count + 1) * sizeof *v->person_names);
	for (size_t i = 0; i < people.row_count; i++) {
		v->person_ids[i] = db_cell(&people, i, 0);
		v->person_names[i] = db_cell(&people, i, 1);
	}
	v->history_count = history.row_count;
	v->history = arena_alloc(a, (history.row_count + 1) * sizeof *v->history);
	for (size_t i = 0; i < history.row_count; i++)
		v->history[i] = (struct involvement_event){
			db_cell(&history, i, 0), db_cell(&history, i, 1), db_cell(&history, i, 2),
			db_cell(&history, i, 3), db_cell(&history, i, 4), db_cell(&history, i, 5)};
	return RESULT_OK;
}

/* The involvement, whoever asks. */
static int load_on(struct db_conn *c, const char *id, struct arena *a, struct involvement **out,
		   struct err *e)
{
	*out = NULL;
	if (!id || !id_valid(id))
		return err_not_found(e, "involvement", NOT_FOUND);
	struct db_param p[] = {DB_TEXT(id)};
	struct db_rows rows;
	if (db_query(c, a, "SELECT " INVOLVEMENT_COLUMNS " FROM involvements v WHERE v.id = $1", p,
		     &rows, e) < 0)
		return RESULT_FAILED;
	if (rows.row_count == 0)
		return err_not_found(e, "involvement", NOT_FOUND);
	*out = arena_alloc(a, sizeof **out);
	from_row(&rows, 0, *out);
	return fill(c, a, *out, e);
}

int involvement_list_on(struct db_conn *c, const char *person_id, struct arena *a,
			struct involvement **out, size_t *count, struct err *e)
{
	*count = 0;
	struct db_param p[] = {DB_TEXT(person_id)};
	struct db_rows rows;
	if (db_query(c, a,
		     "SELECT " INVOLVEMENT_COLUMNS " FROM involvements v"
		     " JOIN involvement_people ip ON ip.involvement_id = v.id"
		     " WHERE ip.person_id = $1 ORDER BY v.started_on DESC, v.created_at DESC",
		     p, &rows, e) < 0)
		return RESULT_FAILED;
	*out = arena_alloc(a, (rows.row_count + 1) * sizeof **out);
	for (size_t i = 0; i < rows.row_count; i++) {
		from_row(&rows, i, &(*out)[i]);
		if (fill(c, a, &(*out)[i], e) < 0)
			return RESULT_FAILED;
	}
	*count = rows.row_count;
	return RESULT_OK;
}

int involvement_current_on(struct db_conn *c, const char *person_id, struct arena *a,
			   struct involvement **out, struct err *e)
{
	*out = NULL;
	struct db_param p[] = {DB_TEXT(person_id)};
	struct db_rows rows;
	if (db_query(c, a,
		     "SELECT v.id FROM involvements v"
		     " JOIN involvement_people ip ON ip.involvement_id = v.id"
		     " WHERE ip.person_id = $1 AND v.ended_on IS NULL",
		     p, &rows, e) < 0)
		return RESULT_FAILED;
	if (rows.row_count == 0)
		return RESULT_OK;
	return load_on(c, db_cell(&rows, 0, 0), a, out, e);
}

int involvement_open_on(struct db_conn *c, const struct caller *who, const char *person_id,
			const char *area_id, const char *kind, const char *started_on,
			const char *introduction_id, struct arena *a, const char **id,
			struct err *e)
{
	char day[11];
	if (!started_on) {
		today(day);
		started_on = day;
	}
	err_clear(e);
	involvement_check_start(kind, started_on, e);
	int rc = err_invalid_if_any(e);
	if (rc < 0)
		return rc;
	/* PostgreSQL's BEGIN locks nothing: without this, two at once could
	 * both find none open and both open one. */
	if (person_lock(c, a, person_id, e) < 0)
		return RESULT_FAILED;
	struct db_param who_p[] = {DB_TEXT(person_id)};
	struct db_rows before;
	if (db_query(c, a,
		     "SELECT count(*) - count(v.ended_on), max(v.ended_on) FROM involvements v"
		     " JOIN involvement_people ip ON ip.involvement_id = v.id"
		     " WHERE ip.person_id = $1",
		     who_p, &before, e) < 0)
		return RESULT_FAILED;
	if (strtol(db_cell(&before, 0, 0), NULL, 10) > 0)
		return err_result(e, RESULT_CONFLICT,
				  "They are already being helped: change that involvement's "
				  "kind instead of opening another");
	const char *last_end = db_cell(&before, 0, 1);
	if (last_end && strcmp(started_on, last_end) < 0) {
		char ended[DATE_LONG_TEXT_SIZE];
		long_day(last_end, ended);
		return err_field(e, "started_on",
				 "When it started: not before their last involvement ended (%s)",
				 ended);
	}
	char new_id[ID_HEX_LEN + 1], now[CLOCK_ISO8601_SIZE];
	id_new(new_id);
	clock_utc_iso8601(now, sizeof now);
	struct db_param p[] = {DB_TEXT(new_id),	     DB_TEXT(kind), DB_TEXT(area_id),
			       DB_TEXT(introduction_id), DB_TEXT(started_on),
			       DB_TEXT(caller_user_id(who)), DB_TEXT(now)};
	rc = db_query(c, a,
		      "INSERT INTO involvements (id, kind, area_id, introduction_id, started_on,"
		      " created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7)",
		      p, NULL, e);
	struct db_param with[] = {DB_TEXT(new_id), DB_TEXT(person_id)};
	if (rc == 0)
		rc = db_query(c, a,
			      "INSERT INTO involvement_people (involvement_id, person_id)"
			      " VALUES ($1, $2)",
			      with, NULL, e);
	if (rc == 0)
		rc = count_involvement(c, a, person_id, e);
	if (rc == 0)
		rc = write_history(c, a, who, new_id, "started", kind, NULL, e);
	if (rc == 0)
		*id = arena_strdup(a, new_id);
	return rc;
}

int involvement_join_on(struct db_conn *c, const char *id, const char *person_id,
			struct arena *a, struct err *e)
{
	/* One at a time per person, as involvement_open_on. */
	if (person_lock(c, a, person_id, e) < 0)
		return RESULT_FAILED;
	struct involvement *v;
	int rc = load_on(c, id, a, &v, e);
	if (rc == RESULT_NOT_FOUND || (rc == 0 && v->ended_on))
		return err_field(e, "household_involvement_id",
				 "Choose an open involvement of their family or household");
	if (rc < 0)
		return rc;
	for (size_t i = 0; i < v->person_count; i++)
		if (strcmp(v->person_ids[i], person_id) == 0)
			return err_field(e, "person_id", "They are already part of it");
	struct db_param who_p[] = {DB_TEXT(person_id)};
	struct db_rows home;
	if (db_query(c, a, "SELECT area_id FROM people WHERE id = $1", who_p, &home, e) < 0)
		return RESULT_FAILED;
	/* Reach is through the involvement's area: a member from elsewhere
	 * would be seen, or hidden, by the wrong coordinators. */
	if (home.row_count == 0 || strcmp(db_cell(&home, 0, 0), v->area_id) != 0)
		return err_field(e, "person_id",
				 "They live in another area: a family's members share its area");
	struct involvement *theirs;
	if (involvement_current_on(c, person_id, a, &theirs, e) < 0)
		return RESULT_FAILED;
	if (theirs)
		return err_field(e, "person_id",
				 "They already have an involvement of their own: end it first");
	struct db_param p[] = {DB_TEXT(id), DB_TEXT(person_id)};
	rc = db_query(c, a,
		      "INSERT INTO involvement_people (involvement_id, person_id) VALUES ($1, $2)",
		      p, NULL, e);
	return rc == 0 ? count_involvement(c, a, person_id, e) : rc;
}

int involvement_set_kind_on(struct db_conn *c, const struct caller *who, const char *id,
			    const char *from, const char *to, const char *note,
			    struct arena *a, struct err *e)
{
	char now[CLOCK_ISO8601_SIZE];
	clock_utc_iso8601(now, sizeof now);
	struct db_param p[] = {DB_TEXT(id), DB_TEXT(to), DB_TEXT(now), DB_TEXT(from)};
	struct db_rows rows;
	int rc = db_query(c, a,
			  "UPDATE involvements SET kind = $2, updated_at = $3"
			  " WHERE id = $1 AND kind = $4 AND ended_on IS NULL",
			  p, &rows, e);
	if (rc == 0 && rows.changes == 0)
		return err_result(e, RESULT_CONFLICT,
				  "Someone else changed this involvement just now: reload it");
	if (rc == 0)
		rc = write_history(c, a, who, id, "kind_changed", to, note, e);
	return rc;
}

int involvement_area_on(struct db_conn *c, const struct caller *who, const char *id,
			struct arena *a, const char **area_id, struct err *e)
{
	struct involvement *v;
	int rc = load_on(c, id, a, &v, e);
	if (rc == 0 && !access_casework(who, v->area_id))
		rc = err_not_found(e, "involvement", NOT_FOUND);
	*area_id = rc == 0 ? v->area_id : NULL;
	return rc;
}

/* The involvement if who reaches it; a refusal audited as `action`, and a
 * success when audit_success. */
static int reach(struct db_conn *c, const struct caller *who, const char *action,
		 bool audit_success, const char *id, struct arena *a, struct involvement **out,
		 struct err *e)
{
	int rc = load_on(c, id, a, out, e);
	if (rc == RESULT_NOT_FOUND && id_valid(id)) {
		struct audit_entry none = {action, "involvement", id, NULL, "not_found", NULL};
		if (audit_write(c, who, &none, e) < 0)
			return RESULT_FAILED;
		return err_not_found(e, "involvement", NOT_FOUND);
	}
	if (rc < 0)
		return rc;
	bool may = access_casework(who, (*out)->area_id);
	struct audit_entry entry = {action, "involvement", id, (*out)->area_id,
				    may ? NULL : "refused", NULL};
	if ((!may || audit_success) && audit_write(c, who, &entry, e) < 0)
		return RESULT_FAILED;
	if (!may) {
		*out = NULL;
		return err_not_found(e, "involvement", NOT_FOUND);
	}
	return RESULT_OK;
}

int involvement_get(struct db *db, const struct caller *who, const char *id,
		    struct arena *a, struct involvement **out, struct err *e)
{
	struct db_conn *c;
	if (db_acquire(db, &c, e) < 0)
		return RESULT_FAILED;
	int rc = reach(c, who, "read", true, id, a, out, e);
	db_release(c);
	return rc;
}

int involvement_open(struct db *db, const struct caller *who, const char *person_id,
		     const char *kind, const char *started_on, struct arena *a,
		     struct involvement **out, struct err *e)
{
	*out = NULL;
	struct db_conn *c;
	if (db_transaction(db, &c, e) < 0)
		return RESULT_FAILED;
	const char *area_id = NULL, *id = NULL;
	int rc = person_area_on(c, who, person_id, a, &area_id, e);
	if (rc == RESULT_NOT_FOUND) {
		/* The refusal names the person asked about. */
		struct audit_entry attempt = {"create", "person", person_id, NULL, NULL, NULL};
		return audit_commit_or_refuse(c, NULL, rc, who, &attempt, e);
	}
	struct audit_entry entry = {"create", "involvement", NULL, area_id, NULL, NULL};
	if (rc == 0)
		rc = involvement_open_on(c, who, person_id, area_id, kind, started_on, NULL, a, &id,
					 e);
	entry.record_id = id;
	rc = audit_commit(c, NULL, rc, who, &entry, e);
	if (rc < 0)
		return rc;
	return involvement_get(db, who, id, a, out, e);
}

/* The checks of a change against the involvement as it is. */
static void validate_change(const struct involvement *v, const struct involvement_change *ch,
			    const char *ended_on, struct err *e)
{
	bool ending = ch->ended_on || ch->end_reason || ch->ended_by || ch->end_words;
	if (!ch->kind && !ending)
		err_field(e, NULL, "Send a new kind, or when, why and by whom it ended");
	if (v->ended_on) {
		err_field(e, ending ? "ended_on" : "kind",
			  "This ended on %s: open a new involvement for their return", v->ended_on);
		return;
	}
	if (ch->kind && names_index(ch->kind, involvement_kinds) < 0)
		err_field(e, "kind", "Say which kind: short-term help (short_term) or walking "
				     "alongside (walking_alongside)");
	else if (ch->kind && strcmp(ch->kind, v->kind) == 0)
		err_field(e, "kind", "It is %s already",
			  strcmp(v->kind, "short_term") == 0 ? "short-term help"
							     : "walking alongside");
	if (ch->note && !utf8_text_ok(ch->note, NOTE_MAX, true))
		err_field(e, "note", "A note is up to 500 characters");
	if (!ending)
		return;
	if (!ch->end_reason)
		err_field(e, "end_reason", "Say why it ended");
	else if (names_index(ch->end_reason, involvement_end_reasons) < 0)
		err_field(e, "end_reason",
			  "Why it ended: the person chose to end (person_chose), what they "
			  "wanted is in place (in_place), moved away (moved_away), no contact "
			  "after trying (no_contact), died, or other");
	if (!ch->ended_by)
		err_field(e, "ended_by", "Say who ended it: the person, by agreement, or the "
					 "coordinator");
	else if (names_index(ch->ended_by, involvement_ended_by) < 0)
		err_field(e, "ended_by", "Who ended it: the person (person), by agreement "
					 "(agreement) or the coordinator (coordinator)");
	if (ch->end_words && !utf8_text_ok(ch->end_words, END_WORDS_MAX, true))
		err_field(e, "end_words", "In words: up to 500 characters");
	else if (!ch->end_words && ch->end_reason && strcmp(ch->end_reason, "other") == 0)
		err_field(e, "end_words", "Say in a few words why it ended");
	const char *problem = date_problem(ended_on);
	if (!*ended_on)
		err_field(e, "ended_on", "Enter the day it ended");
	else if (*problem)
		err_field(e, "ended_on", "When it ended: %s", problem);
	else if (strcmp(ended_on, v->started_on) < 0) {
		char day[DATE_LONG_TEXT_SIZE];
		long_day(v->started_on, day);
		err_field(e, "ended_on", "When it ended: not before it started (%s)", day);
	}
}

int involvement_update(struct db *db, const struct caller *who, const char *id,
		       const struct involvement_change *change, struct err *e)
{
	struct db_conn *c;
	if (db_transaction(db, &c, e) < 0)
		return RESULT_FAILED;
	struct arena *a = arena_new();
	struct involvement *v;
	int rc = reach(c, who, "update", false, id, a, &v, e);
	if (rc < 0)
		return audit_keep_refusal(c, a, rc, e);
	err_clear(e);
	char day[11];
	today(day);
	const char *ended_on = change->ended_on ? change->ended_on : day;
	validate_change(v, change, ended_on, e);
	rc = err_invalid_if_any(e);
	const char *kind = change->kind ? change->kind : v->kind;
	if (rc == 0 && change->kind)
		rc = involvement_set_kind_on(c, who, id, v->kind, change->kind, change->note, a, e);
	if (rc == 0 && change->end_reason) {
		char now[CLOCK_ISO8601_SIZE];
		clock_utc_iso8601(now, sizeof now);
		struct db_param p[] = {DB_TEXT(id),
				       DB_TEXT(ended_on),
				       DB_TEXT(change->end_reason),
				       DB_TEXT(change->end_words),
				       DB_TEXT(change->ended_by),
				       DB_TEXT(now)};
		struct db_rows rows;
		rc = db_query(c, a,
			      "UPDATE involvements SET ended_on = $2, end_reason = $3,"
			      " end_words = $4, ended_by = $5, updated_at = $6"
			      " WHERE id = $1 AND ended_on IS NULL",
			      p, &rows, e);
		if (rc == 0 && rows.changes == 0)
			rc = err_result(e, RESULT_CONFLICT,
					"Someone else changed this involvement just now: reload it");
		if (rc == 0)
			rc = write_history(c, a, who, id, "ended", kind,
					   change->kind ? NULL : change->note, e);
	}
	struct audit_entry entry = {"update", "involvement", id, v->area_id, NULL, NULL};
	return audit_commit(c, a, rc, who, &entry, e);
}

int involvement_add_person(struct db *db, const struct caller *who, const char *id,
			   const char *person_id, struct err *e)
{
	struct db_conn *c;
	if (db_transaction(db, &c, e) < 0)
		return RESULT_FAILED;
	struct arena *a = arena_new();
	struct involvement *v;
	int rc = reach(c, who, "update", false, id, a, &v, e);
	if (rc < 0)
		return audit_keep_refusal(c, a, rc, e);
	if (!person_id) {
		err_clear(e);
		rc = err_field(e, "person_id", "Choose the person to add");
		struct audit_entry entry = {"update", "involvement", id, v->area_id, NULL, NULL};
		return audit_commit(c, a, rc, who, &entry, e);
	}
	const char *area;
	rc = person_area_on(c, who, person_id, a, &area, e);
	if (rc == RESULT_NOT_FOUND) {
		struct audit_entry attempt = {"update", "person", person_id, NULL, "refused", NULL};
		if (audit_write(c, who, &attempt, e) < 0)
			rc = RESULT_FAILED;
		else
			err_not_found(e, "person", "There is no person with that id.");
		return audit_keep_refusal(c, a, rc, e);
	}
	if (rc == 0) {
		err_clear(e);
		rc = involvement_join_on(c, id, person_id, a, e);
	}
	/* The household's member is named by the field the request sent. */
	if (rc == RESULT_INVALID && err_field_message(e, "household_involvement_id")) {
		err_clear(e);
		rc = err_field(e, NULL, "It has ended: a new member joins an open involvement");
	}
	struct audit_entry entry = {"update", "involvement", id, v->area_id, NULL, NULL};
	return audit_commit(c, a, rc, who, &entry, e);
}
