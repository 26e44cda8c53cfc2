// Throttles under a parallel burst, one audit row per throttle episode,
// and a honeypot a robot cannot tell from a real send.  Each test sends
// from a loopback address of its own (127.0.0.x as the connection's
// source), so the per-address limits of one test do not touch another's.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { execFileSync } from 'node:child_process';
import { startServer, yorkDatabase, backend } from '../lib/alongside.mjs';
import { Browser, DEMO_PASSWORD } from '../lib/staff.mjs';

const PUBLIC_LIMIT = 5;
let db, server;
before(async () => {
  db = await yorkDatabase();
  // Several workers, so a burst is handled in parallel even on a small machine.
  server = await startServer({ db, migrate: false, args: ['--public-limit', String(PUBLIC_LIMIT), '--threads', '8'] });
});
after(async () => { await server.stop(); });

// One value from the database, as text.
const sql = (query) => (db.startsWith('sqlite:')
  ? execFileSync('sqlite3', [db.slice('sqlite:'.length), query])
  : execFileSync('psql', [db, '-qAtc', query])).toString().trim();
const introductionCount = () => Number(sql('SELECT count(*) FROM introductions'));

// A client with cookies, connecting from a loopback address of its own.
class Client {
  constructor(from) { this.from = from; this.cookies = new Map(); }

  request(method, path, form) {
    const body = form ? new URLSearchParams(form).toString() : undefined;
    const headers = {};
    if (this.cookies.size) headers.Cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (body !== undefined) {
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
      headers['Content-Length'] = Buffer.byteLength(body);
    }
    const { hostname, port } = new URL(server.url);
    return new Promise((resolve, reject) => {
      const req = http.request({ host: hostname, port, method, path, headers, localAddress: this.from,
        agent: false, timeout: 30000 }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d) => { text += d; });
        res.on('end', () => {
          for (const c of res.headers['set-cookie'] || []) {
            const [pair] = c.split(';');
            const i = pair.indexOf('=');
            this.cookies.set(pair.slice(0, i), pair.slice(i + 1));
          }
          resolve({ status: res.statusCode, headers: res.headers, text });
        });
      });
      req.on('timeout', () => req.destroy(new Error('timed out')));
      req.on('error', reject);
      req.end(body);
    });
  }

  async csrf(path) {
    const page = await this.request('GET', path);
    const m = /name="csrf_token" value="([^"]+)"/.exec(page.text);
    assert.ok(m, `no CSRF token on ${path} (status ${page.status})`);
    return m[1];
  }
}

// Clients from one address, each with its form's CSRF token, ready to send.
// The Get in touch form's second step, which carries its token.
const FORM = '/get-in-touch?step=2&relationship=self&postcode=YO24+4NB';
const ready = async (from, count, path) => Promise.all(Array.from({ length: count }, async () => {
  const c = new Client(from);
  c.token = await c.csrf(path);
  return c;
}));

// How many of each status.
const tally = (statuses) => statuses.reduce((t, s) => ({ ...t, [s]: (t[s] || 0) + 1 }), {});
const statuses = (responses) => responses.map((r) => r.status);

test(`30 parallel wrong passwords for one account: exactly 5 are checked (${backend})`, async () => {
  const clients = await ready('127.0.0.11', 30, '/sign-in');
  const responses = await Promise.all(clients.map((c, i) =>
    c.request('POST', '/sign-in', { csrf_token: c.token, username: 'priya', password: `wrong guess ${i}` })));
  const counted = tally(statuses(responses));
  assert.deepEqual(counted, { 200: 5, 429: 25 }, JSON.stringify(counted));
  for (const r of responses.filter((x) => x.status === 200)) assert.match(r.text, /not right/);
  for (const r of responses.filter((x) => x.status === 429)) assert.ok(Number(r.headers['retry-after']) > 0);
  // Now even the right password is not checked.
  const [late] = await ready('127.0.0.11', 1, '/sign-in');
  const right = await late.request('POST', '/sign-in', { csrf_token: late.token, username: 'priya', password: DEMO_PASSWORD });
  assert.equal(right.status, 429);
  // All 26 refused in one lockout, counted there.
  assert.equal(sql("SELECT count(*) || ':' || max(refused) FROM sign_in_lockouts WHERE client_address = '127.0.0.11'"), '1:26');
  // From another address Priya signs in, and that clears nothing here.
  const [elsewhere] = await ready('127.0.0.12', 1, '/sign-in');
  const ok = await elsewhere.request('POST', '/sign-in', { csrf_token: elsewhere.token, username: 'priya', password: DEMO_PASSWORD });
  assert.equal(ok.status, 303);
});

