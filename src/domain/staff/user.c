#include "domain/staff/user.h"

#include "core/arena.h"
#include "core/clock.h"
#include "core/contact.h"
#include "core/date.h"
#include "core/err.h"
#include "core/id.h"
#include "core/utf8.h"
#include "db/db.h"
#include "domain/areas/area.h"
#include "domain/staff/audit.h"
#include "domain/staff/password.h"

#include <ctype.h>
#include <string.h>

#define USERNAME_MAX 64
#define DISPLAY_NAME_MAX_CHARS 100

static const struct {
	unsigned bit;
	const char *name;
} role_names[] = {
	{USER_COORDINATOR, "coordinator"},
	{USER_TEAM_LEADER, "team_leader"},
	{USER_ADMINISTRATOR, "administrator"},
};

unsigned user_role_parse(const char *name)
{
	if (name && strcmp(name, "team-leader") == 0)
		return USER_TEAM_LEADER;
	for (size_t i = 0; name && i < sizeof role_names / sizeof role_names[0]; i++)
		if (strcmp(name, role_names[i].name) == 0)
			return role_names[i].bit;
	return 0;
}

const char *user_role_name(unsigned role)
{
	for (size_t i = 0; i < sizeof role_names / sizeof role_names[0]; i++)
		if (role == role_names[i].bit)
			return role_names[i].name;
	return "?";
}

bool user_name_valid(const char *username)
{
	size_t len = username ? strlen(username) : 0;
	if (len < 3 || len > USERNAME_MAX || !isalnum((unsigned char)username[0]))
		return false;
	for (const char *p = username; *p; p++)
		if (!(islower((unsigned char)*p) || isdigit((unsigned char)*p) ||
		      strchr("._-", *p)))
			return false;
	return true;
}

static int invalid(struct err *e, const char *msg)
{
	err_set(e, "%s", msg);
	return USER_INVALID;
}

