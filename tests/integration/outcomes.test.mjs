// Outcomes over the API and the pages: the five domains seeded in order; a
// sitting recorded with a rating or "rather not say" per statement and the
// person's words, or declined whole; every bad input answered at its
// field with nothing stored; another area's coordinator told the person
// is not found; a sitting withdrawn with a reason, kept and marked; and
// the statements changed only by a programme manager (or administrator),
// a reword keeping what was said under the old words.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer, yorkDatabase, backend, run } from '../lib/alongside.mjs';
import { Browser, DEMO_PASSWORD } from '../lib/staff.mjs';
import { walkingAlongside } from '../lib/walking.mjs';

let db, server, priya, tom, pat, person;
before(async () => {
  db = await yorkDatabase();
  // A programme manager (the role of schema 019): made on the command line
  // as an administrator, then given that role in its place.
  const made = await run(['user', 'add', 'pat', '--role', 'administrator', '--db', db],
    { input: DEMO_PASSWORD + '\n' });
  assert.equal(made.code, 0, made.stderr);
  sql(`UPDATE user_roles SET role = 'programme_manager' WHERE user_id = (SELECT id FROM users WHERE username = 'pat')`);
  server = await startServer({ db, migrate: false });
  const signIn = async (name) => {
    const b = await new Browser(server.url).signedIn(name);
    b.csrfToken = await b.csrf('/staff');
    return b;
  };
  [priya, tom, pat] = await Promise.all(['priya', 'tom', 'pat'].map(signIn));
  person = await walkingAlongside(server, priya, 'Ada Example');
});
after(async () => { await server.stop(); });

const sql = (query) => (db.startsWith('sqlite:')
  ? execFileSync('sqlite3', [db.slice('sqlite:'.length), query])
  : execFileSync('psql', [db, '-qAtc', query])).toString().trim();
const as = (b, method, path, json) =>
  b.request(method, path, { json, headers: { 'X-CSRF-Token': b.csrfToken } });
const fields = (r) => r.json().error.fields.map((f) => f.field);
const stored = () => Number(sql('SELECT (SELECT count(*) FROM outcome_reviews)'
  + ' + (SELECT count(*) FROM outcome_ratings) + (SELECT count(*) FROM outcome_statements)'));
const base = (id) => `/api/v1/people/${id}/outcomes`;
const statements = async (b = priya) => (await as(b, 'GET', '/api/v1/outcome-statements')).json().statements;

const answersFor = (list) => list.map((s, i) => (i === 1
  ? { statement_id: s.id, rather_not_say: true }
  : { statement_id: s.id, rating: 1 + (i % 5), words: i === 0 ? 'Safer since the lock was fixed' : undefined }));

test(`the five domains are asked, in order, with their steps (${backend})`, async () => {
  const list = await statements();
  assert.deepEqual(list.map((s) => s.key), ['safe', 'strong', 'connected', 'healthy', 'in_control']);
  assert.equal(list[2].steps[0], 'I feel cut off from people');
  assert.equal(list[2].steps[4], "I have people around me and I'm part of things");
});

test(`a sitting is recorded, read back and declining is an answer (${backend})`, async () => {
  const list = await statements();
  const r = await as(priya, 'POST', base(person),
    { point: 'start', taken_on: '2026-01-05', answers: answersFor(list) });
  assert.equal(r.status, 201, r.text);
  const x = r.json();
  assert.equal(x.ratings.length, 5);
  assert.equal(x.ratings[0].rating, 1);
  assert.equal(x.ratings[0].words, 'Safer since the lock was fixed');
  assert.equal(x.ratings[1].rating, null);
  assert.equal(x.ratings[1].rather_not_say, true);
  assert.equal(x.recorded_by, 'Priya Shah');
  const d = await as(priya, 'POST', base(person),
    { point: 'review', taken_on: '2026-02-02', declined: true, declined_words: 'Not today' });
  assert.equal(d.status, 201, d.text);
  assert.equal(d.json().declined, true);
  const all = (await as(priya, 'GET', base(person))).json();
  assert.equal(all.person.name, 'Ada Example');
  assert.deepEqual(all.reviews.map((v) => [v.point, v.declined]), [['start', false], ['review', true]]);
  assert.equal(Number(sql(`SELECT count(*) FROM audit_log WHERE record_type = 'outcome_review' AND action = 'create'`)), 2);
});

