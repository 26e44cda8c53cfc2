/* Outcomes as JSON: a person's sittings, recording and withdrawing one,
 * and the statements (read by staff, changed by a programme manager or an
 * administrator). */
#include "api/api.h"

#include "core/arena.h"
#include "domain/outcomes/outcome.h"
#include "http/app.h"
#include "http/http.h"
#include "http/json_input.h"

#include <stdbool.h>
#include <string.h>

static json_t *statement_json(const struct outcome_statement *s)
{
	return json_pack("{s:s,s:s,s:I,s:s,s:I,s:s,s:s,s:[s,s,s,s,s],s:b}", "id", s->id, "key",
			 s->key, "version", (json_int_t)s->version, "framework", s->framework,
			 "position", (json_int_t)s->position, "title", s->title, "question",
			 s->question, "steps", s->steps[0], s->steps[1], s->steps[2], s->steps[3],
			 s->steps[4], "in_use", s->in_use);
}

/* A rating they chose not to give is null, with rather_not_say true. */
static json_t *review_json(const struct outcome_review *r)
{
	json_t *ratings = json_array();
	for (size_t i = 0; i < r->rating_count; i++) {
		const struct outcome_rating *g = &r->ratings[i];
		json_array_append_new(
			ratings,
			json_pack("{s:o,s:o,s:b,s:s?}", "statement", statement_json(&g->statement),
				  "rating",
				  g->rating == OUTCOME_NOT_SAID ? json_null()
								: json_integer(g->rating),
				  "rather_not_say", g->rating == OUTCOME_NOT_SAID, "words",
				  g->words));
	}
	json_t *withdrawn = r->withdrawn_at
				    ? json_pack("{s:s,s:s?,s:s}", "at", r->withdrawn_at, "by",
						r->withdrawn_by_name, "why", r->withdrawn_why)
				    : json_null();
	return json_pack("{s:s,s:s,s:s,s:s,s:b,s:s?,s:s?,s:s,s:o,s:o}", "id", r->id,
			 "involvement_id", r->involvement_id, "point", r->point, "taken_on",
			 r->taken_on, "declined", r->declined, "declined_words", r->declined_words,
			 "recorded_by", r->created_by_name, "recorded_at", r->created_at,
			 "withdrawn", withdrawn, "ratings", ratings);
}

int api_outcomes(struct http_request *req, struct http_response *res)
{
	struct outcome_review *list;
	const char *name;
	size_t n;
	struct err e;
	int rc = outcome_review_list(req->app->db, req->who, http_path_param(req, "id"),
				     req->arena, &name, &list, &n, &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, review_json(&list[i]));
	return http_send_json(req, res, 200, json_pack("{s:{s:s,s:s},s:o}", "person", "id",
						      http_path_param(req, "id"), "name", name,
						      "reviews", items));
}

/* An answer's rating: 1-5, or rather_not_say true without one; anything
 * else (neither, or both) is no answer, refused by the domain. */
static int rating_in(json_t *x)
{
	json_t *rating = json_object_get(x, "rating");
	bool not_said = json_is_true(json_object_get(x, "rather_not_say"));
	if (not_said)
		return rating ? OUTCOME_NO_ANSWER : OUTCOME_NOT_SAID;
	if (!rating)
		return OUTCOME_NO_ANSWER;
	json_int_t v = json_integer_value(rating);
	return v >= 1 && v <= 5 ? (int)v : OUTCOME_NO_ANSWER;
}

