#ifndef ALONGSIDE_CORE_ARENA_H
#define ALONGSIDE_CORE_ARENA_H

#include <stddef.h>

/*
 * A bump allocator for memory that lives exactly as long as one piece of work
 * (one HTTP request, one CLI command).  Nothing allocated from an arena is
 * freed on its own: arena_free() releases everything at once, so handlers
 * never free piecemeal.  Allocation failure aborts the process: there is no
 * sensible recovery from running out of memory mid-request.
 *
 * An arena is not thread-safe; each request owns its own.
 */

struct arena;

/* Once, at the start of a process: memory its arenas free is kept for the
 * next ones rather than given back to the system.  A report at 100,000
 * people allocates about 100 MB; given back after each request, every
 * page of it was faulted in anew the next time (a third of a report's
 * time outside its SQL, BENCHMARKS.md).  The process keeps what its
 * busiest moment needed. */
void arena_keep_freed_memory(void);

struct arena *arena_new(void);
void arena_free(struct arena *a);

/* Returns size bytes aligned for any type; zeroed. */
void *arena_alloc(struct arena *a, size_t size);

/* Copies len bytes of s and adds a terminating NUL. */
char *arena_strndup(struct arena *a, const char *s, size_t len);
char *arena_strdup(struct arena *a, const char *s);
/* s without the spaces, tabs and line breaks around it (a paste brings
 * them), in the arena; what is inside is kept as typed.  NULL stays NULL. */
const char *arena_strdup_trimmed(struct arena *a, const char *s);

char *arena_printf(struct arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* A list growing one item at a time: items (count of them, room for *cap,
 * each size bytes) with room for one more, copied to a list twice as
 * large (and *cap updated) when full.  The old copy stays in the arena. */
void *arena_grow(struct arena *a, void *items, size_t count, size_t *cap, size_t size);

/* Hands everything allocated from child to a, and frees child itself:
 * what it holds now lives, and is freed, with a.  For work done on other
 * threads, each on an arena of its own (an arena is not thread-safe),
 * whose results the request keeps. */
void arena_adopt(struct arena *a, struct arena *child);

#endif
