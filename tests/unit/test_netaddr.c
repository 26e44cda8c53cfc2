/* Addresses and CIDR ranges: what is refused matters as much as what is
 * accepted, because a list of them decides whose headers are believed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "core/err.h"
#include "core/netaddr.h"

static bool parse(const char *s, struct netaddr *a)
{
	return netaddr_parse(s, strlen(s), a);
}

static const char *format(const char *s)
{
	static char text[NETADDR_TEXT_SIZE];
	struct netaddr a;
	assert_true(parse(s, &a));
	netaddr_format(&a, text);
	return text;
}

static void parses_addresses(void **state)
{
	(void)state;
	static const struct {
		const char *in;
		const char *out; /* NULL: refused */
	} cases[] = {
		{"127.0.0.1", "127.0.0.1"},
		{"0.0.0.0", "0.0.0.0"},
		{"255.255.255.255", "255.255.255.255"},
		{"203.0.113.7", "203.0.113.7"},
		{"::1", "::1"},
		{"::", "::"},
		{"2001:DB8:0:0:0:0:0:1", "2001:db8::1"},
		{"2001:0db8::0001", "2001:db8::1"},
		{"::ffff:127.0.0.1", "127.0.0.1"}, /* mapped: one spelling */
		{"::FFFF:7f00:1", "127.0.0.1"},
		{"fe80::1", "fe80::1"},
		{"", NULL},
		{"1.2.3", NULL},
		{"1.2.3.4.5", NULL},
		{"256.0.0.1", NULL},
		{"1.2.3.-4", NULL},
		{"010.0.0.1", NULL}, /* octal to some, decimal to others */
		{"1.2.3.04", NULL},
		{"00.0.0.0", NULL},
		{"1.2.3.4 ", NULL},
		{" 1.2.3.4", NULL},
		{"1.2.3.", NULL},
		{".1.2.3", NULL},
		{"1..2.3", NULL},
		{"1.2.3.4/8", NULL},
		{"0x7f.0.0.1", NULL},
		{"2130706433", NULL}, /* 127.0.0.1 as one number */
		{"1.2.3.1000", NULL},
		{"localhost", NULL},
		{"::ffff:010.0.0.1", NULL},
		{"1::2::3", NULL},
		{"12345::", NULL},
		{"fe80::1%eth0", NULL},
		{"[::1]", NULL},
		{"::1:", NULL},
		{":::", NULL},
		{"1:2:3:4:5:6:7:8:9", NULL},
		{"2001:db8::g", NULL},
		{"::ffff:1.2.3.4.5", NULL},
		{"0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:1", NULL},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct netaddr a;
		bool ok = parse(cases[i].in, &a);
		if (ok != (cases[i].out != NULL))
			fail_msg("\"%s\": %s", cases[i].in, ok ? "accepted" : "refused");
		if (ok)
			assert_string_equal(format(cases[i].in), cases[i].out);
	}
	/* Exactly len bytes are read: what follows does not count. */
	struct netaddr a;
	assert_true(netaddr_parse("10.0.0.1:80", 8, &a));
	assert_string_equal(format("10.0.0.1"), "10.0.0.1");
}

static bool in(const char *list_text, const char *address)
{
	struct netaddr_list list;
	struct err e;
	assert_int_equal(netaddr_list_parse(list_text, &list, &e), 0);
	struct netaddr a;
	assert_true(parse(address, &a));
	return netaddr_list_match(&list, &a);
}

