// The ONS four over the API and the page: a sitting kept as four answers
// (never a total), a declined one with none, every bad input answered at
// its field with nothing stored, another area's coordinator told the
// person is not found, and a withdrawal kept with its reason; every
// change and refusal audited.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer, yorkDatabase, backend } from '../lib/alongside.mjs';
import { Browser } from '../lib/staff.mjs';
import { walkingAlongside } from '../lib/walking.mjs';

let db, server, priya, tom, person;
before(async () => {
  db = await yorkDatabase();
  server = await startServer({ db, migrate: false });
  const signIn = async (name) => {
    const b = await new Browser(server.url).signedIn(name);
    b.csrfToken = await b.csrf('/staff');
    return b;
  };
  [priya, tom] = await Promise.all(['priya', 'tom'].map(signIn));
  person = await walkingAlongside(server, priya, 'Wren Example');
});
after(async () => { await server.stop(); });

const sql = (query) => (db.startsWith('sqlite:')
  ? execFileSync('sqlite3', [db.slice('sqlite:'.length), query])
  : execFileSync('psql', [db, '-qAtc', query])).toString().trim();
const as = (b, method, path, json) =>
  b.request(method, path, { json, headers: { 'X-CSRF-Token': b.csrfToken } });
const fields = (r) => r.json().error.fields.map((f) => f.field).sort();
const stored = () => Number(sql(`SELECT count(*) FROM wellbeing_answers WHERE person_id = '${person}'`));

test(`four answers kept as four, read back in order (${backend})`, async () => {
  const r = await as(priya, 'POST', `/api/v1/people/${person}/wellbeing`, {
    point: 'start', taken_on: '2026-01-05', life_satisfaction: 3, worthwhile: 6, anxious: 8,
  });
  assert.equal(r.status, 201, r.text);
  const later = await as(priya, 'POST', `/api/v1/people/${person}/wellbeing`, {
    point: 'review', taken_on: '2026-04-05', declined: true,
  });
  assert.equal(later.status, 201, later.text);
  const list = (await as(priya, 'GET', `/api/v1/people/${person}/wellbeing`)).json().sittings;
  assert.equal(list.length, 2);
  assert.deepEqual(list[0].answers, { life_satisfaction: 3, worthwhile: 6, happy: null, anxious: 8 });
  assert.equal(list[0].point, 'start');
  assert.equal(list[1].declined, true);
  assert.deepEqual(list[1].answers, { life_satisfaction: null, worthwhile: null, happy: null, anxious: null });
  assert.equal(Number(sql(`SELECT count(*) FROM audit_log WHERE record_type = 'wellbeing' AND action = 'create' AND outcome = 'ok'`)), 2);
  // The page shows each measure on its own, with ONS's band in words.
  const page = await priya.get(`/staff/people/${person}/wellbeing`);
  assert.equal(page.status, 200);
  assert.match(page.text, /<strong>3<\/strong> out of 10 \(low\)/);
  assert.match(page.text, /<strong>8<\/strong> out of 10 \(high\)/);
  assert.match(page.text, /lower is better/);
  assert.match(page.text, /They chose not to answer/);
});

test(`bad input is refused at its field and stores nothing (${backend})`, async () => {
  const before = stored();
  const r = await as(priya, 'POST', `/api/v1/people/${person}/wellbeing`, {
    point: 'middle', taken_on: '2099-01-01', happy: 11, declined: true,
  });
  assert.equal(r.status, 422, r.text);
  assert.deepEqual(fields(r), ['declined', 'happy', 'point', 'taken_on']);
  const none = await as(priya, 'POST', `/api/v1/people/${person}/wellbeing`, { point: 'end', taken_on: '2026-02-01' });
  assert.equal(none.status, 422);
  assert.deepEqual(fields(none), ['declined']);
  // The page form refuses an answer outside 0 to 10 before the handler.
  const form = await priya.request('POST', `/staff/people/${person}/wellbeing`, {
    form: { csrf_token: priya.csrfToken, point: 'start', 'taken_on-day': '5', 'taken_on-month': '1',
      'taken_on-year': '2026', answering: 'yes', anxious: '12' },
  });
  assert.equal(form.status, 422);
  assert.equal(stored(), before);
});

