/* Stories in the person's words: versions, a team leader's review, and
 * the person's withdrawal of their agreement. */
#include "domain/outcomes/story.h"

#include "core/arena.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/id.h"
#include "core/names.h"
#include "db/db.h"
#include "domain/outcomes/typed.h"
#include "domain/people/person.h"
#include "domain/staff/access.h"
#include "domain/staff/audit.h"
#include "domain/staff/user.h"

#include <stdlib.h>
#include <string.h>

const char *const story_shares[] = {"team", "council", "public", NULL};
const char *const story_agreed_hows[] = {"in_person", "phone", "paper", NULL};
const char *const story_decisions[] = {"approve", "return", NULL};

static const char NO_STORY[] = "There is no story with that id.";

static void check(const struct story_input *in, struct err *e)
{
	typed_check_text(e, "title", in->title, STORY_TITLE_MAX, false, "Give the story a title",
			 "The title");
	typed_check_text(e, "words", in->words, STORY_WORDS_MAX, true,
			 "Write the story in their words", "Their words");
	/* Only a public story needs the words for the public; any typed
	 * for another is kept, so they are checked too. */
	bool public = in->share && strcmp(in->share, "public") == 0;
	typed_check_text(e, "public_title", in->public_title, STORY_TITLE_MAX, false,
			 public ? "To share it with the public, give it a title that names "
				  "no one"
				: NULL,
			 "The title for the public");
	typed_check_text(e, "public_words", in->public_words, STORY_WORDS_MAX, true,
			 public ? "To share it with the public, write it without anything "
				  "that would identify them, and agree that with them"
				: NULL,
			 "The words for the public");
	if (names_index(in->share, story_shares) < 0)
		err_field(e, "share", "Say how widely they agreed to share it: the team only, "
				      "the council, or the public");
	typed_check_day(e, "agreed_on", in->agreed_on, "they agreed");
	if (names_index(in->agreed_how, story_agreed_hows) < 0)
		err_field(e, "agreed_how", "Say how they agreed: in person, by phone or on paper");
}

/* The columns story_from_row reads: s stories, v its current version,
 * p the person, ar the area, ru the reviewer, mu the version's maker. */
#define STORY_COLUMNS                                                                        \
	"s.id, s.person_id, coalesce(p.preferred_name, p.name), s.area_id, ar.name,"         \
	" s.version, s.review_state, ru.display_name, s.reviewed_at, s.review_note,"         \
	" s.withdrawn_on, s.withdrawn_how, s.created_at, s.updated_at, v.title, v.words,"    \
	" v.public_words, v.share, v.agreed_on, v.agreed_how, mu.display_name, v.made_at,"   \
	" v.public_title, wu.display_name"
#define STORY_FROM                                                                           \
	" FROM stories s JOIN story_versions v ON v.story_id = s.id AND v.version = s.version" \
	" JOIN people p ON p.id = s.person_id JOIN areas ar ON ar.id = s.area_id"            \
	" LEFT JOIN users ru ON ru.id = s.reviewed_by LEFT JOIN users mu ON mu.id = v.made_by" \
	" LEFT JOIN users wu ON wu.id = s.withdrawn_by"

static void story_from_row(const struct db_rows *rows, size_t r, struct story *s)
{
	*s = (struct story){
		.id = db_cell(rows, r, 0),
		.person_id = db_cell(rows, r, 1),
		.person_name = db_cell(rows, r, 2),
		.area_id = db_cell(rows, r, 3),
		.area_name = db_cell(rows, r, 4),
		.version = strtol(db_cell(rows, r, 5), NULL, 10),
		.review_state = db_cell(rows, r, 6),
		.reviewed_by_name = db_cell(rows, r, 7),
		.reviewed_at = db_cell(rows, r, 8),
		.review_note = db_cell(rows, r, 9),
		.withdrawn_on = db_cell(rows, r, 10),
		.withdrawn_how = db_cell(rows, r, 11),
		.withdrawn_by_name = db_cell(rows, r, 23),
		.created_at = db_cell(rows, r, 12),
		.updated_at = db_cell(rows, r, 13),
		.current = {strtol(db_cell(rows, r, 5), NULL, 10), db_cell(rows, r, 14),
			    db_cell(rows, r, 15), db_cell(rows, r, 22), db_cell(rows, r, 16),
			    db_cell(rows, r, 17), db_cell(rows, r, 18), db_cell(rows, r, 19),
			    db_cell(rows, r, 20), db_cell(rows, r, 21)},
	};
}