static void matches_ranges(void **state)
{
	(void)state;
	static const struct {
		const char *list, *address;
		bool in;
	} cases[] = {
		{"127.0.0.1", "127.0.0.1", true},
		{"127.0.0.1", "127.0.0.2", false},
		{"127.0.0.1/32", "127.0.0.1", true},
		{"127.0.0.0/8", "127.255.255.255", true},
		{"127.0.0.0/8", "128.0.0.0", false},
		{"10.0.0.0/8", "10.1.2.3", true},
		{"10.0.0.0/8", "11.0.0.0", false},
		{"192.168.1.128/25", "192.168.1.200", true},
		{"192.168.1.128/25", "192.168.1.127", false},
		{"172.16.0.0/12", "172.31.255.255", true},
		{"172.16.0.0/12", "172.32.0.0", false},
		{"0.0.0.0/0", "203.0.113.7", true},
		{"0.0.0.0/0", "2001:db8::1", false}, /* all IPv4 is not IPv6 */
		{"::/0", "2001:db8::1", true},
		{"::1", "::1", true},
		{"::1/128", "::2", false},
		{"fd00::/8", "fd12:3456::1", true},
		{"fd00::/8", "fe00::1", false},
		{"2001:db8::/32", "2001:db8:ffff::1", true},
		{"2001:db8::/33", "2001:db8:8000::1", false},
		/* IPv4-mapped IPv6 is the IPv4 address, both ways. */
		{"127.0.0.0/8", "::ffff:127.0.0.1", true},
		{"::ffff:127.0.0.1", "127.0.0.1", true},
		{"::ffff:0:0/96", "198.51.100.1", true},
		{"127.0.0.1", "::1", false},
		{"::1", "127.0.0.1", false},
		{"", "127.0.0.1", false}, /* empty: trust no one */
		{"10.0.0.0/8 ::1, 127.0.0.1", "127.0.0.1", true},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		if (in(cases[i].list, cases[i].address) != cases[i].in)
			fail_msg("%s in \"%s\": expected %s", cases[i].address, cases[i].list,
				 cases[i].in ? "yes" : "no");
}

static void reads_lists(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		size_t count;
	} good[] = {
		{"", 0},
		{"   ", 0},
		{"127.0.0.1", 1},
		{"127.0.0.1, 10.0.0.0/8, ::1, fd00::/8", 4},
		{"127.0.0.1 10.0.0.0/8\t::1\n", 3},
		{" 127.0.0.1 ,10.0.0.0/8 , ::1 ", 3},
		{"127.0.0.1,127.0.0.1", 2},
		{"0.0.0.0/0, ::/0", 2},
		{"1.2.3.4/32, ::1/128", 2},
	};
	for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
		struct netaddr_list list;
		struct err e = {0};
		if (netaddr_list_parse(good[i].text, &list, &e) != 0)
			fail_msg("\"%s\" refused: %s", good[i].text, e.msg);
		assert_int_equal(list.count, good[i].count);
	}

	static const struct {
		const char *text, *message;
	} bad[] = {
		{"10.0.0.0/33", "\"10.0.0.0/33\": the prefix length must be 0 to 32 for IPv4"},
		{"::/129", "\"::/129\": the prefix length must be 0 to 128 for IPv6"},
		{"10.0.0.0/", "\"10.0.0.0/\": the prefix length"},
		{"10.0.0.0/08", "\"10.0.0.0/08\": the prefix length"},
		{"10.0.0.0/-1", "\"10.0.0.0/-1\": the prefix length"},
		{"10.0.0.0/8/8", "\"10.0.0.0/8/8\": the prefix length"},
		{"10.0.0.1/8", "\"10.0.0.1/8\" has bits set past its prefix: write 10.0.0.0/8"},
		{"::ffff:10.0.0.0/8", "write ::/8"},
		{"fd00::1/8", "write fd00::/8"},
		{"/8", "\"/8\" is not an IPv4 or IPv6 address"},
		{"127.0.0.1, localhost", "\"localhost\" is not an IPv4 or IPv6 address"},
		{"127.0.0.1;::1", "\"127.0.0.1;::1\" is not"},
		{"010.0.0.0/8", "\"010.0.0.0/8\" is not"},
		{"[::1]", "\"[::1]\" is not"},
		{",127.0.0.1", "an empty entry"},
		{"127.0.0.1,", "an empty entry"},
		{"127.0.0.1, ,::1", "an empty entry"},
		{"127.0.0.1,,::1", "an empty entry"},
		{",", "an empty entry"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		struct netaddr_list list;
		list.count = 7;
		struct err e = {0};
		if (netaddr_list_parse(bad[i].text, &list, &e) != -1)
			fail_msg("\"%s\" accepted", bad[i].text);
		if (!strstr(e.msg, bad[i].message))
			fail_msg("\"%s\": \"%s\" does not say \"%s\"", bad[i].text, e.msg,
				 bad[i].message);
		assert_int_equal(list.count, 0);
	}
}

