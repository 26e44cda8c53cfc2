// Someone outside every covered area gets one answer, under each of the
// council's three outside-cover rules (nearest, team, none): /find, the
// Get in touch form's reply (or its refusal) and the API say the same for
// YO32 2RA (4.2 km from Clifton and Guildhall), with the contacts from the
// council's settings; YO24 4NB (covered, Priya Shah) is unchanged.  Bad
// settings, sent to the API or the page, are refused with nothing changed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { run, startServer, yorkDatabase, backend } from '../lib/alongside.mjs';
import { Browser } from '../lib/staff.mjs';
import { startSmtpSink } from '../lib/smtp-sink.mjs';

const FAR = 'YO32 2RA', COVERED = 'YO24 4NB';
const TEAM = 'Local Area Coordination team (demo)';

let db, server, sink, admin, priya;
before(async () => {
  db = await yorkDatabase({ caseload: false });
  sink = await startSmtpSink();
  server = await startServer({ db, migrate: false, args: ['--public-limit', '100',
    '--smtp-url', sink.url, '--mail-from', 'alongside@york.example', '--mail-interval', '1'] });
  const signIn = async (name) => {
    const b = await new Browser(server.url).signedIn(name);
    b.csrfToken = await b.csrf('/staff');
    return b;
  };
  [admin, priya] = await Promise.all(['admin', 'priya'].map(signIn));
});
after(async () => { await server.stop(); await sink.stop(); });

const sql = (query) => (db.startsWith('sqlite:')
  ? execFileSync('sqlite3', [db.slice('sqlite:'.length), query])
  : execFileSync('psql', [db, '-qAtc', query])).toString().trim();
const as = (b, method, path, json) =>
  b.request(method, path, { json, headers: { 'X-CSRF-Token': b.csrfToken } });
const setRule = async (rule) => {
  const r = await as(admin, 'PUT', '/api/v1/admin/council', { outside_cover: rule });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json().outside_cover, rule);
};
// The page's words without tags, spaces run together.
const words = (html) => html.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ');
const find = async (postcode) =>
  words((await (await fetch(`${server.url}/find?postcode=${encodeURIComponent(postcode)}`)).text()));
const lookup = async (postcode) =>
  (await fetch(`${server.url}/api/v1/lookup?postcode=${encodeURIComponent(postcode)}`)).json();
const sendForm = async (postcode) => {
  const b = new Browser(server.url);
  // The second step's form holds the token; the postcode sent is the one tested.
  const csrf_token = await b.csrf('/get-in-touch?step=2&relationship=self&postcode=YO24+4NB');
  const r = await b.post('/get-in-touch', { csrf_token, relationship: 'self', person_name: 'Ann Example',
    person_phone: '07700 900123', postcode });
  if (r.status !== 303) return { status: r.status, text: r.text };
  const location = r.headers.get('location');
  return { status: 303, id: location.split('/').pop(), text: words((await b.get(location)).text) };
};
const sendApi = async (postcode) => {
  const r = await fetch(`${server.url}/api/v1/introductions`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ person: { name: 'Ann Example', phone: '07700 900123', postcode },
      introduced_by: { relationship: 'self' }, person_knows: 'yes' }),
  });
  return { status: r.status, json: await r.json() };
};
const introductions = () => Number(sql('SELECT count(*) FROM introductions'));

// The covered postcode says the same under every rule.
async function coveredUnchanged() {
  assert.match(await find(COVERED), /Your Local Area Coordinator Priya Shah/);
  const answer = (await lookup(COVERED)).answer;
  assert.equal(answer.answered_by, 'area_coordinator');
  assert.equal(answer.coordinator.name, 'Priya Shah');
  assert.deepEqual(answer.contacts, {});
  const form = await sendForm(COVERED);
  assert.match(form.text, /Priya Shah, the coordinator for Acomb and Westfield, will get back to you by/);
  const api = await sendApi(COVERED);
  assert.equal(api.status, 201);
  assert.equal(api.json.answer.answered_by, 'area_coordinator');
  assert.equal(api.json.answer.coordinator.name, 'Priya Shah');
}

test(`nearest: the nearest area's coordinator answers, the same everywhere (${backend})`, async () => {
  await setRule('nearest');
  const page = await find(FAR);
  assert.match(page, /The nearest covered area is Clifton and Guildhall , 4\.2 km away/);
  assert.match(page, /Grace Okafor, the coordinator for Clifton and Guildhall, will talk with you/);
  assert.match(page, /call adult social care on 01632 960001/);
  assert.doesNotMatch(page, new RegExp(TEAM.replace(/[()]/g, '\\$&')));

  const answer = (await lookup(FAR)).answer;
  assert.equal(answer.answered_by, 'nearest_coordinator');
  assert.equal(answer.takes_introductions, true);
  assert.equal(answer.area.name, 'Clifton and Guildhall');
  assert.equal(answer.coordinator.name, 'Grace Okafor');
  assert.deepEqual(answer.contacts, { adult_social_care: { phone: '01632 960001', url: null } });

  const form = await sendForm(FAR);
  assert.equal(form.status, 303);
  assert.match(form.text, /Grace Okafor, the coordinator for Clifton and Guildhall, will get back to you by/);
  assert.match(form.text, /call adult social care on 01632 960001/);

  const api = await sendApi(FAR);
  assert.equal(api.status, 201);
  assert.equal(api.json.placement, 'not_covered');
  assert.equal(api.json.answer.answered_by, 'nearest_coordinator');
  assert.equal(api.json.answer.coordinator.name, 'Grace Okafor');
  await coveredUnchanged();
});

