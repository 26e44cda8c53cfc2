#include "domain/outcomes/standing.h"

#include "core/arena.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/people/person.h"

#include <stddef.h>

/* The statements of schema/024-report-standing.sql, with the person's
 * filter (`who`: fixed text naming $1, or nothing) in place.  Each answer
 * is one text that sorts in the order answers were given and ends with
 * the answer (an ONS answer written 10 more, so always two digits):
 * min() and max() over the running window are the first and the latest,
 * on both backends, without a window sort for each. */

#define SUPERSEDED(table, who)                                                                 \
	"UPDATE " table " SET superseded_on = CASE WHEN withdrawn_at IS NULL THEN"             \
	" (SELECT min(q.taken_on) FROM " table " q"                                            \
	"  WHERE q.person_id = " table ".person_id AND q.withdrawn_at IS NULL"                 \
	"  AND (q.taken_on, q.created_at, q.id) > (" table ".taken_on, " table ".created_at, " \
	table ".id)) END" who

#define OUTCOME_STANDING(who)                                                                  \
	"INSERT INTO outcome_standing (review_id, key, taken_on, superseded_on, involvement_id,"\
	" ratings, first_rating, latest_rating)"                                               \
	" WITH live AS (SELECT r.id, r.person_id, r.taken_on, r.created_at, r.declined,"       \
	"  r.superseded_on, r.involvement_id"                                                  \
	"  FROM outcome_reviews r WHERE r.withdrawn_at IS NULL" who "),"                        \
	" keys AS (SELECT DISTINCT key FROM outcome_statements),"                              \
	" given AS (SELECT g.review_id, s.key, max(g.rating) AS rating"                        \
	"  FROM live l JOIN outcome_ratings g ON g.review_id = l.id"                           \
	"  JOIN outcome_statements s ON s.id = g.statement_id"                                 \
	"  WHERE g.rating IS NOT NULL GROUP BY g.review_id, s.key),"                           \
	" grid AS (SELECT l.id, l.person_id, l.taken_on, l.created_at, l.superseded_on,"       \
	"  l.involvement_id, k.key,"                                                           \
	"  CASE WHEN l.declined = 0 AND gv.rating IS NOT NULL"                                 \
	"  THEN l.taken_on || l.created_at || l.id || gv.rating END AS answer"                 \
	"  FROM live l CROSS JOIN keys k"                                                      \
	"  LEFT JOIN given gv ON gv.review_id = l.id AND gv.key = k.key),"                     \
	" running AS (SELECT id, key, taken_on, superseded_on, involvement_id,"                \
	"  count(answer) OVER w AS ratings,"                                                   \
	"  min(answer) OVER w AS first_one, max(answer) OVER w AS latest_one"                  \
	"  FROM grid WINDOW w AS (PARTITION BY person_id, key"                                 \
	"  ORDER BY taken_on, created_at, id ROWS UNBOUNDED PRECEDING))"                       \
	" SELECT id, key, taken_on, superseded_on, involvement_id, ratings,"                   \
	" CAST(substr(first_one, length(first_one)) AS INTEGER),"                              \
	" CAST(substr(latest_one, length(latest_one)) AS INTEGER)"                             \
	" FROM running WHERE ratings > 0"

#define WELLBEING_STANDING(who)                                                                \
	"INSERT INTO wellbeing_standing (answer_id, measure, taken_on, superseded_on,"         \
	" involvement_id, answers, first_answer, latest_answer)"                               \
	" WITH measures AS (SELECT 'life_satisfaction' AS measure UNION ALL"                   \
	"  SELECT 'worthwhile' UNION ALL SELECT 'happy' UNION ALL SELECT 'anxious'),"          \
	" grid AS (SELECT w.id, w.person_id, w.taken_on, w.created_at, w.superseded_on,"       \
	"  w.involvement_id, m.measure,"                                                       \
	"  w.taken_on || w.created_at || w.id || (10 + CASE m.measure"                         \
	"  WHEN 'life_satisfaction' THEN w.life_satisfaction"                                  \
	"  WHEN 'worthwhile' THEN w.worthwhile"                                                \
	"  WHEN 'happy' THEN w.happy ELSE w.anxious END) AS answer"                            \
	"  FROM wellbeing_answers w CROSS JOIN measures m WHERE w.withdrawn_at IS NULL" who    \
	"),"                                                                                   \
	" running AS (SELECT id, measure, taken_on, superseded_on, involvement_id,"            \
	"  count(answer) OVER w AS answers,"                                                   \
	"  min(answer) OVER w AS first_one, max(answer) OVER w AS latest_one"                  \
	"  FROM grid WINDOW w AS (PARTITION BY person_id, measure"                             \
	"  ORDER BY taken_on, created_at, id ROWS UNBOUNDED PRECEDING))"                       \
	" SELECT id, measure, taken_on, superseded_on, involvement_id, answers,"               \
	" CAST(substr(first_one, length(first_one) - 1) AS INTEGER) - 10,"                     \
	" CAST(substr(latest_one, length(latest_one) - 1) AS INTEGER) - 10"                    \
	" FROM running WHERE answers > 0"

static const char *const ONE_PERSON[] = {
	SUPERSEDED("outcome_reviews", " WHERE person_id = $1"),
	SUPERSEDED("wellbeing_answers", " WHERE person_id = $1"),
	"DELETE FROM outcome_standing WHERE review_id IN"
	" (SELECT id FROM outcome_reviews WHERE person_id = $1)",
	"DELETE FROM wellbeing_standing WHERE answer_id IN"
	" (SELECT id FROM wellbeing_answers WHERE person_id = $1)",
	OUTCOME_STANDING(" AND r.person_id = $1"),
	WELLBEING_STANDING(" AND w.person_id = $1"),
};

static const char *const EVERYONE[] = {
	SUPERSEDED("outcome_reviews", ""),
	SUPERSEDED("wellbeing_answers", ""),
	"DELETE FROM outcome_standing",
	"DELETE FROM wellbeing_standing",
	OUTCOME_STANDING(""),
	WELLBEING_STANDING(""),
};

#define STATEMENTS (sizeof ONE_PERSON / sizeof *ONE_PERSON)

int standing_refresh(struct db_conn *c, struct arena *a, const char *person_id,
		     struct err *e)
{
	struct db_param p[] = {DB_TEXT(person_id)};
	/* First the person's lock, as their other writers take it
	 * (domain/people/person.h): two writers of one person's
	 * sittings on PostgreSQL (read committed) then rebuild in turn, each
	 * statement of the second seeing the first's sitting.  Without it
	 * the second computed superseded_on from a view that lacked the
	 * first's sitting, and kept it.  On SQLite it is a no-op: one writer
	 * at a time. */
	if (person_lock(c, a, person_id, e) < 0)
		return RESULT_FAILED;
	for (size_t i = 0; i < STATEMENTS; i++)
		if (db_query(c, a, ONE_PERSON[i], p, NULL, e) < 0)
			return RESULT_FAILED;
	return RESULT_OK;
}

int standing_refresh_everyone(struct db_conn *c, struct arena *a, struct err *e)
{
	for (size_t i = 0; i < STATEMENTS; i++)
		if (db_query_plain(c, a, EVERYONE[i], NULL, e) < 0)
			return RESULT_FAILED;
	return RESULT_OK;
}