test(`bad input is named at every field and stores nothing (${backend})`, async () => {
  const list = await statements();
  const before = stored();
  const answers = answersFor(list);
  delete answers[2].rating;
  answers[3].rating = 9;
  answers[4].words = 'w'.repeat(1001);
  let r = await as(priya, 'POST', base(person), { point: 'middle', taken_on: '2999-01-01', answers });
  assert.equal(r.status, 422, r.text);
  assert.deepEqual(fields(r), ['point', 'taken_on', 'answers.2.rating', 'answers.3.rating', 'answers.4.words']);
  r = await as(priya, 'POST', base(person), { point: 'start', answers: answersFor(list).slice(0, 3) });
  assert.equal(r.status, 422, r.text);
  assert.deepEqual(fields(r), ['answers', 'answers']);
  r = await as(priya, 'POST', base(person), { point: 'start', declined: true, mood: 'fine' });
  assert.equal(r.status, 422, r.text);
  assert.deepEqual(fields(r), ['mood']);
  assert.equal(stored(), before);
});

test(`another area's coordinator is told the person is not found (${backend})`, async () => {
  const before = stored();
  let r = await as(tom, 'GET', base(person));
  assert.equal(r.status, 404);
  assert.equal(r.json().error.code, 'person_not_found');
  r = await as(tom, 'POST', base(person), { point: 'start', declined: true });
  assert.equal(r.status, 404);
  assert.equal(stored(), before);
  assert.equal((await tom.get(`/staff/people/${person}/outcomes`)).status, 404);
  assert.equal(Number(sql(`SELECT count(*) FROM audit_log WHERE record_type = 'outcome_review' AND outcome = 'refused'`)), 3);
});

test(`a sitting withdrawn with a reason is kept and marked (${backend})`, async () => {
  const id = (await as(priya, 'GET', base(person))).json().reviews[1].id;
  let r = await as(priya, 'POST', `${base(person)}/${id}/withdraw`, { why: '  ' });
  assert.equal(r.status, 422);
  assert.deepEqual(fields(r), ['why']);
  r = await as(tom, 'POST', `${base(person)}/${id}/withdraw`, { why: 'mistake' });
  assert.equal(r.status, 404);
  r = await as(priya, 'POST', `${base(person)}/${id}/withdraw`, { why: 'Recorded for the wrong day' });
  assert.equal(r.status, 200, r.text);
  r = await as(priya, 'POST', `${base(person)}/${id}/withdraw`, { why: 'again' });
  assert.equal(r.status, 409);
  const v = (await as(priya, 'GET', base(person))).json().reviews[1];
  assert.equal(v.withdrawn.why, 'Recorded for the wrong day');
  assert.equal(v.withdrawn.by, 'Priya Shah');
});

test(`only a programme manager changes the statements, and a reword keeps old words (${backend})`, async () => {
  const wording = { title: 'Less reliant on crisis services', question: 'How often do you need crisis help?',
    steps: ['Every week', 'Most months', 'Now and then', 'Rarely', 'I manage without it'] };
  const before = stored();
  let r = await as(priya, 'POST', '/api/v1/outcome-statements', wording);
  assert.equal(r.status, 403);
  r = await as(priya, 'PATCH', '/api/v1/outcome-statements/connected', { retired: true });
  assert.equal(r.status, 403);
  assert.equal(stored(), before);
  r = await as(pat, 'POST', '/api/v1/outcome-statements', { ...wording, steps: wording.steps.slice(0, 4) });
  assert.equal(r.status, 422);
  assert.deepEqual(fields(r), ['step_5']);
  r = await as(pat, 'POST', '/api/v1/outcome-statements', { ...wording, steps: [...wording.steps, 'More'] });
  assert.equal(r.status, 422);
  assert.deepEqual(fields(r), ['steps']);
  r = await as(pat, 'POST', '/api/v1/outcome-statements', wording);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json().framework, 'programme');
  assert.equal(r.json().position, 6);
  r = await as(pat, 'PATCH', '/api/v1/outcome-statements/connected',
    { title: 'Connected', question: 'Do you feel part of things?', steps: ['Alone', 'Mostly alone', 'Some people', 'People I count on', 'Part of things'] });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json().version, 2);
  r = await as(pat, 'PATCH', '/api/v1/outcome-statements/connected', { retired: true, position: 1 });
  assert.equal(r.status, 422);
  r = await as(pat, 'PATCH', '/api/v1/outcome-statements/healthy', { retired: true });
  assert.equal(r.status, 200, r.text);
  const now = await statements();
  assert.deepEqual(now.map((s) => s.key).slice(0, 4), ['safe', 'strong', 'connected', 'in_control']);
  const all = (await as(priya, 'GET', '/api/v1/outcome-statements?retired=1')).json().statements;
  assert.equal(all.find((s) => s.key === 'healthy').in_use, false);
  // The first sitting keeps the words it was given under.
  const first = (await as(priya, 'GET', base(person))).json().reviews[0];
  const connected = first.ratings.find((g) => g.statement.key === 'connected');
  assert.equal(connected.statement.version, 1);
  assert.equal(connected.statement.steps[0], 'I feel cut off from people');
  assert.equal(Number(sql(`SELECT count(*) FROM audit_log WHERE record_type = 'outcome_statement' AND outcome = 'refused'`)), 2);
});

