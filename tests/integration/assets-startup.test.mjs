// `alongside serve` refuses to start when the assets directory lacks a file
// the pages link to, naming the file and the directory, rather than failing
// the first request that needs it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run, migrate, root, startServer, freshDatabase } from '../lib/alongside.mjs';

// A copy of web/dist without the file `missing`.
function assetsWithout(missing) {
  const dir = mkdtempSync(join(tmpdir(), 'alongside-assets-'));
  cpSync(join(root, 'web/dist'), dir, { recursive: true });
  rmSync(join(dir, missing));
  return dir;
}

for (const missing of ['app.css', 'leaflet/leaflet.js']) {
  test(`serve stops before listening when ${missing} is missing`, { timeout: 20000 }, async () => {
    const dir = assetsWithout(missing);
    try {
      const db = freshDatabase();
      assert.equal((await migrate(db)).code, 0);
      const r = await run(['serve', '--listen', '127.0.0.1:0', '--db', db, '--assets', dir]);
      assert.equal(r.code, 1, r.stderr);
      assert.equal(r.stderr, `alongside serve: assets directory ${dir} has no ${missing}, `
        + 'which pages link to (run make to build it)\n');
      assert.doesNotMatch(r.stderr, /listening/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

test('serve starts with a complete copy of web/dist', { timeout: 20000 }, async () => {
  const dir = assetsWithout('favicon.svg');
  cpSync(join(root, 'web/dist/favicon.svg'), join(dir, 'favicon.svg'));
  try {
    const server = await startServer({ args: ['--assets', dir] });
    const page = await fetch(server.url + '/');
    assert.equal(page.status, 200);
    assert.match(await page.text(), /href="\/assets\/favicon\.svg\?v=[0-9a-f]{16}"/);
    await server.stop();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
