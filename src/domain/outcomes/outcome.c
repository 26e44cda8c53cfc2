/* Outcomes: the statements a person rates themselves against, and their
 * sittings. */
#include "domain/outcomes/outcome.h"

#include "core/arena.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/id.h"
#include "core/names.h"
#include "core/utf8.h"
#include "db/db.h"
#include "domain/outcomes/standing.h"
#include "domain/outcomes/typed.h"
#include "domain/people/involvement.h"
#include "domain/people/person.h"
#include "domain/staff/access.h"
#include "domain/staff/audit.h"
#include "domain/staff/user.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const outcome_points[] = {"start", "review", "end", NULL};

/* Word for word as person.c says it of one that does not exist. */
static const char NO_PERSON[] = "There is no person with that id.";
static const char NO_STATEMENT[] = "There is no statement in use with that key.";

/* What is wrong with text typed for `what`, or NULL: too long, or a
 * character that cannot be kept. */
static const char *text_fault(const char *s, size_t max, bool multiline, const char *what,
			      struct arena *a)
{
	if (!s || utf8_text_ok(s, max, multiline))
		return NULL;
	if (utf8_length(s, strlen(s)) > max)
		return arena_printf(a, "%s must be %zu characters or fewer", what, max);
	return arena_printf(a, "%s has a control character, which cannot be kept: take it out",
			    what);
}

static void check_text(struct err *e, const char *path, const char *s, size_t max,
		       bool multiline, const char *what, struct arena *a)
{
	const char *fault = text_fault(s, max, multiline, what, a);
	if (fault)
		err_field(e, path, "%s", fault);
}

/* --- Statements --- */

#define STATEMENT_COLUMNS                                                                      \
	"s.id, s.key, s.version, s.framework, s.position, s.title, s.question, s.step_1,"     \
	" s.step_2, s.step_3, s.step_4, s.step_5, s.in_use"

/* From a row whose columns from `at` on are STATEMENT_COLUMNS. */
static struct outcome_statement statement_from_row(const struct db_rows *rows, size_t r,
						   size_t at)
{
	struct outcome_statement s = {
		.id = db_cell(rows, r, at),
		.key = db_cell(rows, r, at + 1),
		.version = strtol(db_cell(rows, r, at + 2), NULL, 10),
		.framework = db_cell(rows, r, at + 3),
		.position = strtol(db_cell(rows, r, at + 4), NULL, 10),
		.title = db_cell(rows, r, at + 5),
		.question = db_cell(rows, r, at + 6),
		.in_use = strcmp(db_cell(rows, r, at + 12), "1") == 0,
	};
	for (int i = 0; i < OUTCOME_STEPS; i++)
		s.steps[i] = db_cell(rows, r, at + 7 + (size_t)i);
	return s;
}

/* The statements in use, in position order, on c. */
static int in_use_on(struct db_conn *c, struct arena *a, struct outcome_statement **out,
		     size_t *count, struct err *e)
{
	struct db_rows rows;
	*count = 0;
	if (db_query_plain(c, a,
			   "SELECT " STATEMENT_COLUMNS " FROM outcome_statements s"
			   " WHERE s.in_use = 1 ORDER BY s.position, s.key",
			   &rows, e) < 0)
		return RESULT_FAILED;
	*out = arena_alloc(a, (rows.row_count + 1) * sizeof **out);
	for (size_t r = 0; r < rows.row_count; r++)
		(*out)[(*count)++] = statement_from_row(&rows, r, 0);
	return RESULT_OK;
}

int outcome_statements(struct db *db, const struct caller *who, bool with_retired,
		       struct arena *a, struct outcome_statement **out, size_t *count,
		       struct err *e)
{
	*out = NULL;
	*count = 0;
	err_clear(e);
	if (!who->user)
		return err_result(e, RESULT_FORBIDDEN, "Only staff see the outcome statements");
	struct db_conn *c;
	if (db_acquire(db, &c, e) < 0)
		return RESULT_FAILED;
	struct db_rows rows;
	struct db_param p[] = {DB_INT(with_retired ? 1 : 0)};
	/* A retired key is one whose latest version is not in use. */
	int rc = db_query(c, a,
			  "SELECT " STATEMENT_COLUMNS " FROM outcome_statements s"
			  " WHERE s.in_use = 1 OR ($1 = 1 AND s.version = (SELECT max(t.version)"
			  " FROM outcome_statements t WHERE t.key = s.key))"
			  " ORDER BY s.in_use DESC, s.position, s.key",
			  p, &rows, e);
	db_release(c);
	if (rc < 0)
		return RESULT_FAILED;
	*out = arena_alloc(a, (rows.row_count + 1) * sizeof **out);
	for (size_t r = 0; r < rows.row_count; r++)
		(*out)[(*count)++] = statement_from_row(&rows, r, 0);
	return RESULT_OK;
}

