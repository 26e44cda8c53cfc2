// scripts/check-layers: the layer order, folders that include each other and
// SQL outside the layers that may hold it, on small trees built here, and
// the real tree passing.  Needs no server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { root } from '../lib/alongside.mjs';

const script = join(root, 'scripts/check-layers');

// A src tree from { 'path/below/src': text }, checked; resolves to the
// script's exit status and what it printed.
function check(files) {
  const dir = mkdtempSync(join(tmpdir(), 'alongside-layers-'));
  try {
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
    const r = spawnSync(script, [dir], { encoding: 'utf8' });
    return { code: r.status, out: r.stdout + r.stderr, dir };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Every layer once, each including the ones below it, with page text,
// HTTP methods and iCalendar lines that look like SQL keywords but are not.
const clean = {
  'main.c': '#include "cli/cli.h"\n#include <stdio.h>\n',
  'cli/cli.h': '#include "server/server.h"\n',
  'server/server.h': '#include "web/pages.h"\n#include "api/api.h"\n',
  'server/routes.c': 'static const char *m[] = {"GET", "POST", "DELETE"};\n',
  'web/pages.h': '#include "http/http.h"\n#include "domain/areas/area.h"\n',
  'web/intro.c': '#include "web/pages.h"\n'
    + 'static const char *q = "Select who is getting in touch";\n'
    + 'static const char *u = "Update your details, then select from the list";\n'
    + 'static const char *b = "BEGIN:VEVENT";\n'
    + '/* "SELECT id FROM areas" in a comment is not code */\n',
  'api/api.h': '#include "http/http.h"\n',
  'http/http.h': '#include "domain/staff/caller.h"\n',
  'domain/areas/area.h': '#include "domain/staff/caller.h"\n#include "geo/geo.h"\n',
  'domain/areas/area.c': 'const char *sql = "SELECT id FROM areas WHERE id = $1";\n',
  'domain/staff/caller.h': '#include "db/db.h"\n',
  'geo/geo.h': '#include "db/db.h"\n',
  'db/db.h': '#include "core/err.h"\n',
  'db/db.c': 'const char *begin = "BEGIN IMMEDIATE";\n',
  'core/err.h': '#include <stddef.h>\n',
};

test('a tree that keeps every rule passes', () => {
  const r = check(clean);
  assert.equal(r.code, 0, r.out);
  assert.equal(r.out, '');
});

test('a core file including a domain header fails, naming the file, line and rule', () => {
  const r = check({ ...clean, 'core/log.c': '#include <stdio.h>\n\n#include "domain/staff/caller.h"\n' });
  assert.equal(r.code, 1, r.out);
  assert.match(r.out, /core\/log\.c:3: core includes domain\/staff\/caller\.h, from domain\/staff, a layer above it \(rule: layer order/);
});

test('web and api, of one rank, may not include each other', () => {
  const r = check({ ...clean, 'api/areas.c': '#include "web/pages.h"\n' });
  assert.equal(r.code, 1, r.out);
  assert.match(r.out, /api\/areas\.c:1: api includes web\/pages\.h, from web, its equal \(rule: layer order/);
});

test('two folders including each other fail, even of one rank', () => {
  const r = check({ ...clean, 'domain/staff/user.c': '#include "domain/staff/caller.h"\n#include "domain/areas/area.h"\n' });
  assert.equal(r.code, 1, r.out);
  assert.match(r.out, /domain\/staff\/user\.c:2: domain\/staff includes domain\/areas, and domain\/areas includes domain\/staff \([^)]*domain\/areas\/area\.h:1\) \(rule: no folders include each other/);
  assert.match(r.out, /domain\/areas\/area\.h:1: domain\/areas includes domain\/staff, and domain\/staff includes domain\/areas/);
});

test('a loop of three folders of one rank fails too', () => {
  const r = check({
    ...clean,
    'domain/staff/user.c': '#include "domain/introductions/intro.h"\n',
    'domain/introductions/intro.h': '#include "domain/areas/area.h"\n',
  });
  assert.equal(r.code, 1, r.out);
  assert.match(r.out, /domain\/staff\/user\.c:1: domain\/staff includes domain\/introductions, and domain\/introductions includes domain\/areas includes domain\/staff/);
});

test('SQL in src/web fails; split across literals and macros too', () => {
  const r = check({
    ...clean,
    'web/areas.c': '#include "web/pages.h"\n'
      + 'static const char *a = "SELECT id, name"\n  " FROM areas";\n'
      + 'static const char *b = "SELECT " COLUMNS\n  " FROM people";\n'
      + 'static const char *c = "UPDATE users SET name = $1";\n',
  });
  assert.equal(r.code, 1, r.out);
  assert.match(r.out, /web\/areas\.c:2: SQL outside src\/domain, src\/geo and src\/db: "SELECT id, name FROM areas" \(rule: SQL only/);
  assert.match(r.out, /web\/areas\.c:4: SQL outside/);
  assert.match(r.out, /web\/areas\.c:6: SQL outside/);
  assert.match(r.out, /3 problem\(s\)/);
});

test('each SQL statement kind is caught outside the SQL layers', () => {
  for (const sql of ['INSERT INTO people (id) VALUES ($1)', 'DELETE FROM leave WHERE id = $1',
    'CREATE TABLE t (id TEXT)', 'DROP INDEX i', 'ALTER TABLE t ADD COLUMN c TEXT', 'COMMIT',
    'ROLLBACK', 'BEGIN IMMEDIATE', 'SELECT 1', 'PRAGMA foreign_keys=ON; SELECT x FROM t']) {
    const r = check({ ...clean, 'cli/run.c': `const char *q = "${sql}";\n` });
    assert.equal(r.code, 1, sql);
    assert.match(r.out, /cli\/run\.c:1: SQL outside/, sql);
  }
});

test('a file in no layer fails', () => {
  const r = check({ ...clean, 'util/x.c': 'int x;\n' });
  assert.equal(r.code, 1, r.out);
  assert.match(r.out, /util\/x\.c:1: util\/x\.c is in no layer/);
});

test('a missing directory is a usage error', () => {
  const r = spawnSync(script, [join(tmpdir(), 'alongside-no-such-dir')], { encoding: 'utf8' });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /is not a directory/);
});

test('the real tree passes', () => {
  const r = spawnSync(script, [], { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, '');
});
