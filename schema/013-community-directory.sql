-- The community directory: groups, places and services near a person, held
-- in the shape of Open Referral UK 3.0 (an HSDS 3.0 profile) so that the
-- /oruk/ API and `alongside directory import|export` map column to field.
-- Ids of directory records are UUIDs (version 4, hyphenated, lower case):
-- other councils' and the NHS's systems keep them.  Dates ('YYYY-MM-DD')
-- and times of day ('HH:MM') are Europe/London; instants are UTC ISO-8601
-- text.  Nothing is deleted: a listing is retired (status 'defunct') and
-- every change of a listing is kept whole in community_service_versions.

-- Where listings came from, and what may be shown of them.  The York warm
-- spaces ask that their contact details are not republished:
-- contacts_public 0 keeps every contact, phone and email of their listings
-- off public pages and the API.  `attribution` is shown on every page and
-- response that shows one of the source's listings.
CREATE TABLE community_sources (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    attribution TEXT NOT NULL,
    licence TEXT NOT NULL,
    url TEXT,
    contacts_public INTEGER NOT NULL DEFAULT 1 CHECK (contacts_public IN (0, 1)),
    demo INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1)),
    created_at TEXT NOT NULL
);

CREATE TABLE community_organizations (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    email TEXT,
    website TEXT,
    source_id TEXT REFERENCES community_sources (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- A listing: what happens, for whom, what it costs, how to take part.
-- `version` counts the changes (compare-and-set: a change names the version
-- it was made from).  checked_on/checked_by: when someone last confirmed it
-- is right (ORUK's assured_date); a listing unchecked for longer than the
-- `directory-review-months` setting comes up for review, as does one with a
-- review_reason (hours the import could not read, say).  free: 1 free,
-- 0 paid, NULL not known.  search_text holds the listing's words as
-- domain/community/words.h folds them, the one text both full-text indexes
-- are built from, so both backends find the same listings for the same words.
CREATE TABLE community_services (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES community_organizations (id),
    name TEXT NOT NULL,
    description TEXT,
    url TEXT,
    email TEXT,
    status TEXT NOT NULL DEFAULT 'active'
        CHECK (status IN ('active', 'inactive', 'defunct', 'temporarily closed')),
    fees_description TEXT,
    free INTEGER CHECK (free IN (0, 1)),
    how_to_join TEXT,
    eligibility TEXT,
    minimum_age INTEGER,
    maximum_age INTEGER,
    accessibility TEXT,
    alert TEXT,
    source_id TEXT REFERENCES community_sources (id),
    demo INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1)),
    version INTEGER NOT NULL DEFAULT 1,
    checked_on TEXT,
    checked_by TEXT REFERENCES users (id),
    checked_by_name TEXT,
    review_reason TEXT,
    search_text TEXT NOT NULL DEFAULT '',
    retired_at TEXT,
    retired_by TEXT REFERENCES users (id),
    retired_reason TEXT,
    created_at TEXT NOT NULL,
    last_modified TEXT NOT NULL
);
CREATE INDEX community_services_status ON community_services (status, checked_on);
CREATE INDEX community_services_modified ON community_services (last_modified);

-- Every version of a listing, whole, as the ORUK service document (full
-- nesting) it was: the history a listing keeps.
CREATE TABLE community_service_versions (
    service_id TEXT NOT NULL REFERENCES community_services (id),
    version INTEGER NOT NULL,
    document TEXT NOT NULL,
    made_by TEXT REFERENCES users (id),
    made_by_name TEXT NOT NULL,
    made_at TEXT NOT NULL,
    note TEXT,
    PRIMARY KEY (service_id, version)
);

-- A place.  latitude/longitude (WGS84) from the postcode through the lookup
-- or as given; easting/northing (British National Grid, metres) from them,
-- so a distance search can take a box on an index first; ward_code and
-- area_id where the point falls (NULL outside every ward, or an area not
-- covering it).
CREATE TABLE community_locations (
    id TEXT PRIMARY KEY,
    location_type TEXT NOT NULL DEFAULT 'physical'
        CHECK (location_type IN ('physical', 'postal', 'virtual')),
    name TEXT,
    description TEXT,
    address_1 TEXT,
    city TEXT,
    postal_code TEXT,
    latitude DOUBLE PRECISION,
    longitude DOUBLE PRECISION,
    easting DOUBLE PRECISION,
    northing DOUBLE PRECISION,
    ward_code TEXT,
    area_id TEXT REFERENCES areas (id),
    accessibility TEXT,
    address_id TEXT,
    accessibility_id TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX community_locations_grid ON community_locations (easting, northing);

CREATE TABLE community_service_at_locations (
    id TEXT PRIMARY KEY,
    service_id TEXT NOT NULL REFERENCES community_services (id),
    location_id TEXT NOT NULL REFERENCES community_locations (id),
    UNIQUE (service_id, location_id)
);
CREATE INDEX community_service_at_locations_location
    ON community_service_at_locations (location_id);

-- When it happens, in ORUK's iCalendar fields: freq WEEKLY (interval 2 is
-- fortnightly) or MONTHLY (byday '2TH': the second Thursday), NULL for a
-- one-off on dtstart; valid_from/valid_to bound it.  original_text keeps
-- the words the hours were given in when they were read from text.
CREATE TABLE community_schedules (
    id TEXT PRIMARY KEY,
    service_id TEXT NOT NULL REFERENCES community_services (id),
    service_at_location_id TEXT REFERENCES community_service_at_locations (id),
    freq TEXT CHECK (freq IN ('WEEKLY', 'MONTHLY')),
    interval INTEGER NOT NULL DEFAULT 1 CHECK (interval BETWEEN 1 AND 52),
    byday TEXT,
    bymonthday TEXT,
    dtstart TEXT,
    valid_from TEXT,
    valid_to TEXT,
    opens_at TEXT,
    closes_at TEXT,
    description TEXT,
    attending_type TEXT,
    notes TEXT,
    original_text TEXT
);
CREATE INDEX community_schedules_service ON community_schedules (service_id);

-- Who to contact.  An organiser's own details are published only with
-- their agreement, recorded (agreed_on, agreement_recorded_by); until then
-- public is 0 and only staff see them.
CREATE TABLE community_contacts (
    id TEXT PRIMARY KEY,
    service_id TEXT NOT NULL REFERENCES community_services (id),
    name TEXT,
    title TEXT,
    email TEXT,
    public INTEGER NOT NULL DEFAULT 0 CHECK (public IN (0, 1)),
    agreed_on TEXT,
    agreement_recorded_by TEXT REFERENCES users (id)
);
CREATE INDEX community_contacts_service ON community_contacts (service_id);

CREATE TABLE community_phones (
    id TEXT PRIMARY KEY,
    contact_id TEXT NOT NULL REFERENCES community_contacts (id),
    number TEXT NOT NULL,
    description TEXT
);
CREATE INDEX community_phones_contact ON community_phones (contact_id);

CREATE TABLE community_cost_options (
    id TEXT PRIMARY KEY,
    service_id TEXT NOT NULL REFERENCES community_services (id),
    option TEXT,
    amount DOUBLE PRECISION,
    amount_description TEXT,
    valid_from TEXT,
    valid_to TEXT
);
CREATE INDEX community_cost_options_service ON community_cost_options (service_id);

CREATE TABLE community_languages (
    id TEXT PRIMARY KEY,
    service_id TEXT NOT NULL REFERENCES community_services (id),
    name TEXT,
    code TEXT,
    note TEXT
);
CREATE INDEX community_languages_service ON community_languages (service_id);

-- The areas a service serves: one of the programme's areas, or a name.
CREATE TABLE community_service_areas (
    id TEXT PRIMARY KEY,
    service_id TEXT NOT NULL REFERENCES community_services (id),
    name TEXT NOT NULL,
    area_id TEXT REFERENCES areas (id),
    uri TEXT
);
CREATE INDEX community_service_areas_service ON community_service_areas (service_id);

-- Taxonomies and their terms.  Our own small taxonomy (inserted below) and
-- terms imported from any ORUK taxonomy file.  A term with a tag_id is the
-- tag of the same name in the team's one list (schema/010 `tags`), the list
-- a person's interests and gifts use, so the two can be matched.
CREATE TABLE community_taxonomies (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    uri TEXT,
    version TEXT
);

CREATE TABLE community_taxonomy_terms (
    id TEXT PRIMARY KEY,
    taxonomy_id TEXT NOT NULL REFERENCES community_taxonomies (id),
    parent_id TEXT REFERENCES community_taxonomy_terms (id),
    code TEXT,
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    term_uri TEXT,
    tag_id TEXT UNIQUE REFERENCES tags (id)
);
CREATE INDEX community_taxonomy_terms_taxonomy ON community_taxonomy_terms (taxonomy_id);

-- ORUK attributes: a taxonomy term attached to a record.  Only services
-- carry them here (link_type 'service'); every listing has at least one.
CREATE TABLE community_attributes (
    id TEXT PRIMARY KEY,
    service_id TEXT NOT NULL REFERENCES community_services (id),
    taxonomy_term_id TEXT NOT NULL REFERENCES community_taxonomy_terms (id),
    UNIQUE (service_id, taxonomy_term_id)
);
CREATE INDEX community_attributes_term ON community_attributes (taxonomy_term_id);

-- A listing or a correction suggested from the public form, waiting for
-- staff.  service_id names the listing a correction is about.  An
-- organiser who wants their own details published says so (organiser_agrees);
-- staff record that agreement on the contact when they publish it.
CREATE TABLE community_suggestions (
    id TEXT PRIMARY KEY,
    service_id TEXT REFERENCES community_services (id),
    name TEXT,
    details TEXT NOT NULL,
    where_text TEXT,
    when_text TEXT,
    from_name TEXT,
    from_email TEXT,
    organiser_agrees INTEGER NOT NULL DEFAULT 0 CHECK (organiser_agrees IN (0, 1)),
    state TEXT NOT NULL DEFAULT 'waiting'
        CHECK (state IN ('waiting', 'accepted', 'declined')),
    received_at TEXT NOT NULL,
    handled_by TEXT REFERENCES users (id),
    handled_at TEXT,
    handled_note TEXT
);
CREATE INDEX community_suggestions_state ON community_suggestions (state, received_at);

-- Full-text search over search_text.  Both index the same folded words
-- with no stemming: SQLite FTS5 (unicode61, diacritics removed) and
-- PostgreSQL's `simple` configuration.
-- dialect: sqlite
CREATE VIRTUAL TABLE community_services_fts USING fts5 (
    search_text, content='community_services', content_rowid='rowid',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER community_services_fts_insert AFTER INSERT ON community_services BEGIN
    INSERT INTO community_services_fts (rowid, search_text) VALUES (new.rowid, new.search_text);
END;
CREATE TRIGGER community_services_fts_delete AFTER DELETE ON community_services BEGIN
    INSERT INTO community_services_fts (community_services_fts, rowid, search_text)
        VALUES ('delete', old.rowid, old.search_text);
END;
CREATE TRIGGER community_services_fts_update AFTER UPDATE OF search_text ON community_services BEGIN
    INSERT INTO community_services_fts (community_services_fts, rowid, search_text)
        VALUES ('delete', old.rowid, old.search_text);
    INSERT INTO community_services_fts (rowid, search_text) VALUES (new.rowid, new.search_text);
END;
-- dialect: postgresql
CREATE INDEX community_services_words ON community_services
    USING GIN (to_tsvector('simple', search_text));
-- dialect: any

-- Our own taxonomy: what Local Area Coordination connects people with.
-- Each term is also a tag in the team's one list.
INSERT INTO community_taxonomies (id, name, description, uri, version) VALUES
    ('5d3c8f0e-6a7b-4c2d-9e1f-0a1b2c3d4e5f', 'Alongside community connections',
     'What Local Area Coordination connects people with: groups, places and things to do.',
     NULL, '1');
INSERT INTO tags (id, name, key, created_by, created_at) VALUES
    ('502761cbd42c3dcb1f5c307abf9d9185', 'Social groups', 'social groups', NULL, '2026-12-02T00:00:00Z'),
    ('f51be576189802b2312ab94d3206aa34', 'Physical activity', 'physical activity', NULL, '2026-12-02T00:00:00Z'),
    ('f245a4c3616027926a4b57056d5a8490', 'Arts and crafts', 'arts and crafts', NULL, '2026-12-02T00:00:00Z'),
    ('53e4bb0ac7fbc8dd33f17cf9cea76568', 'Music and singing', 'music and singing', NULL, '2026-12-02T00:00:00Z'),
    ('b7bd4a45019587e890708380dc305b62', 'Food', 'food', NULL, '2026-12-02T00:00:00Z'),
    ('1e45e3a283a55905560348faa9b04c16', 'Faith', 'faith', NULL, '2026-12-02T00:00:00Z'),
    ('24fc54ed574e4bcec058aa636dc40ad6', 'Learning', 'learning', NULL, '2026-12-02T00:00:00Z'),
    ('c14c1676c1e5ff08773a54037bdfee96', 'Volunteering', 'volunteering', NULL, '2026-12-02T00:00:00Z'),
    ('b87b815e02b8c432be0eb263165b6892', 'Advice', 'advice', NULL, '2026-12-02T00:00:00Z'),
    ('02a4dda83135a3954e4bcc0cff8546db', 'Carers', 'carers', NULL, '2026-12-02T00:00:00Z'),
    ('95d59b31000047cfdf72198ac49e7920', 'Young people', 'young people', NULL, '2026-12-02T00:00:00Z'),
    ('84715b429f679db449b1188715bfcce1', 'Older people', 'older people', NULL, '2026-12-02T00:00:00Z'),
    ('1ea593ec7e6f250726b502aec663a09f', 'Families', 'families', NULL, '2026-12-02T00:00:00Z'),
    ('a48ad3b38f194863e407edbba21d5e0f', 'Wellbeing', 'wellbeing', NULL, '2026-12-02T00:00:00Z'),
    ('357fcc16eaed36376abee094507cd707', 'Nature and gardening', 'nature and gardening', NULL, '2026-12-02T00:00:00Z'),
    ('5f9aeddd23019ff7b3d69262c45f1aab', 'Warm spaces', 'warm spaces', NULL, '2026-12-02T00:00:00Z')
ON CONFLICT (key) DO NOTHING;

INSERT INTO community_taxonomy_terms (id, taxonomy_id, parent_id, code, name, description, term_uri, tag_id)
    SELECT '0bd11ef8-81a5-44e4-bfac-1e47c91eac1d', '5d3c8f0e-6a7b-4c2d-9e1f-0a1b2c3d4e5f', NULL, 'social-groups', 'Social groups', 'Meeting others for company and conversation: clubs, coffee mornings, lunch groups.', NULL, (SELECT id FROM tags WHERE key = 'social groups')
    UNION ALL
    SELECT '5b980576-3f94-4290-8450-170d60ae9133', '5d3c8f0e-6a7b-4c2d-9e1f-0a1b2c3d4e5f', NULL, 'physical-activity', 'Physical activity', 'Walking groups, sport, dance, exercise classes and other ways to move.', NULL, (SELECT id FROM tags WHERE key = 'physical activity')
    UNION ALL
    SELECT '7d6a8461-ddaa-4a13-a636-1d061e627af8', '5d3c8f0e-6a7b-4c2d-9e1f-0a1b2c3d4e5f', NULL, 'arts-and-crafts', 'Arts and crafts', 'Making things together: knitting, painting, woodwork, sewing.', NULL, (SELECT id FROM tags WHERE key = 'arts and crafts')
    UNION ALL
    SELECT 'f9553deb-5ad5-487c-91f2-529557db6551', '5d3c8f0e-6a7b-4c2d-9e1f-0a1b2c3d4e5f', NULL, 'music-and-singing', 'Music and singing', 'Choirs, singing groups, bands and music sessions.', NULL, (SELECT id FROM tags WHERE key = 'music and singing')
    UNION ALL
    SELECT 'ab5cd759-7050-4623-b3be-cfcb743072cc', '5d3c8f0e-6a7b-4c2d-9e1f-0a1b2c3d4e5f', NULL, 'food', 'Food', 'Shared meals, lunch clubs, community cafés, food banks and pantries.', NULL, (SELECT id FROM tags WHERE key = 'food')
    UNION ALL
    SELECT '796db02e-6dff-41b7-99d4-b832289224ac', '5d3c8f0e-6a7b-4c2d-9e1f-0a1b2c3d4e5f', NULL, 'faith', 'Faith', 'Churches, mosques, temples and other faith communities and their groups.', NULL, (SELECT id FROM tags WHERE key = 'faith')
    UNION ALL
    SELECT 'a5708944-a81a-414b-b02b-d960724d372f', '5d3c8f0e-6a7b-4c2d-9e1f-0a1b2c3d4e5f', NULL, 'learning', 'Learning', 'Classes, courses, libraries, reading groups and help with computers.', NULL, (SELECT id FROM tags WHERE key = 'learning')
    UNION ALL
    SELECT '53e261ba-3f1c-483c-a937-10fd31712311', '5d3c8f0e-6a7b-4c2d-9e1f-0a1b2c3d4e5f', NULL, 'volunteering', 'Volunteering', 'Ways to give time and share gifts with others.', NULL, (SELECT id FROM tags WHERE key = 'volunteering')
    UNION ALL
    SELECT 'c4f546ec-a095-4b26-83ab-02d3d96332eb', '5d3c8f0e-6a7b-4c2d-9e1f-0a1b2c3d4e5f', NULL, 'advice', 'Advice', 'Help with money, housing, benefits, work and rights.', NULL, (SELECT id FROM tags WHERE key = 'advice')
    UNION ALL
    SELECT '8823641e-780f-4f14-89b4-918422f32d05', '5d3c8f0e-6a7b-4c2d-9e1f-0a1b2c3d4e5f', NULL, 'carers', 'Carers', 'Support and company for people who look after someone.', NULL, (SELECT id FROM tags WHERE key = 'carers')
    UNION ALL
    SELECT 'ece3bed9-54e9-4bba-b596-cb1f0ae995a3', '5d3c8f0e-6a7b-4c2d-9e1f-0a1b2c3d4e5f', NULL, 'young-people', 'Young people', 'Groups and activities for children and young people.', NULL, (SELECT id FROM tags WHERE key = 'young people')
    UNION ALL
    SELECT 'af4e4547-bbcd-4ce8-99ba-374ace71082c', '5d3c8f0e-6a7b-4c2d-9e1f-0a1b2c3d4e5f', NULL, 'older-people', 'Older people', 'Groups and activities for older people.', NULL, (SELECT id FROM tags WHERE key = 'older people')
    UNION ALL
    SELECT 'acaa1a33-d537-44d6-bb8d-fc4eb5bf8469', '5d3c8f0e-6a7b-4c2d-9e1f-0a1b2c3d4e5f', NULL, 'families', 'Families', 'Groups for parents, carers and children together.', NULL, (SELECT id FROM tags WHERE key = 'families')
    UNION ALL
    SELECT '5452e722-5ed6-4d69-9c86-42a05e2fbbae', '5d3c8f0e-6a7b-4c2d-9e1f-0a1b2c3d4e5f', NULL, 'wellbeing', 'Wellbeing', 'Mental health, peer support and feeling well.', NULL, (SELECT id FROM tags WHERE key = 'wellbeing')
    UNION ALL
    SELECT '442fc99b-60d7-4b42-ba94-df139713799b', '5d3c8f0e-6a7b-4c2d-9e1f-0a1b2c3d4e5f', NULL, 'nature-and-gardening', 'Nature and gardening', 'Allotments, community gardens and time outdoors.', NULL, (SELECT id FROM tags WHERE key = 'nature and gardening')
    UNION ALL
    SELECT '618c84fa-5e07-4816-9be3-4010df1aa906', '5d3c8f0e-6a7b-4c2d-9e1f-0a1b2c3d4e5f', NULL, 'warm-spaces', 'Warm spaces', 'Free, welcoming places to stay warm, with a drink and company.', NULL, (SELECT id FROM tags WHERE key = 'warm spaces');
