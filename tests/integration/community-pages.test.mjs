// The community directory's public pages over HTTP, on SQLite and
// PostgreSQL: searching by postcode, words, kind, day and cost finds the
// right listings in the right order; a listing's page shows what it
// should and no contact that is not public; its .ics feed is a calendar
// that follows the listing; the suggestion form keeps a suggestion
// waiting; and bad input gets a clear answer with nothing stored.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backend, root, run, startServer, yorkDatabase } from '../lib/alongside.mjs';
import { Browser } from '../lib/staff.mjs';

const SINGING = '4ed0df10-8c40-4e15-850e-a9ffb1136baf';   // Acomb Sing-along, Thursdays
const WALK = '65d472ec-9876-4673-b75b-3d73d3883cf3';      // Holgate Fortnightly Walk, Tuesdays
const MUSIC = 'f9553deb-5ad5-487c-91f2-529557db6551';     // our term "Music and singing"
const demoFile = join(root, 'demo/york-community.json');

let db, server;
before(async () => {
  db = await yorkDatabase({ caseload: false });
  const loaded = await run(['directory', 'import', demoFile, '--demo', '--db', db]);
  assert.equal(loaded.code, 0, loaded.stderr);
  server = await startServer({ db, migrate: false, args: ['--public-limit', '3'] });
});
after(async () => { await server.stop(); });

const sql = (query) => (db.startsWith('sqlite:')
  ? execFileSync('sqlite3', [db.slice('sqlite:'.length), query])
  : execFileSync('psql', [db, '-qAtc', query])).toString().trim();
const get = (path) => new Browser(server.url).get(path);
// The listings a result page shows, in order, with the distance each says.
const results = (html) => [...html.matchAll(/<li class="app-community-result"[^>]*>\s*<h3[^>]*><a class="govuk-link" href="\/community\/([0-9a-f-]{36})">/g)].map((m) => m[1]);
const distances = (html) => [...html.matchAll(/<li>([\d.]+) (km|metres) away/g)]
  .map((m) => Number(m[1]) * (m[2] === 'km' ? 1000 : 1));

test(`a postcode finds what is near, nearest first, with the map's points on the list (${backend})`, async () => {
  const r = await get('/community?postcode=yo24+4nb&within=10');
  assert.equal(r.status, 200, r.text.slice(0, 300));
  const ids = results(r.text);
  assert.ok(ids.includes(SINGING), 'the Acomb group is within 10 km');
  const d = distances(r.text);
  assert.equal(d.length, ids.length);
  assert.deepEqual(d, [...d].sort((a, b) => a - b), 'nearest first');
  assert.match(r.text, new RegExp(`data-lat="5[34]\\.\\d+" data-lon="-1\\.\\d+" data-name="Acomb Sing-along" data-href="/community/${SINGING}"`));
  assert.match(r.text, /id="community-map"[^>]*hidden/);
  assert.match(r.text, /community-map\.js/);
  // Near enough to walk: within 1 km of Acomb is less than within 10 km.
  const near = results((await get('/community?postcode=YO24+4NB&within=1')).text);
  assert.ok(near.length < ids.length, `${near.length} within 1 km, ${ids.length} within 10`);
});

test('words, kind, day and cost each narrow the list', async () => {
  const words = results((await get('/community?words=singing')).text);
  assert.ok(words.includes(SINGING));
  assert.ok(!words.includes(WALK));
  const kind = results((await get(`/community?kind=${MUSIC}`)).text);
  assert.ok(kind.includes(SINGING));
  assert.ok(!kind.includes(WALK));
  const thursday = results((await get('/community?day=TH')).text);
  assert.ok(thursday.includes(SINGING));
  assert.ok(!thursday.includes(WALK));
  const tuesday = results((await get('/community?day=TU')).text);
  assert.ok(tuesday.includes(WALK));
  assert.ok(!tuesday.includes(SINGING));
  const all = results((await get('/community')).text);
  const free = await get('/community?cost=free');
  const paid = await get('/community?cost=paid');
  for (const id of results(free.text)) assert.ok(!results(paid.text).includes(id), 'free or paid, not both');
  assert.ok(results(free.text).length < all.length || results(paid.text).length < all.length);
  // Together: a postcode, words, kind and day.
  const journey = results((await get(`/community?postcode=YO24+4NB&within=5&words=sing&kind=${MUSIC}&day=TH`)).text);
  assert.deepEqual(journey, [SINGING]);
});

