// An administrator changes an area's wards from the pages, on a desktop
// and on a 390 px phone: the map shows the wards ticked and follows the
// boxes, a problem is shown at the field, the saved area says who may now
// move; axe-core on every page of the walk.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO_PASSWORD } from '../lib/staff.mjs';
import { serverAndBrowser, openPage, checkPhonePage, submitButton } from './browser.mjs';

const CHOSEN = '#1d70b8';
const app = serverAndBrowser();

async function signedIn(viewport) {
  const context = await app.browser.newContext({ bypassCSP: true, viewport });
  const { page, problems } = await openPage(context, app.server.url + '/sign-in');
  await page.getByLabel('Username').fill('admin');
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await submitButton(page, 'Sign in');
  return { context, page, problems };
}

// How many wards the map draws as chosen, once it has drawn them all.
async function chosenOnMap(page) {
  await page.waitForFunction(() => document.querySelectorAll('#areas-map path.leaflet-interactive').length === 21);
  return page.locator(`#areas-map path[stroke="${CHOSEN}"]`).count();
}

async function walk(viewport, area, untick, tick) {
  const { context, page, problems } = await signedIn(viewport);
  const failures = [];
  await page.getByRole('link', { name: 'Manage areas' }).click();
  await page.waitForLoadState('load');
  assert.equal(new URL(page.url()).pathname, '/admin/areas');
  await checkPhonePage(page, `${viewport.width}: areas`, failures);

  await page.getByRole('link', { name: area, exact: true }).click();
  await page.waitForLoadState('load');
  assert.equal(await page.locator('h1').innerText(), area);
  assert.ok(await page.locator('#areas-map').isVisible(), 'the map is drawn');
  const before = await chosenOnMap(page);
  assert.equal(before, await page.locator('input[name="wards"]:checked').count());
  await checkPhonePage(page, `${viewport.width}: ${area}`, failures);

  // Nothing ticked: the problem is at the field, and nothing is saved.
  const ticked = page.locator('input[name="wards"]:checked');
  while (await ticked.count()) await ticked.first().uncheck();
  assert.equal(await chosenOnMap(page), 0, 'the map follows the boxes');
  await submitButton(page, 'Save the area');
  assert.match(await page.locator('.govuk-error-summary').innerText(), /an area needs at least one ward/);
  assert.match(await page.locator('#wards-error').innerText(), /at least one ward/);
  await checkPhonePage(page, `${viewport.width}: ${area} with a problem`, failures);
  await page.locator('.govuk-error-summary a').first().click();

  await page.goto(page.url());
  const again = await chosenOnMap(page);
  assert.equal(again, before, 'the refused change saved nothing');
  if (untick) await page.locator(`input[name="wards"][value="${untick}"]`).uncheck();
  if (tick) await page.locator(`input[name="wards"][value="${tick}"]`).check();
  assert.equal(await chosenOnMap(page), before + (tick ? 1 : 0) - (untick ? 1 : 0));
  await submitButton(page, 'Save the area');
  assert.match(await page.locator('.govuk-notification-banner').innerText(), /The area is saved/);
  assert.equal(await page.locator('input[name="wards"]:checked').count(), before + (tick ? 1 : 0) - (untick ? 1 : 0));
  await checkPhonePage(page, `${viewport.width}: ${area} saved`, failures);

  await page.getByRole('link', { name: `Retire ${area}` }).click();
  await page.waitForLoadState('load');
  assert.equal(await page.locator('h1').innerText(), `Retire ${area}?`);
  await checkPhonePage(page, `${viewport.width}: retire ${area}?`, failures);
  await page.getByRole('link', { name: 'Keep it' }).click();
  await page.waitForLoadState('load');

  await page.goto(app.server.url + '/team/area-changes');
  await checkPhonePage(page, `${viewport.width}: area changes`, failures);
  await page.goto(app.server.url + '/admin/areas/new');
  await chosenOnMap(page);
  await checkPhonePage(page, `${viewport.width}: new area`, failures);
  // The refused save answers 422 on purpose; nothing else may go wrong.
  assert.deepEqual(problems.filter((p) => !/422/.test(p)), []);
  await context.close();
  return failures;
}

test('on a desktop an administrator takes a ward out of an area', async () => {
  const failures = await walk({ width: 1280, height: 900 }, 'Clifton and Guildhall', 'E05010318', null);
  // Widths over 390 px are expected at 1280; only axe matters here.
  assert.deepEqual(failures.filter((f) => !/px wide$/.test(f)), []);
});

test('on a 390 px phone an administrator gives that ward to another area', async () => {
  const failures = await walk({ width: 390, height: 844 }, 'Heworth', null, 'E05010318');
  assert.deepEqual(failures, []);
});
