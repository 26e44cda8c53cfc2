#include "domain/reports/report.h"

#include "core/arena.h"
#include "core/err.h"
#include "core/fanout.h"
#include "core/names.h"
#include "db/db.h"
#include "domain/reports/report_parts.h"
#include "domain/reports/suppress.h"
#include "domain/staff/access.h"
#include "domain/staff/audit.h"
#include "domain/staff/token.h"
#include "domain/staff/user.h"

#include <stdio.h>
#include <string.h>

typedef int (*report_part)(struct db *, const struct report_scope *, struct arena *,
			   struct report_section *, struct err *);

/* The sections in the order report.h lists them. */
static const struct {
	const char *key;
	report_part part;
} parts[] = {
	{"introductions", report_introductions},
	{"replies", report_replies},
	{"first_conversations", report_first_conversations},
	{"caseloads", report_caseloads},
	{"outcomes", report_outcomes},
	{"wellbeing", report_wellbeing},
	{"costs", report_costs},
};
#define PART_COUNT (sizeof parts / sizeof parts[0])

/* The sections asked for, each built on a thread of fanout_run into an
 * arena and an err of its own. */
struct part_run {
	struct db *db;
	const struct report_scope *scope;
	size_t part[PART_COUNT];
	struct report_section section[PART_COUNT];
	struct arena *arena[PART_COUNT];
	struct err err[PART_COUNT];
	int rc[PART_COUNT];
};

static void build_part(void *ctx, size_t i)
{
	struct part_run *run = ctx;
	const size_t p = run->part[i];
	run->rc[i] = parts[p].part(run->db, run->scope, run->arena[i], &run->section[i],
				   &run->err[i]);
	run->section[i].key = parts[p].key;
}

/* Who may read the reports, and over which areas: every area (the
 * programme manager, a token with reports.read, the command line), or
 * the team leader's team; anyone else none. */
enum reach { REACH_NONE, REACH_TEAM, REACH_EVERY_AREA };

static enum reach reach_of(const struct caller *who)
{
	if (who->kind == CALLER_CLI)
		return REACH_EVERY_AREA;
	if (who->kind == CALLER_TOKEN)
		return who->token && token_has_scope(who->token, "reports.read") ? REACH_EVERY_AREA
										 : REACH_NONE;
	if (who->kind != CALLER_STAFF)
		return REACH_NONE;
	if (access_has_role(who, USER_PROGRAMME_MANAGER))
		return REACH_EVERY_AREA;
	if (access_has_role(who, USER_TEAM_LEADER))
		return REACH_TEAM;
	return REACH_NONE;
}

/* The areas the caller reaches, by name, and of them the ones asked for
 * (all when none were): RESULT_INVALID naming "area" for one outside
 * reach or not there, so the answer never tells the two apart.
 * *every_area when they are all the areas there are. */
static int scope_areas(struct db *db, const struct caller *who, enum reach reach,
		       const struct report_request *req, struct arena *a, struct report *out,
		       bool *every_area, struct err *e)
{
	struct db_rows rows;
	if (db_run_plain(db, a, "SELECT id, name, retired_at FROM areas ORDER BY name, id", &rows,
			 e) < 0)
		return RESULT_FAILED;
	out->area_ids = arena_alloc(a, (rows.row_count + 1) * sizeof *out->area_ids);
	out->area_names = arena_alloc(a, (rows.row_count + 1) * sizeof *out->area_names);
	out->area_count = 0;
	for (size_t i = 0; i < req->area_count; i++) {
		bool known = false;
		for (size_t r = 0; r < rows.row_count && !known; r++)
			known = strcmp(db_cell(&rows, r, 0), req->area_ids[i]) == 0 &&
				(reach == REACH_EVERY_AREA ||
				 names_contain(who->user->team_areas, who->user->team_area_count,
					       req->area_ids[i]));
		if (!known)
			return err_field(e, "area", "Choose an area you report on");
	}
	for (size_t r = 0; r < rows.row_count; r++) {
		const char *id = db_cell(&rows, r, 0);
		bool wanted;
		if (req->area_count)
			wanted = names_contain(req->area_ids, req->area_count, id);
		else if (reach == REACH_EVERY_AREA)
			wanted = db_cell(&rows, r, 2) == NULL; /* a retired area only by name */
		else
			wanted = names_contain(who->user->team_areas, who->user->team_area_count, id);
		if (wanted) {
			out->area_ids[out->area_count] = id;
			out->area_names[out->area_count++] = db_cell(&rows, r, 1);
		}
	}
	if (out->area_count == 0)
		return err_field(e, "area", "There are no areas to report on yet");
	*every_area = out->area_count == rows.row_count;
	return RESULT_OK;
}

static void made_at(time_t now, struct arena *a, const char **out)
{
	struct tm tm;
	char text[32];
	gmtime_r(&now, &tm);
	strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
	*out = arena_strdup(a, text);
}

