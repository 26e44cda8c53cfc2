/* The coordinator's side of introductions: the inbox sorted by when each
 * is due, logging a call in under a minute from a phone, and one
 * introduction with its history and the next step. */
#include "core/arena.h"
#include "core/config.h"
#include "core/date.h"
#include "core/id.h"
#include "core/sb.h"
#include "domain/areas/area.h"
#include "domain/areas/lookup.h"
#include "domain/introductions/introduction.h"
#include "domain/introductions/leave.h"
#include "domain/introductions/notify.h"
#include "domain/introductions/team.h"
#include "domain/people/person.h"
#include "domain/staff/access.h"
#include "domain/staff/session.h"
#include "domain/staff/user.h"
#include "http/app.h"
#include "http/auth.h"
#include "http/http.h"
#include "web/form.h"
#include "web/html.h"
#include "web/pages.h"

#include <string.h>
#include <time.h>


static const char *const channel_options[][2] = {
	{"phone", "Phone call"},   {"text", "Text"},      {"voicemail", "Voicemail"},
	{"email", "Email"},	   {"facebook", "Facebook"}, {"drop_in", "At a drop-in"},
	{"face_to_face", "Face to face"},
};

/* How an introduction came, in words: one of the quick log's choices, or
 * the public website's form. */
static const char *channel_label(const char *channel)
{
	if (strcmp(channel, "web") == 0)
		return "Sent from the public website";
	for (size_t i = 0; i < sizeof channel_options / sizeof channel_options[0]; i++)
		if (strcmp(channel, channel_options[i][0]) == 0)
			return channel_options[i][1];
	return channel;
}

/* An area the caller covers today for its own coordinator: for whom
 * (NULL when it has none), the tag its introductions carry ("Covering for
 * Priya Shah") and the cover's last day in words (NULL when not found). */
struct cover_note {
	const char *area_id;
	const char *whom;
	const char *tag;
	const char *until;
};

/* " for Priya Shah until Tuesday 15 December 2026", or less. */
static const char *cover_words(struct arena *a, const struct cover_note *n)
{
	return arena_printf(a, "%s%s%s%s", n->whom ? " for " : "", n->whom ? n->whom : "",
			    n->until ? " until " : "", n->until ? n->until : "");
}

static bool own_area(const struct http_request *req, const char *area_id)
{
	const struct user *u = req->who->user;
	for (size_t i = 0; u && i < u->coordinator_area_count; i++)
		if (strcmp(u->coordinator_areas[i], area_id) == 0)
			return true;
	return false;
}

/* The caller's cover today, one note an area (none for an area that is
 * also their own); -1 when the database fails. */
static int cover_notes(struct http_request *req, const char *today, struct cover_note **out,
		       size_t *count)
{
	*count = 0;
	*out = arena_alloc(req->arena, (req->who->cover_area_count + 1) * sizeof **out);
	for (size_t i = 0; i < req->who->cover_area_count; i++) {
		const char *area_id = req->who->cover_areas[i];
		if (own_area(req, area_id))
			continue;
		struct area area;
		struct err e;
		const char *whom = NULL;
		if (area_get(req->app->db, req->arena, area_id, &area, &e) == RESULT_OK &&
		    area.coordinator)
			whom = area.coordinator->name;
		struct cover *list;
		size_t n;
		if (user_cover_list(req->app->db, req->arena, area_id, today, &list, &n,
				    &req->err) < 0)
			return -1;
		const char *until = NULL;
		for (size_t c = 0; c < n; c++) {
			struct date last;
			if (strcmp(list[c].user_id, req->who->user->id) == 0 &&
			    strcmp(list[c].starts_on, today) <= 0 && date_parse(list[c].ends_on, &last))
				until = page_long_date(req->arena, last);
		}
		(*out)[(*count)++] = (struct cover_note){
			area_id, whom,
			whom ? arena_printf(req->arena, "Covering for %s", whom) : "Covering", until};
	}
	return 0;
}

static const struct cover_note *cover_note_for(const struct cover_note *notes, size_t count,
					       const char *area_id)
{
	for (size_t i = 0; i < count; i++)
		if (strcmp(notes[i].area_id, area_id) == 0)
			return &notes[i];
	return NULL;
}

/* A phone number with links to call and text it: on a phone, one tap. */
static void phone_links(struct sb *page, struct arena *a, const char *number)
{
	const char *target = page_tel_target(a, number);
	html_printf(page, "%s", number);
	if (!*target)
		return;
	html_printf(page, "<br><a class=\"govuk-link app-phone-link\" href=\"tel:%s\">Call"
			  "<span class=\"govuk-visually-hidden\"> %s</span></a> "
			  "<a class=\"govuk-link app-phone-link govuk-!-margin-left-3\" href=\"sms:%s\">Text"
			  "<span class=\"govuk-visually-hidden\"> %s</span></a>",
		    target, number, target, number);
}

