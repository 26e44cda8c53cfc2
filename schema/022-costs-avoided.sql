-- Costs avoided (issue 16): events a coordinator records with the
-- person's view of what would otherwise have happened, and the unit
-- costs the council fills in.  Reports call the sum "gross costs
-- avoided": deadweight, attribution and drop-off are not counted.
-- Dates ('YYYY-MM-DD') are Europe/London; money is in whole pence.

-- The kinds, fixed in code (domain/outcomes/costs.h):
--   gp_visit                 a GP appointment not needed
--   ae_visit                 an A&E attendance avoided
--   hospital_stay            a hospital stay avoided (quantity: nights)
--   crisis_resolved          a crisis resolved without crisis services
--   safeguarding_resolved    a safeguarding concern resolved
--   eviction_avoided         an eviction avoided
--   care_package_not_needed  a package of care not needed (quantity: weeks)
--   care_package_smaller     a package of care smaller (quantity: weeks)

-- The unit cost table ships empty: every figure is the council's, with
-- its source and year.  Rows are never changed: a new figure for a kind
-- is a new row, in force from its date, and an event is valued at the
-- figure in force on the day it happened.
CREATE TABLE unit_costs (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('gp_visit', 'ae_visit',
        'hospital_stay', 'crisis_resolved', 'safeguarding_resolved',
        'eviction_avoided', 'care_package_not_needed',
        'care_package_smaller')),
    pence INTEGER NOT NULL CHECK (pence >= 0),
    unit TEXT NOT NULL,            -- "per attendance", "per night", "per week"
    source TEXT NOT NULL,          -- "PSSRU Unit Costs of Health and Social Care 2024"
    source_year TEXT NOT NULL,     -- "2024/25"
    from_on TEXT NOT NULL,
    created_by TEXT REFERENCES users (id),
    created_at TEXT NOT NULL
);
CREATE INDEX unit_costs_kind ON unit_costs (kind, from_on);

-- An event: what did not have to happen, when, how much (visits, nights,
-- weeks), and the person's view in their words.  Withdrawn with the
-- reason, never deleted.
CREATE TABLE cost_events (
    id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES people (id),
    involvement_id TEXT NOT NULL REFERENCES involvements (id),
    kind TEXT NOT NULL CHECK (kind IN ('gp_visit', 'ae_visit',
        'hospital_stay', 'crisis_resolved', 'safeguarding_resolved',
        'eviction_avoided', 'care_package_not_needed',
        'care_package_smaller')),
    happened_on TEXT NOT NULL,
    quantity INTEGER NOT NULL DEFAULT 1 CHECK (quantity BETWEEN 1 AND 365),
    person_view TEXT NOT NULL,     -- what they think would have happened
    note TEXT,                     -- the coordinator's
    created_by TEXT REFERENCES users (id),
    created_at TEXT NOT NULL,
    withdrawn_at TEXT,
    withdrawn_by TEXT REFERENCES users (id),
    withdrawn_why TEXT,
    CHECK ((withdrawn_at IS NULL) = (withdrawn_why IS NULL))
);
CREATE INDEX cost_events_person ON cost_events (person_id, happened_on);
CREATE INDEX cost_events_happened ON cost_events (happened_on);