test('a successful sign-in clears that account\'s failures from that address', async () => {
  const [c] = await ready('127.0.0.13', 1, '/sign-in');
  for (let i = 0; i < 4; i++)
    assert.equal((await c.request('POST', '/sign-in', { csrf_token: c.token, username: 'tom', password: 'nope' })).status, 200);
  assert.equal((await c.request('POST', '/sign-in', { csrf_token: c.token, username: 'tom', password: DEMO_PASSWORD })).status, 303);
  const [d] = await ready('127.0.0.13', 1, '/sign-in');
  for (let i = 0; i < 4; i++)
    assert.equal((await d.request('POST', '/sign-in', { csrf_token: d.token, username: 'tom', password: 'nope' })).status, 200,
      `failure ${i + 1} after the success`);
  assert.equal(sql("SELECT count(*) FROM sign_in_failures WHERE client_address = '127.0.0.13'"), '4');
});

test('one throttle episode writes one audit row, and counts what it refused', async () => {
  const admin = await new Browser(server.url).signedIn('admin');
  const throttled = async () => (await admin.get('/api/v1/admin/audit?action=sign_in_throttled')).json().entries
    .filter((x) => x.client_address === '127.0.0.14');
  const [c] = await ready('127.0.0.14', 1, '/sign-in');
  const attempt = () => c.request('POST', '/sign-in', { csrf_token: c.token, username: 'daniel', password: 'not it' });
  for (let i = 0; i < 5; i++) assert.equal((await attempt()).status, 200);
  const refused = [];
  for (let i = 0; i < 50; i++) refused.push((await attempt()).status);
  assert.deepEqual(tally(refused), { 429: 50 });
  const rows = await throttled();
  assert.equal(rows.length, 1, JSON.stringify(rows));
  assert.equal(rows[0].outcome, 'refused');
  // The row names the episode, whose count of refusals is kept with it.
  assert.equal(rows[0].record_type, 'sign_in_lockout');
  assert.equal(sql(`SELECT refused FROM sign_in_lockouts WHERE id = '${rows[0].record_id}'`), '50');
});

test(`20 parallel public sends from one address: exactly public-limit are kept (${backend})`, async () => {
  const before = introductionCount();
  const clients = await ready('127.0.0.21', 20, FORM);
  const responses = await Promise.all(clients.map((c, i) => c.request('POST', '/get-in-touch', {
    csrf_token: c.token, relationship: 'self', person_name: `Burst ${i}`, person_phone: '07700 900111', postcode: 'YO24 4NB' })));
  assert.deepEqual(tally(statuses(responses)), { 303: PUBLIC_LIMIT, 429: 20 - PUBLIC_LIMIT });
  assert.equal(introductionCount(), before + PUBLIC_LIMIT);
});

test(`20 parallel public API sends from one address: exactly public-limit are kept (${backend})`, async () => {
  const before = introductionCount();
  const body = JSON.stringify({ person: { name: 'Api Burst', phone: '07700 900555', postcode: 'YO24 4NB' },
    introduced_by: { relationship: 'self' }, person_knows: 'yes' });
  const { hostname, port } = new URL(server.url);
  const post = () => new Promise((resolve, reject) => {
    const req = http.request({ host: hostname, port, method: 'POST', path: '/api/v1/introductions', localAddress: '127.0.0.22',
      agent: false, timeout: 30000, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } },
    (res) => { res.resume(); res.on('end', () => resolve(res.statusCode)); });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end(body);
  });
  const answers = await Promise.all(Array.from({ length: 20 }, post));
  assert.deepEqual(tally(answers), { 201: PUBLIC_LIMIT, 429: 20 - PUBLIC_LIMIT });
  assert.equal(introductionCount(), before + PUBLIC_LIMIT);
});

