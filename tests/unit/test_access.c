/* Who may see what: the rules of domain/access.c for each kind of
 * principal, over two areas; and how sign-in throttling grows. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/arena.h"
#include "domain/staff/access.h"
#include "domain/staff/throttle.h"
#include "domain/staff/token.h"
#include "domain/staff/user.h"

static const char *acomb[] = {"acomb"};
static const char *both[] = {"acomb", "heworth"};

static void coordinators_see_their_areas_and_their_cover(void **state)
{
	(void)state;
	struct user priya = {.roles = USER_COORDINATOR, .coordinator_areas = acomb,
			     .coordinator_area_count = 1};
	struct caller p = {.user = &priya};
	assert_true(access_casework(&p, "acomb"));
	assert_false(access_casework(&p, "heworth"));
	assert_false(access_casework(&p, NULL));
	assert_false(access_audit_area(&p, "acomb"));
	assert_true(access_has_role(&p, USER_COORDINATOR));
	assert_false(access_has_role(&p, USER_TEAM_LEADER | USER_ADMINISTRATOR));

	const char *covering[] = {"heworth"};
	p.cover_areas = covering;
	p.cover_area_count = 1;
	assert_true(access_casework(&p, "heworth"));

	priya.disabled = true;
	assert_false(access_casework(&p, "acomb"));
	assert_false(access_has_role(&p, USER_COORDINATOR));
}

static void team_leaders_see_their_team(void **state)
{
	(void)state;
	struct user lead = {.roles = USER_TEAM_LEADER, .team_areas = both,
			    .team_area_count = 2};
	struct caller p = {.user = &lead};
	assert_true(access_casework(&p, "acomb"));
	assert_true(access_casework(&p, "heworth"));
	assert_false(access_casework(&p, "clifton"));
	assert_true(access_audit_area(&p, "heworth"));
	assert_false(access_audit_area(&p, "clifton"));
	/* Cover belongs to coordinators: a team leader's is ignored. */
	const char *covering[] = {"clifton"};
	p.cover_areas = covering;
	p.cover_area_count = 1;
	assert_false(access_casework(&p, "clifton"));
}

static void administrators_tokens_and_the_public_see_no_cases(void **state)
{
	(void)state;
	struct user admin = {.roles = USER_ADMINISTRATOR};
	struct caller p = {.user = &admin};
	assert_true(access_has_role(&p, USER_ADMINISTRATOR));
	assert_false(access_casework(&p, "acomb"));
	assert_false(access_audit_area(&p, "acomb"));

	/* An administrator who also leads a team sees that team. */
	admin.roles |= USER_TEAM_LEADER;
	admin.team_areas = acomb;
	admin.team_area_count = 1;
	assert_true(access_casework(&p, "acomb"));

	struct api_token token = {.scopes = "areas.write audit.read"};
	struct caller t = {.token = &token};
	assert_false(access_casework(&t, "acomb"));
	assert_false(access_has_role(&t, USER_ADMINISTRATOR));
	assert_true(token_has_scope(&token, "audit.read"));
	assert_true(token_has_scope(&token, "areas.write"));
	assert_false(token_has_scope(&token, "areas"));
	assert_false(token_has_scope(&token, "read"));

	struct caller anonymous = {0};
	assert_false(access_casework(&anonymous, "acomb"));
	assert_false(access_has_role(&anonymous, USER_COORDINATOR | USER_TEAM_LEADER |
							 USER_ADMINISTRATOR));
}

static void reach_and_leave(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	const char *covering[] = {"heworth", "acomb"};
	struct user sam = {.id = "sam", .roles = USER_COORDINATOR, .coordinator_areas = acomb,
			   .coordinator_area_count = 1};
	struct caller p = {.user = &sam, .cover_areas = covering, .cover_area_count = 2};
	const char **areas;
	assert_int_equal(access_casework_areas(&p, a, &areas), 2);
	assert_string_equal(areas[0], "acomb");
	assert_string_equal(areas[1], "heworth");

	struct user lead = {.id = "jo", .roles = USER_TEAM_LEADER, .team_areas = both,
			    .team_area_count = 2};
	struct caller l = {.user = &lead};
	assert_int_equal(access_casework_areas(&l, a, &areas), 2);
	struct user admin = {.id = "alex", .roles = USER_ADMINISTRATOR};
	struct caller ad = {.user = &admin};
	assert_int_equal(access_casework_areas(&ad, a, &areas), 0);
	struct caller nobody = {0};
	assert_int_equal(access_casework_areas(&nobody, a, &areas), 0);

	/* Leave: oneself, one's team leader, an administrator. */
	assert_true(access_leave(&p, &sam));
	assert_true(access_leave(&l, &sam));
	assert_true(access_leave(&ad, &sam));
	const char *clifton[] = {"clifton"};
	struct user other_lead = {.id = "kim", .roles = USER_TEAM_LEADER, .team_areas = clifton,
				  .team_area_count = 1};
	struct caller o = {.user = &other_lead};
	assert_false(access_leave(&o, &sam));
	struct user tom = {.id = "tom", .roles = USER_COORDINATOR, .coordinator_areas = clifton,
			   .coordinator_area_count = 1};
	struct caller t = {.user = &tom};
	assert_false(access_leave(&t, &sam));
	assert_false(access_leave(&nobody, &sam));
	arena_free(a);
}

static void throttling_waits_grow_with_each_failure(void **state)
{
	(void)state;
	assert_int_equal(throttle_wait_after(0, 5), 0);
	assert_int_equal(throttle_wait_after(4, 5), 0);
	assert_int_equal(throttle_wait_after(5, 5), 60);
	assert_int_equal(throttle_wait_after(6, 5), 120);
	assert_int_equal(throttle_wait_after(7, 5), 240);
	assert_int_equal(throttle_wait_after(10, 5), 1920);
	assert_int_equal(throttle_wait_after(11, 5), 3600);
	assert_int_equal(throttle_wait_after(1000000, 5), 3600);
	assert_int_equal(throttle_wait_after(20, THROTTLE_ADDRESS_LIMIT), 60);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(coordinators_see_their_areas_and_their_cover),
		cmocka_unit_test(team_leaders_see_their_team),
		cmocka_unit_test(administrators_tokens_and_the_public_see_no_cases),
		cmocka_unit_test(reach_and_leave),
		cmocka_unit_test(throttling_waits_grow_with_each_failure),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
