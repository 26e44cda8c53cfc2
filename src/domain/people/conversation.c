/* The contact log: conversations with a person, and every version of
 * their notes. */
#include "domain/people/conversation.h"

#include "core/arena.h"
#include "core/clock.h"
#include "core/date.h"
#include "core/err.h"
#include "core/id.h"
#include "core/names.h"
#include "core/utf8.h"
#include "db/db.h"
#include "domain/areas/dropin.h"
#include "domain/people/person.h"
#include "domain/staff/audit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

const char *const conversation_ways[] = {"met", "phone", "text", "email", "video", "drop_in",
					 NULL};
const char *const conversation_states[] = {"held", "arranged", NULL};

static bool optional_text(const char *s, size_t max, bool multiline)
{
	return !s || utf8_text_ok(s, max, multiline);
}

#define COLUMNS                                                                             \
	"c.id, c.person_id, c.involvement_id, c.at, c.how, c.state, c.drop_in_id, d.venue,"  \
	" c.place, c.who_was_there, c.good_life, c.next_step, c.next_step_on, c.created_by," \
	" u.display_name, c.created_at, CASE WHEN c.id = (SELECT f.id FROM conversations f"   \
	" WHERE f.involvement_id = c.involvement_id AND f.state = 'held'"                    \
	" ORDER BY f.at, f.created_at, f.id LIMIT 1) THEN 1 ELSE 0 END"

static void from_row(const struct db_rows *rows, size_t r, struct conversation *out)
{
	const char *const *c = (const char *const *)&rows->cells[r * rows->column_count];
	*out = (struct conversation){
		.id = c[0],
		.person_id = c[1],
		.involvement_id = c[2],
		.at = c[3],
		.how = c[4],
		.state = c[5],
		.drop_in_id = c[6],
		.drop_in_name = c[7],
		.place = c[8],
		.who_was_there = c[9],
		.good_life = c[10] && strcmp(c[10], "1") == 0,
		.next_step = c[11],
		.next_step_on = c[12],
		.created_by = c[13],
		.created_by_name = c[14],
		.created_at = c[15],
		.first = c[16] && strcmp(c[16], "1") == 0,
	};
}

/* The person's conversations (only the one when conversation_id is not
 * NULL), newest first, each with its notes, newest first. */
static int load_on(struct db_conn *c, const char *person_id, const char *conversation_id,
		   struct arena *a, struct conversation **out, size_t *count, struct err *e)
{
	struct db_param p[] = {DB_TEXT(person_id), DB_TEXT(conversation_id)};
	struct db_rows rows, notes;
	int rc = db_query(c, a,
			  "SELECT " COLUMNS " FROM conversations c"
			  " LEFT JOIN drop_ins d ON d.id = c.drop_in_id"
			  " LEFT JOIN users u ON u.id = c.created_by"
			  " WHERE c.person_id = $1 AND (CAST($2 AS TEXT) IS NULL OR c.id = $2)"
			  " ORDER BY c.at DESC, c.created_at DESC, c.id DESC",
			  p, &rows, e);
	if (rc == 0)
		rc = db_query(c, a,
			      "SELECT n.conversation_id, n.version, n.note, n.at, n.user_id,"
			      " u.username FROM conversation_notes n"
			      " JOIN conversations c ON c.id = n.conversation_id"
			      " LEFT JOIN users u ON u.id = n.user_id"
			      " WHERE c.person_id = $1 AND (CAST($2 AS TEXT) IS NULL OR c.id = $2)"
			      " ORDER BY n.conversation_id, n.version DESC",
			      p, &notes, e);
	if (rc < 0)
		return rc;
	*count = rows.row_count;
	*out = arena_alloc(a, (rows.row_count + 1) * sizeof **out);
	for (size_t r = 0; r < rows.row_count; r++) {
		struct conversation *x = &(*out)[r];
		from_row(&rows, r, x);
		x->notes = arena_alloc(a, (notes.row_count + 1) * sizeof *x->notes);
		for (size_t n = 0; n < notes.row_count; n++)
			if (strcmp(db_cell(&notes, n, 0), x->id) == 0)
				x->notes[x->note_count++] = (struct conversation_note){
					strtol(db_cell(&notes, n, 1), NULL, 10), db_cell(&notes, n, 2),
					db_cell(&notes, n, 3), db_cell(&notes, n, 4),
					db_cell(&notes, n, 5)};
	}
	return RESULT_OK;
}

