// A coordinator's public entry linked to their staff account (issue 14):
// one person, one record.  An administrator (page, API, token) or the
// command line sets any area's entry and its link; a coordinator edits
// their own and nobody else's; bad input is refused at the field with
// nothing changed; the public page and API show a change at once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { run, startServer, yorkDatabase, backend } from '../lib/alongside.mjs';
import { Browser } from '../lib/staff.mjs';

let db, server, admin, priya, token;
const areas = {};
const cli = (...args) => run([...args, '--db', db]);

async function signedIn(username) {
  const b = await new Browser(server.url).signedIn(username);
  b.csrfToken = await b.csrf('/staff');
  b.api = (method, path, json) =>
    b.request(method, path, { json, headers: { 'X-CSRF-Token': b.csrfToken } });
  return b;
}

const tokenApi = async (method, path, json) => {
  const res = await fetch(server.url + path, {
    method, body: JSON.stringify(json),
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
  });
  return { status: res.status, json: await res.json() };
};

before(async () => {
  db = await yorkDatabase({ caseload: false });
  const zed = await run(['user', 'add', 'zed', '--role', 'coordinator', '--area', 'Acomb and Westfield',
    '--db', db], { input: 'york demo kettle orbit\n' });
  assert.equal(zed.code, 0, zed.stderr);
  const t = await run(['token', 'add', '--name', 'crm sync', '--scope', 'areas.write', '--db', db]);
  assert.equal(t.code, 0, t.stderr);
  token = t.stdout.trim();
  server = await startServer({ db, migrate: false });
  const list = await (await fetch(server.url + '/api/v1/areas')).json();
  for (const f of list.features) areas[f.properties.name] = f.id;
  admin = await signedIn('admin');
  priya = await signedIn('priya');
});
after(async () => { await server.stop(); });

// One value from the database, as text.
const sql = (query) => (db.startsWith('sqlite:')
  ? execFileSync('sqlite3', [db.slice('sqlite:'.length), query])
  : execFileSync('psql', [db, '-qAtc', query])).toString().trim();
const entryOf = async (name) => (await admin.api('GET', `/api/v1/areas/${areas[name]}`)).json()
  .properties.coordinator;
const auditCount = async (action) =>
  (await admin.api('GET', `/api/v1/admin/audit?action=${action}&limit=500`)).json().entries.length;

test(`every demo coordinator's entry is linked to their account (${backend})`, async () => {
  const expected = {
    priya: 'Acomb and Westfield', tom: 'Holgate and Micklegate', grace: 'Clifton and Guildhall',
    daniel: 'Heworth', anna: 'Hull Road and Fishergate',
  };
  for (const [username, area] of Object.entries(expected)) {
    const me = username === 'priya' ? priya : await signedIn(username);
    const r = await me.api('GET', '/api/v1/me/public-entry');
    assert.equal(r.status, 200, `${username}: ${r.text}`);
    assert.equal(r.json().area_name, area);
    assert.equal(r.json().coordinator.username, username);
  }
  // An account with no entry is told so.
  const jo = await signedIn('jo.bennett');
  const none = await jo.api('GET', '/api/v1/me/public-entry');
  assert.equal(none.status, 404);
  assert.equal(none.json().error.code, 'coordinator_not_found');
  assert.match((await jo.get('/account/public-entry')).text, /not linked to an area’s public entry/);
});

