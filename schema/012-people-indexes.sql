-- The caseload shows each person's next step: their involvement's latest
-- conversation, by time.  conversations_involvement (involvement_id, state,
-- at) cannot give that order without the state, so every conversation of
-- every involvement on the caseload was read and sorted, twice a person
-- (bench/people: the caseload's statement 5.6 ms of a 9.6 ms request on
-- SQLite with 40 conversations a person).  This index answers it with one
-- step down an index, read backwards.
CREATE INDEX conversations_latest ON conversations (involvement_id, at, created_at, id);
