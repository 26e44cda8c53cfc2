#include "domain/staff/user.h"

#include "core/arena.h"
#include "core/clock.h"
#include "core/contact.h"
#include "core/date.h"
#include "core/err.h"
#include "core/id.h"
#include "core/utf8.h"
#include "db/db.h"
#include "domain/staff/access.h"
#include "domain/staff/audit.h"
#include "domain/staff/password.h"

#include <ctype.h>
#include <string.h>
#include <time.h>

#define USERNAME_MAX 64
#define DISPLAY_NAME_MAX_CHARS 100

/* Role 1 << i is named user_roles[i]. */
const char *const user_roles[] = {"coordinator", "team_leader", "administrator",
				   "programme_manager", NULL};

unsigned user_role_parse(const char *name)
{
	if (name && strcmp(name, "team-leader") == 0)
		return USER_TEAM_LEADER;
	if (name && strcmp(name, "programme-manager") == 0)
		return USER_PROGRAMME_MANAGER;
	for (unsigned i = 0; name && user_roles[i]; i++)
		if (strcmp(name, user_roles[i]) == 0)
			return 1u << i;
	return 0;
}

const char *user_role_name(unsigned role)
{
	for (unsigned i = 0; user_roles[i]; i++)
		if (role == 1u << i)
			return user_roles[i];
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

bool user_administers(const struct caller *who)
{
	return who->kind == CALLER_CLI || access_has_role(who, USER_ADMINISTRATOR);
}

bool user_reaches(const struct caller *who, const char *user_id)
{
	const char *me = caller_user_id(who);
	return user_administers(who) || (me && user_id && strcmp(me, user_id) == 0);
}

/* The one problem with a field, from a cleared e. */
static int invalid(struct err *e, const char *path, const char *msg)
{
	err_clear(e);
	return err_field(e, path, "%s", msg);
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

/* A user by id or username: its id and username. */
static int find_user(struct db_conn *c, struct arena *a, const char *ref,
		     const char **id, const char **username, struct err *e)
{
	struct db_param p[] = {DB_TEXT(id_valid(ref) ? ref : "")};
	struct db_rows rows;
	if (db_query(c, a, "SELECT id, username FROM users WHERE id = $1", p, &rows, e) < 0)
		return RESULT_FAILED;
	if (rows.row_count == 0) {
		const char *name = canonical_username(a, ref);
		if (!name)
			return err_not_found(e, "user", "no user called \"%.64s\"", ref ? ref : "");
		p[0] = DB_TEXT(name);
		if (db_query(c, a, "SELECT id, username FROM users WHERE username = $1", p,
			     &rows, e) < 0)
			return RESULT_FAILED;
		if (rows.row_count == 0)
			return err_not_found(e, "user", "no user called \"%s\"", name);
	}
	*id = db_cell(&rows, 0, 0);
	*username = db_cell(&rows, 0, 1);
	return RESULT_OK;
}

/* Adds a field error for a role that cannot have that many areas; true
 * when it can. */
static bool check_role_areas(unsigned role, size_t area_count, struct err *e)
{
	/* An administrator and a programme manager work across the whole
	 * installation: an area given with either is a mistake, not a limit. */
	bool arealess = role == USER_ADMINISTRATOR || role == USER_PROGRAMME_MANAGER;
	if (!role)
		err_field(e, "role", "roles are coordinator, team_leader, administrator or "
				     "programme_manager");
	else if (arealess && area_count)
		err_field(e, "areas", role == USER_ADMINISTRATOR
					      ? "an administrator's role has no areas"
					      : "a programme manager sees every area's figures: "
						"their role has no areas");
	else if (!arealess && area_count == 0)
		err_field(e, "areas", role == USER_COORDINATOR
					      ? "a coordinator needs at least one area"
					      : "a team leader needs the areas of their team");
	else
		return true;
	return false;
}

/* The id of the area ref names (its id or its name), or NULL when none
 * does.  The areas room audits its changes through this room, so this
 * room reads the areas table itself rather than include that room. */
static int find_area(struct db_conn *c, struct arena *a, const char *ref, const char **id,
		     struct err *e)
{
	struct db_param p[] = {DB_TEXT(ref)};
	struct db_rows rows;
	if (db_query(c, a, "SELECT id FROM areas WHERE id = $1 OR name = $1", p, &rows, e) < 0)
		return RESULT_FAILED;
	*id = rows.row_count ? db_cell(&rows, 0, 0) : NULL;
	return RESULT_OK;
}

/* The ids of the areas named (ids or names), in the arena; each one not
 * stored is a field error. */
static int resolve_areas(struct db_conn *c, struct arena *a, const char *const *refs,
			 size_t count, const char ***ids, struct err *e)
{
	*ids = arena_alloc(a, (count + 1) * sizeof **ids);
	for (size_t i = 0; i < count; i++) {
		if (find_area(c, a, refs[i], &(*ids)[i], e) != RESULT_OK)
			return RESULT_FAILED;
		if (!(*ids)[i])
			err_field(e, "areas", "no area called \"%.100s\"", refs[i]);
	}
	return RESULT_OK;
}

/* Gives the role with these areas (ids) to the user, replacing what it
 * had. */
static int write_role(struct db_conn *c, struct arena *a, const char *user_id,
		      unsigned role, const char *const *area_ids, size_t area_count,
		      struct err *e)
{
	struct db_param p[] = {DB_TEXT(user_id), DB_TEXT(user_role_name(role))};
	int rc = db_query(c, a, "DELETE FROM user_roles WHERE user_id = $1 AND role = $2",
			  p, NULL, e);
	if (rc == RESULT_OK)
		rc = db_query(c, a, "INSERT INTO user_roles (user_id, role) VALUES ($1, $2)",
			      p, NULL, e);
	for (size_t i = 0; rc == RESULT_OK && i < area_count; i++) {
		struct db_param q[] = {DB_TEXT(user_id), DB_TEXT(user_role_name(role)),
				       DB_TEXT(area_ids[i])};
		rc = db_query(c, a,
			      "INSERT INTO user_role_areas (user_id, role, area_id)"
			      " VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
			      q, NULL, e);
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
			p, NULL, e);
}

/* A change to one account under way: its connection and arena, and the
 * account's id and username once found. */
struct change {
	struct db_conn *c;
	struct arena *a;
	const char *id;
	const char *username;
	bool refused;  /* by a rule about administrators: audited as refused */
};

/* Starts a change to the account ref names, in a transaction, from a
 * cleared e: RESULT_FORBIDDEN for a caller who does not administer,
 * RESULT_NOT_FOUND for no such user.  ch->c is NULL only when no
 * transaction was had; otherwise the change ends with change_end, whatever
 * the result. */
static int change_begin(struct db *db, const struct caller *who, const char *ref,
			struct change *ch, struct err *e)
{
	err_clear(e);
	*ch = (struct change){0};
	if (db_transaction(db, &ch->c, e) < 0) {
		ch->c = NULL;
		return RESULT_FAILED;
	}
	ch->a = arena_new();
	if (!user_administers(who))
		return err_result(e, RESULT_FORBIDDEN, "only an administrator changes accounts");
	return find_user(ch->c, ch->a, ref, &ch->id, &ch->username, e);
}

/* Ends a change to an account with its audit entry, or the entry of its
 * refusal. */
static int change_end(struct change *ch, int rc, const struct caller *who,
		      const char *action, struct err *e)
{
	struct audit_entry entry = {action, "user", ch->id, NULL, NULL, NULL};
	if (!ch->refused)
		return audit_commit_or_refuse(ch->c, ch->a, rc, who, &entry, e);
	/* Refused before anything was written: the entry is committed alone. */
	entry.outcome = "refused";
	int written = audit_commit(ch->c, ch->a, RESULT_OK, who, &entry, e);
	return written == RESULT_OK ? rc : written;
}

/* Refuses, naming field, a change that would leave no administrator who
 * can sign in (enabled, with a password): one that disables the user or
 * takes their administrator role away, when they are the last.  Taken
 * under a lock, so two such changes at once cannot each see the other's
 * administrator still there. */
static int keep_an_administrator(struct change *ch, const char *field, struct err *e)
{
	if (db_lock(ch->c, "administrators", e) < 0)
		return RESULT_FAILED;
	struct db_rows rows;
	if (db_query_plain(ch->c, ch->a,
			   "SELECT u.id FROM users u JOIN user_roles r ON r.user_id = u.id"
			   " WHERE r.role = 'administrator' AND u.disabled = 0"
			   " AND u.password_hash IS NOT NULL",
			   &rows, e) < 0)
		return RESULT_FAILED;
	if (rows.row_count != 1 || strcmp(db_cell(&rows, 0, 0), ch->id) != 0)
		return RESULT_OK;
	ch->refused = true;
	return err_field(e, field, "%s is the last administrator who can sign in: make another "
				   "administrator first", ch->username);
}

/* Refuses disabling one's own account, or the last administrator. */
static int may_disable(struct change *ch, const struct caller *who, struct err *e)
{
	const char *me = caller_user_id(who);
	if (me && strcmp(me, ch->id) == 0) {
		ch->refused = true;
		return err_field(e, "disabled", "you cannot disable your own account: another "
						"administrator can");
	}
	return keep_an_administrator(ch, "disabled", e);
}

/* Sets one column of a user's account (sql: "UPDATE users SET x = $2,
 * updated_at = $3 WHERE id = $1", a literal) in one audited transaction.
 * With disabling, the change disables the account: may_disable decides
 * first, and it ends their sessions. */
static int update_user(struct db *db, const struct caller *who, const char *username,
		       const char *sql, struct db_param value, bool disabling,
		       const char *action, struct err *e)
{
	struct change ch;
	int rc = change_begin(db, who, username, &ch, e);
	if (!ch.c)
		return rc;
	if (rc == RESULT_OK && disabling)
		rc = may_disable(&ch, who, e);
	char now[CLOCK_ISO8601_SIZE];
	clock_utc_iso8601(now, sizeof now);
	struct db_param p[] = {DB_TEXT(ch.id), value, DB_TEXT(now)};
	if (rc == RESULT_OK)
		rc = db_query(ch.c, ch.a, sql, p, NULL, e);
	if (rc == RESULT_OK && disabling)
		rc = end_sessions(ch.c, ch.a, ch.id, e);
	return change_end(&ch, rc, who, action, e);
}

/* Every problem with a new account that needs no database; the username
 * as it will be kept, or NULL when it cannot be one. */
static const char *check_new_user(struct arena *a, const struct user_input *in,
				  struct err *e)
{
	const char *name = canonical_username(a, in->username);
	if (!name)
		err_field(e, "username", "usernames are 3 to 64 characters: letters, digits, "
					 "'.', '_' or '-', starting with a letter or digit");
	if (in->display_name && !utf8_text_ok(in->display_name, DISPLAY_NAME_MAX_CHARS, false))
		err_field(e, "display_name", "a display name is 1 to 100 characters on one line");
	const char *problem = in->password ? password_problem(in->password,
								name ? name : in->username)
					   : NULL;
	if (problem)
		err_field(e, "password", "%s", problem);
	if (in->email && !contact_email_ok(in->email))
		err_field(e, "email", "that email address is not valid");
	return name;
}

int user_add(struct db *db, const struct caller *who, const struct user_input *in,
	     char *id_out, struct err *e)
{
	err_clear(e);
	struct db_conn *c;
	if (db_transaction(db, &c, e) < 0)
		return RESULT_FAILED;
	struct arena *a = arena_new();
	id_new(id_out);
	const char **area_ids = NULL, *name = NULL;
	int rc = user_administers(who)
			 ? RESULT_OK
			 : err_result(e, RESULT_FORBIDDEN, "only an administrator adds users");
	if (rc == RESULT_OK) {
		name = check_new_user(a, in, e);
		/* Then the role, and only a role that may have areas has them
		 * looked up. */
		if (check_role_areas(in->role, in->area_count, e))
			rc = resolve_areas(c, a, in->areas, in->area_count, &area_ids, e);
	}
	if (rc == RESULT_OK)
		rc = err_invalid_if_any(e);
	char now[CLOCK_ISO8601_SIZE];
	clock_utc_iso8601(now, sizeof now);
	struct db_param p[] = {DB_TEXT(id_out), DB_TEXT(name),
			       DB_TEXT(in->display_name ? in->display_name : name), DB_TEXT(now)};
	if (rc == RESULT_OK)
		rc = db_query(c, a,
			      "INSERT INTO users (id, username, display_name, created_at,"
			      " updated_at) VALUES ($1, $2, $3, $4, $4)",
			      p, NULL, e);
	if (rc == RESULT_CONFLICT)
		err_result(e, RESULT_CONFLICT, "there is already a user called \"%s\"", name);
	if (rc == RESULT_OK)
		rc = write_role(c, a, id_out, in->role, area_ids, in->area_count, e);
	if (rc == RESULT_OK)
		rc = user_capacity_kept(c, a, who, id_out, e);
	struct audit_entry entry = {"user_add", "user", rc == RESULT_OK ? id_out : NULL, NULL,
				    NULL, NULL};
	rc = audit_commit_or_refuse(c, a, rc, who, &entry, e);
	/* Both were checked above: only the system can fail them now. */
	if (rc == RESULT_OK && in->password)
		rc = user_set_password(db, who, id_out, in->password, e);
	if (rc == RESULT_OK && in->email)
		rc = user_set_email(db, who, id_out, in->email, e);
	return rc;
}

int user_set_role(struct db *db, const struct caller *who,
		  const char *username, unsigned role, const char *const *areas,
		  size_t area_count, bool remove, struct err *e)
{
	struct change ch;
	int rc = change_begin(db, who, username, &ch, e);
	if (!ch.c)
		return rc;
	const char **area_ids = NULL;
	if (rc == RESULT_OK && remove) {
		if (!role)
			check_role_areas(role, 0, e);
		if (area_count)
			err_field(e, "areas", "taking a role away takes no areas");
	} else if (rc == RESULT_OK && check_role_areas(role, area_count, e)) {
		rc = resolve_areas(ch.c, ch.a, areas, area_count, &area_ids, e);
	}
	if (rc == RESULT_OK)
		rc = err_invalid_if_any(e);
	if (rc == RESULT_OK && remove && role == USER_ADMINISTRATOR)
		rc = keep_an_administrator(&ch, "role", e);
	if (rc == RESULT_OK && !remove)
		rc = write_role(ch.c, ch.a, ch.id, role, area_ids, area_count, e);
	if (rc == RESULT_OK && remove) {
		struct db_param holder[] = {DB_TEXT(ch.id)};
		struct db_param p[] = {holder[0], DB_TEXT(user_role_name(role))};
		struct db_rows rows;
		rc = db_query(ch.c, ch.a, "DELETE FROM user_roles WHERE user_id = $1 AND role = $2",
			      p, &rows, e);
		if (rc == RESULT_OK && rows.changes == 0)
			rc = err_field(e, "role", "the user does not hold that role");
		if (rc == RESULT_OK)
			rc = db_query(ch.c, ch.a,
				      "SELECT count(*) FROM user_roles WHERE user_id = $1", holder,
				      &rows, e);
		if (rc == RESULT_OK && strcmp(db_cell(&rows, 0, 0), "0") == 0)
			rc = err_field(e, "role",
				       "that is the user's only role: disable the user instead");
	}
	return change_end(&ch, rc, who, "role_change", e);
}

int user_set_password(struct db *db, const struct caller *who,
		      const char *username, const char *password, struct err *e)
{
	/* Hashed before the change begins: its transaction would hold the
	 * write lock while Argon2id works.  A password that breaks a rule
	 * needing no account is not hashed at all. */
	char hash[PASSWORD_HASH_SIZE];
	bool hashed = !password_problem(password, NULL) &&
		      password_hash(password, hash) == RESULT_OK;
	struct change ch;
	int rc = change_begin(db, who, username, &ch, e);
	if (!ch.c)
		return rc;
	const char *problem = rc == RESULT_OK ? password_problem(password, ch.username) : NULL;
	if (problem)
		rc = err_field(e, "password", "%s", problem);
	if (rc == RESULT_OK && !hashed)
		rc = err_set(e, "out of memory hashing the password");
	char now[CLOCK_ISO8601_SIZE];
	clock_utc_iso8601(now, sizeof now);
	struct db_param p[] = {DB_TEXT(ch.id), DB_TEXT(hash), DB_TEXT(now)};
	if (rc == RESULT_OK)
		rc = db_query(ch.c, ch.a,
			      "UPDATE users SET password_hash = $2, updated_at = $3"
			      " WHERE id = $1",
			      p, NULL, e);
	if (rc == RESULT_OK)
		rc = end_sessions(ch.c, ch.a, ch.id, e);
	return change_end(&ch, rc, who, "password_change", e);
}

int user_set_disabled(struct db *db, const struct caller *who,
		      const char *username, bool disabled, struct err *e)
{
	return update_user(db, who, username,
			   "UPDATE users SET disabled = $2, updated_at = $3 WHERE id = $1",
			   DB_INT(disabled), disabled, disabled ? "user_disable" : "user_enable", e);
}

/* Cover in an area is recorded by a team leader of the area, and by those
 * who administer. */
static bool records_cover(const struct caller *who, const char *area_id)
{
	if (user_administers(who))
		return true;
	const struct user *u = who->user;
	if (!u || u->disabled || !(u->roles & USER_TEAM_LEADER))
		return false;
	for (size_t i = 0; i < u->team_area_count; i++)
		if (strcmp(u->team_areas[i], area_id) == 0)
			return true;
	return false;
}

/* Every problem with the dates of cover. */
static void check_cover_dates(const char *from, const char *to, struct err *e)
{
	struct date first, last;
	bool from_ok = from && date_parse(from, &first);
	bool to_ok = to && date_parse(to, &last);
	if (!from_ok)
		err_field(e, "starts_on", "Enter the first day of cover, a real date");
	if (!to_ok)
		err_field(e, "ends_on", "Enter the last day of cover, a real date");
	if (!from_ok || !to_ok)
		return;
	if (date_to_days(last) < date_to_days(first))
		err_field(e, "ends_on", "Cover must end on or after the day it starts");
	else if (date_to_days(last) - date_to_days(first) > 366)
		err_field(e, "ends_on", "Cover lasts at most a year: give the area to the "
					"coordinator instead");
}

int user_add_cover(struct db *db, const struct caller *who,
		   const char *username, const char *area, const char *from,
		   const char *to, char *id_out, struct err *e)
{
	err_clear(e);
	struct db_conn *c;
	if (db_transaction(db, &c, e) < 0)
		return RESULT_FAILED;
	struct arena *a = arena_new();
	const char *user_id = NULL, *name, *area_id = NULL;
	int rc = RESULT_OK;
	if (area) /* one not found is named below, with the rest */
		rc = find_area(c, a, area, &area_id, e);
	/* An area that is not the caller's team's is not found, as for anyone
	 * else: whatever else was wrong with the form. */
	if (rc == RESULT_OK && area_id && !records_cover(who, area_id))
		rc = err_not_found(e, "area", "There is no area in your team like that: choose one "
					      "of your team's areas.");
	if (rc == RESULT_OK && !area_id)
		err_field(e, "area", "Choose one of your team's areas");
	if (rc == RESULT_OK && username) {
		struct err why;
		rc = find_user(c, a, username, &user_id, &name, &why);
		if (rc == RESULT_NOT_FOUND) { /* named below, with the rest */
			user_id = NULL;
			rc = RESULT_OK;
		}
		else if (rc != RESULT_OK)
			rc = err_set(e, "%s", why.msg);
	}
	if (rc == RESULT_OK && user_id) {
		struct db_param p[] = {DB_TEXT(user_id)};
		struct db_rows rows;
		if (db_query(c, a,
			     "SELECT 1 FROM user_roles WHERE user_id = $1 AND role = 'coordinator'",
			     p, &rows, e) < 0)
			rc = RESULT_FAILED;
		else if (rows.row_count == 0)
			err_field(e, "user", "Only a coordinator can cover an area");
	}
	if (rc == RESULT_OK && !user_id)
		err_field(e, "user", "Choose the coordinator who covers");
	if (rc == RESULT_OK) {
		check_cover_dates(from, to, e);
		rc = err_invalid_if_any(e);
	}
	char now[CLOCK_ISO8601_SIZE];
	clock_utc_iso8601(now, sizeof now);
	id_new(id_out);
	if (rc == RESULT_OK) {
		struct db_param p[] = {DB_TEXT(id_out), DB_TEXT(user_id), DB_TEXT(area_id),
				       DB_TEXT(from), DB_TEXT(to),
				       DB_TEXT(caller_user_id(who)),
				       DB_TEXT(now)};
		rc = db_query(c, a,
			      "INSERT INTO cover (id, user_id, area_id, starts_on, ends_on,"
			      " created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
			      p, NULL, e);
	}
	struct audit_entry entry = {"cover_add", "cover", rc == RESULT_OK ? id_out : NULL,
				    area_id, NULL, NULL};
	return audit_commit_or_refuse(c, a, rc, who, &entry, e);
}

int user_cover_list(struct db *db, struct arena *a, const char *area_id, const char *from,
		    struct cover **out, size_t *count, struct err *e)
{
	struct db_param p[] = {DB_TEXT(area_id), DB_TEXT(from)};
	struct db_rows rows;
	int rc = db_run(db, a,
			 "SELECT c.id, c.user_id, u.display_name, c.area_id, c.starts_on, c.ends_on"
			 " FROM cover c JOIN users u ON u.id = c.user_id"
			 " WHERE c.area_id = $1 AND c.ends_on >= $2 ORDER BY c.starts_on",
			 p, &rows, e);
	if (rc < 0)
		return RESULT_FAILED;
	*count = rows.row_count;
	*out = arena_alloc(a, (rows.row_count + 1) * sizeof **out);
	for (size_t i = 0; i < rows.row_count; i++)
		(*out)[i] = (struct cover){db_cell(&rows, i, 0), db_cell(&rows, i, 1),
					   db_cell(&rows, i, 2), db_cell(&rows, i, 3),
					   db_cell(&rows, i, 4), db_cell(&rows, i, 5)};
	return RESULT_OK;
}

int user_set_email(struct db *db, const struct caller *actor, const char *username,
		   const char *email, struct err *e)
{
	if (email && !contact_email_ok(email))
		return invalid(e, "email", "that email address is not valid");
	return update_user(db, actor, username,
			   "UPDATE users SET email = $2, updated_at = $3 WHERE id = $1",
			   DB_TEXT(email), false, "email_change", e);
}

int user_check_capacity(long capacity, struct err *e)
{
	if (capacity < 1 || capacity > 200)
		return invalid(e, "capacity", "a capacity is a number of people from 1 to 200");
	return RESULT_OK;
}

int user_capacity_kept(struct db_conn *c, struct arena *a, const struct caller *who,
		       const char *user_id, struct err *e)
{
	char id[ID_HEX_LEN + 1], today[11], now[CLOCK_ISO8601_SIZE];
	id_new(id);
	date_format(date_uk_today(time(NULL)), today);
	clock_utc_iso8601(now, sizeof now);
	struct db_param p[] = {DB_TEXT(user_id), DB_TEXT(id), DB_TEXT(today),
			       DB_TEXT(caller_user_id(who)), DB_TEXT(now)};
	return db_query(c, a,
			"INSERT INTO capacity_changes (id, user_id, capacity, from_on, set_by,"
			" set_at) SELECT $2, id, capacity, $3, $4, $5 FROM users WHERE id = $1",
			p, NULL, e);
}

int user_set_capacity(struct db *db, const struct caller *actor,
		      const char *username, long capacity, struct err *e)
{
	if (user_check_capacity(capacity, e) != RESULT_OK)
		return RESULT_INVALID;
	struct change ch;
	int rc = change_begin(db, actor, username, &ch, e);
	if (!ch.c)
		return rc;
	char now[CLOCK_ISO8601_SIZE];
	clock_utc_iso8601(now, sizeof now);
	struct db_param p[] = {DB_TEXT(ch.id), DB_INT(capacity), DB_TEXT(now)};
	if (rc == RESULT_OK)
		rc = db_query(ch.c, ch.a,
			      "UPDATE users SET capacity = $2, updated_at = $3 WHERE id = $1", p,
			      NULL, e);
	if (rc == RESULT_OK)
		rc = user_capacity_kept(ch.c, ch.a, actor, ch.id, e);
	return change_end(&ch, rc, actor, "capacity_change", e);
}

/* Fills roles and areas of users[0..count) from one query. */
static int load_roles(struct db_conn *c, struct arena *a, struct user *users,
		      size_t count, const char *only_id, struct err *e)
{
	struct db_param p[] = {DB_TEXT(only_id)};
	struct db_rows rows;
	if (db_query(c, a,
		     "SELECT r.user_id, r.role, ra.area_id FROM user_roles r"
		     " LEFT JOIN user_role_areas ra ON ra.user_id = r.user_id"
		     " AND ra.role = r.role"
		     " WHERE CAST($1 AS TEXT) IS NULL OR r.user_id = $1"
		     " ORDER BY r.user_id, r.role, ra.area_id",
		     p, &rows, e) < 0)
		return RESULT_FAILED;
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
	return RESULT_OK;
}

static int load_users(struct db *db, struct arena *a, const char *only_id,
		      struct user **out, size_t *count, struct err *e)
{
	struct db_conn *c;
	if (db_acquire(db, &c, e) < 0)
		return RESULT_FAILED;
	struct db_param p[] = {DB_TEXT(only_id)};
	struct db_rows rows;
	int rc = db_query(c, a,
			  "SELECT id, username, display_name, disabled,"
			  " password_hash IS NOT NULL, email FROM users"
			  " WHERE CAST($1 AS TEXT) IS NULL OR id = $1 ORDER BY username",
			  p, &rows, e);
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
		return RESULT_FAILED;
	if (count == 0) {
		*out = NULL;
		return err_not_found(e, "user", "There is no such user.");
	}
	return RESULT_OK;
}

int user_get(struct db *db, struct arena *a, const struct caller *who,
	     const char *id, struct user **out, struct err *e)
{
	*out = NULL;
	if (!id_valid(id) || !user_reaches(who, id))
		return err_not_found(e, "user", "There is no such user.");
	return user_load(db, a, id, out, e);
}

int user_credentials(struct db *db, struct arena *a, const char *username,
		     const char **id, const char **hash, struct err *e)
{
	*id = NULL;
	*hash = NULL;
	const char *name = canonical_username(a, username);
	if (!name)
		return RESULT_OK;
	struct db_param p[] = {DB_TEXT(name)};
	struct db_rows rows;
	int rc = db_run(db, a,
			 "SELECT id, password_hash FROM users WHERE username = $1"
			 " AND disabled = 0",
			 p, &rows, e);
	if (rc == 0 && rows.row_count == 1) {
		*id = db_cell(&rows, 0, 0);
		*hash = db_cell(&rows, 0, 1);
	}
	return rc;
}