/* At most NETADDR_LIST_MAX entries; a long entry is quoted cut short. */
static void bounds_lists(void **state)
{
	(void)state;
	char text[NETADDR_LIST_MAX * 16 + 32] = "";
	size_t len = 0;
	for (int i = 0; i < NETADDR_LIST_MAX; i++)
		len += (size_t)snprintf(text + len, sizeof text - len, "10.0.%d.1, ", i);
	struct netaddr_list list;
	struct err e = {0};
	assert_int_equal(netaddr_list_parse(text, &list, &e), -1); /* trailing comma */
	text[len - 2] = '\0';
	assert_int_equal(netaddr_list_parse(text, &list, &e), 0);
	assert_int_equal(list.count, NETADDR_LIST_MAX);
	snprintf(text + len - 2, sizeof text - len + 2, " 10.1.0.1");
	assert_int_equal(netaddr_list_parse(text, &list, &e), -1);
	assert_non_null(strstr(e.msg, "more than 64 entries"));
	assert_int_equal(list.count, 0);

	char longer[300];
	memset(longer, 'x', sizeof longer - 1);
	longer[sizeof longer - 1] = '\0';
	assert_int_equal(netaddr_list_parse(longer, &list, &e), -1);
	assert_true(strlen(e.msg) < 200);
	assert_non_null(strstr(e.msg, "xxx...\" is not"));
}

static void reads_socket_addresses(void **state)
{
	(void)state;
	struct netaddr_list list;
	struct err e;
	assert_int_equal(netaddr_list_parse("127.0.0.0/8, ::1", &list, &e), 0);

	struct sockaddr_in v4 = {.sin_family = AF_INET, .sin_port = htons(4711)};
	inet_pton(AF_INET, "127.0.0.2", &v4.sin_addr);
	assert_true(netaddr_list_contains(&list, (struct sockaddr *)&v4));
	inet_pton(AF_INET, "10.0.0.1", &v4.sin_addr);
	assert_false(netaddr_list_contains(&list, (struct sockaddr *)&v4));

	struct sockaddr_in6 v6 = {.sin6_family = AF_INET6};
	inet_pton(AF_INET6, "::1", &v6.sin6_addr);
	assert_true(netaddr_list_contains(&list, (struct sockaddr *)&v6));
	/* A dual-stack socket's IPv4 client. */
	inet_pton(AF_INET6, "::ffff:127.0.0.1", &v6.sin6_addr);
	assert_true(netaddr_list_contains(&list, (struct sockaddr *)&v6));
	struct netaddr a;
	char text[NETADDR_TEXT_SIZE];
	assert_true(netaddr_from_sockaddr((struct sockaddr *)&v6, &a));
	netaddr_format(&a, text);
	assert_string_equal(text, "127.0.0.1");
	inet_pton(AF_INET6, "2001:db8::1", &v6.sin6_addr);
	assert_false(netaddr_list_contains(&list, (struct sockaddr *)&v6));

	struct sockaddr_un local = {.sun_family = AF_UNIX};
	assert_false(netaddr_from_sockaddr((struct sockaddr *)&local, &a));
	assert_false(netaddr_list_contains(&list, (struct sockaddr *)&local));
	assert_false(netaddr_list_contains(&list, NULL));
	struct netaddr_list none = {0};
	inet_pton(AF_INET, "127.0.0.1", &v4.sin_addr);
	assert_false(netaddr_list_contains(&none, (struct sockaddr *)&v4));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parses_addresses),
		cmocka_unit_test(matches_ranges),
		cmocka_unit_test(reads_lists),
		cmocka_unit_test(bounds_lists),
		cmocka_unit_test(reads_socket_addresses),
	};
	return cmocka_run_group_tests_name("netaddr", tests, NULL, NULL);
}
