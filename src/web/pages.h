#ifndef ALONGSIDE_WEB_PAGES_H
#define ALONGSIDE_WEB_PAGES_H

#include <stddef.h>

#include "core/date.h"

struct arena;
struct http_request;
struct http_response;
struct sb;
struct session;

/*
 * The page shell every HTML page shares: GOV.UK Frontend markup with the
 * service name, a skip link, and a footer linking the privacy notice,
 * accessibility statement and cookies page, with the attributions and
 * licences of the data the page shows (decided from its path).  A page is page_begin(), its content written with
 * html_printf() (web/html.h), then page_end(), all into one builder.
 */

#define PAGE_MAX_BYTES (1024 * 1024)

/* The service's name, in every page's header and <title>. */
#define PAGE_SERVICE_NAME "Local Area Coordination"

/* title is the page's own heading; the <title> adds the service name.
 * NULL for the home page, whose title is the service name alone. */
void page_begin(struct http_request *req, struct sb *sb, const char *title);
void page_end(struct http_request *req, struct sb *sb);

/* Every file of the assets directory (web/dist) the pages need.  Pages
 * link to assets only through page_asset_url, so no page names a file
 * outside this list, and `alongside serve` checks each is there
 * (assets_require, http/assets.h) before it listens. */
enum page_asset {
	PAGE_ASSET_FAVICON,
	PAGE_ASSET_APP_CSS,
	PAGE_ASSET_JS_ENABLED,
	PAGE_ASSET_APP_JS,
	PAGE_ASSET_GOVUK_FRONTEND_JS, /* no page links it: app.js imports it */
	PAGE_ASSET_LEAFLET_CSS,
	PAGE_ASSET_LEAFLET_JS,
	PAGE_ASSET_MAP_JS,
	PAGE_ASSET_COMMUNITY_MAP_JS,
	PAGE_ASSET_COUNT
};

/* The file names, by enum page_asset: "app.css", "leaflet/leaflet.js"... */
extern const char *const page_assets[PAGE_ASSET_COUNT];

/* The versioned URL of one of them. */
const char *page_asset_url(const struct http_request *req, enum page_asset which);

/* The map's stylesheet and scripts, for a page with an #areas-map
 * placeholder; written after the placeholder. */
void page_map_assets(struct http_request *req, struct sb *sb);

/* A whole page for a client or server error: a heading for the status and
 * the message, with a way back to the home page. */
void page_error(struct http_request *req, struct sb *sb, int status,
		const char *message);

/* "Thursday 26 November 2026", in the arena. */
const char *page_long_date(struct arena *a, struct date d);

/* A phone number as a tel: link's target: only what a dialler needs
 * (digits and +), in the arena. */
const char *page_tel_target(struct arena *a, const char *number);

/* A line for a form that takes personal data, linking the privacy
 * notice: worded for the person giving the details (PAGE_PRIVACY_PUBLIC)
 * or for staff writing them down about someone (PAGE_PRIVACY_STAFF).
 * One call in each such form, before its button. */
enum page_privacy_reader { PAGE_PRIVACY_PUBLIC, PAGE_PRIVACY_STAFF };
void page_privacy_note(struct sb *page, enum page_privacy_reader reader);

/* GET / */
int web_home(struct http_request *req, struct http_response *res);

/* GET /find?postcode=...: who is the coordinator for a postcode. */
int web_find(struct http_request *req, struct http_response *res);

/* GET /areas: every area, as a list and (with JavaScript) a map. */
int web_areas(struct http_request *req, struct http_response *res);

/* GET /areas/{id}: one area, its coordinator, wards and neighbours. */
int web_area(struct http_request *req, struct http_response *res);

/* GET /areas/{id}/drop-ins.ics: the area's drop-ins as iCalendar, with
 * recurrence rules, in Europe/London time. */
int web_area_calendar(struct http_request *req, struct http_response *res);

/* Staff pages (web/staff.c).  GET /sign-in and POST /sign-in (username,
 * password, next): throttled, audited, a new session on success;
 * POST /sign-out; GET /staff; GET /account/sessions and
 * POST /account/sessions/{id}/end for the user's own sessions. */
