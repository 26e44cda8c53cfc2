/* The shared agreement: its versions, each whole, and how two compare. */
#include "domain/people/agreement.h"

#include "core/arena.h"
#include "core/clock.h"
#include "core/date.h"
#include "core/err.h"
#include "core/id.h"
#include "core/names.h"
#include "core/sb.h"
#include "core/utf8.h"
#include "db/db.h"
#include "domain/people/involvement.h"
#include "domain/people/person.h"
#include "domain/staff/access.h"
#include "domain/staff/audit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

const char *const agreement_takers[] = {"person", "coordinator", "family", "community",
					"service", NULL};
const char *const agreement_step_states[] = {"not_yet", "done", "changed", NULL};
const char *const agreement_askers[] = {"person", "together", "coordinator", NULL};
const char *const agreement_agreed_hows[] = {"in_person", "phone", "paper", NULL};
const char *const agreement_states[] = {"in_place", "ended", NULL};

#define OTHER_PLAN_NOTE_MAX AGREEMENT_WORDS_MAX

static const char NO_AGREEMENT[] = "They have no agreement yet.";
/* Word for word as person.c says it of one that does not exist. */
static const char NO_PERSON[] = "There is no person with that id.";
static const char CHANGED_MEANWHILE[] =
	"Someone else changed this agreement meanwhile: reload it and make your change again";

static bool same(const char *x, const char *y)
{
	return x == y || (x && y && strcmp(x, y) == 0);
}

/* What is wrong with text typed for `what` ("The goal"), or NULL: too
 * long, or a character that cannot be kept (the words of import.c's
 * check of the same). */
static const char *text_fault(const char *s, size_t max, bool multiline, const char *what,
			      struct arena *a)
{
	if (!s || utf8_text_ok(s, max, multiline))
		return NULL;
	if (utf8_length(s, strlen(s)) > max)
		return arena_printf(a, "%s: up to %zu characters", what, max);
	return arena_printf(a, "%s has %s, which cannot be kept: take it out", what,
			    multiline ? "a tab or another control character"
				      : "a line break, a tab or another control character");
}

/* Needed words: what is missing or wrong, or NULL. */
static const char *words_fault(const char *s, size_t max, const char *what, const char *missing,
			       struct arena *a)
{
	if (!s || s[strspn(s, " \t\r\n")] == '\0')
		return missing;
	return text_fault(s, max, true, what, a);
}

static void check_text(struct err *e, const char *path, const char *s, size_t max,
		       bool multiline, const char *what, struct arena *a)
{
	const char *fault = text_fault(s, max, multiline, what, a);
	if (fault)
		err_field(e, path, "%s", fault);
}

/* Where an agreement stands, found from the person. */
struct found {
	const char *id;
	const char *involvement_id;
	const char *area_id;
	long version;
	bool open;
	const char *kind;
	const char *started_on, *ended_on;
};

/* The columns found_from_row reads, of agreements g and involvements v. */
#define FOUND_COLUMNS "g.id, v.id, v.area_id, g.version, v.ended_on, v.kind, v.started_on"

/* From a row of FOUND_COLUMNS; f->id NULL when the involvement has no
 * agreement yet. */
static void found_from_row(const struct db_rows *rows, struct found *f)
{
	const char *version = db_cell(rows, 0, 3);
	*f = (struct found){db_cell(rows, 0, 0), db_cell(rows, 0, 1), db_cell(rows, 0, 2),
			    version ? strtol(version, NULL, 10) : 0, db_cell(rows, 0, 4) == NULL,
			    db_cell(rows, 0, 5), db_cell(rows, 0, 6), db_cell(rows, 0, 4)};
}

/* The person's agreement: that of their open involvement (none yet when
 * it has none: a return starts afresh), else that of the latest of
 * theirs that had one; or, given involvement_id, that involvement's if
 * it is theirs.  f->id NULL when none. */
static int find_on(struct db_conn *c, const char *person_id, const char *involvement_id,
		   struct arena *a, struct found *f, struct err *e)
{
	*f = (struct found){0};
	struct db_param p[] = {DB_TEXT(person_id)};
	struct db_param given[] = {DB_TEXT(person_id), DB_TEXT(involvement_id)};
	struct db_rows rows;
	int rc;
	if (involvement_id)
		rc = db_query(c, a,
			      "SELECT " FOUND_COLUMNS " FROM agreements g"
			      " JOIN involvements v ON v.id = g.involvement_id"
			      " JOIN involvement_people ip ON ip.involvement_id = v.id"
			      " WHERE ip.person_id = $1 AND v.id = $2",
			      given, &rows, e);
	else
		rc = db_query(c, a,
			      "SELECT " FOUND_COLUMNS " FROM involvements v"
			      " JOIN involvement_people ip ON ip.involvement_id = v.id"
			      " LEFT JOIN agreements g ON g.involvement_id = v.id"
			      " WHERE ip.person_id = $1 AND (v.ended_on IS NULL OR g.id IS NOT NULL)"
			      " ORDER BY CASE WHEN v.ended_on IS NULL THEN 0 ELSE 1 END,"
			      " v.started_on DESC, v.created_at DESC, v.id DESC LIMIT 1",
			      p, &rows, e);
	if (rc < 0)
		return RESULT_FAILED;
	if (rows.row_count)
		found_from_row(&rows, f);
	return RESULT_OK;
}

