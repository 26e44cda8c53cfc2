// A resident outside every covered area, on a 390 px phone with axe-core:
// /find and the Get in touch reply for YO32 2RA under each of the
// council's outside-cover rules, with the council's real contacts as
// links; and an administrator changing the rule on /admin/council, on a
// desktop and a phone, told every problem at once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run } from '../lib/alongside.mjs';
import { Browser } from '../lib/staff.mjs';
import { serverAndBrowser, openPage, checkPhonePage, signInAt, pageChecker, submitButton } from './browser.mjs';

const app = serverAndBrowser();
const PHONE = { width: 390, height: 844 };

// The reply page's address for a self-introduction sent from postcode.
async function replyPath(postcode) {
  const b = new Browser(app.server.url);
  const csrf_token = await b.csrf('/get-in-touch?step=2&relationship=self&postcode=YO24+4NB');
  const r = await b.post('/get-in-touch', { csrf_token, relationship: 'self', person_name: 'Ann Example',
    person_phone: '07700 900123', postcode });
  assert.equal(r.status, 303, r.text.slice(0, 300));
  return r.headers.get('location');
}

const answers = {
  nearest: { find: /Grace Okafor, the coordinator for Clifton and Guildhall, will talk with you/,
    reply: /Grace Okafor, the coordinator for Clifton and Guildhall, will get back to you by/,
    tel: '01632 960001' },
  team: { find: /Local Area Coordination team \(demo\) answers people who live outside/,
    reply: /Local Area Coordination team \(demo\) will get back to you by/, tel: '01632 960002' },
  none: { find: /Coordinators cannot take introductions from outside their areas/, tel: '01632 960000' },
};

for (const [rule, expected] of Object.entries(answers)) {
  test(`a resident outside cover, rule ${rule}, on a phone`, async () => {
    const set = await run(['council', 'set', `outside_cover=${rule}`, '--db', app.server.db]);
    assert.equal(set.code, 0, set.stderr);
    const context = await app.browser.newContext({ bypassCSP: true, viewport: PHONE });
    const failures = [];
    const { page, problems } = await openPage(context, app.server.url + '/find?postcode=YO32+2RA');
    const main = await page.locator('main').innerText();
    assert.match(main, /YO32 2RA is not in a covered area yet/);
    assert.match(main, expected.find);
    assert.equal(await page.getByRole('link', { name: expected.tel }).first().getAttribute('href'),
      'tel:' + expected.tel.replace(/ /g, ''));
    assert.match(main, /call adult social care on 01632 960001/);
    await checkPhonePage(page, `/find, rule ${rule}`, failures);
    if (expected.reply) {
      await page.goto(app.server.url + await replyPath('YO32 2RA'));
      await page.waitForLoadState('load');
      assert.match(await page.locator('main').innerText(), expected.reply);
      await checkPhonePage(page, `the reply, rule ${rule}`, failures);
    }
    assert.deepEqual(problems, []);
    assert.deepEqual(failures, [], failures.join('\n\n'));
    await context.close();
  });
}

for (const [label, viewport] of [['desktop', { width: 1280, height: 900 }], ['phone', PHONE]]) {
  test(`an administrator changes the rule on the settings page (${label})`, async () => {
    const context = await app.browser.newContext({ bypassCSP: true, viewport });
    const { page, problems } = await signInAt(context, app.server.url + '/staff', 'admin');
    const failures = [];
    const check = pageChecker(page, label === 'phone', failures);
    await page.getByRole('link', { name: 'The council\'s settings' }).click();
    await page.waitForLoadState('load');
    assert.equal(await page.locator('h1').innerText(), 'The council\'s settings');
    assert.equal(await page.getByLabel('The council\'s name').inputValue(), 'City of York Council (demo)');
    await check('the settings');

    // Two problems at once: both in the summary, nothing saved.
    await page.getByLabel('The council\'s general phone number').fill('ring us');
    await page.getByLabel('The central team\'s email address').fill('nope');
    await page.getByLabel('The central team answers').check();
    await submitButton(page, 'Save');
    const summary = await page.locator('.govuk-error-summary').innerText();
    assert.match(summary, /general phone number must be a UK phone number[^]*email address must be an email address/);
    assert.equal(await page.getByLabel('The central team answers').isChecked(), true, 'the choice is kept');
    await check('the settings with their problems');
    const unchanged = await run(['council', 'show', '--db', app.server.db]);
    assert.match(unchanged.stdout, /^phone=01632 960000$/m);

    await page.getByLabel('The council\'s general phone number').fill('01632 960000');
    await page.getByLabel('The central team\'s email address').fill('lac-team@example.org');
    await page.getByLabel('The nearest coordinator answers').check();
    await submitButton(page, 'Save');
    assert.match(await page.locator('.govuk-notification-banner').innerText(), /settings are saved/);
    assert.equal(await page.getByLabel('The nearest coordinator answers').isChecked(), true);
    await check('the settings, saved');
    // The refused save is the one 422 expected.
    assert.deepEqual(problems.filter((p) => !/422/.test(p)), []);
    assert.deepEqual(failures, [], failures.join('\n\n'));
    await context.close();
  });
}
