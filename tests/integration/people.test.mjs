// People and their involvements through the API: an introduction's
// outcome opens one, either kind becomes the other, ending needs a reason
// and a date that makes sense, a return is counted, a household shares
// one, likely matches come only from the people the caller reaches, and
// bad input or a change by someone without access changes nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, yorkDatabase, backend } from '../lib/alongside.mjs';
import { Browser } from '../lib/staff.mjs';

let db, server, priya, tom, jo, priyaId;
before(async () => {
  db = await yorkDatabase();
  server = await startServer({ db, migrate: false });
  const signIn = async (name) => {
    const b = await new Browser(server.url).signedIn(name);
    b.csrfToken = await b.csrf('/staff');
    return b;
  };
  [priya, tom, jo] = await Promise.all(['priya', 'tom', 'jo.bennett'].map(signIn));
  priyaId = (await priya.get('/api/v1/me')).json().id;
});
after(async () => { await server.stop(); });

const as = (b, method, path, json) =>
  b.request(method, path, { json, headers: { 'X-CSRF-Token': b.csrfToken } });
const today = () => new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/London' });
const fields = (r) => r.json().error.fields.map((f) => f.field).sort();

// An introduction in Acomb taken to an outcome: the introduction.
async function introduced(outcome, person = {}) {
  const made = await as(priya, 'POST', '/api/v1/introductions', {
    person: { name: 'Ada Example', phone: '07700 900555', postcode: 'YO24 4NB', ...person },
    introduced_by: { relationship: 'self' }, person_knows: 'yes', channel: 'phone',
  });
  assert.equal(made.status, 201, made.text);
  const id = made.json().id;
  for (const status of ['contacted', 'conversation_arranged', outcome]) {
    const r = await as(priya, 'PATCH', `/api/v1/introductions/${id}`, { status });
    assert.equal(r.status, 200, r.text);
  }
  return (await as(priya, 'GET', `/api/v1/introductions/${id}`)).json();
}

async function newPerson(b, body) {
  const r = await as(b, 'POST', '/api/v1/people', { kind: 'short_term', ...body });
  assert.equal(r.status, 201, r.text);
  return r.json();
}

test(`an introduction's outcome opens the person's involvement (${backend})`, async () => {
  const walking = await introduced('walking_alongside', { name: 'Walker Example' });
  assert.ok(walking.person_id);
  const p = (await as(priya, 'GET', `/api/v1/people/${walking.person_id}`)).json();
  assert.equal(p.name, 'Walker Example');
  assert.equal(p.phone, '07700 900555');
  assert.equal(p.postcode, 'YO24 4NB');
  assert.equal(p.coordinator_id, priyaId);
  assert.equal(p.involvements.length, 1);
  const [v] = p.involvements;
  assert.deepEqual([v.kind, v.introduction_id, v.started_on, v.ended_on, v.is_return],
    ['walking_alongside', walking.id, today(), null, false]);
  assert.deepEqual(v.history.map((h) => [h.event, h.kind, h.username]), [['started', 'walking_alongside', 'priya']]);

  const info = await introduced('information_only', { name: 'Info Example' });
  const q = (await as(priya, 'GET', `/api/v1/people/${info.person_id}/involvements`)).json();
  assert.deepEqual(q.involvements.map((x) => x.kind), ['short_term']);
  // Another area's coordinator is told it is not there.
  assert.equal((await as(tom, 'GET', `/api/v1/people/${info.person_id}`)).status, 404);
});

test('either kind becomes the other, each change kept', async () => {
  const p = await newPerson(priya, { name: 'Kind Example', postcode: 'YO24 4NB' });
  const base = `/api/v1/people/${p.id}/involvements/${p.involvements[0].id}`;
  let r = await as(priya, 'PATCH', base, { kind: 'walking_alongside', note: 'Ready to go further' });
  assert.equal(r.status, 200, r.text);
  r = await as(priya, 'PATCH', base, { kind: 'short_term' });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json().history.map((h) => [h.event, h.kind]),
    [['started', 'short_term'], ['kind_changed', 'walking_alongside'], ['kind_changed', 'short_term']]);
  r = await as(priya, 'PATCH', base, { kind: 'short_term' });
  assert.equal(r.status, 422);
  assert.deepEqual(fields(r), ['kind']);
});