static void version_from_row(const struct db_rows *rows, size_t r, struct agreement_version *v)
{
	*v = (struct agreement_version){
		.version = strtol(db_cell(rows, r, 1), NULL, 10),
		.state = db_cell(rows, r, 2),
		.asked_by = db_cell(rows, r, 3),
		.why = db_cell(rows, r, 4),
		.agreed_on = db_cell(rows, r, 5),
		.agreed_how = db_cell(rows, r, 6),
		.other_plan_service = db_cell(rows, r, 7),
		.other_plan_reference = db_cell(rows, r, 8),
		.other_plan_note = db_cell(rows, r, 9),
		.made_by = db_cell(rows, r, 10),
		.made_by_name = db_cell(rows, r, 11),
		.made_at = db_cell(rows, r, 12),
		.asked_by_person_id = db_cell(rows, r, 13),
		.asked_by_person_name = db_cell(rows, r, 14),
	};
}

/* Gives each version its goals and each goal its steps, from rows of
 * (version id, key, words, ...) ordered by position. */
static void attach(struct arena *a, const struct db_rows *versions, struct agreement *g,
		   const struct db_rows *goals, const struct db_rows *steps)
{
	for (size_t i = 0; i < g->version_count; i++) {
		struct agreement_version *v = &g->versions[i];
		const char *vid = db_cell(versions, i, 0);
		v->goals = arena_alloc(a, (goals->row_count + 1) * sizeof *v->goals);
		for (size_t r = 0; r < goals->row_count; r++) {
			if (strcmp(db_cell(goals, r, 0), vid) != 0)
				continue;
			struct agreement_goal *x = &v->goals[v->goal_count++];
			*x = (struct agreement_goal){db_cell(goals, r, 1), db_cell(goals, r, 2), NULL, 0};
			x->steps = arena_alloc(a, (steps->row_count + 1) * sizeof *x->steps);
			for (size_t s = 0; s < steps->row_count; s++)
				if (strcmp(db_cell(steps, s, 0), vid) == 0 &&
				    strcmp(db_cell(steps, s, 1), x->key) == 0)
					x->steps[x->step_count++] = (struct agreement_step){
						db_cell(steps, s, 2), db_cell(steps, s, 3),
						db_cell(steps, s, 4), db_cell(steps, s, 5),
						db_cell(steps, s, 6), db_cell(steps, s, 7)};
		}
	}
}

/* The agreement f found, with every version, the latest current. */
static int load_on(struct db_conn *c, const char *person_id, const struct found *f,
		   struct arena *a, struct agreement **out, struct err *e)
{
	struct db_param p[] = {DB_TEXT(f->id)};
	struct db_param who_p[] = {DB_TEXT(person_id), DB_TEXT(f->involvement_id)};
	struct db_rows people, versions, goals, steps;
	int rc = db_query(c, a,
			  "SELECT p.id, coalesce(p.preferred_name, p.name), u.display_name"
			  " FROM people p JOIN involvement_people ip ON ip.person_id = p.id"
			  " LEFT JOIN users u ON u.id = p.coordinator_id"
			  " WHERE ip.involvement_id = $2"
			  " ORDER BY CASE WHEN p.id = $1 THEN 0 ELSE 1 END, p.name, p.id",
			  who_p, &people, e);
	if (rc == 0)
		rc = db_query(c, a,
			      "SELECT v.id, v.version, v.state, v.asked_by, v.why, v.agreed_on,"
			      " v.agreed_how, v.other_plan_service, v.other_plan_reference,"
			      " v.other_plan_note, v.made_by, u.display_name, v.made_at,"
			      " v.asked_by_person_id, coalesce(ap.preferred_name, ap.name)"
			      " FROM agreement_versions v LEFT JOIN users u ON u.id = v.made_by"
			      " LEFT JOIN people ap ON ap.id = v.asked_by_person_id"
			      " WHERE v.agreement_id = $1 ORDER BY v.version",
			      p, &versions, e);
	if (rc == 0)
		rc = db_query(c, a,
			      "SELECT g.version_id, g.goal_key, g.words FROM agreement_goals g"
			      " JOIN agreement_versions v ON v.id = g.version_id"
			      " WHERE v.agreement_id = $1 ORDER BY v.version, g.position",
			      p, &goals, e);
	if (rc == 0)
		rc = db_query(c, a,
			      "SELECT s.version_id, s.goal_key, s.step_key, s.words, s.taken_by,"
			      " s.taken_by_words, s.by_when, s.status FROM agreement_steps s"
			      " JOIN agreement_versions v ON v.id = s.version_id"
			      " WHERE v.agreement_id = $1 ORDER BY v.version, s.position",
			      p, &steps, e);
	if (rc < 0)
		return rc;
	struct agreement *g = arena_alloc(a, sizeof *g);
	*g = (struct agreement){.id = f->id, .involvement_id = f->involvement_id,
				.person_id = person_id, .version = f->version, .open = f->open,
				.involvement_kind = f->kind, .started_on = f->started_on,
				.ended_on = f->ended_on};
	g->member_names = arena_alloc(a, (people.row_count + 1) * sizeof *g->member_names);
	for (size_t r = 0; r < people.row_count; r++)
		g->member_names[g->member_count++] = db_cell(&people, r, 1);
	g->person_name = g->member_count ? g->member_names[0] : "";
	g->coordinator_name = g->member_count ? db_cell(&people, 0, 2) : NULL;
	g->versions = arena_alloc(a, (versions.row_count + 1) * sizeof *g->versions);
	g->version_count = versions.row_count;
	for (size_t r = 0; r < versions.row_count; r++)
		version_from_row(&versions, r, &g->versions[r]);
	attach(a, &versions, g, &goals, &steps);
	g->current = g->version_count ? &g->versions[g->version_count - 1] : NULL;
	*out = g;
	return RESULT_OK;
}

