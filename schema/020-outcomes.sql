-- Outcomes, in the person's hands (issue 16): where they are in each of
-- the programme's outcomes, rated by them on a five-step scale with
-- their own words beside it, at the start, at reviews and at the end.
-- Dates ('YYYY-MM-DD') are Europe/London; times are UTC ISO-8601 text.

-- What people rate themselves against: the five domains (safe, strong,
-- connected, healthy, in control) by default, and a programme's own
-- statements instead or as well.  Wording is never changed in place: a
-- new wording is a new row with the same key and the next version, and a
-- rating names the row it was given under, so it keeps its words.
-- `in_use` says which statements the page asks now (the newest version
-- of a key, unless the key was retired).  Each step of the scale has
-- plain words of its own (step_1, the lowest, to step_5).
CREATE TABLE outcome_statements (
    id TEXT PRIMARY KEY,
    key TEXT NOT NULL,             -- 'safe', 'less_isolated'
    version INTEGER NOT NULL,
    framework TEXT NOT NULL CHECK (framework IN ('five_domains', 'programme')),
    position INTEGER NOT NULL,     -- the order the page asks them in
    title TEXT NOT NULL,           -- "Safe"
    question TEXT NOT NULL,        -- "How safe do you feel, at home and around?"
    step_1 TEXT NOT NULL,
    step_2 TEXT NOT NULL,
    step_3 TEXT NOT NULL,
    step_4 TEXT NOT NULL,
    step_5 TEXT NOT NULL,
    in_use INTEGER NOT NULL DEFAULT 1 CHECK (in_use IN (0, 1)),
    created_by TEXT REFERENCES users (id),
    created_at TEXT NOT NULL,
    UNIQUE (key, version)
);

-- One sitting: the person and coordinator together, at the start of
-- walking alongside, at a review, or at the end.  The person may decline
-- the whole sitting (declined = 1, no ratings) or any one statement (its
-- rating NULL): either is an answer they gave, kept, not a gap.  A
-- sitting recorded by mistake is withdrawn with the reason, never
-- deleted, and left out of every figure.
CREATE TABLE outcome_reviews (
    id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES people (id),
    involvement_id TEXT NOT NULL REFERENCES involvements (id),
    point TEXT NOT NULL CHECK (point IN ('start', 'review', 'end')),
    taken_on TEXT NOT NULL,
    declined INTEGER NOT NULL DEFAULT 0 CHECK (declined IN (0, 1)),
    declined_words TEXT,           -- what they said, if they said
    created_by TEXT REFERENCES users (id),
    created_at TEXT NOT NULL,
    withdrawn_at TEXT,
    withdrawn_by TEXT REFERENCES users (id),
    withdrawn_why TEXT,
    CHECK ((withdrawn_at IS NULL) = (withdrawn_why IS NULL))
);
CREATE INDEX outcome_reviews_person ON outcome_reviews (person_id, taken_on);
CREATE INDEX outcome_reviews_taken ON outcome_reviews (taken_on);

CREATE TABLE outcome_ratings (
    review_id TEXT NOT NULL REFERENCES outcome_reviews (id),
    statement_id TEXT NOT NULL REFERENCES outcome_statements (id),
    rating INTEGER CHECK (rating BETWEEN 1 AND 5),  -- NULL: they chose not to
    words TEXT,                    -- in their words, as they said them
    PRIMARY KEY (review_id, statement_id)
);
CREATE INDEX outcome_ratings_statement ON outcome_ratings (statement_id);

-- The five domains, in the words of docs/outcomes.md (the same words: a
-- change there is a new version here, never an edit of these rows).
INSERT INTO outcome_statements (id, key, version, framework, position, title,
    question, step_1, step_2, step_3, step_4, step_5, in_use, created_by,
    created_at) VALUES
    ('outcome-safe-1', 'safe', 1, 'five_domains', 1, 'Safe', 'How safe do you feel, at home and when you''re out and about?',
     'I don''t feel safe, at home or out',
     'I often feel unsafe or worried something will happen',
     'I feel safe some of the time',
     'I mostly feel safe',
     'I feel safe, and I know who to turn to if that changes', 1, NULL, '2026-12-01T00:00:00.000Z'),
    ('outcome-strong-1', 'strong', 1, 'five_domains', 2, 'Strong', 'How strong do you feel in yourself, able to cope with what life brings?',
     'I feel I can''t cope with things at the moment',
     'I''m just about getting by, day to day',
     'I can cope with some things, but not everything',
     'I feel fairly strong and I''m using what I''m good at',
     'I feel strong in myself and I can deal with what comes', 1, NULL, '2026-12-01T00:00:00.000Z'),
    ('outcome-connected-1', 'connected', 1, 'five_domains', 3, 'Connected', 'How connected do you feel to people and to the life around you?',
     'I feel cut off from people',
     'I see people now and then, but I often feel alone',
     'I have some people in my life, and I''d like more',
     'I have people I can count on and things I''m part of',
     'I have people around me and I''m part of things', 1, NULL, '2026-12-01T00:00:00.000Z'),
    ('outcome-healthy-1', 'healthy', 1, 'five_domains', 4, 'Healthy', 'How are you keeping, in body and in mind?',
     'My health is stopping me from living the way I want',
     'My health gets in the way a lot',
     'Some days are good and some are hard',
     'I''m mostly keeping well and looking after myself',
     'I feel well and I''m looking after myself the way I want', 1, NULL, '2026-12-01T00:00:00.000Z'),
    ('outcome-in-control-1', 'in_control', 1, 'five_domains', 5, 'In control', 'How much do you feel in charge of your own life and choices?',
     'I feel other people or things decide everything for me',
     'I have little say in what happens to me',
     'I have a say in some things',
     'I mostly make my own choices',
     'I''m in charge of my life and I decide what happens', 1, NULL, '2026-12-01T00:00:00.000Z');
