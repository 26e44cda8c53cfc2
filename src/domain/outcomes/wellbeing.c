/* The ONS four, sitting by sitting, each measure kept on its own. */
#include "domain/outcomes/wellbeing.h"

#include "core/arena.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/id.h"
#include "core/names.h"
#include "db/db.h"
#include "domain/outcomes/measures.h"
#include "domain/outcomes/standing.h"
#include "domain/outcomes/typed.h"
#include "domain/people/person.h"
#include "domain/staff/access.h"
#include "domain/staff/audit.h"

#include <stdlib.h>
#include <string.h>

const char *const wellbeing_points[] = {"start", "review", "end", NULL};

static const char NOT_HERS[] = "They have no wellbeing answers with that id.";

/* Every field at fault. */
static void check(const struct wellbeing_input *in, struct err *e)
{
	if (names_index(in->point, wellbeing_points) < 0)
		err_field(e, "point", "Say when these were asked: at the start, at a review "
				      "or at the end");
	typed_check_day(e, "taken_on", in->taken_on, "they answered");
	size_t answered = 0;
	for (size_t i = 0; i < 4; i++) {
		int x = in->answers[i];
		if (x == WELLBEING_NOT_ANSWERED)
			continue;
		answered++;
		if (x < 0 || x > 10)
			err_field(e, wellbeing_measures[i].key, "%s: a number from 0 to 10, or "
								"not answered",
				  wellbeing_measures[i].title);
	}
	if (in->declined && answered)
		err_field(e, "declined", "They declined the questions, so leave every answer "
					 "blank");
	else if (!in->declined && !answered)
		err_field(e, "declined", "Record at least one answer, or that they chose not "
					 "to answer");
}

/* The involvement a sitting belongs to: the open one, else the latest;
 * *id NULL when the person has none. */
static int involvement_of(struct db_conn *c, const char *person_id, struct arena *a,
			  const char **id, struct err *e)
{
	struct db_param p[] = {DB_TEXT(person_id)};
	struct db_rows rows;
	*id = NULL;
	if (db_query(c, a,
		     "SELECT v.id FROM involvements v"
		     " JOIN involvement_people ip ON ip.involvement_id = v.id"
		     " WHERE ip.person_id = $1"
		     " ORDER BY CASE WHEN v.ended_on IS NULL THEN 0 ELSE 1 END,"
		     " v.started_on DESC, v.created_at DESC, v.id DESC LIMIT 1",
		     p, &rows, e) < 0)
		return RESULT_FAILED;
	if (rows.row_count)
		*id = db_cell(&rows, 0, 0);
	return RESULT_OK;
}

static struct db_param answer_param(int x)
{
	return x == WELLBEING_NOT_ANSWERED ? DB_NULL : DB_INT(x);
}

int wellbeing_record(struct db *db, const struct caller *who, const char *person_id,
		     const struct wellbeing_input *in, struct arena *a, const char **id,
		     struct err *e)
{
	*id = NULL;
	err_clear(e);
	struct db_conn *c;
	if (db_transaction(db, &c, e) < 0)
		return RESULT_FAILED;
	const char *area_id = NULL, *involvement_id = NULL;
	char new_id[ID_HEX_LEN + 1];
	id_new(new_id);
	int rc = person_area_on(c, who, person_id, a, &area_id, e);
	if (rc == RESULT_OK)
		rc = involvement_of(c, person_id, a, &involvement_id, e);
	if (rc == RESULT_OK) {
		check(in, e);
		if (!involvement_id)
			err_field(e, "involvement", "They have not yet been with the programme: "
						    "open their time with it first");
		rc = err_invalid_if_any(e);
	}
	if (rc == RESULT_OK) {
		char now[CLOCK_ISO8601_SIZE];
		clock_utc_iso8601(now, sizeof now);
		struct db_param p[] = {DB_TEXT(new_id),
				       DB_TEXT(person_id),
				       DB_TEXT(involvement_id),
				       DB_TEXT(in->point),
				       DB_TEXT(in->taken_on),
				       DB_INT(in->declined ? 1 : 0),
				       answer_param(in->answers[0]),
				       answer_param(in->answers[1]),
				       answer_param(in->answers[2]),
				       answer_param(in->answers[3]),
				       DB_TEXT(caller_user_id(who)),
				       DB_TEXT(now)};
		rc = db_query(c, a,
			      "INSERT INTO wellbeing_answers (id, person_id, involvement_id, point,"
			      " taken_on, declined, life_satisfaction, worthwhile, happy, anxious,"
			      " created_by, created_at)"
			      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
			      p, NULL, e) < 0
			     ? RESULT_FAILED
			     : RESULT_OK;
	}
	if (rc == RESULT_OK)
		rc = standing_refresh(c, a, person_id, e);
	struct audit_entry entry = {"create", "wellbeing",
				    rc == RESULT_OK ? new_id : person_id, area_id, NULL, NULL};
	rc = audit_commit_or_refuse(c, NULL, rc, who, &entry, e);
	if (rc == RESULT_OK)
		*id = arena_strdup(a, new_id);
	return rc;
}

