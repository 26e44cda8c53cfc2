#ifndef ALONGSIDE_DOMAIN_WARD_H
#define ALONGSIDE_DOMAIN_WARD_H

#include <stddef.h>

struct arena;
struct db;
struct err;

/*
 * Electoral wards, imported from GeoJSON (WGS84) as published by the ONS.
 * The property names differ by year (WD24CD/WD24NM for 2024, WD13CD...), so
 * they are found by shape (WDnnCD, WDnnNM) unless named.  Every feature is
 * checked before anything is written: a feature without a code or name, a
 * geometry that is not a Polygon or MultiPolygon, or an invalid one (a
 * self-intersecting ring, say) fails the whole import, naming each bad
 * feature, and the stored wards stay as they were.  Importing again updates
 * wards in place by code.  Results: RESULT_OK, or RESULT_FAILED with the
 * message in e (a broken file too: the operator's to fix, all at once).
 */

struct ward_import_options {
	const char *code_property;  /* NULL: find WDnnCD */
	const char *name_property;  /* NULL: find WDnnNM */
};

struct ward_import_report {
	int imported;  /* new wards */
	int updated;   /* wards already held, replaced */
};

int ward_import_geojson(struct db *db, const char *path,
			const struct ward_import_options *options,
			struct ward_import_report *report, struct err *e);

/* A ward's outline: its geometry as the GeoJSON text it was imported as
 * (a Polygon or MultiPolygon, WGS84). */
struct ward_outline {
	const char *code;
	const char *name;
	const char *geometry;
};

/* Every ward held, by name, into the arena.  RESULT_OK or RESULT_FAILED. */
int ward_outlines(struct db *db, struct arena *a, struct ward_outline **out,
		  size_t *count, struct err *e);

/* True for an ONS geography code: a letter E, W, S or N and eight digits. */
int ward_code_valid(const char *code);

#endif
