#include "domain/people/caseload.h"

#include "core/arena.h"
#include "core/clock.h"
#include "core/date.h"
#include "core/err.h"
#include "core/id.h"
#include "core/names.h"
#include "db/db.h"
#include "domain/staff/access.h"
#include "domain/staff/audit.h"
#include "domain/staff/caller.h"
#include "domain/staff/user.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static bool leads_team(const struct caller *who)
{
	return access_has_role(who, USER_TEAM_LEADER) && who->user->team_area_count > 0;
}

/* May who see (and a team leader change) coordinator u's caseload? */
static bool reaches(const struct caller *who, const struct user *u, bool leader_only)
{
	if (!who->user || who->user->disabled || !(u->roles & USER_COORDINATOR))
		return false;
	if (!leader_only && strcmp(who->user->id, u->id) == 0)
		return true;
	return leads_team(who) && access_in_team(who->user, u);
}

static const char not_yours[] = "There is no such coordinator, or theirs is not yours to see.";

/* The coordinator id names, if who reaches them; otherwise not found, the
 * refusal audited with `action` (record type `record_type`). */
static int coordinator(struct db *db, const struct caller *who, const char *id,
		       bool leader_only, const char *action, const char *record_type,
		       struct arena *a, struct user **out, struct err *e)
{
	int rc = id && id_valid(id) ? user_load(db, a, id, out, e) : RESULT_NOT_FOUND;
	if (rc == RESULT_OK && reaches(who, *out, leader_only))
		return RESULT_OK;
	if (rc < 0 && rc != RESULT_NOT_FOUND)
		return rc;
	struct audit_entry refused = {action, record_type, id && id_valid(id) ? id : NULL, NULL,
				      "refused", NULL};
	struct err audit_e;
	if (audit_record(db, who, &refused, &audit_e) < 0)
		return err_set(e, "%s", audit_e.msg);
	return err_not_found(e, "coordinator", not_yours);
}

static long number(const char *s)
{
	return s ? strtol(s, NULL, 10) : 0;
}

static const char *today_text(struct arena *a)
{
	char *today = arena_alloc(a, 11);
	date_format(date_uk_today(time(NULL)), today);
	return today;
}

/* The UK day of a stored time, YYYY-MM-DD, in the arena: a conversation
 * after 23:00 in summer is the next day's.  NULL for none. */
static const char *uk_day(struct arena *a, const char *at)
{
	struct date d;
	if (!date_uk_of_stored(at, &d))
		return NULL;
	char *day = arena_alloc(a, 11);
	date_format(d, day);
	return day;
}

/* The day of the person's last contact: their last held conversation's,
 * or the one before moving in when that is later; NULL: none.  Marks
 * which it was. */
static const char *last_contact(struct caseload_entry *x)
{
	const char *held = x->last_conversation_on;
	const char *before = x->last_contact_before_import;
	x->last_contact_is_before_import = before && (!held || strcmp(before, held) > 0);
	return x->last_contact_is_before_import ? before : held;
}

/* Quiet: no contact for quiet_days, counted from the involvement's start
 * while there has been none. */
static bool quiet(struct caseload_entry *x, long today, int quiet_days)
{
	const char *since = last_contact(x);
	struct date d;
	return date_parse(since ? since : x->started_on, &d) &&
	       today - date_to_days(d) >= quiet_days;
}

/* How many distinct involvements of this kind the entries hold: a family
 * sharing one counts once. */
static long involvements(const struct caseload *cl, const char *kind)
{
	long n = 0;
	for (size_t i = 0; i < cl->count; i++) {
		if (strcmp(cl->entries[i].kind, kind) != 0)
			continue;
		bool seen = false;
		for (size_t j = 0; j < i && !seen; j++)
			seen = strcmp(cl->entries[j].involvement_id, cl->entries[i].involvement_id) == 0;
		n += !seen;
	}
	return n;
}

/* Fills out for coordinator u: the counts, and the entries; only those
 * who reaches, unless who is u.  Capacity counts the whole load. */
