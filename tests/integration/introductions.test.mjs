// Introductions through the API: the public and staff ways in, placement
// through the directory, the working-day clock with leave, cover routing,
// the status path and its history, the not-knowing rule, urgent ones, the
// public rate limit, access and audit, and bad input that writes nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, yorkDatabase, backend } from '../lib/alongside.mjs';
import { Browser } from '../lib/staff.mjs';

let db, server, areas, priya, tom, daniel, jo, admin;
before(async () => {
  db = await yorkDatabase();
  server = await startServer({ db, migrate: false, args: ['--public-limit', '3'] });
  areas = Object.fromEntries((await (await fetch(server.url + '/api/v1/areas')).json())
    .features.map((f) => [f.properties.name, f.id]));
  const signIn = async (name) => {
    const b = await new Browser(server.url).signedIn(name);
    b.csrfToken = await b.csrf('/staff');
    return b;
  };
  [priya, tom, daniel, jo, admin] = await Promise.all(['priya', 'tom', 'daniel', 'jo.bennett', 'admin'].map(signIn));
});
after(async () => { await server.stop(); });

const as = (b, method, path, json) =>
  b.request(method, path, { json, headers: { 'X-CSRF-Token': b.csrfToken } });
// Public submissions all come from this machine's address, so they count
// towards one rate limit (3 here); most tests log as staff instead.
const publicPost = (json) => fetch(server.url + '/api/v1/introductions', {
  method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(json),
});
const minimal = (extra = {}) => ({
  person: { name: 'Ada Example', phone: '07700 900555', postcode: 'YO24 4NB', ...(extra.person || {}) },
  introduced_by: { relationship: 'self', ...(extra.introduced_by || {}) },
  person_knows: 'yes', channel: 'phone',
  ...Object.fromEntries(Object.entries(extra).filter(([k]) => k !== 'person' && k !== 'introduced_by')),
});
const count = async () => (await as(jo, 'GET', '/api/v1/introductions')).json().introductions.length;

test(`staff log a call back-dated to a Friday evening: due the Wednesday (${backend})`, async () => {
  const r = await as(priya, 'POST', '/api/v1/introductions', minimal({ received_at: '2026-11-20T18:30' }));
  assert.equal(r.status, 201, r.text);
  const x = r.json();
  assert.equal(x.status, 'new');
  assert.equal(x.area.name, 'Acomb and Westfield');
  assert.equal(x.placement, 'covered');
  assert.equal(x.distance_m, null);
  assert.equal(x.received_at, '2026-11-20T18:30:00.000Z');
  assert.equal(x.due_by, '2026-11-25');
  assert.equal(x.person.name, 'Ada Example');
  assert.deepEqual(x.history.map((h) => [h.status, h.by]), [['new', 'priya']]);
  assert.equal(r.headers.get('location'), `/api/v1/introductions/${x.id}`);
  // Without a postcode, a coordinator's call is in their own area.
  const own = await as(priya, 'POST', '/api/v1/introductions', minimal({ person: { postcode: undefined } }));
  assert.equal(own.status, 201, own.text);
  assert.equal(own.json().area.name, 'Acomb and Westfield');
});

test('near and not covered go to the nearest covered area, flagged', async () => {
  const near = await as(tom, 'POST', '/api/v1/introductions', minimal({ person: { postcode: 'YO23 2AA' } }));
  assert.equal(near.status, 201, near.text);
  assert.equal(near.json().placement, 'near');
  assert.equal(near.json().area.name, 'Holgate and Micklegate');
  assert.ok(near.json().distance_m > 0 && near.json().distance_m <= 400);
  const far = await as(tom, 'POST', '/api/v1/introductions', minimal({ person: { postcode: 'YO32 2RA' } }));
  assert.equal(far.json().placement, 'not_covered');
  assert.ok(far.json().distance_m > 400);
  // The nearest covered area is Clifton and Guildhall, in Jo's team: the
  // decision is made there, and recorded.
  assert.equal(far.json().area.name, 'Clifton and Guildhall');
  assert.equal((await as(tom, 'GET', `/api/v1/introductions/${far.json().id}`)).status, 404);
  const decided = await as(jo, 'PATCH', `/api/v1/introductions/${far.json().id}`,
    { status: 'outside_area', note: 'Suggested the village hall lunch club and Age UK York' });
  assert.equal(decided.status, 200, decided.text);
  assert.equal(decided.json().history.at(-1).note, 'Suggested the village hall lunch club and Age UK York');
});

