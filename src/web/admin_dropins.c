/* Administrators' pages for drop-ins: an area's drop-ins (with their next
 * dates and cancellations, and adding one), and one drop-in's page, where
 * it is changed, ended from a date, and a date of it cancelled with a
 * reason or the cancellation withdrawn. */
#include "core/arena.h"
#include "core/date.h"
#include "core/id.h"
#include "core/sb.h"
#include "domain/areas/area.h"
#include "domain/areas/dropin.h"
#include "domain/staff/session.h"
#include "http/app.h"
#include "http/auth.h"
#include "http/http.h"
#include "web/form.h"
#include "web/html.h"
#include "web/pages.h"

#include <string.h>
#include <time.h>

/* How many of its next dates a drop-in's page offers to cancel. */
#define CANCEL_CHOICES 8

/* The fields a drop-in's form sends, as the domain names them.  The last
 * date is one of them, so the form that changes a drop-in can also clear
 * it: left empty, the drop-in goes on. */
static const char *const field_names[] = {"venue",    "address", "weekday",
					  "starts",   "ends",    "frequency",
					  "week",     "first_date", "notes", "last_date"};
#define FIELD_COUNT (sizeof field_names / sizeof *field_names)

static const char *const weekday_options[][2] = {
	{"Monday", "Monday"}, {"Tuesday", "Tuesday"},   {"Wednesday", "Wednesday"},
	{"Thursday", "Thursday"}, {"Friday", "Friday"}, {"Saturday", "Saturday"},
	{"Sunday", "Sunday"}};
static const char *const frequency_options[][2] = {
	{"weekly", "Every week"}, {"fortnightly", "Every other week"},
	{"monthly", "Once a month"}};
static const char *const week_options[][2] = {
	{"1", "The first"}, {"2", "The second"}, {"3", "The third"},
	{"4", "The fourth"}, {"5", "The fifth"}, {"last", "The last"}};

static const char *date_text(struct arena *a, struct date d)
{
	char *out = arena_alloc(a, 11);
	date_format(d, out);
	return out;
}

/* A stored drop-in as its form's values, in field_names' order. */
static void stored_values(struct arena *a, const struct dropin *d, const char **v)
{
	v[0] = d->venue;
	v[1] = d->address;
	v[2] = dropin_weekday_name(d->rule.weekday);
	v[3] = d->starts;
	v[4] = d->ends;
	v[5] = dropin_frequency_name(d->rule.frequency);
	v[6] = d->rule.week_of_month < 0  ? "last"
	       : d->rule.week_of_month ? arena_printf(a, "%d", d->rule.week_of_month)
				       : NULL;
	v[7] = date_text(a, d->rule.first);
	v[8] = d->notes;
	v[9] = d->rule.ends ? date_text(a, d->rule.last) : NULL;
}

/* The first and last dates, asked the GOV.UK way (web/form.h). */
static const struct form_date first_field = {
	"first_date", "First date",
	"Every week or every other week: on its day. For example, 9 1 2026", false, false};
static const struct form_date last_field = {
	"last_date", "Last date (optional)",
	"Leave it empty and the drop-in goes on. For example, 27 3 2026", false, false};
/* The end form's, named apart from the change form's on the same page. */
static const struct form_date end_field = {
	"end_last_date", "Its last date",
	"It shows on the public pages until then, and not after. For example, 27 3 2026",
	false, true};
static const char *const end_names[][2] = {{"last_date", "end_last_date"}};

/* The values the form sent, a field left empty (the week's "Not monthly",
 * no notes) as not given; the dates as form_date_read gives them, with
 * their problems in dates. */
static void sent_values(struct http_request *req, const char **v, struct err *dates)
{
	for (size_t i = 0; i < FIELD_COUNT; i++)
		v[i] = http_form_text(req, field_names[i]);
	form_date_read(req, &first_field, &v[7], dates);
	form_date_read(req, &last_field, &v[9], dates);
}

/* The values as the domain takes them (sent_values leaves an empty
 * field out: a last date left empty is none, so the drop-in goes on). */
static struct dropin_input input_of(const char *const *v)
{
	return (struct dropin_input){v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9]};
}

