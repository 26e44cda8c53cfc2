#include "domain/areas/area.h"

#include "core/arena.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/id.h"
#include "core/utf8.h"
#include "db/db.h"
#include "db/generation.h"
#include "domain/areas/ward.h"
#include "domain/staff/audit.h"
#include "domain/staff/token.h"
#include "domain/staff/user.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#define NAME_MAX_CHARS 100

int area_resolve(struct db_conn *c, struct arena *a, const char *ref,
		 const char **id, struct err *e)
{
	struct db_param p[] = {DB_TEXT(ref)};
	struct db_rows rows;
	if (db_query(c, a, "SELECT id FROM areas WHERE id = $1 OR name = $1", p,
		     &rows, e) < 0)
		return RESULT_FAILED;
	if (rows.row_count == 0)
		return err_not_found(e, "area", "no area called \"%.100s\"", ref);
	*id = db_cell(&rows, 0, 0);
	return RESULT_OK;
}

/* The rules an area's (trimmed) name keeps without asking the database,
 * each with its own message: blank, too long, or holding control
 * characters are three different things to fix. */
static void check_name(const char *name, struct err *e)
{
	size_t len = name ? strlen(name) : 0;
	if (len == 0)
		err_field(e, "name", "an area needs a name (1 to 100 characters)");
	else if (!utf8_valid(name, len))
		err_field(e, "name", "an area's name is not valid UTF-8 text");
	else if (utf8_length(name, len) > NAME_MAX_CHARS)
		err_field(e, "name", "an area's name is 1 to 100 characters");
	else if (!utf8_text_ok(name, NAME_MAX_CHARS, false))
		err_field(e, "name", "an area's name may not hold control characters "
				     "(tabs, line breaks and the like)");
}

/* The rules a list of wards keeps without asking the database. */
static void check_ward_list(const char *const *wards, size_t count, struct err *e)
{
	if (count == 0)
		err_field(e, "wards", "an area needs at least one ward");
	for (size_t i = 0; i < count; i++) {
		if (!ward_code_valid(wards[i])) {
			/* Named by place, not quoted: what was typed may be
			 * anything, and cutting it short could split a
			 * character. */
			err_field(e, "wards", "ward %zu in the list is not a ward code: "
					      "ward codes look like E05010318", i + 1);
			continue;
		}
		for (size_t j = 0; j < i; j++)
			if (strcmp(wards[i], wards[j]) == 0)
				err_field(e, "wards", "ward %s is listed twice", wards[i]);
	}
}

/* Checks in the database that every well-formed ward is held (a field
 * error each when not) and in no area but self's (NULL: a new area).  A
 * ward in another area is a conflict, reported once the input is
 * otherwise valid, or (at_field) a field error naming it and its area. */
static int check_wards(struct db_conn *c, struct arena *a, const char *const *wards,
		       size_t count, const char *self, bool at_field, struct err *e)
{
	char taken[ERR_MSG_MAX] = "";
	for (size_t i = 0; i < count; i++) {
		if (!ward_code_valid(wards[i]))
			continue;
		struct db_param w[] = {DB_TEXT(wards[i]), DB_TEXT(self ? self : "")};
		struct db_rows rows;
		if (db_query(c, a,
			     "SELECT w.name, a.name FROM wards w LEFT JOIN"
			     " area_wards aw ON aw.ward_code = w.code AND aw.area_id <> $2"
			     " LEFT JOIN areas a ON a.id = aw.area_id WHERE w.code = $1",
			     w, &rows, e) < 0)
			return RESULT_FAILED;
		if (rows.row_count == 0)
			err_field(e, "wards", "ward %s is not held: import the wards first",
				  wards[i]);
		else if (db_cell(&rows, 0, 1) && at_field)
			err_field(e, "wards", "ward %s (%s) is already in area %s", wards[i],
				  db_cell(&rows, 0, 0), db_cell(&rows, 0, 1));
		else if (db_cell(&rows, 0, 1) && !*taken)
			snprintf(taken, sizeof taken, "ward %s (%s) is already in area %s",
				 wards[i], db_cell(&rows, 0, 0), db_cell(&rows, 0, 1));
	}
	if (err_invalid_if_any(e) == RESULT_OK && *taken)
		return err_result(e, RESULT_CONFLICT, "%s", taken);
	return err_invalid_if_any(e);
}

