-- The programme manager, and capacity kept with its dates (issue 16).
--
-- A programme manager sees every area's figures and no person's record:
-- a fourth role, with no areas.  The role's CHECK constraint changes.
-- PostgreSQL alters it in place; SQLite cannot alter a CHECK, so the two
-- role tables are rebuilt inside the migration's one transaction, the
-- areas copied aside first (dropping user_roles would cascade to them).
--
-- Capacity: users.capacity stays the current figure; every change is
-- also kept here with the day it took effect, so a report of caseloads
-- over time compares each month with the capacity of that month.  The
-- figure each account has today is its first entry, from the day the
-- account was made, set by nobody (NULL, as the command line sets it).
-- That day is the UTC date: London's differs only for an account made
-- between 23:00 and midnight UTC in summer, which portable SQL cannot
-- tell.  From here on the program writes every change (from_on: its
-- Europe/London day; domain/staff/user.h user_capacity_kept).

-- dialect: postgresql
ALTER TABLE user_roles DROP CONSTRAINT user_roles_role_check;
ALTER TABLE user_roles ADD CONSTRAINT user_roles_role_check
    CHECK (role IN ('coordinator', 'team_leader', 'administrator',
        'programme_manager'));

-- dialect: sqlite
PRAGMA defer_foreign_keys = ON;
CREATE TABLE user_roles_before_019 AS SELECT * FROM user_roles;
CREATE TABLE user_role_areas_before_019 AS SELECT * FROM user_role_areas;
DROP TABLE user_role_areas;
DROP TABLE user_roles;
CREATE TABLE user_roles (
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role TEXT NOT NULL
        CHECK (role IN ('coordinator', 'team_leader', 'administrator',
            'programme_manager')),
    PRIMARY KEY (user_id, role)
);
CREATE TABLE user_role_areas (
    user_id TEXT NOT NULL,
    role TEXT NOT NULL,
    area_id TEXT NOT NULL REFERENCES areas (id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, role, area_id),
    FOREIGN KEY (user_id, role) REFERENCES user_roles (user_id, role)
        ON DELETE CASCADE
);
INSERT INTO user_roles (user_id, role)
    SELECT user_id, role FROM user_roles_before_019;
INSERT INTO user_role_areas (user_id, role, area_id)
    SELECT user_id, role, area_id FROM user_role_areas_before_019;
DROP TABLE user_roles_before_019;
DROP TABLE user_role_areas_before_019;

-- dialect: any
CREATE TABLE capacity_changes (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    capacity INTEGER NOT NULL CHECK (capacity BETWEEN 1 AND 200),
    from_on TEXT NOT NULL,         -- YYYY-MM-DD, Europe/London: in force from
    set_by TEXT REFERENCES users (id),
    set_at TEXT NOT NULL
);
CREATE INDEX capacity_changes_user ON capacity_changes (user_id, from_on);
INSERT INTO capacity_changes (id, user_id, capacity, from_on, set_by, set_at)
    SELECT 'capacity-' || id, id, capacity, substr(created_at, 1, 10), NULL,
        created_at
    FROM users;
