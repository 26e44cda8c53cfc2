// What an unauthenticated client cannot do to the server: leave requests
// behind that nothing frees, hold every connection, trickle headers
// forever, or get a body read (or a 100 Continue) that will be refused.
// Everything over raw sockets on loopback, each wait bounded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, run, migrate, backend, bin, root, freshDatabase } from '../lib/alongside.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const portOf = (server) => Number(new URL(server.url).port);

// Sends `text` on a new connection and waits for the server to close it,
// or for `timeout` ms. Resolves to { status, raw, ms, closed }.
function exchange(server, text, { localAddress, timeout = 5000, keepOpen = false } = {}) {
  return new Promise((resolve) => {
    const started = Date.now();
    const sock = net.connect({ host: '127.0.0.1', port: portOf(server), localAddress });
    const chunks = [];
    let done = false;
    const finish = (closed) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (!keepOpen || closed) sock.destroy();
      const raw = Buffer.concat(chunks).toString('latin1');
      const status = Number((/^HTTP\/1\.1 (\d{3})/.exec(raw) || [])[1]) || 0;
      resolve({ status, raw, ms: Date.now() - started, closed, sock });
    };
    const timer = setTimeout(() => finish(false), timeout);
    sock.on('data', (d) => chunks.push(d));
    sock.on('error', () => {});
    sock.on('close', () => finish(true));
    sock.write(text);
  });
}

const get = (path) => `GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`;

// Stops the server and says how long that took.
async function stopTimed(server) {
  const t = Date.now();
  const code = await server.stop();
  return { code, ms: Date.now() - t };
}

test(`600 query parameters are answered at once, 200 times over, and nothing is left in flight (${backend})`, async () => {
  const s = await startServer();
  let stopped;
  try {
    const query = Array.from({ length: 600 }, (_, i) => `p${i}=x`).join('&');
    for (let i = 0; i < 200; i++) {
      const r = await exchange(s, get('/healthz?' + query), { timeout: 3000 });
      assert.ok(r.closed && r.ms < 2000, `request ${i}: no answer after ${r.ms} ms`);
      assert.equal(r.status, 400, `request ${i}: ${r.raw.slice(0, 200)}`);
      assert.match(r.raw, /"code":"bad_query"/);
    }
    // A web address too long for the server is 414, and headers too many
    // for it 431, also at once; the log line says so, without the query.
    const long = await exchange(s, get('/healthz?q=' + 'x'.repeat(64 * 1024)), { timeout: 3000 });
    assert.equal(long.status, 414);
    assert.ok(long.ms < 2000);
    const headers = Array.from({ length: 2000 }, (_, i) => `X-H${i}: v\r\n`).join('');
    const many = await exchange(s, `GET /healthz?postcode=YO17HH HTTP/1.1\r\nHost: x\r\n${headers}\r\n`, { timeout: 3000 });
    assert.equal(many.status, 431);
    assert.ok(many.ms < 2000);
    const ok = await exchange(s, get('/healthz'));
    assert.equal(ok.status, 200);
  } finally {
    stopped = await stopTimed(s);
  }
  assert.equal(stopped.code, 0, s.log.slice(-2000));
  assert.ok(stopped.ms < 5000, `stopping took ${stopped.ms} ms`);
  assert.doesNotMatch(s.log, /still in flight/);
  assert.match(s.log, / \/healthz 431 /);
  assert.doesNotMatch(s.log, /YO17HH/);
});

// Opens `count` connections from 127.0.0.1, each sending a request line a
// byte at a time every `every` ms, never finishing it. Resolves once each
// has connected; `open()` counts those the server has not closed.
async function holdSockets(server, count, every = 2000) {
  const socks = [];
  const line = 'GET /healthz HTTP/1.1';
  for (let i = 0; i < count; i += 100) {
    const batch = [];
    for (let j = i; j < Math.min(count, i + 100); j++) {
      const sock = net.connect({ host: '127.0.0.1', port: portOf(server), localAddress: '127.0.0.1' });
      sock.closedByServer = false;
      sock.on('error', () => {});
      sock.on('close', () => { sock.closedByServer = true; clearInterval(sock.trickle); });
      batch.push(new Promise((r) => { sock.on('connect', r); sock.on('close', r); }));
      sock.on('connect', () => {
        let sent = 0;
        sock.write(line[sent++]);
        sock.trickle = setInterval(() => { if (sent < line.length) sock.write(line[sent++]); }, every);
      });
      socks.push(sock);
    }
    await Promise.all(batch);
  }
  return {
    open: () => socks.filter((x) => !x.closedByServer).length,
    close: () => { for (const x of socks) { clearInterval(x.trickle); x.destroy(); } },
  };
}

