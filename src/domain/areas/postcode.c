#include "domain/areas/postcode.h"

#include "core/arena.h"
#include "core/clock.h"
#include "core/csv.h"
#include "core/err.h"
#include "core/sb.h"
#include "db/db.h"
#include "domain/areas/ward.h"
#include "geo/postcode.h"
#include "geo/projection.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Rows per INSERT: one statement carries many rows, which is what makes a
 * 1.7-million-row file quick on PostgreSQL, where each statement is a round
 * trip. */
#define BATCH_ROWS 200
#define COLUMNS_PER_ROW 5

enum column { COL_POSTCODE, COL_LAT, COL_LON, COL_EAST, COL_NORTH, COL_WARD,
	      COL_COUNT };

static const char *const column_names[COL_COUNT][6] = {
	[COL_POSTCODE] = {"postcode", "pcd", "pcds", "pc", NULL},
	[COL_LAT] = {"latitude", "lat", NULL},
	[COL_LON] = {"longitude", "long", "lon", "lng", NULL},
	[COL_EAST] = {"easting", "eastings", "oseast1m", "ea", NULL},
	[COL_NORTH] = {"northing", "northings", "osnrth1m", "no", NULL},
	[COL_WARD] = {"admin_ward_code", "osward", "ward_code", "wc", "ward", NULL},
};

struct batch_row {
	char postcode[POSTCODE_SIZE];
	char lat[32];
	char lon[32];
	char ward[16];
	bool has_ward;
};

struct importer {
	struct db_conn *conn;
	struct arena *arena;
	struct projection *proj;
	const char *sql_full;  /* INSERT for BATCH_ROWS rows */
	char now[CLOCK_ISO8601_SIZE];
	int col[COL_COUNT];    /* -1: absent */
	size_t width;          /* fields every row must have */
	struct batch_row rows[BATCH_ROWS];
	size_t count;
	struct postcode_import_report *report;
};

/* The INSERT for n rows, built from numbers alone: no input reaches it. */
static const char *insert_sql(struct arena *a, size_t n)
{
	struct sb sb;
	sb_init(&sb, a, 64 * 1024);
	sb_puts(&sb, "INSERT INTO postcodes"
		     " (postcode, latitude, longitude, ward_code, updated_at)"
		     " VALUES ");
	for (size_t i = 0; i < n; i++) {
		size_t b = i * COLUMNS_PER_ROW;
		sb_printf(&sb, "%s($%zu, CAST($%zu AS DOUBLE PRECISION),"
			       " CAST($%zu AS DOUBLE PRECISION), $%zu, $%zu)",
			  i ? ", " : "", b + 1, b + 2, b + 3, b + 4, b + 5);
	}
	sb_puts(&sb, " ON CONFLICT (postcode) DO UPDATE SET"
		     " latitude = excluded.latitude,"
		     " longitude = excluded.longitude,"
		     " ward_code = excluded.ward_code,"
		     " updated_at = excluded.updated_at");
	return sb_str(&sb);
}

static int flush(struct importer *im, struct err *e)
{
	if (im->count == 0)
		return RESULT_OK;
	/* Each batch gets its own arena: a whole file's parameters would not
	 * fit in memory at once. */
	struct arena *a = arena_new();
	struct db_param *p = arena_alloc(a, im->count * COLUMNS_PER_ROW *
						    sizeof *p);
	for (size_t i = 0; i < im->count; i++) {
		struct batch_row *r = &im->rows[i];
		struct db_param *q = p + i * COLUMNS_PER_ROW;
		q[0] = DB_TEXT(r->postcode);
		q[1] = DB_TEXT(r->lat);
		q[2] = DB_TEXT(r->lon);
		q[3] = r->has_ward ? DB_TEXT(r->ward) : DB_NULL;
		q[4] = DB_TEXT(im->now);
	}
	const char *sql = im->count == BATCH_ROWS ? im->sql_full
						  : insert_sql(a, im->count);
	/* The last batch is shorter: the one count known only at run time. */
	int rc = db_query_counted(im->conn, a, sql, p, im->count * COLUMNS_PER_ROW,
				  NULL, e);
	arena_free(a);
	im->count = 0;
	return rc;
}