test(`an administrator's link is refused for the wrong account, at the field, nothing changed (${backend})`, async () => {
  const acomb = areas['Acomb and Westfield'];
  const before = await entryOf('Acomb and Westfield');
  const sets = await auditCount('coordinator_set');
  const entry = { name: 'Priya Shah', mobile: '07700 900101', email: 'priya.shah@example.org' };
  const cases = [
    [{ ...entry, username: 'nobody.here' }, 'username', /no staff account called nobody.here/],
    [{ ...entry, username: 'tom' }, 'username', /tom is not a coordinator of Acomb and Westfield/],
    [{ ...entry, username: 'jo.bennett' }, 'username', /not a coordinator/],
    [{ ...entry, username: 'priya', facebook_url: 'https://www.example.com/priya' }, 'facebook_url',
      /Facebook page/],
    [{ ...entry, username: 'priya', facebook_url: 'https://www.facebook.com.evil.example/x' },
      'facebook_url', /Facebook page/],
    [{ ...entry, username: 'priya', mobile: '12' }, 'mobile', /mobile number/],
    [{ ...entry, username: 'priya', email: 'not an email' }, 'email', /email address/],
  ];
  for (const [body, field, message] of cases) {
    const r = await admin.api('PUT', `/api/v1/admin/areas/${acomb}/coordinator`, body);
    assert.equal(r.status, 422, r.text);
    const f = r.json().error.fields.find((x) => x.field === field);
    assert.ok(f, `${field} in ${r.text}`);
    assert.match(f.message, message);
  }
  // A disabled coordinator of the area is refused too.
  assert.equal((await cli('user', 'disable', 'zed')).code, 0);
  const d = await admin.api('PUT', `/api/v1/admin/areas/${acomb}/coordinator`, { ...entry, username: 'zed' });
  assert.equal(d.status, 422);
  assert.match(d.json().error.fields[0].message, /disabled/);
  // The page says the same at the field, with the summary, 422.
  const page = await admin.post(`/admin/areas/${acomb}/coordinator`, {
    csrf_token: admin.csrfToken, ...entry, username: 'priya', facebook_url: 'http://facebook.com/x',
  });
  assert.equal(page.status, 422);
  assert.match(page.text, /govuk-error-summary/);
  assert.match(page.text, /id="facebook_url-error"/);
  assert.match(page.text, /value="http:\/\/facebook.com\/x"/, 'what was typed is kept');
  assert.deepEqual(await entryOf('Acomb and Westfield'), before);
  assert.equal(await auditCount('coordinator_set'), sets);
});

test(`an administrator links an account from the page; the public sees it at once (${backend})`, async () => {
  const heworth = areas.Heworth;
  const form = await admin.get(`/admin/areas/${heworth}/coordinator`);
  assert.equal(form.status, 200);
  assert.match(form.text, /<option value="daniel" selected>/);
  assert.match(form.text, /What the public sees/);
  const r = await admin.post(`/admin/areas/${heworth}/coordinator`, {
    csrf_token: admin.csrfToken, username: 'daniel', name: 'Dan Hughes', mobile: '07700 900104',
    email: 'heworth@example.org', facebook_url: 'https://www.facebook.com/HeworthLAC',
    introduction: 'Kettle on, door open.',
  });
  assert.equal(r.status, 303, r.text);
  assert.match((await admin.get(r.headers.get('location'))).text, /The public entry is saved/);
  const co = await entryOf('Heworth');
  assert.equal(co.name, 'Dan Hughes');
  assert.equal(co.facebook_url, 'https://www.facebook.com/HeworthLAC');
  const page = await (await fetch(`${server.url}/areas/${heworth}`)).text();
  assert.match(page, /Dan Hughes/);
  assert.match(page, /Kettle on, door open./);
  // The public email is the entry's own: daniel's account email is untouched.
  const users = (await admin.api('GET', '/api/v1/admin/users')).json().users;
  assert.equal(users.find((u) => u.username === 'daniel').email ?? null, null);
  const [entry] = (await admin.api('GET', '/api/v1/admin/audit?action=coordinator_set')).json().entries;
  assert.equal(entry.area_id, heworth);
  const changes = JSON.parse(sql(`SELECT changes FROM audit_log WHERE action = 'coordinator_set'`
    + ` AND area_id = '${heworth}' AND outcome = 'ok' ORDER BY at DESC LIMIT 1`));
  assert.equal(changes.before.name, 'Daniel Hughes');
  assert.equal(changes.after.name, 'Dan Hughes');
  assert.equal(changes.after.username, 'daniel');
});

