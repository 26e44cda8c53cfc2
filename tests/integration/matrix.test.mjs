// The authorisation matrix: every route in the route table (as
// `alongside routes` prints it) against every kind of caller, with the
// status each must get.  A route added without an expectation here fails
// the test, so nobody can add a page and forget who may see it.
//
// Requests that reach a handler carry harmless input (unknown ids, empty
// bodies) so the walk changes nothing; a 4xx from the handler still
// proves the caller got past the role check.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { run, startServer, yorkDatabase, backend } from '../lib/alongside.mjs';
import { Browser } from '../lib/staff.mjs';

const CALLERS = ['anonymous', 'coordinatorA', 'coordinatorB', 'covering', 'teamLeader', 'admin',
  'programmeManager', 'token'];
const USERS = { coordinatorA: 'priya', coordinatorB: 'tom', covering: 'daniel', teamLeader: 'jo.bennett',
  admin: 'admin', programmeManager: 'sam.patel' };
const STAFF = ['coordinatorA', 'coordinatorB', 'covering', 'teamLeader', 'admin', 'programmeManager'];
// The token's scopes: what an API token may be given to reach.
const TOKEN_SCOPES = ['areas.write', 'audit.read', 'reports.read'];

const everyone = (code) => Object.fromEntries(CALLERS.map((c) => [c, code]));
// Signed out: a page sends you to sign in, the API says 401.
const signedOut = (page) => (page ? 303 : 401);
const staff = (code, page) => ({ ...everyone(code), anonymous: signedOut(page), token: 403 });
const only = (who, code, page, token = 403) => ({
  ...Object.fromEntries(STAFF.map((c) => [c, who.includes(c) ? code : 403])),
  anonymous: signedOut(page), token,
});
const admins = (code, page, token) => only(['admin'], code, page, token);
const teamLeaders = (code, page) => only(['teamLeader'], code, page);
// The reports: a team leader (their team's areas), a programme manager
// (every area) and a token with reports.read.
const reporters = (code, page, token = code) => only(['teamLeader', 'programmeManager'], code, page, token);
// Past the role check: any answer but a refusal, a sign-in or a failure.
const PAST = 'past the role check';
const passes = (status) => ![303, 401, 403].includes(status) && status < 500;

// A route the table marks "reports" that has no line below is expected to
// let exactly those through (whatever the report then answers) and refuse
// everyone else; a line of its own, with exact answers, overrides it.
function byRole(role, scope, page) {
  if (role !== 'reports') return undefined;
  return reporters(PAST, page, TOKEN_SCOPES.includes(scope) ? PAST : 403);
}