static void check_statement(const struct outcome_statement_input *in, struct arena *a,
			    struct err *e)
{
	if (typed_blank(in->title))
		err_field(e, "title", "Give the statement a short title, like \"Less isolated\"");
	else
		check_text(e, "title", in->title, OUTCOME_TITLE_MAX, false, "The title", a);
	if (typed_blank(in->question))
		err_field(e, "question", "Write the question the person is asked, in plain words");
	else
		check_text(e, "question", in->question, OUTCOME_TEXT_MAX, false, "The question",
			   a);
	for (int i = 0; i < OUTCOME_STEPS; i++) {
		char path[ERR_FIELD_PATH_MAX];
		snprintf(path, sizeof path, "step_%d", i + 1);
		if (typed_blank(in->steps[i]))
			err_field(e, path, "Write step %d in plain words", i + 1);
		else
			check_text(e, path, in->steps[i], OUTCOME_TEXT_MAX, false,
				   arena_printf(a, "Step %d", i + 1), a);
	}
}

static json_t *statement_json(const struct outcome_statement *s)
{
	if (!s)
		return NULL;
	return json_pack("{s:s, s:s, s:I, s:I, s:s, s:s, s:[s,s,s,s,s], s:b}", "id", s->id, "key",
			 s->key, "version", (json_int_t)s->version, "position",
			 (json_int_t)s->position, "title", s->title, "question", s->question,
			 "steps", s->steps[0], s->steps[1], s->steps[2], s->steps[3], s->steps[4],
			 "in_use", s->in_use);
}

/* The statement in use with key, on c; not found ("statement") else. */
static int statement_in_use_on(struct db_conn *c, const char *key, struct arena *a,
			       struct outcome_statement **out, struct err *e)
{
	struct db_rows rows;
	struct db_param p[] = {DB_TEXT(key)};
	if (db_query(c, a,
		     "SELECT " STATEMENT_COLUMNS " FROM outcome_statements s"
		     " WHERE s.key = $1 AND s.in_use = 1",
		     p, &rows, e) < 0)
		return RESULT_FAILED;
	if (!rows.row_count)
		return err_not_found(e, "statement", NO_STATEMENT);
	*out = arena_alloc(a, sizeof **out);
	**out = statement_from_row(&rows, 0, 0);
	return RESULT_OK;
}

static int insert_statement(struct db_conn *c, const struct caller *who,
			    const struct outcome_statement *s, struct arena *a, struct err *e)
{
	char now[CLOCK_ISO8601_SIZE];
	clock_utc_iso8601(now, sizeof now);
	struct db_param p[] = {DB_TEXT(s->id),	       DB_TEXT(s->key),	     DB_INT(s->version),
			       DB_TEXT(s->framework),  DB_INT(s->position),  DB_TEXT(s->title),
			       DB_TEXT(s->question),   DB_TEXT(s->steps[0]), DB_TEXT(s->steps[1]),
			       DB_TEXT(s->steps[2]),   DB_TEXT(s->steps[3]), DB_TEXT(s->steps[4]),
			       DB_TEXT(caller_user_id(who)), DB_TEXT(now)};
	return db_query(c, a,
			"INSERT INTO outcome_statements (id, key, version, framework, position,"
			" title, question, step_1, step_2, step_3, step_4, step_5, in_use,"
			" created_by, created_at)"
			" VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 1, $13, $14)",
			p, NULL, e) < 0
		       ? RESULT_FAILED
		       : RESULT_OK;
}

