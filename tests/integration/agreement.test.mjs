// The shared agreement over the API: started and changed as versions,
// each bad input answered at its field with nothing stored, short-term
// help refused, another area's coordinator told the person is not found
// (word for word as one that does not exist), two changes from one
// version giving one conflict, a family's one agreement, a change and an
// ending asked for by the person recorded as theirs, two versions
// compared naming the version that made each change, and every read,
// change and refusal audited.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer, yorkDatabase, backend } from '../lib/alongside.mjs';
import { Browser } from '../lib/staff.mjs';
import { walkingAlongside } from '../lib/walking.mjs';

let db, server, priya, tom, person;
before(async () => {
  db = await yorkDatabase();
  // Several workers, so requests at the same moment run in parallel.
  server = await startServer({ db, migrate: false, args: ['--threads', '8'] });
  const signIn = async (name) => {
    const b = await new Browser(server.url).signedIn(name);
    b.csrfToken = await b.csrf('/staff');
    return b;
  };
  [priya, tom] = await Promise.all(['priya', 'tom'].map(signIn));
  person = await walkingAlongside(server, priya, 'Ada Example');
});
after(async () => { await server.stop(); });

const sql = (query) => (db.startsWith('sqlite:')
  ? execFileSync('sqlite3', [db.slice('sqlite:'.length), query])
  : execFileSync('psql', [db, '-qAtc', query])).toString().trim();
const as = (b, method, path, json) =>
  b.request(method, path, { json, headers: { 'X-CSRF-Token': b.csrfToken } });
const fields = (r) => r.json().error.fields.map((f) => f.field).sort();
const base = (id) => `/api/v1/people/${id}/agreement`;
const get = (id, b = priya) => as(b, 'GET', base(id));
const save = (id, body, b = priya) => as(b, 'POST', base(id), body);

const FIRST = {
  asked_by: 'together', agreed_on: '2026-01-05', agreed_how: 'in_person',
  other_plan_service: 'Adult social care', other_plan_reference: 'ASC-1234',
  goals: [{
    words: 'Get out of the house more',
    steps: [
      { words: 'Walk to the park with Sue on Sundays', taken_by: 'person', taken_by_words: 'Ada' },
      { words: 'Find out about the walking group', taken_by: 'coordinator', by_when: '2026-06-30' },
    ],
  }],
};

// The person's agreement as it stands, and how many versions it has.
const versions = async (id) => {
  const r = await get(id);
  return r.status === 404 ? 0 : r.json().versions.length;
};

// A person in Acomb opened through the API, with the kind of involvement given.
async function newPerson(name, body = {}) {
  const r = await as(priya, 'POST', '/api/v1/people', { name, postcode: 'YO24 4NB', kind: 'walking_alongside', ...body });
  assert.equal(r.status, 201, r.text);
  return r.json();
}

test(`an agreement starts, reads back whole, and each version is kept (${backend})`, async () => {
  assert.equal((await get(person)).json().error.code, 'agreement_not_found');
  const r = await save(person, FIRST);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.headers.get('location'), `${base(person)}/versions/1`);
  const g = r.json();
  assert.equal(g.version, 1);
  assert.equal(g.open, true);
  assert.deepEqual(g.person, { id: person, name: 'Ada Example' });
  const v = g.versions[0];
  assert.equal(v.state, 'in_place');
  assert.equal(v.made_by.name, 'Priya Shah');
  assert.equal(v.other_plan_reference, 'ASC-1234');
  assert.match(v.goals[0].key, /^[0-9a-f]{32}$/);
  assert.deepEqual(v.goals[0].steps.map((s) => [s.words, s.taken_by, s.taken_by_words, s.by_when, s.status]), [
    ['Walk to the park with Sue on Sundays', 'person', 'Ada', null, 'not_yet'],
    ['Find out about the walking group', 'coordinator', null, '2026-06-30', 'not_yet'],
  ]);
  assert.deepEqual((await get(person)).json(), g);
  const one = await as(priya, 'GET', `${base(person)}/versions/1`);
  assert.equal(one.status, 200);
  assert.deepEqual(one.json().versions, g.versions);
  const none = await as(priya, 'GET', `${base(person)}/versions/7`);
  assert.equal(none.status, 404);
  assert.equal(none.json().error.code, 'version_not_found');
  // Starting a second one is a conflict: there is one to change.
  assert.equal((await save(person, FIRST)).status, 409);
  assert.equal(await versions(person), 1);
});

