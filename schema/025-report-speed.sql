-- Indexes for the programme manager's year at 100,000 people
-- (BENCHMARKS.md, "At 100,000 people, under a second").
--
-- A scope's coordinators include any whose people live in its areas: a
-- test a coordinator, which found the first of their people in the areas
-- in this index, where it had read every person of the areas (95 ms on
-- PostgreSQL, twice a caseloads section).  It serves the lookups by
-- coordinator alone as the index it replaces did.
DROP INDEX people_coordinator;
CREATE INDEX people_coordinator ON people (coordinator_id, area_id);
-- Statistics for the new index, as 024 ends with.
ANALYZE people;