int web_sign_in_form(struct http_request *req, struct http_response *res);
int web_sign_in(struct http_request *req, struct http_response *res);
int web_sign_out(struct http_request *req, struct http_response *res);
int web_staff_home(struct http_request *req, struct http_response *res);
int web_own_sessions(struct http_request *req, struct http_response *res);
int web_end_own_session(struct http_request *req, struct http_response *res);

/* A coordinator's public entry (web/coordinator_entry.c), with what the
 * public sees: GET and POST /admin/areas/{id}/coordinator (name, mobile,
 * email, facebook_url, introduction, username: the linked account) and
 * POST .../coordinator/remove for administrators; GET and POST
 * /account/public-entry (area, a hidden field, and the public fields) for
 * the coordinator whose account the entry is linked to. */
int web_admin_coordinator(struct http_request *req, struct http_response *res);
int web_admin_set_coordinator(struct http_request *req, struct http_response *res);
int web_admin_remove_coordinator(struct http_request *req, struct http_response *res);
int web_public_entry(struct http_request *req, struct http_response *res);
int web_update_public_entry(struct http_request *req, struct http_response *res);

/* Administrators' pages (web/admin.c): GET /admin/users, GET and POST
 * /admin/users/new and /admin/users, GET /admin/users/{id}, and POST
 * .../roles (role, area..., remove), .../password, .../email, .../disable,
 * .../enable, .../sessions/{session}/end. */
int web_admin_users(struct http_request *req, struct http_response *res);
int web_admin_new_user(struct http_request *req, struct http_response *res);
int web_admin_add_user(struct http_request *req, struct http_response *res);
int web_admin_user(struct http_request *req, struct http_response *res);
int web_admin_set_role(struct http_request *req, struct http_response *res);
int web_admin_set_password(struct http_request *req, struct http_response *res);
int web_admin_set_email(struct http_request *req, struct http_response *res);
int web_admin_disable(struct http_request *req, struct http_response *res);
int web_admin_enable(struct http_request *req, struct http_response *res);
int web_admin_end_session(struct http_request *req, struct http_response *res);

/* Areas (web/admin_areas.c), administrators: GET /admin/areas (in use,
 * and retired), GET /admin/areas/new and POST /admin/areas, GET and POST
 * /admin/areas/{id} (name, covered, wards; ?saved=1 after a change says
 * who may now move), GET and POST /admin/areas/{id}/retire (a question
 * first), GET /admin/wards.geojson (every ward, for the form's map).
 * Team leaders and administrators: GET /team/area-changes, who a change
 * of wards has put in another area, and POST
 * /team/area-changes/{kind}/{id} to move one. */
int web_admin_areas(struct http_request *req, struct http_response *res);
int web_admin_new_area(struct http_request *req, struct http_response *res);
int web_admin_add_area(struct http_request *req, struct http_response *res);
int web_admin_area(struct http_request *req, struct http_response *res);
int web_admin_update_area(struct http_request *req, struct http_response *res);
int web_admin_retire_area_form(struct http_request *req, struct http_response *res);
int web_admin_retire_area(struct http_request *req, struct http_response *res);
int web_admin_wards_geojson(struct http_request *req, struct http_response *res);
int web_area_moves(struct http_request *req, struct http_response *res);
int web_area_move(struct http_request *req, struct http_response *res);

/* API tokens (web/admin_tokens.c): GET /admin/tokens (?revoked=ID says
 * which was just revoked), GET /admin/tokens/new and POST /admin/tokens
 * (name, scopes...; the answer shows the secret, once), GET and POST
 * /admin/tokens/{id}/revoke (confirm, then revoke). */
int web_admin_tokens(struct http_request *req, struct http_response *res);
int web_admin_new_token(struct http_request *req, struct http_response *res);
int web_admin_add_token(struct http_request *req, struct http_response *res);
int web_admin_revoke_token_form(struct http_request *req, struct http_response *res);
int web_admin_revoke_token(struct http_request *req, struct http_response *res);

