#ifndef ALONGSIDE_API_API_H
#define ALONGSIDE_API_API_H

struct http_request;
struct http_response;

/* GET /healthz: the process is up and serving; touches nothing else, so a
 * load balancer can call it often. */
int api_healthz(struct http_request *req, struct http_response *res);

/* GET /readyz: 200 when the database answers and holds the schema this
 * binary expects, 503 otherwise, saying which. */
int api_readyz(struct http_request *req, struct http_response *res);

/* Bad input is answered by http_send_result (http/http.h): 422
 * {"error":{"code":"invalid","message","fields":[{"field","message"}]}},
 * every problem named by the field it is in. */

/* GET /api/v1/lookup?postcode=... or ?lat=...&lon=...: the ward holding
 * the place (see domain/areas/lookup.h); 422 invalid naming "postcode",
 * "lat" or "lon", 404 postcode_not_found, and "ward": null for a point
 * outside every ward held. */
int api_lookup(struct http_request *req, struct http_response *res);

/* GET /api/v1/areas: every area as a GeoJSON FeatureCollection, with
 * coverage, coordinator, wards, neighbours, first_conversation (below)
 * and drop_ins (as GET /api/v1/areas/{id}: what the map of areas marks)
 * in the properties. */
int api_areas(struct http_request *req, struct http_response *res);

/* GET /api/v1/areas/{id}: one area as a GeoJSON Feature, with how soon a
 * first conversation is likely in properties.first_conversation (band,
 * sentence, basis, count, median_working_days; docs/introductions.md),
 * and its drop-ins still going on, with their next dates,
 * cancellations and where a map puts them, in properties.drop_ins
 * (api_dropins_json); 404
 * area_not_found. */
int api_area(struct http_request *req, struct http_response *res);

/* Admin, loopback only until sign-in exists (api/admin.c):
 * POST /api/v1/admin/areas {"name","wards":[...],"covered","demo"} -> 201;
 * PUT /api/v1/admin/areas/{id}/coordinator {"name","mobile","email",
 *   "facebook_url","introduction"} -> 200;
 * POST /api/v1/admin/areas/{id}/drop-ins {"venue","address","weekday",
 *   "starts","ends","frequency","week","first_date","notes","last_date"}
 *   -> 201.
 * A field of the wrong type or one the request does not take, and broken
 * rules, are 422 invalid, naming each field as the request does ("email");
 * a name or ward already taken is 409
 * conflict, an unknown area 404 area_not_found. */
int api_admin_create_area(struct http_request *req, struct http_response *res);
int api_admin_set_coordinator(struct http_request *req, struct http_response *res);
int api_admin_add_drop_in(struct http_request *req, struct http_response *res);

/* Changing and retiring an area (api/areas.c), administrators and tokens
 * with areas.write: PUT /api/v1/admin/areas/{id} {"name","wards",
 * "covered"} (a field left out stays as it is; "wards" is the whole new
 * list) and POST /api/v1/admin/areas/{id}/retire -> 200 with the area
 * {"id","name","wards","covered","retired_at"}.  Broken rules (no wards,
 * an unknown ward, a ward in another area, a name taken, a retired area)
 * are 422 invalid naming the field; an unknown area 404 area_not_found.
 * The map every lookup uses is rebuilt before the answer. */
int api_admin_update_area(struct http_request *req, struct http_response *res);
int api_admin_retire_area(struct http_request *req, struct http_response *res);

/* People and open introductions whose postcode now falls in another area
 * after a change of wards (api/area_moves.c; team leaders for their
 * team's areas, administrators for all): GET /api/v1/team/area-changes ->
 * {"moves": [{"kind","id","name","postcode","from","to"}]}, from and to
 * {"id","name"}; POST /api/v1/team/area-changes/{kind}/{id} (kind
 * "person" or "introduction") moves it to the area its postcode is in ->
 * 200 {"kind","id","area_id"}; 404 when it is not on the list. */
int api_area_moves(struct http_request *req, struct http_response *res);
int api_area_move(struct http_request *req, struct http_response *res);