static bool may_manage(const struct caller *who)
{
	return access_has_role(who, USER_PROGRAMME_MANAGER | USER_ADMINISTRATOR);
}

static int refuse_manage(struct err *e)
{
	return err_result(e, RESULT_FORBIDDEN, "Only a programme manager or an administrator "
					       "changes the outcome statements");
}

/* The statement in, trimmed, for the key given (version after, at position). */
static struct outcome_statement statement_of(const struct outcome_statement_input *in,
					     const char *id, const char *key, long version,
					     const char *framework, long position,
					     struct arena *a)
{
	struct outcome_statement s = {id, key, version, framework, position,
				      arena_strdup_trimmed(a, in->title),
				      arena_strdup_trimmed(a, in->question), {0}, true};
	for (int i = 0; i < OUTCOME_STEPS; i++)
		s.steps[i] = arena_strdup_trimmed(a, in->steps[i]);
	return s;
}

/* The statement version id no longer asked, on c: its row stays, so the
 * sittings that answered it still read it. */
static int stop_asking(struct db_conn *c, const char *id, struct arena *a, struct err *e)
{
	struct db_param p[] = {DB_TEXT(id)};
	return db_query(c, a, "UPDATE outcome_statements SET in_use = 0 WHERE id = $1", p, NULL,
			e) < 0
		       ? RESULT_FAILED
		       : RESULT_OK;
}

/* A key from the title: lower-case letters and digits joined by "_",
 * and a few hex digits so two titles alike stay two keys. */
static const char *key_of(const char *title, const char *id, struct arena *a)
{
	size_t n = strlen(title);
	char *k = arena_alloc(a, n + 8);
	size_t o = 0;
	for (size_t i = 0; i < n && o < 40; i++) {
		char ch = title[i];
		if (ch >= 'A' && ch <= 'Z')
			ch = (char)(ch - 'A' + 'a');
		if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9'))
			k[o++] = ch;
		else if (o && k[o - 1] != '_')
			k[o++] = '_';
	}
	if (o && k[o - 1] != '_')
		k[o++] = '_';
	memcpy(k + o, id, 6);
	k[o + 6] = '\0';
	return k;
}

int outcome_statement_add(struct db *db, const struct caller *who,
			  const struct outcome_statement_input *in, struct arena *a,
			  struct outcome_statement **out, struct err *e)
{
	*out = NULL;
	err_clear(e);
	struct db_conn *c;
	if (db_transaction(db, &c, e) < 0)
		return RESULT_FAILED;
	int rc = may_manage(who) ? RESULT_OK : refuse_manage(e);
	struct outcome_statement *used = NULL, *s = NULL;
	size_t used_count = 0;
	if (rc == RESULT_OK) {
		check_statement(in, a, e);
		rc = err_invalid_if_any(e);
	}
	if (rc == RESULT_OK)
		rc = in_use_on(c, a, &used, &used_count, e);
	if (rc == RESULT_OK && used_count >= OUTCOME_STATEMENTS_MAX)
		rc = err_field(e, "title", "At most %d statements in use at once: retire one first",
			       OUTCOME_STATEMENTS_MAX);
	if (rc == RESULT_OK) {
		char id[ID_HEX_LEN + 1];
		id_new(id);
		s = arena_alloc(a, sizeof *s);
		long last = used_count ? used[used_count - 1].position : 0;
		*s = statement_of(in, arena_strdup(a, id), key_of(in->title, id, a), 1,
				  "programme", last + 1, a);
		rc = insert_statement(c, who, s, a, e);
	}
	struct audit_entry entry = {"create", "outcome_statement", s ? s->id : NULL, NULL, NULL,
				    s ? audit_changes_text(a, NULL, statement_json(s)) : NULL};
	rc = audit_commit_or_refuse(c, NULL, rc, who, &entry, e);
	if (rc == RESULT_OK)
		*out = s;
	return rc;
}

