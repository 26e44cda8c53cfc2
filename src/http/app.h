#ifndef ALONGSIDE_HTTP_APP_H
#define ALONGSIDE_HTTP_APP_H

/*
 * Long-lived state shared, read-only, by every request: built once by
 * `alongside serve` before the first request and torn down after the last.
 */

struct assets;
struct config;
struct db;
struct geo_live;
struct holidays;
struct mail_settings;
struct nearby;
struct texts;
struct oruk_cache;

struct app {
	const struct config *config;
	struct db *db;
	const struct assets *assets;
	struct geo_live *geo;        /* the map and postcodes, swappable */
	struct nearby *directory;    /* the directory's places, for search near one */
	struct oruk_cache *oruk;     /* the directory's ORUK documents, for the lists */
	const struct holidays *holidays;  /* for working days */
	const struct mail_settings *mail; /* for telling coordinators */
	const struct texts *texts;   /* the council's privacy notice and others */
	int schema_version;   /* the newest migration this binary carries */
};

#define ALONGSIDE_VERSION "0.1.0"

#endif
