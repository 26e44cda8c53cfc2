#include "server/routes.h"

#include "api/api.h"
#include "core/err.h"
#include "core/sb.h"
#include "domain/community/listing.h"
#include "domain/community/search.h"
#include "domain/introductions/introduction.h"
#include "domain/outcomes/outcome.h"
#include "domain/outcomes/story.h"
#include "domain/outcomes/wellbeing.h"
#include "domain/people/agreement.h"
#include "domain/people/conversation.h"
#include "domain/people/involvement.h"
#include "domain/people/network.h"
#include "domain/reports/period.h"
#include "domain/staff/audit.h"
#include "domain/staff/user.h"
#include "http/assets.h"
#include "web/pages.h"

/*
 * What each route takes, declared beside the table (http/route.h says
 * how; server/router.h how a request is checked against it).
 *
 * Two kinds of value, checked differently:
 *  - what a program or the page itself supplies (path ids, hidden fields,
 *    radios and selects, API filters) must be exactly right: ids, enums,
 *    dates, and required where the handler cannot do without;
 *  - what a person types into a form is bounded text only, and optional,
 *    so that a mistake a person can make (an empty field, a badly typed
 *    date) reaches the handler, which shows the form again with a message
 *    beside the field rather than an error page.
 */

/* Far above any rule of the domain's, so someone who types too much still
 * sees the domain's message beside the field; these only stop a program
 * sending megabytes into one field. */
static const struct validator typed_line = VALIDATE_TEXT(1000);
static const struct validator typed_prose = VALIDATE_TEXT(10000);

/* What the pages themselves send: a ticked checkbox, a flag, a link. */
static const char *const yes[] = {"yes", NULL};
static const char *const one[] = {"1", NULL};
static const char *const all[] = {"all", NULL};
static const char *const password_refused[] = {"password", NULL};

/* The sets the domain accepts, from its own lists. */
static const struct validator status = VALIDATE_ENUM(intro_statuses);
static const struct validator relationship = VALIDATE_ENUM(intro_relationships);
static const struct validator knows = VALIDATE_ENUM(intro_knows);
static const struct validator channel = VALIDATE_ENUM(intro_channels);
static const struct validator role = VALIDATE_ENUM(user_roles);
static const struct validator ticked = VALIDATE_ENUM(yes);
static const struct validator flag = VALIDATE_ENUM(one);
static const struct validator show = VALIDATE_ENUM(all);
static const struct validator problem = VALIDATE_ENUM(password_refused);
static const struct validator latitude = VALIDATE_NUMBER(-90, 90);
static const struct validator longitude = VALIDATE_NUMBER(-180, 180);
static const struct validator audit_action = VALIDATE_TEXT(40);
static const struct validator site_path = VALIDATE_TEXT(2000);  /* sign-in's next */
static const struct validator asset_name = VALIDATE_TEXT(200);
static const struct validator asset_version = VALIDATE_TEXT(64);

/* A place in the audit trail, as its pages' links and the API's `next`
 * carry it: the audit module says what one looks like. */
static bool cursor_accepts(const struct validator *v, const char *value)
{
	(void)v;
	return audit_cursor_valid(value);
}

static void cursor_explain(const struct validator *v, struct sb *out)
{
	(void)v;
	sb_puts(out, "Use the cursor a page gave: a time such as 2026-03-01T09:30:00.000Z, "
		     "_ and an entry's id");
}

static const struct validator_kind cursor_kind = {"audit_cursor", cursor_accepts,
						  cursor_explain, NULL};
static const struct validator audit_cursor = {&cursor_kind, NULL, 0, 0};
static const struct validator page_size = VALIDATE_INTEGER(1, AUDIT_PAGE_MAX);

#define OPTIONAL PARAM_OPTIONAL
#define REQUIRED PARAM_REQUIRED

/* Pages */

static const struct route_param an_area[] = {PATH_PARAM("id", &validate_id, "area")};
/* An administrator's pages for areas (web/admin_areas.c): the wards are
 * checkboxes of codes, which the domain names at the field when wrong. */
static const struct route_param admin_area_page[] = {
	PATH_PARAM("id", &validate_id, "area"), QUERY_PARAM("saved", &flag, OPTIONAL)};
#define AREA_FORM_FIELDS                                                  \
	FORM_PARAM("name", &typed_line, OPTIONAL),                        \
	FORM_PARAM("wards", &typed_line, OPTIONAL | PARAM_REPEATS),       \
	FORM_PARAM("covered", &flag, OPTIONAL)
static const struct route_param new_area_form[] = {AREA_FORM_FIELDS};
static const struct route_param area_form[] = {
	PATH_PARAM("id", &validate_id, "area"), AREA_FORM_FIELDS};
static const char *const move_kinds[] = {"person", "introduction", NULL};
static const struct validator move_kind = VALIDATE_ENUM(move_kinds);
static const struct route_param area_changes_page[] = {QUERY_PARAM("moved", &flag, OPTIONAL)};
static const struct route_param an_area_move[] = {
	PATH_PARAM("kind", &move_kind, NULL), PATH_PARAM("id", &validate_id, NULL)};
static const struct route_param find_page[] = {
	QUERY_PARAM("postcode", &typed_line, OPTIONAL)};
static const struct route_param an_introduction[] = {
	PATH_PARAM("id", &validate_id, "introduction")};
/* The first step of "Get in touch" asks in the address (a GET form), as
 * /find's link does with the postcode.  Its answers, and every field of
 * the second step, pass here as plain text up to the body's limit: the
 * handler checks them and draws the form again with each problem in
 * words and everything typed kept, rather than a dead end naming a
 * field. */
static const struct validator public_text = VALIDATE_TEXT(1e9);  /* the body limit bounds it */
static const struct route_param get_in_touch_page[] = {
	QUERY_PARAM("relationship", &public_text, OPTIONAL),
	QUERY_PARAM("postcode", &public_text, OPTIONAL),
	QUERY_PARAM("step", &public_text, OPTIONAL),
};
static const struct route_param get_in_touch_form[] = {
	FORM_PARAM("relationship", &public_text, OPTIONAL),
	FORM_PARAM("person_name", &public_text, OPTIONAL),
	FORM_PARAM("person_phone", &public_text, OPTIONAL),
	FORM_PARAM("person_email", &public_text, OPTIONAL),
	FORM_PARAM("person_other_contact", &public_text, OPTIONAL),
	FORM_PARAM("contact_when", &public_text, OPTIONAL),
	FORM_PARAM("postcode", &public_text, OPTIONAL),
	FORM_PARAM("best_place_to_meet", &public_text, OPTIONAL),
	FORM_PARAM("background", &public_text, OPTIONAL),
	FORM_PARAM("introducer_name", &public_text, OPTIONAL),
	FORM_PARAM("introducer_organisation", &public_text, OPTIONAL),
	FORM_PARAM("introducer_phone", &public_text, OPTIONAL),
	FORM_PARAM("introducer_email", &public_text, OPTIONAL),
	FORM_PARAM("person_knows", &public_text, OPTIONAL),
	FORM_PARAM("urgent", &public_text, OPTIONAL),
	FORM_PARAM("website", &public_text, OPTIONAL),  /* the honeypot robots fill */
};
static const struct route_param sign_in_page[] = {
	QUERY_PARAM("signed_out", &flag, OPTIONAL),
	QUERY_PARAM("next", &site_path, OPTIONAL),
};
/* A refused sign-in draws the page again, which reads the query too. */
static const struct route_param sign_in_form[] = {
	QUERY_PARAM("signed_out", &flag, OPTIONAL),
	QUERY_PARAM("next", &site_path, OPTIONAL),
	FORM_PARAM("username", &typed_line, OPTIONAL),
	FORM_PARAM("password", &typed_line, OPTIONAL),
	FORM_PARAM("next", &site_path, OPTIONAL),
};
/* A date asked for the GOV.UK way (web/form.h: form_date_input): three
 * fields, and a fourth for the time of day. */
#define DATE_FORM_PARAMS(name)                                                    \
	FORM_PARAM(name "-day", &typed_line, OPTIONAL),                           \
		FORM_PARAM(name "-month", &typed_line, OPTIONAL),                 \
		FORM_PARAM(name "-year", &typed_line, OPTIONAL)
#define DATE_TIME_FORM_PARAMS(name) \
	DATE_FORM_PARAMS(name), FORM_PARAM(name "-time", &typed_line, OPTIONAL)
static const struct route_param inbox_page[] = {QUERY_PARAM("show", &show, OPTIONAL)};
static const struct route_param log_form[] = {
	FORM_PARAM("channel", &channel, OPTIONAL),
	FORM_PARAM("person_name", &typed_line, OPTIONAL),
	FORM_PARAM("person_phone", &typed_line, OPTIONAL),
	FORM_PARAM("person_email", &typed_line, OPTIONAL),
	FORM_PARAM("person_postcode", &typed_line, OPTIONAL),
	DATE_TIME_FORM_PARAMS("received_at"),
	FORM_PARAM("relationship", &relationship, OPTIONAL),
	FORM_PARAM("introducer_name", &typed_line, OPTIONAL),
	FORM_PARAM("introducer_phone", &typed_line, OPTIONAL),
	FORM_PARAM("person_knows", &knows, OPTIONAL),
	FORM_PARAM("background", &typed_prose, OPTIONAL),
	FORM_PARAM("urgent", &ticked, OPTIONAL),
	FORM_PARAM("other_service", &typed_line, OPTIONAL),
};
static const struct route_param status_form[] = {
	PATH_PARAM("id", &validate_id, "introduction"),
	FORM_PARAM("status", &status, OPTIONAL),  /* radios: none chosen is asked again */
	FORM_PARAM("note", &typed_prose, OPTIONAL),
};
static const struct route_param person_knows_form[] = {
	PATH_PARAM("id", &validate_id, "introduction"),
	FORM_PARAM("person_knows", &knows, REQUIRED),  /* a hidden field */
};
static const struct route_param leave_form[] = {
	DATE_FORM_PARAMS("starts_on"),
	DATE_FORM_PARAMS("ends_on"),
};
static const struct route_param a_session[] = {PATH_PARAM("id", &validate_id, "session")};
/* A coordinator's public entry: what a person types, and the account
 * chosen from a select (a username, checked by the domain). */
#define PUBLIC_ENTRY_FORM                                                                   \
	FORM_PARAM("name", &typed_line, OPTIONAL), FORM_PARAM("mobile", &typed_line, OPTIONAL), \
		FORM_PARAM("email", &typed_line, OPTIONAL),                                 \
		FORM_PARAM("facebook_url", &typed_line, OPTIONAL),                          \
		FORM_PARAM("introduction", &typed_prose, OPTIONAL)
static const struct route_param area_entry_page[] = {
	PATH_PARAM("id", &validate_id, "area"),
	QUERY_PARAM("saved", &flag, OPTIONAL),
};
static const struct route_param area_entry_form[] = {
	PATH_PARAM("id", &validate_id, "area"),
	QUERY_PARAM("saved", &flag, OPTIONAL),
	PUBLIC_ENTRY_FORM,
	FORM_PARAM("username", &typed_line, OPTIONAL),
};
static const struct route_param own_entry_page[] = {QUERY_PARAM("saved", &flag, OPTIONAL)};
static const struct route_param own_entry_form[] = {
	QUERY_PARAM("saved", &flag, OPTIONAL),
	FORM_PARAM("area", &validate_id, REQUIRED),  /* a hidden field */
	PUBLIC_ENTRY_FORM,
};
static const struct route_param new_user_form[] = {
	FORM_PARAM("username", &typed_line, OPTIONAL),
	FORM_PARAM("display_name", &typed_line, OPTIONAL),
	FORM_PARAM("role", &role, OPTIONAL),
	FORM_PARAM("area", &validate_id, OPTIONAL | PARAM_REPEATS),
	FORM_PARAM("password", &typed_line, OPTIONAL),
};
/* A user's page, and the changes made from it: a refused change draws
 * the page again, which reads ?problem= (set after adding a user whose
 * password was refused). */
static const struct route_param user_page[] = {
	PATH_PARAM("id", &validate_id, "user"),
	QUERY_PARAM("problem", &problem, OPTIONAL),
};
static const struct route_param user_roles_form[] = {
	PATH_PARAM("id", &validate_id, "user"),
	QUERY_PARAM("problem", &problem, OPTIONAL),
	FORM_PARAM("role", &role, REQUIRED),  /* a hidden field */
	FORM_PARAM("area", &validate_id, OPTIONAL | PARAM_REPEATS),
	FORM_PARAM("remove", &flag, OPTIONAL),
};
static const struct route_param user_password_form[] = {
	PATH_PARAM("id", &validate_id, "user"),
	QUERY_PARAM("problem", &problem, OPTIONAL),
	FORM_PARAM("password", &typed_line, OPTIONAL),
};
static const struct route_param user_email_form[] = {
	PATH_PARAM("id", &validate_id, "user"),
	QUERY_PARAM("problem", &problem, OPTIONAL),
	FORM_PARAM("email", &typed_line, OPTIONAL),
};
/* The council's settings: every field typed, the rule's radios too, so
 * a bad value is told at its field (domain/council/council.h). */
static const struct route_param council_page[] = {QUERY_PARAM("saved", &flag, OPTIONAL)};
static const struct route_param council_form[] = {
	FORM_PARAM("name", &typed_line, OPTIONAL),
	FORM_PARAM("phone", &typed_line, OPTIONAL),
	FORM_PARAM("email", &typed_line, OPTIONAL),
	FORM_PARAM("website", &typed_line, OPTIONAL),
	FORM_PARAM("adult_social_care_phone", &typed_line, OPTIONAL),
	FORM_PARAM("adult_social_care_url", &typed_line, OPTIONAL),
	FORM_PARAM("dpo_name", &typed_line, OPTIONAL),
	FORM_PARAM("dpo_email", &typed_line, OPTIONAL),
	FORM_PARAM("dpo_address", &typed_line, OPTIONAL),
	FORM_PARAM("outside_cover", &typed_line, OPTIONAL),
	FORM_PARAM("team_name", &typed_line, OPTIONAL),
	FORM_PARAM("team_email", &typed_line, OPTIONAL),
	FORM_PARAM("team_phone", &typed_line, OPTIONAL),
};
static const struct route_param user_session[] = {
	PATH_PARAM("id", &validate_id, "user"),
	PATH_PARAM("session", &validate_id, "session"),
};
/* API tokens.  The scopes are the page's own checkboxes, but one the
 * domain does not know is told at the field like the name's problems, as
 * the API tells it, so they are bounded text here. */