/* Drop-ins (web/admin_dropins.c), administrators: GET and POST
 * /admin/areas/{id}/drop-ins (an area's drop-ins with their next dates
 * and cancellations; adding one), GET /admin/drop-ins/{id} and POST to it
 * (changing it), POST .../end (its last date), POST .../cancellations (a
 * date not happening, with a reason) and POST
 * .../cancellations/{cancellation}/withdraw (it happens after all). */
int web_admin_area_dropins(struct http_request *req, struct http_response *res);
int web_admin_add_dropin(struct http_request *req, struct http_response *res);
int web_admin_dropin(struct http_request *req, struct http_response *res);
int web_admin_update_dropin(struct http_request *req, struct http_response *res);
int web_admin_end_dropin(struct http_request *req, struct http_response *res);
int web_admin_cancel_dropin(struct http_request *req, struct http_response *res);
int web_admin_withdraw_cancellation(struct http_request *req, struct http_response *res);

/* The audit trail (web/audit.c): GET /team/audit and /team/audit.csv
 * (?action=&from=&to=) for a team leader's team; GET /admin/audit for
 * sign-ins and account changes. */
int web_team_audit(struct http_request *req, struct http_response *res);
int web_team_audit_csv(struct http_request *req, struct http_response *res);
int web_admin_audit(struct http_request *req, struct http_response *res);

/* "Get in touch" (web/intro.c): GET and POST /get-in-touch, the public
 * form (honeypot, a few an hour from one address); GET
 * /get-in-touch/sent[/{id}], what happens next. */
int web_get_in_touch(struct http_request *req, struct http_response *res);
int web_get_in_touch_send(struct http_request *req, struct http_response *res);
int web_get_in_touch_sent(struct http_request *req, struct http_response *res);

/* The pages every UK public service has (web/text_pages.c): GET
 * /privacy, /accessibility and /cookies, the council's texts
 * (web/texts.h) with its settings filled in. */
int web_privacy(struct http_request *req, struct http_response *res);
int web_accessibility(struct http_request *req, struct http_response *res);
int web_cookies(struct http_request *req, struct http_response *res);

/* Introductions for staff (web/inbox.c): GET /staff/introductions (the
 * inbox; ?show=all for answered ones too), GET /staff/introductions/new
 * and POST /staff/introductions (the quick log), GET
 * /staff/introductions/{id}, POST .../status (status, note) and
 * .../person-knows. */
int web_inbox(struct http_request *req, struct http_response *res);
int web_log_form(struct http_request *req, struct http_response *res);
int web_log(struct http_request *req, struct http_response *res);
/* Where a logged introduction for another area went, and who will answer
 * it (web/intro.c). */
int web_log_sent(struct http_request *req, struct http_response *res);
int web_introduction(struct http_request *req, struct http_response *res);
int web_introduction_status(struct http_request *req, struct http_response *res);
int web_introduction_person_knows(struct http_request *req, struct http_response *res);
/* GET and POST /team/cover: cover in a team leader's areas. */
int web_team_cover(struct http_request *req, struct http_response *res);
int web_add_team_cover(struct http_request *req, struct http_response *res);
/* GET and POST /staff/leave: a coordinator's own leave. */
int web_leave(struct http_request *req, struct http_response *res);
int web_add_leave(struct http_request *req, struct http_response *res);

/* An area's name for display, or its id when the map does not hold it. */
const char *staff_area_name(const struct http_request *req, const char *id);

/* Sessions as a table, each but the current one with a button posting to
 * action_prefix/{id}/end. */
void staff_sessions_table(struct http_request *req, struct sb *page,
			  const struct session *list, size_t count,
			  const char *action_prefix);

/* Walking alongside: people */

/* A person's pages (web/person.c, person_forms.c, person_involvements.c):
 * GET /staff/people/new and POST /staff/people (likely matches offered
 * first; confirm=yes says someone new), GET /staff/people/{id}, GET and
 * POST .../details and .../what-matters (each with the version read),
 * GET and POST .../involvements/{involvement}/end, POST .../kind, and
 * POST /staff/people/{id}/involvements (a return).  POST
 * /staff/introductions/{id}/person (web/inbox.c) links an introduction
 * to someone already known. */
