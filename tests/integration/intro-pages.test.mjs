// The introduction pages: the public "Get in touch" form (errors shown
// back, the honeypot, the rate limit, what happens next), and the
// coordinator's quick log, inbox and introduction page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { run, startServer, yorkDatabase, backend } from '../lib/alongside.mjs';
import { Browser } from '../lib/staff.mjs';
import { dateFields } from '../lib/dates.mjs';

let db, server, priya, tom;
before(async () => {
  db = await yorkDatabase();
  server = await startServer({ db, migrate: false, args: ['--public-limit', '4'] });
  priya = await new Browser(server.url).signedIn('priya');
  tom = await new Browser(server.url).signedIn('tom');
});
after(async () => { await server.stop(); });

// A send of the form's second step (its token comes with that step).
const send = async (form) => {
  const b = new Browser(server.url);
  const csrf_token = await b.csrf('/get-in-touch?step=2&relationship=self&postcode=YO24+4NB');
  return { b, r: await b.post('/get-in-touch', { csrf_token, ...form }) };
};
const inbox = async (b, query = '') => (await b.get('/staff/introductions' + query)).text;

test(`the public form sends an introduction and says what happens next (${backend})`, async () => {
  const { b, r } = await send({ relationship: 'family_or_friend', person_name: 'Grandad <Joe>', postcode: 'yo24 4nb',
    background: 'He has been on his own since Nan died.', introducer_name: 'Sam',
    introducer_phone: '07700 900321', person_knows: 'not_asked', urgent: 'yes' });
  assert.equal(r.status, 303, r.text.slice(0, 400));
  assert.match(r.headers.get('location'), /^\/get-in-touch\/sent\/[0-9a-f]{32}$/);
  const next = (await b.get(r.headers.get('location'))).text;
  assert.match(next, /Priya Shah, the coordinator for Acomb and Westfield, will get back to you by <strong>\w+day \d+ \w+ \d{4}<\/strong>/);
  assert.match(next, /will talk with you first/);
  assert.match(next, /It is too early to say how soon a first conversation usually happens/);
  assert.match(next, /not a crisis service/);
  assert.match(next, /call 999/);
  assert.doesNotMatch(next, /Grandad|Joe|07700/, 'nothing the sender typed');
  // It is in Priya's inbox, marked, and escaped.
  const list = await inbox(priya);
  assert.match(list, /Grandad &lt;Joe&gt;/);
  assert.match(list, /Does not know yet/);
  assert.match(list, /Urgent/);
  assert.doesNotMatch(await inbox(tom), /Grandad/);
});

test('a public form with a problem is shown back with the problem, and nothing kept', async () => {
  const before = (await inbox(priya)).match(/app-inbox__item/g)?.length || 0;
  const cases = [
    [{ relationship: 'self', postcode: 'YO24 4NB', person_phone: '07700 900123' }, '#person_name', /Enter your name/],
    [{ relationship: 'self', person_name: 'Ann', postcode: 'YO24 4NB' }, '#person_phone', /at least one way/],
    [{ relationship: 'self', person_name: 'Ann', person_phone: '07700 900123', postcode: 'ZZ9 9ZZ' }, '#postcode', /cannot place/],
    [{ relationship: 'self', person_name: 'Ann', person_phone: '07700 900123', postcode: 'YO24 4NB',
      background: 'x'.repeat(1001) }, '#background', /1000 characters/],
    [{ person_name: 'Ann', person_phone: '07700 900123', postcode: 'YO24 4NB' }, '#relationship', /Choose who the conversation is for/],
  ];
  for (const [form, anchor, message] of cases) {
    const { r } = await send(form);
    assert.equal(r.status, 422, JSON.stringify(form).slice(0, 60));
    assert.ok(r.text.includes(`href="${anchor}"`), anchor);
    assert.match(r.text, message);
    // Without who it is for there is no second step: the first is shown.
    if (form.person_name && form.relationship) assert.ok(r.text.includes(`value="${form.person_name}"`), 'what was typed is kept');
  }
  // Every problem at once, each beside its field and in the summary.
  const { r: several } = await send({ relationship: 'self', person_phone: '12', postcode: 'ZZ9 9ZZ' });
  assert.equal(several.status, 422);
  for (const anchor of ['#person_name', '#person_phone', '#postcode'])
    assert.ok(several.text.includes(`href="${anchor}"`), anchor);
  for (const id of ['person_name-error', 'person_phone-error', 'postcode-error'])
    assert.ok(several.text.includes(`id="${id}"`), id);
  assert.equal((await inbox(priya)).match(/app-inbox__item/g)?.length || 0, before);
});

