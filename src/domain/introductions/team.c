#include "domain/introductions/team.h"

#include "core/arena.h"
#include "core/err.h"
#include "core/names.h"
#include "domain/introductions/introduction.h"
#include "domain/staff/access.h"
#include "domain/staff/user.h"

#include <stdbool.h>
#include <string.h>

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
		if (c->disabled || !access_in_team(who->user, c))
			continue;
		struct team_waiting *row = &(*out)[(*count)++];
		*row = (struct team_waiting){c->id, c->display_name, 0, 0};
		for (size_t i = 0; i < list_count; i++)
			if (!intro_status_final(list[i].status) &&
			    names_contain(c->coordinator_areas,
				   c->coordinator_area_count, list[i].area_id)) {
				row->waiting++;
				row->overdue += strcmp(list[i].due_on, today) < 0;
			}
	}
	return RESULT_OK;
}
