// The invented programme history (tools/invent_programme) at demo scale, on
// the configured backend: load-demo adds it to a fresh York demo with
// counts in the range the tool promises (about 25 introductions a month
// in each of the five covered areas over 18 months), every introduction
// with its history from 'new', replies mostly within three working days
// and never on a weekend, nothing dated after today, the five domains and
// the clearly-marked invented unit costs there; the same seed and day
// give the same rows, ids and all, and another seed others; running
// load-demo again adds nothing; bad arguments are refused with a clear
// message and change nothing.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { root, yorkDatabase, ownerUrl } from '../lib/alongside.mjs';

const tool = join(root, 'build/release/tools/invent_programme');
const big = { maxBuffer: 256 * 1024 * 1024 };
const sql = (db, query) => (db.startsWith('sqlite:')
  ? execFileSync('sqlite3', [db.slice('sqlite:'.length), query], big)
  : execFileSync('psql', [db, '-qAtc', query], big)).toString().trim();
const count = (db, table) => Number(sql(db, `SELECT count(*) FROM ${table}`));
const invent = (db, ...args) => spawnSync(tool, ['--db', db, '--scale', 'demo', ...args],
  { encoding: 'utf8' });
const tables = ['introductions', 'introduction_history', 'people', 'involvements',
  'involvement_history', 'conversations', 'outcome_reviews', 'outcome_ratings',
  'wellbeing_answers', 'cost_events', 'leave', 'capacity_changes', 'unit_costs'];
const counts = (db) => Object.fromEntries(tables.map((t) => [t, count(db, t)]));
const today = new Date().toISOString().slice(0, 10);

let demo;
before(async () => { demo = await yorkDatabase({ history: true }); });

test('load-demo invents 18 months of introductions and what followed, in range', () => {
  const n = counts(demo);
  // 5 areas x 18 months x about 25.
  assert.ok(n.introductions >= 1800 && n.introductions <= 2800, `introductions ${n.introductions}`);
  assert.ok(n.people >= 0.55 * n.introductions && n.people <= 0.9 * n.introductions,
    `people ${n.people}`);
  assert.ok(n.conversations >= 3 * n.people, `conversations ${n.conversations}`);
  assert.ok(n.outcome_reviews > 500 && n.outcome_ratings > 4 * n.outcome_reviews * 0.8,
    `sittings ${n.outcome_reviews}, ratings ${n.outcome_ratings}`);
  assert.ok(n.wellbeing_answers > 200, `ONS four ${n.wellbeing_answers}`);
  assert.ok(n.cost_events > 100, `cost events ${n.cost_events}`);
  assert.ok(n.leave >= 10, `leave ${n.leave}`);
  // Each area's history spans 18 months, with last quarter in it.
  const months = Number(sql(demo, 'SELECT count(DISTINCT substr(received_at, 1, 7)) FROM introductions'));
  assert.ok(months >= 18 && months <= 19, `months ${months}`);
  const kinds = sql(demo, 'SELECT DISTINCT kind FROM involvements ORDER BY kind').split('\n');
  assert.deepEqual(kinds, ['short_term', 'walking_alongside']);
  assert.ok(Number(sql(demo, 'SELECT count(*) FROM involvements WHERE ended_on IS NOT NULL')) > 100);
  // Returns: a second involvement for a person, with no introduction.
  assert.ok(Number(sql(demo, `SELECT count(*) FROM (SELECT person_id FROM involvement_people
    GROUP BY person_id HAVING count(*) > 1) r`)) > 5);
  assert.ok(Number(sql(demo, 'SELECT count(*) FROM outcome_reviews WHERE declined = 1')) > 0);
  assert.ok(Number(sql(demo, 'SELECT count(DISTINCT kind) FROM cost_events')) >= 5);
  // Modest improvement: the average rating of reviews above that of starts.
  const mean = (point) => Number(sql(demo, `SELECT avg(g.rating) FROM outcome_ratings g
    JOIN outcome_reviews r ON r.id = g.review_id WHERE r.point = '${point}'`));
  assert.ok(mean('review') > mean('start'), `start ${mean('start')}, review ${mean('review')}`);
  assert.ok(mean('review') - mean('start') < 1.5);
});

test('every introduction has its history, replies mostly within three working days', () => {
  assert.equal(Number(sql(demo, `SELECT count(*) FROM introductions i WHERE NOT EXISTS
    (SELECT 1 FROM introduction_history h WHERE h.introduction_id = i.id AND h.status = 'new')`)), 0);
  assert.equal(Number(sql(demo, `SELECT count(*) FROM introductions i WHERE i.status <> 'new'
    AND NOT EXISTS (SELECT 1 FROM introduction_history h WHERE h.introduction_id = i.id
    AND h.status = 'contacted')`)), 0);
  // Due three working days on, so never on a Saturday or Sunday.
  const dues = sql(demo, 'SELECT DISTINCT due_on FROM introductions').split('\n');
  assert.ok(dues.every((d) => ![0, 6].includes(new Date(d + 'T12:00:00Z').getUTCDay())));
  // Replied on or before the day due, for most.
  const onTime = Number(sql(demo, `SELECT count(*) FROM introductions i JOIN introduction_history h
    ON h.introduction_id = i.id AND h.status = 'contacted' WHERE substr(h.at, 1, 10) <= i.due_on`));
  const replied = Number(sql(demo, "SELECT count(*) FROM introduction_history WHERE status = 'contacted'"));
  assert.ok(onTime / replied > 0.75 && onTime < replied, `${onTime} of ${replied} on time`);
  // Every person came from an introduction, and it names them.
  assert.equal(Number(sql(demo, `SELECT count(*) FROM introductions
    WHERE status IN ('walking_alongside', 'information_only') AND person_id IS NULL`)), 0);
});

