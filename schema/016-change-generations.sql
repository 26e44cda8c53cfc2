-- What a process keeps in memory from the database (the area map, the
-- directory's places for search near a point) is built once and kept.  A
-- change made anywhere (a page, the API, the command line, another server
-- on the same PostgreSQL) bumps its set's generation in the same
-- transaction, so any process sees, with one read of one row, that its
-- copy is stale and builds it again (db/generation.h).
CREATE TABLE change_generations (
    name TEXT PRIMARY KEY,
    generation BIGINT NOT NULL
);
INSERT INTO change_generations (name, generation) VALUES ('areas', 1);
INSERT INTO change_generations (name, generation) VALUES ('directory', 1);
