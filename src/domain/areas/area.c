#include "domain/areas/area.h"

#include "core/arena.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/id.h"
#include "core/utf8.h"
#include "db/db.h"
#include "domain/areas/ward.h"
#include "domain/staff/audit.h"
#include "domain/staff/token.h"
#include "domain/staff/user.h"

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

/* The rules an area's input keeps without asking the database. */
static void check_area(const struct area_input *in, struct err *e)
{
	if (!utf8_text_ok(in->name, NAME_MAX_CHARS, false))
		err_field(e, "name", "an area needs a name of 1 to 100 characters");
	if (in->ward_count == 0)
		err_field(e, "wards", "an area needs at least one ward");
	for (size_t i = 0; i < in->ward_count; i++) {
		if (!ward_code_valid(in->wards[i])) {
			/* Named by place, not quoted: what was typed may be
			 * anything, and cutting it short could split a
			 * character. */
			err_field(e, "wards", "ward %zu in the list is not a ward code: "
					      "ward codes look like E05010318", i + 1);
			continue;
		}
		for (size_t j = 0; j < i; j++)
			if (strcmp(in->wards[i], in->wards[j]) == 0)
				err_field(e, "wards", "ward %s is listed twice", in->wards[i]);
	}
}

/* Checks in the database that every well-formed ward is held (a field
 * error each when not) and free; a ward in another area is a conflict,
 * reported once the input is otherwise valid. */
static int check_wards(struct db_conn *c, struct arena *a,
		       const struct area_input *in, struct err *e)
{
	char taken[ERR_MSG_MAX] = "";
	for (size_t i = 0; i < in->ward_count; i++) {
		if (!ward_code_valid(in->wards[i]))
			continue;
		struct db_param w[] = {DB_TEXT(in->wards[i])};
		struct db_rows rows;
		if (db_query(c, a,
			     "SELECT w.name, a.name FROM wards w LEFT JOIN"
			     " area_wards aw ON aw.ward_code = w.code LEFT JOIN"
			     " areas a ON a.id = aw.area_id WHERE w.code = $1",
			     w, &rows, e) < 0)
			return RESULT_FAILED;
		if (rows.row_count == 0)
			err_field(e, "wards", "ward %s is not held: import the wards first",
				  in->wards[i]);
		else if (db_cell(&rows, 0, 1) && !*taken)
			snprintf(taken, sizeof taken, "ward %s (%s) is already in area %s",
				 in->wards[i], db_cell(&rows, 0, 0), db_cell(&rows, 0, 1));
	}
	if (err_invalid_if_any(e) == RESULT_OK && *taken)
		return err_result(e, RESULT_CONFLICT, "%s", taken);
	return err_invalid_if_any(e);
}

int area_may_change(const struct caller *who, struct err *e)
{
	if (user_administers(who) || (who->kind == CALLER_TOKEN && who->token &&
				      token_has_scope(who->token, "areas.write")))
		return RESULT_OK;
	return err_result(e, RESULT_FORBIDDEN,
			  "only an administrator changes areas, coordinators and drop-ins");
}

int area_create(struct db *db, const struct caller *who,
		const struct area_input *in, char *id_out, struct err *e)
{
	err_clear(e);
	struct db_conn *c;
	if (db_transaction(db, &c, e) < 0)
		return RESULT_FAILED;
	struct arena *a = arena_new();
	char now[CLOCK_ISO8601_SIZE];
	clock_utc_iso8601(now, sizeof now);
	id_new(id_out);
	int rc = area_may_change(who, e);
	if (rc == RESULT_OK) {
		check_area(in, e);
		rc = check_wards(c, a, in, e);
	}
	if (rc == RESULT_OK) {
		struct db_param p[] = {DB_TEXT(id_out), DB_TEXT(in->name),
				       DB_INT(in->covered), DB_INT(in->demo),
				       DB_TEXT(now)};
		rc = db_query(c, a,
			      "INSERT INTO areas (id, name, covered, demo,"
			      " created_at, updated_at)"
			      " VALUES ($1, $2, $3, $4, $5, $5)",
			      p, NULL, e);
		if (rc == RESULT_CONFLICT)
			err_result(e, RESULT_CONFLICT,
				   "there is already an area called \"%s\"", in->name);
	}
	for (size_t i = 0; rc == RESULT_OK && i < in->ward_count; i++) {
		struct db_param p[] = {DB_TEXT(in->wards[i]), DB_TEXT(id_out)};
		rc = db_query(c, a,
			      "INSERT INTO area_wards (ward_code, area_id)"
			      " VALUES ($1, $2)",
			      p, NULL, e);
	}
	const char *made = rc == RESULT_OK ? id_out : NULL;
	struct audit_entry entry = {"area_create", "area", made, made, NULL, NULL};
	return audit_commit_or_refuse(c, a, rc, who, &entry, e);
}

/* An area read with its coordinator, in the columns area_at takes. */
#define AREA_SELECT                                                            \
	"SELECT a.id, a.name, a.covered, a.demo, c.id, c.name, c.mobile,"      \
	" c.email, c.facebook_url, c.introduction"                             \
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
	size_t n = 0;
	for (size_t w = 0; w < wards->row_count; w++)
		n += strcmp(db_cell(wards, w, 0), it->id) == 0;
	it->wards = arena_alloc(a, (n + 1) * sizeof *it->wards);
	it->ward_count = 0;
	for (size_t w = 0; w < wards->row_count; w++)
		if (strcmp(db_cell(wards, w, 0), it->id) == 0)
			it->wards[it->ward_count++] = db_cell(wards, w, 1);
}

/* The areas with their coordinators, and their wards as (area_id,
 * ward_code) rows: every area by name, or only the one with id. */
static int read_areas(struct db *db, struct arena *a, const char *id,
		      struct db_rows *areas, struct db_rows *wards, struct err *e)
{
	struct db_conn *c;
	if (db_acquire(db, &c, e) < 0)
		return RESULT_FAILED;
	struct db_param p[] = {DB_TEXT(id)};
	int rc = id ? db_query(c, a, AREA_SELECT " WHERE a.id = $1", p, areas, e)
		    : db_query_plain(c, a, AREA_SELECT " ORDER BY a.name", areas, e);
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

int area_list(struct db *db, struct arena *a, struct area **out, size_t *count,
	      struct err *e)
{
	struct db_rows areas, wards;
	if (read_areas(db, a, NULL, &areas, &wards, e) != RESULT_OK)
		return RESULT_FAILED;
	struct area *list = arena_alloc(a, (areas.row_count + 1) * sizeof *list);
	for (size_t i = 0; i < areas.row_count; i++)
		area_at(a, &areas, i, &wards, &list[i]);
	*out = list;
	*count = areas.row_count;
	return RESULT_OK;
}

int area_get(struct db *db, struct arena *a, const char *id, struct area *out,
	     struct err *e)
{
	struct db_rows areas, wards;
	if (!id || !id_valid(id))
		areas.row_count = 0;
	else if (read_areas(db, a, id, &areas, &wards, e) != RESULT_OK)
		return RESULT_FAILED;
	if (areas.row_count == 0)
		return err_not_found(e, "area", "There is no area with that id.");
	area_at(a, &areas, 0, &wards, out);
	return RESULT_OK;
}
