-- Walking alongside: the person, their involvements from start to end and
-- back, and the conversations with them.  The person's words are kept as
-- they said them; a correction is a new version, never an overwrite.
-- Dates ('YYYY-MM-DD') are Europe/London; times are UTC ISO-8601 text.

-- The first table of people was a placeholder: its rows move into the
-- person and their involvement below.
DROP INDEX people_area;
ALTER TABLE people RENAME TO people_before_010;

CREATE TABLE people (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    preferred_name TEXT,           -- the name they like to be called
    phone TEXT,
    email TEXT,
    other_contact TEXT,
    contact_when TEXT,             -- when and how they like to be contacted
    best_place_to_meet TEXT,
    postcode TEXT,
    area_id TEXT NOT NULL REFERENCES areas (id),
    coordinator_id TEXT REFERENCES users (id),
    -- In their words.
    what_matters TEXT,
    good_life TEXT,
    hopes TEXT,
    gifts TEXT,                    -- gifts, skills, strengths, interests
    would_offer TEXT,              -- what they would like to offer others
    created_by TEXT REFERENCES users (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX people_area ON people (area_id);
CREATE INDEX people_coordinator ON people (coordinator_id);

-- Every change to a person's details: the value a field had before, who
-- changed it and when, so their record can be read as it was.
CREATE TABLE person_changes (
    id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES people (id),
    at TEXT NOT NULL,
    user_id TEXT REFERENCES users (id),
    field TEXT NOT NULL,
    value_before TEXT
);
CREATE INDEX person_changes_of ON person_changes (person_id, at);

-- Gifts, skills, strengths and interests: one list the team grows, which
-- the community directory uses too.  `key` is the name folded for
-- matching ("Gardening" and "gardening " are one tag).
CREATE TABLE tags (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    key TEXT NOT NULL UNIQUE,
    created_by TEXT REFERENCES users (id),
    created_at TEXT NOT NULL
);

CREATE TABLE person_tags (
    person_id TEXT NOT NULL REFERENCES people (id),
    tag_id TEXT NOT NULL REFERENCES tags (id),
    PRIMARY KEY (person_id, tag_id)
);
CREATE INDEX person_tags_tag ON person_tags (tag_id);

-- A stretch of time a coordinator is involved with a person: short-term
-- help (information, a conversation, a connection) or walking alongside.
-- Either kind can become the other; nothing ends by itself.  A later one
-- for the same person is a return.
CREATE TABLE involvements (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('short_term', 'walking_alongside')),
    area_id TEXT NOT NULL REFERENCES areas (id),
    introduction_id TEXT UNIQUE REFERENCES introductions (id),
    started_on TEXT NOT NULL,
    ended_on TEXT,
    end_reason TEXT CHECK (end_reason IN ('person_chose', 'in_place',
        'moved_away', 'no_contact', 'died', 'other')),
    end_words TEXT,                -- the reason in words, for 'other'
    ended_by TEXT CHECK (ended_by IN ('person', 'agreement', 'coordinator')),
    -- The last contact a spreadsheet it moved in from knew of (a date),
    -- with no conversation to show for it: the caseload counts from it.
    last_contact_before_import TEXT,
    created_by TEXT REFERENCES users (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (ended_on IS NULL OR ended_on >= started_on),
    CHECK ((ended_on IS NULL) = (end_reason IS NULL)),
    CHECK ((ended_on IS NULL) = (ended_by IS NULL))
);
CREATE INDEX involvements_area ON involvements (area_id, ended_on);

-- Who an involvement is with: one person, or the members of a family or
-- household, who share it and count once against capacity.
CREATE TABLE involvement_people (
    involvement_id TEXT NOT NULL REFERENCES involvements (id),
    person_id TEXT NOT NULL REFERENCES people (id),
    PRIMARY KEY (involvement_id, person_id)
);
CREATE INDEX involvement_people_person ON involvement_people (person_id);

-- Every start, change of kind, end and return, with who and when.
CREATE TABLE involvement_history (
    id TEXT PRIMARY KEY,
    involvement_id TEXT NOT NULL REFERENCES involvements (id),
    at TEXT NOT NULL,
    user_id TEXT REFERENCES users (id),
    event TEXT NOT NULL CHECK (event IN ('started', 'kind_changed', 'ended')),
    kind TEXT NOT NULL,            -- the kind after the event
    note TEXT,
    -- The event's place in its involvement's story: two events can share a
    -- millisecond, and a random id does not order them.
    seq INTEGER NOT NULL,
    UNIQUE (involvement_id, seq)
);

-- The contact log.  'arranged' is a call or message that set a
-- conversation up; the first conversation of an involvement is its
-- earliest 'held' one.
CREATE TABLE conversations (
    id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES people (id),
    involvement_id TEXT NOT NULL REFERENCES involvements (id),
    at TEXT NOT NULL,
    how TEXT NOT NULL CHECK (how IN ('met', 'phone', 'text', 'email',
        'video', 'drop_in')),
    state TEXT NOT NULL DEFAULT 'held' CHECK (state IN ('held', 'arranged')),
    drop_in_id TEXT REFERENCES drop_ins (id),
    place TEXT,                    -- typed, when not a drop-in
    who_was_there TEXT,
    good_life INTEGER NOT NULL DEFAULT 0 CHECK (good_life IN (0, 1)),
    next_step TEXT,
    next_step_on TEXT,
    created_by TEXT REFERENCES users (id),
    created_at TEXT NOT NULL
);
CREATE INDEX conversations_person ON conversations (person_id, at);
CREATE INDEX conversations_involvement ON conversations (involvement_id, state, at);
-- One good-life conversation an involvement, kept by the database: two
-- requests at once may both find none yet.
CREATE UNIQUE INDEX conversations_one_good_life ON conversations (involvement_id)
    WHERE good_life = 1;

-- A conversation's note, every version: the newest is shown, the older
-- ones as corrected, with who and when.
CREATE TABLE conversation_notes (
    id TEXT PRIMARY KEY,
    conversation_id TEXT NOT NULL REFERENCES conversations (id),
    version INTEGER NOT NULL,
    note TEXT NOT NULL,
    at TEXT NOT NULL,
    user_id TEXT REFERENCES users (id),
    UNIQUE (conversation_id, version)
);

-- An introduction linked to someone already known, chosen from the likely
-- matches, so its outcome opens their return rather than a second record.
ALTER TABLE introductions ADD COLUMN person_id TEXT REFERENCES people (id);

-- The placeholder rows: each was walking alongside, from its introduction
-- (ids are kept: a person's and their involvement's).  Contact details
-- come from the introduction; the coordinator is the area's.
INSERT INTO people (id, name, phone, email, other_contact, contact_when,
        best_place_to_meet, postcode, area_id, coordinator_id, created_at,
        updated_at)
    SELECT p.id, p.name, i.person_phone, i.person_email,
        i.person_other_contact, i.contact_when, i.best_place_to_meet,
        i.postcode, p.area_id,
        (SELECT min(ra.user_id) FROM user_role_areas ra
            JOIN users u ON u.id = ra.user_id
            WHERE ra.role = 'coordinator' AND ra.area_id = p.area_id
                AND u.disabled = 0),
        p.created_at, p.created_at
    FROM people_before_010 p LEFT JOIN introductions i ON i.id = p.introduction_id;
INSERT INTO involvements (id, kind, area_id, introduction_id, started_on,
        ended_on, end_reason, end_words, ended_by, created_at, updated_at)
    SELECT id, 'walking_alongside', area_id, introduction_id, started_on,
        ended_on,
        CASE WHEN ended_on IS NULL THEN NULL ELSE 'other' END,
        CASE WHEN ended_on IS NULL THEN NULL
            ELSE 'Ended before reasons were recorded' END,
        CASE WHEN ended_on IS NULL THEN NULL ELSE 'coordinator' END,
        created_at, created_at
    FROM people_before_010;
-- "Information only" never had a record: it becomes short-term help, from
-- the day it was decided (its history's row, else its last change), with
-- the introduction's id for both.  That day is the UTC date: London's
-- differs only for a decision between 23:00 and midnight UTC in summer,
-- which portable SQL cannot tell.
INSERT INTO people (id, name, phone, email, other_contact, contact_when,
        best_place_to_meet, postcode, area_id, coordinator_id, created_at,
        updated_at)
    SELECT i.id, i.person_name, i.person_phone, i.person_email,
        i.person_other_contact, i.contact_when, i.best_place_to_meet,
        i.postcode, i.area_id,
        (SELECT min(ra.user_id) FROM user_role_areas ra
            JOIN users u ON u.id = ra.user_id
            WHERE ra.role = 'coordinator' AND ra.area_id = i.area_id
                AND u.disabled = 0),
        i.updated_at, i.updated_at
    FROM introductions i
    WHERE i.status = 'information_only'
        AND NOT EXISTS (SELECT 1 FROM people_before_010 p
            WHERE p.introduction_id = i.id);
INSERT INTO involvements (id, kind, area_id, introduction_id, started_on,
        created_at, updated_at)
    SELECT i.id, 'short_term', i.area_id, i.id,
        coalesce((SELECT substr(max(h.at), 1, 10) FROM introduction_history h
            WHERE h.introduction_id = i.id AND h.status = 'information_only'),
            substr(i.updated_at, 1, 10)),
        i.updated_at, i.updated_at
    FROM introductions i
    WHERE i.status = 'information_only'
        AND NOT EXISTS (SELECT 1 FROM people_before_010 p
            WHERE p.introduction_id = i.id);
INSERT INTO involvement_people (involvement_id, person_id)
    SELECT id, id FROM involvements;
INSERT INTO involvement_history (id, involvement_id, at, event, kind, seq)
    SELECT id, id, created_at, 'started', kind, 1 FROM involvements;
UPDATE introductions SET person_id = (SELECT ip.person_id
        FROM involvements v JOIN involvement_people ip
            ON ip.involvement_id = v.id
        WHERE v.introduction_id = introductions.id)
    WHERE status IN ('walking_alongside', 'information_only');
DROP TABLE people_before_010;