test(`a coordinator edits their own entry and nobody else's (${backend})`, async () => {
  const acomb = areas['Acomb and Westfield'], holgate = areas['Holgate and Micklegate'];
  const r = await priya.api('PUT', '/api/v1/me/public-entry', {
    name: 'Priya Shah', mobile: '07700 900111', email: 'acomb@example.org',
    introduction: 'Find me at the Acomb library on Mondays.',
  });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json().coordinator.username, 'priya', 'the link stays');
  assert.equal((await entryOf('Acomb and Westfield')).mobile, '07700 900111');
  assert.match(await (await fetch(`${server.url}/areas/${acomb}`)).text(), /Acomb library on Mondays/);
  const [update] = (await admin.api('GET', '/api/v1/admin/audit?action=coordinator_update')).json().entries;
  assert.equal(update.area_id, acomb);
  assert.equal(update.outcome, 'ok');

  // Bad input from the page: 422 at the field, nothing changed.
  const updates = await auditCount('coordinator_update');
  const bad = await priya.post('/account/public-entry', {
    csrf_token: priya.csrfToken, area: acomb, name: 'Priya Shah',
    facebook_url: 'https://twitter.com/priya',
  });
  assert.equal(bad.status, 422);
  assert.match(bad.text, /id="facebook_url-error"/);
  assert.equal(await auditCount('coordinator_update'), updates);

  // Another's entry: 403 from the API and the page, audited as refused.
  const tom = await entryOf('Holgate and Micklegate');
  const api = await priya.api('PUT', `/api/v1/areas/${holgate}/coordinator`, { name: 'Not Tom' });
  assert.equal(api.status, 403, api.text);
  const page = await priya.post('/account/public-entry', {
    csrf_token: priya.csrfToken, area: holgate, name: 'Not Tom',
  });
  assert.equal(page.status, 403);
  assert.deepEqual(await entryOf('Holgate and Micklegate'), tom);
  const refused = (await admin.api('GET', '/api/v1/admin/audit?action=coordinator_update')).json()
    .entries.filter((e) => e.outcome === 'refused' && e.area_id === holgate);
  assert.equal(refused.length, 2);
  // Nor may a coordinator set or link an entry.
  assert.equal((await priya.api('PUT', `/api/v1/admin/areas/${acomb}/coordinator`,
    { name: 'Priya', username: 'priya' })).status, 403);
  assert.equal((await priya.get(`/admin/areas/${acomb}/coordinator`)).status, 403);
  // Their own page shows the entry and what the public sees.
  const own = await priya.get('/account/public-entry');
  assert.match(own.text, /value="07700 900111"/);
  assert.match(own.text, /What the public sees/);
});

test(`a token and the command line set entries; --facebook and --user still work (${backend})`, async () => {
  const t = await tokenApi('PUT', `/api/v1/admin/areas/${areas['Clifton and Guildhall']}/coordinator`,
    { name: 'Grace Okafor', username: 'grace', facebook_url: 'https://facebook.com/GraceLAC' });
  assert.equal(t.status, 200, JSON.stringify(t.json));
  assert.equal(t.json.coordinator.username, 'grace');

  const old = await cli('area', 'set-coordinator', 'Hull Road and Fishergate', '--name', 'Anna Kowalska',
    '--facebook', 'https://www.facebook.com/AnnaLAC', '--user', 'anna');
  assert.equal(old.code, 0, old.stderr);
  const anna = await entryOf('Hull Road and Fishergate');
  assert.equal(anna.facebook_url, 'https://www.facebook.com/AnnaLAC');
  const me = await (await signedIn('anna')).api('GET', '/api/v1/me/public-entry');
  assert.equal(me.json().coordinator.username, 'anna');

  const both = await cli('area', 'set-coordinator', 'Hull Road and Fishergate', '--name', 'A',
    '--facebook', 'https://www.facebook.com/a', '--facebook_url', 'https://www.facebook.com/b');
  assert.equal(both.code, 2);
  const bad = await cli('area', 'set-coordinator', 'Hull Road and Fishergate', '--name', 'A',
    '--facebook_url', 'https://example.com/a', '--username', 'tom');
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /Facebook page/);
  assert.match(bad.stderr, /tom is not a coordinator/);
  assert.deepEqual(await entryOf('Hull Road and Fishergate'), anna);
});

test(`an administrator takes an entry down (${backend})`, async () => {
  const heworth = areas.Heworth;
  const r = await admin.post(`/admin/areas/${heworth}/coordinator/remove`, { csrf_token: admin.csrfToken });
  assert.equal(r.status, 303);
  assert.equal(await entryOf('Heworth'), null);
  assert.doesNotMatch(await (await fetch(`${server.url}/areas/${heworth}`)).text(), /Dan Hughes/);
  assert.equal((await admin.api('DELETE', `/api/v1/admin/areas/${heworth}/coordinator`)).status, 404);
  const daniel = await signedIn('daniel');
  assert.equal((await daniel.api('GET', '/api/v1/me/public-entry')).status, 404);
  // Linked again, the account is free to be linked.
  const again = await admin.api('PUT', `/api/v1/admin/areas/${heworth}/coordinator`,
    { name: 'Daniel Hughes', username: 'daniel' });
  assert.equal(again.status, 200, again.text);
});
