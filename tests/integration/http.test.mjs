// The HTTP surface of the real binary: statuses, error shapes, headers,
// health and readiness, static assets, the access log and graceful stop.
// tests/run runs this file once per database backend.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, rawRequest, backend, freshDatabase, schemaVersion } from '../lib/alongside.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server.stop(); });

const get = (path, init) => fetch(server.url + path, init);

function assertSecurityHeaders(res) {
  const csp = res.headers.get('content-security-policy');
  assert.match(csp, /script-src 'self'/);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.doesNotMatch(csp, /unsafe-inline/);
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(res.headers.get('referrer-policy'), 'same-origin');
  assert.match(res.headers.get('x-request-id'), /^[0-9a-f]{16}$/);
}

async function assertJsonError(res, status, code) {
  assert.equal(res.status, status);
  assert.equal(res.headers.get('content-type'), 'application/json');
  const body = await res.json();
  assert.equal(body.error.code, code);
  assert.equal(typeof body.error.message, 'string');
  assert.ok(body.error.message.length > 10);
  return body;
}

async function assertHtmlError(res, status, heading) {
  assert.equal(res.status, status);
  assert.equal(res.headers.get('content-type'), 'text/html; charset=utf-8');
  const html = await res.text();
  assert.match(html, new RegExp(`<h1 class="govuk-heading-l">${heading}</h1>`));
  return html;
}

test(`healthz answers ok (${backend})`, async () => {
  const res = await get('/healthz');
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/json');
  assert.deepEqual(await res.json(), { status: 'ok' });
  assertSecurityHeaders(res);
});

test(`readyz names the backend, schema and instance (${backend})`, async () => {
  const res = await get('/readyz');
  assert.equal(res.status, 200);
  const body = await res.json();
  assert.equal(body.status, 'ok');
  assert.equal(body.database, backend);
  assert.equal(body.schema_version, schemaVersion);
  assert.match(body.instance, /^[0-9a-f]{32}$/);
});

test(`readyz is 503 on a database never migrated (${backend})`, async () => {
  const fresh = await startServer({ migrate: false });
  try {
    const res = await fetch(fresh.url + '/readyz');
    assert.equal(res.status, 503);
    const body = await res.json();
    assert.equal(body.status, 'unavailable');
    assert.equal(body.reason, 'schema_not_current');
    assert.equal((await fetch(fresh.url + '/healthz')).status, 200);
  } finally {
    assert.equal(await fresh.stop(), 0);
  }
});

test('readyz is 503 while PostgreSQL is unreachable, and the server still starts', async () => {
  const down = await startServer({ db: 'postgres://alongside@127.0.0.1:1/none', migrate: false });
  try {
    const res = await fetch(down.url + '/readyz');
    assert.equal(res.status, 503);
    const body = await res.json();
    assert.equal(body.reason, 'database_unreachable');
    assert.equal(body.database, 'postgresql');
    assert.equal((await fetch(down.url + '/healthz')).status, 200);
  } finally {
    assert.equal(await down.stop(), 0);
  }
});

test('the home page is a complete GOV.UK-styled page with no inline script', async () => {
  const res = await get('/');
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'text/html; charset=utf-8');
  assertSecurityHeaders(res);
  const html = await res.text();
  assert.match(html, /^<!DOCTYPE html>/);
  assert.match(html, /<title>Local Area Coordination<\/title>/);
  assert.match(html, /<h1 class="govuk-heading-xl">/);
  assert.match(html, /class="govuk-skip-link"/);
  // The home page shows no data set, so its footer carries no attribution
  // (tests/integration/public-texts.test.mjs has where they go).
  assert.match(html, /<footer[^]*href="\/privacy"/);
  assert.doesNotMatch(html, /Contains Ordnance Survey data/);
  for (const tag of html.match(/<script[^>]*>/g)) assert.match(tag, / src="\/assets\//);
  assert.doesNotMatch(html, /<script[^>]*>[^<]+<\/script>/);
});

test('HEAD answers like GET without a body', async () => {
  const res = await get('/', { method: 'HEAD' });
  assert.equal(res.status, 200);
  assert.equal(await res.text(), '');
  assert.ok(Number(res.headers.get('content-length')) > 1000);
});

test('an unknown path is 404: a page for people, JSON under /api/', async () => {
  const page = await get('/no-such-page');
  assertSecurityHeaders(page);
  await assertHtmlError(page, 404, 'Page not found');
  await assertJsonError(await get('/api/v1/no-such-thing'), 404, 'not_found');
});

test('a wrong method is 405 with Allow', async () => {
  const res = await get('/healthz', { method: 'POST', body: 'x' });
  assert.equal(res.headers.get('allow'), 'GET, HEAD');
  await assertJsonError(res, 405, 'method_not_allowed');
  const page = await get('/', { method: 'DELETE' });
  assert.equal(page.headers.get('allow'), 'GET, HEAD');
  await assertHtmlError(page, 405, 'That action is not possible here');
});

test('malformed percent-encoding or UTF-8 in the path or query is 400', async () => {
  await assertHtmlError(await get('/%zz'), 400, 'We could not understand that request');
  await assertHtmlError(await get('/%C0%AF'), 400, 'We could not understand that request');
  await assertJsonError(await get('/api/%'), 400, 'bad_request');
  await assertHtmlError(await get('/?q=%ff'), 400, 'We could not understand that request');
  await assertJsonError(await get('/healthz?x=%E2%82'), 400, 'bad_query');
  // Well-formed text in the query is accepted.
  assert.equal((await get('/healthz?q=caf%C3%A9+au+lait')).status, 200);
});

