// Wellbeing and stories on a 390 px phone: a coordinator asks the ONS
// four with the person (a select a question, so each stays one row),
// sees a refused form name its fields, then records a story to share with
// the public, with a title and words that name no one; the team leader
// sees exactly what goes beyond the team, approves it from their waiting
// list and reads it in the list beyond the team: the public title and
// words only, without the person's name or the team's title.
// axe-core on every page of the way, none wider than the phone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser, signInAt, checkPhonePage, submitButton } from './browser.mjs';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, bypassCSP: true };
const app = serverAndBrowser();

test('wellbeing and a story, from the coordinator to the team leader, on a phone', async () => {
  const failures = [];
  const context = await app.browser.newContext(PHONE);
  const { page } = await signInAt(context, `${app.server.url}/staff/caseload`, 'priya');
  const first = page.locator('main a[href^="/staff/people/"]').first();
  const href = await first.getAttribute('href');
  const person = href.match(/\/staff\/people\/([0-9a-f]{32})/)[1];
  await page.goto(`${app.server.url}/staff/people/${person}`);
  const name = (await page.locator('h1').innerText()).trim();
  await page.getByRole('link', { name: 'Wellbeing' }).click();
  await page.waitForLoadState('load');
  await checkPhonePage(page, 'wellbeing, not yet asked', failures);
  // Nothing chosen: refused, each problem named.
  await submitButton(page, 'Save their answers');
  assert.match(await page.locator('.govuk-error-summary').innerText(), /Say when these were asked/);
  await checkPhonePage(page, 'wellbeing refused', failures);
  await page.getByLabel('At the start').check();
  await page.getByLabel('Overall, how satisfied are you with your life nowadays?').selectOption('4');
  await page.getByLabel(/how anxious did you feel yesterday/).selectOption('2');
  await submitButton(page, 'Save their answers');
  const main = await page.locator('main').innerText();
  assert.match(main, /4 out of 10 \(low\)/);
  assert.match(main, /2 out of 10 \(low\)/);
  assert.match(main, /lower is better/);
  await checkPhonePage(page, 'wellbeing with one sitting', failures);

  await page.goto(`${app.server.url}/staff/people/${person}/stories/new`);
  await checkPhonePage(page, 'a new story', failures);
  await page.getByLabel('Title', { exact: true }).fill('Back at the allotment');
  await page.getByLabel('Their words').fill('I had not been out for a year.\nNow I go every Tuesday.');
  await page.getByLabel(/^The public/).check();
  await page.getByLabel('For the public: a title that names no one').fill('Digging again');
  await page.getByLabel(/^For the public: their story/).fill('Someone now digs every Tuesday.');
  await page.getByLabel('In person').check();
  await submitButton(page, 'Save the story');
  assert.match(await page.locator('main').innerText(), /Waiting for review/);
  await checkPhonePage(page, 'the story', failures);
  await context.close();

  const leader = await app.browser.newContext(PHONE);
  const jo = (await signInAt(leader, `${app.server.url}/team/stories`, 'jo.bennett')).page;
  await checkPhonePage(jo, 'stories waiting for review', failures);
  const story = jo.locator('.app-story', { hasText: 'Back at the allotment' });
  const beyond = await story.locator('.govuk-inset-text').innerText();
  assert.match(beyond, /What the public will see, with no name:\s*Digging again\s*Someone now digs every Tuesday\./);
  await story.getByLabel('Approve: it may go as far as they agreed').check();
  await story.getByRole('button', { name: 'Save the review' }).click();
  await jo.waitForLoadState('load');
  assert.doesNotMatch(await jo.locator('main').innerText(), /Back at the allotment/);
  await jo.goto(`${app.server.url}/reports/stories`);
  const shared = await jo.locator('main').innerText();
  assert.match(shared, /Digging again/);
  assert.match(shared, /Someone now digs every Tuesday/);
  assert.doesNotMatch(shared, /Back at the allotment|Now I go every Tuesday/);
  assert.ok(!shared.includes(name), 'the list beyond the team names nobody');
  await checkPhonePage(jo, 'stories shared beyond the team', failures);
  await leader.close();
  assert.equal(failures.join('\n\n'), '');
});
