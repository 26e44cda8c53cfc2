// Stories over the API and the pages: the team's only or waiting for a
// team leader of the person's area; public ones need words without
// identifying detail; returned, edited as a new version and waiting
// again, every version kept; approved ones listed beyond the team without
// the person's name; the person's withdrawal final; other areas refused.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { run, startServer, yorkDatabase, backend } from '../lib/alongside.mjs';
import { Browser } from '../lib/staff.mjs';
import { walkingAlongside } from '../lib/walking.mjs';

let db, server, priya, tom, jo, person, token;
before(async () => {
  db = await yorkDatabase();
  const t = await run(['token', 'add', '--name', 'stories', '--scope', 'reports.read', '--db', db]);
  assert.equal(t.code, 0, t.stderr);
  token = t.stdout.trim();
  server = await startServer({ db, migrate: false });
  const signIn = async (name) => {
    const b = await new Browser(server.url).signedIn(name);
    b.csrfToken = await b.csrf('/staff');
    return b;
  };
  [priya, tom, jo] = await Promise.all(['priya', 'tom', 'jo.bennett'].map(signIn));
  person = await walkingAlongside(server, priya, 'Rowan Example');
});
after(async () => { await server.stop(); });

const sql = (query) => (db.startsWith('sqlite:')
  ? execFileSync('sqlite3', [db.slice('sqlite:'.length), query])
  : execFileSync('psql', [db, '-qAtc', query])).toString().trim();
const as = (b, method, path, json) =>
  b.request(method, path, { json, headers: { 'X-CSRF-Token': b.csrfToken } });
const fields = (r) => r.json().error.fields.map((f) => f.field).sort();
const written = () => Number(sql('SELECT (SELECT count(*) FROM stories) + (SELECT count(*) FROM story_versions)'));

const TOLD = {
  title: 'The allotment', words: 'Rowan here. I had not been out in a year; now I dig on Tuesdays.',
  share: 'council', agreed_on: '2026-01-05', agreed_how: 'in_person',
};
const create = (body, b = priya) => as(b, 'POST', `/api/v1/people/${person}/stories`, body);

test(`team only, or waiting for a team leader of the area (${backend})`, async () => {
  const team = await create({ ...TOLD, share: 'team' });
  assert.equal(team.status, 201, team.text);
  assert.equal(team.json().state, 'team_only');
  const wide = await create(TOLD);
  assert.equal(wide.json().state, 'waiting');
  assert.match((await jo.get('/staff')).text, /Stories waiting for review<\/a> \(1\)/);
  const page = await jo.get('/team/stories');
  assert.equal(page.status, 200);
  assert.match(page.text, /Rowan here/);
  assert.equal((await tom.get('/team/stories')).status, 403);
});

test(`bad input, and public without public words, store nothing (${backend})`, async () => {
  const before = written();
  const r = await create({ ...TOLD, share: 'public', title: '', agreed_on: '2099-01-01', agreed_how: 'pigeon' });
  assert.equal(r.status, 422);
  assert.deepEqual(fields(r), ['agreed_how', 'agreed_on', 'public_words', 'title']);
  const long = await create({ ...TOLD, words: 'x'.repeat(4001) });
  assert.deepEqual(fields(long), ['words']);
  const other = await create(TOLD, tom);
  assert.equal(other.status, 404);
  assert.equal(written(), before);
});