/* The story id with every version, unchecked; not found when none. */
static int load_on(struct db_conn *c, const char *id, struct arena *a, struct story **out,
		   struct err *e)
{
	*out = NULL;
	if (!id || !id_valid(id))
		return err_not_found(e, "story", NO_STORY);
	struct db_param p[] = {DB_TEXT(id)};
	struct db_rows rows, versions;
	if (db_query(c, a, "SELECT " STORY_COLUMNS STORY_FROM " WHERE s.id = $1", p, &rows, e) <
		    0 ||
	    db_query(c, a,
		     "SELECT v.version, v.title, v.words, v.public_title, v.public_words,"
		     " v.share, v.agreed_on, v.agreed_how, u.display_name, v.made_at"
		     " FROM story_versions v"
		     " LEFT JOIN users u ON u.id = v.made_by WHERE v.story_id = $1"
		     " ORDER BY v.version",
		     p, &versions, e) < 0)
		return RESULT_FAILED;
	if (rows.row_count == 0)
		return err_not_found(e, "story", NO_STORY);
	struct story *s = arena_alloc(a, sizeof *s);
	story_from_row(&rows, 0, s);
	s->versions = arena_alloc(a, (versions.row_count + 1) * sizeof *s->versions);
	for (size_t r = 0; r < versions.row_count; r++)
		s->versions[s->version_count++] = (struct story_version){
			strtol(db_cell(&versions, r, 0), NULL, 10), db_cell(&versions, r, 1),
			db_cell(&versions, r, 2),		 db_cell(&versions, r, 3),
			db_cell(&versions, r, 4),		 db_cell(&versions, r, 5),
			db_cell(&versions, r, 6),		 db_cell(&versions, r, 7),
			db_cell(&versions, r, 8),		 db_cell(&versions, r, 9)};
	*out = s;
	return RESULT_OK;
}

/* The story if the caller reaches it through its area, and it is
 * person_id's (when not NULL), else not found. */
static int reach_on(struct db_conn *c, const struct caller *who, const char *id,
		    const char *person_id, struct arena *a, struct story **out,
		    struct err *e)
{
	int rc = load_on(c, id, a, out, e);
	if (rc == RESULT_OK && (!access_casework(who, (*out)->area_id) ||
				(person_id && strcmp((*out)->person_id, person_id) != 0)))
		rc = err_not_found(e, "story", NO_STORY);
	return rc;
}

static int insert_version(struct db_conn *c, const struct caller *who, const char *id,
			  long version, const struct story_input *in, const char *now,
			  struct arena *a, struct err *e)
{
	struct db_param p[] = {DB_TEXT(id),
			       DB_INT(version),
			       DB_TEXT(in->title),
			       DB_TEXT(in->words),
			       DB_TEXT(typed_blank(in->public_title) ? NULL : in->public_title),
			       DB_TEXT(typed_blank(in->public_words) ? NULL : in->public_words),
			       DB_TEXT(in->share),
			       DB_TEXT(in->agreed_on),
			       DB_TEXT(in->agreed_how),
			       DB_TEXT(caller_user_id(who)),
			       DB_TEXT(now)};
	return db_query(c, a,
			"INSERT INTO story_versions (story_id, version, title, words,"
			" public_title, public_words, share, agreed_on, agreed_how, made_by,"
			" made_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
			p, NULL, e) < 0
		       ? RESULT_FAILED
		       : RESULT_OK;
}

/* Where a version leaves the story: the team's only, or waiting. */
static const char *state_for(const struct story_input *in)
{
	return strcmp(in->share, "team") == 0 ? "team_only" : "waiting";
}

/* Reads story id back after a change (a fresh connection). */
static int reload(struct db *db, const char *id, struct arena *a, struct story **out,
		  struct err *e)
{
	struct db_conn *c;
	if (db_acquire(db, &c, e) < 0)
		return RESULT_FAILED;
	int rc = load_on(c, id, a, out, e);
	db_release(c);
	return rc;
}

/* The stories in rows whose area the caller reaches by may (for
 * casework, or as a team leader reviewing), in the arena. */
static void stories_reached(const struct db_rows *rows, const struct caller *who,
			    bool (*may)(const struct caller *, const char *), struct arena *a,
			    struct story **out, size_t *count)
{
	*out = arena_alloc(a, (rows->row_count + 1) * sizeof **out);
	for (size_t r = 0; r < rows->row_count; r++) {
		struct story s;
		story_from_row(rows, r, &s);
		if (may(who, s.area_id))
			(*out)[(*count)++] = s;
	}
}

/* The end of a read of a list of stories on c: audited (of person_id
 * in area_id, or of no one person when NULL), and none kept if it
 * failed. */
