#include "api/areas_json.h"
#include "cli/cli.h"
#include "core/arena.h"
#include "core/config.h"
#include "core/err.h"
#include "core/workdays.h"
#include "db/db.h"
#include "domain/areas/lookup.h"
#include "domain/areas/postcode.h"
#include "domain/areas/ward.h"
#include "domain/introductions/waiting.h"
#include "geo/map.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int cli_import_wards(const struct cli_command *cmd, int argc, char **argv)
{
	struct cli_args args;
	int rc = cli_parse(cmd, argc, argv, &args);
	if (rc)
		return rc == CLI_HELP_SHOWN ? EXIT_SUCCESS : rc;
	struct ward_import_options opt = {args.options[0], args.options[1]};
	struct err e;
	struct db *db;
	if (db_open(args.config.db_url, 1, &db, &e) < 0)
		return cli_runtime_error(cmd, e.msg);
	struct ward_import_report report;
	rc = ward_import_geojson(db, args.args[0], &opt, &report, &e);
	db_close(db);
	if (rc < 0)
		return cli_runtime_error(cmd, e.msg);
	printf("%d wards imported, %d updated\n", report.imported,
	       report.updated);
	return EXIT_SUCCESS;
}

static void show_progress(size_t done, size_t total, void *data)
{
	(void)data;
	int width = 40;
	int filled = total ? (int)((double)done / (double)total * width) : width;
	if (filled > width)
		filled = width;
	char bar[64];
	memset(bar, '#', (size_t)filled);
	memset(bar + filled, '.', (size_t)(width - filled));
	bar[width] = '\0';
	fprintf(stderr, "\r[%s] %3d%%", bar, filled * 100 / width);
	if (done >= total)
		fputc('\n', stderr);
}

int cli_import_postcodes(const struct cli_command *cmd, int argc, char **argv)
{
	struct cli_args args;
	int rc = cli_parse(cmd, argc, argv, &args);
	if (rc)
		return rc == CLI_HELP_SHOWN ? EXIT_SUCCESS : rc;
	struct postcode_import_options opt = {POSTCODE_LAYOUT_HEADER, NULL, NULL};
	const char *layout = args.options[0];
	if (layout && strcmp(layout, "codepoint") == 0)
		opt.layout = POSTCODE_LAYOUT_CODEPOINT;
	else if (layout && strcmp(layout, "header") != 0)
		return cli_usage_error(cmd, "--layout is header or codepoint");
	if (isatty(STDERR_FILENO))
		opt.progress = show_progress;

	struct err e;
	struct db *db;
	if (db_open(args.config.db_url, 1, &db, &e) < 0)
		return cli_runtime_error(cmd, e.msg);
	struct postcode_import_report r;
	rc = postcode_import_csv(db, args.args[0], &opt, &r, &e);
	db_close(db);
	if (rc < 0)
		return cli_runtime_error(cmd, e.msg);
	printf("%lu rows: %lu postcodes imported, %lu updated, %lu skipped\n",
	       r.rows, r.imported, r.updated, r.skipped);
	for (unsigned long i = 0; i < r.skipped && i < POSTCODE_SKIPS_KEPT; i++)
		printf("  skipped line %lu: %s\n", r.skipped_lines[i],
		       r.skipped_reasons[i]);
	if (r.skipped > POSTCODE_SKIPS_KEPT)
		printf("  ... and %lu more\n", r.skipped - POSTCODE_SKIPS_KEPT);
	return EXIT_SUCCESS;
}

static void print_text(struct arena *a, const struct geo_map *map,
		       const struct lookup_result *r)
{
	if (r->by_postcode)
		printf("%s\n", r->postcode);
	printf("location %.6f, %.6f\n", r->lat, r->lon);
	if (r->ward < 0) {
		printf("ward: none (outside every ward held)\n");
	} else {
		const struct geo_ward *w = geo_map_ward(map, (size_t)r->ward);
		printf("ward %s %s\n", w->code, w->name);
	}
	const char *note = lookup_ward_note(a, map, r);
	if (note)
		printf("note: %s\n", note);
	if (r->covered) {
		printf("covered: area %s", geo_map_area(map, (size_t)r->area)->name);
		if (r->coordinator)
			printf(", coordinator %s", r->coordinator->name);
		printf("\n");
	} else if (r->nearest_covered >= 0) {
		printf("not covered; nearest covered area %s, %.0f m away%s\n",
		       geo_map_area(map, (size_t)r->nearest_covered)->name,
		       r->nearest_metres, r->near ? " (near)" : "");
	} else {
		printf("not covered; no area is covered yet\n");
	}
}

/* The answer as GET /api/v1/lookup gives it, its estimate counted in
 * working days by the same bank holidays as the server's. */
static int print_json(const struct cli_command *cmd, struct arena *a,
		      const struct lookup_context *ctx, const struct config *cfg,
		      const struct lookup_result *r)
{
	struct db *db = ctx->db;
	const struct geo_map *map = ctx->map;
	struct err e = {0};
	struct holidays *h = holidays_new();
	struct waiting w;
	int rc = -1;
	if (!h)
		err_set(&e, "out of memory");
	else if (!cfg->bank_holidays[0] || holidays_add_file(h, cfg->bank_holidays, &e) >= 0)
		rc = api_lookup_estimate(db, h, a, map, r, &w, &e);
	holidays_free(h);
	if (rc < 0)
		return cli_runtime_error(cmd, e.msg);
	json_t *answer = api_lookup_answer_json(ctx, a, r, &e);
	if (!answer)
		return cli_runtime_error(cmd, e.msg);
	json_t *j = api_lookup_json(a, map, r, rc ? &w : NULL);
	json_object_set_new(j, "answer", answer);
	char *text = json_dumps(j, JSON_COMPACT | JSON_REAL_PRECISION(10));
	puts(text);
	free(text);
	json_decref(j);
	return EXIT_SUCCESS;
}

int cli_lookup(const struct cli_command *cmd, int argc, char **argv)
{
	struct cli_args args;
	int rc = cli_parse(cmd, argc, argv, &args);
	if (rc)
		return rc == CLI_HELP_SHOWN ? EXIT_SUCCESS : rc;
	const char *query = args.args[0];
	bool point = strchr(query, ',') != NULL;

	struct err e;
	struct db *db = NULL;
	struct geo_map *map = NULL;
	if (db_open(args.config.db_url, 1, &db, &e) < 0 ||
	    geo_map_load(db, &map, &e) < 0) {
		db_close(db);
		return cli_runtime_error(cmd, e.msg);
	}
	struct arena *a = arena_new();
	struct lookup_result r;
	struct lookup_context ctx = {db, map, args.config.near_metres, NULL};
	rc = point ? lookup_point(&ctx, a, query, NULL, &r, &e)
		   : lookup_postcode(&ctx, a, query, &r, &e);
	int exit_code = EXIT_SUCCESS;
	if (rc == RESULT_INVALID) {
		exit_code = cli_usage_error(cmd, point ? "expected LAT,LON in degrees"
						       : "not a UK postcode");
	} else if (rc == RESULT_NOT_FOUND) {
		exit_code = cli_runtime_error(cmd, "postcode not found");
	} else if (rc != RESULT_OK) {
		exit_code = cli_runtime_error(cmd, e.msg);
	} else if (args.switches[0]) {
		exit_code = print_json(cmd, a, &ctx, &args.config, &r);
	} else {
		print_text(a, map, &r);
	}
	arena_free(a);
	geo_map_free(map);
	db_close(db);
	return exit_code;
}
