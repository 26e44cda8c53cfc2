// The community directory's staff pages over HTTP: a coordinator adds a
// listing from the form, changes its time (two versions in its history),
// a stale form is a 409 that changes nothing, a listing is marked checked
// and retired; bad input is answered beside its fields at 422 with
// nothing stored.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, yorkDatabase, backend } from '../lib/alongside.mjs';
import { STALE, importStaleWarmSpace } from '../lib/community.mjs';
import { Browser } from '../lib/staff.mjs';

const SINGING = 'f9553deb-5ad5-487c-91f2-529557db6551';  // our taxonomy's "Music and singing"
const OLDER = 'af4e4547-bbcd-4ce8-99ba-374ace71082c';    // "Older people"

let server, priya, jo;
before(async () => {
  const db = await yorkDatabase({ caseload: false });
  await importStaleWarmSpace(db);
  server = await startServer({ db, migrate: false });
  const signIn = async (name) => {
    const b = await new Browser(server.url).signedIn(name);
    b.csrfToken = await b.csrf('/staff');
    return b;
  };
  [priya, jo] = await Promise.all(['priya', 'jo.bennett'].map(signIn));
});
after(async () => { await server.stop(); });

// The form as a browser sends it: every row's fields, in row order.
function form(b, fields, { schedules = [], contacts = [], terms = [SINGING] } = {}) {
  const p = new URLSearchParams({ csrf_token: b.csrfToken, version: '0', free: 'yes', ...fields });
  for (const t of terms) p.append('term', t);
  for (const s of schedules) {
    p.append('schedule_id', s.id || '');
    p.append('schedule_how', s.how || 'weekly');
    for (const f of ['day', 'week', 'opens', 'closes', 'from', 'until']) p.append(`schedule_${f}`, s[f] || '');
  }
  contacts.forEach((c, i) => {
    p.append('contact_id', c.id || '');
    for (const f of ['name', 'email', 'phone']) p.append(`contact_${f}`, c[f] || '');
    // The day they agreed: the row's date input, its names repeated.
    const [year, month, day] = c.agreed_on ? c.agreed_on.split('-') : ['', '', ''];
    p.append('contact_agreed_on-day', day);
    p.append('contact_agreed_on-month', month);
    p.append('contact_agreed_on-year', year);
    if (c.public) p.append('contact_public', String(i));
  });
  return p;
}

const choir = {
  name: 'Test Acomb Sing-along', organization_name: 'Acomb Voices', description: 'Songs from the shows, tea after.',
  how_to_join: 'Just turn up.', place_name: 'Acomb Explore Library', address: 'Front Street', city: 'York',
  postcode: 'YO24 3BZ', note: 'Rang the organiser',
};
const thursday = { how: 'weekly', day: 'TH', opens: '10:30', closes: '12:00' };

async function add(b, fields = choir, rows = { schedules: [thursday] }) {
  const r = await b.post('/staff/community', form(b, fields, rows));
  assert.equal(r.status, 303, r.text.slice(r.text.indexOf('<main'), r.text.indexOf('<main') + 3000));
  const m = /^\/staff\/community\/([0-9a-f-]{36})\?done=saved$/.exec(r.headers.get('location'));
  assert.ok(m, r.headers.get('location'));
  return m[1];
}

// What the edit form holds now, field by field, as the browser would send it back.
async function current(b, id) {
  const page = await b.get(`/staff/community/${id}/edit`);
  assert.equal(page.status, 200, page.text.slice(0, 500));
  const hidden = (name) => [...page.text.matchAll(new RegExp(`name="${name}" value="([^"]*)"`, 'g'))].map((m) => m[1]);
  return { page, version: hidden('version')[0], scheduleIds: hidden('schedule_id'), locationId: hidden('location_id')[0] };
}

async function listingCount(b) {
  const page = await b.get('/staff/community?q=Sing-along');
  return Number(/(\d+) found/.exec(page.text)[1]);
}

