// An administrator cancels next Friday's drop-in from the pages, on a
// desktop and on a 390 px phone, choosing the date from the drop-in's own
// next dates; axe-core on every page on the way; the public area page
// then shows the date cancelled, with the reason, and when it next happens.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { run, startServer, yorkDatabase } from '../lib/alongside.mjs';
import { DEMO_PASSWORD } from '../lib/staff.mjs';
import { launch, openPage, checkPhonePage, submitButton } from './browser.mjs';

let server, browser, heworth;
before(async () => {
  const db = await yorkDatabase({ caseload: false });
  const added = await run(['area', 'add-drop-in', 'Heworth', '--venue', 'Tang Hall Library',
    '--address', '76 Fifth Avenue, York YO31 0PR', '--weekday', 'Friday', '--starts', '10:00',
    '--ends', '12:00', '--frequency', 'weekly', '--first_date', '2026-01-02', '--db', db]);
  assert.equal(added.code, 0, added.stderr);
  server = await startServer({ db, migrate: false });
  const areas = (await (await fetch(server.url + '/api/v1/areas')).json()).features;
  heworth = areas.find((f) => f.properties.name === 'Heworth').id;
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

for (const [label, viewport] of [['desktop', { width: 1280, height: 900 }], ['phone', { width: 390, height: 844 }]]) {
  test(`an administrator cancels next Friday's drop-in from the pages (${label})`, async () => {
    const context = await browser.newContext({ viewport, bypassCSP: true });
    await signIn(context);
    const failures = [];
    const check = async (page, what) => {
      if (label === 'phone') await checkPhonePage(page, what, failures);
      else {
        const before = failures.length;
        await checkPhonePage(page, what, failures);
        // Only axe counts at desktop width.
        failures.splice(before, failures.length - before,
          ...failures.slice(before).filter((f) => !/px wide$/.test(f)));
      }
    };
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
    await page.getByLabel('Why, in a few words').fill('the hall is closed');
    await submitButton(page, 'Cancel this date');
    assert.match(await page.locator('table').innerText(), new RegExp(`${dateLabel}\\s+the hall is closed`));
    await check(page, 'a drop-in with a cancelled date');

    await page.goto(`${server.url}/areas/${heworth}`);
    await page.waitForLoadState('load');
    const card = page.locator('.govuk-summary-card', { hasText: 'Tang Hall Library' });
    assert.match(await card.innerText(), new RegExp(`Cancelled\\s+${dateLabel} — the hall is closed`));
    assert.match(await card.innerText(), /Next it happens\s+Friday/);
    await check(page, 'the public area page');
    assert.deepEqual(failures, []);
    // The form sent with nothing chosen is answered 422, as it should be.
    assert.deepEqual(problems.filter((p) => !/422/.test(p)), []);
    await context.close();
  });
}