test('a form body with invalid UTF-8 is refused before any handler sees it', async () => {
  const head = 'GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n' +
    'Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 6\r\n\r\nname=';
  const bad = await rawRequest(server.url, Buffer.concat([Buffer.from(head), Buffer.from([0xff])]));
  assert.equal(bad.status, 400);
  assert.equal(JSON.parse(bad.body).error.code, 'bad_form');
  // Well-formed, it is read, and then refused for what it says: /healthz
  // declares no form field.
  const good = await rawRequest(server.url, head + 'a');
  assert.equal(good.status, 422);
  assert.equal(JSON.parse(good.body).error.fields[0].field, 'name');
});

test('a form of up to 2,048 fields is read; one more is 400 bad_form', async () => {
  const post = (fields) => {
    const body = Array.from({ length: fields }, (_, i) => `f${i}=x`).join('&');
    return rawRequest(server.url, 'GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n' +
      'Content-Type: application/x-www-form-urlencoded\r\n' +
      `Content-Length: ${body.length}\r\n\r\n${body}`);
  };
  // Read, then refused for what it says: /healthz declares no field.
  const largest = await post(2048);
  assert.equal(largest.status, 422);
  const over = await post(2049);
  assert.equal(over.status, 400);
  assert.equal(JSON.parse(over.body).error.code, 'bad_form');
});

test('a body over the limit is 413, whether declared or streamed', async () => {
  const big = 'x'.repeat(1024 * 1024 + 1);
  await assertHtmlError(await get('/', { method: 'POST', body: big }), 413, 'What you sent is too large');
  await assertJsonError(await get('/api/v1/anything', { method: 'POST', body: big }), 413, 'body_too_large');
  // Chunked: no Content-Length to refuse up front, so the limit applies as it streams.
  const chunk = 'x'.repeat(600 * 1024);
  const hex = chunk.length.toString(16);
  const res = await rawRequest(server.url,
    'GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n' +
    `${hex}\r\n${chunk}\r\n${hex}\r\n${chunk}\r\n0\r\n\r\n`);
  assert.equal(res.status, 413);
  // Just under the limit is fine.
  assert.equal((await get('/healthz', { method: 'GET', body: undefined })).status, 200);
});

test('static assets are versioned, cached and revalidated', async () => {
  const html = await (await get('/')).text();
  const href = /<link rel="stylesheet" href="([^"]+)">/.exec(html)[1];
  assert.match(href, /^\/assets\/app\.css\?v=[0-9a-f]{16}$/);
  const versioned = await get(href);
  assert.equal(versioned.status, 200);
  assert.equal(versioned.headers.get('content-type'), 'text/css; charset=utf-8');
  assert.equal(versioned.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  assert.match(await versioned.text(), /govuk-template/);

  const plain = await get('/assets/app.css');
  assert.equal(plain.headers.get('cache-control'), 'public, no-cache');
  const etag = plain.headers.get('etag');
  assert.match(etag, /^"[0-9a-f]{16}"$/);
  const again = await get('/assets/app.css', { headers: { 'If-None-Match': etag } });
  assert.equal(again.status, 304);
  assert.equal(await again.text(), '');

  assert.equal((await get('/assets/nope.css')).status, 404);
  const traversal = await rawRequest(server.url,
    'GET /assets/../../../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
  assert.equal(traversal.status, 404);
  assert.equal((await get('/assets/%2e%2e/%2e%2e/Makefile')).status, 404);
});

test('one access-log line per request, without the query string', async () => {
  await get('/healthz?postcode=YO1+7HH');
  await new Promise((r) => setTimeout(r, 100));
  const line = server.log.split('\n').find((l) => /GET \/healthz \d/.test(l) && / 200 15 \d+us [0-9a-f]{16}$/.test(l));
  assert.ok(line, 'no access line for /healthz in:\n' + server.log.slice(-2000));
  assert.doesNotMatch(server.log, /YO1/);
  assert.doesNotMatch(server.log, /postcode=/);
});

test('SIGTERM lets a request in flight finish, then exits 0', async () => {
  const s = await startServer({ db: freshDatabase() });
  const { default: net } = await import('node:net');
  const { hostname, port } = new URL(s.url);
  const sock = net.connect(Number(port), hostname);
  const chunks = [];
  sock.on('data', (d) => chunks.push(d));
  const closed = new Promise((r) => sock.on('close', r));
  await new Promise((r) => sock.on('connect', r));
  // Headers and half the body: the request is in flight.
  sock.write('GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 10\r\n\r\n12345');
  await new Promise((r) => setTimeout(r, 200));
  s.child.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 300));
  // Stopped accepting: a new connection is refused at once.
  const refused = await new Promise((r) => {
    const probe = net.connect(Number(port), hostname);
    probe.on('error', (err) => r(err.code));
    probe.on('connect', () => { probe.destroy(); r('connected'); });
  });
  assert.equal(refused, 'ECONNREFUSED');
  sock.write('67890');
  await closed;
  const raw = Buffer.concat(chunks).toString();
  assert.match(raw, /^HTTP\/1\.1 200 /);
  assert.match(raw, /\{"status":"ok"\}$/);
  assert.equal(await s.exited, 0);
  assert.match(s.log, /received SIGTERM/);
  assert.match(s.log, /stopped/);
});
