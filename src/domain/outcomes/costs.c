/* Costs avoided: the council's unit costs, and the events on a person's
 * record with their view of what would otherwise have happened. */
#include "domain/outcomes/costs.h"

#include "core/arena.h"
#include "core/clock.h"
#include "core/date.h"
#include "core/err.h"
#include "core/id.h"
#include "core/utf8.h"
#include "db/db.h"
#include "domain/outcomes/measures.h"
#include "domain/outcomes/typed.h"
#include "domain/people/person.h"
#include "domain/staff/access.h"
#include "domain/staff/audit.h"
#include "domain/staff/user.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool costs_parse_pounds(const char *s, long long *pence)
{
	if (!s)
		return false;
	while (*s == ' ')
		s++;
	if (strncmp(s, "\xc2\xa3", 2) == 0) /* £ */
		s += 2;
	long long pounds = 0;
	int digits = 0;
	for (; (*s >= '0' && *s <= '9') || (*s == ',' && digits); s++) {
		if (*s == ',')
			continue;
		if (pounds > COSTS_PENCE_MAX)
			return false;
		pounds = pounds * 10 + (*s - '0');
		digits++;
	}
	long long part = 0;
	if (*s == '.') {
		s++;
		int places = 0;
		for (; *s >= '0' && *s <= '9' && places < 3; s++, places++)
			part = part * 10 + (*s - '0');
		if (places == 0 || places > 2)
			return false;
		if (places == 1)
			part *= 10;
	}
	while (*s == ' ')
		s++;
	if (!digits || *s)
		return false;
	*pence = pounds * 100 + part;
	return *pence <= COSTS_PENCE_MAX;
}

const char *costs_format_pence(struct arena *a, long long pence)
{
	long long pounds = pence / 100;
	char digits[32], grouped[48];
	int n = snprintf(digits, sizeof digits, "%lld", pounds), g = 0;
	for (int i = 0; i < n; i++) {
		if (i && (n - i) % 3 == 0)
			grouped[g++] = ',';
		grouped[g++] = digits[i];
	}
	grouped[g] = '\0';
	return arena_printf(a, "\xc2\xa3%s.%02lld", grouped, pence % 100);
}

static bool may_keep_unit_costs(const struct caller *who)
{
	return who->kind == CALLER_CLI ||
	       access_has_role(who, USER_ADMINISTRATOR | USER_PROGRAMME_MANAGER);
}

static int forbidden(struct err *e)
{
	return err_result(e, RESULT_FORBIDDEN, "Only an administrator or a programme manager "
					       "keeps the unit costs.");
}

/* A text field: the message missing when s is not sent (none when
 * missing is NULL: it may be left out), else faulty when utf8_text_ok
 * refuses it.  Unlike typed.h's, each message is a whole sentence that
 * says the limit as the form's hint does ("2,000 characters", "on one
 * line"), and "" is not missing here. */
static void check_text(struct err *e, const char *field, const char *s, size_t max,
		       bool multiline, const char *missing, const char *faulty)
{
	if (!s) {
		if (missing)
			err_field(e, field, "%s", missing);
	} else if (!utf8_text_ok(s, max, multiline)) {
		err_field(e, field, "%s", faulty);
	}
}

#define UNIT_COST_COLUMNS                                                               \
	"c.id, c.kind, c.pence, c.unit, c.source, c.source_year, c.from_on,"            \
	" u.display_name, c.created_at"

static void unit_cost_from_row(const struct db_rows *rows, size_t r, struct unit_cost *out)
{
	*out = (struct unit_cost){
		.id = db_cell(rows, r, 0),
		.kind = db_cell(rows, r, 1),
		.pence = strtoll(db_cell(rows, r, 2), NULL, 10),
		.unit = db_cell(rows, r, 3),
		.source = db_cell(rows, r, 4),
		.source_year = db_cell(rows, r, 5),
		.from_on = db_cell(rows, r, 6),
		.created_by_name = db_cell(rows, r, 7),
		.created_at = db_cell(rows, r, 8),
	};
}

/* Every problem with a figure, named, each message starting with the
 * form's label for the field so it reads the same beside it and in the
 * summary. */
