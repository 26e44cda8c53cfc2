#ifndef ALONGSIDE_SERVER_CONNS_H
#define ALONGSIDE_SERVER_CONNS_H

#include <stdbool.h>
#include <stddef.h>

struct err;
struct sockaddr;

/*
 * The server's open connections.  Each is counted against its client's
 * limit when accepted (peers.h), and has a deadline for a request line and
 * headers to arrive, counted from when it opened or its last answer was
 * sent: libmicrohttpd has none of its own, and every byte received resets
 * its idle timeout, so a client sending a byte every few seconds would
 * otherwise hold a connection for ever.  A watchdog thread shuts down the
 * socket of a connection past its deadline, and libmicrohttpd, seeing the
 * socket closed, closes the connection.
 *
 * Each connection also holds the request in progress on it, so that a
 * request libmicrohttpd abandons without completing it is still freed
 * when its connection closes.
 *
 * Thread-safe: libmicrohttpd's threads report their own connections, and
 * the watchdog runs beside them.
 */

struct conns;
struct conn;

/* For up to max_connections open at once, at most per_address from one
 * client, each with header_timeout seconds for a request's line and
 * headers.  Starts the watchdog; NULL (with e) if it cannot. */
struct conns *conns_new(size_t max_connections, unsigned per_address,
			int header_timeout, struct err *e);

/* Stops the watchdog and frees; every connection must have closed. */
void conns_free(struct conns *c);

/* Whether a new connection from addr may open, counting it if so.  A
 * client that is not `limited` (a trusted proxy) is counted but never
 * refused. */
bool conns_admit(struct conns *c, const struct sockaddr *addr, bool limited);

/* A connection conns_admit let in has opened on socket fd; its deadline
 * runs from now. */
struct conn *conns_opened(struct conns *c, int fd, const struct sockaddr *addr);

/* It has closed: forgets it, counts it off its client, and returns the
 * request still attached to it (NULL if none) for the caller to free. */
void *conns_closed(struct conns *c, struct conn *k);

/* A request line has arrived on k; `request` is the caller's state for it,
 * attached until conns_answered. */
void conns_attach(struct conn *k, void *request);

/* That request's headers are all in: no deadline until it is answered. */
void conns_headers_in(struct conns *c, struct conn *k);

/* It is done (answered, or abandoned by the client): detached, and the
 * deadline for the next request on k runs from now. */
void conns_answered(struct conns *c, struct conn *k);

#endif
