/* A person's network pages: the latest picture with the same as a list
 * beside it, the form to draw it again (pre-filled from the last one, so
 * a coordinator moves people rather than typing them again), the picture
 * alone as SVG, and two pictures side by side with what changed in
 * words.  Printing is the page itself under @media print (web/src). */
#include "core/arena.h"
#include "core/date.h"
#include "core/err.h"
#include "core/sb.h"
#include "domain/people/conversation.h"
#include "domain/people/network.h"
#include "domain/staff/session.h"
#include "http/app.h"
#include "http/http.h"
#include "web/form.h"
#include "web/html.h"
#include "web/network_picture.h"
#include "web/pages.h"
#include "web/people.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

enum {
	EMPTY_ROWS = 3,  /* offered under the members already there */
	MORE_ROWS = 5,   /* added by "More rows" */
	FORM_ROWS_MAX = NETWORK_MEMBERS_MAX + MORE_ROWS,
};

/* The day a picture was drawn (web/form.h's date input). */
static const struct form_date taken_on_field = {
	"taken_on", "Drawn on", "The day you drew it together. For example, 27 3 2026", false,
	false};

static const char *network_url(struct arena *a, const char *person)
{
	return arena_printf(a, "/staff/people/%s/network", person);
}

/* Not found, in the API's words (api/network.c). */
static const char *possessive(struct arena *a, const char *name)
{
	return arena_printf(a, "%s\xe2\x80\x99s", name);
}

/* The picture the query names (`picture`), else the latest, NULL when
 * there is none yet; not found for a number that is not theirs. */
static int chosen(struct http_request *req, const struct network *n,
		  const struct network_picture **out, struct err *e)
{
	const char *want = http_query_filter(req, "picture");
	if (want)
		return network_numbered(n, want, out, e);
	*out = n->picture_count ? &n->pictures[n->picture_count - 1] : NULL;
	return RESULT_OK;
}

static void picture_facts(struct http_request *req, struct sb *page, const char *person,
			  const struct network_picture *p)
{
	html_printf(page, "<p class=\"govuk-body app-network-facts\">Drawn on %s with %s",
		    people_date(req->arena, p->taken_on),
		    p->created_by_name ? p->created_by_name : "the command line");
	if (p->conversation_id)
		html_printf(page, ", at <a class=\"govuk-link\" href=\"/staff/people/%s/conversations"
				  "#conversation-%s\">a conversation</a>",
			    person, p->conversation_id);
	html_printf(page, ".</p>\n");
	if (p->note && *p->note) {
		html_printf(page, "<div class=\"govuk-inset-text app-network-note\">");
		people_words(page, p->note);
		html_printf(page, "</div>\n");
	}
}