/* Tags for the things a coordinator must see at a glance. */
static void tags(struct sb *page, struct arena *a, const struct introduction *x, const char *today)
{
	if (!intro_status_final(x->status)) {
		int due = strcmp(x->due_on, today);
		if (due < 0)
			html_printf(page, "<strong class=\"govuk-tag govuk-tag--red\">Overdue</strong> ");
		else if (due == 0)
			html_printf(page, "<strong class=\"govuk-tag govuk-tag--orange\">Due today</strong> ");
	}
	if (x->in.urgent)
		html_printf(page, "<strong class=\"govuk-tag govuk-tag--pink\">Urgent</strong> ");
	if (strcmp(x->in.person_knows, "yes") != 0)
		html_printf(page, "<strong class=\"govuk-tag govuk-tag--yellow\">Does not know yet</strong> ");
	if (strcmp(x->placement, "near") == 0)
		html_printf(page, "<strong class=\"govuk-tag govuk-tag--blue\">Near: %s</strong> ",
			    distance_text(a, (double)x->distance_m));
	else if (strcmp(x->placement, "not_covered") == 0)
		html_printf(page, "<strong class=\"govuk-tag govuk-tag--grey\">Not covered: %s</strong> ",
			    distance_text(a, (double)x->distance_m));
}

static const char *today_text(struct arena *a)
{
	char *today = arena_alloc(a, 11);
	date_format(date_uk_today(time(NULL)), today);
	return today;
}

/* A team leader's view across the team (domain/introductions/team.h). */
static int team_table(struct http_request *req, struct sb *page,
		      const struct introduction *list, size_t count, const char *today)
{
	struct team_waiting *rows;
	size_t row_count;
	if (team_waiting(req->app->db, req->who, list, count, today, req->arena, &rows,
			 &row_count, &req->err) < 0)
		return -1;
	if (row_count == 0)
		return 0;
	html_printf(page, "<table class=\"govuk-table\"><caption class=\"govuk-table__caption "
			  "govuk-table__caption--m\">Waiting in your team</caption>\n"
			  "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
			  "<th scope=\"col\" class=\"govuk-table__header\">Coordinator</th>"
			  "<th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">Waiting</th>"
			  "<th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">Overdue</th>"
			  "</tr></thead><tbody class=\"govuk-table__body\">\n");
	for (size_t i = 0; i < row_count; i++)
		html_printf(page, "<tr class=\"govuk-table__row\"><th scope=\"row\" class=\"govuk-table__header\">%s</th>"
				  "<td class=\"govuk-table__cell govuk-table__cell--numeric\">%zu</td>"
				  "<td class=\"govuk-table__cell govuk-table__cell--numeric\">%zu</td></tr>\n",
			    rows[i].display_name, rows[i].waiting, rows[i].overdue);
	html_printf(page, "</tbody></table>\n");
	return 0;
}

int web_inbox(struct http_request *req, struct http_response *res)
{
	bool all = http_query(req, "show") && strcmp(http_query(req, "show"), "all") == 0;
	struct intro_filter f = {.open_only = !all};
	struct introduction *list;
	size_t count;
	if (intro_list(req->app->db, req->who, &f, req->arena, &list, &count, &req->err) < 0)
		return -1;
	const char *today = today_text(req->arena);
	struct sb page;
	sb_init(&page, req->arena, PAGE_MAX_BYTES);
	page_begin(req, &page, "Introductions");
	html_printf(&page, "<h1 class=\"govuk-heading-l\">Introductions</h1>\n"
			   "<a class=\"govuk-button\" data-module=\"govuk-button\" "
			   "href=\"/staff/introductions/new\">Log a call or message</a>\n"
			   "<p class=\"govuk-body\">%s <a class=\"govuk-link\" href=\"%s\">%s</a></p>\n",
		    all ? "Showing all introductions, answered or not." : "Showing those waiting for an answer, soonest due first.",
		    all ? "/staff/introductions" : "/staff/introductions?show=all",
		    all ? "Show only those waiting" : "Show all, including answered");
	const char **areas;
	bool reaches_any = access_casework_areas(req->who, req->arena, &areas) > 0;
	if (!reaches_any)
		html_printf(&page, "<p class=\"govuk-body\">You do not work any area yet, so no "
				   "introductions come to you.</p>\n");
	if (count && team_table(req, &page, list, count, today) < 0)
		return -1;
	if (count == 0 && reaches_any)
		html_printf(&page, "<p class=\"govuk-body\">%s</p>\n",
			    all ? "There are no introductions for your areas yet, answered or not."
				: "Nothing is waiting.");
	struct cover_note *notes;
	size_t note_count;
	if (cover_notes(req, today, &notes, &note_count) < 0)
		return -1;
	for (size_t i = 0; i < note_count; i++)
		html_printf(&page, "<div class=\"govuk-inset-text\">You are covering %s%s. "
				   "Its introductions are marked <strong class=\"govuk-tag "
				   "govuk-tag--purple app-tag--cover\">%s</strong></div>\n",
			    staff_area_name(req, notes[i].area_id), cover_words(req->arena, &notes[i]),
			    notes[i].tag);
	if (count)
		html_printf(&page, "<ul class=\"govuk-list app-inbox\">\n");
	for (size_t i = 0; i < count; i++) {
		const struct introduction *x = &list[i];
		struct date due;
		date_parse(x->due_on, &due);
		html_printf(&page, "<li class=\"app-inbox__item\"><h2 class=\"govuk-heading-s govuk-!-margin-bottom-1\">"
				   "<a class=\"govuk-link\" href=\"/staff/introductions/%s\">%s</a></h2>\n"
				   "<p class=\"govuk-body-s govuk-!-margin-bottom-1\">",
			    x->id, x->in.person_name);
		tags(&page, req->arena, x, today);
		const struct cover_note *cover = cover_note_for(notes, note_count, x->area_id);
		if (cover)
			html_printf(&page, "<strong class=\"govuk-tag govuk-tag--purple "
					   "app-tag--cover\">%s</strong> ",
				    cover->tag);
		html_printf(&page, "</p><p class=\"govuk-body-s\">%s · %s · due %s</p></li>\n",
			    intro_status_words(x->status), staff_area_name(req, x->area_id),
			    page_long_date(req->arena, due));
	}
	if (count)
		html_printf(&page, "</ul>\n");
	page_end(req, &page);
	return http_send_html(req, res, 200, &page);
}

