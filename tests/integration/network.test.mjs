// A person's network through the API: pictures recorded whole and
// numbered, bad input answered at its field with nothing stored, another
// area's coordinator told the person is not found with nothing changed,
// two pictures compared member by member, a family's members each with
// their own network, and every read and change in the audit trail.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer, yorkDatabase, backend } from '../lib/alongside.mjs';
import { Browser } from '../lib/staff.mjs';
import { walkingAlongside } from '../lib/walking.mjs';

let server, priya, tom, jo, person;
before(async () => {
  server = await startServer({ db: await yorkDatabase(), migrate: false });
  const signIn = async (name) => {
    const b = await new Browser(server.url).signedIn(name);
    b.csrfToken = await b.csrf('/staff');
    return b;
  };
  [priya, tom, jo] = await Promise.all(['priya', 'tom', 'jo.bennett'].map(signIn));
  person = await walkingAlongside(server, priya, 'Sam Example');
});
after(async () => { await server.stop(); });

const as = (b, method, path, json) =>
  b.request(method, path, { json, headers: { 'X-CSRF-Token': b.csrfToken } });
const network = (b = priya, id = person) => as(b, 'GET', `/api/v1/people/${id}/network`);
const record = (body, b = priya, id = person) => as(b, 'POST', `/api/v1/people/${id}/network`, body);
const pictures = async (id = person) => (await network(priya, id)).json().pictures.length;
const fields = (r) => r.json().error.fields.map((f) => f.field).sort();
const message = (r, field) => r.json().error.fields.find((f) => f.field === field)?.message;
const today = () => new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/London' });
const mum = { name: 'Mum', relationship: 'family', relationship_words: 'my mum', circle: 1, can_call_on: true };

test(`two pictures, numbered, and compared member by member (${backend})`, async () => {
  const talk = (await as(priya, 'POST', `/api/v1/people/${person}/conversations`, { how: 'met', good_life: true })).json();
  const first = await record({
    taken_on: '2026-01-05', conversation_id: talk.id, note: 'Drawn at the library',
    members: [
      { name: 'Sue next door', relationship: 'neighbour', circle: 3 },
      mum,
      { name: 'Support worker', relationship: 'paid', circle: 4 },
      { name: 'Jo', relationship: 'friend', circle: 2 },
    ],
  });
  assert.equal(first.status, 201, first.text);
  const one = first.json();
  assert.equal(first.headers.get('location'), `/api/v1/people/${person}/network/pictures/1`);
  assert.equal(one.number, 1);
  assert.equal(one.taken_on, '2026-01-05');
  assert.equal(one.conversation_id, talk.id);
  assert.equal(one.note, 'Drawn at the library');
  assert.equal(one.created_by.name, 'Priya Shah');
  assert.deepEqual(one.members.map((m) => [m.name, m.circle]),
    [['Mum', 1], ['Jo', 2], ['Sue next door', 3], ['Support worker', 4]]);
  assert.deepEqual([one.members[0].relationship_words, one.members[0].can_call_on], ['my mum', true]);
  const id = Object.fromEntries(one.members.map((m) => [m.name, m.member_id]));

  const second = await record({
    members: [
      { member_id: id.Mum, ...mum },
      { member_id: id['Sue next door'], name: 'Sue', relationship: 'friend', circle: 2 },
      { member_id: id.Jo, name: 'Jo', relationship: 'friend', circle: 3 },
      { name: 'Gardening group', relationship: 'community', circle: 3, can_call_on: true },
    ],
  });
  assert.equal(second.status, 201, second.text);
  assert.equal(second.json().number, 2);
  assert.equal(second.json().taken_on, today());
  assert.equal(second.json().conversation_id, null);

  const all = (await network()).json();
  assert.deepEqual(all.person, { id: person, name: 'Sam Example' });
  assert.deepEqual(all.pictures.map((p) => p.number), [1, 2]);
  const got = await as(priya, 'GET', `/api/v1/people/${person}/network/pictures/2`);
  assert.equal(got.status, 200);
  assert.deepEqual(got.json(), second.json());

  const compared = await as(priya, 'GET', `/api/v1/people/${person}/network/compare`);
  assert.equal(compared.status, 200, compared.text);
  const c = compared.json();
  assert.deepEqual([c.from, c.to], [1, 2]);
  assert.deepEqual(c.changes.map((x) => [x.name, x.from_circle, x.to_circle, x.move]), [
    ['Mum', 1, 1, 'stayed'],
    ['Sue', 3, 2, 'closer'],
    ['Jo', 2, 3, 'further'],
    ['Gardening group', null, 3, 'joined'],
    ['Support worker', 4, null, 'left'],
  ]);
  const back = (await as(priya, 'GET', `/api/v1/people/${person}/network/compare?from=2&to=1`)).json();
  assert.deepEqual(back.changes.filter((x) => x.move === 'joined').map((x) => x.name), ['Support worker']);
  for (const path of ['pictures/3', 'compare?from=1&to=9']) {
    const r = await as(priya, 'GET', `/api/v1/people/${person}/network/${path}`);
    assert.equal(r.status, 404, path);
    assert.equal(r.json().error.code, 'picture_not_found');
  }
  assert.equal((await as(priya, 'GET', `/api/v1/people/${person}/network/pictures/nope`)).json().error.code,
    'picture_not_found');
});