int outcome_statement_reword(struct db *db, const struct caller *who, const char *key,
			     const struct outcome_statement_input *in, struct arena *a,
			     struct outcome_statement **out, struct err *e)
{
	*out = NULL;
	err_clear(e);
	struct db_conn *c;
	if (db_transaction(db, &c, e) < 0)
		return RESULT_FAILED;
	int rc = may_manage(who) ? RESULT_OK : refuse_manage(e);
	struct outcome_statement *was = NULL, *s = NULL;
	if (rc == RESULT_OK)
		rc = statement_in_use_on(c, key, a, &was, e);
	if (rc == RESULT_OK) {
		check_statement(in, a, e);
		rc = err_invalid_if_any(e);
	}
	if (rc == RESULT_OK)
		rc = stop_asking(c, was->id, a, e);
	if (rc == RESULT_OK) {
		char id[ID_HEX_LEN + 1];
		id_new(id);
		s = arena_alloc(a, sizeof *s);
		*s = statement_of(in, arena_strdup(a, id), was->key, was->version + 1,
				  was->framework, was->position, a);
		rc = insert_statement(c, who, s, a, e);
	}
	struct audit_entry entry = {
		"update", "outcome_statement", s ? s->id : key, NULL, NULL,
		s ? audit_changes_text(a, statement_json(was), statement_json(s)) : NULL};
	rc = audit_commit_or_refuse(c, NULL, rc, who, &entry, e);
	if (rc == RESULT_OK)
		*out = s;
	return rc;
}

int outcome_statement_retire(struct db *db, const struct caller *who, const char *key,
			     struct err *e)
{
	err_clear(e);
	struct arena *a = arena_new();
	struct db_conn *c;
	if (db_transaction(db, &c, e) < 0) {
		arena_free(a);
		return RESULT_FAILED;
	}
	int rc = may_manage(who) ? RESULT_OK : refuse_manage(e);
	struct outcome_statement *was = NULL;
	if (rc == RESULT_OK)
		rc = statement_in_use_on(c, key, a, &was, e);
	if (rc == RESULT_OK)
		rc = stop_asking(c, was->id, a, e);
	struct outcome_statement after = was ? *was : (struct outcome_statement){0};
	after.in_use = false;
	struct audit_entry entry = {
		"retire", "outcome_statement", was ? was->id : key, NULL, NULL,
		was ? audit_changes_text(a, statement_json(was), statement_json(&after)) : NULL};
	return audit_commit_or_refuse(c, a, rc, who, &entry, e);
}

int outcome_statement_ask_again(struct db *db, const struct caller *who, const char *key,
				struct arena *a, struct outcome_statement **out, struct err *e)
{
	*out = NULL;
	err_clear(e);
	struct db_conn *c;
	if (db_transaction(db, &c, e) < 0)
		return RESULT_FAILED;
	int rc = may_manage(who) ? RESULT_OK : refuse_manage(e);
	struct outcome_statement *used = NULL, *was = NULL, *s = NULL;
	size_t used_count = 0;
	struct db_rows rows = {0};
	/* Its last version, and whether any version of it is asked now. */
	if (rc == RESULT_OK &&
	    db_query(c, a,
		     "SELECT " STATEMENT_COLUMNS " FROM outcome_statements s WHERE s.key = $1"
		     " ORDER BY s.version DESC",
		     (struct db_param[]){DB_TEXT(key)}, &rows, e) < 0)
		rc = RESULT_FAILED;
	if (rc == RESULT_OK && rows.row_count == 0)
		rc = err_not_found(e, "statement", "There is no statement with that key.");
	if (rc == RESULT_OK) {
		was = arena_alloc(a, sizeof *was);
		*was = statement_from_row(&rows, 0, 0);
		if (was->in_use)
			rc = err_result(e, RESULT_CONFLICT, "%s is asked already", was->title);
	}
	if (rc == RESULT_OK)
		rc = in_use_on(c, a, &used, &used_count, e);
	if (rc == RESULT_OK && used_count >= OUTCOME_STATEMENTS_MAX)
		rc = err_result(e, RESULT_CONFLICT,
				"At most %d statements in use at once: retire one first",
				OUTCOME_STATEMENTS_MAX);
	/* A new version with the last wording, asked last: the retired row
	 * stays as it was, so the record shows when it was not asked. */
	if (rc == RESULT_OK) {
		char id[ID_HEX_LEN + 1];
		id_new(id);
		s = arena_alloc(a, sizeof *s);
		*s = *was;
		s->id = arena_strdup(a, id);
		s->version = was->version + 1;
		s->position = used_count ? used[used_count - 1].position + 1 : 1;
		s->in_use = true;
		rc = insert_statement(c, who, s, a, e);
	}
	struct audit_entry entry = {
		"ask_again", "outcome_statement", s ? s->id : key, NULL, NULL,
		s ? audit_changes_text(a, statement_json(was), statement_json(s)) : NULL};
	rc = audit_commit_or_refuse(c, NULL, rc, who, &entry, e);
	if (rc == RESULT_OK)
		*out = s;
	return rc;
}