test('team: the central team answers, named with its contacts, and is the one told', async () => {
  await setRule('team');
  const page = await find(FAR);
  assert.match(page, /Local Area Coordination team \(demo\) answers people who live outside the covered areas/);
  assert.match(page, /Phone: 01632 960002/);
  assert.match(page, /Email: lac-team@example\.org/);
  assert.match(page, /call adult social care on 01632 960001/);
  assert.doesNotMatch(page, /Grace Okafor/);

  const answer = (await lookup(FAR)).answer;
  assert.equal(answer.answered_by, 'central_team');
  assert.equal(answer.coordinator, null);
  assert.deepEqual(answer.contacts.team, { name: TEAM, phone: '01632 960002', email: 'lac-team@example.org' });

  const form = await sendForm(FAR);
  assert.equal(form.status, 303);
  assert.match(form.text, /so Local Area Coordination team \(demo\) will get back to you by/);
  assert.match(form.text, /Phone: 01632 960002/);
  assert.doesNotMatch(form.text, /Grace Okafor/);

  const api = await sendApi(FAR);
  assert.equal(api.status, 201);
  // Recorded as before: under the nearest covered area, marked outside cover.
  assert.equal(api.json.area.name, 'Clifton and Guildhall');
  assert.equal(api.json.placement, 'not_covered');
  assert.equal(api.json.answer.answered_by, 'central_team');
  assert.equal(api.json.answer.contacts.team.email, 'lac-team@example.org');
  // The notices of both went to the team alone, not to Grace.
  const deadline = Date.now() + 5000;
  const about = (id) => sink.messages.filter((m) => m.data.includes(`/staff/introductions/${id}`));
  while ((about(form.id).length === 0 || about(api.json.id).length === 0) && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 100));
  for (const id of [form.id, api.json.id])
    assert.deepEqual(about(id).map((m) => m.to), [['<lac-team@example.org>']], id);
  await coveredUnchanged();
});

test('none: the form and the API refuse at the postcode with the council\'s contacts; staff may still log a call', async () => {
  await setRule('none');
  const page = await find(FAR);
  assert.match(page, /Coordinators cannot take introductions from outside their areas/);
  assert.match(page, /City of York Council \(demo\) Phone: 01632 960000 Email: council@example\.org/);
  assert.match(page, /call adult social care on 01632 960001/);
  assert.doesNotMatch(page, /send a message here/);

  const answer = (await lookup(FAR)).answer;
  assert.equal(answer.answered_by, 'nobody');
  assert.equal(answer.takes_introductions, false);
  assert.equal(answer.contacts.council.phone, '01632 960000');
  assert.equal(answer.contacts.adult_social_care.phone, '01632 960001');

  const count = introductions();
  const form = await sendForm(FAR);
  assert.equal(form.status, 422);
  assert.ok(form.text.includes('href="#postcode"'), 'the summary links to the postcode');
  assert.ok(form.text.includes('id="postcode-error"'));
  assert.match(form.text, /Contact City of York Council \(demo\) on 01632 960000 or at council@example\.org/);
  assert.match(form.text, /adult social care on 01632 960001/);

  const api = await sendApi(FAR);
  assert.equal(api.status, 422);
  assert.deepEqual(api.json.error.fields.map((f) => f.field), ['person.postcode']);
  assert.match(api.json.error.fields[0].message, /01632 960000/);
  assert.equal(introductions(), count, 'nothing kept');

  // A coordinator who took the call still logs it, under the nearest area.
  const logged = await as(priya, 'POST', '/api/v1/introductions', {
    person: { name: 'Bea Example', phone: '07700 900124', postcode: FAR },
    introduced_by: { relationship: 'self' }, person_knows: 'yes', channel: 'phone' });
  assert.equal(logged.status, 201, logged.text);
  assert.equal(logged.json().placement, 'not_covered');
  assert.equal(logged.json().answer.answered_by, 'nearest_coordinator');
  await coveredUnchanged();
});

