#include "server/conns.h"

#include "core/clock.h"
#include "core/err.h"
#include "core/log.h"
#include "server/peers.h"

#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

struct conn {
	struct conn *prev, *next;
	int fd;
	struct sockaddr_storage addr;
	int64_t waiting_since_us;  /* for a request line and headers */
	bool headers_in;           /* ...which have arrived: no deadline */
	bool cut;                  /* shut down by the watchdog */
	void *request;             /* touched only by the connection's thread */
};

struct conns {
	pthread_mutex_t lock;      /* everything below but the thread */
	struct conn *head;
	struct peers *peers;
	unsigned per_address;
	int header_timeout;
	bool stopping;
	pthread_cond_t wake;
	pthread_t watchdog;
};

/* Checks often enough that a connection is closed within a quarter of the
 * timeout (and within a second) of its deadline. */
static int64_t tick_us(const struct conns *c)
{
	int64_t us = (int64_t)c->header_timeout * 1000000 / 4;
	return us > 1000000 ? 1000000 : us;
}

/* Shuts down each connection past its deadline; returns how many. */
static int cut_late(struct conns *c)
{
	int64_t now = clock_monotonic_us();
	int64_t timeout_us = (int64_t)c->header_timeout * 1000000;
	int cut = 0;
	for (struct conn *k = c->head; k; k = k->next) {
		if (k->headers_in || k->cut || now - k->waiting_since_us < timeout_us)
			continue;
		/* Under the lock, so the descriptor is still this connection's:
		 * libmicrohttpd reports a close (conns_closed) before it
		 * closes the socket. */
		shutdown(k->fd, SHUT_RDWR);
		k->cut = true;
		cut++;
	}
	return cut;
}

static void *watch(void *arg)
{
	struct conns *c = arg;
	pthread_mutex_lock(&c->lock);
	while (!c->stopping) {
		int cut = cut_late(c);
		if (cut)
			log_warn("closed %d connection%s that sent no complete request "
				 "headers within %d s",
				 cut, cut == 1 ? "" : "s", c->header_timeout);
		struct timespec until;
		clock_gettime(CLOCK_MONOTONIC, &until);
		int64_t ns = until.tv_nsec + tick_us(c) * 1000;
		until.tv_sec += (time_t)(ns / 1000000000);
		until.tv_nsec = (long)(ns % 1000000000);
		while (!c->stopping &&
		       pthread_cond_timedwait(&c->wake, &c->lock, &until) != ETIMEDOUT)
			;
	}
	pthread_mutex_unlock(&c->lock);
	return NULL;
}

struct conns *conns_new(size_t max_connections, unsigned per_address,
			int header_timeout, struct err *e)
{
	struct conns *c = calloc(1, sizeof *c);
	if (!c)
		abort();
	c->peers = peers_new(max_connections);
	c->per_address = per_address;
	c->header_timeout = header_timeout;
	pthread_condattr_t attr;
	pthread_condattr_init(&attr);
	pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
	pthread_cond_init(&c->wake, &attr);
	pthread_condattr_destroy(&attr);
	pthread_mutex_init(&c->lock, NULL);
	if (pthread_create(&c->watchdog, NULL, watch, c) != 0) {
		pthread_cond_destroy(&c->wake);
		pthread_mutex_destroy(&c->lock);
		peers_free(c->peers);
		free(c);
		err_set(e, "cannot start the thread that closes slow connections");
		return NULL;
	}
	return c;
}

void conns_free(struct conns *c)
{
	pthread_mutex_lock(&c->lock);
	c->stopping = true;
	pthread_cond_signal(&c->wake);
	pthread_mutex_unlock(&c->lock);
	pthread_join(c->watchdog, NULL);
	pthread_cond_destroy(&c->wake);
	pthread_mutex_destroy(&c->lock);
	peers_free(c->peers);
	free(c);
}

bool conns_admit(struct conns *c, const struct sockaddr *addr, bool limited)
{
	pthread_mutex_lock(&c->lock);
	bool ok = peers_take(c->peers, addr, limited ? c->per_address : 0);
	pthread_mutex_unlock(&c->lock);
	return ok;
}

struct conn *conns_opened(struct conns *c, int fd, const struct sockaddr *addr)
{
	struct conn *k = calloc(1, sizeof *k);
	if (!k)
		abort();
	k->fd = fd;
	memcpy(&k->addr, addr,
	       addr->sa_family == AF_INET6 ? sizeof(struct sockaddr_in6)
					   : sizeof(struct sockaddr_in));
	k->waiting_since_us = clock_monotonic_us();
	pthread_mutex_lock(&c->lock);
	k->next = c->head;
	if (c->head)
		c->head->prev = k;
	c->head = k;
	pthread_mutex_unlock(&c->lock);
	return k;
}

void *conns_closed(struct conns *c, struct conn *k)
{
	pthread_mutex_lock(&c->lock);
	if (k->prev)
		k->prev->next = k->next;
	else
		c->head = k->next;
	if (k->next)
		k->next->prev = k->prev;
	peers_give(c->peers, (const struct sockaddr *)&k->addr);
	pthread_mutex_unlock(&c->lock);
	void *left = k->request;
	free(k);
	return left;
}

void conns_attach(struct conn *k, void *request)
{
	k->request = request;
}

void conns_headers_in(struct conns *c, struct conn *k)
{
	pthread_mutex_lock(&c->lock);
	k->headers_in = true;
	pthread_mutex_unlock(&c->lock);
}

void conns_answered(struct conns *c, struct conn *k)
{
	k->request = NULL;
	pthread_mutex_lock(&c->lock);
	k->headers_in = false;
	k->waiting_since_us = clock_monotonic_us();
	pthread_mutex_unlock(&c->lock);
}
