// The reports over HTTP and the command line: a team leader's page with
// charts beside tables and its small-numbers notice; the CSV, print, API
// and command line always hold small numbers back; a bad quarter or dates
// get a clear refusal that names what to send; a coordinator is refused.
// The figures themselves are tested in the domain's own tests.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { run, startServer, yorkDatabase, backend } from '../lib/alongside.mjs';
import { Browser, DEMO_PASSWORD } from '../lib/staff.mjs';

let db, server, jo, priya, pm, token, weakToken;
const Q = '2026-27-Q3';

// No cell held back keeps its value, and every mark is one of the two.
function assertHeldBack(report) {
  assert.equal(report.suppressed, true);
  for (const section of report.sections)
    for (const table of section.tables)
      for (const row of table.rows)
        for (const cell of row) {
          if (cell.shown) {
            assert.ok(['fewer_than_5', 'hidden'].includes(cell.shown), JSON.stringify(cell));
            assert.equal('value' in cell, false, JSON.stringify(cell));
          }
          if (cell.kind === 'count' && !cell.shown) assert.ok(cell.value === 0 || cell.value >= 5, JSON.stringify(cell));
        }
}

// A programme manager, Pat.  `user add --role programme_manager` when the
// command line knows the role (slice A); until then an administrator's
// account whose role is changed behind the binary's back.
async function addProgrammeManager(db) {
  const added = await run(['user', 'add', 'pat', '--name', 'Pat Moss', '--role', 'programme_manager',
    '--db', db], { input: DEMO_PASSWORD + '\n' });
  if (added.code === 0) return;
  const admin = await run(['user', 'add', 'pat', '--name', 'Pat Moss', '--role', 'administrator',
    '--db', db], { input: DEMO_PASSWORD + '\n' });
  assert.equal(admin.code, 0, admin.stderr);
  const statement = `UPDATE user_roles SET role = 'programme_manager' WHERE user_id = '${admin.stdout.trim()}'`;
  if (backend === 'postgresql') execFileSync('psql', [db, '-qAtc', statement], { stdio: 'pipe' });
  else execFileSync('sqlite3', [db.replace(/^sqlite:/, ''), statement], { stdio: 'pipe' });
}

before(async () => {
  db = await yorkDatabase();
  await addProgrammeManager(db);
  const t = await run(['token', 'add', '--name', 'reports', '--scope', 'reports.read', '--db', db]);
  assert.equal(t.code, 0, t.stderr);
  token = t.stdout.trim();
  const w = await run(['token', 'add', '--name', 'audit', '--scope', 'audit.read', '--db', db]);
  weakToken = w.stdout.trim();
  server = await startServer({ db, migrate: false });
  jo = await new Browser(server.url).signedIn('jo.bennett');
  priya = await new Browser(server.url).signedIn('priya');
  pm = await new Browser(server.url).signedIn('pat');
});
after(async () => { await server.stop(); });

// A table's CSV header: its columns, a column of shares marked "(%)".
function csvHeader(table) {
  return table.columns.map((c, i) =>
    table.rows.some((row) => row[i].kind === 'percent') && !c.includes('%') ? `"${c} (%)"` : `"${c}"`).join(',');
}