static int load(struct db *db, const struct caller *who, const struct user *u, int quiet_days,
		struct arena *a, struct caseload *out, struct err *e)
{
	const char *today = today_text(a);
	struct date t;
	date_parse(today, &t);
	*out = (struct caseload){.coordinator_id = u->id, .coordinator_name = u->display_name,
				 .disabled = u->disabled};
	struct db_param p[] = {DB_TEXT(u->id), DB_TEXT(today)};
	struct db_rows rows;
	if (db_run(db, a,
		   "SELECT u.capacity,"
		   " (SELECT count(*) FROM introductions i"
		   "  WHERE i.status IN ('new', 'contacted', 'conversation_arranged')"
		   "  AND i.area_id IN (SELECT ra.area_id FROM user_role_areas ra"
		   "   WHERE ra.user_id = u.id AND ra.role = 'coordinator')),"
		   " (SELECT count(*) FROM leave l WHERE l.user_id = u.id"
		   "  AND l.starts_on <= $2 AND l.ends_on >= $2)"
		   " FROM users u WHERE u.id = $1",
		   p, &rows, e) < 0)
		return RESULT_FAILED;
	if (rows.row_count == 1) {
		out->capacity = number(db_cell(&rows, 0, 0));
		out->waiting = number(db_cell(&rows, 0, 1));
		out->on_leave = number(db_cell(&rows, 0, 2)) > 0;
	}
	/* Each involvement's latest conversation, by time, is found once (its
	 * id, down the index conversations_latest) and joined for its next
	 * step and that step's day. */
	struct db_param q[] = {DB_TEXT(u->id)};
	if (db_run(db, a,
		   "SELECT x.person_id, x.name, x.preferred_name, x.involvement_id, x.kind,"
		   " x.started_on, x.returns, x.household, x.last_held, lc.next_step,"
		   " lc.next_step_on, x.area_id, x.before_import"
		   " FROM (SELECT p.id AS person_id, p.name, p.preferred_name,"
		   "  v.id AS involvement_id, v.kind, v.started_on,"
		   "  (SELECT count(*) FROM involvement_people o WHERE o.person_id = p.id"
		   "   AND o.involvement_id <> v.id) AS returns,"
		   "  (SELECT count(*) FROM involvement_people h"
		   "   WHERE h.involvement_id = v.id) AS household,"
		   "  (SELECT max(c.at) FROM conversations c WHERE c.involvement_id = v.id"
		   "   AND c.state = 'held') AS last_held,"
		   "  (SELECT c.id FROM conversations c WHERE c.involvement_id = v.id"
		   "   ORDER BY c.at DESC, c.created_at DESC, c.id DESC LIMIT 1) AS latest_id,"
		   "  p.area_id, v.last_contact_before_import AS before_import,"
		   "  CASE WHEN v.kind = 'walking_alongside' THEN 0 ELSE 1 END AS kind_order,"
		   "  lower(coalesce(p.preferred_name, p.name)) AS sort_name"
		   "  FROM people p JOIN involvement_people ip ON ip.person_id = p.id"
		   "  JOIN involvements v ON v.id = ip.involvement_id"
		   "  WHERE p.coordinator_id = $1 AND v.ended_on IS NULL) x"
		   " LEFT JOIN conversations lc ON lc.id = x.latest_id"
		   " ORDER BY x.kind_order, x.sort_name, x.person_id",
		   q, &rows, e) < 0)
		return RESULT_FAILED;
	out->count = rows.row_count;
	out->entries = arena_alloc(a, (rows.row_count + 1) * sizeof *out->entries);
	for (size_t i = 0; i < rows.row_count; i++) {
		struct caseload_entry *x = &out->entries[i];
		*x = (struct caseload_entry){
			.person_id = db_cell(&rows, i, 0),
			.name = db_cell(&rows, i, 1),
			.preferred_name = db_cell(&rows, i, 2),
			.involvement_id = db_cell(&rows, i, 3),
			.kind = db_cell(&rows, i, 4),
			.started_on = db_cell(&rows, i, 5),
			.is_return = number(db_cell(&rows, i, 6)) > 0,
			.household_size = number(db_cell(&rows, i, 7)),
			.last_conversation_at = db_cell(&rows, i, 8),
			.last_conversation_on = uk_day(a, db_cell(&rows, i, 8)),
			.next_step = db_cell(&rows, i, 9),
			.next_step_on = db_cell(&rows, i, 10),
			.area_id = db_cell(&rows, i, 11),
			.last_contact_before_import = db_cell(&rows, i, 12),
		};
	}
	/* Counted before anyone out of reach is left out. */
	out->walking_alongside = involvements(out, "walking_alongside");
	out->short_term = involvements(out, "short_term");
	bool own = who->user && strcmp(who->user->id, u->id) == 0;
	size_t kept = 0;
	for (size_t i = 0; i < out->count; i++) {
		struct caseload_entry *x = &out->entries[i];
		if (!own && !access_casework(who, x->area_id))
			continue;
		x->quiet = quiet(x, date_to_days(t), quiet_days);
		out->quiet += x->quiet;
		out->entries[kept++] = *x;
	}
	out->count = kept;
	return RESULT_OK;
}