/* One drop-in (api/dropins.c), administrators and tokens with
 * areas.write; each answers with the drop-in as it now is (areas_json.h:
 * api_dropin_json), its cancellations with their ids:
 * PUT /api/v1/admin/drop-ins/{id} every field as POST .../drop-ins takes
 *   them, and "last_date" (absent: it goes on) -> 200;
 * POST /api/v1/admin/drop-ins/{id}/end {"last_date"} -> 200: none after
 *   it; one before its first date is 422 at "last_date";
 * POST /api/v1/admin/drop-ins/{id}/cancellations {"on_date","reason"}
 *   -> 201: one of its dates still to come, else 422 at "on_date";
 * DELETE /api/v1/admin/drop-ins/{id}/cancellations/{cancellation} -> 200:
 *   the date happens after all (the cancellation is kept, withdrawn).
 * An unknown drop-in is 404 drop_in_not_found, a cancellation not in
 * force 404 cancellation_not_found. */
int api_admin_update_drop_in(struct http_request *req, struct http_response *res);
int api_admin_end_drop_in(struct http_request *req, struct http_response *res);
int api_admin_cancel_drop_in(struct http_request *req, struct http_response *res);
int api_admin_withdraw_cancellation(struct http_request *req, struct http_response *res);

/* Staff accounts (api/users.c).  Signed-in staff: GET /api/v1/me,
 * GET /api/v1/me/sessions, DELETE /api/v1/me/sessions/{id}.
 * Administrators: GET /api/v1/admin/users, POST /api/v1/admin/users
 * {"username","display_name","role","areas","password","email"} -> 201,
 * GET /api/v1/admin/users/{id}, PUT|DELETE .../roles/{role} {"areas"},
 * PUT .../password {"password"} (ends their sessions), PUT .../disabled
 * {"disabled"}, GET .../sessions, DELETE /api/v1/admin/sessions/{id}.
 * Audit: GET /api/v1/admin/audit (administrators, or a token with
 * audit.read: sign-ins, account and directory changes), GET
 * /api/v1/team/audit (a team leader's team), both ?since=&until=&action=,
 * a page at a time: {"entries": [...], "next": CURSOR or null}, newest
 * first, ?limit= entries (100; 1 to 500), the next page ?before=CURSOR. */
int api_me(struct http_request *req, struct http_response *res);
int api_my_sessions(struct http_request *req, struct http_response *res);
int api_end_my_session(struct http_request *req, struct http_response *res);
int api_admin_users(struct http_request *req, struct http_response *res);
int api_admin_add_user(struct http_request *req, struct http_response *res);
int api_admin_user(struct http_request *req, struct http_response *res);
int api_admin_set_role(struct http_request *req, struct http_response *res);
int api_admin_remove_role(struct http_request *req, struct http_response *res);
int api_admin_set_password(struct http_request *req, struct http_response *res);
int api_admin_set_disabled(struct http_request *req, struct http_response *res);
/* PUT /api/v1/admin/users/{id}/email {"email"} (empty or absent clears). */
int api_admin_set_email(struct http_request *req, struct http_response *res);
int api_admin_user_sessions(struct http_request *req, struct http_response *res);
int api_admin_end_session(struct http_request *req, struct http_response *res);
/* API tokens (api/tokens.c), for signed-in administrators, never a
 * token: GET and POST /api/v1/admin/tokens (the secret in the 201 answer
 * only), DELETE /api/v1/admin/tokens/{id} (revokes; the token is kept). */
int api_admin_tokens(struct http_request *req, struct http_response *res);
int api_admin_add_token(struct http_request *req, struct http_response *res);
int api_admin_revoke_token(struct http_request *req, struct http_response *res);

int api_admin_audit(struct http_request *req, struct http_response *res);
int api_team_audit(struct http_request *req, struct http_response *res);

/* A coordinator's public entry (api/coordinators.c; the rules in
 * domain/areas/coordinator.h).  Each answers {"area": its id,
 * "area_name", "coordinator": {"id","name","mobile","email","facebook_url",
 * "introduction","username"} or null} as the entry is after the change.
 * PUT /api/v1/admin/areas/{id}/coordinator (administrators, tokens with
 *   areas.write): the fields above and "username", the staff account it
 *   is linked to (a coordinator of the area; absent: none); makes or
 *   replaces the entry;
 * DELETE /api/v1/admin/areas/{id}/coordinator -> 204: the area has no
 *   entry, 404 coordinator_not_found when it had none;
 * PUT /api/v1/areas/{id}/coordinator (staff): the public fields only, of
 *   an administrator's any area, a coordinator's own entry; another's is
 *   403 forbidden;
 * GET|PUT /api/v1/me/public-entry: the entry linked to the caller's
 *   account; 404 coordinator_not_found when none is. */