static int answer_of(const char *cell)
{
	return cell ? (int)strtol(cell, NULL, 10) : WELLBEING_NOT_ANSWERED;
}

int wellbeing_list(struct db *db, const struct caller *who, const char *person_id,
		   struct arena *a, struct wellbeing_sitting **out, size_t *count,
		   struct err *e)
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
			      "SELECT w.id, w.involvement_id, w.point, w.taken_on, w.declined,"
			      " w.life_satisfaction, w.worthwhile, w.happy, w.anxious,"
			      " u.display_name, w.created_at, w.withdrawn_at, w.withdrawn_why,"
			      " wu.display_name FROM wellbeing_answers w"
			      " LEFT JOIN users u ON u.id = w.created_by"
			      " LEFT JOIN users wu ON wu.id = w.withdrawn_by"
			      " WHERE w.person_id = $1 ORDER BY w.taken_on, w.created_at, w.id",
			      p, &rows, e) < 0
			     ? RESULT_FAILED
			     : RESULT_OK;
	if (rc == RESULT_OK) {
		*out = arena_alloc(a, (rows.row_count + 1) * sizeof **out);
		for (size_t r = 0; r < rows.row_count; r++) {
			struct wellbeing_sitting *s = &(*out)[(*count)++];
			*s = (struct wellbeing_sitting){
				.id = db_cell(&rows, r, 0),
				.involvement_id = db_cell(&rows, r, 1),
				.point = db_cell(&rows, r, 2),
				.taken_on = db_cell(&rows, r, 3),
				.declined = strcmp(db_cell(&rows, r, 4), "1") == 0,
				.created_by_name = db_cell(&rows, r, 9),
				.created_at = db_cell(&rows, r, 10),
				.withdrawn_at = db_cell(&rows, r, 11),
				.withdrawn_why = db_cell(&rows, r, 12),
				.withdrawn_by_name = db_cell(&rows, r, 13),
			};
			for (size_t i = 0; i < 4; i++)
				s->answers[i] = answer_of(db_cell(&rows, r, 5 + i));
		}
	}
	struct audit_entry entry = {"read", "wellbeing", person_id, area_id, NULL, NULL};
	rc = audit_read(c, rc, who, &entry, e);
	if (rc < 0) {
		*out = NULL;
		*count = 0;
	}
	return rc;
}

int wellbeing_withdraw(struct db *db, const struct caller *who, const char *person_id,
		       const char *id, const char *why, struct arena *a, struct err *e)
{
	err_clear(e);
	struct db_conn *c;
	if (db_transaction(db, &c, e) < 0)
		return RESULT_FAILED;
	const char *area_id = NULL;
	struct db_rows rows = {0};
	int rc = person_area_on(c, who, person_id, a, &area_id, e);
	if (rc == RESULT_OK) {
		struct db_param p[] = {DB_TEXT(id), DB_TEXT(person_id)};
		rc = db_query(c, a,
			      "SELECT withdrawn_at FROM wellbeing_answers"
			      " WHERE id = $1 AND person_id = $2",
			      p, &rows, e) < 0
			     ? RESULT_FAILED
			     : RESULT_OK;
	}
	if (rc == RESULT_OK && rows.row_count == 0)
		rc = err_not_found(e, "wellbeing", NOT_HERS);
	if (rc == RESULT_OK && db_cell(&rows, 0, 0))
		rc = err_result(e, RESULT_CONFLICT, "These answers were withdrawn already");
	if (rc == RESULT_OK) {
		typed_check_text(e, "why", why, WELLBEING_WHY_MAX, true,
				 "Say why these answers are withdrawn", "Why");
		rc = err_invalid_if_any(e);
	}
	if (rc == RESULT_OK) {
		char now[CLOCK_ISO8601_SIZE];
		clock_utc_iso8601(now, sizeof now);
		struct db_param p[] = {DB_TEXT(id), DB_TEXT(now), DB_TEXT(caller_user_id(who)),
				       DB_TEXT(why)};
		rc = db_query(c, a,
			      "UPDATE wellbeing_answers SET withdrawn_at = $2, withdrawn_by = $3,"
			      " withdrawn_why = $4 WHERE id = $1 AND withdrawn_at IS NULL",
			      p, NULL, e) < 0
			     ? RESULT_FAILED
			     : RESULT_OK;
	}
	if (rc == RESULT_OK)
		rc = standing_refresh(c, a, person_id, e);
	bool sitting = rc == RESULT_OK || rc == RESULT_INVALID || rc == RESULT_CONFLICT;
	struct audit_entry entry = {"withdraw", "wellbeing", sitting ? id : person_id, area_id,
				    NULL, NULL};
	return audit_commit_or_refuse(c, NULL, rc, who, &entry, e);
}
