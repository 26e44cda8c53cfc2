-- Walking alongside, part 2: the people around a person, drawn as dated
-- pictures, and the shared agreement that is theirs.  Nothing here is
-- overwritten: a later picture and a later version sit beside the earlier.
-- Dates ('YYYY-MM-DD') are Europe/London; times are UTC ISO-8601 text.

-- Someone in a person's network.  Not a person record: it holds only what
-- the person chose to say (in network_placements), and it is theirs alone
-- (a family's members each have their own).  The same member across
-- pictures is one row, so a later picture can say who joined, who moved
-- closer and who moved away.
CREATE TABLE network_members (
    id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES people (id),
    created_by TEXT REFERENCES users (id),
    created_at TEXT NOT NULL
);
CREATE INDEX network_members_person ON network_members (person_id);

-- A dated picture of the network.  `number` orders a person's pictures
-- (two may share a date); the first is usually drawn at the good-life
-- conversation, which `conversation_id` names.
CREATE TABLE network_snapshots (
    id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES people (id),
    number INTEGER NOT NULL,
    taken_on TEXT NOT NULL,
    conversation_id TEXT REFERENCES conversations (id),
    note TEXT,
    created_by TEXT REFERENCES users (id),
    created_at TEXT NOT NULL,
    UNIQUE (person_id, number)
);

-- Where each member stood in a picture: the name the person called them
-- by then ("Mum", "Sue next door"; a later picture may call them
-- otherwise, and the earlier keeps its words), their relationship, how close
-- (1, the centre: the people they love and who love them; 2 friends;
-- 3 people they do things with; 4 people paid to be there) and whether
-- the person can call on them.
CREATE TABLE network_placements (
    snapshot_id TEXT NOT NULL REFERENCES network_snapshots (id),
    member_id TEXT NOT NULL REFERENCES network_members (id),
    position INTEGER NOT NULL,     -- the order they were given in
    name TEXT NOT NULL,
    relationship TEXT NOT NULL CHECK (relationship IN ('family', 'friend',
        'neighbour', 'colleague', 'community', 'paid')),
    relationship_words TEXT,       -- "my sister", "from the allotment"
    circle INTEGER NOT NULL CHECK (circle BETWEEN 1 AND 4),
    can_call_on INTEGER NOT NULL DEFAULT 0 CHECK (can_call_on IN (0, 1)),
    PRIMARY KEY (snapshot_id, member_id)
);
CREATE INDEX network_placements_member ON network_placements (member_id);

-- The shared agreement of an involvement of walking alongside (a family's
-- involvement shares one).  `version` is the current version's number,
-- the check a change makes against someone else's change meanwhile.
CREATE TABLE agreements (
    id TEXT PRIMARY KEY,
    involvement_id TEXT NOT NULL UNIQUE REFERENCES involvements (id),
    version INTEGER NOT NULL,
    created_by TEXT REFERENCES users (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- Every version whole, as agreed: when and how the person agreed, who
-- asked for the change (the person's own request is recorded as theirs,
-- and in a family as that of the member it was asked for through:
-- asked_by_person_id), why in their words, whether it is in place or
-- ended, and a plan held by another service by reference only.
CREATE TABLE agreement_versions (
    id TEXT PRIMARY KEY,
    agreement_id TEXT NOT NULL REFERENCES agreements (id),
    version INTEGER NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('in_place', 'ended')),
    asked_by TEXT NOT NULL CHECK (asked_by IN ('person', 'together',
        'coordinator')),
    asked_by_person_id TEXT REFERENCES people (id),
    why TEXT,
    agreed_on TEXT NOT NULL,
    agreed_how TEXT NOT NULL CHECK (agreed_how IN ('in_person', 'phone',
        'paper')),
    other_plan_service TEXT,       -- "Adult social care", "the mental health team"
    other_plan_reference TEXT,     -- their reference, never their plan
    other_plan_note TEXT,
    made_by TEXT REFERENCES users (id),
    made_at TEXT NOT NULL,
    UNIQUE (agreement_id, version),
    CHECK (asked_by_person_id IS NULL OR asked_by = 'person')
);

-- A goal in the person's words.  `goal_key` is the same goal across
-- versions, so two versions compare goal by goal.
CREATE TABLE agreement_goals (
    version_id TEXT NOT NULL REFERENCES agreement_versions (id),
    goal_key TEXT NOT NULL,
    position INTEGER NOT NULL,
    words TEXT NOT NULL,
    PRIMARY KEY (version_id, goal_key)
);

-- A step toward a goal: who takes it, by when only if they want a date,
-- and where it has got to.
CREATE TABLE agreement_steps (
    version_id TEXT NOT NULL REFERENCES agreement_versions (id),
    step_key TEXT NOT NULL,
    goal_key TEXT NOT NULL,
    position INTEGER NOT NULL,
    words TEXT NOT NULL,
    taken_by TEXT NOT NULL CHECK (taken_by IN ('person', 'coordinator',
        'family', 'community', 'service')),
    taken_by_words TEXT,           -- who, by name: "Sam", "the library"
    by_when TEXT,
    status TEXT NOT NULL CHECK (status IN ('not_yet', 'done', 'changed')),
    PRIMARY KEY (version_id, step_key)
);
