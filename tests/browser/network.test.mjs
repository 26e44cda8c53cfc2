// A person's network in a real browser on a phone 390 px wide: a
// coordinator draws it at the good-life conversation (asking for more rows
// without JavaScript), draws it again three months on with someone moved
// closer and someone new, and opens the two side by side, where the marks
// say in words who joined and who moved.  axe-core finds nothing on any
// page, none scrolls sideways, and the comparison prints on one A4 page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, yorkDatabase } from '../lib/alongside.mjs';
import { Browser, DEMO_PASSWORD } from '../lib/staff.mjs';
import { walkingAlongside } from '../lib/walking.mjs';
import { launch, openPage, checkPhonePage } from './browser.mjs';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, bypassCSP: true };
let server, browser, person, big;
before(async () => {
  server = await startServer({ db: await yorkDatabase(), migrate: false });
  const priya = await new Browser(server.url).signedIn('priya');
  priya.csrfToken = await priya.csrf('/staff');
  person = await walkingAlongside(server, priya, 'Bea Example');
  const talk = await priya.request('POST', `/api/v1/people/${person}/conversations`,
    { json: { how: 'met', good_life: true }, headers: { 'X-CSRF-Token': priya.csrfToken } });
  assert.equal(talk.status, 201, talk.text);
  big = await walkingAlongside(server, priya, 'Samantha Example');
  await fifteen(priya, big);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  assert.equal(await server.stop(), 0);
});

async function click(page, role, name) {
  await page.getByRole(role, { name, exact: true }).click();
  await page.waitForLoadState('load');
}

async function fillRow(page, row, { name, relationship, circle, callOn }) {
  await page.locator(`#row${row}-name`).fill(name);
  await page.locator(`#row${row}-relationship`).selectOption(relationship);
  await page.locator(`#row${row}-circle`).selectOption(circle);
  if (callOn) await page.locator(`#row${row}-can_call_on`).check();
}

// A realistic network: 13 people at first, 15 three months on, three of
// them closer.
const NAMES = ['Mum', 'Dad', 'Bernadette', 'Auntie Margaret', 'Grandad Joe', 'Oluwaseun Adeyemi',
  'Priyanka', 'Sue next door', 'Mohammed', 'Kathleen from choir', 'Dr Patel', 'Support worker Jen',
  'Christopher', 'Siobhan', 'Alexandra'];
const RELATIONSHIPS = ['family', 'family', 'friend', 'family', 'family', 'friend', 'friend',
  'neighbour', 'colleague', 'community', 'paid', 'paid', 'friend', 'community', 'friend'];
const CIRCLES = [1, 1, 2, 1, 2, 2, 2, 3, 3, 3, 4, 4, 2, 3, 2];
async function fifteen(coordinator, id) {
  const members = (n, later) => NAMES.slice(0, n).map((name, i) => ({
    name, relationship: RELATIONSHIPS[i], can_call_on: i % 3 === 0,
    circle: later && i % 5 === 2 ? CIRCLES[i] - 1 : CIRCLES[i],
  }));
  const save = (json) => coordinator.request('POST', `/api/v1/people/${id}/network`,
    { json, headers: { 'X-CSRF-Token': coordinator.csrfToken } });
  const first = await save({ taken_on: '2026-01-05', members: members(13) });
  assert.equal(first.status, 201, first.text);
  const known = Object.fromEntries(first.json().members.map((m) => [m.name, m.member_id]));
  const later = members(15, true).map((m) => (known[m.name] ? { ...m, member_id: known[m.name] } : m));
  const second = await save({ taken_on: '2026-04-05', members: later });
  assert.equal(second.status, 201, second.text);
}

// Words of the list broken across two lines ("Bernadett" / "e").
const brokenWords = (page) => page.evaluate(() => {
  const broken = [];
  for (const el of document.querySelectorAll('.app-network-list dt, .app-network-list dd')) {
    const text = el.firstChild;
    if (!text || text.nodeType !== Node.TEXT_NODE) continue;
    for (const m of text.data.matchAll(/\S+/g)) {
      const r = document.createRange();
      r.setStart(text, m.index);
      r.setEnd(text, m.index + m[0].length);
      if (r.getClientRects().length > 1) broken.push(m[0]);
    }
  }
  return broken;
});

// Links in the printed page whose address would print after them.
const printedAddresses = (page) => page.evaluate(() => [...document.querySelectorAll('main a')]
  .filter((a) => a.checkVisibility() && !['none', 'normal'].includes(getComputedStyle(a, '::after').content))
  .map((a) => a.textContent));

// The pages a PDF holds: its page objects, not the /Pages tree.
const pdfPages = (pdf) => (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) || []).length;

