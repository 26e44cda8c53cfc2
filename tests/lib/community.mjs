// What the community directory's staff page tests share: a warm space as
// the York import keeps one that was only in the 2023 snapshot, last
// checked on 2023-04-30 and so up for review, imported through
// `alongside directory import`.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from './alongside.mjs';

export const STALE = '2f1d6c1e-0b7a-4d43-9a57-3c1f7b0e9d21';

const staleWarmSpace = {
  id: STALE, name: 'Test Warm Space at St Stephen', description: 'A warm room with hot drinks.',
  status: 'active', assured_date: '2023-04-30',
  organization: { id: '7c7b3f0e-5a4e-4f4f-8d3c-1f0e2d3c4b5a', name: 'St Stephen Church' },
  service_at_locations: [{
    id: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
    location: {
      id: '1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e', location_type: 'physical', name: 'St Stephen Church Hall',
      addresses: [{ id: '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f', address_1: 'Acomb Green', city: 'York',
        postal_code: 'YO24 4NB', country: 'GB', address_type: 'physical' }],
    },
  }],
  // Our taxonomy's "Social groups".
  attributes: [{ id: '4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f7a', taxonomy_term_id: '0bd11ef8-81a5-44e4-bfac-1e47c91eac1d', link_type: 'service' }],
};

export async function importStaleWarmSpace(db) {
  const file = join(mkdtempSync(join(tmpdir(), 'community-staff-')), 'stale.json');
  writeFileSync(file, JSON.stringify([staleWarmSpace]));
  const imported = await run(['directory', 'import', file, '--db', db]);
  assert.equal(imported.code, 0, imported.stderr);
}