test('each bad input is 422 at its field, and nothing is stored', async () => {
  const g = (await get(person)).json();
  const goal = g.versions.at(-1).goals[0];
  const change = (over, goalOver = {}, stepOver = {}) => ({
    from_version: g.version, asked_by: 'person', agreed_how: 'phone', ...over,
    goals: [{ key: goal.key, words: goal.words, ...goalOver,
      steps: [{ key: goal.steps[0].key, words: goal.steps[0].words, taken_by: 'person', ...stepOver }] }],
  });
  const cases = [
    [change({}, { words: '' }), ['goals.0.words']],
    [change({}, { words: '   ' }), ['goals.0.words']],
    [change({}, {}, { taken_by: undefined }), ['goals.0.steps.0.taken_by']],
    [change({}, {}, { taken_by: 'neighbour' }), ['goals.0.steps.0.taken_by']],
    [change({}, {}, { by_when: '30/06/2026' }), ['goals.0.steps.0.by_when']],
    [change({ agreed_on: '5 January 2026' }), ['agreed_on']],
    [change({ agreed_on: '2999-01-01' }), ['agreed_on']],
    // A goal not in the version changed: its steps cannot be either.
    [change({}, { key: 'f'.repeat(32) }), ['goals.0.key', 'goals.0.steps.0.key']],
    [change({}, {}, { key: 'f'.repeat(32) }), ['goals.0.steps.0.key']],
    [{ ...change({}), goals: [] }, ['goals']],
    [change({ asked_by: undefined, agreed_how: 'carrier pigeon' }), ['agreed_how', 'asked_by']],
    [change({ other_plan_note: 'See their plan' }), ['other_plan_service']],
    // The body's shape, checked before anything is read.
    [change({}, {}, { words: 7 }), ['goals.0.steps.0.words']],
    [change({ mood: 'good' }), ['mood']],
  ];
  for (const [body, want] of cases) {
    const r = await save(person, body);
    assert.equal(r.status, 422, `${JSON.stringify(body)}: ${r.text}`);
    assert.deepEqual(fields(r), want, JSON.stringify(body));
  }
  const empty = await save(person, change({}, { words: '' }));
  assert.match(empty.json().error.fields[0].message, /goal in their words/);
  const noOne = await save(person, change({}, {}, { taken_by: undefined }));
  assert.match(noOne.json().error.fields[0].message, /who takes this step/);
  assert.deepEqual((await get(person)).json(), g);
});

test('an agreement on short-term help is refused at "involvement"', async () => {
  const p = await newPerson('Short Example', { kind: 'short_term' });
  const r = await save(p.id, FIRST);
  assert.equal(r.status, 422, r.text);
  assert.deepEqual(fields(r), ['involvement']);
  assert.match(r.json().error.fields[0].message, /An agreement belongs to walking alongside/);
  assert.equal((await get(p.id)).status, 404);
  assert.equal(sql(`SELECT count(*) FROM agreements a JOIN involvement_people ip
    ON ip.involvement_id = a.involvement_id WHERE ip.person_id = '${p.id}'`), '0');
});