/* A drop-in's fields, with values v and e's problems beside them. */
static void dropin_fields(struct sb *page, const struct http_request *req, const char *const *v,
			  const struct err *e)
{
	static const struct form_field venue = {"venue", "Venue", "Where it is held",
						"text", "off", ""};
	static const struct form_field address = {
		"address", "Address", "Ending with the postcode, so the finder can place it",
		"text", "off", ""};
	form_text_field(page, &venue, v[0], form_errors_for(e, "venue"));
	form_text_field(page, &address, v[1], form_errors_for(e, "address"));
	form_row_select(page, "weekday", "weekday", "Day of the week", weekday_options, 7, v[2],
			"Choose a day", form_errors_for(e, "weekday"));
	form_row_input(page, "starts", "starts", "Starts", "UK time, for example 10:00", v[3],
		       form_errors_for(e, "starts"), "govuk-input--width-5");
	form_row_input(page, "ends", "ends", "Ends", "For example 12:00", v[4],
		       form_errors_for(e, "ends"), "govuk-input--width-5");
	form_radios(page, "frequency", "How often", NULL, frequency_options, 3, v[5],
		    form_errors_for(e, "frequency"));
	form_row_select(page, "week", "week", "Which week of the month (once a month only)",
			week_options, 6, v[6], "Not monthly", form_errors_for(e, "week"));
	form_date_input(page, req, &first_field, v[7], form_errors_for(e, "first_date"));
	form_date_input(page, req, &last_field, v[9], form_errors_for(e, "last_date"));
	const char *notes_error = form_errors_for(e, "notes");
	const char *ids = form_group_begin(page, "notes", "Notes (optional)",
					   "Anything a visitor should know", notes_error);
	html_printf(page, "<textarea class=\"govuk-textarea%s\" id=\"notes\" name=\"notes\" rows=\"3\"",
		    notes_error ? " govuk-textarea--error" : "");
	form_described(page, ids);
	html_printf(page, ">%s</textarea></div>\n", v[8] ? v[8] : "");
}

/* "Friday 11 December 2026: cancelled (the hall is closed)" and the like,
 * for the next count dates of d. */
static void next_dates_list(struct http_request *req, struct sb *page, const struct dropin *d,
			    struct date today, size_t count)
{
	struct date dates[CANCEL_CHOICES];
	size_t n = dropin_next_dates(&d->rule, today, dates, count);
	if (n == 0) {
		html_printf(page, "<p class=\"govuk-body\">None: it has ended.</p>\n");
		return;
	}
	html_printf(page, "<ul class=\"govuk-list\">\n");
	for (size_t i = 0; i < n; i++) {
		const struct dropin_cancellation *x = dropin_cancelled(d, dates[i]);
		if (x)
			html_printf(page, "<li>%s: <strong class=\"govuk-tag govuk-tag--red\">"
					  "Cancelled</strong> %s</li>\n",
				    page_long_date(req->arena, dates[i]), x->reason);
		else
			html_printf(page, "<li>%s</li>\n", page_long_date(req->arena, dates[i]));
	}
	html_printf(page, "</ul>\n");
}

static void ends_text(struct http_request *req, struct sb *page, const struct dropin *d)
{
	struct date final;
	if (dropin_final_date(&d->rule, &final))
		html_printf(page, "<p class=\"govuk-body\">Its last date is %s.</p>\n",
			    page_long_date(req->arena, final));
}

/* An area's drop-ins and the form to add one, with every problem in e
 * (NULL the first time) beside its field. */