static const char *const relationship_options[][2] = {
	{"self", "The person themselves"},
	{"family_or_friend", "Family, a friend or a neighbour"},
	{"professional", "A professional who works with them"},
	{"community_group", "A community group, faith group or charity"},
};
static const char *const knows_options[][2] = {
	{"yes", "Yes"}, {"not_asked", "Not asked yet"}, {"no", "No"}};

/* When a call or message came, when not just now. */
static const struct form_date received_field = {
	"received_at", "When it came",
	"Leave it empty if it came just now. For a voicemail left earlier, for "
	"example 27 3 2026", true, false};

/* The quick log's field for each field an introduction's refusal names. */
static const char *const log_names[][2] = {
	{"person.name", "person_name"},
	{"person.phone", "person_phone"},
	{"person.email", "person_email"},
	{"person.postcode", "person_postcode"},
	{"person.background", "background"},
	{"introduced_by.relationship", "relationship"},
	{"introduced_by.name", "introducer_name"},
	{"introduced_by.phone", "introducer_phone"},
};

/* The quick log: one short form with the defaults of a call taken now,
 * in one's own area, from the person themselves; with every problem in
 * refused (NULL the first time) named. */
static int log_page(struct http_request *req, struct http_response *res, int status,
		    const struct err *refused)
{
	struct err *e = NULL;
	if (refused) {
		e = arena_alloc(req->arena, sizeof *e);
		err_copy(e, refused);
		form_rename_fields(e, log_names, sizeof log_names / sizeof log_names[0]);
	}
	struct sb page;
	sb_init(&page, req->arena, PAGE_MAX_BYTES);
	page_begin(req, &page, e ? "Error: Log a call or message" : "Log a call or message");
	html_printf(&page, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n");
	if (e)
		form_errors_summary(&page, e, NULL, 0, "person_name");
	html_printf(&page, "<h1 class=\"govuk-heading-l\">Log a call or message</h1>\n"
			   "<form method=\"post\" action=\"/staff/introductions\" novalidate>\n"
			   "<input type=\"hidden\" name=\"csrf_token\" value=\"%s\">\n",
		    req->who->session->csrf_token);
	const char *channel = http_form(req, "channel");
	form_radios(&page, "channel", "How did it come?", NULL, channel_options, 7,
		    channel ? channel : "phone", form_errors_for(e, "channel"));
	static const struct form_field person[] = {
		{"person_name", "Their name", NULL, "text", "off", ""},
		{"person_phone", "Phone", NULL, "tel", "off", "govuk-input--width-20"},
		{"person_email", "Email", NULL, "email", "off", ""},
		{"person_postcode", "Postcode", "Leave empty for your own area", "text", "off",
		 "govuk-input--width-10"},
	};
	for (size_t i = 0; i < sizeof person / sizeof person[0]; i++)
		form_text_field(&page, &person[i], http_form(req, person[i].name),
				form_errors_for(e, person[i].name));
	form_date_input(&page, req, &received_field, NULL, form_errors_for(e, "received_at"));
	const char *relationship = http_form(req, "relationship");
	form_radios(&page, "relationship", "Who got in touch?", NULL, relationship_options, 4,
		    relationship ? relationship : "self",
		    form_errors_for(e, "relationship"));
	static const struct form_field introducer[] = {
		{"introducer_name", "Their name, if not the person", NULL, "text", "off", ""},
		{"introducer_phone", "Their phone", NULL, "tel", "off", "govuk-input--width-20"},
	};
	for (size_t i = 0; i < 2; i++)
		form_text_field(&page, &introducer[i], http_form(req, introducer[i].name),
				form_errors_for(e, introducer[i].name));
	const char *knows = http_form(req, "person_knows");
	form_radios(&page, "person_knows", "Does the person know about this?", NULL,
		    knows_options, 3, knows ? knows : "yes",
		    form_errors_for(e, "person_knows"));
	static const struct form_field notes[] = {
		{"background", "A little background", "In their words, briefly", "text", "off", ""},
		{"other_service", "If urgent: which other service did you suggest?",
		 "This is not a crisis service", "text", "off", ""},
	};
	form_text_field(&page, &notes[0], http_form(req, "background"),
			form_errors_for(e, "background"));
	html_printf(&page, "<div class=\"govuk-form-group\"><div class=\"govuk-checkboxes govuk-checkboxes--small\" "
			   "data-module=\"govuk-checkboxes\"><div class=\"govuk-checkboxes__item\">"
			   "<input class=\"govuk-checkboxes__input\" id=\"urgent\" name=\"urgent\" "
			   "type=\"checkbox\" value=\"yes\"%s><label class=\"govuk-label govuk-checkboxes__label\" "
			   "for=\"urgent\">Urgent</label></div></div></div>\n",
		    http_form(req, "urgent") ? " checked" : "");
	form_text_field(&page, &notes[1], http_form(req, "other_service"),
			form_errors_for(e, "other_service"));
	page_privacy_note(&page, PAGE_PRIVACY_STAFF);
	html_printf(&page, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">"
			   "Save</button>\n</form>\n</div></div>\n");
	page_end(req, &page);
	return http_send_html(req, res, status, &page);
}

int web_log_form(struct http_request *req, struct http_response *res)
{
	return log_page(req, res, 200, NULL);
}

int web_log(struct http_request *req, struct http_response *res)
{
	const char *received_at;
	struct err dates = {0};
	form_date_read(req, &received_field, &received_at, &dates);
	const char *relationship = http_form_text(req, "relationship");
	bool self = !relationship || strcmp(relationship, "self") == 0;
	struct intro_input in = {
		.person_name = http_form_text(req, "person_name"),
		.person_phone = http_form_text(req, "person_phone"),
		.person_email = http_form_text(req, "person_email"),
		.postcode = http_form_text(req, "person_postcode"),
		.background = http_form_text(req, "background"),
		.introduced_by = relationship ? relationship : "self",
		.introducer_name = self ? NULL : http_form_text(req, "introducer_name"),
		.introducer_phone = self ? NULL : http_form_text(req, "introducer_phone"),
		.person_knows = http_form_text(req, "person_knows"),
		.channel = http_form_text(req, "channel"),
		.urgent = http_form_text(req, "urgent") != NULL,
		.other_service = http_form_text(req, "other_service"),
		.received_at = received_at,
	};
	struct lookup_context lookup = {req->app->db, req->map, req->app->config->near_metres,
					req->postcodes};
	struct intro_settings settings = {req->app->db, &lookup, req->app->holidays,
					  req->app->config->due_working_days};
	struct introduction *x;
	struct err e;
	int rc = intro_create(&settings, req->who, &in, req->arena, &x, &e);
	if (rc == RESULT_INVALID)
		form_date_problems(&e, &dates, NULL, 0);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, log_page);
	notify_new_introduction(req->app->db, req->app->mail, req->app->config->public_url, x,
				req->request_id);
	/* One whose postcode is in an area the logger does not reach went to
	 * that area's coordinator: say so, rather than open a page she may
	 * not see. */
	bool mine = access_casework(req->who, x->area_id);
	return http_redirect(res, arena_printf(req->arena, "/staff/introductions/%s%s", x->id,
					       mine ? "" : "/logged"));
}