test('another area\'s coordinator finds no such person, and changes nothing', async () => {
  const g = (await get(person)).json();
  const nobody = 'f'.repeat(32);
  const refused = await get(person, tom);
  const missing = await get(nobody, tom);
  assert.equal(refused.status, 404);
  assert.equal(refused.text, missing.text);
  assert.equal(refused.json().error.code, 'person_not_found');
  const refusals = () => Number(sql(`SELECT count(*) FROM audit_log WHERE record_type = 'agreement'
    AND outcome = 'refused' AND record_id = '${person}'`));
  const before = refusals();
  for (const [method, path, json] of [
    ['POST', base(person), { ...FIRST, from_version: g.version, asked_by: 'person' }],
    ['GET', `${base(person)}/versions/1`],
    ['GET', `${base(person)}/compare?from=1&to=1`],
  ]) {
    const r = await as(tom, method, path, json);
    assert.equal(r.status, 404, `${method} ${path}: ${r.text}`);
    assert.equal(r.json().error.code, 'person_not_found');
  }
  assert.equal(refusals(), before + 3);
  assert.deepEqual((await get(person)).json(), g);
});

test(`two changes from the same version: one is stored, the other a conflict (${backend})`, async () => {
  const someone = await walkingAlongside(server, priya, 'Bea Example');
  // Starts at once: one agreement.
  const starts = await Promise.all(Array.from({ length: 6 }, () => save(someone, FIRST)));
  assert.deepEqual(starts.map((r) => r.status).sort(), [201, 409, 409, 409, 409, 409]);
  const g = starts.find((r) => r.status === 201).json();
  const goal = g.versions[0].goals[0];
  const changes = await Promise.all(['Out most days', 'Out every day', 'Out at weekends', 'Out twice a week']
    .map((words) => save(someone, { ...FIRST, from_version: 1, goals: [{ key: goal.key, words }] })));
  assert.deepEqual(changes.map((r) => r.status).sort(), [201, 409, 409, 409]);
  const conflict = changes.find((r) => r.status === 409);
  assert.match(conflict.json().error.message, /changed this agreement meanwhile/);
  const now = (await get(someone)).json();
  assert.equal(now.version, 2);
  assert.deepEqual(now.versions.map((v) => v.version), [1, 2]);
  assert.equal(sql(`SELECT count(*) FROM agreement_versions WHERE agreement_id = '${g.id}'`), '2');
});

test('a change and an ending the person asked for are theirs, and compare names who changed what', async () => {
  const g = (await get(person)).json();
  const goal = g.versions.at(-1).goals[0];
  const [park, group] = goal.steps;
  const r = await save(person, {
    from_version: g.version, asked_by: 'person', why: 'I go to the park already', agreed_on: '2026-02-02',
    agreed_how: 'phone', other_plan_service: 'Adult social care', other_plan_reference: 'ASC-1234',
    goals: [
      { key: goal.key, words: 'Get out of the house most days',
        steps: [{ key: park.key, words: park.words, taken_by: 'person', taken_by_words: 'Ada', status: 'done' }] },
      { words: 'Cook for friends', steps: [{ words: 'Ask Mum for her recipes', taken_by: 'family', taken_by_words: 'Mum' }] },
    ],
  });
  assert.equal(r.status, 201, r.text);
  const two = r.json();
  assert.equal(two.versions.at(-1).asked_by, 'person');
  const cook = two.versions.at(-1).goals[1];
  const c = await as(priya, 'GET', `${base(person)}/compare?from=${two.version}&to=${g.version}`);
  assert.equal(c.status, 200, c.text);
  const body = c.json();
  assert.equal(body.from, g.version);
  assert.equal(body.to, two.version);
  const row = (x) => [x.difference, x.goal_key, x.step_key, x.fields, x.by.version, x.by.asked_by];
  assert.deepEqual(body.changes.map(row), [
    ['changed', goal.key, null, ['words'], 2, 'person'],
    ['changed', goal.key, park.key, ['status'], 2, 'person'],
    ['removed', goal.key, group.key, [], 2, 'person'],
    ['added', cook.key, null, [], 2, 'person'],
    ['added', cook.key, cook.steps[0].key, [], 2, 'person'],
  ]);
  assert.equal(body.changes[0].before.words, 'Get out of the house more');
  assert.equal(body.changes[0].after.words, 'Get out of the house most days');
  assert.equal(body.changes[1].before.status, 'not_yet');
  assert.equal(body.changes[1].after.status, 'done');
  assert.equal(body.changes[2].after, null);
  assert.equal(body.changes[0].by.made_by.name, 'Priya Shah');
  const bad = await as(priya, 'GET', `${base(person)}/compare?from=1&to=9`);
  assert.equal(bad.status, 404);
  assert.equal(bad.json().error.code, 'version_not_found');
  const noNumber = await as(priya, 'GET', `${base(person)}/compare?from=one&to=2`);
  assert.equal(noNumber.status, 422);

  // Ended at their request: the version says so, and keeps what was agreed.
  const end = await save(person, { from_version: two.version, state: 'ended', asked_by: 'person',
    why: 'I can do it on my own now', agreed_how: 'phone' });
  assert.equal(end.status, 201, end.text);
  const last = end.json().versions.at(-1);
  assert.equal(last.state, 'ended');
  assert.equal(last.asked_by, 'person');
  assert.deepEqual(last.goals, two.versions.at(-1).goals);
  const ended = (await as(priya, 'GET', `${base(person)}/compare?from=2&to=3`)).json();
  assert.equal(ended.to_state, 'ended');
  assert.deepEqual(ended.changes, []);
});