int web_person_new(struct http_request *req, struct http_response *res);
int web_person_create(struct http_request *req, struct http_response *res);
int web_person(struct http_request *req, struct http_response *res);
int web_person_details_form(struct http_request *req, struct http_response *res);
int web_person_details(struct http_request *req, struct http_response *res);
int web_person_matters_form(struct http_request *req, struct http_response *res);
int web_person_matters(struct http_request *req, struct http_response *res);
int web_involvement_end_form(struct http_request *req, struct http_response *res);
int web_involvement_end(struct http_request *req, struct http_response *res);
int web_involvement_kind(struct http_request *req, struct http_response *res);
int web_involvement_return(struct http_request *req, struct http_response *res);
int web_introduction_link_person(struct http_request *req, struct http_response *res);

/* Walking alongside: conversations */
/* A person's contact log (web/conversations.c): GET
 * /staff/people/{id}/conversations, newest first, with the form to log
 * one; POST there logs it (when: date and time, London time, set to now;
 * how; the rest optional); POST .../conversations/{conversation}/note
 * corrects a note, keeping the earlier versions. */
int web_conversations(struct http_request *req, struct http_response *res);
int web_log_conversation(struct http_request *req, struct http_response *res);
int web_correct_conversation_note(struct http_request *req, struct http_response *res);

/* Walking alongside: caseload */
/* Caseloads (web/caseload.c): GET /staff/caseload (the caller's own, or
 * ?coordinator= one of a team leader's team); a team leader's GET
 * /team/caseloads (?moved=N after a move), POST
 * /team/coordinators/{id}/capacity (capacity), GET and POST
 * /team/coordinators/{id}/move (person..., all, to). */
int web_caseload(struct http_request *req, struct http_response *res);
int web_team_caseloads(struct http_request *req, struct http_response *res);
int web_set_capacity(struct http_request *req, struct http_response *res);
int web_move_form(struct http_request *req, struct http_response *res);
int web_move(struct http_request *req, struct http_response *res);

/* Walking alongside: import */
/* Moving in from a spreadsheet (web/import.c): GET /admin/people/import
 * (?imported=N after an import) and POST (csv, action check | import). */
int web_admin_import_form(struct http_request *req, struct http_response *res);
int web_admin_import(struct http_request *req, struct http_response *res);

/* Walking alongside: network pages */
/* A person's network (web/network.c): GET /staff/people/{id}/network
 * (?picture=N; default the latest) the picture with the same as a list,
 * or how to draw the first; GET .../network/new the form, from the last
 * picture; POST .../network records one (action=more draws the form
 * again with more rows); GET .../network.svg (?picture=N) the picture
 * alone; GET .../network/compare (?from=&to=; default first and latest)
 * two side by side with what changed in words. */
int web_network(struct http_request *req, struct http_response *res);
int web_network_form(struct http_request *req, struct http_response *res);
int web_record_network(struct http_request *req, struct http_response *res);
int web_network_svg(struct http_request *req, struct http_response *res);
int web_network_compare(struct http_request *req, struct http_response *res);

/* Outcomes pages */
/* A person's outcomes (web/outcomes.c; domain/outcomes/outcome.h): GET
 * /staff/people/{id}/outcomes their sittings, first and latest per
 * statement; GET .../outcomes/new and POST .../outcomes (point, taken_on
 * date, statement_N hidden, answer_N 1-5 or not_said, words_N,
 * declined_words, action save|declined) record one, or draw the form again
 * with every problem; POST .../outcomes/{review}/withdraw (why).  The
 * statements (web/admin_outcomes.c): GET /admin/outcomes in use and
 * retired, POST /admin/outcomes (title, question, step_1..step_5) adds
 * one, POST /admin/outcomes/{key} (the same: rewords; action=retire,
 * action=up|down: moves) for a programme manager or administrator. */
int web_outcomes(struct http_request *req, struct http_response *res);
int web_outcomes_form(struct http_request *req, struct http_response *res);
int web_record_outcomes(struct http_request *req, struct http_response *res);
int web_withdraw_outcomes(struct http_request *req, struct http_response *res);
int web_admin_outcomes(struct http_request *req, struct http_response *res);
int web_admin_add_outcome(struct http_request *req, struct http_response *res);
int web_admin_change_outcome(struct http_request *req, struct http_response *res);