test('pictures recorded at once each take a number of their own', async () => {
  const before = await pictures();
  const made = await Promise.all([0, 1, 2, 3].map((i) =>
    record({ members: [{ name: `Neighbour ${i}`, relationship: 'neighbour', circle: 3 }] })));
  assert.deepEqual(made.map((r) => r.status), [201, 201, 201, 201], made.map((r) => r.text).join());
  assert.deepEqual(made.map((r) => r.json().number).sort(),
    [before + 1, before + 2, before + 3, before + 4]);
});

test('bad input is 422 at its field, all at once, and nothing is stored', async () => {
  const before = await pictures();
  const tomorrow = new Date(Date.now() + 36 * 3600 * 1000).toLocaleDateString('en-CA', { timeZone: 'Europe/London' });
  const cases = [
    // A member without a circle: the message names them.
    [{ members: [{ name: 'Sue', relationship: 'friend' }] }, ['members.0.circle'], /how close Sam Example is to Sue/],
    [{ taken_on: tomorrow, members: [mum] }, ['taken_on'], /future/],
    [{ taken_on: '05/01/2026', members: [mum] }, ['taken_on'], /enter a real date/],
    [{ members: [{ name: '', relationship: 'friend', circle: 2 }] }, ['members.0.name'], /name/],
    [{ members: [] }, ['members'], /at least one/],
    [{ members: [mum, { name: 'Dog', relationship: 'pet', circle: 7 }] }, ['members.1.circle', 'members.1.relationship'], null],
    [{ members: [{ ...mum, circle: '1' }] }, ['members.0.circle'], null],
    [{ members: [mum], mood: 'good' }, ['mood'], null],
    [{ members: [{ member_id: 'f'.repeat(32), ...mum }] }, ['members.0.member_id'], /not someone in Sam Example’s network/],
  ];
  for (const [body, want, words] of cases) {
    const r = await record(body);
    assert.equal(r.status, 422, `${JSON.stringify(body)}: ${r.text}`);
    assert.deepEqual(fields(r), want, JSON.stringify(body));
    if (words) assert.match(message(r, want[0]), words);
  }
  const all = await record({ taken_on: 'soon', note: 'x'.repeat(2001), members: [{ relationship: 'friend' }] });
  assert.deepEqual(fields(all), ['members.0.circle', 'members.0.name', 'note', 'taken_on']);
  assert.equal(await pictures(), before);
});

