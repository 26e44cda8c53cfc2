// `alongside directory warm-spaces`: the real York warm spaces, loaded by
// load-demo (yorkDatabase), merged into 54 venues; a 2023-only venue needs
// review; odd hours keep their text; a second run changes nothing; and no
// contact detail from the files is stored anywhere a public view could
// read it (none is stored at all).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, yorkDatabase, shared } from '../lib/alongside.mjs';

const data = join(shared, 'york-warm-spaces-open-innovations');
const file2026 = join(data, 'york_warm_spaces_2026-08-17.geojson');
const file2023 = join(data, 'york_warm_spaces_2023-04-30.geojson');
const SOURCE = 'York warm spaces (Open Innovations)';

let db;
before(async () => { db = await yorkDatabase({ caseload: false }); });

const sql = (d, query) => (d.startsWith('sqlite:')
  ? execFileSync('sqlite3', [d.slice('sqlite:'.length), query])
  : execFileSync('psql', [d, '-qAtc', query])).toString().trim();
const fromSource = `FROM community_services s JOIN community_sources src ON src.id = s.source_id
  WHERE src.name = '${SOURCE}'`;

test('the venues are merged, 2026 current and the 2023-only ones last checked in 2023', () => {
  // 61 features: 15 in 2026 (one twice), 46 in 2023 (five also in 2026,
  // and "HT Hub" with "HT Hub - Holy Trinity, Heworth").
  assert.equal(sql(db, `SELECT count(*) ${fromSource}`), '54');
  assert.equal(sql(db, `SELECT count(*) ${fromSource} AND s.checked_on = '2026-08-17'`), '14');
  assert.equal(sql(db, `SELECT count(*) ${fromSource} AND s.checked_on = '2023-04-30'`), '40');
  assert.equal(sql(db, `SELECT count(*) ${fromSource} AND s.name LIKE 'Haxby Memorial Hall - Meet%'`), '1');
  assert.equal(sql(db, `SELECT count(*) ${fromSource} AND s.name LIKE 'The Atrium%'`), '1');
  assert.equal(sql(db, `SELECT count(*) ${fromSource} AND s.name LIKE 'St Sampson%'`), '1');
  // Only in 2023: older than the review months, so it comes up for review.
  assert.equal(sql(db, `SELECT s.checked_on ${fromSource} AND s.name = 'York Theatre Royal'`),
    '2023-04-30');
  assert.equal(sql(db, `SELECT licence || '|' || contacts_public FROM community_sources WHERE name = '${SOURCE}'`),
    'CC BY 4.0|0');
  // Every one is a warm space, in a ward.
  assert.equal(sql(db, `SELECT count(*) ${fromSource} AND EXISTS (SELECT 1 FROM community_attributes a
    WHERE a.service_id = s.id AND a.taxonomy_term_id = '618c84fa-5e07-4816-9be3-4010df1aa906')`), '54');
});

test('odd hours are not guessed: a review reason, and the text kept', () => {
  const reason = sql(db, `SELECT s.review_reason ${fromSource}
    AND s.name = 'Warm Place and Puzzles for Wellbeing at St Nicks'`);
  assert.match(reason, /Th 12:30-04:00/);
  assert.equal(sql(db, `SELECT sc.original_text || '|' || COALESCE(sc.freq, '-') FROM community_schedules sc
    JOIN community_services s ON s.id = sc.service_id
    WHERE s.name = 'Warm Place and Puzzles for Wellbeing at St Nicks'`), 'Th 12:30-04:00|-');
  // The readable part of a partly odd text is read; the rest is the reason.
  assert.match(sql(db, `SELECT s.review_reason ${fromSource} AND s.name = 'St Denys Church Hall Family'`),
    /Th 02:00-06:00/);
  assert.equal(sql(db, `SELECT sc.byday || ' ' || sc.opens_at FROM community_schedules sc
    JOIN community_services s ON s.id = sc.service_id WHERE s.name = 'St Denys Church Hall Family'`),
    'WE 11:30');
});

