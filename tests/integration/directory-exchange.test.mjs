// `alongside directory import|export`: the demo file imports (and again,
// changing nothing but versions); JSON round trips give the same file; a
// file that is not JSON, and one of 4,100 services whose record 4012 breaks
// the schema, are refused with a line naming the record and nothing
// stored; the profile's own example service, whose place is impossible,
// is refused at its fields.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run, yorkDatabase, wardsDatabase, shared, startServer } from '../lib/alongside.mjs';
import { Browser } from '../lib/staff.mjs';

let db;
const dir = mkdtempSync(join(tmpdir(), 'alongside-exchange-'));
before(async () => { db = await yorkDatabase({ caseload: false }); });

const sql = (d, query) => (d.startsWith('sqlite:')
  ? execFileSync('sqlite3', [d.slice('sqlite:'.length), query])
  : execFileSync('psql', [d, '-qAtc', query])).toString().trim();
const count = (d) => Number(sql(d, 'SELECT count(*) FROM community_services'));

test('the demo file is loaded with the demo, and importing it again keeps the same listings', async () => {
  const before = count(db);
  assert.ok(before >= 6);
  assert.equal(sql(db, "SELECT demo FROM community_services WHERE name = 'Acomb Sing-along'"), '1');
  const r = await run(['directory', 'import', 'demo/york-community.json', '--demo', '--db', db]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(count(db), before);
  assert.equal(sql(db, "SELECT checked_on FROM community_services WHERE name = 'Acomb Sing-along'"),
    '2026-11-02');
});

test('a JSON export imported into an empty database exports the same file', async () => {
  const first = join(dir, 'first.json'), second = join(dir, 'second.json');
  let r = await run(['directory', 'export', '--format', 'json', first, '--db', db]);
  assert.equal(r.code, 0, r.stderr);
  const empty = await wardsDatabase();
  r = await run(['directory', 'import', first, '--db', empty]);
  assert.equal(r.code, 0, r.stderr);
  r = await run(['directory', 'export', '--format', 'json', second, '--db', empty]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(readFileSync(second, 'utf8'), readFileSync(first, 'utf8'));
  assert.ok(JSON.parse(readFileSync(first, 'utf8')).services.length >= 6);
});

// Every file of a data package folder, by name.
const files = (folder) => Object.fromEntries(readdirSync(folder).sort()
  .map((f) => [f, readFileSync(join(folder, f), 'utf8')]));

test('a CSV data package imported into an empty database exports the same files', async () => {
  const first = join(dir, 'first-csv'), second = join(dir, 'second-csv');
  let r = await run(['directory', 'export', '--format', 'csv', first, '--db', db]);
  assert.equal(r.code, 0, r.stderr);
  const written = files(first);
  const pkg = JSON.parse(written['datapackage.json']);
  const profile = JSON.parse(readFileSync(join(shared, 'openreferral-uk-profile/datapackage.json'), 'utf8'));
  // The profile's tables, each with the profile's columns first, in order.
  for (const res of profile.resources) {
    const ours = pkg.resources.find((x) => x.name === res.name);
    assert.ok(ours, res.name);
    assert.equal(ours.path, res.path);
    const header = written[res.path].split('\r\n')[0].split(',');
    assert.deepEqual(header.slice(0, res.schema.fields.length), res.schema.fields.map((f) => f.name));
  }
  assert.match(written['services.csv'], /Acomb Sing-along/);
  assert.match(written['locations.csv'], /,-1\.\d+,/);  // a longitude as it is
  const empty = await wardsDatabase();
  r = await run(['directory', 'import', first, '--db', empty]);
  assert.equal(r.code, 0, r.stderr);
  r = await run(['directory', 'export', '--format', 'csv', second, '--db', empty]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(files(second), written);
  assert.equal(count(empty), count(db));
});

// ORUK has no "free": a free listing whose costs do not say so (as the
// warm spaces, which give no costs) is written with a "Free" cost option
// at 0, and that option is the same in the next export.
test('free and retired listings stay so across a round trip, and --demo marks them demo', async () => {
  const own = await wardsDatabase();
  let r = await run(['directory', 'import', join(dir, 'first.json'), '--db', own]);
  assert.equal(r.code, 0, r.stderr);
  // A retired listing goes out as defunct and comes back retired.
  sql(own, "UPDATE community_services SET status = 'defunct', retired_at = last_modified, retired_reason = 'closed' WHERE name = 'Fishergate Knit and Natter'");
  sql(own, "DELETE FROM community_cost_options WHERE service_id = (SELECT id FROM community_services WHERE name = 'Holgate Fortnightly Walk')");
  const free = sql(own, 'SELECT count(*) FROM community_services WHERE free = 1');
  assert.ok(Number(free) >= 4, free);  // the demo's and the warm spaces that say so
  for (const format of ['json', 'csv']) {
    const out = join(dir, `free.${format}`), again = join(dir, `free-again.${format}`);
    r = await run(['directory', 'export', '--format', format, out, '--db', own]);
    assert.equal(r.code, 0, r.stderr);
    const empty = await wardsDatabase();
    r = await run(['directory', 'import', out, '--demo', '--db', empty]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(sql(empty, 'SELECT count(*) FROM community_services WHERE free = 1'), free, format);
    assert.equal(sql(empty, "SELECT free FROM community_services WHERE name = 'Holgate Fortnightly Walk'"), '1');
    assert.equal(sql(empty, 'SELECT count(*) FROM community_services WHERE demo = 0'), '0', format);
    assert.equal(sql(empty, "SELECT status FROM community_services WHERE name = 'Fishergate Knit and Natter'"), 'defunct');
    r = await run(['directory', 'export', '--format', format, again, '--db', empty]);
    assert.equal(r.code, 0, r.stderr);
    if (format === 'json') assert.equal(readFileSync(again, 'utf8'), readFileSync(out, 'utf8'));
    else assert.deepEqual(files(again), files(out));
  }
});

test('a CSV package broken at the 4,012th service names services.csv and its line, and stores nothing', async () => {
  const src = join(dir, 'first-csv');
  const big = join(dir, 'big-csv');
  const pkg = files(src);
  const lines = (f) => pkg[f].split('\r\n').filter((l) => l);
  const [header, ...demo] = lines('services.csv');
  const place = lines('service_at_location.csv')[1].split(',')[2];
  const term = lines('attribute.csv')[1].split(',')[2];
  const org = lines('organizations.csv')[1].split(',')[0];
  // 4,100 more services, each with a place and a term, before the demo's.
  const services = [header], sals = lines('service_at_location.csv'), attrs = lines('attribute.csv');
  const id = (i, k) => `${i.toString(16).padStart(8, '0')}-0000-4000-8000-${k.toString(16).padStart(12, '0')}`;
  for (let i = 0; i < 4100; i++) {
    const cells = { id: id(i, 1), organization_id: org, name: `Group ${i}`, status: 'active',
      minimum_age: i === 4012 ? 'eleven' : '18' };
    services.push(header.split(',').map((c) => cells[c] ?? '').join(','));
    sals.push([id(i, 2), id(i, 1), place].join(','));
    attrs.push([id(i, 3), id(i, 1), term, 'service'].join(','));
  }
  services.push(...demo);
  pkg['services.csv'] = services.join('\r\n') + '\r\n';
  pkg['service_at_location.csv'] = sals.join('\r\n') + '\r\n';
  pkg['attribute.csv'] = attrs.join('\r\n') + '\r\n';
  mkdirSync(big);
  for (const [f, text] of Object.entries(pkg)) writeFileSync(join(big, f), text);
  const before = count(db);
  const r = await run(['directory', 'import', big, '--db', db]);
  assert.equal(r.code, 1);
  assert.equal(r.stderr.split('\n')[0],
    'alongside directory import: record 4012: services.csv line 4014: minimum_age: must be a whole number, 0 or more');
  assert.equal(r.stderr.trim().split('\n').length, 2, r.stderr);  // that line and "nothing was imported"
  assert.match(r.stderr, /nothing was imported/);
  assert.equal(count(db), before);
});

test('a folder without datapackage.json, and a CSV row naming a service not in the package, are refused', async () => {
  const bare = mkdtempSync(join(tmpdir(), 'alongside-bare-'));
  let r = await run(['directory', 'import', bare, '--db', db]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /has no datapackage\.json/);
  const src = files(join(dir, 'first-csv'));
  const broken = mkdtempSync(join(tmpdir(), 'alongside-broken-'));
  for (const [f, text] of Object.entries(src)) writeFileSync(join(broken, f), text);
  writeFileSync(join(broken, 'cost_options.csv'), src['cost_options.csv'] +
    '6b0c6f8e-9d1e-4f0a-8b2c-3d4e5f6a7b8c,00000000-0000-4000-8000-00000000dead,,,Tea,1,\r\n');
  const before = count(db);
  r = await run(['directory', 'import', broken, '--db', db]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /cost_options\.csv line \d+: service_id: is not in services\.csv/);
  assert.equal(count(db), before);
});

test('a file that is not JSON is refused and nothing is stored', async () => {
  const file = join(dir, 'not.json');
  writeFileSync(file, 'id,name,status\n1,A,active\n');
  const before = count(db);
  const r = await run(['directory', 'import', file, '--db', db]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /not JSON/);
  assert.equal(count(db), before);
});

test('a record 4012 of 4,100 with two faults names each and stores nothing', async () => {
  const demo = JSON.parse(readFileSync('demo/york-community.json', 'utf8'));
  const hex = (n, w) => n.toString(16).padStart(w, '0');
  const services = [];
  for (let i = 0; i < 4100; i++) {
    const s = structuredClone(demo[i % demo.length]);
    const id = (k) => `${hex(i, 8)}-0000-4000-8000-${hex(k, 12)}`;
    s.id = id(1); s.organization.id = id(2);
    s.service_at_locations[0].id = id(3); s.service_at_locations[0].location.id = id(4);
    s.service_at_locations[0].location.addresses[0].id = id(5);
    s.schedules[0].id = id(6); s.cost_options[0].id = id(7);
    s.attributes.forEach((a, k) => { a.id = id(8 + k); });
    services.push(s);
  }
  services[4012].schedules[0].byday = 4;
  delete services[4012].name;
  const file = join(dir, 'large.json');
  writeFileSync(file, JSON.stringify(services));
  const before = count(db);
  const r = await run(['directory', 'import', file, '--db', db]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /record 4012: services\[4012\]\.name: is required\n/);
  assert.match(r.stderr, /record 4012: services\[4012\]\.schedules\[0\]\.byday: must be text/);
  assert.equal(count(db), before);
});

// The profile's example is not a real place: latitude 100 and longitude
// 101 are off the Earth's grid, its postcode is "ABC 1234" in the US, its
// weekly schedule also names days of the month, and its language has no
// name.  So it is refused, each fault named where the file has it, and
// nothing is stored.
test("the profile's example service is refused at its impossible fields", async () => {
  const before = count(db);
  const r = await run(['directory', 'import',
    join(shared, 'openreferral-uk-profile/examples/service_full.json'), '--db', db]);
  assert.equal(r.code, 1);
  assert.match(r.stderr,
    /record 0: services\[0\]\.service_at_locations\[0\]\.location\.latitude: .*-90 to 90/);
  assert.match(r.stderr, /record 0: services\[0\]\.schedules\[0\]\.bymonthday: /);
  assert.match(r.stderr, /record 0: services\[0\]\.languages\[0\]\.name: /);
  assert.match(r.stderr, /nothing was imported/);
  assert.equal(count(db), before);
  assert.equal(sql(db, "SELECT count(*) FROM community_services WHERE id = 'ac148810-d857-441c-9679-408f346de14b'"), '0');
});

// What staff changed since an import stands: importing the file again
// skips a listing corrected or retired here, and says so.  (Last: it
// changes the shared database.)
test('importing again keeps what staff changed and retired since, and says so', async () => {
  const SING = '4ed0df10-8c40-4e15-850e-a9ffb1136baf';
  const walk = sql(db, "SELECT id FROM community_services WHERE name = 'Holgate Fortnightly Walk'");
  const server = await startServer({ db, migrate: false });
  try {
    const priya = await new Browser(server.url).signedIn('priya');
    const token = await priya.csrf('/staff');
    const as = (method, path, json) =>
      priya.request(method, path, { json, headers: { 'X-CSRF-Token': token } });
    const change = (await as('GET', `/api/v1/community/listings/${SING}`)).json();
    change.schedules[0].opens_at = '11:00';
    change.note = 'Now starts at eleven';
    const saved = await as('PUT', `/api/v1/community/listings/${SING}`, change);
    assert.equal(saved.status, 200, saved.text);
    const held = (await as('GET', `/api/v1/community/listings/${walk}`)).json();
    const retired = await as('POST', `/api/v1/community/listings/${walk}/retire`,
      { version: held.version, reason: 'The walks have stopped' });
    assert.equal(retired.status, 200, retired.text);
  } finally { await server.stop(); }
  const r = await run(['directory', 'import', 'demo/york-community.json', '--demo', '--db', db]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /kept: changed here since: Acomb Sing-along/);
  assert.match(r.stdout, /kept: retired here: Holgate Fortnightly Walk/);
  assert.equal(sql(db, `SELECT opens_at FROM community_schedules WHERE service_id = '${SING}'`), '11:00');
  assert.equal(sql(db, `SELECT status FROM community_services WHERE id = '${walk}'`), 'defunct');
  assert.equal(sql(db, `SELECT retired_reason FROM community_services WHERE id = '${walk}'`),
    'The walks have stopped');
  // --replace puts the file's version back over the staff change; the
  // retired listing stays retired.
  const again = await run(['directory', 'import', 'demo/york-community.json', '--demo', '--replace', '--db', db]);
  assert.equal(again.code, 0, again.stderr);
  assert.doesNotMatch(again.stdout, /changed here since/);
  assert.match(again.stdout, /kept: retired here: Holgate Fortnightly Walk/);
  assert.equal(sql(db, `SELECT opens_at FROM community_schedules WHERE service_id = '${SING}'`), '10:30');
  assert.equal(sql(db, `SELECT status FROM community_services WHERE id = '${walk}'`), 'defunct');
});
