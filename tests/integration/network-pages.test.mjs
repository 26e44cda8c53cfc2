// A person's network pages: the form refuses bad input with 422 and every
// problem beside its row's field, changing nothing; "More rows" keeps what
// was typed; a picture saved shows as SVG with its list; the picture alone
// is an image; two compare in words; and another area's coordinator gets
// the same "not found" as for someone who does not exist, on every page.
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
  person = await walkingAlongside(server, priya, 'Sam Example');
});
after(async () => { await server.stop(); });

const url = (path = '') => `/staff/people/${person}/network${path}`;
const pictures = async () => (await priya.request('GET', `/api/v1/people/${person}/network`)).json().pictures;

// A form as the page sends it: every row sends every field, in order;
// can_call_on only for the rows ticked, with the row's number.
function form(rows, extra = {}, b = priya) {
  const f = new URLSearchParams({ csrf_token: b.csrfToken });
  rows.forEach((r) => {
    f.append('member_id', r.member_id || '');
    f.append('name', r.name || '');
    f.append('relationship', r.relationship || '');
    f.append('relationship_words', r.words || '');
    f.append('circle', r.circle || '');
  });
  rows.forEach((r, i) => { if (r.callOn) f.append('can_call_on', String(i)); });
  for (const [k, v] of Object.entries(extra)) f.append(k, v);
  return f;
}
const send = (rows, extra, b = priya) => b.post(url(), form(rows, extra, b));

function assertBeside(text, ids) {
  for (const id of ids) {
    assert.ok(text.includes(`href="#${id}"`), `the summary links to ${id}`);
    assert.ok(text.includes(`id="${id}-error"`), `the error is beside ${id}`);
  }
}