test(`a team leader's page: last quarter, charts with tables, small numbers shown and said so (${backend})`, async () => {
  const r = await jo.get('/reports');
  assert.equal(r.status, 200, r.text);
  assert.match(r.text, /Nothing on this\s+page is held back/);
  // The own page's figures stay off paper: print shows only a note.
  assert.match(r.text, /class="govuk-body app-print-only"/);
  assert.match(r.text, /<div class="app-own-figures">/);
  // This quarter is offered ("so far"); last quarter, the next, is chosen.
  const options = [...r.text.matchAll(/<option value="(\d{4}-\d{2}-Q[1-4])"( selected)?>([^<]*)</g)];
  assert.match(options[0][3], /, so far$/);
  assert.equal(options[0][2], undefined);
  assert.equal(options[1][2], ' selected');
  assert.match(options[1][3], /^[A-Z][a-z]+ to [A-Z][a-z]+ \d{4}$/);
  // A chart is named in a few words; it no longer points at its table,
  // which follows it and is read anyway.
  assert.match(r.text, /<svg [^>]*role="img"[^>]*aria-labelledby="chart-[^"]+-title"/);
  assert.doesNotMatch(r.text, /<svg [^>]*aria-describedby/);
  // Made in UK time, the GOV.UK way.
  assert.match(r.text, /Made<\/dt><dd class="govuk-summary-list__value">[A-Z][a-z]+day \d{1,2} [A-Z][a-z]+ \d{4} at (\d{1,2}(:\d\d)?[ap]m|midday|midnight)</);
  assert.doesNotMatch(r.text, / UTC</);
  assert.match(r.text, /href="\/reports\/csv\/[^"?]+\?quarter=\d{4}-\d{2}-Q[1-4]"/);
  assert.match(r.text, /href="\/reports\/quarterly\?quarter=/);
});

test('a programme manager\'s page is held back and says so', async () => {
  const r = await pm.get(`/reports?quarter=${Q}`);
  assert.equal(r.status, 200, r.text);
  assert.match(r.text, /Small numbers are\s+held back/);
  assert.doesNotMatch(r.text, /Nothing on this\s+page is held back/);
  assert.match(r.text, /<div class="app-print-report">/);
  // The quarter asked for is the one selected, never silently another.
  assert.match(r.text, new RegExp(`<option value="${Q}" selected>`));
  assert.equal([...r.text.matchAll(/<option [^>]*selected>/g)].length, 1);
  // An old quarter, beyond the list, is added to it and selected.
  const old = await pm.get('/reports?quarter=2019-20-Q1');
  assert.equal(old.status, 200, old.text);
  assert.match(old.text, /<option value="2019-20-Q1" selected>April to June 2019</);
  // A programme manager is offered every area; the first box is #area.
  assert.match(r.text, /<input class="govuk-checkboxes__input" id="area" name="area"/);
});

test('a team leader is offered only their team\'s areas; one outside is refused at its field', async () => {
  const report = (await jo.get(`/api/v1/reports?quarter=${Q}`)).json();
  const page = await jo.get(`/reports?quarter=${Q}`);
  const offered = [...page.text.matchAll(/name="area" type="checkbox" value="([^"]+)"/g)].map((m) => m[1]);
  assert.deepEqual([...offered].sort(), [...report.areas.map((a) => a.id ?? a)].sort());
  const everyArea = await pm.get(`/reports?quarter=${Q}`);
  const outside = [...everyArea.text.matchAll(/name="area" type="checkbox" value="([^"]+)"/g)]
    .map((m) => m[1]).find((id) => !offered.includes(id));
  assert.ok(outside, 'the demo has an area outside jo\'s team');
  const r = await jo.get(`/reports?quarter=${Q}&area=${outside}`);
  assert.equal(r.status, 422);
  assert.match(r.text, /href="#area"/);
  assert.match(r.text, /<p id="area-error" class="govuk-error-message">/);
  assert.match(r.text, /id="area" name="area"/);
  // A quarter that cannot be read: its message is at the select.
  const q = await jo.get('/reports?quarter=nonsense');
  assert.match(q.text, /href="#quarter"/);
  assert.match(q.text, /<p id="quarter-error" class="govuk-error-message">/);
  assert.match(q.text, /<select class="govuk-select govuk-select--error" id="quarter"/);
});

test('the quarterly report with no quarter is last quarter, as the reports page', async () => {
  const r = await jo.get('/reports/quarterly');
  assert.equal(r.status, 200, r.text);
  const page = await jo.get('/reports');
  const last = page.text.match(/<option value="([^"]+)" selected>/)[1];
  assert.match(r.text, new RegExp(`href="/reports\\?quarter=${last}"`));
});

test('a coordinator and an administrator are refused; a token needs reports.read', async () => {
  assert.equal((await priya.get('/reports')).status, 403);
  assert.equal((await priya.get(`/api/v1/reports?quarter=${Q}`)).status, 403);
  const anon = new Browser(server.url);
  const ok = await anon.request('GET', `/api/v1/reports?quarter=${Q}`, { headers: { Authorization: `Bearer ${token}` } });
  assert.equal(ok.status, 200, ok.text);
  assertHeldBack(ok.json());
  const no = await anon.request('GET', `/api/v1/reports?quarter=${Q}`, { headers: { Authorization: `Bearer ${weakToken}` } });
  assert.equal(no.status, 403);
});