test('every public page links to the community directory from its header', async () => {
  for (const path of ['/', '/find', '/community']) {
    const r = await get(path);
    assert.match(r.text, /<a class="govuk-service-navigation__link" href="\/community">Community directory<\/a>/, path);
  }
});

test('nothing found says what to try', async () => {
  const r = await get('/community?words=zzqxnothinglikethis&day=SU');
  assert.equal(r.status, 200);
  assert.match(r.text, /Nothing matched/);
  assert.match(r.text, /fewer words/);
  assert.match(r.text, /any day/);
  assert.doesNotMatch(r.text, /community-map/);
});

test('bad search input is answered clearly', async () => {
  const unknown = await get('/community?postcode=ZZ9+9ZZ&words=sing');
  assert.equal(unknown.status, 422);
  assert.match(unknown.text, /<p id="postcode-error" class="govuk-error-message">.*We do not know the postcode ZZ9 9ZZ/);
  assert.match(unknown.text, /href="#postcode"/);
  assert.match(unknown.text, /value="sing"/, 'what was typed is kept');
  const typo = await get('/community?postcode=not+a+postcode');
  assert.equal(typo.status, 422);
  assert.match(typo.text, /postcode-error/);
  // A choice the form never offers, as a link made by hand or an old
  // bookmark sends it: the form drawn again, a plain word beside the
  // field, and what else was asked kept.
  for (const [q, field, says] of [['day=thursday', 'day', 'Choose a day from the list'],
    ['within=3', 'within', 'Choose a distance from the list'],
    ['kind=nope', 'kind', 'Choose a kind from the list'],
    ['cost=cheap', 'cost', 'Choose free, paid or either']]) {
    const r = await get('/community?words=sing&' + q);
    assert.equal(r.status, 422, q);
    assert.match(r.text, new RegExp(`<p id="${field}-error" class="govuk-error-message">.*${says}`), q);
    assert.match(r.text, new RegExp(`href="#${field}"`), q);
    assert.match(r.text, /<form method="get" action="\/community"/, q);
    assert.match(r.text, /value="sing"/, q);
    assert.doesNotMatch(r.text, /Choose one of|Go to the start page/, q);
  }
  const page = await get('/community?page=0');
  assert.equal(page.status, 422);
  assert.match(page.text, /page/);
  assert.equal((await get('/community/not-a-uuid')).status, 404);
  assert.equal((await get('/community/not-a-uuid/calendar.ics')).status, 404);
  assert.equal((await get('/community/00000000-0000-4000-8000-000000000000')).status, 404);
});

test('a listing page shows what, who, where, when, cost and how to join, and only public contacts', async () => {
  sql(`INSERT INTO community_contacts (id, service_id, name, email, public) VALUES
    ('c0000000-0000-4000-8000-000000000001', '${SINGING}', 'Hidden Organiser', 'hidden@example.com', 0)`);
  const r = await get('/community/' + SINGING);
  assert.equal(r.status, 200);
  const t = r.text;
  assert.match(t, /<h1 class="govuk-heading-l">Acomb Sing-along<\/h1>/);
  assert.match(t, /no auditions/);
  assert.match(t, /Ages 18 and over/);
  assert.match(t, /Acomb Explore Library<br>Front Street<br>York<br>YO24 3BZ/);
  assert.match(t, /openstreetmap\.org\/\?mlat=53\.\d+&amp;mlon=-1\.\d+/);
  assert.match(t, /Thursdays?[^<]*10:30/);
  assert.match(t, /<ul class="govuk-list govuk-list--bullet" id="next-dates">\n<li>Thursday \d+ \w+ \d{4}, 10:30 to 12:00/);
  assert.match(t, /Just come along/);
  assert.match(t, /Free/);
  assert.match(t, /Last checked[\s\S]*2 November 2026|Last checked[\s\S]*\w+day 2 November 2026/);
  assert.match(t, /Demo listing/);
  assert.match(t, new RegExp(`href="/community/${SINGING}/calendar.ics"`));
  assert.match(t, new RegExp(`href="/community/suggest\\?service=${SINGING}"`));
  assert.doesNotMatch(t, /Hidden Organiser|hidden@example\.com/);
});

