// An administrator cancels next Friday's drop-in from the pages, on a
// desktop and on a 390 px phone, choosing the date from the drop-in's own
// next dates; axe-core on every page on the way; the public area page
// then shows the date cancelled, with the reason, and when it next happens.
// And changes an every-other-week drop-in and adds a weekly one, the
// forms sent as the pages have them ("Not monthly", no notes), its first
// date typed in the GOV.UK date input (31 February refused at the field).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { run, startServer, yorkDatabase } from '../lib/alongside.mjs';
import { DEMO_PASSWORD } from '../lib/staff.mjs';
import { launch, openPage, checkPhonePage, submitButton } from './browser.mjs';

let server, browser, heworth, acomb;
before(async () => {
  const db = await yorkDatabase({ caseload: false });
  const added = await run(['area', 'add-drop-in', 'Heworth', '--venue', 'Tang Hall Library',
    '--address', '76 Fifth Avenue, York YO31 0PR', '--weekday', 'Friday', '--starts', '10:00',
    '--ends', '12:00', '--frequency', 'weekly', '--first_date', '2026-01-02', '--db', db]);
  assert.equal(added.code, 0, added.stderr);
  server = await startServer({ db, migrate: false });
  const areas = (await (await fetch(server.url + '/api/v1/areas')).json()).features;
  heworth = areas.find((f) => f.properties.name === 'Heworth').id;
  acomb = areas.find((f) => f.properties.name === 'Acomb and Westfield').id;
  browser = await launch();
});
after(async () => {
  await browser?.close();
  assert.equal(await server.stop(), 0);
});

async function signIn(context) {
  const { page } = await openPage(context, server.url + '/sign-in');
  await page.getByLabel('Username').fill('admin');
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await submitButton(page, 'Sign in');
  await page.close();
}

// axe-core on the page, and (on the phone) no wider than 390 px.
const checker = (label, failures) => async (page, what) => {
  if (label === 'phone') await checkPhonePage(page, what, failures);
  else {
    const before = failures.length;
    await checkPhonePage(page, what, failures);
    // Only axe counts at desktop width.
    failures.splice(before, failures.length - before,
      ...failures.slice(before).filter((f) => !/px wide$/.test(f)));
  }
};

for (const [label, viewport] of [['desktop', { width: 1280, height: 900 }], ['phone', { width: 390, height: 844 }]]) {
  test(`an administrator cancels next Friday's drop-in from the pages (${label})`, async () => {
    const context = await browser.newContext({ viewport, bypassCSP: true });
    await signIn(context);
    const failures = [];
    const check = checker(label, failures);
    const { page, problems } = await openPage(context, `${server.url}/admin/areas/${heworth}/drop-ins`);
    assert.equal(await page.locator('h1').innerText(), 'Drop-ins');
    await check(page, 'drop-ins of an area');
    await page.getByRole('link', { name: 'Change or cancel a date of Tang Hall Library' }).click();
    await page.waitForLoadState('load');
    assert.equal(await page.locator('h1').innerText(), 'Tang Hall Library');
    await check(page, 'a drop-in');

    // Nothing chosen: the problem at the field.
    await submitButton(page, 'Cancel this date');
    assert.match(await page.locator('.govuk-error-summary').innerText(), /Choose the date to cancel/i);
    await check(page, 'a drop-in, with an error');

    // The first date offered is the next Friday not cancelled yet.
    const choice = page.locator('input[name="on_date"]').first();
    const date = await choice.getAttribute('value');
    assert.equal(new Date(date + 'T12:00:00Z').getUTCDay(), 5, 'a Friday');
    const dateLabel = await page.locator(`label[for="${await choice.getAttribute('id')}"]`).innerText();
    await choice.check();
    await page.getByLabel('Why, in a few words').fill('the hall is closed for the Christmas fair');
    await submitButton(page, 'Cancel this date');
    // Listed as a summary list, whose rows stack on a phone.
    const cancelled = page.locator('h2:has-text("Cancelled dates") + .govuk-summary-list');
    assert.match(await cancelled.locator('.govuk-summary-list__row', { hasText: dateLabel }).innerText(),
      new RegExp(`${dateLabel}\\s+the hall is closed for the Christmas fair\\s+It happens after all`));
    await check(page, 'a drop-in with a cancelled date');

    await page.goto(`${server.url}/areas/${heworth}`);
    await page.waitForLoadState('load');
    const card = page.locator('.govuk-summary-card', { hasText: 'Tang Hall Library' });
    assert.match(await card.innerText(), new RegExp(`Cancelled\\s+${dateLabel} — the hall is closed for the Christmas fair`));
    assert.match(await card.innerText(), /Next it happens\s+Friday/);
    await check(page, 'the public area page');
    assert.deepEqual(failures, []);
    // The form sent with nothing chosen is answered 422, as it should be.
    assert.deepEqual(problems.filter((p) => !/422/.test(p)), []);
    await context.close();
  });
}

