// The public "Get in touch" form in two short steps, without JavaScript:
// who the conversation is for and the postcode, then only the fields that
// apply; the postcode carried from /find; every problem of a step at once,
// nothing written.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, yorkDatabase, backend } from '../lib/alongside.mjs';
import { Browser } from '../lib/staff.mjs';

let server, priya;
before(async () => {
  server = await startServer({ db: await yorkDatabase(), migrate: false });
  priya = await new Browser(server.url).signedIn('priya');
});
after(async () => { await server.stop(); });

const inbox = async (b) => (await b.get('/staff/introductions')).text;
// A send of the form's second step (its token comes with that step).
const send = async (form) => {
  const b = new Browser(server.url);
  const csrf_token = await b.csrf('/get-in-touch?step=2&relationship=self&postcode=YO24+4NB');
  return { b, r: await b.post('/get-in-touch', { csrf_token, ...form }) };
};

// The summary's links, in order: one per problem.
const summaryLinks = (html) => {
  const summary = /<div class="govuk-error-summary"[\s\S]*?<\/ul>/.exec(html);
  return summary ? [...summary[0].matchAll(/<a href="#([^"]+)"/g)].map((m) => m[1]) : [];
};
const count = async () => (await inbox(priya)).match(/app-inbox__item/g)?.length || 0;

test(`Get in touch in two steps without JavaScript: for myself never asks their name (${backend})`, async () => {
  const b = new Browser(server.url);
  const first = await b.get('/get-in-touch');
  assert.equal(first.status, 200);
  assert.match(first.text, /<form method="get" action="\/get-in-touch" novalidate>/);
  assert.match(first.text, /Who is the conversation for\?/);
  assert.match(first.text, /value="family_or_friend"/);
  assert.doesNotMatch(first.text, /name="person_name"|name="person_knows"|value="friend_or_neighbour"/);
  // The first step's answers come back in the second's form, with a way back.
  const second = await b.get('/get-in-touch?step=2&relationship=self&postcode=yo24+4nb');
  assert.equal(second.status, 200);
  assert.match(second.text, /<input type="hidden" name="relationship" value="self">/);
  assert.match(second.text, /<input type="hidden" name="postcode" value="yo24 4nb">/);
  assert.match(second.text, /href="\/get-in-touch\?relationship=self&amp;postcode=yo24%204nb">Change/);
  assert.match(second.text, /Your name/);
  for (const never of [/Their name/, /Do they know/, /name="person_knows"/, /name="introducer_name"/,
    /What a coordinator does/])
    assert.doesNotMatch(second.text, never);
  const csrf_token = /name="csrf_token" value="([^"]+)"/.exec(second.text)[1];
  const sent = await b.post('/get-in-touch', { csrf_token, relationship: 'self', postcode: 'yo24 4nb',
    person_name: 'Self Sender', person_phone: '07700 900777' });
  assert.equal(sent.status, 303, sent.text.slice(0, 400));
  assert.match(await inbox(priya), /Self Sender/);
  // The link back draws the first step with both answers chosen.
  const back = await b.get('/get-in-touch?relationship=self&postcode=yo24%204nb');
  assert.match(back.text, /value="self" checked/);
  assert.match(back.text, /id="postcode" name="postcode" type="text" autocomplete="postal-code" value="yo24 4nb"/);
});

test('someone else: the fields for them and for the sender; professionals read what a coordinator does', async () => {
  const b = new Browser(server.url);
  const family = (await b.get('/get-in-touch?step=2&relationship=family_or_friend&postcode=YO24+4NB')).text;
  for (const field of ['person_name', 'person_knows', 'introducer_name', 'introducer_phone'])
    assert.match(family, new RegExp(`name="${field}"`), field);
  assert.match(family, /Their name/);
  assert.doesNotMatch(family, /name="introducer_organisation"|What a coordinator does/);
  const professional = (await b.get('/get-in-touch?step=2&relationship=professional&postcode=YO24+4NB')).text;
  assert.match(professional, /What a coordinator does/);
  assert.match(professional, /not a service to hand tasks to/);
  assert.match(professional, /name="introducer_organisation"/);
});

test('the first step names both its problems at once', async () => {
  const r = await new Browser(server.url).get('/get-in-touch?step=2&postcode=ZZ9+9ZZ');
  assert.equal(r.status, 422);
  assert.deepEqual(summaryLinks(r.text), ['relationship', 'postcode']);
  assert.match(r.text, /cannot place/);
  const empty = await new Browser(server.url).get('/get-in-touch?step=2');
  assert.deepEqual(summaryLinks(empty.text), ['relationship', 'postcode']);
});

test('the postcode from /find is carried to the form', async () => {
  const finder = await (await fetch(`${server.url}/find?postcode=yo24+4nb`)).text();
  const link = /href="(\/get-in-touch\?postcode=[^"]+)"/.exec(finder);
  assert.ok(link, 'the finder links to the form with the postcode');
  assert.equal(link[1], '/get-in-touch?postcode=YO24%204NB');
  const form = (await new Browser(server.url).get(link[1])).text;
  assert.match(form, /name="postcode" type="text" autocomplete="postal-code" value="YO24 4NB"/);
  assert.doesNotMatch(form, /govuk-error-summary/, 'a postcode carried over is not a problem');
});

