/* A person's network: dated pictures of the people around them, and how
 * one picture became another. */
#include "domain/people/network.h"

#include "core/arena.h"
#include "core/clock.h"
#include "core/date.h"
#include "core/err.h"
#include "core/id.h"
#include "core/names.h"
#include "core/utf8.h"
#include "db/db.h"
#include "domain/people/person.h"
#include "domain/staff/audit.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

const char *const network_relationships[] = {"family",    "friend",    "neighbour",
					     "colleague", "community", "paid",
					     NULL};

/* The circle as sent, "1".."4"; 0 when it is not one. */
static int circle_of(const char *s)
{
	if (!s || s[0] < '1' || s[0] > '0' + NETWORK_CIRCLES || s[1])
		return 0;
	return s[0] - '0';
}

/* The person's pictures (only the one with snapshot_id when that is not
 * NULL), oldest first, each with its members by circle, then as given. */
static int load_on(struct db_conn *c, const char *person_id, const char *snapshot_id,
		   struct arena *a, struct network_picture **out, size_t *count, struct err *e)
{
	struct db_param p[] = {DB_TEXT(person_id), DB_TEXT(snapshot_id)};
	struct db_rows shots, places;
	int rc = db_query(c, a,
			  "SELECT s.id, s.number, s.taken_on, s.conversation_id, s.note,"
			  " s.created_by, u.display_name, s.created_at FROM network_snapshots s"
			  " LEFT JOIN users u ON u.id = s.created_by"
			  " WHERE s.person_id = $1 AND (CAST($2 AS TEXT) IS NULL OR s.id = $2)"
			  " ORDER BY s.number",
			  p, &shots, e);
	if (rc == 0)
		rc = db_query(c, a,
			      "SELECT p.snapshot_id, p.member_id, p.name, p.relationship,"
			      " p.relationship_words, p.circle, p.can_call_on"
			      " FROM network_placements p"
			      " JOIN network_snapshots s ON s.id = p.snapshot_id"
			      " WHERE s.person_id = $1 AND (CAST($2 AS TEXT) IS NULL OR s.id = $2)"
			      " ORDER BY s.number, p.circle, p.position",
			      p, &places, e);
	if (rc < 0)
		return rc;
	*count = shots.row_count;
	*out = arena_alloc(a, (shots.row_count + 1) * sizeof **out);
	size_t next = 0;  /* placements come in the pictures' order */
	for (size_t r = 0; r < shots.row_count; r++) {
		struct network_picture *x = &(*out)[r];
		*x = (struct network_picture){
			.id = db_cell(&shots, r, 0),
			.number = strtol(db_cell(&shots, r, 1), NULL, 10),
			.taken_on = db_cell(&shots, r, 2),
			.conversation_id = db_cell(&shots, r, 3),
			.note = db_cell(&shots, r, 4),
			.created_by = db_cell(&shots, r, 5),
			.created_by_name = db_cell(&shots, r, 6),
			.created_at = db_cell(&shots, r, 7),
		};
		size_t first = next;
		while (next < places.row_count && strcmp(db_cell(&places, next, 0), x->id) == 0)
			next++;
		x->member_count = next - first;
		x->members = arena_alloc(a, (x->member_count + 1) * sizeof *x->members);
		for (size_t i = first; i < next; i++) {
			const char *call = db_cell(&places, i, 6);
			x->members[i - first] = (struct network_placement){
				.member_id = db_cell(&places, i, 1),
				.name = db_cell(&places, i, 2),
				.relationship = db_cell(&places, i, 3),
				.relationship_words = db_cell(&places, i, 4),
				.circle = (int)strtol(db_cell(&places, i, 5), NULL, 10),
				.can_call_on = call && strcmp(call, "1") == 0,
			};
		}
	}
	return RESULT_OK;
}

/* What a message calls member i: their name as typed, else "them". */
static const char *called(const struct network_member_input *m)
{
	return m->name && utf8_text_ok(m->name, NETWORK_NAME_MAX, false) ? m->name : "them";
}

/* Names why s, which utf8_text_ok refused, cannot be kept: too long, or a
 * control character (in the words of the import's check, import.c). */
static void text_refused(struct err *e, const char *field, const char *what, const char *s,
			 size_t max, bool multiline)
{
	if (utf8_length(s, strlen(s)) > max)
		err_field(e, field, "%s: up to %zu characters", what, max);
	else
		err_field(e, field, "%s: %s cannot be kept", what,
			  multiline ? "a tab or another control character"
				    : "a line break, a tab or another control character");
}

