// Changes to the directory (areas, coordinators, drop-ins) are audited like
// changes to accounts: an entry in the change's own transaction, by the
// administrator signed in, the API token or the command line, and a
// refused change recorded with outcome "refused".  Administrators read
// them in their trail; a team leader of the area in the team's.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { run, startServer, wardsDatabase, backend } from '../lib/alongside.mjs';
import { Browser, DEMO_PASSWORD } from '../lib/staff.mjs';

const ACOMB = 'E05010311', WESTFIELD = 'E05010330', HOLGATE = 'E05010322',
  MICKLEGATE = 'E05010325', HEWORTH = 'E05010320';

let db, server, admin, token, tokenId;
const cli = (...args) => run([...args, '--db', db], { input: DEMO_PASSWORD + '\n' });

before(async () => {
  db = await wardsDatabase();
  assert.equal((await cli('user', 'add', 'alex', '--role', 'administrator')).code, 0);
  const t = await cli('token', 'add', '--name', 'crm sync', '--scope', 'areas.write');
  assert.equal(t.code, 0, t.stderr);
  token = t.stdout.trim();
  server = await startServer({ db, migrate: false });
  admin = await new Browser(server.url).signedIn('alex');
  admin.csrfToken = await admin.csrf('/staff');
  const added = await adminApi('GET', '/api/v1/admin/audit?action=token_add');
  tokenId = added.json().entries[0].record_id;
});
after(async () => { await server.stop(); });

const adminApi = (method, path, json) =>
  admin.request(method, path, { json, headers: { 'X-CSRF-Token': admin.csrfToken } });
const tokenApi = async (method, path, json) => {
  const res = await fetch(server.url + path, {
    method, body: JSON.stringify(json),
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
  });
  return { status: res.status, json: await res.json() };
};
const coordinator = { name: 'Priya Shah', email: 'priya@example.org' };
const dropIn = {
  venue: 'Library', address: '1 Front Street, York', weekday: 'tuesday', starts: '10:00',
  ends: '12:00', frequency: 'weekly', first_date: '2026-01-06',
};
// The administrator's trail for one action, newest first.
const trail = async (action) => {
  const r = await adminApi('GET', `/api/v1/admin/audit?action=${action}`);
  assert.equal(r.status, 200, r.text);
  return r.json().entries;
};

let west, centre, east;

test(`each kind of directory change is audited, by user, token and command line (${backend})`, async () => {
  const a = await adminApi('POST', '/api/v1/admin/areas', { name: 'West', wards: [ACOMB, WESTFIELD] });
  assert.equal(a.status, 201, a.text);
  west = a.json().id;
  assert.equal((await adminApi('PUT', `/api/v1/admin/areas/${west}/coordinator`, coordinator)).status, 200);
  const d = await adminApi('POST', `/api/v1/admin/areas/${west}/drop-ins`, dropIn);
  assert.equal(d.status, 201, d.text);
  const westDropIn = d.json().id;

  const t = await tokenApi('POST', '/api/v1/admin/areas', { name: 'Centre', wards: [HOLGATE, MICKLEGATE] });
  assert.equal(t.status, 201);
  centre = t.json.id;
  // The change the issue found unrecorded: a token changing a coordinator's email.
  assert.equal((await tokenApi('PUT', `/api/v1/admin/areas/${centre}/coordinator`,
    { ...coordinator, email: 'someone.else@example.org' })).status, 200);
  const td = await tokenApi('POST', `/api/v1/admin/areas/${centre}/drop-ins`, dropIn);
  assert.equal(td.status, 201);

  const c = await cli('area', 'add', 'East', '--wards', HEWORTH);
  assert.equal(c.code, 0, c.stderr);
  east = c.stdout.trim();
  assert.equal((await cli('area', 'set-coordinator', 'East', '--name', 'Sam Lee')).code, 0);
  const cd = await cli('area', 'add-drop-in', 'East', '--venue', 'Hall', '--address', '2 Main Street, York',
    '--weekday', 'Monday', '--start', '09:00', '--end', '10:00', '--frequency', 'weekly', '--from', '2026-01-05');
  assert.equal(cd.code, 0, cd.stderr);
  const eastDropIn = cd.stdout.trim();

  const expect = [
    ['area_create', 'area', west, west, 'alex'], ['coordinator_set', 'area', west, west, 'alex'],
    ['drop_in_add', 'drop_in', westDropIn, west, 'alex'],
    ['area_create', 'area', centre, centre, 'token'], ['coordinator_set', 'area', centre, centre, 'token'],
    ['drop_in_add', 'drop_in', td.json.id, centre, 'token'],
    ['area_create', 'area', east, east, 'cli'], ['coordinator_set', 'area', east, east, 'cli'],
    ['drop_in_add', 'drop_in', eastDropIn, east, 'cli'],
  ];
  for (const [action, recordType, recordId, areaId, by] of expect) {
    const rows = (await trail(action)).filter((r) => r.area_id === areaId);
    assert.equal(rows.length, 1, `${action} ${by}: ${JSON.stringify(rows)}`);
    const [row] = rows;
    assert.equal(row.record_type, recordType);
    assert.equal(row.record_id, recordId);
    assert.equal(row.outcome, 'ok');
    if (by === 'alex') {
      assert.equal(row.actor_username, 'alex');
      assert.equal(row.actor_token_id, null);
      assert.equal(row.client_address, '127.0.0.1');
    } else if (by === 'token') {
      assert.equal(row.actor_token_id, tokenId);
      assert.equal(row.actor_user_id, null);
    } else {
      assert.equal(row.actor_user_id, null);
      assert.equal(row.actor_token_id, null);
      assert.equal(row.client_address, 'cli');
    }
  }
  // Entries keep the public entry before and after (what anyone could read
  // on the area's page), and only that: no field of the staff account.
  for (const row of await trail('coordinator_set')) {
    assert.equal(row.changes.before, null, 'each entry here was new');
    assert.deepEqual(Object.keys(row.changes.after).sort(),
      ['email', 'facebook_url', 'introduction', 'mobile', 'name', 'username']);
  }
});

