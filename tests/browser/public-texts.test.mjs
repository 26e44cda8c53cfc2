// The privacy notice, accessibility statement and cookies page in a real
// browser, on a 390 px phone and a desktop, with axe-core; and the footer
// that links them, signed out and signed in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser, openPage, checkPhonePage, runAxe, describeViolations } from './browser.mjs';
import { DEMO_PASSWORD } from '../lib/staff.mjs';

const app = serverAndBrowser();
const PAGES = [['/privacy', 'Privacy notice'], ['/accessibility', 'Accessibility statement'], ['/cookies', 'Cookies']];

test('the three pages fit a phone, pass axe-core and are reached from the footer', async () => {
  const context = await app.browser.newContext({ bypassCSP: true, viewport: { width: 390, height: 844 } });
  const failures = [];
  const { page, problems } = await openPage(context, app.server.url + '/');
  for (const [path, title] of PAGES) {
    await page.locator('footer').getByRole('link', { name: title === 'Privacy notice' ? 'Privacy' : title, exact: true }).click();
    await page.waitForLoadState('load');
    assert.equal(new URL(page.url()).pathname, path);
    assert.equal(await page.locator('h1').innerText(), title);
    assert.doesNotMatch(await page.locator('main').innerText(), /\{[a-z_.]+\}/);
    await checkPhonePage(page, path, failures);
  }
  assert.deepEqual(problems, []);
  assert.deepEqual(failures, []);
  await context.close();
});

test('on a desktop too, and every link on them is one the subset allows', async () => {
  const context = await app.browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
  for (const [path] of PAGES) {
    const { page, problems } = await openPage(context, app.server.url + path);
    const violations = await runAxe(page);
    assert.equal(violations.length, 0, describeViolations(violations));
    const hrefs = await page.locator('main a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    for (const href of hrefs) assert.match(href, /^(https:\/\/|mailto:|tel:|\/[^/])/, `${path}: ${href}`);
    assert.deepEqual(problems, []);
  }
  await context.close();
});

test('the footer offers staff sign in only when signed out; signed in, the header signs out', async () => {
  const context = await app.browser.newContext({ bypassCSP: true, viewport: { width: 390, height: 844 } });
  const { page } = await openPage(context, app.server.url + '/privacy');
  const footer = page.locator('footer');
  await footer.getByRole('link', { name: 'Staff sign in' }).click();
  await page.waitForLoadState('load');
  await page.getByLabel('Username').fill('priya');
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForLoadState('load');
  assert.equal(new URL(page.url()).pathname, '/staff');
  const failures = [];
  for (const path of ['/staff', '/privacy', '/cookies']) {
    await page.goto(app.server.url + path);
    assert.equal(await footer.getByRole('link', { name: 'Staff sign in' }).count(), 0, path);
    assert.equal(await footer.getByRole('link', { name: 'Privacy', exact: true }).count(), 1, path);
    assert.equal(await page.locator('header').getByRole('button', { name: 'Sign out' }).count(), 1, path);
    await checkPhonePage(page, `${path} signed in`, failures);
  }
  // A staff page carries no data attributions; the areas page does.
  await page.goto(app.server.url + '/staff');
  assert.doesNotMatch(await footer.innerText(), /Data on this page/);
  await page.goto(app.server.url + '/areas');
  assert.match(await footer.innerText(), /Ward boundaries/);
  assert.deepEqual(failures, []);
  await context.close();
});