/* Checks one member as far as it can without the database. */
static void validate_member(const struct network_member_input *m, size_t i,
			    const char *person_name, struct arena *a, struct err *e)
{
	const char *them = called(m);
	if (!m->name || !*m->name)
		err_field(e, arena_printf(a, "members.%zu.name", i),
			  "Give the name %s calls them by", person_name);
	else if (!utf8_text_ok(m->name, NETWORK_NAME_MAX, false))
		text_refused(e, arena_printf(a, "members.%zu.name", i), "Their name", m->name,
			     NETWORK_NAME_MAX, false);
	if (names_index(m->relationship, network_relationships) < 0)
		err_field(e, arena_printf(a, "members.%zu.relationship", i),
			  "Choose who %s is to %s: family, a friend, a neighbour, a colleague, "
			  "someone from the community or someone paid to be there",
			  them, person_name);
	if (m->relationship_words && !utf8_text_ok(m->relationship_words, NETWORK_WORDS_MAX, false))
		text_refused(e, arena_printf(a, "members.%zu.relationship_words", i),
			     arena_printf(a, "In %s\xe2\x80\x99s words", person_name), m->relationship_words,
			     NETWORK_WORDS_MAX, false);
	if (!circle_of(m->circle))
		err_field(e, arena_printf(a, "members.%zu.circle", i),
			  "Choose how close %s is to %s: from 1, the closest, to 4, people paid "
			  "to be there",
			  person_name, them);
}

/* Checks the picture as far as it can without the database: every
 * problem named.  today is the date in London. */
static void validate(const struct network_picture_input *in, const char *today,
		     const char *person_name, struct arena *a, struct err *e)
{
	struct date d;
	if (in->taken_on && !date_parse(in->taken_on, &d))
		err_field(e, "taken_on", "When the picture was drawn: enter a real date");
	else if (in->taken_on && strcmp(in->taken_on, today) > 0)
		err_field(e, "taken_on", "When the picture was drawn cannot be in the future");
	if (in->note && !utf8_text_ok(in->note, NETWORK_NOTE_MAX, true))
		text_refused(e, "note", "The note", in->note, NETWORK_NOTE_MAX, true);
	if (in->member_count == 0)
		err_field(e, "members", "Add at least one of the people around %s", person_name);
	else if (in->member_count > NETWORK_MEMBERS_MAX)
		err_field(e, "members", "Up to %d people in one picture", NETWORK_MEMBERS_MAX);
	for (size_t i = 0; i < in->member_count && i < NETWORK_MEMBERS_MAX; i++)
		validate_member(&in->members[i], i, person_name, a, e);
}

/* The checks against what is stored: the conversation is one of the
 * person's, and each member named is in their network, once. */
static int validate_stored(struct db_conn *c, const char *person_id,
			   const struct network_picture_input *in, const char *person_name,
			   struct arena *a, struct err *e)
{
	struct db_rows rows;
	if (in->conversation_id) {
		struct db_param p[] = {DB_TEXT(in->conversation_id), DB_TEXT(person_id)};
		if (db_query(c, a, "SELECT id FROM conversations WHERE id = $1 AND person_id = $2",
			     p, &rows, e) < 0)
			return RESULT_FAILED;
		if (rows.row_count == 0)
			err_field(e, "conversation_id", "Choose one of the conversations with %s",
				  person_name);
	}
	struct db_param p[] = {DB_TEXT(person_id)};
	if (db_query(c, a, "SELECT id FROM network_members WHERE person_id = $1", p, &rows, e) < 0)
		return RESULT_FAILED;
	for (size_t i = 0; i < in->member_count && i < NETWORK_MEMBERS_MAX; i++) {
		const char *id = in->members[i].member_id;
		if (!id)
			continue;
		const char *path = arena_printf(a, "members.%zu.member_id", i);
		bool known = false;
		for (size_t r = 0; r < rows.row_count && !known; r++)
			known = strcmp(db_cell(&rows, r, 0), id) == 0;
		bool again = false;
		for (size_t j = 0; j < i && !again; j++)
			again = in->members[j].member_id && strcmp(in->members[j].member_id, id) == 0;
		if (!known)
			err_field(e, path, "%s is not someone in %s\xe2\x80\x99s network yet: leave this empty "
					   "to add them",
				  called(&in->members[i]), person_name);
		else if (again)
			err_field(e, path, "%s is in this picture already", called(&in->members[i]));
	}
	return RESULT_OK;
}

