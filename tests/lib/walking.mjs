// Someone walked alongside, for tests of what comes after: a new
// introduction in Acomb taken from new to walking alongside by its
// coordinator, which opens the person.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';

// The person an introduction's outcome opened: from its JSON once it
// carries person_id, else from the database (db as the server was given).
function personOf(db, introduction) {
  if (introduction.person_id) return introduction.person_id;
  const sql = `SELECT person_id FROM introductions WHERE id = '${introduction.id}'`;
  const out = db.startsWith('sqlite:')
    ? execFileSync('sqlite3', [db.slice('sqlite:'.length), sql])
    : execFileSync('psql', [db, '-qAtc', sql]);
  return out.toString().trim();
}

// coordinator: a signed-in Browser (tests/lib/staff.mjs) with csrfToken
// set, working Acomb and Westfield.  Resolves to the person's id.
export async function walkingAlongside(server, coordinator, name) {
  const as = (method, path, json) =>
    coordinator.request(method, path, { json, headers: { 'X-CSRF-Token': coordinator.csrfToken } });
  const made = await as('POST', '/api/v1/introductions', {
    person: { name, phone: '07700 900555', postcode: 'YO24 4NB' },
    introduced_by: { relationship: 'self' }, person_knows: 'yes', channel: 'phone',
  });
  assert.equal(made.status, 201, made.text);
  let x = made.json();
  for (const status of ['contacted', 'conversation_arranged', 'walking_alongside']) {
    const r = await as('PATCH', `/api/v1/introductions/${x.id}`, { status });
    assert.equal(r.status, 200, r.text);
    x = r.json();
  }
  const id = personOf(server.db, x);
  assert.match(id, /^[0-9a-f]{32}$/);
  return id;
}