static int set_position(struct db_conn *c, const char *id, long position, struct arena *a,
			struct err *e)
{
	struct db_param p[] = {DB_INT(position), DB_TEXT(id)};
	return db_query(c, a, "UPDATE outcome_statements SET position = $1 WHERE id = $2", p,
			NULL, e) < 0
		       ? RESULT_FAILED
		       : RESULT_OK;
}

int outcome_statement_move(struct db *db, const struct caller *who, const char *key,
			   long position, struct err *e)
{
	err_clear(e);
	struct arena *a = arena_new();
	struct db_conn *c;
	if (db_transaction(db, &c, e) < 0) {
		arena_free(a);
		return RESULT_FAILED;
	}
	int rc = may_manage(who) ? RESULT_OK : refuse_manage(e);
	struct outcome_statement *was = NULL, *used = NULL;
	size_t n = 0;
	if (rc == RESULT_OK)
		rc = statement_in_use_on(c, key, a, &was, e);
	if (rc == RESULT_OK)
		rc = in_use_on(c, a, &used, &n, e);
	if (rc == RESULT_OK && (position < 1 || (size_t)position > n))
		rc = err_field(e, "position", "The place to move it to: from 1 to %zu", n);
	/* Every statement in use numbered afresh, 1 up, with this one at
	 * position and the others in their order around it. */
	for (size_t i = 0, at = 1; rc == RESULT_OK && i < n; i++) {
		if (strcmp(used[i].key, key) == 0)
			continue;
		if ((long)at == position)
			at++;
		rc = set_position(c, used[i].id, (long)at++, a, e);
	}
	if (rc == RESULT_OK)
		rc = set_position(c, was->id, position, a, e);
	struct outcome_statement after = was ? *was : (struct outcome_statement){0};
	after.position = position;
	struct audit_entry entry = {
		"reorder", "outcome_statement", was ? was->id : key, NULL, NULL,
		was ? audit_changes_text(a, statement_json(was), statement_json(&after)) : NULL};
	return audit_commit_or_refuse(c, a, rc, who, &entry, e);
}

/* --- Sittings --- */

/* The involvement a sitting belongs to: the one given, if it is the
 * person's, else their open walking alongside; its area in *area_id.
 * Not found ("person") when out of reach; a field error "involvement"
 * when there is none to record against. */
static int involvement_of(struct db_conn *c, const struct caller *who, const char *person_id,
			  const char *given, struct arena *a, const char **id,
			  const char **area_id, struct err *e)
{
	*id = NULL;
	if (given) {
		struct db_rows rows;
		struct db_param p[] = {DB_TEXT(person_id), DB_TEXT(given)};
		if (db_query(c, a,
			     "SELECT v.id, v.area_id FROM involvements v"
			     " JOIN involvement_people ip ON ip.involvement_id = v.id"
			     " WHERE ip.person_id = $1 AND v.id = $2",
			     p, &rows, e) < 0)
			return RESULT_FAILED;
		if (!rows.row_count)
			return err_field(e, "involvement", "That is not one of their times with "
							   "the programme");
		*id = db_cell(&rows, 0, 0);
		*area_id = db_cell(&rows, 0, 1);
	} else {
		struct involvement *v = NULL;
		if (involvement_current_on(c, person_id, a, &v, e) < 0)
			return RESULT_FAILED;
		if (!v || strcmp(v->kind, "walking_alongside") != 0)
			return err_field(e, "involvement", "They are not walking alongside a "
							   "coordinator now, so there is nothing to "
							   "record this against");
		*id = v->id;
		*area_id = v->area_id;
	}
	if (!access_casework(who, *area_id))
		return err_not_found(e, "person", NO_PERSON);
	return RESULT_OK;
}

