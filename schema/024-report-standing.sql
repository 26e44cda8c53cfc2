-- Where each person stands in their outcomes and wellbeing at each of
-- their sittings, kept so the reports (issue 16) read one row a person
-- and measure instead of grouping every rating anyone ever gave: at
-- 100,000 people a year of the programme manager's report grouped some
-- 700,000 ratings for the movement table alone.
--
-- A sitting's standing is, for each statement key (or ONS measure) the
-- person has answered by then, their first answer, their latest one
-- and how many they have given, counting only sittings not withdrawn
-- and in the order the answers were given (the day, then when it was
-- entered, then its id).  A declined sitting carries forward what came
-- before it.  superseded_on is the day of the person's next sitting in
-- that order (NULL for the latest), so "their latest sitting on or
-- before a day" is one test on one row.  Each standing row carries its
-- sitting's day, next day and involvement, so a report reads a period's
-- standing from one index without visiting the sittings.
--
-- Derived, never typed: domain/outcomes/standing.c rewrites a person's
-- rows in the same transaction as any sitting of theirs is added or
-- withdrawn.  The statements below fill them for sittings already kept;
-- they are the same as standing.c's, for everyone at once.
ALTER TABLE outcome_reviews ADD COLUMN superseded_on TEXT;
ALTER TABLE wellbeing_answers ADD COLUMN superseded_on TEXT;

CREATE TABLE outcome_standing (
    review_id TEXT NOT NULL REFERENCES outcome_reviews (id),
    key TEXT NOT NULL,
    taken_on TEXT NOT NULL,        -- the sitting's, as are the next two
    superseded_on TEXT,
    involvement_id TEXT NOT NULL REFERENCES involvements (id),
    ratings INTEGER NOT NULL CHECK (ratings >= 1),
    first_rating INTEGER NOT NULL CHECK (first_rating BETWEEN 1 AND 5),
    latest_rating INTEGER NOT NULL CHECK (latest_rating BETWEEN 1 AND 5),
    PRIMARY KEY (review_id, key)
);

CREATE TABLE wellbeing_standing (
    answer_id TEXT NOT NULL REFERENCES wellbeing_answers (id),
    measure TEXT NOT NULL CHECK (measure IN ('life_satisfaction', 'worthwhile',
        'happy', 'anxious')),
    taken_on TEXT NOT NULL,        -- the answers', as are the next two
    superseded_on TEXT,
    involvement_id TEXT NOT NULL REFERENCES involvements (id),
    answers INTEGER NOT NULL CHECK (answers >= 1),
    first_answer INTEGER NOT NULL CHECK (first_answer BETWEEN 0 AND 10),
    latest_answer INTEGER NOT NULL CHECK (latest_answer BETWEEN 0 AND 10),
    PRIMARY KEY (answer_id, measure)
);

-- What a report reads, without the table rows (at 100,000 people each
-- row a statement fetched was a random read): a period's standing; a
-- period's sittings, the latest of them, their involvement and counts by
-- point;
-- the involvements of the scope's areas, and those started in a period
-- with the person's others (returns); a period's introductions, with
-- their replies and first conversations; the caseloads' involvements and
-- coordinators, and which involvements ever changed kind; a period's
-- costs avoided.
DROP INDEX outcome_reviews_taken;
CREATE INDEX outcome_reviews_taken ON outcome_reviews (taken_on, withdrawn_at,
    superseded_on, involvement_id, id, person_id, point, declined);
DROP INDEX wellbeing_answers_taken;
CREATE INDEX wellbeing_answers_taken ON wellbeing_answers (taken_on, withdrawn_at,
    superseded_on, involvement_id, id);
CREATE INDEX outcome_standing_read ON outcome_standing (taken_on, superseded_on,
    involvement_id, ratings, key, first_rating, latest_rating);
CREATE INDEX wellbeing_standing_read ON wellbeing_standing (taken_on, superseded_on,
    involvement_id, answers, measure, first_answer, latest_answer);
DROP INDEX involvements_started;
CREATE INDEX involvements_started ON involvements (area_id, started_on, id, created_at,
    ended_on, kind);
CREATE INDEX involvements_open ON involvements (id, area_id, started_on, ended_on, kind,
    created_at);
DROP INDEX involvement_people_person;
CREATE INDEX involvement_people_person ON involvement_people (person_id, involvement_id);
CREATE INDEX involvement_history_kinds ON involvement_history (event, involvement_id);
CREATE INDEX people_coordinated ON people (id, coordinator_id);
DROP INDEX introductions_received;
CREATE INDEX introductions_received ON introductions (received_at, area_id, status,
    introduced_by, channel, due_on, replied_at, id);
