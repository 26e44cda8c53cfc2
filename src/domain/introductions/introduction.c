#include "domain/introductions/introduction.h"

#include "core/arena.h"
#include "core/clock.h"
#include "core/contact.h"
#include "core/date.h"
#include "core/err.h"
#include "core/id.h"
#include "core/names.h"
#include "core/utf8.h"
#include "core/workdays.h"
#include "db/db.h"
#include "domain/areas/lookup.h"
#include "domain/council/council.h"
#include "domain/people/involvement.h"
#include "domain/people/person.h"
#include "domain/staff/access.h"
#include "domain/staff/audit.h"
#include "domain/staff/user.h"
#include "geo/map.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define NAME_MAX_CHARS 100
#define SHORT_TEXT_MAX_CHARS 200
#define NOTE_MAX_CHARS 500
#define LEAVE_MAX 64

const char *const intro_statuses[] = {
	"new",		     "contacted", "conversation_arranged", "walking_alongside",
	"information_only", "not_now",   "outside_area",	   "other_service", NULL};
#define FIRST_OUTCOME 3

/* Who got in touch, in four choices that do not overlap: the person;
 * someone who knows them personally; someone who works with them; a
 * group or charity they are part of (schema/018 says why). */
const char *const intro_relationships[] = {"self", "family_or_friend", "professional",
					   "community_group", NULL};

/* The choices before schema/018, and what each became: a sender still
 * using one is told its new name rather than a bare refusal. */
static const char *const old_relationships[][2] = {
	{"family", "use \"family_or_friend\": family, a friend or a neighbour"},
	{"friend_or_neighbour", "use \"family_or_friend\": family, a friend or a neighbour"},
	{"community", "use \"family_or_friend\" for someone who knows them personally, or "
		      "\"community_group\" for a community group, faith group or charity"},
};
const char *const intro_knows[] = {"yes", "not_asked", "no", NULL};
const char *const intro_channels[] = {"phone",   "text",	 "voicemail",    "email",
				      "facebook", "drop_in", "face_to_face", "web", NULL};

const char *intro_status_words(const char *status)
{
	static const char *const words[][2] = {
		{"new", "New"},
		{"contacted", "Contacted"},
		{"conversation_arranged", "Conversation arranged"},
		{"walking_alongside", "Walking alongside"},
		{"information_only", "Information and connections only"},
		{"not_now", "Not now, or declined"},
		{"outside_area", "Outside the area"},
		{"other_service", "Another service better placed"},
	};
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strcmp(status, words[i][0]) == 0)
			return words[i][1];
	return status;
}

bool intro_status_known(const char *status)
{
	return names_index(status, intro_statuses) >= 0;
}

bool intro_status_final(const char *status)
{
	return names_index(status, intro_statuses) >= FIRST_OUTCOME;
}

/* Two staff changed an introduction at once: the second is told. */
static const char CHANGED_MEANWHILE[] =
	"Someone else changed this introduction just now: reload it";

/* Optional text: absent, or 1 to max characters. */
static bool optional_text(const char *s, size_t max, bool multiline)
{
	return !s || utf8_text_ok(s, max, multiline);
}

/* Who got in touch, as its index in intro_relationships, or -1 with the
 * problem named. */
static int relationship_of(const char *introduced_by, struct err *e)
{
	int relationship = names_index(introduced_by, intro_relationships);
	const char *renamed = NULL;
	for (size_t i = 0; relationship < 0 && introduced_by &&
			   i < sizeof old_relationships / sizeof old_relationships[0]; i++)
		if (strcmp(introduced_by, old_relationships[i][0]) == 0)
			renamed = old_relationships[i][1];
	if (renamed)
		err_field(e, "introduced_by.relationship", "\"%s\" is no longer a choice: %s",
			  introduced_by, renamed);
	else if (relationship < 0)
		err_field(e, "introduced_by.relationship",
			  "Say who got in touch: the person themselves (self), family, a "
			  "friend or a neighbour (family_or_friend), a professional who works "
			  "with them (professional), or a community group, faith group or "
			  "charity (community_group)");
	return relationship;
}

