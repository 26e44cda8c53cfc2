// The public estimate of how soon a first conversation happens, through
// the real server: introductions logged through the API and taken to
// walking alongside with PATCH, their first conversations held, and the
// sentence read where the public sees it — /find, the area page, the reply
// after getting in touch — and in the area's JSON and the lookup's.  The demo's sequence
// (people waiting and a conversation arranged) changes nothing.
// First conversations are logged through the conversations API.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, yorkDatabase, backend, run } from '../lib/alongside.mjs';
import { Browser } from '../lib/staff.mjs';

const DAY = 86400 * 1000;
const TOO_EARLY = 'It is too early to say how soon a first conversation usually happens, as only a few have happened so far. The coordinator can tell you more.';
const PROGRAMME_LONG = 'At the moment, across all areas, a first conversation with a coordinator usually happens more than four weeks after getting in touch. In the meantime, anyone is welcome at a drop-in.';
const AREA_LONG = 'At the moment, a first conversation with the coordinator usually happens more than four weeks after getting in touch. In the meantime, anyone is welcome at a drop-in.';
const AREA_SOON = 'At the moment, a first conversation with the coordinator usually happens within a week of getting in touch.';
const FULL = 'The coordinator is full at the moment: they take on someone new as the people they walk alongside move on, so a first conversation may take a while. In the meantime, anyone is welcome at a drop-in.';

let db, server, areas, priya, daniel;
before(async () => {
  db = await yorkDatabase({ caseload: false });
  server = await startServer({ db, migrate: false, args: ['--public-limit', '50'] });
  areas = Object.fromEntries((await (await fetch(server.url + '/api/v1/areas')).json())
    .features.map((f) => [f.properties.name, f.id]));
  const signIn = async (name) => {
    const b = await new Browser(server.url).signedIn(name);
    b.csrfToken = await b.csrf('/staff');
    return b;
  };
  [priya, daniel] = await Promise.all(['priya', 'daniel'].map(signIn));
});
after(async () => { await server.stop(); });

const as = (b, method, path, json) =>
  b.request(method, path, { json, headers: { 'X-CSRF-Token': b.csrfToken } });

// An introduction logged by b for someone at postcode, arrived at `received`.
async function introduce(b, postcode, received) {
  const r = await as(b, 'POST', '/api/v1/introductions', {
    person: { name: 'Ada Example', phone: '07700 900555', postcode },
    introduced_by: { relationship: 'self' }, person_knows: 'yes', channel: 'phone',
    ...(received ? { received_at: received.toISOString() } : {}),
  });
  assert.equal(r.status, 201, r.text);
  return r.json().id;
}

async function moveTo(b, id, statuses) {
  for (const status of statuses) {
    const r = await as(b, 'PATCH', `/api/v1/introductions/${id}`, { status });
    assert.equal(r.status, 200, `${status}: ${r.text}`);
  }
}

// A conversation logged by b with the person the introduction became.
async function converse(b, introduction, at, state = 'held') {
  const person = (await as(b, 'GET', `/api/v1/introductions/${introduction}`)).json().person_id;
  assert.match(person, /^[0-9a-f]{32}$/);
  const r = await as(b, 'POST', `/api/v1/people/${person}/conversations`,
    { at: at.toISOString(), how: 'met', state });
  assert.equal(r.status, 201, r.text);
}

// An introduction taken to walking alongside and first met `waited` ms
// after it arrived, the meeting `ago` ms before now.
async function metAfter(b, postcode, ago, waited) {
  const held = new Date(Date.now() - ago);
  const id = await introduce(b, postcode, new Date(held - waited));
  await moveTo(b, id, ['contacted', 'conversation_arranged', 'walking_alongside']);
  await converse(b, id, held);
  return id;
}

// What each public place says for the area of postcode: the finder, the
// area page, the area's JSON, the finder's JSON twin, and the reply to
// someone getting in touch.
async function said(area, postcode) {
  const text = (html) => [...html.matchAll(/<p class="govuk-body">([^<]*)<\/p>/g)].map((m) => m[1]);
  const finder = await (await fetch(`${server.url}/find?postcode=${encodeURIComponent(postcode)}`)).text();
  const page = await (await fetch(`${server.url}/areas/${areas[area]}`)).text();
  const json = (await (await fetch(`${server.url}/api/v1/areas/${areas[area]}`)).json()).properties.first_conversation;
  const lookup = (await (await fetch(`${server.url}/api/v1/lookup?postcode=${encodeURIComponent(postcode)}`)).json()).first_conversation;
  const sent = await fetch(server.url + '/api/v1/introductions', {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ person: { name: 'Bo Example', phone: '07700 900556', postcode },
      introduced_by: { relationship: 'self' }, person_knows: 'yes' }),
  });
  assert.equal(sent.status, 201);
  const reply = await (await fetch(`${server.url}/get-in-touch/sent/${(await sent.json()).id}`)).text();
  return { finder: text(finder), page: text(page), reply: text(reply), json, lookup };
}