/* Walking alongside: agreement pages */
/* A person's shared agreement (web/agreement.c): GET
 * /staff/people/{id}/agreement (?involvement=: an earlier one, read
 * only), the current version written for the
 * person (and, printed, their copy), every version and a way to compare
 * two, or why there is none yet, and the earlier agreements; GET .../agreement/edit and POST
 * .../agreement (goal, goal_key; step, step_goal: its goal's row,
 * step_key, step_taken_by, step_taken_by_words, step_by_when,
 * step_status; asked_by, why, agreed_on, agreed_how, other_plan_*;
 * from_version; more=rows draws the form again with more rows) start it
 * or make a new version; POST .../agreement/end (asked_by, why,
 * agreed_on, agreed_how, from_version) ends it; GET
 * .../agreement/versions/{n} one version; GET
 * .../agreement/compare?from=&to= two side by side (both also with
 * ?involvement=). */
int web_agreement(struct http_request *req, struct http_response *res);
int web_agreement_edit(struct http_request *req, struct http_response *res);
int web_agreement_save(struct http_request *req, struct http_response *res);
int web_agreement_end(struct http_request *req, struct http_response *res);
int web_agreement_version(struct http_request *req, struct http_response *res);
int web_agreement_compare(struct http_request *req, struct http_response *res);

/* Community directory: public pages */
/* The directory for anyone (web/community.c): GET /community (postcode,
 * within, words, kind, day, cost, page), GET /community/{id} and GET
 * /community/{id}/calendar.ics; and suggesting (web/community_suggest.c):
 * GET and POST /community/suggest (?service= for a correction; honeypot,
 * a few an hour from one address, as "Get in touch"), GET
 * /community/suggest/sent. */
int web_community(struct http_request *req, struct http_response *res);
int web_community_listing(struct http_request *req, struct http_response *res);
int web_community_calendar(struct http_request *req, struct http_response *res);
int web_community_suggest_form(struct http_request *req, struct http_response *res);
int web_community_suggest(struct http_request *req, struct http_response *res);
int web_community_suggest_sent(struct http_request *req, struct http_response *res);

/* Community directory: staff pages */
/* Keeping the community directory right (web/community_staff.c,
 * community_listing_form.c), for staff of every role: GET
 * /staff/community (?q= words) the listings, those needing review first;
 * GET /staff/community/{id} (?done=saved|checked|retired: the banner) everything held about
 * one listing with its history, POST .../check (version) "still right",
 * POST .../retire (version, reason), GET .../versions/{n} one version;
 * GET /staff/community/new and .../{id}/edit (?suggestion=: prefilled
 * from one) the listing form, POST /staff/community and
 * /staff/community/{id} save it (version; more=time|contact draws it
 * again with another row; with suggestion=, saving it accepts that
 * suggestion); GET /staff/community/suggestions, POST
 * .../suggestions/{id}/decline (note). */
int web_staff_community(struct http_request *req, struct http_response *res);
int web_staff_community_listing(struct http_request *req, struct http_response *res);
int web_staff_community_check(struct http_request *req, struct http_response *res);
int web_staff_community_retire(struct http_request *req, struct http_response *res);
int web_staff_community_version(struct http_request *req, struct http_response *res);
int web_staff_community_new(struct http_request *req, struct http_response *res);
int web_staff_community_edit(struct http_request *req, struct http_response *res);
int web_staff_community_create(struct http_request *req, struct http_response *res);
int web_staff_community_update(struct http_request *req, struct http_response *res);
int web_staff_community_suggestions(struct http_request *req, struct http_response *res);
int web_staff_community_decline(struct http_request *req, struct http_response *res);

/* The council's contacts to offer beside an answer for a place outside
 * cover (web/directory.c): the central team's, the council's, adult
 * social care's, as offers asks (enum lookup_offer bits, in
 * domain/areas/lookup.h), each line only when the settings hold it. */
struct council;
void page_council_contacts(struct http_request *req, struct sb *page,
			   const struct council *c, unsigned offers);

