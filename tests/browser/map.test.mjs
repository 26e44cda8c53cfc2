// The maps of areas with their drop-ins, on a 390 px phone: a marker for
// each drop-in at its postcode's centre (said so on the page), a popup
// with the venue, day, time and a cancelled next date, the same facts in
// the page's list, the tile service's attribution shown as text, and
// axe-core on each page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { run, startServer, yorkDatabase } from '../lib/alongside.mjs';
import { launch, openPage, checkPhonePage } from './browser.mjs';

const phone = { viewport: { width: 390, height: 844 }, bypassCSP: true };
const attribution = 'Contains OS data © Crown copyright & database rights 2026';
const tile = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==', 'base64');

let server, browser, heworth, placed, tuesday;

function nextTuesday() {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
  const d = new Date(today + 'T12:00:00Z');
  d.setUTCDate(d.getUTCDate() + ((2 - d.getUTCDay() + 7) % 7));
  return d;
}

before(async () => {
  const db = await yorkDatabase({ caseload: false });
  const listed = await run(['area', 'drop-ins', 'Heworth', '--db', db]);
  const living = /^(\S+).*Living Word Church/m.exec(listed.stdout)[1];
  tuesday = nextTuesday();
  const cancel = await run(['area', 'drop-in-cancel', living, '--on_date', tuesday.toISOString().slice(0, 10),
    '--reason', 'the hall is closed', '--db', db]);
  assert.equal(cancel.code, 0, cancel.stderr);
  server = await startServer({ db, migrate: false,
    args: ['--map-tiles', 'https://tiles.example/{z}/{x}/{y}.png', '--map-attribution', attribution] });
  browser = await launch();
  const areas = (await (await fetch(server.url + '/api/v1/areas')).json()).features;
  heworth = areas.find((f) => f.properties.name === 'Heworth').id;
  placed = areas.flatMap((f) => f.properties.drop_ins).filter((d) => d.location).length;
});
after(async () => {
  await browser?.close();
  assert.equal(await server.stop(), 0);
});

// A context whose tile requests are answered here: the closed network
// has no tile service.
async function phoneContext(options = phone) {
  const context = await browser.newContext(options);
  await context.route('https://tiles.example/**', (r) => r.fulfill({ contentType: 'image/png', body: tile }));
  return context;
}

const longTuesday = () => `Tuesday ${tuesday.getUTCDate()} ${tuesday.toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' })} ${tuesday.getUTCFullYear()}`;

test('the map of every area marks each drop-in, and the page lists them with the same facts', async () => {
  const context = await phoneContext();
  const { page, problems } = await openPage(context, server.url + '/areas');
  await page.locator('.app-map-dropin').first().waitFor();
  assert.deepEqual(problems, []);
  assert.equal(placed, 8, 'every demo drop-in is placed');
  // Markers closer than their size share one, titled with how many.
  const titles = await page.locator('.app-map-dropin').evaluateAll((els) => els.map((e) => e.title));
  assert.equal(titles.reduce((n, t) => n + Number(/^(\d+) drop-ins/.exec(t)?.[1] ?? 1), 0), placed, titles.join('\n'));
  assert.equal(await page.locator('#drop-ins ~ ul > li').count(), placed);
  assert.equal(await page.locator('#areas-map-note').innerText(),
    "Markers show the centre of the drop-in's postcode, not the building.");
  assert.match(await page.locator('.app-map-legend').innerText(), /Drop-in \(centre of its postcode\)/);
  // The attribution is the setting's text, escaped, not markup.
  assert.match(await page.locator('.leaflet-control-attribution').innerText(), new RegExp(attribution));

  // A keyboard reaches a marker and opens its popup.
  await page.locator('.app-map-dropin[title*="Living Word Church"]').focus();
  await page.keyboard.press('Enter');
  const popup = await page.locator('.leaflet-popup-content').innerText();
  assert.match(popup, /Living Word Church/);
  assert.match(popup, /Every Tuesday, 10:00 to 12:00/);
  assert.match(popup, new RegExp(`Cancelled: ${longTuesday()} — the hall is closed`));
  assert.match(popup, /Next it happens: Tuesday/);
  const item = await page.locator('#drop-ins ~ ul > li', { hasText: 'Living Word Church' }).innerText();
  assert.match(item, /Every Tuesday, 10:00 to 12:00/);
  assert.match(item, new RegExp(`Cancelled: ${longTuesday()} — the hall is closed`));
  assert.equal(/Next it happens: (.*)/.exec(item)[1], /Next it happens: (.*)/.exec(popup)[1]);

  const failures = [];
  await checkPhonePage(page, '/areas with a popup open', failures);
  assert.deepEqual(failures, []);
  await context.close();
});

test("an area's map marks its drop-ins beside its list of them", async () => {
  const context = await phoneContext();
  const { page, problems } = await openPage(context, `${server.url}/areas/${heworth}`);
  await page.locator('.app-map-dropin').first().waitFor();
  assert.deepEqual(problems, []);
  assert.equal(await page.locator('.app-map-dropin').count(), 1);
  assert.equal(await page.locator('#drop-ins ~ .govuk-summary-card').count(), 1);
  assert.equal(await page.locator('#areas-map-note').isVisible(), true);
  await page.locator('.app-map-dropin').click();
  assert.match(await page.locator('.leaflet-popup-content').innerText(), /the hall is closed/);
  const failures = [];
  await checkPhonePage(page, 'area page with a popup open', failures);
  assert.deepEqual(failures, []);
  await context.close();
});

test('without JavaScript the lists are the page: no map, no note of markers', async () => {
  const context = await browser.newContext({ ...phone, javaScriptEnabled: false });
  const { page } = await openPage(context, server.url + '/areas');
  assert.equal(await page.locator('#areas-map').isVisible(), false);
  assert.equal(await page.locator('#areas-map-note').isVisible(), false);
  assert.equal(await page.locator('#drop-ins ~ ul > li').count(), placed);
  await context.close();
});