test('a send refused for its input does not count toward the limit', async () => {
  const [c] = await ready('127.0.0.23', 1, FORM);
  for (let i = 0; i < PUBLIC_LIMIT + 2; i++)
    assert.equal((await c.request('POST', '/get-in-touch', { csrf_token: c.token, relationship: 'self', postcode: 'YO24 4NB' })).status, 422);
  const kept = await c.request('POST', '/get-in-touch', { csrf_token: c.token, relationship: 'self', person_name: 'Fixed',
    person_phone: '07700 900111', postcode: 'YO24 4NB' });
  assert.equal(kept.status, 303);
});

// What a client can see of a reply: its status, the shape of where it
// leads, and its headers but those that differ on every reply.
const shape = (r) => ({
  status: r.status,
  location: (r.headers.location || '').replace(/[0-9a-f]{32}/, '{id}'),
  headers: Object.keys(r.headers).filter((h) => !['date', 'x-request-id', 'location'].includes(h)).sort()
    .map((h) => (h === 'set-cookie' ? h : `${h}: ${r.headers[h]}`)),
  body: r.text,
});

test('a send caught by the honeypot looks exactly like a kept one, and keeps nothing', async () => {
  const person = { relationship: 'self', person_name: 'Real Person', person_phone: '07700 900123', postcode: 'YO24 4NB' };
  const [real] = await ready('127.0.0.31', 1, FORM);
  const [robot] = await ready('127.0.0.32', 1, FORM);
  const before = introductionCount();
  const kept = await real.request('POST', '/get-in-touch', { csrf_token: real.token, ...person });
  assert.equal(introductionCount(), before + 1);
  const caught = await robot.request('POST', '/get-in-touch', { csrf_token: robot.token, ...person,
    person_name: 'Spam Bot', website: 'http://spam.example' });
  assert.equal(introductionCount(), before + 1, 'nothing kept');
  assert.equal(kept.status, 303);
  assert.match(caught.headers.location, /^\/get-in-touch\/sent\/[0-9a-f]{32}$/);
  assert.notEqual(caught.headers.location, kept.headers.location);
  assert.deepEqual(shape(caught), shape(kept));
  // Where it leads is a page saying what happens next.
  const next = await robot.request('GET', caught.headers.location);
  assert.equal(next.status, 200);
  assert.match(next.text, /Message sent/);
  assert.match(next.text, /What happens next/);
  // A robot's send with a mistake is shown the mistake, as a person is.
  const [robot2] = await ready('127.0.0.32', 1, FORM);
  const [real2] = await ready('127.0.0.31', 1, FORM);
  const wrong = { relationship: 'self', person_name: 'Ann', postcode: 'YO24 4NB' };
  const keptWrong = await real2.request('POST', '/get-in-touch', { csrf_token: real2.token, ...wrong });
  const caughtWrong = await robot2.request('POST', '/get-in-touch', { csrf_token: robot2.token, ...wrong, website: 'x' });
  assert.equal(keptWrong.status, 422);
  assert.equal(caughtWrong.status, 422);
  assert.equal(caughtWrong.text.replace(/value="[^"]{20,}"/g, ''), keptWrong.text.replace(/value="[^"]{20,}"/g, ''));
});

test('sends caught by the honeypot count toward the limit, and past it get 429', async () => {
  const before = introductionCount();
  const send = async (extra) => {
    const [c] = await ready('127.0.0.33', 1, FORM);
    return c.request('POST', '/get-in-touch', { csrf_token: c.token, relationship: 'self', person_name: 'Bot',
      person_phone: '07700 900123', postcode: 'YO24 4NB', ...extra });
  };
  for (let i = 0; i < PUBLIC_LIMIT; i++) assert.equal((await send({ website: 'http://spam.example' })).status, 303);
  const caught = await send({ website: 'http://spam.example' });
  const real = await send({});
  assert.equal(caught.status, 429);
  assert.equal(real.status, 429);
  assert.equal(caught.headers['retry-after'] !== undefined, true);
  assert.deepEqual(shape(caught).headers.filter((h) => !h.startsWith('retry-after')),
    shape(real).headers.filter((h) => !h.startsWith('retry-after')));
  assert.equal(introductionCount(), before, 'nothing kept');
});
