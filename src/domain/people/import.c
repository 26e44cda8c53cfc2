#include "domain/people/import.h"

#include "core/arena.h"
#include "core/contact.h"
#include "core/csv.h"
#include "core/date.h"
#include "core/err.h"
#include "core/id.h"
#include "core/utf8.h"
#include "db/db.h"
#include "domain/areas/lookup.h"
#include "domain/people/person.h"
#include "domain/staff/audit.h"
#include "domain/staff/user.h"
#include "geo/map.h"
#include "geo/postcode.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum column {
	COL_NAME,
	COL_PREFERRED_NAME,
	COL_PHONE,
	COL_EMAIL,
	COL_POSTCODE,
	COL_COORDINATOR,
	COL_KIND,
	COL_STARTED,
	COL_LAST_CONTACT,
	COL_NOTES,
	COLUMN_COUNT
};

static const char *const columns[COLUMN_COUNT] = {
	"name",	       "preferred_name", "phone",	 "email",	 "postcode",
	"coordinator", "kind",		 "started", "last_contact", "notes"};

static const char *const kinds[] = {"short_term", "walking_alongside"};

/* The words of the notes column, as long as a person's own words may be. */
#define IMPORT_NOTES_MAX PERSON_WORDS_MAX

struct staff {
	const char *id;
	const char *username;
	bool disabled;
	bool coordinator;
	const char *first_area;        /* by name; NULL: none */
	const char **areas;            /* worked or covered today */
	size_t area_count;
	size_t area_cap;
};

/* A person as the keys they are matched by (person_matches' rules). */
struct match_keys {
	const char *name;              /* case and spaces folded */
	const char *postcode;          /* normalised */
	const char *phone;             /* digits, 0 for +44 */
	const char *email;             /* case folded */
};

struct row {
	long number;
	const char *v[COLUMN_COUNT];   /* trimmed; NULL when empty */
	const struct staff *coordinator;
	const char *area_id;
	struct match_keys keys;
};

struct job {
	const struct person_settings *s;
	struct arena *a;
	struct import_report *out;
	struct err *e;
	size_t problem_cap;
	struct staff *staff;
	size_t staff_count;
	struct match_keys *known;      /* the people already there */
	size_t known_count;
	char today[11];
};

/* Records a problem with row (0: the file) and column (NULL: the row):
 * every one in the report, the first ERR_FIELDS_MAX in e too. */
__attribute__((format(printf, 4, 5))) static void problem(struct job *j, long row,
							  const char *column,
							  const char *fmt, ...)
{
	char what[ERR_FIELD_MESSAGE_MAX];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	const char *message = row == 0 ? arena_strdup(j->a, what)
			      : column ? arena_printf(j->a, "Row %ld, %s: %s", row, column, what)
				       : arena_printf(j->a, "Row %ld: %s", row, what);
	struct import_report *out = j->out;
	out->problems = arena_grow(j->a, out->problems, out->problem_count, &j->problem_cap,
				     sizeof *out->problems);
	out->problems[out->problem_count++] = (struct import_problem){row, column, message};
	char path[ERR_FIELD_PATH_MAX];
	if (row == 0)
		path[0] = '\0';
	else
		snprintf(path, sizeof path, "row %ld%s%s", row, column ? "." : "",
			 column ? column : "");
	err_field(j->e, path[0] ? path : NULL, "%s", message);
}

/* s without the spaces around it, in the arena; NULL when nothing is left. */
static const char *trimmed(struct arena *a, const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t len = strlen(s);
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	return len ? arena_strndup(a, s, len) : NULL;
}

static const char *folded(struct arena *a, const char *s)
{
	if (!s)
		return NULL;
	char *out = arena_alloc(a, strlen(s) + 1);
	size_t n = 0;
	for (; *s; s++) {
		if (isspace((unsigned char)*s)) {
			if (n && out[n - 1] != ' ')
				out[n++] = ' ';
			continue;
		}
		out[n++] = (char)tolower((unsigned char)*s);
	}
	while (n && out[n - 1] == ' ')
		n--;
	out[n] = '\0';
	return n ? out : NULL;
}

