// Debian chromium, driven by playwright-core, for the browser tests.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, yorkDatabase } from '../lib/alongside.mjs';
import { DEMO_PASSWORD } from '../lib/staff.mjs';

const require = createRequire(new URL('../../web/package.json', import.meta.url));
const { chromium } = require('playwright-core');
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

// The closed network here refuses Chromium's own background connections;
// these flags stop it making them, and root needs --no-sandbox.
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-default-apps', '--metrics-recording-only', '--no-default-browser-check'],
  });
}

// Before the file's tests, the server on a fresh York database and
// Chromium; after them, both closed, the server exiting 0.  The object
// returned holds server and browser once before has run.
export function serverAndBrowser() {
  const app = {};
  before(async () => {
    app.server = await startServer({ db: await yorkDatabase(), migrate: false });
    app.browser = await launch();
  });
  after(async () => {
    await app.browser?.close();
    assert.equal(await app.server.stop(), 0);
  });
  return app;
}

// Opens url in a fresh page and records everything that went wrong on the
// way: console errors, uncaught exceptions, failed or refused requests.
export async function openPage(context, url) {
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  // A request the browser itself gave up when the page moved on (a form
  // sent while the favicon was still loading) is ERR_ABORTED: not a fault.
  page.on('requestfailed', (r) => {
    const why = r.failure()?.errorText;
    if (why !== 'net::ERR_ABORTED') problems.push(`request failed: ${r.url()} ${why}`);
  });
  page.on('response', (r) => { if (r.status() >= 400 && r.url() !== url) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  const response = await page.goto(url);
  await page.waitForLoadState('load');
  return { page, response, problems };
}

// Runs axe-core for WCAG 2.2 A and AA (and best practice) and returns the
// violations.  The context must bypass CSP: axe is injected as inline script,
// which our policy rightly forbids to the page itself.
export async function runAxe(page) {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    const result = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
}

export function describeViolations(violations) {
  return violations.map((v) => `${v.id} (${v.impact}): ${v.targets.join(', ')}`).join('\n');
}

// axe-core finds nothing on the page, and it is no wider than a 390 px
// phone; each problem is added to failures under label, so one walk can
// report every page it saw.
export async function checkPhonePage(page, label, failures) {
  const v = await runAxe(page);
  if (v.length) failures.push(`${label}\n${describeViolations(v)}`);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  if (width > 390) failures.push(`${label}: ${width} px wide`);
}

// Presses the named button and waits for the page it leads to.
export async function submitButton(page, name) {
  await page.getByRole('button', { name }).click();
  await page.waitForLoadState('load');
}

// Opens a staff page signed out, signs in there as username with the demo
// password, and is sent back to it: openPage's answer.
export async function signInAt(context, url, username) {
  const opened = await openPage(context, url);
  await opened.page.getByLabel('Username').fill(username);
  await opened.page.getByLabel('Password').fill(DEMO_PASSWORD);
  await submitButton(opened.page, 'Sign in');
  return opened;
}

// check(what) of the page as it is now, into failures: on a phone axe and
// the width (checkPhonePage), on a desktop axe alone.
export function pageChecker(page, phone, failures) {
  return async (what) => {
    if (phone) return checkPhonePage(page, what, failures);
    const v = await runAxe(page);
    if (v.length) failures.push(`${what}\n${describeViolations(v)}`);
  };
}
