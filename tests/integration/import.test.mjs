// Moving in from a spreadsheet: `alongside person import` with and without
// --dry-run, the administrator's page and the API.  Every problem is named
// by row and column, one bad row stores nothing, and only an
// administrator may import.  Whether people were stored is seen through a
// dry run of the same rows: stored people come back as likely matches.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run, startServer, yorkDatabase, backend } from '../lib/alongside.mjs';
import { Browser } from '../lib/staff.mjs';

const HEADER = 'name,preferred_name,phone,email,postcode,coordinator,kind,started,last_contact,notes';
let db, server, dir, admin, priya;
before(async () => {
  db = await yorkDatabase();
  server = await startServer({ db, migrate: false });
  dir = mkdtempSync(join(tmpdir(), 'alongside-import-'));
  const signIn = async (name) => {
    const b = await new Browser(server.url).signedIn(name);
    b.csrfToken = await b.csrf('/staff');
    return b;
  };
  [admin, priya] = await Promise.all(['admin', 'priya'].map(signIn));
});
after(async () => {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

let files = 0;
const file = (text) => {
  const path = join(dir, `people-${++files}.csv`);
  writeFileSync(path, text);
  return path;
};
const csv = (...rows) => [HEADER, ...rows].join('\n') + '\n';
const importCli = (path, ...flags) => run(['person', 'import', path, '--db', db, ...flags]);
const api = (b, json) => b.request('POST', '/api/v1/admin/people/import',
  { json, headers: { 'X-CSRF-Token': b.csrfToken } });
// How many rows of text a dry run says look like someone already known:
// only a count, never which rows or why.
const known = async (text) => {
  const r = await api(admin, { csv: text, dry_run: true });
  assert.equal(r.status, 200, r.text);
  assert.ok(r.json().likely_matches.every((m) => /as row \d+$/.test(m.why)), r.text);
  return r.json().already_known;
};

test(`the command line checks with --dry-run, then imports (${backend})`, async () => {
  const text = csv(
    'Nell Cliexample,,07700 900301,,YO26 5EB,priya,walking_alongside,2026-01-10,2026-11-01,Likes the allotment',
    'Otto Cliexample,,07700 900302,otto@example.org,YO31 0LJ,daniel,short_term,2026-10-01,,',
    'Pam Cliexample,Pammy,07700 900303,,YO24 4PB,tom,walking_alongside,2025-05-05,2025-05-05,');
  const path = file(text);
  const dry = await importCli(path, '--dry-run');
  assert.equal(dry.code, 0, dry.stderr);
  assert.match(dry.stdout, /^Would import 3 people\.$/m);
  assert.match(dry.stdout, /^Per coordinator: daniel 1, priya 1, tom 1$/m);
  assert.match(dry.stdout, /^Per kind: short_term 1, walking_alongside 2$/m);
  assert.match(dry.stdout, /Nothing was stored/);
  assert.equal(await known(text), 0, 'the dry run stored nobody');

  const done = await importCli(path);
  assert.equal(done.code, 0, done.stderr);
  assert.match(done.stdout, /^Imported 3 people\.$/m);
  assert.equal(await known(text), 3);
  const dryAgain = await importCli(path, '--dry-run');
  assert.match(dryAgain.stdout, /^3 rows look like someone already known \(each would be a new person; check them\)\.$/m);
  assert.doesNotMatch(dryAgain.stdout, /row 2|same name/);
  // Importing into a database with people, --if-empty does nothing.
  const again = await importCli(path, '--if-empty');
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /nothing imported/);
});

test('one bad row stores nothing, and every problem names its row and column', async () => {
  const text = csv(
    'Quentin Badexample,,07700 900311,,YO26 5EB,priya,walking_alongside,2026-01-10,,',
    'Rita Badexample,,07700 900312,,YO26 5EB,sam,walking_alongside,2026-01-10,,',
    ',,not a phone,nope,ZZ,jo.bennett,forever,2999-01-01,2020-13-01,',
    'Sid Badexample,,,,,priya,short_term,2026-03-01,2026-02-01,',
    'too,few,columns');
  const r = await importCli(file(text));
  assert.equal(r.code, 2);
  const lines = r.stderr.trim().split('\n').map((l) => l.replace(/^alongside person import: /, ''));
  assert.deepEqual(lines, [
    'Row 3, coordinator: no one has the username "sam"',
    "Row 4, name: enter the person's name",
    'Row 4, phone: "not a phone" is not a phone number: digits and spaces, 10 to 13 digits',
    'Row 4, email: "nope" is not an email address',
    'Row 4, coordinator: jo.bennett is not a coordinator',
    'Row 4, kind: "forever" is not a kind: short_term or walking_alongside',
    'Row 4, started: 2999-01-01 is in the future',
    'Row 4, last_contact: "2020-13-01" is not a date: write it as YYYY-MM-DD',
    'Row 4, postcode: "ZZ" is not a UK postcode',
    'Row 5, last_contact: 2026-02-01 is before the start, 2026-03-01',
    'Row 6: 3 columns where the header has 10 (a field with a comma needs quotes around it)',
    'nothing was imported (11 problems)',
  ]);
  assert.deepEqual(await known(csv(
    'Quentin Badexample,,07700 900311,,YO26 5EB,priya,walking_alongside,2026-01-10,,')), 0,
  'the good row was not stored either');
});

test('a dry run refuses every row whose coordinator does not work the postcode\'s area', async () => {
  // YO31 0LJ lies in Daniel's area, which Priya neither works nor covers.
  const text = csv(
    'Ada Reachexample,,,,YO31 0LJ,priya,short_term,2026-02-01,,',
    'Ben Reachexample,,,,YO31 0LJ,priya,short_term,2026-02-01,,');
  const expected = [
    'Row 2, coordinator: priya does not work in or cover the area of the postcode YO31 0LJ',
    'Row 3, coordinator: priya does not work in or cover the area of the postcode YO31 0LJ',
  ];
  for (const flags of [['--dry-run'], []]) {
    const r = await importCli(file(text), ...flags);
    assert.equal(r.code, 2, r.stdout);
    const lines = r.stderr.trim().split('\n').map((l) => l.replace(/^alongside person import: /, ''));
    assert.deepEqual(lines, [...expected, 'nothing was imported (2 problems)']);
  }
});

test('a wrong header, an empty file and a file that is not UTF-8 are refused clearly', async () => {
  const header = await importCli(file('name,phone\nAnn,07700 900000\n'));
  assert.equal(header.code, 2);
  assert.match(header.stderr, /The first row must be exactly: name,preferred_name,phone,email,postcode,coordinator,kind,started,last_contact,notes/);
  const empty = await importCli(file(HEADER + '\n'));
  assert.equal(empty.code, 2);
  assert.match(empty.stderr, /no rows after the header/);
  const latin1 = Buffer.concat([Buffer.from(HEADER + '\nZo'), Buffer.from([0xeb]),
    Buffer.from(' Latin,,,,,priya,short_term,2026-01-01,,\n')]);
  const path = join(dir, 'latin1.csv');
  writeFileSync(path, latin1);
  const notUtf8 = await importCli(path);
  assert.equal(notUtf8.code, 2);
  assert.match(notUtf8.stderr, /The file is not UTF-8 text \(line 2\): save it from the spreadsheet as "CSV UTF-8"/);
  const missing = await importCli(join(dir, 'no-such.csv'));
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /no-such\.csv: No such file or directory/);
});