/* A phone number's digits, "+44 7700..." read as "07700...". */
static const char *phone_digits(struct arena *a, const char *s)
{
	if (!s)
		return NULL;
	char *out = arena_alloc(a, strlen(s) + 2);
	size_t n = 0;
	for (; *s; s++)
		if (isdigit((unsigned char)*s))
			out[n++] = *s;
	out[n] = '\0';
	if (n > 10 && strncmp(out, "44", 2) == 0) {
		out[1] = '0';
		return out + 1;
	}
	return n ? out : NULL;
}

static struct match_keys keys_of(struct arena *a, const char *name, const char *postcode,
				 const char *phone, const char *email)
{
	char pc[POSTCODE_SIZE];
	return (struct match_keys){
		folded(a, name),
		postcode && postcode_normalise(postcode, pc) ? arena_strdup(a, pc) : NULL,
		phone_digits(a, phone), folded(a, email)};
}

static bool same(const char *x, const char *y)
{
	return x && y && strcmp(x, y) == 0;
}

/* Why k looks like m, or NULL. */
static const char *alike(const struct match_keys *k, const struct match_keys *m)
{
	if (same(k->name, m->name) && same(k->postcode, m->postcode))
		return "same name and postcode";
	if (same(k->phone, m->phone))
		return "same phone";
	if (same(k->email, m->email))
		return "same email";
	return NULL;
}

static int load_staff(struct job *j)
{
	struct db_rows rows;
	int rc = db_run_plain(
		j->s->db, j->a,
		"SELECT u.id, u.username, u.disabled,"
		" (SELECT count(*) FROM user_roles r WHERE r.user_id = u.id"
		"   AND r.role = 'coordinator'),"
		" (SELECT ra.area_id FROM user_role_areas ra JOIN areas ar ON ar.id = ra.area_id"
		"   WHERE ra.user_id = u.id AND ra.role = 'coordinator'"
		"   ORDER BY ar.name, ar.id LIMIT 1)"
		" FROM users u",
		&rows, j->e);
	if (rc != RESULT_OK)
		return rc;
	j->staff_count = rows.row_count;
	j->staff = arena_alloc(j->a, (rows.row_count + 1) * sizeof *j->staff);
	for (size_t i = 0; i < rows.row_count; i++)
		j->staff[i] = (struct staff){db_cell(&rows, i, 0), db_cell(&rows, i, 1),
					     strcmp(db_cell(&rows, i, 2), "0") != 0,
					     strcmp(db_cell(&rows, i, 3), "0") != 0,
					     db_cell(&rows, i, 4), NULL, 0, 0};
	/* The areas person_create_on lets each coordinator take a person in,
	 * so that a dry run refuses what the import would. */
	struct db_param p[] = {DB_TEXT(j->today)};
	rc = db_run(j->s->db, j->a,
		    "SELECT user_id, area_id FROM user_role_areas WHERE role = 'coordinator'"
		    " UNION SELECT user_id, area_id FROM cover"
		    " WHERE starts_on <= $1 AND ends_on >= $1",
		    p, &rows, j->e);
	if (rc != RESULT_OK)
		return rc;
	for (size_t i = 0; i < rows.row_count; i++)
		for (size_t k = 0; k < j->staff_count; k++) {
			struct staff *u = &j->staff[k];
			if (strcmp(u->id, db_cell(&rows, i, 0)) != 0)
				continue;
			u->areas = arena_grow(j->a, u->areas, u->area_count, &u->area_cap,
					      sizeof *u->areas);
			u->areas[u->area_count++] = db_cell(&rows, i, 1);
		}
	return RESULT_OK;
}

static int load_known(struct job *j)
{
	struct db_rows rows;
	int rc = db_run_plain(j->s->db, j->a, "SELECT name, postcode, phone, email FROM people",
			      &rows, j->e);
	if (rc != RESULT_OK)
		return rc;
	j->known_count = rows.row_count;
	j->known = arena_alloc(j->a, (rows.row_count + 1) * sizeof *j->known);
	for (size_t i = 0; i < rows.row_count; i++)
		j->known[i] = keys_of(j->a, db_cell(&rows, i, 0), db_cell(&rows, i, 1),
				      db_cell(&rows, i, 2), db_cell(&rows, i, 3));
	return RESULT_OK;
}