static struct agreement_version *version_of(struct agreement *g, long n)
{
	for (size_t i = 0; i < g->version_count; i++)
		if (g->versions[i].version == n)
			return &g->versions[i];
	return NULL;
}

/* Reads the person's agreement for the caller, audited as a read of it
 * (a refusal, or no agreement yet, naming the person); with every version, or
 * when one is true just that version, as current. */
static int read_agreement(struct db *db, const struct caller *who, const char *person_id,
			  const char *involvement_id, bool one, long version, struct arena *a,
			  struct agreement **out, struct err *e)
{
	*out = NULL;
	struct db_conn *c;
	if (db_acquire(db, &c, e) < 0)
		return RESULT_FAILED;
	const char *area_id;
	struct found f = {0};
	int rc = person_area_on(c, who, person_id, a, &area_id, e);
	if (rc == RESULT_OK)
		rc = find_on(c, person_id, involvement_id, a, &f, e);
	if (rc == RESULT_OK && !f.id)
		rc = err_not_found(e, "agreement", NO_AGREEMENT);
	/* The agreement is reached through its involvement's area too (a
	 * family's may be held in another area than one member's). */
	if (rc == RESULT_OK && !access_casework(who, f.area_id))
		rc = err_not_found(e, "person", NO_PERSON);
	if (rc == RESULT_OK)
		rc = load_on(c, person_id, &f, a, out, e);
	if (rc == RESULT_OK && one) {
		struct agreement_version *v = version_of(*out, version);
		if (!v)
			rc = err_not_found(e, "version", "This agreement has no version %ld.",
					   version);
		else {
			(*out)->current = v;
			(*out)->versions = NULL;
			(*out)->version_count = 0;
		}
	}
	/* Out of reach is a refusal; nothing to read (no agreement yet, no
	 * such version) is not found, as for a person. */
	bool refused = rc == RESULT_NOT_FOUND && strcmp(e->subject, "person") == 0;
	bool agreement = rc == RESULT_OK ||
			 (rc == RESULT_NOT_FOUND && strcmp(e->subject, "version") == 0);
	struct audit_entry entry = {"read", "agreement", agreement ? f.id : person_id,
				    f.id ? f.area_id : area_id,
				    rc != RESULT_NOT_FOUND || refused ? NULL : "not_found", NULL};
	rc = audit_read(c, rc, who, &entry, e);
	if (rc < 0)
		*out = NULL;
	return rc;
}

int agreement_get(struct db *db, const struct caller *who, const char *person_id,
		  const char *involvement_id, struct arena *a, struct agreement **out,
		  struct err *e)
{
	return read_agreement(db, who, person_id, involvement_id, false, 0, a, out, e);
}

int agreement_version_get(struct db *db, const struct caller *who, const char *person_id,
			  const char *involvement_id, long version, struct arena *a,
			  struct agreement **out, struct err *e)
{
	return read_agreement(db, who, person_id, involvement_id, true, version, a, out, e);
}