test('quoting as spreadsheets write it: BOM, CRLF, commas, quotes and line breaks in quotes', async () => {
  const text = '\ufeff' + [HEADER,
    '"Uma Quoteexample, Jr",,07700 900321,,YO26 5EB,priya,walking_alongside,2026-01-10,2026-11-01,"She said ""call me Uma""\r\nand likes tea"',
    'Vic Quoteexample,,07700 900322,,YO31 0LJ,daniel,short_term,2026-10-01,,'].join('\r\n') + '\r\n';
  const r = await api(admin, { csv: text });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json().people, 2);
  assert.equal(r.json().person_ids.length, 2);
  assert.equal(await known(text), 2);
});

test('the API answers a dry run, every problem with its row, and a likely match in the file', async () => {
  const dry = await api(admin, { csv: csv(
    'Wendy Apiexample,,07700 900331,,YO24 4PB,tom,walking_alongside,2026-02-01,,',
    'Wendy Apiexample,,07700 900331,,YO24 4PB,tom,short_term,2026-02-01,,'), dry_run: true });
  assert.equal(dry.status, 200, dry.text);
  assert.deepEqual(dry.json(), {
    dry_run: true, stored: false, people: 2, per_coordinator: { tom: 2 },
    per_kind: { short_term: 1, walking_alongside: 1 }, already_known: 0,
    likely_matches: [{ row: 3, why: 'same name and postcode as row 2' }], person_ids: [],
  });
  const bad = await api(admin, { csv: csv(
    'Xena Apiexample,,,,,nobody,short_term,2026-02-01,,') });
  assert.equal(bad.status, 422);
  assert.deepEqual(bad.json().error.fields, [{
    field: 'csv.row 2.coordinator', row: 2, column: 'coordinator',
    message: 'Row 2, coordinator: no one has the username "nobody"',
  }]);
  assert.equal(await known(csv('Xena Apiexample,,,,,tom,short_term,2026-02-01,,')), 0);
  const none = await api(admin, { dry_run: true });
  assert.equal(none.status, 422);
  assert.equal(none.json().error.fields[0].field, 'csv');
});

