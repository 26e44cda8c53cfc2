/* The client address behind trusted proxies: X-Forwarded-For and RFC 7239
 * Forwarded read from the right, garbage never believed, and headers from
 * anyone but a trusted proxy ignored. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "core/arena.h"
#include "core/err.h"
#include "core/netaddr.h"
#include "http/client.h"

#define TRUSTED "127.0.0.1, 10.0.0.0/8, ::1"

static struct netaddr_list trusted;

static int setup(void **state)
{
	(void)state;
	struct err e;
	return netaddr_list_parse(TRUSTED, &trusted, &e);
}

struct pick {
	const char *header;
	const char *client; /* NULL: no answer, the proxy's own address */
};

typedef bool (*reader)(const char *, const struct netaddr_list *, struct netaddr *);

static void check(const char *name, reader read, const struct pick *cases, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		struct netaddr a;
		char text[NETADDR_TEXT_SIZE] = "(none)";
		bool named = read(cases[i].header, &trusted, &a);
		if (named)
			netaddr_format(&a, text);
		if (named != (cases[i].client != NULL) ||
		    (named && strcmp(text, cases[i].client) != 0))
			fail_msg("%s: %s: got %s, expected %s", name, cases[i].header,
				 named ? text : "(none)",
				 cases[i].client ? cases[i].client : "(none)");
	}
}

static void reads_x_forwarded_for(void **state)
{
	(void)state;
	static const struct pick cases[] = {
		{"203.0.113.7", "203.0.113.7"},
		/* The leftmost is the client's own writing. */
		{"203.0.113.8, 203.0.113.7", "203.0.113.7"},
		{"127.0.0.1, 203.0.113.7", "203.0.113.7"},
		{"garbage, 203.0.113.7", "203.0.113.7"},
		{"\"quoted, 203.0.113.7", "203.0.113.7"},
		/* A chain of trusted proxies is passed over. */
		{"203.0.113.7, 10.0.0.2", "203.0.113.7"},
		{"203.0.113.9, 203.0.113.7, 10.0.0.2, 10.0.0.3, ::1", "203.0.113.7"},
		{"203.0.113.7,10.0.0.2", "203.0.113.7"},
		/* All trusted: the farthest. */
		{"10.0.0.2, 10.0.0.3", "10.0.0.2"},
		{"127.0.0.1", "127.0.0.1"},
		/* Empty entries say nothing. */
		{" , 203.0.113.7 , ", "203.0.113.7"},
		{"203.0.113.7,,10.0.0.2", "203.0.113.7"},
		/* Ports, brackets, spellings. */
		{"203.0.113.7:8080", "203.0.113.7"},
		{"[2001:db8::1]:4711", "2001:db8::1"},
		{"[2001:DB8::1]", "2001:db8::1"},
		{"2001:db8:0:0::1", "2001:db8::1"},
		{"::ffff:203.0.113.7", "203.0.113.7"},
		{"\t203.0.113.7\t", "203.0.113.7"},
		/* Garbage where the answer would be: none. */
		{"", NULL},
		{" , ", NULL},
		{"unknown", NULL},
		{"203.0.113.7, unknown", NULL},
		{"203.0.113.7, garbage, 10.0.0.2", NULL},
		{"203.0.113.7 10.0.0.2", NULL},
		{"203.0.113.7;10.0.0.2", NULL},
		{"010.0.0.1", NULL},
		{"203.0.113.7:", NULL},
		{"203.0.113.7:123456", NULL},
		{"203.0.113.7:http", NULL},
		{"203.0.113.7:_obf", NULL},
		{"[2001:db8::1", NULL},
		{"[2001:db8::1]4711", NULL},
		{"[2001:db8::1]:", NULL},
		{"[203.0.113.7]", NULL},
		{"[]", NULL},
		{"fe80::1%eth0", NULL},
		{"\"203.0.113.7\"", NULL},
		{"for=203.0.113.7", NULL},
		{"203.0.113.7\x01", NULL},
		{"example.org", NULL},
	};
	check("X-Forwarded-For", client_from_x_forwarded_for, cases,
	      sizeof cases / sizeof *cases);
}

