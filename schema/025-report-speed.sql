-- Indexes for the programme manager's year at 100,000 people
-- (BENCHMARKS.md, "At 100,000 people, under a second").
--
-- A scope's coordinators include any whose people live in its areas: a
-- test a coordinator, which finds the first of their people in the areas
-- in this index, where it had read every person of the areas (95 ms on
-- PostgreSQL, twice a caseloads section).  It serves the lookups by
-- coordinator alone as the index it replaces did.
DROP INDEX people_coordinator;
CREATE INDEX people_coordinator ON people (coordinator_id, area_id);

-- The latest sittings of a period are read as two ranges, those not
-- superseded yet and those superseded after the period's end
-- (src/domain/reports/report_outcomes.c, latest_rows): superseded_on
-- leads, where taken_on leading read every sitting of the period to keep
-- a third of them.
DROP INDEX outcome_standing_read;
CREATE INDEX outcome_standing_read ON outcome_standing (superseded_on, taken_on,
    involvement_id, ratings, key, first_rating, latest_rating);
DROP INDEX wellbeing_standing_read;
CREATE INDEX wellbeing_standing_read ON wellbeing_standing (superseded_on, taken_on,
    involvement_id, answers, measure, first_answer, latest_answer);
CREATE INDEX outcome_reviews_latest ON outcome_reviews (superseded_on, taken_on,
    withdrawn_at, involvement_id);

-- First conversations join a period's introductions to the involvements
-- they opened: with introductions in id order as well, both sides are
-- read in order and merged, where a hash of every involvement was built
-- (PostgreSQL at 100,000 people, a year: 260 ms to 150-190 ms).
CREATE INDEX introductions_by_id ON introductions (id, received_at, area_id, status);

-- How many involvements a person has been part of, kept in step where
-- one is opened for them or they join one (domain/people/involvement.c);
-- rows of involvement_people are never removed.  A return needs two, and
-- few people have them: a report finds them in the partial index, where
-- it grouped every row of involvement_people (a fixed 0.15 s on
-- PostgreSQL at 100,000 people, for any scope and period).
ALTER TABLE people ADD COLUMN involvement_count INTEGER NOT NULL DEFAULT 0;
UPDATE people SET involvement_count = (SELECT count(*) FROM involvement_people ip
        WHERE ip.person_id = people.id);
CREATE INDEX people_returning ON people (id) WHERE involvement_count > 1;

-- Statistics for the new indexes, as 024 ends with.
ANALYZE people;
ANALYZE introductions;
ANALYZE outcome_standing;
ANALYZE wellbeing_standing;
ANALYZE outcome_reviews;
