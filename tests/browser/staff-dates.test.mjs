// Dates with the GOV.UK date pattern on a 390 px phone (issue 15): a
// coordinator logs a voicemail left earlier with day, month, year and a
// time, is shown the field at fault for a date that does not exist, and
// sees the time back in words; a covering coordinator sees the cover
// marked in the inbox.  axe-core on every page of the way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser, signInAt, checkPhonePage, submitButton } from './browser.mjs';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, bypassCSP: true };
const app = serverAndBrowser();

const signIn = (context, username, path) => signInAt(context, app.server.url + path, username);

// The latest 1 July past: within the year the quick log takes.
function lastFirstOfJuly() {
  const now = new Date();
  const year = now.getUTCFullYear();
  return Date.UTC(year, 6, 1, 12) < now.getTime() ? year : year - 1;
}

test('a coordinator enters when a voicemail came with the date pattern, on a phone', async () => {
  const context = await app.browser.newContext(PHONE);
  const failures = [];
  const { page, problems } = await signIn(context, 'priya', '/staff/introductions/new');
  assert.equal(new URL(page.url()).pathname, '/staff/introductions/new');
  await checkPhonePage(page, 'the quick log', failures);
  await page.getByLabel('Voicemail').check();
  await page.getByLabel('Their name', { exact: true }).fill('Val Voicemail');
  await page.getByLabel('Phone', { exact: true }).fill('07700 900888');
  const when = page.getByRole('group', { name: 'When it came' });
  const year = String(lastFirstOfJuly());
  await when.getByLabel('Day').fill('31');
  await when.getByLabel('Month').fill('2');
  await when.getByLabel('Year').fill(year);
  await when.getByLabel('Time').fill('10am');
  await submitButton(page, 'Save');
  const summary = page.locator('.govuk-error-summary');
  assert.match(await summary.innerText(), /must be a real date: check the day/);
  await checkPhonePage(page, 'the quick log with a date that does not exist', failures);
  // The summary's link goes to the day, the field at fault.
  await summary.getByRole('link').first().click();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'received_at');
  assert.equal(await page.locator('#received_at').getAttribute('class'), 'govuk-input govuk-date-input__input govuk-input--width-2 govuk-input--error');
  await when.getByLabel('Day').fill('1');
  await when.getByLabel('Month').fill('7');
  await submitButton(page, 'Save');
  assert.match(new URL(page.url()).pathname, /^\/staff\/introductions\/[0-9a-f]{32}$/);
  const main = await page.locator('main').innerText();
  assert.match(main, new RegExp(`Arrived\\s+\\w+day 1 July ${year} at 10am`));
  assert.match(main, /Came by\s+Voicemail/);
  assert.equal(await page.getByRole('link', { name: 'Call 07700 900888' }).getAttribute('href'), 'tel:07700900888');
  assert.equal(await page.getByRole('link', { name: 'Text 07700 900888' }).getAttribute('href'), 'sms:07700900888');
  await checkPhonePage(page, 'the introduction', failures);
  assert.deepEqual(problems.filter((p) => !/status of 422|HTTP 422: .*\/staff\/introductions$/.test(p)), []);
  assert.equal(failures.join('\n\n'), '');
  await context.close();
});

test('a covering coordinator sees the cover marked in the inbox, on a phone', async () => {
  const context = await app.browser.newContext(PHONE);
  const failures = [];
  const { page, problems } = await signIn(context, 'daniel', '/staff/introductions');
  assert.equal(new URL(page.url()).pathname, '/staff/introductions');
  assert.match(await page.locator('main').innerText(), /You are covering Acomb and Westfield for Priya Shah until/);
  await checkPhonePage(page, 'the covering inbox', failures);
  assert.deepEqual(problems, []);
  assert.equal(failures.join('\n\n'), '');
  await context.close();
});