test('bad settings are refused over the API and on the page, with nothing changed', async () => {
  await setRule('nearest');
  const before = (await as(admin, 'GET', '/api/v1/admin/council')).json();
  const audited = Number(sql("SELECT count(*) FROM audit_log WHERE action = 'council_set'"));
  const r = await as(admin, 'PUT', '/api/v1/admin/council',
    { name: 'Changed', phone: 'ring us', outside_cover: 'sometimes', website: 'http://x' });
  assert.equal(r.status, 422);
  assert.deepEqual(r.json().error.fields.map((f) => f.field).sort(), ['outside_cover', 'phone', 'website']);
  assert.equal((await as(admin, 'PUT', '/api/v1/admin/council', { colour: 'blue' })).status, 422);
  assert.equal((await as(admin, 'PUT', '/api/v1/admin/council', { phone: 7 })).status, 422);

  const csrf_token = await admin.csrf('/admin/council');
  const form = { ...before, csrf_token, phone: 'ring us', team_email: 'nope', outside_cover: '' };
  const page = await admin.post('/admin/council', form);
  assert.equal(page.status, 422);
  for (const anchor of ['#phone', '#team_email', '#outside_cover'])
    assert.ok(page.text.includes(`href="${anchor}"`), anchor);
  for (const id of ['phone-error', 'team_email-error', 'outside_cover-error'])
    assert.ok(page.text.includes(`id="${id}"`), id);
  assert.ok(page.text.includes('value="ring us"'), 'what was typed is kept');

  assert.deepEqual((await as(admin, 'GET', '/api/v1/admin/council')).json(), before);
  assert.equal(Number(sql("SELECT count(*) FROM audit_log WHERE action = 'council_set'")), audited);

  // Others may not change them; the refusal is audited.
  assert.equal((await as(priya, 'PUT', '/api/v1/admin/council', { outside_cover: 'none' })).status, 403);
  assert.equal((await as(priya, 'GET', '/api/v1/admin/council')).status, 403);
  assert.deepEqual((await as(admin, 'GET', '/api/v1/admin/council')).json(), before);
});

test('the page saves every setting at once and says so; the command line shows them', async () => {
  const csrf_token = await admin.csrf('/admin/council');
  const current = (await as(admin, 'GET', '/api/v1/admin/council')).json();
  const r = await admin.post('/admin/council', { ...current, csrf_token, dpo_name: 'Dee Example (demo)',
    outside_cover: 'team' });
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), '/admin/council?saved=1');
  const page = (await admin.get('/admin/council?saved=1')).text;
  assert.match(page, /The council&#39;s settings are saved|The council's settings are saved/);
  assert.ok(page.includes('value="Dee Example (demo)"'));
  assert.match(page, /value="team" aria-describedby="outside_cover-team-hint" checked/);
  const shown = await run(['council', 'show', '--db', db]);
  assert.equal(shown.code, 0, shown.stderr);
  assert.match(shown.stdout, /^dpo_name=Dee Example \(demo\)$/m);
  assert.match(shown.stdout, /^outside_cover=team$/m);
  // One audit entry, of what changed.
  const changes = sql("SELECT changes FROM audit_log WHERE action = 'council_set' ORDER BY at DESC LIMIT 1");
  assert.deepEqual(JSON.parse(changes), {
    before: { dpo_name: 'Data Protection Officer (demo)', outside_cover: 'nearest' },
    after: { dpo_name: 'Dee Example (demo)', outside_cover: 'team' },
  });
  const bad = await run(['council', 'set', 'outside_cover=maybe', 'phone=1', '--db', db]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /outside_cover: .*must be nearest, team or none/);
  assert.match(bad.stderr, /phone: .*UK phone number/);
  assert.match((await run(['council', 'show', '--db', db])).stdout, /^outside_cover=team$/m);
});

test('a change to the council\'s settings is on the administrator\'s audit trail, in words', async () => {
  await setRule('team');
  await setRule('nearest');
  const trail = await admin.get('/admin/audit?action=council_set');
  assert.equal(trail.status, 200);
  assert.match(trail.text, /<option value="council_set" selected>/);
  // The demo's own settings from the command line, and the two above.
  const listed = /(\d+) entries, newest first/.exec(trail.text);
  assert.ok(listed && Number(listed[1]) >= 3, 'every change is listed');
  assert.match(trail.text, /<td class="govuk-table__cell">Changed the council&#39;s details<\/td>/);
});

test('the inbox says how far away someone outside cover lives as /find does, in km or metres', async () => {
  await setRule('nearest');
  const api = await sendApi(FAR);
  assert.equal(api.status, 201);
  const grace = await new Browser(server.url).signedIn('grace');
  const inbox = (await grace.get('/staff/introductions')).text;
  assert.match(inbox, /Not covered: \d+\.\d km</);
  assert.doesNotMatch(inbox, /: \d+ m</);
});

test('an empty inbox says what is true of the view shown', async () => {
  const anna = await new Browser(server.url).signedIn('anna');
  assert.match((await anna.get('/staff/introductions')).text, /Nothing is waiting\./);
  const all = (await anna.get('/staff/introductions?show=all')).text;
  assert.match(all, /There are no introductions for your areas yet, answered or not\./);
  assert.doesNotMatch(all, /Nothing is waiting/);
});