test('ending takes a reason, who, and a date that makes sense; bad input changes nothing', async () => {
  const x = await introduced('walking_alongside', { name: 'Ending Example' });
  const base = `/api/v1/people/${x.person_id}/involvements`;
  const v = (await as(priya, 'GET', base)).json().involvements[0];
  const path = `${base}/${v.id}`;
  const refused = [
    [{ ended_by: 'person' }, ['end_reason']],
    [{ end_reason: 'person_chose', ended_by: 'person', ended_on: '2020-01-01' }, ['ended_on']],
    [{ end_reason: 'person_chose', ended_by: 'person', ended_on: '2999-01-01' }, ['ended_on']],
    [{ end_reason: 'other', ended_by: 'coordinator' }, ['end_words']],
    [{ end_reason: 'bored', ended_by: 'nobody' }, ['end_reason', 'ended_by']],
    [{ kind: 'forever' }, ['kind']],
  ];
  for (const [body, named] of refused) {
    const r = await as(priya, 'PATCH', path, body);
    assert.equal(r.status, 422, JSON.stringify(body));
    assert.deepEqual(fields(r), named, JSON.stringify(body));
  }
  // Someone without access: not found, and nothing changed.
  const theirs = await as(tom, 'PATCH', path, { end_reason: 'person_chose', ended_by: 'person' });
  assert.equal(theirs.status, 404);
  assert.equal(theirs.json().error.code, 'involvement_not_found');
  let now = (await as(priya, 'GET', path)).json();
  assert.equal(now.ended_on, null);
  assert.equal(now.history.length, 1);

  const ended = await as(priya, 'PATCH', path, { end_reason: 'person_chose', ended_by: 'person' });
  assert.equal(ended.status, 200, ended.text);
  now = ended.json();
  assert.deepEqual([now.ended_on, now.end_reason, now.ended_by], [today(), 'person_chose', 'person']);
  assert.deepEqual(now.history.map((h) => h.event), ['started', 'ended']);
  const again = await as(priya, 'PATCH', path, { end_reason: 'in_place', ended_by: 'agreement' });
  assert.equal(again.status, 422);

  // Their return: a new involvement without an introduction, counted once.
  const back = await as(priya, 'POST', base, { kind: 'walking_alongside' });
  assert.equal(back.status, 201, back.text);
  assert.deepEqual([back.json().is_return, back.json().introduction_id], [true, null]);
  assert.equal((await as(priya, 'POST', base, { kind: 'short_term' })).status, 409);
  const all = (await as(priya, 'GET', base)).json().involvements;
  assert.deepEqual(all.map((i) => i.is_return), [true, false]);
  assert.equal(all.filter((i) => i.is_return).length, 1);
  assert.equal((await as(tom, 'POST', base, { kind: 'short_term' })).status, 404);
});

test('a family shares one involvement, counted once', async () => {
  const first = await newPerson(priya, { name: 'Parent Example', kind: 'walking_alongside', postcode: 'YO24 4NB' });
  const shared = first.involvements[0].id;
  const second = await newPerson(priya, { name: 'Child Example', household_involvement_id: shared });
  assert.equal(second.area_id, first.area_id);
  assert.deepEqual(second.involvements.map((v) => v.id), [shared]);
  const v = (await as(priya, 'GET', `/api/v1/people/${first.id}/involvements/${shared}`)).json();
  assert.deepEqual(v.people.map((p) => p.name).sort(), ['Child Example', 'Parent Example']);
  assert.equal(v.kind, 'walking_alongside');
  // Someone with their own open involvement cannot join too.
  const other = await newPerson(priya, { name: 'Aunt Example', postcode: 'YO24 4NB' });
  const join = await as(priya, 'POST', `/api/v1/people/${first.id}/involvements/${shared}/people`, { person_id: other.id });
  assert.equal(join.status, 422);
  assert.deepEqual(fields(join), ['person_id']);
  // Another area's coordinator cannot join anyone to it.
  const tomsOwn = await newPerson(tom, { name: 'Holgate Example' });
  const r = await as(tom, 'POST', `/api/v1/people/${first.id}/involvements/${shared}/people`, { person_id: tomsOwn.id });
  assert.equal(r.status, 404);
  const still = (await as(priya, 'GET', `/api/v1/people/${first.id}/involvements/${shared}`)).json();
  assert.equal(still.people.length, 2);
});

