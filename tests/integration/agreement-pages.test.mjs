// The shared agreement's pages over HTTP: none yet explained (and why not
// on short-term help), agreed and changed through the form with goals and
// steps kept apart by their rows, bad input answered at every input with
// nothing changed, a change made meanwhile shown as such, an ending asked
// for by the person shown as theirs, versions compared in words, and
// another area's coordinator told the person is not found.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, yorkDatabase, backend } from '../lib/alongside.mjs';
import { Browser } from '../lib/staff.mjs';
import { walkingAlongside } from '../lib/walking.mjs';
import { dateFields } from '../lib/dates.mjs';

let server, priya, tom, person, page;
before(async () => {
  server = await startServer({ db: await yorkDatabase(), migrate: false });
  const signIn = async (name) => {
    const b = await new Browser(server.url).signedIn(name);
    b.csrfToken = await b.csrf('/staff');
    return b;
  };
  [priya, tom] = await Promise.all(['priya', 'tom'].map(signIn));
  person = await walkingAlongside(server, priya, 'Ada Example');
  page = `/staff/people/${person}/agreement`;
});
after(async () => { await server.stop(); });

const today = new Date().toISOString().slice(0, 10);

// The form as the page sends it: each goal's fields, then each step's with
// step_goal naming its goal's row (by_when as 'YYYY-MM-DD', sent as the
// date input's day, month and year).
function form(b, { from = 0, goals = [], ...rest }) {
  const f = new URLSearchParams({ csrf_token: b.csrfToken, from_version: String(from) });
  goals.forEach((g, i) => {
    f.append('goal_key', g.key || '');
    f.append('goal', g.words || '');
    for (const s of g.steps || []) {
      f.append('step_goal', String(i));
      f.append('step_key', s.key || '');
      f.append('step', s.words || '');
      f.append('step_taken_by', s.taken_by || '');
      f.append('step_taken_by_words', s.taken_by_words || '');
      // By when: a date input in every step row, its names repeated.
      const [year, month, day] = s.by_when ? s.by_when.split('-') : ['', '', ''];
      f.append('step_by_when-day', day);
      f.append('step_by_when-month', month);
      f.append('step_by_when-year', year);
      f.append('step_status', s.status || 'not_yet');
    }
  });
  for (const [k, v] of Object.entries(rest)) f.append(k, v);
  return f;
}

