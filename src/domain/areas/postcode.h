#ifndef ALONGSIDE_DOMAIN_POSTCODE_H
#define ALONGSIDE_DOMAIN_POSTCODE_H

#include <stdbool.h>
#include <stddef.h>

struct db;
struct err;

/*
 * Postcode locations, imported from CSV (plain or gzipped) in two layouts:
 *
 *   with a header row   columns found by name: postcode (or pcd, pcds),
 *                       latitude/longitude (lat, long, lon) or
 *                       easting/northing, and optionally a ward code
 *                       (admin_ward_code, osward, ward_code);
 *   OS Code-Point Open  no header, as published: postcode, quality,
 *                       easting, northing, ..., ward code in column 10
 *                       (layout "codepoint").
 *
 * Eastings and northings (British National Grid) are converted to WGS84
 * with PROJ.  A row without a location (Code-Point's zero coordinates), or
 * whose postcode is malformed, is skipped and counted, with the first line
 * numbers and reasons kept for the summary.  A file that is broken as a
 * whole (missing columns, a row of the wrong width, a last line cut short)
 * fails with its line number and leaves the stored postcodes as they were:
 * the import is one transaction.  Importing again updates in place.
 * Results: RESULT_OK, or RESULT_FAILED with the message in e.
 */

enum postcode_layout { POSTCODE_LAYOUT_HEADER, POSTCODE_LAYOUT_CODEPOINT };

struct postcode_import_options {
	enum postcode_layout layout;
	/* Called now and then with bytes read and the file's size. */
	void (*progress)(size_t done, size_t total, void *data);
	void *progress_data;
};

#define POSTCODE_SKIPS_KEPT 5

struct postcode_import_report {
	unsigned long rows;
	unsigned long imported;  /* new postcodes */
	unsigned long updated;   /* postcodes already held */
	unsigned long skipped;
	unsigned long skipped_lines[POSTCODE_SKIPS_KEPT];
	const char *skipped_reasons[POSTCODE_SKIPS_KEPT];
};

int postcode_import_csv(struct db *db, const char *path,
			const struct postcode_import_options *options,
			struct postcode_import_report *report, struct err *e);

#endif
