-- Where to tell a member of staff that something is waiting for them.
ALTER TABLE users ADD COLUMN email TEXT;
