// The Open Referral UK API: every endpoint's answers validate against the
// profile's JSON Schemas (tests/lib/oruk-schemas.mjs: ajv, local files,
// no network), the same validator rejects the national validator's
// V3.0-UK-Fail mocks, pages add up, each filter finds what it should,
// a retired listing is defunct by id and in no list, bad input is an
// error naming its parameter, and every answer, errors too, may be read
// from any site.  Listings are made through the staff API on the York
// demo (real postcodes), each named with a word no other listing has, so
// the filters' answers are exact whatever else the directory holds.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, yorkDatabase, backend } from '../lib/alongside.mjs';
import { Browser } from '../lib/staff.mjs';
import { check, validators, mock } from '../lib/oruk-schemas.mjs';

const OURS = '5d3c8f0e-6a7b-4c2d-9e1f-0a1b2c3d4e5f';
const TERM = {
  social: '0bd11ef8-81a5-44e4-bfac-1e47c91eac1d',
  physical: '5b980576-3f94-4290-8450-170d60ae9133',
  arts: '7d6a8461-ddaa-4a13-a636-1d061e627af8',
  singing: 'f9553deb-5ad5-487c-91f2-529557db6551',
  food: 'ab5cd759-7050-4623-b3be-cfcb743072cc',
  faith: '796db02e-6dff-41b7-99d4-b832289224ac',
  learning: 'a5708944-a81a-414b-b02b-d960724d372f',
  volunteering: '53e261ba-3f1c-483c-a937-10fd31712311',
};
const SINGING = TERM.singing;
const NOBODY = '3fa85f64-5717-4562-b3fc-2c963f66afa6';
const WORD = 'kestrelwick';

// [name, terms, postcode, day, opens, closes, minimum_age, maximum_age]
const FIXTURES = [
  ['Kestrelwick Singers', ['singing', 'social'], 'YO24 4NB', 'TH', '10:00', '12:00', 18, null],
  ['Kestrelwick Walkers', ['physical'], 'YO24 3BX', 'MO', '09:00', '10:30', null, null],
  ['Kestrelwick Knit and Natter', ['arts'], 'YO1 7HH', 'WE', '14:00', '16:00', 16, null],
  ['Kestrelwick Lunch Club', ['food'], 'YO10 5DD', 'FR', '12:00', '13:30', 60, null],
  ['Kestrelwick Youth Drama', ['arts'], 'YO30 6AA', 'TU', '18:00', '20:00', 11, 18],
  ['Kestrelwick Bible Study', ['faith'], 'YO24 3BX', 'SU', '10:00', '11:00', null, null],
  ['Kestrelwick Computer Help', ['learning'], 'YO1 7HH', 'TH', '14:00', '15:00', null, 99],
  ['Kestrelwick Garden Volunteers', ['volunteering'], 'YO30 6AA', 'SA', '10:00', '12:00', null, null],
];
const RETIRED = 'Kestrelwick Garden Volunteers';

let server, priya;
const made = {};     // name -> the listing as the staff API answered
let retired;         // the Garden Volunteers, retired
let changedSince;    // an instant after every listing but one last changed

const as = (method, path, json) =>
  priya.request(method, path, { json, headers: { 'X-CSRF-Token': priya.csrfToken } });

function body([name, terms, postcode, day, opens, closes, min, max]) {
  const b = {
    name,
    description: `${name}: everyone welcome.`,
    organization: { name: `${name} Trust` },
    locations: [{ name: `${name} hall`, address_1: '1 High Street', city: 'York', postal_code: postcode }],
    schedules: [{ freq: 'WEEKLY', interval: 1, byday: day, opens_at: opens, closes_at: closes }],
    terms: terms.map((t) => ({ term_id: TERM[t] })),
  };
  if (min !== null) b.minimum_age = min;
  if (max !== null) b.maximum_age = max;
  return b;
}

async function save(method, path, json, status) {
  const r = await as(method, path, json);
  assert.equal(r.status, status, r.text);
  return r.json();
}