static const struct staff *find_staff(const struct job *j, const char *username)
{
	for (size_t i = 0; i < j->staff_count; i++)
		if (strcasecmp(j->staff[i].username, username) == 0)
			return &j->staff[i];
	return NULL;
}

static void check_text(struct job *j, const struct row *r, enum column col, size_t max,
		       bool multiline)
{
	const char *v = r->v[col];
	if (!v || utf8_text_ok(v, max, multiline))
		return;
	if (utf8_length(v, strlen(v)) > max)
		problem(j, r->number, columns[col], "at most %zu characters", max);
	else
		problem(j, r->number, columns[col],
			multiline ? "has a tab or another control character"
				  : "has a line break, a tab or another control character");
}

static void check_coordinator(struct job *j, struct row *r)
{
	const char *name = r->v[COL_COORDINATOR];
	if (!name) {
		problem(j, r->number, "coordinator", "enter the coordinator's username");
		return;
	}
	const struct staff *u = find_staff(j, name);
	if (!u)
		problem(j, r->number, "coordinator", "no one has the username \"%s\"", name);
	else if (!u->coordinator)
		problem(j, r->number, "coordinator", "%s is not a coordinator", u->username);
	else if (u->disabled)
		problem(j, r->number, "coordinator", "%s's account is disabled", u->username);
	else if (!u->first_area)
		problem(j, r->number, "coordinator", "%s has no area", u->username);
	else
		r->coordinator = u;
}

/* Checks a date column; true when it holds a date, not in the future. */
static bool check_date(struct job *j, const struct row *r, enum column col)
{
	const char *v = r->v[col];
	struct date d;
	if (!date_parse(v, &d)) {
		problem(j, r->number, columns[col], "\"%s\" is not a date: write it as YYYY-MM-DD",
			v);
		return false;
	}
	if (strcmp(v, j->today) > 0) {
		problem(j, r->number, columns[col], "%s is in the future", v);
		return false;
	}
	return true;
}

static void check_dates(struct job *j, const struct row *r)
{
	bool started = false;
	if (!r->v[COL_STARTED])
		problem(j, r->number, "started", "enter the date the involvement started");
	else
		started = check_date(j, r, COL_STARTED);
	if (r->v[COL_LAST_CONTACT] && check_date(j, r, COL_LAST_CONTACT) && started &&
	    strcmp(r->v[COL_LAST_CONTACT], r->v[COL_STARTED]) < 0)
		problem(j, r->number, "last_contact", "%s is before the start, %s",
			r->v[COL_LAST_CONTACT], r->v[COL_STARTED]);
}

/* The person's area: their postcode's when it lies in or near a covered
 * area, else their coordinator's first. */
static void place(struct job *j, struct row *r)
{
	const struct lookup_context *ctx = j->s->lookup;
	const char *postcode = r->v[COL_POSTCODE];
	char pc[POSTCODE_SIZE];
	if (postcode && !postcode_normalise(postcode, pc)) {
		problem(j, r->number, "postcode", "\"%s\" is not a UK postcode", postcode);
		return;
	}
	if (postcode && ctx && ctx->map) {
		struct lookup_result found;
		struct err ignored;
		if (lookup_postcode(ctx, j->a, pc, &found, &ignored) == RESULT_OK) {
			long area = found.covered ? found.area
				    : found.near  ? found.nearest_covered
						  : -1;
			if (area >= 0) {
				r->area_id = geo_map_area(ctx->map, (size_t)area)->id;
				return;
			}
		}
	}
	if (r->coordinator)
		r->area_id = r->coordinator->first_area;
}

/* A coordinator takes in only people of an area they work or cover. */
static void check_reach(struct job *j, const struct row *r)
{
	const struct staff *u = r->coordinator;
	if (!u || !r->area_id)
		return;
	for (size_t i = 0; i < u->area_count; i++)
		if (strcmp(u->areas[i], r->area_id) == 0)
			return;
	problem(j, r->number, "coordinator",
		"%s does not work in or cover the area of the postcode %s", u->username,
		r->v[COL_POSTCODE]);
}