static void check_review(const struct outcome_review_input *in, const char *taken_on,
			 const struct outcome_statement *used, size_t used_count,
			 struct arena *a, struct err *e)
{
	if (names_index(in->point, outcome_points) < 0)
		err_field(e, "point", "When is this? Choose the start, a review or the end");
	typed_check_past(e, "taken_on", taken_on, "The day you did this together");
	if (in->declined) {
		check_text(e, "declined_words", in->declined_words, OUTCOME_WORDS_MAX, true,
			   "What they said", a);
		if (in->answer_count)
			err_field(e, "answers", "A sitting they declined has no answers");
		return;
	}
	if (in->answer_count > used_count)
		err_field(e, "answers", "There are %zu statements to answer", used_count);
	/* Every statement in use answered once, by id, in any order. */
	bool *seen = arena_alloc(a, (used_count + 1) * sizeof *seen);
	for (size_t n = 0; n < in->answer_count && n < used_count; n++) {
		const struct outcome_answer_input *x = &in->answers[n];
		char path[ERR_FIELD_PATH_MAX];
		size_t i = 0;
		while (i < used_count && !(x->statement_id && strcmp(used[i].id, x->statement_id) == 0))
			i++;
		snprintf(path, sizeof path, "answers.%zu.statement_id", n);
		if (i == used_count || seen[i]) {
			err_field(e, path, "This is not a statement asked now, or it is given twice");
			continue;
		}
		seen[i] = true;
		snprintf(path, sizeof path, "answers.%zu.rating", n);
		if (x->rating != OUTCOME_NOT_SAID && (x->rating < 1 || x->rating > 5))
			err_field(e, path, "%s: choose where they are, or \u201cI\u2019d rather "
					   "not say\u201d",
				  used[i].title);
		snprintf(path, sizeof path, "answers.%zu.words", n);
		check_text(e, path, x->words, OUTCOME_WORDS_MAX, true,
			   arena_printf(a, "%s: in their words", used[i].title), a);
	}
	for (size_t i = 0; i < used_count && in->answer_count <= used_count; i++)
		if (!seen[i])
			err_field(e, "answers", "%s: choose where they are, or \u201cI\u2019d "
						"rather not say\u201d",
				  used[i].title);
}

static int insert_review(struct db_conn *c, const struct caller *who, const char *id,
			 const char *person_id, const char *involvement_id,
			 const struct outcome_review_input *in, const char *taken_on,
			 struct arena *a, struct err *e)
{
	char now[CLOCK_ISO8601_SIZE];
	clock_utc_iso8601(now, sizeof now);
	const char *declined_words = in->declined && !typed_blank(in->declined_words)
					     ? in->declined_words
					     : NULL;
	struct db_param p[] = {DB_TEXT(id),	   DB_TEXT(person_id),
			       DB_TEXT(involvement_id), DB_TEXT(in->point),
			       DB_TEXT(taken_on),	   DB_INT(in->declined ? 1 : 0),
			       DB_TEXT(declined_words), DB_TEXT(caller_user_id(who)),
			       DB_TEXT(now)};
	if (db_query(c, a,
		     "INSERT INTO outcome_reviews (id, person_id, involvement_id, point, taken_on,"
		     " declined, declined_words, created_by, created_at)"
		     " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
		     p, NULL, e) < 0)
		return RESULT_FAILED;
	for (size_t n = 0; !in->declined && n < in->answer_count; n++) {
		const struct outcome_answer_input *x = &in->answers[n];
		struct db_param q[] = {DB_TEXT(id), DB_TEXT(x->statement_id),
				       x->rating == OUTCOME_NOT_SAID ? DB_NULL : DB_INT(x->rating),
				       DB_TEXT(typed_blank(x->words) ? NULL : x->words)};
		if (db_query(c, a,
			     "INSERT INTO outcome_ratings (review_id, statement_id, rating, words)"
			     " VALUES ($1, $2, $3, $4)",
			     q, NULL, e) < 0)
			return RESULT_FAILED;
	}
	return RESULT_OK;
}

/* The person's sittings on c, oldest first, with their ratings; only
 * review_id's when it is not NULL. */
