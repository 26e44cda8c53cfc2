#include "domain/areas/area_moves.h"

#include "core/arena.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/id.h"
#include "db/db.h"
#include "domain/areas/lookup.h"
#include "domain/staff/audit.h"
#include "domain/staff/user.h"
#include "geo/map.h"

#include <string.h>

long area_moves_destination(const struct lookup_result *r, bool introduction)
{
	if (r->covered)
		return r->area;
	if (r->nearest_covered >= 0 && (r->near || introduction))
		return r->nearest_covered;
	return -1;
}

long area_moves_target(const struct lookup_result *r, bool introduction, long from)
{
	long to = area_moves_destination(r, introduction);
	if (introduction)
		return to != from ? to : -1;
	/* A person in the area their postcode is in stays, covered or not. */
	if (r->area >= 0 && r->area == from)
		return -1;
	if (to >= 0 && to != from)
		return to;
	/* Their postcode is now in an area not covered yet: placed now they
	 * would be with the nearest covered area (their own) or in none, so
	 * placement moves nobody; the team leader sees them, and may move
	 * them there or leave them. */
	return r->area >= 0 && !r->covered ? r->area : -1;
}

/* May who see and make the moves of records in area_id? */
static bool reaches(const struct caller *who, const char *area_id)
{
	if (user_administers(who))
		return true;
	const struct user *u = who->user;
	if (!u || !(u->roles & USER_TEAM_LEADER))
		return false;
	for (size_t i = 0; i < u->team_area_count; i++)
		if (strcmp(u->team_areas[i], area_id) == 0)
			return true;
	return false;
}

/* Whether who may see and make moves at all: RESULT_FORBIDDEN, with the
 * reason in e, for anyone but a team leader or an administrator. */
static int may_move(const struct caller *who, struct err *e)
{
	if (user_administers(who) || (who->user && (who->user->roles & USER_TEAM_LEADER)))
		return RESULT_OK;
	return err_result(e, RESULT_FORBIDDEN,
			  "only a team leader or an administrator moves people between areas");
}

/* The records that may move, as (id, name, postcode, area_id, area name)
 * rows: people, or open introductions. */
static const char *const candidates[] = {
	"SELECT p.id, p.name, p.postcode, p.area_id, a.name FROM people p"
	" JOIN areas a ON a.id = p.area_id WHERE p.postcode IS NOT NULL"
	" ORDER BY a.name, p.name, p.id",
	"SELECT i.id, i.person_name, i.postcode, i.area_id, a.name FROM introductions i"
	" JOIN areas a ON a.id = i.area_id WHERE i.postcode IS NOT NULL"
	" AND i.status IN ('new', 'contacted', 'conversation_arranged')"
	" ORDER BY a.name, i.person_name, i.id",
};
static const char *const kinds[] = {"person", "introduction"};

/* The index of the area the postcode places a record of kind k in now,
 * when that is not from_id; else -1.  *placement is how an introduction
 * placed there now would be (introductions.placement). */
static long destination(const struct lookup_context *ctx, struct arena *a, size_t k,
			const char *postcode, const char *from_id, const char **placement)
{
	struct lookup_result r;
	struct err ignored;
	if (!ctx->map || lookup_postcode(ctx, a, postcode, &r, &ignored) != RESULT_OK)
		return -1;
	*placement = r.covered ? "covered" : r.near ? "near" : "not_covered";
	return area_moves_target(&r, k == 1, geo_map_find_area(ctx->map, from_id));
}

int area_moves_list(const struct lookup_context *ctx, struct arena *a,
		    const struct caller *who, struct area_move **out, size_t *count,
		    struct err *e)
{
	err_clear(e);
	*out = NULL;
	*count = 0;
	if (may_move(who, e) != RESULT_OK)
		return RESULT_FORBIDDEN;
	struct db_conn *c;
	if (db_acquire(ctx->db, &c, e) < 0)
		return RESULT_FAILED;
	struct db_rows rows[2];
	int rc = RESULT_OK;
	for (size_t k = 0; rc == RESULT_OK && k < 2; k++)
		rc = db_query_plain(c, a, candidates[k], &rows[k], e);
	db_release(c);
	if (rc != RESULT_OK)
		return RESULT_FAILED;
	struct area_move *list =
		arena_alloc(a, (rows[0].row_count + rows[1].row_count + 1) * sizeof *list);
	size_t n = 0;
	for (size_t k = 0; k < 2; k++)
		for (size_t i = 0; i < rows[k].row_count; i++) {
			const char *from = db_cell(&rows[k], i, 3);
			if (!reaches(who, from))
				continue;
			const char *placement;
			long to = destination(ctx, a, k, db_cell(&rows[k], i, 2), from,
					      &placement);
			if (to < 0)
				continue;
			const struct geo_area *area = geo_map_area(ctx->map, (size_t)to);
			list[n++] = (struct area_move){kinds[k], db_cell(&rows[k], i, 0),
						       db_cell(&rows[k], i, 1),
						       db_cell(&rows[k], i, 2), from,
						       db_cell(&rows[k], i, 4),
						       arena_strdup(a, area->id),
						       arena_strdup(a, area->name), area->covered != 0};
		}
	*out = list;
	*count = n;
	return RESULT_OK;
}

