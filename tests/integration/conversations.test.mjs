// The contact log over HTTP, on the page and through the API: logging
// with two fields, bad input answered at its fields with nothing stored,
// another area's coordinator told the person is not found with nothing
// changed, and a note's corrections kept as versions.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, yorkDatabase, backend } from '../lib/alongside.mjs';
import { Browser } from '../lib/staff.mjs';
import { walkingAlongside } from '../lib/walking.mjs';
import { dateFields } from '../lib/dates.mjs';

let server, priya, tom, person;
before(async () => {
  server = await startServer({ db: await yorkDatabase(), migrate: false });
  const signIn = async (name) => {
    const b = await new Browser(server.url).signedIn(name);
    b.csrfToken = await b.csrf('/staff');
    return b;
  };
  [priya, tom] = await Promise.all(['priya', 'tom'].map(signIn));
  person = await walkingAlongside(server, priya, 'Ada Example');
});
after(async () => { await server.stop(); });

const as = (b, method, path, json) =>
  b.request(method, path, { json, headers: { 'X-CSRF-Token': b.csrfToken } });

const log = (b, id = person) => as(b, 'GET', `/api/v1/people/${id}/conversations`);

test(`two fields are enough: when defaults to now (${backend})`, async () => {
  const before = Date.now();
  const r = await as(priya, 'POST', `/api/v1/people/${person}/conversations`, { how: 'phone', state: 'arranged' });
  assert.equal(r.status, 201, r.text);
  const x = r.json();
  assert.equal(r.headers.get('location'), `/api/v1/people/${person}/conversations/${x.id}`);
  assert.equal(x.how, 'phone');
  assert.equal(x.state, 'arranged');
  assert.equal(x.first, false);
  assert.equal(x.note, null);
  assert.ok(Math.abs(Date.parse(x.at) - before) < 120000, x.at);
  // A held one after the call that arranged it is the first conversation.
  const held = (await as(priya, 'POST', `/api/v1/people/${person}/conversations`, {
    how: 'met', place: 'office', who_was_there: 'Ada and her son', note: 'Likes the allotment',
    next_step: 'Visit the allotment society', next_step_on: '2099-01-05', good_life: true,
  })).json();
  assert.equal(held.first, true);
  assert.equal(held.good_life, true);
  assert.equal(held.place, 'office');
  assert.equal(held.note, 'Likes the allotment');
  assert.equal(held.logged_by, 'Priya Shah');
  const list = (await log(priya)).json().conversations;
  assert.deepEqual(list.map((c) => c.id), [held.id, x.id]);
  const one = await as(priya, 'GET', `/api/v1/people/${person}/conversations/${x.id}`);
  assert.equal(one.status, 200);
  assert.equal(one.json().id, x.id);
});

