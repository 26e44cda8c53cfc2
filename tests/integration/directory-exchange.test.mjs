// `alongside directory import|export`: the demo file imports (and again,
// changing nothing but versions); JSON round trips give the same file; a
// file that is not JSON, and one of 4,100 services whose record 4012 breaks
// the schema, are refused with a line naming the record and nothing
// stored; the profile's own example service imports.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run, yorkDatabase, wardsDatabase, shared } from '../lib/alongside.mjs';

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

test('a file that is not JSON is refused and nothing is stored', async () => {
  const file = join(dir, 'not.json');
  writeFileSync(file, 'id,name,status\n1,A,active\n');
  const before = count(db);
  const r = await run(['directory', 'import', file, '--db', db]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /not JSON/);
  assert.equal(count(db), before);
});

test('a schema break at record 4012 of 4,100 names the record and stores nothing', async () => {
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
  const file = join(dir, 'large.json');
  writeFileSync(file, JSON.stringify(services));
  const before = count(db);
  const r = await run(['directory', 'import', file, '--db', db]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /record 4012: services\[4012\]\.schedules\[0\]\.byday: must be text/);
  assert.equal(count(db), before);
});

test("the profile's example service imports", async () => {
  const r = await run(['directory', 'import',
    join(shared, 'openreferral-uk-profile/examples/service_full.json'), '--db', db]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(sql(db, "SELECT name FROM community_services WHERE id = 'ac148810-d857-441c-9679-408f346de14b'"),
    'Community Counselling');
});
