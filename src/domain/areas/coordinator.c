#include "domain/areas/coordinator.h"

#include "core/arena.h"
#include "core/clock.h"
#include "core/contact.h"
#include "core/err.h"
#include "core/id.h"
#include "core/utf8.h"
#include "db/db.h"
#include "db/generation.h"
#include "domain/staff/audit.h"
#include "domain/staff/user.h"

#include <ctype.h>
#include <jansson.h>
#include <string.h>

#define NAME_MAX_CHARS 100
#define INTRODUCTION_MAX_CHARS 600
#define FACEBOOK_MAX_CHARS 200

/* A Facebook page's address: https, Facebook's own host, and a path of
 * the characters page addresses use, so the public page can link to it
 * without sending anyone elsewhere. */
static bool facebook_ok(const char *s)
{
	static const char *const prefixes[] = {"https://www.facebook.com/",
					       "https://facebook.com/"};
	for (size_t i = 0; i < 2; i++) {
		size_t n = strlen(prefixes[i]);
		if (strncmp(s, prefixes[i], n) == 0 && s[n] && strlen(s) <= FACEBOOK_MAX_CHARS) {
			for (const char *p = s + n; *p; p++)
				if (!isalnum((unsigned char)*p) && !strchr("./-_?=", *p))
					return false;
			return true;
		}
	}
	return false;
}

/* The rules the public fields keep, a field error for each broken. */
static void check_fields(const struct coordinator_input *in, struct err *e)
{
	if (!in->name || !utf8_text_ok(in->name, NAME_MAX_CHARS, false))
		err_field(e, "name", "Enter the name the public sees, 1 to 100 characters");
	if (in->mobile && !contact_phone_ok(in->mobile))
		err_field(e, "mobile",
			  "Enter a mobile number: a UK number of 10 to 13 digits, such as "
			  "07700 900123");
	if (in->email && !contact_email_ok(in->email))
		err_field(e, "email",
			  "Enter an email address in the correct format, like name@example.org");
	if (in->facebook_url && !facebook_ok(in->facebook_url))
		err_field(e, "facebook_url",
			  "Enter the address of a Facebook page, starting "
			  "https://www.facebook.com/");
	if (in->introduction && !utf8_text_ok(in->introduction, INTRODUCTION_MAX_CHARS, true))
		err_field(e, "introduction", "A line about themselves is 600 characters at most");
}

/* An area and its entry, in the columns entry_at takes. */
#define ENTRY_SELECT                                                                      \
	"SELECT a.id, a.name, c.id, c.name, c.mobile, c.email, c.facebook_url,"           \
	" c.introduction, u.id, u.username, u.display_name"                               \
	" FROM areas a LEFT JOIN coordinators c ON c.area_id = a.id"                      \
	" LEFT JOIN users u ON u.id = c.user_id"

static void entry_at(const struct db_rows *rows, struct coordinator_entry *out)
{
	out->area_id = db_cell(rows, 0, 0);
	out->area_name = db_cell(rows, 0, 1);
	out->co = (struct coordinator){db_cell(rows, 0, 2), db_cell(rows, 0, 3),
				       db_cell(rows, 0, 4), db_cell(rows, 0, 5),
				       db_cell(rows, 0, 6), db_cell(rows, 0, 7)};
	out->user_id = db_cell(rows, 0, 8);
	out->username = db_cell(rows, 0, 9);
	out->display_name = db_cell(rows, 0, 10);
}

/* The area with id area_id and its entry, on c. */
static int read_entry(struct db_conn *c, struct arena *a, const char *area_id,
		      struct coordinator_entry *out, struct err *e)
{
	struct db_rows rows = {0};
	struct db_param p[] = {DB_TEXT(area_id)};
	if (area_id && id_valid(area_id) &&
	    db_query(c, a, ENTRY_SELECT " WHERE a.id = $1", p, &rows, e) < 0)
		return RESULT_FAILED;
	if (rows.row_count == 0)
		return err_not_found(e, "area", "There is no area with that id.");
	entry_at(&rows, out);
	return RESULT_OK;
}