const expectations = {
  'GET /': everyone(200),
  'GET /find': everyone(200),
  'GET /areas': everyone(200),
  'GET /areas/{id}': everyone(200),
  'GET /areas/{id}/drop-ins.ics': everyone(200),
  'GET /get-in-touch': everyone(200),
  'POST /get-in-touch': { ...everyone(422), anonymous: 403 },
  'GET /get-in-touch/sent': everyone(200),
  'GET /get-in-touch/sent/{id}': everyone(200),
  'GET /privacy': everyone(200),
  'GET /accessibility': everyone(200),
  'GET /cookies': everyone(200),
  'GET /sign-in': everyone(200),
  // Signed out with no sign-in page visited, there is no CSRF cookie.
  'POST /sign-in': { ...everyone(422), anonymous: 403 },
  'POST /sign-out': staff(303, true),
  'GET /staff': staff(200, true),
  'GET /staff/introductions': staff(200, true),
  'GET /staff/introductions/new': staff(200, true),
  'POST /staff/introductions': staff(422, true),
  // A real introduction in Acomb and Westfield: its coordinator, the
  // colleague covering it and the team leader see it; nobody else.
  'GET /staff/introductions/{id}': { ...only(['coordinatorA', 'covering', 'teamLeader'], 200, true), coordinatorB: 404, admin: 404, programmeManager: 404 },
  'POST /staff/introductions/{id}/status': staff(404, true),
  // Its hidden field is required: an empty form is refused before the
  // handler, after the role check.
  'POST /staff/introductions/{id}/person-knows': staff(422, true),
  // Where a logged introduction went: any staff holding its id (an
  // unknown one here) is told not found.
  'GET /staff/introductions/{id}/logged': staff(404, true),
  // Leave is a coordinator's own; an empty form is refused for its dates.
  'GET /staff/leave': { ...only(['coordinatorA', 'coordinatorB', 'covering'], 200, true) },
  'POST /staff/leave': { ...only(['coordinatorA', 'coordinatorB', 'covering'], 422, true) },
  'GET /account/sessions': staff(200, true),
  'POST /account/sessions/{id}/end': staff(404, true),
  // A coordinator's own public entry: the page says when there is none;
  // the form's hidden area is required.
  'GET /account/public-entry': staff(200, true),
  'POST /account/public-entry': staff(422, true),
  'GET /admin/areas/{id}/coordinator': admins(404, true),
  'POST /admin/areas/{id}/coordinator': admins(404, true),
  'POST /admin/areas/{id}/coordinator/remove': admins(404, true),
  'GET /admin/users': admins(200, true),
  'GET /admin/users/new': admins(200, true),
  'POST /admin/users': admins(422, true),
  'GET /admin/users/{id}': admins(404, true),
  // Its hidden role field is required too.
  'POST /admin/users/{id}/roles': admins(422, true),
  'POST /admin/users/{id}/password': admins(404, true),
  'POST /admin/users/{id}/email': admins(404, true),
  'POST /admin/users/{id}/disable': admins(404, true),
  'POST /admin/users/{id}/enable': admins(404, true),
  'POST /admin/users/{id}/sessions/{session}/end': admins(404, true),
  'GET /admin/audit': admins(200, true),
  // The council's settings: an empty form leaves the rule unchosen, refused.
  'GET /admin/council': admins(200, true),
  'POST /admin/council': admins(422, true),
  // API tokens: a signed-in administrator's only, never a token's.  An
  // empty form lacks a name; an unknown token is not found.
  'GET /admin/tokens': admins(200, true),
  'GET /admin/tokens/new': admins(200, true),
  'POST /admin/tokens': admins(422, true),
  'GET /admin/tokens/{id}/revoke': admins(404, true),
  'POST /admin/tokens/{id}/revoke': admins(404, true),
  // Drop-ins: an unknown area or drop-in is not found.
  'GET /admin/areas/{id}/drop-ins': admins(404, true),
  'POST /admin/areas/{id}/drop-ins': admins(404, true),
  'GET /admin/drop-ins/{id}': admins(404, true),
  'POST /admin/drop-ins/{id}': admins(404, true),
  'POST /admin/drop-ins/{id}/end': admins(404, true),
  'POST /admin/drop-ins/{id}/cancellations': admins(404, true),
  'POST /admin/drop-ins/{id}/cancellations/{cancellation}/withdraw': admins(404, true),
  'GET /team/cover': teamLeaders(200, true),
  'POST /team/cover': teamLeaders(422, true),
  'GET /team/audit': teamLeaders(200, true),
  'GET /team/audit.csv': teamLeaders(200, true),
  'GET /assets/*': everyone(404),
  'GET /healthz': everyone(200),
  'GET /readyz': everyone(200),
  'GET /api/v1/lookup': everyone(422),
  'GET /api/v1/areas': everyone(200),
  'GET /api/v1/areas/{id}': everyone(200),
  'POST /api/v1/admin/areas': admins(422, false, 422),
  'PUT /api/v1/admin/areas/{id}/coordinator': admins(404, false, 404),
  'DELETE /api/v1/admin/areas/{id}/coordinator': admins(404, false, 404),
  // Acomb's entry is priya's: she and an administrator reach it (and are
  // refused the empty body); anyone else is forbidden.
  'PUT /api/v1/areas/{id}/coordinator': { ...only(['coordinatorA', 'admin'], 422, false) },
  'POST /api/v1/admin/areas/{id}/drop-ins': admins(422, false, 422),
  // An unknown area: not found, for an administrator and a token alike.
  'PUT /api/v1/admin/areas/{id}': admins(404, false, 404),
  'POST /api/v1/admin/areas/{id}/retire': admins(404, false, 404),
  // Who a change of wards put in another area: team leaders and
  // administrators (the domain refuses anyone else); moving an unknown
  // record is not found.
  'GET /api/v1/team/area-changes': { ...staff(403, false), teamLeader: 200, admin: 200 },
  'POST /api/v1/team/area-changes/{kind}/{id}': { ...staff(403, false), teamLeader: 404, admin: 404 },
  'GET /team/area-changes': { ...staff(403, true), teamLeader: 200, admin: 200 },
  'POST /team/area-changes/{kind}/{id}': { ...staff(403, true), teamLeader: 404, admin: 404 },
  'GET /admin/areas': admins(200, true),
  'GET /admin/areas/new': admins(200, true),
  'POST /admin/areas': admins(422, true),
  'GET /admin/areas/{id}': admins(404, true),
  'POST /admin/areas/{id}': admins(404, true),
  'GET /admin/areas/{id}/retire': admins(404, true),
  'POST /admin/areas/{id}/retire': admins(404, true),
  'GET /admin/wards.geojson': admins(200, true),
  'PUT /api/v1/admin/drop-ins/{id}': admins(404, false, 404),
  'POST /api/v1/admin/drop-ins/{id}/end': admins(404, false, 404),
  'POST /api/v1/admin/drop-ins/{id}/cancellations': admins(404, false, 404),
  'DELETE /api/v1/admin/drop-ins/{id}/cancellations/{cancellation}': admins(404, false, 404),
  'GET /api/v1/me': staff(200, false),
  'GET /api/v1/me/sessions': staff(200, false),
  // The entry linked to the caller's account: none for the team leader,
  // the administrator and the programme manager.
  'GET /api/v1/me/public-entry': { ...staff(200, false), teamLeader: 404, admin: 404, programmeManager: 404 },
  'PUT /api/v1/me/public-entry': { ...staff(422, false), teamLeader: 404, admin: 404, programmeManager: 404 },
  'DELETE /api/v1/me/sessions/{id}': staff(404, false),
  'GET /api/v1/admin/users': admins(200, false),
  'POST /api/v1/admin/users': admins(422, false),
  'GET /api/v1/admin/users/{id}': admins(404, false),
  // An empty body breaks the rules (a coordinator needs areas) before the
  // user is looked up.
  'PUT /api/v1/admin/users/{id}/roles/{role}': admins(404, false),
  'DELETE /api/v1/admin/users/{id}/roles/{role}': admins(404, false),
  'PUT /api/v1/admin/users/{id}/password': admins(404, false),
  'PUT /api/v1/admin/users/{id}/disabled': admins(422, false),
  'PUT /api/v1/admin/users/{id}/email': admins(404, false),
  'GET /api/v1/admin/users/{id}/sessions': admins(404, false),
  'DELETE /api/v1/admin/sessions/{id}': admins(404, false),
  'GET /api/v1/admin/audit': admins(200, false, 200),
  // An empty object changes nothing and answers the settings.
  'GET /api/v1/admin/council': admins(200, false),
  'PUT /api/v1/admin/council': admins(200, false),
  'GET /api/v1/admin/tokens': admins(200, false),
  'POST /api/v1/admin/tokens': admins(422, false),
  'DELETE /api/v1/admin/tokens/{id}': admins(404, false),
  'GET /api/v1/team/audit': teamLeaders(200, false),
  // Anyone may introduce someone; an empty one is refused for what it lacks.
  'POST /api/v1/introductions': everyone(422),
  'GET /api/v1/introductions': staff(200, false),
  'GET /api/v1/introductions/{id}': { ...only(['coordinatorA', 'covering', 'teamLeader'], 200, false), coordinatorB: 404, admin: 404, programmeManager: 404 },
  'PATCH /api/v1/introductions/{id}': staff(404, false),
  // Priya's leave: hers, her team leader's and an administrator's to see.
  'GET /api/v1/coordinators/{id}/leave': { ...only(['coordinatorA', 'teamLeader', 'admin'], 200, false), coordinatorB: 404, covering: 404, programmeManager: 404 },
  'POST /api/v1/coordinators/{id}/leave': staff(404, false),
  // People: an unknown person or involvement is not found for everyone.
  'POST /api/v1/people': staff(422, false),
  'GET /api/v1/people': staff(200, false),
  'GET /api/v1/people/{id}': staff(404, false),
  'PATCH /api/v1/people/{id}': staff(404, false),
  'GET /api/v1/people/{id}/involvements': staff(404, false),
  'POST /api/v1/people/{id}/involvements': staff(404, false),
  'GET /api/v1/people/{id}/involvements/{involvement}': staff(404, false),
  'PATCH /api/v1/people/{id}/involvements/{involvement}': staff(404, false),
  'POST /api/v1/people/{id}/involvements/{involvement}/people': staff(404, false),
  'GET /api/v1/tags': staff(200, false),
  'PUT /api/v1/introductions/{id}/person': staff(404, false),
  // A person's pages: unknown ids are not found; a form without its
  // hidden field (the version, the kind, the match) is refused first.
  'GET /staff/people/new': staff(200, true),
  'POST /staff/people': staff(422, true),
  'GET /staff/people/{id}': staff(404, true),
  'GET /staff/people/{id}/details': staff(404, true),
  'POST /staff/people/{id}/details': staff(422, true),
  'GET /staff/people/{id}/what-matters': staff(404, true),
  'POST /staff/people/{id}/what-matters': staff(422, true),
  'POST /staff/people/{id}/involvements': staff(404, true),
  'GET /staff/people/{id}/involvements/{involvement}/end': staff(404, true),
  'POST /staff/people/{id}/involvements/{involvement}/end': staff(404, true),
  'POST /staff/people/{id}/involvements/{involvement}/kind': staff(422, true),
  'POST /staff/introductions/{id}/person': staff(422, true),
  // Walking alongside: conversations.  An unknown person is not found
  // for every member of staff, before anything sent is read.
  'GET /staff/people/{id}/conversations': staff(404, true),
  'POST /staff/people/{id}/conversations': staff(404, true),
  'POST /staff/people/{id}/conversations/{conversation}/note': staff(404, true),
  'GET /api/v1/people/{id}/conversations': staff(404, false),
  'POST /api/v1/people/{id}/conversations': staff(404, false),
  'GET /api/v1/people/{id}/conversations/{conversation}': staff(404, false),
  'PATCH /api/v1/people/{id}/conversations/{conversation}': staff(404, false),
  // Costs avoided: the unit costs are an administrator's or a programme
  // manager's (the domain refuses other staff, 403); an empty figure is
  // refused at its fields.  A person's events: an unknown person is not
  // found, to anyone.
  'GET /admin/unit-costs': only(['admin', 'programmeManager'], 200, true),
  'POST /admin/unit-costs': only(['admin', 'programmeManager'], 422, true),
  'GET /api/v1/unit-costs': only(['admin', 'programmeManager'], 200, false),
  'POST /api/v1/unit-costs': only(['admin', 'programmeManager'], 422, false),
  'GET /staff/people/{id}/costs-avoided': staff(404, true),
  'POST /staff/people/{id}/costs-avoided': staff(404, true),
  'POST /staff/people/{id}/costs-avoided/{event}/withdraw': staff(404, true),
  'GET /api/v1/people/{id}/cost-events': staff(404, false),
  'POST /api/v1/people/{id}/cost-events': staff(404, false),
  'POST /api/v1/people/{id}/cost-events/{event}/withdraw': staff(404, false),
  // A caseload is a coordinator's own; a team leader who works no area is
  // sent to the team's, and an administrator and a programme manager have
  // none.
  'GET /staff/caseload': { ...staff(200, true), teamLeader: 303, admin: 404, programmeManager: 404 },
  'GET /team/caseloads': teamLeaders(200, true),
  'POST /team/coordinators/{id}/capacity': teamLeaders(404, true),
  'GET /team/coordinators/{id}/move': teamLeaders(200, true),
  'POST /team/coordinators/{id}/move': teamLeaders(404, true),
  'GET /api/v1/caseload': { ...staff(200, false), teamLeader: 404, admin: 404, programmeManager: 404 },
  'GET /api/v1/team/caseloads': teamLeaders(200, false),
  'PUT /api/v1/coordinators/{id}/capacity': teamLeaders(404, false),
  'POST /api/v1/coordinators/{id}/moves': teamLeaders(404, false),
  // Reports: a team leader's (a programme manager's, a reports.read
  // token's).  The page and print show last quarter when none is asked;
  // the API needs a period, so without one it is refused after the role
  // check, and a CSV of no such table is not found.
  'GET /reports': reporters(200, true),
  'GET /reports/quarterly': reporters(200, true),
  'GET /reports/csv/{table}': reporters(404, true),
  'GET /api/v1/reports': reporters(422, false),
  // Walking alongside: import.  An empty form lacks its action; an empty
  // body its CSV.
  'GET /admin/people/import': admins(200, true),
  'POST /admin/people/import': admins(422, true),
  'POST /api/v1/admin/people/import': admins(422, false),
  // Walking alongside: network.  An unknown person is not found for every
  // member of staff, before anything sent is read.
  'GET /api/v1/people/{id}/network': staff(404, false),
  'POST /api/v1/people/{id}/network': staff(404, false),
  'GET /api/v1/people/{id}/network/pictures/{number}': staff(404, false),
  'GET /api/v1/people/{id}/network/compare': staff(404, false),
  // Walking alongside: agreement.  An unknown person is not found; a
  // comparison without its versions is refused before that.
  'GET /api/v1/people/{id}/agreement': staff(404, false),
  'POST /api/v1/people/{id}/agreement': staff(404, false),
  'GET /api/v1/people/{id}/agreement/versions/{n}': staff(404, false),
  'GET /api/v1/people/{id}/agreement/compare': staff(422, false),
  // Outcomes.  An unknown person is not found, to any staff; the
  // statements are read by any staff and changed only by a programme
  // manager or an administrator (the domain decides: an empty change is
  // refused as invalid first, an empty new one as forbidden to the rest).
  'GET /api/v1/people/{id}/outcomes': staff(404, false),
  'POST /api/v1/people/{id}/outcomes': staff(404, false),
  'POST /api/v1/people/{id}/outcomes/{review}/withdraw': staff(404, false),
  'GET /api/v1/outcome-statements': staff(200, false),
  'POST /api/v1/outcome-statements': { ...staff(403, false), admin: 422, programmeManager: 422 },
  'PATCH /api/v1/outcome-statements/{key}': staff(422, false),
  'GET /staff/people/{id}/outcomes': staff(404, true),
  'GET /staff/people/{id}/outcomes/new': staff(404, true),
  'POST /staff/people/{id}/outcomes': staff(404, true),
  'POST /staff/people/{id}/outcomes/{review}/withdraw': staff(404, true),
  'GET /admin/outcomes': staff(200, true),
  'POST /admin/outcomes': { ...staff(403, true), admin: 422, programmeManager: 422 },
  'POST /admin/outcomes/{key}': staff(422, true),
  // Walking alongside: agreement pages.  An unknown person is not found;
  // a form without its hidden version, or a comparison without its two
  // versions, is refused first.
  'GET /staff/people/{id}/agreement': staff(404, true),
  'POST /staff/people/{id}/agreement': staff(422, true),
  'GET /staff/people/{id}/agreement/edit': staff(404, true),
  'POST /staff/people/{id}/agreement/end': staff(422, true),
  'GET /staff/people/{id}/agreement/versions/{n}': staff(404, true),
  'GET /staff/people/{id}/agreement/compare': staff(422, true),
  // Outcomes: personal wellbeing and stories.  An unknown person or story
  // is not found; a new version's hidden from_version is required.
  'GET /api/v1/people/{id}/wellbeing': staff(404, false),
  'POST /api/v1/people/{id}/wellbeing': staff(404, false),
  'POST /api/v1/people/{id}/wellbeing/{sitting}/withdraw': staff(404, false),
  'GET /api/v1/people/{id}/stories': staff(404, false),
  'POST /api/v1/people/{id}/stories': staff(404, false),
  'GET /api/v1/stories/{id}': staff(404, false),
  'PATCH /api/v1/stories/{id}': staff(404, false),
  'POST /api/v1/stories/{id}/review': staff(404, false),
  'POST /api/v1/stories/{id}/withdraw': staff(404, false),
  'GET /staff/people/{id}/wellbeing': staff(404, true),
  'POST /staff/people/{id}/wellbeing': staff(404, true),
  'POST /staff/people/{id}/wellbeing/{sitting}/withdraw': staff(404, true),
  'GET /staff/people/{id}/stories': staff(404, true),
  'POST /staff/people/{id}/stories': staff(404, true),
  'GET /staff/people/{id}/stories/new': staff(404, true),
  'GET /staff/people/{id}/stories/{story}': staff(404, true),
  'POST /staff/people/{id}/stories/{story}': staff(422, true),
  'GET /staff/people/{id}/stories/{story}/edit': staff(404, true),
  'POST /staff/people/{id}/stories/{story}/withdraw': staff(404, true),
  'GET /team/stories': teamLeaders(200, true),
  'POST /team/stories/{story}/review': teamLeaders(404, true),
  // Shared stories beyond the team: a team leader or a programme manager,
  // or a token with reports.read (the matrix's has not).
  'GET /reports/stories': reporters(200, true),
  // Walking alongside: network pages, the same for the pages.
  'GET /staff/people/{id}/network': staff(404, true),
  'GET /staff/people/{id}/network/new': staff(404, true),
  'POST /staff/people/{id}/network': staff(404, true),
  'GET /staff/people/{id}/network.svg': staff(404, true),
  'GET /staff/people/{id}/network/compare': staff(404, true),
  // Community directory: staff pages, for staff of every role.  An id that
  // is not a listing's or a suggestion's is not found; the form's hidden
  // version is required, so an empty form is refused before the handler.
  'GET /staff/community': staff(200, true),
  'POST /staff/community': staff(422, true),
  'GET /staff/community/new': staff(200, true),
  'GET /staff/community/suggestions': staff(200, true),
  'POST /staff/community/suggestions/{id}/decline': staff(404, true),
  'GET /staff/community/{id}': staff(404, true),
  'POST /staff/community/{id}': staff(404, true),
  'GET /staff/community/{id}/edit': staff(404, true),
  'POST /staff/community/{id}/check': staff(404, true),
  'POST /staff/community/{id}/retire': staff(404, true),
  'GET /staff/community/{id}/versions/{n}': staff(404, true),
  // Community directory: listings.  Staff of every role; an id that is not
  // a UUID is not found, an empty listing is refused at its fields.
  'GET /api/v1/community/review': staff(200, false),
  'POST /api/v1/community/listings': staff(422, false),
  'GET /api/v1/community/listings/{id}': staff(404, false),
  'PUT /api/v1/community/listings/{id}': staff(404, false),
  'POST /api/v1/community/listings/{id}/check': staff(404, false),
  'POST /api/v1/community/listings/{id}/retire': staff(404, false),
  'GET /api/v1/community/listings/{id}/versions': staff(404, false),
  'GET /api/v1/community/listings/{id}/versions/{n}': staff(404, false),
  // Community directory: the Open Referral UK API, public and read-only;
  // an id that is not a UUID is not found.
  'GET /oruk': everyone(200),
  'GET /oruk/': everyone(200),
  'GET /oruk/services': everyone(200),
  'GET /oruk/services/{id}': everyone(404),
  'GET /oruk/service_at_locations': everyone(200),
  'GET /oruk/service_at_locations/{id}': everyone(404),
  'GET /oruk/organizations': everyone(200),
  'GET /oruk/organizations/{id}': everyone(404),
  'GET /oruk/taxonomies': everyone(200),
  'GET /oruk/taxonomies/{id}': everyone(404),
  'GET /oruk/taxonomy_terms': everyone(200),
  'GET /oruk/taxonomy_terms/{id}': everyone(404),
  // Community directory: public pages.  Anyone; an id that is not a UUID
  // names nothing; an empty suggestion is refused at its fields.
  'GET /community': everyone(200),
  'GET /community/suggest': everyone(200),
  'POST /community/suggest': { ...everyone(422), anonymous: 403 },
  'GET /community/suggest/sent': everyone(200),
  'GET /community/{id}': everyone(404),
  'GET /community/{id}/calendar.ics': everyone(404),
};

