/* A listing's schedules: checked field by field, put into words, counted
 * forward (weekly, fortnightly from dtstart, the Nth weekday of the month,
 * a day of the month, one-off, within valid_from/valid_to), and written as
 * iCalendar in Europe/London across the clock change. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "core/arena.h"
#include "core/date.h"
#include "core/err.h"
#include "core/sb.h"
#include "domain/community/listing.h"
#include "domain/community/schedule.h"

static struct date d(const char *s)
{
	struct date out = {0, 0, 0};
	assert_true(date_parse(s, &out));
	return out;
}

static struct community_schedule weekly(const char *byday)
{
	return (struct community_schedule){
		.id = "3f1e2d4c-5b6a-4789-8abc-def012345678",
		.freq = "WEEKLY", .interval = 1, .byday = byday,
		.opens_at = "10:00", .closes_at = "12:00",
	};
}

/* The next n session dates of one schedule from `from`, as "YYYY-MM-DD"
 * joined by spaces. */
static const char *next_dates(struct arena *a, const struct community_schedule *s,
			      const char *from, size_t n)
{
	struct listing l = {.name = "Group", .schedules = (struct community_schedule *)s,
			    .schedule_count = 1};
	struct schedule_session got[16];
	assert_true(n <= 16);
	size_t count = schedule_next(&l, d(from), got, n);
	struct sb out;
	sb_init(&out, a, 4096);
	for (size_t i = 0; i < count; i++) {
		char text[11];
		date_format(got[i].day, text);
		sb_printf(&out, "%s%s", i ? " " : "", text);
	}
	return sb_str(&out);
}

/* Hours kept only as words go out in the description, so that reading
 * them back keeps them words only; others keep their own description. */
static void words_only_hours_go_out_as_their_description(void **state)
{
	(void)state;
	struct community_schedule words = {.interval = 1, .original_text = "Th 12:30-04:00"};
	assert_string_equal(schedule_description(&words), "Th 12:30-04:00");
	assert_true(schedule_check(&(struct community_schedule){
		.interval = 1, .description = schedule_description(&words)}, NULL, NULL));
	struct community_schedule weekly = {.freq = "WEEKLY", .interval = 1, .byday = "TH",
					    .opens_at = "10:00", .closes_at = "12:00",
					    .original_text = "Th 10:00-12:00"};
	assert_null(schedule_description(&weekly));
	weekly.description = "In the back hall";
	assert_string_equal(schedule_description(&weekly), "In the back hall");
}

static void weekly_sessions(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct community_schedule s = weekly("TH");
	/* 2026-03-05 is a Thursday: that day counts. */
	assert_string_equal(next_dates(a, &s, "2026-03-05", 3),
			    "2026-03-05 2026-03-12 2026-03-19");
	s.byday = "MO,TH";
	assert_string_equal(next_dates(a, &s, "2026-03-06", 3),
			    "2026-03-09 2026-03-12 2026-03-16");
	assert_string_equal(schedule_words(a, &s), "Mondays and Thursdays, 10:00 to 12:00");
	s.byday = "TH";
	assert_string_equal(schedule_words(a, &s), "Thursdays, 10:00 to 12:00");
	arena_free(a);
}

static void fortnightly_from_dtstart(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct community_schedule s = weekly("MO");
	s.interval = 2;
	s.dtstart = "2026-03-02";
	s.opens_at = "14:00";
	s.closes_at = "16:00";
	/* Counted from dtstart's week, not from the day asked about. */
	assert_string_equal(next_dates(a, &s, "2026-03-03", 3),
			    "2026-03-16 2026-03-30 2026-04-13");
	assert_string_equal(next_dates(a, &s, "2026-02-01", 2), "2026-03-02 2026-03-16");
	assert_string_equal(schedule_words(a, &s), "Every other Monday, 14:00 to 16:00");
	arena_free(a);
}