test('a coordinator draws a network twice on a phone and shows the two side by side', async () => {
  const context = await browser.newContext(PHONE);
  const failures = [];
  const home = `${server.url}/staff/people/${person}/network`;
  const { page, problems } = await openPage(context, home);
  await page.getByLabel('Username').fill('priya');
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await click(page, 'button', 'Sign in');
  assert.equal(await page.locator('h1').innerText(), 'Bea Example’s network');
  assert.match(await page.locator('main').innerText(), /No picture of Bea Example’s network yet/);
  await checkPhonePage(page, 'no picture yet', failures);

  await click(page, 'link', 'Draw their network');
  // The good-life conversation is chosen for the first picture.
  assert.match(await page.locator('#conversation_id option:checked').innerText(), /good-life/);
  await fillRow(page, 0, { name: 'Mum', relationship: 'family', circle: '1', callOn: true });
  await fillRow(page, 1, { name: 'Dad', relationship: 'family', circle: '3' });
  // More rows without JavaScript: the form comes back longer, values kept.
  assert.equal(await page.locator('.app-network-row').count(), 3);
  await click(page, 'button', 'More rows');
  assert.equal(await page.locator('.app-network-row').count(), 8);
  assert.equal(await page.locator('#row0-name').inputValue(), 'Mum');
  assert.ok(await page.locator('#row0-can_call_on').isChecked());
  assert.equal(await page.locator('#row1-circle').inputValue(), '3');
  // Drawn at the good-life conversation, three months ago.
  const threeMonthsAgo = new Date(Date.now() - 91 * 24 * 3600 * 1000);
  await page.locator('#taken_on').fill(String(threeMonthsAgo.getUTCDate()));
  await page.locator('#taken_on-month').fill(String(threeMonthsAgo.getUTCMonth() + 1));
  await page.locator('#taken_on-year').fill(String(threeMonthsAgo.getUTCFullYear()));
  // A name with no circle: told so beside the row, nothing saved.
  await page.locator('#row2-name').fill('Nita');
  await click(page, 'button', 'Save the picture');
  assert.match(await page.locator('.govuk-error-summary').innerText(), /Nita/);
  assert.match(await page.locator('#row2-circle-error').innerText(), /Nita/);
  await checkPhonePage(page, 'the form with a problem', failures);
  await page.locator('#row2-name').fill('');
  await click(page, 'button', 'Save the picture');
  assert.equal(new URL(page.url()).pathname, `/staff/people/${person}/network`);
  assert.equal(await page.locator('svg.app-network-picture').count(), 1);
  assert.match(await page.locator('.app-network-list').innerText(), /Mum[\s\S]*Can be called on/);
  await checkPhonePage(page, 'the first picture', failures);

  // Three months on (today, the form's own date): Dad closer, Sue new.
  await click(page, 'link', 'Draw their network again');
  assert.equal(await page.locator('#row1-name').inputValue(), 'Dad');
  await page.locator('#row1-circle').selectOption('2');
  await fillRow(page, 2, { name: 'Sue', relationship: 'neighbour', circle: '2' });
  await click(page, 'button', 'Save the picture');
  await checkPhonePage(page, 'the second picture', failures);

  await click(page, 'link', 'Compare first and latest');
  const main = await page.locator('main').innerText();
  const [, drawn, redrawn] = /From picture 1, drawn on (.+?), to picture 2, drawn on (.+?)\./.exec(main);
  assert.notEqual(drawn, redrawn);
  assert.match(drawn, new RegExp(new Date(threeMonthsAgo).getUTCFullYear()));
  assert.match(main, /Sue joined, in the friends circle/);
  assert.match(main, /Dad moved closer: from people they do things with to friends/);
  assert.equal(await page.locator('svg.app-network-picture').count(), 2);
  const later = page.locator('svg.app-network-picture').nth(1);
  assert.match(await later.locator('.mark-joined').textContent(), /\+ joined/);
  assert.match(await later.locator('.mark-closer').textContent(), /▲ closer/);
  assert.match(await later.locator('.key').textContent(), /moved closer/);
  await checkPhonePage(page, 'the comparison', failures);

  const pdf = await page.pdf({ format: 'A4' });
  assert.equal(pdfPages(pdf), 1, 'the comparison prints on one A4 page');

  // The picture alone, as an image.
  const svg = await page.request.get(`${home}.svg`);
  assert.equal(svg.status(), 200);
  assert.match(svg.headers()['content-type'], /^image\/svg\+xml/);
  assert.match(await svg.text(), /<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);

  // The refused form answers 422, as it should.
  assert.deepEqual(problems.filter((p) => !/status of 422|HTTP 422: .*\/network$/.test(p)), []);
  assert.deepEqual(failures, [], failures.join('\n\n'));
  await context.close();
});

test('a 15-person network and its comparison each print on one A4 page, words whole', async () => {
  const context = await browser.newContext(PHONE);
  const home = `${server.url}/staff/people/${big}/network`;
  const { page } = await openPage(context, home);
  await page.getByLabel('Username').fill('priya');
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await click(page, 'button', 'Sign in');
  assert.equal(await page.locator('.app-network-list dt').count(), 15);
  assert.deepEqual(await brokenWords(page), [], 'no name breaks mid-word at 390 px');

  // On paper: A4's width inside its 12 mm margins.
  await page.setViewportSize({ width: 703, height: 1000 });
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.getByText('Open the picture on its own').isVisible(), false,
    'the link to the picture alone is not printed');
  assert.deepEqual(await printedAddresses(page), [], 'links print as their words alone');
  assert.deepEqual(await brokenWords(page), [], 'no name breaks mid-word on paper');
  assert.equal(pdfPages(await page.pdf({ format: 'A4' })), 1, 'the network prints on one A4 page');

  await page.goto(`${home}/compare`);
  await page.waitForLoadState('load');
  assert.equal(await page.locator('svg.app-network-picture').count(), 2);
  assert.deepEqual(await printedAddresses(page), [], 'links print as their words alone');
  assert.equal(pdfPages(await page.pdf({ format: 'A4' })), 1, 'the comparison prints on one A4 page');
  await context.close();
});
