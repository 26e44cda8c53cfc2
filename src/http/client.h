#ifndef ALONGSIDE_HTTP_CLIENT_H
#define ALONGSIDE_HTTP_CLIENT_H

#include "core/netaddr.h"
#include "core/sb.h"

#include <stdbool.h>

struct arena;
struct sockaddr;

/*
 * Who the client is: the one address that throttles, the audit log,
 * sessions and the logs count a request against (req->client_address).
 *
 * It is the socket's peer, unless the peer is a trusted proxy (the
 * `trusted-proxies` setting): then it is read from the request's
 * forwarding headers.  From anyone else those headers are ignored
 * entirely, since a client can write whatever it likes in them.
 *
 * - RFC 7239 Forwarded wins when it is present, over X-Forwarded-For.
 * - Each is read from the RIGHT, every line of it in order, joined as one
 *   list: each proxy appends the address it saw, so the rightmost entries
 *   were written by proxies we trust and the leftmost by the client.  The
 *   first entry from the right that is not itself a trusted proxy is the
 *   client; when every entry is a trusted proxy, the leftmost is.
 * - A header whose chosen entry is no address (`unknown`, an obfuscated
 *   `_hidden` name, no `for=` at all), that cannot be read (X-Forwarded-For
 *   as far as that entry; Forwarded anywhere, since quotes may hide
 *   commas), or that is longer than CLIENT_HEADER_MAX, gives the proxy's
 *   own address: garbage is never trusted, and never fails the request.
 * - The address is written one way (netaddr_format): ports, brackets and
 *   quotes go, IPv6 is lower case and compressed, IPv4-mapped IPv6 is
 *   dotted IPv4.
 */

/* Bytes of each forwarding header, all its lines joined: more than a chain
 * of proxies ever writes, and a bound on what a request can make us read. */
#define CLIENT_HEADER_MAX 4096

/* The forwarding headers of one request, gathered line by line. */
struct client_headers {
	struct sb forwarded;
	struct sb x_forwarded_for;
};

void client_headers_init(struct client_headers *h, struct arena *a);

/* Takes one request header line as the transport hands it over: a
 * Forwarded or X-Forwarded-For line (the name in any case) is kept, joined
 * to earlier lines of its name with ", "; any other is ignored. */
void client_headers_add(struct client_headers *h, const char *name, const char *value);

/* The client's address as text, in a: the peer's, or (from a trusted
 * proxy) the forwarded one, as above; "unknown" for a peer that is not
 * IPv4 or IPv6. */
const char *client_address_of(struct arena *a, const struct sockaddr *peer,
			      const struct netaddr_list *trusted,
			      struct client_headers *h);

/* The client an X-Forwarded-For value names (entries are addresses, IPv6
 * bare or in brackets, either with a :port), or false as above. */
bool client_from_x_forwarded_for(const char *value, const struct netaddr_list *trusted,
				 struct netaddr *out);

/* The client a Forwarded value names (RFC 7239: elements of ;-separated
 * name=value pairs, values tokens or quoted strings), or false as above. */
bool client_from_forwarded(const char *value, const struct netaddr_list *trusted,
			   struct netaddr *out);

#endif