test('a warm space shows its source and licence, and none of its contacts', async () => {
  // The real York warm spaces (loaded by load-demo) ask that their
  // contacts are not republished; give one a contact marked public
  // anyway, as a mistake might.
  const space = sql(`SELECT s.id FROM community_services s JOIN community_sources o ON o.id = s.source_id
    WHERE o.contacts_public = 0 AND s.status = 'active' ORDER BY s.name LIMIT 1`);
  assert.match(space, /^[0-9a-f-]{36}$/);
  sql(`INSERT INTO community_contacts (id, service_id, name, email, public, agreed_on) VALUES
    ('c0000000-0000-4000-8000-000000000002', '${space}', 'Venue Volunteer', 'venue@example.com', 1, '2026-01-01')`);
  const page = await get('/community/' + space);
  assert.equal(page.status, 200);
  assert.match(page.text, /Listings from York warm spaces \(Open Innovations\): [^<]*Open Innovations[^<]*\(CC BY 4\.0\)/);
  assert.doesNotMatch(page.text, /Venue Volunteer|venue@example\.com/);
  assert.doesNotMatch(page.text, /href="(mailto|tel):/);
  const name = sql(`SELECT name FROM community_services WHERE id = '${space}'`);
  const list = await get('/community?words=' + encodeURIComponent(name));
  assert.ok(results(list.text).includes(space));
  assert.match(list.text, /Listings from York warm spaces \(Open Innovations\)/);
  // A page of demo groups alone names no source.
  const demo = await get(`/community?kind=${MUSIC}`);
  assert.doesNotMatch(demo.text, /Listings from/);
});

test('hours an import could not read are shown as not confirmed, in their own words, with no calendar', async () => {
  const space = sql(`SELECT s.id FROM community_services s JOIN community_sources o ON o.id = s.source_id
    WHERE o.contacts_public = 0 AND s.status = 'active' ORDER BY s.name LIMIT 1 OFFSET 1`);
  assert.match(space, /^[0-9a-f-]{36}$/);
  sql(`DELETE FROM community_schedules WHERE service_id = '${space}'`);
  sql(`INSERT INTO community_schedules (id, service_id, original_text) VALUES
    ('5c000000-0000-4000-8000-000000000001', '${space}', 'Th 12:30-04:00')`);
  const page = await get('/community/' + space);
  assert.equal(page.status, 200);
  assert.match(page.text, /Times not confirmed: please ask the venue/);
  assert.match(page.text, /Listed as: Th 12:30-04:00/);
  assert.doesNotMatch(page.text, /<li>Th 12:30-04:00/, 'never as if it were a time');
  assert.doesNotMatch(page.text, /Add to your calendar|id="next-dates"/);
  const name = sql(`SELECT name FROM community_services WHERE id = '${space}'`);
  const list = await get('/community?words=' + encodeURIComponent(name));
  assert.ok(results(list.text).includes(space));
  assert.match(list.text, /<li>Times not confirmed<\/li>/);
  assert.doesNotMatch(list.text, /<li>Th 12:30-04:00/);
});

test('the calendar feed is an .ics download that follows the listing', async () => {
  const r = await fetch(`${server.url}/community/${SINGING}/calendar.ics`);
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /^text\/calendar/);
  assert.match(r.headers.get('content-disposition'), /^attachment; filename="[\w-]+\.ics"$/);
  const ics = await r.text();
  assert.match(ics, /^BEGIN:VCALENDAR\r\n/);
  assert.match(ics, /RRULE:FREQ=WEEKLY[^\r\n]*BYDAY=TH/);
  assert.match(ics, /DTSTART;TZID=Europe\/London:\d{8}T103000/);
  assert.match(ics, /BEGIN:VTIMEZONE\r\nTZID:Europe\/London/);
  assert.match(ics, /END:VCALENDAR\r\n$/);
  // The group moves to the afternoon: the feed says so.
  const changed = JSON.parse(readFileSync(demoFile, 'utf8'));
  const group = changed.find((s) => s.id === SINGING);
  group.schedules[0].opens_at = '14:00';
  group.schedules[0].closes_at = '15:30';
  group.last_modified = '2026-11-20T09:00:00Z';
  const file = join(mkdtempSync(join(tmpdir(), 'community-')), 'changed.json');
  writeFileSync(file, JSON.stringify([group]));
  const again = await run(['directory', 'import', file, '--demo', '--db', db]);
  assert.equal(again.code, 0, again.stderr);
  const after = await (await fetch(`${server.url}/community/${SINGING}/calendar.ics`)).text();
  assert.match(after, /DTSTART;TZID=Europe\/London:\d{8}T140000/);
  assert.doesNotMatch(after, /T103000/);
});

