// The main journeys, each walked as the person who makes it (a resident
// on a 390 px phone, staff on a desktop), with axe-core on every page on
// the way, and screenshots of what matters on it for docs/journeys.md.
//
// One entry per journey in `journeys` below: its name, who walks it
// (null: nobody signed in), the viewport and the steps.  Steps get a
// walker `w` whose helpers wait for each new page and check it
// (axe-core; on a phone, no wider than 390 px), so a step reads as what
// the person does; `w.shot(file)` pictures the page as it is then.  To
// add a journey, add an entry (and its pictures to docs/journeys.md); to
// change one, change its steps.  The journeys run in order on one
// server: the coordinator's inbox answers the self-introduction sent
// before it.
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
// How tall a picture may be: the top of the page, taller than a screen
// on a phone so the answer shows, never the whole of a long page.
const TALLEST = { phone: 1300, desktop: 900 };
const shots = process.env.ALONGSIDE_JOURNEY_SHOTS ? join(root, 'docs/journeys') : null;

const app = serverAndBrowser();

// Yesterday in London, as the date pattern's three fields take it.
function yesterday() {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'numeric', year: 'numeric' })
    .formatToParts(new Date(Date.now() - 24 * 3600 * 1000));
  const part = (type) => parts.find((p) => p.type === type).value;
  return { day: part('day'), month: part('month'), year: part('year') };
}

