// The main journeys, each walked as the person who makes it (a resident
// on a 390 px phone, staff on a desktop), with axe-core on every page on
// the way, and a screenshot of where each ends for docs/journeys.md.
//
// One entry per journey in `journeys` below: its name, who walks it
// (null: nobody signed in), the viewport, the steps, and the screenshot
// file.  Steps get a walker `w` whose helpers wait for each new page and
// check it (axe-core; on a phone, no wider than 390 px), so a step reads
// as what the person does.  To add a journey, add an entry; to change
// one, change its steps.
//
// The screenshots are written to docs/journeys/ only when asked, so that
// running the suite leaves the tree as it was:
//
//   ALONGSIDE_JOURNEY_SHOTS=1 node --test tests/browser/journeys.test.mjs
//
// (run it on the York demo; dates and waiting times in the pictures are
// of the day it ran).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { root } from '../lib/alongside.mjs';
import { DEMO_PASSWORD } from '../lib/staff.mjs';
import { serverAndBrowser, openPage, runAxe, describeViolations } from './browser.mjs';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const DESKTOP = { viewport: { width: 1280, height: 900 } };
const shots = process.env.ALONGSIDE_JOURNEY_SHOTS ? join(root, 'docs/journeys') : null;

const app = serverAndBrowser();

// What a journey's steps do, each checking the page it lands on.
function walker(page, phone, failures) {
  const seen = [];
  const w = {
    page,
    // axe-core and (on a phone) the width of the page as it is now.
    async check(label = new URL(page.url()).pathname) {
      if (page.url().endsWith('.png')) return;
      const v = await runAxe(page);
      if (v.length) failures.push(`${label}\n${describeViolations(v)}`);
      if (phone) {
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        if (width > 390) failures.push(`${label}: ${width} px wide`);
      }
      seen.push(label);
    },
    async go(path) {
      await page.goto(app.server.url + path);
      await page.waitForLoadState('load');
      await w.check();
    },
    async link(name) {
      await page.getByRole('link', { name, exact: true }).first().click();
      await page.waitForLoadState('load');
      await w.check();
    },
    async button(name) {
      await page.getByRole('button', { name, exact: true }).click();
      await page.waitForLoadState('load');
      await w.check();
    },
    async fill(label, value) {
      await page.getByLabel(label, { exact: true }).fill(value);
    },
    async choose(label) {
      await page.getByLabel(label, { exact: true }).check();
    },
    // The map drawn: its boundaries, and drop-in markers where it has any.
    async map() {
      await page.locator('#areas-map .leaflet-interactive').first().waitFor();
      await w.check(new URL(page.url()).pathname + ' with its map');
    },
    async sees(pattern) {
      assert.match(await page.locator('main').innerText(), pattern);
    },
    seen,
  };
  return w;
}

async function signIn(page, username) {
  await page.goto(app.server.url + '/sign-in');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForLoadState('load');
}

