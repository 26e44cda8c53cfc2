// Routes declare their input, and the router refuses what they do not
// declare before any handler runs: the one 422 shape on pages and in the
// API, 404 for a path that names nothing, and shared links' tracking
// parameters let through on GET.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { run, startServer, yorkDatabase, backend } from '../lib/alongside.mjs';
import { Browser } from '../lib/staff.mjs';
import { dateFields } from '../lib/dates.mjs';

let db, server, priya, priyaId;
before(async () => {
  db = await yorkDatabase();
  server = await startServer({ db, migrate: false });
  priya = await new Browser(server.url).signedIn('priya');
  priya.csrfToken = await priya.csrf('/staff/leave');
  priyaId = (await priya.get('/api/v1/me')).json().id;
});
after(async () => { await server.stop(); });

const api = (method, path, json) =>
  priya.request(method, path, { json, headers: { 'X-CSRF-Token': priya.csrfToken } });
const leave = async () => (await priya.get(`/api/v1/coordinators/${priyaId}/leave`)).json().leave.length;
const introductions = async () => (await priya.get('/api/v1/introductions')).json().introductions.length;
const minimal = (extra = {}) => ({
  person: { name: 'Ada Example', phone: '07700 900555', postcode: 'YO24 4NB', ...(extra.person || {}) },
  introduced_by: { relationship: 'self' }, person_knows: 'yes', channel: 'phone',
  ...Object.fromEntries(Object.entries(extra).filter(([k]) => k !== 'person')),
});

test(`a shared link's utm_source and fbclid are ignored on GET (${backend})`, async () => {
  const anonymous = new Browser(server.url);
  for (const path of ['/?utm_source=x&fbclid=y', '/find?postcode=yo24+4nb&utm_source=x&fbclid=y',
    '/areas?utm_medium=email&utm_campaign=spring', '/api/v1/areas?utm_source=x&fbclid=y']) {
    const r = await anonymous.get(path);
    assert.equal(r.status, 200, path);
  }
  assert.match((await anonymous.get('/find?postcode=yo24+4nb&fbclid=y')).text, /Acomb and Westfield/);
  assert.equal((await priya.get('/staff/introductions?show=all&utm_source=x')).status, 200);
});

test('a form carrying a field its route does not declare is refused, and changes nothing', async () => {
  const before = await leave();
  const form = { csrf_token: priya.csrfToken, ...dateFields('starts_on', '2030-12-21'),
    ...dateFields('ends_on', '2030-12-24') };
  const r = await priya.post('/staff/leave', { ...form, is_admin: 'yes' });
  assert.equal(r.status, 422);
  assert.match(r.headers.get('content-type'), /text\/html/);
  assert.match(r.text, /There is a problem/);
  assert.match(r.text, /is_admin: Not a field this request takes/);
  assert.equal(await leave(), before);
  // A query parameter is undeclared input too on anything but GET.
  const query = await priya.request('POST', '/staff/leave?utm_source=x', { form });
  assert.equal(query.status, 422);
  assert.equal(await leave(), before);
  // The same form, as declared, is taken.
  const ok = await priya.post('/staff/leave', form);
  assert.equal(ok.status, 303, ok.text.slice(0, 300));
  assert.equal(await leave(), before + 1);
});

test('who may ask is settled before what they sent', async () => {
  const b = new Browser(server.url);
  // Signed out, and with no CSRF token: refused for that, not the field.
  const r = await b.post('/staff/leave', { ...dateFields('starts_on', '2030-12-21'), is_admin: 'yes' });
  assert.equal(r.status, 303);
  assert.match(r.headers.get('location'), /^\/sign-in/);
  const noToken = await priya.post('/staff/leave', { ...dateFields('starts_on', '2030-12-21'), is_admin: 'yes' });
  assert.equal(noToken.status, 403);
});