static void row(struct sb *page, const char *key, const char *value)
{
	if (value)
		html_printf(page, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">%s</dt>"
				  "<dd class=\"govuk-summary-list__value\">%s</dd></div>\n",
			    key, value);
}

/* The statuses an introduction can move to next, in order. */
static const char *const next_steps[][2] = {
	{"contacted", "Contacted"},
	{"conversation_arranged", "Conversation arranged"},
	{"walking_alongside", "Walking alongside"},
	{"information_only", "Information and connections only"},
	{"not_now", "Not now, or declined"},
	{"outside_area", "Outside the area (say what you suggested)"},
	{"other_service", "Another service better placed (say which)"},
};

/* People already known who may be the one introduced, each with a
 * button that links the introduction to them, so its outcome carries on
 * their record rather than making a second. */
static void introduction_matches(struct sb *page, const struct introduction *x,
				 const struct person_match *matches, size_t count,
				 const char *csrf)
{
	if (count == 0)
		return;
	html_printf(page, "<h2 class=\"govuk-heading-m\">Is this someone you already know?</h2>\n"
			  "<ul class=\"govuk-list app-matches\">\n");
	for (size_t i = 0; i < count; i++)
		html_printf(page, "<li><a class=\"govuk-link\" href=\"/staff/people/%s\">%s</a> · %s\n"
				  "<form method=\"post\" action=\"/staff/introductions/%s/person\">"
				  "<input type=\"hidden\" name=\"csrf_token\" value=\"%s\">"
				  "<input type=\"hidden\" name=\"person_id\" value=\"%s\">"
				  "<button type=\"submit\" class=\"govuk-button govuk-button--secondary\" "
				  "data-module=\"govuk-button\">This is the same person<span "
				  "class=\"govuk-visually-hidden\">: %s</span></button></form></li>\n",
			    matches[i].id, matches[i].name, matches[i].why, x->id, csrf,
			    matches[i].id, matches[i].name);
	html_printf(page, "</ul>\n");
}