/* The public record as the audit log keeps it: null for no entry. */
static json_t *entry_json(const struct coordinator *co, const char *username)
{
	if (!co->id)
		return json_null();
	return json_pack("{s:s,s:s?,s:s?,s:s?,s:s?,s:s?}", "name", co->name, "mobile",
			 co->mobile, "email", co->email, "facebook_url", co->facebook_url,
			 "introduction", co->introduction, "username", username);
}

/* Finds the account in->username names and checks it may carry the
 * area's entry: a field error "username" when not.  *user_id, *username
 * are set when it is found. */
static int check_account(struct db_conn *c, struct arena *a, const char *area_id,
			 const char *area_name, const char *wanted, const char **user_id,
			 const char **username, struct err *e)
{
	struct db_param p[] = {DB_TEXT(wanted), DB_TEXT(area_id)};
	struct db_rows rows;
	if (db_query(c, a,
		     "SELECT u.id, u.username, u.disabled,"
		     " (SELECT count(*) FROM user_role_areas r WHERE r.user_id = u.id"
		     "  AND r.role = 'coordinator' AND r.area_id = $2),"
		     " (SELECT min(o.name) FROM coordinators k JOIN areas o ON o.id = k.area_id"
		     "  WHERE k.user_id = u.id AND k.area_id <> $2)"
		     " FROM users u WHERE u.id = $1 OR u.username = lower($1)",
		     p, &rows, e) < 0)
		return RESULT_FAILED;
	if (rows.row_count == 0)
		return err_field(e, "username", "There is no staff account called %.64s",
				 user_name_valid(wanted) ? wanted : "that");
	*user_id = db_cell(&rows, 0, 0);
	*username = db_cell(&rows, 0, 1);
	if (strcmp(db_cell(&rows, 0, 2), "1") == 0)
		return err_field(e, "username",
				 "%s's account is disabled: enable it first, or choose another",
				 *username);
	if (strcmp(db_cell(&rows, 0, 3), "0") == 0)
		return err_field(e, "username",
				 "%s is not a coordinator of %s: give them the coordinator "
				 "role for it first",
				 *username, area_name);
	if (db_cell(&rows, 0, 4))
		return err_field(e, "username",
				 "%s's public entry is %s's: remove it there first",
				 *username, db_cell(&rows, 0, 4));
	return RESULT_OK;
}

/* Writes the entry (in its new form, as before has it otherwise), raises
 * the areas generation: the change's writes, on c. */
static int write_entry(struct db_conn *c, struct arena *a, const struct coordinator_entry *before,
		       const struct coordinator_input *in, const char *user_id, struct err *e)
{
	char now[CLOCK_ISO8601_SIZE];
	clock_utc_iso8601(now, sizeof now);
	char id[ID_HEX_LEN + 1];
	id_new(id);
	struct db_param p[] = {
		DB_TEXT(before->co.id ? before->co.id : id),
		DB_TEXT(before->area_id),
		DB_TEXT(in->name),
		DB_TEXT(in->mobile),
		DB_TEXT(in->email),
		DB_TEXT(in->facebook_url),
		DB_TEXT(in->introduction),
		DB_TEXT(user_id),
		DB_TEXT(now),
	};
	int rc = before->co.id
			 ? db_query(c, a,
				    "UPDATE coordinators SET name = $3, mobile = $4, email = $5,"
				    " facebook_url = $6, introduction = $7, user_id = $8,"
				    " updated_at = $9 WHERE id = $1 AND area_id = $2",
				    p, NULL, e)
			 : db_query(c, a,
				    "INSERT INTO coordinators (id, area_id, name, mobile, email,"
				    " facebook_url, introduction, user_id, created_at, updated_at)"
				    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)",
				    p, NULL, e);
	if (rc == RESULT_OK)
		rc = db_generation_bump(c, DB_GENERATION_AREAS, e);
	return rc;
}

/* The entry after a write of in, for the audit log. */
static const char *changes_of(struct arena *a, const struct coordinator_entry *before,
			      const struct coordinator_input *in, const char *username)
{
	struct coordinator after = {"new", in->name, in->mobile, in->email, in->facebook_url,
				    in->introduction};
	return audit_changes_text(a, entry_json(&before->co, before->username),
			    entry_json(&after, username));
}

