#ifndef ALONGSIDE_CORE_NETADDR_H
#define ALONGSIDE_CORE_NETADDR_H

#include <stdbool.h>
#include <stddef.h>

struct err;
struct sockaddr;

/*
 * IP addresses and CIDR ranges, IPv4 and IPv6, for deciding whom to trust
 * (the `trusted-proxies` setting) and for writing an address one way only.
 *
 * An address is kept as 16 bytes of IPv6; an IPv4 address as its
 * IPv4-mapped form ::ffff:a.b.c.d, and an IPv4 range /n as /96+n of that.
 * So ::ffff:127.0.0.1 (an IPv4 client of a dual-stack socket) is 127.0.0.1
 * and falls in 127.0.0.0/8, and is written 127.0.0.1.
 *
 * Parsing is strict, because these addresses decide trust: IPv4 is exactly
 * four decimal parts of 0-255 without leading zeros (010 is octal to some
 * parsers, decimal to others); IPv6 is what inet_pton takes, without a zone
 * (%eth0); a prefix is decimal without leading zeros, at most 32 for IPv4
 * and 128 for IPv6, and a range may not have bits set past its prefix
 * (10.0.0.1/8 is refused: it most likely means a mistake).
 */

/* Enough for any address netaddr_format writes, with its NUL. */
#define NETADDR_TEXT_SIZE 46
/* Ranges in one list: more would be a list nobody can check by eye. */
#define NETADDR_LIST_MAX 64

struct netaddr {
	unsigned char bytes[16];
};

struct netaddr_range {
	struct netaddr base;   /* the first address; no bits past prefix */
	unsigned prefix;       /* 0-128, over the 16 bytes */
};

struct netaddr_list {
	size_t count;
	struct netaddr_range ranges[NETADDR_LIST_MAX];
};

/* Reads one address of exactly len bytes of s (no spaces, no brackets, no
 * port).  false when it is not one. */
bool netaddr_parse(const char *s, size_t len, struct netaddr *out);

/* Reads a list of addresses and ranges separated by commas or white space
 * ("127.0.0.1, 10.0.0.0/8 ::1").  An empty text is an empty list; an empty
 * entry between commas, a bad entry or more than NETADDR_LIST_MAX entries is
 * -1 with e naming the entry, and *out is left empty.  0 on success. */
int netaddr_list_parse(const char *text, struct netaddr_list *out, struct err *e);

/* Whether addr falls in any range of the list. */
bool netaddr_list_match(const struct netaddr_list *list, const struct netaddr *addr);

/* The address of an AF_INET or AF_INET6 socket address; false for any other
 * family or NULL. */
bool netaddr_from_sockaddr(const struct sockaddr *sa, struct netaddr *out);

/* Whether a socket's peer address falls in any range of the list: false for
 * an empty list, or a socket that is not IPv4 or IPv6. */
bool netaddr_list_contains(const struct netaddr_list *list, const struct sockaddr *sa);

/* Writes the one spelling of an address: dotted decimal for IPv4 (mapped
 * or not), otherwise RFC 5952 (inet_ntop: lower case, zeros compressed). */
void netaddr_format(const struct netaddr *addr, char out[NETADDR_TEXT_SIZE]);

#endif