for (const [label, viewport, starts] of [['desktop', { width: 1280, height: 900 }, '10:15'], ['phone', { width: 390, height: 844 }, '10:30']]) {
  test(`an administrator changes an every-other-week drop-in and adds a weekly one from the pages (${label})`, async () => {
    const context = await browser.newContext({ viewport, bypassCSP: true });
    await signIn(context);
    const failures = [];
    const check = checker(label, failures);
    const { page, problems } = await openPage(context, `${server.url}/admin/areas/${acomb}/drop-ins`);
    await page.getByRole('link', { name: 'Change or cancel a date of Acomb Methodist Church' }).click();
    await page.waitForLoadState('load');
    assert.match(await page.locator('main').innerText(), /every other Friday, 10:\d\d to 12:00\./);
    // Its start moved, nothing else touched: the week says "Not monthly"
    // and the notes are empty, as the page has them.
    assert.equal(await page.locator('#week').inputValue(), '');
    assert.equal(await page.locator('#notes').inputValue(), '');
    await page.getByLabel('Starts', { exact: true }).fill(starts);
    await submitButton(page, 'Save the changes');
    assert.equal(await page.locator('.govuk-error-summary').count(), 0, 'no problem found');
    assert.match(await page.locator('main').innerText(), new RegExp(`every other Friday, ${starts} to 12:00\\.`));
    await check(page, 'a drop-in, changed');

    // A weekly one added from the area's page.
    await page.getByRole('link', { name: 'Drop-ins in Acomb and Westfield' }).click();
    await page.waitForLoadState('load');
    const venue = `Acomb Explore Library (${label})`;
    await page.getByLabel('Venue', { exact: true }).fill(venue);
    await page.getByLabel('Address', { exact: true }).fill('Front Street, York YO24 3BZ');
    await page.getByLabel('Day of the week').selectOption('Tuesday');
    await page.getByLabel('Starts', { exact: true }).fill('14:00');
    await page.getByLabel('Ends', { exact: true }).fill('15:30');
    await page.getByLabel('Every week', { exact: true }).check();
    // The first date in the GOV.UK date input: 31 February first, refused
    // at the field with what was typed kept, then a real one.
    const first = page.getByRole('group', { name: 'First date' });
    await first.getByLabel('Day').fill('31');
    await first.getByLabel('Month').fill('2');
    await first.getByLabel('Year').fill('2026');
    await submitButton(page, 'Add the drop-in');
    assert.match(await page.locator('.govuk-error-summary').innerText(), /First date must be a real date: check the day/);
    assert.match(await page.locator('#first_date-error').innerText(), /First date must be a real date/);
    assert.equal(await page.locator('#first_date').inputValue(), '31');
    assert.equal(await page.locator('#venue').inputValue(), venue, 'what was typed is kept');
    await check(page, 'drop-ins of an area, a date refused');
    await page.locator('.govuk-error-summary a[href="#first_date"]').click();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'first_date', 'the summary leads to the day');
    await first.getByLabel('Day').fill('6');
    await first.getByLabel('Month').fill('1');
    await submitButton(page, 'Add the drop-in');
    assert.equal(await page.locator('.govuk-error-summary').count(), 0, 'no problem found');
    const added = page.locator('.govuk-summary-card', { hasText: venue });
    assert.match(await added.innerText(), /every Tuesday, 14:00 to 15:30\./);
    await check(page, 'drop-ins of an area, one added');

    await page.goto(`${server.url}/areas/${acomb}`);
    await page.waitForLoadState('load');
    assert.match(await page.locator('.govuk-summary-card', { hasText: venue }).innerText(), /every Tuesday, 14:00 to 15:30/);
    assert.match(await page.locator('.govuk-summary-card', { hasText: 'Acomb Methodist Church' }).innerText(),
      new RegExp(`every other Friday, ${starts} to 12:00`));
    await check(page, 'the public area page, changed');
    assert.deepEqual(failures, []);
    // The form sent with 31 February is answered 422, as it should be.
    assert.deepEqual(problems.filter((p) => !/422/.test(p)), []);
    await context.close();
  });
}