test(`a coordinator adds a listing from the form and sees it whole (${backend})`, async () => {
  const id = await add(priya);
  const page = await priya.get(`/staff/community/${id}?done=saved`);
  assert.equal(page.status, 200);
  assert.match(page.text, /The listing is saved\./);
  assert.match(page.text, /<h1 class="govuk-heading-l">Test Acomb Sing-along<\/h1>/);
  assert.match(page.text, /Acomb Voices/);
  assert.match(page.text, /YO24 3BZ/);
  assert.match(page.text, /10:30/);
  assert.match(page.text, /Music and singing/);
  assert.match(page.text, /Checked on .* by Priya Shah/);
  assert.match(page.text, /Version 1<\/a>: Priya Shah, .*Rang the organiser/);
  // Found by its words on the listings page, by every role.
  const list = await jo.get('/staff/community?q=sing-along');
  assert.equal(list.status, 200);
  assert.ok(list.text.includes(`/staff/community/${id}`));
});

test('changing its time makes a second version; the first is kept', async () => {
  const id = await add(priya, { ...choir, name: 'Test Sing-along Two' });
  const { version, scheduleIds, locationId } = await current(priya, id);
  assert.equal(version, '1');
  const r = await priya.post(`/staff/community/${id}`, form(priya, {
    ...choir, name: 'Test Sing-along Two', version, location_id: locationId, note: 'Now starts at eleven',
  }, { schedules: [{ ...thursday, id: scheduleIds[0], opens: '11:00' }] }));
  assert.equal(r.status, 303, r.text.slice(r.text.indexOf('<main'), r.text.indexOf('<main') + 3000));
  const page = await priya.get(`/staff/community/${id}`);
  assert.match(page.text, /11:00/);
  assert.doesNotMatch(page.text, /10:30/);
  assert.match(page.text, /Version 2<\/a>: Priya Shah, .*Now starts at eleven/);
  assert.match(page.text, /Version 1<\/a>/);
  const first = await priya.get(`/staff/community/${id}/versions/1`);
  assert.equal(first.status, 200);
  assert.match(first.text, /10:30/);
  assert.match(first.text, /What it began with/);
  const second = await priya.get(`/staff/community/${id}/versions/2`);
  assert.match(second.text, /11:00/);
  // What the second version changed, a row a value: the time, and no
  // row for what stayed (the name).
  const changes = second.text.slice(second.text.indexOf('What changed from version 1'),
    second.text.indexOf('</table>'));
  assert.match(changes, /schedules › 1 › opens_at<\/th><td class="govuk-table__cell">10:30(:00)?<\/td><td class="govuk-table__cell">11:00(:00)?<\/td>/);
  assert.doesNotMatch(changes, />name</);
  assert.equal((await priya.get(`/staff/community/${id}/versions/3`)).status, 404);
});

test('a form made from an older version is a 409 with the listing as it is now, and changes nothing', async () => {
  const id = await add(priya, { ...choir, name: 'Test Sing-along Three' });
  const { version, scheduleIds, locationId } = await current(priya, id);
  const change = (b, opens, note) => b.post(`/staff/community/${id}`, form(b, {
    ...choir, name: 'Test Sing-along Three', version, location_id: locationId, note,
  }, { schedules: [{ ...thursday, id: scheduleIds[0], opens }] }));
  assert.equal((await change(jo, '09:30', 'Jo moved it')).status, 303);
  const stale = await change(priya, '11:15', 'Priya moved it');
  assert.equal(stale.status, 409, stale.text.slice(0, 500));
  assert.match(stale.text, /Someone changed this listing since you opened it/);
  assert.match(stale.text, /name="version" value="2"/);
  assert.match(stale.text, /value="09:30"/);
  const page = await priya.get(`/staff/community/${id}`);
  assert.match(page.text, /09:30/);
  assert.doesNotMatch(page.text, /11:15/);
  assert.doesNotMatch(page.text, /Version 3/);
});