static int read_done(struct db_conn *c, int rc, const struct caller *who,
		     const char *person_id, const char *area_id, struct story **out,
		     size_t *count, struct err *e)
{
	struct audit_entry entry = {"read", "story", person_id, area_id, NULL, NULL};
	rc = audit_read(c, rc, who, &entry, e);
	if (rc < 0) {
		*out = NULL;
		*count = 0;
	}
	return rc;
}

int story_create(struct db *db, const struct caller *who, const char *person_id,
		 const struct story_input *in, struct arena *a, struct story **out,
		 struct err *e)
{
	*out = NULL;
	err_clear(e);
	struct db_conn *c;
	if (db_transaction(db, &c, e) < 0)
		return RESULT_FAILED;
	char id[ID_HEX_LEN + 1], now[CLOCK_ISO8601_SIZE];
	id_new(id);
	clock_utc_iso8601(now, sizeof now);
	const char *area_id = NULL;
	int rc = person_area_on(c, who, person_id, a, &area_id, e);
	if (rc == RESULT_OK) {
		check(in, e);
		rc = err_invalid_if_any(e);
	}
	if (rc == RESULT_OK) {
		struct db_param p[] = {DB_TEXT(id), DB_TEXT(person_id), DB_TEXT(area_id),
				       DB_TEXT(state_for(in)), DB_TEXT(caller_user_id(who)),
				       DB_TEXT(now)};
		rc = db_query(c, a,
			      "INSERT INTO stories (id, person_id, area_id, version, review_state,"
			      " created_by, created_at, updated_at)"
			      " VALUES ($1, $2, $3, 1, $4, $5, $6, $6)",
			      p, NULL, e) < 0
			     ? RESULT_FAILED
			     : RESULT_OK;
	}
	if (rc == RESULT_OK)
		rc = insert_version(c, who, id, 1, in, now, a, e);
	struct audit_entry entry = {"create", "story", rc == RESULT_OK ? id : person_id, area_id,
				    NULL, NULL};
	rc = audit_commit_or_refuse(c, NULL, rc, who, &entry, e);
	return rc < 0 ? rc : reload(db, id, a, out, e);
}

int story_update(struct db *db, const struct caller *who, const char *id,
		 const char *person_id, const struct story_input *in, struct arena *a, struct story **out,
		 struct err *e)
{
	*out = NULL;
	err_clear(e);
	struct db_conn *c;
	if (db_transaction(db, &c, e) < 0)
		return RESULT_FAILED;
	char now[CLOCK_ISO8601_SIZE];
	clock_utc_iso8601(now, sizeof now);
	struct story *s = NULL;
	int rc = reach_on(c, who, id, person_id, a, &s, e);
	if (rc == RESULT_OK && strcmp(s->review_state, "withdrawn") == 0)
		rc = err_result(e, RESULT_CONFLICT, "They withdrew their agreement; it cannot "
						    "be changed");
	if (rc == RESULT_OK) {
		if (in->from_version < 1)
			err_field(e, "from_version", "Say which version you changed "
						     "(from_version), so a change made "
						     "meanwhile is not lost");
		check(in, e);
		rc = err_invalid_if_any(e);
	}
	/* Checked after the fields, so a clash is the one thing left to
	 * settle when the form is drawn again. */
	if (rc == RESULT_OK && in->from_version != s->version)
		rc = err_result(e, RESULT_CONFLICT, "Someone else changed this story meanwhile: "
						    "reload it and make your change again");
	if (rc == RESULT_OK) {
		/* A new version waits for review afresh: the review was of the
		 * words as they were. */
		struct db_param p[] = {DB_TEXT(id), DB_INT(s->version + 1), DB_TEXT(state_for(in)),
				       DB_TEXT(now), DB_INT(s->version)};
		rc = db_query(c, a,
			      "UPDATE stories SET version = $2, review_state = $3, updated_at = $4,"
			      " reviewed_by = NULL, reviewed_at = NULL"
			      " WHERE id = $1 AND version = $5",
			      p, NULL, e) < 0
			     ? RESULT_FAILED
			     : RESULT_OK;
	}
	if (rc == RESULT_OK)
		rc = insert_version(c, who, id, s->version + 1, in, now, a, e);
	struct audit_entry entry = {"update", "story", id, s ? s->area_id : NULL, NULL, NULL};
	rc = audit_commit_or_refuse(c, NULL, rc, who, &entry, e);
	return rc < 0 ? rc : reload(db, id, a, out, e);
}