/* The area with this id as its audit entries show it, before or after a
 * change: {"name", "wards", "covered", "retired_at"}.  A new reference. */
static int area_state(struct db_conn *c, struct arena *a, const char *id, json_t **out,
		      struct err *e)
{
	struct db_param p[] = {DB_TEXT(id)};
	struct db_rows row, wards;
	if (db_query(c, a, "SELECT name, covered, retired_at FROM areas WHERE id = $1", p,
		     &row, e) < 0 ||
	    db_query(c, a, "SELECT ward_code FROM area_wards WHERE area_id = $1"
			   " ORDER BY ward_code",
		     p, &wards, e) < 0)
		return RESULT_FAILED;
	json_t *codes = json_array();
	for (size_t i = 0; i < wards.row_count; i++)
		json_array_append_new(codes, json_string(db_cell(&wards, i, 0)));
	*out = json_pack("{s:s,s:o,s:b,s:s?}", "name", db_cell(&row, 0, 0), "wards", codes,
			 "covered", strcmp(db_cell(&row, 0, 1), "1") == 0, "retired_at",
			 db_cell(&row, 0, 2));
	return RESULT_OK;
}

int area_check_in_use(struct db_conn *c, struct arena *a, const char *area_id,
		      struct err *e)
{
	struct db_param p[] = {DB_TEXT(area_id)};
	struct db_rows rows;
	if (db_query(c, a, "SELECT name FROM areas WHERE id = $1 AND retired_at IS NOT NULL", p,
		     &rows, e) < 0)
		return RESULT_FAILED;
	if (rows.row_count)
		return err_field(e, "", "%s is retired: a retired area is not changed, nor "
					"its coordinator's entry or drop-ins",
				 db_cell(&rows, 0, 0));
	return RESULT_OK;
}

int area_may_change(const struct caller *who, struct err *e)
{
	if (user_administers(who) || (who->kind == CALLER_TOKEN && who->token &&
				      token_has_scope(who->token, "areas.write")))
		return RESULT_OK;
	return err_result(e, RESULT_FORBIDDEN,
			  "only an administrator changes areas, coordinators and drop-ins");
}

/* Whether another area than self (retired or not: names stay unique) is
 * called name, ignoring case ("heworth" is "Heworth" to a reader): its
 * message in taken ("" when free). */
static int check_name_free(struct db_conn *c, struct arena *a, const char *name,
			   const char *self, char *taken, size_t size, struct err *e)
{
	struct db_param p[] = {DB_TEXT(name), DB_TEXT(self)};
	struct db_rows rows;
	*taken = '\0';
	if (db_query(c, a, "SELECT retired_at, name FROM areas"
			   " WHERE lower(name) = lower($1) AND id <> $2",
		     p, &rows, e) < 0)
		return RESULT_FAILED;
	if (rows.row_count)
		snprintf(taken, size, "there is already %s area called \"%s\"",
			 db_cell(&rows, 0, 0) ? "a retired" : "an", db_cell(&rows, 0, 1));
	return RESULT_OK;
}

/* area_create, with a name or ward taken a conflict or (at_field) a
 * field error. */
