// Areas and coordinators on the real York wards, and what the lookup says
// about coverage: covered with its coordinator, near, or not covered.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { run, migrate, startServer, freshDatabase, backend, shared } from '../lib/alongside.mjs';

const wardsFile = join(shared, 'york-ward-boundaries/york_wards_2024.geojson');
const postcodesFile = join(shared, 'postcodes-codepoint-open/york_postcodes.csv');
const ACOMB = 'E05010311', WESTFIELD = 'E05010330', HOLGATE = 'E05010322',
  GUILDHALL = 'E05010318', BISHOPTHORPE = 'E05010312';

let db, server;
const area = (...args) => run(['area', ...args, '--db', db]);

before(async () => {
  db = freshDatabase();
  assert.equal((await migrate(db)).code, 0);
  for (const args of [['import-wards', wardsFile], ['import-postcodes', postcodesFile]]) {
    const r = await run([...args, '--db', db]);
    assert.equal(r.code, 0, r.stderr);
  }
  const west = await area('add', 'West', '--wards', `${ACOMB},${WESTFIELD}`, '--covered');
  assert.equal(west.code, 0, west.stderr);
  assert.match(west.stdout, /^[0-9a-f]{32}\n$/);
  assert.equal((await area('add', 'Centre', '--wards', GUILDHALL)).code, 0);
  const co = await area('set-coordinator', 'West', '--name', 'Priya <b>Shah</b>',
    '--mobile', '07700 900101', '--email', 'priya@example.org',
    '--facebook', 'https://www.facebook.com/westlac', '--introduction', 'Ask me about "what\'s on".');
  assert.equal(co.code, 0, co.stderr);
  server = await startServer({ db, migrate: false });
});
after(async () => { await server.stop(); });

const lookup = async (query) => {
  const res = await fetch(`${server.url}/api/v1/lookup?${query}`);
  assert.equal(res.status, 200);
  return res.json();
};

test(`areas are listed with coverage and coordinator (${backend})`, async () => {
  const list = await area('list');
  assert.equal(list.code, 0);
  const lines = list.stdout.trim().split('\n');
  assert.equal(lines.length, 2);
  assert.match(lines[0], /^[0-9a-f]{32}  Centre +not covered +1 ward +-$/);
  assert.match(lines[1], /^[0-9a-f]{32}  West +covered +2 wards +Priya <b>Shah<\/b>$/);
});

test('a covered postcode names its area and coordinator', async () => {
  const r = await lookup('postcode=YO24+4NB');
  assert.equal(r.ward.name, 'Westfield');
  assert.equal(r.covered, true);
  assert.equal(r.area.name, 'West');
  assert.equal(r.coordinator.name, 'Priya <b>Shah</b>');
  assert.equal(r.coordinator.mobile, '07700 900101');
  assert.equal(r.coordinator.facebook_url, 'https://www.facebook.com/westlac');
  assert.equal(r.nearest_covered, null);
  // How soon a first conversation is likely there, as the area says it.
  const west = (await (await fetch(`${server.url}/api/v1/areas/${r.area.id}`)).json()).properties;
  assert.equal(r.first_conversation.band, 'not_known');
  assert.deepEqual(r.first_conversation, west.first_conversation);
  const cli = await run(['lookup', 'YO24 4NB', '--json', '--db', db]);
  assert.equal(cli.code, 0, cli.stderr);
  assert.deepEqual(JSON.parse(cli.stdout), r);
});

test('a place outside cover says how far the nearest covered area is', async () => {
  // Holgate borders Acomb and Westfield; Bishopthorpe is further out.
  const holgate = await lookup('postcode=YO26+4YF');
  assert.equal(holgate.ward.code, HOLGATE);
  assert.equal(holgate.covered, false);
  assert.equal(holgate.area, null);
  assert.equal(holgate.coordinator, null);
  assert.equal(holgate.nearest_covered.area.name, 'West');
  assert.ok(Number.isInteger(holgate.nearest_covered.distance_m));
  assert.equal(holgate.nearest_covered.near, holgate.nearest_covered.distance_m <= 400);

  const centre = await lookup('postcode=YO1+7HH');
  assert.equal(centre.area.name, 'Centre');
  assert.equal(centre.area.covered, false);
  assert.equal(centre.covered, false);
  assert.ok(centre.nearest_covered.distance_m > 1000);
  assert.equal(centre.nearest_covered.near, false);
  // Neither in an area with a coordinator nor near one: no estimate.
  assert.equal(centre.first_conversation, null);

  const field = await lookup('lat=53.9000&lon=-1.3000');
  assert.equal(field.ward, null);
  assert.ok(field.nearest_covered.distance_m > 5000);
  assert.equal(field.first_conversation, null);
});

test('near is a setting', async () => {
  const wide = await startServer({ db, migrate: false, args: ['--near-distance', '5000'] });
  try {
    const r = await (await fetch(`${wide.url}/api/v1/lookup?postcode=YO1+7HH`)).json();
    assert.equal(r.nearest_covered.near, true);
    // Near: the estimate of the area whose coordinator it names.
    const west = await (await fetch(`${wide.url}/api/v1/areas/${r.nearest_covered.area.id}`)).json();
    assert.deepEqual(r.first_conversation, west.properties.first_conversation);
  } finally { await wide.stop(); }
  const bad = await run(['serve', '--near-distance', 'far', '--db', db]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /near-distance/);
});

test('area rules are enforced and a refused change writes nothing', async () => {
  const cases = [
    [['add', 'West', '--wards', HOLGATE], /already an area called "West"/],
    [['add', 'Other', '--wards', ACOMB], new RegExp(`ward ${ACOMB} \\(Acomb\\) is already in area West`)],
    [['add', 'Other', '--wards', 'E05999999'], /ward E05999999 is not held/],
    [['add', 'Other', '--wards', 'not-a-code'], /ward codes look like/],
    [['add', 'Other', '--wards', `${HOLGATE},${HOLGATE}`], /listed twice/],
    [['add', '', '--wards', HOLGATE], /needs a name/],
    [['add', 'Other'], /--wards is required/],
    [['set-coordinator', 'Nowhere', '--name', 'X'], /no area called "Nowhere"/],
    [['set-coordinator', 'West', '--name', 'X', '--mobile', '12345'], /mobile number/],
    [['set-coordinator', 'West', '--name', 'X', '--email', 'not an email'], /email address/],
    [['set-coordinator', 'West', '--name', 'X', '--facebook', 'javascript:alert(1)'], /Facebook page/],
    [['set-coordinator', 'West', '--name', 'X', '--introduction', 'x'.repeat(601)], /600/],
    [['set-coordinator', 'West'], /--name is required/],
    [['frobnicate'], /unknown command "frobnicate"/],
  ];
  for (const [args, message] of cases) {
    const r = await area(...args);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.stderr, message, args.join(' '));
  }
  // Holgate was in a refused area and is still free; West keeps Priya.
  const list = await area('list');
  assert.equal(list.stdout.trim().split('\n').length, 2);
  assert.match(list.stdout, /Priya/);
  assert.equal((await area('add', 'Holgate', '--wards', HOLGATE)).code, 0);
  assert.equal((await area('add', 'South', '--wards', BISHOPTHORPE, '--covered', '--demo')).code, 0);
});

test('a new coordinator replaces the old one', async () => {
  assert.equal((await area('set-coordinator', 'Centre', '--name', 'First')).code, 0);
  assert.equal((await area('set-coordinator', 'Centre', '--name', 'Second', '--mobile', '+44 7700 900999')).code, 0);
  const list = await area('list');
  assert.match(list.stdout, /Centre +not covered +1 ward +Second/);
});