static void monthly_nth_weekday(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct community_schedule s = {.id = "x", .freq = "MONTHLY", .interval = 1,
				       .byday = "1FR", .opens_at = "10:30",
				       .closes_at = "13:30"};
	assert_string_equal(next_dates(a, &s, "2026-03-01", 3),
			    "2026-03-06 2026-04-03 2026-05-01");
	assert_string_equal(schedule_words(a, &s),
			    "The first Friday of the month, 10:30 to 13:30");
	s.byday = "2TH";
	assert_string_equal(next_dates(a, &s, "2026-03-01", 2), "2026-03-12 2026-04-09");
	s.byday = "-1FR";
	/* March 2026 ends on a Tuesday; its last Friday is the 27th. */
	assert_string_equal(next_dates(a, &s, "2026-03-01", 3),
			    "2026-03-27 2026-04-24 2026-05-29");
	assert_string_equal(schedule_words(a, &s),
			    "The last Friday of the month, 10:30 to 13:30");
	arena_free(a);
}

static void monthly_by_day_of_month(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct community_schedule s = {.id = "x", .freq = "MONTHLY", .interval = 1,
				       .bymonthday = "15"};
	assert_string_equal(next_dates(a, &s, "2026-01-16", 2), "2026-02-15 2026-03-15");
	assert_string_equal(schedule_words(a, &s), "The 15th of the month");
	s.bymonthday = "-1";
	assert_string_equal(next_dates(a, &s, "2028-02-01", 2), "2028-02-29 2028-03-31");
	assert_string_equal(schedule_words(a, &s), "The last day of the month");
	arena_free(a);
}

static void one_off_and_bounds(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct community_schedule once = {.id = "x", .dtstart = "2026-03-14",
					  .opens_at = "10:00", .closes_at = "12:00"};
	assert_string_equal(next_dates(a, &once, "2026-03-01", 5), "2026-03-14");
	assert_string_equal(next_dates(a, &once, "2026-03-15", 5), "");
	assert_string_equal(schedule_words(a, &once), "Saturday 14 March 2026, 10:00 to 12:00");

	struct community_schedule s = weekly("TH");
	s.valid_from = "2026-03-10";
	s.valid_to = "2026-03-26";
	assert_string_equal(next_dates(a, &s, "2026-03-01", 10),
			    "2026-03-12 2026-03-19 2026-03-26");
	assert_string_equal(schedule_words(a, &s),
			    "Thursdays, 10:00 to 12:00, from 10 March 2026, until 26 March 2026");
	arena_free(a);
}

static void sessions_of_several_schedules_in_order(void **state)
{
	(void)state;
	struct community_schedule s[3] = {weekly("TH"), weekly("TU"), weekly("TH")};
	s[0].opens_at = "14:00";
	s[0].closes_at = "16:00";
	struct community_schedule words_only = {.id = "w", .original_text = "Ask at the door"};
	struct community_schedule all[4] = {s[0], s[1], s[2], words_only};
	struct listing l = {.name = "Group", .schedules = all, .schedule_count = 4};
	struct schedule_session got[4];
	/* 2026-03-03 is a Tuesday. */
	assert_int_equal(schedule_next(&l, d("2026-03-03"), got, 4), 4);
	assert_int_equal(got[0].day.day, 3);
	assert_int_equal(got[1].day.day, 5);
	assert_string_equal(got[1].opens_at, "10:00");
	assert_ptr_equal(got[1].schedule, &all[2]);
	assert_int_equal(got[2].day.day, 5);
	assert_string_equal(got[2].opens_at, "14:00");
	assert_int_equal(got[3].day.day, 10);
	/* Words only: kept and shown, never counted. */
	assert_true(schedule_check(&words_only, "schedules.3", NULL));
}

static const char *check_field(struct arena *a, struct community_schedule s, const char *field)
{
	struct err e = {0};
	assert_false(schedule_check(&s, "schedules.2", &e));
	const char *message = err_field_message(&e, arena_printf(a, "schedules.2.%s", field));
	if (!message)
		fail_msg("no error at schedules.2.%s (first: %s)", field, e.msg);
	return arena_strdup(a, message);
}

