// Introductions in a real browser on a phone-sized screen: the public
// "Get in touch" form, and a coordinator logging a call and answering it;
// axe-core on every page of the path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO_PASSWORD } from '../lib/staff.mjs';
import { serverAndBrowser, openPage, runAxe, describeViolations } from './browser.mjs';

const PHONE = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, bypassCSP: true };
const app = serverAndBrowser();

async function axe(page, label, failures) {
  const v = await runAxe(page);
  if (v.length) failures.push(`${label}\n${describeViolations(v)}`);
}

test('someone introduces a neighbour from a phone, and is told what happens next', async () => {
  const context = await app.browser.newContext(PHONE);
  const failures = [];
  const { page, problems } = await openPage(context, app.server.url + '/');
  await page.getByRole('link', { name: 'Get in touch' }).first().click();
  await page.waitForLoadState('load');
  await axe(page, 'form', failures);
  // Sent empty: told what is missing, with a link to the field.
  await page.getByRole('button', { name: 'Send' }).click();
  await page.waitForLoadState('load');
  assert.match(await page.locator('.govuk-error-summary').innerText(), /Enter the person/);
  await axe(page, 'form with an error', failures);
  await page.getByLabel('I am a friend or neighbour').check();
  await page.getByLabel('Their name').fill('Mrs Example');
  await page.getByLabel('Their postcode').fill('YO24 4NB');
  await page.getByLabel('A little about them, in their own words if you can').fill('She would like company on her walks.');
  await page.getByLabel('Your name').fill('Pat Neighbour');
  await page.getByLabel('Your phone number').fill('07700 900100');
  await page.getByLabel('I have not asked them yet').check();
  // The character count tells how much room is left (JavaScript on).
  assert.match(await page.locator('.govuk-character-count__status').innerText(), /You have \d+ characters remaining/);
  await page.getByRole('button', { name: 'Send' }).click();
  await page.waitForLoadState('load');
  assert.match(page.url(), /\/get-in-touch\/sent\/[0-9a-f]{32}$/);
  assert.match(await page.locator('main').innerText(), /Priya Shah, the coordinator for Acomb and Westfield, will get back to you by/);
  assert.match(await page.locator('main').innerText(), /will talk with you first/);
  await axe(page, 'what happens next', failures);
  // The form sent empty answered 422, as it should; Chromium logs that.
  assert.deepEqual(problems.filter((p) => !/status of 422|HTTP 422: .*\/get-in-touch$/.test(p)), []);
  assert.equal(failures.join('\n\n'), '');
  await context.close();
});

test('a coordinator logs a call on a phone and moves it on', async () => {
  const context = await app.browser.newContext(PHONE);
  const failures = [];
  const { page, problems } = await openPage(context, app.server.url + '/staff/introductions');
  await page.getByLabel('Username').fill('priya');
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForLoadState('load');
  assert.equal(new URL(page.url()).pathname, '/staff/introductions');
  await axe(page, 'inbox', failures);
  await page.getByRole('link', { name: 'Log a call or message' }).click();
  await page.waitForLoadState('load');
  await axe(page, 'quick log', failures);
  const started = Date.now();
  await page.getByLabel('Their name', { exact: true }).fill('Phone Caller');
  await page.getByLabel('Phone', { exact: true }).fill('07700 900200');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.waitForLoadState('load');
  assert.ok(Date.now() - started < 60000, 'logged in under a minute');
  assert.equal(await page.locator('h1').innerText(), 'Phone Caller');
  await axe(page, 'introduction', failures);
  await page.getByLabel('Contacted').check();
  await page.getByRole('button', { name: 'Save' }).click();
  await page.waitForLoadState('load');
  assert.match(await page.locator('.govuk-caption-l').innerText(), /Contacted/);
  await page.getByRole('link', { name: 'Back to introductions' }).click();
  await page.waitForLoadState('load');
  assert.match(await page.locator('.app-inbox').innerText(), /Phone Caller/);
  await page.goto(app.server.url + '/staff/leave');
  assert.equal(await page.locator('h1').innerText(), 'Your leave');
  await axe(page, 'leave', failures);
  assert.deepEqual(problems, []);
  assert.equal(failures.join('\n\n'), '');
  await context.close();
});
