// A person's pages: a new person (likely matches offered first), their
// details and what matters to them, ending an involvement and logging a
// return.  Bad input is 422 with every problem beside its field and
// nothing changed; another area's coordinator finds nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, yorkDatabase, backend } from '../lib/alongside.mjs';
import { Browser } from '../lib/staff.mjs';
import { dateFields } from '../lib/dates.mjs';

let server, priya, tom;
before(async () => {
  server = await startServer({ db: await yorkDatabase(), migrate: false });
  priya = await new Browser(server.url).signedIn('priya');
  tom = await new Browser(server.url).signedIn('tom');
});
after(async () => { await server.stop(); });

const today = () => new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/London' });

// Posts a form from the page at `from`, with that page's CSRF token.
async function submit(b, from, path, form) {
  const csrf_token = await b.csrf(from);
  return b.post(path, { csrf_token, ...form });
}

async function newPerson(form) {
  const r = await submit(priya, '/staff/people/new', '/staff/people',
    { kind: 'walking_alongside', ...dateFields('started_on', today()), ...form });
  assert.equal(r.status, 303, r.text.slice(0, 600));
  const m = /^\/staff\/people\/([0-9a-f]{32})$/.exec(r.headers.get('location'));
  assert.ok(m, r.headers.get('location'));
  return m[1];
}

const version = (html) => /name="version" value="(\d+)"/.exec(html)[1];
const involvementId = (html) => /\/involvements\/([0-9a-f]{32})\/end/.exec(html)?.[1];

function assertBeside(text, fields) {
  for (const f of fields) {
    assert.ok(text.includes(`href="#${f}"`), `summary links to ${f}`);
    assert.ok(text.includes(`id="${f}-error"`), `error beside ${f}`);
  }
}

