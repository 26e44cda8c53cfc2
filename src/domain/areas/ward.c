#include "domain/areas/ward.h"

#include "core/arena.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/sb.h"
#include "db/db.h"
#include "db/generation.h"
#include "geo/geos.h"

#include <ctype.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#define MAX_WARDS 20000
#define MAX_REPORTED_PROBLEMS 10

struct parsed_ward {
	const char *code;
	const char *name;
	char *geometry; /* compact GeoJSON */
};

int ward_code_valid(const char *code)
{
	if (strlen(code) != 9 || !strchr("EWSN", code[0]))
		return 0;
	for (int i = 1; i < 9; i++)
		if (!isdigit((unsigned char)code[i]))
			return 0;
	return 1;
}

/* Finds a property named like WD24CD (suffix "CD") or WD24NM ("NM"). */
static const char *find_property(json_t *props, const char *suffix)
{
	const char *key;
	json_t *value;
	json_object_foreach(props, key, value) {
		if (strlen(key) == 6 && key[0] == 'W' && key[1] == 'D' &&
		    isdigit((unsigned char)key[2]) &&
		    isdigit((unsigned char)key[3]) &&
		    strcmp(key + 4, suffix) == 0 && json_is_string(value))
			return key;
	}
	return NULL;
}

/* Checks one feature; on a problem appends a line to problems and returns
 * -1. */
static int parse_feature(struct arena *a, struct geos_context *g,
			 GEOSGeoJSONReader *reader, json_t *feature,
			 size_t index, const struct ward_import_options *opt,
			 struct parsed_ward *out, struct sb *problems)
{
	json_t *props = json_object_get(feature, "properties");
	json_t *geometry = json_object_get(feature, "geometry");
	if (!json_is_object(props)) {
		sb_printf(problems, "\n  feature %zu: no properties", index + 1);
		return -1;
	}
	const char *code_key = opt->code_property ? opt->code_property
						  : find_property(props, "CD");
	const char *name_key = opt->name_property ? opt->name_property
						  : find_property(props, "NM");
	const char *code = code_key ? json_string_value(json_object_get(props, code_key)) : NULL;
	const char *name = name_key ? json_string_value(json_object_get(props, name_key)) : NULL;
	if (!code || !ward_code_valid(code)) {
		sb_printf(problems,
			  "\n  feature %zu: no ward code (expected a property "
			  "like WD24CD holding an ONS code, or --code-property)",
			  index + 1);
		return -1;
	}
	if (!name || !*name || strlen(name) > 200) {
		sb_printf(problems, "\n  feature %zu (%s): no ward name", index + 1,
			  code);
		return -1;
	}
	const char *type = json_string_value(json_object_get(geometry, "type"));
	if (!type || (strcmp(type, "Polygon") != 0 &&
		      strcmp(type, "MultiPolygon") != 0)) {
		sb_printf(problems,
			  "\n  feature %zu (%s): geometry must be a Polygon or "
			  "MultiPolygon",
			  index + 1, code);
		return -1;
	}
	char *text = json_dumps(geometry, JSON_COMPACT);
	if (!text)
		abort();
	out->geometry = arena_strdup(a, text);
	free(text);
	GEOSGeometry *geom =
		GEOSGeoJSONReader_readGeometry_r(g->handle, reader, out->geometry);
	if (!geom) {
		sb_printf(problems, "\n  feature %zu (%s): unreadable geometry: %s",
			  index + 1, code, g->last_error);
		return -1;
	}
	int rc = 0;
	if (GEOSisValid_r(g->handle, geom) != 1) {
		char *reason = GEOSisValidReason_r(g->handle, geom);
		sb_printf(problems, "\n  feature %zu (%s %s): invalid geometry: %s",
			  index + 1, code, name, reason ? reason : "unknown");
		GEOSFree_r(g->handle, reason);
		rc = -1;
	}
	GEOSGeom_destroy_r(g->handle, geom);
	out->code = code;
	out->name = name;
	return rc;
}

