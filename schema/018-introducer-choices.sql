-- Who got in touch, in four choices that do not overlap (issue 15).
--
-- Before: self, family, friend_or_neighbour, professional, community.
-- "Friend or neighbour" and "a member of the community who knows them"
-- were the same people described twice, and "family" differed from them
-- only in a way nobody acts on: each is someone who knows the person
-- personally, and the coordinator talks with them the same way.  What
-- does change the conversation is whether the sender knows the person
-- personally, works with them, or is a group they belong to.  After:
--
--   self              the person themselves
--   family_or_friend  family, a friend or a neighbour: someone who knows
--                     them personally
--   professional      someone who works with them (a GP practice, housing,
--                     social care, a school)
--   community_group   a community group, faith group or charity they are
--                     part of
--
-- Existing rows: family, friend_or_neighbour and community (which the form
-- offered as "a member of the community who knows them", a person, not a
-- group) all become family_or_friend; self and professional stay.  No
-- earlier choice meant a group, so nothing becomes community_group.
-- The old values sent to the API are refused with the new name to use
-- (domain/introductions/introduction.c), not quietly mapped: "community"
-- now reads as a group to a reader of the new list.
--
-- The CHECK constraint changes.  PostgreSQL alters it in place.  SQLite
-- cannot alter a CHECK: the table is rebuilt, inside the migration's one
-- transaction, where foreign_keys is ON and cannot be turned off.  So:
-- references to introductions (involvements) wait until the commit
-- (defer_foreign_keys), by which time the new table holds every id again;
-- and dropping the old table deletes its history rows (ON DELETE CASCADE),
-- so the history is copied aside first and put back.

-- dialect: postgresql
ALTER TABLE introductions DROP CONSTRAINT introductions_introduced_by_check;
UPDATE introductions SET introduced_by = 'family_or_friend'
    WHERE introduced_by IN ('family', 'friend_or_neighbour', 'community');
ALTER TABLE introductions ADD CONSTRAINT introductions_introduced_by_check
    CHECK (introduced_by IN ('self', 'family_or_friend', 'professional',
        'community_group'));

-- dialect: sqlite
PRAGMA defer_foreign_keys = ON;
CREATE TABLE introductions_before_018 AS SELECT * FROM introductions;
CREATE TABLE introduction_history_before_018 AS SELECT * FROM introduction_history;
DROP TABLE introductions;
CREATE TABLE introductions (
    id TEXT PRIMARY KEY,
    status TEXT NOT NULL CHECK (status IN ('new', 'contacted',
        'conversation_arranged', 'walking_alongside', 'information_only',
        'not_now', 'outside_area', 'other_service')),
    -- The area whose coordinator answers: the person's own, or for near
    -- and not covered, the nearest covered area's, who decides.
    area_id TEXT NOT NULL REFERENCES areas (id),
    placement TEXT NOT NULL
        CHECK (placement IN ('covered', 'near', 'not_covered')),
    distance_m INTEGER,
    postcode TEXT,
    person_name TEXT NOT NULL,
    person_phone TEXT,
    person_email TEXT,
    person_other_contact TEXT,
    contact_when TEXT,
    best_place_to_meet TEXT,
    address TEXT,
    background TEXT,
    introduced_by TEXT NOT NULL CHECK (introduced_by IN ('self',
        'family_or_friend', 'professional', 'community_group')),
    introducer_name TEXT,
    introducer_organisation TEXT,
    introducer_phone TEXT,
    introducer_email TEXT,
    person_knows TEXT NOT NULL
        CHECK (person_knows IN ('yes', 'not_asked', 'no')),
    channel TEXT NOT NULL CHECK (channel IN ('phone', 'text', 'voicemail',
        'email', 'facebook', 'drop_in', 'face_to_face', 'web')),
    urgent INTEGER NOT NULL DEFAULT 0 CHECK (urgent IN (0, 1)),
    other_service TEXT,            -- suggested alongside an urgent one
    received_at TEXT NOT NULL,
    due_on TEXT NOT NULL,
    created_by TEXT REFERENCES users (id),  -- NULL: the public form
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    person_id TEXT REFERENCES people (id)
);
INSERT INTO introductions (id, status, area_id, placement, distance_m,
        postcode, person_name, person_phone, person_email,
        person_other_contact, contact_when, best_place_to_meet, address,
        background, introduced_by, introducer_name, introducer_organisation,
        introducer_phone, introducer_email, person_knows, channel, urgent,
        other_service, received_at, due_on, created_by, created_at,
        updated_at, person_id)
    SELECT id, status, area_id, placement, distance_m, postcode, person_name,
        person_phone, person_email, person_other_contact, contact_when,
        best_place_to_meet, address, background,
        CASE WHEN introduced_by IN ('family', 'friend_or_neighbour', 'community')
            THEN 'family_or_friend' ELSE introduced_by END,
        introducer_name, introducer_organisation, introducer_phone,
        introducer_email, person_knows, channel, urgent, other_service,
        received_at, due_on, created_by, created_at, updated_at, person_id
    FROM introductions_before_018;
INSERT INTO introduction_history (id, introduction_id, at, user_id, status, note)
    SELECT id, introduction_id, at, user_id, status, note
    FROM introduction_history_before_018
    WHERE id NOT IN (SELECT id FROM introduction_history);
DROP TABLE introductions_before_018;
DROP TABLE introduction_history_before_018;
CREATE INDEX introductions_area ON introductions (area_id, status, due_on);
