/* Moving in from a spreadsheet: the CSV reader's edge cases as
 * spreadsheets write them, every check of a row named by its row and
 * column, a dry run that writes nothing, an import that writes all with
 * its audit entries in one go, likely matches, and who may import. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/csv.h"
#include "core/err.h"
#include "core/sb.h"
#include "db/db.h"
#include "domain/people/import.h"
#include "domain/people/person.h"
#include "domain/staff/caller.h"
#include "domain/staff/user.h"
#include "support/testdb.h"

#define ACOMB "a0000000000000000000000000000001"
#define HEWORTH "a0000000000000000000000000000002"
#define PRIYA "b0000000000000000000000000000001"
#define TOM "b0000000000000000000000000000002"
#define HEADER IMPORT_HEADER "\n"
#define T "2026-01-01T00:00:00Z"

/* ---- the CSV reader ---- */

static void parse(struct arena *a, const char *text, struct csv_record **rows, size_t *count)
{
	struct err e = {0};
	int rc = csv_parse(a, text, strlen(text), 100, rows, count, &e);
	if (rc != RESULT_OK)
		fprintf(stderr, "%s\n", e.msg);
	assert_int_equal(rc, RESULT_OK);
}

static void csv_reads_what_spreadsheets_write(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct csv_record *r;
	size_t n;
	/* A byte order mark, CRLF, a quoted comma, a doubled quote, a line
	 * break inside quotes (kept as LF), an empty line and an empty last
	 * field. */
	parse(a,
	      "\xEF\xBB\xBF"
	      "name,notes\r\n\"Smith, Ann\",\"said \"\"hello\"\"\r\nthen left\"\r\n\r\nBob,\r\n",
	      &r, &n);
	assert_int_equal(n, 3);
	assert_int_equal(r[0].field_count, 2);
	assert_string_equal(r[0].fields[0], "name");
	assert_string_equal(r[1].fields[0], "Smith, Ann");
	assert_string_equal(r[1].fields[1], "said \"hello\"\nthen left");
	assert_int_equal(r[1].line, 2);
	assert_int_equal(r[2].line, 5);
	assert_int_equal(r[1].row, 2);
	assert_int_equal(r[2].row, 4);
	assert_int_equal(r[2].field_count, 2);
	assert_string_equal(r[2].fields[0], "Bob");
	assert_string_equal(r[2].fields[1], "");
	/* LF, a lone CR, no line end at the end, and a quoted empty field. */
	parse(a, "a,b\nc,\"\"\rd", &r, &n);
	assert_int_equal(n, 3);
	assert_string_equal(r[1].fields[1], "");
	assert_string_equal(r[2].fields[0], "d");
	assert_int_equal(r[2].line, 3);
	parse(a, "", &r, &n);
	assert_int_equal(n, 0);
	parse(a, "\xEF\xBB\xBF\n\n", &r, &n);
	assert_int_equal(n, 0);
	/* More rows and fields than the lists first hold (arena_grow). */
	struct sb many;
	sb_init(&many, a, 4096);
	for (int i = 0; i < 40; i++)
		sb_printf(&many, "%d,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p,q,r,s,t\n", i);
	parse(a, sb_str(&many), &r, &n);
	assert_int_equal(n, 40);
	assert_string_equal(r[39].fields[0], "39");
	assert_int_equal(r[39].field_count, 20);
	assert_string_equal(r[39].fields[19], "t");
	arena_free(a);
}

static void csv_refuse(const char *text, size_t max, const char *message)
{
	struct arena *a = arena_new();
	struct csv_record *r;
	size_t n;
	struct err e = {0};
	assert_int_equal(csv_parse(a, text, strlen(text), max, &r, &n, &e), RESULT_INVALID);
	assert_string_equal(e.msg, message);
	assert_null(r);
	assert_int_equal(n, 0);
	arena_free(a);
}