int agreement_list(struct db *db, const struct caller *who, const char *person_id,
		   struct arena *a, struct agreement_summary **out, size_t *count, struct err *e)
{
	*out = NULL;
	*count = 0;
	struct db_conn *c;
	if (db_acquire(db, &c, e) < 0)
		return RESULT_FAILED;
	const char *area_id;
	struct db_rows rows;
	int rc = person_area_on(c, who, person_id, a, &area_id, e);
	struct db_param p[] = {DB_TEXT(person_id)};
	if (rc == RESULT_OK)
		rc = db_query(c, a,
			      "SELECT v.id, v.started_on, v.ended_on, v.area_id, g.version, lv.state,"
			      " lv.agreed_on FROM agreements g"
			      " JOIN involvements v ON v.id = g.involvement_id"
			      " JOIN involvement_people ip ON ip.involvement_id = v.id"
			      " JOIN agreement_versions lv ON lv.agreement_id = g.id"
			      " AND lv.version = g.version"
			      " WHERE ip.person_id = $1"
			      " ORDER BY v.started_on DESC, v.created_at DESC, v.id DESC",
			      p, &rows, e);
	if (rc == RESULT_OK) {
		*out = arena_alloc(a, (rows.row_count + 1) * sizeof **out);
		/* Each reached through its involvement's area too, as a read of
		 * it is: one out of reach is left out. */
		for (size_t r = 0; r < rows.row_count; r++)
			if (access_casework(who, db_cell(&rows, r, 3)))
				(*out)[(*count)++] = (struct agreement_summary){
					db_cell(&rows, r, 0), db_cell(&rows, r, 1),
					db_cell(&rows, r, 2), strtol(db_cell(&rows, r, 4), NULL, 10),
					db_cell(&rows, r, 5), db_cell(&rows, r, 6)};
	}
	struct audit_entry entry = {"read", "agreement", person_id, area_id, NULL, NULL};
	rc = audit_read(c, rc, who, &entry, e);
	if (rc < 0) {
		*out = NULL;
		*count = 0;
	}
	return rc;
}

/* --- Saving a version --- */

static const struct agreement_goal *goal_in(const struct agreement_version *v, const char *key)
{
	for (size_t i = 0; v && key && i < v->goal_count; i++)
		if (strcmp(v->goals[i].key, key) == 0)
			return &v->goals[i];
	return NULL;
}

static const struct agreement_step *step_in(const struct agreement_goal *g, const char *key)
{
	for (size_t i = 0; g && key && i < g->step_count; i++)
		if (strcmp(g->steps[i].key, key) == 0)
			return &g->steps[i];
	return NULL;
}

/* Whether key appears again among the first n keys given. */
static bool key_given_before(const char *key, const char *const *keys, size_t n)
{
	for (size_t i = 0; key && i < n; i++)
		if (keys[i] && strcmp(keys[i], key) == 0)
			return true;
	return false;
}

static void check_step(const struct agreement_step_input *s, const struct agreement_goal *was,
		       int n, int m, struct arena *a, struct err *e)
{
	struct date d;
	char path[ERR_FIELD_PATH_MAX];
#define AT(field) (snprintf(path, sizeof path, "goals.%d.steps.%d." field, n, m), path)
	if (s->key && !step_in(was, s->key))
		err_field(e, AT("key"), "This step is not in the version you changed: leave out "
					"its key for a new step");
	const char *fault = words_fault(s->words, AGREEMENT_WORDS_MAX, "The step",
					"Write the step in their words", a);
	if (fault)
		err_field(e, AT("words"), "%s", fault);
	if (names_index(s->taken_by, agreement_takers) < 0)
		err_field(e, AT("taken_by"), "Say who takes this step: the person, the "
					     "coordinator, family, someone in the community or "
					     "a service");
	check_text(e, AT("taken_by_words"), s->taken_by_words, AGREEMENT_NAME_MAX, false,
		   "Who takes it, by name", a);
	if (s->by_when && !date_parse(s->by_when, &d))
		err_field(e, AT("by_when"), "By when: enter a real date, or leave it out");
	if (s->status && names_index(s->status, agreement_step_states) < 0)
		err_field(e, AT("status"), "Say where the step has got to: not yet (not_yet), "
					   "done or changed");
#undef AT
}

/* Every rule on the goals: at least one while in place, each in words,
 * each key one of the version changed (was, NULL when starting). */