static int create(struct db *db, const struct caller *who, const struct area_input *in,
		  bool at_field, char *id_out, struct err *e)
{
	err_clear(e);
	struct db_conn *c;
	if (db_transaction(db, &c, e) < 0)
		return RESULT_FAILED;
	struct arena *a = arena_new();
	char now[CLOCK_ISO8601_SIZE];
	clock_utc_iso8601(now, sizeof now);
	id_new(id_out);
	const char *name = arena_strdup_trimmed(a, in->name);
	char taken[ERR_MSG_MAX] = "";
	int rc = area_may_change(who, e);
	if (rc == RESULT_OK) {
		check_name(name, e);
		if (!err_field_message(e, "name") &&
		    check_name_free(c, a, name, "", taken, sizeof taken, e) != RESULT_OK)
			rc = RESULT_FAILED;
	}
	if (rc == RESULT_OK) {
		/* A page shows a name taken beside the other problems; the
		 * command line and the API's POST have it as a conflict once
		 * the input is otherwise valid. */
		if (*taken && at_field)
			err_field(e, "name", "%s", taken);
		check_ward_list(in->wards, in->ward_count, e);
		rc = check_wards(c, a, in->wards, in->ward_count, NULL, at_field, e);
		if (rc == RESULT_OK && *taken)
			rc = err_result(e, RESULT_CONFLICT, "%s", taken);
	}
	if (rc == RESULT_OK) {
		struct db_param p[] = {DB_TEXT(id_out), DB_TEXT(name),
				       DB_INT(in->covered), DB_INT(in->demo),
				       DB_TEXT(now)};
		rc = db_query(c, a,
			      "INSERT INTO areas (id, name, covered, demo,"
			      " created_at, updated_at)"
			      " VALUES ($1, $2, $3, $4, $5, $5)",
			      p, NULL, e);
		if (rc == RESULT_CONFLICT)
			err_result(e, RESULT_CONFLICT,
				   "there is already an area called \"%s\"", name);
	}
	for (size_t i = 0; rc == RESULT_OK && i < in->ward_count; i++) {
		struct db_param p[] = {DB_TEXT(in->wards[i]), DB_TEXT(id_out)};
		rc = db_query(c, a,
			      "INSERT INTO area_wards (ward_code, area_id)"
			      " VALUES ($1, $2)",
			      p, NULL, e);
	}
	if (rc == RESULT_OK)
		rc = db_generation_bump(c, DB_GENERATION_AREAS, e);
	json_t *after = NULL;
	if (rc == RESULT_OK)
		rc = area_state(c, a, id_out, &after, e);
	const char *made = rc == RESULT_OK ? id_out : NULL;
	struct audit_entry entry = {"area_create", "area", made, made, NULL,
				    made ? audit_changes_text(a, NULL, after) : NULL};
	return audit_commit_or_refuse(c, a, rc, who, &entry, e);
}

/* Opens a change to the area named ref: the caller may make it, the area
 * is there and in use.  *before is its state then. */
static int begin_change(struct db_conn *c, struct arena *a, const struct caller *who,
			const char *ref, const char **id, json_t **before, struct err *e)
{
	int rc = area_may_change(who, e);
	if (rc == RESULT_OK)
		rc = area_resolve(c, a, ref, id, e);
	if (rc == RESULT_OK)
		rc = area_check_in_use(c, a, *id, e);
	if (rc == RESULT_OK)
		rc = area_state(c, a, *id, before, e);
	return rc;
}

/* Ends a change begun by begin_change: bumps the generation, reads the
 * state after, and commits with the audit entry (action, before, after). */
static int end_change(struct db_conn *c, struct arena *a, int rc, const struct caller *who,
		      const char *action, const char *id, json_t *before, struct err *e)
{
	json_t *after = NULL;
	if (rc == RESULT_OK)
		rc = db_generation_bump(c, DB_GENERATION_AREAS, e);
	if (rc == RESULT_OK)
		rc = area_state(c, a, id, &after, e);
	const char *changes = rc == RESULT_OK ? audit_changes_text(a, before, after) : NULL;
	if (rc != RESULT_OK)
		json_decref(before);
	struct audit_entry entry = {action, "area", id, id, NULL, changes};
	return audit_commit_or_refuse(c, a, rc, who, &entry, e);
}