test('a change keeps what it replaced; a stale version is a conflict', async () => {
  const p = await newPerson(priya, { name: 'Change Example', phone: '07700 900321', postcode: 'YO24 4NB' });
  let r = await as(priya, 'PATCH', `/api/v1/people/${p.id}`, {
    version: p.version, preferred_name: 'Chan', what_matters: 'My allotment',
    tags: ['Gardening', ' gardening ', 'Baking'],
  });
  assert.equal(r.status, 200, r.text);
  const changed = r.json();
  assert.equal(changed.version, p.version + 1);
  assert.deepEqual(changed.tags, ['Baking', 'Gardening']);
  assert.deepEqual(changed.changes.map((c) => [c.field, c.value_before, c.username]).sort(),
    [['preferred_name', null, 'priya'], ['tags', '', 'priya'], ['what_matters', null, 'priya']]);
  const tags = (await as(priya, 'GET', '/api/v1/tags')).json().tags;
  assert.ok(tags.includes('Gardening') && tags.includes('Baking'));
  assert.equal(tags.filter((t) => t.toLowerCase() === 'gardening').length, 1);

  r = await as(priya, 'PATCH', `/api/v1/people/${p.id}`, { version: p.version, phone: '07700 900999' });
  assert.equal(r.status, 409);
  r = await as(priya, 'PATCH', `/api/v1/people/${p.id}`, { phone: 'call me', email: 'nope', name: '' });
  assert.equal(r.status, 422);
  assert.deepEqual(fields(r), ['email', 'name', 'phone']);
  r = await as(tom, 'PATCH', `/api/v1/people/${p.id}`, { phone: '07700 900999' });
  assert.equal(r.status, 404);
  const after = (await as(priya, 'GET', `/api/v1/people/${p.id}`)).json();
  assert.equal(after.phone, '07700 900321');
  assert.equal(after.version, changed.version);
  r = await as(priya, 'PATCH', `/api/v1/people/${p.id}`, { what_matters: '' });
  assert.equal(r.status, 200);
  assert.equal(r.json().what_matters, null);
});

test('likely matches come only from the people the caller reaches', async () => {
  await newPerson(priya, { name: 'Mo  Match', phone: '07700 900777', email: 'Mo@Example.org', postcode: 'YO24 4NB' });
  const search = (b, q) => as(b, 'GET', `/api/v1/people?${new URLSearchParams(q)}`).then((r) => r.json().matches);
  assert.deepEqual((await search(priya, { phone: '+44 7700 900777' })).map((m) => m.why), ['same phone']);
  assert.deepEqual((await search(priya, { email: 'mo@example.org' })).map((m) => m.why), ['same email']);
  assert.deepEqual((await search(priya, { name: 'mo match', postcode: 'yo244nb' })).map((m) => m.why), ['same name and postcode']);
  assert.equal((await search(priya, { name: 'mo match', postcode: 'YO1 7HH' })).length, 0);
  assert.equal((await search(jo, { phone: '07700900777' })).length, 1);
  assert.equal((await search(tom, { phone: '07700900777' })).length, 0);
});

test('an introduction linked to a known person opens their return', async () => {
  const first = await introduced('walking_alongside', { name: 'Return Example', phone: '07700 900888' });
  const person = first.person_id;
  const base = `/api/v1/people/${person}/involvements`;
  const [v] = (await as(priya, 'GET', base)).json().involvements;
  assert.equal((await as(priya, 'PATCH', `${base}/${v.id}`, { end_reason: 'in_place', ended_by: 'agreement' })).status, 200);

  const again = await as(priya, 'POST', '/api/v1/introductions', {
    person: { name: 'Return Example', phone: '07700 900888', postcode: 'YO24 4NB' },
    introduced_by: { relationship: 'self' }, person_knows: 'yes', channel: 'phone',
  });
  const id = again.json().id;
  assert.equal((await as(tom, 'PUT', `/api/v1/introductions/${id}/person`, { person_id: person })).status, 404);
  const linked = await as(priya, 'PUT', `/api/v1/introductions/${id}/person`, { person_id: person });
  assert.equal(linked.status, 200, linked.text);
  assert.equal(linked.json().person_id, person);
  for (const status of ['contacted', 'conversation_arranged', 'information_only'])
    assert.equal((await as(priya, 'PATCH', `/api/v1/introductions/${id}`, { status })).status, 200);
  const all = (await as(priya, 'GET', base)).json().involvements;
  assert.deepEqual(all.map((i) => [i.kind, i.introduction_id, i.is_return]),
    [['short_term', id, true], ['walking_alongside', first.id, false]]);
  // Linking after the outcome is refused.
  const late = await as(priya, 'PUT', `/api/v1/introductions/${id}/person`, { person_id: person });
  assert.equal(late.status, 422);
});