static void csv_refuses_what_it_cannot_read_by_line(void **state)
{
	(void)state;
	csv_refuse("a,b\nc,\"open\nstill open", 100,
		   "Line 2: a quoted field is not closed (the file may be cut short)");
	csv_refuse("a,b\nc,O\"Brien\n", 100,
		   "Line 2: a quote inside a field that does not start with one: put the whole "
		   "field in quotes and double the quote (\"\")");
	csv_refuse("a,b\n\"c\"d,e\n", 100,
		   "Line 2: text after a closing quote: put the whole field in quotes and "
		   "double any quote inside (\"\")");
	csv_refuse("a,b\nc,d\nZo\xeb,e\n", 100,
		   "The file is not UTF-8 text (line 3): save it from the spreadsheet as "
		   "\"CSV UTF-8\"");
	csv_refuse("a\nb\nc\n", 2, "Line 3: more than 2 rows");
}

/* ---- the import ---- */

struct fixture {
	struct db *db;
	struct arena *arena;
	struct testdb tdb;
	struct person_settings settings;
	struct user priya_user;
	struct caller cli, priya;
};

static const char *acomb[] = {ACOMB};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	f->db = testdb_open(&f->tdb);
	/* Tom works Heworth and Acomb: his first area by name is Acomb.  Sam
	 * is disabled; Nell is a coordinator of no area; Jo leads a team. */
	testdb_run(f->db,
	    "INSERT INTO areas (id, name, covered, created_at, updated_at) VALUES"
	    " ('" ACOMB "', 'Acomb', 1, '" T "', '" T "'),"
	    " ('" HEWORTH "', 'Heworth', 1, '" T "', '" T "');"
	    "INSERT INTO users (id, username, display_name, disabled, created_at, updated_at)"
	    " VALUES ('" PRIYA "', 'priya', 'Priya', 0, '" T "', '" T "'),"
	    " ('" TOM "', 'tom', 'Tom', 0, '" T "', '" T "'),"
	    " ('b3', 'sam', 'Sam', 1, '" T "', '" T "'),"
	    " ('b4', 'nell', 'Nell', 0, '" T "', '" T "'),"
	    " ('b5', 'jo', 'Jo', 0, '" T "', '" T "');"
	    "INSERT INTO user_roles (user_id, role) VALUES ('" PRIYA "', 'coordinator'),"
	    " ('" TOM "', 'coordinator'), ('b3', 'coordinator'), ('b4', 'coordinator'),"
	    " ('b5', 'team_leader');"
	    "INSERT INTO user_role_areas (user_id, role, area_id) VALUES"
	    " ('" PRIYA "', 'coordinator', '" ACOMB "'), ('" TOM "', 'coordinator', '" HEWORTH "'),"
	    " ('" TOM "', 'coordinator', '" ACOMB "'), ('b3', 'coordinator', '" ACOMB "'),"
	    " ('b5', 'team_leader', '" ACOMB "');"
	    "INSERT INTO people (id, name, phone, email, postcode, area_id, coordinator_id,"
	    " created_at, updated_at) VALUES ('p1', 'Known Person', '+44 7700 900999',"
	    " 'Known@Example.org', 'YO24 3AH', '" ACOMB "', '" PRIYA "', '" T "', '" T "');");
	f->arena = arena_new();
	f->settings = (struct person_settings){f->db, NULL};
	f->cli = caller_cli();
	f->priya_user = (struct user){.id = PRIYA, .roles = USER_COORDINATOR,
				      .coordinator_areas = acomb, .coordinator_area_count = 1};
	f->priya = (struct caller){.kind = CALLER_STAFF, .user = &f->priya_user,
				   .client_address = "127.0.0.1", .request_id = "test"};
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	testdb_close(&f->tdb);
	arena_free(f->arena);
	free(f);
	return 0;
}

static long count(struct fixture *f, const char *sql)
{
	return testdb_count(f->db, f->arena, sql);
}