static const char *first_area(const struct user *u)
{
	return u->coordinator_area_count ? u->coordinator_areas[0] : NULL;
}

int caseload_get(struct db *db, const struct caller *who, const char *coordinator_id,
		 int quiet_days, struct arena *a, struct caseload *out, struct err *e)
{
	err_clear(e);
	*out = (struct caseload){0};
	const char *id = coordinator_id ? coordinator_id : caller_user_id(who);
	struct user *u;
	int rc = coordinator(db, who, id, false, "read", "caseload", a, &u, e);
	if (rc == RESULT_OK)
		rc = load(db, who, u, quiet_days, a, out, e);
	if (rc != RESULT_OK)
		return rc;
	struct audit_entry read = {"read", "caseload", u->id, first_area(u), NULL, NULL};
	return audit_record(db, who, &read, e) < 0 ? RESULT_FAILED : RESULT_OK;
}

int caseload_team(struct db *db, const struct caller *who, int quiet_days, struct arena *a,
		  struct caseload **out, size_t *count, struct err *e)
{
	err_clear(e);
	*count = 0;
	*out = arena_alloc(a, sizeof **out);
	if (!leads_team(who))
		return err_result(e, RESULT_FORBIDDEN, "Caseloads across a team are for its team leader.");
	struct user *users;
	size_t user_count;
	if (user_list(db, a, &users, &user_count, e) < 0)
		return RESULT_FAILED;
	*out = arena_alloc(a, (user_count + 1) * sizeof **out);
	const char **areas = arena_alloc(a, (user_count + 1) * sizeof *areas);
	for (size_t i = 0; i < user_count; i++) {
		if (!access_in_team(who->user, &users[i]))
			continue;
		struct caseload *cl = &(*out)[*count];
		if (load(db, who, &users[i], quiet_days, a, cl, e) < 0)
			return RESULT_FAILED;
		cl->entries = NULL;
		cl->count = 0;
		areas[(*count)++] = first_area(&users[i]);
	}
	/* Each coordinator's caseload was read: an entry each, together. */
	struct db_conn *c;
	if (db_transaction(db, &c, e) < 0)
		return RESULT_FAILED;
	int rc = RESULT_OK;
	for (size_t i = 0; i < *count && rc == RESULT_OK; i++) {
		struct audit_entry read = {"read", "caseload", (*out)[i].coordinator_id, areas[i],
					   NULL, NULL};
		rc = audit_write(c, who, &read, e);
	}
	return db_finish(c, rc, e);
}

/* Opens the change's transaction when all is well so far (rc); otherwise,
 * or when it cannot be had, frees a and returns why. */
