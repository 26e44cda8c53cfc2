// The Open Referral UK API: every endpoint's answers validate against the
// profile's JSON Schemas (tests/lib/oruk-schemas.mjs: ajv, local files,
// no network), the same validator rejects the national validator's
// V3.0-UK-Fail mocks, pages add up, bad input is an error naming its
// parameter, and every answer, errors too, may be read from any site.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, backend } from '../lib/alongside.mjs';
import { check, validators, mock } from '../lib/oruk-schemas.mjs';

const OURS = '5d3c8f0e-6a7b-4c2d-9e1f-0a1b2c3d4e5f';
const SINGING = 'f9553deb-5ad5-487c-91f2-529557db6551';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server.stop(); });

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