static void check_unit_cost(const struct unit_cost_input *in, long long *pence, struct err *e)
{
	if (!in->kind || !cost_kind_find(in->kind))
		err_field(e, "kind", "Choose the kind of cost");
	if (!in->pounds)
		err_field(e, "pounds", "Enter the cost in pounds and pence, for example 123.45");
	else if (in->pounds[strspn(in->pounds, " \xc2\xa3")] == '-')
		err_field(e, "pounds", "Cost cannot be negative");
	else if (!costs_parse_pounds(in->pounds, pence))
		err_field(e, "pounds", "Cost must be in pounds and pence, for example 123.45, "
				       "up to \xc2\xa3" "1,000,000");
	check_text(e, "unit", in->unit, COSTS_TEXT_MAX, false,
		   "Enter what the cost is for, for example per attendance",
		   "What the cost is for must be 200 characters or fewer, on one line");
	check_text(e, "source", in->source, COSTS_TEXT_MAX, false,
		   "Enter the source, for example PSSRU Unit Costs of Health and Social Care",
		   "Source must be 200 characters or fewer, on one line");
	check_text(e, "source_year", in->source_year, COSTS_YEAR_MAX, false,
		   "Enter the source year, for example 2024/25",
		   "Source year must be 20 characters or fewer, for example 2024/25");
	struct date d;
	if (!in->from_on)
		err_field(e, "from_on", "Enter the day the figure is in force from: events before "
					"it are not valued at it");
	else if (!date_parse(in->from_on, &d))
		err_field(e, "from_on", "In force from must be a real date");
}

/* The rows a query selected, each kind's in force today marked. */
static void mark_current(struct unit_cost *list, size_t count)
{
	char day[11];
	typed_today(day);
	for (size_t k = 0; k < COST_KIND_COUNT; k++) {
		struct unit_cost *best = NULL;
		for (size_t i = 0; i < count; i++)
			if (strcmp(list[i].kind, cost_kinds[k].key) == 0 &&
			    strcmp(list[i].from_on, day) <= 0 && !best)
				best = &list[i]; /* newest first: the first on or before today */
		if (best)
			best->current = true;
	}
}

static int load_unit_costs(struct db_conn *c, const char *id, struct arena *a,
			   struct unit_cost **out, size_t *count, struct err *e)
{
	struct db_param p[] = {DB_TEXT(id)};
	struct db_rows rows;
	if (db_query(c, a,
		     "SELECT " UNIT_COST_COLUMNS " FROM unit_costs c"
		     " LEFT JOIN users u ON u.id = c.created_by"
		     " WHERE CAST($1 AS TEXT) IS NULL OR c.id = $1"
		     " ORDER BY c.kind, c.from_on DESC, c.created_at DESC, c.id DESC",
		     p, &rows, e) < 0)
		return RESULT_FAILED;
	/* In cost_kinds' order, which is the order a person reads them in. */
	*out = arena_alloc(a, (rows.row_count + 1) * sizeof **out);
	*count = 0;
	for (size_t k = 0; k < COST_KIND_COUNT; k++)
		for (size_t r = 0; r < rows.row_count; r++)
			if (strcmp(db_cell(&rows, r, 1), cost_kinds[k].key) == 0)
				unit_cost_from_row(&rows, r, &(*out)[(*count)++]);
	mark_current(*out, *count);
	return RESULT_OK;
}

int unit_cost_add(struct db *db, const struct caller *who, const struct unit_cost_input *in,
		  struct arena *a, struct unit_cost **out, struct err *e)
{
	*out = NULL;
	err_clear(e);
	char id[ID_HEX_LEN + 1], now[CLOCK_ISO8601_SIZE];
	id_new(id);
	clock_utc_iso8601(now, sizeof now);
	struct db_conn *c;
	if (db_transaction(db, &c, e) < 0)
		return RESULT_FAILED;
	long long pence = 0;
	int rc = RESULT_OK;
	if (!may_keep_unit_costs(who))
		rc = forbidden(e);
	if (rc == RESULT_OK) {
		check_unit_cost(in, &pence, e);
		rc = err_invalid_if_any(e);
	}
	if (rc == RESULT_OK) {
		struct db_param p[] = {DB_TEXT(id),
				       DB_TEXT(in->kind),
				       DB_INT(pence),
				       DB_TEXT(in->unit),
				       DB_TEXT(in->source),
				       DB_TEXT(in->source_year),
				       DB_TEXT(in->from_on),
				       DB_TEXT(caller_user_id(who)),
				       DB_TEXT(now)};
		rc = db_query(c, a,
			      "INSERT INTO unit_costs (id, kind, pence, unit, source, source_year,"
			      " from_on, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6,"
			      " $7, $8, $9)",
			      p, NULL, e);
	}
	struct audit_entry entry = {"create", "unit_cost", rc == RESULT_OK ? id : NULL, NULL, NULL,
				    NULL};
	rc = audit_commit_or_refuse(c, NULL, rc, who, &entry, e);
	if (rc < 0)
		return rc;
	size_t count;
	if (db_acquire(db, &c, e) < 0)
		return RESULT_FAILED;
	rc = load_unit_costs(c, id, a, out, &count, e);
	db_release(c);
	return rc == RESULT_OK && count == 0 ? err_set(e, "unit cost %s not read back", id) : rc;
}