int api_record_outcomes(struct http_request *req, struct http_response *res)
{
	json_t *body = req->json, *list = json_object_get(body, "answers");
	struct outcome_review_input in = {
		.involvement_id = json_input_string(body, "involvement_id"),
		.point = json_input_string(body, "point"),
		.taken_on = json_input_string(body, "taken_on"),
		.declined = json_is_true(json_object_get(body, "declined")),
		.declined_words = json_input_string(body, "declined_words"),
		.answer_count = json_array_size(list),
	};
	struct outcome_answer_input *answers =
		arena_alloc(req->arena, (in.answer_count + 1) * sizeof *answers);
	for (size_t i = 0; i < in.answer_count; i++) {
		json_t *x = json_array_get(list, i);
		answers[i] = (struct outcome_answer_input){json_input_string(x, "statement_id"),
							   rating_in(x),
							   json_input_string(x, "words")};
	}
	in.answers = answers;
	const char *person = http_path_param(req, "id");
	struct outcome_review *r;
	struct err e;
	int rc = outcome_review_record(req->app->db, req->who, person, &in, req->arena, &r, &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	return http_send_json(req, res, 201, review_json(r));
}

int api_withdraw_outcomes(struct http_request *req, struct http_response *res)
{
	struct err e;
	int rc = outcome_review_withdraw(req->app->db, req->who, http_path_param(req, "id"),
					 http_path_param(req, "review"),
					 json_input_string(req->json, "why"), &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	return http_send_json(req, res, 200, json_pack("{s:s,s:b}", "id",
						       http_path_param(req, "review"), "withdrawn",
						       1));
}

static json_t *statements_json(const struct outcome_statement *s, size_t n)
{
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, statement_json(&s[i]));
	return json_pack("{s:o}", "statements", items);
}

int api_outcome_statements(struct http_request *req, struct http_response *res)
{
	struct outcome_statement *s;
	size_t n;
	struct err e;
	const char *retired = http_query(req, "retired");
	int rc = outcome_statements(req->app->db, req->who, retired && strcmp(retired, "1") == 0,
				    req->arena, &s, &n, &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	return http_send_json(req, res, 200, statements_json(s, n));
}

/* The wording in a body: title, question and steps (five strings). */
static struct outcome_statement_input wording_in(json_t *body)
{
	struct outcome_statement_input in = {json_input_string(body, "title"),
					     json_input_string(body, "question"),
					     {0}};
	json_t *steps = json_object_get(body, "steps");
	for (size_t i = 0; i < OUTCOME_STEPS; i++)
		in.steps[i] = json_string_value(json_array_get(steps, i));
	return in;
}

/* More than five steps is refused here: the domain is given five. */
static bool too_many_steps(struct http_request *req, struct http_response *res, int *rc)
{
	if (json_array_size(json_object_get(req->json, "steps")) <= OUTCOME_STEPS)
		return false;
	struct err e = {0};
	err_field(&e, "steps", "Five steps, from the hardest place to be to the best");
	*rc = http_send_result(req, res, RESULT_INVALID, &e, NULL);
	return true;
}

int api_add_outcome_statement(struct http_request *req, struct http_response *res)
{
	int refused;
	if (too_many_steps(req, res, &refused))
		return refused;
	struct outcome_statement_input in = wording_in(req->json);
	struct outcome_statement *s;
	struct err e;
	int rc = outcome_statement_add(req->app->db, req->who, &in, req->arena, &s, &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	return http_send_json(req, res, 201, statement_json(s));
}

int api_change_outcome_statement(struct http_request *req, struct http_response *res)
{
	json_t *body = req->json, *position = json_object_get(body, "position");
	const char *key = http_path_param(req, "key");
	bool retire = json_is_true(json_object_get(body, "retired"));
	bool reword = json_object_get(body, "title") || json_object_get(body, "question") ||
		      json_object_get(body, "steps");
	struct err e;
	if ((int)retire + (int)reword + (position != NULL) != 1)
		return http_send_error(req, res, HTTP_STATUS_INVALID, "invalid",
				       "Send one change: a new wording (title, question, steps), "
				       "\"retired\": true, or a \"position\"");
	int rc;
	if (too_many_steps(req, res, &rc))
		return rc;
	if (retire)
		rc = outcome_statement_retire(req->app->db, req->who, key, &e);
	else if (position)
		rc = outcome_statement_move(req->app->db, req->who, key,
					    (long)json_integer_value(position), &e);
	else {
		struct outcome_statement_input in = wording_in(body);
		struct outcome_statement *s;
		rc = outcome_statement_reword(req->app->db, req->who, key, &in, req->arena, &s,
					      &e);
		if (rc == 0)
			return http_send_json(req, res, 200, statement_json(s));
	}
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	struct outcome_statement *all;
	size_t n;
	rc = outcome_statements(req->app->db, req->who, true, req->arena, &all, &n, &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	return http_send_json(req, res, 200, statements_json(all, n));
}