static void reads_forwarded(void **state)
{
	(void)state;
	static const struct pick cases[] = {
		/* RFC 7239's own examples. */
		{"for=\"_gazonk\"", NULL},
		{"For=\"[2001:db8:cafe::17]:4711\"", "2001:db8:cafe::17"},
		{"for=192.0.2.60;proto=http;by=203.0.113.43", "192.0.2.60"},
		{"for=192.0.2.43, for=198.51.100.17", "198.51.100.17"},
		{"for=unknown", NULL},
		/* Read from the right, past trusted proxies. */
		{"for=203.0.113.8, for=203.0.113.7", "203.0.113.7"},
		{"for=203.0.113.7, for=10.0.0.2;by=10.0.0.3", "203.0.113.7"},
		{"for=203.0.113.7;proto=https, for=10.0.0.2, for=\"[::1]:80\"", "203.0.113.7"},
		{"for=_hidden, for=192.0.2.1", "192.0.2.1"},
		{"for=unknown, for=192.0.2.1", "192.0.2.1"},
		{"for=10.0.0.5, for=10.0.0.6", "10.0.0.5"},
		{"for=_hidden, for=10.0.0.2", NULL},
		{"for=192.0.2.1, for=_hidden", NULL},
		{"for=unknown, for=10.0.0.5", NULL},
		{"for=192.0.2.1, proto=https", NULL}, /* the last names no one */
		{"proto=https", NULL},
		/* Quoting: ports and brackets need it; escapes are undone;
		 * commas and semicolons inside quotes are text. */
		{"for=\"192.0.2.1:4711\"", "192.0.2.1"},
		{"for=\"192.0.2.1:_port\"", "192.0.2.1"},
		{"for=\"192.0.2.\\1\"", "192.0.2.1"},
		{"for=\"[2001:db8::\\1]\"", "2001:db8::1"},
		{"for=\"\\\"192.0.2.1\\\"\"", NULL},
		{"for=\"a,b\", for=192.0.2.1", "192.0.2.1"},
		{"for=192.0.2.1, for=\"a;b,c\"", NULL},
		{"for=\"192.0.2.1, for=10.0.0.2\"", NULL},
		{"for=\"192.0.2.1\"", "192.0.2.1"},
		{"for=\"2001:db8::1\"", NULL}, /* IPv6 only in brackets */
		{"for=\"[192.0.2.1]\"", NULL},
		{"for=\"[2001:db8::1]:\"", NULL},
		{"for=\"[2001:db8::1]:99999x\"", NULL},
		/* Element and pair syntax. */
		{"  , for=192.0.2.1 ,, ", "192.0.2.1"},
		{"for=192.0.2.1;;proto=https", "192.0.2.1"},
		{"for=192.0.2.1 ; proto=https", "192.0.2.1"},
		{"proto=https;for=192.0.2.1;by=_proxy;host=example.org", "192.0.2.1"},
		{"secret=\"x\";for=192.0.2.1", "192.0.2.1"},
		{"FOR=192.0.2.1", "192.0.2.1"},
		/* Malformed anywhere: no answer. */
		{"", NULL},
		{"for=", NULL},
		{"for", NULL},
		{"=192.0.2.1", NULL},
		{"for = 192.0.2.1", NULL},
		{"for =192.0.2.1", NULL},
		{"for=192.0.2.1:4711", NULL},
		{"for=[2001:db8::1]", NULL},
		{"for=\"[2001:db8::1]", NULL},
		{"for=\"192.0.2.1", NULL},
		{"for=\"192.0.2.1\\", NULL},
		{"for=192.0.2.1;for=192.0.2.2", NULL},
		{"for=192.0.2.1 for=192.0.2.2", NULL},
		{"for=192.0.2.1\"", NULL},
		{"for=\"192.0.2.1\x01\"", NULL},
		{"for=\"192.0.2.1\x7f\"", NULL},
		{"for=\"x\", for=\"unterminated, for=192.0.2.1", NULL},
		{"garbage, for=192.0.2.1", NULL},
		{"for=192.0.2.1, (garbage)", NULL},
		{"for=192.0.2.1, for=192.0.2.2 x", NULL},
	};
	check("Forwarded", client_from_forwarded, cases, sizeof cases / sizeof *cases);

	/* A value longer than any node is no address, not an overflow. */
	char long_value[600] = "for=\"";
	memset(long_value + 5, '1', 500);
	memcpy(long_value + 505, "\"", 2);
	struct netaddr a;
	assert_false(client_from_forwarded(long_value, &trusted, &a));
	memcpy(long_value, "for=", 4);
	memset(long_value + 4, '1', 500);
	long_value[504] = '\0';
	assert_false(client_from_forwarded(long_value, &trusted, &a));
}

/* A peer address as text ("127.0.0.1", "::1"; "unix" for a local socket,
 * NULL for none) into storage. */
static const struct sockaddr *peer(const char *text, struct sockaddr_storage *ss)
{
	memset(ss, 0, sizeof *ss);
	struct sockaddr_in *v4 = (void *)ss;
	struct sockaddr_in6 *v6 = (void *)ss;
	if (!text)
		return NULL;
	if (strcmp(text, "unix") == 0)
		ss->ss_family = AF_UNIX;
	else if (inet_pton(AF_INET, text, &v4->sin_addr) == 1)
		v4->sin_family = AF_INET, v4->sin_port = htons(51000);
	else if (inet_pton(AF_INET6, text, &v6->sin6_addr) == 1)
		v6->sin6_family = AF_INET6, v6->sin6_port = htons(51000);
	else
		fail_msg("bad peer %s", text);
	return (const struct sockaddr *)ss;
}