test('nothing is dated after today', () => {
  for (const [table, column] of [['introductions', 'received_at'], ['introduction_history', 'at'],
    ['conversations', 'at'], ['involvements', 'started_on'], ['involvements', 'ended_on'],
    ['outcome_reviews', 'taken_on'], ['wellbeing_answers', 'taken_on'],
    ['cost_events', 'happened_on']]) {
    const last = sql(demo, `SELECT max(substr(${column}, 1, 10)) FROM ${table}`);
    assert.ok(last <= today, `${table}.${column}: ${last} after ${today}`);
  }
});

test('the five domains and the invented unit costs, saying they are invented', () => {
  assert.equal(sql(demo, "SELECT id FROM outcome_statements WHERE framework = 'five_domains' ORDER BY position"),
    ['safe', 'strong', 'connected', 'healthy', 'in-control'].map((k) => `outcome-${k}-1`).join('\n'));
  assert.equal(count(demo, 'unit_costs'), 8);
  assert.equal(Number(sql(demo, `SELECT count(*) FROM unit_costs
    WHERE source = 'Invented for the demo: replace with your council''s figures'`)), 8);
  // Clearly invented names.
  assert.equal(Number(sql(demo, `SELECT count(*) FROM introductions WHERE person_name NOT LIKE '% Example'
    AND person_name NOT LIKE '% Sample' AND person_name NOT LIKE '% Specimen' AND person_name NOT LIKE '% Madeup'
    AND person_name NOT LIKE '% Pretend' AND person_name NOT LIKE '% Fictional' AND person_name NOT LIKE '% Invented'
    AND person_name NOT LIKE '% Testcase' AND person_name NOT LIKE '% Dummy' AND person_name NOT LIKE '% Placeholder'
    AND person_name NOT LIKE '% Notreal' AND person_name NOT LIKE '% Democase'`)), 0);
});

test('running load-demo again adds nothing', () => {
  const before = counts(demo);
  const out = spawnSync(join(root, 'scripts/load-demo'), [demo], {
    cwd: root, encoding: 'utf8',
    env: { ...process.env, ALONGSIDE_MIGRATE_DB: ownerUrl(demo) },
  });
  assert.equal(out.status, 0, out.stderr);
  assert.deepEqual(counts(demo), before);
  // And the tool itself says why it did nothing.
  const again = invent(demo);
  assert.equal(again.status, 0, again.stderr);
  assert.match(again.stdout, /already has introductions: nothing invented/);
  assert.deepEqual(counts(demo), before);
});

test('the same seed and day give the same rows; another seed others', async () => {
  const [a, b, c] = await Promise.all([yorkDatabase(), yorkDatabase(), yorkDatabase()]);
  for (const [db, seed] of [[a, '5'], [b, '5'], [c, '6']]) {
    const r = invent(db, '--seed', seed, '--today', '2026-06-30');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /invented \d+ people/);
  }
  const rows = (db) => sql(db, `SELECT id, status, person_name, received_at, due_on
    FROM introductions ORDER BY id`);
  const talks = (db) => sql(db, 'SELECT id, at, how FROM conversations ORDER BY id');
  assert.equal(rows(a), rows(b));
  assert.equal(talks(a), talks(b));
  assert.notEqual(rows(a), rows(c));
  // Dated from the day given: nothing after it, the last quarter full.
  assert.ok(sql(a, 'SELECT max(received_at) FROM introductions') < '2026-06-30');
  assert.ok(Number(sql(a, "SELECT count(*) FROM introductions WHERE received_at >= '2026-04-01'")) > 300);
});

test('bad arguments are refused with a clear message and change nothing', async () => {
  const db = await yorkDatabase();
  for (const [args, message] of [
    [['--scale', 'huge'], /--scale: demo or bench/],
    [['--scale', 'demo', '--today', '2026-13-45'], /--today: a day as YYYY-MM-DD/],
    [['--scale', 'demo', '--seed', 'many'], /--seed: not a whole number/],
    [['--scale'], /usage: invent_programme/],
  ]) {
    const r = spawnSync(tool, ['--db', db, ...args], { encoding: 'utf8' });
    assert.notEqual(r.status, 0, args.join(' '));
    assert.match(r.stderr, message);
  }
  assert.equal(count(db, 'introductions'), 0);
  assert.equal(count(db, 'unit_costs'), 0);
});
