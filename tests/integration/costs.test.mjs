// Costs avoided over HTTP and the command line: the council's unit costs
// kept by an administrator or a programme manager (new rows only, every
// bad field named, nothing stored; other staff refused), and a person's
// events recorded in their words on the page and through the API,
// withdrawn with a reason and kept, out of reach to another area's
// coordinator.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { run, startServer, yorkDatabase, backend } from '../lib/alongside.mjs';
import { Browser } from '../lib/staff.mjs';
import { walkingAlongside } from '../lib/walking.mjs';
import { dateFields } from '../lib/dates.mjs';

let db, server, admin, pat, priya, tom, person;
before(async () => {
  db = await yorkDatabase();
  // A programme manager: made an administrator, then given the role in
  // the database, as the command line does not make one yet.
  const added = await run(['user', 'add', 'pat', '--role', 'administrator', '--db', db],
    { input: 'york demo kettle orbit\n' });
  assert.equal(added.code, 0, added.stderr);
  const sql = `UPDATE user_roles SET role = 'programme_manager' WHERE user_id = '${added.stdout.trim()}'`;
  if (db.startsWith('sqlite:')) execFileSync('sqlite3', [db.slice('sqlite:'.length), sql]);
  else execFileSync('psql', [db, '-qAtc', sql]);
  server = await startServer({ db, migrate: false });
  const signIn = async (name) => {
    const b = await new Browser(server.url).signedIn(name);
    b.csrfToken = await b.csrf('/staff');
    return b;
  };
  [admin, pat, priya, tom] = await Promise.all(['admin', 'pat', 'priya', 'tom'].map(signIn));
  person = await walkingAlongside(server, priya, 'Ada Example');
});
after(async () => { await server.stop(); });

const as = (b, method, path, json) =>
  b.request(method, path, { json, headers: { 'X-CSRF-Token': b.csrfToken } });
const figures = async () => (await as(admin, 'GET', '/api/v1/unit-costs')).json().unit_costs;
const events = async () => (await as(priya, 'GET', `/api/v1/people/${person}/cost-events`)).json().cost_events;

const gp = {
  kind: 'gp_visit', pounds: '£42.50', unit: 'per appointment',
  source: 'PSSRU Unit Costs of Health and Social Care 2024', source_year: '2024/25', from_on: '2024-04-01',
};

test(`an administrator and a programme manager add figures as new rows (${backend})`, async () => {
  const r = await as(admin, 'POST', '/api/v1/unit-costs', gp);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json().pence, 4250);
  assert.equal(r.json().current, true);
  const newer = await as(pat, 'POST', '/api/v1/unit-costs', { ...gp, pounds: '45', source_year: '2025/26', from_on: '2025-04-01' });
  assert.equal(newer.status, 201, newer.text);
  const list = (await as(pat, 'GET', '/api/v1/unit-costs')).json();
  assert.equal(list.kinds.length, 8);
  assert.deepEqual(list.unit_costs.map((c) => [c.kind, c.pence, c.current]),
    [['gp_visit', 4500, true], ['gp_visit', 4250, false]]);
  assert.equal(list.unit_costs[0].added_by, 'pat');
  // Both find the page from their home; a coordinator does not.
  assert.match((await pat.get('/staff')).text, /href="\/admin\/unit-costs"/);
  assert.match((await admin.get('/staff')).text, /href="\/admin\/unit-costs"/);
  assert.doesNotMatch((await priya.get('/staff')).text, /href="\/admin\/unit-costs"/);
  const page = await pat.get('/admin/unit-costs');
  assert.equal(page.status, 200);
  assert.match(page.text, /£45\.00 per appointment/);
  assert.match(page.text, /No figure yet/);
  assert.match(page.text, /Every figure entered/);
  assert.match(page.text, /<strong class="govuk-tag govuk-tag--green">In force<\/strong>/);
});

