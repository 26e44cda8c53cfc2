// The community directory's listings through the staff API: created,
// read back whole, saved from the version read (ids kept, the stale save
// refused), bad input answered at its fields with nothing stored, checked,
// retired and still readable, with every version kept; and on both backends
// two saves made at once from one version give one 200 and one 409.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { run, startServer, yorkDatabase, backend } from '../lib/alongside.mjs';
import { Browser } from '../lib/staff.mjs';

const SINGING = 'f9553deb-5ad5-487c-91f2-529557db6551';
const SOCIAL = '0bd11ef8-81a5-44e4-bfac-1e47c91eac1d';

let server, priya;
before(async () => {
  server = await startServer({ db: await yorkDatabase({ caseload: false }), migrate: false });
  priya = await new Browser(server.url).signedIn('priya');
  priya.csrfToken = await priya.csrf('/staff');
});
after(async () => { await server.stop(); });

const as = (method, path, json) =>
  priya.request(method, path, { json, headers: { 'X-CSRF-Token': priya.csrfToken } });

const singing = () => ({
  name: 'Acomb Sings',
  description: 'A friendly singing group; no experience needed.',
  free: false,
  how_to_join: 'Just come along.',
  minimum_age: 18,
  organization: { name: 'Acomb Community Choir' },
  locations: [{ name: 'Acomb Explore Library', address_1: 'Front Street', city: 'York', postal_code: 'yo24 3bx' },
    { name: 'Church hall', latitude: 53.955, longitude: -1.1233 }],
  schedules: [{ freq: 'WEEKLY', interval: 1, byday: 'TH', opens_at: '10:00', closes_at: '12:00' }],
  contacts: [{ name: 'Jo Singer', public: true, agreed_on: '2026-01-05', phones: [{ number: '07700 900123' }] }],
  cost_options: [{ option: 'Each session', amount: 2.5 }],
  terms: [{ term_id: SINGING }, { term_id: SOCIAL }],
});

const create = async (body = singing()) => {
  const r = await as('POST', '/api/v1/community/listings', body);
  assert.equal(r.status, 201, r.text);
  return r.json();
};