test('1,100 connections held from 127.0.0.1 do not keep out a client from 127.0.0.2', async () => {
  // A long header deadline: here only the per-address limit protects.
  const s = await startServer({ args: ['--header-timeout', '60'] });
  let held;
  try {
    held = await holdSockets(s, 1100);
    await sleep(500);
    const open = held.open();
    assert.ok(open <= 100 && open >= 90, `${open} connections from one address stayed open`);
    const other = await exchange(s, get('/healthz'), { localAddress: '127.0.0.2', timeout: 3000 });
    assert.equal(other.status, 200, `127.0.0.2 got: ${other.raw.slice(0, 100)} after ${other.ms} ms`);
    // One more from the busy address is closed unanswered.
    const more = await exchange(s, get('/healthz'), { localAddress: '127.0.0.1', timeout: 3000 });
    assert.ok(more.closed && more.status === 0, `a 101st connection got: ${more.raw.slice(0, 100)}`);
    // Once they go, the address is served again.
    held.close();
    held = null;
    await sleep(300);
    const back = await exchange(s, get('/healthz'), { localAddress: '127.0.0.1', timeout: 3000 });
    assert.equal(back.status, 200);
  } finally {
    if (held) held.close();
    assert.equal(await s.stop(), 0);
  }
});

test('a trusted proxy is not held to the per-address limit', async () => {
  const s = await startServer({ args: ['--header-timeout', '60', '--max-connections-per-address', '5',
    '--trusted-proxies', '127.0.0.1'] });
  let held;
  try {
    held = await holdSockets(s, 20);
    await sleep(300);
    assert.equal(held.open(), 20, 'every connection of the proxy stays open');
    const more = await exchange(s, get('/healthz'), { localAddress: '127.0.0.1', timeout: 3000 });
    assert.equal(more.status, 200);
    // Anyone else is still held to it.
    const others = [];
    for (let i = 0; i < 8; i++)
      others.push(exchange(s, 'GET /healthz HTTP/1.1', { localAddress: '127.0.0.3', timeout: 1500, keepOpen: true }));
    const answered = await Promise.all(others);
    for (const x of answered) x.sock.destroy();
    assert.equal(answered.filter((x) => x.closed && x.status === 0).length, 3,
      'the connections past five from an untrusted address are closed');
  } finally {
    if (held) held.close();
    assert.equal(await s.stop(), 0);
  }
});

test('max-connections caps all connections; the next waits for a free one', async () => {
  const s = await startServer({ args: ['--max-connections', '20', '--header-timeout', '60', '--threads', '2'] });
  let held;
  try {
    held = await holdSockets(s, 20);
    await sleep(300);
    assert.equal(held.open(), 20);
    const waiting = exchange(s, get('/healthz'), { localAddress: '127.0.0.2', timeout: 8000 });
    await sleep(1000);
    let answered = false;
    waiting.then(() => { answered = true; });
    await sleep(0);
    assert.equal(answered, false, 'the 21st connection was served while 20 were held');
    held.close();
    held = null;
    const r = await waiting;
    assert.equal(r.status, 200);
  } finally {
    if (held) held.close();
    assert.equal(await s.stop(), 0);
  }
});

test('a connection that trickles its request is closed after header-timeout', async () => {
  const s = await startServer({ args: ['--header-timeout', '2'] });
  let stopped;
  try {
    const trickle = async (text) => {
      const sock = net.connect({ host: '127.0.0.1', port: portOf(s) });
      sock.on('error', () => {});
      const t = Date.now();
      const closed = new Promise((r) => sock.on('close', () => r(Date.now() - t)));
      let i = 0;
      const timer = setInterval(() => { if (i < text.length) sock.write(text[i++]); }, 300);
      const ms = await Promise.race([closed, sleep(8000).then(() => -1)]);
      clearInterval(timer);
      sock.destroy();
      return ms;
    };
    // Still in the request line, and past it, in the headers.
    const inLine = trickle('GET /healthz?' + 'a'.repeat(100));
    const inHeaders = trickle('GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ' + 'a'.repeat(100));
    for (const ms of await Promise.all([inLine, inHeaders])) {
      assert.ok(ms >= 1500 && ms < 4500, `closed after ${ms} ms`);
    }
    // A request that arrives in time is answered, however slow its body.
    const sock = net.connect({ host: '127.0.0.1', port: portOf(s) });
    const chunks = [];
    sock.on('data', (d) => chunks.push(d));
    const closed = new Promise((r) => sock.on('close', r));
    sock.write('POST /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 4\r\n\r\n');
    for (const c of 'abcd') { await sleep(1000); sock.write(c); }
    await closed;
    assert.match(Buffer.concat(chunks).toString(), /^HTTP\/1\.1 405 /);
  } finally {
    stopped = await stopTimed(s);
  }
  assert.equal(stopped.code, 0);
  assert.ok(stopped.ms < 5000, `stopping took ${stopped.ms} ms`);
  assert.doesNotMatch(s.log, /still in flight/);
});

test('limits are validated like every setting', async () => {
  for (const args of [['--max-connections', '0'], ['--max-connections', 'many'],
    ['--max-connections-per-address', '0'], ['--header-timeout', '0'], ['--header-timeout', '10m']]) {
    const r = await run(['serve', ...args]);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.stderr, new RegExp(args[0].slice(2)), args.join(' '));
  }
});

