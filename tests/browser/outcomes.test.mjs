// Outcomes in a real browser, on a phone 390 px wide and on a desktop: a
// coordinator and the person fill in where things are now together,
// sending it first with one question unanswered (the summary names it and
// nothing is saved), then whole with "I'd rather not say" for one and
// their words for another; the page shows the first and latest per
// statement.  Another day the person would rather not, and that is
// recorded.  A programme manager's /admin/outcomes is checked too.  axe-core
// finds nothing on any page and none scrolls sideways on the phone.
// ALONGSIDE_SHOTS=dir keeps a screenshot of each page there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { run } from '../lib/alongside.mjs';
import { Browser, DEMO_PASSWORD } from '../lib/staff.mjs';
import { walkingAlongside } from '../lib/walking.mjs';
import { serverAndBrowser, signInAt, pageChecker, submitButton } from './browser.mjs';

const app = serverAndBrowser();
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, bypassCSP: true };
const DESKTOP = { viewport: { width: 1280, height: 900 }, bypassCSP: true };
const shots = process.env.ALONGSIDE_SHOTS;

const sql = (db, query) => (db.startsWith('sqlite:')
  ? execFileSync('sqlite3', [db.slice('sqlite:'.length), query])
  : execFileSync('psql', [db, '-qAtc', query])).toString().trim();

// Two people walking alongside with Priya, and a programme manager, made
// once, when the first test needs them (the server starts in a hook).
let made;
function ready() {
  made ??= (async () => {
    const priya = await new Browser(app.server.url).signedIn('priya');
    priya.csrfToken = await priya.csrf('/staff');
    const people = {
      phone: await walkingAlongside(app.server, priya, 'Ada Example'),
      desktop: await walkingAlongside(app.server, priya, 'Bo Example'),
    };
    const db = app.server.db;
    const pat = await run(['user', 'add', 'pat', '--role', 'administrator', '--db', db],
      { input: DEMO_PASSWORD + '\n' });
    assert.equal(pat.code, 0, pat.stderr);
    sql(db, `UPDATE user_roles SET role = 'programme_manager' WHERE user_id = (SELECT id FROM users WHERE username = 'pat')`);
    return people;
  })();
  return made;
}

async function shot(page, name) {
  if (shots) await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
}

for (const [label, options] of [['phone', PHONE], ['desktop', DESKTOP]]) {
  test(`where things are now, filled in together on a ${label}`, async () => {
    const people = await ready();
    const failures = [];
    const context = await app.browser.newContext(options);
    const url = `${app.server.url}/staff/people/${people[label]}/outcomes`;
    const { page, problems } = await signInAt(context, url, 'priya');
    const check = pageChecker(page, label === 'phone', failures);
    await check('outcomes, nothing yet');
    await page.getByRole('link', { name: 'Record where things are now' }).click();
    await page.waitForLoadState('load');
    await check('the form');
    await shot(page, `${label}-form`);
    const group = (question) => page.getByRole('group', { name: question });
    await group('When is this?').getByLabel('The start of walking alongside').check();
    await group('How safe do you feel, at home and when you\'re out and about?').getByLabel('3. I feel safe some of the time').check();
    await group('How strong do you feel in yourself, able to cope with what life brings?').getByLabel('I\u2019d rather not say').check();
    await group('How connected do you feel to people and to the life around you?').getByLabel('1. I feel cut off from people').check();
    await page.locator('#words_3').fill('I don\'t see anyone from one week to the next');
    await group('How are you keeping, in body and in mind?').getByLabel('4. I\'m mostly keeping well and looking after myself').check();
    // "In control" left unanswered: refused, named, nothing saved.
    await submitButton(page, 'Save where things are now');
    assert.match(await page.title(), /^Error:/);
    const summary = page.locator('.govuk-error-summary');
    assert.match(await summary.innerText(), /In control: choose where they are/);
    await check('the form refused');
    await shot(page, `${label}-form-refused`);
    assert.equal(await page.locator('#words_3').inputValue(), 'I don\'t see anyone from one week to the next');
    await group('How much do you feel in charge of your own life and choices?').getByLabel('2. I have little say in what happens to me').check();
    await submitButton(page, 'Save where things are now');
    assert.match(page.url(), /\/outcomes$/);
    const text = await page.locator('main').innerText();
    assert.match(text, /1 of 5: I feel cut off from people/);
    assert.match(text, /I don't see anyone from one week to the next/);
    assert.match(text, /They\u2019d rather not say/);
    await check('outcomes, one sitting');
    // Another day, they would rather not.
    await page.getByRole('link', { name: 'Record where things are now' }).click();
    await page.waitForLoadState('load');
    await page.locator('#declined_words').fill('Not today, thank you');
    await submitButton(page, 'Record that they\u2019d rather not');
    assert.match(await page.locator('main').innerText(), /They chose not to do this that day/);
    await check('outcomes, declined too');
    await shot(page, `${label}-outcomes`);
    // The one refusal is the form sent unfinished, answered 422 on purpose.
    assert.deepEqual(problems.filter((p) => !/status of 422|HTTP 422: .*\/outcomes$/.test(p)), []);
    assert.deepEqual(failures, []);
    await context.close();
  });
}

test('a programme manager sees the statements with their forms', async () => {
  await ready();
  for (const [label, options] of [['phone', PHONE], ['desktop', DESKTOP]]) {
    const failures = [];
    const context = await app.browser.newContext(options);
    const { page, problems } = await signInAt(context, `${app.server.url}/admin/outcomes`, 'pat');
    assert.match(await page.locator('h1').innerText(), /Outcome statements/);
    await pageChecker(page, label === 'phone', failures)('admin outcomes');
    await shot(page, `${label}-admin`);
    // Retiring asks first; "No" leaves it asked.
    await page.locator('#statement-safe button[value="retire"]').click();
    await page.waitForLoadState('load');
    assert.match(await page.locator('h1').innerText(), /Retire \u201cSafe\u201d\?/);
    await pageChecker(page, label === 'phone', failures)('retire, asked first');
    await shot(page, `${label}-admin-retire`);
    await page.getByRole('link', { name: 'No, keep asking it' }).click();
    await page.waitForLoadState('load');
    assert.equal(await page.locator('#statement-safe button[value="retire"]').count(), 1);
    assert.deepEqual(problems, []);
    assert.deepEqual(failures, []);
    await context.close();
  }
});