test(`one send with three problems shows all three, and writes nothing (${backend})`, async () => {
  const before = await count();
  const { r } = await send({ relationship: 'self', postcode: 'YO24 4NB', person_phone: '12', person_email: 'nope' });
  assert.equal(r.status, 422);
  assert.deepEqual(summaryLinks(r.text), ['person_name', 'person_phone', 'person_email']);
  assert.match(r.text, /Enter your name/);
  assert.equal(await count(), before);
  // For someone else, every missing answer at once too.
  const other = await send({ relationship: 'family_or_friend', postcode: 'ZZ9 9ZZ', person_phone: '07700 900123' });
  assert.equal(other.r.status, 422);
  assert.deepEqual(summaryLinks(other.r.text).sort(),
    ['introducer_name', 'introducer_phone', 'person_knows', 'person_name', 'postcode'].sort());
  // The postcode that cannot be placed is asked again beside the rest.
  assert.match(other.r.text, /<input class="govuk-input govuk-input--width-10 govuk-input--error" id="postcode"/);
  assert.equal(await count(), before);
});


// Every aria-describedby names ids that are on the page, in plain quotes.
const describedByOk = (html) => {
  assert.doesNotMatch(html, /aria-describedby=&quot;/, 'the attribute is not escaped');
  const refs = [...html.matchAll(/aria-describedby="([^"]*)"/g)].flatMap((m) => m[1].split(/\s+/));
  assert.ok(refs.length > 0, 'something is described');
  for (const id of refs) assert.ok(html.includes(`id="${id}"`), `id ${id} is on the page`);
};

test('hints and errors are linked for screen readers on both steps', async () => {
  describedByOk((await new Browser(server.url).get('/get-in-touch')).text);
  describedByOk((await new Browser(server.url).get('/get-in-touch?step=2&postcode=ZZ9+9ZZ')).text);
  describedByOk((await new Browser(server.url).get('/get-in-touch?step=2&relationship=family_or_friend&postcode=YO24+4NB')).text);
  const { r } = await send({ relationship: 'family_or_friend', postcode: 'YO24 4NB', background: 'x'.repeat(1001) });
  assert.equal(r.status, 422);
  describedByOk(r.text);
});

test('long or odd answers come back to the form in words, everything typed kept', async () => {
  const long = 'x'.repeat(1001);
  const cases = [
    ['contact_when', /When to reach you: up to 200 characters/],
    ['person_name', /Enter your name \(up to 100 characters\)/],
    ['best_place_to_meet', /Where to meet: up to 200 characters/],
    ['person_other_contact', /Other ways to reach you: up to 200 characters/],
  ];
  for (const [field, message] of cases) {
    const form = { relationship: 'self', postcode: 'YO24 4NB', person_name: 'Ann', person_phone: '07700 900123',
      contact_when: 'mornings', [field]: long };
    const { r } = await send(form);
    assert.equal(r.status, 422, field);
    assert.deepEqual(summaryLinks(r.text), [field]);
    assert.match(r.text, message);
    assert.doesNotMatch(r.text, new RegExp(`${field}: Use at most`), 'no raw field name');
    assert.ok(r.text.includes(`value="${long}"`), `${field} kept`);
    assert.ok(r.text.includes('value="07700 900123"'), 'the rest kept');
  }
  // A choice the form does not offer: the first step again, in words.
  const boss = await new Browser(server.url).get('/get-in-touch?step=2&relationship=boss&postcode=YO24+4NB');
  assert.equal(boss.status, 422);
  assert.deepEqual(summaryLinks(boss.text), ['relationship']);
  assert.match(boss.text, /Choose who the conversation is for/);
  assert.match(boss.text, /value="YO24 4NB"/);
  const { r: posted } = await send({ relationship: 'boss', postcode: 'YO24 4NB', person_name: 'Ann' });
  assert.equal(posted.status, 422);
  assert.match(posted.text, /Choose who the conversation is for/);
  // A step the form does not have is its first.
  const step3 = await new Browser(server.url).get('/get-in-touch?step=3&relationship=self');
  assert.equal(step3.status, 200);
  assert.match(step3.text, /Who is the conversation for\?/);
});

test('problems speak to "you" on the path for myself, and name no codes', async () => {
  const { r: self } = await send({ relationship: 'self', postcode: 'YO24 4NB', person_name: 'Ann',
    person_phone: '07700 900123', background: 'x'.repeat(1001), contact_when: 'y'.repeat(201) });
  assert.equal(self.status, 422);
  assert.match(self.text, /in your own words/);
  assert.match(self.text, /When to reach you/);
  assert.doesNotMatch(self.text, /in their own words"|reach them/);
  const start = await new Browser(server.url).get('/get-in-touch?step=2&relationship=self');
  assert.match(start.text, /Enter your postcode/);
  const { r: other } = await send({ relationship: 'family_or_friend', postcode: 'YO24 4NB', person_name: 'Bo',
    introducer_name: 'Sam', introducer_phone: '07700 900321' });
  assert.equal(other.status, 422);
  assert.match(other.text, /Say whether the person knows about this and would like to talk/);
  assert.doesNotMatch(other.text, /\(not_asked\)|yes, not asked yet/);
});

test('the error summary lists problems in the order the page shows them', async () => {
  const { r } = await send({ relationship: 'self', postcode: 'ZZ9 9ZZ', person_phone: '12' });
  assert.equal(r.status, 422);
  assert.deepEqual(summaryLinks(r.text), ['postcode', 'person_name', 'person_phone']);
  assert.ok(r.text.indexOf('id="postcode"') < r.text.indexOf('id="person_name"'), 'the postcode is drawn first');
});

test('one promise for the reply: within two to three working days', async () => {
  const first = (await new Browser(server.url).get('/get-in-touch')).text;
  assert.match(first, /within two to three working days/);
  const sent = (await new Browser(server.url).get('/get-in-touch/sent')).text;
  assert.match(sent, /within two to three working days/);
  assert.doesNotMatch(first + sent, /usually within three working days/);
  const near = await (await fetch(`${server.url}/find?postcode=YO23+2AA`)).text();
  assert.match(near, /worth getting in touch/);
  assert.match(near, /href="\/get-in-touch\?postcode=YO23%202AA">send a message here/);
});
