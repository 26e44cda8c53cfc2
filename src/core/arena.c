#include "core/arena.h"

#include <malloc.h>
#include <stdalign.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Most requests fit in the first block, so a typical request makes one
 * malloc; large bodies get a block of their own. */
#define ARENA_BLOCK_SIZE (16 * 1024)

struct block {
	struct block *next;
	size_t size;
	size_t used;
	alignas(max_align_t) unsigned char data[];
};

struct arena {
	struct block *head;
};

static void *xmalloc(size_t size)
{
	void *p = malloc(size);
	if (!p) {
		fputs("alongside: out of memory\n", stderr);
		abort();
	}
	return p;
}

void arena_keep_freed_memory(void)
{
	/* glibc's trim threshold, and mmap's, grow by themselves only after
	 * a large block has been given back, and stop at 32 MiB: fixed here,
	 * a block up to 32 MiB comes from the heap, and the heap is given
	 * back only past 1 GiB free. */
	mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
	mallopt(M_TRIM_THRESHOLD, 1024 * 1024 * 1024);
}

struct arena *arena_new(void)
{
	struct arena *a = xmalloc(sizeof *a);
	a->head = NULL;
	return a;
}

void arena_free(struct arena *a)
{
	if (!a)
		return;
	struct block *b = a->head;
	while (b) {
		struct block *next = b->next;
		free(b);
		b = next;
	}
	free(a);
}

static size_t align_up(size_t n)
{
	size_t al = alignof(max_align_t);
	return (n + al - 1) & ~(al - 1);
}

/* size bytes, not cleared: for what the caller fills whole at once. */
static void *take(struct arena *a, size_t size)
{
	size = align_up(size ? size : 1);
	struct block *b = a->head;
	if (!b || b->size - b->used < size) {
		size_t bsize = size > ARENA_BLOCK_SIZE ? size : ARENA_BLOCK_SIZE;
		if (bsize > SIZE_MAX - sizeof *b) {
			fputs("alongside: allocation too large\n", stderr);
			abort();
		}
		b = xmalloc(sizeof *b + bsize);
		b->size = bsize;
		b->used = 0;
		/* A one-off large block goes behind the current one so the
		 * current block's free space stays usable. */
		if (a->head && bsize == size) {
			b->next = a->head->next;
			a->head->next = b;
		} else {
			b->next = a->head;
			a->head = b;
		}
	}
	void *p = b->data + b->used;
	b->used += size;
	return p;
}

void *arena_alloc(struct arena *a, size_t size)
{
	void *p = take(a, size);
	memset(p, 0, size);
	return p;
}

/* Strings are written whole, so not cleared first: a report's hundreds of
 * thousands of database cells were written twice. */
char *arena_strndup(struct arena *a, const char *s, size_t len)
{
	char *p = take(a, len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

const char *arena_strdup_trimmed(struct arena *a, const char *s)
{
	if (!s)
		return NULL;
	s += strspn(s, " \t\r\n");
	size_t len = strlen(s);
	while (len && strchr(" \t\r\n", s[len - 1]))
		len--;
	return arena_strndup(a, s, len);
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		abort();
	char *p = take(a, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

void *arena_grow(struct arena *a, void *items, size_t count, size_t *cap, size_t size)
{
	if (count < *cap)
		return items;
	*cap = *cap ? *cap * 2 : 16;
	void *bigger = arena_alloc(a, *cap * size);
	if (count)
		memcpy(bigger, items, count * size);
	return bigger;
}

void arena_adopt(struct arena *a, struct arena *child)
{
	struct block *first = child->head;
	free(child);
	if (!first)
		return;
	struct block *last = first;
	while (last->next)
		last = last->next;
	/* Behind a's current block, whose free space stays in use. */
	if (a->head) {
		last->next = a->head->next;
		a->head->next = first;
	} else {
		a->head = first;
	}
}
