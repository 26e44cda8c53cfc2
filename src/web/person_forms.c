/* The forms that write a person's record: a new person (offering the
 * people already known who may be them first), their details, and what
 * matters to them with their gifts and tags.  Each form is drawn again at
 * 422 with every problem beside its field, and the edits carry the
 * version they were read at, so a colleague's change is never lost. */
#include "core/arena.h"
#include "core/config.h"
#include "core/names.h"
#include "core/sb.h"
#include "domain/areas/lookup.h"
#include "domain/people/involvement.h"
#include "domain/people/person.h"
#include "domain/staff/access.h"
#include "domain/staff/user.h"
#include "http/app.h"
#include "http/auth.h"
#include "http/http.h"
#include "web/form.h"
#include "web/html.h"
#include "web/pages.h"
#include "web/people.h"

#include <stdlib.h>
#include <string.h>

static struct person_settings settings(struct http_request *req, struct lookup_context *lookup)
{
	*lookup = (struct lookup_context){req->app->db, req->map, req->app->config->near_metres,
					  req->postcodes};
	return (struct person_settings){req->app->db, lookup};
}

static bool posted(const struct http_request *req)
{
	return strcmp(req->method, "POST") == 0;
}

/* What the form sent when it is drawn again, else what is stored. */
static const char *shown(const struct http_request *req, const char *field, const char *stored)
{
	return posted(req) ? http_form(req, field) : stored;
}

/* The details a person has, and how to reach them: the new person's form
 * and the details form alike. */
static const struct form_field detail_fields[] = {
	{"name", "Their name", NULL, "text", "off", ""},
	{"preferred_name", "The name they like to be called", "If not their name", "text", "off", ""},
	{"phone", "Phone", NULL, "tel", "off", "govuk-input--width-20"},
	{"email", "Email", NULL, "email", "off", ""},
	{"other_contact", "Another way to reach them", "A friend's number, Facebook, a "
	 "drop-in they go to", "text", "off", ""},
	{"contact_when", "When and how they like to be contacted", "Like: texts, not calls; "
	 "after 10 in the morning", "text", "off", ""},
	{"best_place_to_meet", "Where they like to meet", "Like: the library café", "text",
	 "off", ""},
	{"postcode", "Postcode", "Sets their area", "text", "off", "govuk-input--width-10"},
};
#define DETAIL_FIELD_COUNT (sizeof detail_fields / sizeof detail_fields[0])

static void detail_inputs(struct http_request *req, struct sb *page, const struct err *e,
			  const char *const stored[DETAIL_FIELD_COUNT])
{
	for (size_t i = 0; i < DETAIL_FIELD_COUNT; i++)
		form_text_field(page, &detail_fields[i],
				shown(req, detail_fields[i].name, stored ? stored[i] : NULL),
				form_errors_for(e, detail_fields[i].name));
}

/* Where the domain names a field otherwise than the form does. */
static const char *const field_names[][2] = {
	{"start.kind", "kind"},
	{"start.started_on", "started_on"},
	{"start.area_id", "area_id"},
	{"area", "area_id"},
	{"coordinator", "coordinator_id"},
	{"household_involvement_id", "household"},
};

static struct err *renamed(struct http_request *req, const struct err *refused)
{
	if (!refused)
		return NULL;
	struct err *e = arena_alloc(req->arena, sizeof *e);
	err_copy(e, refused);
	form_rename_fields(e, field_names, sizeof field_names / sizeof field_names[0]);
	return e;
}

/* A select of the caller's areas, for someone who works more than one:
 * the postcode sets the area otherwise. */
static void area_select(struct http_request *req, struct sb *page, const struct err *e)
{
	const char **areas;
	size_t count = access_casework_areas(req->who, req->arena, &areas);
	if (count < 2)
		return;
	const char *error = form_errors_for(e, "area_id");
	const char *chosen = http_form(req, "area_id");
	html_printf(page, "<div class=\"govuk-form-group%s\"><label class=\"govuk-label\" for=\"area_id\">"
			  "Area</label><div id=\"area_id-hint\" class=\"govuk-hint\">When their "
			  "postcode does not say</div>\n",
		    error ? " govuk-form-group--error" : "");
	people_error(page, "area_id", error);
	html_printf(page, "<select class=\"govuk-select\" id=\"area_id\" name=\"area_id\" "
			  "aria-describedby=\"area_id-hint%s\">\n<option value=\"\">From their postcode</option>\n",
		    error ? " area_id-error" : "");
	for (size_t i = 0; i < count; i++)
		html_printf(page, "<option value=\"%s\"%s>%s</option>\n", areas[i],
			    chosen && strcmp(chosen, areas[i]) == 0 ? " selected" : "",
			    staff_area_name(req, areas[i]));
	html_printf(page, "</select></div>\n");
}