static int import(struct fixture *f, const struct caller *who, const char *csv,
		  unsigned flags, struct import_report *out)
{
	struct err e;
	return import_people(&f->settings, who, csv, strlen(csv), flags, f->arena, out, &e);
}

/* The one problem a row (after the header) has, as the report names it. */
static void refused(struct fixture *f, const char *row, const char *column, const char *message)
{
	struct import_report r;
	const char *csv = arena_printf(f->arena, HEADER "%s\n", row);
	assert_int_equal(import(f, &f->cli, csv, IMPORT_DRY_RUN, &r), RESULT_INVALID);
	if (r.problem_count != 1 || strcmp(r.problems[0].message, message) != 0)
		fprintf(stderr, "%s\n  gave %zu problems, the first: %s\n", row, r.problem_count,
			r.problem_count ? r.problems[0].message : "-");
	assert_int_equal(r.problem_count, 1);
	assert_int_equal(r.problems[0].row, 2);
	if (column)
		assert_string_equal(r.problems[0].column, column);
	else
		assert_null(r.problems[0].column);
	assert_string_equal(r.problems[0].message, message);
}

static void each_check_names_its_row_and_column(void **state)
{
	struct fixture *f = *state;
	refused(f, ",,,,,priya,short_term,2026-01-01,,", "name",
		"Row 2, name: enter the person's name");
	refused(f, "Ann,,12,,,priya,short_term,2026-01-01,,", "phone",
		"Row 2, phone: \"12\" is not a phone number: digits and spaces, 10 to 13 digits");
	refused(f, "Ann,,,ann@,,priya,short_term,2026-01-01,,", "email",
		"Row 2, email: \"ann@\" is not an email address");
	refused(f, "Ann,,,,YO99,priya,short_term,2026-01-01,,", "postcode",
		"Row 2, postcode: \"YO99\" is not a UK postcode");
	refused(f, "Ann,,,,,,short_term,2026-01-01,,", "coordinator",
		"Row 2, coordinator: enter the coordinator's username");
	refused(f, "Ann,,,,,ghost,short_term,2026-01-01,,", "coordinator",
		"Row 2, coordinator: no one has the username \"ghost\"");
	refused(f, "Ann,,,,,jo,short_term,2026-01-01,,", "coordinator",
		"Row 2, coordinator: jo is not a coordinator");
	refused(f, "Ann,,,,,sam,short_term,2026-01-01,,", "coordinator",
		"Row 2, coordinator: sam's account is disabled");
	refused(f, "Ann,,,,,nell,short_term,2026-01-01,,", "coordinator",
		"Row 2, coordinator: nell has no area");
	refused(f, "Ann,,,,,priya,,2026-01-01,,", "kind",
		"Row 2, kind: enter short_term or walking_alongside");
	refused(f, "Ann,,,,,priya,long_term,2026-01-01,,", "kind",
		"Row 2, kind: \"long_term\" is not a kind: short_term or walking_alongside");
	refused(f, "Ann,,,,,priya,short_term,,,", "started",
		"Row 2, started: enter the date the involvement started");
	refused(f, "Ann,,,,,priya,short_term,01/02/2026,,", "started",
		"Row 2, started: \"01/02/2026\" is not a date: write it as YYYY-MM-DD");
	refused(f, "Ann,,,,,priya,short_term,2999-01-01,,", "started",
		"Row 2, started: 2999-01-01 is in the future");
	refused(f, "Ann,,,,,priya,short_term,2026-01-01,2999-01-01,", "last_contact",
		"Row 2, last_contact: 2999-01-01 is in the future");
	refused(f, "Ann,,,,,priya,short_term,2026-01-01,2025-12-31,", "last_contact",
		"Row 2, last_contact: 2025-12-31 is before the start, 2026-01-01");
	refused(f, "\"Ann\nLee\",,,,,priya,short_term,2026-01-01,,", "name",
		"Row 2, name: has a line break, a tab or another control character");
	refused(f, "Ann,,,,,priya,short_term,2026-01-01,,a\tb", "notes",
		"Row 2, notes: has a tab or another control character");
	refused(f, "Ann,,,,,priya,short_term,2026-01-01,", NULL,
		"Row 2: 9 columns where the header has 10 (a field with a comma needs quotes "
		"around it)");
	char *long_name = arena_alloc(f->arena, PERSON_NAME_MAX + 2);
	memset(long_name, 'x', PERSON_NAME_MAX + 1);
	long_name[PERSON_NAME_MAX + 1] = '\0';
	refused(f, arena_printf(f->arena, "%s,,,,,priya,short_term,2026-01-01,,", long_name),
		"name", "Row 2, name: at most 200 characters");
}

