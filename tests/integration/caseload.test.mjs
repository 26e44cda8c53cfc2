// The caseload over HTTP, pages and API: a coordinator's people from
// introductions that reached an outcome, counted against capacity; quiet
// shown gently; only the coordinator and their team leader see it; a team
// leader sets capacity (bad values refused, nothing changed) and moves
// some or all of a coordinator's people, each move audited.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { run, startServer, yorkDatabase, backend } from '../lib/alongside.mjs';
import { Browser, DEMO_PASSWORD } from '../lib/staff.mjs';

let db, server, priya, tom, sam, jo, admin, ids;
const people = {};

// Runs one statement on the test database, behind the binary's back: to
// make an involvement old, and to read what the API does not say.
function sql(statement) {
  const out = backend === 'postgresql'
    ? execFileSync('psql', [db, '-qAtc', statement], { stdio: 'pipe' })
    : execFileSync('sqlite3', [db.replace(/^sqlite:/, ''), statement], { stdio: 'pipe' });
  return out.toString().trim();
}

const as = (b, method, path, json) =>
  b.request(method, path, { json, headers: { 'X-CSRF-Token': b.csrfToken } });

// An introduction taken by Priya to an outcome: a person and their
// involvement, hers as the one who decided it.
async function introduce(name, outcome) {
  const made = await as(priya, 'POST', '/api/v1/introductions', {
    person: { name, phone: '07700 900555', postcode: 'YO24 4NB' },
    introduced_by: { relationship: 'self' }, person_knows: 'yes', channel: 'phone',
  });
  assert.equal(made.status, 201, made.text);
  const id = made.json().id;
  const path = outcome === 'walking_alongside'
    ? ['contacted', 'conversation_arranged', 'walking_alongside'] : ['contacted', outcome];
  for (const status of path) {
    const r = await as(priya, 'PATCH', `/api/v1/introductions/${id}`, { status });
    assert.equal(r.status, 200, r.text);
  }
  people[name] = sql(`SELECT person_id FROM introductions WHERE id = '${id}'`);
}

before(async () => {
  db = await yorkDatabase({ caseload: false });
  // Sam works Acomb and Westfield beside Priya, so can take her people.
  const added = await run(['user', 'add', 'sam', '--name', 'Sam Lee', '--role', 'coordinator',
    '--area', 'Acomb and Westfield', '--db', db], { input: DEMO_PASSWORD + '\n' });
  assert.equal(added.code, 0, added.stderr);
  server = await startServer({ db, migrate: false });
  const signIn = async (name) => {
    const b = await new Browser(server.url).signedIn(name);
    b.csrfToken = await b.csrf('/staff');
    return b;
  };
  [priya, tom, sam, jo, admin] = await Promise.all(['priya', 'tom', 'sam', 'jo.bennett', 'admin'].map(signIn));
  ids = {};
  for (const [name, b] of Object.entries({ priya, tom, sam, jo }))
    ids[name] = (await b.get('/api/v1/me')).json().id;
  await introduce('Ann Example', 'walking_alongside');
  await introduce('Bob Example', 'walking_alongside');
  await introduce('Dev Example', 'information_only');
});
after(async () => { await server.stop(); });

test(`a coordinator sees their people, walking alongside apart from short-term help (${backend})`, async () => {
  const r = await priya.get('/api/v1/caseload');
  assert.equal(r.status, 200, r.text);
  const c = r.json();
  assert.equal(c.coordinator.id, ids.priya);
  assert.equal(c.capacity, 55);
  assert.equal(c.walking_alongside, 2);
  assert.equal(c.short_term, 1);
  assert.equal(c.quiet_after_days, 42);
  assert.deepEqual(c.people.map((p) => [p.name, p.involvement.kind]),
    [['Ann Example', 'walking_alongside'], ['Bob Example', 'walking_alongside'], ['Dev Example', 'short_term']]);
  assert.equal(c.people[0].last_conversation_at, null);
  assert.equal(c.people[0].quiet, false);
  const page = await priya.get('/staff/caseload');
  assert.equal(page.status, 200);
  assert.match(page.text, /<h1 class="govuk-heading-l">The people you walk alongside<\/h1>/);
  assert.match(page.text, /2 of 55/);
  assert.ok(page.text.indexOf('Walking alongside') < page.text.indexOf('Short-term help'));
  assert.match(page.text, new RegExp(`href="/staff/people/${people['Ann Example']}">Ann Example</a>`));
  // Tom's is his own, and empty.
  assert.equal((await tom.get('/api/v1/caseload')).json().people.length, 0);
  // The staff home page links to it.
  assert.match((await priya.get('/staff')).text, /href="\/staff\/caseload"/);
});

