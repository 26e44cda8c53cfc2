// Drop-ins kept right after they are added: changed, ended from a date,
// one date cancelled with a reason (and the cancellation withdrawn), from
// the command line, the API and the administrators' pages, with one set of
// field names.  Bad input is refused at its field and changes nothing; the
// public pages, the API and the iCalendar feed show each change at once,
// the feed checked with a standard parser (ical.js) and its own
// recurrence engine.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { run, startServer, yorkDatabase, backend } from '../lib/alongside.mjs';
import { Browser } from '../lib/staff.mjs';
import { dateFields } from '../lib/dates.mjs';

const require = createRequire(new URL('../../web/package.json', import.meta.url));
const { default: ICAL } = await import(require.resolve('ical.js'));

let db, server, admin, token, heworth, fridays;
// Its next Fridays (today, if it is one), from the drop-in's own dates.
let nextFridays = [];
const firstFriday = () => nextFridays[0];
const cli = (...args) => run([...args, '--db', db]);

before(async () => {
  db = await yorkDatabase({ caseload: false });
  const t = await cli('token', 'add', '--name', 'calendar sync', '--scope', 'areas.write');
  assert.equal(t.code, 0, t.stderr);
  token = t.stdout.trim();
  // The API's names on the command line.
  const added = await cli('area', 'add-drop-in', 'Heworth', '--venue', 'Tang Hall Library',
    '--address', '76 Fifth Avenue, York YO31 0PR', '--weekday', 'Friday', '--starts', '10:00',
    '--ends', '12:00', '--frequency', 'weekly', '--first_date', '2026-01-02');
  assert.equal(added.code, 0, added.stderr);
  fridays = added.stdout.trim();
  server = await startServer({ db, migrate: false });
  admin = await new Browser(server.url).signedIn('admin');
  admin.csrfToken = await admin.csrf('/staff');
  const areas = (await (await fetch(server.url + '/api/v1/areas')).json()).features;
  heworth = areas.find((f) => f.properties.name === 'Heworth').id;
  nextFridays = (await publicDropIn(fridays)).next_dates.map((d) => d.date);
});
after(async () => { await server.stop(); });

const adminApi = (method, path, json) =>
  admin.request(method, path, { json, headers: { 'X-CSRF-Token': admin.csrfToken } });
