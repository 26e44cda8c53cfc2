/* Connections counted per client: the limit, what counts as one client,
 * and the table staying right through any order of opening and closing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/peers.h"

static struct sockaddr_storage v4(const char *text)
{
	struct sockaddr_storage ss = {0};
	struct sockaddr_in *in = (struct sockaddr_in *)&ss;
	in->sin_family = AF_INET;
	in->sin_port = htons(40000);
	assert_int_equal(inet_pton(AF_INET, text, &in->sin_addr), 1);
	return ss;
}

static struct sockaddr_storage v6(const char *text)
{
	struct sockaddr_storage ss = {0};
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&ss;
	in6->sin6_family = AF_INET6;
	assert_int_equal(inet_pton(AF_INET6, text, &in6->sin6_addr), 1);
	return ss;
}

#define SA(ss) ((const struct sockaddr *)&(ss))

static void limit_per_client(void **state)
{
	(void)state;
	struct peers *p = peers_new(100);
	struct sockaddr_storage a = v4("127.0.0.1"), b = v4("127.0.0.2");
	for (int i = 0; i < 3; i++)
		assert_true(peers_take(p, SA(a), 3));
	assert_false(peers_take(p, SA(a), 3));
	assert_true(peers_take(p, SA(b), 3));  /* another client is not held up */
	peers_give(p, SA(a));
	assert_true(peers_take(p, SA(a), 3));
	assert_false(peers_take(p, SA(a), 3));
	/* No limit (a trusted proxy): counted, never refused. */
	for (int i = 0; i < 50; i++)
		assert_true(peers_take(p, SA(a), 0));
	peers_free(p);
}

static void what_one_client_is(void **state)
{
	(void)state;
	struct peers *p = peers_new(100);
	struct sockaddr_storage plain = v4("192.0.2.7"), mapped = v6("::ffff:192.0.2.7");
	assert_true(peers_take(p, SA(plain), 2));
	assert_true(peers_take(p, SA(mapped), 2));
	assert_false(peers_take(p, SA(plain), 2));   /* the same client */
	struct sockaddr_storage one = v6("2001:db8:1:2::1"), same64 = v6("2001:db8:1:2:ffff::9"),
				other64 = v6("2001:db8:1:3::1");
	assert_true(peers_take(p, SA(one), 1));
	assert_false(peers_take(p, SA(same64), 1));  /* the same /64 */
	assert_true(peers_take(p, SA(other64), 1));
	peers_free(p);
}

static void a_full_table_refuses_new_clients(void **state)
{
	(void)state;
	struct peers *p = peers_new(5);
	char text[32];
	struct sockaddr_storage ss[6];
	for (int i = 0; i < 6; i++) {
		snprintf(text, sizeof text, "10.0.0.%d", i);
		ss[i] = v4(text);
	}
	for (int i = 0; i < 5; i++)
		assert_true(peers_take(p, SA(ss[i]), 0));
	assert_false(peers_take(p, SA(ss[5]), 0));
	assert_true(peers_take(p, SA(ss[0]), 0));  /* a known client still counts */
	peers_give(p, SA(ss[0]));
	peers_give(p, SA(ss[0]));
	assert_true(peers_take(p, SA(ss[5]), 0));  /* room again */
	peers_free(p);
}

/* Random opening and closing by `clients` clients, against a plain count
 * per client, in a table made for `room` (LIMIT 1: each opening either
 * adds a client or is refused): removal must keep every other client
 * findable, also where a run of slots wraps round the end of the table,
 * which a small table with many clients makes common. */
static void churn(int clients, int room)
{
	struct peers *p = peers_new((size_t)room);
	unsigned model[256] = {0};
	int open = 0;
	struct sockaddr_storage addr[256];
	char text[64];
	for (int i = 0; i < clients; i++) {
		if (i % 2) {
			snprintf(text, sizeof text, "2001:db8:%x:%x::1", i * 7919 % 65536, i);
			addr[i] = v6(text);
		} else {
			snprintf(text, sizeof text, "198.51.%d.%d", i % 7, i);
			addr[i] = v4(text);
		}
	}
	srand(1);
	for (int n = 0; n < 200000; n++) {
		int i = rand() % clients;
		if (rand() % 4) {  /* mostly opening: a fuller table, longer runs */
			bool ok = peers_take(p, SA(addr[i]), 1);
			assert_int_equal(ok, model[i] == 0 && open < room);
			model[i] += ok;
			open += ok;
		} else if (model[i]) {
			peers_give(p, SA(addr[i]));
			model[i]--;
			open--;
		}
	}
	peers_free(p);
}

static void random_churn_matches_a_model(void **state)
{
	(void)state;
	churn(256, 256);
	churn(256, 8);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(limit_per_client),
		cmocka_unit_test(what_one_client_is),
		cmocka_unit_test(a_full_table_refuses_new_clients),
		cmocka_unit_test(random_churn_matches_a_model),
	};
	return cmocka_run_group_tests_name("peers", tests, NULL, NULL);
}