test(`a family's involvement shares one agreement (${backend})`, async () => {
  const parent = await newPerson('Parent Example');
  const child = await newPerson('Child Example', { kind: undefined, household_involvement_id: parent.involvements[0].id });
  const started = await save(parent.id, FIRST);
  assert.equal(started.status, 201, started.text);
  const seen = (await get(child.id)).json();
  assert.equal(seen.id, started.json().id);
  assert.deepEqual(seen.person, { id: child.id, name: 'Child Example' });
  assert.deepEqual([...seen.members].sort(), ['Child Example', 'Parent Example']);
  // Changed through the child, seen through the parent.
  const goal = seen.versions[0].goals[0];
  const r = await save(child.id, { ...FIRST, from_version: 1, goals: [{ key: goal.key, words: 'Get out together' }] });
  assert.equal(r.status, 201, r.text);
  assert.equal((await get(parent.id)).json().version, 2);
  assert.equal(seen.versions[0].asked_by_person, null);
  // Asked for by the child through the child's id: the child's, read
  // through either member.
  const asked = await save(child.id, { ...FIRST, from_version: 2, asked_by: 'person', goals: [{ key: goal.key, words: 'Out on Saturdays' }] });
  assert.equal(asked.status, 201, asked.text);
  const mine = { id: child.id, name: 'Child Example' };
  assert.deepEqual(asked.json().versions.at(-1).asked_by_person, mine);
  const viaParent = (await get(parent.id)).json();
  assert.deepEqual(viaParent.versions.at(-1).asked_by_person, mine);
  const cmp = (await as(priya, 'GET', `${base(parent.id)}/compare?from=2&to=3`)).json();
  assert.deepEqual(cmp.changes[0].by.asked_by_person, mine);
  // Ended at the parent's request, through the parent: the parent's.
  const end = await save(parent.id, { from_version: 3, state: 'ended', asked_by: 'person', agreed_how: 'phone' });
  assert.equal(end.status, 201, end.text);
  assert.deepEqual((await get(child.id)).json().versions.at(-1).asked_by_person, { id: parent.id, name: 'Parent Example' });
  // Starting another through the other member is a conflict.
  assert.equal((await save(child.id, FIRST)).status, 409);
});

