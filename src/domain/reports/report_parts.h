#ifndef ALONGSIDE_DOMAIN_REPORTS_REPORT_PARTS_H
#define ALONGSIDE_DOMAIN_REPORTS_REPORT_PARTS_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "domain/reports/report.h"

/*
 * Inside the reports module: the parts that compute sections, each from
 * the database for the scope report_build has already checked.  Parts do
 * no access checks and no auditing, and never suppress (report_build
 * does both after).  Each fills exactly the sections it names into *out,
 * allocating in the arena, and returns RESULT_OK or RESULT_FAILED.
 *
 *   report_activity.c  introductions, replies, first_conversations,
 *                      caseloads
 *   report_outcomes.c  outcomes, wellbeing, costs
 */

struct db;
struct err;
struct holidays;
struct arena;

struct report_scope {
	const struct report_period *period;
	const char *const *area_ids;   /* never empty */
	size_t area_count;
	bool every_area;   /* the areas are every area there is, retired
			    * ones too: a row needs no test of its area */
	const char *const *area_names;
	const struct holidays *holidays;
	int due_working_days;
	time_t now;
	bool suppressed;   /* report.suppressed: a section's summary, which is
			    * text and no cell, writes its figures as
			    * suppress.h shows them ("fewer than 5"; no
			    * statistic on fewer than 5) */
};

int report_introductions(struct db *db, const struct report_scope *s, struct arena *a,
			 struct report_section *out, struct err *e);
int report_replies(struct db *db, const struct report_scope *s, struct arena *a,
		   struct report_section *out, struct err *e);
int report_first_conversations(struct db *db, const struct report_scope *s, struct arena *a,
			       struct report_section *out, struct err *e);
int report_caseloads(struct db *db, const struct report_scope *s, struct arena *a,
		     struct report_section *out, struct err *e);
int report_outcomes(struct db *db, const struct report_scope *s, struct arena *a,
		    struct report_section *out, struct err *e);
int report_wellbeing(struct db *db, const struct report_scope *s, struct arena *a,
		     struct report_section *out, struct err *e);
int report_costs(struct db *db, const struct report_scope *s, struct arena *a,
		 struct report_section *out, struct err *e);

/* Shared by the parts: the median and the 90th percentile (nearest rank)
 * of n values, sorted in place; 0 for n 0. */
double report_median(double *values, size_t n);
double report_percentile(double *values, size_t n, int percent);

/* A new table of rows x columns in the arena, every cell CELL_NONE. */
struct report_table *report_table_new(struct arena *a, const char *key, const char *title,
				      const char *const *columns, size_t column_count,
				      size_t rows);

#endif