/* The family or household the new person joins (the query's, or the
 * form's when it is drawn again), or *v NULL for none.  One out of reach
 * is not found, as everywhere. */
static int household(struct http_request *req, struct involvement **v, struct err *e)
{
	*v = NULL;
	const char *id = posted(req) ? http_form_text(req, "household")
				     : http_query(req, "household");
	if (!id || !*id)
		return RESULT_OK;
	return involvement_get(req->app->db, req->who, id, req->arena, v, e);
}

/* Whose family or household they join: "A", "A and B", "A, B and C". */
static void household_names(struct sb *page, const struct involvement *v)
{
	for (size_t i = 0; i < v->person_count; i++)
		html_printf(page, "%s%s", i == 0 ? "" : i + 1 == v->person_count ? " and " : ", ",
			    v->person_names[i]);
}

/* The new person's form; with matches, the people already known who may
 * be them, above a form that now says they are someone new.  Someone
 * joining a family's or household's involvement is asked no kind or
 * start: they share theirs. */
static int new_page(struct http_request *req, struct http_response *res, int status,
		    const struct err *refused, const struct person_match *matches, size_t count)
{
	struct err *e = renamed(req, refused);
	struct involvement *family;
	struct err got;
	int rc = household(req, &family, &got);
	if (rc < 0)
		return http_send_result(req, res, rc, &got, NULL);
	const char *title = family ? "Someone from their family or household" : "A new person";
	struct sb page;
	sb_init(&page, req->arena, PAGE_MAX_BYTES);
	page_begin(req, &page, e ? arena_printf(req->arena, "Error: %s", title)
			       : count ? "Is this someone you already know?" : title);
	html_printf(&page, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n");
	if (e)
		form_errors_summary(&page, e, NULL, 0, "name");
	if (count) {
		html_printf(&page, "<h1 class=\"govuk-heading-l\">Is this someone you already know?</h1>\n"
				   "<p class=\"govuk-body\">These people have the same details. If it is "
				   "one of them, open their page: their record carries on there, and "
				   "you can log their return.</p>\n<ul class=\"govuk-list app-matches\">\n");
		for (size_t i = 0; i < count; i++)
			html_printf(&page, "<li><a class=\"govuk-link\" href=\"/staff/people/%s\">%s%s%s%s</a>"
					   " · %s · %s</li>\n",
				    matches[i].id, matches[i].name,
				    matches[i].preferred_name ? " (" : "",
				    matches[i].preferred_name ? matches[i].preferred_name : "",
				    matches[i].preferred_name ? ")" : "",
				    matches[i].postcode ? matches[i].postcode : "no postcode",
				    matches[i].why);
		html_printf(&page, "</ul>\n<h2 class=\"govuk-heading-m\">Or add them as someone new</h2>\n");
	} else {
		html_printf(&page, "<h1 class=\"govuk-heading-l\">%s</h1>\n", title);
	}
	if (family) {
		const char *error = form_errors_for(e, "household");
		html_printf(&page, "<div id=\"household\" class=\"govuk-inset-text\">");
		people_error(&page, "household", error);
		html_printf(&page, "<p class=\"govuk-body\">They join the family or household of ");
		household_names(&page, family);
		html_printf(&page, ", and share their involvement (%s): it counts once.</p></div>\n",
			    people_kind_label(family->kind));
	}
	html_printf(&page, "<form method=\"post\" action=\"/staff/people\" novalidate>\n");
	people_csrf(req, &page);
	if (count)
		html_printf(&page, "<input type=\"hidden\" name=\"confirm\" value=\"yes\">\n");
	detail_inputs(req, &page, e, NULL);
	page_privacy_note(&page, PAGE_PRIVACY_STAFF);
	if (family) {
		html_printf(&page, "<input type=\"hidden\" name=\"household\" value=\"%s\">\n"
				   "<button type=\"submit\" class=\"govuk-button\" "
				   "data-module=\"govuk-button\">%s</button>\n</form>\n</div></div>\n",
			    family->id, count ? "No, this is someone new" : "Add them");
		page_end(req, &page);
		return http_send_html(req, res, status, &page);
	}
	area_select(req, &page, e);
	const char *kind = http_form(req, "kind");
	form_radios(&page, "kind", "How are you involved?", NULL, people_kind_options, 2,
		    kind ? kind : "walking_alongside", form_errors_for(e, "kind"));
	form_date_input(&page, req, &people_started_on, people_today(req->arena),
			form_errors_for(e, "started_on"));
	html_printf(&page, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">"
			   "%s</button>\n</form>\n</div></div>\n",
		    count ? "No, this is someone new" : "Add them");
	page_end(req, &page);
	return http_send_html(req, res, status, &page);
}

static int new_form_page(struct http_request *req, struct http_response *res, int status,
			 const struct err *refused)
{
	return new_page(req, res, status, refused, NULL, 0);
}

int web_person_new(struct http_request *req, struct http_response *res)
{
	return new_page(req, res, 200, NULL, NULL, 0);
}

int web_person_create(struct http_request *req, struct http_response *res)
{
	struct err e;
	struct person_input in = {
		.name = http_form_text(req, "name"),
		.preferred_name = http_form_text(req, "preferred_name"),
		.phone = http_form_text(req, "phone"),
		.email = http_form_text(req, "email"),
		.other_contact = http_form_text(req, "other_contact"),
		.contact_when = http_form_text(req, "contact_when"),
		.best_place_to_meet = http_form_text(req, "best_place_to_meet"),
		.postcode = http_form_text(req, "postcode"),
	};
	if (!http_form_text(req, "confirm")) {
		struct person_match *matches;
		size_t count;
		int rc = person_matches(req->app->db, req->who, in.name, in.postcode, in.phone,
					in.email, req->arena, &matches, &count, &e);
		if (rc < 0)
			return http_send_result(req, res, rc, &e, new_form_page);
		if (count)
			return new_page(req, res, 200, NULL, matches, count);
	}
	const char *started_on;
	struct err dates = {0};
	form_date_read(req, &people_started_on, &started_on, &dates);
	struct person_start start = {
		.kind = http_form_text(req, "kind"),
		.started_on = started_on,
		.area_id = http_form_text(req, "area_id"),
		.household_involvement_id = http_form_text(req, "household"),
	};
	struct lookup_context lookup;
	struct person_settings s = settings(req, &lookup);
	struct person *p;
	int rc = person_create(&s, req->who, &in, &start, req->arena, &p, &e);
	static const char *const start_names[][2] = {{"start.started_on", "started_on"}};
	if (rc == RESULT_INVALID)
		form_date_problems(&e, &dates, start_names, 1);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, new_form_page);
	return http_redirect(res, arena_printf(req->arena, "/staff/people/%s", p->id));
}