let db, server, routes, areaId, token, introductionId, priyaId;
const callers = {};
before(async () => {
  db = await yorkDatabase();
  const t = await run(['token', 'add', '--name', 'matrix', ...TOKEN_SCOPES.flatMap((s) => ['--scope', s]), '--db', db]);
  assert.equal(t.code, 0, t.stderr);
  token = t.stdout.trim();
  server = await startServer({ db, migrate: false });
  routes = (await run(['routes'])).stdout.trim().split('\n').filter((l) => !l.startsWith('\t')).map((l) => l.split('\t'));
  const areas = await (await fetch(server.url + '/api/v1/areas')).json();
  areaId = areas.features.find((f) => f.properties.name === 'Acomb and Westfield').id;
  callers.anonymous = new Browser(server.url);
  callers.token = new Browser(server.url);
  for (const [caller, username] of Object.entries(USERS))
    callers[caller] = await new Browser(server.url).signedIn(username);
  for (const caller of STAFF) callers[caller].csrfToken = await callers[caller].csrf('/staff');
  const made = await callers.coordinatorA.request('POST', '/api/v1/introductions', {
    headers: { 'X-CSRF-Token': callers.coordinatorA.csrfToken },
    json: { person: { name: 'Matrix Person', phone: '07700 900123', postcode: 'YO24 4NB' },
      introduced_by: { relationship: 'self' }, person_knows: 'yes', channel: 'phone' },
  });
  assert.equal(made.status, 201, made.text);
  introductionId = made.json().id;
  priyaId = (await callers.coordinatorA.get('/api/v1/me')).json().id;
});
after(async () => { await server.stop(); });