/* One introduction with what can be done next, and the problems with a
 * change just refused (NULL when none). */
static int introduction_page(struct http_request *req, struct http_response *res, int status,
			     const struct err *refused)
{
	struct introduction *x;
	struct err e;
	int rc = intro_get(req->app->db, req->who, http_path_param(req, "id"), req->arena, &x, &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	struct person_match *matches = NULL;
	size_t match_count = 0;
	if (!x->person_id && !intro_status_final(x->status)) {
		rc = person_matches(req->app->db, req->who, x->in.person_name, x->in.postcode,
				    x->in.person_phone, x->in.person_email, req->arena, &matches,
				    &match_count, &e);
		if (rc < 0)
			return http_send_result(req, res, rc, &e, NULL);
	}
	const char *today = today_text(req->arena);
	struct date due;
	date_parse(x->due_on, &due);
	struct sb page;
	sb_init(&page, req->arena, PAGE_MAX_BYTES);
	page_begin(req, &page, refused ? "Error: Introduction" : "Introduction");
	if (refused)
		form_errors_summary(&page, refused, NULL, 0, "status");
	html_printf(&page, "<span class=\"govuk-caption-l\">Introduction · %s</span>\n"
			   "<h1 class=\"govuk-heading-l\">%s</h1>\n<p class=\"govuk-body\">",
		    intro_status_words(x->status), x->in.person_name);
	tags(&page, req->arena, x, today);
	html_printf(&page, "</p>\n");
	if (strcmp(x->in.person_knows, "yes") != 0)
		html_printf(&page, "<div class=\"govuk-warning-text\"><span class=\"govuk-warning-text__icon\" "
				   "aria-hidden=\"true\">!</span><strong class=\"govuk-warning-text__text\">"
				   "<span class=\"govuk-visually-hidden\">Warning</span> %s does not know about "
				   "this introduction yet. Do not contact them until whoever introduced them "
				   "has settled it with them.</strong></div>\n",
			    x->in.person_name);
	if (x->in.urgent)
		html_printf(&page, "<div class=\"govuk-inset-text\">Marked urgent. Local Area "
				   "Coordination is not a crisis service: %s%s</div>\n",
			    x->in.other_service ? "the other service suggested was " : "no other "
			    "service has been recorded yet.", x->in.other_service ? x->in.other_service : "");
	if (strcmp(x->placement, "covered") != 0)
		html_printf(&page, "<div class=\"govuk-inset-text\">The postcode is %s, %ld metres "
				   "from %s. It has come to this area's coordinator to decide: take it "
				   "on, or say what you suggested and mark it outside the area.</div>\n",
			    strcmp(x->placement, "near") == 0 ? "just outside the area" : "not in a covered area",
			    x->distance_m, staff_area_name(req, x->area_id));
	html_printf(&page, "<dl class=\"govuk-summary-list\">\n");
	row(&page, "Due by", page_long_date(req->arena, due));
	struct cover_note *notes;
	size_t note_count;
	if (cover_notes(req, today, &notes, &note_count) < 0)
		return -1;
	const struct cover_note *cover = cover_note_for(notes, note_count, x->area_id);
	row(&page, "Area", cover ? arena_printf(req->arena, "%s (you are covering%s)",
					       staff_area_name(req, x->area_id),
					       cover_words(req->arena, cover))
				 : staff_area_name(req, x->area_id));
	if (x->in.person_phone) {
		html_printf(&page, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">"
				   "Phone</dt><dd class=\"govuk-summary-list__value\">");
		phone_links(&page, req->arena, x->in.person_phone);
		html_printf(&page, "</dd></div>\n");
	}
	row(&page, "Email", x->in.person_email);
	row(&page, "Other way to reach them", x->in.person_other_contact);
	row(&page, "When to get in touch", x->in.contact_when);
	row(&page, "Postcode", x->in.postcode);
	row(&page, "Where to meet", x->in.best_place_to_meet);
	row(&page, "Background", x->in.background);
	row(&page, "Introduced by", strcmp(x->in.introduced_by, "self") == 0 ? "Themselves"
				    : x->in.introducer_name);
	row(&page, "Introducer's organisation", x->in.introducer_organisation);
	if (x->in.introducer_phone) {
		html_printf(&page, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">"
				   "Introducer's phone</dt><dd class=\"govuk-summary-list__value\">");
		phone_links(&page, req->arena, x->in.introducer_phone);
		html_printf(&page, "</dd></div>\n");
	}
	row(&page, "Introducer's email", x->in.introducer_email);
	row(&page, "Came by", channel_label(x->in.channel));
	row(&page, "Arrived", date_uk_when(req->arena, x->received_at));
	html_printf(&page, "</dl>\n");
	const char *csrf = req->who->session->csrf_token;
	if (x->person_id)
		html_printf(&page, "<p class=\"govuk-body\">%s<a class=\"govuk-link\" "
				   "href=\"/staff/people/%s\">Go to their page</a></p>\n",
			    intro_status_final(x->status) ? "" : "Someone already known. ", x->person_id);
	introduction_matches(&page, x, matches, match_count, csrf);
	if (strcmp(x->in.person_knows, "yes") != 0)
		html_printf(&page, "<form method=\"post\" action=\"/staff/introductions/%s/person-knows\">"
				   "<input type=\"hidden\" name=\"csrf_token\" value=\"%s\">"
				   "<input type=\"hidden\" name=\"person_knows\" value=\"yes\">"
				   "<button type=\"submit\" class=\"govuk-button govuk-button--secondary\" "
				   "data-module=\"govuk-button\">They know now, and would like to talk</button>"
				   "</form>\n",
			    x->id, csrf);
	if (!intro_status_final(x->status)) {
		html_printf(&page, "<form method=\"post\" action=\"/staff/introductions/%s/status\" novalidate>\n"
				   "<input type=\"hidden\" name=\"csrf_token\" value=\"%s\">\n",
			    x->id, csrf);
		form_radios(&page, "status", "What has happened?", NULL, next_steps,
			    sizeof next_steps / sizeof next_steps[0], http_form(req, "status"),
			    form_errors_for(refused, "status"));
		static const struct form_field note = {"note", "Note", "What you suggested, or "
						       "anything the next person should know",
						       "text", "off", ""};
		form_text_field(&page, &note, http_form(req, "note"), form_errors_for(refused, "note"));
		html_printf(&page, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">"
				   "Save</button>\n</form>\n");
	}
	html_printf(&page, "<h2 class=\"govuk-heading-m\">History</h2>\n<ol class=\"govuk-list\">\n");
	for (size_t i = 0; i < x->history_count; i++) {
		const struct intro_history_entry *h = &x->history[i];
		html_printf(&page, "<li><strong>%s</strong> · %s · %s%s%s</li>\n",
			    intro_status_words(h->status), date_uk_when(req->arena, h->at),
			    h->name ? h->name
			    : strcmp(x->in.channel, "web") == 0 ? "Sent from the public website"
								: "The command line",
			    h->note ? " · " : "", h->note ? h->note : "");
	}
	html_printf(&page, "</ol>\n<p class=\"govuk-body\"><a class=\"govuk-link\" "
			   "href=\"/staff/introductions\">Back to introductions</a></p>\n");
	page_end(req, &page);
	return http_send_html(req, res, status, &page);
}

int web_introduction(struct http_request *req, struct http_response *res)
{
	return introduction_page(req, res, 200, NULL);
}

/* A change from the introduction's page: back to it, or it again with
 * the problems named. */
static int change(struct http_request *req, struct http_response *res,
		  const struct intro_change *change)
{
	const char *id = http_path_param(req, "id");
	struct err e;
	int rc = intro_update(req->app->db, req->who, id, change, &e);
	/* The page asks whether they know with one button, not a question:
	 * a refusal over it belongs to the choice that met it. */
	static const char *const names[][2] = {{"person_knows", "status"}};
	if (change->status)
		form_rename_fields(&e, names, 1);
	/* Someone else's change first is shown like a problem with the form:
	 * the page, as it now is, with what happened. */
	if (rc == RESULT_CONFLICT)
		return introduction_page(req, res, 409, &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, introduction_page);
	return http_redirect(res, arena_printf(req->arena, "/staff/introductions/%s", id));
}

int web_introduction_status(struct http_request *req, struct http_response *res)
{
	struct intro_change c = {NULL, http_form_text(req, "status"), http_form_text(req, "note")};
	if (!c.status) {
		struct err e = {0};
		err_field(&e, "status", "Choose what has happened");
		return http_send_result(req, res, RESULT_INVALID, &e, introduction_page);
	}
	return change(req, res, &c);
}

int web_introduction_person_knows(struct http_request *req, struct http_response *res)
{
	struct intro_change c = {http_form_text(req, "person_knows"), NULL, NULL};
	return change(req, res, &c);
}

int web_introduction_link_person(struct http_request *req, struct http_response *res)
{
	const char *id = http_path_param(req, "id");
	struct err e;
	int rc = intro_link_person(req->app->db, req->who, id, http_form_text(req, "person_id"), &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, introduction_page);
	return http_redirect(res, arena_printf(req->arena, "/staff/introductions/%s", id));
}

static const struct form_date leave_fields[] = {
	{"starts_on", "First day away", "For example, 21 12 2026", false, true},
	{"ends_on", "Last day away", "For example, 1 1 2027", false, true},
};
static const struct form_date cover_fields[] = {
	{"starts_on", "First day", "For example, 21 12 2026", false, true},
	{"ends_on", "Last day", "For example, 1 1 2027", false, true},
};

/* A coordinator's own leave: what is recorded, and a form to add more. */
static int leave_page(struct http_request *req, struct http_response *res, int status,
		      const struct err *refused)
{
	struct leave *list;
	size_t count;
	const char *today = today_text(req->arena);
	struct err e;
	int rc = leave_list(req->app->db, req->who, req->who->user->id, today, req->arena, &list,
			    &count, &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	struct sb page;
	sb_init(&page, req->arena, PAGE_MAX_BYTES);
	page_begin(req, &page, refused ? "Error: Your leave" : "Your leave");
	html_printf(&page, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n");
	if (refused)
		form_errors_summary(&page, refused, NULL, 0, "starts_on");
	html_printf(&page, "<h1 class=\"govuk-heading-l\">Your leave</h1>\n"
			   "<p class=\"govuk-body\">Introductions to your areas do not count "
			   "the days you are away, and a colleague covering your area sees them "
			   "meanwhile, once recorded as covering.</p>\n");
	if (count) {
		html_printf(&page, "<ul class=\"govuk-list govuk-list--bullet\">\n");
		for (size_t i = 0; i < count; i++) {
			struct date first, last;
			date_parse(list[i].starts_on, &first);
			date_parse(list[i].ends_on, &last);
			html_printf(&page, "<li>%s to %s</li>\n", page_long_date(req->arena, first),
				    page_long_date(req->arena, last));
		}
		html_printf(&page, "</ul>\n");
	} else {
		html_printf(&page, "<p class=\"govuk-body\">No leave to come is recorded.</p>\n");
	}
	html_printf(&page, "<h2 class=\"govuk-heading-m\">Add leave</h2>\n"
			   "<form method=\"post\" action=\"/staff/leave\" novalidate>\n"
			   "<input type=\"hidden\" name=\"csrf_token\" value=\"%s\">\n",
		    req->who->session->csrf_token);
	for (size_t i = 0; i < 2; i++)
		form_date_input(&page, req, &leave_fields[i], NULL,
				form_errors_for(refused, leave_fields[i].name));
	html_printf(&page, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">"
			   "Add leave</button>\n</form>\n</div></div>\n");
	page_end(req, &page);
	return http_send_html(req, res, status, &page);
}

int web_leave(struct http_request *req, struct http_response *res)
{
	if (!access_has_role(req->who, USER_COORDINATOR))
		return http_send_error(req, res, 403, "forbidden",
				       "Leave is recorded for coordinators.");
	return leave_page(req, res, 200, NULL);
}

int web_add_leave(struct http_request *req, struct http_response *res)
{
	if (!access_has_role(req->who, USER_COORDINATOR))
		return http_send_error(req, res, 403, "forbidden",
				       "Leave is recorded for coordinators.");
	struct err e, dates = {0};
	const char *days[2];
	for (int i = 0; i < 2; i++)
		form_date_read(req, &leave_fields[i], &days[i], &dates);
	char id[ID_HEX_LEN + 1];
	int rc = leave_add(req->app->db, req->who, req->who->user->id, days[0], days[1], id, &e);
	if (rc == RESULT_INVALID)
		form_date_problems(&e, &dates, NULL, 0);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, leave_page);
	return http_redirect(res, "/staff/leave");
}

/* " selected" for the option a form sent back was set to. */
static const char *chosen(const struct http_request *req, const char *field, const char *value)
{
	const char *sent = http_form(req, field);
	return sent && strcmp(sent, value) == 0 ? " selected" : "";
}

/* Cover in a team leader's areas: who covers where, and a form to record
 * more (while a coordinator is on leave, say). */
static int cover_page(struct http_request *req, struct http_response *res, int status,
		      const struct err *refused)
{
	const struct user *leader = req->who->user;
	const char *today = today_text(req->arena);
	struct user *users;
	size_t user_count;
	if (user_list(req->app->db, req->arena, &users, &user_count, &req->err) < 0)
		return -1;
	struct sb page;
	sb_init(&page, req->arena, PAGE_MAX_BYTES);
	page_begin(req, &page, refused ? "Error: Cover in your team" : "Cover in your team");
	html_printf(&page, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n");
	if (refused)
		form_errors_summary(&page, refused, NULL, 0, "user");
	html_printf(&page, "<h1 class=\"govuk-heading-l\">Cover in your team</h1>\n"
			   "<p class=\"govuk-body\">While it lasts, the covering coordinator sees "
			   "the area's introductions in their inbox, as its own coordinator does.</p>\n");
	size_t shown = 0;
	for (size_t a = 0; a < leader->team_area_count; a++) {
		struct cover *list;
		size_t count;
		if (user_cover_list(req->app->db, req->arena, leader->team_areas[a], today, &list,
				    &count, &req->err) < 0)
			return -1;
		for (size_t i = 0; i < count; i++, shown++) {
			struct date first, last;
			date_parse(list[i].starts_on, &first);
			date_parse(list[i].ends_on, &last);
			if (!shown)
				html_printf(&page, "<ul class=\"govuk-list govuk-list--bullet\">\n");
			html_printf(&page, "<li>%s covers %s from %s to %s</li>\n",
				    list[i].display_name, staff_area_name(req, list[i].area_id),
				    page_long_date(req->arena, first), page_long_date(req->arena, last));
		}
	}
	if (shown)
		html_printf(&page, "</ul>\n");
	else
		html_printf(&page, "<p class=\"govuk-body\">No cover to come is recorded.</p>\n");
	html_printf(&page, "<h2 class=\"govuk-heading-m\">Record cover</h2>\n"
			   "<form method=\"post\" action=\"/team/cover\" novalidate>\n"
			   "<input type=\"hidden\" name=\"csrf_token\" value=\"%s\">\n"
			   "<div class=\"govuk-form-group\"><label class=\"govuk-label\" for=\"user\">"
			   "Coordinator covering</label><select class=\"govuk-select\" id=\"user\" name=\"user\">\n",
		    req->who->session->csrf_token);
	for (size_t u = 0; u < user_count; u++)
		if ((users[u].roles & USER_COORDINATOR) && !users[u].disabled)
			html_printf(&page, "<option value=\"%s\"%s>%s</option>\n", users[u].id,
				    chosen(req, "user", users[u].id),
				    users[u].display_name);
	html_printf(&page, "</select></div>\n<div class=\"govuk-form-group\"><label class=\"govuk-label\" "
			   "for=\"area\">Area</label><select class=\"govuk-select\" id=\"area\" name=\"area\">\n");
	for (size_t a = 0; a < leader->team_area_count; a++)
		html_printf(&page, "<option value=\"%s\"%s>%s</option>\n", leader->team_areas[a],
			    chosen(req, "area", leader->team_areas[a]),
			    staff_area_name(req, leader->team_areas[a]));
	html_printf(&page, "</select></div>\n");
	for (size_t i = 0; i < 2; i++)
		form_date_input(&page, req, &cover_fields[i], NULL,
				form_errors_for(refused, cover_fields[i].name));
	html_printf(&page, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">"
			   "Record cover</button>\n</form>\n</div></div>\n");
	page_end(req, &page);
	return http_send_html(req, res, status, &page);
}

int web_team_cover(struct http_request *req, struct http_response *res)
{
	return cover_page(req, res, 200, NULL);
}

int web_add_team_cover(struct http_request *req, struct http_response *res)
{
	struct err e, dates = {0};
	const char *days[2];
	for (int i = 0; i < 2; i++)
		form_date_read(req, &cover_fields[i], &days[i], &dates);
	char id[ID_HEX_LEN + 1];
	int rc = user_add_cover(req->app->db, req->who, http_form_text(req, "user"),
				http_form_text(req, "area"), days[0], days[1], id, &e);
	if (rc == RESULT_INVALID)
		form_date_problems(&e, &dates, NULL, 0);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, cover_page);
	return http_redirect(res, "/team/cover");
}
