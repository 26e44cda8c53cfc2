// Importing the real York wards and postcodes, looking places up from the
// command line and the API, and refusing broken files without changing
// what is stored.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run, migrate, startServer, freshDatabase, backend, shared } from '../lib/alongside.mjs';

const wardsFile = join(shared, 'york-ward-boundaries/york_wards_2024.geojson');
const postcodesFile = join(shared, 'postcodes-codepoint-open/york_postcodes.csv');
const codepointFile = join(shared, 'postcodes-codepoint-open/codepoint_open_yo_area.csv');
const dir = mkdtempSync(join(tmpdir(), 'alongside-geo-'));
const file = (name, text) => { const p = join(dir, name); writeFileSync(p, text); return p; };

let db, server;
before(async () => {
  db = freshDatabase();
  const m = await migrate(db);
  assert.equal(m.code, 0, m.stderr);
  const w = await run(['import-wards', wardsFile, '--db', db]);
  assert.equal(w.code, 0, w.stderr);
  assert.equal(w.stdout, '21 wards imported, 0 updated\n');
  const p = await run(['import-postcodes', postcodesFile, '--db', db]);
  assert.equal(p.code, 0, p.stderr);
  assert.equal(p.stdout, '5438 rows: 5438 postcodes imported, 0 updated, 0 skipped\n');
  server = await startServer({ db, migrate: false });
});
after(async () => { await server.stop(); });

const lookup = (query) => fetch(`${server.url}/api/v1/lookup?${query}`);