/* Writes the picture whole: new members, the snapshot numbered after the
 * person's last, and where each member stands in it. */
static int insert(struct db_conn *c, const struct caller *who, const char *id,
		  const char *person_id, const struct network_picture_input *in,
		  const char *today, struct arena *a, struct err *e)
{
	char now[CLOCK_ISO8601_SIZE];
	clock_utc_iso8601(now, sizeof now);
	const char *by = caller_user_id(who);
	struct db_param person[] = {DB_TEXT(person_id)};
	struct db_rows last;
	if (db_query(c, a,
		     "SELECT coalesce(max(number), 0) FROM network_snapshots WHERE person_id = $1",
		     person, &last, e) < 0)
		return RESULT_FAILED;
	long number = strtol(db_cell(&last, 0, 0), NULL, 10) + 1;
	struct db_param shot[] = {DB_TEXT(id),
				  DB_TEXT(person_id),
				  DB_INT(number),
				  DB_TEXT(in->taken_on ? in->taken_on : today),
				  DB_TEXT(in->conversation_id),
				  DB_TEXT(in->note),
				  DB_TEXT(by),
				  DB_TEXT(now)};
	int rc = db_query(c, a,
			  "INSERT INTO network_snapshots (id, person_id, number, taken_on,"
			  " conversation_id, note, created_by, created_at)"
			  " VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
			  shot, NULL, e);
	/* The person's lock keeps two pictures from taking one number; the
	 * unique (person_id, number) is the last word if it ever did not. */
	if (rc == RESULT_CONFLICT)
		return err_result(e, RESULT_CONFLICT,
				  "Someone else recorded a picture of this network just now: "
				  "look at it, then try again");
	for (size_t i = 0; rc == RESULT_OK && i < in->member_count; i++) {
		const struct network_member_input *m = &in->members[i];
		const char *member_id = m->member_id;
		if (!member_id) {
			char *fresh = arena_alloc(a, ID_HEX_LEN + 1);
			id_new(fresh);
			member_id = fresh;
			struct db_param p[] = {DB_TEXT(member_id), DB_TEXT(person_id), DB_TEXT(by),
					       DB_TEXT(now)};
			rc = db_query(c, a,
				      "INSERT INTO network_members (id, person_id, created_by,"
				      " created_at) VALUES ($1, $2, $3, $4)",
				      p, NULL, e);
		}
		struct db_param p[] = {DB_TEXT(id),
				       DB_TEXT(member_id),
				       DB_INT((int64_t)i),
				       DB_TEXT(m->name),
				       DB_TEXT(m->relationship),
				       DB_TEXT(m->relationship_words),
				       DB_INT(circle_of(m->circle)),
				       DB_INT(m->can_call_on)};
		if (rc == RESULT_OK)
			rc = db_query(c, a,
				      "INSERT INTO network_placements (snapshot_id, member_id,"
				      " position, name, relationship, relationship_words, circle,"
				      " can_call_on) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
				      p, NULL, e);
	}
	return rc;
}

/* The name the person likes to be called, on c. */
static int person_name_on(struct db_conn *c, const char *person_id, struct arena *a,
			  const char **name, struct err *e)
{
	struct db_param p[] = {DB_TEXT(person_id)};
	struct db_rows rows;
	if (db_query(c, a, "SELECT coalesce(preferred_name, name) FROM people WHERE id = $1", p,
		     &rows, e) < 0)
		return RESULT_FAILED;
	*name = rows.row_count ? db_cell(&rows, 0, 0) : "";
	return RESULT_OK;
}