before(async () => {
  server = await startServer({ db: await yorkDatabase({ caseload: false }), migrate: false });
  priya = await new Browser(server.url).signedIn('priya');
  priya.csrfToken = await priya.csrf('/staff');
  for (const f of FIXTURES) {
    const b = body(f);
    // The singers meet in a second place too: one service, two service_at_locations.
    if (f[0] === 'Kestrelwick Singers') b.locations.push({ name: 'Church hall', latitude: 53.955, longitude: -1.1233 });
    made[f[0]] = await save('POST', '/api/v1/community/listings', b, 201);
  }
  const garden = made[RETIRED];
  retired = await save('POST', `/api/v1/community/listings/${garden.id}/retire`,
    { version: garden.version, reason: 'The garden has closed' }, 200);
  // One listing changed in a later second than all the others, and
  // modified_after given in whole seconds, the start of that second: the
  // stored milliseconds must not make 10:00:00.100Z sort before 10:00:00Z.
  await new Promise((r) => setTimeout(r, 1100 - (Date.now() % 1000)));
  changedSince = new Date(Math.floor(Date.now() / 1000) * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
  const knit = made['Kestrelwick Knit and Natter'];
  made[knit.name] = await save('PUT', `/api/v1/community/listings/${knit.id}`,
    { ...knit, schedules: [{ ...knit.schedules[0], opens_at: '13:30' }], note: 'Starts earlier' }, 200);
});
after(async () => { await server.stop(); });

test('a browser asking first (CORS preflight) is told it may read, with its own headers', async () => {
  for (const path of ['/oruk/', '/oruk/services', `/oruk/services/${made['Kestrelwick Knit and Natter'].id}`]) {
    const r = await fetch(server.url + path, {
      method: 'OPTIONS',
      headers: { Origin: 'https://directory.example.org', 'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': 'x-api-key' },
    });
    assert.equal(r.status, 204, path);
    assert.equal(r.headers.get('access-control-allow-origin'), '*', path);
    assert.match(r.headers.get('access-control-allow-methods'), /GET/, path);
    assert.equal(r.headers.get('access-control-allow-headers'), 'x-api-key', path);
    assert.equal(await r.text(), '');
  }
  // Only the open API: elsewhere OPTIONS is still not a method we take.
  const staff = await fetch(server.url + '/api/v1/community/listings', { method: 'OPTIONS' });
  assert.equal(staff.status, 405);
  assert.equal(staff.headers.get('access-control-allow-origin'), null);
});

async function get(path) {
  const r = await fetch(server.url + path);
  assert.equal(r.headers.get('access-control-allow-origin'), '*', path);
  const body = await r.json();
  return { status: r.status, body, headers: r.headers };
}

async function ok(path, kind) {
  const r = await get(path);
  assert.equal(r.status, 200, `${path}: ${JSON.stringify(r.body)}`);
  check(kind, r.body);
  return r.body;
}

// Every page of a list, at per_page, with its fields consistent.
async function pages(path, kind, perPage) {
  const sep = path.includes('?') ? '&' : '?';
  const first = await ok(`${path}${sep}per_page=${perPage}`, kind);
  const all = [...first.contents];
  assert.equal(first.page_number, 1);
  assert.equal(first.first_page, true);
  for (let n = 2; n <= first.total_pages; n++) {
    const p = await ok(`${path}${sep}per_page=${perPage}&page=${n}`, kind);
    assert.equal(p.page_number, n);
    assert.equal(p.first_page, false);
    assert.equal(p.last_page, n === first.total_pages);
    assert.equal(p.total_items, first.total_items);
    assert.equal(p.size, p.contents.length);
    all.push(...p.contents);
  }
  assert.equal(all.length, first.total_items, `${path}: the pages add up`);
  assert.equal(new Set(all.map((x) => x.id)).size, all.length, `${path}: no item twice`);
  return all;
}

test('the validator itself rejects the V3.0-UK-Fail mocks and passes the Default ones', () => {
  for (const [kind, file] of [['details', 'api_details.json'], ['service', 'service_full.json'],
    ['serviceList', 'service_list.json'], ['taxonomyTerm', 'taxonomy_term.json']]) {
    assert.equal(validators[kind](mock('V3.0-UK-Fail', file)), false, `Fail ${file} is rejected`);
    assert.equal(validators[kind](mock('V3.0-UK-Default', file)), true, `Default ${file} passes`);
  }
});

test(`taxonomies and terms validate, by page and by id (${backend})`, async () => {
  const taxonomies = await pages('/oruk/taxonomies', 'taxonomyList', 1);
  assert.ok(taxonomies.some((t) => t.id === OURS));
  const ours = await ok(`/oruk/taxonomies/${OURS}`, 'taxonomy');
  assert.equal(ours.taxonomy_terms.length, 16);
  const terms = await pages('/oruk/taxonomy_terms', 'taxonomyTermList', 7);
  assert.equal(terms.length, 16);
  const mid = await ok('/oruk/taxonomy_terms?per_page=7&page=2', 'taxonomyTermList');
  assert.equal(mid.size, 7);
  assert.equal(mid.last_page, false);
  const last = await ok('/oruk/taxonomy_terms?per_page=7&page=3', 'taxonomyTermList');
  assert.equal(last.size, 2);
  assert.equal(last.last_page, true);
  const past = await ok('/oruk/taxonomy_terms?per_page=7&page=9', 'taxonomyTermList');
  assert.equal(past.empty, true);
  const term = await ok(`/oruk/taxonomy_terms/${SINGING}`, 'taxonomyTerm');
  assert.equal(term.name, 'Music and singing');
  assert.equal(term.taxonomy_id, OURS);
  const byTaxonomy = await ok(`/oruk/taxonomy_terms?taxonomy_id=${OURS}`, 'taxonomyTermList');
  assert.equal(byTaxonomy.total_items, 16);
});

test('bad input is a JSON error naming the parameter, with CORS', async () => {
  for (const [query, field] of [['per_page=0', 'per_page'], ['per_page=100000', 'per_page'],
    ['page=0', 'page'], ['per_page=ten', 'per_page']]) {
    const r = await get(`/oruk/taxonomy_terms?${query}`);
    assert.equal(r.status, 422, query);
    assert.ok(r.body.error.fields.some((f) => f.field === field), JSON.stringify(r.body));
  }
  const notUuid = await get('/oruk/taxonomy_terms/not-a-uuid');
  assert.equal(notUuid.status, 404);
  assert.equal(notUuid.body.error.code, 'taxonomy_term_not_found');
  const unknown = await get(`/oruk/taxonomies/${SINGING}`);
  assert.equal(unknown.status, 404);
  assert.equal(unknown.body.error.code, 'taxonomy_not_found');
  const nowhere = await get('/oruk/nothing-here');
  assert.equal(nowhere.status, 404);
  assert.ok(nowhere.body.error);
});

const ids = (list) => list.map((x) => x.id).sort();
const serviceIds = (list) => list.map((x) => x.service_id ?? x.id);
const named = (...names) => names.map((n) => made[n].id).sort();
const live = FIXTURES.filter((f) => f[0] !== RETIRED);

// The live listings whose fixture passes keep, by id.
const where = (keep) => live.filter(keep).map((f) => made[f[0]].id).sort();

// Every item of a filtered list, on both list endpoints, validated; the
// services found, once each.
async function found(query) {
  const q = query.startsWith('search=') ? query : `search=${WORD}&${query}`;
  const services = await pages(`/oruk/services?${q}`, 'serviceList', 3);
  const places = await pages(`/oruk/service_at_locations?${q}`, 'serviceAtLocationList', 3);
  assert.deepEqual([...new Set(serviceIds(places))].sort(), ids(services), `${query}: the same services either way`);
  return ids(services);
}

test(`/ names the profile (${backend})`, async () => {
  const details = await ok('/oruk/', 'details');
  assert.equal(details.version, 'HSDS-UK-3.0');
  assert.match(details.openapi_url, /^https:\/\//);
  assert.deepEqual(await ok('/oruk', 'details'), details);
});

// The demo holds the York warm spaces (CC BY 4.0): a page of the
// organisations running them names their source, as the services do.
test(`a page of organisations carries the sources' attribution (${backend})`, async () => {
  const orgs = await ok('/oruk/organizations?per_page=100', 'organizationList');
  assert.ok(orgs.contents.length > 0);
  assert.ok((orgs.attribution || []).some((a) => /Open Innovations/.test(a.attribution)),
    JSON.stringify(orgs.attribution));
});

test(`services and service_at_locations: first, middle and last pages add up (${backend})`, async () => {
  const services = await pages(`/oruk/services?search=${WORD}`, 'serviceList', 3);
  assert.deepEqual(ids(services), where(() => true));
  const first = await ok(`/oruk/services?search=${WORD}&per_page=3`, 'serviceList');
  assert.deepEqual([first.total_items, first.total_pages, first.size, first.last_page], [7, 3, 3, false]);
  const middle = await ok(`/oruk/services?search=${WORD}&per_page=3&page=2`, 'serviceList');
  assert.deepEqual([middle.size, middle.first_page, middle.last_page], [3, false, false]);
  const last = await ok(`/oruk/services?search=${WORD}&per_page=3&page=3`, 'serviceList');
  assert.deepEqual([last.size, last.last_page, last.empty], [1, true, false]);
  const past = await ok(`/oruk/services?search=${WORD}&per_page=3&page=4`, 'serviceList');
  assert.deepEqual([past.size, past.empty, past.total_items], [0, true, 7]);

  // The singers meet in two places: eight services at a location.
  const places = await pages(`/oruk/service_at_locations?search=${WORD}`, 'serviceAtLocationList', 3);
  assert.equal(places.length, 8);
  assert.equal(places.filter((p) => p.service_id === made['Kestrelwick Singers'].id).length, 2);

  // Unfiltered, with whatever else the directory holds, the pages still add up.
  const all = await pages('/oruk/services', 'serviceList', 100);
  assert.ok(where(() => true).every((id) => all.some((s) => s.id === id)));
  assert.ok(!all.some((s) => s.id === retired.id), 'the retired listing is in no list');
  assert.equal((await ok('/oruk/services', 'serviceList')).size, Math.min(50, all.length), 'per_page 50 by default');
});

test(`each kind of record by id validates, nested whole (${backend})`, async () => {
  const singers = made['Kestrelwick Singers'];
  const service = await ok(`/oruk/services/${singers.id}`, 'service');
  assert.equal(service.name, 'Kestrelwick Singers');
  assert.equal(service.status, 'active');
  assert.equal(service.organization.name, 'Kestrelwick Singers Trust');
  assert.equal(service.service_at_locations.length, 2);
  assert.equal(service.service_at_locations[0].location.addresses[0].postal_code, 'YO24 4NB');
  assert.equal(service.schedules[0].byday, 'TH');
  assert.equal(service.minimum_age, 18);
  assert.ok(!('maximum_age' in service), 'empty optional fields are left out');
  assert.deepEqual(service.attributes.map((a) => a.taxonomy_term.name).sort(), ['Music and singing', 'Social groups']);
  assert.match(service.attributes[0].taxonomy_term.description, /^Choirs, singing groups/);

  const place = await ok(`/oruk/service_at_locations/${singers.locations[0].service_at_location_id}`, 'serviceAtLocation');
  assert.equal(place.service_id, singers.id);
  assert.equal(place.location.id, singers.locations[0].id);

  const orgs = await pages('/oruk/organizations', 'organizationList', 3);
  const trust = orgs.find((o) => o.id === singers.organization.id);
  assert.equal(trust.name, 'Kestrelwick Singers Trust');
  const org = await ok(`/oruk/organizations/${singers.organization.id}`, 'organization');
  assert.deepEqual(org.services.map((s) => s.id), [singers.id]);
  for (const s of org.services) check('service', s);
});

test(`a retired listing answers by id as defunct and is in no list (${backend})`, async () => {
  assert.equal(retired.status, 'defunct');
  const service = await ok(`/oruk/services/${retired.id}`, 'service');
  assert.equal(service.status, 'defunct');
  assert.ok(!('retired_reason' in service), 'why it was retired is the team\'s');
  const place = await ok(`/oruk/service_at_locations/${retired.locations[0].service_at_location_id}`, 'serviceAtLocation');
  assert.equal(place.service.status, 'defunct');
  assert.equal((await ok(`/oruk/services?search=garden`, 'serviceList')).contents.filter((s) => s.id === retired.id).length, 0);
  const places = await pages('/oruk/service_at_locations', 'serviceAtLocationList', 100);
  assert.ok(!places.some((p) => p.service_id === retired.id));
  const orgs = await pages('/oruk/organizations', 'organizationList', 100);
  assert.ok(!orgs.some((o) => o.id === retired.organization.id), 'an organisation with no live listing is in no list');
  const org = await ok(`/oruk/organizations/${retired.organization.id}`, 'organization');
  assert.deepEqual(org.services, []);
});

test(`each filter finds what it should on both lists (${backend})`, async () => {
  assert.deepEqual(await found(`search=${WORD}+singers`), named('Kestrelwick Singers'));
  assert.deepEqual(await found(`taxonomy_term_id=${TERM.arts}`), where((f) => f[1].includes('arts')));
  assert.deepEqual(await found(`taxonomy_id=${OURS}`), where(() => true));
  assert.deepEqual(await found(`taxonomy_id=${NOBODY}`), []);
  assert.deepEqual(await found('minimum_age=12'), where((f) => f[6] === null || f[6] <= 12));
  assert.deepEqual(await found('maximum_age=50'), where((f) => f[7] === null || f[7] >= 50));
  assert.deepEqual(await found('minimum_age=12&maximum_age=17'), named('Kestrelwick Youth Drama', 'Kestrelwick Walkers', 'Kestrelwick Bible Study', 'Kestrelwick Computer Help'));
  assert.deepEqual(await found('day=TH'), named('Kestrelwick Singers', 'Kestrelwick Computer Help'));
  assert.deepEqual(await found('day=SA'), [], 'the Saturday garden is retired');
  assert.deepEqual(await found('start_time=10:15'), named('Kestrelwick Singers', 'Kestrelwick Walkers', 'Kestrelwick Bible Study'));
  assert.deepEqual(await found('start_time=10:15&end_time=11:30'), named('Kestrelwick Singers'));
  assert.deepEqual(await found('end_time=19:00'), named('Kestrelwick Youth Drama'));
  assert.deepEqual(await found('day=TH&start_time=14:30'), named('Kestrelwick Computer Help'));
  assert.deepEqual(await found('start_time=13:45'), named('Kestrelwick Knit and Natter'), 'the corrected time');
  assert.deepEqual(await found(`modified_after=${changedSince}`), named('Kestrelwick Knit and Natter'));
  assert.deepEqual(await found(`modified_after=${changedSince.replace('Z', '.000001Z')}`), named('Kestrelwick Knit and Natter'));
  assert.deepEqual(await found('modified_after=2000-01-01T00:00:00Z'), where(() => true));
  // A date alone is the start of that day (UTC); an offset is taken as
  // written: the same instant an hour on, at +01:00.
  assert.deepEqual(await found('modified_after=2000-01-01'), where(() => true));
  assert.deepEqual(await found('modified_after=2999-01-01'), []);
  const plusOne = new Date(Date.parse(changedSince) + 3600e3).toISOString().replace(/\.\d+Z$/, '+01:00');
  assert.deepEqual(await found(`modified_after=${encodeURIComponent(plusOne)}`), named('Kestrelwick Knit and Natter'));
});

test(`postcode and proximity, on service_at_locations and on services (${backend})`, async () => {
  // YO24 4NB: the singers 0 m (and their church hall beside it), YO24 3BX about 540 m.
  const near = await ok(`/oruk/service_at_locations?search=${WORD}&postcode=yo244nb&proximity=1000`, 'serviceAtLocationList');
  assert.equal(near.total_items, 4);
  assert.deepEqual([...new Set(near.contents.map((p) => p.service_id))].sort(),
    named('Kestrelwick Singers', 'Kestrelwick Walkers', 'Kestrelwick Bible Study'));
  assert.deepEqual(near.contents.slice(0, 2).map((p) => p.service_id), [made['Kestrelwick Singers'].id, made['Kestrelwick Singers'].id], 'nearest first');
  assert.deepEqual(await found('postcode=YO24%204NB&proximity=1000'),
    named('Kestrelwick Singers', 'Kestrelwick Walkers', 'Kestrelwick Bible Study'));
  const services = await ok(`/oruk/services?search=${WORD}&postcode=YO24+4NB&proximity=1000`, 'serviceList');
  assert.equal(services.total_items, 3);
  assert.equal(services.contents[0].id, made['Kestrelwick Singers'].id, 'nearest first');
  // YO1 7HH is about 2.8 km away, YO10 5DD about 4.6 km.
  assert.deepEqual(await found('postcode=YO24%204NB&proximity=3000'),
    named('Kestrelwick Singers', 'Kestrelwick Walkers', 'Kestrelwick Bible Study', 'Kestrelwick Knit and Natter', 'Kestrelwick Computer Help', 'Kestrelwick Youth Drama'));
  assert.deepEqual(await found('postcode=YO24%204NB'), where(() => true), 'a postcode alone: within 50 km');
  assert.deepEqual(await found('postcode=YO24%204NB&proximity=1000&day=TH'), named('Kestrelwick Singers'));
});

test(`bad filters are JSON errors naming the parameter (${backend})`, async () => {
  for (const list of ['/oruk/services', '/oruk/service_at_locations']) {
    for (const [query, field] of [['proximity=-1&postcode=YO24+4NB', 'proximity'],
      ['proximity=1000000000&postcode=YO24+4NB', 'proximity'], ['proximity=500', 'proximity'],
      ['per_page=0', 'per_page'], ['per_page=100000', 'per_page'], ['day=XX', 'day'],
      ['postcode=ZZ9+9ZZ', 'postcode'], ['postcode=not+a+postcode', 'postcode'],
      ['minimum_age=-3', 'minimum_age'], ['start_time=25:00', 'start_time'],
      ['modified_after=yesterday', 'modified_after'], ['taxonomy_term_id=music', 'taxonomy_term_id']]) {
      const r = await get(`${list}?${query}`);
      assert.equal(r.status, 422, `${list}?${query}: ${JSON.stringify(r.body)}`);
      assert.ok(r.body.error.fields.some((f) => f.field === field), `${list}?${query}: ${JSON.stringify(r.body)}`);
    }
  }
  for (const [path, code] of [['/oruk/services/not-a-uuid', 'service_not_found'],
    [`/oruk/services/${NOBODY}`, 'service_not_found'],
    ['/oruk/service_at_locations/42', 'service_at_location_not_found'],
    [`/oruk/service_at_locations/${NOBODY}`, 'service_at_location_not_found'],
    ['/oruk/organizations/acme', 'organization_not_found'],
    [`/oruk/organizations/${NOBODY}`, 'organization_not_found']]) {
    const r = await get(path);
    assert.equal(r.status, 404, path);
    assert.equal(r.body.error.code, code, path);
  }
  const r = await get('/oruk/organizations?per_page=101');
  assert.equal(r.status, 422);
  assert.equal(r.body.error.fields[0].field, 'per_page');
});
