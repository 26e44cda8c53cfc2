#ifndef ALONGSIDE_SERVER_PEERS_H
#define ALONGSIDE_SERVER_PEERS_H

#include <stdbool.h>
#include <stddef.h>

struct sockaddr;

/*
 * Open connections counted per client, so that one client cannot hold every
 * connection the server allows.  A client is its IPv4 address, or its IPv6
 * /64 network (one machine may use any address of its /64); an IPv4 address
 * written as IPv6 (::ffff:a.b.c.d) is the IPv4 client.
 *
 * The table is made once, for as many clients as the server has
 * connections, and never grows; a lookup is bounded by its size.  Not
 * thread-safe: the caller holds one lock around every call.
 */

struct peers;

/* A table for `clients` clients with connections open at once. */
struct peers *peers_new(size_t clients);
void peers_free(struct peers *p);

/* Counts one more connection from addr, unless that client already has
 * `limit` open (0: no limit, but counted all the same) or the table is
 * full; false when refused, and then nothing is counted. */
bool peers_take(struct peers *p, const struct sockaddr *addr, unsigned limit);

/* Counts one connection fewer from addr, which peers_take counted. */
void peers_give(struct peers *p, const struct sockaddr *addr);

#endif
