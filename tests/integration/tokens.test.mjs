// API tokens from the administrators' pages and API: the secret shown
// once and never again, a token working for its scopes only, revoked at
// once and kept; bad input at its field with nothing made; only a
// signed-in administrator may manage tokens (never a token).  And the
// audit trail's before and after of a change, on the page, in the API and
// in the CSV.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { run, startServer, yorkDatabase, backend } from '../lib/alongside.mjs';
import { Browser } from '../lib/staff.mjs';

let db, server, admin, leader, coordinator, cliToken;
const sql = (query) => (db.startsWith('sqlite:')
  ? execFileSync('sqlite3', [db.slice('sqlite:'.length), query])
  : execFileSync('psql', [db, '-qAtc', query])).toString().trim();
const tokenCount = () => Number(sql('SELECT count(*) FROM api_tokens'));
const auditCount = () => Number(sql("SELECT count(*) FROM audit_log WHERE action IN ('token_add', 'token_revoke') AND outcome = 'ok'"));

before(async () => {
  db = await yorkDatabase();
  const t = await run(['token', 'add', '--name', 'from the command line', '--scope', 'areas.write',
    '--scope', 'audit.read', '--db', db]);
  assert.equal(t.code, 0, t.stderr);
  cliToken = t.stdout.trim();
  server = await startServer({ db, migrate: false });
  admin = await new Browser(server.url).signedIn('admin');
  admin.csrfToken = await admin.csrf('/staff');
  leader = await new Browser(server.url).signedIn('jo.bennett');
  leader.csrfToken = await leader.csrf('/staff');
  coordinator = await new Browser(server.url).signedIn('priya');
  coordinator.csrfToken = await coordinator.csrf('/staff');
});
after(async () => { await server.stop(); });

const bearer = (secret, method, path, json) => fetch(server.url + path, {
  method, headers: { Authorization: `Bearer ${secret}`, ...(json ? { 'Content-Type': 'application/json' } : {}) },
  body: json ? JSON.stringify(json) : undefined,
});
const adminApi = (method, path, json) =>
  admin.request(method, path, { json, headers: { 'X-CSRF-Token': admin.csrfToken } });

let pageToken;
test(`an administrator makes a token from the page and sees its secret once (${backend})`, async () => {
  const form = await admin.get('/admin/tokens/new');
  assert.equal(form.status, 200);
  assert.match(form.text, /name="scopes" type="checkbox" value="areas.write"/);
  assert.match(form.text, /name="scopes" type="checkbox" value="audit.read"/);
  const made = await admin.post('/admin/tokens', { csrf_token: admin.csrfToken, name: 'Reports <board>', scopes: 'audit.read' });
  assert.equal(made.status, 200, made.text.slice(0, 500));
  assert.equal(made.headers.get('cache-control'), 'no-store');
  assert.match(made.text, /Copy it now: it will\s+not be shown again/);
  assert.match(made.text, /Reports &lt;board&gt;/);
  const secret = /id="secret" type="text" readonly[^>]*value="([^"]+)"/.exec(made.text)[1];
  assert.match(secret, /^[A-Za-z0-9_-]{43}$/);
  pageToken = secret;

  // Never again: not on the list, not in the API, not in the audit trail.
  const list = await admin.get('/admin/tokens');
  assert.equal(list.status, 200);
  assert.match(list.text, /Reports &lt;board&gt;/);
  assert.match(list.text, /Alex|admin/i);
  assert.ok(!list.text.includes(secret));
  const api = await adminApi('GET', '/api/v1/admin/tokens');
  assert.ok(!api.text.includes(secret));
  const mine = api.json().tokens.find((t) => t.name === 'Reports <board>');
  assert.deepEqual(mine.scopes, ['audit.read']);
  assert.equal(mine.last_used_at, null);
  assert.ok(mine.created_by);
  const cli = api.json().tokens.find((t) => t.name === 'from the command line');
  assert.equal(cli.created_by, null);
  assert.ok(!(await adminApi('GET', '/api/v1/admin/audit')).text.includes(secret));
  assert.equal(Number(sql(`SELECT count(*) FROM api_tokens WHERE token_hash LIKE '%${secret}%'`)), 0);
});

test('the new token works for its scope and no other, and its use is marked', async () => {
  assert.equal((await bearer(pageToken, 'GET', '/api/v1/admin/audit')).status, 200);
  const refused = await bearer(pageToken, 'POST', '/api/v1/admin/areas', { name: 'X', wards: ['E05010322'] });
  assert.equal(refused.status, 403);
  const api = await adminApi('GET', '/api/v1/admin/tokens');
  assert.match(api.json().tokens.find((t) => t.name === 'Reports <board>').last_used_at, /^\d{4}-\d\d-\d\dT/);
  assert.doesNotMatch((await admin.get('/admin/tokens')).text, /Last used<\/dt><dd class="govuk-summary-list__value">never<\/dd>[^]*Reports/);
});

