// Signing in and out, sessions, CSRF, throttling and security headers,
// against the real server on the demo database (its staff share the demo
// password).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { networkInterfaces } from 'node:os';
import { run, startServer, yorkDatabase, backend } from '../lib/alongside.mjs';
import { Browser, DEMO_PASSWORD } from '../lib/staff.mjs';

let db, server;
before(async () => {
  db = await yorkDatabase();
  server = await startServer({ db, migrate: false });
});
after(async () => { await server.stop(); });

const browser = () => new Browser(server.url);
const auditCount = async (action) => {
  const admin = await browser().signedIn('admin');
  const r = await admin.get('/api/v1/admin/audit?action=' + action);
  return r.json().entries.length;
};

test(`signing in with the right password starts a session (${backend})`, async () => {
  const b = browser();
  const page = await b.get('/sign-in');
  assert.equal(page.status, 200);
  assert.match(page.headers.get('set-cookie'), /^alongside_csrf=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax$/);
  const r = await b.signIn('Priya', DEMO_PASSWORD, '/account/sessions');
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), '/account/sessions');
  const cookie = r.headers.getSetCookie().find((c) => c.startsWith('alongside_session='));
  assert.match(cookie, /^alongside_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=43200$/);
  assert.ok(!b.cookies.has('alongside_csrf'), 'the pre-session CSRF cookie is cleared');
  const home = await b.get('/staff');
  assert.equal(home.status, 200);
  assert.match(home.text, /Signed in as Priya Shah/);
  assert.match(home.text, /Coordinator for<\/dt><dd class="govuk-summary-list__value">Acomb and Westfield/);
  const me = (await b.get('/api/v1/me')).json();
  assert.equal(me.username, 'priya');
  assert.equal(me.roles.coordinator.length, 1);
  // The session token is stored only as a hash.
  assert.ok(!(await run(['user', 'list', '--db', db])).stdout.includes(b.session()));
});

test('a wrong password or unknown user is refused alike, and audited', async () => {
  const failuresBefore = await auditCount('sign_in_failed');
  for (const [username, password] of [['priya', 'wrong password here'], ['nobody', DEMO_PASSWORD],
    ['tom', DEMO_PASSWORD.toUpperCase()]]) {
    const b = browser();
    const r = await b.signIn(username, password);
    assert.equal(r.status, 200, username);
    assert.match(r.text, /The username or password is not right/);
    assert.ok(!b.session(), 'no session');
    assert.equal((await b.get('/staff')).status, 303);
  }
  assert.equal(await auditCount('sign_in_failed'), failuresBefore + 3);
});

test('signed out, staff pages send you to sign in and the API answers 401', async () => {
  const b = browser();
  const page = await b.get('/account/sessions?x=1');
  assert.equal(page.status, 303);
  assert.equal(page.headers.get('location'), '/sign-in?next=%2Faccount%2Fsessions%3Fx%3D1');
  const api = await b.get('/api/v1/me');
  assert.equal(api.status, 401);
  assert.equal(api.json().error.code, 'unauthenticated');
  // After signing in, next= brings you back, but never to another site.
  for (const [next, to] of [['/account/sessions?x=1', '/account/sessions?x=1'],
    ['https://evil.example/', '/staff'], ['//evil.example/', '/staff'], ['/\\evil.example', '/staff']]) {
    const c = browser();
    const csrf_token = await c.csrf();
    const r = await c.post('/sign-in', { csrf_token, username: 'tom', password: DEMO_PASSWORD, next });
    assert.equal(r.headers.get('location'), to, next);
  }
});

test('every sign-in makes a new token, and a planted one is worth nothing', async () => {
  const a = await browser().signedIn('tom');
  const b = await browser().signedIn('tom');
  assert.notEqual(a.session(), b.session());
  // A token set before sign-in (session fixation) is replaced, not adopted.
  const c = browser();
  const planted = 'A'.repeat(43);
  c.cookies.set('alongside_session', planted);
  await c.signedIn('tom');
  assert.notEqual(c.session(), planted);
  const forged = browser();
  forged.cookies.set('alongside_session', planted);
  assert.equal((await forged.get('/api/v1/me')).status, 401);
  for (const bad of ['', 'x', 'A'.repeat(44), '%00'.repeat(20), 'A'.repeat(500)]) {
    forged.cookies.set('alongside_session', bad);
    assert.equal((await forged.get('/api/v1/me')).status, 401, bad);
  }
});