/* A time as the API or a page gives it: UTC as stored
 * ("2026-03-02T10:30:00.000Z", seconds and fraction optional), or a UK
 * wall-clock time "2026-03-02T10:30".  False when it is neither. */
static bool parse_at(const char *s, int64_t *t)
{
	struct date d;
	int hour, minute, second = 0, n = 0;
	char day[11];
	if (strlen(s) < 16 || s[10] != 'T')
		return false;
	memcpy(day, s, 10);
	day[10] = '\0';
	if (!date_parse(day, &d) || sscanf(s + 11, "%2d:%2d%n", &hour, &minute, &n) != 2 ||
	    n != 5 || hour > 23 || minute > 59 || hour < 0 || minute < 0)
		return false;
	const char *rest = s + 16;
	if (!*rest) {
		*t = date_uk_instant(d, hour, minute);
		return true;
	}
	if (rest[0] == ':') {
		if (sscanf(rest + 1, "%2d%n", &second, &n) != 1 || n != 2 || second > 59 ||
		    second < 0)
			return false;
		rest += 3;
		if (rest[0] == '.')
			for (rest++; *rest >= '0' && *rest <= '9'; rest++)
				;
	}
	if (strcmp(rest, "Z") != 0)
		return false;
	*t = (int64_t)date_to_days(d) * 86400 + hour * 3600 + minute * 60 + second;
	return true;
}

/* A conversation ready to write: the input checked, with when it was as
 * stored, its date in the UK and the involvement it belongs to. */
struct checked {
	char at[64];   /* room for any year gmtime_r gives */
	char day[11];
	const char *state;
	const char *involvement_id;
};

/* The involvement running on day, else the next to start after it (a
 * return's first conversation may be logged before its start date), else
 * the latest started before it; NULL when they have none. */
static int involvement_on(struct db_conn *c, const char *person_id, const char *day,
			  struct arena *a, const char **id, struct err *e)
{
	*id = NULL;
	struct db_param p[] = {DB_TEXT(person_id)};
	struct db_rows rows;
	if (db_query(c, a,
		     "SELECT v.id, v.started_on, v.ended_on FROM involvements v"
		     " JOIN involvement_people ip ON ip.involvement_id = v.id"
		     " WHERE ip.person_id = $1 ORDER BY v.started_on, v.id",
		     p, &rows, e) < 0)
		return RESULT_FAILED;
	const char *running = NULL, *before = NULL, *after = NULL;
	for (size_t r = 0; r < rows.row_count; r++) {
		const char *started = db_cell(&rows, r, 1), *ended = db_cell(&rows, r, 2);
		if (strcmp(started, day) > 0) {
			after = after ? after : db_cell(&rows, r, 0);
			continue;
		}
		before = db_cell(&rows, r, 0);
		if (!ended || strcmp(ended, day) >= 0)
			running = before;
	}
	*id = running ? running : after ? after : before;
	if (!*id)
		return err_result(e, RESULT_CONFLICT,
				  "This person has no involvement to log a conversation in");
	return RESULT_OK;
}

/* Checks the fields that need nothing stored, and when it was; every
 * problem named. */