const UNKNOWN = 'f'.repeat(32);
// Reads name real records, so the answers differ by reach; writes name
// unknown ones, so the walk changes nothing.
function pathFor(method, pattern) {
  const realArea = /^(\/api\/v1)?\/areas\/\{id\}/.test(pattern);
  const realIntroduction = method === 'GET' && /introductions\/\{id\}$/.test(pattern);
  const realCoordinator = method === 'GET' && /coordinators\/\{id\}/.test(pattern);
  const id = realArea ? areaId : realIntroduction ? introductionId : realCoordinator ? priyaId : UNKNOWN;
  return pattern.replace('{id}', id).replace('{session}', UNKNOWN).replace('{involvement}', UNKNOWN)
    .replace('{conversation}', UNKNOWN).replace('{event}', UNKNOWN)
    .replace('{review}', UNKNOWN).replace('{key}', UNKNOWN)
    .replace('{story}', UNKNOWN).replace('{sitting}', UNKNOWN)
    .replace('{n}', '1')
    .replace('{role}', 'coordinator').replace('{kind}', 'person').replace('*', 'none');
}

async function call(caller, method, pattern) {
  const b = callers[caller];
  const path = pathFor(method, pattern);
  const api = path.startsWith('/api/');
  const headers = caller === 'token' ? { Authorization: `Bearer ${token}` } : {};
  if (method === 'GET') return b.request('GET', path, { headers });
  if (b.csrfToken && api) headers['X-CSRF-Token'] = b.csrfToken;
  if (api) return b.request(method, path, { headers, json: {} });
  return b.request(method, path, { headers, form: b.csrfToken ? { csrf_token: b.csrfToken } : {} });
}

