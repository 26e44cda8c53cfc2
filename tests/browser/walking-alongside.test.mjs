// Walking alongside on a phone, as the "Done when" says: a
// coordinator takes a new introduction to walking alongside, opens the
// person, writes what matters and their gifts with tags, logs the
// good-life conversation, sees them in the caseload, ends the involvement
// at the person's request and logs their return.  axe-core on every page,
// and no page scrolls sideways at 390 px.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { DEMO_PASSWORD } from '../lib/staff.mjs';
import { serverAndBrowser, openPage, runAxe, describeViolations } from './browser.mjs';

const WIDTH = 390;
const PHONE = { viewport: { width: WIDTH, height: 844 }, isMobile: true, hasTouch: true, bypassCSP: true };
const SHOTS = process.env.SHOTS_DIR || '/tmp/shots-pages';
const app = serverAndBrowser();

// axe-core finds nothing, and nothing is wider than the phone.
async function check(page, label, failures) {
  await page.waitForLoadState('load');
  const v = await runAxe(page);
  if (v.length) failures.push(`${label}\n${describeViolations(v)}`);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  if (width > WIDTH) failures.push(`${label}: ${width} px wide, scrolls sideways`);
}

async function save(page, name = 'Save') {
  await page.getByRole('button', { name, exact: true }).click();
  await page.waitForLoadState('load');
}

// Priya, signed in on a phone.
async function signedInPhone() {
  const context = await app.browser.newContext(PHONE);
  const { page, problems } = await openPage(context, app.server.url + '/staff');
  await page.getByLabel('Username').fill('priya');
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await save(page, 'Sign in');
  return { context, page, problems };
}