test('robots filling the hidden field get the same reply, and nothing is kept', async () => {
  const before = await inbox(priya);
  const { r } = await send({ relationship: 'self', person_name: 'Spam Bot', person_phone: '07700 900999',
    postcode: 'YO24 4NB', website: 'http://spam.example' });
  assert.equal(r.status, 303);
  assert.match(r.headers.get('location'), /^\/get-in-touch\/sent\/[0-9a-f]{32}$/);
  assert.equal((await fetch(server.url + r.headers.get('location'))).status, 200);
  assert.equal(await inbox(priya), before);
  assert.doesNotMatch(await inbox(priya), /Spam Bot/);
});

test('one address may send a few an hour', async () => {
  const statuses = [];
  for (let i = 0; i < 4; i++) {
    const { r } = await send({ relationship: 'self', person_name: `Caller ${i}`, person_phone: '07700 900111', postcode: 'YO24 4NB' });
    statuses.push(r.status);
    if (r.status === 429) {
      assert.ok(Number(r.headers.get('retry-after')) > 0);
      assert.match(r.text, /Too many messages/);
      // A number to call, from the council's settings (the demo's); no coordinator promised.
      assert.match(r.text, /Please try again in an hour, or phone City of York Council \(demo\) on 01632 960000\./);
      assert.doesNotMatch(r.text, /phone the coordinator/);
    }
  }
  assert.ok(statuses.includes(429), statuses.join(','));
});

test('the quick log: defaults of a call now in one\'s own area', async () => {
  const csrf_token = await priya.csrf('/staff/introductions/new');
  const page = (await priya.get('/staff/introductions/new')).text;
  assert.match(page, /id="channel" name="channel" type="radio" value="phone" checked/);
  assert.match(page, /value="self" checked/);
  const r = await priya.post('/staff/introductions', { csrf_token, channel: 'phone', person_name: 'Quick Caller',
    person_phone: '07700 900222', relationship: 'self', person_knows: 'yes' });
  assert.equal(r.status, 303, r.text.slice(0, 400));
  const view = (await priya.get(r.headers.get('location'))).text;
  assert.match(view, /<h1 class="govuk-heading-l">Quick Caller<\/h1>/);
  assert.match(view, /Acomb and Westfield/);
  const bad = await priya.post('/staff/introductions', { csrf_token, channel: 'phone', person_name: 'Urgent One',
    person_phone: '07700 900222', relationship: 'self', person_knows: 'yes', urgent: 'yes' });
  assert.equal(bad.status, 422);
  assert.match(bad.text, /not a crisis service/);
  assert.ok(bad.text.includes('href="#other_service"'));
});

test('an introduction moves on from its page, and the inbox follows', async () => {
  const csrf_token = await priya.csrf('/staff/introductions/new');
  const made = await priya.post('/staff/introductions', { csrf_token, channel: 'voicemail', person_name: 'Step Person',
    person_phone: '07700 900333', relationship: 'self', person_knows: 'yes' });
  const path = made.headers.get('location');
  const skip = await priya.post(path + '/status', { csrf_token, status: 'walking_alongside' });
  assert.equal(skip.status, 422);
  assert.match(skip.text, /marked “New” cannot become “Walking alongside”/);
  assert.doesNotMatch(skip.text, /cannot become walking_alongside/);
  for (const status of ['contacted', 'conversation_arranged', 'walking_alongside'])
    assert.equal((await priya.post(path + '/status', { csrf_token, status })).status, 303, status);
  const view = (await priya.get(path)).text;
  assert.match(view, /Walking alongside<\/strong> · \w+day \d{1,2} \w+ \d{4} at (\d{1,2}(:\d\d)?[ap]m|midday|midnight) · Priya Shah<\/li>/);
  assert.doesNotMatch(view, /What has happened\?/, 'no next step after an outcome');
  assert.doesNotMatch(await inbox(priya), /Step Person/, 'answered ones leave the inbox');
  assert.match(await inbox(priya, '?show=all'), /Step Person/);
  // Someone else's is not there to see, or change.
  assert.equal((await tom.get(path)).status, 404);
  const tomCsrf = await tom.csrf('/staff');
  assert.equal((await tom.post(path + '/status', { csrf_token: tomCsrf, status: 'not_now' })).status, 404);
});