const suggestions = () => Number(sql('SELECT count(*) FROM community_suggestions'));
const sendSuggestion = async (form, from = new Browser(server.url), path = '/community/suggest') => {
  const csrf_token = await from.csrf(path);
  return from.post('/community/suggest', { csrf_token, ...form });
};

test('a suggestion is kept waiting for staff; a correction names its listing', async () => {
  const before = suggestions();
  const form = await get(`/community/suggest?service=${SINGING}`);
  assert.match(form.text, /Suggest a correction to Acomb Sing-along/);
  assert.match(form.text, new RegExp(`name="service" value="${SINGING}"`));
  const r = await sendSuggestion({ service: SINGING, details: 'It starts at 2pm now',
    from_name: 'Jo', from_email: 'jo@example.com', organiser_agrees: 'yes' });
  assert.equal(r.status, 303, r.text.slice(0, 300));
  assert.equal(r.headers.get('location'), '/community/suggest/sent');
  assert.match((await get('/community/suggest/sent')).text, /Suggestion sent/);
  assert.equal(suggestions(), before + 1);
  assert.equal(sql(`SELECT state || '|' || service_id || '|' || organiser_agrees FROM community_suggestions
    WHERE details = 'It starts at 2pm now'`), `waiting|${SINGING}|1`);
});

test('a suggestion with problems is shown back beside its fields, and nothing is kept', async () => {
  const before = suggestions();
  const r = await sendSuggestion({ details: '', from_email: 'not an email', organiser_agrees: 'yes',
    where_text: 'Acomb <library>' });
  assert.equal(r.status, 422);
  assert.match(r.text, /href="#name"/);
  // The summary in the order of the fields: the name comes first.
  assert.match(r.text, /href="#name">Say what it is called<\/a>[\s\S]*href="#details">Say what happens there<\/a>/);
  assert.match(r.text, /<p id="details-error" class="govuk-error-message">/);
  assert.match(r.text, /<p id="from_email-error" class="govuk-error-message">/);
  assert.match(r.text, /<p id="organiser_agrees-error" class="govuk-error-message">/);
  assert.match(r.text, /Acomb &lt;library&gt;/, 'what was typed is kept, escaped');
  const stray = await sendSuggestion({ service: '00000000-0000-4000-8000-000000000000', details: 'Moved' });
  assert.equal(stray.status, 422);
  assert.match(stray.text, /not in the directory/);
  assert.equal((await sendSuggestion({ service: 'nope', details: 'x' })).status, 422);
  assert.equal(suggestions(), before);
});

test('a robot that fills the hidden field is answered as a person, and nothing is kept', async () => {
  const before = suggestions();
  const r = await sendSuggestion({ name: 'Cheap pills', details: 'Buy now', website: 'http://spam.example' });
  assert.equal(r.status, 303);
  assert.equal(suggestions(), before);
});