test('bad figures are 422 at every field and nothing is stored; other staff are refused', async () => {
  const before = (await figures()).length;
  const r = await as(admin, 'POST', '/api/v1/unit-costs', { kind: 'taxi', pounds: '-12', from_on: '2025-02-30' });
  assert.equal(r.status, 422, r.text);
  assert.deepEqual(r.json().error.fields.map((f) => f.field).sort(),
    ['from_on', 'kind', 'pounds', 'source', 'source_year', 'unit']);
  assert.match(r.json().error.fields.find((f) => f.field === 'pounds').message, /negative/);
  const noSource = await as(admin, 'POST', '/api/v1/unit-costs', { ...gp, source: undefined });
  assert.equal(noSource.status, 422);
  assert.deepEqual(noSource.json().error.fields.map((f) => f.field), ['source']);
  // The page: the form again, each problem beside its field.
  const page = await admin.post('/admin/unit-costs', {
    csrf_token: admin.csrfToken, kind: 'gp_visit', pounds: '12.345', unit: 'per appointment',
    source_year: '2024/25', ...dateFields('from_on', '2025-02-30'),
  });
  assert.equal(page.status, 422);
  assert.match(page.text, /govuk-error-summary/);
  assert.match(page.text, /<a href="#pounds">Cost must be in pounds and pence/);
  assert.match(page.text, /<a href="#source">Enter the source/);
  assert.match(page.text, /<a href="#from_on">/);
  assert.match(page.text, /value="12.345"/);
  assert.equal((await figures()).length, before);
  // "In force from" is asked, never taken as today; a long source is told
  // beside its field with what was typed kept, not on a bare error page.
  const source = 'PSSRU '.repeat(250);
  const undated = await admin.post('/admin/unit-costs', {
    csrf_token: admin.csrfToken, kind: 'gp_visit', pounds: '12', unit: 'per appointment',
    source, source_year: '2024/25',
  });
  assert.equal(undated.status, 422);
  assert.match(undated.text, /<a href="#from_on">In force from: enter the day, month and year/);
  assert.match(undated.text, /events before it are not/);
  assert.match(undated.text, /<a href="#source">Source must be 200 characters or fewer/);
  assert.match(undated.text, /value="PSSRU PSSRU /);
  assert.match(undated.text, /app-table-scroll[^>]*aria-label="In force today"/);
  assert.equal((await figures()).length, before);
  for (const b of [priya, tom]) {
    assert.equal((await as(b, 'GET', '/api/v1/unit-costs')).status, 403);
    assert.equal((await as(b, 'POST', '/api/v1/unit-costs', gp)).status, 403);
    assert.equal((await b.get('/admin/unit-costs')).status, 403);
  }
  assert.equal((await figures()).length, before);
  // A good form adds it and says so.
  const ok = await admin.post('/admin/unit-costs', {
    csrf_token: admin.csrfToken, kind: 'ae_visit', pounds: '1,234.5', unit: 'per attendance',
    source: 'NHS National Cost Collection', source_year: '2023/24', ...dateFields('from_on', '2024-04-01'),
  });
  assert.equal(ok.status, 303, ok.text.slice(0, 300));
  assert.equal(ok.headers.get('location'), '/admin/unit-costs?added=1');
  const after = await admin.get('/admin/unit-costs?added=1');
  assert.match(after.text, /The figure is added/);
  assert.match(after.text, /£1,234\.50 per attendance/);
});

test('the command line lists and adds figures, refusing bad ones with exit code 2', async () => {
  const add = await run(['unit-cost', 'add', '--kind', 'hospital_stay', '--pounds', '400', '--unit', 'per night',
    '--source', 'NHS National Cost Collection', '--year', '2023/24', '--from', '2024-04-01', '--db', db]);
  assert.equal(add.code, 0, add.stderr);
  assert.match(add.stdout, /^hospital_stay\t£400\.00\tper night\t2024-04-01\t/);
  const bad = await run(['unit-cost', 'add', '--kind', 'hospital_stay', '--pounds', '-1', '--unit', 'per night',
    '--year', '2023/24', '--db', db]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--pounds: Cost cannot be negative/);
  assert.match(bad.stderr, /--source: /);
  const list = await run(['unit-cost', 'list', '--db', db]);
  assert.equal(list.code, 0, list.stderr);
  assert.equal(list.stdout.trim().split('\n').filter((l) => l.startsWith('hospital_stay')).length, 1);
});

test('an event is recorded in their words, withdrawn with a reason and kept', async () => {
  const r = await as(priya, 'POST', `/api/v1/people/${person}/cost-events`, {
    kind: 'hospital_stay', happened_on: '2025-06-01', quantity: 3,
    person_view: "They'd have kept me in, like after my fall", note: 'Daughter now visits',
  });
  assert.equal(r.status, 201, r.text);
  const x = r.json();
  assert.equal(x.quantity, 3);
  assert.equal(x.person_view, "They'd have kept me in, like after my fall");
  assert.equal(x.recorded_by, 'Priya Shah');
  assert.equal(x.withdrawn_at, null);
  const noWhy = await as(priya, 'POST', `/api/v1/people/${person}/cost-events/${x.id}/withdraw`, {});
  assert.equal(noWhy.status, 422);
  assert.deepEqual(noWhy.json().error.fields.map((f) => f.field), ['why']);
  const w = await as(priya, 'POST', `/api/v1/people/${person}/cost-events/${x.id}/withdraw`, { why: 'Entered twice' });
  assert.equal(w.status, 200, w.text);
  assert.equal(w.json().withdrawn_why, 'Entered twice');
  assert.equal((await as(priya, 'POST', `/api/v1/people/${person}/cost-events/${x.id}/withdraw`, { why: 'Again' })).status, 409);
  const list = await events();
  assert.equal(list.find((e) => e.id === x.id).withdrawn_why, 'Entered twice');
  // The person's page leads here.
  assert.match((await priya.get(`/staff/people/${person}`)).text,
    new RegExp(`href="/staff/people/${person}/costs-avoided">Costs avoided<`));
  // The page shows it withdrawn, with the reason.
  const page = await priya.get(`/staff/people/${person}/costs-avoided`);
  assert.equal(page.status, 200);
  assert.match(page.text, /Withdrawn<\/strong> by Priya Shah, [^:]+: Entered twice/);
  assert.match(page.text, /They&#39;d have kept me in|They'd have kept me in/);
  assert.match(page.text, /3 nights/);
});

test('bad events are 422 at their fields and another area is told not found, nothing stored', async () => {
  const before = (await events()).length;
  const r = await as(priya, 'POST', `/api/v1/people/${person}/cost-events`, {
    kind: 'taxi', happened_on: '2099-01-01', quantity: 0,
  });
  assert.equal(r.status, 422, r.text);
  assert.deepEqual(r.json().error.fields.map((f) => f.field).sort(), ['happened_on', 'kind', 'person_view', 'quantity']);
  assert.match(r.json().error.fields.find((f) => f.field === 'happened_on').message, /today or in the past/);
  const text = await as(priya, 'POST', `/api/v1/people/${person}/cost-events`, { kind: 'gp_visit', quantity: 'two', person_view: 'x' });
  assert.equal(text.status, 422);
  const away = await as(tom, 'POST', `/api/v1/people/${person}/cost-events`, { kind: 'gp_visit', person_view: 'x' });
  assert.equal(away.status, 404);
  assert.equal((await as(tom, 'GET', `/api/v1/people/${person}/cost-events`)).status, 404);
  assert.equal((await tom.get(`/staff/people/${person}/costs-avoided`)).status, 404);
  // The page: the form again with every problem, what was typed kept.
  const page = await priya.post(`/staff/people/${person}/costs-avoided`, {
    csrf_token: priya.csrfToken, quantity: '400', note: 'Kept as typed', ...dateFields('happened_on', '2099-01-01'),
  });
  assert.equal(page.status, 422);
  assert.match(page.text, /<a href="#kind">Choose what did not have to happen/);
  assert.match(page.text, /<a href="#happened_on">When must be today or in the past/);
  assert.match(page.text, /<a href="#quantity">How many must be a whole number from 1 to 365/);
  assert.match(page.text, /<a href="#person_view">Enter what they think/);
  assert.match(page.text, />Kept as typed<\/textarea>/);
  assert.equal((await events()).length, before);
  // A good form records it and shows it.
  const ok = await priya.post(`/staff/people/${person}/costs-avoided`, {
    csrf_token: priya.csrfToken, kind: 'gp_visit', person_view: 'I would have gone to the GP about my nerves',
  });
  assert.equal(ok.status, 303, ok.text.slice(0, 300));
  assert.match(ok.headers.get('location'), new RegExp(`^/staff/people/${person}/costs-avoided#cost-[0-9a-f]{32}$`));
  const shown = await priya.get(`/staff/people/${person}/costs-avoided`);
  assert.match(shown.text, /I would have gone to the GP about my nerves/);
  assert.match(shown.text, /1 appointment\b/);
  assert.equal((await events()).length, before + 1);
});

test('the unit costs page counts, per kind, the events no figure values', async () => {
  const notValued = async () => {
    const page = await admin.get('/admin/unit-costs');
    return Number(page.text.match(/An A&amp;E attendance avoided<\/th>.*?numeric">(\d+)<\/td>/)[1]);
  };
  const before = await notValued();
  // Before the A&E figure's first day (1 April 2024): no figure values it.
  const early = await as(priya, 'POST', `/api/v1/people/${person}/cost-events`,
    { kind: 'ae_visit', happened_on: '2024-01-15', person_view: 'I would have gone to A&E that night' });
  assert.equal(early.status, 201, early.text);
  assert.equal(await notValued(), before + 1);
  // A figure from an earlier day values it.
  const r = await as(admin, 'POST', '/api/v1/unit-costs', { kind: 'ae_visit', pounds: '150', unit: 'per attendance',
    source: 'NHS National Cost Collection', source_year: '2023/24', from_on: '2023-04-01' });
  assert.equal(r.status, 201, r.text);
  assert.equal(await notValued(), before);
});
