-- Facts about the installation that every instance sharing this database
-- must agree on.  instance_id names the installation in identifiers that
-- leave it (calendar UIDs, exports); it is set once, by the first migration.
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
