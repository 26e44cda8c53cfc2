#ifndef ALONGSIDE_DB_INSTANCE_H
#define ALONGSIDE_DB_INSTANCE_H

struct arena;
struct db_conn;
struct err;

/*
 * The installation's identity: a random identifier made once, by the first
 * `alongside migrate`, and shared by every instance on the same database.
 * Operators compare it across instances behind a load balancer (/readyz
 * shows it) to confirm they share one database; later it names the
 * installation in identifiers that leave it, such as calendar UIDs.
 */

/* Creates the identifier if the database has none; either way sets *id. */
int instance_ensure_id(struct db_conn *c, struct arena *a, const char **id,
		       struct err *e);

/* Sets *id, or NULL for a database never migrated this far. */
int instance_id(struct db_conn *c, struct arena *a, const char **id,
		struct err *e);

#endif