test('bad input is 422 at its fields, all at once, and nothing is stored', async () => {
  const count = (await log(priya)).json().conversations.length;
  const r = await as(priya, 'POST', `/api/v1/people/${person}/conversations`, {
    at: '2099-01-01T10:00', how: 'carrier_pigeon', next_step_on: 'next week',
  });
  assert.equal(r.status, 422, r.text);
  assert.deepEqual(r.json().error.fields.map((f) => f.field).sort(), ['at', 'how', 'next_step', 'next_step_on']);
  assert.match(r.json().error.fields.find((f) => f.field === 'at').message, /future/);
  const unknown = await as(priya, 'POST', `/api/v1/people/${person}/conversations`, { how: 'met', mood: 'good' });
  assert.equal(unknown.status, 422);
  // The page: the form again, every problem beside its field.
  const csrf_token = priya.csrfToken;
  const page = await priya.post(`/staff/people/${person}/conversations`, {
    csrf_token, ...dateFields('date', '2099-01-01', '10:00'), 'next_step_on-day': '31',
    'next_step_on-month': '2', 'next_step_on-year': '2027',
  });
  assert.equal(page.status, 422, page.text.slice(0, 300));
  assert.match(page.text, /govuk-error-summary/);
  assert.match(page.text, /<a href="#date">When cannot be in the future/);
  assert.match(page.text, /<a href="#how">Say how you talked/);
  assert.match(page.text, /id="next_step_on-error"/);
  assert.match(page.text, /<a href="#next_step_on">When the next step is must be a real date: check the day/);
  // The whole group is in error, and the field at fault is marked.
  assert.match(page.text, /id="next_step_on" name="next_step_on-day"/);
  assert.match(page.text, /govuk-input--error" id="next_step_on" name="next_step_on-day"/);
  assert.doesNotMatch(page.text, /govuk-input--error" id="next_step_on-month"/);
  assert.match(page.text, /<details class="govuk-details" open>/);
  assert.match(page.text, /name="date-year" [^>]*value="2099"/);
  assert.equal((await log(priya)).json().conversations.length, count);
});

test('another area\'s coordinator finds no such person, and changes nothing', async () => {
  const before = (await log(priya)).json().conversations;
  const target = before[0];
  const nobody = 'f'.repeat(32);
  const refused = await log(tom);
  const missing = await log(tom, nobody);
  assert.equal(refused.status, 404);
  assert.equal(refused.text, missing.text);
  assert.equal(refused.json().error.code, 'person_not_found');
  for (const [method, path, json] of [
    ['POST', `/api/v1/people/${person}/conversations`, { how: 'met' }],
    ['GET', `/api/v1/people/${person}/conversations/${target.id}`],
    ['PATCH', `/api/v1/people/${person}/conversations/${target.id}`, { note: 'Not mine to change' }],
  ]) {
    const r = await as(tom, method, path, json);
    assert.equal(r.status, 404, `${method} ${path}: ${r.text}`);
    assert.equal(r.json().error.code, 'person_not_found');
  }
  const page = await tom.get(`/staff/people/${person}/conversations`);
  assert.equal(page.status, 404);
  const form = await tom.post(`/staff/people/${person}/conversations/${target.id}/note`,
    { csrf_token: tom.csrfToken, note: 'Not mine to change' });
  assert.equal(form.status, 404);
  assert.deepEqual((await log(priya)).json().conversations, before);
});

test('a corrected note keeps every version, with who and when', async () => {
  const x = (await as(priya, 'POST', `/api/v1/people/${person}/conversations`,
    { how: 'video', note: 'Talked about the alotment' })).json();
  const path = `/api/v1/people/${person}/conversations/${x.id}`;
  const fixed = await as(priya, 'PATCH', path, { note: 'Talked about the allotment' });
  assert.equal(fixed.status, 200, fixed.text);
  assert.equal(fixed.json().corrected, true);
  // Through the page too; an empty correction is asked again.
  const empty = await priya.post(`/staff/people/${person}/conversations/${x.id}/note`,
    { csrf_token: priya.csrfToken, note: '' });
  assert.equal(empty.status, 422);
  assert.match(empty.text, new RegExp(`<a href="#note-${x.id}">Enter the note as it should read`));
  const page = await priya.post(`/staff/people/${person}/conversations/${x.id}/note`,
    { csrf_token: priya.csrfToken, note: 'Talked about the allotment and her dog' });
  assert.equal(page.status, 303);
  assert.equal(page.headers.get('location'), `/staff/people/${person}/conversations#conversation-${x.id}`);
  const same = await as(priya, 'PATCH', path, { note: 'Talked about the allotment and her dog' });
  assert.equal(same.status, 422);
  const now = (await as(priya, 'GET', path)).json();
  assert.equal(now.note, 'Talked about the allotment and her dog');
  assert.deepEqual(now.notes.map((n) => [n.version, n.note, n.by]), [
    [3, 'Talked about the allotment and her dog', 'priya'],
    [2, 'Talked about the allotment', 'priya'],
    [1, 'Talked about the alotment', 'priya'],
  ]);
  assert.ok(now.notes.every((n) => /^\d{4}-\d\d-\d\dT/.test(n.at)));
  const shown = await priya.get(`/staff/people/${person}/conversations`);
  assert.equal(shown.status, 200);
  assert.match(shown.text, /Corrected<\/strong> by priya/);
  assert.match(shown.text, /Earlier versions \(2\)/);
  assert.match(shown.text, /<s>Talked about the alotment<\/s>/);
});

test('the page logs a conversation from its date and time, in UK time', async () => {
  const form = await priya.get(`/staff/people/${person}/conversations`);
  assert.equal(form.status, 200);
  // The GOV.UK date input, set to now in UK time, with a time as people write one.
  assert.match(form.text, /class="govuk-date-input"/);
  assert.match(form.text, /id="date" name="date-day" type="text" inputmode="numeric" autocomplete="off" value="\d{1,2}"/);
  assert.match(form.text, /name="date-year" [^>]*value="\d{4}"/);
  assert.match(form.text, /name="date-time" [^>]*value="(\d{1,2}(:\d\d)?[ap]m|midday|midnight)"/);
  assert.match(form.text, new RegExp(`href="/staff/people/${person}">Back to Ada Example`));
  const r = await priya.post(`/staff/people/${person}/conversations`, {
    // A textarea's two lines, as a browser sends them.
    csrf_token: priya.csrfToken, ...dateFields('date', '2026-07-01', '10:00am'), how: 'drop_in',
    note: 'At the library\r\nShe brought her sister',
  });
  assert.equal(r.status, 303, r.text.slice(0, 400));
  const id = /#conversation-([0-9a-f]{32})$/.exec(r.headers.get('location'))[1];
  const x = (await as(priya, 'GET', `/api/v1/people/${person}/conversations/${id}`)).json();
  assert.equal(x.at, '2026-07-01T09:00:00.000Z');
  assert.equal(x.note, 'At the library\nShe brought her sister');
  const page = await priya.get(`/staff/people/${person}/conversations`);
  assert.match(page.text, /Wednesday 1 July 2026 at 10am/);
});

test(`one good-life conversation an involvement, however many ask at once (${backend})`, async () => {
  const someone = await walkingAlongside(server, priya, 'Bea Example');
  const sent = await Promise.all(Array.from({ length: 8 }, () =>
    as(priya, 'POST', `/api/v1/people/${someone}/conversations`, { how: 'met', good_life: true })));
  assert.equal(sent.filter((r) => r.status === 201).length, 1, sent.map((r) => r.status).join());
  for (const r of sent.filter((x) => x.status !== 201)) {
    assert.equal(r.status, 422, r.text);
    assert.deepEqual(r.json().error.fields.map((f) => f.field), ['good_life']);
  }
  const stored = (await log(priya, someone)).json().conversations;
  assert.equal(stored.length, 1);
  assert.equal(stored[0].good_life, true);
});

test('a conversation logged the day before a return started belongs to the return', async () => {
  const made = await as(priya, 'POST', '/api/v1/people', {
    name: 'Cal Example', postcode: 'YO24 4NB', kind: 'walking_alongside', started_on: '2025-01-06',
  });
  assert.equal(made.status, 201, made.text);
  const someone = made.json().id;
  const base = `/api/v1/people/${someone}/involvements`;
  const ended = await as(priya, 'PATCH', `${base}/${made.json().involvements[0].id}`,
    { end_reason: 'person_chose', ended_by: 'person', ended_on: '2025-02-10' });
  assert.equal(ended.status, 200, ended.text);
  const back = await as(priya, 'POST', base, { kind: 'walking_alongside' });
  assert.equal(back.status, 201, back.text);
  const yesterday = new Date(Date.now() - 86400000).toISOString();
  const x = await as(priya, 'POST', `/api/v1/people/${someone}/conversations`, { at: yesterday, how: 'phone' });
  assert.equal(x.status, 201, x.text);
  assert.equal(x.json().involvement_id, back.json().id);
  assert.equal(x.json().first, true);
});

test('a refused correction is shown in its own form, not in the log form', async () => {
  const x = (await as(priya, 'POST', `/api/v1/people/${person}/conversations`,
    { how: 'met', note: 'Keeps bees' })).json();
  const tooLong = 'Keeps bees and hens. '.repeat(100);
  const r = await priya.post(`/staff/people/${person}/conversations/${x.id}/note`,
    { csrf_token: priya.csrfToken, note: tooLong });
  assert.equal(r.status, 422, r.text.slice(0, 300));
  const box = (id) => new RegExp(`<textarea[^>]* id="${id}" name="note"[^>]*>([^<]*)</textarea>`).exec(r.text)[1];
  assert.equal(box(`note-${x.id}`), tooLong);
  assert.equal(box('note'), '');
  assert.doesNotMatch(r.text, /<details class="govuk-details" open><summary class="govuk-details__summary"><span class="govuk-details__summary-text">More details/);
});