test(`bad input is refused at its row's field and changes nothing (${backend})`, async () => {
  const blank = {};
  // Row 1 is blank and left out: the domain's second member is row 2.
  const r = await send([
    { name: 'Mum', relationship: 'family', circle: '1' }, blank,
    { name: 'Dad', relationship: 'family' },
    { relationship: 'friend', circle: '2' },
  ], { ...dateFields('taken_on', '2999-01-01'), action: 'save' });
  assert.equal(r.status, 422, r.text.slice(0, 400));
  assertBeside(r.text, ['row2-circle', 'row3-name', 'taken_on']);
  assert.ok(!r.text.includes('row1-circle-error'));
  assert.match(r.text, /<title>Error: /);
  // What was typed is kept.
  assert.match(r.text, /id="row2-name" name="name" type="text" autocomplete="off" spellcheck="false" value="Dad"/);
  assert.match(r.text, /name="taken_on-year" [^>]*value="2999"/);
  assert.deepEqual(await pictures(), []);

  const wrongDate = await send([{ name: 'Mum', relationship: 'family', circle: '1' }], { 'taken_on-day': '1', 'taken_on-month': 'March' });
  // No year: the year is the field at fault.
  assert.match(wrongDate.text, /govuk-input--error" id="taken_on-year"/);
  assert.equal(wrongDate.status, 422);
  assertBeside(wrongDate.text, ['taken_on']);

  const nobody = await send([blank, blank], {});
  assert.equal(nobody.status, 422);
  assert.ok(nobody.text.includes('href="#row0-name"'));
  assert.ok(nobody.text.includes('id="members-error"'));

  // A value no select offers is refused before the form is read.
  const tampered = await send([{ name: 'Mum', relationship: 'cousin', circle: '9' }]);
  assert.equal(tampered.status, 422);
  // A circle typed by hand is told at its row, on the form drawn again.
  for (const circle of ['5', '1.5']) {
    const handMade = await send([{ name: 'Mum', relationship: 'family', circle }], { action: 'save' });
    assert.equal(handMade.status, 422, circle);
    assertBeside(handMade.text, ['row0-circle']);
    assert.match(handMade.text, /Choose how close/);
    assert.match(handMade.text, /value="Mum"/);
  }
  const stranger = await send([{ member_id: 'a'.repeat(32), name: 'Mum', relationship: 'family', circle: '1' }]);
  assert.equal(stranger.status, 422);
  assertBeside(stranger.text, ['row0-name']);
  assert.deepEqual(await pictures(), []);
});

test(`a form whose rows do not line up is refused as malformed, nothing saved (${backend})`, async () => {
  const before = await pictures();
  const rows = [{ name: 'Mum', relationship: 'family', circle: '1' }, { name: 'Dad', relationship: 'family', circle: '2' }];
  const threeCircles = form(rows, { action: 'save' });
  threeCircles.append('circle', '3');
  const oneId = form(rows, { action: 'save' });
  oneId.delete('member_id');
  oneId.append('member_id', '');
  const tickPast = form(rows, { action: 'more' });
  tickPast.append('can_call_on', '2');
  for (const [what, body] of [['2 names, 3 circles', threeCircles], ['1 member_id, 2 names', oneId],
    ['a tick for a row not there', tickPast]]) {
    const r = await priya.post(url(), body);
    assert.equal(r.status, 400, `${what}: ${r.text.slice(0, 300)}`);
    assert.match(r.text, /The form could not be read/, what);
  }
  assert.deepEqual(await pictures(), before);
});

test(`more rows keep what was typed, and a saved picture is drawn (${backend})`, async () => {
  const first = await priya.get(url('/new'));
  assert.equal(first.status, 200);
  assert.equal(first.text.match(/class="govuk-fieldset app-network-row"/g).length, 3);
  const more = await send([{ name: 'Mum <b>&', relationship: 'family', circle: '1', callOn: true }, {}, {}],
    { action: 'more', note: 'At the café' });
  assert.equal(more.status, 200);
  assert.equal(more.text.match(/class="govuk-fieldset app-network-row"/g).length, 8);
  assert.match(more.text, /value="Mum &lt;b&gt;&amp;"/);
  assert.match(more.text, /id="row0-can_call_on" name="can_call_on" type="checkbox" value="0" checked/);
  assert.match(more.text, />At the café<\/textarea>/);
  assert.deepEqual(await pictures(), []);

  const saved = await send([
    { name: 'Mum <b>&', relationship: 'family', words: 'my mum', circle: '1', callOn: true },
    {}, { name: 'Jo', relationship: 'friend', circle: '3' },
  ], { action: 'save', note: 'At the café' });
  assert.equal(saved.status, 303, saved.text.slice(0, 400));
  assert.equal(saved.headers.get('location'), url());
  const [one] = await pictures();
  assert.deepEqual(one.members.map((m) => [m.name, m.circle, m.can_call_on]), [['Mum <b>&', 1, true], ['Jo', 3, false]]);

  const page = await priya.get(url());
  assert.equal(page.status, 200);
  assert.match(page.text, /<svg xmlns="http:\/\/www.w3.org\/2000\/svg" class="app-network-picture"/);
  assert.match(page.text, /Mum &lt;b&gt;&amp; ★<\/text>/);
  assert.ok(!page.text.includes('<b>&'));
  assert.match(page.text, /Draw their network again/);
  assert.ok(!page.text.includes('Compare first and latest'));
  const svg = await priya.get(url('.svg'));
  assert.equal(svg.status, 200);
  assert.match(svg.headers.get('content-type'), /^image\/svg\+xml/);
  assert.match(svg.text, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg /);
  assert.equal((await priya.get(url('.svg?picture=7'))).status, 404);
  assert.equal((await priya.get(url('?picture=7'))).status, 404);
  // One picture has nothing to compare with: not found, as the API says,
  // never picture 1 beside itself.
  const alone = await priya.get(url('/compare'));
  const api = await priya.request('GET', `/api/v1/people/${person}/network/compare`);
  assert.equal(alone.status, 404);
  assert.equal(api.status, 404);
  assert.ok(alone.text.includes(api.json().error.message), alone.text.slice(0, 800));
  assert.ok(!alone.text.includes('<svg '));

  // Drawn again from the last picture: Jo moved closer, Sue new.
  const again = await priya.get(url('/new'));
  assert.match(again.text, new RegExp(`name="member_id" value="${one.members[1].member_id}"`));
  const second = await send([
    { member_id: one.members[0].member_id, name: 'Mum <b>&', relationship: 'family', circle: '1' },
    { member_id: one.members[1].member_id, name: 'Jo', relationship: 'friend', circle: '2' },
    { name: 'Sue', relationship: 'neighbour', circle: '3' },
  ], { action: 'save' });
  assert.equal(second.status, 303);
  const compared = await priya.get(url('/compare'));
  assert.equal(compared.status, 200);
  assert.match(compared.text, /Jo moved closer: from people they do things with to friends/);
  assert.match(compared.text, /Sue joined, in the circle of people they do things with/);
  assert.equal(compared.text.match(/<svg /g).length, 2);
  assert.equal((await priya.get(url('/compare?from=1&to=5'))).status, 404);
  assert.match((await priya.get(url())).text, /Compare first and latest/);
});

test(`another area's coordinator finds nothing, and changes nothing (${backend})`, async () => {
  const before = await pictures();
  const nobody = 'f'.repeat(32);
  for (const path of ['', '/new', '.svg', '/compare']) {
    const refused = await tom.get(url(path));
    const missing = await tom.get(url(path).replace(person, nobody));
    assert.equal(refused.status, 404, path);
    assert.equal(missing.status, 404, path);
    const words = (t) => t.replace(/[0-9a-f]{32}/g, '').replace(/name="csrf_token" value="[^"]*"/g, '');
    assert.equal(words(refused.text), words(missing.text), path);
  }
  const post = await send([{ name: 'Tom', relationship: 'friend', circle: '1' }], { action: 'save' }, tom);
  assert.equal(post.status, 404);
  assert.deepEqual(await pictures(), before);
});