static int begin(struct db *db, int rc, struct arena *a, struct db_conn **c, struct err *e)
{
	if (rc == RESULT_OK)
		rc = db_transaction(db, c, e);
	if (rc != RESULT_OK)
		arena_free(a);
	return rc;
}

int caseload_set_capacity(struct db *db, const struct caller *who, const char *coordinator_id,
			  long capacity, struct err *e)
{
	err_clear(e);
	struct arena *a = arena_new();
	struct user *u;
	int rc = coordinator(db, who, coordinator_id, true, "capacity_change", "user", a, &u, e);
	if (rc == RESULT_OK)
		rc = user_check_capacity(capacity, e);
	struct db_conn *c = NULL;
	if ((rc = begin(db, rc, a, &c, e)) != RESULT_OK)
		return rc;
	char now[CLOCK_ISO8601_SIZE];
	clock_utc_iso8601(now, sizeof now);
	struct db_param p[] = {DB_TEXT(u->id), DB_INT(capacity), DB_TEXT(now)};
	rc = db_query(c, a, "UPDATE users SET capacity = $2, updated_at = $3 WHERE id = $1", p,
		      NULL, e);
	if (rc == RESULT_OK)
		rc = user_capacity_kept(c, a, who, u->id, e);
	struct audit_entry entry = {"capacity_change", "user", u->id, first_area(u), NULL, NULL};
	return audit_commit(c, a, rc, who, &entry, e);
}

/* The people to move, read on c: the chosen ones, or all of from's. */
static int chosen(struct db_conn *c, struct arena *a, const char *from,
		  struct db_rows *rows, struct err *e)
{
	struct db_param p[] = {DB_TEXT(from)};
	return db_query(c, a,
			"SELECT p.id, p.area_id, a.name FROM people p"
			" JOIN areas a ON a.id = p.area_id"
			" WHERE p.coordinator_id = $1 ORDER BY p.id",
			p, rows, e);
}

/* Whether the person id is in rows (chosen's), and at which row. */
static long row_of(const struct db_rows *rows, const char *id)
{
	for (size_t r = 0; r < rows->row_count; r++)
		if (strcmp(db_cell(rows, r, 0), id) == 0)
			return (long)r;
	return -1;
}

/* Every problem with moving the people in rows (marked in take) to u;
 * false when u is refused. */
static bool check_move(const struct caller *who, const struct user *from,
		       const struct user *to, const struct db_rows *rows, const bool *take,
		       struct err *e)
{
	if (!to || !access_in_team(who->user, to) || to->disabled) {
		err_field(e, "to", "Choose a coordinator of your team to move them to");
		return false;
	}
	if (strcmp(to->id, from->id) == 0) {
		err_field(e, "to", "Choose another coordinator: these people are %s's already",
			  from->display_name);
		return false;
	}
	for (size_t r = 0; r < rows->row_count; r++)
		if (take[r] && !names_contain(to->coordinator_areas, to->coordinator_area_count,
				       db_cell(rows, r, 1))) {
			err_field(e, "to", "%s does not work %s, where some of these people live: "
					   "give them the area first, or choose another coordinator",
				  to->display_name, db_cell(rows, r, 2));
			return false;
		}
	return true;
}

/* Ends a refused move on c (rc RESULT_INVALID, nothing written): its n
 * refusals are committed alone.  Returns rc, or why they could not be. */
static int refuse(struct db_conn *c, const struct caller *who, const struct audit_entry *refused,
		  size_t n, int rc, struct err *e)
{
	int written = RESULT_OK;
	for (size_t i = 0; i < n && written == RESULT_OK; i++)
		written = audit_write(c, who, &refused[i], e);
	written = db_finish(c, written, e);
	return written == RESULT_OK ? rc : written;
}