test('signing out ends the session on the server', async () => {
  const b = await browser().signedIn('tom');
  const token = b.session();
  const csrf = await b.csrf('/staff');
  const out = await b.post('/sign-out', { csrf_token: csrf });
  assert.equal(out.status, 303);
  assert.equal(out.headers.get('location'), '/sign-in?signed_out=1');
  assert.ok(!b.session(), 'the cookie is cleared');
  assert.match((await b.get('/sign-in?signed_out=1')).text, /You have signed out/);
  // The old token, replayed, opens nothing.
  const replay = browser();
  replay.cookies.set('alongside_session', token);
  assert.equal((await replay.get('/api/v1/me')).status, 401);
  // Nor does the old CSRF token, with a new session.
  await replay.signedIn('tom');
  const r = await replay.post('/sign-out', { csrf_token: csrf });
  assert.equal(r.status, 403);
  assert.equal((await replay.get('/api/v1/me')).status, 200);
});

test('a state-changing request without the right CSRF token changes nothing', async () => {
  const b = await browser().signedIn('tom');
  for (const form of [{}, { csrf_token: '' }, { csrf_token: 'A'.repeat(43) }, { csrf_token: 'x' }]) {
    const r = await b.post('/sign-out', form);
    assert.equal(r.status, 403, JSON.stringify(form));
    assert.match(r.text, /did not come from this service/);
  }
  assert.equal((await b.get('/api/v1/me')).status, 200, 'still signed in');
  // The JSON API from a signed-in browser needs the token in a header.
  const sessions = (await b.get('/api/v1/me/sessions')).json().sessions;
  const other = await browser().signedIn('tom');
  const otherId = (await other.get('/api/v1/me/sessions')).json().sessions.find((s) => s.current).id;
  const without = await b.request('DELETE', '/api/v1/me/sessions/' + otherId);
  assert.equal(without.status, 403);
  assert.equal(without.json().error.code, 'csrf');
  assert.equal((await other.get('/api/v1/me')).status, 200);
  const csrf = await b.csrf('/staff');
  const withToken = await b.request('DELETE', '/api/v1/me/sessions/' + otherId, { headers: { 'X-CSRF-Token': csrf } });
  assert.equal(withToken.status, 204);
  assert.equal((await other.get('/api/v1/me')).status, 401);
  assert.ok(sessions.length >= 1);
  // Signing in needs the token of the sign-in page's own cookie.
  const anon = browser();
  const noCookie = await anon.post('/sign-in', { csrf_token: 'A'.repeat(43), username: 'tom', password: DEMO_PASSWORD });
  assert.equal(noCookie.status, 403);
  assert.ok(!anon.session());
});

test('a user sees their other sessions and can end them; an administrator anyone\'s', async () => {
  const phone = await browser().signedIn('priya');
  const laptop = await browser().signedIn('priya');
  const page = await laptop.get('/account/sessions');
  assert.match(page.text, /This session/);
  const list = (await laptop.get('/api/v1/me/sessions')).json().sessions;
  const phoneId = list.find((s) => !s.current && s.id).id;
  const csrf = await laptop.csrf('/account/sessions');
  const end = await laptop.post(`/account/sessions/${phoneId}/end`, { csrf_token: csrf });
  assert.equal(end.status, 303);
  assert.equal((await phone.get('/api/v1/me')).status, 401);
  // Someone else's session is not yours to end.
  const tom = await browser().signedIn('tom');
  const tomId = (await tom.get('/api/v1/me/sessions')).json().sessions.find((s) => s.current).id;
  const notMine = await laptop.post(`/account/sessions/${tomId}/end`, { csrf_token: csrf });
  assert.equal(notMine.status, 404);
  assert.equal((await tom.get('/api/v1/me')).status, 200);
  // An administrator can.
  const admin = await browser().signedIn('admin');
  const adminCsrf = await admin.csrf('/staff');
  const ended = await admin.request('DELETE', '/api/v1/admin/sessions/' + tomId, { headers: { 'X-CSRF-Token': adminCsrf } });
  assert.equal(ended.status, 204);
  assert.equal((await tom.get('/api/v1/me')).status, 401);
  // Both attempts are in the trail: the refused one with who tried.
  const trail = (await admin.get('/api/v1/admin/audit?action=session_end')).json().entries
    .filter((e) => e.record_id === tomId);
  assert.deepEqual(trail.map((e) => [e.actor_username, e.outcome]).sort(), [['admin', 'ok'], ['priya', 'refused']]);
  const again = await admin.request('DELETE', '/api/v1/admin/sessions/' + tomId, { headers: { 'X-CSRF-Token': adminCsrf } });
  assert.equal(again.status, 404);
  assert.equal(again.json().error.code, 'session_not_found');
});