test('marking it checked, then retiring it with a reason', async () => {
  const id = await add(priya, { ...choir, name: 'Test Sing-along Four' });
  const stale = await jo.post(`/staff/community/${id}/check`, { csrf_token: jo.csrfToken, version: '7' });
  assert.equal(stale.status, 409);
  const checked = await jo.post(`/staff/community/${id}/check`, { csrf_token: jo.csrfToken, version: '1' });
  assert.equal(checked.status, 303, checked.text.slice(0, 500));
  const page = await jo.get(checked.headers.get('location'));
  assert.match(page.text, /Marked as checked today\./);
  assert.match(page.text, /Checked on .* by Jo Bennett/);
  const version = /name="version" value="(\d+)"/.exec(page.text)[1];
  // A reason is needed: the page again with the problem beside the field.
  const bare = await priya.post(`/staff/community/${id}/retire`, { csrf_token: priya.csrfToken, version });
  assert.equal(bare.status, 422);
  assert.match(bare.text, /id="reason-error"/);
  const retired = await priya.post(`/staff/community/${id}/retire`, {
    csrf_token: priya.csrfToken, version, reason: 'The group stopped meeting',
  });
  assert.equal(retired.status, 303, retired.text.slice(0, 500));
  const after = await priya.get(`/staff/community/${id}`);
  assert.equal(after.status, 200);
  assert.match(after.text, /Retired on .* by Priya Shah/);
  assert.match(after.text, /The group stopped meeting/);
  const list = await priya.get('/staff/community?q=Sing-along%20Four');
  assert.ok(!list.text.includes(`/staff/community/${id}"`), 'a retired listing leaves search');
});

test('bad input is answered beside its fields at 422 and nothing is stored', async () => {
  const before = await listingCount(priya);
  const r = await priya.post('/staff/community', form(priya, { ...choir, name: '', postcode: 'ZZ99 9ZZ', minimum_age: 'old' }, {
    schedules: [
      { how: 'weekly', day: 'TH', opens: '10:30', closes: '12:00', from: '2026-06-01', until: '2026-05-01' },
      { how: 'weekly', day: 'XX', opens: '14:00', closes: '15:00' },
    ],
  }));
  // A number that is not one is the form's own check, before anything is saved.
  assert.equal(r.status, 422, r.text.slice(0, 500));
  assert.match(r.text, /id="minimum_age-error"/);
  const r2 = await priya.post('/staff/community', form(priya, { ...choir, name: '', postcode: 'ZZ99 9ZZ' }, {
    schedules: [
      { how: 'weekly', day: 'TH', opens: '10:30', closes: '12:00', from: '2026-06-01', until: '2026-05-01' },
      { how: 'weekly', day: 'XX', opens: '14:00', closes: '15:00' },
    ],
  }));
  assert.equal(r2.status, 422, r2.text.slice(0, 500));
  assert.match(r2.text, /govuk-error-summary/);
  assert.match(r2.text, /id="name-error"/);
  assert.match(r2.text, /id="postcode-error"/);
  assert.match(r2.text, /id="schedule_0_until-error"/);
  assert.match(r2.text, /id="schedule_1_day-error"/);
  assert.match(r2.text, /<a href="#schedule_1_day">/);
  // What was typed is there to correct.
  assert.match(r2.text, /value="ZZ99 9ZZ"/);
  assert.match(r2.text, /<option value="XX" selected>/);
  // 31 February as the day a contact agreed is refused at that row's
  // date, with every other problem at once; each row's date its own ids.
  const r3 = await priya.post('/staff/community', form(priya, { ...choir, name: '' }, {
    schedules: [thursday],
    contacts: [{ name: 'Fine Organiser', email: 'fine@example.org' },
      { name: 'Agreed Organiser', email: 'agreed@example.org', public: true, agreed_on: '2026-02-31' }],
  }));
  assert.equal(r3.status, 422, r3.text.slice(0, 500));
  assert.match(r3.text, /<a href="#contact_1_agreed_on">The day they agreed must be a real date: check the day/);
  assert.match(r3.text, /<a href="#name">/);
  assert.match(r3.text, /id="contact_1_agreed_on" name="contact_agreed_on-day" type="text"[^>]*value="31"/);
  assert.match(r3.text, /id="contact_0_agreed_on" name="contact_agreed_on-day"/);
  const none = await priya.post('/staff/community', form(priya, choir, { schedules: [thursday], terms: [] }));
  assert.equal(none.status, 422);
  assert.match(none.text, /id="terms-error"/);
  assert.equal(await listingCount(priya), before);
});