static void the_file_as_a_whole(void **state)
{
	struct fixture *f = *state;
	struct import_report r;
	assert_int_equal(import(f, &f->cli, "name,phone\n", IMPORT_DRY_RUN, &r), RESULT_INVALID);
	assert_int_equal(r.problem_count, 1);
	assert_int_equal(r.problems[0].row, 0);
	assert_string_equal(r.problems[0].message, "The first row must be exactly: " IMPORT_HEADER);
	assert_int_equal(import(f, &f->cli, HEADER, IMPORT_DRY_RUN, &r), RESULT_INVALID);
	assert_string_equal(r.problems[0].message, "The file has no rows after the header");
	/* Every row's every problem, not just the first. */
	struct err e;
	const char *csv = HEADER "Ann,,,,,ghost,short_term,2026-01-01,,\n"
				 "Bob,,,,,priya,short_term,2026-01-01,,\n"
				 ",,,,,priya,never,2026-01-01,,\n";
	assert_int_equal(import_people(&f->settings, &f->cli, csv, strlen(csv), 0, f->arena, &r,
				       &e),
			 RESULT_INVALID);
	assert_int_equal(r.problem_count, 3);
	assert_int_equal(r.problems[0].row, 2);
	assert_int_equal(r.problems[1].row, 4);
	assert_string_equal(r.problems[1].column, "name");
	assert_string_equal(r.problems[2].column, "kind");
	assert_int_equal(e.field_count, 3);
	assert_string_equal(e.fields[0].path, "row 2.coordinator");
	assert_false(r.stored);
	assert_int_equal(count(f, "SELECT count(*) FROM people"), 1);
}

/* Spreadsheets leave blank lines and rows of empty cells: they are
 * skipped, and rows keep the numbers the spreadsheet shows. */
static void empty_rows_are_skipped_and_rows_keep_their_numbers(void **state)
{
	struct fixture *f = *state;
	struct import_report r;
	const char *csv = HEADER "\n"
				 "Ann,,,,,ghost,short_term,2026-01-01,,\n"
				 ",,,,,,,,,\n"
				 "\" \", ,,,\t,,,,,\r\n"
				 "\n"
				 "Bob,,,,,priya,short_term,2999-01-01,,\n"
				 ",,,,,,,,,\n";
	assert_int_equal(import(f, &f->cli, csv, IMPORT_DRY_RUN, &r), RESULT_INVALID);
	assert_int_equal(r.problem_count, 2);
	assert_string_equal(r.problems[0].message,
			    "Row 3, coordinator: no one has the username \"ghost\"");
	assert_string_equal(r.problems[1].message, "Row 7, started: 2999-01-01 is in the future");
	assert_int_equal(import(f, &f->cli, HEADER ",,,,,,,,,\n", IMPORT_DRY_RUN, &r),
			 RESULT_INVALID);
	assert_string_equal(r.problems[0].message, "The file has no rows after the header");
	csv = HEADER ",,,,,,,,,\nBob,,,,,priya,short_term,2026-01-01,,\n,,,,,,,,,\n";
	assert_int_equal(import(f, &f->cli, csv, IMPORT_DRY_RUN, &r), RESULT_OK);
	assert_int_equal(r.people, 1);
}

