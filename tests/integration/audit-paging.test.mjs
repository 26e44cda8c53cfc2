// The audit trail in pages: the API hands out `next`, a cursor for the
// entries older than the page, and the pages link to older and newer
// entries.  Pages follow (at, id), not an offset, so an entry written
// while someone pages does not shift what they see; a cursor that is
// not one is refused.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { run, startServer, wardsDatabase, backend } from '../lib/alongside.mjs';
import { Browser, DEMO_PASSWORD } from '../lib/staff.mjs';

const TOKENS = 12, CHANGES = 11;
let db, server, admin, lead;
const cli = (...args) => run([...args, '--db', db], { input: DEMO_PASSWORD + '\n' });

before(async () => {
  db = await wardsDatabase();
  assert.equal((await cli('area', 'add', 'West', '--wards', 'E05010311')).code, 0);
  for (const [name, role, area] of [['alex', 'administrator'], ['lead', 'team_leader', 'West']]) {
    const r = await cli('user', 'add', name, '--role', role, ...(area ? ['--area', area] : []));
    assert.equal(r.code, 0, r.stderr);
  }
  for (let i = 0; i < TOKENS; i++) {
    assert.equal((await cli('token', 'add', '--name', `t${i}`, '--scope', 'audit.read')).code, 0);
  }
  // The area's own trail: its creation and these coordinators.
  for (let i = 0; i < CHANGES - 1; i++) {
    assert.equal((await cli('area', 'set-coordinator', 'West', '--name', `Coordinator ${i}`)).code, 0);
  }
  server = await startServer({ db, migrate: false });
  admin = await new Browser(server.url).signedIn('alex');
  lead = await new Browser(server.url).signedIn('lead');
});
after(async () => { await server.stop(); });

const json = async (browser, path) => {
  const r = await browser.get(path);
  assert.equal(r.status, 200, `${path}: ${r.text}`);
  return r.json();
};
const key = (e) => `${e.at} ${e.action} ${e.record_id}`;

// Follows `next` from the first page to the last, with pages of size.
async function walk(browser, path, size) {
  const seen = [];
  const sep = path.includes('?') ? '&' : '?';
  let page = await json(browser, `${path}${sep}limit=${size}`);
  for (let pages = 1; ; pages++) {
    assert.ok(page.entries.length <= size);
    seen.push(...page.entries);
    if (!page.next) return { seen, pages };
    assert.equal(page.entries.length, size);
    assert.ok(pages < 20, 'paging does not end');
    page = await json(browser, `${path}${sep}limit=${size}&before=${encodeURIComponent(page.next)}`);
  }
}

test(`the API pages through the trail by cursor (${backend})`, async () => {
  const whole = (await json(admin, '/api/v1/admin/audit?action=token_add')).entries;
  assert.equal(whole.length, TOKENS);
  const { seen, pages } = await walk(admin, '/api/v1/admin/audit?action=token_add', 5);
  assert.equal(pages, 3);
  assert.deepEqual(seen.map(key), whole.map(key));
  // Newest first, throughout.
  for (let i = 1; i < seen.length; i++) assert.ok(seen[i - 1].at >= seen[i].at);

  const team = await walk(lead, '/api/v1/team/audit', 4);
  assert.equal(team.seen.length, CHANGES);
  assert.equal(team.pages, 3);
  assert.equal(new Set(team.seen.map(key)).size, CHANGES);

  // A page of exactly what is left has no next.
  const last = await json(admin, '/api/v1/admin/audit?action=token_add&limit=12');
  assert.equal(last.entries.length, TOKENS);
  assert.equal(last.next, null);
});

test('an entry written while paging does not shift the pages', async () => {
  const first = await json(admin, '/api/v1/admin/audit?action=token_add&limit=5');
  assert.equal((await cli('token', 'add', '--name', 'late', '--scope', 'audit.read')).code, 0);
  const second = await json(admin, `/api/v1/admin/audit?action=token_add&limit=5&before=${encodeURIComponent(first.next)}`);
  const whole = (await json(admin, '/api/v1/admin/audit?action=token_add')).entries;
  assert.equal(whole.length, TOKENS + 1);
  assert.deepEqual(second.entries.map(key), whole.slice(6, 11).map(key));
});

test('the pages link to older and newer entries', async () => {
  const links = (html) => ({
    older: /<a class="govuk-link" href="([^"]+)"[^>]*>Older entries/.exec(html)?.[1]?.replace(/&amp;/g, '&'),
    newer: /<a class="govuk-link" href="([^"]+)"[^>]*>Newer entries/.exec(html)?.[1]?.replace(/&amp;/g, '&'),
    rows: (html.match(/<tr class="govuk-table__row"><td/g) || []).length,
  });
  const first = await admin.get('/admin/audit?action=token_add&limit=5');
  assert.equal(first.status, 200);
  const one = links(first.text);
  assert.equal(one.rows, 5);
  assert.equal(one.newer, undefined);
  assert.match(one.older, /^\/admin\/audit\?action=token_add&limit=5&before=/);
  const second = links((await admin.get(one.older)).text);
  assert.equal(second.rows, 5);
  assert.match(second.newer, /^\/admin\/audit\?action=token_add&limit=5&after=/);
  // Newer from the second page is the first again.
  const back = await admin.get(second.newer);
  assert.equal(links(back.text).rows, 5);
  const cells = (html) => html.match(/<td class="govuk-table__cell">[^<]*<\/td>/g).join('');
  assert.equal(cells(back.text), cells(first.text));
  assert.equal(links(back.text).newer, undefined);
  // The last page has no older link.
  const third = links((await admin.get(second.older)).text);
  assert.equal(third.older, undefined);
  assert.equal(third.rows, 3);

  const team = await lead.get('/team/audit?limit=4');
  assert.equal(team.status, 200);
  assert.match(links(team.text).older, /^\/team\/audit\?limit=4&before=/);
  // The CSV link takes the filter, not the page.
  assert.match(team.text, /href="\/team\/audit.csv"/);
});