int story_get(struct db *db, const struct caller *who, const char *id, struct arena *a,
	      struct story **out, struct err *e)
{
	struct db_conn *c;
	if (db_acquire(db, &c, e) < 0)
		return RESULT_FAILED;
	int rc = reach_on(c, who, id, NULL, a, out, e);
	struct audit_entry entry = {"read", "story", id, *out ? (*out)->area_id : NULL, NULL,
				    NULL};
	rc = audit_read(c, rc, who, &entry, e);
	if (rc < 0)
		*out = NULL;
	return rc;
}

int story_list(struct db *db, const struct caller *who, const char *person_id,
	       struct arena *a, struct story **out, size_t *count, struct err *e)
{
	*out = NULL;
	*count = 0;
	struct db_conn *c;
	if (db_acquire(db, &c, e) < 0)
		return RESULT_FAILED;
	const char *area_id = NULL;
	struct db_rows rows;
	struct db_param p[] = {DB_TEXT(person_id)};
	int rc = person_area_on(c, who, person_id, a, &area_id, e);
	if (rc == RESULT_OK)
		rc = db_query(c, a,
			      "SELECT " STORY_COLUMNS STORY_FROM " WHERE s.person_id = $1"
			      " ORDER BY s.created_at DESC, s.id DESC",
			      p, &rows, e) < 0
			     ? RESULT_FAILED
			     : RESULT_OK;
	/* One kept in an area the person has since left is reached through
	 * its own area. */
	if (rc == RESULT_OK)
		stories_reached(&rows, who, access_casework, a, out, count);
	return read_done(c, rc, who, person_id, area_id, out, count, e);
}

int story_review(struct db *db, const struct caller *who, const char *id,
		 const char *decision, const char *note, struct arena *a, struct story **out,
		 struct err *e)
{
	*out = NULL;
	err_clear(e);
	struct db_conn *c;
	if (db_transaction(db, &c, e) < 0)
		return RESULT_FAILED;
	struct story *s = NULL;
	int rc = reach_on(c, who, id, NULL, a, &s, e);
	if (rc == RESULT_OK && !access_audit_area(who, s->area_id))
		rc = err_result(e, RESULT_FORBIDDEN, "Only a team leader of their area reviews "
						     "a story");
	if (rc == RESULT_OK && strcmp(s->review_state, "waiting") != 0)
		rc = err_result(e, RESULT_CONFLICT, "This story is not waiting for review");
	bool returning = decision && strcmp(decision, "return") == 0;
	if (rc == RESULT_OK) {
		if (names_index(decision, story_decisions) < 0)
			err_field(e, "decision", "Approve the story, or return it with a note");
		typed_check_text(e, "note", note, STORY_NOTE_MAX, true,
				 returning ? "Say what needs to change before it can go further"
					   : NULL,
				 "The note");
		rc = err_invalid_if_any(e);
	}
	if (rc == RESULT_OK) {
		char now[CLOCK_ISO8601_SIZE];
		clock_utc_iso8601(now, sizeof now);
		struct db_param p[] = {DB_TEXT(id), DB_TEXT(returning ? "returned" : "approved"),
				       DB_TEXT(caller_user_id(who)), DB_TEXT(now),
				       DB_TEXT(typed_blank(note) ? NULL : note)};
		rc = db_query(c, a,
			      "UPDATE stories SET review_state = $2, reviewed_by = $3,"
			      " reviewed_at = $4, review_note = $5, updated_at = $4"
			      " WHERE id = $1 AND review_state = 'waiting'",
			      p, NULL, e) < 0
			     ? RESULT_FAILED
			     : RESULT_OK;
	}
	struct audit_entry entry = {"review", "story", id, s ? s->area_id : NULL, NULL, NULL};
	rc = audit_commit_or_refuse(c, NULL, rc, who, &entry, e);
	return rc < 0 ? rc : reload(db, id, a, out, e);
}