static void check_goals(const struct agreement_input *in, const char *state,
			const struct agreement_version *was, struct arena *a, struct err *e)
{
	char path[ERR_FIELD_PATH_MAX];
	if (in->goal_count == 0 && strcmp(state, "in_place") == 0)
		err_field(e, "goals", "Add at least one goal, in their words");
	if (in->goal_count > AGREEMENT_GOALS_MAX) {
		err_field(e, "goals", "At most %d goals", AGREEMENT_GOALS_MAX);
		return;
	}
	const char **goal_keys = arena_alloc(a, (in->goal_count + 1) * sizeof *goal_keys);
	for (size_t n = 0; n < in->goal_count; n++) {
		const struct agreement_goal_input *g = &in->goals[n];
		const struct agreement_goal *before = goal_in(was, g->key);
		snprintf(path, sizeof path, "goals.%zu.key", n);
		if (g->key && (!before || key_given_before(g->key, goal_keys, n)))
			err_field(e, path, "This goal is not in the version you changed (or is "
					   "given twice): leave out its key for a new goal");
		goal_keys[n] = g->key;
		snprintf(path, sizeof path, "goals.%zu.words", n);
		const char *fault = words_fault(g->words, AGREEMENT_WORDS_MAX, "The goal",
						"Write the goal in their words", a);
		if (fault)
			err_field(e, path, "%s", fault);
		snprintf(path, sizeof path, "goals.%zu.steps", n);
		if (g->step_count > AGREEMENT_STEPS_MAX) {
			err_field(e, path, "At most %d steps toward one goal", AGREEMENT_STEPS_MAX);
			continue;
		}
		const char **step_keys = arena_alloc(a, (g->step_count + 1) * sizeof *step_keys);
		for (size_t m = 0; m < g->step_count; m++) {
			const char *key = g->steps[m].key;
			/* Both within the maxima, so the path fits. */
			check_step(&g->steps[m], key_given_before(key, step_keys, m) ? NULL : before,
				   (int)n, (int)m, a, e);
			step_keys[m] = key;
		}
	}
}

/* Every rule that needs nothing stored but the version changed. */
static void check(const struct agreement_input *in, const char *state, const char *agreed_on,
		  const struct agreement_version *was, struct arena *a, struct err *e)
{
	struct date d;
	char today[11];
	date_format(date_uk_today(time(NULL)), today);
	if (names_index(state, agreement_states) < 0)
		err_field(e, "state", "Say whether the agreement is in place (in_place) or "
				      "ended (ended)");
	else if (in->from_version == 0 && strcmp(state, "ended") == 0)
		err_field(e, "state", "An agreement starts in place: it can be ended later");
	if (names_index(in->asked_by, agreement_askers) < 0)
		err_field(e, "asked_by", "Say who asked for this: the person (person), both of "
					 "you together (together) or the coordinator "
					 "(coordinator)");
	check_text(e, "why", in->why, AGREEMENT_WORDS_MAX, true, "Why", a);
	if (!date_parse(agreed_on, &d))
		err_field(e, "agreed_on", "When they agreed: enter a real date");
	else if (strcmp(agreed_on, today) > 0)
		err_field(e, "agreed_on", "When they agreed cannot be in the future");
	if (names_index(in->agreed_how, agreement_agreed_hows) < 0)
		err_field(e, "agreed_how", "Say how they agreed: in person (in_person), by phone "
					   "(phone) or on paper (paper)");
	check_text(e, "other_plan_service", in->other_plan_service, AGREEMENT_NAME_MAX, false,
		   "The service", a);
	if (!in->other_plan_service && (in->other_plan_reference || in->other_plan_note))
		err_field(e, "other_plan_service", "Name the service whose plan this refers to");
	check_text(e, "other_plan_reference", in->other_plan_reference, AGREEMENT_NAME_MAX, false,
		   "Their reference", a);
	check_text(e, "other_plan_note", in->other_plan_note, OTHER_PLAN_NOTE_MAX, true,
		   "The note", a);
	if (names_index(state, agreement_states) >= 0)
		check_goals(in, state, was, a, e);
}

/* The open involvement the agreement belongs to, refused at
 * "involvement" when there is none or it is short-term help. */
static int involvement_for(struct db_conn *c, const char *person_id, struct arena *a,
			   struct involvement **v, struct err *e)
{
	if (involvement_current_on(c, person_id, a, v, e) < 0)
		return RESULT_FAILED;
	if (!*v)
		err_field(e, "involvement", "An agreement belongs to walking alongside: they "
					    "have no involvement open just now");
	else if (strcmp((*v)->kind, "walking_alongside") != 0)
		err_field(e, "involvement", "An agreement belongs to walking alongside: this is "
					    "short-term help. Change it to walking alongside "
					    "first if that is what you are doing together");
	return RESULT_OK;
}

/* The agreement's row: a new one at version 1, or the next version of
 * one still at from_version (compare-and-set: of two changes from one
 * version, one writes and the other is a conflict). */