static void check_row(struct job *j, struct row *r)
{
	if (!r->v[COL_NAME])
		problem(j, r->number, "name", "enter the person's name");
	check_text(j, r, COL_NAME, PERSON_NAME_MAX, false);
	check_text(j, r, COL_PREFERRED_NAME, PERSON_NAME_MAX, false);
	if (r->v[COL_PHONE] && !contact_phone_ok(r->v[COL_PHONE]))
		problem(j, r->number, "phone",
			"\"%s\" is not a phone number: digits and spaces, 10 to 13 digits",
			r->v[COL_PHONE]);
	if (r->v[COL_EMAIL] && !contact_email_ok(r->v[COL_EMAIL]))
		problem(j, r->number, "email", "\"%s\" is not an email address",
			r->v[COL_EMAIL]);
	check_coordinator(j, r);
	const char *kind = r->v[COL_KIND];
	if (!kind)
		problem(j, r->number, "kind", "enter short_term or walking_alongside");
	else if (strcmp(kind, kinds[0]) != 0 && strcmp(kind, kinds[1]) != 0)
		problem(j, r->number, "kind",
			"\"%s\" is not a kind: short_term or walking_alongside", kind);
	check_dates(j, r);
	check_text(j, r, COL_NOTES, IMPORT_NOTES_MAX, true);
	place(j, r);
	check_reach(j, r);
}

/* The rows of the file, checked; NULL with problems when the file
 * itself is wrong. */
static struct row *read_rows(struct job *j, const char *csv, size_t len, size_t *count)
{
	struct csv_record *records;
	size_t record_count;
	struct err parse = {0};
	*count = 0;
	if (csv_parse(j->a, csv, len, IMPORT_ROWS_MAX + 1, &records, &record_count, &parse) !=
	    RESULT_OK) {
		problem(j, 0, NULL, "%s", parse.msg);
		return NULL;
	}
	bool header_ok = record_count > 0 && records[0].field_count == COLUMN_COUNT;
	for (size_t i = 0; header_ok && i < COLUMN_COUNT; i++)
		header_ok = strcmp(records[0].fields[i], columns[i]) == 0;
	if (!header_ok) {
		problem(j, 0, NULL, "The first row must be exactly: " IMPORT_HEADER);
		return NULL;
	}
	struct row *rows = arena_alloc(j->a, record_count * sizeof *rows);
	size_t n = 0;
	for (size_t i = 1; i < record_count; i++) {
		/* A row of empty cells, which spreadsheets write after the last
		 * row, is no one. */
		bool empty = true;
		for (size_t c = 0; empty && c < records[i].field_count; c++)
			empty = !trimmed(j->a, records[i].fields[c]);
		if (empty)
			continue;
		struct row *r = &rows[n++];
		*r = (struct row){.number = (long)records[i].row};
		if (records[i].field_count != COLUMN_COUNT) {
			problem(j, r->number, NULL,
				"%zu columns where the header has %d (a field with a comma "
				"needs quotes around it)",
				records[i].field_count, COLUMN_COUNT);
			continue;
		}
		for (size_t c = 0; c < COLUMN_COUNT; c++)
			r->v[c] = trimmed(j->a, records[i].fields[c]);
		check_row(j, r);
		r->keys = keys_of(j->a, r->v[COL_NAME], r->v[COL_POSTCODE], r->v[COL_PHONE],
				  r->v[COL_EMAIL]);
	}
	if (n == 0) {
		problem(j, 0, NULL, "The file has no rows after the header");
		return NULL;
	}
	*count = n;
	return rows;
}

static void count_one(struct arena *a, struct import_count **list, size_t *count,
		      size_t *cap, const char *name)
{
	for (size_t i = 0; i < *count; i++)
		if (strcmp((*list)[i].name, name) == 0) {
			(*list)[i].count++;
			return;
		}
	*list = arena_grow(a, *list, *count, cap, sizeof **list);
	(*list)[(*count)++] = (struct import_count){name, 1};
}