int story_withdraw(struct db *db, const struct caller *who, const char *id,
		   const char *person_id, const char *withdrawn_on, const char *withdrawn_how, struct arena *a,
		   struct story **out, struct err *e)
{
	*out = NULL;
	err_clear(e);
	struct db_conn *c;
	if (db_transaction(db, &c, e) < 0)
		return RESULT_FAILED;
	struct story *s = NULL;
	int rc = reach_on(c, who, id, person_id, a, &s, e);
	if (rc == RESULT_OK && strcmp(s->review_state, "withdrawn") == 0)
		rc = err_result(e, RESULT_CONFLICT, "They withdrew their agreement already");
	if (rc == RESULT_OK) {
		typed_check_day(e, "withdrawn_on", withdrawn_on, "they withdrew it");
		if (names_index(withdrawn_how, story_agreed_hows) < 0)
			err_field(e, "withdrawn_how", "Say how they told us: in person, by phone "
						      "or on paper");
		rc = err_invalid_if_any(e);
	}
	if (rc == RESULT_OK) {
		char now[CLOCK_ISO8601_SIZE];
		clock_utc_iso8601(now, sizeof now);
		struct db_param p[] = {DB_TEXT(id), DB_TEXT(withdrawn_on), DB_TEXT(withdrawn_how),
				       DB_TEXT(caller_user_id(who)), DB_TEXT(now)};
		rc = db_query(c, a,
			      "UPDATE stories SET review_state = 'withdrawn', withdrawn_on = $2,"
			      " withdrawn_how = $3, withdrawn_by = $4, updated_at = $5"
			      " WHERE id = $1",
			      p, NULL, e) < 0
			     ? RESULT_FAILED
			     : RESULT_OK;
	}
	struct audit_entry entry = {"withdraw", "story", id, s ? s->area_id : NULL, NULL, NULL};
	rc = audit_commit_or_refuse(c, NULL, rc, who, &entry, e);
	return rc < 0 ? rc : reload(db, id, a, out, e);
}

int story_waiting(struct db *db, const struct caller *who, struct arena *a,
		  struct story **out, size_t *count, struct err *e)
{
	*out = NULL;
	*count = 0;
	struct db_conn *c;
	if (db_acquire(db, &c, e) < 0)
		return RESULT_FAILED;
	struct db_rows rows;
	int rc = db_query_plain(c, a,
				"SELECT " STORY_COLUMNS STORY_FROM " WHERE s.review_state = 'waiting'"
				" ORDER BY s.updated_at, s.id",
				&rows, e) < 0
			 ? RESULT_FAILED
			 : RESULT_OK;
	if (rc == RESULT_OK)
		stories_reached(&rows, who, access_audit_area, a, out, count);
	return read_done(c, rc, who, NULL, NULL, out, count, e);
}

int story_waiting_count(struct db *db, const struct caller *who, struct arena *a, long *count,
			struct err *e)
{
	*count = 0;
	struct db_conn *c;
	if (db_acquire(db, &c, e) < 0)
		return RESULT_FAILED;
	struct db_rows rows;
	int rc = db_query_plain(c, a,
				"SELECT area_id, count(*) FROM stories WHERE review_state = 'waiting'"
				" GROUP BY area_id",
				&rows, e) < 0
			 ? RESULT_FAILED
			 : RESULT_OK;
	db_release(c);
	for (size_t r = 0; rc == RESULT_OK && r < rows.row_count; r++)
		if (access_audit_area(who, db_cell(&rows, r, 0)))
			*count += strtol(db_cell(&rows, r, 1), NULL, 10);
	return rc;
}

int story_shared(struct db *db, const struct caller *who, struct arena *a,
		 struct story **out, size_t *count, struct err *e)
{
	*out = NULL;
	*count = 0;
	struct db_conn *c;
	if (db_acquire(db, &c, e) < 0)
		return RESULT_FAILED;
	struct db_rows rows;
	/* Every area's, filtered here by who may read which: the areas a
	 * caller leads are few, the approved stories fewer. */
	int rc = db_query_plain(c, a,
				"SELECT " STORY_COLUMNS STORY_FROM " WHERE s.review_state = 'approved'"
				" AND v.share IN ('council', 'public')"
				" ORDER BY s.reviewed_at DESC, s.id DESC",
				&rows, e) < 0
			 ? RESULT_FAILED
			 : RESULT_OK;
	bool every_area = access_has_role(who, USER_PROGRAMME_MANAGER);
	/* A token with reports.read reaches GET /reports/stories: the
	 * public ones only. */
	bool token = who->kind == CALLER_TOKEN;
	if (rc == RESULT_OK) {
		*out = arena_alloc(a, (rows.row_count + 1) * sizeof **out);
		for (size_t r = 0; r < rows.row_count; r++) {
			struct story s;
			story_from_row(&rows, r, &s);
			bool public = strcmp(s.current.share, "public") == 0;
			if (!(every_area || (token && public) || access_audit_area(who, s.area_id)))
				continue;
			/* Beyond the team: never who it is, and for the public
			 * only the title and words without identifying detail. */
			s.person_id = NULL;
			s.person_name = NULL;
			if (public) {
				s.current.title = s.current.public_title;
				s.current.words = s.current.public_words;
			}
			s.current.public_title = NULL;
			s.current.public_words = NULL;
			(*out)[(*count)++] = s;
		}
	}
	return read_done(c, rc, who, NULL, NULL, out, count, e);
}