test('addresses are split: the street part, the town, and the postcode once', () => {
  const placed = `FROM community_locations l JOIN community_service_at_locations sl ON sl.location_id = l.id
    JOIN community_services s ON s.id = sl.service_id`;
  const place = (name) => sql(db, `SELECT l.address_1 || '|' || l.city || '|' || l.postal_code
    ${placed} WHERE s.name = '${name}'`);
  assert.equal(place('York Travellers Trust - Clifton'), '20 Falsgrave Crescent|Clifton|YO30 7AZ');
  assert.equal(place('York Theatre Royal'), "York Theatre Royal, St. Leonard's Place|York|YO1 7HD");
  // No postcode is left in the street part, and every one has a town.
  assert.equal(sql(db, `SELECT count(*) ${placed}
    JOIN community_sources src ON src.id = s.source_id WHERE src.name = '${SOURCE}'
    AND (l.city IS NULL OR l.city = '' OR upper(replace(l.address_1, ' ', ''))
      LIKE '%' || replace(l.postal_code, ' ', '') || '%')`), '0');
});

test('ids are version 4 UUIDs, as every other listing\'s', () => {
  const ids = sql(db, `SELECT s.id || ' ' || s.organization_id ${fromSource}
    UNION ALL SELECT sc.id FROM community_schedules sc JOIN community_services s ON s.id = sc.service_id
      JOIN community_sources src ON src.id = s.source_id WHERE src.name = '${SOURCE}'
    UNION ALL SELECT id FROM community_sources WHERE name = '${SOURCE}'`).split(/\s+/);
  assert.ok(ids.length > 100);
  for (const id of ids) assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
});

test('running it again changes nothing', async () => {
  const snapshot = () => sql(db, `SELECT s.id || s.version || s.last_modified ${fromSource} ORDER BY s.id`);
  const before = snapshot();
  const r = await run(['directory', 'warm-spaces', file2026, '--earlier', file2023, '--db', db]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /54 venues .* 0 added, 0 updated, 54 unchanged/);
  assert.equal(snapshot(), before);
});

test('no contact detail from the files is stored', () => {
  const files = [file2026, file2023].map((f) => readFileSync(f, 'utf8')).join('\n');
  const emails = [...new Set(files.match(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g))];
  const phones = [...new Set(files.match(/0\d{3,4} ?\d{3} ?\d{3,4}/g))];
  assert.ok(emails.length > 10 && phones.length > 10);
  assert.equal(sql(db, `SELECT count(*) FROM community_contacts c JOIN community_services s
    ON s.id = c.service_id JOIN community_sources src ON src.id = s.source_id
    WHERE src.name = '${SOURCE}'`), '0');
  // Every text held for these listings, and every version kept of them.
  const held = sql(db, `SELECT s.name || ' ' || COALESCE(s.description, '') || ' ' || COALESCE(s.url, '')
      || ' ' || COALESCE(s.email, '') || ' ' || o.name || ' ' || o.description || ' '
      || COALESCE(o.email, '') || ' ' || COALESCE(o.website, '') || ' ' || v.document
    FROM community_services s JOIN community_sources src ON src.id = s.source_id
    JOIN community_organizations o ON o.id = s.organization_id
    JOIN community_service_versions v ON v.service_id = s.id
    WHERE src.name = '${SOURCE}'`);
  assert.ok(held.length > 10000);
  for (const detail of [...emails, ...phones])
    assert.ok(!held.includes(detail), `${detail} is stored`);
  assert.match(held, /\(contact details removed\)/);
});

test('a file that is not GeoJSON is refused and nothing changes', async () => {
  const before = sql(db, `SELECT count(*) ${fromSource}`);
  const r = await run(['directory', 'warm-spaces', join(shared, '..', 'notes-missing.json'),
    '--earlier', file2023, '--db', db]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /not JSON/);
  const r2 = await run(['directory', 'warm-spaces', file2026, '--db', db]);
  assert.equal(r2.code, 2);
  assert.match(r2.stderr, /--earlier/);
  assert.equal(sql(db, `SELECT count(*) ${fromSource}`), before);
});
