/* The small core: arena, string builder, UTF-8, identifiers, errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sodium.h>
#include <stdalign.h>
#include <pthread.h>
#include <string.h>

#include "core/arena.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/fanout.h"
#include "core/id.h"
#include "core/sb.h"
#include "core/utf8.h"

static void arena_hands_out_aligned_zeroed_memory(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	unsigned char *blocks[2000];
	for (size_t i = 0; i < 2000; i++) {
		size_t size = 1 + i % 97;
		blocks[i] = arena_alloc(a, size);
		assert_int_equal((uintptr_t)blocks[i] % alignof(max_align_t), 0);
		for (size_t k = 0; k < size; k++)
			assert_int_equal(blocks[i][k], 0);
		memset(blocks[i], (int)(i & 0xff), size);
	}
	/* Earlier allocations are untouched by later ones. */
	for (size_t i = 0; i < 2000; i++)
		assert_int_equal(blocks[i][0], i & 0xff);
	arena_free(a);
}

static void arena_serves_large_allocations(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	char *small = arena_strdup(a, "before");
	char *big = arena_alloc(a, 1024 * 1024);
	memset(big, 'x', 1024 * 1024);
	char *after = arena_strdup(a, "after");
	assert_string_equal(small, "before");
	assert_string_equal(after, "after");
	assert_int_equal(big[1024 * 1024 - 1], 'x');
	arena_free(a);
	arena_free(NULL);
}

static void arena_strings(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	assert_string_equal(arena_strndup(a, "abcdef", 3), "abc");
	assert_string_equal(arena_printf(a, "%s-%d", "x", 42), "x-42");
	assert_string_equal(arena_printf(a, "%s", ""), "");
	arena_free(a);
}

static void sb_builds_and_caps(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct sb sb;
	sb_init(&sb, a, 16);
	assert_string_equal(sb_str(&sb), "");
	sb_puts(&sb, "hello");
	sb_putc(&sb, ' ');
	sb_printf(&sb, "%d", 2026);
	assert_string_equal(sb_str(&sb), "hello 2026");
	assert_false(sb_failed(&sb));
	sb_puts(&sb, "123456"); /* exactly 16 */
	assert_false(sb_failed(&sb));
	assert_int_equal(sb.len, 16);
	sb_putc(&sb, '!');
	assert_true(sb_failed(&sb));
	/* Sticky: later small appends are dropped too, contents unchanged. */
	sb_puts(&sb, "");
	sb_puts(&sb, "x");
	assert_true(sb_failed(&sb));
	assert_string_equal(sb_str(&sb), "hello 2026123456");
	arena_free(a);
}

static void sb_grows_past_its_first_buffer(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct sb sb;
	sb_init(&sb, a, 1 << 20);
	for (int i = 0; i < 10000; i++)
		sb_printf(&sb, "%04d", i % 10000);
	assert_false(sb_failed(&sb));
	assert_int_equal(sb.len, 40000);
	assert_memory_equal(sb_str(&sb) + 39996, "9999", 4);
	arena_free(a);
}