static int by_name(const void *x, const void *y)
{
	return strcmp(((const struct import_count *)x)->name,
		      ((const struct import_count *)y)->name);
}

/* How many people, per coordinator and kind, how many look known, and
 * which rows look alike. */
static void summarise(struct job *j, const struct row *rows, size_t count)
{
	struct import_report *out = j->out;
	size_t coordinator_cap = 0, match_cap = 0;
	out->kinds[0] = (struct import_count){kinds[0], 0};
	out->kinds[1] = (struct import_count){kinds[1], 0};
	for (size_t i = 0; i < count; i++) {
		const struct row *r = &rows[i];
		out->people++;
		if (r->coordinator)
			count_one(j->a, &out->coordinators, &out->coordinator_count,
				  &coordinator_cap, r->coordinator->username);
		for (size_t k = 0; k < 2; k++)
			if (same(r->v[COL_KIND], kinds[k]))
				out->kinds[k].count++;
		/* Only how many rows look known: a reason per row would let an
		 * administrator test, row by row, whether someone is. */
		bool known = false;
		for (size_t k = 0; !known && k < j->known_count; k++)
			known = alike(&r->keys, &j->known[k]) != NULL;
		out->known += known;
		const char *why = NULL;
		for (size_t k = 0; !why && k < i; k++)
			if ((why = alike(&r->keys, &rows[k].keys)))
				why = arena_printf(j->a, "%s as row %ld", why, rows[k].number);
		if (!why)
			continue;
		out->matches = arena_grow(j->a, out->matches, out->match_count, &match_cap,
					    sizeof *out->matches);
		out->matches[out->match_count++] = (struct import_match){r->number, why};
	}
	if (out->coordinator_count)
		qsort(out->coordinators, out->coordinator_count, sizeof *out->coordinators,
		      by_name);
}

/* What the involvement's start says: where the person came from and the
 * coordinator's notes, as typed. */
static const char *start_note(struct arena *a, const struct row *r)
{
	const char *notes = r->v[COL_NOTES];
	return arena_printf(a, "Moved in from a spreadsheet.%s",
			    notes ? arena_printf(a, "\n\n%s", notes) : "");
}

/* The CSV column of a field the person module names; NULL: the row. */
static const char *column_of(const char *path)
{
	static const char *const renamed[][2] = {{"coordinator_id", "coordinator"},
						 {"started_on", "started"},
						 {"area_id", "postcode"}};
	for (size_t i = 0; i < sizeof renamed / sizeof *renamed; i++)
		if (strcmp(path, renamed[i][0]) == 0)
			return renamed[i][1];
	return path[0] ? path : NULL;
}

/* Creates one row's person on c, their start's note and last contact, and
 * its audit entry;
 * a problem the person module finds is named with the row. */
static int store_row(struct job *j, struct db_conn *c, const struct caller *who,
		     const struct row *r, const char **person_id)
{
	struct person_input in = {.name = r->v[COL_NAME],
				  .preferred_name = r->v[COL_PREFERRED_NAME],
				  .phone = r->v[COL_PHONE],
				  .email = r->v[COL_EMAIL],
				  .postcode = r->v[COL_POSTCODE],
				  .coordinator_id = r->coordinator->id};
	struct person_start start = {r->v[COL_KIND], r->v[COL_STARTED], r->area_id, NULL};
	struct err pe = {0};
	int rc = person_create_on(c, j->s, who, &in, &start, NULL, j->a, person_id, &pe);
	if (rc == RESULT_INVALID) {
		for (size_t i = 0; i < pe.field_count; i++)
			problem(j, r->number, column_of(pe.fields[i].path), "%s",
				pe.fields[i].message);
		return RESULT_INVALID;
	}
	if (rc != RESULT_OK) {
		err_copy(j->e, &pe);
		return rc;
	}
	const char *last = r->v[COL_LAST_CONTACT];
	struct db_param p[] = {DB_TEXT(start_note(j->a, r)), DB_TEXT(*person_id)};
	struct db_param q[] = {DB_TEXT(last), DB_TEXT(*person_id)};
	rc = db_query(c, j->a,
		      "UPDATE involvement_history SET note = $1 WHERE event = 'started'"
		      " AND involvement_id IN (SELECT involvement_id FROM involvement_people"
		      " WHERE person_id = $2)",
		      p, NULL, j->e);
	if (rc == RESULT_OK)
		rc = db_query(c, j->a,
			      "UPDATE involvements SET last_contact_before_import = $1"
			      " WHERE id IN (SELECT involvement_id FROM involvement_people"
			      " WHERE person_id = $2)",
			      q, NULL, j->e);
	if (rc != RESULT_OK)
		return rc;
	struct audit_entry entry = {"import", "person", *person_id, r->area_id, NULL, NULL};
	return audit_write(c, who, &entry, j->e);
}

