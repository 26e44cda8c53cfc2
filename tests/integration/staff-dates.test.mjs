// Staff dates and times the GOV.UK way (issue 15): a date typed as day,
// month and year with a time as people write it, stored as the right UTC
// instant whatever the season; a bad date refused at its field with
// nothing written; times shown in London time in words; and a covering
// coordinator's inbox saying which introductions are cover.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer, yorkDatabase, backend } from '../lib/alongside.mjs';
import { Browser } from '../lib/staff.mjs';
import { dateFields } from '../lib/dates.mjs';

let db, server, priya, daniel;
before(async () => {
  db = await yorkDatabase();
  server = await startServer({ db, migrate: false });
  priya = await new Browser(server.url).signedIn('priya');
  daniel = await new Browser(server.url).signedIn('daniel');
});
after(async () => { await server.stop(); });

function sql(statement) {
  const out = backend === 'postgresql'
    ? execFileSync('psql', [db, '-qAtc', statement], { stdio: 'pipe' })
    : execFileSync('sqlite3', [db.replace(/^sqlite:/, ''), statement], { stdio: 'pipe' });
  return out.toString().trim();
}
const counts = () => sql('SELECT (SELECT count(*) FROM introductions) || \' \' || (SELECT count(*) FROM audit_log)');

// The latest day and month past (within the last year, as the quick log
// takes), as YYYY-MM-DD.
function latest(month, day) {
  const now = new Date();
  let year = now.getUTCFullYear();
  if (Date.UTC(year, month - 1, day, 12) > now.getTime()) year -= 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

let csrf_token;
// What a refused form said, for a failing assertion's message.
const problems = (r) => (r.text.match(/<li><a href="#[^<]+<\/a>/g) || []).join('\n');
const call = (extra) => priya.post('/staff/introductions', {
  csrf_token, channel: 'voicemail', person_name: 'Dee Dates',
  person_phone: '+44 7700 900777', relationship: 'self', person_knows: 'yes', ...extra,
});

test(`a call logged for 1 July at 10:00 is stored as 09:00 UTC, and shown in UK time (${backend})`, async () => {
  csrf_token = await priya.csrf('/staff/introductions/new');
  const form = (await priya.get('/staff/introductions/new')).text;
  assert.match(form, /class="govuk-date-input"/);
  assert.match(form, /id="received_at" name="received_at-day"/);
  assert.match(form, /id="received_at-time-hint" class="govuk-hint">UK time, for example 10:12am/);
  assert.doesNotMatch(form, /2026-03-02T09:30|datetime-local/);
  const summer = latest(7, 1);
  const r = await call(dateFields('received_at', summer, '10:00'));
  assert.equal(r.status, 303, problems(r));
  const path = r.headers.get('location');
  const stored = (await priya.get('/api/v1' + path.replace('/staff', ''))).json();
  assert.equal(stored.received_at, `${summer}T09:00:00.000Z`, 'the API keeps UTC');
  const page = (await priya.get(path)).text;
  assert.match(page, new RegExp(`Arrived</dt><dd class="govuk-summary-list__value">\\w+day 1 July ${summer.slice(0, 4)} at 10am<`));
  assert.doesNotMatch(page, /\(UTC\)/);
  assert.match(page, /Came by<\/dt><dd class="govuk-summary-list__value">Voicemail</);
  // The phone number: to call and to text, the href only digits and +.
  assert.match(page, /href="tel:\+447700900777">Call<span class="govuk-visually-hidden"> \+44 7700 900777<\/span>/);
  assert.match(page, /href="sms:\+447700900777">Text/);
  // Winter: UK time is UTC; "2pm" is read as people write it.
  const winter = latest(12, 1);
  const w = await call(dateFields('received_at', winter, '2pm'));
  assert.equal(w.status, 303, problems(w));
  const wx = (await priya.get('/api/v1' + w.headers.get('location').replace('/staff', ''))).json();
  assert.equal(wx.received_at, `${winter}T14:00:00.000Z`);
});

test(`a date that does not exist is refused at its field, and nothing is written (${backend})`, async () => {
  const before = counts();
  const r = await call({ ...dateFields('received_at', `${latest(2, 1).slice(0, 4)}-02-31`, '10:00'), person_email: 'nope' });
  assert.equal(r.status, 422);
  assert.match(r.text, /<a href="#received_at">When it came must be a real date: check the day<\/a>/);
  // Every problem at once: the email's too.
  assert.match(r.text, /href="#person_email"/);
  assert.match(r.text, /govuk-form-group govuk-form-group--error"><fieldset class="govuk-fieldset" role="group" aria-describedby="received_at-hint received_at-error"/);
  assert.match(r.text, /govuk-input--error" id="received_at" name="received_at-day"/);
  assert.doesNotMatch(r.text, /govuk-input--error" id="received_at-month"/);
  assert.match(r.text, /name="received_at-day" type="text" inputmode="numeric" autocomplete="off" value="31"/);
  assert.equal(counts(), before);
  // A time that is not one: the time is the field at fault.
  const t = await call(dateFields('received_at', latest(7, 1), '13:00pm'));
  assert.equal(t.status, 422);
  assert.match(t.text, /enter a time like 10:12am, 2pm or 14:30/);
  assert.match(t.text, /govuk-input--error" id="received_at-time"/);
  assert.doesNotMatch(t.text, /govuk-input--error" id="received_at"/);
  assert.equal(counts(), before);
  // Leave: a blank day is named, and the month at fault is marked.
  const leave = await priya.post('/staff/leave', { csrf_token,
    'starts_on-day': '4', 'starts_on-month': '13', 'starts_on-year': '2030' });
  assert.equal(leave.status, 422);
  assert.match(leave.text, /First day away must include a month, as a number from 1 to 12/);
  assert.match(leave.text, /govuk-input--error" id="starts_on-month"/);
  assert.match(leave.text, /Last day away: enter the day, month and year/);
  assert.equal(counts(), before);
});

test(`a covering coordinator's inbox marks the cover (${backend})`, async () => {
  const page = (await daniel.get('/staff/introductions')).text;
  assert.match(page, /You are covering Acomb and Westfield for Priya Shah until \w+day \d{1,2} \w+ \d{4}\. Its introductions are marked <strong class="govuk-tag govuk-tag--purple app-tag--cover">Covering for Priya Shah<\/strong>/);
  const items = page.split('app-inbox__item').slice(1);
  const acomb = items.filter((x) => /Acomb and Westfield/.test(x));
  assert.ok(acomb.length > 0, 'Priya\'s introductions reach Daniel');
  for (const x of acomb) assert.match(x, /govuk-tag--purple app-tag--cover">Covering for Priya Shah<\/strong>/);
  // The introduction says so too.
  const one = /href="(\/staff\/introductions\/[0-9a-f]{32})"/.exec(acomb[0])[1];
  assert.match((await daniel.get(one)).text, /Acomb and Westfield \(you are covering for Priya Shah until \w+day/);
  for (const x of items.filter((y) => !/Acomb and Westfield/.test(y)))
    assert.doesNotMatch(x, /Covering for/);
  // Priya, in her own area, sees no cover.
  assert.doesNotMatch((await priya.get('/staff/introductions')).text, /Covering for/);
});

test(`the audit trail speaks in words (${backend})`, async () => {
  const jo = await new Browser(server.url).signedIn('jo.bennett');
  const page = (await jo.get('/team/audit')).text;
  assert.doesNotMatch(page, /When \(UTC\)|command line or nobody/);
  assert.match(page, /<th scope="col" class="govuk-table__header">When<\/th>/);
  assert.match(page, /<td class="govuk-table__cell">\w+day \d{1,2} \w+ \d{4} at [^<]+<\/td>/);
  assert.match(page, /<a class="govuk-link" href="\/staff\/introductions\/[0-9a-f]{32}">An introduction<\/a>/);
  assert.match(page, /<option value="cover_add">Recorded cover<\/option>/);
});
