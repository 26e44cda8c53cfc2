// Starts the real alongside binary for integration and browser tests.
//
// The backend comes from the environment that tests/run sets:
//   ALONGSIDE_TEST_PG_ADMIN  a postgres:// URL of a server the harness
//                            started; each test database is created in it.
//                            Without it, tests use a fresh SQLite file.
//   ALONGSIDE_BIN            the binary under test (default ./alongside).
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import net from 'node:net';

export const root = resolve(new URL('../..', import.meta.url).pathname);
export const bin = resolve(root, process.env.ALONGSIDE_BIN || 'alongside');
export const shared = resolve(root, '../shared/data');
// The newest migration the binary carries, from the schema folder.
export const schemaVersion = Math.max(...readdirSync(resolve(root, 'schema'))
  .filter((f) => /^\d{3}-.*\.sql$/.test(f)).map((f) => Number(f.slice(0, 3))));
export const backend = process.env.ALONGSIDE_TEST_PG_ADMIN ? 'postgresql' : 'sqlite';

// On PostgreSQL each test database is owned by the role that migrates it
// and served by another, which may not change the schema or the audit
// log: the two roles tests/pg-harness makes.
export const OWNER_ROLE = 'alongside_owner', APP_ROLE = 'alongside_app';
const owners = new Map();

const cleanups = [];
process.on('exit', () => { for (const f of cleanups.reverse()) { try { f(); } catch { /* best effort */ } } });

