#include "core/netaddr.h"

#include "core/err.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

/* The first 12 bytes of an IPv4-mapped IPv6 address. */
static const unsigned char mapped_prefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
#define MAPPED_BITS 96
/* An entry quoted in an error message is cut to this many bytes. */
#define QUOTED_MAX 64

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_separator(char c)
{
	return c == ',' || c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
	       c == '\v' || c == '\f';
}

/* A decimal number of 1 to max_digits digits without a leading zero, over
 * exactly len bytes; -1 when it is not one. */
static long decimal(const char *s, size_t len, size_t max_digits)
{
	if (len == 0 || len > max_digits || (len > 1 && s[0] == '0'))
		return -1;
	long n = 0;
	for (size_t i = 0; i < len; i++) {
		if (!is_digit(s[i]))
			return -1;
		n = n * 10 + (s[i] - '0');
	}
	return n;
}

/* Exactly four dotted decimal parts of 0-255. */
static bool parse_ipv4(const char *s, size_t len, unsigned char out[4])
{
	size_t start = 0;
	for (int part = 0; part < 4; part++) {
		size_t end = start;
		while (end < len && s[end] != '.')
			end++;
		long n = decimal(s + start, end - start, 3);
		if (n < 0 || n > 255 || (part < 3) != (end < len))
			return false;
		out[part] = (unsigned char)n;
		start = end + 1;
	}
	return true;
}

static bool parse_ipv6(const char *s, size_t len, unsigned char out[16])
{
	char text[NETADDR_TEXT_SIZE];
	if (len < 2 || len >= sizeof text)
		return false;
	for (size_t i = 0; i < len; i++)
		if (!(is_digit(s[i]) || (s[i] >= 'a' && s[i] <= 'f') ||
		      (s[i] >= 'A' && s[i] <= 'F') || s[i] == ':' || s[i] == '.'))
			return false;
	memcpy(text, s, len);
	text[len] = '\0';
	return inet_pton(AF_INET6, text, out) == 1;
}

static void map_ipv4(const unsigned char v4[4], struct netaddr *out)
{
	memcpy(out->bytes, mapped_prefix, sizeof mapped_prefix);
	memcpy(out->bytes + sizeof mapped_prefix, v4, 4);
}

bool netaddr_parse(const char *s, size_t len, struct netaddr *out)
{
	unsigned char v4[4];
	if (memchr(s, ':', len))
		return parse_ipv6(s, len, out->bytes);
	if (!parse_ipv4(s, len, v4))
		return false;
	map_ipv4(v4, out);
	return true;
}

static bool in_range(const struct netaddr_range *r, const struct netaddr *a)
{
	unsigned whole = r->prefix / 8, rest = r->prefix % 8;
	if (memcmp(r->base.bytes, a->bytes, whole) != 0)
		return false;
	if (rest == 0)
		return true;
	unsigned char mask = (unsigned char)(0xff << (8 - rest));
	return (r->base.bytes[whole] & mask) == (a->bytes[whole] & mask);
}

/* The range's base with every bit past the prefix cleared. */
static struct netaddr masked(const struct netaddr *a, unsigned prefix)
{
	struct netaddr m = *a;
	for (unsigned bit = prefix; bit < 128; bit++)
		m.bytes[bit / 8] &= (unsigned char)~(0x80 >> (bit % 8));
	return m;
}

static bool parse_range(const char *s, size_t len, struct netaddr_range *out,
			struct err *e)
{
	const char *slash = memchr(s, '/', len);
	size_t addr_len = slash ? (size_t)(slash - s) : len;
	bool v4 = !memchr(s, ':', addr_len);
	int quoted = len > QUOTED_MAX ? QUOTED_MAX : (int)len;
	const char *more = len > QUOTED_MAX ? "..." : "";
	if (!netaddr_parse(s, addr_len, &out->base)) {
		err_set(e, "\"%.*s%s\" is not an IPv4 or IPv6 address or a CIDR range",
			quoted, s, more);
		return false;
	}
	unsigned max = v4 ? 32 : 128;
	long prefix = max;
	if (slash) {
		prefix = decimal(slash + 1, len - addr_len - 1, 3);
		if (prefix < 0 || prefix > (long)max) {
			err_set(e, "\"%.*s%s\": the prefix length must be 0 to %u for %s",
				quoted, s, more, max, v4 ? "IPv4" : "IPv6");
			return false;
		}
	}
	out->prefix = (unsigned)prefix + (v4 ? MAPPED_BITS : 0);
	struct netaddr base = masked(&out->base, out->prefix);
	if (memcmp(base.bytes, out->base.bytes, sizeof base.bytes) != 0) {
		char text[NETADDR_TEXT_SIZE];
		netaddr_format(&base, text);
		err_set(e, "\"%.*s%s\" has bits set past its prefix: write %s/%ld",
			quoted, s, more, text, prefix);
		return false;
	}
	return true;
}

int netaddr_list_parse(const char *text, struct netaddr_list *out, struct err *e)
{
	out->count = 0;
	const char *p = text;
	bool after_comma = false;
	for (;;) {
		while (*p && *p != ',' && is_separator(*p))
			p++;
		if (*p == ',' || (*p == '\0' && after_comma))
			goto empty;
		if (*p == '\0')
			return 0;
		size_t len = 0;
		while (p[len] && !is_separator(p[len]))
			len++;
		if (out->count == NETADDR_LIST_MAX) {
			err_set(e, "more than %d entries", NETADDR_LIST_MAX);
			goto fail;
		}
		if (!parse_range(p, len, &out->ranges[out->count], e))
			goto fail;
		out->count++;
		p += len;
		while (*p && *p != ',' && is_separator(*p))
			p++;
		after_comma = *p == ',';
		if (after_comma)
			p++;
	}
empty:
	err_set(e, "an empty entry (two commas together, or one at an end)");
fail:
	out->count = 0;
	return -1;
}

bool netaddr_list_match(const struct netaddr_list *list, const struct netaddr *addr)
{
	for (size_t i = 0; i < list->count; i++)
		if (in_range(&list->ranges[i], addr))
			return true;
	return false;
}

bool netaddr_from_sockaddr(const struct sockaddr *sa, struct netaddr *out)
{
	if (!sa)
		return false;
	if (sa->sa_family == AF_INET) {
		const struct sockaddr_in *in = (const void *)sa;
		map_ipv4((const unsigned char *)&in->sin_addr, out);
		return true;
	}
	if (sa->sa_family == AF_INET6) {
		const struct sockaddr_in6 *in6 = (const void *)sa;
		memcpy(out->bytes, &in6->sin6_addr, sizeof out->bytes);
		return true;
	}
	return false;
}

bool netaddr_list_contains(const struct netaddr_list *list, const struct sockaddr *sa)
{
	struct netaddr a;
	return list->count && netaddr_from_sockaddr(sa, &a) && netaddr_list_match(list, &a);
}

void netaddr_format(const struct netaddr *addr, char out[NETADDR_TEXT_SIZE])
{
	const unsigned char *b = addr->bytes;
	if (memcmp(b, mapped_prefix, sizeof mapped_prefix) == 0)
		snprintf(out, NETADDR_TEXT_SIZE, "%u.%u.%u.%u", b[12], b[13], b[14], b[15]);
	else /* cannot fail: the buffer holds the longest IPv6 text */
		inet_ntop(AF_INET6, b, out, NETADDR_TEXT_SIZE);
}