test(`a listing is created, read back whole and saved from its version (${backend})`, async () => {
  const made = await create();
  assert.match(made.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(made.version, 1);
  assert.equal(made.status, 'active');
  assert.equal(made.locations[0].postal_code, 'YO24 3BX');
  assert.equal(made.locations[0].ward_name, 'Westfield');
  assert.ok(made.locations[1].ward_code, 'the point is placed in its ward');
  assert.equal(made.schedules[0].byday, 'TH');
  assert.equal(made.contacts[0].phones[0].number, '07700 900123');
  assert.equal(made.cost_options[0].amount, 2.5);
  assert.deepEqual(made.terms.map((t) => t.name), ['Music and singing', 'Social groups']);
  assert.equal(made.checked_by_name, 'Priya Shah');
  assert.equal(made.needs_review, false);
  const read = await as('GET', `/api/v1/community/listings/${made.id}`);
  assert.equal(read.status, 200);
  assert.deepEqual(read.json(), made);

  // What was read goes back with the time corrected and a place removed.
  const change = read.json();
  change.schedules[0].opens_at = '10:30';
  change.locations.pop();
  change.note = 'Starts at half past';
  const saved = await as('PUT', `/api/v1/community/listings/${made.id}`, change);
  assert.equal(saved.status, 200, saved.text);
  const now = saved.json();
  assert.equal(now.version, 2);
  assert.equal(now.schedules[0].opens_at, '10:30');
  assert.equal(now.schedules[0].id, made.schedules[0].id);
  assert.equal(now.locations.length, 1);
  assert.equal(now.locations[0].id, made.locations[0].id);

  // The same version again is stale: 409, and nothing changes.
  change.name = 'Acomb Singers';
  const stale = await as('PUT', `/api/v1/community/listings/${made.id}`, change);
  assert.equal(stale.status, 409, stale.text);
  assert.equal(stale.json().error.code, 'conflict');
  assert.equal((await as('GET', `/api/v1/community/listings/${made.id}`)).json().name, 'Acomb Sings');

  const versions = (await as('GET', `/api/v1/community/listings/${made.id}/versions`)).json().versions;
  assert.deepEqual(versions.map((v) => v.version), [2, 1]);
  assert.equal(versions[0].note, 'Starts at half past');
  assert.equal(versions[1].made_by_name, 'Priya Shah');
  const first = await as('GET', `/api/v1/community/listings/${made.id}/versions/1`);
  assert.equal(first.status, 200);
  assert.equal(first.json().id, made.id);
  assert.equal(first.json().name, 'Acomb Sings');
  assert.equal((await as('GET', `/api/v1/community/listings/${made.id}/versions/3`)).status, 404);
});

test('bad input is 422 at its fields, all at once, and nothing is stored', async () => {
  const body = singing();
  delete body.name;
  body.organization = {};
  body.minimum_age = 131;
  body.locations[0].postal_code = 'ZZ9 9ZZ';
  body.schedules[0].interval = 0;
  body.terms = [];
  delete body.contacts[0].agreed_on;
  const r = await as('POST', '/api/v1/community/listings', body);
  assert.equal(r.status, 422, r.text);
  const fields = r.json().error.fields.map((f) => f.field);
  for (const f of ['name', 'organization.name', 'minimum_age', 'locations.0.postal_code', 'schedules.0.interval', 'terms', 'contacts.0.agreed_on']) {
    assert.ok(fields.includes(f), `${f} in ${fields}`);
  }
  assert.match(r.json().error.fields.find((f) => f.field === 'locations.0.postal_code').message,
    /We do not know the postcode ZZ9 9ZZ/);
  // A field the listing does not have, or of the wrong type, is named too.
  const odd = await as('POST', '/api/v1/community/listings', { ...singing(), colour: 'red', locations: [{ latitude: 'north' }] });
  assert.equal(odd.status, 422);
  assert.deepEqual(odd.json().error.fields.map((f) => f.field).sort(), ['colour', 'locations.0.latitude']);
  const unknownTerm = singing();
  unknownTerm.terms = [{ term_id: '3fa85f64-5717-4562-b3fc-2c963f66afa6' }];
  const t = await as('POST', '/api/v1/community/listings', unknownTerm);
  assert.equal(t.status, 422);
  assert.equal(t.json().error.fields[0].field, 'terms.0');
  const nowhere = await as('POST', '/api/v1/community/listings', { ...singing(), locations: [] });
  assert.equal(nowhere.status, 422);
  assert.deepEqual(nowhere.json().error.fields.map((f) => f.field), ['locations']);
  assert.equal((await as('GET', '/api/v1/community/listings/not-a-uuid')).status, 404);
  const missing = await as('GET', '/api/v1/community/listings/3fa85f64-5717-4562-b3fc-2c963f66afa6');
  assert.equal(missing.status, 404);
  assert.equal(missing.json().error.code, 'listing_not_found');
});

test('emails, web addresses, phones and agreement days are checked for their shape: 422 and nothing stored', async () => {
  const made = await create();
  const bad = structuredClone(made);
  Object.assign(bad, { email: 'notanemail', url: 'javascript:alert(1)' });
  Object.assign(bad.organization, { email: 'bad', website: 'ftp://example.org' });
  Object.assign(bad.contacts[0], { email: 'zz', agreed_on: '2999-01-01' });
  bad.contacts[0].phones[0].number = 'abc';
  const r = await as('PUT', `/api/v1/community/listings/${made.id}`, bad);
  assert.equal(r.status, 422, r.text);
  const fields = r.json().error.fields.map((f) => f.field);
  for (const f of ['url', 'email', 'organization.email', 'organization.website', 'contacts.0.email',
    'contacts.0.phones.0.number', 'contacts.0.agreed_on']) {
    assert.ok(fields.includes(f), `${f} in ${fields}`);
  }
  const now = (await as('GET', `/api/v1/community/listings/${made.id}`)).json();
  assert.equal(now.version, 1);
  assert.equal(now.url ?? null, made.url ?? null);
  const oruk = await as('GET', `/oruk/services/${made.id}`);
  assert.doesNotMatch(oruk.text, /javascript:/);
  const good = structuredClone(made);
  Object.assign(good, { email: 'hello@acombsings.org.uk', url: 'https://acombsings.org.uk/' });
  good.contacts[0].phones[0].number = '+44 (0)1904 123-456';
  const ok = await as('PUT', `/api/v1/community/listings/${made.id}`, good);
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.json().url, 'https://acombsings.org.uk/');
});