test('one address sends only a few suggestions an hour', async () => {
  // The limit (3 here) is shared with "Get in touch"; earlier tests have
  // used some of it, from the same address.
  const statuses = [];
  for (let i = 0; i < 4; i++) {
    const r = await sendSuggestion({ name: `Group ${i}`, details: 'Meets weekly' });
    statuses.push(r.status);
    if (r.status === 429) {
      assert.match(r.text, /You have sent several suggestions in the last hour\. Please try again later\./);
      assert.doesNotMatch(r.text, /messages/);
      assert.match(r.headers.get('retry-after'), /^\d+$/);
    }
  }
  assert.ok(statuses.includes(429), statuses.join(','));
  const kept = Number(sql("SELECT count(*) FROM community_suggestions WHERE name LIKE 'Group %'"));
  assert.equal(kept, statuses.filter((s) => s === 303).length);
});

test('a retired listing says it no longer runs, leaves search, and its feed has no sessions', async () => {
  const priya = await new Browser(server.url).signedIn('priya');
  const csrf = await priya.csrf('/staff');
  const as = (method, path, json) => priya.request(method, path, { json, headers: { 'X-CSRF-Token': csrf } });
  const held = await as('GET', `/api/v1/community/listings/${WALK}`);
  assert.equal(held.status, 200, held.text);
  const retired = await as('POST', `/api/v1/community/listings/${WALK}/retire`,
    { version: held.json().version, reason: 'The walkers stopped meeting' });
  assert.equal(retired.status, 200, retired.text);
  const page = await get('/community/' + WALK);
  assert.equal(page.status, 200);
  assert.match(page.text, /This no longer runs/);
  assert.doesNotMatch(page.text, /Add to your calendar|id="next-dates"/);
  assert.doesNotMatch(page.text, /stopped meeting/, 'the reason is for staff');
  assert.ok(!results((await get('/community?day=TU')).text).includes(WALK));
  const ics = await (await fetch(`${server.url}/community/${WALK}/calendar.ics`)).text();
  assert.match(ics, /^BEGIN:VCALENDAR/);
  assert.doesNotMatch(ics, /BEGIN:VEVENT/);
});

// Last, as it adds listings the tests above would find.
test('results come ten to a page, the pages keeping the filters, every match once', async () => {
  // Twelve more Thursday groups at the same library: copies of the
  // singing group with ids of their own.
  const fresh = (o) => (Array.isArray(o) ? o.map(fresh) : o && typeof o === 'object'
    ? Object.fromEntries(Object.entries(o).map(([k, v]) => [k, k === 'id' ? randomUUID() : fresh(v)])) : o);
  const group = JSON.parse(readFileSync(demoFile, 'utf8')).find((s) => s.id === SINGING);
  const copies = Array.from({ length: 12 }, (_, i) => ({ ...fresh(group), name: `Thursday group ${i}` }));
  const file = join(mkdtempSync(join(tmpdir(), 'community-')), 'more.json');
  writeFileSync(file, JSON.stringify(copies));
  const loaded = await run(['directory', 'import', file, '--demo', '--db', db]);
  assert.equal(loaded.code, 0, loaded.stderr);
  const query = 'postcode=YO24+4NB&within=5&day=TH';
  const first = await get('/community?' + query);
  const total = Number(/(\d+) results?<\/h2>/.exec(first.text)[1]);
  assert.ok(total >= 13, String(total));
  assert.equal(results(first.text).length, 10);
  assert.match(first.text, /href="\/community\?postcode=YO24%204NB&amp;within=5&amp;day=TH&amp;page=2" rel="next"/);
  const seen = [];
  for (let page = 1; page <= Math.ceil(total / 10); page++) {
    const r = await get(`/community?${query}&page=${page}`);
    assert.equal(r.status, 200);
    seen.push(...results(r.text));
  }
  assert.equal(seen.length, total);
  assert.equal(new Set(seen).size, total, 'no listing on two pages');
  const d = distances((await get(`/community?${query}&page=2`)).text);
  assert.ok(d.every((m) => m >= distances(first.text).at(-1)), 'page 2 is no nearer than page 1');
});
