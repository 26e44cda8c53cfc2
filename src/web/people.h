#ifndef ALONGSIDE_WEB_PEOPLE_H
#define ALONGSIDE_WEB_PEOPLE_H

#include <stddef.h>

struct arena;
struct err;
struct http_request;
struct http_response;
struct sb;

/*
 * What the person pages (web/person.c, person_forms.c,
 * person_involvements.c) share: the words for the domain's values, and
 * the few fields form.h does not draw.  Everything is written through
 * html_printf, so every value is escaped.
 */

/* "Walking alongside", "Short-term help"; the value itself if unknown. */
const char *people_kind_label(const char *kind);
/* Why an involvement ended, as a sentence a coordinator reads. */
const char *people_reason_label(const char *reason);
/* Who ended it: "Ended by the person" (their own act), ... */
const char *people_ended_by_label(const char *ended_by);

/* The radios' {value, label} pairs, in the domain's order. */
extern const char *const people_kind_options[2][2];
extern const char *const people_reason_options[6][2];
extern const char *const people_ended_by_options[3][2];

/* Today in Europe/London, YYYY-MM-DD, in the arena. */
const char *people_today(struct arena *a);

/* A date YYYY-MM-DD as "Thursday 26 November 2026"; anything else as it
 * is. */
const char *people_date(struct arena *a, const char *ymd);

/* The day an involvement started or ended: the GOV.UK date input
 * (web/form.h), set to today when first drawn. */
extern const struct form_date people_started_on;
extern const struct form_date people_ended_on;

/* Words as the person gave them: a paragraph for each line. */
void people_words(struct sb *page, const char *words);

/* The error message beside the field named name (its id name-error),
 * when error is not NULL. */
void people_error(struct sb *page, const char *name, const char *error);

/* A textarea with its label, hint and error, as form_text_field draws an
 * input (web/form.h). */
void people_textarea(struct sb *page, const char *name, const char *label,
		     const char *hint, const char *value, const char *error);

/* The person's page (GET /staff/people/{id}), and the same page again
 * with the problems in refused (NULL: none) beside the forms on it, the
 * kind's and the return's: an http_form_page (http/http.h). */
int people_person_page(struct http_request *req, struct http_response *res, int status,
		       const struct err *refused);

/* The hidden CSRF field of a form posted with the session's cookie. */
void people_csrf(struct http_request *req, struct sb *page);

#endif