int area_update(struct db *db, const struct caller *who, const char *ref,
		const struct area_update_input *in, struct err *e)
{
	err_clear(e);
	struct db_conn *c;
	if (db_transaction(db, &c, e) < 0)
		return RESULT_FAILED;
	struct arena *a = arena_new();
	char now[CLOCK_ISO8601_SIZE];
	clock_utc_iso8601(now, sizeof now);
	const char *id = NULL;
	json_t *before = NULL;
	const char *new_name = arena_strdup_trimmed(a, in->name);
	int rc = begin_change(c, a, who, ref, &id, &before, e);
	if (rc == RESULT_OK) {
		char taken[ERR_MSG_MAX] = "";
		if (new_name)
			check_name(new_name, e);
		if (new_name && !err_field_message(e, "name"))
			rc = check_name_free(c, a, new_name, id, taken, sizeof taken, e);
		if (*taken)
			err_field(e, "name", "%s", taken);
		if (rc == RESULT_OK && in->set_wards) {
			check_ward_list(in->wards, in->ward_count, e);
			rc = check_wards(c, a, in->wards, in->ward_count, id, true, e);
		}
		if (rc == RESULT_OK)
			rc = err_invalid_if_any(e);
	}
	struct db_param stamp[] = {DB_TEXT(id), DB_TEXT(now)};
	struct db_param name[] = {DB_TEXT(id), DB_TEXT(new_name)};
	struct db_param covered[] = {DB_TEXT(id), DB_INT(in->covered)};
	struct db_param area[] = {DB_TEXT(id)};
	if (rc == RESULT_OK)
		rc = db_query(c, a, "UPDATE areas SET updated_at = $2 WHERE id = $1", stamp, NULL,
			      e);
	if (rc == RESULT_OK && new_name)
		rc = db_query(c, a, "UPDATE areas SET name = $2 WHERE id = $1", name, NULL, e);
	if (rc == RESULT_OK && in->covered >= 0)
		rc = db_query(c, a, "UPDATE areas SET covered = $2 WHERE id = $1", covered, NULL, e);
	if (rc == RESULT_OK && in->set_wards)
		rc = db_query(c, a, "DELETE FROM area_wards WHERE area_id = $1", area, NULL, e);
	for (size_t i = 0; rc == RESULT_OK && in->set_wards && i < in->ward_count; i++) {
		struct db_param w[] = {DB_TEXT(in->wards[i]), DB_TEXT(id)};
		rc = db_query(c, a, "INSERT INTO area_wards (ward_code, area_id) VALUES ($1, $2)",
			      w, NULL, e);
	}
	return end_change(c, a, rc, who, "area_update", id, before, e);
}

int area_retire(struct db *db, const struct caller *who, const char *ref, struct err *e)
{
	err_clear(e);
	struct db_conn *c;
	if (db_transaction(db, &c, e) < 0)
		return RESULT_FAILED;
	struct arena *a = arena_new();
	char now[CLOCK_ISO8601_SIZE];
	clock_utc_iso8601(now, sizeof now);
	const char *id = NULL;
	json_t *before = NULL;
	int rc = begin_change(c, a, who, ref, &id, &before, e);
	struct db_param p[] = {DB_TEXT(id), DB_TEXT(now)};
	struct db_param area[] = {DB_TEXT(id)};
	if (rc == RESULT_OK)
		rc = db_query(c, a, "UPDATE areas SET retired_at = $2, updated_at = $2"
				    " WHERE id = $1",
			      p, NULL, e);
	/* Its wards are let go for another area; the audit entry's before
	 * keeps which they were. */
	if (rc == RESULT_OK)
		rc = db_query(c, a, "DELETE FROM area_wards WHERE area_id = $1", area, NULL, e);
	return end_change(c, a, rc, who, "area_retire", id, before, e);
}

int area_create(struct db *db, const struct caller *who, const struct area_input *in,
		char *id_out, struct err *e)
{
	return create(db, who, in, false, id_out, e);
}

int area_create_fields(struct db *db, const struct caller *who,
		       const struct area_input *in, char *id_out, struct err *e)
{
	return create(db, who, in, true, id_out, e);
}

/* An area read with its coordinator, in the columns area_at takes. */
#define AREA_SELECT                                                            \
	"SELECT a.id, a.name, a.covered, a.demo, c.id, c.name, c.mobile,"      \
	" c.email, c.facebook_url, c.introduction, a.retired_at"               \
	" FROM areas a LEFT JOIN coordinators c ON c.area_id = a.id"

/* Row i of an AREA_SELECT, with its wards picked from (area_id,
 * ward_code) rows. */