test(`another area's coordinator is told the person is not found (${backend})`, async () => {
  const before = stored();
  const r = await as(tom, 'POST', `/api/v1/people/${person}/wellbeing`, { point: 'start', taken_on: '2026-01-05', happy: 5 });
  assert.equal(r.status, 404);
  assert.equal(r.json().error.code, 'person_not_found');
  assert.equal((await as(tom, 'GET', `/api/v1/people/${person}/wellbeing`)).status, 404);
  assert.equal(stored(), before);
  assert.ok(Number(sql(`SELECT count(*) FROM audit_log WHERE record_type = 'wellbeing' AND outcome = 'refused'`)) >= 2);
});

test(`a sitting withdrawn keeps its reason and stays listed (${backend})`, async () => {
  const id = (await as(priya, 'POST', `/api/v1/people/${person}/wellbeing`, {
    point: 'end', taken_on: '2026-03-01', happy: 9,
  })).json().id;
  const blank = await as(priya, 'POST', `/api/v1/people/${person}/wellbeing/${id}/withdraw`, {});
  assert.equal(blank.status, 422);
  assert.deepEqual(fields(blank), ['why']);
  const r = await as(priya, 'POST', `/api/v1/people/${person}/wellbeing/${id}/withdraw`, { why: 'Asked of the wrong person' });
  assert.equal(r.status, 200, r.text);
  const again = await as(priya, 'POST', `/api/v1/people/${person}/wellbeing/${id}/withdraw`, { why: 'Again' });
  assert.equal(again.status, 409);
  const one = (await as(priya, 'GET', `/api/v1/people/${person}/wellbeing`)).json().sittings.find((s) => s.id === id);
  assert.equal(one.withdrawn.why, 'Asked of the wrong person');
  assert.equal(one.answers.happy, 9);
});

test(`the page records a sitting from its form (${backend})`, async () => {
  const before = stored();
  const r = await priya.request('POST', `/staff/people/${person}/wellbeing`, {
    form: { csrf_token: priya.csrfToken, point: 'review', 'taken_on-day': '5', 'taken_on-month': '2',
      'taken_on-year': '2026', answering: 'yes', life_satisfaction: '7', worthwhile: '', happy: '0', anxious: '' },
  });
  assert.equal(r.status, 303, r.text);
  assert.equal(stored(), before + 1);
  assert.equal(sql(`SELECT life_satisfaction || ',' || coalesce(worthwhile, -1) || ',' || happy FROM wellbeing_answers WHERE taken_on = '2026-02-05'`), '7,-1,0');
});

test(`with no involvement to hold it, the problem links to the form's first question (${backend})`, async () => {
  // Someone in Priya's area not yet walked alongside: a copy of Wren's
  // row with no involvement.
  const alone = 'e'.repeat(32);
  sql(`INSERT INTO people (id, name, area_id, coordinator_id, created_at, updated_at)
       SELECT '${alone}', 'Alone Example', area_id, coordinator_id, created_at, updated_at
       FROM people WHERE id = '${person}'`);
  const r = await priya.request('POST', `/staff/people/${alone}/wellbeing`, {
    form: { csrf_token: priya.csrfToken, point: 'start', 'taken_on-day': '5', 'taken_on-month': '2',
      'taken_on-year': '2026', answering: 'yes', happy: '6' },
  });
  assert.equal(r.status, 422, r.text.slice(0, 300));
  assert.match(r.text, /<a href="#point">They have not yet been with the programme/);
  assert.doesNotMatch(r.text, /href="#involvement"/);
  assert.equal(Number(sql(`SELECT count(*) FROM wellbeing_answers WHERE person_id = '${alone}'`)), 0);
});