int api_admin_remove_coordinator(struct http_request *req, struct http_response *res);
int api_update_coordinator(struct http_request *req, struct http_response *res);
int api_my_public_entry(struct http_request *req, struct http_response *res);
int api_update_my_public_entry(struct http_request *req, struct http_response *res);

/* Introductions (api/introductions.c).  POST /api/v1/introductions:
 * public (a few an hour from one address) or staff, {"person":{...},
 * "introduced_by":{...},"person_knows","channel","urgent","other_service",
 * "received_at" (staff)} -> 201; 422 {"error":{"code":"invalid",
 * "message","fields":[{"field":"person.phone","message"}...]}}.  Staff, within their reach
 * (domain/staff/access.h):
 * GET /api/v1/introductions?status=&area=&due_before=,
 * GET /api/v1/introductions/{id}, PATCH ... {"status","note",
 * "person_knows"}.  GET|POST /api/v1/coordinators/{id}/leave. */
int api_create_introduction(struct http_request *req, struct http_response *res);
int api_introductions(struct http_request *req, struct http_response *res);
int api_introduction(struct http_request *req, struct http_response *res);
int api_update_introduction(struct http_request *req, struct http_response *res);
int api_leave(struct http_request *req, struct http_response *res);
int api_add_leave(struct http_request *req, struct http_response *res);

/* Walking alongside: people */

/* People and their involvements (api/people.c), staff within their reach
 * (domain/people/person.h), JSON keys as the domain names them:
 * POST /api/v1/people {details, "tags":[...], "kind", "started_on",
 * "area_id", "household_involvement_id"} -> 201; GET /api/v1/people/{id};
 * PATCH /api/v1/people/{id} {details, "tags", "version"} ("" clears a
 * field; 409 conflict when "version" is not the one stored);
 * GET /api/v1/people?name=&postcode=&phone=&email= -> {"matches": [...]}
 * among the people the caller reaches; GET|POST .../{id}/involvements
 * {"kind","started_on"} (a return); GET|PATCH .../involvements/{involvement}
 * {"kind","ended_on","end_reason","end_words","ended_by","note"};
 * POST .../involvements/{involvement}/people {"person_id"} (a household);
 * GET /api/v1/tags -> {"tags": [...]}.  PUT /api/v1/introductions/{id}/person
 * {"person_id"} links an introduction to a person already known
 * (api/introductions.c). */
int api_create_person(struct http_request *req, struct http_response *res);
int api_person(struct http_request *req, struct http_response *res);
int api_update_person(struct http_request *req, struct http_response *res);
int api_people(struct http_request *req, struct http_response *res);
int api_person_involvements(struct http_request *req, struct http_response *res);
int api_open_involvement(struct http_request *req, struct http_response *res);
int api_involvement(struct http_request *req, struct http_response *res);
int api_update_involvement(struct http_request *req, struct http_response *res);
int api_add_involvement_person(struct http_request *req, struct http_response *res);
int api_tags(struct http_request *req, struct http_response *res);
int api_link_introduction_person(struct http_request *req, struct http_response *res);

/* Walking alongside: conversations */
/* A person's contact log (api/conversations.c; domain/people/conversation.h),
 * within the caller's reach, else 404 person_not_found:
 * GET /api/v1/people/{id}/conversations -> {"conversations":[...]}, newest
 * first; POST ... {"at","how","state","drop_in_id","place","who_was_there",
 * "note","good_life","next_step","next_step_on"} -> 201 (only "how" is
 * needed; "at" is UTC ISO-8601 or a London "YYYY-MM-DDTHH:MM", default now);
 * GET .../conversations/{conversation}; PATCH ... {"note"} corrects the
 * note, keeping every version -> 200.  Each conversation carries "note"
 * (the current one), "corrected" and "notes" (every version, newest
 * first, with "at" and "by"). */
int api_conversations(struct http_request *req, struct http_response *res);
int api_log_conversation(struct http_request *req, struct http_response *res);
int api_conversation(struct http_request *req, struct http_response *res);
int api_correct_conversation(struct http_request *req, struct http_response *res);

