#include "http/client.h"

#include "core/arena.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The longest node (address and port) worth unquoting: past it, whatever
 * it is, it is not an address. */
#define NODE_MAX 128

void client_headers_init(struct client_headers *h, struct arena *a)
{
	sb_init(&h->forwarded, a, CLIENT_HEADER_MAX);
	sb_init(&h->x_forwarded_for, a, CLIENT_HEADER_MAX);
}

void client_headers_add(struct client_headers *h, const char *name, const char *value)
{
	struct sb *sb = strcasecmp(name, "Forwarded") == 0         ? &h->forwarded
			: strcasecmp(name, "X-Forwarded-For") == 0 ? &h->x_forwarded_for
								   : NULL;
	if (!sb || !value || !*value)
		return;
	if (sb->len)
		sb_puts(sb, ", ");
	sb_puts(sb, value);
}

static bool is_ows(char c)
{
	return c == ' ' || c == '\t';
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_alnum(char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* RFC 7230's tchar: what a token is made of. */
static bool is_tchar(char c)
{
	return is_alnum(c) || (c && strchr("!#$%&'*+-.^_`|~", c));
}

/* A port: 1 to 5 digits (RFC 7239 node-port), or in Forwarded also an
 * obfuscated "_name". */
static bool is_port(const char *s, size_t len, bool forwarded)
{
	if (forwarded && len >= 2 && s[0] == '_') {
		for (size_t i = 1; i < len; i++)
			if (!is_alnum(s[i]) && s[i] != '.' && s[i] != '_' && s[i] != '-')
				return false;
		return true;
	}
	if (len == 0 || len > 5)
		return false;
	for (size_t i = 0; i < len; i++)
		if (!is_digit(s[i]))
			return false;
	return true;
}

/* An address with an optional port: "[IPv6]", "[IPv6]:port", "IPv4",
 * "IPv4:port", and in X-Forwarded-For also a bare IPv6 address.  false for
 * anything else: "unknown", "_hidden", a name. */
static bool node(const char *s, size_t len, bool forwarded, struct netaddr *out)
{
	if (len && s[0] == '[') {
		const char *close = memchr(s, ']', len);
		if (!close)
			return false;
		size_t host_len = (size_t)(close - s) - 1;
		size_t rest = len - host_len - 2;
		if (!memchr(s + 1, ':', host_len) || !netaddr_parse(s + 1, host_len, out))
			return false;
		return rest == 0 || (close[1] == ':' && is_port(close + 2, rest - 1, forwarded));
	}
	const char *colon = memchr(s, ':', len);
	if (colon && !memchr(colon + 1, ':', len - (size_t)(colon - s) - 1)) {
		size_t host_len = (size_t)(colon - s);
		return netaddr_parse(s, host_len, out) &&
		       is_port(colon + 1, len - host_len - 1, forwarded);
	}
	if (colon && forwarded)
		return false; /* Forwarded writes IPv6 in brackets only */
	return netaddr_parse(s, len, out);
}

/* What one entry of either header says: reading from the right, a trusted
 * proxy passes the question on to the entry on its left; anything else
 * answers it, an address as the client, garbage as no answer. */
enum verdict { PROXY, CLIENT, GARBAGE };

static enum verdict judge(const struct netaddr_list *trusted, bool is_address,
			  const struct netaddr *a)
{
	if (!is_address)
		return GARBAGE;
	return netaddr_list_match(trusted, a) ? PROXY : CLIENT;
}

bool client_from_x_forwarded_for(const char *value, const struct netaddr_list *trusted,
				 struct netaddr *out)
{
	bool any = false;
	size_t end = strlen(value);
	for (;;) {
		size_t start = end;
		while (start > 0 && value[start - 1] != ',')
			start--;
		size_t from = start, to = end;
		while (from < to && is_ows(value[from]))
			from++;
		while (to > from && is_ows(value[to - 1]))
			to--;
		/* An empty entry (", ,") says nothing; a list may have them. */
		if (from < to) {
			struct netaddr a;
			bool is_address = node(value + from, to - from, false, &a);
			enum verdict v = judge(trusted, is_address, &a);
			if (v == GARBAGE)
				return false;
			*out = a; /* the client, or the leftmost proxy so far */
			any = true;
			if (v == CLIENT)
				return true;
		}
		if (start == 0)
			return any;
		end = start - 1;
	}
}

/* A Forwarded value being read from the left. */
struct cursor {
	const char *s;
	size_t pos, len;
};

static char peek(const struct cursor *k)
{
	return k->pos < k->len ? k->s[k->pos] : '\0';
}

static void skip_ows(struct cursor *k)
{
	while (k->pos < k->len && is_ows(k->s[k->pos]))
		k->pos++;
}

/* A token or a quoted string, unquoted into out (cut at NODE_MAX, noted in
 * *cut); false when it is neither. */
static bool pair_value(struct cursor *k, char out[NODE_MAX], size_t *out_len, bool *cut)
{
	size_t n = 0;
	*cut = false;
	if (peek(k) != '"') {
		size_t start = k->pos;
		while (k->pos < k->len && is_tchar(k->s[k->pos])) {
			if (n < NODE_MAX)
				out[n++] = k->s[k->pos];
			else
				*cut = true;
			k->pos++;
		}
		*out_len = n;
		return k->pos > start;
	}
	k->pos++;
	for (;;) {
		if (k->pos >= k->len)
			return false;
		unsigned char c = (unsigned char)k->s[k->pos++];
		if (c == '"')
			break;
		if (c == '\\') {
			if (k->pos >= k->len)
				return false;
			c = (unsigned char)k->s[k->pos++];
		}
		/* qdtext and quoted-pair alike: tab, space, visible, obs-text */
		if (c != '\t' && (c < 0x20 || c == 0x7f))
			return false;
		if (n < NODE_MAX)
			out[n++] = (char)c;
		else
			*cut = true;
	}
	*out_len = n;
	return true;
}

/* One forwarded-element: pairs separated by ";", each name=value, a name
 * at most once.  Sets *has_address when its "for" names an address.
 * false when it cannot be read. */
static bool element(struct cursor *k, bool *has_address, struct netaddr *a)
{
	bool seen[4] = {false}; /* for, by, host, proto */
	static const char *const names[] = {"for", "by", "host", "proto"};
	*has_address = false;
	for (;;) {
		skip_ows(k);
		char c = peek(k);
		if (c == ';') {
			k->pos++;
			continue;
		}
		if (c == ',' || c == '\0')
			return true;
		size_t name = k->pos;
		while (k->pos < k->len && is_tchar(k->s[k->pos]))
			k->pos++;
		size_t name_len = k->pos - name;
		if (name_len == 0 || peek(k) != '=')
			return false;
		k->pos++;
		char value[NODE_MAX];
		size_t value_len;
		bool cut;
		if (!pair_value(k, value, &value_len, &cut))
			return false;
		for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
			if (strlen(names[i]) != name_len ||
			    strncasecmp(k->s + name, names[i], name_len) != 0)
				continue;
			if (seen[i])
				return false;
			seen[i] = true;
			if (i == 0)
				*has_address = !cut && node(value, value_len, true, a);
		}
		skip_ows(k);
		c = peek(k);
		if (c != ';' && c != ',' && c != '\0')
			return false;
	}
}

bool client_from_forwarded(const char *value, const struct netaddr_list *trusted,
			   struct netaddr *out)
{
	/* Quotes may hide commas, so the list is read whole from the left;
	 * the last element that is not a trusted proxy is the one that
	 * reading from the right would stop at. */
	struct cursor k = {value, 0, strlen(value)};
	enum verdict last = PROXY;
	struct netaddr answer = {0}, leftmost = {0};
	bool any = false;
	for (;;) {
		skip_ows(&k);
		if (peek(&k) == ',') {
			k.pos++;
			continue;
		}
		if (k.pos >= k.len)
			break;
		bool has_address;
		struct netaddr a = {0};
		if (!element(&k, &has_address, &a))
			return false;
		enum verdict v = judge(trusted, has_address, &a);
		if (v != PROXY) {
			last = v;
			answer = a;
		}
		if (!any)
			leftmost = a;
		any = true;
	}
	if (last == GARBAGE || !any)
		return false;
	*out = last == CLIENT ? answer : leftmost;
	return true;
}

const char *client_address_of(struct arena *a, const struct sockaddr *peer,
			      const struct netaddr_list *trusted,
			      struct client_headers *h)
{
	struct netaddr address;
	if (!netaddr_from_sockaddr(peer, &address))
		return "unknown";
	if (netaddr_list_match(trusted, &address)) {
		struct netaddr forwarded;
		bool has_forwarded = h->forwarded.len || sb_failed(&h->forwarded);
		struct sb *header = has_forwarded ? &h->forwarded : &h->x_forwarded_for;
		bool named = header->len && !sb_failed(header) &&
			     (header == &h->forwarded
				      ? client_from_forwarded(sb_str(header), trusted, &forwarded)
				      : client_from_x_forwarded_for(sb_str(header), trusted,
								    &forwarded));
		if (named)
			address = forwarded;
	}
	char text[NETADDR_TEXT_SIZE];
	netaddr_format(&address, text);
	return arena_strdup(a, text);
}
