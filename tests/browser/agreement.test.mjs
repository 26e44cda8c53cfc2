// The shared agreement in a real browser on a phone 390 px wide: a
// coordinator agrees one with two goals and their steps, changes it at the
// person's request (a step done, a step added, a goal reworded), compares
// the two versions and finds each change in words, and prints it for the
// person on one A4 page; on a return, the page offers a new one and links
// the earlier; no page scrolls sideways, and axe-core finds nothing on any
// of them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, yorkDatabase } from '../lib/alongside.mjs';
import { Browser, DEMO_PASSWORD } from '../lib/staff.mjs';
import { walkingAlongside } from '../lib/walking.mjs';
import { launch, openPage, checkPhonePage } from './browser.mjs';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, bypassCSP: true };
let server, browser, person, priya;
before(async () => {
  server = await startServer({ db: await yorkDatabase(), migrate: false });
  priya = await new Browser(server.url).signedIn('priya');
  priya.csrfToken = await priya.csrf('/staff');
  person = await walkingAlongside(server, priya, 'Bea Example');
  browser = await launch();
});
after(async () => {
  await browser?.close();
  assert.equal(await server.stop(), 0);
});

async function submit(page, name) {
  await page.getByRole('button', { name, exact: true }).click();
  await page.waitForLoadState('load');
}

async function step(page, id, words, taker, name) {
  await page.locator(`#${id}`).fill(words);
  await page.locator(`#${id}_taken_by`).selectOption(taker);
  if (name) await page.locator(`#${id}_taken_by_words`).fill(name);
}

// Page objects in a PDF ("/Type /Page"), not the page tree ("/Type /Pages").
const pages = (pdf) => (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) || []).length;

test('a coordinator agrees, changes, compares and prints a shared agreement on a phone', async () => {
  const context = await browser.newContext(PHONE);
  const failures = [];
  const url = `${server.url}/staff/people/${person}/agreement`;
  const { page, problems } = await openPage(context, url);
  await page.getByLabel('Username').fill('priya');
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await submit(page, 'Sign in');
  assert.match(await page.locator('main').innerText(), /Bea Example has no shared agreement yet/);
  await checkPhonePage(page, 'no agreement yet', failures);

  await page.getByRole('link', { name: 'Agree a shared agreement' }).click();
  await page.waitForLoadState('load');
  await checkPhonePage(page, 'the empty form', failures);
  await page.locator('#goal_0').fill('Get back to the allotment');
  await step(page, 'step_0_0', 'Ring the allotment society', 'person');
  await step(page, 'step_0_1', 'Find out about raised beds', 'coordinator', 'Priya');
  // By when, the row's own date input.
  await page.locator('#step_0_1_by_when').fill('6');
  await page.locator('#step_0_1_by_when-month').fill('3');
  await page.locator('#step_0_1_by_when-year').fill('2099');
  await page.locator('#goal_1').fill('See my sister more');
  await step(page, 'step_1_0', 'Plan a Sunday visit', 'family', 'Your sister Ann');
  await page.getByLabel('Bea Example asked for it').check();
  await page.getByLabel('In person').check();
  await submit(page, 'Save the agreement');
  let main = await page.locator('main').innerText();
  assert.match(main, /What Bea Example wants/);
  assert.match(main, /Started at Bea Example’s request/);
  assert.match(main, /Who: Priya \(your coordinator\)/);
  await checkPhonePage(page, 'the agreement', failures);

  // At Bea's request: a step done, a step added, a goal reworded.
  await page.getByRole('link', { name: 'Change the agreement' }).click();
  await page.waitForLoadState('load');
  assert.equal(await page.locator('#goal_0').inputValue(), 'Get back to the allotment');
  await page.locator('#step_0_0_status').selectOption('done');
  await step(page, 'step_0_2', 'Go to the open day', 'person');
  await page.locator('#goal_1').fill('See my sister Ann every week');
  await page.getByLabel('Bea Example asked for it').check();
  await page.getByLabel('By phone').check();
  await page.getByLabel("Why, in Bea Example’s words (optional)").fill('Ann can only do Saturdays');
  await checkPhonePage(page, 'the form to change it', failures);
  await submit(page, 'Save the agreement');
  main = await page.locator('main').innerText();
  assert.match(main, /Changed at Bea Example’s request: “Ann can only do Saturdays”/);
  assert.match(main, /Version 2 \(now\)/);

  // Versions 1 and 2 side by side: each change in words.
  await page.getByLabel('From version').selectOption('1');
  await page.getByLabel('To version').selectOption('2');
  await submit(page, 'Compare');
  main = await page.locator('main').innerText();
  assert.match(main, /What changed between version 1 and version 2/);
  assert.match(main, /Changed\s+A step toward “Get back to the allotment”\s+Changed: where it has got to from Not yet to Done/);
  assert.match(main, /Added\s+A step toward “Get back to the allotment”/);
  assert.match(main, /Go to the open day/);
  assert.match(main, /Changed\s+A goal\s+Changed: the words/);
  assert.match(main, /See my sister more/);
  assert.match(main, /In version 2, written up by Priya Shah, at Bea Example’s request/);
  await checkPhonePage(page, 'two versions compared', failures);

  // The copy Bea keeps: the agreement alone, in plain words, on one page.
  await page.getByRole('link', { name: 'Back to the agreement' }).click();
  await page.waitForLoadState('load');
  await page.emulateMedia({ media: 'print' });
  const printed = await page.locator('body').innerText();
  assert.match(printed, /What Bea Example wants/);
  assert.match(printed, /See my sister Ann every week/);
  assert.match(printed, /Your coordinator is Priya Shah\./);
  for (const left of ['Every version', 'Change the agreement', 'Sign out', 'Back to', 'Compare'])
    assert.ok(!printed.includes(left), `printed: ${left}`);
  assert.doesNotMatch(printed, /[0-9a-f]{32}/);
  const pdf = await page.pdf({ format: 'A4' });
  assert.equal(pages(pdf), 1);

  assert.deepEqual(problems, []);
  assert.equal(failures.join('\n\n'), '');
  await context.close();
});