// The sentence is said, whole, in a paragraph of its own, everywhere.
function saysEverywhere(s, sentence) {
  for (const where of ['finder', 'page', 'reply']) assert.ok(s[where].includes(sentence), `${where}: ${s[where].join('\n')}`);
  assert.equal(s.json.sentence, sentence);
  assert.deepEqual(s.lookup, s.json);
}

test(`with no first conversations anywhere, it is too early to say (${backend})`, async () => {
  const s = await said('Acomb and Westfield', 'YO24 4NB');
  saysEverywhere(s, TOO_EARLY);
  assert.deepEqual(s.json, { band: 'not_known', sentence: TOO_EARLY, basis: null, count: 0, median_working_days: null });
  for (const where of ['finder', 'page', 'reply']) assert.ok(!s[where].join(' ').includes('very busy'), where);
});

test('the demo: people waiting and a conversation arranged change nothing', async () => {
  const waiting = [];
  for (let i = 0; i < 3; i++) waiting.push(await introduce(priya, 'YO24 4NB'));
  await moveTo(priya, waiting[0], ['contacted', 'conversation_arranged']);
  const arranged = await introduce(priya, 'YO24 4NB', new Date(Date.now() - 3 * DAY));
  await moveTo(priya, arranged, ['contacted', 'conversation_arranged', 'walking_alongside']);
  await converse(priya, arranged, new Date(Date.now() - DAY), 'arranged');
  const s = await said('Acomb and Westfield', 'YO24 4NB');
  saysEverywhere(s, TOO_EARLY);
  assert.equal(s.json.band, 'not_known');
});

test('too few in the area: the figure across all areas, said so', async () => {
  // Five in Heworth met about nine weeks after they arrived (more than
  // 20 working days, whatever the holidays), three days ago.
  for (let i = 0; i < 5; i++) await metAfter(daniel, 'YO31 0AA', 3 * DAY, 63 * DAY);
  const heworth = (await (await fetch(`${server.url}/api/v1/areas/${areas.Heworth}`)).json()).properties.first_conversation;
  assert.equal(heworth.band, 'more_than_four_weeks');
  assert.equal(heworth.basis, 'area');
  assert.equal(heworth.count, 5);
  assert.ok(heworth.median_working_days > 20, String(heworth.median_working_days));
  assert.equal(heworth.sentence, AREA_LONG);
  // Acomb has none of its own (the arranged one is not held): all areas'.
  const s = await said('Acomb and Westfield', 'YO24 4NB');
  saysEverywhere(s, PROGRAMME_LONG);
  assert.equal(s.json.basis, 'programme');
  assert.equal(s.json.count, 5);
  // One held more than 90 days ago is outside the window.
  await metAfter(priya, 'YO24 4NB', 91 * DAY, DAY);
  assert.equal((await said('Acomb and Westfield', 'YO24 4NB')).json.count, 5);
});

test('five of its own: the area\'s figure, and full when its coordinator is', async () => {
  // Met a calendar day after arriving: 0 or 1 working days.
  for (let i = 0; i < 5; i++) await metAfter(priya, 'YO24 4NB', (10 + i) * DAY, DAY);
  let s = await said('Acomb and Westfield', 'YO24 4NB');
  saysEverywhere(s, AREA_SOON);
  assert.equal(s.json.band, 'within_a_week');
  assert.equal(s.json.basis, 'area');
  assert.equal(s.json.count, 5);
  assert.ok(s.json.median_working_days <= 1);
  // Priya, Acomb's one coordinator, decided each outcome, so she walks
  // alongside these people: the five, the one outside the window and the
  // arranged one.  At a capacity of as many, she is full.
  const open = 7;
  const set = async (n) => {
    const r = await run(['user', 'set-capacity', 'priya', String(n), '--db', db]);
    assert.equal(r.code, 0, r.stderr);
  };
  await set(open);
  s = await said('Acomb and Westfield', 'YO24 4NB');
  saysEverywhere(s, FULL);
  assert.equal(s.json.band, 'full');
  // The list of areas says the same as the area alone.
  const listed = (await (await fetch(server.url + '/api/v1/areas')).json()).features
    .find((f) => f.id === areas['Acomb and Westfield']).properties.first_conversation;
  assert.deepEqual(listed, s.json);
  // Heworth's coordinator has room.
  const heworth = (await (await fetch(`${server.url}/api/v1/areas/${areas.Heworth}`)).json()).properties.first_conversation;
  assert.equal(heworth.band, 'more_than_four_weeks');
  // Room for one more: the figure again.
  await set(open + 1);
  saysEverywhere(await said('Acomb and Westfield', 'YO24 4NB'), AREA_SOON);
});
