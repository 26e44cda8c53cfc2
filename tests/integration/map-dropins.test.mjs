// The map's data: every area in use with its drop-ins still going on,
// each placed at the centre of the postcode its address ends with, a
// cancelled next date said; ended drop-ins and retired areas left out.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { run, startServer, yorkDatabase, backend } from '../lib/alongside.mjs';

let db, server, retiredId;

// Today in Europe/London, and the next Tuesday on or after it, as
// YYYY-MM-DD.
function londonToday() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
}
function nextTuesday(from) {
  const d = new Date(from + 'T12:00:00Z');
  d.setUTCDate(d.getUTCDate() + ((2 - d.getUTCDay() + 7) % 7));
  return d.toISOString().slice(0, 10);
}
function weekAfter(date) {
  const d = new Date(date + 'T12:00:00Z');
  d.setUTCDate(d.getUTCDate() + 7);
  return d.toISOString().slice(0, 10);
}

async function cli(args) {
  const r = await run([...args, '--db', db]);
  assert.equal(r.code, 0, args.join(' ') + '\n' + r.stderr);
  return r.stdout.trim();
}

const tuesday = nextTuesday(londonToday());

before(async () => {
  db = await yorkDatabase({ caseload: false });
  const heworth = ['area', 'add-drop-in', 'Heworth', '--weekday', 'Tuesday', '--starts', '14:00',
    '--ends', '15:00', '--frequency', 'weekly', '--first_date', '2026-01-06'];
  await cli([...heworth, '--venue', 'No postcode hall', '--address', 'Somewhere on Stockton Lane']);
  const ended = await cli([...heworth, '--venue', 'Closed chapel', '--address', 'Chapel Row, York YO31 0PR']);
  await cli(['area', 'drop-in-end', ended, '--last_date', '2026-01-13']);
  // The demo's Living Word Church meets every Tuesday: its next date off.
  const listed = await cli(['area', 'drop-ins', 'Heworth']);
  const living = /^(\S+).*Living Word Church/m.exec(listed)[1];
  await cli(['area', 'drop-in-cancel', living, '--on_date', tuesday, '--reason', 'the hall is closed']);
  retiredId = (await cli(['area', 'list'])).split('\n')
    .find((l) => l.includes('Hull Road and Fishergate')).split(/\s+/)[0];
  await cli(['area', 'retire', 'Hull Road and Fishergate']);
  server = await startServer({ db, migrate: false });
});
after(async () => { assert.equal(await server.stop(), 0); });

async function json(path) {
  const res = await fetch(server.url + path);
  assert.equal(res.status, 200, path);
  return res.json();
}

test(`the areas map's data carries each area's drop-ins, placed at their postcode (${backend})`, async () => {
  const { features } = await json('/api/v1/areas');
  const names = features.map((f) => f.properties.name);
  assert.ok(!names.includes('Hull Road and Fishergate'), 'a retired area and its drop-in are left out');
  const all = features.flatMap((f) => f.properties.drop_ins.map((d) => ({ area: f.properties.name, ...d })));
  const venues = all.map((d) => d.venue);
  assert.ok(!venues.includes('Closed chapel'), 'an ended drop-in is left out');
  assert.ok(!venues.includes('St Lawrence Parish Church Hall'), "the retired area's drop-in is left out");
  // The seven demo drop-ins of areas in use, and the one with no postcode.
  assert.equal(all.length, 8, venues.join(', '));

  for (const d of all.filter((x) => x.location)) {
    assert.ok(d.address.endsWith(d.location.postcode), `${d.venue}: ${d.address}`);
    assert.equal(d.location.precision, 'postcode_centre');
    // The same point a lookup of that postcode gives.
    const found = await json('/api/v1/lookup?postcode=' + encodeURIComponent(d.location.postcode));
    assert.equal(d.location.lat, found.location.lat, d.venue);
    assert.equal(d.location.lon, found.location.lon, d.venue);
  }
  const nowhere = all.find((d) => d.venue === 'No postcode hall');
  assert.equal(nowhere.location, null, 'an address ending without a postcode is not placed');

  const living = all.find((d) => d.venue === 'Living Word Church');
  assert.equal(living.area, 'Heworth');
  assert.equal(living.when, 'every Tuesday, 10:00 to 12:00');
  assert.deepEqual(living.next_dates[0], { date: tuesday, cancelled: true, reason: 'the hall is closed' });
  assert.equal(living.next, weekAfter(tuesday));
  assert.deepEqual(living.location.postcode, 'YO31 9BP');
});

test(`an area's own record carries the same drop-ins, and a retired area's none (${backend})`, async () => {
  const { features } = await json('/api/v1/areas');
  const heworth = features.find((f) => f.properties.name === 'Heworth');
  const one = await json('/api/v1/areas/' + heworth.id);
  assert.deepEqual(one.properties.drop_ins, heworth.properties.drop_ins);
  assert.equal((await fetch(server.url + '/api/v1/areas/' + retiredId)).status, 404);
});
