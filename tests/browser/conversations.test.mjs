// The contact log in a real browser on a phone 390 px wide: a coordinator
// logs a conversation with two taps, is told what is missing when they
// forget how, logs one with a note and corrects it; no page scrolls
// sideways, and axe-core finds nothing on any of them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, yorkDatabase } from '../lib/alongside.mjs';
import { Browser, DEMO_PASSWORD } from '../lib/staff.mjs';
import { walkingAlongside } from '../lib/walking.mjs';
import { launch, openPage, checkPhonePage, submitButton } from './browser.mjs';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, bypassCSP: true };
let server, browser, person;
before(async () => {
  server = await startServer({ db: await yorkDatabase(), migrate: false });
  const priya = await new Browser(server.url).signedIn('priya');
  priya.csrfToken = await priya.csrf('/staff');
  person = await walkingAlongside(server, priya, 'Bea Example');
  browser = await launch();
});
after(async () => {
  await browser?.close();
  assert.equal(await server.stop(), 0);
});

test('a coordinator logs a conversation on a phone and corrects its note', async () => {
  const context = await browser.newContext(PHONE);
  const failures = [];
  const log = `${server.url}/staff/people/${person}/conversations`;
  const { page, problems } = await openPage(context, log);
  await page.getByLabel('Username').fill('priya');
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await submitButton(page, 'Sign in');
  assert.equal(new URL(page.url()).pathname, `/staff/people/${person}/conversations`);
  assert.equal(await page.locator('h1').innerText(), 'Conversations with Bea Example');
  await checkPhonePage(page, 'an empty log', failures);

  // Forgetting how: told so, beside the field.
  await submitButton(page, 'Log the conversation');
  assert.match(await page.locator('.govuk-error-summary').innerText(), /Say how you talked/);
  await checkPhonePage(page, 'the form with a problem', failures);

  // Two fields: when is already now; how is one tap.
  await page.getByLabel('Phone call').check();
  await submitButton(page, 'Log the conversation');
  assert.match(await page.locator('.app-conversation').first().innerText(), /Phone call/);

  // With details: a note, the good-life conversation.
  await page.getByLabel('Met in person').check();
  await page.getByText('More details (optional)').click();
  await page.getByLabel('Or where else').fill('The café on Front Street');
  await page.getByLabel('A short note').fill('Bea loves her allotmnet and would like to share it');
  await page.getByLabel('This was the good-life conversation').check();
  await submitButton(page, 'Log the conversation');
  const newest = page.locator('.app-conversation').first();
  assert.match(await newest.innerText(), /The good-life conversation/);
  assert.match(await newest.innerText(), /allotmnet/);
  await checkPhonePage(page, 'the log with two conversations', failures);

  // The note corrected: the earlier version is kept and shown as such.
  await newest.getByText('Correct the note').click();
  await newest.getByLabel('The note as it should read').fill('Bea loves her allotment and would like to share it');
  await newest.getByRole('button', { name: 'Save the note' }).click();
  await page.waitForLoadState('load');
  const corrected = page.locator('.app-conversation').first();
  assert.match(await corrected.innerText(), /Corrected by priya/);
  await corrected.getByText('Earlier versions (1)').click();
  assert.match(await corrected.locator('s').innerText(), /allotmnet/);
  await checkPhonePage(page, 'a corrected note', failures);

  // Chromium logs the 422 of the form sent without how, as it should.
  assert.deepEqual(problems.filter((p) => !/status of 422|HTTP 422: .*\/conversations$/.test(p)), []);
  assert.equal(failures.join('\n\n'), '');
  await context.close();
});