static int advance(struct db_conn *c, const struct caller *who, const struct found *f,
		   long from, const char *now, struct arena *a, struct err *e)
{
	int rc;
	if (from == 0) {
		struct db_param p[] = {DB_TEXT(f->id), DB_TEXT(f->involvement_id),
				       DB_TEXT(caller_user_id(who)), DB_TEXT(now)};
		rc = db_query(c, a,
			      "INSERT INTO agreements (id, involvement_id, version, created_by,"
			      " created_at, updated_at) VALUES ($1, $2, 1, $3, $4, $4)",
			      p, NULL, e);
		if (rc == RESULT_CONFLICT)
			return err_result(e, RESULT_CONFLICT, "%s", CHANGED_MEANWHILE);
		return rc;
	}
	struct db_param p[] = {DB_TEXT(f->id), DB_INT(from), DB_TEXT(now)};
	struct db_rows rows;
	rc = db_query(c, a,
		      "UPDATE agreements SET version = version + 1, updated_at = $3"
		      " WHERE id = $1 AND version = $2",
		      p, &rows, e);
	if (rc == RESULT_OK && rows.changes == 0)
		return err_result(e, RESULT_CONFLICT, "%s", CHANGED_MEANWHILE);
	return rc;
}

static int insert_steps(struct db_conn *c, const char *version_id, const char *goal_key,
			const struct agreement_goal_input *g, struct arena *a, struct err *e)
{
	for (size_t m = 0; m < g->step_count; m++) {
		const struct agreement_step_input *s = &g->steps[m];
		char key[ID_HEX_LEN + 1];
		id_new(key);
		struct db_param p[] = {DB_TEXT(version_id),
				       DB_TEXT(s->key ? s->key : key),
				       DB_TEXT(goal_key),
				       DB_INT((int64_t)m),
				       DB_TEXT(s->words),
				       DB_TEXT(s->taken_by),
				       DB_TEXT(s->taken_by_words),
				       DB_TEXT(s->by_when),
				       DB_TEXT(s->status ? s->status : "not_yet")};
		if (db_query(c, a,
			     "INSERT INTO agreement_steps (version_id, step_key, goal_key, position,"
			     " words, taken_by, taken_by_words, by_when, status)"
			     " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
			     p, NULL, e) < 0)
			return RESULT_FAILED;
	}
	return RESULT_OK;
}

/* The version and its goals and steps, numbered from + 1; the person's
 * own request is that of person_id, the member it was saved through. */
static int insert_version(struct db_conn *c, const struct caller *who, const struct found *f,
			  const char *person_id, const struct agreement_input *in,
			  const char *state, const char *agreed_on, const char *now,
			  struct arena *a, struct err *e)
{
	char id[ID_HEX_LEN + 1];
	id_new(id);
	struct db_param p[] = {DB_TEXT(id),
			       DB_TEXT(f->id),
			       DB_INT(in->from_version + 1),
			       DB_TEXT(state),
			       DB_TEXT(in->asked_by),
			       DB_TEXT(in->why),
			       DB_TEXT(agreed_on),
			       DB_TEXT(in->agreed_how),
			       DB_TEXT(in->other_plan_service),
			       DB_TEXT(in->other_plan_reference),
			       DB_TEXT(in->other_plan_note),
			       DB_TEXT(caller_user_id(who)),
			       DB_TEXT(now),
			       DB_TEXT(strcmp(in->asked_by, "person") == 0 ? person_id : NULL)};
	if (db_query(c, a,
		     "INSERT INTO agreement_versions (id, agreement_id, version, state, asked_by,"
		     " why, agreed_on, agreed_how, other_plan_service, other_plan_reference,"
		     " other_plan_note, made_by, made_at, asked_by_person_id)"
		     " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
		     p, NULL, e) < 0)
		return RESULT_FAILED;
	for (size_t n = 0; n < in->goal_count; n++) {
		const struct agreement_goal_input *g = &in->goals[n];
		char key[ID_HEX_LEN + 1];
		id_new(key);
		const char *goal_key = g->key ? g->key : key;
		struct db_param q[] = {DB_TEXT(id), DB_TEXT(goal_key), DB_INT((int64_t)n),
				       DB_TEXT(g->words)};
		if (db_query(c, a,
			     "INSERT INTO agreement_goals (version_id, goal_key, position, words)"
			     " VALUES ($1, $2, $3, $4)",
			     q, NULL, e) < 0 ||
		    insert_steps(c, id, goal_key, g, a, e) < 0)
			return RESULT_FAILED;
	}
	return RESULT_OK;
}

/* An ending given without goals keeps them as they stood, so the version
 * that ended it still says what had been agreed. */
static struct agreement_input with_goals_kept(const struct agreement_input *in,
					      const char *state,
					      const struct agreement_version *was,
					      struct arena *a)
{
	struct agreement_input out = *in;
	if (strcmp(state, "ended") != 0 || in->goal_count || !was || !was->goal_count)
		return out;
	struct agreement_goal_input *goals = arena_alloc(a, was->goal_count * sizeof *goals);
	for (size_t n = 0; n < was->goal_count; n++) {
		const struct agreement_goal *g = &was->goals[n];
		struct agreement_step_input *steps =
			arena_alloc(a, (g->step_count + 1) * sizeof *steps);
		for (size_t m = 0; m < g->step_count; m++)
			steps[m] = (struct agreement_step_input){
				g->steps[m].key,	    g->steps[m].words,   g->steps[m].taken_by,
				g->steps[m].taken_by_words, g->steps[m].by_when, g->steps[m].status};
		goals[n] = (struct agreement_goal_input){g->key, g->words, steps, g->step_count};
	}
	out.goals = goals;
	out.goal_count = was->goal_count;
	return out;
}