/* Walking alongside: caseload */
/* Caseloads (api/caseload.c, domain/people/caseload.h).  GET
 * /api/v1/caseload (?coordinator=ID: a team leader's look at one of their
 * team; the caller's own without) -> {"coordinator":{"id","name"},
 * "capacity","walking_alongside","short_term","waiting","quiet","on_leave",
 * "disabled","quiet_after_days","people":[{"id","name","preferred_name",
 * "area_id","involvement":{"id","kind","started_on","is_return",
 * "household_size"},"last_conversation_at","next_step","next_step_on",
 * "quiet"}]}; 404 coordinator_not_found for one out of reach.  A team
 * leader: GET /api/v1/team/caseloads -> {"coordinators":[the same without
 * people]}; PUT /api/v1/coordinators/{id}/capacity {"capacity": 1 to 200};
 * POST /api/v1/coordinators/{id}/moves {"to","person_ids"} (without
 * person_ids, all of them) -> {"moved"}. */
int api_caseload(struct http_request *req, struct http_response *res);
int api_team_caseloads(struct http_request *req, struct http_response *res);
int api_set_capacity(struct http_request *req, struct http_response *res);
int api_move_people(struct http_request *req, struct http_response *res);

/* Walking alongside: import */
/* POST /api/v1/admin/people/import {"csv", "dry_run"}: 200 with what would
 * be imported (dry run), 201 when stored: {"dry_run","stored","people",
 * "per_coordinator":{username:n},"per_kind":{kind:n},"likely_matches":
 * [{"row","why"}],"person_ids"}; 422 with every problem as a field error
 * that also carries its "row" and "column". */
int api_admin_import_people(struct http_request *req, struct http_response *res);

/* Walking alongside: network */
/* A person's network (api/network.c; domain/people/network.h), within the
 * caller's reach, else 404 person_not_found.  A picture is {"number",
 * "taken_on","conversation_id","note","created_by":{"id","name"},
 * "created_at","members":[{"member_id","name","relationship",
 * "relationship_words","circle","can_call_on"}]}, its members by circle
 * (1, the closest, to 4) then as given.
 * GET /api/v1/people/{id}/network -> {"person":{"id","name"},"pictures":
 * [...]}, oldest first; POST ... {"taken_on","conversation_id","note",
 * "members":[{"member_id","name","relationship","relationship_words",
 * "circle","can_call_on"}]} -> 201 with the picture (circle a whole number;
 * member_id only for someone in an earlier picture); GET
 * .../network/pictures/{number} -> the picture, 404 picture_not_found for a
 * number they do not have; GET .../network/compare?from=&to= (default the
 * first and the latest) -> {"from","to","changes":[{"member_id","name",
 * "from_circle","to_circle","move"}]}, move joined, left, closer, further
 * or stayed, a circle null where the member is not in that picture; 404
 * picture_not_found for a number they do not have, and when they have fewer
 * than two pictures and none are named. */
int api_network(struct http_request *req, struct http_response *res);
int api_record_network(struct http_request *req, struct http_response *res);
int api_network_picture(struct http_request *req, struct http_response *res);
int api_network_compare(struct http_request *req, struct http_response *res);

/* Walking alongside: agreement */
/* A person's shared agreement (api/agreement.c; domain/people/agreement.h),
 * within the caller's reach, else 404 person_not_found (agreement_not_found
 * before one is started for their open involvement, even when an earlier
 * one had one; version_not_found for a number it lacks).  The three GETs
 * take ?involvement=<id> to read an earlier one, that involvement's, read
 * only (agreement_not_found when it is not the person's or has none):
 * GET /api/v1/people/{id}/agreement -> {"id","involvement_id","person":
 * {"id","name"},"members":[names],"open","version" (the current number),
 * "versions":[...] oldest first}, each version {"version","state",
 * "asked_by","asked_by_person" ({"id","name"} of the member whose request
 * it was when asked_by is "person", else null),"why","agreed_on",
 * "agreed_how","other_plan_service","other_plan_reference",
 * "other_plan_note","made_by":{"id","name"},"made_at","goals":[{"key","words","steps":[{"key","words","taken_by",
 * "taken_by_words","by_when","status"}]}]};
 * GET .../agreement/versions/{n} -> the same with "versions" just [n];
 * GET .../agreement/compare?from=&to= -> {"id","from","to","from_state",
 * "to_state","changes":[{"difference":"added|removed|changed","goal_key",
 * "step_key" (null: the goal),"before","after","fields":[...],"by":
 * {"version","made_by","asked_by","asked_by_person","made_at"}}]};
 * POST .../agreement {"from_version" (0 or absent: start one),"state",
 * "asked_by","why","agreed_on","agreed_how","other_plan_service",
 * "other_plan_reference","other_plan_note","goals":[{"key","words","steps":
 * [{"key","words","taken_by","taken_by_words","by_when","status"}]}]} ->
 * 201 with the agreement; 409 when from_version is no longer current; 422
 * naming each field ("goals.0.steps.1.taken_by"). */