static void bad_input_names_fields(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct community_schedule s = weekly("XX");
	check_field(a, s, "byday");
	s = weekly("MO,");
	check_field(a, s, "byday");
	s = weekly("1MO"); /* an ordinal is for monthly rules */
	check_field(a, s, "byday");
	s = (struct community_schedule){.freq = "MONTHLY", .interval = 1, .byday = "8MO"};
	check_field(a, s, "byday");
	s.byday = "FR";
	check_field(a, s, "byday");
	s = (struct community_schedule){.freq = "MONTHLY", .interval = 1, .bymonthday = "32"};
	check_field(a, s, "bymonthday");
	s = weekly("MO");
	s.interval = 0;
	check_field(a, s, "interval");
	s.interval = 53;
	check_field(a, s, "interval");
	s = weekly("MO");
	s.freq = "DAILY";
	check_field(a, s, "freq");
	s = weekly("MO");
	s.opens_at = "14:00";
	s.closes_at = "12:30";
	assert_string_equal(check_field(a, s, "closes_at"),
			    "The closing time must be after the opening time");
	s.closes_at = "14:00";
	check_field(a, s, "closes_at");
	s.closes_at = "24:00";
	check_field(a, s, "closes_at");
	s.opens_at = "9:30";
	check_field(a, s, "opens_at");
	s = weekly("MO");
	s.valid_from = "2026-05-01";
	s.valid_to = "2026-04-30";
	check_field(a, s, "valid_to");
	s.valid_to = "2026-02-30";
	check_field(a, s, "valid_to");
	s = (struct community_schedule){.opens_at = "10:00"};
	check_field(a, s, "dtstart");
	/* Every other week or month needs the first session to say which. */
	s = weekly("MO");
	s.interval = 2;
	assert_string_equal(check_field(a, s, "dtstart"),
			    "Enter the date of the first session, so we know which weeks");
	s = (struct community_schedule){.freq = "MONTHLY", .interval = 3, .byday = "1FR"};
	assert_string_equal(check_field(a, s, "dtstart"),
			    "Enter the date of the first session, so we know which months");
	s.dtstart = "2026-01-02";
	assert_true(schedule_check(&s, "schedules.0", NULL));

	/* Every fault at once, each at its field. */
	struct err e = {0};
	s = weekly("XX");
	s.interval = 0;
	s.valid_from = "2026-05-01";
	s.valid_to = "2026-04-01";
	assert_false(schedule_check(&s, "schedules.2", &e));
	assert_int_equal(e.field_count, 3);
	/* With no prefix the field stands alone. */
	err_clear(&e);
	assert_false(schedule_check(&s, NULL, &e));
	assert_non_null(err_field_message(&e, "byday"));

	s = weekly("MO,WE,FR");
	assert_true(schedule_check(&s, "schedules.0", NULL));
	arena_free(a);
}

