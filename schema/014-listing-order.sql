-- The order a listing's records were given in (its places, times, contacts
-- and their phones, costs, languages, areas served and terms), so a listing
-- reads back as it was saved and "the first place" means the same on every
-- page.  Counted from 0 within the listing (phones within their contact).
ALTER TABLE community_service_at_locations ADD COLUMN position INTEGER NOT NULL DEFAULT 0;
ALTER TABLE community_schedules ADD COLUMN position INTEGER NOT NULL DEFAULT 0;
ALTER TABLE community_contacts ADD COLUMN position INTEGER NOT NULL DEFAULT 0;
ALTER TABLE community_phones ADD COLUMN position INTEGER NOT NULL DEFAULT 0;
ALTER TABLE community_cost_options ADD COLUMN position INTEGER NOT NULL DEFAULT 0;
ALTER TABLE community_languages ADD COLUMN position INTEGER NOT NULL DEFAULT 0;
ALTER TABLE community_service_areas ADD COLUMN position INTEGER NOT NULL DEFAULT 0;
ALTER TABLE community_attributes ADD COLUMN position INTEGER NOT NULL DEFAULT 0;