test('disabling a user or changing their password ends their sessions', async () => {
  const tom = await browser().signedIn('tom');
  assert.equal((await run(['user', 'disable', 'tom', '--db', db])).code, 0);
  assert.equal((await tom.get('/api/v1/me')).status, 401);
  assert.equal((await browser().signIn('tom')).status, 200, 'a disabled user cannot sign in');
  assert.equal((await run(['user', 'enable', 'tom', '--db', db])).code, 0);
  const again = await browser().signedIn('tom');
  const r = await run(['user', 'set-password', 'tom', '--db', db], { input: 'a brand new passphrase\n' });
  assert.equal(r.code, 0, r.stderr);
  assert.equal((await again.get('/api/v1/me')).status, 401);
  await browser().signedIn('tom', 'a brand new passphrase');
  assert.equal((await run(['user', 'set-password', 'tom', '--db', db], { input: DEMO_PASSWORD + '\n' })).code, 0);
});

test('sessions end when idle too long, and at the end of their lifetime', async () => {
  const short = await startServer({ db, migrate: false, args: ['--session-idle', '2s'] });
  try {
    const b = await new Browser(short.url).signedIn('priya');
    assert.equal((await b.get('/api/v1/me')).status, 200);
    await new Promise((r) => setTimeout(r, 1200));
    assert.equal((await b.get('/api/v1/me')).status, 200, 'use keeps it alive');
    await new Promise((r) => setTimeout(r, 1200));
    assert.equal((await b.get('/api/v1/me')).status, 200, 'use keeps it alive');
    await new Promise((r) => setTimeout(r, 2500));
    assert.equal((await b.get('/api/v1/me')).status, 401, 'idle too long');
  } finally { await short.stop(); }
  const brief = await startServer({ db, migrate: false, args: ['--session-lifetime', '3s'] });
  try {
    const b = await new Browser(brief.url).signedIn('priya');
    for (let i = 0; i < 3; i++) {
      assert.equal((await b.get('/api/v1/me')).status, 200);
      await new Promise((r) => setTimeout(r, 700));
    }
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal((await b.get('/api/v1/me')).status, 401, 'past its lifetime, however used');
  } finally { await brief.stop(); }
});

const outside = Object.values(networkInterfaces()).flat().find((i) => !i.internal && i.family === 'IPv4');
test('five failures from one address throttle that account there, not elsewhere',
  { skip: outside ? false : 'this machine has no address other than loopback' }, async () => {
    const open = await startServer({ db, migrate: false, args: ['--listen', '0.0.0.0:0'] });
    const throttledBefore = await auditCount('sign_in_throttled');
    try {
      const port = new URL(open.url).port;
      const attacker = () => new Browser(`http://127.0.0.1:${port}`);
      for (let i = 0; i < 5; i++) {
        const r = await attacker().signIn('daniel', 'guess number ' + i);
        assert.equal(r.status, 200, `failure ${i + 1}`);
      }
      const throttled = await attacker().signIn('daniel', 'guess number 6');
      assert.equal(throttled.status, 429);
      const wait = Number(throttled.headers.get('retry-after'));
      assert.ok(wait > 0 && wait <= 60, String(wait));
      assert.match(throttled.text, /Too many attempts to sign in. Wait 1 minute/);
      // Even the right password waits: the attempt is not even checked.
      const right = await attacker().signIn('daniel');
      assert.equal(right.status, 429);
      // Other accounts from the same address are not throttled yet.
      await attacker().signedIn('priya');
      // The owner, from elsewhere, is not locked out.
      const owner = new Browser(`http://${outside.address}:${port}`);
      await owner.signedIn('daniel');
      assert.equal((await owner.get('/api/v1/me')).json().username, 'daniel');
      // Two attempts refused in one lockout: one audit entry.
      assert.equal(await auditCount('sign_in_throttled'), throttledBefore + 1);
    } finally { await open.stop(); }
  });

