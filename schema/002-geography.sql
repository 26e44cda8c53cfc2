-- Electoral wards and postcodes: the geography every lookup stands on.
-- Coordinates are WGS84; geometry is a GeoJSON Polygon or MultiPolygon as
-- text, so both databases hold it the same way and no spatial extension is
-- needed (lookups run in memory, see src/geo/map.h).
CREATE TABLE wards (
    code TEXT PRIMARY KEY,          -- ONS code, E05...
    name TEXT NOT NULL,
    geometry TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE postcodes (
    postcode TEXT PRIMARY KEY,      -- normalised: "YO1 7HH"
    latitude DOUBLE PRECISION NOT NULL,
    longitude DOUBLE PRECISION NOT NULL,
    ward_code TEXT,                 -- the ward the source names, if any
    updated_at TEXT NOT NULL
);