static int area_page(struct http_request *req, struct http_response *res, int status,
		     const struct err *e)
{
	struct area area;
	struct err read;
	struct dropin *list;
	size_t count;
	int rc = area_get(req->app->db, req->arena, http_path_param(req, "id"), &area, &read);
	if (rc == RESULT_OK)
		rc = dropin_list(req->app->db, req->arena, area.id, &list, &count, &read);
	if (rc != RESULT_OK)
		return http_send_result(req, res, rc, &read, NULL);
	struct date today = date_uk_today(time(NULL));
	const char *title = arena_printf(req->arena, "Drop-ins: %s", area.name);
	struct sb page;
	sb_init(&page, req->arena, PAGE_MAX_BYTES);
	page_begin(req, &page, e ? arena_printf(req->arena, "Error: %s", title) : title);
	html_printf(&page, "<a href=\"/admin/areas/%s\" class=\"govuk-back-link\">%s</a>\n"
			   "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n",
		    area.id, area.name);
	if (e)
		form_errors_summary(&page, e, NULL, 0, "venue");
	html_printf(&page, "<span class=\"govuk-caption-l\">%s</span>\n"
			   "<h1 class=\"govuk-heading-l\">Drop-ins</h1>\n"
			   "<p class=\"govuk-body\">As the public sees them: <a class=\"govuk-link\" "
			   "href=\"/areas/%s#drop-ins\">the area's page</a>.</p>\n",
		    area.name, area.id);
	if (count == 0)
		html_printf(&page, "<p class=\"govuk-body\">The area has no drop-ins yet.</p>\n");
	for (size_t i = 0; i < count; i++) {
		const struct dropin *d = &list[i];
		html_printf(&page, "<div class=\"govuk-summary-card\"><div class=\"govuk-summary-card__title-wrapper\">"
				   "<h2 class=\"govuk-summary-card__title\">%s</h2>"
				   "<ul class=\"govuk-summary-card__actions\"><li class=\"govuk-summary-card__action\">"
				   "<a class=\"govuk-link\" href=\"/admin/drop-ins/%s\">Change or cancel a date"
				   "<span class=\"govuk-visually-hidden\"> of %s</span></a></li></ul></div>\n"
				   "<div class=\"govuk-summary-card__content\">"
				   "<p class=\"govuk-body\">%s, %s to %s.</p>\n",
			    d->venue, d->id, d->venue, dropin_describe(req->arena, &d->rule),
			    d->starts, d->ends);
		ends_text(req, &page, d);
		next_dates_list(req, &page, d, today, 3);
		html_printf(&page, "</div></div>\n");
	}
	html_printf(&page, "<h2 class=\"govuk-heading-m\" id=\"add\">Add a drop-in</h2>\n"
			   "<form method=\"post\" action=\"/admin/areas/%s/drop-ins\" novalidate>\n"
			   "<input type=\"hidden\" name=\"csrf_token\" value=\"%s\">\n",
		    area.id, req->who->session->csrf_token);
	const char *v[FIELD_COUNT] = {0};
	struct err unused = {0};
	if (e)
		sent_values(req, v, &unused);
	dropin_fields(&page, req, v, e);
	html_printf(&page, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">"
			   "Add the drop-in</button>\n</form>\n</div></div>\n");
	page_end(req, &page);
	return http_send_html(req, res, status, &page);
}

int web_admin_area_dropins(struct http_request *req, struct http_response *res)
{
	return area_page(req, res, 200, NULL);
}

int web_admin_add_dropin(struct http_request *req, struct http_response *res)
{
	const char *v[FIELD_COUNT];
	struct err dates = {0};
	sent_values(req, v, &dates);
	struct dropin_input in = input_of(v);
	char id[ID_HEX_LEN + 1];
	struct err e;
	int rc = dropin_add(req->app->db, req->who, http_path_param(req, "id"), &in, id, &e);
	if (rc == RESULT_INVALID)
		form_date_problems(&e, &dates, NULL, 0);
	if (rc != RESULT_OK)
		return http_send_result(req, res, rc, &e, area_page);
	return http_redirect(res, arena_printf(req->arena, "/admin/areas/%s/drop-ins",
					  http_path_param(req, "id")));
}

/* Which of a drop-in's forms was sent, by where it went. */
static bool sent_to(const struct http_request *req, const char *ending)
{
	size_t n = strlen(req->path), m = strlen(ending);
	return n >= m && strcmp(req->path + n - m, ending) == 0;
}

/* The cancel form: a choice of its next dates not cancelled already,
 * and the reason. */