/* The version the form was read at: the stored one, except when a form
 * with a problem is drawn again, which keeps the one it was read at. */
static long form_version(const struct http_request *req, int status, const struct person *p)
{
	const char *sent = http_form(req, "version");
	return status == HTTP_STATUS_INVALID && sent ? strtol(sent, NULL, 10) : p->version;
}

/* The top of an edit form: the person, the problems, the heading. */
static int edit_begin(struct http_request *req, struct http_response *res, struct sb *page,
		      const char *title, const char *path, const struct err *e,
		      const char *first, struct person **p)
{
	struct err got;
	int rc = person_get(req->app->db, req->who, http_path_param(req, "id"), req->arena, p,
			    &got);
	if (rc < 0)
		return http_send_result(req, res, rc, &got, NULL);
	sb_init(page, req->arena, PAGE_MAX_BYTES);
	page_begin(req, page, e ? arena_printf(req->arena, "Error: %s", title) : title);
	html_printf(page, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n");
	if (e)
		form_errors_summary(page, e, NULL, 0, first);
	html_printf(page, "<span class=\"govuk-caption-l\">%s</span>\n<h1 class=\"govuk-heading-l\">%s</h1>\n"
			  "<form method=\"post\" action=\"/staff/people/%s/%s\" novalidate>\n",
		    (*p)->name, title, (*p)->id, path);
	people_csrf(req, page);
	return 1;
}

static int edit_end(struct http_request *req, struct http_response *res, struct sb *page,
		    int status, const struct person *p)
{
	page_privacy_note(page, PAGE_PRIVACY_STAFF);
	html_printf(page, "<input type=\"hidden\" name=\"version\" value=\"%ld\">\n"
			  "<div class=\"govuk-button-group\"><button type=\"submit\" class=\"govuk-button\" "
			  "data-module=\"govuk-button\">Save</button>\n<a class=\"govuk-link\" "
			  "href=\"/staff/people/%s\">Back to %s</a></div>\n</form>\n</div></div>\n",
		    form_version(req, status, p), p->id, p->name);
	page_end(req, page);
	return http_send_html(req, res, status, page);
}

/* Coordinators who may be the person's, the current one first chosen. */
static int coordinator_select(struct http_request *req, struct sb *page, const struct person *p,
			      const struct err *e)
{
	struct user *users;
	size_t count;
	if (user_list(req->app->db, req->arena, &users, &count, &req->err) < 0)
		return -1;
	const char *chosen = shown(req, "coordinator_id", p->coordinator_id);
	const char *error = form_errors_for(e, "coordinator_id");
	html_printf(page, "<div class=\"govuk-form-group%s\"><label class=\"govuk-label\" "
			  "for=\"coordinator_id\">Coordinator</label>\n",
		    error ? " govuk-form-group--error" : "");
	people_error(page, "coordinator_id", error);
	html_printf(page, "<select class=\"govuk-select\" id=\"coordinator_id\" name=\"coordinator_id\"%s>\n",
		    error ? " aria-describedby=\"coordinator_id-error\"" : "");
	if (!p->coordinator_id)
		html_printf(page, "<option value=\"\">Not set</option>\n");
	for (size_t i = 0; i < count; i++)
		if ((users[i].roles & USER_COORDINATOR) && !users[i].disabled)
			html_printf(page, "<option value=\"%s\"%s>%s</option>\n", users[i].id,
				    chosen && strcmp(chosen, users[i].id) == 0 ? " selected" : "",
				    users[i].display_name);
	html_printf(page, "</select></div>\n");
	return 0;
}

static int details_page(struct http_request *req, struct http_response *res, int status,
			const struct err *refused)
{
	struct err *e = renamed(req, refused);
	struct sb page;
	struct person *p;
	int rc = edit_begin(req, res, &page, "Their details", "details", e, "name", &p);
	if (rc <= 0)
		return rc;
	const char *const stored[DETAIL_FIELD_COUNT] = {
		p->name, p->preferred_name, p->phone, p->email, p->other_contact,
		p->contact_when, p->best_place_to_meet, p->postcode,
	};
	detail_inputs(req, &page, e, stored);
	if (coordinator_select(req, &page, p, e) < 0)
		return -1;
	return edit_end(req, res, &page, status, p);
}

int web_person_details_form(struct http_request *req, struct http_response *res)
{
	return details_page(req, res, 200, NULL);
}

/* Saves a change at the version the form was read at: back to the
 * person, or the form again.  A change someone else made first is shown
 * like a problem with the form: as the record now is underneath, with
 * what was typed and what happened. */
static int save(struct http_request *req, struct http_response *res,
		const struct person_input *in, http_form_page page)
{
	struct lookup_context lookup;
	struct person_settings s = settings(req, &lookup);
	struct err e;
	const char *id = http_path_param(req, "id");
	int rc = person_update(&s, req->who, id, strtol(http_form(req, "version"), NULL, 10), in,
			       &e);
	if (rc == RESULT_CONFLICT) {
		struct err why = {0};
		err_field(&why, NULL, "Someone else changed this record while you were writing. "
			  "Check what it says now and save again.");
		return page(req, res, 409, &why);
	}
	if (rc < 0)
		return http_send_result(req, res, rc, &e, page);
	return http_redirect(res, arena_printf(req->arena, "/staff/people/%s", id));
}

int web_person_details(struct http_request *req, struct http_response *res)
{
	/* An empty field clears what was stored: "" rather than NULL. */
	struct person_input in = {
		.name = http_form(req, "name"),
		.preferred_name = http_form(req, "preferred_name"),
		.phone = http_form(req, "phone"),
		.email = http_form(req, "email"),
		.other_contact = http_form(req, "other_contact"),
		.contact_when = http_form(req, "contact_when"),
		.best_place_to_meet = http_form(req, "best_place_to_meet"),
		.postcode = http_form(req, "postcode"),
		.coordinator_id = http_form_text(req, "coordinator_id"),
	};
	return save(req, res, &in, details_page);
}

/* The team's tags as checkboxes, those the person has (or the form sent)
 * ticked, and a field for new ones. */
static int tag_inputs(struct http_request *req, struct sb *page, const struct person *p,
		      const struct err *e)
{
	const char **names;
	size_t count;
	struct err got;
	if (person_tag_list(req->app->db, req->arena, &names, &count, &got) < 0) {
		err_copy(&req->err, &got);
		return -1;
	}
	size_t ticked_count = p->tag_count;
	const char *const *ticked = p->tags;
	if (posted(req))
		ticked = http_form_all(req, "tags", &ticked_count);
	const char *error = form_errors_for(e, "tags");
	html_printf(page, "<div class=\"govuk-form-group%s\"><fieldset class=\"govuk-fieldset\" "
			  "aria-describedby=\"tags-hint%s\">\n<legend class=\"govuk-fieldset__legend "
			  "govuk-fieldset__legend--s\">Tags</legend>\n<div id=\"tags-hint\" class=\"govuk-hint\">"
			  "From the team's list, which the community directory shares</div>\n",
		    error ? " govuk-form-group--error" : "", error ? " tags-error" : "");
	people_error(page, "tags", error);
	html_printf(page, "<div class=\"govuk-checkboxes govuk-checkboxes--small\" data-module=\"govuk-checkboxes\">\n");
	for (size_t i = 0; i < count; i++) {
		const char *id = i ? arena_printf(req->arena, "tags-%zu", i) : "tags";
		html_printf(page, "<div class=\"govuk-checkboxes__item\"><input class=\"govuk-checkboxes__input\" "
				  "id=\"%s\" name=\"tags\" type=\"checkbox\" value=\"%s\"%s>"
				  "<label class=\"govuk-label govuk-checkboxes__label\" for=\"%s\">%s</label></div>\n",
			    id, names[i], names_contain(ticked, ticked_count, names[i]) ? " checked" : "", id,
			    names[i]);
	}
	html_printf(page, "</div>\n");
	static const struct form_field more = {"new_tags", "New tags", "Separated by commas: "
					       "like gardening, baking", "text", "off", ""};
	form_text_field(page, &more, posted(req) ? http_form(req, "new_tags") : NULL, NULL);
	html_printf(page, "</fieldset></div>\n");
	return 0;
}

static int matters_page(struct http_request *req, struct http_response *res, int status,
			const struct err *refused)
{
	struct err *e = renamed(req, refused);
	struct sb page;
	struct person *p;
	int rc = edit_begin(req, res, &page, "What matters to them", "what-matters", e,
			    "what_matters", &p);
	if (rc <= 0)
		return rc;
	html_printf(&page, "<p class=\"govuk-body\">In their words, as they said it.</p>\n");
	static const char *const words[][3] = {
		{"what_matters", "What matters to them", NULL},
		{"good_life", "Their picture of a good life", NULL},
		{"hopes", "What they hope for", NULL},
		{"gifts", "Their gifts, skills, strengths and interests", "What they are good at, "
		 "what they care about, what they enjoy"},
		{"would_offer", "What they would like to offer others", NULL},
	};
	const char *const stored[] = {p->what_matters, p->good_life, p->hopes, p->gifts,
				      p->would_offer};
	for (size_t i = 0; i < 5; i++) {
		people_textarea(&page, words[i][0], words[i][1], words[i][2],
				shown(req, words[i][0], stored[i]), form_errors_for(e, words[i][0]));
		if (i == 3 && tag_inputs(req, &page, p, e) < 0)
			return -1;
	}
	return edit_end(req, res, &page, status, p);
}

int web_person_matters_form(struct http_request *req, struct http_response *res)
{
	return matters_page(req, res, 200, NULL);
}

/* The tags ticked and those typed, separated by commas, as one list. */
static const char *const *tags_sent(struct http_request *req, size_t *count)
{
	size_t ticked_count;
	const char **ticked = http_form_all(req, "tags", &ticked_count);
	const char *typed = http_form(req, "new_tags");
	size_t most = ticked_count + 1;
	for (const char *c = typed; c && *c; c++)
		most += *c == ',';
	const char **all = arena_alloc(req->arena, most * sizeof *all);
	size_t n = 0;
	for (size_t i = 0; i < ticked_count; i++)
		all[n++] = ticked[i];
	while (typed && *typed) {
		size_t len = strcspn(typed, ",");
		size_t start = strspn(typed, " \t");
		size_t end = len;
		while (end > start && (typed[end - 1] == ' ' || typed[end - 1] == '\t'))
			end--;
		if (start < end)
			all[n++] = arena_strndup(req->arena, typed + start, end - start);
		typed += len + (typed[len] == ',');
	}
	*count = n;
	return all;
}

int web_person_matters(struct http_request *req, struct http_response *res)
{
	struct person_input in = {
		.what_matters = http_form(req, "what_matters"),
		.good_life = http_form(req, "good_life"),
		.hopes = http_form(req, "hopes"),
		.gifts = http_form(req, "gifts"),
		.would_offer = http_form(req, "would_offer"),
	};
	in.tags = tags_sent(req, &in.tag_count);
	return save(req, res, &in, matters_page);
}
