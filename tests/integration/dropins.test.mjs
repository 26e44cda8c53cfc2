// Drop-ins: adding them from the command line (and refusing bad ones),
// showing them with their next dates, and the iCalendar feed, checked with
// a standard parser (ical.js) and expanded by its own recurrence engine.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { run, startServer, yorkDatabase, backend } from '../lib/alongside.mjs';

const require = createRequire(new URL('../../web/package.json', import.meta.url));
const { default: ICAL } = await import(require.resolve('ical.js'));

let db, server, areas;
before(async () => {
  db = await yorkDatabase();
  const tricky = await run(['area', 'add-drop-in', 'Heworth', '--venue', 'Café <Ünïcode>, "quoted"; hall',
    '--address', 'A very long address line that goes on and on, past seventy-five octets, with ✓ ticks ✓ ✓',
    '--weekday', 'Saturday', '--start', '14:00', '--end', '15:30', '--frequency', 'monthly', '--week', '2',
    '--from', '2026-01-01', '--notes', 'Line one\nLine two; with, punctuation\\', '--db', db]);
  assert.equal(tricky.code, 0, tricky.stderr);
  server = await startServer({ db, migrate: false });
  areas = (await (await fetch(server.url + '/api/v1/areas')).json()).features;
});
after(async () => { await server.stop(); });

const areaId = (name) => areas.find((f) => f.properties.name === name).id;

test(`bad drop-ins are refused and nothing is written (${backend})`, async () => {
  const base = ['area', 'add-drop-in', 'Heworth', '--venue', 'V', '--address', 'A', '--weekday', 'Tuesday',
    '--start', '10:00', '--end', '12:00', '--frequency', 'weekly', '--from', '2026-01-06', '--db', db];
  const withArg = (name, value) => {
    const args = [...base];
    const i = args.indexOf('--' + name);
    if (value === undefined) args.splice(i, 2); else args[i + 1] = value;
    return args;
  };
  const cases = [
    [withArg('weekday', 'Funday'), /weekday/],
    [withArg('start', '25:00'), /the start is a time such as 10:00/],
    [withArg('end', 'noon'), /the end is a time such as 12:00/],
    [withArg('end', '09:00'), /end after the start/],
    [withArg('frequency', 'daily'), /weekly, fortnightly or monthly/],
    [withArg('from', '2026-01-07'), /fall on the drop-in's weekday/],
    [withArg('from', '2026-02-30'), /the first date, a real date/],
    [withArg('venue', ''), /venue/],
    [withArg('address', undefined), /address/],
    [[...withArg('frequency', 'monthly')], /needs the week/],
    [[...base, '--week', '2'], /only a monthly drop-in/],
    [['area', 'add-drop-in', 'Nowhere', ...base.slice(3)], /no area called "Nowhere"/],
    // Every problem at once, a line each.
    [[...withArg('weekday', 'Funday').filter((a) => a !== '--venue' && a !== 'V'), '--week', '2'],
      /: a drop-in needs a venue.*\n.*: the weekday is.*\n.*: only a monthly drop-in.*\n$/],
  ];
  for (const [args, message] of cases) {
    const r = await run(args);
    assert.equal(r.code, 2, args.join(' ') + '\n' + r.stderr);
    assert.match(r.stderr, message, args.join(' '));
  }
  const cal = await (await fetch(`${server.url}/areas/${areaId('Heworth')}/drop-ins.ics`)).text();
  assert.equal(cal.match(/BEGIN:VEVENT/g).length, 2, 'only the demo drop-in and the tricky one');
});

test('the calendar is valid iCalendar that a standard parser expands', async () => {
  const res = await fetch(`${server.url}/areas/${areaId('Holgate and Micklegate')}/drop-ins.ics`);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'text/calendar; charset=utf-8');
  const text = await res.text();
  for (const line of text.split('\r\n').slice(0, -1)) {
    assert.ok(Buffer.byteLength(line) <= 75, `line over 75 octets: ${line}`);
  }
  assert.ok(text.endsWith('END:VCALENDAR\r\n'));
  assert.doesNotMatch(text.replace(/\r\n/g, ''), /\n/, 'bare LF');
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
  assert.equal(events.length, 2);
  const planet = events.find((e) => e.location.startsWith('Planet Food'));
  assert.equal(planet.location, 'Planet Food, Southlands Methodist Church, York YO23 1NX');
  assert.equal(planet.description, 'On the first Thursday, during the community lunch.');
  assert.match(planet.uid, /^[0-9a-f]{32}@[0-9a-f]{32}$/);
  // The first Thursday of each month, 10:00 UK time: GMT in winter, BST in summer.
  const it = planet.iterator();
  const dates = [];
  for (let next = it.next(); next && dates.length < 8; next = it.next()) dates.push(next.toString());
  assert.deepEqual(dates.slice(0, 3), ['2026-01-01T10:00:00', '2026-02-05T10:00:00', '2026-03-05T10:00:00']);
  assert.equal(dates[6], '2026-07-02T10:00:00');
  const july = planet.startDate.clone();
  july.year = 2026; july.month = 7; july.day = 2;
  assert.equal(july.utcOffset(), 3600, 'BST in July');
  const january = planet.startDate.clone();
  assert.equal(january.utcOffset(), 0, 'GMT in January');
});