/* Opens the transaction of a change to an entry, and its arena:
 * RESULT_FAILED when there is no transaction to be had. */
static int begin(struct db *db, struct db_conn **c, struct arena **a, struct err *e)
{
	err_clear(e);
	if (db_transaction(db, c, e) < 0)
		return RESULT_FAILED;
	*a = arena_new();
	return RESULT_OK;
}

/* The start of a change by who (one who changes areas) to the entry of
 * the area ref names: its id into *area_id, the entry as it is into
 * *before. */
static int find_entry(struct db_conn *c, struct arena *a, const struct caller *who,
		      const char *ref, const char **area_id, struct coordinator_entry *before,
		      struct err *e)
{
	int rc = area_may_change(who, e);
	if (rc == RESULT_OK)
		rc = area_resolve(c, a, ref, area_id, e);
	if (rc == RESULT_OK)
		rc = read_entry(c, a, *area_id, before, e);
	return rc;
}

int coordinator_set(struct db *db, const struct caller *who, const char *ref,
		    const struct coordinator_input *in, struct err *e)
{
	struct db_conn *c;
	struct arena *a;
	if (begin(db, &c, &a, e) != RESULT_OK)
		return RESULT_FAILED;
	struct coordinator_entry before = {0};
	const char *area_id = NULL, *user_id = NULL, *username = NULL;
	int rc = find_entry(c, a, who, ref, &area_id, &before, e);
	if (rc == RESULT_OK)
		rc = area_check_in_use(c, a, area_id, e);
	if (rc == RESULT_OK) {
		check_fields(in, e);
		if (in->username &&
		    check_account(c, a, area_id, before.area_name, in->username, &user_id,
				  &username, e) == RESULT_FAILED)
			rc = RESULT_FAILED;
		else
			rc = err_invalid_if_any(e);
	}
	if (rc == RESULT_OK)
		rc = write_entry(c, a, &before, in, user_id, e);
	struct audit_entry entry = {"coordinator_set", "area", area_id, area_id, NULL,
				    rc == RESULT_OK ? changes_of(a, &before, in, username) : NULL};
	return audit_commit_or_refuse(c, a, rc, who, &entry, e);
}

/* Whether who may change the public fields of before: those who change
 * areas, and the coordinator of the area whose account it is linked to. */
static int may_update(const struct caller *who, const struct coordinator_entry *before,
		      struct err *e)
{
	if (area_may_change(who, e) == RESULT_OK)
		return RESULT_OK;
	const struct user *u = who->kind == CALLER_STAFF ? who->user : NULL;
	bool works_there = false;
	for (size_t i = 0; u && i < u->coordinator_area_count; i++)
		works_there |= strcmp(u->coordinator_areas[i], before->area_id) == 0;
	if (works_there && before->user_id && strcmp(before->user_id, u->id) == 0)
		return RESULT_OK;
	return err_result(e, RESULT_FORBIDDEN,
			  "A coordinator may change only their own public entry.");
}

int coordinator_update(struct db *db, const struct caller *who, const char *area_id,
		       const struct coordinator_input *in, struct err *e)
{
	struct db_conn *c;
	struct arena *a;
	if (begin(db, &c, &a, e) != RESULT_OK)
		return RESULT_FAILED;
	struct coordinator_entry before = {0};
	int rc = read_entry(c, a, area_id, &before, e);
	const char *known = rc == RESULT_OK ? before.area_id : NULL;
	if (rc == RESULT_OK && !before.co.id)
		rc = err_not_found(e, "coordinator", "%s has no coordinator's entry.",
				   before.area_name);
	if (rc == RESULT_OK)
		rc = may_update(who, &before, e);
	if (rc == RESULT_OK)
		rc = area_check_in_use(c, a, before.area_id, e);
	if (rc == RESULT_OK) {
		check_fields(in, e);
		rc = err_invalid_if_any(e);
	}
	if (rc == RESULT_OK)
		rc = write_entry(c, a, &before, in, before.user_id, e);
	struct audit_entry entry = {"coordinator_update", "area", known, known, NULL,
				    rc == RESULT_OK ? changes_of(a, &before, in, before.username)
						    : NULL};
	return audit_commit_or_refuse(c, a, rc, who, &entry, e);
}

