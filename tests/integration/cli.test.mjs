// The command line: help, version, exit codes, settings precedence and
// migrations (on PostgreSQL as the schema's owner, served as another role),
// against the real binary.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run, migrate, ownerUrl, startServer, freshDatabase, backend, schemaVersion, APP_ROLE }
  from '../lib/alongside.mjs';
import { Browser } from '../lib/staff.mjs';

test('--version and help exit 0', async () => {
  const v = await run(['--version']);
  assert.equal(v.code, 0);
  assert.match(v.stdout, /^alongside \d+\.\d+\.\d+\n$/);
  const h = await run(['help']);
  assert.equal(h.code, 0);
  for (const cmd of ['serve', 'migrate', 'version', 'help']) assert.match(h.stdout, new RegExp(`\\n  ${cmd} `));
});

test('every subcommand answers --help with its usage', async () => {
  for (const cmd of ['serve', 'migrate', 'import-wards', 'import-postcodes', 'lookup', 'version']) {
    const r = await run([cmd, '--help']);
    assert.equal(r.code, 0, cmd);
    assert.match(r.stdout, new RegExp(`^Usage: alongside ${cmd}`), cmd);
    const viaHelp = await run(['help', cmd]);
    assert.equal(viaHelp.stdout, r.stdout);
  }
});

test('usage errors exit 2 with one line on stderr', async () => {
  for (const args of [['frobnicate'], ['serve', '--no-such-flag'], ['serve', '--listen', 'nowhere'],
    ['serve', '--listen', '127.0.0.1:70000'], ['migrate', '--db', 'mysql://x'], ['serve', 'extra'],
    ['serve', '--body-limit', 'lots'], ['help', 'frobnicate']]) {
    const r = await run(args);
    assert.equal(r.code, 2, args.join(' '));
    assert.equal(r.stdout, '', args.join(' '));
    assert.match(r.stderr, /^alongside[^\n]{10,}\n$/, args.join(' '));
  }
  const bare = await run([]);
  assert.equal(bare.code, 2);
  assert.match(bare.stderr, /^Usage: alongside COMMAND/);
});

test('runtime errors exit 1', async () => {
  const noDir = await run(['migrate', '--db', 'sqlite:/nonexistent/dir/x.db']);
  assert.equal(noDir.code, 1);
  assert.match(noDir.stderr, /^alongside migrate: cannot open SQLite database/);
  const db = freshDatabase();
  const notHere = await run(['serve', '--db', db, '--listen', '192.0.2.1:8080']);
  assert.equal(notHere.code, 1);
  assert.match(notHere.stderr, /cannot listen on 192\.0\.2\.1:8080/);
  const noAssets = await run(['serve', '--db', db, '--listen', '127.0.0.1:0', '--assets', '/nonexistent']);
  assert.equal(noAssets.code, 1);
  assert.match(noAssets.stderr, /assets directory \/nonexistent/);
});

test(`migrate is idempotent and names the instance (${backend})`, async () => {
  const db = freshDatabase();
  const first = await migrate(db);
  assert.equal(first.code, 0, first.stderr);
  // On PostgreSQL serve's own role is named: it was granted what it needs.
  const served = backend === 'postgresql' ? `, served as ${APP_ROLE}` : '';
  assert.match(first.stdout, new RegExp(`^${backend} database at schema version ${schemaVersion} \\(${schemaVersion} applied now\\), instance [0-9a-f]{32}${served}\\n$`));
  const second = await migrate(db);
  assert.equal(second.code, 0);
  assert.equal(second.stderr, '', 'nothing on stderr, not even server notices');
  assert.match(second.stdout, /\(0 applied now\)/);
  const id = (s) => /instance ([0-9a-f]{32})/.exec(s)[1];
  assert.equal(id(second.stdout), id(first.stdout));
});

test(`concurrent migrations agree (${backend})`, async () => {
  const db = freshDatabase();
  const results = await Promise.all([1, 2, 3].map(() => migrate(db)));
  for (const r of results) assert.equal(r.code, 0, r.stderr);
  const applied = results.map((r) => Number(/\((\d+) applied now\)/.exec(r.stdout)[1]));
  assert.equal(applied.reduce((a, b) => a + b), schemaVersion);
  const ids = new Set(results.map((r) => /instance ([0-9a-f]{32})/.exec(r.stdout)[1]));
  assert.equal(ids.size, 1);
});

