// The client address behind a trusted proxy: with `trusted-proxies` set,
// throttles and the audit log count a request against the address the proxy
// forwarded (X-Forwarded-For read from the right, or Forwarded); without it,
// or from any other address, the forwarding headers are ignored. Loopback
// only: the test itself plays the proxy at 127.0.0.1.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { run, rawRequest, startServer, yorkDatabase, backend } from '../lib/alongside.mjs';
import { Browser, DEMO_PASSWORD } from '../lib/staff.mjs';

let db, proxied;
before(async () => {
  db = await yorkDatabase();
  proxied = await startServer({ db, migrate: false,
    args: ['--trusted-proxies', '127.0.0.1, ::1', '--public-limit', '2'] });
});
after(async () => { await proxied.stop(); });

// A sign-in sent through the proxy with its forwarding headers.
const signIn = async (server, headers, username, password) => {
  const b = new Browser(server.url);
  const csrf_token = await b.csrf('/sign-in');
  return b.post('/sign-in', { csrf_token, username, password, next: '/staff' }, { headers });
};
// The same with header lines exactly as given, for lines fetch() would join.
const rawSignIn = async (server, lines, username, password) => {
  const b = new Browser(server.url);
  const csrf_token = await b.csrf('/sign-in');
  const body = new URLSearchParams({ csrf_token, username, password, next: '/staff' }).toString();
  return rawRequest(server.url, ['POST /sign-in HTTP/1.1', 'Host: 127.0.0.1',
    'Cookie: ' + b.cookieHeader(), 'Content-Type: application/x-www-form-urlencoded',
    'Content-Length: ' + body.length, 'Connection: close', ...lines, '', body].join('\r\n'));
};
const xff = (value) => ({ 'X-Forwarded-For': value });

// The audit entries of one action, as the administrator's API shows them.
const audit = async (server, action) => {
  const admin = await new Browser(server.url).signedIn('admin');
  const r = await admin.get('/api/v1/admin/audit?action=' + action);
  assert.equal(r.status, 200);
  return r.json().entries;
};
const from = (entries, address) => entries.filter((e) => e.client_address === address);

const publicSend = (server, headers) => fetch(server.url + '/api/v1/introductions', {
  method: 'POST', headers: { 'Content-Type': 'application/json', ...headers },
  body: JSON.stringify({
    person: { name: 'Ada Example', phone: '07700 900555', postcode: 'YO24 4NB' },
    introduced_by: { relationship: 'self' }, person_knows: 'yes',
  }),
});

test(`sign-in failures count against the forwarded address (${backend})`, async () => {
  for (let i = 0; i < 5; i++) {
    const r = await signIn(proxied, xff('203.0.113.7'), 'daniel', 'guess number ' + i);
    assert.equal(r.status, 200, `failure ${i + 1}`);
    assert.match(r.text, /The username or password is not right/);
  }
  const throttled = await signIn(proxied, xff('203.0.113.7'), 'daniel', 'guess number 6');
  assert.equal(throttled.status, 429);
  assert.ok(Number(throttled.headers.get('retry-after')) > 0);

  // The leftmost entry is the client's own writing: prepending another
  // address changes nothing.
  const spoofed = await signIn(proxied, xff('203.0.113.8, 203.0.113.7'), 'daniel', DEMO_PASSWORD);
  assert.equal(spoofed.status, 429, 'a spoofed leftmost address still counts as 203.0.113.7');
  // So does an address of another header line that a client wrote first.
  const twoLines = await rawSignIn(proxied, ['X-Forwarded-For: 203.0.113.8',
    'X-Forwarded-For: 203.0.113.7'], 'daniel', DEMO_PASSWORD);
  assert.equal(twoLines.status, 429, 'all lines are read, the last one last');
  // Forwarded wins over X-Forwarded-For when both are present.
  const forwarded = await signIn(proxied, { Forwarded: 'for=203.0.113.7;proto=https',
    'X-Forwarded-For': '203.0.113.8' }, 'daniel', DEMO_PASSWORD);
  assert.equal(forwarded.status, 429, 'Forwarded names 203.0.113.7');

  // Another client behind the same proxy may still try, and get in.
  const other = await signIn(proxied, xff('203.0.113.8'), 'daniel', DEMO_PASSWORD);
  assert.equal(other.status, 303, other.text.slice(0, 300));
  // And the proxy's own address was never counted.
  const direct = await signIn(proxied, {}, 'daniel', DEMO_PASSWORD);
  assert.equal(direct.status, 303);

  const failed = await audit(proxied, 'sign_in_failed');
  assert.equal(from(failed, '203.0.113.7').length, 5, JSON.stringify(failed));
  assert.equal(from(failed, '127.0.0.1').length, 0);
  assert.ok(from(await audit(proxied, 'sign_in_throttled'), '203.0.113.7').length >= 1);
  const signIns = await audit(proxied, 'sign_in');
  assert.equal(from(signIns, '203.0.113.8').length, 1);
  assert.ok(!signIns.concat(failed).some((e) => /,|\s/.test(e.client_address)),
    'one address, never the header as sent');
});