test('"Add another time" draws the form again with one more row, keeping what was typed', async () => {
  const p = form(priya, { ...choir, name: 'Typed, not saved' }, { schedules: [thursday], terms: [SINGING, OLDER] });
  p.append('more', 'time');
  const r = await priya.post('/staff/community', p);
  assert.equal(r.status, 200);
  assert.match(r.text, /value="Typed, not saved"/);
  assert.match(r.text, /id="schedule_1_day"/);
  assert.doesNotMatch(r.text, /id="schedule_2_day"/);
  assert.match(r.text, new RegExp(`value="${OLDER}" checked`));
  // Rows that do not line up are not a form the page sends.
  const broken = form(priya, choir, { schedules: [thursday] });
  broken.append('schedule_day', 'MO');
  assert.equal((await priya.post('/staff/community', broken)).status, 400);
});

test('the listings page shows what needs review, and links to waiting suggestions', async () => {
  const page = await priya.get('/staff/community');
  assert.equal(page.status, 200);
  assert.match(page.text, /Needs review \(\d+\)/);
  assert.match(page.text, /href="\/staff\/community\/new"/);
  assert.match(page.text, /Suggestions waiting \(\d+\)/);
  assert.equal((await priya.get('/staff/community/suggestions')).status, 200);
  assert.equal((await priya.get('/staff/community/new')).status, 200);
  // The header names both directories apart: the public one, and the staff's listings.
  assert.match(page.text, /<a class="govuk-service-navigation__link" href="\/community">Community directory<\/a>/);
  assert.match(page.text, /<a class="govuk-service-navigation__link" href="\/staff\/community">Directory listings<\/a>/);
  assert.doesNotMatch(page.text, />Directory<\/a>/);
});

test('a warm space last checked in 2023 is up for review until someone marks it checked', async () => {
  const list = await priya.get('/staff/community');
  const review = list.text.slice(list.text.indexOf('id="needs-review-list"'));
  assert.match(review.slice(0, review.indexOf('</ul>')),
    new RegExp(`href="/staff/community/${STALE}">Test Warm Space at St Stephen<[\\s\\S]*Checked on Sunday 30 April 2023`));
  const page = await priya.get(`/staff/community/${STALE}`);
  assert.match(page.text, /<strong>Needs review\.<\/strong>/);
  const version = /name="version" value="(\d+)"/.exec(page.text)[1];
  const checked = await priya.post(`/staff/community/${STALE}/check`, { csrf_token: priya.csrfToken, version });
  assert.equal(checked.status, 303, checked.text.slice(0, 500));
  const after = await priya.get('/staff/community');
  assert.ok(!after.text.slice(0, after.text.indexOf('All listings')).includes(STALE), 'checked: no longer for review');
});