static const struct route_param tokens_page[] = {
	QUERY_PARAM("revoked", &validate_id, OPTIONAL),
};
static const struct route_param token_form[] = {
	FORM_PARAM("name", &typed_line, OPTIONAL),
	FORM_PARAM("scopes", &typed_line, OPTIONAL | PARAM_REPEATS),
};
static const struct route_param a_token[] = {PATH_PARAM("id", &validate_id, "token")};
/* The filter is a form a person fills in: dates as typed.  The page's
 * links carry where it starts and its size. */
/* Its dates typed in GOV.UK date inputs (the form), or one "YYYY-MM-DD"
 * each (the page's links). */
#define DATE_QUERY_PARAMS(name)                                                   \
	QUERY_PARAM(name "-day", &typed_line, OPTIONAL),                          \
		QUERY_PARAM(name "-month", &typed_line, OPTIONAL),                \
		QUERY_PARAM(name "-year", &typed_line, OPTIONAL)
#define AUDIT_FILTER_DATES                                                        \
	QUERY_PARAM("from", &typed_line, OPTIONAL),                               \
		QUERY_PARAM("to", &typed_line, OPTIONAL), DATE_QUERY_PARAMS("from"), \
		DATE_QUERY_PARAMS("to")
static const struct route_param audit_view[] = {
	QUERY_PARAM("action", &audit_action, OPTIONAL),
	AUDIT_FILTER_DATES,
	QUERY_PARAM("before", &audit_cursor, OPTIONAL),
	QUERY_PARAM("after", &audit_cursor, OPTIONAL),
	QUERY_PARAM("limit", &page_size, OPTIONAL),
};
static const struct route_param audit_export[] = {
	QUERY_PARAM("action", &audit_action, OPTIONAL),
	AUDIT_FILTER_DATES,
};
static const struct route_param cover_form[] = {
	FORM_PARAM("user", &validate_id, OPTIONAL),  /* selects, empty when */
	FORM_PARAM("area", &validate_id, OPTIONAL),  /* there is nothing to choose */
	DATE_FORM_PARAMS("starts_on"),
	DATE_FORM_PARAMS("ends_on"),
};
static const struct route_param asset[] = {
	PATH_PARAM("*", &asset_name, NULL),
	QUERY_PARAM("v", &asset_version, OPTIONAL),
};

/* The API */

static const struct route_param lookup[] = {
	QUERY_PARAM("postcode", &validate_postcode, OPTIONAL),
	QUERY_PARAM("lat", &latitude, OPTIONAL),
	QUERY_PARAM("lon", &longitude, OPTIONAL),
};
static const struct route_param a_user[] = {PATH_PARAM("id", &validate_id, "user")};
static const struct route_param user_role[] = {
	PATH_PARAM("id", &validate_id, "user"),
	PATH_PARAM("role", &role, "role"),
};
static const struct route_param audit_filter[] = {
	QUERY_PARAM("since", &validate_timestamp, OPTIONAL),
	QUERY_PARAM("until", &validate_timestamp, OPTIONAL),
	QUERY_PARAM("action", &audit_action, OPTIONAL),
	QUERY_PARAM("before", &audit_cursor, OPTIONAL),  /* the last page's `next` */
	QUERY_PARAM("limit", &page_size, OPTIONAL),
};
static const struct route_param introduction_filter[] = {
	QUERY_PARAM("status", &status, OPTIONAL),
	QUERY_PARAM("area", &validate_id, OPTIONAL),
	QUERY_PARAM("due_before", &validate_date, OPTIONAL),
};
static const struct route_param a_drop_in[] = {PATH_PARAM("id", &validate_id, "drop_in")};
static const struct route_param a_cancellation[] = {
	PATH_PARAM("id", &validate_id, "drop_in"),
	PATH_PARAM("cancellation", &validate_id, "cancellation")};
/* A drop-in's fields, typed (the weekday, how often and the week are
 * selects and radios, but a wrong one is the domain's to explain). */
#define DROP_IN_FORM_FIELDS                                                   \
	FORM_PARAM("venue", &typed_line, OPTIONAL),                           \
	FORM_PARAM("address", &typed_line, OPTIONAL),                         \
	FORM_PARAM("weekday", &typed_line, OPTIONAL),                         \
	FORM_PARAM("starts", &typed_line, OPTIONAL),                          \
	FORM_PARAM("ends", &typed_line, OPTIONAL),                            \
	FORM_PARAM("frequency", &typed_line, OPTIONAL),                       \
	FORM_PARAM("week", &typed_line, OPTIONAL),                            \
	DATE_FORM_PARAMS("first_date"),                                       \
	DATE_FORM_PARAMS("last_date"),                                        \
	FORM_PARAM("notes", &typed_prose, OPTIONAL)
static const struct route_param add_drop_in_form[] = {
	PATH_PARAM("id", &validate_id, "area"), DROP_IN_FORM_FIELDS};
static const struct route_param drop_in_form[] = {
	PATH_PARAM("id", &validate_id, "drop_in"), DROP_IN_FORM_FIELDS};
static const struct route_param end_drop_in_form[] = {
	PATH_PARAM("id", &validate_id, "drop_in"), DATE_FORM_PARAMS("end_last_date")};
static const struct route_param cancel_drop_in_form[] = {
	PATH_PARAM("id", &validate_id, "drop_in"), FORM_PARAM("on_date", &typed_line, OPTIONAL),
	FORM_PARAM("reason", &typed_line, OPTIONAL)};
static const struct route_param a_coordinator[] = {
	PATH_PARAM("id", &validate_id, "coordinator")};

static const struct json_field area_body[] = {
	JSON_STRING("name"), JSON_STRINGS("wards"), JSON_BOOL("covered"), JSON_BOOL("demo")};
static const struct json_field area_update_body[] = {
	JSON_STRING("name"), JSON_STRINGS("wards"), JSON_BOOL("covered")};
#define PUBLIC_ENTRY_BODY                                                               \
	JSON_STRING("name"), JSON_STRING("mobile"), JSON_STRING("email"),                   \
		JSON_STRING("facebook_url"), JSON_STRING("introduction")
static const struct json_field coordinator_body[] = {PUBLIC_ENTRY_BODY,
						     JSON_STRING("username")};
static const struct json_field public_entry_body[] = {PUBLIC_ENTRY_BODY};
static const struct json_field drop_in_body[] = {
	JSON_STRING("venue"), JSON_STRING("address"), JSON_STRING("weekday"),
	JSON_STRING("starts"), JSON_STRING("ends"), JSON_STRING("frequency"),
	JSON_STRING("week"), JSON_STRING("first_date"), JSON_STRING("notes"),
	JSON_STRING("last_date")};
static const struct json_field drop_in_update_body[] = {
	JSON_STRING("venue"), JSON_STRING("address"), JSON_STRING("weekday"),
	JSON_STRING("starts"), JSON_STRING("ends"), JSON_STRING("frequency"),
	JSON_STRING("week"), JSON_STRING("first_date"), JSON_STRING("notes"),
	JSON_STRING("last_date")};
static const struct json_field drop_in_end_body[] = {JSON_STRING("last_date")};
static const struct json_field cancellation_body[] = {JSON_STRING("on_date"),
						      JSON_STRING("reason")};
static const struct json_field new_user_body[] = {
	JSON_STRING("username"), JSON_STRING("display_name"), JSON_STRING("role"),
	JSON_STRINGS("areas"), JSON_STRING("password"), JSON_STRING("email")};
static const struct json_field token_body[] = {JSON_STRING("name"), JSON_STRINGS("scopes")};
static const struct json_field role_body[] = {JSON_STRINGS("areas")};
static const struct json_field password_body[] = {JSON_STRING("password")};
static const struct json_field disabled_body[] = {JSON_BOOL("disabled")};
static const struct json_field email_body[] = {JSON_STRING("email")};
static const struct json_field council_body[] = {
	JSON_STRING("name"),
	JSON_STRING("phone"),
	JSON_STRING("email"),
	JSON_STRING("website"),
	JSON_STRING("adult_social_care_phone"),
	JSON_STRING("adult_social_care_url"),
	JSON_STRING("dpo_name"),
	JSON_STRING("dpo_email"),
	JSON_STRING("dpo_address"),
	JSON_STRING("outside_cover"),
	JSON_STRING("team_name"),
	JSON_STRING("team_email"),
	JSON_STRING("team_phone"),
};
static const struct json_field person_body[] = {
	JSON_STRING("name"), JSON_STRING("phone"), JSON_STRING("email"),
	JSON_STRING("other_contact"), JSON_STRING("contact_when"), JSON_STRING("postcode"),
	JSON_STRING("best_place_to_meet"), JSON_STRING("address"), JSON_STRING("background")};
static const struct json_field introducer_body[] = {
	JSON_STRING("relationship"), JSON_STRING("name"), JSON_STRING("organisation"),
	JSON_STRING("phone"), JSON_STRING("email")};
static const struct json_field introduction_body[] = {
	JSON_OBJECT("person", person_body), JSON_OBJECT("introduced_by", introducer_body),
	JSON_STRING("person_knows"), JSON_STRING("channel"), JSON_BOOL("urgent"),
	JSON_STRING("other_service"), JSON_STRING("received_at")};
static const struct json_field introduction_change_body[] = {
	JSON_STRING("status"), JSON_STRING("note"), JSON_STRING("person_knows")};
static const struct json_field leave_body[] = {JSON_STRING("starts_on"), JSON_STRING("ends_on")};

/* Walking alongside: people (declarations) */

static const struct route_param a_person[] = {PATH_PARAM("id", &validate_id, "person")};
static const struct route_param an_involvement[] = {
	PATH_PARAM("id", &validate_id, "person"),
	PATH_PARAM("involvement", &validate_id, "involvement"),
};
static const struct route_param person_search[] = {
	QUERY_PARAM("name", &typed_line, OPTIONAL),
	QUERY_PARAM("postcode", &typed_line, OPTIONAL),
	QUERY_PARAM("phone", &typed_line, OPTIONAL),
	QUERY_PARAM("email", &typed_line, OPTIONAL),
};
/* The details, as the domain names them (domain/people/person.h). */
#define PERSON_DETAILS_BODY                                                                 \
	JSON_STRING("name"), JSON_STRING("preferred_name"), JSON_STRING("phone"),           \
		JSON_STRING("email"), JSON_STRING("other_contact"),                         \
		JSON_STRING("contact_when"), JSON_STRING("best_place_to_meet"),             \
		JSON_STRING("postcode"), JSON_STRING("coordinator_id"),                     \
		JSON_STRING("what_matters"), JSON_STRING("good_life"), JSON_STRING("hopes"), \
		JSON_STRING("gifts"), JSON_STRING("would_offer"), JSON_STRINGS("tags")
static const struct json_field new_person_body[] = {
	PERSON_DETAILS_BODY, JSON_STRING("kind"), JSON_STRING("started_on"),
	JSON_STRING("area_id"), JSON_STRING("household_involvement_id")};
static const struct json_field person_change_body[] = {PERSON_DETAILS_BODY,
						       JSON_INTEGER("version")};
static const struct json_field involvement_body[] = {JSON_STRING("kind"),
						     JSON_STRING("started_on")};
static const struct json_field involvement_change_body[] = {
	JSON_STRING("kind"), JSON_STRING("ended_on"), JSON_STRING("end_reason"),
	JSON_STRING("end_words"), JSON_STRING("ended_by"), JSON_STRING("note")};
static const struct json_field a_person_body[] = {JSON_STRING("person_id")};

/* people pages */
static const struct validator kind = VALIDATE_ENUM(involvement_kinds);
static const struct validator end_reason = VALIDATE_ENUM(involvement_end_reasons);
static const struct validator ended_by = VALIDATE_ENUM(involvement_ended_by);
static const struct validator version = VALIDATE_INTEGER(1, 2000000000);
static const struct route_param new_person_form[] = {
	FORM_PARAM("name", &typed_line, OPTIONAL),
	FORM_PARAM("preferred_name", &typed_line, OPTIONAL),
	FORM_PARAM("phone", &typed_line, OPTIONAL),
	FORM_PARAM("email", &typed_line, OPTIONAL),
	FORM_PARAM("other_contact", &typed_line, OPTIONAL),
	FORM_PARAM("contact_when", &typed_line, OPTIONAL),
	FORM_PARAM("best_place_to_meet", &typed_line, OPTIONAL),
	FORM_PARAM("postcode", &typed_line, OPTIONAL),
	FORM_PARAM("area_id", &validate_id, OPTIONAL),  /* a select */
	FORM_PARAM("kind", &kind, OPTIONAL),            /* radios */
	DATE_FORM_PARAMS("started_on"),
	FORM_PARAM("confirm", &ticked, OPTIONAL),       /* "someone new", after matches */
	FORM_PARAM("household", &validate_id, OPTIONAL), /* hidden: the family joined */
};
static const struct route_param new_person_page[] = {
	QUERY_PARAM("household", &validate_id, OPTIONAL)};
static const struct route_param person_details_form[] = {
	PATH_PARAM("id", &validate_id, "person"),
	FORM_PARAM("name", &typed_line, OPTIONAL),
	FORM_PARAM("preferred_name", &typed_line, OPTIONAL),
	FORM_PARAM("phone", &typed_line, OPTIONAL),
	FORM_PARAM("email", &typed_line, OPTIONAL),
	FORM_PARAM("other_contact", &typed_line, OPTIONAL),
	FORM_PARAM("contact_when", &typed_line, OPTIONAL),
	FORM_PARAM("best_place_to_meet", &typed_line, OPTIONAL),
	FORM_PARAM("postcode", &typed_line, OPTIONAL),
	FORM_PARAM("coordinator_id", &validate_id, OPTIONAL),  /* a select */
	FORM_PARAM("version", &version, REQUIRED),             /* hidden */
};
static const struct route_param person_matters_form[] = {
	PATH_PARAM("id", &validate_id, "person"),
	FORM_PARAM("what_matters", &typed_prose, OPTIONAL),
	FORM_PARAM("good_life", &typed_prose, OPTIONAL),
	FORM_PARAM("hopes", &typed_prose, OPTIONAL),
	FORM_PARAM("gifts", &typed_prose, OPTIONAL),
	FORM_PARAM("would_offer", &typed_prose, OPTIONAL),
	FORM_PARAM("tags", &typed_line, OPTIONAL | PARAM_REPEATS),  /* checkboxes */
	FORM_PARAM("new_tags", &typed_line, OPTIONAL),
	FORM_PARAM("version", &version, REQUIRED),                  /* hidden */
};
static const struct route_param involvement_end_form[] = {
	PATH_PARAM("id", &validate_id, "person"),
	PATH_PARAM("involvement", &validate_id, "involvement"),
	DATE_FORM_PARAMS("ended_on"),
	FORM_PARAM("end_reason", &end_reason, OPTIONAL),  /* radios */
	FORM_PARAM("end_words", &typed_line, OPTIONAL),
	FORM_PARAM("ended_by", &ended_by, OPTIONAL),      /* radios */
};
static const struct route_param involvement_kind_form[] = {
	PATH_PARAM("id", &validate_id, "person"),
	PATH_PARAM("involvement", &validate_id, "involvement"),
	FORM_PARAM("kind", &kind, REQUIRED),  /* hidden */
};
static const struct route_param return_form[] = {
	PATH_PARAM("id", &validate_id, "person"),
	FORM_PARAM("kind", &kind, OPTIONAL),  /* radios */
	DATE_FORM_PARAMS("started_on"),
};
static const struct route_param introduction_person_form[] = {
	PATH_PARAM("id", &validate_id, "introduction"),
	FORM_PARAM("person_id", &validate_id, REQUIRED),  /* a match's button */
};

