-- Throttle episodes on sign-in: a lockout of one account from one client
-- address (username as typed), or of the address over all accounts
-- (username ''), known by the latest failure before it.  The audit log
-- gets one sign_in_throttled entry when a lockout refuses its first
-- attempt, naming it by id; how many attempts it refused is counted here,
-- because audit entries are never updated.
CREATE TABLE sign_in_lockouts (
    id TEXT PRIMARY KEY,
    username TEXT NOT NULL,
    client_address TEXT NOT NULL,
    locked_at TEXT NOT NULL,
    first_refused_at TEXT NOT NULL,
    last_refused_at TEXT NOT NULL,
    refused INTEGER NOT NULL,
    UNIQUE (client_address, username, locked_at)
);
CREATE INDEX sign_in_lockouts_last ON sign_in_lockouts (last_refused_at);
