#include "domain/areas/area.h"

#include "core/arena.h"
#include "core/clock.h"
#include "core/contact.h"
#include "core/err.h"
#include "core/id.h"
#include "core/utf8.h"
#include "db/db.h"
#include "domain/areas/ward.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define NAME_MAX_CHARS 100
#define INTRODUCTION_MAX_CHARS 600

static bool facebook_ok(const char *s)
{
	static const char *const prefixes[] = {"https://www.facebook.com/",
					       "https://facebook.com/"};
	for (size_t i = 0; i < 2; i++) {
		size_t n = strlen(prefixes[i]);
		if (strncmp(s, prefixes[i], n) == 0 && s[n] && strlen(s) <= 200) {
			for (const char *p = s + n; *p; p++)
				if (!isalnum((unsigned char)*p) && !strchr("./-_?=", *p))
					return false;
			return true;
		}
	}
	return false;
}

static int invalid(struct err *e, const char *msg)
{
	err_set(e, "%s", msg);
	return AREA_INVALID;
}

int area_resolve(struct db_conn *c, struct arena *a, const char *ref,
		 const char **id, struct err *e)
{
	struct db_param p = DB_TEXT(ref);
	struct db_rows rows;
	if (db_query(c, a, "SELECT id FROM areas WHERE id = $1 OR name = $1", &p,
		     1, &rows, e) < 0)
		return -1;
	if (rows.row_count == 0) {
		err_set(e, "no area called \"%.100s\"", ref);
		return AREA_NOT_FOUND;
	}
	*id = db_cell(&rows, 0, 0);
	return 0;
}

int area_create(struct db *db, const struct area_input *in, char *id_out,
		struct err *e)
{
	if (!utf8_text_ok(in->name, NAME_MAX_CHARS, false))
		return invalid(e, "an area needs a name of 1 to 100 characters");
	if (in->ward_count == 0)
		return invalid(e, "an area needs at least one ward");
	for (size_t i = 0; i < in->ward_count; i++)
		if (!ward_code_valid(in->wards[i]))
			return invalid(e, "ward codes look like E05010318");

	struct db_conn *c;
	if (db_acquire(db, &c, e) < 0)
		return -1;
	struct arena *a = arena_new();
	char now[CLOCK_ISO8601_SIZE];
	clock_utc_iso8601(now, sizeof now);
	id_new(id_out);
	int rc = db_begin(c, e);
	for (size_t i = 0; rc == 0 && i < in->ward_count; i++) {
		struct db_param w = DB_TEXT(in->wards[i]);
		struct db_rows rows;
		rc = db_query(c, a,
			      "SELECT w.name, a.name FROM wards w LEFT JOIN"
			      " area_wards aw ON aw.ward_code = w.code LEFT JOIN"
			      " areas a ON a.id = aw.area_id WHERE w.code = $1",
			      &w, 1, &rows, e);
		if (rc == 0 && rows.row_count == 0) {
			err_set(e, "ward %s is not held: import the wards first",
				in->wards[i]);
			rc = AREA_INVALID;
		} else if (rc == 0 && db_cell(&rows, 0, 1)) {
			err_set(e, "ward %s (%s) is already in area %s",
				in->wards[i], db_cell(&rows, 0, 0),
				db_cell(&rows, 0, 1));
			rc = DB_CONFLICT;
		}
	}
	if (rc == 0) {
		struct db_param p[] = {DB_TEXT(id_out), DB_TEXT(in->name),
				       DB_INT(in->covered), DB_INT(in->demo),
				       DB_TEXT(now)};
		rc = db_query(c, a,
			      "INSERT INTO areas (id, name, covered, demo,"
			      " created_at, updated_at)"
			      " VALUES ($1, $2, $3, $4, $5, $5)",
			      p, 5, NULL, e);
		if (rc == DB_CONFLICT)
			err_set(e, "there is already an area called \"%s\"",
				in->name);
	}
	for (size_t i = 0; rc == 0 && i < in->ward_count; i++) {
		struct db_param p[] = {DB_TEXT(in->wards[i]), DB_TEXT(id_out)};
		rc = db_query(c, a,
			      "INSERT INTO area_wards (ward_code, area_id)"
			      " VALUES ($1, $2)",
			      p, 2, NULL, e);
		if (rc == DB_CONFLICT)
			err_set(e, "ward %s is listed twice", in->wards[i]);
	}
	if (rc == 0)
		rc = db_commit(c, e);
	db_release(c);
	arena_free(a);
	return rc;
}

