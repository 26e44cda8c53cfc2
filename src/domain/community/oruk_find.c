#include "domain/community/oruk_find.h"

#include <stdlib.h>

#include "core/arena.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/community/listing.h"

int oruk_find_service_at_location(struct db *db, const char *id, struct arena *a,
				  const char **service_id, struct err *e)
{
	struct db_param p[] = {DB_TEXT(id)};
	struct db_rows rows;
	if (db_run(db, a, "SELECT service_id FROM community_service_at_locations WHERE id = $1", p,
		   &rows, e) < 0)
		return RESULT_FAILED;
	if (rows.row_count == 0)
		return err_not_found(e, "service_at_location", "No service at a location has that id");
	*service_id = db_cell(&rows, 0, 0);
	return RESULT_OK;
}

#define ORGANIZATION_COLUMNS "o.id, o.name, o.description, o.email, o.website"
#define RUNS_A_LIVE_LISTING                                                     \
	" EXISTS (SELECT 1 FROM community_services s"                           \
	" WHERE s.organization_id = o.id AND s.status <> 'defunct')"

static struct community_organization organization_row(const struct db_rows *rows, size_t r)
{
	return (struct community_organization){
		.id = db_cell(rows, r, 0),
		.name = db_cell(rows, r, 1),
		.description = db_cell(rows, r, 2),
		.email = db_cell(rows, r, 3),
		.website = db_cell(rows, r, 4),
	};
}

int oruk_find_organizations(struct db *db, long page, long per_page, struct arena *a,
			    struct community_organization **out, size_t *count, long *total,
			    struct err *e)
{
	struct db_rows rows;
	if (db_run_plain(db, a,
			 "SELECT COUNT(*) FROM community_organizations o WHERE" RUNS_A_LIVE_LISTING,
			 &rows, e) < 0)
		return RESULT_FAILED;
	*total = strtol(db_cell(&rows, 0, 0), NULL, 10);
	struct db_param p[] = {DB_INT(per_page), DB_INT((page - 1) * per_page)};
	if (db_run(db, a,
		   "SELECT " ORGANIZATION_COLUMNS " FROM community_organizations o WHERE"
		   RUNS_A_LIVE_LISTING " ORDER BY o.name, o.id LIMIT $1 OFFSET $2",
		   p, &rows, e) < 0)
		return RESULT_FAILED;
	*count = rows.row_count;
	*out = arena_alloc(a, (rows.row_count + 1) * sizeof **out);
	for (size_t r = 0; r < rows.row_count; r++)
		(*out)[r] = organization_row(&rows, r);
	return RESULT_OK;
}

int oruk_find_organization(struct db *db, const char *id, struct arena *a,
			   struct community_organization *out, struct err *e)
{
	struct db_param p[] = {DB_TEXT(id)};
	struct db_rows rows;
	if (db_run(db, a,
		   "SELECT " ORGANIZATION_COLUMNS " FROM community_organizations o WHERE o.id = $1",
		   p, &rows, e) < 0)
		return RESULT_FAILED;
	if (rows.row_count == 0)
		return err_not_found(e, "organization", "No organisation has that id");
	*out = organization_row(&rows, 0);
	return RESULT_OK;
}

int oruk_find_organization_services(struct db *db, const char *id, struct arena *a,
				    const char ***service_ids, size_t *count, struct err *e)
{
	struct db_param p[] = {DB_TEXT(id)};
	struct db_rows rows;
	if (db_run(db, a,
		   "SELECT id FROM community_services WHERE organization_id = $1"
		   " AND status <> 'defunct' ORDER BY name, id",
		   p, &rows, e) < 0)
		return RESULT_FAILED;
	*count = rows.row_count;
	*service_ids = arena_alloc(a, (rows.row_count + 1) * sizeof **service_ids);
	for (size_t r = 0; r < rows.row_count; r++)
		(*service_ids)[r] = db_cell(&rows, r, 0);
	return RESULT_OK;
}