int network_record(struct db *db, const struct caller *who, const char *person_id,
		   const struct network_picture_input *in, struct arena *a,
		   struct network_picture **out, struct err *e)
{
	*out = NULL;
	err_clear(e);
	char id[ID_HEX_LEN + 1], today[11];
	id_new(id);
	date_format(date_uk_today(time(NULL)), today);
	struct db_conn *c;
	if (db_transaction(db, &c, e) < 0)
		return RESULT_FAILED;
	const char *area_id = NULL, *name = NULL;
	int rc = person_area_on(c, who, person_id, a, &area_id, e);
	/* PostgreSQL's BEGIN locks nothing: without this, two pictures
	 * recorded at once could both take the next number. */
	if (rc == RESULT_OK && person_lock(c, a, person_id, e) < 0)
		rc = RESULT_FAILED;
	if (rc == RESULT_OK)
		rc = person_name_on(c, person_id, a, &name, e);
	/* Checked once the caller is known to reach the person: for anyone
	 * else they are not found, whatever was sent. */
	if (rc == RESULT_OK) {
		validate(in, today, name, a, e);
		rc = validate_stored(c, person_id, in, name, a, e);
	}
	if (rc == RESULT_OK)
		rc = err_invalid_if_any(e);
	if (rc == RESULT_OK)
		rc = insert(c, who, id, person_id, in, today, a, e);
	struct audit_entry entry = {"create", "network", rc == RESULT_NOT_FOUND ? person_id : id,
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

int network_get(struct db *db, const struct caller *who, const char *person_id,
		struct arena *a, struct network *out, struct err *e)
{
	*out = (struct network){.person_id = person_id};
	struct db_conn *c;
	if (db_acquire(db, &c, e) < 0)
		return RESULT_FAILED;
	const char *area_id = NULL;
	int rc = person_area_on(c, who, person_id, a, &area_id, e);
	if (rc == RESULT_OK)
		rc = person_name_on(c, person_id, a, &out->person_name, e);
	if (rc == RESULT_OK)
		rc = load_on(c, person_id, NULL, a, &out->pictures, &out->picture_count, e);
	struct audit_entry entry = {"read", "network", person_id, area_id, NULL, NULL};
	rc = audit_read(c, rc, who, &entry, e);
	if (rc < 0)
		*out = (struct network){.person_id = person_id};
	return rc;
}

/* The placement of member_id in p, or NULL. */
static const struct network_placement *placed(const struct network_picture *p,
					      const char *member_id)
{
	for (size_t i = 0; i < p->member_count; i++)
		if (strcmp(p->members[i].member_id, member_id) == 0)
			return &p->members[i];
	return NULL;
}

int network_numbered(const struct network *n, const char *number,
		     const struct network_picture **out, struct err *e)
{
	char *end;
	long want = number ? strtol(number, &end, 10) : 0;
	for (size_t i = 0; number && *end == '\0' && i < n->picture_count; i++)
		if (n->pictures[i].number == want) {
			*out = &n->pictures[i];
			return RESULT_OK;
		}
	*out = NULL;
	return err_not_found(e, "picture", "There is no picture of their network with that number.");
}

int network_pair(const struct network *n, const char *from, const char *to,
		 const struct network_picture **earlier, const struct network_picture **later,
		 struct err *e)
{
	*earlier = *later = NULL;
	/* One picture compared with itself would say nothing changed. */
	if (!from && !to && n->picture_count < 2)
		return err_not_found(e, "picture", "Their network has fewer than two pictures to "
						   "compare: record another first.");
	int rc = RESULT_OK;
	if (from)
		rc = network_numbered(n, from, earlier, e);
	else if (n->picture_count)
		*earlier = &n->pictures[0];
	if (rc == RESULT_OK && to)
		rc = network_numbered(n, to, later, e);
	else if (rc == RESULT_OK && n->picture_count)
		*later = &n->pictures[n->picture_count - 1];
	if (rc == RESULT_OK && (!*earlier || !*later))
		rc = network_numbered(n, NULL, earlier, e);
	return rc;
}

void network_compare(const struct network_picture *from, const struct network_picture *to,
		     struct arena *a, struct network_change **out, size_t *count)
{
	*count = 0;
	*out = arena_alloc(a, (from->member_count + to->member_count + 1) * sizeof **out);
	for (size_t i = 0; i < to->member_count; i++) {
		const struct network_placement *now = &to->members[i];
		const struct network_placement *then = placed(from, now->member_id);
		int was = then ? then->circle : 0;
		enum network_move move = !then			? NETWORK_JOINED
					 : now->circle < was	? NETWORK_CLOSER
					 : now->circle > was	? NETWORK_FURTHER
								: NETWORK_STAYED;
		(*out)[(*count)++] =
			(struct network_change){now->member_id, now->name, was, now->circle, move};
	}
	for (size_t i = 0; i < from->member_count; i++) {
		const struct network_placement *then = &from->members[i];
		if (!placed(to, then->member_id))
			(*out)[(*count)++] = (struct network_change){
				then->member_id, then->name, then->circle, 0, NETWORK_LEFT};
	}
}