test('the public form gets what happens next, not the record back', async () => {
  const r = await publicPost(minimal({ channel: undefined, person: { background: 'Moved here in the spring.' } }));
  assert.equal(r.status, 201);
  const body = await r.json();
  assert.deepEqual(Object.keys(body).sort(), ['answer', 'area', 'due_by', 'id', 'placement', 'status']);
  // Who answers, as the reply page says it: nothing the sender typed.
  assert.equal(body.answer.answered_by, 'area_coordinator');
  assert.equal(body.answer.coordinator.name, 'Priya Shah');
  const seen = (await as(priya, 'GET', `/api/v1/introductions/${body.id}`)).json();
  assert.equal(seen.channel, 'web');
  assert.deepEqual(seen.history.map((h) => h.by), [null]);
  // The public may not back-date.
  const backdated = await publicPost(minimal({ received_at: '2026-11-20T09:00' }));
  assert.equal(backdated.status, 422);
  assert.deepEqual((await backdated.json()).error.fields.map((f) => f.field), ['received_at']);
});

test('the status path goes forward, step by step, with its history', async () => {
  const x = (await as(priya, 'POST', '/api/v1/introductions', minimal())).json();
  const patch = (json) => as(priya, 'PATCH', `/api/v1/introductions/${x.id}`, json);
  for (const [status, code] of [['conversation_arranged', 422], ['walking_alongside', 422],
    ['contacted', 200], ['walking_alongside', 422], ['new', 422], ['conversation_arranged', 200],
    ['walking_alongside', 200], ['not_now', 422]]) {
    const r = await patch({ status });
    assert.equal(r.status, code, `${status}: ${r.text}`);
  }
  const done = (await as(priya, 'GET', `/api/v1/introductions/${x.id}`)).json();
  assert.deepEqual(done.history.map((h) => h.status), ['new', 'contacted', 'conversation_arranged', 'walking_alongside']);
  assert.ok(done.history.every((h, i) => i === 0 || h.by === 'priya'));
  // An outcome may come before a conversation, but needs what was suggested.
  const y = (await as(priya, 'POST', '/api/v1/introductions', minimal())).json();
  assert.equal((await as(priya, 'PATCH', `/api/v1/introductions/${y.id}`, { status: 'other_service' })).status, 422);
  const other = await as(priya, 'PATCH', `/api/v1/introductions/${y.id}`, { status: 'other_service', note: 'Housing options team' });
  assert.equal(other.status, 200);
});

test('someone introduced without knowing is not contacted until that is settled', async () => {
  const x = (await as(priya, 'POST', '/api/v1/introductions', {
    person: { name: 'Bo Example', postcode: 'YO24 4NB' },
    introduced_by: { relationship: 'professional', name: 'Dr Cy', organisation: 'Acomb surgery', phone: '01904 123456' },
    person_knows: 'not_asked', channel: 'email',
  })).json();
  assert.equal(x.person_knows, 'not_asked');
  const early = await as(priya, 'PATCH', `/api/v1/introductions/${x.id}`, { status: 'contacted' });
  assert.equal(early.status, 422);
  assert.deepEqual(early.json().error.fields.map((f) => f.field), ['person_knows']);
  assert.match(early.json().error.message, /does not know/);
  // A refused change writes none of itself.
  const mixed = await as(priya, 'PATCH', `/api/v1/introductions/${x.id}`, { person_knows: 'yes', status: 'walking_alongside' });
  assert.equal(mixed.status, 422);
  assert.equal((await as(priya, 'GET', `/api/v1/introductions/${x.id}`)).json().person_knows, 'not_asked');
  const settled = await as(priya, 'PATCH', `/api/v1/introductions/${x.id}`, { person_knows: 'yes', status: 'contacted' });
  assert.equal(settled.status, 200, settled.text);
  assert.equal(settled.json().status, 'contacted');
  assert.equal(settled.json().person_knows, 'yes');
});