static int store(struct db *db, struct arena *a, struct parsed_ward *wards,
		 size_t count, struct ward_import_report *report, struct err *e)
{
	struct db_conn *c;
	if (db_transaction(db, &c, e) < 0)
		return RESULT_FAILED;
	char now[CLOCK_ISO8601_SIZE];
	clock_utc_iso8601(now, sizeof now);
	int rc = RESULT_OK;
	for (size_t i = 0; rc == 0 && i < count; i++) {
		struct db_param key[] = {DB_TEXT(wards[i].code)};
		struct db_rows rows;
		rc = db_query(c, a, "SELECT 1 FROM wards WHERE code = $1", key,
			      &rows, e);
		if (rc < 0)
			break;
		if (rows.row_count)
			report->updated++;
		else
			report->imported++;
		struct db_param p[] = {DB_TEXT(wards[i].code),
				       DB_TEXT(wards[i].name),
				       DB_TEXT(wards[i].geometry), DB_TEXT(now)};
		rc = db_query(c, a,
			      "INSERT INTO wards (code, name, geometry, updated_at)"
			      " VALUES ($1, $2, $3, $4) ON CONFLICT (code) DO UPDATE"
			      " SET name = excluded.name, geometry = excluded.geometry,"
			      " updated_at = excluded.updated_at",
			      p, NULL, e);
	}
	/* The area map is built from the wards' outlines: a running server
	 * rebuilds it when the generation moves, as after a change of areas. */
	if (rc == RESULT_OK)
		rc = db_generation_bump(c, DB_GENERATION_AREAS, e);
	return db_finish(c, rc, e);
}

int ward_import_geojson(struct db *db, const char *path,
			const struct ward_import_options *options,
			struct ward_import_report *report, struct err *e)
{
	memset(report, 0, sizeof *report);
	json_error_t jerr;
	json_t *doc = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr);
	if (!doc)
		return err_set(e, "%s: not JSON (line %d: %s)", path, jerr.line,
			       jerr.text);
	json_t *features = json_object_get(doc, "features");
	const char *type = json_string_value(json_object_get(doc, "type"));
	if (!type || strcmp(type, "FeatureCollection") != 0 ||
	    !json_is_array(features)) {
		json_decref(doc);
		return err_set(e, "%s: not a GeoJSON FeatureCollection", path);
	}
	size_t count = json_array_size(features);
	if (count == 0 || count > MAX_WARDS) {
		json_decref(doc);
		return err_set(e, "%s: %zu features (expected 1 to %d)", path,
			       count, MAX_WARDS);
	}

	struct arena *a = arena_new();
	struct parsed_ward *wards = arena_alloc(a, count * sizeof *wards);
	struct geos_context g;
	geos_context_init(&g);
	GEOSGeoJSONReader *reader = GEOSGeoJSONReader_create_r(g.handle);
	struct sb problems;
	sb_init(&problems, a, 16 * 1024);
	int bad = 0;
	for (size_t i = 0; i < count; i++) {
		if (parse_feature(a, &g, reader, json_array_get(features, i), i,
				  options, &wards[i], &problems) < 0 &&
		    ++bad == MAX_REPORTED_PROBLEMS)
			break;
	}
	for (size_t i = 0; !bad && i < count; i++)
		for (size_t j = 0; j < i; j++)
			if (strcmp(wards[i].code, wards[j].code) == 0) {
				sb_printf(&problems, "\n  features %zu and %zu: both "
						     "are ward %s",
					  j + 1, i + 1, wards[i].code);
				bad++;
			}
	GEOSGeoJSONReader_destroy_r(g.handle, reader);
	geos_context_free(&g);

	int rc;
	if (bad)
		rc = err_set(e, "%s: nothing imported:%s", path, sb_str(&problems));
	else
		rc = store(db, a, wards, count, report, e);
	arena_free(a);
	json_decref(doc);
	return rc;
}

int ward_outlines(struct db *db, struct arena *a, struct ward_outline **out,
		  size_t *count, struct err *e)
{
	struct db_rows rows;
	if (db_run_plain(db, a, "SELECT code, name, geometry FROM wards ORDER BY name, code",
			 &rows, e) != RESULT_OK)
		return RESULT_FAILED;
	struct ward_outline *list = arena_alloc(a, (rows.row_count + 1) * sizeof *list);
	for (size_t i = 0; i < rows.row_count; i++)
		list[i] = (struct ward_outline){db_cell(&rows, i, 0), db_cell(&rows, i, 1),
						db_cell(&rows, i, 2)};
	*out = list;
	*count = rows.row_count;
	return RESULT_OK;
}
