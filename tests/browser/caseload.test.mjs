// The caseload on a phone (390 px): a coordinator sees their people as
// cards; a team leader sets a capacity (a typed mistake told beside the
// field) and moves a person to a colleague.  axe-core on every page, and
// nothing wider than the screen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { run, startServer, yorkDatabase, backend } from '../lib/alongside.mjs';
import { Browser, DEMO_PASSWORD } from '../lib/staff.mjs';
import { launch, openPage, runAxe, describeViolations } from './browser.mjs';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, bypassCSP: true };
let db, server, browser;

function sql(statement) {
  const out = backend === 'postgresql'
    ? execFileSync('psql', [db, '-qAtc', statement], { stdio: 'pipe' })
    : execFileSync('sqlite3', [db.replace(/^sqlite:/, ''), statement], { stdio: 'pipe' });
  return out.toString().trim();
}

before(async () => {
  db = await yorkDatabase({ caseload: false });
  const added = await run(['user', 'add', 'sam', '--name', 'Sam Lee', '--role', 'coordinator',
    '--area', 'Acomb and Westfield', '--db', db], { input: DEMO_PASSWORD + '\n' });
  assert.equal(added.code, 0, added.stderr);
  server = await startServer({ db, migrate: false });
  // Two people Priya walks alongside and one she helps for a while,
  // through introductions whose outcome she decides.
  const priya = await new Browser(server.url).signedIn('priya');
  const csrf = await priya.csrf('/staff');
  const as = (method, path, json) => priya.request(method, path, { json, headers: { 'X-CSRF-Token': csrf } });
  for (const [name, outcome] of [['Ann Example', 'walking_alongside'], ['Bob Example', 'walking_alongside'],
    ['Dev Example', 'information_only']]) {
    const made = await as('POST', '/api/v1/introductions', {
      person: { name, phone: '07700 900555', postcode: 'YO24 4NB' },
      introduced_by: { relationship: 'self' }, person_knows: 'yes', channel: 'phone',
    });
    assert.equal(made.status, 201, made.text);
    const path = outcome === 'walking_alongside' ? ['contacted', 'conversation_arranged', outcome] : ['contacted', outcome];
    for (const status of path)
      assert.equal((await as('PATCH', `/api/v1/introductions/${made.json().id}`, { status })).status, 200);
  }
  sql(`UPDATE involvements SET started_on = '2020-01-01' WHERE id IN (SELECT ip.involvement_id
    FROM involvement_people ip JOIN people p ON p.id = ip.person_id WHERE p.name = 'Bob Example')`);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  assert.equal(await server.stop(), 0);
});

async function signIn(context, username) {
  const { page, problems } = await openPage(context, server.url + '/sign-in');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForLoadState('load');
  return { page, problems };
}

// axe-core, and no horizontal scroll.
async function check(page, label, failures) {
  const v = await runAxe(page);
  if (v.length) failures.push(`${label}\n${describeViolations(v)}`);
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  if (scroll > client) failures.push(`${label}: ${scroll} px wide on a ${client} px screen`);
}

test('a coordinator sees their caseload on a phone', async () => {
  const context = await browser.newContext(PHONE);
  const failures = [];
  const { page, problems } = await signIn(context, 'priya');
  await page.getByRole('link', { name: 'The people you walk alongside' }).click();
  await page.waitForLoadState('load');
  assert.equal(await page.locator('h1').innerText(), 'The people you walk alongside');
  const cards = page.locator('.govuk-summary-card');
  assert.equal(await cards.count(), 3);
  assert.match(await cards.nth(0).innerText(), /Ann Example[\s\S]*Last conversation\s+None yet/);
  assert.match(await cards.nth(1).innerText(), /Bob Example\s*Not talked with for a while/);
  assert.equal(await page.getByRole('link', { name: 'Ann Example' }).getAttribute('href'),
    '/staff/people/' + sql("SELECT id FROM people WHERE name = 'Ann Example'"));
  assert.match(await page.locator('main').innerText(), /Walking alongside\s+2 of 55/);
  await check(page, 'caseload', failures);
  assert.deepEqual(problems, []);
  assert.equal(failures.join('\n\n'), '');
  await context.close();
});

test('a team leader sets a capacity and moves a person on a phone', async () => {
  const context = await browser.newContext(PHONE);
  const failures = [];
  const { page } = await signIn(context, 'jo.bennett');
  await page.getByRole('link', { name: 'Who your team walks alongside' }).click();
  await page.waitForLoadState('load');
  assert.equal(await page.locator('h1').innerText(), 'Who your team walks alongside');
  await check(page, 'team caseloads', failures);
  // A typed mistake is told beside the field, and changes nothing.
  await page.getByLabel('Capacity for Priya Shah').fill('fifty');
  await page.getByRole('button', { name: 'Set capacity for Priya Shah' }).click();
  await page.waitForLoadState('load');
  assert.match(await page.locator('.govuk-error-summary').innerText(), /a capacity is a number of people from 1 to 200/);
  assert.equal(await page.getByLabel('Capacity for Priya Shah').inputValue(), 'fifty');
  await check(page, 'team caseloads with an error', failures);
  await page.getByLabel('Capacity for Priya Shah').fill('50');
  await page.getByRole('button', { name: 'Set capacity for Priya Shah' }).click();
  await page.waitForLoadState('load');
  assert.match(await page.locator('main').innerText(), /Priya Shah[\s\S]*Walking alongside\s+2 of 50/);
  // Ann moves to Sam.
  await page.getByRole('link', { name: 'Move people from Priya Shah' }).click();
  await page.waitForLoadState('load');
  await check(page, 'move', failures);
  await page.getByLabel('Ann Example, walking alongside').check();
  await page.getByLabel('Move them to').selectOption({ label: 'Sam Lee (0 of 55)' });
  await page.getByRole('button', { name: 'Move' }).click();
  await page.waitForLoadState('load');
  assert.match(await page.locator('.govuk-notification-banner').innerText(), /Moved 1 person/);
  assert.match(await page.locator('main').innerText(), /Sam Lee[\s\S]*Walking alongside\s+1 of 55/);
  await check(page, 'after the move', failures);
  await page.getByRole('link', { name: 'Sam Lee', exact: true }).click();
  await page.waitForLoadState('load');
  assert.equal(await page.locator('h1').innerText(), 'The people Sam Lee walks alongside');
  assert.match(await page.locator('.govuk-summary-card').first().innerText(), /Ann Example/);
  await check(page, "a colleague's caseload", failures);
  assert.equal(failures.join('\n\n'), '');
  await context.close();
});
