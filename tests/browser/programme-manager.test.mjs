// The programme manager in a real browser, on a desktop and on a 390 px
// phone, with axe-core on every page on the way: an administrator makes
// one from the pages (an area ticked with the role is refused at the
// areas), gives the role to a coordinator and takes it away; the
// programme manager's staff home shows the reports and nothing of a
// person's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser, signInAt, pageChecker, submitButton } from './browser.mjs';

const app = serverAndBrowser();

for (const [label, viewport] of [['desktop', { width: 1280, height: 900 }], ['phone', { width: 390, height: 844 }]]) {
  test(`an administrator makes a programme manager from the pages (${label})`, async () => {
    const context = await app.browser.newContext({ bypassCSP: true, viewport });
    const { page, problems } = await signInAt(context, app.server.url + '/admin/users/new', 'admin');
    const failures = [];
    const check = pageChecker(page, label === 'phone', failures);
    assert.equal(await page.locator('h1').innerText(), 'Add a user');
    await check('the new user form');

    const username = `pm.${label}`;
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Name shown to colleagues').fill(`Programme Manager ${label}`);
    await page.getByLabel('Programme manager').check();
    await page.getByLabel('Heworth').check();
    await submitButton(page, 'Add the user');
    const summary = page.locator('.govuk-error-summary');
    assert.match(await summary.innerText(), /a programme manager sees every area's figures: their role has no areas/);
    assert.equal(await page.locator('.govuk-error-summary li').count(), 1);
    assert.ok(await page.getByLabel('Programme manager').isChecked(), 'the role chosen is kept');
    await check('the form with its problem');

    await page.getByLabel('Heworth').uncheck();
    await submitButton(page, 'Add the user');
    assert.equal(await page.locator('h1').innerText(), username);
    assert.match(await page.locator('.govuk-summary-list').innerText(), /Roles\s+Programme manager/);
    await check('the programme manager\'s account');
    await page.getByRole('button', { name: 'Take programme manager away' }).waitFor();

    // A coordinator given the role too, and it taken away again.
    await page.goto(app.server.url + '/admin/users');
    await page.getByRole('link', { name: 'tom', exact: true }).click();
    await page.waitForLoadState('load');
    await submitButton(page, 'Make programme manager');
    // The same page comes back: wait for its answer, not the page before.
    await page.getByRole('button', { name: 'Take programme manager away' }).waitFor();
    assert.match(await page.locator('.govuk-summary-list').innerText(),
      /Coordinator \(Holgate and Micklegate\); Programme manager/);
    await check('a coordinator who is a programme manager too');
    await submitButton(page, 'Take programme manager away');
    await page.getByRole('button', { name: 'Make programme manager' }).waitFor();
    assert.doesNotMatch(await page.locator('.govuk-summary-list').innerText(), /Programme manager/);
    assert.deepEqual(failures, []);
    // The one refusal was the form sent with an area, on purpose.
    assert.deepEqual(problems.filter((p) => !/422/.test(p)), []);
    await context.close();
  });

  test(`a programme manager's staff home shows the reports and no person (${label})`, async () => {
    const context = await app.browser.newContext({ bypassCSP: true, viewport });
    const { page, problems } = await signInAt(context, app.server.url + '/staff', 'sam.patel');
    const failures = [];
    const check = pageChecker(page, label === 'phone', failures);
    assert.equal(await page.locator('h1').innerText(), 'Signed in as Sam Patel');
    assert.match(await page.locator('.govuk-summary-list').innerText(),
      /Programme manager\s+Every area's figures, and no person's record/);
    const main = page.locator('main');
    assert.equal(await main.getByRole('link', { name: 'Reports' }).getAttribute('href'), '/reports');
    assert.equal(await main.getByRole('link', { name: 'New person' }).count(), 0);
    assert.equal(await main.getByRole('link', { name: 'Introductions' }).count(), 0);
    await check('the staff home');
    assert.deepEqual(failures, []);
    assert.deepEqual(problems, []);
    await context.close();
  });
}