int api_agreement(struct http_request *req, struct http_response *res);
int api_agreement_version(struct http_request *req, struct http_response *res);
int api_agreement_compare(struct http_request *req, struct http_response *res);
int api_save_agreement(struct http_request *req, struct http_response *res);

/* Outcomes, in the person's hands */
/* A person's sittings (api/outcomes.c; domain/outcomes/outcome.h), within
 * the caller's reach, else 404 person_not_found:
 * GET /api/v1/people/{id}/outcomes -> {"person":{"id","name"},"reviews":
 * [{"id","involvement_id","point","taken_on","declined","declined_words",
 * "recorded_by","recorded_at","withdrawn":null|{"at","by","why"},
 * "ratings":[{"statement":{...as below},"rating":1-5|null,
 * "rather_not_say","words"}]}]}, oldest first;
 * POST .../outcomes {"involvement_id","point","taken_on","declined",
 * "declined_words","answers":[{"statement_id","rating" (1-5) or
 * "rather_not_say":true,"words"}]} -> 201 the sitting, 422 naming every
 * problem with nothing written;
 * POST .../outcomes/{review}/withdraw {"why"} -> {"id","withdrawn":true},
 * 409 when withdrawn already.
 * The statements: GET /api/v1/outcome-statements (?retired=1: the
 * retired too) -> {"statements":[{"id","key","version","framework",
 * "position","title","question","steps":[5],"in_use"}]} for any staff;
 * POST /api/v1/outcome-statements {"title","question","steps"} -> 201;
 * PATCH /api/v1/outcome-statements/{key} with one change: a new wording
 * (-> the new version), {"retired":true} or {"position":n} (-> the
 * statements); a programme manager or administrator only, else 403. */
int api_outcomes(struct http_request *req, struct http_response *res);
int api_record_outcomes(struct http_request *req, struct http_response *res);
int api_withdraw_outcomes(struct http_request *req, struct http_response *res);
int api_outcome_statements(struct http_request *req, struct http_response *res);
int api_add_outcome_statement(struct http_request *req, struct http_response *res);
int api_change_outcome_statement(struct http_request *req, struct http_response *res);

/* Community directory: listings */
/* Staff only.  A listing is JSON in the shape of domain/community/
 * listing.h, its field names ORUK's where ORUK has the field: "id",
 * "version","status","name","description","url","email",
 * "fees_description","free" (absent: not known),"how_to_join",
 * "eligibility","minimum_age","maximum_age","accessibility","alert","demo",
 * "source_id","note","organization":{"id","name","description","email",
 * "website"},"locations":[{"id","service_at_location_id","location_type",
 * "name","description","address_1","city","postal_code","latitude",
 * "longitude","accessibility","address_id","accessibility_id"}],
 * "schedules":[{"id","service_at_location_id","freq","interval","byday",
 * "bymonthday","dtstart","valid_from","valid_to","opens_at","closes_at",
 * "description","attending_type","notes","original_text"}],"contacts":
 * [{"id","name","title","email","public","agreed_on","phones":[{"id",
 * "number","description"}]}],"cost_options":[{"id","option","amount",
 * "amount_description","valid_from","valid_to"}],"languages":[{"id","name",
 * "code","note"}],"service_areas":[{"id","name","area_id","uri"}],"terms":
 * [{"attribute_id","term_id"}]; and, shown only (taken back and ignored, so
 * what a GET answered can be PUT back): "source","checked_on",
 * "checked_by_name","review_reason","needs_review","retired_*",
 * "created_at","last_modified", each place's "ward_code","ward_name",
 * "area_id","area_name", each term's "taxonomy_id","name","code".
 * GET /api/v1/community/listings/{id}; POST /api/v1/community/listings ->
 * 201; PUT .../{id} with "version" -> 200 (version 0: created with that id,
 * 201), 409 when stale, 422 naming each field ("locations.0.postal_code");
 * POST .../{id}/check {"version"} and .../{id}/retire {"version","reason"}
 * -> 200 with the listing; GET .../{id}/versions -> {"versions":[{"version",
 * "made_by_name","made_at","note"}]}, newest first; GET .../{id}/versions/{n}
 * -> that version's ORUK service document; GET /api/v1/community/review ->
 * {"review_months","listings":[{"id","name","organization_name","status",
 * "checked_on","checked_by_name","review_reason","postal_code","demo"}]}. */