test(`a new person is made, and someone with the same details is offered first (${backend})`, async () => {
  const id = await newPerson({ name: 'Ann <Example>', preferred_name: 'Annie', phone: '07700 900401',
    postcode: 'YO24 4NB' });
  const page = await priya.get(`/staff/people/${id}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /<h1 class="govuk-heading-l">Ann &lt;Example&gt;<\/h1>/);
  assert.match(page.text, /Likes to be called Annie/);
  assert.match(page.text, /Walking alongside/);
  assert.match(page.text, new RegExp(`href="/staff/people/${id}/conversations"`));
  // The same phone again: the person already known is offered, nothing made.
  const again = await submit(priya, '/staff/people/new', '/staff/people',
    { name: 'Ann Example', phone: '07700900401', kind: 'short_term' });
  assert.equal(again.status, 200);
  assert.match(again.text, /Is this someone you already know\?/);
  assert.ok(again.text.includes(`href="/staff/people/${id}"`));
  assert.match(again.text, /name="confirm" value="yes"/);
  assert.match(again.text, /No, this is someone new/);
  // Saying they are someone new makes them.
  const confirmed = await submit(priya, '/staff/people/new', '/staff/people',
    { name: 'Ann Example', phone: '07700900401', kind: 'short_term', confirm: 'yes' });
  assert.equal(confirmed.status, 303);
  assert.notEqual(confirmed.headers.get('location'), `/staff/people/${id}`);
});

test('a new person with problems is shown back with each beside its field, and nothing is made', async () => {
  const r = await submit(priya, '/staff/people/new', '/staff/people',
    { name: '', phone: '12', email: 'not-an-email', postcode: 'ZZ9 9ZZ', kind: 'walking_alongside',
      ...dateFields('started_on', '2999-01-01'), other_contact: 'kept as typed' });
  assert.equal(r.status, 422);
  assertBeside(r.text, ['name', 'phone', 'email', 'started_on']);
  assert.ok(r.text.includes('value="kept as typed"'), 'what was typed is kept');
  // Nothing was made: the same phone with a name finds no one to offer.
  const ok = await submit(priya, '/staff/people/new', '/staff/people',
    { name: 'Brian Nobody', phone: '12', kind: 'walking_alongside' });
  assert.doesNotMatch(ok.text, /Is this someone you already know/);
  // A kind that does not exist is refused at the door.
  const kind = await submit(priya, '/staff/people/new', '/staff/people',
    { name: 'Cath', phone: '07700 900402', kind: 'forever' });
  assert.equal(kind.status, 422);
});

test('details and what matters are written, every problem named, conflicts caught', async () => {
  const id = await newPerson({ name: 'Dora Example', phone: '07700 900403', postcode: 'YO24 4NB' });
  const form = await priya.get(`/staff/people/${id}/details`);
  assert.equal(form.status, 200);
  assert.match(form.text, /value="Dora Example"/);
  const v = version(form.text);
  // Bad: no name, an email that is not one.  Nothing changes.
  const bad = await submit(priya, `/staff/people/${id}/details`, `/staff/people/${id}/details`,
    { version: v, name: '', email: 'nope', phone: '07700 900403' });
  assert.equal(bad.status, 422);
  assertBeside(bad.text, ['name', 'email']);
  assert.match((await priya.get(`/staff/people/${id}`)).text, /Dora Example/);
  // Good: changed, and the value before is kept with who changed it.
  const good = await submit(priya, `/staff/people/${id}/details`, `/staff/people/${id}/details`,
    { version: v, name: 'Dora Example', preferred_name: 'Dot', phone: '07700 900404',
      contact_when: 'Texts, after ten', best_place_to_meet: 'The library café' });
  assert.equal(good.status, 303, good.text.slice(0, 600));
  const page = (await priya.get(`/staff/people/${id}`)).text;
  assert.match(page, /Likes to be called Dot/);
  assert.match(page, /Texts, after ten/);
  assert.match(page, /The library café/);
  assert.match(page, /<strong>Phone<\/strong> was “07700 900403”/);
  // The version read before that change is out of date now.
  const stale = await submit(priya, `/staff/people/${id}/details`, `/staff/people/${id}/details`,
    { version: v, name: 'Someone Else', phone: '07700 900404' });
  assert.equal(stale.status, 409);
  assert.match(stale.text, /Someone else changed this record/);
  assert.doesNotMatch((await priya.get(`/staff/people/${id}`)).text, /Someone Else/);

  // What matters, in their words, with tags ticked and typed.
  const m = await priya.get(`/staff/people/${id}/what-matters`);
  assert.equal(m.status, 200);
  const words = { what_matters: 'My garden.\nMy grandchildren.', good_life: 'Friends round for tea',
    hopes: 'To get out more', gifts: 'I bake <well>', would_offer: 'Teaching baking' };
  const saved = await priya.post(`/staff/people/${id}/what-matters`, new URLSearchParams([
    ['csrf_token', /name="csrf_token" value="([^"]+)"/.exec(m.text)[1]], ['version', version(m.text)],
    ...Object.entries(words), ['new_tags', 'Baking, gardening , ']]));
  assert.equal(saved.status, 303, saved.text.slice(0, 600));
  const after = (await priya.get(`/staff/people/${id}`)).text;
  assert.match(after, /<p class="govuk-body">My garden\.<\/p>\n<p class="govuk-body">My grandchildren\.<\/p>/);
  assert.match(after, /I bake &lt;well&gt;/);
  assert.match(after, /govuk-tag--blue">Baking</);
  assert.match(after, /govuk-tag--blue">gardening</);
  // The tags are now on the team's list, ticked for this person.
  const again = (await priya.get(`/staff/people/${id}/what-matters`)).text;
  assert.match(again, /value="Baking" checked/);
  // Too much: each problem beside its field, nothing changed.
  const tooMuch = await priya.post(`/staff/people/${id}/what-matters`, new URLSearchParams([
    ['csrf_token', /name="csrf_token" value="([^"]+)"/.exec(again)[1]], ['version', version(again)],
    ['what_matters', 'x'.repeat(5001)], ['new_tags', Array.from({ length: 41 }, (_, i) => `t${i}`).join(',')]]));
  assert.equal(tooMuch.status, 422);
  assertBeside(tooMuch.text, ['what_matters']);
  assert.ok(tooMuch.text.includes('href="#tags"'), 'the tags problem is named');
  assert.match((await priya.get(`/staff/people/${id}`)).text, /My grandchildren/);
});

test('an involvement ends at the person\'s request, and their return is logged', async () => {
  const id = await newPerson({ name: 'Eve Example', phone: '07700 900405', ...dateFields('started_on', '2025-01-06') });
  const page = (await priya.get(`/staff/people/${id}`)).text;
  const inv = involvementId(page);
  assert.ok(inv, 'an end link');
  const endPath = `/staff/people/${id}/involvements/${inv}/end`;
  const form = await priya.get(endPath);
  assert.equal(form.status, 200);
  const [y, m, d] = today().split('-');
  assert.ok(form.text.includes(`name="ended_on-year" type="text" inputmode="numeric" autocomplete="off" value="${y}"`), 'ends today unless told');
  assert.ok(form.text.includes(`name="ended_on-day" type="text" inputmode="numeric" autocomplete="off" value="${Number(d)}"`));
  // Without a reason or who, and before it started: all named, nothing ended.
  const bad = await submit(priya, endPath, endPath, { ...dateFields('ended_on', '2024-12-01') });
  assert.equal(bad.status, 422);
  assertBeside(bad.text, ['ended_on', 'end_reason', 'ended_by']);
  assert.match(bad.text, /not before it started \(Monday 6 January 2025\)/);
  // A blank day is not taken as today; the other problems come with it.
  const blank = await submit(priya, endPath, endPath, { 'ended_on-day': '', ended_by: 'person' });
  assert.equal(blank.status, 422);
  assertBeside(blank.text, ['ended_on', 'end_reason']);
  assert.match(blank.text, /Ended on: enter the day, month and year/);
  const other = await submit(priya, endPath, endPath,
    { ...dateFields('ended_on', '2024-12-01'), end_reason: 'other', ended_by: 'coordinator' });
  assert.equal(other.status, 422);
  assertBeside(other.text, ['ended_on', 'end_words']);
  assert.match((await priya.get(`/staff/people/${id}`)).text, /Open<\/strong>/);
  // A kind that does not exist.
  const kind = await submit(priya, `/staff/people/${id}`, `/staff/people/${id}/involvements/${inv}/kind`,
    { kind: 'forever' });
  assert.equal(kind.status, 422);
  // It becomes short-term help, then walking alongside again.
  for (const k of ['short_term', 'walking_alongside']) {
    const r = await submit(priya, `/staff/people/${id}`, `/staff/people/${id}/involvements/${inv}/kind`, { kind: k });
    assert.equal(r.status, 303, r.text.slice(0, 400));
  }
  const ended = await submit(priya, endPath, endPath,
    { ...dateFields('ended_on', today()), end_reason: 'person_chose', ended_by: 'person' });
  assert.equal(ended.status, 303, ended.text.slice(0, 400));
  const closed = (await priya.get(`/staff/people/${id}`)).text;
  assert.match(closed, /Ended by the person/);
  assert.match(closed, /They chose to end it/);
  assert.match(closed, /Not involved at the moment/);
  assert.match(closed, /Became Short-term help/);
  // Their return: a bad date first, then today.
  const badReturn = await submit(priya, `/staff/people/${id}`, `/staff/people/${id}/involvements`,
    { kind: 'walking_alongside', 'started_on-day': 'next Tuesday' });
  assert.equal(badReturn.status, 422);
  assertBeside(badReturn.text, ['started_on']);
  const back = await submit(priya, `/staff/people/${id}`, `/staff/people/${id}/involvements`,
    { kind: 'walking_alongside', ...dateFields('started_on', today()) });
  assert.equal(back.status, 303, back.text.slice(0, 400));
  const returned = (await priya.get(`/staff/people/${id}`)).text;
  assert.match(returned, /govuk-tag--purple">Return</);
  assert.equal((returned.match(/class="app-involvement"/g) || []).length, 2);
});

test('another area\'s coordinator finds nothing, and changes nothing', async () => {
  const id = await newPerson({ name: 'Fay Example', phone: '07700 900406', postcode: 'YO24 4NB' });
  const page = (await priya.get(`/staff/people/${id}`)).text;
  const inv = involvementId(page);
  const missing = await tom.get('/staff/people/' + 'a'.repeat(32));
  assert.equal(missing.status, 404);
  for (const path of [`/staff/people/${id}`, `/staff/people/${id}/details`,
    `/staff/people/${id}/what-matters`, `/staff/people/${id}/involvements/${inv}/end`]) {
    const r = await tom.get(path);
    assert.equal(r.status, 404, path);
    assert.doesNotMatch(r.text, /Fay Example/);
  }
  const csrf_token = await tom.csrf('/staff/people/new');
  const posts = [
    [`/staff/people/${id}/details`, { version: '1', name: 'Changed By Tom', phone: '07700 900406' }],
    [`/staff/people/${id}/what-matters`, { version: '1', what_matters: 'Tom was here' }],
    [`/staff/people/${id}/involvements/${inv}/end`, { ...dateFields('ended_on', today()), end_reason: 'died', ended_by: 'coordinator' }],
    [`/staff/people/${id}/involvements/${inv}/kind`, { kind: 'short_term' }],
    [`/staff/people/${id}/involvements`, { kind: 'short_term', ...dateFields('started_on', today()) }],
  ];
  for (const [path, form] of posts) {
    const r = await tom.post(path, { csrf_token, ...form });
    assert.equal(r.status, 404, path);
  }
  const still = (await priya.get(`/staff/people/${id}`)).text;
  assert.doesNotMatch(still, /Changed By Tom|Tom was here|They died/);
  assert.match(still, /Walking alongside/);
  assert.match(still, /Open<\/strong>/);
});

test('an introduction of someone already known offers them, and choosing them links, not duplicates', async () => {
  const id = await newPerson({ name: 'Gil Example', phone: '07700 900407', postcode: 'YO24 4NB',
    ...dateFields('started_on', '2025-02-03') });
  // Their involvement ended; now someone introduces them again.
  const inv = involvementId((await priya.get(`/staff/people/${id}`)).text);
  const endPath = `/staff/people/${id}/involvements/${inv}/end`;
  assert.equal((await submit(priya, endPath, endPath,
    { ...dateFields('ended_on', '2025-06-02'), end_reason: 'in_place', ended_by: 'agreement' })).status, 303);
  const logged = await submit(priya, '/staff/introductions/new', '/staff/introductions',
    { channel: 'phone', person_name: 'Gil Example', person_phone: '07700900407',
      relationship: 'self', person_knows: 'yes' });
  assert.equal(logged.status, 303, logged.text.slice(0, 400));
  const introPath = logged.headers.get('location');
  const intro = (await priya.get(introPath)).text;
  assert.match(intro, /Is this someone you already know\?/);
  assert.ok(intro.includes(`href="/staff/people/${id}"`));
  assert.match(intro, /This is the same person/);
  // Tom reaches neither: the button is not found for him, nothing linked.
  const introId = introPath.split('/').pop();
  const tomToken = await tom.csrf('/staff/people/new');
  assert.equal((await tom.post(`${introPath}/person`, { csrf_token: tomToken, person_id: id })).status, 404);
  assert.match((await priya.get(introPath)).text, /This is the same person/);
  // Priya links them, and the introduction's outcome is their return.
  const linked = await submit(priya, introPath, `${introPath}/person`, { person_id: id });
  assert.equal(linked.status, 303, linked.text.slice(0, 400));
  const after = (await priya.get(introPath)).text;
  assert.doesNotMatch(after, /This is the same person/);
  assert.ok(after.includes(`href="/staff/people/${id}">Go to their page`));
  for (const status of ['contacted', 'conversation_arranged', 'walking_alongside']) {
    const r = await submit(priya, introPath, `${introPath}/status`, { status });
    assert.equal(r.status, 303, `${status}: ${r.text.slice(0, 400)}`);
  }
  const person = (await priya.get(`/staff/people/${id}`)).text;
  assert.equal((person.match(/class="app-involvement"/g) || []).length, 2, 'one person, two involvements');
  assert.match(person, /govuk-tag--purple">Return</);
  assert.ok(person.includes(`href="/staff/introductions/${introId}"`));
});

test(`a family member joins the involvement, both pages show each other, counted once (${backend})`, async () => {
  const id = await newPerson({ name: 'Hal Example', phone: '07700 900408', postcode: 'YO24 4NB' });
  const page = (await priya.get(`/staff/people/${id}`)).text;
  const inv = involvementId(page);
  const addPath = `/staff/people/new?household=${inv}`;
  assert.ok(page.includes(`href="${addPath}"`), 'an add link while open');
  assert.match(page, /Add someone from their family or household/);
  const before = (await priya.get('/api/v1/caseload')).json().walking_alongside;
  // The form says whose family they join and asks no kind or start.
  const form = await priya.get(addPath);
  assert.equal(form.status, 200);
  assert.match(form.text, /Hal Example/);
  assert.match(form.text, /family or household/);
  assert.ok(form.text.includes(`name="household" value="${inv}"`));
  assert.doesNotMatch(form.text, /name="kind"|name="started_on"/);
  // Without a name: 422 beside the field, still joining the same family.
  const bad = await submit(priya, addPath, '/staff/people', { household: inv, name: '' });
  assert.equal(bad.status, 422);
  assertBeside(bad.text, ['name']);
  assert.ok(bad.text.includes(`name="household" value="${inv}"`));
  assert.doesNotMatch(bad.text, /name="kind"/);
  const r = await submit(priya, addPath, '/staff/people', { household: inv, name: 'Ida Example' });
  assert.equal(r.status, 303, r.text.slice(0, 600));
  const ida = /^\/staff\/people\/([0-9a-f]{32})$/.exec(r.headers.get('location'))[1];
  const idaPage = (await priya.get(`/staff/people/${ida}`)).text;
  const halPage = (await priya.get(`/staff/people/${id}`)).text;
  assert.ok(idaPage.includes(`<a class="govuk-link" href="/staff/people/${id}">Hal Example</a>`));
  assert.ok(halPage.includes(`<a class="govuk-link" href="/staff/people/${ida}">Ida Example</a>`));
  assert.equal(involvementId(idaPage), inv, 'the same involvement');
  const c = (await priya.get('/api/v1/caseload')).json();
  assert.equal(c.walking_alongside, before, 'the family counts once');
  const shared = c.people.filter((p) => p.involvement.id === inv);
  assert.deepEqual(shared.map((p) => p.name).sort(), ['Hal Example', 'Ida Example']);
  assert.ok(shared.every((p) => p.involvement.household_size === 2));
  // Another area's coordinator, and an id that is no one's: not found, nothing made.
  for (const h of [inv, 'b'.repeat(32)]) {
    const t = await tom.get(`/staff/people/new?household=${h}`);
    assert.equal(t.status, 404, h);
    assert.doesNotMatch(t.text, /Hal Example/);
  }
  const tomToken = await tom.csrf('/staff/people/new');
  const tried = await tom.post('/staff/people', { csrf_token: tomToken, household: inv, name: 'Jo Intruder' });
  assert.equal(tried.status, 404);
  assert.doesNotMatch((await priya.get(`/staff/people/${id}`)).text, /Jo Intruder/);
  // Not an id at all: refused at the door, as every malformed query.
  assert.equal((await priya.get('/staff/people/new?household=not-an-id')).status, 422);
});