test('urgent ones are accepted, with the other service suggested alongside', async () => {
  const without = await as(priya, 'POST', '/api/v1/introductions', minimal({ urgent: true }));
  assert.equal(without.status, 422);
  assert.deepEqual(without.json().error.fields.map((f) => f.field), ['other_service']);
  assert.match(without.json().error.message, /not a crisis service/);
  const withIt = await as(priya, 'POST', '/api/v1/introductions', minimal({ urgent: true, other_service: 'NHS 111, and the GP today' }));
  assert.equal(withIt.status, 201);
  assert.equal(withIt.json().urgent, true);
  assert.equal(withIt.json().other_service, 'NHS 111, and the GP today');
});

test('leave stops the clock, and a covering colleague sees the inbox', async () => {
  const me = (await priya.get('/api/v1/me')).json();
  // Priya is away the next two weeks: nobody else works Acomb and Westfield.
  const today = new Date();
  const iso = (d) => d.toISOString().slice(0, 10);
  const leave = await as(priya, 'POST', `/api/v1/coordinators/${me.id}/leave`,
    { starts_on: iso(today), ends_on: iso(new Date(today.getTime() + 13 * 86400000)) });
  assert.equal(leave.status, 201, leave.text);
  assert.equal((await as(jo, 'GET', `/api/v1/coordinators/${me.id}/leave`)).json().leave.length, 1);
  assert.equal((await as(tom, 'GET', `/api/v1/coordinators/${me.id}/leave`)).status, 404, 'not Tom\'s to see');
  const x = (await as(jo, 'POST', '/api/v1/introductions', minimal())).json();
  assert.ok(x.due_by > iso(new Date(today.getTime() + 13 * 86400000)), `due ${x.due_by} after the leave`);
  // Daniel covers Acomb and Westfield (the demo's cover): he sees it.
  const covered = (await as(daniel, 'GET', '/api/v1/introductions')).json().introductions;
  assert.ok(covered.some((i) => i.id === x.id));
  assert.equal((await as(daniel, 'GET', `/api/v1/introductions/${x.id}`)).status, 200);
  const bad = await as(priya, 'POST', `/api/v1/coordinators/${me.id}/leave`, { starts_on: '2026-12-10', ends_on: '2026-12-01' });
  assert.equal(bad.status, 422);
});

test('each sees only their reach, and every read is audited', async () => {
  const x = (await as(priya, 'POST', '/api/v1/introductions', minimal())).json();
  assert.equal((await as(tom, 'GET', `/api/v1/introductions/${x.id}`)).status, 404);
  assert.equal((await as(tom, 'PATCH', `/api/v1/introductions/${x.id}`, { status: 'contacted' })).status, 404);
  assert.ok(!(await as(tom, 'GET', '/api/v1/introductions')).json().introductions.some((i) => i.id === x.id));
  assert.equal((await as(admin, 'GET', '/api/v1/introductions')).json().introductions.length, 0, 'administrators see no cases');
  assert.equal((await as(admin, 'GET', `/api/v1/introductions/${x.id}`)).status, 404);
  assert.ok((await as(jo, 'GET', '/api/v1/introductions')).json().introductions.some((i) => i.id === x.id), 'the team leader');
  const trail = (await as(jo, 'GET', '/api/v1/team/audit')).json().entries.filter((e) => e.record_id === x.id);
  const actions = trail.map((e) => `${e.action}:${e.actor_username}:${e.outcome}`);
  assert.ok(actions.includes('create:priya:ok'));
  assert.ok(actions.includes('read:tom:refused'));
  assert.ok(actions.includes('read:jo.bennett:ok'));
  assert.ok(trail.every((e) => e.area_id === areas['Acomb and Westfield']));
  assert.ok(!JSON.stringify(trail).includes('Ada'), 'no personal data in the trail');
});