// The expectation for a route: its own line, else its role's rule.
const expected = ([method, pattern, role, scope]) =>
  expectations[`${method} ${pattern}`] ?? byRole(role, scope, !pattern.startsWith('/api/'));

test(`every route answers every kind of caller as expected (${backend})`, async () => {
  const missing = routes.filter((r) => !expected(r)).map(([m, p]) => `${m} ${p}`);
  assert.deepEqual(missing, [], 'routes without an expectation in the matrix');
  const listed = new Set(routes.map(([m, p]) => `${m} ${p}`));
  assert.deepEqual(Object.keys(expectations).filter((k) => !listed.has(k)), [], 'expectations for routes that no longer exist');
  // Signing out ends the caller's session, so it goes last.
  const ordered = [...routes.filter(([, p]) => p !== '/sign-out'), ...routes.filter(([, p]) => p === '/sign-out')];
  const wrong = [];
  for (const route of ordered) {
    const [method, pattern] = route;
    for (const caller of CALLERS) {
      const r = await call(caller, method, pattern);
      const want = expected(route)[caller];
      if (want === PAST ? !passes(r.status) : r.status !== want)
        wrong.push(`${method} ${pattern} as ${caller}: ${r.status}, expected ${want}`);
    }
  }
  assert.deepEqual(wrong, []);
});

