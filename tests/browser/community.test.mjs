// The community directory in a real browser, as a resident on a phone
// uses it: from /community, postcode YO24 4NB and Thursday find the Acomb
// singing group, open it, and its calendar link downloads an .ics with a
// Thursday RRULE.  axe-core at 390 px on every page of the way, the map
// drawn from the list, and everything there without JavaScript too.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, root, startServer, yorkDatabase } from '../lib/alongside.mjs';
import { launch, openPage, runAxe, describeViolations } from './browser.mjs';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true };
let server, browser;
before(async () => {
  const db = await yorkDatabase({ caseload: false });
  const loaded = await run(['directory', 'import', join(root, 'demo/york-community.json'), '--demo', '--db', db]);
  assert.equal(loaded.code, 0, loaded.stderr);
  server = await startServer({ db, migrate: false });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  assert.equal(await server.stop(), 0);
});

async function axe(page) {
  const violations = await runAxe(page);
  assert.equal(violations.length, 0, describeViolations(violations));
}

async function fitsPhone(page) {
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  assert.ok(scroll <= client, `page is ${scroll}px wide on a ${client}px screen`);
}

test('a resident finds the Thursday singing group near YO24 4NB and adds it to their calendar', async () => {
  const context = await browser.newContext({ ...PHONE, bypassCSP: true, acceptDownloads: true });
  const { page, problems } = await openPage(context, server.url + '/');
  await page.locator('main').getByRole('link', { name: 'community directory' }).click();
  await page.waitForLoadState('load');
  await axe(page);
  await page.getByLabel('Postcode').fill('YO24 4NB');
  await page.getByLabel('Day').selectOption({ label: 'Thursday' });
  await page.getByRole('button', { name: 'Search' }).click();
  await page.waitForLoadState('load');
  assert.match(page.url(), /postcode=YO24\+4NB/);
  assert.match(page.url(), /day=TH/);
  const result = page.locator('#community-results li.app-community-result').filter({ hasText: 'Acomb Sing-along' });
  assert.equal(await result.count(), 1);
  assert.match(await result.innerText(), /away/);
  assert.match(await result.innerText(), /Thursday/);
  // The map is drawn from the list, one marker per result with a place.
  await page.locator('#community-map').waitFor({ state: 'visible' });
  const markers = await page.locator('#community-map path.leaflet-interactive').count();
  assert.equal(markers, await page.locator('#community-results li[data-lat]').count());
  await axe(page);
  await fitsPhone(page);
  await page.screenshot({ path: root + '/tests/out/community-search-390.png', fullPage: true });

  await result.getByRole('link', { name: 'Acomb Sing-along' }).click();
  await page.waitForLoadState('load');
  assert.equal(await page.locator('h1').innerText(), 'Acomb Sing-along');
  assert.match(await page.locator('main').innerText(), /Demo listing/);
  assert.match(await page.locator('#next-dates').innerText(), /Thursday/);
  await axe(page);
  await fitsPhone(page);
  await page.screenshot({ path: root + '/tests/out/community-listing-390.png', fullPage: true });

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: /Add to your calendar/ }).click(),
  ]);
  assert.match(download.suggestedFilename(), /\.ics$/);
  const ics = readFileSync(await download.path(), 'utf8');
  assert.match(ics, /^BEGIN:VCALENDAR/);
  assert.match(ics, /RRULE:FREQ=WEEKLY[^\r\n]*BYDAY=TH/);
  assert.match(ics, /TZID=Europe\/London/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the suggestion form is accessible on a phone and shows problems beside fields', async () => {
  const context = await browser.newContext({ ...PHONE, bypassCSP: true });
  const { page } = await openPage(context, server.url + '/community/suggest');
  await axe(page);
  await page.getByRole('button', { name: 'Send' }).click();
  await page.waitForLoadState('load');
  assert.match(await page.locator('.govuk-error-summary').innerText(), /Say what it is called/);
  assert.match(await page.locator('#details-error').innerText(), /Say what happens there/);
  await axe(page);
  await fitsPhone(page);
  await context.close();
});

test('without JavaScript the results are all there, and no map', async () => {
  const context = await browser.newContext({ ...PHONE, javaScriptEnabled: false });
  const { page, problems } = await openPage(context, server.url + '/community?postcode=YO24+4NB&within=5&day=TH');
  assert.deepEqual(problems, []);
  assert.ok(await page.getByRole('link', { name: 'Acomb Sing-along' }).isVisible());
  assert.equal(await page.locator('#community-map').isVisible(), false);
  await context.close();
});

test('a wide screen shows the form beside the list and the map', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const { page, problems } = await openPage(context, server.url + '/community?postcode=YO24+4NB&within=5');
  await page.locator('#community-map').waitFor({ state: 'visible' });
  assert.deepEqual(problems, []);
  await page.screenshot({ path: root + '/tests/out/community-search-1280.png', fullPage: true });
  await context.close();
});
