// The reports in Chromium at 390 px and on a desktop: a team leader opens
// /reports for last quarter, sees charts with their tables and the notice
// that small numbers are shown, downloads a table's CSV and prints the
// quarterly report to A4 (page.pdf makes pages); a programme manager sees
// every area with small numbers held back.  axe-core on each page, and
// screenshots in /tmp/shots-F to look at.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { launch, signInAt, pageChecker } from './browser.mjs';
import { run, startServer, yorkDatabase, backend } from '../lib/alongside.mjs';
import { DEMO_PASSWORD } from '../lib/staff.mjs';

const SHOTS = process.env.SHOTS || '/tmp/shots-F';
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, bypassCSP: true };
const DESKTOP = { viewport: { width: 1280, height: 900 }, bypassCSP: true };
const app = {};

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
  const db = await yorkDatabase();
  await addProgrammeManager(db);
  app.server = await startServer({ db, migrate: false });
  app.browser = await launch();
  mkdirSync(SHOTS, { recursive: true });
});
after(async () => {
  await app.browser?.close();
  assert.equal(await app.server.stop(), 0);
});

for (const [name, options] of [['phone', PHONE], ['desktop', DESKTOP]]) {
  test(`a team leader's reports for last quarter, CSV and print (${name})`, async () => {
    const context = await app.browser.newContext({ ...options, acceptDownloads: true });
    const failures = [];
    const { page, problems } = await signInAt(context, app.server.url + '/reports', 'jo.bennett');
    const check = pageChecker(page, options === PHONE, failures);
    assert.equal(new URL(page.url()).pathname, '/reports');
    assert.match(await page.locator('.govuk-warning-text').innerText(), /Nothing on this page is held back/);
    // Last quarter is chosen, after this quarter so far; every chart is
    // named in a few words, its table read after it.
    assert.ok(await page.locator('#quarter option[selected]').count() === 1);
    assert.equal(await page.locator('#quarter').evaluate((s) => s.selectedIndex), 1);
    const charts = page.locator('svg.app-chart[role="img"]');
    assert.ok(await charts.count() >= 1, 'at least one chart');
    for (const described of await charts.evaluateAll((all) => all.map((s) => s.getAttribute('aria-describedby'))))
      assert.equal(described, null);
    await check('the reports page');
    await page.screenshot({ path: `${SHOTS}/reports-team-leader-${name}.png`, fullPage: true });
    if (options === DESKTOP) {
      // On paper the own page is only a note to print the quarterly report.
      await page.emulateMedia({ media: 'print' });
      assert.equal(await page.locator('.app-print-only').isVisible(), true);
      assert.equal(await page.locator('.app-own-figures').isVisible(), false);
      await page.emulateMedia({ media: 'screen' });
      assert.equal(await page.locator('.app-print-only').isVisible(), false);
    }
    // A table's CSV downloads (a phone's browser hands it to another app,
    // so there the link is fetched as the signed-in team leader).
    const csvLink = page.getByRole('link', { name: /^Download CSV/ }).first();
    if (options === DESKTOP) {
      const [download] = await Promise.all([page.waitForEvent('download'), csvLink.click()]);
      assert.match(download.suggestedFilename(), /-\d{4}-\d{2}-Q[1-4]\.csv$/);
    } else {
      const csv = await context.request.get(app.server.url + await csvLink.getAttribute('href'));
      assert.equal(csv.status(), 200);
      assert.match(csv.headers()['content-type'], /^text\/csv/);
    }
    // The quarterly report, and what it prints as.
    await page.getByRole('link', { name: 'Print the quarterly report' }).click();
    await page.waitForLoadState('load');
    assert.equal(new URL(page.url()).pathname, '/reports/quarterly');
    assert.match(await page.locator('main').innerText(), /Small numbers are held back/);
    await check('the quarterly report');
    if (options === DESKTOP) {
      await page.emulateMedia({ media: 'print' });
      assert.equal(await page.locator('.govuk-header, .govuk-footer').first().isVisible(), false);
      await page.screenshot({ path: `${SHOTS}/reports-print.png`, fullPage: true });
      const pdf = await page.pdf({ format: 'A4', path: `${SHOTS}/reports-quarterly.pdf` });
      const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
      assert.ok(pages >= 2, `${pages} pages`);
    }
    assert.deepEqual(problems, []);
    assert.equal(failures.join('\n\n'), '');
    await context.close();
  });

  test(`a programme manager sees every area, held back (${name})`, async () => {
    const context = await app.browser.newContext(options);
    const failures = [];
    const { page, problems } = await signInAt(context, app.server.url + '/reports', 'pat');
    const check = pageChecker(page, options === PHONE, failures);
    assert.equal(new URL(page.url()).pathname, '/reports');
    assert.match(await page.locator('.app-suppression').innerText(), /Small numbers are held back/);
    assert.equal(await page.locator('.govuk-warning-text').count(), 0);
    // Every area the York database has, in the areas chosen from.
    assert.equal(await page.locator('input[name="area"]').count(), 9);
    await check('the programme manager\'s reports');
    await page.screenshot({ path: `${SHOTS}/reports-programme-manager-${name}.png`, fullPage: true });
    assert.deepEqual(problems, []);
    assert.equal(failures.join('\n\n'), '');
    await context.close();
  });
}
