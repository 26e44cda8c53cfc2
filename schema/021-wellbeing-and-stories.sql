-- Personal wellbeing (the ONS four questions) and stories (issue 16).
-- Dates ('YYYY-MM-DD') are Europe/London; times are UTC ISO-8601 text.

-- The ONS four, asked only if the person wishes, each answered 0 to 10
-- and kept as four measures: there is no combined score.  Anxiety runs
-- the other way (higher is worse).  A question they chose not to answer
-- is NULL; declining them all is declined = 1.  Withdrawn, never deleted,
-- as outcome_reviews.
CREATE TABLE wellbeing_answers (
    id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES people (id),
    involvement_id TEXT NOT NULL REFERENCES involvements (id),
    point TEXT NOT NULL CHECK (point IN ('start', 'review', 'end')),
    taken_on TEXT NOT NULL,
    declined INTEGER NOT NULL DEFAULT 0 CHECK (declined IN (0, 1)),
    life_satisfaction INTEGER CHECK (life_satisfaction BETWEEN 0 AND 10),
    worthwhile INTEGER CHECK (worthwhile BETWEEN 0 AND 10),
    happy INTEGER CHECK (happy BETWEEN 0 AND 10),
    anxious INTEGER CHECK (anxious BETWEEN 0 AND 10),
    created_by TEXT REFERENCES users (id),
    created_at TEXT NOT NULL,
    withdrawn_at TEXT,
    withdrawn_by TEXT REFERENCES users (id),
    withdrawn_why TEXT,
    CHECK ((withdrawn_at IS NULL) = (withdrawn_why IS NULL)),
    CHECK (declined = 0 OR (life_satisfaction IS NULL AND worthwhile IS NULL
        AND happy IS NULL AND anxious IS NULL))
);
CREATE INDEX wellbeing_answers_person ON wellbeing_answers (person_id, taken_on);
CREATE INDEX wellbeing_answers_taken ON wellbeing_answers (taken_on);

-- A story: a short account in the person's words, with their agreement
-- to share it and how widely.  `share` is what they agreed to: the team
-- only; the council; or the public, without identifying detail.  Beyond
-- the team it waits for a team leader's review (review_state), and only
-- an approved story goes further.  Every version is kept whole; `version`
-- is the current one.  The person may withdraw their agreement: the
-- story is then shared with no one beyond the team again; withdrawn_on
-- and withdrawn_how say when and how they told us (their act, recorded
-- by withdrawn_by).
CREATE TABLE stories (
    id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES people (id),
    area_id TEXT NOT NULL REFERENCES areas (id),  -- the person's, when told
    version INTEGER NOT NULL,
    review_state TEXT NOT NULL CHECK (review_state IN ('team_only',
        'waiting', 'approved', 'returned', 'withdrawn')),
    reviewed_by TEXT REFERENCES users (id),
    reviewed_at TEXT,
    review_note TEXT,              -- the team leader's, when returned
    withdrawn_on TEXT,
    withdrawn_how TEXT CHECK (withdrawn_how IN ('in_person', 'phone',
        'paper')),
    withdrawn_by TEXT REFERENCES users (id),
    created_by TEXT REFERENCES users (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK ((review_state = 'withdrawn') = (withdrawn_on IS NOT NULL))
);
CREATE INDEX stories_person ON stories (person_id);
CREATE INDEX stories_review ON stories (review_state, area_id);

CREATE TABLE story_versions (
    story_id TEXT NOT NULL REFERENCES stories (id),
    version INTEGER NOT NULL,
    title TEXT NOT NULL,
    words TEXT NOT NULL,           -- as they told it
    public_title TEXT,             -- for share = 'public': the title
                                   -- shown instead, naming no one
    public_words TEXT,             -- for share = 'public': without
                                   -- identifying detail, agreed with them
    share TEXT NOT NULL CHECK (share IN ('team', 'council', 'public')),
    agreed_on TEXT NOT NULL,
    agreed_how TEXT NOT NULL CHECK (agreed_how IN ('in_person', 'phone',
        'paper')),
    made_by TEXT REFERENCES users (id),
    made_at TEXT NOT NULL,
    PRIMARY KEY (story_id, version),
    CHECK (share <> 'public' OR (public_title IS NOT NULL
        AND public_words IS NOT NULL))
);
