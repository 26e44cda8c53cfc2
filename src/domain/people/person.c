#include "domain/people/person.h"

#include "core/arena.h"
#include "core/clock.h"
#include "core/contact.h"
#include "core/date.h"
#include "core/err.h"
#include "core/id.h"
#include "core/utf8.h"
#include "db/db.h"
#include "domain/areas/lookup.h"
#include "domain/people/involvement.h"
#include "domain/people/tags.h"
#include "domain/staff/access.h"
#include "domain/staff/audit.h"
#include "domain/staff/user.h"
#include "geo/map.h"
#include "geo/postcode.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SHORT_TEXT_MAX 200

static const char NOT_FOUND[] = "There is no person with that id.";

/* The details, in the order of PERSON_DETAILS and of the UPDATE below:
 * where each is in the input and in the person, and its limit. */
struct detail {
	const char *name;
	size_t in;
	size_t out;
	size_t max;
	bool multiline;
};

#define DETAIL(f, max, multiline) \
	{#f, offsetof(struct person_input, f), offsetof(struct person, f), (max), (multiline)}

static const struct detail details[] = {
	DETAIL(name, PERSON_NAME_MAX, false),
	DETAIL(preferred_name, PERSON_NAME_MAX, false),
	DETAIL(phone, SHORT_TEXT_MAX, false),
	DETAIL(email, SHORT_TEXT_MAX, false),
	DETAIL(other_contact, SHORT_TEXT_MAX, false),
	DETAIL(contact_when, SHORT_TEXT_MAX, false),
	DETAIL(best_place_to_meet, SHORT_TEXT_MAX, false),
	DETAIL(postcode, SHORT_TEXT_MAX, false),
	DETAIL(coordinator_id, SHORT_TEXT_MAX, false),
	DETAIL(what_matters, PERSON_WORDS_MAX, true),
	DETAIL(good_life, PERSON_WORDS_MAX, true),
	DETAIL(hopes, PERSON_WORDS_MAX, true),
	DETAIL(gifts, PERSON_WORDS_MAX, true),
	DETAIL(would_offer, PERSON_WORDS_MAX, true),
};
#define DETAIL_COUNT (sizeof details / sizeof details[0])

#define PERSON_DETAILS                                                                   \
	"p.name, p.preferred_name, p.phone, p.email, p.other_contact, p.contact_when,"    \
	" p.best_place_to_meet, p.postcode, p.coordinator_id, p.what_matters,"            \
	" p.good_life, p.hopes, p.gifts, p.would_offer"

static const char *const *in_field(const struct person_input *in, const struct detail *d)
{
	return (const char *const *)((const char *)in + d->in);
}

static const char **out_field(struct person *p, const struct detail *d)
{
	return (const char **)((char *)p + d->out);
}

/* The input trimmed, postcode normalised; "" kept (clears on update). */
static struct person_input tidy(struct arena *a, const struct person_input *in)
{
	struct person_input t = *in;
	for (size_t i = 0; i < DETAIL_COUNT; i++) {
		const char **f = (const char **)((char *)&t + details[i].in);
		*f = arena_strdup_trimmed(a, *f);
	}
	char normal[POSTCODE_SIZE];
	if (t.postcode && *t.postcode && postcode_normalise(t.postcode, normal))
		t.postcode = arena_strdup(a, normal);
	return t;
}

/* Every problem with the fields themselves.  On create a name is needed;
 * on update a name may not be cleared. */
static void validate(const struct person_input *in, struct err *e)
{
	for (size_t i = 0; i < DETAIL_COUNT; i++) {
		const struct detail *d = &details[i];
		const char *v = *in_field(in, d);
		if (!v || !*v)
			continue;
		if (!utf8_text_ok(v, d->max, d->multiline))
			err_field(e, d->name, "Up to %zu characters%s", d->max,
				  d->multiline ? "" : ", on one line");
	}
	if (!in->name || !*in->name)
		err_field(e, "name", "Enter their name");
	if (in->phone && *in->phone && !contact_phone_ok(in->phone))
		err_field(e, "phone", "Enter a UK phone number, like 07700 900123");
	if (in->email && *in->email && !contact_email_ok(in->email))
		err_field(e, "email", "Enter an email address, like name@example.org");
	char normal[POSTCODE_SIZE];
	if (in->postcode && *in->postcode && !postcode_normalise(in->postcode, normal))
		err_field(e, "postcode", "Enter a real postcode, like YO24 4NB");
	if (in->coordinator_id && *in->coordinator_id && !id_valid(in->coordinator_id))
		err_field(e, "coordinator_id", "Choose a coordinator");
	if (in->tags)
		tags_check(in->tags, in->tag_count, e);
}

/* The area a postcode is in, or the nearest covered one when near; NULL
 * when it cannot say. */
static const char *postcode_area(const struct person_settings *s, struct arena *a,
				 const char *postcode)
{
	if (!postcode || !*postcode || !s->lookup || !s->lookup->map)
		return NULL;
	struct lookup_result r;
	struct err ignored;
	if (lookup_postcode(s->lookup, a, postcode, &r, &ignored) != RESULT_OK)
		return NULL;
	if (r.covered)
		return geo_map_area(s->lookup->map, (size_t)r.area)->id;
	if (r.near && r.nearest_covered >= 0)
		return geo_map_area(s->lookup->map, (size_t)r.nearest_covered)->id;
	return NULL;
}

/* Whether id is an enabled coordinator who works in area_id or covers it
 * today. */
static int is_coordinator(struct db_conn *c, struct arena *a, const char *id,
			  const char *area_id, bool *yes, struct err *e)
{
	char today[11];
	date_format(date_uk_today(time(NULL)), today);
	struct db_param p[] = {DB_TEXT(id), DB_TEXT(area_id), DB_TEXT(today)};
	struct db_rows rows;
	if (db_query(c, a,
		     "SELECT 1 FROM user_roles r JOIN users u ON u.id = r.user_id"
		     " WHERE r.user_id = $1 AND r.role = 'coordinator' AND u.disabled = 0"
		     " AND (EXISTS (SELECT 1 FROM user_role_areas ra WHERE ra.user_id = $1"
		     " AND ra.role = 'coordinator' AND ra.area_id = $2)"
		     " OR EXISTS (SELECT 1 FROM cover v WHERE v.user_id = $1 AND v.area_id = $2"
		     " AND v.starts_on <= $3 AND v.ends_on >= $3))",
		     p, &rows, e) < 0)
		return RESULT_FAILED;
	*yes = rows.row_count > 0;
	return RESULT_OK;
}

/* A new person's coordinator: the caller when they coordinate the area,
 * else the area's first coordinator, else none. */
static int default_coordinator(struct db_conn *c, const struct caller *who, const char *area_id,
			       struct arena *a, const char **out, struct err *e)
{
	const struct user *u = who->user;
	for (size_t i = 0; u && (u->roles & USER_COORDINATOR) && i < u->coordinator_area_count;
	     i++)
		if (strcmp(u->coordinator_areas[i], area_id) == 0) {
			*out = u->id;
			return RESULT_OK;
		}
	struct db_param p[] = {DB_TEXT(area_id)};
	struct db_rows rows;
	if (db_query(c, a,
		     "SELECT min(ra.user_id) FROM user_role_areas ra JOIN users u"
		     " ON u.id = ra.user_id WHERE ra.role = 'coordinator' AND ra.area_id = $1"
		     " AND u.disabled = 0",
		     p, &rows, e) < 0)
		return RESULT_FAILED;
	*out = db_cell(&rows, 0, 0);
	return RESULT_OK;
}

/* A coordinator outside the person's area could not reach them. */
static int check_coordinator(struct db_conn *c, struct arena *a, const char *id,
			     const char *area_id, struct err *e)
{
	bool yes = true;
	if (id && *id && id_valid(id) && area_id &&
	    is_coordinator(c, a, id, area_id, &yes, e) < 0)
		return RESULT_FAILED;
	if (!yes)
		err_field(e, "coordinator_id",
			  "Choose a coordinator who works in their area or covers it");
	return RESULT_OK;
}

/* "" and NULL are both no value, in the database. */
static struct db_param value(const char *s)
{
	return s && *s ? DB_TEXT(s) : DB_NULL;
}

int person_create_on(struct db_conn *c, const struct person_settings *s,
		     const struct caller *who, const struct person_input *given,
		     const struct person_start *start, const char *introduction_id,
		     struct arena *a, const char **person_id, struct err *e)
{
	err_clear(e);
	struct person_input in = tidy(a, given);
	validate(&in, e);
	if (!start->household_involvement_id)
		involvement_check_start(start->kind, start->started_on, e);
	const char *area_id = start->area_id;
	if (!area_id)
		area_id = postcode_area(s, a, in.postcode);
	const struct user *u = who->user;
	if (!area_id && u && u->coordinator_area_count == 1)
		area_id = u->coordinator_areas[0];
	if (!area_id)
		err_field(e, "area_id", "Choose their area, or give a postcode in one");
	if (check_coordinator(c, a, in.coordinator_id, area_id, e) < 0)
		return RESULT_FAILED;
	int rc = err_invalid_if_any(e);
	if (rc < 0)
		return rc;

	const char *coordinator = in.coordinator_id && *in.coordinator_id ? in.coordinator_id
									  : NULL;
	if (!coordinator && default_coordinator(c, who, area_id, a, &coordinator, e) < 0)
		return RESULT_FAILED;
	char id[ID_HEX_LEN + 1], now[CLOCK_ISO8601_SIZE];
	id_new(id);
	clock_utc_iso8601(now, sizeof now);
	struct db_param p[] = {
		DB_TEXT(id),
		DB_TEXT(in.name),
		value(in.preferred_name),
		value(in.phone),
		value(in.email),
		value(in.other_contact),
		value(in.contact_when),
		value(in.best_place_to_meet),
		value(in.postcode),
		DB_TEXT(coordinator),
		value(in.what_matters),
		value(in.good_life),
		value(in.hopes),
		value(in.gifts),
		value(in.would_offer),
		DB_TEXT(area_id),
		DB_TEXT(caller_user_id(who)),
		DB_TEXT(now),
	};
	rc = db_query(c, a,
		      "INSERT INTO people (id, name, preferred_name, phone, email, other_contact,"
		      " contact_when, best_place_to_meet, postcode, coordinator_id, what_matters,"
		      " good_life, hopes, gifts, would_offer, area_id, created_by, created_at,"
		      " updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12,"
		      " $13, $14, $15, $16, $17, $18, $18)",
		      p, NULL, e);
	if (rc == 0 && in.tags && in.tag_count)
		rc = tags_set_on(c, who, id, in.tags, in.tag_count, a, e);
	const char *involvement;
	if (rc == 0 && start->household_involvement_id)
		rc = involvement_join_on(c, start->household_involvement_id, id, a, e);
	else if (rc == 0)
		rc = involvement_open_on(c, who, id, area_id, start->kind, start->started_on,
					 introduction_id, a, &involvement, e);
	if (rc == 0)
		*person_id = arena_strdup(a, id);
	return rc;
}

/* The person with their tags, whoever asks. */
static int load_on(struct db_conn *c, const char *id, struct arena *a, struct person **out,
		   struct err *e)
{
	*out = NULL;
	if (!id || !id_valid(id))
		return err_not_found(e, "person", NOT_FOUND);
	struct db_param p[] = {DB_TEXT(id)};
	struct db_rows rows;
	if (db_query(c, a,
		     "SELECT " PERSON_DETAILS ", p.id, p.area_id, ar.name, u.display_name,"
		     " p.created_at, p.updated_at, p.version FROM people p"
		     " LEFT JOIN areas ar ON ar.id = p.area_id"
		     " LEFT JOIN users u ON u.id = p.coordinator_id WHERE p.id = $1",
		     p, &rows, e) < 0)
		return RESULT_FAILED;
	if (rows.row_count == 0)
		return err_not_found(e, "person", NOT_FOUND);
	struct person *x = arena_alloc(a, sizeof *x);
	memset(x, 0, sizeof *x);
	for (size_t i = 0; i < DETAIL_COUNT; i++)
		*out_field(x, &details[i]) = db_cell(&rows, 0, i);
	x->id = db_cell(&rows, 0, DETAIL_COUNT);
	x->area_id = db_cell(&rows, 0, DETAIL_COUNT + 1);
	x->area_name = db_cell(&rows, 0, DETAIL_COUNT + 2);
	x->coordinator_name = db_cell(&rows, 0, DETAIL_COUNT + 3);
	x->created_at = db_cell(&rows, 0, DETAIL_COUNT + 4);
	x->updated_at = db_cell(&rows, 0, DETAIL_COUNT + 5);
	x->version = strtol(db_cell(&rows, 0, DETAIL_COUNT + 6), NULL, 10);
	x->involvements = arena_alloc(a, sizeof *x->involvements);
	x->changes = arena_alloc(a, sizeof *x->changes);
	if (tags_of_on(c, id, a, &x->tags, &x->tag_count, e) < 0)
		return RESULT_FAILED;
	*out = x;
	return RESULT_OK;
}

/* Their involvements and the history of their details. */
static int load_history_on(struct db_conn *c, struct person *x, struct arena *a, struct err *e)
{
	if (involvement_list_on(c, x->id, a, &x->involvements, &x->involvement_count, e) < 0)
		return RESULT_FAILED;
	struct db_param p[] = {DB_TEXT(x->id)};
	struct db_rows rows;
	if (db_query(c, a,
		     "SELECT h.at, h.user_id, u.username, h.field, h.value_before"
		     " FROM person_changes h LEFT JOIN users u ON u.id = h.user_id"
		     " WHERE h.person_id = $1 ORDER BY h.at DESC, h.id DESC",
		     p, &rows, e) < 0)
		return RESULT_FAILED;
	x->change_count = rows.row_count;
	x->changes = arena_alloc(a, (rows.row_count + 1) * sizeof *x->changes);
	for (size_t i = 0; i < rows.row_count; i++)
		x->changes[i] = (struct person_change_entry){
			db_cell(&rows, i, 0), db_cell(&rows, i, 1), db_cell(&rows, i, 2),
			db_cell(&rows, i, 3), db_cell(&rows, i, 4)};
	return RESULT_OK;
}

int person_area_on(struct db_conn *c, const struct caller *who, const char *id,
		   struct arena *a, const char **area_id, struct err *e)
{
	*area_id = NULL;
	if (!id || !id_valid(id))
		return err_not_found(e, "person", NOT_FOUND);
	struct db_param p[] = {DB_TEXT(id)};
	struct db_rows rows;
	if (db_query(c, a, "SELECT area_id FROM people WHERE id = $1", p, &rows, e) < 0)
		return RESULT_FAILED;
	if (rows.row_count == 0 || !access_casework(who, db_cell(&rows, 0, 0)))
		return err_not_found(e, "person", NOT_FOUND);
	*area_id = db_cell(&rows, 0, 0);
	return RESULT_OK;
}

/* The person if who reaches them; a refusal audited as `action`, a
 * success too when audit_success. */
static int reach(struct db_conn *c, const struct caller *who, const char *action,
		 bool audit_success, const char *id, struct arena *a, struct person **out,
		 struct err *e)
{
	int rc = load_on(c, id, a, out, e);
	if (rc == RESULT_NOT_FOUND && id_valid(id)) {
		struct audit_entry none = {action, "person", id, NULL, "not_found", NULL};
		if (audit_write(c, who, &none, e) < 0)
			return RESULT_FAILED;
		return err_not_found(e, "person", NOT_FOUND);
	}
	if (rc < 0)
		return rc;
	bool may = access_casework(who, (*out)->area_id);
	struct audit_entry entry = {action, "person", id, (*out)->area_id, may ? NULL : "refused", NULL};
	if ((!may || audit_success) && audit_write(c, who, &entry, e) < 0)
		return RESULT_FAILED;
	if (!may) {
		*out = NULL;
		return err_not_found(e, "person", NOT_FOUND);
	}
	return RESULT_OK;
}

int person_get(struct db *db, const struct caller *who, const char *id, struct arena *a,
	       struct person **out, struct err *e)
{
	struct db_conn *c;
	if (db_acquire(db, &c, e) < 0)
		return RESULT_FAILED;
	int rc = reach(c, who, "read", true, id, a, out, e);
	if (rc == 0)
		rc = load_history_on(c, *out, a, e);
	db_release(c);
	return rc;
}

int person_create(const struct person_settings *s, const struct caller *who,
		  const struct person_input *in, const struct person_start *start,
		  struct arena *a, struct person **out, struct err *e)
{
	*out = NULL;
	struct db_conn *c;
	if (db_transaction(s->db, &c, e) < 0)
		return RESULT_FAILED;
	struct person_start checked = *start;
	err_clear(e);
	int rc = RESULT_OK;
	/* A household's member joins in the household's area, when it is one
	 * the caller reaches. */
	const char *household_area = NULL;
	if (start->household_involvement_id) {
		rc = involvement_area_on(c, who, start->household_involvement_id, a,
					 &household_area, e);
		if (rc == RESULT_NOT_FOUND) {
			err_clear(e);
			rc = err_field(e, "household_involvement_id",
				       "Choose an open involvement of their family or household");
		}
	}
	if (!checked.area_id)
		checked.area_id = household_area;
	if (!checked.area_id)
		checked.area_id = postcode_area(s, a, in->postcode);
	const struct user *u = who->user;
	if (!checked.area_id && u && u->coordinator_area_count == 1)
		checked.area_id = u->coordinator_areas[0];
	/* Only into an area of one's own. */
	if (rc != RESULT_FAILED && checked.area_id && !access_casework(who, checked.area_id))
		rc = err_field(e, "area_id", "Choose one of the areas you work in");
	const char *id = NULL;
	if (rc == RESULT_INVALID) {
		/* Every problem at once: the details' and the start's too. */
		struct err more;
		struct person_input tidied = tidy(a, in);
		err_clear(&more);
		validate(&tidied, &more);
		if (!start->household_involvement_id)
			involvement_check_start(start->kind, start->started_on, &more);
		for (size_t i = 0; i < more.field_count; i++)
			err_field(e, more.fields[i].path, "%s", more.fields[i].message);
	}
	if (rc == 0)
		rc = person_create_on(c, s, who, in, &checked, NULL, a, &id, e);
	struct audit_entry entry = {"create", "person", id, checked.area_id, NULL, NULL};
	rc = audit_commit(c, NULL, rc, who, &entry, e);
	if (rc < 0)
		return rc;
	if (db_acquire(s->db, &c, e) < 0)
		return RESULT_FAILED;
	rc = load_on(c, id, a, out, e);
	if (rc == 0)
		rc = load_history_on(c, *out, a, e);
	db_release(c);
	return rc;
}

static bool same(const char *x, const char *y)
{
	return (!x || !*x) ? (!y || !*y) : (y && strcmp(x, y) == 0);
}

static int record_change(struct db_conn *c, struct arena *a, const struct caller *who,
			 const char *person_id, const char *field, const char *before,
			 const char *now, struct err *e)
{
	char id[ID_HEX_LEN + 1];
	id_new(id);
	struct db_param p[] = {DB_TEXT(id),	 DB_TEXT(person_id),
			       DB_TEXT(now),	 DB_TEXT(caller_user_id(who)),
			       DB_TEXT(field), DB_TEXT(before)};
	return db_query(c, a,
			"INSERT INTO person_changes (id, person_id, at, user_id, field,"
			" value_before) VALUES ($1, $2, $3, $4, $5, $6)",
			p, NULL, e);
}

/* The names joined for the record of a change to the tags. */
static const char *joined(struct arena *a, const char *const *names, size_t count)
{
	const char *s = "";
	for (size_t i = 0; i < count; i++)
		s = arena_printf(a, "%s%s%s", s, i ? ", " : "", names[i]);
	return s;
}

/* Whether the tags named differ from the person's (by key, as a set). */
static bool tags_differ(struct arena *a, const struct person *x, const struct person_input *in)
{
	for (size_t i = 0; i < in->tag_count; i++) {
		bool found = false;
		for (size_t j = 0; j < x->tag_count && !found; j++)
			found = strcmp(tags_key(a, in->tags[i]), tags_key(a, x->tags[j])) == 0;
		if (!found)
			return true;
	}
	for (size_t j = 0; j < x->tag_count; j++) {
		bool found = false;
		for (size_t i = 0; i < in->tag_count && !found; i++)
			found = strcmp(tags_key(a, in->tags[i]), tags_key(a, x->tags[j])) == 0;
		if (!found)
			return true;
	}
	return false;
}

/* The area a change of postcode moves the person to (their own when it
 * does not); a field error at "postcode" when the caller does not work
 * there, since the person would pass out of their reach. */
static int moved_area(struct db_conn *c, const struct person_settings *s,
		      const struct caller *who, const struct person *x,
		      const struct person_input *in, struct arena *a, const char **area_id,
		      struct err *e)
{
	*area_id = x->area_id;
	if (!in->postcode || same(in->postcode, x->postcode))
		return RESULT_OK;
	const char *moved = postcode_area(s, a, in->postcode);
	if (!moved || strcmp(moved, x->area_id) == 0)
		return RESULT_OK;
	if (!access_casework(who, moved)) {
		struct db_param p[] = {DB_TEXT(moved)};
		struct db_rows rows;
		if (db_query(c, a, "SELECT name FROM areas WHERE id = $1", p, &rows, e) < 0)
			return RESULT_FAILED;
		err_field(e, "postcode", "That postcode is in %s, which you do not work in",
			  rows.row_count ? db_cell(&rows, 0, 0) : "another area");
		return RESULT_OK;
	}
	*area_id = moved;
	return RESULT_OK;
}

/* Writes the change, each changed field's old value kept; a move to
 * area_id takes their open involvement with them.  *changed false: there
 * was nothing to change, and nothing is written. */
static int write_update(struct db_conn *c, const struct caller *who, const struct person *x,
			const struct person_input *in, const char *area_id, struct arena *a,
			bool *changed, struct err *e)
{
	char now[CLOCK_ISO8601_SIZE];
	clock_utc_iso8601(now, sizeof now);
	struct db_param p[DETAIL_COUNT + 4];
	int rc = RESULT_OK;
	bool moving = strcmp(area_id, x->area_id) != 0;
	bool retagged = in->tags && tags_differ(a, x, in);
	*changed = moving || retagged;
	for (size_t i = 0; i < DETAIL_COUNT; i++) {
		const char *before = *out_field((struct person *)x, &details[i]);
		const char *given = *in_field(in, &details[i]);
		const char *after = given ? given : before;
		p[i] = value(after);
		*changed = *changed || !same(before, after);
	}
	if (!*changed)
		return RESULT_OK;
	for (size_t i = 0; rc == 0 && i < DETAIL_COUNT; i++) {
		const char *before = *out_field((struct person *)x, &details[i]);
		const char *given = *in_field(in, &details[i]);
		if (given && !same(before, given))
			rc = record_change(c, a, who, x->id, details[i].name, before, now, e);
	}
	if (rc == 0 && moving)
		rc = record_change(c, a, who, x->id, "area_id", x->area_id, now, e);
	struct db_param move[] = {DB_TEXT(x->id), DB_TEXT(area_id), DB_TEXT(now)};
	if (rc == 0 && moving)
		rc = db_query(c, a,
			      "UPDATE involvements SET area_id = $2, updated_at = $3"
			      " WHERE ended_on IS NULL AND id IN (SELECT involvement_id"
			      " FROM involvement_people WHERE person_id = $1)",
			      move, NULL, e);
	if (rc == 0 && retagged) {
		rc = record_change(c, a, who, x->id, "tags", joined(a, x->tags, x->tag_count), now,
				   e);
		if (rc == 0)
			rc = tags_set_on(c, who, x->id, in->tags, in->tag_count, a, e);
	}
	p[DETAIL_COUNT] = DB_TEXT(x->id);
	p[DETAIL_COUNT + 1] = DB_TEXT(area_id);
	p[DETAIL_COUNT + 2] = DB_TEXT(now);
	p[DETAIL_COUNT + 3] = DB_INT(x->version);
	struct db_rows rows;
	if (rc == 0)
		rc = db_query(c, a,
			      "UPDATE people SET name = $1, preferred_name = $2, phone = $3,"
			      " email = $4, other_contact = $5, contact_when = $6,"
			      " best_place_to_meet = $7, postcode = $8, coordinator_id = $9,"
			      " what_matters = $10, good_life = $11, hopes = $12, gifts = $13,"
			      " would_offer = $14, area_id = $16, updated_at = $17,"
			      " version = version + 1 WHERE id = $15 AND version = $18",
			      p, &rows, e);
	if (rc == 0 && rows.changes == 0)
		rc = err_result(e, RESULT_CONFLICT,
				"Someone else changed their details just now: reload them");
	return rc;
}

int person_update(const struct person_settings *s, const struct caller *who, const char *id,
		  long version, const struct person_input *given, struct err *e)
{
	struct db_conn *c;
	if (db_transaction(s->db, &c, e) < 0)
		return RESULT_FAILED;
	struct arena *a = arena_new();
	struct person *x;
	int rc = reach(c, who, "update", false, id, a, &x, e);
	if (rc < 0)
		return audit_keep_refusal(c, a, rc, e);
	err_clear(e);
	struct person_input in = tidy(a, given);
	struct person_input check = in;
	if (!check.name)
		check.name = x->name;
	validate(&check, e);
	const char *area_id;
	rc = moved_area(c, s, who, x, &in, a, &area_id, e);
	if (rc == 0)
		rc = check_coordinator(c, a, in.coordinator_id, area_id, e);
	if (rc == 0)
		rc = err_invalid_if_any(e);
	if (rc == 0 && version && version != x->version)
		rc = err_result(e, RESULT_CONFLICT,
				"Someone else changed their details since you read them: reload "
				"them and make your change again");
	bool changed = true;
	if (rc == 0)
		rc = write_update(c, who, x, &in, area_id, a, &changed, e);
	if (rc == 0 && !changed) {
		/* Nothing to record: no new version, no audit entry. */
		rc = db_finish(c, RESULT_OK, e);
		arena_free(a);
		return rc;
	}
	struct audit_entry entry = {"update", "person", id, x->area_id, NULL, NULL};
	return audit_commit(c, a, rc, who, &entry, e);
}

int person_lock(struct db_conn *c, struct arena *a, const char *person_id, struct err *e)
{
	return db_lock(c, arena_printf(a, "person:%s", person_id), e);
}