static void area_at(struct arena *a, const struct db_rows *areas, size_t i,
		    const struct db_rows *wards, struct area *it)
{
	it->id = db_cell(areas, i, 0);
	it->name = db_cell(areas, i, 1);
	it->covered = strcmp(db_cell(areas, i, 2), "1") == 0;
	it->demo = strcmp(db_cell(areas, i, 3), "1") == 0;
	it->coordinator = NULL;
	if (db_cell(areas, i, 4)) {
		struct coordinator *co = arena_alloc(a, sizeof *co);
		co->id = db_cell(areas, i, 4);
		co->name = db_cell(areas, i, 5);
		co->mobile = db_cell(areas, i, 6);
		co->email = db_cell(areas, i, 7);
		co->facebook_url = db_cell(areas, i, 8);
		co->introduction = db_cell(areas, i, 9);
		it->coordinator = co;
	}
	it->retired_at = db_cell(areas, i, 10);
	size_t n = 0;
	for (size_t w = 0; w < wards->row_count; w++)
		n += strcmp(db_cell(wards, w, 0), it->id) == 0;
	it->wards = arena_alloc(a, (n + 1) * sizeof *it->wards);
	it->ward_count = 0;
	for (size_t w = 0; w < wards->row_count; w++)
		if (strcmp(db_cell(wards, w, 0), it->id) == 0)
			it->wards[it->ward_count++] = db_cell(wards, w, 1);
}

enum which { AREAS_IN_USE, AREAS_RETIRED, AREA_WITH_ID };

/* The areas with their coordinators, and their wards as (area_id,
 * ward_code) rows: every area in use by name, every retired one, or only
 * the one with id. */
static int read_areas(struct db *db, struct arena *a, enum which which, const char *id,
		      struct db_rows *areas, struct db_rows *wards, struct err *e)
{
	struct db_conn *c;
	if (db_acquire(db, &c, e) < 0)
		return RESULT_FAILED;
	struct db_param p[] = {DB_TEXT(id)};
	int rc = which == AREA_WITH_ID
			 ? db_query(c, a, AREA_SELECT " WHERE a.id = $1", p, areas, e)
		 : which == AREAS_IN_USE
			 ? db_query_plain(c, a, AREA_SELECT " WHERE a.retired_at IS NULL"
							    " ORDER BY a.name",
					  areas, e)
			 : db_query_plain(c, a, AREA_SELECT " WHERE a.retired_at IS NOT NULL"
							    " ORDER BY a.retired_at DESC, a.name",
					  areas, e);
	if (rc == RESULT_OK)
		rc = id ? db_query(c, a,
				   "SELECT area_id, ward_code FROM area_wards"
				   " WHERE area_id = $1 ORDER BY ward_code",
				   p, wards, e)
			: db_query_plain(c, a,
					 "SELECT area_id, ward_code FROM area_wards"
					 " ORDER BY ward_code",
					 wards, e);
	db_release(c);
	return rc == RESULT_OK ? RESULT_OK : RESULT_FAILED;
}

static int list_areas(struct db *db, struct arena *a, enum which which, struct area **out,
		      size_t *count, struct err *e)
{
	struct db_rows areas, wards;
	if (read_areas(db, a, which, NULL, &areas, &wards, e) != RESULT_OK)
		return RESULT_FAILED;
	struct area *list = arena_alloc(a, (areas.row_count + 1) * sizeof *list);
	for (size_t i = 0; i < areas.row_count; i++)
		area_at(a, &areas, i, &wards, &list[i]);
	*out = list;
	*count = areas.row_count;
	return RESULT_OK;
}

int area_list(struct db *db, struct arena *a, struct area **out, size_t *count,
	      struct err *e)
{
	return list_areas(db, a, AREAS_IN_USE, out, count, e);
}

int area_list_retired(struct db *db, struct arena *a, struct area **out, size_t *count,
		      struct err *e)
{
	return list_areas(db, a, AREAS_RETIRED, out, count, e);
}

int area_get(struct db *db, struct arena *a, const char *id, struct area *out,
	     struct err *e)
{
	struct db_rows areas, wards;
	if (!id || !id_valid(id))
		areas.row_count = 0;
	else if (read_areas(db, a, AREA_WITH_ID, id, &areas, &wards, e) != RESULT_OK)
		return RESULT_FAILED;
	if (areas.row_count == 0)
		return err_not_found(e, "area", "There is no area with that id.");
	area_at(a, &areas, 0, &wards, out);
	return RESULT_OK;
}

int area_get_public(struct db *db, struct arena *a, const char *id, struct area *out,
		    struct err *e)
{
	int rc = area_get(db, a, id, out, e);
	if (rc == RESULT_OK && out->retired_at)
		rc = err_not_found(e, "area", "There is no area with that id.");
	return rc;
}
