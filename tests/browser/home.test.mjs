// The home page and the error page in a real browser: they load under our
// Content-Security-Policy with nothing failing, are accessible (axe-core),
// work without JavaScript and fit a phone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { startServer, root } from '../lib/alongside.mjs';
import { launch, openPage, runAxe, describeViolations } from './browser.mjs';

let server, browser;
before(async () => {
  server = await startServer();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  assert.equal(await server.stop(), 0);
});

test('the home page loads with its assets, scripts and no errors', async () => {
  const context = await browser.newContext();
  const { page, response, problems } = await openPage(context, server.url + '/');
  assert.equal(response.status(), 200);
  assert.deepEqual(problems, []);
  assert.equal((await page.locator('.govuk-service-navigation__service-name').innerText()).trim(), 'Local Area Coordination');
  assert.equal(await page.locator('h1').count(), 1);
  assert.match(await page.locator('footer').innerText(), /Privacy[^]*Accessibility statement[^]*Cookies/);
  assert.doesNotMatch(await page.locator('footer').innerText(), /Ordnance Survey/);
  // Both our scripts ran: the body class one, and GOV.UK Frontend's initAll.
  const classes = await page.evaluate(() => document.body.className);
  assert.match(classes, /\bjs-enabled\b/);
  assert.match(classes, /\bgovuk-frontend-supported\b/);
  assert.equal(await page.locator('.govuk-skip-link').getAttribute('data-govuk-skip-link-init'), '');
  // The stylesheet applied: GOV.UK's body font size, and no GDS Transport.
  const font = await page.evaluate(() => getComputedStyle(document.querySelector('.govuk-body')).fontFamily);
  assert.match(font, /arial/i);
  assert.doesNotMatch(font, /GDS Transport/);
  mkdirSync(root + '/tests/out', { recursive: true });
  await page.screenshot({ path: root + '/tests/out/home.png', fullPage: true });
  await context.close();
});

test('the skip link is the first stop and moves focus to the content', async () => {
  const context = await browser.newContext();
  const { page } = await openPage(context, server.url + '/');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent.trim()), 'Skip to main content');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'main-content');
  await context.close();
});

for (const [path, status] of [['/', 200], ['/no-such-page', 404]]) {
  test(`axe-core finds no accessibility violations on ${path}`, async () => {
    const context = await browser.newContext({ bypassCSP: true });
    const { page, response } = await openPage(context, server.url + path);
    assert.equal(response.status(), status);
    const violations = await runAxe(page);
    assert.equal(violations.length, 0, describeViolations(violations));
    await context.close();
  });
}

test('the home page works without JavaScript', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const { page, problems } = await openPage(context, server.url + '/');
  assert.deepEqual(problems, []);
  assert.match(await page.locator('h1').innerText(), /Local Area Coordination/);
  assert.ok(await page.locator('main').isVisible());
  assert.doesNotMatch(await page.evaluate(() => document.body.className), /js-enabled/);
  await context.close();
});

test('the home page fits a phone screen without sideways scrolling', async () => {
  const context = await browser.newContext({ viewport: { width: 375, height: 667 }, isMobile: true });
  const { page } = await openPage(context, server.url + '/');
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  assert.ok(scroll <= client, `page is ${scroll}px wide on a ${client}px screen`);
  await context.close();
});