test('settings: flag over environment over config file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'alongside-cfg-'));
  const db = freshDatabase();
  const file = join(dir, 'alongside.conf');
  // The file sets a tiny body limit and a database; the environment
  // overrides the limit, and the flag (added by startServer) the database.
  writeFileSync(file, `# test settings\nbody-limit = 1K\ndb = sqlite:${join(dir, 'unused.db')}\n`);
  const viaFile = await startServer({ db, args: ['--config', file] });
  try {
    const r = await fetch(viaFile.url + '/healthz', { method: 'POST', body: 'x'.repeat(2000) });
    assert.equal(r.status, 413, 'config file limit of 1K applies');
  } finally { await viaFile.stop(); }
  const viaEnv = await startServer({ db, args: ['--config', file], env: { ALONGSIDE_BODY_LIMIT: '4K' } });
  try {
    const small = await fetch(viaEnv.url + '/healthz', { method: 'POST', body: 'x'.repeat(2000) });
    assert.equal(small.status, 405, 'environment raised the limit to 4K, so routing answers');
    const big = await fetch(viaEnv.url + '/healthz', { method: 'POST', body: 'x'.repeat(5000) });
    assert.equal(big.status, 413);
  } finally { await viaEnv.stop(); }
  const viaFlag = await startServer({ db, args: ['--config', file, '--body-limit', '8K'], env: { ALONGSIDE_BODY_LIMIT: '4K' } });
  try {
    const r = await fetch(viaFlag.url + '/healthz', { method: 'POST', body: 'x'.repeat(5000) });
    assert.equal(r.status, 405, 'flag beats environment');
    // The flag --db beat the file's db: the server is ready on the migrated one.
    assert.equal((await fetch(viaFlag.url + '/readyz')).status, 200);
  } finally { await viaFlag.stop(); }
  const badFile = await run(['serve', '--config', join(dir, 'missing.conf')]);
  assert.equal(badFile.code, 2);
  writeFileSync(file, 'colour = blue\n');
  const unknownKey = await run(['serve', '--config', file]);
  assert.equal(unknownKey.code, 2);
  assert.match(unknownKey.stderr, /unknown setting "colour" \(.*alongside\.conf:1\)/);
});

test('migrate-db names the same kind of database as db, and on SQLite the same file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'alongside-two-'));
  try {
    for (const [other, message] of [['postgres://owner@127.0.0.1:1/x', /same kind of database/],
      [`sqlite:${join(dir, 'b.db')}`, /same file as db/]]) {
      const r = await run(['migrate', '--db', `sqlite:${join(dir, 'a.db')}`, '--migrate-db', other]);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, message);
    }
    const same = `sqlite:${join(dir, 'a.db')}`;
    const r = await run(['migrate', '--db', same], { env: { ALONGSIDE_MIGRATE_DB: same } });
    assert.equal(r.code, 0, r.stderr);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

const psql = (url, sql) => execFileSync('psql', [url, '-qAtc', sql], { stdio: 'pipe' }).toString().trim();
const psqlFails = (url, sql) => {
  try { psql(url, sql); } catch (err) { return err.stderr.toString(); }
  assert.fail(`${sql} did not fail`);
};

test('on PostgreSQL, migrate refuses the serve role while a migration is pending',
  { skip: backend !== 'postgresql' }, async () => {
    const db = freshDatabase();
    const refused = await run(['migrate', '--db', db]);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, new RegExp(`${schemaVersion} migrations are pending, and role "${APP_ROLE}" may not change the schema.*--migrate-db`));
    assert.equal(psql(ownerUrl(db), "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"), '0');
    assert.equal((await migrate(db)).code, 0);
    // Up to date, there is nothing the serve role would have to change.
    const again = await run(['migrate', '--db', db]);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /\(0 applied now\)/);
  });

test('on PostgreSQL, serve connects as a role that may add to the audit log, never change it',
  { skip: backend !== 'postgresql' }, async () => {
    const server = await startServer();
    try {
      assert.equal((await fetch(server.url + '/readyz')).status, 200);
      const name = new URL(server.db).pathname.slice(1);
      const roles = psql(process.env.ALONGSIDE_TEST_PG_ADMIN,
        `SELECT DISTINCT usename FROM pg_stat_activity WHERE datname = '${name}'`);
      assert.equal(roles, APP_ROLE);
      // A sign-in that fails is an entry, written by the server as that role.
      const b = await new Browser(server.url).signIn('nobody', 'not the password');
      assert.notEqual(b.status, 303);
      assert.equal(psql(server.db, "SELECT count(*) FROM audit_log WHERE action = 'sign_in_failed'"), '1');
      for (const sql of ["UPDATE audit_log SET outcome = 'ok'", 'DELETE FROM audit_log', 'TRUNCATE audit_log']) {
        assert.match(psqlFails(server.db, sql), /permission denied for table audit_log/, sql);
        assert.match(psqlFails(ownerUrl(server.db), sql), /audit_log is append-only/, sql);
      }
      assert.equal(psql(server.db, "SELECT count(*) FROM audit_log WHERE action = 'sign_in_failed'"), '1');
    } finally { await server.stop(); }
  });
