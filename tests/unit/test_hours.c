/* Opening hours as the York warm spaces publish them: every `opening`
 * string in both snapshots (york_warm_spaces_2026-08-17 and 2023-04-30,
 * listed with python) read into schedules, odd ones sent to review with
 * their text kept; and the grammar's edges. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdbool.h>
#include <string.h>

#include "core/arena.h"
#include "core/sb.h"
#include "domain/community/hours.h"
#include "domain/community/listing.h"
#include "domain/community/schedule.h"

struct case_ {
	const char *opening;   /* NULL: the venue gave none */
	const char *rows;      /* "FREQ BYDAY HH:MM-HH:MM; ..." */
	bool review;
};

/* Every distinct `opening` of both files, in file order. */
static const struct case_ york[] = {
	{"Mo 12:00-14:00; We 10:30-11:00; Fr 10:00-11:00; Su 10:00-12:00",
	 "WEEKLY MO 12:00-14:00; WEEKLY WE 10:30-11:00; WEEKLY FR 10:00-11:00; WEEKLY SU 10:00-12:00", false},
	{"We 13:30-15:30",
	 "WEEKLY WE 13:30-15:30", false},
	{"Fr 12:00-14:00",
	 "WEEKLY FR 12:00-14:00", false},
	{"We 09:30-11:30",
	 "WEEKLY WE 09:30-11:30", false},
	{"Tu 09:30-16:00,09:30-16:00; We 09:30-16:00,09:30-16:00; Su 10:30-13:30,10:30-13:30",
	 "WEEKLY TU,WE 09:30-16:00; WEEKLY SU 10:30-13:30", false},
	{"Mo 13:00-15:00; We 13:00-15:00; Fr 13:00-15:00",
	 "WEEKLY MO,WE,FR 13:00-15:00", false},
	{"Mo 10:00-12:00",
	 "WEEKLY MO 10:00-12:00", false},
	{"We 11:30-14:30; Th 02:00-06:00; Fr 02:00-05:00; Sa 02:00-05:00",
	 "WEEKLY WE 11:30-14:30", true},
	{"Mo 10:00-16:00; Tu 10:00-16:00; We 10:00-16:00; Th 10:00-16:00; Fr 10:00-16:00; Sa 10:00-16:00",
	 "WEEKLY MO,TU,WE,TH,FR,SA 10:00-16:00", false},
	{"Fr 10:00-13:30",
	 "WEEKLY FR 10:00-13:30", false},
	{"Th 09:00-14:00",
	 "WEEKLY TH 09:00-14:00", false},
	{"We 11:00-18:00; Fr 10:00-12:00; Su 09:00-10:30",
	 "WEEKLY WE 11:00-18:00; WEEKLY FR 10:00-12:00; WEEKLY SU 09:00-10:30", false},
	{"Tu 12:00-14:30",
	 "WEEKLY TU 12:00-14:30", false},
	{"Mo 10:00-14:00; Tu 10:00-14:00; We 10:00-14:00",
	 "WEEKLY MO,TU,WE 10:00-14:00", false},
	{"Tu 09:30-16:00; We 09:30-16:00; Su 10:30-12:30",
	 "WEEKLY TU,WE 09:30-16:00; WEEKLY SU 10:30-12:30", false},
	{"Mo 10:00-17:00; Tu 10:00-20:00; We 10:00-20:00; Th 10:00-20:00; Fr 10:00-20:00; Sa 10:00-20:00",
	 "WEEKLY MO 10:00-17:00; WEEKLY TU,WE,TH,FR,SA 10:00-20:00", false},
	{"Fr 14:00-17:00",
	 "WEEKLY FR 14:00-17:00", false},
	{NULL,
	 "", true},
	{"Fr[1] 10:30-13:30",
	 "MONTHLY 1FR 10:30-13:30", false},
	{"Su 14:00-16:30",
	 "WEEKLY SU 14:00-16:30", false},
	{"Mo-We 10:30-14:30",
	 "WEEKLY MO,TU,WE 10:30-14:30", false},
	{"We 12:00-16:00; Th 16:00-20:00",
	 "WEEKLY WE 12:00-16:00; WEEKLY TH 16:00-20:00", false},
	{"Th 10:00-12:00",
	 "WEEKLY TH 10:00-12:00", false},
	{"Mo-Fr 10:00-16:00",
	 "WEEKLY MO,TU,WE,TH,FR 10:00-16:00", false},
	{"Mo 13:00-15:00; We 13:00-15:00; Fr 13:00-15:00; Mo 13:00-15:00; We 13:00-15:00; Fr 13:00-15:00",
	 "WEEKLY MO,WE,FR 13:00-15:00", false},
	{"Mo 14:15-17:15",
	 "WEEKLY MO 14:15-17:15", false},
	{"Mo 09:30-11:30",
	 "WEEKLY MO 09:30-11:30", false},
	{"Mo-Fr 14:00-16:30",
	 "WEEKLY MO,TU,WE,TH,FR 14:00-16:30", false},
	{"Tu 11:00-14:00; Tu 11:00-14:00",
	 "WEEKLY TU 11:00-14:00", false},
	{"We 11:00-13:00; Fr 12:00-14:00",
	 "WEEKLY WE 11:00-13:00; WEEKLY FR 12:00-14:00", false},
	{"Fr 14:00-17:00; Fr[1] 14:00-17:00; Fr 14:00-17:00",
	 "WEEKLY FR 14:00-17:00", false},
	{"Mo 14:30-17:30; Tu 10:00-17:30; We 10:00-17:30; Th 14:30-19:00; Fr 10:00-17:30; Sa 10:00-13:00",
	 "WEEKLY MO 14:30-17:30; WEEKLY TU,WE,FR 10:00-17:30; WEEKLY TH 14:30-19:00; WEEKLY SA 10:00-13:00", false},
	{"We 13:00-15:00; We 13:00-15:00",
	 "WEEKLY WE 13:00-15:00", false},
	{"We 10:00-12:00; We 10:00-12:00",
	 "WEEKLY WE 10:00-12:00", false},
	{"We 12:00-15:00",
	 "WEEKLY WE 12:00-15:00", false},
	{"Mo 10:00-17:00; Tu 10:00-17:00; We 10:00-17:00; Th 10:00-17:00; Fr 10:00-17:00; Sa 10:00-16:00",
	 "WEEKLY MO,TU,WE,TH,FR 10:00-17:00; WEEKLY SA 10:00-16:00", false},
	{"Mo 09:30-12:00,14:00-17:00; Tu 09:30-12:00,14:00-17:00; Th 09:30-12:00,14:00-17:00; Fr 09:30-12:00,14:00-17:00; Sa 09:30-12:30",
	 "WEEKLY MO,TU,TH,FR 09:30-12:00; WEEKLY MO,TU,TH,FR 14:00-17:00; WEEKLY SA 09:30-12:30", false},
	{"Mo 09:00-12:30; Tu 09:00-12:30,13:30-17:00; Th 13:30-17:00; Fr 13:30-17:00; Sa 10:00-12:00",
	 "WEEKLY MO,TU 09:00-12:30; WEEKLY TU,TH,FR 13:30-17:00; WEEKLY SA 10:00-12:00", false},
	{"Mo 10:00-12:30,14:00-17:00; We 10:00-12:30,14:00-17:00; Th 10:00-12:30; Fr 10:00-12:30,14:00-17:00; Sa 10:00-12:30",
	 "WEEKLY MO,WE,TH,FR,SA 10:00-12:30; WEEKLY MO,WE,FR 14:00-17:00", false},
	{"Fr 14:00-16:00; Fr 14:00-16:00",
	 "WEEKLY FR 14:00-16:00", false},
	{"Tu 10:30-12:30",
	 "WEEKLY TU 10:30-12:30", false},
	{"Mo 12:00-16:00; Tu 11:00-14:30; Th 12:00-16:00",
	 "WEEKLY MO,TH 12:00-16:00; WEEKLY TU 11:00-14:30", false},
	{"Th 12:30-04:00",
	 "WORDS", true},
	{"We 11:00-13:00; We 11:00-13:00",
	 "WEEKLY WE 11:00-13:00", false},
	{"Th 10:30-14:00; Sa 10:00-12:00",
	 "WEEKLY TH 10:30-14:00; WEEKLY SA 10:00-12:00", false},
	{"Mo-Fr 09:30-15:30; Tu 10:30-11:30",
	 "WEEKLY MO,TU,WE,TH,FR 09:30-15:30; WEEKLY TU 10:30-11:30", false},
	{"Fr 11:45-14:00",
	 "WEEKLY FR 11:45-14:00", false},
	{"Sa 10:00-12:00",
	 "WEEKLY SA 10:00-12:00", false},
	{"Th 10:30-14:00; Th 00:01-14:00",
	 "WEEKLY TH 10:30-14:00", true},
	{"Mo 09:00-13:00,14:00-17:30; Tu 14:00-18:30; Th 09:00-13:00; Fr 14:00-17:30; Sa 09:00-13:00",
	 "WEEKLY MO,TH,SA 09:00-13:00; WEEKLY MO,FR 14:00-17:30; WEEKLY TU 14:00-18:30", false},
	{"Mo 14:00-18:00; Tu 09:30-12:30,14:00-17:30; Th 09:30-12:30,14:00-17:30; Fr 14:00-17:30; Sa 09:30-13:00",
	 "WEEKLY MO 14:00-18:00; WEEKLY TU,TH 09:30-12:30; WEEKLY TU,TH,FR 14:00-17:30; WEEKLY SA 09:30-13:00", false},
	{"Tu 12:00-16:00; Tu 12:00-16:00",
	 "WEEKLY TU 12:00-16:00", false},
	{"Tu 14:00-17:00; Th 14:00-17:00; Fr 14:00-17:00; Sa 10:00-12:30",
	 "WEEKLY TU,TH,FR 14:00-17:00; WEEKLY SA 10:00-12:30", false},
	{"We 11:00-16:30; We 11:00-16:30",
	 "WEEKLY WE 11:00-16:30", false},
};