test('a cursor that is not one, or a page size out of range, is refused', async () => {
  const at = '2026-03-01T09:30:00.000Z', id = 'a'.repeat(32);
  for (const query of [`before=nonsense`, `before=${at}`, `before=${at}_${'A'.repeat(32)}`,
    `before=2026-13-01T09:30:00.000Z_${id}`, `after=${id}_${at}`, `before=${at}_${id}&after=${at}_${id}`,
    'limit=0', 'limit=501', 'limit=ten']) {
    for (const [browser, path] of [[admin, '/api/v1/admin/audit'], [lead, '/api/v1/team/audit'],
      [admin, '/admin/audit'], [lead, '/team/audit']]) {
      // The API pages one way, by `next`: it takes no after=.
      if (path.startsWith('/api/') && query.includes('after=')) continue;
      const r = await browser.get(`${path}?${query}`);
      assert.equal(r.status, 422, `${path}?${query}: ${r.status}`);
      if (path.startsWith('/api/')) assert.equal(r.json().error.code, 'invalid');
    }
  }
  // A well-formed cursor is a place in time, whether or not an entry is there.
  const r = await json(admin, `/api/v1/admin/audit?before=${encodeURIComponent(`2000-01-01T00:00:00.000Z_${id}`)}`);
  assert.deepEqual(r, { entries: [], next: null });
});

// The filter's dates are GOV.UK date inputs in a GET form: typed as day,
// month and year, carried on by the page's links and the CSV link as one
// date each (?from=YYYY-MM-DD, which the pages still take), and 31
// February refused at its field.
test('the filter takes its dates as day, month and year; its links carry them on', async () => {
  const today = new Date().toISOString().slice(0, 10);
  const [y, m, d] = today.split('-').map(Number);
  const typed = `action=token_add&limit=5&from-day=1&from-month=1&from-year=2000&to-day=${d}&to-month=${m}&to-year=${y}`;
  const page = await admin.get(`/admin/audit?${typed}`);
  assert.equal(page.status, 200, page.text);
  assert.match(page.text, /id="from" name="from-day" type="text"[^>]*value="1"/);
  assert.match(page.text, new RegExp(`id="to-year" name="to-year" type="text"[^>]*value="${y}"`));
  assert.doesNotMatch(page.text, /YYYY/);
  assert.equal((page.text.match(/<tr class="govuk-table__row"><td/g) || []).length, 5);
  const older = /href="([^"]+)"[^>]*>Older entries/.exec(page.text)[1].replace(/&amp;/g, '&');
  assert.match(older, new RegExp(`^/admin/audit\\?action=token_add&from=2000-01-01&to=${today}&limit=5&before=`));
  const next = await admin.get(older);
  assert.equal(next.status, 200);
  assert.match(next.text, /id="from" name="from-day" type="text"[^>]*value="1"/, 'a link\'s date is shown in the fields');
  // A day the trail has nothing for is empty, typed or carried.
  for (const query of ['from-day=1&from-month=1&from-year=2001&to-day=2&to-month=1&to-year=2001', 'from=2001-01-01&to=2001-01-02']) {
    const none = await admin.get(`/admin/audit?${query}`);
    assert.equal(none.status, 200);
    assert.equal((none.text.match(/<tr class="govuk-table__row"><td/g) || []).length, 0, query);
  }
  // The team's CSV link carries the typed filter as dates.
  const team = await lead.get(`/team/audit?from-day=1&from-month=1&from-year=2000&to-day=${d}&to-month=${m}&to-year=${y}`);
  assert.equal(team.status, 200);
  const csvLink = /href="(\/team\/audit.csv[^"]*)"/.exec(team.text)[1].replace(/&amp;/g, '&');
  assert.equal(csvLink, `/team/audit.csv?from=2000-01-01&to=${today}`);
  assert.equal((await lead.get(csvLink)).status, 200);
  // 31 February, typed or carried, is refused at its field.
  for (const [browser, path] of [[admin, '/admin/audit'], [lead, '/team/audit']]) {
    const bad = await browser.get(`${path}?from-day=31&from-month=2&from-year=2026&to=2026-02-30`);
    assert.equal(bad.status, 422, path);
    assert.match(bad.text, /<a href="#from">From must be a real date: check the day/);
    assert.match(bad.text, /<a href="#to">To must be a real date/);
    assert.match(bad.text, /class="govuk-input govuk-date-input__input govuk-input--width-2 govuk-input--error" id="from"/);
  }
  assert.equal((await lead.get('/team/audit.csv?from-day=31&from-month=2&from-year=2026')).status, 422);
});