static void skip(struct importer *im, unsigned long line, const char *reason)
{
	struct postcode_import_report *r = im->report;
	if (r->skipped < POSTCODE_SKIPS_KEPT) {
		r->skipped_lines[r->skipped] = line;
		r->skipped_reasons[r->skipped] = reason;
	}
	r->skipped++;
}

static bool parse_number(const char *s, double *out)
{
	while (isspace((unsigned char)*s))
		s++;
	if (!*s)
		return false;
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	while (isspace((unsigned char)*end))
		end++;
	if (errno || *end || !isfinite(v))
		return false;
	*out = v;
	return true;
}

static int find_columns(struct importer *im, const struct csv_row *header,
			const char *path, struct err *e)
{
	for (int c = 0; c < COL_COUNT; c++)
		im->col[c] = -1;
	for (size_t i = 0; i < header->field_count; i++) {
		char name[64];
		size_t n = 0;
		for (const char *p = header->fields[i]; *p && n < sizeof name - 1; p++)
			if (!isspace((unsigned char)*p))
				name[n++] = (char)tolower((unsigned char)*p);
		name[n] = '\0';
		for (int c = 0; c < COL_COUNT; c++)
			for (int k = 0; column_names[c][k]; k++)
				if (im->col[c] < 0 && strcmp(name, column_names[c][k]) == 0)
					im->col[c] = (int)i;
	}
	bool latlon = im->col[COL_LAT] >= 0 && im->col[COL_LON] >= 0;
	bool grid = im->col[COL_EAST] >= 0 && im->col[COL_NORTH] >= 0;
	if (im->col[COL_POSTCODE] < 0 || (!latlon && !grid))
		return err_set(e,
			       "%s: line 1: expected a header naming postcode and "
			       "latitude/longitude or easting/northing columns (for "
			       "OS Code-Point Open, which has no header, use "
			       "--layout codepoint)",
			       path);
	if (latlon)
		im->col[COL_EAST] = im->col[COL_NORTH] = -1;
	im->width = header->field_count;
	return RESULT_OK;
}

static int take_row(struct importer *im, const struct csv_row *row,
		    struct err *e)
{
	struct batch_row *out = &im->rows[im->count];
	if (!postcode_normalise(row->fields[im->col[COL_POSTCODE]], out->postcode)) {
		skip(im, row->line, "malformed postcode");
		return RESULT_OK;
	}
	double lat, lon;
	if (im->col[COL_LAT] >= 0) {
		if (!parse_number(row->fields[im->col[COL_LAT]], &lat) ||
		    !parse_number(row->fields[im->col[COL_LON]], &lon) ||
		    (lat == 0 && lon == 0)) {
			skip(im, row->line, "no location");
			return RESULT_OK;
		}
		if (fabs(lat) > 90 || fabs(lon) > 180) {
			skip(im, row->line, "latitude or longitude out of range");
			return RESULT_OK;
		}
	} else {
		double east, north;
		if (!parse_number(row->fields[im->col[COL_EAST]], &east) ||
		    !parse_number(row->fields[im->col[COL_NORTH]], &north) ||
		    (east == 0 && north == 0)) {
			skip(im, row->line, "no location");
			return RESULT_OK;
		}
		struct err ignored;
		if (east < 0 || east > 700000 || north < 0 || north > 1300000 ||
		    projection_from_grid(im->proj, east, north, &lat, &lon,
					 &ignored) < 0) {
			skip(im, row->line, "easting or northing off the grid");
			return RESULT_OK;
		}
	}
	snprintf(out->lat, sizeof out->lat, "%.6f", lat);
	snprintf(out->lon, sizeof out->lon, "%.6f", lon);
	out->has_ward = false;
	if (im->col[COL_WARD] >= 0) {
		const char *w = row->fields[im->col[COL_WARD]];
		if (ward_code_valid(w)) {
			snprintf(out->ward, sizeof out->ward, "%s", w);
			out->has_ward = true;
		}
	}
	/* PostgreSQL refuses to update one row twice in a statement: a
	 * postcode repeated within the batch goes in the next one. */
	for (size_t i = 0; i < im->count; i++)
		if (strcmp(im->rows[i].postcode, out->postcode) == 0) {
			struct batch_row copy = *out;
			if (flush(im, e) < 0)
				return RESULT_FAILED;
			im->rows[0] = copy;
			break;
		}
	im->count++;
	return im->count == BATCH_ROWS ? flush(im, e) : RESULT_OK;
}

