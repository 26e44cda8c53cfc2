// The pages every UK public service has: /privacy, /accessibility and
// /cookies, as texts the council edits (texts/ and texts-dir), with the
// council's settings filled in; the footer that links them; and the
// cookies page listing exactly the cookies the service sets.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, yorkDatabase, freshDatabase, migrate, run } from '../lib/alongside.mjs';
import { Browser } from '../lib/staff.mjs';

let server, db;

// The council's settings as an administrator sets them from the command line.
async function setCouncil(values) {
  const r = await run(['council', 'set', ...Object.entries(values).map(([k, v]) => `${k}=${v}`),
    '--db', db]);
  assert.equal(r.code, 0, r.stderr);
}

// The demo sets invented values; these tests start from none.
const councilKeys = ['name', 'phone', 'email', 'website', 'adult_social_care_phone',
  'adult_social_care_url', 'dpo_name', 'dpo_email', 'dpo_address', 'team_name', 'team_email',
  'team_phone'];

const main = (html) => html.slice(html.indexOf('<main'), html.indexOf('</main>'));
const footer = (html) => html.slice(html.indexOf('<footer'), html.indexOf('</footer>'));
const rawPlaceholder = /\{[a-z_.]+\}/;

before(async () => {
  db = await yorkDatabase({ caseload: false });
  await setCouncil(Object.fromEntries(councilKeys.map((k) => [k, ''])));
  server = await startServer({ db, migrate: false });
});
after(async () => { await server?.stop(); });

test('the three pages answer with the defaults, and an unset setting never shows as a placeholder', async () => {
  const b = new Browser(server.url);
  for (const [path, title] of [['/privacy', 'Privacy notice'], ['/accessibility', 'Accessibility statement'],
    ['/cookies', 'Cookies']]) {
    const r = await b.get(path);
    assert.equal(r.status, 200, path);
    assert.match(r.text, new RegExp(`<title>${title} – Local Area Coordination</title>`));
    assert.match(main(r.text), new RegExp(`<h1 class="govuk-heading-l">${title}</h1>`));
    assert.doesNotMatch(r.text, rawPlaceholder, path);
  }
  const privacy = main((await b.get('/privacy')).text);
  // No name set: "the council", and the lines about the DPO's contact
  // are left out rather than written with a hole.
  assert.match(privacy, /The controller of the information this service holds is the council\./);
  assert.doesNotMatch(privacy, /mailto:/);
  assert.doesNotMatch(privacy, /The data protection officer is/);
  assert.match(privacy, /Article 6\(1\)\(e\)/);
  assert.match(privacy, /href="https:\/\/ico.org.uk\/make-a-complaint\/"/);
  assert.match(privacy, /href="tel:03031231113"/);
  assert.match(privacy, /last updated on 2 December 2026/);
  const statement = main((await b.get('/accessibility')).text);
  assert.match(statement, /WCAG 2.2|Web Content Accessibility Guidelines version 2.2/);
  assert.match(statement, /prepared on 2 December 2026/);
  assert.match(statement, /Equality Advisory and Support Service/);
  assert.match(statement, /after 30 minutes/);
});

test('the council\'s settings are filled in on every request', async () => {
  await setCouncil({
    name: 'City of York Council', dpo_name: 'Ada Lovelace', dpo_email: 'dpo@york.example',
    dpo_address: 'West Offices, Station Rise, York, YO1 6GA', phone: '01904 551550',
    email: 'ask@york.example',
  });
  const b = new Browser(server.url);
  const privacy = main((await b.get('/privacy')).text);
  assert.match(privacy, /The controller of the information this service holds is City of York Council\./);
  assert.match(privacy, /The data protection officer is Ada Lovelace\./);
  assert.match(privacy, /<a class="govuk-link" href="mailto:dpo@york.example">dpo@york.example<\/a>/);
  assert.match(privacy, /West Offices, Station Rise, York, YO1 6GA/);
  assert.match(privacy, /href="tel:01904551550">01904 551550<\/a>/);
  const statement = main((await b.get('/accessibility')).text);
  assert.match(statement, /href="mailto:ask@york.example"/);
  assert.match(statement, /run by City of York Council/);
  for (const path of ['/privacy', '/accessibility', '/cookies'])
    assert.doesNotMatch((await b.get(path)).text, rawPlaceholder, path);
  // A value is text, never markup.
  await setCouncil({ name: 'York <b>&</b> **District**' });
  const escaped = main((await b.get('/privacy')).text);
  assert.match(escaped, /York &lt;b&gt;&amp;&lt;\/b&gt; \*\*District\*\*/);
  await setCouncil({ name: 'City of York Council' });
});