const tokenApi = async (method, path, json) => {
  const res = await fetch(server.url + path, {
    method, body: json === undefined ? undefined : JSON.stringify(json),
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null, text };
};
const trail = async (action) => {
  const r = await adminApi('GET', `/api/v1/admin/audit?action=${action}&limit=500`);
  assert.equal(r.status, 200, r.text);
  return r.json().entries;
};
// The before and after the audit log holds for the latest entry of action.
const changesOf = (action) => {
  const statement = `SELECT changes FROM audit_log WHERE action = '${action}' AND changes IS NOT NULL ORDER BY at DESC, id DESC LIMIT 1`;
  const out = backend === 'postgresql'
    ? execFileSync('psql', [db, '-qAtc', statement], { encoding: 'utf8' })
    : execFileSync('sqlite3', [db.replace(/^sqlite:/, ''), statement], { encoding: 'utf8' });
  return JSON.parse(out);
};
// Changes made (refused attempts are recorded too, as "refused").
const done = async (action) => (await trail(action)).filter((e) => e.outcome !== 'refused').length;
// The drop-in as the public API has it now (undefined once it has ended).
const publicDropIn = async (id) => {
  const area = await (await fetch(`${server.url}/api/v1/areas/${heworth}`)).json();
  return area.properties.drop_ins.find((d) => d.id === id);
};
const feed = async () => {
  const res = await fetch(`${server.url}/areas/${heworth}/drop-ins.ics`);
  assert.equal(res.status, 200);
  return res.text();
};
// Every audit count and the drop-in itself, to show nothing changed.
const state = async (id) => ({
  dropIn: JSON.stringify(await publicDropIn(id)),
  audit: (await done('drop_in_update')) + (await done('drop_in_end')) +
    (await done('drop_in_cancel')) + (await done('drop_in_cancel_withdraw')),
  feed: (await feed()).replace(/DTSTAMP:.*\r\n/g, ''),
});
// "Friday 11 December 2026", as the pages write a date.
const long = (iso) => new Date(iso + 'T12:00:00Z').toLocaleDateString('en-GB',
  { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).replace(',', '');
// A summary list's row, as the public pages write it.
const row = (key, value) => new RegExp(`<dt class="govuk-summary-list__key">${key}</dt>` +
  `<dd class="govuk-summary-list__value">${value}</dd>`);
const addDays = (date, n) => {
  const d = new Date(date + 'T12:00:00Z');
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

test(`the command line: new names, old aliases, and every drop-in command (${backend})`, async () => {
  const base = ['area', 'add-drop-in', 'Heworth', '--venue', 'V', '--address', 'A, York',
    '--weekday', 'Monday', '--frequency', 'weekly', '--ends', '11:00', '--first_date', '2026-01-05'];
  const old = await cli(...base.slice(0, -4), '--start', '10:00', '--end', '11:00', '--from', '2026-01-05');
  assert.equal(old.code, 0, old.stderr);
  const both = await cli(...base, '--starts', '10:00', '--start', '10:00');
  assert.equal(both.code, 2);
  assert.match(both.stderr, /--starts or --start, not both/);
  const help = await run(['area', 'add-drop-in', '--help']);
  assert.match(help.stdout, /--starts, --ends .*aliases --start, --end/);
  assert.match(help.stdout, /alias --from/);

  const list = await cli('area', 'drop-ins', 'Heworth');
  assert.equal(list.code, 0, list.stderr);
  assert.match(list.stdout, new RegExp(`${fridays}  Tang Hall Library, every Friday, 10:00 to 12:00`));

  const before = await state(fridays);
  const refused = [
    [['area', 'drop-in-edit', fridays, '--ends', '09:00'], /end after the start/],
    [['area', 'drop-in-edit', '0'.repeat(32), '--venue', 'X'], /no drop-in with that id/],
    [['area', 'drop-in-end', fridays, '--last_date', '2025-12-31'], /cannot end before it starts/],
    [['area', 'drop-in-cancel', fridays, '--on_date', addDays(firstFriday(), 1), '--reason', 'x'],
      /does not happen that day/],
    [['area', 'drop-in-cancel', fridays, '--on_date', '2026-01-02', '--reason', 'x'], /has passed/],
    [['area', 'drop-in-cancel', fridays, '--on_date', firstFriday(), '--reason', ''], /say why/],
    [['area', 'drop-in-uncancel', fridays, '--on_date', firstFriday()], /is not cancelled/],
  ];
  for (const [args, message] of refused) {
    const r = await cli(...args);
    assert.equal(r.code, 2, args.join(' ') + '\n' + r.stderr);
    assert.match(r.stderr, message, args.join(' '));
  }
  assert.deepEqual(await state(fridays), before, 'nothing changed');

  const cancelled = await cli('area', 'drop-in-cancel', fridays, '--on_date', firstFriday(),
    '--reason', 'the hall is closed');
  assert.equal(cancelled.code, 0, cancelled.stderr);
  assert.match(cancelled.stdout, /^[0-9a-f]{32}\n$/);
  assert.match((await cli('area', 'drop-ins', 'Heworth')).stdout,
    new RegExp(`${firstFriday()}  cancelled: the hall is closed`));
  assert.equal((await cli('area', 'drop-in-uncancel', fridays, '--on_date', firstFriday())).code, 0);
  assert.equal((await publicDropIn(fridays)).cancellations.length, 0);
  const edited = await cli('area', 'drop-in-edit', fridays, '--venue', 'Tang Hall Community Library');
  assert.equal(edited.code, 0, edited.stderr);
  const now = await publicDropIn(fridays);
  assert.equal(now.venue, 'Tang Hall Community Library');
  assert.equal(now.starts, '10:00', 'what was not given stays');
  assert.equal(now.sequence, 3, 'raised by the cancel, the withdrawal and the edit');
});

test(`the API: change, end, cancel and withdraw, each refused at its field (${backend})`, async () => {
  const path = `/api/v1/admin/drop-ins/${fridays}`;
  const before = await state(fridays);
  const sequence = (await publicDropIn(fridays)).sequence;
  const all = { venue: 'Tang Hall Library', address: '76 Fifth Avenue, York YO31 0PR',
    weekday: 'Friday', starts: '10:00', ends: '12:00', frequency: 'weekly', first_date: '2026-01-02' };
  const cases = [
    ['PUT', path, { ...all, ends: '09:00' }, 422, 'ends'],
    ['PUT', path, { ...all, last_date: '2025-12-01' }, 422, 'last_date'],
    ['PUT', path, { ...all, colour: 'red' }, 422, 'colour'],
    ['PUT', `/api/v1/admin/drop-ins/${'0'.repeat(32)}`, all, 404, null],
    ['POST', `${path}/end`, { last_date: '2025-12-31' }, 422, 'last_date'],
    ['POST', `${path}/end`, {}, 422, 'last_date'],
    ['POST', `${path}/cancellations`, { on_date: addDays(nextFridays[0], 2), reason: 'closed' }, 422, 'on_date'],
    ['POST', `${path}/cancellations`, { on_date: '2026-01-09', reason: 'closed' }, 422, 'on_date'],
    ['POST', `${path}/cancellations`, { on_date: nextFridays[1] }, 422, 'reason'],
    ['POST', `/api/v1/admin/drop-ins/${'0'.repeat(32)}/cancellations`, { on_date: nextFridays[1], reason: 'x' }, 404, null],
    ['DELETE', `${path}/cancellations/${'0'.repeat(32)}`, undefined, 404, null],
  ];
  for (const [method, url, body, status, field] of cases) {
    const r = await tokenApi(method, url, body);
    assert.equal(r.status, status, `${method} ${url} ${JSON.stringify(body)}: ${r.text}`);
    if (field) assert.ok(r.json.error.fields.some((f) => f.field === field), r.text);
    else assert.match(r.json.error.code, /_not_found$/);
  }
  assert.deepEqual(await state(fridays), before, 'nothing changed');

  // Cancel the second Friday: the answer has it, with the id to withdraw it by.
  const cancel = await tokenApi('POST', `${path}/cancellations`, { on_date: nextFridays[1], reason: 'the hall is closed' });
  assert.equal(cancel.status, 201, cancel.text);
  const x = cancel.json.cancellations.find((c) => c.on_date === nextFridays[1]);
  assert.equal(x.reason, 'the hall is closed');
  assert.deepEqual(cancel.json.next_dates[1], { date: nextFridays[1], cancelled: true, reason: 'the hall is closed' });
  assert.equal(cancel.json.sequence, sequence + 1);
  const again = await tokenApi('POST', `${path}/cancellations`, { on_date: nextFridays[1], reason: 'twice' });
  assert.equal(again.status, 422);
  assert.match(again.json.error.fields[0].message, /cancelled already/);
  // The public record shows it.
  assert.equal((await publicDropIn(fridays)).cancellations[0].reason, 'the hall is closed');
  // Audited, with before and after.
  const [entry] = await trail('drop_in_cancel');
  assert.equal(entry.record_id, fridays);
  assert.equal(entry.area_id, heworth);
  const changes = changesOf('drop_in_cancel');
  assert.deepEqual(changes.before.cancellations, []);
  assert.deepEqual(changes.after.cancellations, [{ on_date: nextFridays[1], reason: 'the hall is closed' }]);

  // Withdrawn, and kept: a second withdrawal finds none in force.
  const withdrawn = await adminApi('DELETE', `${path}/cancellations/${x.id}`);
  assert.equal(withdrawn.status, 200, withdrawn.text);
  assert.equal(withdrawn.json().cancellations.length, 0);
  const twice = await adminApi('DELETE', `${path}/cancellations/${x.id}`);
  assert.equal(twice.status, 404);
  assert.equal(twice.json().error.code, 'cancellation_not_found');
  assert.equal((await trail('drop_in_cancel_withdraw'))[0].record_id, fridays);

  // A change of every field through PUT, then back.
  const put = await adminApi('PUT', path, { ...all, starts: '09:30', notes: 'Bring a friend' });
  assert.equal(put.status, 200, put.text);
  assert.equal(put.json().starts, '09:30');
  assert.equal(put.json().notes, 'Bring a friend');
  const update = changesOf('drop_in_update');
  assert.equal(update.before.starts, '10:00');
  assert.equal(update.after.starts, '09:30');
  assert.equal((await adminApi('PUT', path, all)).status, 200);
});

test(`the feed: a cancelled date is an override a standard parser finds cancelled, and the last date ends it (${backend})`, async () => {
  const path = `/api/v1/admin/drop-ins/${fridays}`;
  const [first, second, third, fourth] = nextFridays;
  assert.equal((await adminApi('POST', `${path}/cancellations`, { on_date: second, reason: 'the hall is closed' })).status, 201);
  const end = await adminApi('POST', `${path}/end`, { last_date: addDays(fourth, 3) });
  assert.equal(end.status, 200, end.text);
  assert.equal(end.json().last_date, addDays(fourth, 3));
  const sequence = (await publicDropIn(fridays)).sequence;

  const text = await feed();
  for (const line of text.split('\r\n').slice(0, -1)) assert.ok(Buffer.byteLength(line) <= 75, line);
  const calendar = new ICAL.Component(ICAL.parse(text));
  const vevents = calendar.getAllSubcomponents('vevent')
    .filter((v) => v.getFirstPropertyValue('uid').startsWith(fridays + '@'));
  assert.equal(vevents.length, 2, 'the recurring event and one override');
  const master = new ICAL.Event(vevents.find((v) => !v.hasProperty('recurrence-id')));
  const override = vevents.find((v) => v.hasProperty('recurrence-id'));
  master.relateException(override);
  assert.equal(master.component.getFirstPropertyValue('sequence'), sequence);
  assert.equal(override.getFirstPropertyValue('sequence'), sequence);
  assert.equal(override.getFirstPropertyValue('status'), 'CANCELLED');
  assert.equal(override.getFirstProperty('recurrence-id').getParameter('tzid'), 'Europe/London');
  assert.equal(override.getFirstPropertyValue('recurrence-id').toString(), `${second}T10:00:00`);

  // Expanded: every Friday from the first to the last date, no later; the
  // second cancelled, the others not.
  const it = master.iterator();
  const seen = [];
  for (let next = it.next(); next; next = it.next()) {
    const details = master.getOccurrenceDetails(next);
    const status = details.item.component.getFirstPropertyValue('status');
    seen.push([details.startDate.toString().slice(0, 10), status === 'CANCELLED']);
    assert.ok(seen.length < 200, 'the rule ends');
  }
  assert.deepEqual(seen.slice(0, 1), [['2026-01-02', false]]);
  assert.deepEqual(seen.slice(-4), [[first, false], [second, true], [third, false], [fourth, false]]);
  assert.equal(seen.filter(([, c]) => c).length, 1);

  // The public page says so, and when it next happens.
  const page = await (await fetch(`${server.url}/areas/${heworth}`)).text();
  assert.match(page, /Tang Hall Library/);
  assert.match(page, new RegExp(`Last date</dt><dd class="govuk-summary-list__value">${long(fourth)}`));
});

test(`ended: gone from the public pages and the public API after its last date (${backend})`, async () => {
  const path = `/api/v1/admin/drop-ins/${fridays}`;
  // A last date already past: on the first Friday of the year.
  const end = await adminApi('POST', `${path}/end`, { last_date: '2026-01-02' });
  assert.equal(end.status, 200, end.text);
  assert.equal(end.json().next, null);
  assert.equal(await publicDropIn(fridays), undefined);
  const page = await (await fetch(`${server.url}/areas/${heworth}`)).text();
  assert.doesNotMatch(page, /Tang Hall Library/);
  assert.match(page, /Living Word Church/);
  // Still in the feed, ending on that date.
  assert.match((await feed()).replace(/\r\n /g, ''), /RRULE:FREQ=WEEKLY;BYDAY=FR;UNTIL=20260102T235959Z/);
  // And on its administrators' page, to start again.
  const admin_page = await admin.get(`/admin/areas/${heworth}/drop-ins`);
  assert.equal(admin_page.status, 200);
  assert.match(admin_page.text, /Tang Hall Library/);
  assert.match(admin_page.text, /None: it has ended/);
  const resumed = await adminApi('PUT', path, { venue: 'Tang Hall Library', address: '76 Fifth Avenue, York YO31 0PR',
    weekday: 'Friday', starts: '10:00', ends: '12:00', frequency: 'weekly', first_date: '2026-01-02' });
  assert.equal(resumed.status, 200);
  assert.equal(resumed.json().last_date, null);
  assert.ok(await publicDropIn(fridays));
});

test(`the pages: add, change, end, cancel and withdraw, each refused at its field with nothing changed (${backend})`, async () => {
  const csrf_token = await admin.csrf(`/admin/areas/${heworth}/drop-ins`);
  const list = await admin.get(`/admin/areas/${heworth}/drop-ins`);
  assert.match(list.text, /<h1 class="govuk-heading-l">Drop-ins<\/h1>/);
  assert.match(list.text, new RegExp(`href="/admin/drop-ins/${fridays}"`));
  assert.equal((await admin.get(`/admin/areas/${'0'.repeat(32)}/drop-ins`)).status, 404);
  assert.equal((await admin.get(`/admin/drop-ins/${'0'.repeat(32)}`)).status, 404);

  // Adding: a bad one is the form again with its problems.
  const form = { csrf_token, venue: 'Hall', address: '1 Road, York', weekday: 'Friday', starts: '14:00',
    ends: '13:00', frequency: 'weekly', ...dateFields('first_date', '2026-01-02') };
  const bad = await admin.post(`/admin/areas/${heworth}/drop-ins`, form);
  assert.equal(bad.status, 422);
  assert.match(bad.text, /govuk-error-summary/);
  assert.match(bad.text, /<a href="#ends">start and end are times/);
  assert.match(bad.text, /value="Hall"/, 'what was typed is kept');
  const good = await admin.post(`/admin/areas/${heworth}/drop-ins`, { ...form, ends: '15:00' });
  assert.equal(good.status, 303, good.text);

  const page = `/admin/drop-ins/${fridays}`;
  const before = await state(fridays);
  const refused = [
    [page, { ...form, venue: '' }, /<a href="#venue">a drop-in needs a venue/],
    [`${page}/end`, { csrf_token, ...dateFields('end_last_date', '2025-12-31') }, /<a href="#end_last_date">a drop-in cannot end before it starts/],
    [`${page}/end`, { csrf_token, ...dateFields('end_last_date', '2026-02-31') }, /<a href="#end_last_date">Its last date must be a real date: check the day/],
    [`${page}/end`, { csrf_token }, /<a href="#end_last_date">Its last date: enter the day, month and year/],
    [page, { ...form, ends: '16:00', ...dateFields('first_date', '2026-02-31') }, /<a href="#first_date">First date must be a real date: check the day/],
    [page, { ...form, ends: '16:00', ...dateFields('last_date', '2027-02-31') }, /<a href="#last_date">Last date \(optional\) must be a real date/],
    [`${page}/cancellations`, { csrf_token, reason: 'closed' }, /<a href="#on_date">choose the date to cancel/],
    [`${page}/cancellations`, { csrf_token, on_date: addDays(nextFridays[0], 1), reason: 'closed' }, /does not happen that day/],
    [`${page}/cancellations`, { csrf_token, on_date: nextFridays[0], reason: '' }, /<a href="#reason">say why/],
  ];
  for (const [url, body, message] of refused) {
    const r = await admin.post(url, body);
    assert.equal(r.status, 422, url + ' ' + JSON.stringify(body));
    assert.match(r.text, message);
  }
  assert.equal((await admin.post(`${page}/cancellations/${'0'.repeat(32)}/withdraw`, { csrf_token })).status, 404);
  assert.deepEqual(await state(fridays), before, 'nothing changed');

  // Cancel the first Friday from the page; the public pages show it.
  const shown = await admin.get(page);
  assert.match(shown.text, new RegExp(`name="on_date" type="radio" value="${nextFridays[0]}"`));
  const done = await admin.post(`${page}/cancellations`, { csrf_token, on_date: nextFridays[0], reason: 'the hall is closed' });
  assert.equal(done.status, 303, done.text);
  const area = await (await fetch(`${server.url}/areas/${heworth}`)).text();
  assert.match(area, row('Cancelled', `${long(nextFridays[0])} — the hall is closed`));
  assert.match(area, /Next it happens<\/dt>/);
  const withdraw = (await admin.get(page)).text.match(/action="(\/admin\/drop-ins\/[0-9a-f]+\/cancellations\/[0-9a-f]+\/withdraw)"/);
  assert.ok(withdraw);
  assert.equal((await admin.post(withdraw[1], { csrf_token })).status, 303);
  assert.doesNotMatch(await (await fetch(`${server.url}/areas/${heworth}`)).text(), />Cancelled<\/dt>/);
  // Changing it from its page: the form carries its last date.
  const changed = await admin.post(page, { ...form, ends: '16:00', venue: 'Tang Hall Library' });
  assert.equal(changed.status, 303, changed.text);
  assert.equal((await publicDropIn(fridays)).ends, '16:00');
  // Ended from its page, it shows its last date in the change form, and
  // that form, the date cleared, sets it going on again.
  const last = nextFridays[2];
  assert.equal((await admin.post(`${page}/end`, { csrf_token, ...dateFields('end_last_date', last) })).status, 303);
  assert.equal((await publicDropIn(fridays)).last_date, last);
  const edit = (await admin.get(page)).text;
  const [year, month, day] = last.split('-').map(Number);
  assert.match(edit, new RegExp(`id="last_date" name="last_date-day" type="text"[^>]*value="${day}"`));
  assert.match(edit, new RegExp(`name="last_date-month" type="text"[^>]*value="${month}"`));
  assert.match(edit, new RegExp(`name="last_date-year" type="text"[^>]*value="${year}"`));
  assert.match(edit, new RegExp(`id="end_last_date" name="end_last_date-day" type="text"[^>]*value="${day}"`));
  assert.doesNotMatch(edit, /YYYY|\b20\d\d-\d\d-\d\d\b"?<\/(p|div|label)/, 'no ISO date asked for or shown');
  const kept = await admin.post(page, { ...form, ends: '16:00', venue: 'Tang Hall Library', ...dateFields('last_date', last) });
  assert.equal(kept.status, 303, kept.text);
  assert.equal((await publicDropIn(fridays)).last_date, last);
  const early = await admin.post(page, { ...form, ends: '16:00', venue: 'Tang Hall Library', ...dateFields('last_date', '2025-12-31') });
  assert.equal(early.status, 422);
  assert.match(early.text, /<a href="#last_date">a drop-in cannot end before it starts/);
  const goesOn = await admin.post(page, { ...form, ends: '16:00', venue: 'Tang Hall Library',
    'last_date-day': '', 'last_date-month': '', 'last_date-year': '' });
  assert.equal(goesOn.status, 303, goesOn.text);
  assert.equal((await publicDropIn(fridays)).last_date, null);
  assert.equal(changesOf('drop_in_update').after.last_date, null);
  assert.equal(changesOf('drop_in_update').before.last_date, last);
});

test(`the finder shows the nearest drop-in's cancelled date and the next it happens (${backend})`, async () => {
  const list = await cli('area', 'drop-ins', 'Heworth');
  const living = list.stdout.match(/^([0-9a-f]{32})  Living Word Church/m)[1];
  const tuesday = (await publicDropIn(living)).next_dates[0].date;
  const r = await tokenApi('POST', `/api/v1/admin/drop-ins/${living}/cancellations`, { on_date: tuesday, reason: 'a funeral in the church' });
  assert.equal(r.status, 201, r.text);
  const find = await (await fetch(`${server.url}/find?postcode=YO31+9BP`)).text();
  assert.match(find, /Living Word Church/);
  assert.match(find, row('Cancelled', `${long(tuesday)} — a funeral in the church`));
  assert.match(find, /Next it happens<\/dt><dd class="govuk-summary-list__value">Tuesday /);
});

// The fields a page's form (the one sent to action) sends as it stands:
// its inputs, checked radios, each select's chosen option (the first when
// none is: "Not monthly" sends week=) and its textareas (empty ones too).
const formFields = (html, action) => {
  const start = html.indexOf(`action="${action}"`);
  assert.ok(start >= 0, `a form sent to ${action}`);
  const form = html.slice(start, html.indexOf('</form>', start));
  const decode = (s) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  const attr = (tag, name) => tag.match(new RegExp(`\\b${name}="([^"]*)"`))?.[1];
  const fields = {};
  for (const [tag] of form.matchAll(/<input\b[^>]*>/g)) {
    const name = attr(tag, 'name');
    if (!name || (/type="(radio|checkbox)"/.test(tag) && !/\bchecked\b/.test(tag))) continue;
    fields[name] = decode(attr(tag, 'value') ?? '');
  }
  for (const [, name, body] of form.matchAll(/<select\b[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
    const options = [...body.matchAll(/<option value="([^"]*)"( selected)?/g)];
    fields[name] = decode((options.find((o) => o[2]) ?? options[0])[1]);
  }
  for (const [, name, body] of form.matchAll(/<textarea\b[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/textarea>/g))
    fields[name] = decode(body);
  return fields;
};

test(`the pages: weekly and fortnightly drop-ins added and changed with the fields their forms send; a cancellation follows a new start time in the feed (${backend})`, async () => {
  const areas = (await (await fetch(server.url + '/api/v1/areas')).json()).features;
  const acomb = areas.find((f) => f.properties.name === 'Acomb and Westfield').id;
  const dropIns = async () => (await (await fetch(`${server.url}/api/v1/areas/${acomb}`)).json()).properties.drop_ins;
  const fortnightly = (await dropIns()).find((d) => d.venue === 'Acomb Methodist Church');
  const weekly = (await dropIns()).find((d) => d.venue === 'Lidgett Methodist Community Cafe');
  assert.equal(fortnightly.frequency, 'fortnightly');
  assert.equal(weekly.notes, 'Tea, toast and a chat in the cafe.');

  // A date of the every-other-Friday one cancelled first, from its page.
  const page = `/admin/drop-ins/${fortnightly.id}`;
  const [cancelledDate, nextDate] = fortnightly.next_dates.map((d) => d.date);
  const cancelForm = formFields((await admin.get(page)).text, `${page}/cancellations`);
  const cancelled = await admin.post(`${page}/cancellations`,
    { ...cancelForm, on_date: cancelledDate, reason: 'The hall is closed' });
  assert.equal(cancelled.status, 303, cancelled.text);

  // Its start moved to 10:15 from its page, every other field as the form
  // has it: "Not monthly" (week=) and no notes (notes=).
  const changeForm = formFields((await admin.get(page)).text, page);
  assert.equal(changeForm.week, '');
  assert.equal(changeForm.notes, '');
  assert.equal(changeForm.frequency, 'fortnightly');
  const changed = await admin.post(page, { ...changeForm, starts: '10:15' });
  assert.equal(changed.status, 303, changed.text);
  const now = (await dropIns()).find((d) => d.id === fortnightly.id);
  assert.equal(now.starts, '10:15');
  assert.equal(now.notes, null, 'empty notes are none');
  assert.equal(now.week, null);
  assert.deepEqual(now.cancellations.map((c) => c.on_date), [cancelledDate]);
  // The public page tells the date and the reason as it was written.
  assert.match(await (await fetch(`${server.url}/areas/${acomb}`)).text(),
    row('Cancelled', `${long(cancelledDate)} — The hall is closed`));

  // The feed: the override names the occurrence at its new start time, so
  // a calendar still finds that date cancelled and the next one not.
  const text = await (await fetch(`${server.url}/areas/${acomb}/drop-ins.ics`)).text();
  const vevents = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent')
    .filter((v) => v.getFirstPropertyValue('uid').startsWith(fortnightly.id + '@'));
  const master = new ICAL.Event(vevents.find((v) => !v.hasProperty('recurrence-id')));
  const override = vevents.find((v) => v.hasProperty('recurrence-id'));
  master.relateException(override);
  assert.equal(master.startDate.toString(), '2026-01-09T10:15:00');
  assert.equal(override.getFirstPropertyValue('recurrence-id').toString(), `${cancelledDate}T10:15:00`);
  const occurrences = new Map();
  const it = master.iterator();
  for (let next = it.next(); next && occurrences.size < 200; next = it.next()) {
    const details = master.getOccurrenceDetails(next);
    occurrences.set(details.startDate.toString(), details.item.component.getFirstPropertyValue('status'));
  }
  assert.equal(occurrences.get(`${cancelledDate}T10:15:00`), 'CANCELLED');
  assert.equal(occurrences.get(`${nextDate}T10:15:00`), null);

  // Moved to Thursdays, the Friday cancelled is no date of it: the feed
  // drops that override rather than name an occurrence it does not have.
  const thursdays = await admin.post(page, { ...changeForm, starts: '10:15', weekday: 'Thursday', ...dateFields('first_date', '2026-01-08') });
  assert.equal(thursdays.status, 303, thursdays.text);
  const moved = await (await fetch(`${server.url}/areas/${acomb}/drop-ins.ics`)).text();
  const movedEvents = new ICAL.Component(ICAL.parse(moved)).getAllSubcomponents('vevent')
    .filter((v) => v.getFirstPropertyValue('uid').startsWith(fortnightly.id + '@'));
  assert.equal(movedEvents.length, 1, 'the series alone');
  assert.equal(new ICAL.Event(movedEvents[0]).startDate.toString(), '2026-01-08T10:15:00');
  const back = await admin.post(page, { ...changeForm, starts: '10:15' });
  assert.equal(back.status, 303, back.text);
  assert.equal((await (await fetch(`${server.url}/areas/${acomb}/drop-ins.ics`)).text()).match(/RECURRENCE-ID/g).length, 1,
    'back on Fridays, the cancellation is an override again');

  // The weekly one: its notes emptied from its page are gone.
  const weeklyPage = `/admin/drop-ins/${weekly.id}`;
  const weeklyForm = formFields((await admin.get(weeklyPage)).text, weeklyPage);
  assert.equal(weeklyForm.notes, weekly.notes);
  const emptied = await admin.post(weeklyPage, { ...weeklyForm, notes: '' });
  assert.equal(emptied.status, 303, emptied.text);
  assert.equal((await dropIns()).find((d) => d.id === weekly.id).notes, null);

  // Added from the area's page, weekly and fortnightly, the form as sent.
  const addPath = `/admin/areas/${acomb}/drop-ins`;
  const addForm = formFields((await admin.get(addPath)).text, addPath);
  assert.deepEqual([addForm.week, addForm.notes], ['', '']);
  for (const [venue, frequency] of [['Acomb Library', 'weekly'], ['Acomb Explore', 'fortnightly']]) {
    const added = await admin.post(addPath, { ...addForm, venue, address: 'Front Street, York YO24 3BZ',
      weekday: 'Tuesday', starts: '14:00', ends: '15:30', frequency, ...dateFields('first_date', '2026-01-06') });
    assert.equal(added.status, 303, added.text);
    const shown = (await dropIns()).find((d) => d.venue === venue);
    assert.equal(shown.frequency, frequency);
    assert.equal(shown.notes, null);
  }
  // A monthly one still needs its week, at the field.
  const monthly = await admin.post(addPath, { ...addForm, venue: 'Acomb Library', address: 'Front Street, York YO24 3BZ',
    weekday: 'Tuesday', starts: '14:00', ends: '15:30', frequency: 'monthly', ...dateFields('first_date', '2026-01-06') });
  assert.equal(monthly.status, 422);
  assert.match(monthly.text, /<a href="#week">a monthly drop-in needs the week/);
  // 31 February is no date: refused at its field with every other problem
  // at once, and nothing added.
  const count = (await dropIns()).length;
  const february = await admin.post(addPath, { ...addForm, venue: '', address: 'Front Street, York YO24 3BZ',
    weekday: 'Tuesday', starts: '14:00', ends: '15:30', frequency: 'weekly', ...dateFields('first_date', '2026-02-31') });
  assert.equal(february.status, 422);
  assert.match(february.text, /<a href="#first_date">First date must be a real date: check the day/);
  assert.match(february.text, /<a href="#venue">a drop-in needs a venue/);
  assert.match(february.text, /id="first_date" name="first_date-day" type="text"[^>]*value="31"/, 'what was typed is kept');
  assert.equal((await dropIns()).length, count);
});
