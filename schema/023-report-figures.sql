-- What the programme's reports (issue 16) read, kept where an aggregate
-- can reach it without a row-by-row search of the history: a report of
-- a year of 100,000 people must not read four million conversations.
--
-- introductions.replied_at: the reply, the first change of status away
-- from 'new' by staff (its introduction_history row's time; a row
-- written by the public form or the command line has no user and is no
-- reply).  Set in the same transaction as that history row
-- (domain/introductions/introduction.c) and never changed after.
--
-- involvements.first_conversation_at: the time of the involvement's
-- earliest held conversation, set in the same transaction as the
-- conversation that is earlier than it (domain/people/conversation.c).
-- A conversation's time and state are never corrected (only its note),
-- so the earliest cannot move later.
ALTER TABLE introductions ADD COLUMN replied_at TEXT;
UPDATE introductions SET replied_at = (SELECT min(h.at)
        FROM introduction_history h
        WHERE h.introduction_id = introductions.id AND h.status <> 'new'
            AND h.user_id IS NOT NULL);

ALTER TABLE involvements ADD COLUMN first_conversation_at TEXT;
UPDATE involvements SET first_conversation_at = (SELECT min(c.at)
        FROM conversations c
        WHERE c.involvement_id = involvements.id AND c.state = 'held');

-- Introductions received in a period, by area: every section of
-- introductions, replies and first conversations starts from this range.
CREATE INDEX introductions_received ON introductions (received_at, area_id);
-- Involvements open at a month's end, started or ended in a period.
CREATE INDEX involvements_started ON involvements (area_id, started_on);
CREATE INDEX involvements_ended ON involvements (ended_on, area_id);