/* Checks every field that needs no lookup, naming each problem. */
static void validate(const struct intro_input *in, bool staff, struct err *e)
{
	if (!utf8_text_ok(in->person_name, NAME_MAX_CHARS, false))
		err_field(e, "person.name", "Enter the person's name (up to 100 characters)");
	if (in->person_phone && !contact_phone_ok(in->person_phone))
		err_field(e, "person.phone", "Enter a UK phone number, like 07700 900123");
	if (in->person_email && !contact_email_ok(in->person_email))
		err_field(e, "person.email", "Enter an email address, like name@example.org");
	if (!optional_text(in->person_other_contact, SHORT_TEXT_MAX_CHARS, false))
		err_field(e, "person.other_contact", "Other ways to reach them: up to 200 characters");
	if (!optional_text(in->contact_when, SHORT_TEXT_MAX_CHARS, false))
		err_field(e, "person.contact_when", "When to reach them: up to 200 characters");
	if (!optional_text(in->best_place_to_meet, SHORT_TEXT_MAX_CHARS, false))
		err_field(e, "person.best_place_to_meet", "Where to meet: up to 200 characters");
	if (!optional_text(in->address, SHORT_TEXT_MAX_CHARS, true))
		err_field(e, "person.address", "The address: up to 200 characters");
	if (!optional_text(in->background, INTRO_BACKGROUND_MAX, true))
		err_field(e, "person.background",
			  "A little background: up to 1000 characters, in their own words");
	int relationship = relationship_of(in->introduced_by, e);
	bool self = relationship == 0, other = relationship > 0;
	if (other && !utf8_text_ok(in->introducer_name, NAME_MAX_CHARS, false))
		err_field(e, "introduced_by.name", "Enter the name of the person getting in touch");
	if (!optional_text(in->introducer_organisation, SHORT_TEXT_MAX_CHARS, false))
		err_field(e, "introduced_by.organisation", "The organisation: up to 200 characters");
	bool introducer_phone_ok = !in->introducer_phone || contact_phone_ok(in->introducer_phone);
	if (!introducer_phone_ok)
		err_field(e, "introduced_by.phone", "Enter a UK phone number, like 07700 900123");
	if (in->introducer_email && !contact_email_ok(in->introducer_email))
		err_field(e, "introduced_by.email", "Enter an email address, like name@example.org");
	if (other && !in->introducer_phone && !in->introducer_email)
		err_field(e, "introduced_by.phone",
			  "Give a phone number or email address for the person getting in touch");
	if (self && (in->introducer_name || in->introducer_organisation ||
		     in->introducer_phone || in->introducer_email))
		err_field(e, "introduced_by.relationship",
			  "Someone getting in touch for themselves has no separate introducer");
	bool knows_known = names_index(in->person_knows, intro_knows) >= 0;
	if (!knows_known)
		err_field(e, "person_knows", "Say whether the person knows about this and would "
					     "like to talk");
	else if (self && strcmp(in->person_knows, "yes") != 0)
		err_field(e, "person_knows", "Someone getting in touch themselves knows about it");
	if (knows_known && !in->person_phone && !in->person_email && !in->person_other_contact &&
	    strcmp(in->person_knows, "yes") == 0)
		err_field(e, "person.phone",
			  "Give at least one way to reach the person: a phone number, an "
			  "email address, or another way");
	if (names_index(in->channel, intro_channels) < 0)
		err_field(e, "channel", "Say how it came: phone, text, voicemail, email, "
					"facebook, drop_in, face_to_face or web");
	if (!optional_text(in->other_service, SHORT_TEXT_MAX_CHARS, false))
		err_field(e, "other_service", "The other service: up to 200 characters");
	else if (staff && in->urgent && !in->other_service)
		err_field(e, "other_service",
			  "Local Area Coordination is not a crisis service: record which "
			  "other service was suggested alongside");
	if (!staff && in->received_at)
		err_field(e, "received_at", "Only staff record when an introduction arrived");
}

/* The arrival time as stored (UTC ISO-8601) from what staff typed: a
 * stored-form time, or a Europe/London "YYYY-MM-DDTHH:MM" from a form. */