CREATE INDEX involvements_introduced ON involvements (introduction_id, id,
    first_conversation_at);
DROP INDEX cost_events_happened;
CREATE INDEX cost_events_happened ON cost_events (happened_on, withdrawn_at,
    involvement_id, kind, quantity, person_id);

UPDATE outcome_reviews SET superseded_on = (SELECT min(q.taken_on)
        FROM outcome_reviews q
        WHERE q.person_id = outcome_reviews.person_id AND q.withdrawn_at IS NULL
            AND (q.taken_on, q.created_at, q.id) > (outcome_reviews.taken_on,
                outcome_reviews.created_at, outcome_reviews.id))
    WHERE withdrawn_at IS NULL;
UPDATE wellbeing_answers SET superseded_on = (SELECT min(q.taken_on)
        FROM wellbeing_answers q
        WHERE q.person_id = wellbeing_answers.person_id AND q.withdrawn_at IS NULL
            AND (q.taken_on, q.created_at, q.id) > (wellbeing_answers.taken_on,
                wellbeing_answers.created_at, wellbeing_answers.id))
    WHERE withdrawn_at IS NULL;

INSERT INTO outcome_standing (review_id, key, taken_on, superseded_on, involvement_id,
    ratings, first_rating, latest_rating)
WITH live AS (SELECT r.id, r.person_id, r.taken_on, r.created_at, r.declined,
            r.superseded_on, r.involvement_id
        FROM outcome_reviews r WHERE r.withdrawn_at IS NULL),
    keys AS (SELECT DISTINCT key FROM outcome_statements),
    given AS (SELECT g.review_id, s.key, max(g.rating) AS rating
        FROM live l JOIN outcome_ratings g ON g.review_id = l.id
        JOIN outcome_statements s ON s.id = g.statement_id
        WHERE g.rating IS NOT NULL GROUP BY g.review_id, s.key),
    grid AS (SELECT l.id, l.person_id, l.taken_on, l.created_at, l.superseded_on,
            l.involvement_id, k.key,
            CASE WHEN l.declined = 0 AND gv.rating IS NOT NULL
                THEN l.taken_on || l.created_at || l.id || gv.rating END AS answer
        FROM live l CROSS JOIN keys k
        LEFT JOIN given gv ON gv.review_id = l.id AND gv.key = k.key),
    running AS (SELECT id, key, taken_on, superseded_on, involvement_id,
            count(answer) OVER w AS ratings,
            min(answer) OVER w AS first_one, max(answer) OVER w AS latest_one
        FROM grid WINDOW w AS (PARTITION BY person_id, key
            ORDER BY taken_on, created_at, id ROWS UNBOUNDED PRECEDING))
SELECT id, key, taken_on, superseded_on, involvement_id, ratings,
    CAST(substr(first_one, length(first_one)) AS INTEGER),
    CAST(substr(latest_one, length(latest_one)) AS INTEGER)
FROM running WHERE ratings > 0;

INSERT INTO wellbeing_standing (answer_id, measure, taken_on, superseded_on,
    involvement_id, answers, first_answer, latest_answer)
WITH measures AS (SELECT 'life_satisfaction' AS measure UNION ALL SELECT 'worthwhile'
        UNION ALL SELECT 'happy' UNION ALL SELECT 'anxious'),
    grid AS (SELECT w.id, w.person_id, w.taken_on, w.created_at, w.superseded_on,
            w.involvement_id, m.measure,
            w.taken_on || w.created_at || w.id || (10 + CASE m.measure
                WHEN 'life_satisfaction' THEN w.life_satisfaction
                WHEN 'worthwhile' THEN w.worthwhile
                WHEN 'happy' THEN w.happy ELSE w.anxious END) AS answer
        FROM wellbeing_answers w CROSS JOIN measures m WHERE w.withdrawn_at IS NULL),
    running AS (SELECT id, measure, taken_on, superseded_on, involvement_id,
            count(answer) OVER w AS answers,
            min(answer) OVER w AS first_one, max(answer) OVER w AS latest_one
        FROM grid WINDOW w AS (PARTITION BY person_id, measure
            ORDER BY taken_on, created_at, id ROWS UNBOUNDED PRECEDING))
SELECT id, measure, taken_on, superseded_on, involvement_id, answers,
    CAST(substr(first_one, length(first_one) - 1) AS INTEGER) - 10,
    CAST(substr(latest_one, length(latest_one) - 1) AS INTEGER) - 10
FROM running WHERE answers > 0;

-- The planner's figures for the indexes above: without them SQLite chose
-- to walk every sitting for a year's report (7.5 s against 4.3 s at
-- 100,000 people).
ANALYZE;