test('bad input is told at its field and makes nothing', async () => {
  const tokens = tokenCount(), audited = auditCount();
  const cases = [
    [{ name: '', scopes: 'audit.read' }, 'name', /needs a name/],
    [{ name: 'No scope' }, 'scopes', /at least one scope/],
    [{ name: 'Bad scope', scopes: 'everything' }, 'scopes', /unknown scope &quot;everything&quot;/],
    [{ name: 'Reports <board>', scopes: 'audit.read' }, 'name', /already a token called/],
    [{ name: 'x'.repeat(101), scopes: 'audit.read' }, 'name', /1 to 100 characters/],
  ];
  for (const [form, field, message] of cases) {
    const r = await admin.post('/admin/tokens', { csrf_token: admin.csrfToken, ...form });
    assert.equal(r.status, 422, JSON.stringify(form));
    assert.match(r.text, /govuk-error-summary/);
    assert.match(r.text, new RegExp(`id="${field}-error"`), JSON.stringify(form));
    assert.match(r.text, message);
    assert.doesNotMatch(r.text, /id="secret"/);
  }
  const api = [
    [{ name: 'No scope', scopes: [] }, ['scopes']],
    [{ scopes: ['audit.read'] }, ['name']],
    [{ name: 'Reports <board>', scopes: ['audit.read', 'root'] }, ['name', 'scopes']],
  ];
  for (const [body, fields] of api) {
    const r = await adminApi('POST', '/api/v1/admin/tokens', body);
    assert.equal(r.status, 422, r.text);
    assert.deepEqual(r.json().error.fields.map((f) => f.field).sort(), fields);
    assert.equal(r.json().token, undefined);
  }
  const unknownField = await adminApi('POST', '/api/v1/admin/tokens', { name: 'X', scopes: ['audit.read'], admin: true });
  assert.equal(unknownField.status, 422);
  assert.equal(tokenCount(), tokens);
  assert.equal(auditCount(), audited);
});

test('the API makes a token (secret in the 201 only) and revokes it, kept', async () => {
  const made = await adminApi('POST', '/api/v1/admin/tokens', { name: 'Directory sync', scopes: ['areas.write'] });
  assert.equal(made.status, 201, made.text);
  assert.equal(made.headers.get('cache-control'), 'no-store');
  const { id, token } = made.json();
  assert.match(token, /^[A-Za-z0-9_-]{43}$/);
  assert.deepEqual(made.json().scopes, ['areas.write']);
  assert.ok(!(await adminApi('GET', '/api/v1/admin/tokens')).text.includes(token));
  // areas.write reaches the areas API (an empty body is refused at its
  // fields, past the role check), not the audit log.
  assert.equal((await bearer(token, 'POST', '/api/v1/admin/areas', {})).status, 422);
  assert.equal((await bearer(token, 'GET', '/api/v1/admin/audit')).status, 403);

  const revoked = await adminApi('DELETE', `/api/v1/admin/tokens/${id}`);
  assert.equal(revoked.status, 200, revoked.text);
  assert.match(revoked.json().revoked_at, /^\d{4}-/);
  assert.ok(revoked.json().revoked_by);
  assert.equal((await bearer(token, 'POST', '/api/v1/admin/areas', {})).status, 401);
  assert.equal((await adminApi('DELETE', `/api/v1/admin/tokens/${id}`)).status, 404);
  assert.equal((await adminApi('DELETE', `/api/v1/admin/tokens/${'f'.repeat(32)}`)).status, 404);
  const listed = (await adminApi('GET', '/api/v1/admin/tokens')).json().tokens.find((t) => t.id === id);
  assert.ok(listed.revoked_at);
});

test('revoking from the page asks first, then the token gets 401 at once', async () => {
  const api = await adminApi('GET', '/api/v1/admin/tokens');
  const id = api.json().tokens.find((t) => t.name === 'Reports <board>').id;
  const list = await admin.get('/admin/tokens');
  assert.match(list.text, new RegExp(`href="/admin/tokens/${id}/revoke"`));
  const confirm = await admin.get(`/admin/tokens/${id}/revoke`);
  assert.equal(confirm.status, 200);
  assert.match(confirm.text, /Revoke Reports &lt;board&gt;\?/);
  assert.equal((await bearer(pageToken, 'GET', '/api/v1/admin/audit')).status, 200);
  const r = await admin.post(`/admin/tokens/${id}/revoke`, { csrf_token: admin.csrfToken });
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), `/admin/tokens?revoked=${id}`);
  assert.equal((await bearer(pageToken, 'GET', '/api/v1/admin/audit')).status, 401);
  const after = await admin.get(r.headers.get('location'));
  assert.match(after.text, /The token Reports &lt;board&gt; is revoked/);
  const [live, revoked] = after.text.split('Revoked tokens</h2>');
  assert.ok(revoked.includes('Reports &lt;board&gt;'));
  assert.ok(!live.includes(`/admin/tokens/${id}/revoke`));
  // Revoked again: not found, and the confirmation says when it was.
  assert.equal((await admin.post(`/admin/tokens/${id}/revoke`, { csrf_token: admin.csrfToken })).status, 404);
  assert.match((await admin.get(`/admin/tokens/${id}/revoke`)).text, /It was revoked on/);
  const trail = (await adminApi('GET', '/api/v1/admin/audit?action=token_revoke')).json().entries;
  assert.ok(trail.some((e) => e.record_id === id && e.outcome === 'ok' && e.actor_username === 'admin'));
});

