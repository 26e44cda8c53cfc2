-- Keeping the coordinators' directory right from pages (issue 14).
--
-- An area is retired, not deleted: the people and introductions that name
-- it keep it, and its history stays readable.
ALTER TABLE areas ADD COLUMN retired_at TEXT;

-- One person, one record: a coordinator's public entry belongs to their
-- staff account.  The public email stays its own column, apart from the
-- account's address that notices go to.  (SQLite cannot add a UNIQUE
-- column; a unique index does the same, and lets entries without an
-- account be NULL on both backends.)
ALTER TABLE coordinators ADD COLUMN user_id TEXT REFERENCES users (id);
CREATE UNIQUE INDEX coordinators_user ON coordinators (user_id);

-- A drop-in ends on its last date (NULL: it goes on).  sequence is the
-- iCalendar SEQUENCE of its events, raised by every change, so calendars
-- that subscribed replace what they hold.
ALTER TABLE drop_ins ADD COLUMN last_date TEXT;
ALTER TABLE drop_ins ADD COLUMN sequence INTEGER NOT NULL DEFAULT 0;

-- One date of a drop-in not happening, with the reason the public sees
-- ("the hall is closed").  Taken back (withdrawn_at), never deleted.
CREATE TABLE drop_in_cancellations (
    id TEXT PRIMARY KEY,
    drop_in_id TEXT NOT NULL REFERENCES drop_ins (id),
    on_date TEXT NOT NULL,
    reason TEXT NOT NULL,
    created_by TEXT REFERENCES users (id),
    created_at TEXT NOT NULL,
    withdrawn_at TEXT,
    withdrawn_by TEXT REFERENCES users (id)
);
CREATE INDEX drop_in_cancellations_drop_in ON drop_in_cancellations (drop_in_id, on_date);

-- The before and after of a change to a public record of the directory
-- of areas (an area, a coordinator's public entry, a drop-in), as JSON
-- {"before": ..., "after": ...}.  Only public records: the log holds no
-- person's data, so that it outlives an erasure.
ALTER TABLE audit_log ADD COLUMN changes TEXT;