// What a journey's steps do, each checking the page it lands on.
function walker(page, phone, failures) {
  const w = {
    page,
    // axe-core and (on a phone) the width of the page as it is now.
    async check(label = new URL(page.url()).pathname) {
      const v = await runAxe(page);
      if (v.length) failures.push(`${label}\n${describeViolations(v)}`);
      if (phone) {
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        if (width > 390) failures.push(`${label}: ${width} px wide`);
      }
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
    async fill(label, value, within = page) {
      await within.getByLabel(label, { exact: true }).fill(value);
    },
    async choose(label) {
      await page.getByLabel(label, { exact: true }).check();
    },
    // A GOV.UK date input: the group by its legend, then day, month,
    // year and (where it has one) the time.
    async date(legend, { day, month, year, time }) {
      const group = page.getByRole('group', { name: legend });
      await w.fill('Day', day, group);
      await w.fill('Month', month, group);
      await w.fill('Year', year, group);
      if (time) await w.fill('Time', time, group);
    },
    // The map drawn: its boundaries, and drop-in markers where it has any.
    async map() {
      await page.locator('#areas-map .leaflet-interactive').first().waitFor();
      await w.check(new URL(page.url()).pathname + ' with its map');
    },
    async sees(pattern) {
      assert.match(await page.locator('main').innerText(), pattern);
    },
    async doesNotSee(pattern) {
      assert.doesNotMatch(await page.locator('main').innerText(), pattern);
    },
    // The error summary, with every problem of the send at once.
    async problems(...patterns) {
      const summary = await page.locator('.govuk-error-summary').innerText();
      for (const p of patterns) assert.match(summary, p);
      return summary;
    },
    // The page as it is now, from its top (or from the selector from):
    // the width of the page's content (its margins left out on a
    // desktop) and no taller than TALLEST, or down to the bottom of upTo
    // (a selector) when given.
    async shot(file, { from, upTo } = {}) {
      if (!shots) return;
      mkdirSync(shots, { recursive: true });
      const { width } = page.viewportSize();
      let x = 0, w2 = width;
      if (!phone) {
        const box = await page.locator('main').boundingBox();
        x = Math.max(0, Math.floor(box.x) - 15);
        w2 = Math.min(width - x, Math.ceil(box.width) + 30);
      }
      const y = from ? Math.max(0, Math.floor((await page.locator(from).first().boundingBox()).y) - 20) : 0;
      let height = Math.min(await page.evaluate(() => document.documentElement.scrollHeight) - y,
        phone ? TALLEST.phone : TALLEST.desktop);
      if (upTo) {
        const box = await page.locator(upTo).first().boundingBox();
        height = Math.ceil(box.y + box.height) + 20 - y;
      }
      await page.screenshot({ path: join(shots, file), fullPage: true, clip: { x, y, width: w2, height } });
    },
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

// A send refused on purpose answers 422, which the browser also notes
// in its console: the one problem a journey with `refusals` expects.
const REFUSED = /^HTTP 422: |status of 422 \(Unprocessable Content\)$/;

const journeys = [
  {
    name: 'A resident finds their area and its coordinator',
    user: null, viewport: PHONE,
    async steps(w) {
      await w.go('/');
      await w.link('Find your coordinator');
      await w.fill('Postcode', 'YO24 4NB');
      await w.button('Find');
      await w.sees(/YO24 4NB is in a covered area/);
      await w.sees(/Priya Shah/);
      await w.shot('resident-finds-area.png');
    },
  },
  {
    name: 'A resident looks at the areas and their drop-ins on the map',
    user: null, viewport: PHONE,
    async steps(w) {
      await w.go('/areas');
      await w.map();
      await w.sees(/Markers show the centre of the drop-in's postcode, not the building/);
      // Nothing only on the map: the drop-ins are listed by area too.
      await w.sees(/Drop-ins\s+Where and when you can meet a coordinator/);
      await w.shot('resident-areas-map.png');
      // With the keyboard: a marker's details open with Enter and close
      // with Escape; an area opens with Enter.
      const page = w.page;
      await page.locator('.app-map-dropin').first().focus();
      await page.keyboard.press('Enter');
      await page.locator('.leaflet-popup').waitFor();
      await page.keyboard.press('Escape');
      await page.locator('.leaflet-popup').waitFor({ state: 'detached' });
      await page.getByRole('link', { name: 'Heworth (covered)' }).focus();
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/areas\/[0-9a-f]{32}$/);
      await w.map();
      assert.equal(await page.locator('h1').innerText(), 'Heworth');
    },
  },
  {
    // The demo's council answers outside cover with the nearest
    // coordinator: /find and the form's reply say the same.
    name: 'A resident outside cover is told what they can do, and gets in touch',
    user: null, viewport: PHONE,
    async steps(w) {
      await w.go('/find');
      await w.fill('Postcode', 'YO32 2RA');
      await w.button('Find');
      await w.sees(/YO32 2RA is not in a covered area yet/);
      await w.sees(/Grace Okafor, the coordinator for Clifton and Guildhall, will talk with you/);
      await w.shot('resident-outside-cover.png');
      // The link carries the postcode into the form.
      await w.link('send a message here');
      assert.equal(await w.page.getByLabel('Postcode', { exact: true }).inputValue(), 'YO32 2RA');
      await w.choose('For myself');
      await w.button('Continue');
      await w.fill('Your name', 'Olive Outside');
      await w.fill('Your phone number', '07700 900500');
      await w.button('Send');
      await w.sees(/Grace Okafor, the coordinator for Clifton and Guildhall, will get back to you by/);
      await w.sees(/outside the areas coordinators cover at the moment/);
      await w.shot('resident-outside-cover-sent.png');
    },
  },
  {
    name: 'A resident introduces themselves, in two steps',
    user: null, viewport: PHONE, refusals: true,
    async steps(w) {
      await w.go('/get-in-touch');
      await w.choose('For myself');
      await w.fill('Postcode', 'YO24 4NB');
      await w.button('Continue');
      // Only what applies to someone writing about themselves.
      assert.equal(await w.page.locator('h1').innerText(), 'About you');
      await w.doesNotSee(/Their name|Do they know you are getting in touch/);
      // Sent empty: every problem at once, in one summary.
      await w.button('Send');
      await w.problems(/Enter your name/, /phone|email|way to reach you/i);
      await w.shot('self-introduction-problems.png', { upTo: '#person_phone' });
      await w.fill('Your name', 'Sam Example');
      await w.fill('Your phone number', '07700 900300');
      await w.fill('What would you like to talk about?', 'I have just moved here and would like to meet people.');
      await w.button('Send');
      await w.sees(/Priya Shah, the coordinator for Acomb and Westfield, will get back to you by/);
      await w.shot('self-introduction.png');
    },
  },
  {
    name: 'A professional introduces someone',
    user: null, viewport: PHONE,
    async steps(w) {
      await w.go('/get-in-touch');
      await w.choose('For someone I work with as a professional');
      await w.fill('Postcode', 'YO31 9BP');
      await w.button('Continue');
      // What a coordinator does, and does not, before the fields.
      await w.sees(/What a coordinator does[^]*not a service to hand tasks to/);
      await w.shot('professional-introduction.png');
      await w.fill('Their name', 'Mr Example');
      await w.fill('Their phone number', '07700 900400');
      await w.fill('A little about them, in their own words if you can', 'Lives alone since his wife died; would like to get out more.');
      await w.choose('Yes, they know and would like to talk');
      await w.fill('Your name', 'Alex Practice');
      await w.fill('Your organisation', 'Example GP Practice');
      await w.fill('Your phone number', '01904 000000');
      await w.button('Send');
      await w.sees(/will get back to you by/);
    },
  },
  {
    name: "A coordinator's inbox, answering an introduction",
    user: 'priya', viewport: DESKTOP,
    async steps(w) {
      await w.go('/staff/introductions');
      await w.link('Sam Example');
      // The phone number to call or text from a phone.
      assert.equal(await w.page.getByRole('link', { name: 'Call 07700 900300' }).getAttribute('href'), 'tel:07700900300');
      await w.choose('Contacted');
      await w.button('Save');
      assert.match(await w.page.locator('.govuk-caption-l').innerText(), /Contacted/);
      await w.link('Back to introductions');
      await w.shot('coordinator-inbox.png');
    },
  },
  {
    // The GOV.UK date pattern: day, month and year, and a time; a date
    // that does not exist is named at its field, and the time comes
    // back in words, in London time.
    name: 'A coordinator logs a voicemail left yesterday, with the date pattern',
    user: 'tom', viewport: DESKTOP, refusals: true,
    async steps(w) {
      const day = yesterday();
      await w.go('/staff/introductions');
      await w.link('Log a call or message');
      await w.choose('Voicemail');
      await w.fill('Their name', 'Val Voicemail');
      await w.fill('Phone', '07700 900200');
      await w.date('When it came', { day: '31', month: '2', year: day.year, time: '9:30am' });
      await w.button('Save');
      await w.problems(/must be a real date: check the day/);
      await w.shot('date-pattern.png', { upTo: '.govuk-form-group--error' });
      await w.date('When it came', day);
      await w.button('Save');
      assert.equal(await w.page.locator('h1').innerText(), 'Val Voicemail');
      await w.sees(/Arrived\s+\w+day \d+ \w+ \d{4} at 9:30am/);
      await w.sees(/Came by\s+Voicemail/);
    },
  },
  {
    // Tom works Holgate and Micklegate; YO24 4NB is in Acomb and
    // Westfield, whose introductions he does not see.
    name: 'A coordinator logs a call for another area',
    user: 'tom', viewport: DESKTOP,
    async steps(w) {
      await w.go('/staff/introductions');
      await w.link('Log a call or message');
      await w.fill('Their name', 'Rita Elsewhere');
      await w.fill('Phone', '07700 900600');
      await w.fill('Postcode', 'YO24 4NB');
      await w.button('Save');
      assert.match(new URL(w.page.url()).pathname, /\/logged$/);
      assert.equal(await w.page.locator('h1').innerText(), 'Introduction logged');
      await w.sees(/It went to Acomb and Westfield/);
      await w.sees(/there is no need to log it again/);
      await w.shot('coordinator-logs-call-elsewhere.png');
    },
  },
  {
    name: "A covering coordinator's inbox",
    user: 'daniel', viewport: DESKTOP,
    async steps(w) {
      await w.go('/staff/introductions');
      // Daniel covers Acomb and Westfield: Priya's introductions come to
      // him, marked as hers.
      await w.sees(/You are covering Acomb and Westfield for Priya Shah until/);
      await w.sees(/Rita Elsewhere[^]*Covering for Priya Shah/);
      await w.shot('covering-inbox.png');
    },
  },
  {
    name: "A team leader's view of the team",
    user: 'jo.bennett', viewport: DESKTOP,
    async steps(w) {
      await w.go('/team/cover');
      await w.go('/team/caseloads');
      await w.sees(/Priya Shah/);
      await w.shot('team-leader.png');
    },
  },
  {
    name: 'An administrator keeps the areas right',
    user: 'admin', viewport: DESKTOP,
    async steps(w) {
      await w.go('/admin/areas');
      await w.link('Heworth');
      await w.map();
      await w.shot('admin-areas.png', { from: '.govuk-back-link', upTo: '#areas-map' });
    },
  },
  ...[['Privacy', '/privacy', 'privacy.png', /Privacy notice/],
    ['Accessibility statement', '/accessibility', 'accessibility.png', /Accessibility statement/],
    ['Cookies', '/cookies', 'cookies.png', /Cookies/]].map(([link, path, file, heading]) => ({
    name: `${link}: the page every public service has, from the footer`,
    user: null, viewport: PHONE,
    async steps(w) {
      await w.go('/');
      await w.link(link);
      assert.equal(new URL(w.page.url()).pathname, path);
      assert.match(await w.page.locator('h1').innerText(), heading);
      await w.shot(file);
    },
  })),
];

for (const journey of journeys) {
  test(journey.name, async () => {
    const context = await app.browser.newContext({ ...journey.viewport, bypassCSP: true });
    const failures = [];
    const { page, problems } = await openPage(context, 'about:blank');
    if (journey.user) await signIn(page, journey.user);
    await journey.steps(walker(page, journey.viewport === PHONE, failures));
    assert.equal(failures.join('\n\n'), '');
    assert.deepEqual(problems.filter((p) => !(journey.refusals && REFUSED.test(p))), []);
    await context.close();
  });
}
