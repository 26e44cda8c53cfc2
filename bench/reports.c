/*
 * The reference bench/reports compares its pages with: the report built
 * in-process, with no HTTP and no HTML, and the time its SQL took.
 *
 *   reports raw URL USERNAME RUNS FROM TO [SECTION]
 *
 * Loads USERNAME as http/auth.c does for a request (the user, their roles
 * and cover), then calls report_build RUNS times for the period FROM..TO
 * (YYYY-MM-DD), every section or only SECTION, as the page asks: a team
 * leader's own view, anyone else's shared (suppressed).  Every statement
 * the build sends through src/db is timed by wrapping the facade's entry
 * points (ld --wrap, see the Makefile).  Prints one line:
 *
 *   raw STATEMENTS BUILD_P50_MS BUILD_MAX_MS SQL_P50_MS
 *
 * STATEMENTS is a build's count; SQL_P50_MS the median over the runs of
 * the time its statements took, added up (bench/reports prints page /
 * SQL).  report_build builds REPORT_SECTIONS_AT_ONCE sections at once,
 * so the statements' time can exceed the build's: the ratio shows how
 * much of the page's time is the database's, and below 1x how much the
 * sections side by side saved.
 */
#include "core/arena.h"
#include "core/clock.h"
#include "core/date.h"
#include "core/err.h"
#include "core/workdays.h"
#include "db/db.h"
#include "domain/reports/period.h"
#include "domain/reports/report.h"
#include "domain/staff/access.h"
#include "domain/staff/caller.h"
#include "domain/staff/user.h"

#include <errno.h>
#include <stdint.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The promise the demo configures (serve's due_working_days default). */
#define DUE_WORKING_DAYS 3
#define RUNS_MAX 1000

static void die(const char *what, const char *why)
{
	fprintf(stderr, "bench/reports: %s: %s\n", what, why);
	exit(1);
}

static double ms(int64_t us)
{
	return (double)us / 1000.0;
}

/* The SQL time and count of the build under way, added to by the
 * threads its sections are built on. */
static _Atomic int64_t sql_us;
static _Atomic long statements;
/* BENCH_REPORTS_STATEMENTS=1: each statement's time and opening words on
 * stderr, to find the slow one (set before the first build). */
static bool show_statements;

static void took(const char *sql, int64_t us)
{
	sql_us += us;
	statements++;
	if (show_statements)
		fprintf(stderr, "%9.1f ms  %.150s\n", ms(us), sql);
}

int __real_db_query_counted(struct db_conn *c, struct arena *arena, const char *sql,
			    const struct db_param *params, size_t param_count,
			    struct db_rows *rows, struct err *e);
int __real_db_query_plain(struct db_conn *c, struct arena *arena, const char *sql,
			  struct db_rows *rows, struct err *e);
int __wrap_db_query_counted(struct db_conn *c, struct arena *arena, const char *sql,
			    const struct db_param *params, size_t param_count,
			    struct db_rows *rows, struct err *e);
int __wrap_db_query_plain(struct db_conn *c, struct arena *arena, const char *sql,
			  struct db_rows *rows, struct err *e);
int __real_db_run_counted(struct db *db, struct arena *arena, const char *sql,
			  const struct db_param *params, size_t param_count,
			  struct db_rows *rows, struct err *e);
int __wrap_db_run_counted(struct db *db, struct arena *arena, const char *sql,
			  const struct db_param *params, size_t param_count,
			  struct db_rows *rows, struct err *e);

int __real_db_run_replanned_counted(struct db *db, struct arena *arena, const char *sql,
				    const struct db_param *params, size_t param_count,
				    struct db_rows *rows, struct err *e);
int __wrap_db_run_replanned_counted(struct db *db, struct arena *arena, const char *sql,
				    const struct db_param *params, size_t param_count,
				    struct db_rows *rows, struct err *e);

/* Statements on a connection of their own: the wait for the connection
 * counts, as it does for the page. */
int __wrap_db_run_replanned_counted(struct db *db, struct arena *arena, const char *sql,
				    const struct db_param *params, size_t param_count,
				    struct db_rows *rows, struct err *e)
{
	int64_t t = clock_monotonic_us();
	int rc = __real_db_run_replanned_counted(db, arena, sql, params, param_count, rows, e);
	took(sql, clock_monotonic_us() - t);
	return rc;
}