static int reviews_on(struct db_conn *c, const char *person_id, const char *review_id,
		      struct arena *a, struct outcome_review **out, size_t *count,
		      struct err *e)
{
	struct db_param p[] = {DB_TEXT(person_id), DB_TEXT(review_id)};
	struct db_rows reviews, ratings;
	*count = 0;
	if (db_query(c, a,
		     "SELECT r.id, r.involvement_id, r.point, r.taken_on, r.declined,"
		     " r.declined_words, cu.display_name, r.created_at, r.withdrawn_at,"
		     " wu.display_name, r.withdrawn_why FROM outcome_reviews r"
		     " LEFT JOIN users cu ON cu.id = r.created_by"
		     " LEFT JOIN users wu ON wu.id = r.withdrawn_by"
		     " WHERE r.person_id = $1 AND r.id = coalesce($2, r.id)"
		     " ORDER BY r.taken_on, r.created_at, r.id",
		     p, &reviews, e) < 0 ||
	    db_query(c, a,
		     "SELECT g.review_id, g.rating, g.words, " STATEMENT_COLUMNS
		     " FROM outcome_ratings g JOIN outcome_reviews r ON r.id = g.review_id"
		     " JOIN outcome_statements s ON s.id = g.statement_id"
		     " WHERE r.person_id = $1 AND r.id = coalesce($2, r.id)"
		     " ORDER BY s.position, s.key",
		     p, &ratings, e) < 0)
		return RESULT_FAILED;
	*out = arena_alloc(a, (reviews.row_count + 1) * sizeof **out);
	for (size_t r = 0; r < reviews.row_count; r++) {
		struct outcome_review *v = &(*out)[(*count)++];
		*v = (struct outcome_review){
			.id = db_cell(&reviews, r, 0),
			.involvement_id = db_cell(&reviews, r, 1),
			.point = db_cell(&reviews, r, 2),
			.taken_on = db_cell(&reviews, r, 3),
			.declined = strcmp(db_cell(&reviews, r, 4), "1") == 0,
			.declined_words = db_cell(&reviews, r, 5),
			.created_by_name = db_cell(&reviews, r, 6),
			.created_at = db_cell(&reviews, r, 7),
			.withdrawn_at = db_cell(&reviews, r, 8),
			.withdrawn_by_name = db_cell(&reviews, r, 9),
			.withdrawn_why = db_cell(&reviews, r, 10),
		};
		v->ratings = arena_alloc(a, (ratings.row_count + 1) * sizeof *v->ratings);
		for (size_t g = 0; g < ratings.row_count; g++) {
			if (strcmp(db_cell(&ratings, g, 0), v->id) != 0)
				continue;
			const char *rating = db_cell(&ratings, g, 1);
			v->ratings[v->rating_count++] = (struct outcome_rating){
				statement_from_row(&ratings, g, 3),
				rating ? (int)strtol(rating, NULL, 10) : OUTCOME_NOT_SAID,
				db_cell(&ratings, g, 2)};
		}
	}
	return RESULT_OK;
}

int outcome_review_record(struct db *db, const struct caller *who, const char *person_id,
			  const struct outcome_review_input *in, struct arena *a,
			  struct outcome_review **out, struct err *e)
{
	*out = NULL;
	err_clear(e);
	char today[11];
	typed_today(today);
	const char *taken_on = in->taken_on ? in->taken_on : today;
	struct db_conn *c;
	if (db_transaction(db, &c, e) < 0)
		return RESULT_FAILED;
	const char *area_id = NULL, *involvement_id = NULL;
	struct outcome_statement *used = NULL;
	size_t used_count = 0;
	char id[ID_HEX_LEN + 1];
	id_new(id);
	int rc = person_area_on(c, who, person_id, a, &area_id, e);
	if (rc == RESULT_OK)
		rc = in_use_on(c, a, &used, &used_count, e);
	if (rc == RESULT_OK) {
		/* A field error on the involvement is reported with the others. */
		int found = involvement_of(c, who, person_id, in->involvement_id, a,
					   &involvement_id, &area_id, e);
		if (found != RESULT_INVALID)
			rc = found;
	}
	if (rc == RESULT_OK) {
		check_review(in, taken_on, used, used_count, a, e);
		rc = err_invalid_if_any(e);
	}
	if (rc == RESULT_OK)
		rc = insert_review(c, who, id, person_id, involvement_id, in, taken_on, a, e);
	if (rc == RESULT_OK)
		rc = standing_refresh(c, a, person_id, e);
	struct audit_entry entry = {"create", "outcome_review",
				    rc == RESULT_OK ? id : person_id, area_id, NULL, NULL};
	rc = audit_commit_or_refuse(c, NULL, rc, who, &entry, e);
	if (rc < 0)
		return rc;
	size_t n;
	if (db_acquire(db, &c, e) < 0)
		return RESULT_FAILED;
	rc = reviews_on(c, person_id, id, a, out, &n, e);
	db_release(c);
	return rc;
}