test('checked and retired: a new version each; retired stays readable as defunct', async () => {
  const made = await create();
  const noVersion = await as('POST', `/api/v1/community/listings/${made.id}/check`, {});
  assert.equal(noVersion.status, 422);
  const checked = await as('POST', `/api/v1/community/listings/${made.id}/check`, { version: 1 });
  assert.equal(checked.status, 200, checked.text);
  assert.equal(checked.json().version, 2);
  const stale = await as('POST', `/api/v1/community/listings/${made.id}/retire`, { version: 1, reason: 'Closed' });
  assert.equal(stale.status, 409);
  const noReason = await as('POST', `/api/v1/community/listings/${made.id}/retire`, { version: 2 });
  assert.equal(noReason.status, 422);
  assert.equal(noReason.json().error.fields[0].field, 'reason');
  const retired = await as('POST', `/api/v1/community/listings/${made.id}/retire`, { version: 2, reason: 'The group has closed' });
  assert.equal(retired.status, 200, retired.text);
  assert.equal(retired.json().status, 'defunct');
  assert.equal(retired.json().retired_reason, 'The group has closed');
  const read = await as('GET', `/api/v1/community/listings/${made.id}`);
  assert.equal(read.json().status, 'defunct');
  const versions = (await as('GET', `/api/v1/community/listings/${made.id}/versions`)).json().versions;
  assert.equal(versions.length, 3);
  assert.equal((await as('GET', `/api/v1/community/listings/${made.id}/versions/3`)).json().status, 'defunct');
});

test('the review list answers with the setting; a listing staff just saved is not due', async () => {
  const made = await create();
  const r = await as('GET', '/api/v1/community/review');
  assert.equal(r.status, 200);
  assert.equal(r.json().review_months, 6);
  assert.ok(!r.json().listings.some((l) => l.id === made.id), 'a listing just checked is not due');
  const refused = await run(['serve', '--directory-review-months', '0', '--db', 'sqlite:/nonexistent/x.db']);
  assert.notEqual(refused.code, 0);
  assert.match(refused.stderr, /directory-review-months \(flag\): expected a whole number from 1 to 60/);
});

test(`two saves made at once from one version: one is saved, the other is told (${backend})`, async () => {
  let listing = await create();
  for (let round = 1; round <= 3; round++) {
    const a = { ...listing, name: `Acomb Sings A${round}` }, b = { ...listing, name: `Acomb Sings B${round}` };
    const answers = await Promise.all([a, b].map((x) => as('PUT', `/api/v1/community/listings/${listing.id}`, x)));
    assert.deepEqual(answers.map((x) => x.status).sort(), [200, 409], answers.map((x) => x.text).join('\n'));
    listing = answers.find((x) => x.status === 200).json();
    assert.equal(listing.version, round + 1);
    assert.equal((await as('GET', `/api/v1/community/listings/${listing.id}`)).json().name, listing.name);
  }
  assert.equal((await as('GET', `/api/v1/community/listings/${listing.id}/versions`)).json().versions.length, 4);
});