int agreement_save(struct db *db, const struct caller *who, const char *person_id,
		   const struct agreement_input *in, struct arena *a, struct agreement **out,
		   struct err *e)
{
	*out = NULL;
	err_clear(e);
	const char *state = in->state ? in->state : "in_place";
	char today[11];
	date_format(date_uk_today(time(NULL)), today);
	const char *agreed_on = in->agreed_on ? in->agreed_on : today;
	struct db_conn *c;
	if (db_transaction(db, &c, e) < 0)
		return RESULT_FAILED;
	const char *area_id;
	struct involvement *v = NULL;
	struct found f = {0};
	struct agreement *was = NULL;
	struct agreement_input kept = *in;
	int rc = person_area_on(c, who, person_id, a, &area_id, e);
	if (rc == RESULT_OK)
		rc = involvement_for(c, person_id, a, &v, e);
	if (rc == RESULT_OK && v && !access_casework(who, v->area_id))
		rc = err_not_found(e, "person", NO_PERSON);
	/* The agreement of the open involvement, if it has one yet. */
	if (rc == RESULT_OK && v) {
		struct db_param p[] = {DB_TEXT(v->id)};
		struct db_rows rows;
		rc = db_query(c, a,
			      "SELECT " FOUND_COLUMNS " FROM agreements g"
			      " JOIN involvements v ON v.id = g.involvement_id"
			      " WHERE g.involvement_id = $1",
			      p, &rows, e);
		if (rc == RESULT_OK && rows.row_count)
			found_from_row(&rows, &f);
	}
	bool walking = v && strcmp(v->kind, "walking_alongside") == 0;
	if (rc == RESULT_OK && in->from_version < 0)
		err_field(e, "from_version", "The version changed: 0 to start one, else a "
					     "version number");
	else if (rc == RESULT_OK && walking && in->from_version != (f.id ? f.version : 0))
		rc = err_result(e, RESULT_CONFLICT, "%s",
				in->from_version == 0 ? "They have an agreement already: change that "
							"one instead"
						      : CHANGED_MEANWHILE);
	if (rc == RESULT_OK && f.id)
		rc = load_on(c, person_id, &f, a, &was, e);
	if (rc == RESULT_OK) {
		kept = with_goals_kept(in, state, was ? was->current : NULL, a);
		check(&kept, state, agreed_on, was ? was->current : NULL, a, e);
		rc = err_invalid_if_any(e);
	}
	char now[CLOCK_ISO8601_SIZE];
	clock_utc_iso8601(now, sizeof now);
	if (rc == RESULT_OK && !f.id) {
		char id[ID_HEX_LEN + 1];
		id_new(id);
		f = (struct found){arena_strdup(a, id), v->id, v->area_id, 0, true, v->kind,
				   v->started_on, NULL};
	}
	if (rc == RESULT_OK)
		rc = advance(c, who, &f, in->from_version, now, a, e);
	if (rc == RESULT_OK)
		rc = insert_version(c, who, &f, person_id, &kept, state, agreed_on, now, a, e);
	struct audit_entry entry = {in->from_version == 0 ? "create" : "update", "agreement",
				    rc == RESULT_NOT_FOUND || !f.id ? person_id : f.id,
				    v ? v->area_id : area_id, NULL, NULL};
	rc = audit_commit_or_refuse(c, NULL, rc, who, &entry, e);
	if (rc < 0)
		return rc;
	if (db_acquire(db, &c, e) < 0)
		return RESULT_FAILED;
	f.version = in->from_version + 1;
	rc = load_on(c, person_id, &f, a, out, e);
	db_release(c);
	return rc;
}

/* --- Comparing two versions --- */

static const struct agreement_step *step_anywhere(const struct agreement_version *v,
						  const char *key)
{
	for (size_t i = 0; i < v->goal_count; i++) {
		const struct agreement_step *s = step_in(&v->goals[i], key);
		if (s)
			return s;
	}
	return NULL;
}

/* The fields that differ, comma-separated; "" when none. */
static const char *step_fields(const struct agreement_step *x, const struct agreement_step *y,
			       struct arena *a)
{
	struct sb sb;
	sb_init(&sb, a, 128);
	const char *names[] = {"words", "taken_by", "taken_by_words", "by_when", "status"};
	const char *xs[] = {x->words, x->taken_by, x->taken_by_words, x->by_when, x->status};
	const char *ys[] = {y->words, y->taken_by, y->taken_by_words, y->by_when, y->status};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (!same(xs[i], ys[i])) {
			sb_puts(&sb, sb.len ? "," : "");
			sb_puts(&sb, names[i]);
		}
	return sb_str(&sb);
}

