// The community directory's staff pages in a real browser on a phone 390
// px wide: a coordinator sees a warm space not checked since 2023 under
// "Needs review", opens the singing group, changes its time and finds the
// change in its history; no page scrolls sideways, and axe-core finds
// nothing on any of them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, yorkDatabase } from '../lib/alongside.mjs';
import { importStaleWarmSpace } from '../lib/community.mjs';
import { Browser, DEMO_PASSWORD } from '../lib/staff.mjs';
import { launch, openPage, checkPhonePage, submitButton } from './browser.mjs';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, bypassCSP: true };
let server, browser, singing;
before(async () => {
  const db = await yorkDatabase({ caseload: false });
  await importStaleWarmSpace(db);
  server = await startServer({ db, migrate: false });
  // The demo's singing group, or one like it when the demo has none.
  const priya = await new Browser(server.url).signedIn('priya');
  priya.csrfToken = await priya.csrf('/staff');
  const found = await priya.get('/staff/community?q=Sing-along');
  singing = /href="\/staff\/community\/([0-9a-f-]{36})">Acomb Sing-along</.exec(found.text)?.[1];
  if (!singing) {
    const made = await priya.post('/staff/community', new URLSearchParams([
      ['csrf_token', priya.csrfToken], ['version', '0'], ['name', 'Acomb Sing-along'], ['organization_name', 'Acomb Sing-along'], ['free', 'yes'],
      ['description', 'A friendly singing group.'], ['place_name', 'Acomb Explore Library'],
      ['postcode', 'YO24 3BZ'], ['term', 'f9553deb-5ad5-487c-91f2-529557db6551'],
      ['schedule_id', ''], ['schedule_how', 'weekly'], ['schedule_day', 'TH'], ['schedule_week', ''],
      ['schedule_opens', '10:30'], ['schedule_closes', '12:00'], ['schedule_from', ''], ['schedule_until', ''],
    ]));
    assert.equal(made.status, 303, made.text.slice(made.text.indexOf("error-summary"), made.text.indexOf("error-summary") + 800));
    singing = /\/staff\/community\/([0-9a-f-]{36})/.exec(made.headers.get('location'))[1];
  }
  browser = await launch();
});
after(async () => {
  await browser?.close();
  assert.equal(await server.stop(), 0);
});

test('a coordinator sees what needs review and changes the singing group\'s time on a phone', async () => {
  const context = await browser.newContext(PHONE);
  const failures = [];
  const { page, problems } = await openPage(context, `${server.url}/staff/community`);
  await page.getByLabel('Username').fill('priya');
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await submitButton(page, 'Sign in');
  assert.equal(new URL(page.url()).pathname, '/staff/community');
  assert.equal(await page.locator('h1').innerText(), 'Community directory');
  // The warm space last checked in 2023 is listed for review, first.
  const review = page.locator('#needs-review-list');
  assert.match(await review.innerText(), /Test Warm Space at St Stephen[\s\S]*Checked on Sunday 30 April 2023/);
  await checkPhonePage(page, 'the listings', failures);

  await page.goto(`${server.url}/staff/community/${singing}`);
  assert.equal(await page.locator('h1').innerText(), 'Acomb Sing-along');
  assert.match(await page.locator('main').innerText(), /Thursday/);
  await checkPhonePage(page, 'the singing group', failures);

  await page.getByRole('link', { name: 'Edit' }).click();
  await page.waitForLoadState('load');
  assert.equal(await page.locator('#schedule_0_opens').inputValue(), '10:30');
  await checkPhonePage(page, 'the form', failures);
  await page.locator('#schedule_0_opens').fill('11:00');
  await page.getByLabel('Why you are making this change').fill('The organiser rang: it starts at eleven now');
  await submitButton(page, 'Save the listing');
  assert.match(await page.locator('.govuk-notification-banner').innerText(), /The listing is saved/);
  const main = await page.locator('main').innerText();
  assert.match(main, /11:00/);
  assert.match(await page.locator('#history + ol').innerText(), /Priya Shah.*it starts at eleven now/);
  await checkPhonePage(page, 'the singing group changed', failures);

  // The newest version says what it changed: the time, before and after.
  await page.locator('#history + ol a').first().click();
  await page.waitForLoadState('load');
  const changed = page.locator('.app-community-staff__changes');
  assert.match(await changed.innerText(), /opens_at\s+10:30(:00)?\s+11:00/);
  await checkPhonePage(page, 'what the version changed', failures);
  await page.goBack();

  // A problem is told beside its field.
  await page.getByRole('link', { name: 'Edit' }).click();
  await page.waitForLoadState('load');
  await page.locator('#name').fill('');
  await submitButton(page, 'Save the listing');
  assert.match(await page.locator('.govuk-error-summary').innerText(), /name/i);
  await checkPhonePage(page, 'the form with a problem', failures);

  // The form sent without a name is answered 422, as it should be.
  assert.deepEqual(problems.filter((p) => !/status of 422|HTTP 422: .*\/staff\/community\/[0-9a-f-]+$/.test(p)), []);
  assert.deepEqual(failures, []);
  await context.close();
});