test(`re-importing updates in place (${backend})`, async () => {
  const w = await run(['import-wards', wardsFile, '--db', db]);
  assert.equal(w.stdout, '0 wards imported, 21 updated\n');
  const p = await run(['import-postcodes', postcodesFile, '--db', db]);
  assert.equal(p.stdout, '5438 rows: 0 postcodes imported, 5438 updated, 0 skipped\n');
  assert.doesNotMatch(p.stderr, /\[[#.]+\]/, 'no progress bar when stderr is not a terminal');
});

test('a progress bar on a terminal, ending full', async () => {
  const p = await run(['import-postcodes', postcodesFile, '--db', db], { terminal: true });
  assert.equal(p.code, 0, p.stdout);
  assert.match(p.stdout, /\r\[#{40}\] 100%\r?\n/);
  assert.match(p.stdout, /5438 rows: 0 postcodes imported, 5438 updated, 0 skipped/);
});

test(`Code-Point Open as published, eastings and northings through PROJ (${backend})`, async () => {
  const db2 = freshDatabase();
  await migrate(db2);
  const noLayout = await run(['import-postcodes', codepointFile, '--db', db2]);
  assert.equal(noLayout.code, 1);
  assert.match(noLayout.stderr, /line 1: expected a header.*--layout codepoint/);
  const r = await run(['import-postcodes', '--layout', 'codepoint', codepointFile, '--db', db2]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^19251 rows: 19251 postcodes imported, 0 updated, 0 skipped\n$/);
  await run(['import-wards', wardsFile, '--db', db2]);
  const l = await run(['lookup', 'YO1 0DQ', '--json', '--db', db2]);
  const body = JSON.parse(l.stdout);
  // The shared York extract gives 53.960430, -1.092336 for these E/N.
  assert.ok(Math.abs(body.location.lat - 53.96043) < 0.00002, l.stdout);
  assert.ok(Math.abs(body.location.lon + 1.092336) < 0.00003, l.stdout);
  assert.equal(body.ward.name, 'Micklegate');
});

test('the API finds a postcode in any case and spacing', async () => {
  for (const q of ['yo17hh', '%20YO1%20%207HH', 'YO1+7HH']) {
    const res = await lookup('postcode=' + q);
    assert.equal(res.status, 200, q);
    const body = await res.json();
    assert.equal(body.postcode, 'YO1 7HH');
    assert.deepEqual(body.ward, { code: 'E05010318', name: 'Guildhall' });
    assert.deepEqual(body.directory_ward, { code: 'E05010318', name: 'Guildhall', agrees: true });
    assert.equal(body.ward_note, null);
    assert.ok(Math.abs(body.location.lat - 53.961555) < 1e-6);
  }
});

test('where the postcode file and the boundaries disagree on the ward, the answer says why', async () => {
  // YO24 4HN's centre point is a metre inside Westfield; the file lists Holgate.
  const body = await (await lookup('postcode=YO24+4HN')).json();
  assert.deepEqual(body.ward, { code: 'E05010330', name: 'Westfield' });
  assert.deepEqual(body.directory_ward, { code: 'E05010322', name: 'Holgate', agrees: false });
  assert.match(body.ward_note, /lists YO24 4HN in Holgate, but its centre point lies in Westfield, within [12] metres? of the boundary/);
  assert.match(body.ward_note, /follows the boundary/);
  const cli = await run(['lookup', 'YO24 4HN', '--db', db]);
  assert.match(cli.stdout, /^note: The postcode directory lists YO24 4HN in Holgate/m);
  // A point has no directory entry to disagree with.
  const point = await (await lookup(`lat=${body.location.lat}&lon=${body.location.lon}`)).json();
  assert.equal(point.directory_ward, null);
  assert.equal(point.ward_note, null);
});

test('the API finds a point, and says null outside every ward', async () => {
  const minster = await (await lookup('lat=53.9623&lon=-1.0819')).json();
  assert.equal(minster.ward.name, 'Guildhall');
  assert.equal(minster.postcode, null);
  const london = await (await lookup('lat=51.5&lon=-0.12')).json();
  assert.equal(london.ward, null);
});

test('bad lookups get a clear error, naming each field at fault', async () => {
  const cases = [
    // The route declares a postcode and coordinates: what cannot be one is
    // refused before the handler, as invalid input (422) naming the field.
    ['postcode=', 422, 'invalid', ['postcode']],
    ['postcode=' + 'A'.repeat(200), 422, 'invalid', ['postcode']],
    ['postcode=%C3%A9%C3%A9%C3%A9', 422, 'invalid', ['postcode']],
    ["postcode=YO1'%20OR%201%3D1--", 422, 'invalid', ['postcode']],
    ['postcode=%3Cscript%3Ealert(1)%3C%2Fscript%3E', 422, 'invalid', ['postcode']],
    ['postcode=ZZ9%209ZZ', 404, 'postcode_not_found'],
    ['lat=91&lon=0', 422, 'invalid', ['lat']],
    ['lat=abc&lon=1', 422, 'invalid', ['lat']],
    ['lat=1e999&lon=1', 422, 'invalid', ['lat']],
    ['lat=53&lon=', 422, 'invalid', ['lon']],
    ['lat=53', 422, 'invalid', ['lon']],
    ['lat=north&lon=west', 422, 'invalid', ['lat', 'lon']],
    ['', 422, 'invalid', ['postcode']],
  ];
  for (const [q, status, code, fields] of cases) {
    const res = await lookup(q);
    assert.equal(res.status, status, q);
    const { error } = await res.json();
    assert.equal(error.code, code, q);
    if (fields) assert.deepEqual(error.fields.map((f) => f.field), fields, q);
  }
  const empty = (await (await lookup('postcode=')).json()).error;
  assert.match(empty.message, /Enter a postcode/);
  assert.match((await (await lookup('postcode=nope')).json()).error.message, /Enter a UK postcode/);
});

test('the CLI looks up by postcode or point, with exit codes for bad input', async () => {
  const text = await run(['lookup', 'yo17hh', '--db', db]);
  assert.equal(text.code, 0);
  assert.equal(text.stdout, 'YO1 7HH\nlocation 53.961555, -1.081902\nward E05010318 Guildhall\n' +
    'not covered; no area is covered yet\n');
  const point = await run(['lookup', '53.9623,-1.0819', '--json', '--db', db]);
  assert.equal(JSON.parse(point.stdout).ward.code, 'E05010318');
  assert.equal((await run(['lookup', 'not a postcode', '--db', db])).code, 2);
  assert.equal((await run(['lookup', '91,0', '--db', db])).code, 2);
  const missing = await run(['lookup', 'ZZ9 9ZZ', '--db', db]);
  assert.equal(missing.code, 1);
  assert.equal(missing.stderr, 'alongside lookup: postcode not found\n');
});

const square = (x, y) => [[[x, y], [x + 0.01, y], [x + 0.01, y + 0.01], [x, y + 0.01], [x, y]]];
const feature = (code, name, coordinates) => ({
  type: 'Feature', properties: { WD24CD: code, WD24NM: name }, geometry: { type: 'Polygon', coordinates } });

test('broken ward files are refused, naming the problem, and change nothing', async () => {
  const bowtie = [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]];
  const cases = [
    [file('not.json', '{"type": "FeatureCollection", "features": ['), /not JSON/],
    [file('empty.geojson', '{"type":"FeatureCollection","features":[]}'), /0 features/],
    [file('list.geojson', '[1,2,3]'), /not a GeoJSON FeatureCollection/],
    [file('bowtie.geojson', JSON.stringify({ type: 'FeatureCollection', features: [
      feature('E05010318', 'Guildhall renamed', square(-1.08, 53.96)),
      feature('E05000002', 'Bow tie', bowtie)] })), /feature 2 \(E05000002 Bow tie\): invalid geometry: Self-intersection/],
    [file('nocode.geojson', JSON.stringify({ type: 'FeatureCollection', features: [
      { type: 'Feature', properties: { name: 'x' }, geometry: { type: 'Polygon', coordinates: square(0, 0) } }] })), /feature 1: no ward code/],
    [file('point.geojson', JSON.stringify({ type: 'FeatureCollection', features: [
      { type: 'Feature', properties: { WD24CD: 'E05000001', WD24NM: 'x' }, geometry: { type: 'Point', coordinates: [0, 0] } }] })), /Polygon or MultiPolygon/],
    [file('missing.geojson', 'x'), /not JSON/],
  ];
  for (const [path, message] of cases) {
    const r = await run(['import-wards', path, '--db', db]);
    assert.equal(r.code, 1, path);
    assert.match(r.stderr, message, path);
  }
  const nofile = await run(['import-wards', join(dir, 'absent.geojson'), '--db', db]);
  assert.equal(nofile.code, 1);
  // Nothing changed: Guildhall keeps its name and shape.
  const body = await (await lookup('postcode=YO1+7HH')).json();
  assert.equal(body.ward.name, 'Guildhall');
  const again = await run(['import-wards', wardsFile, '--db', db]);
  assert.equal(again.stdout, '0 wards imported, 21 updated\n');
});

test('broken postcode files are refused with a line number and change nothing', async () => {
  const header = 'postcode,latitude,longitude,admin_ward_code\n';
  const cases = [
    [file('nocols.csv', 'code,lat\nYO1 7HH,53.9\n'), /line 1: expected a header naming postcode/],
    [file('short.csv', header + 'ZZ1 1AA,53.9,-1.0,E05010318\nZZ1 1AB,53.9,-1.0'), /line 3: 3 columns where the file has 4 \(the last line is cut short\)/],
    [file('wide.csv', header + 'ZZ1 1AA,53.9,-1.0,E05010318,extra\n'), /line 2: 5 columns/],
    [file('quote.csv', header + 'ZZ1 1AA,53.9,-1.0,"E05010318\n'), /line 2: a quoted field is not closed/],
    [file('empty.csv', ''), /the file is empty/],
  ];
  for (const [path, message] of cases) {
    const r = await run(['import-postcodes', path, '--db', db]);
    assert.equal(r.code, 1, path);
    assert.match(r.stderr, message, path);
  }
  // ZZ1 1AA came before the broken line, and is not stored either.
  const stored = await run(['lookup', 'ZZ1 1AA', '--db', db]);
  assert.equal(stored.code, 1);
  assert.match(stored.stderr, /postcode not found/);
});

test('rows without a location or with a malformed postcode are skipped and counted', async () => {
  const r = await run(['import-postcodes', file('mixed.csv',
    'pcd,lat,long\nZZ2 2AA,53.95,-1.05\nnot-a-postcode,53.95,-1.05\nZZ2 2AB,0,0\nZZ2 2AC,,\nZZ2 2AD,95,1\n'), '--db', db]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '5 rows: 1 postcodes imported, 0 updated, 4 skipped\n' +
    '  skipped line 3: malformed postcode\n  skipped line 4: no location\n' +
    '  skipped line 5: no location\n  skipped line 6: latitude or longitude out of range\n');
  // The running server holds the postcodes it started with; the database
  // (read by the command line) has the new one.
  const stored = await run(['lookup', 'ZZ22AA', '--db', db]);
  assert.equal(stored.code, 0, stored.stderr);
  assert.equal((await lookup('postcode=ZZ22AA')).status, 404);
});