static int store(struct job *j, const struct caller *who, const struct row *rows,
		 size_t count)
{
	struct db_conn *c;
	int rc = db_transaction(j->s->db, &c, j->e);
	if (rc != RESULT_OK)
		return rc;
	j->out->person_ids = arena_alloc(j->a, (count + 1) * sizeof *j->out->person_ids);
	/* A row the person module refuses writes nothing: go on, to name
	 * every such row at once. */
	for (size_t i = 0; (rc == RESULT_OK || rc == RESULT_INVALID) && i < count; i++) {
		int row_rc = store_row(j, c, who, &rows[i], &j->out->person_ids[i]);
		if (row_rc != RESULT_OK)
			rc = row_rc;
	}
	char id[ID_HEX_LEN + 1];
	id_new(id);
	struct audit_entry entry = {"import", "import", id, NULL, NULL, NULL};
	rc = audit_commit(c, NULL, rc, who, &entry, j->e);
	j->out->stored = rc == RESULT_OK;
	return rc;
}

/* A dry run tells whether people are known, so it leaves a trace: how
 * many rows looked like someone already known. */
static int audit_check(struct job *j, const struct caller *who)
{
	struct audit_entry entry = {"import_check", "import", NULL, NULL,
				    arena_printf(j->a, "matched %ld", j->out->known), NULL};
	struct err ae = {0};
	int rc = audit_record(j->s->db, who, &entry, &ae);
	if (rc != RESULT_OK)
		err_copy(j->e, &ae);
	return rc;
}

int import_people(const struct person_settings *s, const struct caller *who,
		  const char *csv, size_t len, unsigned flags, struct arena *a,
		  struct import_report *out, struct err *e)
{
	*out = (struct import_report){0};
	err_clear(e);
	if (!user_administers(who)) {
		struct audit_entry refused = {"import", "import", NULL, NULL, "refused", NULL};
		int rc = audit_record(s->db, who, &refused, e);
		if (rc != RESULT_OK)
			return rc;
		return err_result(e, RESULT_FORBIDDEN, "only an administrator imports people");
	}
	struct job j = {.s = s, .a = a, .out = out, .e = e};
	date_format(date_uk_today(time(NULL)), j.today);
	int rc = load_staff(&j);
	if (rc == RESULT_OK)
		rc = load_known(&j);
	if (rc != RESULT_OK)
		return rc;
	size_t count = 0;
	struct row *rows = NULL;
	if (len > IMPORT_BYTES_MAX)
		problem(&j, 0, NULL, "The file is larger than %d MB: split it into smaller files",
			IMPORT_BYTES_MAX / (1024 * 1024));
	else
		rows = read_rows(&j, csv, len, &count);
	if (rows)
		summarise(&j, rows, count);
	if (flags & IMPORT_DRY_RUN) {
		rc = audit_check(&j, who);
		if (rc != RESULT_OK)
			return rc;
	}
	if (out->problem_count)
		return RESULT_INVALID;
	if (flags & IMPORT_DRY_RUN)
		return RESULT_OK;
	if ((flags & IMPORT_IF_EMPTY) && j.known_count) {
		out->skipped = true;
		return RESULT_OK;
	}
	rc = store(&j, who, rows, count);
	return out->problem_count ? RESULT_INVALID : rc;
}
