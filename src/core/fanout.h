#ifndef ALONGSIDE_CORE_FANOUT_H
#define ALONGSIDE_CORE_FANOUT_H

#include <stddef.h>

/*
 * Independent pieces of one piece of work, run side by side: a report's
 * sections, each a few statements of its own, take the time of the
 * slowest rather than of all together, as the database (PostgreSQL's
 * backends, SQLite's connections in WAL mode) serves several at once.
 *
 * fanout_run calls job(ctx, i) exactly once for every i in [0, count),
 * on up to width threads at once, the caller's among them, and returns
 * when every call has returned.  The jobs share nothing the caller did not
 * give each its own of (an arena, an err, a database connection taken
 * for the job): they must not wait for one another.  A thread that cannot
 * be started leaves its share to the others, so at worst the caller runs
 * them all, one after another; fanout_run never fails.
 */
void fanout_run(size_t count, unsigned width, void (*job)(void *ctx, size_t i), void *ctx);

#endif
