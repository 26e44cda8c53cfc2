// Staff in a real browser: signing in through the form, the staff home,
// the pages each role opens, signing out; axe-core on every staff page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO_PASSWORD } from '../lib/staff.mjs';
import { serverAndBrowser, openPage, runAxe, describeViolations } from './browser.mjs';

const app = serverAndBrowser();

async function signIn(context, username, password = DEMO_PASSWORD) {
  const { page, problems } = await openPage(context, app.server.url + '/staff');
  // Signed out, the staff page sends us to sign in and back again.
  assert.match(page.url(), /\/sign-in\?next=%2Fstaff$/);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForLoadState('load');
  return { page, problems };
}

test('a coordinator signs in, sees the staff home, and signs out', async () => {
  const context = await app.browser.newContext();
  const { page, problems } = await signIn(context, 'priya');
  assert.equal(new URL(page.url()).pathname, '/staff');
  assert.equal(await page.locator('h1').innerText(), 'Signed in as Priya Shah');
  assert.match(await page.locator('.govuk-summary-list').innerText(), /Coordinator for\s+Acomb and Westfield/);
  await page.getByRole('link', { name: 'Your sessions' }).click();
  assert.match(await page.locator('table').innerText(), /This session/);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForLoadState('load');
  assert.match(await page.locator('.govuk-notification-banner').innerText(), /You have signed out/);
  await page.goto(app.server.url + '/staff');
  assert.match(page.url(), /\/sign-in/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a wrong password is told plainly, and the form keeps the username', async () => {
  const context = await app.browser.newContext();
  const { page } = await signIn(context, 'priya', 'not the password at all');
  assert.match(await page.locator('.govuk-error-summary').innerText(), /The username or password is not right/);
  assert.equal(await page.getByLabel('Username').inputValue(), 'priya');
  assert.equal(await page.getByLabel('Password').inputValue(), '');
  await context.close();
});

test('axe-core finds no violations on any staff page', async () => {
  const context = await app.browser.newContext({ bypassCSP: true });
  const anonymous = ['/sign-in', '/sign-in?signed_out=1'];
  const failures = [];
  for (const path of anonymous) {
    const { page } = await openPage(context, app.server.url + path);
    const v = await runAxe(page);
    if (v.length) failures.push(`${path}\n${describeViolations(v)}`);
    await page.close();
  }
  {
    const { page } = await signIn(context, 'nobody', 'wrong wrong wrong');
    const v = await runAxe(page);
    if (v.length) failures.push(`sign-in error\n${describeViolations(v)}`);
    await page.close();
  }
  await (await signIn(context, 'admin')).page.close();
  const usersPage = await context.newPage();
  await usersPage.goto(app.server.url + '/admin/users');
  const userPath = await usersPage.getByRole('link', { name: 'priya' }).getAttribute('href');
  await usersPage.close();
  for (const path of ['/staff', '/account/sessions', '/admin/users', '/admin/users/new', userPath,
    '/admin/audit', '/admin/audit?from=yesterday', '/areas']) {
    const { page } = await openPage(context, app.server.url + path);
    assert.equal(new URL(page.url()).pathname, path.split('?')[0], 'signed in, not sent away');
    const v = await runAxe(page);
    if (v.length) failures.push(`${path}\n${describeViolations(v)}`);
    await page.close();
  }
  {
    // A form sent empty comes back with every problem beside its field.
    const { page } = await openPage(context, app.server.url + '/admin/users/new');
    await page.getByRole('button', { name: 'Add the user' }).click();
    await page.waitForLoadState('load');
    assert.equal(await page.locator('.govuk-error-summary li').count(), 2);
    const v = await runAxe(page);
    if (v.length) failures.push(`new user errors\n${describeViolations(v)}`);
    await page.close();
  }
  await context.close();
  const leader = await app.browser.newContext({ bypassCSP: true });
  await (await signIn(leader, 'jo.bennett')).page.close();
  for (const path of ['/staff', '/team/audit', '/team/cover', '/staff/introductions']) {
    const { page } = await openPage(leader, app.server.url + path);
    assert.equal(new URL(page.url()).pathname, path);
    const v = await runAxe(page);
    if (v.length) failures.push(`${path}\n${describeViolations(v)}`);
    await page.close();
  }
  await leader.close();
  assert.equal(failures.join('\n\n'), '');
});