// The form as the page sends it, for the statements in use.
async function pageForm(b, id, answer) {
  const page = (await b.get(`/staff/people/${id}/outcomes/new`)).text;
  const form = { csrf_token: /name="csrf_token" value="([^"]+)"/.exec(page)[1] };
  const ids = [...page.matchAll(/name="statement_(\d+)" value="([^"]+)"/g)];
  for (const [, n, sid] of ids) {
    form[`statement_${n}`] = sid;
    const a = answer(Number(n));
    if (a) form[`answer_${n}`] = a;
  }
  return { form, count: ids.length };
}

test(`the pages record, show, refuse and withdraw (${backend})`, async () => {
  const id = await walkingAlongside(server, priya, 'Bo Example');
  const url = `/staff/people/${id}/outcomes`;
  const person_page = await priya.get(`/staff/people/${id}`);
  assert.match(person_page.text, new RegExp(`href="${url}">Outcomes<`));
  let r = await priya.get(url);
  assert.equal(r.status, 200);
  assert.match(r.text, /Nothing recorded yet/);
  const before = stored();
  // Two left unanswered and no point: every problem at once, nothing saved.
  let { form, count } = await pageForm(priya, id, (n) => (n <= 2 ? null : '3'));
  assert.equal(count, 5);
  r = await priya.post(url, { ...form, 'taken_on-day': '31', 'taken_on-month': '2', 'taken_on-year': '2026', action: 'save' });
  assert.equal(r.status, 422, r.text.slice(0, 300));
  assert.match(r.text, /govuk-error-summary/);
  for (const anchor of ['#point', '#taken_on', '#answer_1', '#answer_2'])
    assert.ok(r.text.includes(`href="${anchor}"`), anchor);
  assert.equal(stored(), before);
  // Words too long (even beyond what any route limit was) and values the
  // page never offers come back in the form, with what was typed.
  const said = 'I walk to the shop now. '.repeat(500);
  ({ form } = await pageForm(priya, id, (n) => (n === 2 ? '9' : '3')));
  r = await priya.post(url, { ...form, point: 'middle', 'taken_on-day': '5', 'taken_on-month': '1', 'taken_on-year': '2026',
    words_1: said, declined_words: 'x', action: 'save' });
  assert.equal(r.status, 422, r.text.slice(0, 300));
  assert.match(r.text, /<a href="#words_1">Safe: in their words must be 1000 characters or fewer/);
  assert.match(r.text, /<a href="#point">When is this\? Choose the start, a review or the end/);
  assert.match(r.text, /<a href="#answer_2">Strong: choose where they are, or \u201cI\u2019d rather not say\u201d/);
  assert.ok(r.text.includes(`>${said}</textarea>`));
  assert.match(r.text, /data-module="govuk-character-count" data-maxlength="1000"/);
  assert.match(r.text, /<span class="govuk-visually-hidden">Safe: <\/span>In their words/);
  assert.equal(stored(), before);
  ({ form } = await pageForm(priya, id, (n) => (n === 5 ? 'not_said' : String(n))));
  r = await priya.post(url, { ...form, point: 'start', 'taken_on-day': '5', 'taken_on-month': '1', 'taken_on-year': '2026',
    words_3: 'I go to the Tuesday group now', action: 'save' });
  assert.equal(r.status, 303, r.text.slice(0, 300));
  ({ form } = await pageForm(priya, id, () => null));
  r = await priya.post(url, { ...form, point: 'review', 'taken_on-day': '6', 'taken_on-month': '1', 'taken_on-year': '2026',
    declined_words: 'Not today, thanks', action: 'declined' });
  assert.equal(r.status, 303, r.text.slice(0, 300));
  r = await priya.get(url);
  assert.match(r.text, /I go to the Tuesday group now/);
  assert.match(r.text, /They chose not to do this that day/);
  assert.match(r.text, /Not today, thanks/);
  assert.match(r.text, /rather not say/);
  const review = /action="[^"]*\/outcomes\/([0-9a-f]{32})\/withdraw"/.exec(r.text)[1];
  const csrf_token = /name="csrf_token" value="([^"]+)"/.exec(r.text)[1];
  // Each sitting's reason has its own id, and the summary links to the one refused.
  const whys = [...r.text.matchAll(/id="(why-[0-9a-f]+)"/g)].map((m) => m[1]);
  assert.equal(whys.length, 2);
  assert.equal(new Set(whys).size, 2);
  r = await priya.post(`${url}/${review}/withdraw`, { csrf_token, why: '' });
  assert.equal(r.status, 422);
  assert.ok(r.text.includes(`<a href="#why-${review}">Why it is withdrawn: say why`), r.text.slice(0, 2000));
  r = await priya.post(`${url}/${review}/withdraw`, { csrf_token, why: 'Recorded twice' });
  assert.equal(r.status, 303);
  assert.match((await priya.get(url)).text, /\(withdrawn\)/);
});