static const char *render(struct arena *a, const struct hours_reading *r)
{
	struct sb out;
	sb_init(&out, a, 4096);
	for (size_t i = 0; i < r->schedule_count; i++) {
		const struct community_schedule *s = &r->schedules[i];
		if (!s->freq) {
			sb_printf(&out, "%sWORDS", i ? "; " : "");
			continue;
		}
		sb_printf(&out, "%s%s %s %s-%s", i ? "; " : "", s->freq, s->byday, s->opens_at,
			  s->closes_at);
	}
	return sb_str(&out);
}

static void reads_every_york_opening(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof york / sizeof *york; i++) {
		struct arena *a = arena_new();
		struct hours_reading r;
		hours_read(a, york[i].opening, &r);
		const char *got = render(a, &r);
		if (strcmp(got, york[i].rows) != 0)
			fail_msg("\"%s\": got \"%s\", want \"%s\"", york[i].opening, got,
				 york[i].rows);
		assert_int_equal(r.review_reason != NULL, york[i].review);
		for (size_t j = 0; j < r.schedule_count; j++) {
			/* Every row is one the listing store accepts, and keeps
			 * the text it came from. */
			assert_true(schedule_check(&r.schedules[j], "schedules.0", NULL));
			assert_string_equal(r.schedules[j].original_text, york[i].opening);
			assert_null(r.schedules[j].id);
		}
		if (york[i].review && york[i].opening) {
			assert_non_null(strstr(r.review_reason, york[i].opening));
		}
		arena_free(a);
	}
}