static void utf8_validation(void **state)
{
	(void)state;
	static const struct {
		const char *s;
		bool valid;
	} cases[] = {
		{"", true},
		{"ascii", true},
		{"caf\xC3\xA9", true},
		{"\xE2\x82\xAC", true},
		{"\xF0\x9F\x98\x80", true},
		{"\xF4\x8F\xBF\xBF", true},          /* U+10FFFF */
		{"\xC3", false},                      /* truncated */
		{"\xE2\x82", false},
		{"\xC0\xAF", false},                  /* overlong */
		{"\xE0\x80\xAF", false},              /* overlong */
		{"\xF0\x80\x80\xAF", false},          /* overlong */
		{"\xED\xA0\x80", false},              /* surrogate */
		{"\xF4\x90\x80\x80", false},          /* too high */
		{"\xFF", false},
		{"\x80", false},
		{"a\xC3(", false},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		assert_int_equal(utf8_valid(cases[i].s, strlen(cases[i].s)),
				 cases[i].valid);
	assert_false(utf8_valid("a\0b", 3));

	/* Text a person may type: counted in characters, no control codes. */
	assert_true(utf8_text_ok("Acomb", 5, false));
	assert_false(utf8_text_ok("Acomb!", 5, false));
	assert_true(utf8_text_ok("ééééé", 5, false));       /* 10 bytes, 5 characters */
	assert_int_equal(utf8_length("ééééé", 10), 5);
	assert_false(utf8_text_ok("", 5, false));
	assert_false(utf8_text_ok(NULL, 5, false));
	assert_false(utf8_text_ok("two\nlines", 20, false));
	assert_true(utf8_text_ok("two\nlines", 20, true));
	assert_true(utf8_text_ok("two\r\nlines", 20, true));  /* as an API client may send */
	assert_false(utf8_text_ok("two\r\nlines", 20, false));
	assert_false(utf8_text_ok("lone\rreturn", 20, true));
	assert_false(utf8_text_ok("tab\there", 20, true));
	assert_false(utf8_text_ok("del\x7f", 20, true));
	assert_false(utf8_text_ok("bad \xff", 20, true));
}

static void ids_are_random_hex(void **state)
{
	(void)state;
	char a[ID_HEX_LEN + 1], b[ID_HEX_LEN + 1];
	id_new(a);
	id_new(b);
	assert_int_equal(strlen(a), 32);
	assert_true(id_valid(a));
	assert_true(id_valid(b));
	assert_string_not_equal(a, b);
	char req[17];
	id_request(req);
	assert_int_equal(strlen(req), 16);

	assert_false(id_valid(""));
	assert_false(id_valid("0123456789abcdef0123456789abcde"));
	assert_false(id_valid("0123456789abcdef0123456789abcdef0"));
	assert_false(id_valid("0123456789ABCDEF0123456789abcdef"));
	assert_false(id_valid("0123456789abcdeg0123456789abcdef"));
	assert_false(id_valid("../../etc/passwd0123456789abcdef"));
}

static void uuids_are_version_4_and_strictly_shaped(void **state)
{
	(void)state;
	char a[ID_UUID_LEN + 1], b[ID_UUID_LEN + 1];
	id_uuid_new(a);
	id_uuid_new(b);
	assert_int_equal(strlen(a), 36);
	assert_true(id_uuid_valid(a));
	assert_string_not_equal(a, b);
	assert_int_equal(a[14], '4');
	assert_non_null(strchr("89ab", a[19]));

	assert_true(id_uuid_valid("3fa85f64-5717-4562-b3fc-2c963f66afa6"));
	assert_false(id_uuid_valid("3FA85F64-5717-4562-B3FC-2C963F66AFA6"));
	assert_false(id_uuid_valid("3fa85f6457174562b3fc2c963f66afa6"));
	assert_false(id_uuid_valid("3fa85f64-5717-4562-b3fc-2c963f66afa"));
	assert_false(id_uuid_valid("3fa85f64-5717-4562-b3fc-2c963f66afa6 "));
	assert_false(id_uuid_valid("3fa85f64-5717-4562-b3fc_2c963f66afa6"));
	assert_false(id_uuid_valid("3fa85f64-5717-4562-b3fc-2c963f66afg6"));
	assert_false(id_uuid_valid(""));
}

static void err_set_truncates_and_returns_minus_one(void **state)
{
	(void)state;
	struct err e;
	char long_text[ERR_MSG_MAX * 2];
	memset(long_text, 'y', sizeof long_text - 1);
	long_text[sizeof long_text - 1] = '\0';
	assert_int_equal(err_set(&e, "x: %s", long_text), -1);
	assert_int_equal(strlen(e.msg), ERR_MSG_MAX - 1);
	assert_memory_equal(e.msg, "x: yyy", 6);
	assert_int_equal(err_set(NULL, "ignored"), -1);
}

static int setup_sodium(void **state)
{
	(void)state;
	return sodium_init() < 0 ? -1 : 0;
}

static void results_carry_every_field_at_fault(void **state)
{
	(void)state;
	struct err e = {0};
	assert_int_equal(err_invalid_if_any(&e), RESULT_OK);
	assert_int_equal(err_field(&e, "person.name", "Enter the %s", "name"), RESULT_INVALID);
	assert_int_equal(err_field(&e, "person.phone", "Enter a phone number"), RESULT_INVALID);
	assert_int_equal(err_field(&e, NULL, "Something about the whole"), RESULT_INVALID);
	assert_int_equal(e.field_count, 3);
	assert_string_equal(e.msg, "Enter the name");  /* the first, for a log line */
	assert_string_equal(err_field_message(&e, "person.phone"), "Enter a phone number");
	assert_string_equal(e.fields[2].path, "");
	assert_null(err_field_message(&e, "person.email"));
	assert_int_equal(err_invalid_if_any(&e), RESULT_INVALID);
	/* Past the most a form shows, the rest are dropped, not overflowed. */
	for (int i = 0; i < 40; i++)
		err_field(&e, "x", "again");
	assert_int_equal(e.field_count, ERR_FIELDS_MAX);
	/* A whole result replaces the fields. */
	assert_int_equal(err_not_found(&e, "area", "There is no %s", "area"), RESULT_NOT_FOUND);
	assert_int_equal(e.field_count, 0);
	assert_string_equal(e.subject, "area");
	assert_int_equal(err_result(&e, RESULT_CONFLICT, "Taken"), RESULT_CONFLICT);
	assert_null(e.subject);
	assert_int_equal(err_set(&e, "broken"), RESULT_FAILED);
	err_clear(&e);
	assert_string_equal(e.msg, "");
	assert_int_equal(e.field_count, 0);
}

static void results_never_cut_a_character_in_half(void **state)
{
	(void)state;
	struct err e = {0};
	char long_text[600];
	/* "é" is two bytes: after two ASCII letters every buffer's last byte
	 * falls inside one. */
	long_text[0] = 'a';
	long_text[1] = 'b';
	size_t n = 2;
	while (n + 2 < sizeof long_text) {
		long_text[n++] = (char)0xC3;
		long_text[n++] = (char)0xA9;
	}
	long_text[n] = '\0';
	err_field(&e, long_text, "%s", long_text);
	assert_true(utf8_valid(e.fields[0].path, strlen(e.fields[0].path)));
	assert_true(utf8_valid(e.fields[0].message, strlen(e.fields[0].message)));
	assert_int_equal(strlen(e.fields[0].message), ERR_FIELD_MESSAGE_MAX - 2);
	err_set(&e, "%s%s%s", long_text, long_text, long_text);
	assert_true(utf8_valid(e.msg, strlen(e.msg)));
}

/* Instants as API readers write them, into the stored form: UTC, with
 * milliseconds, so that text order is time order. */
static void instants_into_the_stored_form(void **state)
{
	(void)state;
	char out[CLOCK_ISO8601_SIZE];
	static const char *const cases[][2] = {
		{"2026-03-01", "2026-03-01T00:00:00.000Z"},
		{"2026-03-01T09:30:00Z", "2026-03-01T09:30:00.000Z"},
		{"2026-03-01T09:30Z", "2026-03-01T09:30:00.000Z"},
		{"2026-03-01T09:30:00.5Z", "2026-03-01T09:30:00.500Z"},
		{"2026-03-01T09:30:00.123987Z", "2026-03-01T09:30:00.123Z"},
		{"2026-07-01T00:30:00+01:00", "2026-06-30T23:30:00.000Z"},
		{"2026-12-31T23:00:00-02:30", "2027-01-01T01:30:00.000Z"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		assert_int_equal(clock_instant_utc(cases[i][0], out), 0);
		assert_string_equal(out, cases[i][1]);
	}
	assert_int_equal(clock_instant_utc("2026-03-01T09:30:00", out), -1);
	assert_int_equal(clock_instant_utc("2026-13-01", out), -1);
	assert_int_equal(clock_instant_utc("2026-03-01T09:30:61Z", out), -1);
}

/* What a child arena held lives on in the arena that adopted it, with
 * both arenas' blocks freed once (ASan and valgrind see a double free or
 * a leak); an empty child, or an empty parent, is adopted too. */
static void an_adopted_arena_lives_and_dies_with_its_parent(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	char *before = arena_strdup(a, "parent");
	struct arena *child = arena_new();
	char *kept = arena_strdup(child, "child");
	char *big = arena_alloc(child, 64 * 1024);
	memset(big, 'x', 64 * 1024);
	arena_adopt(a, child);
	arena_adopt(a, arena_new());
	char *after = arena_strdup(a, "after");
	assert_string_equal(before, "parent");
	assert_string_equal(kept, "child");
	assert_int_equal(big[64 * 1024 - 1], 'x');
	assert_string_equal(after, "after");
	struct arena *empty = arena_new();
	struct arena *full = arena_new();
	char *moved = arena_strdup(full, "moved");
	arena_adopt(empty, full);
	assert_string_equal(moved, "moved");
	assert_string_equal(arena_strdup(empty, "more"), "more");
	arena_free(empty);
	arena_free(a);
}

struct tally {
	pthread_mutex_t lock;
	int runs[40];
	pthread_t seen[40];
};

static void count_run(void *ctx, size_t i)
{
	struct tally *t = ctx;
	pthread_mutex_lock(&t->lock);
	t->runs[i]++;
	t->seen[i] = pthread_self();
	pthread_mutex_unlock(&t->lock);
}

/* Every job runs exactly once, however many threads are asked for (none,
 * one, fewer than the jobs, more than the jobs), and none for no jobs. */
static void fanout_runs_every_job_once(void **state)
{
	(void)state;
	const unsigned widths[] = {0, 1, 3, 100};
	const size_t counts[] = {0, 1, 7, 40};
	for (size_t w = 0; w < sizeof widths / sizeof *widths; w++)
		for (size_t c = 0; c < sizeof counts / sizeof *counts; c++) {
			struct tally t = {.lock = PTHREAD_MUTEX_INITIALIZER};
			fanout_run(counts[c], widths[w], count_run, &t);
			for (size_t i = 0; i < 40; i++)
				assert_int_equal(t.runs[i], i < counts[c] ? 1 : 0);
		}
}

/* With a width of one, every job runs on the caller's thread. */
static void fanout_of_width_one_is_the_callers_thread(void **state)
{
	(void)state;
	struct tally t = {.lock = PTHREAD_MUTEX_INITIALIZER};
	fanout_run(5, 1, count_run, &t);
	for (size_t i = 0; i < 5; i++)
		assert_true(pthread_equal(t.seen[i], pthread_self()));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(instants_into_the_stored_form),
		cmocka_unit_test(arena_hands_out_aligned_zeroed_memory),
		cmocka_unit_test(arena_serves_large_allocations),
		cmocka_unit_test(arena_strings),
		cmocka_unit_test(an_adopted_arena_lives_and_dies_with_its_parent),
		cmocka_unit_test(fanout_runs_every_job_once),
		cmocka_unit_test(fanout_of_width_one_is_the_callers_thread),
		cmocka_unit_test(sb_builds_and_caps),
		cmocka_unit_test(sb_grows_past_its_first_buffer),
		cmocka_unit_test(utf8_validation),
		cmocka_unit_test(ids_are_random_hex),
		cmocka_unit_test(uuids_are_version_4_and_strictly_shaped),
		cmocka_unit_test(err_set_truncates_and_returns_minus_one),
		cmocka_unit_test(results_carry_every_field_at_fault),
		cmocka_unit_test(results_never_cut_a_character_in_half),
	};
	return cmocka_run_group_tests_name("core", tests, setup_sodium, NULL);
}