test(`a body's size and framing are checked before it is read (${backend})`, async () => {
  const s = await startServer();
  try {
    const post = (headers) => `POST /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n${headers}\r\n`;
    // Two Content-Length headers, different or equal, and Content-Length
    // with Transfer-Encoding: the body's length is ambiguous.
    for (const h of ['Content-Length: 3\r\nContent-Length: 30\r\n', 'Content-Length: 3\r\nContent-Length: 3\r\n',
      'Content-Length: 3\r\nTransfer-Encoding: chunked\r\n']) {
      const r = await exchange(s, post(h) + 'abc', { timeout: 3000 });
      assert.equal(r.status, 400, h + ' -> ' + r.raw.slice(0, 100));
    }
    // Expect: 100-continue for a body over the limit: 413, and no 100.
    const expect = await exchange(s, post('Content-Length: 10485760\r\nExpect: 100-continue\r\n'), { timeout: 3000 });
    assert.equal(expect.status, 413, expect.raw.slice(0, 100));
    assert.doesNotMatch(expect.raw, /100 Continue/);
    assert.ok(expect.ms < 2000);
    // Declared over the limit and sent anyway: refused without reading it.
    const big = await exchange(s, post('Content-Length: 10485760\r\n') + 'x'.repeat(100 * 1024), { timeout: 3000 });
    assert.equal(big.status, 413, `after ${big.ms} ms: ${big.raw.slice(0, 100)}`);
    assert.ok(big.ms < 2000);
    // Just over (1M + 10 bytes): read and thrown away, so the client,
    // sending it all, sees the answer rather than a reset.
    const near = await exchange(s, post('Content-Length: 1048586\r\n') + 'x'.repeat(1048586), { timeout: 5000 });
    assert.equal(near.status, 413, `after ${near.ms} ms: ${near.raw.slice(0, 100)}`);
    // Refused on its headers alone (no such method here): no 100 either.
    const refused = await exchange(s, post('Content-Length: 4\r\nExpect: 100-continue\r\n'), { timeout: 3000 });
    assert.equal(refused.status, 405);
    assert.ok(refused.ms < 2000);
    // Within the limit, to an address that takes it, 100-continue is honoured.
    const api = 'POST /api/v1/admin/areas HTTP/1.1\r\nHost: x\r\nConnection: close\r\n' +
      'Content-Type: application/json\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\n';
    const small = await exchange(s, api, { timeout: 1000, keepOpen: true });
    assert.match(small.raw, /^HTTP\/1\.1 100 Continue\r\n\r\n$/);
    const rest = await new Promise((r) => {
      const chunks = [];
      small.sock.on('data', (d) => chunks.push(d));
      small.sock.on('close', () => r(Buffer.concat(chunks).toString()));
      small.sock.write('{}');
    });
    assert.match(rest, /^HTTP\/1\.1 401 /);
  } finally {
    assert.equal(await s.stop(), 0);
  }
});

// Starts serve under a shell's open-files limit (soft and hard) and
// resolves to its log and limits once it listens; stops it after.
async function serveWithFileLimit(soft, hard) {
  const db = freshDatabase();
  assert.equal((await migrate(db)).code, 0);
  const child = spawn('sh', ['-c', `ulimit -Sn ${soft} && ulimit -Hn ${hard} && exec "$@"`, 'sh', bin, 'serve',
    '--listen', '127.0.0.1:0', '--db', db, '--assets', join(root, 'web/dist')], { cwd: root });
  let log = '';
  child.stderr.on('data', (d) => { log += d; });
  let code = null;
  const exited = new Promise((r) => child.on('close', (c) => { code = c; r(c); }));
  for (let i = 0; i < 100 && code === null && !/listening on/.test(log); i++) await sleep(100);
  assert.match(log, /listening on/);
  const limits = readFileSync(`/proc/${child.pid}/limits`, 'utf8');
  const [, cur] = /Max open files\s+(\d+)\s+(\d+)/.exec(limits);
  child.kill('SIGTERM');
  assert.equal(await exited, 0);
  return { log, soft: Number(cur) };
}

test('serve raises its open-files limit for max-connections, or fits max-connections to it', async () => {
  const raised = await serveWithFileLimit(256, 20000);
  assert.ok(raised.soft >= 2000 && raised.soft <= 20000, `soft limit ${raised.soft}`);
  assert.match(raised.log, /2000 connections/);
  assert.doesNotMatch(raised.log, /open-files limit/);
  const low = await serveWithFileLimit(1024, 1024);
  assert.equal(low.soft, 1024);
  const m = /open-files limit \(1024\) is too low for max-connections 2000: serving at most (\d+) connections/.exec(low.log);
  assert.ok(m, low.log);
  assert.ok(Number(m[1]) > 500 && Number(m[1]) < 1024);
  assert.match(low.log, new RegExp(`\\(\\d+ threads, ${m[1]} connections`));
});
