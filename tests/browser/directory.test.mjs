// The public directory in a real browser: finding a coordinator by
// postcode through the form, the areas map, and axe-core on every page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, yorkDatabase } from '../lib/alongside.mjs';
import { launch, openPage, runAxe, describeViolations } from './browser.mjs';

let server, browser, areaPath;
before(async () => {
  server = await startServer({ db: await yorkDatabase(), migrate: false });
  browser = await launch();
  const areas = await (await fetch(server.url + '/api/v1/areas')).json();
  areaPath = '/areas/' + areas.features.find((f) => f.properties.name === 'Heworth').id;
});
after(async () => {
  await browser?.close();
  assert.equal(await server.stop(), 0);
});

async function find(postcode) {
  const context = await browser.newContext();
  const { page, problems } = await openPage(context, server.url + '/');
  await page.getByRole('button', { name: 'Find your coordinator' }).click();
  await page.getByLabel('Postcode').fill(postcode);
  await page.getByRole('button', { name: 'Find' }).click();
  await page.waitForLoadState('load');
  return { page, problems, context };
}

test('a covered postcode shows the coordinator with ways to reach them', async () => {
  const { page, problems, context } = await find('yo24 4nb');
  assert.deepEqual(problems, []);
  assert.match(await page.locator('.govuk-panel__title').innerText(), /YO24 4NB is in a covered area/);
  assert.equal(await page.getByRole('link', { name: '07700 900101' }).getAttribute('href'), 'tel:07700900101');
  await context.close();
});

test('a postcode just outside says how near it is and whom to ask', async () => {
  const { page, context } = await find('YO23 2AA');
  assert.match(await page.locator('.govuk-inset-text').innerText(), /It is only \d+ metres from Holgate and Micklegate/);
  assert.ok(await page.getByText('Tom Whitaker').isVisible());
  await context.close();
});

test('a postcode far from cover names the nearest covered area', async () => {
  const { page, context } = await find('YO32 2RA');
  assert.match(await page.locator('main').innerText(), /The nearest covered area is .+, \d+\.\d km away/);
  await context.close();
});

test('something that is not a postcode gets an error the GOV.UK way', async () => {
  const { page, context } = await find('hello');
  assert.match(await page.title(), /^Error: /);
  assert.match(await page.locator('.govuk-error-summary').innerText(), /Enter a real postcode/);
  // The error summary takes focus so a screen reader hears it first.
  assert.equal(await page.evaluate(() => document.activeElement.classList.contains('govuk-error-summary')), true);
  await page.locator('.govuk-error-summary a').click();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'postcode');
  await context.close();
});

test('the areas map draws every area with a legend, and the list works without it', async () => {
  const context = await browser.newContext();
  const { page, problems } = await openPage(context, server.url + '/areas');
  await page.locator('#areas-map .leaflet-interactive').first().waitFor();
  assert.deepEqual(problems, []);
  assert.equal(await page.locator('#areas-map').isVisible(), true);
  assert.equal(await page.locator('#areas-map path.leaflet-interactive').count(), 9);
  // Covered and uncovered differ by line style, not only colour.
  assert.equal(await page.locator('#areas-map path[stroke-dasharray]').count(), 4);
  assert.match(await page.locator('.app-map-legend').innerText(), /Covered \(solid line\)[\s\S]*Not covered yet \(dashed line\)/);
  await context.close();

  const noScript = await browser.newContext({ javaScriptEnabled: false });
  const plain = await openPage(noScript, server.url + '/areas');
  assert.equal(await plain.page.locator('#areas-map').isVisible(), false);
  assert.equal(await plain.page.locator('tbody tr').count(), 9);
  await noScript.close();
});

test('axe-core finds no violations on any directory page', async () => {
  const pages = ['/find', '/find?postcode=YO24+4NB', '/find?postcode=YO23+2AA',
    '/find?postcode=YO32+2RA', '/find?postcode=YO24+4HN', '/find?postcode=hello', '/find?postcode=ZZ9+9ZZ', '/areas', areaPath];
  const context = await browser.newContext({ bypassCSP: true });
  for (const path of pages) {
    const { page } = await openPage(context, server.url + path);
    if (path === '/areas' || path === areaPath) await page.locator('#areas-map .leaflet-interactive').first().waitFor();
    const violations = await runAxe(page);
    assert.equal(violations.length, 0, `${path}:\n${describeViolations(violations)}`);
    await page.close();
  }
  await context.close();
});
