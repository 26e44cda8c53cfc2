// The Open Referral UK 3.0 profile's JSON Schemas, compiled with ajv
// (draft 2020-12, as the profile's OpenAPI declares) and ajv-formats from
// web/node_modules, loaded from ../shared/data with every $ref mapped to
// the local files: no network.  One validator per kind of response, as the
// profile's OpenAPI pairs them with its endpoints.
import { createRequire } from 'node:module';
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { shared } from './alongside.mjs';

const require = createRequire(new URL('../../web/package.json', import.meta.url));
const Ajv2020 = require('ajv/dist/2020').default;
const addFormats = require('ajv-formats').default;

export const schemaDir = resolve(shared, 'openreferral-uk-profile/schema');
export const mocksDir = resolve(shared, 'oruk-validator-mocks');
const REMOTE = 'https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/';

const openapi = JSON.parse(readFileSync(resolve(schemaDir, 'openapi.json'), 'utf8'));

// The profile's files carry no $id: each is registered under the address
// the OpenAPI refers to it by, so that relative $refs ("taxonomy_term.json")
// resolve to the file beside it.  Their own keys (name, path, core, ...)
// are annotations ajv is told to let pass.
function buildAjv() {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  for (const dir of ['', 'compiled/']) {
    for (const file of readdirSync(resolve(schemaDir, dir || '.'))) {
      if (!file.endsWith('.json') || file === 'openapi.json') continue;
      const schema = JSON.parse(readFileSync(resolve(schemaDir, dir, file), 'utf8'));
      ajv.addSchema({ ...schema, $id: REMOTE + dir + file });
    }
  }
  ajv.addSchema({ ...openapi.components.schemas.Page, $id: 'local:page' });
  return ajv;
}

const ajv = buildAjv();
const item = (file) => ({ $ref: REMOTE + file });
// A page, as the OpenAPI says (its allOf Page), with every field the
// profile's lists carry required and integer, and contents of one kind.
const page = (file) => ({
  allOf: [{ $ref: 'local:page' }],
  type: 'object',
  required: ['total_items', 'total_pages', 'page_number', 'size', 'first_page',
    'last_page', 'empty', 'contents'],
  properties: { contents: { type: 'array', items: item(file) } },
});
// GET /: the OpenAPI's schema, and the fields a conforming feed has.
const details = {
  ...openapi.paths['/'].get.responses['200'].content['application/json'].schema,
  required: ['version', 'profile', 'openapi_url'],
};

export const validators = {
  details: ajv.compile(details),
  service: ajv.compile(item('compiled/service.json')),
  serviceList: ajv.compile(page('compiled/service_list.json')),
  serviceAtLocation: ajv.compile(item('compiled/service_at_location.json')),
  serviceAtLocationList: ajv.compile(page('compiled/service_at_location_list.json')),
  organization: ajv.compile(item('compiled/organization.json')),
  organizationList: ajv.compile(page('compiled/organization_list.json')),
  taxonomy: ajv.compile(item('taxonomy.json')),
  taxonomyList: ajv.compile(page('taxonomy.json')),
  taxonomyTerm: ajv.compile(item('taxonomy_term.json')),
  taxonomyTermList: ajv.compile(page('taxonomy_term.json')),
};

// Asserts body passes; the message lists ajv's errors.
export function check(kind, body) {
  const v = validators[kind];
  if (!v(body)) throw new Error(`${kind} does not validate: ${JSON.stringify(v.errors, null, 1).slice(0, 2000)}`);
}

export function mock(dir, file) {
  return JSON.parse(readFileSync(resolve(mocksDir, dir, file), 'utf8'));
}
