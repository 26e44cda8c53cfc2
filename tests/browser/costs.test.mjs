// Costs avoided in a real browser: a coordinator on a phone 390 px wide
// records one on a person's record (told what is missing first) and
// withdraws it with a reason; an administrator on a desktop adds a unit
// cost (told what is wrong first) and sees it in force.  axe-core finds
// nothing on any page and no phone page scrolls sideways.  With
// ALONGSIDE_SHOTS=DIR each page is also saved as a PNG there.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, yorkDatabase } from '../lib/alongside.mjs';
import { Browser } from '../lib/staff.mjs';
import { walkingAlongside } from '../lib/walking.mjs';
import { launch, signInAt, pageChecker, submitButton } from './browser.mjs';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, bypassCSP: true };
const DESKTOP = { viewport: { width: 1280, height: 900 }, bypassCSP: true };
let server, browser, person;
before(async () => {
  server = await startServer({ db: await yorkDatabase(), migrate: false });
  const priya = await new Browser(server.url).signedIn('priya');
  priya.csrfToken = await priya.csrf('/staff');
  person = await walkingAlongside(server, priya, 'Cal Example');
  browser = await launch();
});
after(async () => {
  await browser?.close();
  assert.equal(await server.stop(), 0);
});

const shot = async (page, name) => {
  if (process.env.ALONGSIDE_SHOTS)
    await page.screenshot({ path: `${process.env.ALONGSIDE_SHOTS}/${name}.png`, fullPage: true });
};
// The 422 of a form sent with a problem is the answer it should be.
const unexpected = (problems) => problems.filter((p) => !/status of 422|HTTP 422: /.test(p));

test('a coordinator records a cost avoided on a phone and withdraws it', async () => {
  const context = await browser.newContext(PHONE);
  const failures = [];
  const { page, problems } = await signInAt(context, `${server.url}/staff/people/${person}/costs-avoided`, 'priya');
  const check = pageChecker(page, true, failures);
  assert.equal(await page.locator('h1').innerText(), 'Costs avoided: Cal Example');
  await check('no costs avoided yet');
  await shot(page, 'person-empty-390');

  await submitButton(page, 'Record it');
  const summary = await page.locator('.govuk-error-summary').innerText();
  assert.match(summary, /Choose what did not have to happen/);
  assert.match(summary, /Enter what they think would otherwise have happened/);
  await check('the form with problems');
  await shot(page, 'person-errors-390');

  await page.getByLabel('An A&E attendance avoided').check();
  await page.getByLabel('What does Cal Example think would otherwise have happened?')
    .fill('I would have rung 999 again when the panic came on');
  await page.getByLabel('Your note (optional)').fill('Now calls his brother first');
  await submitButton(page, 'Record it');
  const item = page.locator('li[id^="cost-"]').first();
  assert.match(await item.innerText(), /rung 999 again/);
  assert.match(await item.innerText(), /1 attendance\b/);
  await check('one recorded');
  await shot(page, 'person-recorded-390');

  await item.getByText('Withdraw this').click();
  await item.getByLabel('Why is it withdrawn?').fill('Recorded on the wrong day');
  await item.getByRole('button', { name: 'Withdraw' }).click();
  await page.waitForLoadState('load');
  assert.match(await page.locator('li[id^="cost-"]').first().innerText(), /Withdrawn by Priya Shah.*Recorded on the wrong day/s);
  await check('one withdrawn');
  await shot(page, 'person-withdrawn-390');

  assert.deepEqual(unexpected(problems), []);
  assert.equal(failures.join('\n\n'), '');
  await context.close();
});

for (const [label, options] of [['desktop', DESKTOP], ['phone', PHONE]])
  test(`an administrator adds a unit cost (${label})`, async () => {
    const context = await browser.newContext(options);
    const failures = [];
    const { page, problems } = await signInAt(context, `${server.url}/admin/unit-costs`, 'admin');
    const check = pageChecker(page, options === PHONE, failures);
    const w = options.viewport.width;
    assert.equal(await page.locator('h1').innerText(), 'Unit costs');
    await check('the unit costs');
    await shot(page, `unit-costs-${w}`);

    await page.getByLabel('Kind').selectOption('hospital_stay');
    await page.getByLabel('Cost', { exact: true }).fill('-400');
    await page.getByLabel('What the cost is for').fill('per night');
    await submitButton(page, 'Add the figure');
    const summary = await page.locator('.govuk-error-summary').innerText();
    assert.match(summary, /Cost cannot be negative/);
    assert.match(summary, /Enter the source/);
    // Asked, never taken as today: a first figure values no earlier event.
    assert.match(summary, /In force from: enter the day, month and year/);
    await check('a figure with problems');
    await shot(page, `unit-costs-errors-${w}`);

    await page.getByLabel('Cost', { exact: true }).fill(label === 'phone' ? '410' : '400');
    await page.getByLabel('Source', { exact: true }).fill('NHS National Cost Collection');
    await page.getByLabel('Source year').fill('2023/24');
    await page.locator('#from_on').fill('1');
    await page.locator('#from_on-month').fill('4');
    await page.locator('#from_on-year').fill('2023');
    await submitButton(page, 'Add the figure');
    assert.match(await page.locator('.govuk-notification-banner').innerText(), /The figure is added/);
    assert.match(await page.locator('table').first().innerText(), new RegExp(`£${label === 'phone' ? 410 : 400}\\.00 per night`));
    await check('a figure added');
    await shot(page, `unit-costs-added-${w}`);

    assert.deepEqual(unexpected(problems), []);
    assert.equal(failures.join('\n\n'), '');
    await context.close();
  });