static const char *const good =
	HEADER "Ann Lee,Annie,07700 900111,ann@example.org,,tom,walking_alongside,2026-01-05,"
	       "2026-03-01,\"Likes \"\"bridge\"\"\nand the allotment\"\n"
	       "Bob Ray,,,,,priya,short_term,2026-02-01,,\n"
	       "Cy Dee,,,,,Priya,walking_alongside,2026-02-01,,\n";

static void a_dry_run_stores_nothing_and_is_audited(void **state)
{
	struct fixture *f = *state;
	long audit = count(f, "SELECT count(*) FROM audit_log");
	struct import_report r;
	assert_int_equal(import(f, &f->cli, good, IMPORT_DRY_RUN, &r), RESULT_OK);
	assert_false(r.stored);
	assert_int_equal(r.people, 3);
	assert_int_equal(r.coordinator_count, 2);
	assert_string_equal(r.coordinators[0].name, "priya");
	assert_int_equal(r.coordinators[0].count, 2);
	assert_string_equal(r.coordinators[1].name, "tom");
	assert_int_equal(r.kinds[0].count, 1);
	assert_int_equal(r.kinds[1].count, 2);
	assert_int_equal(count(f, "SELECT count(*) FROM people"), 1);
	assert_int_equal(count(f, "SELECT count(*) FROM involvements"), 0);
	/* Audited, good file or not, with how many rows look known. */
	assert_int_equal(count(f, "SELECT count(*) FROM audit_log"), audit + 1);
	assert_int_equal(count(f, "SELECT count(*) FROM audit_log WHERE action = 'import_check'"
				  " AND record_type = 'import' AND outcome = 'matched 0'"),
			 1);
	const char *bad = HEADER "Known Person,,,,YO24 3AH,ghost,short_term,2026-01-01,,\n";
	assert_int_equal(import(f, &f->cli, bad, IMPORT_DRY_RUN, &r), RESULT_INVALID);
	assert_int_equal(r.known, 1);
	assert_int_equal(count(f, "SELECT count(*) FROM audit_log WHERE action = 'import_check'"
				  " AND outcome = 'matched 1'"),
			 1);
}

static void an_import_stores_all_with_its_audit(void **state)
{
	struct fixture *f = *state;
	struct import_report r;
	assert_int_equal(import(f, &f->cli, good, 0, &r), RESULT_OK);
	assert_true(r.stored);
	assert_int_equal(r.people, 3);
	assert_int_equal(count(f, "SELECT count(*) FROM people"), 4);
	assert_int_equal(count(f, "SELECT count(*) FROM involvements WHERE kind = "
				  "'walking_alongside' AND started_on = '2026-01-05'"),
			 1);
	/* Tom's first area by name is Acomb; no conversation is made up. */
	assert_int_equal(count(f, "SELECT count(*) FROM people WHERE name = 'Ann Lee' AND"
				  " preferred_name = 'Annie' AND area_id = '" ACOMB "' AND"
				  " coordinator_id = '" TOM "'"),
			 1);
	assert_int_equal(count(f, "SELECT count(*) FROM conversations"), 0);
	struct db_rows rows;
	struct err e;
	assert_int_equal(db_run_plain(f->db, f->arena,
				      "SELECT h.note FROM involvement_history h"
				      " JOIN involvement_people ip ON ip.involvement_id = h.involvement_id"
				      " JOIN people p ON p.id = ip.person_id WHERE p.name = 'Ann Lee'",
				      &rows, &e),
			 0);
	assert_int_equal(rows.row_count, 1);
	assert_string_equal(db_cell(&rows, 0, 0),
			    "Moved in from a spreadsheet.\n\nLikes \"bridge\"\nand the allotment");
	/* Her last contact is kept as a date the caseload counts from. */
	assert_int_equal(count(f, "SELECT count(*) FROM involvements v"
				  " JOIN involvement_people ip ON ip.involvement_id = v.id"
				  " JOIN people p ON p.id = ip.person_id WHERE p.name = 'Ann Lee'"
				  " AND v.last_contact_before_import = '2026-03-01'"),
			 1);
	assert_int_equal(count(f, "SELECT count(*) FROM involvements v"
				  " JOIN involvement_people ip ON ip.involvement_id = v.id"
				  " JOIN people p ON p.id = ip.person_id WHERE p.name IN ('Bob Ray', 'Cy Dee')"
				  " AND v.last_contact_before_import IS NULL"),
			 2);
	assert_int_equal(count(f, "SELECT count(*) FROM audit_log WHERE action = 'import' AND"
				  " record_type = 'person' AND area_id = '" ACOMB "'"),
			 3);
	assert_int_equal(count(f, "SELECT count(*) FROM audit_log WHERE action = 'import' AND"
				  " record_type = 'import' AND outcome = 'ok'"),
			 1);
	/* Loaded again, with IMPORT_IF_EMPTY, nothing happens; Ann is a
	 * likely match by her phone (Bob and Cy, with a name alone, cannot
	 * be matched). */
	assert_int_equal(import(f, &f->cli, good, IMPORT_IF_EMPTY, &r), RESULT_OK);
	assert_true(r.skipped);
	assert_false(r.stored);
	assert_int_equal(r.known, 1);
	assert_int_equal(r.match_count, 0);
	assert_int_equal(count(f, "SELECT count(*) FROM people"), 4);
}