test('an involvement event no one signed in made is "the system", not "imported"', async () => {
  // As migration 010 and other command-line jobs write it: no user.
  sql(`UPDATE involvement_history SET user_id = NULL WHERE involvement_id IN
    (SELECT involvement_id FROM involvement_people WHERE person_id = '${people['Dev Example']}')`);
  const page = await priya.get(`/staff/people/${people['Dev Example']}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /Started as Short-term help · [^<]* at [^<]* · the system<\/li>/);
  assert.doesNotMatch(page.text, /imported/);
});

test('someone not talked with for a while is shown gently, never as overdue', async () => {
  sql(`UPDATE involvements SET started_on = '2020-01-01' WHERE id IN
    (SELECT involvement_id FROM involvement_people WHERE person_id = '${people['Bob Example']}')`);
  const c = (await priya.get('/api/v1/caseload')).json();
  assert.deepEqual(c.people.map((p) => p.quiet), [false, true, false]);
  assert.equal(c.quiet, 1);
  const page = (await priya.get('/staff/caseload')).text;
  assert.equal(page.match(/Not talked with for a while<\/strong>/g).length, 1);
  assert.doesNotMatch(page, /overdue/i);
  const team = (await as(jo, 'GET', '/api/v1/team/caseloads')).json();
  assert.equal(team.coordinators.find((x) => x.coordinator.id === ids.priya).quiet, 1);
});

test('only the coordinator and their team leader see a caseload', async () => {
  for (const b of [tom, sam, admin]) {
    const r = await b.get(`/api/v1/caseload?coordinator=${ids.priya}`);
    assert.equal(r.status, 404);
    assert.equal(r.json().error.code, 'coordinator_not_found');
    assert.equal((await b.get(`/staff/caseload?coordinator=${ids.priya}`)).status, 404);
  }
  const seen = await jo.get(`/api/v1/caseload?coordinator=${ids.priya}`);
  assert.equal(seen.status, 200);
  assert.equal(seen.json().people.length, 3);
  const page = await jo.get(`/staff/caseload?coordinator=${ids.priya}`);
  assert.match(page.text, /<h1 class="govuk-heading-l">The people Priya Shah walks alongside<\/h1>/);
  const team = await jo.get('/api/v1/team/caseloads');
  assert.deepEqual(team.json().coordinators.map((x) => x.coordinator.name).sort(),
    ['Grace Okafor', 'Priya Shah', 'Sam Lee', 'Tom Whitaker']);
  const reads = (await jo.get('/api/v1/team/audit?action=read')).json().entries
    .filter((x) => x.record_type === 'caseload' && x.record_id === ids.priya);
  assert.ok(reads.length >= 2);
});

test("a team leader sees none of a coordinator's people in another team's areas", async () => {
  // Priya works one of Daniel's team's areas too, and Dev lives there.
  const daniel = sql("SELECT id FROM users WHERE username = 'daniel'");
  const area = sql(`SELECT area_id FROM user_role_areas WHERE user_id = '${daniel}' AND role = 'coordinator' LIMIT 1`);
  const home = sql(`SELECT area_id FROM people WHERE id = '${people['Dev Example']}'`);
  sql(`INSERT INTO user_role_areas (user_id, role, area_id) VALUES ('${ids.priya}', 'coordinator', '${area}')`);
  sql(`UPDATE people SET area_id = '${area}' WHERE id = '${people['Dev Example']}'`);
  try {
    const seen = (await jo.get(`/api/v1/caseload?coordinator=${ids.priya}`)).json();
    assert.deepEqual(seen.people.map((p) => p.name), ['Ann Example', 'Bob Example']);
    assert.equal(seen.short_term, 1); // her whole load, against capacity
    assert.doesNotMatch((await jo.get(`/staff/caseload?coordinator=${ids.priya}`)).text, /Dev Example/);
    assert.doesNotMatch((await jo.get(`/team/coordinators/${ids.priya}/move`)).text, /Dev Example/);
    assert.equal((await priya.get('/api/v1/caseload')).json().people.length, 3);
  } finally {
    sql(`UPDATE people SET area_id = '${home}' WHERE id = '${people['Dev Example']}'`);
    sql(`DELETE FROM user_role_areas WHERE user_id = '${ids.priya}' AND area_id = '${area}'`);
  }
});

test('capacity: 1 to 200, set by the team leader; anything else changes nothing', async () => {
  const capacity = async () => (await priya.get('/api/v1/caseload')).json().capacity;
  for (const bad of [0, 500, 'lots', -1, 2.5]) {
    const r = await as(jo, 'PUT', `/api/v1/coordinators/${ids.priya}/capacity`, { capacity: bad });
    assert.equal(r.status, 422, `${bad}: ${r.text}`);
    assert.equal(r.json().error.fields[0].field, 'capacity');
  }
  assert.equal((await as(jo, 'PUT', `/api/v1/coordinators/${ids.priya}/capacity`, {})).status, 422);
  assert.equal(await capacity(), 55);
  // Not a team leader: refused by role; another team's coordinator: not found.
  assert.equal((await as(priya, 'PUT', `/api/v1/coordinators/${ids.priya}/capacity`, { capacity: 60 })).status, 403);
  const daniel = sql("SELECT id FROM users WHERE username = 'daniel'");
  assert.equal((await as(jo, 'PUT', `/api/v1/coordinators/${daniel}/capacity`, { capacity: 60 })).status, 404);
  assert.equal(await capacity(), 55);
  const set = await as(jo, 'PUT', `/api/v1/coordinators/${ids.priya}/capacity`, { capacity: 50 });
  assert.equal(set.status, 200, set.text);
  assert.equal(await capacity(), 50);
  // The page: typed text is refused beside the field, then a number is set.
  const typed = await jo.post(`/team/coordinators/${ids.priya}/capacity`, { csrf_token: jo.csrfToken, capacity: 'fifty' });
  assert.equal(typed.status, 422);
  assert.match(typed.text, new RegExp(`<a href="#capacity-${ids.priya}">a capacity is a number of people from 1 to 200`));
  assert.match(typed.text, new RegExp(`id="capacity-${ids.priya}-error"`));
  assert.equal(await capacity(), 50);
  const ok = await jo.post(`/team/coordinators/${ids.priya}/capacity`, { csrf_token: jo.csrfToken, capacity: '58' });
  assert.equal(ok.status, 303);
  assert.equal(await capacity(), 58);
  assert.match((await jo.get('/team/caseloads')).text, /2 of 58/);
  const audited = (await jo.get('/api/v1/team/audit?action=capacity_change')).json().entries;
  assert.equal(audited.filter((x) => x.record_id === ids.priya && x.outcome === 'ok').length, 2);
});

test('moves: refused ones change nothing; some, then all, each audited', async () => {
  const coordinatorOf = (name) => sql(`SELECT coordinator_id FROM people WHERE id = '${people[name]}'`);
  const move = (b, json) => as(b, 'POST', `/api/v1/coordinators/${ids.priya}/moves`, json);
  assert.equal((await move(priya, { to: ids.sam })).status, 403);
  assert.equal((await move(tom, { to: ids.sam })).status, 403);
  const toTom = await move(jo, { to: ids.tom, person_ids: [people['Ann Example']] });
  assert.equal(toTom.status, 422);
  assert.equal(toTom.json().error.fields[0].field, 'to');
  const notHers = await move(jo, { to: ids.sam, person_ids: ['f'.repeat(32)] });
  assert.equal(notHers.status, 422);
  assert.equal(notHers.json().error.fields[0].field, 'person_ids');
  assert.equal((await move(jo, { to: 'nobody', person_ids: [] })).status, 422);
  assert.equal((await as(jo, 'POST', `/api/v1/coordinators/${'f'.repeat(32)}/moves`, { to: ids.sam })).status, 404);
  for (const name of Object.keys(people)) assert.equal(coordinatorOf(name), ids.priya);
  // Some, from the page.
  const form = await jo.get(`/team/coordinators/${ids.priya}/move`);
  assert.equal(form.status, 200);
  assert.match(form.text, /Sam Lee \(0 of 55\)/);
  const none = await jo.post(`/team/coordinators/${ids.priya}/move`, { csrf_token: jo.csrfToken, to: ids.sam });
  assert.equal(none.status, 422);
  assert.match(none.text, /Choose the people to move, or move them all/);
  const one = await jo.post(`/team/coordinators/${ids.priya}/move`,
    { csrf_token: jo.csrfToken, person: people['Ann Example'], to: ids.sam });
  assert.equal(one.status, 303);
  assert.equal(one.headers.get('location'), '/team/caseloads?moved=1');
  assert.match((await jo.get('/team/caseloads?moved=1')).text, /Moved 1 person\./);
  assert.equal(coordinatorOf('Ann Example'), ids.sam);
  assert.equal(coordinatorOf('Bob Example'), ids.priya);
  // All the rest, through the API.
  const all = await move(jo, { to: ids.sam });
  assert.equal(all.status, 200, all.text);
  assert.equal(all.json().moved, 2);
  assert.equal((await priya.get('/api/v1/caseload')).json().people.length, 0);
  const samHas = (await sam.get('/api/v1/caseload')).json();
  assert.equal(samHas.walking_alongside, 2);
  assert.equal(samHas.short_term, 1);
  const moves = (await jo.get('/api/v1/team/audit?action=move')).json().entries
    .filter((x) => x.outcome === 'ok');
  assert.deepEqual(moves.map((x) => x.record_id).sort(), Object.values(people).sort());
  assert.ok(moves.every((x) => x.record_type === 'person' && x.actor_username === 'jo.bennett'));
});

test('quiet-after is a setting: 1 to 365 days', async () => {
  const refused = await run(['serve', '--quiet-after', '0', '--db', db]);
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /quiet-after \(flag\): expected a whole number from 1 to 365/);
  // The setting reaches the page and the API.
  const other = await startServer({ db, migrate: false, env: { ALONGSIDE_QUIET_AFTER: '10' } });
  try {
    const b = await new Browser(other.url).signedIn('priya');
    const c = (await b.get('/api/v1/caseload')).json();
    assert.equal(c.quiet_after_days, 10);
    assert.match((await b.get('/staff/caseload')).text, /after 10 days without a conversation/);
  } finally {
    assert.equal(await other.stop(), 0);
  }
});
