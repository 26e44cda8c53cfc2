#include "core/fanout.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>

#define FANOUT_THREADS_MAX 8

struct fanout {
	atomic_size_t next;
	size_t count;
	void (*job)(void *ctx, size_t i);
	void *ctx;
};

static void *take_jobs(void *arg)
{
	struct fanout *f = arg;
	for (size_t i; (i = atomic_fetch_add(&f->next, 1)) < f->count;)
		f->job(f->ctx, i);
	return NULL;
}

void fanout_run(size_t count, unsigned width, void (*job)(void *ctx, size_t i), void *ctx)
{
	struct fanout f = {.count = count, .job = job, .ctx = ctx};
	atomic_init(&f.next, 0);
	size_t helpers = width > 1 ? width - 1 : 0;
	if (helpers > FANOUT_THREADS_MAX)
		helpers = FANOUT_THREADS_MAX;
	if (helpers > count - (count > 0))
		helpers = count - (count > 0);
	pthread_t threads[FANOUT_THREADS_MAX];
	bool started[FANOUT_THREADS_MAX] = {false};
	for (size_t t = 0; t < helpers; t++)
		started[t] = pthread_create(&threads[t], NULL, take_jobs, &f) == 0;
	take_jobs(&f);
	for (size_t t = 0; t < helpers; t++)
		if (started[t])
			pthread_join(threads[t], NULL);
}