test('the inbox puts the soonest due first and marks the overdue', async () => {
  const csrf_token = await priya.csrf('/staff/introductions/new');
  // Arrived ten days ago: overdue now.
  const old = new Date(Date.now() - 10 * 86400000).toISOString().slice(0, 16);
  const r = await priya.post('/staff/introductions', { csrf_token, channel: 'voicemail', person_name: 'Long Waiting',
    person_phone: '07700 900444', relationship: 'self', person_knows: 'yes',
    ...dateFields('received_at', old.slice(0, 10), old.slice(11, 16)) });
  assert.equal(r.status, 303, r.text.slice(0, 300));
  const list = await inbox(priya);
  const items = list.split('app-inbox__item').slice(1);
  assert.match(items[0], /Long Waiting/);
  assert.match(items[0], /Overdue/);
});

test('a team leader sees, for each coordinator, how many wait and are overdue', async () => {
  const jo = await new Browser(server.url).signedIn('jo.bennett');
  const page = (await jo.get('/staff/introductions')).text;
  const table = /<caption[^>]*>Waiting in your team<\/caption>([\s\S]*?)<\/table>/.exec(page);
  assert.ok(table, 'the team table');
  const priyaRow = /<th scope="row" class="govuk-table__header">Priya Shah<\/th><td[^>]*>(\d+)<\/td><td[^>]*>(\d+)<\/td>/.exec(table[1]);
  assert.ok(priyaRow, table[1]);
  assert.ok(Number(priyaRow[1]) >= 3, 'Priya has several waiting');
  assert.ok(Number(priyaRow[2]) >= 1, 'one is overdue');
  assert.match(table[1], /Tom Whitaker/);
  assert.doesNotMatch(table[1], /Daniel Hughes/, 'Heworth is not in Jo\'s team');
});

test('the area page and the finder say how soon a first conversation is likely', async () => {
  const { run } = await import('../lib/alongside.mjs');
  const areas = (await (await fetch(server.url + '/api/v1/areas')).json()).features;
  const acomb = areas.find((f) => f.properties.name === 'Acomb and Westfield').id;
  const page = await (await fetch(`${server.url}/areas/${acomb}`)).text();
  assert.match(page, /It is too early to say how soon a first conversation usually happens/);
  const finder = await (await fetch(`${server.url}/find?postcode=YO24+4NB`)).text();
  assert.match(finder, /It is too early to say how soon a first conversation usually happens/);
  // Capacity is set from the command line (tests/integration/estimate.test.mjs
  // shows what a full caseload says).
  const set = await run(['user', 'set-capacity', 'priya', '1', '--db', db]);
  assert.equal(set.code, 0, set.stderr);
  const bad = await run(['user', 'set-capacity', 'priya', 'lots', '--db', db]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /1 to 200/);
});

test('a coordinator records their own leave from a page', async () => {
  const csrf_token = await tom.csrf('/staff/leave');
  const bad = await tom.post('/staff/leave', { csrf_token, ...dateFields('starts_on', '2027-01-10'),
    ...dateFields('ends_on', '2027-01-01') });
  assert.equal(bad.status, 422);
  assert.match(bad.text, /end on or after/);
  const ok = await tom.post('/staff/leave', { csrf_token, ...dateFields('starts_on', '2027-01-04'),
    ...dateFields('ends_on', '2027-01-08') });
  assert.equal(ok.status, 303);
  assert.match((await tom.get('/staff/leave')).text, /Monday 4 January 2027 to Friday 8 January 2027/);
  const jo = await new Browser(server.url).signedIn('jo.bennett');
  assert.equal((await jo.get('/staff/leave')).status, 403, 'team leaders record none of their own');
});