int coordinator_remove(struct db *db, const struct caller *who, const char *ref,
		       struct err *e)
{
	struct db_conn *c;
	struct arena *a;
	if (begin(db, &c, &a, e) != RESULT_OK)
		return RESULT_FAILED;
	struct coordinator_entry before = {0};
	const char *area_id = NULL;
	int rc = find_entry(c, a, who, ref, &area_id, &before, e);
	if (rc == RESULT_OK && !before.co.id)
		rc = err_not_found(e, "coordinator", "%s has no coordinator's entry.",
				   before.area_name);
	if (rc == RESULT_OK) {
		char now[CLOCK_ISO8601_SIZE];
		clock_utc_iso8601(now, sizeof now);
		struct db_param p[] = {DB_TEXT(before.co.id), DB_TEXT(now)};
		rc = db_query(c, a,
			      "UPDATE coordinators SET area_id = NULL, user_id = NULL,"
			      " updated_at = $2 WHERE id = $1",
			      p, NULL, e);
	}
	if (rc == RESULT_OK)
		rc = db_generation_bump(c, DB_GENERATION_AREAS, e);
	struct audit_entry entry = {
		"coordinator_set", "area", area_id, area_id, NULL,
		rc == RESULT_OK ? audit_changes_text(a, entry_json(&before.co, before.username),
					       json_null())
				: NULL};
	return audit_commit_or_refuse(c, a, rc, who, &entry, e);
}

int coordinator_get(struct db *db, struct arena *a, const char *area_id,
		    struct coordinator_entry *out, struct err *e)
{
	struct db_conn *c;
	if (db_acquire(db, &c, e) < 0)
		return RESULT_FAILED;
	int rc = read_entry(c, a, area_id, out, e);
	db_release(c);
	return rc;
}

int coordinator_own(struct db *db, struct arena *a, const struct caller *who,
		    struct coordinator_entry *out, struct err *e)
{
	const char *user_id = who->kind == CALLER_STAFF ? caller_user_id(who) : NULL;
	struct db_rows rows = {0};
	if (user_id) {
		struct db_conn *c;
		if (db_acquire(db, &c, e) < 0)
			return RESULT_FAILED;
		struct db_param p[] = {DB_TEXT(user_id)};
		int rc = db_query(c, a, ENTRY_SELECT " WHERE c.user_id = $1", p, &rows, e);
		db_release(c);
		if (rc < 0)
			return RESULT_FAILED;
	}
	if (rows.row_count == 0)
		return err_not_found(e, "coordinator",
				     "Your account is not linked to an area's public entry.");
	entry_at(&rows, out);
	return RESULT_OK;
}

int coordinator_accounts(struct db *db, struct arena *a, const char *area_id,
			 struct coordinator_account **out, size_t *count, struct err *e)
{
	struct db_conn *c;
	if (db_acquire(db, &c, e) < 0)
		return RESULT_FAILED;
	struct db_param p[] = {DB_TEXT(area_id)};
	struct db_rows rows;
	int rc = db_query(c, a,
			  "SELECT u.id, u.username, u.display_name, u.disabled FROM users u"
			  " JOIN user_role_areas r ON r.user_id = u.id"
			  " WHERE r.role = 'coordinator' AND r.area_id = $1 ORDER BY u.username",
			  p, &rows, e);
	db_release(c);
	if (rc < 0)
		return RESULT_FAILED;
	struct coordinator_account *list = arena_alloc(a, (rows.row_count + 1) * sizeof *list);
	for (size_t i = 0; i < rows.row_count; i++)
		list[i] = (struct coordinator_account){
			db_cell(&rows, i, 0), db_cell(&rows, i, 1), db_cell(&rows, i, 2),
			strcmp(db_cell(&rows, i, 3), "1") == 0};
	*out = list;
	*count = rows.row_count;
	return RESULT_OK;
}
