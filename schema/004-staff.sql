-- Staff: accounts and their roles, sessions, API tokens, sign-in attempts
-- and the audit log.  Times are UTC ISO-8601 text ('2026-11-23T10:55:37Z'),
-- which sorts and compares as time on both databases.  Secrets are never
-- stored: passwords as Argon2id strings, session and API tokens as hashes.

CREATE TABLE users (
    id TEXT PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,        -- lower case
    display_name TEXT NOT NULL,
    password_hash TEXT,                   -- NULL until a password is set
    disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- A coordinator works the areas listed with the role; a team leader leads
-- the team of the areas listed with theirs; an administrator has none.
CREATE TABLE user_roles (
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role TEXT NOT NULL
        CHECK (role IN ('coordinator', 'team_leader', 'administrator')),
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

-- "Sam covers Acomb from 1 to 14 March": inclusive dates, Europe/London.
CREATE TABLE cover (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    area_id TEXT NOT NULL REFERENCES areas (id) ON DELETE CASCADE,
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    created_by TEXT REFERENCES users (id),
    created_at TEXT NOT NULL,
    CHECK (starts_on <= ends_on)
);
CREATE INDEX cover_user ON cover (user_id);

CREATE TABLE sessions (
    id TEXT PRIMARY KEY,                  -- shown to the user, not a secret
    token_hash TEXT NOT NULL UNIQUE,      -- BLAKE2b of the cookie's token
    csrf_token TEXT NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,             -- the absolute lifetime
    ended_at TEXT,
    client_address TEXT NOT NULL,
    user_agent TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE api_tokens (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    token_hash TEXT NOT NULL UNIQUE,
    scopes TEXT NOT NULL,                 -- space-separated
    created_at TEXT NOT NULL,
    revoked_at TEXT,
    last_used_at TEXT
);

-- Failed sign-ins, for throttling by account and by client address.
CREATE TABLE sign_in_failures (
    id TEXT PRIMARY KEY,
    username TEXT NOT NULL,
    client_address TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX sign_in_failures_username ON sign_in_failures (username, at);
CREATE INDEX sign_in_failures_address ON sign_in_failures (client_address, at);

-- Append-only: the code only ever inserts.  An entry names records by id
-- and never holds personal data, so it outlives an erasure.
CREATE TABLE audit_log (
    id TEXT PRIMARY KEY,
    at TEXT NOT NULL,
    actor_user_id TEXT,                   -- NULL: anonymous or a token
    actor_token_id TEXT,
    action TEXT NOT NULL,                 -- 'sign_in', 'read', 'create', ...
    record_type TEXT,                     -- 'user', 'person', ...
    record_id TEXT,
    area_id TEXT,                         -- for a team leader's filter
    client_address TEXT NOT NULL,
    request_id TEXT NOT NULL,
    outcome TEXT NOT NULL DEFAULT 'ok'
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_area ON audit_log (area_id, at);