/* A read of the figures by someone who may not keep them: audited as
 * refused, then forbidden. */
static int refuse_unit_cost_read(struct db *db, const struct caller *who, struct err *e)
{
	struct audit_entry entry = {"list", "unit_cost", NULL, NULL, "refused", NULL};
	if (audit_record(db, who, &entry, e) < 0)
		return RESULT_FAILED;
	return forbidden(e);
}

int unit_cost_list(struct db *db, const struct caller *who, struct arena *a,
		   struct unit_cost **out, size_t *count, struct err *e)
{
	*out = NULL;
	*count = 0;
	err_clear(e);
	if (!may_keep_unit_costs(who))
		return refuse_unit_cost_read(db, who, e);
	struct db_conn *c;
	if (db_acquire(db, &c, e) < 0)
		return RESULT_FAILED;
	int rc = load_unit_costs(c, NULL, a, out, count, e);
	db_release(c);
	return rc;
}

int unit_cost_unvalued(struct db *db, const struct caller *who, struct arena *a,
		       long *counts, struct err *e)
{
	for (size_t k = 0; k < COST_KIND_COUNT; k++)
		counts[k] = 0;
	err_clear(e);
	if (!may_keep_unit_costs(who))
		return refuse_unit_cost_read(db, who, e);
	/* UNIT_COST_ON_SQL's rule turned round: no row of the kind from on
	 * or before the event's day. */
	struct db_rows rows;
	if (db_run_plain(db, a,
			 "SELECT v.kind, count(*) FROM cost_events v"
			 " WHERE v.withdrawn_at IS NULL AND NOT EXISTS (SELECT 1 FROM unit_costs c"
			 " WHERE c.kind = v.kind AND c.from_on <= v.happened_on)"
			 " GROUP BY v.kind",
			 &rows, e) < 0)
		return RESULT_FAILED;
	for (size_t r = 0; r < rows.row_count; r++)
		for (size_t k = 0; k < COST_KIND_COUNT; k++)
			if (strcmp(db_cell(&rows, r, 0), cost_kinds[k].key) == 0)
				counts[k] = strtol(db_cell(&rows, r, 1), NULL, 10);
	return RESULT_OK;
}

int costs_unit_cost_on(struct db *db, const char *kind, const char *day, struct arena *a,
		       struct unit_cost **out, struct err *e)
{
	*out = NULL;
	struct db_param p[] = {DB_TEXT(kind), DB_TEXT(day)};
	struct db_rows rows;
	if (db_run(db, a, UNIT_COST_ON_SQL, p, &rows, e) < 0)
		return RESULT_FAILED;
	if (rows.row_count == 0)
		return RESULT_OK;
	*out = arena_alloc(a, sizeof **out);
	**out = (struct unit_cost){
		.id = db_cell(&rows, 0, 0),
		.kind = kind,
		.pence = strtoll(db_cell(&rows, 0, 1), NULL, 10),
		.unit = db_cell(&rows, 0, 2),
		.source = db_cell(&rows, 0, 3),
		.source_year = db_cell(&rows, 0, 4),
		.from_on = db_cell(&rows, 0, 5),
	};
	return RESULT_OK;
}

/* Cost events */

#define EVENT_COLUMNS                                                                     \
	"v.id, v.person_id, v.involvement_id, v.kind, v.happened_on, v.quantity,"         \
	" v.person_view, v.note, u.display_name, v.created_at, v.withdrawn_at,"           \
	" w.display_name, v.withdrawn_why"