test(`/admin/outcomes offers its forms to a programme manager only (${backend})`, async () => {
  let r = await pat.get('/admin/outcomes');
  assert.equal(r.status, 200);
  assert.match(r.text, /Add a statement of your own/);
  assert.match(r.text, /Retired/);
  r = await priya.get('/admin/outcomes');
  assert.equal(r.status, 200);
  assert.doesNotMatch(r.text, /Add a statement of your own/);
  const csrf_token = /name="csrf_token" value="([^"]+)"/.exec((await priya.get('/staff')).text)[1];
  r = await priya.post('/admin/outcomes', { csrf_token, title: 'Contributing' });
  assert.equal(r.status, 403);
  const pcsrf = /name="csrf_token" value="([^"]+)"/.exec((await pat.get('/admin/outcomes')).text)[1];
  const before = stored();
  r = await pat.post('/admin/outcomes', { csrf_token: pcsrf, title: 'Contributing', question: '' });
  assert.equal(r.status, 422);
  assert.match(r.text, /Write the question/);
  assert.equal(stored(), before);
  r = await pat.post('/admin/outcomes/safe', { csrf_token: pcsrf, action: 'down' });
  assert.equal(r.status, 303);
  assert.deepEqual((await statements()).map((s) => s.key).slice(0, 2), ['strong', 'safe']);
  // A reword's problems link to that statement's own form.
  r = await pat.post('/admin/outcomes/safe', { csrf_token: pcsrf, action: 'reword', title: '', question: 'Q' });
  assert.equal(r.status, 422);
  assert.match(r.text, /<a href="#safe-title">Give the statement a short title/);
  assert.match(r.text, /<a href="#safe-step_1">/);
  assert.equal(stored(), before);
  // Retiring asks first; nothing changes until it is confirmed.
  r = await pat.post('/admin/outcomes/safe', { csrf_token: pcsrf, action: 'retire' });
  assert.equal(r.status, 200);
  assert.match(r.text, /Retire \u201cSafe\u201d\?/);
  assert.match(r.text, /value="confirm_retire"/);
  assert.ok((await statements()).some((s) => s.key === 'safe'));
  r = await pat.post('/admin/outcomes/safe', { csrf_token: pcsrf, action: 'confirm_retire' });
  assert.equal(r.status, 303);
  assert.ok(!(await statements()).some((s) => s.key === 'safe'));
  // A retired statement can be asked again: a new version, asked last.
  r = await pat.get('/admin/outcomes');
  assert.match(r.text, /value="ask_again"[^>]*>Ask it again<span class="govuk-visually-hidden">: Safe</);
  r = await pat.post('/admin/outcomes/safe', { csrf_token: pcsrf, action: 'ask_again' });
  assert.equal(r.status, 303);
  const safe = (await statements()).at(-1);
  assert.equal(safe.key, 'safe');
  assert.equal(safe.version, 2);
  r = await priya.post('/admin/outcomes/healthy', { csrf_token, action: 'ask_again' });
  assert.equal(r.status, 403);
  assert.ok(!(await statements()).some((s) => s.key === 'healthy'));
});

test(`the staff home links the statements and the shared stories (${backend})`, async () => {
  const home = (await pat.get('/staff')).text;
  assert.match(home, /href="\/admin\/outcomes">Outcome statements</);
  assert.match(home, /href="\/reports\/stories">Stories people agreed to share</);
  const coordinator = (await priya.get('/staff')).text;
  assert.doesNotMatch(coordinator, /href="\/admin\/outcomes"/);
  assert.doesNotMatch(coordinator, /href="\/reports\/stories"/);
});
