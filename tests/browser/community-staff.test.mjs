// The community directory's staff pages in a real browser on a phone 390
// px wide: a coordinator sees a warm space not checked since 2023 under
// "Needs review", opens the singing group, changes its time and finds the
// change in its history; no page scrolls sideways, and axe-core finds
// nothing on any of them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run, startServer, yorkDatabase } from '../lib/alongside.mjs';
import { Browser, DEMO_PASSWORD } from '../lib/staff.mjs';
import { launch, openPage, runAxe, describeViolations } from './browser.mjs';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, bypassCSP: true };
const SOCIAL = '0bd11ef8-81a5-44e4-bfac-1e47c91eac1d';  // our taxonomy's "Social groups"

// A warm space as the York import keeps one that was only in the 2023
// snapshot: last checked on 2023-04-30.
const staleWarmSpace = {
  id: '2f1d6c1e-0b7a-4d43-9a57-3c1f7b0e9d21',
  name: 'Test Warm Space at St Stephen',
  description: 'A warm room with hot drinks.',
  status: 'active',
  assured_date: '2023-04-30',
  organization: { id: '7c7b3f0e-5a4e-4f4f-8d3c-1f0e2d3c4b5a', name: 'St Stephen Church' },
  service_at_locations: [{
    id: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
    location: {
      id: '1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e', location_type: 'physical', name: 'St Stephen Church Hall',
      addresses: [{ id: '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f', address_1: 'Acomb Green', city: 'York',
        postal_code: 'YO24 4NB', country: 'GB', address_type: 'physical' }],
    },
  }],
  attributes: [{ id: '4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f7a', taxonomy_term_id: SOCIAL, link_type: 'service' }],
};

let server, browser, singing;
before(async () => {
  const db = await yorkDatabase({ caseload: false });
  const file = join(mkdtempSync(join(tmpdir(), 'community-staff-')), 'stale.json');
  writeFileSync(file, JSON.stringify([staleWarmSpace]));
  const imported = await run(['directory', 'import', file, '--db', db]);
  assert.equal(imported.code, 0, imported.stderr);
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

async function check(page, label, failures) {
  const v = await runAxe(page);
  if (v.length) failures.push(`${label}\n${describeViolations(v)}`);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  if (width > 390) failures.push(`${label}: ${width} px wide`);
}

async function submit(page, name) {
  await page.getByRole('button', { name }).click();
  await page.waitForLoadState('load');
}

test('a coordinator sees what needs review and changes the singing group\'s time on a phone', async () => {
  const context = await browser.newContext(PHONE);
  const failures = [];
  const { page, problems } = await openPage(context, `${server.url}/staff/community`);
  await page.getByLabel('Username').fill('priya');
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await submit(page, 'Sign in');
  assert.equal(new URL(page.url()).pathname, '/staff/community');
  assert.equal(await page.locator('h1').innerText(), 'Community directory');
  // The warm space last checked in 2023 is listed for review, first.
  const review = page.locator('#needs-review-list');
  assert.match(await review.innerText(), /Test Warm Space at St Stephen[\s\S]*Checked on Sunday 30 April 2023/);
  await check(page, 'the listings', failures);

  await page.goto(`${server.url}/staff/community/${singing}`);
  assert.equal(await page.locator('h1').innerText(), 'Acomb Sing-along');
  assert.match(await page.locator('main').innerText(), /Thursday/);
  await check(page, 'the singing group', failures);

  await page.getByRole('link', { name: 'Edit' }).click();
  await page.waitForLoadState('load');
  assert.equal(await page.locator('#schedule_0_opens').inputValue(), '10:30');
  await check(page, 'the form', failures);
  await page.locator('#schedule_0_opens').fill('11:00');
  await page.getByLabel('Why you are making this change').fill('The organiser rang: it starts at eleven now');
  await submit(page, 'Save the listing');
  assert.match(await page.locator('.govuk-notification-banner').innerText(), /The listing is saved/);
  const main = await page.locator('main').innerText();
  assert.match(main, /11:00/);
  assert.match(await page.locator('#history + ol').innerText(), /Priya Shah.*it starts at eleven now/);
  await check(page, 'the singing group changed', failures);

  // A problem is told beside its field.
  await page.getByRole('link', { name: 'Edit' }).click();
  await page.waitForLoadState('load');
  await page.locator('#name').fill('');
  await submit(page, 'Save the listing');
  assert.match(await page.locator('.govuk-error-summary').innerText(), /name/i);
  await check(page, 'the form with a problem', failures);

  // The form sent without a name is answered 422, as it should be.
  assert.deepEqual(problems.filter((p) => !/status of 422|HTTP 422: .*\/staff\/community\/[0-9a-f-]+$/.test(p)), []);
  assert.deepEqual(failures, []);
  await context.close();
});