test("another area's coordinator finds no such person, and changes nothing", async () => {
  const before = (await network()).json();
  const nobody = 'f'.repeat(32);
  const missing = await network(tom, nobody);
  for (const [method, path, json] of [
    ['GET', `/api/v1/people/${person}/network`],
    ['POST', `/api/v1/people/${person}/network`, { members: [mum] }],
    ['POST', `/api/v1/people/${person}/network`, { members: [] }],
    ['GET', `/api/v1/people/${person}/network/pictures/1`],
    ['GET', `/api/v1/people/${person}/network/compare`],
  ]) {
    const r = await as(tom, method, path, json);
    assert.equal(r.status, 404, `${method} ${path}: ${r.text}`);
    assert.equal(r.text, missing.text, 'the same words as a person who does not exist');
    assert.equal(r.json().error.code, 'person_not_found');
  }
  assert.deepEqual((await network()).json(), before);
});

test("a family's members each have their own network", async () => {
  const shared = (await as(priya, 'GET', `/api/v1/people/${person}/involvements`)).json().involvements[0].id;
  const made = await as(priya, 'POST', '/api/v1/people', { name: 'Kid Example', household_involvement_id: shared });
  assert.equal(made.status, 201, made.text);
  const kid = made.json().id;
  assert.deepEqual((await network(priya, kid)).json().pictures, []);
  const none = await as(priya, 'GET', `/api/v1/people/${kid}/network/compare`);
  assert.equal(none.status, 404);
  assert.equal(none.json().error.code, 'picture_not_found');
  assert.match(none.json().error.message, /fewer than two pictures/);
  // Sam's members and conversations are not the child's to use.
  const sams = (await network()).json().pictures[0];
  const talk = (await as(priya, 'GET', `/api/v1/people/${person}/conversations`)).json().conversations[0];
  const refused = await record({ conversation_id: talk.id, members: [{ ...mum, member_id: sams.members[0].member_id }] },
    priya, kid);
  assert.equal(refused.status, 422, refused.text);
  assert.deepEqual(fields(refused), ['conversation_id', 'members.0.member_id']);
  const own = await record({ members: [{ name: 'Grandad', relationship: 'family', circle: 1 }] }, priya, kid);
  assert.equal(own.status, 201, own.text);
  assert.equal(own.json().number, 1);
  assert.equal(await pictures(kid), 1);
  assert.ok(!(await network()).json().pictures.some((p) => p.members.some((m) => m.name === 'Grandad')));
});

const REFUSALS = "SELECT DISTINCT a.action || '|' || a.outcome FROM audit_log a"
  + " JOIN users u ON u.id = a.actor_user_id WHERE a.record_type = 'network' AND u.username = 'tom'";

test('every read and change is in the audit trail, refusals too, without names', async () => {
  const trail = (await as(jo, 'GET', '/api/v1/team/audit')).json().entries
    .filter((e) => e.record_type === 'network');
  const seen = (action, who, outcome) => trail.some((e) => e.action === action
    && e.actor_username === who && e.outcome === outcome);
  assert.ok(seen('create', 'priya', 'ok'));
  assert.ok(seen('read', 'priya', 'ok'));
  // A refusal names no area, so a team leader's trail leaves it out:
  // the log itself has it.
  const db = server.db;
  const refusals = (db.startsWith('sqlite:')
    ? execFileSync('sqlite3', [db.slice('sqlite:'.length), REFUSALS])
    : execFileSync('psql', [db, '-qAtc', REFUSALS])).toString().trim().split('\n').sort();
  assert.deepEqual(refusals, ['create|refused', 'read|refused']);
  // A read names the person; a picture made names the picture.
  assert.ok(trail.some((e) => e.action === 'read' && e.record_id === person));
  // Two pictures, four at once, and the child's one.
  assert.equal(trail.filter((e) => e.action === 'create' && e.outcome === 'ok').length, 7);
  assert.ok(!JSON.stringify(trail).includes('Mum'), 'no personal data in the trail');
});