static long long count_postcodes(struct importer *im, struct err *e)
{
	struct db_rows rows;
	if (db_query_plain(im->conn, im->arena, "SELECT count(*) FROM postcodes",
			   &rows, e) < 0)
		return -1;
	return strtoll(db_cell(&rows, 0, 0), NULL, 10);
}

static int read_rows(struct importer *im, struct csv_reader *csv,
		     const char *path,
		     const struct postcode_import_options *opt, size_t size,
		     struct err *e)
{
	struct csv_row row;
	int got;
	bool first = true;
	int64_t last_progress = 0;
	while ((got = csv_next(csv, &row, e)) == 1) {
		if (first && opt->layout == POSTCODE_LAYOUT_HEADER) {
			first = false;
			if (find_columns(im, &row, path, e) < 0)
				return RESULT_FAILED;
			continue;
		}
		if (first) {
			first = false;
			if (row.field_count < 10)
				return err_set(e, "%s: line %lu: Code-Point Open "
						  "rows have 10 columns, found %zu",
					       path, row.line, row.field_count);
			im->width = row.field_count;
		}
		if (row.field_count != im->width)
			return err_set(e,
				       "%s: line %lu: %zu columns where the file "
				       "has %zu%s; nothing imported",
				       path, row.line, row.field_count, im->width,
				       row.ends_with_newline
					       ? ""
					       : " (the last line is cut short)");
		im->report->rows++;
		if (take_row(im, &row, e) < 0)
			return RESULT_FAILED;
		if (opt->progress && (im->report->rows & 4095) == 0) {
			int64_t now = clock_monotonic_us();
			if (now - last_progress > 200000) {
				opt->progress(csv_offset(csv), size, opt->progress_data);
				last_progress = now;
			}
		}
	}
	if (got < 0)
		return RESULT_FAILED;
	if (first)
		return err_set(e, "%s: the file is empty", path);
	if (opt->progress)
		opt->progress(size, size, opt->progress_data);
	return flush(im, e);
}

int postcode_import_csv(struct db *db, const char *path,
			const struct postcode_import_options *opt,
			struct postcode_import_report *report, struct err *e)
{
	memset(report, 0, sizeof *report);
	struct stat st;
	if (stat(path, &st) < 0)
		return err_set(e, "%s: %s", path, strerror(errno));
	struct importer *im = calloc(1, sizeof *im);
	if (!im)
		abort();
	im->report = report;
	im->arena = arena_new();
	im->sql_full = insert_sql(im->arena, BATCH_ROWS);
	clock_utc_iso8601(im->now, sizeof im->now);
	if (opt->layout == POSTCODE_LAYOUT_CODEPOINT) {
		im->col[COL_POSTCODE] = 0;
		im->col[COL_LAT] = im->col[COL_LON] = -1;
		im->col[COL_EAST] = 2;
		im->col[COL_NORTH] = 3;
		im->col[COL_WARD] = 9;
	}
	struct csv_reader *csv = NULL;
	int rc = projection_new(&im->proj, e);
	if (rc == 0)
		rc = csv_open(path, &csv, e);
	if (rc == 0)
		rc = db_transaction(db, &im->conn, e);
	if (rc == 0) {
		long long before = count_postcodes(im, e);
		if (before < 0)
			rc = -1;
		if (rc == 0)
			rc = read_rows(im, csv, path, opt, (size_t)st.st_size, e);
		long long after = rc == 0 ? count_postcodes(im, e) : -1;
		if (rc == 0 && after < 0)
			rc = -1;
		if (rc == 0) {
			report->imported = (unsigned long)(after - before);
			report->updated = report->rows - report->skipped -
					  report->imported;
		}
		rc = db_finish(im->conn, rc, e);
	}
	csv_close(csv);
	projection_free(im->proj);
	arena_free(im->arena);
	free(im);
	return rc;
}