test('bad introductions get a clear message, naming the field, and write nothing', async () => {
  const before = await count();
  const cases = [
    [minimal({ person: { phone: undefined } }), 'person.phone', /at least one way to reach/],
    [minimal({ person: { background: 'x'.repeat(1001) } }), 'person.background', /1000 characters/],
    [minimal({ person: { postcode: 'ZZ9 9ZZ' } }), 'person.postcode', /cannot place/],
    [minimal({ person: { postcode: 'not a postcode' } }), 'person.postcode', /real postcode/],
    [minimal({ person: { postcode: "YO24'; DROP TABLE introductions;--" } }), 'person.postcode', /real postcode/],
    [minimal({ person: { name: '' } }), 'person.name', /name/],
    [minimal({ person: { phone: '12' } }), 'person.phone', /UK phone number/],
    [minimal({ person: { email: 'nope' } }), 'person.email', /email address/],
    [minimal({ introduced_by: { relationship: 'boss' } }), 'introduced_by.relationship', /who got in touch/],
    [minimal({ introduced_by: { relationship: 'family_or_friend' } }), 'introduced_by.name', /name of the person getting in touch/],
    // The choices before schema 018 are refused with the one to use.
    [minimal({ introduced_by: { relationship: 'family', name: 'Sam', phone: '07700 900321' } }),
      'introduced_by.relationship', /"family" is no longer a choice: use "family_or_friend"/],
    [minimal({ introduced_by: { relationship: 'friend_or_neighbour', name: 'Sam', phone: '07700 900321' } }),
      'introduced_by.relationship', /use "family_or_friend"/],
    [minimal({ introduced_by: { relationship: 'community', name: 'Sam', phone: '07700 900321' } }),
      'introduced_by.relationship', /"community_group" for a community group/],
    [minimal({ person_knows: 'maybe' }), 'person_knows', /Say whether the person knows about this and would like to talk$/],
    [minimal({ channel: 'pigeon' }), 'channel', /how it came/],
    [minimal({ received_at: '2099-01-01T09:00' }), 'received_at', /future/],
    [minimal({ received_at: 'last Tuesday' }), 'received_at', /date and time/],
  ];
  for (const [body, field, message] of cases) {
    const r = await as(priya, 'POST', '/api/v1/introductions', body);
    assert.equal(r.status, 422, `${field}: ${r.text}`);
    const named = r.json().error.fields.find((f) => f.field === field);
    assert.ok(named, `${field} named in ${r.text}`);
    assert.match(named.message, message, field);
  }
  // Every problem at once, so a form can show them all.
  const several = await as(priya, 'POST', '/api/v1/introductions',
    minimal({ person: { name: '', email: 'nope' }, channel: 'pigeon' }));
  assert.equal(several.status, 422);
  assert.deepEqual(several.json().error.fields.map((f) => f.field).sort(),
    ['channel', 'person.email', 'person.name']);
  const shape = [
    [{ ...minimal(), task: 'call back' }, 'task', /Not a field/],
    [{ ...minimal(), deadline: '2026-12-01' }, 'deadline', /Not a field/],
    [minimal({ person: { care_plan: 'x' } }), 'person.care_plan', /Not a field/],
    [minimal({ urgent: 'yes' }), 'urgent', /Must be true or false/],
  ];
  for (const [body, field, message] of shape) {
    const r = await as(priya, 'POST', '/api/v1/introductions', body);
    assert.equal(r.status, 422);
    assert.match(r.json().error.message, message);
  }
  assert.equal(await count(), before);
  const bogusStatus = await as(priya, 'PATCH', `/api/v1/introductions/${'f'.repeat(32)}`, { status: 'contacted' });
  assert.equal(bogusStatus.status, 404);
  assert.equal((await as(priya, 'GET', '/api/v1/introductions?status=lost')).status, 422);
  assert.equal((await as(priya, 'GET', '/api/v1/introductions?due_before=soon')).status, 422);
  // A filter left blank filters nothing.
  const blank = await as(priya, 'GET', '/api/v1/introductions?status=&area=&due_before=');
  assert.equal(blank.status, 200);
  assert.equal(blank.json().introductions.length, (await as(priya, 'GET', '/api/v1/introductions')).json().introductions.length);
});

test('the public way in is rate-limited per address', async () => {
  // The limit is 3 an hour here; earlier tests sent 2 from this address.
  const results = [];
  for (let i = 0; i < 3; i++) results.push(await publicPost(minimal()));
  const limited = results.find((r) => r.status === 429);
  assert.ok(limited, results.map((r) => r.status).join(','));
  assert.ok(Number(limited.headers.get('retry-after')) > 0);
  assert.equal((await limited.json()).error.code, 'too_many_requests');
  // Staff are not limited.
  assert.equal((await as(priya, 'POST', '/api/v1/introductions', minimal())).status, 201);
});