test('on a return the page offers a new agreement and the earlier one reads on a phone', async () => {
  const as = (method, path, json) => priya.request(method, path, { json, headers: { 'X-CSRF-Token': priya.csrfToken } });
  const made = await as('POST', '/api/v1/people', { name: 'Rae Example', postcode: 'YO24 4NB', kind: 'walking_alongside' });
  assert.equal(made.status, 201, made.text);
  const { id, involvements: [inv] } = made.json();
  const agreed = await as('POST', `/api/v1/people/${id}/agreement`, {
    asked_by: 'together', agreed_how: 'in_person',
    goals: [{ words: 'Get back to the allotment', steps: [{ words: 'Ring the allotment society', taken_by: 'person' }] }],
  });
  assert.equal(agreed.status, 201, agreed.text);
  assert.equal((await as('PATCH', `/api/v1/people/${id}/involvements/${inv.id}`, { end_reason: 'in_place', ended_by: 'agreement' })).status, 200);
  assert.equal((await as('POST', `/api/v1/people/${id}/involvements`, { kind: 'walking_alongside' })).status, 201);

  const context = await browser.newContext(PHONE);
  const failures = [];
  const { page, problems } = await openPage(context, `${server.url}/staff/people/${id}/agreement`);
  await page.getByLabel('Username').fill('priya');
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await submit(page, 'Sign in');
  let main = await page.locator('main').innerText();
  assert.match(main, /no shared agreement for this time walking alongside yet/);
  assert.match(main, /Earlier agreements/);
  await page.getByRole('link', { name: 'Agree a shared agreement' }).waitFor();
  await checkPhonePage(page, 'a return: none yet, the earlier listed', failures);
  await page.getByRole('link', { name: /^Walking alongside from / }).click();
  await page.waitForLoadState('load');
  main = await page.locator('main').innerText();
  assert.match(main, /Get back to the allotment/);
  assert.match(main, /can only be read/);
  assert.equal(await page.getByRole('link', { name: 'Change the agreement' }).count(), 0);
  await checkPhonePage(page, 'an earlier agreement', failures);
  assert.deepEqual(problems, []);
  assert.equal(failures.join('\n\n'), '');
  await context.close();
});