static bool goals_differ(const struct agreement_goal *x, const struct agreement_goal *y)
{
	return (x == NULL) != (y == NULL) || (x && !same(x->words, y->words));
}

static bool steps_differ(const struct agreement_step *x, const struct agreement_step *y,
			 struct arena *a)
{
	return (x == NULL) != (y == NULL) || (x && *step_fields(x, y, a));
}

/* The latest version in (from, to] (versions[lo + 1 .. hi]) that changed
 * the goal, or the step when step_key is not NULL. */
static const struct agreement_version *made_by(const struct agreement *g, size_t lo, size_t hi,
					       const char *goal_key, const char *step_key,
					       struct arena *a)
{
	for (size_t i = hi; i > lo; i--) {
		const struct agreement_version *now = &g->versions[i], *then = &g->versions[i - 1];
		if (step_key ? steps_differ(step_anywhere(then, step_key),
					    step_anywhere(now, step_key), a)
			     : goals_differ(goal_in(then, goal_key), goal_in(now, goal_key)))
			return now;
	}
	return &g->versions[hi];
}

struct changes {
	const struct agreement *g;
	size_t lo, hi;
	struct agreement_comparison *out;
	size_t cap;
	struct arena *a;
};

static void add(struct changes *ch, enum agreement_difference d, const char *goal_key,
		const struct agreement_goal *gb, const struct agreement_goal *ga,
		const struct agreement_step *sb, const struct agreement_step *sa,
		const char *fields)
{
	struct agreement_comparison *o = ch->out;
	o->changes = arena_grow(ch->a, o->changes, o->change_count, &ch->cap,
				sizeof *o->changes);
	const char *step_key = sb ? sb->key : sa ? sa->key : NULL;
	o->changes[o->change_count++] = (struct agreement_item_change){
		d, goal_key, step_key, gb, ga, sb, sa, fields,
		made_by(ch->g, ch->lo, ch->hi, goal_key, step_key, ch->a)};
}

/* A goal in either version and its steps, as changes. */
static void compare_goal(struct changes *ch, const struct agreement_goal *before,
			 const struct agreement_goal *after)
{
	const char *key = after ? after->key : before->key;
	if (!before)
		add(ch, AGREEMENT_ADDED, key, NULL, after, NULL, NULL, "");
	else if (!after)
		add(ch, AGREEMENT_REMOVED, key, before, NULL, NULL, NULL, "");
	else if (!same(before->words, after->words))
		add(ch, AGREEMENT_CHANGED, key, before, after, NULL, NULL, "words");
	for (size_t m = 0; after && m < after->step_count; m++) {
		const struct agreement_step *s = &after->steps[m], *was = step_in(before, s->key);
		const char *fields = was ? step_fields(was, s, ch->a) : "";
		if (!was || *fields)
			add(ch, was ? AGREEMENT_CHANGED : AGREEMENT_ADDED, key, before, after, was,
			    s, fields);
	}
	for (size_t m = 0; before && m < before->step_count; m++)
		if (!step_in(after, before->steps[m].key))
			add(ch, AGREEMENT_REMOVED, key, before, after, &before->steps[m], NULL, "");
}

int agreement_compare(struct db *db, const struct caller *who, const char *person_id,
		      const char *involvement_id, long from, long to, struct arena *a,
		      struct agreement **agreement, struct agreement_comparison *out,
		      struct err *e)
{
	*out = (struct agreement_comparison){0};
	int rc = read_agreement(db, who, person_id, involvement_id, false, 0, a, agreement, e);
	if (rc < 0)
		return rc;
	struct agreement *g = *agreement;
	long older = from < to ? from : to, newer = from < to ? to : from;
	const struct agreement_version *x = version_of(g, older), *y = version_of(g, newer);
	if (!x || !y) {
		*agreement = NULL;
		return err_not_found(e, "version", "This agreement has no version %ld.",
				     x ? newer : older);
	}
	struct changes ch = {g, (size_t)(x - g->versions), (size_t)(y - g->versions), out, 0, a};
	out->from = x;
	out->to = y;
	out->between = x + 1;
	out->between_count = ch.hi - ch.lo;
	for (size_t n = 0; n < y->goal_count; n++)
		compare_goal(&ch, goal_in(x, y->goals[n].key), &y->goals[n]);
	for (size_t n = 0; n < x->goal_count; n++)
		if (!goal_in(y, x->goals[n].key))
			compare_goal(&ch, &x->goals[n], NULL);
	return RESULT_OK;
}