static void ical_across_the_clock_change(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct community_schedule s = weekly("TH");
	s.dtstart = "2026-03-19";
	s.valid_to = "2026-06-30";
	struct community_schedule fortnightly = weekly("MO");
	fortnightly.id = "0d9c8b7a-6f5e-4d3c-8b2a-192837465abc";
	fortnightly.interval = 2;
	fortnightly.dtstart = "2026-11-02";
	fortnightly.valid_to = "2026-12-31";
	struct community_schedule all[2] = {s, fortnightly};
	struct community_location place = {.name = "St Sampson's Centre",
					    .address_1 = "Church Street", .city = "York",
					    .postal_code = "YO1 8BE"};
	struct listing l = {.id = "l", .name = "Singing; together, in Acomb",
			    .last_modified = "2026-03-01T09:15:00.000Z", .version = 3,
			    .schedules = all, .schedule_count = 2,
			    .locations = &place, .location_count = 1};
	struct sb out;
	sb_init(&out, a, 64 * 1024);
	schedule_ical(&out, &l, "https://example.org/community/l");
	assert_false(sb_failed(&out));
	const char *ics = sb_str(&out);
	assert_non_null(strstr(ics, "BEGIN:VCALENDAR\r\n"));
	assert_non_null(strstr(ics, "BEGIN:VTIMEZONE\r\nTZID:Europe/London\r\n"));
	assert_non_null(strstr(ics, "\r\nDTSTART;TZID=Europe/London:20260319T100000\r\n"));
	assert_non_null(strstr(ics, "\r\nDTEND;TZID=Europe/London:20260319T120000\r\n"));
	/* The last day ends at 23:59 in London, in BST: 22:59 UTC ... */
	assert_non_null(strstr(ics, "\r\nRRULE:FREQ=WEEKLY;BYDAY=TH;UNTIL=20260630T225900Z\r\n"));
	/* ... and in GMT 23:59 UTC. */
	assert_non_null(strstr(
		ics, "\r\nRRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;UNTIL=20261231T235900Z\r\n"));
	assert_non_null(strstr(ics, "\r\nUID:0d9c8b7a-6f5e-4d3c-8b2a-192837465abc@alongside\r\n"));
	assert_non_null(strstr(ics, "\r\nDTSTAMP:20260301T091500Z\r\n"));
	/* A corrected time keeps its UID: the version and the change's time
	 * tell a subscribed calendar to take the new one. */
	assert_non_null(strstr(ics, "\r\nSEQUENCE:3\r\n"));
	assert_non_null(strstr(ics, "\r\nLAST-MODIFIED:20260301T091500Z\r\n"));
	assert_non_null(strstr(ics, "\r\nSUMMARY:Singing\\; together\\, in Acomb\r\n"));
	assert_non_null(strstr(ics, "LOCATION:St Sampson's Centre\\, Church Street\\, York\\, "));
	assert_non_null(strstr(ics, "\r\nURL:https://example.org/community/l\r\n"));
	assert_non_null(strstr(ics, "END:VCALENDAR\r\n"));
	/* Wall-clock times stay put across the change on 29 March. */
	struct schedule_session got[3];
	struct listing one = {.schedules = &s, .schedule_count = 1};
	assert_int_equal(schedule_next(&one, d("2026-03-26"), got, 2), 2);
	assert_int_equal(got[1].day.month, 4);
	assert_string_equal(got[1].opens_at, "10:00");

	/* No times: an all-day event with a date UNTIL. */
	struct community_schedule day = {.id = "d", .freq = "MONTHLY", .interval = 1,
					 .byday = "1FR", .valid_from = "2026-04-01",
					 .valid_to = "2026-09-30"};
	struct listing allday = {.id = "l", .name = "Fair", .schedules = &day,
				 .schedule_count = 1};
	sb_init(&out, a, 64 * 1024);
	schedule_ical(&out, &allday, NULL);
	ics = sb_str(&out);
	assert_non_null(strstr(ics, "\r\nDTSTART;VALUE=DATE:20260403\r\n"));
	assert_non_null(strstr(ics, "\r\nDTEND;VALUE=DATE:20260404\r\n"));
	assert_non_null(strstr(ics, "\r\nRRULE:FREQ=MONTHLY;BYDAY=1FR;UNTIL=20260930\r\n"));
	assert_null(strstr(ics, "URL:"));
	assert_non_null(strstr(ics, "\r\nSEQUENCE:0\r\n"));
	assert_null(strstr(ics, "LAST-MODIFIED:"));
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(words_only_hours_go_out_as_their_description),
		cmocka_unit_test(weekly_sessions),
		cmocka_unit_test(fortnightly_from_dtstart),
		cmocka_unit_test(monthly_nth_weekday),
		cmocka_unit_test(monthly_by_day_of_month),
		cmocka_unit_test(one_off_and_bounds),
		cmocka_unit_test(sessions_of_several_schedules_in_order),
		cmocka_unit_test(bad_input_names_fields),
		cmocka_unit_test(ical_across_the_clock_change),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
