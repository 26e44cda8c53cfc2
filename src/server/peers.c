#include "server/peers.h"

#include <assert.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#define KEY_SIZE 16

/* Open addressing with linear probing; count 0 marks an empty slot. */
struct slot {
	unsigned char key[KEY_SIZE];
	unsigned count;
};

struct peers {
	size_t room;  /* clients it holds */
	size_t used;
	size_t mask;  /* slots - 1; slots is a power of two, at least 2 * room */
	struct slot *slots;
};

struct peers *peers_new(size_t clients)
{
	/* At most half full, so probe runs stay short and always end. */
	size_t slots = 16;
	while (slots < 2 * clients)
		slots *= 2;
	struct peers *p = calloc(1, sizeof *p);
	if (p)
		p->slots = calloc(slots, sizeof *p->slots);
	if (!p || !p->slots)
		abort();
	p->room = clients;
	p->mask = slots - 1;
	return p;
}

void peers_free(struct peers *p)
{
	if (!p)
		return;
	free(p->slots);
	free(p);
}

static void client_key(const struct sockaddr *addr, unsigned char key[KEY_SIZE])
{
	static const unsigned char v4_prefix[12] = {0, 0, 0, 0, 0, 0,
						    0, 0, 0, 0, 0xff, 0xff};
	memset(key, 0, KEY_SIZE);
	if (addr->sa_family == AF_INET) {
		const struct sockaddr_in *in = (const void *)addr;
		memcpy(key, v4_prefix, sizeof v4_prefix);
		memcpy(key + 12, &in->sin_addr, 4);
	} else if (addr->sa_family == AF_INET6) {
		const struct sockaddr_in6 *in6 = (const void *)addr;
		const unsigned char *a = in6->sin6_addr.s6_addr;
		memcpy(key, a, memcmp(a, v4_prefix, sizeof v4_prefix) == 0 ? 16 : 8);
	}
}

static size_t home_of(const struct peers *p, const unsigned char key[KEY_SIZE])
{
	uint64_t h = 1469598103934665603u; /* FNV-1a */
	for (size_t i = 0; i < KEY_SIZE; i++)
		h = (h ^ key[i]) * 1099511628211u;
	return (size_t)h & p->mask;
}

/* The slot holding key, or the empty slot where it would go. */
static size_t find(const struct peers *p, const unsigned char key[KEY_SIZE])
{
	size_t i = home_of(p, key);
	while (p->slots[i].count && memcmp(p->slots[i].key, key, KEY_SIZE) != 0)
		i = (i + 1) & p->mask;
	return i;
}

bool peers_take(struct peers *p, const struct sockaddr *addr, unsigned limit)
{
	unsigned char key[KEY_SIZE];
	client_key(addr, key);
	size_t i = find(p, key);
	struct slot *s = &p->slots[i];
	if (s->count) {
		if (limit && s->count >= limit)
			return false;
		s->count++;
		return true;
	}
	if (p->used == p->room)
		return false;
	memcpy(s->key, key, KEY_SIZE);
	s->count = 1;
	p->used++;
	return true;
}

void peers_give(struct peers *p, const struct sockaddr *addr)
{
	unsigned char key[KEY_SIZE];
	client_key(addr, key);
	size_t hole = find(p, key);
	assert(p->slots[hole].count > 0);
	if (--p->slots[hole].count)
		return;
	p->used--;
	/* Close the gap: move back each later entry of the run that could
	 * not be found past an empty slot (Knuth's algorithm R). */
	for (size_t j = (hole + 1) & p->mask; p->slots[j].count;
	     j = (j + 1) & p->mask) {
		size_t home = home_of(p, p->slots[j].key);
		bool stays = hole < j ? (hole < home && home <= j)
				      : (hole < home || home <= j);
		if (!stays) {
			p->slots[hole] = p->slots[j];
			p->slots[j].count = 0;
			hole = j;
		}
	}
}
