/* A person's shared agreement as JSON: every version, one version, two
 * compared, and a new version (or the first). */
#include "api/api.h"

#include "core/arena.h"
#include "domain/people/agreement.h"
#include "http/app.h"
#include "http/http.h"
#include "http/json_input.h"

#include <stdlib.h>
#include <string.h>

static json_t *made_by_json(const struct agreement_version *v)
{
	return v->made_by ? json_pack("{s:s,s:s?}", "id", v->made_by, "name", v->made_by_name)
			  : json_null();
}

/* The member whose own request it was, or null. */
static json_t *asked_by_person_json(const struct agreement_version *v)
{
	return v->asked_by_person_id ? json_pack("{s:s,s:s?}", "id", v->asked_by_person_id, "name",
						 v->asked_by_person_name)
				     : json_null();
}

static json_t *step_json(const struct agreement_step *s)
{
	return json_pack("{s:s,s:s,s:s,s:s?,s:s?,s:s}", "key", s->key, "words", s->words,
			 "taken_by", s->taken_by, "taken_by_words", s->taken_by_words, "by_when",
			 s->by_when, "status", s->status);
}

static json_t *goal_json(const struct agreement_goal *g, bool with_steps)
{
	json_t *o = json_pack("{s:s,s:s}", "key", g->key, "words", g->words);
	if (!with_steps)
		return o;
	json_t *steps = json_array();
	for (size_t i = 0; i < g->step_count; i++)
		json_array_append_new(steps, step_json(&g->steps[i]));
	json_object_set_new(o, "steps", steps);
	return o;
}

static json_t *version_json(const struct agreement_version *v)
{
	json_t *goals = json_array();
	for (size_t i = 0; i < v->goal_count; i++)
		json_array_append_new(goals, goal_json(&v->goals[i], true));
	return json_pack("{s:i,s:s,s:s,s:o,s:s?,s:s,s:s,s:s?,s:s?,s:s?,s:o,s:s,s:o}", "version",
			 (json_int_t)v->version, "state", v->state, "asked_by", v->asked_by,
			 "asked_by_person", asked_by_person_json(v), "why", v->why, "agreed_on", v->agreed_on, "agreed_how", v->agreed_how,
			 "other_plan_service", v->other_plan_service, "other_plan_reference",
			 v->other_plan_reference, "other_plan_note", v->other_plan_note, "made_by",
			 made_by_json(v), "made_at", v->made_at, "goals", goals);
}

/* The agreement with its versions (every one, or only that shown). */
static json_t *agreement_json(const struct agreement *g)
{
	json_t *members = json_array(), *versions = json_array();
	for (size_t i = 0; i < g->member_count; i++)
		json_array_append_new(members, json_string(g->member_names[i]));
	for (size_t i = 0; i < g->version_count; i++)
		json_array_append_new(versions, version_json(&g->versions[i]));
	if (!g->versions && g->current)
		json_array_append_new(versions, version_json(g->current));
	return json_pack("{s:s,s:s,s:{s:s,s:s},s:o,s:b,s:i,s:o}", "id", g->id, "involvement_id",
			 g->involvement_id, "person", "id", g->person_id, "name", g->person_name,
			 "members", members, "open", g->open, "version", (json_int_t)g->version,
			 "versions", versions);
}

