// The admin JSON API for areas, coordinators and drop-ins: changes show in
// lookups and pages at once, without a restart; bad requests are refused
// with a clear error and change nothing; only administrators and API
// tokens with the areas.write scope may call it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { run, migrate, startServer, freshDatabase, backend, shared } from '../lib/alongside.mjs';

const ACOMB = 'E05010311', WESTFIELD = 'E05010330', HOLGATE = 'E05010322';

let db, server, token;
before(async () => {
  db = freshDatabase();
  assert.equal((await migrate(db)).code, 0);
  for (const args of [['import-wards', join(shared, 'york-ward-boundaries/york_wards_2024.geojson')],
    ['import-postcodes', join(shared, 'postcodes-codepoint-open/york_postcodes.csv')]]) {
    const r = await run([...args, '--db', db]);
    assert.equal(r.code, 0, r.stderr);
  }
  const t = await run(['token', 'add', '--name', 'tests', '--scope', 'areas.write', '--db', db]);
  assert.equal(t.code, 0, t.stderr);
  token = t.stdout.trim();
  server = await startServer({ db, migrate: false });
});
after(async () => { await server.stop(); });

const send = async (method, path, body, headers = { 'Content-Type': 'application/json' },
  bearer = token) => {
  const res = await fetch(server.url + path, {
    method, headers: { ...headers, ...(bearer ? { Authorization: `Bearer ${bearer}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : null };
};
const lookup = async (postcode) =>
  (await fetch(`${server.url}/api/v1/lookup?postcode=${encodeURIComponent(postcode)}`)).json();
const areaList = async () => (await area(['list'])).stdout;
const area = (args) => run(['area', ...args, '--db', db]);

let westId;

test(`an area created over the API is found by the next lookup (${backend})`, async () => {
  assert.equal((await lookup('YO24 4NB')).covered, false);
  const r = await send('POST', '/api/v1/admin/areas',
    { name: 'West', wards: [ACOMB, WESTFIELD], covered: true });
  assert.equal(r.status, 201);
  assert.match(r.json.id, /^[0-9a-f]{32}$/);
  assert.equal(r.headers.get('location'), `/api/v1/areas/${r.json.id}`);
  westId = r.json.id;

  const found = await lookup('YO24 4NB');
  assert.equal(found.covered, true);
  assert.equal(found.area.id, westId);
  assert.equal(found.area.name, 'West');
  assert.equal(found.coordinator, null);
  const detail = await (await fetch(server.url + r.headers.get('location'))).json();
  assert.equal(detail.properties.name, 'West');
  // Holgate borders the new area, so it is now measured against it.
  const holgate = await lookup('YO26 4YF');
  assert.equal(holgate.nearest_covered.area.name, 'West');
});

test('a coordinator set over the API answers the next lookup', async () => {
  const r = await send('PUT', `/api/v1/admin/areas/${westId}/coordinator`, {
    name: 'Priya Shah', mobile: '07700 900101', email: 'priya@example.org',
    facebook_url: 'https://www.facebook.com/westlac', introduction: 'I live here too.',
  });
  assert.equal(r.status, 200);
  assert.equal(r.json.area, westId);
  assert.equal(r.json.coordinator.facebook_url, 'https://www.facebook.com/westlac');
  const found = await lookup('YO24 4NB');
  assert.equal(found.coordinator.name, 'Priya Shah');
  assert.equal(found.coordinator.email, 'priya@example.org');

  assert.equal((await send('PUT', `/api/v1/admin/areas/${westId}/coordinator`, { name: 'Sam Lee' })).status, 200);
  const replaced = await lookup('YO24 4NB');
  assert.equal(replaced.coordinator.name, 'Sam Lee');
  assert.equal(replaced.coordinator.mobile, null);
});

test('a drop-in added over the API is on the area page and in its calendar', async () => {
  const r = await send('POST', `/api/v1/admin/areas/${westId}/drop-ins`, {
    venue: 'Acomb Explore Library', address: '1 Front Street, York', weekday: 'tuesday',
    starts: '10:00', ends: '12:00', frequency: 'monthly', week: 'last', first_date: '2026-01-01',
    notes: 'Tea and a chat',
  });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  assert.match(r.json.id, /^[0-9a-f]{32}$/);
  const page = await (await fetch(`${server.url}/areas/${westId}`)).text();
  assert.match(page, /Acomb Explore Library/);
  assert.match(page, /last Tuesday of the month/);
  const cal = await (await fetch(`${server.url}/areas/${westId}/drop-ins.ics`)).text();
  assert.match(cal, /RRULE:FREQ=MONTHLY;BYDAY=-1TU/);
});

test('malformed requests are refused with a clear error and change nothing', async () => {
  const before = await areaList();
  const cases = [
    // [method, path, body, headers, status, code, message]
    ['POST', '/api/v1/admin/areas', { name: 'X', wards: [HOLGATE] }, { 'Content-Type': 'text/plain' },
      415, 'unsupported_media_type', /application\/json/],
    ['POST', '/api/v1/admin/areas', { name: 'X', wards: [HOLGATE] }, {}, 415, 'unsupported_media_type', /application\/json/],
    ['POST', '/api/v1/admin/areas', '{"name": "X", "wards": [', undefined, 400, 'invalid_json', /not valid JSON/],
    ['POST', '/api/v1/admin/areas', '', undefined, 400, 'invalid_json', /not valid JSON/],
    ['POST', '/api/v1/admin/areas', '["X"]', undefined, 400, 'invalid_json', /object/],
    ['POST', '/api/v1/admin/areas', '{"name":"X","name":"Y","wards":["E05010322"]}', undefined,
      400, 'invalid_json', /duplicate/],
    ['POST', '/api/v1/admin/areas', { name: 'X', wards: [HOLGATE], colour: 'red' }, undefined,
      422, 'invalid', /colour: Not a field/, ['colour']],
    ['POST', '/api/v1/admin/areas', { name: 'X', wards: [HOLGATE], ['a' + 'é'.repeat(45)]: 1 }, undefined,
      422, 'invalid', /Not a field/],
    ['POST', '/api/v1/admin/areas', { name: 'X', wards: [HOLGATE, 'a' + 'é'.repeat(30)] }, undefined,
      422, 'invalid', /ward 2 in the list is not a ward code/, ['wards']],
    ['POST', '/api/v1/admin/areas', { name: 'X', wards: [HOLGATE], covered: 'yes' }, undefined,
      422, 'invalid', /covered: Must be true or false/, ['covered']],
    ['POST', '/api/v1/admin/areas', { name: 'X', wards: HOLGATE }, undefined,
      422, 'invalid', /wards: Must be a list of strings/, ['wards']],
    ['POST', '/api/v1/admin/areas', { name: 'X', wards: [HOLGATE, 7] }, undefined,
      422, 'invalid', /wards: Must be a list of strings/, ['wards']],
    ['POST', '/api/v1/admin/areas', { name: 42, wards: [HOLGATE], demo: 1 }, undefined,
      422, 'invalid', /name: Must be a string/, ['name', 'demo']],
    ['POST', '/api/v1/admin/areas', { wards: [HOLGATE] }, undefined, 422, 'invalid', /needs a name/, ['name']],
    ['POST', '/api/v1/admin/areas', { name: 'X' }, undefined, 422, 'invalid', /ward/, ['wards']],
    ['POST', '/api/v1/admin/areas', { name: 'X', wards: ['E05999999'] }, undefined,
      422, 'invalid', /E05999999 is not held/, ['wards']],
    ['POST', '/api/v1/admin/areas', { wards: ['E05999999', 'nope', HOLGATE, HOLGATE] }, undefined,
      422, 'invalid', /needs a name/, ['name', 'wards', 'wards', 'wards']],
    ['POST', '/api/v1/admin/areas', { name: 'X', wards: [HOLGATE, HOLGATE] }, undefined,
      422, 'invalid', /listed twice/, ['wards']],
    ['POST', '/api/v1/admin/areas', { name: "X'); DROP TABLE areas; --", wards: [ACOMB] }, undefined,
      409, 'conflict', /already in area West/],
    ['POST', '/api/v1/admin/areas', { name: 'West', wards: [HOLGATE] }, undefined,
      409, 'conflict', /already an area called "West"/],
    ['PUT', `/api/v1/admin/areas/${'0'.repeat(32)}/coordinator`, { name: 'X' }, undefined,
      404, 'area_not_found', /area/],
    ['PUT', '/api/v1/admin/areas/West/coordinator', { name: 'X' }, undefined, 404, 'area_not_found', /area/],
    ['PUT', `/api/v1/admin/areas/${westId}/coordinator`, { mobile: '07700 900101' }, undefined,
      422, 'invalid', /name/, ['name']],
    ['PUT', `/api/v1/admin/areas/${westId}/coordinator`, { name: 'X', email: 'not an email' }, undefined,
      422, 'invalid', /email address/, ['email']],
    ['PUT', `/api/v1/admin/areas/${westId}/coordinator`, { name: 'X', facebook_url: 'javascript:alert(1)' },
      undefined, 422, 'invalid', /Facebook page/, ['facebook_url']],
    ['PUT', `/api/v1/admin/areas/${westId}/coordinator`, { mobile: '12', email: 'x', facebook_url: 'x' },
      undefined, 422, 'invalid', /name/,
      ['name', 'mobile', 'email', 'facebook_url']],
    ['POST', `/api/v1/admin/areas/${westId}/drop-ins`, { venue: 'V', address: 'A', weekday: 'funday',
      starts: '10:00', ends: '11:00', frequency: 'weekly', first_date: '2026-01-06' }, undefined,
      422, 'invalid', /weekday/, ['weekday']],
    ['POST', `/api/v1/admin/areas/${westId}/drop-ins`, { venue: 'V', address: 'A', weekday: 'tuesday',
      starts: '10:00', ends: '09:00', frequency: 'weekly', first_date: '2026-01-06' }, undefined,
      422, 'invalid', /end after the start/, ['ends']],
    ['POST', `/api/v1/admin/areas/${westId}/drop-ins`, { address: 'A', weekday: 'tuesday', starts: '9am',
      ends: '11:00', frequency: 'weekly', week: '2', first_date: '2026-01-07' }, undefined,
      422, 'invalid', /venue/, ['venue', 'starts', 'week', 'first_date']],
    ['POST', `/api/v1/admin/areas/${westId}/drop-ins`, { venue: 'V', address: 'A', weekday: 'tuesday',
      starts: '10:00', ends: '11:00', frequency: 'monthly', first_date: 'soon' }, undefined,
      422, 'invalid', /week/, ['week', 'first_date']],
    ['POST', `/api/v1/admin/areas/${'f'.repeat(32)}/drop-ins`, { venue: 'V', address: 'A', weekday: 'tuesday',
      starts: '10:00', ends: '11:00', frequency: 'weekly', first_date: '2026-01-06' }, undefined,
      404, 'area_not_found', /area/],
  ];
  for (const [method, path, body, headers, status, code, message, fields] of cases) {
    const what = `${method} ${path} ${typeof body === 'string' ? body : JSON.stringify(body)}`;
    const r = await send(method, path, body, headers);
    assert.equal(r.status, status, what + ' -> ' + JSON.stringify(r.json));
    assert.equal(r.json.error.code, code, what);
    assert.match(r.json.error.message, message, what);
    if (fields) assert.deepEqual(r.json.error.fields.map((f) => f.field), fields, what);
  }
  assert.equal(await areaList(), before);
  const found = await lookup('YO24 4NB');
  assert.equal(found.coordinator.name, 'Sam Lee');
  const cal = await (await fetch(`${server.url}/areas/${westId}/drop-ins.ics`)).text();
  assert.equal(cal.match(/BEGIN:VEVENT/g).length, 1);
});

test('the admin routes take only their own methods', async () => {
  const r = await fetch(server.url + '/api/v1/admin/areas');
  assert.equal(r.status, 405);
  assert.match(r.headers.get('allow'), /POST/);
});

test('without the right credentials nothing changes', async () => {
  const before = await areaList();
  const body = { name: 'Holgate', wards: [HOLGATE], covered: true };
  const anonymous = await send('POST', '/api/v1/admin/areas', body, undefined, null);
  assert.equal(anonymous.status, 401);
  assert.equal(anonymous.json.error.code, 'unauthenticated');
  assert.match(anonymous.headers.get('www-authenticate'), /^Bearer/);

  const reader = await run(['token', 'add', '--name', 'audit only', '--scope', 'audit.read', '--db', db]);
  const wrongScope = await send('POST', '/api/v1/admin/areas', body, undefined, reader.stdout.trim());
  assert.equal(wrongScope.status, 403);
  assert.equal(wrongScope.json.error.code, 'forbidden');

  for (const bad of ['not-a-token', 'x'.repeat(43), token + 'x', '']) {
    const r = await send('POST', '/api/v1/admin/areas', body, undefined, bad || ' ');
    assert.equal(r.status, 401, bad);
    assert.equal(r.json.error.code, 'invalid_token', bad);
  }
  const basic = await fetch(server.url + '/api/v1/admin/areas', {
    method: 'POST', headers: { Authorization: 'Basic YWRtaW46YWRtaW4=', 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  assert.equal(basic.status, 401);

  const spare = await run(['token', 'add', '--name', 'to revoke', '--scope', 'areas.write', '--db', db]);
  assert.equal((await run(['token', 'revoke', 'to revoke', '--db', db])).code, 0);
  const revoked = await send('POST', '/api/v1/admin/areas', body, undefined, spare.stdout.trim());
  assert.equal(revoked.status, 401);
  assert.equal(revoked.json.error.code, 'invalid_token');
  assert.equal(await areaList(), before);
});
