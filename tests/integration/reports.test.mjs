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

test(`a team leader's page: last quarter, charts with tables, small numbers shown and said so (${backend})`, async () => {
  const r = await jo.get('/reports');
  assert.equal(r.status, 200, r.text);
  assert.match(r.text, /Small numbers are\s+shown on this page/);
  assert.match(r.text, /<option value="\d{4}-\d{2}-Q[1-4]" selected>/);
  assert.match(r.text, /<svg [^>]*role="img"[^>]*aria-describedby="table-[^"]+"/);
  // Every chart describes a table that is on the page.
  for (const [, id] of r.text.matchAll(/aria-describedby="(table-[^"]+)"/g))
    assert.match(r.text, new RegExp(`<table class="govuk-table" id="${id}"`));
  assert.match(r.text, /href="\/reports\/csv\/[^"?]+\?quarter=\d{4}-\d{2}-Q[1-4]"/);
  assert.match(r.text, /href="\/reports\/quarterly\?quarter=/);
});

test('a programme manager\'s page is held back and says so', async () => {
  const r = await pm.get(`/reports?quarter=${Q}`);
  assert.equal(r.status, 200, r.text);
  assert.match(r.text, /Small numbers are\s+held back/);
  assert.doesNotMatch(r.text, /Small numbers are\s+shown on this page/);
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
    assert.equal(lines[0], table.columns.map((c) => `"${c}"`).join(','));
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
  assert.equal(r.stdout.split('\r\n')[0], report.sections[0].tables[0].columns.map((c) => `"${c}"`).join(','));
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
