-- Introductions: someone gets in touch, for themselves or for someone
-- else, and a coordinator answers within a few working days.  Small on
-- purpose: no task, no deadline set by the introducer, no care plan.
-- Times are UTC ISO-8601 text; dates ('YYYY-MM-DD') are Europe/London.

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
    introduced_by TEXT NOT NULL CHECK (introduced_by IN ('self', 'family',
        'friend_or_neighbour', 'professional', 'community')),
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
    updated_at TEXT NOT NULL
);
CREATE INDEX introductions_area ON introductions (area_id, status, due_on);

-- Every status, from the first, with who set it and when.
CREATE TABLE introduction_history (
    id TEXT PRIMARY KEY,
    introduction_id TEXT NOT NULL
        REFERENCES introductions (id) ON DELETE CASCADE,
    at TEXT NOT NULL,
    user_id TEXT REFERENCES users (id),
    status TEXT NOT NULL,
    note TEXT                      -- the decision, or what was suggested
);
CREATE INDEX introduction_history_of ON introduction_history (introduction_id, at);

-- Someone walked alongside: minimal until the record of walking alongside
-- is built.
CREATE TABLE people (
    id TEXT PRIMARY KEY,
    area_id TEXT NOT NULL REFERENCES areas (id),
    introduction_id TEXT REFERENCES introductions (id),
    name TEXT NOT NULL,
    started_on TEXT NOT NULL,
    ended_on TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX people_area ON people (area_id);

-- A coordinator's days away: the clock of their area's introductions
-- skips them, and their cover colleague's inbox shows the introductions.
CREATE TABLE leave (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    created_by TEXT REFERENCES users (id),
    created_at TEXT NOT NULL,
    CHECK (starts_on <= ends_on)
);
CREATE INDEX leave_user ON leave (user_id, starts_on);

-- How many people a coordinator can walk alongside at once.
ALTER TABLE users ADD COLUMN capacity INTEGER NOT NULL DEFAULT 55;

-- Public submissions by client address, for the form's rate limit.
CREATE TABLE public_submissions (
    id TEXT PRIMARY KEY,
    client_address TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX public_submissions_address ON public_submissions (client_address, at);