// Whatever a route's own line says, it cannot let through a caller its
// role in the table shuts out: the lines above are checked against the
// table, so a line written wrongly cannot hide a route open too widely.
const HOLDERS = {
  team_leader: ['teamLeader'],
  admin: ['admin'],
  reports: ['teamLeader', 'programmeManager'],
};
test('no expectation lets in a caller the route\'s role shuts out', () => {
  const open = [];
  for (const [method, pattern, role, scope] of routes) {
    if (!HOLDERS[role]) continue;
    const want = expected([method, pattern, role, scope]);
    const page = !pattern.startsWith('/api/');
    for (const caller of STAFF.filter((c) => !HOLDERS[role].includes(c)))
      if (want[caller] !== 403) open.push(`${method} ${pattern} as ${caller}: ${want[caller]}`);
    if (want.anonymous !== signedOut(page)) open.push(`${method} ${pattern} as anonymous: ${want.anonymous}`);
    if (!TOKEN_SCOPES.includes(scope) && want.token !== 403) open.push(`${method} ${pattern} as token: ${want.token}`);
  }
  assert.deepEqual(open, []);
});

test('the rule for the reports lets in team leaders, programme managers and a reports.read token', () => {
  const rule = byRole('reports', 'reports.read', true);
  assert.deepEqual(CALLERS.filter((c) => rule[c] === PAST), ['teamLeader', 'programmeManager', 'token']);
  assert.deepEqual(CALLERS.filter((c) => rule[c] === 403), ['coordinatorA', 'coordinatorB', 'covering', 'admin']);
  assert.equal(rule.anonymous, 303);
  assert.equal(byRole('reports', '-', false).token, 403, 'a route without the scope is no token\'s');
  assert.equal(byRole('reports', '-', false).anonymous, 401);
});

test('the walk changed nothing', async () => {
  const users = (await run(['user', 'list', '--db', db])).stdout;
  assert.equal(users.match(/active/g).length, 8);
  const areas = (await run(['area', 'list', '--db', db])).stdout.trim().split('\n');
  assert.equal(areas.length, 9);
});