/* Walking alongside: conversations (declarations) */
static const struct validator conversation_way = VALIDATE_ENUM(conversation_ways);
static const struct validator conversation_state = VALIDATE_ENUM(conversation_states);
static const struct route_param a_persons_log[] = {PATH_PARAM("id", &validate_id, "person")};
static const struct route_param a_conversation[] = {
	PATH_PARAM("id", &validate_id, "person"),
	PATH_PARAM("conversation", &validate_id, "conversation"),
};
static const struct route_param conversation_form[] = {
	PATH_PARAM("id", &validate_id, "person"),
	DATE_TIME_FORM_PARAMS("date"),
	FORM_PARAM("how", &conversation_way, OPTIONAL),  /* radios: none chosen is asked again */
	FORM_PARAM("state", &conversation_state, OPTIONAL),
	FORM_PARAM("drop_in_id", &validate_id, OPTIONAL),  /* a select, empty for none */
	FORM_PARAM("place", &typed_line, OPTIONAL),
	FORM_PARAM("who_was_there", &typed_line, OPTIONAL),
	FORM_PARAM("note", &typed_prose, OPTIONAL),
	FORM_PARAM("next_step", &typed_line, OPTIONAL),
	DATE_FORM_PARAMS("next_step_on"),
	FORM_PARAM("good_life", &ticked, OPTIONAL),
};
static const struct route_param conversation_note_form[] = {
	PATH_PARAM("id", &validate_id, "person"),
	PATH_PARAM("conversation", &validate_id, "conversation"),
	FORM_PARAM("note", &typed_prose, OPTIONAL),
};
static const struct json_field conversation_body[] = {
	JSON_STRING("at"), JSON_STRING("how"), JSON_STRING("state"), JSON_STRING("drop_in_id"),
	JSON_STRING("place"), JSON_STRING("who_was_there"), JSON_STRING("note"),
	JSON_BOOL("good_life"), JSON_STRING("next_step"), JSON_STRING("next_step_on")};
static const struct json_field conversation_note_body[] = {JSON_STRING("note")};

/* Costs avoided (declarations): kinds, money and counts are typed or
 * chosen, and checked by the domain so a mistake is told at its field
 * (domain/outcomes/costs.h). */
static const struct route_param unit_costs_page[] = {QUERY_PARAM("added", &flag, OPTIONAL)};
static const struct route_param unit_cost_form[] = {
	QUERY_PARAM("added", &flag, OPTIONAL),  /* the page drawn again reads it */
	/* typed_prose even for lines: ten thousand characters is far above
	 * the domain's 200, so a long paste is told beside its field. */
	FORM_PARAM("kind", &typed_line, OPTIONAL),
	FORM_PARAM("pounds", &typed_prose, OPTIONAL),
	FORM_PARAM("unit", &typed_prose, OPTIONAL),
	FORM_PARAM("source", &typed_prose, OPTIONAL),
	FORM_PARAM("source_year", &typed_prose, OPTIONAL),
	DATE_FORM_PARAMS("from_on"),
};
static const struct json_field unit_cost_body[] = {
	JSON_STRING("kind"), JSON_STRING("pounds"), JSON_STRING("unit"), JSON_STRING("source"),
	JSON_STRING("source_year"), JSON_STRING("from_on")};
static const struct route_param a_persons_costs[] = {PATH_PARAM("id", &validate_id, "person")};
static const struct route_param a_cost_event[] = {
	PATH_PARAM("id", &validate_id, "person"),
	PATH_PARAM("event", &validate_id, "cost_event"),
};
static const struct route_param cost_event_form[] = {
	PATH_PARAM("id", &validate_id, "person"),
	FORM_PARAM("kind", &typed_line, OPTIONAL),  /* radios: none chosen is asked again */
	DATE_FORM_PARAMS("happened_on"),
	FORM_PARAM("quantity", &typed_line, OPTIONAL),
	FORM_PARAM("person_view", &typed_prose, OPTIONAL),
	FORM_PARAM("note", &typed_prose, OPTIONAL),
};
static const struct route_param cost_withdraw_form[] = {
	PATH_PARAM("id", &validate_id, "person"),
	PATH_PARAM("event", &validate_id, "cost_event"),
	FORM_PARAM("why", &typed_prose, OPTIONAL),
};
static const struct json_field cost_event_body[] = {
	JSON_STRING("kind"), JSON_STRING("happened_on"), JSON_INTEGER("quantity"),
	JSON_STRING("person_view"), JSON_STRING("note")};
static const struct json_field cost_withdraw_body[] = {JSON_STRING("why")};

/* Walking alongside: caseload (declarations) */
static const struct validator moved_count = VALIDATE_INTEGER(0, 100000);
static const struct route_param caseload_view[] = {
	QUERY_PARAM("coordinator", &validate_id, OPTIONAL)};
static const struct route_param team_caseloads_view[] = {
	QUERY_PARAM("moved", &moved_count, OPTIONAL)};
static const struct route_param capacity_form[] = {
	PATH_PARAM("id", &validate_id, "coordinator"),
	FORM_PARAM("capacity", &typed_line, OPTIONAL),
};
static const struct route_param move_form[] = {
	PATH_PARAM("id", &validate_id, "coordinator"),
	FORM_PARAM("person", &validate_id, OPTIONAL | PARAM_REPEATS),  /* checkboxes */
	FORM_PARAM("all", &ticked, OPTIONAL),
	FORM_PARAM("to", &validate_id, OPTIONAL),  /* a select */
};
static const struct json_field capacity_body[] = {JSON_INTEGER("capacity")};
static const struct json_field move_body[] = {JSON_STRING("to"), JSON_STRINGS("person_ids")};

/* Walking alongside: import (declarations) */
static const char *const import_actions[] = {"check", "import", NULL};
static const struct validator import_action = VALIDATE_ENUM(import_actions);
/* The domain refuses a file over IMPORT_BYTES_MAX; the body limit
 * (1M by default) stops a larger one first. */
static const struct validator pasted_csv = VALIDATE_TEXT(8 * 1024 * 1024);
static const struct validator people_count = VALIDATE_INTEGER(0, 1000000);
static const struct route_param import_page[] = {
	QUERY_PARAM("imported", &people_count, OPTIONAL)};
static const struct route_param import_form[] = {
	FORM_PARAM("csv", &pasted_csv, OPTIONAL), FORM_PARAM("action", &import_action, REQUIRED)};
static const struct json_field import_body[] = {JSON_STRING("csv"), JSON_BOOL("dry_run")};

/* Walking alongside: network (declarations) */
static const struct validator picture_number = VALIDATE_INTEGER(1, 1000000);
static const struct route_param a_picture[] = {
	PATH_PARAM("id", &validate_id, "person"),
	PATH_PARAM("number", &picture_number, "picture"),
};
static const struct route_param network_comparison[] = {
	PATH_PARAM("id", &validate_id, "person"),
	QUERY_PARAM("from", &picture_number, OPTIONAL),
	QUERY_PARAM("to", &picture_number, OPTIONAL),
};
static const struct json_field network_member_body[] = {
	JSON_STRING("member_id"), JSON_STRING("name"), JSON_STRING("relationship"),
	JSON_STRING("relationship_words"), JSON_INTEGER("circle"), JSON_BOOL("can_call_on")};
static const struct json_field network_body[] = {
	JSON_STRING("taken_on"), JSON_STRING("conversation_id"), JSON_STRING("note"),
	JSON_OBJECTS("members", network_member_body)};

/* Walking alongside: network pages (declarations) */
static const struct validator network_relationship = VALIDATE_ENUM(network_relationships);
static const struct validator network_row = VALIDATE_INTEGER(0, 1000);
static const char *const network_actions[] = {"save", "more", NULL};
static const struct validator network_action = VALIDATE_ENUM(network_actions);
static const struct route_param a_network_picture[] = {
	PATH_PARAM("id", &validate_id, "person"),
	QUERY_PARAM("picture", &picture_number, OPTIONAL),
};
/* One row a member: every field repeats, in row order (web/network.c). */
static const struct route_param network_form[] = {
	PATH_PARAM("id", &validate_id, "person"),
	FORM_PARAM("member_id", &validate_id, OPTIONAL | PARAM_REPEATS),  /* hidden */
	FORM_PARAM("name", &typed_line, OPTIONAL | PARAM_REPEATS),
	FORM_PARAM("relationship", &network_relationship, OPTIONAL | PARAM_REPEATS),  /* selects */
	FORM_PARAM("relationship_words", &typed_line, OPTIONAL | PARAM_REPEATS),
	/* A select, but a value made by hand is the domain's to name at its
	 * row, on the form drawn again (the API keeps its integer). */
	FORM_PARAM("circle", &typed_line, OPTIONAL | PARAM_REPEATS),
	FORM_PARAM("can_call_on", &network_row, OPTIONAL | PARAM_REPEATS),  /* checkboxes */
	DATE_FORM_PARAMS("taken_on"),
	FORM_PARAM("conversation_id", &validate_id, OPTIONAL),  /* a select, empty for none */
	FORM_PARAM("note", &typed_prose, OPTIONAL),
	FORM_PARAM("action", &network_action, OPTIONAL),  /* the two buttons */
};

/* Walking alongside: agreement (declarations) */
static const struct route_param agreement_of[] = {PATH_PARAM("id", &validate_id, "person")};
/* What is read may be an earlier agreement, named by its involvement. */
static const struct route_param agreement_read[] = {
	PATH_PARAM("id", &validate_id, "person"),
	QUERY_PARAM("involvement", &validate_id, OPTIONAL),
};
static const struct route_param agreement_version_of[] = {
	PATH_PARAM("id", &validate_id, "person"),
	PATH_PARAM("n", &version, "version"),
	QUERY_PARAM("involvement", &validate_id, OPTIONAL),
};
static const struct route_param agreement_versions_compared[] = {
	PATH_PARAM("id", &validate_id, "person"),
	QUERY_PARAM("from", &version, PARAM_REQUIRED),
	QUERY_PARAM("to", &version, PARAM_REQUIRED),
	QUERY_PARAM("involvement", &validate_id, OPTIONAL),
};
static const struct json_field agreement_step_body[] = {
	JSON_STRING("key"), JSON_STRING("words"), JSON_STRING("taken_by"),
	JSON_STRING("taken_by_words"), JSON_STRING("by_when"), JSON_STRING("status")};
static const struct json_field agreement_goal_body[] = {
	JSON_STRING("key"), JSON_STRING("words"), JSON_OBJECTS("steps", agreement_step_body)};
static const struct json_field agreement_body[] = {
	JSON_INTEGER("from_version"), JSON_STRING("state"), JSON_STRING("asked_by"),
	JSON_STRING("why"), JSON_STRING("agreed_on"), JSON_STRING("agreed_how"),
	JSON_STRING("other_plan_service"), JSON_STRING("other_plan_reference"),
	JSON_STRING("other_plan_note"), JSON_OBJECTS("goals", agreement_goal_body)};

/* Outcomes (declarations) */
static const struct route_param outcomes_of[] = {PATH_PARAM("id", &validate_id, "person")};
static const struct route_param outcome_review_of[] = {
	PATH_PARAM("id", &validate_id, "person"),
	PATH_PARAM("review", &validate_id, "review"),
};
static const char *const outcome_retired_values[] = {"1", NULL};
static const struct validator outcome_retired = VALIDATE_ENUM(outcome_retired_values);
static const struct route_param outcome_statement_list[] = {
	QUERY_PARAM("retired", &outcome_retired, OPTIONAL)};
/* A statement's key: the five domains' ('in_control') or one made from a
 * title; the domain finds it or answers not found. */
static const struct validator outcome_key = VALIDATE_TEXT(64);
static const struct route_param outcome_statement_of[] = {
	PATH_PARAM("key", &outcome_key, "statement")};
static const struct json_field outcome_answer_body[] = {
	JSON_STRING("statement_id"), JSON_INTEGER("rating"), JSON_BOOL("rather_not_say"),
	JSON_STRING("words")};
static const struct json_field outcome_review_body[] = {
	JSON_STRING("involvement_id"), JSON_STRING("point"), JSON_STRING("taken_on"),
	JSON_BOOL("declined"), JSON_STRING("declined_words"),
	JSON_OBJECTS("answers", outcome_answer_body)};
static const struct json_field outcome_withdraw_body[] = {JSON_STRING("why")};
static const struct json_field outcome_statement_body[] = {
	JSON_STRING("title"), JSON_STRING("question"), JSON_STRINGS("steps")};
static const struct json_field outcome_statement_change_body[] = {
	JSON_STRING("title"), JSON_STRING("question"), JSON_STRINGS("steps"), JSON_BOOL("retired"),
	JSON_INTEGER("position")};

/* Outcomes pages (declarations) */
/* The form's fields are checked by the domain, which says what is wrong in
 * the field's own words and the form is drawn again with what was typed:
 * so the route takes any text the body can carry for their words (the
 * domain keeps OUTCOME_WORDS_MAX), and a radio's or hidden field's value
 * changed in the page as text for the domain to refuse. */