/* Moves person id from from_id to to_id on c, as a change of area on
 * their record does: kept in their history, their open involvements
 * with them, their version raised so a form opened before is stale. */
static int move_person(struct db_conn *c, struct arena *a, const struct caller *who,
		       const char *id, const char *from_id, const char *to_id,
		       const char *now, struct err *e)
{
	char change[ID_HEX_LEN + 1];
	id_new(change);
	struct db_param h[] = {DB_TEXT(change), DB_TEXT(id), DB_TEXT(now),
			       DB_TEXT(caller_user_id(who)), DB_TEXT(from_id)};
	int rc = db_query(c, a,
			  "INSERT INTO person_changes (id, person_id, at, user_id, field,"
			  " value_before) VALUES ($1, $2, $3, $4, 'area_id', $5)",
			  h, NULL, e);
	struct db_param p[] = {DB_TEXT(id), DB_TEXT(to_id), DB_TEXT(now)};
	if (rc == RESULT_OK)
		rc = db_query(c, a,
			      "UPDATE involvements SET area_id = $2, updated_at = $3"
			      " WHERE ended_on IS NULL AND id IN (SELECT involvement_id"
			      " FROM involvement_people WHERE person_id = $1)",
			      p, NULL, e);
	if (rc == RESULT_OK)
		rc = db_query(c, a,
			      "UPDATE people SET area_id = $2, updated_at = $3,"
			      " version = version + 1 WHERE id = $1",
			      p, NULL, e);
	return rc;
}

int area_move(const struct lookup_context *ctx, struct arena *a, const struct caller *who,
	      const char *kind, const char *id, const char **to_area, struct err *e)
{
	err_clear(e);
	*to_area = NULL;
	size_t k = strcmp(kind, "person") == 0 ? 0 : 1;
	struct db_conn *c;
	if (db_transaction(ctx->db, &c, e) < 0)
		return RESULT_FAILED;
	char now[CLOCK_ISO8601_SIZE];
	clock_utc_iso8601(now, sizeof now);
	struct db_param p[] = {DB_TEXT(id)};
	struct db_rows rows;
	int rc = may_move(who, e);
	if (rc == RESULT_OK)
		rc = db_query(c, a,
			  k == 0 ? "SELECT area_id, postcode FROM people WHERE id = $1"
				 : "SELECT area_id, postcode FROM introductions WHERE id = $1"
				   " AND status IN ('new', 'contacted', 'conversation_arranged')",
			  p, &rows, e);
	const char *from = rc == RESULT_OK && rows.row_count ? db_cell(&rows, 0, 0) : NULL;
	if (rc == RESULT_OK && (!from || !reaches(who, from)))
		rc = err_not_found(e, kinds[k], "There is no %s with that id to move.",
				   kinds[k]);
	long to = -1;
	const char *placement = NULL;
	if (rc == RESULT_OK) {
		const char *postcode = db_cell(&rows, 0, 1);
		to = postcode ? destination(ctx, a, k, postcode, from, &placement) : -1;
		if (to < 0)
			rc = err_result(e, RESULT_CONFLICT,
					"Their postcode places them in the area they are in: "
					"there is nothing to move.");
	}
	if (rc == RESULT_OK) {
		const struct geo_area *area = geo_map_area(ctx->map, (size_t)to);
		*to_area = arena_strdup(a, area->id);
		struct db_param m[] = {DB_TEXT(id), DB_TEXT(*to_area), DB_TEXT(now),
				       DB_TEXT(placement)};
		rc = k == 0 ? move_person(c, a, who, id, from, *to_area, now, e)
			    : db_query(c, a,
				       "UPDATE introductions SET area_id = $2, placement = $4,"
				       " distance_m = NULL, updated_at = $3 WHERE id = $1",
				       m, NULL, e);
	}
	struct audit_entry entry = {"area_move", kinds[k], id,
				    *to_area ? *to_area : from, NULL, NULL};
	return audit_commit_or_refuse(c, NULL, rc, who, &entry, e);
}