int caseload_move(struct db *db, const struct caller *who, const char *from, const char *to,
		  const char *const *person_ids, size_t person_count, size_t *moved,
		  struct err *e)
{
	err_clear(e);
	*moved = 0;
	struct arena *a = arena_new();
	struct user *source, *target = NULL;
	int rc = coordinator(db, who, from, true, "move", "user", a, &source, e);
	if (rc == RESULT_OK && to && id_valid(to)) {
		struct err why;
		int found = user_load(db, a, to, &target, &why);
		if (found == RESULT_NOT_FOUND)
			target = NULL;
		else if (found < 0)
			rc = err_set(e, "%s", why.msg);
	}
	struct db_conn *c = NULL;
	if ((rc = begin(db, rc, a, &c, e)) != RESULT_OK)
		return rc;
	struct db_rows rows;
	rc = chosen(c, a, source->id, &rows, e);
	bool *take = arena_alloc(a, (rows.row_count + 1) * sizeof *take);
	struct audit_entry refused[2];
	size_t refusals = 0;
	for (size_t r = 0; rc == RESULT_OK && r < rows.row_count; r++)
		take[r] = !person_ids && access_casework(who, db_cell(&rows, r, 1));
	for (size_t i = 0; rc == RESULT_OK && person_ids && i < person_count; i++) {
		long r = row_of(&rows, person_ids[i]);
		if (r < 0 || !access_casework(who, db_cell(&rows, (size_t)r, 1))) {
			err_field(e, "person_ids", "Choose people from %s's caseload",
				  source->display_name);
			refused[refusals++] = (struct audit_entry){
				"move", "person", id_valid(person_ids[i]) ? person_ids[i] : NULL,
				r < 0 ? NULL : db_cell(&rows, (size_t)r, 1), "refused", NULL};
			break;
		}
		take[r] = true;
	}
	if (rc == RESULT_OK && person_ids && person_count == 0)
		err_field(e, "person_ids", "Choose the people to move, or move them all");
	if (rc == RESULT_OK) {
		if (!check_move(who, source, target, &rows, take, e))
			refused[refusals++] = (struct audit_entry){
				"move", "user", to && id_valid(to) ? to : NULL, NULL, "refused", NULL};
		rc = err_invalid_if_any(e);
	}
	if (rc == RESULT_INVALID && refusals) {
		rc = refuse(c, who, refused, refusals, rc, e);
		arena_free(a);
		return rc;
	}
	char now[CLOCK_ISO8601_SIZE];
	clock_utc_iso8601(now, sizeof now);
	for (size_t r = 0; rc == RESULT_OK && r < rows.row_count; r++) {
		if (!take[r])
			continue;
		const char *person = db_cell(&rows, r, 0);
		struct db_param p[] = {DB_TEXT(person), DB_TEXT(target->id), DB_TEXT(source->id),
				       DB_TEXT(now)};
		struct db_rows changed;
		rc = db_query(c, a,
			      "UPDATE people SET coordinator_id = $2, updated_at = $4,"
			      " version = version + 1 WHERE id = $1 AND coordinator_id = $3",
			      p, &changed, e);
		if (rc == RESULT_OK && changed.changes != 1)
			rc = err_result(e, RESULT_CONFLICT, "Someone else moved %s's people just now: "
							    "reload the page",
					source->display_name);
		char change_id[ID_HEX_LEN + 1];
		id_new(change_id);
		struct db_param kept[] = {DB_TEXT(change_id), DB_TEXT(person), DB_TEXT(now),
					  DB_TEXT(caller_user_id(who)),
					  DB_TEXT(source->id)};
		if (rc == RESULT_OK)
			rc = db_query(c, a,
				      "INSERT INTO person_changes (id, person_id, at, user_id, field,"
				      " value_before) VALUES ($1, $2, $3, $4, 'coordinator_id', $5)",
				      kept, NULL, e);
		struct audit_entry entry = {"move", "person", person, db_cell(&rows, r, 1), NULL, NULL};
		if (rc == RESULT_OK)
			rc = audit_write(c, who, &entry, e);
		*moved += rc == RESULT_OK;
	}
	if (rc != RESULT_OK)
		*moved = 0;
	rc = db_finish(c, rc, e);
	arena_free(a);
	return rc;
}