test('only an administrator imports', async () => {
  const text = csv('Yusuf Refusedexample,,,,,priya,short_term,2026-02-01,,');
  const r = await api(priya, { csv: text });
  assert.equal(r.status, 403);
  assert.equal((await priya.get('/admin/people/import')).status, 403);
  const anonymous = await fetch(server.url + '/api/v1/admin/people/import', {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ csv: text }),
  });
  assert.equal(anonymous.status, 401);
  assert.equal(await known(text), 0);
});

test('the page checks the pasted text, lists every problem, then imports', async () => {
  const page = await admin.get('/admin/people/import');
  assert.equal(page.status, 200);
  assert.match(page.text, /<textarea class="govuk-textarea" id="csv" name="csv"/);
  const csrf_token = await admin.csrf('/admin/people/import');
  const bad = await admin.post('/admin/people/import', {
    csrf_token, action: 'check', csv: csv('Zak Pageexample,,,,,ghost,short_term,2026-02-01,,'),
  });
  assert.equal(bad.status, 422);
  assert.match(bad.text, /Nothing was imported: 1 problem/);
  assert.match(bad.text, /Row 2, coordinator: no one has the username &quot;ghost&quot;/);

  const text = csv('Zak Pageexample,,07700 900341,,YO24 4PB,tom,walking_alongside,2026-02-01,,');
  const checked = await admin.post('/admin/people/import', { csrf_token, action: 'check', csv: text });
  assert.equal(checked.status, 200, checked.text);
  assert.match(checked.text, /What importing would do/);
  assert.match(checked.text, /<li>tom: 1<\/li>/);
  assert.match(checked.text, /value="import"[^>]*>Import 1 person<\/button>/);
  assert.equal(await known(text), 0, 'checking stores nothing');
  const done = await admin.post('/admin/people/import', { csrf_token, action: 'import', csv: text });
  assert.equal(done.status, 303);
  assert.equal(done.headers.get('location'), '/admin/people/import?imported=1');
  assert.match((await admin.get('/admin/people/import?imported=1')).text, /1 person imported\./);
  assert.equal(await known(text), 1);
  const again = await admin.post('/admin/people/import', { csrf_token, action: 'check', csv: text });
  assert.match(again.text, /1 row looks like someone already known\./);
  assert.doesNotMatch(again.text, /Row 2:/);
});

// 'Tuesday 10 November 2026', as the pages write a date.
const longDate = (iso) => {
  const d = new Date(iso + 'T12:00:00Z');
  const days = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
    'September', 'October', 'November', 'December'];
  return `${days[d.getUTCDay()]} ${d.getUTCDate()} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
};

test('the last contact before moving in counts: not quiet, and shown as what it is', async () => {
  const weekAgo = new Date(Date.now() - 7 * 86400000).toISOString().slice(0, 10);
  const r = await api(admin, { csv: csv(
    `Abe Lastexample,,07700 900351,,YO24 4NB,priya,walking_alongside,2020-01-06,${weekAgo},`) });
  assert.equal(r.status, 201, r.text);
  const [id] = r.json().person_ids;
  const entry = (await priya.get('/api/v1/caseload')).json().people.find((p) => p.id === id);
  assert.equal(entry.last_conversation_at, null, 'no conversation is made up');
  assert.equal(entry.last_contact_before_import, weekAgo);
  assert.equal(entry.quiet, false);
  const page = (await priya.get('/staff/caseload')).text;
  const card = page.slice(page.indexOf(`href="/staff/people/${id}"`));
  const cardEnd = card.indexOf('govuk-summary-card__title-wrapper');
  const mine = cardEnd > 0 ? card.slice(0, cardEnd) : card;
  assert.doesNotMatch(mine, /Not talked with for a while<\/strong>/);
  assert.match(mine, new RegExp(`Last contact</dt><dd class="govuk-summary-list__value">Before moving in: ${longDate(weekAgo)}<`));
  assert.doesNotMatch(mine, /Last conversation/);

  const person = await priya.get(`/api/v1/people/${id}`);
  assert.equal(person.status, 200, person.text);
  assert.equal(person.json().involvements[0].last_contact_before_import, weekAgo);
  const personPage = (await priya.get(`/staff/people/${id}`)).text;
  assert.match(personPage, new RegExp(`Last contact before moving in</dt><dd class="govuk-summary-list__value">${longDate(weekAgo)}<`));
});
