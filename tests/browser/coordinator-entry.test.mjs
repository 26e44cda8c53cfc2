// A coordinator's public entry in a real browser, at desktop width and on
// a 390 px phone, with axe-core on every page: an administrator links the
// coordinator's account to the area's entry, then the coordinator edits
// their own entry and the public page shows it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, yorkDatabase } from '../lib/alongside.mjs';
import { DEMO_PASSWORD } from '../lib/staff.mjs';
import { launch, openPage, checkPhonePage, runAxe, describeViolations, submitButton } from './browser.mjs';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, bypassCSP: true };
const DESKTOP = { viewport: { width: 1280, height: 900 }, bypassCSP: true };
let server, browser, clifton;

before(async () => {
  server = await startServer({ db: await yorkDatabase({ caseload: false }), migrate: false });
  const areas = await (await fetch(server.url + '/api/v1/areas')).json();
  clifton = areas.features.find((f) => f.properties.name === 'Clifton and Guildhall').id;
  browser = await launch();
});
after(async () => {
  await browser?.close();
  assert.equal(await server.stop(), 0);
});

async function signIn(context, username, path) {
  const { page, problems } = await openPage(context, server.url + path);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await submitButton(page, 'Sign in');
  assert.equal(new URL(page.url()).pathname, path);
  return { page, problems };
}

// axe at the width the context has; on a phone, no wider than 390 px.
async function check(page, label, failures, phone) {
  if (phone) return checkPhonePage(page, label, failures);
  const v = await runAxe(page);
  if (v.length) failures.push(`${label}\n${describeViolations(v)}`);
}

for (const [width, options] of [['desktop', DESKTOP], ['390 px', PHONE]]) {
  const phone = options === PHONE;

  test(`an administrator links grace's account to her entry (${width})`, async () => {
    const context = await browser.newContext(options);
    const failures = [];
    const { page, problems } = await signIn(context, 'admin', `/admin/areas/${clifton}/coordinator`);
    assert.equal(await page.locator('h1').innerText(), 'Coordinator’s public entry');
    await check(page, 'the entry', failures, phone);
    // Unlinked first, then linked again from the select.
    await page.getByLabel('Staff account').selectOption('');
    await submitButton(page, 'Save the entry');
    assert.match(await page.locator('.govuk-notification-banner').innerText(), /saved/);
    assert.equal(await page.getByLabel('Staff account').inputValue(), '');
    // A Facebook address that is not a Facebook page is told at the field.
    await page.getByLabel('Staff account').selectOption('grace');
    await page.getByLabel('Facebook page (optional)').fill('https://example.com/grace');
    await submitButton(page, 'Save the entry');
    assert.match(await page.locator('.govuk-error-summary').innerText(), /Facebook page/);
    assert.match(await page.locator('#facebook_url-error').innerText(), /https:\/\/www.facebook.com\//);
    await check(page, 'the entry refused', failures, phone);
    await page.getByLabel('Facebook page (optional)').fill('https://www.facebook.com/CliftonLAC');
    await submitButton(page, 'Save the entry');
    assert.match(await page.locator('.govuk-notification-banner').innerText(), /saved/);
    assert.equal(await page.getByLabel('Staff account').inputValue(), 'grace');
    assert.match(await page.locator('main').innerText(), /What the public sees[\s\S]*Grace Okafor/);
    await check(page, 'the entry saved', failures, phone);
    assert.deepEqual(failures, []);
    assert.deepEqual(problems.filter((p) => !/422/.test(p)), [], 'refused forms aside');
    await context.close();
  });

  test(`grace edits her own entry and the public sees it (${width})`, async () => {
    const context = await browser.newContext(options);
    const failures = [];
    const { page, problems } = await signIn(context, 'grace', '/staff');
    await page.getByRole('link', { name: 'Your public entry' }).click();
    await page.waitForLoadState('load');
    assert.equal(await page.locator('h1').innerText(), 'Your public entry');
    await check(page, 'her entry', failures, phone);
    await page.getByLabel('Mobile').fill('12');
    await submitButton(page, 'Save your entry');
    assert.match(await page.locator('#mobile-error').innerText(), /mobile number/);
    await check(page, 'her entry refused', failures, phone);
    const words = `Tuesdays at the library, ${width}.`;
    await page.getByLabel('Mobile').fill('07700 900103');
    await page.getByLabel('A line about yourself (optional)').fill(words);
    await submitButton(page, 'Save your entry');
    assert.match(await page.locator('.govuk-notification-banner').innerText(), /Your public entry is saved/);
    await page.getByRole('link', { name: /public page/ }).click();
    await page.waitForLoadState('load');
    assert.match(await page.locator('main').innerText(), new RegExp(words.replace('.', '\\.')));
    assert.deepEqual(failures, []);
    assert.deepEqual(problems.filter((p) => !/422/.test(p)), [], 'refused forms aside');
    await context.close();
  });
}