static int arrival(struct arena *a, const char *typed, const char **out, struct err *e)
{
	int64_t now = clock_epoch_seconds();
	if (!typed) {
		char buf[CLOCK_ISO8601_SIZE];
		clock_utc_iso8601(buf, sizeof buf);
		*out = arena_strdup(a, buf);
		return 0;
	}
	int64_t t;
	struct date d;
	int hour, minute, n = 0;
	if (clock_parse_iso8601(typed, &t) == 0 && strchr(typed, 'Z')) {
		/* already UTC */
	} else if (strlen(typed) == 16 && typed[10] == 'T' &&
		   sscanf(typed + 11, "%2d:%2d%n", &hour, &minute, &n) == 2 && n == 5 &&
		   hour < 24 && minute < 60 &&
		   date_parse(arena_printf(a, "%.10s", typed), &d)) {
		/* A wall-clock time in the UK: UTC, less an hour in summer. */
		t = (int64_t)(date_to_days(d) * 86400L + hour * 3600 + minute * 60);
		if (date_uk_summer_time((time_t)(t - 3600)))
			t -= 3600;
	} else {
		return err_field(e, "received_at",
				 "When it arrived: enter a real date and time");
	}
	if (t > now + 60)
		return err_field(e, "received_at", "When it arrived cannot be in the future");
	if (t < now - 366L * 86400)
		return err_field(e, "received_at", "When it arrived: within the last year");
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	*out = arena_printf(a, "%04d-%02d-%02dT%02d:%02d:%02d.000Z", tm.tm_year + 1900,
			    tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
	return 0;
}

/* What someone from outside cover is told when the council takes no
 * introduction from there (rule none): who to call instead, each contact
 * only when the council's settings hold it. */
static const char *outside_cover_refusal(struct arena *a, const struct council *c)
{
	const char *council = *c->name ? c->name : "the council";
	const char *text = "That postcode is outside the areas coordinators cover, so we "
			   "cannot take an introduction from there.";
	if (*c->phone && *c->email)
		text = arena_printf(a, "%s Contact %s on %s or at %s.", text, council, c->phone,
				    c->email);
	else if (*c->phone || *c->email)
		text = arena_printf(a, "%s Contact %s on %s.", text, council,
				    *c->phone ? c->phone : c->email);
	else
		text = arena_printf(a, "%s Contact %s.", text, council);
	if (*c->adult_social_care_phone)
		text = arena_printf(a, "%s For help with care, call adult social care on %s.", text,
				    c->adult_social_care_phone);
	return text;
}

/* The area, placement and distance for the input. */
static int place(const struct intro_settings *s, const struct caller *who,
		 const struct intro_input *in, struct arena *a, const char **area_id,
		 const char **placement, long *distance, struct err *e)
{
	*distance = -1;
	if (!in->postcode || !*in->postcode) {
		/* Staff logging a call in their own area need not ask. */
		const struct user *u = who->user;
		if (u && u->coordinator_area_count) {
			*area_id = u->coordinator_areas[0];
			*placement = "covered";
			return 0;
		}
		return err_field(e, "person.postcode", "Enter the person's postcode, like YO24 4NB");
	}
	if (!s->lookup || !s->lookup->map)
		return err_field(e, "person.postcode",
				 "Postcodes cannot be placed yet: the area boundaries are not loaded");
	struct lookup_result r;
	/* The lookup's own answer would name its own fields: this one names
	 * the person's postcode, beside the other problems found. */
	struct err looked_up = {0};
	int rc = lookup_postcode(s->lookup, a, in->postcode, &r, &looked_up);
	if (rc == RESULT_INVALID)
		return err_field(e, "person.postcode", "Enter a real postcode, like YO24 4NB");
	if (rc == RESULT_NOT_FOUND)
		return err_field(e, "person.postcode",
				 "We cannot place that postcode: check it, or give another nearby");
	if (rc != RESULT_OK)
		return err_set(e, "%s", looked_up.msg);
	/* Who answers is the directory's one decision (lookup_answer), under
	 * the council's outside-cover rule. */
	struct council council;
	struct lookup_answer answer;
	if (council_read(s->db, a, &council, e) < 0 ||
	    lookup_answer(s->lookup, a, &r, council.outside_cover, &answer, e) < 0)
		return RESULT_FAILED;
	if (answer.area < 0)
		return err_field(e, "person.postcode",
				 "No area has a coordinator yet, so there is nobody to answer");
	/* Staff who took a call from outside cover still log it, under every
	 * rule: the person has already reached someone, and the nearest
	 * area's coordinator answers it, if only to say where else to go. */
	if (!answer.takes_introductions && who->kind != CALLER_STAFF)
		return err_field(e, "person.postcode", "%s", outside_cover_refusal(a, &council));
	*area_id = geo_map_area(s->lookup->map, (size_t)answer.area)->id;
	*placement = r.covered ? "covered" : r.near ? "near" : "not_covered";
	if (!r.covered)
		*distance = (long)(r.nearest_metres + 0.5);
	return 0;
}

/* Days on which every coordinator of the area is on leave: nobody is
 * there to answer, so the clock does not run.  Only enabled coordinators
 * count, their leave as their number: a disabled one's old leave would
 * otherwise stop the clock while the others are at work. */
static int area_leave(struct db_conn *c, struct arena *a, const char *area_id,
		      struct day_range **out, size_t *count, struct err *e)
{
	struct db_param p[] = {DB_TEXT(area_id)};
	struct db_rows rows;
	if (db_query(c, a,
		     "SELECT l.user_id, l.starts_on, l.ends_on FROM leave l"
		     " JOIN user_role_areas ra ON ra.user_id = l.user_id"
		     " AND ra.role = 'coordinator' AND ra.area_id = $1"
		     " JOIN users u ON u.id = l.user_id WHERE u.disabled = 0"
		     " ORDER BY l.starts_on",
		     p, &rows, e) < 0)
		return -1;
	struct db_rows people;
	if (db_query(c, a,
		     "SELECT count(*) FROM user_role_areas ra JOIN users u ON u.id = ra.user_id"
		     " WHERE ra.role = 'coordinator' AND ra.area_id = $1 AND u.disabled = 0",
		     p, &people, e) < 0)
		return -1;
	long coordinators = strtol(db_cell(&people, 0, 0), NULL, 10);
	*count = 0;
	*out = arena_alloc(a, (rows.row_count + 1) * sizeof **out);
	if (coordinators == 0)
		return 0;
	/* With one coordinator their leave is the area's; with several, only
	 * the days all of them are away count. */
	for (size_t i = 0; i < rows.row_count && *count < LEAVE_MAX; i++) {
		struct date first, last;
		if (!date_parse(db_cell(&rows, i, 1), &first) ||
		    !date_parse(db_cell(&rows, i, 2), &last))
			continue;
		for (long day = date_to_days(first); day <= date_to_days(last); day++) {
			long away = 0;
			for (size_t j = 0; j < rows.row_count; j++) {
				struct date f, l;
				if (date_parse(db_cell(&rows, j, 1), &f) &&
				    date_parse(db_cell(&rows, j, 2), &l) &&
				    day >= date_to_days(f) && day <= date_to_days(l))
					away++;
			}
			if (away >= coordinators && *count < LEAVE_MAX)
				(*out)[(*count)++] = (struct day_range){day, day};
		}
	}
	return 0;
}

static int write_history(struct db_conn *c, struct arena *a, const char *intro_id,
			 const char *user_id, const char *status, const char *note,
			 struct err *e)
{
	char id[ID_HEX_LEN + 1], now[CLOCK_ISO8601_SIZE];
	id_new(id);
	clock_utc_iso8601(now, sizeof now);
	struct db_param p[] = {DB_TEXT(id), DB_TEXT(intro_id), DB_TEXT(now),
			       DB_TEXT(user_id), DB_TEXT(status), DB_TEXT(note)};
	return db_query(c, a,
			"INSERT INTO introduction_history (id, introduction_id, at, user_id,"
			" status, note) VALUES ($1, $2, $3, $4, $5, $6)",
			p, NULL, e);
}

/* Keeps introductions.replied_at (schema/023) in step with the history
 * just written: the first change of status away from new by staff is the
 * reply the reports time, and once set it stays. */
static int note_reply(struct db_conn *c, struct arena *a, const char *intro_id, struct err *e)
{
	struct db_param p[] = {DB_TEXT(intro_id)};
	return db_query(c, a,
			"UPDATE introductions SET replied_at = (SELECT min(h.at)"
			" FROM introduction_history h WHERE h.introduction_id = $1"
			" AND h.status <> 'new' AND h.user_id IS NOT NULL)"
			" WHERE id = $1 AND replied_at IS NULL",
			p, NULL, e);
}

#define INTRO_COLUMNS                                                                   \
	"i.id, i.status, i.area_id, i.placement, i.distance_m, i.postcode, i.person_name," \
	" i.person_phone, i.person_email, i.person_other_contact, i.contact_when,"        \
	" i.best_place_to_meet, i.address, i.background, i.introduced_by,"                \
	" i.introducer_name, i.introducer_organisation, i.introducer_phone,"              \
	" i.introducer_email, i.person_knows, i.channel, i.urgent, i.other_service,"      \
	" i.received_at, i.due_on, i.created_by, i.created_at, i.updated_at, i.person_id"

static void from_row(const struct db_rows *rows, size_t r, struct introduction *out)
{
	const char *const *c = (const char *const *)&rows->cells[r * rows->column_count];
	memset(out, 0, sizeof *out);
	out->id = c[0];
	out->status = c[1];
	out->area_id = c[2];
	out->placement = c[3];
	out->distance_m = c[4] ? strtol(c[4], NULL, 10) : -1;
	out->in = (struct intro_input){
		.postcode = c[5],
		.person_name = c[6],
		.person_phone = c[7],
		.person_email = c[8],
		.person_other_contact = c[9],
		.contact_when = c[10],
		.best_place_to_meet = c[11],
		.address = c[12],
		.background = c[13],
		.introduced_by = c[14],
		.introducer_name = c[15],
		.introducer_organisation = c[16],
		.introducer_phone = c[17],
		.introducer_email = c[18],
		.person_knows = c[19],
		.channel = c[20],
		.urgent = c[21] && strcmp(c[21], "1") == 0,
		.other_service = c[22],
	};
	out->received_at = c[23];
	out->due_on = c[24];
	out->created_by = c[25];
	out->created_at = c[26];
	out->updated_at = c[27];
	out->person_id = c[28];
}

/* The introduction with its history, whoever asks: for this module's
 * own use once access is settled. */
static int load_on(struct db_conn *c, const char *id, struct arena *a,
		   struct introduction **out, struct err *e)
{
	*out = NULL;
	if (!id_valid(id))
		return err_not_found(e, "introduction", "There is no introduction with that id.");
	struct db_param p[] = {DB_TEXT(id)};
	struct db_rows rows, history;
	int rc = db_query(c, a, "SELECT " INTRO_COLUMNS " FROM introductions i WHERE i.id = $1",
			  p, &rows, e);
	if (rc == 0 && rows.row_count == 0)
		return err_not_found(e, "introduction", "There is no introduction with that id.");
	if (rc == 0)
		rc = db_query(c, a,
			      "SELECT h.at, h.user_id, u.username,"
			      " COALESCE(NULLIF(u.display_name, ''), u.username), h.status, h.note"
			      " FROM introduction_history h LEFT JOIN users u ON u.id = h.user_id"
			      " WHERE h.introduction_id = $1 ORDER BY h.at, h.id",
			      p, &history, e);
	if (rc < 0)
		return rc;
	*out = arena_alloc(a, sizeof **out);
	from_row(&rows, 0, *out);
	(*out)->history_count = history.row_count;
	(*out)->history = arena_alloc(a, (history.row_count + 1) * sizeof *(*out)->history);
	for (size_t i = 0; i < history.row_count; i++)
		(*out)->history[i] = (struct intro_history_entry){
			db_cell(&history, i, 0), db_cell(&history, i, 1), db_cell(&history, i, 2),
			db_cell(&history, i, 3), db_cell(&history, i, 4), db_cell(&history, i, 5)};
	return RESULT_OK;
}

static int load(struct db *db, const char *id, struct arena *a, struct introduction **out,
		struct err *e)
{
	struct db_conn *c;
	if (db_acquire(db, &c, e) < 0)
		return RESULT_FAILED;
	int rc = load_on(c, id, a, out, e);
	db_release(c);
	return rc;
}

static int audit(struct db_conn *c, const struct caller *who, const char *action,
		 const char *id, const char *area_id, const char *outcome, struct err *e)
{
	struct audit_entry entry = {action, "introduction", id, area_id, outcome, NULL};
	return audit_write(c, who, &entry, e);
}

/* Everything about a new introduction decided before it is written: the
 * fields, when it arrived and where it goes. */
static int check(const struct intro_settings *s, const struct caller *who,
		 const struct intro_input *in, struct arena *a, const char **received,
		 const char **area_id, const char **placement, long *distance, struct err *e)
{
	err_clear(e);
	bool staff = who->kind == CALLER_STAFF;
	validate(in, staff, e);
	/* Arrival and place are checked even when other fields are wrong, so
	 * the person sees every problem at once. */
	int rc = arrival(a, staff ? in->received_at : NULL, received, e);
	if (rc == RESULT_OK || rc == RESULT_INVALID)
		rc = place(s, who, in, a, area_id, placement, distance, e);
	if (rc == RESULT_OK || rc == RESULT_INVALID)
		rc = err_invalid_if_any(e);
	return rc;
}

int intro_check_start(const struct intro_settings *s, const struct caller *who,
		      const char *introduced_by, const char *postcode, struct arena *a,
		      struct err *e)
{
	err_clear(e);
	relationship_of(introduced_by, e);
	struct intro_input in = {.postcode = postcode};
	const char *area_id, *placement;
	long distance;
	int rc = place(s, who, &in, a, &area_id, &placement, &distance, e);
	if (rc == RESULT_OK || rc == RESULT_INVALID)
		rc = err_invalid_if_any(e);
	return rc;
}

int intro_check(const struct intro_settings *s, const struct caller *who,
		const struct intro_input *in, struct arena *a, struct err *e)
{
	const char *received = NULL, *area_id = NULL, *placement = NULL;
	long distance;
	return check(s, who, in, a, &received, &area_id, &placement, &distance, e);
}

int intro_create(const struct intro_settings *s, const struct caller *who,
		 const struct intro_input *in, struct arena *a, struct introduction **out,
		 struct err *e)
{
	*out = NULL;
	const char *received = NULL, *area_id = NULL, *placement = NULL;
	long distance = -1;
	int rc = check(s, who, in, a, &received, &area_id, &placement, &distance, e);
	if (rc < 0)
		return rc;

	struct db_conn *c;
	if (db_transaction(s->db, &c, e) < 0)
		return RESULT_FAILED;
	struct day_range *leave;
	size_t leave_count;
	rc = area_leave(c, a, area_id, &leave, &leave_count, e);
	char id[ID_HEX_LEN + 1], now[CLOCK_ISO8601_SIZE], due[11];
	id_new(id);
	clock_utc_iso8601(now, sizeof now);
	if (rc == 0) {
		int64_t t;
		clock_parse_iso8601(received, &t);
		struct date day = date_uk_today((time_t)t);
		date_format(workdays_after(s->holidays, day, s->due_working_days, leave,
					   leave_count),
			    due);
		char normalised[POSTCODE_SIZE] = "";
		if (in->postcode && *in->postcode)
			postcode_normalise(in->postcode, normalised);
		struct db_param p[] = {
			DB_TEXT(id),
			DB_TEXT(area_id),
			DB_TEXT(placement),
			distance >= 0 ? DB_INT(distance) : DB_NULL,
			normalised[0] ? DB_TEXT(normalised) : DB_NULL,
			DB_TEXT(in->person_name),
			DB_TEXT(in->person_phone),
			DB_TEXT(in->person_email),
			DB_TEXT(in->person_other_contact),
			DB_TEXT(in->contact_when),
			DB_TEXT(in->best_place_to_meet),
			DB_TEXT(in->address),
			DB_TEXT(in->background),
			DB_TEXT(in->introduced_by),
			DB_TEXT(in->introducer_name),
			DB_TEXT(in->introducer_organisation),
			DB_TEXT(in->introducer_phone),
			DB_TEXT(in->introducer_email),
			DB_TEXT(in->person_knows),
			DB_TEXT(in->channel),
			DB_INT(in->urgent),
			DB_TEXT(in->other_service),
			DB_TEXT(received),
			DB_TEXT(due),
			DB_TEXT(caller_user_id(who)),
			DB_TEXT(now),
		};
		rc = db_query(c, a,
			      "INSERT INTO introductions (id, status, area_id, placement,"
			      " distance_m, postcode, person_name, person_phone, person_email,"
			      " person_other_contact, contact_when, best_place_to_meet, address,"
			      " background, introduced_by, introducer_name,"
			      " introducer_organisation, introducer_phone, introducer_email,"
			      " person_knows, channel, urgent, other_service, received_at, due_on,"
			      " created_by, created_at, updated_at) VALUES ($1, 'new', $2, $3, $4,"
			      " $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,"
			      " $19, $20, $21, $22, $23, $24, $25, $26, $26)",
			      p, NULL, e);
	}
	if (rc == 0)
		rc = write_history(c, a, id, caller_user_id(who), "new", NULL, e);
	struct audit_entry created = {"create", "introduction", id, area_id, NULL, NULL};
	rc = audit_commit(c, NULL, rc, who, &created, e);
	if (rc < 0)
		return rc;
	return load(s->db, id, a, out, e);
}

/* The introduction, if who may reach it, a refusal answered as not
 * found: whether it exists is itself something only its area's staff may
 * know.  A refusal is audited as `action`; so is a success when
 * audit_success (a change audits its success when it commits). */
static int reach(struct db_conn *c, const struct caller *who, const char *action,
		 bool audit_success, const char *id, struct arena *a,
		 struct introduction **out, struct err *e)
{
	int rc = load_on(c, id, a, out, e);
	if (rc == RESULT_NOT_FOUND && id_valid(id)) {
		if (audit(c, who, action, id, NULL, "not_found", e) < 0)
			return RESULT_FAILED;
		return err_not_found(e, "introduction", "There is no introduction with that id.");
	}
	if (rc < 0)
		return rc;
	bool may = access_casework(who, (*out)->area_id);
	if ((!may || audit_success) &&
	    audit(c, who, action, id, (*out)->area_id, may ? NULL : "refused", e) < 0)
		return RESULT_FAILED;
	if (!may) {
		*out = NULL;
		return err_not_found(e, "introduction", "There is no introduction with that id.");
	}
	return RESULT_OK;
}

int intro_get(struct db *db, const struct caller *who, const char *id, struct arena *a,
	      struct introduction **out, struct err *e)
{
	struct db_conn *c;
	if (db_acquire(db, &c, e) < 0)
		return RESULT_FAILED;
	int rc = reach(c, who, "read", true, id, a, out, e);
	db_release(c);
	return rc;
}

int intro_receipt(struct db *db, const char *id, struct arena *a, struct intro_receipt *out,
		  struct err *e)
{
	struct introduction *x;
	int rc = load(db, id, a, &x, e);
	if (rc < 0)
		return rc;
	*out = (struct intro_receipt){x->id, x->area_id, x->placement, x->due_on,
				      strcmp(x->in.person_knows, "yes") == 0, x->in.urgent};
	return RESULT_OK;
}

int intro_list(struct db *db, const struct caller *who, const struct intro_filter *f,
	       struct arena *a, struct introduction **out, size_t *count, struct err *e)
{
	*count = 0;
	*out = arena_alloc(a, sizeof **out);
	const char **areas;
	size_t area_count = access_casework_areas(who, a, &areas);
	if (area_count == 0)
		return RESULT_OK;
	struct db_conn *c;
	if (db_acquire(db, &c, e) < 0)
		return RESULT_FAILED;
	struct introduction *all = NULL;
	size_t total = 0;
	int rc = 0;
	/* One query per area in reach: no list of ids is ever spliced into
	 * SQL, and a coordinator's reach is a handful of areas. */
	for (size_t i = 0; rc == 0 && i < area_count; i++) {
		if (f->area_id && strcmp(f->area_id, areas[i]) != 0)
			continue;
		struct db_param p[] = {DB_TEXT(areas[i]), DB_TEXT(f->status),
				       DB_TEXT(f->due_before), DB_INT(f->open_only)};
		struct db_rows rows;
		rc = db_query(c, a,
			      "SELECT " INTRO_COLUMNS " FROM introductions i WHERE i.area_id = $1"
			      " AND (CAST($2 AS TEXT) IS NULL OR i.status = $2)"
			      " AND (CAST($3 AS TEXT) IS NULL OR i.due_on < $3)"
			      " AND ($4 = 0 OR i.status IN ('new', 'contacted',"
			      " 'conversation_arranged'))",
			      p, &rows, e);
		if (rc < 0)
			break;
		struct introduction *grown =
			arena_alloc(a, (total + rows.row_count + 1) * sizeof *grown);
		if (total)
			memcpy(grown, all, total * sizeof *grown);
		for (size_t r = 0; r < rows.row_count; r++)
			from_row(&rows, r, &grown[total + r]);
		all = grown;
		total += rows.row_count;
	}
	for (size_t i = 0; rc == 0 && i < total; i++)
		rc = audit(c, who, "read", all[i].id, all[i].area_id, NULL, e);
	db_release(c);
	if (rc < 0)
		return rc;
	/* Soonest due first, then oldest. */
	for (size_t i = 1; i < total; i++)
		for (size_t j = i; j > 0; j--) {
			struct introduction *x = &all[j - 1], *y = &all[j];
			int by_due = strcmp(x->due_on, y->due_on);
			if (by_due < 0 || (by_due == 0 && strcmp(x->received_at, y->received_at) <= 0))
				break;
			struct introduction t = *x;
			*x = *y;
			*y = t;
		}
	*out = all ? all : *out;
	*count = total;
	return RESULT_OK;
}

/* May an introduction go from `from` to `to`?  Forward only, never past a
 * conversation that has not been arranged. */
static bool transition_allowed(const char *from, const char *to)
{
	int a = names_index(from, intro_statuses), b = names_index(to, intro_statuses);
	if (a < 0 || b < 0 || a >= FIRST_OUTCOME || b <= a)
		return false;
	if (b == 1 || b == 2)
		return b == a + 1;
	/* Walking alongside begins with a conversation. */
	if (strcmp(to, "walking_alongside") == 0)
		return a == 2;
	return true;
}

/* The checks of a change that need nothing stored. */
static void validate_change(const struct intro_change *change, struct err *e)
{
	if (!change->person_knows && !change->status)
		err_field(e, NULL, "Send a new status, or whether the person knows");
	if (change->person_knows && names_index(change->person_knows, intro_knows) < 0)
		err_field(e, "person_knows", "Say whether the person knows about this and would "
					     "like to talk");
	if (change->status && !intro_status_known(change->status))
		err_field(e, "status", "The status is one of new, contacted, "
				       "conversation_arranged, walking_alongside, "
				       "information_only, not_now, outside_area or other_service");
	if (!optional_text(change->note, NOTE_MAX_CHARS, true))
		err_field(e, "note", "A note is up to 500 characters");
	else if (change->status && !change->note &&
		 (strcmp(change->status, "outside_area") == 0 ||
		  strcmp(change->status, "other_service") == 0))
		err_field(e, "note", "Say what was suggested to them");
}

/* The checks of a change against the introduction as it is. */
static void validate_against(const struct introduction *x, const struct intro_change *change,
			     const char *knows_after, struct err *e)
{
	if (change->status && !transition_allowed(x->status, change->status))
		err_field(e, "status",
			  "An introduction marked \u201c%s\u201d cannot become \u201c%s\u201d: it goes "
			  "from new to contacted, then conversation arranged, then an outcome",
			  intro_status_words(x->status), intro_status_words(change->status));
	if (change->status && strcmp(change->status, "contacted") == 0 &&
	    strcmp(knows_after, "yes") != 0)
		err_field(e, "person_knows",
			  "The person does not know about this introduction yet: settle that "
			  "with whoever introduced them before contacting them");
}

/* An outcome that opens an involvement: walking_alongside opens walking
 * alongside, information_only short-term help, from today.  Someone new
 * becomes a person from the introduction's details.  Someone linked to a
 * person already known (intro_link_person) returns: a new involvement
 * from this introduction; or, when they are being helped already, that
 * involvement goes on (it came from elsewhere, so it keeps its origin),
 * short-term help becoming walking alongside when that is the outcome. */
static int open_involvement(struct db_conn *c, const struct caller *who,
			    const struct introduction *x, const char *status, struct arena *a,
			    struct err *e)
{
	const char *kind = strcmp(status, "walking_alongside") == 0 ? "walking_alongside"
								   : "short_term";
	const char *person_id = x->person_id, *opened;
	int rc;
	if (!person_id) {
		const struct intro_input *in = &x->in;
		struct person_input details = {
			.name = in->person_name,
			.phone = in->person_phone,
			.email = in->person_email,
			.other_contact = in->person_other_contact,
			.contact_when = in->contact_when,
			.best_place_to_meet = in->best_place_to_meet,
			.postcode = in->postcode,
		};
		struct person_start start = {kind, NULL, x->area_id, NULL};
		struct person_settings none = {NULL, NULL};
		rc = person_create_on(c, &none, who, &details, &start, x->id, a, &person_id, e);
		struct audit_entry made = {"create", "person", person_id, x->area_id, NULL, NULL};
		if (rc == 0 && audit_write(c, who, &made, e) < 0)
			rc = RESULT_FAILED;
	} else {
		struct involvement *open;
		rc = involvement_current_on(c, person_id, a, &open, e);
		if (rc == 0 && !open)
			rc = involvement_open_on(c, who, person_id, x->area_id, kind, NULL, x->id, a,
						 &opened, e);
		else if (rc == 0 && strcmp(kind, "walking_alongside") == 0 &&
			 strcmp(open->kind, kind) != 0)
			rc = involvement_set_kind_on(c, who, open->id, open->kind, kind,
						     "After an introduction", a, e);
	}
	struct db_param linked[] = {DB_TEXT(person_id), DB_TEXT(x->id)};
	if (rc == 0)
		rc = db_query(c, a, "UPDATE introductions SET person_id = $1 WHERE id = $2", linked,
			      NULL, e);
	return rc;
}

/* The history's words for what the person knows now. */
static const char *knows_note(const char *knows)
{
	if (strcmp(knows, "yes") == 0)
		return "They know now, and would like to talk";
	if (strcmp(knows, "no") == 0)
		return "They do not know about this introduction";
	return "Not asked yet whether they know";
}

int intro_update(struct db *db, const struct caller *who, const char *id,
		 const struct intro_change *change, struct err *e)
{
	struct db_conn *c;
	if (db_transaction(db, &c, e) < 0)
		return RESULT_FAILED;
	struct arena *a = arena_new();
	struct introduction *x;
	int rc = reach(c, who, "update", false, id, a, &x, e);
	if (rc < 0)
		return audit_keep_refusal(c, a, rc, e);
	/* Checked once the caller is known to reach it: for anyone else it
	 * is not found, whatever they sent. */
	err_clear(e);
	validate_change(change, e);
	const char *knows_after = change->person_knows && names_index(change->person_knows, intro_knows) >= 0
					  ? change->person_knows
					  : x->in.person_knows;
	if (!err_invalid_if_any(e))
		validate_against(x, change, knows_after, e);
	rc = err_invalid_if_any(e);
	char now[CLOCK_ISO8601_SIZE];
	clock_utc_iso8601(now, sizeof now);
	/* The status it had is part of the condition, so two people changing
	 * it at once cannot both succeed from the same starting point. */
	struct db_param p[] = {DB_TEXT(id), DB_TEXT(change->status ? change->status : x->status),
			       DB_TEXT(knows_after), DB_TEXT(now), DB_TEXT(x->status)};
	struct db_rows rows;
	if (rc == 0)
		rc = db_query(c, a,
			      "UPDATE introductions SET status = $2, person_knows = $3,"
			      " updated_at = $4 WHERE id = $1 AND status = $5",
			      p, &rows, e);
	if (rc == 0 && rows.changes == 0)
		rc = err_result(e, RESULT_CONFLICT, "%s", CHANGED_MEANWHILE);
	/* Whether the person knows is kept in the history too, with who
	 * settled it and when: the entry keeps the status it had then. */
	if (rc == 0 && strcmp(knows_after, x->in.person_knows) != 0)
		rc = write_history(c, a, id, caller_user_id(who), x->status,
				   knows_note(knows_after), e);
	if (rc == 0 && change->status)
		rc = write_history(c, a, id, caller_user_id(who), change->status, change->note, e);
	if (rc == 0 && change->status)
		rc = note_reply(c, a, id, e);
	if (rc == 0 && change->status && (strcmp(change->status, "walking_alongside") == 0 ||
					  strcmp(change->status, "information_only") == 0))
		rc = open_involvement(c, who, x, change->status, a, e);
	struct audit_entry updated = {"update", "introduction", id, x->area_id, NULL, NULL};
	return audit_commit(c, a, rc, who, &updated, e);
}

int intro_link_person(struct db *db, const struct caller *who, const char *id,
		      const char *person_id, struct err *e)
{
	struct db_conn *c;
	if (db_transaction(db, &c, e) < 0)
		return RESULT_FAILED;
	struct arena *a = arena_new();
	struct introduction *x;
	int rc = reach(c, who, "link", false, id, a, &x, e);
	const char *person_area = NULL;
	if (rc == 0 && !person_id) {
		err_clear(e);
		rc = err_field(e, "person_id", "Choose the person they are");
		struct audit_entry entry = {"link", "introduction", id, x->area_id, NULL, NULL};
		return audit_commit(c, a, rc, who, &entry, e);
	}
	if (rc == 0) {
		rc = person_area_on(c, who, person_id, a, &person_area, e);
		struct audit_entry refused = {"link", "person", person_id, NULL, "refused", NULL};
		if (rc == RESULT_NOT_FOUND && audit_write(c, who, &refused, e) < 0)
			rc = RESULT_FAILED;
		if (rc == RESULT_NOT_FOUND)
			err_not_found(e, "person", "There is no person with that id.");
	}
	if (rc < 0)
		return audit_keep_refusal(c, a, rc, e);
	err_clear(e);
	if (intro_status_final(x->status))
		rc = err_field(e, "person_id",
			       "This introduction has its outcome already: open their return "
			       "from their page instead");
	char now[CLOCK_ISO8601_SIZE];
	clock_utc_iso8601(now, sizeof now);
	struct db_param p[] = {DB_TEXT(person_id), DB_TEXT(now), DB_TEXT(id), DB_TEXT(x->status)};
	struct db_rows rows;
	if (rc == 0)
		rc = db_query(c, a,
			      "UPDATE introductions SET person_id = $1, updated_at = $2"
			      " WHERE id = $3 AND status = $4",
			      p, &rows, e);
	if (rc == 0 && rows.changes == 0)
		rc = err_result(e, RESULT_CONFLICT, "%s", CHANGED_MEANWHILE);
	struct audit_entry linked = {"link", "introduction", id, x->area_id, NULL, NULL};
	return audit_commit(c, a, rc, who, &linked, e);
}