// A new, empty database URL for the configured backend (not yet migrated):
// on PostgreSQL the app role's, as `serve` connects; ownerUrl() gives the
// owner's, to migrate with (migrate() does).
export function freshDatabase() {
  const admin = process.env.ALONGSIDE_TEST_PG_ADMIN;
  if (admin) {
    const name = 'alongside_test_' + randomBytes(6).toString('hex');
    execFileSync('psql', [admin, '-qAtc', `CREATE DATABASE ${name} OWNER ${OWNER_ROLE}`], { stdio: 'pipe' });
    const as = (role) => {
      const url = new URL(admin);
      url.pathname = '/' + name;
      url.username = role;
      url.password = '';
      return url.toString();
    };
    cleanups.push(() => execFileSync('psql', [admin, '-qAtc', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`], { stdio: 'pipe' }));
    owners.set(as(APP_ROLE), as(OWNER_ROLE));
    return as(APP_ROLE);
  }
  const dir = mkdtempSync(join(tmpdir(), 'alongside-test-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return 'sqlite:' + join(dir, 'alongside.db');
}

// The URL that migrates db: the owner role's on PostgreSQL, db itself on
// SQLite (and for a database this module did not make).
export function ownerUrl(db) {
  return owners.get(db) || db;
}

// `alongside migrate` on db, as its owner.
export function migrate(db) {
  return run(['migrate', '--db', db, '--migrate-db', ownerUrl(db)]);
}

const shellQuote = (s) => "'" + s.replace(/'/g, "'\\''") + "'";

// Runs the binary to completion; resolves to { code, stdout, stderr }.
// With `terminal`, it runs under script(1) on a pseudo-terminal, as a
// person at a shell would: its stdout and stderr then both arrive in stdout.
export function run(args, { env = {}, input, terminal = false } = {}) {
  return new Promise((resolveRun, reject) => {
    const [file, argv] = terminal
      ? ['script', ['-qec', [bin, ...args].map(shellQuote).join(' '), '/dev/null']]
      : [bin, args];
    const child = spawn(file, argv, { cwd: root, env: { ...cleanEnv(), ...env } });
    let stdout = '', stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (code) => resolveRun({ code, stdout, stderr }));
    if (input !== undefined) child.stdin.end(input); else child.stdin.end();
  });
}

// The environment without any ALONGSIDE_ setting of the caller's, so a test
// sees only what it sets itself.
function cleanEnv() {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!k.startsWith('ALONGSIDE_')) env[k] = v;
  }
  return env;
}

// Migrates a fresh database (as its owner) and starts `alongside serve` on a
// free port (as the app role).
// Resolves once it is listening, to an object with the base url, the
// process, the log so far, and stop() for a graceful SIGTERM.
export async function startServer({ db, migrate: migrateFirst = true, args = [], env = {} } = {}) {
  db = db || freshDatabase();
  if (migrateFirst) {
    const m = await migrate(db);
    if (m.code !== 0) throw new Error('migrate failed: ' + m.stderr);
  }
  const child = spawn(bin, ['serve', '--listen', '127.0.0.1:0', '--db', db,
    '--assets', join(root, 'web/dist'), ...args], { cwd: root, env: { ...cleanEnv(), ...env } });
  const server = { db, child, log: '', url: null, exitCode: null };
  const exited = new Promise((r) => child.on('close', (code, signal) => { server.exitCode = code; server.signal = signal; r(code); }));
  server.exited = exited;
  child.stdout.on('data', (d) => { server.log += d; });
  await new Promise((resolveStart, reject) => {
    const timer = setTimeout(() => reject(new Error('server did not start:\n' + server.log)), 15000);
    child.stderr.on('data', (d) => {
      server.log += d;
      const m = /listening on (http:\/\/[^\s]+)/.exec(server.log);
      if (m && !server.url) { server.url = m[1]; clearTimeout(timer); resolveStart(); }
    });
    exited.then(() => { clearTimeout(timer); reject(new Error('server exited:\n' + server.log)); });
  });
  server.stop = async () => {
    if (server.exitCode === null && !server.signal) child.kill('SIGTERM');
    return exited;
  };
  cleanups.push(() => { if (server.exitCode === null) child.kill('SIGKILL'); });
  return server;
}

// Sends a request exactly as given, a string or a Buffer of raw bytes (for
// requests fetch() would refuse to make), and resolves to { status,
// headers, body } once the server closes the connection: send
// "Connection: close".
export function rawRequest(baseUrl, text) {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolveReq, reject) => {
    const sock = net.connect(Number(port), hostname);
    const chunks = [];
    sock.on('data', (d) => chunks.push(d));
    sock.on('error', reject);
    sock.on('close', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const [head, ...rest] = raw.split('\r\n\r\n');
      const lines = head.split('\r\n');
      const status = Number((lines[0] || '').split(' ')[1]);
      const headers = {};
      for (const l of lines.slice(1)) {
        const i = l.indexOf(':');
        if (i > 0) headers[l.slice(0, i).toLowerCase()] = l.slice(i + 1).trim();
      }
      resolveReq({ status, headers, body: rest.join('\r\n\r\n') });
    });
    sock.write(text);
  });
}

// A migrated database holding the real York wards and nothing else, for
// tests that make their own areas.
export async function wardsDatabase() {
  const db = freshDatabase();
  for (const r of [await migrate(db),
    await run(['import-wards', join(shared, 'york-ward-boundaries/york_wards_2024.geojson'), '--db', db])]) {
    if (r.code !== 0) throw new Error('wardsDatabase: ' + r.stderr);
  }
  return db;
}

// A migrated database holding the real York wards and postcodes and the
// demo areas, coordinators and drop-ins, loaded by scripts/load-demo as
// `make run` does.
// The York demo; { caseload: false } leaves out its invented people, for
// tests that count people from nothing; { history: true } adds the
// invented 18 months of introductions and work (tools/invent_programme),
// which tests that count introductions from nothing do without.
export async function yorkDatabase({ caseload = true, history = false } = {}) {
  const db = freshDatabase();
  await new Promise((resolveLoad, reject) => {
    const env = { ...cleanEnv(), ALONGSIDE_MIGRATE_DB: ownerUrl(db) };
    if (!caseload) env.ALONGSIDE_DEMO_CASELOAD = 'no';
    if (!history) env.ALONGSIDE_DEMO_HISTORY = 'no';
    const child = spawn(join(root, 'scripts/load-demo'), [db], { cwd: root, env });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { out += d; });
    child.on('close', (code) => (code === 0 ? resolveLoad() : reject(new Error('load-demo: ' + out))));
  });
  return db;
}