static int load_events(struct db_conn *c, const char *person_id, const char *event_id,
		       struct arena *a, struct cost_event **out, size_t *count, struct err *e)
{
	struct db_param p[] = {DB_TEXT(person_id), DB_TEXT(event_id)};
	struct db_rows rows;
	if (db_query(c, a,
		     "SELECT " EVENT_COLUMNS " FROM cost_events v"
		     " LEFT JOIN users u ON u.id = v.created_by"
		     " LEFT JOIN users w ON w.id = v.withdrawn_by"
		     " WHERE v.person_id = $1 AND (CAST($2 AS TEXT) IS NULL OR v.id = $2)"
		     " ORDER BY v.happened_on DESC, v.created_at DESC, v.id DESC",
		     p, &rows, e) < 0)
		return RESULT_FAILED;
	*count = rows.row_count;
	*out = arena_alloc(a, (rows.row_count + 1) * sizeof **out);
	for (size_t r = 0; r < rows.row_count; r++)
		(*out)[r] = (struct cost_event){
			.id = db_cell(&rows, r, 0),
			.person_id = db_cell(&rows, r, 1),
			.involvement_id = db_cell(&rows, r, 2),
			.kind = db_cell(&rows, r, 3),
			.happened_on = db_cell(&rows, r, 4),
			.quantity = strtol(db_cell(&rows, r, 5), NULL, 10),
			.person_view = db_cell(&rows, r, 6),
			.note = db_cell(&rows, r, 7),
			.created_by_name = db_cell(&rows, r, 8),
			.created_at = db_cell(&rows, r, 9),
			.withdrawn_at = db_cell(&rows, r, 10),
			.withdrawn_by_name = db_cell(&rows, r, 11),
			.withdrawn_why = db_cell(&rows, r, 12),
		};
	return RESULT_OK;
}

/* Every problem with an event that needs nothing stored; *quantity and
 * *day as they will be written. */
static void check_event(const struct cost_event_input *in, long *quantity, char day[11],
			struct err *e)
{
	const struct cost_kind *kind = in->kind ? cost_kind_find(in->kind) : NULL;
	if (!kind)
		err_field(e, "kind", "Choose what did not have to happen");
	if (!in->happened_on)
		typed_today(day);
	else if (typed_check_past(e, "happened_on", in->happened_on, "When"))
		memcpy(day, in->happened_on, 11);
	*quantity = 1;
	if (in->quantity) {
		char *end;
		long n = strtol(in->quantity, &end, 10);
		if (end == in->quantity || *end || n < 1 || n > COSTS_QUANTITY_MAX)
			err_field(e, "quantity", "How many must be a whole number from 1 to 365%s%s",
				  kind ? " " : "", kind ? kind->quantity_unit : "");
		else
			*quantity = n;
	}
	check_text(e, "person_view", in->person_view, COSTS_VIEW_MAX, true,
		   "Enter what they think would otherwise have happened, in their words",
		   "What they think would otherwise have happened must be 2,000 characters or "
		   "fewer");
	check_text(e, "note", in->note, COSTS_VIEW_MAX, true, NULL,
		   "Your note must be 2,000 characters or fewer");
}

/* The involvement the event belongs to (costs.h says which). */
static int involvement_for(struct db_conn *c, const char *person_id, const char *day,
			   struct arena *a, const char **id, struct err *e)
{
	struct db_param p[] = {DB_TEXT(person_id), DB_TEXT(day)};
	struct db_rows rows;
	if (db_query(c, a,
		     "SELECT v.id FROM involvements v"
		     " JOIN involvement_people ip ON ip.involvement_id = v.id"
		     " WHERE ip.person_id = $1"
		     " ORDER BY CASE WHEN v.started_on > $2 THEN 1 ELSE 0 END,"
		     " CASE WHEN v.started_on > $2 THEN '' ELSE v.started_on END DESC,"
		     " v.started_on, v.id LIMIT 1",
		     p, &rows, e) < 0)
		return RESULT_FAILED;
	if (rows.row_count == 0)
		return err_result(e, RESULT_CONFLICT,
				  "This person has no involvement to record a cost avoided in");
	*id = db_cell(&rows, 0, 0);
	return RESULT_OK;
}

int cost_event_record(struct db *db, const struct caller *who, const char *person_id,
		      const struct cost_event_input *in, struct arena *a,
		      struct cost_event **out, struct err *e)
{
	*out = NULL;
	err_clear(e);
	char id[ID_HEX_LEN + 1], now[CLOCK_ISO8601_SIZE], day[11] = "";
	id_new(id);
	clock_utc_iso8601(now, sizeof now);
	struct db_conn *c;
	if (db_transaction(db, &c, e) < 0)
		return RESULT_FAILED;
	const char *area_id = NULL, *involvement_id = NULL;
	long quantity = 1;
	int rc = person_area_on(c, who, person_id, a, &area_id, e);
	/* Checked once the caller is known to reach the person: for anyone
	 * else they are not found, whatever was sent. */
	if (rc == RESULT_OK) {
		check_event(in, &quantity, day, e);
		rc = err_invalid_if_any(e);
	}
	if (rc == RESULT_OK)
		rc = involvement_for(c, person_id, day, a, &involvement_id, e);
	if (rc == RESULT_OK) {
		struct db_param p[] = {DB_TEXT(id),
				       DB_TEXT(person_id),
				       DB_TEXT(involvement_id),
				       DB_TEXT(in->kind),
				       DB_TEXT(day),
				       DB_INT(quantity),
				       DB_TEXT(in->person_view),
				       DB_TEXT(in->note),
				       DB_TEXT(caller_user_id(who)),
				       DB_TEXT(now)};
		rc = db_query(c, a,
			      "INSERT INTO cost_events (id, person_id, involvement_id, kind,"
			      " happened_on, quantity, person_view, note, created_by, created_at)"
			      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
			      p, NULL, e);
	}
	struct audit_entry entry = {"create", "cost_event",
				    rc == RESULT_NOT_FOUND ? person_id : id, area_id, NULL, NULL};
	rc = audit_commit_or_refuse(c, NULL, rc, who, &entry, e);
	if (rc < 0)
		return rc;
	size_t count;
	if (db_acquire(db, &c, e) < 0)
		return RESULT_FAILED;
	rc = load_events(c, person_id, id, a, out, &count, e);
	db_release(c);
	return rc == RESULT_OK && count == 0 ? err_set(e, "cost event %s not read back", id) : rc;
}