test('a directory change refused by the domain is recorded as refused', async () => {
  const nowhere = 'f'.repeat(32);
  const r = await tokenApi('PUT', `/api/v1/admin/areas/${nowhere}/coordinator`, coordinator);
  assert.equal(r.status, 404);
  const d = await adminApi('POST', `/api/v1/admin/areas/${nowhere}/drop-ins`, dropIn);
  assert.equal(d.status, 404);
  const byToken = (await trail('coordinator_set')).filter((e) => e.outcome === 'refused');
  assert.equal(byToken.length, 1);
  assert.equal(byToken[0].actor_token_id, tokenId);
  const byAdmin = (await trail('drop_in_add')).filter((e) => e.outcome === 'refused');
  assert.equal(byAdmin.length, 1);
  assert.equal(byAdmin[0].actor_username, 'alex');
  // Input that breaks a rule changes nothing and is no attempt on a record.
  const invalid = await tokenApi('PUT', `/api/v1/admin/areas/${west}/coordinator`, { name: '' });
  assert.equal(invalid.status, 422);
  assert.equal((await trail('coordinator_set')).length, 4);
});

test('a team leader sees the directory changes of their own areas only', async () => {
  assert.equal((await cli('user', 'add', 'lead', '--role', 'team_leader', '--area', 'West')).code, 0);
  const lead = await new Browser(server.url).signedIn('lead');
  const r = await lead.get('/api/v1/team/audit');
  assert.equal(r.status, 200);
  const entries = r.json().entries;
  const actions = entries.filter((e) => e.area_id === west).map((e) => e.action).sort();
  assert.deepEqual(actions, ['area_create', 'coordinator_set', 'drop_in_add']);
  assert.ok(entries.every((e) => e.area_id === west), JSON.stringify(entries));
  const page = await lead.get('/team/audit?action=coordinator_set');
  assert.equal(page.status, 200);
  assert.match(page.text, /coordinator_set/);
});

test('the trail names a retired area by its name, never its id', async () => {
  const r = await cli('area', 'add', 'Short Lived', '--wards', 'E05010313');
  assert.equal(r.code, 0, r.stderr);
  const id = r.stdout.trim();
  assert.equal((await cli('area', 'retire', id)).code, 0);
  const page = await admin.get('/admin/audit?action=area_retire');
  assert.equal(page.status, 200);
  assert.match(page.text, /<td class="govuk-table__cell">Short Lived \(retired\)<\/td>/);
  assert.doesNotMatch(page.text, new RegExp(`<td class="govuk-table__cell">${id}</td>`));
});

test('the trail names the fields in words and shows dates and yes-or-no as a person reads them', async () => {
  const dropin = await admin.get('/admin/audit?action=drop_in_add');
  assert.equal(dropin.status, 200);
  assert.match(dropin.text, />First date<span class="govuk-visually-hidden">:<\/span><\/dt>/);
  assert.match(dropin.text, /<span class="govuk-visually-hidden">was <\/span>none<span aria-hidden="true"> → <\/span><span class="govuk-visually-hidden">, now <\/span>6 January 2026</);
  assert.doesNotMatch(dropin.text, /first_date|2026-01-06|\(none\)/);
  const area = await admin.get('/admin/audit?action=area_create');
  assert.match(area.text, />Covered<span[^>]*>:<\/span><\/dt><dd[^>]*><span[^>]*>was <\/span>none<span[^>]*> → <\/span><span[^>]*>, now <\/span>(Yes|No)</);
});