int __wrap_db_run_counted(struct db *db, struct arena *arena, const char *sql,
			  const struct db_param *params, size_t param_count,
			  struct db_rows *rows, struct err *e)
{
	int64_t t = clock_monotonic_us();
	int rc = __real_db_run_counted(db, arena, sql, params, param_count, rows, e);
	took(sql, clock_monotonic_us() - t);
	return rc;
}

int __wrap_db_query_counted(struct db_conn *c, struct arena *arena, const char *sql,
			    const struct db_param *params, size_t param_count,
			    struct db_rows *rows, struct err *e)
{
	int64_t t = clock_monotonic_us();
	int rc = __real_db_query_counted(c, arena, sql, params, param_count, rows, e);
	took(sql, clock_monotonic_us() - t);
	return rc;
}

int __wrap_db_query_plain(struct db_conn *c, struct arena *arena, const char *sql,
			  struct db_rows *rows, struct err *e)
{
	int64_t t = clock_monotonic_us();
	int rc = __real_db_query_plain(c, arena, sql, rows, e);
	took(sql, clock_monotonic_us() - t);
	return rc;
}

static int by_value(const void *x, const void *y)
{
	int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
	return (a > b) - (a < b);
}


int main(int argc, char **argv)
{
	if (argc < 7 || argc > 8 || strcmp(argv[1], "raw") != 0) {
		fputs("usage: reports raw URL USERNAME RUNS FROM TO [SECTION]\n", stderr);
		return 2;
	}
	show_statements = getenv("BENCH_REPORTS_STATEMENTS") != NULL;
	arena_keep_freed_memory(); /* as main() does for every command */
	char *end;
	errno = 0;
	long runs = strtol(argv[4], &end, 10);
	if (errno || *end || runs < 1 || runs > RUNS_MAX)
		die("RUNS", "a whole number from 1 to 1000");
	struct db *db;
	struct err e;
	if (db_open(argv[2], REPORT_SECTIONS_AT_ONCE, &db, &e) < 0)
		die(argv[2], e.msg);
	struct holidays *h = holidays_new();
	struct arena *keep = arena_new();
	if (!h || !keep)
		die("memory", "out of memory");

	const char *id, *hash;
	struct user *user;
	if (user_credentials(db, keep, argv[3], &id, &hash, &e) < 0)
		die(argv[3], e.msg);
	if (!id)
		die(argv[3], "no such user with a password");
	if (user_load(db, keep, id, &user, &e) < 0)
		die(argv[3], e.msg);
	struct caller who = caller_public("127.0.0.1", "benchreports0000");
	char today[11];
	date_format(date_uk_today(time(NULL)), today);
	if (access_load_cover(db, keep, user->id, today, &who.cover_areas, &who.cover_area_count,
			      &e) < 0)
		die("cover", e.msg);
	who.kind = CALLER_STAFF;
	who.user = user;

	struct report_request req = {
		.view = user->roles & USER_TEAM_LEADER ? REPORT_OWN_VIEW : REPORT_SHARED,
		.only_section = argc == 8 ? argv[7] : NULL};
	if (period_dates(argv[5], argv[6], &req.period, &e) < 0)
		die("period", e.msg);

	int64_t build[RUNS_MAX], sql[RUNS_MAX];
	long per_build = 0;
	for (long k = 0; k < runs; k++) {
		struct arena *a = arena_new();
		if (!a)
			die("memory", "out of memory");
		struct report r;
		sql_us = 0;
		statements = 0;
		int64_t t = clock_monotonic_us();
		if (report_build(db, &who, h, DUE_WORKING_DAYS, time(NULL), &req, a, &r, &e) < 0)
			die("report_build", e.msg);
		build[k] = clock_monotonic_us() - t;
		sql[k] = sql_us;
		per_build = statements;
		arena_free(a);
	}
	qsort(build, (size_t)runs, sizeof build[0], by_value);
	qsort(sql, (size_t)runs, sizeof sql[0], by_value);
	printf("raw %ld %.1f %.1f %.1f\n", per_build, ms(build[runs / 2]), ms(build[runs - 1]),
	       ms(sql[runs / 2]));
	arena_free(keep);
	holidays_free(h);
	db_close(db);
	return 0;
}