int api_listing(struct http_request *req, struct http_response *res);
int api_listing_save(struct http_request *req, struct http_response *res);
int api_listing_check(struct http_request *req, struct http_response *res);
int api_listing_retire(struct http_request *req, struct http_response *res);
int api_listing_versions(struct http_request *req, struct http_response *res);
int api_listing_version(struct http_request *req, struct http_response *res);
int api_listing_review(struct http_request *req, struct http_response *res);

/* Community directory: ORUK API */

/* The Open Referral UK 3.0 API (api/oruk.c; docs in README "API"):
 * public, read-only, every answer with Access-Control-Allow-Origin: *.
 * GET /oruk/ the API's details; /oruk/services, /oruk/service_at_locations,
 * /oruk/taxonomies, /oruk/taxonomy_terms, /oruk/organizations: pages of
 * {total_items, total_pages, page_number, size, first_page, last_page,
 * empty, contents} (page from 1, per_page 1..100, default 50), services
 * and service_at_locations filtered by the OpenAPI's search,
 * taxonomy_term_id, taxonomy_id, minimum_age, maximum_age, day (MO..SU),
 * start_time, end_time, modified_after, postcode and proximity (metres,
 * 1..50000); each by id at /oruk/KIND/{id}: 404 KIND_not_found, retired
 * services answer with status "defunct" and are in no list.  A response
 * showing listings from a source carries "attribution" (source,
 * attribution, licence, url) at its top. */
extern const char *const api_oruk_days[];  /* the day filter's values */
int api_oruk_details(struct http_request *req, struct http_response *res);
int api_oruk_services(struct http_request *req, struct http_response *res);
int api_oruk_service(struct http_request *req, struct http_response *res);
int api_oruk_service_at_locations(struct http_request *req, struct http_response *res);
int api_oruk_service_at_location(struct http_request *req, struct http_response *res);
int api_oruk_organizations(struct http_request *req, struct http_response *res);
int api_oruk_organization(struct http_request *req, struct http_response *res);
int api_oruk_taxonomies(struct http_request *req, struct http_response *res);
int api_oruk_taxonomy(struct http_request *req, struct http_response *res);
int api_oruk_taxonomy_terms(struct http_request *req, struct http_response *res);
int api_oruk_taxonomy_term(struct http_request *req, struct http_response *res);

/* The council's settings (api/council.c), administrators only (no token
 * scope opens them): GET /api/v1/admin/council -> 200 every key of
 * domain/council/council.h with its value ("" unset); PUT with an object
 * of some of those keys (each a string; "" clears) -> 200 the settings
 * after, or 422 naming every bad key with nothing changed. */
int api_admin_council(struct http_request *req, struct http_response *res);
int api_admin_set_council(struct http_request *req, struct http_response *res);

/* Costs avoided (issue 16; api/costs.c, domain/outcomes/costs.h) */
/* The council's unit costs, an administrator or a programme manager
 * (else 403): GET /api/v1/unit-costs -> {"kinds":[{"kind","label",
 * "quantity_unit"}],"unit_costs":[{"id","kind","pence","unit","source",
 * "source_year","from_on","added_by","added_at","current"}]}, each kind's
 * newest first; POST {"kind","pounds":"123.45","unit","source",
 * "source_year","from_on"} -> 201 the figure, a new row (a figure is never
 * changed), or 422 naming every bad field with nothing written. */
