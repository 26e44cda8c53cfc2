// An administrator makes an API token and revokes it from the pages, on
// a desktop and on a 390 px phone, with axe-core on every page on the way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser, signInAt, pageChecker, submitButton } from './browser.mjs';

const app = serverAndBrowser();

for (const [label, viewport] of [['desktop', { width: 1280, height: 900 }], ['phone', { width: 390, height: 844 }]]) {
  test(`an administrator makes a token and revokes it from the pages (${label})`, async () => {
    const context = await app.browser.newContext({ bypassCSP: true, viewport });
    const { page, problems } = await signInAt(context, app.server.url + '/staff', 'admin');
    const failures = [];
    const check = pageChecker(page, label === 'phone', failures);

    await page.getByRole('link', { name: 'API tokens' }).click();
    await page.waitForLoadState('load');
    assert.equal(await page.locator('h1').innerText(), 'API tokens');
    await check('the list');
    await page.getByRole('link', { name: 'Make a token' }).click();
    await page.waitForLoadState('load');
    await check('the form');

    // Nothing chosen: told at the fields, nothing made.
    await submitButton(page, 'Make the token');
    assert.match(await page.locator('.govuk-error-summary').innerText(), /needs a name[^]*at least one scope/);
    await check('the form with its problems');

    const name = `Board reports ${label}`;
    await page.getByLabel('Name').fill(name);
    await page.getByLabel('audit.read').check();
    await submitButton(page, 'Make the token');
    assert.match(await page.locator('.govuk-warning-text').innerText(), /Copy it now: it will not be shown again/);
    const secret = await page.getByLabel('The token').inputValue();
    assert.match(secret, /^[A-Za-z0-9_-]{43}$/);
    assert.ok(!page.url().includes(secret));
    await check('the secret, shown once');
    const use = () => fetch(app.server.url + '/api/v1/admin/audit', { headers: { Authorization: `Bearer ${secret}` } });
    assert.equal((await use()).status, 200);

    await page.getByRole('link', { name: 'Back to API tokens' }).click();
    await page.waitForLoadState('load');
    assert.ok(!(await page.content()).includes(secret));
    await page.getByRole('link', { name: `Revoke ${name}` }).click();
    await page.waitForLoadState('load');
    assert.equal(await page.locator('h1').innerText(), `Revoke ${name}?`);
    await check('the confirmation');
    await submitButton(page, 'Revoke the token');
    assert.match(await page.locator('.govuk-notification-banner').innerText(), new RegExp(`The token ${name} is revoked`));
    await check('the list after revoking');
    assert.equal((await use()).status, 401);
    assert.deepEqual(failures, []);
    // The one refusal was the empty form's, on purpose.
    assert.deepEqual(problems.filter((p) => !/422/.test(p)), []);
    await context.close();
  });
}