test('bad sign-in input gets a clear message and a 4xx', async () => {
  const b = browser();
  const csrf_token = await b.csrf();
  const cases = [
    [{ csrf_token }, 422, /Enter your username/],
    [{ csrf_token, username: 'tom' }, 422, /Enter your password/],
    [{ csrf_token, username: 'x'.repeat(65), password: DEMO_PASSWORD }, 422, /at most 64 characters/],
    [{ csrf_token, username: 'tom', password: 'p'.repeat(257) }, 422, /at most 256 characters/],
    [{ csrf_token, username: '<script>alert(1)</script>', password: DEMO_PASSWORD }, 200, /not right/],
    [{ csrf_token, username: "tom' OR '1'='1", password: "' OR '1'='1" }, 200, /not right/],
  ];
  for (const [form, status, message] of cases) {
    const r = await b.post('/sign-in', form);
    assert.equal(r.status, status, JSON.stringify(form).slice(0, 80));
    assert.match(r.text, message);
    assert.doesNotMatch(r.text, /<script>alert/);
    assert.ok(!b.session());
  }
  const raw = await b.request('POST', '/sign-in', {
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  });
  assert.equal(raw.status, 403, 'an empty form has no CSRF token');
  const broken = await fetch(server.url + '/sign-in', {
    method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: b.cookieHeader() },
    body: `csrf_token=${csrf_token}&username=%FF%FE&password=x`,
  });
  assert.equal(broken.status, 400);
  const badBearer = await fetch(server.url + '/api/v1/me', { headers: { Authorization: 'Bearer !!' } });
  assert.equal(badBearer.status, 401);
  assert.equal((await badBearer.json()).error.code, 'invalid_token');
});

test('security headers on every route, for everyone', async () => {
  const routes = (await run(['routes'])).stdout.trim().split('\n').filter((l) => !l.startsWith('\t')).map((l) => l.split('\t'));
  assert.ok(routes.length > 30);
  const admin = await browser().signedIn('admin');
  for (const [method, pattern] of routes) {
    const path = pattern.replace(/\{[a-z]+\}/g, '0'.repeat(32)).replace('*', 'none');
    for (const who of [browser(), admin]) {
      const r = await who.request(method, path);
      const csp = r.headers.get('content-security-policy');
      assert.match(csp, /default-src 'self'/, `${method} ${path}`);
      assert.match(csp, /frame-ancestors 'none'/);
      assert.doesNotMatch(csp, /unsafe-inline/);
      assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
      assert.ok(r.headers.get('referrer-policy'));
      assert.equal(r.headers.get('strict-transport-security'), null, 'no HSTS without TLS');
    }
  }
});

test('over TLS: __Host- cookies marked Secure, and HSTS', async () => {
  const tls = await startServer({ db, migrate: false, args: ['--tls', 'yes'] });
  try {
    const b = new Browser(tls.url);
    const page = await b.get('/sign-in');
    assert.match(page.headers.get('set-cookie'), /^__Host-alongside_csrf=[^;]+; Path=\/; HttpOnly; SameSite=Lax; Secure$/);
    assert.match(page.headers.get('strict-transport-security'), /max-age=31536000/);
    const r = await b.signIn('priya');
    assert.equal(r.status, 303);
    assert.match(r.headers.getSetCookie().join('\n'), /__Host-alongside_session=[^;]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+; Secure/);
    assert.equal((await b.get('/api/v1/me')).status, 200);
    // A cookie without the prefix is not the session cookie over TLS.
    const plain = new Browser(tls.url);
    plain.cookies.set('alongside_session', b.session());
    assert.equal((await plain.get('/api/v1/me')).status, 401);
  } finally { await tls.stop(); }
});
