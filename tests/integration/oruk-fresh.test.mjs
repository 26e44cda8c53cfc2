// The ORUK lists are joined from documents kept in memory
// (domain/community/oruk_cache.h), so a change must show in the next
// answer: a listing's name and time corrected through the staff API show in
// the next /oruk/service_at_locations and /oruk/services, a retired one
// leaves them, and a change made through another process (a second server on
// the same database) shows in the first server's next answer too.  On both
// backends.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, yorkDatabase, backend } from '../lib/alongside.mjs';
import { Browser } from '../lib/staff.mjs';

const SINGING = 'f9553deb-5ad5-487c-91f2-529557db6551';
const NEAR = '/oruk/service_at_locations?postcode=YO24+4NB&proximity=2000&per_page=100';
const SERVICES = '/oruk/services?postcode=YO24+4NB&proximity=2000&per_page=100';

let server, other, priya, tom;
before(async () => {
  server = await startServer({ db: await yorkDatabase({ caseload: false }), migrate: false });
  other = await startServer({ db: server.db, migrate: false });
  priya = await new Browser(server.url).signedIn('priya');
  priya.csrfToken = await priya.csrf('/staff');
  tom = await new Browser(other.url).signedIn('tom');
  tom.csrfToken = await tom.csrf('/staff');
});
after(async () => { await other.stop(); await server.stop(); });

const as = (who, method, path, json) =>
  who.request(method, path, { json, headers: { 'X-CSRF-Token': who.csrfToken } });

const oruk = async (url, path) => {
  const r = await fetch(url + path);
  assert.equal(r.status, 200);
  return r.json();
};

// The listing with this id in a list, as the list shows it (or undefined).
const inList = (page, id) => page.contents.find((c) => (c.service_id || c.id) === id);

test(`a change to a listing shows in the next ORUK answer, in every process (${backend})`, async () => {
  const made = await as(priya, 'POST', '/api/v1/community/listings', {
    name: 'Westfield Fresh Singers',
    description: 'Singing on Thursdays.',
    free: true,
    organization: { name: 'Westfield Fresh Choir' },
    locations: [{ name: 'Acomb Explore Library', address_1: 'Front Street', city: 'York',
      postal_code: 'YO24 3BX' }],
    schedules: [{ freq: 'WEEKLY', interval: 1, byday: 'TH', opens_at: '10:00', closes_at: '12:00' }],
    terms: [{ term_id: SINGING }],
  });
  assert.equal(made.status, 201, made.text);
  const id = made.json().id;

  // Asked twice on each server, so the second answer comes from memory.
  for (const url of [server.url, other.url])
    for (let i = 0; i < 2; i++) {
      const item = inList(await oruk(url, NEAR), id);
      assert.ok(item, 'the new listing is near YO24 4NB');
      assert.equal(item.service.name, 'Westfield Fresh Singers');
      assert.equal(inList(await oruk(url, SERVICES), id).name, 'Westfield Fresh Singers');
    }
  const before = await oruk(server.url, `/oruk/services/${id}`);
  assert.equal(before.schedules[0].opens_at, '10:00:00');

  // Corrected through the first server: both show it next.
  const read = (await as(priya, 'GET', `/api/v1/community/listings/${id}`)).json();
  read.name = 'Westfield Fresh Singers (Thursdays)';
  read.schedules[0].opens_at = '10:30';
  const saved = await as(priya, 'PUT', `/api/v1/community/listings/${id}`, read);
  assert.equal(saved.status, 200, saved.text);
  for (const url of [server.url, other.url]) {
    const item = inList(await oruk(url, NEAR), id);
    assert.equal(item.service.name, 'Westfield Fresh Singers (Thursdays)', url);
    assert.equal(inList(await oruk(url, SERVICES), id).name,
      'Westfield Fresh Singers (Thursdays)', url);
    assert.equal((await oruk(url, `/oruk/services/${id}`)).schedules[0].opens_at, '10:30:00');
  }

  // Corrected through the second server (another process): the first
  // server, whose memory holds the name before, shows the change next.
  const again = (await as(tom, 'GET', `/api/v1/community/listings/${id}`)).json();
  again.description = 'Singing on Thursday mornings.';
  const savedElsewhere = await as(tom, 'PUT', `/api/v1/community/listings/${id}`, again);
  assert.equal(savedElsewhere.status, 200, savedElsewhere.text);
  for (const url of [server.url, other.url]) {
    assert.equal(inList(await oruk(url, NEAR), id).service.description,
      'Singing on Thursday mornings.', url);
    assert.equal(inList(await oruk(url, SERVICES), id).description,
      'Singing on Thursday mornings.', url);
  }

  // Retired: it leaves both lists on both servers.
  const retired = await as(tom, 'POST', `/api/v1/community/listings/${id}/retire`,
    { version: savedElsewhere.json().version, reason: 'Moved' });
  assert.equal(retired.status, 200, retired.text);
  for (const url of [server.url, other.url]) {
    assert.equal(inList(await oruk(url, NEAR), id), undefined, url);
    assert.equal(inList(await oruk(url, SERVICES), id), undefined, url);
  }
});