int cost_event_history(struct db *db, const struct caller *who, const char *person_id,
		       struct arena *a, const char **person_name, struct cost_event **out,
		       size_t *count, struct err *e)
{
	*out = NULL;
	*count = 0;
	*person_name = NULL;
	err_clear(e);
	struct db_conn *c;
	if (db_acquire(db, &c, e) < 0)
		return RESULT_FAILED;
	const char *area_id = NULL;
	int rc = person_area_on(c, who, person_id, a, &area_id, e);
	if (rc == RESULT_OK)
		rc = load_events(c, person_id, NULL, a, out, count, e);
	struct db_rows rows;
	struct db_param p[] = {DB_TEXT(person_id)};
	if (rc == RESULT_OK &&
	    db_query(c, a, "SELECT coalesce(preferred_name, name) FROM people WHERE id = $1", p,
		     &rows, e) < 0)
		rc = RESULT_FAILED;
	if (rc == RESULT_OK)
		*person_name = rows.row_count ? db_cell(&rows, 0, 0) : "";
	struct audit_entry entry = {"list", "cost_event", person_id, area_id, NULL, NULL};
	rc = audit_read(c, rc, who, &entry, e);
	if (rc < 0) {
		*out = NULL;
		*count = 0;
	}
	return rc;
}

int cost_event_list(struct db *db, const struct caller *who, const char *person_id,
		    struct arena *a, struct cost_event **out, size_t *count, struct err *e)
{
	const char *name;
	return cost_event_history(db, who, person_id, a, &name, out, count, e);
}

int cost_event_withdraw(struct db *db, const struct caller *who, const char *person_id,
			const char *event_id, const char *why, struct err *e)
{
	err_clear(e);
	struct db_conn *c;
	if (db_transaction(db, &c, e) < 0)
		return RESULT_FAILED;
	struct arena *a = arena_new();
	const char *area_id = NULL;
	struct cost_event *x = NULL;
	size_t count = 0;
	int rc = person_area_on(c, who, person_id, a, &area_id, e);
	if (rc == RESULT_OK && id_valid(event_id))
		rc = load_events(c, person_id, event_id, a, &x, &count, e);
	if (rc == RESULT_OK && count == 0)
		rc = err_not_found(e, "cost_event", "There is no cost avoided with that id.");
	if (rc == RESULT_OK && x->withdrawn_at)
		rc = err_result(e, RESULT_CONFLICT, "This was withdrawn already");
	if (rc == RESULT_OK) {
		check_text(e, "why", why, COSTS_VIEW_MAX, true, "Enter why it is withdrawn",
			   "Why it is withdrawn must be 2,000 characters or fewer");
		rc = err_invalid_if_any(e);
	}
	if (rc == RESULT_OK) {
		char now[CLOCK_ISO8601_SIZE];
		clock_utc_iso8601(now, sizeof now);
		struct db_param p[] = {DB_TEXT(now), DB_TEXT(caller_user_id(who)), DB_TEXT(why),
				       DB_TEXT(event_id)};
		rc = db_query(c, a,
			      "UPDATE cost_events SET withdrawn_at = $1, withdrawn_by = $2,"
			      " withdrawn_why = $3 WHERE id = $4 AND withdrawn_at IS NULL",
			      p, NULL, e);
	}
	struct audit_entry entry = {"withdraw", "cost_event", event_id, area_id, NULL, NULL};
	return audit_commit_or_refuse(c, a, rc, who, &entry, e);
}