test('a listing added by staff is on its public page, without a contact the organiser did not agree to', async () => {
  const id = await add(priya, { ...choir, name: 'Test Public Sing-along' }, {
    schedules: [thursday],
    contacts: [{ name: 'Agreed Organiser', email: 'agreed@example.org', public: true, agreed_on: '2026-11-01' },
      { name: 'Private Helper', phone: '07700 900999' }],
  });
  const staffView = await priya.get(`/staff/community/${id}`);
  assert.match(staffView.text, /Private Helper[\s\S]*Not published/);
  const page = await new Browser(server.url).get(`/community/${id}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /Test Public Sing-along/);
  assert.match(page.text, /agreed@example\.org/);
  assert.doesNotMatch(page.text, /Private Helper|07700 900999/);
});

test('a suggestion from the public is accepted into the form, prefilled, or declined with a note', async () => {
  const send = async (form) => {
    const anyone = new Browser(server.url);
    const csrf_token = await anyone.csrf('/community/suggest');
    const r = await anyone.post('/community/suggest', { csrf_token, ...form });
    assert.equal(r.status, 303, r.text.slice(0, 500));
  };
  await send({ name: 'Test Knit and Natter', details: 'Knitting in the cafe, all welcome', where_text: 'Acomb Green Cafe',
    when_text: 'Tuesdays at two', from_name: 'Kim Knitter', from_email: 'kim@example.org', organiser_agrees: 'yes' });
  await send({ name: 'Test Not Really', details: 'An advert for double glazing' });
  const page = await jo.get('/staff/community/suggestions');
  assert.match(page.text, /Test Knit and Natter[\s\S]*Tuesdays at two/);
  const ids = [...page.text.matchAll(/action="\/staff\/community\/suggestions\/([0-9a-f-]{36})\/decline"/g)].map((m) => m[1]);
  const knit = ids.find((id) => page.text.indexOf(id) > page.text.indexOf('Test Knit and Natter'));
  const other = ids.find((id) => page.text.indexOf(id) > page.text.indexOf('Test Not Really'));
  // Accepting opens the form, prefilled; nothing is marked yet.
  assert.match(page.text, new RegExp(`<a href="/staff/community/new\\?suggestion=${knit}" role="button" class="govuk-button"[^>]*>Accept: add the listing`));
  const opened = await jo.get(`/staff/community/new?suggestion=${knit}`);
  assert.equal(opened.status, 200);
  assert.match(opened.text, /id="name" name="name" type="text" autocomplete="off" value="Test Knit and Natter"/);
  assert.match(opened.text, /value="kim@example\.org"/);
  assert.match(opened.text, /name="contact_public" type="checkbox" value="0" checked/);
  assert.match(opened.text, new RegExp(`name="suggestion" value="${knit}"`));
  const waiting = async () => {
    const list = await jo.get('/staff/community/suggestions');
    return list.text.slice(0, list.text.indexOf('Handled</h2>') >>> 0).includes(`/staff/community/new?suggestion=${knit}`);
  };
  assert.ok(await waiting(), 'a form opened and left is not an acceptance');
  // A form with problems keeps it waiting too; the listing saved accepts it.
  const knitting = { name: 'Test Knit and Natter', organization_name: 'Acomb Knitters', description: 'Knitting in the cafe, all welcome.', how_to_join: 'Just come.',
    place_name: 'Acomb Green Cafe', address: 'Acomb Green', city: 'York', postcode: 'YO24 4NB', suggestion: knit };
  const refused = await jo.post('/staff/community', form(jo, { ...knitting, name: '' }, { schedules: [thursday] }));
  assert.equal(refused.status, 422);
  assert.ok(await waiting());
  await add(jo, knitting, { schedules: [{ ...thursday, day: 'TU', opens: '14:00', closes: '16:00' }] });
  assert.ok(!(await waiting()));
  const declined = await jo.post(`/staff/community/suggestions/${other}/decline`, { csrf_token: jo.csrfToken, note: 'An advert' });
  assert.equal(declined.status, 303);
  const after = await jo.get('/staff/community/suggestions');
  const handled = after.text.slice(after.text.indexOf('Handled</h2>'));
  assert.match(handled, /Test Knit and Natter<\/strong>: accepted by Jo Bennett/);
  assert.match(handled, /Test Not Really<\/strong>: declined by Jo Bennett[\s\S]*An advert/);
});