int report_build(struct db *db, const struct caller *who, const struct holidays *h,
		 int due_working_days, time_t now, const struct report_request *req,
		 struct arena *a, struct report *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	out->period = req->period;
	const char *record_id = req->period.quarter[0]
					? arena_strdup(a, req->period.quarter)
					: arena_printf(a, "%s..%s", req->period.from, req->period.to);
	struct audit_entry entry = {"read", "report", record_id, NULL, NULL, NULL};
	enum reach reach = reach_of(who);
	if (reach == REACH_NONE) {
		entry.outcome = "refused";
		struct err audit_e;
		if (audit_record(db, who, &entry, &audit_e) < 0)
			return err_set(e, "%s", audit_e.msg);
		return err_result(e, RESULT_FORBIDDEN, "The reports are for team leaders and "
						       "programme managers");
	}
	size_t wanted = PART_COUNT;
	if (req->only_section) {
		wanted = 0;
		for (size_t i = 0; i < PART_COUNT && !wanted; i++)
			wanted = strcmp(parts[i].key, req->only_section) == 0;
		if (!wanted)
			return err_field(e, "section", "There is no report section of that name");
	}
	bool every_area = false;
	int rc = scope_areas(db, who, reach, req, a, out, &every_area, e);
	if (rc == RESULT_INVALID) {
		/* An area outside reach is an attempt the log should show. */
		entry.outcome = "refused";
		struct err audit_e;
		if (audit_record(db, who, &entry, &audit_e) < 0)
			return err_set(e, "%s", audit_e.msg);
	}
	if (rc < 0)
		return rc;
	/* A team leader's own page shows the figures as they are; a
	 * programme manager is suppressed even when also leading a team, as
	 * their figures travel beyond it. */
	out->suppressed = !(req->view == REPORT_OWN_VIEW && reach == REACH_TEAM);
	made_at(now, a, &out->made_at);
	if (out->area_count == 1)
		entry.area_id = out->area_ids[0];

	struct report_scope scope = {.period = &out->period,
				     .area_ids = out->area_ids,
				     .area_count = out->area_count,
				     .every_area = every_area,
				     .area_names = out->area_names,
				     .holidays = h,
				     .due_working_days = due_working_days,
				     .now = now,
				     .suppressed = out->suppressed};
	struct part_run *run = arena_alloc(a, sizeof *run);
	run->db = db;
	run->scope = &scope;
	size_t count = 0;
	for (size_t i = 0; i < PART_COUNT; i++)
		if (!req->only_section || strcmp(parts[i].key, req->only_section) == 0) {
			run->part[count] = i;
			run->arena[count++] = arena_new();
		}
	fanout_run(count, REPORT_SECTIONS_AT_ONCE, build_part, run);
	for (size_t i = 0; i < count; i++)
		arena_adopt(a, run->arena[i]);
	/* The first section to fail, in the page's order, speaks for all. */
	for (size_t i = 0; i < count; i++)
		if (run->rc[i] < 0) {
			*e = run->err[i];
			return RESULT_FAILED;
		}
	out->sections = run->section;
	out->section_count = count;
	if (out->suppressed)
		for (size_t i = 0; i < count; i++)
			for (size_t t = 0; t < out->sections[i].table_count; t++)
				suppress_table(&out->sections[i].tables[t]);
	if (audit_record(db, who, &entry, e) < 0)
		return RESULT_FAILED;
	return RESULT_OK;
}

const char *report_section_of_table(const char *table_key)
{
	static const struct {
		const char *table, *section;
	} tables[] = {
		{"introductions-by-month", "introductions"},
		{"introductions-by-area", "introductions"},
		{"introductions-by-introducer", "introductions"},
		{"introductions-by-channel", "introductions"},
		{"returns", "introductions"},
		{"replies-by-area", "replies"},
		{"replies-by-month", "replies"},
		{"first-conversations-by-area", "first_conversations"},
		{"caseloads-now", "caseloads"},
		{"caseloads-by-coordinator", "caseloads"},
		{"caseloads-by-month", "caseloads"},
		{"involvements-ended", "caseloads"},
		{"outcomes-movement", "outcomes"},
		{"outcomes-sittings", "outcomes"},
		{"wellbeing", "wellbeing"},
		{"costs-avoided", "costs"},
	};
	for (size_t i = 0; table_key && i < sizeof tables / sizeof *tables; i++)
		if (strcmp(tables[i].table, table_key) == 0)
			return tables[i].section;
	return NULL;
}

const struct report_section *report_section(const struct report *r, const char *key)
{
	for (size_t i = 0; i < r->section_count; i++)
		if (strcmp(r->sections[i].key, key) == 0)
			return &r->sections[i];
	return NULL;
}