test('escaping and folding survive a round trip', async () => {
  const text = await (await fetch(`${server.url}/areas/${areaId('Heworth')}/drop-ins.ics`)).text();
  const events = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
  const tricky = events.find((e) => e.location.startsWith('Café'));
  assert.equal(tricky.location, 'Café <Ünïcode>, "quoted"; hall, A very long address line that goes on and on, past seventy-five octets, with ✓ ticks ✓ ✓');
  assert.equal(tricky.description, 'Line one\nLine two; with, punctuation\\');
  const rule = tricky.component.getFirstPropertyValue('rrule');
  assert.equal(rule.toString(), 'FREQ=MONTHLY;BYDAY=2SA');
});

test('area pages list drop-ins with their next date and link the calendar', async () => {
  const html = await (await fetch(`${server.url}/areas/${areaId('Hull Road and Fishergate')}`)).text();
  assert.match(html, /St Lawrence Parish Church Hall/);
  assert.match(html, /on the last Tuesday of the month, 12:00 to 14:00/);
  assert.match(html, /<dt class="govuk-summary-list__key">Next<\/dt><dd class="govuk-summary-list__value">Tuesday \d+ [A-Z][a-z]+ 20\d\d<\/dd>/);
  assert.match(html, /href="\/areas\/[0-9a-f]{32}\/drop-ins\.ics"/);
  const heworth = await (await fetch(`${server.url}/areas/${areaId('Heworth')}`)).text();
  assert.match(heworth, /Café &lt;Ünïcode&gt;, &quot;quoted&quot;; hall/);
  const missing = await fetch(`${server.url}/areas/${'0'.repeat(32)}/drop-ins.ics`);
  assert.equal(missing.status, 404);
});

test('a location of any length comes out whole, folded into lines of at most 75 octets', async () => {
  // As long as the rules allow (200 characters of venue, 300 of address),
  // four octets each but for a few to escape: about 2,000 octets of LOCATION.
  const venue = '🏠'.repeat(199) + ';';
  const address = '𝄞'.repeat(297) + ',\\;';
  const added = await run(['area', 'add-drop-in', 'Acomb and Westfield', '--venue', venue, '--address', address,
    '--weekday', 'Monday', '--start', '09:00', '--end', '10:00', '--frequency', 'weekly',
    '--from', '2026-01-05', '--db', db]);
  assert.equal(added.code, 0, added.stderr);
  const bytes = Buffer.from(await (await fetch(`${server.url}/areas/${areaId('Acomb and Westfield')}/drop-ins.ics`)).arrayBuffer());
  const text = bytes.toString('utf8');
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const lines = [];
  for (let start = 0, end; (end = bytes.indexOf('\r\n', start)) >= 0; start = end + 2) lines.push(bytes.subarray(start, end));
  for (const line of lines) {
    assert.ok(line.length <= 75, `line of ${line.length} octets`);
    decoder.decode(line); // throws on a character split across lines
  }
  const unfolded = text.replace(/\r\n /g, '');
  const escaped = `${venue}, ${address}`.replace(/[\\;,]/g, (c) => '\\' + c);
  assert.ok(Buffer.byteLength(escaped) > 1990);
  assert.ok(unfolded.includes(`\r\nLOCATION:${escaped}\r\n`), 'the escaped location, whole');
  const events = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
  assert.ok(events.some((e) => e.location === `${venue}, ${address}`), 'a parser reads it back whole');
});