static const struct validator outcome_typed_words = VALIDATE_TEXT(1024 * 1024);
static const struct validator outcome_typed_value = VALIDATE_TEXT(64);
/* One statement of the form: which it is (hidden), the radios, their words. */
#define OUTCOME_FORM_ANSWER(n)                                                     \
	FORM_PARAM("statement_" #n, &outcome_typed_value, OPTIONAL),               \
		FORM_PARAM("answer_" #n, &outcome_typed_value, OPTIONAL),          \
		FORM_PARAM("words_" #n, &outcome_typed_words, OPTIONAL)
/* As many as OUTCOME_STATEMENTS_MAX, the statements in use at most. */
static const struct route_param outcome_form[] = {
	PATH_PARAM("id", &validate_id, "person"),
	FORM_PARAM("point", &outcome_typed_value, OPTIONAL),  /* radios */
	DATE_FORM_PARAMS("taken_on"),
	OUTCOME_FORM_ANSWER(1), OUTCOME_FORM_ANSWER(2), OUTCOME_FORM_ANSWER(3),
	OUTCOME_FORM_ANSWER(4), OUTCOME_FORM_ANSWER(5), OUTCOME_FORM_ANSWER(6),
	OUTCOME_FORM_ANSWER(7), OUTCOME_FORM_ANSWER(8), OUTCOME_FORM_ANSWER(9),
	OUTCOME_FORM_ANSWER(10), OUTCOME_FORM_ANSWER(11), OUTCOME_FORM_ANSWER(12),
	OUTCOME_FORM_ANSWER(13), OUTCOME_FORM_ANSWER(14), OUTCOME_FORM_ANSWER(15),
	OUTCOME_FORM_ANSWER(16),
	FORM_PARAM("declined_words", &outcome_typed_words, OPTIONAL),
	/* the two buttons: "declined", or else saved */
	FORM_PARAM("action", &outcome_typed_value, OPTIONAL),
};
_Static_assert(OUTCOME_STATEMENTS_MAX == 16, "outcome_form declares 16 answers");
static const struct route_param outcome_withdraw_form[] = {
	PATH_PARAM("id", &validate_id, "person"),
	PATH_PARAM("review", &validate_id, "review"),
	FORM_PARAM("why", &outcome_typed_words, OPTIONAL),
};
static const struct route_param outcome_statement_form[] = {
	FORM_PARAM("title", &typed_line, OPTIONAL), FORM_PARAM("question", &typed_line, OPTIONAL),
	FORM_PARAM("step_1", &typed_line, OPTIONAL), FORM_PARAM("step_2", &typed_line, OPTIONAL),
	FORM_PARAM("step_3", &typed_line, OPTIONAL), FORM_PARAM("step_4", &typed_line, OPTIONAL),
	FORM_PARAM("step_5", &typed_line, OPTIONAL),
};
static const char *const outcome_statement_actions[] = {"reword", "retire", "confirm_retire",
							"ask_again", "up", "down", NULL};
static const struct validator outcome_statement_action = VALIDATE_ENUM(outcome_statement_actions);
static const struct route_param outcome_statement_change_form[] = {
	PATH_PARAM("key", &outcome_key, "statement"),
	FORM_PARAM("title", &typed_line, OPTIONAL), FORM_PARAM("question", &typed_line, OPTIONAL),
	FORM_PARAM("step_1", &typed_line, OPTIONAL), FORM_PARAM("step_2", &typed_line, OPTIONAL),
	FORM_PARAM("step_3", &typed_line, OPTIONAL), FORM_PARAM("step_4", &typed_line, OPTIONAL),
	FORM_PARAM("step_5", &typed_line, OPTIONAL),
	FORM_PARAM("action", &outcome_statement_action, PARAM_REQUIRED),
};

/* Walking alongside: agreement pages (declarations) */
static const char *const agreement_more_rows[] = {"rows", NULL};
static const struct validator agreement_form_more = VALIDATE_ENUM(agreement_more_rows);
static const struct validator agreement_form_taker = VALIDATE_ENUM(agreement_takers);
static const struct validator agreement_form_state = VALIDATE_ENUM(agreement_step_states);
static const struct validator agreement_form_asker = VALIDATE_ENUM(agreement_askers);
static const struct validator agreement_form_how = VALIDATE_ENUM(agreement_agreed_hows);
static const struct validator agreement_form_row = VALIDATE_INTEGER(0, 100);
static const struct validator agreement_form_from = VALIDATE_INTEGER(0, 2000000000);
static const struct validator agreement_form_key = VALIDATE_TEXT(100);
/* The pages that read take what the API's do (agreement_read,
 * agreement_version_of, agreement_versions_compared). */
static const struct route_param agreement_form[] = {
	PATH_PARAM("id", &validate_id, "person"),
	FORM_PARAM("from_version", &agreement_form_from, REQUIRED),  /* hidden */
	FORM_PARAM("goal", &typed_prose, OPTIONAL | PARAM_REPEATS),
	FORM_PARAM("goal_key", &agreement_form_key, OPTIONAL | PARAM_REPEATS),  /* hidden */
	FORM_PARAM("step", &typed_prose, OPTIONAL | PARAM_REPEATS),
	FORM_PARAM("step_goal", &agreement_form_row, OPTIONAL | PARAM_REPEATS),  /* hidden */
	FORM_PARAM("step_key", &agreement_form_key, OPTIONAL | PARAM_REPEATS),   /* hidden */
	FORM_PARAM("step_taken_by", &agreement_form_taker, OPTIONAL | PARAM_REPEATS),
	FORM_PARAM("step_taken_by_words", &typed_line, OPTIONAL | PARAM_REPEATS),
	FORM_PARAM("step_by_when-day", &typed_line, OPTIONAL | PARAM_REPEATS),
	FORM_PARAM("step_by_when-month", &typed_line, OPTIONAL | PARAM_REPEATS),
	FORM_PARAM("step_by_when-year", &typed_line, OPTIONAL | PARAM_REPEATS),
	FORM_PARAM("step_status", &agreement_form_state, OPTIONAL | PARAM_REPEATS),
	FORM_PARAM("asked_by", &agreement_form_asker, OPTIONAL),  /* radios */
	FORM_PARAM("why", &typed_prose, OPTIONAL),
	DATE_FORM_PARAMS("agreed_on"),
	FORM_PARAM("agreed_how", &agreement_form_how, OPTIONAL),  /* radios */
	FORM_PARAM("other_plan_service", &typed_line, OPTIONAL),
	FORM_PARAM("other_plan_reference", &typed_line, OPTIONAL),
	FORM_PARAM("other_plan_note", &typed_line, OPTIONAL),
	FORM_PARAM("more", &agreement_form_more, OPTIONAL),  /* "Add more rows" */
};
static const struct route_param agreement_end_form[] = {
	PATH_PARAM("id", &validate_id, "person"),
	FORM_PARAM("from_version", &agreement_form_from, REQUIRED),  /* hidden */
	FORM_PARAM("asked_by", &agreement_form_asker, OPTIONAL),    /* radios */
	FORM_PARAM("why", &typed_prose, OPTIONAL),
	DATE_FORM_PARAMS("agreed_on"),
	FORM_PARAM("agreed_how", &agreement_form_how, OPTIONAL),    /* radios */
};

/* Community directory: listings (declarations) */
static const struct route_param listing_of[] = {PATH_PARAM("id", &validate_uuid, "listing")};
static const struct route_param listing_version_of[] = {
	PATH_PARAM("id", &validate_uuid, "listing"),
	PATH_PARAM("n", &version, "version"),
};
static const struct json_field listing_org_body[] = {
	JSON_STRING("id"), JSON_STRING("name"), JSON_STRING("description"), JSON_STRING("email"),
	JSON_STRING("website")};
static const struct json_field listing_location_body[] = {
	JSON_STRING("id"), JSON_STRING("service_at_location_id"), JSON_STRING("location_type"),
	JSON_STRING("name"), JSON_STRING("description"), JSON_STRING("address_1"),
	JSON_STRING("city"), JSON_STRING("postal_code"), JSON_NUMBER("latitude"),
	JSON_NUMBER("longitude"), JSON_STRING("accessibility"), JSON_STRING("address_id"),
	JSON_STRING("accessibility_id"),
	/* shown only */
	JSON_STRING("ward_code"), JSON_STRING("ward_name"), JSON_STRING("area_id"),
	JSON_STRING("area_name")};
static const struct json_field listing_schedule_body[] = {
	JSON_STRING("id"), JSON_STRING("service_at_location_id"), JSON_STRING("freq"),
	JSON_INTEGER("interval"), JSON_STRING("byday"), JSON_STRING("bymonthday"),
	JSON_STRING("dtstart"), JSON_STRING("valid_from"), JSON_STRING("valid_to"),
	JSON_STRING("opens_at"), JSON_STRING("closes_at"), JSON_STRING("description"),
	JSON_STRING("attending_type"), JSON_STRING("notes"), JSON_STRING("original_text")};
static const struct json_field listing_phone_body[] = {
	JSON_STRING("id"), JSON_STRING("number"), JSON_STRING("description")};
static const struct json_field listing_contact_body[] = {
	JSON_STRING("id"), JSON_STRING("name"), JSON_STRING("title"), JSON_STRING("email"),
	JSON_BOOL("public"), JSON_STRING("agreed_on"), JSON_OBJECTS("phones", listing_phone_body)};
static const struct json_field listing_cost_body[] = {
	JSON_STRING("id"), JSON_STRING("option"), JSON_NUMBER("amount"),
	JSON_STRING("amount_description"), JSON_STRING("valid_from"), JSON_STRING("valid_to")};
static const struct json_field listing_language_body[] = {
	JSON_STRING("id"), JSON_STRING("name"), JSON_STRING("code"), JSON_STRING("note")};
static const struct json_field listing_area_body[] = {
	JSON_STRING("id"), JSON_STRING("name"), JSON_STRING("area_id"), JSON_STRING("uri")};
static const struct json_field listing_term_body[] = {
	JSON_STRING("attribute_id"), JSON_STRING("term_id"),
	/* shown only */
	JSON_STRING("taxonomy_id"), JSON_STRING("name"), JSON_STRING("code")};
static const struct json_field listing_source_body[] = {
	JSON_STRING("name"), JSON_STRING("attribution"), JSON_STRING("licence"),
	JSON_STRING("url"), JSON_BOOL("contacts_public")};
/* What GET answers, so it can be sent back: "id", "source" and the fields
 * after "note" are shown only, and ignored. */
static const struct json_field listing_body[] = {
	JSON_INTEGER("version"), JSON_STRING("status"), JSON_STRING("name"),
	JSON_STRING("description"), JSON_STRING("url"), JSON_STRING("email"),
	JSON_STRING("fees_description"), JSON_BOOL("free"), JSON_STRING("how_to_join"),
	JSON_STRING("eligibility"), JSON_INTEGER("minimum_age"), JSON_INTEGER("maximum_age"),
	JSON_STRING("accessibility"), JSON_STRING("alert"), JSON_BOOL("demo"),
	JSON_STRING("source_id"), JSON_STRING("note"),
	JSON_OBJECT("organization", listing_org_body),
	JSON_OBJECTS("locations", listing_location_body),
	JSON_OBJECTS("schedules", listing_schedule_body),
	JSON_OBJECTS("contacts", listing_contact_body),
	JSON_OBJECTS("cost_options", listing_cost_body),
	JSON_OBJECTS("languages", listing_language_body),
	JSON_OBJECTS("service_areas", listing_area_body),
	JSON_OBJECTS("terms", listing_term_body),
	JSON_STRING("id"), JSON_OBJECT("source", listing_source_body), JSON_STRING("checked_on"),
	JSON_STRING("checked_by_name"), JSON_STRING("review_reason"), JSON_BOOL("needs_review"),
	JSON_STRING("retired_at"), JSON_STRING("retired_by_name"), JSON_STRING("retired_reason"),
	JSON_STRING("created_at"), JSON_STRING("last_modified")};
static const struct json_field listing_check_body[] = {JSON_INTEGER("version")};
static const struct json_field listing_retire_body[] = {JSON_INTEGER("version"),
							 JSON_STRING("reason")};

/* Community directory: public pages (declarations) */
static const struct validator community_page = VALIDATE_INTEGER(1, 100000);
/* The selects and radios are plain text here: the page names a choice it
 * never offers beside its field, with the form drawn again. */
static const struct route_param community_search[] = {
	QUERY_PARAM("postcode", &typed_line, OPTIONAL),
	QUERY_PARAM("within", &typed_line, OPTIONAL),  /* a select */
	QUERY_PARAM("words", &typed_line, OPTIONAL),
	QUERY_PARAM("kind", &typed_line, OPTIONAL),    /* a select of terms */
	QUERY_PARAM("day", &typed_line, OPTIONAL),     /* a select */
	QUERY_PARAM("cost", &typed_line, OPTIONAL),    /* radios */
	QUERY_PARAM("page", &community_page, OPTIONAL),       /* the page's links */
};
static const struct route_param a_listing[] = {PATH_PARAM("id", &validate_uuid, "listing")};
static const struct route_param community_suggest_page[] = {
	QUERY_PARAM("service", &validate_uuid, OPTIONAL)};
static const struct route_param community_suggest_form[] = {
	QUERY_PARAM("service", &validate_uuid, OPTIONAL),
	FORM_PARAM("service", &validate_uuid, OPTIONAL),  /* hidden, for a correction */
	FORM_PARAM("name", &typed_line, OPTIONAL),
	FORM_PARAM("details", &typed_prose, OPTIONAL),
	FORM_PARAM("where_text", &typed_prose, OPTIONAL),
	FORM_PARAM("when_text", &typed_prose, OPTIONAL),
	FORM_PARAM("from_name", &typed_line, OPTIONAL),
	FORM_PARAM("from_email", &typed_line, OPTIONAL),
	FORM_PARAM("organiser_agrees", &ticked, OPTIONAL),
	FORM_PARAM("website", &typed_line, OPTIONAL),  /* the honeypot robots fill */
};

/* Community directory: staff pages (declarations) */
static const char *const staff_community_more_rows[] = {"time", "contact", NULL};
static const struct validator staff_community_more = VALIDATE_ENUM(staff_community_more_rows);
static const char *const staff_community_hows[] = {"weekly", "fortnightly", "monthly", "once",
						   NULL};
static const struct validator staff_community_how = VALIDATE_ENUM(staff_community_hows);
static const char *const staff_community_frees[] = {"yes", "no", "unknown", NULL};
static const struct validator staff_community_free = VALIDATE_ENUM(staff_community_frees);
static const struct validator staff_community_version = VALIDATE_INTEGER(0, 2000000000);
static const struct validator staff_community_row = VALIDATE_INTEGER(0, 100);
static const struct route_param staff_community_list[] = {
	QUERY_PARAM("q", &typed_line, OPTIONAL)};
static const char *const staff_community_dones[] = {"saved", "checked", "retired", NULL};
static const struct validator staff_community_done = VALIDATE_ENUM(staff_community_dones);
static const struct route_param staff_community_one[] = {
	PATH_PARAM("id", &validate_uuid, "listing"),
	QUERY_PARAM("done", &staff_community_done, OPTIONAL),  /* the banner after a change */
};
static const struct route_param staff_community_new[] = {
	QUERY_PARAM("suggestion", &validate_uuid, OPTIONAL)};
static const struct route_param staff_community_edit[] = {
	PATH_PARAM("id", &validate_uuid, "listing"),
	QUERY_PARAM("suggestion", &validate_uuid, OPTIONAL),
};
static const struct route_param staff_community_a_version[] = {
	PATH_PARAM("id", &validate_uuid, "listing"),
	PATH_PARAM("n", &version, "version"),
};
static const struct route_param staff_community_check_form[] = {
	PATH_PARAM("id", &validate_uuid, "listing"),
	FORM_PARAM("version", &staff_community_version, REQUIRED),  /* hidden */
};
static const struct route_param staff_community_retire_form[] = {
	PATH_PARAM("id", &validate_uuid, "listing"),
	FORM_PARAM("version", &staff_community_version, REQUIRED),  /* hidden */
	FORM_PARAM("reason", &typed_prose, OPTIONAL),
};
/* The listing form (web/community_listing_form.c).  Times and contacts
 * are rows: every field of a row repeats, in row order. */
#define STAFF_COMMUNITY_FORM_FIELDS                                                           \
	FORM_PARAM("version", &staff_community_version, REQUIRED),  /* hidden */               \
	FORM_PARAM("name", &typed_line, OPTIONAL),                                              \
	FORM_PARAM("organization_name", &typed_line, OPTIONAL),                                 \
	FORM_PARAM("organization_description", &typed_prose, OPTIONAL),                         \
	FORM_PARAM("description", &typed_prose, OPTIONAL),                                      \
	FORM_PARAM("how_to_join", &typed_prose, OPTIONAL),                                      \
	FORM_PARAM("eligibility", &typed_prose, OPTIONAL),                                      \
	FORM_PARAM("minimum_age", &typed_line, OPTIONAL),                                       \
	FORM_PARAM("maximum_age", &typed_line, OPTIONAL),                                       \
	FORM_PARAM("free", &staff_community_free, OPTIONAL),  /* radios */                      \
	FORM_PARAM("fees_description", &typed_prose, OPTIONAL),                                 \
	FORM_PARAM("accessibility", &typed_prose, OPTIONAL),                                    \
	FORM_PARAM("location_id", &validate_uuid, OPTIONAL),  /* hidden */                      \
	FORM_PARAM("place_name", &typed_line, OPTIONAL),                                        \
	FORM_PARAM("address", &typed_line, OPTIONAL),                                           \
	FORM_PARAM("city", &typed_line, OPTIONAL),                                              \
	FORM_PARAM("postcode", &typed_line, OPTIONAL),                                          \
	FORM_PARAM("latitude", &typed_line, OPTIONAL),                                          \
	FORM_PARAM("longitude", &typed_line, OPTIONAL),                                         \
	FORM_PARAM("term", &validate_uuid, OPTIONAL | PARAM_REPEATS),  /* checkboxes */         \
	FORM_PARAM("schedule_id", &validate_uuid, OPTIONAL | PARAM_REPEATS),  /* hidden */      \
	FORM_PARAM("schedule_how", &staff_community_how, OPTIONAL | PARAM_REPEATS),  /* select */ \
	/* Selects, but a value made by hand is the domain's to name at its                     \
	 * row, on the form drawn again. */                                                     \
	FORM_PARAM("schedule_day", &typed_line, OPTIONAL | PARAM_REPEATS),                      \
	FORM_PARAM("schedule_week", &typed_line, OPTIONAL | PARAM_REPEATS),                     \
	FORM_PARAM("schedule_opens", &typed_line, OPTIONAL | PARAM_REPEATS),                    \
	FORM_PARAM("schedule_closes", &typed_line, OPTIONAL | PARAM_REPEATS),                   \
	FORM_PARAM("schedule_from", &typed_line, OPTIONAL | PARAM_REPEATS),                     \
	FORM_PARAM("schedule_until", &typed_line, OPTIONAL | PARAM_REPEATS),                    \
	FORM_PARAM("contact_id", &validate_uuid, OPTIONAL | PARAM_REPEATS),  /* hidden */       \
	FORM_PARAM("contact_name", &typed_line, OPTIONAL | PARAM_REPEATS),                      \
	FORM_PARAM("contact_email", &typed_line, OPTIONAL | PARAM_REPEATS),                     \
	FORM_PARAM("contact_phone", &typed_line, OPTIONAL | PARAM_REPEATS),                     \
	FORM_PARAM("contact_public", &staff_community_row, OPTIONAL | PARAM_REPEATS),  /* checkboxes */ \
	FORM_PARAM("contact_agreed_on-day", &typed_line, OPTIONAL | PARAM_REPEATS),             \
	FORM_PARAM("contact_agreed_on-month", &typed_line, OPTIONAL | PARAM_REPEATS),           \
	FORM_PARAM("contact_agreed_on-year", &typed_line, OPTIONAL | PARAM_REPEATS),            \
	FORM_PARAM("note", &typed_prose, OPTIONAL),                                             \
	FORM_PARAM("suggestion", &validate_uuid, OPTIONAL),  /* hidden */                       \
	FORM_PARAM("more", &staff_community_more, OPTIONAL)  /* "Add another time/contact" */
static const struct route_param staff_community_create_form[] = {STAFF_COMMUNITY_FORM_FIELDS};
static const struct route_param staff_community_update_form[] = {
	PATH_PARAM("id", &validate_uuid, "listing"), STAFF_COMMUNITY_FORM_FIELDS};
static const struct route_param staff_community_decline_form[] = {
	PATH_PARAM("id", &validate_uuid, "suggestion"),
	FORM_PARAM("note", &typed_prose, OPTIONAL),
};

/* Community directory: ORUK API (declarations) */

static const struct validator oruk_page = VALIDATE_INTEGER(1, 1000000);
static const struct validator oruk_per_page = VALIDATE_INTEGER(1, SEARCH_PER_PAGE_MAX);
#define ORUK_PAGE                                                                   \
	QUERY_PARAM("page", &oruk_page, OPTIONAL),                                  \
		QUERY_PARAM("per_page", &oruk_per_page, OPTIONAL)
static const struct route_param oruk_paged[] = {ORUK_PAGE};
static const struct route_param oruk_terms_paged[] = {
	ORUK_PAGE, QUERY_PARAM("taxonomy_id", &validate_uuid, OPTIONAL)};
static const struct route_param oruk_taxonomy_id[] = {
	PATH_PARAM("id", &validate_uuid, "taxonomy")};
static const struct route_param oruk_term_id[] = {
	PATH_PARAM("id", &validate_uuid, "taxonomy_term")};
static const struct validator oruk_words = VALIDATE_TEXT(200);
static const struct validator oruk_age = VALIDATE_INTEGER(0, LISTING_AGE_MAX);
static const struct validator oruk_day = VALIDATE_ENUM(api_oruk_days);
static const struct validator oruk_proximity = VALIDATE_INTEGER(1, SEARCH_WITHIN_MAX);
static const struct route_param oruk_search[] = {
	ORUK_PAGE,
	QUERY_PARAM("search", &oruk_words, OPTIONAL),
	QUERY_PARAM("taxonomy_term_id", &validate_uuid, OPTIONAL),
	QUERY_PARAM("taxonomy_id", &validate_uuid, OPTIONAL),
	QUERY_PARAM("minimum_age", &oruk_age, OPTIONAL),
	QUERY_PARAM("maximum_age", &oruk_age, OPTIONAL),
	QUERY_PARAM("day", &oruk_day, OPTIONAL),
	QUERY_PARAM("start_time", &validate_time, OPTIONAL),
	QUERY_PARAM("end_time", &validate_time, OPTIONAL),
	QUERY_PARAM("modified_after", &validate_instant, OPTIONAL),
	QUERY_PARAM("postcode", &validate_postcode, OPTIONAL),
	QUERY_PARAM("proximity", &oruk_proximity, OPTIONAL),
};
static const struct route_param oruk_service_id[] = {PATH_PARAM("id", &validate_uuid, "service")};
static const struct route_param oruk_place_id[] = {
	PATH_PARAM("id", &validate_uuid, "service_at_location")};
static const struct route_param oruk_organization_id[] = {
	PATH_PARAM("id", &validate_uuid, "organization")};

/* Outcomes: personal wellbeing and stories (declarations) */
static const struct validator wellbeing_point = VALIDATE_ENUM(wellbeing_points);
static const struct validator wellbeing_answer = VALIDATE_INTEGER(0, 10);
static const char *const wellbeing_answering_values[] = {"yes", "no", NULL};
static const struct validator wellbeing_answering = VALIDATE_ENUM(wellbeing_answering_values);
static const struct validator story_share = VALIDATE_ENUM(story_shares);
static const struct validator story_how = VALIDATE_ENUM(story_agreed_hows);
static const struct validator story_decision = VALIDATE_ENUM(story_decisions);
static const struct route_param wellbeing_of[] = {PATH_PARAM("id", &validate_id, "person")};
static const struct route_param wellbeing_sitting[] = {
	PATH_PARAM("id", &validate_id, "person"),
	PATH_PARAM("sitting", &validate_id, "wellbeing"),
};
static const struct json_field wellbeing_body[] = {
	JSON_STRING("point"), JSON_STRING("taken_on"), JSON_BOOL("declined"),
	JSON_INTEGER("life_satisfaction"), JSON_INTEGER("worthwhile"), JSON_INTEGER("happy"),
	JSON_INTEGER("anxious")};
static const struct json_field wellbeing_withdraw_body[] = {JSON_STRING("why")};
static const struct route_param wellbeing_form[] = {
	PATH_PARAM("id", &validate_id, "person"),
	FORM_PARAM("point", &wellbeing_point, OPTIONAL),  /* radios */
	DATE_FORM_PARAMS("taken_on"),
	FORM_PARAM("answering", &wellbeing_answering, OPTIONAL),  /* radios */
	FORM_PARAM("life_satisfaction", &wellbeing_answer, OPTIONAL),
	FORM_PARAM("worthwhile", &wellbeing_answer, OPTIONAL),
	FORM_PARAM("happy", &wellbeing_answer, OPTIONAL),
	FORM_PARAM("anxious", &wellbeing_answer, OPTIONAL),
};
static const struct route_param wellbeing_withdraw_form[] = {
	PATH_PARAM("id", &validate_id, "person"),
	PATH_PARAM("sitting", &validate_id, "wellbeing"),
	FORM_PARAM("why", &typed_prose, OPTIONAL),
};
static const struct route_param stories_of[] = {PATH_PARAM("id", &validate_id, "person")};
static const struct route_param a_story[] = {PATH_PARAM("id", &validate_id, "story")};
static const struct route_param a_persons_story[] = {
	PATH_PARAM("id", &validate_id, "person"),
	PATH_PARAM("story", &validate_id, "story"),
};
static const struct json_field story_body[] = {
	JSON_INTEGER("from_version"), JSON_STRING("title"), JSON_STRING("words"),
	JSON_STRING("public_title"), JSON_STRING("public_words"), JSON_STRING("share"), JSON_STRING("agreed_on"),
	JSON_STRING("agreed_how")};
static const struct json_field story_review_body[] = {JSON_STRING("decision"),
						      JSON_STRING("note")};
static const struct json_field story_withdraw_body[] = {JSON_STRING("withdrawn_on"),
							JSON_STRING("withdrawn_how")};
static const struct route_param story_form[] = {
	PATH_PARAM("id", &validate_id, "person"),
	FORM_PARAM("title", &typed_line, OPTIONAL),
	FORM_PARAM("words", &typed_prose, OPTIONAL),
	FORM_PARAM("public_title", &typed_line, OPTIONAL),
	FORM_PARAM("public_words", &typed_prose, OPTIONAL),
	FORM_PARAM("share", &story_share, OPTIONAL),  /* radios */
	DATE_FORM_PARAMS("agreed_on"),
	FORM_PARAM("agreed_how", &story_how, OPTIONAL),  /* radios */
};
static const struct route_param story_version_form[] = {
	PATH_PARAM("id", &validate_id, "person"),
	PATH_PARAM("story", &validate_id, "story"),
	FORM_PARAM("from_version", &version, REQUIRED),  /* hidden */
	FORM_PARAM("title", &typed_line, OPTIONAL),
	FORM_PARAM("words", &typed_prose, OPTIONAL),
	FORM_PARAM("public_title", &typed_line, OPTIONAL),
	FORM_PARAM("public_words", &typed_prose, OPTIONAL),
	FORM_PARAM("share", &story_share, OPTIONAL),
	DATE_FORM_PARAMS("agreed_on"),
	FORM_PARAM("agreed_how", &story_how, OPTIONAL),
};
static const struct route_param story_withdraw_form[] = {
	PATH_PARAM("id", &validate_id, "person"),
	PATH_PARAM("story", &validate_id, "story"),
	DATE_FORM_PARAMS("withdrawn_on"),
	FORM_PARAM("withdrawn_how", &story_how, OPTIONAL),  /* radios */
};
static const struct route_param story_review_form[] = {
	PATH_PARAM("story", &validate_id, "story"),
	FORM_PARAM("decision", &story_decision, OPTIONAL),  /* radios */
	FORM_PARAM("note", &typed_prose, OPTIONAL),
};
/* Reports (declarations) */
/* A financial-year quarter as the period module reads it, so a link or a
 * program with a bad one is told how to write it before any handler runs. */
static bool quarter_accepts(const struct validator *v, const char *value)
{
	(void)v;
	struct report_period p;
	struct err e;
	err_clear(&e);
	return period_quarter(value, &p, &e) == RESULT_OK;
}

static void quarter_explain(const struct validator *v, struct sb *out)
{
	(void)v;
	sb_puts(out, "Use a financial-year quarter such as 2026-27-Q3 (April to March years)");
}

static const struct validator_kind quarter_kind = {"quarter", quarter_accepts, quarter_explain,
						   NULL};
static const struct validator report_quarter = {&quarter_kind, NULL, 0, 0};
static const char *const report_sections[] = {"introductions", "replies", "first_conversations",
					      "caseloads", "outcomes", "wellbeing", "costs", NULL};
static const struct validator report_section_key = VALIDATE_ENUM(report_sections);
static const struct validator report_table_key = VALIDATE_TEXT(80);
#define DATE_QUERY_PARAMS(name)                                                   \
	QUERY_PARAM(name "-day", &typed_line, OPTIONAL),                          \
		QUERY_PARAM(name "-month", &typed_line, OPTIONAL),                \
		QUERY_PARAM(name "-year", &typed_line, OPTIONAL)
/* The page's form: what a person chose or typed, which the page checks
 * and draws again with its message. */
static const struct route_param reports_page[] = {
	QUERY_PARAM("quarter", &typed_line, OPTIONAL), DATE_QUERY_PARAMS("from"),
	DATE_QUERY_PARAMS("to"), QUERY_PARAM("area", &validate_id, OPTIONAL | PARAM_REPEATS)};
/* Links and programs: a quarter, or from and to as YYYY-MM-DD. */
#define REPORT_LINK_PARAMS                                                 \
	QUERY_PARAM("quarter", &report_quarter, OPTIONAL),                 \
		QUERY_PARAM("from", &validate_date, OPTIONAL),             \
		QUERY_PARAM("to", &validate_date, OPTIONAL),               \
		QUERY_PARAM("area", &validate_id, OPTIONAL | PARAM_REPEATS)
static const struct route_param report_link[] = {REPORT_LINK_PARAMS};
static const struct route_param report_csv[] = {PATH_PARAM("table", &report_table_key, NULL),
						REPORT_LINK_PARAMS};
static const struct route_param report_api[] = {
	REPORT_LINK_PARAMS, QUERY_PARAM("section", &report_section_key, OPTIONAL)};

const struct route routes[] = {
	{"GET", "/", web_home, ROLE_PUBLIC, 0, NULL, NO_INPUT},
	{"GET", "/find", web_find, ROLE_PUBLIC, 0, NULL, PARAMS(find_page)},
	{"GET", "/areas", web_areas, ROLE_PUBLIC, 0, NULL, NO_INPUT},
	{"GET", "/areas/{id}", web_area, ROLE_PUBLIC, 0, NULL, PARAMS(an_area)},
	{"GET", "/areas/{id}/drop-ins.ics", web_area_calendar, ROLE_PUBLIC, 0, NULL,
	 PARAMS(an_area)},
	{"GET", "/get-in-touch", web_get_in_touch, ROLE_PUBLIC, 0, NULL, PARAMS(get_in_touch_page)},
	{"POST", "/get-in-touch", web_get_in_touch_send, ROLE_PUBLIC, 0, NULL,
	 PARAMS(get_in_touch_form)},
	{"GET", "/get-in-touch/sent", web_get_in_touch_sent, ROLE_PUBLIC, 0, NULL, NO_INPUT},
	{"GET", "/get-in-touch/sent/{id}", web_get_in_touch_sent, ROLE_PUBLIC, 0, NULL,
	 PARAMS(an_introduction)},
	{"GET", "/privacy", web_privacy, ROLE_PUBLIC, 0, NULL, NO_INPUT},
	{"GET", "/accessibility", web_accessibility, ROLE_PUBLIC, 0, NULL, NO_INPUT},
	{"GET", "/cookies", web_cookies, ROLE_PUBLIC, 0, NULL, NO_INPUT},
	{"GET", "/sign-in", web_sign_in_form, ROLE_PUBLIC, 0, NULL, PARAMS(sign_in_page)},
	{"POST", "/sign-in", web_sign_in, ROLE_PUBLIC, 0, NULL, PARAMS(sign_in_form)},
	{"POST", "/sign-out", web_sign_out, ROLE_STAFF, 0, NULL, NO_INPUT},
	{"GET", "/staff", web_staff_home, ROLE_STAFF, 0, NULL, NO_INPUT},
	{"GET", "/staff/introductions", web_inbox, ROLE_STAFF, 0, NULL, PARAMS(inbox_page)},
	{"GET", "/staff/introductions/new", web_log_form, ROLE_STAFF, 0, NULL, NO_INPUT},
	{"POST", "/staff/introductions", web_log, ROLE_STAFF, 0, NULL, PARAMS(log_form)},
	{"GET", "/staff/introductions/{id}", web_introduction, ROLE_STAFF, 0, NULL,
	 PARAMS(an_introduction)},
	{"POST", "/staff/introductions/{id}/status", web_introduction_status, ROLE_STAFF, 0, NULL,
	 PARAMS(status_form)},
	{"POST", "/staff/introductions/{id}/person-knows", web_introduction_person_knows,
	 ROLE_STAFF, 0, NULL, PARAMS(person_knows_form)},
	{"GET", "/staff/introductions/{id}/logged", web_log_sent, ROLE_STAFF, 0, NULL,
	 PARAMS(an_introduction)},
	{"GET", "/staff/leave", web_leave, ROLE_STAFF, 0, NULL, NO_INPUT},
	{"POST", "/staff/leave", web_add_leave, ROLE_STAFF, 0, NULL, PARAMS(leave_form)},
	{"GET", "/account/sessions", web_own_sessions, ROLE_STAFF, 0, NULL, NO_INPUT},
	{"POST", "/account/sessions/{id}/end", web_end_own_session, ROLE_STAFF, 0, NULL,
	 PARAMS(a_session)},
	{"GET", "/account/public-entry", web_public_entry, ROLE_STAFF, 0, NULL,
	 PARAMS(own_entry_page)},
	{"POST", "/account/public-entry", web_update_public_entry, ROLE_STAFF, 0, NULL,
	 PARAMS(own_entry_form)},
	{"GET", "/admin/areas/{id}/coordinator", web_admin_coordinator, ROLE_ADMIN, 0, NULL,
	 PARAMS(area_entry_page)},
	{"POST", "/admin/areas/{id}/coordinator", web_admin_set_coordinator, ROLE_ADMIN, 0, NULL,
	 PARAMS(area_entry_form)},
	{"POST", "/admin/areas/{id}/coordinator/remove", web_admin_remove_coordinator, ROLE_ADMIN,
	 0, NULL, PARAMS(an_area)},
	{"GET", "/admin/users", web_admin_users, ROLE_ADMIN, 0, NULL, NO_INPUT},
	{"GET", "/admin/users/new", web_admin_new_user, ROLE_ADMIN, 0, NULL, NO_INPUT},
	{"POST", "/admin/users", web_admin_add_user, ROLE_ADMIN, 0, NULL, PARAMS(new_user_form)},
	{"GET", "/admin/users/{id}", web_admin_user, ROLE_ADMIN, 0, NULL, PARAMS(user_page)},
	{"POST", "/admin/users/{id}/roles", web_admin_set_role, ROLE_ADMIN, 0, NULL,
	 PARAMS(user_roles_form)},
	{"POST", "/admin/users/{id}/password", web_admin_set_password, ROLE_ADMIN, 0, NULL,
	 PARAMS(user_password_form)},
	{"POST", "/admin/users/{id}/email", web_admin_set_email, ROLE_ADMIN, 0, NULL,
	 PARAMS(user_email_form)},
	{"POST", "/admin/users/{id}/disable", web_admin_disable, ROLE_ADMIN, 0, NULL,
	 PARAMS(user_page)},
	{"POST", "/admin/users/{id}/enable", web_admin_enable, ROLE_ADMIN, 0, NULL,
	 PARAMS(user_page)},
	{"POST", "/admin/users/{id}/sessions/{session}/end", web_admin_end_session, ROLE_ADMIN,
	 0, NULL, PARAMS(user_session)},
	{"GET", "/admin/areas", web_admin_areas, ROLE_ADMIN, 0, NULL, NO_INPUT},
	{"GET", "/admin/areas/new", web_admin_new_area, ROLE_ADMIN, 0, NULL, NO_INPUT},
	{"POST", "/admin/areas", web_admin_add_area, ROLE_ADMIN, 0, NULL, PARAMS(new_area_form)},
	{"GET", "/admin/areas/{id}", web_admin_area, ROLE_ADMIN, 0, NULL, PARAMS(admin_area_page)},
	{"POST", "/admin/areas/{id}", web_admin_update_area, ROLE_ADMIN, 0, NULL,
	 PARAMS(area_form)},
	{"GET", "/admin/areas/{id}/retire", web_admin_retire_area_form, ROLE_ADMIN, 0, NULL,
	 PARAMS(an_area)},
	{"POST", "/admin/areas/{id}/retire", web_admin_retire_area, ROLE_ADMIN, 0, NULL,
	 PARAMS(an_area)},
	{"GET", "/admin/wards.geojson", web_admin_wards_geojson, ROLE_ADMIN, 0, NULL, NO_INPUT},
	{"GET", "/team/area-changes", web_area_moves, ROLE_STAFF, 0, NULL,
	 PARAMS(area_changes_page)},
	{"POST", "/team/area-changes/{kind}/{id}", web_area_move, ROLE_STAFF, 0, NULL,
	 PARAMS(an_area_move)},
	{"GET", "/admin/areas/{id}/drop-ins", web_admin_area_dropins, ROLE_ADMIN, 0, NULL,
	 PARAMS(an_area)},
	{"POST", "/admin/areas/{id}/drop-ins", web_admin_add_dropin, ROLE_ADMIN, 0, NULL,
	 PARAMS(add_drop_in_form)},
	{"GET", "/admin/drop-ins/{id}", web_admin_dropin, ROLE_ADMIN, 0, NULL, PARAMS(a_drop_in)},
	{"POST", "/admin/drop-ins/{id}", web_admin_update_dropin, ROLE_ADMIN, 0, NULL,
	 PARAMS(drop_in_form)},
	{"POST", "/admin/drop-ins/{id}/end", web_admin_end_dropin, ROLE_ADMIN, 0, NULL,
	 PARAMS(end_drop_in_form)},
	{"POST", "/admin/drop-ins/{id}/cancellations", web_admin_cancel_dropin, ROLE_ADMIN, 0, NULL,
	 PARAMS(cancel_drop_in_form)},
	{"POST", "/admin/drop-ins/{id}/cancellations/{cancellation}/withdraw",
	 web_admin_withdraw_cancellation, ROLE_ADMIN, 0, NULL, PARAMS(a_cancellation)},
	{"GET", "/admin/audit", web_admin_audit, ROLE_ADMIN, 0, NULL, PARAMS(audit_view)},
	{"GET", "/admin/council", web_admin_council, ROLE_ADMIN, 0, NULL, PARAMS(council_page)},
	{"POST", "/admin/council", web_admin_council_save, ROLE_ADMIN, 0, NULL,
	 PARAMS(council_form)},
	/* Tokens are made and revoked by a signed-in administrator only: no
	 * scope opens these routes to a token. */
	{"GET", "/admin/tokens", web_admin_tokens, ROLE_ADMIN, 0, NULL, PARAMS(tokens_page)},
	{"GET", "/admin/tokens/new", web_admin_new_token, ROLE_ADMIN, 0, NULL, NO_INPUT},
	{"POST", "/admin/tokens", web_admin_add_token, ROLE_ADMIN, 0, NULL, PARAMS(token_form)},
	{"GET", "/admin/tokens/{id}/revoke", web_admin_revoke_token_form, ROLE_ADMIN, 0, NULL,
	 PARAMS(a_token)},
	{"POST", "/admin/tokens/{id}/revoke", web_admin_revoke_token, ROLE_ADMIN, 0, NULL,
	 PARAMS(a_token)},
	{"GET", "/team/cover", web_team_cover, ROLE_TEAM_LEADER, 0, NULL, NO_INPUT},
	{"POST", "/team/cover", web_add_team_cover, ROLE_TEAM_LEADER, 0, NULL,
	 PARAMS(cover_form)},
	{"GET", "/team/audit", web_team_audit, ROLE_TEAM_LEADER, 0, NULL, PARAMS(audit_view)},
	{"GET", "/team/audit.csv", web_team_audit_csv, ROLE_TEAM_LEADER, 0, NULL,
	 PARAMS(audit_export)},
	{"GET", "/assets/*", assets_handle, ROLE_PUBLIC, ROUTE_SAME_FOR_ALL, NULL, PARAMS(asset)},
	{"GET", "/healthz", api_healthz, ROLE_PUBLIC, ROUTE_JSON | ROUTE_SAME_FOR_ALL, NULL,
	 NO_INPUT},
	{"GET", "/readyz", api_readyz, ROLE_PUBLIC, ROUTE_JSON | ROUTE_SAME_FOR_ALL, NULL,
	 NO_INPUT},
	{"GET", "/api/v1/lookup", api_lookup, ROLE_PUBLIC, 0, NULL, PARAMS(lookup)},
	{"GET", "/api/v1/areas", api_areas, ROLE_PUBLIC, 0, NULL, NO_INPUT},
	{"GET", "/api/v1/areas/{id}", api_area, ROLE_PUBLIC, 0, NULL, PARAMS(an_area)},
	{"POST", "/api/v1/admin/areas", api_admin_create_area, ROLE_ADMIN, 0, "areas.write",
	 BODY(area_body)},
	{"PUT", "/api/v1/admin/areas/{id}", api_admin_update_area, ROLE_ADMIN, 0, "areas.write",
	 PARAMS(an_area), BODY(area_update_body)},
	{"POST", "/api/v1/admin/areas/{id}/retire", api_admin_retire_area, ROLE_ADMIN, 0,
	 "areas.write", PARAMS(an_area)},
	{"GET", "/api/v1/team/area-changes", api_area_moves, ROLE_STAFF, 0, NULL, NO_INPUT},
	{"POST", "/api/v1/team/area-changes/{kind}/{id}", api_area_move, ROLE_STAFF, 0, NULL,
	 PARAMS(an_area_move)},
	{"PUT", "/api/v1/admin/areas/{id}/coordinator", api_admin_set_coordinator, ROLE_ADMIN,
	 0, "areas.write", PARAMS(an_area), BODY(coordinator_body)},
	{"DELETE", "/api/v1/admin/areas/{id}/coordinator", api_admin_remove_coordinator,
	 ROLE_ADMIN, 0, "areas.write", PARAMS(an_area)},
	{"PUT", "/api/v1/areas/{id}/coordinator", api_update_coordinator, ROLE_STAFF, 0, NULL,
	 PARAMS(an_area), BODY(public_entry_body)},
	{"POST", "/api/v1/admin/areas/{id}/drop-ins", api_admin_add_drop_in, ROLE_ADMIN, 0,
	 "areas.write", PARAMS(an_area), BODY(drop_in_body)},
	{"PUT", "/api/v1/admin/drop-ins/{id}", api_admin_update_drop_in, ROLE_ADMIN, 0,
	 "areas.write", PARAMS(a_drop_in), BODY(drop_in_update_body)},
	{"POST", "/api/v1/admin/drop-ins/{id}/end", api_admin_end_drop_in, ROLE_ADMIN, 0,
	 "areas.write", PARAMS(a_drop_in), BODY(drop_in_end_body)},
	{"POST", "/api/v1/admin/drop-ins/{id}/cancellations", api_admin_cancel_drop_in, ROLE_ADMIN,
	 0, "areas.write", PARAMS(a_drop_in), BODY(cancellation_body)},
	{"DELETE", "/api/v1/admin/drop-ins/{id}/cancellations/{cancellation}",
	 api_admin_withdraw_cancellation, ROLE_ADMIN, 0, "areas.write", PARAMS(a_cancellation)},
	{"GET", "/api/v1/me", api_me, ROLE_STAFF, 0, NULL, NO_INPUT},
	{"GET", "/api/v1/me/public-entry", api_my_public_entry, ROLE_STAFF, 0, NULL, NO_INPUT},
	{"PUT", "/api/v1/me/public-entry", api_update_my_public_entry, ROLE_STAFF, 0, NULL,
	 BODY(public_entry_body)},
	{"GET", "/api/v1/me/sessions", api_my_sessions, ROLE_STAFF, 0, NULL, NO_INPUT},
	{"DELETE", "/api/v1/me/sessions/{id}", api_end_my_session, ROLE_STAFF, 0, NULL,
	 PARAMS(a_session)},
	{"GET", "/api/v1/admin/users", api_admin_users, ROLE_ADMIN, 0, NULL, NO_INPUT},
	{"POST", "/api/v1/admin/users", api_admin_add_user, ROLE_ADMIN, 0, NULL,
	 BODY(new_user_body)},
	{"GET", "/api/v1/admin/users/{id}", api_admin_user, ROLE_ADMIN, 0, NULL, PARAMS(a_user)},
	{"PUT", "/api/v1/admin/users/{id}/roles/{role}", api_admin_set_role, ROLE_ADMIN, 0,
	 NULL, PARAMS(user_role), BODY(role_body)},
	{"DELETE", "/api/v1/admin/users/{id}/roles/{role}", api_admin_remove_role, ROLE_ADMIN,
	 0, NULL, PARAMS(user_role)},
	{"PUT", "/api/v1/admin/users/{id}/password", api_admin_set_password, ROLE_ADMIN, 0,
	 NULL, PARAMS(a_user), BODY(password_body)},
	{"PUT", "/api/v1/admin/users/{id}/disabled", api_admin_set_disabled, ROLE_ADMIN, 0,
	 NULL, PARAMS(a_user), BODY(disabled_body)},
	{"PUT", "/api/v1/admin/users/{id}/email", api_admin_set_email, ROLE_ADMIN, 0, NULL,
	 PARAMS(a_user), BODY(email_body)},
	{"GET", "/api/v1/admin/users/{id}/sessions", api_admin_user_sessions, ROLE_ADMIN, 0,
	 NULL, PARAMS(a_user)},
	{"DELETE", "/api/v1/admin/sessions/{id}", api_admin_end_session, ROLE_ADMIN, 0, NULL,
	 PARAMS(a_session)},
	{"GET", "/api/v1/admin/audit", api_admin_audit, ROLE_ADMIN, 0, "audit.read",
	 PARAMS(audit_filter)},
	{"GET", "/api/v1/admin/council", api_admin_council, ROLE_ADMIN, 0, NULL, NO_INPUT},
	{"PUT", "/api/v1/admin/council", api_admin_set_council, ROLE_ADMIN, 0, NULL, NO_INPUT,
	 BODY(council_body)},
	{"GET", "/api/v1/admin/tokens", api_admin_tokens, ROLE_ADMIN, 0, NULL, NO_INPUT},
	{"POST", "/api/v1/admin/tokens", api_admin_add_token, ROLE_ADMIN, 0, NULL,
	 BODY(token_body)},
	{"DELETE", "/api/v1/admin/tokens/{id}", api_admin_revoke_token, ROLE_ADMIN, 0, NULL,
	 PARAMS(a_token)},
	{"GET", "/api/v1/team/audit", api_team_audit, ROLE_TEAM_LEADER, 0, NULL,
	 PARAMS(audit_filter)},
	{"POST", "/api/v1/introductions", api_create_introduction, ROLE_PUBLIC, 0, NULL,
	 BODY(introduction_body)},
	{"GET", "/api/v1/introductions", api_introductions, ROLE_STAFF, 0, NULL,
	 PARAMS(introduction_filter)},
	{"GET", "/api/v1/introductions/{id}", api_introduction, ROLE_STAFF, 0, NULL,
	 PARAMS(an_introduction)},
	{"PATCH", "/api/v1/introductions/{id}", api_update_introduction, ROLE_STAFF, 0, NULL,
	 PARAMS(an_introduction), BODY(introduction_change_body)},
	{"GET", "/api/v1/coordinators/{id}/leave", api_leave, ROLE_STAFF, 0, NULL,
	 PARAMS(a_coordinator)},
	{"POST", "/api/v1/coordinators/{id}/leave", api_add_leave, ROLE_STAFF, 0, NULL,
	 PARAMS(a_coordinator), BODY(leave_body)},

	/* Walking alongside: people */
	{"POST", "/api/v1/people", api_create_person, ROLE_STAFF, 0, NULL, BODY(new_person_body)},
	{"GET", "/api/v1/people", api_people, ROLE_STAFF, 0, NULL, PARAMS(person_search)},
	{"GET", "/api/v1/people/{id}", api_person, ROLE_STAFF, 0, NULL, PARAMS(a_person)},
	{"PATCH", "/api/v1/people/{id}", api_update_person, ROLE_STAFF, 0, NULL, PARAMS(a_person),
	 BODY(person_change_body)},
	{"GET", "/api/v1/people/{id}/involvements", api_person_involvements, ROLE_STAFF, 0, NULL,
	 PARAMS(a_person)},
	{"POST", "/api/v1/people/{id}/involvements", api_open_involvement, ROLE_STAFF, 0, NULL,
	 PARAMS(a_person), BODY(involvement_body)},
	{"GET", "/api/v1/people/{id}/involvements/{involvement}", api_involvement, ROLE_STAFF, 0,
	 NULL, PARAMS(an_involvement)},
	{"PATCH", "/api/v1/people/{id}/involvements/{involvement}", api_update_involvement,
	 ROLE_STAFF, 0, NULL, PARAMS(an_involvement), BODY(involvement_change_body)},
	{"POST", "/api/v1/people/{id}/involvements/{involvement}/people",
	 api_add_involvement_person, ROLE_STAFF, 0, NULL, PARAMS(an_involvement),
	 BODY(a_person_body)},
	{"GET", "/api/v1/tags", api_tags, ROLE_STAFF, 0, NULL, NO_INPUT},
	{"PUT", "/api/v1/introductions/{id}/person", api_link_introduction_person, ROLE_STAFF, 0,
	 NULL, PARAMS(an_introduction), BODY(a_person_body)},

	/* people pages */
	{"GET", "/staff/people/new", web_person_new, ROLE_STAFF, 0, NULL,
	 PARAMS(new_person_page)},
	{"POST", "/staff/people", web_person_create, ROLE_STAFF, 0, NULL, PARAMS(new_person_form)},
	{"GET", "/staff/people/{id}", web_person, ROLE_STAFF, 0, NULL, PARAMS(a_person)},
	{"GET", "/staff/people/{id}/details", web_person_details_form, ROLE_STAFF, 0, NULL,
	 PARAMS(a_person)},
	{"POST", "/staff/people/{id}/details", web_person_details, ROLE_STAFF, 0, NULL,
	 PARAMS(person_details_form)},
	{"GET", "/staff/people/{id}/what-matters", web_person_matters_form, ROLE_STAFF, 0, NULL,
	 PARAMS(a_person)},
	{"POST", "/staff/people/{id}/what-matters", web_person_matters, ROLE_STAFF, 0, NULL,
	 PARAMS(person_matters_form)},
	{"POST", "/staff/people/{id}/involvements", web_involvement_return, ROLE_STAFF, 0, NULL,
	 PARAMS(return_form)},
	{"GET", "/staff/people/{id}/involvements/{involvement}/end", web_involvement_end_form,
	 ROLE_STAFF, 0, NULL, PARAMS(an_involvement)},
	{"POST", "/staff/people/{id}/involvements/{involvement}/end", web_involvement_end,
	 ROLE_STAFF, 0, NULL, PARAMS(involvement_end_form)},
	{"POST", "/staff/people/{id}/involvements/{involvement}/kind", web_involvement_kind,
	 ROLE_STAFF, 0, NULL, PARAMS(involvement_kind_form)},
	{"POST", "/staff/introductions/{id}/person", web_introduction_link_person, ROLE_STAFF, 0,
	 NULL, PARAMS(introduction_person_form)},

	/* Costs avoided: the council's unit costs (the domain admits an
	 * administrator or a programme manager) and a person's events */
	{"GET", "/admin/unit-costs", web_admin_unit_costs, ROLE_STAFF, 0, NULL,
	 PARAMS(unit_costs_page)},
	{"POST", "/admin/unit-costs", web_admin_add_unit_cost, ROLE_STAFF, 0, NULL,
	 PARAMS(unit_cost_form)},
	{"GET", "/api/v1/unit-costs", api_unit_costs, ROLE_STAFF, 0, NULL, NO_INPUT},
	{"POST", "/api/v1/unit-costs", api_add_unit_cost, ROLE_STAFF, 0, NULL, NO_INPUT,
	 BODY(unit_cost_body)},
	{"GET", "/staff/people/{id}/costs-avoided", web_costs_avoided, ROLE_STAFF, 0, NULL,
	 PARAMS(a_persons_costs)},
	{"POST", "/staff/people/{id}/costs-avoided", web_record_cost_avoided, ROLE_STAFF, 0, NULL,
	 PARAMS(cost_event_form)},
	{"POST", "/staff/people/{id}/costs-avoided/{event}/withdraw", web_withdraw_cost_avoided,
	 ROLE_STAFF, 0, NULL, PARAMS(cost_withdraw_form)},
	{"GET", "/api/v1/people/{id}/cost-events", api_cost_events, ROLE_STAFF, 0, NULL,
	 PARAMS(a_persons_costs)},
	{"POST", "/api/v1/people/{id}/cost-events", api_record_cost_event, ROLE_STAFF, 0, NULL,
	 PARAMS(a_persons_costs), BODY(cost_event_body)},
	{"POST", "/api/v1/people/{id}/cost-events/{event}/withdraw", api_withdraw_cost_event,
	 ROLE_STAFF, 0, NULL, PARAMS(a_cost_event), BODY(cost_withdraw_body)},

	/* Walking alongside: conversations */
	{"GET", "/staff/people/{id}/conversations", web_conversations, ROLE_STAFF, 0, NULL,
	 PARAMS(a_persons_log)},
	{"POST", "/staff/people/{id}/conversations", web_log_conversation, ROLE_STAFF, 0, NULL,
	 PARAMS(conversation_form)},
	{"POST", "/staff/people/{id}/conversations/{conversation}/note",
	 web_correct_conversation_note, ROLE_STAFF, 0, NULL, PARAMS(conversation_note_form)},
	{"GET", "/api/v1/people/{id}/conversations", api_conversations, ROLE_STAFF, 0, NULL,
	 PARAMS(a_persons_log)},
	{"POST", "/api/v1/people/{id}/conversations", api_log_conversation, ROLE_STAFF, 0, NULL,
	 PARAMS(a_persons_log), BODY(conversation_body)},
	{"GET", "/api/v1/people/{id}/conversations/{conversation}", api_conversation, ROLE_STAFF,
	 0, NULL, PARAMS(a_conversation)},
	{"PATCH", "/api/v1/people/{id}/conversations/{conversation}", api_correct_conversation,
	 ROLE_STAFF, 0, NULL, PARAMS(a_conversation), BODY(conversation_note_body)},

	/* Walking alongside: caseload */
	{"GET", "/staff/caseload", web_caseload, ROLE_STAFF, 0, NULL, PARAMS(caseload_view)},
	{"GET", "/team/caseloads", web_team_caseloads, ROLE_TEAM_LEADER, 0, NULL,
	 PARAMS(team_caseloads_view)},
	{"POST", "/team/coordinators/{id}/capacity", web_set_capacity, ROLE_TEAM_LEADER, 0, NULL,
	 PARAMS(capacity_form)},
	{"GET", "/team/coordinators/{id}/move", web_move_form, ROLE_TEAM_LEADER, 0, NULL,
	 PARAMS(a_coordinator)},
	{"POST", "/team/coordinators/{id}/move", web_move, ROLE_TEAM_LEADER, 0, NULL,
	 PARAMS(move_form)},
	{"GET", "/api/v1/caseload", api_caseload, ROLE_STAFF, 0, NULL, PARAMS(caseload_view)},
	{"GET", "/api/v1/team/caseloads", api_team_caseloads, ROLE_TEAM_LEADER, 0, NULL, NO_INPUT},
	{"PUT", "/api/v1/coordinators/{id}/capacity", api_set_capacity, ROLE_TEAM_LEADER, 0, NULL,
	 PARAMS(a_coordinator), BODY(capacity_body)},
	{"POST", "/api/v1/coordinators/{id}/moves", api_move_people, ROLE_TEAM_LEADER, 0, NULL,
	 PARAMS(a_coordinator), BODY(move_body)},

	/* Walking alongside: import */
	{"GET", "/admin/people/import", web_admin_import_form, ROLE_ADMIN, 0, NULL,
	 PARAMS(import_page)},
	{"POST", "/admin/people/import", web_admin_import, ROLE_ADMIN, 0, NULL,
	 PARAMS(import_form)},
	{"POST", "/api/v1/admin/people/import", api_admin_import_people, ROLE_ADMIN, 0, NULL,
	 BODY(import_body)},

	/* Walking alongside: network */
	{"GET", "/api/v1/people/{id}/network", api_network, ROLE_STAFF, 0, NULL, PARAMS(a_person)},
	{"POST", "/api/v1/people/{id}/network", api_record_network, ROLE_STAFF, 0, NULL,
	 PARAMS(a_person), BODY(network_body)},
	{"GET", "/api/v1/people/{id}/network/pictures/{number}", api_network_picture, ROLE_STAFF,
	 0, NULL, PARAMS(a_picture)},
	{"GET", "/api/v1/people/{id}/network/compare", api_network_compare, ROLE_STAFF, 0, NULL,
	 PARAMS(network_comparison)},

	/* Walking alongside: network pages */
	{"GET", "/staff/people/{id}/network", web_network, ROLE_STAFF, 0, NULL,
	 PARAMS(a_network_picture)},
	{"GET", "/staff/people/{id}/network/new", web_network_form, ROLE_STAFF, 0, NULL,
	 PARAMS(a_person)},
	{"POST", "/staff/people/{id}/network", web_record_network, ROLE_STAFF, 0, NULL,
	 PARAMS(network_form)},
	{"GET", "/staff/people/{id}/network.svg", web_network_svg, ROLE_STAFF, 0, NULL,
	 PARAMS(a_network_picture)},
	{"GET", "/staff/people/{id}/network/compare", web_network_compare, ROLE_STAFF, 0, NULL,
	 PARAMS(network_comparison)},

	/* Walking alongside: agreement */
	{"GET", "/api/v1/people/{id}/agreement", api_agreement, ROLE_STAFF, 0, NULL,
	 PARAMS(agreement_read)},
	{"POST", "/api/v1/people/{id}/agreement", api_save_agreement, ROLE_STAFF, 0, NULL,
	 PARAMS(agreement_of), BODY(agreement_body)},
	{"GET", "/api/v1/people/{id}/agreement/versions/{n}", api_agreement_version, ROLE_STAFF,
	 0, NULL, PARAMS(agreement_version_of)},
	{"GET", "/api/v1/people/{id}/agreement/compare", api_agreement_compare, ROLE_STAFF, 0,
	 NULL, PARAMS(agreement_versions_compared)},

	/* Outcomes */
	{"GET", "/api/v1/people/{id}/outcomes", api_outcomes, ROLE_STAFF, 0, NULL,
	 PARAMS(outcomes_of)},
	{"POST", "/api/v1/people/{id}/outcomes", api_record_outcomes, ROLE_STAFF, 0, NULL,
	 PARAMS(outcomes_of), BODY(outcome_review_body)},
	{"POST", "/api/v1/people/{id}/outcomes/{review}/withdraw", api_withdraw_outcomes,
	 ROLE_STAFF, 0, NULL, PARAMS(outcome_review_of), BODY(outcome_withdraw_body)},
	/* Staff read the statements; the domain lets only a programme manager
	 * or an administrator change them (403 else). */
	{"GET", "/api/v1/outcome-statements", api_outcome_statements, ROLE_STAFF, 0, NULL,
	 PARAMS(outcome_statement_list)},
	{"POST", "/api/v1/outcome-statements", api_add_outcome_statement, ROLE_STAFF, 0, NULL,
	 BODY(outcome_statement_body)},
	{"PATCH", "/api/v1/outcome-statements/{key}", api_change_outcome_statement, ROLE_STAFF, 0,
	 NULL, PARAMS(outcome_statement_of), BODY(outcome_statement_change_body)},

	/* Outcomes pages */
	{"GET", "/staff/people/{id}/outcomes", web_outcomes, ROLE_STAFF, 0, NULL,
	 PARAMS(outcomes_of)},
	{"GET", "/staff/people/{id}/outcomes/new", web_outcomes_form, ROLE_STAFF, 0, NULL,
	 PARAMS(outcomes_of)},
	{"POST", "/staff/people/{id}/outcomes", web_record_outcomes, ROLE_STAFF, 0, NULL,
	 PARAMS(outcome_form)},
	{"POST", "/staff/people/{id}/outcomes/{review}/withdraw", web_withdraw_outcomes,
	 ROLE_STAFF, 0, NULL, PARAMS(outcome_withdraw_form)},
	/* Any staff may look; the domain lets only a programme manager or an
	 * administrator change them, and the page offers the forms only to
	 * them. */
	{"GET", "/admin/outcomes", web_admin_outcomes, ROLE_STAFF, 0, NULL, NO_INPUT},
	{"POST", "/admin/outcomes", web_admin_add_outcome, ROLE_STAFF, 0, NULL,
	 PARAMS(outcome_statement_form)},
	{"POST", "/admin/outcomes/{key}", web_admin_change_outcome, ROLE_STAFF, 0, NULL,
	 PARAMS(outcome_statement_change_form)},

	/* Walking alongside: agreement pages */
	{"GET", "/staff/people/{id}/agreement", web_agreement, ROLE_STAFF, 0, NULL,
	 PARAMS(agreement_read)},
	{"POST", "/staff/people/{id}/agreement", web_agreement_save, ROLE_STAFF, 0, NULL,
	 PARAMS(agreement_form)},
	{"GET", "/staff/people/{id}/agreement/edit", web_agreement_edit, ROLE_STAFF, 0, NULL,
	 PARAMS(agreement_of)},
	{"POST", "/staff/people/{id}/agreement/end", web_agreement_end, ROLE_STAFF, 0, NULL,
	 PARAMS(agreement_end_form)},
	{"GET", "/staff/people/{id}/agreement/versions/{n}", web_agreement_version, ROLE_STAFF, 0,
	 NULL, PARAMS(agreement_version_of)},
	{"GET", "/staff/people/{id}/agreement/compare", web_agreement_compare, ROLE_STAFF, 0, NULL,
	 PARAMS(agreement_versions_compared)},

	/* Outcomes: personal wellbeing and stories */
	{"GET", "/api/v1/people/{id}/wellbeing", api_wellbeing, ROLE_STAFF, 0, NULL,
	 PARAMS(wellbeing_of)},
	{"POST", "/api/v1/people/{id}/wellbeing", api_record_wellbeing, ROLE_STAFF, 0, NULL,
	 PARAMS(wellbeing_of), BODY(wellbeing_body)},
	{"POST", "/api/v1/people/{id}/wellbeing/{sitting}/withdraw", api_withdraw_wellbeing,
	 ROLE_STAFF, 0, NULL, PARAMS(wellbeing_sitting), BODY(wellbeing_withdraw_body)},
	{"GET", "/api/v1/people/{id}/stories", api_stories, ROLE_STAFF, 0, NULL,
	 PARAMS(stories_of)},
	{"POST", "/api/v1/people/{id}/stories", api_create_story, ROLE_STAFF, 0, NULL,
	 PARAMS(stories_of), BODY(story_body)},
	{"GET", "/api/v1/stories/{id}", api_story, ROLE_STAFF, 0, NULL, PARAMS(a_story)},
	{"PATCH", "/api/v1/stories/{id}", api_update_story, ROLE_STAFF, 0, NULL, PARAMS(a_story),
	 BODY(story_body)},
	{"POST", "/api/v1/stories/{id}/review", api_review_story, ROLE_STAFF, 0, NULL,
	 PARAMS(a_story), BODY(story_review_body)},
	{"POST", "/api/v1/stories/{id}/withdraw", api_withdraw_story, ROLE_STAFF, 0, NULL,
	 PARAMS(a_story), BODY(story_withdraw_body)},

	/* Outcomes: personal wellbeing and stories pages */
	{"GET", "/staff/people/{id}/wellbeing", web_wellbeing, ROLE_STAFF, 0, NULL,
	 PARAMS(wellbeing_of)},
	{"POST", "/staff/people/{id}/wellbeing", web_wellbeing_record, ROLE_STAFF, 0, NULL,
	 PARAMS(wellbeing_form)},
	{"POST", "/staff/people/{id}/wellbeing/{sitting}/withdraw", web_wellbeing_withdraw,
	 ROLE_STAFF, 0, NULL, PARAMS(wellbeing_withdraw_form)},
	{"GET", "/staff/people/{id}/stories", web_stories, ROLE_STAFF, 0, NULL, PARAMS(stories_of)},
	{"POST", "/staff/people/{id}/stories", web_story_create, ROLE_STAFF, 0, NULL,
	 PARAMS(story_form)},
	{"GET", "/staff/people/{id}/stories/new", web_story_new, ROLE_STAFF, 0, NULL,
	 PARAMS(stories_of)},
	{"GET", "/staff/people/{id}/stories/{story}", web_story, ROLE_STAFF, 0, NULL,
	 PARAMS(a_persons_story)},
	{"POST", "/staff/people/{id}/stories/{story}", web_story_update, ROLE_STAFF, 0, NULL,
	 PARAMS(story_version_form)},
	{"GET", "/staff/people/{id}/stories/{story}/edit", web_story_edit, ROLE_STAFF, 0, NULL,
	 PARAMS(a_persons_story)},
	{"POST", "/staff/people/{id}/stories/{story}/withdraw", web_story_withdraw, ROLE_STAFF, 0,
	 NULL, PARAMS(story_withdraw_form)},
	{"GET", "/team/stories", web_team_stories, ROLE_TEAM_LEADER, 0, NULL, NO_INPUT},
	{"POST", "/team/stories/{story}/review", web_team_story_review, ROLE_TEAM_LEADER, 0, NULL,
	 PARAMS(story_review_form)},
	{"GET", "/reports/stories", web_reports_stories, ROLE_REPORTS, 0, "reports.read",
	 NO_INPUT},

	/* Community directory: listings */
	{"GET", "/api/v1/community/review", api_listing_review, ROLE_STAFF, 0, NULL, NO_INPUT},
	{"POST", "/api/v1/community/listings", api_listing_save, ROLE_STAFF, 0, NULL,
	 BODY(listing_body)},
	{"GET", "/api/v1/community/listings/{id}", api_listing, ROLE_STAFF, 0, NULL,
	 PARAMS(listing_of)},
	{"PUT", "/api/v1/community/listings/{id}", api_listing_save, ROLE_STAFF, 0, NULL,
	 PARAMS(listing_of), BODY(listing_body)},
	{"POST", "/api/v1/community/listings/{id}/check", api_listing_check, ROLE_STAFF, 0, NULL,
	 PARAMS(listing_of), BODY(listing_check_body)},
	{"POST", "/api/v1/community/listings/{id}/retire", api_listing_retire, ROLE_STAFF, 0,
	 NULL, PARAMS(listing_of), BODY(listing_retire_body)},
	{"GET", "/api/v1/community/listings/{id}/versions", api_listing_versions, ROLE_STAFF, 0,
	 NULL, PARAMS(listing_of)},
	{"GET", "/api/v1/community/listings/{id}/versions/{n}", api_listing_version, ROLE_STAFF,
	 0, NULL, PARAMS(listing_version_of)},

	/* Community directory: public pages */
	{"GET", "/community", web_community, ROLE_PUBLIC, 0, NULL, PARAMS(community_search)},
	{"GET", "/community/suggest", web_community_suggest_form, ROLE_PUBLIC, 0, NULL,
	 PARAMS(community_suggest_page)},
	{"POST", "/community/suggest", web_community_suggest, ROLE_PUBLIC, 0, NULL,
	 PARAMS(community_suggest_form)},
	{"GET", "/community/suggest/sent", web_community_suggest_sent, ROLE_PUBLIC, 0, NULL,
	 NO_INPUT},
	{"GET", "/community/{id}", web_community_listing, ROLE_PUBLIC, 0, NULL, PARAMS(a_listing)},
	{"GET", "/community/{id}/calendar.ics", web_community_calendar, ROLE_PUBLIC, 0, NULL,
	 PARAMS(a_listing)},

	/* Community directory: staff pages */
	{"GET", "/staff/community", web_staff_community, ROLE_STAFF, 0, NULL,
	 PARAMS(staff_community_list)},
	{"POST", "/staff/community", web_staff_community_create, ROLE_STAFF, 0, NULL,
	 PARAMS(staff_community_create_form)},
	{"GET", "/staff/community/new", web_staff_community_new, ROLE_STAFF, 0, NULL,
	 PARAMS(staff_community_new)},
	{"GET", "/staff/community/suggestions", web_staff_community_suggestions, ROLE_STAFF, 0, NULL,
	 NO_INPUT},
	{"POST", "/staff/community/suggestions/{id}/decline", web_staff_community_decline, ROLE_STAFF, 0,
	 NULL, PARAMS(staff_community_decline_form)},
	{"GET", "/staff/community/{id}", web_staff_community_listing, ROLE_STAFF, 0, NULL,
	 PARAMS(staff_community_one)},
	{"POST", "/staff/community/{id}", web_staff_community_update, ROLE_STAFF, 0, NULL,
	 PARAMS(staff_community_update_form)},
	{"GET", "/staff/community/{id}/edit", web_staff_community_edit, ROLE_STAFF, 0, NULL,
	 PARAMS(staff_community_edit)},
	{"POST", "/staff/community/{id}/check", web_staff_community_check, ROLE_STAFF, 0, NULL,
	 PARAMS(staff_community_check_form)},
	{"POST", "/staff/community/{id}/retire", web_staff_community_retire, ROLE_STAFF, 0, NULL,
	 PARAMS(staff_community_retire_form)},
	{"GET", "/staff/community/{id}/versions/{n}", web_staff_community_version, ROLE_STAFF, 0, NULL,
	 PARAMS(staff_community_a_version)},

	/* Community directory: ORUK API */
	{"GET", "/oruk", api_oruk_details, ROLE_PUBLIC, ROUTE_JSON, NULL, NO_INPUT},
	{"GET", "/oruk/", api_oruk_details, ROLE_PUBLIC, ROUTE_JSON, NULL, NO_INPUT},
	{"GET", "/oruk/services", api_oruk_services, ROLE_PUBLIC, ROUTE_JSON, NULL,
	 PARAMS(oruk_search)},
	{"GET", "/oruk/services/{id}", api_oruk_service, ROLE_PUBLIC, ROUTE_JSON, NULL,
	 PARAMS(oruk_service_id)},
	{"GET", "/oruk/service_at_locations", api_oruk_service_at_locations, ROLE_PUBLIC,
	 ROUTE_JSON, NULL, PARAMS(oruk_search)},
	{"GET", "/oruk/service_at_locations/{id}", api_oruk_service_at_location, ROLE_PUBLIC,
	 ROUTE_JSON, NULL, PARAMS(oruk_place_id)},
	{"GET", "/oruk/organizations", api_oruk_organizations, ROLE_PUBLIC, ROUTE_JSON, NULL,
	 PARAMS(oruk_paged)},
	{"GET", "/oruk/organizations/{id}", api_oruk_organization, ROLE_PUBLIC, ROUTE_JSON, NULL,
	 PARAMS(oruk_organization_id)},
	{"GET", "/oruk/taxonomies", api_oruk_taxonomies, ROLE_PUBLIC, ROUTE_JSON, NULL,
	 PARAMS(oruk_paged)},
	{"GET", "/oruk/taxonomies/{id}", api_oruk_taxonomy, ROLE_PUBLIC, ROUTE_JSON, NULL,
	 PARAMS(oruk_taxonomy_id)},
	{"GET", "/oruk/taxonomy_terms", api_oruk_taxonomy_terms, ROLE_PUBLIC, ROUTE_JSON, NULL,
	 PARAMS(oruk_terms_paged)},
	{"GET", "/oruk/taxonomy_terms/{id}", api_oruk_taxonomy_term, ROLE_PUBLIC, ROUTE_JSON, NULL,
	 PARAMS(oruk_term_id)},

	/* Reports */
	{"GET", "/reports", web_reports, ROLE_REPORTS, 0, "reports.read", PARAMS(reports_page)},
	{"GET", "/reports/quarterly", web_reports_quarterly, ROLE_REPORTS, 0, "reports.read",
	 PARAMS(report_link)},
	{"GET", "/reports/csv/{table}", web_reports_csv, ROLE_REPORTS, 0, "reports.read",
	 PARAMS(report_csv)},
	{"GET", "/api/v1/reports", api_reports, ROLE_REPORTS, 0, "reports.read",
	 PARAMS(report_api)},
};

const size_t route_count = sizeof routes / sizeof routes[0];