test('every read, change and refusal is audited', async () => {
  const p = await walkingAlongside(server, priya, 'Cal Example');
  const entries = () => sql(`SELECT action || ':' || outcome FROM audit_log WHERE record_type = 'agreement'
    AND (record_id = '${p}' OR record_id IN (SELECT a.id FROM agreements a JOIN involvement_people ip
    ON ip.involvement_id = a.involvement_id WHERE ip.person_id = '${p}')) ORDER BY at, id`).split('\n').filter(Boolean);
  assert.equal((await get(p)).status, 404);
  const g = (await save(p, FIRST)).json();
  assert.equal((await save(p, { ...FIRST, from_version: 1, asked_by: 'person' })).status, 201);
  assert.equal((await get(p)).status, 200);
  assert.equal((await as(priya, 'GET', `${base(p)}/versions/1`)).status, 200);
  assert.equal((await as(priya, 'GET', `${base(p)}/compare?from=1&to=2`)).status, 200);
  assert.equal((await get(p, tom)).status, 404);
  assert.equal((await save(p, { ...FIRST, from_version: 2, asked_by: 'person' }, tom)).status, 404);
  assert.equal(g.version, 1);
  // Before there is one, nothing was refused: there was nothing to read.
  assert.deepEqual(entries().sort(), ['create:ok', 'read:not_found', 'read:ok', 'read:ok', 'read:ok',
    'read:refused', 'update:ok', 'update:refused'].sort());
});

test(`a return starts a new agreement, and the earlier one is kept readable (${backend})`, async () => {
  const p = await newPerson('Rae Example');
  const [before] = p.involvements;
  const old = (await save(p.id, FIRST)).json();
  const ended = await as(priya, 'PATCH', `/api/v1/people/${p.id}/involvements/${before.id}`, { end_reason: 'in_place', ended_by: 'agreement' });
  assert.equal(ended.status, 200, ended.text);
  const back = await as(priya, 'POST', `/api/v1/people/${p.id}/involvements`, { kind: 'walking_alongside' });
  assert.equal(back.status, 201, back.text);
  const now = back.json().id;
  // This time walking alongside has none yet; starting one is version 1.
  assert.equal((await get(p.id)).json().error.code, 'agreement_not_found');
  const fresh = await save(p.id, { ...FIRST, goals: [{ words: 'Cook for friends again' }] });
  assert.equal(fresh.status, 201, fresh.text);
  assert.equal(fresh.json().version, 1);
  assert.equal(fresh.json().involvement_id, now);
  assert.notEqual(fresh.json().id, old.id);
  assert.deepEqual((await get(p.id)).json(), fresh.json());
  // The earlier one, by its involvement: as it was, read only.
  const then = await as(priya, 'GET', `${base(p.id)}?involvement=${before.id}`);
  assert.equal(then.status, 200, then.text);
  assert.deepEqual({ ...then.json(), open: true }, old);
  assert.equal(then.json().open, false);
  const one = await as(priya, 'GET', `${base(p.id)}/versions/1?involvement=${before.id}`);
  assert.deepEqual(one.json().versions, old.versions);
  const cmp = await as(priya, 'GET', `${base(p.id)}/compare?from=1&to=1&involvement=${before.id}`);
  assert.equal(cmp.status, 200, cmp.text);
  assert.equal(cmp.json().id, old.id);
  // Another person's involvement is not found; out of reach is the person.
  const other = await newPerson('Other Example');
  const stranger = await as(priya, 'GET', `${base(p.id)}?involvement=${other.involvements[0].id}`);
  assert.equal(stranger.status, 404);
  assert.equal(stranger.json().error.code, 'agreement_not_found');
  assert.equal((await as(tom, 'GET', `${base(p.id)}?involvement=${before.id}`)).json().error.code, 'person_not_found');
  assert.equal((await as(priya, 'GET', `${base(p.id)}?involvement=nonsense`)).status, 422);
  // Starting another is a conflict; the earlier one never changed.
  assert.equal((await save(p.id, FIRST)).status, 409);
  assert.deepEqual((await as(priya, 'GET', `${base(p.id)}?involvement=${before.id}`)).json(), then.json());
  assert.equal(sql(`SELECT count(*) FROM audit_log WHERE record_type = 'agreement' AND action = 'read'
    AND outcome = 'not_found' AND record_id = '${p.id}'`), '2');
});