static void cancel_form(struct http_request *req, struct sb *page, const struct dropin *d,
			struct date today, const struct err *e)
{
	struct date dates[CANCEL_CHOICES];
	size_t n = dropin_next_dates(&d->rule, today, dates, CANCEL_CHOICES);
	const char *(*options)[2] = arena_alloc(req->arena, (n + 1) * sizeof *options);
	size_t count = 0;
	for (size_t i = 0; i < n; i++) {
		if (dropin_cancelled(d, dates[i]))
			continue;
		options[count][0] = date_text(req->arena, dates[i]);
		options[count][1] = page_long_date(req->arena, dates[i]);
		count++;
	}
	html_printf(page, "<h2 class=\"govuk-heading-m\">Cancel a date</h2>\n");
	if (count == 0) {
		html_printf(page, "<p class=\"govuk-body\">It has no dates to come that are "
				  "not cancelled already.</p>\n");
		return;
	}
	bool posted = e && sent_to(req, "/cancellations");
	html_printf(page, "<form method=\"post\" action=\"/admin/drop-ins/%s/cancellations\" novalidate>\n"
			  "<input type=\"hidden\" name=\"csrf_token\" value=\"%s\">\n",
		    d->id, req->who->session->csrf_token);
	form_radios(page, "on_date", "Which date is not happening?",
		    "People see it cancelled on the area's page, the finder and their calendars.",
		    (const char *const(*)[2])options, count, posted ? http_form(req, "on_date") : NULL,
		    posted ? form_errors_for(e, "on_date") : NULL);
	static const struct form_field reason = {
		"reason", "Why, in a few words", "For example: the hall is closed", "text", "off", ""};
	form_text_field(page, &reason, posted ? http_form(req, "reason") : NULL,
			posted ? form_errors_for(e, "reason") : NULL);
	html_printf(page, "<button type=\"submit\" class=\"govuk-button govuk-button--warning\" "
			  "data-module=\"govuk-button\">Cancel this date</button>\n</form>\n");
}

/* The cancellations still to come, each with a way to take it back: a
 * summary list, whose rows stack on a phone as a table's columns cannot. */
static void cancellations_list(struct http_request *req, struct sb *page,
			       const struct dropin *d, struct date today)
{
	size_t shown = 0;
	for (size_t i = 0; i < d->cancellation_count; i++) {
		const struct dropin_cancellation *x = &d->cancellations[i];
		if (date_to_days(x->on_date) < date_to_days(today))
			continue;
		if (shown++ == 0)
			html_printf(page, "<h2 class=\"govuk-heading-m\">Cancelled dates</h2>\n"
					  "<dl class=\"govuk-summary-list\">\n");
		const char *day = page_long_date(req->arena, x->on_date);
		html_printf(page, "<div class=\"govuk-summary-list__row\">"
				  "<dt class=\"govuk-summary-list__key\">%s</dt>"
				  "<dd class=\"govuk-summary-list__value\">%s</dd>"
				  "<dd class=\"govuk-summary-list__actions\">"
				  "<form method=\"post\" action=\"/admin/drop-ins/%s/cancellations/%s/withdraw\">"
				  "<input type=\"hidden\" name=\"csrf_token\" value=\"%s\">"
				  "<button type=\"submit\" class=\"govuk-button govuk-button--secondary "
				  "govuk-!-margin-bottom-0\" data-module=\"govuk-button\">It happens after all"
				  "<span class=\"govuk-visually-hidden\">: %s</span></button></form></dd></div>\n",
			    day, x->reason, d->id, x->id, req->who->session->csrf_token, day);
	}
	if (shown)
		html_printf(page, "</dl>\n");
}

/* One drop-in's page, with every problem in e (NULL when there is none)
 * beside the form that was sent. */