/* Longer than CLIENT_HEADER_MAX, and exactly that long. */
static char huge[CLIENT_HEADER_MAX + 32], longest[CLIENT_HEADER_MAX + 1];

static void resolves_the_client(void **state)
{
	(void)state;
	memset(huge, ' ', sizeof huge);
	memcpy(huge + sizeof huge - 12, "203.0.113.7", 12);
	memset(longest, ',', sizeof longest);
	memcpy(longest + sizeof longest - 12, "203.0.113.7", 12);
	static const struct netaddr_list none = {0};
	static const struct {
		const char *peer;
		const struct netaddr_list *trusted;
		const char *names[4], *values[4];
		const char *client;
	} cases[] = {
		/* Only a trusted proxy's headers count. */
		{"127.0.0.1", &trusted, {"X-Forwarded-For"}, {"203.0.113.7"}, "203.0.113.7"},
		{"::1", &trusted, {"X-Forwarded-For"}, {"203.0.113.7"}, "203.0.113.7"},
		{"::ffff:127.0.0.1", &trusted, {"X-Forwarded-For"}, {"203.0.113.7"}, "203.0.113.7"},
		{"192.0.2.99", &trusted, {"X-Forwarded-For"}, {"203.0.113.7"}, "192.0.2.99"},
		{"192.0.2.99", &trusted, {"Forwarded"}, {"for=203.0.113.7"}, "192.0.2.99"},
		{"127.0.0.1", &none, {"X-Forwarded-For"}, {"203.0.113.7"}, "127.0.0.1"},
		/* No headers, or garbage: the proxy itself, in one spelling. */
		{"127.0.0.1", &trusted, {NULL}, {NULL}, "127.0.0.1"},
		{"::ffff:127.0.0.1", &none, {NULL}, {NULL}, "127.0.0.1"},
		{"::1", &trusted, {NULL}, {NULL}, "::1"},
		{"2001:DB8::0:1", &none, {NULL}, {NULL}, "2001:db8::1"},
		{"127.0.0.1", &trusted, {"X-Forwarded-For"}, {"unknown"}, "127.0.0.1"},
		/* Every line, in order, in any case of name; others ignored. */
		{"127.0.0.1", &trusted,
		 {"X-Forwarded-For", "x-forwarded-for", "X-Real-IP", "X-Forwarded-For"},
		 {"203.0.113.8", "203.0.113.7", "198.51.100.1", ""}, "203.0.113.7"},
		{"127.0.0.1", &trusted, {"Forwarded", "Forwarded"},
		 {"for=203.0.113.8", "for=203.0.113.7"}, "203.0.113.7"},
		/* Forwarded wins, even when it names no one. */
		{"127.0.0.1", &trusted, {"X-Forwarded-For", "Forwarded"},
		 {"203.0.113.8", "for=\"[2001:db8::7]:4711\""}, "2001:db8::7"},
		{"127.0.0.1", &trusted, {"X-Forwarded-For", "Forwarded"},
		 {"203.0.113.8", "for=_hidden"}, "127.0.0.1"},
		/* Over CLIENT_HEADER_MAX, either header is not read. */
		{"127.0.0.1", &trusted, {"X-Forwarded-For"}, {huge}, "127.0.0.1"},
		{"127.0.0.1", &trusted, {"Forwarded", "X-Forwarded-For"},
		 {huge, "203.0.113.7"}, "127.0.0.1"},
		{"127.0.0.1", &trusted, {"X-Forwarded-For"}, {longest}, "203.0.113.7"},
		/* A socket that is not IPv4 or IPv6 has no address. */
		{"unix", &trusted, {"X-Forwarded-For"}, {"203.0.113.7"}, "unknown"},
		{NULL, &trusted, {"X-Forwarded-For"}, {"203.0.113.7"}, "unknown"},
	};
	struct arena *a = arena_new();
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct client_headers h;
		client_headers_init(&h, a);
		for (size_t j = 0; j < 4 && cases[i].names[j]; j++)
			client_headers_add(&h, cases[i].names[j], cases[i].values[j]);
		struct sockaddr_storage ss;
		const char *got = client_address_of(a, peer(cases[i].peer, &ss),
						    cases[i].trusted, &h);
		if (strcmp(got, cases[i].client) != 0)
			fail_msg("case %zu (peer %s): got %s, expected %s", i,
				 cases[i].peer ? cases[i].peer : "none", got, cases[i].client);
	}
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(reads_x_forwarded_for),
		cmocka_unit_test(reads_forwarded),
		cmocka_unit_test(resolves_the_client),
	};
	return cmocka_run_group_tests_name("client", tests, setup, NULL);
}