test('a team leader records cover, and the covering coordinator sees the area', async () => {
  const jo = await new Browser(server.url).signedIn('jo.bennett');
  const csrf_token = await jo.csrf('/team/cover');
  const areas = Object.fromEntries((await (await fetch(server.url + '/api/v1/areas')).json())
    .features.map((f) => [f.properties.name, f.id]));
  const users = (await run(['user', 'list', '--db', db])).stdout;
  assert.match(users, /daniel/);
  const danielBrowser = await new Browser(server.url).signedIn('daniel');
  const danielId = (await danielBrowser.get('/api/v1/me')).json().id;
  // Tom's area has an introduction Daniel cannot see yet.
  const tomCsrf = await tom.csrf('/staff/introductions/new');
  await tom.post('/staff/introductions', { csrf_token: tomCsrf, channel: 'phone', person_name: 'Holgate Caller',
    person_phone: '07700 900555', relationship: 'self', person_knows: 'yes' });
  assert.doesNotMatch(await inbox(danielBrowser), /Holgate Caller/);
  const today = new Date().toISOString().slice(0, 10);
  // Another team's area is not found, as for anyone not its team leader;
  // mistakes in the form are shown on it.
  const refused = [
    [{ user: danielId, area: areas.Heworth, ...dateFields('starts_on', today), ...dateFields('ends_on', today) }, 404, /your team(&#39;|')s areas/],
    [{ user: danielId, area: areas['Holgate and Micklegate'], ...dateFields('starts_on', today), ...dateFields('ends_on', '2020-01-01') }, 422, /on or after/],
    [{ area: areas['Holgate and Micklegate'], ...dateFields('starts_on', today), ...dateFields('ends_on', today) }, 422, /coordinator who covers/],
  ];
  for (const [form, status, message] of refused) {
    const r = await jo.post('/team/cover', { csrf_token, ...form });
    assert.equal(r.status, status, JSON.stringify(form));
    assert.match(r.text, message);
  }
  // What was chosen stays chosen when the form comes back.
  const again = await jo.post('/team/cover', { csrf_token, ...refused[1][0] });
  assert.match(again.text, /<option value="[0-9a-f]{32}" selected>Holgate and Micklegate<\/option>/);
  assert.match(again.text, /<option value="[0-9a-f]{32}" selected>Daniel Hughes<\/option>/);
  // The select only offers coordinators' ids: anything else is refused
  // before the handler, as no person could have chosen it.
  const tampered = await jo.post('/team/cover', { csrf_token, user: 'nobody', area: areas['Holgate and Micklegate'],
    ...dateFields('starts_on', today), ...dateFields('ends_on', today) });
  assert.equal(tampered.status, 422);
  const ok = await jo.post('/team/cover', { csrf_token, user: danielId, area: areas['Holgate and Micklegate'],
    ...dateFields('starts_on', today), ...dateFields('ends_on', today) });
  assert.equal(ok.status, 303);
  const coverPage = (await jo.get('/team/cover')).text;
  assert.match(coverPage, /<ul class="govuk-list govuk-list--bullet">\n<li>[^<]+ covers /);
  assert.match(coverPage, /<li>Daniel Hughes covers Holgate and Micklegate from /);
  assert.doesNotMatch(coverPage, /&lt;ul/, 'markup is never escaped into text');
  // Cover is read at sign-in of each request: Daniel sees it now.
  assert.match(await inbox(danielBrowser), /Holgate Caller/);
});

test(`a change refused through a page is audited, as through the API (${backend})`, async () => {
  const csrf_token = await priya.csrf('/staff/introductions/new');
  const made = await priya.post('/staff/introductions', { csrf_token, channel: 'phone', person_name: 'Audit Person',
    person_phone: '07700 900444', relationship: 'self', person_knows: 'yes' });
  assert.equal(made.status, 303);
  const id = made.headers.get('location').split('/').pop();
  // Tom works another area: the introduction is not found for him, and
  // nothing changes.
  const tomCsrf = await tom.csrf('/staff/introductions/new');
  const refused = await tom.post(`/staff/introductions/${id}/status`, { csrf_token: tomCsrf, status: 'contacted' });
  assert.equal(refused.status, 404);
  assert.match((await priya.get(`/staff/introductions/${id}`)).text, /Introduction · New/);
  // The team leader of the area sees the attempt in the team's trail.
  const jo = await new Browser(server.url).signedIn('jo.bennett');
  const tomId = (await tom.get('/api/v1/me')).json().id;
  const trail = (await jo.get('/api/v1/team/audit?action=update')).json().entries;
  const attempt = trail.find((x) => x.record_id === id && x.actor_user_id === tomId);
  assert.ok(attempt, JSON.stringify(trail.slice(0, 3)));
  assert.equal(attempt.outcome, 'refused');
});

test(`a call logged for another area says where it went and who will answer (${backend})`, async () => {
  const csrf_token = await priya.csrf('/staff/introductions/new');
  const made = await priya.post('/staff/introductions', { csrf_token, channel: 'phone',
    person_name: 'Micklegate Caller', person_phone: '07700 900666', person_postcode: 'YO23 2AA',
    relationship: 'self', person_knows: 'yes' });
  assert.equal(made.status, 303, made.text.slice(0, 400));
  const where = made.headers.get('location');
  assert.match(where, /^\/staff\/introductions\/[0-9a-f]{32}\/logged$/);
  const page = await priya.get(where);
  assert.equal(page.status, 200);
  assert.match(page.text, /Introduction logged/);
  assert.match(page.text, /It went to Holgate and Micklegate/);
  assert.match(page.text, /<strong>Tom [A-Z][a-z]+<\/strong>, the coordinator there, will get back to them by <strong>\w+day \d+ \w+ \d{4}<\/strong>/);
  assert.match(page.text, /no need to log it again/);
  // Its postcode is near, not in, the area: said so.
  assert.match(page.text, /outside the areas coordinators cover, so it went to the nearest, Holgate and Micklegate/);
  assert.doesNotMatch(page.text, /Micklegate Caller|07700/, 'nothing typed is shown');
  assert.match(await inbox(tom), /Micklegate Caller/);
  // One in her own area still opens its own page.
  const own = await priya.post('/staff/introductions', { csrf_token, channel: 'phone',
    person_name: 'Acomb Caller', person_phone: '07700 900667', relationship: 'self', person_knows: 'yes' });
  assert.match(own.headers.get('location'), /^\/staff\/introductions\/[0-9a-f]{32}$/);
});

test(`"they know now" is kept in the history, with who and when (${backend})`, async () => {
  const csrf_token = await priya.csrf('/staff/introductions/new');
  const made = await priya.post('/staff/introductions', { csrf_token, channel: 'phone',
    person_name: 'Not Yet Asked', relationship: 'family_or_friend', introducer_name: 'Sam',
    introducer_phone: '07700 900321', person_knows: 'not_asked' });
  assert.equal(made.status, 303, made.text.slice(0, 400));
  const path = made.headers.get('location');
  const knows = await priya.post(`${path}/person-knows`, { csrf_token, person_knows: 'yes' });
  assert.equal(knows.status, 303);
  const history = /<h2 class="govuk-heading-m">History<\/h2>([\s\S]*?)<\/ol>/.exec((await priya.get(path)).text)[1];
  assert.match(history, /<li><strong>New<\/strong> · [^<]+ · Priya Shah · They know now, and would like to talk<\/li>/);
  const api = (await priya.get(`/api/v1/introductions${path.slice('/staff/introductions'.length)}`)).json();
  const entry = api.history.at(-1);
  assert.equal(entry.by, 'priya');
  assert.equal(entry.note, 'They know now, and would like to talk');
  assert.match(entry.at, /^\d{4}-\d\d-\d\dT/);
  // The same answer again changes nothing, and adds nothing.
  await priya.post(`${path}/person-knows`, { csrf_token, person_knows: 'yes' });
  const again = (await priya.get(`/api/v1/introductions${path.slice('/staff/introductions'.length)}`)).json();
  assert.equal(again.history.length, api.history.length);
});

test('contacting someone who does not know yet is refused at the choice made, and nothing changes', async () => {
  const csrf_token = await priya.csrf('/staff/introductions/new');
  const made = await priya.post('/staff/introductions', { csrf_token, channel: 'phone',
    person_name: 'Kit Unaware', person_phone: '07700 900445', relationship: 'family_or_friend',
    introducer_name: 'Sam', introducer_phone: '07700 900321', person_knows: 'not_asked' });
  assert.equal(made.status, 303, /govuk-error-summary__list[\s\S]*?<\/ul>/.exec(made.text)?.[0]);
  const id = made.headers.get('location').split('/').pop();
  const refused = await priya.post(`/staff/introductions/${id}/status`, { csrf_token, status: 'contacted' });
  assert.equal(refused.status, 422);
  // The summary's link goes to the choice on the page, which carries the message.
  assert.match(refused.text, /<a href="#status">The person does not know about this introduction yet/);
  assert.match(refused.text, /<input class="govuk-radios__input" id="status"/);
  assert.match(refused.text, /id="status-error"/);
  assert.doesNotMatch(refused.text, /href="#person_knows"/);
  assert.match((await priya.get(`/staff/introductions/${id}`)).text, /Introduction · New/);
});