static void validate(const struct conversation_input *in, struct checked *out, struct err *e)
{
	int64_t t = clock_epoch_seconds();
	if (in->at && !parse_at(in->at, &t))
		err_field(e, "at", "When: enter a real date and time");
	else if (t > clock_epoch_seconds() + 60)
		err_field(e, "at", "When cannot be in the future: log a conversation once it "
				   "has taken place, or the call that arranged it");
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	snprintf(out->at, sizeof out->at, "%04d-%02d-%02dT%02d:%02d:%02d.000Z",
		 tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
	date_format(date_uk_today(tt), out->day);

	if (names_index(in->how, conversation_ways) < 0)
		err_field(e, "how", "Say how you talked: met in person (met), phone, text, email, "
				    "video or at a drop-in (drop_in)");
	out->state = in->state ? in->state : "held";
	if (names_index(out->state, conversation_states) < 0)
		err_field(e, "state", "Say whether it took place (held) or only set one up "
				      "(arranged)");
	if (!optional_text(in->place, CONVERSATION_TEXT_MAX, false))
		err_field(e, "place", "Where: up to 200 characters");
	else if (in->place && in->drop_in_id)
		err_field(e, "place", "Choose a drop-in or type where, not both");
	if (!optional_text(in->who_was_there, CONVERSATION_TEXT_MAX, false))
		err_field(e, "who_was_there", "Who was there: up to 200 characters");
	if (!optional_text(in->note, CONVERSATION_NOTE_MAX, true))
		err_field(e, "note", "The note: up to 2000 characters");
	if (!optional_text(in->next_step, CONVERSATION_STEP_MAX, true))
		err_field(e, "next_step", "The next step: up to 500 characters");
	else if (in->next_step_on && !in->next_step)
		err_field(e, "next_step", "Say what the next step is");
	struct date next;
	if (in->next_step_on && !date_parse(in->next_step_on, &next))
		err_field(e, "next_step_on", "The next step's date: enter a real date");
	else if (in->next_step_on && strcmp(in->next_step_on, out->day) < 0)
		err_field(e, "next_step_on", "The next step cannot come before the conversation");
	if (in->good_life && strcmp(out->state, "arranged") == 0)
		err_field(e, "good_life", "Only a conversation that took place can be the "
					  "good-life conversation");
}

static int good_life_taken(struct err *e)
{
	return err_field(e, "good_life", "Another conversation is already the good-life "
					 "conversation of this involvement");
}

/* The checks against what is stored: the drop-in is the person's area's,
 * and their involvement has no good-life conversation yet. */
static int validate_stored(struct db_conn *c, const char *person_id, const char *area_id,
			   const struct conversation_input *in, struct arena *a,
			   struct checked *out, struct err *e)
{
	struct db_rows rows;
	if (in->drop_in_id) {
		struct db_param p[] = {DB_TEXT(in->drop_in_id), DB_TEXT(area_id)};
		if (db_query(c, a, "SELECT id FROM drop_ins WHERE id = $1 AND area_id = $2", p,
			     &rows, e) < 0)
			return RESULT_FAILED;
		if (rows.row_count == 0)
			err_field(e, "drop_in_id", "Choose one of the drop-ins of the person's area");
	}
	int rc = involvement_on(c, person_id, out->day, a, &out->involvement_id, e);
	if (rc < 0 || !in->good_life)
		return rc;
	struct db_param p[] = {DB_TEXT(out->involvement_id)};
	if (db_query(c, a,
		     "SELECT id FROM conversations WHERE involvement_id = $1 AND good_life = 1", p,
		     &rows, e) < 0)
		return RESULT_FAILED;
	if (rows.row_count)
		good_life_taken(e);
	return RESULT_OK;
}

static int insert(struct db_conn *c, const struct caller *who, const char *id,
		 const char *person_id, const struct conversation_input *in,
		 const struct checked *x, struct arena *a, struct err *e)
{
	char now[CLOCK_ISO8601_SIZE];
	clock_utc_iso8601(now, sizeof now);
	const char *by = caller_user_id(who);
	struct db_param p[] = {DB_TEXT(id),
			       DB_TEXT(person_id),
			       DB_TEXT(x->involvement_id),
			       DB_TEXT(x->at),
			       DB_TEXT(in->how),
			       DB_TEXT(x->state),
			       DB_TEXT(in->drop_in_id),
			       DB_TEXT(in->place),
			       DB_TEXT(in->who_was_there),
			       DB_INT(in->good_life),
			       DB_TEXT(in->next_step),
			       DB_TEXT(in->next_step_on),
			       DB_TEXT(by),
			       DB_TEXT(now)};
	int rc = db_query(c, a,
			  "INSERT INTO conversations (id, person_id, involvement_id, at, how,"
			  " state, drop_in_id, place, who_was_there, good_life, next_step,"
			  " next_step_on, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6,"
			  " $7, $8, $9, $10, $11, $12, $13, $14)",
			  p, NULL, e);
	/* Another request stored one since validate_stored looked: the
	 * unique index conversations_one_good_life refused this one. */
	if (rc == RESULT_CONFLICT && in->good_life)
		return good_life_taken(e);
	/* The involvement's first held conversation, which the reports time
	 * (schema/023), kept in step in this transaction. */
	if (rc == RESULT_OK && strcmp(x->state, "held") == 0) {
		struct db_param f[] = {DB_TEXT(x->involvement_id), DB_TEXT(x->at)};
		rc = db_query(c, a,
			      "UPDATE involvements SET first_conversation_at = $2 WHERE id = $1"
			      " AND (first_conversation_at IS NULL OR first_conversation_at > $2)",
			      f, NULL, e);
	}
	if (rc < 0 || !in->note)
		return rc;
	char note_id[ID_HEX_LEN + 1];
	id_new(note_id);
	struct db_param n[] = {DB_TEXT(note_id), DB_TEXT(id), DB_TEXT(in->note), DB_TEXT(now),
			       DB_TEXT(by)};
	return db_query(c, a,
			"INSERT INTO conversation_notes (id, conversation_id, version, note, at,"
			" user_id) VALUES ($1, $2, 1, $3, $4, $5)",
			n, NULL, e);
}

/* Reads what a page or the API shows, after the caller's reach is known;
 * audited as `action`, naming each conversation read, or (for a list)
 * the person. */
static int read_log(struct db *db, const struct caller *who, const char *action,
		    const char *person_id, const char *conversation_id, struct arena *a,
		    struct conversation **out, size_t *count, const char **area_id,
		    struct err *e)
{
	*out = NULL;
	*count = 0;
	struct db_conn *c;
	if (db_acquire(db, &c, e) < 0)
		return RESULT_FAILED;
	int rc = person_area_on(c, who, person_id, a, area_id, e);
	if (rc == RESULT_OK)
		rc = load_on(c, person_id, conversation_id, a, out, count, e);
	if (rc == RESULT_OK && conversation_id && *count == 0)
		rc = err_not_found(e, "conversation", "There is no conversation with that id.");
	struct audit_entry entry = {action, "conversation",
				    conversation_id ? conversation_id : person_id, *area_id, NULL, NULL};
	rc = audit_read(c, rc, who, &entry, e);
	if (rc < 0) {
		*out = NULL;
		*count = 0;
	}
	return rc;
}

int conversation_log(struct db *db, const struct caller *who, const char *person_id,
		     const struct conversation_input *in, struct arena *a,
		     struct conversation **out, struct err *e)
{
	*out = NULL;
	err_clear(e);
	char id[ID_HEX_LEN + 1];
	id_new(id);
	struct db_conn *c;
	if (db_transaction(db, &c, e) < 0)
		return RESULT_FAILED;
	const char *area_id;
	struct checked x;
	int rc = person_area_on(c, who, person_id, a, &area_id, e);
	/* Checked once the caller is known to reach the person: for anyone
	 * else they are not found, whatever was sent. */
	if (rc == RESULT_OK) {
		validate(in, &x, e);
		rc = validate_stored(c, person_id, area_id, in, a, &x, e);
	}
	if (rc == RESULT_OK)
		rc = err_invalid_if_any(e);
	if (rc == RESULT_OK)
		rc = insert(c, who, id, person_id, in, &x, a, e);
	struct audit_entry entry = {"create", "conversation", rc == RESULT_NOT_FOUND ? person_id : id,
				    area_id, NULL, NULL};
	rc = audit_commit_or_refuse(c, NULL, rc, who, &entry, e);
	if (rc < 0)
		return rc;
	size_t count;
	if (db_acquire(db, &c, e) < 0)
		return RESULT_FAILED;
	rc = load_on(c, person_id, id, a, out, &count, e);
	db_release(c);
	return rc;
}

int conversation_list(struct db *db, const struct caller *who, const char *person_id,
		      struct arena *a, struct conversation **out, size_t *count,
		      struct err *e)
{
	const char *area_id;
	return read_log(db, who, "list", person_id, NULL, a, out, count, &area_id, e);
}

int conversation_get(struct db *db, const struct caller *who, const char *person_id,
		     const char *conversation_id, struct arena *a, struct conversation **out,
		     struct err *e)
{
	const char *area_id;
	size_t count;
	return read_log(db, who, "read", person_id, conversation_id, a, out, &count, &area_id, e);
}

int conversation_history(struct db *db, const struct caller *who, const char *person_id,
			 struct arena *a, struct conversation_history *out, struct err *e)
{
	*out = (struct conversation_history){0};
	int rc = read_log(db, who, "list", person_id, NULL, a, &out->items, &out->count,
			  &out->area_id, e);
	if (rc < 0)
		return rc;
	struct db_param p[] = {DB_TEXT(person_id)};
	struct db_rows rows;
	rc = db_run(db, a, "SELECT coalesce(preferred_name, name) FROM people WHERE id = $1", p,
		    &rows, e);
	if (rc < 0)
		return rc;
	out->person_name = rows.row_count ? db_cell(&rows, 0, 0) : "";
	return dropin_list(db, a, out->area_id, &out->venues, &out->venue_count, e);
}

int conversation_correct(struct db *db, const struct caller *who, const char *person_id,
			 const char *conversation_id, const char *note, struct err *e)
{
	err_clear(e);
	struct db_conn *c;
	if (db_transaction(db, &c, e) < 0)
		return RESULT_FAILED;
	struct arena *a = arena_new();
	const char *area_id;
	struct conversation *x = NULL;
	size_t count = 0;
	int rc = person_area_on(c, who, person_id, a, &area_id, e);
	if (rc == RESULT_OK && id_valid(conversation_id))
		rc = load_on(c, person_id, conversation_id, a, &x, &count, e);
	if (rc == RESULT_OK && count == 0)
		rc = err_not_found(e, "conversation", "There is no conversation with that id.");
	if (rc == RESULT_OK && !note)
		rc = err_field(e, "note", "Enter the note as it should read");
	else if (rc == RESULT_OK && !utf8_text_ok(note, CONVERSATION_NOTE_MAX, true))
		rc = err_field(e, "note", "The note: up to 2000 characters");
	else if (rc == RESULT_OK && x->note_count && strcmp(x->notes[0].note, note) == 0)
		rc = err_field(e, "note", "That is the note as it is: change it to correct it");
	if (rc == RESULT_OK) {
		char id[ID_HEX_LEN + 1], now[CLOCK_ISO8601_SIZE];
		id_new(id);
		clock_utc_iso8601(now, sizeof now);
		long version = x->note_count ? x->notes[0].version + 1 : 1;
		const char *by = caller_user_id(who);
		struct db_param p[] = {DB_TEXT(id), DB_TEXT(conversation_id), DB_INT(version),
				       DB_TEXT(note), DB_TEXT(now), DB_TEXT(by)};
		rc = db_query(c, a,
			      "INSERT INTO conversation_notes (id, conversation_id, version, note,"
			      " at, user_id) VALUES ($1, $2, $3, $4, $5, $6)",
			      p, NULL, e);
		if (rc == RESULT_CONFLICT)
			rc = err_result(e, RESULT_CONFLICT,
					"Someone else corrected this note just now: reload it");
	}
	struct audit_entry entry = {"update", "conversation", conversation_id, area_id, NULL, NULL};
	return audit_commit_or_refuse(c, a, rc, who, &entry, e);
}