// The names of the cookies on the cookies page: its third-level headings.
const listedCookies = (html) => [...main(html).matchAll(/<h3 class="govuk-heading-s">([^<]+)<\/h3>/g)].map((m) => m[1]);

test('the cookies page lists exactly the cookies the server sets', async () => {
  const seen = new Set();
  const b = new Browser(server.url);
  const get = async (path) => {
    const r = await b.get(path);
    for (const c of r.headers.getSetCookie()) seen.add(c.slice(0, c.indexOf('=')));
    return r;
  };
  for (const path of ['/', '/find?postcode=YO24+3BH', '/areas', '/community', '/community/suggest',
    '/get-in-touch', '/privacy', '/accessibility', '/cookies', '/sign-in'])
    await get(path);
  const signIn = await b.signIn('priya');
  assert.equal(signIn.status, 303);
  for (const c of signIn.headers.getSetCookie()) seen.add(c.slice(0, c.indexOf('=')));
  for (const path of ['/staff', '/staff/introductions', '/staff/introductions/new', '/staff/people/new',
    '/staff/caseload', '/account/sessions'])
    assert.equal((await get(path)).status, 200, path);
  const listed = listedCookies((await b.get('/cookies')).text);
  assert.deepEqual([...seen].sort(), [...listed].sort());
  assert.deepEqual(listed.sort(), ['alongside_csrf', 'alongside_session']);
  const cookies = main((await b.get('/cookies')).text);
  assert.match(cookies, /12 hours after signing in/);
  assert.match(cookies, /when you close your browser/);
});

test('the footer links the three pages; staff sign in only when signed out; attributions where their data is', async () => {
  const out = new Browser(server.url);
  for (const path of ['/', '/areas', '/get-in-touch', '/privacy']) {
    const f = footer((await out.get(path)).text);
    for (const href of ['/privacy', '/accessibility', '/cookies', '/sign-in'])
      assert.match(f, new RegExp(`href="${href}"`), `${path} links ${href}`);
  }
  assert.match(footer((await out.get('/areas')).text), /Ward boundaries/);
  assert.match(footer((await out.get('/find?postcode=YO24+3BH')).text), /Postcodes/);
  assert.match(footer((await out.get('/community')).text), /Community venues/);
  for (const path of ['/', '/privacy', '/get-in-touch'])
    assert.doesNotMatch(footer((await out.get(path)).text), /Data on this page/, path);
  const staff = await new Browser(server.url).signedIn('priya');
  for (const path of ['/staff', '/staff/people/new', '/areas']) {
    const page = (await staff.get(path)).text;
    const f = footer(page);
    assert.doesNotMatch(f, /Staff sign in/, path);
    assert.match(f, /href="\/privacy"/, path);
    assert.match(page, /Sign out/, path);
  }
  assert.doesNotMatch(footer((await staff.get('/staff')).text), /Ward boundaries|Data on this page/);
});

test('every form that takes personal data links the privacy notice', async () => {
  const out = new Browser(server.url);
  for (const path of ['/get-in-touch', '/get-in-touch?step=2&relationship=self&postcode=YO24+4NB',
    '/community/suggest'])
    assert.match(main((await out.get(path)).text), /href="\/privacy">privacy notice<\/a>/, path);
  const staff = await new Browser(server.url).signedIn('priya');
  for (const path of ['/staff/introductions/new', '/staff/people/new'])
    assert.match(main((await staff.get(path)).text), /href="\/privacy">privacy notice<\/a>/, path);
});