/* The username as typed, in lower case, or NULL when it cannot be one. */
static const char *canonical_username(struct arena *a, const char *typed)
{
	if (!typed || strlen(typed) > USERNAME_MAX)
		return NULL;
	char *lower = arena_strdup(a, typed);
	for (char *p = lower; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return user_name_valid(lower) ? lower : NULL;
}

/* A user by id or username. */
static int find_user(struct db_conn *c, struct arena *a, const char *username,
		     const char **id, struct err *e)
{
	if (id_valid(username)) {
		struct db_param p = DB_TEXT(username);
		struct db_rows rows;
		if (db_query(c, a, "SELECT id FROM users WHERE id = $1", &p, 1, &rows, e) < 0)
			return -1;
		if (rows.row_count == 1) {
			*id = db_cell(&rows, 0, 0);
			return 0;
		}
	}
	const char *name = canonical_username(a, username);
	if (!name) {
		err_set(e, "no user called \"%.64s\"", username ? username : "");
		return USER_NOT_FOUND;
	}
	struct db_param p = DB_TEXT(name);
	struct db_rows rows;
	if (db_query(c, a, "SELECT id FROM users WHERE username = $1", &p, 1, &rows, e) < 0)
		return -1;
	if (rows.row_count == 0) {
		err_set(e, "no user called \"%s\"", name);
		return USER_NOT_FOUND;
	}
	*id = db_cell(&rows, 0, 0);
	return 0;
}

static int check_role_areas(unsigned role, size_t area_count, struct err *e)
{
	if (!role)
		return invalid(e, "roles are coordinator, team_leader or administrator");
	if (role == USER_ADMINISTRATOR && area_count)
		return invalid(e, "an administrator's role has no areas");
	if (role != USER_ADMINISTRATOR && area_count == 0)
		return invalid(e, role == USER_COORDINATOR
					  ? "a coordinator needs at least one area (--area)"
					  : "a team leader needs the areas of their team (--area)");
	return 0;
}

/* Gives the role with these areas to the user, replacing what it had. */
static int write_role(struct db_conn *c, struct arena *a, const char *user_id,
		      unsigned role, const char *const *areas, size_t area_count,
		      struct err *e)
{
	struct db_param p[] = {DB_TEXT(user_id), DB_TEXT(user_role_name(role))};
	int rc = db_query(c, a, "DELETE FROM user_roles WHERE user_id = $1 AND role = $2",
			  p, 2, NULL, e);
	if (rc == 0)
		rc = db_query(c, a, "INSERT INTO user_roles (user_id, role) VALUES ($1, $2)",
			      p, 2, NULL, e);
	for (size_t i = 0; rc == 0 && i < area_count; i++) {
		const char *area_id;
		rc = area_resolve(c, a, areas[i], &area_id, e);
		if (rc == RESULT_NOT_FOUND)
			return USER_INVALID;
		struct db_param q[] = {DB_TEXT(user_id), DB_TEXT(user_role_name(role)),
				       DB_TEXT(area_id)};
		if (rc == 0)
			rc = db_query(c, a,
				      "INSERT INTO user_role_areas (user_id, role, area_id)"
				      " VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
				      q, 3, NULL, e);
	}
	return rc;
}

static int end_sessions(struct db_conn *c, struct arena *a, const char *user_id,
			struct err *e)
{
	char now[CLOCK_ISO8601_SIZE];
	clock_utc_iso8601(now, sizeof now);
	struct db_param p[] = {DB_TEXT(user_id), DB_TEXT(now)};
	return db_query(c, a,
			"UPDATE sessions SET ended_at = $2 WHERE user_id = $1 AND ended_at IS NULL",
			p, 2, NULL, e);
}

/* Ends a change to a user's account with its audit entry. */
static int finish(struct db_conn *c, struct arena *a, int rc,
		  const struct caller *actor, const char *action,
		  const char *user_id, struct err *e)
{
	struct audit_entry entry = {action, "user", user_id, NULL, NULL};
	return audit_commit(c, a, rc, actor, &entry, e);
}

/* Sets one column of a user's account (sql: "UPDATE users SET x = $2,
 * updated_at = $3 WHERE id = $1", a literal) and, with end_all, ends their
 * sessions, in one audited transaction. */
static int update_user(struct db *db, const struct caller *actor, const char *username,
		       const char *sql, struct db_param value, bool end_all,
		       const char *action, struct err *e)
{
	struct db_conn *c;
	if (db_acquire(db, &c, e) < 0)
		return -1;
	struct arena *a = arena_new();
	const char *id;
	int rc = db_begin(c, e);
	if (rc == 0)
		rc = find_user(c, a, username, &id, e);
	char now[CLOCK_ISO8601_SIZE];
	clock_utc_iso8601(now, sizeof now);
	struct db_param p[] = {DB_TEXT(rc == 0 ? id : ""), value, DB_TEXT(now)};
	if (rc == 0)
		rc = db_query(c, a, sql, p, 3, NULL, e);
	if (rc == 0 && end_all)
		rc = end_sessions(c, a, id, e);
	return finish(c, a, rc, actor, action, rc == 0 ? id : NULL, e);
}

int user_add(struct db *db, const struct caller *actor, const char *username,
	     const char *display_name, unsigned role, const char *const *areas,
	     size_t area_count, char *id_out, struct err *e)
{
	struct arena *a = arena_new();
	const char *name = canonical_username(a, username);
	int rc = 0;
	if (!name)
		rc = invalid(e, "usernames are 3 to 64 characters: letters, digits, "
				"'.', '_' or '-', starting with a letter or digit");
	else if (display_name && !utf8_text_ok(display_name, DISPLAY_NAME_MAX_CHARS, false))
		rc = invalid(e, "a display name is 1 to 100 characters on one line");
	else
		rc = check_role_areas(role, area_count, e);
	struct db_conn *c = NULL;
	if (rc == 0)
		rc = db_acquire(db, &c, e);
	if (rc < 0) {
		arena_free(a);
		return rc;
	}
	char now[CLOCK_ISO8601_SIZE];
	clock_utc_iso8601(now, sizeof now);
	id_new(id_out);
	rc = db_begin(c, e);
	struct db_param p[] = {DB_TEXT(id_out), DB_TEXT(name),
			       DB_TEXT(display_name ? display_name : name), DB_TEXT(now)};
	if (rc == 0)
		rc = db_query(c, a,
			      "INSERT INTO users (id, username, display_name, created_at,"
			      " updated_at) VALUES ($1, $2, $3, $4, $4)",
			      p, 4, NULL, e);
	if (rc == DB_CONFLICT)
		err_set(e, "there is already a user called \"%s\"", name);
	if (rc == 0)
		rc = write_role(c, a, id_out, role, areas, area_count, e);
	return finish(c, a, rc, actor, "user_add", id_out, e);
}

int user_set_role(struct db *db, const struct caller *actor,
		  const char *username, unsigned role, const char *const *areas,
		  size_t area_count, bool remove, struct err *e)
{
	int rc = remove ? (role ? 0 : check_role_areas(role, 0, e))
			: check_role_areas(role, area_count, e);
	if (rc < 0)
		return rc;
	if (remove && area_count)
		return invalid(e, "--remove takes no areas");
	struct db_conn *c;
	if (db_acquire(db, &c, e) < 0)
		return -1;
	struct arena *a = arena_new();
	const char *id;
	rc = db_begin(c, e);
	if (rc == 0)
		rc = find_user(c, a, username, &id, e);
	if (rc == 0 && !remove)
		rc = write_role(c, a, id, role, areas, area_count, e);
	if (rc == 0 && remove) {
		struct db_param p[] = {DB_TEXT(id), DB_TEXT(user_role_name(role))};
		struct db_rows rows;
		rc = db_query(c, a, "DELETE FROM user_roles WHERE user_id = $1 AND role = $2",
			      p, 2, &rows, e);
		if (rc == 0 && rows.changes == 0)
			rc = invalid(e, "the user does not hold that role");
		if (rc == 0)
			rc = db_query(c, a, "SELECT count(*) FROM user_roles WHERE user_id = $1",
				      p, 1, &rows, e);
		if (rc == 0 && strcmp(db_cell(&rows, 0, 0), "0") == 0)
			rc = invalid(e, "that is the user's only role: disable the user instead");
	}
	return finish(c, a, rc, actor, "role_change", rc == 0 ? id : NULL, e);
}

int user_set_password(struct db *db, const struct caller *actor,
		      const char *username, const char *password, struct err *e)
{
	struct db_conn *c;
	if (db_acquire(db, &c, e) < 0)
		return -1;
	struct arena *a = arena_new();
	const char *id;
	int rc = find_user(c, a, username, &id, e);
	const char *problem = NULL;
	if (rc == 0)
		problem = password_problem(password, canonical_username(a, username));
	if (problem)
		rc = invalid(e, problem);
	char hash[PASSWORD_HASH_SIZE];
	if (rc == 0 && password_hash(password, hash) < 0)
		rc = err_set(e, "out of memory hashing the password");
	char now[CLOCK_ISO8601_SIZE];
	clock_utc_iso8601(now, sizeof now);
	struct db_param p[] = {DB_TEXT(id), DB_TEXT(hash), DB_TEXT(now)};
	if (rc == 0)
		rc = db_begin(c, e);
	if (rc == 0)
		rc = db_query(c, a,
			      "UPDATE users SET password_hash = $2, updated_at = $3"
			      " WHERE id = $1",
			      p, 3, NULL, e);
	if (rc == 0)
		rc = end_sessions(c, a, id, e);
	return finish(c, a, rc, actor, "password_change", rc == 0 ? id : NULL, e);
}

int user_set_disabled(struct db *db, const struct caller *actor,
		      const char *username, bool disabled, struct err *e)
{
	return update_user(db, actor, username,
			   "UPDATE users SET disabled = $2, updated_at = $3 WHERE id = $1",
			   DB_INT(disabled), disabled, disabled ? "user_disable" : "user_enable", e);
}

int user_add_cover(struct db *db, const struct caller *actor,
		   const char *username, const char *area, const char *from,
		   const char *to, char *id_out, struct err *e)
{
	struct date first, last;
	if (!from || !to || !date_parse(from, &first) || !date_parse(to, &last))
		return invalid(e, "cover runs from a date to a date, as YYYY-MM-DD");
	if (date_to_days(last) < date_to_days(first))
		return invalid(e, "cover must end on or after the day it starts");
	if (date_to_days(last) - date_to_days(first) > 366)
		return invalid(e, "cover lasts at most a year; give the area to the "
				  "coordinator instead");
	struct db_conn *c;
	if (db_acquire(db, &c, e) < 0)
		return -1;
	struct arena *a = arena_new();
	const char *user_id, *area_id = NULL;
	int rc = db_begin(c, e);
	if (rc == 0)
		rc = find_user(c, a, username, &user_id, e);
	if (rc == 0) {
		rc = area_resolve(c, a, area, &area_id, e);
		if (rc == RESULT_NOT_FOUND)
			rc = USER_INVALID;
	}
	if (rc == 0) {
		struct db_param p = DB_TEXT(user_id);
		struct db_rows rows;
		rc = db_query(c, a,
			      "SELECT 1 FROM user_roles WHERE user_id = $1 AND role = 'coordinator'",
			      &p, 1, &rows, e);
		if (rc == 0 && rows.row_count == 0)
			rc = invalid(e, "only a coordinator can cover an area");
	}
	char now[CLOCK_ISO8601_SIZE];
	clock_utc_iso8601(now, sizeof now);
	id_new(id_out);
	if (rc == 0) {
		struct db_param p[] = {DB_TEXT(id_out), DB_TEXT(user_id), DB_TEXT(area_id),
				       DB_TEXT(from), DB_TEXT(to),
				       caller_user_id(actor) ? DB_TEXT(caller_user_id(actor)) : DB_NULL,
				       DB_TEXT(now)};
		rc = db_query(c, a,
			      "INSERT INTO cover (id, user_id, area_id, starts_on, ends_on,"
			      " created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
			      p, 7, NULL, e);
	}
	struct audit_entry entry = {"cover_add", "cover", id_out, area_id, NULL};
	return audit_commit(c, a, rc, actor, &entry, e);
}

int user_cover_list(struct db *db, struct arena *a, const char *area_id, const char *from,
		    struct cover **out, size_t *count, struct err *e)
{
	struct db_param p[] = {DB_TEXT(area_id), DB_TEXT(from)};
	struct db_conn *c;
	if (db_acquire(db, &c, e) < 0)
		return -1;
	struct db_rows rows;
	int rc = db_query(c, a,
			  "SELECT c.id, c.user_id, u.display_name, c.area_id, c.starts_on, c.ends_on"
			  " FROM cover c JOIN users u ON u.id = c.user_id"
			  " WHERE c.area_id = $1 AND c.ends_on >= $2 ORDER BY c.starts_on",
			  p, 2, &rows, e);
	db_release(c);
	if (rc < 0)
		return -1;
	*count = rows.row_count;
	*out = arena_alloc(a, (rows.row_count + 1) * sizeof **out);
	for (size_t i = 0; i < rows.row_count; i++)
		(*out)[i] = (struct cover){db_cell(&rows, i, 0), db_cell(&rows, i, 1),
					   db_cell(&rows, i, 2), db_cell(&rows, i, 3),
					   db_cell(&rows, i, 4), db_cell(&rows, i, 5)};
	return 0;
}

int user_set_email(struct db *db, const struct caller *actor, const char *username,
		   const char *email, struct err *e)
{
	if (email && !contact_email_ok(email))
		return invalid(e, "that email address is not valid");
	return update_user(db, actor, username,
			   "UPDATE users SET email = $2, updated_at = $3 WHERE id = $1",
			   email ? DB_TEXT(email) : DB_NULL, false, "email_change", e);
}

int user_set_capacity(struct db *db, const struct caller *actor,
		      const char *username, long capacity, struct err *e)
{
	if (capacity < 1 || capacity > 200)
		return invalid(e, "a capacity is a number of people from 1 to 200");
	return update_user(db, actor, username,
			   "UPDATE users SET capacity = $2, updated_at = $3 WHERE id = $1",
			   DB_INT(capacity), false, "capacity_change", e);
}

/* Fills roles and areas of users[0..count) from one query. */
static int load_roles(struct db_conn *c, struct arena *a, struct user *users,
		      size_t count, const char *only_id, struct err *e)
{
	struct db_param p = only_id ? DB_TEXT(only_id) : DB_NULL;
	struct db_rows rows;
	if (db_query(c, a,
		     "SELECT r.user_id, r.role, ra.area_id FROM user_roles r"
		     " LEFT JOIN user_role_areas ra ON ra.user_id = r.user_id"
		     " AND ra.role = r.role"
		     " WHERE CAST($1 AS TEXT) IS NULL OR r.user_id = $1"
		     " ORDER BY r.user_id, r.role, ra.area_id",
		     &p, 1, &rows, e) < 0)
		return -1;
	for (size_t i = 0; i < count; i++) {
		struct user *u = &users[i];
		u->coordinator_areas = arena_alloc(a, (rows.row_count + 1) * sizeof(char *));
		u->team_areas = arena_alloc(a, (rows.row_count + 1) * sizeof(char *));
		for (size_t r = 0; r < rows.row_count; r++) {
			if (strcmp(db_cell(&rows, r, 0), u->id) != 0)
				continue;
			unsigned role = user_role_parse(db_cell(&rows, r, 1));
			u->roles |= role;
			const char *area = db_cell(&rows, r, 2);
			if (area && role == USER_COORDINATOR)
				u->coordinator_areas[u->coordinator_area_count++] = area;
			else if (area && role == USER_TEAM_LEADER)
				u->team_areas[u->team_area_count++] = area;
		}
	}
	return 0;
}

static int load_users(struct db *db, struct arena *a, const char *only_id,
		      struct user **out, size_t *count, struct err *e)
{
	struct db_conn *c;
	if (db_acquire(db, &c, e) < 0)
		return -1;
	struct db_param p = only_id ? DB_TEXT(only_id) : DB_NULL;
	struct db_rows rows;
	int rc = db_query(c, a,
			  "SELECT id, username, display_name, disabled,"
			  " password_hash IS NOT NULL, email FROM users"
			  " WHERE CAST($1 AS TEXT) IS NULL OR id = $1 ORDER BY username",
			  &p, 1, &rows, e);
	if (rc == 0) {
		*count = rows.row_count;
		*out = arena_alloc(a, (rows.row_count + 1) * sizeof **out);
		for (size_t i = 0; i < rows.row_count; i++)
			(*out)[i] = (struct user){
				.id = db_cell(&rows, i, 0),
				.username = db_cell(&rows, i, 1),
				.display_name = db_cell(&rows, i, 2),
				.disabled = strcmp(db_cell(&rows, i, 3), "1") == 0,
				.has_password = strcmp(db_cell(&rows, i, 4), "0") != 0 &&
						strcmp(db_cell(&rows, i, 4), "f") != 0,
				.email = db_cell(&rows, i, 5),
			};
		rc = load_roles(c, a, *out, *count, only_id, e);
	}
	db_release(c);
	return rc;
}

int user_list(struct db *db, struct arena *a, struct user **out, size_t *count,
	      struct err *e)
{
	return load_users(db, a, NULL, out, count, e);
}

int user_load(struct db *db, struct arena *a, const char *id, struct user **out,
	      struct err *e)
{
	size_t count;
	if (load_users(db, a, id, out, &count, e) < 0)
		return -1;
	if (count == 0) {
		*out = NULL;
		err_set(e, "no such user");
		return USER_NOT_FOUND;
	}
	return 0;
}

int user_credentials(struct db *db, struct arena *a, const char *username,
		     const char **id, const char **hash, struct err *e)
{
	*id = NULL;
	*hash = NULL;
	const char *name = canonical_username(a, username);
	if (!name)
		return 0;
	struct db_conn *c;
	if (db_acquire(db, &c, e) < 0)
		return -1;
	struct db_param p = DB_TEXT(name);
	struct db_rows rows;
	int rc = db_query(c, a,
			  "SELECT id, password_hash FROM users WHERE username = $1"
			  " AND disabled = 0",
			  &p, 1, &rows, e);
	db_release(c);
	if (rc == 0 && rows.row_count == 1) {
		*id = db_cell(&rows, 0, 0);
		*hash = db_cell(&rows, 0, 1);
	}
	return rc;
}
