#include "domain/staff/access.h"

#include "core/arena.h"
#include "core/names.h"
#include "db/db.h"
#include "domain/staff/user.h"

#include <string.h>

bool access_has_role(const struct caller *p, unsigned role)
{
	return p->user && !p->user->disabled && (p->user->roles & role) != 0;
}

bool access_casework(const struct caller *p, const char *area_id)
{
	const struct user *u = p->user;
	if (!u || u->disabled || !area_id)
		return false;
	if ((u->roles & USER_COORDINATOR) &&
	    (names_contain(u->coordinator_areas, u->coordinator_area_count, area_id) ||
	     names_contain(p->cover_areas, p->cover_area_count, area_id)))
		return true;
	return (u->roles & USER_TEAM_LEADER) &&
	       names_contain(u->team_areas, u->team_area_count, area_id);
}

static void add_unique(const char **list, size_t *n, const char *id)
{
	if (!names_contain(list, *n, id))
		list[(*n)++] = id;
}

size_t access_casework_areas(const struct caller *p, struct arena *a,
			     const char ***out)
{
	const struct user *u = p->user;
	size_t n = 0;
	size_t most = u ? u->coordinator_area_count + p->cover_area_count + u->team_area_count : 0;
	*out = arena_alloc(a, (most + 1) * sizeof **out);
	if (!u || u->disabled)
		return 0;
	if (u->roles & USER_COORDINATOR) {
		for (size_t i = 0; i < u->coordinator_area_count; i++)
			add_unique(*out, &n, u->coordinator_areas[i]);
		for (size_t i = 0; i < p->cover_area_count; i++)
			add_unique(*out, &n, p->cover_areas[i]);
	}
	if (u->roles & USER_TEAM_LEADER)
		for (size_t i = 0; i < u->team_area_count; i++)
			add_unique(*out, &n, u->team_areas[i]);
	return n;
}

bool access_leave(const struct caller *p, const struct user *coordinator)
{
	const struct user *u = p->user;
	if (!u || u->disabled)
		return false;
	if (strcmp(u->id, coordinator->id) == 0 || (u->roles & USER_ADMINISTRATOR))
		return true;
	return (u->roles & USER_TEAM_LEADER) && access_in_team(u, coordinator);
}

bool access_in_team(const struct user *leader, const struct user *u)
{
	if (!(u->roles & USER_COORDINATOR))
		return false;
	for (size_t i = 0; i < u->coordinator_area_count; i++)
		if (names_contain(leader->team_areas, leader->team_area_count, u->coordinator_areas[i]))
			return true;
	return false;
}

bool access_audit_area(const struct caller *p, const char *area_id)
{
	const struct user *u = p->user;
	return u && !u->disabled && area_id && (u->roles & USER_TEAM_LEADER) &&
	       names_contain(u->team_areas, u->team_area_count, area_id);
}

int access_load_cover(struct db *db, struct arena *a, const char *user_id,
		      const char *day, const char ***areas, size_t *count,
		      struct err *e)
{
	struct db_param p[] = {DB_TEXT(user_id), DB_TEXT(day)};
	struct db_rows rows;
	int rc = db_run(db, a,
			 "SELECT DISTINCT area_id FROM cover WHERE user_id = $1"
			 " AND starts_on <= $2 AND ends_on >= $2",
			 p, &rows, e);
	if (rc < 0)
		return -1;
	*count = rows.row_count;
	*areas = arena_alloc(a, (rows.row_count + 1) * sizeof **areas);
	for (size_t i = 0; i < rows.row_count; i++)
		(*areas)[i] = db_cell(&rows, i, 0);
	return 0;
}
