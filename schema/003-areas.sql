-- Local Area Coordination areas: one or more wards, covered or not yet, with
-- at most one coordinator and the drop-ins where people can meet them.
-- Times of day are Europe/London wall-clock times ('HH:MM'); dates are
-- 'YYYY-MM-DD'.  demo marks data invented for a demonstration, which every
-- page showing it says.
CREATE TABLE areas (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    covered INTEGER NOT NULL DEFAULT 0 CHECK (covered IN (0, 1)),
    demo INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE area_wards (
    ward_code TEXT PRIMARY KEY REFERENCES wards (code),
    area_id TEXT NOT NULL REFERENCES areas (id) ON DELETE CASCADE
);

CREATE TABLE coordinators (
    id TEXT PRIMARY KEY,
    area_id TEXT UNIQUE REFERENCES areas (id) ON DELETE SET NULL,
    name TEXT NOT NULL,
    mobile TEXT,
    email TEXT,
    facebook_url TEXT,
    introduction TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE drop_ins (
    id TEXT PRIMARY KEY,
    area_id TEXT NOT NULL REFERENCES areas (id) ON DELETE CASCADE,
    venue TEXT NOT NULL,
    address TEXT NOT NULL,
    weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),  -- 1 Monday
    starts_at TEXT NOT NULL,
    ends_at TEXT NOT NULL,
    frequency TEXT NOT NULL
        CHECK (frequency IN ('weekly', 'fortnightly', 'monthly')),
    week_of_month INTEGER
        CHECK (week_of_month IS NULL OR week_of_month BETWEEN -1 AND 5),
    first_date TEXT NOT NULL,
    notes TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE INDEX drop_ins_area ON drop_ins (area_id);
