// Stories over the API and the pages: the team's only or waiting for a
// team leader of the person's area; public ones need a title and words
// without identifying detail, all that is shown beyond the team; returned, edited as a new version and waiting
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
  assert.deepEqual(fields(r), ['agreed_how', 'agreed_on', 'public_title', 'public_words', 'title']);
  const long = await create({ ...TOLD, words: 'x'.repeat(4001) });
  assert.deepEqual(fields(long), ['words']);
  const other = await create(TOLD, tom);
  assert.equal(other.status, 404);
  assert.equal(written(), before);
});

test(`returned, edited and waiting again; versions kept; approved goes beyond the team unnamed (${backend})`, async () => {
  const PUBLIC = { ...TOLD, title: 'How Rowan found the allotment', share: 'public',
    public_title: 'Digging again', public_words: 'Someone now digs on Tuesdays.' };
  const id = (await create(PUBLIC)).json().id;
  // A coordinator reaches it but may not review it; another team cannot reach it.
  assert.equal((await as(priya, 'POST', `/api/v1/stories/${id}/review`, { decision: 'approve' })).status, 403);
  assert.equal((await as(tom, 'POST', `/api/v1/stories/${id}/review`, { decision: 'approve' })).status, 404);
  const noNote = await as(jo, 'POST', `/api/v1/stories/${id}/review`, { decision: 'return' });
  assert.deepEqual(fields(noNote), ['note']);
  const back = await as(jo, 'POST', `/api/v1/stories/${id}/review`, { decision: 'return', note: 'Take out the name' });
  assert.equal(back.json().state, 'returned');
  // Without the version it was made from: a field, not a clash.
  const unsaid = await as(priya, 'PATCH', `/api/v1/stories/${id}`, { ...PUBLIC });
  assert.equal(unsaid.status, 422);
  assert.deepEqual(fields(unsaid), ['from_version']);
  const edit = await as(priya, 'PATCH', `/api/v1/stories/${id}`, {
    ...PUBLIC, from_version: 1, words: 'I had not been out in a year; now I dig on Tuesdays.',
  });
  assert.equal(edit.status, 200, edit.text);
  assert.equal(edit.json().state, 'waiting');
  assert.equal(edit.json().versions.length, 2);
  assert.equal(edit.json().versions[0].words, TOLD.words);
  const stale = await as(priya, 'PATCH', `/api/v1/stories/${id}`, { ...TOLD, from_version: 1 });
  assert.equal(stale.status, 409);
  // The team leader's review shows exactly what goes beyond the team.
  const review = await jo.get('/team/stories');
  assert.match(review.text, /What the public will see, with no name:<\/p>\s*<p class="govuk-body govuk-!-font-weight-bold">Digging again<\/p>/);
  // The team leader approves it from the page.
  const ok = await jo.request('POST', `/team/stories/${id}/review`, { form: { csrf_token: jo.csrfToken, decision: 'approve' } });
  assert.equal(ok.status, 303, ok.text);
  const shared = await jo.get('/reports/stories');
  assert.equal(shared.status, 200);
  assert.match(shared.text, /Someone now digs on Tuesdays/);
  assert.match(shared.text, /Digging again/);
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
  assert.equal(gone.json().withdrawn.on, '2026-02-01');
  assert.equal(gone.json().withdrawn.how, 'phone');
  assert.match(gone.json().withdrawn.recorded_by, /Priya/);
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

  // Saved from version 1 after version 2: the form again, their words
  // kept beside the newer version, nothing written.
  const before = written();
  const clash = await priya.request('POST', where, {
    form: { csrf_token: priya.csrfToken, from_version: '1', title: 'Tea on Fridays', words: 'We meet for tea and cake.',
      share: 'team', 'agreed_on-day': '3', 'agreed_on-month': '1', 'agreed_on-year': '2026', agreed_how: 'paper' },
  });
  assert.equal(clash.status, 409);
  assert.match(clash.text, /saved version 2 meanwhile/);
  assert.match(clash.text, /We meet for tea and cake\./);
  assert.match(clash.text, /We meet for tea on Fridays\./);
  assert.match(clash.text, /name="from_version" value="2"/);
  assert.equal(written(), before);

  // Their withdrawal, by phone: said as they told us, who recorded it, and no more editing.
  const gone = await priya.request('POST', `${where}/withdraw`, {
    form: { csrf_token: priya.csrfToken, 'withdrawn_on-day': '4', 'withdrawn_on-month': '1', 'withdrawn_on-year': '2026',
      withdrawn_how: 'phone' },
  });
  assert.equal(gone.status, 303, gone.text);
  const withdrawn = await priya.get(where);
  assert.match(withdrawn.text, /They withdrew their agreement on Sunday 4 January 2026, by phone\./);
  assert.match(withdrawn.text, /Recorded by Priya/);
  assert.doesNotMatch(withdrawn.text, /\/edit"/);
  const noEdit = await priya.get(`${where}/edit`);
  assert.equal(noEdit.status, 409);
  assert.match(noEdit.text, /They withdrew their agreement; it cannot be changed/);
  // Through another person's address: not found.
  const other = await walkingAlongside(server, priya, 'Sam Other');
  const elsewhere = where.replace(person, other);
  const wrong = await priya.request('POST', `${elsewhere}/withdraw`, {
    form: { csrf_token: priya.csrfToken, 'withdrawn_on-day': '4', 'withdrawn_on-month': '1', 'withdrawn_on-year': '2026',
      withdrawn_how: 'phone' },
  });
  assert.equal(wrong.status, 404);
});