test('bad quarters and dates get a clear 422 naming what to send', async () => {
  let r = await jo.get('/api/v1/reports?quarter=2026-Q3');
  assert.equal(r.status, 422, r.text);
  assert.match(r.text, /2026-27-Q3/);
  r = await jo.get('/api/v1/reports?from=2026-02-31&to=2026-03-01');
  assert.equal(r.status, 422, r.text);
  r = await jo.get('/api/v1/reports?from=2026-12-01&to=2026-10-01');
  assert.equal(r.status, 422, r.text);
  assert.ok(r.json().error.fields.some((f) => f.field === 'from' || f.field === 'to'), r.text);
  r = await jo.get('/reports/quarterly?quarter=Q9');
  assert.equal(r.status, 422);
  // The page draws its form again with the message at the field.
  r = await jo.get('/reports?from-day=31&from-month=2&from-year=2026&to-day=1&to-month=3&to-year=2026');
  assert.equal(r.status, 422);
  assert.match(r.text, /govuk-error-summary/);
  assert.match(r.text, /<title>Error: Reports/);
  r = await jo.get('/reports?quarter=nonsense');
  assert.equal(r.status, 422);
  assert.match(r.text, /govuk-error-summary/);
});

test('the API: the report as JSON, held back, one section when asked', async () => {
  const r = await jo.get(`/api/v1/reports?quarter=${Q}`);
  assert.equal(r.status, 200, r.text);
  const report = r.json();
  assert.equal(report.period.quarter, Q);
  assert.equal(report.period.from, '2026-10-01');
  assert.equal(report.period.to, '2026-12-31');
  assert.ok(report.sections.length >= 1);
  assertHeldBack(report);
  const one = (await jo.get(`/api/v1/reports?quarter=${Q}&section=replies`)).json();
  assert.deepEqual(one.sections.map((s) => s.key), ['replies']);
  const dates = (await jo.get('/api/v1/reports?from=2026-10-01&to=2026-11-15')).json();
  assert.equal(dates.period.quarter, null);
  assert.equal(dates.period.to, '2026-11-15');
});

test('CSV: each table, always held back, as a download', async () => {
  const page = await jo.get(`/reports?quarter=${Q}`);
  const links = [...page.text.matchAll(/href="(\/reports\/csv\/[^"]+)"/g)].map((m) => m[1].replaceAll('&amp;', '&'));
  assert.ok(links.length >= 1);
  const report = (await jo.get(`/api/v1/reports?quarter=${Q}`)).json();
  for (const link of links) {
    const r = await jo.get(link);
    assert.equal(r.status, 200, link);
    assert.match(r.headers.get('content-type'), /^text\/csv/);
    assert.match(r.headers.get('content-disposition'), /attachment; filename="[^"]+-2026-27-Q3\.csv"/);
    const key = link.match(/csv\/([^?]+)/)[1];
    const table = report.sections.flatMap((s) => s.tables).find((t) => t.key === key);
    const lines = r.text.trimEnd().split('\r\n');
    assert.equal(lines[0], csvHeader(table));
    assert.equal(lines.length, table.rows.length + 1);
    table.rows.forEach((row, i) => row.forEach((cell) => {
      if (cell.shown === 'fewer_than_5') assert.match(lines[i + 1], /"<5"/);
      if (cell.shown === 'hidden') assert.match(lines[i + 1], /"hidden"/);
    }));
  }
  assert.equal((await jo.get(`/reports/csv/no-such-table?quarter=${Q}`)).status, 404);
});

test('print: the quarterly report, held back, with its period and made-at', async () => {
  const r = await jo.get(`/reports/quarterly?quarter=${Q}`);
  assert.equal(r.status, 200, r.text);
  assert.match(r.text, /class="app-print-report"/);
  assert.match(r.text, /2026-27 Q3/);
  assert.match(r.text, /Small numbers are\s+held back/);
  assert.match(r.text, /Made<\/dt>/);
  assert.doesNotMatch(r.text, /Download CSV/);
});

test('the command line: text, CSV and JSON, held back; bad input is a usage error', async () => {
  let r = await run(['report', '--quarter', Q, '--db', db]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^Period: 2026-27 Q3/);
  assert.match(r.stdout, /Small numbers are held back/);
  r = await run(['report', '--quarter', Q, '--json', '--db', db]);
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout);
  assertHeldBack(report);
  const key = report.sections[0].tables[0].key;
  r = await run(['report', '--quarter', Q, '--csv', key, '--db', db]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout.split('\r\n')[0], csvHeader(report.sections[0].tables[0]));
  r = await run(['report', '--quarter', Q, '--csv', 'no-such-table', '--db', db]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, new RegExp(key));
  r = await run(['report', '--quarter', '2026-Q3', '--db', db]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /quarter/);
  r = await run(['report', '--from', '2026-12-01', '--to', '2026-10-01', '--db', db]);
  assert.equal(r.code, 2);
  r = await run(['report', '--db', db]);
  assert.equal(r.code, 2);
  r = await run(['report', '--quarter', Q, '--csv', key, '--json', '--db', db]);
  assert.equal(r.code, 2);
});