const journeys = [
  {
    name: 'A resident finds their area and its coordinator',
    user: null, viewport: PHONE, file: 'resident-finds-area.png',
    async steps(w) {
      await w.go('/');
      await w.link('Find your coordinator');
      await w.fill('Postcode', 'YO24 4NB');
      await w.button('Find');
      await w.sees(/YO24 4NB is in a covered area/);
    },
  },
  {
    name: "A resident looks at the areas and their drop-ins on the map",
    user: null, viewport: PHONE, file: 'resident-areas-map.png',
    async steps(w) {
      await w.go('/areas');
      await w.map();
      await w.sees(/Markers show the centre of the drop-in's postcode, not the building/);
    },
  },
  {
    name: 'A resident outside cover is told what they can do',
    user: null, viewport: PHONE, file: 'resident-outside-cover.png',
    async steps(w) {
      await w.go('/find');
      await w.fill('Postcode', 'YO32 2RA');
      await w.button('Find');
      await w.sees(/nearest covered area/);
    },
  },
  {
    name: 'A resident introduces themselves',
    user: null, viewport: PHONE, file: 'self-introduction.png',
    async steps(w) {
      await w.go('/get-in-touch');
      await w.choose('I would like to talk to a coordinator myself');
      await w.fill('Their name', 'Sam Example');
      await w.fill('Phone number', '07700 900300');
      await w.fill('Their postcode', 'YO24 4NB');
      await w.fill('A little about them, in their own words if you can', 'I have just moved here and would like to meet people.');
      await w.button('Send');
      await w.sees(/will get back to you by/);
    },
  },
  {
    name: 'A professional introduces someone',
    user: null, viewport: PHONE, file: 'professional-introduction.png',
    async steps(w) {
      await w.go('/get-in-touch');
      await w.choose('I work for an organisation (for example a GP practice or charity)');
      await w.fill('Their name', 'Mr Example');
      await w.fill('Phone number', '07700 900400');
      await w.fill('Their postcode', 'YO31 9BP');
      await w.fill('A little about them, in their own words if you can', 'Lives alone since his wife died; would like to get out more.');
      await w.fill('Your name', 'Alex Practice');
      await w.fill('Your organisation, if any', 'Example GP Practice');
      await w.fill('Your phone number', '01904 000000');
      await w.choose('Yes, they know and would like to talk');
      await w.button('Send');
      await w.sees(/will get back to you by/);
    },
  },
  {
    name: "A coordinator's inbox, answering an introduction",
    user: 'priya', viewport: DESKTOP, file: 'coordinator-inbox.png',
    async steps(w) {
      await w.go('/staff/introductions');
      await w.link('Sam Example');
      await w.choose('Contacted');
      await w.button('Save');
      assert.match(await w.page.locator('.govuk-caption-l').innerText(), /Contacted/);
      await w.link('Back to introductions');
    },
  },
  {
    name: 'A coordinator logs a call',
    user: 'tom', viewport: DESKTOP, file: 'coordinator-logs-call.png',
    async steps(w) {
      await w.go('/staff/introductions');
      await w.link('Log a call or message');
      await w.fill('Their name', 'Phone Caller');
      await w.fill('Phone', '07700 900200');
      await w.button('Save');
      assert.equal(await w.page.locator('h1').innerText(), 'Phone Caller');
    },
  },
  {
    name: "A covering coordinator's inbox",
    user: 'daniel', viewport: DESKTOP, file: 'covering-inbox.png',
    async steps(w) {
      await w.go('/staff/introductions');
      // Daniel covers Acomb and Westfield: Priya's introductions come to him.
      await w.sees(/Acomb and Westfield/);
    },
  },
  {
    name: "A team leader's view of the team",
    user: 'jo.bennett', viewport: DESKTOP, file: 'team-leader.png',
    async steps(w) {
      await w.go('/team/cover');
      await w.go('/team/caseloads');
      await w.sees(/Priya Shah/);
    },
  },
  {
    name: 'An administrator keeps the areas right',
    user: 'admin', viewport: DESKTOP, file: 'admin-areas.png',
    async steps(w) {
      await w.go('/admin/areas');
      await w.link('Heworth');
      await w.map();
    },
  },
  ...[['/privacy', 'privacy.png', 'The privacy notice'],
    ['/accessibility', 'accessibility.png', 'The accessibility statement'],
    ['/cookies', 'cookies.png', 'The cookies page']].map(([path, file, name]) => ({
    name, user: null, viewport: PHONE, file, path,
    async steps(w) {
      await w.go(path);
    },
  })),
];

for (const journey of journeys) {
  test(journey.name, async (t) => {
    // The pages every public service has are being added; until they
    // are, their journeys wait.
    if (journey.path && (await fetch(app.server.url + journey.path)).status === 404) {
      t.skip(`${journey.path} is not there yet`);
      return;
    }
    const context = await app.browser.newContext({ ...journey.viewport, bypassCSP: true });
    const failures = [];
    const { page, problems } = await openPage(context, 'about:blank');
    if (journey.user) await signIn(page, journey.user);
    const w = walker(page, journey.viewport === PHONE, failures);
    await journey.steps(w);
    if (shots) {
      mkdirSync(shots, { recursive: true });
      // The top of the page where it ends, taller than a screen on a
      // phone so the answer shows, never the whole of a long page.
      const { width } = journey.viewport.viewport;
      const height = Math.min(await page.evaluate(() => document.documentElement.scrollHeight),
        journey.viewport === PHONE ? 1600 : 1100);
      await page.screenshot({ path: join(shots, journey.file), fullPage: true, clip: { x: 0, y: 0, width, height } });
    }
    assert.equal(failures.join('\n\n'), '');
    assert.deepEqual(problems, []);
    await context.close();
  });
}