int area_set_coordinator(struct db *db, const char *ref,
			 const struct coordinator_input *in, struct err *e)
{
	if (!utf8_text_ok(in->name, NAME_MAX_CHARS, false))
		return invalid(e, "a coordinator needs a name of 1 to 100 "
				  "characters");
	if (in->mobile && !contact_phone_ok(in->mobile))
		return invalid(e, "a mobile number has 10 to 13 digits, such as "
				  "07700 900123");
	if (in->email && !contact_email_ok(in->email))
		return invalid(e, "that email address is not valid");
	if (in->facebook_url && !facebook_ok(in->facebook_url))
		return invalid(e, "a Facebook page starts "
				  "https://www.facebook.com/");
	if (in->introduction && !utf8_text_ok(in->introduction, INTRODUCTION_MAX_CHARS, true))
		return invalid(e, "an introduction is 1 to 600 characters");

	struct db_conn *c;
	if (db_acquire(db, &c, e) < 0)
		return -1;
	struct arena *a = arena_new();
	char now[CLOCK_ISO8601_SIZE];
	clock_utc_iso8601(now, sizeof now);
	char id[ID_HEX_LEN + 1];
	id_new(id);
	const char *area_id = NULL;
	int rc = db_begin(c, e);
	if (rc == 0)
		rc = area_resolve(c, a, ref, &area_id, e);
	/* One coordinator per area: the new one replaces the old, whose
	 * record stays, no longer attached to the area. */
	if (rc == 0) {
		struct db_param p = DB_TEXT(area_id);
		rc = db_query(c, a,
			      "UPDATE coordinators SET area_id = NULL"
			      " WHERE area_id = $1",
			      &p, 1, NULL, e);
	}
	if (rc == 0) {
		struct db_param p[] = {
			DB_TEXT(id),
			DB_TEXT(area_id),
			DB_TEXT(in->name),
			in->mobile ? DB_TEXT(in->mobile) : DB_NULL,
			in->email ? DB_TEXT(in->email) : DB_NULL,
			in->facebook_url ? DB_TEXT(in->facebook_url) : DB_NULL,
			in->introduction ? DB_TEXT(in->introduction) : DB_NULL,
			DB_TEXT(now),
		};
		rc = db_query(c, a,
			      "INSERT INTO coordinators (id, area_id, name, mobile,"
			      " email, facebook_url, introduction, created_at,"
			      " updated_at)"
			      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)",
			      p, 8, NULL, e);
	}
	if (rc == 0)
		rc = db_commit(c, e);
	db_release(c);
	arena_free(a);
	return rc;
}

int area_list(struct db *db, struct arena *a, struct area **out, size_t *count,
	      struct err *e)
{
	struct db_conn *c;
	if (db_acquire(db, &c, e) < 0)
		return -1;
	struct db_rows areas, wards;
	int rc = db_query(c, a,
			  "SELECT a.id, a.name, a.covered, a.demo, c.id, c.name,"
			  " c.mobile, c.email, c.facebook_url, c.introduction"
			  " FROM areas a LEFT JOIN coordinators c"
			  " ON c.area_id = a.id ORDER BY a.name",
			  NULL, 0, &areas, e);
	if (rc == 0)
		rc = db_query(c, a,
			      "SELECT area_id, ward_code FROM area_wards"
			      " ORDER BY ward_code",
			      NULL, 0, &wards, e);
	db_release(c);
	if (rc < 0)
		return -1;
	struct area *list = arena_alloc(a, (areas.row_count + 1) * sizeof *list);
	for (size_t i = 0; i < areas.row_count; i++) {
		struct area *it = &list[i];
		it->id = db_cell(&areas, i, 0);
		it->name = db_cell(&areas, i, 1);
		it->covered = strcmp(db_cell(&areas, i, 2), "1") == 0;
		it->demo = strcmp(db_cell(&areas, i, 3), "1") == 0;
		if (db_cell(&areas, i, 4)) {
			struct coordinator *co = arena_alloc(a, sizeof *co);
			co->id = db_cell(&areas, i, 4);
			co->name = db_cell(&areas, i, 5);
			co->mobile = db_cell(&areas, i, 6);
			co->email = db_cell(&areas, i, 7);
			co->facebook_url = db_cell(&areas, i, 8);
			co->introduction = db_cell(&areas, i, 9);
			it->coordinator = co;
		}
		size_t n = 0;
		for (size_t w = 0; w < wards.row_count; w++)
			n += strcmp(db_cell(&wards, w, 0), it->id) == 0;
		it->wards = arena_alloc(a, (n + 1) * sizeof *it->wards);
		for (size_t w = 0; w < wards.row_count; w++)
			if (strcmp(db_cell(&wards, w, 0), it->id) == 0)
				it->wards[it->ward_count++] = db_cell(&wards, w, 1);
	}
	*out = list;
	*count = areas.row_count;
	return 0;
}