test('a forwarded address in another spelling is the same client', async () => {
  // IPv6 from Forwarded, with brackets, quotes and a port, is kept in its
  // canonical form; X-Forwarded-For's bare form is the same address.
  for (let i = 0; i < 5; i++) {
    const r = await signIn(proxied, { Forwarded: `for="[2001:DB8:0::7]:${4000 + i}"` }, 'tom', 'wrong ' + i);
    assert.equal(r.status, 200, `failure ${i + 1}`);
  }
  const r = await signIn(proxied, xff('2001:db8::7'), 'tom', DEMO_PASSWORD);
  assert.equal(r.status, 429);
  assert.equal(from(await audit(proxied, 'sign_in_failed'), '2001:db8::7').length, 5);
});

test('a header naming no address counts against the proxy itself', async () => {
  for (const headers of [xff('unknown'), xff('203.0.113.9, not an address'),
    { Forwarded: 'for=_hidden' }, { Forwarded: 'for="203.0.113.9' }]) {
    const r = await signIn(proxied, headers, 'nobody', 'wrong password');
    assert.equal(r.status, 200, JSON.stringify(headers));
  }
  const failed = await audit(proxied, 'sign_in_failed');
  assert.equal(from(failed, '127.0.0.1').length, 4);
  assert.equal(from(failed, '203.0.113.9').length, 0);
});

test('the public limit counts per forwarded address', async () => {
  const statuses = [];
  for (let i = 0; i < 3; i++) statuses.push((await publicSend(proxied, xff('203.0.113.30'))).status);
  assert.deepEqual(statuses, [201, 201, 429]);
  assert.equal((await publicSend(proxied, xff('203.0.113.31'))).status, 201);
  assert.equal((await publicSend(proxied, xff('203.0.113.31, 203.0.113.30'))).status, 429);
});

test('without trusted proxies the forwarding headers are ignored', async () => {
  const plain = await startServer({ db, migrate: false, args: ['--public-limit', '2'] });
  try {
    for (let i = 0; i < 5; i++) {
      const r = await signIn(plain, xff(`203.0.113.${50 + i}`), 'priya', 'guess number ' + i);
      assert.equal(r.status, 200, `failure ${i + 1}`);
    }
    const r = await signIn(plain, { Forwarded: 'for=203.0.113.60', ...xff('203.0.113.60') }, 'priya', DEMO_PASSWORD);
    assert.equal(r.status, 429, 'every attempt counted against 127.0.0.1');
    const failed = await audit(plain, 'sign_in_failed');
    assert.ok(!failed.some((e) => /^203\.0\.113\.5/.test(e.client_address)));
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await publicSend(plain, xff(`203.0.113.${70 + i}`))).status);
    assert.deepEqual(statuses, [201, 201, 429]);
  } finally { await plain.stop(); }
});

test('a bad trusted-proxies entry stops the server, naming it', async () => {
  const r = await run(['serve', '--db', db, '--trusted-proxies', '127.0.0.1, 10.0.0.0/33']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /trusted-proxies \(flag\): .*10\.0\.0\.0\/33/);
  const env = await run(['serve', '--db', db], { env: { ALONGSIDE_TRUSTED_PROXIES: '127.0.0.1,,::1' } });
  assert.equal(env.code, 2);
  assert.match(env.stderr, /trusted-proxies \(ALONGSIDE_TRUSTED_PROXIES\)/);
});
