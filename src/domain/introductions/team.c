#include "domain/introductions/team.h"

#include "core/arena.h"
#include "core/err.h"
#include "domain/introductions/introduction.h"
#include "domain/staff/access.h"
#include "domain/staff/user.h"

#include <stdbool.h>
#include <string.h>

static bool listed(const char *const *ids, size_t n, const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(ids[i], id) == 0)
			return true;
	return false;
}

static bool in_team(const struct user *leader, const struct user *u)
{
	for (size_t i = 0; i < u->coordinator_area_count; i++)
		if (listed((const char *const *)leader->team_areas, leader->team_area_count,
			   u->coordinator_areas[i]))
			return true;
	return false;
}

int team_waiting(struct db *db, const struct caller *who, const struct introduction *list,
		 size_t list_count, const char *today, struct arena *a,
		 struct team_waiting **out, size_t *count, struct err *e)
{
	*count = 0;
	*out = arena_alloc(a, sizeof **out);
	if (!access_has_role(who, USER_TEAM_LEADER))
		return RESULT_OK;
	struct user *users;
	size_t user_count;
	if (user_list(db, a, &users, &user_count, e) < 0)
		return RESULT_FAILED;
	*out = arena_alloc(a, (user_count + 1) * sizeof **out);
	for (size_t u = 0; u < user_count; u++) {
		const struct user *c = &users[u];
		if (!(c->roles & USER_COORDINATOR) || c->disabled || !in_team(who->user, c))
			continue;
		struct team_waiting *row = &(*out)[(*count)++];
		*row = (struct team_waiting){c->id, c->display_name, 0, 0};
		for (size_t i = 0; i < list_count; i++)
			if (!intro_status_final(list[i].status) &&
			    listed((const char *const *)c->coordinator_areas,
				   c->coordinator_area_count, list[i].area_id)) {
				row->waiting++;
				row->overdue += strcmp(list[i].due_on, today) < 0;
			}
	}
	return RESULT_OK;
}