static void odd_hours_are_kept_not_guessed(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct hours_reading r;
	hours_read(a, "Th 12:30-04:00", &r);
	assert_int_equal(r.schedule_count, 1);
	assert_null(r.schedules[0].freq);
	assert_string_equal(schedule_words(a, &r.schedules[0]), "Th 12:30-04:00");
	assert_string_equal(r.review_reason, "Opening hours \"Th 12:30-04:00\": could not read "
					     "\"Th 12:30-04:00\" (closes before it opens)");
	hours_read(a, "We 11:30-14:30; Th 02:00-06:00", &r);
	assert_string_equal(render(a, &r), "WEEKLY WE 11:30-14:30");
	assert_non_null(strstr(r.review_reason, "\"Th 02:00-06:00\" (opens before 06:00)"));
	hours_read(a, "   ", &r);
	assert_int_equal(r.schedule_count, 0);
	assert_string_equal(r.review_reason, "No opening hours given");
	arena_free(a);
}

static void grammar_edges(void **state)
{
	(void)state;
	static const struct case_ edges[] = {
		{"Fr[1,3] 10:00-12:00", "MONTHLY 1FR,3FR 10:00-12:00", false},
		{"Fr[-1] 10:00-12:00; Tu[2] 10:00-12:00", "MONTHLY -1FR,2TU 10:00-12:00", false},
		{"Mo,We 09:00-10:00", "WEEKLY MO,WE 09:00-10:00", false},
		{"Sa-Su 10:00-11:00", "WEEKLY SA,SU 10:00-11:00", false},
		{" Mo 10:00-12:00 ;", "WEEKLY MO 10:00-12:00", false},
		{"Fr[9] 10:00-12:00", "WORDS", true},
		{"Fr[1 10:00-12:00", "WORDS", true},
		{"Su-Mo 10:00-12:00", "WORDS", true},
		{"Mo-Fr", "WORDS", true},
		{"10:00-12:00", "WORDS", true},
		{"Xx 10:00-12:00", "WORDS", true},
		{"Mo 10:00-12:00; PH off", "WEEKLY MO 10:00-12:00", true},
		{"Mo 10:00-12:00,", "WEEKLY MO 10:00-12:00", true},
		{"Mo 9:30-12:00", "WORDS", true},
		{"Mo 10:00-24:00", "WORDS", true},
		{"Mo, 10:00-12:00", "WORDS", true},
		{"Mo 10:00-10:00", "WORDS", true},
	};
	for (size_t i = 0; i < sizeof edges / sizeof *edges; i++) {
		struct arena *a = arena_new();
		struct hours_reading r;
		hours_read(a, edges[i].opening, &r);
		const char *got = render(a, &r);
		if (strcmp(got, edges[i].rows) != 0)
			fail_msg("\"%s\": got \"%s\", want \"%s\"", edges[i].opening, got,
				 edges[i].rows);
		if ((r.review_reason != NULL) != edges[i].review)
			fail_msg("\"%s\": review %s", edges[i].opening,
				 r.review_reason ? r.review_reason : "none");
		arena_free(a);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(reads_every_york_opening),
		cmocka_unit_test(odd_hours_are_kept_not_guessed),
		cmocka_unit_test(grammar_edges),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