int web_network(struct http_request *req, struct http_response *res)
{
	const char *person = http_path_param(req, "id");
	struct network n;
	struct err e;
	int rc = network_get(req->app->db, req->who, person, req->arena, &n, &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	const struct network_picture *shown;
	rc = chosen(req, &n, &shown, &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	struct arena *a = req->arena;
	const char *title = arena_printf(a, "%s network", possessive(a, n.person_name));
	struct sb page;
	sb_init(&page, a, PAGE_MAX_BYTES);
	page_begin(req, &page, title);
	html_printf(&page, "<a class=\"govuk-back-link\" href=\"/staff/people/%s\">Back to %s</a>\n"
			   "<h1 class=\"govuk-heading-l\">%s</h1>\n",
		    person, n.person_name, title);
	if (!shown) {
		html_printf(&page, "<p class=\"govuk-body\">No picture of %s network yet.</p>\n"
				   "<p class=\"govuk-body\">Draw it with them, usually at the good-life "
				   "conversation: the people around them in four circles, from the "
				   "closest (the people they love and who love them) out to friends, "
				   "people they do things with, and people paid to be there. Later "
				   "pictures show how it changes.</p>\n"
				   "<a class=\"govuk-button\" data-module=\"govuk-button\" "
				   "href=\"%s/new\">Draw their network</a>\n",
			    possessive(a, n.person_name), network_url(a, person));
		page_end(req, &page);
		return http_send_html(req, res, 200, &page);
	}
	bool latest = shown == &n.pictures[n.picture_count - 1];
	html_printf(&page, "<h2 class=\"govuk-heading-m\">%s picture %ld</h2>\n",
		    latest ? "Their latest," : "Their", shown->number);
	picture_facts(req, &page, person, shown);
	html_printf(&page, "<div class=\"app-network\">\n<div class=\"app-network__picture\">\n");
	network_picture_svg(&page, n.person_name, shown);
	html_printf(&page, "<p class=\"govuk-body-s app-network__zoom app-no-print\"><a class=\"govuk-link\" "
			   "href=\"%s.svg?picture=%ld\">Open the picture on its own, to zoom in</a></p>\n"
			   "</div>\n<div class=\"app-network__list\">\n"
			   "<h2 class=\"govuk-heading-m\">Who is in the picture</h2>\n",
		    network_url(a, person), shown->number);
	network_picture_list_html(&page, shown, NULL, 0);
	html_printf(&page, "</div>\n</div>\n<div class=\"govuk-button-group app-no-print\">\n"
			   "<a class=\"govuk-button\" data-module=\"govuk-button\" href=\"%s/new\">"
			   "Draw their network again</a>\n",
		    network_url(a, person));
	if (n.picture_count >= 2)
		html_printf(&page, "<a class=\"govuk-button govuk-button--secondary\" "
				   "data-module=\"govuk-button\" href=\"%s/compare\">Compare first and "
				   "latest</a>\n",
			    network_url(a, person));
	html_printf(&page, "</div>\n");
	if (n.picture_count >= 2) {
		html_printf(&page, "<div class=\"app-no-print\"><h2 class=\"govuk-heading-m\">All their "
				   "pictures</h2>\n<ul class=\"govuk-list\">\n");
		for (size_t i = n.picture_count; i-- > 0;) {
			const struct network_picture *p = &n.pictures[i];
			const char *when = people_date(a, p->taken_on);
			if (p == shown)
				html_printf(&page, "<li>Picture %ld, %s (%zu people): shown above",
					    p->number, when, p->member_count);
			else
				html_printf(&page, "<li><a class=\"govuk-link\" href=\"%s?picture=%ld\">"
						   "Picture %ld, %s</a> (%zu people)",
					    network_url(a, person), p->number, p->number, when,
					    p->member_count);
			if (i + 1 < n.picture_count)
				html_printf(&page, " · <a class=\"govuk-link\" href=\"%s/compare?from=%ld\">"
						   "Compare picture %ld with the latest</a>",
					    network_url(a, person), p->number, p->number);
			html_printf(&page, "</li>\n");
		}
		html_printf(&page, "</ul></div>\n");
	}
	page_end(req, &page);
	return http_send_html(req, res, 200, &page);
}

int web_network_svg(struct http_request *req, struct http_response *res)
{
	struct network n;
	struct err e;
	int rc = network_get(req->app->db, req->who, http_path_param(req, "id"), req->arena, &n,
			     &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	const struct network_picture *p;
	rc = chosen(req, &n, &p, &e);
	if (rc == RESULT_OK && !p)
		rc = network_numbered(&n, NULL, &p, &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	struct sb out;
	sb_init(&out, req->arena, PAGE_MAX_BYTES);
	html_printf(&out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	network_picture_svg(&out, n.person_name, p);
	if (sb_failed(&out))
		return err_set(&req->err, "network picture larger than its builder allows");
	http_send_static(res, 200, "image/svg+xml; charset=utf-8", sb_str(&out), out.len);
	return 0;
}

int web_network_compare(struct http_request *req, struct http_response *res)
{
	const char *person = http_path_param(req, "id");
	struct network n;
	struct err e;
	int rc = network_get(req->app->db, req->who, person, req->arena, &n, &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	const struct network_picture *from, *to;
	rc = network_pair(&n, http_query_filter(req, "from"), http_query_filter(req, "to"), &from,
			  &to, &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	struct network_change *changes;
	size_t change_count;
	struct arena *a = req->arena;
	network_compare(from, to, a, &changes, &change_count);
	const char *title = arena_printf(a, "How %s network changed", possessive(a, n.person_name));
	struct sb page;
	sb_init(&page, a, PAGE_MAX_BYTES);
	page_begin(req, &page, title);
	html_printf(&page, "<a class=\"govuk-back-link\" href=\"%s\">Back to %s network</a>\n"
			   "<h1 class=\"govuk-heading-l\">%s</h1>\n"
			   "<p class=\"govuk-body\">From picture %ld, drawn on %s, to picture %ld, "
			   "drawn on %s.</p>\n"
			   "<h2 class=\"govuk-heading-m\">What changed</h2>\n",
		    network_url(a, person), possessive(a, n.person_name), title, from->number,
		    people_date(a, from->taken_on), to->number, people_date(a, to->taken_on));
	network_picture_changes_html(&page, changes, change_count);
	network_picture_compare_svg(&page, n.person_name, from, to, changes, change_count);
	html_printf(&page, "<div class=\"app-network__list app-network__list--compared\">\n"
			   "<h2 class=\"govuk-heading-m\">Who is in picture %ld</h2>\n",
		    to->number);
	network_picture_list_html(&page, to, changes, change_count);
	html_printf(&page, "</div>\n");
	if (n.picture_count > 2) {
		html_printf(&page, "<form class=\"app-no-print\" method=\"get\" action=\"%s/compare\">\n"
				   "<h2 class=\"govuk-heading-m\">Compare two others</h2>\n",
			    network_url(a, person));
		static const char *const ends[][2] = {{"from", "Earlier picture"}, {"to", "Later picture"}};
		for (size_t k = 0; k < 2; k++) {
			long current = k == 0 ? from->number : to->number;
			html_printf(&page, "<div class=\"govuk-form-group\"><label class=\"govuk-label\" "
					   "for=\"%s\">%s</label><select class=\"govuk-select\" id=\"%s\" "
					   "name=\"%s\">\n",
				    ends[k][0], ends[k][1], ends[k][0], ends[k][0]);
			for (size_t i = 0; i < n.picture_count; i++)
				html_printf(&page, "<option value=\"%ld\"%s>Picture %ld, %s</option>\n",
					    n.pictures[i].number,
					    n.pictures[i].number == current ? " selected" : "",
					    n.pictures[i].number, people_date(a, n.pictures[i].taken_on));
			html_printf(&page, "</select></div>\n");
		}
		html_printf(&page, "<button type=\"submit\" class=\"govuk-button govuk-button--secondary\" "
				   "data-module=\"govuk-button\">Compare</button>\n</form>\n");
	}
	page_end(req, &page);
	return http_send_html(req, res, 200, &page);
}

/* The form ---------------------------------------------------------- */

/* One row of the form: a member as the form shows and sends them. */
struct row {
	const char *member_id;
	const char *name;
	const char *relationship;
	const char *words;
	const char *circle;
	bool can_call_on;
};

/* The rows as sent: each repeated field arrives in row order, and every
 * row sends each of them (an empty value included), except the box for
 * "can be called on", whose value is its row's number.  NULL when they
 * do not line up (a form not sent by our page): counts that differ, or a
 * box for a row that is not there. */
static struct row *rows_sent(struct http_request *req, size_t *count)
{
	size_t ids, names, rels, words, circles, ticks;
	const char **id = http_form_all(req, "member_id", &ids);
	const char **name = http_form_all(req, "name", &names);
	const char **rel = http_form_all(req, "relationship", &rels);
	const char **word = http_form_all(req, "relationship_words", &words);
	const char **circle = http_form_all(req, "circle", &circles);
	const char **tick = http_form_all(req, "can_call_on", &ticks);
	size_t n = names;
	if (ids != n || rels != n || words != n || circles != n)
		return NULL;
	for (size_t t = 0; t < ticks; t++)
		if (strtol(tick[t], NULL, 10) >= (long)n)
			return NULL;
	struct row *rows = arena_alloc(req->arena, (n + 1) * sizeof *rows);
	for (size_t i = 0; i < n; i++) {
		rows[i] = (struct row){
			.member_id = http_text(id[i]),
			.name = name[i],
			.relationship = http_text(rel[i]),
			.words = word[i],
			.circle = http_text(circle[i]),
		};
		for (size_t t = 0; t < ticks; t++)
			rows[i].can_call_on = rows[i].can_call_on || strtol(tick[t], NULL, 10) == (long)i;
	}
	*count = n;
	return rows;
}

static int rows_not_lined_up(struct http_request *req, struct http_response *res)
{
	return http_send_error(req, res, 400, "bad_form",
			       "The form could not be read: its rows do not all have the same "
			       "fields. Open the form again and send it from there.");
}

/* A row the coordinator left alone: an empty one, or someone from the
 * last picture whose name they cleared to leave them out. */
static bool row_blank(const struct row *r)
{
	if (http_text(r->name) || http_text(r->words))
		return false;
	return r->member_id || (!r->relationship && !r->circle && !r->can_call_on);
}

static const char *const circle_values[] = {"1", "2", "3", "4"};

static void select_field(struct sb *page, const char *id, const char *name, const char *label,
			 const char *const (*options)[2], size_t count, const char *none,
			 const char *chosen_value, const char *error)
{
	html_printf(page, "<div class=\"govuk-form-group%s\"><label class=\"govuk-label\" for=\"%s\">"
			  "%s</label>\n",
		    error ? " govuk-form-group--error" : "", id, label);
	people_error(page, id, error);
	html_printf(page, "<select class=\"govuk-select%s\" id=\"%s\" name=\"%s\"",
		    error ? " govuk-select--error" : "", id, name);
	if (error)
		html_printf(page, " aria-describedby=\"%s-error\"", id);
	html_printf(page, ">\n<option value=\"\">%s</option>\n", none);
	for (size_t i = 0; i < count; i++)
		html_printf(page, "<option value=\"%s\"%s>%s</option>\n", options[i][0],
			    chosen_value && strcmp(chosen_value, options[i][0]) == 0 ? " selected" : "",
			    options[i][1]);
	html_printf(page, "</select></div>\n");
}

static void text_input(struct sb *page, const char *id, const char *name, const char *label,
		       const char *value, const char *error)
{
	html_printf(page, "<div class=\"govuk-form-group%s\"><label class=\"govuk-label\" for=\"%s\">"
			  "%s</label>\n",
		    error ? " govuk-form-group--error" : "", id, label);
	people_error(page, id, error);
	html_printf(page, "<input class=\"govuk-input%s\" id=\"%s\" name=\"%s\" type=\"text\" "
			  "autocomplete=\"off\" spellcheck=\"false\" value=\"%s\"",
		    error ? " govuk-input--error" : "", id, name, value ? value : "");
	if (error)
		html_printf(page, " aria-describedby=\"%s-error\"", id);
	html_printf(page, "></div>\n");
}

/* A row's input ids, "row3-circle": what a problem at the field links to. */
static const char *row_id(struct arena *a, size_t row, const char *field)
{
	return arena_printf(a, "row%zu-%s", row, field);
}

static void member_row(struct sb *page, struct arena *a, size_t i, const struct row *r,
		       const char *const (*relationships)[2], size_t relationship_count,
		       const char *const (*circles)[2], const struct err *e)
{
	const char *base = arena_printf(a, "row%zu", i);
	html_printf(page, "<fieldset class=\"govuk-fieldset app-network-row\" id=\"%s\">\n"
			  "<legend class=\"govuk-fieldset__legend govuk-fieldset__legend--s\">%s</legend>\n"
			  "<input type=\"hidden\" name=\"member_id\" value=\"%s\">\n",
		    base,
		    http_text(r->name) ? r->name
					  : arena_printf(a, "Someone %s (row %zu)",
							 r->member_id ? "from the last picture" : "new", i + 1),
		    r->member_id ? r->member_id : "");
	text_input(page, row_id(a, i, "name"), "name", "Name, as they call them", r->name,
		   form_errors_for(e, row_id(a, i, "name")));
	select_field(page, row_id(a, i, "relationship"), "relationship", "Who they are to them",
		     relationships, relationship_count, "Choose", r->relationship,
		     form_errors_for(e, row_id(a, i, "relationship")));
	text_input(page, row_id(a, i, "relationship_words"), "relationship_words",
		   "In their words (optional)", r->words, form_errors_for(e, row_id(a, i, "relationship_words")));
	select_field(page, row_id(a, i, "circle"), "circle", "How close", circles, NETWORK_CIRCLES,
		     "Choose a circle", r->circle, form_errors_for(e, row_id(a, i, "circle")));
	html_printf(page, "<div class=\"govuk-checkboxes govuk-checkboxes--small\" "
			  "data-module=\"govuk-checkboxes\"><div class=\"govuk-checkboxes__item\">"
			  "<input class=\"govuk-checkboxes__input\" id=\"%s\" name=\"can_call_on\" "
			  "type=\"checkbox\" value=\"%zu\"%s><label class=\"govuk-label "
			  "govuk-checkboxes__label\" for=\"%s\">They can call on them</label></div></div>\n"
			  "</fieldset>\n",
		    row_id(a, i, "can_call_on"), i, r->can_call_on ? " checked" : "", row_id(a, i, "can_call_on"));
}

/* The domain's "members.N.field" (N counting the members given) as the
 * form's "rowR-field" (R counting its rows, blank ones included). */
static void rename_member_fields(struct arena *a, struct err *e, const size_t *row_of,
				 size_t member_count)
{
	static const char *const fields[] = {"name", "relationship", "relationship_words",
					     "circle", "member_id"};
	size_t per = sizeof fields / sizeof fields[0];
	const char *(*names)[2] = arena_alloc(a, (member_count * per + 1) * sizeof *names);
	size_t k = 0;
	for (size_t m = 0; m < member_count; m++)
		for (size_t f = 0; f < per; f++) {
			names[k][0] = arena_printf(a, "members.%zu.%s", m, fields[f]);
			/* A member that is not theirs is the row's name at fault. */
			names[k][1] = arena_printf(a, "row%zu-%s", row_of[m],
						   f + 1 == per ? "name" : fields[f]);
			k++;
		}
	form_rename_fields(e, (const char *const (*)[2])names, k);
}

static const char *conversation_label(struct arena *a, const struct conversation *c)
{
	return arena_printf(a, "%s%s", date_uk_day(a, c->at),
			    c->good_life ? ", the good-life conversation" : "");
}

/* The form, drawn from the last picture, or again with what was sent and
 * the problems in e (extra: rows to add, for "More rows"). */
static int form_page(struct http_request *req, struct http_response *res, int status,
		     const struct err *refused, size_t extra)
{
	const char *person = http_path_param(req, "id");
	struct arena *a = req->arena;
	struct network n;
	struct err e;
	int rc = network_get(req->app->db, req->who, person, a, &n, &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	struct conversation *talks;
	size_t talk_count;
	rc = conversation_list(req->app->db, req->who, person, a, &talks, &talk_count, &e);
	if (rc < 0)
		return http_send_result(req, res, rc, &e, NULL);
	bool redraw = refused || extra;
	struct row *rows;
	size_t row_count;
	if (redraw) {
		rows = rows_sent(req, &row_count);
		if (!rows)
			return rows_not_lined_up(req, res);
	} else {
		const struct network_picture *last =
			n.picture_count ? &n.pictures[n.picture_count - 1] : NULL;
		row_count = last ? last->member_count : 0;
		rows = arena_alloc(a, (row_count + 1) * sizeof *rows);
		for (size_t i = 0; i < row_count; i++) {
			const struct network_placement *m = &last->members[i];
			rows[i] = (struct row){m->member_id, m->name, m->relationship,
					       m->relationship_words, circle_values[m->circle - 1],
					       m->can_call_on};
		}
		extra = EMPTY_ROWS;
	}
	if (row_count + extra > FORM_ROWS_MAX)
		extra = row_count < FORM_ROWS_MAX ? FORM_ROWS_MAX - row_count : 0;
	struct row *all = arena_alloc(a, (row_count + extra + 1) * sizeof *all);
	memcpy(all, rows, row_count * sizeof *rows);
	memset(all + row_count, 0, extra * sizeof *all);
	row_count += extra;

	const char *(*relationships)[2];
	size_t relationship_count = 0;
	while (network_relationships[relationship_count])
		relationship_count++;
	relationships = arena_alloc(a, (relationship_count + 1) * sizeof *relationships);
	for (size_t i = 0; i < relationship_count; i++) {
		relationships[i][0] = network_relationships[i];
		relationships[i][1] = network_picture_relationship_label(network_relationships[i]);
	}
	const char *circles[NETWORK_CIRCLES][2];
	for (int k = 0; k < NETWORK_CIRCLES; k++) {
		circles[k][0] = circle_values[k];
		circles[k][1] = arena_printf(a, "%d. %s", k + 1, network_picture_circle_label(k + 1));
	}

	const char *title = arena_printf(a, "%sDraw %s network", refused ? "Error: " : "",
					 possessive(a, n.person_name));
	struct sb page;
	sb_init(&page, a, PAGE_MAX_BYTES);
	page_begin(req, &page, title);
	html_printf(&page, "<a class=\"govuk-back-link\" href=\"%s\">Back to %s network</a>\n",
		    network_url(a, person), possessive(a, n.person_name));
	if (refused) {
		struct form_anchor anchor = {"members", "row0-name"};
		form_errors_summary(&page, refused, &anchor, 1, "taken_on");
	}
	html_printf(&page, "<h1 class=\"govuk-heading-l\">Draw %s network</h1>\n"
			   "<p class=\"govuk-body\">%s</p>\n"
			   "<form method=\"post\" action=\"%s\" novalidate>\n",
		    possessive(a, n.person_name),
		    n.picture_count
			    ? "This starts from their last picture. Move people to another circle, "
			      "add anyone new, and to leave someone out, empty their name. The last "
			      "picture is kept as it was."
			    : "Everyone they name, as they call them, in the circle they choose.",
		    network_url(a, person));
	people_csrf(req, &page);
	const char *members_error = form_errors_for(refused, "members");
	html_printf(&page, "<div class=\"govuk-form-group%s\" id=\"members\">\n",
		    members_error ? " govuk-form-group--error" : "");
	html_printf(&page, "<h2 class=\"govuk-heading-m\">The people around them</h2>\n");
	people_error(&page, "members", members_error);
	for (size_t i = 0; i < row_count; i++)
		member_row(&page, a, i, &all[i], (const char *const (*)[2])relationships,
			   relationship_count, (const char *const (*)[2])circles, refused);
	html_printf(&page, "</div>\n");
	if (row_count < FORM_ROWS_MAX)
		html_printf(&page, "<button type=\"submit\" name=\"action\" value=\"more\" "
				   "class=\"govuk-button govuk-button--secondary\" "
				   "data-module=\"govuk-button\">More rows</button>\n");
	html_printf(&page, "<h2 class=\"govuk-heading-m\">About this picture</h2>\n");
	form_date_input(&page, req, &taken_on_field, people_today(a),
			form_errors_for(refused, "taken_on"));
	const char *talk = redraw ? http_form(req, "conversation_id") : NULL;
	if (!redraw && n.picture_count == 0)
		for (size_t i = 0; i < talk_count; i++)
			if (talks[i].good_life)
				talk = talks[i].id;
	const char *(*talk_options)[2] = arena_alloc(a, (talk_count + 1) * sizeof *talk_options);
	for (size_t i = 0; i < talk_count; i++) {
		talk_options[i][0] = talks[i].id;
		talk_options[i][1] = conversation_label(a, &talks[i]);
	}
	select_field(&page, "conversation_id", "conversation_id", "The conversation it was drawn at",
		     (const char *const (*)[2])talk_options, talk_count, "Not at a conversation",
		     talk, form_errors_for(refused, "conversation_id"));
	people_textarea(&page, "note", "A note (optional)", "In their words where you can",
			redraw ? http_form(req, "note") : NULL, form_errors_for(refused, "note"));
	html_printf(&page, "<button type=\"submit\" name=\"action\" value=\"save\" class=\"govuk-button\" "
			   "data-module=\"govuk-button\">Save the picture</button>\n</form>\n");
	page_end(req, &page);
	return http_send_html(req, res, status, &page);
}

static int form_again(struct http_request *req, struct http_response *res, int status,
		      const struct err *e)
{
	return form_page(req, res, status, e, 0);
}

int web_network_form(struct http_request *req, struct http_response *res)
{
	return form_page(req, res, 200, NULL, 0);
}

int web_record_network(struct http_request *req, struct http_response *res)
{
	size_t row_count;
	struct row *rows = rows_sent(req, &row_count);
	if (!rows)
		return rows_not_lined_up(req, res);
	const char *action = http_form(req, "action");
	if (action && strcmp(action, "more") == 0)
		return form_page(req, res, 200, NULL, MORE_ROWS);
	struct arena *a = req->arena;
	struct network_member_input *members = arena_alloc(a, (row_count + 1) * sizeof *members);
	size_t *row_of = arena_alloc(a, (row_count + 1) * sizeof *row_of);
	size_t count = 0;
	for (size_t i = 0; i < row_count; i++) {
		const struct row *r = &rows[i];
		if (row_blank(r))
			continue;
		row_of[count] = i;
		members[count++] = (struct network_member_input){
			.member_id = r->member_id,
			.name = http_text(r->name),
			.relationship = r->relationship,
			.relationship_words = http_text(r->words),
			.circle = r->circle,
			.can_call_on = r->can_call_on,
		};
	}
	const char *taken_on;
	struct err dates = {0};
	form_date_read(req, &taken_on_field, &taken_on, &dates);
	struct network_picture_input in = {
		.taken_on = taken_on,
		.conversation_id = http_form_text(req, "conversation_id"),
		.note = http_form_text(req, "note"),
		.members = members,
		.member_count = count,
	};
	const char *person = http_path_param(req, "id");
	struct network_picture *x;
	struct err e;
	int rc = network_record(req->app->db, req->who, person, &in, a, &x, &e);
	if (rc == RESULT_INVALID) {
		rename_member_fields(a, &e, row_of, count);
		form_date_problems(&e, &dates, NULL, 0);
	}
	if (rc < 0)
		return http_send_result(req, res, rc, &e, form_again);
	return http_redirect(res, network_url(a, person));
}