test('a token can never manage tokens, nor can anyone but an administrator', async () => {
  const tokens = tokenCount();
  assert.equal((await bearer(cliToken, 'GET', '/api/v1/admin/tokens')).status, 403);
  assert.equal((await bearer(cliToken, 'POST', '/api/v1/admin/tokens', { name: 'Escalate', scopes: ['areas.write'] })).status, 403);
  const any = (await adminApi('GET', '/api/v1/admin/tokens')).json().tokens.find((t) => !t.revoked_at);
  assert.equal((await bearer(cliToken, 'DELETE', `/api/v1/admin/tokens/${any.id}`)).status, 403);
  assert.equal((await bearer(cliToken, 'GET', '/admin/tokens')).status, 403);
  for (const b of [leader, coordinator]) {
    assert.equal((await b.get('/admin/tokens')).status, 403);
    assert.equal((await b.post('/admin/tokens', { csrf_token: b.csrfToken, name: 'Mine', scopes: 'audit.read' })).status, 403);
    assert.equal((await b.request('POST', '/api/v1/admin/tokens', { json: { name: 'Mine', scopes: ['audit.read'] },
      headers: { 'X-CSRF-Token': b.csrfToken } })).status, 403);
  }
  const anonymous = new Browser(server.url);
  assert.equal((await anonymous.get('/admin/tokens')).status, 303);
  assert.equal((await anonymous.request('POST', '/api/v1/admin/tokens', { json: { name: 'Mine', scopes: ['audit.read'] } })).status, 401);
  assert.equal(tokenCount(), tokens);
  assert.ok(!(await admin.get('/admin/tokens')).text.includes('Escalate'));
});

test('the trail shows what a change to a public record changed', async () => {
  // Written as a change to an area writes its entry (audit_write), with
  // nasty text in it, for an area of jo.bennett's team.
  const area = sql("SELECT id FROM areas WHERE name = 'Acomb and Westfield'");
  const changes = JSON.stringify({ before: { name: 'Acomb', wards: ['E05010311'] },
    after: { name: 'Acomb <script>alert(1)</script>', wards: ['E05010311', 'E05010330'] } });
  sql(`INSERT INTO audit_log (id, at, action, record_type, record_id, area_id, client_address, request_id, outcome, changes)
       VALUES ('${'c'.repeat(32)}', '2099-01-01T00:00:00.000Z', 'area_update', 'area', '${area}', '${area}', 'test', 'test', 'ok', '${changes.replace(/'/g, "''")}')`);
  const page = await admin.get('/admin/audit?action=area_update');
  assert.equal(page.status, 200);
  assert.match(page.text, /<dt class="govuk-summary-list__key">Name<span class="govuk-visually-hidden">:<\/span><\/dt>/);
  assert.match(page.text, /<span class="govuk-visually-hidden">was <\/span>Acomb<span aria-hidden="true"> → <\/span><span class="govuk-visually-hidden">, now <\/span>Acomb &lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  assert.match(page.text, />Wards<span[^>]*>:<\/span><\/dt><dd[^>]*><span[^>]*>was <\/span>E05010311<span[^>]*> → <\/span><span[^>]*>, now <\/span>E05010311, E05010330/);
  assert.doesNotMatch(page.text, /<script>alert/);
  const api = (await adminApi('GET', '/api/v1/admin/audit?action=area_update')).json().entries;
  assert.deepEqual(api[0].changes, JSON.parse(changes));
  const plain = (await adminApi('GET', '/api/v1/admin/audit?action=token_add')).json().entries;
  assert.ok(plain.length && plain.every((e) => !('changes' in e)));
  const csv = await leader.get('/team/audit.csv?action=area_update');
  assert.equal(csv.status, 200);
  const lines = csv.text.trim().split('\r\n');
  assert.match(lines[0], /,changes$/);
  assert.ok(lines[1].endsWith(`"${changes.replace(/"/g, '""')}"`), lines[1]);
});