static void likely_matches_by_name_and_postcode_phone_or_email(void **state)
{
	struct fixture *f = *state;
	struct import_report r;
	const char *csv =
		HEADER "KNOWN  person,,,,yo243ah,priya,short_term,2026-01-01,,\n"
		       "Someone Else,,07700900999,,,priya,short_term,2026-01-01,,\n"
		       "Third One,,,known@example.ORG,,priya,short_term,2026-01-01,,\n"
		       "Fourth One,,07700 900444,,,priya,short_term,2026-01-01,,\n"
		       "Fifth One,,07700900444,,,priya,short_term,2026-01-01,,\n";
	assert_int_equal(import(f, &f->cli, csv, IMPORT_DRY_RUN, &r), RESULT_OK);
	/* Against people already known, only a count; within the file, by
	 * row with the reason. */
	assert_int_equal(r.known, 3);
	assert_int_equal(r.match_count, 1);
	assert_int_equal(r.matches[0].row, 6);
	assert_string_equal(r.matches[0].why, "same phone as row 5");
}

static void only_an_administrator_imports(void **state)
{
	struct fixture *f = *state;
	struct import_report r;
	assert_int_equal(import(f, &f->priya, good, 0, &r), RESULT_FORBIDDEN);
	assert_int_equal(count(f, "SELECT count(*) FROM people"), 1);
	assert_int_equal(count(f, "SELECT count(*) FROM audit_log WHERE action = 'import' AND"
				  " actor_user_id = '" PRIYA "' AND outcome = 'refused'"),
			 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(csv_reads_what_spreadsheets_write),
		cmocka_unit_test(csv_refuses_what_it_cannot_read_by_line),
		cmocka_unit_test_setup_teardown(each_check_names_its_row_and_column, setup, teardown),
		cmocka_unit_test_setup_teardown(the_file_as_a_whole, setup, teardown),
		cmocka_unit_test_setup_teardown(empty_rows_are_skipped_and_rows_keep_their_numbers,
						setup, teardown),
		cmocka_unit_test_setup_teardown(a_dry_run_stores_nothing_and_is_audited, setup, teardown),
		cmocka_unit_test_setup_teardown(an_import_stores_all_with_its_audit, setup, teardown),
		cmocka_unit_test_setup_teardown(likely_matches_by_name_and_postcode_phone_or_email,
						setup, teardown),
		cmocka_unit_test_setup_teardown(only_an_administrator_imports, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