int outcome_review_list(struct db *db, const struct caller *who, const char *person_id,
			struct arena *a, const char **person_name, struct outcome_review **out,
			size_t *count, struct err *e)
{
	*person_name = NULL;
	*out = NULL;
	*count = 0;
	err_clear(e);
	struct db_conn *c;
	if (db_acquire(db, &c, e) < 0)
		return RESULT_FAILED;
	const char *area_id = NULL;
	int rc = person_area_on(c, who, person_id, a, &area_id, e);
	struct db_rows name;
	struct db_param p[] = {DB_TEXT(person_id)};
	if (rc == RESULT_OK &&
	    db_query(c, a, "SELECT coalesce(preferred_name, name) FROM people WHERE id = $1", p,
		     &name, e) < 0)
		rc = RESULT_FAILED;
	if (rc == RESULT_OK) {
		*person_name = db_cell(&name, 0, 0);
		rc = reviews_on(c, person_id, NULL, a, out, count, e);
	}
	struct audit_entry entry = {"read", "outcome_review", person_id, area_id, NULL, NULL};
	rc = audit_read(c, rc, who, &entry, e);
	if (rc < 0) {
		*out = NULL;
		*count = 0;
	}
	return rc;
}

int outcome_review_withdraw(struct db *db, const struct caller *who, const char *person_id,
			    const char *review_id, const char *why, struct err *e)
{
	err_clear(e);
	struct arena *a = arena_new();
	struct db_conn *c;
	if (db_transaction(db, &c, e) < 0) {
		arena_free(a);
		return RESULT_FAILED;
	}
	const char *area_id = NULL;
	struct outcome_review *r = NULL;
	size_t n = 0;
	int rc = person_area_on(c, who, person_id, a, &area_id, e);
	if (rc == RESULT_OK)
		rc = reviews_on(c, person_id, review_id, a, &r, &n, e);
	if (rc == RESULT_OK && n == 0)
		rc = err_not_found(e, "review", "They have no sitting with that id.");
	if (rc == RESULT_OK && r->withdrawn_at)
		rc = err_result(e, RESULT_CONFLICT, "This was withdrawn already");
	if (rc == RESULT_OK) {
		if (typed_blank(why))
			err_field(e, "why", "Why it is withdrawn: say why, like \u201crecorded "
					    "for the wrong person\u201d");
		else
			check_text(e, "why", why, OUTCOME_WORDS_MAX, true, "Why it is withdrawn", a);
		rc = err_invalid_if_any(e);
	}
	char now[CLOCK_ISO8601_SIZE];
	clock_utc_iso8601(now, sizeof now);
	struct db_param p[] = {DB_TEXT(now), DB_TEXT(caller_user_id(who)), DB_TEXT(why),
			       DB_TEXT(review_id)};
	if (rc == RESULT_OK &&
	    db_query(c, a,
		     "UPDATE outcome_reviews SET withdrawn_at = $1, withdrawn_by = $2,"
		     " withdrawn_why = $3 WHERE id = $4 AND withdrawn_at IS NULL",
		     p, NULL, e) < 0)
		rc = RESULT_FAILED;
	if (rc == RESULT_OK)
		rc = standing_refresh(c, a, person_id, e);
	struct audit_entry entry = {"withdraw", "outcome_review",
				    rc == RESULT_NOT_FOUND ? person_id : review_id, area_id, NULL,
				    NULL};
	return audit_commit_or_refuse(c, a, rc, who, &entry, e);
}