static int dropin_page(struct http_request *req, struct http_response *res, int status,
		       const struct err *e)
{
	struct dropin d;
	struct area area;
	struct err read;
	int rc = dropin_get(req->app->db, req->arena, http_path_param(req, "id"), &d, &read);
	if (rc == RESULT_OK)
		rc = area_get(req->app->db, req->arena, d.area_id, &area, &read);
	if (rc != RESULT_OK)
		return http_send_result(req, res, rc, &read, NULL);
	struct date today = date_uk_today(time(NULL));
	const char *csrf = req->who->session->csrf_token;
	bool ending = e && sent_to(req, "/end");
	bool editing = e && !ending && !sent_to(req, "/cancellations");
	struct sb page;
	sb_init(&page, req->arena, PAGE_MAX_BYTES);
	page_begin(req, &page, e ? arena_printf(req->arena, "Error: %s", d.venue) : d.venue);
	html_printf(&page, "<a href=\"/admin/areas/%s/drop-ins\" class=\"govuk-back-link\">"
			   "Drop-ins in %s</a>\n"
			   "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n",
		    area.id, area.name);
	if (e)
		form_errors_summary(&page, e, NULL, 0,
				    ending ? "end_last_date" : editing ? "venue" : "on_date");
	html_printf(&page, "<span class=\"govuk-caption-l\">Drop-in in %s</span>\n"
			   "<h1 class=\"govuk-heading-l\">%s</h1>\n"
			   "<p class=\"govuk-body\">%s, %s to %s.</p>\n",
		    area.name, d.venue, dropin_describe(req->arena, &d.rule), d.starts, d.ends);
	ends_text(req, &page, &d);
	html_printf(&page, "<h2 class=\"govuk-heading-m\">Next dates</h2>\n");
	next_dates_list(req, &page, &d, today, 4);
	cancel_form(req, &page, &d, today, e);
	cancellations_list(req, &page, &d, today);

	html_printf(&page, "<h2 class=\"govuk-heading-m\">Change the drop-in</h2>\n"
			   "<form method=\"post\" action=\"/admin/drop-ins/%s\" novalidate>\n"
			   "<input type=\"hidden\" name=\"csrf_token\" value=\"%s\">\n",
		    d.id, csrf);
	/* A form sent is drawn with what it sent: form_date_input reads
	 * that itself, so only what was stored is given. */
	const char *v[FIELD_COUNT];
	struct err unused = {0};
	if (editing)
		sent_values(req, v, &unused);
	else
		stored_values(req->arena, &d, v);
	dropin_fields(&page, req, v, editing ? e : NULL);
	html_printf(&page, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">"
			   "Save the changes</button>\n</form>\n"
			   "<h2 class=\"govuk-heading-m\">End the drop-in</h2>\n"
			   "<form method=\"post\" action=\"/admin/drop-ins/%s/end\" novalidate>\n"
			   "<input type=\"hidden\" name=\"csrf_token\" value=\"%s\">\n",
		    d.id, csrf);
	form_date_input(&page, req, &end_field, d.rule.ends ? date_text(req->arena, d.rule.last) : NULL,
			ending ? form_errors_for(e, "end_last_date") : NULL);
	html_printf(&page, "<button type=\"submit\" class=\"govuk-button govuk-button--secondary\" "
			   "data-module=\"govuk-button\">End the drop-in</button>\n</form>\n"
			   "</div></div>\n");
	page_end(req, &page);
	return http_send_html(req, res, status, &page);
}

int web_admin_dropin(struct http_request *req, struct http_response *res)
{
	return dropin_page(req, res, 200, NULL);
}

/* After a change to the drop-in named in the path: back to its page, or
 * the page again with the problems. */
static int after_change(struct http_request *req, struct http_response *res, int rc,
			const struct err *e)
{
	if (rc != RESULT_OK)
		return http_send_result(req, res, rc, e, dropin_page);
	return http_redirect(res, arena_printf(req->arena, "/admin/drop-ins/%s",
					  http_path_param(req, "id")));
}

int web_admin_update_dropin(struct http_request *req, struct http_response *res)
{
	const char *v[FIELD_COUNT];
	struct err dates = {0};
	sent_values(req, v, &dates);
	struct dropin_input in = input_of(v);
	struct err e;
	int rc = dropin_update(req->app->db, req->who, http_path_param(req, "id"), &in, &e);
	if (rc == RESULT_INVALID)
		form_date_problems(&e, &dates, NULL, 0);
	return after_change(req, res, rc, &e);
}

int web_admin_end_dropin(struct http_request *req, struct http_response *res)
{
	const char *last_date;
	struct err e, dates = {0};
	form_date_read(req, &end_field, &last_date, &dates);
	int rc = dropin_end(req->app->db, req->who, http_path_param(req, "id"), last_date, &e);
	if (rc == RESULT_INVALID) {
		/* The domain names the field last_date; the end form's is
		 * end_last_date. */
		form_date_problems(&e, &dates, end_names, 1);
		form_rename_fields(&e, end_names, 1);
	}
	return after_change(req, res, rc, &e);
}

int web_admin_cancel_dropin(struct http_request *req, struct http_response *res)
{
	char id[ID_HEX_LEN + 1];
	struct err e;
	int rc = dropin_cancel(req->app->db, req->who, http_path_param(req, "id"),
			       http_form(req, "on_date"), http_form_text(req, "reason"), id, &e);
	return after_change(req, res, rc, &e);
}

int web_admin_withdraw_cancellation(struct http_request *req, struct http_response *res)
{
	struct err e;
	int rc = dropin_withdraw_cancellation(req->app->db, req->who, http_path_param(req, "id"),
					      http_path_param(req, "cancellation"), &e);
	return after_change(req, res, rc, &e);
}
