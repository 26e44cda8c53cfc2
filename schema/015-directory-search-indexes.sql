-- A search near a point (domain/community/search.c) reads, for every place
-- in the box around it, the place's id and then its link to its listing.
-- With these indexes both come from the index alone, without a step into
-- each table (bench/directory, 100,000 listings across Great Britain: the
-- box's join 3 ms to 1 ms in central London; search_run's mean over 300
-- searches 4.6 to 2.4 ms and 3.6 to 3.4 ms in two back-to-back runs on a
-- shared machine).  They lead with the same columns as the two they replace.
CREATE INDEX community_locations_grid_id ON community_locations (easting, northing, id);
CREATE INDEX community_service_at_locations_place
    ON community_service_at_locations (location_id, service_id, id);
DROP INDEX community_locations_grid;
DROP INDEX community_service_at_locations_location;