test('the area\'s coordinator is emailed a link, and nothing personal', async () => {
  const { startSmtpSink } = await import('../lib/smtp-sink.mjs');
  const sink = await startSmtpSink();
  const mailing = await startServer({ db, migrate: false, args: ['--smtp-url', sink.url,
    '--mail-from', 'alongside@york.example', '--public-url', 'https://alongside.york.example',
    '--mail-interval', '1'] });
  try {
    const b = await new Browser(mailing.url).signedIn('tom');
    b.csrfToken = await b.csrf('/staff');
    const r = await as(b, 'POST', '/api/v1/introductions', minimal({
      person: { name: 'Zed Secretname', phone: '07700 900777', background: 'Private words here' },
    }));
    assert.equal(r.status, 201, r.text);
    const [mail] = await sink.waitFor(1);
    assert.deepEqual(mail.to, ['<priya.shah@example.org>']);
    assert.equal(mail.from, '<alongside@york.example>');
    assert.match(mail.data, /^Subject: A new introduction\r$/m);
    assert.ok(mail.data.includes(`https://alongside.york.example/staff/introductions/${r.json().id}`));
    assert.ok(mail.data.includes(r.json().due_by));
    for (const secret of ['Zed', 'Secretname', '07700 900777', 'Private words', 'YO24'])
      assert.ok(!mail.data.includes(secret), `the email holds ${secret}`);
  } finally { await mailing.stop(); await sink.stop(); }
});

test('while the mail server is away the email waits, and goes when it is back', async () => {
  const { startSmtpSink } = await import('../lib/smtp-sink.mjs');
  const probe = await startSmtpSink();
  const port = new URL(probe.url).port;
  await probe.stop();
  const server2 = await startServer({ db, migrate: false, args: ['--smtp-url', `smtp://127.0.0.1:${port}`,
    '--mail-interval', '1'] });
  let sink;
  try {
    const b = await new Browser(server2.url).signedIn('tom');
    b.csrfToken = await b.csrf('/staff');
    const r = await as(b, 'POST', '/api/v1/introductions', minimal());
    assert.equal(r.status, 201, 'the introduction is kept whatever the mail server does');
    const deadline = Date.now() + 5000;
    while (!/not sent \(attempt 1 of 12\)/.test(server2.log) && Date.now() < deadline)
      await new Promise((res) => setTimeout(res, 100));
    assert.match(server2.log, /mail [0-9a-f]{32} not sent \(attempt 1 of 12\), trying again in 1s/);
    sink = await startSmtpSink(Number(port));
    const [mail] = await sink.waitFor(1, 8000);
    assert.ok(mail.data.includes(`/staff/introductions/${r.json().id}`));
  } finally {
    await server2.stop();
    await sink?.stop();
  }
});

test('staff with an address are told, and while on leave their cover is told instead', async () => {
  const { startSmtpSink } = await import('../lib/smtp-sink.mjs');
  const { run } = await import('../lib/alongside.mjs');
  for (const [user, email] of [['priya', 'priya.work@york.example'], ['daniel', 'daniel.work@york.example']])
    assert.equal((await run(['user', 'set-email', user, email, '--db', db])).code, 0);
  const bad = await run(['user', 'set-email', 'tom', 'not an address', '--db', db]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /email address/);
  const sink = await startSmtpSink();
  const mailing = await startServer({ db, migrate: false, args: ['--smtp-url', sink.url, '--mail-interval', '1'] });
  try {
    const b = await new Browser(mailing.url).signedIn('tom');
    b.csrfToken = await b.csrf('/staff');
    // Priya is on leave (an earlier test) and Daniel covers her area.
    assert.equal((await as(b, 'POST', '/api/v1/introductions', minimal())).status, 201);
    const [toCover] = await sink.waitFor(1);
    assert.deepEqual(toCover.to, ['<daniel.work@york.example>']);
    // Tom has no address of his own: the directory's is used.
    assert.equal((await as(b, 'POST', '/api/v1/introductions', minimal({ person: { postcode: undefined } }))).status, 201);
    const all = await sink.waitFor(2);
    assert.deepEqual(all[1].to, ['<tom.whitaker@example.org>']);
  } finally { await mailing.stop(); await sink.stop(); }
});