int api_agreement(struct http_request *req, struct http_response *res)
{
	struct agreement *g;
	struct err e;
	int rc = agreement_get(req->app->db, req->who, http_path_param(req, "id"),
			       http_query(req, "involvement"), req->arena, &g, &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	return http_send_json(req, res, 200, agreement_json(g));
}

int api_agreement_version(struct http_request *req, struct http_response *res)
{
	struct agreement *g;
	struct err e;
	int rc = agreement_version_get(req->app->db, req->who, http_path_param(req, "id"),
				       http_query(req, "involvement"), strtol(http_path_param(req, "n"), NULL, 10), req->arena, &g,
				       &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	return http_send_json(req, res, 200, agreement_json(g));
}

static json_t *change_json(const struct agreement_item_change *x)
{
	static const char *const differences[] = {"added", "removed", "changed"};
	json_t *before = x->step_key ? (x->step_before ? step_json(x->step_before) : json_null())
				     : (x->goal_before ? goal_json(x->goal_before, false)
						       : json_null());
	json_t *after = x->step_key ? (x->step_after ? step_json(x->step_after) : json_null())
				    : (x->goal_after ? goal_json(x->goal_after, false) : json_null());
	json_t *fields = json_array();
	for (const char *f = x->fields; *f;) {
		size_t n = strcspn(f, ",");
		json_array_append_new(fields, json_stringn(f, n));
		f += n + (f[n] == ',');
	}
	return json_pack("{s:s,s:s,s:s?,s:o,s:o,s:o,s:{s:i,s:o,s:s,s:o,s:s}}", "difference",
			 differences[x->difference], "goal_key", x->goal_key, "step_key",
			 x->step_key, "before", before, "after", after, "fields", fields, "by",
			 "version", (json_int_t)x->by->version, "made_by", made_by_json(x->by),
			 "asked_by", x->by->asked_by, "asked_by_person",
			 asked_by_person_json(x->by), "made_at", x->by->made_at);
}

int api_agreement_compare(struct http_request *req, struct http_response *res)
{
	struct agreement *g;
	struct agreement_comparison c;
	struct err e;
	int rc = agreement_compare(req->app->db, req->who, http_path_param(req, "id"),
				   http_query(req, "involvement"), strtol(http_query(req, "from"), NULL, 10),
				   strtol(http_query(req, "to"), NULL, 10), req->arena, &g, &c, &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	json_t *changes = json_array();
	for (size_t i = 0; i < c.change_count; i++)
		json_array_append_new(changes, change_json(&c.changes[i]));
	return http_send_json(req, res, 200,
			      json_pack("{s:s,s:i,s:i,s:s,s:s,s:o}", "id", g->id, "from",
					(json_int_t)c.from->version, "to",
					(json_int_t)c.to->version, "from_state", c.from->state,
					"to_state", c.to->state, "changes", changes));
}

static const struct agreement_step_input *steps_in(json_t *list, struct arena *a,
						   size_t *count)
{
	*count = json_array_size(list);
	struct agreement_step_input *steps = arena_alloc(a, (*count + 1) * sizeof *steps);
	for (size_t i = 0; i < *count; i++) {
		json_t *s = json_array_get(list, i);
		steps[i] = (struct agreement_step_input){
			.key = json_input_string(s, "key"),
			.words = json_input_string(s, "words"),
			.taken_by = json_input_string(s, "taken_by"),
			.taken_by_words = json_input_string(s, "taken_by_words"),
			.by_when = json_input_string(s, "by_when"),
			.status = json_input_string(s, "status"),
		};
	}
	return steps;
}

int api_save_agreement(struct http_request *req, struct http_response *res)
{
	json_t *body = req->json, *list = json_object_get(body, "goals");
	json_t *from = json_object_get(body, "from_version");
	struct agreement_input in = {
		.from_version = from ? (long)json_integer_value(from) : 0,
		.state = json_input_string(body, "state"),
		.asked_by = json_input_string(body, "asked_by"),
		.why = json_input_string(body, "why"),
		.agreed_on = json_input_string(body, "agreed_on"),
		.agreed_how = json_input_string(body, "agreed_how"),
		.other_plan_service = json_input_string(body, "other_plan_service"),
		.other_plan_reference = json_input_string(body, "other_plan_reference"),
		.other_plan_note = json_input_string(body, "other_plan_note"),
		.goal_count = json_array_size(list),
	};
	struct agreement_goal_input *goals =
		arena_alloc(req->arena, (in.goal_count + 1) * sizeof *goals);
	for (size_t i = 0; i < in.goal_count; i++) {
		json_t *g = json_array_get(list, i);
		goals[i] = (struct agreement_goal_input){
			.key = json_input_string(g, "key"),
			.words = json_input_string(g, "words"),
		};
		goals[i].steps = steps_in(json_object_get(g, "steps"), req->arena,
					  &goals[i].step_count);
	}
	in.goals = goals;
	const char *person = http_path_param(req, "id");
	struct agreement *g;
	struct err e;
	int rc = agreement_save(req->app->db, req->who, person, &in, req->arena, &g, &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	http_add_header(res, "Location",
			arena_printf(req->arena, "/api/v1/people/%s/agreement/versions/%ld", person,
				     g->version));
	return http_send_json(req, res, 201, agreement_json(g));
}