test('an API body with a key its route does not declare is 422, naming it', async () => {
  const before = await introductions();
  const r = await api('POST', '/api/v1/introductions', { ...minimal(), task: 'call back' });
  assert.equal(r.status, 422);
  assert.deepEqual(r.json(), { error: { code: 'invalid', message: 'task: Not a field this request takes',
    fields: [{ field: 'task', message: 'Not a field this request takes' }] } });
  // Within an object, by its path; every problem at once.
  const nested = await api('POST', '/api/v1/introductions',
    minimal({ person: { care_plan: 'x' }, urgent: 'yes' }));
  assert.equal(nested.status, 422);
  assert.deepEqual(nested.json().error.fields, [
    { field: 'person.care_plan', message: 'Not a field this request takes' },
    { field: 'urgent', message: 'Must be true or false' },
  ]);
  // Anonymous callers meet the same check, before the rate limit counts them.
  const anonymous = await fetch(server.url + '/api/v1/introductions', {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ ...minimal(), deadline: '2030-01-01' }),
  });
  assert.equal(anonymous.status, 422);
  assert.equal((await anonymous.json()).error.fields[0].field, 'deadline');
  assert.equal(await introductions(), before);
});

test('a declared key sent as null is left out; an undeclared one is still refused', async () => {
  const before = await introductions();
  const undeclared = await api('POST', '/api/v1/introductions', { ...minimal(), task: null });
  assert.equal(undeclared.status, 422);
  assert.equal(undeclared.json().error.fields[0].field, 'task');
  assert.equal(await introductions(), before);
  const r = await api('POST', '/api/v1/introductions',
    minimal({ person: { email: null }, urgent: null, other_service: null }));
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json().urgent, false);
  assert.equal(r.json().person.email ?? null, null);
  assert.equal(await introductions(), before + 1);
});

test('an invalid query filter is the same 422 on a page and in the API', async () => {
  const r = await priya.get('/api/v1/introductions?status=lost&due_before=soon&utm_source=x');
  assert.equal(r.status, 422);
  const error = r.json().error;
  assert.equal(error.code, 'invalid');
  assert.deepEqual(error.fields.map((f) => f.field), ['status', 'due_before']);
  assert.match(error.fields[0].message, /^Choose one of: new, contacted, /);
  assert.equal(error.fields[1].message, 'Enter a date like 2026-03-14');
  assert.equal(error.message, `status: ${error.fields[0].message}`);
  const page = await priya.get('/staff/introductions?show=everything');
  assert.equal(page.status, 422);
  assert.match(page.headers.get('content-type'), /text\/html/);
  assert.match(page.text, /show: The only value is all/);
  const lookup = await fetch(server.url + '/api/v1/lookup?lat=91&lon=0');
  assert.equal(lookup.status, 422);
  assert.deepEqual((await lookup.json()).error.fields, [{ field: 'lat', message: 'Enter a number from -90 to 90' }]);
});

test('a path that names nothing is 404, on a page and in the API', async () => {
  const page = await priya.get('/staff/introductions/nope');
  assert.equal(page.status, 404);
  assert.match(page.text, /There is no such introduction/);
  const r = await priya.get('/api/v1/introductions/' + 'F'.repeat(32));
  assert.equal(r.status, 404);
  assert.equal(r.json().error.code, 'introduction_not_found');
  const role = await api('DELETE', `/api/v1/admin/users/${priyaId}/roles/wizard`);
  assert.equal(role.status, 403, 'the role check comes first');
});

test('`alongside routes` prints what each route takes', async () => {
  const out = (await run(['routes'])).stdout;
  assert.match(out, /^GET\t\/api\/v1\/introductions\tstaff\t-\n\tstatus\tquery\tenum\(new\|contacted\|[a-z_|]+\)\toptional\n\tarea\tquery\tid\toptional\n\tdue_before\tquery\tdate\toptional\n/m);
  assert.match(out, /^POST\t\/api\/v1\/introductions\tpublic\t-\n\tperson\tjson\tobject\toptional\n\tperson\.name\tjson\tstring\toptional\n/m);
  assert.match(out, /^POST\t\/admin\/users\/\{id\}\/roles\tadmin\t-\n\tid\tpath\tid\trequired\n(\t.*\n)*\trole\tform\tenum\(coordinator\|team_leader\|administrator\|programme_manager\)\trequired\n\tarea\tform\tid\toptional, repeats\n/m);
  assert.match(out, /^POST\t\/get-in-touch\tpublic\t-\n(\t.*\n)*\twebsite\tform\ttext\(max \d+\)\toptional\n/m);
  // Every line is a route or one of its parameters.
  for (const line of out.trim().split('\n'))
    assert.match(line, /^([A-Z]+\t\/\S*\t(public|staff|team_leader|admin|reports)\t\S+|\t\S+\t(path|query|form|json)\t[^\t]+\t(required|optional)(, repeats)?)$/, line);
});