test('a coordinator walks alongside someone from their introduction to their return', async () => {
  const { context, page, problems } = await signedInPhone();
  const failures = [];
  await check(page, 'staff home', failures);

  // A new introduction, taken to walking alongside.
  await page.goto(app.server.url + '/staff/introductions/new');
  await page.getByLabel('Their name', { exact: true }).fill('Walter Alongside');
  await page.getByLabel('Phone', { exact: true }).fill('07700 900501');
  await page.getByLabel('Postcode', { exact: true }).fill('YO24 4NB');
  await save(page);
  for (const step of ['Contacted', 'Conversation arranged', 'Walking alongside']) {
    await page.getByLabel(step, { exact: true }).check();
    await save(page);
  }
  assert.match(await page.locator('.govuk-caption-l').innerText(), /Walking alongside/);
  await check(page, 'introduction, walking alongside', failures);

  // Their page, from the introduction.
  await page.getByRole('link', { name: 'Go to their page' }).click();
  await page.waitForLoadState('load');
  assert.equal(await page.locator('h1').innerText(), 'Walter Alongside');
  assert.match(await page.locator('.govuk-caption-l').innerText(), /Walking alongside/);
  const personUrl = page.url();
  const personPath = new URL(personUrl).pathname;
  await check(page, 'person', failures);

  // What matters and their gifts, in their words, with tags.
  await page.getByRole('link', { name: 'Write what matters and their gifts' }).click();
  await page.waitForLoadState('load');
  await check(page, 'what matters form', failures);
  await page.getByLabel('What matters to them').fill('Getting back to the allotment.');
  await page.getByLabel('Their picture of a good life').fill('Growing things with other people.');
  await page.getByLabel('What they hope for').fill('A walking group.');
  await page.getByLabel('Their gifts, skills, strengths and interests').fill('Forty years of growing vegetables.');
  await page.getByLabel('What they would like to offer others').fill('Showing others how to grow.');
  await page.getByLabel('New tags').fill('gardening, walking');
  await save(page);
  assert.equal(new URL(page.url()).pathname, personPath);
  const main = await page.locator('main').innerText();
  assert.match(main, /Getting back to the allotment\./);
  assert.match(main, /Forty years of growing vegetables\./);
  assert.match(main, /gardening/);
  assert.match(main, /walking/);
  await check(page, 'person with what matters', failures);

  // The good-life conversation, from the link on their page.
  await page.getByRole('link', { name: 'Conversations with Walter Alongside' }).click();
  await check(page, 'conversations', failures);
  await page.getByLabel('Met in person').check();
  await page.getByText('More details (optional)').click();
  await page.getByLabel('This was the good-life conversation').check();
  await save(page, 'Log the conversation');
  assert.match(await page.locator('main').innerText(), /The good-life conversation/);
  await check(page, 'conversations, one logged', failures);
  await page.goto(personUrl);
  assert.doesNotMatch(await page.locator('main').innerText(), /None held yet/, 'the first conversation is shown');

  // They are in the caseload, from the staff home page; back to them.
  await page.goto(app.server.url + '/staff');
  await page.getByRole('link', { name: 'The people you walk alongside' }).click();
  await page.waitForLoadState('load');
  assert.match(await page.locator('main').innerText(), /Walter Alongside/);
  await check(page, 'caseload', failures);
  await page.getByRole('link', { name: 'Walter Alongside' }).first().click();
  await page.waitForLoadState('load');
  assert.equal(new URL(page.url()).pathname, personPath);

  // Screenshots of their page on a phone and a desktop.
  await page.goto(personUrl);
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/person-390.png`, fullPage: true });
  const wide = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
  await wide.addCookies(await context.cookies());
  const widePage = await wide.newPage();
  await widePage.goto(personUrl);
  await widePage.screenshot({ path: `${SHOTS}/person-1280.png`, fullPage: true });
  await wide.close();

  // They ask to end it.
  await page.getByRole('link', { name: 'End this involvement' }).click();
  await page.waitForLoadState('load');
  await check(page, 'end form', failures);
  await save(page, 'End the involvement');
  assert.match(await page.locator('.govuk-error-summary').innerText(), /why it ended/);
  await check(page, 'end form with errors', failures);
  await page.getByLabel('They chose to end it').check();
  await page.getByLabel('The person, their own choice').check();
  await save(page, 'End the involvement');
  assert.equal(new URL(page.url()).pathname, personPath);
  assert.match(await page.locator('main').innerText(), /Ended by the person/);
  assert.match(await page.locator('.govuk-caption-l').innerText(), /Not involved at the moment/);
  await check(page, 'person, ended', failures);

  // They come back: their return, without a new introduction.
  await page.getByLabel('Walking alongside', { exact: true }).check();
  await save(page, 'Log their return');
  assert.match(await page.locator('.govuk-caption-l').innerText(), /Walking alongside/);
  assert.match(await page.locator('main').innerText(), /Return/);
  await check(page, 'person, returned', failures);

  // Only the end form sent empty answered 422, as it should.
  assert.deepEqual(problems.filter((p) => !/status of 422|HTTP 422: .*\/end$/.test(p)), []);
  assert.equal(failures.join('\n\n'), '');
  await context.close();
});

test('a coordinator adds someone from the person\'s family on a phone', async () => {
  const { context, page, problems } = await signedInPhone();
  const failures = [];
  await page.goto(app.server.url + '/staff/people/new');
  await page.getByLabel('Their name', { exact: true }).fill('Fern Household');
  await page.getByLabel('Postcode', { exact: true }).fill('YO24 4NB');
  await save(page, 'Add them');
  const fernPath = new URL(page.url()).pathname;
  await page.getByRole('link', { name: 'Add someone from their family or household' }).click();
  await page.waitForLoadState('load');
  assert.match(await page.locator('main').innerText(), /family or household of Fern Household/);
  await check(page, 'household form', failures);
  await save(page, 'Add them');
  assert.match(await page.locator('.govuk-error-summary').innerText(), /name/i);
  await check(page, 'household form with errors', failures);
  await page.getByLabel('Their name', { exact: true }).fill('Rowan Household');
  await save(page, 'Add them');
  assert.equal(await page.locator('h1').innerText(), 'Rowan Household');
  await check(page, 'household member', failures);
  await page.getByRole('link', { name: 'Fern Household' }).click();
  await page.waitForLoadState('load');
  assert.equal(new URL(page.url()).pathname, fernPath);
  assert.match(await page.locator('main').innerText(), /Rowan Household/);
  // Only the form sent without a name answered 422, as it should.
  assert.deepEqual(problems.filter((p) => !/status of 422|HTTP 422: .*\/staff\/people$/.test(p)), []);
  assert.equal(failures.join('\n\n'), '');
  await context.close();
});