test(`returned, edited and waiting again; versions kept; approved goes beyond the team unnamed (${backend})`, async () => {
  const id = (await create({ ...TOLD, share: 'public', public_words: 'Someone now digs on Tuesdays.' })).json().id;
  // A coordinator reaches it but may not review it; another team cannot reach it.
  assert.equal((await as(priya, 'POST', `/api/v1/stories/${id}/review`, { decision: 'approve' })).status, 403);
  assert.equal((await as(tom, 'POST', `/api/v1/stories/${id}/review`, { decision: 'approve' })).status, 404);
  const noNote = await as(jo, 'POST', `/api/v1/stories/${id}/review`, { decision: 'return' });
  assert.deepEqual(fields(noNote), ['note']);
  const back = await as(jo, 'POST', `/api/v1/stories/${id}/review`, { decision: 'return', note: 'Take out the name' });
  assert.equal(back.json().state, 'returned');
  const edit = await as(priya, 'PATCH', `/api/v1/stories/${id}`, {
    ...TOLD, share: 'public', public_words: 'Someone now digs on Tuesdays.', from_version: 1,
    words: 'I had not been out in a year; now I dig on Tuesdays.',
  });
  assert.equal(edit.status, 200, edit.text);
  assert.equal(edit.json().state, 'waiting');
  assert.equal(edit.json().versions.length, 2);
  assert.equal(edit.json().versions[0].words, TOLD.words);
  const stale = await as(priya, 'PATCH', `/api/v1/stories/${id}`, { ...TOLD, from_version: 1 });
  assert.equal(stale.status, 409);
  // The team leader approves it from the page.
  const ok = await jo.request('POST', `/team/stories/${id}/review`, { form: { csrf_token: jo.csrfToken, decision: 'approve' } });
  assert.equal(ok.status, 303, ok.text);
  const shared = await jo.get('/reports/stories');
  assert.equal(shared.status, 200);
  assert.match(shared.text, /Someone now digs on Tuesdays/);
  assert.doesNotMatch(shared.text, /Rowan/);
  // A token with reports.read reads the page too: public ones only.
  const byToken = await new Browser(server.url).request('GET', '/reports/stories', { headers: { Authorization: `Bearer ${token}` } });
  assert.equal(byToken.status, 200);
  assert.match(byToken.text, /Someone now digs on Tuesdays/);
  assert.doesNotMatch(byToken.text, /Rowan/);
  assert.equal((await priya.get('/reports/stories')).status, 403);

  // The person withdraws their agreement: it goes no further.
  const bad = await as(priya, 'POST', `/api/v1/stories/${id}/withdraw`, { withdrawn_on: '2026-02-30', withdrawn_how: 'text' });
  assert.deepEqual(fields(bad), ['withdrawn_how', 'withdrawn_on']);
  const gone = await as(priya, 'POST', `/api/v1/stories/${id}/withdraw`, { withdrawn_on: '2026-02-01', withdrawn_how: 'phone' });
  assert.equal(gone.json().state, 'withdrawn');
  assert.deepEqual(gone.json().withdrawn, { on: '2026-02-01', how: 'phone' });
  assert.doesNotMatch((await jo.get('/reports/stories')).text, /Someone now digs/);
  assert.equal((await as(priya, 'PATCH', `/api/v1/stories/${id}`, { ...TOLD, from_version: 2 })).status, 409);
  assert.ok(Number(sql(`SELECT count(*) FROM audit_log WHERE record_type = 'story' AND record_id = '${id}' AND outcome = 'refused'`)) >= 2);
});

test(`the pages make a story and a new version (${backend})`, async () => {
  const made = await priya.request('POST', `/staff/people/${person}/stories`, {
    form: { csrf_token: priya.csrfToken, title: 'Tea on Fridays', words: 'We meet for tea.', share: 'team',
      'agreed_on-day': '3', 'agreed_on-month': '1', 'agreed_on-year': '2026', agreed_how: 'paper' },
  });
  assert.equal(made.status, 303, made.text);
  const where = made.headers.get('location');
  const page = await priya.get(where);
  assert.match(page.text, /We meet for tea/);
  assert.match(page.text, /Team only/);
  const refused = await priya.request('POST', where, {
    form: { csrf_token: priya.csrfToken, from_version: '1', title: '', words: 'We meet for tea on Fridays.',
      share: 'team', 'agreed_on-day': '3', 'agreed_on-month': '1', 'agreed_on-year': '2026', agreed_how: 'paper' },
  });
  assert.equal(refused.status, 422);
  assert.match(refused.text, /Give the story a title/);
  const edited = await priya.request('POST', where, {
    form: { csrf_token: priya.csrfToken, from_version: '1', title: 'Tea on Fridays', words: 'We meet for tea on Fridays.',
      share: 'team', 'agreed_on-day': '3', 'agreed_on-month': '1', 'agreed_on-year': '2026', agreed_how: 'paper' },
  });
  assert.equal(edited.status, 303);
  const again = await priya.get(where);
  assert.match(again.text, /Version 1: Tea on Fridays/);
  assert.match(again.text, /We meet for tea on Fridays/);
});
