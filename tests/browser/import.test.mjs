// Moving in from a spreadsheet in a real browser at 390 px: an
// administrator pastes a file, checks it (every problem listed), checks a
// good one, imports it; axe-core on each state and no sideways scrolling.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO_PASSWORD } from '../lib/staff.mjs';
import { serverAndBrowser, openPage, runAxe, describeViolations } from './browser.mjs';

const HEADER = 'name,preferred_name,phone,email,postcode,coordinator,kind,started,last_contact,notes';
const app = serverAndBrowser();

test('an administrator checks a file on a phone, sees every problem, then imports', async () => {
  const context = await app.browser.newContext({ bypassCSP: true, viewport: { width: 390, height: 844 } });
  const { page, problems } = await openPage(context, app.server.url + '/sign-in?next=%2Fadmin%2Fpeople%2Fimport');
  await page.getByLabel('Username').fill('admin');
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForLoadState('load');
  assert.equal(new URL(page.url()).pathname, '/admin/people/import');
  const failures = [];
  const check = async (what) => {
    const v = await runAxe(page);
    if (v.length) failures.push(`${what}\n${describeViolations(v)}`);
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(wide <= 390, `${what}: ${wide} px wide`);
  };
  await check('the empty form');

  await page.getByLabel("The file's text").fill([HEADER,
    'Ann Browserexample,,,,,ghost,short_term,2026-02-01,,',
    ',,,,,priya,forever,2026-02-01,,'].join('\n'));
  await page.getByRole('button', { name: 'Check' }).click();
  await page.waitForLoadState('load');
  assert.deepEqual(await page.locator('.govuk-error-summary li').allInnerTexts(), [
    'Row 2, coordinator: no one has the username "ghost"',
    "Row 3, name: enter the person's name",
    'Row 3, kind: "forever" is not a kind: short_term or walking_alongside',
  ]);
  await check('the problems');

  await page.getByLabel("The file's text").fill([HEADER,
    'Ann Browserexample,,07700 900401,,YO24 4PB,tom,walking_alongside,2026-02-01,2026-11-01,"Sings, bakes"',
    'Bea Browserexample,,,,,priya,short_term,2026-10-01,,'].join('\n'));
  await page.getByRole('button', { name: 'Check' }).click();
  await page.waitForLoadState('load');
  assert.match(await page.locator('.govuk-summary-list').innerText(), /People\s+2 new/);
  await check('what importing would do');
  await page.getByRole('button', { name: 'Import 2 people' }).click();
  await page.waitForLoadState('load');
  assert.match(await page.locator('.govuk-notification-banner').innerText(), /2 people imported/);
  await check('imported');
  // The problems page answers 422, as a form with errors does; nothing else.
  assert.deepEqual(problems.filter((p) => !/422/.test(p)), []);
  assert.equal(failures.join('\n\n'), '');
  await context.close();
});
