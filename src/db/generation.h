#ifndef ALONGSIDE_DB_GENERATION_H
#define ALONGSIDE_DB_GENERATION_H

#include <stdint.h>

struct arena;
struct db;
struct db_conn;
struct err;

/*
 * Named change counters (schema/016): how a copy kept in memory learns
 * that the tables it was built from have changed, whoever changed them
 * and in whatever process.
 *
 * Every write to a counted set of tables calls db_generation_bump inside
 * its own transaction, so the counter moves exactly when the change
 * commits and never without it.  A reader compares db_generation_read
 * with the generation its copy was built at, and rebuilds when they
 * differ: a read of one row by its key, cheap enough for every request.
 *
 * The names, one per set of tables:
 *   "areas"      areas, area_wards, wards, coordinators, drop-ins: the
 *                area map
 *   "directory"  the community directory's services, places and links
 *
 * Results (core/err.h): RESULT_OK or RESULT_FAILED, the message in e.
 */

#define DB_GENERATION_AREAS "areas"
#define DB_GENERATION_DIRECTORY "directory"

/* Raises name's counter by one, on c inside the caller's transaction. */
int db_generation_bump(struct db_conn *c, const char *name, struct err *e);

/* Sets *out to name's counter.  A database not migrated this far fails
 * (*out 0): the caller keeps what it has and says so. */
int db_generation_read(struct db *db, const char *name, int64_t *out, struct err *e);

/* The same on c, inside the caller's read transaction: the generation of
 * exactly what that transaction reads. */
int db_generation_read_on(struct db_conn *c, const char *name, int64_t *out, struct err *e);

#endif