const versions = async (b = priya) =>
  ((await b.get(page)).text.match(/\/agreement\/versions\/\d+">Version/g) || []).length;

// Each problem in the summary, linking to its input, and beside it.
function assertProblemsAt(text, ids) {
  assert.match(text, /govuk-error-summary/);
  const linked = [...text.matchAll(/<li><a href="#([^"]+)">/g)].map((m) => m[1]).sort();
  assert.deepEqual(linked, [...ids].sort());
  for (const id of ids) assert.match(text, new RegExp(`id="${id}-error"`), id);
}

const first = {
  from: 0, asked_by: 'person', why: 'I want my week to have a shape', ...dateFields('agreed_on', today), agreed_how: 'in_person',
  goals: [
    { words: 'Get back to the allotment', steps: [
      { words: 'Ring the allotment society', taken_by: 'person' },
      { words: 'Find out about raised beds', taken_by: 'coordinator', taken_by_words: 'Priya', by_when: '2099-03-06' },
    ] },
    { words: 'See my sister more', steps: [{ words: 'Plan a Sunday visit', taken_by: 'family', taken_by_words: 'Your sister Ann' }] },
  ],
};

test(`none yet: said in a sentence, with the way to agree one (${backend})`, async () => {
  const r = await priya.get(page);
  assert.equal(r.status, 200);
  assert.match(r.text, /Ada Example has no shared agreement yet/);
  assert.match(r.text, new RegExp(`href="${page}/edit">Agree a shared agreement`));
  const edit = await priya.get(`${page}/edit`);
  assert.equal(edit.status, 200);
  assert.match(edit.text, /id="goal_1"/);
  assert.match(edit.text, /id="step_1_1_taken_by"/);
  assert.match(edit.text, /name="from_version" value="0"/);
  // More rows: what was typed kept, a row more under each goal.
  const more = await priya.post(page, form(priya, { goals: [{ words: 'Kept as typed', steps: [{ words: 'A step' }] }], more: 'rows' }));
  assert.equal(more.status, 200);
  assert.match(more.text, />Kept as typed<\/textarea>/);
  assert.match(more.text, /id="step_0_1"/);
  assert.match(more.text, /id="goal_1"/);
  assert.match((await priya.get(page)).text, /no shared agreement yet/);
});

test('on short-term help there is none to agree, and the page says why', async () => {
  const made = await priya.request('POST', '/api/v1/people', {
    json: { kind: 'short_term', name: 'Short Example', postcode: 'YO24 4NB' },
    headers: { 'X-CSRF-Token': priya.csrfToken },
  });
  assert.equal(made.status, 201, made.text);
  const id = made.json().id;
  const r = await priya.get(`/staff/people/${id}/agreement`);
  assert.equal(r.status, 200);
  assert.match(r.text, /is getting short-term help/);
  assert.doesNotMatch(r.text, /Agree a shared agreement<\/a>/);
  const refused = await priya.post(`/staff/people/${id}/agreement`, form(priya, first));
  assert.equal(refused.status, 422);
  assert.match(refused.text, /<a href="#goal_0">An agreement belongs to walking alongside/);
  // The form is not drawn to be typed into in vain: the page says why.
  const edit = await priya.get(`/staff/people/${id}/agreement/edit`);
  assert.equal(edit.status, 303);
  assert.equal(edit.headers.get('location'), `/staff/people/${id}/agreement`);
});

test('once short-term help or ended, the agreement is only read, and the page says why', async () => {
  const as = (method, path, json) => priya.request(method, path, { json, headers: { 'X-CSRF-Token': priya.csrfToken } });
  const made = await as('POST', '/api/v1/people', { name: 'Lee Example', postcode: 'YO24 4NB', kind: 'walking_alongside' });
  assert.equal(made.status, 201, made.text);
  const { id, involvements: [inv] } = made.json();
  const lee = `/staff/people/${id}/agreement`;
  assert.equal((await priya.post(lee, form(priya, first))).status, 303);
  assert.match((await priya.get(lee)).text, /Change the agreement<\/a>/);
  const kind = await as('PATCH', `/api/v1/people/${id}/involvements/${inv.id}`, { kind: 'short_term' });
  assert.equal(kind.status, 200, kind.text);
  let shown = (await priya.get(lee)).text;
  assert.match(shown, /Lee Example is getting short-term help just now, so this agreement can only be read/);
  assert.doesNotMatch(shown, /Change the agreement<\/a>|id="end"|\/agreement\/end"/);
  let edit = await priya.get(`${lee}/edit`);
  assert.equal(edit.status, 303);
  assert.equal(edit.headers.get('location'), lee);
  const ended = await as('PATCH', `/api/v1/people/${id}/involvements/${inv.id}`, { end_reason: 'in_place', ended_by: 'agreement' });
  assert.equal(ended.status, 200, ended.text);
  shown = (await priya.get(lee)).text;
  assert.match(shown, /has ended, so it can only be read/);
  assert.doesNotMatch(shown, /Change the agreement<\/a>|id="end"/);
  edit = await priya.get(`${lee}/edit`);
  assert.equal(edit.status, 303);
  assert.equal(edit.headers.get('location'), lee);
});

test('bad input is 422 with every problem at its input, and nothing is saved', async () => {
  const r = await priya.post(page, form(priya, {
    from: 0, 'agreed_on-day': 'last Tuesday',
    goals: [
      { words: '', steps: [{ words: 'Ring the society' }, { words: 'Visit', taken_by: 'person', by_when: '2026-02-31' }] },
      { words: 'A second goal', steps: [{ words: '', taken_by: 'person' }] },
    ],
  }));
  assert.equal(r.status, 422, r.text.slice(0, 400));
  assertProblemsAt(r.text, ['goal_0', 'step_0_0_taken_by', 'step_0_1_by_when', 'step_1_0', 'asked_by', 'agreed_on', 'agreed_how']);
  assert.match(r.text, /<a href="#asked_by">Say whose idea it was/);
  assert.match(r.text, />Ring the society<\/textarea>/);
  // 31 February is refused at that row's date, what was typed kept.
  assert.match(r.text, /<a href="#step_0_1_by_when">By when \(optional\) must be a real date: check the day/);
  assert.match(r.text, /id="step_0_1_by_when" name="step_by_when-day" type="text"[^>]*value="31"/);
  assert.match(r.text, /id="step_0_0_by_when" name="step_by_when-day" type="text"[^>]*value=""/, 'each row its own ids');
  assert.match((await priya.get(page)).text, /no shared agreement yet/);
});

test('repeated fields that do not line up are a malformed form (400), and nothing is saved', async () => {
  const good = () => form(priya, first);
  const second = (f, name, value) => {
    const all = f.getAll(name);
    all[1] = value;
    f.delete(name);
    for (const v of all) f.append(name, v);
  };
  const cases = {
    'a step naming a goal row not sent': (f) => second(f, 'step_goal', '5'),
    'a step field more': (f) => f.append('step_status', 'done'),
    'a step field fewer': (f) => f.delete('step_by_when-day'),
    'a goal key more': (f) => f.append('goal_key', ''),
  };
  for (const [what, spoil] of Object.entries(cases)) {
    const f = good();
    spoil(f);
    for (const more of [false, true]) {
      if (more) f.set('more', 'rows');
      const r = await priya.post(page, f);
      assert.equal(r.status, 400, `${what}${more ? ' (more rows)' : ''}: ${r.text.slice(0, 300)}`);
    }
  }
  assert.match((await priya.get(page)).text, /no shared agreement yet/);
});

test('agreed, changed at the person\'s request, compared in words, and ended by them', async () => {
  const made = await priya.post(page, form(priya, first));
  assert.equal(made.status, 303, made.text.slice(0, 400));
  assert.equal(made.headers.get('location'), page);
  let shown = (await priya.get(page)).text;
  assert.match(shown, /<h1 class="govuk-heading-l">What Ada Example wants<\/h1>/);
  assert.match(shown, /Started at Ada Example’s request<\/strong>: “I want my week to have a shape”/);
  assert.match(shown, /Agreed on [A-Za-z]+ \d+ [A-Za-z]+ \d{4}, in person/);
  assert.match(shown, /Who: <strong>You<\/strong>/);
  assert.match(shown, /Who: <strong>Priya \(your coordinator\)<\/strong> · By Friday 6 March 2099/);
  assert.match(shown, /Who: <strong>Your sister Ann<\/strong>/);
  // The copy they keep says once who their coordinator is.
  assert.equal(shown.match(/Your coordinator is Priya Shah\./g).length, 1);
  assert.equal(await versions(), 1);

  // The form pre-filled, with the keys that say what is the same.
  const edit = (await priya.get(`${page}/edit`)).text;
  assert.match(edit, /name="from_version" value="1"/);
  const goalKeys = [...edit.matchAll(/name="goal_key" value="([^"]*)"/g)].map((m) => m[1]).filter(Boolean);
  const stepKeys = [...edit.matchAll(/name="step_key" value="([^"]*)"/g)].map((m) => m[1]).filter(Boolean);
  assert.equal(goalKeys.length, 2);
  assert.equal(stepKeys.length, 3);
  const change = {
    from: 1, asked_by: 'person', why: 'Ann can only do Saturdays', ...dateFields('agreed_on', today), agreed_how: 'phone',
    goals: [
      { key: goalKeys[0], words: 'Get back to the allotment', steps: [
        { key: stepKeys[0], words: 'Ring the allotment society', taken_by: 'person', status: 'done' },
        { key: stepKeys[1], words: 'Find out about raised beds', taken_by: 'coordinator', taken_by_words: 'Priya', by_when: '2099-03-06' },
        { words: 'Go to the open day', taken_by: 'person' },
      ] },
      { key: goalKeys[1], words: 'See my sister Ann every week', steps: [
        { key: stepKeys[2], words: 'Plan a Sunday visit', taken_by: 'family', taken_by_words: 'Your sister Ann' }] },
    ],
  };
  // A bad change: at its fields, and still one version.
  const bad = await priya.post(page, form(priya, { ...change, agreed_how: '', goals: [{ ...change.goals[0], words: ' ' }, change.goals[1]] }));
  assert.equal(bad.status, 422);
  assertProblemsAt(bad.text, ['goal_0', 'agreed_how']);
  assert.equal(await versions(), 1);

  const changed = await priya.post(page, form(priya, change));
  assert.equal(changed.status, 303, changed.text.slice(0, 400));
  shown = (await priya.get(page)).text;
  assert.match(shown, /Changed at Ada Example’s request<\/strong>: “Ann can only do Saturdays”/);
  assert.match(shown, /Changed on [^<]*, by phone/);
  assert.match(shown, /See my sister Ann every week/);
  assert.equal(await versions(), 2);

  // The same change again from version 1: someone else got there first.
  const late = await priya.post(page, form(priya, change));
  assert.equal(late.status, 409);
  assert.match(late.text, /Someone else changed this agreement while you were writing/);
  assert.match(late.text, /What it says now/);
  assert.match(late.text, /name="from_version" value="2"/);
  assert.equal(await versions(), 2);

  const one = await priya.get(`${page}/versions/1`);
  assert.equal(one.status, 200);
  assert.match(one.text, /See my sister more/);
  assert.match(one.text, /This is an earlier version/);
  assert.equal((await priya.get(`${page}/versions/9`)).status, 404);

  const cmp = await priya.get(`${page}/compare?from=1&to=2`);
  assert.equal(cmp.status, 200);
  assert.match(cmp.text, /What changed between version 1 and version 2/);
  assert.match(cmp.text, />Added<\/strong> A step toward “Get back to the allotment”/);
  assert.match(cmp.text, /Changed: where it has got to from Not yet to Done/);
  assert.match(cmp.text, />Changed<\/strong> A goal/);
  assert.match(cmp.text, /In version 2, written up by Priya Shah, at Ada Example’s request/);

  // Ending: asked again without who asked; then ended, by them.
  const end = `${page}/end`;
  const noWho = await priya.post(end, { csrf_token: priya.csrfToken, from_version: '2', ...dateFields('agreed_on', today), agreed_how: 'in_person' });
  assert.equal(noWho.status, 422);
  assertProblemsAt(noWho.text, ['asked_by']);
  assert.match(noWho.text, /<details class="govuk-details" id="end" open>/);
  assert.equal(await versions(), 2);
  const ended = await priya.post(end, { csrf_token: priya.csrfToken, from_version: '2', asked_by: 'person', why: 'I have what I wanted', ...dateFields('agreed_on', today), agreed_how: 'in_person' });
  assert.equal(ended.status, 303, ended.text.slice(0, 400));
  shown = (await priya.get(page)).text;
  assert.match(shown, /Ended by Ada Example<\/strong>: “I have what I wanted”/);
  assert.match(shown, /Put an agreement in place again/);
  assert.equal(await versions(), 3);
});

test('in a family, a change is credited to the member who asked for it', async () => {
  const as = (method, path, json) => priya.request(method, path, { json, headers: { 'X-CSRF-Token': priya.csrfToken } });
  const kit = await as('POST', '/api/v1/people', { name: 'Kit Example', postcode: 'YO24 4NB', kind: 'walking_alongside' });
  assert.equal(kit.status, 201, kit.text);
  const sam = await as('POST', '/api/v1/people', { name: 'Sam Example', preferred_name: 'Sam', postcode: 'YO24 4NB', household_involvement_id: kit.json().involvements[0].id });
  assert.equal(sam.status, 201, sam.text);
  const kitPage = `/staff/people/${kit.json().id}/agreement`, samPage = `/staff/people/${sam.json().id}/agreement`;
  assert.equal((await priya.post(kitPage, form(priya, { ...first, asked_by: 'together' }))).status, 303);
  const edit = (await priya.get(`${samPage}/edit`)).text;
  const goalKeys = [...edit.matchAll(/name="goal_key" value="([^"]*)"/g)].map((m) => m[1]).filter(Boolean);
  const changed = await priya.post(samPage, form(priya, { ...first, from: 1, why: 'Saturdays suit me', goals: [{ key: goalKeys[0], words: 'Get back to the allotment with Kit',
    steps: [{ words: 'Ask about a shared plot', taken_by: 'coordinator' }] }] }));
  assert.equal(changed.status, 303, changed.text.slice(0, 400));
  for (const p of [kitPage, samPage]) {
    const shown = (await priya.get(p)).text;
    assert.match(shown, /Changed at Sam’s request<\/strong>: “Saturdays suit me”/, p);
    assert.doesNotMatch(shown, /Kit Example’s request/, p);
  }
  assert.match((await priya.get(kitPage)).text, /<h1 class="govuk-heading-l">What Kit Example wants<\/h1>/);
  const samShown = (await priya.get(samPage)).text;
  assert.match(samShown, /<h1 class="govuk-heading-l">What Sam wants<\/h1>/);
  // Their coordinator by name, where no name was typed for the step.
  assert.match(samShown, /Who: <strong>Priya Shah \(your coordinator\)<\/strong>/);
  assert.match(samShown, /Your coordinator is Priya Shah\./);
  assert.match(samShown, /Why, in Sam’s words/);
  assert.doesNotMatch(samShown, /&#39;s /);
  const cmp = (await priya.get(`${kitPage}/compare?from=1&to=2`)).text;
  assert.match(cmp, /In version 2, written up by Priya Shah, at Sam’s request/);
  const ended = await priya.post(`${kitPage}/end`, { csrf_token: priya.csrfToken, from_version: '2', asked_by: 'person', ...dateFields('agreed_on', today), agreed_how: 'in_person' });
  assert.equal(ended.status, 303, ended.text.slice(0, 400));
  assert.match((await priya.get(samPage)).text, /Ended by Kit Example<\/strong>/);
});

test('another area\'s coordinator finds no such person, and changes nothing', async () => {
  const count = await versions();
  const nobody = 'f'.repeat(32);
  for (const path of ['', '/edit', '/versions/1', '/compare?from=1&to=2']) {
    const refused = await tom.get(`${page}${path}`);
    const missing = await tom.get(`/staff/people/${nobody}/agreement${path}`);
    assert.equal(refused.status, 404, path);
    assert.equal(refused.text, missing.text, path);
  }
  const post = await tom.post(page, form(tom, { ...first, from: count }));
  assert.equal(post.status, 404);
  const end = await tom.post(`${page}/end`, { csrf_token: tom.csrfToken, from_version: String(count), asked_by: 'coordinator', ...dateFields('agreed_on', today), agreed_how: 'phone' });
  assert.equal(end.status, 404);
  assert.equal(await versions(), count);
});

test(`on a return the page offers a new agreement and links the earlier, which is only read (${backend})`, async () => {
  const as = (method, path, json) => priya.request(method, path, { json, headers: { 'X-CSRF-Token': priya.csrfToken } });
  const made = await as('POST', '/api/v1/people', { name: 'Ros Example', postcode: 'YO24 4NB', kind: 'walking_alongside' });
  assert.equal(made.status, 201, made.text);
  const { id, involvements: [inv] } = made.json();
  const ros = `/staff/people/${id}/agreement`;
  const earlier = `${ros}?involvement=${inv.id}`;
  assert.equal((await priya.post(ros, form(priya, first))).status, 303);
  assert.equal((await as('PATCH', `/api/v1/people/${id}/involvements/${inv.id}`, { end_reason: 'in_place', ended_by: 'agreement' })).status, 200);
  const back = await as('POST', `/api/v1/people/${id}/involvements`, { kind: 'walking_alongside' });
  assert.equal(back.status, 201, back.text);

  let shown = (await priya.get(ros)).text;
  assert.match(shown, new RegExp(`href="${ros}/edit">Agree a shared agreement`));
  assert.match(shown, /Earlier agreements/);
  assert.match(shown, new RegExp(`href="${ros}\\?involvement=${inv.id}"`));
  assert.doesNotMatch(shown, /Get back to the allotment/);
  const edit = await priya.get(`${ros}/edit`);
  assert.equal(edit.status, 200);
  assert.match(edit.text, /name="from_version" value="0"/);
  assert.doesNotMatch(edit.text, /Get back to the allotment/);

  // The earlier one: whole, its versions and compare kept to it, and no
  // way to change it.
  const then = await priya.get(earlier);
  assert.equal(then.status, 200);
  assert.match(then.text, /Get back to the allotment/);
  assert.match(then.text, /can only be read/);
  assert.doesNotMatch(then.text, /Change the agreement<\/a>|id="end"|\/agreement\/end"|\/agreement\/edit"/);
  assert.match(then.text, new RegExp(`href="${ros}/versions/1\\?involvement=${inv.id}"`));
  const one = await priya.get(`${ros}/versions/1?involvement=${inv.id}`);
  assert.equal(one.status, 200);
  assert.match(one.text, /Get back to the allotment/);
  assert.equal((await priya.get(`${ros}/compare?from=1&to=1&involvement=${inv.id}`)).status, 200);
  // Posting to it changes nothing: not the earlier, and no new one.
  const posted = await priya.post(earlier, form(priya, { ...first, from: 1, goals: [{ words: 'Changed behind its back' }] }));
  assert.notEqual(posted.status, 303);
  const ending = await priya.post(`${ros}/end?involvement=${inv.id}`, { csrf_token: priya.csrfToken, from_version: '1', asked_by: 'person', ...dateFields('agreed_on', today), agreed_how: 'phone' });
  assert.notEqual(ending.status, 303);
  const ended = await priya.post(`${ros}/end`, { csrf_token: priya.csrfToken, from_version: '1', asked_by: 'person', ...dateFields('agreed_on', today), agreed_how: 'phone' });
  assert.notEqual(ended.status, 303);
  assert.equal((await priya.get(earlier)).text, then.text);
  assert.match((await priya.get(ros)).text, /Agree a shared agreement/);

  // Agreed anew: this time's agreement, the earlier still linked.
  const agreed = await priya.post(ros, form(priya, { ...first, goals: [{ words: 'Cook for friends again', steps: [{ words: 'Buy a big pan', taken_by: 'person' }] }] }));
  assert.equal(agreed.status, 303);
  shown = (await priya.get(ros)).text;
  assert.match(shown, /Cook for friends again/);
  assert.match(shown, /Change the agreement<\/a>/);
  assert.match(shown, new RegExp(`href="${ros}\\?involvement=${inv.id}"`));
  assert.equal((await priya.get(earlier)).text, then.text);
  // Another area's coordinator: the same not found as for no one.
  const away = await tom.get(earlier);
  assert.equal(away.status, 404);
  assert.equal(away.text, (await tom.get(`/staff/people/${'0'.repeat(32)}/agreement?involvement=${inv.id}`)).text);
});