/* The council's settings (web/admin_council.c), administrators: GET
 * /admin/council (?saved=1: the banner) every setting with its current
 * value; POST /admin/council changes them all at once, every problem
 * shown at once and nothing changed. */
int web_admin_council(struct http_request *req, struct http_response *res);
int web_admin_council_save(struct http_request *req, struct http_response *res);

/* Costs avoided (issue 16) */
/* The council's unit costs (web/admin_unit_costs.c), an administrator or
 * a programme manager (domain/outcomes/costs.h decides; anyone else 403):
 * GET /admin/unit-costs (?added=1: the banner) the figure in force today
 * for each kind, the form to add one and every figure entered; POST
 * /admin/unit-costs adds a figure as a new row, every problem shown at
 * once and nothing written. */
int web_admin_unit_costs(struct http_request *req, struct http_response *res);
int web_admin_add_unit_cost(struct http_request *req, struct http_response *res);

/* A person's costs avoided (web/costs.c): GET
 * /staff/people/{id}/costs-avoided, the form to record one (what, when,
 * how many, their view in their words, a note) and every one recorded,
 * withdrawn ones kept; POST .../costs-avoided records one; POST
 * .../costs-avoided/{event}/withdraw (why) withdraws one. */
int web_costs_avoided(struct http_request *req, struct http_response *res);
int web_record_cost_avoided(struct http_request *req, struct http_response *res);
int web_withdraw_cost_avoided(struct http_request *req, struct http_response *res);

/* Outcomes: personal wellbeing and stories pages */
/* A person's ONS four (web/wellbeing.c): GET /staff/people/{id}/wellbeing
 * their answers over time, measure by measure with ONS's band, and the
 * form; POST .../wellbeing (point, taken_on-day/-month/-year, answering
 * yes|no, life_satisfaction, worthwhile, happy, anxious: 0-10 or empty)
 * records a sitting; POST .../wellbeing/{sitting}/withdraw (why). */
int web_wellbeing(struct http_request *req, struct http_response *res);
int web_wellbeing_record(struct http_request *req, struct http_response *res);
int web_wellbeing_withdraw(struct http_request *req, struct http_response *res);
/* Stories (web/stories.c): GET /staff/people/{id}/stories, GET .../new
 * and POST .../stories (title, words, share, public_title, public_words,
 * agreed_on-*,
 * agreed_how); GET .../stories/{story} with its versions, GET
 * .../{story}/edit and POST .../{story} (the same and from_version) a new
 * version; POST .../{story}/withdraw (withdrawn_on-*, withdrawn_how).  GET
 * /team/stories the waiting ones of the areas a team leader leads, POST
 * /team/stories/{story}/review (decision, note).  GET /reports/stories
 * approved council and public stories, never naming the person. */
int web_stories(struct http_request *req, struct http_response *res);
int web_story_new(struct http_request *req, struct http_response *res);
int web_story_create(struct http_request *req, struct http_response *res);
int web_story(struct http_request *req, struct http_response *res);
int web_story_edit(struct http_request *req, struct http_response *res);
int web_story_update(struct http_request *req, struct http_response *res);
int web_story_withdraw(struct http_request *req, struct http_response *res);
int web_team_stories(struct http_request *req, struct http_response *res);
int web_team_story_review(struct http_request *req, struct http_response *res);
int web_reports_stories(struct http_request *req, struct http_response *res);

/* Reports (web/reports.c, domain/reports/report.h), for a team leader,
 * a programme manager or a token with reports.read.  GET /reports
 * (?quarter=2026-27-Q3 or the from and to date fields, &area=ID...): the
 * report with its charts, tables and CSV links; small numbers shown only
 * on a team leader's own page, which says so.  GET /reports/quarterly and
 * /reports/csv/{table} (?quarter= or from=&to= as YYYY-MM-DD, &area=):
 * the report laid out for A4 print, and one table as CSV; both always
 * with small numbers held back. */
int web_reports(struct http_request *req, struct http_response *res);
int web_reports_quarterly(struct http_request *req, struct http_response *res);
int web_reports_csv(struct http_request *req, struct http_response *res);

#endif