int api_unit_costs(struct http_request *req, struct http_response *res);
int api_add_unit_cost(struct http_request *req, struct http_response *res);

/* A person's costs avoided, as their record is reached: GET
 * /api/v1/people/{id}/cost-events -> {"cost_events":[{"id","person_id",
 * "involvement_id","kind","happened_on","quantity","person_view","note",
 * "recorded_by","recorded_at","withdrawn_at","withdrawn_by",
 * "withdrawn_why"}]}, the latest day first, withdrawn ones kept; POST
 * {"kind","happened_on","quantity","person_view","note"} -> 201 the
 * event; POST .../cost-events/{event}/withdraw {"why"} -> 200 the event,
 * 409 when withdrawn already. */
int api_cost_events(struct http_request *req, struct http_response *res);
int api_record_cost_event(struct http_request *req, struct http_response *res);
int api_withdraw_cost_event(struct http_request *req, struct http_response *res);

/* Outcomes: personal wellbeing and stories */
/* A person's ONS four (api/wellbeing.c; domain/outcomes/wellbeing.h):
 * GET /api/v1/people/{id}/wellbeing -> {"sittings":[{"id","involvement_id",
 * "point","taken_on","declined","answers":{"life_satisfaction",
 * "worthwhile","happy","anxious"} (each 0-10 or null: not answered),
 * "recorded_by","recorded_at","withdrawn":null|{"at","why","by"}}]},
 * oldest first; POST .../wellbeing {"point","taken_on","declined",
 * "life_satisfaction",...} -> 201 {"id"}; POST
 * .../wellbeing/{sitting}/withdraw {"why"} -> 200 {"id","withdrawn":true}
 * (409 when already withdrawn).  404 person_not_found out of reach; 422
 * naming every field at fault with nothing stored. */
int api_wellbeing(struct http_request *req, struct http_response *res);
int api_record_wellbeing(struct http_request *req, struct http_response *res);
int api_withdraw_wellbeing(struct http_request *req, struct http_response *res);

/* Stories (api/stories.c; domain/outcomes/story.h), each as {"id",
 * "person_id","person_name","area_id","version","state","review":null|
 * {"by","at","note"},"withdrawn":null|{"on","how","recorded_by"},"current":
 * {"version","title","words","public_title","public_words","share",
 * "agreed_on","agreed_how",
 * "made_by","made_at"},"versions":[...]} ("versions" filled by the
 * single reads and changes): GET /api/v1/people/{id}/stories ->
 * {"stories":[...]} newest first; POST .../stories {"title","words",
 * "public_title","public_words","share","agreed_on","agreed_how"} -> 201;
 * GET /api/v1/stories/{id}; PATCH /api/v1/stories/{id} (the same fields
 * with "from_version", needed: 422 without) -> a new version, 409 when from_version is no longer
 * current or the story is withdrawn; POST .../review {"decision":
 * "approve"|"return","note"} (a team leader of its area: 403 for others
 * who reach it; 409 when it is not waiting); POST .../withdraw
 * {"withdrawn_on","withdrawn_how"}: the person withdrew their agreement.
 * 404 story_not_found (or person_not_found) out of reach; 422 naming
 * every field at fault with nothing stored. */
int api_stories(struct http_request *req, struct http_response *res);
int api_create_story(struct http_request *req, struct http_response *res);
int api_story(struct http_request *req, struct http_response *res);
int api_update_story(struct http_request *req, struct http_response *res);
int api_review_story(struct http_request *req, struct http_response *res);
int api_withdraw_story(struct http_request *req, struct http_response *res);

/* Reports (api/reports.c, domain/reports/report.h).  GET /api/v1/reports
 * (?quarter=2026-27-Q3 or from=&to= as YYYY-MM-DD, &area=ID..., &section=)
 * -> {"period":{...},"areas":[{"id","name"}],"made_at","suppressed":true,
 * "sections":[{"key","title","summary","notes":[],"tables":[{"key",
 * "title","columns":[],"total_row","total_column","rows":[[cell...]]}]}]}
 * where a cell is {"kind":"count","value":12} or, held back,
 * {"kind":"count","shown":"fewer_than_5"|"hidden"} with no value.  Always
 * with small numbers held back; token scope reports.read. */
int api_reports(struct http_request *req, struct http_response *res);

#endif