test('a council file in texts-dir replaces the default of its name; a broken one stops the start', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'alongside-texts-'));
  writeFileSync(join(dir, 'privacy.md'),
    '---\nupdated: 2026-11-30\n---\n# How we use your information\n\n' +
    'Written by {council.name}, updated {page.updated}.\n\n' +
    'Email [{council.dpo_email}](mailto:{council.dpo_email}).\n');
  writeFileSync(join(dir, 'privcy.md'), '# Misspelt\n');
  const own = await startServer({ db, migrate: false, args: ['--texts-dir', dir, '--tls', 'yes'] });
  try {
    const b = new Browser(own.url);
    const privacy = await b.get('/privacy');
    assert.equal(privacy.status, 200);
    assert.match(privacy.text, /<title>How we use your information – Local Area Coordination<\/title>/);
    assert.match(main(privacy.text), /Written by City of York Council, updated 30 November 2026\./);
    assert.match(main(privacy.text), /href="mailto:dpo@york.example"/);
    assert.doesNotMatch(privacy.text, /Article 6/);
    // The others stay the defaults; over TLS the cookies have their
    // __Host- names, on the page as in the headers.
    assert.match((await b.get('/accessibility')).text, /Accessibility statement/);
    const form = await b.get('/get-in-touch?step=2&relationship=self&postcode=YO24+4NB');
    assert.deepEqual(form.headers.getSetCookie().map((c) => c.slice(0, c.indexOf('='))), ['__Host-alongside_csrf']);
    assert.deepEqual(listedCookies((await b.get('/cookies')).text).sort(),
      ['__Host-alongside_csrf', '__Host-alongside_session']);
    assert.match(own.log, /privcy\.md is not one of privacy\.md, accessibility\.md, cookies\.md/);
    assert.match(own.log, new RegExp(`privacy\\.md from ${dir}/privacy\\.md`));
  } finally {
    await own.stop();
  }
  // A link the subset does not allow, an unknown placeholder: the server
  // does not start, and says which file and line.
  for (const [text, why] of [
    ['# Privacy\n\nSee [this](javascript:alert(1)).\n', /privacy\.md: line 3: a link goes to/],
    ['# Privacy\n\n{council.nmae}\n', /privacy\.md: line 3: no placeholder is called \{council\.nmae\}/],
    ['No title\n', /privacy\.md:1: the text starts with its title/],
  ]) {
    writeFileSync(join(dir, 'privacy.md'), text);
    const r = await run(['serve', '--listen', '127.0.0.1:0', '--db', db, '--texts-dir', dir]);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, why);
  }
  const r = await run(['serve', '--listen', '127.0.0.1:0', '--db', db, '--texts-dir', join(dir, 'missing')]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /texts-dir .*missing: No such file or directory/);
});

test('a fresh database with no council settings still serves the three pages', async () => {
  const fresh = freshDatabase();
  assert.equal((await migrate(fresh)).code, 0);
  const s = await startServer({ db: fresh, migrate: false });
  try {
    for (const path of ['/privacy', '/accessibility', '/cookies']) {
      const r = await fetch(s.url + path);
      assert.equal(r.status, 200, path);
      assert.doesNotMatch(await r.text(), rawPlaceholder, path);
    }
  } finally {
    await s.stop();
  }
});

test('the accessibility statement gives the service\'s address only when the council has set one', async () => {
  const statement = main((await new Browser(server.url).get('/accessibility')).text);
  assert.match(statement, /service at this address, run by/);
  assert.doesNotMatch(statement, /127\.0\.0\.1/);
  const own = await startServer({ db, migrate: false, args: ['--public-url', 'https://alongside.york.example'] });
  try {
    const set = main((await new Browser(own.url).get('/accessibility')).text);
    assert.match(set, /service at https:\/\/alongside\.york\.example, run by/);
  } finally {
    await own.stop();
  }
});
