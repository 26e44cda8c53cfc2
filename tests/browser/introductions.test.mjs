// Introductions in a real browser on a phone-sized screen: the public
// "Get in touch" form, and a coordinator logging a call and answering it;
// axe-core on every page of the path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO_PASSWORD } from '../lib/staff.mjs';
import { serverAndBrowser, openPage, runAxe, describeViolations, checkPhonePage, submitButton } from './browser.mjs';

const PHONE = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, bypassCSP: true };
const PHONE390 = { ...PHONE, viewport: { width: 390, height: 844 } };
const app = serverAndBrowser();

async function axe(page, label, failures) {
  const v = await runAxe(page);
  if (v.length) failures.push(`${label}\n${describeViolations(v)}`);
}

test('someone introduces a neighbour from a phone, in two steps, and is told what happens next', async () => {
  const context = await app.browser.newContext(PHONE);
  const failures = [];
  const { page, problems } = await openPage(context, app.server.url + '/');
  await page.getByRole('link', { name: 'Get in touch' }).first().click();
  await page.waitForLoadState('load');
  await axe(page, 'first step', failures);
  await page.getByLabel('For someone in my family, a friend or a neighbour').check();
  await page.getByLabel('Postcode').fill('YO24 4NB');
  await submitButton(page, 'Continue');
  await axe(page, 'second step', failures);
  // Sent empty: told everything that is missing at once.
  await submitButton(page, 'Send');
  const summary = await page.locator('.govuk-error-summary').innerText();
  assert.match(summary, /Enter the person/);
  assert.match(summary, /Say whether the person knows/);
  assert.match(summary, /name of the person getting in touch/);
  await axe(page, 'second step with errors', failures);
  await page.getByLabel('Their name').fill('Mrs Example');
  await page.getByLabel('A little about them, in their own words if you can').fill('She would like company on her walks.');
  await page.getByLabel('Your name').fill('Pat Neighbour');
  await page.getByLabel('Your phone number').fill('07700 900100');
  await page.getByLabel('I have not asked them yet').check();
  // The character count tells how much room is left (JavaScript on).
  assert.match(await page.locator('.govuk-character-count__status').innerText(), /You have \d+ characters remaining/);
  await submitButton(page, 'Send');
  assert.match(page.url(), /\/get-in-touch\/sent\/[0-9a-f]{32}$/);
  assert.match(await page.locator('main').innerText(), /Priya Shah, the coordinator for Acomb and Westfield, will get back to you by/);
  assert.match(await page.locator('main').innerText(), /will talk with you first/);
  await axe(page, 'what happens next', failures);
  // The form sent empty answered 422, as it should; Chromium logs that.
  assert.deepEqual(problems.filter((p) => !/status of 422|HTTP 422: .*\/get-in-touch$/.test(p)), []);
  assert.equal(failures.join('\n\n'), '');
  await context.close();
});

test('someone gets in touch for themselves at 390 px, from /find, with one error summary', async () => {
  const context = await app.browser.newContext(PHONE390);
  const failures = [];
  const { page, problems } = await openPage(context, app.server.url + '/find?postcode=YO24+4NB');
  await page.getByRole('link', { name: 'send a message here' }).click();
  await page.waitForLoadState('load');
  // The postcode found is carried over.
  assert.equal(await page.getByLabel('Postcode').inputValue(), 'YO24 4NB');
  await checkPhonePage(page, 'first step', failures);
  await page.getByLabel('For myself').check();
  await submitButton(page, 'Continue');
  const step = await page.locator('main').innerText();
  assert.doesNotMatch(step, /Their name|Do they know/);
  await checkPhonePage(page, 'second step', failures);
  // Three mistakes in one send: three lines in one summary.
  await page.getByLabel('Your phone number').fill('12');
  await page.getByLabel('Your email address').fill('nope');
  await submitButton(page, 'Send');
  assert.equal(await page.locator('.govuk-error-summary').count(), 1);
  assert.equal(await page.locator('.govuk-error-summary__list li').count(), 3);
  await checkPhonePage(page, 'second step with three errors', failures);
  // Each line leads to its field.
  await page.locator('.govuk-error-summary__list a', { hasText: 'Enter your name' }).click();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'person_name');
  await page.getByLabel('Your name').fill('Sam Self');
  await page.getByLabel('Your phone number').fill('07700 900101');
  await page.getByLabel('Your email address').fill('');
  await submitButton(page, 'Send');
  assert.match(page.url(), /\/get-in-touch\/sent\/[0-9a-f]{32}$/);
  await checkPhonePage(page, 'what happens next', failures);
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

test('a coordinator logs a call for another area and is told where it went', async () => {
  const context = await app.browser.newContext(PHONE390);
  const failures = [];
  const { page, problems } = await openPage(context, app.server.url + '/staff/introductions/new');
  await page.getByLabel('Username').fill('priya');
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await submitButton(page, 'Sign in');
  await page.getByLabel('Their name', { exact: true }).fill('Micklegate Caller');
  await page.getByLabel('Phone', { exact: true }).fill('07700 900201');
  await page.getByLabel('Postcode').fill('YO23 2AA');
  await submitButton(page, 'Save');
  assert.match(page.url(), /\/staff\/introductions\/[0-9a-f]{32}\/logged$/);
  assert.equal(await page.locator('h1').innerText(), 'Introduction logged');
  assert.match(await page.locator('main').innerText(), /Holgate and Micklegate/);
  assert.match(await page.locator('main').innerText(), /no need to log it again/);
  await checkPhonePage(page, 'logged for another area', failures);
  assert.deepEqual(problems, []);
  assert.equal(failures.join('\n\n'), '');
  await context.close();
});
